/*
 * The gates of each step.  Ticked items fail until the operator confirms
 * them; computed items are judged by the gate their migration names, from
 * the environment and the migration's version rules.  Findings are never
 * stored: each display evaluates them again, so they always match the
 * state, in the reader's language.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "gates.h"
#include "gates-int.h"
#include "i18n.h"
#include "model.h"
#include "text.h"
#include "version.h"
#include "xalloc.h"

void
names_add(struct names *s, const char *name)
{
	s->v = xappend(s->v, s->n, sizeof(*s->v));
	s->v[s->n++] = xstrdup(name);
}

void
names_free(struct names *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* A new finding of the item being judged; code is the item's step id, a dot and suffix. */
struct finding *
gate_finding(const struct gate_ctx *g, const char *suffix, enum severity sev,
    const char *one, const char *many, unsigned long count)
{
	const struct migration *mig = g->m->mig;
	struct finding *f;

	g->out->v = xappend(g->out->v, g->out->n, sizeof(*g->out->v));
	f = &g->out->v[g->out->n++];
	memset(f, 0, sizeof(*f));
	f->gate = suffix != NULL ?
	    xasprintf("%s.%s", mig->steps[g->step].id, suffix) :
	    xstrdup(mig->items[g->item].id);
	f->item = g->item;
	f->severity = sev;
	f->one = one;
	f->many = many != NULL ? many : one;
	f->count = count;
	return f;
}

/* The next argument of the message: a text, or NULL for the subjects. */
void
finding_arg(struct finding *f, const char *text)
{
	f->args[f->nargs++] = text != NULL ? xstrdup(text) : NULL;
}

/* An argument that is an N_() text, translated when shown. */
void
finding_arg_text(struct finding *f, const char *text)
{
	f->translate |= 1u << f->nargs;
	finding_arg(f, text);
}

void
finding_arg_number(struct finding *f, unsigned long n)
{
	char s[24];

	snprintf(s, sizeof(s), "%lu", n);
	finding_arg(f, s);
}

void
finding_remedy(struct finding *f, const char *text, const char *a0, const char *a1)
{
	f->remedy = text;
	f->remedy_args[0] = a0 != NULL ? xstrdup(a0) : NULL;
	f->remedy_args[1] = a1 != NULL ? xstrdup(a1) : NULL;
}

void
finding_fix(struct finding *f, enum fix how, const char *a)
{
	f->fix = how;
	f->fix_arg = a != NULL ? xstrdup(a) : NULL;
}

/* The names become the finding's subjects. */
void
finding_take_subjects(struct finding *f, struct names *s)
{
	f->subjects = s->v;
	f->nsubjects = s->n;
	s->v = NULL;
	s->n = 0;
}

static int
has_role(const struct model *m, unsigned role)
{
	for (size_t i = 0; i < m->nhosts; i++)
		if (m->hosts[i].roles & role)
			return 1;
	return 0;
}

/* Messages about no host at all of one role, with the article each needs. */
static const struct {
	unsigned	 role;
	const char	*none;
} missing_role[] = {
	{ ROLE_BACKEND, N_("No backend is declared.") },
	{ ROLE_AGENT_HANDLER, N_("No agent handler is declared.") },
	{ ROLE_CONSOLE, N_("No administration console is declared.") },
};

/* Each backoffice role of the item must be held by a declared host. */
static void
every_role(const struct gate_ctx *g, unsigned roles)
{
	for (size_t i = 0; i < sizeof(missing_role) / sizeof(missing_role[0]); i++) {
		char *suffix;
		struct finding *f;

		if (!(roles & missing_role[i].role) || has_role(g->m, missing_role[i].role))
			continue;
		suffix = xasprintf("no-%s", role_name(missing_role[i].role));
		f = gate_finding(g, suffix, SEV_ERROR, missing_role[i].none, NULL, 1);
		finding_fix(f, FIX_DECLARE, role_name(missing_role[i].role));
		free(suffix);
	}
}

