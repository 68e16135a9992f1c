#!/bin/sh
# The evidence collector as an administrator takes it to the Windows hosts:
# one host's and every host's, compared with golden copies (GOLDEN_UPDATE=1
# writes them again); UTF-8 with a BOM and CRLF; read-only (no command that
# changes anything); every value from the state quoted for PowerShell.
. "${srcdir:-.}/tests/lib.sh"

golden="${srcdir:-.}/tests/golden"
S="$tmp/s.ini"
cli() { "$SES_MIGRATE" -f "$S" "$@" >/dev/null || fail "setup: $*"; }
cli host add srv --roles backend,agent-handler --address 10.0.0.1 --version 2.6.4
cli host add ah2 --roles agent-handler --address 10.0.0.2 --version 2.6.4
cli host add con --roles console --address 10.0.0.3 --version 2.6.4
cli host add db --roles sql --address 10.0.0.9

# check NAME ARGS...: collect ARGS must write golden/NAME.
check() {
	name=$1
	shift
	expect_exit 0 "$SES_MIGRATE" -f "$S" collect "$@" -o "$tmp/$name"
	[ -n "${GOLDEN_UPDATE:-}" ] && cp "$tmp/$name" "$golden/$name"
	if cmp -s "$tmp/$name" "$golden/$name"; then
		pass
	else
		fail "collect $* differs from golden/$name:"
		diff "$golden/$name" "$tmp/$name" >&2
	fi
}
check collect-all.ps1
check collect-con.ps1 --host con

for f in "$tmp/collect-all.ps1" "$tmp/collect-con.ps1"; do
	head -c 3 "$f" | od -An -tx1 | grep -q 'ef bb bf' && pass || fail "$f has no BOM"
	[ "$(grep -c "$(printf '\r')\$" "$f")" -eq "$(wc -l <"$f")" ] && pass || fail "$f has lines without CRLF"
	# Read-only: nothing that sets, removes, creates, starts or stops
	# (Set-StrictMode only makes the script itself stricter).
	changes=$(grep -Ein '(Set|Remove|New|Add|Enable|Disable|Start|Stop|Restart|Clear)-[A-Za-z]+|Invoke-Expression|iex ' "$f" |
		grep -v 'Set-StrictMode -Version')
	[ -z "$changes" ] && pass || fail "$f holds a command that changes something: $changes"
done
# The whole-environment one covers the backoffice hosts, not the SQL Server.
grep -q "Name = 'srv'" "$tmp/collect-all.ps1" && grep -q "Name = 'con'" "$tmp/collect-all.ps1" && pass ||
	fail "a backoffice host is missing from the collector"
grep -q "Name = 'db'" "$tmp/collect-all.ps1" && fail "the SQL Server host got a collector entry" || pass
# The console must reach the backend on 443 now, and 8443 is to come.
grep -q "Target = '10.0.0.1'; Host = 'srv'; Port = 443; Flow = 'backend-in'; Expect = 'open'" "$tmp/collect-con.ps1" && pass ||
	fail "the console's test to the backend is missing"

expect_exit 65 "$SES_MIGRATE" -f "$S" collect --host nobody
expect_in err "No host is named nobody"
expect_exit 65 "$SES_MIGRATE" -f "$S" collect --host db
expect_in err "A collector is for a backoffice host"
expect_exit 65 "$SES_MIGRATE" -f "$tmp/empty.ini" collect
expect_in err "No backoffice host is declared yet"
# A host to test a connection to needs an address; the host collecting does not.
cli host add ah3 --roles agent-handler
expect_exit 0 "$SES_MIGRATE" -f "$S" collect --host ah3
cli host add be9 --roles backend
expect_exit 65 "$SES_MIGRATE" -f "$S" collect --host con
expect_in err "Host be9 has no IP address"

finish
