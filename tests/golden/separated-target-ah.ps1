# Windows Defender Firewall rules for ah, phase target, written by ses-migrate.
# Run it in an elevated PowerShell on that host. The rules it creates are in the group 'ses-migrate'.
# Where backend and agent handler are on different machines, consoles and agent handlers keep reaching the backend on TCP 443: the guide's port table says so, although its Windows Defender Firewall section mentions TCP 8443 for both layouts. This plan follows the table.
# The rules of the very end run only with -AtTheEnd, once every agent runs the new version.
param([switch]$AtTheEnd)
$ErrorActionPreference = 'Stop'

# Open already: keep these rules.

# Consoles and agent handlers to the backend: from ah to be, TCP 443.
# Already open in 2.6: keep it.

# Before installing 2.7.1 on the backoffice: add these rules.

# Agents at 2.7.1 or later (HTTPS): from agents to ah, TCP 443.
# Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Agent Handler (TCP-In).
if (-not (Get-NetFirewallRule -DisplayName 'Stormshield Endpoint Security Evolution Agent Handler (TCP-In)','Stormshield Endpoint Security Agent Handler (gRPC, TCP-In)' -ErrorAction SilentlyContinue)) { Write-Warning 'No rule Stormshield Endpoint Security Evolution Agent Handler (TCP-In) on this host yet: the SES Evolution 2.7.1 installer creates it when it runs here.' }

# Only at the very end, once every agent runs 2.7.1 and the old protocol is disabled: remove these rules. Until then, agents below 2.7.1 reach their agent handler only through them.

if ($AtTheEnd) {
# Agents below 2.7.1 (MSRPC): from agents to ah, TCP 17000.
Get-NetFirewallPortFilter | Where-Object { $_.Protocol -eq 'TCP' -and $_.LocalPort -eq 17000 } | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and ($_.DisplayName -like 'Stormshield Endpoint Security*' -or $_.Group -eq 'ses-migrate') } | Remove-NetFirewallRule

} else {
	Write-Warning 'The rules of the very end were left in place; remove them only once every agent runs 2.7.1.'
}
