/*
 * The wizard's forms: fields the operator types into, each checked as it
 * is typed against the state's schema, so the reason a value would be
 * refused shows under it before anything is saved.  A form is a table
 * (ui-forms.c); this file draws one and takes its keys.
 */
#include <config.h>

#include <curses.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "i18n.h"
#include "runtimes.h"
#include "schema.h"
#include "text.h"
#include "ui-int.h"
#include "xalloc.h"

#define LABEL_WIDTH	24

void
ui_form_open(struct ui *u, const struct ui_form_def *def, const char *subject,
    const char *const *values)
{
	struct ui_form *f = &u->form;

	ui_form_close(u);
	f->def = def;
	f->subject = subject != NULL ? xstrdup(subject) : NULL;
	f->field = 0;
	f->back = u->screen;
	for (size_t i = 0; i < def->nfields; i++) {
		buf_init(&f->values[i]);
		buf_init(&f->initial[i]);
		if (values != NULL && values[i] != NULL)
			buf_puts(&f->values[i], values[i]);
		else if (def->fields[i].choices != NULL)
			buf_puts(&f->values[i], def->fields[i].choices[0]);
		buf_puts(&f->initial[i], f->values[i].data);
	}
	u->screen = &ui_form_screen;
	ui_note(u, NULL, 0, NULL, NULL);
}

void
ui_form_close(struct ui *u)
{
	struct ui_form *f = &u->form;

	if (f->def == NULL)
		return;
	for (size_t i = 0; i < f->def->nfields; i++) {
		buf_free(&f->values[i]);
		buf_free(&f->initial[i]);
	}
	free(f->subject);
	memset(f, 0, sizeof(*f));
}

/* Why the field's value would be refused, or NULL; the caller frees it. */
static char *
field_problem(const struct ui *u, size_t i)
{
	const struct ui_form_field *fd = &u->form.def->fields[i];
	const char *v = u->form.values[i].data;
	char *why = NULL;

	if (*v == '\0')
		return fd->required ? xstrdup(_("Required.")) : NULL;
	if (fd->key != NULL &&
	    !schema_check(fd->key, v, u->s->model.mig, clock_now(), &why))
		return why;
	if (fd->check != NULL)
		return fd->check(u, v);
	return NULL;
}

const char *
ui_form_value(const struct ui *u, size_t i)
{
	return u->form.values[i].data;
}

const char *
ui_form_initial(const struct ui *u, size_t i)
{
	return u->form.initial[i].data;
}

static char *
form_title(const struct ui *u)
{
	char *left = u->form.subject != NULL ?
	    xasprintf(_("%s: %s"), _(u->form.def->title), u->form.subject) :
	    xstrdup(_(u->form.def->title));
	char *title = ui_title_with_path(left, u->s->path);

	free(left);
	return title;
}

static void
draw_form(struct ui *u)
{
	const struct ui_form_def *def = u->form.def;
	/* A space always parts the longest label from its value. */
	int y = 2, x = LABEL_WIDTH + 4, width = COLS - x - 1, bottom = u->bottom;

	if (def->intro != NULL)
		y = ui_put_wrapped(y, 1, COLS - 2, 0, _(def->intro), bottom) + 1;
	for (size_t i = 0; i < def->nfields && y < bottom; i++) {
		const struct ui_form_field *fd = &def->fields[i];
		const char *v = u->form.values[i].data;
		int sel = i == u->form.field;
		char *shown, *why;

		ui_put_cut(y, 1, sel ? ">" : " ", 1);
		ui_put_cut(y, 3, _(fd->label), LABEL_WIDTH);
		/* A choice shows it can be turned; text shows where typing goes. */
		shown = fd->choices != NULL ? xasprintf("< %s >", v) :
		    xasprintf("%s%s", v, sel ? "_" : "");
		if (sel)
			attron(A_REVERSE);
		mvhline(y, x, ' ', width);
		if (text_width(shown) > (size_t)width) {
			/* The end of a long value is where the typing is. */
			const char *p = shown;

			while (text_width(p) > (size_t)width - 1)
				p++;
			ui_put_cut(y, x, p, (size_t)width);
		} else
			ui_put_cut(y, x, shown, (size_t)width);
		if (sel)
			attroff(A_REVERSE);
		free(shown);
		y++;
		if ((why = field_problem(u, i)) != NULL && (*v != '\0' || u->form.tried)) {
			char *line = xasprintf("! %s", why);

			attron(A_BOLD);
			y = ui_put_wrapped(y, x, width, 2, line, bottom);
			attroff(A_BOLD);
			free(line);
		}
		free(why);
		if (sel && fd->help != NULL && y < bottom) {
			attron(A_DIM);
			y = ui_put_wrapped(y, x, width, 0, _(fd->help), bottom);
			attroff(A_DIM);
		}
	}
}

