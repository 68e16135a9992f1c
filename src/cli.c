/*
 * The command line: messages, options, the change around each action, the
 * table of commands.  Each command parses its options, calls the core and
 * prints; the core decides.  Exit codes follow sysexits(3), as DESIGN §7
 * lists them.
 */
#include <config.h>

#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cli-int.h"
#include "fsio.h"
#include "help.h"
#include "i18n.h"
#include "lock.h"

int
usage_error(const char *cmd)
{
	/* TRANSLATORS: %s is the command, as typed on the command line. */
	front_errorf(_("Try 'ses-migrate %s --help' for its usage."), cmd);
	return EX_USAGE;
}

/* Say why a state could not be used, and give the exit status for it. */
static int
state_failed(enum state_status st, char *err)
{
	front_error(err);
	free(err);
	return front_state_exit(st);
}

int
cli_begin(struct session *s)
{
	char *err = NULL;
	enum state_status st = session_begin(s, &err);

	return st == STATE_OK ? 0 : state_failed(st, err);
}

int
cli_commit(struct session *s)
{
	char *err = NULL;
	enum state_status st = session_commit(s, &err);

	return st == STATE_OK ? 0 : state_failed(st, err);
}

int
cli_finish(struct session *s, enum act_status st, char *err)
{
	if (st != ACT_OK) {
		session_abort(s);
		front_error(err);
		free(err);
		return EX_USAGE;
	}
	return cli_commit(s);
}

int
cli_write_output(const struct session *s, const char *path, const char *data,
    size_t len)
{
	struct fsio_error e;

	if (path == NULL || strcmp(path, "-") == 0) {
		fwrite(data, 1, len, stdout);
		return 0;
	}
	switch (session_write_output(s, path, data, len, &e)) {
	case FSIO_OK:
		return 0;
	case FSIO_REFUSED:
		front_errorf(_("%s: %s; write the output to another file."), path, _(e.what));
		return EX_CANTCREAT;
	default:
		front_errorf(_("Cannot write %s: %s"), path, strerror(e.errnum));
		return strcmp(e.what, "open") == 0 ? EX_CANTCREAT : EX_IOERR;
	}
}

int
cli_lang(const char *lang)
{
	return lang == NULL ? 0 : front_lang(lang);
}

/* The options, and where each goes in struct opts. */
enum opt_kind { O_FLAG, O_TEXT };

static const struct option_def {
	const char	*name;
	enum opt_kind	 kind;
	size_t		 field;
} options[] = {
	{ "json", O_FLAG, offsetof(struct opts, json) },
	{ "note", O_TEXT, offsetof(struct opts, note) },
	{ "format", O_TEXT, offsetof(struct opts, format) },
	{ "lang", O_TEXT, offsetof(struct opts, lang) },
	{ "output", O_TEXT, offsetof(struct opts, output) },
	{ "roles", O_TEXT, offsetof(struct opts, host.roles) },
	{ "address", O_TEXT, offsetof(struct opts, host.address) },
	{ "version", O_TEXT, offsetof(struct opts, host.version) },
	{ "aspnetcore", O_TEXT, offsetof(struct opts, host.aspnetcore) },
	{ "desktop-runtime", O_TEXT, offsetof(struct opts, host.desktop) },
	{ "sql-ports", O_TEXT, offsetof(struct opts, host.sql_ports) },
	{ "syslog-ports", O_TEXT, offsetof(struct opts, host.syslog_ports) },
	{ "reason", O_TEXT, offsetof(struct opts, reason) },
	{ "runtimes-from", O_TEXT, offsetof(struct opts, runtimes_from) },
	{ "host-column", O_TEXT, offsetof(struct opts, import.host_column) },
	{ "version-column", O_TEXT, offsetof(struct opts, import.version_column) },
	{ "phase", O_TEXT, offsetof(struct opts, phase) },
	{ "changes", O_FLAG, offsetof(struct opts, changes) },
	{ "host", O_TEXT, offsetof(struct opts, host_name) },
	{ "timeout", O_TEXT, offsetof(struct opts, timeout) },
};
#define NOPTIONS (sizeof(options) / sizeof(options[0]))

