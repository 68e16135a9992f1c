/*
 * The gates of each step.  Ticked items fail until the operator confirms
 * them; computed items are judged from the environment.  Messages are
 * produced in the current language at evaluation time: findings are never
 * stored, so a French operator's state reads in English for the next one.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gates.h"
#include "guide.h"
#include "i18n.h"
#include "model.h"
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
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = xstrdup(name);
}

static char *
names_join(const struct names *s)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < s->n; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, s->v[i]);
	}
	return buf_detach(&b);
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

	out->v = xreallocarray(out->v, out->n + 1, sizeof(*out->v));
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

/* Each backoffice role must be held by at least one declared host. */
static void
gate_components(const struct model *m, const char *item, struct findings *out)
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
		if (has_role(m, needed[i].role))
			continue;
		add(out, needed[i].gate, item, SEV_ERROR,
		    xstrdup(_(needed[i].message)),
		    xasprintf(_("Declare it: ses-migrate host add NAME --roles %s --version VERSION"),
		    role_name(needed[i].role)), NULL);
	}
}

static void
gate_backoffice_version(const struct model *m, const char *item,
    struct findings *out)
{
	struct names unknown = { 0 }, old = { 0 }, odd = { 0 }, done = { 0 };

	gate_components(m, item, out);
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
	add_hosts(out, "prerequisites.version-unknown", item, SEV_ERROR,
	    NP_("The SES Evolution version of this host is not recorded: %s.",
	    "The SES Evolution version of these hosts is not recorded: %s."),
	    _("Record it: ses-migrate host set NAME --version VERSION"), &unknown);
	add_hosts(out, "prerequisites.version-too-old", item, SEV_ERROR,
	    NP_("This host runs a version older than 2.6: %s.",
	    "These hosts run a version older than 2.6: %s."),
	    _("Update them to 2.6 first: this migration starts from 2.6.x."), &old);
	add_hosts(out, "prerequisites.version-unsupported", item, SEV_ERROR,
	    NP_("This host runs a version that is neither 2.6.x nor 2.7.1 or later: %s.",
	    "These hosts run a version that is neither 2.6.x nor 2.7.1 or later: %s."),
	    _("Check the recorded version; this migration goes from 2.6.x to 2.7.1."), &odd);
	add_hosts(out, "prerequisites.already-migrated", item, SEV_WARNING,
	    NP_("This host already runs 2.7.1 or later: %s.",
	    "These hosts already run 2.7.1 or later: %s."),
	    _("Nothing to do for them; they are accepted as they are."), &done);
}

/* The 8.0 series at or above the minimum patch; 9.0 does not do. */
static int
runtime_ok(const struct model *m, const char *v)
{
	return v != NULL && version_same_series(v, RUNTIME_SERIES) &&
	    version_cmp(v, m->runtime_min) >= 0;
}

