@echo off
chcp 65001 >nul
rem Windows Defender Firewall rules for be, phase dual, written by ses-migrate.
rem Run it from an elevated command prompt on that host.
rem Where backend and agent handler are on different machines, consoles and agent handlers keep reaching the backend on TCP 443: the guide's port table says so, although its Windows Defender Firewall section mentions TCP 8443 for both layouts. This plan follows the table.

rem Open already: keep these rules.

rem Consoles and agent handlers to the backend: from ah to be, TCP 443.
rem Already open in 2.6: keep it.

rem Consoles and agent handlers to the backend: from con to be, TCP 443.
rem Already open in 2.6: keep it.

rem Public API (SIEM/SOAR clients): from siem to be, TCP 10443.
rem Already open in 2.6: keep it.

rem Stormshield public policy update server: from be to update-server, TCP 443.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from be to db, TCP 1433.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from be to db, TCP 1434.
rem Already open in 2.6: keep it.

rem SQL Server database (default ports): from be to db, UDP 1434.
rem Already open in 2.6: keep it.

