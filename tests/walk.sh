#!/bin/sh
# A whole migration through the command line, from an empty state to
# "complete", as a script would drive it.
. "${srcdir:-.}/tests/lib.sh"

S="$tmp/migration.ini"
run() { "$SES_MIGRATE" -f "$S" "$@"; }
ok() { expect_exit 0 run "$@"; }
confirm_all() { for i in "$@"; do ok confirm "$i"; done; }

ok host add be1.corp.example --roles backend,agent-handler --version 2.6.4 \
	--aspnetcore 8.0.11 --desktop-runtime 8.0.12 --address 192.0.2.10
ok host add ah2 --roles agent-handler --version 2.6.4 --aspnetcore 8.0.11 --desktop-runtime 8.0.11
ok host add con1 --roles console --version 2.6.4
ok host add sql1 --roles sql --sql-ports tcp/1433,tcp/1434,udp/1434
confirm_all prerequisites.release-notes prerequisites.firewall-plan
ok next
expect_exit 1 run next
expect_in out "firewall-dual.outbound-8443"
confirm_all firewall-dual.new-rules firewall-dual.old-rules-kept firewall-dual.outbound-8443
ok next

# backoffice: refused until every backend and agent handler runs 2.7.1.
ok confirm backoffice.procedure
expect_exit 1 run next
expect_in out "be1.corp.example, ah2"
ok host set be1.corp.example --version 2.7.1
ok host set ah2 --version 2.7.1.1234
ok next

# A done step that no longer holds (its only console removed) stops the
# later ones: the current step says which, what it lists, and the way out.
ok host remove con1
expect_exit 1 run check
expect_in out "BLOCKED [prerequisites.no-longer-holds] Step \"Prerequisites\": done, but no longer holds."
expect_in out "No later step can be completed until what it lists below is put right. Or do that step again: ses-migrate reopen prerequisites --reason TEXT"
# The deployment needs a console too: that is said once, under its code.
expect_in out "BLOCKED [deploy.no-console] No administration console is declared."
expect_not_in out "[prerequisites.no-console]"
expect_exit 1 run next
expect_in out "prerequisites.no-longer-holds"
# status lists what the flagged step lists once: under the current step,
# which it blocks, the flagged step pointing there.
ok status
expect_in out "FLAGGED: done, but no longer holds: see the current step, below."
n=$(grep -c "No administration console is declared." "$tmp/out")
[ "$n" -eq 1 ] && pass || fail "status lists the missing console $n times: $(cat "$tmp/out")"
"$SES_MIGRATE" -f "$S" check --json >"$tmp/check.json"
grep -q '"fix": "reopen-step"' "$tmp/check.json" && pass || fail "no reopen-step fix: $(cat "$tmp/check.json")"
schema_valid check "$tmp/check.json" && pass || fail "check --json does not match the schema"
ok host add con1 --roles console --version 2.6.4
expect_exit 0 run check prerequisites

expect_exit 1 run next
expect_in out "deploy.console-not-updated"
ok host set con1 --version 2.7.1
confirm_all deploy.banner-seen deploy.pending-deployment deploy.deployed
ok next
confirm_all logs.system-logs logs.agent-logs
ok next

# policy waits; the migration goes on without it.
expect_exit 64 run defer policy
ok defer policy --reason "after the holidays"
ok status --json
expect_in out '"current": "agents"'
expect_in out '{"id": "policy", "status": "deferred", "flagged": false}'

confirm_all agents.updated agents.restarted
expect_exit 1 run next
expect_in out "agents.no-inventory"
printf 'Name,Agent version\r\nPC-01,2.7.1.1200\r\nPC-02,2.6.4\r\nPC-03,2.7.1\r\n' >"$tmp/agents.csv"
# A malformed export is refused with FILE:LINE:COLUMN and changes nothing.
cp "$S" "$tmp/before.ini"
printf 'Name,Agent version\n"PC-01,2.7.1\n' >"$tmp/broken.csv"
expect_exit 65 run agents import "$tmp/broken.csv"
expect_in err "$tmp/broken.csv:2:1: "
expect_exit 66 run agents import "$tmp/nonexistent.csv"
cmp -s "$S" "$tmp/before.ini" && pass || fail "a refused import changed the state"
ok agents import "$tmp/agents.csv"
expect_exit 1 run next
expect_in out "PC-02"
expect_exit 64 run agents exclude PC-02
ok agents exclude PC-02 --reason "decommissioned (ticket 4411)"
ok agents show --json
expect_in out '"total": 3'
expect_in out '"excluded": 1'
expect_in out '{"name": "PC-02", "version": "2.6.4"}'
ok next

confirm_all close-17000.old-protocol-disabled close-17000.port-closed-handlers \
	close-17000.port-closed-agents close-17000.old-rules-removed
ok next
ok status --json
expect_in out '"complete": false, "current": "policy"'

confirm_all policy.release-notes-2506a policy.recommendations \
	policy.default-policies-updated policy.deployed policy.banner-gone
ok next
expect_in out "The migration is complete."
ok status --json
expect_in out '"complete": true, "current": null'
ok report
expect_in out "after the holidays"
expect_in out "decommissioned (ticket 4411)"

# Data that changes after the fact flags the done step.
ok host set ah2 --version 2.6.4
ok status --json
expect_in out '{"id": "backoffice", "status": "done", "flagged": true}'
ok status
expect_in out "FLAGGED"
expect_in out "ah2"
ok reopen backoffice --reason "ah2 was rolled back"
ok status --json
expect_in out '"current": "backoffice"'

finish
