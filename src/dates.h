/*
 * Dates as a reader says them: "1 December 2026, 18:04 UTC" in English,
 * "1 décembre 2026 à 18 h 04 UTC" in French, from the ISO 8601 times the
 * state file holds.  The state keeps UTC, and so do the texts: colleagues
 * in different time zones read the same moment.
 */
#ifndef SES_DATES_H
#define SES_DATES_H

#include <time.h>

/* t in the current language, with its time zone; the caller frees it. */
char *date_text(time_t t);
/* An ISO 8601 time of the state (time_valid) in the current language; else a copy of iso, "?" for NULL. */
char *date_text_iso(const char *iso);

#endif
