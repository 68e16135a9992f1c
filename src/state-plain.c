/*
 * The loader's plain lanes: bulk sections whose every line is as the
 * writer writes it, read by the first pass in one go, sixteen bytes at a
 * time where it can, into the model's strings.  A line otherwise sends
 * the whole section to the general path, which reads it as libinih
 * would, with its errors and their lines: a plain lane finds no error,
 * it only declines.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "clock.h"
#include "state-loader.h"
#include "version.h"
#include "xalloc.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/*
 * Where a plain field ends: at the byte c, or at one no plain line holds
 * (a control, the newline among them, DEL, '\\' or ';'), or, if ascii,
 * at a byte past ASCII.  The stragglers' names are ASCII; the history's
 * texts may hold accents, which schema_check then checks whole, their
 * UTF-8 and their characters.
 */
static inline int
ends_field(unsigned char u, char c, int ascii)
{
	return u == (unsigned char)c || u < ' ' || u == 0x7f || u == '\\' || u == ';' ||
	    (ascii && u >= 0x80);
}

#ifdef __SSE2__
/* Which of the sixteen bytes in b end a field (ends_field), as bits. */
static inline unsigned
field_ends16(__m128i b, char c, int ascii)
{
	/*
	 * Signed, the bytes past ASCII compare below ' ': they end an ASCII
	 * field, and are told from the controls otherwise.
	 */
	__m128i below = _mm_cmplt_epi8(b, _mm_set1_epi8(' '));
	__m128i ctl = ascii ? below : _mm_and_si128(below, _mm_cmpgt_epi8(b, _mm_set1_epi8(-1)));
	__m128i hit = _mm_or_si128(_mm_or_si128(ctl, _mm_cmpeq_epi8(b, _mm_set1_epi8(c))),
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8(0x7f)),
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(b, _mm_set1_epi8(';')))));

	return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/* The first byte from p on (before end) that ends a field (ends_field), or end. */
static inline const char *
span_to(const char *p, const char *end, char c, int ascii)
{
#ifdef __SSE2__
	for (; end - p >= 16; p += 16) {
		unsigned m = field_ends16(_mm_loadu_si128((const __m128i *)(const void *)p), c, ascii);

		if (m != 0)
			return p + __builtin_ctz(m);
	}
#endif
	while (p < end && !ends_field((unsigned char)*p, c, ascii))
		p++;
	return p;
}

/* Whether the n bytes at a and b are the same: a version, or a number, of a few bytes. */
static inline int
same_short(const char *a, const char *b, size_t n)
{
	uint64_t x, y, u, v;

	if (n < 8 || n > 16) {
		while (n > 0 && *a == *b)
			a++, b++, n--;
		return n == 0;
	}
	/* Two words that overlap cover 8 to 16 bytes. */
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
	memcpy(&u, a + n - 8, 8);
	memcpy(&v, b + n - 8, 8);
	return ((x ^ y) | (u ^ v)) == 0;
}

/*
 * The name at p, up to the first byte it may not hold (its line's end),
 * copied to w and ended there; its length.  w has room for the name and
 * its NUL, and w_end is where that room ends.
 */
static inline size_t
take_name(const char *p, const char *stop, char *w, const char *w_end)
{
	size_t len;

#ifdef __SSE2__
	/* A name is about ten bytes: most fit in one load, and one store copies them. */
	if (stop - p >= 16 && w_end - w >= 16) {
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned mask = field_ends16(b, '\n', 1);

		if (mask != 0) {
			_mm_storeu_si128((__m128i *)(void *)w, b);
			len = (size_t)__builtin_ctz(mask);
			w[len] = '\0';
			return len;
		}
	}
#endif
	len = (size_t)(span_to(p, stop, '\n', 1) - p);
	memcpy(w, p, len);
	w[len] = '\0';
	return len;
}

