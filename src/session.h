/*
 * A working session on one state file: load it (or start a new
 * migration), know who is working, and save after every change.  Shared by
 * the wizard and the command line.
 */
#ifndef SES_SESSION_H
#define SES_SESSION_H

#include "lock.h"
#include "model.h"
#include "state.h"

struct session {
	char		*path;
	char		*operator;
	struct model	 model;
	int		 is_new;	/* no file yet: nothing saved so far */
	struct lock	 lock;		/* held by writers */
};

enum state_status session_open(struct session *s, const char *path,
    int writer, char **err);
enum state_status session_save(struct session *s, char **err);
void session_actor(const struct session *s, struct actor *a);
void session_close(struct session *s);
char *operator_name(void);

#endif
