/*
 * The state file: the model as INI, read with libinih and written
 * atomically.  See ses-migrate.ini(5) for the format.
 */
#ifndef SES_STATE_H
#define SES_STATE_H

#include "buf.h"
#include "model.h"

/* Lines longer than this are refused; libinih would cut them silently. */
#define STATE_LINE_MAX		190
/* Section names longer than this are refused; libinih cuts them at 49. */
#define STATE_SECTION_MAX	49
#define STATE_FILE_MAX		(16 * 1024 * 1024)

enum state_status {
	STATE_OK,
	STATE_NOENT,		/* no such file: a new migration */
	STATE_BAD,		/* not a valid state: see the message */
	STATE_NEWER,		/* written by a newer format */
	STATE_NOINPUT,		/* exists but cannot be opened */
	STATE_LOCKED,		/* another process is changing it */
	STATE_IOERR		/* could not read or write */
};

enum state_status state_load(const char *path, struct model *m, char **err);
enum state_status state_parse(const char *path, const char *data, size_t len,
    struct model *m, char **err);
void state_serialize(const struct model *m, struct buf *out);
enum state_status state_save(const char *path, const struct model *m,
    char **err);
char *state_default_path(char **err);

#endif
