/* Times: their one form in files, and the clock actions read. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "xalloc.h"

time_t
clock_now(void)
{
	const char *fixed = getenv("SES_MIGRATE_NOW");

	if (fixed != NULL && time_valid(fixed))
		return time_parse(fixed);
	return time(NULL);
}

char *
time_format(time_t t)
{
	struct tm tm;
	char s[32];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(s);
}

static int
number(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
time_valid(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, mo, d;
	size_t i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	}
	if (s[i] != '\0')
		return 0;
	y = number(s, 4);
	mo = number(s + 5, 2);
	d = number(s + 8, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > days[mo - 1] + (mo == 2 && leap(y)))
		return 0;
	return number(s + 11, 2) < 24 && number(s + 14, 2) < 60 &&
	    number(s + 17, 2) < 60;
}

time_t
time_parse(const char *s)
{
	/* Days before each month in a common year. */
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	long y, mo, days;

	if (s == NULL || !time_valid(s))
		return 0;
	/*
	 * UTC by arithmetic, not timegm: a state holds thousands of times and
	 * timegm costs a hundred times more.  time_valid allows 1970 on, so
	 * the leap days before year y are those of 1970..y-1.
	 */
	y = number(s, 4);
	mo = number(s + 5, 2);
	days = (y - 1970) * 365 + ((y - 1) / 4 - 1969 / 4) - ((y - 1) / 100 - 1969 / 100) +
	    ((y - 1) / 400 - 1969 / 400) + before[mo - 1] + (mo > 2 && leap((int)y)) +
	    number(s + 8, 2) - 1;
	return (time_t)days * 86400 + number(s + 11, 2) * 3600L +
	    number(s + 14, 2) * 60L + number(s + 17, 2);
}
