#!/bin/sh
# An accepted command always leaves a state that loads, and no gate ever
# passes on partial data: each case here once broke one of those promises.
. "${srcdir:-.}/tests/lib.sh"

S="$tmp/migration.ini"
run() { "$SES_MIGRATE" -f "$S" "$@"; }
snap() { cp "$S" "$tmp/before"; }
unchanged() { cmp -s "$S" "$tmp/before" && pass || fail "$1 changed the state"; }
loads() {
	if "$SES_MIGRATE" -f "$S" status >/dev/null 2>"$tmp/loads.err"; then
		pass
	else
		fail "$1: the state no longer loads: $(head -c 400 "$tmp/loads.err")"
	fi
}

# A first step that passes, and the firewall step current: setup HOST [ADDRESS].
setup() {
	rm -f "$S" "$S.prev" "$S.lock"
	run host add "$1" --roles backend,agent-handler,console --version 2.6.4 \
		--aspnetcore 8.0.11 --desktop-runtime 8.0.11 --address "${2-127.0.0.1}" >/dev/null &&
	run confirm prerequisites.release-notes >/dev/null &&
	run confirm prerequisites.firewall-plan >/dev/null &&
	run next >/dev/null || fail "setup failed"
}

# ---- values every later command would have refused ----

# Agent lists whose file names are Latin-1, or hold a control character.
printf 'name,version\npc1,2.7.1\npc2,2.6.4\n' >"$tmp/list"
latin1=$(printf 'ag\351nts.csv')
cp "$tmp/list" "$tmp/$latin1"
expect_exit 0 run agents import "$tmp/$latin1"
loads "import of a Latin-1 file name"
expect_exit 0 run agents show
expect_in out "ag<0xE9>nts.csv"
ctrl=$(printf 'a\033[2Jb.csv')
cp "$tmp/list" "$tmp/$ctrl"
expect_exit 0 run agents import "$tmp/$ctrl"
loads "import of a file name with an escape"
grep -q "$(printf '\033')" "$S" && fail "an escape reached the state" || pass

# A long but valid list of agent networks, and one past the limit.
nets=$(i=1; while [ $i -le 76 ]; do printf '10.%d.0.0/16,' $i; i=$((i + 1)); done)
expect_exit 0 run setting agent-networks "${nets%,}"
loads "a 990-byte setting"
snap
nets=$(i=1; while [ $i -le 81 ]; do printf '10.%d.0.0/16,' $i; i=$((i + 1)); done)
expect_exit 64 run setting agent-networks "${nets%,}"
expect_in err "10.1.0.0/16,10.2.0.0/16"
expect_in err "longer than 1000 bytes"
unchanged "a refused setting"

# A probe report over host names at their length limit.
long=$(printf 'a%.0s' $(seq 1 63)).$(printf 'b%.0s' $(seq 1 63)).$(printf 'c%.0s' $(seq 1 63)).$(printf 'd%.0s' $(seq 1 61))
setup "$long"
for h in 1 2 3; do
	run host add "$h$long" --roles agent-handler --version 2.6.4 --aspnetcore 8.0.11 \
		--desktop-runtime 8.0.11 --address 127.0.0.1 >/dev/null 2>&1 ||
		run host add "$h$(echo "$long" | cut -c2-)" --roles agent-handler --version 2.6.4 \
		--aspnetcore 8.0.11 --desktop-runtime 8.0.11 --address 127.0.0.1 >/dev/null ||
		fail "cannot declare a long host"
done
expect_exit 1 run probe --timeout 300
loads "a probe of hosts with 253-character names"
expect_exit 1 run check --json
expect_in out "probe-failed"

# ---- the history stays small: the same probe result folds ----
i=0
while [ $i -lt 200 ]; do
	run probe --timeout 50 >/dev/null 2>&1
	i=$((i + 1))
done
n=$(grep -c ' probe firewall-dual.probe$' "$S")
[ "$n" -eq 1 ] && pass || fail "200 identical probes left $n history entries"
grep -q '^[0-9]*\.count = 20[0-9]$' "$S" && pass || fail "the folded probe has no count: $(grep count "$S")"
loads "a folded history"

