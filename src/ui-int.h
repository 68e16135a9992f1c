/*
 * The wizard's insides: its state, its screens as a table of operations,
 * and the one table of keys that the key bar and the help are made from.
 * Private to ui*.c.
 */
#ifndef SES_UI_INT_H
#define SES_UI_INT_H

#include "actions.h"
#include "buf.h"
#include "msg.h"
#include "schema.h"
#include "session.h"

/* What a key does; behaviour never depends on a raw key code elsewhere. */
enum ui_action {
	UA_NONE,
	UA_UP,
	UA_DOWN,
	UA_PREV_STEP,
	UA_NEXT_STEP,
	UA_PAGE_UP,
	UA_PAGE_DOWN,
	UA_HOME,
	UA_END,
	UA_SEARCH,
	UA_TICK,
	UA_COMPLETE,
	UA_FIREWALL,
	UA_AGENTS,
	UA_ENVIRONMENT,
	UA_REPORT,
	UA_BLOCKERS,
	UA_LANG,
	UA_HELP,
	UA_BACK,
	UA_QUIT,
	UA_CONFIRM,
	UA_CANCEL,
	UA_TAB,
	UA_BTAB,
	UA_ADD,
	UA_REMOVE,
	UA_DEFER,
	UA_REOPEN,
	UA_WAIVE,
	UA_NOTE,
	UA_IMPORT,
	UA_EXCLUDE,
	UA_INCLUDE,
	UA_SAVE,
	UA_PROBE,
	UA_STEP_NOTE,
	UA_EXPORT,
	UA_COLLECT,
	UA_ACTIONS
};

struct ui;

/* An entry of a key bar: an action, and its word there (N_()). */
struct ui_bar_item {
	enum ui_action	 action;
	const char	*label;
};

/* A screen: what it shows, how it takes keys, and which keys its bar lists. */
struct ui_screen {
	/* The title line, in the current language; the caller frees it. */
	char		*(*title)(const struct ui *u);
	void		 (*draw)(struct ui *u);
	/* Carry out an action (or take the raw key); 1 when the wizard should end. */
	int		 (*key)(struct ui *u, enum ui_action a, int raw);
	const struct ui_bar_item *bar;	/* ends with UA_NONE */
	int		 prompt;	/* draws its own message line: a typed answer */
	/* Whether the bar lists a, here and now; NULL: every item of bar. */
	int		 (*shows)(const struct ui *u, enum ui_action a);
};

/* A text the pager shows, made again at each draw (the language may change). */
struct ui_page {
	const char	*title;		/* N_() */
	void		(*make)(const struct ui *, struct buf *);
	void		(*save)(struct ui *);	/* opens its save form; NULL: a view only */
};

/* A field of a form: what it asks, and how a value is checked as it is typed. */
struct ui_form_field {
	const char		*label;		/* N_() */
	const char		*help;		/* N_(), under the field while it is chosen; or NULL */
	const struct schema_key	*key;		/* the state's rule for the value, or NULL */
	/* Another rule: why v is refused (the caller frees it), or NULL. */
	char			*(*check)(const struct ui *u, const char *v);
	const char *const	*choices;	/* turned with Left/Right; NULL: typed */
	size_t			 max;		/* bytes that may be typed; 0: no limit */
	unsigned		 required : 1;
	unsigned		 path : 1;	/* Tab completes a file name */
};

#define UI_FORM_MAX	10

/* A form: its fields, and what saving it does. */
struct ui_form_def {
	const char		*title;		/* N_() */
	const char		*intro;		/* N_(), above the fields; or NULL */
	const struct ui_form_field *fields;
	size_t			 nfields;
	/* Apply the values (each field checked already); 0 closes the form. */
	int			(*submit)(struct ui *u);
};

/* The form being filled in. */
struct ui_form {
	const struct ui_form_def *def;
	struct buf		 values[UI_FORM_MAX];
	struct buf		 initial[UI_FORM_MAX];	/* as the form opened */
	size_t			 field;		/* the chosen one */
	char			*subject;	/* what it is about: a host, a step, an agent */
	const struct ui_screen	*back;		/* where Esc and saving go */
	int			 tried;		/* saving was tried: say what is missing */
};

/* What the screen shows besides the model. */
struct ui {
	struct session		*s;
	const struct ui_screen	*screen;
	size_t			 view;		/* step shown on the right */
	size_t			 cursor;	/* selected item within that step */
	struct msg		 note;		/* last result, rendered at each draw */
	const struct ui_page	*page;		/* the pager's text */
	int			 scroll;
	char			 typed[16];	/* the confirmation being typed */
	/* What another process changed, said until the next message. */
	struct {
		int		 shown;
		unsigned long	 changes;	/* events since the last reading */
		struct event	 last;		/* the newest of them, a copy */
	} reload;
	unsigned long		 changes_seen;	/* events in the state as last read */
	int			 bottom;	/* the first row under the screen's area */
	char			 find[64];	/* the pager's search, as typed */
	char			 found[64];	/* the last search made */
	struct ui_form		 form;
	const struct ui_screen	*pager_back;	/* where q goes from the pager */
	size_t			 line;		/* chosen line of a list screen */
};

