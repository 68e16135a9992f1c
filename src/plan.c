/*
 * The migration's port table, turned into flows between the hosts of this
 * environment.  Each row gives the ports of one flow and the versions they
 * are open in; a flow runs from the hosts holding its source roles (or an
 * external end, such as the agents) to those holding its destination
 * roles, for each pair of distinct hosts.  Flows between two roles of the
 * same host do not cross any firewall and are left out.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "plan.h"
#include "validate.h"
#include "xalloc.h"

const char *
flow_kind_id(const struct flow *f)
{
	return f->def->id;
}

const char *
flow_purpose(const struct flow *f)
{
	return _(f->def->purpose);
}

const char *
flow_installer_rule(const struct flow *f)
{
	return f->def->installer_rule;
}

const char *
flow_installer_shown(const struct flow *f)
{
	return f->def->installer_shown;
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

char *
flow_when_text(const struct plan *p, enum flow_when w)
{
	switch (w) {
	case WHEN_BEFORE_INSTALL:
		return xasprintf(_("before installing %s"), p->mig->to_version);
	case WHEN_AFTER_BACKOFFICE:
		return xasprintf(_("once every backoffice component, consoles included, runs %s"),
		    p->mig->to_version);
	case WHEN_AT_END:
		return xasprintf(_("at the very end, once every agent runs %s"), p->mig->to_version);
	default:
		return xstrdup("");
	}
}

const char *
flow_when_id(enum flow_when w)
{
	static const char *const ids[WHEN_COUNT] = { "", "before-install",
	    "after-backoffice", "at-the-end" };

	return ids[w];
}

/*
 * The guide's condition for each moment, said once above its rows: a team
 * that applies a change request in one go must see that the last rows wait.
 */
char *
flow_moment_heading(const struct plan *p, enum flow_when w)
{
	const char *to = p->mig->to_version, *from = p->mig->from_series;

	switch (w) {
	case WHEN_BEFORE_INSTALL:
		return xasprintf(_("Before installing %s on the backoffice: add these rules."), to);
	case WHEN_AFTER_BACKOFFICE:
		return xasprintf(_("Only once every backoffice component, administration consoles included, runs %s: remove these rules. Consoles still on %s would lose contact with their backend."),
		    to, from);
	case WHEN_AT_END:
		return xasprintf(_("Only at the very end, once every agent runs %s and the old protocol is disabled: remove these rules. Until then, agents below %s reach their agent handler only through them."),
		    to, to);
	default:
		return xstrdup(p->phase == PHASE_BASELINE ?
		    _("Open before the migration.") : _("Open already: keep these rules."));
	}
}

char *
flow_port_stays_text(const struct plan *p, const struct flow *f)
{
	(void)p;	/* the signature every one of its kind has */
	/* TRANSLATORS: %4$s is the purpose of the flow that keeps the port open. */
	return xasprintf(_("%1$s %2$u stays open on %3$s for another flow: %4$s. Only this flow's own rule goes; do not close the port."),
	    flow_proto_id(f->proto), f->port, f->destination, _(f->port_stays->purpose));
}

