/*
 * Outputs from the wizard: the firewall plan and the report, each shown in
 * the pager and saved to a file through a form (phase, host, format,
 * language, file).  An empty file name shows the choice on screen first:
 * a preview.  What is written is what the commands would write.
 */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "collect.h"
#include "emit.h"
#include "i18n.h"
#include "plan.h"
#include "report.h"
#include "schema.h"
#include "ui-int.h"
#include "xalloc.h"

static const char *const phases[] = { "now", "baseline", "dual", "target", NULL };
static const char *const languages[] = { "en", "fr", NULL };

/* A declared host, or empty for all of them. */
static char *
known_host(const struct ui *u, const char *v)
{
	return model_host_find(&u->s->model, v) != NULL ? NULL :
	    xasprintf(_("No host is named %s; the environment (e) lists them."), v);
}

/*
 * The output of the open form: the firewall plan or the report, in the
 * language chosen (the screen's own comes back after).  NULL, and the
 * reason said, when it cannot be made.
 */
typedef char *make_fn(struct ui *u);

static char *
in_language(struct ui *u, const char *lang, make_fn *make)
{
	char was[3];
	char *out;

	strcpy(was, i18n_lang());
	if (strcmp(lang, was) != 0)
		i18n_set_lang(lang);
	out = make(u);
	if (strcmp(lang, was) != 0)
		i18n_set_lang(was);
	return out;
}

static enum phase
chosen_phase(const struct ui *u, const char *v)
{
	enum phase p = plan_phase_now(&u->s->model);

	if (strcmp(v, "now") != 0)
		plan_phase_parse(v, &p);
	return p;
}

/* Fields of the firewall form: phase, host, format, language, file. */
static char *
make_plan(struct ui *u)
{
	const struct model *m = &u->s->model;
	const struct emitter *e = emitter_find(ui_form_value(u, 2));
	const char *host = *ui_form_value(u, 1) != '\0' ? ui_form_value(u, 1) : NULL;
	struct emit_opts eo = { NULL, FRONT_CLI, NULL };
	struct buf b, warnings;
	struct plan p;
	char *err = NULL;

	if (e->needs_host && host == NULL) {
		ui_note(u, N_("A %s script runs on one host: name it in the Host field."), 0, e->name, NULL);
		return NULL;
	}
	eo.host = host;
	if (strcmp(ui_form_value(u, 0), "now") == 0)
		plan_build_now(m, &p);
	else
		plan_build(m, chosen_phase(u, ui_form_value(u, 0)), 0, host, &p);
	buf_init(&b);
	buf_init(&warnings);
	eo.warnings = &warnings;
	if (e->emit(&p, m, &eo, &b, &err) < 0) {
		ui_refusal(u, err);
		buf_free(&b);
		buf_free(&warnings);
		plan_free(&p);
		return NULL;
	}
	/* What could not go into the file is said, as on standard error. */
	if (warnings.len > 0)
		ui_note(u, "%s", 0, warnings.data, NULL);
	buf_free(&warnings);
	plan_free(&p);
	return buf_detach(&b);
}

/* Fields of the report form: format, language, file. */
static char *
make_report(struct ui *u)
{
	struct buf b;

	buf_init(&b);
	report_format_find(ui_form_value(u, 0))->write(&u->s->model, u->s->path, clock_now(), &b);
	return buf_detach(&b);
}

