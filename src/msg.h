/*
 * Messages as codes: an untranslated format (N_(), %s conversions only)
 * and its arguments as text, rendered in the language of the moment.
 * msg_make renders one for the caller at once, as the actions' refusals
 * are; and it keeps it as the last message made, so the wizard can keep
 * the code and show the refusal again in the other language after L.
 */
#ifndef SES_MSG_H
#define SES_MSG_H

#define MSG_ARGS 4

struct msg {
	const char	*fmt;		/* NULL: no message */
	const char	*plural;	/* NULL, or the form for n other than one */
	unsigned long	 n;
	char		*args[MSG_ARGS];
	unsigned	 translate;	/* bit per argument that is an N_() text itself */
};

/* The message rendered now, and kept as the last one made; the caller frees it. */
char *msg_make(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last message msg_make made. */
const struct msg *msg_last(void);
/* A message in the current language; the caller frees it. */
char *msg_render(const struct msg *m);
/* Makes dst (freed first) a copy of src, its arguments duplicated. */
void msg_copy(struct msg *dst, const struct msg *src);
/* Set a message from a format and two arguments as text, translate marking N_() ones. */
void msg_set(struct msg *m, const char *fmt, unsigned translate,
    const char *a0, const char *a1);
/* The same, with a plural form chosen by n. */
void msg_set_n(struct msg *m, const char *one, const char *many, unsigned long n,
    const char *a0);
/* Frees m's arguments and leaves it empty: no message. */
void msg_free(struct msg *m);

#endif
