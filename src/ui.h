/* The wizard: the only part of the program that talks to curses. */
#ifndef SES_UI_H
#define SES_UI_H

#include "cli.h"
#include "session.h"

/* What the screen shows besides the model. */
struct ui {
	struct session	*s;
	const struct cli *cli;
	int		 view;		/* step shown on the right */
	int		 cursor;	/* selected item within that step */
	char		*message;	/* last result, shown above the key bar */
	int		 help;		/* the help screen is up */
};

int ui_run(const struct cli *c);
void ui_draw(struct ui *u);
void ui_say(struct ui *u, char *message);

#endif
