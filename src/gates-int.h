/*
 * What the gates' files share: building findings.  Only gates*.c include
 * it; everything else reads findings through gates.h and finding.h.
 */
#ifndef SES_GATES_INT_H
#define SES_GATES_INT_H

#include "gates.h"

/* A list of names collected while a gate looks at the hosts. */
struct names {
	char	**v;
	size_t	  n;
};

void names_add(struct names *s, const char *name);
void names_free(struct names *s);

/* A new finding of the item being judged; its code is the step id, a dot and suffix (NULL: the item id). */
struct finding *gate_finding(const struct gate_ctx *g, const char *suffix,
    enum severity sev, const char *one, const char *many, unsigned long count);
/* The next argument of the message: a text, or NULL for the subjects. */
void finding_arg(struct finding *f, const char *text);
/* An argument that is an N_() text, translated when shown. */
void finding_arg_text(struct finding *f, const char *text);
void finding_arg_number(struct finding *f, unsigned long n);
/* What to do in the world: an N_() text and up to two arguments. */
void finding_remedy(struct finding *f, const char *text, const char *a0,
    const char *a1);
void finding_fix(struct finding *f, enum fix how, const char *a);
/* The names become the finding's subjects; s is left empty. */
void finding_take_subjects(struct finding *f, struct names *s);

/* A note naming the evidence files and times the hosts' values come from (none: no note). */
void gate_evidence_note(const struct gate_ctx *g, unsigned roles);

#endif
