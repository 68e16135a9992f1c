/*
 * The gates of each step.  Ticked items fail until the operator confirms
 * them; computed items are judged from the environment.  Messages are
 * produced in the current language at evaluation time: findings are never
 * stored, so a French operator's state reads in English for the next one.
 */
#include <config.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "gates.h"
#include "guide.h"
#include "i18n.h"
#include "model.h"
#include "text.h"
#include "version.h"
#include "xalloc.h"

/* The versions this migration goes from and to. */
#define FROM_SERIES	"2.6"
#define NEXT_SERIES	"2.7"
#define TARGET		"2.7.1"
#define RUNTIME_SERIES	"8.0"

void
findings_init(struct findings *f)
{
	f->v = NULL;
	f->n = 0;
}

void
findings_free(struct findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].message);
		free(f->v[i].hint);
		for (size_t j = 0; j < f->v[i].nsubjects; j++)
			free(f->v[i].subjects[j]);
		free(f->v[i].subjects);
	}
	free(f->v);
	findings_init(f);
}

size_t
findings_errors(const struct findings *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].severity == SEV_ERROR;
	return n;
}

/* The first finding of this gate, or NULL. */
const struct finding *
findings_find(const struct findings *f, const char *gate)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].gate, gate) == 0)
			return &f->v[i];
	return NULL;
}

/* Whether some error finding belongs to this item. */
int
findings_item_blocked(const struct findings *f, const char *item)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].severity == SEV_ERROR && strcmp(f->v[i].item, item) == 0)
			return 1;
	return 0;
}

/* A list of names collected while a gate looks at the hosts. */
struct names {
	char	**v;
	size_t	  n;
};

static void
names_add(struct names *s, const char *name)
{
	s->v = xappend(s->v, s->n, sizeof(*s->v));
	s->v[s->n++] = xstrdup(name);
}

/* The names joined by commas; past ten, the rest are counted, not listed. */
static char *
names_join(const struct names *s)
{
	size_t shown = s->n > 10 ? 10 : s->n;
	struct buf b;
	char *list;

	buf_init(&b);
	for (size_t i = 0; i < shown; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, s->v[i]);
	}
	if (shown == s->n)
		return buf_detach(&b);
	list = xasprintf(P_("%s and %zu other", "%s and %zu others", s->n - shown),
	    b.data, s->n - shown);
	buf_free(&b);
	return list;
}

/*
 * Add a finding.  The message format has one %s for the subjects, joined by
 * commas, and may have one %s before it for a version; subjects pass to the
 * finding, which frees them.
 */
static void
add(struct findings *out, const char *gate, const char *item,
    enum severity sev, char *message, char *hint, struct names *subjects)
{
	struct finding *f;

	out->v = xappend(out->v, out->n, sizeof(*out->v));
	f = &out->v[out->n++];
	f->gate = gate;
	f->item = item;
	f->severity = sev;
	f->message = message;
	f->hint = hint;
	f->subjects = subjects != NULL ? subjects->v : NULL;
	f->nsubjects = subjects != NULL ? subjects->n : 0;
}

