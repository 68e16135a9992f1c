/*
 * Commands.  Each parses its own options, calls the core and prints; the
 * core decides.  Exit codes follow sysexits(3), as DESIGN §7 lists them.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "actions.h"
#include "buf.h"
#include "cli.h"
#include "describe.h"
#include "emit.h"
#include "fsio.h"
#include "gates.h"
#include "i18n.h"
#include "inventory.h"
#include "json.h"
#include "lock.h"
#include "plan.h"
#include "probe.h"
#include "report.h"
#include "session.h"
#include "xalloc.h"

/* Exit status when a gate refuses or the migration is not complete. */
#define EXIT_REFUSED 1

/* Print a message, each of its lines as "ses-migrate: line". */
void
cli_error(const char *msg)
{
	const char *p = msg;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		fprintf(stderr, "%s: %.*s\n", PACKAGE, (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

void
cli_errorf(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	cli_error(b.data);
	buf_free(&b);
}

static int
usage_error(const char *cmd)
{
	cli_errorf(_("Try 'ses-migrate --help' for the usage of %s."), cmd);
	return EX_USAGE;
}

/* The exit status for a state that could not be loaded or saved. */
static int
state_exit(enum state_status st)
{
	switch (st) {
	case STATE_NEWER:
		return EX_CONFIG;
	case STATE_IOERR:
		return EX_IOERR;
	case STATE_NOINPUT:
		return EX_NOINPUT;
	case STATE_LOCKED:
		return EX_TEMPFAIL;
	default:
		return EX_DATAERR;
	}
}

/* Say why a state could not be used, and give the exit status for it. */
static int
state_failed(enum state_status st, char *err)
{
	cli_error(err);
	free(err);
	return state_exit(st);
}

static int
open_session(const struct cli *c, struct session *s)
{
	char *err = NULL;
	enum state_status st = session_open(s, c->state_path, &err);

	if (st != STATE_OK) {
		session_close(s);
		return state_failed(st, err);
	}
	return 0;
}

/* Take the lock for a change, on the state as it is now; 0 or the exit status. */
static int
begin(struct session *s)
{
	char *err = NULL;
	enum state_status st = session_begin(s, &err);

	return st == STATE_OK ? 0 : state_failed(st, err);
}

/* Save the change and let go of the lock; 0 or the exit status. */
static int
commit(struct session *s)
{
	char *err = NULL;
	enum state_status st = session_commit(s, &err);

	return st == STATE_OK ? 0 : state_failed(st, err);
}

/* Report an action's outcome; save when it changed something. */
static int
finish_action(struct session *s, enum act_status st, char *err)
{
	if (st != ACT_OK) {
		session_abort(s);
		cli_error(err);
		free(err);
		return EX_USAGE;
	}
	return commit(s);
}

/*
 * Write text to -o FILE (atomically, and never over the state or the files
 * beside it), or to standard output.
 */
static int
write_output(const struct session *s, const char *path, const char *data,
    size_t len)
{
	struct fsio_error e;
	char *lock, *prev;
	int rc = 0;

	if (path == NULL || strcmp(path, "-") == 0) {
		fwrite(data, 1, len, stdout);
		return 0;
	}
	lock = lock_path(s->path);
	prev = fsio_prev_path(s->path);
	{
		const char *avoid[] = { s->path, lock, prev, NULL };

		switch (fsio_write_output(path, data, len, s->path, avoid, &e)) {
		case FSIO_OK:
			break;
		case FSIO_REFUSED:
			cli_errorf(_("%s: %s; the output goes elsewhere."), path, _(e.what));
			rc = EX_CANTCREAT;
			break;
		default:
			cli_errorf(_("Cannot write %s: %s"), path, strerror(e.errnum));
			rc = strcmp(e.what, "open") == 0 ? EX_CANTCREAT : EX_IOERR;
		}
	}
	free(lock);
	free(prev);
	return rc;
}

/* Options shared by the commands that take only --json or nothing. */
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
	struct host_change host;
};

enum { OPT_JSON = 256, OPT_NOTE, OPT_FORMAT, OPT_LANG, OPT_ROLES, OPT_ADDRESS,
    OPT_VERSION, OPT_ASPNET, OPT_DESKTOP, OPT_SQL_PORTS, OPT_SYSLOG_PORTS,
    OPT_REASON, OPT_HOST_COLUMN, OPT_VERSION_COLUMN, OPT_PHASE, OPT_CHANGES,
    OPT_HOST, OPT_TIMEOUT };

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

/* Parse the options of a command; -1 on a usage error. */
static int
parse_opts(int argc, char **argv, const char *allowed, struct opts *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, OPT_JSON },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "output", required_argument, NULL, 'o' },
		{ "roles", required_argument, NULL, OPT_ROLES },
		{ "address", required_argument, NULL, OPT_ADDRESS },
		{ "version", required_argument, NULL, OPT_VERSION },
		{ "aspnetcore", required_argument, NULL, OPT_ASPNET },
		{ "desktop-runtime", required_argument, NULL, OPT_DESKTOP },
		{ "sql-ports", required_argument, NULL, OPT_SQL_PORTS },
		{ "syslog-ports", required_argument, NULL, OPT_SYSLOG_PORTS },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "host-column", required_argument, NULL, OPT_HOST_COLUMN },
		{ "version-column", required_argument, NULL, OPT_VERSION_COLUMN },
		{ "phase", required_argument, NULL, OPT_PHASE },
		{ "changes", no_argument, NULL, OPT_CHANGES },
		{ "host", required_argument, NULL, OPT_HOST },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const names[] = { "json", "note", "format", "lang",
	    "roles", "address", "version", "aspnetcore", "desktop-runtime",
	    "sql-ports", "syslog-ports", "reason", "host-column",
	    "version-column", "phase", "changes", "host", "timeout" };
	int ch;

	memset(o, 0, sizeof(*o));
	optind = 0;	/* 0: GNU getopt starts afresh after main's own parse */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		const char *name = ch == 'o' ? "output" :
		    ch >= OPT_JSON && ch <= OPT_TIMEOUT ? names[ch - OPT_JSON] : NULL;

		if (name == NULL || !word_in(allowed, name)) {
			cli_errorf(_("%s: unknown or misplaced option."),
			    argv[optind - 1]);
			return -1;
		}
		switch (ch) {
		case OPT_JSON: o->json = 1; break;
		case OPT_NOTE: o->note = optarg; break;
		case OPT_FORMAT: o->format = optarg; break;
		case OPT_LANG: o->lang = optarg; break;
		case 'o': o->output = optarg; break;
		case OPT_ROLES: o->host.roles = optarg; break;
		case OPT_ADDRESS: o->host.address = optarg; break;
		case OPT_VERSION: o->host.version = optarg; break;
		case OPT_ASPNET: o->host.aspnetcore = optarg; break;
		case OPT_DESKTOP: o->host.desktop = optarg; break;
		case OPT_SQL_PORTS: o->host.sql_ports = optarg; break;
		case OPT_SYSLOG_PORTS: o->host.syslog_ports = optarg; break;
		case OPT_REASON: o->reason = optarg; break;
		case OPT_HOST_COLUMN: o->import.host_column = optarg; break;
		case OPT_VERSION_COLUMN: o->import.version_column = optarg; break;
		case OPT_PHASE: o->phase = optarg; break;
		case OPT_CHANGES: o->changes = 1; break;
		case OPT_HOST: o->host_name = optarg; break;
		case OPT_TIMEOUT: o->timeout = optarg; break;
		}
	}
	return 0;
}

