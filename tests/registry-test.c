/* The migrations the test programs know: the real one first, then the tests' own. */
#include <config.h>

#include <stddef.h>

#include "migration.h"

extern const struct migration migration_ses, migration_mini;

const struct migration *const migration_registry[] = {
	&migration_ses,
	&migration_mini,
	NULL,
};
