/*
 * The loader's first pass, over the raw bytes: it refuses, with their line
 * numbers, the lines libinih would silently mangle (see BUILD-NOTES: long
 * lines, NUL bytes, long section names, indented continuations, inline
 * comments, duplicate keys and sections), and records the line of every
 * key, in order, so the second pass (which libinih calls without a line
 * number) can name the line of any value it rejects.
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
	buf_printf(&L->errors, "%s:%d: ", L->path, line);
	va_start(ap, fmt);
	buf_vprintf(&L->errors, fmt, ap);
	va_end(ap);
	buf_putc(&L->errors, '\n');
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Check one section header line; start points at '['.  1 if it is a list. */
static int
scan_section(struct loader *L, int line, const char *start, const char *end,
    struct strmap *all)
{
	const char *close = memchr(start, ']', (size_t)(end - start));
	const struct schema_section *def = NULL;
	const char *suffix;
	char *name;

	if (close == NULL) {
		loader_error(L, line, _("a section header must end with ']'."));
		return 0;
	}
	for (const char *p = close + 1; p < end; p++) {
		if (!is_space(*p)) {
			loader_error(L, line, _("nothing may follow ']' on a section line."));
			return 0;
		}
	}
	name = xstrndup(start + 1, (size_t)(close - start - 1));
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789.-") != strlen(name))
		loader_error(L, line, _("a section name holds only lower-case letters, digits, '.' and '-'."));
	else if (strlen(name) > SCHEMA_SECTION_MAX)
		loader_error(L, line, _("section name longer than %d characters."),
		    SCHEMA_SECTION_MAX);
	else if ((def = schema_section_find(name, &suffix)) == NULL)
		loader_error(L, line, _("unknown section [%s]."), name);
	else if (!strmap_put(all, name, strlen(name), 0))
		loader_error(L, line, _("section [%s] appears twice."), name);
	free(name);
	return def != NULL && def->shape == SHAPE_LIST;
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

/* Check one key line; records its line number for the handler. */
static void
scan_key(struct loader *L, int line, int section_line, int in_migration,
    int in_list, const char *start, const char *end, struct strmap *keys)
{
	const char *sep = start, *k_end, *v;

	while (sep < end && *sep != '=' && *sep != ':')
		sep++;
	if (sep == end) {
		loader_error(L, line, _("expected \"key = value\"."));
		return;
	}
	if (section_line == 0) {
		loader_error(L, line, _("a key must come after a [section] header."));
		return;
	}
	for (v = sep + 1; v < end; v++) {
		if (*v == ';' && is_space(v[-1])) {
			loader_error(L, line, _("a ';' after a space would start a comment; write it as \\x3b."));
			return;
		}
	}
	k_end = sep;
	while (k_end > start && is_space(k_end[-1]))
		k_end--;
	/*
	 * The entries of a list are numbered 1, 2, 3...: the second pass
	 * refuses any number out of its turn, a repeated one included, so
	 * they need no index here (the history holds tens of thousands).
	 */
	if (in_list && strspn(start, "0123456789") == (size_t)(k_end - start))
		;
	else if (!strmap_put(keys, start, (size_t)(k_end - start), 0)) {
		char *k = xstrndup(start, (size_t)(k_end - start));

		loader_error(L, line, _("key \"%s\" appears twice in this section."), k);
		free(k);
		return;
	}
	/*
	 * A newer format may have sections and keys we do not know: spot it
	 * here, so it is reported instead of them.
	 */
	if (in_migration && k_end - start == 6 && strncmp(start, "format", 6) == 0 &&
	    newer_format(sep + 1, end))
		L->newer = line;
	/* Which migration the state follows decides what its sections mean. */
	if (in_migration && k_end - start == 2 && strncmp(start, "id", 2) == 0) {
		const char *id = sep + 1;

		while (id < end && is_space(*id))
			id++;
		free(L->mig_id);
		L->mig_id = xstrndup(id, (size_t)(end - id));
		L->mig_line = line;
	}
	L->keys = xappend(L->keys, L->nkeys, sizeof(*L->keys));
	L->keys[L->nkeys].line = line;
	L->keys[L->nkeys].section_line = section_line;
	L->nkeys++;
}

void
loader_scan(struct loader *L, const char *data, size_t len)
{
	struct strmap all, keys;
	const char *p = data, *stop = data + len;
	int line = 0, section_line = 0, in_migration = 0, in_list = 0;
	size_t keys_before = 0;

	strmap_init(&all, 0);
	strmap_init(&keys, 0);
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < stop) {
		const char *nl = memchr(p, '\n', (size_t)(stop - p));
		const char *end = nl != NULL ? nl : stop;
		const char *start = p;

		line++;
		p = nl != NULL ? nl + 1 : stop;
		if (memchr(start, '\0', (size_t)(end - start)) != NULL) {
			loader_error(L, line, _("NUL byte in the line."));
			continue;
		}
		if (end - start > SCHEMA_LINE_MAX) {
			loader_error(L, line, _("line longer than %d bytes."), SCHEMA_LINE_MAX);
			continue;
		}
		if (!valid_utf8(start, (size_t)(end - start))) {
			loader_error(L, line, _("the line is not valid UTF-8 text."));
			continue;
		}
		while (end > start && is_space(end[-1]))
			end--;
		if (end == start)
			continue;
		if (is_space(*start)) {
			loader_error(L, line, _("indented line: continuation lines are not allowed."));
			continue;
		}
		if (*start == ';' || *start == '#')
			continue;
		if (*start == '[') {
			if (section_line != 0 && L->nkeys == keys_before)
				loader_error(L, section_line, _("empty section: it has no key."));
			keys_before = L->nkeys;
			strmap_clear(&keys);
			section_line = line;
			in_migration = end - start == 11 &&
			    strncmp(start, "[migration]", 11) == 0;
			in_list = scan_section(L, line, start, end, &all);
			continue;
		}
		scan_key(L, line, section_line, in_migration, in_list, start, end, &keys);
	}
	if (section_line != 0 && L->nkeys == keys_before)
		loader_error(L, section_line, _("empty section: it has no key."));
	strmap_free(&all);
	strmap_free(&keys);
}

/*
 * As ini_parse_string's own reader gives lines, but a line at a time with
 * memchr and memcpy rather than a byte at a time: a quarter of libinih's
 * time over a large state.
 */
char *
loader_next_line(char *str, int num, void *stream)
{
	struct loader_text *s = stream;
	size_t left = (size_t)(s->end - s->p), n;
	const char *nl;

	if (left == 0 || num < 2)
		return NULL;
	if (left > (size_t)num - 1)
		left = (size_t)num - 1;
	nl = memchr(s->p, '\n', left);
	n = nl != NULL ? (size_t)(nl - s->p) + 1 : left;
	memcpy(str, s->p, n);
	str[n] = '\0';
	s->p += n;
	return str;
}