static void
json_findings(struct buf *b, const struct findings *f)
{
	buf_puts(b, "[");
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		buf_puts(b, i ? ", {\"gate\": " : "{\"gate\": ");
		json_str(b, x->gate);
		buf_printf(b, ", \"severity\": \"%s\", \"message\": ",
		    x->severity == SEV_ERROR ? "error" : "warning");
		json_str(b, x->message);
		buf_puts(b, ", \"hint\": ");
		json_str(b, x->hint);
		buf_puts(b, ", \"subjects\": [");
		for (size_t j = 0; j < x->nsubjects; j++) {
			if (j)
				buf_puts(b, ", ");
			json_str(b, x->subjects[j]);
		}
		buf_puts(b, "]}");
	}
	buf_puts(b, "]");
}

static void
print_findings(const struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		printf("%s [%s] %s\n    %s\n",
		    x->severity == SEV_ERROR ? _("BLOCKED") : _("NOTE"),
		    x->gate, x->message, x->hint);
	}
}

static int
cmd_status(const struct cli *c, struct session *s, int argc, char **argv)
{
	time_t now = clock_now();
	struct opts o;
	struct buf b;

	if (parse_opts(argc, argv, "json", &o) < 0 || optind != argc)
		return usage_error("status");
	buf_init(&b);
	if (o.json) {
		buf_printf(&b, "{\"complete\": %s, \"current\": ",
		    model_complete(&s->model) ? "true" : "false");
		if (model_complete(&s->model))
			buf_puts(&b, "null");
		else
			json_str(&b, guide_steps[model_current_step(&s->model)].id);
		buf_puts(&b, ", \"steps\": [");
		for (int i = 0; i < STEP_COUNT; i++) {
			struct findings f;

			findings_init(&f);
			buf_printf(&b, "%s{\"id\": \"%s\", \"status\": \"%s\", \"flagged\": %s}",
			    i ? ", " : "", guide_steps[i].id,
			    describe_status_id(model_step_status(&s->model, i)),
			    gates_flagged(&s->model, i, now, &f) ? "true" : "false");
			findings_free(&f);
		}
		buf_puts(&b, "]}\n");
	} else
		report_status(&s->model, now, &b);
	fputs(b.data, stdout);
	buf_free(&b);
	return 0;
}

