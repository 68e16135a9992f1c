/*
 * Drawing the wizard from the model.  Text is measured in columns (French
 * runs about 30% longer than English), and every state is shown in words or
 * marks, never by colour alone.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "describe.h"
#include "gates.h"
#include "i18n.h"
#include "text.h"
#include "ui.h"
#include "xalloc.h"

#define MIN_COLS	80
#define MIN_LINES	24
#define LEFT_WIDTH	33

/* Write s at (y, x), cut to cols columns. */
static void
put_cut(int y, int x, const char *s, size_t cols)
{
	size_t n = text_fit(s, strlen(s), cols, NULL);
	char *part = xstrndup(s, n);

	mvaddstr(y, x, part);
	free(part);
}

/*
 * Write s wrapped to width columns from (y, x), later lines indented by
 * indent; stops before row bottom.  Returns the next free row.
 */
static int
put_wrapped(int y, int x, int width, int indent, const char *s, int bottom)
{
	struct buf b;
	const char *p;

	buf_init(&b);
	text_wrap(&b, s, (size_t)indent, 0, (size_t)width);
	for (p = b.data; *p != '\0' && y < bottom; y++) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		put_cut(y, x, line, (size_t)width);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	buf_free(&b);
	return y;
}

static const char *
step_mark(enum step_status st)
{
	switch (st) {
	case STATUS_DONE:
		return "[x]";
	case STATUS_ACTIVE:
		return "[>]";
	case STATUS_DEFERRED:
		return "[~]";
	default:
		return "[ ]";
	}
}

static void
draw_steps(struct ui *u)
{
	const struct model *m = &u->s->model;

	for (int i = 0; i < STEP_COUNT; i++) {
		struct findings f;
		int flagged;
		char *line;

		findings_init(&f);
		flagged = gates_flagged(m, i, clock_now(), &f);
		findings_free(&f);
		line = xasprintf("%s %d. %s", flagged ? "[!]" :
		    step_mark(model_step_status(m, i)), i + 1, _(guide_steps[i].title));

		if (i == u->view)
			attron(A_REVERSE);
		mvhline(2 + i, 0, ' ', LEFT_WIDTH - 1);
		put_cut(2 + i, 1, line, LEFT_WIDTH - 2);
		if (i == u->view)
			attroff(A_REVERSE);
		free(line);
	}
	put_wrapped(3 + STEP_COUNT, 1, LEFT_WIDTH - 2, 0,
	    _("[x] done  [>] active  [~] deferred  [ ] pending  [!] done, but no longer holds"), LINES - 2);
}

static void
draw_step(struct ui *u)
{
	const struct model *m = &u->s->model;
	const struct guide_step *st = &guide_steps[u->view];
	int x = LEFT_WIDTH + 1, width = COLS - x - 1, y = 2, bottom = LINES - 2;
	struct findings f;
	char *head;

	head = xasprintf(_("Step %d of %d: %s (%s)"), u->view + 1, STEP_COUNT,
	    _(st->title), describe_status(model_step_status(m, u->view)));
	attron(A_BOLD);
	y = put_wrapped(y, x, width, 0, head, bottom);
	attroff(A_BOLD);
	free(head);
	y = put_wrapped(y, x, width, 0, _(st->summary), bottom) + 1;

	findings_init(&f);
	gates_eval(m, u->view, clock_now(), &f);
	for (size_t i = 0; i < st->nitems && y < bottom; i++) {
		size_t item = st->first_item + i;
		int sel = (int)i == u->cursor;

		if (sel)
			attron(A_REVERSE);
		mvaddstr(y, x, sel ? ">" : " ");
		mvaddstr(y, x + 2, describe_mark(m, item, &f));
		y = put_wrapped(y, x + 6, width - 6, 0, _(guide_items[item].label), bottom);
		if (sel)
			attroff(A_REVERSE);
	}
	/* Blockers come before the item's help: they are what stops the operator. */
	if (y + 1 < bottom) {
		y++;
		attron(A_BOLD);
		y = put_wrapped(y, x, width, 0, findings_errors(&f) == 0 ?
		    _("Nothing blocks this step.") :
		    m->steps[u->view].status == STATUS_DONE ?
		    _("Done, but no longer holds:") : _("Blockers:"), bottom);
		attroff(A_BOLD);
	}
	for (size_t i = 0; i < f.n && y < bottom; i++) {
		if (y == bottom - 1 && i + 1 < f.n) {
			/* Never let a blocker go unmentioned. */
			char *more = xasprintf(P_("+ %zu more: ses-migrate check lists it.",
			    "+ %zu more: ses-migrate check lists them all.", f.n - i), f.n - i);

			y = put_wrapped(y, x, width, 0, more, bottom);
			free(more);
			break;
		}
		mvaddstr(y, x, f.v[i].severity == SEV_ERROR ? "!" : "i");
		y = put_wrapped(y, x + 2, width - 2, 0, f.v[i].message, bottom);
	}
	if (y + 1 < bottom) {
		size_t item = st->first_item + (size_t)u->cursor;

		attron(A_DIM);
		put_wrapped(y + 1, x, width, 0, _(guide_items[item].help), bottom);
		attroff(A_DIM);
	}
	findings_free(&f);
}

