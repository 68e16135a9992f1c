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
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

start() {
	run=$((run + 1))
	sock="ses-test-$$-$run"
	tm new-session -d -x 80 -y 24 \
		"env TERM=screen SES_MIGRATE_OPERATOR=tester '$SES_MIGRATE' -f '$S' $*; echo EXITED \$?; sleep 30"
}


start
wait_for "New migration" || { finish; exit 1; }
# First contact: a new migration opens on the environment, saying what to
# declare first; q goes to the steps.
wait_for "Start here: declare each host of the backoffice (+)"
tm send-keys q
wait_for "[>] 1. Prerequisites"
# Nothing declared is nothing checked: the runtime check is not ticked.
wait_for "[ ] Agent handlers have ASP.NET Core"
# The third item of the first step: the release notes.
tm send-keys Down Down Space
wait_for "[x] SES Evolution 2.7.1 release notes read"
grep -q '^\[item.prerequisites.release-notes\]' "$S" && pass || fail "the tick was not saved at once"
# A tick says so; moving on makes that message stale, and it goes.
wait_for "Confirmed: SES Evolution 2.7.1 release notes read."
tm send-keys Up
wait_for "> [ ] Agent handlers have"
sleep 0.3
tm capture-pane -p >"$tmp/screen"
grep -qF "Confirmed:" "$tmp/screen" && fail "a stale message stayed after a move" || pass
tm send-keys n
wait_for "Cannot move on"
# Five blockers do not fit at 80x24: a line says how many more, and b
# lists every one with what to do in the wizard.
wait_for "+ 2 more: b lists them all, with what to do."
tm send-keys b
wait_for "Not confirmed yet: Firewall changes of 2.7.1 reviewed."
wait_for "Once it is done, select it and press Space."
tm send-keys q
grep -q '^\[step.prerequisites\]' "$S" && fail "n advanced despite a blocker" || pass
tm send-keys q
wait_for "EXITED 0"
tm kill-server

start
wait_for "Resumed at step 1"
wait_for "[x] SES Evolution 2.7.1 release notes read"
wait_for "[ ] Firewall changes of 2.7.1 reviewed"
# The language switches on the fly, and back; the last message is kept as
# a code, so it is said again in the new language.
tm send-keys n
wait_for "Cannot move on: 5 blockers are listed on the right."
tm send-keys L
if french; then
	wait_for "Prérequis"
	wait_for "Impossible de continuer"
	tm send-keys L
	wait_for "Cannot move on: 5 blockers are listed on the right."
else
	wait_for "built without translations"
fi
wait_for "Prerequisites"
if french; then
	# The language chosen is kept in the state: the next wizard opens in it.
	tm send-keys L
	wait_for "Prérequis"
	grep -q '^language = fr$' "$S" && pass || fail "the language was not kept in the state"
	tm send-keys q
	wait_for "EXITED 0"
	tm kill-server
	start
	wait_for "Reprise à l'étape 1"
	grep -c '^[0-9]* = .* setting language' "$S" >/dev/null && fail "the language went into the history" || pass
	tm send-keys L
	wait_for "Prerequisites"
	grep -q '^language = en$' "$S" && pass || fail "English was not kept in the state"
fi
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# The firewall plan opens on f and closes on q, back to the steps.
start
wait_for "Resumed at step 1"
tm send-keys f
wait_for "Firewall plan"
# A line wider than the screen is wrapped, never cut.
wait_for "  nftables, for any phase or host."
tm send-keys q
wait_for "[>] 1. Prerequisites"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# Closing port 17000 asks for the port number, typed.
C="$tmp/close.ini"
cli() { SES_MIGRATE_OPERATOR=tester "$SES_MIGRATE" -f "$C" "$@" >/dev/null || fail "setup: $*"; }
cli host add srv --roles backend,agent-handler,console --version 2.7.1 --aspnetcore 8.0.11 --desktop-runtime 8.0.11
for i in prerequisites.release-notes prerequisites.firewall-plan firewall-dual.new-rules \
	firewall-dual.old-rules-kept firewall-dual.outbound-8443 backoffice.procedure \
	deploy.banner-seen deploy.pending-deployment deploy.deployed logs.system-logs \
	logs.agent-logs policy.release-notes-2506a policy.recommendations \
	policy.default-policies-updated policy.deployed policy.banner-gone agents.updated \
	agents.restarted close-17000.old-protocol-disabled close-17000.port-closed-handlers \
	close-17000.port-closed-agents close-17000.old-rules-removed; do
	cli confirm "$i"
