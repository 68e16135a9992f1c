/*
 * The firewall plan against the guide's port table, row for row, for the
 * two layouts the table has columns for: backend and agent handler on the
 * same machine, and on different machines.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "plan.h"
#include "xalloc.h"
#include "ses.h"

static const struct actor who = { "tester", 1782813900 };

static void
host(struct model *m, const char *name, const char *roles)
{
	struct host_change c = { .roles = roles };
	char *err = NULL;

	if (act_host_add(m, &who, name, &c, &err) != ACT_OK)
		fail_msg("%s", err);
}

/* The plan as "action kind source>destination PROTO port" lines. */
static char *
render(const struct model *m, enum phase phase, int changes, const char *only)
{
	struct plan p;
	char *out = xstrdup("");

	plan_build(m, phase, changes, only, &p);
	for (size_t i = 0; i < p.n; i++) {
		const struct flow *f = &p.v[i];
		char *t = xasprintf("%s%s %s %s>%s %s %u\n", out, flow_action_id(f->action),
		    flow_kind_id(f), f->source, f->destination,
		    flow_proto_id(f->proto), f->port);

		free(out);
		out = t;
	}
	plan_free(&p);
	return out;
}

static void
expect(const struct model *m, enum phase phase, int changes, const char *only,
    const char *want)
{
	char *got = render(m, phase, changes, only);

	if (strcmp(got, want) != 0)
		fail_msg("phase %s:\nwanted:\n%sgot:\n%s", plan_phase_id(phase), want, got);
	free(got);
}

/* One machine holds backend and agent handler; a console and SQL apart. */
static void
colocated(struct model *m)
{
	model_init(m);
	host(m, "srv", "backend,agent-handler");
	host(m, "con", "console");
	host(m, "db", "sql");
	host(m, "log", "syslog");
}

/* Backend, agent handler and console each on their own machine. */
static void
separated(struct model *m)
{
	model_init(m);
	host(m, "be", "backend");
	host(m, "ah", "agent-handler");
	host(m, "con", "console");
	host(m, "db", "sql");
	host(m, "log", "syslog");
}

static void
test_colocated_table(void **state)
{
	struct model m;
	struct plan p;

	colocated(&m);
	/* 2.6 column. */
	expect(&m, PHASE_BASELINE, 0, NULL,
	    "keep backend-in con>srv TCP 443\n"
	    "keep api-in siem>srv TCP 10443\n"
	    "keep update-out srv>update-server TCP 443\n"
	    "keep sql-out srv>db TCP 1433\n"
	    "keep sql-out srv>db TCP 1434\n"
	    "keep sql-out srv>db UDP 1434\n"
	    "keep syslog-out srv>log TCP 1468\n"
	    "keep syslog-out srv>log TCP 5614\n"
	    "keep syslog-out srv>log UDP 514\n"
	    "keep msrpc-in agents>srv TCP 17000\n");
	/*
	 * "same machine" column: 8443 for consoles, 443 for agents, 17000 gone;
	 * by moment: kept, added before the install, removed after the
	 * backoffice, removed at the very end.
	 */
	expect(&m, PHASE_TARGET, 0, NULL,
	    "keep api-in siem>srv TCP 10443\n"
	    "keep update-out srv>update-server TCP 443\n"
	    "keep sql-out srv>db TCP 1433\n"
	    "keep sql-out srv>db TCP 1434\n"
	    "keep sql-out srv>db UDP 1434\n"
	    "keep syslog-out srv>log TCP 1468\n"
	    "keep syslog-out srv>log TCP 5614\n"
	    "keep syslog-out srv>log UDP 514\n"
	    "add backend-in con>srv TCP 8443\n"
	    "add https-in agents>srv TCP 443\n"
	    "remove backend-in con>srv TCP 443\n"
	    "remove msrpc-in agents>srv TCP 17000\n");
	/* During the migration: both sets of rules, nothing removed. */
	expect(&m, PHASE_DUAL, 1, NULL,
	    "add backend-in con>srv TCP 8443\n"
	    "add https-in agents>srv TCP 443\n");
	/* The derived lists: what goes when. */
	plan_build(&m, PHASE_TARGET, 1, NULL, &p);
	assert_int_equal(p.n, 4);
	assert_int_equal(p.v[0].when, WHEN_BEFORE_INSTALL);
	assert_int_equal(p.v[1].when, WHEN_BEFORE_INSTALL);
	assert_int_equal(p.v[2].when, WHEN_AFTER_BACKOFFICE);
	assert_int_equal(p.v[3].when, WHEN_AT_END);
	assert_string_equal(flow_when_id(p.v[2].when), "after-backoffice");
	assert_string_equal(flow_when_id(p.v[3].when), "at-the-end");
	assert_false(p.separated);
	assert_true(p.v[2].by_installer);
	assert_false(p.v[2].src_host == NULL);
	/* TCP 443 goes for the consoles but stays for the agents: said, not closed. */
	assert_int_equal(p.v[2].port, 443);
	assert_non_null(p.v[2].port_stays);
	assert_string_equal(p.v[2].port_stays->id, "https-in");
	assert_null(p.v[3].port_stays);
	plan_free(&p);
	model_free(&m);
}

