/*
 * Fuzz target: the host name and address validator.  What it accepts as a
 * name holds only letters, digits, hyphens and dots (nothing a script or a
 * terminal could read as syntax), in labels of at most 63.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	size_t label = 0, len;

	memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);	/* as C callers see it: up to the first NUL */
	if (valid_hostname(s)) {
		if (len == 0 || len > 253)
			abort();
		for (size_t i = 0; i < len; i++) {
			char c = s[i];

			if (c == '.') {
				if (label == 0)
					abort();
				label = 0;
			} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9') || c == '-') {
				if (++label > 63)
					abort();
			} else
				abort();
		}
	}
	if (valid_ip_literal(s) && strpbrk(s, " ;'\"$`\\\n\r\t") != NULL)
		abort();
	if (valid_network_list(s) && strpbrk(s, " ;'\"$`\\\n\r\t") != NULL)
		abort();
	free(s);
	return 0;
}