static int
cmd_check(const struct cli *c, struct session *s, int argc, char **argv)
{
	struct findings f;
	struct opts o;
	int step, ok;

	if (parse_opts(argc, argv, "json", &o) < 0 || argc - optind > 1)
		return usage_error("check");
	step = model_current_step(&s->model);
	if (optind < argc && (step = guide_step_find(argv[optind])) < 0) {
		cli_errorf(_("There is no step \"%s\"."), argv[optind]);
		return EX_USAGE;
	}
	if (step == STEP_COUNT) {
		if (o.json)
			printf("{\"step\": null, \"can_advance\": false, \"findings\": []}\n");
		else
			printf("%s\n", _("The migration is complete."));
		return 0;
	}
	findings_init(&f);
	gates_eval(&s->model, step, clock_now(), &f);
	ok = findings_errors(&f) == 0;
	if (o.json) {
		struct buf b;

		buf_init(&b);
		buf_printf(&b, "{\"step\": \"%s\", \"can_advance\": %s, \"findings\": ",
		    guide_steps[step].id, ok ? "true" : "false");
		json_findings(&b, &f);
		buf_puts(&b, "}\n");
		fputs(b.data, stdout);
		buf_free(&b);
	} else {
		printf(_("Step %s (%s):\n"), _(guide_steps[step].title), guide_steps[step].id);
		print_findings(&f);
		if (ok)
			printf("%s\n", _("Every gate passes."));
	}
	findings_free(&f);
	return ok ? 0 : EXIT_REFUSED;
}

