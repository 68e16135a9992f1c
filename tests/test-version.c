/* Version numbers: validity, numeric comparison, series membership. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "version.h"

static void
test_valid(void **state)
{
	assert_true(version_valid("2.6"));
	assert_true(version_valid("2.7.1.1234"));
	assert_true(version_valid("8"));
	assert_false(version_valid(""));
	assert_false(version_valid("2..6"));
	assert_false(version_valid(".2.6"));
	assert_false(version_valid("2.6."));
	assert_false(version_valid("2.6-beta"));
	assert_false(version_valid("v2.6"));
	assert_false(version_valid(" 2.6"));
	assert_false(version_valid("1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25"));
}

static void
test_numeric_order(void **state)
{
	assert_true(version_cmp("2.6.10", "2.6.9") > 0);
	assert_true(version_cmp("2.6.9", "2.6.10") < 0);
	assert_true(version_cmp("2.7.1.1234", "2.7.1") > 0);
	assert_true(version_cmp("2.7.1", "2.7.1.0") == 0);
	assert_true(version_cmp("2.7.1.0.0", "2.7.1") == 0);
	assert_true(version_cmp("2.7", "2.7.1") < 0);
	assert_true(version_cmp("2.07.01", "2.7.1") == 0);
	assert_true(version_cmp("10.0", "9.99.99") > 0);
	assert_true(version_cmp("2.6.99999999999999999999999", "2.6.99999999999999999999998") > 0);
	assert_true(version_cmp("3", "2.99") > 0);
	assert_true(version_cmp("2.6.4", "2.6.4") == 0);
}

static void
test_series(void **state)
{
	assert_true(version_same_series("8.0.11", "8.0"));
	assert_true(version_same_series("8.0", "8.0"));
	assert_true(version_same_series("08.00.3", "8.0"));
	assert_false(version_same_series("9.0.1", "8.0"));
	assert_false(version_same_series("8.1.2", "8.0"));
	assert_false(version_same_series("8.01.2", "8.0"));
	assert_false(version_same_series("8", "8.0"));
	assert_false(version_same_series("80.0", "8.0"));
	assert_true(version_same_series("2.6.10", "2.6"));
	assert_false(version_same_series("2.60", "2.6"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_numeric_order),
		cmocka_unit_test(test_series),
	};

	return cmocka_run_group_tests_name("version", tests, NULL, NULL);
}
