/* The commands that produce outputs: report, firewall, probe. */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cli-int.h"
#include "emit.h"
#include "i18n.h"
#include "json-doc.h"
#include "plan.h"
#include "probe.h"
#include "collect.h"
#include "report.h"
#include "text.h"
#include "xalloc.h"

/* report [--format F] [--lang L] [-o FILE] */
int
cmd_report(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	const struct report_format *f;
	struct opts o;
	struct buf b;
	int rc;

	if (parse_opts(argc, argv, "format lang output", &o) < 0 ||
	    optind != argc)
		return usage_error("report");
	if ((f = report_format_find(o.format != NULL ? o.format : "text")) == NULL) {
		char *shown = text_visible(o.format, strlen(o.format));

		front_errorf(_("Unknown report format \"%s\"; the formats are %s."), shown,
		    report_format_names());
		free(shown);
		return EX_USAGE;
	}
	if (cli_lang(o.lang) < 0)
		return EX_USAGE;
	buf_init(&b);
	f->write(&s->model, s->path, clock_now(), &b);
	rc = cli_write_output(s, o.output, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* collect [--host NAME] [-o FILE]: the evidence collector for the Windows hosts. */
int
cmd_collect(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	struct opts o;
	struct buf b;
	char *err = NULL;
	int rc;

	if (parse_opts(argc, argv, "host output", &o) < 0 || optind != argc)
		return usage_error("collect");
	buf_init(&b);
	if (collect_script(&s->model, o.host_name, &b, &err) < 0) {
		front_error(err);
		free(err);
		buf_free(&b);
		return EX_DATAERR;
	}
	rc = cli_write_output(s, o.output, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* firewall [--phase P] [--changes] [--host NAME] [--format F] [--lang L] [-o FILE] */
int
cmd_firewall(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	const struct emitter *e;
	struct emit_opts eo = { NULL, FRONT_CLI, NULL };
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
		front_errorf(_("Unknown phase \"%s\"; the phases are baseline, dual and target."), o.phase);
		return EX_USAGE;
	}
	if ((e = emitter_find(o.format != NULL ? o.format : "table")) == NULL) {
		front_errorf(_("Unknown format \"%s\"; the formats are %s."), o.format, emitter_names());
		return EX_USAGE;
	}
	if (cli_lang(o.lang) < 0)
		return EX_USAGE;
	if (o.host_name != NULL) {
		const struct host *h = model_host_find(&s->model, o.host_name);

		if (h == NULL) {
			front_errorf(_("No host is named %s; declare it with ses-migrate host add."), o.host_name);
			return EX_USAGE;
		}
		eo.host = h->name;
	} else if (e->needs_host) {
		front_errorf(_("A %s script runs on one host: name it with --host NAME."), e->name);
		return EX_USAGE;
	}
	plan_build(&s->model, phase, o.changes, eo.host, &p);
	buf_init(&b);
	buf_init(&warnings);
	eo.warnings = &warnings;
	if (e->emit(&p, &s->model, &eo, &b, &err) < 0) {
		front_error(err);
		free(err);
		rc = EX_DATAERR;
	} else
		rc = cli_write_output(s, o.output, b.data, b.len);
	if (warnings.len > 0)
		front_error(warnings.data);
	buf_free(&warnings);
	buf_free(&b);
	plan_free(&p);
	return rc;
}

/* probe [--timeout MS] [--json]: no lock while probing, the results recorded before printing. */
int
cmd_probe(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	unsigned timeout = PROBE_DEFAULT_TIMEOUT_MS;
	size_t step = model_current_step(&s->model), n;
	int all_ok = 1, rc = 0;
	struct endpoint *v;
	struct actor a;
	struct opts o;
	struct buf b;

	if (parse_opts(argc, argv, "timeout json", &o) < 0 || optind != argc)
		return usage_error("probe");
	if (o.timeout != NULL) {
		char *end;
		long ms = strtol(o.timeout, &end, 10);

		if (*o.timeout < '0' || *o.timeout > '9' || *end != '\0' || ms < 1 || ms > 600000) {
			front_errorf(_("The timeout is a number of milliseconds from 1 to 600000, not \"%s\"."), o.timeout);
			return EX_USAGE;
		}
		timeout = (unsigned)ms;
	}
	probe_endpoints(&s->model, step, &v, &n);
	if (n == 0) {
		front_error(_("Nothing to probe: declare the backends and agent handlers first."));
		return EX_USAGE;
	}
	probe_run(v, n, timeout);
	for (size_t i = 0; i < n; i++)
		all_ok &= v[i].ok;
	/* Recorded before anything is printed: `probe | head -1` still keeps them. */
	if (probe_has_item(&s->model, step) && (rc = cli_begin(s)) == 0) {
		session_actor(s, &a);
		if (probe_record(&s->model, step, v, n, &a) == 0)
			rc = cli_commit(s);
		else
			session_abort(s);
	}
	buf_init(&b);
	if (o.json)
		json_probe(v, n, &b);
	else {
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%-4s %-30s %5u  %-8s %-11s %5u ms\n",
			    /* TRANSLATORS: probe verdicts, at most 4 columns. */
			    v[i].ok ? _("ok") : _("FAIL"), v[i].host, v[i].port,
			    v[i].expect_open ? "open" : "closed",
			    probe_result_id(v[i].result), v[i].ms);
		if (!probe_has_item(&s->model, step))
			buf_printf(&b, "%s\n", _("The current step has no probe item: the results are not kept."));
	}
	fputs(b.data, stdout);
	buf_free(&b);
	probe_free(v, n);
	return rc != 0 ? rc : all_ok ? 0 : EXIT_REFUSED;
}
