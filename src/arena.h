/*
 * Memory for what a large state holds by the ten thousand: taken in huge
 * pages where the system gives them, and strings packed in blocks freed
 * all at once.  A process reads its state once and exits: in 4 KiB pages
 * the page faults of a 4 MiB state cost more than reading it (a fault is
 * tens of microseconds on a virtual machine).
 */
#ifndef SES_ARENA_H
#define SES_ARENA_H

#include <stddef.h>

/*
 * n elements of size bytes, in huge pages when the whole is at least
 * 256 KiB and the system allows (the rest of the 2 MiB page is address
 * space, not memory, until touched); freed with free().  Zeroed if asked.
 */
void *big_alloc(size_t n, size_t size, int zeroed);

struct arena_chunk;

/* Blocks of bytes that live until arena_free; an all-zero arena is empty. */
struct arena {
	struct arena_chunk	*head;
};

/* Room for at least this many bytes more before the next chunk (a hint). */
void arena_reserve(struct arena *a, size_t bytes);
/* bytes of the arena's memory, never NULL. */
char *arena_alloc(struct arena *a, size_t bytes);
/* Frees every block; the arena is empty again. */
void arena_free(struct arena *a);

#endif
