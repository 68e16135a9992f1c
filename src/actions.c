/* Operators' actions on the model, each checked and written to the history. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "evidence.h"
#include "i18n.h"
#include "msg.h"
#include "schema.h"
#include "text.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"

/* Whether v may be stored as key k; if not, *err says why. */
static int
storable(const struct model *m, const struct schema_key *k, const char *v,
    const struct actor *a, char **err)
{
	return schema_check(k, v, m->mig, a->when, err);
}

/*
 * Whether the history event an action adds can be stored: its author, its
 * subject and its reason.  Checked before the action changes anything.
 */
static int
event_ok(const struct model *m, const struct actor *a, const char *subject,
    const char *reason, char **err)
{
	return storable(m, &sk_step_by, a->who, a, err) &&
	    (subject == NULL || storable(m, &sk_event_subject, subject, a, err)) &&
	    (reason == NULL || storable(m, &sk_event_reason, reason, a, err));
}

/* Mark a step done if all its gates pass. */
static enum act_status
complete(struct model *m, const struct actor *a, size_t step, struct findings *why)
{
	gates_eval(m, step, a->when, why);
	if (findings_errors(why) > 0)
		return ACT_REFUSED;
	step_record_set(&m->steps[step], STATUS_DONE, a, NULL);
	model_event_add(m, a, "step-done", m->mig->steps[step].id, NULL);
	return ACT_OK;
}

/* Complete the current step if all its gates pass. */
enum act_status
act_next(struct model *m, const struct actor *a, struct findings *why)
{
	size_t step = model_current_step(m);

	return step == m->mig->nsteps ? ACT_INVALID : complete(m, a, step, why);
}

/*
 * Complete a given step: the current one, or a deferred one while later
 * steps go on (the default policies may be updated at any time).
 */
enum act_status
act_complete(struct model *m, const struct actor *a, size_t step,
    struct findings *why, char **err)
{
	if (step != model_current_step(m) && m->steps[step].status != STATUS_DEFERRED) {
		*err = msg_make(N_("Step %s is not the current step: steps are completed in order."),
		    m->mig->steps[step].id);
		return ACT_INVALID;
	}
	return complete(m, a, step, why);
}

/* A reason: one line of text, not empty, that the state can keep as k. */
static int
check_reason(const struct model *m, const struct schema_key *k,
    const char *reason, const struct actor *a, char **err)
{
	if (reason == NULL || *reason == '\0') {
		*err = msg_make(N_("A reason is required: --reason TEXT."));
		return -1;
	}
	return storable(m, k, reason, a, err) && storable(m, &sk_event_reason, reason, a, err) ?
	    0 : -1;
}

static int
find_step(const struct model *m, const char *id, char **err)
{
	int step = migration_step_find(m->mig, id);

	if (step < 0) {
		char *shown = text_visible(id, strlen(id));

		*err = msg_make(N_("There is no step \"%s\"."), shown);
		free(shown);
	}
	return step;
}

int
act_can_defer(const struct model *m, const char *id, char **err)
{
	int step = find_step(m, id, err);

	if (step < 0)
		return 0;
	if (!m->mig->steps[step].deferrable) {
		*err = msg_make(N_("Step %s cannot be deferred: it must be done in its turn."), id);
		return 0;
	}
	if (model_step_status(m, step) != STATUS_ACTIVE) {
		*err = msg_make(N_("Step %s can be deferred only while it is the current step."), id);
		return 0;
	}
	return 1;
}

int
act_can_reopen(const struct model *m, const char *id, char **err)
{
	int step = find_step(m, id, err);

	if (step < 0)
		return 0;
	if (m->steps[step].status == STATUS_PENDING) {
		*err = msg_make(N_("Step %s is not done: there is nothing to reopen."), id);
		return 0;
	}
	return 1;
}

int
act_can_waive(const struct model *m, const char *item, char **err)
{
	int i = migration_item_find(m->mig, item);

	if (i < 0) {
		char *shown = text_visible(item, strlen(item));

		*err = msg_make(N_("There is no item \"%s\"; ses-migrate check lists the items of the current step."), shown);
		free(shown);
		return 0;
	}
	if (m->mig->items[i].kind != ITEM_EVIDENCE) {
		*err = msg_make(N_("%s cannot be waived: only probe results can, one at a time, with a reason."), item);
		return 0;
	}
	if (m->evidence[i].verdict != VERDICT_FAIL) {
		*err = msg_make(N_("%s has no failed probe to waive."), item);
		return 0;
	}
	return 1;
}

