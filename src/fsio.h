/*
 * File I/O for state files: reading whole files and replacing them
 * atomically.  Everything that touches the disk for a state goes through
 * here, so crash and error handling are in one place.
 */
#ifndef SES_FSIO_H
#define SES_FSIO_H

#include <stddef.h>

enum fsio_status {
	FSIO_OK,
	FSIO_NOENT,		/* the file does not exist */
	FSIO_TOOBIG,		/* larger than the caller's limit */
	FSIO_ERROR		/* see errno_out and what */
};

struct fsio_error {
	int		 errnum;	/* errno of the failed call */
	const char	*what;		/* which operation failed: "open", "write"... */
	int		 replaced;	/* the new file is in place all the same */
};

enum fsio_status fsio_read(const char *path, size_t max, char **data,
    size_t *len, struct fsio_error *e);
enum fsio_status fsio_replace(const char *path, const char *data, size_t len,
    struct fsio_error *e);
enum fsio_status fsio_mkdirs(const char *dir, struct fsio_error *e);
char *fsio_dirname(const char *path);
char *fsio_prev_path(const char *path);
int fsio_exists(const char *path);
enum fsio_status fsio_open_read(const char *path, int *fd,
    struct fsio_error *e);
enum fsio_status fsio_read_some(int fd, char *buf, size_t size, size_t *got,
    struct fsio_error *e);
enum fsio_status fsio_rewind(int fd, struct fsio_error *e);
void fsio_close(int fd);

#endif
