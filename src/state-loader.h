/*
 * What the two passes of the state loader share (state-scan.c reads the
 * raw bytes, state-load.c gives libinih's keys their meaning).  Private to
 * those files.
 */
#ifndef SES_STATE_LOADER_H
#define SES_STATE_LOADER_H

#include <time.h>

#include "buf.h"
#include "model.h"
#include "schema.h"

/* Stop listing after this many errors: the file is broken anyway. */
#define LOADER_MAX_ERRORS 20

struct keyline {
	int	line;		/* of the key */
	int	section_line;	/* of its section header */
};

struct loader {
	const char	*path;
	struct model	*m;
	time_t		 now;
	struct buf	 errors;
	int		 nerrors;
	int		 newer;		/* format newer than ours: its line, or 0 */
	int		 format_line;
	char		*mig_id;	/* [migration] id, as the scan found it */
	int		 mig_line;

	struct keyline	*keys;		/* one per key line, in file order */
	size_t		 nkeys;
	size_t		 next;		/* the handler's next call */

	/* The section the handler is in, and what it has seen there. */
	char				*section;
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
	unsigned			 totals_seen;	/* bit per [inventory] count */

	/* A value being put together from its continuation lines. */
	char		*pkey;		/* pkey_buf's text, or NULL */
	struct buf	 pkey_buf;
	struct buf	 pval;
	unsigned	 pparts;
	int		 pline;
};

/* Records "PATH:LINE: message" in L->errors; past LOADER_MAX_ERRORS only counts it. */
void loader_error(struct loader *L, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* What libinih reads the state from: the text left. */
struct loader_text {
	const char	*p;
	const char	*end;
};

/* libinih's reader over a loader_text: the next line, through its '\n', at most num - 1 bytes. */
char *loader_next_line(char *str, int num, void *stream);
/* The first pass: refuse what libinih would read otherwise, note key lines. */
void loader_scan(struct loader *L, const char *data, size_t len);

#endif
