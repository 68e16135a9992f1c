/*
 * Allocation helpers.  Running out of memory aborts: every change is on disk
 * before the next one is made, so there is nothing to save at that point, and
 * threading allocation failures through every caller would hide the real
 * error paths (I/O, bad input) that do need care.
 */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void *
checked(void *p)
{
	if (p == NULL)
		abort();
	return p;
}

void *
xmalloc(size_t size)
{
	return checked(malloc(size ? size : 1));
}

void *
xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

/* realloc with an overflow check on n * size. */
void *
xreallocarray(void *p, size_t n, size_t size)
{
	size_t total;

	if (size != 0 && n > SIZE_MAX / size)
		abort();
	total = n * size;
	return checked(realloc(p, total != 0 ? total : 1));
}

char *
xstrdup(const char *s)
{
	return checked(strdup(s));
}

char *
xstrndup(const char *s, size_t n)
{
	return checked(strndup(s, n));
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	va_end(ap);
	return s;
}
