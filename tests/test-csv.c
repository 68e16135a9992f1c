/*
 * The CSV reader's two paths agree: a line read whole (the fast path) and
 * the same bytes fed one at a time (the state machine alone, since no line
 * break is ever in sight) give the same records, fields and line numbers,
 * and the same error at the same place.  Random lines built from the
 * characters that matter: separators, spaces, tabs, quotes, CR, LF, NUL,
 * UTF-8 (valid and broken) and Windows-1252 bytes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "csv-dump.h"
#include "csv-stream.h"
#include "digest.h"
#include <fcntl.h>
#include <unistd.h>

static const char *const pieces[] = {
	";", ";", ";", ",", "\t", " ", "  ", "\"", "\"\"", "\r", "\r\n", "\n",
	"\n", "PC-01", "ses", "2.7.1.1180", "Connect\xc3\xa9", "\xe2\x80\xae",
	"\xc3", "\xe9t\xe9", "\xf0\x9f\x98\x80", "\xed\xa0\x80", "\xc0\xaf",
	"x", "abc def", "\x01", "",
};

static void
random_text(struct buf *b, unsigned *seed, size_t parts)
{
	buf_reset(b);
	for (size_t i = 0; i < parts; i++) {
		const char *p;

		*seed = *seed * 1103515245u + 12345u;
		p = pieces[(*seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
		if (*p == '\0' && (*seed & 0x100) != 0)
			buf_add(b, "", 1);	/* a NUL byte, now and then */
		else
			buf_puts(b, p);
	}
}

static void
check_same(const char *data, size_t len)
{
	char *whole = csv_dump(data, len, 0);
	char *bytes = csv_dump(data, len, 1);
	char *odd = csv_dump(data, len, 7);

	if (strcmp(whole, bytes) != 0 || strcmp(whole, odd) != 0) {
		fprintf(stderr, "input (%zu bytes):\n", len);
		for (size_t i = 0; i < len; i++)
			fprintf(stderr, "%02x%s", (unsigned char)data[i], i % 32 == 31 ? "\n" : " ");
		fail_msg("whole:\n%s\nbyte by byte:\n%s\nby seven:\n%s", whole, bytes, odd);
	}
	free(whole);
	free(bytes);
	free(odd);
}

/* The header decides the separator; the BOM, the encoding. */
static const char *const headers[] = {
	"\xef\xbb\xbfGroupe;Nom;Version de l'agent;Statut\r\n",
	"Group;Name;Agent version\n",
	"Name,Version\n",
	"Name\tVersion\n",
	"Nom;Version\n",
};

static void
test_random_lines(void **state)
{
	struct buf body, all;
	unsigned seed = 20261202u;

	(void)state;
	buf_init(&body);
	buf_init(&all);
	for (int n = 0; n < 20000; n++) {
		buf_reset(&all);
		buf_puts(&all, headers[n % 5]);
		random_text(&body, &seed, 1 + (size_t)(n % 40));
		buf_add(&all, body.data, body.len);
		check_same(all.data, all.len);
	}
	buf_free(&body);
	buf_free(&all);
}

/* The cases the fast path must hand back or get right. */
static void
test_edges(void **state)
{
	static const char *const cases[] = {
		"a;b\n  x ; y \n",		/* trimmed both sides */
		"a;b\n\t x\t;\ty\t\n",		/* tabs trimmed when ';' separates */
		"a\tb\n x \t y \n",		/* but not when tabs separate */
		"a;b\n\n\n \nx;y\n",		/* blank lines skipped */
		"a;b\nx;y\r\r\nz;w\n",		/* a lone CR ends a record */
		"a;b\nx;\"y\"\n",		/* quotes go through the machine */
		"a;b\nx;y\"z\n",		/* and their faults too */
		"a;b\nx;;;\n",			/* empty fields */
		"a;b\nx\xffy;1\n",		/* Windows-1252 from the first byte */
		"\xef\xbb\xbf" "a;b\nx\xffy;1\n",	/* not UTF-8 after a BOM */
		"a;b\nCaf\xc3\xa9;1\nx\xe9;2\n",	/* UTF-8, then a broken byte */
		"a;b\nx\0y;1\n",		/* NUL */
		"a;b\nlast;row",		/* no final line break */
	};
	struct buf big;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i]);

		if (i == 11)
			len = 13;	/* the case holding a NUL */
		check_same(cases[i], len);
	}
	/* The limits: 4096 fields pass and 4097 do not, whole or byte by byte. */
	buf_init(&big);
	for (int n = 4095; n <= 4097; n++) {
		buf_reset(&big);
		buf_puts(&big, "a;b\n");
		for (int f = 0; f < n; f++)
			buf_puts(&big, f ? ";x" : "x");
		buf_puts(&big, "\nPC;2.7.1\n");
		check_same(big.data, big.len);
	}
	/* A field's trailing blanks count against its 65536 bytes. */
	for (int pad = 65530; pad <= 65532; pad++) {
		buf_reset(&big);
		buf_puts(&big, "a;b\nPC-0");
		for (int k = 0; k < pad; k++)
			buf_putc(&big, ' ');
		buf_puts(&big, ";2.7.1\nPC-1;2.7.1\n");
		check_same(big.data, big.len);
	}
	buf_free(&big);
}

/* And the fast path does trim: a known answer, not only agreement. */
static void
test_known(void **state)
{
	const char *in = "Nom;Version\r\n  PC-01 ; 2.7.1 \r\n\r\nPC-02;\r\n";
	char *got = csv_dump(in, strlen(in), 0);

	(void)state;
	assert_string_equal(got, "1|Nom|Version\n2|PC-01|2.7.1\n4|PC-02|\nstatus 0\n");
	free(got);
}

