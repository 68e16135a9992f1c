# Windows Defender Firewall rules for con, phase target, written by ses-migrate.
# Run it in an elevated PowerShell on that host. The rules it creates are in the group 'ses-migrate'.
$ErrorActionPreference = 'Stop'

# Consoles and agent handlers to the backend: from con to srv, TCP 443.
# after the backoffice update
Get-NetFirewallRule -Name 'ses-migrate backend-in con to srv TCP 443' -ErrorAction SilentlyContinue | Remove-NetFirewallRule

# Consoles and agent handlers to the backend: from con to srv, TCP 8443.
# before installing 2.7.1
New-NetFirewallRule -Name 'ses-migrate backend-in con to srv TCP 8443' -DisplayName 'ses-migrate backend-in con to srv TCP 8443' -Group 'ses-migrate' -Direction Outbound -Action Allow -Protocol TCP -RemotePort 8443 -RemoteAddress '10.0.0.1' -Description 'Consoles and agent handlers to the backend' | Out-Null

