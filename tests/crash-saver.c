/*
 * For the kill -9 test: saves two versions of a state, A and B, one after
 * the other for ever, until it is killed.
 *   crash-saver a|b      print version A or B as it is saved
 *   crash-saver run FILE READY   save A, B, A, B... to FILE; READY
 *                                appears after the first pair of saves
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "buf.h"
#include "state.h"

static void
version(struct model *m, int b)
{
	struct actor a = { "crash", 1782813900 };
	struct host_change h = { .roles = "backend,agent-handler", .version = "2.6.4" };
	char *err = NULL;

	model_init(m);
	m->created_at = time_format(a.when);
	act_host_add(m, &a, "be1", &h, &err);
	for (int i = 0; i < 200; i++) {
		char name[32];
		struct host_change c = { .roles = "console", .version = "2.6.4" };

		snprintf(name, sizeof(name), "console-%03d", i);
		act_host_add(m, &a, name, &c, &err);
	}
	if (b)
		act_confirm(m, &a, "prerequisites.release-notes", "version B", &err);
}

int
main(int argc, char **argv)
{
	struct model a, b;
	char *err = NULL;

	version(&a, 0);
	version(&b, 1);
	if (argc == 2 && (strcmp(argv[1], "a") == 0 || strcmp(argv[1], "b") == 0)) {
		struct buf out;

		buf_init(&out);
		state_serialize(argv[1][0] == 'a' ? &a : &b, &out, NULL);
		fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
		model_free(&a);
		model_free(&b);
		return fflush(stdout) != 0;
	}
	if (argc != 4 || strcmp(argv[1], "run") != 0) {
		fprintf(stderr, "usage: crash-saver a|b|run FILE READY\n");
		model_free(&a);
		model_free(&b);
		return 64;
	}
	for (int n = 0; ; n++) {
		if (state_save(argv[2], &a, &err) != STATE_OK ||
		    state_save(argv[2], &b, &err) != STATE_OK) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		/* Slow starts (sanitizers) must not eat the time meant for the saves. */
		if (n == 0) {
			FILE *ready = fopen(argv[3], "w");

			if (ready != NULL)
				fclose(ready);
		}
	}
}