void
gate_components(const struct gate_ctx *g)
{
	const struct migration *mig = g->m->mig;
	unsigned roles = mig->items[g->item].roles;
	struct names unknown = { 0 }, old = { 0 }, odd = { 0 }, done = { 0 };
	struct finding *f;

	every_role(g, roles);
	for (size_t i = 0; i < g->m->nhosts; i++) {
		const struct host *h = &g->m->hosts[i];

		if (!(h->roles & roles))
			continue;
		if (h->version == NULL)
			names_add(&unknown, h->name);
		else if (version_cmp(h->version, mig->from_series) < 0)
			names_add(&old, h->name);
		else if (version_cmp(h->version, mig->to_version) >= 0)
			names_add(&done, h->name);
		else if (!version_same_series(h->version, mig->from_series))
			names_add(&odd, h->name);
	}
	if (unknown.n > 0) {
		f = gate_finding(g, "version-unknown", SEV_ERROR,
		    NP_("The SES Evolution version of this host is not recorded: %s.",
		    "The SES Evolution version of these hosts is not recorded: %s."), unknown.n);
		finding_arg(f, NULL);
		finding_fix(f, FIX_VERSION, NULL);
		finding_take_subjects(f, &unknown);
	}
	if (old.n > 0) {
		f = gate_finding(g, "version-too-old", SEV_ERROR,
		    NP_("This host runs a version older than %s: %s.",
		    "These hosts run a version older than %s: %s."), old.n);
		finding_arg(f, mig->from_series);
		finding_arg(f, NULL);
		finding_remedy(f, N_("Update each of them to %s.x first: this migration starts from %s.x."),
		    mig->from_series, mig->from_series);
		finding_take_subjects(f, &old);
	}
	if (odd.n > 0) {
		f = gate_finding(g, "version-unsupported", SEV_ERROR,
		    NP_("This host runs a version that is neither %s.x nor %s or later: %s.",
		    "These hosts run a version that is neither %s.x nor %s or later: %s."), odd.n);
		finding_arg(f, mig->from_series);
		finding_arg(f, mig->to_version);
		finding_arg(f, NULL);
		finding_remedy(f, N_("Check the recorded version; this migration goes from %s.x to %s."),
		    mig->from_series, mig->to_version);
		finding_take_subjects(f, &odd);
	}
	if (done.n > 0) {
		f = gate_finding(g, "already-migrated", SEV_WARNING,
		    NP_("This host already runs %s or later: %s.",
		    "These hosts already run %s or later: %s."), done.n);
		finding_arg(f, mig->to_version);
		finding_arg(f, NULL);
		finding_remedy(f, N_("Nothing to do there; such hosts are accepted as they are."), NULL, NULL);
		finding_take_subjects(f, &done);
	}
	gate_evidence_note(g, roles);
}

/* The two runtimes an agent handler needs, and how each is reported. */
static const struct runtime {
	const char	*code;
	size_t		 field;		/* offset of the version in struct host */
	const char	*one;		/* NP_(): the series, the minimum, the hosts */
	const char	*many;
	const char	*install;	/* N_(): the series */
	enum fix	 fix;
} runtimes[] = {
	{ "aspnetcore-runtime", offsetof(struct host, aspnetcore),
	  NP_("ASP.NET Core Runtime %s.x (%s or later) is missing on this agent handler: %s.",
	  "ASP.NET Core Runtime %s.x (%s or later) is missing on these agent handlers: %s."),
	  N_("Install the latest ASP.NET Core Runtime %s.x."), FIX_ASPNETCORE },
	{ "desktop-runtime", offsetof(struct host, desktop),
	  NP_(".NET Desktop Runtime %s.x (%s or later) is missing on this agent handler: %s.",
	  ".NET Desktop Runtime %s.x (%s or later) is missing on these agent handlers: %s."),
	  N_("Install the latest .NET Desktop Runtime %s.x."), FIX_DESKTOP },
};

/* In the migration's series, at or above the minimum patch: the next series does not do. */
static int
runtime_ok(const struct model *m, const char *v)
{
	return v != NULL && version_same_series(v, m->mig->runtime_series) &&
	    version_cmp(v, m->runtime_min) >= 0;
}

