/*
 * Value checks.  Host names end up in firewall scripts and on the screen,
 * free text ends up in reports: what passes here must be harmless in all of
 * them, so control characters (terminal escapes included) never pass.
 */
#include <config.h>

#include <arpa/inet.h>
#include <stdlib.h>
#include <stdint.h>
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
		uint64_t w;

		/* Most text is ASCII: eight bytes at a time while it is. */
		if (i + 8 <= len && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
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
 * The code point of the UTF-8 sequence at s (len bytes left) and its
 * length, or 0 when the bytes there are not valid UTF-8.
 */
size_t
utf8_next(const char *str, size_t len, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;
	unsigned c, min;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2; c = s[0] & 0x1f; min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3; c = s[0] & 0x0f; min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4; c = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	if (n > len)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* C0 and C1 control characters, and DEL: terminal escapes start with them. */
int
char_is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/*
 * Characters that show nothing or turn the text around: zero-width
 * spaces and joiners, direction marks, embeddings, overrides and isolates,
 * the byte order mark.  In a name they would make two names look alike.
 */
int
char_is_hidden(unsigned cp)
{
	return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff || cp == 0x061c ||
	    cp == 0x00ad;
}

static unsigned
first_such(const char *s, int (*is)(unsigned))
{
	size_t len = strlen(s);

	while (len > 0) {
		unsigned cp;
		size_t n;

		/* Printable ASCII is neither control nor hidden: the common case. */
		if (byte_printable((unsigned char)*s)) {
			s++;
			len--;
			continue;
		}
		n = utf8_next(s, len, &cp);

		if (n == 0) {
			n = 1;
			cp = 0xfffd;
		}
		if (is(cp))
			return cp;
		s += n;
		len -= n;
	}
	return 0;
}

/* The first control character of a UTF-8 string, or 0. */
unsigned
text_first_control(const char *s)
{
	return first_such(s, char_is_control);
}

/* The first invisible or direction-changing character, or 0. */
unsigned
text_first_hidden(const char *s)
{
	return first_such(s, char_is_hidden);
}

/* Text that is harmless on a terminal: UTF-8, one line, no control character. */
int
valid_text(const char *s)
{
	return valid_utf8(s, strlen(s)) && text_first_control(s) == 0;
}

/* Apply ok() to each comma-separated element of s; empty elements fail. */
static int
each(const char *s, int (*ok)(const char *))
{
	char *copy, *p, *save = NULL;
	int good = 1;

	if (*s == '\0' || s[strlen(s) - 1] == ',')
		return 0;
	copy = xstrdup(s);
	for (p = strtok_r(copy, ",", &save); p != NULL && good;
	    p = strtok_r(NULL, ",", &save))
		good = ok(p);
	free(copy);
	return good && strstr(s, ",,") == NULL && *s != ',';
}

/* "tcp/25" or "udp/53": a protocol and a port from 1 to 65535. */
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
