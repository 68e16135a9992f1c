# Shared by the scripted tests: a scratch directory and assertions.
# SES_MIGRATE (the binary) and srcdir come from make check.
set -u
: "${SES_MIGRATE:?run through make check}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ses-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0
name=$(basename "$0" .sh)

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

pass() {
	passes=$((passes + 1))
}

# expect_exit CODE COMMAND...: run it, compare its exit status.
expect_exit() {
	want=$1
	shift
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$* exited $got, wanted $want; stderr: $(cat "$tmp/err")"
	else
		pass
	fi
}

# expect_in FILE TEXT: FILE (out or err of the last command) holds TEXT.
expect_in() {
	if grep -qF -- "$2" "$tmp/$1"; then
		pass
	else
		fail "$1 lacks \"$2\": $(cat "$tmp/$1")"
	fi
}

expect_not_in() {
	if grep -qF -- "$2" "$tmp/$1"; then
		fail "$1 holds \"$2\": $(cat "$tmp/$1")"
	else
		pass
	fi
}

# wizard_test: the wizard is driven through tmux; without tmux the test is
# skipped, and says so.  Each run gets its own server (run counts them),
# killed on the way out with the scratch directory.
wizard_test() {
	if ! command -v tmux >/dev/null; then
		echo "tmux is missing: the wizard cannot be driven" >&2
		exit 77
	fi
	run=0
	trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
}

# The wizard runs in a private tmux server, named by $sock (set by the script).
tm() { tmux -L "$sock" -f /dev/null "$@"; }

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

# french: whether French can be checked.  A build without translations
# (--disable-nls) has none; the checks that need French are then not run,
# not counted as passed, and the summary says how many were left out.
french_left=0
french() {
	[ "${SES_MIGRATE_NLS:-yes}" = yes ] && return 0
	french_left=$((french_left + 1))
	return 1
}

# schema_valid DEF FILE: whether the JSON document FILE is a DEF of the
# schema that ships (Debian's python3-jsonschema, which build-aux/try installs).
schema_valid() {
	py=python3
	python3 -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3
	"$py" - "${srcdir:-.}/schemas/ses-migrate.schema.json" "$1" "$2" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
ref = {"$defs": schema["$defs"], "$ref": "#/$defs/" + sys.argv[2]}
jsonschema.Draft202012Validator(ref).validate(json.load(open(sys.argv[3], encoding="utf-8")))
PY
}

finish() {
	if [ "$french_left" -gt 0 ]; then
		echo "$name: $french_left groups of French checks not run: built without translations"
	fi
	echo "$name: $passes passed, $failures failed"
	[ "$failures" -eq 0 ]
}
