/*
 * The CSV reader is a byte-at-a-time state machine, so a million-row export
 * streams through a small buffer.  The structure characters (quote,
 * separator, CR, LF) are ASCII in both UTF-8 and Windows-1252, so one
 * machine serves both: only field bytes are decoded.
 *
 * The encoding is settled by the first character that is not ASCII: its
 * bytes are held back until they make a valid UTF-8 sequence (the file is
 * UTF-8, checked strictly from then on) or cannot (it is Windows-1252, and
 * the held bytes are read as such).  Nothing is read twice.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "i18n.h"
#include "validate.h"
#include "xalloc.h"

enum { S_START, S_UNQUOTED, S_QUOTED, S_QUOTE, S_AFTER, S_CR };

/* Windows-1252 0x80..0x9f; 0 marks the five undefined bytes. */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

void
csv_init(struct csv *c, csv_record_fn fn, void *ctx)
{
	memset(c, 0, sizeof(*c));
	c->on_record = fn;
	c->ctx = ctx;
	c->line = 1;
	c->column = 1;
	c->record_line = 1;
	buf_init(&c->text);
	buf_init(&c->head);
	c->cap = 16;
	c->starts = xreallocarray(NULL, c->cap, sizeof(*c->starts));
	c->starts[0] = 0;
}

void
csv_free(struct csv *c)
{
	if (c == NULL)
		return;
	buf_free(&c->text);
	buf_free(&c->head);
	free(c->starts);
	c->starts = NULL;
}

static enum csv_status
fail(struct csv *c, unsigned long line, unsigned long column, const char *what)
{
	c->err_line = line;
	c->err_column = column;
	c->err_what = what;
	return CSV_ERROR;
}

/* Append one code point as UTF-8 to the current field. */
static void
put_cp(struct csv *c, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	}
	buf_add(&c->text, u, n);
	c->field_len += n;
}

/* Whether n more bytes would make the record too long. */
static int
record_full(const struct csv *c, size_t n)
{
	return c->text.len + n > CSV_RECORD_MAX;
}

/* A field byte: decoded, checked, counted against the field limit. */
static enum csv_status
put_byte(struct csv *c, unsigned char b)
{
	if (c->field_len >= CSV_FIELD_MAX)
		return fail(c, c->line, c->column, N_("field longer than 65536 bytes."));
	if (record_full(c, 4))
		return fail(c, c->record_line, 1, N_("record longer than 1 MiB: this is not an agent list."));
	if (b >= 0x80 && c->encoding == CSV_ENC_CP1252) {
		unsigned cp = b >= 0xa0 ? b : cp1252_high[b - 0x80];

		put_cp(c, cp != 0 ? cp : 0xfffd);
		return CSV_OK;
	}
	buf_putc(&c->text, (char)b);
	c->field_len++;
	return CSV_OK;
}

/* A blank an unquoted field is trimmed of: a space, or a tab unless tabs separate. */
static inline int
blank(const struct csv *c, char b)
{
	return b == ' ' || (b == '\t' && c->sep != '\t');
}

/* Close the current field: trim an unquoted one, start the next. */
static enum csv_status
end_field(struct csv *c, int trim)
{
	size_t start = c->starts[c->nfields];

	if (trim) {
		while (c->text.len > start && blank(c, c->text.data[c->text.len - 1]))
			c->text.len--;
	}
	buf_putc(&c->text, '\0');
	if (++c->nfields > CSV_FIELDS_MAX)
		return fail(c, c->line, c->column, N_("more than 4096 columns."));
	if (c->nfields + 1 > c->cap) {
		c->cap *= 2;
		c->starts = xreallocarray(c->starts, c->cap, sizeof(*c->starts));
	}
	c->starts[c->nfields] = c->text.len;
	c->field_len = 0;
	return CSV_OK;
}

/* Hand a finished record to the callback; blank lines are skipped. */
static enum csv_status
end_record(struct csv *c, int trim)
{
	enum csv_status st = end_field(c, trim);

	if (st != CSV_OK)
		return st;
	if (!(c->nfields == 1 && c->text.data[0] == '\0') &&
	    c->on_record(c->ctx, c) != 0)
		st = CSV_STOP;
	buf_reset(&c->text);
	c->nfields = 0;
	c->starts[0] = 0;
	c->state = S_START;
	return st;
}

