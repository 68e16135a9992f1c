/*
 * What operators do to a migration.  The wizard and the command line both
 * call these, so a rule (a gate, a validation, a history entry) is decided
 * once, here.  Errors come back as a translated sentence in *err.
 */
#ifndef SES_ACTIONS_H
#define SES_ACTIONS_H

#include "gates.h"
#include "model.h"

enum act_status {
	ACT_OK,
	ACT_REFUSED,		/* a gate failed */
	ACT_INVALID		/* the request makes no sense here */
};

/* Host fields to change; NULL leaves a field as it is. */
struct host_change {
	const char	*roles;
	const char	*address;
	const char	*version;
	const char	*aspnetcore;
	const char	*desktop;
	const char	*sql_ports;
	const char	*syslog_ports;
};

/* Completes the current step if its gates pass; ACT_INVALID when all steps are done. */
enum act_status act_next(struct model *m, const struct actor *a,
    struct findings *why);
/* Completes step, current or deferred, if its gates pass, else ACT_REFUSED with why. */
enum act_status act_complete(struct model *m, const struct actor *a,
    size_t step, struct findings *why, char **err);
/* Whether step id could be deferred now, the reason aside; if not, *err says why. */
int act_can_defer(const struct model *m, const char *id, char **err);
/* Whether step id could be reopened now, the reason aside; if not, *err says why. */
int act_can_reopen(const struct model *m, const char *id, char **err);
/* Whether item has a failed probe to waive, the reason aside; if not, *err says why. */
int act_can_waive(const struct model *m, const char *item, char **err);
/* Sets the note on step id, whatever its status; NULL or "" removes it. */
enum act_status act_step_note(struct model *m, const struct actor *a,
    const char *step, const char *note, char **err);
/* Defers step id, current and deferrable, for reason. */
enum act_status act_defer(struct model *m, const struct actor *a,
    const char *step, const char *reason, char **err);
/* Reopens step id, done or deferred, and every later step, for reason; ticks stay. */
enum act_status act_reopen(struct model *m, const struct actor *a,
    const char *step, const char *reason, char **err);
/* Waives the failed probe of item, for reason: nothing else can be waived. */
enum act_status act_waive(struct model *m, const struct actor *a,
    const char *item, const char *reason, char **err);
/* Leaves agent name out of the inventory gates, for reason; once per agent. */
enum act_status act_exclude(struct model *m, const struct actor *a,
    const char *name, const char *reason, char **err);
/* Withdraws the exclusion of agent name. */
enum act_status act_include(struct model *m, const struct actor *a,
    const char *name, char **err);
/* Sets setting name to value; "" clears agent-networks or siem-sources. */
enum act_status act_setting(struct model *m, const struct actor *a,
    const char *name, const char *value, char **err);
/* Keep lang ("en" or "fr") as the wizard's language, without a history event. */
enum act_status act_language(struct model *m, const char *lang, char **err);
/* Makes inv the inventory, taking over its contents on ACT_OK; exclusions stay. */
enum act_status act_import(struct model *m, const struct actor *a,
    struct inventory *inv, char **err);
/* Ticks item, one operators confirm by hand, with note (NULL or empty: none). */
enum act_status act_confirm(struct model *m, const struct actor *a,
    const char *item, const char *note, char **err);
/* Withdraws the tick of item; ACT_OK as well if it was not ticked. */
enum act_status act_unconfirm(struct model *m, const struct actor *a,
    const char *item, char **err);
/* Declares the new host name with c's fields, its roles required. */
enum act_status act_host_add(struct model *m, const struct actor *a,
    const char *name, const struct host_change *c, char **err);
/* Changes the fields c gives of host name; "" clears a field. */
enum act_status act_host_set(struct model *m, const struct actor *a,
    const char *name, const struct host_change *c, char **err);
struct evidence_doc;
/* Applies evidence collected on a declared host, newer than its newest and not from the future. */
enum act_status act_evidence(struct model *m, const struct actor *a,
    const struct evidence_doc *d, char **err);
/* Removes host name from the environment. */
enum act_status act_host_remove(struct model *m, const struct actor *a,
    const char *name, char **err);

#endif