/*
 * The note made of each record on the reader's thread: its line and its
 * number of fields, and a count of the notes so far, which stops the
 * reading at the limit given.
 */
struct noting {
	unsigned long	 n, stop_at;
	size_t		 only;		/* after the header, keep this field alone */
};

static int
note_record(void *ctx, const struct csv *c, struct csv_note *n)
{
	struct noting *k = ctx;

	n->hash = (uint64_t)c->record_line << 16 | c->nfields;
	n->id = (uint32_t)++k->n;
	if (k->n > 1)
		n->only = k->only;
	return k->n == k->stop_at;
}

/*
 * The records of a file read through the stream, as csv_dump prints them,
 * each checked against its note; stop_after: the caller stops after so
 * many, note_stop: the note function does; only: the notes keep that one
 * field of each record after the header (and the outcome is not printed).
 */
static char *
stream_all(const char *path, size_t stop_after, unsigned long note_stop, size_t only,
    char sha[65])
{
	struct csv_stream s;
	struct csv c;
	struct buf out;
	const struct csv *r;
	const struct csv_note *note;
	struct noting k = { 0, note_stop, only };
	enum csv_status st;
	size_t n = 0;
	int fd = open(path, O_RDONLY), err;

	assert_true(fd >= 0);
	buf_init(&out);
	csv_stream_start(&s, fd, &c, note_record, &k);
	while ((r = csv_stream_next(&s, &note)) != NULL) {
		csv_dump_record(&out, r);
		/* The note is the whole record's: it counted its fields. */
		assert_int_equal(note->hash >> 16, r->record_line);
		if (only == 0)
			assert_int_equal(note->hash, (uint64_t)r->record_line << 16 | r->nfields);
		assert_int_equal(note->id, ++n);
		if (n == stop_after) {
			csv_stream_stop(&s);
			break;
		}
	}
	st = csv_stream_end(&s, &err, sha);
	assert_int_equal(err, 0);
	if (note_stop != 0) {
		assert_int_equal(n, note_stop);
		assert_int_equal(st, CSV_STOP);
	}
	if (only != 0)
		assert_int_equal(st, CSV_OK);
	else if (st == CSV_ERROR)
		buf_printf(&out, "error %lu:%lu %s\n", c.err_line, c.err_column, c.err_what);
	else if (stop_after == 0 && note_stop == 0)
		buf_printf(&out, "status %d\n", (int)st);
	csv_free(&c);
	close(fd);
	return buf_detach(&out);
}

/*
 * Many batches' worth of records through the reader thread: the same
 * records, in order, as read in one piece, each with its own note, the
 * same SHA-256, the same error at the same place; and stopping early,
 * by the caller or by the note function, leaves nothing behind.
 */
static void
test_stream(void **state)
{
	char path[] = "/tmp/test-csv.XXXXXX", sha[65], want_sha[65];
	struct buf text, names;
	struct digest d;
	unsigned seed = 7;
	int fd = mkstemp(path);
	char *want, *got;

	(void)state;
	assert_true(fd >= 0);
	buf_init(&text);
	buf_init(&names);
	buf_puts(&text, "\xef\xbb\xbfGroupe;Nom;Version de l'agent\r\n");
	buf_puts(&names, "1|Groupe|Nom|Version de l'agent\n");
	for (int i = 0; i < 30000; i++) {
		seed = seed * 1103515245u + 12345u;
		buf_printf(&text, i % 97 == 0 ? "g;\"PC \"\"%d\"\"\";2.6.%u\r\n" :
		    "g;PC-%d;2.7.%u\r\n", i, (seed >> 16) % 5);
		buf_printf(&names, i % 97 == 0 ? "%d|PC \"%d\"\n" : "%d|PC-%d\n", i + 2, i);
	}
	assert_int_equal(write(fd, text.data, text.len), (ssize_t)text.len);
	close(fd);
	digest_init(&d);
	digest_update(&d, text.data, text.len);
	digest_hex(&d, want_sha);
	want = csv_dump(text.data, text.len, 0);
	got = stream_all(path, 0, 0, 0, sha);
	assert_string_equal(got, want);
	assert_string_equal(sha, want_sha);
	free(got);
	got = stream_all(path, 5000, 0, 0, sha);
	assert_int_equal(strncmp(got, want, strlen(got)), 0);
	free(got);
	/* Stopped by the note function: every record up to that one, no more. */
	got = stream_all(path, 0, 12345, 0, sha);
	assert_int_equal(strncmp(got, want, strlen(got)), 0);
	free(got);
	got = stream_all(path, 0, 1, 0, sha);
	assert_string_equal(got, "1|Groupe|Nom|Version de l'agent\n");
	free(got);
	/* A note that keeps one field: that field alone goes over, quoted or not. */
	got = stream_all(path, 0, 0, 2, sha);
	assert_string_equal(got, names.data);
	free(got);
	free(want);
	/* A fault far into the file: the same error, the records before it. */
	buf_puts(&text, "g;x\"y;2.7.1\r\n");
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_int_equal(write(fd, text.data, text.len), (ssize_t)text.len);
	close(fd);
	want = csv_dump(text.data, text.len, 0);
	got = stream_all(path, 0, 0, 0, sha);
	assert_string_equal(got, want);
	free(got);
	free(want);
	unlink(path);
	buf_free(&text);
	buf_free(&names);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_random_lines),
		cmocka_unit_test(test_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
