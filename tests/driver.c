/* The stateful property driver; see driver.h. */
#include <config.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions.h"
#include "buf.h"
#include "driver.h"
#include "fsio.h"
#include "inventory.h"
#include "probe.h"
#include "state.h"
#include "xalloc.h"
#include "ses.h"

#define START 1767225600L	/* 2026-01-01T00:00:00Z */

/* A number below n: from the fuzzer's bytes, or from xorshift. */
static size_t
pick(struct driver *d, size_t n)
{
	uint64_t v;

	if (n <= 1)
		return 0;
	/* Past the end of the input, the choices go on from the seed it left. */
	if (d->data != NULL && d->pos < d->len) {
		v = 0;
		for (int i = 0; i < 3 && d->pos < d->len; i++)
			v = v << 8 | d->data[d->pos++];
		d->rng ^= v + 0x9e3779b97f4a7c15ULL;
		return (size_t)(v % n);
	}
	d->rng ^= d->rng << 13;
	d->rng ^= d->rng >> 7;
	d->rng ^= d->rng << 17;
	return (size_t)(d->rng % n);
}

static void
failed(struct driver *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
failed(struct driver *d, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	if (d->failure != NULL)
		return;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->failure = buf_detach(&b);
}

/* ---- hostile values ---- */

static const char *const nasty[] = {
	"", " ", "a", "pc-01", "PC-01", "Jean Dupont", "it's \"quoted\"",
	"; comment", "a ;b", "a\\b", "\\x41", "[section]", "key = value", "#hash",
	"\xc3\xa9t\xc3\xa9", "\xe9t\xe9", "\xff\xfe", "\xc0\xaf", "\xed\xa0\x80",
	"\xf4\x90\x80\x80", "\x1b[2J", "a\tb", "a\r\nb", "a\nb", "\x7f",
	"\xc2\x85", "\xc2\x9b" "31m", "\xe2\x80\xae" "evil", "a\xe2\x80\x8b" "b",
	"\xef\xbb\xbf" "bom", "\xe2\x81\xa6" "iso", "\xd8\x9c", "\xc2\xad",
	"2026-06-30T10:05:00Z", "2099-01-01T00:00:00Z", "2026-02-30T00:00:00Z",
	"0", "01", "+1", "-1", "99999999999999999999", "2.6.4", "2.7.1.1234",
	"8.0.11", "8.0.9", "9.0.1", "2.6-beta", "backend", "agent-handler,console",
	"console,dns", "tcp/1433,udp/1434", "tcp/0", "10.0.0.0/8,2001:db8::/32",
	"10.0.0.0/33", "127.0.0.1", "::1", "-", "/tmp/../x y/\xc3\xa9.csv",
	"C:\\Users\\x\\agents.csv", "policy", "prerequisites", "close-17000",
	"firewall-dual.probe", "close-17000.probe", "logs.system-logs",
	"prerequisites.release-notes", "backoffice.updated", "agents.updated",
};

static void
put_run(struct driver *d, struct buf *b, size_t len)
{
	static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789 .;-_\\\"'=[]";

	while (b->len < len) {
		if (pick(d, 10) == 0)
			buf_puts(b, nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))]);
		buf_putc(b, alphabet[pick(d, sizeof(alphabet) - 1)]);
	}
	b->len = len;
	b->data[len] = '\0';
	/* A cut may leave a NUL-free but broken UTF-8 tail: hostile too. */
}

/* A label of a host name, up to 63 letters. */
static void
put_label(struct driver *d, struct buf *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_putc(b, (char)('a' + pick(d, 26)));
}

/* A host name, often at or past its limits. */
static char *
host_name(struct driver *d)
{
	struct buf b;
	size_t n;

	buf_init(&b);
	switch (pick(d, 9)) {
	case 0:
	case 6:
	case 7:
	case 8:
		buf_printf(&b, "h%zu", pick(d, 6));
		break;
	case 1:	/* 253 characters: four labels of 63 and one of 1 */
		for (int i = 0; i < 4; i++) {
			put_label(d, &b, 63);
			buf_putc(&b, '.');
		}
		put_label(d, &b, 1);
		break;
	case 2:	/* 254: one too many */
		for (int i = 0; i < 4; i++) {
			put_label(d, &b, 63);
			buf_putc(&b, '.');
		}
		put_label(d, &b, 2);
		break;
	case 3:
		put_label(d, &b, 64);
		break;
	case 4:
		n = pick(d, 4);
		buf_printf(&b, "%s", n == 0 ? "127.0.0.1" : n == 1 ? "::1" :
		    n == 2 ? "10.0.0.1" : "fe80::1");
		break;
	default:
		buf_puts(&b, nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))]);
	}
	return buf_detach(&b);
}

