/*
 * The lock file (PATH.lock) is locked with flock, not created and removed:
 * the kernel drops the lock when its holder dies, even by kill -9, so the
 * next start proceeds at once, and there is no stale file to judge.  The
 * file's text says who holds it, for the message the others get.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "failpoint.h"
#include "fsio.h"
#include "i18n.h"
#include "lock.h"
#include "model.h"
#include "validate.h"
#include "xalloc.h"

char *
lock_path(const char *state_path)
{
	return xasprintf("%s.lock", state_path);
}

/* What the holder wrote, made safe to show: one line of plain text. */
static char *
holder(int fd)
{
	char text[256];
	ssize_t n = pread(fd, text, sizeof(text) - 1, 0);
	char *pid, *user, *host, *since;

	if (n <= 0)
		return xstrdup(_("another process"));
	text[n] = '\0';
	for (ssize_t i = 0; i < n; i++)
		if ((unsigned char)text[i] < 0x20 && text[i] != '\n')
			text[i] = '?';
	pid = strtok(text, "\n");
	user = strtok(NULL, "\n");
	host = strtok(NULL, "\n");
	since = strtok(NULL, "\n");
	if (pid == NULL || user == NULL || host == NULL || since == NULL ||
	    !valid_text(user) || !valid_text(host) || !time_valid(since))
		return xstrdup(_("another process"));
	/* TRANSLATORS: who holds the lock: user, host, process id, start time. */
	return xasprintf(_("%1$s on %2$s (process %3$s, since %4$s)"), user, host, pid, since);
}

enum lock_status
lock_acquire(const char *state_path, const char *who, struct lock *l,
    char **err)
{
	char *path = lock_path(state_path), *text, *since, host[256] = "?";
	struct fsio_error e;
	uid_t uid;
	gid_t gid;
	int fd;

	l->fd = -1;
	memset(&e, 0, sizeof(e));
	fsio_owner(state_path, &uid, &gid);
	/* O_NONBLOCK|O_NOCTTY: whatever is there is opened without effect, then judged. */
	fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK |
	    O_NOCTTY, 0600);
	if (fd < 0) {
		*err = xasprintf(_("%s: cannot open the lock file: %s."), path, strerror(errno));
		free(path);
		return LOCK_ERROR;
	}
	if (!fsio_ours(path, uid, fd, &e, ".lock") || fsio_own(fd, uid, gid) < 0) {
		if (e.errnum == 0 && e.suffix != NULL)
			/* TRANSLATORS: %1$s%2$s is the file ses-migrate will not touch, %3$s why. */
			*err = xasprintf(_("%1$s%2$s: %3$s; nothing was changed. Move it out of the way, then try again."),
			    state_path, e.suffix, _(e.what));
		else
			*err = xasprintf(_("%s: cannot use the lock file: %s."), path, strerror(errno));
		close(fd);
		free(path);
		return LOCK_ERROR;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		char *h = errno == EWOULDBLOCK ? holder(fd) : NULL;

		if (h != NULL)
			*err = xasprintf(_("%s is being changed by %s; try again once that is done (read-only commands work meanwhile)."),
			    state_path, h);
		else
			*err = xasprintf(_("%s: cannot lock: %s."), path, strerror(errno));
		free(h);
		close(fd);
		free(path);
		return h != NULL ? LOCK_BUSY : LOCK_ERROR;
	}
	gethostname(host, sizeof(host) - 1);
	since = time_format(clock_now());
	text = xasprintf("%ld\n%s\n%s\n%s\n", (long)getpid(), who, host, since);
	if (ftruncate(fd, 0) == 0)
		(void)!pwrite(fd, text, strlen(text), 0);
	free(text);
	free(since);
	free(path);
	l->fd = fd;
#ifdef SES_FAILPOINTS
	{
		/* Tests make the holder linger, so that writers really overlap. */
		const char *hold = getenv("SES_MIGRATE_HOLD_MS");

		if (hold != NULL)
			usleep((useconds_t)atoi(hold) * 1000);
	}
#endif
	return LOCK_OK;
}

/* Let go; the holder's text goes too, so nobody is named after the fact. */
void
lock_release(struct lock *l)
{
	if (l->fd >= 0) {
		(void)!ftruncate(l->fd, 0);
		close(l->fd);
	}
	l->fd = -1;
}
