/* The commands of the environment and the agents: host, setting, agents. */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cli-int.h"
#include "evidence.h"
#include "fsio.h"
#include "i18n.h"
#include "json-doc.h"
#include "report.h"
#include "runtimes.h"
#include "xalloc.h"

#define RUNTIMES_MAX (1 << 20)

/* Says why path could not be read whole, for fsio_read's st; the exit status. */
static int
read_failed(const char *path, enum fsio_status st, const struct fsio_error *e, size_t max)
{
	switch (st) {
	case FSIO_NOENT:
		front_errorf(_("%s: no such file; nothing was changed."), path);
		break;
	case FSIO_NOTFILE:
		front_errorf(_("%s: not a regular file; nothing was changed."), path);
		break;
	case FSIO_TOOBIG:
		front_errorf(_("%s: larger than %zu KiB, more than such a file can be; nothing was changed."),
		    path, max / 1024);
		return EX_DATAERR;
	default:
		front_errorf(_("%s: cannot read it (%s: %s)."), path, e->what, strerror(e->errnum));
	}
	return EX_NOINPUT;
}

/*
 * --runtimes-from FILE|-: the host's runtimes from a paste of `dotnet
 * --list-runtimes`, read before the lock is taken; 0 or the exit status.
 */
static int
runtimes_from(const struct session *s, const char *path, struct host_change *hc,
    struct runtimes_found *rf)
{
	const char *why = NULL;
	char *data = NULL;
	size_t len = 0;

	if (hc->aspnetcore != NULL || hc->desktop != NULL) {
		front_error(_("--runtimes-from gives both runtimes: it goes without --aspnetcore and --desktop-runtime."));
		return EX_USAGE;
	}
	if (strcmp(path, "-") == 0) {
		size_t got;

		data = xmalloc(RUNTIMES_MAX + 1);
		while ((got = fread(data + len, 1, RUNTIMES_MAX - len, stdin)) > 0)
			len += got;
		data[len] = '\0';
	} else {
		struct fsio_error e;
		enum fsio_status st = fsio_read(path, RUNTIMES_MAX, &data, &len, &e);

		if (st != FSIO_OK)
			return read_failed(path, st, &e, RUNTIMES_MAX);
	}
	if (runtimes_parse(data, len, s->model.mig->runtime_series, rf, &why) < 0) {
		free(data);
		front_errorf("%s: %s", path, _(why));
		return EX_DATAERR;
	}
	free(data);
	if (rf->aspnetcore == NULL && rf->desktop == NULL) {
		front_errorf(_("%s: no Microsoft.AspNetCore.App or Microsoft.WindowsDesktop.App of the %s series in it; give the output of dotnet --list-runtimes."),
		    path, s->model.mig->runtime_series);
		return EX_DATAERR;
	}
	hc->aspnetcore = rf->aspnetcore;
	hc->desktop = rf->desktop;
	return 0;
}

/* host add|set|remove NAME [options] */
int
cmd_host(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	const char *verb = argc > 1 ? argv[1] : "";
	struct runtimes_found rf = { NULL, NULL, 0 };
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
	    "roles address version aspnetcore desktop-runtime sql-ports syslog-ports runtimes-from",
	    &o) < 0 || argc - 1 - optind != 1)
		return usage_error("host");
	if (o.runtimes_from != NULL && (rc = runtimes_from(s, o.runtimes_from, &o.host, &rf)) != 0)
		return rc;
	if ((rc = cli_begin(s)) != 0) {
		runtimes_free(&rf);
		return rc;
	}
	session_actor(s, &a);
	if (*verb == 'a')
		st = act_host_add(&s->model, &a, argv[1 + optind], &o.host, &err);
	else if (*verb == 's')
		st = act_host_set(&s->model, &a, argv[1 + optind], &o.host, &err);
	else
		st = act_host_remove(&s->model, &a, argv[1 + optind], &err);
	rc = cli_finish(s, st, err);
	if (rc == 0 && o.runtimes_from != NULL) {
		printf(_("From %s: ASP.NET Core Runtime %s, .NET Desktop Runtime %s.\n"), o.runtimes_from,
		    rf.aspnetcore != NULL ? rf.aspnetcore : _("not listed"),
		    rf.desktop != NULL ? rf.desktop : _("not listed"));
		if (rf.ignored > 0)
			printf(P_("%zu other runtime line was left aside: another kind or series.\n",
			    "%zu other runtime lines were left aside: another kind or series.\n",
			    rf.ignored), rf.ignored);
	}
	runtimes_free(&rf);
	return rc;
}

/* setting NAME VALUE */
int
cmd_setting(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (parse_opts(argc, argv, "", &o) < 0 || argc - optind != 2)
		return usage_error("setting");
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = act_setting(&s->model, &a, argv[optind], argv[optind + 1], &err);
	return cli_finish(s, st, err);
}