/* Add a finding about hosts, if there are any; else forget the list. */
static void
add_hosts(struct findings *out, const char *gate, const char *item,
    enum severity sev, const char *singular, const char *plural,
    const char *hint, struct names *hosts)
{
	char *list;

	if (hosts->n == 0)
		return;
	list = names_join(hosts);
	/* The formats are NP_() literals; msgfmt -c checks their translations. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	add(out, gate, item, sev,
	    xasprintf(P_(singular, plural, hosts->n), list), xstrdup(hint),
	    hosts);
#pragma GCC diagnostic pop
	free(list);
}

static int
has_role(const struct model *m, unsigned role)
{
	for (size_t i = 0; i < m->nhosts; i++)
		if (m->hosts[i].roles & role)
			return 1;
	return 0;
}

/* What a computed gate looks at. */
struct gate_ctx {
	const struct model	*m;
	const char		*item;		/* the guide item being judged */
	int			 step;
	time_t			 now;		/* the time the step is judged at */
	struct findings		*out;
};

/* Each backoffice role must be held by at least one declared host. */
static void
gate_components(const struct gate_ctx *g)
{
	static const struct {
		unsigned	 role;
		const char	*gate;
		const char	*message;
	} needed[] = {
		{ ROLE_BACKEND, "prerequisites.no-backend",
		  N_("No backend is declared.") },
		{ ROLE_AGENT_HANDLER, "prerequisites.no-agent-handler",
		  N_("No agent handler is declared.") },
		{ ROLE_CONSOLE, "prerequisites.no-console",
		  N_("No administration console is declared.") },
	};

	for (size_t i = 0; i < sizeof(needed) / sizeof(needed[0]); i++) {
		if (has_role(g->m, needed[i].role))
			continue;
		add(g->out, needed[i].gate, g->item, SEV_ERROR,
		    xstrdup(_(needed[i].message)),
		    xasprintf(_("Declare it: ses-migrate host add NAME --roles %s --version VERSION"),
		    role_name(needed[i].role)), NULL);
	}
}

static void
gate_backoffice_version(const struct gate_ctx *g)
{
	struct names unknown = { 0 }, old = { 0 }, odd = { 0 }, done = { 0 };
	const struct model *m = g->m;

	gate_components(g);
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];

		if (!(h->roles & ROLE_BACKOFFICE))
			continue;
		if (h->version == NULL)
			names_add(&unknown, h->name);
		else if (version_cmp(h->version, FROM_SERIES) < 0)
			names_add(&old, h->name);
		else if (version_cmp(h->version, TARGET) >= 0)
			names_add(&done, h->name);
		else if (!version_same_series(h->version, FROM_SERIES))
			names_add(&odd, h->name);
	}
	add_hosts(g->out, "prerequisites.version-unknown", g->item, SEV_ERROR,
	    NP_("The SES Evolution version of this host is not recorded: %s.",
	    "The SES Evolution version of these hosts is not recorded: %s."),
	    _("Record each version: ses-migrate host set NAME --version VERSION"), &unknown);
	add_hosts(g->out, "prerequisites.version-too-old", g->item, SEV_ERROR,
	    NP_("This host runs a version older than 2.6: %s.",
	    "These hosts run a version older than 2.6: %s."),
	    _("Update each of them to 2.6 first: this migration starts from 2.6.x."), &old);
	add_hosts(g->out, "prerequisites.version-unsupported", g->item, SEV_ERROR,
	    NP_("This host runs a version that is neither 2.6.x nor 2.7.1 or later: %s.",
	    "These hosts run a version that is neither 2.6.x nor 2.7.1 or later: %s."),
	    _("Check the recorded version; this migration goes from 2.6.x to 2.7.1."), &odd);
	add_hosts(g->out, "prerequisites.already-migrated", g->item, SEV_WARNING,
	    NP_("This host already runs 2.7.1 or later: %s.",
	    "These hosts already run 2.7.1 or later: %s."),
	    _("Nothing to do there; such hosts are accepted as they are."), &done);
}

/* The 8.0 series at or above the minimum patch; 9.0 does not do. */
static int
runtime_ok(const struct model *m, const char *v)
{
	return v != NULL && version_same_series(v, RUNTIME_SERIES) &&
	    version_cmp(v, m->runtime_min) >= 0;
}

/* The two runtimes an agent handler needs, and how each is reported. */
static const struct runtime {
	const char	*gate;
	size_t		 field;		/* offset of the version in struct host */
	const char	*one;		/* NP_(): %s the minimum, %s the hosts */
	const char	*many;
	const char	*hint;		/* N_(): %s the minimum */
} runtimes[] = {
	{ "prerequisites.aspnetcore-runtime", offsetof(struct host, aspnetcore),
	  NP_("ASP.NET Core Runtime 8.0.x (%s or later) is missing on this agent handler: %s.",
	  "ASP.NET Core Runtime 8.0.x (%s or later) is missing on these agent handlers: %s."),
	  N_("Install the latest ASP.NET Core Runtime 8.0.x, then: ses-migrate host set NAME --aspnetcore %s") },
	{ "prerequisites.desktop-runtime", offsetof(struct host, desktop),
	  NP_(".NET Desktop Runtime 8.0.x (%s or later) is missing on this agent handler: %s.",
	  ".NET Desktop Runtime 8.0.x (%s or later) is missing on these agent handlers: %s."),
	  N_("Install the latest .NET Desktop Runtime 8.0.x, then: ses-migrate host set NAME --desktop-runtime %s") },
};

