#!/bin/sh
# Tab completion as bash offers it: commands, options, step and item ids,
# the hosts of the state named by -f, and formats, from the program itself.
. "${srcdir:-.}/tests/lib.sh"

bc=/usr/share/bash-completion/bash_completion
if ! command -v bash >/dev/null || [ ! -f "$bc" ]; then
	echo "bash-completion is missing: completion cannot be driven" >&2
	exit 77
fi
S="$tmp/s.ini"
"$SES_MIGRATE" -f "$S" host add ses-ah2 --roles agent-handler >/dev/null || fail "setup"
"$SES_MIGRATE" -f "$S" host add ses-be1 --roles backend >/dev/null || fail "setup"

# offers WORDS...: what completing the last word of the line offers, one per line.
offers() {
	bash -c '. "$1"; . "$2"; shift 2
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_ses_migrate; printf "%s\n" "${COMPREPLY[@]}" | sort' \
		sh "$bc" "${srcdir:-.}/contrib/ses-migrate" "$SES_MIGRATE" "$@" >"$tmp/out" 2>"$tmp/err"
}
has() { grep -qx -- "$1" "$tmp/out" && pass || fail "completing \"$2\" does not offer $1: $(cat "$tmp/out")"; }
hasnt() { grep -qx -- "$1" "$tmp/out" && fail "completing \"$2\" offers $1" || pass; }

offers ""
for c in status check next confirm host agents firewall probe collect evidence report; do has "$c" "(nothing)"; done
hasnt complete "(nothing)"
offers ch
has check ch
offers check ""
has firewall-dual "check"
has close-17000 "check"
offers confirm firewall-dual.
has firewall-dual.new-rules "confirm firewall-dual."
hasnt firewall-dual.probe "confirm firewall-dual."
offers waive ""
has firewall-dual.probe "waive"
hasnt prerequisites.release-notes "waive"
# Hosts come from the state that -f names, wherever -f is on the line.
offers -f "$S" host set ""
has ses-ah2 "host set"
has ses-be1 "host set"
offers --file="$S" firewall --host ses-b
has ses-be1 "firewall --host ses-b"
hasnt ses-ah2 "firewall --host ses-b"
offers firewall --format ""
for f in table csv powershell netsh nftables; do has "$f" "firewall --format"; done
offers report --format ""
for f in text html json; do has "$f" "report --format"; done
offers report --
has --lang= "report --"
has --output= "report --"
hasnt --phase= "report --"
offers --lang ""
has fr "--lang"
has en "--lang"
offers status --
has --help "status --"
offers note --
has --help "note --"
offers host ""
has add "host"
has remove "host"
# Every command and option completion offers is one --help lists.
"$SES_MIGRATE" --help >"$tmp/help"
offers ""
while read -r c; do
	grep -qE "^  $c( |$)" "$tmp/help" && pass || fail "completion offers $c, which --help does not list"
done <"$tmp/out"
for c in $(cat "$tmp/out"); do
	offers "$c" --
	while read -r o; do
		# --help writes --output as its short form.
		case $o in --output=) o="-o FILE" ;; esac
		grep -qF -- "${o%=}" "$tmp/help" && pass || fail "completion offers $c $o, which --help does not list"
	done <"$tmp/out"
done
finish
