#!/bin/sh
# A whole migration in the wizard alone, from an empty state to complete,
# with keys only: no command is run against the state, in English and then
# in French.  What an operator over SSH does, in either language.
. "${srcdir:-.}/tests/lib.sh"

wizard_test

# keys KEY...: send them one by one, letting the screen follow.
keys() {
	for k in "$@"; do
		tm send-keys "$k"
		sleep 0.05
	done
}

# type TEXT: literal text into the field being edited.
type() {
	tm send-keys -l "$1"
	sleep 0.1
}

# tick N: Space then Down on the N items of the step in view: ticks the
# hand-confirmed ones; the others only say they are not ticked by hand.
tick() {
	i=0
	while [ "$i" -lt "$1" ]; do
		keys Space Down
		i=$((i + 1))
	done
}

walk() {
	lang=$1
	S="$tmp/walk-$lang.ini"
	printf 'Name;Version\nPC-1;2.7.1\nPC-2;2.7.1.1234\n' >"$tmp/agents.csv"
	run=$((run + 1))
	sock="ses-walk-$$-$run"
	tm new-session -d -x 80 -y 24 -c "$tmp" \
		"env TERM=screen SES_MIGRATE_OPERATOR=tester '$SES_MIGRATE' --lang $lang -f '$S'; echo EXITED \$?; sleep 30"

	# The environment first: one host with every backoffice role.
	wait_for "$2"
	keys +
	type "srv"
	keys Tab
	type "backend,agent-handler,console"
	keys Tab Tab
	type "2.6.4"
	keys Tab
	type "8.0.11"
	keys Tab
	type "8.0.11"
	keys Enter
	wait_for "srv (backend,agent-handler,console) 2.6.4"
	keys q

	# 1. Prerequisites.
	wait_for "$3"
	tick 4
	keys n
	wait_for "$(printf "$4" 2)"
	# 2. Dual firewall: the probe is optional.
	tick 4
	keys n
	wait_for "$(printf "$4" 3)"
	# 3. Backoffice: the host is updated, then its version recorded.
	keys e Enter Down Down C-u
	type "2.7.1"
	keys Enter
	wait_for "srv (backend,agent-handler,console) 2.7.1"
	keys q
	tick 2
	keys n
	wait_for "$(printf "$4" 4)"
	# 4 to 6: confirmations only.
	tick 4
	keys n
	wait_for "$(printf "$4" 5)"
	tick 2
	keys n
	wait_for "$(printf "$4" 6)"
	tick 5
	keys n
	wait_for "$(printf "$4" 7)"
	# 7. Agents: the inventory is imported from the agents screen.
	keys a i
	type "agents"
	keys Tab
	wait_for "agents.csv"
	keys Enter
	wait_for "$5"
	keys q
	tick 3
	keys n
	wait_for "$(printf "$4" 8)"
	# 8. Closing port 17000: the typed word, then complete.
	tick 6
	keys n
	wait_for "17000"
	type "17000"
	keys Enter
	wait_for "$6"
	keys q
	wait_for "EXITED 0"
	tm kill-server
	grep -q '^\[step.close-17000\]' "$S" && pass || fail "$lang: the last step is not done"
	expect_exit 0 "$SES_MIGRATE" -f "$S" status
	expect_in out "8 of 8 steps done"
	expect_in out "The migration is complete."
	# Nothing went in from the command line: every event is the wizard's.
	grep -c ' tester ' "$S" >/dev/null && pass || fail "$lang: no history by the operator"
}

walk en "Start here: declare each host" "Step 1 of 8: Prerequisites (active)" \
	"Step %s of 8" "Agents imported: 2; below the target: 0." \
	'Step "Closing port 17000" is done: the migration is complete.'
if french; then
	nb=$(printf '\302\240')	# French puts a no-break space before ":"
	walk fr "Commencez ici$nb:" "Étape 1 sur 8$nb: Prérequis (en cours)" \
		"Étape %s sur 8" "Agents importés$nb: 2$nb; en version inférieure à la cible$nb: 0." \
		"est terminée$nb: la migration est achevée."
fi

finish