/* The next choice of a choice field, by step (+1 or -1). */
static void
turn(struct ui *u, int step)
{
	const struct ui_form_field *fd = &u->form.def->fields[u->form.field];
	struct buf *v = &u->form.values[u->form.field];
	size_t n = 0, at = 0;

	while (fd->choices[n] != NULL)
		n++;
	for (size_t i = 0; i < n; i++)
		if (strcmp(fd->choices[i], v->data) == 0)
			at = i;
	at = (at + n + (size_t)(step < 0 ? -1 : 1)) % n;
	buf_reset(v);
	buf_puts(v, fd->choices[at]);
}

/*
 * Tab in a path field: complete from the directory's entries.  One match
 * is completed (a directory gets its slash); several, to what they share,
 * and the message line lists some of them.
 */
static void
complete_path(struct ui *u)
{
	struct buf *v = &u->form.values[u->form.field];
	const char *slash = strrchr(v->data, '/');
	char *dir = slash == NULL ? xstrdup(".") :
	    slash == v->data ? xstrdup("/") : xstrndup(v->data, (size_t)(slash - v->data));
	const char *base = slash == NULL ? v->data : slash + 1;
	size_t blen = strlen(base), n = 0, common = 0;
	char *first = NULL;
	struct buf names;
	struct dirent *e;
	DIR *d;
	int first_dir = 0;

	if ((d = opendir(dir)) == NULL) {
		ui_note(u, N_("No such directory: %s"), 0, dir, NULL);
		free(dir);
		return;
	}
	buf_init(&names);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, base, blen) != 0 || strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 || (blen == 0 && e->d_name[0] == '.'))
			continue;
		if (n++ == 0) {
			first = xstrdup(e->d_name);
			common = strlen(first);
			first_dir = e->d_type == DT_DIR;
		} else {
			size_t k = 0;

			while (k < common && first[k] == e->d_name[k])
				k++;
			common = k;
		}
		if (n <= 8)
			buf_printf(&names, "%s%s", names.len ? "  " : "", e->d_name);
	}
	closedir(d);
	if (n == 0)
		ui_note(u, N_("Nothing here starts with \"%s\"."), 0, base, NULL);
	else {
		buf_add(v, first + blen, common - blen);
		if (n == 1 && first_dir)
			buf_putc(v, '/');
		if (n > 1)
			ui_note(u, n > 8 ? "%s ..." : "%s", 0, names.data, NULL);
		else
			ui_note(u, NULL, 0, NULL, NULL);
	}
	free(first);
	buf_free(&names);
	free(dir);
}

static void
erase_char(struct buf *v)
{
	/* Whole characters: continuation bytes go with their lead. */
	while (v->len > 0 && ((unsigned char)v->data[v->len - 1] & 0xc0) == 0x80)
		v->len--;
	if (v->len > 0)
		v->len--;
	v->data[v->len] = '\0';
}

static void
submit(struct ui *u)
{
	const struct ui_screen *back = u->form.back;
	char *why;

	u->form.tried = 1;
	for (size_t i = 0; i < u->form.def->nfields; i++)
		if ((why = field_problem(u, i)) != NULL) {
			u->form.field = i;
			ui_note(u, N_("Not saved: %s"), 0, why, NULL);
			free(why);
			return;
		}
	/* The action says what happened; on a refusal the form stays open. */
	if (u->form.def->submit(u) == 0) {
		ui_form_close(u);
		if (u->screen == &ui_form_screen)
			u->screen = back;
	}
}

static int
form_key(struct ui *u, enum ui_action a, int raw)
{
	const struct ui_form_def *def = u->form.def;
	const struct ui_form_field *fd = &def->fields[u->form.field];
	struct buf *v = &u->form.values[u->form.field];

	/* What is typed is text, even the letters that are keys elsewhere. */
	if (fd->choices == NULL && raw >= ' ' && raw != 127 && raw < 256) {
		if (v->len < fd->max || fd->max == 0)
			buf_putc(v, (char)raw);
		return 0;
	}
	switch (a) {
	case UA_BACK:
		/* Back one level, never out of the wizard. */
		u->screen = u->form.back;
		ui_form_close(u);
		ui_note(u, N_("Cancelled: nothing was changed."), 0, NULL, NULL);
		break;
	case UA_CONFIRM:
		submit(u);
		break;
	case UA_TAB:
		if (fd->path)
			complete_path(u);
		else
			u->form.field = (u->form.field + 1) % def->nfields;
		break;
	case UA_DOWN:
		u->form.field = (u->form.field + 1) % def->nfields;
		break;
	case UA_UP:
	case UA_BTAB:
		u->form.field = (u->form.field + def->nfields - 1) % def->nfields;
		break;
	case UA_PREV_STEP:
	case UA_NEXT_STEP:
	case UA_TICK:
		if (fd->choices != NULL)
			turn(u, a == UA_PREV_STEP ? -1 : 1);
		break;
	default:
		if ((raw == KEY_BACKSPACE || raw == 127 || raw == 8) && fd->choices == NULL)
			erase_char(v);
		else if (raw == 21 && fd->choices == NULL)	/* Ctrl+U, as in a shell */
			buf_reset(v);
		break;
	}
	return 0;
}

