#!/bin/sh
# The migration is one value: outside src/migration-ses.c (the table and its
# texts), no source file in src/ names one of its step ids, item ids,
# versions or ports, not even in a comment.  The names are read from the
# table itself, so the check follows the table when it grows.
. "${srcdir:-.}/tests/lib.sh"

table="$srcdir/src/migration-ses.c"
[ -r "$table" ] || { fail "cannot read $table"; finish; exit 1; }

# Step ids open their row: { "id", N_("Title"), ...; item ids are .id = "...".
ids=$(sed -n -e 's/^[[:space:]]*{ "\([a-z0-9-]*\)", N_(.*/\1/p' \
	-e 's/.*\.id = "\([a-z0-9.-]*\)".*/\1/p' "$table")
# Versions: the quoted dotted numbers of the table, and the ones the guide
# talks about around them.
versions=$(grep -oE '"[0-9]+\.[0-9]+(\.[0-9]+)*"' "$table" | tr -d '"' | sort -u)
versions="$versions 2.7 9.0"
# Ports: every number after tcp/ or udp/ in the table.
ports=$(grep -oE '(tcp|udp)/[0-9]+' "$table" | cut -d/ -f2 | sort -u)

[ -n "$ids" ] && pass || fail "no step or item id found in $table"
[ "$(echo "$ids" | wc -l)" -ge 20 ] && pass || fail "too few ids read from $table: $ids"
echo "$versions" | grep -q '2\.7\.1' && pass || fail "the target version was not read from $table"
echo "$ports" | grep -qx 17000 && pass || fail "the old port was not read from $table"

# The words that are also the name of a command or of a wizard screen:
# "agents" is the step, the agents command and the agents screen.  These
# lines name the command or the screen, not the step.
allowed='^src/cli\.c:.*\{ "agents", cmd_agents \}|^src/cli-env\.c:.*usage_error\("agents"\)|^src/ui-steps\.c:.*UA_AGENTS, N_\("agents"\)|^src/cli-complete\.c:.*\{ "agents", "--host-column='

# scan DIR: the lines of DIR/src/*.[ch], but the table, that name its names.
scan() {
	files=$(cd "$1" && ls src/*.c src/*.h | grep -v '^src/migration-ses\.')
	{
	for id in $ids; do
		(cd "$1" && grep -nF -e "\"$id\"" -e "\"$id." $files)
	done
	for v in $versions; do
		re=$(echo "$v" | sed 's/\./\\./g')
		(cd "$1" && grep -nE "(^|[^0-9.])$re([^0-9]|\$)" $files)
	done
	for p in $ports; do
		(cd "$1" && grep -nwE "$p" $files)
	done
	} | sort -u | grep -vE "$allowed"
}

scan "$srcdir" >"$tmp/offenders"
if [ -s "$tmp/offenders" ]; then
	fail "src/ names what only the migration table may name:"
	cat "$tmp/offenders" >&2
else
	pass
fi

# The check bites: names planted in a copy are found, each of them.
mkdir -p "$tmp/copy/src"
cp "$srcdir"/src/*.[ch] "$tmp/copy/src/"
printf '%s\n' '/* opens tcp/17000 */' 'static int v = 1; /* 2.7.1 */' \
	'static const char *s = "close-17000";' 'static const char *i = "logs.agent-logs";' \
	>"$tmp/copy/src/planted.c"
scan "$tmp/copy" >"$tmp/found"
for want in 'planted.c:1:' 'planted.c:2:' 'planted.c:3:' 'planted.c:4:'; do
	grep -q "^src/$want" "$tmp/found" && pass || fail "the scan misses src/$want of the planted file"
done

files=$(cd "$srcdir" && ls src/*.c src/*.h)
# No engine file includes the table's header: they reach it through the registry.
if (cd "$srcdir" && grep -ln 'migration-ses\.h' $files | grep -vE '^src/(registry|migration-ses)\.c$') >"$tmp/inc"; then
	fail "these files include migration-ses.h: $(cat "$tmp/inc")"
else
	pass
fi
# The wizard does not reach into the command line.
if (cd "$srcdir" && grep -ln '#include "cli' src/ui*.c src/ui*.h) >"$tmp/inc"; then
	fail "the wizard includes the command line's headers: $(cat "$tmp/inc")"
else
	pass
fi

finish
