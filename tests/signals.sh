#!/bin/sh
# Signals while the wizard runs, in a private tmux server: whatever ends it,
# the terminal settings (stty -g) are what they were before it started.
# SIGINT, SIGTERM and SIGHUP end it cleanly; SIGSEGV, SIGABRT and SIGQUIT
# end it with the signal itself, so core dumps and sanitizer reports survive.
. "${srcdir:-.}/tests/lib.sh"

if ! command -v tmux >/dev/null; then
	echo "tmux is missing: the terminal test cannot run" >&2
	exit 77
fi
S="$tmp/migration.ini"

for sig in INT TERM HUP SEGV ABRT QUIT; do
	sock="ses-sig-$$-$sig"
	rm -f "$tmp/before" "$tmp/after" "$tmp/pid" "$tmp/rc"
	cat >"$tmp/pane.sh" <<EOT
ulimit -c 0
stty -g >"$tmp/before"
sh -c 'echo \$\$ >"$tmp/pid"; exec env TERM=screen "$SES_MIGRATE" -f "$S"'
echo \$? >"$tmp/rc"
stty -g >"$tmp/after"
sleep 30
EOT
	tmux -L "$sock" -f /dev/null new-session -d -x 80 -y 24 "sh $tmp/pane.sh"
	i=0
	until tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q "Prerequisites"; do
		i=$((i + 1))
		[ $i -gt 100 ] && break
		sleep 0.1
	done
	kill -"$sig" "$(cat "$tmp/pid")"
	i=0
	until [ -s "$tmp/after" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && break
		sleep 0.1
	done
	tmux -L "$sock" kill-server 2>/dev/null
	if [ -s "$tmp/after" ] && cmp -s "$tmp/before" "$tmp/after"; then
		pass
	else
		fail "after SIG$sig the terminal settings changed: $(cat "$tmp/before" 2>/dev/null) / $(cat "$tmp/after" 2>/dev/null)"
	fi
	rc=$(cat "$tmp/rc" 2>/dev/null)
	case $sig in
	INT) want=130 ;; TERM) want=143 ;; HUP) want=129 ;; SEGV) want=139 ;; ABRT) want=134 ;;
	QUIT) want=131 ;;
	esac
	# Under AddressSanitizer the fault goes on to its report, which exits 1.
	if [ "$sig" = SEGV ] && grep -q __asan_init "$SES_MIGRATE"; then
		want=1
	fi
	[ "$rc" = "$want" ] && pass || fail "after SIG$sig the exit status is $rc, not $want"
done
finish
