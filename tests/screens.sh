#!/bin/sh
# Every screen of the wizard at 80x24, in English and in French, compared
# with its golden copy in tests/golden/screens.  A change of layout or
# wording shows here as a diff to look at; SES_REGEN_GOLDEN=1 writes the
# copies again after a change that is meant.
. "${srcdir:-.}/tests/lib.sh"

wizard_test
golden="$(cd "$srcdir" && pwd)/tests/golden/screens"
# A fixed clock and a short relative path: the screens do not depend on when
# or where the test runs.
SES_MIGRATE_NOW=2026-11-30T09:00:00Z
export SES_MIGRATE_NOW
cd "$tmp" || exit 1

setup() {
	s=$1
	shift
	SES_MIGRATE_OPERATOR=claire "$SES_MIGRATE" -f "$s" "$@" >/dev/null || fail "setup: $*"
}
setup env.ini host add ses-be1 --roles backend,agent-handler --address 127.0.0.11 \
	--version 2.6.4 --aspnetcore 8.0.11 --desktop-runtime 8.0.11
setup env.ini host add ses-ah2 --roles agent-handler --address 127.0.0.12 \
	--version 2.6.4 --aspnetcore 8.0.8 --desktop-runtime 8.0.11
setup env.ini host add console-1 --roles console --address 127.0.0.21 --version 2.6.4
printf 'Hostname;Agent version\nPC-1;2.7.1\nPC-2;2.6.4\nLAB-7;2.6.2\n' >agents.csv
setup env.ini agents import agents.csv
cp env.ini done.ini
setup done.ini host set ses-ah2 --aspnetcore 8.0.11
setup done.ini confirm prerequisites.release-notes
setup done.ini confirm prerequisites.firewall-plan --note "read with the network team"
setup done.ini next

# At the last step, nothing blocking: the typed confirmation.
setup last.ini host add srv --roles backend,agent-handler,console --version 2.7.1 \
	--aspnetcore 8.0.11 --desktop-runtime 8.0.11
for i in prerequisites.release-notes prerequisites.firewall-plan firewall-dual.new-rules \
	firewall-dual.old-rules-kept firewall-dual.outbound-8443 backoffice.procedure \
	deploy.banner-seen deploy.pending-deployment deploy.deployed logs.system-logs \
	logs.agent-logs policy.release-notes-2506a policy.recommendations \
	policy.default-policies-updated policy.deployed policy.banner-gone agents.updated \
	agents.restarted close-17000.old-protocol-disabled close-17000.port-closed-handlers \
	close-17000.port-closed-agents close-17000.old-rules-removed; do
	setup last.ini confirm "$i"
done
for i in 1 2 3 4 5 6; do setup last.ini next; done
printf 'Name,Version\nPC-1,2.7.1\n' >all.csv
setup last.ini agents import all.csv
setup last.ini next

# shot NAME LANG STATE MARK KEYS...: open the wizard on STATE, send KEYS,
# wait for MARK, and compare the screen with NAME.LANG.txt.
shot() {
	shotname=$1 lang=$2 state=$3 mark=$4
	shift 4
	run=$((run + 1))
	sock="ses-screens-$$-$run"
	tm new-session -d -x 80 -y 24 \
		"env TERM=screen SES_MIGRATE_OPERATOR=claire '$SES_MIGRATE' --lang $lang -f $state; sleep 30"
	wait_for "$first" >/dev/null
	for k in "$@"; do
		tm send-keys "$k"
		sleep 0.1
	done
	wait_for "$mark"
	sleep 0.3
	tm capture-pane -p >"$tmp/$shotname.$lang.txt"
	tm kill-server
	if [ "${SES_REGEN_GOLDEN:-}" = 1 ]; then
		mkdir -p "$golden"
		cp "$tmp/$shotname.$lang.txt" "$golden/$shotname.$lang.txt"
		pass
	elif diff -u "$golden/$shotname.$lang.txt" "$tmp/$shotname.$lang.txt" >"$tmp/diff"; then
		pass
	else
		fail "the $shotname screen ($lang) differs from its golden copy:"
		cat "$tmp/diff" >&2
	fi
}

langs=en
french && langs="en fr"
for lang in $langs; do
	# First contact, on a new state.
	if [ "$lang" = en ]; then first="L français"; else first="L English"; fi
	shot first-contact "$lang" new.ini "$first"
	if [ "$lang" = en ]; then first="q quit"; else first="q quitter"; fi
	shot steps "$lang" env.ini "[>] 1."
	shot blockers "$lang" env.ini "1-" b
	shot help "$lang" env.ini "1-" "?"
	shot firewall "$lang" env.ini "1-" f
	shot report "$lang" env.ini "1-" r
	shot agents "$lang" env.ini "LAB-7" a
	shot environment "$lang" env.ini "ses-ah2" e
	shot host-form "$lang" env.ini "Tab" e +
	shot host-edit "$lang" env.ini "Tab" e Down Enter
	shot import-form "$lang" env.ini "Tab" a i
	shot export-form "$lang" env.ini "Tab" f s
	shot report-form "$lang" env.ini "Tab" r s
	shot done-step "$lang" done.ini "[x] 1." Left
	shot reopen-form "$lang" done.ini "Tab" Left o
	shot note-form "$lang" done.ini "Tab" Left Down Down Down Enter
	if [ "$lang" = en ]; then esc="Esc cancel"; else esc="Échap annuler"; fi
	shot confirm "$lang" last.ini ": 17" n 1 7
	shot search "$lang" env.ini "$esc" r /
done

finish
