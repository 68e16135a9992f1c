/*
 * Runs a command again and again, as a user starts it, and says how long
 * it took and how much memory it used: the median, fastest and slowest
 * wall time in milliseconds and the largest peak resident size in KiB,
 * on one line.  Its input is /dev/null, its output thrown away, so that
 * only the command's own work is measured.
 *
 *   measure RUNS COMMAND [ARG...]
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"

int
main(int argc, char **argv)
{
	int runs = argc > 2 ? atoi(argv[1]) : 0;
	double *ms;
	long peak = 0;

	if (runs < 1 || runs > 1000) {
		fprintf(stderr, "usage: measure RUNS COMMAND [ARG...]\n");
		return 64;
	}
	ms = calloc((size_t)runs, sizeof(*ms));
	for (int i = 0; i < runs; i++) {
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
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
			return 2;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) == 127) {
			fprintf(stderr, "measure: %s did not run\n", argv[2]);
			return 2;
		}
		ms[i] = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
		if (ru.ru_maxrss > peak)
			peak = ru.ru_maxrss;
	}
	qsort(ms, (size_t)runs, sizeof(*ms), bench_by_value);
	printf("%.3f %.3f %.3f %ld\n", ms[runs / 2], ms[0], ms[runs - 1], peak);
	free(ms);
	return 0;
}
