/*
 * What the two passes of the state loader share (state-scan.c reads the
 * raw bytes, state-load.c gives libinih's keys their meaning).  Private to
 * those files.
 */
#ifndef SES_STATE_LOADER_H
#define SES_STATE_LOADER_H

#include <stdint.h>
#include <time.h>

#include "buf.h"
#include "model.h"
#include "schema.h"

/* Stop listing after this many errors: the file is broken anyway. */
#define LOADER_MAX_ERRORS 20
/* The most fields an entry of a list has (history: four). */
#define LOADER_FIELDS_MAX 8

struct keyline {
	int	line;		/* of the key */
	int	section_line;	/* of its section header */
};

/*
 * The lines of the bulk sections (the lists, the exclusions, the events:
 * tens of thousands in a long migration), which libinih's reader skips:
 * libinih costs over a thousand instructions a line, the whole of the
 * load's target.  The first pass checks them as it checks every line,
 * and loader_walk_bulk hands their keys to the second pass, trimmed as
 * libinih trims them.
 */
struct skip {
	const char	*from;		/* the first byte of the first line */
	const char	*to;		/* the byte after the last line */
	int		 first_line;
	int		 nlines;
};

/* The list sections, each read its own way. */
enum list_kind {
	LIST_NONE,		/* not a list */
	LIST_VERSIONS, LIST_BELOW, LIST_UNREADABLE, LIST_DUPLICATES, LIST_HISTORY
};

/* Which list the section def is, or LIST_NONE. */
enum list_kind loader_list_kind(const struct schema_section *def);

/* Room in the model's strings for n stragglers, aligned as agents_at aligns them. */
static inline size_t
below_room(size_t n)
{
	return n * sizeof(struct agent) + _Alignof(struct agent);
}

/* The first place at p or after where an array of agents may start. */
static inline struct agent *
agents_at(char *p)
{
	return (struct agent *)(void *)(p + (-(uintptr_t)p & (_Alignof(struct agent) - 1)));
}

/*
 * Whether a list's entries are split packed into the model's strings: the
 * two that grow by the ten thousand (the first pass sizes the room).
 */
static inline int
list_packed(enum list_kind k)
{
	return k == LIST_HISTORY || k == LIST_BELOW;
}

/* A section's lines that the first pass read in one go (state-plain.c). */
struct plain_lines {
	const char	*from;		/* the first line after its header, or NULL */
	const char	*to;		/* where the section ends */
	int		 nlines;
};

struct loader {
	const char	*path;
	struct model	*m;
	time_t		 now;
	struct buf	 errors;
	int		 nerrors;
	struct {			/* where each error kept is in errors, and its line */
		int	 line;
		size_t	 from;
	}		 errlines[LOADER_MAX_ERRORS];
	int		 newer;		/* format newer than ours: its line, or 0 */
	int		 format_line;
	char		*mig_id;	/* [migration] id, as the scan found it */
	int		 mig_line;

	struct keyline	*keys;		/* one per key line libinih reads, in file order */
	size_t		 nkeys;
	size_t		 next;		/* the handler's next call */
	struct skip	*skips;		/* where those sections lie, in file order */
	size_t		 nskips;
	size_t		 nhistory;	/* entries of [history] */
	size_t		 nbelow;	/* of [inventory-below] */
	size_t		 nexclusions;	/* [exclusion.N] sections */
	size_t		 packed_bytes;	/* what its entries and the stragglers' take packed */
	struct {			/* [inventory-below], if plain (state-plain.c) */
		struct plain_lines	 lines;
		struct agent		*entries;	/* read, in the model's strings */
		size_t			 n;
	}		 plain_below;
	struct {			/* [history], if plain */
		struct plain_lines	 lines;
		struct event		*events;	/* read, the loader's until the model's */
		size_t			 n;
		size_t			 cap;
	}		 plain_history;

