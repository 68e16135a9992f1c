/*
 * The migration in memory: the environment, what the operators confirmed,
 * which steps are done, and the history.  Everything a state file holds.
 */
#ifndef SES_MODEL_H
#define SES_MODEL_H

#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "migration.h"
#include "clock.h"
#include "strmap.h"

/* The format this version writes; it reads this one and every earlier one. */
#define STATE_FORMAT 2

enum role {
	ROLE_BACKEND		= 1 << 0,
	ROLE_AGENT_HANDLER	= 1 << 1,
	ROLE_CONSOLE		= 1 << 2,
	ROLE_SQL		= 1 << 3,
	ROLE_SYSLOG		= 1 << 4,
};
#define ROLE_BACKOFFICE (ROLE_BACKEND | ROLE_AGENT_HANDLER | ROLE_CONSOLE)

struct host {
	char		*name;
	unsigned	 roles;
	char		*address;	/* NULL: the name is resolved */
	char		*version;	/* SES Evolution version, NULL if unknown */
	char		*aspnetcore;	/* ASP.NET Core Runtime, agent handlers */
	char		*desktop;	/* .NET Desktop Runtime, agent handlers */
	char		*sql_ports;	/* a port list; NULL: the port table's defaults */
	char		*syslog_ports;	/* likewise for a syslog server */
	/* The evidence collected on the host itself (ses-migrate collect), the newest. */
	char		*evidence_file;		/* as it was imported */
	char		*evidence_at;		/* when it was collected, UTC */
	char		*evidence_sha256;
	char		*evidence_failed;	/* connection tests not as expected; NULL: none */
	char		*evidence_rules;	/* its enabled firewall rules (host-rules.h); NULL: none */
	char		*evidence_tests;	/* its connection tests and their results; NULL: none */
};

/* An agent the inventory found below the target version. */
struct agent {
	char	*name;
	char	*version;
};

/* A row whose version could not be read: never counted as migrated. */
struct unreadable {
	unsigned long	 line;
	char		*name;
};

struct version_count {
	char		*version;
	unsigned long	 count;
};

/* What is kept of the last agent inventory imported. */
struct inventory {
	int			 present;
	char			*file;
	char			*sha256;
	char			*imported_at;
	char			*imported_by;
	unsigned long		 total;
	/*
	 * The lists keep at most INVENTORY_LIST_MAX names each, so a state
	 * stays small however many agents lag; the totals count them all.
	 */
	unsigned long		 below_total;
	unsigned long		 unreadable_total;
	unsigned long		 duplicates_total;
	struct version_count	*versions;
	size_t			 nversions;
	struct agent		*below;
	size_t			 nbelow;
	/*
	 * below, its names and versions are in the model's strings (read
	 * from a state), room made for below_cap entries.
	 */
	int			 below_packed;
	size_t			 below_cap;
	struct unreadable	*unreadable;
	size_t			 nunreadable;
	char			**duplicates;
	size_t			 nduplicates;
};

/* An agent left out of the inventory gates on purpose, with the reason. */
struct exclusion {
	char	*name;
	char	*reason;
	char	*by;
	char	*at;
	int	 packed;	/* its strings are in the model's (read from a state) */
};

enum verdict {
	VERDICT_NONE,		/* never probed */
	VERDICT_PASS,		/* every endpoint answered as expected */
	VERDICT_FAIL
};

/* The last reachability check of an evidence item, and any waiver of it. */
struct evidence {
	char		*at;		/* NULL: never probed */
	enum verdict	 verdict;
	char		*failed;	/* the endpoints that did not answer as expected */
	char	*waiver;	/* reason; NULL when not waived */
	char	*waived_by;
	char	*waived_at;
};

/* An operator's confirmation of an item: ticked when at != NULL. */
struct mark {
	char	*by;
	char	*at;
	char	*note;
};

enum step_status {
	STATUS_PENDING,
	STATUS_ACTIVE,
	STATUS_DONE,
	STATUS_DEFERRED
};

/* What is stored of a step; pending and active are derived from the order. */
struct step_record {
	enum step_status status;	/* STATUS_PENDING, _DONE or _DEFERRED */
	char		*by;
	char		*at;
	char		*reason;	/* why it was deferred */
	char		*note;		/* the operator's note; kept when the step is reopened */
};

/*
 * One line of history, as codes: rendered in the reader's language.  The
 * same event again, on a subject nothing else happened to in between (a
 * probe run from cron every minute), is folded into this one: count says
 * how many times it happened, last when it last did.
 */
struct event {
	char		*at;
	char		*by;
	char		*code;
	char		*subject;
	char		*reason;	/* why, or the detail: a note, a value, a failure */
	unsigned long	 count;		/* 1 unless folded */
	char		*last;		/* NULL unless folded */
	/*
	 * Read from the state file, every field checked there and unchanged
	 * since: the writer need not check it again (a history holds tens of
	 * thousands of events, and they never change but by folding).
	 */
	int		 checked;
	/* at, by, code and subject are in the model's strings (read from a state). */
	int		 packed;
	/*
	 * Its lines in the state file it was read from (the model's source),
	 * which the writer copies while the event is checked: or NULL.
	 */
	const char	*src;
	size_t		 srclen;
};

