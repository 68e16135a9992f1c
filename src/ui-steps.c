/*
 * The wizard's main screen: the steps on the left, the step in view on the
 * right with its items, its blockers and what to do about them; and the
 * typed confirmation before the point of no return.  The core decides
 * every refusal; these screens only show them.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "dates.h"
#include "describe.h"
#include "finding.h"
#include "gates.h"
#include "i18n.h"
#include "text.h"
#include "ui-int.h"
#include "xalloc.h"

#define LEFT_WIDTH 33

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

static const struct {
	const char	*mark;
	const char	*meaning;	/* N_() */
} legend[] = {
	{ "[x]", N_("done") }, { "[>]", N_("active") }, { "[~]", N_("deferred") },
	{ "[ ]", N_("pending") }, { "[!]", N_("done, but no longer holds") },
};

static void
draw_list(struct ui *u)
{
	const struct model *m = &u->s->model;

	for (size_t i = 0; i < m->mig->nsteps; i++) {
		struct findings f;
		int flagged;
		char *line;

		findings_init(&f);
		flagged = gates_flagged(m, i, clock_now(), &f);
		findings_free(&f);
		line = xasprintf("%s %zu. %s", flagged ? "[!]" :
		    step_mark(model_step_status(m, i)), i + 1, _(m->mig->steps[i].title));
		if (i == u->view)
			attron(A_REVERSE);
		mvhline(2 + (int)i, 0, ' ', LEFT_WIDTH - 1);
		ui_put_cut(2 + (int)i, 1, line, LEFT_WIDTH - 2);
		if (i == u->view)
			attroff(A_REVERSE);
		free(line);
	}
	/* The legend, a mark per line so that none is cut from its meaning. */
	for (size_t i = 0; i < sizeof(legend) / sizeof(legend[0]); i++) {
		int y = 3 + (int)m->mig->nsteps + (int)i;
		char *line;

		if (y >= u->bottom)
			break;
		line = xasprintf("%s %s", legend[i].mark, _(legend[i].meaning));
		ui_put_cut(y, 1, line, LEFT_WIDTH - 2);
		free(line);
	}
}

/*
 * The blockers, each with what to do about it in the wizard's words when
 * there is room for all of that; else the blockers alone, and a line that
 * says how many more there are when even they do not fit.
 */
static int
draw_findings(const struct findings *all, int y, int x, int width, int bottom)
{
	char **messages = xcalloc(all->n, sizeof(*messages));
	char **hints = xcalloc(all->n, sizeof(*hints));
	struct findings sorted = { xcalloc(all->n, sizeof(*all->v)), all->n }, *f = &sorted;
	size_t k = 0;
	int need = 0, with_hints;

	/* What blocks first, then the notes: the first line is always a blocker when there is one. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < all->n; i++)
			if ((all->v[i].severity == SEV_ERROR) == (pass == 0))
				sorted.v[k++] = all->v[i];
	for (size_t i = 0; i < f->n; i++) {
		messages[i] = finding_message(&f->v[i]);
		hints[i] = finding_hint(&f->v[i], FRONT_WIZARD);
		need += ui_lines_needed(messages[i], width - 2);
		if (*hints[i] != '\0')
			need += ui_lines_needed(hints[i], width - 4);
	}
	with_hints = y + need <= bottom;
	for (size_t i = 0; i < f->n && y < bottom; i++) {
		int lines = ui_lines_needed(messages[i], width - 2) +
		    (with_hints && *hints[i] != '\0' ? ui_lines_needed(hints[i], width - 4) : 0);
		char *more = xasprintf(P_("+ %zu more: b lists it, with what to do.",
		    "+ %zu more: b lists them all, with what to do.", f->n - i), f->n - i);
		int reserve = i + 1 < f->n ? ui_lines_needed(more, width) : 0;

		/*
		 * Never let a blocker go unmentioned: room for a line on the
		 * rest.  The first one is shown even when it must be cut, so
		 * that the step's screen always names what blocks it.
		 */
		if (y + lines + reserve > bottom && (i > 0 || y + 1 + reserve > bottom)) {
			y = ui_put_wrapped(y, x, width, 0, more, bottom);
			free(more);
			break;
		}
		free(more);
		if (y + lines + reserve > bottom) {
			mvaddstr(y, x, f->v[i].severity == SEV_ERROR ? "!" : "i");
			y = ui_put_wrapped(y, x + 2, width - 2, 0, messages[i], bottom - reserve);
			continue;
		}
		mvaddstr(y, x, f->v[i].severity == SEV_ERROR ? "!" : "i");
		y = ui_put_wrapped(y, x + 2, width - 2, 0, messages[i], bottom);
		if (with_hints && *hints[i] != '\0') {
			attron(A_DIM);
			y = ui_put_wrapped(y, x + 4, width - 4, 0, hints[i], bottom);
			attroff(A_DIM);
		}
	}
	for (size_t i = 0; i < f->n; i++) {
		free(messages[i]);
		free(hints[i]);
	}
	free(messages);
	free(hints);
	/* The copies share what the findings hold: only the array is ours. */
	free(sorted.v);
	return y;
}

