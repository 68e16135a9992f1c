/* Findings in words: the message, and the fix as each front end says it. */
#ifndef SES_FINDING_H
#define SES_FINDING_H

#include "gates.h"

enum front {
	FRONT_CLI,		/* the command to run */
	FRONT_WIZARD,		/* the key to press, the screen to open */
	FRONT_REPORT		/* a sentence for whoever reads the report */
};

/* The message in the current language; the caller frees it. */
char *finding_message(const struct finding *f);
/* What to do about it, for that front end; the caller frees it. */
char *finding_hint(const struct finding *f, enum front front);
/* The subjects joined, "a, b and 3 others"; the caller frees it. */
char *finding_subjects(const struct finding *f);
/* The stable name of a kind of fix, for JSON. */
const char *finding_fix_id(enum fix fix);

#endif
