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
	long y, mo, d, h, mi, sec, n;

#define D(i) ((unsigned)(s[i] - '0') < 10)
	/* In order, so that a shorter string stops at its NUL. */
	if (s == NULL || !(D(0) && D(1) && D(2) && D(3) && s[4] == '-' && D(5) && D(6) &&
	    s[7] == '-' && D(8) && D(9) && s[10] == 'T' && D(11) && D(12) && s[13] == ':' &&
	    D(14) && D(15) && s[16] == ':' && D(17) && D(18) && s[19] == 'Z' && s[20] == '\0'))
		return 0;
#undef D
	y = number(s, 4);
	mo = number(s + 5, 2);
	d = number(s + 8, 2);
	h = number(s + 11, 2);
	mi = number(s + 14, 2);
	sec = number(s + 17, 2);
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > days[mo - 1] + (mo == 2 && leap((int)y)) || h > 23 || mi > 59 || sec > 59)
		return 0;
	/* From 1970 on, the leap days before year y are those of 1970..y-1. */
	n = (y - 1970) * 365 + ((y - 1) / 4 - 1969 / 4) - ((y - 1) / 100 - 1969 / 100) +
	    ((y - 1) / 400 - 1969 / 400) + before[mo - 1] + (mo > 2 && leap((int)y)) + d - 1;
	*t = (time_t)n * 86400 + h * 3600L + mi * 60L + sec;
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
