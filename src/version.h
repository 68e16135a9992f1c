/* Dotted version numbers: 1.4.10, 3.2.1.1234, 5.0.17. */
#ifndef SES_VERSION_H
#define SES_VERSION_H

#define VERSION_MAX_LEN 64

/* Whether v is digits separated by single dots, at most VERSION_MAX_LEN characters. */
int version_valid(const char *v);
/* Negative, 0 or positive as a is older than, equal to or newer than b (both valid). */
int version_cmp(const char *a, const char *b);
/* Whether v is in series, its leading parts compared as numbers: "5.0.17" in "5.0". */
int version_same_series(const char *v, const char *series);

#endif
