/* Allocation that never returns NULL. */
#ifndef SES_XALLOC_H
#define SES_XALLOC_H

#include <stddef.h>

/* size bytes, never NULL: out of memory calls the failure handler, then aborts. */
void *xmalloc(size_t size);
/* Zeroed room for n elements of size bytes; never NULL, as xmalloc. */
void *xcalloc(size_t n, size_t size);
/* p resized to n elements of size bytes; an overflowing n * size is out of memory. */
void *xreallocarray(void *p, size_t n, size_t size);
/*
 * Room for element n of an array that holds n elements of size bytes, all
 * of it grown by this function: the capacity doubles, so appending stays
 * linear however long the array gets.
 */
void *xappend(void *p, size_t n, size_t size);
/* A copy of s, which the caller frees; never NULL. */
char *xstrdup(const char *s);
/* A copy of at most n bytes of s, NUL-terminated; the caller frees it. */
char *xstrndup(const char *s, size_t n);
/* The formatted string, which the caller frees; never NULL. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * What to do when memory runs out: the front end says so and exits (the
 * state on disk is whole: every save is atomic).  The default aborts.
 */
void xalloc_on_failure(void (*fn)(void));

#endif
