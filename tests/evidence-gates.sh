#!/bin/sh
# Gates that use the evidence collected on the hosts: the dual firewall's
# rules proved where every concerned host has evidence and ticked where
# one has none, the evidence winning over a tick it contradicts, a done
# step judged as of its completion, port 17000 shown closed at the end,
# and every such finding naming the file and the time it relied on.
. "${srcdir:-.}/tests/lib.sh"

S="$tmp/s.ini"
export SES_MIGRATE_NOW=2026-12-01T18:04:00Z
cli() { "$SES_MIGRATE" -f "$S" "$@" >/dev/null || fail "setup: $*"; }
cli host add srv --roles backend,agent-handler --address 127.0.0.1 --version 2.6.4 --aspnetcore 8.0.11 --desktop-runtime 8.0.11
cli host add ah2 --roles agent-handler --address 127.0.0.2 --version 2.6.4 --aspnetcore 8.0.11 --desktop-runtime 8.0.11
cli host add con --roles console --address 127.0.0.3 --version 2.6.4

# ev HOST TIME RULES TESTS: an evidence file as a collector writes it;
# RULES "in/tcp/443,17000 -in/tcp/8443" (a - for Block), TESTS "443@srv=ok 8443@srv=no".
ev() {
	python3 - "$@" >"$tmp/$1-$2.json" <<'PY'
import json, sys
host, at, rules, tests = sys.argv[1:5]
rs = []
for w in rules.split():
    block = w.startswith("-")
    d, p, ports = w.lstrip("-").split("/")
    rs.append({"name": "{%s}" % w, "display_name": "rule " + w, "group": "Stormshield",
               "direction": "Inbound" if d == "in" else "Outbound",
               "action": "Block" if block else "Allow", "enabled": True, "protocol": p.upper(),
               "local_ports": ports.split(","), "remote_ports": ["Any"]})
# A disabled rule never counts.
rs.append({"name": "off", "display_name": "off", "group": "", "direction": "Inbound", "action": "Allow",
           "enabled": False, "protocol": "TCP", "local_ports": ["17000", "443", "8443"], "remote_ports": ["Any"]})
ts = []
for w in tests.split():
    port, rest = w.split("@")
    h, ok = rest.split("=")
    ts.append({"host": h, "address": "127.0.0.1", "port": int(port), "flow": "backend-in",
               "expect": "open", "succeeded": ok == "ok"})
json.dump({"schema": 1, "script_version": "0.1.0", "migration": "ses-2.6-2.7.1", "host": host,
           "computer_name": host.upper(), "collected_at": at, "local_time": at,
           "components": [{"name": "Stormshield Endpoint Security Evolution", "version": "2.6.4.1022", "view": 64}],
           "runtimes": [], "runtimes_from": "none", "firewall_rules": rs, "connection_tests": ts}, sys.stdout)
PY
	echo "$tmp/$1-$2.json"
}
check() { expect_exit "$1" "$SES_MIGRATE" -f "$S" check firewall-dual; }

# No evidence: a tick like any other.
check 1
expect_in out "[firewall-dual.new-rules] Not confirmed yet: New 2.7.1 firewall rules added."
expect_in out "[firewall-dual.old-rules-kept] Not confirmed yet: Old 2.6 firewall rules still in place."

# Evidence on ah2 only: ah2 is judged by it, the others still need the tick.
T1=2026-12-01T10:00:00Z
cli evidence import "$(ev ah2 $T1 'in/tcp/443,17000' '443@srv=ok')"
check 1
expect_in out "Not confirmed yet: Old 2.6 firewall rules still in place; no evidence was collected on these hosts: srv, con."
expect_in out "[firewall-dual.old-rules-kept.evidence] Judged from the evidence collected on this host: ah2 ($tmp/ah2-$T1.json, $T1)."
# Ticked, the hosts without evidence are vouched for; the evidence still speaks for ah2.
cli confirm firewall-dual.old-rules-kept
check 1
expect_not_in out "[firewall-dual.old-rules-kept]"
expect_in out "[firewall-dual.old-rules-kept.evidence]"

# Evidence that contradicts the tick wins over it, and names file and time.
T2=2026-12-01T11:00:00Z
cli evidence import "$(ev ah2 $T2 'in/tcp/443' '443@srv=no')"
check 1
expect_in out "[firewall-dual.old-rules-kept.rule-missing] The evidence collected on ah2 at $T2 ($tmp/ah2-$T2.json) shows no enabled inbound rule for this flow: TCP 17000 from agents."
expect_in out "[firewall-dual.old-rules-kept.test-failed] The evidence collected on ah2 at $T2 ($tmp/ah2-$T2.json) shows this connection failing: TCP 443 to srv."
expect_in out "ses-migrate collect --host ah2, run it on the host, then ses-migrate evidence import FILE"
# As JSON, the fix has its stable name, and the document its schema.
"$SES_MIGRATE" -f "$S" check firewall-dual --json >"$tmp/check.json"
grep -q '"fix": "collect-evidence"' "$tmp/check.json" && pass || fail "no collect-evidence fix: $(cat "$tmp/check.json")"
schema_valid check "$tmp/check.json" && pass || fail "check --json does not match the schema"
# A Block rule stops what the installer's Allow rule would let in: said, even before the install.
T3=2026-12-01T12:00:00Z
cli evidence import "$(ev ah2 $T3 'in/tcp/17000 -in/tcp/443' '443@srv=ok')"
check 1
expect_in out "[firewall-dual.new-rules.rule-blocking] The evidence collected on ah2 at $T3 ($tmp/ah2-$T3.json) shows an enabled Block rule stopping this flow: TCP 443 from agents."
expect_not_in out "old-rules-kept.rule-missing"

