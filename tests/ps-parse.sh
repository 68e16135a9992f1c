#!/bin/sh
# Every PowerShell script the program writes parses under a real PowerShell
# grammar: the tree-sitter one, run offline by Node.js (there is no
# PowerShell in Debian).  build-aux/try installs the parser; without it the
# test is skipped, and says so.
. "${srcdir:-.}/tests/lib.sh"

parser=${SES_PS_PARSER:-${XDG_CACHE_HOME:-$HOME/.cache}/ses-migrate/ps-parser}
if ! command -v node >/dev/null 2>&1 ||
	[ ! -f "$parser/node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm" ]; then
	echo "SKIP: no PowerShell grammar in $parser (build-aux/try check installs it)" >&2
	exit 77
fi
top=$(cd "${srcdir:-.}" && pwd)
parse() { node "$top/tests/ps/parse.cjs" "$parser" "$@"; }

# The parser finds faults: a script with a brace left open is refused.
printf 'param([switch]$AtTheEnd)\r\nif ($AtTheEnd) {\r\n\tWrite-Warning '"'"'x'"'"'\r\n' >"$tmp/broken.ps1"
parse "$tmp/broken.ps1" >"$tmp/out" 2>&1 && fail "the parser took a script with a brace left open" || pass
grep -q 'broken.ps1:' "$tmp/out" && pass || fail "the parser did not say where: $(cat "$tmp/out")"

# Both layouts, every phase, every Windows host, in both languages.
c="$tmp/colocated.ini"
s="$tmp/separated.ini"
"$SES_MIGRATE" -f "$c" host add srv --roles backend,agent-handler --address 10.0.0.1 >/dev/null
"$SES_MIGRATE" -f "$c" host add con --roles console --address 10.0.0.2 >/dev/null
"$SES_MIGRATE" -f "$c" host add db --roles sql --address 10.0.0.9 --sql-ports tcp/14330,udp/1434 >/dev/null
"$SES_MIGRATE" -f "$c" setting agent-networks 10.1.0.0/16,10.2.3.4 >/dev/null
"$SES_MIGRATE" -f "$s" host add be --roles backend --address 10.0.1.1 >/dev/null
"$SES_MIGRATE" -f "$s" host add ah --roles agent-handler --address 10.0.1.2 >/dev/null
"$SES_MIGRATE" -f "$s" host add con --roles console --address 10.0.1.3 >/dev/null
"$SES_MIGRATE" -f "$s" host add log --roles syslog --address 10.0.1.4 >/dev/null
langs=en
french && langs="en fr"
n=0
for state in "$c:srv con" "$s:be ah con"; do
	file=${state%%:*}
	for host in ${state#*:}; do
		for phase in baseline dual target; do
			for lang in $langs; do
				out="$tmp/$(basename "$file" .ini)-$host-$phase-$lang.ps1"
				"$SES_MIGRATE" -f "$file" firewall --format powershell --host "$host" \
					--phase "$phase" --lang "$lang" -o "$out" ||
					fail "firewall --format powershell --host $host --phase $phase failed"
				n=$((n + 1))
			done
		done
	done
done
# The evidence collectors: every host's, and each host's.
"$SES_MIGRATE" -f "$s" collect -o "$tmp/collect-all.ps1" || fail "collect failed"
for host in be ah con; do
	"$SES_MIGRATE" -f "$s" collect --host "$host" -o "$tmp/collect-$host.ps1" || fail "collect --host $host failed"
	n=$((n + 1))
done
parse "$tmp"/colocated-*.ps1 "$tmp"/separated-*.ps1 "$tmp"/collect-*.ps1 "$top"/tests/golden/*.ps1 >"$tmp/out" 2>&1 &&
	pass || fail "generated PowerShell does not parse: $(cat "$tmp/out")"
[ "$n" -ge 18 ] && pass || fail "only $n scripts were written"

finish
