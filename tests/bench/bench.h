/*
 * What every benchmark program needs: a clock that never jumps, and the
 * order to sort timings by for their median.
 */
#ifndef SES_BENCH_H
#define SES_BENCH_H

#include <time.h>

/* Seconds, monotonic. */
static inline double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* qsort's order for doubles, smallest first. */
static inline int
bench_by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

#endif