	/* The section the handler is in, and what it has seen there. */
	char				*section;
	size_t				 section_len;
	int				 section_line;
	const struct schema_section	*def;
	void				*obj;		/* the struct its keys fill */
	unsigned long			 seen;		/* bit per key of def */
	int				*step_lines;	/* of each [step.ID] */
	struct host			 host;		/* [host.N] being read */
	struct exclusion		 exclusion;	/* [exclusion.N] */
	struct event			 event;		/* [event.N], a [history] entry */
	int				 event_open;
	int				 event_line;
	unsigned long			 list_next;	/* the entry a list expects next */
	enum list_kind			 list_kind;	/* which list def is, if one */
	size_t				 list_fields;	/* how many fields its entries have */
	unsigned			 totals_seen;	/* bit per [inventory] count */
	const char			*passed[LOADER_FIELDS_MAX];	/* each field's value last checked, packed */

	/* A value being put together from its continuation lines. */
	char		*pkey;		/* pkey_buf's text, or NULL */
	struct buf	 pkey_buf;
	struct buf	 pval;
	unsigned	 pparts;
	int		 pline;
	/* Its lines in the file, when the first pass handed it over: or NULL. */
	const char	*pstart;
	const char	*pend;
	int		 keep;		/* events remember their lines (the model keeps the text) */
	int		 all_inih;	/* no bulk section: libinih reads every line (tests) */
	const char	*data_end;	/* of the text read */
};

/* Records "PATH:LINE: message" in L->errors; past LOADER_MAX_ERRORS only counts it. */
void loader_error(struct loader *L, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * The errors kept, in the order of their lines: the passes find them in
 * another (libinih's sections first, then the bulk ones).
 */
void loader_errors_in_order(struct loader *L);
/* What libinih reads the state from: the text left. */
struct loader_text {
	const char		*p;
	const char		*end;
	const struct skip	*skips;		/* stretches not to hand libinih */
	size_t			 nskips;
};

/* libinih's reader over a loader_text: the next line, through its '\n', at most num - 1 bytes. */
char *loader_next_line(char *str, int num, void *stream);
/*
 * [inventory-below]'s lines from p to stop (the next header), if all are
 * plain (state-plain.c): its entries written to e, their texts to w (up
 * to w_end), their number and the lines through *n and *nlines, and where
 * the section ends; NULL if one is not.
 */
const char *loader_below_plain(const char *p, const char *stop, char *w,
    const char *w_end, struct agent *e, size_t *n, int *nlines);
/*
 * [history]'s lines from p to stop (the next header), if all are plain:
 * its events in L->plain_history, their texts in the model's strings, and
 * where the section ends; NULL if one is not (nothing kept then).
 */
const char *loader_history_plain(struct loader *L, const struct schema_section *def,
    const char *p, const char *stop, int *nlines);
/* Frees the plain history's events that no model took. */
void loader_plain_history_free(struct loader *L);
/* The first pass: refuse what libinih would read otherwise, note key lines. */
void loader_scan(struct loader *L, const char *data, size_t len);
/* What receives each key of the bulk sections: pointers into the file. */
typedef void loader_key_fn(struct loader *L, const char *section, size_t seclen,
    int section_line, const char *name, size_t nlen, const char *value,
    size_t vlen, int line);
/*
 * What receives [inventory-below] or [history] (kind) when the first
 * pass found every line of it plain, and read it (L->plain_below, or
 * L->plain_history).
 */
typedef void loader_plain_fn(struct loader *L, const char *section, size_t seclen,
    int section_line, enum list_kind kind);
/*
 * Hand take the keys of the bulk sections, in file order, and plain the
 * stragglers and the history when they are plain; the first pass found no
 * error.
 */
void loader_walk_bulk(struct loader *L, loader_key_fn *take, loader_plain_fn *plain);
/*
 * state_parse with libinih reading every section, as the loader did before
 * it kept the bulk sections from it: the tests compare the two.
 */
enum state_status loader_parse_all_inih(const char *path, const char *data,
    size_t len, struct model *m, char **err);
/* The line of the file that libinih's line n is, the skipped stretches counted. */
int loader_real_line(const struct loader *L, int n);

#endif