const char *
plan_table_note(const struct plan *p)
{
	return _(p->mig->plan_note);
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

/* Even if a deferred step is finished after it, the final phase holds from then on. */
enum phase
plan_phase_now(const struct model *m)
{
	size_t last = m->mig->irreversible;

	return model_current_step(m) == last || m->steps[last].status == STATUS_DONE ?
	    PHASE_TARGET : PHASE_DUAL;
}

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

static void
add(struct plan *p, size_t kind, const struct host *src, const char *src_name,
    const struct host *dst, const char *dst_name, enum proto proto,
    unsigned port, unsigned open)
{
	struct flow *f;

	/* The same flow from another row of the table merges. */
	for (size_t i = 0; i < p->n; i++) {
		f = &p->v[i];
		if (f->kind == kind && strcmp(f->source, src_name) == 0 &&
		    strcmp(f->destination, dst_name) == 0 && f->proto == proto &&
		    f->port == port) {
			f->in_baseline |= (open & OPEN_BASELINE) != 0;
			f->in_target |= (open & OPEN_TARGET) != 0;
			return;
		}
	}
	p->v = xappend(p->v, p->n, sizeof(*p->v));
	f = &p->v[p->n++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->def = &p->mig->flows[kind];
	f->source = src_name;
	f->destination = dst_name;
	f->src_host = src;
	f->dst_host = dst;
	f->proto = proto;
	f->port = port;
	f->in_baseline = (open & OPEN_BASELINE) != 0;
	f->in_target = (open & OPEN_TARGET) != 0;
	f->by_installer = f->def->installer_rule != NULL;
}

static int
colocated(const struct host *h)
{
	return (h->roles & ROLE_BACKEND) && (h->roles & ROLE_AGENT_HANDLER);
}

/* The ports of a row for this destination: its own, the host's list, or the default. */
static const char *
row_ports(const struct port_row *r, const struct host *dst)
{
	const char *own;

	if (r->ports != NULL)
		return r->ports;
	own = dst != NULL ? *(char *const *)((const char *)dst + r->host_ports) : NULL;
	return own != NULL ? own : r->default_ports;
}

/* One flow per port of a "tcp/N,udp/N" list. */
static void
add_ports(struct plan *p, const struct port_row *r, const struct host *src,
    const char *src_name, const struct host *dst, const char *dst_name)
{
	char *copy = xstrdup(row_ports(r, dst)), *save = NULL;

	for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
		add(p, r->flow, src, src_name, dst, dst_name,
		    strncmp(t, "udp/", 4) == 0 ? PROTO_UDP : PROTO_TCP,
		    (unsigned)strtoul(t + 4, NULL, 10), r->open);
	free(copy);
}

static int
layout_fits(enum layout l, const struct host *dst)
{
	if (l == LAYOUT_ANY || dst == NULL)
		return 1;
	return (l == LAYOUT_COLOCATED) == colocated(dst);
}

/* The sources of a flow to one destination: an external end, or every other host of the roles. */
static void
from_sources(const struct model *m, struct plan *p, const struct port_row *r,
    const struct host *dst, const char *dst_name)
{
	const struct flow_def *fd = &p->mig->flows[r->flow];

	if (fd->from_end >= 0) {
		add_ports(p, r, NULL, p->mig->ends[fd->from_end].name, dst, dst_name);
		return;
	}
	for (size_t s = 0; s < m->nhosts; s++) {
		const struct host *src = &m->hosts[s];

		if (src != dst && (src->roles & fd->from_roles))
			add_ports(p, r, src, src->name, dst, dst_name);
	}
}

/* A row between every source and destination it names. */
static void
row_flows(const struct model *m, struct plan *p, const struct port_row *r)
{
	const struct flow_def *fd = &p->mig->flows[r->flow];

	if (fd->to_end >= 0) {
		from_sources(m, p, r, NULL, p->mig->ends[fd->to_end].name);
		return;
	}
	for (size_t d = 0; d < m->nhosts; d++) {
		const struct host *dst = &m->hosts[d];

		if ((dst->roles & fd->to_roles) && layout_fits(r->layout, dst))
			from_sources(m, p, r, dst, dst->name);
	}
}

static int
flow_cmp(const void *a, const void *b)
{
	const struct flow *x = a, *y = b;
	int c;

	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
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
		/* Everything the old version had stays open while the new flows are added. */
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
			f->when = f->def->flags & FLOW_REMOVED_LAST ? WHEN_AT_END :
			    WHEN_AFTER_BACKOFFICE;
		}
		return 1;
	}
}

/* Whether some flow of the migration goes to hosts with this role. */
static int
flows_reach(const struct migration *mig, unsigned role)
{
	for (size_t i = 0; i < mig->nflows; i++)
		if (mig->flows[i].to_roles & role)
			return 1;
	return 0;
}

