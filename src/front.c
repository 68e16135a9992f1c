/* Messages on standard error, and exit statuses, for both front ends. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "front.h"
#include "i18n.h"

void
front_error(const char *msg)
{
	const char *p = msg;

	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		fprintf(stderr, "%s: %.*s\n", PACKAGE, (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

void
front_errorf(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	front_error(b.data);
	buf_free(&b);
}

int
front_state_exit(enum state_status st)
{
	switch (st) {
	case STATE_NEWER:
		return EX_CONFIG;
	case STATE_IOERR:
		return EX_IOERR;
	case STATE_NOINPUT:
		return EX_NOINPUT;
	case STATE_LOCKED:
		return EX_TEMPFAIL;
	default:
		return EX_DATAERR;
	}
}

int
front_lang(const char *lang)
{
	switch (i18n_set_lang(lang)) {
	case 0:
		return 0;
	case -2:
		front_error(_("This ses-migrate was built without translations (--disable-nls): messages stay in English."));
		return 0;
	default:
		front_errorf(_("Unknown language \"%s\"; use fr or en."), lang);
		return -1;
	}
}
