/*
 * The one JSON writer: nesting, separators and escaping in one place, so
 * every document the program writes is well formed ("key": value, items
 * joined by ", ", no trailing comma).  Its names keep clear of jansson's
 * (json_object, json_array, json_string), which reads JSON in the same
 * program: one symbol would otherwise stand for two functions.
 */
#ifndef SES_JSON_H
#define SES_JSON_H

#include "buf.h"

#define JSON_DEPTH 16

struct json {
	struct buf	*b;
	int		 depth;
	int		 count[JSON_DEPTH];	/* values written at each level */
	char		 close[JSON_DEPTH];	/* what ends each level: } or ] */
	int		 after_key;		/* a key waits for its value */
	int		 pretty;		/* a member or item a line, indented */
};

/* Start writing into b, on one line. */
void json_init(struct json *j, struct buf *b);
/* Start writing into b, for people too: each member and item on its own line, indented. */
void json_init_pretty(struct json *j, struct buf *b);
/* Opens an object, as a value (after a key, or in an array); json_end closes it. */
void json_begin_object(struct json *j);
/* Opens an array, as a value (after a key, or in an array); json_end closes it. */
void json_begin_array(struct json *j);
/* Close the innermost object or array. */
void json_end(struct json *j);
/* A member's key; its value comes next. */
void json_key(struct json *j, const char *key);
/* A string value; NULL is written null. */
void json_text(struct json *j, const char *s);
/* A number value. */
void json_number(struct json *j, unsigned long n);
/* A boolean value: true when v is nonzero. */
void json_bool(struct json *j, int v);
/* A key and a string value at once. */
void json_member(struct json *j, const char *key, const char *s);
/* A JSON string literal (RFC 8259 escaping) appended to b. */
void json_str(struct buf *b, const char *s);

#endif
