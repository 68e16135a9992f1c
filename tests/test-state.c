/*
 * The state file: a model survives save and load unchanged, the writer
 * never writes a line the loader refuses, and every loader rejection names
 * its line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "actions.h"
#include "clock.h"
#include "validate.h"
#include "fsio.h"
#include "buf.h"
#include "state.h"
#include "state-loader.h"
#include "xalloc.h"
#include "ses.h"

/* A note that exercises every escape and the continuation lines. */
static const char hostile_note[] =
    " starts with a space; has ; semicolons ;after space, a \\ backslash, "
    "a # hash, [brackets], key = value, quotes \" ' \xe2\x80\x99 and accents "
    "\xc3\xa9t\xc3\xa9 \xc3\xa0 \xc2\xabguillemets\xc2\xbb, "
    "and it goes on and on well past one line of the state file so that it "
    "must be cut into continuation keys, with    runs   of   spaces    at "
    "places where a cut may fall                                         "
    "                                                             ends with a space ";

static void
build(struct model *m)
{
	struct actor a = { "alice", 1782813900 };	/* 2026-06-30T10:05:00Z */
	struct host_change be = { .roles = "backend,agent-handler",
	    .address = "10.0.0.5", .version = "2.6.4", .aspnetcore = "8.0.12",
	    .desktop = "8.0.13" };
	struct host_change con = { .roles = "console,sql", .version = "2.7.1.1234",
	    .sql_ports = "tcp/1433,udp/1434" };
	struct findings f;
	char *err = NULL;

	model_init(m);
	m->created_at = time_format(a.when);
	m->created_by = xstrdup("alice");
	set_string(&m->runtime_min, "8.0.12");
	assert_int_equal(act_host_add(m, &a, "be1.example.org", &be, &err), ACT_OK);
	assert_int_equal(act_host_add(m, &a, "console-1", &con, &err), ACT_OK);
	if (act_confirm(m, &a, "prerequisites.release-notes", hostile_note,
	    &err) != ACT_OK)
		fail_msg("%s", err);
	assert_int_equal(act_confirm(m, &a, "prerequisites.firewall-plan",
	    NULL, &err), ACT_OK);
	findings_init(&f);
	assert_int_equal(act_next(m, &a, &f), ACT_OK);
	findings_free(&f);
	a.who = "bob \xc3\xa9";
	assert_int_equal(act_confirm(m, &a, "firewall-dual.new-rules",
	    "ticket CHG-42", &err), ACT_OK);
}

static char *
serialize(const struct model *m)
{
	struct buf b;

	buf_init(&b);
	state_serialize(m, &b, NULL);
	return buf_detach(&b);
}

static void
test_round_trip(void **state)
{
	struct model m, back;
	char *text, *again, *err = NULL;
	int i;

	build(&m);
	text = serialize(&m);
	model_init(&back);
	if (state_parse("t.ini", text, strlen(text), &back, &err) != STATE_OK)
		fail_msg("%s", err);
	again = serialize(&back);
	assert_string_equal(text, again);

	/* Field by field, so a field lost both ways still fails. */
	assert_string_equal(back.created_by, "alice");
	assert_string_equal(back.created_at, "2026-06-30T10:05:00Z");
	assert_string_equal(back.runtime_min, "8.0.12");
	assert_int_equal(back.nhosts, 2);
	assert_string_equal(back.hosts[0].name, "be1.example.org");
	assert_int_equal(back.hosts[0].roles, ROLE_BACKEND | ROLE_AGENT_HANDLER);
	assert_string_equal(back.hosts[0].address, "10.0.0.5");
	assert_string_equal(back.hosts[0].version, "2.6.4");
	assert_string_equal(back.hosts[0].aspnetcore, "8.0.12");
	assert_string_equal(back.hosts[0].desktop, "8.0.13");
	assert_string_equal(back.hosts[1].version, "2.7.1.1234");
	assert_string_equal(back.hosts[1].sql_ports, "tcp/1433,udp/1434");
	assert_null(back.hosts[1].address);
	assert_int_equal(back.steps[STEP_PREREQUISITES].status, STATUS_DONE);
	assert_string_equal(back.steps[STEP_PREREQUISITES].by, "alice");
	assert_int_equal(model_current_step(&back), STEP_FIREWALL_DUAL);
	i = guide_item_find("prerequisites.release-notes");
	assert_string_equal(back.marks[i].note, hostile_note);
	i = guide_item_find("firewall-dual.new-rules");
	assert_string_equal(back.marks[i].by, "bob \xc3\xa9");
	assert_string_equal(back.marks[i].note, "ticket CHG-42");
	assert_int_equal(back.nevents, m.nevents);
	assert_string_equal(back.events[0].code, "host-add");
	assert_string_equal(back.events[2].reason, hostile_note);

	free(text);
	free(again);
	model_free(&m);
	model_free(&back);
}

/* No line of the writer's output is one the loader would refuse. */
static void
test_writer_lines(void **state)
{
	struct model m;
	char *text, *p;

	build(&m);
	text = serialize(&m);
	for (p = text; *p != '\0'; ) {
		size_t n = strcspn(p, "\n");

		assert_true(n <= STATE_LINE_MAX);
		assert_true(n == 0 || (p[0] != ' ' && p[0] != '\t'));
		assert_true(n == 0 || p[n - 1] != ' ');
		for (size_t k = 1; k < n; k++)
			assert_false(p[k] == ';' && (p[k - 1] == ' ' || p[k - 1] == '\t'));
		p += n + (p[n] == '\n');
	}
	assert_non_null(strstr(text, "\nnote+2 = "));
	free(text);
	model_free(&m);
}

/*
 * Parse text; expect st and an error naming t.ini at this line, with these
 * words; the errors in the order of their lines.
 */
static void
expect_error(const char *text, size_t len, enum state_status st, int line,
    const char *words)
{
	struct model m;
	char *err = NULL, where[32];
	const char *at;
	int found = 0, last = 0;

	model_init(&m);
	assert_int_equal(state_parse("t.ini", text, len, &m, &err), st);
	assert_non_null(err);
	snprintf(where, sizeof(where), "t.ini:%d: ", line);
	for (at = err; strncmp(at, "t.ini:", 6) == 0 && at[6] >= '0' && at[6] <= '9';
	    at = strchr(at, '\n') + 1) {
		const char *nl = strchr(at, '\n');
		int l = atoi(at + 6);
		char *one = xstrndup(at, (size_t)(nl - at));

		if (l < last)
			fail_msg("line %d listed after line %d: %s", l, last, err);
		last = l;
		found |= strncmp(one, where, strlen(where)) == 0 && strstr(one, words) != NULL;
		free(one);
	}
	if (!found)
		fail_msg("wanted \"%s...%s\", got: %s", where, words, err);
	/* A refused file leaves nothing behind in the model. */
	assert_int_equal(m.nhosts, 0);
	assert_int_equal(m.nevents, 0);
	free(err);
	model_free(&m);
}

#define HEAD "[migration]\nformat = 1\n"
#define EXPECT(text, line, words) \
	expect_error(text, sizeof(text) - 1, STATE_BAD, line, words)