/* Advance the position past byte b. */
static void
advance(struct csv *c, unsigned char b)
{
	if (b == '\n') {
		c->line++;
		c->column = 1;
	} else if (c->encoding == CSV_ENC_CP1252 || (b & 0xc0) != 0x80)
		c->column++;
}

/* One byte through the machine, once the separator is known. */
static enum csv_status
step(struct csv *c, unsigned char b)
{
	enum csv_status st = CSV_OK;

	if (c->state == S_CR) {
		/* CR ended the record; a LF right after it belongs to it. */
		c->state = S_START;
		c->record_line = c->line;
		if (b == '\n') {
			advance(c, b);
			c->record_line = c->line;
			return CSV_OK;
		}
	}
	if (c->nfields == 0 && c->field_len == 0 && c->state == S_START &&
	    c->text.len == 0)
		c->record_line = c->line;
	switch (c->state) {
	case S_START:
		if (b == '"') {
			c->state = S_QUOTED;
			c->quote_line = c->line;
			c->quote_column = c->column;
		} else if (b == (unsigned char)c->sep)
			st = end_field(c, 1);
		else if (b == '\n' || b == '\r') {
			st = end_record(c, 1);
			if (b == '\r' && st == CSV_OK)
				c->state = S_CR;
		} else if (blank(c, (char)b))
			;	/* spaces before a field, maybe before its quote */
		else {
			c->state = S_UNQUOTED;
			st = put_byte(c, b);
		}
		break;
	case S_UNQUOTED:
		if (b == (unsigned char)c->sep) {
			st = end_field(c, 1);
			c->state = S_START;
		} else if (b == '\n' || b == '\r') {
			st = end_record(c, 1);
			if (b == '\r' && st == CSV_OK)
				c->state = S_CR;
		} else if (b == '"')
			st = fail(c, c->line, c->column, N_("a quote inside a field that does not start with one; quote the whole field and double the quote."));
		else
			st = put_byte(c, b);
		break;
	case S_QUOTED:
		if (b == '"')
			c->state = S_QUOTE;
		else if (b == '\r')
			;	/* CRLF inside quotes is kept as a single LF */
		else
			st = put_byte(c, b);
		break;
	case S_QUOTE:
		if (b == '"') {
			c->state = S_QUOTED;
			st = put_byte(c, b);
		} else {
			c->state = S_AFTER;
			return step(c, b);
		}
		break;
	case S_AFTER:
		if (b == (unsigned char)c->sep) {
			st = end_field(c, 0);
			c->state = S_START;
		} else if (b == '\n' || b == '\r') {
			st = end_record(c, 0);
			if (b == '\r' && st == CSV_OK)
				c->state = S_CR;
		} else if (b != ' ' && b != '\t')
			st = fail(c, c->line, c->column, N_("text after the closing quote of a field."));
		break;
	}
	advance(c, b);
	return st;
}

/* Strict UTF-8, byte by byte: 0 while valid so far. */
static int
utf8_bad(struct csv *c, unsigned char b)
{
	unsigned cp;

	if (c->utf8_left > 0) {
		if ((b & 0xc0) != 0x80)
			return 1;
		cp = c->utf8_cp = c->utf8_cp << 6 | (b & 0x3f);
		return --c->utf8_left == 0 && (cp < c->utf8_min || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff));
	}
	if (b < 0x80)
		return 0;
	if ((b & 0xe0) == 0xc0) {
		c->utf8_left = 1;
		c->utf8_cp = b & 0x1f;
		c->utf8_min = 0x80;
	} else if ((b & 0xf0) == 0xe0) {
		c->utf8_left = 2;
		c->utf8_cp = b & 0x0f;
		c->utf8_min = 0x800;
	} else if ((b & 0xf8) == 0xf0) {
		c->utf8_left = 3;
		c->utf8_cp = b & 0x07;
		c->utf8_min = 0x10000;
	} else
		return 1;
	return 0;
}

/* True for the bytes that only ever go into a field as they are. */
static int
plain(const struct csv *c, unsigned char b)
{
	return b >= 0x20 && b < 0x80 && b != '"' && b != (unsigned char)c->sep;
}

/*
 * The first non-ASCII character decides the encoding.  Its bytes wait in
 * pending; 1 when b completes or breaks the sequence (the encoding is then
 * known and the waiting bytes must go through), 0 while it may go on.
 */
