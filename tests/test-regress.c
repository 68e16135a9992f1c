/*
 * Inputs the fuzzers found a fault with (tests/regress), kept so the fault
 * stays fixed: each state file either is refused or comes back unchanged
 * through a save and a load; each agent list is read or refused, never
 * more.  Under the sanitizer build, leaks show here too.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsio.h"
#include "inventory.h"
#include "state.h"
#include "xalloc.h"

static void
state_file(const char *path, const char *data, size_t len)
{
	struct model m, again;
	struct buf a, b;
	char *err = NULL;

	model_init(&m);
	if (state_parse(path, data, len, &m, &err) != STATE_OK) {
		assert_non_null(strstr(err, path));
		free(err);
		model_free(&m);
		return;
	}
	buf_init(&a);
	state_serialize(&m, &a, NULL);
	model_init(&again);
	if (state_parse(path, a.data, a.len, &again, &err) != STATE_OK)
		fail_msg("%s: written back, it no longer loads: %s", path, err);
	buf_init(&b);
	state_serialize(&again, &b, NULL);
	assert_string_equal(a.data, b.data);
	buf_free(&a);
	buf_free(&b);
	model_free(&m);
	model_free(&again);
}

static void
csv_file(const char *path, const char *data, size_t len)
{
	struct import_opts o = { NULL, NULL, NULL };
	struct inventory inv;
	char *err = NULL;

	if (inventory_parse(path, data, len, &o, &inv, &err) == IMPORT_OK)
		inventory_free(&inv);
	else {
		assert_non_null(strstr(err, path));
		free(err);
	}
}

static void
test_regressions(void **state)
{
	const char *top = getenv("srcdir");
	char *dir = xasprintf("%s/tests/regress", top != NULL ? top : ".");
	struct dirent *de;
	DIR *d = opendir(dir);
	int seen = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		const char *dot = strrchr(de->d_name, '.');
		struct fsio_error e;
		char *path, *data;
		size_t len;

		if (de->d_name[0] == '.' || dot == NULL)
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		assert_int_equal(fsio_read(path, 1 << 24, &data, &len, &e), FSIO_OK);
		if (strcmp(dot, ".ini") == 0)
			state_file(path, data, len);
		else
			csv_file(path, data, len);
		seen++;
		free(data);
		free(path);
	}
	closedir(d);
	free(dir);
	assert_true(seen >= 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regressions),
	};

	return cmocka_run_group_tests_name("regress", tests, NULL, NULL);
}
