/*
 * The procedure after the prerequisites: order, deferral, reopening, the
 * inventory gates with exclusions, probe waivers, and the re-check of done
 * steps.  Each test starts from a model walked to a given step.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "gates.h"
#include "state.h"
#include "xalloc.h"
#include "ses.h"

#define T0 1782813900		/* 2026-06-30T10:05:00Z */
#define HOUR 3600

static struct actor who = { "alice", T0 };

static void
host(struct model *m, const char *name, const char *roles, const char *v)
{
	struct host_change c = { .roles = roles, .version = v,
	    .aspnetcore = "8.0.11", .desktop = "8.0.11" };
	char *err = NULL;

	if (act_host_add(m, &who, name, &c, &err) != ACT_OK)
		fail_msg("%s", err);
}

static void
set_version(struct model *m, const char *name, const char *v)
{
	struct host_change c = { .version = v };
	char *err = NULL;

	if (act_host_set(m, &who, name, &c, &err) != ACT_OK)
		fail_msg("%s", err);
}

/* Tick every tick item of a step that applies. */
static void
tick_all(struct model *m, int step)
{
	const struct step_def *s = &guide_steps[step];
	char *err = NULL;

	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++)
		if (guide_items[i].kind == ITEM_TICK && guide_item_applies(i, m) &&
		    act_confirm(m, &who, guide_items[i].id, NULL, &err) != ACT_OK)
			fail_msg("%s", err);
}

static void
next_ok(struct model *m)
{
	struct findings f;

	findings_init(&f);
	if (act_next(m, &who, &f) != ACT_OK)
		fail_msg("step %s refused: %s", guide_steps[model_current_step(m)].id,
		    f.n ? message_of(&f.v[0]) : "?");
	findings_free(&f);
}

static enum act_status
next(struct model *m, struct findings *f)
{
	findings_init(f);
	return act_next(m, &who, f);
}

/* An inventory as an import would leave it. */
static void
import(struct model *m, unsigned long total, const char *const *below)
{
	struct inventory inv;

	memset(&inv, 0, sizeof(inv));
	inv.total = total;
	inv.file = xstrdup("agents.csv");
	for (; below != NULL && *below != NULL; below++) {
		inv.below = xreallocarray(inv.below, inv.nbelow + 1, sizeof(*inv.below));
		inv.below[inv.nbelow].name = xstrdup(*below);
		inv.below[inv.nbelow++].version = xstrdup("2.6.4");
	}
	assert_int_equal(act_import(m, &who, &inv, NULL), ACT_OK);
	inventory_free(&inv);
}

/* A model walked up to (not including) the given step. */
static void
walk_to(struct model *m, int stop)
{
	model_init(m);
	who.when = T0;
	host(m, "be1", "backend,agent-handler", "2.6.4");
	host(m, "con1", "console", "2.6.4");
	for (int step = 0; step < stop; step++) {
		who.when += HOUR;
		tick_all(m, step);
		if (step == STEP_BACKOFFICE)
			set_version(m, "be1", "2.7.1");
		if (step == STEP_DEPLOY)
			set_version(m, "con1", "2.7.1.1234");
		if (step == STEP_AGENTS || step == STEP_CLOSE_17000)
			import(m, 10, NULL);
		next_ok(m);
	}
	who.when += HOUR;
}

static void
test_backoffice_gates(void **state)
{
	struct model m;
	struct findings f;
	const struct finding *x;

	walk_to(&m, STEP_BACKOFFICE);
	tick_all(&m, STEP_BACKOFFICE);
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	x = findings_find(&f, "backoffice.not-updated");
	assert_non_null(x);
	assert_int_equal(x->nsubjects, 1);
	assert_string_equal(x->subjects[0], "be1");
	findings_free(&f);
	set_version(&m, "be1", "2.7.1");
	assert_int_equal(next(&m, &f), ACT_OK);
	findings_free(&f);
	model_free(&m);
}

static void
test_deploy_gates(void **state)
{
	struct model m;
	struct findings f;

	walk_to(&m, STEP_DEPLOY);
	tick_all(&m, STEP_DEPLOY);
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	assert_non_null(findings_find(&f, "deploy.console-not-updated"));
	assert_int_equal(f.n, 1);
	findings_free(&f);
	set_version(&m, "con1", "2.7.1");
	assert_int_equal(next(&m, &f), ACT_OK);
	findings_free(&f);
	model_free(&m);
}

