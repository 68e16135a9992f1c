# Windows Defender Firewall rules for srv, phase target, written by ses-migrate.
# Run it in an elevated PowerShell on that host. The rules it creates are in the group 'ses-migrate'.
$ErrorActionPreference = 'Stop'

# Consoles and agent handlers to the backend: from con to srv, TCP 443.
# after the backoffice update
# The 2.7.1 installer moves its own rule; remove any rule of yours that still opens this port.
Get-NetFirewallRule -Name 'ses-migrate backend-in con to srv TCP 443' -ErrorAction SilentlyContinue | Remove-NetFirewallRule

# Consoles and agent handlers to the backend: from con to srv, TCP 8443.
# Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Backend (TCP-In).

# Public API (SIEM/SOAR clients): from siem to srv, TCP 10443.
# Already open in 2.6: keep it.

# Stormshield policy update server: from srv to update-server, TCP 443.
# Already open in 2.6: keep it.

# SQL Server database (default ports): from srv to db, TCP 1433.
# Already open in 2.6: keep it.

# SQL Server database (default ports): from srv to db, TCP 1434.
# Already open in 2.6: keep it.

# SQL Server database (default ports): from srv to db, UDP 1434.
# Already open in 2.6: keep it.

# Syslog (ports set per agent handler group): from srv to log, TCP 1468.
# Already open in 2.6: keep it.

# Agents below 2.7.1 (MSRPC): from agents to srv, TCP 17000.
# at the very end (every agent at 2.7.1)
Get-NetFirewallPortFilter | Where-Object { $_.Protocol -eq 'TCP' -and $_.LocalPort -eq 17000 } | Get-NetFirewallRule | Where-Object { $_.Direction -eq 'Inbound' -and ($_.DisplayName -like 'Stormshield Endpoint Security*' -or $_.Group -eq 'ses-migrate') } | Remove-NetFirewallRule

# Agents at 2.7.1 or later (HTTPS): from agents to srv, TCP 443.
# Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Agent Handler (TCP-In).

