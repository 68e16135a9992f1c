/*
 * Benchmark of issue 5's target: 1000 endpoints on loopback, half of them
 * accepting and half refusing, are probed in under one second.  Exits 1
 * when the target is missed or a result is wrong.
 */
#include <config.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../loopback.h"
#include "probe.h"
#include "xalloc.h"

#define ENDPOINTS	1000
#define MAX_SECONDS	1.0

int
main(void)
{
	struct endpoint *v = xcalloc(ENDPOINTS, sizeof(*v));
	int fds[ENDPOINTS];
	struct rlimit rl;
	struct timespec t0, t1;
	double secs;
	int open = 0, refused = 0, wrong = 0;

	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max;
	setrlimit(RLIMIT_NOFILE, &rl);
	for (int i = 0; i < ENDPOINTS; i++) {
		if ((fds[i] = loopback_bound(&v[i].port)) < 0) {
			perror("bind");
			return 2;
		}
		if (i % 2 == 0 && listen(fds[i], 4) < 0) {
			perror("listen");
			return 2;
		}
		v[i].host = xstrdup("loopback");
		v[i].address = xstrdup("127.0.0.1");
		v[i].expect_open = 1;
		v[i].listening = i % 2 == 0;
	}
	/* The odd ports were only bound: free them so that connections are refused. */
	for (int i = 1; i < ENDPOINTS; i += 2)
		close(fds[i]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	probe_run(v, ENDPOINTS, PROBE_DEFAULT_TIMEOUT_MS);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	for (int i = 0; i < ENDPOINTS; i++) {
		open += v[i].result == PROBE_OPEN;
		refused += v[i].result == PROBE_REFUSED;
		wrong += v[i].result != (i % 2 == 0 ? PROBE_OPEN : PROBE_REFUSED);
	}
	printf("probe of %d loopback endpoints: %d open, %d refused, %d wrong\n",
	    ENDPOINTS, open, refused, wrong);
	printf("  time        %8.3f s    (target < %.1f s)  %s\n", secs, MAX_SECONDS,
	    secs < MAX_SECONDS ? "ok" : "MISSED");
	probe_free(v, ENDPOINTS);
	return secs < MAX_SECONDS && wrong == 0 ? 0 : 1;
}
