/*
 * The plan as a change request for a network team: RFC 4180 CSV with CRLF
 * line ends and a fixed header, so their tools can take it as it is.  The
 * last column says when each change may be made, so that a team applying
 * it in one go can see which rows wait for the very end.
 */
#include <config.h>

#include <stdio.h>

#include "emit.h"

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	buf_puts(b, "source,destination,protocol,port,purpose,action,phase,when\r\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];
		char port[8];

		snprintf(port, sizeof(port), "%u", f->port);
		emit_csv_cell(b, f->source);
		buf_putc(b, ',');
		emit_csv_cell(b, f->destination);
		buf_putc(b, ',');
		emit_csv_cell(b, flow_proto_id(f->proto));
		buf_putc(b, ',');
		emit_csv_cell(b, port);
		buf_putc(b, ',');
		emit_csv_cell(b, flow_purpose(f));
		buf_putc(b, ',');
		emit_csv_cell(b, flow_action_id(f->action));
		buf_putc(b, ',');
		emit_csv_cell(b, plan_phase_id(p->phase));
		buf_putc(b, ',');
		/* Empty for a rule kept: it has no moment. */
		emit_csv_cell(b, flow_when_id(f->when));
		buf_puts(b, "\r\n");
	}
	(void)m;
	(void)o;
	(void)err;
	return 0;
}

const struct emitter emit_csv = { "csv", 0, emit };