struct model {
	const struct migration	*mig;		/* the migration this state follows */
	int			 format;
	char			*created_at;
	char			*created_by;
	char			*runtime_min;	/* lowest runtime patch of the agent handlers */
	unsigned		 inventory_max_age;	/* hours, at the point of no return */
	char			*agent_networks;	/* CIDR list, for the firewall plan */
	char			*language;	/* the wizard's, as last chosen: "en", "fr" or NULL */
	char			*siem_sources;		/* likewise */
	struct host		*hosts;
	size_t			 nhosts;
	struct step_record	*steps;		/* one per step of the migration */
	struct mark		*marks;		/* one per item */
	struct evidence		*evidence;	/* one per item; used by ITEM_EVIDENCE */
	struct inventory	 inventory;
	struct exclusion	*exclusions;
	size_t			 nexclusions;
	struct event		*events;
	size_t			 nevents;
	size_t			 events_cap;	/* room in events */
	/* The packed strings of events and stragglers read from the state. */
	struct arena		 strings;
	char			*source;	/* the text of that state, or NULL */

	/* Indexes, kept by the functions below: names to positions. */
	struct strmap		 host_index;		/* host name, any case */
	struct strmap		 exclusion_index;	/* agent name, any case */
	/*
	 * The latest event of each subject, for the events up to upto:
	 * brought up to date only when asked (model_latest_event), since a
	 * load of fifty thousand events need not build it for a status.
	 * Through a pointer so that a const model can still fill it.
	 */
	struct latest_index {
		struct strmap	map;
		size_t		upto;
	}			*latest;
};

/* Who does something, and when: passed in so tests control the clock. */
struct actor {
	const char	*who;
	time_t		 when;
};

#define DEFAULT_INVENTORY_MAX_AGE 24
#define INVENTORY_LIST_MAX 10000
/* Events folded into one stop counting here (a century of probes a minute). */
#define EVENT_COUNT_MAX 999999999999ULL

/* An empty model of the default migration. */
void model_init(struct model *m);
/* An empty model of this migration. */
void model_init_for(struct model *m, const struct migration *mig);
/* Room for n events in all, taken at once (the loader knows how many it will read). */
void model_events_reserve(struct model *m, size_t n);
/* Frees everything m holds and zeroes it; NULL is a no-op. */
void model_free(struct model *m);

/* The status of a step, pending and active told apart. */
enum step_status model_step_status(const struct model *m, size_t step);
/* The first step neither done nor deferred (or the deferred one left); nsteps when complete. */
size_t model_current_step(const struct model *m);
/* Whether every step is done. */
int model_complete(const struct model *m);
/* How many steps are done. */
size_t model_steps_done(const struct model *m);

/* The host of this name, whatever its case, or NULL. */
struct host *model_host_find(const struct model *m, const char *name);
/* Append a host with no role; the caller has checked the name is new. */
struct host *model_host_add(struct model *m, const char *name);
/* Append a host filled elsewhere (the loader); -1, h untouched, if its name is taken. */
int model_host_adopt(struct model *m, struct host *h);
/* Removes and frees h, a host of m; the hosts after it move down one place. */
void model_host_remove(struct model *m, struct host *h);
/* Frees h's strings and zeroes it. */
void host_free(struct host *h);
/* Whether some host is both a backend and an agent handler. */
int model_has_colocated_backend(const struct model *m);
/* The exclusion of this agent, whatever the case of its name, or NULL. */
const struct exclusion *model_exclusion_find(const struct model *m,
    const char *name);
/* Excludes agent name for reason, by a; the caller checked it was not excluded. */
void model_exclusion_add(struct model *m, const char *name,
    const char *reason, const struct actor *a);
/* Append an exclusion filled elsewhere; -1, x untouched, if the agent is already excluded. */
int model_exclusion_adopt(struct model *m, struct exclusion *x);
/* Removes and frees exclusion i; those after it move down one place. */
void model_exclusion_remove(struct model *m, size_t i);
/* Frees x's strings and zeroes it. */
void exclusion_free(struct exclusion *x);
/* Frees everything inv holds and zeroes it: no inventory. */
void inventory_free(struct inventory *inv);
/* Frees e's strings and zeroes it: never probed, not waived. */
void evidence_free(struct evidence *e);

/* Record an event, folded into the subject's latest one if it is the same. */
void model_event_add(struct model *m, const struct actor *a,
    const char *code, const char *subject, const char *reason);
/* Append an event read from a file, as it is. */
void model_event_adopt(struct model *m, struct event *e);
/* The position of the latest event about subject in *i; 0 if there is none. */
int model_latest_event(const struct model *m, const char *subject, size_t *i);
/* Frees e's strings and zeroes it. */
void event_free(struct event *e);

/* Ticks k by a, now, with note (NULL or empty: none), replacing any earlier tick. */
void mark_set(struct mark *k, const struct actor *a, const char *note);
/* Unticks k, freeing what it held. */
void mark_clear(struct mark *k);
/* Sets r's status, by a (NULL: nobody, no time), with reason (NULL or empty: none). */
void step_record_set(struct step_record *r, enum step_status status,
    const struct actor *a, const char *reason);

/* Parses "backend,sql": 0, or -1 with *bad (the caller frees it) naming the culprit. */
int role_parse_list(const char *list, unsigned *roles, char **bad);
/* The roles as "backend,agent-handler", in a fixed order; the caller frees it. */
char *role_format_list(unsigned roles);
/* The roles as role_format_list writes them, into buf of size bytes; returns buf. */
const char *role_list_text(unsigned roles, char *buf, size_t size);
/* The name of one role bit, such as "backend"; "?" for anything else. */
const char *role_name(unsigned role);

/* Replaces *dst (freed) by a copy of src; NULL clears it. */
void set_string(char **dst, const char *src);

#endif
