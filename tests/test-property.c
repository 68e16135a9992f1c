/*
 * The stateful property test (see driver.h): with fixed seeds and a bounded
 * number of steps, random actions with hostile arguments never leave a
 * state that does not load, and a refused one changes nothing.
 * PROPERTY_STEPS sets the number of steps per seed; make fuzz runs the
 * same driver for as long as it is given.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "driver.h"
#include "model.h"

static void
run_seed(uint64_t seed)
{
	const char *env = getenv("PROPERTY_STEPS");
	long steps = env != NULL ? atol(env) : 400, i;
	struct driver d;

	driver_init(&d, seed, NULL, 0);
	for (i = 0; i < steps && driver_step(&d); i++)
		;
	if (d.failure != NULL)
		fail_msg("seed %llu, step %ld: %s", (unsigned long long)seed, i, d.failure);
	/* Both kinds must have happened, or the test proves little. */
	assert_true(d.accepted > 0);
	assert_true(d.refused > 0);
	printf("seed %llu: %ld steps, %lu accepted, %lu refused, %zu events, at step %zu\n",
	    (unsigned long long)seed, i, d.accepted, d.refused, d.s.model.nevents,
	    model_current_step(&d.s.model) + 1);
	driver_free(&d);
}

static void
test_seed_1(void **state)
{
	run_seed(1);
}

static void
test_seed_2(void **state)
{
	run_seed(0x5e5a1e5ULL);
}

static void
test_seed_3(void **state)
{
	run_seed(20261201);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_1),
		cmocka_unit_test(test_seed_2),
		cmocka_unit_test(test_seed_3),
	};

	return cmocka_run_group_tests_name("property", tests, NULL, NULL);
}
