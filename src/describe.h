/* Codes rendered as words in the current language. */
#ifndef SES_DESCRIBE_H
#define SES_DESCRIBE_H

#include "gates.h"
#include "model.h"

/* The status as a word in the current language; not to be freed. */
const char *describe_status(enum step_status st);
/* The status's stable id ("pending", "done"...), for files and JSON. */
const char *describe_status_id(enum step_status st);
/* "[x]", "[ ]" or "[-]" (not applicable) before an item; f: its step's findings. */
const char *describe_mark(const struct model *m, size_t item,
    const struct findings *f);
/* A history line in the current language, minus time and author; the caller frees it. */
char *describe_event(const struct event *e);

#endif
