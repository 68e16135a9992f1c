/* Writing JSON strings. */
#ifndef SES_JSON_H
#define SES_JSON_H

#include "buf.h"

void json_str(struct buf *b, const char *s);

#endif