/* Who put the step where it is, and why: colleagues take over mid-way. */
static int
draw_record(const struct step_record *r, int y, int x, int width, int bottom)
{
	char *who, *when;

	if (r->by == NULL || (r->status != STATUS_DEFERRED && r->status != STATUS_DONE))
		return y;
	when = date_text_iso(r->at);
	who = r->status == STATUS_DEFERRED ?
	    xasprintf(_("Deferred by %s on %s: %s"), r->by, when, r->reason != NULL ? r->reason : "") :
	    xasprintf(_("Completed by %s on %s."), r->by, when);
	y = ui_put_wrapped(y, x, width, 2, who, bottom);
	free(who);
	free(when);
	return y;
}

static void
draw_step(struct ui *u)
{
	const struct model *m = &u->s->model;
	const struct step_def *st = &m->mig->steps[u->view];
	int x = LEFT_WIDTH + 1, width = COLS - x - 1, y = 2, bottom = u->bottom;
	struct findings f;
	char *head;

	head = xasprintf(_("Step %zu of %zu: %s (%s)"), u->view + 1, m->mig->nsteps,
	    _(st->title), describe_status(model_step_status(m, u->view)));
	attron(A_BOLD);
	y = ui_put_wrapped(y, x, width, 0, head, bottom);
	attroff(A_BOLD);
	free(head);
	y = draw_record(&m->steps[u->view], y, x, width, bottom);
	if (m->steps[u->view].note != NULL) {
		char *note = xasprintf(_("Note: %s"), m->steps[u->view].note);

		y = ui_put_wrapped(y, x, width, 2, note, bottom);
		free(note);
	}
	findings_init(&f);
	gates_eval(m, u->view, clock_now(), &f);
	{
		/*
		 * The items and the first blocker must fit: when something
		 * blocks, the summary gives way to them, cut and marked, if the
		 * screen is short (a French summary at 80x24).
		 */
		int need = 4, room = bottom - y;

		if (findings_errors(&f) > 0) {
			for (size_t i = 0; i < st->nitems; i++)
				need += ui_lines_needed(_(m->mig->items[st->first_item + i].label), width - 6);
			room = bottom - y - 1 - need;
			if (room < 2)
				room = 2;
		}
		y = ui_put_wrapped(y, x, width, 0, _(st->summary), y + room < bottom ? y + room : bottom) + 1;
	}
	for (size_t i = 0; i < st->nitems && y < bottom; i++) {
		size_t item = st->first_item + i;
		int sel = i == u->cursor;

		/*
		 * The marker and the box say which item is chosen; the label
		 * stays as it is, so that a move rewrites two boxes, not two
		 * labels of several lines (bytes over a slow SSH link).
		 */
		if (sel)
			attron(A_REVERSE);
		mvaddstr(y, x, sel ? ">" : " ");
		mvaddstr(y, x + 2, describe_mark(m, item, &f));
		if (sel)
			attroff(A_REVERSE);
		y = ui_put_wrapped(y, x + 6, width - 6, 0, _(m->mig->items[item].label), bottom);
	}
	/* Blockers come before the item's help: they are what stops the operator. */
	if (y + 1 < bottom) {
		y++;
		attron(A_BOLD);
		y = ui_put_wrapped(y, x, width, 0, findings_errors(&f) == 0 ?
		    _("Nothing blocks this step.") :
		    m->steps[u->view].status == STATUS_DONE ?
		    _("Done, but no longer holds:") : _("Blockers:"), bottom);
		attroff(A_BOLD);
	}
	y = draw_findings(&f, y, x, width, bottom);
	if (y + 1 < bottom) {
		size_t item = st->first_item + u->cursor;

		attron(A_DIM);
		ui_put_wrapped(y + 1, x, width, 0, _(m->mig->items[item].help), bottom);
		attroff(A_DIM);
	}
	findings_free(&f);
}

static void
draw_steps(struct ui *u)
{
	draw_list(u);
	mvvline(2, LEFT_WIDTH - 1, ui_term_utf8() ? ACS_VLINE : '|', u->bottom - 2);
	draw_step(u);
}

static char *
steps_title(const struct ui *u)
{
	/* TRANSLATORS: the title line: the migration, then who is at the keyboard. */
	char *left = xasprintf(_("%s - %s"), _(u->s->model.mig->title), u->s->operator);
	char *title = ui_title_with_path(left, u->s->path);

	free(left);
	return title;
}