extern const struct ui_screen ui_steps_screen, ui_pager_screen,
    ui_search_screen, ui_confirm_screen, ui_form_screen, ui_env_screen,
    ui_agents_screen;
extern const struct ui_page ui_firewall_page, ui_report_page, ui_blockers_page,
    ui_help_page;

/* The action of a key on the screen in view, or UA_NONE. */
enum ui_action ui_key_action(int key);
/* The key bar of the screen in view, from the key table, in the current language, in width columns. */
void ui_key_bar(const struct ui *u, struct buf *out, size_t width);
/* The help: every key and what it does, wrapped to width. */
void ui_key_help(struct buf *out, size_t width);

/* Say something on the message line: a code, shown in the language of the moment. */
void ui_note(struct ui *u, const char *fmt, unsigned translate, const char *a0,
    const char *a1);
/* The same, with a plural form chosen by n and one argument. */
void ui_note_n(struct ui *u, const char *one, const char *many, unsigned long n,
    const char *a0);
/* Say the refusal the core just made (its last message), or an error text. */
void ui_refusal(struct ui *u, char *err);
/* Read the state again if another process changed it, and say what changed; whether it did (or failed). */
int ui_poll(struct ui *u);
/* The message line's text in the current language, or NULL; the caller frees it. */
char *ui_note_text(const struct ui *u);
/* Switch between French and English. */
void ui_switch_lang(struct ui *u);

/* Take the lock for a change on the fresh state; 0 when refused (and said). */
int ui_begin(struct ui *u);
/* An action on the model for a form: the core's verdict, *err set when it refuses. */
typedef enum act_status ui_act_fn(struct ui *u, const struct actor *a, char **err);
/* Run act on the fresh state and save it, saying done (a0: subject); 0 when it was done. */
int ui_apply(struct ui *u, ui_act_fn *act, const char *done, const char *subject);
/* Save the change made since ui_begin; a failure is said. */
void ui_commit(struct ui *u);

/* Opens def's form about subject (or NULL), values[i] (or NULL) filling field i. */
void ui_form_open(struct ui *u, const struct ui_form_def *def, const char *subject,
    const char *const *values);
/* Frees what the form holds; it is no longer open. */
void ui_form_close(struct ui *u);
/* The text of field i of the open form. */
const char *ui_form_value(const struct ui *u, size_t i);
/* The text field i had when the form opened. */
const char *ui_form_initial(const struct ui *u, size_t i);
/* Text pasted (bracketed paste) while a form is open: a dotnet --list-runtimes fills the runtimes. */
void ui_form_paste(struct ui *u, const char *text, size_t len);

/* The steps screen's actions on the step in view or the chosen item (ui-act.c). */
void ui_defer(struct ui *u);
void ui_reopen(struct ui *u);
void ui_waive(struct ui *u);
void ui_note_item(struct ui *u);
void ui_note_step(struct ui *u);
void ui_probe(struct ui *u);
/* Outputs (ui-export.c): the firewall plan's and the report's save forms. */
void ui_export_plan(struct ui *u);
void ui_save_report(struct ui *u);
/* The evidence collector's form: host (empty: every one), language, file. */
void ui_export_collect(struct ui *u, const char *host);
/* Frees the last preview. */
void ui_preview_end(void);

/* Drawing helpers (ui-draw.c). */
/* Learns the terminal's character set from the locale; call before drawing. */
void ui_charset_init(void);
/* Lets go of what ui_charset_init took. */
void ui_charset_end(void);
/* Whether the terminal shows UTF-8 (else texts are converted, lines are ASCII). */
int ui_term_utf8(void);
/* Writes s at line y, column x, cut to cols columns. */
void ui_put_cut(int y, int x, const char *s, size_t cols);
/* "LEFT - PATH" for a title line, the path shortened from the left to fit, its file name kept. */
char *ui_title_with_path(const char *left, const char *path);
/* How many lines s takes wrapped to width. */
int ui_lines_needed(const char *s, int width);
/* Writes s from (y, x), wrapped to width, stopping at line bottom; returns the next y. */
int ui_put_wrapped(int y, int x, int width, int indent, const char *s, int bottom);
/* Redraws the whole screen: the title, the screen, the message line and the key bar. */
void ui_draw(struct ui *u);

#endif