/* A note on a step, whatever its status; an empty one removes it. */
enum act_status
act_step_note(struct model *m, const struct actor *a, const char *id,
    const char *note, char **err)
{
	int step = find_step(m, id, err);

	if (step < 0)
		return ACT_INVALID;
	if (note != NULL && *note == '\0')
		note = NULL;
	if ((note != NULL && !storable(m, &sk_step_note, note, a, err)) ||
	    !event_ok(m, a, id, note, err))
		return ACT_INVALID;
	set_string(&m->steps[step].note, note);
	model_event_add(m, a, "note", id, note);
	return ACT_OK;
}

/* Put off a deferrable step, while it is the current one. */
enum act_status
act_defer(struct model *m, const struct actor *a, const char *id,
    const char *reason, char **err)
{
	int step = find_step(m, id, err);

	if (step < 0 || !act_can_defer(m, id, err) ||
	    check_reason(m, &sk_step_reason, reason, a, err) < 0 ||
	    !event_ok(m, a, id, reason, err))
		return ACT_INVALID;
	step_record_set(&m->steps[step], STATUS_DEFERRED, a, reason);
	model_event_add(m, a, "defer", id, reason);
	return ACT_OK;
}

/*
 * Reopen a done or deferred step.  Steps run in order, so every later step
 * is reopened with it; confirmations stay, and each step is completed again
 * once its gates pass.
 */
enum act_status
act_reopen(struct model *m, const struct actor *a, const char *id,
    const char *reason, char **err)
{
	int step = find_step(m, id, err);

	if (step < 0 || !act_can_reopen(m, id, err) ||
	    check_reason(m, &sk_step_reason, reason, a, err) < 0 ||
	    !event_ok(m, a, id, reason, err))
		return ACT_INVALID;
	for (size_t i = (size_t)step; i < m->mig->nsteps; i++)
		if (m->steps[i].status != STATUS_PENDING)
			step_record_set(&m->steps[i], STATUS_PENDING, NULL, NULL);
	model_event_add(m, a, "reopen", id, reason);
	return ACT_OK;
}

/* Only a failed probe may be waived: versions and inventories never are. */
enum act_status
act_waive(struct model *m, const struct actor *a, const char *item,
    const char *reason, char **err)
{
	int i = migration_item_find(m->mig, item);
	struct evidence *e;

	if (!act_can_waive(m, item, err) ||
	    check_reason(m, &sk_evidence_waiver, reason, a, err) < 0 ||
	    !event_ok(m, a, item, reason, err))
		return ACT_INVALID;
	e = &m->evidence[i];
	set_string(&e->waiver, reason);
	set_string(&e->waived_by, a->who);
	free(e->waived_at);
	e->waived_at = time_format(a->when);
	model_event_add(m, a, "waive", item, reason);
	return ACT_OK;
}

/* Leave one agent out of the inventory gates, for a reason. */
enum act_status
act_exclude(struct model *m, const struct actor *a, const char *name,
    const char *reason, char **err)
{
	if (*name == '\0') {
		*err = msg_make(N_("Give the agent's name as the inventory shows it."));
		return ACT_INVALID;
	}
	if (!storable(m, &sk_exclusion_name, name, a, err) ||
	    check_reason(m, &sk_exclusion_reason, reason, a, err) < 0 ||
	    !event_ok(m, a, name, reason, err))
		return ACT_INVALID;
	if (model_exclusion_find(m, name) != NULL) {
		*err = msg_make(N_("Agent %s is already excluded."), name);
		return ACT_INVALID;
	}
	model_exclusion_add(m, name, reason, a);
	model_event_add(m, a, "exclude", name, reason);
	return ACT_OK;
}