/* Any text: a word, a hostile value, or a long run up to 100,000 bytes. */
static char *
text(struct driver *d)
{
	static const size_t lengths[] = { 63, 64, 65, 190, 253, 254, 999, 1000,
	    1001, 1023, 1024, 1025, 4096, 100000 };
	struct buf b;

	buf_init(&b);
	switch (pick(d, 5)) {
	case 0:
	case 1:
		buf_puts(&b, nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))]);
		break;
	case 2:
		buf_puts(&b, nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))]);
		buf_puts(&b, nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))]);
		break;
	case 3:
		put_run(d, &b, lengths[pick(d, sizeof(lengths) / sizeof(lengths[0]))]);
		break;
	default:
		put_run(d, &b, pick(d, 300));
	}
	return buf_detach(&b);
}

/* An id of the procedure, or something like one. */
static const char *
item_id(struct driver *d)
{
	int step = model_current_step(&d->s.model);

	if (pick(d, 6) == 0)
		return nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))];
	if (step < STEP_COUNT && pick(d, 2) == 0)
		return guide_items[guide_steps[step].first_item +
		    pick(d, guide_steps[step].nitems)].id;
	return guide_items[pick(d, guide_nitems)].id;
}

static const char *
step_id(struct driver *d)
{
	if (pick(d, 6) == 0)
		return nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))];
	return guide_steps[pick(d, STEP_COUNT)].id;
}

/* A field of a host change: unchanged, cleared, valid or hostile. */
static char *
field(struct driver *d, const char *const *good, size_t ngood)
{
	switch (pick(d, 8)) {
	case 0:
	case 1:
		return NULL;
	case 2:
		return xstrdup("");
	case 3:
		return text(d);
	default:
		return xstrdup(good[pick(d, ngood)]);
	}
}

/* ---- the check of the promise ---- */

static char *
file_bytes(const char *path, size_t *len)
{
	struct fsio_error e;
	char *data;

	if (fsio_read(path, SCHEMA_FILE_MAX, &data, len, &e) != FSIO_OK)
		return NULL;
	return data;
}

static char *
model_text(const struct model *m)
{
	struct buf b;

	buf_init(&b);
	if (state_serialize(m, &b, NULL) < 0) {
		buf_free(&b);
		return xstrdup("(refused by the writer)");
	}
	return buf_detach(&b);
}

/* After an accepted action: the file loads, and saves back byte for byte. */
static void
check_accepted(struct driver *d, const char *what)
{
	struct model m;
	struct buf b;
	char *data, *err = NULL;
	size_t len;

	if ((data = file_bytes(d->path, &len)) == NULL) {
		failed(d, "%s: accepted, but no state file to read", what);
		return;
	}
	model_init(&m);
	if (state_parse(d->path, data, len, &m, &err) != STATE_OK) {
		failed(d, "%s: accepted, but the state no longer loads:\n%s", what, err);
		free(err);
	} else {
		buf_init(&b);
		if (state_serialize(&m, &b, &err) < 0) {
			failed(d, "%s: loaded, but cannot be written back: %s", what, err);
			free(err);
		} else if (b.len != len || memcmp(b.data, data, len) != 0)
			failed(d, "%s: the state does not save back byte for byte", what);
		buf_free(&b);
	}
	if (d->s.disk == NULL || d->s.disklen != len || memcmp(d->s.disk, data, len) != 0)
		failed(d, "%s: the session's copy differs from the file", what);
	model_free(&m);
	free(data);
	d->accepted++;
}

/* After a refused one: the file and the model are as they were. */
static void
check_refused(struct driver *d, const char *what, const char *before,
    size_t before_len, const char *model_before)
{
	size_t len = 0;
	char *data = file_bytes(d->path, &len), *now = model_text(&d->s.model);

	if ((data == NULL) != (before == NULL) ||
	    (data != NULL && (len != before_len || memcmp(data, before, len) != 0)))
		failed(d, "%s: refused, but the state file changed", what);
	if (strcmp(now, model_before) != 0)
		failed(d, "%s: refused, but the model in memory changed", what);
	free(data);
	free(now);
	d->refused++;
}

/* ---- actions ---- */

enum outcome { DONE_OK, DONE_REFUSED, DONE_SKIPPED };

