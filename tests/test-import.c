/*
 * Importing real export files (tests/fixtures): encodings, separators,
 * quoting, French headers, and every way a file can be refused.  Then the
 * agents and close-17000 gates driven by such imports.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "actions.h"
#include "csv.h"
#include "gates.h"
#include "inventory.h"
#include "state.h"
#include "buf.h"
#include "xalloc.h"
#include "ses.h"

static const struct import_opts no_opts = { NULL, NULL, NULL };

static char *
fixture(const char *name)
{
	const char *dir = getenv("srcdir");

	return xasprintf("%s/tests/fixtures/%s", dir != NULL ? dir : ".", name);
}

static struct inventory
import_ok(const char *name, const struct import_opts *o)
{
	struct inventory inv;
	char *path = fixture(name), *err = NULL;

	if (inventory_import(path, o, &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	free(path);
	return inv;
}

/* Import a file that must be refused, at this line and column. */
static void
import_bad(const char *name, const char *where, const char *words)
{
	struct inventory inv;
	char *path = fixture(name), *err = NULL;

	assert_int_equal(inventory_import(path, &no_opts, &inv, &err), IMPORT_BAD);
	assert_non_null(err);
	if (strncmp(err, path, strlen(path)) != 0 ||
	    strncmp(err + strlen(path), where, strlen(where)) != 0 ||
	    strstr(err, words) == NULL)
		fail_msg("wanted %s%s...%s, got: %s", path, where, words, err);
	assert_false(inv.present);
	assert_int_equal(inv.total, 0);
	free(err);
	free(path);
}

static void
test_bom_comma(void **state)
{
	struct inventory inv = import_ok("bom-comma.csv", &no_opts);

	assert_int_equal(inv.total, 3);
	assert_int_equal(inv.nbelow, 1);
	assert_string_equal(inv.below[0].name, "PC-02");
	assert_string_equal(inv.below[0].version, "2.6.4.900");
	assert_int_equal(inv.nversions, 3);
	inventory_free(&inv);
}

static void
test_semicolon_crlf_french(void **state)
{
	struct inventory inv = import_ok("semicolon-crlf.csv", &no_opts);

	assert_int_equal(inv.total, 3);
	assert_int_equal(inv.nbelow, 1);
	assert_string_equal(inv.below[0].name, "PC-02");
	assert_string_equal(inv.below[0].version, "2.6.3");
	assert_int_equal(inv.nunreadable, 0);
	inventory_free(&inv);
}

static void
test_tab(void **state)
{
	struct inventory inv = import_ok("tab.tsv", &no_opts);

	assert_int_equal(inv.total, 2);
	assert_int_equal(inv.nbelow, 1);
	assert_string_equal(inv.below[0].version, "2.5.9");
	inventory_free(&inv);
}

static void
test_quoted(void **state)
{
	struct inventory inv = import_ok("quoted.csv", &no_opts);

	assert_int_equal(inv.total, 4);
	assert_int_equal(inv.nbelow, 2);
	assert_string_equal(inv.below[0].name, "PC-02");
	assert_string_equal(inv.below[1].name, "PC \"04\"");
	assert_int_equal(inv.nunreadable, 0);
	inventory_free(&inv);
}

/* Not UTF-8: read again as Windows-1252, accents and apostrophe included. */
static void
test_cp1252(void **state)
{
	struct inventory inv = import_ok("cp1252-fr.csv", &no_opts);

	assert_int_equal(inv.total, 2);
	assert_int_equal(inv.nbelow, 1);
	assert_string_equal(inv.below[0].name, "POSTE-\xc3\x89LODIE");
	inventory_free(&inv);
}

static void
test_duplicates(void **state)
{
	struct inventory inv = import_ok("duplicates.csv", &no_opts);

	assert_int_equal(inv.total, 3);
	assert_int_equal(inv.nduplicates, 3);
	assert_int_equal(inv.nbelow, 2);
	assert_string_equal(inv.below[0].name, "PC-01");
	assert_string_equal(inv.below[0].version, "2.6.4");
	assert_string_equal(inv.below[1].name, "pc-03");
	assert_int_equal(inventory_at_target(&inv), 1);
	inventory_free(&inv);
}

