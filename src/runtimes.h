/*
 * What `dotnet --list-runtimes` prints on a Windows host, turned into the
 * two versions an agent handler needs: one line per runtime, such as
 *   Microsoft.AspNetCore.App MAJOR.MINOR.PATCH [C:\Program Files\dotnet\shared\...]
 * Pasting that output is surer than typing versions.
 */
#ifndef SES_RUNTIMES_H
#define SES_RUNTIMES_H

#include <stddef.h>

struct runtimes_found {
	char	*aspnetcore;	/* the highest Microsoft.AspNetCore.App of the series, or NULL */
	char	*desktop;	/* the highest Microsoft.WindowsDesktop.App of the series, or NULL */
	size_t	 ignored;	/* runtime lines of another series or kind */
};

/* Reads text (UTF-8, or UTF-16 with its BOM, as PowerShell writes); 0, or -1 and *err (N_()) if it is no text. */
int runtimes_parse(const char *data, size_t len, const char *series,
    struct runtimes_found *out, const char **err);
/* Keeps a copy of v in *best when it is a version of series higher than *best; whether it is of the series. */
int runtimes_keep_highest(char **best, const char *v, const char *series);
/* Frees what runtimes_parse found. */
void runtimes_free(struct runtimes_found *r);

#endif