static void
gate_dotnet_runtimes(const struct model *m, const char *item,
    struct findings *out)
{
	struct names asp = { 0 }, desk = { 0 };
	char *hint;

	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];

		if (!(h->roles & ROLE_AGENT_HANDLER))
			continue;
		if (!runtime_ok(m, h->aspnetcore))
			names_add(&asp, h->name);
		if (!runtime_ok(m, h->desktop))
			names_add(&desk, h->name);
	}
	if (asp.n > 0) {
		char *list = names_join(&asp);

		hint = xasprintf(_("Install the latest ASP.NET Core Runtime 8.0.x, then: ses-migrate host set NAME --aspnetcore %s"),
		    m->runtime_min);
		add(out, "prerequisites.aspnetcore-runtime", item, SEV_ERROR,
		    xasprintf(P_("ASP.NET Core Runtime 8.0.x (%s or later) is missing on this agent handler: %s.",
		    "ASP.NET Core Runtime 8.0.x (%s or later) is missing on these agent handlers: %s.",
		    asp.n), m->runtime_min, list), hint, &asp);
		free(list);
	}
	if (desk.n > 0) {
		char *list = names_join(&desk);

		hint = xasprintf(_("Install the latest .NET Desktop Runtime 8.0.x, then: ses-migrate host set NAME --desktop-runtime %s"),
		    m->runtime_min);
		add(out, "prerequisites.desktop-runtime", item, SEV_ERROR,
		    xasprintf(P_(".NET Desktop Runtime 8.0.x (%s or later) is missing on this agent handler: %s.",
		    ".NET Desktop Runtime 8.0.x (%s or later) is missing on these agent handlers: %s.",
		    desk.n), m->runtime_min, list), hint, &desk);
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
gate_backoffice_updated(const struct model *m, const char *item,
    struct findings *out)
{
	struct names late = { 0 };

	if (!has_role(m, ROLE_BACKEND | ROLE_AGENT_HANDLER)) {
		add(out, "backoffice.no-components", item, SEV_ERROR,
		    xstrdup(_("No backend or agent handler is declared.")),
		    xstrdup(_("Declare them: ses-migrate host add NAME --roles backend,agent-handler --version VERSION")),
		    NULL);
		return;
	}
	collect_not_updated(m, ROLE_BACKEND | ROLE_AGENT_HANDLER, &late);
	add_hosts(out, "backoffice.not-updated", item, SEV_ERROR,
	    NP_("This backend or agent handler does not run 2.7.1 yet: %s.",
	    "These backends or agent handlers do not run 2.7.1 yet: %s."),
	    _("Once updated, record it: ses-migrate host set NAME --version 2.7.1"), &late);
}

static void
gate_consoles_updated(const struct model *m, const char *item,
    struct findings *out)
{
	struct names late = { 0 };

	if (!has_role(m, ROLE_CONSOLE)) {
		add(out, "deploy.no-console", item, SEV_ERROR,
		    xstrdup(_("No administration console is declared.")),
		    xstrdup(_("Declare it: ses-migrate host add NAME --roles console --version VERSION")),
		    NULL);
		return;
	}
	collect_not_updated(m, ROLE_CONSOLE, &late);
	add_hosts(out, "deploy.console-not-updated", item, SEV_ERROR,
	    NP_("This administration console does not run 2.7.1 yet: %s.",
	    "These administration consoles do not run 2.7.1 yet: %s."),
	    _("Open the console once so that it updates itself, then: ses-migrate host set NAME --version 2.7.1"), &late);
}

/* Until an inventory is imported, nothing proves the agents are migrated. */
static void
gate_agents_inventory(const struct model *m, const char *item,
    struct findings *out)
{
	add(out, "agents.no-inventory", item, SEV_ERROR,
	    xstrdup(_("No agent inventory has been imported.")),
	    xstrdup(_("Export the agent list from the console's \"SES Evolution agent versions\" tile and import it.")),
	    NULL);
}

static void
gate_all_migrated(const struct model *m, const char *item,
    struct findings *out)
{
	struct names late = { 0 };

	collect_not_updated(m, ROLE_BACKOFFICE, &late);
	add_hosts(out, "close-17000.backoffice-not-updated", item, SEV_ERROR,
	    NP_("This backoffice component does not run 2.7.1: %s.",
	    "These backoffice components do not run 2.7.1: %s."),
	    _("Update it and record its version before closing TCP 17000."), &late);
	add(out, "close-17000.no-inventory", item, SEV_ERROR,
	    xstrdup(_("No recent agent inventory proves that every agent runs 2.7.1.")),
	    xstrdup(_("Import a fresh export of the agent list before closing TCP 17000.")),
	    NULL);
}

static const struct {
	const char	*item;
	void		(*eval)(const struct model *, const char *,
			    struct findings *);
} computed[] = {
	{ "prerequisites.backoffice-version", gate_backoffice_version },
	{ "prerequisites.dotnet-runtimes", gate_dotnet_runtimes },
	{ "backoffice.updated", gate_backoffice_updated },
	{ "deploy.consoles-updated", gate_consoles_updated },
	{ "agents.inventory", gate_agents_inventory },
	{ "close-17000.all-migrated", gate_all_migrated },
};

/* Evaluate every gate of a step, in the order of its items. */
void
gates_eval(const struct model *m, int step, struct findings *out)
{
	const struct guide_step *s = &guide_steps[step];

	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++) {
		const struct guide_item *it = &guide_items[i];

		if (!guide_item_applies(i, m))
			continue;
		if (it->kind == ITEM_TICK && m->marks[i].at == NULL) {
			add(out, it->id, it->id, SEV_ERROR,
			    xasprintf(_("Not confirmed yet: %s."), _(it->label)),
			    xasprintf(_("Once it is done, confirm it: ses-migrate confirm %s"),
			    it->id), NULL);
		} else if (it->kind == ITEM_COMPUTED) {
			for (size_t c = 0; c < sizeof(computed) / sizeof(computed[0]); c++)
				if (strcmp(computed[c].item, it->id) == 0)
					computed[c].eval(m, it->id, out);
		}
	}
}
