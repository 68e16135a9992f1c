/*
 * The evidence collector: a PowerShell script, for Windows PowerShell 5.1
 * and PowerShell 7, that the administrator runs on each Windows host of
 * the backoffice.  It only reads: the SES Evolution components installed
 * (the uninstall entries whose publisher is Stormshield, 64- and 32-bit),
 * the .NET runtimes (dotnet --list-runtimes, else the registry's
 * shared-framework entries), the Windows Defender Firewall rules on the
 * migration's ports, and a TCP test to every endpoint the plan says the
 * host must reach now.  It writes one JSON file, named for the host and
 * the time, for `ses-migrate evidence import` on the machine that keeps the
 * state (evidence.c reads it).  Every value from the state
 * is quoted for PowerShell, as the firewall scripts do.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "collect.h"
#include "emit.h"
#include "i18n.h"
#include "plan.h"
#include "xalloc.h"

#define COLLECT_SCHEMA 1


/* Whether port is in v[0..n). */
static int
has_port(const unsigned *v, size_t n, unsigned port)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == port)
			return 1;
	return 0;
}

/* One host's entry: its name, the ports of its flows, the connections to test. */
static int
host_entry(struct buf *b, const struct model *m, const struct plan *p, const struct host *h,
    char **err)
{
	unsigned *ports = xcalloc(p->n + 1, sizeof(*ports));
	size_t nports = 0;
	int tests = 0;

	buf_puts(b, "\t@{ Name = ");
	emit_ps_quote(b, h->name);
	buf_puts(b, "; Ports = @(");
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];

		if ((f->src_host == h || f->dst_host == h) && !has_port(ports, nports, f->port)) {
			buf_printf(b, "%s%u", nports > 0 ? ", " : "", f->port);
			ports[nports++] = f->port;
		}
	}
	buf_puts(b, "); Tests = @(");
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];
		int expect = flow_test_expect(m, f);
		const char *ip;

		/* From this host to a service of another, over TCP: what Test-NetConnection can tell. */
		if (f->src_host != h || expect < 0)
			continue;
		if ((ip = host_ip(f->dst_host)) == NULL) {
			*err = xasprintf(_("Host %s has no IP address, which the collector needs to test the connections to it; set it with ses-migrate host set %s --address A."),
			    f->dst_host->name, f->dst_host->name);
			free(ports);
			return -1;
		}
		buf_printf(b, "%s\r\n\t\t@{ Target = ", tests++ > 0 ? "," : "");
		emit_ps_quote(b, ip);
		buf_puts(b, "; Host = ");
		emit_ps_quote(b, f->dst_host->name);
		buf_printf(b, "; Port = %u; Flow = '%s'; Expect = '%s' }", f->port, flow_kind_id(f),
		    expect ? "open" : "closed");
	}
	buf_puts(b, tests > 0 ? "\r\n\t) }" : ") }");
	free(ports);
	return 0;
}

