/*
 * The large state of the benchmarks, and its load and save.
 *
 *   bench-state make FILE   writes a migration of 50 hosts with a
 *                           100,000-agent inventory of which 10,000 lag
 *                           (each named), through the commands' own
 *                           functions: the wizard's, status's and the
 *                           report's large state
 *   bench-state heavy FILE  the same with 5,000 exclusions and 50,000
 *                           history events: the loader's large state
 *   bench-state time FILE   loads it 21 times, then saves it (fsync
 *                           included) 21 times, and prints for each the
 *                           median, fastest and slowest in milliseconds
 *   bench-state inih FILE   libinih alone over every line of it, 21
 *                           times, likewise: why the loader leaves the
 *                           bulk sections to its own first pass
 *   bench-state inih-once FILE  the same once, for callgrind
 *   bench-state save-once FILE  one load and one save, for callgrind
 */
#include <config.h>

#include <ini.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "fsio.h"
#include "inventory.h"
#include "schema.h"
#include "state.h"
#include "state-loader.h"
#include "xalloc.h"
#include "bench.h"

#define HOSTS		50
#define AGENTS		100000
#define LAGGING		10000
#define EXCLUDED	5000
#define EVENTS		50000
#define RUNS		21

static int
make(const char *path, int heavy)
{
	static const char *const people[] = { "Claire Martin", "jdupont", "ops-bot" };
	struct actor a = { "Claire Martin", 1764547200 };
	char *csv = xasprintf("%s.csv", path), *err = NULL, name[32], addr[32];
	struct import_opts o = { 0 };
	struct inventory inv;
	struct model m;
	long events = 0;
	FILE *fp;

	model_init(&m);
	for (int i = 0; i < HOSTS; i++) {
		struct host_change c = { .version = "2.6.4" };

		snprintf(name, sizeof(name), "ses-host-%02d", i);
		snprintf(addr, sizeof(addr), "127.0.1.%d", i + 1);
		c.address = addr;
		c.roles = i == 0 ? "backend,agent-handler" : i < 30 ? "agent-handler" : "console";
		if (i < 30) {
			c.aspnetcore = "8.0.11";
			c.desktop = "8.0.11";
		}
		if (act_host_add(&m, &a, name, &c, &err) != ACT_OK)
			goto fail;
		events++;
	}
	if ((fp = fopen(csv, "w")) == NULL)
		goto fail;
	fputs("\xef\xbb\xbfNom de la machine;Version de l'agent;Statut\r\n", fp);
	for (long i = 0; i < AGENTS; i++)
		fprintf(fp, "PC-%06ld;%s;Connect\xc3\xa9\r\n", i,
		    i % (AGENTS / LAGGING) == 0 ? "2.6.4.1022" : "2.7.1.1180");
	if (fclose(fp) != 0 || inventory_import(csv, &o, &inv, &err) != IMPORT_OK ||
	    act_import(&m, &a, &inv, &err) != ACT_OK)
		goto fail;
	unlink(csv);
	events++;
	for (long i = 0; heavy && i < EXCLUDED; i++) {
		snprintf(name, sizeof(name), "PC-%06ld", i * (AGENTS / LAGGING));
		if (act_exclude(&m, &a, name, "lab machine, reinstalled next quarter", &err) != ACT_OK)
			goto fail;
		events++;
	}
	/* Everyday changes on the hosts, each a line of history of its own. */
	for (long i = 0; events < (heavy ? EVENTS : 2 * HOSTS); i++) {
		struct host_change c = { 0 };
		char version[16];

		a.when += 60;
		/* Another operator than the host's last: no two lines fold into one. */
		a.who = people[(i / HOSTS) % 3];
		snprintf(name, sizeof(name), "ses-host-%02ld", i % HOSTS);
		snprintf(version, sizeof(version), "2.6.%ld", 1 + i % 9);
		c.version = version;
		if (act_host_set(&m, &a, name, &c, &err) != ACT_OK)
			goto fail;
		events++;
	}
	if (state_save(path, &m, &err) != STATE_OK)
		goto fail;
	printf("%zu hosts, %lu agents (%zu named below the target), %zu exclusions, %zu events\n",
	    m.nhosts, m.inventory.total, m.inventory.nbelow, m.nexclusions, m.nevents);
	model_free(&m);
	free(csv);
	return 0;
fail:
	fprintf(stderr, "bench-state: %s\n", err != NULL ? err : "cannot write the state");
	return 2;
}

