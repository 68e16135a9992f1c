#!/bin/sh
# What the command line does, done in the wizard: settings, defer, reopen,
# waive, the agents' exclusions and search, the firewall export and the
# report, each through its screen or form.
. "${srcdir:-.}/tests/lib.sh"

wizard_test
cd "$tmp" || exit 1

start() {
	run=$((run + 1))
	sock="ses-actions-$$-$run"
	tm new-session -d -x 80 -y 24 \
		"env TERM=screen SES_MIGRATE_OPERATOR=tester '$SES_MIGRATE' -f '$S' $*; echo EXITED \$?; sleep 30"
}
stop() {
	tm send-keys q
	sleep 0.2
	tm send-keys q
	wait_for "EXITED 0"
	tm kill-server
}
cli() { SES_MIGRATE_OPERATOR=tester "$SES_MIGRATE" -f "$S" "$@" >/dev/null 2>&1 || fail "setup: $*"; }

S=$tmp/a.ini
cli host add srv --roles backend,agent-handler,console --address 127.0.0.1 --version 2.6.4 \
	--aspnetcore 8.0.11 --desktop-runtime 8.0.11
printf 'Name,Version\nPC-1,2.7.1\nPC-2,2.6.4\nLAB-7,2.6.2\n' >agents.csv
cli agents import agents.csv

# A setting, changed in the environment's form, checked as typed.
start
wait_for "Resumed at step 1"
tm send-keys e Down Down
wait_for "> Inventory age limit (h): 24"
tm send-keys Enter
wait_for "Change a setting: inventory-max-age"
tm send-keys C-u
tm send-keys -l "0"
wait_for '"0" is not a whole number from 1 to 8760.'
tm send-keys C-u
tm send-keys -l "48"
tm send-keys Enter
wait_for "Setting inventory-max-age changed."
grep -q '^inventory-max-age = 48$' "$S" && pass || fail "the setting was not saved"
if french; then
	# The reason a value is refused is said in the language of the screen.
	tm send-keys L Enter
	wait_for "Modifier un paramètre"
	tm send-keys C-u
	tm send-keys -l "abc"
	wait_for "n'est pas un nombre entier"
	tm send-keys Escape L
fi
stop

# The agents: find, exclude with a reason, include again.
start
wait_for "Resumed at step 1"
tm send-keys a
wait_for "> PC-2: 2.6.4"
tm send-keys /
tm send-keys -l "lab"
tm send-keys Enter
wait_for "> LAB-7: 2.6.2"
tm send-keys x
wait_for "Exclude an agent: LAB-7"
tm send-keys Enter
wait_for "Not saved: Required."
tm send-keys -l "decommissioned in May"
tm send-keys Enter
wait_for "Excluded LAB-7."
wait_for "LAB-7: excluded by tester: decommissioned in May"
# Once: an exclusion of a listed agent is shown on its line, not again after the list.
[ "$(grep -c 'LAB-7:' "$tmp/screen")" -eq 1 ] && pass || fail "LAB-7 is listed more than once: $(cat "$tmp/screen")"
grep -q '^reason = decommissioned in May$' "$S" && pass || fail "the exclusion was not saved"
tm send-keys u
wait_for "LAB-7 counts again in the gates."
grep -q 'decommissioned in May' "$S" && ! grep -q '^\[exclusion' "$S" && pass ||
	{ grep -q '^\[exclusion' "$S" && fail "the exclusion stayed"; }
stop
# An agent the list lacks, excluded from the command line: shown after the list.
cli agents exclude GHOST-9 --reason "sold"
start
wait_for "Resumed at step 1"
tm send-keys a
wait_for "GHOST-9: excluded by tester: sold"
grep -A1 'LAB-7: 2.6.2' "$tmp/screen" | grep -q 'GHOST-9' && pass || fail "GHOST-9 is not after the list: $(cat "$tmp/screen")"
stop
cli agents include GHOST-9

# The firewall plan: nftables for the dual phase, written and valid.
start
wait_for "Resumed at step 1"
tm send-keys f s
wait_for "Export the firewall plan"
tm send-keys Right Right
wait_for "< dual >"
tm send-keys Down Down Right Right Right Right
wait_for "< nftables >"
tm send-keys Down Down
tm send-keys -l "dual.nft"
tm send-keys Enter
wait_for "Written: dual.nft"
grep -q 'tcp dport 443 accept comment "ses-migrate https-in' dual.nft && pass || fail "the export lacks the 2.7.1 rules: $(head -20 dual.nft)"
if command -v nft >/dev/null && [ "$(id -u)" -eq 0 ]; then
	nft -c -f dual.nft 2>"$tmp/err" && pass || fail "nft -c refuses the export: $(cat "$tmp/err")"
fi
# A script runs on one host: without one, the form says so and stays.
tm send-keys s Down Down Right Right
wait_for "< powershell >"
tm send-keys Enter
wait_for "A powershell script runs on one host: name it in the Host field."
tm send-keys Escape
wait_for "Cancelled: nothing was changed."
stop