/* Whether word is one of the space-separated words of list. */
static int
word_in(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

int
parse_opts(int argc, char **argv, const char *allowed, struct opts *o)
{
	struct option longopts[NOPTIONS + 1];
	int ch;

	memset(o, 0, sizeof(*o));
	memset(longopts, 0, sizeof(longopts));
	for (size_t i = 0; i < NOPTIONS; i++) {
		longopts[i].name = options[i].name;
		longopts[i].has_arg = options[i].kind == O_FLAG ? no_argument : required_argument;
		longopts[i].val = 256 + (int)i;
	}
	optind = 0;	/* 0: GNU getopt starts afresh after main's own parse */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		size_t i = (size_t)(ch - 256);

		if (ch == 'o')	/* -o is --output */
			for (i = 0; strcmp(options[i].name, "output") != 0; i++)
				;
		if (i >= NOPTIONS || !word_in(allowed, options[i].name)) {
			front_errorf(_("%s: unknown or misplaced option."), argv[optind - 1]);
			return -1;
		}
		if (options[i].kind == O_FLAG)
			*(int *)((char *)o + options[i].field) = 1;
		else
			*(const char **)((char *)o + options[i].field) = optarg;
	}
	return 0;
}

/*
 * The option an argument "--NAME" names, as getopt_long reads it: NAME
 * itself or the start of only one option; NULL if none.
 */
static const struct option_def *
long_option(const char *arg)
{
	const struct option_def *found = NULL;
	size_t n = strcspn(arg + 2, "=");

	for (size_t i = 0; i < NOPTIONS; i++) {
		if (strncmp(options[i].name, arg + 2, n) != 0)
			continue;
		if (options[i].name[n] == '\0')
			return &options[i];
		found = found == NULL ? &options[i] : &options[NOPTIONS];
	}
	return found == &options[NOPTIONS] ? NULL : found;
}

/*
 * Whether the command's arguments ask for its help: "--help" or "-h" where
 * an option may stand, not as the value of an option (--note --help is a
 * note) nor after "--".  The value of a --lang among them, in *lang, says
 * in which language.
 */
static int
asks_help(int argc, char **argv, const char **lang)
{
	int help = 0;

	*lang = NULL;
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const struct option_def *o;

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			help = 1;
		else if (strcmp(argv[i], "-o") == 0)
			i++;
		else if (strncmp(argv[i], "--", 2) == 0 && (o = long_option(argv[i])) != NULL &&
		    o->kind == O_TEXT) {
			const char *eq = strchr(argv[i], '=');
			const char *value = eq != NULL ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;

			if (strcmp(o->name, "lang") == 0)
				*lang = value;
		}
	}
	return help;
}

/* The commands; those that change the state take the lock while they do. */
static const struct command {
	const char	*name;
	cli_cmd		*run;
} commands[] = {
	{ "status", cmd_status },
	{ "check", cmd_check },
	{ "next", cmd_next },
	{ "confirm", cmd_confirm },
	{ "note", cmd_note },
	{ "unconfirm", cmd_confirm },
	{ "host", cmd_host },
	{ "report", cmd_report },
	{ "defer", cmd_with_reason },
	{ "reopen", cmd_with_reason },
	{ "waive", cmd_with_reason },
	{ "setting", cmd_setting },
	{ "agents", cmd_agents },
	{ "firewall", cmd_firewall },
	{ "probe", cmd_probe },
	{ "collect", cmd_collect },
	{ "evidence", cmd_evidence },
	{ "complete", cmd_complete },
};

int
cli_run(const struct front_opts *c, int argc, char **argv)
{
	struct session s;
	char *err = NULL;
	enum state_status st;
	int rc;

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		const char *lang;

		if (strcmp(argv[0], commands[i].name) != 0)
			continue;
		/* Help needs no state: it works before there is one, or when it is broken. */
		if (asks_help(argc, argv, &lang)) {
			if (cli_lang(lang) < 0)
				return EX_USAGE;
			if (help_command(argv[0]) < 0)
				help_print();
			return 0;
		}
		if ((st = session_open(&s, c->state_path, &err)) != STATE_OK) {
			session_close(&s);
			return state_failed(st, err);
		}
		rc = commands[i].run(c, &s, argc, argv);
		session_close(&s);
		return rc;
	}
	front_errorf(_("Unknown command \"%s\"."), argv[0]);
	front_error(_("Try 'ses-migrate --help' for more information."));
	return EX_USAGE;
}
