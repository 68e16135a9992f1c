/*
 * Column arithmetic (src/text.c): what every screen's layout rests on.
 * The widths are compared with the C library's own, character by
 * character (mbrtowc and wcwidth under C.UTF-8), over chosen texts and
 * over random mixes of ASCII, accents, wide characters, combining marks
 * and broken bytes: a shortcut for ASCII must agree with it everywhere.
 * What is made visible is compared the same way.
 */
#include <config.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "buf.h"
#include "text.h"
#include "validate.h"

/* The reference: one character at a time, as a terminal counts it. */
static size_t
ref_fit(const char *s, size_t len, size_t cols, size_t *used)
{
	locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0), before;
	size_t bytes = 0, width = 0;

	assert_true(utf8 != (locale_t)0);
	before = uselocale(utf8);
	while (bytes < len) {
		mbstate_t ps;
		wchar_t wc;
		size_t r, n = 1, w = 1;
		int cw;

		memset(&ps, 0, sizeof(ps));
		r = mbrtowc(&wc, s + bytes, len - bytes, &ps);
		if (r != (size_t)-1 && r != (size_t)-2 && r != 0) {
			n = r;
			cw = wcwidth(wc);
			w = cw < 0 ? 1 : (size_t)cw;
		}
		if (width + w > cols)
			break;
		width += w;
		bytes += n;
	}
	uselocale(before);
	freelocale(utf8);
	*used = width;
	return bytes;
}

static void
same_as_ref(const char *s, size_t len)
{
	size_t cols[] = { 0, 1, 2, 3, 5, 8, 13, 40, (size_t)-1 };

	for (size_t c = 0; c < sizeof(cols) / sizeof(*cols); c++) {
		size_t used = 99, want_used = 98;
		size_t got = text_fit(s, len, cols[c], &used);
		size_t want = ref_fit(s, len, cols[c], &want_used);

		if (got != want || used != want_used)
			fail_msg("text_fit of %zu bytes in %zu columns: %zu bytes, %zu columns; the C library says %zu, %zu",
			    len, cols[c], got, used, want, want_used);
	}
}

/*
 * What random texts are made of: ASCII, controls, accents, a broken
 * sequence, a direction change, invisible ones, a BOM, wide characters, a
 * combining accent, an emoji, a surrogate, a byte that is never UTF-8.
 */
static const char *const pieces[] = {
	"a", "Z", " ", "~", "0", "\t", "\n", "\x1b", "\x7f", "\xc3\xa9", "\xc3", "\xa9",
	"\xe2\x80\xae", "\xe2\x80\x8b", "\xc2\xad", "\xef\xbb\xbf", "\xe6\x97\xa5",
	"\xcc\x81", "\xf0\x9f\x98\x80", "\xed\xa0\x80", "\xff",
};

/* Up to 23 pieces drawn at random into text (room for 23 of the longest): its length. */
static size_t
random_mix(unsigned long *rng, char *text)
{
	const size_t npieces = sizeof(pieces) / sizeof(*pieces);
	size_t len = 0;
	int n;

	*rng = *rng * 6364136223846793005UL + 1442695040888963407UL;
	n = (int)((*rng >> 40) % 24);
	for (int k = 0; k < n; k++) {
		const char *p;

		*rng = *rng * 6364136223846793005UL + 1442695040888963407UL;
		p = pieces[(*rng >> 33) % npieces];
		memcpy(text + len, p, strlen(p));
		len += strlen(p);
	}
	return len;
}

static void
test_widths(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Prerequisites"), 13);
	assert_int_equal(text_width("Pr\xc3\xa9requis"), 9);		/* é: two bytes, one column */
	assert_int_equal(text_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);	/* two wide characters */
	assert_int_equal(text_width("e\xcc\x81"), 1);			/* e and a combining acute */
	assert_int_equal(text_width("a\xff" "b"), 3);			/* a broken byte is one column */
	assert_int_equal(text_width("\t\x1b\x7f"), 3);			/* controls: one each, as shown */
	/* A NUL within the length counts as one, as any control. */
	same_as_ref("a\0b", 3);
	for (int b = 1; b < 0x80; b++) {
		char one[2] = { (char)b, '\0' };
		size_t used;

		assert_int_equal(text_width(one), 1);
		assert_int_equal(text_fit(one, 1, 1, &used), 1);
		assert_int_equal(used, 1);
		assert_int_equal(text_fit(one, 1, 0, &used), 0);
		assert_int_equal(used, 0);
	}
}

static void
test_fit_cuts_whole_characters(void **state)
{
	/* "Étape à" with a wide character after: never half of one. */
	const char *s = "\xc3\x89tape \xc3\xa0 \xe6\x97\xa5!";
	size_t used;

	(void)state;
	assert_int_equal(text_fit(s, strlen(s), 1, &used), 2);
	assert_int_equal(used, 1);
	assert_int_equal(text_fit(s, strlen(s), 9, &used), 10);	/* the wide one does not fit in one */
	assert_int_equal(used, 8);
	assert_int_equal(text_fit(s, strlen(s), 10, &used), 13);
	assert_int_equal(used, 10);
	same_as_ref(s, strlen(s));
}

static void
test_random_mixes(void **state)
{
	unsigned long rng = 2026;
	char text[256];

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t len = random_mix(&rng, text);

		same_as_ref(text, len);
	}
}

/* What text_put_visible shows, a character at a time. */
static void
ref_visible(struct buf *out, const char *s, size_t len)
{
	while (len > 0) {
		unsigned cp;
		size_t n = utf8_next(s, len, &cp);

		if (n == 0) {
			buf_printf(out, "<0x%02X>", (unsigned char)*s);
			n = 1;
		} else if (char_is_control(cp) || char_is_hidden(cp)) {
			buf_printf(out, "<U+%04X>", cp);
		} else {
			buf_add(out, s, n);
		}
		s += n;
		len -= n;
	}
}

/* Nothing invisible, no control, no broken byte reaches the screen as such. */
static void
test_visible(void **state)
{
	unsigned long rng = 77;
	char text[256], *shown;

	(void)state;
	shown = text_visible("a\xe2\x80\xae" "b\x1b\xff c", 9);
	assert_string_equal(shown, "a<U+202E>b<U+001B><0xFF> c");
	free(shown);
	for (int round = 0; round < 3000; round++) {
		size_t len = random_mix(&rng, text);
		struct buf want;

		buf_init(&want);
		ref_visible(&want, text, len);
		shown = text_visible(text, len);
		assert_string_equal(shown, want.data != NULL ? want.data : "");
		free(shown);
		buf_free(&want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_fit_cuts_whole_characters),
		cmocka_unit_test(test_random_mixes),
		cmocka_unit_test(test_visible),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
