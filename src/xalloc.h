/* Allocation that never returns NULL. */
#ifndef SES_XALLOC_H
#define SES_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
/*
 * Room for element n of an array that holds n elements of size bytes, all
 * of it grown by this function: the capacity doubles, so appending stays
 * linear however long the array gets.
 */
void *xappend(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * What to do when memory runs out: the front end says so and exits (the
 * state on disk is whole: every save is atomic).  The default aborts.
 */
void xalloc_on_failure(void (*fn)(void));

#endif