done
for i in 1 2 3 4 5 6; do cli next; done
printf 'Name,Version\nPC-1,2.7.1\n' >"$tmp/a.csv"
cli agents import "$tmp/a.csv"
cli next
S="$C"
start
wait_for "Resumed at step 8"
# At the last step the plan lists the work left: what was added before
# the update is in place by now, not still to add.
tm send-keys f
wait_for "Firewall plan"
wait_for "remove"
grep -qF "before installing" "$tmp/screen" && fail "the plan at step 8 still lists rules to add" || pass
tm send-keys q
wait_for "[>] 8."
tm send-keys n
wait_for "Point of no return"
tm send-keys 1 7 0 0 1 Enter
wait_for "That was not 17000"
grep -q '^\[step.close-17000\]' "$C" && fail "a wrong confirmation completed the step" || pass
tm send-keys n
wait_for "Point of no return"
tm send-keys Escape
wait_for "nothing was changed"
tm send-keys n
wait_for "Point of no return"
tm send-keys 1 7 0 0 0 Enter
wait_for "is done"
grep -q '^\[step.close-17000\]' "$C" && pass || fail "17000 typed, but the step is not done"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# Complete, then a version goes back: the wizard does not say complete.
cli host set srv --version 2.6.4
start
wait_for "Resumed: every step is done, but 3 no longer hold: see [!]."
wait_for "[!] 3. Backoffice update"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# A deferred step's screen says who put it off, when and why.
D="$tmp/defer.ini"
cli() { SES_MIGRATE_OPERATOR=tester "$SES_MIGRATE" -f "$D" "$@" >/dev/null || fail "setup: $*"; }
cli host add srv --roles backend,agent-handler,console --version 2.7.1 --aspnetcore 8.0.11 --desktop-runtime 8.0.11
for i in prerequisites.release-notes prerequisites.firewall-plan firewall-dual.new-rules \
	firewall-dual.old-rules-kept firewall-dual.outbound-8443 backoffice.procedure \
	deploy.banner-seen deploy.pending-deployment deploy.deployed logs.system-logs \
	logs.agent-logs; do
	cli confirm "$i"
done
for i in 1 2 3 4 5; do cli next; done
cli defer policy --reason "waiting for the change board"
S="$D"
start
wait_for "Resumed at step 7"
tm send-keys Left
wait_for "Step 6 of 8: Default policy update (deferred)"
wait_for "Deferred by tester on "; wait_for " UTC: "
wait_for "waiting for the change board"
tm send-keys Left
wait_for "Completed by tester on "
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# n right after the start completes the step on screen and moves on, with
# its own message, not the stale "Resumed at"; a second n acts on the step
# now in view, never on one the operator cannot see.
N="$tmp/first-n.ini"
cli() { SES_MIGRATE_OPERATOR=tester "$SES_MIGRATE" -f "$N" "$@" >/dev/null || fail "setup: $*"; }
cli host add srv --roles backend,agent-handler,console --version 2.6.4 --aspnetcore 8.0.11 --desktop-runtime 8.0.11
cli confirm prerequisites.release-notes
cli confirm prerequisites.firewall-plan
S="$N"
start
wait_for "Resumed at step 1"
tm send-keys n
wait_for 'Step "Prerequisites" is done.'
wait_for "Step 2 of 8: Dual firewall setup (active)"
grep -qF "Resumed at" "$tmp/screen" && fail "the start message stayed after n" || pass
grep -q '^\[step.prerequisites\]' "$N" && pass || fail "n did not complete step 1"
tm send-keys n
wait_for "Cannot move on"
wait_for "Step 2 of 8: Dual firewall setup (active)"
grep -q '^\[step.firewall-dual\]' "$N" && fail "the second n completed a step with blockers" || pass
grep -q '^\[step.backoffice\]' "$N" && fail "the second n acted on a step not on screen" || pass
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# The pager uses the whole width: every line of the report's environment
# is on screen whole, in both languages (a cut of two columns once showed
# "8.0.1" for 8.0.11).  srv-abcd makes an 80-column line.
E="$tmp/env.ini"
SES_MIGRATE_OPERATOR=tester "$SES_MIGRATE" -f "$E" host add srv-abcd --roles backend,agent-handler,console \
	--version 2.6.4 --aspnetcore 8.0.11 --desktop-runtime 8.0.11 --address 127.0.0.1 >/dev/null
