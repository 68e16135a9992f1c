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
delete_named(struct buf *b, const char *name, const char *filter)
{
	buf_puts(b, "netsh advfirewall firewall delete rule name=\"");
	emit_cmd_text(b, name);
	buf_printf(b, "\"%s\r\n", filter);
}

static void
rule(struct buf *b, const struct plan *p, const struct model *m,
    const struct flow *f, int inbound)
{
	char *name = emit_rule_name(f);
	char *line = xasprintf(_("%s: from %s to %s, %s %u."), flow_purpose(f),
	    f->source, f->destination, flow_proto_id(f->proto), f->port);

	rem(b, line);
	free(line);
	if (f->action == ACTION_KEEP) {
		emit_kept(b, p, rem);
	} else if (f->action == ACTION_ADD && inbound && f->by_installer) {
		char *missing = xasprintf(_("No rule %s on this host yet: the SES Evolution %s installer creates it when it runs here."),
		    flow_installer_rule(f), p->mig->to_version);

		line = xasprintf(_("Created by the SES Evolution installer: %s."),
		    flow_installer_rule(f));
		rem(b, line);
		free(line);
		/* Found under either of its names, or a warning. */
		buf_puts(b, "netsh advfirewall firewall show rule name=\"");
		emit_cmd_text(b, flow_installer_rule(f));
		buf_puts(b, "\" >nul 2>&1");
		if (flow_installer_shown(f) != NULL) {
			buf_puts(b, " || netsh advfirewall firewall show rule name=\"");
			emit_cmd_text(b, flow_installer_shown(f));
			buf_puts(b, "\" >nul 2>&1");
		}
		buf_puts(b, " || echo ");
		emit_cmd_text(b, missing);
		buf_puts(b, "\r\n");
		free(missing);
	} else if (f->action == ACTION_ADD) {
		const char *remote = emit_remote(m, f, inbound);

		buf_puts(b, "netsh advfirewall firewall add rule name=\"");
		emit_cmd_text(b, name);
		buf_printf(b, "\" dir=%s action=allow protocol=%s %s=%u remoteip=%s description=\"",
		    inbound ? "in" : "out", flow_proto_id(f->proto),
		    inbound ? "localport" : "remoteport", f->port,
		    strcmp(remote, "Any") == 0 ? "any" : remote);
		emit_cmd_text(b, flow_purpose(f));
		buf_puts(b, "\"\r\n");
	} else if (f->port_stays) {
		char *stays = flow_port_stays_text(p, f);

		rem(b, stays);
		free(stays);
		if (!f->by_installer)
			delete_named(b, name, "");
	} else if (inbound && (f->def->flags & FLOW_REMOVE_BY_PORT)) {
		char *filter = xasprintf(" dir=in protocol=TCP localport=%u", f->port);

		/*
		 * Only the rules SES Evolution and ses-migrate made, by name: netsh
		 * cannot match a name's beginning, and a rule of the host's own on
		 * this port is not ours to remove.  The installer's rule goes by
		 * either of its names.
		 */
		delete_named(b, flow_installer_rule(f), filter);
		if (flow_installer_shown(f) != NULL)
			delete_named(b, flow_installer_shown(f), filter);
		delete_named(b, name, "");
		free(filter);
	} else {
		delete_named(b, name, "");
	}
	buf_puts(b, "\r\n");
	free(name);
}

static void
end_close(struct buf *b, const char *skipped)
{
	buf_puts(b, "goto ses_migrate_end_done\r\n:ses_migrate_end_skipped\r\necho ");
	emit_cmd_text(b, skipped);
	buf_puts(b, "\r\n:ses_migrate_end_done\r\n");
}

/* cmd reads a script in the console's code page: switch it to UTF-8 first. */
static const struct host_script netsh = {
	"@echo off\r\nchcp 65001 >nul\r\n",
	N_("Run it from an elevated command prompt on that host."),
	"\r\n",
	rem,
	rule,
	"",
	N_("The rules of the very end run only when at-the-end is given as the first argument, once every agent runs the new version."),
	"if /i not \"%~1\"==\"at-the-end\" goto ses_migrate_end_skipped\r\n",
	end_close,
};

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	return emit_host_script(p, m, o, b, err, &netsh);
}

const struct emitter emit_netsh = { "netsh", 1, emit };
