/*
 * File I/O for state files: reading whole files and replacing them
 * atomically.  Everything that touches the disk for a state goes through
 * here, so crash and error handling are in one place.
 */
#ifndef SES_FSIO_H
#define SES_FSIO_H

#include <stddef.h>
#include <sys/types.h>

enum fsio_status {
	FSIO_OK,
	FSIO_NOENT,		/* the file does not exist */
	FSIO_TOOBIG,		/* larger than the caller's limit */
	FSIO_NOTFILE,		/* a directory, a FIFO, a device: not a regular file */
	FSIO_ERROR,		/* see errnum and what */
	FSIO_REFUSED		/* path + suffix is not a file to touch: what says why */
};

struct fsio_error {
	int		 errnum;	/* errno of the failed call */
	const char	*what;		/* which operation failed: "open", "write"... */
	int		 replaced;	/* the new file is in place all the same */
	const char	*suffix;	/* FSIO_REFUSED: which file, after the path */
};

/* A regular file of at most max bytes into *data, NUL-terminated; the caller frees it. */
enum fsio_status fsio_read(const char *path, size_t max, char **data,
    size_t *len, struct fsio_error *e);
/* Replaces path atomically; on failure nothing changed unless e->replaced says so. */
enum fsio_status fsio_replace(const char *path, const char *data, size_t len,
    struct fsio_error *e);
/* Creates dir and its missing parents, mode 0700; those already there are fine. */
enum fsio_status fsio_mkdirs(const char *dir, struct fsio_error *e);
/* Whether path (or fd, if not -1) is a file of ours: regular, one link, owned by us or owner. */
int fsio_ours(const char *path, uid_t owner, int fd, struct fsio_error *e,
    const char *suffix);
/* The owner of the state at path, or this process when there is none. */
void fsio_owner(const char *path, uid_t *uid, gid_t *gid);
/* Mode 0600 and, under root, the state's owner. */
int fsio_own(int fd, uid_t uid, gid_t gid);
/*
 * Write -o FILE atomically, unless it is one of avoid (NULL-terminated) or
 * a temporary file of a save of state.
 */
enum fsio_status fsio_write_output(const char *path, const char *data,
    size_t len, const char *state, const char *const *avoid,
    struct fsio_error *e);
/* The directory part of path ("." if none); the caller frees it. */
char *fsio_dirname(const char *path);
/* "PATH.prev", where the previous version of a state is kept; the caller frees it. */
char *fsio_prev_path(const char *path);
/* Whether something exists at path (a link is not followed). */
int fsio_exists(const char *path);
/* Opens path into *fd to read it in pieces; close it with fsio_close. */
enum fsio_status fsio_open_read(const char *path, int *fd,
    struct fsio_error *e);
/* Reads up to size bytes into buf; *got is 0 at the end of the file. */
enum fsio_status fsio_read_some(int fd, char *buf, size_t size, size_t *got,
    struct fsio_error *e);
/* Goes back to the start of fd; FSIO_ERROR, e set, if it cannot. */
enum fsio_status fsio_rewind(int fd, struct fsio_error *e);
/* Closes fd; a negative fd is ignored. */
void fsio_close(int fd);

/* A new private directory (mode 0700) under $TMPDIR or /tmp; NULL, errno set, on failure. */
char *fsio_temp_dir(const char *prefix);
/* Removes the files directly in dir, then dir; what it cannot remove stays. */
void fsio_remove_dir(const char *dir);

/* What tells one version of a file from the next without reading it. */
struct fsio_stamp {
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	long long	 mtime_ns;
	int		 exists;
};
/* The stamp of path as it is now (exists 0 when there is nothing there). */
void fsio_stamp(const char *path, struct fsio_stamp *out);
/* Whether two stamps are of the same version of a file. */
int fsio_stamp_same(const struct fsio_stamp *a, const struct fsio_stamp *b);

#endif
