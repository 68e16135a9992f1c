/*
 * Benchmark of issue 4's targets: a generated 1,000,000-row export imports
 * in at most 1 s with at most 64 MiB of peak memory, and the state saves
 * afterwards in under 10 ms.
 *
 * The import runs in a fresh process (this program run again with
 * --measure), so its peak resident size is its own and not the generator's.
 * Exits 1 when a target is missed.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "inventory.h"
#include "model.h"
#include "state.h"

#define ROWS		1000000
#define MAX_SECONDS	1.0
#define MAX_MIB		64.0
#define MAX_SAVE_MS	10.0

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* An export as Excel on a French workstation leaves it: BOM, ';', CRLF. */
static int
generate(const char *path)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		return -1;
	fputs("\xef\xbb\xbfGroupe;Nom;Version de l'agent;Statut\r\n", fp);
	for (long i = 0; i < ROWS; i++) {
		const char *v = i % 100 == 7 ? "2.6.4.987" :
		    i % 1000 == 3 ? "" : "2.7.1.1234";
		long n = i % 1000 == 5 ? i - 1 : i;	/* some duplicates */

		fprintf(fp, "Site %ld;PC-%07ld.corp.example.com;%s;Connect\xc3\xa9\r\n",
		    i % 40, n, v);
	}
	return fclose(fp);
}

/* The child: import, report time and peak memory, save, report time. */
static int
measure(const char *csv, const char *state)
{
	struct import_opts o = { NULL, NULL };
	struct actor a = { "bench", 0 };
	struct inventory inv;
	struct rusage ru;
	struct model m;
	char *err = NULL;
	double t0, t1, t2;

	a.when = time(NULL);
	model_init(&m);
	t0 = now();
	if (inventory_import(csv, &o, &inv, &err) != IMPORT_OK) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	t1 = now();
	m.inventory = inv;
	m.inventory.imported_at = time_format(a.when);
	getrusage(RUSAGE_SELF, &ru);
	t2 = now();
	if (state_save(state, &m, &err) != STATE_OK) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	printf("%lu %lu %lu %.6f %ld %.6f\n", m.inventory.total, m.inventory.below_total,
	    m.inventory.unreadable_total, t1 - t0, ru.ru_maxrss, now() - t2);
	model_free(&m);
	return 0;
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/ses-bench-XXXXXX", csv[64], state[64], line[256];
	unsigned long total;
	unsigned long below, unreadable;
	double secs, save;
	long kib;
	int fds[2], status, ok = 1;
	pid_t pid;
	FILE *fp;

	if (argc == 4 && strcmp(argv[1], "--measure") == 0)
		return measure(argv[2], argv[3]);
	if (mkdtemp(dir) == NULL)
		return 2;
	snprintf(csv, sizeof(csv), "%s/agents.csv", dir);
	snprintf(state, sizeof(state), "%s/migration.ini", dir);
	if (generate(csv) != 0) {
		perror(csv);
		return 2;
	}
	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return 2;
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		execl("/proc/self/exe", argv[0], "--measure", csv, state, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	fp = fdopen(fds[0], "r");
	if (fgets(line, sizeof(line), fp) == NULL ||
	    sscanf(line, "%lu %lu %lu %lf %ld %lf", &total, &below, &unreadable,
	    &secs, &kib, &save) != 6) {
		waitpid(pid, &status, 0);
		fprintf(stderr, "bench-import: the measuring process failed\n");
		return 2;
	}
	waitpid(pid, &status, 0);
	unlink(csv);
	unlink(state);
	rmdir(dir);

	printf("import of %d rows: %lu agents, %lu below 2.7.1, %lu unreadable\n",
	    ROWS, total, below, unreadable);
	printf("  time        %8.3f s    (target <= %.1f s)  %s\n", secs, MAX_SECONDS,
	    secs <= MAX_SECONDS ? "ok" : "MISSED");
	printf("  peak memory %8.1f MiB  (target <= %.0f MiB) %s\n", kib / 1024.0, MAX_MIB,
	    kib / 1024.0 <= MAX_MIB ? "ok" : "MISSED");
	printf("  state save  %8.3f ms   (target < %.0f ms)  %s\n", save * 1000, MAX_SAVE_MS,
	    save * 1000 < MAX_SAVE_MS ? "ok" : "MISSED");
	ok = secs <= MAX_SECONDS && kib / 1024.0 <= MAX_MIB && save * 1000 < MAX_SAVE_MS;
	return ok ? 0 : 1;
}
