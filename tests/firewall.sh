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
# Each column is as wide as its header and its values, whatever the
# language: short names never run the headers together (it once read
# DESTINATPORT), and each value starts under its header.
"$SES_MIGRATE" -f "$tmp/short.ini" host add a --roles backend,agent-handler >/dev/null
"$SES_MIGRATE" -f "$tmp/short.ini" host add c --roles console >/dev/null
for lang in en fr; do
	[ "$lang" = fr ] && ! french && continue
	expect_exit 0 "$SES_MIGRATE" -f "$tmp/short.ini" firewall --phase target --lang "$lang"
	python3 - "$tmp/out" <<'PY' && pass || fail "columns out of line in the $lang table: $(cat "$tmp/out")"
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
heads = [i for i, l in enumerate(lines) if l.startswith("ACTION ")]
assert len(heads) >= 3, "one header per moment"
for h in heads:
    starts = [m.start() for m in re.finditer(r"\S+", lines[h])]
    assert len(starts) == 5, lines[h]
    row = lines[h + 1]
    for s in starts[:4]:
        assert row[s] != " " and (s == 0 or row[s - 1] == " "), (lines[h], row)
PY
done
expect_exit 0 "$SES_MIGRATE" -f "$tmp/short.ini" firewall --phase target
expect_in out "TCP 443 stays open on a for another"
expect_not_in out "DESTINATPORT"
expect_in out "Only at the very end, once every agent runs 2.7.1"
# The PowerShell script is UTF-8 with a byte order mark.
head -c 3 "$tmp/colocated-target-srv.ps1" | od -An -tx1 | grep -q 'ef bb bf' && pass || fail "no BOM"

finish
