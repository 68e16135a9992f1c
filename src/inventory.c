/*
 * The agent inventory: the console's CSV export, one row per agent.  Its
 * columns are not documented, so they are found by their header, in French
 * or English, whatever the case and accents.  What is kept is a summary:
 * counts per version and the agents below the target version by name.
 *
 * A million agents must import in well under a second and 64 MiB, so the
 * file streams once through a small buffer (a pipe or standard input does
 * as well as a file) and each agent costs a slot of 12 bytes in a table
 * a third larger than the list, at least (filled at most 3/4): a 64-bit
 * hash of its case-folded name, a version id and flags.  Distinct versions
 * are found through a hash table, however many there are.  Names are kept
 * only for the agents reported (below the target, unreadable, duplicates).
 *
 * The table of agents is the cost: one random access into megabytes per
 * row, and every page of it touched once, which a virtual machine makes
 * dear (the first touch of a page costs more than all the reads that
 * follow), hence slots as small as they can be.  Rows wait in a short
 * queue while the slot of each is fetched ahead, so the memory accesses
 * of several rows overlap instead of following one another.
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
#include <pthread.h>
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

/*
 * An agent: the hash of its name in two halves (12 bytes a slot, not 16
 * with a 64-bit field's alignment), never 0 0, which marks a free slot;
 * its version id (in versions; 0: unreadable) and what was recorded about
 * it.
 */
struct slot {
	uint32_t	lo, hi;
	uint32_t	vf;		/* version id << VF_BITS | flags */
};

#define VF_BITS		3
#define VF_VERSION(s)	((s)->vf >> VF_BITS)
#define VERSION_IDS_MAX	(UINT32_MAX >> VF_BITS)

/* A distinct version string, with its verdict computed once. */
struct vinfo {
	char		*text;
	size_t		 len;
	int		 below;
};

/* An agent reported below the target; its final version comes at the end. */
struct pending {
	uint64_t	 hash;
	char		*name;
};

/* A row waiting its turn while the memory its agent needs is fetched. */
struct queued {
	uint64_t	 hash;
	uint32_t	 version;
	int		 below;		/* the version is below the target */
	int		 nameless;
	unsigned long	 line;
	const char	*name;		/* in the stream's batch, or in copy */
	struct buf	 copy;
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

	struct slot		*slots;		/* filled at most 3/4 */
	size_t			 nslots;
	size_t			 nagents;	/* slots used */
	struct queued		*queue;		/* rows read, their slots being fetched */
	size_t			 nqueued;
	size_t			 qhead;

	/*
	 * The versions are found on the reader's thread (note_row), which
	 * alone adds to them; this one reads their texts under the lock.
	 */
	const char		*target;	/* the version agents must reach */
	pthread_mutex_t		 versions_lock;
	struct vinfo		*versions;	/* [0] unused */
	size_t			 nversions;
	size_t			 lastversion;	/* rows come in runs of one version */
	struct strmap		 version_ids;	/* text to id */

