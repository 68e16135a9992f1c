/* Operators' actions on the model, each checked and written to the history. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "i18n.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"

/* Mark a step done if all its gates pass. */
static enum act_status
complete(struct model *m, const struct actor *a, int step, struct findings *why)
{
	gates_eval(m, step, a->when, why);
	if (findings_errors(why) > 0)
		return ACT_REFUSED;
	step_record_set(&m->steps[step], STATUS_DONE, a, NULL);
	model_event_add(m, a, "step-done", guide_steps[step].id, NULL);
	return ACT_OK;
}

/* Complete the current step if all its gates pass. */
enum act_status
act_next(struct model *m, const struct actor *a, struct findings *why)
{
	int step = model_current_step(m);

	return step == STEP_COUNT ? ACT_INVALID : complete(m, a, step, why);
}

/*
 * Complete a given step: the current one, or a deferred one while later
 * steps go on (the default policies may be updated at any time).
 */
enum act_status
act_complete(struct model *m, const struct actor *a, int step,
    struct findings *why, char **err)
{
	if (step != model_current_step(m) && m->steps[step].status != STATUS_DEFERRED) {
		*err = xasprintf(_("Step %s is not the current step: steps are completed in order."),
		    guide_steps[step].id);
		return ACT_INVALID;
	}
	return complete(m, a, step, why);
}

/* A reason: one line of text, not empty. */
static int
check_reason(const char *reason, char **err)
{
	if (reason == NULL || *reason == '\0') {
		*err = xstrdup(_("A reason is required: --reason TEXT."));
		return -1;
	}
	if (!valid_text(reason)) {
		*err = xasprintf(_("The reason must be one line of at most %d bytes of text, without control characters."),
		    TEXT_MAX);
		return -1;
	}
	return 0;
}

static int
find_step(const char *id, char **err)
{
	int step = guide_step_find(id);

	if (step < 0)
		*err = xasprintf(_("There is no step \"%s\"."), id);
	return step;
}

/* Put off a deferrable step, while it is the current one. */
enum act_status
act_defer(struct model *m, const struct actor *a, const char *id,
    const char *reason, char **err)
{
	int step = find_step(id, err);

	if (step < 0 || check_reason(reason, err) < 0)
		return ACT_INVALID;
	if (!guide_steps[step].deferrable) {
		*err = xasprintf(_("Step %s cannot be deferred; only the default policy update can wait."), id);
		return ACT_INVALID;
	}
	if (model_step_status(m, step) != STATUS_ACTIVE) {
		*err = xasprintf(_("Step %s can be deferred only while it is the current step."), id);
		return ACT_INVALID;
	}
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
	int step = find_step(id, err);

	if (step < 0 || check_reason(reason, err) < 0)
		return ACT_INVALID;
	if (m->steps[step].status == STATUS_PENDING) {
		*err = xasprintf(_("Step %s is not done: there is nothing to reopen."), id);
		return ACT_INVALID;
	}
	for (int i = step; i < STEP_COUNT; i++)
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
	int i = guide_item_find(item);
	struct evidence *e;

	if (i < 0) {
		*err = xasprintf(_("There is no item \"%s\"; ses-migrate check lists the items of the current step."), item);
		return ACT_INVALID;
	}
	if (guide_items[i].kind != ITEM_EVIDENCE) {
		*err = xasprintf(_("%s cannot be waived: only probe results can, one at a time, with a reason."), item);
		return ACT_INVALID;
	}
	if (check_reason(reason, err) < 0)
		return ACT_INVALID;
	e = &m->evidence[i];
	if (e->at == NULL || e->ok) {
		*err = xasprintf(_("%s has no failed probe to waive."), item);
		return ACT_INVALID;
	}
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
	if (*name == '\0' || !valid_text(name)) {
		*err = xstrdup(_("Give the agent's name as the inventory shows it."));
		return ACT_INVALID;
	}
	if (check_reason(reason, err) < 0)
		return ACT_INVALID;
	if (model_exclusion_find(m, name) != NULL) {
		*err = xasprintf(_("Agent %s is already excluded."), name);
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
		*err = xasprintf(_("Agent %s is not excluded."), name);
		return ACT_INVALID;
	}
	i = (size_t)(x - m->exclusions);
	model_event_add(m, a, "include", m->exclusions[i].name, NULL);
	free(m->exclusions[i].name);
	free(m->exclusions[i].reason);
	free(m->exclusions[i].by);
	free(m->exclusions[i].at);
	memmove(&m->exclusions[i], &m->exclusions[i + 1],
	    (m->nexclusions - i - 1) * sizeof(*m->exclusions));
	m->nexclusions--;
	return ACT_OK;
}

