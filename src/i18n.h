/* Translation: gettext wrappers and the choice of language. */
#ifndef SES_I18N_H
#define SES_I18N_H

#if ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#define P_(s, p, n)	ngettext((s), (p), (n))
#else
#define _(s)		((char *)(s))
#define P_(s, p, n)	((n) == 1 ? (char *)(s) : (char *)(p))
#endif
#define N_(s)		(s)
/* A plural pair marked for translation, passed on as two arguments. */
#define NP_(s, p)	(s), (p)

/* Sets the locale from the environment and opens the catalog; call it first. */
void i18n_init(void);
/* Every later message in lang, "fr" or "en"; -1 for another, -2 for French in a build without NLS (nothing changes). */
int i18n_set_lang(const char *lang);
/* The language of the messages now: "en" or "fr". */
const char *i18n_lang(void);

#endif
