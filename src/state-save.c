/*
 * Writing the state.  The writer never produces a line the loader would
 * refuse: values are escaped (backslash, control bytes, ';', spaces at the
 * ends of a line) and long values are cut into numbered continuation keys
 * ("note", "note+2", ...) at character boundaries.
 */
#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsio.h"
#include "i18n.h"
#include "state.h"
#include "xalloc.h"

/* Room for a value on one line: "key.NN = " takes the rest. */
#define CHUNK_MAX (STATE_LINE_MAX - 40)

/* Length of the character (UTF-8 sequence or byte) starting at s. */
static size_t
char_len(const unsigned char *s, size_t left)
{
	size_t n = 1;

	if (*s >= 0xc0)
		while (n < left && n < 4 && (s[n] & 0xc0) == 0x80)
			n++;
	return n;
}

/* The escaped form of one character, as the loader decodes it. */
static size_t
escape_char(const unsigned char *s, size_t n, char out[8])
{
	static const char hex[] = "0123456789abcdef";

	if (n == 1 && (*s < 0x20 || *s == 0x7f || *s == ';' || *s == '\\')) {
		if (*s == '\\') {
			memcpy(out, "\\\\", 2);
			return 2;
		}
		out[0] = '\\';
		out[1] = 'x';
		out[2] = hex[*s >> 4];
		out[3] = hex[*s & 15];
		return 4;
	}
	memcpy(out, s, n);
	return n;
}

/* A value that goes on one line as it is. */
static int
plain(const char *v, size_t len)
{
	if (len > CHUNK_MAX || (len > 0 && (v[0] == ' ' || v[len - 1] == ' ')))
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c < 0x20 || c == 0x7f || c == ';' || c == '\\')
			return 0;
	}
	return 1;
}

/*
 * Write key = value, cut into continuation lines when it is long.
 * libinih strips spaces at both ends of a value, so a space that would
 * start or end a line is written \x20.
 */
static void
put(struct buf *b, const char *key, const char *value)
{
	const unsigned char *s = (const unsigned char *)value;
	size_t left = strlen(value), used = 0;
	unsigned part = 1;

	buf_puts(b, key);
	buf_puts(b, " = ");
	if (plain(value, left)) {
		/* Most values: one line, nothing to escape. */
		buf_add(b, value, left);
		buf_putc(b, '\n');
		return;
	}
	while (left > 0) {
		size_t n = char_len(s, left), en;
		char e[8];

		en = escape_char(s, n, e);
		if (used + en > CHUNK_MAX) {
			if (b->data[b->len - 1] == ' ') {
				/* The line would end with a space: the last one is escaped. */
				b->len--;
				buf_puts(b, "\\x20");
			}
			buf_printf(b, "\n%s+%u = ", key, ++part);
			used = 0;
		}
		if (*s == ' ' && (used == 0 || left == 1)) {
			memcpy(e, "\\x20", 4);
			en = 4;
		}
		buf_add(b, e, en);
		used += en;
		s += n;
		left -= n;
	}
	buf_putc(b, '\n');
}

static void
put_opt(struct buf *b, const char *key, const char *value)
{
	if (value != NULL)
		put(b, key, value);
}

static const char *const status_names[] = {
	[STATUS_PENDING] = "pending",
	[STATUS_ACTIVE] = "active",
	[STATUS_DONE] = "done",
	[STATUS_DEFERRED] = "deferred",
};

/* Write one entry of a list section: "N = VALUE". */
static void
put_entry(struct buf *b, size_t n, const char *value)
{
	char key[24];

	snprintf(key, sizeof(key), "%zu", n);
	put(b, key, value);
}

/* The inventory summary: a header, then one list section per kind. */
static void
inventory_serialize(const struct inventory *inv, struct buf *b)
{
	struct buf e;

	if (!inv->present)
		return;
	buf_puts(b, "\n[inventory]\n");
	put_opt(b, "file", inv->file);
	put_opt(b, "sha256", inv->sha256);
	put(b, "imported-at", inv->imported_at);
	put_opt(b, "imported-by", inv->imported_by);
	buf_printf(b, "total = %lu\n", inv->total);
	buf_printf(b, "below-total = %lu\nunreadable-total = %lu\nduplicates-total = %lu\n",
	    inv->below_total, inv->unreadable_total, inv->duplicates_total);
	buf_init(&e);
	if (inv->nversions > 0)
		buf_puts(b, "\n[inventory-versions]\n");
	for (size_t i = 0; i < inv->nversions; i++) {
		buf_reset(&e);
		buf_printf(&e, "%s %lu", inv->versions[i].version, inv->versions[i].count);
		put_entry(b, i + 1, e.data);
	}
	if (inv->nbelow > 0)
		buf_puts(b, "\n[inventory-below]\n");
	for (size_t i = 0; i < inv->nbelow; i++) {
		buf_reset(&e);
		buf_printf(&e, "%s %s", inv->below[i].version, inv->below[i].name);
		put_entry(b, i + 1, e.data);
	}
	if (inv->nunreadable > 0)
		buf_puts(b, "\n[inventory-unreadable]\n");
	for (size_t i = 0; i < inv->nunreadable; i++) {
		buf_reset(&e);
		buf_printf(&e, "%lu %s", inv->unreadable[i].line, inv->unreadable[i].name);
		put_entry(b, i + 1, e.data);
	}
	if (inv->nduplicates > 0)
		buf_puts(b, "\n[inventory-duplicates]\n");
	for (size_t i = 0; i < inv->nduplicates; i++)
		put_entry(b, i + 1, inv->duplicates[i]);
	buf_free(&e);
}