/* Change a setting of this migration. */
enum act_status
act_setting(struct model *m, const struct actor *a, const char *name,
    const char *value, char **err)
{
	char *subject;

	if (strcmp(name, "runtime-minimum") == 0) {
		if (!version_valid(value) || !version_same_series(value, "8.0")) {
			*err = xasprintf(_("runtime-minimum must be an 8.0.x version, not \"%s\"."), value);
			return ACT_INVALID;
		}
		set_string(&m->runtime_min, value);
	} else if (strcmp(name, "inventory-max-age") == 0) {
		char *end;
		long hours = strtol(value, &end, 10);

		if (*value < '0' || *value > '9' || *end != '\0' || hours < 1 || hours > 24 * 365) {
			*err = xasprintf(_("inventory-max-age is a number of hours from 1 to %d, not \"%s\"."),
			    24 * 365, value);
			return ACT_INVALID;
		}
		m->inventory_max_age = (unsigned)hours;
	} else if (strcmp(name, "agent-networks") == 0 ||
	    strcmp(name, "siem-sources") == 0) {
		if (*value != '\0' && !valid_network_list(value)) {
			*err = xasprintf(_("\"%s\" is not a list of networks such as 10.1.0.0/16,192.0.2.7."), value);
			return ACT_INVALID;
		}
		set_string(name[0] == 'a' ? &m->agent_networks : &m->siem_sources,
		    *value != '\0' ? value : NULL);
	} else {
		*err = xasprintf(_("Unknown setting \"%s\"; the settings are runtime-minimum, inventory-max-age, agent-networks and siem-sources."),
		    name);
		return ACT_INVALID;
	}
	subject = xasprintf("%s=%s", name, value);
	model_event_add(m, a, "setting", subject, NULL);
	free(subject);
	return ACT_OK;
}

/* Replace the inventory with a new import; exclusions stay as they are. */
void
act_import(struct model *m, const struct actor *a, struct inventory *inv)
{
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
}

/* The tick item with this id, or -1 with *err set. */
static int
tick_item(const struct model *m, const char *id, char **err)
{
	int i = guide_item_find(id);

	if (i < 0) {
		*err = xasprintf(_("There is no item \"%s\"; ses-migrate check lists the items of the current step."), id);
		return -1;
	}
	if (guide_items[i].kind == ITEM_COMPUTED) {
		*err = xasprintf(_("%s is computed from the environment and cannot be confirmed by hand."), id);
		return -1;
	}
	if (guide_items[i].kind == ITEM_EVIDENCE) {
		*err = xasprintf(_("%s is the result of a probe and cannot be confirmed by hand; a failed probe can be waived with a reason."), id);
		return -1;
	}
	if (!guide_item_applies((size_t)i, m)) {
		*err = xasprintf(_("%s does not apply to this environment."), id);
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
	if (note != NULL && !valid_text(note)) {
		*err = xasprintf(_("The note must be one line of at most %d bytes of text, without control characters."),
		    TEXT_MAX);
		return ACT_INVALID;
	}
	mark_set(&m->marks[i], a, note);
	model_event_add(m, a, "confirm", item, note);
	return ACT_OK;
}

enum act_status
act_unconfirm(struct model *m, const struct actor *a, const char *item,
    char **err)
{
	int i = tick_item(m, item, err);

	if (i < 0)
		return ACT_INVALID;
	if (m->marks[i].at == NULL)
		return ACT_OK;
	mark_clear(&m->marks[i]);
	model_event_add(m, a, "unconfirm", item, NULL);
	return ACT_OK;
}

/* Check every field of a change before touching the host. */
static int
check_change(const struct host_change *c, unsigned *roles, char **err)
{
	const char *versions[] = { c->version, c->aspnetcore, c->desktop };
	const char *ports[] = { c->sql_ports, c->syslog_ports };

	if (c->roles != NULL) {
		char *bad;

		if (role_parse_list(c->roles, roles, &bad) < 0) {
			*err = xasprintf(_("Unknown role \"%s\"; the roles are backend, agent-handler, console, sql and syslog."),
			    bad);
			free(bad);
			return -1;
		}
	}
	if (c->address != NULL && *c->address != '\0' &&
	    !valid_host_or_ip(c->address)) {
		*err = xasprintf(_("\"%s\" is not a valid address: give an IP address or a host name."),
		    c->address);
		return -1;
	}
	for (size_t i = 0; i < 2; i++) {
		if (ports[i] != NULL && *ports[i] != '\0' && !valid_port_list(ports[i])) {
			*err = xasprintf(_("\"%s\" is not a list of ports such as tcp/1433,udp/1434."),
			    ports[i]);
			return -1;
		}
	}
	for (size_t i = 0; i < 3; i++) {
		if (versions[i] != NULL && *versions[i] != '\0' &&
		    !version_valid(versions[i])) {
			*err = xasprintf(_("\"%s\" is not a version number such as 2.6.4 or 8.0.11."),
			    versions[i]);
			return -1;
		}
	}
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

enum act_status
act_host_add(struct model *m, const struct actor *a, const char *name,
    const struct host_change *c, char **err)
{
	unsigned roles = 0;

	if (!valid_host_or_ip(name)) {
		*err = xasprintf(_("\"%s\" is not a valid host name: use letters, digits, hyphens and dots (RFC 1123), or an IP address."),
		    name);
		return ACT_INVALID;
	}
	if (model_host_find(m, name) != NULL) {
		*err = xasprintf(_("Host %s is already declared; change it with ses-migrate host set."), name);
		return ACT_INVALID;
	}
	if (c->roles == NULL) {
		*err = xstrdup(_("A new host needs its roles, for example --roles backend,agent-handler."));
		return ACT_INVALID;
	}
	if (check_change(c, &roles, err) < 0)
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

	if (h == NULL) {
		*err = xasprintf(_("No host is named %s; declare it with ses-migrate host add."), name);
		return ACT_INVALID;
	}
	if (check_change(c, &roles, err) < 0)
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

	if (h == NULL) {
		*err = xasprintf(_("No host is named %s; declare it with ses-migrate host add."), name);
		return ACT_INVALID;
	}
	model_event_add(m, a, "host-remove", h->name, NULL);
	model_host_remove(m, h);
	return ACT_OK;
}
