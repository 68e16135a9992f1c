/*
 * Benchmark: the history of a year-long migration.  A probe every minute
 * from cron, 500,000 times, and 10,000 other actions in between, through
 * the same functions the commands call; the state must stay under 1 MiB
 * and load in under 20 ms (the median of 21 loads).
 * Exits 1 when a target is missed.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "probe.h"
#include "state.h"
#include "xalloc.h"
#include "../ses.h"
#include "bench.h"

#define PROBES		500000
#define ACTIONS		10000
#define MAX_BYTES	(1024 * 1024)
#define MAX_LOAD_MS	20.0
#define LOADS		21

/* One of the everyday actions, the n-th. */
static void
action(struct model *m, struct actor *a, long n)
{
	static const char *const people[] = { "Claire Martin", "jdupont", "ops-bot" };
	static const char *const items[] = { "firewall-dual.new-rules",
	    "firewall-dual.old-rules-kept", "logs.system-logs", "logs.agent-logs" };
	char *err = NULL, name[32], version[16];
	struct host_change c = { 0 };

	a->who = people[n % 3];
	switch (n % 6) {
	case 0:
		act_confirm(m, a, items[(n / 6) % 4], n % 12 == 0 ? "checked with the network team" : NULL, &err);
		break;
	case 1:
		act_unconfirm(m, a, items[(n / 6) % 4], &err);
		break;
	case 2:
		snprintf(version, sizeof(version), "2.6.%ld", n % 9 + 1);
		c.version = version;
		act_host_set(m, a, n % 2 ? "ses-ah2" : "ses-bo1", &c, &err);
		break;
	case 3:
		snprintf(name, sizeof(name), "PC-%05ld", n % 5000);
		act_exclude(m, a, name, "lab machine, to be reinstalled", &err);
		break;
	case 4:
		snprintf(name, sizeof(name), "PC-%05ld", (n - 1) % 5000);
		act_include(m, a, name, &err);
		break;
	default:
		snprintf(version, sizeof(version), "%ld", 24 + n % 48);
		act_setting(m, a, "inventory-max-age", version, &err);
	}
	free(err);
}

int
main(void)
{
	char dir[] = "/tmp/ses-bench-XXXXXX", *path, *err = NULL, *at;
	struct host_change be = { .roles = "backend,agent-handler", .version = "2.6.4",
	    .aspnetcore = "8.0.11", .desktop = "8.0.11", .address = "10.0.0.5" };
	struct host_change ah = { .roles = "agent-handler", .version = "2.6.4",
	    .aspnetcore = "8.0.11", .desktop = "8.0.11", .address = "10.0.0.6" };
	struct host_change con = { .roles = "console", .version = "2.6.4" };
	struct actor a = { "Claire Martin", 1764547200 };	/* 2025-12-01 */
	double ms[LOADS];
	struct findings f;
	struct model m;
	struct stat st;
	long actions = 0;
	int ok;

	if (mkdtemp(dir) == NULL)
		return 2;
	path = xasprintf("%s/migration.ini", dir);
	model_init(&m);
	act_host_add(&m, &a, "ses-bo1", &be, &err);
	act_host_add(&m, &a, "ses-ah2", &ah, &err);
	act_host_add(&m, &a, "admin-pc1", &con, &err);
	act_confirm(&m, &a, "prerequisites.release-notes", NULL, &err);
	act_confirm(&m, &a, "prerequisites.firewall-plan", NULL, &err);
	findings_init(&f);
	if (act_next(&m, &a, &f) != ACT_OK) {
		fprintf(stderr, "bench-history: the first step does not pass\n");
		return 2;
	}
	findings_free(&f);
	for (long i = 0; i < PROBES; i++) {
		struct endpoint *v;
		size_t n;

		a.when += 60;
		a.who = "ops-bot";
		probe_endpoints(&m, model_current_step(&m), &v, &n);
		/* Now and then a port does not answer. */
		for (size_t k = 0; k < n; k++) {
			v[k].result = i % 5000 == 17 && k == 0 ? PROBE_TIMEOUT : PROBE_OPEN;
			v[k].ok = v[k].result == PROBE_OPEN;
		}
		probe_record(&m, model_current_step(&m), v, n, &a);
		probe_free(v, n);
		if (i % (PROBES / ACTIONS) == 0 && actions < ACTIONS)
			action(&m, &a, actions++);
	}
	/* The loader's clock: the end of the year. */
	at = time_format(a.when);
	setenv("SES_MIGRATE_NOW", at, 1);
	free(at);
	if (state_save(path, &m, &err) != STATE_OK) {
		fprintf(stderr, "bench-history: %s\n", err);
		return 2;
	}
	stat(path, &st);
	for (int r = 0; r < LOADS; r++) {
		struct model back;
		double t0;

		model_init(&back);
		t0 = bench_now();
		if (state_load(path, &back, &err) != STATE_OK) {
			fprintf(stderr, "bench-history: %s\n", err);
			return 2;
		}
		ms[r] = (bench_now() - t0) * 1000;
		model_free(&back);
	}
	qsort(ms, LOADS, sizeof(ms[0]), bench_by_value);
	printf("history of %d probes and %ld other actions: %zu events\n", PROBES,
	    actions, m.nevents);
	printf("  state size  %8.0f KiB  (target < %d KiB)  %s\n", st.st_size / 1024.0,
	    MAX_BYTES / 1024, st.st_size < MAX_BYTES ? "ok" : "MISSED");
	printf("  load        %8.2f ms   (median of %d, %.2f to %.2f; target < %.0f ms)  %s\n",
	    ms[LOADS / 2], LOADS, ms[0], ms[LOADS - 1], MAX_LOAD_MS,
	    ms[LOADS / 2] < MAX_LOAD_MS ? "ok" : "MISSED");
	ok = st.st_size < MAX_BYTES && ms[LOADS / 2] < MAX_LOAD_MS;
	if (getenv("BENCH_KEEP") != NULL)
		printf("  kept in %s\n", path);
	else
		unlink(path);
	rmdir(dir);
	free(path);
	model_free(&m);
	return ok ? 0 : 1;
}
