/*
 * Gates of the prerequisites step, and the way act_next uses them: every
 * failing gate is reported at once, and nothing advances while one fails.
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
#include "ses.h"

static const struct actor alice = { "alice", 1782813900 };

static void
add_host(struct model *m, const char *name, const char *roles,
    const char *version, const char *asp, const char *desk)
{
	struct host_change c = { .roles = roles, .version = version,
	    .aspnetcore = asp, .desktop = desk };
	char *err = NULL;

	if (act_host_add(m, &alice, name, &c, &err) != ACT_OK)
		fail_msg("%s", err);
}

/* A prerequisites step that passes: the baseline each test then breaks. */
static void
good(struct model *m)
{
	char *err = NULL;

	model_init(m);
	add_host(m, "be1", "backend", "2.6.4", NULL, NULL);
	add_host(m, "ah1", "agent-handler", "2.6.10", "8.0.11", "8.0.15");
	add_host(m, "con1", "console", "2.6.0", NULL, NULL);
	assert_int_equal(act_confirm(m, &alice, "prerequisites.release-notes", NULL, &err), ACT_OK);
	assert_int_equal(act_confirm(m, &alice, "prerequisites.firewall-plan", NULL, &err), ACT_OK);
}

static void
eval(const struct model *m, struct findings *f)
{
	findings_init(f);
	gates_eval(m, STEP_PREREQUISITES, alice.when, f);
}

static void
test_baseline_passes(void **state)
{
	struct model m;
	struct findings f;

	good(&m);
	eval(&m, &f);
	assert_int_equal(f.n, 0);
	findings_free(&f);
	model_free(&m);
}

static void
test_missing_components(void **state)
{
	struct model m;
	struct findings f;

	model_init(&m);
	add_host(&m, "ah1", "agent-handler", "2.6.4", "8.0.11", "8.0.11");
	eval(&m, &f);
	assert_non_null(findings_find(&f, "prerequisites.no-backend"));
	assert_non_null(findings_find(&f, "prerequisites.no-console"));
	assert_null(findings_find(&f, "prerequisites.no-agent-handler"));
	/* Both unticked items are reported too: all blockers at once. */
	assert_non_null(findings_find(&f, "prerequisites.release-notes"));
	assert_non_null(findings_find(&f, "prerequisites.firewall-plan"));
	assert_int_equal(findings_errors(&f), 4);
	findings_free(&f);
	model_free(&m);
}

static void
test_versions(void **state)
{
	struct model m;
	struct findings f;
	const struct finding *x;

	good(&m);
	add_host(&m, "old1", "console", "2.5.9", NULL, NULL);
	add_host(&m, "old2", "backend", "1.0", NULL, NULL);
	add_host(&m, "odd", "console", "2.7.0", NULL, NULL);
	add_host(&m, "new", "console", "2.7.1.1234", NULL, NULL);
	add_host(&m, "who", "backend", NULL, NULL, NULL);
	add_host(&m, "db", "sql", NULL, NULL, NULL);
	eval(&m, &f);
	x = findings_find(&f, "prerequisites.version-too-old");
	assert_non_null(x);
	assert_int_equal(x->severity, SEV_ERROR);
	assert_int_equal(x->nsubjects, 2);
	assert_string_equal(x->subjects[0], "old1");
	assert_string_equal(x->subjects[1], "old2");
	assert_non_null(strstr(message_of(x), "old1, old2"));
	x = findings_find(&f, "prerequisites.version-unsupported");
	assert_non_null(x);
	assert_string_equal(x->subjects[0], "odd");
	x = findings_find(&f, "prerequisites.already-migrated");
	assert_non_null(x);
	assert_int_equal(x->severity, SEV_WARNING);
	assert_string_equal(x->subjects[0], "new");
	x = findings_find(&f, "prerequisites.version-unknown");
	assert_non_null(x);
	/* The SQL Server host is not a backoffice component. */
	assert_int_equal(x->nsubjects, 1);
	assert_string_equal(x->subjects[0], "who");
	assert_int_equal(findings_errors(&f), 3);
	findings_free(&f);
	model_free(&m);
}

/* A host already at 2.7.1 is accepted: a warning does not block. */
static void
test_already_migrated_does_not_block(void **state)
{
	struct model m;
	struct findings f;

	good(&m);
	add_host(&m, "con2", "console", "2.7.1", NULL, NULL);
	eval(&m, &f);
	assert_int_equal(f.n, 1);
	assert_int_equal(findings_errors(&f), 0);
	findings_free(&f);
	model_free(&m);
}

