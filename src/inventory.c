/*
 * The agent inventory: the console's CSV export, one row per agent.  Its
 * columns are not documented, so they are found by their header, in French
 * or English, whatever the case and accents.  What is kept is a summary:
 * counts per version and the agents below the target version by name.
 *
 * A million agents must import in well under a second and 64 MiB, so the
 * file streams once through a small buffer (a pipe or standard input does
 * as well as a file) and each agent costs 16 bytes: a 64-bit hash of its
 * case-folded name, a version id and flags.  Distinct versions are found
 * through a hash table, however many there are.  Names are
 * kept only for the agents reported (below the target, unreadable, duplicates).
 *
 * The table of agents is the cost: one random access into megabytes per
 * row.  Its slots hold the upper half of the hash beside the entry's index,
 * so a row touches one slot and never the entry of another agent; and rows
 * wait in a short queue while the slot of each is fetched ahead, so the
 * memory accesses of several rows overlap instead of following one another.
 * Two different names with the same hash would be taken for one agent
 * listed twice, judged by the lower of the two versions: the error can only
 * hold an agent back, never let one through.
 *
 * An agent listed twice is judged by its lowest version, and by no version
 * at all if one of its rows has none: the row that would lose its agent
 * handler is the one that matters.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "csv.h"
#include "fsio.h"
#include "i18n.h"
#include "inventory.h"
#include "inventory-columns.h"
#include "migration.h"
#include "schema.h"
#include "digest.h"
#include "csv-stream.h"
#include "strmap.h"
#include "text.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"


enum { F_DUPLICATE = 1, F_BELOW = 2, F_UNREADABLE = 4 };

struct entry {
	uint64_t	hash;
	uint32_t	version;	/* id in versions; 0: unreadable */
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

/* A row waiting its turn while the memory its agent needs is fetched. */
struct queued {
	uint64_t	 hash;
	uint32_t	 version;
	int		 nameless;
	unsigned long	 line;
	struct buf	 name;
};

/* Rows in flight: enough for their fetches to overlap. */
#define QUEUE_LEN	16

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
	uint64_t		*slots;		/* hash >> 32 << 32 | entry index + 1; 0 is empty */
	size_t			 nslots;
	struct queued		*queue;		/* rows read, their slots being fetched */
	size_t			 nqueued;
	size_t			 qhead;

	const char		*target;	/* the version agents must reach */
	struct vinfo		*versions;	/* [0] unused */
	size_t			 nversions;
	size_t			 lastversion;	/* rows come in runs of one version */
	struct strmap		 version_ids;	/* text to id */

	struct pending		*below;
	size_t			 nbelow;
	unsigned long		 nameless;	/* rows without a name */
	struct inventory	*out;
};

