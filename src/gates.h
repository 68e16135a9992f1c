/*
 * Gates: the preconditions of a step, evaluated against the model.  A step
 * may be completed only when none of its findings is an error.
 */
#ifndef SES_GATES_H
#define SES_GATES_H

#include <stddef.h>
#include <time.h>

struct model;

enum severity {
	SEV_ERROR,		/* blocks the step */
	SEV_WARNING		/* shown, does not block */
};

struct finding {
	const char	*gate;		/* stable id, such as "backoffice.not-updated" */
	const char	*item;		/* the guide item it belongs to */
	enum severity	 severity;
	char		*message;	/* in the current language */
	char		*hint;		/* one line: how to fix it */
	char		**subjects;	/* hosts or agents at fault */
	size_t		 nsubjects;
};

struct findings {
	struct finding	*v;
	size_t		 n;
};

void findings_init(struct findings *f);
void findings_free(struct findings *f);
size_t findings_errors(const struct findings *f);
int findings_item_blocked(const struct findings *f, const char *item);
const struct finding *findings_find(const struct findings *f,
    const char *gate);

void gates_eval(const struct model *m, int step, time_t now,
    struct findings *out);
int gates_flagged(const struct model *m, int step, time_t now,
    struct findings *out);

#endif
