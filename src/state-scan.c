/*
 * The loader's first pass, over the raw bytes: it refuses, with their line
 * numbers, the lines libinih would silently mangle (see BUILD-NOTES: long
 * lines, NUL bytes, long section names, indented continuations, inline
 * comments, duplicate keys and sections), and records the line of every
 * key libinih will read, in order, so the second pass (which libinih calls
 * without a line number) can name the line of any value it rejects.  The
 * bulk sections it keeps from libinih, and hands their keys over itself;
 * the stragglers and the history, when every line is as the writer writes
 * them, all at once (state-plain.c).
 */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "state-loader.h"
#include "strmap.h"
#include "validate.h"
#include "xalloc.h"

/* Record "FILE:LINE: message". */
void
loader_error(struct loader *L, int line, const char *fmt, ...)
{
	va_list ap;

	if (++L->nerrors > LOADER_MAX_ERRORS)
		return;
	L->errlines[L->nerrors - 1].line = line;
	L->errlines[L->nerrors - 1].from = L->errors.len;
	buf_printf(&L->errors, "%s:%d: ", L->path, line);
	va_start(ap, fmt);
	buf_vprintf(&L->errors, fmt, ap);
	va_end(ap);
	buf_putc(&L->errors, '\n');
}

void
loader_errors_in_order(struct loader *L)
{
	size_t n = L->nerrors < LOADER_MAX_ERRORS ? (size_t)L->nerrors : LOADER_MAX_ERRORS;
	size_t order[LOADER_MAX_ERRORS];
	struct buf sorted;

	/* Stable: errors of one line stay in the order they were found. */
	for (size_t i = 0; i < n; i++) {
		size_t j = i;

		while (j > 0 && L->errlines[order[j - 1]].line > L->errlines[i].line) {
			order[j] = order[j - 1];
			j--;
		}
		order[j] = i;
	}
	buf_init(&sorted);
	for (size_t i = 0; i < n; i++) {
		size_t from = L->errlines[order[i]].from;
		size_t to = order[i] + 1 < n ? L->errlines[order[i] + 1].from : L->errors.len;

		buf_add(&sorted, L->errors.data + from, to - from);
	}
	buf_free(&L->errors);
	L->errors = sorted;
}

/* libinih's blanks within a line: space, and tab, VT, FF, CR (LF ends the line). */
static int
is_space(char c)
{
	return c == ' ' || ((unsigned char)(c - '\t') <= '\r' - '\t' && c != '\n');
}

/* Whether the text from p to end holds nothing but digits (or nothing). */
static int
only_digits(const char *p, const char *end)
{
	for (; p < end; p++)
		if ((unsigned char)(*p - '0') > 9)
			return 0;
	return 1;
}

/* The line at *p, up to stop: its text in [*start, *end), newline left out; *p goes past it. */
static void
next_line(const char **p, const char *stop, const char **start, const char **end)
{
	const char *nl = memchr(*p, '\n', (size_t)(stop - *p));

	*start = *p;
	*end = nl != NULL ? nl : stop;
	*p = nl != NULL ? nl + 1 : stop;
}

/* Where the text from start to end ends without its trailing blanks. */
static const char *
rtrim(const char *start, const char *end)
{
	while (end > start && is_space(end[-1]))
		end--;
	return end;
}

/*
 * The sections seen, to refuse one given twice.  A numbered one ([host.3],
 * [exclusion.4812]: thousands in a large state) is a bit in its kind's
 * bitmap, since its number is written one way only (no leading zero); the
 * others, and numbers past NUMBERED_BITS, are keys of an index.
 */
#define NUMBERED_BITS (1ul << 20)

struct sections_seen {
	struct strmap	 names;
	unsigned char	**bits;		/* per schema section, or NULL */
	size_t		*nbytes;
};

static void
sections_init(struct sections_seen *s)
{
	strmap_init(&s->names, 0);
	s->bits = xcalloc(schema_nsections, sizeof(*s->bits));
	s->nbytes = xcalloc(schema_nsections, sizeof(*s->nbytes));
}

static void
sections_free(struct sections_seen *s)
{
	strmap_free(&s->names);
	for (size_t k = 0; k < schema_nsections; k++)
		free(s->bits[k]);
	free(s->bits);
	free(s->nbytes);
}