/* What the script does, the same whichever hosts it covers. */
static const char body[] =
    "$ErrorActionPreference = 'Stop'\r\n"
    "Set-StrictMode -Version 2.0\r\n"
    "\r\n"
    "# Which host this is: the one named, or the entry of this computer's name.\r\n"
    "$me = $env:COMPUTERNAME\r\n"
    "$entry = $null\r\n"
    "if ($Hosts.Count -eq 1) {\r\n"
    "\t$entry = $Hosts[0]\r\n"
    "} else {\r\n"
    "\tforeach ($h in $Hosts) {\r\n"
    "\t\tif ($h.Name -ieq $me -or $h.Name -like ($me + '.*')) { $entry = $h; break }\r\n"
    "\t}\r\n"
    "}\r\n"
    "if ($null -eq $entry) { throw ($NotDeclared -f $me) }\r\n"
    "\r\n"
    "# The SES Evolution components: uninstall entries of Stormshield, 64- and 32-bit views.\r\n"
    "$components = @()\r\n"
    "foreach ($view in @(@{ Bits = 64; Path = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' },\r\n"
    "\t\t@{ Bits = 32; Path = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*' })) {\r\n"
    "\tforeach ($item in @(Get-ItemProperty -Path $view.Path -ErrorAction SilentlyContinue)) {\r\n"
    "\t\t$publisher = $item.PSObject.Properties['Publisher']\r\n"
    "\t\t$name = $item.PSObject.Properties['DisplayName']\r\n"
    "\t\tif ($null -eq $publisher -or $null -eq $name -or [string]$publisher.Value -notlike '*Stormshield*') { continue }\r\n"
    "\t\t$version = $item.PSObject.Properties['DisplayVersion']\r\n"
    "\t\t$components += [ordered]@{ name = [string]$name.Value; version = $(if ($null -ne $version) { [string]$version.Value } else { $null }); view = $view.Bits }\r\n"
    "\t}\r\n"
    "}\r\n"
    "\r\n"
    "# The .NET runtimes: dotnet --list-runtimes, else the registry's shared frameworks.\r\n"
    "$runtimes = @()\r\n"
    "$runtimesFrom = 'none'\r\n"
    "$dotnet = Get-Command -Name dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1\r\n"
    "if ($null -ne $dotnet) {\r\n"
    "\tforeach ($line in @(& $dotnet.Source --list-runtimes 2>$null)) {\r\n"
    "\t\tif ([string]$line -match '^(\\S+) (\\S+) \\[(.*)\\]$') {\r\n"
    "\t\t\t$runtimes += [ordered]@{ name = $Matches[1]; version = $Matches[2]; path = $Matches[3] }\r\n"
    "\t\t}\r\n"
    "\t}\r\n"
    "\tif ($runtimes.Count -gt 0) { $runtimesFrom = 'dotnet' }\r\n"
    "}\r\n"
    "if ($runtimes.Count -eq 0) {\r\n"
    "\tforeach ($fx in @('Microsoft.AspNetCore.App', 'Microsoft.WindowsDesktop.App', 'Microsoft.NETCore.App')) {\r\n"
    "\t\t$key = 'HKLM:\\SOFTWARE\\dotnet\\Setup\\InstalledVersions\\x64\\sharedfx\\' + $fx\r\n"
    "\t\tif (Test-Path -Path $key) {\r\n"
    "\t\t\tforeach ($v in @((Get-Item -Path $key).GetValueNames())) {\r\n"
    "\t\t\t\t$runtimes += [ordered]@{ name = $fx; version = [string]$v; path = $null }\r\n"
    "\t\t\t}\r\n"
    "\t\t}\r\n"
    "\t}\r\n"
    "\tif ($runtimes.Count -gt 0) { $runtimesFrom = 'registry' }\r\n"
    "}\r\n"
    "\r\n"
    "# The firewall rules on the migration's ports, inbound or outbound.\r\n"
    "function Test-SesPort($value) {\r\n"
    "\tforeach ($v in @($value)) {\r\n"
    "\t\t$n = 0\r\n"
    "\t\tif ([int]::TryParse([string]$v, [ref]$n) -and $entry.Ports -contains $n) { return $true }\r\n"
    "\t\tif ([string]$v -match '^(\\d+)-(\\d+)$') {\r\n"
    "\t\t\tforeach ($port in $entry.Ports) { if ($port -ge [int]$Matches[1] -and $port -le [int]$Matches[2]) { return $true } }\r\n"
    "\t\t}\r\n"
    "\t}\r\n"
    "\treturn $false\r\n"
    "}\r\n"
    "$rules = @()\r\n"
    "foreach ($filter in @(Get-NetFirewallPortFilter -ErrorAction SilentlyContinue)) {\r\n"
    "\tif (-not ((Test-SesPort $filter.LocalPort) -or (Test-SesPort $filter.RemotePort))) { continue }\r\n"
    "\t$rule = $filter | Get-NetFirewallRule -ErrorAction SilentlyContinue\r\n"
    "\tif ($null -eq $rule) { continue }\r\n"
    "\t$rules += [ordered]@{\r\n"
    "\t\tname = [string]$rule.Name; display_name = [string]$rule.DisplayName; group = [string]$rule.Group\r\n"
    "\t\tdirection = [string]$rule.Direction; action = [string]$rule.Action; enabled = ([string]$rule.Enabled -eq 'True')\r\n"
    "\t\tprotocol = [string]$filter.Protocol; local_ports = @($filter.LocalPort | ForEach-Object { [string]$_ })\r\n"
    "\t\tremote_ports = @($filter.RemotePort | ForEach-Object { [string]$_ })\r\n"
    "\t}\r\n"
    "}\r\n"
    "\r\n"
    "# The connections this host must make in the current phase, and their result.\r\n"
    "$tests = @()\r\n"
    "foreach ($t in $entry.Tests) {\r\n"
    "\t$r = Test-NetConnection -ComputerName $t.Target -Port $t.Port -WarningAction SilentlyContinue\r\n"
    "\t$tests += [ordered]@{ host = $t.Host; address = $t.Target; port = $t.Port; flow = $t.Flow; expect = $t.Expect; succeeded = [bool]$r.TcpTestSucceeded }\r\n"
    "}\r\n"
    "\r\n"
    "$now = Get-Date\r\n"
    "$doc = [ordered]@{\r\n"
    "\tschema = $SchemaVersion; script_version = $ScriptVersion; migration = $Migration\r\n"
    "\thost = $entry.Name; computer_name = $me\r\n"
    "\tcollected_at = $now.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ', [Globalization.CultureInfo]::InvariantCulture)\r\n"
    "\tlocal_time = $now.ToString('o', [Globalization.CultureInfo]::InvariantCulture)\r\n"
    "\tcomponents = @($components); runtimes = @($runtimes); runtimes_from = $runtimesFrom\r\n"
    "\tfirewall_rules = @($rules); connection_tests = @($tests)\r\n"
    "}\r\n"
    "$file = Join-Path -Path (Get-Location).Path -ChildPath ('ses-evidence-' + $entry.Name + '-' + $now.ToUniversalTime().ToString('yyyyMMddTHHmmssZ', [Globalization.CultureInfo]::InvariantCulture) + '.json')\r\n"
    "$doc | ConvertTo-Json -Depth 6 | Out-File -FilePath $file -Encoding utf8\r\n"
    "Write-Output ($Written -f $file)\r\n";

