/*
 * A second migration, only for the tests: three steps, one computed gate,
 * a point of no return with its own word, two ports.  It runs through the
 * same engine as the real one, with no code of its own besides this table:
 * that is the proof that a later migration is a table.
 */
#include <config.h>

#include <stddef.h>

#include "gates.h"
#include "i18n.h"
#include "model.h"

extern const struct migration migration_mini;

enum { PLAN, UPGRADE, RETIRE };

static const struct item_def items[] = {
	{ .id = "plan.backup", .step = PLAN, .kind = ITEM_TICK,
	  .label = N_("Backup taken"), .help = N_("Take a backup first.") },
	{ .id = "upgrade.servers", .step = UPGRADE, .kind = ITEM_COMPUTED,
	  .label = N_("Every server runs 2.0"), .help = N_("Record each server's version."),
	  .gate = gate_updated, .roles = ROLE_BACKEND, .code = "behind",
	  .code_none = "no-server" },
	{ .id = "retire.old-port", .step = RETIRE, .kind = ITEM_TICK,
	  .label = N_("Old port closed"), .help = N_("Close port 80.") },
};

static const struct step_def steps[] = {
	{ "plan", N_("Planning"), N_("Get ready."), 0, 0, 1 },
	{ "upgrade", N_("Upgrade"), N_("Upgrade the servers."), 0, 1, 1 },
	{ "retire", N_("Retirement"), N_("Close the old port, for good."), 0, 2, 1 },
};

static const struct flow_def flows[] = {
	{ "web-in", N_("Consoles to the server"), ROLE_CONSOLE, -1, ROLE_BACKEND, -1,
	  NULL, NULL, FLOW_PROBED },
};

static const struct port_row ports[] = {
	{ 0, LAYOUT_ANY, "tcp/80", 0, NULL, OPEN_BASELINE },
	{ 0, LAYOUT_ANY, "tcp/8080", 0, NULL, OPEN_TARGET },
};

const struct migration migration_mini = {
	.id = "mini-1-2",
	.title = N_("Mini 1.0 to 2.0 migration"),
	.from_series = "1.0",
	.to_version = "2.0",
	.runtime_series = "5.0",
	.runtime_minimum = "5.0.1",
	.version_example = "1.0.3",
	.ports_example = "tcp/80",
	.steps = steps,
	.nsteps = 3,
	.items = items,
	.nitems = 3,
	.update_step = UPGRADE,
	.irreversible = RETIRE,
	.confirm_word = "RETIRE",
	.confirm_prompt = N_("Type %s and Enter to retire for good, Esc to cancel: %s"),
	.ends = NULL,
	.nends = 0,
	.flows = flows,
	.nflows = 1,
	.ports = ports,
	.nports = 2,
	.plan_note = N_("Servers alone on their host."),
	.nft_note = "Servers alone on their host.",
};