static int
decide(struct csv *c, unsigned char b)
{
	c->pending[c->npending++] = b;
	if (utf8_bad(c, b)) {
		c->encoding = CSV_ENC_CP1252;
		c->utf8_left = 0;
		return 1;
	}
	if (c->utf8_left == 0) {
		c->encoding = CSV_ENC_UTF8;
		return 1;
	}
	return 0;
}

/* The waiting bytes of the deciding character, now that it is decided. */
static enum csv_status
release(struct csv *c)
{
	size_t n = c->npending;

	c->npending = 0;
	for (size_t i = 0; i < n; i++) {
		enum csv_status st = step(c, c->pending[i]);

		if (st != CSV_OK)
			return st;
	}
	return CSV_OK;
}

/*
 * Sixteen bytes of a line at once: where its separators are, and whether
 * any byte rules the fast path out, as one bit per byte (the first byte
 * lowest).  With SSE2, as every x86-64 has, a compare per kind of byte;
 * elsewhere two 64-bit words, each byte's test exact (adding 0x7f to a
 * byte's low seven bits never carries into the next).
 */
struct marks {
	unsigned	 seps;		/* the separator */
	unsigned	 bad;		/* quote, CR, NUL */
	unsigned	 high;		/* not ASCII */
};

#if defined(__SSE2__) && !defined(CSV_WORDS)	/* CSV_WORDS: test the other way */
#include <emmintrin.h>

static void
marks16(const char *q, unsigned char sep, struct marks *m)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
	__m128i bad = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
	    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\r')),
	    _mm_cmpeq_epi8(v, _mm_setzero_si128())));

	m->seps = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)sep)));
	m->bad = (unsigned)_mm_movemask_epi8(bad);
	m->high = (unsigned)_mm_movemask_epi8(v);
}
#else
#define ONES	0x0101010101010101ULL
#define HIGH	0x8080808080808080ULL

/* The high bit of each byte of w that is c, and of no other. */
static uint64_t
bytes_of(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ONES * c);

	return ~(((x & ~HIGH) + ~HIGH) | x) & HIGH;
}

/* The high bits of the bytes of h as eight bits, the first byte's lowest. */
static unsigned
gather(uint64_t h)
{
	return (unsigned)(((h >> 7) * 0x0102040810204080ULL) >> 56);
}

