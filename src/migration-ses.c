/*
 * The migration of SES Evolution from 2.6.x to 2.7.1, as one value: its
 * procedure, its version rules and its port table.
 *
 * Facts come from the vendor's migration guide (shared/seeds); the wording
 * is ours.  Ids are stable: they are written in state files, typed on the
 * command line and read by scripts, so they never change once released.
 */
#include <config.h>

#include <stddef.h>

#include "gates.h"
#include "i18n.h"
#include "migration-ses.h"
#include "model.h"

/* The 8443 outbound rule is new only where a backend shares its host with an agent handler. */
static int
applies_colocated(const struct model *m)
{
	return model_has_colocated_backend(m);
}

static const struct item_def items[] = {
	/* prerequisites */
	{ .id = "prerequisites.backoffice-version", .step = STEP_PREREQUISITES, .kind = ITEM_COMPUTED,
	  .label = N_("Every backoffice component runs SES Evolution 2.6.x"),
	  .help = N_("Declare every backend, agent handler and administration console with its version. A component still below 2.6 must be updated to 2.6 before this migration."),
	  .gate = gate_components, .roles = ROLE_BACKOFFICE, },
	{ .id = "prerequisites.dotnet-runtimes", .step = STEP_PREREQUISITES, .kind = ITEM_COMPUTED,
	  .label = N_("Agent handlers have ASP.NET Core Runtime 8.0.x and .NET Desktop Runtime 8.0.x"),
	  .help = N_("On every agent handler host, install the latest 8.0.x release of both runtimes (8.0.11 at least). A 9.0 runtime does not count: 2.7.1 needs the 8.0 series."),
	  .gate = gate_runtimes, .roles = ROLE_AGENT_HANDLER, .code_none = "no-runtime-host" },
	{ .id = "prerequisites.release-notes", .step = STEP_PREREQUISITES, .kind = ITEM_TICK,
	  .label = N_("SES Evolution 2.7.1 release notes read"),
	  .help = N_("Read the SES Evolution 2.7.1 release notes through before changing anything."), },
	{ .id = "prerequisites.firewall-plan", .step = STEP_PREREQUISITES, .kind = ITEM_TICK,
	  .label = N_("Firewall changes of 2.7.1 reviewed"),
	  .help = N_("Go through the port changes of 2.7.1 (the port table of the migration guide) with whoever manages your firewalls."), },
	{ .id = "firewall-dual.new-rules", .step = STEP_FIREWALL_DUAL, .kind = ITEM_TICK,
	  .label = N_("New 2.7.1 firewall rules added"),
	  .help = N_("Open the flows that 2.7.1 needs on every host: TCP 443 from agents to agent handlers, and TCP 8443 to a backend that shares its host with an agent handler."),
	  .gate = gate_firewall, .roles = ROLE_BACKOFFICE, .fw_phase = PHASE_DUAL,
	  .fw_actions = 1 << ACTION_ADD, },
	{ .id = "firewall-dual.old-rules-kept", .step = STEP_FIREWALL_DUAL, .kind = ITEM_TICK,
	  .label = N_("Old 2.6 firewall rules still in place"),
	  .help = N_("Keep every 2.6 rule until the whole backoffice runs 2.7.1, and TCP 17000 until every agent does: both sets of rules must work side by side during the migration."),
	  .gate = gate_firewall, .roles = ROLE_BACKOFFICE, .fw_phase = PHASE_DUAL,
	  .fw_actions = 1 << ACTION_KEEP, },
	{ .id = "firewall-dual.outbound-8443", .step = STEP_FIREWALL_DUAL, .kind = ITEM_TICK,
	  .label = N_("Outbound TCP 8443 to the backend allowed where outgoing traffic is filtered"),
	  .help = N_("The SES Evolution installer creates inbound Windows Defender Firewall rules only. If outgoing connections are filtered, allow consoles and agent handlers to reach the backend on TCP 8443 yourself."),
	  .applies = applies_colocated, },
	{ .id = "firewall-dual.probe", .step = STEP_FIREWALL_DUAL, .kind = ITEM_EVIDENCE,
	  .label = N_("Ports answer from this machine (optional)"),
	  .help = N_("Optionally, check from the machine running ses-migrate that the ports of the dual configuration answer."), },
	{ .id = "backoffice.updated", .step = STEP_BACKOFFICE, .kind = ITEM_COMPUTED,
	  .label = N_("Every backend and agent handler runs 2.7.1"),
	  .help = N_("Record the new version of each backend and agent handler once it is updated."),
	  .gate = gate_updated, .roles = ROLE_BACKEND | ROLE_AGENT_HANDLER, .code = "not-updated", .code_none = "no-components", },
	{ .id = "backoffice.procedure", .step = STEP_BACKOFFICE, .kind = ITEM_TICK,
	  .label = N_("Updated with the installation guide's procedure"),
	  .help = N_("Update the backoffice as the installation guide describes in \"Update SES Evolution\"."), },
	{ .id = "deploy.consoles-updated", .step = STEP_DEPLOY, .kind = ITEM_COMPUTED,
	  .label = N_("Every administration console runs 2.7.1"),
	  .help = N_("Open each administration console once: it updates itself to 2.7.1 when it starts. Then record its new version."),
	  .gate = gate_updated, .roles = ROLE_CONSOLE, .code = "console-not-updated", .code_none = "no-console", },
	{ .id = "deploy.banner-seen", .step = STEP_DEPLOY, .kind = ITEM_TICK,
	  .label = N_("Yellow banner seen in the console"),
	  .help = N_("The updated console shows a yellow banner: the security policies no longer use the latest Stormshield rule sets. That is expected at this stage."), },
	{ .id = "deploy.pending-deployment", .step = STEP_DEPLOY, .kind = ITEM_TICK,
	  .label = N_("Pending deployment request seen in Security > Deployment"),
	  .help = N_("Check that a deployment request is waiting in the Security > Deployment panel."), },
	{ .id = "deploy.deployed", .step = STEP_DEPLOY, .kind = ITEM_TICK,
	  .label = N_("Deploy clicked"),
	  .help = N_("Click Deploy to bring the environment up to date."), },
	{ .id = "logs.system-logs", .step = STEP_LOGS, .kind = ITEM_TICK,
	  .label = N_("No migration error in Backoffice > System logs"),
	  .help = N_("Look through Backoffice > System logs for any error related to the migration."), },
	{ .id = "logs.agent-logs", .step = STEP_LOGS, .kind = ITEM_TICK,
	  .label = N_("No migration error in Environment > Agent logs"),
	  .help = N_("Look through Environment > Agent logs for any error related to the migration."), },
	{ .id = "policy.release-notes-2506a", .step = STEP_POLICY, .kind = ITEM_TICK,
	  .label = N_("Release notes of default security policy 2506a read"),
	  .help = N_("Read the release notes of default security policy 2506a: they list what changed in the Stormshield policies and rule sets."), },
	{ .id = "policy.recommendations", .step = STEP_POLICY, .kind = ITEM_TICK,
	  .label = N_("Recommendations section of the 2.7.1 release notes read"),
	  .help = N_("Read the Recommendations section of the SES Evolution 2.7.1 release notes."), },
	{ .id = "policy.default-policies-updated", .step = STEP_POLICY, .kind = ITEM_TICK,
	  .label = N_("Default security policies updated"),
	  .help = N_("Update the default security policies in the console."), },
	{ .id = "policy.deployed", .step = STEP_POLICY, .kind = ITEM_TICK,
	  .label = N_("Deploy clicked to update the agents"),
	  .help = N_("Click Deploy so that the existing agents receive the updated policies."), },
	{ .id = "policy.banner-gone", .step = STEP_POLICY, .kind = ITEM_TICK,
	  .label = N_("Yellow banner gone"),
	  .help = N_("Once deployed, the yellow banner no longer shows in the console."), },
	{ .id = "agents.updated", .step = STEP_AGENTS, .kind = ITEM_TICK,
	  .label = N_("Agents updated with the installation guide's procedure"),
	  .help = N_("Update the agents as the installation guide describes in \"Update SES Evolution\"."), },
	{ .id = "agents.restarted", .step = STEP_AGENTS, .kind = ITEM_TICK,
	  .label = N_("Machines restarted where the update asked for it"),
	  .help = N_("Restart the machines whose update asks for a restart."), },
	{ .id = "agents.inventory", .step = STEP_AGENTS, .kind = ITEM_COMPUTED,
	  .label = N_("Agent inventory shows every agent at 2.7.1"),
	  .help = N_("Export the agent list from the console's \"SES Evolution agent versions\" tile and import it with ses-migrate agents import FILE: every agent must be at 2.7.1 or later, or excluded one by one with a reason."),
	  .gate = gate_inventory, .roles = 0, },
	{ .id = "close-17000.all-migrated", .step = STEP_CLOSE_17000, .kind = ITEM_COMPUTED,
	  .label = N_("Backoffice and every agent at 2.7.1, with a recent inventory"),
	  .help = N_("Closing TCP 17000 cuts off every agent still below 2.7.1: import a fresh agent inventory first."),
	  .gate = gate_final, .roles = ROLE_BACKOFFICE, .code = "backoffice-not-updated", .fresh = 1, },
	{ .id = "close-17000.old-protocol-disabled", .step = STEP_CLOSE_17000, .kind = ITEM_TICK,
	  .label = N_("Old communication protocol disabled in every agent handler group"),
	  .help = N_("Where the console offers it, turn off the old communication protocol in each agent handler group."), },
	{ .id = "close-17000.port-closed-handlers", .step = STEP_CLOSE_17000, .kind = ITEM_TICK,
	  .label = N_("TCP 17000 closed inbound on agent handlers"),
	  .help = N_("Remove the inbound TCP 17000 rule on every agent handler."),
	  .gate = gate_firewall, .roles = ROLE_AGENT_HANDLER, .fw_phase = PHASE_TARGET,
	  .fw_actions = 1 << ACTION_REMOVE, .fw_whens = 1 << WHEN_AT_END, },
	{ .id = "close-17000.port-closed-agents", .step = STEP_CLOSE_17000, .kind = ITEM_TICK,
	  .label = N_("TCP 17000 closed outbound on agents"),
	  .help = N_("Remove the outbound TCP 17000 rule for the agents."), },
	{ .id = "close-17000.old-rules-removed", .step = STEP_CLOSE_17000, .kind = ITEM_TICK,
	  .label = N_("2.6 rules that 2.7.1 no longer uses removed"),
	  .help = N_("Remove the 2.6 firewall rules that 2.7.1 no longer needs, such as TCP 443 to a backend that now listens on 8443."), },
	{ .id = "close-17000.probe", .step = STEP_CLOSE_17000, .kind = ITEM_EVIDENCE,
	  .label = N_("TCP 17000 refused from this machine (optional)"),
	  .help = N_("Optionally, check from the machine running ses-migrate that TCP 17000 no longer answers."), },
};

