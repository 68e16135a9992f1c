# Windows Defender Firewall rules for ah, phase target, written by ses-migrate.
# Run it in an elevated PowerShell on that host. The rules it creates are in the group 'ses-migrate'.
# Where backend and agent handler are on different machines, consoles and agent handlers keep reaching the backend on TCP 443: the guide's port table says so, although its Windows Defender Firewall section mentions TCP 8443 for both layouts. This plan follows the table.
$ErrorActionPreference = 'Stop'

# Consoles and agent handlers to the backend: from ah to be, TCP 443.
# Already open in 2.6: keep it.

# Agents below 2.7.1 (MSRPC): from agents to ah, TCP 17000.
# at the very end (every agent at 2.7.1)
Get-NetFirewallPortFilter | Where-Object { $_.Protocol -eq 'TCP' -and $_.LocalPort -eq 17000 } | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and ($_.DisplayName -like 'Stormshield Endpoint Security*' -or $_.Group -eq 'ses-migrate') } | Remove-NetFirewallRule

# Agents at 2.7.1 or later (HTTPS): from agents to ah, TCP 443.
# Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Agent Handler (TCP-In).

