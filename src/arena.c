/* Huge-page allocations and the string arena: see arena.h. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arena.h"
#include "xalloc.h"

#define HUGE_PAGE	(2u << 20)
#define BIG_MIN		(256u << 10)
#define CHUNK_MIN	(64u << 10)

void *
big_alloc(size_t n, size_t size, int zeroed)
{
	size_t bytes = n * size;
	void *p;

	if (size != 0 && bytes / size != n)
		return xreallocarray(NULL, n, size);	/* reports the overflow */
	if (zeroed) {
		/*
		 * calloc maps memory this large afresh, which the kernel gives
		 * zeroed as each page is first touched: zeroing it here would
		 * touch every page at once, before it is needed, on this thread.
		 */
		p = xcalloc(n, size);
#ifdef MADV_HUGEPAGE
		if (bytes >= BIG_MIN) {
			uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
			uintptr_t from = ((uintptr_t)p + page - 1) & ~(page - 1);
			uintptr_t to = ((uintptr_t)p + bytes) & ~(page - 1);

			if (to > from)
				(void)madvise((void *)from, to - from, MADV_HUGEPAGE);
		}
#endif
		return p;
	}
	if (bytes < BIG_MIN || bytes > SIZE_MAX - HUGE_PAGE ||
	    posix_memalign(&p, HUGE_PAGE, (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE) != 0)
		return xreallocarray(NULL, n ? n : 1, size ? size : 1);
#ifdef MADV_HUGEPAGE
	(void)madvise(p, (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
#endif
	return p;
}

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 used;
	size_t			 size;
	char			 data[];
};

static void
chunk_new(struct arena *a, size_t bytes)
{
	struct arena_chunk *c;

	if (bytes < CHUNK_MIN)
		bytes = CHUNK_MIN;
	if (bytes > SIZE_MAX / 2)
		bytes = SIZE_MAX / 2;	/* no memory has that much: big_alloc says so */
	c = big_alloc(1, sizeof(*c) + bytes, 0);
	c->next = a->head;
	c->used = 0;
	c->size = bytes;
	a->head = c;
}

/* The current chunk, with room for bytes more: a new one if it has not. */
static struct arena_chunk *
room(struct arena *a, size_t bytes)
{
	if (a->head == NULL || a->head->size - a->head->used < bytes)
		chunk_new(a, bytes);
	return a->head;
}

void
arena_reserve(struct arena *a, size_t bytes)
{
	if (bytes > 0)
		(void)room(a, bytes);
}

char *
arena_alloc(struct arena *a, size_t bytes)
{
	struct arena_chunk *c = room(a, bytes);
	char *p = c->data + c->used;

	c->used += bytes;
	return p;
}

void
arena_free(struct arena *a)
{
	while (a->head != NULL) {
		struct arena_chunk *next = a->head->next;

		free(a->head);
		a->head = next;
	}
}
