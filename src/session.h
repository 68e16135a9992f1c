/*
 * A working session on one state file: load it (or start a new
 * migration), know who is working, and apply changes one at a time.
 * Shared by the wizard and the command line.
 *
 * A change is made between session_begin and session_commit (or
 * session_abort): only then is the lock held, so one operator can keep the
 * wizard open while another imports agents from a second window.
 */
#ifndef SES_SESSION_H
#define SES_SESSION_H

#include "fsio.h"
#include "lock.h"
#include "model.h"
#include "state.h"

struct session {
	char		*path;
	char		*operator;
	struct model	 model;
	int		 is_new;	/* no file yet: nothing saved so far */
	struct lock	 lock;		/* held between begin and commit */
	char		*disk;		/* the file as last read or written */
	size_t		 disklen;
	int		 disk_shared;	/* disk is the model's source, not a copy of its own */
	int		 refreshed;	/* begin found the file changed by another */
	struct fsio_stamp stamp;	/* the file when last read or written */
};

/* Load the state, or set up a new migration if there is no file; no lock. */
enum state_status session_open(struct session *s, const char *path,
    char **err);
/*
 * Take the lock for a change, and read the file again if another process
 * changed it since: the change then applies to the fresh state.
 */
enum state_status session_begin(struct session *s, char **err);
/*
 * Save the change and let go of the lock.  A model that holds a value the
 * file cannot (STATE_INVALID) or that cannot be written is put back as it
 * was: nothing changes, in memory or on disk.
 */
enum state_status session_commit(struct session *s, char **err);
/*
 * Read the file again if another process changed it since it was last read
 * or written, without the lock (saves replace it whole).  *changed says
 * whether the model now holds another's changes.  A file that no longer
 * loads leaves the model alone, and says why.
 */
enum state_status session_poll(struct session *s, int *changed, char **err);
/* Let go of the lock without saving; the change was refused, the model is unchanged. */
void session_abort(struct session *s);
/* Who acts, and when: the operator, now. */
void session_actor(const struct session *s, struct actor *a);
/* Writes an output (a report, a script) to path atomically, never over the state's own files. */
enum fsio_status session_write_output(const struct session *s, const char *path,
    const char *data, size_t len, struct fsio_error *e);
/* Lets go of any lock and frees all s holds; NULL is a no-op. */
void session_close(struct session *s);
/* The operator's name, from SES_MIGRATE_OPERATOR, sudo, or the account. */
char *operator_name(void);

#endif
