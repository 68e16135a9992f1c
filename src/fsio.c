/*
 * Atomic replacement: the new content goes to a temporary file in the same
 * directory (so rename stays within one file system), is flushed with fsync,
 * renamed over the old file, and the directory is flushed so the rename
 * itself survives a power cut.  A reader sees the old file or the new one,
 * never a mix, and any failure leaves the old file untouched.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "failpoint.h"
#include "fsio.h"
#include "i18n.h"
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
	/* O_NONBLOCK: a FIFO in place of the state must not hang the open. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) < 0) {
		if (errno == ENOENT)
			return FSIO_NOENT;
		if (errno == EISDIR)
			return FSIO_NOTFILE;
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
		return FSIO_NOTFILE;
	}
	if ((size_t)st.st_size > max) {
		close(fd);
		return FSIO_TOOBIG;
	}
	/* A large state in huge pages: its page faults cost more than the read. */
	p = big_alloc(1, (size_t)st.st_size + 1, 0);
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
 * Whether a file ses-migrate keeps beside a state (its previous version,
 * its lock) is one it made: a regular file with a single link, owned by
 * this user or by the state's owner.  Anything else (a hard link to some
 * other file, a device) is never written, truncated or replaced.
 */
int
fsio_ours(const char *path, uid_t owner, int fd, struct fsio_error *e,
    const char *suffix)
{
	struct stat st;

	if ((fd >= 0 ? fstat(fd, &st) : lstat(path, &st)) < 0) {
		if (errno == ENOENT)
			return 1;
		fail(e, "stat");
		return 0;
	}
	if (S_ISREG(st.st_mode) && st.st_nlink == 1 &&
	    (st.st_uid == geteuid() || st.st_uid == owner))
		return 1;
	e->errnum = 0;
	e->what = N_("it is not a file ses-migrate made (a second link to another file, a device, or another user's file)");
	e->suffix = suffix;
	return 0;
}

/* Who owns the state at path: its owner, or this user when there is none yet. */
void
fsio_owner(const char *path, uid_t *uid, gid_t *gid)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		*uid = st.st_uid;
		*gid = st.st_gid;
	} else {
		*uid = geteuid();
		*gid = getegid();
	}
}

/*
 * Give a file the state's mode and owner: 0600 whatever the umask, and, for
 * root working on someone else's state, that someone.
 */
int
fsio_own(int fd, uid_t uid, gid_t gid)
{
	if (fchmod(fd, 0600) < 0)
		return -1;
	if (geteuid() == 0 && uid != 0 && fchown(fd, uid, gid) < 0)
		return -1;
	return 0;
}

/* Write data to a new temporary file beside path; its descriptor is closed. */
static enum fsio_status
write_temp(const char *tmp, const char *data, size_t len, int state,
    uid_t uid, gid_t gid, struct fsio_error *e)
{
	enum fsio_status st = FSIO_OK;
	int fd;

	/* O_EXCL|O_NOFOLLOW: never write through a planted link. */
	unlink(tmp);
	fd = failpoint("open") ? -1 :
	    open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    state ? 0600 : 0666);
	if (fd < 0)
		return fail(e, "open");
	if (state && fsio_own(fd, uid, gid) < 0)
		st = fail(e, "chown");
	else if (failpoint("write") || write_all(fd, data, len) < 0)
		st = fail(e, "write");
	else if (failpoint("fsync") || fsync(fd) < 0)
		st = fail(e, "fsync");
	else if (failpoint("close")) {
		close(fd);
		fd = -1;
		st = fail(e, "close");
	}
	if (fd >= 0 && close(fd) < 0 && st == FSIO_OK)
		st = fail(e, "close");
	if (st != FSIO_OK)
		unlink(tmp);
	return st;
}

/*
 * The temporary files a saver killed in the middle of a save left behind
 * (PATH.tmp.PID, PATH.prev.tmp.PID).  The lock is held, so no other save is
 * under way: they are leftovers, and one of them may be a second name of
 * the state or of its previous version, which the checks of the next saves
 * would take for a planted link.  Only regular files are removed.
 */
static void
remove_leftovers(const char *path)
{
	char *dir = fsio_dirname(path), *tmp, *prev_tmp;
	const char *base = strrchr(path, '/');
	struct dirent *de;
	DIR *d;

	base = base != NULL ? base + 1 : path;
	tmp = xasprintf("%s.tmp.", base);
	prev_tmp = xasprintf("%s.prev.tmp.", base);
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			struct stat st;
			char *full;

			if (strncmp(de->d_name, tmp, strlen(tmp)) != 0 &&
			    strncmp(de->d_name, prev_tmp, strlen(prev_tmp)) != 0)
				continue;
			full = xasprintf("%s/%s", dir, de->d_name);
			if (lstat(full, &st) == 0 && S_ISREG(st.st_mode))
				unlink(full);
			free(full);
		}
		closedir(d);
	}
	free(tmp);
	free(prev_tmp);
	free(dir);
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
	int dfd, have_prev = 0, had_old;
	struct stat old;
	uid_t uid;
	gid_t gid;

	e->replaced = 0;
	e->suffix = NULL;
	remove_leftovers(path);
	fsio_owner(path, &uid, &gid);
	had_old = lstat(path, &old) == 0;
	/* A link in place of the state is replaced, never written through. */
	if (had_old && !S_ISREG(old.st_mode) && !S_ISLNK(old.st_mode)) {
		e->errnum = 0;
		e->what = N_("it is not a regular file");
		e->suffix = "";
		st = FSIO_REFUSED;
		goto out;
	}
	if (!fsio_ours(prev, uid, -1, e, ".prev")) {
		st = e->errnum == 0 ? FSIO_REFUSED : FSIO_ERROR;
		goto out;
	}
	if ((st = write_temp(tmp, data, len, 1, uid, gid, e)) != FSIO_OK)
		goto out;
	/* Hold on to the old file under a second name until the new one is safe. */
	if (had_old && S_ISREG(old.st_mode)) {
		unlink(prev_tmp);
		if (failpoint("link") || link(path, prev_tmp) < 0) {
			st = fail(e, "link");
			goto unlink;
		}
		have_prev = 1;
	}
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

