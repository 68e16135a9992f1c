/* Finding the known migrations, and their steps and items by id. */
#include <config.h>

#include <string.h>

#include "migration.h"

const struct migration *
migration_default(void)
{
	return migration_registry[0];
}

const struct migration *
migration_find(const char *id)
{
	for (const struct migration *const *m = migration_registry; *m != NULL; m++)
		if (strcmp((*m)->id, id) == 0)
			return *m;
	return NULL;
}

int
migration_step_find(const struct migration *mig, const char *id)
{
	for (size_t i = 0; i < mig->nsteps; i++)
		if (strcmp(mig->steps[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
migration_item_find(const struct migration *mig, const char *id)
{
	for (size_t i = 0; i < mig->nitems; i++)
		if (strcmp(mig->items[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
migration_item_applies(const struct migration *mig, size_t item,
    const struct model *m)
{
	return mig->items[item].applies == NULL || mig->items[item].applies(m);
}

int
migration_step_evidence(const struct migration *mig, size_t step)
{
	const struct step_def *s = &mig->steps[step];

	for (size_t i = s->first_item; i < s->first_item + s->nitems; i++)
		if (mig->items[i].kind == ITEM_EVIDENCE)
			return (int)i;
	return -1;
}