# The evidence collector, from the environment: the chosen host's, saved.
start
wait_for "Resumed at step 1"
tm send-keys e
wait_for "> srv (backend,agent-handler,console)"
tm send-keys c
wait_for "Write the evidence collector"
wait_for "> Host                     srv"
# The preview shows the script as text: no spelled-out CR or byte order mark.
tm send-keys Enter
wait_for "# ses-migrate evidence collector for srv"
grep -q 'U+000D\|U+FEFF\|U+0009' "$tmp/screen" && fail "the preview spells out the CRLF, the BOM or the tabs" || pass
# A line too wide for 80 columns keeps its indentation, and goes on further in.
tm send-keys /
tm send-keys -l 'script_version ='
tm send-keys Enter
wait_for "Found: script_version ="
grep -A1 '^    schema = \$SchemaVersion; script_version = ' "$tmp/screen" | tail -1 |
	grep -q '^      [^ ]' && pass || fail "a wrapped line of the preview lost its indentation"
tm send-keys q
wait_for "Write the evidence collector"
tm send-keys Down Down
tm send-keys -l "collect-srv.ps1"
tm send-keys Enter
wait_for "Written: collect-srv.ps1"
head -c 3 collect-srv.ps1 | od -An -tx1 | grep -q 'ef bb bf' && grep -q "Name = 'srv'" collect-srv.ps1 &&
	pass || fail "the wizard's collector is not the one for srv"
stop

# The report: previewed in French, then saved.
start
wait_for "Resumed at step 1"
tm send-keys r s Down Right
wait_for "< fr >"
tm send-keys Enter
wait_for "Preview"
# Without translations the French report is the English one.
if french; then title="rapport d'avancement"; else title="progress report"; fi
wait_for "$title"
tm send-keys q
wait_for "Save the report"
tm send-keys Down
tm send-keys -l "rapport.txt"
tm send-keys Enter
wait_for "Written: rapport.txt"
grep -q "$title" rapport.txt && pass || fail "the report was not written in the language asked for"
stop
# Each format the command line has: HTML, then JSON, saved from the form.
start
wait_for "Resumed at step 1"
tm send-keys r s
wait_for "> Format"
tm send-keys Right
wait_for "< html >"
tm send-keys Down Down
tm send-keys -l "rapport.html"
tm send-keys Enter
wait_for "Written: rapport.html"
head -1 rapport.html | grep -q '^<!DOCTYPE html>' && pass || fail "the wizard's HTML report is not HTML"
tm send-keys s
wait_for "> Format"
tm send-keys Right Right
wait_for "< json >"
tm send-keys Enter
wait_for '"migration": "ses-2.6-2.7.1"'
tm send-keys q
wait_for "Save the report"
tm send-keys Escape
stop

# Defer and reopen, with their reasons; waive a failed probe.
for i in prerequisites.release-notes prerequisites.firewall-plan firewall-dual.new-rules \
	firewall-dual.old-rules-kept firewall-dual.outbound-8443; do
	cli confirm "$i"
done
cli next
# Nothing listens on 127.0.0.1:17000 here: the probe fails, for the waiver.
SES_MIGRATE_OPERATOR=tester "$SES_MIGRATE" -f "$S" probe --timeout 300 >/dev/null 2>&1
grep -q '^result = fail$' "$S" && pass || fail "the setup probe did not fail"
start
wait_for "Resumed at step 2"
tm send-keys d
wait_for "Step firewall-dual cannot be deferred: it must be done in its turn."
tm send-keys Down Down Down
wait_for "> [ ] Ports answer from this machine"
tm send-keys w
wait_for "Waive a failed probe: firewall-dual.probe"
tm send-keys -l "17000 is filtered on this jump host only"
tm send-keys Enter
wait_for "Probe failure of firewall-dual.probe waived."
grep -q '^waiver = 17000 is filtered on this jump host only$' "$S" && pass || fail "the waiver was not saved"
tm send-keys Left o
wait_for "Reopen a step: prerequisites"
tm send-keys -l "the release notes were for 2.7.0"
tm send-keys Enter
wait_for "Step prerequisites reopened, with the steps after it."
wait_for "Step 1 of 8: Prerequisites (active)"
grep -q '^\[step.prerequisites\]' "$S" && fail "the step is still done" || pass
stop

# A done step that no longer holds stops the step after it, which says
# why and how to get out: put it right, or reopen it.
cli confirm prerequisites.release-notes
cli next
cli unconfirm prerequisites.release-notes
start
wait_for "Resumed at step 2"
wait_for "[!] 1. Prerequisites"
wait_for '! Step "Prerequisites": done, but no longer'
tm send-keys n
wait_for "Cannot move on: 2 blockers are listed on the right."
grep -q '^\[step.firewall-dual\]' "$S" && fail "firewall-dual was completed" || pass
tm send-keys b
wait_for "that step again: show it with Left, then press o."
wait_for "Not confirmed yet: SES Evolution 2.7.1 release notes read."
wait_for "show its step with Left, select it and press"
tm send-keys q Left o
wait_for "Reopen a step: prerequisites"
tm send-keys Escape
stop

finish