# Every concerned host covered and as the plan says: computed, no tick needed.
cli unconfirm firewall-dual.old-rules-kept
T4=2026-12-01T13:00:00Z
cli evidence import "$(ev ah2 $T4 'in/tcp/443,17000' '443@srv=ok')" \
	"$(ev srv $T4 'in/tcp/443 in/tcp/10443 in/tcp/17000' '')" \
	"$(ev con $T4 '' '443@srv=ok')"
cli confirm firewall-dual.outbound-8443
check 0
expect_not_in out "BLOCKED"
expect_in out "[firewall-dual.new-rules.evidence] Judged from the evidence collected on these hosts: srv ($tmp/srv-$T4.json, $T4), ah2 ($tmp/ah2-$T4.json, $T4)."
expect_in out "[firewall-dual.old-rules-kept.evidence] Judged from the evidence collected on these hosts: srv ($tmp/srv-$T4.json, $T4), ah2 ($tmp/ah2-$T4.json, $T4), con ($tmp/con-$T4.json, $T4)."
expect_exit 0 "$SES_MIGRATE" -f "$S" check firewall-dual --json
expect_not_in out '"fix": "collect-evidence"'
expect_in out '"gate": "firewall-dual.old-rules-kept.evidence"'
# The step completes on that evidence alone (the prerequisites first).
for i in release-notes firewall-plan; do cli confirm prerequisites.$i; done
expect_exit 0 "$SES_MIGRATE" -f "$S" next prerequisites
expect_exit 0 "$SES_MIGRATE" -f "$S" next firewall-dual

# Newer evidence, of a later stage, does not undo a done step...
export SES_MIGRATE_NOW=2026-12-01T20:00:00Z
T5=2026-12-01T19:00:00Z
cli evidence import "$(ev ah2 $T5 'in/tcp/443' '443@srv=ok')"
expect_exit 0 "$SES_MIGRATE" -f "$S" status
expect_not_in out "no longer holds"
# ...but reopened, the step is judged by it.
cli reopen firewall-dual --reason "check again"
check 1
expect_in out "[firewall-dual.old-rules-kept.rule-missing] The evidence collected on ah2 at $T5"

# The end: no inbound rule may still let agents in on 17000 (srv's of T4 does).
expect_exit 1 "$SES_MIGRATE" -f "$S" check close-17000
expect_in out "[close-17000.port-closed-handlers.rule-open] The evidence collected on srv at $T4 ($tmp/srv-$T4.json) shows an enabled inbound rule still letting in this flow: TCP 17000 from agents."
expect_in out "[close-17000.port-closed-handlers.evidence] Judged from the evidence collected on this host: ah2 ($tmp/ah2-$T5.json, $T5)."
# A host without evidence is vouched for by the tick.
cli host add ah3 --roles agent-handler --address 127.0.0.4 --version 2.6.4
expect_exit 1 "$SES_MIGRATE" -f "$S" check close-17000
expect_in out "[close-17000.port-closed-handlers] Not confirmed yet: TCP 17000 closed inbound on agent handlers; no evidence was collected on this host: ah3."
cli host remove ah3
T6=2026-12-01T19:30:00Z
cli evidence import "$(ev srv $T6 'in/tcp/443 in/any/17000 in/tcp/8443' '')"
expect_exit 1 "$SES_MIGRATE" -f "$S" check close-17000
expect_in out "[close-17000.port-closed-handlers.rule-open] The evidence collected on srv at $T6 ($tmp/srv-$T6.json) shows an enabled inbound rule still letting in this flow: TCP 17000 from agents."
T7=2026-12-01T19:40:00Z
cli evidence import "$(ev srv $T7 'in/tcp/443 in/tcp/8443 -in/tcp/17000' '')"
expect_exit 1 "$SES_MIGRATE" -f "$S" check close-17000
expect_not_in out "port-closed-handlers.rule-open"
expect_not_in out "[close-17000.port-closed-handlers] Not confirmed"
expect_in out "[close-17000.port-closed-handlers.evidence] Judged from the evidence collected on these hosts: srv ($tmp/srv-$T7.json, $T7), ah2 ($tmp/ah2-$T5.json, $T5)."

# In French, the same findings, with the same file and time.
if french; then
	expect_exit 1 "$SES_MIGRATE" -f "$S" --lang fr check close-17000
	expect_in out "srv ($tmp/srv-$T7.json, $T7)"
fi
finish
