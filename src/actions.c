/* Operators' actions on the model, each checked and written to the history. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "i18n.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"

/* Complete the current step if all its gates pass. */
enum act_status
act_next(struct model *m, const struct actor *a, struct findings *why)
{
	int step = model_current_step(m);

	if (step == STEP_COUNT)
		return ACT_INVALID;
	gates_eval(m, step, why);
	if (findings_errors(why) > 0)
		return ACT_REFUSED;
	step_record_set(&m->steps[step], STATUS_DONE, a, NULL);
	model_event_add(m, a, "step-done", guide_steps[step].id, NULL);
	return ACT_OK;
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
	if (guide_items[i].kind != ITEM_TICK) {
		*err = xasprintf(_("%s is computed from the environment and cannot be confirmed by hand."), id);
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
	const char *src[] = { c->address, c->version, c->aspnetcore, c->desktop };
	char **dst[] = { &h->address, &h->version, &h->aspnetcore, &h->desktop };

	if (c->roles != NULL)
		h->roles = roles;
	for (size_t i = 0; i < 4; i++)
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