static void
say(const char *what, double *ms)
{
	qsort(ms, RUNS, sizeof(*ms), bench_by_value);
	printf("%s %.3f %.3f %.3f\n", what, ms[RUNS / 2], ms[0], ms[RUNS - 1]);
}

static int
timed(const char *path)
{
	double load[RUNS], save[RUNS];
	char *err = NULL;
	struct model m;

	for (int i = 0; i < RUNS; i++) {
		double t0 = bench_now();

		model_init(&m);
		if (state_load(path, &m, &err) != STATE_OK) {
			fprintf(stderr, "bench-state: %s\n", err);
			return 2;
		}
		load[i] = (bench_now() - t0) * 1e3;
		if (i < RUNS - 1)
			model_free(&m);
	}
	for (int i = 0; i < RUNS; i++) {
		double t0 = bench_now();

		if (state_save(path, &m, &err) != STATE_OK) {
			fprintf(stderr, "bench-state: %s\n", err);
			return 2;
		}
		save[i] = (bench_now() - t0) * 1e3;
	}
	model_free(&m);
	say("load", load);
	say("save", save);
	return 0;
}

static int
count_value(void *user, const char *section, const char *name, const char *value)
{
	(void)section;
	(void)name;
	(void)value;
	++*(unsigned long *)user;
	return 1;
}

/*
 * libinih alone over the file, with a handler that only counts and the
 * loader's own line reader: the floor of any loader built on it, as
 * DESIGN's is.  With once, a single pass (to
 * count its instructions under callgrind); otherwise RUNS timed passes.
 */
static int
inih_floor(const char *path, int once)
{
	double ms[RUNS];
	unsigned long n = 0;
	char *data;
	size_t len;
	struct fsio_error e;

	if (fsio_read(path, SCHEMA_FILE_MAX, &data, &len, &e) != FSIO_OK) {
		fprintf(stderr, "bench-state: cannot read %s\n", path);
		return 2;
	}
	for (int i = 0; i < (once ? 1 : RUNS); i++) {
		double t0 = bench_now();

		ini_parse_stream(loader_next_line,
		    &(struct loader_text){ data, data + len, NULL, 0 }, count_value, &n);
		ms[i] = (bench_now() - t0) * 1e3;
	}
	free(data);
	if (!once)
		say("inih", ms);
	return n > 0 ? 0 : 2;
}

int
main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "make") == 0)
		return make(argv[2], 0);
	if (argc == 3 && strcmp(argv[1], "heavy") == 0)
		return make(argv[2], 1);
	if (argc == 3 && strcmp(argv[1], "time") == 0)
		return timed(argv[2]);
	if (argc == 3 && strcmp(argv[1], "save-once") == 0) {
		/* One load and one save, for callgrind's instructions. */
		struct model m;
		char *err = NULL;

		model_init(&m);
		if (state_load(argv[2], &m, &err) != STATE_OK ||
		    state_save(argv[2], &m, &err) != STATE_OK) {
			fprintf(stderr, "bench-state: %s\n", err);
			return 2;
		}
		model_free(&m);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "inih") == 0)
		return inih_floor(argv[2], 0);
	if (argc == 3 && strcmp(argv[1], "inih-once") == 0)
		return inih_floor(argv[2], 1);
	fprintf(stderr, "usage: bench-state make|heavy|time|inih|inih-once FILE\n");
	return 64;
}
