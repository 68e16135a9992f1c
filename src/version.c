/*
 * Version numbers are compared part by part as integers of any size, so
 * 1.4.10 > 1.4.9 and a build number (3.2.1.1234) never overflows anything.
 * Missing parts count as zero: 3.2.1 == 3.2.1.0.
 */
#include <config.h>

#include <string.h>

#include "version.h"

/* Digits separated by single dots, at most VERSION_MAX_LEN characters. */
int
version_valid(const char *v)
{
	size_t len = 0;
	int digits = 0;

	for (; *v != '\0'; v++, len++) {
		if (len >= VERSION_MAX_LEN)
			return 0;
		if (*v >= '0' && *v <= '9')
			digits++;
		else if (*v == '.' && digits > 0)
			digits = 0;
		else
			return 0;
	}
	return digits > 0;
}

/* Compare the numeric part starting at *a and *b; advance both past it. */
static int
part_cmp(const char **a, const char **b)
{
	const char *pa = *a, *pb = *b;
	size_t la, lb;
	int c;

	while (*pa == '0' && pa[1] >= '0' && pa[1] <= '9')
		pa++;
	while (*pb == '0' && pb[1] >= '0' && pb[1] <= '9')
		pb++;
	la = strspn(pa, "0123456789");
	lb = strspn(pb, "0123456789");
	*a = pa + la;
	*b = pb + lb;
	if (la != lb)
		return la < lb ? -1 : 1;
	c = strncmp(pa, pb, la);
	return c < 0 ? -1 : c > 0;
}

/* <0, 0 or >0 as a is older than, equal to or newer than b (both valid). */
int
version_cmp(const char *a, const char *b)
{
	static const char zero[] = "0";
	int c;

	while (*a != '\0' || *b != '\0') {
		const char *pa = *a != '\0' ? a : zero;
		const char *pb = *b != '\0' ? b : zero;
		const char *ea = pa, *eb = pb;

		c = part_cmp(&ea, &eb);
		if (c != 0)
			return c;
		a = *a != '\0' ? ea : a;
		b = *b != '\0' ? eb : b;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return 0;
}

/*
 * True when v belongs to the series given by its leading parts: "5.0.17"
 * is in "5.0"; "6.0.1" and "5.1.2" are not.  Parts compare as
 * numbers, so "05.0.3" is in "5.0" too.
 */
int
version_same_series(const char *v, const char *series)
{
	while (*series != '\0') {
		if (*v == '\0' || part_cmp(&v, &series) != 0)
			return 0;
		if (*series == '.') {
			if (*v != '.')
				return 0;
			series++;
			v++;
		}
	}
	return 1;
}