static void
test_bad_versions(void **state)
{
	struct inventory inv = import_ok("bad-versions.csv", &no_opts);

	assert_int_equal(inv.total, 6);
	assert_int_equal(inv.nunreadable, 5);
	assert_int_equal(inv.unreadable[0].line, 3);
	assert_string_equal(inv.unreadable[0].name, "pc-02");
	assert_int_equal(inv.unreadable[1].line, 4);
	assert_int_equal(inv.unreadable[2].line, 5);
	assert_int_equal(inv.unreadable[3].line, 6);
	assert_string_equal(inv.unreadable[3].name, "");
	assert_int_equal(inv.unreadable[4].line, 7);
	assert_string_equal(inv.unreadable[4].name, "pc-06");
	/* Never counted as migrated. */
	assert_int_equal(inventory_at_target(&inv), 1);
	inventory_free(&inv);
}

static void
test_column_options(void **state)
{
	struct import_opts by_number = { "2", "3", NULL };
	struct import_opts by_name = { "OWNER", "site", NULL };
	struct import_opts missing = { "Owner", "Build", NULL };
	struct inventory inv;
	char *path = fixture("missing-columns.csv"), *err = NULL;

	inv = import_ok("semicolon-crlf.csv", &by_number);
	assert_int_equal(inv.nbelow, 1);
	inventory_free(&inv);
	inv = import_ok("missing-columns.csv", &by_name);
	assert_int_equal(inv.total, 1);
	assert_int_equal(inv.nunreadable, 1);
	inventory_free(&inv);
	assert_int_equal(inventory_import(path, &missing, &inv, &err), IMPORT_BAD);
	assert_non_null(strstr(err, "\"Build\""));
	assert_non_null(strstr(err, "\"Serial\", \"Owner\", \"Site\""));
	free(err);
	free(path);
}

static void
test_refusals(void **state)
{
	import_bad("missing-columns.csv", ":1:1: ", "\"Serial\", \"Owner\", \"Site\"");
	import_bad("empty.csv", ":1:1: ", "empty");
	import_bad("unterminated.csv", ":3:1: ", "closing quote");
	import_bad("stray-quote.csv", ":3:4: ", "quote");
	import_bad("after-quote.csv", ":3:8: ", "closing quote");
	import_bad("utf16.csv", ":1:1: ", "UTF-16");
}

static void
test_header_only(void **state)
{
	struct inventory inv = import_ok("header-only.csv", &no_opts);

	assert_true(inv.present);
	assert_int_equal(inv.total, 0);
	inventory_free(&inv);
}

static void
test_missing_file(void **state)
{
	struct inventory inv;
	char *err = NULL;

	assert_int_equal(inventory_import("/nonexistent/agents.csv", &no_opts, &inv, &err),
	    IMPORT_NOINPUT);
	assert_non_null(strstr(err, "/nonexistent/agents.csv"));
	free(err);
}

/* The errors among the findings: their gate ids, comma-separated. */
static char *
blocking(const struct findings *f)
{
	char *s = xstrdup("");

	for (size_t i = 0; i < f->n; i++) {
		char *t;

		if (f->v[i].severity != SEV_ERROR)
			continue;
		t = xasprintf("%s%s%s", s, *s ? "," : "", f->v[i].gate);
		free(s);
		s = t;
	}
	return s;
}

static void
expect_blocking(const struct model *m, int step, time_t now, const char *want,
    size_t nsubjects)
{
	struct findings f;
	char *got;

	findings_init(&f);
	gates_eval(m, step, now, &f);
	got = blocking(&f);
	assert_string_equal(got, want);
	if (nsubjects > 0)
		assert_int_equal(f.v[f.n - 1].nsubjects, nsubjects);
	free(got);
	findings_free(&f);
}

/* The agents and close-17000 gates, fed by real files. */
static void
test_gates_from_imports(void **state)
{
	static const char *const ticks[] = { "agents.updated", "agents.restarted",
	    "close-17000.old-protocol-disabled", "close-17000.port-closed-handlers",
	    "close-17000.port-closed-agents", "close-17000.old-rules-removed", NULL };
	struct actor a = { "alice", 1782813900 };
	struct model m;
	struct inventory inv;
	char *err = NULL;

	model_init(&m);
	for (const char *const *t = ticks; *t != NULL; t++)
		assert_int_equal(act_confirm(&m, &a, *t, NULL, &err), ACT_OK);
	inv = import_ok("duplicates.csv", &no_opts);
	assert_int_equal(act_import(&m, &a, &inv, NULL), ACT_OK);
	inventory_free(&inv);
	expect_blocking(&m, STEP_AGENTS, a.when, "agents.below-target", 0);

	assert_int_equal(act_exclude(&m, &a, "pc-01", "retired", &err), ACT_OK);
	assert_int_equal(act_exclude(&m, &a, "PC-03", "retired", &err), ACT_OK);
	/* A re-import keeps the exclusions. */
	inv = import_ok("duplicates.csv", &no_opts);
	assert_int_equal(act_import(&m, &a, &inv, NULL), ACT_OK);
	inventory_free(&inv);
	expect_blocking(&m, STEP_AGENTS, a.when, "", 0);
	expect_blocking(&m, STEP_CLOSE_17000, a.when, "", 0);
	expect_blocking(&m, STEP_CLOSE_17000, a.when + 25 * 3600,
	    "close-17000.inventory-stale", 0);

	inv = import_ok("bad-versions.csv", &no_opts);
	assert_int_equal(act_import(&m, &a, &inv, NULL), ACT_OK);
	inventory_free(&inv);
	/* Five unreadable rows, but pc-03 stays excluded by name. */
	expect_blocking(&m, STEP_CLOSE_17000, a.when, "close-17000.unreadable", 4);
	model_free(&m);
}

