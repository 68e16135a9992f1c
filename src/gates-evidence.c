/*
 * The firewall items that a host's collected evidence can prove: the
 * rules the plan of a phase needs present and enabled (or gone), and the
 * connections it needs made (or refused), read from what the collector
 * found on each host.  A host without evidence is vouched for by the
 * operator's tick, as before evidence existed; a host with evidence is
 * judged by it, whatever was ticked, and every finding names the file and
 * the time it relied on.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clock.h"
#include "gates-int.h"
#include "host-rules.h"
#include "i18n.h"
#include "model.h"
#include "plan.h"
#include "strmap.h"
#include "xalloc.h"

/* Whether the item looks at this flow of its phase's plan. */
static int
selected(const struct item_def *it, const struct flow *f)
{
	return (it->fw_actions & (1u << f->action)) &&
	    (it->fw_whens == 0 || (it->fw_whens & (1u << f->when)));
}

/* Whether the plan gives the host a rule or a test the item looks at. */
static int
concerned(const struct model *m, const struct item_def *it, const struct plan *p,
    const struct host *h)
{
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];

		if (!selected(it, f))
			continue;
		if ((f->dst_host == h && flow_rule_expect(f) >= 0) ||
		    (f->src_host == h && flow_test_expect(m, f) >= 0))
			return 1;
	}
	return 0;
}

/* What the evidence of one host shows against the plan, fault by fault. */
struct faults {
	struct names	 missing;	/* no enabled rule lets the flow in */
	struct names	 blocked;	/* an enabled Block rule stops a flow to open */
	struct names	 open;		/* a rule still lets in a flow to close */
	struct names	 untested;	/* no test of a connection to make or refuse */
	struct names	 failed;	/* a connection to make did not */
	struct names	 answered;	/* a connection to refuse did not refuse */
};

/* "TCP 80 from agents", "TCP 81 to srv": a flow as a fault names it. */
static void
said(struct names *s, const struct flow *f, int from)
{
	char *t = xasprintf(from ? _("%s %u from %s") : _("%s %u to %s"),
	    flow_proto_id(f->proto), f->port, from ? f->source : f->destination);

	names_add(s, t);
	free(t);
}

static void
judge(const struct model *m, const struct item_def *it, const struct plan *p,
    const struct host *h, struct faults *x)
{
	int updated = m->steps[m->mig->update_step].status == STATUS_DONE;

	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];
		int want;

		if (!selected(it, f))
			continue;
		if (f->dst_host == h && (want = flow_rule_expect(f)) >= 0) {
			enum rule_verdict v = host_rules_verdict(h->evidence_rules, 1, f->proto, f->port);

			if (v == RULE_BLOCKED && want)
				said(&x->blocked, f, 1);
			/* The installer creates its rule when it installs the target: none before is right. */
			else if (v == RULE_NONE && want && !(f->by_installer && !f->in_baseline && !updated))
				said(&x->missing, f, 1);
			else if (v == RULE_ALLOWED && !want)
				said(&x->open, f, 1);
		}
		if (f->src_host == h && (want = flow_test_expect(m, f)) >= 0) {
			int got = host_tests_result(h->evidence_tests, f->dst_host->name, f->port);

			if (got < 0)
				said(&x->untested, f, 0);
			else if (got != want)
				said(want ? &x->failed : &x->answered, f, 0);
		}
	}
}

/* How each kind of fault is said: the host, its evidence's time and file, then the flows. */
static const struct {
	const char	*code;
	size_t		 offset;
	const char	*one;		/* NP_() */
	const char	*many;
	const char	*remedy;	/* N_() */
} fault_texts[] = {
	{ "rule-missing", offsetof(struct faults, missing),
	  NP_("The evidence collected on %s at %s (%s) shows no enabled inbound rule for this flow: %s.",
	  "The evidence collected on %s at %s (%s) shows no enabled inbound rule for these flows: %s."),
	  N_("Add or enable the rule on that host, then collect its evidence again.") },
	{ "rule-blocking", offsetof(struct faults, blocked),
	  NP_("The evidence collected on %s at %s (%s) shows an enabled Block rule stopping this flow: %s.",
	  "The evidence collected on %s at %s (%s) shows enabled Block rules stopping these flows: %s."),
	  N_("Remove or disable the Block rule on that host: Windows Defender Firewall lets no Allow rule override it. Then collect its evidence again.") },
	{ "rule-open", offsetof(struct faults, open),
	  NP_("The evidence collected on %s at %s (%s) shows an enabled inbound rule still letting in this flow: %s.",
	  "The evidence collected on %s at %s (%s) shows enabled inbound rules still letting in these flows: %s."),
	  N_("Remove or disable the rule on that host, then collect its evidence again.") },
	{ "untested", offsetof(struct faults, untested),
	  NP_("The evidence collected on %s at %s (%s) has no connection test of this flow: %s.",
	  "The evidence collected on %s at %s (%s) has no connection test of these flows: %s."),
	  N_("The collector was generated for another phase of the migration: generate it again (ses-migrate collect) and run it on that host.") },
	{ "test-failed", offsetof(struct faults, failed),
	  NP_("The evidence collected on %s at %s (%s) shows this connection failing: %s.",
	  "The evidence collected on %s at %s (%s) shows these connections failing: %s."),
	  N_("Open the flow on the firewalls between the hosts, then collect the evidence again.") },
	{ "test-answered", offsetof(struct faults, answered),
	  NP_("The evidence collected on %s at %s (%s) shows this connection still answering: %s.",
	  "The evidence collected on %s at %s (%s) shows these connections still answering: %s."),
	  N_("Close the flow, then collect the evidence again.") },
};

