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

#include "clock.h"
#include "fsio.h"
#include "i18n.h"
#include "schema.h"
#include "state.h"
#include "xalloc.h"

/* Room for a value on one line: "key.NN = " takes the rest. */
#define CHUNK_MAX (SCHEMA_LINE_MAX - 40)

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
	/* The bytes that need escaping: controls, DEL, ';' and '\\'. */
	static const unsigned char escaped[256] = {
		[0x01] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, [0x00] = 1, [';'] = 1, ['\\'] = 1,
		[0x7f] = 1,
	};
	const unsigned char *p = (const unsigned char *)v;

	if (len > CHUNK_MAX || (len > 0 && (v[0] == ' ' || v[len - 1] == ' ')))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (escaped[p[i]])
			return 0;
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

/* Where the writer stands: the output, and the first value it refused. */
struct writer {
	struct buf	*b;
	const struct migration *mig;
	time_t		 now;
	char		*err;
	const char	*section;
	struct buf	 entry;		/* the entry being formatted */
};

/* Check a value against its key before it is written; the first refusal is kept. */
static int
allowed(struct writer *w, const struct schema_key *k, const char *v)
{
	char *why = NULL;

	if (schema_check(k, v, w->mig, w->now, &why))
		return 1;
	if (w->err == NULL)
		/* TRANSLATORS: %1$s a section, %2$s a key, %3$s why the value is refused. */
		w->err = xasprintf(_("Nothing was changed: [%1$s] %2$s cannot be saved: %3$s"),
		    w->section, k->name, why);
	free(why);
	return 0;
}

/* A section header; refusals name the section. */
static void
begin(struct writer *w, const char *name)
{
	buf_puts(w->b, "\n[");
	buf_puts(w->b, name);
	buf_puts(w->b, "]\n");
	w->section = name;
}

/*
 * Every key of a section whose field is set, in the schema's order;
 * checked: its values were read from the state, and checked then.
 */
static void
put_checked_keys(struct writer *w, const struct schema_section *d, const void *obj,
    int checked)
{
	for (const struct schema_key *const *k = d->keys; *k != NULL; k++) {
		char num[SCHEMA_BUF];
		const char *v;

		if ((*k)->field == F_NONE ||
		    (v = schema_field_get(*k, obj, num)) == NULL)
			continue;
		if (checked || allowed(w, *k, v))
			put(w->b, (*k)->name, v);
	}
}

static void
put_keys(struct writer *w, const struct schema_section *d, const void *obj)
{
	put_checked_keys(w, d, obj, 0);
}

/* The schema of a section, by its name or its family's ("host."). */
static const struct schema_section *
def(const char *name)
{
	for (size_t i = 0; i < schema_nsections; i++)
		if (strcmp(schema_sections[i].name, name) == 0)
			return &schema_sections[i];
	abort();	/* the writer names only sections of the schema */
}

/* One entry of a list section, "N = FIELD FIELD...", its fields checked first. */
static void
put_entry(struct writer *w, const struct schema_section *d, size_t n,
    const char *const *fields, int checked)
{
	char key[24];
	size_t nf = 0;
	int ok = 1;

	while (d->fields[nf] != NULL) {
		if (!checked)
			ok &= allowed(w, d->fields[nf], fields[nf] != NULL ? fields[nf] : "");
		nf++;
	}
	if (!ok)
		return;
	buf_reset(&w->entry);
	schema_entry_format(&w->entry, fields, nf);
	ulong_text(key, n);
	put(w->b, key, w->entry.data);
}

/* A list section, if it has entries. */
static void
put_list_head(struct writer *w, const char *name, size_t n)
{
	if (n > 0)
		begin(w, name);
}

