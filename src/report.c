/*
 * The progress report: plain text, 80 columns, printable as it is.  It is
 * rendered in the current language from the model's codes, so the change
 * manager can have it in French from a state kept in English.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "gates.h"
#include "i18n.h"
#include "report.h"
#include "text.h"

static size_t
steps_done(const struct model *m)
{
	size_t n = 0;

	for (int i = 0; i < STEP_COUNT; i++)
		n += m->steps[i].status == STATUS_DONE;
	return n;
}

/* "Progress: 3 of 8 steps done; current step: Backoffice update." */
static void
progress_line(const struct model *m, struct buf *out)
{
	int cur = model_current_step(m);

	buf_printf(out, _("Progress: %zu of %d steps done."), steps_done(m), STEP_COUNT);
	buf_putc(out, '\n');
	if (cur == STEP_COUNT)
		buf_printf(out, "%s\n", _("The migration is complete."));
	else
		buf_printf(out, _("Current step: %s (%s).\n"), _(guide_steps[cur].title),
		    guide_steps[cur].id);
}

/* Every error finding of a step, each with its hint. */
static void
findings_text(const struct findings *f, struct buf *out, size_t indent)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		const char *tag = x->severity == SEV_ERROR ? _("BLOCKED") : _("NOTE");

		buf_printf(out, "%*s%s: ", (int)indent, "", tag);
		text_wrap(out, x->message, indent + 4, indent + text_width(tag) + 2,
		    REPORT_WIDTH);
		buf_printf(out, "%*s", (int)indent + 4, "");
		text_wrap(out, x->hint, indent + 4, indent + 4, REPORT_WIDTH);
	}
}

/* The one-screen summary of `ses-migrate status`. */
void
report_status(const struct model *m, struct buf *out)
{
	int cur = model_current_step(m);

	progress_line(m, out);
	buf_putc(out, '\n');
	for (int i = 0; i < STEP_COUNT; i++) {
		enum step_status st = model_step_status(m, i);

		buf_printf(out, " %s %d. ", i == cur ? ">" : " ", i + 1);
		text_pad(out, _(guide_steps[i].title), 36);
		buf_printf(out, " %s\n", describe_status(st));
	}
	if (cur < STEP_COUNT) {
		struct findings f;

		findings_init(&f);
		gates_eval(m, cur, &f);
		buf_putc(out, '\n');
		if (findings_errors(&f) == 0)
			buf_printf(out, "%s\n", _("Nothing blocks the current step: ses-migrate next completes it."));
		else
			findings_text(&f, out, 0);
		findings_free(&f);
	}
}

static void
step_text(const struct model *m, int step, struct buf *out)
{
	const struct guide_step *s = &guide_steps[step];
	const struct step_record *r = &m->steps[step];
	enum step_status st = model_step_status(m, step);
	struct findings f;

	buf_printf(out, "\n%d. %s [%s]: %s\n", step + 1, _(s->title), s->id,
	    describe_status(st));
	if (st == STATUS_DONE && r->by != NULL && r->at != NULL)
		buf_printf(out, _("   Completed by %s on %s.\n"), r->by, r->at);
	if (st == STATUS_DEFERRED && r->reason != NULL)
		buf_printf(out, _("   Deferred by %s on %s: %s\n"), r->by != NULL ? r->by : "?",
		    r->at != NULL ? r->at : "?", r->reason);
	findings_init(&f);
	gates_eval(m, step, &f);
	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
		const struct mark *k = &m->marks[i];

		buf_printf(out, "   %s ", describe_mark(m, i, &f));
		text_wrap(out, _(guide_items[i].label), 7, 7, REPORT_WIDTH);
		if (k->at != NULL) {
			buf_printf(out, "       ");
			buf_printf(out, _("confirmed by %s on %s"), k->by != NULL ? k->by : "?", k->at);
			buf_putc(out, '\n');
		}
		if (k->note != NULL) {
			buf_printf(out, "       %s ", _("Note:"));
			text_wrap(out, k->note, 7, 8 + text_width(_("Note:")), REPORT_WIDTH);
		}
	}
	if (st == STATUS_ACTIVE || st == STATUS_DEFERRED)
		findings_text(&f, out, 3);
	findings_free(&f);
}

/* The full report of `ses-migrate report --format text`. */
void
report_text(const struct model *m, const char *state_path, struct buf *out)
{
	buf_printf(out, "%s\n", _("SES Evolution migration from 2.6.x to 2.7.1: progress report"));
	buf_printf(out, "%s\n\n", "================================================================================");
	buf_printf(out, _("State file: %s\n"), state_path);
	if (m->created_at != NULL)
		buf_printf(out, _("Started by %s on %s.\n"),
		    m->created_by != NULL ? m->created_by : "?", m->created_at);
	progress_line(m, out);

	buf_printf(out, "\n%s\n", _("Environment"));
	if (m->nhosts == 0)
		buf_printf(out, "   %s\n", _("No host declared yet."));
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];
		char *roles = role_format_list(h->roles);
		struct buf line;

		buf_init(&line);
		buf_printf(&line, "%s (%s): %s %s", h->name, roles, _("version"),
		    h->version != NULL ? h->version : _("unknown"));
		if (h->roles & ROLE_AGENT_HANDLER)
			buf_printf(&line, ", ASP.NET Core %s, .NET Desktop %s",
			    h->aspnetcore != NULL ? h->aspnetcore : _("unknown"),
			    h->desktop != NULL ? h->desktop : _("unknown"));
		buf_puts(out, "   ");
		text_wrap(out, line.data, 6, 3, REPORT_WIDTH);
		buf_free(&line);
		free(roles);
	}

	buf_printf(out, "\n%s\n", _("Steps"));
	for (int i = 0; i < STEP_COUNT; i++)
		step_text(m, i, out);

	buf_printf(out, "\n%s\n", _("History"));
	if (m->nevents == 0)
		buf_printf(out, "   %s\n", _("Nothing recorded yet."));
	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];
		char *what = describe_event(e);

		buf_printf(out, "   %s  %s  ", e->at, e->by);
		text_wrap(out, what, 6, 6 + text_width(e->at) + text_width(e->by) + 4,
		    REPORT_WIDTH);
		if (e->reason != NULL) {
			buf_printf(out, "      ");
			text_wrap(out, e->reason, 8, 6, REPORT_WIDTH);
		}
		free(what);
	}
}