/* 1 if the section (def, its suffix; name, len bytes) is new. */
static int
section_new(struct sections_seen *s, const struct schema_section *def,
    const char *suffix, const char *name, size_t len)
{
	unsigned long n;
	size_t k, byte;

	if (def->shape != SHAPE_NUMBERED || (n = strtoul(suffix, NULL, 10)) >= NUMBERED_BITS)
		return strmap_put(&s->names, name, len, 0);
	k = (size_t)(def - schema_sections);
	byte = n / 8;
	if (byte >= s->nbytes[k]) {
		size_t grown = s->nbytes[k] ? s->nbytes[k] : 64;

		while (grown <= byte)
			grown *= 2;
		s->bits[k] = xreallocarray(s->bits[k], grown, 1);
		memset(s->bits[k] + s->nbytes[k], 0, grown - s->nbytes[k]);
		s->nbytes[k] = grown;
	}
	if (s->bits[k][byte] & (1u << (n % 8)))
		return 0;
	s->bits[k][byte] |= (unsigned char)(1u << (n % 8));
	return 1;
}

/*
 * Check one section header line; start points at '['.  Its definition, or
 * NULL (an error said) if it cannot be read.
 */
static const struct schema_section *
scan_section(struct loader *L, int line, const char *start, const char *end,
    struct sections_seen *all)
{
	const char *close = memchr(start, ']', (size_t)(end - start));
	const struct schema_section *def = NULL;
	const char *suffix;
	size_t len;
	char name[SCHEMA_SECTION_MAX + 1];

	if (close == NULL) {
		loader_error(L, line, _("a section header must end with ']'."));
		return NULL;
	}
	for (const char *p = close + 1; p < end; p++) {
		if (!is_space(*p)) {
			loader_error(L, line, _("nothing may follow ']' on a section line."));
			return NULL;
		}
	}
	len = (size_t)(close - start - 1);
	if (strspn(start + 1, "abcdefghijklmnopqrstuvwxyz0123456789.-") < len)
		loader_error(L, line, _("a section name holds only lower-case letters, digits, '.' and '-'."));
	else if (len > SCHEMA_SECTION_MAX)
		loader_error(L, line, _("section name longer than %d characters."),
		    SCHEMA_SECTION_MAX);
	else {
		memcpy(name, start + 1, len);
		name[len] = '\0';
		if ((def = schema_section_find(name, &suffix)) == NULL)
			loader_error(L, line, _("unknown section [%s]."), name);
		else if (!section_new(all, def, suffix, name, len)) {
			loader_error(L, line, _("section [%s] appears twice."), name);
			def = NULL;
		}
	}
	return def;
}

/*
 * Whether libinih leaves this section to the first pass: the sections
 * that grow with the migration (the lists, one [exclusion.N] per agent
 * left out, format 1's [event.N]), and the hosts, fifty in a large one.
 * Events, and hosts, keep their order so.
 */
static int
bulk_section(const struct schema_section *def)
{
	return def->shape == SHAPE_LIST || strcmp(def->name, "exclusion.") == 0 ||
	    strcmp(def->name, "event.") == 0 || strcmp(def->name, "host.") == 0;
}

enum list_kind
loader_list_kind(const struct schema_section *def)
{
	static const struct {
		const char	*name;
		enum list_kind	 kind;
	} lists[] = {
		{ "inventory-versions", LIST_VERSIONS }, { "inventory-below", LIST_BELOW },
		{ "inventory-unreadable", LIST_UNREADABLE },
		{ "inventory-duplicates", LIST_DUPLICATES }, { "history", LIST_HISTORY },
	};

	if (def->shape != SHAPE_LIST)
		return LIST_NONE;
	for (size_t k = 0; k < sizeof(lists) / sizeof(*lists); k++)
		if (strcmp(def->name, lists[k].name) == 0)
			return lists[k].kind;
	abort();	/* a list of the schema this loader does not know */
}

/*
 * The keys of the section being read, to refuse one given twice: most
 * sections have a handful, compared in place; a longer one (notes in many
 * parts) goes to a hash index.
 */
#define FEW_KEYS 16

struct seen_keys {
	struct {
		const char	*key;
		size_t		 len;
	}		 few[FEW_KEYS];
	size_t		 n;
	struct strmap	 many;
};

