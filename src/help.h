/* The usage --help prints: all of it, or one command's. */
#ifndef SES_HELP_H
#define SES_HELP_H

/* The whole usage, on standard output. */
void help_print(void);
/* The usage of the command named cmd, as --help gives it; -1 if --help lists no such command. */
int help_command(const char *cmd);

#endif
