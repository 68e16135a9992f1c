/*
 * Fuzz target: the state loader.  Whatever the bytes, no crash; and a
 * state that loads is written back in a form that loads, and then to the
 * same text (the writer never writes what the loader cannot read back
 * unchanged).
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model m, again;
	struct buf a, b;
	char *text, *err = NULL;

	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	model_init(&m);
	/* Kept, as the session reads: unchanged history lines are copied when written. */
	if (state_parse_kept("fuzz.ini", text, size, &m, &err) != STATE_OK) {
		free(err);
		model_free(&m);
		free(text);
		return 0;
	}
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
