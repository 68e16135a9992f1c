/*
 * Fuzz target: the stateful property driver (tests/driver.h) with the
 * fuzzer's input as its choices.  Any broken promise (a state that does not
 * load after an accepted action, a change after a refused one) aborts.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct driver d;

	driver_init(&d, 0, data, size);
	while (driver_step(&d))
		;
	if (d.failure != NULL) {
		fprintf(stderr, "%s\n", d.failure);
		abort();
	}
	driver_free(&d);
	return 0;
}
