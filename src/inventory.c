/*
 * The agent inventory: the console's CSV export, one row per agent.  Its
 * columns are not documented, so they are found by their header, in French
 * or English, whatever the case and accents.  What is kept is a summary:
 * counts per version and the agents below 2.7.1 by name.
 *
 * A million agents must import in well under a second and 64 MiB, so the
 * file streams through a small buffer and each agent costs 16 bytes: a
 * 64-bit hash of its case-folded name, a version id and flags.  Names are
 * kept only for the agents reported (below 2.7.1, unreadable, duplicates).
 * Two different names with the same hash would be taken for one agent
 * listed twice, judged by the lower of the two versions: the error can only
 * hold an agent back, never let one through.
 *
 * An agent listed twice is judged by its lowest version, and by no version
 * at all if one of its rows has none: the row that would lose its agent
 * handler is the one that matters.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "fsio.h"
#include "i18n.h"
#include "inventory.h"
#include "sha256.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"

#define TARGET		"2.7.1"
#define NAME_MAX_BYTES	253
#define CHUNK		(256 * 1024)

/* Headers that name the columns, normalized, in order of preference. */
static const char *const host_headers[] = { "hostname", "host name", "host",
    "computer name", "computer", "machine name", "machine",
    "nom de la machine", "nom de machine", "nom machine", "nom d hote",
    "nom de l hote", "hote", "nom de l ordinateur", "nom ordinateur",
    "ordinateur", "device name", "device", "agent name", "nom de l agent",
    "nom agent", "poste", "fqdn", "dns name", "name", "nom", "agent", NULL };
static const char *const version_headers[] = { "agent version",
    "version de l agent", "version agent", "ses evolution version",
    "version ses evolution", "ses version", "version ses", "product version",
    "version du produit", "version", NULL };

enum { F_DUPLICATE = 1, F_BELOW = 2, F_UNREADABLE = 4 };

struct entry {
	uint64_t	hash;
	uint16_t	version;	/* id in versions; 0: unreadable */
	uint8_t		flags;		/* what was recorded about it */
};

/* A distinct version string, with its verdict computed once. */
struct vinfo {
	char		*text;
	int		 below;
	unsigned long	 count;
};

/* An agent reported below the target; its final version comes at the end. */
struct pending {
	uint32_t	 entry;
	char		*name;
};

struct importer {
	const char		*path;
	const struct import_opts *opts;
	int			 header_done;
	size_t			 hcol;
	size_t			 vcol;
	char			*error;		/* set: stop */

	struct entry		*entries;
	size_t			 nentries;
	size_t			 capentries;
	uint32_t		*slots;		/* entry index + 1; 0 is empty */
	size_t			 nslots;

	struct vinfo		*versions;	/* [0] unused */
	size_t			 nversions;
	size_t			 lastversion;	/* rows come in runs of one version */

	struct pending		*below;
	size_t			 nbelow;
	unsigned long		 nameless;	/* rows without a name */
	struct inventory	*out;
};

/*
 * A header or a column name, compared loosely: lower case, no accents,
 * any run of spaces, '_', '-', '.', or apostrophes as one space.
 */
char *
inventory_normalize_header(const char *s)
{
	static const char upper[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts";
	static const char lower[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	int space = 1;

	buf_init(&b);
	while (*p != '\0') {
		char c = 0;

		if (p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			c = p[1] < 0xa0 ? upper[p[1] - 0x80] : lower[p[1] - 0xa0];
			p += 2;
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			c = ' ';	/* typographic apostrophes */
			p += 3;
		} else if (*p >= 'A' && *p <= 'Z') {
			c = (char)(*p++ - 'A' + 'a');
		} else if (*p == ' ' || *p == '_' || *p == '-' || *p == '.' ||
		    *p == '\'' || *p == '\t') {
			c = ' ';
			p++;
		} else
			c = (char)*p++;
		if (c == ' ') {
			if (!space)
				buf_putc(&b, ' ');
			space = 1;
		} else {
			buf_putc(&b, c);
			space = 0;
		}
	}
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return buf_detach(&b);
}

/* The column for an option (name or 1-based number), or for a header list. */
static long
find_column(const struct csv *c, const char *const *names, const char *chosen)
{
	char **norm = xcalloc(c->nfields, sizeof(*norm));
	long found = -1;

	for (size_t i = 0; i < c->nfields; i++)
		norm[i] = inventory_normalize_header(csv_field(c, i, NULL));
	if (chosen != NULL) {
		char *end, *want;
		long k = strtol(chosen, &end, 10);

		if (*chosen >= '0' && *chosen <= '9' && *end == '\0')
			found = k >= 1 && (size_t)k <= c->nfields ? k - 1 : -1;
		else {
			want = inventory_normalize_header(chosen);
			for (size_t i = 0; i < c->nfields && found < 0; i++)
				if (strcmp(norm[i], want) == 0)
					found = (long)i;
			free(want);
		}
	} else {
		for (const char *const *h = names; *h != NULL && found < 0; h++)
			for (size_t i = 0; i < c->nfields && found < 0; i++)
				if (strcmp(norm[i], *h) == 0)
					found = (long)i;
	}
	for (size_t i = 0; i < c->nfields; i++)
		free(norm[i]);
	free(norm);
	return found;
}

/* The headers as the file has them, quoted, for an error message. */
static char *
headers_seen(const struct csv *c)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < c->nfields && i < 30; i++)
		buf_printf(&b, "%s\"%s\"", i ? ", " : "", csv_field(c, i, NULL));
	if (c->nfields > 30)
		buf_puts(&b, ", ...");
	return buf_detach(&b);
}

