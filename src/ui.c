/*
 * The wizard's loop: each key goes to the screen in view as an action
 * (ui-keys.c), the screen calls the core, changes are saved at once, and
 * everything is drawn again from the model.  Also: the terminal, and the
 * signals that must give it back as it was.
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
#include "clock.h"
#include "describe.h"
#include "gates.h"
#include "i18n.h"
#include "ui-int.h"
#include "ui.h"
#include "xalloc.h"

/* How many changes the history holds, folded repeats counted one by one. */
static unsigned long
changes_in(const struct model *m)
{
	unsigned long n = 0;

	for (size_t i = 0; i < m->nevents; i++)
		n += m->events[i].count;
	return n;
}

static void
reload_forget(struct ui *u)
{
	if (u->reload.shown)
		event_free(&u->reload.last);
	memset(&u->reload, 0, sizeof(u->reload));
}

int
ui_poll(struct ui *u)
{
	const struct model *m = &u->s->model;
	const struct event *newest = NULL;
	unsigned long now;
	char *err = NULL;
	int changed;

	if (session_poll(u->s, &changed, &err) != STATE_OK) {
		ui_refusal(u, err);
		return 1;
	}
	if (!changed)
		return 0;
	/* Another migration, or fewer steps: what was in view may be gone. */
	if (u->view >= m->mig->nsteps) {
		u->view = model_current_step(m);
		if (u->view >= m->mig->nsteps)
			u->view = m->mig->nsteps - 1;
		u->cursor = 0;
	}
	if (u->cursor >= m->mig->steps[u->view].nitems)
		u->cursor = 0;
	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];
		const char *t = e->last != NULL ? e->last : e->at;

		if (newest == NULL || strcmp(t, newest->last != NULL ? newest->last : newest->at) >= 0)
			newest = e;
	}
	now = changes_in(m);
	msg_free(&u->note);
	reload_forget(u);
	u->reload.shown = 1;
	u->reload.changes = now > u->changes_seen ? now - u->changes_seen : 0;
	u->changes_seen = now;
	if (u->reload.changes > 0 && newest != NULL) {
		u->reload.last.at = xstrdup(newest->at);
		u->reload.last.by = xstrdup(newest->by);
		u->reload.last.code = xstrdup(newest->code);
		u->reload.last.subject = newest->subject != NULL ? xstrdup(newest->subject) : NULL;
		u->reload.last.count = 1;
	} else
		u->reload.changes = 0;
	return 1;
}

char *
ui_note_text(const struct ui *u)
{
	char *what, *text, n[24];

	if (!u->reload.shown)
		return u->note.fmt != NULL ? msg_render(&u->note) : NULL;
	if (u->reload.changes == 0)
		return xstrdup(_("The state file was changed from elsewhere; the wizard shows it as it is now."));
	what = describe_event(&u->reload.last);
	if (u->reload.changes == 1)
		text = xasprintf(_("Changed from elsewhere by %s: %s"), u->reload.last.by, what);
	else {
		snprintf(n, sizeof(n), "%lu", u->reload.changes);
		/* TRANSLATORS: %1$s counts the changes (2 or more), %2$s who made the last, %3$s the last. */
		text = xasprintf(P_("%1$s change from elsewhere, the last by %2$s: %3$s",
		    "%1$s changes from elsewhere, the last by %2$s: %3$s", u->reload.changes),
		    n, u->reload.last.by, what);
	}
	free(what);
	return text;
}

void
ui_note(struct ui *u, const char *fmt, unsigned translate, const char *a0,
    const char *a1)
{
	reload_forget(u);
	if (fmt == NULL)
		msg_free(&u->note);
	else
		msg_set(&u->note, fmt, translate, a0, a1);
}

void
ui_note_n(struct ui *u, const char *one, const char *many, unsigned long n,
    const char *a0)
{
	reload_forget(u);
	msg_set_n(&u->note, one, many, n, a0);
}

/*
 * The refusal the core made, kept as its code when it is the last message
 * the core made (so L shows it in the other language), else as its text.
 */
void
ui_refusal(struct ui *u, char *err)
{
	const struct msg *last = msg_last();
	char *again = last->fmt != NULL ? msg_render(last) : NULL;

	reload_forget(u);
	if (again != NULL && err != NULL && strcmp(again, err) == 0)
		msg_copy(&u->note, last);
	else
		msg_set(&u->note, "%s", 0, err != NULL ? err : "", NULL);
	free(again);
	free(err);
}

