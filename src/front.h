/*
 * What both front ends (the command line and the wizard) share: how they
 * are started, how they say what went wrong, and the exit status for it.
 */
#ifndef SES_FRONT_H
#define SES_FRONT_H

#include "state.h"

/* The global options, as main read them. */
struct front_opts {
	const char	*state_path;
	const char	*lang;		/* --lang, or NULL */
	int		 demo;		/* --demo: a sample in a throwaway state */
};

/* Print a message on standard error, each of its lines as "ses-migrate: line". */
void front_error(const char *msg);
/* front_error with a printf format. */
void front_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Switch to lang, saying so when French is not built in; -1, said, for an unknown language. */
int front_lang(const char *lang);
/* The exit status (sysexits) for a state that could not be used. */
int front_state_exit(enum state_status st);

#endif
