/*
 * The stateful property driver: random sequences of operator actions with
 * random and hostile arguments, applied to a state file through the same
 * functions the command line and the wizard call (session_begin, the act_
 * functions, session_commit), each followed by the check of the promise:
 * after an accepted action the file loads and saves back byte for byte;
 * after a refused one the file, and the model in memory, are unchanged.
 *
 * The randomness comes from a seed (make check) or from a fuzzer's input
 * (make fuzz), so a failure can be replayed.
 */
#ifndef SES_TEST_DRIVER_H
#define SES_TEST_DRIVER_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

struct driver {
	char		*dir;		/* a scratch directory of its own */
	char		*path;		/* the state file in it */
	struct session	 s;
	int		 open;
	const uint8_t	*data;		/* the fuzzer's input, or NULL */
	size_t		 len;
	size_t		 pos;
	uint64_t	 rng;		/* when data is NULL */
	long		 clock;		/* the fixed clock, advanced by each step */
	char		*failure;	/* set when the promise is broken */
	unsigned long	 accepted;
	unsigned long	 refused;
};

/* A driver on a fresh state in a directory of its own. */
void driver_init(struct driver *d, uint64_t seed, const uint8_t *data,
    size_t len);
/* One random action and the check after it; 0 when the input is used up. */
int driver_step(struct driver *d);
void driver_free(struct driver *d);

#endif
