/*
 * A host's collected rules and tests as the state keeps them: which flow
 * an enabled rule lets in, a Block rule winning as Windows Defender
 * Firewall makes it win, ranges and "any", and words that are damaged
 * answering nothing rather than "open".
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "host-rules.h"

static void
test_ports_and_ranges(void **state)
{
	const char *r = "in/tcp/443,17000 in/udp/514 in/tcp/1000-2000 out/tcp/8443";

	(void)state;
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 443), RULE_ALLOWED);
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 17000), RULE_ALLOWED);
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 1000), RULE_ALLOWED);
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 2000), RULE_ALLOWED);
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 2001), RULE_NONE);
	/* 514 is allowed for UDP only; 8443 outbound, not inbound. */
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 514), RULE_NONE);
	assert_int_equal(host_rules_verdict(r, 1, PROTO_UDP, 514), RULE_ALLOWED);
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 8443), RULE_NONE);
	assert_int_equal(host_rules_verdict(r, 0, PROTO_TCP, 8443), RULE_ALLOWED);
	/* 4430 is not 443: ports are numbers, not prefixes. */
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 4430), RULE_NONE);
	assert_int_equal(host_rules_verdict(r, 1, PROTO_TCP, 44), RULE_NONE);
	assert_int_equal(host_rules_verdict(NULL, 1, PROTO_TCP, 443), RULE_NONE);
}

static void
test_block_wins(void **state)
{
	(void)state;
	/* Whichever order: a Block rule stops what an Allow rule lets in. */
	assert_int_equal(host_rules_verdict("in/tcp/17000 -in/tcp/17000", 1, PROTO_TCP, 17000), RULE_BLOCKED);
	assert_int_equal(host_rules_verdict("-in/any/any in/tcp/443", 1, PROTO_TCP, 443), RULE_BLOCKED);
	assert_int_equal(host_rules_verdict("-out/tcp/443 in/tcp/443", 1, PROTO_TCP, 443), RULE_ALLOWED);
	assert_int_equal(host_rules_verdict("in/any/any", 1, PROTO_UDP, 53), RULE_ALLOWED);
}

static void
test_damaged_words_say_nothing(void **state)
{
	static const char *const bad[] = { "in/tcp/", "in/tcp", "in//443", "in/icmp/443",
	    "in/tcp/x443", "inbound/tcp/443", "in/tcp/-443", "in/tcp/443-", "/tcp/443", "" };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(host_rules_verdict(bad[i], 1, PROTO_TCP, 443), RULE_NONE);
}

static void
test_words_added_once(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b);
	host_rules_add(&b, 1, 0, "tcp", "443");
	host_rules_add(&b, 1, 0, "tcp", "443");
	host_rules_add(&b, 1, 1, "tcp", "443");
	host_rules_add(&b, 0, 0, "any", "any");
	assert_string_equal(b.data, "in/tcp/443 -in/tcp/443 out/any/any");
	buf_free(&b);
}

static void
test_tests(void **state)
{
	const char *t = "443@srv=open 8443@srv=refused 443@SRV2=refused 443@srv2=open 80@::1=open";

	(void)state;
	assert_int_equal(host_tests_result(t, "srv", 443), 1);
	assert_int_equal(host_tests_result(t, "srv", 8443), 0);
	/* Host names have no case; the last test of an endpoint counts. */
	assert_int_equal(host_tests_result(t, "srv2", 443), 1);
	assert_int_equal(host_tests_result(t, "::1", 80), 1);
	assert_int_equal(host_tests_result(t, "srv", 17000), -1);
	assert_int_equal(host_tests_result(t, "sr", 443), -1);
	assert_int_equal(host_tests_result("443@srv=maybe", "srv", 443), -1);
	assert_int_equal(host_tests_result(NULL, "srv", 443), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ports_and_ranges),
		cmocka_unit_test(test_block_wins),
		cmocka_unit_test(test_damaged_words_say_nothing),
		cmocka_unit_test(test_words_added_once),
		cmocka_unit_test(test_tests),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
