/* Reading `dotnet --list-runtimes`: the highest patch of each runtime the migration needs. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "runtimes.h"
#include "text.h"
#include "version.h"
#include "xalloc.h"

int
runtimes_keep_highest(char **best, const char *v, const char *series)
{
	if (v == NULL || !version_valid(v) || !version_same_series(v, series))
		return 0;
	if (*best == NULL || version_cmp(v, *best) > 0) {
		free(*best);
		*best = xstrdup(v);
	}
	return 1;
}

int
runtimes_parse(const char *data, size_t len, const char *series,
    struct runtimes_found *out, const char **err)
{
	size_t n;
	char *text = text_from_bom(data, len, &n), *save = NULL;

	memset(out, 0, sizeof(*out));
	if (text == NULL || strlen(text) != n) {
		free(text);
		*err = N_("this is not text: paste the output of dotnet --list-runtimes.");
		return -1;
	}
	for (char *line = strtok_r(text, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		char name[64], version[VERSION_MAX_LEN + 1];
		int kept = 0;

		/* "NAME VERSION [PATH]"; anything else on a line is not a runtime. */
		if (sscanf(line, " %63s %64s", name, version) != 2)
			continue;
		if (strcmp(name, "Microsoft.AspNetCore.App") == 0)
			kept = runtimes_keep_highest(&out->aspnetcore, version, series);
		else if (strcmp(name, "Microsoft.WindowsDesktop.App") == 0)
			kept = runtimes_keep_highest(&out->desktop, version, series);
		else if (strncmp(name, "Microsoft.", 10) != 0)
			continue;
		out->ignored += !kept;
	}
	free(text);
	return 0;
}

void
runtimes_free(struct runtimes_found *r)
{
	free(r->aspnetcore);
	free(r->desktop);
	memset(r, 0, sizeof(*r));
}