/*
 * Write an output (-o FILE) atomically: a temporary file beside it, then a
 * rename, so a reader sees the old file or the new one.  A link is written
 * through to the file it names; a device or a FIFO (-o /dev/stdout) is
 * written as it is.  Refused when it is one of the files in avoid (the
 * state and what lies beside it), by name or by identity.
 */
/* Whether target is one of the temporary files a save of state makes. */
static int
state_temp(const char *state, const char *target)
{
	char *dir = fsio_dirname(state), *rdir = realpath(dir, NULL), *base, *tmp;
	const char *name = strrchr(state, '/');
	int hit;

	free(dir);
	if (rdir == NULL)
		return 0;
	base = xasprintf("%s/%s", rdir, name != NULL ? name + 1 : state);
	tmp = xasprintf("%s.tmp.", base);
	hit = strncmp(target, tmp, strlen(tmp)) == 0;
	free(tmp);
	tmp = xasprintf("%s.prev.tmp.", base);
	hit |= strncmp(target, tmp, strlen(tmp)) == 0;
	free(tmp);
	free(base);
	free(rdir);
	return hit;
}

/* The absolute name of a file that may not exist yet: its directory resolved. */
static char *
resolved(const char *path)
{
	char *real = realpath(path, NULL), *dir, *rdir;
	const char *name;

	if (real != NULL)
		return real;
	dir = fsio_dirname(path);
	rdir = realpath(dir, NULL);
	free(dir);
	if (rdir == NULL)
		return xstrdup(path);
	name = strrchr(path, '/');
	real = xasprintf("%s/%s", rdir, name != NULL ? name + 1 : path);
	free(rdir);
	return real;
}

enum fsio_status
fsio_write_output(const char *path, const char *data, size_t len,
    const char *state, const char *const *avoid, struct fsio_error *e)
{
	char *target, *tmp;
	enum fsio_status st;
	struct stat st_out, st_avoid;
	int exists;

	e->replaced = 0;
	e->suffix = NULL;
	target = resolved(path);
	exists = stat(target, &st_out) == 0;
	if (state_temp(state, target)) {
		free(target);
		e->errnum = 0;
		e->what = N_("it is the state file or one kept beside it");
		e->suffix = "";
		return FSIO_REFUSED;
	}
	for (const char *const *a = avoid; *a != NULL; a++) {
		char *ra = resolved(*a);
		int same = strcmp(path, *a) == 0 || strcmp(target, ra) == 0 ||
		    (exists && stat(*a, &st_avoid) == 0 && st_avoid.st_dev == st_out.st_dev &&
		    st_avoid.st_ino == st_out.st_ino);

		free(ra);
		if (same) {
			free(target);
			e->errnum = 0;
			e->what = N_("it is the state file or one kept beside it");
			e->suffix = "";
			return FSIO_REFUSED;
		}
	}
	if (exists && !S_ISREG(st_out.st_mode)) {
		int fd = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC);

		free(target);
		if (fd < 0)
			return fail(e, "open");
		if (write_all(fd, data, len) < 0) {
			fail(e, "write");
			close(fd);
			return FSIO_ERROR;
		}
		return close(fd) < 0 ? fail(e, "close") : FSIO_OK;
	}
	tmp = xasprintf("%s.tmp.%ld", target, (long)getpid());
	st = write_temp(tmp, data, len, 0, 0, 0, e);
	if (st == FSIO_OK && rename(tmp, target) < 0) {
		st = fail(e, "rename");
		unlink(tmp);
	}
	free(tmp);
	free(target);
	return st;
}

void
fsio_stamp(const char *path, struct fsio_stamp *out)
{
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (stat(path, &st) != 0)
		return;
	out->exists = 1;
	out->dev = st.st_dev;
	out->ino = st.st_ino;
	out->size = st.st_size;
	out->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

int
fsio_stamp_same(const struct fsio_stamp *a, const struct fsio_stamp *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
	    a->size == b->size && a->mtime_ns == b->mtime_ns;
}

char *
fsio_temp_dir(const char *prefix)
{
	const char *base = getenv("TMPDIR");
	char *dir;

	if (base == NULL || *base != '/')
		base = "/tmp";
	dir = xasprintf("%s/%s.XXXXXX", base, prefix);
	if (mkdtemp(dir) == NULL) {
		free(dir);
		return NULL;
	}
	return dir;
}

void
fsio_remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *path;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(dir);
}
