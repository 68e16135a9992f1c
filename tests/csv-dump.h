/*
 * The CSV reader's output as text, for tests that compare two ways of
 * reading the same bytes: the unit tests and the fuzz target alike.
 */
#ifndef SES_CSV_DUMP_H
#define SES_CSV_DUMP_H

#include <stddef.h>

#include "csv.h"

/*
 * The reader's callback: appends the record to the struct buf at ctx as
 * "line|field|field|...\n", with <LENGTH> after a field whose length as
 * csv_field gives it is not the string's.
 */
int csv_dump_record(void *ctx, const struct csv *c);
/*
 * data read in chunks of step bytes (0: at once): its records, then
 * "error LINE:COLUMN WHAT" or "status N"; the caller frees it.
 */
char *csv_dump(const char *data, size_t len, size_t step);

#endif
