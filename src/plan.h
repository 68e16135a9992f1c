/*
 * The firewall plan: the flows SES Evolution needs, per host, before
 * (2.6), during (both side by side) and after (2.7.1) the migration, from
 * the port table of the vendor's migration guide.
 */
#ifndef SES_PLAN_H
#define SES_PLAN_H

#include <stddef.h>

#include "model.h"

enum phase { PHASE_BASELINE, PHASE_DUAL, PHASE_TARGET };

/* The rows of the guide's port table, in its order. */
enum flow_kind {
	FLOW_BACKEND_IN,	/* consoles, agent handlers -> backend */
	FLOW_API_IN,		/* SIEM/SOAR -> backend, public API */
	FLOW_UPDATE_OUT,	/* backend -> Stormshield policy update server */
	FLOW_SQL_OUT,		/* backend -> SQL Server */
	FLOW_SYSLOG_OUT,	/* agent handler -> syslog server */
	FLOW_MSRPC_IN,		/* agents below 2.7.1 -> agent handler */
	FLOW_HTTPS_IN,		/* agents at 2.7.1 -> agent handler */
	FLOW_KINDS
};

enum flow_action { ACTION_KEEP, ACTION_ADD, ACTION_REMOVE };

/* When a flow changes: with 2.7.1's arrival, after the backoffice, at the end. */
enum flow_when { WHEN_ALWAYS, WHEN_BEFORE_INSTALL, WHEN_AFTER_BACKOFFICE,
    WHEN_AT_END };

enum proto { PROTO_TCP, PROTO_UDP };

struct flow {
	enum flow_kind		 kind;
	const char		*source;	/* a host name, or agents, siem, update-server */
	const char		*destination;
	const struct host	*src_host;	/* NULL for an external end */
	const struct host	*dst_host;
	enum proto		 proto;
	unsigned		 port;
	int			 in_baseline;	/* open in 2.6 */
	int			 in_target;	/* open in 2.7.1 */
	enum flow_action	 action;	/* for the phase asked */
	enum flow_when		 when;
	int			 by_installer;	/* inbound rule the SES installer creates */
};

struct plan {
	enum phase	 phase;
	struct flow	*v;
	size_t		 n;
	int		 separated;	/* some backend without an agent handler: see note */
	int		 no_sql;	/* no SQL Server host declared */
	int		 no_syslog;	/* no syslog server declared */
};

void plan_build(const struct model *m, enum phase phase, int changes,
    const char *host, struct plan *out);
void plan_free(struct plan *p);
int plan_phase_parse(const char *s, enum phase *phase);
enum phase plan_phase_now(const struct model *m);
const char *host_ip(const struct host *h);
const char *plan_phase_id(enum phase phase);
const char *flow_kind_id(enum flow_kind kind);
const char *flow_purpose(enum flow_kind kind);
const char *flow_action_id(enum flow_action a);
const char *flow_when_text(enum flow_when w);
const char *flow_proto_id(enum proto p);
const char *plan_table_note(void);
const char *flow_installer_rule(const struct flow *f);

#endif
