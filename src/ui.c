/*
 * The wizard's loop: keys are mapped to actions through a table, actions
 * call the core and save at once, and the screen is redrawn from the model
 * after every key.  Nothing here decides whether a step may advance.
 */
#include <config.h>

#include <curses.h>
#include <term.h>
#include <termios.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "actions.h"
#include "emit.h"
#include "i18n.h"
#include "plan.h"
#include "report.h"
#include "ui.h"
#include "xalloc.h"

enum ui_action {
	UA_NONE,
	UA_FIREWALL,
	UA_AGENTS,
	UA_REPORT,
	UA_ENVIRONMENT,
	UA_PAGE_UP,
	UA_PAGE_DOWN,
	UA_UP,
	UA_DOWN,
	UA_PREV_STEP,
	UA_NEXT_STEP,
	UA_TICK,
	UA_NEXT,
	UA_LANG,
	UA_HELP,
	UA_QUIT,
};

/* Keys to actions: behaviour never depends on a raw key code elsewhere. */
static const struct {
	int		key;
	enum ui_action	action;
} bindings[] = {
	{ KEY_UP, UA_UP }, { 'k', UA_UP },
	{ KEY_DOWN, UA_DOWN }, { 'j', UA_DOWN },
	{ KEY_LEFT, UA_PREV_STEP }, { 'h', UA_PREV_STEP },
	{ KEY_RIGHT, UA_NEXT_STEP }, { 'l', UA_NEXT_STEP },
	{ KEY_PPAGE, UA_PAGE_UP }, { KEY_NPAGE, UA_PAGE_DOWN },
	{ 'f', UA_FIREWALL }, { 'a', UA_AGENTS }, { 'r', UA_REPORT },
	{ 'e', UA_ENVIRONMENT },
	{ ' ', UA_TICK },
	{ 'n', UA_NEXT },
	{ 'L', UA_LANG },
	{ '?', UA_HELP }, { KEY_F(1), UA_HELP },
	{ 'q', UA_QUIT }, { 'Q', UA_QUIT }, { 27, UA_QUIT },
};

static void
page_firewall(const struct ui *u, struct buf *b)
{
	const struct model *m = &u->s->model;
	struct emit_opts eo = { NULL };
	struct plan p;
	char *err = NULL;

	plan_build(m, plan_phase_now(m), 0, NULL, &p);
	emitter_find("table")->emit(&p, m, &eo, b, &err);
	buf_printf(b, "\n%s\n", _("For scripts and change requests: ses-migrate firewall --format csv|powershell|netsh|nftables"));
	plan_free(&p);
}

static void
page_agents(const struct ui *u, struct buf *b)
{
	report_inventory(&u->s->model, b);
	buf_printf(b, "\n%s\n", _("Import an export with: ses-migrate agents import FILE"));
}

static void
page_report(const struct ui *u, struct buf *b)
{
	report_text(&u->s->model, u->s->path, clock_now(), b);
}

static void
page_environment(const struct ui *u, struct buf *b)
{
	report_environment(&u->s->model, b);
	buf_printf(b, "\n%s\n", _("Change it with: ses-migrate host add|set|remove NAME ..."));
}

static const struct ui_page pages[] = {
	{ N_("Firewall plan"), page_firewall },
	{ N_("Agent inventory"), page_agents },
	{ N_("Progress report"), page_report },
	{ N_("Environment"), page_environment },
};

/* Set by the signal handler; the loop ends cleanly when it sees it. */
static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
}

void
ui_say(struct ui *u, char *message)
{
	free(u->message);
	u->message = message;
}

/* Take the lock for a change, on the state as it is now; 0 if refused (and said). */
static int
begin(struct ui *u)
{
	char *err = NULL;

	if (session_begin(u->s, &err) == STATE_OK)
		return 1;
	ui_say(u, err);
	return 0;
}

/* Save the change made since begin; a refusal or a failure is said. */
static void
commit(struct ui *u)
{
	char *err = NULL;

	if (session_commit(u->s, &err) != STATE_OK)
		ui_say(u, err);
}

static void
tick(struct ui *u)
{
	const struct guide_step *st = &guide_steps[u->view];
	size_t item = st->first_item + (size_t)u->cursor;
	const char *id = guide_items[item].id;
	struct actor a;
	char *err = NULL;
	enum act_status r;

	if (guide_items[item].kind == ITEM_COMPUTED) {
		ui_say(u, xstrdup(_("This item is computed from the environment; it cannot be ticked.")));
		return;
	}
	if (guide_items[item].kind == ITEM_EVIDENCE) {
		ui_say(u, xstrdup(_("This item is the result of a probe: run ses-migrate probe.")));
		return;
	}
	if (!begin(u))
		return;
	session_actor(u->s, &a);
	if (u->s->model.marks[item].at != NULL)
		r = act_unconfirm(&u->s->model, &a, id, &err);
	else
		r = act_confirm(&u->s->model, &a, id, NULL, &err);
	if (r != ACT_OK) {
		session_abort(u->s);
		ui_say(u, err);
		return;
	}
	ui_say(u, NULL);
	commit(u);
}

