/*
 * One writer at a time: a lock file beside the state, held for the whole
 * life of a process that changes it.  Readers never take it.
 */
#ifndef SES_LOCK_H
#define SES_LOCK_H

struct lock {
	int	 fd;		/* -1: not held */
};

enum lock_status {
	LOCK_OK,
	LOCK_BUSY,		/* another process holds it: see the message */
	LOCK_ERROR
};

/* Locks the state for who without waiting; on failure *err, which the caller frees. */
enum lock_status lock_acquire(const char *state_path, const char *who,
    struct lock *l, char **err);
/* Lets go of the lock if l holds it; l is then not held. */
void lock_release(struct lock *l);
/* The lock file's name, "PATH.lock"; the caller frees it. */
char *lock_path(const char *state_path);

#endif
