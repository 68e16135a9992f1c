/* The plan as a table for the screen, 80 columns, in the reader's language. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "i18n.h"
#include "text.h"
#include "xalloc.h"

static const char *
action_word(enum flow_action a)
{
	switch (a) {
	case ACTION_ADD:
		/* TRANSLATORS: a firewall rule to add; at most 8 columns. */
		return _("add");
	case ACTION_REMOVE:
		/* TRANSLATORS: a firewall rule to remove; at most 8 columns. */
		return _("remove");
	default:
		/* TRANSLATORS: a firewall rule to keep; at most 8 columns. */
		return _("keep");
	}
}

static char *
phase_title(const struct plan *p)
{
	switch (p->phase) {
	case PHASE_BASELINE:
		return xasprintf(_("Firewall flows of SES Evolution %s (before the migration)"),
		    p->mig->from_series);
	case PHASE_DUAL:
		return xasprintf(_("Firewall flows during the migration: the %s and %s rules side by side"),
		    p->mig->from_series, p->mig->to_version);
	default:
		return xasprintf(_("Firewall flows of SES Evolution %s (after the migration)"),
		    p->mig->to_version);
	}
}

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	size_t wsrc = text_width(_("SOURCE")), wdst = text_width(_("DESTINATION"));
	char *title = phase_title(p);
	int installer = 0;

	/* The columns are at least as wide as their headers, at most 20. */
	text_wrap(b, title, 0, 0, 80);
	free(title);
	buf_putc(b, '\n');
	for (size_t i = 0; i < p->n; i++) {
		size_t ws = text_width(p->v[i].source), wd = text_width(p->v[i].destination);

		wsrc = ws > wsrc ? ws : wsrc;
		wdst = wd > wdst ? wd : wdst;
	}
	wsrc = wsrc > 20 ? 20 : wsrc;
	wdst = wdst > 20 ? 20 : wdst;
	if (wsrc < 6)
		wsrc = 6;
	text_pad(b, _("ACTION"), 9);
	text_pad(b, _("SOURCE"), wsrc + 2);
	text_pad(b, _("DESTINATION"), wdst + 2);
	text_pad(b, _("PORT"), 11);
	buf_printf(b, "%s\n", _("PURPOSE"));
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];
		size_t used = 9 + wsrc + 2 + wdst + 2 + 11;
		char port[16];

		snprintf(port, sizeof(port), "%s %u%s", flow_proto_id(f->proto), f->port,
		    f->by_installer ? "*" : "");
		installer |= f->by_installer;
		text_pad(b, action_word(f->action), 9);
		text_pad(b, f->source, wsrc + 2);
		text_pad(b, f->destination, wdst + 2);
		text_pad(b, port, 11);
		text_wrap(b, flow_purpose(f), used, used, 80);
		if (f->action != ACTION_KEEP && f->when != WHEN_ALWAYS) {
			char *when = flow_when_text(p, f->when);

			buf_printf(b, "%*s", (int)used, "");
			text_wrap(b, when, used, used, 80);
			free(when);
		}
	}
	if (p->n == 0)
		buf_printf(b, "%s\n", _("No flow: declare the hosts first (ses-migrate host add)."));
	buf_putc(b, '\n');
	if (installer)
		text_wrap(b, _("* Inbound rule that the SES Evolution installer creates itself in Windows Defender Firewall, on the backend and agent handler hosts; it never creates outbound rules."), 2, 0, 80);
	if (p->separated)
		text_wrap(b, plan_table_note(p), 0, 0, 80);
	if (p->no_sql)
		text_wrap(b, _("No SQL Server host is declared: add it (--roles sql) for the backend's database flows."), 0, 0, 80);
	if (p->no_syslog)
		text_wrap(b, _("No syslog server is declared: if agent handler groups send logs, add it (--roles syslog)."), 0, 0, 80);
	(void)m;
	(void)o;
	(void)err;
	return 0;
}

const struct emitter emit_table = { "table", 0, emit };
