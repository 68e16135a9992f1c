/*
 * What the report says, once for every format that draws it: who works on
 * the migration and where it stands, what blocks it now, each step with its
 * items, the decisions taken (waivers, exclusions, deferrals), the firewall
 * work left host by host with its moment, the agents, the evidence and the
 * history.  Every text is rendered here in the current language; the
 * formats only lay it out.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dates.h"
#include "describe.h"
#include "gates.h"
#include "i18n.h"
#include "inventory.h"
#include "plan.h"
#include "report.h"
#include "xalloc.h"

struct walk {
	const struct report_ops	*ops;
	struct report_out	 o;
	const struct model	*m;
	time_t			 now;
};

/* printf into a new string, for the texts the walk hands to the formats. */
#define SAY(w, level, ...) do { \
	char *say_ = xasprintf(__VA_ARGS__); \
	(w)->ops->para(&(w)->o, (level), say_); \
	free(say_); \
} while (0)

static void
entry_f(struct walk *w, int level, const char *mark, char *text)
{
	w->ops->entry(&w->o, level, mark, text);
	free(text);
}

/* "TAG: ", as French wants it, before a finding or a note. */
static char *
tag(const char *word)
{
	/* TRANSLATORS: a tag such as BLOCKED or Note before its text; French puts a space before the colon. */
	return xasprintf(_("%s: "), word);
}

static void
findings_out(struct walk *w, int level, const struct findings *f)
{
	char *blocked = tag(_("BLOCKED")), *note = tag(_("NOTE"));

	for (size_t i = 0; i < f->n; i++) {
		char *hint = finding_hint(&f->v[i], FRONT_REPORT);

		entry_f(w, level, f->v[i].severity == SEV_ERROR ? blocked : note,
		    finding_message(&f->v[i]));
		if (*hint != '\0')
			w->ops->para(&w->o, level + 1, hint);
		free(hint);
	}
	free(blocked);
	free(note);
}

/* Who worked on the migration: everyone the history names, with how much and when last. */
static void
operators(struct walk *w)
{
	const struct model *m = w->m;
	size_t n;
	struct report_operator *ops = report_operators(m, &n);

	if (m->created_at != NULL) {
		char *when = date_text_iso(m->created_at);

		entry_f(w, 2, "- ", xasprintf(_("Started by %s on %s."),
		    m->created_by != NULL ? m->created_by : "?", when));
		free(when);
	}
	for (size_t k = 0; k < n; k++) {
		char *when = date_text_iso(ops[k].last);

		entry_f(w, 2, "- ", xasprintf(P_("%s: %lu action, the last on %s.",
		    "%s: %lu actions, the last on %s.", ops[k].actions), ops[k].name,
		    ops[k].actions, when));
		free(when);
	}
	free(ops);
}

static void
progress(struct walk *w)
{
	const struct model *m = w->m;
	size_t cur = model_current_step(m);

	SAY(w, 1, _("Progress: %zu of %zu steps done."), model_steps_done(m), m->mig->nsteps);
	if (cur == m->mig->nsteps)
		w->ops->para(&w->o, 1, _("The migration is complete."));
	else
		SAY(w, 1, _("Current step: %s (%s)."), _(m->mig->steps[cur].title),
		    m->mig->steps[cur].id);
}

/* The current step's findings; or that nothing blocks it, and the command that completes it. */
static void
blockers(struct walk *w)
{
	const struct model *m = w->m;
	size_t cur = model_current_step(m);
	struct findings f;

	w->ops->section(&w->o, "blockers", _("What blocks the migration now"));
	if (cur == m->mig->nsteps) {
		w->ops->para(&w->o, 1, _("Nothing: the migration is complete."));
		return;
	}
	findings_init(&f);
	gates_eval(m, cur, w->now, &f);
	if (findings_errors(&f) == 0) {
		w->ops->para(&w->o, 1, _("Nothing blocks the current step; this completes it:"));
		w->ops->command(&w->o, 2, "ses-migrate next");
	}
	findings_out(w, 1, &f);
	findings_free(&f);
}

