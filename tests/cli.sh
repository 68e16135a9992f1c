#!/bin/sh
# The command line as scripts use it: exit codes, messages, languages.
. "${srcdir:-.}/tests/lib.sh"

S="$tmp/state/migration.ini"
run() { "$SES_MIGRATE" -f "$S" "$@"; }

expect_exit 0 "$SES_MIGRATE" --help
expect_in out "Usage:"
expect_exit 0 "$SES_MIGRATE" --version
expect_in out "ses-migrate "
expect_exit 64 "$SES_MIGRATE" --bogus
expect_exit 64 run frobnicate
expect_exit 64 run confirm
expect_exit 64 run confirm backoffice.updated
expect_in err "computed"
expect_exit 64 run check no-such-step
# An empty -f (an unset variable in a script) is refused, status included.
expect_exit 64 "$SES_MIGRATE" -f "" status
expect_in err "-f: the name of the state file is empty."
expect_exit 64 "$SES_MIGRATE" --file= host add srv --roles console
expect_in err "the name of the state file is empty"
# A runtime of another series says which series it must be in.
expect_exit 64 run setting runtime-minimum 9.0.1
expect_in err "\"9.0.1\" is not a version of the 8.0.x series."
[ ! -e "$S" ] && pass || fail "a refused setting created the state file"

# A fresh state: status works and creates nothing.
expect_exit 0 run status
expect_in out "0 of 8"
[ ! -e "$S" ] && pass || fail "status created the state file"
expect_exit 1 run check
# No agent handler: their runtimes are not checked, so not satisfied either.
expect_in out "BLOCKED [prerequisites.no-runtime-host] No agent handler is declared, so no runtime can be checked yet."
expect_exit 1 run next
expect_in out "prerequisites.no-backend"
expect_in out "prerequisites.release-notes"

# The whole first step through the command line.
expect_exit 0 run host add be1 --roles backend,agent-handler --version 2.6.4 \
	--aspnetcore 8.0.11 --desktop-runtime 8.0.11
expect_exit 64 run host add "bad;name" --roles console
expect_in err "bad;name"
expect_exit 64 run host add con1 --roles console,dns
expect_exit 0 run host add con1 --roles console --version 2.6.4
expect_exit 0 run confirm prerequisites.release-notes --note "read twice"
expect_exit 1 run next
expect_in out "prerequisites.firewall-plan"
expect_not_in out "prerequisites.release-notes"
expect_exit 0 run confirm prerequisites.firewall-plan
expect_exit 0 run check --json
expect_in out '"can_advance": true'
expect_exit 0 run next
expect_exit 0 run status --json
expect_in out '"current": "firewall-dual"'
expect_in out '{"id": "prerequisites", "status": "done", "flagged": false}'
perm=$(stat -c %a "$S")
[ "$perm" = 600 ] && pass || fail "state mode is $perm"

# check --json lists the gates of the current step with their ids.
expect_exit 1 run check --json
expect_in out '"gate": "firewall-dual.new-rules"'
expect_in out '"gate": "firewall-dual.outbound-8443"'

# Reports, in either language whatever the locale says.
expect_exit 0 run report --format text
expect_in out "Completed by tester"
if french; then
	expect_exit 0 env LANG=C LC_ALL=C "$SES_MIGRATE" -f "$S" --lang fr status
	expect_in out "Prérequis"
	expect_exit 0 env LANG=C LC_ALL=C "$SES_MIGRATE" -f "$S" report --lang fr
	expect_in out "Prérequis"
else
	# Without translations French is refused politely, and English follows.
	expect_exit 0 "$SES_MIGRATE" -f "$S" --lang fr status
	expect_in err "built without translations"
	expect_in out "Prerequisites"
	expect_exit 0 "$SES_MIGRATE" -f "$S" report --lang fr
	expect_in err "built without translations"
fi
expect_exit 0 env LANGUAGE=fr LC_ALL=C.UTF-8 "$SES_MIGRATE" -f "$S" --lang en status
expect_in out "Prerequisites"
expect_exit 64 run report --lang de
expect_exit 64 run report --format pdf

# Each fact about a host is one whole phrase in each language, so French
# agrees (version ... enregistrée, ASP.NET Core ... enregistré), never
# pieces joined around a word such as "unknown".
R="$tmp/phrases.ini"
"$SES_MIGRATE" -f "$R" host add ah --roles agent-handler --address 127.0.0.3 >/dev/null
"$SES_MIGRATE" -f "$R" report | tr '\n' ' ' | tr -s ' ' >"$tmp/out"
expect_in out "ah (agent handler): address 127.0.0.3, SES Evolution version not recorded, ASP.NET Core Runtime not recorded, .NET Desktop Runtime not recorded."
if french; then
	"$SES_MIGRATE" -f "$R" report --lang fr | tr '\n' ' ' | tr -s ' ' >"$tmp/out"
	nb=$(printf '\302\240')	# French puts a no-break space before ":"
	expect_in out "ah (gestionnaire d'agents)$nb: adresse 127.0.0.3, version SES Evolution non enregistrée, ASP.NET Core non enregistré, Exécution de bureau .NET non enregistrée."
fi