static void
test_rejections(void **state)
{
	char longline[400];

	snprintf(longline, sizeof(longline), HEAD "[host.1]\nname = %0200d\nroles = console\n", 7);
	expect_error(longline, strlen(longline), STATE_BAD, 4, "longer than");
	EXPECT(HEAD "[host.1]\nname = a\0b\nroles = console\n", 4, "NUL");
	EXPECT(HEAD "[item.prerequisites.release-notes-and-a-name-that-is-very-long]\nat = x\n",
	    3, "longer than 49");
	EXPECT(HEAD "[host.1]\nname = be1\n  roles = console\n", 5, "indented");
	EXPECT(HEAD "[host.1]\nname = be1\nroles = console\nname = be2\n", 6, "twice");
	EXPECT(HEAD "[host.1]\nname = be1\nroles = console\n[host.1]\nname = be2\n", 6, "twice");
	/* Numbered sections of either kind, small numbers and large, and named ones. */
	EXPECT(HEAD "[host.8]\nname = be1\nroles = console\n[exclusion.8]\nname = pc-1\nreason = r\n"
	    "[exclusion.700]\nname = pc-2\nreason = r\n[exclusion.80]\nname = pc-3\nreason = r\n"
	    "[exclusion.700]\nname = pc-4\nreason = r\n", 15, "twice");
	EXPECT(HEAD "[exclusion.2000000]\nname = pc-1\nreason = r\n[exclusion.2000000]\nname = pc-2\n",
	    6, "twice");
	EXPECT(HEAD "[settings]\nruntime-minimum = 8.0.12\n[settings]\nruntime-minimum = 8.0.13\n", 5, "twice");
	EXPECT(HEAD "\n[hosts]\nname = be1\n", 4, "unknown section");
	EXPECT(HEAD "[host.1]\nname = be1\nroles = console\ncolour = blue\n", 6, "unknown key");
	EXPECT(HEAD "[host.1]\nname = be1 ; the first one\nroles = console\n", 4, "comment");
	EXPECT("created = 2026-06-30T10:05:00Z\n" HEAD, 1, "section");
	EXPECT(HEAD "[host.1]\nname = be\\q1\nroles = console\n", 4, "escape");
	EXPECT(HEAD "[host.1]\nname = b\xe9\nroles = console\n", 4, "UTF-8");
	EXPECT(HEAD "[host.1]\nname = be_1\nroles = console\n", 4, "host name");
	EXPECT(HEAD "[host.1]\nname = be1\nroles = console,dns\n", 5, "dns");
	EXPECT(HEAD "[host.1]\nname = be1\nroles = console\nversion = 2.6-beta\n", 6, "version");
	EXPECT(HEAD "[host.1]\nroles = console\n", 3, "name");
	EXPECT(HEAD "[step.firewall-dual]\nstatus = done\n", 3, "prerequisites");
	EXPECT(HEAD "[step.agents]\nstatus = deferred\n", 4, "cannot be deferred");
	EXPECT(HEAD "[item.backoffice.updated]\nat = 2026-06-30T10:05:00Z\n", 3, "confirm");
	EXPECT(HEAD "[item.logs.system-logs]\nat = yesterday\n", 4, "time");
	EXPECT(HEAD "[event.1]\nat = 2026-06-30T10:05:00Z\nby = a\ncode = explode\n", 6, "explode");
	EXPECT("[settings]\nruntime-minimum = 8.0.11\n", 1, "format");
	EXPECT(HEAD "[settings]\nruntime-minimum = 9.0.1\n", 4, "8.0");
	EXPECT(HEAD "[host.1]\nname = x\n", 3, "roles");
	EXPECT(HEAD "just some words\n", 3, "key = value");
	EXPECT(HEAD "[inventory-below]\n1 = 2.6.4 pc-1\n", 1, "[inventory]");
	EXPECT(HEAD "[inventory]\nimported-at = 2026-06-30T10:05:00Z\ntotal = 0\n"
	    "[inventory-below]\n1 = 2.6.4 pc-1\n", 1, "total");
	EXPECT(HEAD "[inventory]\nimported-at = 2026-06-30T10:05:00Z\ntotal = 2\n"
	    "[inventory-below]\n2 = 2.6.4 pc-1\n", 7, "key 1");
	EXPECT(HEAD "[host.1]\n", 3, "empty section");
	/* Real dates only, and none from the future. */
	EXPECT(HEAD "[item.logs.system-logs]\nat = 2026-02-29T10:00:00Z\n", 4, "time");
	EXPECT(HEAD "[item.logs.system-logs]\nat = 2026-06-31T10:00:00Z\n", 4, "time");
	EXPECT(HEAD "[item.logs.system-logs]\nat = 2026-06-30T24:00:00Z\n", 4, "time");
	EXPECT(HEAD "[inventory]\nimported-at = 2999-01-01T00:00:00Z\ntotal = 1\n", 4, "later than tomorrow");
	/* A format is a plain decimal number. */
	EXPECT("[migration]\nformat = +1\n", 2, "whole number");
	EXPECT("[migration]\nformat = 01\n", 2, "whole number");
	EXPECT("[migration]\nformat = 1 \xc2\xa0\n", 2, "whole number");
	/* Names hold nothing invisible; texts hold no control character. */
	EXPECT(HEAD "[item.logs.system-logs]\nby = a\xe2\x80\xae" "b\nat = 2026-06-30T10:05:00Z\n", 4, "U+202E");
	EXPECT(HEAD "[item.logs.system-logs]\nby = a\xe2\x80\x8b" "b\nat = 2026-06-30T10:05:00Z\n", 4, "U+200B");
	EXPECT(HEAD "[item.logs.system-logs]\nat = 2026-06-30T10:05:00Z\nnote = a\\x1bb\n", 5, "control");
	EXPECT(HEAD "[item.logs.system-logs]\nat = 2026-06-30T10:05:00Z\nnote = a\xc2\x9b" "b\n", 5, "control");
	/* The history: entries in order, their keys after them, folds whole. */
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a explode x\n", 4, "none of");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z \"a b confirm x\n", 4, "entry");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n2.reason = r\n", 5, "not expected");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a probe x\n1.count = 3\n", 4, "count and its last");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a probe x\n1.count = 1\n1.last = 2026-06-30T10:06:00Z\n", 5, "whole number");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a probe x\n1.count = 2\n1.last = 2026-06-30T10:04:00Z\n", 4, "before its first");
}

