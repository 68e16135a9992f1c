/*
 * Column arithmetic.  A byte count is not a width: "é" is two bytes and one
 * column, so every layout measures with wcwidth().  Invalid bytes count as
 * one column each, which is how terminals show them.  Every text inside the
 * program is UTF-8, so it is measured as UTF-8 whatever the locale says: in
 * LANG=C the wizard converts only what it writes to the terminal.
 */
#include <config.h>

#include <iconv.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "validate.h"
#include "xalloc.h"

/* The UTF-8 character type for this thread, until utf8_end; every glibc has C.UTF-8. */
static locale_t
utf8_begin(void)
{
	static locale_t utf8;
	static int tried;

	if (!tried) {
		tried = 1;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	return utf8 != (locale_t)0 ? uselocale(utf8) : (locale_t)0;
}

static void
utf8_end(locale_t before)
{
	if (before != (locale_t)0)
		uselocale(before);
}

/* Width of the character at s (n bytes long, returned through *n). */
static size_t
char_cols(const char *s, size_t left, size_t *n)
{
	mbstate_t ps;
	wchar_t wc;
	size_t r;
	int w;

	/*
	 * ASCII, most of what is drawn: one byte, one column (a control
	 * character too, as an invalid byte), without mbrtowc's two hundred
	 * instructions a character.
	 */
	if ((unsigned char)*s < 0x80) {
		*n = 1;
		return 1;
	}
	memset(&ps, 0, sizeof(ps));
	r = mbrtowc(&wc, s, left, &ps);
	if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
		*n = 1;
		return 1;
	}
	*n = r;
	w = wcwidth(wc);
	return w < 0 ? 1 : (size_t)w;
}

size_t
text_width(const char *s)
{
	size_t cols;

	text_fit(s, strlen(s), (size_t)-1, &cols);
	return cols;
}

/* How many bytes of s fit in cols columns; their width goes to *used. */
size_t
text_fit(const char *s, size_t len, size_t cols, size_t *used)
{
	size_t bytes = 0, width = 0;
	locale_t before;

	/* ASCII, one column a byte, needs no character type: most words are. */
	while (bytes < len && (unsigned char)s[bytes] < 0x80 && width < cols) {
		bytes++;
		width++;
	}
	/* What is not ASCII may take no column: a combining accent fits still. */
	if (bytes < len && (unsigned char)s[bytes] >= 0x80) {
		before = utf8_begin();
		while (bytes < len) {
			size_t n, w = char_cols(s + bytes, len - bytes, &n);

			if (width + w > cols)
				break;
			width += w;
			bytes += n;
		}
		utf8_end(before);
	}
	if (used != NULL)
		*used = width;
	return bytes;
}

/* A new line, indented. */
static void
new_line(struct buf *out, size_t indent)
{
	buf_putc(out, '\n');
	for (size_t i = 0; i < indent; i++)
		buf_putc(out, ' ');
}

/*
 * Append s wrapped at word boundaries to width columns, made visible
 * (text_put_visible).  The first line
 * starts at column first (text already on it), later lines are indented by
 * indent spaces.  A word longer than a line is cut.
 */
void
text_wrap(struct buf *out, const char *text, size_t indent, size_t first,
    size_t width)
{
	/* What is shown is what the text holds: nothing invisible, no escapes. */
	char *shown = text_visible(text, strlen(text));
	const char *s = shown;
	size_t col = first;
	int line_empty = 1;

	while (*s != '\0') {
		size_t wlen, wcols;

		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		wlen = strcspn(s, " ");
		wcols = 0;
		text_fit(s, wlen, (size_t)-1, &wcols);
		if (!line_empty && col + 1 + wcols > width) {
			new_line(out, indent);
			col = indent;
			line_empty = 1;
		}
		if (!line_empty) {
			buf_putc(out, ' ');
			col++;
		}
		while (col + wcols > width && width > col) {
			/* A word wider than the line: cut it. */
			size_t used, n = text_fit(s, wlen, width - col, &used);

			if (n == 0)
				break;
			buf_add(out, s, n);
			new_line(out, indent);
			s += n;
			wlen -= n;
			wcols -= used;
			col = indent;
		}
		buf_add(out, s, wlen);
		col += wcols;
		line_empty = 0;
		s += wlen;
	}
	buf_putc(out, '\n');
	free(shown);
}

/* Append s padded with spaces (or cut) to exactly cols columns. */
void
text_pad(struct buf *out, const char *s, size_t cols)
{
	size_t used, n = text_fit(s, strlen(s), cols, &used);

	buf_add(out, s, n);
	for (; used < cols; used++)
		buf_putc(out, ' ');
}

/*
 * Append s as it may be shown: control characters and invisible or
 * direction-changing ones spelled <U+202E>, bytes that are not UTF-8
 * spelled <0xE9>.  What an operator sees is then what the text holds.
 */
void
text_put_visible(struct buf *out, const char *s, size_t len)
{
	while (len > 0) {
		unsigned cp;
		size_t n = 0;

		/* Printable ASCII, most of any text, goes as a whole run. */
		while (n < len && byte_printable((unsigned char)s[n]))
			n++;
		if (n > 0) {
			buf_add(out, s, n);
			s += n;
			len -= n;
			continue;
		}
		n = utf8_next(s, len, &cp);
		if (n == 0) {
			buf_printf(out, "<0x%02X>", (unsigned char)*s);
			n = 1;
		} else if (char_is_control(cp) || char_is_hidden(cp))
			buf_printf(out, "<U+%04X>", cp);
		else
			buf_add(out, s, n);
		s += n;
		len -= n;
	}
}

char *
text_visible(const char *s, size_t len)
{
	struct buf b;

	buf_init(&b);
	text_put_visible(&b, s, len);
	return buf_detach(&b);
}

/* What Windows leaves in a file: a byte order mark saying the encoding. */
char *
text_from_bom(const char *data, size_t len, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *from = NULL;
	char *out, *o, *in = (char *)data;
	size_t left, room;
	iconv_t cd;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*outlen = len - 3;
		return xstrndup(data + 3, len - 3);
	}
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
		from = "UTF-16LE";
	else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
		from = "UTF-16BE";
	if (from == NULL) {
		*outlen = len;
		return xstrndup(data, len);
	}
	/*
	 * gcc 12's -fanalyzer takes the (iconv_t)-1 of a failed iconv_open
	 * for a descriptor left open; the pragma keeps that false report out
	 * of build-aux/try check.
	 */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wanalyzer-malloc-leak"
#endif
	cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return NULL;
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
	/* Each UTF-16 unit becomes at most 3 bytes of UTF-8 (a pair, 4 for 2 units). */
	room = (len - 2) / 2 * 3 + 1;
	out = o = xmalloc(room);
	in += 2;
	left = len - 2;
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 || left != 0) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

int
text_same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}
