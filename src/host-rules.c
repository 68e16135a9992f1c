/*
 * A host's collected rules and tests, kept as words (host-rules.h says
 * their form).  The state's loader keeps them as text; a word this file
 * cannot read answers nothing, so a damaged value never shows a port as
 * open that the evidence did not.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "host-rules.h"

/* Whether the word w of length n is already in the space-separated list s. */
static int
has_word(const char *s, size_t len, const char *w, size_t n)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *e = memchr(p, ' ', (size_t)(end - p));
		size_t l = e != NULL ? (size_t)(e - p) : (size_t)(end - p);

		if (l == n && memcmp(p, w, n) == 0)
			return 1;
		p += l + 1;
	}
	return 0;
}

void
host_rules_add(struct buf *b, int inbound, int block, const char *proto,
    const char *ports)
{
	struct buf w;

	buf_init(&w);
	buf_printf(&w, "%s%s/%s/%s", block ? "-" : "", inbound ? "in" : "out", proto, ports);
	if (!has_word(b->data != NULL ? b->data : "", b->len, w.data, w.len)) {
		if (b->len > 0)
			buf_putc(b, ' ');
		buf_puts(b, w.data);
	}
	buf_free(&w);
}

/* Whether the port list ("80,3000-3010" or "any") of length n holds port. */
static int
ports_hold(const char *s, size_t n, unsigned port)
{
	const char *p = s, *end = s + n;

	if (n == 3 && memcmp(s, "any", 3) == 0)
		return 1;
	while (p < end) {
		char *q;
		unsigned long lo = strtoul(p, &q, 10), hi = lo;

		if (q == p)
			return 0;
		if (q < end && *q == '-') {
			p = q + 1;
			hi = strtoul(p, &q, 10);
			if (q == p)
				return 0;
		}
		if (port >= lo && port <= hi)
			return 1;
		if (q >= end || *q != ',')
			return 0;
		p = q + 1;
	}
	return 0;
}

/* Whether the word w..end is a rule of this kind on proto and port. */
static int
rule_matches(const char *w, const char *end, int inbound, enum proto proto,
    unsigned port)
{
	const char *dir = inbound ? "in/" : "out/";
	size_t dl = strlen(dir);
	const char *pr, *slash;

	if ((size_t)(end - w) <= dl || memcmp(w, dir, dl) != 0)
		return 0;
	pr = w + dl;
	if ((slash = memchr(pr, '/', (size_t)(end - pr))) == NULL)
		return 0;
	if (!((slash - pr == 3 && memcmp(pr, "any", 3) == 0) ||
	    (slash - pr == 3 && memcmp(pr, proto == PROTO_TCP ? "tcp" : "udp", 3) == 0)))
		return 0;
	return ports_hold(slash + 1, (size_t)(end - slash - 1), port);
}

enum rule_verdict
host_rules_verdict(const char *rules, int inbound, enum proto proto, unsigned port)
{
	enum rule_verdict v = RULE_NONE;

	if (rules == NULL)
		return RULE_NONE;
	for (const char *p = rules; *p != '\0';) {
		const char *end = strchr(p, ' ');
		int block = *p == '-';

		if (end == NULL)
			end = p + strlen(p);
		if (rule_matches(p + block, end, inbound, proto, port)) {
			/* Windows Defender Firewall: a Block rule wins over any Allow rule. */
			if (block)
				return RULE_BLOCKED;
			v = RULE_ALLOWED;
		}
		p = *end != '\0' ? end + 1 : end;
	}
	return v;
}

int
host_tests_result(const char *tests, const char *host, unsigned port)
{
	size_t hl = strlen(host);
	int result = -1;

	if (tests == NULL)
		return -1;
	for (const char *p = tests; *p != '\0';) {
		const char *end = strchr(p, ' '), *at, *eq;
		char *q;
		unsigned long n = strtoul(p, &q, 10);

		if (end == NULL)
			end = p + strlen(p);
		at = q;
		eq = memchr(p, '=', (size_t)(end - p));
		/* The last test of an endpoint is what it did last. */
		if (q != p && at < end && *at == '@' && n == port && eq != NULL &&
		    (size_t)(eq - at - 1) == hl && strncasecmp(at + 1, host, hl) == 0) {
			if ((size_t)(end - eq - 1) == 4 && memcmp(eq + 1, "open", 4) == 0)
				result = 1;
			else if ((size_t)(end - eq - 1) == 7 && memcmp(eq + 1, "refused", 7) == 0)
				result = 0;
		}
		p = *end != '\0' ? end + 1 : end;
	}
	return result;
}