/* Whether the text at p (stop its end) begins with the k bytes of want, which has 8 at least. */
static inline int
starts_with(const char *p, const char *stop, const char *want, size_t k)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	if (k <= 8 && stop - p >= 8) {
		uint64_t a, b;

		memcpy(&a, p, 8);
		memcpy(&b, want, 8);
		/* The first k bytes are the low ones. */
		return ((a ^ b) & (k == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * k)) - 1)) == 0;
	}
#endif
	return (size_t)(stop - p) >= k && same_short(p, want, k);
}

/*
 * [inventory-below], from p (the line after its header), if every line is
 * as the writer writes it: "N = VERSION NAME", numbered from 1 in turn, a
 * valid version, a name of printable ASCII with no blank at either end,
 * nothing to unescape; empty lines between.  The general path would take
 * such a line without a word, at about 1,400 instructions, and a large
 * state has ten thousand.  Their texts go to w, which each line is longer
 * than its share of, and their entries to e (entries in a row that share
 * a version share its text).  Returns where the section ends (the next
 * header, or stop), its entries and lines through *n and *nlines; NULL if
 * any line is otherwise, and the general path reads the section then.
 */
const char *
loader_below_plain(const char *p, const char *stop, char *w, const char *w_end,
    struct agent *e, size_t *n, int *nlines)
{
	char want[32] = "1 = ";	/* the entry's key and what follows it */
	size_t wlen = 1, vlen = 0;
	const char *v = NULL;
	char *version = NULL;

	*n = 0;
	*nlines = 0;
	while (p < stop && *p != '[') {
		const char *line = p, *name;
		size_t len;

		if (*p == '\n') {
			p++;
			++*nlines;
			continue;
		}
		if (!starts_with(p, stop, want, wlen + 3))
			return NULL;
		p += wlen + 3;
		if (v != NULL && (size_t)(stop - p) > vlen && same_short(p, v, vlen) &&
		    p[vlen] == ' ') {
			p += vlen;	/* the version the line before had, checked there */
		} else {
			for (v = p; p < stop && ((unsigned char)(*p - '0') <= 9 || *p == '.'); p++)
				;
			vlen = (size_t)(p - v);
			if (p == stop || *p != ' ' || vlen == 0 || vlen > VERSION_MAX_LEN)
				return NULL;
			version = w;
			memcpy(w, v, vlen);
			w[vlen] = '\0';
			w += vlen + 1;
			if (!version_valid(version))
				return NULL;
		}
		name = ++p;
		len = take_name(name, stop, w, w_end);
		p += len;
		if (len == 0 || *name == ' ' || p[-1] == ' ' || (p < stop && *p != '\n') ||
		    p - line > SCHEMA_LINE_MAX)
			return NULL;
		e[*n].name = w;
		e[*n].version = version;
		w += len + 1;
		p += p < stop;
		++*n;
		++*nlines;
		wlen = decimal_next(want, wlen);
		memcpy(want + wlen, " = ", 4);
	}
	return *n > 0 ? p : NULL;
}


/* What the history's lane carries from line to line. */
struct lane {
	struct loader			*L;
	const struct schema_key		*by, *code, *subject;
	const struct schema_key		*reason, *count, *last;
	char				*w;	/* where the next texts go */
	/* The last operator and code checked, which the events after share. */
	const char			*by_text, *code_text;
	size_t				 by_len, code_len;
	/* The day of the last time read ("2026-06-30T"), if any, and when it began. */
	int				 has_day;
	char				 day[11];
	time_t				 day_start;
};

/* Whether v, of a key k, would pass its check in the general path. */
static int
lane_check(const struct lane *h, const struct schema_key *k, const char *v)
{
	return schema_check(k, v, h->L->m->mig, h->L->now, NULL);
}

/*
 * The time of the twenty bytes at s, copied to the lane's texts and ended
 * there, through *t and *text; 0 if they are not a time a state may hold.
 * A time of the same day as the one before is read from its clock alone.
 */