static void
draw_help(void)
{
	static const char *const lines[] = {
		N_("Keys"),
		"",
		N_("Up, Down, j, k     choose an item"),
		N_("Left, Right, h, l  show the previous or next step"),
		N_("Space              tick or untick the chosen item"),
		N_("n                  complete the current step, if nothing blocks it"),
		N_("f                  the firewall plan"),
		N_("a                  the agent inventory"),
		N_("e                  the environment: hosts, roles, versions"),
		N_("r                  the progress report"),
		N_("L                  switch between French and English"),
		N_("?, F1              this help"),
		N_("q                  quit (progress is already saved)"),
		"",
		N_("Every change is saved at once in the state file."),
		N_("Press any key to go back."),
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]) && 2 + (int)i < LINES - 1; i++)
		put_cut(2 + (int)i, 2, *lines[i] ? _(lines[i]) : "", (size_t)COLS - 4);
}

/* A text in a scrolling pane; the scroll stops at its last screenful. */
static void
draw_pager(struct ui *u)
{
	struct buf b;
	const char *p;
	int total = 0, rows = LINES - 4, y = 2, skip;

	buf_init(&b);
	u->page->make(u, &b);
	for (p = b.data; *p != '\0'; p++)
		total += *p == '\n';
	if (u->scroll > total - rows)
		u->scroll = total - rows > 0 ? total - rows : 0;
	skip = u->scroll;
	for (p = b.data; *p != '\0' && y < LINES - 2; ) {
		size_t n = strcspn(p, "\n");

		if (skip > 0)
			skip--;
		else {
			char *line = xstrndup(p, n);

			put_cut(y++, 1, line, (size_t)COLS - 2);
			free(line);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
	buf_free(&b);
}

void
ui_draw(struct ui *u)
{
	const char *keys;
	char *title;

	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		char *msg = xasprintf(_("Terminal too small: %dx%d, the wizard needs %dx%d."),
		    COLS, LINES, MIN_COLS, MIN_LINES);

		put_wrapped(0, 0, COLS, 0, msg, LINES);
		free(msg);
		refresh();
		return;
	}
	if (u->mode == MODE_PAGER)
		title = xasprintf("%s - %s", _(u->page->title), u->s->path);
	else
		title = xasprintf(_("SES Evolution 2.6 to 2.7.1 migration - %s - %s"),
		    u->s->operator, u->s->path);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	put_cut(0, 1, title, (size_t)COLS - 2);
	attroff(A_REVERSE);
	free(title);

	switch (u->mode) {
	case MODE_HELP:
		draw_help();
		keys = _("Any key: back");
		break;
	case MODE_PAGER:
		draw_pager(u);
		keys = _("Up/Down, PgUp/PgDn scroll  L français  q back");
		break;
	default:
		draw_steps(u);
		mvvline(2, LEFT_WIDTH - 1, ACS_VLINE, LINES - 4);
		draw_step(u);
		keys = _("Space tick  n next  f firewall  a agents  r report  L français  ? help  q quit");
		break;
	}
	if (u->mode == MODE_CONFIRM) {
		char *prompt = xasprintf(_("Point of no return: agents below 2.7.1 will lose their agent handler. Type %s and Enter to confirm, Esc to cancel: %s"),
		    UI_CONFIRM_WORD, u->typed);

		attron(A_BOLD);
		put_wrapped(LINES - 3, 1, COLS - 2, 0, prompt, LINES - 1);
		attroff(A_BOLD);
		free(prompt);
		keys = _("Enter confirm  Esc cancel");
	} else if (u->message != NULL)
		put_cut(LINES - 2, 1, u->message, (size_t)COLS - 2);
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	put_cut(LINES - 1, 1, keys, (size_t)COLS - 2);
	attroff(A_REVERSE);
	refresh();
}
