/*
 * A cmd script of netsh commands for Windows Defender Firewall on one
 * host, for machines where PowerShell is not at hand.  Same rules and
 * names as the PowerShell script.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "i18n.h"
#include "xalloc.h"

static void
rem(struct buf *b, const char *text)
{
	buf_puts(b, "rem ");
	emit_cmd_text(b, text);
	buf_puts(b, "\r\n");
}

static void
rule(struct buf *b, const struct model *m, const struct flow *f, int inbound)
{
	char *name = emit_rule_name(f);
	char *line = xasprintf(_("%s: from %s to %s, %s %u."), flow_purpose(f->kind),
	    f->source, f->destination, flow_proto_id(f->proto), f->port);

	rem(b, line);
	free(line);
	if (f->action == ACTION_KEEP) {
		rem(b, _("Already open in 2.6: keep it."));
	} else if (f->action == ACTION_ADD && inbound && f->by_installer) {
		line = xasprintf(_("Created by the SES Evolution installer: %s."),
		    flow_installer_rule(f));
		rem(b, line);
		free(line);
	} else if (f->action == ACTION_ADD) {
		const char *remote = emit_remote(m, f, inbound);

		rem(b, flow_when_text(f->when));
		buf_puts(b, "netsh advfirewall firewall add rule name=\"");
		emit_cmd_text(b, name);
		buf_printf(b, "\" dir=%s action=allow protocol=%s %s=%u remoteip=%s description=\"",
		    inbound ? "in" : "out", flow_proto_id(f->proto),
		    inbound ? "localport" : "remoteport", f->port,
		    strcmp(remote, "Any") == 0 ? "any" : remote);
		emit_cmd_text(b, flow_purpose(f->kind));
		buf_puts(b, "\"\r\n");
	} else if (inbound && f->kind == FLOW_MSRPC_IN) {
		rem(b, flow_when_text(f->when));
		buf_printf(b, "netsh advfirewall firewall delete rule name=all dir=in protocol=TCP localport=%u\r\n",
		    f->port);
	} else {
		rem(b, flow_when_text(f->when));
		buf_puts(b, "netsh advfirewall firewall delete rule name=\"");
		emit_cmd_text(b, name);
		buf_puts(b, "\"\r\n");
	}
	buf_puts(b, "\r\n");
	free(name);
}

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	char *line;

	if (emit_check_addresses(p, m, o->host, err) < 0)
		return -1;
	buf_puts(b, "@echo off\r\n");
	line = xasprintf(_("Windows Defender Firewall rules for %s, phase %s, written by ses-migrate."),
	    o->host, plan_phase_id(p->phase));
	rem(b, line);
	free(line);
	rem(b, _("Run it from an elevated command prompt on that host."));
	if (p->separated)
		rem(b, plan_table_note());
	buf_puts(b, "\r\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];
		int inbound = strcasecmp(f->destination, o->host) == 0;

		if (!emit_safe_token(f->source) || !emit_safe_token(f->destination) ||
		    !emit_safe_token(emit_remote(m, f, inbound))) {
			*err = xasprintf(_("Refusing to write a script with the value \"%s\"."),
			    f->source);
			return -1;
		}
		rule(b, m, f, inbound);
	}
	return 0;
}

const struct emitter emit_netsh = { "netsh", 1, emit };
