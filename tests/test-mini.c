/*
 * The tests' own migration (migration-mini.c) through the engine: state
 * load and save, gates, the procedure to its end, the plan, the probes and
 * the report, with no code of its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "buf.h"
#include "gates.h"
#include "plan.h"
#include "probe.h"
#include "report.h"
#include "state.h"
#include "xalloc.h"

extern const struct migration migration_mini;

static struct actor who = { "alice", 1782813900 };	/* 2026-06-30T10:05:00Z */

static enum act_status
next(struct model *m, const char *expect)
{
	struct findings f;
	enum act_status st;

	findings_init(&f);
	st = act_next(m, &who, &f);
	if (expect != NULL)
		assert_non_null(findings_find(&f, expect));
	findings_free(&f);
	return st;
}

static void
environment(struct model *m)
{
	struct host_change srv = { .roles = "backend", .version = "1.0.3", .address = "127.0.0.1" };
	struct host_change con = { .roles = "console", .address = "127.0.0.2" };
	char *err = NULL;

	model_init_for(m, &migration_mini);
	assert_int_equal(act_host_add(m, &who, "srv", &srv, &err), ACT_OK);
	assert_int_equal(act_host_add(m, &who, "con", &con, &err), ACT_OK);
}

/* The three steps, in order, with their one computed gate. */
static void
test_procedure(void **state)
{
	struct host_change up = { .version = "2.0" };
	struct model m;
	char *err = NULL;

	environment(&m);
	assert_int_equal(m.mig->nsteps, 3);
	assert_int_equal(next(&m, "plan.backup"), ACT_REFUSED);
	assert_int_equal(act_confirm(&m, &who, "plan.backup", NULL, &err), ACT_OK);
	assert_int_equal(next(&m, NULL), ACT_OK);
	/* The computed gate: every server at the migration's target. */
	assert_int_equal(next(&m, "upgrade.behind"), ACT_REFUSED);
	assert_int_equal(act_confirm(&m, &who, "upgrade.servers", NULL, &err), ACT_INVALID);
	free(err);
	assert_int_equal(act_host_set(&m, &who, "srv", &up, &err), ACT_OK);
	assert_int_equal(next(&m, NULL), ACT_OK);
	assert_int_equal(model_current_step(&m), m.mig->irreversible);
	assert_int_equal(act_confirm(&m, &who, "retire.old-port", NULL, &err), ACT_OK);
	assert_int_equal(next(&m, NULL), ACT_OK);
	assert_true(model_complete(&m));
	/* Its steps are its own: the real migration's are unknown here. */
	assert_int_equal(act_confirm(&m, &who, "prerequisites.release-notes", NULL, &err), ACT_INVALID);
	free(err);
	model_free(&m);
}

/* Saved, the state names its migration and loads back as it. */
static void
test_state(void **state)
{
	struct model m, back;
	struct buf b, again;
	char *err = NULL;

	environment(&m);
	assert_int_equal(act_confirm(&m, &who, "plan.backup", "on tape", &err), ACT_OK);
	assert_int_equal(next(&m, NULL), ACT_OK);
	buf_init(&b);
	assert_int_equal(state_serialize(&m, &b, NULL), 0);
	assert_non_null(strstr(b.data, "\nid = mini-1-2\n"));
	assert_non_null(strstr(b.data, "[step.plan]"));
	assert_non_null(strstr(b.data, "runtime-minimum = 5.0.1"));
	model_init(&back);
	if (state_parse("mini.ini", b.data, b.len, &back, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_ptr_equal(back.mig, &migration_mini);
	assert_int_equal(model_current_step(&back), 1);
	buf_init(&again);
	assert_int_equal(state_serialize(&back, &again, NULL), 0);
	assert_string_equal(b.data, again.data);
	/* Sections of another migration are refused, with their line. */
	buf_puts(&b, "\n[item.prerequisites.release-notes]\nat = 2026-06-30T10:05:00Z\n");
	assert_int_equal(state_parse("mini.ini", b.data, b.len, &back, &err), STATE_BAD);
	assert_non_null(strstr(err, "prerequisites.release-notes"));
	free(err);
	buf_free(&b);
	buf_free(&again);
	model_free(&m);
	model_free(&back);
}

/* A state following a migration this program does not know is refused as from a newer one. */
static void
test_unknown_migration(void **state)
{
	static const char text[] = "[migration]\nformat = 2\nid = ses-2.7-2.8\n";
	struct model m;
	char *err = NULL;

	model_init(&m);
	assert_int_equal(state_parse("t.ini", text, sizeof(text) - 1, &m, &err), STATE_NEWER);
	assert_non_null(strstr(err, "t.ini:3: "));
	assert_non_null(strstr(err, "ses-2.7-2.8"));
	free(err);
	model_free(&m);
}

/* A state that names no migration, as every state before format 2, follows the first known. */
static void
test_default_migration(void **state)
{
	static const char v2[] = "[migration]\nformat = 2\n";
	static const char v1[] = "[migration]\nformat = 1\n";
	struct model m;
	struct buf b;
	char *err = NULL;

	model_init(&m);
	if (state_parse("t.ini", v2, sizeof(v2) - 1, &m, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_ptr_equal(m.mig, migration_default());
	assert_string_equal(m.mig->id, "ses-2.6-2.7.1");
	buf_init(&b);
	assert_int_equal(state_serialize(&m, &b, NULL), 0);
	assert_non_null(strstr(b.data, "\nid = ses-2.6-2.7.1\n"));
	buf_free(&b);
	model_free(&m);
	model_init(&m);
	if (state_parse("t.ini", v1, sizeof(v1) - 1, &m, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_string_equal(m.mig->id, "ses-2.6-2.7.1");
	model_free(&m);
}

/* The two ports of its table: the old one goes after the update, the new one comes before. */
static void
test_plan_and_probe(void **state)
{
	struct endpoint *v;
	struct plan p;
	struct model m;
	size_t n;

	environment(&m);
	plan_build(&m, PHASE_TARGET, 0, NULL, &p);
	assert_int_equal(p.n, 2);
	assert_int_equal(p.v[0].port, 8080);
	assert_int_equal(p.v[0].action, ACTION_ADD);
	assert_int_equal(p.v[1].port, 80);
	assert_int_equal(p.v[1].action, ACTION_REMOVE);
	assert_int_equal(p.v[1].when, WHEN_AFTER_BACKOFFICE);
	plan_free(&p);
	probe_endpoints(&m, 0, &v, &n);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].port, 80);
	assert_int_equal(v[1].port, 8080);
	probe_free(v, n);
	model_free(&m);
}

static void
test_report(void **state)
{
	struct model m;
	struct buf b;

	environment(&m);
	buf_init(&b);
	report_format_find("text")->write(&m, "mini.ini", who.when, &b);
	assert_non_null(strstr(b.data, "Mini 1.0 to 2.0 migration: progress report"));
	assert_non_null(strstr(b.data, "1. Planning [plan]"));
	assert_non_null(strstr(b.data, "3. Retirement [retire]"));
	assert_null(strstr(b.data, "Prerequisites"));
	buf_free(&b);
	model_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_procedure),
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_unknown_migration),
		cmocka_unit_test(test_default_migration),
		cmocka_unit_test(test_plan_and_probe),
		cmocka_unit_test(test_report),
	};

	return cmocka_run_group_tests_name("mini", tests, NULL, NULL);
}