/* Tick or untick the item under the cursor; the core says if it cannot be. */
static void
tick(struct ui *u)
{
	const struct model *m = &u->s->model;
	size_t item = m->mig->steps[u->view].first_item + u->cursor;
	char *id = xstrdup(m->mig->items[item].id), *err = NULL;
	struct actor a;
	enum act_status r;

	if (!ui_begin(u)) {
		free(id);
		return;
	}
	session_actor(u->s, &a);
	if (u->s->model.marks[item].at != NULL)
		r = act_unconfirm(&u->s->model, &a, id, &err);
	else
		r = act_confirm(&u->s->model, &a, id, NULL, &err);
	free(id);
	if (r != ACT_OK) {
		session_abort(u->s);
		ui_refusal(u, err);
		return;
	}
	ui_note(u, u->s->model.marks[item].at != NULL ? N_("Confirmed: %s.") :
	    N_("Confirmation withdrawn: %s."), 1, m->mig->items[item].label, NULL);
	ui_commit(u);
}

/* Complete the step in view, once the core lets it; done, the view follows. */
static void
complete(struct ui *u)
{
	size_t step = u->view;
	const struct migration *mig = u->s->model.mig;
	struct findings f;
	struct actor a;
	char *err = NULL, count[24];

	if (!ui_begin(u))
		return;
	session_actor(u->s, &a);
	findings_init(&f);
	switch (act_complete(&u->s->model, &a, step, &f, &err)) {
	case ACT_INVALID:
		session_abort(u->s);
		ui_refusal(u, err);
		break;
	case ACT_REFUSED:
		session_abort(u->s);
		snprintf(count, sizeof(count), "%zu", findings_errors(&f));
		msg_set_n(&u->note, NP_("Cannot move on: %s blocker is listed on the right.",
		    "Cannot move on: %s blockers are listed on the right."),
		    findings_errors(&f), count);
		break;
	default:
		ui_note(u, model_complete(&u->s->model) ?
		    N_("Step \"%s\" is done: the migration is complete.") :
		    N_("Step \"%s\" is done."), 1, mig->steps[step].title, NULL);
		ui_commit(u);
		u->view = model_current_step(&u->s->model);
		if (u->view == mig->nsteps)
			u->view = mig->nsteps - 1;
		u->cursor = 0;
	}
	findings_free(&f);
}

/* n: the point of no return asks for its word once nothing blocks it. */
static void
next_step(struct ui *u)
{
	const struct model *m = &u->s->model;
	struct findings f;

	if (model_complete(m)) {
		ui_note(u, N_("The migration is complete."), 0, NULL, NULL);
		return;
	}
	if (u->view == m->mig->irreversible) {
		findings_init(&f);
		gates_eval(m, u->view, clock_now(), &f);
		if (findings_errors(&f) == 0 && m->steps[u->view].status != STATUS_DONE) {
			findings_free(&f);
			u->typed[0] = '\0';
			u->screen = &ui_confirm_screen;
			ui_note(u, NULL, 0, NULL, NULL);
			return;
		}
		findings_free(&f);
	}
	complete(u);
}

static void
open_page(struct ui *u, const struct ui_page *page)
{
	u->page = page;
	u->scroll = 0;
	u->pager_back = &ui_steps_screen;
	u->screen = &ui_pager_screen;
}

static int
steps_key(struct ui *u, enum ui_action a, int raw)
{
	(void)raw;	/* the signature every one of its kind has */
	const struct migration *mig = u->s->model.mig;
	size_t nitems = mig->steps[u->view].nitems;

	/* Moving on makes the last message stale: it goes. */
	if (a == UA_UP || a == UA_DOWN || a == UA_PREV_STEP || a == UA_NEXT_STEP ||
	    a == UA_PAGE_UP || a == UA_PAGE_DOWN || a == UA_HELP ||
	    (a >= UA_FIREWALL && a <= UA_BLOCKERS))
		ui_note(u, NULL, 0, NULL, NULL);
	switch (a) {
	case UA_UP:
		u->cursor = u->cursor > 0 ? u->cursor - 1 : 0;
		break;
	case UA_DOWN:
		u->cursor = u->cursor + 1 < nitems ? u->cursor + 1 : u->cursor;
		break;
	case UA_PREV_STEP:
	case UA_PAGE_UP:
		if (u->view > 0) {
			u->view--;
			u->cursor = 0;
		}
		break;
	case UA_NEXT_STEP:
	case UA_PAGE_DOWN:
		if (u->view + 1 < mig->nsteps) {
			u->view++;
			u->cursor = 0;
		}
		break;
	case UA_TICK:
		tick(u);
		break;
	case UA_COMPLETE:
		next_step(u);
		break;
	case UA_CONFIRM:
		ui_note_item(u);
		break;
	case UA_DEFER:
		ui_defer(u);
		break;
	case UA_REOPEN:
		ui_reopen(u);
		break;
	case UA_WAIVE:
		ui_waive(u);
		break;
	case UA_PROBE:
		ui_probe(u);
		break;
	case UA_STEP_NOTE:
		ui_note_step(u);
		break;
	case UA_LANG:
		ui_switch_lang(u);
		break;
	case UA_HELP:
		open_page(u, &ui_help_page);
		break;
	case UA_ENVIRONMENT:
		u->line = 0;
		u->screen = &ui_env_screen;
		break;
	case UA_AGENTS:
		u->line = 0;
		u->screen = &ui_agents_screen;
		break;
	case UA_FIREWALL:
		open_page(u, &ui_firewall_page);
		break;
	case UA_REPORT:
		open_page(u, &ui_report_page);
		break;
	case UA_BLOCKERS:
		open_page(u, &ui_blockers_page);
		break;
	case UA_QUIT:
	case UA_BACK:
		return 1;
	default:
		break;
	}
	return 0;
}

