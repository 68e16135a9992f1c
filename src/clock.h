/*
 * Times as a state file holds them (ISO 8601, UTC, to the second), and the
 * clock actions are stamped with: the system's, unless SES_MIGRATE_NOW
 * fixes it (tests, and reports rendered as of a given moment).
 */
#ifndef SES_CLOCK_H
#define SES_CLOCK_H

#include <time.h>

/* Now, from SES_MIGRATE_NOW (a time_format string) when it is set and valid. */
time_t clock_now(void);
/* t as 2026-06-30T14:05:00Z; the caller frees it. */
char *time_format(time_t t);
/* Whether s is a time as time_format writes it, and a real one (no 30 February). */
int time_valid(const char *s);
/* Both at once: whether s is such a time, and which (in *t). */
int time_read(const char *s, time_t *t);
/*
 * The seconds into its day of a time's last ten bytes, "14:05:00Z" and
 * its end (what time_read reads after the 'T'); -1 if they are not such.
 */
long time_of_day(const char *s);
/* A time_valid string as a time_t. */
time_t time_parse(const char *s);

#endif
