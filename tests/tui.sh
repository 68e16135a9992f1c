#!/bin/sh
# The wizard as an operator meets it, through a private tmux server:
# tick an item, be refused on n, quit, start again, find the progress.
. "${srcdir:-.}/tests/lib.sh"

if ! command -v tmux >/dev/null; then
	echo "tmux is missing: the terminal test cannot run" >&2
	exit 77
fi
# A new server for each run: a dying one may still hold the old socket.
run=0
sock="ses-test-$$-$run"
S="$tmp/migration.ini"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

start() {
	run=$((run + 1))
	sock="ses-test-$$-$run"
	tm new-session -d -x 80 -y 24 \
		"env TERM=screen SES_MIGRATE_OPERATOR=tester '$SES_MIGRATE' -f '$S' $*; echo EXITED \$?; sleep 30"
}

# wait_for TEXT: poll the screen until it shows TEXT (10 s at most).
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p >"$tmp/screen" 2>/dev/null
		grep -qF -- "$1" "$tmp/screen" && { pass; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	fail "the screen never showed \"$1\":"
	cat "$tmp/screen" >&2
	return 1
}

start
wait_for "New migration" || { finish; exit 1; }
wait_for "[>] 1. Prerequisites"
# The third item of the first step: the release notes.
tm send-keys Down Down Space
wait_for "[x] SES Evolution 2.7.1 release notes read"
grep -q '^\[item.prerequisites.release-notes\]' "$S" && pass || fail "the tick was not saved at once"
tm send-keys n
wait_for "Cannot move on"
wait_for "Not confirmed yet: Firewall plan reviewed."
grep -q '^\[step.prerequisites\]' "$S" && fail "n advanced despite a blocker" || pass
tm send-keys q
wait_for "EXITED 0"
tm kill-server

start
wait_for "Resumed at step 1"
wait_for "[x] SES Evolution 2.7.1 release notes read"
wait_for "[ ] Firewall plan reviewed"
# The language switches on the fly, and back.
tm send-keys L
wait_for "Prérequis"
tm send-keys L
wait_for "Prerequisites"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# Too small a terminal is said so, not drawn garbled.
sock="ses-test-$$-small"
tm new-session -d -x 60 -y 20 "env TERM=screen '$SES_MIGRATE' -f '$S'; sleep 30"
wait_for "too small"
tm kill-server

finish
