/*
 * Value checks.  Host names end up in firewall scripts and on the screen,
 * free text ends up in reports: what passes here must be harmless in all of
 * them, so control characters (terminal escapes included) never pass.
 */
#include <config.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#include "validate.h"

/* RFC 1123: dot-separated labels of letters, digits and inner hyphens. */
int
valid_hostname(const char *s)
{
	size_t len = strlen(s), label = 0;

	if (len == 0 || len > HOSTNAME_MAX)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (label == 0 || s[i - 1] == '-')
				return 0;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return 0;
		if (c == '-' && label == 0)
			return 0;
		if (++label > 63)
			return 0;
	}
	return label > 0 && s[len - 1] != '-';
}

int
valid_ip_literal(const char *s)
{
	unsigned char addr[16];

	return inet_pton(AF_INET, s, addr) == 1 ||
	    inet_pton(AF_INET6, s, addr) == 1;
}

int
valid_host_or_ip(const char *s)
{
	return valid_ip_literal(s) || valid_hostname(s);
}

/* Well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
int
valid_utf8(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp, min;

		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xe0) == 0xc0) {
			n = 1; cp = c & 0x1f; min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			n = 2; cp = c & 0x0f; min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else
			return 0;
		if (i + n >= len)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/*
 * Free text (notes, reasons): UTF-8, one line, no control character, C1
 * controls included, and not too long to read back.
 */
int
valid_text(const char *s)
{
	size_t len = strlen(s);
	const unsigned char *p = (const unsigned char *)s;

	if (len > TEXT_MAX || !valid_utf8(s, len))
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return 0;
		/* U+0080..U+009F are C2 80..C2 9F in UTF-8. */
		if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return 0;
	}
	return 1;
}

/* Apply ok() to each comma-separated element of s; empty elements fail. */
static int
each(const char *s, int (*ok)(const char *))
{
	char *copy, *p, *save = NULL;
	int good = 1;

	if (*s == '\0' || s[strlen(s) - 1] == ',' || strlen(s) > TEXT_MAX)
		return 0;
	copy = xstrdup(s);
	for (p = strtok_r(copy, ",", &save); p != NULL && good;
	    p = strtok_r(NULL, ",", &save))
		good = ok(p);
	free(copy);
	return good && strstr(s, ",,") == NULL && *s != ',';
}

/* "tcp/1433" or "udp/514": a protocol and a port from 1 to 65535. */
static int
valid_port(const char *s)
{
	const char *n;
	char *end;
	long v;

	if (strncmp(s, "tcp/", 4) != 0 && strncmp(s, "udp/", 4) != 0)
		return 0;
	n = s + 4;
	if (*n < '1' || *n > '9' || strlen(n) > 5)
		return 0;
	v = strtol(n, &end, 10);
	return *end == '\0' && v >= 1 && v <= 65535;
}

int
valid_port_list(const char *s)
{
	return each(s, valid_port);
}

/* An IP address, or a network as ADDRESS/PREFIX. */
static int
valid_network(const char *s)
{
	const char *slash = strchr(s, '/');
	char *addr;
	int ok, v6;
	long bits;
	char *end;

	if (slash == NULL)
		return valid_ip_literal(s);
	addr = xstrndup(s, (size_t)(slash - s));
	ok = valid_ip_literal(addr);
	v6 = strchr(addr, ':') != NULL;
	free(addr);
	if (!ok || slash[1] < '0' || slash[1] > '9' || strlen(slash + 1) > 3)
		return 0;
	bits = strtol(slash + 1, &end, 10);
	return *end == '\0' && bits >= 0 && bits <= (v6 ? 128 : 32);
}

int
valid_network_list(const char *s)
{
	return each(s, valid_network);
}