/* The inventory summary: a header, then one list section per kind. */
static void
inventory_serialize(struct writer *w, const struct inventory *inv)
{
	const struct schema_section *below = def("inventory-below");
	char num[32];

	if (!inv->present)
		return;
	begin(w, "inventory");
	put_keys(w, def("inventory"), inv);
	put_list_head(w, "inventory-versions", inv->nversions);
	for (size_t i = 0; i < inv->nversions; i++) {
		const char *f[] = { inv->versions[i].version, num };

		snprintf(num, sizeof(num), "%lu", inv->versions[i].count);
		put_entry(w, def("inventory-versions"), i + 1, f, 0);
	}
	put_list_head(w, "inventory-below", inv->nbelow);
	for (size_t i = 0; i < inv->nbelow; i++) {
		const char *f[] = { inv->below[i].version, inv->below[i].name };

		/* Packed ones were read from the state, checked there, and never change. */
		put_entry(w, below, i + 1, f, inv->below_packed);
	}
	put_list_head(w, "inventory-unreadable", inv->nunreadable);
	for (size_t i = 0; i < inv->nunreadable; i++) {
		const char *f[] = { num, inv->unreadable[i].name };

		snprintf(num, sizeof(num), "%lu", inv->unreadable[i].line);
		put_entry(w, def("inventory-unreadable"), i + 1, f, 0);
	}
	put_list_head(w, "inventory-duplicates", inv->nduplicates);
	for (size_t i = 0; i < inv->nduplicates; i++) {
		const char *f[] = { inv->duplicates[i] };

		put_entry(w, def("inventory-duplicates"), i + 1, f, 0);
	}
}

/* "N = AT BY CODE SUBJECT", then what only some events have. */
static void
history_serialize(struct writer *w, const struct model *m)
{
	const struct schema_section *d = def("history");
	char key[40] = "0";
	size_t klen = 1;

	put_list_head(w, "history", m->nevents);
	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];
		const char *f[] = { e->at, e->by, e->code, e->subject };
		char num[32];

		/* The event's number, counted on from i's (a suffix after it goes). */
		klen = decimal_next(key, klen);
		key[klen] = '\0';
		/*
		 * An event as it was read, unchanged, with its number: its
		 * lines as the loader read them (it keeps no CR-LF ones).
		 * Most of a history, copied.
		 */
		if (e->checked && e->src != NULL && e->srclen > klen &&
		    memcmp(e->src, key, klen) == 0 &&
		    (e->src[klen] == ' ' || e->src[klen] == '=' || e->src[klen] == ':')) {
			buf_add(w->b, e->src, e->srclen);
			if (e->src[e->srclen - 1] != '\n')
				buf_putc(w->b, '\n');
			continue;
		}
		put_entry(w, d, i + 1, f, e->checked);
		if (e->reason != NULL && (e->checked ||
		    allowed(w, schema_key_find(d, "reason"), e->reason))) {
			memcpy(key + ulong_text(key, i + 1), ".reason", 8);
			put(w->b, key, e->reason);
		}
		if (e->count <= 1)
			continue;
		snprintf(num, sizeof(num), "%lu", e->count);
		if (e->checked || (allowed(w, schema_key_find(d, "count"), num) &&
		    allowed(w, schema_key_find(d, "last"), e->last != NULL ? e->last : ""))) {
			snprintf(key, sizeof(key), "%zu.count", i + 1);
			put(w->b, key, num);
			snprintf(key, sizeof(key), "%zu.last", i + 1);
			put(w->b, key, e->last);
		}
	}
}

