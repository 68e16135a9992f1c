/*
 * Fuzz target: the quoting of each script language.  Whatever the text,
 * the quoted form cannot end its string early or run a command:
 * PowerShell quotes come in pairs, CSV reads back to the same cell and
 * never starts a formula, cmd text has no bare metacharacter, nftables
 * comments hold only plain characters.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "emit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is p at a single-quote character PowerShell knows (ASCII or U+2018..U+201B)? */
static size_t
ps_quote_at(const unsigned char *p)
{
	if (*p == '\'')
		return 1;
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9b)
		return 3;
	return 0;
}

static void
check_ps(const char *s)
{
	struct buf b;
	const unsigned char *p, *end;

	buf_init(&b);
	emit_ps_quote(&b, s);
	p = (const unsigned char *)b.data;
	end = p + b.len - 1;
	if (b.len < 2 || *p != '\'' || *end != '\'')
		abort();
	for (p++; p < end; ) {
		size_t n = ps_quote_at(p);

		if ((*p < 0x20 && *p != 0) || *p == 0x7f)
			abort();
		if (n == 0) {
			p++;
			continue;
		}
		/* A quote inside must be followed by the same quote again. */
		if (p + n >= end || memcmp(p, p + n, n) != 0)
			abort();
		p += 2 * n;
	}
	buf_free(&b);
}

static int
one_cell(void *ctx, const struct csv *c)
{
	char **out = ctx;
	size_t len;
	const char *f = csv_field(c, 0, &len);

	if (c->nfields != 1 || *out != NULL)
		abort();
	*out = strndup(f, len);
	return 0;
}

static void
check_csv(const char *s)
{
	struct buf b;
	struct csv c;
	char *back = NULL;

	if (strchr(s, '\r') != NULL || *s == '\0' || strlen(s) > 60000)
		return;		/* CR is folded into LF inside quotes; empty lines are skipped */
	buf_init(&b);
	emit_csv_cell(&b, s);
	if (strchr("=+-@\t\r", b.data[0]) != NULL)
		abort();
	if (b.data[0] == '"' && strchr("=+-@\t\r", b.data[1]) != NULL)
		abort();
	buf_puts(&b, "\n");
	csv_init(&c, 0, one_cell, &back);
	c.sep = ',';		/* skip separator detection: one column */
	if (csv_feed(&c, b.data, b.len) == CSV_OK && csv_finish(&c) == CSV_OK && back != NULL) {
		const char *want = s;

		if (strchr("=+-@\t", *s) != NULL) {
			if (back[0] != '\'')
				abort();
			if (strcmp(back + 1, want) != 0)
				abort();
		} else if (strcmp(back, want) != 0)
			abort();
	}
	free(back);
	csv_free(&c);
	buf_free(&b);
}

static void
check_cmd(const char *s)
{
	struct buf b;

	buf_init(&b);
	emit_cmd_text(&b, s);
	for (size_t i = 0; i < b.len; i++) {
		char ch = b.data[i];

		if (ch == '"' || (unsigned char)ch < 0x20)
			abort();
		if (strchr("&|<>", ch) != NULL && (i == 0 || b.data[i - 1] != '^'))
			abort();
		if (ch == '%') {
			if (i + 1 >= b.len || b.data[i + 1] != '%')
				abort();
			i++;
		}
	}
	buf_free(&b);
}

static void
check_nft(const char *s)
{
	struct buf b;

	buf_init(&b);
	emit_nft_comment(&b, s);
	if (b.len < 2 || b.data[0] != '"' || b.data[b.len - 1] != '"')
		abort();
	for (size_t i = 1; i + 1 < b.len; i++)
		if (strchr("\"\\;\n", b.data[i]) != NULL || (unsigned char)b.data[i] >= 0x80)
			abort();
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	memcpy(s, data, size);
	s[size] = '\0';
	check_ps(s);
	check_csv(s);
	check_cmd(s);
	check_nft(s);
	free(s);
	return 0;
}