static int
cmd_next(const struct cli *c, struct session *s, int argc, char **argv)
{
	struct findings f;
	struct actor a;
	struct opts o;
	int step = model_current_step(&s->model), rc;
	char *err = NULL;

	if (parse_opts(argc, argv, "", &o) < 0 || argc - optind > 1)
		return usage_error("next");
	if (optind < argc && (step = guide_step_find(argv[optind])) < 0) {
		cli_errorf(_("There is no step \"%s\"."), argv[optind]);
		return EX_USAGE;
	}
	if (step == STEP_COUNT) {
		printf("%s\n", _("The migration is already complete."));
		return 0;
	}
	if ((rc = begin(s)) != 0)
		return rc;
	/* The state may have moved on since it was read. */
	if (optind == argc)
		step = model_current_step(&s->model);
	if (step == STEP_COUNT) {
		session_abort(s);
		printf("%s\n", _("The migration is already complete."));
		return 0;
	}
	session_actor(s, &a);
	findings_init(&f);
	switch (act_complete(&s->model, &a, step, &f, &err)) {
	case ACT_INVALID:
		session_abort(s);
		cli_error(err);
		free(err);
		rc = EX_USAGE;
		break;
	case ACT_REFUSED:
		session_abort(s);
		printf(_("Step %s cannot be completed yet:\n"), guide_steps[step].id);
		print_findings(&f);
		rc = EXIT_REFUSED;
		break;
	default:
		if ((rc = commit(s)) != 0)
			break;
		printf(_("Step %s is done.\n"), guide_steps[step].id);
		if (model_complete(&s->model))
			printf("%s\n", _("The migration is complete."));
		else
			printf(_("Next step: %s (%s).\n"),
			    _(guide_steps[model_current_step(&s->model)].title),
			    guide_steps[model_current_step(&s->model)].id);
	}
	findings_free(&f);
	return rc;
}

