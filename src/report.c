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
#include "inventory.h"
#include "report.h"
#include "text.h"
#include "xalloc.h"

static size_t
steps_done(const struct model *m)
{
	size_t n = 0;

	for (int i = 0; i < STEP_COUNT; i++)
		n += m->steps[i].status == STATUS_DONE;
	return n;
}

/* "Progress: 3 of 8 steps done." and the current step. */
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

/* Write "TAG: text" wrapped, with later lines indented under the text. */
static void
tagged(struct buf *out, size_t indent, const char *tag, const char *text)
{
	/* TRANSLATORS: a tag such as BLOCKED or Note before its text; French puts a space before the colon. */
	char *head = xasprintf(_("%s: "), tag);

	buf_printf(out, "%*s%s", (int)indent, "", head);
	text_wrap(out, text, indent + 4, indent + text_width(head), REPORT_WIDTH);
	free(head);
}

/* Every finding of a step, each with its hint. */
static void
findings_text(const struct findings *f, struct buf *out, size_t indent)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		tagged(out, indent, x->severity == SEV_ERROR ? _("BLOCKED") : _("NOTE"),
		    x->message);
		buf_printf(out, "%*s", (int)indent + 4, "");
		text_wrap(out, x->hint, indent + 4, indent + 4, REPORT_WIDTH);
	}
}

/* The one-screen summary of `ses-migrate status`. */
void
report_status(const struct model *m, time_t now, struct buf *out)
{
	int cur = model_current_step(m);

	progress_line(m, out);
	buf_putc(out, '\n');
	for (int i = 0; i < STEP_COUNT; i++) {
		enum step_status st = model_step_status(m, i);
		struct findings f;

		buf_printf(out, " %s %d. ", i == cur ? ">" : " ", i + 1);
		text_pad(out, _(guide_steps[i].title), 36);
		buf_printf(out, " %s\n", describe_status(st));
		findings_init(&f);
		if (gates_flagged(m, i, now, &f)) {
			/* A done step whose data changed since: say why. */
			buf_printf(out, "      %s\n", _("FLAGGED: done, but no longer holds:"));
			findings_text(&f, out, 6);
		}
		findings_free(&f);
	}
	if (cur < STEP_COUNT) {
		const struct guide_step *s = &guide_steps[cur];
		struct findings f;

		for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
			const struct evidence *e = &m->evidence[i];

			if (guide_items[i].kind != ITEM_EVIDENCE || e->at == NULL)
				continue;
			buf_putc(out, '\n');
			if (e->verdict == VERDICT_PASS)
				buf_printf(out, _("Last probe, on %s: every port answered as expected.\n"), e->at);
			else
				buf_printf(out, _("Last probe, on %s: not as expected: %s\n"), e->at,
				    e->failed != NULL ? e->failed : "?");
		}
		findings_init(&f);
		gates_eval(m, cur, now, &f);
		buf_putc(out, '\n');
		if (findings_errors(&f) == 0)
			buf_printf(out, "%s\n", _("Nothing blocks the current step: ses-migrate next completes it."));
		findings_text(&f, out, 0);
		findings_free(&f);
	}
}

