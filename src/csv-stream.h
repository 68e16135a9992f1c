/*
 * A CSV file read on other cores: a thread reads the stream and splits it
 * into records, and hands them over in batches, while another hashes it
 * (hasher.c) and the caller does its own work on the records before.  The caller sees each
 * record as the reader's callback would (a struct csv whose fields are
 * the record's, or the one field its note kept), in order, one at a time,
 * with the note the caller's own function made of it on the reader's
 * thread: work taken off the caller's.
 * Without a second thread it all happens in the caller, record by record,
 * with the same outcome.
 */
#ifndef SES_CSV_STREAM_H
#define SES_CSV_STREAM_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "csv.h"
#include "hasher.h"

#define CSV_STREAM_BATCHES	4

/* What the caller's function makes of a record, on the reader's thread. */
struct csv_note {
	uint64_t	 hash;
	uint32_t	 id;
	uint32_t	 flags;
	size_t		 only;		/* 1 + the one field to keep; 0: all */
};

/*
 * Fills n for record c, on the reader's thread (so it must not touch what
 * the caller's thread works on); nonzero stops the reading after c.
 */
typedef int csv_note_fn(void *ctx, const struct csv *c, struct csv_note *n);

/* Records read and not yet taken: their text and field starts, copied. */
struct csv_batch {
	char		*text;
	size_t		 tlen, tcap;
	size_t		*starts;	/* of each record's fields, from its text */
	size_t		 nstarts, scap;
	struct csv_rec {
		size_t		 text;	/* offsets into the two arrays above */
		size_t		 starts;
		size_t		 nfields;
		unsigned long	 line;
		struct csv_note	 note;
	}		*recs;
	size_t		 nrecs, rcap;
};

struct csv_stream {
	int		 fd;
	struct csv	*csv;		/* the reader: its errors after csv_stream_end */
	csv_note_fn	*note_fn;
	void		*note_ctx;
	struct hasher	 sha;		/* every byte read goes through it */
	struct csv_batch batch[CSV_STREAM_BATCHES];
	unsigned long	 filled;	/* batches handed over, ever */
	unsigned long	 taken;		/* of those, given back by the caller */
	int		 done;		/* the reader has finished */
	int		 stop;		/* the caller wants no more */
	enum csv_status	 status;	/* the reader's outcome */
	int		 read_errno;	/* nonzero: reading failed */
	int		 threaded;
	pthread_t	 thread;
	pthread_mutex_t	 mutex;
	pthread_cond_t	 cond;
	int		 wake[2];	/* a pipe: a byte in it stops the reader's wait for input */
	int		 woken;
	/* The caller's side: the batch it reads and the record it sees. */
	struct csv_batch *cur;
	size_t		 next;
	struct csv	 view;
};

/*
 * Starts reading fd into csv (csv_init'ed here), fn noting each record;
 * csv_stream_end releases it.
 */
void csv_stream_start(struct csv_stream *s, int fd, struct csv *csv,
    csv_note_fn *fn, void *ctx);
/*
 * The next record, NULL after the last or once stopped, and in *note what
 * fn made of it; both valid until the next call.
 */
const struct csv *csv_stream_next(struct csv_stream *s, const struct csv_note **note);
/*
 * Whether the record csv_stream_next gave last ends its batch: the next
 * call lets the reader fill that batch again, so what the caller kept of
 * its records (a pointer to a field) must be done with before.
 */
int csv_stream_batch_done(const struct csv_stream *s);
/* The caller wants no more records: reading stops as soon as it can. */
void csv_stream_stop(struct csv_stream *s);
/*
 * Waits for the reader; its outcome (CSV_STOP if stopped), in *read_errno
 * a read error or 0, and the SHA-256 of every byte read in sha256.
 */
enum csv_status csv_stream_end(struct csv_stream *s, int *read_errno, char sha256[65]);

#endif
