/*
 * What the command files share (cli.c, cli-steps.c, cli-env.c,
 * cli-out.c): options, the change around each action, the output.
 * Private to the command line.
 */
#ifndef SES_CLI_INT_H
#define SES_CLI_INT_H

#include "actions.h"
#include "cli.h"
#include "inventory.h"
#include "session.h"

/* Exit status when a gate refuses or the migration is not complete. */
#define EXIT_REFUSED 1

/* Every option a command may take; parse_opts says which one may. */
struct opts {
	int		 json;
	const char	*note;
	const char	*reason;
	struct import_opts import;
	const char	*phase;
	const char	*host_name;
	int		 changes;
	const char	*timeout;
	const char	*format;
	const char	*lang;
	const char	*output;
	const char	*runtimes_from;
	struct host_change host;
};

/* A command: what it is called, and what runs it. */
typedef int cli_cmd(const struct front_opts *c, struct session *s, int argc, char **argv);

/* The step commands (cli-steps.c): status, check, next, confirm, defer and the like. */
cli_cmd cmd_status, cmd_check, cmd_next, cmd_confirm, cmd_with_reason, cmd_note;
/* The environment commands (cli-env.c): host, setting, agents. */
cli_cmd cmd_host, cmd_setting, cmd_agents, cmd_evidence;
/* The output commands (cli-out.c): report, firewall, probe. */
cli_cmd cmd_report, cmd_firewall, cmd_probe, cmd_collect;
/* The words tab completion offers (cli-complete.c). */
cli_cmd cmd_complete;

/* Parse a command's options, allowed being the names it takes; -1 on a usage error. */
int parse_opts(int argc, char **argv, const char *allowed, struct opts *o);
/* Say how to get the usage of a command; the usage status. */
int usage_error(const char *cmd);
/* Take the lock for a change, on the state as it is now; 0 or the exit status. */
int cli_begin(struct session *s);
/* Save the change and let go of the lock; 0 or the exit status. */
int cli_commit(struct session *s);
/* Refuse (said, lock let go) or save an action's change; the exit status. */
int cli_finish(struct session *s, enum act_status st, char *err);
/* Write -o FILE (atomically, never over the state's files) or standard output. */
int cli_write_output(const struct session *s, const char *path,
    const char *data, size_t len);
/* Switch to the language of --lang for what follows; -1 (said) if unknown. */
int cli_lang(const char *lang);

#endif
