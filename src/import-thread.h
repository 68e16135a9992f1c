/* The import's helper threads: see import_thread. */
#ifndef SES_IMPORT_THREAD_H
#define SES_IMPORT_THREAD_H

#include <pthread.h>

/*
 * Starts a thread of the import's with a small stack (they call nothing
 * deep), sharing the main thread's malloc arena: glibc would otherwise
 * reserve 8 MiB of stack and 64 MiB of heap address space for each, more
 * than the import's whole memory budget.  0 if it started.
 */
int import_thread(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
