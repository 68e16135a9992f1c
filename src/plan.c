/*
 * The port table of the migration guide, turned into flows between the
 * hosts of this environment.
 *
 * Per the table: a backend listens on TCP 8443 in 2.7.1 when its host also
 * holds an agent handler, and keeps TCP 443 otherwise; agents reach agent
 * handlers on TCP 443 (new) and, until every agent runs 2.7.1, TCP 17000.
 * The guide's Windows Defender Firewall section asks for outbound 8443 in
 * both layouts; the table, which is the more precise, says 443 for separate
 * hosts, and that is what the plan follows (plan_table_note says so).
 *
 * Flows between two roles of the same host do not cross any firewall and
 * are left out.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plan.h"
#include "validate.h"
#include "xalloc.h"

#define TCP(p)	(((unsigned)PROTO_TCP << 16) | (p))
#define UDP(p)	(((unsigned)PROTO_UDP << 16) | (p))

static const char *const kind_ids[FLOW_KINDS] = {
	"backend-in", "api-in", "update-out", "sql-out", "syslog-out",
	"msrpc-in", "https-in",
};

static const char *const purposes[FLOW_KINDS] = {
	N_("Consoles and agent handlers to the backend"),
	N_("Public API (SIEM/SOAR clients)"),
	N_("Stormshield policy update server"),
	N_("SQL Server database (default ports)"),
	N_("Syslog (ports set per agent handler group)"),
	N_("Agents below 2.7.1 (MSRPC)"),
	N_("Agents at 2.7.1 or later (HTTPS)"),
};

const char *
flow_kind_id(enum flow_kind kind)
{
	return kind_ids[kind];
}

const char *
flow_purpose(enum flow_kind kind)
{
	return _(purposes[kind]);
}

const char *
flow_action_id(enum flow_action a)
{
	static const char *const ids[] = { "keep", "add", "remove" };

	return ids[a];
}

const char *
flow_proto_id(enum proto p)
{
	return p == PROTO_TCP ? "TCP" : "UDP";
}

const char *
flow_when_text(enum flow_when w)
{
	switch (w) {
	case WHEN_BEFORE_INSTALL:
		return _("before installing 2.7.1");
	case WHEN_AFTER_BACKOFFICE:
		return _("after the backoffice update");
	case WHEN_AT_END:
		return _("at the very end (every agent at 2.7.1)");
	default:
		return "";
	}
}

const char *
plan_table_note(void)
{
	return _("Where backend and agent handler are on different machines, consoles and agent handlers keep reaching the backend on TCP 443: the guide's port table says so, although its Windows Defender Firewall section mentions TCP 8443 for both layouts. This plan follows the table.");
}

static const char *const phase_ids[] = { "baseline", "dual", "target" };

int
plan_phase_parse(const char *s, enum phase *phase)
{
	for (int i = 0; i < 3; i++) {
		if (strcmp(s, phase_ids[i]) == 0) {
			*phase = (enum phase)i;
			return 0;
		}
	}
	return -1;
}

/*
 * The phase that matters now: the final one from closing port 17000 on,
 * even if a deferred step is finished after it.
 */
enum phase
plan_phase_now(const struct model *m)
{
	return model_current_step(m) == STEP_CLOSE_17000 ||
	    m->steps[STEP_CLOSE_17000].status == STATUS_DONE ? PHASE_TARGET : PHASE_DUAL;
}

/* The IP address of a host: its address, or its name when that is one. */
const char *
host_ip(const struct host *h)
{
	if (h->address != NULL && valid_ip_literal(h->address))
		return h->address;
	return valid_ip_literal(h->name) ? h->name : NULL;
}

const char *
plan_phase_id(enum phase phase)
{
	return phase_ids[phase];
}

/*
 * The name of the inbound rule the SES Evolution installer creates for a
 * flow on its destination host, or NULL when it creates none (outbound
 * rules, or hosts that are neither backend nor agent handler).
 */
const char *
flow_installer_rule(const struct flow *f)
{
	switch (f->kind) {
	case FLOW_BACKEND_IN:
		return "Stormshield Endpoint Security Evolution Backend (TCP-In)";
	case FLOW_API_IN:
		return "Stormshield Endpoint Security Evolution Public API (TCP-In)";
	case FLOW_MSRPC_IN:
	case FLOW_HTTPS_IN:
		return "Stormshield Endpoint Security Evolution Agent Handler (TCP-In)";
	default:
		return NULL;
	}
}

static void
add(struct plan *p, enum flow_kind kind, const struct host *src,
    const char *src_name, const struct host *dst, const char *dst_name,
    unsigned port, int in_baseline, int in_target)
{
	struct flow *f;

	/* The same flow from another table row (or the other phase) merges. */
	for (size_t i = 0; i < p->n; i++) {
		f = &p->v[i];
		if (f->kind == kind && strcmp(f->source, src_name) == 0 &&
		    strcmp(f->destination, dst_name) == 0 &&
		    f->proto == (enum proto)(port >> 16) && f->port == (port & 0xffff)) {
			f->in_baseline |= in_baseline;
			f->in_target |= in_target;
			return;
		}
	}
	p->v = xreallocarray(p->v, p->n + 1, sizeof(*p->v));
	f = &p->v[p->n++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->source = src_name;
	f->destination = dst_name;
	f->src_host = src;
	f->dst_host = dst;
	f->proto = (enum proto)(port >> 16);
	f->port = port & 0xffff;
	f->in_baseline = in_baseline;
	f->in_target = in_target;
	f->by_installer = flow_installer_rule(f) != NULL;
}

static int
colocated(const struct host *h)
{
	return (h->roles & ROLE_BACKEND) && (h->roles & ROLE_AGENT_HANDLER);
}

/* Add one flow per port of a "tcp/1433,udp/1434" list. */
static void
add_ports(struct plan *p, enum flow_kind kind, const struct host *src,
    const struct host *dst, const char *list)
{
	char *copy = xstrdup(list), *save = NULL;

	for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		unsigned port = (unsigned)strtoul(t + 4, NULL, 10);

		add(p, kind, src, src->name, dst, dst->name,
		    strncmp(t, "udp/", 4) == 0 ? UDP(port) : TCP(port), 1, 1);
	}
	free(copy);
}

