/*
 * The procedure as data: the eight steps of the 2.6.x to 2.7.1 migration
 * and their items, in the order of the vendor's guide.
 */
#ifndef SES_GUIDE_H
#define SES_GUIDE_H

#include <stddef.h>

struct model;

enum step_id {
	STEP_PREREQUISITES,
	STEP_FIREWALL_DUAL,
	STEP_BACKOFFICE,
	STEP_DEPLOY,
	STEP_LOGS,
	STEP_POLICY,
	STEP_AGENTS,
	STEP_CLOSE_17000,
	STEP_COUNT
};

enum item_kind {
	ITEM_TICK,		/* the operator confirms it */
	ITEM_COMPUTED,		/* derived from the environment */
	ITEM_EVIDENCE		/* optional proof, such as a probe */
};

struct guide_item {
	const char	*id;		/* "STEP.ITEM", stable */
	enum step_id	 step;
	enum item_kind	 kind;
	const char	*label;		/* N_(), one line */
	const char	*help;		/* N_(), what to do, in our words */
	/* NULL or a test of whether the item applies to this environment. */
	int		(*applies)(const struct model *);
};

struct guide_step {
	const char	*id;		/* stable, used in files and on the CLI */
	const char	*title;		/* N_() */
	const char	*summary;	/* N_(), the explanation shown beside it */
	int		 deferrable;	/* may be put off with a reason */
	size_t		 first_item;	/* index into guide_items */
	size_t		 nitems;
};

extern const struct guide_step guide_steps[STEP_COUNT];
extern const struct guide_item guide_items[];
extern const size_t guide_nitems;

int guide_step_find(const char *id);
int guide_item_find(const char *id);
int guide_item_applies(size_t item, const struct model *m);

#endif
