#!/bin/sh
# make bench: our figures beside the tools an administrator would use
# otherwise, from the same run on the same machine, with the median and
# the spread of repeated runs, the ratio, and the target.  Ratios are what
# to compare: these machines are shared and noisy.  Exits 1 when a target
# is missed, saying by how much.
set -u
: "${SES_MIGRATE:?run through make bench}"
B=${BENCH_BIN:-$(cd "$(dirname "$0")" && pwd)}
M="$B/measure"
RUNS=${BENCH_RUNS:-11}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ses-bench.XXXXXX")
trap 'tmux -L "ses-bench-$$" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
missed=0

echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(uname -sr)"
echo "Each figure: median (fastest-slowest) of $RUNS runs, unless said; ours and"
echo "its peer's take turns, run for run."
echo

# verdict NAME OURS LIMIT UNIT: whether ours is within the limit; says by how much it is not.
verdict() {
	if awk -v a="$2" -v b="$3" 'BEGIN { exit !(a <= b) }'; then
		echo "  target $4: met"
	else
		echo "  target $4: MISSED by $(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.0f%%", (a / b - 1) * 100 }')"
		missed=$((missed + 1))
	fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
# show LABEL "MEDIAN MIN MAX [PEAK]" UNIT
show() {
	printf '  %-34s %s\n' "$1" "$(echo "$2" | awk -v u="$3" '{ printf "%10.1f %s (%.1f-%.1f)", $1, u, $2, $3 }')"
}

# 1. Import of a 1,000,000-row export against mawk counting its versions.
"$B/bench-import" --generate "$tmp/agents.csv" || exit 2
"$SES_MIGRATE" -f "$tmp/import.ini" host add srv --roles backend,agent-handler --version 2.7.1 >/dev/null
# The two take turns, run for run, so that both see the machine alike.
both=$("$M" "$RUNS" "$SES_MIGRATE" -f "$tmp/import.ini" agents import "$tmp/agents.csv" \
    -- mawk -F';' '{ n[$3]++ } END { for (v in n) print v, n[v] }' "$tmp/agents.csv") || exit 2
ours=$(echo "$both" | sed -n 1p)
peer=$(echo "$both" | sed -n 2p)
echo "Import of a 1,000,000-row export ($(du -m "$tmp/agents.csv" | cut -f1) MB: BOM, ';', CRLF, French headers, duplicates)"
show "ses-migrate agents import" "$ours" ms
show "mawk -F';' counting versions" "$peer" ms
r=$(ratio "${ours%% *}" "${peer%% *}")
echo "  ratio $r; peak memory $(echo "$ours" | awk '{ printf "%.1f MiB", $4 / 1024 }')"
verdict import "$r" 1.0 "ratio at most 1.0"
verdict memory "$(echo "$ours" | awk '{ print $4 / 1024 }')" 64 "peak at most 64 MiB"
echo

# The large state: 50 hosts, 100,000 agents, 10,000 of them named
# stragglers; the heavy one adds 5,000 exclusions and 50,000 events.
"$B/bench-state" make "$tmp/large.ini" >"$tmp/large.txt" || exit 2
"$B/bench-state" heavy "$tmp/heavy.ini" >"$tmp/heavy.txt" || exit 2
"$SES_MIGRATE" -f "$tmp/small.ini" host add srv --roles backend,agent-handler --version 2.6.4 >/dev/null
"$SES_MIGRATE" -f "$tmp/small.ini" host add con --roles console --version 2.6.4 >/dev/null
echo "Large state: $(cat "$tmp/large.txt"), $(du -k "$tmp/large.ini" | cut -f1) KiB"
echo "Heavy state: $(cat "$tmp/heavy.txt"), $(du -k "$tmp/heavy.ini" | cut -f1) KiB"

