/* Reading `dotnet --list-runtimes`: the highest patch of each runtime the migration needs. */
#include <config.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "runtimes.h"
#include "version.h"
#include "xalloc.h"

char *
text_from_bom(const char *data, size_t len, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *from = NULL;
	char *out, *o, *in = (char *)data;
	size_t left, room;
	iconv_t cd;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		*outlen = len - 3;
		return xstrndup(data + 3, len - 3);
	}
	if (len >= 2 && u[0] == 0xff && u[1] == 0xfe)
		from = "UTF-16LE";
	else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff)
		from = "UTF-16BE";
	if (from == NULL) {
		*outlen = len;
		return xstrndup(data, len);
	}
	/* Each UTF-16 unit becomes at most 3 bytes of UTF-8 (a pair, 4 for 2 units). */
	room = (len - 2) / 2 * 3 + 1;
	out = o = xmalloc(room);
	in += 2;
	left = len - 2;
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		free(out);
		return NULL;
	}
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1 || left != 0) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

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