/* Steps are completed in order only. */
static void
test_order(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;

	walk_to(&m, STEP_FIREWALL_DUAL);
	/* Everything backoffice needs is there, but firewall-dual is not done. */
	tick_all(&m, STEP_BACKOFFICE);
	set_version(&m, "be1", "2.7.1");
	findings_init(&f);
	assert_int_equal(act_complete(&m, &who, STEP_BACKOFFICE, &f, &err), ACT_INVALID);
	assert_non_null(strstr(err, "backoffice"));
	free(err);
	assert_int_equal(m.steps[STEP_BACKOFFICE].status, STATUS_PENDING);
	findings_free(&f);
	model_free(&m);
}

static void
test_deferral(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;

	walk_to(&m, STEP_LOGS);
	assert_int_equal(act_defer(&m, &who, "policy", "later", &err), ACT_INVALID);
	free(err);
	tick_all(&m, STEP_LOGS);
	next_ok(&m);
	assert_int_equal(act_defer(&m, &who, "logs", "later", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_defer(&m, &who, "policy", "", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_defer(&m, &who, "policy", "change window on Friday", &err), ACT_OK);
	assert_int_equal(model_step_status(&m, STEP_POLICY), STATUS_DEFERRED);
	assert_int_equal(model_current_step(&m), STEP_AGENTS);
	assert_string_equal(m.events[m.nevents - 1].code, "defer");
	assert_string_equal(m.events[m.nevents - 1].reason, "change window on Friday");

	/* The rest of the migration goes on; it is not complete without policy. */
	tick_all(&m, STEP_AGENTS);
	import(&m, 10, NULL);
	next_ok(&m);
	tick_all(&m, STEP_CLOSE_17000);
	next_ok(&m);
	assert_false(model_complete(&m));
	assert_int_equal(model_current_step(&m), STEP_POLICY);
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	assert_non_null(findings_find(&f, "policy.banner-gone"));
	findings_free(&f);
	tick_all(&m, STEP_POLICY);
	assert_int_equal(next(&m, &f), ACT_OK);
	findings_free(&f);
	assert_true(model_complete(&m));
	model_free(&m);
}

/* A deferred step can be completed while a later one is current. */
static void
test_complete_deferred_early(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;

	walk_to(&m, STEP_POLICY);
	assert_int_equal(act_defer(&m, &who, "policy", "later", &err), ACT_OK);
	tick_all(&m, STEP_POLICY);
	findings_init(&f);
	assert_int_equal(act_complete(&m, &who, STEP_POLICY, &f, &err), ACT_OK);
	assert_int_equal(model_step_status(&m, STEP_POLICY), STATUS_DONE);
	assert_int_equal(model_current_step(&m), STEP_AGENTS);
	findings_free(&f);
	model_free(&m);
}

static void
test_reopen(void **state)
{
	struct model m;
	char *err = NULL;
	int bo = guide_item_find("backoffice.procedure");

	walk_to(&m, STEP_LOGS);
	assert_int_equal(act_reopen(&m, &who, "backoffice", NULL, &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_reopen(&m, &who, "logs", "why", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_reopen(&m, &who, "backoffice", "agent handler reinstalled", &err), ACT_OK);
	assert_int_equal(model_current_step(&m), STEP_BACKOFFICE);
	assert_int_equal(model_step_status(&m, STEP_DEPLOY), STATUS_PENDING);
	assert_int_equal(model_step_status(&m, STEP_FIREWALL_DUAL), STATUS_DONE);
	/* Confirmations stay: the step completes again once its gates pass. */
	assert_non_null(m.marks[bo].at);
	assert_string_equal(m.events[m.nevents - 1].code, "reopen");
	next_ok(&m);
	model_free(&m);
}

static void
test_agents_gate(void **state)
{
	static const char *const late[] = { "pc-01", "PC-02", NULL };
	struct model m;
	struct findings f;
	const struct finding *x;
	char *err = NULL;
	struct inventory inv;

	walk_to(&m, STEP_AGENTS);
	tick_all(&m, STEP_AGENTS);
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	assert_non_null(findings_find(&f, "agents.no-inventory"));
	findings_free(&f);

	/* An inventory taken before the backoffice update proves nothing. */
	import(&m, 10, NULL);
	set_string(&m.inventory.imported_at, "2026-06-30T10:05:00Z");
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	assert_non_null(findings_find(&f, "agents.inventory-before-backoffice"));
	findings_free(&f);

	import(&m, 10, late);
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	x = findings_find(&f, "agents.below-target");
	assert_non_null(x);
	assert_int_equal(x->nsubjects, 2);
	assert_non_null(strstr(message_of(x), "pc-01, PC-02"));
	findings_free(&f);

	/* Exclusions go one by one, each with a reason. */
	assert_int_equal(act_exclude(&m, &who, "pc-01", NULL, &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_exclude(&m, &who, "pc-01", "decommissioned, ticket 4411", &err), ACT_OK);
	assert_int_equal(act_exclude(&m, &who, "PC-01", "again", &err), ACT_INVALID);
	free(err);
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	x = findings_find(&f, "agents.below-target");
	assert_int_equal(x->nsubjects, 1);
	assert_string_equal(x->subjects[0], "PC-02");
	findings_free(&f);
	assert_int_equal(act_exclude(&m, &who, "pc-02", "stolen laptop", &err), ACT_OK);

	/* An unreadable row never counts as migrated. */
	memset(&inv, 0, sizeof(inv));
	inv.total = 3;
	inv.unreadable = xcalloc(1, sizeof(*inv.unreadable));
	inv.unreadable[0].line = 7;
	inv.unreadable[0].name = xstrdup("pc-07");
	inv.nunreadable = 1;
	assert_int_equal(act_import(&m, &who, &inv, NULL), ACT_OK);
	inventory_free(&inv);
	assert_int_equal(m.nexclusions, 2);
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	x = findings_find(&f, "agents.unreadable");
	assert_non_null(x);
	assert_non_null(strstr(message_of(x), "pc-07 (line 7)"));
	findings_free(&f);
	assert_int_equal(act_exclude(&m, &who, "pc-07", "wiped", &err), ACT_OK);
	assert_int_equal(next(&m, &f), ACT_OK);
	findings_free(&f);
	model_free(&m);
}

static void
test_close_gate(void **state)
{
	static const char *const late[] = { "pc-09", NULL };
	struct model m;
	struct findings f;

	walk_to(&m, STEP_CLOSE_17000);
	tick_all(&m, STEP_CLOSE_17000);
	/* The inventory of the agents step is now 2 hours old: fine (24 h). */
	findings_init(&f);
	gates_eval(&m, STEP_CLOSE_17000, who.when, &f);
	assert_int_equal(findings_errors(&f), 0);
	findings_free(&f);

	findings_init(&f);
	gates_eval(&m, STEP_CLOSE_17000, who.when + 25 * HOUR, &f);
	assert_non_null(findings_find(&f, "close-17000.inventory-stale"));
	findings_free(&f);

	import(&m, 10, late);
	set_version(&m, "con1", "2.6.4");
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	assert_non_null(findings_find(&f, "close-17000.below-target"));
	assert_non_null(findings_find(&f, "close-17000.backoffice-not-updated"));
	findings_free(&f);
	model_free(&m);
}

static void
test_probe_waiver(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;
	int probe = guide_item_find("firewall-dual.probe");
	const struct finding *x;

	walk_to(&m, STEP_FIREWALL_DUAL);
	tick_all(&m, STEP_FIREWALL_DUAL);
	assert_int_equal(act_waive(&m, &who, "firewall-dual.probe", "x", &err), ACT_INVALID);
	free(err);
	m.evidence[probe].at = xstrdup("2026-06-30T12:00:00Z");
	m.evidence[probe].verdict = VERDICT_FAIL;
	m.evidence[probe].failed = xstrdup("be1:443");
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	x = findings_find(&f, "firewall-dual.probe-failed");
	assert_non_null(x);
	assert_non_null(strstr(message_of(x), "be1:443"));
	findings_free(&f);

	/* Versions, inventories and ticks are never waived. */
	assert_int_equal(act_waive(&m, &who, "backoffice.updated", "x", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_waive(&m, &who, "firewall-dual.new-rules", "x", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_waive(&m, &who, "firewall-dual.probe", "", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_waive(&m, &who, "firewall-dual.probe",
	    "console in another VLAN, checked from the agent handler", &err), ACT_OK);
	assert_string_equal(m.events[m.nevents - 1].code, "waive");
	assert_int_equal(next(&m, &f), ACT_OK);
	assert_non_null(findings_find(&f, "firewall-dual.probe-waived"));
	findings_free(&f);
	model_free(&m);
}

/* A done step whose data changed is flagged; time-bound gates are not. */
static void
test_recheck(void **state)
{
	struct model m, back;
	struct findings f;
	struct buf b;
	char *err = NULL;

	walk_to(&m, STEP_COUNT);
	assert_true(model_complete(&m));
	for (int i = 0; i < STEP_COUNT; i++) {
		findings_init(&f);
		/* Days later the inventory is old, but it was fresh at completion. */
		assert_false(gates_flagged(&m, i, who.when + 240 * HOUR, &f));
		findings_free(&f);
	}

	/* Someone records that an agent handler went back to 2.6: reload and see. */
	set_version(&m, "be1", "2.6.4");
	buf_init(&b);
	state_serialize(&m, &b, NULL);
	model_init(&back);
	if (state_parse("t.ini", b.data, b.len, &back, &err) != STATE_OK)
		fail_msg("%s", err);
	findings_init(&f);
	assert_true(gates_flagged(&back, STEP_BACKOFFICE, who.when, &f));
	assert_non_null(findings_find(&f, "backoffice.not-updated"));
	findings_free(&f);
	findings_init(&f);
	assert_true(gates_flagged(&back, STEP_CLOSE_17000, who.when, &f));
	findings_free(&f);
	findings_init(&f);
	assert_false(gates_flagged(&back, STEP_LOGS, who.when, &f));
	findings_free(&f);
	/* A confirmation taken back flags its step too. */
	assert_int_equal(act_unconfirm(&back, &who, "logs.agent-logs", &err), ACT_OK);
	findings_init(&f);
	assert_true(gates_flagged(&back, STEP_LOGS, who.when, &f));
	findings_free(&f);
	buf_free(&b);
	model_free(&m);
	model_free(&back);
}

/*
 * No step is completed while an earlier done step no longer holds: the
 * step says which, then what that one lists, and how to put it right.
 */
static void
test_earlier_flagged(void **state)
{
	struct model m;
	struct findings f;
	const struct finding *x;

	walk_to(&m, STEP_LOGS);
	tick_all(&m, STEP_LOGS);
	/* An agent handler recorded back at 2.6 after the backoffice step. */
	set_version(&m, "be1", "2.6.4");
	assert_int_equal(next(&m, &f), ACT_REFUSED);
	x = findings_find(&f, "backoffice.no-longer-holds");
	assert_non_null(x);
	assert_int_equal(x->severity, SEV_ERROR);
	assert_int_equal(x->fix, FIX_REOPEN);
	assert_string_equal(x->fix_arg, "backoffice");
	assert_ptr_equal(x, &f.v[0]);
	assert_non_null(findings_find(&f, "backoffice.not-updated"));
	assert_int_equal(findings_errors(&f), 2);
	assert_int_equal(model_current_step(&m), STEP_LOGS);
	findings_free(&f);
	/* A done step is judged on its own gates alone, not on the earlier one's. */
	findings_init(&f);
	assert_false(gates_flagged(&m, STEP_DEPLOY, who.when, &f));
	findings_free(&f);
	/* Put right, the step goes. */
	set_version(&m, "be1", "2.7.1");
	assert_int_equal(next(&m, &f), ACT_OK);
	findings_free(&f);
	model_free(&m);
}

/*
 * What a flagged earlier step lists and the current step's own gates say
 * too (no console: the prerequisites and the deployment both need one) is
 * said once, under the current step's code, whose item it blocks.
 */
static void
test_flagged_said_once(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;
	size_t consoles = 0;

	walk_to(&m, STEP_DEPLOY);
	assert_int_equal(act_host_remove(&m, &who, "con1", &err), ACT_OK);
	findings_init(&f);
	gates_eval(&m, STEP_DEPLOY, who.when, &f);
	assert_non_null(findings_find(&f, "prerequisites.no-longer-holds"));
	assert_non_null(findings_find(&f, "deploy.no-console"));
	assert_null(findings_find(&f, "prerequisites.no-console"));
	for (size_t i = 0; i < f.n; i++)
		consoles += strstr(f.v[i].gate, "no-console") != NULL;
	assert_int_equal(consoles, 1);
	findings_free(&f);
	model_free(&m);
}

/* The gates of an environment whose hosts were removed along the way. */
static void
test_missing_hosts(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;

	walk_to(&m, STEP_COUNT);
	assert_int_equal(act_host_remove(&m, &who, "be1", &err), ACT_OK);
	assert_int_equal(act_host_remove(&m, &who, "con1", &err), ACT_OK);
	findings_init(&f);
	gates_eval(&m, STEP_BACKOFFICE, who.when, &f);
	assert_non_null(findings_find(&f, "backoffice.no-components"));
	findings_free(&f);
	findings_init(&f);
	gates_eval(&m, STEP_DEPLOY, who.when, &f);
	assert_non_null(findings_find(&f, "deploy.no-console"));
	findings_free(&f);
	model_free(&m);
}

/* Duplicates are reported, without blocking; missing data blocks at the end. */
static void
test_inventory_details(void **state)
{
	struct model m;
	struct findings f;
	const struct finding *x;
	struct inventory inv;

	walk_to(&m, STEP_AGENTS);
	tick_all(&m, STEP_AGENTS);
	memset(&inv, 0, sizeof(inv));
	inv.total = 4;
	inv.duplicates = xcalloc(1, sizeof(*inv.duplicates));
	inv.duplicates[0] = xstrdup("pc-11");
	inv.nduplicates = 1;
	assert_int_equal(act_import(&m, &who, &inv, NULL), ACT_OK);
	inventory_free(&inv);
	findings_init(&f);
	gates_eval(&m, STEP_AGENTS, who.when, &f);
	x = findings_find(&f, "agents.duplicates");
	assert_non_null(x);
	assert_int_equal(x->severity, SEV_WARNING);
	assert_int_equal(findings_errors(&f), 0);
	findings_free(&f);

	inventory_free(&m.inventory);
	findings_init(&f);
	gates_eval(&m, STEP_CLOSE_17000, who.when, &f);
	assert_non_null(findings_find(&f, "close-17000.no-inventory"));
	findings_free(&f);

	/* A header without rows: nothing below target, and nothing proven. */
	import(&m, 0, NULL);
	findings_init(&f);
	gates_eval(&m, STEP_AGENTS, who.when, &f);
	assert_non_null(findings_find(&f, "agents.empty-inventory"));
	findings_free(&f);

	memset(&inv, 0, sizeof(inv));
	inv.total = 1;
	inv.unreadable = xcalloc(1, sizeof(*inv.unreadable));
	inv.unreadable[0].line = 2;
	inv.unreadable[0].name = xstrdup("");
	inv.nunreadable = 1;
	assert_int_equal(act_import(&m, &who, &inv, NULL), ACT_OK);
	inventory_free(&inv);
	findings_init(&f);
	gates_eval(&m, STEP_CLOSE_17000, who.when, &f);
	x = findings_find(&f, "close-17000.unreadable");
	assert_non_null(x);
	/* A row without a name cannot be excluded: only a new export fixes it. */
	assert_non_null(strstr(message_of(x), "line 2"));
	findings_free(&f);
	model_free(&m);
}

static void
test_settings(void **state)
{
	struct model m;
	char *err = NULL;

	model_init(&m);
	assert_int_equal(act_setting(&m, &who, "runtime-minimum", "8.0.14", &err), ACT_OK);
	assert_string_equal(m.runtime_min, "8.0.14");
	assert_int_equal(act_setting(&m, &who, "runtime-minimum", "9.0.1", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_setting(&m, &who, "inventory-max-age", "48", &err), ACT_OK);
	assert_int_equal(m.inventory_max_age, 48);
	assert_int_equal(act_setting(&m, &who, "inventory-max-age", "0", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_setting(&m, &who, "agent-networks", "10.1.0.0/16,192.0.2.7", &err), ACT_OK);
	assert_int_equal(act_setting(&m, &who, "agent-networks", "10.1.0.0/33", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_setting(&m, &who, "colour", "blue", &err), ACT_INVALID);
	free(err);
	model_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoffice_gates),
		cmocka_unit_test(test_deploy_gates),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_deferral),
		cmocka_unit_test(test_complete_deferred_early),
		cmocka_unit_test(test_reopen),
		cmocka_unit_test(test_agents_gate),
		cmocka_unit_test(test_close_gate),
		cmocka_unit_test(test_probe_waiver),
		cmocka_unit_test(test_recheck),
		cmocka_unit_test(test_earlier_flagged),
		cmocka_unit_test(test_flagged_said_once),
		cmocka_unit_test(test_missing_hosts),
		cmocka_unit_test(test_inventory_details),
		cmocka_unit_test(test_settings),
	};

	return cmocka_run_group_tests_name("procedure", tests, NULL, NULL);
}
