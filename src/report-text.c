/* The report as plain text: 80 columns, printable as it is. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "gates.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "xalloc.h"

static void
step_text(const struct model *m, size_t step, time_t now, struct buf *out)
{
	const struct migration *mig = m->mig;
	const struct step_def *s = &mig->steps[step];
	const struct step_record *r = &m->steps[step];
	enum step_status st = model_step_status(m, step);
	struct findings f;

	/* TRANSLATORS: step number, title, id and status. */
	buf_printf(out, _("\n%zu. %s [%s]: %s\n"), step + 1, _(s->title), s->id,
	    describe_status(st));
	if (st == STATUS_DONE && r->by != NULL && r->at != NULL)
		buf_printf(out, _("   Completed by %s on %s.\n"), r->by, r->at);
	if (r->note != NULL) {
		char *line = xasprintf(_("Note: %s"), r->note);

		buf_puts(out, "   ");
		text_wrap(out, line, 6, 3, REPORT_WIDTH);
		free(line);
	}
	if (st == STATUS_DEFERRED) {
		char *line = xasprintf(_("Deferred by %s on %s: %s"),
		    r->by != NULL ? r->by : "?", r->at != NULL ? r->at : "?",
		    r->reason != NULL ? r->reason : "");

		buf_puts(out, "   ");
		text_wrap(out, line, 6, 3, REPORT_WIDTH);
		free(line);
	}
	findings_init(&f);
	gates_eval(m, step, now, &f);
	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
		const struct mark *k = &m->marks[i];

		buf_printf(out, "   %s ", describe_mark(m, i, &f));
		text_wrap(out, _(mig->items[i].label), 7, 7, REPORT_WIDTH);
		if (k->at != NULL) {
			buf_printf(out, "       ");
			buf_printf(out, _("confirmed by %s on %s"), k->by != NULL ? k->by : "?", k->at);
			buf_putc(out, '\n');
		}
		if (k->note != NULL)
			report_tagged(out, 7, _("Note"), k->note);
		if (mig->items[i].kind == ITEM_EVIDENCE && m->evidence[i].at != NULL) {
			const struct evidence *e = &m->evidence[i];
			char *line = e->verdict == VERDICT_PASS ?
			    xasprintf(_("probed on %s: every port answered as expected"), e->at) :
			    xasprintf(_("probed on %s: not as expected: %s"), e->at,
			    e->failed != NULL ? e->failed : "?");

			buf_puts(out, "       ");
			text_wrap(out, line, 7, 7, REPORT_WIDTH);
			free(line);
		}
	}
	if (st == STATUS_DONE && findings_errors(&f) > 0)
		buf_printf(out, "   %s\n", _("FLAGGED: done, but no longer holds:"));
	if (st != STATUS_PENDING)
		report_findings(&f, FRONT_REPORT, 3, out);
	findings_free(&f);
}

/* Waived probes, with who, when and why. */
static void
waivers_text(const struct model *m, struct buf *out)
{
	int any = 0;

	for (size_t i = 0; i < m->mig->nitems; i++) {
		const struct evidence *e = &m->evidence[i];
		char *line;

		if (e->waiver == NULL)
			continue;
		line = xasprintf(_("%s: waived by %s on %s: %s"), m->mig->items[i].id,
		    e->waived_by != NULL ? e->waived_by : "?",
		    e->waived_at != NULL ? e->waived_at : "?", e->waiver);
		buf_puts(out, "   ");
		text_wrap(out, line, 6, 3, REPORT_WIDTH);
		free(line);
		any = 1;
	}
	if (!any)
		buf_printf(out, "   %s\n", _("None."));
}

static void
history_text(const struct model *m, struct buf *out)
{
	if (m->nevents == 0)
		buf_printf(out, "   %s\n", _("Nothing recorded yet."));
	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];
		char *what = describe_event(e);

		buf_printf(out, "   %s  %s  ", e->at, e->by);
		text_wrap(out, what, 6, 7 + text_width(e->at) + text_width(e->by),
		    REPORT_WIDTH);
		if (e->reason != NULL) {
			buf_printf(out, "      ");
			text_wrap(out, e->reason, 6, 6, REPORT_WIDTH);
		}
		if (e->count > 1) {
			char *again = xasprintf(P_("%lu time in all, the last on %s.",
			    "%lu times in all, the last on %s.", e->count), e->count,
			    e->last != NULL ? e->last : "?");

			buf_printf(out, "      ");
			text_wrap(out, again, 6, 6, REPORT_WIDTH);
			free(again);
		}
		free(what);
	}
}

static void
write_text(const struct model *m, const char *state_path, time_t now,
    struct buf *out)
{
	/* TRANSLATORS: %s is the migration, the title of the migration, such as "Product 1.0 to 2.0 migration". */
	buf_printf(out, _("%s: progress report"), _(m->mig->title));
	buf_printf(out, "\n%s\n\n", "================================================================================");
	buf_printf(out, _("State file: %s\n"), state_path);
	if (m->created_at != NULL)
		buf_printf(out, _("Started by %s on %s.\n"),
		    m->created_by != NULL ? m->created_by : "?", m->created_at);
	report_progress(m, out);

	buf_printf(out, "\n%s\n", _("Environment"));
	report_environment(m, out);

	buf_printf(out, "\n%s\n", _("Steps"));
	for (size_t i = 0; i < m->mig->nsteps; i++)
		step_text(m, i, now, out);

	buf_printf(out, "\n%s\n", _("Agent inventory"));
	report_inventory(m, out);

	buf_printf(out, "\n%s\n", _("Waivers"));
	waivers_text(m, out);

	buf_printf(out, "\n%s\n", _("History"));
	history_text(m, out);
}

const struct report_format report_text_format = { "text", write_text };
