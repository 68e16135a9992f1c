/*
 * The tests' names for the SES Evolution migration's table: its steps by
 * position (migration-ses.h) and short names for its steps and items.
 */
#ifndef SES_TEST_SES_H
#define SES_TEST_SES_H

#include <stdlib.h>

#include "finding.h"
#include "migration-ses.h"

#define SES		(&migration_ses)
#define guide_steps	(migration_ses.steps)
#define guide_items	(migration_ses.items)
#define guide_nitems	(migration_ses.nitems)
#define guide_step_find(id)	migration_step_find(SES, (id))
#define guide_item_find(id)	migration_item_find(SES, (id))
#define guide_item_applies(i, m)	migration_item_applies(SES, (i), (m))

/* A finding's message, rendered in the current language; kept until the next call. */
static inline const char *
message_of(const struct finding *x)
{
	static char *last;

	free(last);
	last = finding_message(x);
	return last;
}

#endif
