/* The CSV reader's output as text: see csv-dump.h. */
#include <config.h>

#include <string.h>

#include "buf.h"
#include "csv-dump.h"

int
csv_dump_record(void *ctx, const struct csv *c)
{
	struct buf *out = ctx;

	buf_printf(out, "%lu", c->record_line);
	for (size_t i = 0; i < c->nfields; i++) {
		size_t len;
		const char *f = csv_field(c, i, &len);

		buf_putc(out, '|');
		buf_add(out, f, len);
		/* The length csv_field gives is the string's. */
		if (strlen(f) != len)
			buf_puts(out, "<LENGTH>");
	}
	buf_putc(out, '\n');
	return 0;
}

char *
csv_dump(const char *data, size_t len, size_t step)
{
	struct buf out;
	struct csv c;
	enum csv_status st = CSV_OK;

	buf_init(&out);
	csv_init(&c, csv_dump_record, &out);
	if (step == 0)
		st = csv_feed(&c, data, len);
	else
		for (size_t i = 0; i < len && st == CSV_OK; i += step)
			st = csv_feed(&c, data + i, len - i < step ? len - i : step);
	if (st == CSV_OK)
		st = csv_finish(&c);
	if (st == CSV_ERROR)
		buf_printf(&out, "error %lu:%lu %s\n", c.err_line, c.err_column, c.err_what);
	else
		buf_printf(&out, "status %d\n", (int)st);
	csv_free(&c);
	return buf_detach(&out);
}
