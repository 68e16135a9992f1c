/*
 * Fuzz target: the agent list importer.  No crash, and what it keeps is
 * consistent and safe to store: counts add up, names are clean text.  And
 * the CSV reader's two paths agree: the input read whole (lines split at
 * once, sixteen bytes at a time) and fed a byte at a time (the state
 * machine alone) give the same records and the same error at the same
 * place.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "inventory.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each record as its line and its fields, with their lengths. */
static int
record(void *ctx, const struct csv *c)
{
	struct buf *out = ctx;

	buf_put_ulong(out, c->record_line);
	for (size_t i = 0; i < c->nfields; i++) {
		size_t len;
		const char *f = csv_field(c, i, &len);

		buf_putc(out, '|');
		buf_put_ulong(out, len);
		buf_putc(out, ':');
		buf_add(out, f, len);
	}
	buf_putc(out, '\n');
	return 0;
}

/* The records and the outcome, the input fed in pieces of step bytes (0: whole). */
static char *
read_all(const uint8_t *data, size_t size, size_t step)
{
	struct buf out;
	struct csv c;
	enum csv_status st = CSV_OK;

	buf_init(&out);
	csv_init(&c, record, &out);
	if (step == 0)
		st = csv_feed(&c, (const char *)data, size);
	else
		for (size_t i = 0; i < size && st == CSV_OK; i += step)
			st = csv_feed(&c, (const char *)data + i, size - i < step ? size - i : step);
	if (st == CSV_OK)
		st = csv_finish(&c);
	if (st == CSV_ERROR)
		buf_printf(&out, "error %lu:%lu %s\n", c.err_line, c.err_column, c.err_what);
	else
		buf_printf(&out, "status %d\n", (int)st);
	csv_free(&c);
	return buf_detach(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { NULL, NULL, NULL };
	struct inventory inv;
	unsigned long counted = 0;
	char *err = NULL, *whole, *bytes;

	whole = read_all(data, size, 0);
	bytes = read_all(data, size, 1);
	if (strcmp(whole, bytes) != 0)
		abort();	/* the fast path and the machine disagree */
	free(whole);
	free(bytes);

	if (inventory_parse("fuzz.csv", (const char *)data, size, &o, &inv, &err) != IMPORT_OK) {
		if (err == NULL || strncmp(err, "fuzz.csv:", 9) != 0)
			abort();	/* every refusal names the file and place */
		free(err);
		return 0;
	}
	if (inv.below_total + inv.unreadable_total > inv.total ||
	    inv.nbelow > inv.below_total || inv.nunreadable > inv.unreadable_total ||
	    inv.nduplicates > inv.duplicates_total)
		abort();
	for (size_t i = 0; i < inv.nversions; i++)
		counted += inv.versions[i].count;
	if (counted + inv.unreadable_total != inv.total)
		abort();
	for (size_t i = 0; i < inv.nbelow; i++)
		if (!valid_text(inv.below[i].name) || *inv.below[i].name == '\0')
			abort();
	for (size_t i = 0; i < inv.nunreadable; i++)
		if (!valid_text(inv.unreadable[i].name))
			abort();
	for (size_t i = 0; i < inv.nduplicates; i++)
		if (!valid_text(inv.duplicates[i]))
			abort();
	inventory_free(&inv);
	return 0;
}