# A note on a step, of any status: kept, reported, removed with "".
N="$tmp/note.ini"
expect_exit 0 "$SES_MIGRATE" -f "$N" note logs "the SIEM team reads the logs on Thursday"
grep -q '^note = the SIEM team reads the logs on Thursday$' "$N" && pass || fail "the step note was not kept"
expect_exit 0 "$SES_MIGRATE" -f "$N" report
expect_in out "   Note: the SIEM team reads the logs on Thursday"
expect_exit 0 "$SES_MIGRATE" -f "$N" status
expect_exit 64 "$SES_MIGRATE" -f "$N" note no-such-step "x"
expect_in err 'There is no step "no-such-step".'
expect_exit 64 "$SES_MIGRATE" -f "$N" note logs "$(printf 'two\nlines')"
expect_exit 0 "$SES_MIGRATE" -f "$N" note logs ""
grep -q '^\[step.logs\]' "$N" && fail "an empty note left its section" || pass

# A broken state is refused with FILE:LINE, and left as it was.
cp "$S" "$tmp/good.ini"
printf '[migration]\nformat = 1\n[host.1]\nname = be1\nroles = backend\nroles = console\n' >"$tmp/dup.ini"
expect_exit 65 "$SES_MIGRATE" -f "$tmp/dup.ini" status
expect_in err "ses-migrate: $tmp/dup.ini:6: "
cp "$tmp/dup.ini" "$tmp/dup.before"
expect_exit 65 "$SES_MIGRATE" -f "$tmp/dup.ini" confirm logs.system-logs
cmp -s "$tmp/dup.ini" "$tmp/dup.before" && pass || fail "a refused state was rewritten"
printf '[migration]\nformat = 2\n[settings]\nlanguage = de\n' >"$tmp/lang.ini"
expect_exit 65 "$SES_MIGRATE" -f "$tmp/lang.ini" status
expect_in err "$tmp/lang.ini:4: language: \"de\" is none of: en, fr."
printf '[migration]\nformat = 9\n[warp]\nspeed = 9\n' >"$tmp/new.ini"
expect_exit 78 "$SES_MIGRATE" -f "$tmp/new.ini" status
expect_in err "$tmp/new.ini:2: "
expect_exit 0 env LANG=C "$SES_MIGRATE" -f "$tmp/dup.ini" --lang fr --help
expect_exit 65 env LANG=C "$SES_MIGRATE" -f "$tmp/dup.ini" --lang fr status
expect_in err "$tmp/dup.ini:6: "
french && expect_not_in err "appears twice"

# The runtimes from what dotnet --list-runtimes printed: saved by Windows
# PowerShell 5.1 (UTF-16LE with a BOM), or pasted on the standard input.
R="$tmp/runtimes.ini"
"$SES_MIGRATE" -f "$R" host add ah --roles agent-handler --version 2.6.4 >/dev/null
printf 'Microsoft.AspNetCore.App 8.0.8 [C:\\dotnet]\r\nMicrosoft.AspNetCore.App 8.0.11 [C:\\dotnet]\r\nMicrosoft.NETCore.App 8.0.11 [C:\\dotnet]\r\nMicrosoft.WindowsDesktop.App 8.0.10 [C:\\dotnet]\r\n' >"$tmp/rt.txt"
python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(b"\xff\xfe" + d.decode().encode("utf-16-le"))' \
	"$tmp/rt.txt" "$tmp/rt16.txt"
expect_exit 0 "$SES_MIGRATE" -f "$R" host set ah --runtimes-from "$tmp/rt16.txt"
expect_in out "ASP.NET Core Runtime 8.0.11, .NET Desktop Runtime 8.0.10."
expect_in out "1 other runtime line was left aside"
grep -q '^aspnetcore = 8.0.11$' "$R" && grep -q '^desktop-runtime = 8.0.10$' "$R" && pass ||
	fail "the runtimes read were not recorded: $(cat "$R")"
printf 'Microsoft.WindowsDesktop.App 8.0.12 [C:\\dotnet]\n' >"$tmp/rt-one.txt"
expect_exit 0 "$SES_MIGRATE" -f "$R" host set ah --runtimes-from - <"$tmp/rt-one.txt"
grep -q '^desktop-runtime = 8.0.12$' "$R" && grep -q '^aspnetcore = 8.0.11$' "$R" && pass ||
	fail "a paste of one runtime changed the other: $(cat "$R")"
cp "$R" "$tmp/runtimes.before"
printf 'dotnet : The term is not recognized\r\n' >"$tmp/rt-none.txt"
expect_exit 65 "$SES_MIGRATE" -f "$R" host set ah --runtimes-from "$tmp/rt-none.txt"
expect_in err "$tmp/rt-none.txt: no Microsoft.AspNetCore.App or Microsoft.WindowsDesktop.App of the 8.0 series"
expect_exit 66 "$SES_MIGRATE" -f "$R" host set ah --runtimes-from "$tmp/missing.txt"
expect_in err "$tmp/missing.txt: no such file"
expect_exit 64 "$SES_MIGRATE" -f "$R" host set ah --runtimes-from "$tmp/rt.txt" --aspnetcore 8.0.11
cmp -s "$R" "$tmp/runtimes.before" && pass || fail "a refused --runtimes-from changed the state"

# The default state path follows XDG_STATE_HOME, then HOME.
expect_exit 0 env XDG_STATE_HOME="$tmp/xdg" "$SES_MIGRATE" confirm logs.agent-logs
[ -f "$tmp/xdg/ses-migrate/migration.ini" ] && pass || fail "XDG_STATE_HOME not used"
expect_exit 0 env -u XDG_STATE_HOME HOME="$tmp/home" "$SES_MIGRATE" confirm logs.agent-logs
[ -f "$tmp/home/.local/state/ses-migrate/migration.ini" ] && pass || fail "~/.local/state not used"

finish
