/*
 * A PowerShell script for Windows Defender Firewall on one host: UTF-8 with
 * a byte order mark (so Windows PowerShell 5 reads accents right), CRLF.
 * Rules it creates carry a stable name and the group "ses-migrate", so a
 * later phase can remove exactly them.  Inbound rules the SES installer
 * creates itself are left to it and only mentioned.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "i18n.h"
#include "xalloc.h"

/* A comment line: one line, whatever the text holds. */
void
emit_ps_comment(struct buf *b, const char *text)
{
	buf_puts(b, "# ");
	for (const char *p = text; *p != '\0'; p++)
		buf_putc(b, (unsigned char)*p < 0x20 ? ' ' : *p);
	buf_puts(b, "\r\n");
}


/* An address list as a PowerShell array of quoted strings. */
static void
addresses(struct buf *b, const char *list)
{
	char *copy = xstrdup(list), *save = NULL;
	int first = 1;

	for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		if (!first)
			buf_putc(b, ',');
		emit_ps_quote(b, t);
		first = 0;
	}
	free(copy);
}

static void
describe(struct buf *b, const struct flow *f)
{
	char *line = xasprintf(_("%s: from %s to %s, %s %u."), flow_purpose(f),
	    f->source, f->destination, flow_proto_id(f->proto), f->port);

	emit_ps_comment(b, line);
	free(line);
}

/* The installer's rule, looked for under both the names it is known by. */
static void
installer_check(struct buf *b, const struct plan *p, const struct flow *f)
{
	char *line = xasprintf(_("Created by the SES Evolution installer: %s."),
	    flow_installer_rule(f));
	char *missing = xasprintf(_("No rule %s on this host yet: the SES Evolution %s installer creates it when it runs here."),
	    flow_installer_rule(f), p->mig->to_version);

	emit_ps_comment(b, line);
	buf_puts(b, "if (-not (Get-NetFirewallRule -DisplayName ");
	emit_ps_quote(b, flow_installer_rule(f));
	if (flow_installer_shown(f) != NULL) {
		buf_putc(b, ',');
		emit_ps_quote(b, flow_installer_shown(f));
	}
	buf_puts(b, " -ErrorAction SilentlyContinue)) { Write-Warning ");
	emit_ps_quote(b, missing);
	buf_puts(b, " }\r\n");
	free(line);
	free(missing);
}

static void
remove_named(struct buf *b, const char *name)
{
	buf_puts(b, "Get-NetFirewallRule -Name ");
	emit_ps_quote(b, name);
	buf_puts(b, " -ErrorAction SilentlyContinue | Remove-NetFirewallRule\r\n");
}

static void
rule(struct buf *b, const struct plan *p, const struct model *m,
    const struct flow *f, int inbound)
{
	const char *remote = emit_remote(m, f, inbound);
	char *name = emit_rule_name(f);

	if (f->action == ACTION_KEEP) {
		emit_kept(b, p, emit_ps_comment);
	} else if (f->action == ACTION_ADD && inbound && f->by_installer) {
		installer_check(b, p, f);
	} else if (f->action == ACTION_ADD) {
		buf_puts(b, "New-NetFirewallRule -Name ");
		emit_ps_quote(b, name);
		buf_puts(b, " -DisplayName ");
		emit_ps_quote(b, name);
		buf_printf(b, " -Group 'ses-migrate' -Direction %s -Action Allow -Protocol %s -%s %u -RemoteAddress ",
		    inbound ? "Inbound" : "Outbound", flow_proto_id(f->proto),
		    inbound ? "LocalPort" : "RemotePort", f->port);
		addresses(b, remote);
		buf_puts(b, " -Description ");
		emit_ps_quote(b, flow_purpose(f));
		buf_puts(b, " | Out-Null\r\n");
	} else if (f->port_stays) {
		char *stays = flow_port_stays_text(p, f);

		/* Another flow needs the port: only a rule of ours for this flow goes. */
		emit_ps_comment(b, stays);
		free(stays);
		if (!f->by_installer)
			remove_named(b, name);
	} else if (inbound && (f->def->flags & FLOW_REMOVE_BY_PORT)) {
		/* Under either of the installer's names, or one of ours. */
		buf_printf(b, "Get-NetFirewallPortFilter | Where-Object { $_.Protocol -eq 'TCP' -and $_.LocalPort -eq %u } | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and ($_.DisplayName -like 'Stormshield Endpoint Security*' -or $_.Group -eq 'ses-migrate') } | Remove-NetFirewallRule\r\n",
		    f->port);
	} else if (inbound && f->by_installer) {
		char *moved = xasprintf(_("The %s installer moves its own rule; remove any rule of yours that still opens this port."),
		    p->mig->to_version);

		emit_ps_comment(b, moved);
		free(moved);
		remove_named(b, name);
	} else {
		remove_named(b, name);
	}
	buf_puts(b, "\r\n");
	free(name);
}

static void
describe_and_rule(struct buf *b, const struct plan *p, const struct model *m,
    const struct flow *f, int inbound)
{
	describe(b, f);
	rule(b, p, m, f, inbound);
}

static void
end_close(struct buf *b, const char *skipped)
{
	buf_puts(b, "} else {\r\n\tWrite-Warning ");
	emit_ps_quote(b, skipped);
	buf_puts(b, "\r\n}\r\n");
}

static const struct host_script powershell = {
	"\xef\xbb\xbf",
	N_("Run it in an elevated PowerShell on that host. The rules it creates are in the group 'ses-migrate'."),
	"$ErrorActionPreference = 'Stop'\r\n\r\n",
	emit_ps_comment,
	describe_and_rule,
	"param([switch]$AtTheEnd)\r\n",
	N_("The rules of the very end run only with -AtTheEnd, once every agent runs the new version."),
	"if ($AtTheEnd) {\r\n",
	end_close,
};

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	return emit_host_script(p, m, o, b, err, &powershell);
}

const struct emitter emit_powershell = { "powershell", 1, emit };
