/*
 * The report's formats, and the pieces shown on their own: status, the
 * agent inventory, the environment.  Everything is rendered in the current
 * language from the model's codes, so the change manager can have it in
 * French from a state kept in English.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "describe.h"
#include "gates.h"
#include "i18n.h"
#include "inventory.h"
#include "report.h"
#include "strmap.h"
#include "text.h"
#include "xalloc.h"

extern const struct report_format report_text_format;
extern const struct report_format report_html_format;
extern const struct report_format report_json_format;

static const struct report_format *const formats[] = {
	&report_text_format,
	&report_html_format,
	&report_json_format,
};

const struct report_format *
report_format_find(const char *name)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const char *const *
report_format_ids(void)
{
	static const char *ids[sizeof(formats) / sizeof(formats[0]) + 1];

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		ids[i] = formats[i]->name;
	return ids;
}

const char *
report_format_names(void)
{
	return "text, html, json";
}

void
report_progress(const struct model *m, struct buf *out)
{
	size_t cur = model_current_step(m);

	buf_printf(out, _("Progress: %zu of %zu steps done."), model_steps_done(m), m->mig->nsteps);
	buf_putc(out, '\n');
	if (cur == m->mig->nsteps)
		buf_printf(out, "%s\n", _("The migration is complete."));
	else
		buf_printf(out, _("Current step: %s (%s).\n"), _(m->mig->steps[cur].title),
		    m->mig->steps[cur].id);
}

void
report_tagged(struct buf *out, size_t indent, const char *tag, const char *text)
{
	/* TRANSLATORS: a tag such as BLOCKED or Note before its text; French puts a space before the colon. */
	char *head = xasprintf(_("%s: "), tag);

	buf_printf(out, "%*s%s", (int)indent, "", head);
	text_wrap(out, text, indent + 4, indent + text_width(head), REPORT_WIDTH);
	free(head);
}

void
report_findings(const struct findings *f, enum front front, size_t indent,
    struct buf *out)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		char *message = finding_message(x), *hint = finding_hint(x, front);

		report_tagged(out, indent, x->severity == SEV_ERROR ? _("BLOCKED") : _("NOTE"),
		    message);
		if (*hint != '\0') {
			buf_printf(out, "%*s", (int)indent + 4, "");
			text_wrap(out, hint, indent + 4, indent + 4, REPORT_WIDTH);
		}
		free(message);
		free(hint);
	}
}

void
report_status(const struct model *m, time_t now, struct buf *out)
{
	const struct migration *mig = m->mig;
	size_t cur = model_current_step(m);
	struct findings now_blocks;	/* the current step's, listed last */

	findings_init(&now_blocks);
	if (cur < mig->nsteps)
		gates_eval(m, cur, now, &now_blocks);
	report_progress(m, out);
	buf_putc(out, '\n');
	for (size_t i = 0; i < mig->nsteps; i++) {
		enum step_status st = model_step_status(m, i);
		struct findings f;
		int flagged;

		buf_printf(out, " %s %zu. ", i == cur ? ">" : " ", i + 1);
		text_pad(out, _(mig->steps[i].title), 36);
		buf_printf(out, " %s\n", describe_status(st));
		findings_init(&f);
		flagged = gates_flagged(m, i, now, &f);
		if (flagged && gates_list_flagged(m, &now_blocks, i)) {
			/* Its blockers are listed there, below: once is enough. */
			buf_printf(out, "      ");
			text_wrap(out, _("FLAGGED: done, but no longer holds: see the current step, below."),
			    6, 6, REPORT_WIDTH);
		} else if (flagged) {
			/* A done step whose data changed since: say why. */
			buf_printf(out, "      %s\n", _("FLAGGED: done, but no longer holds:"));
			report_findings(&f, FRONT_CLI, 6, out);
		}
		findings_free(&f);
	}
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];
		char *when;

		if (h->evidence_at == NULL)
			continue;
		when = date_text_iso(h->evidence_at);
		buf_putc(out, '\n');
		if (h->evidence_failed != NULL)
			buf_printf(out, _("Evidence of %s, collected on %s: connection tests not as expected: %s\n"),
			    h->name, when, h->evidence_failed);
		else
			buf_printf(out, _("Evidence of %s, collected on %s: every connection test as expected.\n"),
			    h->name, when);
		free(when);
	}
	if (cur < mig->nsteps) {
		int probe = migration_step_evidence(mig, cur);

		if (probe >= 0 && m->evidence[probe].at != NULL) {
			const struct evidence *e = &m->evidence[probe];
			char *when = date_text_iso(e->at);

			buf_putc(out, '\n');
			if (e->verdict == VERDICT_PASS)
				buf_printf(out, _("Last probe, on %s: every port answered as expected.\n"), when);
			else
				buf_printf(out, _("Last probe, on %s: not as expected: %s\n"), when,
				    e->failed != NULL ? e->failed : "?");
			free(when);
		}
		buf_putc(out, '\n');
		if (findings_errors(&now_blocks) == 0)
			buf_printf(out, "%s\n", _("Nothing blocks the current step: ses-migrate next completes it."));
		report_findings(&now_blocks, FRONT_CLI, 0, out);
	}
	findings_free(&now_blocks);
}

