/* Dotted version numbers: 2.6.10, 2.7.1.1234, 8.0.11. */
#ifndef SES_VERSION_H
#define SES_VERSION_H

#define VERSION_MAX_LEN 64

int version_valid(const char *v);
int version_cmp(const char *a, const char *b);
int version_same_series(const char *v, const char *series);

#endif
