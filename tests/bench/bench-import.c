/*
 * Benchmark of the importer's targets: a generated 1,000,000-row export
 * imports in at most 1 s with at most 64 MiB of peak memory, and within an
 * address space limit (ulimit -v) of 64 MiB more than the program's own
 * size; the state saves afterwards in under 10 ms; and an export with
 * 200,000 distinct versions imports in under 1 s, none of them taken for
 * unreadable.
 *
 * Each import runs in a fresh process (this program run again with
 * --measure), so its memory is its own and not the generator's.
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
#include "bench.h"

#define ROWS		1000000
#define VERSIONS	200000
#define MAX_SECONDS	1.0
#define MAX_MIB		64.0
#define MAX_SAVE_MS	10.0

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

/* The distinct versions case: every agent on a version of its own. */
static int
generate_versions(const char *path)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		return -1;
	fputs("name,version\n", fp);
	for (long i = 0; i < VERSIONS; i++)
		fprintf(fp, "pc-%ld,2.%ld.%ld.%ld\n", i, 6 + i % 2, i % 97, i);
	return fclose(fp);
}

/* What this process has mapped now, in KiB (VmSize). */
static long
vm_size(void)
{
	FILE *fp = fopen("/proc/self/status", "r");
	char line[128];
	long kib = -1;

	while (fp != NULL && fgets(line, sizeof(line), fp) != NULL)
		if (sscanf(line, "VmSize: %ld kB", &kib) == 1)
			break;
	if (fp != NULL)
		fclose(fp);
	return kib;
}

/*
 * The child: no more address space than 64 MiB past what it has now, then
 * import, report time and peak memory, save, report time.
 */
static int
measure(const char *csv, const char *state)
{
	long base = vm_size();
	struct rlimit rl;

	if (base > 0) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)(base + 64 * 1024) * 1024;
		setrlimit(RLIMIT_AS, &rl);
	}
	struct import_opts o = { NULL, NULL, NULL };
	struct actor a = { "bench", 0 };
	struct inventory inv;
	struct rusage ru;
	struct model m;
	char *err = NULL;
	double t0, t1, t2;

	a.when = time(NULL);
	model_init(&m);
	t0 = bench_now();
	if (inventory_import(csv, &o, &inv, &err) != IMPORT_OK) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	t1 = bench_now();
	m.inventory = inv;
	m.inventory.imported_at = time_format(a.when);
	getrusage(RUSAGE_SELF, &ru);
	t2 = bench_now();
	if (state_save(state, &m, &err) != STATE_OK) {
		fprintf(stderr, "%s\n", err);
		return 2;
	}
	printf("%lu %lu %lu %.6f %ld %.6f\n", m.inventory.total, m.inventory.below_total,
	    m.inventory.unreadable_total, t1 - t0, ru.ru_maxrss, bench_now() - t2);
	model_free(&m);
	return 0;
}

/* Run one import in a child; its figures in *out, 0 if it went through. */
static int
run_child(const char *self, const char *csv, const char *state,
    unsigned long out_counts[3], double *secs, long *kib, double *save)
{
	char line[256];
	int fds[2], status;
	pid_t pid;
	FILE *fp;

	if (pipe(fds) < 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		execl("/proc/self/exe", self, "--measure", csv, state, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	fp = fdopen(fds[0], "r");
	if (fgets(line, sizeof(line), fp) == NULL ||
	    sscanf(line, "%lu %lu %lu %lf %ld %lf", &out_counts[0], &out_counts[1],
	    &out_counts[2], secs, kib, save) != 6) {
		fclose(fp);
		waitpid(pid, &status, 0);
		return -1;
	}
	fclose(fp);
	waitpid(pid, &status, 0);
	return 0;
}

int
main(int argc, char **argv)
{
	char dir[] = "/tmp/ses-bench-XXXXXX", csv[64], state[64];
	unsigned long total, below, unreadable, counts[3];
	double secs, save, vsecs, vsave;
	long kib, vkib;
	int ok;

	if (argc == 4 && strcmp(argv[1], "--measure") == 0)
		return measure(argv[2], argv[3]);
	/* The export alone, for bench.sh to time the command and its peers on. */
	if (argc == 3 && strcmp(argv[1], "--generate") == 0)
		return generate(argv[2]) < 0 ? 2 : 0;
	if (mkdtemp(dir) == NULL)
		return 2;
	snprintf(csv, sizeof(csv), "%s/agents.csv", dir);
	snprintf(state, sizeof(state), "%s/migration.ini", dir);
	if (generate(csv) != 0) {
		perror(csv);
		return 2;
	}
	if (run_child(argv[0], csv, state, counts, &secs, &kib, &save) < 0) {
		fprintf(stderr, "bench-import: the import failed within 64 MiB more than the program's size\n");
		return 1;
	}
	total = counts[0];
	below = counts[1];
	unreadable = counts[2];
	unlink(csv);
	unlink(state);
	if (generate_versions(csv) != 0 ||
	    run_child(argv[0], csv, state, counts, &vsecs, &vkib, &vsave) < 0) {
		fprintf(stderr, "bench-import: the import of %d versions failed\n", VERSIONS);
		return 1;
	}
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
	printf("  under ulimit -v of the program's size + 64 MiB: ok\n");
	printf("import of %d agents on as many versions: %lu unreadable\n", VERSIONS,
	    counts[2]);
	printf("  time        %8.3f s    (target < %.1f s)  %s\n", vsecs, MAX_SECONDS,
	    vsecs < MAX_SECONDS && counts[2] == 0 ? "ok" : "MISSED");
	ok = secs <= MAX_SECONDS && kib / 1024.0 <= MAX_MIB && save * 1000 < MAX_SAVE_MS &&
	    vsecs < MAX_SECONDS && counts[2] == 0 && counts[0] == VERSIONS;
	return ok ? 0 : 1;
}