static void
gate_dotnet_runtimes(const struct gate_ctx *g)
{
	const struct model *m = g->m;

	for (size_t r = 0; r < sizeof(runtimes) / sizeof(runtimes[0]); r++) {
		const struct runtime *rt = &runtimes[r];
		struct names missing = { 0 };
		char *list;

		for (size_t i = 0; i < m->nhosts; i++) {
			const struct host *h = &m->hosts[i];
			const char *v = *(char *const *)((const char *)h + rt->field);

			if ((h->roles & ROLE_AGENT_HANDLER) && !runtime_ok(m, v))
				names_add(&missing, h->name);
		}
		if (missing.n == 0)
			continue;
		list = names_join(&missing);
		/* The formats are the table's NP_() and N_() literals, checked by msgfmt -c. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		add(g->out, rt->gate, g->item, SEV_ERROR,
		    xasprintf(P_(rt->one, rt->many, missing.n), m->runtime_min, list),
		    xasprintf(_(rt->hint), m->runtime_min), &missing);
#pragma GCC diagnostic pop
		free(list);
	}
}

/* Hosts holding one of these roles whose version is unknown or below 2.7.1. */
static void
collect_not_updated(const struct model *m, unsigned roles, struct names *out)
{
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];

		if ((h->roles & roles) &&
		    (h->version == NULL || version_cmp(h->version, TARGET) < 0))
			names_add(out, h->name);
	}
}

static void
gate_backoffice_updated(const struct gate_ctx *g)
{
	struct names late = { 0 };

	if (!has_role(g->m, ROLE_BACKEND | ROLE_AGENT_HANDLER)) {
		add(g->out, "backoffice.no-components", g->item, SEV_ERROR,
		    xstrdup(_("No backend or agent handler is declared.")),
		    xstrdup(_("Declare them: ses-migrate host add NAME --roles backend,agent-handler --version VERSION")),
		    NULL);
		return;
	}
	collect_not_updated(g->m, ROLE_BACKEND | ROLE_AGENT_HANDLER, &late);
	add_hosts(g->out, "backoffice.not-updated", g->item, SEV_ERROR,
	    NP_("This backend or agent handler does not run 2.7.1 yet: %s.",
	    "These backends or agent handlers do not run 2.7.1 yet: %s."),
	    _("Once updated, record it: ses-migrate host set NAME --version 2.7.1"), &late);
}

static void
gate_consoles_updated(const struct gate_ctx *g)
{
	struct names late = { 0 };

	if (!has_role(g->m, ROLE_CONSOLE)) {
		add(g->out, "deploy.no-console", g->item, SEV_ERROR,
		    xstrdup(_("No administration console is declared.")),
		    xstrdup(_("Declare it: ses-migrate host add NAME --roles console --version VERSION")),
		    NULL);
		return;
	}
	collect_not_updated(g->m, ROLE_CONSOLE, &late);
	add_hosts(g->out, "deploy.console-not-updated", g->item, SEV_ERROR,
	    NP_("This administration console does not run 2.7.1 yet: %s.",
	    "These administration consoles do not run 2.7.1 yet: %s."),
	    _("Open the console once so that it updates itself, then: ses-migrate host set NAME --version 2.7.1"), &late);
}

/* The inventory gates exist twice: for agents and again for close-17000. */
enum inventory_gate { INV_NONE, INV_EMPTY, INV_BEFORE_BACKOFFICE, INV_STALE,
    INV_BELOW, INV_UNREADABLE, INV_DUPLICATES };

static const char *
gate_id(const struct gate_ctx *g, enum inventory_gate which)
{
	static const char *const ids[2][7] = {
		{ "agents.no-inventory", "agents.empty-inventory",
		  "agents.inventory-before-backoffice",
		  "agents.inventory-stale", "agents.below-target",
		  "agents.unreadable", "agents.duplicates" },
		{ "close-17000.no-inventory", "close-17000.empty-inventory",
		  "close-17000.inventory-before-backoffice",
		  "close-17000.inventory-stale", "close-17000.below-target",
		  "close-17000.unreadable", "close-17000.duplicates" },
	};

	return ids[g->step == STEP_AGENTS ? 0 : 1][which];
}

/*
 * Agents beyond the names the state keeps (INVENTORY_LIST_MAX per list):
 * counted, never taken as excluded, so they always block.
 */
