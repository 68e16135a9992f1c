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

static void
port_text(const struct flow *f, char *port, size_t size)
{
	snprintf(port, size, "%s %u%s", flow_proto_id(f->proto), f->port,
	    f->by_installer ? "*" : "");
}

/* Each column as wide as its header and its widest value; the ends at most 20. */
static void
widths(const struct plan *p, size_t w[4])
{
	w[0] = text_width(_("ACTION"));
	w[1] = text_width(_("SOURCE"));
	w[2] = text_width(_("DESTINATION"));
	w[3] = text_width(_("PORT"));
	for (size_t i = 0; i < p->n; i++) {
		char port[24];
		size_t v[4];

		port_text(&p->v[i], port, sizeof(port));
		v[0] = text_width(action_word(p->v[i].action));
		v[1] = text_width(p->v[i].source);
		v[2] = text_width(p->v[i].destination);
		v[3] = text_width(port);
		for (int k = 0; k < 4; k++)
			w[k] = v[k] > w[k] ? v[k] : w[k];
	}
	w[1] = w[1] > 20 ? 20 : w[1];
	w[2] = w[2] > 20 ? 20 : w[2];
}

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	char *title = phase_title(p);
	int installer = 0;
	size_t w[4], used;

	text_wrap(b, title, 0, 0, 80);
	free(title);
	widths(p, w);
	used = w[0] + 1 + w[1] + 2 + w[2] + 2 + w[3] + 1;
	/* The rows by moment, each moment under the guide's condition for it. */
	for (int when = 0; when < WHEN_COUNT; when++) {
		int any = 0;

		for (size_t i = 0; i < p->n; i++) {
			const struct flow *f = &p->v[i];
			char port[24];

			if ((int)f->when != when)
				continue;
			if (!any) {
				char *heading = flow_moment_heading(p, f->when);

				buf_putc(b, '\n');
				text_wrap(b, heading, 0, 0, 80);
				free(heading);
				text_pad(b, _("ACTION"), w[0] + 1);
				text_pad(b, _("SOURCE"), w[1] + 2);
				text_pad(b, _("DESTINATION"), w[2] + 2);
				text_pad(b, _("PORT"), w[3] + 1);
				buf_printf(b, "%s\n", _("PURPOSE"));
				any = 1;
			}
			port_text(f, port, sizeof(port));
			installer |= f->by_installer;
			text_pad(b, action_word(f->action), w[0] + 1);
			text_pad(b, f->source, w[1] + 2);
			text_pad(b, f->destination, w[2] + 2);
			text_pad(b, port, w[3] + 1);
			text_wrap(b, flow_purpose(f), used, used, 80);
			if (f->port_stays) {
				char *stays = flow_port_stays_text(p, f);

				buf_printf(b, "%*s", (int)used, "");
				text_wrap(b, stays, used, used, 80);
				free(stays);
			}
		}
	}
	if (p->n == 0)
		buf_printf(b, "\n%s\n", _(o->front == FRONT_WIZARD ?
		    N_("No flow: declare the hosts first (e, then +).") :
		    N_("No flow: declare the hosts first (ses-migrate host add).")));
	buf_putc(b, '\n');
	if (installer)
		text_wrap(b, _("* Inbound rule that the SES Evolution installer creates itself in Windows Defender Firewall, on the backend and agent handler hosts; it never creates outbound rules."), 2, 0, 80);
	if (p->separated)
		text_wrap(b, plan_table_note(p), 0, 0, 80);
	if (p->no_sql)
		text_wrap(b, _(o->front == FRONT_WIZARD ?
		    N_("No SQL Server host is declared: declare it (e, then +, role sql) for the backend's database flows.") :
		    N_("No SQL Server host is declared: add it (--roles sql) for the backend's database flows.")), 0, 0, 80);
	if (p->no_syslog)
		text_wrap(b, _(o->front == FRONT_WIZARD ?
		    N_("No Syslog server is declared: if agent handler groups send logs, declare it (e, then +, role syslog).") :
		    N_("No Syslog server is declared: if agent handler groups send logs, add it (--roles syslog).")), 0, 0, 80);
	(void)m;
	(void)err;
	return 0;
}

const struct emitter emit_table = { "table", 0, emit };
