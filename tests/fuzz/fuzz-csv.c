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

#include "csv-dump.h"
#include "inventory.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct import_opts o = { NULL, NULL, NULL };
	struct inventory inv;
	unsigned long counted = 0;
	char *err = NULL, *whole, *bytes;

	whole = csv_dump((const char *)data, size, 0);
	bytes = csv_dump((const char *)data, size, 1);
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