# ---- an input is read once: file, pipe, FIFO, standard input ----
{
	printf 'Nom de la machine;Version\r\n'
	i=1
	while [ $i -le 1000 ]; do printf 'pc%d;2.7.1\r\n' $i; i=$((i + 1)); done
	printf 'poste-\351t\351;2.7.1\r\n'
	i=1
	while [ $i -le 500 ]; do printf 'old%d;2.6.4\r\n' $i; i=$((i + 1)); done
} >"$tmp/late.csv"
same_import() {
	expect_exit 0 "$@"
	expect_in out "Imported 1501 agents: 1001 at 2.7.1 or later, 500 below"
	"$SES_MIGRATE" -f "$S" agents show --json >"$tmp/show"
	grep -q '"total": 1501, "at_target": 1001' "$tmp/show" && pass ||
		fail "$*: the inventory is $(head -c 80 "$tmp/show")"
}
same_import run agents import "$tmp/late.csv"
sha=$(sed -n 's/^sha256 = //p' "$S")
same_import sh -c "cat '$tmp/late.csv' | '$SES_MIGRATE' -f '$S' agents import -"
same_import sh -c "'$SES_MIGRATE' -f '$S' agents import /dev/stdin <'$tmp/late.csv'"
mkfifo "$tmp/fifo"
cat "$tmp/late.csv" >"$tmp/fifo" &
same_import run agents import "$tmp/fifo"
wait
[ "$(sed -n 's/^sha256 = //p' "$S")" = "$sha" ] && pass || fail "a FIFO gave another digest"
# A header that cannot be read, from a pipe that stays open (an export
# still coming over ssh): refused at once, not once the writer is done.
mkfifo "$tmp/slow"
{ printf 'foo;bar\r\nx;y\r\n'; exec sleep 30; } >"$tmp/slow" &
writer=$!
snap
expect_exit 65 timeout 5 "$SES_MIGRATE" -f "$S" agents import - <"$tmp/slow"
expect_in err "-:1:1: "
unchanged "a header refused from a pipe left open"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
if [ -n "${BASH_VERSION:-}" ] || command -v bash >/dev/null; then
	same_import bash -c "'$SES_MIGRATE' -f '$S' agents import <(cat '$tmp/late.csv')"
fi
# A file that is UTF-8 up to a byte that is not: refused alike, nothing recorded.
{ printf 'name,version\npc-\303\251,2.7.1\n'; printf 'pc-\351,2.6.4\n'; } >"$tmp/mixed.csv"
snap
expect_exit 65 run agents import "$tmp/mixed.csv"
expect_in err "mixed.csv:3:4: "
unchanged "a refused mixed import"
expect_exit 65 sh -c "cat '$tmp/mixed.csv' | '$SES_MIGRATE' -f '$S' agents import -"
expect_in err "-:3:4: "
unchanged "a refused mixed import from a pipe"
# A refusal in the header says it is the header.
printf 'name,"vers"ion\npc1,2.7.1\n' >"$tmp/bad-head.csv"
expect_exit 65 run agents import "$tmp/bad-head.csv"
expect_in err "bad-head.csv:1:"
expect_in err "header line"
# One record over 1 MiB is refused with its line.
awk 'BEGIN { print "name,version"; print "pc1,2.7.1"; printf "pc2,2.6.4";
	for (i = 0; i < 20; i++) { printf ","; for (j = 0; j < 60000; j++) printf "x" } print "" }' >"$tmp/huge-record.csv"
expect_exit 65 run agents import "$tmp/huge-record.csv"
expect_in err "huge-record.csv:3:"
expect_in err "1 MiB"
# The error for a field too long gives the column where it goes past.
{ printf 'name,version\npc-1,'; head -c 70000 /dev/zero | tr '\0' '9'; printf '\n'; } >"$tmp/field.csv"
expect_exit 65 run agents import "$tmp/field.csv"
expect_in err "field.csv:2:65542: "

