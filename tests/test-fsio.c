/*
 * Every failure of every system call of a save, once and always: the error
 * is reported, the file on disk is byte for byte what it was, no
 * descriptor leaks, no temporary file is left, and the change is still in
 * memory to be saved again.  Built with failpoints (SES_FAILPOINTS).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "failpoint.h"
#include "fsio.h"
#include "inventory.h"
#include "state.h"
#include "xalloc.h"
#include "ses.h"

static const char *const calls[] = { "open", "write", "fsync", "close",
    "link", "rename", "open-dir", "fsync-dir" };

static int
open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	while ((de = readdir(d)) != NULL)
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/* The names in dir, sorted, as one string. */
static char *
listing(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort);
	char *out = xstrdup("");

	for (int i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			char *t = xasprintf("%s%s ", out, names[i]->d_name);

			free(out);
			out = t;
		}
		free(names[i]);
	}
	free(names);
	return out;
}

static char *
contents(const char *path, size_t *len)
{
	struct fsio_error e;
	char *data = NULL;

	if (fsio_read(path, 1 << 20, &data, len, &e) != FSIO_OK)
		return NULL;
	return data;
}

/* One failing call: first save (no file yet) or a replacement. */
static void
fail_one(const char *call, int always, int replace)
{
	struct actor a = { "alice", 1782813900 };
	char dir[] = "/tmp/ses-fsio-XXXXXX", *path, *before_list, *after_list;
	char *before = NULL, *after, *err = NULL;
	size_t blen = 0, alen;
	struct model m;
	int fds;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/migration.ini", dir);
	model_init(&m);
	if (replace) {
		assert_int_equal(state_save(path, &m, &err), STATE_OK);
		assert_int_equal(act_confirm(&m, &a, "logs.system-logs", NULL, &err), ACT_OK);
		assert_int_equal(state_save(path, &m, &err), STATE_OK);
		before = contents(path, &blen);
	}
	before_list = listing(dir);
	assert_int_equal(act_confirm(&m, &a, "logs.agent-logs", "the change", &err), ACT_OK);

	fds = open_fds();
	failpoint_set(call, always);
	if (state_save(path, &m, &err) != STATE_IOERR)
		fail_msg("a failing %s (%s) was not reported", call, always ? "always" : "once");
	assert_non_null(strstr(err, path));
	free(err);
	failpoint_clear();
	assert_int_equal(open_fds(), fds);
	after = contents(path, &alen);
	if (replace) {
		assert_non_null(after);
		assert_int_equal(alen, blen);
		assert_memory_equal(after, before, blen);
	} else
		assert_null(after);
	after_list = listing(dir);
	assert_string_equal(after_list, before_list);
	free(after);

	/* The change is still there, and saves once the disk behaves. */
	assert_non_null(m.marks[guide_item_find("logs.agent-logs")].at);
	assert_int_equal(state_save(path, &m, &err), STATE_OK);
	after = contents(path, &alen);
	assert_non_null(strstr(after, "the change"));

	free(after);
	free(before);
	free(before_list);
	free(after_list);
	model_free(&m);
	{
		char *prev = fsio_prev_path(path);

		unlink(prev);
		free(prev);
	}
	unlink(path);
	rmdir(dir);
	free(path);
}

static void
test_every_failure(void **state)
{
	for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		for (int always = 0; always <= 1; always++)
			for (int replace = 0; replace <= 1; replace++)
				/* The previous version is linked only when there is one. */
				if (replace || strcmp(calls[i], "link") != 0)
					fail_one(calls[i], always, replace);
}

/* A symbolic link planted where the state goes is never written through. */
static void
test_symlink(void **state)
{
	char dir[] = "/tmp/ses-fsio-XXXXXX", *path, *target, *err = NULL;
	struct model m;
	size_t len;
	char *data;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/migration.ini", dir);
	target = xasprintf("%s/elsewhere", dir);
	assert_int_equal(symlink(target, path), 0);
	model_init(&m);
	assert_int_equal(state_load(path, &m, &err), STATE_NOINPUT);
	free(err);
	assert_int_equal(state_save(path, &m, &err), STATE_OK);
	/* The save replaced the link itself: the target was never created. */
	assert_null(contents(target, &len));
	data = contents(path, &len);
	assert_non_null(data);
	free(data);
	model_free(&m);
	unlink(path);
	rmdir(dir);
	free(path);
	free(target);
}

/*
 * A saver killed between its hard link and its last rename leaves a
 * second name of the state behind; later saves must still go through
 * (they remove it), not take it for a planted link.
 */
static void
test_killed_saver_leftovers(void **state)
{
	char dir[] = "/tmp/ses-fsio-XXXXXX", *path, *left, *left2, *err = NULL;
	struct actor a = { "alice", 1782813900 };
	struct model m;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/migration.ini", dir);
	left = xasprintf("%s/migration.ini.prev.tmp.99999", dir);
	left2 = xasprintf("%s/migration.ini.tmp.99998", dir);
	model_init(&m);
	assert_int_equal(state_save(path, &m, &err), STATE_OK);
	assert_int_equal(link(path, left), 0);
	assert_int_equal(close(open(left2, O_WRONLY | O_CREAT, 0600)), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(act_confirm(&m, &a, i % 2 ? "logs.agent-logs" :
		    "logs.system-logs", NULL, &err), ACT_OK);
		if (state_save(path, &m, &err) != STATE_OK)
			fail_msg("save %d after a killed saver: %s", i, err);
	}
	assert_int_equal(access(left, F_OK), -1);
	assert_int_equal(access(left2, F_OK), -1);
	model_free(&m);
	unlink(path);
	free(err);
	err = fsio_prev_path(path);
	unlink(err);
	free(err);
	rmdir(dir);
	free(path);
	free(left);
	free(left2);
}

/*
 * No descriptor left is a failure of this machine, not a missing file:
 * 74 (an I/O error), not 66, for the state and for an agent list.
 */
static void
test_no_descriptor(void **state)
{
	char dir[] = "/tmp/ses-fsio-XXXXXX", *path, *csv, *err = NULL;
	struct import_opts o = { NULL, NULL, NULL };
	struct inventory inv;
	struct rlimit before, few;
	struct model m;
	int fd;

	assert_non_null(mkdtemp(dir));
	path = xasprintf("%s/migration.ini", dir);
	csv = xasprintf("%s/agents.csv", dir);
	model_init(&m);
	assert_int_equal(state_save(path, &m, &err), STATE_OK);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	close(fd);
	fd = open(csv, O_WRONLY | O_CREAT, 0600);
	assert_int_equal(write(fd, "name,version\n", 13), 13);
	close(fd);
	/* Room for the descriptors open now, none more. */
	assert_int_equal(getrlimit(RLIMIT_NOFILE, &before), 0);
	few = before;
	few.rlim_cur = (rlim_t)fd;
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &few), 0);
	assert_int_equal(state_load(path, &m, &err), STATE_IOERR);
	free(err);
	assert_int_equal(inventory_import(csv, &o, &inv, &err), IMPORT_IOERR);
	free(err);
	assert_int_equal(setrlimit(RLIMIT_NOFILE, &before), 0);
	model_free(&m);
	unlink(path);
	unlink(csv);
	rmdir(dir);
	free(path);
	free(csv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_failure),
		cmocka_unit_test(test_symlink),
		cmocka_unit_test(test_no_descriptor),
		cmocka_unit_test(test_killed_saver_leftovers),
	};

	return cmocka_run_group_tests_name("fsio", tests, NULL, NULL);
}