void
gate_runtimes(const struct gate_ctx *g)
{
	const struct model *m = g->m;
	const struct item_def *it = &m->mig->items[g->item];
	unsigned roles = it->roles;

	/* Nothing to check is not a check passed: the item is not satisfied. */
	if (it->code_none != NULL && !has_role(m, roles)) {
		struct finding *f;
		char list[64];

		f = gate_finding(g, it->code_none, SEV_ERROR, roles == ROLE_AGENT_HANDLER ?
		    N_("No agent handler is declared, so no runtime can be checked yet.") :
		    N_("No host with the role %s is declared, so no runtime can be checked yet."),
		    NULL, 1);
		finding_arg(f, role_list_text(roles, list, sizeof(list)));
		finding_fix(f, FIX_DECLARE, role_list_text(roles, list, sizeof(list)));
		return;
	}

	for (size_t r = 0; r < sizeof(runtimes) / sizeof(runtimes[0]); r++) {
		const struct runtime *rt = &runtimes[r];
		struct names missing = { 0 };
		struct finding *f;

		for (size_t i = 0; i < m->nhosts; i++) {
			const struct host *h = &m->hosts[i];
			const char *v = *(char *const *)((const char *)h + rt->field);

			if ((h->roles & roles) && !runtime_ok(m, v))
				names_add(&missing, h->name);
		}
		if (missing.n == 0)
			continue;
		f = gate_finding(g, rt->code, SEV_ERROR, rt->one, rt->many, missing.n);
		finding_arg(f, m->mig->runtime_series);
		finding_arg(f, m->runtime_min);
		finding_arg(f, NULL);
		finding_remedy(f, rt->install, m->mig->runtime_series, NULL);
		finding_fix(f, rt->fix, m->runtime_min);
		finding_take_subjects(f, &missing);
	}
	gate_evidence_note(g, roles);
}

/* Hosts holding one of these roles whose version is unknown or below the target. */
static void
not_at_target(const struct model *m, unsigned roles, struct names *out)
{
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];

		if ((h->roles & roles) && (h->version == NULL ||
		    version_cmp(h->version, m->mig->to_version) < 0))
			names_add(out, h->name);
	}
}

/* How hosts of these roles not at the target are reported. */
static const struct {
	unsigned	 roles;
	const char	*one;		/* NP_(): the target, the hosts */
	const char	*many;
	const char	*remedy;		/* N_() or NULL */
	const char	*none;		/* N_(): no host holds the roles */
} late_roles[] = {
	{ ROLE_BACKEND | ROLE_AGENT_HANDLER,
	  NP_("This backend or agent handler does not run %s yet: %s.",
	  "These backends or agent handlers do not run %s yet: %s."),
	  NULL, N_("No backend or agent handler is declared.") },
	{ ROLE_CONSOLE,
	  NP_("This administration console does not run %s yet: %s.",
	  "These administration consoles do not run %s yet: %s."),
	  N_("Open the console once so that it updates itself."),
	  N_("No administration console is declared.") },
	{ ROLE_BACKOFFICE,
	  NP_("This backoffice component does not run %s: %s.",
	  "These backoffice components do not run %s: %s."),
	  N_("Update each component and record its version before this step."),
	  N_("No backoffice component is declared.") },
};

static size_t
late_text(unsigned roles)
{
	for (size_t i = 0; i < sizeof(late_roles) / sizeof(late_roles[0]); i++)
		if (late_roles[i].roles == roles)
			return i;
	return sizeof(late_roles) / sizeof(late_roles[0]) - 1;
}

/* The hosts of the item's roles run the target; 0 when none is declared (said). */
static int
hosts_updated(const struct gate_ctx *g)
{
	const struct item_def *it = &g->m->mig->items[g->item];
	size_t t = late_text(it->roles);
	struct names late = { 0 };
	struct finding *f;
	char roles[64];

	if (it->code_none != NULL && !has_role(g->m, it->roles)) {
		f = gate_finding(g, it->code_none, SEV_ERROR, late_roles[t].none, NULL, 1);
		finding_fix(f, FIX_DECLARE, role_list_text(it->roles, roles, sizeof(roles)));
		return 0;
	}
	not_at_target(g->m, it->roles, &late);
	if (late.n > 0) {
		f = gate_finding(g, it->code, SEV_ERROR, late_roles[t].one, late_roles[t].many, late.n);
		finding_arg(f, g->m->mig->to_version);
		finding_arg(f, NULL);
		if (late_roles[t].remedy != NULL)
			finding_remedy(f, late_roles[t].remedy, NULL, NULL);
		finding_fix(f, FIX_VERSION, g->m->mig->to_version);
		finding_take_subjects(f, &late);
	}
	return 1;
}

void
gate_updated(const struct gate_ctx *g)
{
	hosts_updated(g);
}

/*
 * Agents beyond the names the state keeps (INVENTORY_LIST_MAX per list):
 * counted, never taken as excluded, so they always block.
 */