# ---- files are what they claim to be ----
setup be1
snap
echo precious >"$tmp/victim"
rm -f "$S.lock"
ln "$tmp/victim" "$S.lock"
expect_exit 74 run confirm logs.system-logs
expect_in err ".lock"
[ "$(cat "$tmp/victim")" = precious ] && pass || fail "a hard-linked lock file was written"
unchanged "a refused lock"
rm -f "$S.lock" "$S.prev"
ln "$tmp/victim" "$S.prev"
expect_exit 74 run confirm logs.system-logs
expect_in err ".prev"
[ "$(cat "$tmp/victim")" = precious ] && pass || fail "a hard-linked previous copy was touched"
unchanged "a refused previous copy"
rm -f "$S.prev"
mkfifo "$S.prev"
expect_exit 74 run confirm logs.system-logs
unchanged "a FIFO as the previous copy"
# An import is announced only once it is saved.
expect_exit 74 run agents import "$tmp/list"
expect_not_in out "Imported"
unchanged "an import that could not be saved"
rm -f "$S.prev"
# -o never writes over the state or what lies beside it, and writes atomically.
run confirm logs.system-logs >/dev/null
snap
for f in "$S" "$S.lock" "$S.prev" "$S.tmp.4242" "$S.prev.tmp.4242"; do
	expect_exit 73 run report -o "$f"
done
unchanged "report -o over the state"
[ ! -e "$S.tmp.4242" ] && pass || fail "report -o wrote a temporary file's name"
echo old >"$tmp/report.txt"
ino=$(stat -c %i "$tmp/report.txt")
expect_exit 0 run report -o "$tmp/report.txt"
[ "$(stat -c %i "$tmp/report.txt")" != "$ino" ] && pass || fail "report -o wrote in place"
grep -q "progress report" "$tmp/report.txt" && pass || fail "report -o wrote nothing"
ln -s "$tmp/report.txt" "$tmp/link.txt"
expect_exit 0 run report -o "$tmp/link.txt"
[ -L "$tmp/link.txt" ] && pass || fail "report -o replaced a link instead of its file"
# Mode 0600 whatever the umask.
(umask 0777; "$SES_MIGRATE" -f "$S" confirm logs.agent-logs >/dev/null 2>&1)
[ "$(stat -c %a "$S")" = 600 ] && pass || fail "under umask 0777 the state is $(stat -c %a "$S")"
[ "$(stat -c %a "$S.lock")" = 600 ] && pass || fail "under umask 0777 the lock is $(stat -c %a "$S.lock")"
# Run as root on a state owned by someone else, the owner stays.
if [ "$(id -u)" = 0 ]; then
	chown 65534:65534 "$S" "$S.lock"
	expect_exit 0 run unconfirm logs.agent-logs
	[ "$(stat -c %u:%g "$S")" = 65534:65534 ] && pass || fail "root took over the state: $(stat -c %u:%g "$S")"
	[ "$(stat -c %u "$S.lock")" = 65534 ] && pass || fail "root took over the lock"
	chown 0:0 "$S" "$S.lock"
else
	echo "skipped: the owner test needs root"
fi
# A state path that is a FIFO, a directory or a device: refused at once.
mkfifo "$tmp/fifo.ini"
expect_exit 66 timeout 5 "$SES_MIGRATE" -f "$tmp/fifo.ini" status
expect_in err "not a regular file"
expect_exit 66 timeout 5 "$SES_MIGRATE" -f "$tmp/fifo.ini" confirm logs.system-logs
mkdir "$tmp/dir.ini"
expect_exit 66 "$SES_MIGRATE" -f "$tmp/dir.ini" confirm logs.system-logs
expect_exit 66 "$SES_MIGRATE" -f /dev/null confirm logs.system-logs
[ ! -e /dev/null.lock ] && pass || { fail "a lock was made beside /dev/null"; rm -f /dev/null.lock; }

# ---- data are what they claim to be ----
bad_state() {
	expect_exit 65 "$SES_MIGRATE" -f "$tmp/bad.ini" status
	expect_in err "$tmp/bad.ini:$1: "
	expect_in err "$2"
}
head_ok="[migration]
format = 2
"
printf '%s[inventory]\nimported-at = 2099-01-01T00:00:00Z\ntotal = 1\n' "$head_ok" >"$tmp/bad.ini"
bad_state 4 "later than tomorrow"
printf '%s[item.logs.system-logs]\nat = 2026-02-30T10:00:00Z\n' "$head_ok" >"$tmp/bad.ini"
bad_state 4 "not a time"
printf '[migration]\nformat = +2\n' >"$tmp/bad.ini"
bad_state 2 "whole number"
printf '[migration]\nformat = 02\n' >"$tmp/bad.ini"
bad_state 2 "whole number"
# Invisible and direction-changing characters: refused in names, shown in notes and lists.
setup be2
snap
expect_exit 64 run agents exclude "$(printf 'pc\342\200\2561')" --reason "gone"
expect_in err "U+202E"
unchanged "a refused name"
expect_exit 0 run confirm logs.system-logs --note "$(printf 'see \342\200\256txet')"
expect_exit 0 run report
expect_in out "see <U+202E>txet"
printf 'name,version\n"pc\342\200\256-7",2.6.4\n' >"$tmp/bidi.csv"
expect_exit 0 run agents import "$tmp/bidi.csv"
expect_exit 0 run agents show
expect_in out "pc<U+202E>-7"
expect_exit 0 run agents exclude "pc<U+202E>-7" --reason "spelled as shown"