void
ui_switch_lang(struct ui *u)
{
	char *err = NULL;

	if (i18n_set_lang(strcmp(i18n_lang(), "fr") == 0 ? "en" : "fr") == -2) {
		ui_note(u, N_("This ses-migrate was built without translations (--disable-nls): messages stay in English."),
		    0, NULL, NULL);
		return;
	}
	/* Kept in the state, so the next wizard on it opens in this language. */
	if (!ui_begin(u))
		return;
	if (act_language(&u->s->model, i18n_lang(), &err) != ACT_OK) {
		session_abort(u->s);
		ui_refusal(u, err);
		return;
	}
	ui_commit(u);
}

int
ui_begin(struct ui *u)
{
	char *err = NULL;

	if (session_begin(u->s, &err) == STATE_OK) {
		/* Changes found on the way are part of this one's picture now. */
		u->changes_seen = changes_in(&u->s->model);
		return 1;
	}
	ui_refusal(u, err);
	return 0;
}

int
ui_apply(struct ui *u, ui_act_fn *act, const char *done, const char *subject)
{
	struct actor a;
	char *err = NULL;

	if (!ui_begin(u))
		return -1;
	session_actor(u->s, &a);
	if (act(u, &a, &err) != ACT_OK) {
		session_abort(u->s);
		ui_refusal(u, err);
		return -1;
	}
	ui_note(u, done, 0, subject, NULL);
	ui_commit(u);
	return 0;
}

void
ui_commit(struct ui *u)
{
	char *err = NULL;

	if (session_commit(u->s, &err) != STATE_OK)
		ui_refusal(u, err);
	u->changes_seen = changes_in(&u->s->model);
}

/* Set by the signal handler; the loop ends cleanly when it sees it. */
static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	got_signal = sig;
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

/* What the wizard says when it opens: a new migration, or where it resumes. */
static void
resume_notice(struct ui *u)
{
	const struct session *s = u->s;
	size_t cur = model_current_step(&s->model);
	char n[24];

	if (s->is_new)
		ui_note(u, N_("New migration; progress is saved in %s."), 0, s->path, NULL);
	else if (cur == s->model.mig->nsteps) {
		struct findings f;
		size_t flagged = 0, first = 0;

		/* Complete, unless a done step stopped holding since. */
		for (size_t i = 0; i < s->model.mig->nsteps; i++) {
			findings_init(&f);
			if (gates_flagged(&s->model, i, clock_now(), &f) && flagged++ == 0)
				first = i;
			findings_free(&f);
		}
		if (flagged == 0)
			ui_note(u, N_("Resumed: the migration is complete."), 0, NULL, NULL);
		else {
			snprintf(n, sizeof(n), "%zu", flagged);
			msg_set_n(&u->note, NP_("Resumed: every step is done, but %s no longer holds: see [!].",
			    "Resumed: every step is done, but %s no longer hold: see [!]."), flagged, n);
			u->view = first;
		}
	}
	else {
		snprintf(n, sizeof(n), "%zu", cur + 1);
		ui_note(u, N_("Resumed at step %s, \"%s\"."), 2, n, s->model.mig->steps[cur].title);
	}
}

/* Seconds of a clock that never jumps. */
static long
monotonic_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec;
}

/*
 * Bracketed paste: the terminal marks a paste with ESC [ 200 ~ and
 * ESC [ 201 ~, so that the lines of a pasted `dotnet --list-runtimes`
 * reach the form as one text rather than as keys, Enter among them.
 */
#define KEY_PASTE_START	(KEY_MAX + 1)
#define KEY_PASTE_END	(KEY_MAX + 2)
#define PASTE_MAX	(64 * 1024)

static void
paste_begin(void)
{
	define_key("\033[200~", KEY_PASTE_START);
	define_key("\033[201~", KEY_PASTE_END);
	fputs("\033[?2004h", stdout);
	fflush(stdout);
}

static void
paste_end(void)
{
	fputs("\033[?2004l", stdout);
	fflush(stdout);
}