void
report_inventory_summary(const struct model *m, struct buf *out)
{
	const struct inventory *inv = &m->inventory;
	char *line, *when;

	if (!inv->present) {
		buf_printf(out, "   %s\n", _("No agent inventory imported yet."));
		return;
	}
	when = date_text_iso(inv->imported_at);
	line = xasprintf(_("Imported from %s on %s by %s (SHA-256 %s)."),
	    inv->file != NULL ? inv->file : "?", when,
	    inv->imported_by != NULL ? inv->imported_by : "?",
	    inv->sha256 != NULL ? inv->sha256 : "?");
	buf_puts(out, "   ");
	text_wrap(out, line, 3, 3, REPORT_WIDTH);
	free(line);
	free(when);
	/* Wrapped too: in French the counts alone pass 80 columns. */
	line = xasprintf(P_("%lu agent: %lu at %s or later, %lu below, %lu unreadable.",
	    "%lu agents: %lu at %s or later, %lu below, %lu unreadable.",
	    inv->total), inv->total, inventory_at_target(inv), m->mig->to_version,
	    inv->below_total, inv->unreadable_total);
	buf_puts(out, "   ");
	text_wrap(out, line, 3, 3, REPORT_WIDTH);
	free(line);
}

void
report_inventory(const struct model *m, struct buf *out)
{
	const struct inventory *inv = &m->inventory;
	const char *target = m->mig->to_version;

	report_inventory_summary(m, out);
	if (inv->present) {
		for (size_t i = 0; i < inv->nversions; i++)
			buf_printf(out, "      %-24s %lu\n", inv->versions[i].version,
			    inv->versions[i].count);
		for (size_t i = 0; i < inv->nbelow; i++) {
			const struct exclusion *x = model_exclusion_find(m, inv->below[i].name);

			buf_puts(out, "   ");
			buf_printf(out, x != NULL ? _("below %s: %s, on %s (excluded)") :
			    _("below %s: %s, on %s"), target, inv->below[i].name,
			    inv->below[i].version);
			buf_putc(out, '\n');
		}
		for (size_t i = 0; i < inv->nunreadable; i++)
			buf_printf(out, _("   unreadable version: line %lu %s\n"),
			    inv->unreadable[i].line, inv->unreadable[i].name);
		for (size_t i = 0; i < inv->nduplicates; i++)
			buf_printf(out, _("   listed more than once: %s\n"), inv->duplicates[i]);
	}
	for (size_t i = 0; i < m->nexclusions; i++) {
		const struct exclusion *x = &m->exclusions[i];
		char *when = date_text_iso(x->at);
		char *line = xasprintf(_("Excluded: %s, by %s on %s: %s"), x->name,
		    x->by != NULL ? x->by : "?", when, x->reason);

		free(when);
		buf_puts(out, "   ");
		text_wrap(out, line, 6, 3, REPORT_WIDTH);
		free(line);
	}
}

