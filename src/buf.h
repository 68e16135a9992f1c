/* A growable byte buffer: where the core writes text that front ends show. */
#ifndef SES_BUF_H
#define SES_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char	*data;		/* always NUL-terminated once initialized */
	size_t	 len;
	size_t	 cap;
};

/* An empty buffer (data is ""); release it with buf_free or buf_detach. */
void buf_init(struct buf *b);
/* Releases b's memory (NULL is a no-op); b needs buf_init before any other use. */
void buf_free(struct buf *b);
/* Empties b, keeping its memory for what comes next. */
void buf_reset(struct buf *b);
/* Appends n bytes of s, NULs included; data stays NUL-terminated. */
void buf_add(struct buf *b, const char *s, size_t n);
/* Room for n more bytes at once: a large text is not grown and copied a dozen times. */
void buf_reserve(struct buf *b, size_t n);
/* Appends the string s. */
void buf_puts(struct buf *b, const char *s);
/* Appends the byte c. */
void buf_putc(struct buf *b, char c);
/* Appends the formatted text; nothing if the format cannot be rendered. */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* As buf_printf, from a va_list, which it uses up. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* n in decimal into out, NUL-terminated; its length.  Much cheaper than snprintf, for the state's thousands of keys. */
size_t ulong_text(char out[24], unsigned long n);
/*
 * The decimal text of n + 1 made from n's at d (len digits, room for one
 * more), in place; its length.  Counting so costs less than spelling
 * each number of a long list.
 */
static inline size_t
decimal_next(char *d, size_t len)
{
	for (size_t i = len; i-- > 0; ) {
		if (d[i] != '9') {
			d[i]++;
			return len;
		}
		d[i] = '0';
	}
	memmove(d + 1, d, len);
	d[0] = '1';
	return len + 1;
}
/* Appends n in decimal. */
void buf_put_ulong(struct buf *b, unsigned long n);
/* b's string, now the caller's to free; b owns nothing: buf_init before reuse. */
char *buf_detach(struct buf *b);

#endif