/* Withdraw an exclusion made by mistake. */
enum act_status
act_include(struct model *m, const struct actor *a, const char *name,
    char **err)
{
	const struct exclusion *x = model_exclusion_find(m, name);
	size_t i;

	if (x == NULL) {
		char *shown = text_visible(name, strlen(name));

		*err = msg_make(N_("Agent %s is not excluded."), shown);
		free(shown);
		return ACT_INVALID;
	}
	if (!event_ok(m, a, x->name, NULL, err))
		return ACT_INVALID;
	i = (size_t)(x - m->exclusions);
	model_event_add(m, a, "include", m->exclusions[i].name, NULL);
	model_exclusion_remove(m, i);
	return ACT_OK;
}

/* The settings operators may change, and the keys they are stored as. */
static const struct {
	const char		*name;
	const struct schema_key	*key;
	int			 clearable;	/* an empty value removes it */
} settings[] = {
	{ "runtime-minimum", &sk_runtime_min, 0 },
	{ "inventory-max-age", &sk_max_age, 0 },
	{ "agent-networks", &sk_agent_networks, 1 },
	{ "siem-sources", &sk_siem_sources, 1 },
};

/* Change a setting of this migration. */
enum act_status
act_setting(struct model *m, const struct actor *a, const char *name,
    const char *value, char **err)
{
	size_t i;

	for (i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (strcmp(settings[i].name, name) == 0)
			break;
	if (i == sizeof(settings) / sizeof(settings[0])) {
		char *shown = text_visible(name, strlen(name));

		*err = msg_make(N_("Unknown setting \"%s\"; the settings are runtime-minimum, inventory-max-age, agent-networks and siem-sources."),
		    shown);
		free(shown);
		return ACT_INVALID;
	}
	if (!(settings[i].clearable && *value == '\0') &&
	    !storable(m, settings[i].key, value, a, err))
		return ACT_INVALID;
	if (!event_ok(m, a, name, value, err))
		return ACT_INVALID;
	if (settings[i].clearable && *value == '\0')
		schema_field_set(settings[i].key, m, NULL);
	else
		schema_field_set(settings[i].key, m, value);
	model_event_add(m, a, "setting", name, value);
	return ACT_OK;
}

/*
 * Keep the wizard's language.  A display preference, not a step of the
 * migration: no history event, or a few presses of L would fill it.
 */
enum act_status
act_language(struct model *m, const char *lang, char **err)
{
	if (!schema_check(&sk_language, lang, m->mig, 0, err))
		return ACT_INVALID;
	set_string(&m->language, lang);
	return ACT_OK;
}

/* Replace the inventory with a new import; exclusions stay as they are. */
enum act_status
act_import(struct model *m, const struct actor *a, struct inventory *inv,
    char **err)
{
	if (inv->file != NULL && (!storable(m, &sk_inventory_file, inv->file, a, err) ||
	    !event_ok(m, a, inv->file, NULL, err)))
		return ACT_INVALID;
	inventory_free(&m->inventory);
	m->inventory = *inv;
	memset(inv, 0, sizeof(*inv));
	m->inventory.present = 1;
	/* The totals count at least what the lists name. */
	if (m->inventory.below_total < m->inventory.nbelow)
		m->inventory.below_total = m->inventory.nbelow;
	if (m->inventory.unreadable_total < m->inventory.nunreadable)
		m->inventory.unreadable_total = m->inventory.nunreadable;
	if (m->inventory.duplicates_total < m->inventory.nduplicates)
		m->inventory.duplicates_total = m->inventory.nduplicates;
	free(m->inventory.imported_at);
	m->inventory.imported_at = time_format(a->when);
	set_string(&m->inventory.imported_by, a->who);
	model_event_add(m, a, "import", m->inventory.file, NULL);
	return ACT_OK;
}

/* The tick item with this id, or -1 with *err set. */
static int
tick_item(const struct model *m, const char *id, char **err)
{
	int i = migration_item_find(m->mig, id);

	if (i < 0) {
		char *shown = text_visible(id, strlen(id));

		*err = msg_make(N_("There is no item \"%s\"; ses-migrate check lists the items of the current step."), shown);
		free(shown);
		return -1;
	}
	if (m->mig->items[i].kind == ITEM_COMPUTED) {
		*err = msg_make(N_("%s is computed from the environment and cannot be confirmed by hand."), id);
		return -1;
	}
	if (m->mig->items[i].kind == ITEM_EVIDENCE) {
		*err = msg_make(N_("%s is the result of a probe and cannot be confirmed by hand; a failed probe can be waived with a reason."), id);
		return -1;
	}
	if (!migration_item_applies(m->mig, (size_t)i, m)) {
		*err = msg_make(N_("%s does not apply to this environment."), id);
		return -1;
	}
	return i;
}

enum act_status
act_confirm(struct model *m, const struct actor *a, const char *item,
    const char *note, char **err)
{
	int i = tick_item(m, item, err);

	if (i < 0)
		return ACT_INVALID;
	if (note != NULL && *note == '\0')
		note = NULL;
	if ((note != NULL && !storable(m, &sk_item_note, note, a, err)) ||
	    !event_ok(m, a, item, note, err))
		return ACT_INVALID;
	mark_set(&m->marks[i], a, note);
	model_event_add(m, a, "confirm", item, note);
	return ACT_OK;
}

enum act_status
act_unconfirm(struct model *m, const struct actor *a, const char *item,
    char **err)
{
	int i = tick_item(m, item, err);

	if (i < 0 || !event_ok(m, a, item, NULL, err))
		return ACT_INVALID;
	if (m->marks[i].at == NULL)
		return ACT_OK;
	mark_clear(&m->marks[i]);
	model_event_add(m, a, "unconfirm", item, NULL);
	return ACT_OK;
}

/* Check every field of a change before touching the host. */
static int
check_change(const struct model *m, const struct host_change *c,
    const struct actor *a, unsigned *roles, char **err)
{
	const struct {
		const char		*value;
		const struct schema_key	*key;
	} fields[] = {
		{ c->address, &sk_host_address },
		{ c->version, &sk_host_version },
		{ c->aspnetcore, &sk_host_aspnetcore },
		{ c->desktop, &sk_host_desktop },
		{ c->sql_ports, &sk_host_sql_ports },
		{ c->syslog_ports, &sk_host_syslog_ports },
	};

	if (c->roles != NULL) {
		char *bad;

		if (role_parse_list(c->roles, roles, &bad) < 0) {
			char *shown = text_visible(bad, strlen(bad));

			*err = msg_make(N_("Unknown role \"%s\"; the roles are backend, agent-handler, console, sql and syslog."),
			    shown);
			free(shown);
			free(bad);
			return -1;
		}
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].value != NULL && *fields[i].value != '\0' &&
		    !storable(m, fields[i].key, fields[i].value, a, err))
			return -1;
	return 0;
}

