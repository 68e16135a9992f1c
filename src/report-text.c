/*
 * The report as plain text: 80 columns measured in characters, printable
 * as it is.  Commands stand whole on their own lines, never wrapped, so
 * they can be copied.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "xalloc.h"

#define INDENT 3

static void
begin(struct report_out *o, const char *title, const char *subtitle)
{
	text_wrap(o->b, title, 0, 0, REPORT_WIDTH);
	for (int i = 0; i < REPORT_WIDTH; i++)
		buf_putc(o->b, '=');
	buf_putc(o->b, '\n');
	text_wrap(o->b, subtitle, 0, 0, REPORT_WIDTH);
}

static void
section(struct report_out *o, const char *id, const char *title)
{
	size_t w = text_width(title);

	buf_putc(o->b, '\n');
	text_wrap(o->b, title, 0, 0, REPORT_WIDTH);
	for (size_t i = 0; i < w && i < REPORT_WIDTH; i++)
		buf_putc(o->b, '-');
	buf_putc(o->b, '\n');
	(void)id;
}

static void
para(struct report_out *o, int level, const char *text)
{
	size_t in = (size_t)level * INDENT;

	buf_printf(o->b, "%*s", (int)in, "");
	text_wrap(o->b, text, in, in, REPORT_WIDTH);
}

static void
entry(struct report_out *o, int level, const char *mark, const char *text)
{
	size_t in = (size_t)level * INDENT, hang = in + text_width(mark);

	/* A long mark (a date and a name) hangs no further than the middle. */
	if (hang > REPORT_WIDTH / 2)
		hang = in + INDENT;
	buf_printf(o->b, "%*s%s", (int)in, "", mark);
	text_wrap(o->b, text, hang, in + text_width(mark), REPORT_WIDTH);
}

static void
command(struct report_out *o, int level, const char *cmd)
{
	buf_printf(o->b, "%*s%s\n", level * INDENT, "", cmd);
}

static void
step(struct report_out *o, const struct report_step *s)
{
	/* TRANSLATORS: step number, title, id and status. */
	char *head = xasprintf(_("%zu. %s [%s]: %s"), s->number, s->title, s->id,
	    describe_status(s->status));

	buf_putc(o->b, '\n');
	text_wrap(o->b, head, INDENT, 0, REPORT_WIDTH);
	free(head);
	if (s->byline != NULL)
		para(o, 1, s->byline);
}

/*
 * Each column as wide as its header and its values, the last one taking
 * what is left and wrapping in it.
 */
static void
table(struct report_out *o, int level, const struct report_table *t)
{
	size_t in = (size_t)level * INDENT, *w = xcalloc(t->ncols, sizeof(*w)), used = in;

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = text_width(t->head[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t x = text_width(t->cells[r * t->ncols + c]);

			w[c] = x > w[c] ? x : w[c];
		}
	}
	for (size_t c = 0; c + 1 < t->ncols; c++)
		used += w[c] + 2;
	for (size_t r = 0; r <= t->nrows; r++) {
		buf_printf(o->b, "%*s", (int)in, "");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *cell = r == 0 ? t->head[c] : t->cells[(r - 1) * t->ncols + c];

			if (c + 1 < t->ncols)
				text_pad(o->b, cell, w[c] + 2);
			else
				text_wrap(o->b, cell, used, used, REPORT_WIDTH);
		}
	}
	free(w);
}

static void
timeline(struct report_out *o, const struct report_step *v, size_t n)
{
	(void)o;
	(void)v;
	(void)n;
}

static void
chart(struct report_out *o, const struct inventory *inv)
{
	(void)o;
	(void)inv;
}

static void
end(struct report_out *o)
{
	(void)o;
}

static const struct report_ops text_ops = {
	begin, section, para, entry, command, step, table, timeline, chart, end,
};

static void
write_text(const struct model *m, const char *state_path, time_t now,
    struct buf *out)
{
	report_walk(&text_ops, m, state_path, now, out);
}

const struct report_format report_text_format = { "text", write_text };
