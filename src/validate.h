/* Checks on values that come from operators or files. */
#ifndef SES_VALIDATE_H
#define SES_VALIDATE_H

#include <stddef.h>

#define HOSTNAME_MAX	253
#define TEXT_MAX	1000	/* notes and reasons, in bytes */

int valid_hostname(const char *s);
int valid_ip_literal(const char *s);
int valid_host_or_ip(const char *s);
int valid_utf8(const char *s, size_t len);
int valid_text(const char *s);
int valid_port_list(const char *s);
int valid_network_list(const char *s);

#endif
