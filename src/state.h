/*
 * The state file: the model as INI, read with libinih and written
 * atomically.  See ses-migrate.ini(5) for the format.
 */
#ifndef SES_STATE_H
#define SES_STATE_H

#include "buf.h"
#include "model.h"

#include "schema.h"

#define STATE_LINE_MAX		SCHEMA_LINE_MAX

enum state_status {
	STATE_OK,
	STATE_NOENT,		/* no such file: a new migration */
	STATE_BAD,		/* not a valid state: see the message */
	STATE_NEWER,		/* written by a newer format */
	STATE_NOINPUT,		/* exists but cannot be opened */
	STATE_LOCKED,		/* another process is changing it */
	STATE_IOERR,		/* could not read or write */
	STATE_INVALID		/* the model holds a value the file cannot: see the message */
};

/* Read a state file; STATE_NOENT when there is none. */
enum state_status state_load(const char *path, struct model *m, char **err);
/* Read a state held in memory; on error *err lists every problem as FILE:LINE. */
enum state_status state_parse(const char *path, const char *data, size_t len,
    struct model *m, char **err);
/*
 * The same, the model keeping a copy of data (m->source): the events read
 * from it and left unchanged are written back as their lines were read.
 */
enum state_status state_parse_kept(const char *path, const char *data,
    size_t len, struct model *m, char **err);
/*
 * The same, the model taking data itself (data[len] must be '\0'); data
 * is freed if the state does not load.
 */
enum state_status state_parse_taken(const char *path, char *data, size_t len,
    struct model *m, char **err);
/*
 * Write the model as a state file's text, every value checked against the
 * schema; -1, with *err (if err is not NULL) naming the first value
 * refused, when the model holds one the loader would refuse.
 */
int state_serialize(const struct model *m, struct buf *out, char **err);
/* Serialize and replace the file atomically; the model is left as it is. */
enum state_status state_save(const char *path, const struct model *m,
    char **err);
/*
 * Replace the file with data atomically; on failure *replaced says whether
 * the new content is in place all the same (it could not be made safe).
 */
enum state_status state_write(const char *path, const char *data, size_t len,
    int *replaced, char **err);
/* The default state file, which the caller frees; NULL with *err if no home is known. */
char *state_default_path(char **err);

#endif
