/* Opening, identifying and saving a migration. */
#include <config.h>

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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

/* Load the state, or set up a new migration if the file does not exist. */
enum state_status
session_open(struct session *s, const char *path, char **err)
{
	enum state_status st;

	memset(s, 0, sizeof(*s));
	s->path = xstrdup(path);
	s->operator = operator_name();
	model_init(&s->model);
	st = state_load(path, &s->model, err);
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
	model_free(&s->model);
	free(s->path);
	free(s->operator);
	memset(s, 0, sizeof(*s));
}
