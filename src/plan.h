/*
 * The firewall plan: the flows the migration's port table gives between
 * the hosts of this environment, before (the version migrated from),
 * during (both side by side) and after (the target) the migration.
 */
#ifndef SES_PLAN_H
#define SES_PLAN_H

#include <stddef.h>

#include "model.h"

struct flow {
	size_t			 kind;		/* index into the migration's flows */
	const struct flow_def	*def;
	const char		*source;	/* a host name, or agents, siem, update-server */
	const char		*destination;
	const struct host	*src_host;	/* NULL for an external end */
	const struct host	*dst_host;
	enum proto		 proto;
	unsigned		 port;
	int			 in_baseline;	/* open before the migration */
	int			 in_target;	/* open after it */
	enum flow_action	 action;	/* for the phase asked */
	enum flow_when		 when;
	int			 by_installer;	/* an inbound rule the installer creates */
	const struct flow_def	*port_stays;	/* a removal whose port this other flow keeps open */
	int			 listed;	/* in the phase asked (while the plan is built) */
};

struct plan {
	const struct migration *mig;
	enum phase	 phase;
	struct flow	*v;
	size_t		 n;
	int		 separated;	/* some backend without an agent handler: see note */
	int		 no_sql;	/* no SQL Server host declared */
	int		 no_syslog;	/* no syslog server declared */
};

/*
 * The flows of a phase, in the port table's order; changes leaves out
 * those already open (keep), host keeps those from or to that host.
 */
void plan_build(const struct model *m, enum phase phase, int changes,
    const char *host, struct plan *out);
/* Frees the plan's flows and zeroes it; NULL is a no-op. */
void plan_free(struct plan *p);
/* "baseline", "dual" or "target" into *phase: 0, or -1 and *phase untouched. */
int plan_phase_parse(const char *s, enum phase *phase);
/* The phase that matters now: the final one from the point of no return on. */
enum phase plan_phase_now(const struct model *m);
/* The plan of plan_phase_now as work left: once the update step is done, its additions are kept rules. */
void plan_build_now(const struct model *m, struct plan *out);
/* Every change still to make, to the end of the migration: the target's changes, less the additions in place since the update. */
void plan_build_left(const struct model *m, struct plan *out);
/*
 * What a connection test from the flow's source host must show: 1 that it
 * connects, 0 that it does not, -1 nothing a test can tell (no host at
 * either end, not TCP, not a service's port, or no service there yet).
 */
int flow_test_expect(const struct model *m, const struct flow *f);
/* What the destination host's inbound rules must do: 1 let it in, 0 not, -1 nothing to say. */
int flow_rule_expect(const struct flow *f);
/* The IP address of a host: its address, or its name when that is one. */
const char *host_ip(const struct host *h);
/* The phase's stable id: "baseline", "dual" or "target". */
const char *plan_phase_id(enum phase phase);
/* The flow's stable id, such as "backend-in". */
const char *flow_kind_id(const struct flow *f);
/* What the flow is for, in the current language. */
const char *flow_purpose(const struct flow *f);
/* The action's stable id: "keep", "add" or "remove". */
const char *flow_action_id(enum flow_action a);
/* When a change is to be made, in the current language; the caller frees it. */
char *flow_when_text(const struct plan *p, enum flow_when w);
/* The moment's stable id: "", "before-install", "after-backoffice" or "at-the-end". */
const char *flow_when_id(enum flow_when w);
/* The heading of a moment's rows: when, on what condition, and what to do; the caller frees it. */
char *flow_moment_heading(const struct plan *p, enum flow_when w);
/* Why a removal leaves its port open, in the current language; the caller frees it. */
char *flow_port_stays_text(const struct plan *p, const struct flow *f);
/* "TCP" or "UDP". */
const char *flow_proto_id(enum proto p);
/* The note shown when a backend is alone on its host, in the current language. */
const char *plan_table_note(const struct plan *p);
/* The name of the inbound rule the installer creates for a flow, or NULL. */
const char *flow_installer_rule(const struct flow *f);
/* That rule's name as Windows Defender Firewall shows it (the guide's screenshots), or NULL. */
const char *flow_installer_shown(const struct flow *f);

#endif