static void
test_separated_table(void **state)
{
	struct model m;
	struct plan p;

	separated(&m);
	/* "different machines" column: 443 stays for consoles and agent handlers. */
	expect(&m, PHASE_TARGET, 0, NULL,
	    "keep backend-in ah>be TCP 443\n"
	    "keep backend-in con>be TCP 443\n"
	    "keep api-in siem>be TCP 10443\n"
	    "keep update-out be>update-server TCP 443\n"
	    "keep sql-out be>db TCP 1433\n"
	    "keep sql-out be>db TCP 1434\n"
	    "keep sql-out be>db UDP 1434\n"
	    "keep syslog-out ah>log TCP 1468\n"
	    "keep syslog-out ah>log TCP 5614\n"
	    "keep syslog-out ah>log UDP 514\n"
	    "add https-in agents>ah TCP 443\n"
	    "remove msrpc-in agents>ah TCP 17000\n");
	expect(&m, PHASE_DUAL, 1, NULL, "add https-in agents>ah TCP 443\n");
	plan_build(&m, PHASE_TARGET, 0, NULL, &p);
	assert_true(p.separated);
	plan_free(&p);
	/* One host's view: only the flows from or to it. */
	expect(&m, PHASE_TARGET, 1, "ah",
	    "add https-in agents>ah TCP 443\n"
	    "remove msrpc-in agents>ah TCP 17000\n");
	model_free(&m);
}

/* Ports declared on the SQL and syslog hosts replace the defaults. */
static void
test_custom_ports(void **state)
{
	struct model m;
	struct host_change c = { .sql_ports = "tcp/14330" };
	char *err = NULL;

	colocated(&m);
	assert_int_equal(act_host_set(&m, &who, "db", &c, &err), ACT_OK);
	expect(&m, PHASE_BASELINE, 0, "db", "keep sql-out srv>db TCP 14330\n");
	model_free(&m);
}

/* The final phase from closing 17000 on, even when policy, deferred, comes back. */
static void
test_phase_now(void **state)
{
	struct model m;

	model_init(&m);
	assert_int_equal(plan_phase_now(&m), PHASE_DUAL);
	for (int i = 0; i < STEP_CLOSE_17000; i++)
		m.steps[i].status = STATUS_DONE;
	assert_int_equal(plan_phase_now(&m), PHASE_TARGET);
	m.steps[STEP_POLICY].status = STATUS_DEFERRED;
	m.steps[STEP_CLOSE_17000].status = STATUS_DONE;
	assert_int_equal(model_current_step(&m), STEP_POLICY);
	assert_int_equal(plan_phase_now(&m), PHASE_TARGET);
	model_free(&m);
}

static void
test_phase_names(void **state)
{
	enum phase p;

	assert_int_equal(plan_phase_parse("dual", &p), 0);
	assert_int_equal(p, PHASE_DUAL);
	assert_int_equal(plan_phase_parse("final", &p), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_colocated_table),
		cmocka_unit_test(test_separated_table),
		cmocka_unit_test(test_custom_ports),
		cmocka_unit_test(test_phase_now),
		cmocka_unit_test(test_phase_names),
	};

	return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