static void
unlisted(const struct gate_ctx *g, const char *code, int below, unsigned long n)
{
	struct finding *f;

	if (n == 0)
		return;
	f = below ?
	    gate_finding(g, code, SEV_ERROR, NP_("%s more agent below %s is not named: the state keeps the first %s names.",
	    "%s more agents below %s are not named: the state keeps the first %s names."), n) :
	    gate_finding(g, code, SEV_ERROR, NP_("%s more agent without a readable version is not named: the state keeps the first %s names.",
	    "%s more agents without a readable version are not named: the state keeps the first %s names."), n);
	finding_arg_number(f, n);
	if (below)
		finding_arg(f, g->m->mig->to_version);
	finding_arg_number(f, INVENTORY_LIST_MAX);
	finding_remedy(f, N_("Update the agents and import a new inventory: the list shrinks as they move to %s."),
	    g->m->mig->to_version, NULL);
	finding_fix(f, FIX_IMPORT, NULL);
}

/*
 * The inventory proves every agent runs the target: it exists, was
 * imported after the update step, and names no agent below the target that
 * is not excluded.  With fresh, it must also be recent.
 */
static void
inventory(const struct gate_ctx *g, int fresh)
{
	const struct model *m = g->m;
	const struct migration *mig = m->mig;
	const struct inventory *inv = &m->inventory;
	const struct step_record *up = &m->steps[mig->update_step];
	struct names below = { 0 }, unread = { 0 }, dup = { 0 };
	struct finding *f;
	time_t imported;
	char *code;

	if (!inv->present) {
		f = gate_finding(g, "no-inventory", SEV_ERROR, N_("No agent inventory has been imported."), NULL, 1);
		finding_remedy(f, N_("Export the agent list from the console's \"SES Evolution agent versions\" tile."), NULL, NULL);
		finding_fix(f, FIX_IMPORT, NULL);
		return;
	}
	if (inv->total == 0) {
		f = gate_finding(g, "empty-inventory", SEV_ERROR,
		    N_("The agent inventory lists no agent at all: it proves nothing."), NULL, 1);
		finding_remedy(f, N_("Export all agents from the \"SES Evolution agent versions\" tile, not those of one status."), NULL, NULL);
		finding_fix(f, FIX_IMPORT, NULL);
	}
	imported = time_parse(inv->imported_at);
	if (up->status == STATUS_DONE && up->at != NULL && imported < time_parse(up->at)) {
		code = xasprintf("inventory-before-%s", mig->steps[mig->update_step].id);
		f = gate_finding(g, code, SEV_ERROR,
		    N_("The agent inventory was imported on %s, before the step \"%s\" was completed on %s: it proves nothing about the update."),
		    NULL, 1);
		finding_arg(f, inv->imported_at);
		finding_arg_text(f, mig->steps[mig->update_step].title);
		finding_arg(f, up->at);
		finding_remedy(f, N_("Export the agent list again."), NULL, NULL);
		finding_fix(f, FIX_IMPORT, NULL);
		free(code);
	}
	if (fresh && g->now - imported > (time_t)m->inventory_max_age * 3600) {
		f = gate_finding(g, "inventory-stale", SEV_ERROR,
		    NP_("The agent inventory was imported on %s, more than %s hour before.",
		    "The agent inventory was imported on %s, more than %s hours before."),
		    m->inventory_max_age);
		finding_arg(f, inv->imported_at);
		finding_arg_number(f, m->inventory_max_age);
		finding_remedy(f, N_("This step needs a fresh inventory: export the agent list again."), NULL, NULL);
		finding_fix(f, FIX_IMPORT, NULL);
	}
	for (size_t i = 0; i < inv->nbelow; i++)
		if (model_exclusion_find(m, inv->below[i].name) == NULL)
			names_add(&below, inv->below[i].name);
	for (size_t i = 0; i < inv->nunreadable; i++) {
		const struct unreadable *u = &inv->unreadable[i];

		if (*u->name == '\0' || model_exclusion_find(m, u->name) == NULL) {
			char *where = *u->name != '\0' ?
			    xasprintf(_("%s (line %lu)"), u->name, u->line) :
			    xasprintf(_("line %lu"), u->line);

			names_add(&unread, where);
			free(where);
		}
	}
	for (size_t i = 0; i < inv->nduplicates; i++)
		names_add(&dup, inv->duplicates[i]);
	if (inv->below_total > inv->nbelow)
		unlisted(g, "below-target", 1, inv->below_total - inv->nbelow);
	if (inv->unreadable_total > inv->nunreadable)
		unlisted(g, "unreadable", 0, inv->unreadable_total - inv->nunreadable);
	if (below.n > 0) {
		f = gate_finding(g, "below-target", SEV_ERROR,
		    NP_("This agent runs a version below %s: %s.",
		    "These agents run a version below %s: %s."), below.n);
		finding_arg(f, mig->to_version);
		finding_arg(f, NULL);
		finding_remedy(f, N_("Update each agent and import a new inventory."), NULL, NULL);
		finding_fix(f, FIX_EXCLUDE, NULL);
		finding_take_subjects(f, &below);
	}
	if (unread.n > 0) {
		f = gate_finding(g, "unreadable", SEV_ERROR,
		    NP_("The inventory gives no readable version for this agent: %s.",
		    "The inventory gives no readable version for these agents: %s."), unread.n);
		finding_arg(f, NULL);
		finding_remedy(f, N_("Such rows never count as migrated: fix the export and import it again."), NULL, NULL);
		finding_fix(f, FIX_EXCLUDE, NULL);
		finding_take_subjects(f, &unread);
	}
	if (dup.n > 0) {
		f = gate_finding(g, "duplicates", SEV_WARNING,
		    NP_("This agent appears more than once in the inventory: %s.",
		    "These agents appear more than once in the inventory: %s."), dup.n);
		finding_arg(f, NULL);
		finding_remedy(f, N_("Each was judged by its lowest version."), NULL, NULL);
		finding_take_subjects(f, &dup);
	}
	names_free(&below);
	names_free(&unread);
	names_free(&dup);
}

