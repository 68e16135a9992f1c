# Windows Defender Firewall rules for con, phase target, written by ses-migrate.
# Run it in an elevated PowerShell on that host. The rules it creates are in the group 'ses-migrate'.
$ErrorActionPreference = 'Stop'

# Before installing 2.7.1 on the backoffice: add these rules.

# Consoles and agent handlers to the backend: from con to srv, TCP 8443.
New-NetFirewallRule -Name 'ses-migrate backend-in con to srv TCP 8443' -DisplayName 'ses-migrate backend-in con to srv TCP 8443' -Group 'ses-migrate' -Direction Outbound -Action Allow -Protocol TCP -RemotePort 8443 -RemoteAddress '10.0.0.1' -Description 'Consoles and agent handlers to the backend' | Out-Null

# Only once every backoffice component, administration consoles included, runs 2.7.1: remove these rules. Consoles still on 2.6 would lose contact with their backend.

# Consoles and agent handlers to the backend: from con to srv, TCP 443.
# TCP 443 stays open on srv for another flow: Agents at 2.7.1 or later (HTTPS). Only this flow's own rule goes; do not close the port.