/* The history folds repeats, keeps its quoted authors, and reads format 1. */
static void
test_history(void **state)
{
	static const char v1[] = "[migration]\nformat = 1\n[event.1]\n"
	    "at = 2026-06-30T10:05:00Z\nby = Jean Dupont\ncode = confirm\n"
	    "subject = logs.system-logs\nreason = read \"twice\"\n";
	struct actor a = { "Jean \"JD\" Dupont", 1782813900 };
	struct model m, back;
	char *text, *again, *err = NULL;

	model_init(&m);
	for (int i = 0; i < 500; i++) {
		a.when++;
		model_event_add(&m, &a, "probe", "firewall-dual.probe", NULL);
		if (i % 100 == 0)
			model_event_add(&m, &a, "confirm", "logs.system-logs", NULL);
	}
	/* A probe that fails is another event; passing again, another still. */
	model_event_add(&m, &a, "probe", "firewall-dual.probe", "be1:443 refused");
	model_event_add(&m, &a, "probe", "firewall-dual.probe", NULL);
	assert_int_equal(m.nevents, 4);
	assert_int_equal(m.events[0].count, 500);
	assert_int_equal(m.events[1].count, 5);
	assert_string_equal(m.events[0].last, "2026-06-30T10:13:20Z");
	text = serialize(&m);
	assert_non_null(strstr(text, "\n1 = 2026-06-30T10:05:01Z \"Jean \"\"JD\"\" Dupont\" probe firewall-dual.probe\n1.count = 500\n1.last = "));
	model_init(&back);
	if (state_parse("t.ini", text, strlen(text), &back, &err) != STATE_OK)
		fail_msg("%s", err);
	again = serialize(&back);
	assert_string_equal(text, again);
	assert_string_equal(back.events[0].by, "Jean \"JD\" Dupont");
	assert_int_equal(back.events[0].count, 500);
	assert_string_equal(back.events[2].reason, "be1:443 refused");
	/* Loaded back, folding goes on where it was. */
	a.when += 60;
	model_event_add(&back, &a, "probe", "firewall-dual.probe", NULL);
	assert_int_equal(back.nevents, 4);
	assert_int_equal(back.events[3].count, 2);
	free(text);
	free(again);
	model_free(&m);
	model_free(&back);

	model_init(&back);
	if (state_parse("v1.ini", v1, sizeof(v1) - 1, &back, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_int_equal(back.nevents, 1);
	assert_string_equal(back.events[0].by, "Jean Dupont");
	assert_string_equal(back.events[0].reason, "read \"twice\"");
	text = serialize(&back);
	assert_non_null(strstr(text, "format = 2\n"));
	assert_non_null(strstr(text, "[history]\n1 = 2026-06-30T10:05:00Z \"Jean Dupont\" confirm logs.system-logs\n1.reason = read \"twice\"\n"));
	free(text);
	model_free(&back);
}

/* The writer refuses a model holding a value the loader would refuse. */
static void
test_writer_refuses(void **state)
{
	struct actor a = { "alice", 1782813900 };
	struct model m;
	struct buf b;
	char *err = NULL;

	model_init(&m);
	model_event_add(&m, &a, "import", "agents\x1b[2J.csv", NULL);
	buf_init(&b);
	assert_int_equal(state_serialize(&m, &b, &err), -1);
	assert_non_null(strstr(err, "[history] subject"));
	assert_non_null(strstr(err, "<U+001B>"));
	free(err);
	buf_free(&b);
	model_free(&m);

	/*
	 * An exclusion read from a state was checked then, and is written as
	 * it was; one added since is checked as it is written.
	 */
	{
		static const char text[] = HEAD "[exclusion.1]\nname = pc-1\nreason = lab\n"
		    "by = bob\nat = 2026-06-30T10:06:00Z\n";

		model_init(&m);
		if (state_parse("t.ini", text, sizeof(text) - 1, &m, &err) != STATE_OK)
			fail_msg("%s", err);
		model_exclusion_add(&m, "pc-2", "spare\x1b[2J", &a);
		buf_init(&b);
		err = NULL;
		assert_int_equal(state_serialize(&m, &b, &err), -1);
		assert_non_null(err);
		assert_non_null(strstr(err, "[exclusion.2] reason"));
		free(err);
		buf_free(&b);
		model_free(&m);
	}
}

/* Every error is listed, each with its own line. */
static void
test_all_errors_listed(void **state)
{
	static const char text[] = HEAD "[host.1]\nname = a b\nroles = console\n"
	    "[host.2]\nname = ok\nroles = nothing\n";
	struct model m;
	char *err = NULL;

	model_init(&m);
	assert_int_equal(state_parse("t.ini", text, sizeof(text) - 1, &m, &err), STATE_BAD);
	assert_non_null(strstr(err, "t.ini:4: "));
	assert_non_null(strstr(err, "t.ini:8: "));
	free(err);
	model_free(&m);
}

static void
test_newer_format(void **state)
{
	static const char text[] = "; from the future\n[migration]\nformat = 3\n"
	    "[spaceship]\nwarp = 9\n";

	/* Sections this version knows, written by a newer one: said as newer, not read (it crashed). */
	static const char steps[] = "[migration]\nformat = 3\n[step.firewall-dual]\nstatus = done\n"
	    "[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n";

	expect_error(text, sizeof(text) - 1, STATE_NEWER, 3, "newer");
	expect_error(steps, sizeof(steps) - 1, STATE_NEWER, 2, "newer");
}

/* CRLF line ends and a BOM, as a Windows editor leaves them, are read. */
static void
test_crlf_bom(void **state)
{
	static const char text[] = "\xef\xbb\xbf[migration]\r\nformat = 1\r\n"
	    "[host.1]\r\nname = be1\r\nroles = backend\r\n";
	struct model m;
	char *err = NULL;

	model_init(&m);
	if (state_parse("t.ini", text, sizeof(text) - 1, &m, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_string_equal(m.hosts[0].name, "be1");
	assert_int_equal(m.hosts[0].roles, ROLE_BACKEND);
	model_free(&m);
}

/* A long note needs ten continuation parts and more; all must come back. */
static void
test_many_continuations(void **state)
{
	struct actor a = { "alice", 1782813900 };
	char note[SCHEMA_TEXT_MAX + 1], *text, *err = NULL;
	struct model m, back;

	memset(note, ';', SCHEMA_TEXT_MAX);
	note[SCHEMA_TEXT_MAX] = '\0';
	model_init(&m);
	assert_int_equal(act_confirm(&m, &a, "logs.system-logs", note, &err), ACT_OK);
	text = serialize(&m);
	assert_non_null(strstr(text, "\nnote+12 = "));
	model_init(&back);
	if (state_parse("t.ini", text, strlen(text), &back, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_string_equal(back.marks[guide_item_find("logs.system-logs")].note, note);
	free(text);
	model_free(&m);
	model_free(&back);
}

static void
test_save_load_file(void **state)
{
	char dir[] = "/tmp/ses-test-XXXXXX", *path, *err = NULL, *a, *b;
	struct model m, back;
	struct stat st;
	DIR *d;
	struct dirent *de;
	int files = 0;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/sub/dir/migration.ini", dir);
	build(&m);
	assert_int_equal(state_save(path, &m, &err), STATE_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	model_init(&back);
	assert_int_equal(state_load(path, &back, &err), STATE_OK);
	a = serialize(&m);
	b = serialize(&back);
	assert_string_equal(a, b);
	free(a);
	/* Saved again over itself: the file and its previous version, no temporary. */
	assert_int_equal(state_save(path, &back, &err), STATE_OK);
	a = fsio_dirname(path);
	d = opendir(a);
	free(a);
	a = NULL;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		files++;
		assert_true(strcmp(de->d_name, "migration.ini") == 0 ||
		    strcmp(de->d_name, "migration.ini.prev") == 0);
	}
	closedir(d);
	assert_int_equal(files, 2);
	assert_int_equal(state_load("/nonexistent/x.ini", &back, &err), STATE_NOENT);
	free(b);
	model_free(&m);
	model_free(&back);
	/* What it made goes: the two files, then the directories made for them. */
	assert_int_equal(unlink(path), 0);
	a = xasprintf("%s.prev", path);
	assert_int_equal(unlink(a), 0);
	free(a);
	for (int up = 0; up < 3; up++) {
		*strrchr(path, '/') = '\0';
		assert_int_equal(rmdir(path), 0);
	}
	assert_string_equal(path, dir);
	free(path);
}

/*
 * The sections that grow with a migration (the lists, the exclusions, the
 * events) are read by the first pass, not libinih: in any order among the
 * others, with the same checks and the same line numbers.
 */
static void
test_bulk_sections(void **state)
{
	static const char mixed[] = HEAD
	    "[history]\n"
	    "1 = 2026-06-30T10:05:00Z alice host-add be1\n"
	    "; a comment between an entry and its key\n"
	    "1.reason = first\n"
	    "\n"
	    "2 = 2026-06-30T10:06:00Z \"bob b\" exclude pc-1\n"
	    "[host.1]\nname = be1\nroles = backend\n"
	    "[exclusion.1]\nname = pc-1\nreason = lab\nby = bob b\nat = 2026-06-30T10:06:00Z\n"
	    "[settings]\nruntime-minimum = 8.0.12\n"
	    "[exclusion.2]\nname = pc-2\nreason = spare\nby = bob b\nat = 2026-06-30T10:06:00Z\n"
	    "[host.2]\nname = be2\nroles = console\n";
	char many[2048];
	struct model m;
	char *err = NULL;
	int n;

	(void)state;
	model_init(&m);
	if (state_parse("t.ini", mixed, sizeof(mixed) - 1, &m, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_int_equal(m.nhosts, 2);
	assert_string_equal(m.hosts[1].name, "be2");
	assert_int_equal(m.nexclusions, 2);
	assert_string_equal(m.exclusions[1].reason, "spare");
	assert_string_equal(m.runtime_min, "8.0.12");
	assert_int_equal(m.nevents, 2);
	assert_string_equal(m.events[0].reason, "first");
	assert_string_equal(m.events[1].by, "bob b");
	model_free(&m);

	/*
	 * Errors name their lines, on either side of a bulk section, and
	 * come in their order (libinih's sections are read first).
	 */
	EXPECT(HEAD "[host.1]\nname = be_1\nroles = console\n[settings]\nruntime-minimum = 8.x\n",
	    4, "host name");
	EXPECT(HEAD "[host.1]\nname = be_1\nroles = console\n[settings]\nruntime-minimum = 8.x\n",
	    7, "8.0.x series");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n[host.1]\nname = be_1\nroles = console\n",
	    6, "host name");
	EXPECT(HEAD "[host.1]\nname = be1\nroles = console\n[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n"
	    "\n; note\n2 = yesterday a confirm x\n", 10, "time");
	EXPECT(HEAD "[exclusion.1]\nname = pc-1\nreason = a\nname = pc-2\n", 6, "twice");
	/* An entry's key given twice, or again after the next entry. */
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n1.reason = r\n1.reason = s\n", 6, "twice");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n1.reason = r\n"
	    "2 = 2026-06-30T10:05:00Z a confirm y\n1.reason = s\n", 7, "not expected");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n01 = 2026-06-30T10:05:00Z a confirm x\n",
	    5, "key 2");
	/* A BOM before a first bulk section: read, and lines counted from it. */
	{
		static const char bom[] = "\xef\xbb\xbf[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n"
		    HEAD "[host.1]\nname = be1\nroles = console\n";

		model_init(&m);
		if (state_parse("t.ini", bom, sizeof(bom) - 1, &m, &err) != STATE_OK)
			fail_msg("%s", err);
		assert_int_equal(m.nevents, 1);
		assert_int_equal(m.nhosts, 1);
		model_free(&m);
	}
	EXPECT("\xef\xbb\xbf[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n" HEAD
	    "[settings]\nlanguage ;x = fr\n", 6, "start a comment");
	/*
	 * A field equal to the entry before's is not checked again: a value
	 * refused twice is refused at both lines, and what passed in one
	 * list is checked anew in the next (a version is no time).
	 */
	{
		static const char twice[] = HEAD
		    "[inventory]\nimported-at = 2026-06-30T10:05:00Z\ntotal = 3\n"
		    "[inventory-below]\n1 = 2.6.4 pc-1\n2 = 2.6-x pc-2\n3 = 2.6-x pc-3\n";

		model_init(&m);
		assert_int_equal(state_parse("t.ini", twice, sizeof(twice) - 1, &m, &err), STATE_BAD);
		if (strstr(err, "t.ini:8: ") == NULL || strstr(err, "t.ini:9: ") == NULL)
			fail_msg("wanted errors at lines 8 and 9, got: %s", err);
		free(err);
		model_free(&m);
	}
	EXPECT(HEAD "[inventory]\nimported-at = 2026-06-30T10:05:00Z\ntotal = 1\n"
	    "[inventory-below]\n1 = 2.6.4 pc-1\n[history]\n1 = 2.6.4 pc-1 confirm x\n", 9, "time");
	/* A number too long for the machine does not wrap round to a small one. */
	EXPECT(HEAD "[history]\n18446744073709551617 = 2026-06-30T10:05:00Z a confirm x\n", 4, "key 1");
	EXPECT(HEAD "[history]\n1 = 2026-06-30T10:05:00Z a confirm x\n"
	    "18446744073709551617.reason = r\n", 5, "not expected");
	/* Past a handful of keys, a section's keys are told apart by a hash index. */
	n = snprintf(many, sizeof(many), HEAD "[item.logs.system-logs]\nat = 2026-06-30T10:05:00Z\nnote = a\n");
	for (int i = 2; i <= 20; i++)
		n += snprintf(many + n, sizeof(many) - (size_t)n, "note+%d = b\n", i);
	n += snprintf(many + n, sizeof(many) - (size_t)n, "note+7 = c\n");
	expect_error(many, (size_t)n, STATE_BAD, 25, "twice");
}

/*
 * An event read from the file and unchanged is written back as it was
 * read: its lines copied (a CR-LF one without its CR), numbered as before;
 * a folded one is written anew.
 */
static void
test_history_copied(void **state)
{
	static const char text[] = "[migration]\nformat = 2\n"
	    "[history]\n"
	    "1=2026-06-30T10:05:00Z alice confirm logs.system-logs\n"
	    "2 = 2026-06-30T10:06:00Z \"bob b\" probe firewall-dual.probe\n"
	    "2.count = 3\n2.last = 2026-06-30T10:08:00Z\n"
	    "3 = 2026-06-30T10:09:00Z carol note logs.system-logs\r\n"
	    "3.reason = caf\\xc3\\xa9\r\n";
	char dir[] = "/tmp/ses-test-XXXXXX", *path, *err = NULL, *saved, *again;
	struct actor bob = { "bob b", 1782814200 };
	struct model m, back;
	size_t len;
	int replaced;

	(void)state;
	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/migration.ini", dir);
	assert_int_equal(state_write(path, text, sizeof(text) - 1, &replaced, &err), STATE_OK);
	model_init(&m);
	if (state_load(path, &m, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_int_equal(m.nevents, 3);
	assert_string_equal(m.events[2].reason, "caf\xc3\xa9");
	assert_int_equal(state_save(path, &m, &err), STATE_OK);
	assert_int_equal(fsio_read(path, 1 << 20, &saved, &len, &(struct fsio_error){ 0 }), FSIO_OK);
	assert_non_null(strstr(saved, "\n1=2026-06-30T10:05:00Z alice confirm logs.system-logs\n"
	    "2 = 2026-06-30T10:06:00Z \"bob b\" probe firewall-dual.probe\n2.count = 3\n"));
	assert_non_null(strstr(saved, "\n3 = 2026-06-30T10:09:00Z carol note logs.system-logs\n3.reason = caf\xc3\xa9\n"));
	assert_null(strchr(saved, '\r'));
	/* What was copied reads back the same. */
	model_init(&back);
	if (state_load(path, &back, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_int_equal(back.nevents, 3);
	assert_int_equal(back.events[1].count, 3);
	assert_string_equal(back.events[1].last, "2026-06-30T10:08:00Z");
	/* A fold changes the event: written anew, the others still copied. */
	model_event_add(&back, &bob, "probe", "firewall-dual.probe", NULL);
	assert_int_equal(back.nevents, 3);
	assert_int_equal(state_save(path, &back, &err), STATE_OK);
	assert_int_equal(fsio_read(path, 1 << 20, &again, &len, &(struct fsio_error){ 0 }), FSIO_OK);
	assert_non_null(strstr(again, "\n1=2026-06-30T10:05:00Z alice confirm logs.system-logs\n"));
	assert_non_null(strstr(again, "\n2 = 2026-06-30T10:06:00Z \"bob b\" probe firewall-dual.probe\n"
	    "2.count = 4\n2.last = 2026-06-30T10:10:00Z\n"));
	free(saved);
	free(again);
	model_free(&m);
	model_free(&back);
	unlink(path);
	free(path);
	path = xasprintf("%s/migration.ini.prev", dir);
	unlink(path);
	free(path);
	rmdir(dir);
}

/*
 * A model with every kind of section, lists and history included; its
 * history plain (as the writer writes most: nothing to escape or double)
 * if asked, or with quotes, escapes and long notes.
 */
static void
build_rich_as(struct model *m, int plain_history)
{
	struct actor a = { plain_history ? "Jean Dupont" : "Jean \"JD\" Dupont", 1782813900 };
	struct inventory *inv = &m->inventory;
	char name[32], *err = NULL;

	build(m);
	for (size_t i = 0; plain_history && i < m->nevents; i++) {
		/* The one event of build's with an escaped reason, in continuation lines. */
		if (m->events[i].reason != NULL && strcmp(m->events[i].reason, hostile_note) == 0) {
			free(m->events[i].reason);
			m->events[i].reason = xstrdup("notes relues, \"\xc3\xa0 jour\"");
		}
	}
	for (int i = 0; i < 40; i++) {
		static const char *const reasons[] = {
			NULL, "refused: be1:443", "a \\ backslash ; and a semicolon",
			hostile_note, "caf\xc3\xa9 = th\xc3\xa9",
		}, *const plain_reasons[] = {
			NULL, "refused: be1:443", "lab \"B\" [2]", NULL, "caf\xc3\xa9 = th\xc3\xa9",
		};
		a.when += 60;
		a.who = !plain_history ? "Jean \"JD\" Dupont" : i % 4 == 3 ? "H\xc3\xa9l\xc3\xa8ne" :
		    "Jean Dupont";
		snprintf(name, sizeof(name), i % 3 ? "logs.system-logs" : "host be%d", i % 5);
		model_event_add(m, &a, i % 2 ? "probe" : "note", name,
		    (plain_history ? plain_reasons : reasons)[i % 5]);
		/* Folded: the same again on the same subject. */
		if (plain_history && i % 6 == 1)
			model_event_add(m, &a, i % 2 ? "probe" : "note", name, plain_reasons[i % 5]);
	}
	for (int i = 0; i < 8; i++) {
		snprintf(name, sizeof(name), "pc-%d", i);
		/* Its reason goes to the history too. */
		if (act_exclude(m, &a, name, i % 2 ? "lab" : plain_history ? "r\xc3\xa9install\xc3\xa9 lundi" :
		    "reinstalled ; next \\ week", &err) != ACT_OK)
			fail_msg("%s", err);
	}
	inv->present = 1;
	inv->file = xstrdup("agents export.csv");
	inv->sha256 = xstrdup("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	inv->imported_at = time_format(a.when);
	inv->imported_by = xstrdup("alice");
	inv->total = 1000;
	inv->versions = xcalloc(2, sizeof(*inv->versions));
	inv->versions[0].version = xstrdup("2.7.1.100");
	inv->versions[0].count = 970;
	inv->versions[1].version = xstrdup("2.6.4.1022");
	inv->versions[1].count = 30;
	inv->nversions = 2;
	inv->below = xcalloc(30, sizeof(*inv->below));
	for (size_t i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), i % 7 ? "PC-%zu" : "PC \"%zu\"", i);
		inv->below[i].name = xstrdup(name);
		/* Runs of one version, and one that changes back: how a list is read in one go. */
		inv->below[i].version = xstrdup(i % 10 < 6 ? "2.6.4.1022" : i % 10 < 9 ? "2.6.4.1077" : "2.6.4");
	}
	inv->nbelow = inv->below_total = 30;
}

static void
build_rich(struct model *m)
{
	build_rich_as(m, 0);
}

/* Error lines in order, so that two loaders reporting them in another order compare equal. */
static int
cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
sorted_lines(const char *text)
{
	char *copy = xstrdup(text), *lines[64], *save = NULL;
	size_t n = 0;
	struct buf b;

	for (char *l = strtok_r(copy, "\n", &save); l != NULL && n < 64; l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	qsort(lines, n, sizeof(*lines), cmp_lines);
	buf_init(&b);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s\n", lines[i]);
	free(copy);
	return buf_detach(&b);
}

/* Both loaders give the same verdict, the same errors, the same model. */
static void
same_as_libinih(const char *text, size_t len)
{
	struct model a, b;
	char *ea = NULL, *eb = NULL;
	enum state_status sa, sb;

	model_init(&a);
	model_init(&b);
	/* Kept: what the session does, so that the history's lines are copied when written. */
	sa = state_parse_kept("t.ini", text, len, &a, &ea);
	sb = loader_parse_all_inih("t.ini", text, len, &b, &eb);
	if (sa != sb)
		fail_msg("status %d against libinih's %d for:\n%.*s\n-- %s\n-- %s", sa, sb, (int)len,
		    text, ea ? ea : "", eb ? eb : "");
	if (sa == STATE_OK) {
		char *ta = serialize(&a), *tb = serialize(&b), *tc, *e2 = NULL;
		struct model c;

		/* Copied lines may keep a form of their own: read back, the same model. */
		model_init(&c);
		if (state_parse("w.ini", ta, strlen(ta), &c, &e2) != STATE_OK)
			fail_msg("what was written does not load: %s\n%s", e2, ta);
		tc = serialize(&c);
		if (strcmp(tc, tb) != 0)
			fail_msg("another model than libinih's from:\n%.*s", (int)len, text);
		free(ta);
		free(tb);
		free(tc);
		model_free(&c);
	} else if (strstr(ea, "not shown") == NULL && strstr(eb, "not shown") == NULL) {
		char *la = sorted_lines(ea), *lb = sorted_lines(eb);

		if (strcmp(la, lb) != 0)
			fail_msg("other errors than libinih's for:\n%.*s\n-- ours:\n%s-- libinih's:\n%s",
			    (int)len, text, la, lb);
		free(la);
		free(lb);
	}
	free(ea);
	free(eb);
	model_free(&a);
	model_free(&b);
}

/*
 * The bulk sections read without libinih read as libinih read them: a
 * rich state, and thousands of damaged copies of it (lines lost, doubled,
 * swapped, inserted, bytes changed, the end cut), give the same verdict,
 * the same errors at the same lines, and the same model both ways; and
 * what is written of it, history lines copied, loads to that model.
 */
static void
test_bulk_same_as_libinih(void **state)
{
	static const char *const inserts[] = {
		"", "; a comment", "# another", "  indented = x", "[history]", "[exclusion.3]",
		"[inventory-below]", "[host.9]", "5 = 2.6.4 pc-x", "1.reason = r", "41.count = 2",
		"key:value", "name = a ; b", "\r", "reason = x", "1 = 2026-06-30T10:05:00Z a note x",
		"[event.1]", "at = 2026-06-30T10:05:00Z", "note+2 = more", "1+2 = more",
		/* Stragglers' lines just short of plain, or plain out of place. */
		"31 = 2.6.4.1022 PC-31", "7 = 2.6.4.1022 PC-7 ", "8 = 2.6.4.1022  PC-8",
		"9 = 2.6..4 PC-9", "09 = 2.6.4 PC-9", "10 = 2.6.4 a\\x3bb", "11 = 2.6.4 a;b",
		"12 = 2.6.4 caf\xc3\xa9", "13 =  2.6.4 x", "14 = 2.6.4", "15 = 2.6.4 \"q\" r",
		/* History lines just short of plain, or plain out of place. */
		"3.reason = a ;b", "2 = 2026-06-30T10:05:00Z \"Jean Dupont\" note x ", "4.count = 1",
		"4.last = 2026-06-30T09:00:00Z", "5 = 2026-06-30T10:05:00Z alice note a\\x3bb",
		"6 = 2026-06-30T10:05:00Z \"Jean \"\"JD\"\" Dupont\" probe x", "7.reason = caf\xc3",
		"8 = 2026-06-30T10:05:00Z alice probe", "9.count = 2", "9.last = 2026-06-30T10:07:00Z",
	};
	static const char bytes[] = " =:[]\\\"\r\tx09;#.+\xc3";
	struct model m;
	char *base, *text, *lines[4096];
	size_t nlines = 0, cap;
	unsigned long rng = 12345;

	(void)state;
	for (int plain = 0; plain < 2; plain++) {
		nlines = 0;
		build_rich_as(&m, plain);
		base = serialize(&m);
		model_free(&m);
		same_as_libinih(base, strlen(base));
		for (char *p = base; *p != '\0' && nlines < 4096; ) {
			char *nl = strchr(p, '\n');

			lines[nlines++] = p;
			p = nl != NULL ? nl + 1 : p + strlen(p);
		}
		cap = strlen(base) * 2 + 1024;
		text = xmalloc(cap);
		for (int round = 0; round < 4000; round++) {
			size_t len = 0, order[4096 + 8], n = nlines;
			int muts = 1 + round % 3;

			for (size_t i = 0; i < n; i++)
				order[i] = i;
			for (int k = 0; k < muts; k++) {
				size_t i, j;

				rng = rng * 6364136223846793005UL + 1442695040888963407UL;
				i = (size_t)(rng >> 33) % n;
				j = (size_t)(rng >> 13) % n;
				switch ((rng >> 60) % 4) {
				case 0:		/* a line lost */
					memmove(order + i, order + i + 1, (n - i - 1) * sizeof(*order));
					n--;
					break;
				case 1:		/* a line twice */
					memmove(order + i + 1, order + i, (n - i) * sizeof(*order));
					n++;
					break;
				case 2: {	/* two lines swapped */
					size_t t = order[i];

					order[i] = order[j];
					order[j] = t;
					break;
				}
				default:	/* a line from elsewhere */
					memmove(order + i + 1, order + i, (n - i) * sizeof(*order));
					order[i] = 10000 + j % (sizeof(inserts) / sizeof(*inserts));
					n++;
					break;
				}
			}
			for (size_t i = 0; i < n; i++) {
				const char *l;
				size_t ll;

				if (order[i] >= 10000) {
					l = inserts[order[i] - 10000];
					ll = strlen(l);
					memcpy(text + len, l, ll);
					text[len + ll] = '\n';
					len += ll + 1;
					continue;
				}
				l = lines[order[i]];
				ll = order[i] + 1 < nlines ? (size_t)(lines[order[i] + 1] - l) : strlen(l);
				memcpy(text + len, l, ll);
				len += ll;
			}
			rng = rng * 6364136223846793005UL + 1442695040888963407UL;
			if (round % 2 && len > 0)	/* a byte changed */
				text[(rng >> 20) % len] = bytes[(rng >> 50) % (sizeof(bytes) - 1)];
			if (round % 7 == 3 && len > 0)	/* the end cut */
				len = (size_t)(rng >> 24) % len;
			same_as_libinih(text, len);
			if (round % 5 == 1) {	/* and with a BOM before it */
				memmove(text + 3, text, len);
				memcpy(text, "\xef\xbb\xbf", 3);
				same_as_libinih(text, len + 3);
			}
		}
		free(text);
		free(base);
	}
}

/*
 * What the first pass makes of the len bytes of text: how many entries of
 * [inventory-below] (kind LIST_BELOW) or events of [history] it read in
 * one go, or 0.
 */
static size_t
plain_read(const char *text, size_t len, enum list_kind kind)
{
	const char *header = kind == LIST_BELOW ? "[inventory-below]\n" : "[history]\n";
	const struct plain_lines *lines;
	struct loader L;
	struct model m;
	size_t n;

	memset(&L, 0, sizeof(L));
	L.path = "t.ini";
	L.now = clock_now();
	model_init(&m);
	L.m = &m;	/* the texts go to its strings */
	buf_init(&L.errors);
	loader_scan(&L, text, len);
	lines = kind == LIST_BELOW ? &L.plain_below.lines : &L.plain_history.lines;
	n = lines->from == NULL ? 0 : kind == LIST_BELOW ? L.plain_below.n : L.plain_history.n;
	if (lines->from != NULL)
		assert_ptr_equal(lines->from, strstr(text, header) + strlen(header));
	loader_plain_history_free(&L);
	buf_free(&L.errors);
	free(L.keys);
	free(L.skips);
	free(L.mig_id);
	model_free(&m);
	return n;
}

/* text's list of this kind is not read in one go, and reads as with libinih. */
static void
declined(const char *text, enum list_kind kind)
{
	if (plain_read(text, strlen(text), kind) != 0)
		fail_msg("read in one go:\n%s", text);
	same_as_libinih(text, strlen(text));
}

static size_t
plain_entries(const char *text)
{
	return plain_read(text, strlen(text), LIST_BELOW);
}

#define INV HEAD "[inventory]\nfile = a.csv\nsha256 = " \
	"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n" \
	"imported-at = 2026-06-30T10:00:00Z\nimported-by = alice\ntotal = 100\n"

/*
 * The stragglers as the writer writes them are read in one go, and to
 * the same model as line by line; any line otherwise sends the whole
 * section the general way (test_bulk_same_as_libinih compares both).
 */
static void
test_plain_stragglers(void **state)
{
	static const char plain[] = INV "[inventory-below]\n"
	    "1 = 2.6.4.1022 PC-1\n2 = 2.6.4.1022 PC \"2\" x=y:z#\n\n3 = 2.6.3 PC-3\n"
	    "4 = 2.6.4.1022 PC-4\n5 = 2.6.4.1021 ~!\n6 = 2.6.4.1021 P[6]\n7 = 2.6.5.1021 P\n"
	    "8 = 2.6.5.1021 PC-with-a-rather-long-name-0123456789\n9 = 2.6.5.1021 P\n10 = 2.6.4.1022 PC-10\n\n[history]\n"
	    "1 = 2026-06-30T10:05:00Z alice host-add be1\n";
	static const char *const not_plain[] = {
		"1 = 2.6.4 a\n2 = 2.6.4 b \n",		/* a blank at the end */
		"1 = 2.6.4 a\n2 = 2.6.4  b\n",		/* two before the name */
		"1 = 2.6.4 a\n3 = 2.6.4 b\n",		/* a number out of turn */
		"01 = 2.6.4 a\n",			/* a leading zero */
		"1 = 2.6.4 a\n2 = 2..6 b\n",		/* a version that is none */
		"1 = 2.6.4 a\\x3bb\n",			/* an escape */
		"1 = 2.6.4 a;b\n",			/* a semicolon */
		"1 = 2.6.4 a-name-longer-than-sixteen;b\n2 = 2.6.4 c\n",
		"1 = 2.6.4 caf\xc3\xa9\n",		/* not ASCII */
		"1 = 2.6.4 a\r\n",			/* CR-LF */
		"1 = 2.6.4 a\n; a comment\n2 = 2.6.4 b\n",
		"1 = 2.6.4 a\n  \n",			/* a blank line of spaces */
		"1 = 2.6.4\n",				/* no name */
		"1 =  2.6.4 a\n",
		"1 =22.6.4 a\n",			/* no blank after '=' */
		"1 = 2.6.4 a\n2 =22.6.4 b\n",
		"1 = 2.6.4 a\n1.reason = x\n",
		"1 = 2.6.4 a\n1+2 = b\n",
	};
	struct model m;
	char *err = NULL, text[512];

	(void)state;
	/* What the writer writes of the rich model (quotes, runs of versions) is plain. */
	build_rich(&m);
	assert_int_equal(m.inventory.nbelow, 30);
	{
		char *rich = serialize(&m);

		assert_int_equal(plain_entries(rich), 30);
		free(rich);
	}
	model_free(&m);
	assert_int_equal(plain_entries(plain), 10);
	model_init(&m);
	if (state_parse("t.ini", plain, sizeof(plain) - 1, &m, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_int_equal(m.inventory.nbelow, 10);
	assert_string_equal(m.inventory.below[0].name, "PC-1");
	assert_string_equal(m.inventory.below[1].name, "PC \"2\" x=y:z#");
	assert_string_equal(m.inventory.below[2].version, "2.6.3");
	assert_string_equal(m.inventory.below[3].version, "2.6.4.1022");
	assert_string_equal(m.inventory.below[4].name, "~!");
	/* Versions of one length that differ at the end, then in the middle. */
	assert_string_equal(m.inventory.below[4].version, "2.6.4.1021");
	assert_string_equal(m.inventory.below[5].version, "2.6.4.1021");
	assert_string_equal(m.inventory.below[5].name, "P[6]");	/* a bracket, not a header */
	assert_string_equal(m.inventory.below[6].version, "2.6.5.1021");
	assert_string_equal(m.inventory.below[8].version, "2.6.5.1021");
	assert_string_equal(m.inventory.below[7].name, "PC-with-a-rather-long-name-0123456789");
	assert_string_equal(m.inventory.below[9].name, "PC-10");
	assert_string_equal(m.inventory.below[9].version, "2.6.4.1022");
	assert_int_equal(m.nevents, 1);
	model_free(&m);
	same_as_libinih(plain, sizeof(plain) - 1);
	/* The last line of the file, with no newline after it. */
	snprintf(text, sizeof(text), "%s[inventory-below]\n1 = 2.6.4 a\n2 = 2.6.4 b", INV);
	assert_int_equal(plain_entries(text), 2);
	same_as_libinih(text, strlen(text));

	for (size_t i = 0; i < sizeof(not_plain) / sizeof(*not_plain); i++) {
		snprintf(text, sizeof(text), "%s[inventory-below]\n%s", INV, not_plain[i]);
		declined(text, LIST_BELOW);
	}
}

static size_t
plain_events(const char *text)
{
	return plain_read(text, strlen(text), LIST_HISTORY);
}

/*
 * The history as the writer writes it is read in one go, and to the same
 * model as line by line, accents and folded events included; any line
 * otherwise (each of the near misses below) sends the whole section the
 * general way, which says what is wrong with it.
 */
static void
test_plain_history(void **state)
{
	static const char plain[] = HEAD "[history]\n"
	    "1 = 2026-06-30T10:05:00Z alice host-add be1\n"
	    "2 = 2026-06-30T10:06:00Z \"Jean Dupont\" probe firewall-dual.probe\n"
	    "2.count = 3\n2.last = 2026-06-30T10:08:00Z\n"
	    "3 = 2026-06-30T10:09:00Z H\xc3\xa9l\xc3\xa8ne note logs.system-logs\n"
	    "3.reason = poste r\xc3\xa9install\xc3\xa9 = fin: \"mars\" #2 [x]\n\n"
	    "4 = 2026-07-01T23:59:59Z a\"b import\n"
	    "5 = 2026-07-01T00:00:00Z \"Jean Dupont\" exclude PC \"7\" = [x]:y\n"
	    "5.last = 2026-07-02T00:00:00Z\n5.reason = lab\n5.count = 2\n"
	    "6 = 2026-07-01T00:00:01Z alice confirm\n7 = 2026-07-01T00:00:01Z alice confirm a\n"
	    "8 = 2026-07-01T00:00:02Z alice note x\n9 = 2026-07-01T00:00:02Z alice note y\n"
	    "10 = 2026-07-03T08:00:00Z alice step-done prerequisites\n\n"
	    "11 = 2026-07-03T08:00:00Z alice setting runtime-minimum 8.0.11\n"
	    "11.reason = caf\xc3\xa9\n";
	static const char *const not_plain[] = {
		"1 = 2026-06-30T10:05:00Z alice note x \n",	/* a blank at the end */
		"1 = 2026-06-30T10:05:00Z  alice note x\n",	/* two before the operator */
		"1 = 2026-06-30T10:05:00Z alice note \n",
		"2 = 2026-06-30T10:05:00Z alice note x\n",	/* a number out of turn */
		"01 = 2026-06-30T10:05:00Z alice note x\n",
		"1 =2026-06-30T10:05:00Z alice note x\n",
		"1 =  2026-06-30T10:05:00Z alice note x\n",
		"1: 2026-06-30T10:05:00Z alice note x\n",
		"1 = 2026-02-30T10:05:00Z alice note x\n",	/* no such day */
		"1 = 2026-06-30T24:05:00Z alice note x\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n2 = 2026-06-30T10:60:00Z alice note y\n",
		"1 = 2099-06-30T10:05:00Z alice note x\n",	/* later than tomorrow */
		"1 = 2026-06-30 10:05:00Z alice note x\n",
		"1 = 2026-06-30T10:05:00Zx alice note x\n",
		"1 = 2026-06-30T10:05:00Z alice teleport x\n",	/* no such event */
		"1 = 2026-06-30T10:05:00Z alice \"note\" x\n",	/* quoted where it need not be */
		"1 = 2026-06-30T10:05:00Z \"a \"\"b\"\" c\" note x\n",	/* a doubled quote */
		"1 = 2026-06-30T10:05:00Z \"\" note x\n",
		"1 = 2026-06-30T10:05:00Z \"bob b\"note x\n",
		"1 = 2026-06-30T10:05:00Z \"bob b\"xnote x\n",
		"1 = 2026-06-30T10:05:00Z alice note a\x7f b\n",	/* DEL */
		"1 = 2026-06-30T10:05:00Z \"bob b note x\n",
		"1 = 2026-06-30T10:05:00Z alice\n",
		"1 = 2026-06-30T10:05:00Z\n",
		"1 = 2026-06-30T10:05:00Z alice note a\\x3bb\n",	/* an escape */
		"1 = 2026-06-30T10:05:00Z alice note a;b\n",
		"1 = 2026-06-30T10:05:00Z alice note a-long-subject-here ;x and more bytes after it\n",
		"1 = 2026-06-30T10:05:00Z alice note a-long-subject-here \\x3b and more bytes after it\n",
		"1 = 2026-06-30T10:05:00Z alice note x\r\n",	/* CR-LF */
		"1 = 2026-06-30T10:05:00Z alice note x\n; a comment\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n  \n",
		"1 = 2026-06-30T10:05:00Z alice note x\tq\n",
		"1 = 2026-06-30T10:05:00Z alice note caf\xc3\n",	/* not UTF-8 */
		"1 = 2026-06-30T10:05:00Z al\xe2\x80\x8bice note x\n",	/* hidden in a name */
		"1 = 2026-06-30T10:05:00Z alice note x\n1.reason = a\xc2\x85z\n",	/* a C1 control */
		"1 = 2026-06-30T10:05:00Z alice note x\n1.reason = a\n1.reason = b\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.reason = \n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.reason =  a\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.reason = a \n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.reason+2 = a\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.why = a\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.count = 2\n",	/* no last time */
		"1 = 2026-06-30T10:05:00Z alice note x\n1.last = 2026-06-30T10:06:00Z\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.count = 1\n1.last = 2026-06-30T10:06:00Z\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.count = 02\n1.last = 2026-06-30T10:06:00Z\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.count = 2\n1.last = 2026-06-30T10:04:00Z\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1.count = 2\n1.last = 2099-06-30T10:04:00Z\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n2 = 2026-06-30T10:05:00Z alice note y\n1.reason = a\n",
		"1.reason = a\n1 = 2026-06-30T10:05:00Z alice note x\n",
		"1 = 2026-06-30T10:05:00Z alice note x\n1 = 2026-06-30T10:05:00Z alice note x\n",
		/* 203 bytes, past the 190 a line may hold. */
		"1 = 2026-06-30T10:05:00Z alice note "
		    "a-subject-that-makes-this-line-longer-than-the-one-hundred-and-ninety-bytes-"
		    "a-line-may-hold-in-a-state-file-so-that-the-first-pass-of-the-loader-refuses-it-as-too-long\n",
	};
	struct model m;
	char *err = NULL, text[1024];
	size_t len;

	(void)state;
	/* What the writer writes of a plain history (accents, quotes, folds) is plain. */
	for (int as_plain = 0; as_plain < 2; as_plain++) {
		char *rich;
		int folded = 0;

		build_rich_as(&m, as_plain);
		rich = serialize(&m);
		for (size_t i = 0; i < m.nevents; i++)
			folded += m.events[i].count > 1;
		assert_true(folded > 0 || !as_plain);
		assert_int_equal(plain_events(rich), as_plain ? m.nevents : 0);
		free(rich);
		model_free(&m);
	}
	assert_int_equal(plain_events(plain), 11);
	model_init(&m);
	if (state_parse_kept("t.ini", plain, sizeof(plain) - 1, &m, &err) != STATE_OK)
		fail_msg("%s", err);
	assert_int_equal(m.nevents, 11);
	assert_string_equal(m.events[0].at, "2026-06-30T10:05:00Z");
	assert_string_equal(m.events[0].by, "alice");
	assert_string_equal(m.events[0].code, "host-add");
	assert_string_equal(m.events[0].subject, "be1");
	assert_null(m.events[0].reason);
	assert_string_equal(m.events[1].by, "Jean Dupont");
	assert_int_equal(m.events[1].count, 3);
	assert_string_equal(m.events[1].last, "2026-06-30T10:08:00Z");
	assert_string_equal(m.events[2].by, "H\xc3\xa9l\xc3\xa8ne");
	assert_string_equal(m.events[2].reason, "poste r\xc3\xa9install\xc3\xa9 = fin: \"mars\" #2 [x]");
	assert_string_equal(m.events[3].at, "2026-07-01T23:59:59Z");
	assert_string_equal(m.events[3].by, "a\"b");
	assert_null(m.events[3].subject);
	assert_string_equal(m.events[4].at, "2026-07-01T00:00:00Z");
	assert_string_equal(m.events[4].subject, "PC \"7\" = [x]:y");
	assert_string_equal(m.events[4].reason, "lab");
	assert_int_equal(m.events[4].count, 2);
	assert_null(m.events[5].subject);
	assert_string_equal(m.events[6].subject, "a");
	assert_string_equal(m.events[9].code, "step-done");
	assert_string_equal(m.events[10].subject, "runtime-minimum 8.0.11");
	assert_string_equal(m.events[10].reason, "caf\xc3\xa9");
	for (size_t i = 0; i < m.nevents; i++)
		assert_int_equal(m.events[i].count > 1, m.events[i].last != NULL);
	model_free(&m);
	same_as_libinih(plain, sizeof(plain) - 1);
	/* Written as it was read: the events' lines, copied, are those of the file. */
	{
		char *again;

		model_init(&m);
		assert_int_equal(state_parse_kept("t.ini", plain, sizeof(plain) - 1, &m, &err), STATE_OK);
		again = serialize(&m);
		assert_non_null(strstr(again, "\n2 = 2026-06-30T10:06:00Z \"Jean Dupont\" probe firewall-dual.probe\n"
		    "2.count = 3\n2.last = 2026-06-30T10:08:00Z\n3 = "));
		assert_non_null(strstr(again, "\n5 = 2026-07-01T00:00:00Z \"Jean Dupont\" exclude PC \"7\" = [x]:y\n"
		    "5.last = 2026-07-02T00:00:00Z\n5.reason = lab\n5.count = 2\n6 = "));
		assert_non_null(strstr(again, "\n11.reason = caf\xc3\xa9\n"));
		free(again);
		model_free(&m);
	}
	/* The last line of the file, with no newline after it; a state with nothing else. */
	snprintf(text, sizeof(text), HEAD "[history]\n1 = 2026-06-30T10:05:00Z alice note x\n"
	    "1.reason = r");
	assert_int_equal(plain_events(text), 1);
	same_as_libinih(text, strlen(text));
	snprintf(text, sizeof(text), HEAD "[history]\n1 = 2026-06-30T10:05:00Z alice note");
	assert_int_equal(plain_events(text), 1);
	same_as_libinih(text, strlen(text));
	/* NUL bytes where a day would be, on the first line: no day was read before. */
	len = (size_t)snprintf(text, sizeof(text), HEAD "[history]\n1 = ");
	memset(text + len, '\0', 11);
	len += 11;
	len += (size_t)snprintf(text + len, sizeof(text) - len, "10:05:00Z alice note x\n");
	assert_int_equal(plain_read(text, len, LIST_HISTORY), 0);
	same_as_libinih(text, len);
	/* Format 1's events before it: the history's come after them. */
	snprintf(text, sizeof(text), HEAD "[event.1]\nat = 2026-06-30T10:00:00Z\nby = bob\n"
	    "code = note\n\n[history]\n1 = 2026-06-30T10:05:00Z alice note x\n");
	assert_int_equal(plain_events(text), 1);
	model_init(&m);
	assert_int_equal(state_parse("t.ini", text, strlen(text), &m, &err), STATE_OK);
	assert_int_equal(m.nevents, 2);
	assert_string_equal(m.events[0].by, "bob");
	assert_string_equal(m.events[1].by, "alice");
	model_free(&m);
	same_as_libinih(text, strlen(text));

	for (size_t i = 0; i < sizeof(not_plain) / sizeof(*not_plain); i++) {
		snprintf(text, sizeof(text), "%s[history]\n%s", HEAD, not_plain[i]);
		declined(text, LIST_HISTORY);
		/* After a plain entry too: each number at a line's start one more. */
		len = (size_t)snprintf(text, sizeof(text), "%s[history]\n1 = 2026-06-29T10:05:00Z bob note a\n"
		    "1.reason = b\n\n", HEAD);
		for (const char *q = not_plain[i]; *q != '\0'; ) {
			size_t d = strspn(q, "0123456789"), rest = strcspn(q + d, "\n");

			memcpy(text + len, q, d);
			len += d > 0 ? decimal_next(text + len, d) : 0;
			memcpy(text + len, q + d, rest + (q[d + rest] == '\n'));
			len += rest + (q[d + rest] == '\n');
			q += d + rest + (q[d + rest] == '\n');
		}
		text[len] = '\0';
		declined(text, LIST_HISTORY);
	}
}

/*
 * Times are read by arithmetic: every second of every day would be too
 * many, so every day from 1970 to 2400 at a time that changes with it,
 * written by time_format (the C library's gmtime) and read back.
 */
static void
test_time_parse(void **state)
{
	(void)state;
	for (time_t day = 0; day < 157800; day++) {
		time_t t = day * 86400 + (day * 7919) % 86400;
		char *s = time_format(t);	/* gmtime's, the reference */

		assert_non_null(s);
		assert_int_equal(time_parse(s), t);
		free(s);
	}
	assert_int_equal(time_parse("2024-02-29T23:59:59Z"), 1709251199);
	assert_int_equal(time_parse("2100-03-01T00:00:00Z"), 4107542400);
	assert_int_equal(time_parse("2023-02-29T00:00:00Z"), 0);
	assert_int_equal(time_parse("1969-12-31T23:59:59Z"), 0);
	/* The clock alone, as the history's plain lane reads a time of the same day. */
	assert_int_equal(time_of_day("23:59:59Z"), 86399);
	assert_int_equal(time_of_day("00:00:00Z"), 0);
	assert_int_equal(time_of_day("10:05:07Z"), 36307);
	assert_int_equal(time_of_day("24:00:00Z"), -1);
	assert_int_equal(time_of_day("10:60:00Z"), -1);
	assert_int_equal(time_of_day("10:00:60Z"), -1);
	assert_int_equal(time_of_day("10:00:00"), -1);
	assert_int_equal(time_of_day("10:00:00Zx"), -1);
	assert_int_equal(time_of_day("10-00:00Z"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_writer_lines),
		cmocka_unit_test(test_rejections),
		cmocka_unit_test(test_all_errors_listed),
		cmocka_unit_test(test_newer_format),
		cmocka_unit_test(test_crlf_bom),
		cmocka_unit_test(test_many_continuations),
		cmocka_unit_test(test_save_load_file),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_writer_refuses),
		cmocka_unit_test(test_time_parse),
		cmocka_unit_test(test_bulk_sections),
		cmocka_unit_test(test_history_copied),
		cmocka_unit_test(test_bulk_same_as_libinih),
		cmocka_unit_test(test_plain_stragglers),
		cmocka_unit_test(test_plain_history),
	};

	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
