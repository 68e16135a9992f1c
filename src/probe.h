/*
 * Reachability probes: TCP connections from this machine to the ports the
 * plan expects open (or, at the end, closed), all at once, one timeout.
 */
#ifndef SES_PROBE_H
#define SES_PROBE_H

#include <stddef.h>

#include "model.h"

enum probe_result {
	PROBE_OPEN,		/* the connection was accepted */
	PROBE_REFUSED,		/* the host answered: nothing listens there */
	PROBE_TIMEOUT,		/* no answer: a firewall dropped it */
	PROBE_UNREACHABLE	/* no route, or the name does not resolve */
};

struct endpoint {
	char			*host;
	char			*address;	/* NULL: resolve the host name */
	unsigned		 port;
	int			 expect_open;
	int			 listening;	/* a service should already answer */
	enum probe_result	 result;
	int			 ok;
	unsigned		 ms;
};

#define PROBE_DEFAULT_TIMEOUT_MS 3000

/* What to probe at this step, from the firewall plan. */
void probe_endpoints(const struct model *m, size_t step, struct endpoint **v,
    size_t *n);
/* Probes every endpoint, setting result, ok and ms, all within one timeout_ms. */
void probe_run(struct endpoint *v, size_t n, unsigned timeout_ms);
/* Whether the step has a probe item to keep results in. */
int probe_has_item(const struct model *m, size_t step);
/* Keep the results as the step's evidence, in the history too; -1 if it has no probe item. */
int probe_record(struct model *m, size_t step, const struct endpoint *v,
    size_t n, const struct actor *a);
/* Frees the n endpoints of v, and v. */
void probe_free(struct endpoint *v, size_t n);
/* The result's stable id: "open", "refused", "timeout" or "unreachable". */
const char *probe_result_id(enum probe_result r);

#endif
