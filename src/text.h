/* Text measured in terminal columns, so French and English both fit. */
#ifndef SES_TEXT_H
#define SES_TEXT_H

#include <stddef.h>

#include "buf.h"

/* The columns s takes on a terminal; an invalid byte counts as one. */
size_t text_width(const char *s);
/* How many bytes of s (len) fit in cols columns; their width to *used if used. */
size_t text_fit(const char *s, size_t len, size_t cols, size_t *used);
/* data as UTF-8: a UTF-8 BOM dropped, UTF-16LE or UTF-16BE with a BOM converted (iconv); NULL if it cannot be. */
char *text_from_bom(const char *data, size_t len, size_t *outlen);
/* Appends s made visible, wrapped to width from column first on, ending in a newline. */
void text_wrap(struct buf *out, const char *s, size_t indent, size_t first,
    size_t width);
/* Appends s padded with spaces, or cut, to exactly cols columns. */
void text_pad(struct buf *out, const char *s, size_t cols);
/* s with control, invisible and non-UTF-8 bytes spelled out, as <U+202E>. */
void text_put_visible(struct buf *out, const char *s, size_t len);
/* text_put_visible's text as a string of its own; the caller frees it. */
char *text_visible(const char *s, size_t len);
/* Whether a and b are the same text, or both NULL. */
int text_same(const char *a, const char *b);

#endif
