/*
 * A migration as one value: its steps and their items, the versions it
 * goes from and to, the port table and the point of no return.  The
 * engine (state, gates, plan, probes, commands, wizard, report) walks such
 * a value and never names a step, a version or a port itself; a later
 * migration is another value (migration-ses.c holds the one shipped).
 */
#ifndef SES_MIGRATION_H
#define SES_MIGRATION_H

#include <stddef.h>

struct model;
struct gate_ctx;

enum item_kind {
	ITEM_TICK,		/* the operator confirms it */
	ITEM_COMPUTED,		/* judged from the environment, by its gate */
	ITEM_EVIDENCE		/* optional proof: a probe */
};

/* The firewall plan's phases, actions and moments (plan.h builds plans of them). */
enum phase { PHASE_BASELINE, PHASE_DUAL, PHASE_TARGET };

enum flow_action { ACTION_KEEP, ACTION_ADD, ACTION_REMOVE };

/*
 * When a flow changes, in the order the migration reaches the moments:
 * already in place, before the target is installed, once the whole
 * backoffice runs it, at the very end.  A plan lists its flows by moment.
 */
enum flow_when { WHEN_ALWAYS, WHEN_BEFORE_INSTALL, WHEN_AFTER_BACKOFFICE,
    WHEN_AT_END };
#define WHEN_COUNT 4

enum proto { PROTO_TCP, PROTO_UDP };

/* A computed item's rule; the engine's gates (gates.h) are such functions. */
typedef void gate_fn(const struct gate_ctx *g);

struct item_def {
	const char	*id;		/* "STEP.ITEM", stable */
	size_t		 step;		/* index of its step */
	enum item_kind	 kind;
	const char	*label;		/* N_(), one line */
	const char	*help;		/* N_(), what to do, in our words */
	/* ITEM_COMPUTED: the gate, and what it is given. */
	gate_fn		*gate;
	unsigned	 roles;		/* the hosts it looks at */
	const char	*code;		/* its finding's name, after the step id */
	const char	*code_none;	/* the finding when no host holds the roles */
	int		 fresh;		/* an inventory must also be recent */
	/* NULL, or whether the item belongs to this environment at all. */
	int		(*applies)(const struct model *);
	/*
	 * An ITEM_TICK with a gate is judged from the hosts' collected
	 * evidence where it covers them, and ticked for the others: the
	 * flows of the plan of this phase whose action is in fw_actions
	 * (bits 1 << ACTION_...) and moment in fw_whens (1 << WHEN_...; 0:
	 * any), to or from the hosts of roles.
	 */
	enum phase	 fw_phase;
	unsigned	 fw_actions;
	unsigned	 fw_whens;
};

struct step_def {
	const char	*id;		/* stable: files, command line, JSON */
	const char	*title;		/* N_() */
	const char	*summary;	/* N_(), the explanation beside it */
	int		 deferrable;	/* may be put off with a reason */
	size_t		 first_item;	/* index into items */
	size_t		 nitems;
};

/* The far ends of flows that are not hosts of the environment. */
struct end_def {
	const char	*name;		/* as named in plans and scripts */
	size_t		 networks;	/* offset of its networks in struct model, or 0 */
};

enum flow_flag {
	FLOW_PROBED		= 1 << 0,	/* the probe tries it from this machine */
	FLOW_REMOVED_LAST	= 1 << 1,	/* closed at the very end, not after the backoffice */
	FLOW_REMOVE_BY_PORT	= 1 << 2,	/* the installer's rule also serves another port */
};

/* A flow of the port table: who talks to whom, and why. */
struct flow_def {
	const char	*id;		/* "backend-in": stable, in rule names */
	const char	*purpose;	/* N_() */
	unsigned	 from_roles;	/* hosts with one of these roles... */
	int		 from_end;	/* ...or this end (an index into ends), or -1 */
	unsigned	 to_roles;
	int		 to_end;
	const char	*installer_rule;	/* the inbound rule the installer creates */
	const char	*installer_shown;	/* its name as the guide's screenshots show it */
	unsigned	 flags;
};

enum layout {
	LAYOUT_ANY,
	LAYOUT_COLOCATED,	/* the destination also holds an agent handler */
	LAYOUT_SEPARATED	/* it does not */
};

enum { OPEN_BASELINE = 1, OPEN_TARGET = 2 };

/* A row of the port table: ports of a flow, and the versions they are open in. */
struct port_row {
	size_t		 flow;		/* index into flows */
	enum layout	 layout;
	const char	*ports;		/* "tcp/22"; NULL: the destination's own list */
	size_t		 host_ports;	/* offset of that list in struct host */
	const char	*default_ports;	/* when the destination has none */
	unsigned	 open;		/* OPEN_BASELINE, OPEN_TARGET */
};

/* A host of the demonstration environment, as `host add` takes it. */
struct demo_host {
	const char	*name;
	const char	*roles;
	const char	*address;	/* loopback: probes never leave the machine */
	const char	*version;
	const char	*aspnetcore;
	const char	*desktop;
};

struct migration {
	const char		*id;		/* recorded in the state: [migration] id */
	const char		*title;		/* N_(), a whole phrase: "Product 1.0 to 2.0 migration" */
	/* The version rules. */
	const char		*from_series;	/* every component starts in it */
	const char		*to_version;	/* and ends at it or later */
	const char		*runtime_series;	/* the agent handlers' runtimes */
	const char		*runtime_minimum;	/* their default lowest patch */
	const char		*version_example;	/* for messages: a version, as typed */
	const char		*ports_example;		/* and a list of ports */
	/* The procedure. */
	const struct step_def	*steps;
	size_t			 nsteps;
	const struct item_def	*items;
	size_t			 nitems;
	size_t			 update_step;	/* installs the target on the backoffice */
	size_t			 irreversible;	/* the point of no return */
	const char		*confirm_word;	/* typed before it, in every language */
	const char		*confirm_prompt;	/* N_(), %s the word */
	/* The port table. */
	const struct end_def	*ends;
	size_t			 nends;
	const struct flow_def	*flows;
	size_t			 nflows;
	const struct port_row	*ports;
	size_t			 nports;
	const char		*plan_note;	/* N_(), shown when a backend is alone on its host */
	const char		*nft_note;	/* the same, short and in ASCII, for nftables files */
	/* The demonstration (--demo): a sample environment and agent list. */
	const struct demo_host	*demo_hosts;
	size_t			 ndemo_hosts;
	const char		*demo_agents;	/* a CSV export, as the console writes one */
};

/* The migration a state without [migration] id follows: the first known. */
const struct migration *migration_default(void);
/* The known migration with this id, or NULL. */
const struct migration *migration_find(const char *id);
/* Index of the step with this id, or -1. */
int migration_step_find(const struct migration *mig, const char *id);
/* Index of the item with this id ("STEP.ITEM"), or -1. */
int migration_item_find(const struct migration *mig, const char *id);
/* Whether the item belongs to this environment's procedure at all. */
int migration_item_applies(const struct migration *mig, size_t item,
    const struct model *m);
/* The evidence item of a step (its probe), or -1. */
int migration_step_evidence(const struct migration *mig, size_t step);

/* The known migrations, NULL-terminated (registry.c; tests add their own). */
extern const struct migration *const migration_registry[];

#endif