static int
lane_time(struct lane *h, const char *s, time_t *t, char **text)
{
	long tod;

	memcpy(h->w, s, 20);
	h->w[20] = '\0';
	if (h->has_day && memcmp(s, h->day, 11) == 0 && (tod = time_of_day(h->w + 11)) >= 0) {
		*t = h->day_start + tod;
	} else {
		if (!time_read(h->w, t))
			return 0;
		memcpy(h->day, s, 11);
		h->day_start = *t - time_of_day(h->w + 11);
		h->has_day = 1;
	}
	if (!schema_time_allowed(*t, h->L->now))
		return 0;
	*text = h->w;
	h->w += 21;
	return 1;
}

/*
 * A field of len bytes at s, for key k, into *field: the text of the one
 * before (*last, *last_len) if it is the same, or a copy, checked.
 */
static int
lane_shared(struct lane *h, const struct schema_key *k, const char *s, size_t len,
    const char **last, size_t *last_len, char **field)
{
	if (*last != NULL && *last_len == len && memcmp(*last, s, len) == 0) {
		*field = (char *)*last;
		return 1;
	}
	memcpy(h->w, s, len);
	h->w[len] = '\0';
	if (len == 0 || !lane_check(h, k, h->w))
		return 0;
	*field = h->w;
	*last = h->w;
	*last_len = len;
	h->w += len + 1;
	return 1;
}

/*
 * An entry's fields, at p past its "N = ": "AT BY CODE SUBJECT", split as
 * schema_entry_split splits them (BY quoted when it holds a space, the
 * subject the rest of the line, or none), into e.  Past the line's text
 * (its newline, or stop); NULL if it is not plain.
 */
static const char *
lane_entry(struct lane *h, const char *p, const char *stop, struct event *e, time_t *at)
{
	const char *from, *to;

	if (stop - p < 21 || p[20] != ' ' || !lane_time(h, p, at, &e->at))
		return NULL;
	p += 21;
	if (*p == '"') {
		/* Quoted, with no doubled quote in it: the writer's "Claire Martin". */
		from = p + 1;
		to = span_to(from, stop, '"', 0);
		if (stop - to < 2 || to[0] != '"' || to[1] != ' ')
			return NULL;
		p = to + 2;
	} else {
		from = p;
		to = span_to(from, stop, ' ', 0);
		if (to == stop || *to != ' ')
			return NULL;
		p = to + 1;
	}
	if (!lane_shared(h, h->by, from, (size_t)(to - from), &h->by_text, &h->by_len, &e->by))
		return NULL;
	to = span_to(p, stop, ' ', 0);
	if ((to < stop && *to != ' ' && *to != '\n') ||
	    !lane_shared(h, h->code, p, (size_t)(to - p), &h->code_text, &h->code_len, &e->code))
		return NULL;
	if (to == stop || *to == '\n')
		return to;		/* no subject */
	from = to + 1;
	to = span_to(from, stop, '\n', 0);
	/* A blank at the end would be trimmed: the writer escapes it. */
	if ((to < stop && *to != '\n') || to == from || to[-1] == ' ')
		return NULL;
	memcpy(h->w, from, (size_t)(to - from));
	h->w[to - from] = '\0';
	if (!lane_check(h, h->subject, h->w))
		return NULL;
	e->subject = h->w;
	h->w += to - from + 1;
	return to;
}

/*
 * One of an entry's own keys, at p past its "N.": "reason = TEXT",
 * "count = N" or "last = AT", each once (*seen), into e.  Past the line's
 * text; NULL if it is not plain.
 */
static const char *
lane_subkey(struct lane *h, const char *p, const char *stop, struct event *e, unsigned *seen)
{
	static const struct {
		const char	*key;
		size_t		 len;
	} keys[] = { { "reason = ", 9 }, { "count = ", 8 }, { "last = ", 7 } };
	const struct schema_key *k[] = { h->reason, h->count, h->last };
	const char *to;
	char *v;
	size_t i;

	for (i = 0; i < 3 && !starts_with(p, stop, keys[i].key, keys[i].len); i++)
		;
	if (i == 3 || (*seen & (1u << i)))
		return NULL;
	*seen |= 1u << i;
	p += keys[i].len;
	to = span_to(p, stop, '\n', 0);
	/* libinih would take the blanks at either end off. */
	if ((to < stop && *to != '\n') || to == p || *p == ' ' || to[-1] == ' ')
		return NULL;
	v = xstrndup(p, (size_t)(to - p));
	if (!lane_check(h, k[i], v)) {
		free(v);
		return NULL;
	}
	if (i == 0) {
		e->reason = v;
	} else if (i == 1) {
		e->count = strtoul(v, NULL, 10);
		free(v);
	} else {
		e->last = v;
	}
	return to;
}

