/*
 * Atomic replacement: the new content goes to a temporary file in the same
 * directory (so rename stays within one file system), is flushed with fsync,
 * renamed over the old file, and the directory is flushed so the rename
 * itself survives a power cut.  A reader sees the old file or the new one,
 * never a mix, and any failure leaves the old file untouched.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "failpoint.h"
#include "fsio.h"
#include "xalloc.h"

#ifdef SES_FAILPOINTS
/*
 * The failpoint table: set by tests through failpoint_set, or through
 * SES_MIGRATE_FAILPOINTS="write=once,fsync-dir=always" in the environment.
 */
static struct {
	char	name[16];
	int	always;
	int	spent;
} points[16];
static int npoints = -1;

void
failpoint_set(const char *name, int always)
{
	if (npoints < 0)
		npoints = 0;
	if (npoints < 16) {
		snprintf(points[npoints].name, sizeof(points[npoints].name), "%s", name);
		points[npoints].always = always;
		points[npoints++].spent = 0;
	}
}

void
failpoint_clear(void)
{
	npoints = 0;
}

/* Should the call named name fail now?  Sets errno like a real failure. */
int
failpoint(const char *name)
{
	if (npoints < 0) {
		const char *env = getenv("SES_MIGRATE_FAILPOINTS");

		npoints = 0;
		while (env != NULL && *env != '\0') {
			size_t n = strcspn(env, "=,");
			char one[16];

			snprintf(one, sizeof(one), "%.*s", (int)n, env);
			env += n;
			failpoint_set(one, strncmp(env, "=always", 7) == 0);
			env += strcspn(env, ",");
			if (*env == ',')
				env++;
		}
	}
	for (int i = 0; i < npoints; i++) {
		if (strcmp(points[i].name, name) != 0 || points[i].spent)
			continue;
		if (!points[i].always)
			points[i].spent = 1;
		errno = strcmp(name, "write") == 0 ? ENOSPC : EIO;
		return 1;
	}
	return 0;
}
#endif

static enum fsio_status
fail(struct fsio_error *e, const char *what)
{
	e->errnum = errno;
	e->what = what;
	return FSIO_ERROR;
}

/* Read a whole regular file, refusing one larger than max bytes. */
enum fsio_status
fsio_read(const char *path, size_t max, char **data, size_t *len,
    struct fsio_error *e)
{
	struct stat st;
	char *p;
	size_t got = 0;
	int fd;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		if (errno == ENOENT)
			return FSIO_NOENT;
		/* A symbolic link in place of the state is refused, not followed. */
		return fail(e, "open");
	}
	if (fstat(fd, &st) < 0) {
		fail(e, "stat");
		close(fd);
		return FSIO_ERROR;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return fail(e, "open");
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return FSIO_TOOBIG;
	}
	p = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		ssize_t n;

		if (got == (size_t)st.st_size + 1) {
			/* The file grew while we read it: too big or changing. */
			free(p);
			close(fd);
			return FSIO_TOOBIG;
		}
		n = read(fd, p + got, (size_t)st.st_size + 1 - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fail(e, "read");
			free(p);
			close(fd);
			return FSIO_ERROR;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	p[got] = '\0';
	*data = p;
	*len = got;
	return FSIO_OK;
}

static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The directory part of path ("." if none); the caller frees it. */
char *
fsio_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The name of the previous version kept beside a state: "PATH.prev". */
char *
fsio_prev_path(const char *path)
{
	return xasprintf("%s.prev", path);
}

/*
 * Replace path with data, mode 0600; on failure the old file is left
 * byte for byte as it was, and so is PATH.prev.  The old file is kept
 * under a second name (a hard link) until the new one is safely in place:
 * it is put back if the directory cannot be flushed after the rename, and
 * becomes PATH.prev on success, the version to go back to if the state is
 * ever broken by hand.
 */
enum fsio_status
fsio_replace(const char *path, const char *data, size_t len,
    struct fsio_error *e)
{
	char *dir = fsio_dirname(path);
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	char *prev = fsio_prev_path(path);
	char *prev_tmp = xasprintf("%s.tmp.%ld", prev, (long)getpid());
	enum fsio_status st = FSIO_OK;
	int fd, dfd, have_prev = 0, had_old;

	e->replaced = 0;
	/* O_EXCL|O_NOFOLLOW: never write through a planted link. */
	unlink(tmp);
	fd = failpoint("open") ? -1 :
	    open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		st = fail(e, "open");
		goto out;
	}
	if (failpoint("write") || write_all(fd, data, len) < 0) {
		st = fail(e, "write");
		close(fd);
		goto unlink;
	}
	if (failpoint("fsync") || fsync(fd) < 0) {
		st = fail(e, "fsync");
		close(fd);
		goto unlink;
	}
	if (failpoint("close")) {
		close(fd);
		st = fail(e, "close");
		goto unlink;
	}
	if (close(fd) < 0) {
		st = fail(e, "close");
		goto unlink;
	}
	/* Hold on to the old file under a second name until the new one is safe. */
	had_old = access(path, F_OK) == 0;
	unlink(prev_tmp);
	have_prev = had_old && link(path, prev_tmp) == 0;
	if (failpoint("rename") || rename(tmp, path) < 0) {
		st = fail(e, "rename");
		goto unlink;
	}
	dfd = failpoint("open-dir") ? -1 : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || failpoint("fsync-dir") || fsync(dfd) < 0) {
		st = fail(e, dfd < 0 ? "open" : "fsync");
		if (dfd >= 0)
			close(dfd);
		/* Put the old file back: the caller is told nothing changed. */
		if (have_prev ? rename(prev_tmp, path) == 0 :
		    !had_old && unlink(path) == 0)
			have_prev = 0;
		else
			e->replaced = 1;
		goto out;
	}
	close(dfd);
	/* Saved: the old file becomes the previous version. */
	if (have_prev && rename(prev_tmp, prev) == 0)
		have_prev = 0;
	goto out;
unlink:
	unlink(tmp);
out:
	if (have_prev)
		unlink(prev_tmp);
	free(prev_tmp);
	free(prev);
	free(tmp);
	free(dir);
	return st;
}

/* mkdir -p with mode 0700: state directories hold nobody else's business. */
enum fsio_status
fsio_mkdirs(const char *dir, struct fsio_error *e)
{
	char *p = xstrdup(dir);
	enum fsio_status st = FSIO_OK;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			st = fail(e, "mkdir");
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return st;
}

/* Open a file to read it in pieces; see fsio_read_some. */
enum fsio_status
fsio_open_read(const char *path, int *fd, struct fsio_error *e)
{
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		fail(e, "open");
		return errno == ENOENT ? FSIO_NOENT : FSIO_ERROR;
	}
	return FSIO_OK;
}

/* Read up to size bytes; *got is 0 at the end of the file. */
enum fsio_status
fsio_read_some(int fd, char *buf, size_t size, size_t *got,
    struct fsio_error *e)
{
	ssize_t n;

	do
		n = read(fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return fail(e, "read");
	*got = (size_t)n;
	return FSIO_OK;
}

/* Whether a file exists at path (a link is not followed). */
int
fsio_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

enum fsio_status
fsio_rewind(int fd, struct fsio_error *e)
{
	return lseek(fd, 0, SEEK_SET) < 0 ? fail(e, "lseek") : FSIO_OK;
}

void
fsio_close(int fd)
{
	if (fd >= 0)
		close(fd);
}
