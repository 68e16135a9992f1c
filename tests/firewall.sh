#!/bin/sh
# The firewall plan in every format, for a co-located and a separated
# layout, compared with the golden files in tests/golden.  Run with
# GOLDEN_UPDATE=1 to write them anew (then read the diff before committing).
. "${srcdir:-.}/tests/lib.sh"

golden="${srcdir:-.}/tests/golden"

setup() {
	S="$tmp/$1.ini"
	shift
	while [ $# -gt 0 ]; do
		LC_ALL=C "$SES_MIGRATE" -f "$S" host add $1 >/dev/null || fail "host add $1"
		shift
	done
}

# check NAME ARGS...: the output of "firewall ARGS" must equal golden/NAME.
check() {
	gname=$1
	shift
	LC_ALL=C "$SES_MIGRATE" -f "$S" --lang en firewall "$@" >"$tmp/$gname" 2>"$tmp/err" ||
		{ fail "firewall $* failed: $(cat "$tmp/err")"; return; }
	if [ -n "${GOLDEN_UPDATE:-}" ]; then
		cp "$tmp/$gname" "$golden/$gname"
	fi
	if cmp -s "$tmp/$gname" "$golden/$gname"; then
		pass
	else
		fail "firewall $* differs from golden/$gname:"
		diff "$golden/$gname" "$tmp/$gname" >&2
	fi
}

setup colocated "srv --roles backend,agent-handler --address 10.0.0.1" \
	"con --roles console --address 10.0.0.2" \
	"db --roles sql --address 10.0.0.9" \
	"log --roles syslog --address 10.0.0.8 --syslog-ports tcp/1468"
check colocated-target.txt --phase target
check colocated-dual.csv --phase dual --format csv
check colocated-target.csv --phase target --format csv
check colocated-target-srv.ps1 --phase target --format powershell --host srv
check colocated-target-con.ps1 --phase target --format powershell --host con
check colocated-target-srv.cmd --phase target --format netsh --host srv
check colocated-dual.nft --phase dual --format nftables
check colocated-target.nft --phase target --format nftables

setup separated "be --roles backend --address 10.0.1.1" \
	"ah --roles agent-handler --address 10.0.1.2" \
	"con --roles console --address 10.0.1.3" \
	"db --roles sql --address 10.0.1.9"
LC_ALL=C "$SES_MIGRATE" -f "$S" setting agent-networks 10.20.0.0/16,2001:db8::/32 >/dev/null
check separated-target.txt --phase target
check separated-target.csv --phase target --format csv
check separated-changes.csv --phase target --changes --format csv
check separated-target-ah.ps1 --phase target --format powershell --host ah
check separated-dual-be.cmd --phase dual --format netsh --host be
check separated-target.nft --phase target --format nftables

# nft itself accepts the rulesets, where it is installed.
if command -v nft >/dev/null && nft -c -f /dev/null 2>/dev/null; then
	for f in colocated-dual.nft colocated-target.nft separated-target.nft; do
		if nft -c -f "$tmp/$f" 2>"$tmp/err"; then pass; else fail "nft -c rejects $f: $(cat "$tmp/err")"; fi
	done
else
	echo "nft is not usable here: the nftables syntax check did not run" >&2
fi

# Scripts are for one host, and need addresses.
expect_exit 64 "$SES_MIGRATE" -f "$S" firewall --format powershell
expect_exit 64 "$SES_MIGRATE" -f "$S" firewall --format powershell --host nobody
expect_exit 64 "$SES_MIGRATE" -f "$S" firewall --format yaml
expect_exit 64 "$SES_MIGRATE" -f "$S" firewall --phase later
# A host named by its IP address needs no --address.
"$SES_MIGRATE" -f "$S" host add 10.0.1.50 --roles console >/dev/null
expect_exit 0 "$SES_MIGRATE" -f "$S" firewall --format nftables
expect_in out "ip saddr 10.0.1.50 ip daddr 10.0.1.1 tcp dport 443"
# A host whose address is a name cannot go into a script.
"$SES_MIGRATE" -f "$S" host add named --roles console --address named.corp.example >/dev/null
expect_exit 65 "$SES_MIGRATE" -f "$S" firewall --format nftables
expect_in err "named"
"$SES_MIGRATE" -f "$S" host remove named >/dev/null
"$SES_MIGRATE" -f "$S" host add noaddr --roles console >/dev/null
expect_exit 65 "$SES_MIGRATE" -f "$S" firewall --format nftables
expect_in err "noaddr"
# With no host, the table still has its header, each column named whole
# (it once read DESTINATPORT), in both languages.
expect_exit 0 "$SES_MIGRATE" -f "$tmp/empty.ini" firewall
expect_in out "ACTION   SOURCE  DESTINATION  PORT       PURPOSE"
expect_not_in out "DESTINATPORT"
expect_exit 0 "$SES_MIGRATE" -f "$tmp/empty.ini" firewall --lang fr
expect_in out "DESTINATION  PORT"
expect_not_in out "DESTINATPORT"
# The PowerShell script is UTF-8 with a byte order mark.
head -c 3 "$tmp/colocated-target-srv.ps1" | od -An -tx1 | grep -q 'ef bb bf' && pass || fail "no BOM"

finish
