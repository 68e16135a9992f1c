/* Finding the agent name and version columns of an agent list by their headers. */
#ifndef SES_INVENTORY_COLUMNS_H
#define SES_INVENTORY_COLUMNS_H

struct csv;

enum column { COLUMN_HOST, COLUMN_VERSION };

/* The header in loose form (lower case, no accents, one space between words); caller frees. */
char *inventory_normalize_header(const char *s);
/* The 0-based column chosen (a header or a 1-based number) or, if NULL, found by its header; -1 if none. */
long inventory_find_column(const struct csv *c, enum column which, const char *chosen);
/* The record's fields as the file has them, quoted and joined, for an error message; caller frees. */
char *inventory_headers_seen(const struct csv *c);

#endif
