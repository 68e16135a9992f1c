/*
 * Fuzz target: the state loader.  Whatever the bytes, no crash; and a
 * state that loads is written back in a form that loads, and then to the
 * same text (the writer never writes what the loader cannot read back
 * unchanged); and libinih reading every line takes it as the loader does.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "state.h"
#include "state-loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model m, again;
	struct buf a, b, ref;
	char *text, *err = NULL;
	enum state_status st;

	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	model_init(&m);
	model_init(&again);
	/*
	 * libinih reading every line (as the loader did before it read the
	 * bulk sections itself, and the stragglers in one go) takes the
	 * same text the same way.
	 */
	st = loader_parse_all_inih("fuzz.ini", text, size, &again, &err);
	free(err);
	err = NULL;
	/* Kept, as the session reads: unchanged history lines are copied when written. */
	if (state_parse_kept("fuzz.ini", text, size, &m, &err) != STATE_OK) {
		if (st == STATE_OK)
			abort();	/* libinih's way took it */
		free(err);
		model_free(&m);
		model_free(&again);
		free(text);
		return 0;
	}
	if (st != STATE_OK)
		abort();	/* libinih's way refused it */
	buf_init(&ref);
	state_serialize(&again, &ref, NULL);
	model_free(&again);
	buf_init(&a);
	state_serialize(&m, &a, NULL);
	model_init(&again);
	if (state_parse("again.ini", a.data, a.len, &again, &err) != STATE_OK) {
		/* The writer wrote something the loader refuses. */
		fprintf(stderr, "%s\n---\n%s", err, a.data);
		abort();
	}
	buf_init(&b);
	state_serialize(&again, &b, NULL);
	/* In the writer's form (copied lines rewritten): libinih's model. */
	if (b.len != ref.len || memcmp(b.data, ref.data, b.len) != 0)
		abort();	/* another model than libinih's */
	buf_free(&ref);
	/* Copied lines may keep a form of their own: the second writing is in the writer's. */
	model_free(&m);
	model_init(&m);
	if (state_parse("again.ini", b.data, b.len, &m, &err) != STATE_OK)
		abort();
	buf_reset(&a);
	state_serialize(&m, &a, NULL);
	if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0)
		abort();	/* the round trip changed something */
	buf_free(&a);
	buf_free(&b);
	model_free(&m);
	model_free(&again);
	free(text);
	return 0;
}
