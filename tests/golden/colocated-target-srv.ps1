# Windows Defender Firewall rules for srv, phase target, written by ses-migrate.
# Run it in an elevated PowerShell on that host. The rules it creates are in the group 'ses-migrate'.
# The rules of the very end run only with -AtTheEnd, once every agent runs the new version.
param([switch]$AtTheEnd)
$ErrorActionPreference = 'Stop'

# Open already: keep these rules.

# Public API (SIEM/SOAR clients): from siem to srv, TCP 10443.
# Already open in 2.6: keep it.

# Stormshield public policy update server: from srv to update-server, TCP 443.
# Already open in 2.6: keep it.

# SQL Server database (default ports): from srv to db, TCP 1433.
# Already open in 2.6: keep it.

# SQL Server database (default ports): from srv to db, TCP 1434.
# Already open in 2.6: keep it.

# SQL Server database (default ports): from srv to db, UDP 1434.
# Already open in 2.6: keep it.

# Syslog (ports set per agent handler group): from srv to log, TCP 1468.
# Already open in 2.6: keep it.

# Before installing 2.7.1 on the backoffice: add these rules.

# Consoles and agent handlers to the backend: from con to srv, TCP 8443.
# Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Backend (TCP-In).
if (-not (Get-NetFirewallRule -DisplayName 'Stormshield Endpoint Security Evolution Backend (TCP-In)','Stormshield Endpoint Security Backend (TCP-In)' -ErrorAction SilentlyContinue)) { Write-Warning 'No rule Stormshield Endpoint Security Evolution Backend (TCP-In) on this host yet: the SES Evolution 2.7.1 installer creates it when it runs here.' }

# Agents at 2.7.1 or later (HTTPS): from agents to srv, TCP 443.
# Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Agent Handler (TCP-In).
if (-not (Get-NetFirewallRule -DisplayName 'Stormshield Endpoint Security Evolution Agent Handler (TCP-In)','Stormshield Endpoint Security Agent Handler (gRPC, TCP-In)' -ErrorAction SilentlyContinue)) { Write-Warning 'No rule Stormshield Endpoint Security Evolution Agent Handler (TCP-In) on this host yet: the SES Evolution 2.7.1 installer creates it when it runs here.' }

# Only once every backoffice component, administration consoles included, runs 2.7.1: remove these rules. Consoles still on 2.6 would lose contact with their backend.

# Consoles and agent handlers to the backend: from con to srv, TCP 443.
# TCP 443 stays open on srv for another flow: Agents at 2.7.1 or later (HTTPS). Only this flow's own rule goes; do not close the port.

# Only at the very end, once every agent runs 2.7.1 and the old protocol is disabled: remove these rules. Until then, agents below 2.7.1 reach their agent handler only through them.

if ($AtTheEnd) {
# Agents below 2.7.1 (MSRPC): from agents to srv, TCP 17000.
Get-NetFirewallPortFilter | Where-Object { $_.Protocol -eq 'TCP' -and $_.LocalPort -eq 17000 } | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and ($_.DisplayName -like 'Stormshield Endpoint Security*' -or $_.Group -eq 'ses-migrate') } | Remove-NetFirewallRule

} else {
	Write-Warning 'The rules of the very end were left in place; remove them only once every agent runs 2.7.1.'
}
