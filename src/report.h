/*
 * Progress, for a screen or for paper: the formats of the report as a
 * table of writers, and the pieces the command line and the wizard show on
 * their own (status, the inventory, the environment).
 */
#ifndef SES_REPORT_H
#define SES_REPORT_H

#include <time.h>

#include "buf.h"
#include "finding.h"
#include "model.h"

#define REPORT_WIDTH 80

struct report_format {
	const char	*name;		/* as given to --format */
	/* Write the report of m, whose file is state_path, as of now. */
	void		(*write)(const struct model *m, const char *state_path,
			    time_t now, struct buf *out);
};

/*
 * What the report says, in its order, as operations a format draws: the
 * contents are walked once (report-walk.c), and text and HTML each say
 * how a section, a paragraph or a table looks.  JSON has its own writer,
 * for stable keys.
 */
struct report_out {
	struct buf	*b;
	int		 open;		/* the format's own state: an open element */
};

struct report_step {
	size_t		 number;	/* from 1 */
	const char	*id;
	const char	*title;		/* translated */
	enum step_status status;
	int		 flagged;	/* done, but no longer holds */
	char		*byline;	/* who and when, or NULL */
	char		*date;		/* when it was done or deferred, short, or NULL */
};

struct report_table {
	size_t			 ncols;
	const char *const	*head;
	char *const		*cells;		/* nrows * ncols, row by row */
	size_t			 nrows;
};

struct report_ops {
	void	(*begin)(struct report_out *, const char *title, const char *subtitle);
	void	(*section)(struct report_out *, const char *id, const char *title);
	void	(*para)(struct report_out *, int level, const char *text);
	/* A line of a list: a mark ("[x] ", "BLOCKED: ") then its text. */
	void	(*entry)(struct report_out *, int level, const char *mark, const char *text);
	/* A command to type, whole on its line. */
	void	(*command)(struct report_out *, int level, const char *command);
	void	(*step)(struct report_out *, const struct report_step *);
	void	(*table)(struct report_out *, int level, const struct report_table *);
	/* The steps at a glance, and the agents by version: pictures where a format has them. */
	void	(*timeline)(struct report_out *, const struct report_step *, size_t n);
	void	(*chart)(struct report_out *, const struct inventory *);
	void	(*end)(struct report_out *);
};

/* The report of m through ops, as of now. */
void report_walk(const struct report_ops *ops, const struct model *m,
    const char *state_path, time_t now, struct buf *out);

/* At most this many stragglers are listed by name; a count says the rest. */
#define REPORT_LIST_MAX 20

/* The format of this name, or NULL. */
const struct report_format *report_format_find(const char *name);
/* The names of the formats, for a message: "text". */
const char *report_format_names(void);
/* The formats' names, NULL-terminated, for a choice. */
const char *const *report_format_ids(void);

/* The one-screen summary of `ses-migrate status`, with fixes as commands. */
void report_status(const struct model *m, time_t now, struct buf *out);
/* The inventory: totals, versions, the agents below the target, exclusions. */
void report_inventory(const struct model *m, struct buf *out);
/* Appends where the inventory comes from and its counts, or that there is none. */
void report_inventory_summary(const struct model *m, struct buf *out);
/* The hosts with their roles, versions and runtimes, and the settings. */
void report_environment(const struct model *m, struct buf *out);
/* "name (roles): address, versions, runtimes." in the current language; the caller frees it. */
char *report_host_line(const struct host *h);
/* The settings as one sentence; the caller frees it. */
char *report_settings_line(const struct model *m);

/* Shared by the writers. */
/* Appends how many steps are done, and the current one or that all is complete. */
void report_progress(const struct model *m, struct buf *out);
/* Appends each finding as a BLOCKED or NOTE line, wrapped, with its fix for front. */
void report_findings(const struct findings *f, enum front front, size_t indent,
    struct buf *out);
/* Someone the history names: how many actions, and the time of the last. */
struct report_operator {
	const char	*name;		/* the model's */
	unsigned long	 actions;
	const char	*last;		/* the model's */
};
/*
 * Everyone the history names, in the order they first appear; their
 * number in *n; the caller frees the array.
 */
struct report_operator *report_operators(const struct model *m, size_t *n);
/* Appends "TAG: text" after indent spaces, wrapped to REPORT_WIDTH, and a newline. */
void report_tagged(struct buf *out, size_t indent, const char *tag,
    const char *text);

#endif