static void
steps_collect(const struct model *m, time_t now, struct report_step *v)
{
	for (size_t i = 0; i < m->mig->nsteps; i++) {
		const struct step_record *r = &m->steps[i];
		struct report_step *s = &v[i];
		struct findings f;

		memset(s, 0, sizeof(*s));
		s->number = i + 1;
		s->id = m->mig->steps[i].id;
		s->title = _(m->mig->steps[i].title);
		s->status = model_step_status(m, i);
		findings_init(&f);
		s->flagged = gates_flagged(m, i, now, &f);
		findings_free(&f);
		if (r->at != NULL && (s->status == STATUS_DONE || s->status == STATUS_DEFERRED)) {
			char *when = date_text_iso(r->at);
			const char *by = r->by != NULL ? r->by : "?";

			s->date = xstrdup(when);
			s->byline = s->status == STATUS_DONE ?
			    xasprintf(_("Completed by %s on %s."), by, when) :
			    xasprintf(_("Deferred by %s on %s: %s"), by, when,
			    r->reason != NULL ? r->reason : "");
			free(when);
		}
	}
}

static void
step_items(struct walk *w, size_t step)
{
	const struct model *m = w->m;
	const struct step_def *s = &m->mig->steps[step];
	struct findings f;

	findings_init(&f);
	gates_eval(m, step, w->now, &f);
	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
		const struct mark *k = &m->marks[i];
		const struct evidence *e = &m->evidence[i];
		char *mark = xasprintf("%s ", describe_mark(m, i, &f));

		w->ops->entry(&w->o, 2, mark, _(m->mig->items[i].label));
		free(mark);
		if (k->at != NULL) {
			char *when = date_text_iso(k->at);

			SAY(w, 3, _("Confirmed by %s on %s."), k->by != NULL ? k->by : "?", when);
			free(when);
		}
		if (k->note != NULL) {
			char *t = tag(_("Note"));

			w->ops->entry(&w->o, 3, t, k->note);
			free(t);
		}
		if (m->mig->items[i].kind == ITEM_EVIDENCE && e->at != NULL) {
			char *when = date_text_iso(e->at);

			if (e->verdict == VERDICT_PASS)
				SAY(w, 3, _("Probed on %s: every port answered as expected."), when);
			else
				SAY(w, 3, _("Probed on %s: not as expected: %s."), when,
				    e->failed != NULL ? e->failed : "?");
			free(when);
		}
	}
	if (model_step_status(m, step) == STATUS_DONE && findings_errors(&f) > 0) {
		w->ops->para(&w->o, 2, _("FLAGGED: done, but no longer holds:"));
		findings_out(w, 2, &f);
	}
	findings_free(&f);
}

static void
steps(struct walk *w, const struct report_step *v)
{
	const struct model *m = w->m;

	w->ops->section(&w->o, "steps", _("Steps"));
	w->ops->timeline(&w->o, v, m->mig->nsteps);
	for (size_t i = 0; i < m->mig->nsteps; i++) {
		w->ops->step(&w->o, &v[i]);
		if (m->steps[i].note != NULL) {
			char *t = tag(_("Note"));

			w->ops->entry(&w->o, 1, t, m->steps[i].note);
			free(t);
		}
		step_items(w, i);
	}
}