/* agents import FILE|-: read first, then lock, save, and only then say so. */
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
	o.import.target = s->model.mig->to_version;
	/* Read before the lock is taken: a large export takes a while. */
	switch (inventory_import(argv[optind], &o.import, &inv, &err)) {
	case IMPORT_OK:
		break;
	case IMPORT_NOINPUT:
		front_error(err);
		free(err);
		return EX_NOINPUT;
	case IMPORT_IOERR:
		front_error(err);
		free(err);
		return EX_IOERR;
	default:
		front_error(err);
		free(err);
		return EX_DATAERR;
	}
	if ((rc = cli_begin(s)) != 0) {
		inventory_free(&inv);
		return rc;
	}
	session_actor(s, &a);
	if (act_import(&s->model, &a, &inv, &err) != ACT_OK) {
		session_abort(s);
		inventory_free(&inv);
		front_error(err);
		free(err);
		return EX_DATAERR;
	}
	inventory_free(&inv);
	if ((rc = cli_commit(s)) != 0)
		return rc;
	printf(P_("Imported %lu agent: %lu at %s or later, %lu below, %lu unreadable.\n",
	    "Imported %lu agents: %lu at %s or later, %lu below, %lu unreadable.\n",
	    s->model.inventory.total), s->model.inventory.total,
	    inventory_at_target(&s->model.inventory), s->model.mig->to_version,
	    s->model.inventory.below_total, s->model.inventory.unreadable_total);
	return 0;
}

/* agents import FILE | exclude NAME --reason | include NAME | show [--json] */
int
cmd_agents(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
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
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = *verb == 'e' ?
	    act_exclude(&s->model, &a, argv[1 + optind], o.reason, &err) :
	    act_include(&s->model, &a, argv[1 + optind], &err);
	return cli_finish(s, st, err);
}

static int
by_time(const void *a, const void *b)
{
	const struct evidence_doc *x = a, *y = b;

	return strcmp(x->collected_at, y->collected_at);
}

/*
 * evidence import FILE...: every file read and checked before the lock is
 * taken, applied oldest first, and saved only if all of them are accepted.
 */
int
cmd_evidence(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	struct evidence_doc *docs;
	struct actor a;
	struct opts o;
	char *err = NULL;
	size_t n;
	int rc = 0;

	if (argc < 2 || strcmp(argv[1], "import") != 0)
		return usage_error("evidence");
	if (parse_opts(argc - 1, argv + 1, "", &o) < 0 || argc - 1 - optind < 1)
		return usage_error("evidence");
	n = (size_t)(argc - 1 - optind);
	docs = xcalloc(n, sizeof(*docs));
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *path = argv[1 + optind + (int)i];
		struct fsio_error e;
		char *data = NULL;
		size_t len = 0;
		enum fsio_status st = fsio_read(path, EVIDENCE_MAX, &data, &len, &e);

		if (st != FSIO_OK)
			rc = read_failed(path, st, &e, EVIDENCE_MAX);
		else if (evidence_read(path, data, len, s->model.mig, &docs[i], &err) < 0) {
			front_error(err);
			free(err);
			rc = EX_DATAERR;
		}
		free(data);
	}
	if (rc == 0 && (rc = cli_begin(s)) == 0) {
		session_actor(s, &a);
		qsort(docs, n, sizeof(*docs), by_time);
		for (size_t i = 0; i < n && rc == 0; i++)
			if (act_evidence(&s->model, &a, &docs[i], &err) != ACT_OK) {
				front_error(err);
				free(err);
				rc = EX_DATAERR;
			}
		if (rc != 0)
			session_abort(s);
		else
			rc = cli_commit(s);
	}
	for (size_t i = 0; i < n; i++) {
		if (rc == 0 && docs[i].failed != NULL)
			printf(_("%s: evidence of %s collected at %s (components: %zu, runtimes: %zu, firewall rules: %zu, connection tests: %zu), some not as expected: %s.\n"),
			    docs[i].file, docs[i].host, docs[i].collected_at, docs[i].ncomponents,
			    docs[i].nruntimes, docs[i].nrules, docs[i].ntests, docs[i].failed);
		else if (rc == 0)
			printf(_("%s: evidence of %s collected at %s (components: %zu, runtimes: %zu, firewall rules: %zu, connection tests: %zu), all as expected.\n"),
			    docs[i].file, docs[i].host, docs[i].collected_at, docs[i].ncomponents,
			    docs[i].nruntimes, docs[i].nrules, docs[i].ntests);
		evidence_doc_free(&docs[i]);
	}
	free(docs);
	return rc;
}
