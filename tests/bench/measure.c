/*
 * Runs a command again and again, as a user starts it, and says how long
 * it took and how much memory it used: the median, fastest and slowest
 * wall time in milliseconds and the largest peak resident size in KiB,
 * on one line.  Its input is /dev/null, its output thrown away, so that
 * only the command's own work is measured.
 *
 *   measure RUNS COMMAND [ARG...]
 *   measure RUNS COMMAND [ARG...] -- PEER [ARG...]
 *
 * With a peer, the two take turns, one run each, and a line is printed for
 * each: a shared machine that slows down for a while slows both alike,
 * instead of whichever happened to be measured then.
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"

struct series {
	char	**argv;
	double	 *ms;
	long	  peak;
};

/* One run of s's command, its time stored as run i; -1 if it did not run. */
static int
run_once(struct series *s, int i)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execvp(s->argv[0], s->argv);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) {
		fprintf(stderr, "measure: %s did not run\n", s->argv[0]);
		return -1;
	}
	s->ms[i] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (ru.ru_maxrss > s->peak)
		s->peak = ru.ru_maxrss;
	return 0;
}

static void
report(struct series *s, int runs)
{
	qsort(s->ms, (size_t)runs, sizeof(*s->ms), bench_by_value);
	printf("%.3f %.3f %.3f %ld\n", s->ms[runs / 2], s->ms[0], s->ms[runs - 1], s->peak);
}

int
main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0, n = 1;
	struct series s[2];

	if (runs < 1 || runs > 1000) {
		fprintf(stderr, "usage: measure RUNS COMMAND [ARG...] [-- PEER [ARG...]]\n");
		return 64;
	}
	memset(s, 0, sizeof(s));
	s[0].argv = argv + 2;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0 && i > 2 && i + 1 < argc) {
			argv[i] = NULL;
			s[1].argv = argv + i + 1;
			n = 2;
			break;
		}
	}
	for (int k = 0; k < n; k++)
		s[k].ms = calloc((size_t)runs, sizeof(*s[k].ms));
	for (int i = 0; i < runs; i++)
		for (int k = 0; k < n; k++)
			if (run_once(&s[k], i) < 0)
				return 2;
	for (int k = 0; k < n; k++) {
		report(&s[k], runs);
		free(s[k].ms);
	}
	return 0;
}
