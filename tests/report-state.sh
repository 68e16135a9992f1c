# Sourced: builds in $R (a state file path) a migration halfway through,
# with something in every section of the report: done, deferred and
# flagged steps, notes, a waiver, an exclusion, an inventory with more
# stragglers than the report lists, a failed probe, folded history, and
# hostile text in every free field.  The clock is fixed; two operators.
report_state() {
	R=$1
	hostile=$2
	rs() { SES_MIGRATE_OPERATOR=$rs_who SES_MIGRATE_NOW=$rs_at "$SES_MIGRATE" -f "$R" "$@" >/dev/null 2>&1 ||
		echo "report_state: $* failed" >&2; }
	rs_who=alice rs_at=2026-11-30T08:15:00Z
	rs host add srv --roles backend,agent-handler --address 127.0.0.1 --version 2.6.4 \
		--aspnetcore 8.0.11 --desktop-runtime 8.0.11
	rs host add ah2 --roles agent-handler --address 127.0.0.2 --version 2.6.4 \
		--aspnetcore 8.0.11 --desktop-runtime 8.0.11
	rs host add con --roles console --address 127.0.0.3 --version 2.6.4
	rs host add db --roles sql --address 127.0.0.4
	rs confirm prerequisites.release-notes --note "$hostile"
	rs confirm prerequisites.firewall-plan
	rs next
	rs_at=2026-11-30T14:30:00Z
	rs confirm firewall-dual.new-rules
	rs confirm firewall-dual.old-rules-kept
	rs confirm firewall-dual.outbound-8443
	rs note firewall-dual "$hostile"
	# Nothing listens on 127.0.0.1:17000 here: a failed probe, waived.
	SES_MIGRATE_OPERATOR=$rs_who SES_MIGRATE_NOW=$rs_at "$SES_MIGRATE" -f "$R" probe --timeout 200 >/dev/null 2>&1
	SES_MIGRATE_OPERATOR=$rs_who SES_MIGRATE_NOW=$rs_at "$SES_MIGRATE" -f "$R" probe --timeout 200 >/dev/null 2>&1
	rs waive firewall-dual.probe --reason "$hostile"
	rs next
	rs_who=bob rs_at=2026-12-01T09:05:00Z
	rs confirm backoffice.procedure
	rs host set srv --version 2.7.1
	rs host set ah2 --version 2.7.1
	rs next
	rs host set con --version 2.7.1
	rs confirm deploy.banner-seen
	rs confirm deploy.pending-deployment
	rs confirm deploy.deployed
	rs next
	rs confirm logs.system-logs
	rs confirm logs.agent-logs
	rs next
	rs defer policy --reason "$hostile"
	# The agents: 31 below 2.7.1, one of them excluded, one named to harm.
	{
		printf '\357\273\277Nom;Version de l'"'"'agent\r\n'
		printf '%s;2.6.4.1022\r\n' "<img src=x onerror=alert(1)>&'q'"
		i=0
		while [ $i -lt 30 ]; do printf 'PC-%02d;2.6.4.1022\r\n' $i; i=$((i + 1)); done
		printf 'PC-NEW;2.7.1.1180\r\nPC-NEW;2.7.1.1180\r\nBAD;x.y\r\n'
	} >"${R%.ini}.csv"
	rs_at=2026-12-01T17:40:00Z
	rs agents import "${R%.ini}.csv"
	rs agents exclude PC-07 --reason "$hostile"
}
