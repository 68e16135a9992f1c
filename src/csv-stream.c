/*
 * The reader fills the batches in turn and hands each over when it holds
 * enough records; it may run ahead of the caller by CSV_STREAM_BATCHES - 1
 * batches, no more, so memory stays bounded whatever the speed of either.
 * A record is copied once into its batch: its text and its field starts,
 * so the caller's view of it needs no pointer into the reader's buffers.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv-stream.h"
#include "fsio.h"
#include "import-thread.h"
#include "xalloc.h"

#define CHUNK		(256 * 1024)
/* A batch is handed over at this many records or bytes of text. */
#define BATCH_RECS	4096
#define BATCH_TEXT	(256 * 1024)

static void
batch_reset(struct csv_batch *b)
{
	b->tlen = b->nstarts = b->nrecs = 0;
}

static void
batch_free(struct csv_batch *b)
{
	free(b->text);
	free(b->starts);
	free(b->recs);
	memset(b, 0, sizeof(*b));
}

/* The batch the reader fills now: the one after the last handed over. */
static struct csv_batch *
filling(struct csv_stream *s)
{
	return &s->batch[s->filled % CSV_STREAM_BATCHES];
}

/*
 * Hand the batch over and wait for the next one to be free; 1 if the
 * caller wants no more, and then the next one is left as it is (the
 * caller may be reading it).
 */
static int
hand_over(struct csv_stream *s)
{
	int stop;

	pthread_mutex_lock(&s->mutex);
	s->filled++;
	pthread_cond_broadcast(&s->cond);
	while (s->filled - s->taken >= CSV_STREAM_BATCHES && !s->stop)
		pthread_cond_wait(&s->cond, &s->mutex);
	stop = s->stop;
	pthread_mutex_unlock(&s->mutex);
	if (!stop)
		batch_reset(filling(s));
	return stop;
}

/*
 * The reader's callback: the record goes into the batch being filled,
 * noted first; whole, or only the one field its note asks for.
 */
static int
keep(void *ctx, const struct csv *c)
{
	struct csv_stream *s = ctx;
	struct csv_batch *b = filling(s);
	const size_t *starts = c->starts;
	size_t nfields = c->nfields, len, one[2];
	const char *text = c->text.data;
	struct csv_rec *r;
	int stop;

	if (b->nrecs == b->rcap) {
		b->rcap = b->rcap ? b->rcap * 2 : BATCH_RECS;
		b->recs = xreallocarray(b->recs, b->rcap, sizeof(*b->recs));
	}
	r = &b->recs[b->nrecs];
	memset(&r->note, 0, sizeof(r->note));
	stop = s->note_fn(s->note_ctx, c, &r->note);
	if (r->note.only > 0 && r->note.only <= nfields) {
		text += starts[r->note.only - 1];
		one[0] = 0;
		one[1] = starts[r->note.only] - starts[r->note.only - 1];
		starts = one;
		nfields = 1;
	}
	len = starts[nfields];
	if (b->tlen + len > b->tcap) {
		while (b->tlen + len > b->tcap)
			b->tcap = b->tcap ? b->tcap * 2 : BATCH_TEXT;
		b->text = xreallocarray(b->text, b->tcap, 1);
	}
	if (b->nstarts + nfields + 1 > b->scap) {
		while (b->nstarts + nfields + 1 > b->scap)
			b->scap = b->scap ? b->scap * 2 : BATCH_RECS * 8;
		b->starts = xreallocarray(b->starts, b->scap, sizeof(*b->starts));
	}
	b->nrecs++;
	r->text = b->tlen;
	r->starts = b->nstarts;
	r->nfields = nfields;
	r->line = c->record_line;
	memcpy(b->text + b->tlen, text, len);
	b->tlen += len;
	memcpy(b->starts + b->nstarts, starts, (nfields + 1) * sizeof(*b->starts));
	b->nstarts += nfields + 1;
	/* The caller's function has seen enough: this record is the last. */
	if (stop)
		return 1;
	/*
	 * No record goes over early, the header included: the note function
	 * judges it here, and stops the reading at once if it is refused,
	 * however slowly a pipe brings the lines after it.
	 */
	if (s->threaded && (b->nrecs >= BATCH_RECS || b->tlen >= BATCH_TEXT))
		return hand_over(s);
	/* Stopped: no more records, the batch's end not awaited (asked every 256). */
	if (s->threaded && (b->nrecs & 255) == 0) {
		int asked;

		pthread_mutex_lock(&s->mutex);
		asked = s->stop;
		pthread_mutex_unlock(&s->mutex);
		return asked;
	}
	return s->threaded ? 0 : s->stop;
}

/*
 * Whether the caller stopped the reader while it waited for input: a pipe
 * may hold nothing for minutes, and the caller waits for the reader.
 */