# 2. The wizard's start, first frame and quit, in instructions, against
# dialog --checklist with eight items; and the bytes of one cursor move.
if command -v valgrind >/dev/null && command -v dialog >/dev/null && command -v tmux >/dev/null; then
	sock="ses-bench-$$"
	tm() { tmux -L "$sock" -f /dev/null "$@"; }
	# frame NAME WAITFOR QUITKEY COMMAND...: instructions from start to quit, and bytes of one Down.
	frame() {
		name=$1 want=$2 quit=$3
		shift 3
		rm -f "$tmp/cg.$name" "$tmp/out.$name"
		tm kill-server 2>/dev/null
		tm new-session -d -x 80 -y 24 "env TERM=screen LC_ALL=C.UTF-8 valgrind -q --tool=callgrind --callgrind-out-file=$tmp/cg.$name $*; sleep 60"
		tm pipe-pane -o "cat >>$tmp/out.$name"
		i=0
		until tm capture-pane -p | grep -qF -- "$want"; do
			i=$((i + 1))
			[ $i -gt 600 ] && { echo "  $name never drew its first frame" >&2; return 1; }
			sleep 0.1
		done
		sleep 1
		before=$(wc -c <"$tmp/out.$name")
		tm send-keys Down
		sleep 1
		after=$(wc -c <"$tmp/out.$name")
		tail -c $((after - before)) "$tmp/out.$name" >"$tmp/move.$name"
		[ -n "${BENCH_KEEP:-}" ] && cp "$tmp/move.$name" "$BENCH_KEEP/move.$name"
		tm send-keys $quit
		i=0
		until [ -s "$tmp/cg.$name" ] && grep -q '^totals:' "$tmp/cg.$name"; do
			i=$((i + 1))
			[ $i -gt 600 ] && { echo "  $name did not quit" >&2; return 1; }
			sleep 0.1
		done
		tm kill-server
		echo "$(sed -n 's/^totals: *//p' "$tmp/cg.$name" | head -1) $((after - before))"
	}
	items="1 Prerequisites off 2 Dual-firewall off 3 Backoffice off 4 Deploy off 5 Logs off 6 Policy off 7 Agents off 8 Close-17000 off"
	peer=$(frame dialog "<Cancel>" Enter dialog --checklist Migration 24 80 8 $items) || exit 2
	small=$(frame small "q quit" q "$SES_MIGRATE" -f "$tmp/small.ini") || exit 2
	large=$(frame large "q quit" q "$SES_MIGRATE" -f "$tmp/large.ini") || exit 2
	echo
	echo "Wizard: start, first full frame at 80x24, one Down, quit (instructions, callgrind; one run each)"
	printf '  %-34s %14s\n' "dialog --checklist, 8 items" "${peer% *}"
	printf '  %-34s %14s  ratio %s\n' "ses-migrate, 2-host state" "${small% *}" "$(ratio "${small% *}" "${peer% *}")"
	printf '  %-34s %14s  ratio %s\n' "ses-migrate, large state" "${large% *}" "$(ratio "${large% *}" "${peer% *}")"
	# What libinih alone would cost over every line of the large state:
	# why the loader leaves the bulk sections (lists, exclusions, events)
	# to its own first pass and gives libinih the rest.
	valgrind -q --tool=callgrind --toggle-collect=ini_parse_stream \
	    --callgrind-out-file="$tmp/cg.inih" "$B/bench-state" inih-once "$tmp/large.ini" || exit 2
	inih=$(sed -n 's/^totals: *//p' "$tmp/cg.inih" | head -1)
	printf '  %-34s %14s  ratio %s\n' "(libinih over all its lines)" "$inih" "$(ratio "$inih" "${peer% *}")"
	verdict wizard-small "$(ratio "${small% *}" "${peer% *}")" 1.0 "2-host ratio at most 1.0"
	verdict wizard-large "$(ratio "${large% *}" "${peer% *}")" 1.0 "large-state ratio at most 1.0"
	echo "Bytes written to the terminal for one Down"
	printf '  %-34s %6s\n' "dialog --checklist" "${peer#* }" "ses-migrate, step list" "${small#* }"
	verdict bytes "${small#* }" "${peer#* }" "at most dialog's"
else
	echo "Wizard: not measured: valgrind, dialog and tmux are needed (build-aux/try bench installs them)."
	missed=$((missed + 1))
fi
echo

# 3. status on the large state, with starting /bin/true as the floor, and
# what starting at all costs a program linked with ncurses: ours, and dialog.
both=$("$M" 21 "$SES_MIGRATE" -f "$tmp/large.ini" status -- /bin/true) || exit 2
ours=$(echo "$both" | sed -n 1p)
floor=$(echo "$both" | sed -n 2p)
echo "status on the large state (21 runs)"
show "ses-migrate status" "$ours" ms
show "/bin/true (the floor)" "$floor" ms
show "ses-migrate --version" "$("$M" 21 "$SES_MIGRATE" --version)" ms
command -v dialog >/dev/null && show "dialog --version" "$("$M" 21 dialog --version)" ms
show "ses-migrate status, heavy state" "$("$M" 21 "$SES_MIGRATE" -f "$tmp/heavy.ini" status)" ms
"$B/bench-state" inih "$tmp/large.ini" >"$tmp/inih.large" || exit 2
show "(libinih over all its lines)" "$(sed -n 's/^inih //p' "$tmp/inih.large")" ms
verdict status "${ours%% *}" 5 "at most 5 ms"
echo

# 4. Load and save of the heavy state, in the process (fsync included).
"$B/bench-state" time "$tmp/heavy.ini" >"$tmp/times" || exit 2
echo "The heavy state in the process (21 runs)"
show "load" "$(sed -n 's/^load //p' "$tmp/times")" ms
show "save, fsync included" "$(sed -n 's/^save //p' "$tmp/times")" ms
"$B/bench-state" inih "$tmp/heavy.ini" >"$tmp/inih.heavy" || exit 2
show "(libinih over all its lines)" "$(sed -n 's/^inih //p' "$tmp/inih.heavy")" ms
verdict load "$(sed -n 's/^load \([^ ]*\).*/\1/p' "$tmp/times")" 20 "load at most 20 ms"
verdict save "$(sed -n 's/^save \([^ ]*\).*/\1/p' "$tmp/times")" 10 "save at most 10 ms"
echo

# 5. The HTML report of the large state.
ours=$("$M" "$RUNS" "$SES_MIGRATE" -f "$tmp/large.ini" report --format html -o "$tmp/report.html")
echo "HTML report of the large state"
show "ses-migrate report --format html" "$ours" ms
verdict report "${ours%% *}" 100 "at most 100 ms"
echo

# 6. The probe of 1000 loopback endpoints, open and refused.
echo "Probe of 1000 loopback endpoints"
"$B/bench-probe" | sed 's/^/  /' || missed=$((missed + 1))
echo

if [ "$missed" -gt 0 ]; then
	echo "bench: $missed targets missed"
	exit 1
fi
echo "bench: every target met"