/* Complete the current step, or the deferred step on view. */
static void
next(struct ui *u)
{
	int step = u->s->model.steps[u->view].status == STATUS_DEFERRED ?
	    u->view : model_current_step(&u->s->model);
	struct findings f;
	struct actor a;
	char *err = NULL;

	if (step == STEP_COUNT) {
		ui_say(u, xstrdup(_("The migration is complete.")));
		return;
	}
	session_actor(u->s, &a);
	findings_init(&f);
	if (step == STEP_CLOSE_17000 && u->mode != MODE_CONFIRM) {
		/* The point of no return: gates first, then a typed confirmation. */
		gates_eval(&u->s->model, step, a.when, &f);
		if (findings_errors(&f) == 0) {
			findings_free(&f);
			u->mode = MODE_CONFIRM;
			u->typed[0] = '\0';
			ui_say(u, NULL);
			return;
		}
		findings_free(&f);
		findings_init(&f);
	}
	if (!begin(u)) {
		findings_free(&f);
		return;
	}
	switch (act_complete(&u->s->model, &a, step, &f, &err)) {
	case ACT_INVALID:
		session_abort(u->s);
		ui_say(u, err);
		break;
	case ACT_REFUSED:
		session_abort(u->s);
		u->view = step;
		ui_say(u, xasprintf(P_("Cannot move on: %zu blocker is listed on the right.",
		    "Cannot move on: %zu blockers are listed on the right.",
		    findings_errors(&f)), findings_errors(&f)));
		break;
	default:
		ui_say(u, NULL);
		commit(u);
		if (u->message == NULL) {
			ui_say(u, xasprintf(_("Step \"%s\" is done."), _(guide_steps[step].title)));
			u->view = model_current_step(&u->s->model);
			if (u->view == STEP_COUNT)
				u->view = STEP_COUNT - 1;
			u->cursor = 0;
		}
	}
	findings_free(&f);
}

static void
open_page(struct ui *u, size_t i)
{
	u->page = &pages[i];
	u->scroll = 0;
	u->mode = MODE_PAGER;
}

/* The pager: scroll, or go back to the steps. */
static int
dispatch_pager(struct ui *u, enum ui_action a)
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
		i18n_set_lang(strcmp(i18n_lang(), "fr") == 0 ? "en" : "fr");
		break;
	case UA_QUIT:
	case UA_PREV_STEP:
		u->mode = MODE_STEPS;
		break;
	default:
		break;
	}
	return 0;
}

/* Carry out one action; 1 when the wizard should end. */
static int
dispatch(struct ui *u, enum ui_action a)
{
	int nitems = (int)guide_steps[u->view].nitems;

	if (u->mode == MODE_HELP) {
		u->mode = MODE_STEPS;
		return 0;
	}
	if (u->mode == MODE_PAGER)
		return dispatch_pager(u, a);
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
		if (u->view + 1 < STEP_COUNT) {
			u->view++;
			u->cursor = 0;
		}
		break;
	case UA_TICK:
		tick(u);
		break;
	case UA_NEXT:
		next(u);
		break;
	case UA_LANG:
		i18n_set_lang(strcmp(i18n_lang(), "fr") == 0 ? "en" : "fr");
		ui_say(u, NULL);
		break;
	case UA_HELP:
		u->mode = MODE_HELP;
		break;
	case UA_FIREWALL:
	case UA_AGENTS:
	case UA_REPORT:
	case UA_ENVIRONMENT:
		open_page(u, (size_t)(a - UA_FIREWALL));
		break;
	case UA_QUIT:
		return 1;
	default:
		break;
	}
	return 0;
}

/* Typing the confirmation: digits, Backspace, Enter to confirm, Esc to give up. */
static void
confirm_key(struct ui *u, int key)
{
	size_t len = strlen(u->typed);

	if (key == 27) {
		u->mode = MODE_STEPS;
		ui_say(u, xstrdup(_("Port 17000 stays open: nothing was changed.")));
	} else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
		if (strcmp(u->typed, UI_CONFIRM_WORD) == 0) {
			next(u);
			u->mode = MODE_STEPS;
		} else {
			u->mode = MODE_STEPS;
			ui_say(u, xstrdup(_("That was not 17000: nothing was changed.")));
		}
	} else if ((key == KEY_BACKSPACE || key == 127 || key == 8) && len > 0) {
		u->typed[len - 1] = '\0';
	} else if (key >= ' ' && key < 127 && len + 1 < sizeof(u->typed)) {
		u->typed[len] = (char)key;
		u->typed[len + 1] = '\0';
	}
}

