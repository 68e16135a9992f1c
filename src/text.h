/* Text measured in terminal columns, so French and English both fit. */
#ifndef SES_TEXT_H
#define SES_TEXT_H

#include <stddef.h>

#include "buf.h"

size_t text_width(const char *s);
size_t text_fit(const char *s, size_t len, size_t cols, size_t *used);
void text_wrap(struct buf *out, const char *s, size_t indent, size_t first,
    size_t width);
void text_pad(struct buf *out, const char *s, size_t cols);
/* s with control, invisible and non-UTF-8 bytes spelled out, as <U+202E>. */
void text_put_visible(struct buf *out, const char *s, size_t len);
char *text_visible(const char *s, size_t len);

#endif
