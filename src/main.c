/*
 * ses-migrate: global options, then either a command (cli.c) or the
 * wizard (ui.c).
 */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "demo.h"
#include "migration.h"
#include "state.h"
#include "ui.h"
#include "xalloc.h"

static void
print_help(void)
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
	putchar('\n');
	fputs(_("Following the procedure:\n"
	    "  status [--json]              progress of the migration\n"
	    "  check [STEP] [--json]        evaluate the gates of a step, list every blocker\n"
	    "  next [STEP]                  complete the current (or a deferred) step\n"
	    "  confirm ITEM [--note TEXT]   confirm an item of the procedure\n"
	    "  unconfirm ITEM               withdraw a confirmation\n"
	    "  note STEP TEXT               a note on a step; \"\" removes it\n"
	    "  defer STEP --reason TEXT     put off a step that can wait\n"
	    "  reopen STEP --reason TEXT    reopen a completed step (and the later ones)\n"
	    "  waive ITEM --reason TEXT     accept a failed probe, with the reason\n"), stdout);
	putchar('\n');
	fputs(_("The environment and the agents:\n"
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
	    "  agents show [--json]         the last inventory imported\n"), stdout);
	putchar('\n');
	fputs(_("Firewall and reporting:\n"
	    "  firewall [--phase baseline|dual|target] [--changes] [--host NAME]\n"
	    "       [--format table|csv|powershell|netsh|nftables] [--lang fr|en] [-o FILE]\n"
	    "                               the flows to open and close\n"
	    "  probe [--timeout MS] [--json] test the ports from this machine\n"
	    "  collect [--host NAME] [-o FILE]\n"
	    "                               the read-only evidence collector (PowerShell)\n"
	    "                               to run on the Windows hosts\n"
	    "  evidence import FILE...      the files the collectors wrote\n"
	    "  report [--format text|html|json] [--lang fr|en] [-o FILE]\n"
	    "                               progress report\n"), stdout);
	putchar('\n');
	fputs(_("Exit status: 0 ok, 1 refused by a gate or a probe, 64 usage error,\n"
	    "65 bad state file or agent list, 66 cannot open an input, 73 cannot create\n"
	    "an output, 74 input/output error, 75 state locked by another process,\n"
	    "78 state written by a newer version.\n"), stdout);
	putchar('\n');
	fputs(_("See ses-migrate(1) and ses-migrate.ini(5).\n"), stdout);
}

/* Said when memory runs out; translated at the start, so saying it allocates nothing. */
static char *oom_message;

static void
out_of_memory(void)
{
	ui_emergency_restore();
	if (oom_message != NULL)
		(void)!write(STDERR_FILENO, oom_message, strlen(oom_message));
	_exit(EX_OSERR);
}

static void
print_version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	fputs(_("This is free software: you are free to change and redistribute it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n"), stdout);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "demo", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	struct front_opts c = { NULL, NULL, 0 };
	char *path = NULL, *err = NULL;
	int ch, rc, demo = 0;

	i18n_init();
	/* '+': options after the command belong to the command. */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+f:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			c.state_path = optarg;
			break;
		case 'L':
			c.lang = optarg;
			if (front_lang(optarg) < 0)
				return EX_USAGE;
			break;
		case 'h':
			print_help();
			return 0;
		case 'V':
			print_version();
			return 0;
		case 'D':
			demo = 1;
			break;
		default:
			front_errorf(_("%s: unknown option or missing argument."), argv[optind - 1]);
			front_error(_("Try 'ses-migrate --help' for more information."));
			return EX_USAGE;
		}
	}
	oom_message = xasprintf("%s: %s\n", PACKAGE,
	    _("out of memory; the state file is as the last saved change left it."));
	xalloc_on_failure(out_of_memory);
	if (demo) {
		if (optind < argc || c.state_path != NULL) {
			front_error(_("--demo opens the wizard on a sample of its own: it takes neither a command nor -f."));
			return EX_USAGE;
		}
		rc = demo_run(&c);
		free(oom_message);
		return rc;
	}
	if (c.state_path == NULL) {
		if ((path = state_default_path(&err)) == NULL) {
			front_error(err);
			free(err);
			return EX_CANTCREAT;
		}
		c.state_path = path;
	}
	if (optind < argc)
		rc = cli_run(&c, argc - optind, argv + optind);
	else
		rc = ui_run(&c);
	free(path);
	free(oom_message);
	/* Output that did not reach its file (a full disk, a closed pipe) is a failure. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		front_error(_("Cannot write the output."));
		if (rc == 0)
			rc = EX_IOERR;
	}
	return rc;
}
