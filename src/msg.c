/* Messages kept as codes, rendered when shown. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "xalloc.h"

static struct msg last;

/* How many arguments a format takes: its %s and %N$s conversions. */
static int
conversions(const char *fmt)
{
	int n = 0, highest = 0;

	for (const char *p = fmt; (p = strchr(p, '%')) != NULL; p++) {
		if (p[1] == '%') {
			p++;
			continue;
		}
		if (p[1] >= '1' && p[1] <= '9' && p[2] == '$') {
			if (p[1] - '0' > highest)
				highest = p[1] - '0';
		} else
			n++;
	}
	n = highest > n ? highest : n;
	return n > MSG_ARGS ? MSG_ARGS : n;
}

void
msg_free(struct msg *m)
{
	for (int i = 0; i < MSG_ARGS; i++)
		free(m->args[i]);
	memset(m, 0, sizeof(*m));
}

void
msg_copy(struct msg *dst, const struct msg *src)
{
	msg_free(dst);
	dst->fmt = src->fmt;
	dst->plural = src->plural;
	dst->n = src->n;
	dst->translate = src->translate;
	for (int i = 0; i < MSG_ARGS; i++)
		dst->args[i] = src->args[i] != NULL ? xstrdup(src->args[i]) : NULL;
}

void
msg_set(struct msg *m, const char *fmt, unsigned translate, const char *a0,
    const char *a1)
{
	msg_free(m);
	m->fmt = fmt;
	m->translate = translate;
	m->args[0] = a0 != NULL ? xstrdup(a0) : NULL;
	m->args[1] = a1 != NULL ? xstrdup(a1) : NULL;
}

void
msg_set_n(struct msg *m, const char *one, const char *many, unsigned long n,
    const char *a0)
{
	msg_set(m, one, 0, a0, NULL);
	m->plural = many;
	m->n = n;
}

char *
msg_render(const struct msg *m)
{
	const char *a[MSG_ARGS];

	if (m->fmt == NULL)
		return xstrdup("");
	for (int i = 0; i < MSG_ARGS; i++)
		a[i] = m->args[i] == NULL ? "" : (m->translate & (1u << i)) ?
		    _(m->args[i]) : m->args[i];
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The formats are N_() literals checked at their msg_make (format attribute) and by msgfmt -c. */
	if (m->plural != NULL)
		return xasprintf(P_(m->fmt, m->plural, m->n), a[0], a[1], a[2], a[3]);
	/* A text kept as it is, not a format to translate. */
	if (strcmp(m->fmt, "%s") == 0)
		return xstrdup(a[0]);
	return xasprintf(_(m->fmt), a[0], a[1], a[2], a[3]);
#pragma GCC diagnostic pop
}

char *
msg_make(const char *fmt, ...)
{
	int n = conversions(fmt);
	va_list ap;

	msg_free(&last);
	last.fmt = fmt;
	va_start(ap, fmt);
	for (int i = 0; i < n; i++) {
		const char *s = va_arg(ap, const char *);

		last.args[i] = xstrdup(s != NULL ? s : "");
	}
	va_end(ap);
	return msg_render(&last);
}

const struct msg *
msg_last(void)
{
	return &last;
}