# ---- probes keep their deadline, and record even when cut short ----
setup probe-test.example ""
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	echo "nameserver 127.0.0.1" >"$tmp/resolv.conf"
	cat >"$tmp/dead-dns.sh" <<EOT
mount --bind "$tmp/resolv.conf" /etc/resolv.conf || exit 99
./tests/udp-sink 127.0.0.1 53 >"$tmp/sink.out" &
sink=\$!
i=0
until grep -q ready "$tmp/sink.out" 2>/dev/null || [ \$i -gt 50 ]; do sleep 0.1; i=\$((i + 1)); done
start=\$(date +%s%N)
"$SES_MIGRATE" -f "$S" probe --timeout 300 >"$tmp/out" 2>"$tmp/err"
rc=\$?
end=\$(date +%s%N)
kill \$sink
echo \$rc \$(( (end - start) / 1000000 ))
EOT
	set -- $(unshare -m sh "$tmp/dead-dns.sh")
	[ "$1" = 1 ] && pass || fail "probe with a dead resolver exited $1: $(cat "$tmp/err")"
	[ "${2:-99999}" -lt 2000 ] && pass || fail "probe --timeout 300 with a dead resolver took $2 ms"
	expect_in out "unreachable"
else
	echo "skipped: the dead resolver test needs root and unshare"
fi
run host set probe-test.example --address 127.0.0.1 >/dev/null
rm -f "$tmp/head.out"
"$SES_MIGRATE" -f "$S" probe --timeout 100 2>/dev/null | head -1 >"$tmp/head.out"
[ -s "$tmp/head.out" ] && pass || fail "probe | head -1 printed nothing"
grep -A3 '^\[evidence.firewall-dual.probe\]' "$S" >"$tmp/evidence"
grep -q '^at = ' "$tmp/evidence" && ! grep -q unreachable "$tmp/evidence" && pass ||
	fail "probe | head -1 did not record the results: $(cat "$tmp/evidence")"

# ---- resources stay bounded, small messages are right ----
awk 'BEGIN { print "name,version"; for (i = 0; i < 1000000; i++) printf "pc-%d,2.6.%d\n", i, i % 7 }' >"$tmp/million.csv"
snap
if grep -q __asan_init "$SES_MIGRATE"; then
	# AddressSanitizer maps terabytes of shadow memory: no ulimit -v for it.
	echo "skipped: the out-of-memory test cannot run under AddressSanitizer"
else
	(ulimit -v 8000; exec "$SES_MIGRATE" -f "$S" agents import "$tmp/million.csv") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 71 ] && pass || fail "out of memory, the import exited $rc: $(head -c 300 "$tmp/err")"
	expect_in err "out of memory"
	unchanged "an import that ran out of memory"
fi
dd if=/dev/zero bs=1M count=17 2>/dev/null | tr '\0' 'x' >"$tmp/huge.ini"
cp "$tmp/huge.ini" "$tmp/huge.ini.prev"
expect_exit 65 "$SES_MIGRATE" -f "$tmp/huge.ini" status
lines=$(grep -c '^ses-migrate: ' "$tmp/err")
[ "$lines" = 2 ] && pass || fail "the size refusal and its hint share a line: $(cat "$tmp/err")"

# ---- exports never drop a flow in silence ----
rm -f "$S" "$S.prev"
run host add be6 --roles backend --address 2001:db8::6 >/dev/null
run host add con4 --roles console --address 192.0.2.4 >/dev/null
expect_exit 0 run firewall --format nftables
expect_in out "NOT WRITTEN"
expect_in err "con4 to be6"
finish
