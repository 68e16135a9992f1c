/*
 * ses-migrate complete WHAT: the words tab completion offers, one per
 * line, from the program itself so that they never drift from it: the
 * commands, a command's options, the step and item ids of the state's
 * migration, the hosts of the state, the formats.  Nothing is written and
 * nothing is said on a state that cannot be read: completion stays quiet.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli-int.h"

/* Each command and the options it takes, as --help lists them. */
static const struct {
	const char	*name;
	const char	*options;
} words[] = {
	{ "status", "--json" },
	{ "check", "--json" },
	{ "next", "" },
	{ "confirm", "--note=" },
	{ "unconfirm", "" },
	{ "note", "" },
	{ "defer", "--reason=" },
	{ "reopen", "--reason=" },
	{ "waive", "--reason=" },
	{ "host", "--roles= --address= --version= --aspnetcore= --desktop-runtime= --sql-ports= --syslog-ports= --runtimes-from=" },
	{ "setting", "" },
	{ "agents", "--host-column= --version-column= --reason= --json" },
	{ "firewall", "--phase= --changes --host= --format= --lang= --output=" },
	{ "probe", "--timeout= --json" },
	{ "collect", "--host= --output=" },
	{ "evidence", "" },
	{ "report", "--format= --lang= --output=" },
};

static void
each_word(const char *list)
{
	for (const char *p = list; *p != '\0';) {
		size_t n = strcspn(p, " ");

		printf("%.*s\n", (int)n, p);
		p += n + (p[n] == ' ');
	}
}

int
cmd_complete(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	const struct model *m = &s->model;
	const char *what = argc > 1 ? argv[1] : "", *cmd = argc > 2 ? argv[2] : "";

	(void)c;
	if (strcmp(what, "commands") == 0) {
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			printf("%s\n", words[i].name);
	} else if (strcmp(what, "options") == 0) {
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strcmp(words[i].name, cmd) == 0) {
				each_word(words[i].options);
				each_word("--help");	/* every command's usage alone */
			}
		if (*cmd == '\0')
			each_word("--file= --lang= --demo --help --version");
	} else if (strcmp(what, "steps") == 0) {
		for (size_t i = 0; i < m->mig->nsteps; i++)
			printf("%s\n", m->mig->steps[i].id);
	} else if (strcmp(what, "items") == 0) {
		/* confirm takes the ticked kind, waive the probes. */
		for (size_t i = 0; i < m->mig->nitems; i++)
			if ((m->mig->items[i].kind == ITEM_EVIDENCE) == (strcmp(cmd, "waive") == 0))
				if (m->mig->items[i].kind != ITEM_COMPUTED)
					printf("%s\n", m->mig->items[i].id);
	} else if (strcmp(what, "hosts") == 0) {
		for (size_t i = 0; i < m->nhosts; i++)
			printf("%s\n", m->hosts[i].name);
	} else if (strcmp(what, "formats") == 0) {
		each_word(strcmp(cmd, "report") == 0 ? "text html json" :
		    "table csv powershell netsh nftables");
	} else
		return EX_USAGE;
	return 0;
}