/* 1 if the key is new to the section. */
static int
seen_put(struct seen_keys *s, const char *key, size_t len)
{
	if (s->n < FEW_KEYS) {
		for (size_t i = 0; i < s->n; i++)
			if (s->few[i].len == len && memcmp(s->few[i].key, key, len) == 0)
				return 0;
		s->few[s->n].key = key;
		s->few[s->n++].len = len;
		return 1;
	}
	if (s->n++ == FEW_KEYS)
		for (size_t i = 0; i < FEW_KEYS; i++)
			strmap_put(&s->many, s->few[i].key, s->few[i].len, 0);
	return strmap_put(&s->many, key, len, 0);
}

static void
seen_clear(struct seen_keys *s)
{
	if (s->n > FEW_KEYS)
		strmap_clear(&s->many);
	s->n = 0;
}

/* Whether the text from f to end is a format number above ours. */
static int
newer_format(const char *f, const char *end)
{
	while (f < end && is_space(*f))
		f++;
	return end - f > 0 && end - f < 10 &&
	    strspn(f, "0123456789") >= (size_t)(end - f) &&
	    strtol(f, NULL, 10) > STATE_FORMAT;
}

/*
 * A key line's parts as libinih sees them: the key ends before the first
 * '=' or ':' and its trailing blanks, the value starts after the blanks
 * that follow.  NULL if there is no separator.
 */
static const char *
key_split(const char *start, const char *end, const char **k_end, const char **v)
{
	const char *sep = start;

	while (sep < end && *sep != '=' && *sep != ':')
		sep++;
	if (sep == end)
		return NULL;
	for (*k_end = sep; *k_end > start && is_space((*k_end)[-1]); (*k_end)--)
		;
	for (*v = sep + 1; *v < end && is_space(**v); (*v)++)
		;
	return sep;
}

/* Where the scan is: the section and what kind it is. */
struct scan_at {
	int		 line;
	int		 section_line;
	int		 in_migration;
	enum list_kind	 list;		/* the list it is, if one */
	int		 in_bulk;
	int		 in_exclusion;	/* its strings go packed */
	size_t		 nkeys;		/* keys of the section so far */
	struct seen_keys keys;
};

/* Check one key line; records it for the second pass. */
static void
scan_key(struct loader *L, struct scan_at *at, const char *start, const char *end)
{
	const char *sep, *k_end, *v;
	int line = at->line;

	if ((sep = key_split(start, end, &k_end, &v)) == NULL) {
		loader_error(L, line, _("expected \"key = value\"."));
		return;
	}
	if (at->section_line == 0) {
		loader_error(L, line, _("a key must come after a [section] header."));
		return;
	}
	/* In the key too: libinih would end the line there, and find no '='. */
	for (const char *c = start + 1; (c = memchr(c, ';', (size_t)(end - c))) != NULL; c++) {
		if (is_space(c[-1])) {
			loader_error(L, line, _("a ';' after a space would start a comment; write it as \\x3b."));
			return;
		}
	}
	/*
	 * The entries of a list are numbered 1, 2, 3...: the second pass
	 * refuses any number out of its turn, a repeated one included, so
	 * they need no index here (the history holds tens of thousands).
	 */
	if (at->list != LIST_NONE && only_digits(start, k_end)) {
		/*
		 * An entry's own keys ("12.reason") follow it, and the second
		 * pass refuses one anywhere else: twice within one entry is
		 * the only repeat left to catch here, so the index holds one
		 * entry's keys, not the thousands of the whole history.
		 */
		seen_clear(&at->keys);
		L->nhistory += at->list == LIST_HISTORY;
		L->nbelow += at->list == LIST_BELOW;
		if (list_packed(at->list))
			L->packed_bytes += (size_t)(end - v) + 8;
	} else if (!seen_put(&at->keys, start, (size_t)(k_end - start))) {
		char *k = xstrndup(start, (size_t)(k_end - start));

		loader_error(L, line, _("key \"%s\" appears twice in this section."), k);
		free(k);
		return;
	} else if (at->in_exclusion) {
		/* Room for its value packed: at most its length once unescaped, continued or not. */
		L->packed_bytes += (size_t)(end - v) + 1;
	}
	at->nkeys++;
	/*
	 * A newer format may have sections and keys we do not know: spot it
	 * here, so it is reported instead of them.
	 */
	if (at->in_migration && k_end - start == 6 && strncmp(start, "format", 6) == 0 &&
	    newer_format(sep + 1, end))
		L->newer = line;
	/* Which migration the state follows decides what its sections mean. */
	if (at->in_migration && k_end - start == 2 && strncmp(start, "id", 2) == 0) {
		const char *id = sep + 1;

		while (id < end && is_space(*id))
			id++;
		free(L->mig_id);
		L->mig_id = xstrndup(id, (size_t)(end - id));
		L->mig_line = line;
	}
	if (at->in_bulk)
		return;		/* loader_walk_bulk reads it again */
	L->keys = xappend(L->keys, L->nkeys, sizeof(*L->keys));
	L->keys[L->nkeys].line = line;
	L->keys[L->nkeys].section_line = at->section_line;
	L->nkeys++;
}