static int
header(struct importer *im, const struct csv *c)
{
	long h = inventory_find_column(c, COLUMN_HOST, im->opts->host_column);
	long v = inventory_find_column(c, COLUMN_VERSION, im->opts->version_column);
	char *seen;

	im->header_done = 1;
	if (h >= 0 && v >= 0 && h != v) {
		im->hcol = (size_t)h;
		im->vcol = (size_t)v;
		return 0;
	}
	seen = inventory_headers_seen(c);
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

/*
 * A 64-bit hash of the name with ASCII letters folded to lower case, eight
 * bytes at a time: the letters of a whole word are folded at once (each
 * byte of 'A'..'Z' gets its 0x20 bit), then mixed by multiplication.  Not a
 * format: it lives only while one file is read.
 */
static uint64_t
name_hash(const char *s, size_t len)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len;

	while (len > 0) {
		uint64_t w = 0, low, upper;
		size_t n = len < 8 ? len : 8;

		memcpy(&w, s, n);
		low = w & ~high;
		/* High bit set in each byte that is ASCII and within 'A'..'Z'. */
		upper = ((low + (0x80 - 'A') * ones) ^ (low + (0x7f - 'Z') * ones)) &
		    ~w & high;
		w |= upper >> 2;
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
		s += n;
		len -= n;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	return h ^ (h >> 29);
}

/*
 * A name as it may be stored and shown: control, invisible and
 * direction-changing characters spelled out (<U+202E>), and no longer than
 * the state keeps, cut at a character boundary.
 */
static char *
clean_name(const char *s)
{
	struct buf b;
	size_t n;

	buf_init(&b);
	text_put_visible(&b, s, strlen(s));
	if (b.len > SCHEMA_AGENT_MAX) {
		for (n = SCHEMA_AGENT_MAX; n > 0 && (b.data[n] & 0xc0) == 0x80; n--)
			;
		b.data[n] = '\0';
		b.len = n;
	}
	return buf_detach(&b);
}

/*
 * The file as the state records it: visible, and when very long its end,
 * which names it best.
 */
static char *
file_label(const char *path)
{
	char *shown = text_visible(path, strlen(path)), *cut;
	size_t len = strlen(shown), skip;

	if (len <= SCHEMA_PATH_MAX)
		return shown;
	for (skip = len - (SCHEMA_PATH_MAX - 3); (shown[skip] & 0xc0) == 0x80; skip++)
		;
	cut = xasprintf("\xe2\x80\xa6%s", shown + skip);
	free(shown);
	return cut;
}

/* Where hash h would go: slots[] is a power of two, filled at most 2/3. */
static size_t
slot_of(const struct importer *im, uint64_t h)
{
	return (size_t)(h ^ h >> 32) & (im->nslots - 1);
}

static void
table_grow(struct importer *im, size_t want)
{
	size_t n = im->nslots ? im->nslots * 2 : 4096;

	while (n < want)
		n *= 2;
	free(im->slots);
	im->slots = big_alloc(n, sizeof(*im->slots), 1);
	im->nslots = n;
	for (size_t i = 0; i < im->nentries; i++) {
		uint64_t h = im->entries[i].hash;
		size_t j = slot_of(im, h);

		while (im->slots[j] != 0)
			j = (j + 1) & (n - 1);
		im->slots[j] = (h & 0xffffffff00000000ULL) | (uint64_t)(i + 1);
	}
}

/* The entry of this hash; *fresh says whether it was just made. */
static struct entry *
table_get(struct importer *im, uint64_t h, int *fresh)
{
	uint64_t tag = h & 0xffffffff00000000ULL;
	size_t j;

	/* row() keeps the table room for every row it queues. */
	for (j = slot_of(im, h); im->slots[j] != 0; j = (j + 1) & (im->nslots - 1)) {
		if ((im->slots[j] & 0xffffffff00000000ULL) == tag &&
		    im->entries[(uint32_t)im->slots[j] - 1].hash == h) {
			*fresh = 0;
			return &im->entries[(uint32_t)im->slots[j] - 1];
		}
	}
	if (im->nentries == im->capentries) {
		im->capentries = im->capentries ? im->capentries * 2 : 1024;
		im->entries = xreallocarray(im->entries, im->capentries,
		    sizeof(*im->entries));
	}
	im->slots[j] = tag | (uint64_t)(++im->nentries);
	*fresh = 1;
	memset(&im->entries[im->nentries - 1], 0, sizeof(*im->entries));
	im->entries[im->nentries - 1].hash = h;
	return &im->entries[im->nentries - 1];
}

/* The id of a version string (0 if it is not a version). */
static uint32_t
version_id(struct importer *im, const char *v)
{
	size_t last = im->lastversion, id, len = strlen(v);

	if (last > 0 && strcmp(im->versions[last].text, v) == 0)
		return (uint32_t)last;
	if (strmap_get(&im->version_ids, v, len, &id)) {
		im->lastversion = id;
		return (uint32_t)id;
	}
	if (!version_valid(v) || im->nversions >= UINT32_MAX - 1)
		return 0;
	im->versions = xappend(im->versions, im->nversions + 1,
	    sizeof(*im->versions));
	im->nversions++;
	im->versions[im->nversions].text = xstrdup(v);
	im->versions[im->nversions].below = version_cmp(v, im->target) < 0;
	im->versions[im->nversions].count = 0;
	im->lastversion = im->nversions;
	strmap_put(&im->version_ids, v, len, im->nversions);
	return (uint32_t)im->nversions;
}

static void
record_unreadable(struct inventory *out, unsigned long line, const char *name)
{
	if (out->nunreadable >= INVENTORY_LIST_MAX)
		return;
	out->unreadable = xappend(out->unreadable, out->nunreadable,
	    sizeof(*out->unreadable));
	out->unreadable[out->nunreadable].line = line;
	out->unreadable[out->nunreadable++].name = clean_name(name);
}

/* A row's agent, in the table: its turn has come. */
static void
process(struct importer *im, const struct queued *q)
{
	const char *name = q->name.data;
	uint32_t vid = q->version;
	struct entry *e;
	int fresh;

	if (q->nameless) {
		/* A row without a name still counts, as unreadable. */
		im->nameless++;
		record_unreadable(im->out, q->line, "");
		return;
	}
	e = table_get(im, q->hash, &fresh);
	if (!fresh) {
		if (!(e->flags & F_DUPLICATE) &&
		    im->out->nduplicates < INVENTORY_LIST_MAX) {
			im->out->duplicates = xappend(im->out->duplicates,
			    im->out->nduplicates, sizeof(*im->out->duplicates));
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
		record_unreadable(im->out, q->line, name);
	} else if (vid != 0 && im->versions[vid].below && !(e->flags & F_BELOW) &&
	    im->nbelow < INVENTORY_LIST_MAX) {
		e->flags |= F_BELOW;
		im->below = xappend(im->below, im->nbelow, sizeof(*im->below));
		im->below[im->nbelow].entry = (uint32_t)(e - im->entries);
		im->below[im->nbelow++].name = clean_name(name);
	}
}

/* The row that has waited longest goes through. */
static void
process_oldest(struct importer *im)
{
	process(im, &im->queue[im->qhead]);
	im->qhead = (im->qhead + 1) % QUEUE_LEN;
	im->nqueued--;
}

/* The rows still waiting, in the order they were read. */
static void
drain(struct importer *im)
{
	while (im->nqueued > 0)
		process_oldest(im);
}

/*
 * Queue the row and ask for its slot; when the queue is full, the oldest
 * row, whose slot has had time to arrive, goes through first.
 */
static void
row(struct importer *im, const struct csv *c)
{
	size_t nlen = 0;
	const char *name = csv_field(c, im->hcol, &nlen);
	const char *version = csv_field(c, im->vcol, NULL);
	struct queued *q;

	if (im->nqueued == QUEUE_LEN)
		process_oldest(im);
	q = &im->queue[(im->qhead + im->nqueued++) % QUEUE_LEN];
	q->version = version != NULL ? version_id(im, version) : 0;
	q->line = c->record_line;
	q->nameless = name == NULL || *name == '\0';
	buf_reset(&q->name);
	if (q->nameless)
		return;
	buf_add(&q->name, name, nlen);
	q->hash = name_hash(name, nlen);
	if ((im->nentries + QUEUE_LEN + 1) * 3 > im->nslots * 2)
		table_grow(im, 0);
	__builtin_prefetch(&im->slots[slot_of(im, q->hash)]);
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

static const struct vinfo *sort_base;

/* The more agents a version has, the earlier; in the file's order otherwise. */
static int
by_count(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (sort_base[x].count != sort_base[y].count)
		return sort_base[x].count > sort_base[y].count ? -1 : 1;
	return x < y ? -1 : x > y;
}

/*
 * The state keeps at most INVENTORY_LIST_MAX versions, those most agents
 * run; the others are left out of the list (the totals still count their
 * agents).  A version column full of build strings must not bloat it.
 */
static void
keep_common_versions(struct importer *im)
{
	size_t *order, n = 0;

	for (size_t i = 1; i <= im->nversions; i++)
		n += im->versions[i].count > 0;
	if (n <= INVENTORY_LIST_MAX)
		return;
	order = xcalloc(n, sizeof(*order));
	n = 0;
	for (size_t i = 1; i <= im->nversions; i++)
		if (im->versions[i].count > 0)
			order[n++] = i;
	sort_base = im->versions;
	qsort(order, n, sizeof(*order), by_count);
	for (size_t i = INVENTORY_LIST_MAX; i < n; i++)
		im->versions[order[i]].count = 0;
	free(order);
}

/* Turn the table into the summary kept in the state. */
static void
summarize(struct importer *im)
{
	struct inventory *out = im->out;

	drain(im);
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
	keep_common_versions(im);
	for (size_t i = 1; i <= im->nversions; i++) {
		if (im->versions[i].count == 0)
			continue;
		out->versions = xappend(out->versions, out->nversions,
		    sizeof(*out->versions));
		out->versions[out->nversions].version = xstrdup(im->versions[i].text);
		out->versions[out->nversions++].count = im->versions[i].count;
	}
	for (size_t i = 0; i < im->nbelow; i++) {
		const struct entry *e = &im->entries[im->below[i].entry];

		if (e->version == 0)
			continue;	/* reported as unreadable */
		out->below = xappend(out->below, out->nbelow, sizeof(*out->below));
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
	for (size_t i = 0; im->queue != NULL && i < QUEUE_LEN; i++)
		buf_free(&im->queue[i].name);
	free(im->queue);
	for (size_t i = 1; i <= im->nversions; i++)
		free(im->versions[i].text);
	free(im->versions);
	strmap_free(&im->version_ids);
	for (size_t i = 0; i < im->nbelow; i++)
		free(im->below[i].name);
	free(im->below);
	free(im->error);
	memset(im, 0, sizeof(*im));
}

/* Where the reading stands. */
struct pass {
	struct importer	 im;
	struct csv	 csv;
	struct digest	 sha;
};

static void
pass_start(struct pass *p, const char *path, const struct import_opts *o,
    struct inventory *out)
{
	memset(&p->im, 0, sizeof(p->im));
	p->im.path = path;
	p->im.opts = o;
	p->im.target = o->target != NULL ? o->target : migration_default()->to_version;
	p->im.out = out;
	strmap_init(&p->im.version_ids, 0);
	p->im.queue = xcalloc(QUEUE_LEN, sizeof(*p->im.queue));
	for (size_t i = 0; i < QUEUE_LEN; i++)
		buf_init(&p->im.queue[i].name);
	memset(out, 0, sizeof(*out));
	csv_init(&p->csv, on_record, &p->im);
	digest_init(&p->sha);
}

/* Turn the outcome into a status and, on error, a message. */
static enum import_status
pass_end(struct pass *p, enum csv_status st, const char *sha256, char **err)
{
	enum import_status r = IMPORT_OK;

	if (st == CSV_STOP || p->im.error != NULL) {
		*err = p->im.error;
		p->im.error = NULL;
		r = IMPORT_BAD;
	} else if (st == CSV_ERROR && !p->im.header_done) {
		/* TRANSLATORS: %4$s says what is wrong, such as "text after the closing quote of a field." */
		*err = xasprintf(_("%1$s:%2$lu:%3$lu: in the header line, which names the columns: %4$s"),
		    p->im.path, p->csv.err_line, p->csv.err_column, _(p->csv.err_what));
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
		if (sha256 == NULL)
			digest_hex(&p->sha, digest);
		p->im.out->sha256 = xstrdup(sha256 != NULL ? sha256 : digest);
		p->im.out->file = file_label(p->im.path);
		p->im.out->present = 1;
	}
	if (r != IMPORT_OK)
		inventory_free(p->im.out);
	csv_free(&p->csv);
	importer_free(&p->im);
	return r;
}

/*
 * A file's size tells roughly how many agents it lists (a row is rarely
 * shorter than 48 bytes): the table is made that large at once rather than
 * grown and filled again several times.  Capped, so that a huge file of
 * long rows does not take memory it will not use.
 */
static void
presize(struct importer *im, int fd)
{
	struct stat st;
	size_t rows;

	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		return;
	rows = (size_t)(st.st_size / 48);
	if (rows > (1u << 21))
		rows = 1u << 21;
	if (rows < 4096)
		return;
	table_grow(im, rows + rows / 2);
	im->capentries = rows;
	im->entries = big_alloc(rows, sizeof(*im->entries), 0);
}

/* Read an export held in memory; on error out is left empty and *err says FILE:LINE:COLUMN. */
enum import_status
inventory_parse(const char *path, const char *data, size_t len,
    const struct import_opts *o, struct inventory *out, char **err)
{
	struct pass p;
	enum csv_status st;

	pass_start(&p, path, o, out);
	digest_update(&p.sha, data, len);
	if ((st = csv_feed(&p.csv, data, len)) == CSV_OK)
		st = csv_finish(&p.csv);
	return pass_end(&p, st, NULL, err);
}

/*
 * Read an export from a file, or from standard input when path is "-",
 * streaming it once: a pipe or a FIFO reads the same as a file.  The
 * reading and splitting into records, and the hashing, run on other
 * threads (csv-stream.c) while this one judges the agents of the records
 * before.
 * A read error refuses the whole list: a part of it is never taken for
 * all of it.
 */
enum import_status
inventory_import(const char *path, const struct import_opts *o,
    struct inventory *out, char **err)
{
	struct fsio_error e;
	struct csv_stream cs;
	const struct csv *c;
	enum csv_status st;
	struct pass p;
	char sha256[65];
	int fd, read_errno;

	if (strcmp(path, "-") == 0)
		fd = 0;
	else if (fsio_open_read(path, &fd, &e) != FSIO_OK) {
		char *shown = text_visible(path, strlen(path));

		*err = xasprintf(_("%s: cannot open the agent list: %s."), shown,
		    strerror(e.errnum));
		free(shown);
		memset(out, 0, sizeof(*out));
		return e.errnum == EMFILE || e.errnum == ENFILE ? IMPORT_IOERR :
		    IMPORT_NOINPUT;
	}
	pass_start(&p, path, o, out);
	presize(&p.im, fd);
	/* The stream sets the reader up its own way. */
	csv_free(&p.csv);
	csv_stream_start(&cs, fd, &p.csv);
	while ((c = csv_stream_next(&cs)) != NULL) {
		if (on_record(&p.im, c) != 0) {
			csv_stream_stop(&cs);
			break;
		}
	}
	st = csv_stream_end(&cs, &read_errno, sha256);
	if (fd != 0)
		fsio_close(fd);
	if (read_errno != 0) {
		char *shown = text_visible(path, strlen(path));

		csv_free(&p.csv);
		importer_free(&p.im);
		inventory_free(out);
		*err = xasprintf(_("%s: cannot read the agent list: %s; nothing was imported."),
		    shown, strerror(read_errno));
		free(shown);
		return IMPORT_IOERR;
	}
	return pass_end(&p, st, sha256, err);
}

/* Agents at the target or later: the rest are below it or unreadable. */
unsigned long
inventory_at_target(const struct inventory *inv)
{
	return inv->total - inv->below_total - inv->unreadable_total;
}