/* Fields of the collector form: host, language, file. */
static char *
make_collect(struct ui *u)
{
	const char *host = *ui_form_value(u, 0) != '\0' ? ui_form_value(u, 0) : NULL;
	char *err = NULL;
	struct buf b;

	buf_init(&b);
	if (collect_script(&u->s->model, host, &b, &err) < 0) {
		ui_refusal(u, err);
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* The text the preview pager shows, made once at the form's saving. */
static char *preview;

static void
page_preview(const struct ui *u, struct buf *b)
{
	(void)u;	/* the signature every one of its kind has */
	buf_puts(b, preview != NULL ? preview : "");
}

static const struct ui_page preview_page = { N_("Preview"), page_preview, NULL };

/* Write to the file of field file, or show in the pager when it is empty. */
static int
write_or_show(struct ui *u, size_t lang_field, size_t file_field, make_fn *make)
{
	const char *path = ui_form_value(u, file_field);
	char *out = in_language(u, ui_form_value(u, lang_field), make);
	struct fsio_error e;

	if (out == NULL)
		return -1;
	if (*path == '\0') {
		/*
		 * A preview: the form stays, to save what was seen.  The byte
		 * order mark, the CR of CRLF and the tabs of indentation are
		 * for the file, not for the screen: shown, they would be spelled
		 * out on every line.
		 */
		struct buf shown;
		const char *r = out;

		buf_init(&shown);
		if (strncmp(r, "\xef\xbb\xbf", 3) == 0)
			r += 3;
		for (; *r != '\0'; r++)
			if (*r == '\t')
				buf_puts(&shown, "    ");
			else if (!(r[0] == '\r' && r[1] == '\n'))
				buf_putc(&shown, *r);
		free(out);
		free(preview);
		preview = buf_detach(&shown);
		u->page = &preview_page;
		u->scroll = 0;
		ui_note(u, N_("Preview: q comes back to the form, to save it under a file name."), 0, NULL, NULL);
		u->pager_back = &ui_form_screen;
		u->screen = &ui_pager_screen;
		return -1;
	}
	switch (session_write_output(u->s, path, out, strlen(out), &e)) {
	case FSIO_OK:
		ui_note(u, N_("Written: %s"), 0, path, NULL);
		free(out);
		return 0;
	case FSIO_REFUSED:
		ui_note(u, N_("%s: %s; choose another file."), 1 << 1, path, e.what);
		break;
	default:
		ui_note(u, N_("Cannot write %s: %s"), 0, path, strerror(e.errnum));
	}
	free(out);
	return -1;
}

static int
submit_plan(struct ui *u)
{
	return write_or_show(u, 3, 4, make_plan);
}

static int
submit_report(struct ui *u)
{
	return write_or_show(u, 1, 2, make_report);
}

static int
submit_collect(struct ui *u)
{
	return write_or_show(u, 1, 2, make_collect);
}

static struct ui_form_field collect_fields[] = {
	{ N_("Host"), N_("Empty: one script for every Windows host, each finding its own by name. A host's name: its script alone."),
	  NULL, known_host, NULL, 255, 0, 0 },
	{ N_("Language"), NULL, NULL, NULL, languages, 0, 1, 0 },
	{ N_("File"), N_("Where to write it, such as collect.ps1; Tab completes the name. Empty: preview on screen."),
	  &sk_inventory_file, NULL, NULL, SCHEMA_PATH_MAX, 0, 1 },
};

static const struct ui_form_def collect_form = {
	N_("Write the evidence collector"),
	N_("A read-only PowerShell script to run on the Windows hosts; bring back the JSON files it writes for evidence import."),
	collect_fields, 3, submit_collect,
};

static struct ui_form_field plan_fields[] = {
	{ N_("Phase"), N_("now: the work left at this step; baseline, dual or target: the whole plan of that phase."),
	  NULL, NULL, phases, 0, 1, 0 },
	{ N_("Host"), N_("Empty: every host. A host's name: its flows only (scripts run on one host)."),
	  NULL, known_host, NULL, 255, 0, 0 },
	{ N_("Format"), N_("table to read, csv for a change request, powershell or netsh for a Windows host, nftables for Linux."),
	  NULL, NULL, NULL, 0, 1, 0 },
	{ N_("Language"), NULL, NULL, NULL, languages, 0, 1, 0 },
	{ N_("File"), N_("Where to write it; Tab completes the name. Empty: preview on screen."),
	  &sk_inventory_file, NULL, NULL, SCHEMA_PATH_MAX, 0, 1 },
};

static const struct ui_form_def plan_form = {
	N_("Export the firewall plan"), NULL, plan_fields, 5, submit_plan,
};

static struct ui_form_field report_fields[] = {
	{ N_("Format"), NULL, NULL, NULL, NULL, 0, 1, 0 },
	{ N_("Language"), NULL, NULL, NULL, languages, 0, 1, 0 },
	{ N_("File"), N_("Where to write it; Tab completes the name. Empty: preview on screen."),
	  &sk_inventory_file, NULL, NULL, SCHEMA_PATH_MAX, 0, 1 },
};

static const struct ui_form_def report_form = {
	N_("Save the report"), NULL, report_fields, 3, submit_report,
};

void
ui_export_plan(struct ui *u)
{
	const char *v[] = { "now", NULL, "table", i18n_lang(), NULL };

	/* The formats are the emitters', whatever they are. */
	plan_fields[2].choices = emitter_ids();
	ui_form_open(u, &plan_form, NULL, v);
}

void
ui_export_collect(struct ui *u, const char *host)
{
	const char *v[] = { host, i18n_lang(), NULL };

	ui_form_open(u, &collect_form, NULL, v);
}

void
ui_save_report(struct ui *u)
{
	const char *v[] = { "text", i18n_lang(), NULL };

	report_fields[0].choices = report_format_ids();
	ui_form_open(u, &report_form, NULL, v);
}

void
ui_preview_end(void)
{
	free(preview);
	preview = NULL;
}
