#!/bin/sh
# A migration that is only a table (tests/migration-mini.c) walked end to
# end by the same engine: state, gates, status/check/next, firewall, report
# and the wizard.  Nothing in src/ knows its steps, versions or ports.
. "${srcdir:-.}/tests/lib.sh"

: "${SES_MIGRATE_MINI:?run through make check}"
M="$SES_MIGRATE_MINI"
S="$tmp/mini.ini"
printf '[migration]\nformat = 2\nid = mini-1-2\n' >"$S"
mini() { "$M" -f "$S" "$@"; }

# The state names its migration; the program follows it.
expect_exit 0 mini status
expect_in out "0 of 3 steps done"
expect_in out "1. Planning"
expect_in out "3. Retirement"
expect_not_in out "Prerequisites"
expect_exit 1 mini check
expect_in out "BLOCKED [plan.backup]"
expect_in out "ses-migrate confirm plan.backup"
expect_exit 1 mini next
expect_exit 0 mini confirm plan.backup
expect_exit 0 mini next
expect_in out "Next step: Upgrade (upgrade)"
# SES item ids are unknown to this migration.
expect_exit 64 mini confirm prerequisites.release-notes
expect_in err "prerequisites.release-notes"

# The computed gate: no server, then one behind, then one at 2.0.
expect_exit 1 mini check
expect_in out "[upgrade.no-server]"
expect_exit 0 mini host add srv1 --roles backend --address 127.0.0.1 --version 1.0.3
expect_exit 0 mini host add con1 --roles console --address 127.0.0.2
expect_exit 1 mini check --json
expect_in out '"gate": "upgrade.behind"'
expect_in out '"fix": "record-version"'
expect_in out '"item": "upgrade.servers"'
expect_exit 1 mini next
expect_in out "does not run 2.0: srv1"
expect_exit 0 mini host set srv1 --version 2.0
expect_exit 0 mini check
expect_in out "Every gate passes"

# Its two ports: 80 before, 8080 after, both side by side in between.
expect_exit 0 mini firewall --phase dual
expect_in out "TCP 80 "
expect_in out "TCP 8080"
expect_not_in out "17000"
expect_not_in out "No SQL Server host"
expect_exit 0 mini firewall --phase target --changes --format nftables
expect_in out "tcp dport 8080 accept"
expect_in out '# removed: "ses-migrate web-in con1 to srv1 TCP 80"'
if command -v nft >/dev/null && [ "$(id -u)" -eq 0 ]; then
	mini firewall --phase target --format nftables -o "$tmp/mini.nft" >/dev/null 2>&1
	nft -c -f "$tmp/mini.nft" 2>"$tmp/err" && pass || fail "nft -c refused: $(cat "$tmp/err")"
fi
expect_exit 0 mini next
expect_in out "Next step: Retirement (retire)"

# The report, in both languages, names this migration and its steps.
expect_exit 0 mini report
expect_in out "Mini 1.0 to 2.0 migration: progress report"
expect_in out "2. Upgrade [upgrade]: done"
expect_in out "of the 5.0.x series"
if french; then
	expect_exit 0 mini report --lang fr
	expect_in out "Étapes"
fi
expect_exit 0 mini status --json
expect_in out '"migration": "mini-1-2"'

# Saved and loaded again: the id stays, and a later load keeps to it.
grep -q '^id = mini-1-2$' "$S" && pass || fail "the state lost its migration id"

# The wizard: three steps, the point of no return asks for its own word.
if ! command -v tmux >/dev/null; then
	echo "tmux is missing: the wizard part cannot run" >&2
	finish
	exit 1
fi
sock="ses-mini-$$"
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
tm new-session -d -x 80 -y 24 \
	"env TERM=screen SES_MIGRATE_OPERATOR=tester '$M' -f '$S'; echo EXITED \$?; sleep 30"
wait_for "Mini 1.0 to 2.0 migration"
wait_for "Step 3 of 3: Retirement (active)"
wait_for "[>] 3. Retirement"
tm send-keys n
wait_for "Not confirmed yet: Old port closed."
tm send-keys Space
wait_for "[x] Old port closed"
tm send-keys n
wait_for "Type RETIRE and Enter"
tm send-keys 1 7 0 0 0 Enter
wait_for "That was not RETIRE"
grep -q '^\[step.retire\]' "$S" && fail "a wrong word completed the step" || pass
tm send-keys n
wait_for "Type RETIRE and Enter"
tm send-keys R E T I R E Enter
wait_for 'Step "Retirement" is done: the migration is complete.'
grep -q '^\[step.retire\]' "$S" && pass || fail "RETIRE typed, but the step is not done"
if french; then
	tm send-keys L
	wait_for "Étape 3 sur 3"
fi
tm send-keys q
wait_for "EXITED 0"
tm kill-server
expect_exit 0 mini status
expect_in out "The migration is complete"

finish
