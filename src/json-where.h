/*
 * Where a member is in a JSON text.  jansson keeps no position for the
 * values it parses, and an error about a value out of place must still
 * name its line: this walks the text again, down a path such as
 * connection_tests[2].port, for the line its value starts on.
 */
#ifndef SES_JSON_WHERE_H
#define SES_JSON_WHERE_H

#include <stddef.h>

/*
 * The line (from 1) of the value at path in text, which jansson has read
 * as well formed: members by name, elements by [index].  Where the path
 * leads nowhere (a member missing), the line of the last value it reached,
 * the object that lacks the member.
 */
int json_where_line(const char *text, size_t len, const char *path);

#endif