/* Waivers, exclusions and deferrals: every decision that lets the migration go on. */
static void
decisions(struct walk *w)
{
	const struct model *m = w->m;
	int any = 0;

	w->ops->section(&w->o, "decisions", _("Waivers, exclusions and deferrals"));
	for (size_t i = 0; i < m->mig->nitems; i++) {
		const struct evidence *e = &m->evidence[i];
		char *when;

		if (e->waiver == NULL)
			continue;
		when = date_text_iso(e->waived_at);
		entry_f(w, 1, "- ", xasprintf(_("Probe of %s waived by %s on %s: %s"),
		    _(m->mig->items[i].label), e->waived_by != NULL ? e->waived_by : "?",
		    when, e->waiver));
		free(when);
		any = 1;
	}
	for (size_t i = 0; i < m->nexclusions; i++) {
		const struct exclusion *x = &m->exclusions[i];
		char *when = date_text_iso(x->at);

		entry_f(w, 1, "- ", xasprintf(_("Agent %s excluded by %s on %s: %s"), x->name,
		    x->by != NULL ? x->by : "?", when, x->reason));
		free(when);
		any = 1;
	}
	for (size_t i = 0; i < m->mig->nsteps; i++) {
		const struct step_record *r = &m->steps[i];
		char *when;

		if (r->status != STATUS_DEFERRED)
			continue;
		when = date_text_iso(r->at);
		entry_f(w, 1, "- ", xasprintf(_("Step %s deferred by %s on %s: %s"),
		    _(m->mig->steps[i].title), r->by != NULL ? r->by : "?", when,
		    r->reason != NULL ? r->reason : ""));
		free(when);
		any = 1;
	}
	if (!any)
		w->ops->para(&w->o, 1, _("None."));
}

static const char *
action_word(enum flow_action a)
{
	return a == ACTION_ADD ? _("add") : a == ACTION_REMOVE ? _("remove") : _("keep");
}

/* The changes left on one host's firewall, each with its moment. */
static void
firewall_host(struct walk *w, const struct plan *p, const struct host *h)
{
	const char *head[] = { _("ACTION"), _("FLOW"), _("PORT"), _("WHEN") };
	char **cells = NULL;
	size_t nrows = 0;

	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];
		char *when;

		if (f->action == ACTION_KEEP || (f->src_host != h && f->dst_host != h))
			continue;
		cells = xreallocarray(cells, (nrows + 1) * 4, sizeof(*cells));
		cells[nrows * 4] = xstrdup(action_word(f->action));
		cells[nrows * 4 + 1] = f->dst_host == h ?
		    xasprintf(_("inbound from %s"), f->source) :
		    xasprintf(_("outbound to %s"), f->destination);
		cells[nrows * 4 + 2] = xasprintf("%s %u", flow_proto_id(f->proto), f->port);
		when = flow_when_text(p, f->when);
		/* Said where the port is: on the host that must not close it. */
		if (f->port_stays != NULL && f->dst_host == h) {
			char *stays = flow_port_stays_text(p, f);

			cells[nrows * 4 + 3] = xasprintf(_("%s; %s"), when, stays);
			free(stays);
			free(when);
		} else
			cells[nrows * 4 + 3] = when;
		nrows++;
	}
	if (nrows == 0)
		return;
	w->ops->para(&w->o, 1, h->name);
	{
		struct report_table t = { 4, head, cells, nrows };

		w->ops->table(&w->o, 2, &t);
	}
	for (size_t i = 0; i < nrows * 4; i++)
		free(cells[i]);
	free(cells);
}

static void
firewall(struct walk *w)
{
	const struct model *m = w->m;
	struct plan p;
	int any = 0;

	w->ops->section(&w->o, "firewall", _("Firewall work left"));
	plan_build_left(m, &p);
	for (size_t i = 0; i < p.n; i++)
		any |= p.v[i].action != ACTION_KEEP;
	if (!any)
		w->ops->para(&w->o, 1, m->nhosts == 0 ?
		    _("No host is declared yet, so there is no firewall plan.") :
		    _("Nothing left to add or remove: the firewalls are as the migration needs them now."));
	else {
		w->ops->para(&w->o, 1, _("On each host, the rules still to add or remove, and the moment each may be changed:"));
		for (size_t i = 0; i < m->nhosts; i++)
			firewall_host(w, &p, &m->hosts[i]);
	}
	plan_free(&p);
}

