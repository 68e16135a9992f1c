/*
 * The wizard's keys: one table says which keys do what, and both the key
 * bar of each screen and the help are written from it, so neither can
 * promise what the keys do not do.
 */
#include <config.h>

#include <curses.h>
#include <string.h>

#include "i18n.h"
#include "text.h"
#include "ui-int.h"

static const struct ui_command {
	enum ui_action	 action;
	int		 keys[4];	/* 0 ends the list */
	const char	*names;		/* N_(): the keys as the help writes them; NULL: the letter */
	const char	*bar_key;	/* N_(): the key as the bar writes it, short; NULL: the letter */
	const char	*help;		/* N_(): what it does */
} commands[] = {
	{ UA_UP, { KEY_UP, 'k' }, N_("Up, k"), N_("Up"), N_("the item above, or scroll up") },
	{ UA_DOWN, { KEY_DOWN, 'j' }, N_("Down, j"), N_("Down"), N_("the item below, or scroll down") },
	{ UA_PREV_STEP, { KEY_LEFT, 'h' }, N_("Left, h"), N_("Left"), N_("show the step before") },
	{ UA_NEXT_STEP, { KEY_RIGHT, 'l' }, N_("Right, l"), N_("Right"), N_("show the step after") },
	{ UA_PAGE_UP, { KEY_PPAGE }, N_("PgUp"), N_("PgUp"), N_("a page up") },
	{ UA_PAGE_DOWN, { KEY_NPAGE }, N_("PgDn"), N_("PgDn"), N_("a page down") },
	{ UA_HOME, { KEY_HOME }, N_("Home"), N_("Home"), N_("the top of a text") },
	{ UA_END, { KEY_END }, N_("End"), N_("End"), N_("the end of a text") },
	{ UA_SEARCH, { '/' }, NULL, NULL, N_("search a text; / then Enter alone: the next match") },
	/* TRANSLATORS: the key bar's name of the space bar is short: it must fit in 80 columns. */
	{ UA_TICK, { ' ' }, N_("Space bar"), N_("Space"), N_("tick or untick the chosen item") },
	{ UA_COMPLETE, { 'n' }, NULL, NULL, N_("complete the step shown, if nothing blocks it") },
	{ UA_DEFER, { 'd' }, NULL, NULL, N_("defer the step shown, with a reason") },
	{ UA_REOPEN, { 'o' }, NULL, NULL, N_("reopen the step shown, and the later ones, with a reason") },
	{ UA_WAIVE, { 'w' }, NULL, NULL, N_("waive the failed probe of the chosen item, with a reason") },
	{ UA_STEP_NOTE, { 'm' }, NULL, NULL, N_("write a note on the step shown, or change it") },
	{ UA_PROBE, { 'p' }, NULL, NULL, N_("probe the ports of the current step from this machine") },
	{ UA_FIREWALL, { 'f' }, NULL, NULL, N_("the firewall plan") },
	{ UA_AGENTS, { 'a' }, NULL, NULL, N_("the agent inventory") },
	{ UA_ENVIRONMENT, { 'e' }, NULL, NULL, N_("the environment: hosts, roles, versions") },
	{ UA_REPORT, { 'r' }, NULL, NULL, N_("the progress report") },
	{ UA_BLOCKERS, { 'b' }, NULL, NULL, N_("every blocker of the step shown, and what to do") },
	{ UA_LANG, { 'L' }, NULL, NULL, N_("switch between French and English") },
	{ UA_HELP, { '?', KEY_F(1) }, N_("?, F1"), NULL, N_("this help") },
	{ UA_CONFIRM, { '\n', '\r', KEY_ENTER }, N_("Enter"), N_("Enter"), N_("open the chosen line, or save a form") },
	{ UA_TAB, { '\t' }, N_("Tab"), N_("Tab"), N_("the next field of a form; in a file name, complete it") },
	{ UA_BTAB, { KEY_BTAB }, N_("Shift+Tab"), N_("S-Tab"), N_("the previous field of a form") },
	{ UA_SAVE, { 's' }, NULL, NULL, N_("in the firewall plan and the report: save it to a file") },
	{ UA_IMPORT, { 'i' }, NULL, NULL, N_("in the agent inventory: import an export of the agent list") },
	{ UA_EXCLUDE, { 'x' }, NULL, NULL, N_("in the agent inventory: exclude the chosen agent, with a reason") },
	{ UA_INCLUDE, { 'u' }, NULL, NULL, N_("in the agent inventory: count the chosen agent again") },
	{ UA_COLLECT, { 'c' }, NULL, NULL, N_("in the environment: write the evidence collector for the Windows hosts") },
	{ UA_ADD, { '+', KEY_IC }, N_("+, Insert"), N_("+"), N_("in the environment: declare a host") },
	{ UA_REMOVE, { '-', KEY_DC }, N_("-, Delete"), N_("-"), N_("in the environment: remove the chosen host") },
	{ UA_BACK, { 27 }, N_("Esc"), N_("Esc"), N_("go back, or cancel") },
	{ UA_QUIT, { 'q', 'Q' }, N_("q, Q"), NULL, N_("quit (progress is already saved), or go back") },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

enum ui_action
ui_key_action(int key)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		for (size_t k = 0; k < 4 && commands[i].keys[k] != 0; k++)
			if (commands[i].keys[k] == key)
				return commands[i].action;
	return UA_NONE;
}

