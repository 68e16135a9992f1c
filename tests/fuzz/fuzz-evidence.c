/*
 * Fuzz target: the evidence reader.  No crash; a refusal names the file;
 * what it accepts is fit to be stored: a host name, a real time, versions
 * of the runtime series, a failure list of clean text.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "evidence.h"
#include "migration.h"
#include "validate.h"
#include "version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct migration *mig = migration_default();
	struct evidence_doc d;
	char *err = NULL;

	if (evidence_read("fuzz.json", (const char *)data, size, mig, &d, &err) < 0) {
		if (err == NULL || strncmp(err, "fuzz.json", 9) != 0)
			abort();	/* every refusal names the file */
		free(err);
		return 0;
	}
	if (!valid_host_or_ip(d.host) || !time_valid(d.collected_at) ||
	    strlen(d.sha256) != 64 || strcmp(d.file, "fuzz.json") != 0)
		abort();
	if ((d.version != NULL && !version_valid(d.version)) ||
	    (d.aspnetcore != NULL && !version_same_series(d.aspnetcore, mig->runtime_series)) ||
	    (d.desktop != NULL && !version_same_series(d.desktop, mig->runtime_series)))
		abort();
	if (d.failed != NULL && !valid_text(d.failed))
		abort();
	evidence_doc_free(&d);
	return 0;
}
