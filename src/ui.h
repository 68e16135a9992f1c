/* The wizard: the only part of the program that talks to curses. */
#ifndef SES_UI_H
#define SES_UI_H

#include "cli.h"
#include "session.h"

#include "buf.h"

enum ui_mode {
	MODE_STEPS,		/* the steps and the current step */
	MODE_HELP,		/* the keys */
	MODE_PAGER,		/* a text: firewall plan, agents, report... */
	MODE_CONFIRM		/* typing the confirmation of close-17000 */
};

struct ui;

/* A text the pager shows, made again at each draw (the language may change). */
struct ui_page {
	const char	*title;		/* N_() */
	void		(*make)(const struct ui *, struct buf *);
};

/* What the screen shows besides the model. */
struct ui {
	struct session	*s;
	const struct cli *cli;
	enum ui_mode	 mode;
	int		 view;		/* step shown on the right */
	int		 cursor;	/* selected item within that step */
	char		*message;	/* last result, shown above the key bar */
	const struct ui_page *page;	/* MODE_PAGER */
	int		 scroll;
	char		 typed[8];	/* MODE_CONFIRM */
	int		 confirm_step;
};

/* What must be typed to close port 17000: the same in every language. */
#define UI_CONFIRM_WORD "17000"

int ui_run(const struct cli *c);
void ui_draw(struct ui *u);
void ui_say(struct ui *u, char *message);
/* Put the terminal back as it was, from anywhere (a handler): no allocation. */
void ui_emergency_restore(void);

#endif
