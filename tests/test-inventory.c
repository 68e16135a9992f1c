/* The agent inventory import: columns by header, the summary it keeps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "inventory.h"
#include "digest.h"

static const struct import_opts no_opts = { NULL, NULL, NULL };

static struct inventory
parse_ok(const char *text, const struct import_opts *o)
{
	struct inventory inv;
	char *err = NULL;

	if (inventory_parse("a.csv", text, strlen(text), o, &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	return inv;
}

static void
test_summary(void **state)
{
	struct inventory inv = parse_ok(
	    "Group;Name;Agent version;Status\n"
	    "g1;PC-01;2.7.1.1200;ok\n"
	    "g1;PC-02;2.6.4;ok\n"
	    "g2;pc-03;2.7.2;ok\n"
	    "g2;PC-04;;ok\n"
	    "g2;PC-05;unknown;ok\n"
	    "g2;pc-01;2.6.9;again\n"
	    "\n", &no_opts);

	assert_int_equal(inv.total, 5);
	assert_int_equal(inv.nbelow, 2);
	assert_string_equal(inv.below[0].name, "PC-02");
	assert_string_equal(inv.below[0].version, "2.6.4");
	/* A duplicate is judged by its lowest version, under the row's own spelling. */
	assert_string_equal(inv.below[1].name, "pc-01");
	assert_string_equal(inv.below[1].version, "2.6.9");
	assert_int_equal(inv.nunreadable, 2);
	assert_int_equal(inv.unreadable[0].line, 5);
	assert_string_equal(inv.unreadable[0].name, "PC-04");
	assert_int_equal(inv.unreadable[1].line, 6);
	assert_int_equal(inv.nduplicates, 1);
	assert_string_equal(inv.duplicates[0], "pc-01");
	assert_int_equal(inventory_at_target(&inv), 1);
	assert_int_equal(inv.nversions, 3);
	assert_string_equal(inv.file, "a.csv");
	assert_int_equal(strlen(inv.sha256), 64);
	inventory_free(&inv);
}

static void
test_columns_by_option(void **state)
{
	struct import_opts o = { "2", "Build", NULL };
	struct inventory inv = parse_ok("x,machine id,Build\n1,a,2.7.1\n2,b,2.5\n", &o);

	assert_int_equal(inv.total, 2);
	assert_int_equal(inv.nbelow, 1);
	assert_string_equal(inv.below[0].name, "b");
	inventory_free(&inv);
}

static void
test_errors(void **state)
{
	struct inventory inv;
	char *err = NULL;

	assert_int_equal(inventory_parse("e.csv", "", 0, &no_opts, &inv, &err), IMPORT_BAD);
	assert_non_null(strstr(err, "e.csv:1:1: "));
	free(err);
	assert_int_equal(inventory_parse("c.csv", "Serial,Owner\n1,2\n", 17, &no_opts,
	    &inv, &err), IMPORT_BAD);
	assert_non_null(strstr(err, "c.csv:1:1: "));
	assert_non_null(strstr(err, "\"Serial\", \"Owner\""));
	free(err);
}

/* 4096 columns are read; one more is refused, with its place. */
static void
test_column_limit(void **state)
{
	struct inventory inv;
	struct buf b;
	char *err = NULL;

	buf_init(&b);
	buf_puts(&b, "name,version");
	for (int i = 2; i < 4096; i++)
		buf_puts(&b, ",x");
	buf_puts(&b, "\npc-1,2.7.1\n");
	assert_int_equal(inventory_parse("w.csv", b.data, b.len, &no_opts, &inv, &err), IMPORT_OK);
	inventory_free(&inv);
	buf_reset(&b);
	buf_puts(&b, "name,version");
	for (int i = 2; i < 4097; i++)
		buf_puts(&b, ",x");
	assert_int_equal(inventory_parse("w.csv", b.data, b.len, &no_opts, &inv, &err), IMPORT_BAD);
	assert_non_null(strstr(err, "w.csv:1:"));
	assert_non_null(strstr(err, "4096"));
	free(err);
	buf_free(&b);
}

/* Known answers from FIPS 180-4's examples. */
static void
test_sha256(void **state)
{
	struct digest c;
	char hex[65];
	char million[1000];

	digest_init(&c);
	digest_update(&c, "abc", 3);
	digest_hex(&c, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	digest_init(&c);
	digest_hex(&c, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	digest_init(&c);
	digest_update(&c, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
	digest_hex(&c, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', sizeof(million));
	digest_init(&c);
	for (int i = 0; i < 1000; i++)
		digest_update(&c, million, sizeof(million));
	digest_hex(&c, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_columns_by_option),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_column_limit),
		cmocka_unit_test(test_sha256),
	};

	return cmocka_run_group_tests_name("inventory", tests, NULL, NULL);
}
