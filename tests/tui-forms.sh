#!/bin/sh
# The wizard's forms under stress: checked as typed, resized while open,
# interrupted, and two wizards on the same host; no colour carries meaning.
. "${srcdir:-.}/tests/lib.sh"

wizard_test
S="$tmp/forms.ini"

start() {
	run=$((run + 1))
	sock="ses-forms-$$-$run"
	tm new-session -d -x 80 -y 24 -c "$tmp" \
		"env TERM=screen SES_MIGRATE_OPERATOR=${who:-tester} '$SES_MIGRATE' -f '$S' $*; echo EXITED \$?; sleep 30"
}

# A value is checked as it is typed, in the words of the state's rules.
start
wait_for "Start here"
tm send-keys +
wait_for "Declare a host"
tm send-keys -l "srv one"
wait_for '! "srv one" is not a valid host name (RFC 1123) or'
tm send-keys BSpace BSpace BSpace BSpace
tm send-keys -l -- "-1"
sleep 0.3
tm capture-pane -p >"$tmp/screen"
grep -qF "is not a valid host name" "$tmp/screen" && fail "a good name is still refused" || pass
tm send-keys Enter
wait_for "Not saved: Required."
# Letters that are keys elsewhere are text in a field: q does not quit.
tm send-keys -l "backend,qonsole"
wait_for '"backend,qonsole" is not a list of roles'
tm send-keys C-u
tm send-keys -l "backend,console"
tm send-keys Enter
wait_for "Declared host srv-1."
grep -q '^name = srv-1$' "$S" && pass || fail "the host was not saved"

# Resized again and again while a form is open: the typing survives.
tm send-keys Enter
wait_for "Change a host: srv-1"
tm send-keys Down Down
for size in "100 30" "80 24" "120 40" "81 25" "80 24" "200 50" "80 24"; do
	set -- $size
	tm resize-window -x "$1" -y "$2"
	sleep 0.05
done
tm send-keys -l "2.6.4"
tm resize-window -x 90 -y 30
tm resize-window -x 80 -y 24
wait_for "SES Evolution version    2.6.4"
tm send-keys Enter
wait_for "Changed host srv-1."
grep -q '^version = 2.6.4$' "$S" && pass || fail "the version typed during resizes was lost"

