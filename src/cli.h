/* The command-line front end: one function per command. */
#ifndef SES_CLI_H
#define SES_CLI_H

struct cli {
	const char	*state_path;
	const char	*lang;		/* --lang, or NULL */
};

#include "state.h"

int cli_run(const struct cli *c, int argc, char **argv);
int cli_state_exit(enum state_status st);
void cli_error(const char *msg);
void cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