	/*
	 * Kept up as the agents' versions change, on this thread (the reader
	 * grows versions meanwhile): the summary then needs no walk over the
	 * whole table at the end.
	 */
	unsigned long		*vcount;	/* agents at each version id, [0] unreadable */
	size_t			 vcap;
	unsigned long		 nduplicated;	/* agents listed more than once */

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
hash_word(uint64_t h, uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t low = w & ~high, upper;

	/* High bit set in each byte that is ASCII and within 'A'..'Z'. */
	upper = ((low + (0x80 - 'A') * ones) ^ (low + (0x7f - 'Z') * ones)) & ~w & high;
	w |= upper >> 2;
	h = (h ^ w) * 0xff51afd7ed558ccdULL;
	return h ^ (h >> 32);
}

static uint64_t
name_hash(const char *s, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ len, w;

	/* Whole words read at once; the last few bytes, zero-filled, after. */
	for (; len >= 8; s += 8, len -= 8) {
		memcpy(&w, s, 8);
		h = hash_word(h, w);
	}
	if (len > 0) {
		w = 0;
		memcpy(&w, s, len);
		h = hash_word(h, w);
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

/*
 * Where hash h would go, in a table of any size: a product and a shift,
 * which needs the size to fit in 32 bits (past 4 billion slots, a division).
 */
static size_t
slot_of(size_t nslots, uint64_t h)
{
	if ((uint64_t)nslots > UINT32_MAX)
		return (size_t)(h % nslots);
	return (size_t)(((h ^ h >> 32) & 0xffffffffu) * (uint64_t)nslots >> 32);
}

static uint64_t
slot_hash(const struct slot *s)
{
	return (uint64_t)s->hi << 32 | s->lo;
}

/* Whether the slot holds an agent: no name hashes to 0 (note_row sees to it). */
static int
slot_used(const struct slot *s)
{
	return (s->lo | s->hi) != 0;
}

/* The slot of hash h in the table, or the free one where it would go. */
static struct slot *
slot_find(struct slot *slots, size_t nslots, uint64_t h)
{
	size_t j = slot_of(nslots, h);

	while (slot_used(&slots[j]) && slot_hash(&slots[j]) != h)
		if (++j == nslots)
			j = 0;
	return &slots[j];
}

/* A table of want slots (0: twice as many), the agents so far moved over. */
static void
table_grow(struct importer *im, size_t want)
{
	size_t n = want != 0 ? want : im->nslots ? im->nslots * 2 : 4096;
	struct slot *grown;

	grown = big_alloc(n, sizeof(*grown), 1);
	for (size_t i = 0; i < im->nslots; i++)
		if (slot_used(&im->slots[i]))
			*slot_find(grown, n, slot_hash(&im->slots[i])) = im->slots[i];
	free(im->slots);
	im->slots = grown;
	im->nslots = n;
}

/* The slot of this hash; *fresh says whether it was just taken. */
static struct slot *
table_get(struct importer *im, uint64_t h, int *fresh)
{
	struct slot *s = slot_find(im->slots, im->nslots, h);

	/* row() keeps the table room for every row it queues. */
	*fresh = !slot_used(s);
	if (*fresh) {
		s->lo = (uint32_t)h;
		s->hi = (uint32_t)(h >> 32);
		s->vf = 0;
		im->nagents++;
	}
	return s;
}

/* The id of a version string (0 if it is not a version). */
static uint32_t
version_id(struct importer *im, const char *v, size_t len)
{
	size_t last = im->lastversion, id;

	if (last > 0 && im->versions[last].len == len &&
	    memcmp(im->versions[last].text, v, len) == 0)
		return (uint32_t)last;
	if (strmap_get(&im->version_ids, v, len, &id)) {
		im->lastversion = id;
		return (uint32_t)id;
	}
	if (!version_valid(v) || im->nversions >= VERSION_IDS_MAX - 1)
		return 0;
	pthread_mutex_lock(&im->versions_lock);
	im->versions = xappend(im->versions, im->nversions + 1,
	    sizeof(*im->versions));
	im->nversions++;
	im->versions[im->nversions].text = xstrdup(v);
	im->versions[im->nversions].len = len;
	im->versions[im->nversions].below = version_cmp(v, im->target) < 0;
	pthread_mutex_unlock(&im->versions_lock);
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

/* Room to count the agents at version vid, and at every id below it. */
static void
counts_grow(struct importer *im, uint32_t vid)
{
	size_t cap = im->vcap ? im->vcap * 2 : 64;

	while (cap <= vid)
		cap *= 2;
	im->vcount = xreallocarray(im->vcount, cap, sizeof(*im->vcount));
	memset(im->vcount + im->vcap, 0, (cap - im->vcap) * sizeof(*im->vcount));
	im->vcap = cap;
}

/* A row's agent, in the table: its turn has come. */
static void
process(struct importer *im, const struct queued *q)
{
	const char *name = q->name;
	uint32_t vid = q->version;
	struct slot *e;
	int fresh;

	if (q->nameless) {
		/* A row without a name still counts, as unreadable. */
		im->nameless++;
		record_unreadable(im->out, q->line, "");
		return;
	}
	e = table_get(im, q->hash, &fresh);
	if (!fresh) {
		if (!(e->vf & F_DUPLICATE) &&
		    im->out->nduplicates < INVENTORY_LIST_MAX) {
			im->out->duplicates = xappend(im->out->duplicates,
			    im->out->nduplicates, sizeof(*im->out->duplicates));
			im->out->duplicates[im->out->nduplicates++] = clean_name(name);
		}
		im->nduplicated += !(e->vf & F_DUPLICATE);
		e->vf |= F_DUPLICATE;
		if (VF_VERSION(e) == 0)
			return;
		if (vid != 0) {
			int later;

			pthread_mutex_lock(&im->versions_lock);
			later = version_cmp(im->versions[vid].text,
			    im->versions[VF_VERSION(e)].text) >= 0;
			pthread_mutex_unlock(&im->versions_lock);
			if (later)
				return;
		}
	}
	/*
	 * An agent seen before had a readable version, counted: it moves to
	 * this one.  A few instructions a row here, on this thread, spare a
	 * walk of the whole table at the end, on one core, the others done.
	 */
	if (vid >= im->vcap)
		counts_grow(im, vid);
	if (!fresh)
		im->vcount[VF_VERSION(e)]--;
	im->vcount[vid]++;
	e->vf = vid << VF_BITS | (e->vf & ((1u << VF_BITS) - 1));
	if (vid == 0 && !(e->vf & F_UNREADABLE)) {
		e->vf |= F_UNREADABLE;
		record_unreadable(im->out, q->line, name);
	} else if (vid != 0 && q->below && !(e->vf & F_BELOW) &&
	    im->nbelow < INVENTORY_LIST_MAX) {
		e->vf |= F_BELOW;
		im->below = xappend(im->below, im->nbelow, sizeof(*im->below));
		im->below[im->nbelow].hash = q->hash;
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

/* What the reader's thread notes of a record, in its note's flags. */
enum { NOTE_HEADER = 1, NOTE_NAMELESS = 2, NOTE_BELOW = 4 };

/*
 * On the reader's thread (csv-stream.c): the header is judged, then each
 * row's name hashed and its version's id found, work this thread is
 * spared.  Nonzero stops the reading: the header is refused.
 */
static int
note_row(void *ctx, const struct csv *c, struct csv_note *n)
{
	struct importer *im = ctx;
	size_t nlen = 0, vlen = 0;
	const char *name, *version;

	if (!im->header_done) {
		n->flags = NOTE_HEADER;
		return header(im, c);
	}
	name = csv_field(c, im->hcol, &nlen);
	version = csv_field(c, im->vcol, &vlen);
	n->id = version != NULL ? version_id(im, version, vlen) : 0;
	if (n->id != 0 && im->versions[n->id].below)
		n->flags |= NOTE_BELOW;
	/* The caller needs the name alone. */
	n->only = im->hcol + 1;
	if (name == NULL || *name == '\0')
		n->flags |= NOTE_NAMELESS;
	/* 0 0 marks a free slot: a name that hashes to 0 takes 1 instead. */
	else if ((n->hash = name_hash(name, nlen)) == 0)
		n->hash = 1;
	return 0;
}

/*
 * Queue the row and ask for its slot; when the queue is full, the oldest
 * row, whose slot has had time to arrive, goes through first.  The name
 * (field 0 of a record as the stream kept it, field hcol of a whole one)
 * is copied only if it may not stay where it is until its turn.
 */
static void
row(struct importer *im, const struct csv *c, const struct csv_note *n, int stays)
{
	struct queued *q;

	if (n->flags & NOTE_HEADER)
		return;
	if (im->nqueued == QUEUE_LEN)
		process_oldest(im);
	q = &im->queue[(im->qhead + im->nqueued++) % QUEUE_LEN];
	q->version = n->id;
	q->below = (n->flags & NOTE_BELOW) != 0;
	q->line = c->record_line;
	q->nameless = (n->flags & NOTE_NAMELESS) != 0;
	q->name = "";
	if (q->nameless)
		return;
	if (stays) {
		q->name = csv_field(c, 0, NULL);
	} else {
		size_t nlen = 0;
		const char *name = csv_field(c, im->hcol, &nlen);

		buf_reset(&q->copy);
		buf_add(&q->copy, name, nlen);
		q->name = q->copy.data;
	}
	q->hash = n->hash;
	if ((im->nagents + QUEUE_LEN + 1) * 4 > im->nslots * 3)
		table_grow(im, 0);
	__builtin_prefetch(&im->slots[slot_of(im->nslots, q->hash)]);
}

/* A record read in this thread: noted, then judged. */
static int
on_record(void *ctx, const struct csv *c)
{
	struct csv_note n;

	memset(&n, 0, sizeof(n));
	if (note_row(ctx, c, &n) != 0)
		return 1;
	row(ctx, c, &n, 0);
	return 0;
}

static const unsigned long *sort_counts;

/* The more agents a version has, the earlier; in the file's order otherwise. */
static int
by_count(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (sort_counts[x] != sort_counts[y])
		return sort_counts[x] > sort_counts[y] ? -1 : 1;
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
		n += im->vcount[i] > 0;
	if (n <= INVENTORY_LIST_MAX)
		return;
	order = xcalloc(n, sizeof(*order));
	n = 0;
	for (size_t i = 1; i <= im->nversions; i++)
		if (im->vcount[i] > 0)
			order[n++] = i;
	sort_counts = im->vcount;
	qsort(order, n, sizeof(*order), by_count);
	for (size_t i = INVENTORY_LIST_MAX; i < n; i++)
		im->vcount[order[i]] = 0;
	free(order);
}

/* Turn the table into the summary kept in the state. */
static void
summarize(struct importer *im)
{
	struct inventory *out = im->out;

	drain(im);
	out->total = im->nagents + im->nameless;
	/* The reader is done: every version it found gets a count, 0 if none kept it. */
	if (im->nversions >= im->vcap)
		counts_grow(im, (uint32_t)im->nversions);
	out->unreadable_total = im->nameless + im->vcount[0];
	out->duplicates_total = im->nduplicated;
	for (size_t i = 1; i <= im->nversions; i++)
		if (im->versions[i].below)
			out->below_total += im->vcount[i];
	keep_common_versions(im);
	for (size_t i = 1; i <= im->nversions; i++) {
		if (im->vcount[i] == 0)
			continue;
		out->versions = xappend(out->versions, out->nversions,
		    sizeof(*out->versions));
		out->versions[out->nversions].version = xstrdup(im->versions[i].text);
		out->versions[out->nversions++].count = im->vcount[i];
	}
	for (size_t i = 0; i < im->nbelow; i++) {
		const struct slot *e = slot_find(im->slots, im->nslots, im->below[i].hash);

		if (VF_VERSION(e) == 0)
			continue;	/* reported as unreadable */
		out->below = xappend(out->below, out->nbelow, sizeof(*out->below));
		out->below[out->nbelow].name = im->below[i].name;
		out->below[out->nbelow++].version = xstrdup(im->versions[VF_VERSION(e)].text);
		im->below[i].name = NULL;
	}
}

static void
importer_free(struct importer *im)
{
	free(im->slots);
	free(im->vcount);
	for (size_t i = 0; im->queue != NULL && i < QUEUE_LEN; i++)
		buf_free(&im->queue[i].copy);
	free(im->queue);
	for (size_t i = 1; i <= im->nversions; i++)
		free(im->versions[i].text);
	free(im->versions);
	strmap_free(&im->version_ids);
	pthread_mutex_destroy(&im->versions_lock);
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
	pthread_mutex_init(&p->im.versions_lock, NULL);
	p->im.queue = xcalloc(QUEUE_LEN, sizeof(*p->im.queue));
	for (size_t i = 0; i < QUEUE_LEN; i++)
		buf_init(&p->im.queue[i].copy);
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
	table_grow(im, rows + rows / 3);
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
 * reading and splitting into records, with the header judged and each
 * row's name hashed and version found (note_row), and the hashing of the
 * file run on other threads (csv-stream.c) while this one judges the
 * agents of the records before.
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
	const struct csv_note *note;
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
	csv_stream_start(&cs, fd, &p.csv, note_row, &p.im);
	while ((c = csv_stream_next(&cs, &note)) != NULL) {
		row(&p.im, c, note, 1);
		/* Its names are about to go: the rows that point into it go first. */
		if (csv_stream_batch_done(&cs))
			drain(&p.im);
	}
	drain(&p.im);	/* none left, the last batch having ended; and it is freed next */
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