# No information by colour alone: there is no colour at all, with or
# without NO_COLOR; marks and words say everything.
tm capture-pane -e -p >"$tmp/escapes"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m\|$(printf '\033')\[[0-9;]*38;" "$tmp/escapes" &&
	fail "colours on screen: $(od -c "$tmp/escapes" | head -5)" || pass
tm send-keys q q
wait_for "EXITED 0"
tm kill-server
start
wait_for "Resumed at step 1"
tm capture-pane -e -p >"$tmp/escapes"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m" "$tmp/escapes" && fail "colours on the steps screen" || pass
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# Interrupted in the middle of a form: nothing half-done is saved, no lock
# stays, and the next start resumes.
cp "$S" "$tmp/before.ini"
start
wait_for "Resumed at step 1"
tm send-keys e +
wait_for "Declare a host"
tm send-keys -l "half-typed"
sleep 0.2
tm kill-server
sleep 0.3
cmp -s "$S" "$tmp/before.ini" && pass || fail "a form left half-typed changed the state"
[ -e "$S.lock" ] && ! "$SES_MIGRATE" -f "$S" confirm prerequisites.release-notes >/dev/null 2>&1 &&
	fail "a lock stayed behind" || pass
start
wait_for "Resumed at step 1"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# Esc goes back one level, never out of the wizard.
start
wait_for "Resumed at step 1"
tm send-keys d
tm send-keys e +
wait_for "Declare a host"
tm send-keys Escape
wait_for "Cancelled: nothing was changed."
wait_for "Environment"
tm send-keys Escape
wait_for "Step 1 of 8"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# A note on the step shown: m, typed, saved, shown under the step's title.
start
wait_for "Resumed at step 1"
tm send-keys m
wait_for "A note on a step: prerequisites"
tm send-keys -l "ask Marc for the release notes"
tm send-keys Enter
wait_for "Note on step prerequisites saved."
wait_for "Note: ask Marc for the release notes"
grep -q '^note = ask Marc for the release notes$' "$S" && pass || fail "the step note was not saved"
tm send-keys q
wait_for "EXITED 0"
tm kill-server

# Two wizards change the same host: each change goes onto the fresh state,
# neither undoes the other.
who=alice start
first=$sock
wait_for "Resumed at step 1"
tm send-keys e Enter
wait_for "Change a host: srv-1"
who=bob start
second=$sock
wait_for "Resumed at step 1"
tm send-keys e Enter
wait_for "Change a host: srv-1"
tm send-keys Down
tm send-keys -l "127.0.0.9"
tm send-keys Enter
wait_for "Changed host srv-1."
grep -q '^address = 127.0.0.9$' "$S" && pass || fail "bob's address was not saved"
# alice's form was filled before bob saved: her version change applies to
# the state with bob's address, and says whose change it came after.
sock=$first
tm send-keys Down Down C-u
tm send-keys -l "2.7.1"
tm send-keys Enter
wait_for "Changed host srv-1."
grep -q '^version = 2.7.1$' "$S" && pass || fail "alice's version was not saved"
grep -q '^address = 127.0.0.9$' "$S" && pass || fail "alice's form wrote over bob's address"
# Now both change the same field: the second to save is refused, told
# what the field became, and writes nothing over it.
tm send-keys Enter
wait_for "Change a host: srv-1"
sock=$second
tm send-keys q q
wait_for "EXITED 0"
tm kill-server
expect_exit 0 env SES_MIGRATE_OPERATOR=carol "$SES_MIGRATE" -f "$S" host set srv-1 --version 2.7.1.2000
sock=$first
tm send-keys Down Down C-u
tm send-keys -l "2.6.9"
tm send-keys Enter
wait_for 'The SES Evolution version of srv-1 was changed elsewhere meanwhile, to'
grep -q '^version = 2.7.1.2000$' "$S" && pass || fail "a stale form wrote over another's change"
tm send-keys Escape q q
wait_for "EXITED 0"
tm kill-server

# A pasted `dotnet --list-runtimes` (bracketed paste, as terminals send
# it) fills both runtimes with the highest 8.0.x; its newlines save
# nothing.  Any other paste is typed up to its first line's end.
kept=$S
S="$tmp/paste.ini"
expect_exit 0 "$SES_MIGRATE" -f "$S" host add ah-paste --roles agent-handler --address 127.0.0.9 --version 2.6.4
printf '%s\r\n' 'Microsoft.AspNetCore.App 8.0.8 [C:\Program Files\dotnet\shared\Microsoft.AspNetCore.App]' \
	'Microsoft.AspNetCore.App 8.0.12 [C:\Program Files\dotnet\shared\Microsoft.AspNetCore.App]' \
	'Microsoft.AspNetCore.App 9.0.1 [C:\Program Files\dotnet\shared\Microsoft.AspNetCore.App]' \
	'Microsoft.NETCore.App 8.0.12 [C:\Program Files\dotnet\shared\Microsoft.NETCore.App]' \
	'Microsoft.WindowsDesktop.App 8.0.11 [C:\Program Files\dotnet\shared\Microsoft.WindowsDesktop.App]' >"$tmp/runtimes.txt"
start
wait_for "Resumed at step 1"
tm send-keys e
wait_for "ah-paste"
tm send-keys Enter
wait_for "Change a host: ah-paste"
tm send-keys Down Down Down
tm load-buffer "$tmp/runtimes.txt"
tm paste-buffer -p
wait_for "From the pasted list: ASP.NET Core Runtime 8.0.12 and .NET Desktop Runtime"
grep -q '^aspnetcore = 8.0.12$' "$S" && fail "a paste saved before Enter" || pass
tm send-keys Up
printf 'one line\nsecond line\n' >"$tmp/two.txt"
tm load-buffer "$tmp/two.txt"
tm send-keys C-u
tm paste-buffer -p
sleep 0.3
tm capture-pane -p >"$tmp/screen"
grep -q "SES Evolution version *one line_" "$tmp/screen" && pass || fail "a paste was not typed up to its first line's end: $(cat "$tmp/screen")"
tm send-keys C-u
tm send-keys -l "2.6.4"
tm send-keys Enter
wait_for "Changed host ah-paste."
awk '/^name = ah-paste$/ { on = 1 } on && /^(aspnetcore|desktop-runtime) = / { print } /^\[/ && on && !/host/ { on = 0 }' "$S" >"$tmp/rt"
grep -qx 'aspnetcore = 8.0.12' "$tmp/rt" && grep -qx 'desktop-runtime = 8.0.11' "$tmp/rt" && pass ||
	fail "the pasted runtimes were not saved: $(cat "$S")"
tm send-keys q q
wait_for "EXITED 0"
tm kill-server
S=$kept

# NO_COLOR changes nothing: there was no colour to begin with.
run=$((run + 1))
sock="ses-forms-$$-$run"
tm new-session -d -x 80 -y 24 "env NO_COLOR=1 TERM=screen '$SES_MIGRATE' -f '$S'; echo EXITED \$?; sleep 30"
wait_for "Resumed at step 1"
tm capture-pane -e -p >"$tmp/escapes"
grep -q "$(printf '\033')\[[0-9;]*3[0-7]m" "$tmp/escapes" && fail "colours with NO_COLOR" || pass
tm send-keys q
wait_for "EXITED 0"
tm kill-server

finish
