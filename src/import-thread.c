/* The import's helper threads, small and sharing one malloc arena: see import-thread.h. */
#include <config.h>

#ifdef HAVE_MALLOC_H
#include <malloc.h>
#endif
#include <pthread.h>

#include "import-thread.h"

int
import_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	int rc;

#ifdef M_ARENA_MAX
	(void)mallopt(M_ARENA_MAX, 1);
#endif
	if (pthread_attr_init(&attr) != 0)
		return -1;
	(void)pthread_attr_setstacksize(&attr, 256 * 1024);
	rc = pthread_create(t, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return rc == 0 ? 0 : -1;
}
