/*
 * A streaming CSV reader (RFC 4180) for files that come out of Excel:
 * ',' ';' or tab separators, UTF-8 (with or without a byte order mark) or
 * Windows-1252 text, CRLF or LF, quoted fields holding separators, quotes
 * and line breaks.  It reads its input once, so a pipe will do.
 */
#ifndef SES_CSV_H
#define SES_CSV_H

#include <stddef.h>

#include "buf.h"

#define CSV_FIELD_MAX	65536
#define CSV_FIELDS_MAX	4096
/* A whole record: past this, it is not an agent list. */
#define CSV_RECORD_MAX	(1024 * 1024)

enum csv_status {
	CSV_OK,
	CSV_ERROR,		/* see line, column and message */
	CSV_STOP		/* the record callback asked to stop */
};

/*
 * Until the first byte that is not ASCII both encodings read the same;
 * that character decides: valid UTF-8 makes the file UTF-8, anything else
 * Windows-1252 (what Excel on a French workstation writes).
 */
enum csv_encoding { CSV_ENC_UNKNOWN, CSV_ENC_UTF8, CSV_ENC_CP1252 };

struct csv;

/* Called for each record; return nonzero to stop reading. */
typedef int (*csv_record_fn)(void *ctx, const struct csv *c);

struct csv {
	enum csv_encoding encoding;
	char		 sep;		/* found from the header line */
	csv_record_fn	 on_record;
	void		*ctx;

	/* Where the reader is, 1-based, in characters. */
	unsigned long	 line;
	unsigned long	 column;
	unsigned long	 record_line;	/* the line the current record began on */

	/* The current record: its decoded text and where each field starts. */
	struct buf	 text;
	size_t		*starts;
	size_t		 nfields;
	size_t		 cap;

	/* Set on CSV_ERROR. */
	unsigned long	 err_line;
	unsigned long	 err_column;
	const char	*err_what;	/* N_() message */

	/* Private. */
	int		 state;
	int		 started;	/* the first byte has been seen */
	unsigned	 utf8_left;	/* continuation bytes still expected */
	unsigned	 utf8_cp;	/* the code point so far */
	unsigned	 utf8_min;	/* the least it may be (no overlong forms) */
	unsigned long	 lead_line;	/* where the UTF-8 sequence being read began */
	unsigned long	 lead_column;
	unsigned char	 pending[4];	/* a first non-ASCII character, undecided */
	size_t		 npending;
	unsigned long	 quote_line;
	unsigned long	 quote_column;
	size_t		 field_len;
	struct buf	 head;		/* the header line, until sep is known */
	int		 head_quoted;
};

/* Starts a reader that calls fn(ctx, c) for each record; release it with csv_free. */
void csv_init(struct csv *c, csv_record_fn fn, void *ctx);
/* Releases the reader's memory; NULL is a no-op. */
void csv_free(struct csv *c);
/* Reads len more bytes: CSV_OK, CSV_ERROR (see err_*), or CSV_STOP if on_record asked. */
enum csv_status csv_feed(struct csv *c, const char *data, size_t len);
/* Ends the input (the last record may lack its line break); as csv_feed. */
enum csv_status csv_finish(struct csv *c);
/*
 * Field i of the record in hand, or NULL past the last; its length to *len
 * if len.  Inline: an import asks three times a row, a million rows.
 */
static inline const char *
csv_field(const struct csv *c, size_t i, size_t *len)
{
	if (i >= c->nfields)
		return NULL;
	if (len != NULL)
		*len = c->starts[i + 1] - c->starts[i] - 1;
	return c->text.data + c->starts[i];
}

#endif