static void
inventory(struct walk *w)
{
	const struct model *m = w->m;
	const struct inventory *inv = &m->inventory;
	char *when;

	w->ops->section(&w->o, "inventory", _("Agent inventory"));
	if (!inv->present) {
		w->ops->para(&w->o, 1, _("No agent inventory imported yet."));
		return;
	}
	when = date_text_iso(inv->imported_at);
	SAY(w, 1, _("Imported from %s on %s by %s (SHA-256 %s)."),
	    inv->file != NULL ? inv->file : "?", when,
	    inv->imported_by != NULL ? inv->imported_by : "?",
	    inv->sha256 != NULL ? inv->sha256 : "?");
	free(when);
	SAY(w, 1, P_("%lu agent: %lu at %s or later, %lu below, %lu unreadable.",
	    "%lu agents: %lu at %s or later, %lu below, %lu unreadable.", inv->total),
	    inv->total, inventory_at_target(inv), m->mig->to_version,
	    inv->below_total, inv->unreadable_total);
	w->ops->chart(&w->o, inv);
	{
		const char *head[] = { _("VERSION"), _("AGENTS") };
		char **cells = xcalloc(inv->nversions * 2 + 1, sizeof(*cells));
		struct report_table t = { 2, head, cells, inv->nversions };

		for (size_t i = 0; i < inv->nversions; i++) {
			cells[i * 2] = xstrdup(inv->versions[i].version);
			cells[i * 2 + 1] = xasprintf("%lu", inv->versions[i].count);
		}
		if (inv->nversions > 0)
			w->ops->table(&w->o, 2, &t);
		for (size_t i = 0; i < inv->nversions * 2; i++)
			free(cells[i]);
		free(cells);
	}
	if (inv->below_total > 0) {
		size_t shown = inv->nbelow < REPORT_LIST_MAX ? inv->nbelow : REPORT_LIST_MAX;

		SAY(w, 1, P_("Below %s: %lu agent.", "Below %s: %lu agents.", inv->below_total),
		    m->mig->to_version, inv->below_total);
		for (size_t i = 0; i < shown; i++) {
			const struct exclusion *x = model_exclusion_find(m, inv->below[i].name);

			entry_f(w, 2, "- ", xasprintf(x != NULL ? _("%s, on %s (excluded)") :
			    _("%s, on %s"), inv->below[i].name, inv->below[i].version));
		}
		if (inv->below_total > shown) {
			SAY(w, 2, P_("And %lu more; this lists them all:", "And %lu more; this lists them all:",
			    inv->below_total - shown), inv->below_total - shown);
			w->ops->command(&w->o, 3, "ses-migrate agents show");
		}
	}
	if (inv->unreadable_total > 0)
		SAY(w, 1, P_("%lu row has a version that cannot be read; it never counts as migrated.",
		    "%lu rows have a version that cannot be read; they never count as migrated.",
		    inv->unreadable_total), inv->unreadable_total);
	if (inv->duplicates_total > 0)
		SAY(w, 1, P_("%lu agent is listed more than once.", "%lu agents are listed more than once.",
		    inv->duplicates_total), inv->duplicates_total);
}