static const struct ui_command *
command(enum ui_action a)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (commands[i].action == a)
			return &commands[i];
	return NULL;
}

/*
 * "Space tick  n next  ...": each item its key and its word; items in a
 * row with the same word share it ("Up/Down scroll").  The language key
 * names the other language, in that language.
 */
static int
same_word(const struct ui_bar_item *a, const struct ui_bar_item *b)
{
	return a->label != NULL && b->label != NULL && strcmp(a->label, b->label) == 0;
}

/* One entry of the bar: "Space tick", or "Up/Down scroll" for a run sharing a word. */
static void
bar_entry(const struct ui_bar_item *first, const struct ui_bar_item *last, struct buf *out)
{
	for (const struct ui_bar_item *it = first; it <= last; it++) {
		const struct ui_command *c = command(it->action);

		/* A bar names only actions of the key table; one that is not has no key to show. */
		if (c == NULL)
			continue;
		if (it != first)
			buf_putc(out, '/');
		if (c->bar_key != NULL)
			buf_puts(out, _(c->bar_key));
		else
			buf_putc(out, (char)c->keys[0]);
	}
	if (last->action == UA_LANG)
		buf_puts(out, strcmp(i18n_lang(), "fr") == 0 ? " English" : " fran\xc3\xa7" "ais");
	else
		buf_printf(out, " %s", _(last->label));
}

/*
 * The bar lists its items in their order of importance, help and quit
 * last.  When they do not all fit, the least important give way, never
 * help and quit: help lists every key.
 */
void
ui_key_bar(const struct ui *u, struct buf *out, size_t width)
{
	const struct ui_screen *sc = u->screen;
	struct buf entry[32];
	size_t n = 0, total = 0;

	for (const struct ui_bar_item *it = sc->bar; it->action != UA_NONE && n < 32; it++) {
		const struct ui_bar_item *last = it;

		if (command(it->action) == NULL || (sc->shows != NULL && !sc->shows(u, it->action)))
			continue;
		while (last[1].action != UA_NONE && same_word(last, &last[1]))
			last++;
		buf_init(&entry[n]);
		bar_entry(it, last, &entry[n]);
		total += text_width(entry[n].data) + (n > 0 ? 2 : 0);
		n++;
		it = last;
	}
	while (total > width && n > 2) {
		size_t drop = n - 3;

		total -= text_width(entry[drop].data) + 2;
		buf_free(&entry[drop]);
		memmove(&entry[drop], &entry[drop + 1], (n - drop - 1) * sizeof(entry[0]));
		n--;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(out, "  ");
		buf_puts(out, entry[i].data);
		buf_free(&entry[i]);
	}
}

void
ui_key_help(struct buf *out, size_t width)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char letter[2] = { (char)commands[i].keys[0], '\0' };

		buf_puts(out, "  ");
		text_pad(out, commands[i].names != NULL ? _(commands[i].names) : letter, 18);
		buf_putc(out, ' ');
		text_wrap(out, _(commands[i].help), 21, 21, width);
	}
}