int
collect_script(const struct model *m, const char *host, struct buf *b, char **err)
{
	struct plan p;
	int n = 0;
	char *line;

	if (host != NULL && model_host_find(m, host) == NULL) {
		*err = xasprintf(_("No host is named %s; declare it with ses-migrate host add."), host);
		return -1;
	}
	plan_build(m, plan_phase_now(m), 0, NULL, &p);
	buf_puts(b, "\xef\xbb\xbf");
	line = host != NULL ?
	    xasprintf(_("ses-migrate evidence collector for %s, phase %s."), host, plan_phase_id(p.phase)) :
	    xasprintf(_("ses-migrate evidence collector for every Windows host, phase %s: it finds its own by the computer's name."),
	    plan_phase_id(p.phase));
	emit_ps_comment(b, line);
	free(line);
	emit_ps_comment(b, _("It changes nothing on the host: it reads the SES Evolution components, the .NET runtimes and the firewall rules, and tests the connections this host must make."));
	emit_ps_comment(b, _("Run it in Windows PowerShell 5.1 or PowerShell 7, elevated to see every firewall rule; it writes one JSON file in the current directory."));
	emit_ps_comment(b, _("Bring that file back to the machine that keeps the migration's state, and there: ses-migrate evidence import FILE"));
	buf_printf(b, "$SchemaVersion = %d\r\n$ScriptVersion = '%s'\r\n$Migration = ", COLLECT_SCHEMA,
	    PACKAGE_VERSION);
	emit_ps_quote(b, m->mig->id);
	buf_puts(b, "\r\n$NotDeclared = ");
	emit_ps_quote(b, _("This computer, {0}, is not one of the hosts of this collector: declare it in ses-migrate, then write the collector again."));
	buf_puts(b, "\r\n$Written = ");
	emit_ps_quote(b, _("Evidence written to {0}"));
	buf_puts(b, "\r\n$Hosts = @(\r\n");
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];

		/* The Windows hosts: the backoffice's; SQL Server and syslog hosts are not SES's. */
		if (!(h->roles & ROLE_BACKOFFICE) || (host != NULL && strcasecmp(h->name, host) != 0))
			continue;
		if (n++ > 0)
			buf_puts(b, ",\r\n");
		if (host_entry(b, m, &p, h, err) < 0) {
			plan_free(&p);
			return -1;
		}
	}
	buf_puts(b, "\r\n)\r\n\r\n");
	plan_free(&p);
	if (n == 0) {
		*err = xstrdup(host != NULL ?
		    _("A collector is for a backoffice host: a backend, an agent handler or an administration console.") :
		    _("No backoffice host is declared yet: declare them first (ses-migrate host add)."));
		return -1;
	}
	buf_puts(b, body);
	return 0;
}
