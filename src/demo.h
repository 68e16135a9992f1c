/* The demonstration: the wizard on a sample environment in a throwaway state. */
#ifndef SES_DEMO_H
#define SES_DEMO_H

#include "front.h"

/* Opens the wizard on the migration's sample, in a temporary state removed on exit; the exit status. */
int demo_run(const struct front_opts *o);

#endif