static const struct step_def steps[] = {
	{ "prerequisites", N_("Prerequisites"),
	  N_("Before anything else: the whole backoffice must run 2.6.x, the agent handlers need the 8.0 .NET runtimes, and the release notes and the firewall changes must have been read."),
	  0, 0, 4 },
	{ "firewall-dual", N_("Dual firewall setup"),
	  N_("2.7.1 talks to agents over HTTPS (TCP 443) and, where a backend shares its host with an agent handler, serves consoles and agent handlers on TCP 8443. Add the new rules before installing 2.7.1, and keep the old ones for the whole backoffice migration."),
	  0, 4, 4 },
	{ "backoffice", N_("Backoffice update"),
	  N_("Update backends and agent handlers to 2.7.1 with the installation guide's procedure. Never start before the dual firewall configuration is in place."),
	  0, 8, 2 },
	{ "deploy", N_("Console and deployment"),
	  N_("Open each administration console so that it updates itself, check what the updated console shows, then click Deploy."),
	  0, 10, 4 },
	{ "logs", N_("Log checks"),
	  N_("Make sure the backoffice and the agents logged no error related to the migration."),
	  0, 14, 2 },
	{ "policy", N_("Default policy update"),
	  N_("Update the default security policies. This can wait: defer it with a reason and come back to it, but the migration is complete only once it is done."),
	  1, 16, 5 },
	{ "agents", N_("Agent update"),
	  N_("Update every agent to 2.7.1, then prove it with an agent inventory exported after the backoffice update."),
	  0, 21, 3 },
	{ "close-17000", N_("Closing port 17000"),
	  N_("The point of no return: once TCP 17000 is closed, any agent still below 2.7.1 loses contact with its agent handler. Close it only when the backoffice and every agent run 2.7.1."),
	  0, 24, 6 },
};

