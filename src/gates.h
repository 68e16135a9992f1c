/*
 * Gates: the preconditions of a step, evaluated against the model.  A step
 * may be completed only when none of its findings is an error.
 *
 * A finding is a code and its arguments, not a sentence: the front ends
 * render it (finding.c), the command line with the command to run, the
 * wizard with the key to press, the report with a sentence, each in the
 * reader's language.
 */
#ifndef SES_GATES_H
#define SES_GATES_H

#include <stddef.h>
#include <time.h>

#include "migration.h"

struct model;

enum severity {
	SEV_ERROR,		/* blocks the step */
	SEV_WARNING		/* shown, does not block */
};

/* What to do about a finding, beyond what its text says to do in the world. */
enum fix {
	FIX_NONE,
	FIX_CONFIRM,		/* confirm the item */
	FIX_DECLARE,		/* declare a host with the roles of the first argument */
	FIX_VERSION,		/* record hosts' versions: the argument, if any */
	FIX_ASPNETCORE,		/* record an agent handler's ASP.NET Core Runtime */
	FIX_DESKTOP,		/* and its .NET Desktop Runtime */
	FIX_IMPORT,		/* import an agent list */
	FIX_EXCLUDE,		/* an agent that will never update can be excluded */
	FIX_WAIVE,		/* a failed probe can be waived */
	FIX_COLLECT,		/* collect the evidence of the host of the argument again */
	FIX_REOPEN		/* an earlier step that no longer holds can be reopened */
};

#define FINDING_ARGS 4

/*
 * The arguments are text; a NULL slot stands for the subjects joined
 * ("a, b and 3 others", in the reader's language), and an argument marked
 * in translate is an N_() text, translated when rendered.
 */
struct finding {
	char		*gate;		/* stable code: "STEP.CODE", or the item id */
	size_t		 item;		/* the item it blocks */
	enum severity	 severity;
	const char	*one;		/* N_(): the message; NP_() with many */
	const char	*many;
	unsigned long	 count;		/* chooses between one and many */
	char		*args[FINDING_ARGS];
	int		 nargs;
	unsigned	 translate;	/* bit per argument */
	const char	*remedy;		/* N_() or NULL: what to do, in the world */
	char		*remedy_args[2];
	enum fix	 fix;
	char		*fix_arg;	/* the item, the roles, the version... */
	char		**subjects;	/* hosts or agents at fault */
	size_t		 nsubjects;
	int		 elsewhere;	/* its item is on an earlier step than the one judged */
};

struct findings {
	struct finding	*v;
	size_t		 n;
};

/* What a computed gate looks at. */
struct gate_ctx {
	const struct model	*m;
	size_t			 item;		/* the item being judged */
	size_t			 step;
	time_t			 now;		/* the time the step is judged at */
	struct findings		*out;
};

/* An empty list, ready to be filled. */
void findings_init(struct findings *f);
/* Free every finding and leave the list empty (f may be NULL). */
void findings_free(struct findings *f);
/* Free what one finding holds (its slot in a list stays). */
void finding_free(struct finding *x);
/* Drop the last finding. */
void findings_free_last(struct findings *f);
/* How many of the findings block. */
size_t findings_errors(const struct findings *f);
/* Whether some error finding belongs to this item. */
int findings_item_blocked(const struct findings *f, size_t item);
/* The first finding with this code, or NULL. */
const struct finding *findings_find(const struct findings *f,
    const char *gate);

/* Every finding of a step, in the order of its items. */
void gates_eval(const struct model *m, size_t step, time_t now,
    struct findings *out);
/* Whether a done step no longer holds; its findings go to out. */
int gates_flagged(const struct model *m, size_t step, time_t now,
    struct findings *out);
/*
 * Whether findings (a later step's, from gates_eval) say that the done
 * step no longer holds, and list what it lists.
 */
int gates_list_flagged(const struct model *m, const struct findings *f, size_t step);

/*
 * The computed gates a migration's items name.  Each reads its item's
 * roles, code and fresh fields.
 */
/* Every role declared, each host in the series the migration starts from. */
gate_fn gate_components;
/* Agent handlers have both runtimes, in the migration's series, recent enough. */
gate_fn gate_runtimes;
/* The hosts of the roles run the target version. */
gate_fn gate_updated;
/* An inventory taken after the update step shows every agent at the target. */
gate_fn gate_inventory;
/* The hosts of the roles at the target, and a fresh inventory that shows it. */
gate_fn gate_final;
/* A tick the hosts' collected firewall rules and tests prove where they cover them. */
gate_fn gate_firewall;

#endif