/* Every flow of the guide's table between the hosts of this environment. */
static void
all_flows(const struct model *m, struct plan *p)
{
	for (size_t b = 0; b < m->nhosts; b++) {
		const struct host *be = &m->hosts[b];
		unsigned new_port;

		if (!(be->roles & ROLE_BACKEND))
			continue;
		new_port = colocated(be) ? 8443 : 443;
		if (!colocated(be))
			p->separated = 1;
		for (size_t s = 0; s < m->nhosts; s++) {
			const struct host *src = &m->hosts[s];

			if (src == be || !(src->roles & (ROLE_CONSOLE | ROLE_AGENT_HANDLER)))
				continue;
			add(p, FLOW_BACKEND_IN, src, src->name, be, be->name, TCP(443), 1, 0);
			add(p, FLOW_BACKEND_IN, src, src->name, be, be->name, TCP(new_port), 0, 1);
		}
		add(p, FLOW_API_IN, NULL, "siem", be, be->name, TCP(10443), 1, 1);
		add(p, FLOW_UPDATE_OUT, be, be->name, NULL, "update-server", TCP(443), 1, 1);
		for (size_t d = 0; d < m->nhosts; d++) {
			const struct host *sql = &m->hosts[d];

			if (sql != be && (sql->roles & ROLE_SQL))
				add_ports(p, FLOW_SQL_OUT, be, sql, sql->sql_ports != NULL ?
				    sql->sql_ports : "tcp/1433,tcp/1434,udp/1434");
		}
	}
	for (size_t a = 0; a < m->nhosts; a++) {
		const struct host *ah = &m->hosts[a];

		if (!(ah->roles & ROLE_AGENT_HANDLER))
			continue;
		for (size_t d = 0; d < m->nhosts; d++) {
			const struct host *sys = &m->hosts[d];

			if (sys != ah && (sys->roles & ROLE_SYSLOG))
				add_ports(p, FLOW_SYSLOG_OUT, ah, sys, sys->syslog_ports != NULL ?
				    sys->syslog_ports : "tcp/1468,udp/514,tcp/5614");
		}
		add(p, FLOW_MSRPC_IN, NULL, "agents", ah, ah->name, TCP(17000), 1, 0);
		add(p, FLOW_HTTPS_IN, NULL, "agents", ah, ah->name, TCP(443), 0, 1);
	}
}

static int
flow_cmp(const void *a, const void *b)
{
	const struct flow *x = a, *y = b;
	int c;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->destination, y->destination)) != 0)
		return c;
	if ((c = strcmp(x->source, y->source)) != 0)
		return c;
	if (x->proto != y->proto)
		return x->proto < y->proto ? -1 : 1;
	return x->port < y->port ? -1 : x->port > y->port;
}

/* Whether the flow is to be listed in this phase, and with which action. */
static int
judge(struct flow *f, enum phase phase)
{
	f->when = WHEN_ALWAYS;
	switch (phase) {
	case PHASE_BASELINE:
		f->action = ACTION_KEEP;
		return f->in_baseline;
	case PHASE_DUAL:
		/* Everything 2.6 had stays open while 2.7.1's flows are added. */
		f->action = f->in_baseline ? ACTION_KEEP : ACTION_ADD;
		if (f->action == ACTION_ADD)
			f->when = WHEN_BEFORE_INSTALL;
		return 1;
	default:
		if (f->in_target) {
			f->action = f->in_baseline ? ACTION_KEEP : ACTION_ADD;
			if (f->action == ACTION_ADD)
				f->when = WHEN_BEFORE_INSTALL;
		} else {
			f->action = ACTION_REMOVE;
			f->when = f->kind == FLOW_MSRPC_IN ? WHEN_AT_END :
			    WHEN_AFTER_BACKOFFICE;
		}
		return 1;
	}
}

/*
 * The flows of a phase, in the table's order.  changes leaves out those
 * already open (keep); host keeps only the flows from or to that host.
 */
void
plan_build(const struct model *m, enum phase phase, int changes,
    const char *host, struct plan *out)
{
	struct plan all = { 0 };
	size_t n = 0;

	all_flows(m, &all);
	memset(out, 0, sizeof(*out));
	out->phase = phase;
	out->separated = all.separated;
	out->no_sql = 1;
	out->no_syslog = 1;
	for (size_t i = 0; i < m->nhosts; i++) {
		if (m->hosts[i].roles & ROLE_SQL)
			out->no_sql = 0;
		if (m->hosts[i].roles & ROLE_SYSLOG)
			out->no_syslog = 0;
	}
	for (size_t i = 0; i < all.n; i++) {
		struct flow *f = &all.v[i];

		if (!judge(f, phase) || (changes && f->action == ACTION_KEEP))
			continue;
		if (host != NULL && strcasecmp(f->source, host) != 0 &&
		    strcasecmp(f->destination, host) != 0)
			continue;
		all.v[n++] = *f;
	}
	out->v = all.v;
	out->n = n;
	if (out->n > 0)
		qsort(out->v, out->n, sizeof(*out->v), flow_cmp);
}

void
plan_free(struct plan *p)
{
	if (p == NULL)
		return;
	free(p->v);
	memset(p, 0, sizeof(*p));
}