static int
stopped_waiting(struct csv_stream *s)
{
	struct pollfd p[2] = { { .fd = s->fd, .events = POLLIN }, { .fd = s->wake[0], .events = POLLIN } };

	if (s->wake[0] < 0)
		return 0;
	while (poll(p, 2, -1) < 0)
		if (errno != EINTR)
			return 0;	/* then read() waits as it would */
	return (p[1].revents & POLLIN) != 0;
}

/* One chunk read and split; 1 once reading is over (the end, an error, a stop). */
static int
read_step(struct csv_stream *s)
{
	struct fsio_error e;
	char *chunk = hasher_buffer(&s->sha);
	size_t got;

	if (s->threaded && stopped_waiting(s)) {
		s->status = CSV_STOP;
		return 1;
	}
	if (fsio_read_some(s->fd, chunk, CHUNK, &got, &e) != FSIO_OK) {
		s->read_errno = e.errnum != 0 ? e.errnum : 5;
		return 1;
	}
	if (got == 0) {
		s->status = csv_finish(s->csv);
		return 1;
	}
	hasher_give(&s->sha, got);
	return (s->status = csv_feed(s->csv, chunk, got)) != CSV_OK;
}

static void *
run(void *arg)
{
	struct csv_stream *s = arg;

	while (!read_step(s))
		;
	pthread_mutex_lock(&s->mutex);
	/* The last batch, full or not; when stopped, nobody reads it. */
	if (!s->stop)
		s->filled++;
	s->done = 1;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mutex);
	return NULL;
}

void
csv_stream_start(struct csv_stream *s, int fd, struct csv *csv,
    csv_note_fn *fn, void *ctx)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->csv = csv;
	s->note_fn = fn;
	s->note_ctx = ctx;
	hasher_start(&s->sha, CHUNK);
	csv_init(csv, keep, s);
	pthread_mutex_init(&s->mutex, NULL);
	pthread_cond_init(&s->cond, NULL);
	if (pipe2(s->wake, O_CLOEXEC) != 0)
		s->wake[0] = s->wake[1] = -1;
	s->threaded = 1;
	if (import_thread(&s->thread, run, s) != 0)
		s->threaded = 0;
}

const struct csv *
csv_stream_next(struct csv_stream *s, const struct csv_note **note)
{
	const struct csv_rec *r;

	if (s->stop)
		return NULL;
	if (!s->threaded) {
		/* No second core to be had: a chunk at a time, in this thread. */
		while (s->cur == NULL || s->next >= s->cur->nrecs) {
			if (s->done)
				return NULL;
			s->cur = &s->batch[0];
			batch_reset(s->cur);
			s->next = 0;
			s->done = read_step(s);
		}
	} else {
		while (s->cur == NULL || s->next >= s->cur->nrecs) {
			pthread_mutex_lock(&s->mutex);
			if (s->cur != NULL) {
				/* Done with it: the reader may fill it again. */
				s->taken++;
				pthread_cond_broadcast(&s->cond);
				s->cur = NULL;
			}
			while (s->taken == s->filled && !s->done)
				pthread_cond_wait(&s->cond, &s->mutex);
			if (s->taken == s->filled) {
				pthread_mutex_unlock(&s->mutex);
				return NULL;
			}
			s->cur = &s->batch[s->taken % CSV_STREAM_BATCHES];
			s->next = 0;
			pthread_mutex_unlock(&s->mutex);
		}
	}
	r = &s->cur->recs[s->next++];
	s->view.text.data = s->cur->text + r->text;
	s->view.starts = s->cur->starts + r->starts;
	s->view.nfields = r->nfields;
	s->view.record_line = r->line;
	*note = &r->note;
	return &s->view;
}

int
csv_stream_batch_done(const struct csv_stream *s)
{
	return s->cur != NULL && s->next >= s->cur->nrecs;
}

void
csv_stream_stop(struct csv_stream *s)
{
	pthread_mutex_lock(&s->mutex);
	s->stop = 1;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mutex);
	/* Once is enough: the reader stops at the first. */
	if (s->wake[1] >= 0 && !s->woken) {
		s->woken = 1;
		(void)!write(s->wake[1], "", 1);
	}
}

enum csv_status
csv_stream_end(struct csv_stream *s, int *read_errno, char sha256[65])
{
	enum csv_status st;

	if (s->threaded) {
		/*
		 * The reader stops at its next record or batch, or while it
		 * waits for input; then it is waited for.
		 */
		csv_stream_stop(s);
		pthread_join(s->thread, NULL);
	}
	/* Without a thread, a stop leaves the reading unfinished. */
	st = s->done ? s->status : CSV_STOP;
	*read_errno = s->read_errno;
	hasher_end(&s->sha, sha256);
	pthread_mutex_destroy(&s->mutex);
	pthread_cond_destroy(&s->cond);
	for (int i = 0; i < 2; i++)
		if (s->wake[i] >= 0)
			close(s->wake[i]);
	for (size_t i = 0; i < CSV_STREAM_BATCHES; i++)
		batch_free(&s->batch[i]);
	memset(s, 0, sizeof(*s));
	return st;
}