/* The probes run, and what was recorded of each host. */
static void
evidence(struct walk *w)
{
	const struct model *m = w->m;
	int any = 0;

	w->ops->section(&w->o, "evidence", _("Evidence"));
	for (size_t i = 0; i < m->mig->nitems; i++) {
		const struct evidence *e = &m->evidence[i];
		char *when;

		if (m->mig->items[i].kind != ITEM_EVIDENCE || e->at == NULL)
			continue;
		when = date_text_iso(e->at);
		entry_f(w, 1, "- ", e->verdict == VERDICT_PASS ?
		    xasprintf(_("%s: probed on %s, every port answered as expected."),
		    _(m->mig->steps[m->mig->items[i].step].title), when) :
		    xasprintf(_("%s: probed on %s, not as expected: %s."),
		    _(m->mig->steps[m->mig->items[i].step].title), when,
		    e->failed != NULL ? e->failed : "?"));
		free(when);
		any = 1;
	}
	if (!any)
		w->ops->para(&w->o, 1, _("No probe has been run yet."));
	any = 0;
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];
		char *when;

		if (h->evidence_at == NULL)
			continue;
		when = date_text_iso(h->evidence_at);
		entry_f(w, 1, "- ", h->evidence_failed != NULL ?
		    xasprintf(_("%s: collected on the host on %s (%s); connection tests not as expected: %s."),
		    h->name, when, h->evidence_file, h->evidence_failed) :
		    xasprintf(_("%s: collected on the host on %s (%s); every connection test as expected."),
		    h->name, when, h->evidence_file));
		free(when);
		any = 1;
	}
	w->ops->para(&w->o, 1, any ?
	    _("The other hosts' versions and runtimes are as the operators recorded them.") :
	    _("Nothing has been collected on the hosts themselves: their versions and runtimes are as the operators recorded them."));
}

/* The hosts and settings, as recorded. */
static void
environment(struct walk *w)
{
	const struct model *m = w->m;

	w->ops->para(&w->o, 1, _("Environment:"));
	if (m->nhosts == 0)
		w->ops->para(&w->o, 2, _("No host declared yet."));
	for (size_t i = 0; i < m->nhosts; i++)
		entry_f(w, 2, "- ", report_host_line(&m->hosts[i]));
	entry_f(w, 2, "- ", report_settings_line(m));
	if (m->agent_networks != NULL)
		entry_f(w, 2, "- ", xasprintf(_("Agent networks: %s"), m->agent_networks));
	if (m->siem_sources != NULL)
		entry_f(w, 2, "- ", xasprintf(_("SIEM/SOAR sources: %s"), m->siem_sources));
}

static void
history(struct walk *w)
{
	const struct model *m = w->m;

	w->ops->section(&w->o, "history", _("History"));
	if (m->nevents == 0)
		w->ops->para(&w->o, 1, _("Nothing recorded yet."));
	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];
		char *what = describe_event(e), *when = date_text_iso(e->at);
		/* TRANSLATORS: a line of history: when, who, then what. */
		char *mark = xasprintf(_("%s, %s: "), when, e->by);

		w->ops->entry(&w->o, 1, mark, what);
		if (e->reason != NULL)
			w->ops->para(&w->o, 2, e->reason);
		if (e->count > 1) {
			char *last = date_text_iso(e->last);

			SAY(w, 2, P_("%lu time in all, the last on %s.",
			    "%lu times in all, the last on %s.", e->count), e->count, last);
			free(last);
		}
		free(mark);
		free(when);
		free(what);
	}
}

void
report_walk(const struct report_ops *ops, const struct model *m,
    const char *state_path, time_t now, struct buf *out)
{
	struct walk w = { ops, { out, 0 }, m, now };
	struct report_step *v = xcalloc(m->mig->nsteps, sizeof(*v));
	char *title = xasprintf(_("%s: progress report"), _(m->mig->title));
	char *when = date_text(now), *sub = xasprintf(_("As of %s, from the state file %s."), when, state_path);

	steps_collect(m, now, v);
	ops->begin(&w.o, title, sub);
	ops->section(&w.o, "overview", _("Where the migration stands"));
	progress(&w);
	environment(&w);
	w.ops->para(&w.o, 1, _("Operators:"));
	operators(&w);
	blockers(&w);
	steps(&w, v);
	decisions(&w);
	firewall(&w);
	inventory(&w);
	evidence(&w);
	history(&w);
	ops->end(&w.o);
	for (size_t i = 0; i < m->mig->nsteps; i++) {
		free(v[i].byline);
		free(v[i].date);
	}
	free(v);
	free(title);
	free(when);
	free(sub);
}
