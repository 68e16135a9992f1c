/*
 * Drawing the wizard's frame: the title line, the screen in view, the
 * message line and the key bar.  Text is measured in columns (French runs
 * about 30% longer than English), and every state is shown in words or
 * marks, never by colour alone.
 */
#include <config.h>

#include <curses.h>
#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "i18n.h"
#include "text.h"
#include "ui-int.h"
#include "validate.h"
#include "xalloc.h"

#define MIN_COLS	80
#define MIN_LINES	24

/*
 * The terminal's character set.  Texts are UTF-8; on a terminal that is
 * not, each is converted on its way out, with transliteration (é as e,
 * « as <<) under C.UTF-8, whose tables know French, and lines are drawn
 * in ASCII.
 */
static int term_utf8 = 1;
static iconv_t to_term = (iconv_t)-1;
static locale_t translit = (locale_t)0;

void
ui_charset_init(void)
{
	const char *cs = nl_langinfo(CODESET);
	char *to;

	term_utf8 = strcmp(cs, "UTF-8") == 0;
	if (term_utf8 || to_term != (iconv_t)-1)
		return;
	to = xasprintf("%s//TRANSLIT", cs);
	to_term = iconv_open(to, "UTF-8");
	free(to);
	translit = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

void
ui_charset_end(void)
{
	if (to_term != (iconv_t)-1)
		iconv_close(to_term);
	to_term = (iconv_t)-1;
	if (translit != (locale_t)0)
		freelocale(translit);
	translit = (locale_t)0;
}

int
ui_term_utf8(void)
{
	return term_utf8;
}

/* s in the terminal's character set; what cannot be said there becomes ?. */
static char *
to_terminal(const char *s)
{
	size_t left = strlen(s), room = left * 4 + 8;
	char *out = xmalloc(room + 1), *in = (char *)s, *o = out;
	locale_t before = translit != (locale_t)0 ? uselocale(translit) : (locale_t)0;

	iconv(to_term, NULL, NULL, NULL, NULL);
	while (left > 0 && room > 1) {
		if (iconv(to_term, &in, &left, &o, &room) != (size_t)-1)
			break;
		if (errno != EILSEQ && errno != EINVAL)
			break;
		/* A byte that is not UTF-8, or a character with no likeness there. */
		*o++ = '?';
		room--;
		in++;
		left--;
		while (left > 0 && ((unsigned char)*in & 0xc0) == 0x80) {
			in++;
			left--;
		}
	}
	*o = '\0';
	if (before != (locale_t)0)
		uselocale(before);
	return out;
}

/*
 * Printable ASCII that ends before the right edge is copied into the
 * window as cells: waddnstr reads each byte as a multibyte character, at
 * about 300 instructions a character, and the text of a frame is most of
 * its cost.  Each cell takes the attributes addstr would give it, and the
 * cursor ends after the text, as addstr leaves it.  0 if s is otherwise.
 */
static int
put_ascii(int y, int x, const char *s)
{
	chtype cells[256];
	attr_t attrs;
	short pair;
	size_t n = 0;

	if (attr_get(&attrs, &pair, NULL) == ERR)
		return 0;
	for (; s[n] != '\0'; n++) {
		if (n == sizeof(cells) / sizeof(*cells) || !byte_printable((unsigned char)s[n]))
			return 0;
		cells[n] = (chtype)(unsigned char)s[n] | (attrs & ~A_COLOR) | COLOR_PAIR(pair);
	}
	if (x < 0 || (size_t)x + n >= (size_t)COLS)
		return 0;
	mvaddchnstr(y, x, cells, (int)n);
	move(y, x + (int)n);
	return 1;
}

void
ui_put_cut(int y, int x, const char *s, size_t cols)
{
	char *part;

	if (!term_utf8 && to_term != (iconv_t)-1) {
		/* Converted, each byte is a column. */
		part = to_terminal(s);
		if (strlen(part) > cols)
			part[cols] = '\0';
	} else
		part = xstrndup(s, text_fit(s, strlen(s), cols, NULL));
	if (!put_ascii(y, x, part))
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
		int cut = y + 1 == bottom && p[n] != '\0' && p[n + 1] != '\0';

		/* A text cut short says so, rather than end as if it were whole. */
		if (cut && width > 3) {
			line[text_fit(line, n, (size_t)width - 3, NULL)] = '\0';
			ui_put_cut(y, x, line, (size_t)width - 3);
			addstr("...");
		} else
			ui_put_cut(y, x, line, (size_t)width);
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	buf_free(&b);
	return y;
}

char *
ui_title_with_path(const char *left, const char *path)
{
	size_t room = (size_t)COLS - 2, lw = text_width(left) + 3;
	const char *tail = path, *base = strrchr(path, '/');

	if (lw + text_width(path) <= room)
		return xasprintf("%s - %s", left, path);
	/* The file name matters most: the directories give way first, from the left. */
	while ((tail = strchr(tail + 1, '/')) != NULL)
		if (lw + 3 + text_width(tail) <= room)
			return xasprintf("%s - ...%s", left, tail);
	return xasprintf("%s - ...%s", left, base != NULL ? base : path);
}

void
ui_draw(struct ui *u)
{
	const struct ui_screen *sc = u->screen;
	struct buf keys;
	char *title, *note;
	int rows;

	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		char *msg = xasprintf(_("Terminal too small: %dx%d, the wizard needs %dx%d."),
		    COLS, LINES, MIN_COLS, MIN_LINES);

		ui_put_wrapped(0, 0, COLS, 0, msg, LINES);
		free(msg);
		refresh();
		return;
	}
	note = !sc->prompt ? ui_note_text(u) : NULL;
	/* A long message takes the line above too, rather than being cut. */
	rows = note != NULL && ui_lines_needed(note, COLS - 2) > 1 ? 2 : 1;
	u->bottom = LINES - 1 - rows;
	title = sc->title(u);
	attron(A_REVERSE);
	mvhline(0, 0, ' ', COLS);
	ui_put_cut(0, 1, title, (size_t)COLS - 2);
	attroff(A_REVERSE);
	free(title);
	sc->draw(u);
	if (note != NULL) {
		for (int r = 0; r < rows; r++)
			mvhline(LINES - 1 - rows + r, 0, ' ', COLS);
		ui_put_wrapped(LINES - 1 - rows, 1, COLS - 2, 2, note, LINES - 1);
		free(note);
	}
	buf_init(&keys);
	ui_key_bar(u, &keys, (size_t)COLS - 2);
	attron(A_REVERSE);
	mvhline(LINES - 1, 0, ' ', COLS);
	ui_put_cut(LINES - 1, 1, keys.data, (size_t)COLS - 2);
	attroff(A_REVERSE);
	buf_free(&keys);
	refresh();
}