enum { END_AGENTS, END_SIEM, END_UPDATE_SERVER };

static const struct end_def ends[] = {
	[END_AGENTS] = { "agents", offsetof(struct model, agent_networks) },
	[END_SIEM] = { "siem", offsetof(struct model, siem_sources) },
	[END_UPDATE_SERVER] = { "update-server", 0 },
};

/*
 * The flows of the guide's port table, in its order.  The installer's rule
 * names are given twice: as the guide's text writes them, and as its
 * screenshots of Windows Defender Firewall show them.
 */
enum { BACKEND_IN, API_IN, UPDATE_OUT, SQL_OUT, SYSLOG_OUT, MSRPC_IN, HTTPS_IN };

static const struct flow_def flows[] = {
	[BACKEND_IN] = { "backend-in", N_("Consoles and agent handlers to the backend"),
	    ROLE_CONSOLE | ROLE_AGENT_HANDLER, -1, ROLE_BACKEND, -1,
	    "Stormshield Endpoint Security Evolution Backend (TCP-In)",
	    "Stormshield Endpoint Security Backend (TCP-In)", FLOW_PROBED },
	[API_IN] = { "api-in", N_("Public API (SIEM/SOAR clients)"),
	    0, END_SIEM, ROLE_BACKEND, -1,
	    "Stormshield Endpoint Security Evolution Public API (TCP-In)",
	    "Stormshield Endpoint Security Public API (TCP-In)", 0 },
	[UPDATE_OUT] = { "update-out", N_("Stormshield public policy update server"),
	    ROLE_BACKEND, -1, 0, END_UPDATE_SERVER, NULL, NULL, 0 },
	[SQL_OUT] = { "sql-out", N_("SQL Server database (default ports)"),
	    ROLE_BACKEND, -1, ROLE_SQL, -1, NULL, NULL, 0 },
	[SYSLOG_OUT] = { "syslog-out", N_("Syslog (ports set per agent handler group)"),
	    ROLE_AGENT_HANDLER, -1, ROLE_SYSLOG, -1, NULL, NULL, 0 },
	/* The old protocol: closed last, once every agent runs 2.7.1. */
	[MSRPC_IN] = { "msrpc-in", N_("Agents below 2.7.1 (MSRPC)"),
	    0, END_AGENTS, ROLE_AGENT_HANDLER, -1,
	    "Stormshield Endpoint Security Evolution Agent Handler (TCP-In)",
	    "Stormshield Endpoint Security Agent Handler (TCP-In)",
	    FLOW_PROBED | FLOW_REMOVED_LAST | FLOW_REMOVE_BY_PORT },
	[HTTPS_IN] = { "https-in", N_("Agents at 2.7.1 or later (HTTPS)"),
	    0, END_AGENTS, ROLE_AGENT_HANDLER, -1,
	    "Stormshield Endpoint Security Evolution Agent Handler (TCP-In)",
	    "Stormshield Endpoint Security Agent Handler (gRPC, TCP-In)", FLOW_PROBED },
};

