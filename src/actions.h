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

enum act_status act_next(struct model *m, const struct actor *a,
    struct findings *why);
enum act_status act_complete(struct model *m, const struct actor *a,
    size_t step, struct findings *why, char **err);
enum act_status act_defer(struct model *m, const struct actor *a,
    const char *step, const char *reason, char **err);
enum act_status act_reopen(struct model *m, const struct actor *a,
    const char *step, const char *reason, char **err);
enum act_status act_waive(struct model *m, const struct actor *a,
    const char *item, const char *reason, char **err);
enum act_status act_exclude(struct model *m, const struct actor *a,
    const char *name, const char *reason, char **err);
enum act_status act_include(struct model *m, const struct actor *a,
    const char *name, char **err);
enum act_status act_setting(struct model *m, const struct actor *a,
    const char *name, const char *value, char **err);
enum act_status act_import(struct model *m, const struct actor *a,
    struct inventory *inv, char **err);
enum act_status act_confirm(struct model *m, const struct actor *a,
    const char *item, const char *note, char **err);
enum act_status act_unconfirm(struct model *m, const struct actor *a,
    const char *item, char **err);
enum act_status act_host_add(struct model *m, const struct actor *a,
    const char *name, const struct host_change *c, char **err);
enum act_status act_host_set(struct model *m, const struct actor *a,
    const char *name, const struct host_change *c, char **err);
enum act_status act_host_remove(struct model *m, const struct actor *a,
    const char *name, char **err);

#endif