static enum outcome
finish(struct driver *d, enum act_status st, char *err)
{
	free(err);
	if (st != ACT_OK) {
		session_abort(&d->s);
		return DONE_REFUSED;
	}
	err = NULL;
	if (session_commit(&d->s, &err) != STATE_OK) {
		free(err);
		return DONE_REFUSED;
	}
	return DONE_OK;
}

static enum outcome
act_host(struct driver *d, const struct actor *a)
{
	static const char *const roles[] = { "backend", "agent-handler",
	    "console", "sql,syslog", "backend,agent-handler,console" };
	static const char *const versions[] = { "2.6.4", "2.7.1", "2.5.9", "8.0.11" };
	static const char *const ports[] = { "tcp/1433,udp/1434", "tcp/1468" };
	char *name = host_name(d), *err = NULL, *f[7];
	struct host_change c;
	enum act_status st;
	size_t kind = pick(d, 3);

	f[0] = field(d, roles, 5);
	f[1] = field(d, (const char *const[]){ "127.0.0.1", "::1", "h1" }, 3);
	f[2] = field(d, versions, 4);
	f[3] = field(d, versions, 4);
	f[4] = field(d, versions, 4);
	f[5] = field(d, ports, 2);
	f[6] = field(d, ports, 2);
	c.roles = f[0];
	c.address = f[1];
	c.version = f[2];
	c.aspnetcore = f[3];
	c.desktop = f[4];
	c.sql_ports = f[5];
	c.syslog_ports = f[6];
	st = kind == 0 ? act_host_add(&d->s.model, a, name, &c, &err) :
	    kind == 1 ? act_host_set(&d->s.model, a, name, &c, &err) :
	    act_host_remove(&d->s.model, a, name, &err);
	for (int i = 0; i < 7; i++)
		free(f[i]);
	free(name);
	return finish(d, st, err);
}

static enum outcome
act_reasoned(struct driver *d, const struct actor *a)
{
	char *reason = pick(d, 5) == 0 ? NULL : text(d), *err = NULL, *name;
	enum act_status st;

	switch (pick(d, 5)) {
	case 0:
		st = act_defer(&d->s.model, a, pick(d, 2) ? "policy" : step_id(d), reason, &err);
		break;
	case 1:
		st = act_reopen(&d->s.model, a, step_id(d), reason, &err);
		break;
	case 2:
		st = act_waive(&d->s.model, a, pick(d, 2) ? "firewall-dual.probe" :
		    item_id(d), reason, &err);
		break;
	case 3:
		name = pick(d, 2) ? xasprintf("pc-%zu", pick(d, 8)) : text(d);
		st = act_exclude(&d->s.model, a, name, reason, &err);
		free(name);
		break;
	default:
		name = pick(d, 2) ? xasprintf("PC-%zu", pick(d, 8)) : text(d);
		st = act_include(&d->s.model, a, name, &err);
		free(name);
	}
	free(reason);
	return finish(d, st, err);
}

static enum outcome
act_tick(struct driver *d, const struct actor *a)
{
	char *note = pick(d, 2) ? text(d) : NULL, *err = NULL;
	const char *id = item_id(d);
	enum act_status st;

	if (pick(d, 4) == 0)
		st = act_unconfirm(&d->s.model, a, id, &err);
	else
		st = act_confirm(&d->s.model, a, id, note, &err);
	free(note);
	return finish(d, st, err);
}

static enum outcome
act_next_step(struct driver *d, const struct actor *a)
{
	struct findings f;
	enum act_status st;

	findings_init(&f);
	st = act_next(&d->s.model, a, &f);
	findings_free(&f);
	return finish(d, st, NULL);
}

static enum outcome
act_set(struct driver *d, const struct actor *a)
{
	static const char *const names[] = { "runtime-minimum", "inventory-max-age",
	    "agent-networks", "siem-sources" };
	static const char *const good[] = { "8.0.12", "48", "10.0.0.0/8,192.0.2.7", "" };
	char *err = NULL, *value;
	const char *name = pick(d, 8) == 0 ? "colour" : names[pick(d, 4)];
	enum act_status st;

	if (pick(d, 3) == 0) {
		/* A long list of networks, close to and past the limit. */
		struct buf b;
		size_t n = 60 + pick(d, 20);

		buf_init(&b);
		for (size_t i = 0; i < n; i++)
			buf_printf(&b, "%s10.%zu.0.0/16", i ? "," : "", i);
		value = buf_detach(&b);
	} else
		value = pick(d, 2) ? xstrdup(good[pick(d, 4)]) : text(d);
	st = act_setting(&d->s.model, a, name, value, &err);
	free(value);
	return finish(d, st, err);
}