S="$E"
langs=en
french && langs="en fr"
for lang in $langs; do
	start --lang "$lang"
	wait_for "[>] 1."
	tm send-keys r
	wait_for "127.0.0.1"
	"$SES_MIGRATE" -f "$E" report --lang "$lang" |
		awk '/^ *(Environment|Environnement).*:$/ { f = 1; next } f && /(Operators|Opérateurs).*:$/ { exit } f' >"$tmp/env-lines"
	longest=$(awk '{ n = length($0); if (n > m) m = n } END { print m }' "$tmp/env-lines")
	[ "${longest:-0}" -ge 78 ] && pass || fail "no environment line long enough to test the width ($lang: $longest)"
	# The screen as it is once the block's last line is drawn: on a busy
	# machine the first sight of 127.0.0.1 can come before the rest.
	wait_for "$(tail -n 1 "$tmp/env-lines")"
	while IFS= read -r line; do
		grep -qF -- "$line" "$tmp/screen" || fail "$lang: the pager cut \"$line\""
	done <"$tmp/env-lines"
	pass
	grep -qF "8.0.11" "$tmp/screen" && pass || fail "$lang: 8.0.11 is not shown whole"
	tm send-keys q q
	wait_for "EXITED 0"
	tm kill-server
done

# The wizard holds no lock while it waits: commands from another window
# succeed, and within a second it shows their changes and who made them.
W="$tmp/live.ini"
SES_MIGRATE_OPERATOR=tester "$SES_MIGRATE" -f "$W" host add srv --roles backend,agent-handler,console \
	--version 2.6.4 >/dev/null
S="$W"
start
wait_for "Resumed at step 1"
expect_exit 0 env SES_MIGRATE_OPERATOR=bob "$SES_MIGRATE" -f "$W" confirm prerequisites.firewall-plan
wait_for "Changed from elsewhere by bob: Confirmed prerequisites.firewall-plan."
wait_for "[x] Firewall changes of 2.7.1 reviewed"
printf 'Name,Version\nPC-1,2.6.4\nPC-2,2.7.1\n' >"$tmp/live.csv"
expect_exit 0 env SES_MIGRATE_OPERATOR=bob "$SES_MIGRATE" -f "$W" agents import "$tmp/live.csv"
expect_exit 0 env SES_MIGRATE_OPERATOR=carol "$SES_MIGRATE" -f "$W" host set srv --aspnetcore 8.0.11
wait_for "2 changes from elsewhere, the last by carol: Changed host srv."
# A tick in the wizard goes onto the fresh state: bob's confirmation stays.
tm send-keys Down Down Space
wait_for "[x] SES Evolution 2.7.1 release notes read"
grep -q '^\[item.prerequisites.firewall-plan\]' "$W" && pass || fail "the wizard's save lost bob's confirmation"
grep -q '^\[item.prerequisites.release-notes\]' "$W" && pass || fail "the tick was not saved"
grep -q '^total = 2$' "$W" && pass || fail "the inventory imported from outside was lost"
# A second wizard on the same state: each one's tick survives the other's.
first=$sock
run=$((run + 1))
sock="ses-test-$$-$run"
tm new-session -d -x 80 -y 24 \
	"env TERM=screen SES_MIGRATE_OPERATOR=dave '$SES_MIGRATE' -f '$W'; echo EXITED \$?; sleep 30"
wait_for "[x] SES Evolution 2.7.1 release notes read"
tm send-keys Right
wait_for "Step 2 of 8"
tm send-keys Space
wait_for "[x] New 2.7.1 firewall rules added"
second=$sock
sock=$first
wait_for "Changed from elsewhere by dave: Confirmed firewall-dual.new-rules."
tm send-keys Space
wait_for "[ ] SES Evolution 2.7.1 release notes read"
grep -q '^\[item.firewall-dual.new-rules\]' "$W" && pass || fail "the first wizard wrote over the second's tick"
grep -q '^\[item.prerequisites.release-notes\]' "$W" && fail "the untick was not saved" || pass
tm send-keys q
wait_for "EXITED 0"
tm kill-server
sock=$second
wait_for "Changed from elsewhere by tester"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# Terminals it cannot draw on: it says so and names the commands.
for t in dumb no-such-terminal; do
	run=$((run + 1))
	sock="ses-test-$$-$run"
	tm new-session -d -x 80 -y 24 "env TERM=$t '$SES_MIGRATE' -f '$tmp/t.ini'; echo EXITED \$?; sleep 30"
	wait_for "cannot draw on this terminal (TERM=$t)"
	wait_for "The commands do the same work"
	wait_for "EXITED 64"
	tm kill-server
done
expect_exit 64 "$SES_MIGRATE" -f "$tmp/t.ini" </dev/null
expect_in err "needs a terminal"
expect_in err "The commands do the same work"

