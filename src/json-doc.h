/*
 * The JSON documents of the commands (DESIGN §7): stable ids and codes for
 * scripts, with the rendered texts beside them.
 */
#ifndef SES_JSON_DOC_H
#define SES_JSON_DOC_H

#include <time.h>

#include "buf.h"
#include "finding.h"
#include "gates.h"
#include "model.h"
#include "probe.h"

/* status --json: progress, each step with its status and whether it no longer holds. */
void json_status(const struct model *m, time_t now, struct buf *out);
/* check --json: the step, whether it can advance, every finding. */
void json_check(const struct model *m, size_t step, const struct findings *f,
    struct buf *out);
/* check --json once the migration is complete. */
void json_check_complete(struct buf *out);
/* agents show --json: the last inventory imported. */
void json_inventory(const struct model *m, struct buf *out);
struct json;
/* A finding as an object: its gate (the code), severity, message and hint for front, subjects, item, step, fix. */
void json_finding(struct json *j, const struct model *m, const struct finding *x,
    enum front front);
/* probe --json: every endpoint and its result. */
void json_probe(const struct endpoint *v, size_t n, struct buf *out);

#endif