static void
step_text(const struct model *m, int step, time_t now, struct buf *out)
{
	const struct guide_step *s = &guide_steps[step];
	const struct step_record *r = &m->steps[step];
	enum step_status st = model_step_status(m, step);
	struct findings f;

	/* TRANSLATORS: step number, title, id and status. */
	buf_printf(out, _("\n%d. %s [%s]: %s\n"), step + 1, _(s->title), s->id,
	    describe_status(st));
	if (st == STATUS_DONE && r->by != NULL && r->at != NULL)
		buf_printf(out, _("   Completed by %s on %s.\n"), r->by, r->at);
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
		text_wrap(out, _(guide_items[i].label), 7, 7, REPORT_WIDTH);
		if (k->at != NULL) {
			buf_printf(out, "       ");
			buf_printf(out, _("confirmed by %s on %s"), k->by != NULL ? k->by : "?", k->at);
			buf_putc(out, '\n');
		}
		if (k->note != NULL)
			tagged(out, 7, _("Note"), k->note);
		if (guide_items[i].kind == ITEM_EVIDENCE && m->evidence[i].at != NULL) {
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
		findings_text(&f, out, 3);
	findings_free(&f);
}

/* Counts per version, the agents below 2.7.1, duplicates and exclusions. */
void
report_inventory(const struct model *m, struct buf *out)
{
	const struct inventory *inv = &m->inventory;

	if (!inv->present) {
		buf_printf(out, "   %s\n", _("No agent inventory imported yet."));
	} else {
		char *line = xasprintf(_("Imported from %s on %s by %s (SHA-256 %s)."),
		    inv->file != NULL ? inv->file : "?", inv->imported_at,
		    inv->imported_by != NULL ? inv->imported_by : "?",
		    inv->sha256 != NULL ? inv->sha256 : "?");

		buf_puts(out, "   ");
		text_wrap(out, line, 3, 3, REPORT_WIDTH);
		free(line);
		buf_printf(out, "   ");
		buf_printf(out, P_("%lu agent: %lu at 2.7.1 or later, %lu below, %lu unreadable.",
		    "%lu agents: %lu at 2.7.1 or later, %lu below, %lu unreadable.",
		    inv->total), inv->total, inventory_at_target(inv), inv->below_total,
		    inv->unreadable_total);
		buf_putc(out, '\n');
		for (size_t i = 0; i < inv->nversions; i++)
			buf_printf(out, "      %-24s %lu\n", inv->versions[i].version,
			    inv->versions[i].count);
		for (size_t i = 0; i < inv->nbelow; i++) {
			const struct exclusion *x = model_exclusion_find(m, inv->below[i].name);

			buf_printf(out, "   %s %s %s%s\n", _("below 2.7.1:"),
			    inv->below[i].name, inv->below[i].version,
			    x != NULL ? _(" (excluded)") : "");
		}
		for (size_t i = 0; i < inv->nunreadable; i++)
			buf_printf(out, _("   unreadable version: line %lu %s\n"),
			    inv->unreadable[i].line, inv->unreadable[i].name);
		for (size_t i = 0; i < inv->nduplicates; i++)
			buf_printf(out, _("   listed more than once: %s\n"), inv->duplicates[i]);
	}
	for (size_t i = 0; i < m->nexclusions; i++) {
		const struct exclusion *x = &m->exclusions[i];
		char *line = xasprintf(_("Excluded: %s, by %s on %s: %s"), x->name,
		    x->by != NULL ? x->by : "?", x->at != NULL ? x->at : "?", x->reason);

		buf_puts(out, "   ");
		text_wrap(out, line, 6, 3, REPORT_WIDTH);
		free(line);
	}
}

/* The hosts with their roles, versions and runtimes, and the settings. */
void
report_environment(const struct model *m, struct buf *out)
{
	if (m->nhosts == 0)
		buf_printf(out, "   %s\n", _("No host declared yet."));
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];
		char *roles = role_format_list(h->roles);
		struct buf line;

		buf_init(&line);
		buf_printf(&line, "%s (%s), %s", h->name, roles,
		    h->address != NULL ? h->address : _("no address"));
		if (h->roles & ROLE_BACKOFFICE)
			buf_printf(&line, _(", SES Evolution %s"),
			    h->version != NULL ? h->version : _("unknown"));
		if (h->roles & ROLE_AGENT_HANDLER)
			buf_printf(&line, _(", ASP.NET Core Runtime %s, .NET Desktop Runtime %s"),
			    h->aspnetcore != NULL ? h->aspnetcore : _("unknown"),
			    h->desktop != NULL ? h->desktop : _("unknown"));
		if (h->sql_ports != NULL)
			buf_printf(&line, ", SQL %s", h->sql_ports);
		if (h->syslog_ports != NULL)
			buf_printf(&line, ", syslog %s", h->syslog_ports);
		buf_puts(out, "   ");
		text_wrap(out, line.data, 6, 3, REPORT_WIDTH);
		buf_free(&line);
		free(roles);
	}
	buf_printf(out, _("   Minimum 8.0 runtime: %s. Inventory freshness limit: %u h.\n"),
	    m->runtime_min, m->inventory_max_age);
	if (m->agent_networks != NULL)
		buf_printf(out, _("   Agent networks: %s\n"), m->agent_networks);
	if (m->siem_sources != NULL)
		buf_printf(out, _("   SIEM/SOAR sources: %s\n"), m->siem_sources);
}

/* Waived probes, with who, when and why. */
static void
waivers_text(const struct model *m, struct buf *out)
{
	int any = 0;

	for (size_t i = 0; i < guide_nitems; i++) {
		const struct evidence *e = &m->evidence[i];
		char *line;

		if (e->waiver == NULL)
			continue;
		line = xasprintf(_("%s: waived by %s on %s: %s"), guide_items[i].id,
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

/* The full report of `ses-migrate report --format text`. */
void
report_text(const struct model *m, const char *state_path, time_t now,
    struct buf *out)
{
	buf_printf(out, "%s\n", _("SES Evolution migration from 2.6.x to 2.7.1: progress report"));
	buf_printf(out, "%s\n\n", "================================================================================");
	buf_printf(out, _("State file: %s\n"), state_path);
	if (m->created_at != NULL)
		buf_printf(out, _("Started by %s on %s.\n"),
		    m->created_by != NULL ? m->created_by : "?", m->created_at);
	progress_line(m, out);

	buf_printf(out, "\n%s\n", _("Environment"));
	report_environment(m, out);

	buf_printf(out, "\n%s\n", _("Steps"));
	for (int i = 0; i < STEP_COUNT; i++)
		step_text(m, i, now, out);

	buf_printf(out, "\n%s\n", _("Agent inventory"));
	report_inventory(m, out);

	buf_printf(out, "\n%s\n", _("Waivers"));
	waivers_text(m, out);

	buf_printf(out, "\n%s\n", _("History"));
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
