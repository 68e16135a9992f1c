#!/bin/sh
# One writer at a time: the lock names its holder, readers go on, a killed
# holder frees it at once, and of twenty writers started together exactly
# one wins.  Uses the failpoint build, whose lock holders can be made to
# linger (SES_MIGRATE_HOLD_MS).
. "${srcdir:-.}/tests/lib.sh"

fp=./tests/ses-migrate-fp
S="$tmp/migration.ini"
"$SES_MIGRATE" -f "$S" host add be1 --roles backend >/dev/null || fail "setup"

# A holder that lingers three seconds.
SES_MIGRATE_HOLD_MS=3000 SES_MIGRATE_OPERATOR=alice "$fp" -f "$S" confirm logs.system-logs &
holder=$!
sleep 0.5
expect_exit 75 env SES_MIGRATE_OPERATOR=bob "$SES_MIGRATE" -f "$S" confirm logs.agent-logs
expect_in err "alice"
expect_in err "process $holder"
expect_exit 0 "$SES_MIGRATE" -f "$S" status
expect_exit 0 "$SES_MIGRATE" -f "$S" report
expect_exit 0 "$SES_MIGRATE" -f "$S" agents show
expect_exit 0 "$SES_MIGRATE" -f "$S" firewall
# kill -9: the next writer proceeds at once.
kill -9 $holder
wait $holder 2>/dev/null
expect_exit 0 "$SES_MIGRATE" -f "$S" confirm logs.agent-logs
grep -q '^\[item.logs.agent-logs\]' "$S" && pass || fail "the writer after the kill did not save"
# A writer that ends leaves no name behind in the lock file.
[ ! -s "$S.lock" ] && pass || fail "the lock file still names a holder: $(cat "$S.lock")"

# Twenty writers at once, each lingering: exactly one wins.
cp "$S" "$tmp/before"
i=0
while [ $i -lt 20 ]; do
	( SES_MIGRATE_HOLD_MS=1500 "$fp" -f "$S" setting inventory-max-age $((i + 30)) \
		>/dev/null 2>"$tmp/err.$i"; echo $? >"$tmp/rc.$i" ) &
	i=$((i + 1))
done
wait
wins=$(cat "$tmp"/rc.* | grep -c '^0$')
busy=$(cat "$tmp"/rc.* | grep -c '^75$')
[ "$wins" -eq 1 ] && pass || fail "$wins writers won, not one"
[ "$busy" -eq 19 ] && pass || fail "$busy writers were told it is locked, not 19"
expect_exit 0 "$SES_MIGRATE" -f "$S" status
n=$(grep -c '^inventory-max-age = ' "$S")
[ "$n" -eq 1 ] && pass || fail "the state holds $n inventory-max-age lines"
grep -q '^inventory-max-age = \(3[0-9]\|4[0-9]\)$' "$S" && pass || fail "the winner's setting is not in the state"

# The lock file is private, and a link planted there is not followed.
[ "$(stat -c %a "$S.lock")" = 600 ] && pass || fail "lock file mode $(stat -c %a "$S.lock")"
ln -s "$tmp/elsewhere" "$tmp/other.ini.lock"
expect_exit 74 "$SES_MIGRATE" -f "$tmp/other.ini" confirm logs.agent-logs
[ ! -e "$tmp/elsewhere" ] && pass || fail "the lock followed a symbolic link"
finish
