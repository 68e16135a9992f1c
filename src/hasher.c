/*
 * The hashing thread takes the buffers in the order they were given; the
 * caller may run ahead of it by HASHER_BUFFERS - 1 buffers, no more, so the
 * memory stays bounded whatever the speed of either.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "hasher.h"
#include "import-thread.h"
#include "xalloc.h"

static void *
run(void *arg)
{
	struct hasher *h = arg;

	pthread_mutex_lock(&h->mutex);
	for (;;) {
		size_t i;

		while (h->hashed == h->given && !h->stop)
			pthread_cond_wait(&h->cond, &h->mutex);
		if (h->hashed == h->given)
			break;
		i = h->hashed % HASHER_BUFFERS;
		pthread_mutex_unlock(&h->mutex);
		digest_update(&h->d, h->buf[i], h->len[i]);
		pthread_mutex_lock(&h->mutex);
		h->hashed++;
		pthread_cond_broadcast(&h->cond);
	}
	pthread_mutex_unlock(&h->mutex);
	return NULL;
}

void
hasher_start(struct hasher *h, size_t size)
{
	memset(h, 0, sizeof(*h));
	digest_init(&h->d);
	h->size = size;
	for (size_t i = 0; i < HASHER_BUFFERS; i++)
		h->buf[i] = xmalloc(size);
	pthread_mutex_init(&h->mutex, NULL);
	pthread_cond_init(&h->cond, NULL);
	/* No thread to be had: the caller hashes each buffer as it gives it. */
	h->threaded = import_thread(&h->thread, run, h) == 0;
}

char *
hasher_buffer(struct hasher *h)
{
	if (h->threaded) {
		pthread_mutex_lock(&h->mutex);
		while (h->given - h->hashed >= HASHER_BUFFERS)
			pthread_cond_wait(&h->cond, &h->mutex);
		pthread_mutex_unlock(&h->mutex);
	}
	return h->buf[h->given % HASHER_BUFFERS];
}

void
hasher_give(struct hasher *h, size_t len)
{
	size_t i = h->given % HASHER_BUFFERS;

	if (!h->threaded) {
		digest_update(&h->d, h->buf[i], len);
		h->given++;
		h->hashed++;
		return;
	}
	pthread_mutex_lock(&h->mutex);
	h->len[i] = len;
	h->given++;
	pthread_cond_broadcast(&h->cond);
	pthread_mutex_unlock(&h->mutex);
}

void
hasher_end(struct hasher *h, char out[65])
{
	if (h->threaded) {
		pthread_mutex_lock(&h->mutex);
		h->stop = 1;
		pthread_cond_broadcast(&h->cond);
		pthread_mutex_unlock(&h->mutex);
		pthread_join(h->thread, NULL);
	}
	if (out != NULL)
		digest_hex(&h->d, out);
	pthread_mutex_destroy(&h->mutex);
	pthread_cond_destroy(&h->cond);
	for (size_t i = 0; i < HASHER_BUFFERS; i++)
		free(h->buf[i]);
	memset(h, 0, sizeof(*h));
}
