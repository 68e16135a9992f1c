/*
 * The agent inventory: a CSV export with one row per agent.  Its columns
 * are not documented, so they are found by their header.  What is kept is a
 * summary: counts per version and the agents below 2.7.1, by name.
 *
 * An agent listed twice is judged by its lowest version: the row that would
 * lose its agent handler is the one that matters.
 */
#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "inventory.h"
#include "sha256.h"
#include "version.h"
#include "xalloc.h"

#define TARGET "2.7.1"

/* Headers that name the columns, compared without case. */
static const char *const host_headers[] = { "host", "hostname", "host name",
    "name", "nom", "machine", "computer", "ordinateur", "agent", NULL };
static const char *const version_headers[] = { "version", "agent version",
    "version de l'agent", "version agent", NULL };

/* One agent seen so far. */
struct seen {
	char		*name;
	char		*version;	/* NULL: unreadable */
	unsigned long	 line;
	int		 duplicate;
};

/* An open-addressing table of agents by case-folded name. */
struct table {
	struct seen	*v;
	size_t		 n;
	size_t		*slots;		/* index + 1; 0 is empty */
	size_t		 nslots;
};

static size_t
hash(const char *s)
{
	size_t h = 14695981039346656037UL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * 1099511628211UL;
	return h;
}

static void
table_grow(struct table *t)
{
	size_t old = t->nslots;
	size_t *slots = t->slots;

	t->nslots = old ? old * 2 : 1024;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	for (size_t i = 0; i < old; i++) {
		size_t j;

		if (slots[i] == 0)
			continue;
		j = hash(t->v[slots[i] - 1].name) & (t->nslots - 1);
		while (t->slots[j] != 0)
			j = (j + 1) & (t->nslots - 1);
		t->slots[j] = slots[i];
	}
	free(slots);
}

/* The agent of this name, added if new; *fresh tells which. */
static struct seen *
table_get(struct table *t, const char *name, int *fresh)
{
	size_t j;

	if ((t->n + 1) * 2 > t->nslots)
		table_grow(t);
	j = hash(name) & (t->nslots - 1);
	for (; t->slots[j] != 0; j = (j + 1) & (t->nslots - 1)) {
		struct seen *s = &t->v[t->slots[j] - 1];

		if (strcasecmp(s->name, name) == 0) {
			*fresh = 0;
			return s;
		}
	}
	t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
	t->slots[j] = ++t->n;
	memset(&t->v[t->n - 1], 0, sizeof(*t->v));
	t->v[t->n - 1].name = xstrdup(name);
	*fresh = 1;
	return &t->v[t->n - 1];
}

static void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].version);
	}
	free(t->v);
	free(t->slots);
}

/* Split one line into fields at sep; fields are trimmed of spaces. */
static size_t
split(char *line, char sep, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;

	for (;;) {
		char *end = strchr(p, sep), *s = p, *e;

		if (end != NULL)
			*end = '\0';
		while (*s == ' ')
			s++;
		e = s + strlen(s);
		while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
			*--e = '\0';
		if (n < max)
			fields[n++] = s;
		if (end == NULL)
			return n;
		p = end + 1;
	}
}

/* The column a header list or an option names, or -1. */
static int
find_column(char **fields, size_t n, const char *const *names,
    const char *chosen)
{
	if (chosen != NULL) {
		char *end;
		long k = strtol(chosen, &end, 10);

		if (*chosen != '\0' && *end == '\0')
			return k >= 1 && (size_t)k <= n ? (int)k - 1 : -1;
		for (size_t i = 0; i < n; i++)
			if (strcasecmp(fields[i], chosen) == 0)
				return (int)i;
		return -1;
	}
	for (const char *const *h = names; *h != NULL; h++)
		for (size_t i = 0; i < n; i++)
			if (strcasecmp(fields[i], *h) == 0)
				return (int)i;
	return -1;
}

static void
count_version(struct inventory *inv, const char *v)
{
	for (size_t i = 0; i < inv->nversions; i++) {
		if (strcmp(inv->versions[i].version, v) == 0) {
			inv->versions[i].count++;
			return;
		}
	}
	inv->versions = xreallocarray(inv->versions, inv->nversions + 1,
	    sizeof(*inv->versions));
	inv->versions[inv->nversions].version = xstrdup(v);
	inv->versions[inv->nversions++].count = 1;
}