/* A stretch of bulk sections begins at the line at p, or ends there. */
static void
skip_mark(struct loader *L, int bulk, const char *p, int line)
{
	int open = L->nskips > 0 && L->skips[L->nskips - 1].to == NULL;

	if (bulk && !open) {
		L->skips = xappend(L->skips, L->nskips, sizeof(*L->skips));
		L->skips[L->nskips].from = p;
		L->skips[L->nskips].to = NULL;
		L->skips[L->nskips++].first_line = line;
	} else if (!bulk && open) {
		L->skips[L->nskips - 1].to = p;
		L->skips[L->nskips - 1].nlines = line - L->skips[L->nskips - 1].first_line;
	}
}

/* A section ends: it must have had a key. */
static void
section_done(struct loader *L, const struct scan_at *at)
{
	if (at->section_line != 0 && at->nkeys == 0)
		loader_error(L, at->section_line, _("empty section: it has no key."));
}

/* Where the section whose lines start at p ends: at the next header's line, or stop. */
static const char *
section_stop(const char *p, const char *stop)
{
	for (const char *q = p; (q = memchr(q, '[', (size_t)(stop - q))) != NULL; q++)
		if (q == p || q[-1] == '\n')
			return q;
	return stop;
}

/*
 * The stragglers' entries, at *p: all at once if they are plain (see
 * loader_below_plain), into the model's strings, where choose_migration finds
 * them.  A line of 7 bytes at least each: "1 = 2 a".
 */
static void
scan_below(struct loader *L, struct scan_at *at, const char **p, const char *stop)
{
	const char *bound = section_stop(*p, stop), *end;
	size_t bytes = (size_t)(bound - *p), most = bytes / 7 + 1, n;
	struct agent *e;
	char *w;
	int nlines;

	if (bytes == 0)
		return;
	w = arena_alloc(&L->m->strings, bytes + below_room(most));
	e = agents_at(w + bytes);
	if ((end = loader_below_plain(*p, bound, w, w + bytes, e, &n, &nlines)) == NULL)
		return;		/* what it took stays in the strings, unused, until they go */
	L->plain_below.lines = (struct plain_lines){ *p, end, nlines };
	L->plain_below.entries = e;
	L->plain_below.n = n;
	L->nbelow += n;
	at->nkeys += n;
	at->line += nlines;
	*p = end;
}

/* The history's entries, at *p: all at once if they are plain (see loader_history_plain). */
static void
scan_history(struct loader *L, struct scan_at *at, const struct schema_section *def,
    const char **p, const char *stop)
{
	const char *end;
	int nlines;

	if ((end = loader_history_plain(L, def, *p, section_stop(*p, stop), &nlines)) == NULL)
		return;
	L->plain_history.lines = (struct plain_lines){ *p, end, nlines };
	at->nkeys += L->plain_history.n;
	at->line += nlines;
	*p = end;
}

