/*
 * Language selection.  Operators work in French or English whatever their
 * locale says: a jump host is often left in LANG=C, and fr_FR may not even be
 * generated there.  gettext ignores LANGUAGE in the C locale, so a forced
 * language also moves LC_MESSAGES to C.UTF-8, which every glibc system has.
 * Translations always come as UTF-8, like every text inside the program;
 * LC_CTYPE stays the operator's, so the wizard knows what the terminal
 * shows and converts for it.
 */
#include <config.h>

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

/* The language the messages are in now: "en" or "fr". */
static char current[3] = "en";

/* True when the locale category is the plain C one, where LANGUAGE is ignored. */
static int
is_c_locale(int category)
{
	const char *l = setlocale(category, NULL);

	return l == NULL || strcmp(l, "C") == 0 || strcmp(l, "POSIX") == 0;
}

/* What language would gettext pick from the environment alone? */
static void
guess_current(void)
{
	const char *v;

	if (is_c_locale(LC_MESSAGES))
		return;
	if ((v = getenv("LANGUAGE")) == NULL || *v == '\0')
		v = setlocale(LC_MESSAGES, NULL);
	if (v != NULL && strncmp(v, "fr", 2) == 0)
		strcpy(current, "fr");
}

void
i18n_init(void)
{
	/*
	 * The character set and the messages: nothing here formats numbers,
	 * dates or money by the locale, and loading those categories (a
	 * file each) was a tenth of starting up.
	 */
	setlocale(LC_CTYPE, "");
	setlocale(LC_MESSAGES, "");
#if ENABLE_NLS
	{
		/* Tests and uninstalled builds point at a catalog of their own. */
		const char *dir = getenv("SES_MIGRATE_LOCALEDIR");

		bindtextdomain(PACKAGE, dir != NULL && *dir ? dir : LOCALEDIR);
		bind_textdomain_codeset(PACKAGE, "UTF-8");
		textdomain(PACKAGE);
	}
#endif
	guess_current();
}

int
i18n_set_lang(const char *lang)
{
	if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0)
		return -1;
#if !ENABLE_NLS
	/* Without a catalog French would be English text with French choices. */
	if (strcmp(lang, "fr") == 0)
		return -2;
#endif
	if (is_c_locale(LC_MESSAGES))
		setlocale(LC_MESSAGES, "C.UTF-8");
	setenv("LANGUAGE", lang, 1);
#if ENABLE_NLS
	/* Tell gettext its cached translations are stale. */
	textdomain(PACKAGE);
#endif
	strcpy(current, lang);
	return 0;
}

const char *
i18n_lang(void)
{
	return current;
}
