/*
 * What is kept of a host's collected firewall rules and connection tests,
 * in two short texts of its [host.N] section, and the questions the gates
 * ask of them.  evidence.c writes them from a collector's file:
 *
 *   evidence-rules = in/tcp/80,3000-3010 -in/tcp/135 out/udp/53
 *     the enabled rules, one word each: direction, protocol (tcp, udp or
 *     any), local ports (N, N-M or any); a leading "-" for a Block rule.
 *   evidence-tests = 80@srv=open 81@srv=refused
 *     each connection test: the port, the host tested, what it did.
 */
#ifndef SES_HOST_RULES_H
#define SES_HOST_RULES_H

#include "buf.h"
#include "migration.h"

/* Appends one rule's word to b (space-separated, no duplicate); ports is "80,3000-3010" or "any". */
void host_rules_add(struct buf *b, int inbound, int block, const char *proto,
    const char *ports);
enum rule_verdict {
	RULE_NONE,		/* no enabled rule on the port */
	RULE_ALLOWED,		/* an enabled Allow rule, and no Block rule */
	RULE_BLOCKED		/* an enabled Block rule: it wins over any Allow rule */
};

/* What the enabled rules do to (proto, port) inbound (or outbound). */
enum rule_verdict host_rules_verdict(const char *rules, int inbound,
    enum proto proto, unsigned port);
/* The test of host:port in tests: 1 it connected, 0 it did not, -1 it was not tested. */
int host_tests_result(const char *tests, const char *host, unsigned port);

#endif
