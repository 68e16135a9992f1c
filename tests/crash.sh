#!/bin/sh
# kill -9 during saves, CRASH_KILLS times (200 by default): after each,
# the state loads and is exactly the old or the new version, never a mix.
. "${srcdir:-.}/tests/lib.sh"

saver=./tests/crash-saver
S="$tmp/migration.ini"
"$saver" a >"$tmp/a"
"$saver" b >"$tmp/b"
kills=${CRASH_KILLS:-200}
i=0
while [ $i -lt "$kills" ]; do
	rm -f "$tmp/ready"
	"$saver" run "$S" "$tmp/ready" &
	pid=$!
	# Once it saves, a few milliseconds more: the kill lands anywhere in a save.
	n=0
	while [ ! -e "$tmp/ready" ] && [ $n -lt 2000 ]; do
		sleep 0.005
		n=$((n + 1))
	done
	# What a killed save leaves behind never stops the next one.
	if [ ! -e "$tmp/ready" ]; then
		fail "after kill $i the saver could not save any more"
		kill -9 $pid 2>/dev/null
		break
	fi
	sleep "0.00$(( (i % 9) + 1 ))"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if [ -f "$S" ]; then
		if cmp -s "$S" "$tmp/a" || cmp -s "$S" "$tmp/b"; then
			pass
		else
			fail "after kill $i the state is neither version"
			break
		fi
		"$SES_MIGRATE" -f "$S" status >/dev/null 2>&1 && pass || fail "after kill $i the state does not load"
	fi
	i=$((i + 1))
done
# Temporary files of killed savers may stay, but never in place of the state.
[ -f "$S" ] && pass || fail "no state after $kills kills"
finish
