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

long
time_of_day(const char *s)
{
	long h, mi, sec;

#define D(i) ((unsigned)(s[i] - '0') < 10)
	/* In order, so that a shorter string stops at its NUL. */
	if (!(D(0) && D(1) && s[2] == ':' && D(3) && D(4) && s[5] == ':' && D(6) && D(7) &&
	    s[8] == 'Z' && s[9] == '\0'))
		return -1;
#undef D
	h = number(s, 2);
	mi = number(s + 3, 2);
	sec = number(s + 6, 2);
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	return h * 3600 + mi * 60 + sec;
}

/*
 * Read "2026-06-30T14:05:00Z" into *t; 0 if it is not such a time.  In one
 * pass, by arithmetic rather than timegm: a state holds tens of thousands
 * of times, each checked and read, and timegm costs a hundred times more.
 */
int
time_read(const char *s, time_t *t)
{
	/* Days in each month, and before each, in a common year. */
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	static const int before[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
	long y, mo, d, n, tod;

#define D(i) ((unsigned)(s[i] - '0') < 10)
	if (s == NULL || !(D(0) && D(1) && D(2) && D(3) && s[4] == '-' && D(5) && D(6) &&
	    s[7] == '-' && D(8) && D(9) && s[10] == 'T') || (tod = time_of_day(s + 11)) < 0)
		return 0;
#undef D
	y = number(s, 4);
	mo = number(s + 5, 2);
	d = number(s + 8, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days[mo - 1] + (mo == 2 && leap((int)y)))
		return 0;
	/* From 1970 on, the leap days before year y are those of 1970..y-1. */
	n = (y - 1970) * 365 + ((y - 1) / 4 - 1969 / 4) - ((y - 1) / 100 - 1969 / 100) +
	    ((y - 1) / 400 - 1969 / 400) + before[mo - 1] + (mo > 2 && leap((int)y)) + d - 1;
	*t = (time_t)n * 86400 + tod;
	return 1;
}

int
time_valid(const char *s)
{
	time_t t;

	return time_read(s, &t);
}

time_t
time_parse(const char *s)
{
	time_t t;

	return time_read(s, &t) ? t : 0;
}
