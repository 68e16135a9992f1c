/* Writing JSON: a value at a time, with the separators its place needs. */
#include <config.h>

#include "json.h"

void
json_str(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)*p);
		} else if (*p == '\n')
			buf_puts(b, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '"');
}

void
json_init(struct json *j, struct buf *b)
{
	j->b = b;
	j->depth = 0;
	j->count[0] = 0;
	j->after_key = 0;
	j->pretty = 0;
}

void
json_init_pretty(struct json *j, struct buf *b)
{
	json_init(j, b);
	j->pretty = 1;
}

/* In a pretty document, each member or item on a line of its own, indented by depth. */
static void
newline(struct json *j, int depth)
{
	buf_putc(j->b, '\n');
	for (int i = 0; i < depth; i++)
		buf_puts(j->b, "  ");
}

/* Before a value: the comma after the one before it, unless a key was just written. */
static void
separate(struct json *j)
{
	if (j->after_key)
		j->after_key = 0;
	else if (j->pretty) {
		if (j->count[j->depth]++ > 0)
			buf_putc(j->b, ',');
		if (j->depth > 0)
			newline(j, j->depth);
	} else if (j->count[j->depth]++ > 0)
		buf_puts(j->b, ", ");
}

static void
open_with(struct json *j, char open, char close)
{
	separate(j);
	buf_putc(j->b, open);
	if (j->depth + 1 < JSON_DEPTH)
		j->depth++;
	j->count[j->depth] = 0;
	j->close[j->depth] = close;
}

void
json_begin_object(struct json *j)
{
	open_with(j, '{', '}');
}

void
json_begin_array(struct json *j)
{
	open_with(j, '[', ']');
}

void
json_end(struct json *j)
{
	if (j->depth == 0)
		return;
	if (j->pretty && j->count[j->depth] > 0)
		newline(j, j->depth - 1);
	buf_putc(j->b, j->close[j->depth]);
	j->depth--;
}

void
json_key(struct json *j, const char *key)
{
	separate(j);
	json_str(j->b, key);
	buf_puts(j->b, ": ");
	j->after_key = 1;
}

void
json_text(struct json *j, const char *s)
{
	separate(j);
	if (s == NULL)
		buf_puts(j->b, "null");
	else
		json_str(j->b, s);
}

void
json_number(struct json *j, unsigned long n)
{
	separate(j);
	buf_printf(j->b, "%lu", n);
}

void
json_bool(struct json *j, int v)
{
	separate(j);
	buf_puts(j->b, v ? "true" : "false");
}

void
json_member(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_text(j, s);
}
