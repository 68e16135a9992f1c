/* The list of findings a gate evaluation fills: freeing it, counting and finding in it. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "gates.h"

void
findings_init(struct findings *f)
{
	f->v = NULL;
	f->n = 0;
}

void
finding_free(struct finding *x)
{
	free(x->gate);
	for (int a = 0; a < FINDING_ARGS; a++)
		free(x->args[a]);
	free(x->remedy_args[0]);
	free(x->remedy_args[1]);
	free(x->fix_arg);
	for (size_t j = 0; j < x->nsubjects; j++)
		free(x->subjects[j]);
	free(x->subjects);
}

void
findings_free(struct findings *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n; i++)
		finding_free(&f->v[i]);
	free(f->v);
	findings_init(f);
}

void
findings_free_last(struct findings *f)
{
	if (f->n > 0)
		finding_free(&f->v[--f->n]);
}

size_t
findings_errors(const struct findings *f)
{
	size_t n = 0;

	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].severity == SEV_ERROR;
	return n;
}

const struct finding *
findings_find(const struct findings *f, const char *gate)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].gate, gate) == 0)
			return &f->v[i];
	return NULL;
}

int
findings_item_blocked(const struct findings *f, size_t item)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].severity == SEV_ERROR && f->v[i].item == item)
			return 1;
	return 0;
}
