/*
 * The wizard's texts: the firewall plan, the agent inventory, the
 * environment and the report in a scrolling pane, and the help.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "describe.h"
#include "emit.h"
#include "gates.h"
#include "i18n.h"
#include "plan.h"
#include "report.h"
#include "text.h"
#include "ui-int.h"
#include "xalloc.h"

static void
page_firewall(const struct ui *u, struct buf *b)
{
	const struct model *m = &u->s->model;
	struct emit_opts eo = { NULL, FRONT_WIZARD, NULL };
	struct plan p;
	char *err = NULL;

	plan_build_now(m, &p);
	emitter_find("table")->emit(&p, m, &eo, b, &err);
	buf_printf(b, "\n%s\n", _("s saves it for a change request or as a script: CSV, PowerShell, netsh or nftables, for any phase or host."));
	plan_free(&p);
}

static void
page_report(const struct ui *u, struct buf *b)
{
	report_format_find("text")->write(&u->s->model, u->s->path, clock_now(), b);
}

/* Every finding of the step in view, each with its fix in the wizard's words. */
static void
page_blockers(const struct ui *u, struct buf *b)
{
	const struct model *m = &u->s->model;
	struct findings f;
	char *head;

	findings_init(&f);
	gates_eval(m, u->view, clock_now(), &f);
	head = xasprintf(_("Step %zu of %zu: %s (%s)"), u->view + 1, m->mig->nsteps,
	    _(m->mig->steps[u->view].title), describe_status(model_step_status(m, u->view)));
	buf_printf(b, "%s\n\n", head);
	free(head);
	if (f.n == 0)
		buf_printf(b, "%s\n", _("Nothing blocks this step."));
	report_findings(&f, FRONT_WIZARD, 0, b);
	findings_free(&f);
}

/* Every key and what it does: made from the key table, like the key bars. */
static void
page_help(const struct ui *u, struct buf *b)
{
	(void)u;	/* the signature every one of its kind has */
	ui_key_help(b, (size_t)COLS - 1);
	buf_printf(b, "\n  %s\n", _("Every change is saved at once in the state file."));
}

const struct ui_page ui_help_page = { N_("Keys"), page_help, NULL };

const struct ui_page ui_firewall_page = { N_("Firewall plan"), page_firewall, ui_export_plan };
const struct ui_page ui_report_page = { N_("Progress report"), page_report, ui_save_report };
const struct ui_page ui_blockers_page = { N_("Blockers"), page_blockers, NULL };

static char *
pager_title(const struct ui *u)
{
	return ui_title_with_path(_(u->page->title), u->s->path);
}

/*
 * The text with every line wider than cols wrapped, never cut.  A wrapped
 * line keeps its indentation, and its next lines go two columns further
 * in: a previewed script shows which block each line belongs to.  Deep
 * indentation yields to the text past half the width.
 */