void
gate_inventory(const struct gate_ctx *g)
{
	inventory(g, g->m->mig->items[g->item].fresh);
}

void
gate_final(const struct gate_ctx *g)
{
	struct names late = { 0 };
	const struct item_def *it = &g->m->mig->items[g->item];
	size_t t = late_text(it->roles);
	struct finding *f;

	not_at_target(g->m, it->roles, &late);
	if (late.n > 0) {
		f = gate_finding(g, it->code, SEV_ERROR, late_roles[t].one, late_roles[t].many, late.n);
		finding_arg(f, g->m->mig->to_version);
		finding_arg(f, NULL);
		finding_remedy(f, late_roles[t].remedy, NULL, NULL);
		finding_fix(f, FIX_VERSION, g->m->mig->to_version);
		finding_take_subjects(f, &late);
	}
	inventory(g, it->fresh);
}

/* A failed probe blocks its step until it passes or is waived. */
static void
gate_probe(const struct gate_ctx *g)
{
	const struct evidence *e = &g->m->evidence[g->item];
	struct finding *f;

	if (e->verdict != VERDICT_FAIL)
		return;
	if (e->waiver != NULL) {
		char *why = text_visible(e->waiver, strlen(e->waiver));

		f = gate_finding(g, "probe-waived", SEV_WARNING,
		    N_("The probe made on %s failed (%s) and was waived by %s: %s"), NULL, 1);
		finding_arg(f, e->at);
		finding_arg(f, e->failed != NULL ? e->failed : "?");
		finding_arg(f, e->waived_by != NULL ? e->waived_by : "?");
		finding_arg(f, why);
		finding_remedy(f, N_("The next probe replaces this result and its waiver."), NULL, NULL);
		free(why);
		return;
	}
	f = gate_finding(g, "probe-failed", SEV_ERROR,
	    N_("The probe made on %s found these endpoints not as expected: %s."), NULL, 1);
	finding_arg(f, e->at);
	finding_arg(f, e->failed != NULL ? e->failed : "?");
	finding_remedy(f, N_("Fix the firewall and probe again."), NULL, NULL);
	finding_fix(f, FIX_WAIVE, g->m->mig->items[g->item].id);
}

/* The code, after the flagged step's, of what a later step says of it. */
#define NO_LONGER_HOLDS "no-longer-holds"

/*
 * A step not done yet cannot be completed while an earlier done step no
 * longer holds (its only backend removed, a runtime gone back below the
 * minimum): going on would build on what is no longer true.  Each such
 * step is said, then what it lists, under its own codes.
 */
static void
no_longer_holds(const struct model *m, size_t step, size_t item, time_t now,
    struct findings *out)
{
	struct gate_ctx g = { m, item, step, now, out };
	struct finding *f = gate_finding(&g, NO_LONGER_HOLDS, SEV_ERROR,
	    N_("Step \"%s\": done, but no longer holds."), NULL, 1);

	finding_arg_text(f, m->mig->steps[step].title);
	finding_remedy(f, N_("No later step can be completed until what it lists below is put right."),
	    NULL, NULL);
	finding_fix(f, FIX_REOPEN, m->mig->steps[step].id);
}

