#!/bin/sh
# Hostile input: broken state files, broken agent lists, hostile values.
# Each gets a clear error naming the file (and line), or is stored and
# shown inert; never a crash, never a changed state.
. "${srcdir:-.}/tests/lib.sh"

S="$tmp/migration.ini"
run() { "$SES_MIGRATE" -f "$S" "$@"; }
"$SES_MIGRATE" -f "$S" host add be1 --roles backend >/dev/null || fail "setup"
cp "$S" "$tmp/good"

# refused STATE_FILE EXIT WORDS: status and a writer both refuse it, with
# FILE:LINE, without crashing, and leave it as it was.
refused() {
	f=$1
	cp "$f" "$tmp/orig"
	for cmd in status "confirm logs.system-logs"; do
		"$SES_MIGRATE" -f "$f" $cmd >"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -ne "$2" ]; then
			fail "$(basename "$f") $cmd: exit $rc, wanted $2: $(head -c 300 "$tmp/err")"
		else
			pass
		fi
		grep -q "$f:[0-9]*:" "$tmp/err" && pass || fail "$(basename "$f"): no FILE:LINE in: $(head -c 300 "$tmp/err")"
		[ -z "$3" ] || expect_in err "$3"
		cmp -s "$f" "$tmp/orig" && pass || fail "$(basename "$f") was changed"
	done
}

h="$tmp/h"
mkdir "$h"
{ cat "$tmp/good"; printf 'address = %0300d\n' 1; } >"$h/long-line.ini"
refused "$h/long-line.ini" 65 "longer than"
{ cat "$tmp/good"; printf 'address = 10.0.0.1\000x\n'; } >"$h/nul.ini"
refused "$h/nul.ini" 65 "NUL"
{ cat "$tmp/good"; printf '[host.9]\nname = x\nroles = console\nroles = backend\n'; } >"$h/duplicate-key.ini"
refused "$h/duplicate-key.ini" 65 "twice"
{ cat "$tmp/good"; printf '  version = 2.6.4\n'; } >"$h/indented.ini"
refused "$h/indented.ini" 65 "indented"
{ cat "$tmp/good"; printf '[spaceship]\nwarp = 9\n'; } >"$h/unknown-section.ini"
refused "$h/unknown-section.ini" 65 "unknown section"
{ cat "$tmp/good"; printf '[host.9]\nname = x\nroles = console\ncolour = blue\n'; } >"$h/unknown-key.ini"
refused "$h/unknown-key.ini" 65 "unknown key"
sed 's/^format = [0-9]*$/format = 7/' "$tmp/good" >"$h/newer.ini"
refused "$h/newer.ini" 78 "newer"
printf '\377\376[\000m\000i\000g\000]\000\n\000' >"$h/utf16.ini"
refused "$h/utf16.ini" 65 ""
# Ten megabytes of noise: refused quickly, every error not listed.
awk 'BEGIN { for (i = 0; i < 700000; i++) print "noise line " i }' >"$h/ten-mb.ini"
refused "$h/ten-mb.ini" 65 "more errors"
# Past the size limit: refused before it is even read.
dd if=/dev/zero bs=1M count=17 2>/dev/null | tr '\0' 'x' >"$h/huge.ini"
refused "$h/huge.ini" 65 "larger than"

# Broken agent lists: FILE:LINE:COLUMN, and the state stays as it was.
bad_csv() {
	cp "$S" "$tmp/orig"
	expect_exit 65 run agents import "$1"
	grep -q "$1:[0-9]*:[0-9]*: " "$tmp/err" && pass || fail "$(basename "$1"): no FILE:LINE:COLUMN: $(head -c 200 "$tmp/err")"
	cmp -s "$S" "$tmp/orig" && pass || fail "a refused import of $(basename "$1") changed the state"
}
printf 'name,version\npc-1,2.7.1\n"pc-2,2.6.4\n' >"$h/unterminated.csv"
bad_csv "$h/unterminated.csv"
{ printf 'name,version\npc-1,'; head -c 70000 /dev/zero | tr '\0' '9'; printf '\n'; } >"$h/huge-field.csv"
bad_csv "$h/huge-field.csv"
awk 'BEGIN { printf "name,version"; for (i = 0; i < 5000; i++) printf ",c%d", i; print "" }' >"$h/columns.csv"
bad_csv "$h/columns.csv"

# Hostile host names never get in.
cp "$S" "$tmp/orig"
for hn in 'a;rm -rf /' '$(reboot)' '`id`' "a'b" 'a"b' "$(printf 'a\nb')" "$(printf 'a\033[31mb')" \
	'a b' '-rf' 'a..b' "$(printf 'x%.0s' $(seq 1 64)).example"; do
	expect_exit 64 run host add "$hn" --roles console
done
expect_exit 64 run host add good1 --roles console --address '10.0.0.1;reboot'
cmp -s "$S" "$tmp/orig" && pass || fail "a refused host changed the state"

# Quotes of every kind and shell characters in a note are kept, as text.
note="it's \"quoted\" ‘typographic’ «guillemets» \$(reboot) \`id\` ; & | < > % \\ done"
expect_exit 0 run confirm logs.system-logs --note "$note"
expect_exit 0 run report
expect_in out "$note"
# Terminal escapes are refused, not stored.
expect_exit 64 run confirm logs.agent-logs --note "$(printf 'bad \033]0;pwned\007 title')"
grep -q "$(printf '\033')" "$S" && fail "an escape character reached the state" || pass

# An agent name carrying escapes is stored inert.
printf 'name,version\n"pc-\033[2J-1",2.6.4\n' >"$h/escape-name.csv"
expect_exit 0 run agents import "$h/escape-name.csv"
expect_exit 0 run agents show
grep -q "$(printf '\033')" "$tmp/out" && fail "agents show printed an escape character" || pass
grep -q "$(printf '\033')" "$S" && fail "an escape character reached the state" || pass
expect_exit 0 run status

finish