static void
unlisted(const struct gate_ctx *g, enum inventory_gate which, unsigned long n)
{
	if (n == 0)
		return;
	add(g->out, gate_id(g, which), g->item, SEV_ERROR, which == INV_BELOW ?
	    xasprintf(P_("%lu more agent below 2.7.1 is not named: the state keeps the first %d names.",
	    "%lu more agents below 2.7.1 are not named: the state keeps the first %d names.", n),
	    n, INVENTORY_LIST_MAX) :
	    xasprintf(P_("%lu more agent without a readable version is not named: the state keeps the first %d names.",
	    "%lu more agents without a readable version are not named: the state keeps the first %d names.", n),
	    n, INVENTORY_LIST_MAX),
	    xstrdup(_("Update the agents and import a new inventory: the list shrinks as they move to 2.7.1.")),
	    NULL);
}

/*
 * The inventory proves every agent runs 2.7.1: it exists, was imported
 * after the backoffice update, and names no agent below the target that is
 * not excluded.  At close-17000 it must also be fresh.
 */
static void
gate_inventory(const struct gate_ctx *g, int check_age)
{
	const struct model *m = g->m;
	const struct inventory *inv = &m->inventory;
	const struct step_record *bo = &m->steps[STEP_BACKOFFICE];
	struct names below = { 0 }, unread = { 0 }, dup = { 0 };
	time_t imported;

	if (!inv->present) {
		add(g->out, gate_id(g, INV_NONE), g->item, SEV_ERROR,
		    xstrdup(_("No agent inventory has been imported.")),
		    xstrdup(_("Export the agent list from the console's \"SES Evolution agent versions\" tile, then: ses-migrate agents import FILE")),
		    NULL);
		return;
	}
	if (inv->total == 0) {
		add(g->out, gate_id(g, INV_EMPTY), g->item, SEV_ERROR,
		    xstrdup(_("The agent inventory lists no agent at all: it proves nothing.")),
		    xstrdup(_("Export all agents from the \"SES Evolution agent versions\" tile, not those of one status, and import the file.")),
		    NULL);
	}
	imported = time_parse(inv->imported_at);
	if (bo->status == STATUS_DONE && bo->at != NULL &&
	    imported < time_parse(bo->at)) {
		add(g->out, gate_id(g, INV_BEFORE_BACKOFFICE), g->item, SEV_ERROR,
		    xasprintf(_("The agent inventory was imported on %s, before the backoffice update was completed on %s: it proves nothing about the update."),
		    inv->imported_at, bo->at),
		    xstrdup(_("Export the agent list again and import it.")), NULL);
	}
	if (check_age && g->now - imported > (time_t)m->inventory_max_age * 3600) {
		add(g->out, gate_id(g, INV_STALE), g->item, SEV_ERROR,
		    xasprintf(P_("The agent inventory was imported on %s, more than %u hour before.",
		    "The agent inventory was imported on %s, more than %u hours before.",
		    m->inventory_max_age), inv->imported_at, m->inventory_max_age),
		    xstrdup(_("Closing TCP 17000 needs a fresh inventory: export the agent list again and import it.")),
		    NULL);
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
		unlisted(g, INV_BELOW, inv->below_total - inv->nbelow);
	if (inv->unreadable_total > inv->nunreadable)
		unlisted(g, INV_UNREADABLE, inv->unreadable_total - inv->nunreadable);
	add_hosts(g->out, gate_id(g, INV_BELOW), g->item, SEV_ERROR,
	    NP_("This agent runs a version below 2.7.1: %s.",
	    "These agents run a version below 2.7.1: %s."),
	    _("Update each agent and import a new inventory; exclude an agent that will never update with: ses-migrate agents exclude NAME --reason TEXT"),
	    &below);
	add_hosts(g->out, gate_id(g, INV_UNREADABLE), g->item, SEV_ERROR,
	    NP_("The inventory gives no readable version for this agent: %s.",
	    "The inventory gives no readable version for these agents: %s."),
	    _("Such rows never count as migrated: fix the export and import it again, or exclude the agent with a reason."),
	    &unread);
	add_hosts(g->out, gate_id(g, INV_DUPLICATES), g->item, SEV_WARNING,
	    NP_("This agent appears more than once in the inventory: %s.",
	    "These agents appear more than once in the inventory: %s."),
	    _("Each was judged by its lowest version."), &dup);
}

static void
gate_agents_inventory(const struct gate_ctx *g)
{
	gate_inventory(g, 0);
}

static void
gate_all_migrated(const struct gate_ctx *g)
{
	struct names late = { 0 };

	collect_not_updated(g->m, ROLE_BACKOFFICE, &late);
	add_hosts(g->out, "close-17000.backoffice-not-updated", g->item, SEV_ERROR,
	    NP_("This backoffice component does not run 2.7.1: %s.",
	    "These backoffice components do not run 2.7.1: %s."),
	    _("Update each component and record its version before closing TCP 17000."), &late);
	gate_inventory(g, 1);
}

/* A failed probe blocks its step until it passes or is waived. */
static void
gate_probe(const struct gate_ctx *g, size_t item)
{
	const struct evidence *e = &g->m->evidence[item];
	int first = g->step == STEP_FIREWALL_DUAL;

	if (e->verdict != VERDICT_FAIL)
		return;
	if (e->waiver != NULL) {
		char *why = text_visible(e->waiver, strlen(e->waiver));

		add(g->out, first ? "firewall-dual.probe-waived" :
		    "close-17000.probe-waived", g->item, SEV_WARNING,
		    xasprintf(_("The probe of %s failed (%s) and was waived by %s: %s"),
		    e->at, e->failed != NULL ? e->failed : "?",
		    e->waived_by != NULL ? e->waived_by : "?", why),
		    xstrdup(_("The next probe replaces this result and its waiver.")), NULL);
		free(why);
		return;
	}
	add(g->out, first ? "firewall-dual.probe-failed" :
	    "close-17000.probe-failed", g->item, SEV_ERROR,
	    xasprintf(_("The probe of %s found these endpoints not as expected: %s."),
	    e->at, e->failed != NULL ? e->failed : "?"),
	    xasprintf(_("Fix the firewall and probe again, or waive it with a reason: ses-migrate waive %s --reason TEXT"),
	    g->item), NULL);
}

static const struct {
	const char	*item;
	void		(*eval)(const struct gate_ctx *);
} computed[] = {
	{ "prerequisites.backoffice-version", gate_backoffice_version },
	{ "prerequisites.dotnet-runtimes", gate_dotnet_runtimes },
	{ "backoffice.updated", gate_backoffice_updated },
	{ "deploy.consoles-updated", gate_consoles_updated },
	{ "agents.inventory", gate_agents_inventory },
	{ "close-17000.all-migrated", gate_all_migrated },
};

/*
 * Evaluate every gate of a step, in the order of its items.  A done step
 * is judged as of its completion: a freshness limit that held then still
 * holds, while a version or a confirmation taken back since does not.
 */
void
gates_eval(const struct model *m, int step, time_t now, struct findings *out)
{
	const struct guide_step *s = &guide_steps[step];
	struct gate_ctx g = { m, NULL, step, now, out };

	if (m->steps[step].status == STATUS_DONE && m->steps[step].at != NULL)
		g.now = time_parse(m->steps[step].at);
	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
		const struct guide_item *it = &guide_items[i];

		if (!guide_item_applies(i, m))
			continue;
		g.item = it->id;
		if (it->kind == ITEM_TICK && m->marks[i].at == NULL) {
			add(out, it->id, it->id, SEV_ERROR,
			    xasprintf(_("Not confirmed yet: %s."), _(it->label)),
			    xasprintf(_("Once it is done, confirm it: ses-migrate confirm %s"),
			    it->id), NULL);
		} else if (it->kind == ITEM_EVIDENCE) {
			gate_probe(&g, i);
		} else if (it->kind == ITEM_COMPUTED) {
			for (size_t c = 0; c < sizeof(computed) / sizeof(computed[0]); c++)
				if (strcmp(computed[c].item, it->id) == 0)
					computed[c].eval(&g);
		}
	}
}

/* Whether a done step no longer holds; its findings go to out. */
int
gates_flagged(const struct model *m, int step, time_t now,
    struct findings *out)
{
	if (m->steps[step].status != STATUS_DONE)
		return 0;
	gates_eval(m, step, now, out);
	return findings_errors(out) > 0;
}
