/*
 * Finding the columns of the console's agent list.  They are not
 * documented, so they are recognized by their header, in French or
 * English, whatever the case, accents and punctuation.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "csv.h"
#include "inventory-columns.h"
#include "xalloc.h"

/* Headers that name the columns, normalized, in order of preference. */
static const char *const host_headers[] = { "hostname", "host name", "host",
    "computer name", "computer", "machine name", "machine",
    "nom de la machine", "nom de machine", "nom machine", "nom d hote",
    "nom de l hote", "hote", "nom de l ordinateur", "nom ordinateur",
    "ordinateur", "device name", "device", "agent name", "nom de l agent",
    "nom agent", "poste", "fqdn", "dns name", "name", "nom", "agent", NULL };
static const char *const version_headers[] = { "agent version",
    "version de l agent", "version agent", "ses evolution version",
    "version ses evolution", "ses version", "version ses", "product version",
    "version du produit", "version", NULL };

/*
 * A header or a column name, compared loosely: lower case, no accents,
 * any run of spaces, '_', '-', '.', or apostrophes as one space.
 */
char *
inventory_normalize_header(const char *s)
{
	static const char upper[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts";
	static const char lower[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
	const unsigned char *p = (const unsigned char *)s;
	struct buf b;
	int space = 1;

	buf_init(&b);
	while (*p != '\0') {
		char c = 0;

		if (p[0] == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			c = p[1] < 0xa0 ? upper[p[1] - 0x80] : lower[p[1] - 0xa0];
			p += 2;
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x98 || p[2] == 0x99)) {
			c = ' ';	/* typographic apostrophes */
			p += 3;
		} else if (*p >= 'A' && *p <= 'Z') {
			c = (char)(*p++ - 'A' + 'a');
		} else if (*p == ' ' || *p == '_' || *p == '-' || *p == '.' ||
		    *p == '\'' || *p == '\t') {
			c = ' ';
			p++;
		} else
			c = (char)*p++;
		if (c == ' ') {
			if (!space)
				buf_putc(&b, ' ');
			space = 1;
		} else {
			buf_putc(&b, c);
			space = 0;
		}
	}
	if (b.len > 0 && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return buf_detach(&b);
}

long
inventory_find_column(const struct csv *c, enum column which, const char *chosen)
{
	const char *const *names = which == COLUMN_HOST ? host_headers : version_headers;
	char **norm = xcalloc(c->nfields, sizeof(*norm));
	long found = -1;

	for (size_t i = 0; i < c->nfields; i++)
		norm[i] = inventory_normalize_header(csv_field(c, i, NULL));
	if (chosen != NULL) {
		char *end, *want;
		long k = strtol(chosen, &end, 10);

		if (*chosen >= '0' && *chosen <= '9' && *end == '\0')
			found = k >= 1 && (size_t)k <= c->nfields ? k - 1 : -1;
		else {
			want = inventory_normalize_header(chosen);
			for (size_t i = 0; i < c->nfields && found < 0; i++)
				if (strcmp(norm[i], want) == 0)
					found = (long)i;
			free(want);
		}
	} else {
		for (const char *const *h = names; *h != NULL && found < 0; h++)
			for (size_t i = 0; i < c->nfields && found < 0; i++)
				if (strcmp(norm[i], *h) == 0)
					found = (long)i;
	}
	for (size_t i = 0; i < c->nfields; i++)
		free(norm[i]);
	free(norm);
	return found;
}

char *
inventory_headers_seen(const struct csv *c)
{
	struct buf b;

	buf_init(&b);
	for (size_t i = 0; i < c->nfields && i < 30; i++)
		buf_printf(&b, "%s\"%s\"", i ? ", " : "", csv_field(c, i, NULL));
	if (c->nfields > 30)
		buf_puts(&b, ", ...");
	return buf_detach(&b);
}