void
state_serialize(const struct model *m, struct buf *b)
{
	buf_puts(b, "; ses-migrate state file, see ses-migrate.ini(5).\n"
	    "; Written after every change; edit it only while no ses-migrate runs.\n");
	buf_printf(b, "\n[migration]\nformat = %d\n", m->format);
	put_opt(b, "created", m->created_at);
	put_opt(b, "created-by", m->created_by);

	buf_puts(b, "\n[settings]\n");
	put(b, "runtime-minimum", m->runtime_min);
	buf_printf(b, "inventory-max-age = %u\n", m->inventory_max_age);
	put_opt(b, "agent-networks", m->agent_networks);
	put_opt(b, "siem-sources", m->siem_sources);

	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];
		char *roles = role_format_list(h->roles);

		buf_printf(b, "\n[host.%zu]\n", i + 1);
		put(b, "name", h->name);
		put(b, "roles", roles);
		put_opt(b, "address", h->address);
		put_opt(b, "version", h->version);
		put_opt(b, "aspnetcore", h->aspnetcore);
		put_opt(b, "desktop-runtime", h->desktop);
		put_opt(b, "sql-ports", h->sql_ports);
		put_opt(b, "syslog-ports", h->syslog_ports);
		free(roles);
	}

	for (int i = 0; i < STEP_COUNT; i++) {
		const struct step_record *r = &m->steps[i];

		if (r->status == STATUS_PENDING)
			continue;
		buf_printf(b, "\n[step.%s]\n", guide_steps[i].id);
		put(b, "status", status_names[r->status]);
		put_opt(b, "by", r->by);
		put_opt(b, "at", r->at);
		put_opt(b, "reason", r->reason);
	}

	for (size_t i = 0; i < guide_nitems; i++) {
		const struct mark *k = &m->marks[i];

		if (k->at == NULL)
			continue;
		buf_printf(b, "\n[item.%s]\n", guide_items[i].id);
		put_opt(b, "by", k->by);
		put(b, "at", k->at);
		put_opt(b, "note", k->note);
	}

	for (size_t i = 0; i < guide_nitems; i++) {
		const struct evidence *e = &m->evidence[i];

		if (e->at == NULL && e->waiver == NULL)
			continue;
		buf_printf(b, "\n[evidence.%s]\n", guide_items[i].id);
		put_opt(b, "at", e->at);
		if (e->at != NULL)
			put(b, "result", e->ok ? "pass" : "fail");
		put_opt(b, "failed", e->failed);
		put_opt(b, "waiver", e->waiver);
		put_opt(b, "waived-by", e->waived_by);
		put_opt(b, "waived-at", e->waived_at);
	}

	inventory_serialize(&m->inventory, b);

	for (size_t i = 0; i < m->nexclusions; i++) {
		const struct exclusion *x = &m->exclusions[i];

		buf_printf(b, "\n[exclusion.%zu]\n", i + 1);
		put(b, "name", x->name);
		put(b, "reason", x->reason);
		put_opt(b, "by", x->by);
		put_opt(b, "at", x->at);
	}

	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];

		buf_printf(b, "\n[event.%zu]\n", i + 1);
		put(b, "at", e->at);
		put(b, "by", e->by);
		put(b, "code", e->code);
		put_opt(b, "subject", e->subject);
		put_opt(b, "reason", e->reason);
	}
}

/* Serialize and replace the file atomically; the model is left as it is. */
enum state_status
state_save(const char *path, const struct model *m, char **err)
{
	struct fsio_error e;
	struct buf b;
	char *dir;
	enum fsio_status st;

	buf_init(&b);
	state_serialize(m, &b);
	dir = fsio_dirname(path);
	st = fsio_mkdirs(dir, &e);
	if (st == FSIO_OK)
		st = fsio_replace(path, b.data, b.len, &e);
	free(dir);
	buf_free(&b);
	if (st != FSIO_OK && e.replaced) {
		/* TRANSLATORS: %1$s is the file, %2$s a system call such as "fsync", %3$s the system's error. */
		*err = xasprintf(_("%1$s: the change is written but could not be made safe (%2$s: %3$s); it may not survive a power cut."),
		    path, e.what, strerror(e.errnum));
		return STATE_IOERR;
	}
	if (st != FSIO_OK) {
		/* TRANSLATORS: %1$s is the file, %2$s a system call such as "rename", %3$s the system's error. */
		*err = xasprintf(_("%1$s: cannot save the state (%2$s: %3$s); nothing was changed on disk."),
		    path, e.what, strerror(e.errnum));
		return STATE_IOERR;
	}
	return STATE_OK;
}

/* $XDG_STATE_HOME/ses-migrate/migration.ini, or under ~/.local/state. */
char *
state_default_path(char **err)
{
	const char *base = getenv("XDG_STATE_HOME");
	const char *home;

	/* The XDG spec says relative values are to be ignored. */
	if (base != NULL && base[0] == '/')
		return xasprintf("%s/ses-migrate/migration.ini", base);
	home = getenv("HOME");
	if (home == NULL || home[0] != '/') {
		struct passwd *pw = getpwuid(getuid());

		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL || home[0] != '/') {
		*err = xstrdup(_("Cannot find the home directory for the default state file; give one with -f FILE."));
		return NULL;
	}
	return xasprintf("%s/.local/state/ses-migrate/migration.ini", home);
}