void
plan_build(const struct model *m, enum phase phase, int changes,
    const char *host, struct plan *out)
{
	struct plan all;
	size_t n = 0;

	memset(&all, 0, sizeof(all));
	all.mig = m->mig;
	for (size_t r = 0; r < m->mig->nports; r++)
		row_flows(m, &all, &m->mig->ports[r]);
	memset(out, 0, sizeof(*out));
	out->mig = m->mig;
	out->phase = phase;
	/* Missing ends are worth a note only if this migration has flows to them. */
	out->no_sql = flows_reach(m->mig, ROLE_SQL);
	out->no_syslog = flows_reach(m->mig, ROLE_SYSLOG);
	for (size_t i = 0; i < m->nhosts; i++) {
		if ((m->hosts[i].roles & ROLE_BACKEND) && !colocated(&m->hosts[i]))
			out->separated = 1;
		if (m->hosts[i].roles & ROLE_SQL)
			out->no_sql = 0;
		if (m->hosts[i].roles & ROLE_SYSLOG)
			out->no_syslog = 0;
	}
	for (size_t i = 0; i < all.n; i++) {
		struct flow *f = &all.v[i];

		f->listed = judge(f, phase);
		if (f->action != ACTION_REMOVE || f->dst_host == NULL)
			continue;
		/* A port that another flow of the target keeps open on the same host. */
		for (size_t k = 0; k < all.n && f->port_stays == NULL; k++) {
			const struct flow *g = &all.v[k];

			if (g->in_target && g->dst_host == f->dst_host &&
			    g->proto == f->proto && g->port == f->port)
				f->port_stays = g->def;
		}
	}
	for (size_t i = 0; i < all.n; i++) {
		struct flow *f = &all.v[i];

		if (!f->listed || (changes && f->action == ACTION_KEEP))
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

void
plan_build_left(const struct model *m, struct plan *out)
{
	int updated = m->steps[m->mig->update_step].status == STATUS_DONE;
	size_t n = 0;

	plan_build(m, PHASE_TARGET, 1, NULL, out);
	for (size_t i = 0; i < out->n; i++) {
		const struct flow *f = &out->v[i];

		/* Complete, nothing is left; updated, the additions are in place. */
		if (model_complete(m) || (updated && f->when == WHEN_BEFORE_INSTALL))
			continue;
		out->v[n++] = *f;
	}
	out->n = n;
}

void
plan_build_now(const struct model *m, struct plan *out)
{
	int updated = m->steps[m->mig->update_step].status == STATUS_DONE;

	plan_build(m, plan_phase_now(m), 0, NULL, out);
	if (!updated)
		return;
	/* Added before the update, so in place since: nothing left to do for them. */
	for (size_t i = 0; i < out->n; i++)
		if (out->v[i].action == ACTION_ADD && out->v[i].when == WHEN_BEFORE_INSTALL) {
			out->v[i].action = ACTION_KEEP;
			out->v[i].when = WHEN_ALWAYS;
		}
	if (out->n > 0)
		qsort(out->v, out->n, sizeof(*out->v), flow_cmp);
}

int
flow_test_expect(const struct model *m, const struct flow *f)
{
	/* Test-NetConnection tells a connection from none, not a refusal from a drop. */
	if (f->src_host == NULL || f->dst_host == NULL || f->proto != PROTO_TCP ||
	    !(f->def->flags & FLOW_PROBED))
		return -1;
	if (f->action == ACTION_REMOVE)
		return f->port_stays != NULL ? -1 : 0;
	/* A port the target opens has no service behind it before the update. */
	if (!f->in_baseline && m->steps[m->mig->update_step].status != STATUS_DONE)
		return -1;
	return 1;
}

int
flow_rule_expect(const struct flow *f)
{
	if (f->dst_host == NULL)
		return -1;
	if (f->action == ACTION_REMOVE)
		return f->port_stays != NULL ? -1 : 0;
	return 1;
}