/* The roles as words: "backend, agent handler". */
static void
role_words(unsigned roles, struct buf *out)
{
	static const struct {
		unsigned	 role;
		const char	*word;
	} words[] = {
		{ ROLE_BACKEND, N_("backend") },
		{ ROLE_AGENT_HANDLER, N_("agent handler") },
		{ ROLE_CONSOLE, N_("administration console") },
		{ ROLE_SQL, N_("SQL Server") },
		{ ROLE_SYSLOG, N_("Syslog server") },
	};

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (roles & words[i].role)
			buf_printf(out, "%s%s", out->len ? ", " : "", _(words[i].word));
}

/* One fact about a host, a whole phrase: known, or not recorded. */
static void
fact(struct buf *facts, const char *known, const char *unknown, const char *v)
{
	if (facts->len > 0)
		buf_puts(facts, ", ");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The phrases are the N_() literals below, each with one %s. */
	if (v != NULL)
		buf_printf(facts, _(known), v);
	else
		buf_puts(facts, _(unknown));
#pragma GCC diagnostic pop
}

char *
report_host_line(const struct host *h)
{
	struct buf roles, facts;
	char *line;

	buf_init(&roles);
	buf_init(&facts);
	role_words(h->roles, &roles);
	fact(&facts, N_("address %s"), N_("no address"), h->address);
	if (h->roles & ROLE_BACKOFFICE)
		fact(&facts, N_("SES Evolution %s"), N_("SES Evolution version not recorded"),
		    h->version);
	if (h->roles & ROLE_AGENT_HANDLER) {
		fact(&facts, N_("ASP.NET Core Runtime %s"),
		    N_("ASP.NET Core Runtime not recorded"), h->aspnetcore);
		fact(&facts, N_(".NET Desktop Runtime %s"),
		    N_(".NET Desktop Runtime not recorded"), h->desktop);
	}
	if (h->sql_ports != NULL)
		fact(&facts, N_("SQL Server ports %s"), NULL, h->sql_ports);
	if (h->syslog_ports != NULL)
		fact(&facts, N_("Syslog ports %s"), NULL, h->syslog_ports);
	/* TRANSLATORS: a host: its name, its roles, then what is known of it. */
	line = xasprintf(_("%s (%s): %s."), h->name, roles.data, facts.data);
	buf_free(&roles);
	buf_free(&facts);
	return line;
}

char *
report_settings_line(const struct model *m)
{
	return xasprintf(_("Lowest runtime allowed: %s, of the %s.x series. Inventory freshness limit: %u h."),
	    m->runtime_min, m->mig->runtime_series, m->inventory_max_age);
}

void
report_environment(const struct model *m, struct buf *out)
{
	char *line;

	if (m->nhosts == 0)
		buf_printf(out, "   %s\n", _("No host declared yet."));
	for (size_t i = 0; i < m->nhosts; i++) {
		line = report_host_line(&m->hosts[i]);
		buf_puts(out, "   ");
		text_wrap(out, line, 6, 3, REPORT_WIDTH);
		free(line);
	}
	line = report_settings_line(m);
	buf_puts(out, "   ");
	text_wrap(out, line, 6, 3, REPORT_WIDTH);
	free(line);
	if (m->agent_networks != NULL)
		buf_printf(out, _("   Agent networks: %s\n"), m->agent_networks);
	if (m->siem_sources != NULL)
		buf_printf(out, _("   SIEM/SOAR sources: %s\n"), m->siem_sources);
}

struct report_operator *
report_operators(const struct model *m, size_t *n)
{
	struct report_operator *v = xcalloc(m->nevents + 1, sizeof(*v));
	struct strmap seen;

	/*
	 * An index, not a look along those found so far: a history of fifty
	 * thousand events may name thousands of operators (one per cron host).
	 */
	strmap_init_borrowing(&seen, 0);
	*n = 0;
	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];
		size_t k;

		if (!strmap_get(&seen, e->by, strlen(e->by), &k)) {
			k = (*n)++;
			v[k].name = e->by;
			strmap_put(&seen, e->by, strlen(e->by), k);
		}
		v[k].actions += e->count;
		v[k].last = e->last != NULL ? e->last : e->at;
	}
	strmap_free(&seen);
	return v;
}
