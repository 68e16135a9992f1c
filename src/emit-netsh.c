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
rule(struct buf *b, const struct plan *p, const struct model *m,
    const struct flow *f, int inbound)
{
	char *name = emit_rule_name(f);
	char *when = flow_when_text(p, f->when);
	char *line = xasprintf(_("%s: from %s to %s, %s %u."), flow_purpose(f),
	    f->source, f->destination, flow_proto_id(f->proto), f->port);

	rem(b, line);
	free(line);
	if (f->action == ACTION_KEEP) {
		emit_kept(b, p, rem);
	} else if (f->action == ACTION_ADD && inbound && f->by_installer) {
		line = xasprintf(_("Created by the SES Evolution installer: %s."),
		    flow_installer_rule(f));
		rem(b, line);
		free(line);
	} else if (f->action == ACTION_ADD) {
		const char *remote = emit_remote(m, f, inbound);

		rem(b, when);
		buf_puts(b, "netsh advfirewall firewall add rule name=\"");
		emit_cmd_text(b, name);
		buf_printf(b, "\" dir=%s action=allow protocol=%s %s=%u remoteip=%s description=\"",
		    inbound ? "in" : "out", flow_proto_id(f->proto),
		    inbound ? "localport" : "remoteport", f->port,
		    strcmp(remote, "Any") == 0 ? "any" : remote);
		emit_cmd_text(b, flow_purpose(f));
		buf_puts(b, "\"\r\n");
	} else if (inbound && (f->def->flags & FLOW_REMOVE_BY_PORT)) {
		/*
		 * Only the rules SES Evolution and ses-migrate made, by name: netsh
		 * cannot match a name's beginning, and a rule of the host's own on
		 * this port is not ours to remove.
		 */
		rem(b, when);
		buf_puts(b, "netsh advfirewall firewall delete rule name=\"");
		emit_cmd_text(b, flow_installer_rule(f));
		buf_printf(b, "\" dir=in protocol=TCP localport=%u\r\n", f->port);
		buf_puts(b, "netsh advfirewall firewall delete rule name=\"");
		emit_cmd_text(b, name);
		buf_puts(b, "\"\r\n");
	} else {
		rem(b, when);
		buf_puts(b, "netsh advfirewall firewall delete rule name=\"");
		emit_cmd_text(b, name);
		buf_puts(b, "\"\r\n");
	}
	buf_puts(b, "\r\n");
	free(name);
	free(when);
}

/* cmd reads a script in the console's code page: switch it to UTF-8 first. */
static const struct host_script netsh = {
	"@echo off\r\nchcp 65001 >nul\r\n",
	N_("Run it from an elevated command prompt on that host."),
	"\r\n",
	rem,
	rule,
};

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	return emit_host_script(p, m, o, b, err, &netsh);
}

const struct emitter emit_netsh = { "netsh", 1, emit };
