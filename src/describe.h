/* Codes rendered as words in the current language. */
#ifndef SES_DESCRIBE_H
#define SES_DESCRIBE_H

#include "gates.h"
#include "model.h"

const char *describe_status(enum step_status st);
const char *describe_status_id(enum step_status st);
const char *describe_mark(const struct model *m, size_t item,
    const struct findings *f);
char *describe_event(const struct event *e);

#endif
