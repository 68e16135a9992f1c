/* The wizard: the only part of the program that talks to curses. */
#ifndef SES_UI_H
#define SES_UI_H

#include "front.h"

/* Run the wizard on the state; the exit status. */
int ui_run(const struct front_opts *o);
/* Put the terminal back as it was, from anywhere (a handler): no allocation. */
void ui_emergency_restore(void);

#endif
