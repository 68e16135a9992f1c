#!/bin/sh
# The man pages are clean for mandoc and groff, and --help and the man page list the same commands and options: every one
# --help names is in man/ses-migrate.1, and every option the man page
# gives a command is one --help knows.  In French too, --help names the
# same ones.
. "${srcdir:-.}/tests/lib.sh"

man="${srcdir:-.}/man/ses-migrate.1"
"$SES_MIGRATE" --help >"$tmp/help" || fail "--help failed"
# The man page as text: groff's escapes of - and the zero-width \% gone.
sed 's/\\-/-/g; s/\\%//g; s/\\f[BIRP]//g' "$man" >"$tmp/man"

commands=$(sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p' "$tmp/help" | sort -u)
[ -n "$commands" ] && pass || fail "no command found in --help"
for c in $commands; do
	grep -qE "^\.(B|BR|TP).*\"?$c( |\"|$)" "$tmp/man" && pass || fail "--help lists $c, the man page does not"
done
options=$(grep -oE -- '--[a-z][a-z-]+' "$tmp/help" | sort -u)
for o in $options; do
	grep -qF -- "$o" "$tmp/man" && pass || fail "--help lists $o, the man page does not"
done
# The other way: the long options of the man page's synopses and commands.
for o in $(grep -E '^\.(B|BR|TP|IP)' "$tmp/man" | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
	# --help writes --output in its short form, -o FILE.
	case $o in --output) o="-o FILE" ;; esac
	grep -qF -- "$o" "$tmp/help" && pass || fail "the man page gives $o, --help does not"
done
# The same commands and options in the French --help.
if french; then
	LANGUAGE=fr LC_ALL=C.UTF-8 "$SES_MIGRATE" --lang fr --help >"$tmp/help.fr" || fail "--help in French failed"
	for o in $options; do
		grep -qF -- "$o" "$tmp/help.fr" && pass || fail "the French --help lacks $o"
	done
	for c in $commands; do
		grep -qE "^  $c( |$)" "$tmp/help.fr" && pass || fail "the French --help lacks $c"
	done
fi
# COMMAND --help: that command's usage alone, exit 0, with no state read
# (the file named cannot even be created), and in the language asked.
nostate="$tmp/no/such/dir/state.ini"
for c in $commands; do
	expect_exit 0 "$SES_MIGRATE" -f "$nostate" "$c" --help
	grep -qE "^  $c( |$)" "$tmp/out" && pass || fail "$c --help does not show the usage of $c: $(cat "$tmp/out")"
	others=$(sed -n 's/^  \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1/p' "$tmp/out" | grep -vxF "$c")
	[ -z "$others" ] && pass || fail "$c --help shows other commands too: $others"
	[ -s "$tmp/err" ] && fail "$c --help wrote to stderr: $(cat "$tmp/err")" || pass
done
# Its other lines come along (host's go on over four lines), -h too, after the subcommand.
expect_exit 0 "$SES_MIGRATE" -f "$nostate" host set srv1 -h
expect_in out "[--syslog-ports P] [--runtimes-from FILE|-]"
expect_in out "dotnet --list-runtimes"
expect_not_in out "setting NAME VALUE"
[ ! -e "$tmp/no" ] && pass || fail "--help created something"
# --help as the value of an option, or after "--", is no request for help.
"$SES_MIGRATE" -f "$tmp/s.ini" host add srv1 --roles backend,agent-handler --version 2.6.4 >/dev/null || fail "host add failed"
# The arguments reach the command in their order, --help looked for or not.
expect_exit 0 "$SES_MIGRATE" -f "$tmp/s.ini" host set srv1 --version 2.6.5
expect_exit 0 "$SES_MIGRATE" -f "$tmp/s.ini" confirm prerequisites.release-notes --note --help
expect_not_in out "Usage"
expect_exit 0 "$SES_MIGRATE" -f "$tmp/s.ini" note prerequisites -- -h
# A usage error points at the command's own help, which works as said.
expect_exit 64 "$SES_MIGRATE" -f "$nostate" agents import
expect_in err "Try 'ses-migrate agents import --help' for its usage."
expect_exit 0 "$SES_MIGRATE" -f "$nostate" agents import --help
expect_in out "  agents import FILE"
# -o takes the word after it as its file, whatever it looks like.
(cd "$tmp" && "$SES_MIGRATE" -f s.ini report -o --help >out 2>err) && pass || fail "report -o --help failed: $(cat "$tmp/err")"
grep -q "progress report" "$tmp/--help" && pass || fail "report -o --help did not write the report to the file --help"
expect_not_in out "Usage"
grep -qx "note = --help" "$tmp/s.ini" && pass || fail "the note --help was not kept: $(cat "$tmp/s.ini")"
grep -qx "note = -h" "$tmp/s.ini" && pass || fail "the note -h was not kept: $(cat "$tmp/s.ini")"
grep -qx "version = 2.6.5" "$tmp/s.ini" && pass || fail "host set did not get its arguments in order"
if french; then
	expect_exit 0 env LANGUAGE=fr LC_ALL=C.UTF-8 "$SES_MIGRATE" -f "$nostate" firewall --lang fr --help
	expect_in out "Utilisation"
	expect_in out "les flux à ouvrir et à fermer"
fi
expect_exit 64 "$SES_MIGRATE" -f "$nostate" firewall --lang de --help
expect_in err "de"

# Both man pages lint clean, for mandoc and for groff.
for page in "${srcdir:-.}/man/ses-migrate.1" "${srcdir:-.}/man/ses-migrate.ini.5"; do
	if command -v mandoc >/dev/null; then
		mandoc -Tlint "$page" >"$tmp/lint" 2>&1
		[ -s "$tmp/lint" ] && fail "mandoc -Tlint: $(head -5 "$tmp/lint")" || pass
	else
		fail "mandoc is missing: the man pages cannot be linted (build-aux/try installs it)"
	fi
	groff -ww -man -Tutf8 "$page" 2>"$tmp/lint" >/dev/null
	[ -s "$tmp/lint" ] && fail "groff -ww: $(head -5 "$tmp/lint")" || pass
done
finish