/* Apply a checked change; an empty string clears a field. */
static void
apply_change(struct host *h, const struct host_change *c, unsigned roles)
{
	const char *src[] = { c->address, c->version, c->aspnetcore, c->desktop,
	    c->sql_ports, c->syslog_ports };
	char **dst[] = { &h->address, &h->version, &h->aspnetcore, &h->desktop,
	    &h->sql_ports, &h->syslog_ports };

	if (c->roles != NULL)
		h->roles = roles;
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++)
		if (src[i] != NULL)
			set_string(dst[i], *src[i] != '\0' ? src[i] : NULL);
}

static enum act_status
no_such_host(const char *name, char **err)
{
	char *shown = text_visible(name, strlen(name));

	*err = msg_make(N_("No host is named %s; declare it with ses-migrate host add."), shown);
	free(shown);
	return ACT_INVALID;
}

enum act_status
act_host_add(struct model *m, const struct actor *a, const char *name,
    const struct host_change *c, char **err)
{
	unsigned roles = 0;

	if (!valid_host_or_ip(name)) {
		char *shown = text_visible(name, strlen(name));

		*err = msg_make(N_("\"%s\" is not a valid host name: use letters, digits, hyphens and dots (RFC 1123), or an IP address."),
		    shown);
		free(shown);
		return ACT_INVALID;
	}
	if (!event_ok(m, a, name, NULL, err))
		return ACT_INVALID;
	if (model_host_find(m, name) != NULL) {
		*err = msg_make(N_("Host %s is already declared; change it with ses-migrate host set."), name);
		return ACT_INVALID;
	}
	if (c->roles == NULL) {
		*err = msg_make(N_("A new host needs its roles, for example --roles backend,agent-handler."));
		return ACT_INVALID;
	}
	if (check_change(m, c, a, &roles, err) < 0)
		return ACT_INVALID;
	apply_change(model_host_add(m, name), c, roles);
	model_event_add(m, a, "host-add", name, NULL);
	return ACT_OK;
}