/* The code of a finding of the item being judged: "new-rules.SUFFIX", under its step. */
static char *
item_code(const struct gate_ctx *g, const char *suffix)
{
	const char *id = g->m->mig->items[g->item].id, *dot = strchr(id, '.');

	return xasprintf("%s.%s", dot != NULL ? dot + 1 : id, suffix);
}

/* One finding per kind of fault of the host; whether there was any. */
static int
report(const struct gate_ctx *g, const struct host *h, struct faults *x)
{
	int any = 0;

	for (size_t k = 0; k < sizeof(fault_texts) / sizeof(fault_texts[0]); k++) {
		struct names *s = (struct names *)((char *)x + fault_texts[k].offset);
		struct finding *f;
		char *code;

		if (s->n == 0)
			continue;
		code = item_code(g, fault_texts[k].code);
		f = gate_finding(g, code, SEV_ERROR, fault_texts[k].one, fault_texts[k].many, s->n);
		free(code);
		finding_arg(f, h->name);
		finding_arg(f, h->evidence_at);
		finding_arg(f, h->evidence_file != NULL ? h->evidence_file : "?");
		finding_arg(f, NULL);
		finding_remedy(f, fault_texts[k].remedy, NULL, NULL);
		finding_fix(f, FIX_COLLECT, h->name);
		finding_take_subjects(f, s);
		any = 1;
	}
	return any;
}

static void
faults_free(struct faults *x)
{
	names_free(&x->missing);
	names_free(&x->blocked);
	names_free(&x->open);
	names_free(&x->untested);
	names_free(&x->failed);
	names_free(&x->answered);
}

/* "ah2 (FILE, TIME)": what a note says the gate relied on. */
static void
relied_on(struct names *s, const struct host *h)
{
	char *t = xasprintf("%s (%s, %s)", h->name,
	    h->evidence_file != NULL ? h->evidence_file : "?", h->evidence_at);

	names_add(s, t);
	free(t);
}

void
gate_firewall(const struct gate_ctx *g)
{
	const struct model *m = g->m;
	const struct item_def *it = &m->mig->items[g->item];
	int done = m->steps[g->step].status == STATUS_DONE;
	struct names uncovered = { 0 }, relied = { 0 };
	struct finding *f;
	struct plan p;
	int faulty = 0;

	plan_build(m, it->fw_phase, 0, NULL, &p);
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];
		struct faults x;

		if (!(h->roles & it->roles) || !concerned(m, it, &p, h))
			continue;
		if (h->evidence_at == NULL) {
			names_add(&uncovered, h->name);
			continue;
		}
		/* A done step is judged as of its completion: later evidence is of a later stage. */
		if (done && time_parse(h->evidence_at) > g->now)
			continue;
		memset(&x, 0, sizeof(x));
		judge(m, it, &p, h, &x);
		if (report(g, h, &x))
			faulty = 1;
		else
			relied_on(&relied, h);
		faults_free(&x);
	}
	plan_free(&p);
	if (m->marks[g->item].at == NULL && (uncovered.n > 0 || (relied.n == 0 && !faulty))) {
		if (relied.n == 0 && !faulty) {
			/* No evidence at all: a tick like any other. */
			f = gate_finding(g, NULL, SEV_ERROR, N_("Not confirmed yet: %s."), NULL, 1);
			finding_arg_text(f, it->label);
		} else {
			f = gate_finding(g, NULL, SEV_ERROR,
			    NP_("Not confirmed yet: %s; no evidence was collected on this host: %s.",
			    "Not confirmed yet: %s; no evidence was collected on these hosts: %s."), uncovered.n);
			finding_arg_text(f, it->label);
			finding_arg(f, NULL);
			finding_take_subjects(f, &uncovered);
		}
		finding_fix(f, FIX_CONFIRM, it->id);
	}
	if (relied.n > 0) {
		char *code = item_code(g, "evidence");

		f = gate_finding(g, code, SEV_WARNING,
		    NP_("Judged from the evidence collected on this host: %s.",
		    "Judged from the evidence collected on these hosts: %s."), relied.n);
		finding_arg(f, NULL);
		finding_take_subjects(f, &relied);
		free(code);
	}
	names_free(&uncovered);
	names_free(&relied);
}

/* Whether the host's versions are the evidence's: nothing was done to the host since. */
static int
from_evidence(const struct model *m, const struct host *h)
{
	size_t i;

	return h->evidence_at != NULL &&
	    model_latest_event(m, h->name, &i) &&
	    strcmp(m->events[i].code, "evidence") == 0;
}

void
gate_evidence_note(const struct gate_ctx *g, unsigned roles)
{
	struct names relied = { 0 };
	struct finding *f;
	char *code;

	for (size_t i = 0; i < g->m->nhosts; i++) {
		const struct host *h = &g->m->hosts[i];

		if ((h->roles & roles) && from_evidence(g->m, h))
			relied_on(&relied, h);
	}
	if (relied.n == 0)
		return;
	code = item_code(g, "evidence");
	f = gate_finding(g, code, SEV_WARNING,
	    NP_("The versions of this host are those collected on it: %s.",
	    "The versions of these hosts are those collected on them: %s."), relied.n);
	free(code);
	finding_arg(f, NULL);
	finding_take_subjects(f, &relied);
}
