/*
 * The report as one self-contained HTML file, for the change manager and
 * the auditor: no external resource, a print stylesheet for A4 (a section
 * per page, no table row cut in two), the steps as a timeline and the
 * agents by version as a bar chart, both inline SVG, which prints.  Every
 * value is escaped; the status is said in words beside each colour.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "i18n.h"
#include "report.h"
#include "text.h"
#include "validate.h"
#include "xalloc.h"

/*
 * Text as HTML character data or an attribute value: nothing in it is
 * markup.  Control characters become spaces; the invisible and
 * direction-changing ones, which would reorder what a reader sees, and
 * bytes that are not UTF-8 are spelled out, as text_put_visible does.
 */
static void
esc(struct buf *b, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		unsigned cp;
		size_t n = utf8_next(s, len, &cp);

		if (n == 0) {
			buf_printf(b, "&lt;0x%02X&gt;", (unsigned char)*s);
			n = 1;
		} else if (char_is_control(cp))
			buf_putc(b, ' ');
		else if (char_is_hidden(cp))
			buf_printf(b, "&lt;U+%04X&gt;", cp);
		else if (cp == '&')
			buf_puts(b, "&amp;");
		else if (cp == '<')
			buf_puts(b, "&lt;");
		else if (cp == '>')
			buf_puts(b, "&gt;");
		else if (cp == '"')
			buf_puts(b, "&quot;");
		else if (cp == '\'')
			buf_puts(b, "&#39;");
		else
			buf_add(b, s, n);
		s += n;
		len -= n;
	}
}

static const char style[] =
    "body{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:10.5pt;line-height:1.4;"
    "color:#111;max-width:58em;margin:2em auto;padding:0 1em}"
    "h1{font-size:1.6em;margin-bottom:.2em}"
    "h2{font-size:1.25em;border-bottom:1px solid #888;margin-top:1.6em}"
    "h3{font-size:1.05em;margin:1.2em 0 .3em}"
    "p{margin:.25em 0}.entry{padding-left:1.5em;text-indent:-1.5em}"
    ".sub{color:#444}"
    ".l1{margin-left:0}.l2{margin-left:1.5em}.l3{margin-left:3em}.l4{margin-left:4.5em}"
    ".mark{font-family:\"DejaVu Sans Mono\",monospace;white-space:pre}"
    "code{font-family:\"DejaVu Sans Mono\",monospace;white-space:nowrap;background:#eee;padding:0 .2em}"
    "table{border-collapse:collapse;margin:.4em 0 .8em}"
    "th,td{border:1px solid #999;padding:.15em .5em;text-align:left;vertical-align:top}"
    "th{background:#e8e8e8}"
    ".status{font-weight:bold}"
    ".done{color:#1b5e20}.active{color:#0d47a1}.deferred{color:#8a5a00}.pending{color:#555}.flagged{color:#b71c1c}"
    "svg{display:block;margin:.5em 0}"
    "svg text{font-family:\"DejaVu Sans\",Arial,sans-serif;font-size:12px}"
    "@page{size:A4;margin:16mm 14mm}"
    "@media print{body{max-width:none;margin:0;padding:0}"
    "section{break-before:page}section:first-of-type{break-before:auto}"
    "h2,h3{break-after:avoid}tr,.entry,svg{break-inside:avoid}"
    "thead{display:table-header-group}}";

static void
close_open(struct report_out *o)
{
	if (o->open) {
		buf_puts(o->b, "</section>\n");
		o->open = 0;
	}
}

static void
begin(struct report_out *o, const char *title, const char *subtitle)
{
	buf_printf(o->b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
	    i18n_lang());
	esc(o->b, title);
	buf_printf(o->b, "</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>", style);
	esc(o->b, title);
	buf_puts(o->b, "</h1>\n<p class=\"sub\">");
	esc(o->b, subtitle);
	buf_puts(o->b, "</p></header>\n");
}

static void
section(struct report_out *o, const char *id, const char *title)
{
	close_open(o);
	buf_puts(o->b, "<section id=\"");
	esc(o->b, id);
	buf_puts(o->b, "\">\n<h2>");
	esc(o->b, title);
	buf_puts(o->b, "</h2>\n");
	o->open = 1;
}

static void
para(struct report_out *o, int level, const char *text)
{
	buf_printf(o->b, "<p class=\"l%d\">", level);
	esc(o->b, text);
	buf_puts(o->b, "</p>\n");
}

static void
entry(struct report_out *o, int level, const char *mark, const char *text)
{
	buf_printf(o->b, "<p class=\"entry l%d\"><span class=\"mark\">", level);
	esc(o->b, mark);
	buf_puts(o->b, "</span>");
	esc(o->b, text);
	buf_puts(o->b, "</p>\n");
}

static void
command(struct report_out *o, int level, const char *cmd)
{
	buf_printf(o->b, "<p class=\"l%d\"><code>", level);
	esc(o->b, cmd);
	buf_puts(o->b, "</code></p>\n");
}

static const char *
status_class(const struct report_step *s)
{
	return s->flagged ? "flagged" : describe_status_id(s->status);
}

