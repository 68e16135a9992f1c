@echo off
chcp 65001 >nul
rem Windows Defender Firewall rules for srv, phase target, written by ses-migrate.
rem Run it from an elevated command prompt on that host.
rem The rules of the very end run only when at-the-end is given as the first argument, once every agent runs the new version.

rem Open already: keep these rules.

rem Public API (SIEM/SOAR clients): from siem to srv, TCP 10443.
rem Already open in 2.6: keep it.

rem Stormshield public policy update server: from srv to update-server, TCP 443.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from srv to db, TCP 1433.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from srv to db, TCP 1434.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from srv to db, UDP 1434.
rem Already open in 2.6: keep it.

rem Syslog (ports set per agent handler group): from srv to log, TCP 1468.
rem Already open in 2.6: keep it.

rem Before installing 2.7.1 on the backoffice: add these rules.

rem Consoles and agent handlers to the backend: from con to srv, TCP 8443.
rem Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Backend (TCP-In).
netsh advfirewall firewall show rule name="Stormshield Endpoint Security Evolution Backend (TCP-In)" >nul 2>&1 || netsh advfirewall firewall show rule name="Stormshield Endpoint Security Backend (TCP-In)" >nul 2>&1 || echo No rule Stormshield Endpoint Security Evolution Backend (TCP-In) on this host yet: the SES Evolution 2.7.1 installer creates it when it runs here.

rem Agents at 2.7.1 or later (HTTPS): from agents to srv, TCP 443.
rem Created by the SES Evolution installer: Stormshield Endpoint Security Evolution Agent Handler (TCP-In).
netsh advfirewall firewall show rule name="Stormshield Endpoint Security Evolution Agent Handler (TCP-In)" >nul 2>&1 || netsh advfirewall firewall show rule name="Stormshield Endpoint Security Agent Handler (gRPC, TCP-In)" >nul 2>&1 || echo No rule Stormshield Endpoint Security Evolution Agent Handler (TCP-In) on this host yet: the SES Evolution 2.7.1 installer creates it when it runs here.

rem Only once every backoffice component, administration consoles included, runs 2.7.1: remove these rules. Consoles still on 2.6 would lose contact with their backend.

rem Consoles and agent handlers to the backend: from con to srv, TCP 443.
rem TCP 443 stays open on srv for another flow: Agents at 2.7.1 or later (HTTPS). Only this flow's own rule goes; do not close the port.

rem Only at the very end, once every agent runs 2.7.1 and the old protocol is disabled: remove these rules. Until then, agents below 2.7.1 reach their agent handler only through them.

if /i not "%~1"=="at-the-end" goto ses_migrate_end_skipped
rem Agents below 2.7.1 (MSRPC): from agents to srv, TCP 17000.
netsh advfirewall firewall delete rule name="Stormshield Endpoint Security Evolution Agent Handler (TCP-In)" dir=in protocol=TCP localport=17000
netsh advfirewall firewall delete rule name="Stormshield Endpoint Security Agent Handler (TCP-In)" dir=in protocol=TCP localport=17000
netsh advfirewall firewall delete rule name="ses-migrate msrpc-in agents to srv TCP 17000"

goto ses_migrate_end_done
:ses_migrate_end_skipped
echo The rules of the very end were left in place; remove them only once every agent runs 2.7.1.
:ses_migrate_end_done