static const struct ui_bar_item form_bar[] = {
	{ UA_CONFIRM, N_("save") }, { UA_TAB, N_("next field") },
	{ UA_UP, N_("previous") }, { UA_BACK, N_("cancel") }, { UA_NONE, NULL },
};

const struct ui_screen ui_form_screen = { form_title, draw_form, form_key, form_bar, 0, NULL };

/* The field of the open form that holds the value of key, or -1. */
static int
field_of(const struct ui *u, const struct schema_key *key)
{
	for (size_t i = 0; i < u->form.def->nfields; i++)
		if (u->form.def->fields[i].key == key)
			return (int)i;
	return -1;
}

/*
 * What `dotnet --list-runtimes` printed, pasted into a runtime field:
 * both runtime fields take the highest version of the series.  Whether
 * the paste was such a list.
 */
static int
paste_runtimes(struct ui *u, const char *text, size_t len)
{
	int asp = field_of(u, &sk_host_aspnetcore), desk = field_of(u, &sk_host_desktop);
	const struct schema_key *here = u->form.def->fields[u->form.field].key;
	struct runtimes_found r;
	const char *err;

	if (asp < 0 || desk < 0 || (here != &sk_host_aspnetcore && here != &sk_host_desktop) ||
	    (memchr(text, '\n', len) == NULL && memchr(text, '[', len) == NULL))
		return 0;
	if (runtimes_parse(text, len, u->s->model.mig->runtime_series, &r, &err) < 0)
		return 0;
	if (r.aspnetcore == NULL && r.desktop == NULL && r.ignored == 0) {
		runtimes_free(&r);
		return 0;
	}
	if (r.aspnetcore != NULL) {
		buf_reset(&u->form.values[asp]);
		buf_puts(&u->form.values[asp], r.aspnetcore);
	}
	if (r.desktop != NULL) {
		buf_reset(&u->form.values[desk]);
		buf_puts(&u->form.values[desk], r.desktop);
	}
	if (r.aspnetcore != NULL && r.desktop != NULL)
		ui_note(u, N_("From the pasted list: ASP.NET Core Runtime %s and .NET Desktop Runtime %s; Enter saves them."),
		    0, r.aspnetcore, r.desktop);
	else if (r.aspnetcore != NULL || r.desktop != NULL)
		ui_note(u, r.aspnetcore != NULL ?
		    N_("From the pasted list: ASP.NET Core Runtime %s; it shows no .NET Desktop Runtime %s.x.") :
		    N_("From the pasted list: .NET Desktop Runtime %s; it shows no ASP.NET Core Runtime %s.x."),
		    0, r.aspnetcore != NULL ? r.aspnetcore : r.desktop, u->s->model.mig->runtime_series);
	else
		ui_note(u, N_("The pasted list shows no runtime of the %s series: nothing was filled in."),
		    0, u->s->model.mig->runtime_series, NULL);
	runtimes_free(&r);
	return 1;
}

void
ui_form_paste(struct ui *u, const char *text, size_t len)
{
	const struct ui_form_field *fd;
	struct buf *v;

	if (u->screen != &ui_form_screen || u->form.def == NULL) {
		ui_note(u, N_("Pasted text goes into a form's field: open one first."), 0, NULL, NULL);
		return;
	}
	if (paste_runtimes(u, text, len))
		return;
	fd = &u->form.def->fields[u->form.field];
	if (fd->choices != NULL)
		return;
	v = &u->form.values[u->form.field];
	/* Any other paste is typed into the field, up to its first line's end: a newline never saves. */
	for (size_t i = 0; i < len && text[i] != '\n' && text[i] != '\r'; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\t')
			c = ' ';
		if (c >= ' ' && c != 127 && (v->len < fd->max || fd->max == 0))
			buf_putc(v, (char)c);
	}
}