static int
header(struct importer *im, const struct csv *c)
{
	long h = find_column(c, host_headers, im->opts->host_column);
	long v = find_column(c, version_headers, im->opts->version_column);
	char *seen;

	im->header_done = 1;
	if (h >= 0 && v >= 0 && h != v) {
		im->hcol = (size_t)h;
		im->vcol = (size_t)v;
		return 0;
	}
	seen = headers_seen(c);
	if (h < 0 && im->opts->host_column != NULL)
		im->error = xasprintf(_("%s:%lu:1: no column \"%s\" for the agent names; the headers are %s."),
		    im->path, c->record_line, im->opts->host_column, seen);
	else if (v < 0 && im->opts->version_column != NULL)
		im->error = xasprintf(_("%s:%lu:1: no column \"%s\" for the versions; the headers are %s."),
		    im->path, c->record_line, im->opts->version_column, seen);
	else
		im->error = xasprintf(_("%s:%lu:1: cannot tell which columns hold the agent name and the version among the headers %s; name them with --host-column and --version-column."),
		    im->path, c->record_line, seen);
	free(seen);
	return 1;
}

/* FNV-1a over the name with ASCII letters folded to lower case. */
static uint64_t
name_hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h = (h ^ ch) * 1099511628211ULL;
	}
	return h;
}

/* A name as it may be stored and shown: no control characters, not too long. */
static char *
clean_name(const char *s)
{
	struct buf b;
	size_t len = strlen(s);

	buf_init(&b);
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (b.len >= NAME_MAX_BYTES && (ch & 0xc0) != 0x80)
			break;
		if (ch < 0x20 || ch == 0x7f)
			buf_puts(&b, "\xef\xbf\xbd");
		else if (ch == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] < 0xa0)
			buf_puts(&b, "\xef\xbf\xbd"), i++;	/* C1 control */
		else
			buf_putc(&b, (char)ch);
	}
	return buf_detach(&b);
}

static void
table_grow(struct importer *im)
{
	size_t n = im->nslots ? im->nslots * 2 : 4096;

	free(im->slots);
	im->slots = xcalloc(n, sizeof(*im->slots));
	im->nslots = n;
	for (size_t i = 0; i < im->nentries; i++) {
		size_t j = im->entries[i].hash & (n - 1);

		while (im->slots[j] != 0)
			j = (j + 1) & (n - 1);
		im->slots[j] = (uint32_t)(i + 1);
	}
}

/* The entry of this hash; *fresh says whether it was just made. */
static struct entry *
table_get(struct importer *im, uint64_t h, int *fresh)
{
	size_t j;

	if ((im->nentries + 1) * 3 > im->nslots * 2)
		table_grow(im);
	for (j = h & (im->nslots - 1); im->slots[j] != 0; j = (j + 1) & (im->nslots - 1)) {
		if (im->entries[im->slots[j] - 1].hash == h) {
			*fresh = 0;
			return &im->entries[im->slots[j] - 1];
		}
	}
	if (im->nentries == im->capentries) {
		im->capentries = im->capentries ? im->capentries * 2 : 1024;
		im->entries = xreallocarray(im->entries, im->capentries,
		    sizeof(*im->entries));
	}
	im->slots[j] = (uint32_t)(++im->nentries);
	*fresh = 1;
	memset(&im->entries[im->nentries - 1], 0, sizeof(*im->entries));
	im->entries[im->nentries - 1].hash = h;
	return &im->entries[im->nentries - 1];
}