/* defer STEP --reason, reopen STEP --reason, waive ITEM --reason */
static int
cmd_with_reason(const struct cli *c, struct session *s, int argc, char **argv)
{
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (parse_opts(argc, argv, "reason", &o) < 0 || argc - optind != 1)
		return usage_error(argv[0]);
	if ((rc = begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	if (strcmp(argv[0], "defer") == 0)
		st = act_defer(&s->model, &a, argv[optind], o.reason, &err);
	else if (strcmp(argv[0], "reopen") == 0)
		st = act_reopen(&s->model, &a, argv[optind], o.reason, &err);
	else
		st = act_waive(&s->model, &a, argv[optind], o.reason, &err);
	return finish_action(s, st, err);
}

static int
cmd_setting(const struct cli *c, struct session *s, int argc, char **argv)
{
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (parse_opts(argc, argv, "", &o) < 0 || argc - optind != 2)
		return usage_error("setting");
	if ((rc = begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = act_setting(&s->model, &a, argv[optind], argv[optind + 1], &err);
	return finish_action(s, st, err);
}

static void
json_inventory(const struct model *m, struct buf *b)
{
	const struct inventory *inv = &m->inventory;

	buf_printf(b, "{\"total\": %lu, \"at_target\": %lu, \"excluded\": %zu, \"below\": [",
	    inv->total, inv->present ? inventory_at_target(inv) : 0, m->nexclusions);
	for (size_t i = 0; i < inv->nbelow; i++) {
		buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
		json_str(b, inv->below[i].name);
		buf_puts(b, ", \"version\": ");
		json_str(b, inv->below[i].version);
		buf_puts(b, "}");
	}
	buf_puts(b, "], \"unreadable\": [");
	for (size_t i = 0; i < inv->nunreadable; i++) {
		buf_printf(b, "%s{\"line\": %lu, \"name\": ", i ? ", " : "",
		    inv->unreadable[i].line);
		json_str(b, inv->unreadable[i].name);
		buf_puts(b, "}");
	}
	buf_puts(b, "], \"duplicates\": [");
	for (size_t i = 0; i < inv->nduplicates; i++) {
		if (i)
			buf_puts(b, ", ");
		json_str(b, inv->duplicates[i]);
	}
	buf_puts(b, "], \"file\": ");
	if (inv->file != NULL)
		json_str(b, inv->file);
	else
		buf_puts(b, "null");
	buf_puts(b, ", \"sha256\": ");
	if (inv->sha256 != NULL)
		json_str(b, inv->sha256);
	else
		buf_puts(b, "null");
	buf_puts(b, ", \"imported_at\": ");
	if (inv->imported_at != NULL)
		json_str(b, inv->imported_at);
	else
		buf_puts(b, "null");
	buf_puts(b, "}\n");
}

static int
agents_import(struct session *s, int argc, char **argv)
{
	struct inventory inv;
	struct actor a;
	struct opts o;
	char *err = NULL;
	int rc;

	if (parse_opts(argc, argv, "host-column version-column", &o) < 0 ||
	    argc - optind != 1)
		return usage_error("agents import");
	/* Read before the lock is taken: a large export takes a while. */
	switch (inventory_import(argv[optind], &o.import, &inv, &err)) {
	case IMPORT_OK:
		break;
	case IMPORT_NOINPUT:
		cli_error(err);
		free(err);
		return EX_NOINPUT;
	case IMPORT_IOERR:
		cli_error(err);
		free(err);
		return EX_IOERR;
	default:
		cli_error(err);
		free(err);
		return EX_DATAERR;
	}
	if ((rc = begin(s)) != 0) {
		inventory_free(&inv);
		return rc;
	}
	session_actor(s, &a);
	if (act_import(&s->model, &a, &inv, &err) != ACT_OK) {
		session_abort(s);
		inventory_free(&inv);
		cli_error(err);
		free(err);
		return EX_DATAERR;
	}
	inventory_free(&inv);
	if ((rc = commit(s)) != 0)
		return rc;
	/* Only now is it imported: the state holds it. */
	printf(P_("Imported %lu agent: %lu at 2.7.1 or later, %lu below, %lu unreadable.\n",
	    "Imported %lu agents: %lu at 2.7.1 or later, %lu below, %lu unreadable.\n",
	    s->model.inventory.total), s->model.inventory.total,
	    inventory_at_target(&s->model.inventory), s->model.inventory.below_total,
	    s->model.inventory.unreadable_total);
	return 0;
}

/* agents import FILE | exclude NAME --reason | include NAME | show [--json] */
static int
cmd_agents(const struct cli *c, struct session *s, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (strcmp(verb, "import") == 0)
		return agents_import(s, argc - 1, argv + 1);
	if (strcmp(verb, "show") == 0) {
		struct buf b;

		if (parse_opts(argc - 1, argv + 1, "json", &o) < 0 || optind != argc - 1)
			return usage_error("agents show");
		buf_init(&b);
		if (o.json)
			json_inventory(&s->model, &b);
		else
			report_inventory(&s->model, &b);
		fputs(b.data, stdout);
		buf_free(&b);
		return 0;
	}
	if (strcmp(verb, "exclude") != 0 && strcmp(verb, "include") != 0)
		return usage_error("agents");
	if (parse_opts(argc - 1, argv + 1, *verb == 'e' ? "reason" : "", &o) < 0 ||
	    argc - 1 - optind != 1)
		return usage_error("agents");
	if ((rc = begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = *verb == 'e' ?
	    act_exclude(&s->model, &a, argv[1 + optind], o.reason, &err) :
	    act_include(&s->model, &a, argv[1 + optind], &err);
	return finish_action(s, st, err);
}

static int
cmd_confirm(const struct cli *c, struct session *s, int argc, char **argv)
{
	int undo = strcmp(argv[0], "unconfirm") == 0;
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (parse_opts(argc, argv, undo ? "" : "note", &o) < 0 ||
	    argc - optind != 1)
		return usage_error(argv[0]);
	if ((rc = begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = undo ? act_unconfirm(&s->model, &a, argv[optind], &err) :
	    act_confirm(&s->model, &a, argv[optind], o.note, &err);
	return finish_action(s, st, err);
}

static int
cmd_host(const struct cli *c, struct session *s, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 &&
	    strcmp(verb, "remove") != 0)
		return usage_error("host");
	if (parse_opts(argc - 1, argv + 1,
	    *verb == 'r' ? "" :
	    "roles address version aspnetcore desktop-runtime sql-ports syslog-ports",
	    &o) < 0 || argc - 1 - optind != 1)
		return usage_error("host");
	if ((rc = begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	if (*verb == 'a')
		st = act_host_add(&s->model, &a, argv[1 + optind], &o.host, &err);
	else if (*verb == 's')
		st = act_host_set(&s->model, &a, argv[1 + optind], &o.host, &err);
	else
		st = act_host_remove(&s->model, &a, argv[1 + optind], &err);
	return finish_action(s, st, err);
}

static int
cmd_report(const struct cli *c, struct session *s, int argc, char **argv)
{
	struct opts o;
	struct buf b;
	int rc;

	if (parse_opts(argc, argv, "format lang output", &o) < 0 ||
	    optind != argc)
		return usage_error("report");
	if (o.format != NULL && strcmp(o.format, "text") != 0) {
		cli_errorf(_("Unknown report format \"%s\"; this version writes text."), o.format);
		return EX_USAGE;
	}
	if (o.lang != NULL && i18n_set_lang(o.lang) < 0) {
		cli_errorf(_("Unknown language \"%s\"; use fr or en."), o.lang);
		return EX_USAGE;
	}
	buf_init(&b);
	report_text(&s->model, s->path, clock_now(), &b);
	rc = write_output(s, o.output, b.data, b.len);
	buf_free(&b);
	return rc;
}

static int
cmd_firewall(const struct cli *c, struct session *s, int argc, char **argv)
{
	const struct emitter *e;
	struct emit_opts eo = { NULL };
	enum phase phase = plan_phase_now(&s->model);
	struct plan p;
	struct opts o;
	struct buf b, warnings;
	char *err = NULL;
	int rc;

	if (parse_opts(argc, argv, "phase changes host format output lang", &o) < 0 ||
	    optind != argc)
		return usage_error("firewall");
	if (o.phase != NULL && plan_phase_parse(o.phase, &phase) < 0) {
		cli_errorf(_("Unknown phase \"%s\"; the phases are baseline, dual and target."), o.phase);
		return EX_USAGE;
	}
	if ((e = emitter_find(o.format != NULL ? o.format : "table")) == NULL) {
		cli_errorf(_("Unknown format \"%s\"; the formats are %s."), o.format, emitter_names());
		return EX_USAGE;
	}
	if (o.lang != NULL && i18n_set_lang(o.lang) < 0) {
		cli_errorf(_("Unknown language \"%s\"; use fr or en."), o.lang);
		return EX_USAGE;
	}
	if (o.host_name != NULL) {
		const struct host *h = model_host_find(&s->model, o.host_name);

		if (h == NULL) {
			cli_errorf(_("No host is named %s; declare it with ses-migrate host add."), o.host_name);
			return EX_USAGE;
		}
		eo.host = h->name;
	} else if (e->needs_host) {
		cli_errorf(_("A %s script runs on one host: name it with --host NAME."), e->name);
		return EX_USAGE;
	}
	plan_build(&s->model, phase, o.changes, eo.host, &p);
	buf_init(&b);
	buf_init(&warnings);
	eo.warnings = &warnings;
	if (e->emit(&p, &s->model, &eo, &b, &err) < 0) {
		cli_error(err);
		free(err);
		rc = EX_DATAERR;
	} else
		rc = write_output(s, o.output, b.data, b.len);
	if (warnings.len > 0)
		cli_error(warnings.data);
	buf_free(&warnings);
	buf_free(&b);
	plan_free(&p);
	return rc;
}

static int
cmd_probe(const struct cli *c, struct session *s, int argc, char **argv)
{
	unsigned timeout = PROBE_DEFAULT_TIMEOUT_MS;
	int step = model_current_step(&s->model), all_ok = 1, rc = 0;
	struct endpoint *v;
	struct actor a;
	struct opts o;
	struct buf b;
	size_t n;

	if (parse_opts(argc, argv, "timeout json", &o) < 0 || optind != argc)
		return usage_error("probe");
	if (o.timeout != NULL) {
		char *end;
		long ms = strtol(o.timeout, &end, 10);

		if (*o.timeout < '0' || *o.timeout > '9' || *end != '\0' || ms < 1 || ms > 600000) {
			cli_errorf(_("The timeout is a number of milliseconds from 1 to 600000, not \"%s\"."), o.timeout);
			return EX_USAGE;
		}
		timeout = (unsigned)ms;
	}
	probe_endpoints(&s->model, step, &v, &n);
	if (n == 0) {
		cli_error(_("Nothing to probe: declare the backends and agent handlers first."));
		return EX_USAGE;
	}
	/* No lock while probing: the lock is for recording the results. */
	probe_run(v, n, timeout);
	for (size_t i = 0; i < n; i++)
		all_ok &= v[i].ok;
	/* Recorded before anything is printed: `probe | head -1` still keeps them. */
	if (probe_has_item(step) && (rc = begin(s)) == 0) {
		session_actor(s, &a);
		if (probe_record(&s->model, step, v, n, &a) == 0)
			rc = commit(s);
		else
			session_abort(s);
	}
	buf_init(&b);
	if (o.json)
		buf_puts(&b, "[");
	for (size_t i = 0; i < n; i++) {
		if (o.json) {
			buf_puts(&b, i ? ", {\"host\": " : "{\"host\": ");
			json_str(&b, v[i].host);
			buf_puts(&b, ", \"address\": ");
			if (v[i].address != NULL)
				json_str(&b, v[i].address);
			else
				buf_puts(&b, "null");
			buf_printf(&b, ", \"port\": %u, \"expect\": \"%s\", \"result\": \"%s\", \"ok\": %s, \"ms\": %u}",
			    v[i].port, v[i].expect_open ? "open" : "closed",
			    probe_result_id(v[i].result), v[i].ok ? "true" : "false", v[i].ms);
		} else {
			buf_printf(&b, "%-4s %-30s %5u  %-8s %-11s %5u ms\n",
			    /* TRANSLATORS: probe verdicts, at most 4 columns. */
			    v[i].ok ? _("ok") : _("FAIL"), v[i].host, v[i].port,
			    v[i].expect_open ? "open" : "closed",
			    probe_result_id(v[i].result), v[i].ms);
		}
	}
	if (o.json)
		buf_puts(&b, "]\n");
	else if (!probe_has_item(step))
		buf_printf(&b, "%s\n", _("The current step has no probe item: the results are not kept."));
	fputs(b.data, stdout);
	buf_free(&b);
	probe_free(v, n);
	return rc != 0 ? rc : all_ok ? 0 : EXIT_REFUSED;
}

/* The commands; those that change the state take the lock while they do. */
static const struct command {
	const char	*name;
	int		(*run)(const struct cli *, struct session *, int, char **);
} commands[] = {
	{ "status", cmd_status },
	{ "check", cmd_check },
	{ "next", cmd_next },
	{ "confirm", cmd_confirm },
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
};

/* The exit status for a state that could not be loaded or saved. */
int
cli_state_exit(enum state_status st)
{
	return state_exit(st);
}

/* Run the command in argv[0] on the state file. */
int
cli_run(const struct cli *c, int argc, char **argv)
{
	struct session s;
	int rc;

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[0], commands[i].name) != 0)
			continue;
		if ((rc = open_session(c, &s)) != 0)
			return rc;
		rc = commands[i].run(c, &s, argc, argv);
		session_close(&s);
		return rc;
	}
	cli_errorf(_("Unknown command \"%s\"."), argv[0]);
	cli_error(_("Try 'ses-migrate --help' for more information."));
	return EX_USAGE;
}