static void
marks16(const char *q, unsigned char sep, struct marks *m)
{
	memset(m, 0, sizeof(*m));
	for (int half = 0; half < 2; half++) {
		uint64_t w;

		memcpy(&w, q + 8 * half, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		w = __builtin_bswap64(w);
#endif
		m->seps |= gather(bytes_of(w, sep)) << (8 * half);
		m->bad |= gather(bytes_of(w, '"') | bytes_of(w, '\r') | bytes_of(w, 0)) << (8 * half);
		m->high |= gather(w & HIGH) << (8 * half);
	}
}
#endif

/*
 * The field that ends at i (a separator, or the line's end) in the line
 * being packed in place at q: trimmed of its blanks, moved down to where
 * the last one ended (*w), NUL-terminated.  -1 at a limit the machine
 * words better: it counts a field's trailing blanks against the field's
 * limit (it trims them at the end) and refuses a 4097th field.
 */
static inline int
pack_field(struct csv *c, char *q, size_t *start, size_t i, size_t *w)
{
	size_t a = *start, b = i, nf = c->nfields;

	while (a < i && blank(c, q[a]))
		a++;
	while (b > a && blank(c, q[b - 1]))
		b--;
	if (i - a > CSV_FIELD_MAX || nf >= CSV_FIELDS_MAX)
		return -1;
	if (nf + 2 > c->cap) {
		while (nf + 2 > c->cap)
			c->cap *= 2;
		c->starts = xreallocarray(c->starts, c->cap, sizeof(*c->starts));
	}
	if (*w != a)	/* only after a trimmed blank: most fields stay put */
		memmove(q + *w, q + a, b - a);
	c->starts[nf] = *w;
	c->nfields = nf + 1;
	*w += b - a;
	q[(*w)++] = '\0';
	*start = i + 1;
	return 0;
}

/*
 * A whole line at once, in the common case: it starts a record, holds no
 * quote, no NUL and no lone CR, and its text is valid in the file's
 * encoding as it is (UTF-8, or ASCII while the encoding is undecided).
 * Its fields are then the runs between separators, trimmed as the machine
 * trims unquoted fields.  One pass over the line's copy, sixteen bytes at
 * a time, finds both its separators and any byte that rules it out;
 * anything else (and any limit reached) is left to the machine, byte by
 * byte, which finds and words the fault: -1 here, the reader as it found
 * it.
 */
static int
fast_line(struct csv *c, const unsigned char *p, size_t len, enum csv_status *st)
{
	size_t n = len, start = 0, w = 0, first_high = len;
	unsigned char sep = (unsigned char)c->sep;
	int utf8 = c->encoding == CSV_ENC_UTF8;
	char *q;

	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (n > CSV_RECORD_MAX / 2)
		return -1;
	/* Room to read sixteen bytes at any place of the line, zeros past it. */
	buf_reset(&c->text);
	buf_reserve(&c->text, n + 16);
	q = c->text.data;
	memcpy(q, p, n);
	memset(q + n, 0, 16);
	for (size_t i = 0; i < n; i += 16) {
		unsigned in = n - i >= 16 ? 0xffffu : (1u << (n - i)) - 1;
		struct marks m;

		marks16(q + i, sep, &m);
		if (m.bad & in)
			goto slow;
		if ((m.high & in) != 0 && first_high == len) {
			if (!utf8)
				goto slow;
			/* All before it is ASCII: UTF-8 is checked from there. */
			first_high = i + (size_t)__builtin_ctz(m.high & in);
		}
		for (m.seps &= in; m.seps != 0; m.seps &= m.seps - 1)
			if (pack_field(c, q, &start, i + (size_t)__builtin_ctz(m.seps), &w) < 0)
				goto slow;
	}
	if (pack_field(c, q, &start, n, &w) < 0 ||
	    (first_high < len && !valid_utf8((const char *)p + first_high, n - first_high)))
		goto slow;
	c->starts[c->nfields] = w;
	c->text.len = w;
	c->record_line = c->line;
	*st = CSV_OK;
	if (!(c->nfields == 1 && c->text.data[0] == '\0') && c->on_record(c->ctx, c) != 0)
		*st = CSV_STOP;
	buf_reset(&c->text);
	c->nfields = 0;
	c->starts[0] = 0;
	c->line++;
	c->column = 1;
	return 0;
slow:
	buf_reset(&c->text);
	c->nfields = 0;
	c->starts[0] = 0;
	return -1;
}

static enum csv_status
feed_bytes(struct csv *c, const unsigned char *p, size_t len)
{
	/* No whole line is tried again before this: one try per line at most. */
	size_t retry = 0;

	for (size_t i = 0; i < len; i++) {
		enum csv_status st;
		const unsigned char *nl;

		if (i >= retry && c->state == S_START && c->nfields == 0 &&
		    c->text.len == 0 && c->field_len == 0 && c->utf8_left == 0 &&
		    c->npending == 0) {
			if ((nl = memchr(p + i, '\n', len - i)) == NULL)
				retry = len;	/* no line ends in this chunk */
			else if (fast_line(c, p + i, (size_t)(nl - (p + i)), &st) == 0) {
				if (st != CSV_OK)
					return st;
				i = (size_t)(nl - p);
				continue;
			} else
				retry = (size_t)(nl - p) + 1;
		}
		/*
		 * The common case, inside a field: copy the run of plain ASCII
		 * bytes at once instead of one state change per byte.
		 */
		if ((c->state == S_UNQUOTED || c->state == S_QUOTED) && plain(c, p[i]) &&
		    c->utf8_left == 0 && c->npending == 0) {
			size_t n = 1;

			while (i + n < len && plain(c, p[i + n]))
				n++;
			if (c->field_len + n > CSV_FIELD_MAX)
				return fail(c, c->line, c->column + (CSV_FIELD_MAX - c->field_len),
				    N_("field longer than 65536 bytes."));
			if (record_full(c, n))
				return fail(c, c->record_line, 1,
				    N_("record longer than 1 MiB: this is not an agent list."));
			buf_add(&c->text, (const char *)p + i, n);
			c->field_len += n;
			c->column += n;
			i += n - 1;
			continue;
		}

		if (p[i] == '\0')
			return fail(c, c->line, c->column, N_("NUL byte: this is not a text file (a UTF-16 export? save it as CSV UTF-8)."));
		if (c->encoding == CSV_ENC_UNKNOWN && (p[i] >= 0x80 || c->npending > 0)) {
			if (p[i] >= 0x80) {
				/* Held, or it settles the encoding and goes through with the rest. */
				if (decide(c, p[i]) && (st = release(c)) != CSV_OK)
					return st;
				continue;
			}
			/* An ASCII byte cut the sequence short: Windows-1252. */
			c->encoding = CSV_ENC_CP1252;
			c->utf8_left = 0;
			if ((st = release(c)) != CSV_OK)
				return st;
		}
		if (c->encoding == CSV_ENC_UTF8 && c->utf8_left == 0 && p[i] >= 0x80) {
			c->lead_line = c->line;
			c->lead_column = c->column;
		}
		if (c->encoding == CSV_ENC_UTF8 && utf8_bad(c, p[i]))
			return fail(c, c->lead_line, c->lead_column,
			    N_("this byte is not UTF-8, although the text before it is: the file mixes encodings; save it again as CSV UTF-8."));
		if ((st = step(c, p[i])) != CSV_OK)
			return st;
	}
	return CSV_OK;
}

/* The separator the header line uses most outside quotes: ',' by default. */
static char
detect_sep(const char *s, size_t len)
{
	static const char cands[] = ",;\t";
	size_t counts[3] = { 0 }, best = 0;
	int quoted = 0;
	char sep = ',';

	for (size_t i = 0; i < len; i++) {
		const char *k;

		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && (k = strchr(cands, s[i])) != NULL && s[i] != '\0')
			counts[k - cands]++;
	}
	for (int i = 0; i < 3; i++) {
		if (counts[i] > best) {
			best = counts[i];
			sep = cands[i];
		}
	}
	return sep;
}