/* Turn the table of agents into the summary kept in the state. */
static void
summarize(struct table *t, struct inventory *inv)
{
	inv->total += t->n;
	for (size_t i = 0; i < t->n; i++) {
		struct seen *s = &t->v[i];

		if (s->duplicate) {
			inv->duplicates = xreallocarray(inv->duplicates,
			    inv->nduplicates + 1, sizeof(*inv->duplicates));
			inv->duplicates[inv->nduplicates++] = xstrdup(s->name);
		}
		if (s->version == NULL) {
			inv->unreadable = xreallocarray(inv->unreadable,
			    inv->nunreadable + 1, sizeof(*inv->unreadable));
			inv->unreadable[inv->nunreadable].line = s->line;
			inv->unreadable[inv->nunreadable++].name = xstrdup(s->name);
			continue;
		}
		count_version(inv, s->version);
		if (version_cmp(s->version, TARGET) < 0) {
			inv->below = xreallocarray(inv->below, inv->nbelow + 1,
			    sizeof(*inv->below));
			inv->below[inv->nbelow].name = xstrdup(s->name);
			inv->below[inv->nbelow++].version = xstrdup(s->version);
		}
	}
}

/* Record one row: an unreadable version wins, then the lowest one. */
static void
add_row(struct table *t, const char *name, const char *version,
    unsigned long line)
{
	int fresh, ok = version_valid(version);
	struct seen *s = table_get(t, name, &fresh);

	if (fresh) {
		s->version = ok ? xstrdup(version) : NULL;
		s->line = line;
		return;
	}
	s->duplicate = 1;
	if (s->version == NULL)
		return;
	if (!ok) {
		free(s->version);
		s->version = NULL;
		s->line = line;
	} else if (version_cmp(version, s->version) < 0) {
		set_string(&s->version, version);
		s->line = line;
	}
}

/*
 * Parse an export held in memory.  Columns are separated by ',', ';' or a
 * tab, whichever the header line has most of.  On error *err says
 * FILE:LINE: what, and out is left empty.
 */
int
inventory_parse(const char *path, const char *data, size_t len,
    const struct import_opts *o, struct inventory *out, char **err)
{
	struct table t = { 0 };
	struct sha256 sh;
	char *copy, *line, *next, *fields[256];
	char sep = ',', digest[65];
	size_t n;
	int hcol, vcol, best = 0;
	unsigned long lineno = 1;

	memset(out, 0, sizeof(*out));
	if (memchr(data, '\0', len) != NULL) {
		*err = xasprintf(_("%s:1: this is not a text file."), path);
		return -1;
	}
	copy = xstrndup(data, len);
	line = copy;
	if (strncmp(line, "\xef\xbb\xbf", 3) == 0)
		line += 3;
	next = strchr(line, '\n');
	if (next != NULL)
		*next++ = '\0';
	for (const char *c = ",;\t"; *c != '\0'; c++) {
		int k = 0;

		for (const char *p = line; *p != '\0'; p++)
			k += *p == *c;
		if (k > best) {
			best = k;
			sep = *c;
		}
	}
	n = split(line, sep, fields, 256);
	hcol = find_column(fields, n, host_headers, o->host_column);
	vcol = find_column(fields, n, version_headers, o->version_column);
	if (*line == '\0' || hcol < 0 || vcol < 0 || hcol == vcol) {
		struct buf seen;

		buf_init(&seen);
		for (size_t i = 0; i < n; i++)
			buf_printf(&seen, "%s\"%s\"", i ? ", " : "", fields[i]);
		*err = *line == '\0' ?
		    xasprintf(_("%s:1: the file is empty: no header line."), path) :
		    xasprintf(_("%s:1: cannot tell the agent name and version columns among the headers %s; name them with --host-column and --version-column."),
		    path, seen.data);
		buf_free(&seen);
		free(copy);
		return -1;
	}
	while (next != NULL && *next != '\0') {
		line = next;
		lineno++;
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		n = split(line, sep, fields, 256);
		if (n == 1 && *fields[0] == '\0')
			continue;
		if ((size_t)hcol >= n || *fields[hcol] == '\0') {
			/* A row without a name still counts, as unreadable. */
			out->unreadable = xreallocarray(out->unreadable,
			    out->nunreadable + 1, sizeof(*out->unreadable));
			out->unreadable[out->nunreadable].line = lineno;
			out->unreadable[out->nunreadable++].name = xstrdup("");
			out->total++;
			continue;
		}
		add_row(&t, fields[hcol], (size_t)vcol < n ? fields[vcol] : "",
		    lineno);
	}
	free(copy);
	summarize(&t, out);
	table_free(&t);
	sha256_init(&sh);
	sha256_update(&sh, data, len);
	sha256_hex(&sh, digest);
	out->sha256 = xstrdup(digest);
	out->file = xstrdup(path);
	out->present = 1;
	return 0;
}

/* Agents at 2.7.1 or later: the rest are below it or unreadable. */
unsigned long
inventory_at_target(const struct inventory *inv)
{
	return inv->total - inv->nbelow - inv->nunreadable;
}
