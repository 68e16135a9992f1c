/* Checks on values that come from operators or files. */
#ifndef SES_VALIDATE_H
#define SES_VALIDATE_H

#include <stddef.h>

#define HOSTNAME_MAX	253

int valid_hostname(const char *s);
int valid_ip_literal(const char *s);
int valid_host_or_ip(const char *s);
int valid_utf8(const char *s, size_t len);
int valid_text(const char *s);
size_t utf8_next(const char *s, size_t len, unsigned *cp);
int char_is_control(unsigned cp);
int char_is_hidden(unsigned cp);
unsigned text_first_control(const char *s);
unsigned text_first_hidden(const char *s);
int valid_port_list(const char *s);
int valid_network_list(const char *s);

#endif
