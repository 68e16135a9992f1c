/*
 * The SHA-256 of a stream, computed on another core while the caller reads
 * and parses it: hashing a large agent list costs as much as splitting it
 * into rows, and both can go at once.  The caller fills the buffers the
 * hasher lends it, hands each back, and reads it while it is hashed (both
 * only read it).  Without a second thread it hashes in place, as before.
 */
#ifndef SES_HASHER_H
#define SES_HASHER_H

#include <pthread.h>
#include <stddef.h>

#include "digest.h"

#define HASHER_BUFFERS	4

struct hasher {
	struct digest	 d;
	char		*buf[HASHER_BUFFERS];
	size_t		 len[HASHER_BUFFERS];
	size_t		 size;		/* of each buffer */
	unsigned long	 given;		/* buffers handed back, ever */
	unsigned long	 hashed;	/* of those, hashed */
	int		 stop;
	int		 threaded;
	pthread_t	 thread;
	pthread_mutex_t	 mutex;
	pthread_cond_t	 cond;
};

/* Starts hashing, with buffers of size bytes; hasher_end releases it. */
void hasher_start(struct hasher *h, size_t size);
/* The next buffer to fill (waits until the hasher is done with it). */
char *hasher_buffer(struct hasher *h);
/* The buffer just filled, len bytes of it, goes to be hashed; the caller may still read it. */
void hasher_give(struct hasher *h, size_t len);
/* Waits for every buffer given, then the digest in hex (NULL: only release). */
void hasher_end(struct hasher *h, char out[65]);

#endif
