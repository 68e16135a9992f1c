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

/* Shared by the writers. */
/* Appends how many steps are done, and the current one or that all is complete. */
void report_progress(const struct model *m, struct buf *out);
/* Appends each finding as a BLOCKED or NOTE line, wrapped, with its fix for front. */
void report_findings(const struct findings *f, enum front front, size_t indent,
    struct buf *out);
/* Appends "TAG: text" after indent spaces, wrapped to REPORT_WIDTH, and a newline. */
void report_tagged(struct buf *out, size_t indent, const char *tag,
    const char *text);

#endif
