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
#include "help.h"
#include "migration.h"
#include "state.h"
#include "ui.h"
#include "xalloc.h"

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
			/* An empty name (an unset variable in a script) names no file at all. */
			if (*optarg == '\0') {
				front_error(_("-f: the name of the state file is empty."));
				return EX_USAGE;
			}
			c.state_path = optarg;
			break;
		case 'L':
			c.lang = optarg;
			if (front_lang(optarg) < 0)
				return EX_USAGE;
			break;
		case 'h':
			help_print();
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