# In a locale that is not UTF-8, French is transliterated and lines are
# ASCII; a long path keeps its file name in the title.
L="$tmp/a-rather-long-directory-name/holding-another-long-directory/for-the-site"
mkdir -p "$L"
S="$L/production-site.ini"
if french; then
	run=$((run + 1))
	sock="ses-test-$$-$run"
	tm new-session -d -x 80 -y 24 \
		"env LC_ALL=C TERM=screen '$SES_MIGRATE' --lang fr -f '$S'; echo EXITED \$?; sleep 30"
	wait_for "Environnement"
	tm send-keys q
	wait_for "Etape 1 sur 8 : Prerequis (en cours)"
	wait_for " | "
	LC_ALL=C grep -q '[^ -~]' "$tmp/screen" && fail "bytes outside ASCII on an ASCII terminal" || pass
	wait_for "/production-site.ini"
	grep -q '^ Migration SES Evolution.* - \.\.\./.*production-site.ini *$' "$tmp/screen" && pass ||
		fail "the title lost the file name: $(head -1 "$tmp/screen")"
	tm send-keys q
	wait_for "EXITED 0"
	tm kill-server
fi

# The pager: where it is, Home, End and search.
"$SES_MIGRATE" -f "$S" setting inventory-max-age 24 >/dev/null
start
wait_for "[>] 1."
tm send-keys r
wait_for "Progress report"
head -1 "$tmp/screen" | grep -qE ' 1-[0-9]+/[0-9]+ *$' && pass || fail "no position in the title: $(head -1 "$tmp/screen")"
tm send-keys End
wait_for "/production-site.ini"
head -1 "$tmp/screen" | grep -qE ' ([0-9]+)-([0-9]+)/\2 *$' && pass || fail "End is not at the end: $(head -1 "$tmp/screen")"
tm send-keys Home
wait_for "progress report"
head -1 "$tmp/screen" | grep -qE ' 1-[0-9]+/[0-9]+ *$' && pass || fail "Home is not at the top: $(head -1 "$tmp/screen")"
tm send-keys / C l o s i n g Enter
wait_for "Found: Closing"
wait_for "Closing port 17000"
tm send-keys / z z z q Enter
wait_for "Not found: zzzq"
tm send-keys q
wait_for "[>] 1."
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# --demo: a sample environment in a throwaway state, removed on the way
# out; the operator's default state is not touched.
mkdir -p "$tmp/demo-tmp" "$tmp/xdg"
run=$((run + 1))
sock="ses-test-$$-$run"
tm new-session -d -x 80 -y 24 \
	"env TERM=screen TMPDIR='$tmp/demo-tmp' XDG_STATE_HOME='$tmp/xdg' '$SES_MIGRATE' --demo; echo EXITED \$?; sleep 30"
wait_for "Demonstration: a sample environment in a throwaway state"
ls "$tmp/demo-tmp"/ses-migrate-demo.*/demo.ini >/dev/null 2>&1 && pass || fail "no demonstration state in TMPDIR"
tm send-keys e
wait_for "ses-be1 (backend,agent-handler) 2.6.4"
wait_for "syslog-1 (syslog)"
tm send-keys q a
wait_for "PC-RH-01: 2.6.4.1022"
wait_for "LAB-07: 2.6.2.0915"
tm send-keys q q
wait_for "EXITED 0"
tm kill-server
[ -z "$(ls -A "$tmp/demo-tmp")" ] && pass || fail "the demonstration left files: $(ls -R "$tmp/demo-tmp")"
[ -z "$(ls -A "$tmp/xdg")" ] && pass || fail "the demonstration touched the default state"
# In French the items take more lines: the first blocker is still named on
# the step's screen, cut and marked so, with the count of the others.
if french; then
	run=$((run + 1))
	sock="ses-test-$$-$run"
	tm new-session -d -x 80 -y 24 \
		"env TERM=screen TMPDIR='$tmp/demo-tmp' '$SES_MIGRATE' --lang fr --demo; echo EXITED \$?; sleep 30"
	wait_for "Blocages"
	wait_for "! Le runtime ASP.NET Core 8.0.x"
	wait_for "b les liste avec la solution."
	# The dual firewall step: its long summary gives way to the first blocker.
	tm send-keys Right
	wait_for "Étape 2 sur 8"
	wait_for "! Pas encore confirmé"
	tm send-keys q
	wait_for "EXITED 0"
	tm kill-server
fi
expect_exit 64 "$SES_MIGRATE" --demo status
expect_in err "--demo opens the wizard"

# Too small a terminal is said so, not drawn garbled.
sock="ses-test-$$-small"
tm new-session -d -x 60 -y 20 "env TERM=screen '$SES_MIGRATE' -f '$S'; sleep 30"
wait_for "too small"
tm kill-server

finish