/* An agent list written to a file whose name is itself hostile, then imported. */
static enum outcome
act_agents(struct driver *d, const struct actor *a)
{
	struct import_opts o = { NULL, NULL, NULL };
	struct inventory inv;
	struct buf csv, name;
	char *path, *err = NULL;
	size_t rows = pick(d, 40);
	enum outcome r;
	int fd;

	buf_init(&name);
	buf_puts(&name, nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))]);
	for (size_t i = 0; i < name.len; i++)
		if (name.data[i] == '/' || name.data[i] == '\0')
			name.data[i] = '_';
	path = xasprintf("%s/agents-%s.csv", d->dir, name.data);
	buf_free(&name);
	buf_init(&csv);
	buf_puts(&csv, pick(d, 2) ? "Nom de la machine;Version\r\n" : "name,version\n");
	for (size_t i = 0; i < rows; i++) {
		char *n = pick(d, 4) ? xasprintf("pc-%zu", pick(d, 12)) : text(d);
		const char *v = nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))];

		for (char *p = n; *p != '\0'; p++)
			if (*p == '"' || *p == ',' || *p == ';' || *p == '\n' || *p == '\r')
				*p = '_';
		buf_printf(&csv, "\"%s\",%s\n", n, pick(d, 2) ? "2.7.1" :
		    strpbrk(v, "\",;\r\n") == NULL ? v : "2.6.4");
		free(n);
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, csv.data, csv.len) != (ssize_t)csv.len) {
		if (fd >= 0)
			close(fd);
		buf_free(&csv);
		free(path);
		return DONE_SKIPPED;
	}
	close(fd);
	buf_free(&csv);
	if (inventory_import(path, &o, &inv, &err) != IMPORT_OK) {
		free(err);
		unlink(path);
		free(path);
		session_abort(&d->s);
		return DONE_REFUSED;
	}
	unlink(path);
	free(path);
	r = finish(d, act_import(&d->s.model, a, &inv, &err), err);
	inventory_free(&inv);
	return r;
}

/* A probe's results, made up: the network is not touched. */
static enum outcome
act_probe(struct driver *d, const struct actor *a)
{
	int step = model_current_step(&d->s.model);
	struct endpoint *v;
	size_t n;

	probe_endpoints(&d->s.model, step, &v, &n);
	for (size_t i = 0; i < n; i++) {
		v[i].result = (enum probe_result)pick(d, 4);
		v[i].ok = pick(d, 3) != 0;
		v[i].ms = (unsigned)pick(d, 3000);
	}
	if (probe_record(&d->s.model, step, v, n, a) < 0) {
		probe_free(v, n);
		session_abort(&d->s);
		return DONE_REFUSED;
	}
	probe_free(v, n);
	return finish(d, ACT_OK, NULL);
}

/*
 * What an operator does to get on: an environment that passes, every tick
 * of the current step, versions as the step needs them.  Without it, the
 * random walk would rarely leave the first steps.
 */
static enum outcome
act_walk(struct driver *d, const struct actor *a)
{
	static const char *const hosts[][2] = {
		{ "h0", "backend,agent-handler" }, { "h1", "console" },
		{ "h2", "agent-handler" },
	};
	int step = model_current_step(&d->s.model);
	const char *v = step >= STEP_BACKOFFICE ? "2.7.1" : "2.6.4";
	char *err = NULL;

	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		struct host_change c = { .roles = hosts[i][1], .version = v,
		    .aspnetcore = "8.0.11", .desktop = "8.0.11" };

		if (model_host_find(&d->s.model, hosts[i][0]) == NULL)
			act_host_add(&d->s.model, a, hosts[i][0], &c, &err);
		else
			act_host_set(&d->s.model, a, hosts[i][0], &c, &err);
		free(err);
		err = NULL;
	}
	if (step < STEP_COUNT) {
		const struct step_def *st = &guide_steps[step];

		for (size_t i = st->first_item; i < st->first_item + st->nitems; i++) {
			if (guide_items[i].kind == ITEM_TICK && guide_item_applies(i, &d->s.model))
				act_confirm(&d->s.model, a, guide_items[i].id, NULL, &err);
			free(err);
			err = NULL;
		}
	}
	return finish(d, ACT_OK, NULL);
}