int
state_serialize(const struct model *m, struct buf *b, char **err)
{
	struct writer w = { b, m->mig, clock_now(), NULL, "migration", { NULL, 0, 0 } };
	const struct schema_section *exclusion = def("exclusion.");
	char name[64];

	buf_init(&w.entry);
	buf_puts(b, "; ses-migrate state file, see ses-migrate.ini(5).\n"
	    "; Written after every change; edit it only while no ses-migrate runs.\n");
	buf_printf(b, "\n[migration]\nformat = %d\n", STATE_FORMAT);
	put(b, "id", m->mig->id);
	put_keys(&w, def("migration"), m);

	begin(&w, "settings");
	put_keys(&w, def("settings"), m);

	for (size_t i = 0; i < m->nhosts; i++) {
		snprintf(name, sizeof(name), "host.%zu", i + 1);
		begin(&w, name);
		put_keys(&w, def("host."), &m->hosts[i]);
	}
	for (size_t i = 0; i < m->mig->nsteps; i++) {
		if (m->steps[i].status == STATUS_PENDING && m->steps[i].note == NULL)
			continue;
		snprintf(name, sizeof(name), "step.%s", m->mig->steps[i].id);
		begin(&w, name);
		put_keys(&w, def("step."), &m->steps[i]);
	}
	for (size_t i = 0; i < m->mig->nitems; i++) {
		if (m->marks[i].at == NULL)
			continue;
		snprintf(name, sizeof(name), "item.%s", m->mig->items[i].id);
		begin(&w, name);
		put_keys(&w, def("item."), &m->marks[i]);
	}
	for (size_t i = 0; i < m->mig->nitems; i++) {
		const struct evidence *e = &m->evidence[i];

		if (e->at == NULL && e->waiver == NULL)
			continue;
		snprintf(name, sizeof(name), "evidence.%s", m->mig->items[i].id);
		begin(&w, name);
		put_keys(&w, def("evidence."), e);
	}
	inventory_serialize(&w, &m->inventory);
	for (size_t i = 0; i < m->nexclusions; i++) {
		memcpy(name, "exclusion.", 10);
		ulong_text(name + 10, i + 1);
		begin(&w, name);
		/* Thousands in a large migration; one read from the state never changes. */
		put_checked_keys(&w, exclusion, &m->exclusions[i], m->exclusions[i].packed);
	}
	history_serialize(&w, m);
	buf_free(&w.entry);
	if (w.err == NULL && b->len > SCHEMA_FILE_MAX)
		w.err = xasprintf(_("Nothing was changed: the state would be larger than %d MiB."),
		    SCHEMA_FILE_MAX >> 20);
	if (w.err != NULL) {
		if (err != NULL)
			*err = w.err;
		else
			free(w.err);
		return -1;
	}
	return 0;
}

enum state_status
state_write(const char *path, const char *data, size_t len, int *replaced,
    char **err)
{
	struct fsio_error e;
	char *dir = fsio_dirname(path);
	enum fsio_status st;

	*replaced = 0;
	st = fsio_mkdirs(dir, &e);
	if (st == FSIO_OK)
		st = fsio_replace(path, data, len, &e);
	free(dir);
	if (st != FSIO_OK && e.replaced) {
		*replaced = 1;
		/* TRANSLATORS: %1$s is the file, %2$s a system call such as "fsync", %3$s the system's error. */
		*err = xasprintf(_("%1$s: the change is written but could not be made safe (%2$s: %3$s); it may not survive a power cut."),
		    path, e.what, strerror(e.errnum));
		return STATE_IOERR;
	}
	if (st == FSIO_REFUSED) {
		/* TRANSLATORS: %1$s%2$s is the file ses-migrate will not touch, %3$s why. */
		*err = xasprintf(_("%1$s%2$s: %3$s; nothing was changed. Move it out of the way, then try again."),
		    path, e.suffix != NULL ? e.suffix : "", _(e.what));
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

enum state_status
state_save(const char *path, const struct model *m, char **err)
{
	enum state_status st;
	int replaced;
	struct buf b;

	buf_init(&b);
	/* About what each thing takes in the file, so the text is not grown in steps. */
	buf_reserve(&b, 8192 + 512 * m->nhosts + 96 * m->nevents + 160 * m->nexclusions +
	    64 * (m->inventory.nbelow + m->inventory.nunreadable + m->inventory.nduplicates));
	if (state_serialize(m, &b, err) < 0) {
		buf_free(&b);
		return STATE_INVALID;
	}
	st = state_write(path, b.data, b.len, &replaced, err);
	buf_free(&b);
	return st;
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
