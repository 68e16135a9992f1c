/*
 * Allocation helpers.  Running out of memory ends the program through the
 * front end's handler: every change is on disk before the next one is made,
 * so there is nothing to save at that point, and threading allocation
 * failures through every caller would hide the real error paths (I/O, bad
 * input) that do need care.
 */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static void (*on_failure)(void);

void
xalloc_on_failure(void (*fn)(void))
{
	on_failure = fn;
}

static void
out_of_memory(void)
{
	if (on_failure != NULL)
		on_failure();
	abort();
}

static void *
checked(void *p)
{
	if (p == NULL)
		out_of_memory();
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
		out_of_memory();
	total = n * size;
	return checked(realloc(p, total != 0 ? total : 1));
}

void *
xappend(void *p, size_t n, size_t size)
{
	/* The capacity is the smallest power of two that holds n. */
	if (n != 0 && (n & (n - 1)) != 0)
		return p;
	if (n > SIZE_MAX / 2)
		out_of_memory();
	return xreallocarray(p, n ? n * 2 : 1, size);
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
		out_of_memory();
	va_end(ap);
	return s;
}