static const struct ui_bar_item steps_bar[] = {
	{ UA_TICK, N_("tick") }, { UA_COMPLETE, N_("next") }, { UA_DEFER, N_("defer") },
	{ UA_REOPEN, N_("reopen") }, { UA_WAIVE, N_("waive") },
	{ UA_ENVIRONMENT, N_("hosts") }, { UA_AGENTS, N_("agents") },
	{ UA_FIREWALL, N_("firewall") }, { UA_REPORT, N_("report") }, { UA_LANG, NULL },
	{ UA_HELP, N_("help") }, { UA_QUIT, N_("quit") }, { UA_NONE, NULL },
};

/* The keys that act on this step or item now: the core says which. */
static int
steps_shows(const struct ui *u, enum ui_action a)
{
	const struct model *m = &u->s->model;
	const struct migration *mig = m->mig;
	size_t item = mig->steps[u->view].first_item + u->cursor;
	char *err = NULL;
	int can;

	switch (a) {
	case UA_TICK:
		return mig->items[item].kind == ITEM_TICK;
	case UA_COMPLETE:
		return u->view == model_current_step(m) || m->steps[u->view].status == STATUS_DEFERRED;
	case UA_DEFER:
		can = act_can_defer(m, mig->steps[u->view].id, &err);
		break;
	case UA_REOPEN:
		can = act_can_reopen(m, mig->steps[u->view].id, &err);
		break;
	case UA_WAIVE:
		can = act_can_waive(m, mig->items[item].id, &err);
		break;
	default:
		return 1;
	}
	free(err);
	return can;
}

const struct ui_screen ui_steps_screen = { steps_title, draw_steps, steps_key, steps_bar, 0, steps_shows };

/* The confirmation: the word typed, Enter to confirm, Esc to give up. */
static void
draw_confirm(struct ui *u)
{
	const struct migration *mig = u->s->model.mig;
	char *prompt;
	int top;

	draw_steps(u);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The migration's N_() prompt, with two %s: the word and what is typed so far. */
	prompt = xasprintf(_(mig->confirm_prompt), mig->confirm_word, u->typed);
#pragma GCC diagnostic pop
	/* As many lines as the language needs: what is typed must show. */
	top = LINES - 1 - ui_lines_needed(prompt, COLS - 2);
	for (int y = top; y < LINES - 1; y++)
		mvhline(y, 0, ' ', COLS);
	attron(A_BOLD);
	ui_put_wrapped(top, 1, COLS - 2, 0, prompt, LINES - 1);
	attroff(A_BOLD);
	free(prompt);
}

static int
confirm_key(struct ui *u, enum ui_action a, int raw)
{
	const struct migration *mig = u->s->model.mig;
	size_t len = strlen(u->typed);

	if (a == UA_BACK) {
		u->screen = &ui_steps_screen;
		ui_note(u, N_("Cancelled: nothing was changed."), 0, NULL, NULL);
	} else if (a == UA_CONFIRM) {
		u->screen = &ui_steps_screen;
		if (strcmp(u->typed, mig->confirm_word) == 0)
			complete(u);
		else
			ui_note(u, N_("That was not %s: nothing was changed."), 0,
			    mig->confirm_word, NULL);
	} else if ((raw == KEY_BACKSPACE || raw == 127 || raw == 8) && len > 0) {
		u->typed[len - 1] = '\0';
	} else if (raw >= ' ' && raw < 127 && len + 1 < sizeof(u->typed)) {
		u->typed[len] = (char)raw;
		u->typed[len + 1] = '\0';
	}
	return 0;
}

static const struct ui_bar_item confirm_bar[] = {
	{ UA_CONFIRM, N_("confirm") }, { UA_BACK, N_("cancel") }, { UA_NONE, NULL },
};

const struct ui_screen ui_confirm_screen = { steps_title, draw_confirm, confirm_key, confirm_bar, 1, NULL };
