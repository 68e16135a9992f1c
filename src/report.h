/* Progress, as text for a screen or for paper. */
#ifndef SES_REPORT_H
#define SES_REPORT_H

#include <time.h>

#include "buf.h"
#include "model.h"

#define REPORT_WIDTH 80

void report_status(const struct model *m, time_t now, struct buf *out);
void report_text(const struct model *m, const char *state_path, time_t now,
    struct buf *out);
void report_inventory(const struct model *m, struct buf *out);
void report_environment(const struct model *m, struct buf *out);

#endif
