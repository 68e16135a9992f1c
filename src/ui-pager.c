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
	struct emit_opts eo = { NULL, NULL };
	struct plan p;
	char *err = NULL;

	plan_build_now(m, &p);
	emitter_find("table")->emit(&p, m, &eo, b, &err);
	buf_printf(b, "\n%s\n", _("Scripts: ses-migrate firewall --format csv|powershell|netsh|nftables"));
	plan_free(&p);
}

static void
page_agents(const struct ui *u, struct buf *b)
{
	report_inventory(&u->s->model, b);
	buf_printf(b, "\n%s\n", _("Import an export with: ses-migrate agents import FILE"));
	buf_printf(b, "%s\n", _("Exclude an agent: ses-migrate agents exclude NAME --reason TEXT"));
}

static void
page_environment(const struct ui *u, struct buf *b)
{
	report_environment(&u->s->model, b);
	buf_printf(b, "\n%s\n", _("Change it with: ses-migrate host add|set|remove NAME ..."));
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

/* In the order of UA_FIREWALL, UA_AGENTS, UA_ENVIRONMENT, UA_REPORT, UA_BLOCKERS. */
const struct ui_page ui_pages[] = {
	{ N_("Firewall plan"), page_firewall },
	{ N_("Agent inventory"), page_agents },
	{ N_("Environment"), page_environment },
	{ N_("Progress report"), page_report },
	{ N_("Blockers"), page_blockers },
};

static char *
pager_title(const struct ui *u)
{
	return xasprintf("%s - %s", _(u->page->title), u->s->path);
}

/* The text with every line wider than cols wrapped, never cut. */
static void
fit(const char *text, size_t cols, struct buf *out)
{
	for (const char *p = text; *p != '\0'; ) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		if (text_width(line) > cols)
			text_wrap(out, line, 2, 0, cols);
		else
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

/* A text in a scrolling pane, the whole width; the scroll stops at its last screenful. */
static void
draw_pager(struct ui *u)
{
	struct buf raw, b;
	const char *p;
	int total = 0, rows = LINES - 4;

	buf_init(&raw);
	buf_init(&b);
	u->page->make(u, &raw);
	fit(raw.data, (size_t)COLS, &b);
	buf_free(&raw);
	for (p = b.data; *p != '\0'; p++)
		total += *p == '\n';
	if (u->scroll > total - rows)
		u->scroll = total - rows > 0 ? total - rows : 0;
	put_lines(&b, u->scroll, 2, 0, (size_t)COLS, LINES - 2);
	buf_free(&b);
}

static int
pager_key(struct ui *u, enum ui_action a, int raw)
{
	int rows = LINES - 4;

	switch (a) {
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
	case UA_QUIT:
	case UA_BACK:
	case UA_PREV_STEP:
		u->screen = &ui_steps_screen;
		break;
	default:
		break;
	}
	return 0;
}

static const struct ui_bar_item pager_bar[] = {
	{ UA_UP, N_("scroll") }, { UA_DOWN, N_("scroll") },
	{ UA_PAGE_UP, N_("scroll") }, { UA_PAGE_DOWN, N_("scroll") },
	{ UA_LANG, NULL }, { UA_QUIT, N_("back") }, { UA_NONE, NULL },
};

const struct ui_screen ui_pager_screen = { pager_title, draw_pager, pager_key, pager_bar };

static char *
help_title(const struct ui *u)
{
	return xstrdup(_("Keys"));
}

static void
draw_help(struct ui *u)
{
	struct buf b;

	buf_init(&b);
	ui_key_help(&b);
	buf_printf(&b, "\n%s\n", _("Every change is saved at once in the state file."));
	put_lines(&b, 0, 2, 2, (size_t)COLS - 4, LINES - 1);
	buf_free(&b);
}

/* Any key goes back to the steps; L switches the language, shown at once. */
static int
help_key(struct ui *u, enum ui_action a, int raw)
{
	if (a == UA_LANG)
		ui_switch_lang(u);
	else
		u->screen = &ui_steps_screen;
	return 0;
}

static const struct ui_bar_item help_bar[] = {
	{ UA_LANG, NULL }, { UA_QUIT, N_("back") }, { UA_NONE, NULL },
};

const struct ui_screen ui_help_screen = { help_title, draw_help, help_key, help_bar };
