/* Reading the agent list exported by the SES Evolution console. */
#ifndef SES_INVENTORY_H
#define SES_INVENTORY_H

#include <stddef.h>

#include "model.h"

/* Column choices from the command line: a header name or a 1-based number. */
struct import_opts {
	const char	*host_column;
	const char	*version_column;
	const char	*target;	/* agents below it are listed; NULL: the default migration's */
};

enum import_status {
	IMPORT_OK,
	IMPORT_BAD,		/* the file is not a usable agent list */
	IMPORT_NOINPUT,		/* cannot open it */
	IMPORT_IOERR		/* cannot read it */
};

/* Read the export at path ("-": standard input) into out; on failure out is left empty and *err says where. */
enum import_status inventory_import(const char *path,
    const struct import_opts *o, struct inventory *out, char **err);
/* The same for an export held in memory, path naming it in messages. */
enum import_status inventory_parse(const char *path, const char *data,
    size_t len, const struct import_opts *o, struct inventory *out,
    char **err);
/* How many agents of the inventory run the target version or later. */
unsigned long inventory_at_target(const struct inventory *inv);

#endif
