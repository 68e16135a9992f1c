@echo off
chcp 65001 >nul
rem Windows Defender Firewall rules for srv, phase target, written by ses-migrate.
rem Run it from an elevated command prompt on that host.

rem Consoles and agent handlers to the backend: from con to srv, TCP 443.
rem after the backoffice update
netsh advfirewall firewall delete rule name="ses-migrate backend-in con to srv TCP 443"

rem Consoles and agent handlers to the backend: from con to srv, TCP 8443.
rem Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Backend (TCP-In).

rem Public API (SIEM/SOAR clients): from siem to srv, TCP 10443.
rem Already open in 2.6: keep it.

rem Stormshield policy update server: from srv to update-server, TCP 443.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from srv to db, TCP 1433.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from srv to db, TCP 1434.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from srv to db, UDP 1434.
rem Already open in 2.6: keep it.

rem Syslog (ports set per agent handler group): from srv to log, TCP 1468.
rem Already open in 2.6: keep it.

rem Agents below 2.7.1 (MSRPC): from agents to srv, TCP 17000.
rem at the very end (every agent at 2.7.1)
netsh advfirewall firewall delete rule name="Stormshield Endpoint Security Evolution Agent Handler (TCP-In)" dir=in protocol=TCP localport=17000
netsh advfirewall firewall delete rule name="ses-migrate msrpc-in agents to srv TCP 17000"

rem Agents at 2.7.1 or later (HTTPS): from agents to srv, TCP 443.
rem Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Agent Handler (TCP-In).

