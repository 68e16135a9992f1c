/* Opening, identifying and saving a migration. */
#include <config.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "session.h"
#include "validate.h"
#include "xalloc.h"

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

	if (v != NULL && *v != '\0' && valid_text(v) && strlen(v) <= 64)
		return xstrdup(v);
	v = getenv("SUDO_USER");
	if (v != NULL && *v != '\0' && valid_text(v) && strlen(v) <= 64)
		return xstrdup(v);
	if ((pw = getpwuid(getuid())) != NULL && valid_text(pw->pw_name))
		return xstrdup(pw->pw_name);
	return xasprintf("uid %ld", (long)getuid());
}

void
session_actor(const struct session *s, struct actor *a)
{
	a->who = s->operator;
	a->when = time(NULL);
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

/*
 * Load the state, or set up a new migration if the file does not exist.
 * A writer first takes the lock, and keeps it until session_close.
 */
enum state_status
session_open(struct session *s, const char *path, int writer, char **err)
{
	enum state_status st;

	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->operator = operator_name();
	s->lock.fd = -1;
	model_init(&s->model);
	if (writer) {
		struct fsio_error e;
		char *dir = fsio_dirname(path);

		if (fsio_mkdirs(dir, &e) != FSIO_OK) {
			*err = xasprintf(_("%s: cannot create the directory: %s."), dir,
			    strerror(e.errnum));
			free(dir);
			return STATE_IOERR;
		}
		free(dir);
		switch (lock_acquire(path, s->operator, &s->lock, err)) {
		case LOCK_OK:
			break;
		case LOCK_BUSY:
			return STATE_LOCKED;
		default:
			return STATE_IOERR;
		}
	}
	st = state_load(path, &s->model, err);
	if (st == STATE_BAD || st == STATE_NEWER)
		recovery_hint(path, err);
	if (st == STATE_NOENT) {
		s->is_new = 1;
		s->model.created_at = time_format(time(NULL));
		s->model.created_by = xstrdup(s->operator);
		return STATE_OK;
	}
	return st;
}

enum state_status
session_save(struct session *s, char **err)
{
	enum state_status st = state_save(s->path, &s->model, err);

	if (st == STATE_OK)
		s->is_new = 0;
	return st;
}

void
session_close(struct session *s)
{
	if (s == NULL)
		return;
	lock_release(&s->lock);
	model_free(&s->model);
	free(s->path);
	free(s->operator);
	memset(s, 0, sizeof(*s));
}
