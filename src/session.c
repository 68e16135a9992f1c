/* Opening, identifying and changing a migration. */
#include <config.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "schema.h"
#include "session.h"
#include "xalloc.h"

/* A name the state can keep as an author. */
static int
good_name(const char *v)
{
	return v != NULL && schema_check(&sk_step_by, v, migration_default(), clock_now(), NULL);
}

/*
 * Who is at the keyboard.  Colleagues often share one admin account over
 * SSH, so SES_MIGRATE_OPERATOR names the person when the account does not;
 * sudo's SUDO_USER comes next, then the account itself.
 */
char *
operator_name(void)
{
	const char *v = getenv("SES_MIGRATE_OPERATOR");
	struct passwd *pw;

	if (good_name(v))
		return xstrdup(v);
	v = getenv("SUDO_USER");
	if (good_name(v))
		return xstrdup(v);
	if ((pw = getpwuid(getuid())) != NULL && good_name(pw->pw_name))
		return xstrdup(pw->pw_name);
	return xasprintf("uid %ld", (long)getuid());
}

void
session_actor(const struct session *s, struct actor *a)
{
	a->who = s->operator;
	a->when = clock_now();
}

/* Point at the previous version when the state cannot be used. */
static void
recovery_hint(const char *path, char **err)
{
	char *prev = fsio_prev_path(path), *more;

	if (fsio_exists(prev)) {
		more = xasprintf(_("%s%s: left as it is; the version before the last change is kept in %s.\n"),
		    *err, path, prev);
		free(*err);
		*err = more;
	}
	free(prev);
}

/* A new migration: nothing on disk yet. */
static void
fresh(struct session *s)
{
	model_free(&s->model);
	model_init(&s->model);
	s->is_new = 1;
	s->model.created_at = time_format(clock_now());
	s->model.created_by = xstrdup(s->operator);
}

/* Let go of the session's copy of the disk (the model's, if shared, stays the model's). */
static void
disk_drop(struct session *s)
{
	if (!s->disk_shared)
		free(s->disk);
	s->disk = NULL;
	s->disklen = 0;
	s->disk_shared = 0;
}

/*
 * Read the file; parse it unless it is what the model came from.  The
 * bytes become the session's copy of the disk, shared with the model.
 */
static enum state_status
refresh(struct session *s, char **err)
{
	struct fsio_error e;
	enum fsio_status fs;
	enum state_status st;
	struct model m;
	char *data;
	size_t len;

	/* Before reading: a change between the two shows at the next poll. */
	fsio_stamp(s->path, &s->stamp);
	fs = fsio_read(s->path, SCHEMA_FILE_MAX, &data, &len, &e);
	if (fs == FSIO_NOENT) {
		/* Removed under us: what we hold is all there is; a save writes it back. */
		if (s->disk == NULL)
			fresh(s);
		return STATE_OK;
	}
	if (fs != FSIO_OK) {
		/* For its message: it fails the same way. */
		model_init(&m);
		st = state_load(s->path, &m, err);
		model_free(&m);
		if (st == STATE_BAD)
			recovery_hint(s->path, err);
		return st == STATE_OK ? STATE_IOERR : st;
	}
	if (s->disk != NULL && len == s->disklen && memcmp(data, s->disk, len) == 0) {
		free(data);
		return STATE_OK;
	}
	/*
	 * Into a model of its own: a broken file leaves the one we hold
	 * alone.  The model keeps the text, and the session compares the
	 * file with it: one copy of a state of megabytes, not two.
	 */
	model_init(&m);
	st = state_parse_taken(s->path, data, len, &m, err);
	if (st != STATE_OK) {
		model_free(&m);
		recovery_hint(s->path, err);
		return st;
	}
	s->refreshed = s->disk != NULL || s->is_new;
	disk_drop(s);
	model_free(&s->model);
	s->model = m;
	s->disk = data;
	s->disklen = len;
	s->disk_shared = 1;
	s->is_new = 0;
	return STATE_OK;
}

enum state_status
session_open(struct session *s, const char *path, char **err)
{
	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->operator = operator_name();
	s->lock.fd = -1;
	model_init(&s->model);
	return refresh(s, err);
}

enum state_status
session_begin(struct session *s, char **err)
{
	struct fsio_error e;
	char *dir = fsio_dirname(s->path);
	enum state_status st;

	if (fsio_mkdirs(dir, &e) != FSIO_OK) {
		*err = xasprintf(_("%s: cannot create the directory: %s."), dir,
		    strerror(e.errnum));
		free(dir);
		return STATE_IOERR;
	}
	free(dir);
	switch (lock_acquire(s->path, s->operator, &s->lock, err)) {
	case LOCK_OK:
		break;
	case LOCK_BUSY:
		return STATE_LOCKED;
	default:
		return STATE_IOERR;
	}
	s->refreshed = 0;
	if ((st = refresh(s, err)) != STATE_OK)
		lock_release(&s->lock);
	return st;
}

/* Put the model back as the disk has it. */
static void
restore(struct session *s)
{
	char *err = NULL;

	/* The model is about to go: the text becomes the session's own. */
	if (s->disk_shared) {
		s->model.source = NULL;
		s->disk_shared = 0;
	}

	if (s->disk == NULL) {
		char *at = s->model.created_at, *by = s->model.created_by;

		s->model.created_at = s->model.created_by = NULL;
		model_free(&s->model);
		model_init(&s->model);
		s->model.created_at = at;
		s->model.created_by = by;
	} else if (state_parse_kept(s->path, s->disk, s->disklen, &s->model, &err) != STATE_OK)
		free(err);	/* it loaded a moment ago: cannot happen */
}

enum state_status
session_commit(struct session *s, char **err)
{
	enum state_status st;
	int replaced = 0;
	struct buf b;

	buf_init(&b);
	if (state_serialize(&s->model, &b, err) < 0) {
		buf_free(&b);
		restore(s);
		lock_release(&s->lock);
		return STATE_INVALID;
	}
	st = state_write(s->path, b.data, b.len, &replaced, err);
	/* Still under the lock: no one else can have written since. */
	fsio_stamp(s->path, &s->stamp);
	if (st == STATE_OK || replaced) {
		/* A change written but not made safe is on disk all the same. */
		disk_drop(s);
		s->disklen = b.len;
		s->disk = buf_detach(&b);
		s->is_new = 0;
	} else
		restore(s);
	buf_free(&b);
	lock_release(&s->lock);
	return st;
}

enum state_status
session_poll(struct session *s, int *changed, char **err)
{
	struct fsio_stamp now;
	enum state_status st;

	*changed = 0;
	fsio_stamp(s->path, &now);
	if (fsio_stamp_same(&now, &s->stamp))
		return STATE_OK;
	s->refreshed = 0;
	st = refresh(s, err);
	*changed = s->refreshed;
	return st;
}

void
session_abort(struct session *s)
{
	lock_release(&s->lock);
}

void
session_close(struct session *s)
{
	if (s == NULL)
		return;
	lock_release(&s->lock);
	disk_drop(s);
	model_free(&s->model);
	free(s->path);
	free(s->operator);
	memset(s, 0, sizeof(*s));
}

enum fsio_status
session_write_output(const struct session *s, const char *path, const char *data,
    size_t len, struct fsio_error *e)
{
	char *lock = lock_path(s->path), *prev = fsio_prev_path(s->path);
	const char *avoid[] = { s->path, lock, prev, NULL };
	enum fsio_status st;

	st = fsio_write_output(path, data, len, s->path, avoid, e);
	free(lock);
	free(prev);
	return st;
}