/*
 * The port table.  A backend listens on TCP 8443 in 2.7.1 when its host
 * also holds an agent handler, and keeps TCP 443 otherwise.  The guide's
 * Windows Defender Firewall section asks for outbound 8443 in both
 * layouts; the table, which is the more precise, says 443 for separate
 * hosts, and that is what the plan follows (plan_note says so).
 */
static const struct port_row ports[] = {
	{ BACKEND_IN, LAYOUT_ANY, "tcp/443", 0, NULL, OPEN_BASELINE },
	{ BACKEND_IN, LAYOUT_COLOCATED, "tcp/8443", 0, NULL, OPEN_TARGET },
	{ BACKEND_IN, LAYOUT_SEPARATED, "tcp/443", 0, NULL, OPEN_TARGET },
	{ API_IN, LAYOUT_ANY, "tcp/10443", 0, NULL, OPEN_BASELINE | OPEN_TARGET },
	{ UPDATE_OUT, LAYOUT_ANY, "tcp/443", 0, NULL, OPEN_BASELINE | OPEN_TARGET },
	{ SQL_OUT, LAYOUT_ANY, NULL, offsetof(struct host, sql_ports),
	  "tcp/1433,tcp/1434,udp/1434", OPEN_BASELINE | OPEN_TARGET },
	{ SYSLOG_OUT, LAYOUT_ANY, NULL, offsetof(struct host, syslog_ports),
	  "tcp/1468,udp/514,tcp/5614", OPEN_BASELINE | OPEN_TARGET },
	{ MSRPC_IN, LAYOUT_ANY, "tcp/17000", 0, NULL, OPEN_BASELINE },
	{ HTTPS_IN, LAYOUT_ANY, "tcp/443", 0, NULL, OPEN_TARGET },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The demonstration: a co-located backend and agent handler, a separate
 * agent handler, two consoles, the SQL Server and syslog hosts, all on
 * loopback addresses, and a few agents still to update.
 */
static const struct demo_host demo_hosts[] = {
	{ "ses-be1", "backend,agent-handler", "127.0.0.11", "2.6.4", "8.0.11", "8.0.11" },
	{ "ses-ah2", "agent-handler", "127.0.0.12", "2.6.4", "8.0.8", "8.0.11" },
	{ "console-1", "console", "127.0.0.21", "2.6.4", NULL, NULL },
	{ "console-2", "console", "127.0.0.22", "2.6.3", NULL, NULL },
	{ "sql-1", "sql", "127.0.0.31", NULL, NULL, NULL },
	{ "syslog-1", "syslog", "127.0.0.41", NULL, NULL, NULL },
};

static const char demo_agents[] =
    "Nom de la machine;Version de l'agent;Statut\r\n"
    "PC-COMPTA-01;2.7.1.1180;Connecte\r\n"
    "PC-COMPTA-02;2.7.1.1180;Connecte\r\n"
    "PC-RH-01;2.6.4.1022;Connecte\r\n"
    "PC-RH-02;2.7.1.1180;Connecte\r\n"
    "LAB-07;2.6.2.0915;Deconnecte\r\n"
    "PC-DIR-01;2.7.1.1180;Connecte\r\n"
    "KIOSQUE-3;2.6.4.1022;Connecte\r\n"
    "PC-LOG-01;2.7.1.1180;Connecte\r\n";

const struct migration migration_ses = {
	.id = "ses-2.6-2.7.1",
	.title = N_("SES Evolution 2.6 to 2.7.1 migration"),
	.from_series = "2.6",
	.to_version = "2.7.1",
	.runtime_series = "8.0",
	.runtime_minimum = "8.0.11",
	.version_example = "2.6.4",
	.ports_example = "tcp/1433,udp/1434",
	.steps = steps,
	.nsteps = N(steps),
	.items = items,
	.nitems = N(items),
	.update_step = STEP_BACKOFFICE,
	.irreversible = STEP_CLOSE_17000,
	.confirm_word = "17000",
	.confirm_prompt = N_("Point of no return: agents below 2.7.1 will lose contact with their agent handler. Type %s and Enter to confirm, Esc to cancel: %s"),
	.ends = ends,
	.nends = N(ends),
	.flows = flows,
	.nflows = N(flows),
	.ports = ports,
	.nports = N(ports),
	.plan_note = N_("Where backend and agent handler are on different machines, consoles and agent handlers keep reaching the backend on TCP 443: the guide's port table says so, although its Windows Defender Firewall section mentions TCP 8443 for both layouts. This plan follows the table."),
	.nft_note = "Backends without an agent handler on their host keep TCP 443 (the guide's port table).",
	.demo_hosts = demo_hosts,
	.ndemo_hosts = N(demo_hosts),
	.demo_agents = demo_agents,
};