/* The id of a version string (0 if it is not a version). */
static uint16_t
version_id(struct importer *im, const char *v)
{
	size_t last = im->lastversion;

	if (last > 0 && strcmp(im->versions[last].text, v) == 0)
		return (uint16_t)last;
	for (size_t i = 1; i <= im->nversions; i++) {
		if (strcmp(im->versions[i].text, v) == 0) {
			im->lastversion = i;
			return (uint16_t)i;
		}
	}
	if (!version_valid(v) || im->nversions >= UINT16_MAX - 1)
		return 0;
	im->versions = xreallocarray(im->versions, im->nversions + 2,
	    sizeof(*im->versions));
	im->nversions++;
	im->versions[im->nversions].text = xstrdup(v);
	im->versions[im->nversions].below = version_cmp(v, TARGET) < 0;
	im->versions[im->nversions].count = 0;
	im->lastversion = im->nversions;
	return (uint16_t)im->nversions;
}

static void
record_unreadable(struct inventory *out, unsigned long line, const char *name)
{
	if (out->nunreadable >= INVENTORY_LIST_MAX)
		return;
	out->unreadable = xreallocarray(out->unreadable, out->nunreadable + 1,
	    sizeof(*out->unreadable));
	out->unreadable[out->nunreadable].line = line;
	out->unreadable[out->nunreadable++].name = clean_name(name);
}

static void
row(struct importer *im, const struct csv *c)
{
	const char *name = csv_field(c, im->hcol, NULL);
	const char *version = csv_field(c, im->vcol, NULL);
	uint16_t vid = version != NULL ? version_id(im, version) : 0;
	struct entry *e;
	int fresh;

	if (name == NULL || *name == '\0') {
		/* A row without a name still counts, as unreadable. */
		im->nameless++;
		record_unreadable(im->out, c->record_line, "");
		return;
	}
	e = table_get(im, name_hash(name), &fresh);
	if (!fresh) {
		if (!(e->flags & F_DUPLICATE) &&
		    im->out->nduplicates < INVENTORY_LIST_MAX) {
			im->out->duplicates = xreallocarray(im->out->duplicates,
			    im->out->nduplicates + 1, sizeof(*im->out->duplicates));
			im->out->duplicates[im->out->nduplicates++] = clean_name(name);
		}
		e->flags |= F_DUPLICATE;
		if (e->version == 0)
			return;
		if (vid != 0 && version_cmp(im->versions[vid].text,
		    im->versions[e->version].text) >= 0)
			return;
	}
	e->version = vid;
	if (vid == 0 && !(e->flags & F_UNREADABLE)) {
		e->flags |= F_UNREADABLE;
		record_unreadable(im->out, c->record_line, name);
	} else if (vid != 0 && im->versions[vid].below && !(e->flags & F_BELOW) &&
	    im->nbelow < INVENTORY_LIST_MAX) {
		e->flags |= F_BELOW;
		im->below = xreallocarray(im->below, im->nbelow + 1, sizeof(*im->below));
		im->below[im->nbelow].entry = (uint32_t)(e - im->entries);
		im->below[im->nbelow++].name = clean_name(name);
	}
}

static int
on_record(void *ctx, const struct csv *c)
{
	struct importer *im = ctx;

	if (!im->header_done)
		return header(im, c);
	row(im, c);
	return 0;
}

/* Turn the table into the summary kept in the state. */
static void
summarize(struct importer *im)
{
	struct inventory *out = im->out;

	out->total = im->nentries + im->nameless;
	out->unreadable_total = im->nameless;
	for (size_t i = 0; i < im->nentries; i++) {
		const struct entry *e = &im->entries[i];

		out->duplicates_total += (e->flags & F_DUPLICATE) != 0;
		if (e->version == 0) {
			out->unreadable_total++;
			continue;
		}
		im->versions[e->version].count++;
		out->below_total += im->versions[e->version].below;
	}
	for (size_t i = 1; i <= im->nversions; i++) {
		if (im->versions[i].count == 0)
			continue;
		out->versions = xreallocarray(out->versions, out->nversions + 1,
		    sizeof(*out->versions));
		out->versions[out->nversions].version = xstrdup(im->versions[i].text);
		out->versions[out->nversions++].count = im->versions[i].count;
	}
	for (size_t i = 0; i < im->nbelow; i++) {
		const struct entry *e = &im->entries[im->below[i].entry];

		if (e->version == 0)
			continue;	/* reported as unreadable */
		out->below = xreallocarray(out->below, out->nbelow + 1, sizeof(*out->below));
		out->below[out->nbelow].name = im->below[i].name;
		out->below[out->nbelow++].version = xstrdup(im->versions[e->version].text);
		im->below[i].name = NULL;
	}
}

static void
importer_free(struct importer *im)
{
	free(im->entries);
	free(im->slots);
	for (size_t i = 1; i <= im->nversions; i++)
		free(im->versions[i].text);
	free(im->versions);
	for (size_t i = 0; i < im->nbelow; i++)
		free(im->below[i].name);
	free(im->below);
	free(im->error);
	memset(im, 0, sizeof(*im));
}