static enum ui_action
lookup(int key)
{
	for (size_t i = 0; i < sizeof(bindings) / sizeof(bindings[0]); i++)
		if (bindings[i].key == key)
			return bindings[i].action;
	return UA_NONE;
}

/* The signals that end the wizard restore the terminal first. */
static void
catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/*
 * A crash must not leave the operator's terminal raw and blank.  The
 * terminal settings and the escape that leaves the alternate screen are
 * taken before curses starts; the handler puts them back with
 * async-signal-safe calls only, then hands the signal to whoever handled
 * it before (a sanitizer, or the default: a core dump).
 */
static const int fatal_signals[] = { SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL,
    SIGQUIT };
static struct sigaction fatal_before[sizeof(fatal_signals) / sizeof(fatal_signals[0])];
static struct termios tty_before;
static int tty_saved;
static char tty_reset[64];
static size_t tty_reset_len;

void
ui_emergency_restore(void)
{
	if (tty_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &tty_before);
	if (tty_reset_len > 0)
		(void)!write(STDOUT_FILENO, tty_reset, tty_reset_len);
}

static void
on_fatal(int sig)
{
	ui_emergency_restore();
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		if (fatal_signals[i] == sig)
			sigaction(sig, &fatal_before[i], NULL);
	raise(sig);
}

static void
catch_fatal(void)
{
	struct sigaction sa;
	const char *rmcup = tigetstr("rmcup"), *cnorm = tigetstr("cnorm");

	tty_reset_len = 0;
	if (rmcup != NULL && rmcup != (char *)-1 && strlen(rmcup) < 30) {
		memcpy(tty_reset, rmcup, strlen(rmcup));
		tty_reset_len = strlen(rmcup);
	}
	if (cnorm != NULL && cnorm != (char *)-1 && strlen(cnorm) < 30) {
		memcpy(tty_reset + tty_reset_len, cnorm, strlen(cnorm));
		tty_reset_len += strlen(cnorm);
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaction(fatal_signals[i], &sa, &fatal_before[i]);
}

static char *
resume_notice(const struct session *s)
{
	int cur = model_current_step(&s->model);

	if (s->is_new)
		return xasprintf(_("New migration; progress is saved in %s."), s->path);
	if (cur == STEP_COUNT)
		return xstrdup(_("Resumed: the migration is complete."));
	return xasprintf(_("Resumed at step %d, \"%s\"."), cur + 1,
	    _(guide_steps[cur].title));
}

int
ui_run(const struct cli *c)
{
	struct session s;
	struct ui u;
	SCREEN *scr;
	char *err = NULL;
	enum state_status st;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(_("The wizard needs a terminal; the commands work without one (see --help)."));
		return EX_USAGE;
	}
	if ((st = session_open(&s, c->state_path, &err)) != STATE_OK) {
		cli_error(err);
		free(err);
		session_close(&s);
		return cli_state_exit(st);
	}
	/* Ours first: ncurses only installs its own if none is set. */
	catch_signals();
	tty_saved = tcgetattr(STDIN_FILENO, &tty_before) == 0;
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		cli_errorf(_("Cannot drive this terminal (TERM=%s)."),
		    getenv("TERM") != NULL ? getenv("TERM") : "");
		session_close(&s);
		return EX_USAGE;
	}
	set_term(scr);
	catch_fatal();
	/* Esc cancels at once rather than after a second of waiting for a sequence. */
	set_escdelay(50);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	/* Wake up now and then so a signal is seen even without a key. */
	timeout(250);

	memset(&u, 0, sizeof(u));
	u.s = &s;
	u.cli = c;
	u.view = model_current_step(&s.model);
	if (u.view == STEP_COUNT)
		u.view = STEP_COUNT - 1;
	ui_say(&u, resume_notice(&s));

	while (!got_signal) {
		int key;

		ui_draw(&u);
		key = getch();
		if (key == ERR || key == KEY_RESIZE)
			continue;
		if (u.mode == MODE_CONFIRM)
			confirm_key(&u, key);
		else if (dispatch(&u, lookup(key)))
			break;
	}
	endwin();
	delscreen(scr);
	ui_say(&u, NULL);
	session_close(&s);
	return got_signal ? 128 + got_signal : 0;
}