static void
earlier_flagged(const struct model *m, size_t step, time_t now, struct findings *out)
{
	for (size_t j = 0; j < step; j++) {
		struct findings theirs;
		size_t e = 0;

		findings_init(&theirs);
		if (gates_flagged(m, j, now, &theirs)) {
			/* Flagged: one of them at least is an error, said first under its item. */
			while (theirs.v[e].severity != SEV_ERROR)
				e++;
			no_longer_holds(m, j, theirs.v[e].item, now, out);
			for (size_t i = e; i < theirs.n; i++) {
				if (theirs.v[i].severity != SEV_ERROR)
					continue;
				/* Handed over whole: the list it came from only frees its shell. */
				theirs.v[i].elsewhere = 1;
				out->v = xappend(out->v, out->n, sizeof(*out->v));
				out->v[out->n++] = theirs.v[i];
				memset(&theirs.v[i], 0, sizeof(theirs.v[i]));
			}
		}
		findings_free(&theirs);
	}
}

int
gates_list_flagged(const struct model *m, const struct findings *f, size_t step)
{
	char *code = xasprintf("%s.%s", m->mig->steps[step].id, NO_LONGER_HOLDS);
	int said = findings_find(f, code) != NULL;

	free(code);
	return said;
}

/* Whether two findings say the same thing about the same hosts or agents. */
static int
same_fact(const struct finding *a, const struct finding *b)
{
	if (!text_same(a->one, b->one) || a->count != b->count || a->nargs != b->nargs ||
	    a->translate != b->translate || a->nsubjects != b->nsubjects)
		return 0;
	for (int i = 0; i < a->nargs; i++)
		if (!text_same(a->args[i], b->args[i]))
			return 0;
	for (size_t i = 0; i < a->nsubjects; i++)
		if (!text_same(a->subjects[i], b->subjects[i]))
			return 0;
	return 1;
}

/*
 * What an earlier step lists that this one's own gates say as well (no
 * console, for the prerequisites and the deployment alike) is said once,
 * under this step's own code, whose item it blocks.
 */
static void
drop_repeats(struct findings *out, size_t from)
{
	size_t kept = from;

	for (size_t i = from; i < out->n; i++) {
		int repeat = 0;

		for (size_t j = from; out->v[i].elsewhere && j < out->n && !repeat; j++)
			repeat = !out->v[j].elsewhere && same_fact(&out->v[i], &out->v[j]);
		if (repeat)
			finding_free(&out->v[i]);
		else
			out->v[kept++] = out->v[i];
	}
	out->n = kept;
}

/*
 * Evaluate every gate of a step, in the order of its items, after what
 * earlier steps that no longer hold list, if it is not done.  A done step
 * is judged as of its completion: a freshness limit that held then still
 * holds, while a version or a confirmation taken back since does not.
 */
void
gates_eval(const struct model *m, size_t step, time_t now, struct findings *out)
{
	const struct migration *mig = m->mig;
	const struct step_def *s = &mig->steps[step];
	struct gate_ctx g = { m, 0, step, now, out };
	size_t first = out->n;

	if (m->steps[step].status != STATUS_DONE)
		earlier_flagged(m, step, now, out);

	if (m->steps[step].status == STATUS_DONE && m->steps[step].at != NULL)
		g.now = time_parse(m->steps[step].at);
	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
		const struct item_def *it = &mig->items[i];

		if (!migration_item_applies(mig, i, m))
			continue;
		g.item = i;
		if (it->kind == ITEM_TICK && it->gate != NULL)
			it->gate(&g);
		else if (it->kind == ITEM_TICK && m->marks[i].at == NULL) {
			struct finding *f = gate_finding(&g, NULL, SEV_ERROR, N_("Not confirmed yet: %s."), NULL, 1);

			finding_arg_text(f, it->label);
			finding_fix(f, FIX_CONFIRM, it->id);
		} else if (it->kind == ITEM_EVIDENCE)
			gate_probe(&g);
		else if (it->kind == ITEM_COMPUTED && it->gate != NULL)
			it->gate(&g);
	}
	if (m->steps[step].status != STATUS_DONE)
		drop_repeats(out, first);
}

int
gates_flagged(const struct model *m, size_t step, time_t now,
    struct findings *out)
{
	if (m->steps[step].status != STATUS_DONE)
		return 0;
	gates_eval(m, step, now, out);
	return findings_errors(out) > 0;
}