/* Another operator changes the state meanwhile, from a session of their own. */
static void
other_operator(struct driver *d)
{
	struct session o;
	struct actor a;
	char *err = NULL;

	setenv("SES_MIGRATE_OPERATOR", pick(d, 2) ? "bob" :
	    nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))], 1);
	if (session_open(&o, d->path, &err) != STATE_OK) {
		failed(d, "a second session cannot open the state: %s", err);
		free(err);
		session_close(&o);
		return;
	}
	if (session_begin(&o, &err) == STATE_OK) {
		session_actor(&o, &a);
		if (act_confirm(&o.model, &a, "logs.agent-logs", "from elsewhere", &err) == ACT_OK)
			session_commit(&o, &err);
		else
			session_abort(&o);
	}
	free(err);
	session_close(&o);
	setenv("SES_MIGRATE_OPERATOR", "tester", 1);
}

void
driver_init(struct driver *d, uint64_t seed, const uint8_t *data, size_t len)
{
	char tmpl[] = "/tmp/ses-driver-XXXXXX", *err = NULL;

	memset(d, 0, sizeof(*d));
	d->rng = seed != 0 ? seed : 88172645463325252ULL;
	d->data = data;
	d->len = len;
	d->dir = xstrdup(mkdtemp(tmpl) != NULL ? tmpl : "/tmp");
	d->path = xasprintf("%s/migration.ini", d->dir);
	d->clock = START;
	setenv("SES_MIGRATE_OPERATOR", "tester", 1);
	if (session_open(&d->s, d->path, &err) == STATE_OK)
		d->open = 1;
	else
		failed(d, "cannot open a new state: %s", err);
	free(err);
}

int
driver_step(struct driver *d)
{
	static const char *const names[] = { "host", "reason", "tick", "next",
	    "setting", "import", "probe", "walk", "other", "reopen-session" };
	char *before, *model_before, *when, *err = NULL;
	size_t before_len = 0, which;
	enum outcome r;
	struct actor a;

	if (!d->open || d->failure != NULL || (d->data != NULL && d->pos >= d->len))
		return 0;
	d->clock += 1 + (long)pick(d, 600);
	when = time_format(d->clock);
	setenv("SES_MIGRATE_NOW", when, 1);
	free(when);
	which = pick(d, sizeof(names) / sizeof(names[0]));
	if (which == 8) {
		other_operator(d);
		return 1;
	}
	if (which == 9) {
		/* Closed and opened again, as a later command would. */
		session_close(&d->s);
		setenv("SES_MIGRATE_OPERATOR", pick(d, 2) ? "carol" :
		    nasty[pick(d, sizeof(nasty) / sizeof(nasty[0]))], 1);
		d->open = session_open(&d->s, d->path, &err) == STATE_OK;
		if (!d->open)
			failed(d, "the state no longer opens: %s", err);
		free(err);
		return d->open;
	}
	if (session_begin(&d->s, &err) != STATE_OK) {
		failed(d, "%s: cannot begin a change: %s", names[which], err);
		free(err);
		return 0;
	}
	before = file_bytes(d->path, &before_len);
	model_before = model_text(&d->s.model);
	if (before != NULL && strcmp(model_before, before) != 0)
		failed(d, "%s: after begin, the model is not what the file holds", names[which]);
	session_actor(&d->s, &a);
	switch (which) {
	case 0: r = act_host(d, &a); break;
	case 1: r = act_reasoned(d, &a); break;
	case 2: r = act_tick(d, &a); break;
	case 3: r = act_next_step(d, &a); break;
	case 4: r = act_set(d, &a); break;
	case 5: r = act_agents(d, &a); break;
	case 6: r = act_probe(d, &a); break;
	default: r = act_walk(d, &a); break;
	}
	if (d->s.lock.fd >= 0)
		failed(d, "%s: the lock is still held after the change", names[which]);
	if (r == DONE_OK)
		check_accepted(d, names[which]);
	else if (r == DONE_REFUSED)
		check_refused(d, names[which], before, before_len, model_before);
	else
		session_abort(&d->s);
	free(before);
	free(model_before);
	return d->failure == NULL;
}

void
driver_free(struct driver *d)
{
	char *cmd;

	if (d->open)
		session_close(&d->s);
	/* The scratch directory holds only what the driver wrote. */
	cmd = xasprintf("%s/migration.ini", d->dir);
	unlink(cmd);
	free(cmd);
	cmd = xasprintf("%s/migration.ini.prev", d->dir);
	unlink(cmd);
	free(cmd);
	cmd = xasprintf("%s/migration.ini.lock", d->dir);
	unlink(cmd);
	free(cmd);
	rmdir(d->dir);
	free(d->dir);
	free(d->path);
	free(d->failure);
	unsetenv("SES_MIGRATE_NOW");
	memset(d, 0, sizeof(*d));
}
