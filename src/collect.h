/* The evidence collector: a read-only PowerShell script for the Windows hosts. */
#ifndef SES_COLLECT_H
#define SES_COLLECT_H

#include "buf.h"
#include "model.h"

/* The collector for host, or every backoffice host when host is NULL; -1 and *err if it cannot be written. */
int collect_script(const struct model *m, const char *host, struct buf *b, char **err);

#endif
