/* Checks on values that come from operators or files. */
#ifndef SES_VALIDATE_H
#define SES_VALIDATE_H

#include <stddef.h>

#define HOSTNAME_MAX	253

/* Whether s is an RFC 1123 host name: labels of letters, digits and inner hyphens. */
int valid_hostname(const char *s);
/* Whether s is an IPv4 or IPv6 address. */
int valid_ip_literal(const char *s);
/* Whether s is a host name or an IP address. */
int valid_host_or_ip(const char *s);
/* Whether the len bytes of s are well-formed UTF-8 (no overlong forms, no surrogates). */
int valid_utf8(const char *s, size_t len);
/* Whether s is harmless text: UTF-8 without control characters, so one line. */
int valid_text(const char *s);
/* The length of the UTF-8 character at s (its code point to *cp), or 0 if invalid. */
size_t utf8_next(const char *s, size_t len, unsigned *cp);
/* Whether byte c is printable ASCII: a space to '~', neither control nor hidden. */
static inline int
byte_printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}
/* Whether cp is a C0 or C1 control character, or DEL. */
int char_is_control(unsigned cp);
/* Whether cp shows nothing or turns text around (zero-width, bidi controls, BOM). */
int char_is_hidden(unsigned cp);
/* The first control character of s, or 0 if none. */
unsigned text_first_control(const char *s);
/* The first invisible or direction-changing character of s, or 0 if none. */
unsigned text_first_hidden(const char *s);
/* Whether s is a comma-separated list of tcp/N and udp/N, N from 1 to 65535. */
int valid_port_list(const char *s);
/* Whether s is a comma-separated list of addresses and ADDRESS/PREFIX networks. */
int valid_network_list(const char *s);

#endif