/*
 * However many agents lag, the state keeps INVENTORY_LIST_MAX names; the
 * rest are counted, and block: they can never be taken as excluded.
 */
static void
test_list_cap(void **state)
{
	struct import_opts o = { NULL, NULL, NULL };
	struct actor a = { "alice", 1782813900 };
	struct inventory inv;
	struct model m, back;
	struct buf csv, ini;
	char *err = NULL;

	buf_init(&csv);
	buf_puts(&csv, "name,version\n");
	for (int i = 0; i < INVENTORY_LIST_MAX + 5; i++)
		buf_printf(&csv, "pc-%05d,2.6.4\n", i);
	buf_puts(&csv, "ok-1,2.7.1\n");
	assert_int_equal(inventory_parse("big.csv", csv.data, csv.len, &o, &inv, &err), IMPORT_OK);
	assert_int_equal(inv.total, INVENTORY_LIST_MAX + 6);
	assert_int_equal(inv.nbelow, INVENTORY_LIST_MAX);
	assert_int_equal(inv.below_total, INVENTORY_LIST_MAX + 5);
	assert_int_equal(inventory_at_target(&inv), 1);
	model_init(&m);
	assert_int_equal(act_import(&m, &a, &inv, NULL), ACT_OK);
	inventory_free(&inv);
	expect_blocking(&m, STEP_AGENTS, a.when,
	    "agents.updated,agents.restarted,agents.below-target,agents.below-target", 0);

	/* The counts survive a save and a load. */
	buf_init(&ini);
	state_serialize(&m, &ini, NULL);
	model_init(&back);
	if (state_parse("big.ini", ini.data, ini.len, &back, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_int_equal(back.inventory.below_total, INVENTORY_LIST_MAX + 5);
	assert_int_equal(back.inventory.nbelow, INVENTORY_LIST_MAX);
	buf_free(&csv);
	buf_free(&ini);
	model_free(&m);
	model_free(&back);
}

static enum import_status
parse(const char *text, size_t len, struct inventory *inv, char **err)
{
	return inventory_parse("mem.csv", text, len, &no_opts, inv, err);
}

/* The first character that is not ASCII decides, and stays decided. */
static void
test_encoding_decided_once(void **state)
{
	struct inventory inv;
	const char *text;
	struct buf b;
	char *err = NULL;

	/* Windows-1252 after a thousand ASCII rows: read as such, nothing lost. */
	buf_init(&b);
	buf_puts(&b, "name,version\n");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "pc%d,2.7.1\n", i);
	buf_puts(&b, "poste-\xe9t\xe9,2.6.4\n");
	for (int i = 0; i < 500; i++)
		buf_printf(&b, "old%d,2.6.4\n", i);
	if (parse(b.data, b.len, &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	assert_int_equal(inv.total, 1501);
	assert_int_equal(inv.below_total, 501);
	assert_string_equal(inv.below[0].name, "poste-\xc3\xa9t\xc3\xa9");
	inventory_free(&inv);
	buf_free(&b);

	/* UTF-8 first, then a byte that is not: refused where it is. */
	text = "name,version\npc-\xc3\xa9,2.7.1\npc-\xe9,2.6.4\n";
	assert_int_equal(parse(text, strlen(text), &inv, &err), IMPORT_BAD);
	if (strstr(err, "mem.csv:3:4: ") == NULL || strstr(err, "mixes encodings") == NULL)
		fail_msg("%s", err);
	free(err);
	assert_false(inv.present);

	/* A lead byte at the very end cannot be UTF-8. */
	text = "name,version\npc,2.7.1\npc-\xc3";
	if (parse(text, strlen(text), &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	assert_int_equal(inv.unreadable_total, 1);
	assert_string_equal(inv.unreadable[0].name, "pc-\xc3\x83");
	inventory_free(&inv);
}

static int
one_name(void *ctx, const struct csv *c)
{
	char **name = ctx;

	free(*name);
	*name = xstrdup(csv_field(c, 0, NULL));
	return 0;
}

/* A character cut between two reads decides as if it came whole. */
static void
test_encoding_across_reads(void **state)
{
	static const char *const halves[][3] = {
		{ "name\npc-\xc3", "\xa9\n", "pc-\xc3\xa9" },
		{ "name\npc-\xe2\x82", "\xac\n", "pc-\xe2\x82\xac" },
		{ "name\npc-\xc3", "x\n", "pc-\xc3\x83x" },
		{ "name\npc-\xe2\x82", "x\n", "pc-\xc3\xa2\xe2\x80\x9ax" },
	};

	for (size_t i = 0; i < sizeof(halves) / sizeof(halves[0]); i++) {
		struct csv c;
		char *name = NULL;

		csv_init(&c, one_name, &name);
		assert_int_equal(csv_feed(&c, halves[i][0], strlen(halves[i][0])), CSV_OK);
		assert_int_equal(csv_feed(&c, halves[i][1], strlen(halves[i][1])), CSV_OK);
		assert_int_equal(csv_finish(&c), CSV_OK);
		assert_string_equal(name, halves[i][2]);
		free(name);
		csv_free(&c);
	}
}

/* Bounded: a record over 1 MiB, a field over 64 KiB, with where they are. */
static void
test_limits(void **state)
{
	struct inventory inv;
	struct buf b;
	char *err = NULL;

	buf_init(&b);
	buf_puts(&b, "name,version\npc1,2.7.1\npc2,2.6.4");
	for (int i = 0; i < 20; i++) {
		buf_putc(&b, ',');
		for (int j = 0; j < 60000; j++)
			buf_putc(&b, 'x');
	}
	buf_putc(&b, '\n');
	assert_int_equal(parse(b.data, b.len, &inv, &err), IMPORT_BAD);
	if (strstr(err, "mem.csv:3:1: ") == NULL || strstr(err, "1 MiB") == NULL)
		fail_msg("%s", err);
	free(err);
	buf_reset(&b);
	buf_puts(&b, "name,version\npc-1,");
	for (int j = 0; j < 70000; j++)
		buf_putc(&b, '9');
	assert_int_equal(parse(b.data, b.len, &inv, &err), IMPORT_BAD);
	if (strstr(err, "mem.csv:2:65542: ") == NULL)
		fail_msg("%s", err);
	free(err);
	buf_free(&b);
}

/* A refusal in the header line says that it is the header. */
static void
test_header_refusal(void **state)
{
	struct inventory inv;
	char *err = NULL;
	const char *text = "name,\"vers\"ion\npc1,2.7.1\n";

	assert_int_equal(parse(text, strlen(text), &inv, &err), IMPORT_BAD);
	if (strstr(err, "mem.csv:1:12: ") == NULL || strstr(err, "header line") == NULL)
		fail_msg("%s", err);
	free(err);
}

/* Distinct versions past any small table: each counted, none taken for unreadable. */
static void
test_many_versions(void **state)
{
	struct inventory inv;
	struct buf b;
	char *err = NULL;
	unsigned long sum = 0;

	buf_init(&b);
	buf_puts(&b, "name,version\n");
	for (int i = 0; i < 70000; i++)
		buf_printf(&b, "pc%d,2.6.%d\n", i, i);
	for (int i = 0; i < 5; i++)
		buf_printf(&b, "new%d,2.7.1\n", i);
	if (parse(b.data, b.len, &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	assert_int_equal(inv.total, 70005);
	assert_int_equal(inv.unreadable_total, 0);
	assert_int_equal(inv.below_total, 70000);
	assert_int_equal(inventory_at_target(&inv), 5);
	/* The state keeps the versions most agents run, 2.7.1 first among them. */
	assert_int_equal(inv.nversions, INVENTORY_LIST_MAX);
	for (size_t i = 0; i < inv.nversions; i++)
		sum += inv.versions[i].count;
	assert_int_equal(sum, 5 + INVENTORY_LIST_MAX - 1);
	inventory_free(&inv);
	buf_free(&b);
}

/* What one pass made of the agents whose versions change as they are listed again. */
static void
check_moving_versions(const struct inventory *inv)
{
	unsigned long sum = 0;

	/*
	 * a: 2.7.1, then no version; b: 2.6.4, then 2.7.1; c: 2.6.4, then
	 * 2.6.3; d: no version, then 2.7.1; e: 2.7.1, once.
	 */
	assert_int_equal(inv->total, 5);
	assert_int_equal(inv->duplicates_total, 4);
	assert_int_equal(inv->unreadable_total, 2);
	assert_int_equal(inv->below_total, 2);
	assert_int_equal(inventory_at_target(inv), 1);
	/* 2.7.1 is left to e alone: a and b moved away from it. */
	assert_int_equal(inv->nversions, 3);
	for (size_t i = 0; i < inv->nversions; i++) {
		sum += inv->versions[i].count;
		if (strcmp(inv->versions[i].version, "2.6.3") == 0 ||
		    strcmp(inv->versions[i].version, "2.6.4") == 0 ||
		    strcmp(inv->versions[i].version, "2.7.1") == 0)
			assert_int_equal(inv->versions[i].count, 1);
		else
			fail_msg("unexpected version %s", inv->versions[i].version);
	}
	assert_int_equal(sum, inv->total - inv->unreadable_total);
}

/*
 * The counts follow each agent to the version it ends with, the same
 * whether the list is read from memory or streamed from a file.
 */
static void
test_counts_follow_moving_versions(void **state)
{
	static const char text[] = "name;version\n"
	    "a;2.7.1\nb;2.6.4\nc;2.6.4\nd;soon\ne;2.7.1\n"
	    "a;\nB;2.7.1\nc;2.6.3\nd;2.7.1\n";
	char path[] = "/tmp/test-import-XXXXXX", *err = NULL;
	struct inventory inv;
	int fd;

	(void)state;
	if (parse(text, sizeof(text) - 1, &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	check_moving_versions(&inv);
	inventory_free(&inv);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
	close(fd);
	if (inventory_import(path, &no_opts, &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	unlink(path);
	check_moving_versions(&inv);
	inventory_free(&inv);
}

/*
 * An agent listed again after the table of agents has grown several times
 * over is still the same agent: judged by its lowest version, counted
 * once, named below the target with the version it ends with.
 */
static void
test_duplicates_across_growth(void **state)
{
	struct inventory inv;
	struct buf b;
	char *err = NULL;
	unsigned long twice = 0, low = 0;

	buf_init(&b);
	buf_puts(&b, "name,version\n");
	for (int i = 0; i < 20000; i++)
		buf_printf(&b, "pc-%d,2.7.1\n", i);
	for (int i = 0; i < 20000; i += 7)
		buf_printf(&b, "PC-%d,2.6.4\n", i);
	for (int i = 0; i < 20000; i += 5)
		buf_printf(&b, "pc-%d,2.7.2\n", i);
	for (int i = 0; i < 20000; i++) {
		twice += i % 7 == 0 || i % 5 == 0;
		low += i % 7 == 0;
	}
	if (parse(b.data, b.len, &inv, &err) != IMPORT_OK)
		fail_msg("%s", err);
	assert_int_equal(inv.total, 20000);
	assert_int_equal(inv.duplicates_total, twice);
	assert_int_equal(inv.below_total, low);
	assert_int_equal(inv.nbelow, low);
	assert_string_equal(inv.below[1].name, "PC-7");
	assert_string_equal(inv.below[1].version, "2.6.4");
	assert_int_equal(inventory_at_target(&inv), 20000 - low);
	/* Each agent at one version: its lowest. */
	assert_int_equal(inv.nversions, 2);
	assert_string_equal(inv.versions[0].version, "2.7.1");
	assert_int_equal(inv.versions[0].count, 20000 - low);
	assert_int_equal(inv.versions[1].count, low);
	inventory_free(&inv);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bom_comma),
		cmocka_unit_test(test_semicolon_crlf_french),
		cmocka_unit_test(test_tab),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_bad_versions),
		cmocka_unit_test(test_column_options),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_gates_from_imports),
		cmocka_unit_test(test_list_cap),
		cmocka_unit_test(test_encoding_decided_once),
		cmocka_unit_test(test_encoding_across_reads),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_header_refusal),
		cmocka_unit_test(test_many_versions),
		cmocka_unit_test(test_duplicates_across_growth),
		cmocka_unit_test(test_counts_follow_moving_versions),
	};

	return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
