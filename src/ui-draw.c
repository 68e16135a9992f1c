/*
 * Drawing the wizard's frame: the title line, the screen in view, the
 * message line and the key bar.  Text is measured in columns (French runs
 * about 30% longer than English), and every state is shown in words or
 * marks, never by colour alone.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "text.h"
#include "ui-int.h"
#include "xalloc.h"

#define MIN_COLS	80
#define MIN_LINES	24

void
ui_put_cut(int y, int x, const char *s, size_t cols)
{
	size_t n = text_fit(s, strlen(s), cols, NULL);
	char *part = xstrndup(s, n);

	mvaddstr(y, x, part);
	free(part);
}

int
ui_lines_needed(const char *s, int width)
{
	struct buf b;
	int n = 0;

	buf_init(&b);
	text_wrap(&b, s, 0, 0, (size_t)width);
	for (const char *p = b.data; *p != '\0'; p++)
		n += *p == '\n';
	buf_free(&b);
	return n;
}

int
ui_put_wrapped(int y, int x, int width, int indent, const char *s, int bottom)
{
	struct buf b;
	const char *p;

	buf_init(&b);
	text_wrap(&b, s, (size_t)indent, 0, (size_t)width);
	for (p = b.data; *p != '\0' && y < bottom; y++) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);

		ui_put_cut(y, x, line, (size_t)width);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	buf_free(&b);
	return y;
}

void
ui_draw(struct ui *u)
{
	const struct ui_screen *sc = u->screen;
	struct buf keys;
	char *title, *note;

	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		char *msg = xasprintf(_("Terminal too small: %dx%d, the wizard needs %dx%d."),
		    COLS, LINES, MIN_COLS, MIN_LINES);

		ui_put_wrapped(0, 0, COLS, 0, msg, LINES);
		free(msg);
		refresh();
		return;
	}
	title = sc->title(u);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	ui_put_cut(0, 1, title, (size_t)COLS - 2);
	attroff(A_REVERSE);
	free(title);
	sc->draw(u);
	if (sc != &ui_confirm_screen && (note = ui_note_text(u)) != NULL) {
		/* A long message takes the line above too, rather than being cut. */
		int rows = ui_lines_needed(note, COLS - 2) > 1 ? 2 : 1;

		for (int r = 0; r < rows; r++)
			mvhline(LINES - 1 - rows + r, 0, ' ', COLS);
		ui_put_wrapped(LINES - 1 - rows, 1, COLS - 2, 2, note, LINES - 1);
		free(note);
	}
	buf_init(&keys);
	ui_key_bar(sc, &keys);
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	ui_put_cut(LINES - 1, 1, keys.data, (size_t)COLS - 2);
	attroff(A_REVERSE);
	buf_free(&keys);
	refresh();
}