/* Everything up to the end mark, or until the terminal has said nothing for a second. */
static void
paste_read(struct ui *u)
{
	struct buf text;
	int key, quiet = 0;

	buf_init(&text);
	while (!got_signal && (key = getch()) != KEY_PASTE_END && quiet < 4) {
		if (key == ERR) {
			quiet++;
			continue;
		}
		quiet = 0;
		if (key == '\r')
			key = '\n';
		if (key >= 0 && key < 256 && text.len < PASTE_MAX)
			buf_putc(&text, (char)key);
	}
	ui_form_paste(u, text.data != NULL ? text.data : "", text.len);
	buf_free(&text);
}

/* Where the wizard cannot run, the commands do the same work. */
static const char commands_instead[] = N_("The commands do the same work: status, check, next, confirm, host,\nagents, firewall, probe and report (see ses-migrate --help).");

int
ui_run(const struct front_opts *o)
{
	int dirty = 1;
	long drawn = 0;
	struct session s;
	struct ui u;
	SCREEN *scr;
	char *err = NULL;
	enum state_status st;

	const char *term = getenv("TERM");
	int usable;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		front_error(_("The wizard needs a terminal; the commands work without one (see --help)."));
		front_error(_(commands_instead));
		return EX_USAGE;
	}
	/*
	 * Asked of terminfo first: newterm on an unknown terminal leaves memory
	 * behind in the library, and says nothing we can use.
	 */
	usable = term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
	if (usable) {
		int terr = 0;

		if (setupterm(term, STDOUT_FILENO, &terr) == OK)
			del_curterm(cur_term);
		else
			usable = 0;
	}
	if (!usable) {
		front_errorf(_("The wizard cannot draw on this terminal (TERM=%s)."), term != NULL ? term : "");
		front_error(_(commands_instead));
		return EX_USAGE;
	}
	if ((st = session_open(&s, o->state_path, &err)) != STATE_OK) {
		front_error(err);
		free(err);
		session_close(&s);
		return front_state_exit(st);
	}
	/* The language chosen in an earlier session, unless --lang says otherwise. */
	if (o->lang == NULL && s.model.language != NULL)
		i18n_set_lang(s.model.language);
	/* Ours first: ncurses only installs its own if none is set. */
	catch_signals();
	tty_saved = tcgetattr(STDIN_FILENO, &tty_before) == 0;
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		front_errorf(_("The wizard cannot draw on this terminal (TERM=%s)."), term);
		front_error(_(commands_instead));
		session_close(&s);
		return EX_USAGE;
	}
	set_term(scr);
	ui_charset_init();
	catch_fatal();
	/* Esc cancels at once rather than after a second of waiting for a sequence. */
	set_escdelay(50);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	/* Wake up now and then so a signal is seen even without a key. */
	timeout(250);
	paste_begin();

	memset(&u, 0, sizeof(u));
	u.s = &s;
	u.screen = &ui_steps_screen;
	u.view = model_current_step(&s.model);
	if (u.view == s.model.mig->nsteps)
		u.view = s.model.mig->nsteps - 1;
	resume_notice(&u);
	if (o->demo)
		ui_note(&u, N_("Demonstration: a sample environment in a throwaway state, removed when you quit."),
		    0, NULL, NULL);
	/* First contact: a new migration starts with what to declare. */
	if (s.is_new)
		u.screen = &ui_env_screen;
	u.changes_seen = changes_in(&s.model);

	while (!got_signal) {
		int key;

		/*
		 * Drawn again after a key, a change of the file or a resize; and
		 * each minute, for the gates that depend on the time.  Never
		 * for nothing: an idle wizard costs nothing but the poll.
		 */
		if (dirty || monotonic_s() - drawn >= 60) {
			ui_draw(&u);
			drawn = monotonic_s();
			dirty = 0;
		}
		key = getch();
		/* The file is looked at about four times a second, key or no key. */
		if (ui_poll(&u))
			dirty = 1;
		if (key == ERR)
			continue;
		dirty = 1;
		if (key == KEY_RESIZE)
			continue;
		if (key == KEY_PASTE_START) {
			paste_read(&u);
			continue;
		}
		/* Below the minimum size nothing is drawn, and only q acts. */
		if ((COLS < 80 || LINES < 24) && ui_key_action(key) != UA_QUIT)
			continue;
		if (u.screen->key(&u, ui_key_action(key), key))
			break;
	}
	paste_end();
	endwin();
	delscreen(scr);
	ui_charset_end();
	msg_free(&u.note);
	reload_forget(&u);
	ui_form_close(&u);
	ui_preview_end();
	session_close(&s);
	return got_signal ? 128 + got_signal : 0;
}