static void
test_runtimes(void **state)
{
	struct model m;
	struct findings f;
	const struct finding *x;

	good(&m);
	add_host(&m, "ah9", "agent-handler", "2.6.4", "9.0.1", "8.0.11");
	add_host(&m, "ah10", "agent-handler", "2.6.4", "8.0.10", NULL);
	add_host(&m, "ah11", "agent-handler", "2.6.4", "8.0.11", "8.0.11.5");
	eval(&m, &f);
	x = findings_find(&f, "prerequisites.aspnetcore-runtime");
	assert_non_null(x);
	assert_int_equal(x->nsubjects, 2);
	assert_string_equal(x->subjects[0], "ah9");
	assert_string_equal(x->subjects[1], "ah10");
	x = findings_find(&f, "prerequisites.desktop-runtime");
	assert_non_null(x);
	assert_int_equal(x->nsubjects, 1);
	assert_string_equal(x->subjects[0], "ah10");
	findings_free(&f);

	/* The minimum patch is a setting of the state. */
	set_string(&m.runtime_min, "8.0.16");
	eval(&m, &f);
	x = findings_find(&f, "prerequisites.desktop-runtime");
	assert_int_equal(x->nsubjects, 4);
	assert_non_null(strstr(message_of(x), "8.0.16"));
	findings_free(&f);
	model_free(&m);
}

static void
test_next_refuses_then_advances(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;

	good(&m);
	assert_int_equal(act_unconfirm(&m, &alice, "prerequisites.firewall-plan", &err), ACT_OK);
	findings_init(&f);
	assert_int_equal(act_next(&m, &alice, &f), ACT_REFUSED);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].gate, "prerequisites.firewall-plan");
	assert_int_equal(model_current_step(&m), STEP_PREREQUISITES);
	findings_free(&f);

	assert_int_equal(act_confirm(&m, &alice, "prerequisites.firewall-plan", NULL, &err), ACT_OK);
	findings_init(&f);
	assert_int_equal(act_next(&m, &alice, &f), ACT_OK);
	assert_int_equal(model_current_step(&m), STEP_FIREWALL_DUAL);
	assert_int_equal(model_step_status(&m, STEP_PREREQUISITES), STATUS_DONE);
	assert_int_equal(model_step_status(&m, STEP_FIREWALL_DUAL), STATUS_ACTIVE);
	assert_int_equal(model_step_status(&m, STEP_BACKOFFICE), STATUS_PENDING);
	findings_free(&f);
	model_free(&m);
}

/* The 8443 outbound item exists only where a backend shares its host. */
static void
test_outbound_8443_applies_when_colocated(void **state)
{
	struct model m;
	struct findings f;
	char *err = NULL;

	good(&m);
	findings_init(&f);
	gates_eval(&m, STEP_FIREWALL_DUAL, alice.when, &f);
	assert_null(findings_find(&f, "firewall-dual.outbound-8443"));
	findings_free(&f);
	assert_int_equal(act_confirm(&m, &alice, "firewall-dual.outbound-8443", NULL, &err),
	    ACT_INVALID);
	free(err);

	add_host(&m, "allinone", "backend,agent-handler", "2.6.4", "8.0.11", "8.0.11");
	findings_init(&f);
	gates_eval(&m, STEP_FIREWALL_DUAL, alice.when, &f);
	assert_non_null(findings_find(&f, "firewall-dual.outbound-8443"));
	findings_free(&f);
	model_free(&m);
}

static void
test_computed_items_cannot_be_confirmed(void **state)
{
	struct model m;
	char *err = NULL;

	model_init(&m);
	assert_int_equal(act_confirm(&m, &alice, "backoffice.updated", NULL, &err), ACT_INVALID);
	assert_non_null(strstr(err, "backoffice.updated"));
	free(err);
	assert_int_equal(act_confirm(&m, &alice, "no.such-item", NULL, &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_confirm(&m, &alice, "logs.system-logs", "line\nbreak", &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_confirm(&m, &alice, "logs.system-logs", "esc \x1b[31m", &err), ACT_INVALID);
	free(err);
	model_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_baseline_passes),
		cmocka_unit_test(test_missing_components),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_already_migrated_does_not_block),
		cmocka_unit_test(test_runtimes),
		cmocka_unit_test(test_next_refuses_then_advances),
		cmocka_unit_test(test_outbound_8443_applies_when_colocated),
		cmocka_unit_test(test_computed_items_cannot_be_confirmed),
	};

	return cmocka_run_group_tests_name("gates", tests, NULL, NULL);
}