static void
step(struct report_out *o, const struct report_step *s)
{
	buf_printf(o->b, "<h3 id=\"step-%s\">%zu. ", s->id, s->number);
	esc(o->b, s->title);
	buf_printf(o->b, " <span class=\"status %s\">", status_class(s));
	esc(o->b, describe_status(s->status));
	if (s->flagged) {
		buf_puts(o->b, ", ");
		esc(o->b, _("no longer holds"));
	}
	buf_puts(o->b, "</span></h3>\n");
	if (s->byline != NULL)
		para(o, 1, s->byline);
}

static void
table(struct report_out *o, int level, const struct report_table *t)
{
	buf_printf(o->b, "<table class=\"l%d\">\n<thead><tr>", level);
	for (size_t c = 0; c < t->ncols; c++) {
		buf_puts(o->b, "<th>");
		esc(o->b, t->head[c]);
		buf_puts(o->b, "</th>");
	}
	buf_puts(o->b, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		buf_puts(o->b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			buf_puts(o->b, "<td>");
			esc(o->b, t->cells[r * t->ncols + c]);
			buf_puts(o->b, "</td>");
		}
		buf_puts(o->b, "</tr>\n");
	}
	buf_puts(o->b, "</tbody>\n</table>\n");
}

/* The fill of a step's dot: a shape and a word say the same, for print in grey. */
static const char *
dot_fill(const struct report_step *s)
{
	if (s->flagged)
		return "#b71c1c";
	switch (s->status) {
	case STATUS_DONE:
		return "#2e7d32";
	case STATUS_ACTIVE:
		return "#1565c0";
	case STATUS_DEFERRED:
		return "#ef8f00";
	default:
		return "#ffffff";
	}
}

/* The steps from top to bottom on a line: done, current, to come, with their dates. */
static void
timeline(struct report_out *o, const struct report_step *v, size_t n)
{
	const int row = 34, top = 18;
	int height = top + (int)n * row;

	buf_printf(o->b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\" role=\"img\" aria-label=\"",
	    height, height);
	esc(o->b, _("The steps at a glance"));
	buf_puts(o->b, "\">\n");
	buf_printf(o->b, "<line x1=\"20\" y1=\"%d\" x2=\"20\" y2=\"%d\" stroke=\"#777\" stroke-width=\"2\"/>\n",
	    top, top + (int)(n - 1) * row);
	for (size_t i = 0; i < n; i++) {
		const struct report_step *s = &v[i];
		int y = top + (int)i * row;

		buf_printf(o->b, "<circle cx=\"20\" cy=\"%d\" r=\"%d\" fill=\"%s\" stroke=\"#333\" stroke-width=\"1.5\"/>\n",
		    y, s->status == STATUS_ACTIVE ? 9 : 7, dot_fill(s));
		buf_printf(o->b, "<text x=\"40\" y=\"%d\" font-weight=\"%s\">%zu. ", y + 4,
		    s->status == STATUS_ACTIVE ? "bold" : "normal", s->number);
		esc(o->b, s->title);
		buf_puts(o->b, "</text>\n");
		buf_printf(o->b, "<text x=\"330\" y=\"%d\" fill=\"#333\">", y + 4);
		esc(o->b, describe_status(s->status));
		if (s->date != NULL) {
			buf_puts(o->b, " \xe2\x80\x94 ");
			esc(o->b, s->date);
		}
		buf_puts(o->b, "</text>\n");
	}
	buf_puts(o->b, "</svg>\n");
}

/* The agents by version, one bar each, its count at its end. */
static void
chart(struct report_out *o, const struct inventory *inv)
{
	const int row = 24, label = 170, room = 380;
	unsigned long most = 1;
	int height = (int)inv->nversions * row + 10;

	if (inv->nversions == 0)
		return;
	for (size_t i = 0; i < inv->nversions; i++)
		most = inv->versions[i].count > most ? inv->versions[i].count : most;
	buf_printf(o->b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"%d\" viewBox=\"0 0 640 %d\" role=\"img\" aria-label=\"",
	    height, height);
	esc(o->b, _("Agents by version"));
	buf_puts(o->b, "\">\n");
	for (size_t i = 0; i < inv->nversions; i++) {
		const struct version_count *vc = &inv->versions[i];
		int y = 5 + (int)i * row;
		int w = (int)((double)vc->count / (double)most * room);

		buf_printf(o->b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label - 8, y + 15);
		esc(o->b, vc->version);
		buf_puts(o->b, "</text>\n");
		buf_printf(o->b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"#5c6bc0\"/>\n",
		    label, y + 1, w > 1 ? w : 1);
		buf_printf(o->b, "<text x=\"%d\" y=\"%d\">%lu</text>\n", label + (w > 1 ? w : 1) + 6,
		    y + 15, vc->count);
	}
	buf_puts(o->b, "</svg>\n");
}

static void
end(struct report_out *o)
{
	close_open(o);
	buf_puts(o->b, "</body>\n</html>\n");
}

static const struct report_ops html_ops = {
	begin, section, para, entry, command, step, table, timeline, chart, end,
};

static void
write_html(const struct model *m, const char *state_path, time_t now,
    struct buf *out)
{
	report_walk(&html_ops, m, state_path, now, out);
}

const struct report_format report_html_format = { "html", write_html };
