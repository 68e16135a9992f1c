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
#include <string.h>

#include "state-loader.h"
#include "validate.h"
#include "version.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Whether a straggler's name may hold c on a plain line: printable ASCII but '\\' and ';'. */
static int
plain_byte(unsigned char c)
{
	return byte_printable(c) && c != '\\' && c != ';';
}

#ifdef __SSE2__
/* Which of the sixteen bytes at p a name may not hold, as bits. */
static inline unsigned
not_plain16(__m128i b)
{
	/* Signed: below ' ' are the controls and every byte past 0x7f. */
	__m128i bad = _mm_or_si128(
	    _mm_or_si128(_mm_cmplt_epi8(b, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(b, _mm_set1_epi8(0x7f))),
	    _mm_or_si128(_mm_cmpeq_epi8(b, _mm_set1_epi8('\\')), _mm_cmpeq_epi8(b, _mm_set1_epi8(';'))));

	return (unsigned)_mm_movemask_epi8(bad);
}
#endif

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

/* How many bytes from p on a straggler's name may hold: up to its line's end. */
static size_t
plain_span(const char *p, const char *stop)
{
	const char *q = p;

#ifdef __SSE2__
	for (; stop - q >= 16; q += 16) {
		unsigned mask = not_plain16(_mm_loadu_si128((const __m128i *)(const void *)q));

		if (mask != 0)
			return (size_t)(q - p) + (size_t)__builtin_ctz(mask);
	}
#endif
	while (q < stop && plain_byte((unsigned char)*q))
		q++;
	return (size_t)(q - p);
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
		unsigned mask = not_plain16(b);

		if (mask != 0) {
			_mm_storeu_si128((__m128i *)(void *)w, b);
			len = (size_t)__builtin_ctz(mask);
			w[len] = '\0';
			return len;
		}
	}
#endif
	len = plain_span(p, stop);
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