/* With the header line complete, pick the separator and read it. */
static enum csv_status
flush_head(struct csv *c)
{
	const unsigned char *p = (const unsigned char *)c->head.data;
	size_t len = c->head.len;

	if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
		return fail(c, 1, 1, N_("UTF-16 text is not supported: save the export as CSV (UTF-8 or the Windows default)."));
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
		c->encoding = CSV_ENC_UTF8;
	}
	c->sep = detect_sep((const char *)p, len);
	return feed_bytes(c, p, len);
}

enum csv_status
csv_feed(struct csv *c, const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while (c->sep == 0 && p < end) {
		/* Gather the header line: the first line break outside quotes. */
		if (*p == '"')
			c->head_quoted = !c->head_quoted;
		buf_putc(&c->head, *p);
		if ((*p == '\n' || *p == '\r') && !c->head_quoted) {
			enum csv_status st;

			p++;
			if ((st = flush_head(c)) != CSV_OK)
				return st;
			break;
		}
		if (c->head.len > CSV_FIELD_MAX * 4)
			return fail(c, 1, 1, N_("the header line is far too long for an agent list."));
		p++;
	}
	if (c->sep == 0)
		return CSV_OK;
	return feed_bytes(c, (const unsigned char *)p, (size_t)(end - p));
}

/* End of input: the last record may lack its line break. */
enum csv_status
csv_finish(struct csv *c)
{
	enum csv_status st;

	if (c->sep == 0 && (st = flush_head(c)) != CSV_OK)
		return st;
	if (c->npending > 0) {
		/* The file ends inside its first non-ASCII character: not UTF-8. */
		c->encoding = CSV_ENC_CP1252;
		c->utf8_left = 0;
		if ((st = release(c)) != CSV_OK)
			return st;
	}
	if (c->encoding == CSV_ENC_UTF8 && c->utf8_left > 0)
		return fail(c, c->line, c->column,
		    N_("the file ends in the middle of a UTF-8 character."));
	switch (c->state) {
	case S_QUOTED:
		return fail(c, c->quote_line, c->quote_column,
		    N_("this quoted field never ends: its closing quote is missing."));
	case S_CR:
		return CSV_OK;
	case S_START:
		if (c->nfields == 0 && c->text.len == 0)
			return CSV_OK;
		/* FALLTHROUGH */
	default:
		return end_record(c, c->state != S_QUOTE && c->state != S_AFTER);
	}
}
