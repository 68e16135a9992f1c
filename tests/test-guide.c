/* The procedure table: ids, order, and the item ranges of each step. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "ses.h"

static void
test_step_ids(void **state)
{
	static const char *const ids[STEP_COUNT] = { "prerequisites",
	    "firewall-dual", "backoffice", "deploy", "logs", "policy",
	    "agents", "close-17000" };

	for (int i = 0; i < STEP_COUNT; i++) {
		assert_string_equal(guide_steps[i].id, ids[i]);
		assert_int_equal(guide_step_find(ids[i]), i);
	}
	assert_int_equal(guide_step_find("nope"), -1);
	for (int i = 0; i < STEP_COUNT; i++)
		assert_int_equal(guide_steps[i].deferrable, i == STEP_POLICY);
}

/* Each step's range covers exactly its own items, in table order. */
static void
test_item_ranges(void **state)
{
	size_t next = 0;

	for (int i = 0; i < STEP_COUNT; i++) {
		const struct step_def *s = &guide_steps[i];
		size_t len = strlen(s->id);

		assert_int_equal(s->first_item, next);
		assert_true(s->nitems > 0);
		for (size_t k = s->first_item; k < s->first_item + s->nitems; k++) {
			assert_int_equal(guide_items[k].step, i);
			assert_memory_equal(guide_items[k].id, s->id, len);
			assert_int_equal(guide_items[k].id[len], '.');
		}
		next += s->nitems;
	}
	assert_int_equal(next, guide_nitems);
}

/* The item ids scripts rely on (DESIGN §7), with their kinds. */
static void
test_item_ids(void **state)
{
	static const struct { const char *id; enum item_kind kind; } want[] = {
		{ "prerequisites.backoffice-version", ITEM_COMPUTED },
		{ "prerequisites.dotnet-runtimes", ITEM_COMPUTED },
		{ "prerequisites.release-notes", ITEM_TICK },
		{ "prerequisites.firewall-plan", ITEM_TICK },
		{ "firewall-dual.new-rules", ITEM_TICK },
		{ "firewall-dual.old-rules-kept", ITEM_TICK },
		{ "firewall-dual.outbound-8443", ITEM_TICK },
		{ "firewall-dual.probe", ITEM_EVIDENCE },
		{ "backoffice.updated", ITEM_COMPUTED },
		{ "backoffice.procedure", ITEM_TICK },
		{ "deploy.consoles-updated", ITEM_COMPUTED },
		{ "deploy.banner-seen", ITEM_TICK },
		{ "deploy.pending-deployment", ITEM_TICK },
		{ "deploy.deployed", ITEM_TICK },
		{ "logs.system-logs", ITEM_TICK },
		{ "logs.agent-logs", ITEM_TICK },
		{ "policy.release-notes-2506a", ITEM_TICK },
		{ "policy.recommendations", ITEM_TICK },
		{ "policy.default-policies-updated", ITEM_TICK },
		{ "policy.deployed", ITEM_TICK },
		{ "policy.banner-gone", ITEM_TICK },
		{ "agents.updated", ITEM_TICK },
		{ "agents.restarted", ITEM_TICK },
		{ "agents.inventory", ITEM_COMPUTED },
		{ "close-17000.all-migrated", ITEM_COMPUTED },
		{ "close-17000.old-protocol-disabled", ITEM_TICK },
		{ "close-17000.port-closed-handlers", ITEM_TICK },
		{ "close-17000.port-closed-agents", ITEM_TICK },
		{ "close-17000.old-rules-removed", ITEM_TICK },
		{ "close-17000.probe", ITEM_EVIDENCE },
	};

	assert_int_equal(guide_nitems, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < guide_nitems; i++) {
		assert_string_equal(guide_items[i].id, want[i].id);
		assert_int_equal(guide_items[i].kind, want[i].kind);
		assert_int_equal(guide_item_find(want[i].id), (int)i);
		assert_non_null(guide_items[i].label);
		assert_non_null(guide_items[i].help);
	}
	assert_int_equal(guide_item_find("prerequisites"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_ids),
		cmocka_unit_test(test_item_ranges),
		cmocka_unit_test(test_item_ids),
	};

	return cmocka_run_group_tests_name("guide", tests, NULL, NULL);
}