void
loader_plain_history_free(struct loader *L)
{
	for (size_t i = 0; L->plain_history.events != NULL && i < L->plain_history.n; i++)
		event_free(&L->plain_history.events[i]);
	free(L->plain_history.events);
	L->plain_history.events = NULL;
	L->plain_history.n = 0;
}

/*
 * Whether the entry just read is whole: a folded event has both its count
 * and its last time, not before its first.
 */
static int
lane_close(struct event *e, time_t at)
{
	time_t last;

	if ((e->count > 1) != (e->last != NULL) ||
	    (e->last != NULL && (!time_read(e->last, &last) || last < at)))
		return 0;
	e->checked = 1;
	return 1;
}

const char *
loader_history_plain(struct loader *L, const struct schema_section *def,
    const char *p, const char *stop, int *nlines)
{
	char want[32] = "1 = ", own[32];	/* the next entry's key; the last one's, and '.' */
	size_t wlen = 1, olen = 0, bytes = (size_t)(stop - p), n = 0;
	struct lane h = { .L = L };
	struct event *e = NULL;
	time_t at = 0;
	unsigned seen = 0;

	*nlines = 0;
	if (bytes == 0)
		return NULL;
	h.by = def->fields[1];
	h.code = def->fields[2];
	h.subject = def->fields[3];
	h.reason = schema_key_find(def, "reason");
	h.count = schema_key_find(def, "count");
	h.last = schema_key_find(def, "last");
	/* An entry's line is 28 bytes at least ("1 = AT a b"); its texts take fewer. */
	L->plain_history.cap = bytes / 28 + 1;
	L->plain_history.events = big_alloc(L->plain_history.cap, sizeof(struct event), 0);
	h.w = arena_alloc(&L->m->strings, bytes);
	while (p < stop && *p != '[') {
		const char *line = p;

		if (*p == '\n') {
			p++;
			++*nlines;
			continue;
		}
		if (starts_with(p, stop, want, wlen + 3)) {
			if (e != NULL && !lane_close(e, at))
				goto otherwise;
			if (n == L->plain_history.cap)
				abort();	/* more entries than lines of 28 bytes fit */
			e = &L->plain_history.events[n++];
			memset(e, 0, sizeof(*e));
			e->count = 1;
			e->packed = 1;
			if ((p = lane_entry(&h, p + wlen + 3, stop, e, &at)) == NULL)
				goto otherwise;
			/* Its lines, which the writer copies while it is unchanged. */
			if (L->keep) {
				e->src = line;
				e->srclen = (size_t)(p + (p < stop) - line);
			}
			seen = 0;
			memcpy(own, want, wlen);
			own[wlen] = '.';
			olen = wlen + 1;
			wlen = decimal_next(want, wlen);
			memcpy(want + wlen, " = ", 4);
		} else if (e != NULL && starts_with(p, stop, own, olen)) {
			if ((p = lane_subkey(&h, p + olen, stop, e, &seen)) == NULL)
				goto otherwise;
			/* Its lines go on, unless an empty one came between. */
			if (e->src != NULL && line == e->src + e->srclen)
				e->srclen = (size_t)(p + (p < stop) - e->src);
			else
				e->src = NULL;
		} else {
			goto otherwise;
		}
		if (p - line > SCHEMA_LINE_MAX)
			goto otherwise;
		p += p < stop;
		++*nlines;
	}
	if (e == NULL || !lane_close(e, at))
		goto otherwise;
	L->plain_history.n = n;
	return p;
otherwise:
	L->plain_history.n = n;
	loader_plain_history_free(L);
	*nlines = 0;
	return NULL;
}
