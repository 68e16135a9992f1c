/*
 * The migration procedure of SES Evolution 2.6.x to 2.7.1, as data.
 *
 * Facts come from the vendor's migration guide (shared/seeds); the wording
 * is ours.  Ids are stable: they are written in state files, typed on the
 * command line and read by scripts, so they never change once released.
 * The computed items' rules live in gates.c, keyed by the same ids.
 */
#include <config.h>

#include <string.h>

#include "guide.h"
#include "i18n.h"
#include "model.h"

/* The 8443 outbound rule is new only where a backend shares its host with an agent handler. */
static int
applies_colocated(const struct model *m)
{
	return model_has_colocated_backend(m);
}

const struct guide_item guide_items[] = {
	/* prerequisites */
	{ "prerequisites.backoffice-version", STEP_PREREQUISITES, ITEM_COMPUTED,
	  N_("Every backoffice component runs SES Evolution 2.6.x"),
	  N_("Declare every backend, agent handler and administration console with its version. A component still below 2.6 must be updated to 2.6 before this migration."),
	  NULL },
	{ "prerequisites.dotnet-runtimes", STEP_PREREQUISITES, ITEM_COMPUTED,
	  N_("Agent handlers have ASP.NET Core Runtime 8.0.x and .NET Desktop Runtime 8.0.x"),
	  N_("On every agent handler host, install the latest 8.0.x release of both runtimes (8.0.11 at least). A 9.0 runtime does not count: 2.7.1 needs the 8.0 series."),
	  NULL },
	{ "prerequisites.release-notes", STEP_PREREQUISITES, ITEM_TICK,
	  N_("SES Evolution 2.7.1 release notes read"),
	  N_("Read the SES Evolution 2.7.1 release notes through before changing anything."),
	  NULL },
	{ "prerequisites.firewall-plan", STEP_PREREQUISITES, ITEM_TICK,
	  N_("Firewall plan reviewed"),
	  N_("Go through the port changes of 2.7.1 (the port table of the migration guide) with whoever manages your firewalls."),
	  NULL },

	/* firewall-dual */
	{ "firewall-dual.new-rules", STEP_FIREWALL_DUAL, ITEM_TICK,
	  N_("New 2.7.1 firewall rules added"),
	  N_("Open the flows that 2.7.1 needs on every host: TCP 443 from agents to agent handlers, and TCP 8443 to a backend that shares its host with an agent handler."),
	  NULL },
	{ "firewall-dual.old-rules-kept", STEP_FIREWALL_DUAL, ITEM_TICK,
	  N_("Old 2.6 firewall rules still in place"),
	  N_("Keep every 2.6 rule, TCP 17000 included, until the whole backoffice runs 2.7.1: both sets of rules must work side by side during the migration."),
	  NULL },
	{ "firewall-dual.outbound-8443", STEP_FIREWALL_DUAL, ITEM_TICK,
	  N_("Outbound TCP 8443 to the backend allowed where outgoing traffic is filtered"),
	  N_("Windows Defender Firewall only creates inbound rules. If outgoing connections are filtered, allow consoles and agent handlers to reach the backend on TCP 8443 yourself."),
	  applies_colocated },
	{ "firewall-dual.probe", STEP_FIREWALL_DUAL, ITEM_EVIDENCE,
	  N_("Ports answer from this console (optional)"),
	  N_("Optionally, check from this console that the ports of the dual configuration answer."),
	  NULL },

	/* backoffice */
	{ "backoffice.updated", STEP_BACKOFFICE, ITEM_COMPUTED,
	  N_("Every backend and agent handler runs 2.7.1"),
	  N_("Record the new version of each backend and agent handler once it is updated."),
	  NULL },
	{ "backoffice.procedure", STEP_BACKOFFICE, ITEM_TICK,
	  N_("Updated with the installation guide's procedure"),
	  N_("Update the backoffice as the installation guide describes in \"Update SES Evolution\"."),
	  NULL },

	/* deploy */
	{ "deploy.consoles-updated", STEP_DEPLOY, ITEM_COMPUTED,
	  N_("Every administration console runs 2.7.1"),
	  N_("Open each administration console once: it updates itself to 2.7.1 when it starts. Then record its new version."),
	  NULL },
	{ "deploy.banner-seen", STEP_DEPLOY, ITEM_TICK,
	  N_("Yellow banner seen in the console"),
	  N_("The updated console shows a yellow banner: the security policies no longer use the latest Stormshield rule sets. That is expected at this stage."),
	  NULL },
	{ "deploy.pending-deployment", STEP_DEPLOY, ITEM_TICK,
	  N_("Pending deployment request seen in Security > Deployment"),
	  N_("Check that a deployment request is waiting in the Security > Deployment panel."),
	  NULL },
	{ "deploy.deployed", STEP_DEPLOY, ITEM_TICK,
	  N_("Deploy clicked"),
	  N_("Click Deploy to bring the environment up to date."),
	  NULL },

	/* logs */
	{ "logs.system-logs", STEP_LOGS, ITEM_TICK,
	  N_("No migration error in Backoffice > System logs"),
	  N_("Look through Backoffice > System logs for any error related to the migration."),
	  NULL },
	{ "logs.agent-logs", STEP_LOGS, ITEM_TICK,
	  N_("No migration error in Environment > Agent logs"),
	  N_("Look through Environment > Agent logs for any error related to the migration."),
	  NULL },

	/* policy */
	{ "policy.release-notes-2506a", STEP_POLICY, ITEM_TICK,
	  N_("Release notes of default security policy 2506a read"),
	  N_("Read the release notes of default security policy 2506a: they list what changed in the Stormshield policies and rule sets."),
	  NULL },
	{ "policy.recommendations", STEP_POLICY, ITEM_TICK,
	  N_("Recommendations section of the 2.7.1 release notes read"),
	  N_("Read the Recommendations section of the SES Evolution 2.7.1 release notes."),
	  NULL },
	{ "policy.default-policies-updated", STEP_POLICY, ITEM_TICK,
	  N_("Default security policies updated"),
	  N_("Update the default security policies in the console."),
	  NULL },
	{ "policy.deployed", STEP_POLICY, ITEM_TICK,
	  N_("Deploy clicked to update the agents"),
	  N_("Click Deploy so that the existing agents receive the updated policies."),
	  NULL },
	{ "policy.banner-gone", STEP_POLICY, ITEM_TICK,
	  N_("Yellow banner gone"),
	  N_("Once deployed, the yellow banner no longer shows in the console."),
	  NULL },

	/* agents */
	{ "agents.updated", STEP_AGENTS, ITEM_TICK,
	  N_("Agents updated with the installation guide's procedure"),
	  N_("Update the agents as the installation guide describes in \"Update SES Evolution\"."),
	  NULL },
	{ "agents.restarted", STEP_AGENTS, ITEM_TICK,
	  N_("Machines restarted where the update asked for it"),
	  N_("Restart the machines whose update asks for a restart."),
	  NULL },
	{ "agents.inventory", STEP_AGENTS, ITEM_COMPUTED,
	  N_("Agent inventory shows every agent at 2.7.1"),
	  N_("Export the agent list from the console's \"SES Evolution agent versions\" tile and import it with ses-migrate agents import FILE: every agent must be at 2.7.1 or later, or excluded one by one with a reason."),
	  NULL },

	/* close-17000 */
	{ "close-17000.all-migrated", STEP_CLOSE_17000, ITEM_COMPUTED,
	  N_("Backoffice and every agent at 2.7.1, with a recent inventory"),
	  N_("Closing TCP 17000 cuts off every agent still below 2.7.1: import a fresh agent inventory first."),
	  NULL },
	{ "close-17000.old-protocol-disabled", STEP_CLOSE_17000, ITEM_TICK,
	  N_("Old communication protocol disabled in every agent handler group"),
	  N_("Where the console offers it, turn off the old communication protocol in each agent handler group."),
	  NULL },
	{ "close-17000.port-closed-handlers", STEP_CLOSE_17000, ITEM_TICK,
	  N_("TCP 17000 closed inbound on agent handlers"),
	  N_("Remove the inbound TCP 17000 rule on every agent handler."),
	  NULL },
	{ "close-17000.port-closed-agents", STEP_CLOSE_17000, ITEM_TICK,
	  N_("TCP 17000 closed outbound on agents"),
	  N_("Remove the outbound TCP 17000 rule for the agents."),
	  NULL },
	{ "close-17000.old-rules-removed", STEP_CLOSE_17000, ITEM_TICK,
	  N_("2.6 rules that 2.7.1 no longer uses removed"),
	  N_("Remove the 2.6 firewall rules that 2.7.1 no longer needs, such as TCP 443 to a backend that now listens on 8443."),
	  NULL },
	{ "close-17000.probe", STEP_CLOSE_17000, ITEM_EVIDENCE,
	  N_("TCP 17000 refused from this console (optional)"),
	  N_("Optionally, check from this console that TCP 17000 no longer answers."),
	  NULL },
};

const size_t guide_nitems = sizeof(guide_items) / sizeof(guide_items[0]);

const struct guide_step guide_steps[STEP_COUNT] = {
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
	  N_("The point of no return: once TCP 17000 is closed, any agent still below 2.7.1 loses its agent handler. Close it only when the backoffice and every agent run 2.7.1."),
	  0, 24, 6 },
};

/* Index of the step with this id, or -1. */
int
guide_step_find(const char *id)
{
	for (int i = 0; i < STEP_COUNT; i++)
		if (strcmp(guide_steps[i].id, id) == 0)
			return i;
	return -1;
}

/* Index of the item with this id ("STEP.ITEM"), or -1. */
int
guide_item_find(const char *id)
{
	for (size_t i = 0; i < guide_nitems; i++)
		if (strcmp(guide_items[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Whether the item belongs to this environment's procedure at all. */
int
guide_item_applies(size_t item, const struct model *m)
{
	return guide_items[item].applies == NULL || guide_items[item].applies(m);
}