void
loader_scan(struct loader *L, const char *data, size_t len)
{
	struct sections_seen all;
	struct scan_at at;
	const char *p = data, *stop = data + len;

	memset(&at, 0, sizeof(at));
	sections_init(&all);
	strmap_init(&at.keys.many, 0);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < stop) {
		const char *start, *end;

		next_line(&p, stop, &start, &end);
		at.line++;
		if (memchr(start, '\0', (size_t)(end - start)) != NULL) {
			loader_error(L, at.line, _("NUL byte in the line."));
			continue;
		}
		if (end - start > SCHEMA_LINE_MAX) {
			loader_error(L, at.line, _("line longer than %d bytes."), SCHEMA_LINE_MAX);
			continue;
		}
		if (!valid_utf8(start, (size_t)(end - start))) {
			loader_error(L, at.line, _("the line is not valid UTF-8 text."));
			continue;
		}
		if ((end = rtrim(start, end)) == start)
			continue;
		if (is_space(*start)) {
			loader_error(L, at.line, _("indented line: continuation lines are not allowed."));
			continue;
		}
		if (*start == ';' || *start == '#')
			continue;
		if (*start == '[') {
			const struct schema_section *def;

			section_done(L, &at);
			seen_clear(&at.keys);
			at.nkeys = 0;
			at.section_line = at.line;
			at.in_migration = end - start == 11 &&
			    strncmp(start, "[migration]", 11) == 0;
			def = scan_section(L, at.line, start, end, &all);
			at.list = def != NULL ? loader_list_kind(def) : LIST_NONE;
			at.in_bulk = def != NULL && !L->all_inih && bulk_section(def);
			at.in_exclusion = def != NULL && strcmp(def->name, "exclusion.") == 0;
			L->nexclusions += at.in_exclusion;
			skip_mark(L, at.in_bulk, start, at.line);
			if (at.in_bulk && at.list == LIST_BELOW)
				scan_below(L, &at, &p, stop);
			else if (at.in_bulk && at.list == LIST_HISTORY)
				scan_history(L, &at, def, &p, stop);
			continue;
		}
		scan_key(L, &at, start, end);
	}
	section_done(L, &at);
	if (L->nskips > 0 && L->skips[L->nskips - 1].to == NULL) {
		L->skips[L->nskips - 1].to = stop;
		L->skips[L->nskips - 1].nlines = at.line + 1 - L->skips[L->nskips - 1].first_line;
	}
	sections_free(&all);
	strmap_free(&at.keys.many);
}

void
loader_walk_bulk(struct loader *L, loader_key_fn *take, loader_plain_fn *plain)
{
	const struct {
		const struct plain_lines	*lines;
		enum list_kind			 kind;
	} plains[] = {
		{ &L->plain_below.lines, LIST_BELOW }, { &L->plain_history.lines, LIST_HISTORY },
	};
	const char *section = NULL;
	unsigned seclen = 0;
	int section_line = 0;

	for (size_t i = 0; i < L->nskips; i++) {
		const char *p = L->skips[i].from, *stop = L->skips[i].to;
		int line = L->skips[i].first_line - 1;

		while (p < stop) {
			const char *start, *end, *k_end, *v;

			for (size_t k = 0; k < sizeof(plains) / sizeof(*plains); k++) {
				if (p == plains[k].lines->from) {
					plain(L, section, seclen, section_line, plains[k].kind);
					line += plains[k].lines->nlines;
					p = plains[k].lines->to;
				}
			}
			if (p == stop)
				break;
			next_line(&p, stop, &start, &end);
			line++;
			end = rtrim(start, end);
			if (end == start || *start == ';' || *start == '#')
				continue;
			if (*start == '[') {
				/* The first pass found it whole: "[name]", blanks after. */
				section = start + 1;
				seclen = (unsigned)((const char *)memchr(start, ']',
				    (size_t)(end - start)) - section);
				section_line = line;
			} else if (key_split(start, end, &k_end, &v) != NULL) {
				take(L, section, seclen, section_line, start,
				    (size_t)(k_end - start), v, (size_t)(end - v), line);
			}
		}
	}
}

int
loader_real_line(const struct loader *L, int n)
{
	for (size_t i = 0; i < L->nskips && L->skips[i].first_line <= n; i++)
		n += L->skips[i].nlines;
	return n;
}

/*
 * As ini_parse_string's own reader gives lines, but a line at a time with
 * memchr and memcpy rather than a byte at a time (a quarter of libinih's
 * time over a large state), and with the bulk sections left out.
 */
char *
loader_next_line(char *str, int num, void *stream)
{
	struct loader_text *s = stream;
	size_t left, n;
	const char *nl;

	while (s->nskips > 0 && s->p == s->skips->from) {
		s->p = s->skips->to;
		s->skips++;
		s->nskips--;
	}
	left = (size_t)(s->end - s->p);
	if (left == 0 || num < 2)
		return NULL;
	if (left > (size_t)num - 1)
		left = (size_t)num - 1;
	if (s->nskips > 0 && left > (size_t)(s->skips->from - s->p))
		left = (size_t)(s->skips->from - s->p);
	nl = memchr(s->p, '\n', left);
	n = nl != NULL ? (size_t)(nl - s->p) + 1 : left;
	memcpy(str, s->p, n);
	str[n] = '\0';
	s->p += n;
	return str;
}
