/*
 * Probes on loopback: a port that accepts, one that refuses, and what each
 * means for the endpoint's expectation; the outcome kept as evidence.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "actions.h"
#include "gates.h"
#include "loopback.h"
#include "probe.h"
#include "xalloc.h"
#include "ses.h"

/* A listening socket on 127.0.0.1; its port goes to *port. */
static int
listener(unsigned *port)
{
	int fd = loopback_bound(port);

	assert_true(fd >= 0);
	assert_int_equal(listen(fd, 16), 0);
	return fd;
}

/* A port on 127.0.0.1 that nothing listens on. */
static unsigned
closed_port(void)
{
	unsigned port;
	int fd = listener(&port);

	close(fd);
	return port;
}

static struct endpoint
endpoint(unsigned port, int expect_open, int listening)
{
	struct endpoint e;

	memset(&e, 0, sizeof(e));
	e.host = xstrdup("lo");
	e.address = xstrdup("127.0.0.1");
	e.port = port;
	e.expect_open = expect_open;
	e.listening = listening;
	return e;
}

static void
test_open_and_refused(void **state)
{
	unsigned open_port, shut = closed_port();
	int fd = listener(&open_port);
	struct endpoint *v = xcalloc(5, sizeof(*v));

	v[0] = endpoint(open_port, 1, 1);
	v[1] = endpoint(shut, 1, 1);
	/* A 2.7.1 port before the update: refused means the firewall let it in. */
	v[2] = endpoint(shut, 1, 0);
	/* TCP 17000 at the end: it must no longer accept. */
	v[3] = endpoint(shut, 0, 0);
	v[4] = endpoint(open_port, 0, 0);
	probe_run(v, 5, 2000);
	assert_int_equal(v[0].result, PROBE_OPEN);
	assert_true(v[0].ok);
	assert_int_equal(v[1].result, PROBE_REFUSED);
	assert_false(v[1].ok);
	assert_int_equal(v[2].result, PROBE_REFUSED);
	assert_true(v[2].ok);
	assert_true(v[3].ok);
	assert_int_equal(v[4].result, PROBE_OPEN);
	assert_false(v[4].ok);
	assert_true(v[0].ms < 2000);
	close(fd);
	probe_free(v, 5);
}

static void
test_unresolvable(void **state)
{
	struct endpoint *v = xcalloc(1, sizeof(*v));

	v[0] = endpoint(443, 1, 1);
	free(v[0].address);
	/* Not a name to look up: no query leaves this machine. */
	v[0].address = xstrdup("not an address");
	probe_run(v, 1, 500);
	assert_int_equal(v[0].result, PROBE_UNREACHABLE);
	assert_false(v[0].ok);
	probe_free(v, 1);
}

/* What the console probes at firewall-dual and at close-17000. */
static void
test_endpoints(void **state)
{
	struct actor a = { "t", 1782813900 };
	struct host_change srv = { .roles = "backend,agent-handler", .address = "127.0.0.1" };
	struct host_change con = { .roles = "console", .address = "127.0.0.2" };
	struct endpoint *v;
	struct model m;
	char *err = NULL;
	size_t n;

	model_init(&m);
	assert_int_equal(act_host_add(&m, &a, "srv", &srv, &err), ACT_OK);
	assert_int_equal(act_host_add(&m, &a, "con", &con, &err), ACT_OK);
	probe_endpoints(&m, STEP_FIREWALL_DUAL, &v, &n);
	assert_int_equal(n, 3);
	/* Kept first, then added: the plan's order by moment. */
	assert_int_equal(v[0].port, 443);
	assert_true(v[0].listening);
	assert_int_equal(v[1].port, 17000);
	assert_true(v[1].expect_open);
	assert_int_equal(v[2].port, 8443);
	assert_false(v[2].listening);
	probe_free(v, n);
	probe_endpoints(&m, STEP_CLOSE_17000, &v, &n);
	assert_int_equal(n, 3);
	/* The consoles' 8443 and the agents' 443 in place by now, then 17000 expected shut. */
	assert_int_equal(v[0].port, 8443);
	assert_int_equal(v[1].port, 443);
	assert_int_equal(v[2].port, 17000);
	assert_false(v[2].expect_open);
	probe_free(v, n);
	model_free(&m);
}

/* A failed probe blocks its step; a passing one replaces it and its waiver. */
static void
test_record(void **state)
{
	struct actor a = { "t", 1782813900 };
	struct endpoint v[2];
	struct findings f;
	struct model m;
	char *err = NULL;
	int item = guide_item_find("firewall-dual.probe");

	model_init(&m);
	v[0] = endpoint(443, 1, 1);
	v[0].result = PROBE_TIMEOUT;
	v[0].ok = 0;
	v[1] = endpoint(8443, 1, 0);
	v[1].ok = 1;
	assert_int_equal(probe_record(&m, STEP_PREREQUISITES, v, 2, &a), -1);
	assert_int_equal(probe_record(&m, STEP_FIREWALL_DUAL, v, 2, &a), 0);
	assert_int_equal(m.evidence[item].verdict, VERDICT_FAIL);
	assert_string_equal(m.evidence[item].failed, "lo:443 timeout");
	findings_init(&f);
	gates_eval(&m, STEP_FIREWALL_DUAL, a.when, &f);
	assert_true(findings_item_blocked(&f, (size_t)guide_item_find("firewall-dual.probe")));
	findings_free(&f);
	assert_int_equal(act_waive(&m, &a, "firewall-dual.probe", "VLAN", &err), ACT_OK);
	v[0].ok = 1;
	assert_int_equal(probe_record(&m, STEP_FIREWALL_DUAL, v, 2, &a), 0);
	assert_int_equal(m.evidence[item].verdict, VERDICT_PASS);
	assert_null(m.evidence[item].waiver);
	assert_string_equal(m.events[m.nevents - 1].code, "probe");
	free(v[0].host);
	free(v[0].address);
	free(v[1].host);
	free(v[1].address);
	model_free(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_and_refused),
		cmocka_unit_test(test_unresolvable),
		cmocka_unit_test(test_endpoints),
		cmocka_unit_test(test_record),
	};

	return cmocka_run_group_tests_name("probe", tests, NULL, NULL);
}