/* Where the reading of one pass stands. */
struct pass {
	struct importer	 im;
	struct csv	 csv;
	struct sha256	 sha;
};

static void
pass_start(struct pass *p, const char *path, const struct import_opts *o,
    struct inventory *out, int cp1252)
{
	memset(&p->im, 0, sizeof(p->im));
	p->im.path = path;
	p->im.opts = o;
	p->im.out = out;
	memset(out, 0, sizeof(*out));
	csv_init(&p->csv, cp1252, on_record, &p->im);
	sha256_init(&p->sha);
}

/* Turn the outcome of a pass into a status and, on error, a message. */
static enum import_status
pass_end(struct pass *p, enum csv_status st, char **err)
{
	enum import_status r = IMPORT_OK;

	if (st == CSV_STOP || p->im.error != NULL) {
		*err = p->im.error;
		p->im.error = NULL;
		r = IMPORT_BAD;
	} else if (st == CSV_ERROR) {
		*err = xasprintf("%s:%lu:%lu: %s", p->im.path, p->csv.err_line,
		    p->csv.err_column, _(p->csv.err_what));
		r = IMPORT_BAD;
	} else if (!p->im.header_done) {
		*err = xasprintf(_("%s:1:1: the file is empty: an agent list starts with a header line."),
		    p->im.path);
		r = IMPORT_BAD;
	} else {
		char digest[65];

		summarize(&p->im);
		sha256_hex(&p->sha, digest);
		p->im.out->sha256 = xstrdup(digest);
		p->im.out->file = xstrdup(p->im.path);
		p->im.out->present = 1;
	}
	if (r != IMPORT_OK)
		inventory_free(p->im.out);
	csv_free(&p->csv);
	importer_free(&p->im);
	return r;
}

/*
 * Read an export held in memory: first as UTF-8, then, if it is not valid
 * UTF-8, as Windows-1252.  On error out is left empty and *err says
 * FILE:LINE:COLUMN: what.
 */
enum import_status
inventory_parse(const char *path, const char *data, size_t len,
    const struct import_opts *o, struct inventory *out, char **err)
{
	for (int cp1252 = 0; cp1252 <= 1; cp1252++) {
		struct pass p;
		enum csv_status st;

		pass_start(&p, path, o, out, cp1252);
		sha256_update(&p.sha, data, len);
		if ((st = csv_feed(&p.csv, data, len)) == CSV_OK)
			st = csv_finish(&p.csv);
		if (st == CSV_NOT_UTF8 && !cp1252) {
			csv_free(&p.csv);
			importer_free(&p.im);
			inventory_free(out);
			continue;
		}
		return pass_end(&p, st, err);
	}
	return IMPORT_BAD;
}

/* Read an export from a file, streaming it through a small buffer. */
enum import_status
inventory_import(const char *path, const struct import_opts *o,
    struct inventory *out, char **err)
{
	struct fsio_error e;
	char *chunk = xmalloc(CHUNK);
	enum import_status r = IMPORT_BAD;
	int fd;

	if (fsio_open_read(path, &fd, &e) != FSIO_OK) {
		*err = xasprintf(_("%s: cannot open the agent list: %s."), path,
		    strerror(e.errnum));
		free(chunk);
		return IMPORT_NOINPUT;
	}
	for (int cp1252 = 0; cp1252 <= 1; cp1252++) {
		struct pass p;
		enum csv_status st = CSV_OK;
		size_t got;

		pass_start(&p, path, o, out, cp1252);
		for (;;) {
			if (fsio_read_some(fd, chunk, CHUNK, &got, &e) != FSIO_OK) {
				csv_free(&p.csv);
				importer_free(&p.im);
				inventory_free(out);
				*err = xasprintf(_("%s: cannot read the agent list: %s."),
				    path, strerror(e.errnum));
				fsio_close(fd);
				free(chunk);
				return IMPORT_IOERR;
			}
			if (got == 0)
				break;
			sha256_update(&p.sha, chunk, got);
			if ((st = csv_feed(&p.csv, chunk, got)) != CSV_OK)
				break;
		}
		if (st == CSV_OK)
			st = csv_finish(&p.csv);
		if (st == CSV_NOT_UTF8 && !cp1252 && fsio_rewind(fd, &e) == FSIO_OK) {
			csv_free(&p.csv);
			importer_free(&p.im);
			inventory_free(out);
			continue;
		}
		r = pass_end(&p, st, err);
		break;
	}
	fsio_close(fd);
	free(chunk);
	return r;
}

/* Agents at 2.7.1 or later: the rest are below it or unreadable. */
unsigned long
inventory_at_target(const struct inventory *inv)
{
	return inv->total - inv->below_total - inv->unreadable_total;
}
