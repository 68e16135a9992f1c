/*
 * What --help says: the whole usage, or one command's.  The commands are
 * listed in groups, each one translatable text so that a translator sees
 * a group whole; one command's usage is its lines of its group, as
 * translated, so the two can never disagree.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "help.h"
#include "i18n.h"
#include "migration.h"

/*
 * A command's lines start with two spaces and its name; the lines that go
 * on with its usage or say what it does are indented further.
 */
static const char *const groups[] = {
	/* TRANSLATORS: --help output; keep the command and option names as they are,
	   each command's line indented by two spaces and its other lines by more. */
	N_("Following the procedure:\n"
	    "  status [--json]              progress of the migration\n"
	    "  check [STEP] [--json]        evaluate the gates of a step, list every blocker\n"
	    "  next [STEP]                  complete the current (or a deferred) step\n"
	    "  confirm ITEM [--note TEXT]   confirm an item of the procedure\n"
	    "  unconfirm ITEM               withdraw a confirmation\n"
	    "  note STEP TEXT               a note on a step; \"\" removes it\n"
	    "  defer STEP --reason TEXT     put off a step that can wait\n"
	    "  reopen STEP --reason TEXT    reopen a completed step (and the later ones)\n"
	    "  waive ITEM --reason TEXT     accept a failed probe, with the reason\n"),
	N_("The environment and the agents:\n"
	    "  host add|set|remove NAME [--roles R,R] [--address A] [--version V]\n"
	    "       [--aspnetcore V] [--desktop-runtime V] [--sql-ports P]\n"
	    "       [--syslog-ports P] [--runtimes-from FILE|-]\n"
	    "                               declare or change a host; --runtimes-from\n"
	    "                               reads the output of dotnet --list-runtimes\n"
	    "  setting NAME VALUE           runtime-minimum, inventory-max-age (hours),\n"
	    "                               agent-networks, siem-sources\n"
	    "  agents import FILE [--host-column C] [--version-column C]\n"
	    "                               import the console's agent list (CSV)\n"
	    "  agents exclude NAME --reason TEXT / agents include NAME\n"
	    "                               leave one agent out of the gates, or back in\n"
	    "  agents show [--json]         the last inventory imported\n"),
	N_("Firewall and reporting:\n"
	    "  firewall [--phase baseline|dual|target] [--changes] [--host NAME]\n"
	    "       [--format table|csv|powershell|netsh|nftables] [--lang fr|en] [-o FILE]\n"
	    "                               the flows to open and close\n"
	    "  probe [--timeout MS] [--json] test the ports from this machine\n"
	    "  collect [--host NAME] [-o FILE]\n"
	    "                               the read-only evidence collector (PowerShell)\n"
	    "                               to run on the Windows hosts\n"
	    "  evidence import FILE...      the files the collectors wrote\n"
	    "  report [--format text|html|json] [--lang fr|en] [-o FILE]\n"
	    "                               progress report\n"),
};
#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

void
help_print(void)
{
	/* TRANSLATORS: --help output; keep the command and option names as they are. */
	printf(_("Usage: %s [-f STATE] [--lang fr|en] [COMMAND [ARGS]]\n"), PACKAGE);
	fputs(_("Guides a migration step by step, keeping the progress in a state file\n"
	    "so that work can resume at any time.  Without a command, opens the wizard.\n"), stdout);
	putchar('\n');
	fputs(_("Known migrations (a state file names its own in [migration] id;\nwithout one, it follows the first):\n"), stdout);
	for (size_t i = 0; migration_registry[i] != NULL; i++)
		printf("  %-18s %s\n", migration_registry[i]->id, _(migration_registry[i]->title));
	putchar('\n');
	fputs(_("Options:\n"
	    "  -f, --file=STATE   state file, one per environment (default:\n"
	    "                     $XDG_STATE_HOME/ses-migrate/migration.ini)\n"
	    "      --lang=fr|en   language of the wizard, messages and reports\n"
	    "      --demo         open the wizard on a sample environment, in a state\n"
	    "                     file of its own that is removed on exit\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n"), stdout);
	for (size_t i = 0; i < NGROUPS; i++) {
		putchar('\n');
		fputs(_(groups[i]), stdout);
	}
	putchar('\n');
	fputs(_("Any command followed by --help shows its usage alone.\n"), stdout);
	putchar('\n');
	fputs(_("Exit status: 0 ok, 1 refused by a gate or a probe, 64 usage error,\n"
	    "65 bad state file or agent list, 66 cannot open an input, 73 cannot create\n"
	    "an output, 74 input/output error, 75 state locked by another process,\n"
	    "78 state written by a newer version.\n"), stdout);
	putchar('\n');
	fputs(_("See ses-migrate(1) and ses-migrate.ini(5).\n"), stdout);
}

/* Whether the line at p is one of the command's own: "  NAME" and a space or its end. */
static int
names(const char *p, const char *cmd, size_t len)
{
	return p[0] == ' ' && p[1] == ' ' && strncmp(p + 2, cmd, len) == 0 &&
	    (p[2 + len] == ' ' || p[2 + len] == '\n' || p[2 + len] == '\0');
}

int
help_command(const char *cmd)
{
	size_t len = strlen(cmd);
	int found = 0;

	for (size_t i = 0; i < NGROUPS; i++) {
		const char *p = _(groups[i]);
		int mine = 0;

		while (*p != '\0') {
			const char *nl = strchr(p, '\n');
			size_t n = nl != NULL ? (size_t)(nl - p) + 1 : strlen(p);

			/* A line indented by more than two spaces goes on with the one before. */
			if (strncmp(p, "   ", 3) != 0)
				mine = names(p, cmd, len);
			if (mine) {
				if (!found)
					/* TRANSLATORS: %1$s is ses-migrate, %2$s the command. */
					printf(_("Usage: %1$s [-f STATE] [--lang fr|en] %2$s ...\n"), PACKAGE, cmd);
				found = 1;
				fwrite(p, 1, n, stdout);
			}
			p += n;
		}
	}
	if (!found)
		return -1;
	putchar('\n');
	fputs(_("See ses-migrate(1) for every option and its meaning.\n"), stdout);
	return 0;
}