enum act_status
act_host_set(struct model *m, const struct actor *a, const char *name,
    const struct host_change *c, char **err)
{
	struct host *h = model_host_find(m, name);
	unsigned roles = 0;

	if (h == NULL)
		return no_such_host(name, err);
	if (check_change(m, c, a, &roles, err) < 0 || !event_ok(m, a, h->name, NULL, err))
		return ACT_INVALID;
	apply_change(h, c, roles);
	model_event_add(m, a, "host-set", h->name, NULL);
	return ACT_OK;
}

enum act_status
act_host_remove(struct model *m, const struct actor *a, const char *name,
    char **err)
{
	struct host *h = model_host_find(m, name);

	if (h == NULL)
		return no_such_host(name, err);
	if (!event_ok(m, a, h->name, NULL, err))
		return ACT_INVALID;
	model_event_add(m, a, "host-remove", h->name, NULL);
	model_host_remove(m, h);
	return ACT_OK;
}

/*
 * Evidence collected on a host: refused for a host not declared, from the
 * future, or not newer than the host's newest; else the host's versions
 * and runtimes become what was collected, and the history says so.
 */
enum act_status
act_evidence(struct model *m, const struct actor *a, const struct evidence_doc *d,
    char **err)
{
	struct host *h = model_host_find(m, d->host);
	struct host_change c = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	char *reason;
	unsigned roles = 0;

	if (h == NULL) {
		*err = msg_make(N_("%s: the evidence is from %s, which is not declared; declare it first: ses-migrate host add %s --roles ROLES"),
		    d->file, d->host, d->host);
		return ACT_INVALID;
	}
	/* A few minutes of clock drift between a host and this machine are forgiven. */
	if (time_parse(d->collected_at) > a->when + 300) {
		*err = msg_make(N_("%s: the evidence was collected at %s, later than now: check the clock of %s or of this machine."),
		    d->file, d->collected_at, h->name);
		return ACT_INVALID;
	}
	if (h->evidence_at != NULL && strcmp(d->collected_at, h->evidence_at) <= 0) {
		*err = msg_make(N_("%s: the evidence of %s was collected at %s, no later than the newest already imported, of %s; nothing was changed."),
		    d->file, h->name, d->collected_at, h->evidence_at);
		return ACT_INVALID;
	}
	if (h->roles & ROLE_BACKOFFICE)
		c.version = d->version;
	if (h->roles & ROLE_AGENT_HANDLER) {
		c.aspnetcore = d->aspnetcore;
		c.desktop = d->desktop;
	}
	/* A file of thousands of rules on the migration's ports is not one a collector wrote. */
	if ((d->rules != NULL && strlen(d->rules) > SCHEMA_EVIDENCE_MAX) ||
	    (d->tests != NULL && strlen(d->tests) > SCHEMA_EVIDENCE_MAX)) {
		*err = msg_make(N_("%s: it holds more firewall rules or connection tests on the migration's ports than a state keeps; nothing was changed."),
		    d->file);
		return ACT_INVALID;
	}
	if (check_change(m, &c, a, &roles, err) < 0 ||
	    !storable(m, &sk_host_evidence_file, d->file, a, err) ||
	    (d->failed != NULL && !storable(m, &sk_host_evidence_failed, d->failed, a, err)) ||
	    (d->rules != NULL && !storable(m, &sk_host_evidence_rules, d->rules, a, err)) ||
	    (d->tests != NULL && !storable(m, &sk_host_evidence_tests, d->tests, a, err)))
		return ACT_INVALID;
	reason = msg_make(N_("collected at %s, from %s"), d->collected_at, d->file);
	if (!event_ok(m, a, h->name, reason, err)) {
		free(reason);
		return ACT_INVALID;
	}
	apply_change(h, &c, roles);
	set_string(&h->evidence_file, d->file);
	set_string(&h->evidence_at, d->collected_at);
	set_string(&h->evidence_sha256, d->sha256);
	set_string(&h->evidence_failed, d->failed);
	set_string(&h->evidence_rules, d->rules);
	set_string(&h->evidence_tests, d->tests);
	model_event_add(m, a, "evidence", h->name, reason);
	free(reason);
	return ACT_OK;
}
