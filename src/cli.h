/* The command-line front end: a command and its arguments, run on the state. */
#ifndef SES_CLI_H
#define SES_CLI_H

#include "front.h"

/* Run the command in argv[0]; the exit status. */
int cli_run(const struct front_opts *c, int argc, char **argv);

#endif
