/*
 * The migrations this program knows, the default first.  The tests link a
 * registry of their own in its place, with a migration that exists only
 * there.
 */
#include <config.h>

#include <stddef.h>

#include "migration.h"

extern const struct migration migration_ses;

const struct migration *const migration_registry[] = {
	&migration_ses,
	NULL,
};
