/*
 * The evidence a collector (collect.c) brings back from a Windows host:
 * one JSON file, in UTF-8 or in the UTF-16LE that Windows PowerShell 5.1
 * writes, read with jansson and checked against the shape that
 * schemas/ses-migrate.schema.json gives as "evidence".  Reading never
 * changes the state; act_evidence applies what was read.
 */
#ifndef SES_EVIDENCE_H
#define SES_EVIDENCE_H

#include <stddef.h>

#include "migration.h"

/* The largest evidence file read: a host's rules and tests fit many times over. */
#define EVIDENCE_MAX (8 * 1024 * 1024)

struct evidence_doc {
	char	*file;		/* as given */
	char	*sha256;	/* of the bytes read */
	char	*host;
	char	*collected_at;	/* ISO 8601, UTC */
	char	*version;	/* the lowest SES Evolution component's, or NULL */
	char	*aspnetcore;	/* the highest of the runtime series, or NULL */
	char	*desktop;
	size_t	 ncomponents, nruntimes, nrules, ntests;
	char	*failed;	/* the connection tests not as expected, or NULL */
	char	*rules;		/* the enabled rules, as host-rules.h keeps them, or NULL */
	char	*tests;		/* every connection test and what it did, likewise */
};

/*
 * Reads one evidence file's bytes; 0, or -1 and *err ("FILE:LINE:COLUMN:
 * what", translated) for a file that is not evidence for migration mig.
 */
int evidence_read(const char *path, const char *data, size_t len,
    const struct migration *mig, struct evidence_doc *out, char **err);
/* Frees what evidence_read filled. */
void evidence_doc_free(struct evidence_doc *d);

#endif