static void
fit(const char *text, size_t cols, struct buf *out)
{
	for (const char *p = text; *p != '\0'; ) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		if (text_width(line) > cols) {
			size_t lead = strspn(line, " ");

			if (lead > cols / 2)
				lead = cols / 2;
			buf_printf(out, "%*s", (int)lead, "");
			text_wrap(out, line + lead, lead + 2, lead, cols);
		} else
			buf_printf(out, "%s\n", line);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* The lines of b from line skip on, drawn from row y at column x, cut to width, above row bottom. */
static void
put_lines(const struct buf *b, int skip, int y, int x, size_t width, int bottom)
{
	for (const char *p = b->data; *p != '\0' && y < bottom; ) {
		size_t n = strcspn(p, "\n");

		if (skip > 0)
			skip--;
		else {
			char *line = xstrndup(p, n);

			ui_put_cut(y++, x, line, width);
			free(line);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* The pager's text as shown, lines fitted to the screen; returns how many lines. */
static int
pager_text(const struct ui *u, struct buf *b)
{
	struct buf raw;
	int total = 0;

	buf_init(&raw);
	u->page->make(u, &raw);
	fit(raw.data, (size_t)COLS, b);
	buf_free(&raw);
	for (const char *p = b->data; *p != '\0'; p++)
		total += *p == '\n';
	return total;
}

/* A text in a scrolling pane, the whole width; the scroll stops at its last screenful. */
static void
draw_pager(struct ui *u)
{
	struct buf b;
	int rows = u->bottom - 2, total;
	char *where;

	buf_init(&b);
	total = pager_text(u, &b);
	if (u->scroll > total - rows)
		u->scroll = total - rows > 0 ? total - rows : 0;
	put_lines(&b, u->scroll, 2, 0, (size_t)COLS, u->bottom);
	buf_free(&b);
	/* Where the screen is in the text, at the right of the title line. */
	where = xasprintf(" %d-%d/%d ", total > 0 ? u->scroll + 1 : 0,
	    u->scroll + rows < total ? u->scroll + rows : total, total);
	attron(A_REVERSE);
	ui_put_cut(0, COLS - (int)strlen(where) - 1, where, strlen(where));
	attroff(A_REVERSE);
	free(where);
}

/* Scroll to the next line below the top one that holds the search, or the first from the top. */
static void
find_next(struct ui *u)
{
	struct buf b;
	int line = 0, first = -1, next = -1;

	buf_init(&b);
	pager_text(u, &b);
	for (const char *p = b.data; *p != '\0' && next < 0; line++) {
		size_t n = strcspn(p, "\n");
		char *text = xstrndup(p, n);

		if (strcasestr(text, u->find) != NULL) {
			if (first < 0)
				first = line;
			if (line > u->scroll)
				next = line;
		}
		free(text);
		p += n;
		if (*p == '\n')
			p++;
	}
	buf_free(&b);
	if (next < 0)
		next = first;
	if (next < 0)
		ui_note(u, N_("Not found: %s"), 0, u->find, NULL);
	else {
		u->scroll = next;
		ui_note(u, N_("Found: %s"), 0, u->find, NULL);
	}
}

static int
pager_key(struct ui *u, enum ui_action a, int raw)
{
	(void)raw;	/* the signature every one of its kind has */
	int rows = LINES - 4;

	switch (a) {
	case UA_HOME:
		u->scroll = 0;
		break;
	case UA_END:
		u->scroll = 1 << 30;	/* the draw brings it back to the last screenful */
		break;
	case UA_SEARCH:
		u->find[0] = '\0';
		u->screen = &ui_search_screen;
		break;
	case UA_UP:
		u->scroll = u->scroll > 0 ? u->scroll - 1 : 0;
		break;
	case UA_DOWN:
		u->scroll++;
		break;
	case UA_PAGE_UP:
		u->scroll = u->scroll > rows ? u->scroll - rows : 0;
		break;
	case UA_PAGE_DOWN:
	case UA_TICK:
		u->scroll += rows;
		break;
	case UA_LANG:
		ui_switch_lang(u);
		break;
	case UA_SAVE:
		/* The firewall plan and the report can be saved; the other texts are views. */
		if (u->page->save != NULL)
			u->page->save(u);
		else
			ui_note(u, N_("This view is not saved: the report (r) holds it all."), 0, NULL, NULL);
		break;
	case UA_QUIT:
	case UA_BACK:
	case UA_PREV_STEP:
		u->screen = u->pager_back != NULL ? u->pager_back : &ui_steps_screen;
		u->pager_back = NULL;
		break;
	default:
		break;
	}
	return 0;
}

static const struct ui_bar_item pager_bar[] = {
	{ UA_PAGE_UP, N_("scroll") }, { UA_PAGE_DOWN, N_("scroll") },
	{ UA_SAVE, N_("save") }, { UA_SEARCH, N_("search") },
	{ UA_LANG, NULL }, { UA_QUIT, N_("back") }, { UA_NONE, NULL },
};

/* Save is offered where there is something to save. */
static int
pager_shows(const struct ui *u, enum ui_action a)
{
	return a != UA_SAVE || u->page->save != NULL;
}

const struct ui_screen ui_pager_screen = { pager_title, draw_pager, pager_key, pager_bar, 0, pager_shows };

/* The search being typed, under the text. */
static void
draw_search(struct ui *u)
{
	char *prompt;

	draw_pager(u);
	prompt = xasprintf(_("Search: %s"), u->find);
	mvhline(LINES - 2, 0, ' ', COLS);
	attron(A_BOLD);
	ui_put_cut(LINES - 2, 1, prompt, (size_t)COLS - 2);
	attroff(A_BOLD);
	free(prompt);
}

static int
search_key(struct ui *u, enum ui_action a, int raw)
{
	size_t len = strlen(u->find);

	if (a == UA_BACK) {
		u->screen = &ui_pager_screen;
	} else if (a == UA_CONFIRM) {
		u->screen = &ui_pager_screen;
		/* Enter alone searches again for the last one. */
		if (u->find[0] == '\0')
			memcpy(u->find, u->found, sizeof(u->find));
		if (u->find[0] != '\0') {
			memcpy(u->found, u->find, sizeof(u->found));
			find_next(u);
		}
	} else if ((raw == KEY_BACKSPACE || raw == 127 || raw == 8) && len > 0) {
		/* Whole characters: continuation bytes go with their lead. */
		while (len > 0 && ((unsigned char)u->find[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		u->find[len] = '\0';
	} else if (raw >= ' ' && raw < 256 && raw != 127 && len + 1 < sizeof(u->find)) {
		u->find[len] = (char)raw;
		u->find[len + 1] = '\0';
	}
	return 0;
}

static const struct ui_bar_item search_bar[] = {
	{ UA_CONFIRM, N_("find") }, { UA_BACK, N_("cancel") }, { UA_NONE, NULL },
};

const struct ui_screen ui_search_screen = { pager_title, draw_search, search_key, search_bar, 1, NULL };

