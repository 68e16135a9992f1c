/*
 * The schema of the state file: every section and key with its type and
 * limits, declared once.  The loader checks each value it reads against it,
 * the writer each value it writes, and the actions each value an operator
 * gives before they change anything, so an accepted command always leaves a
 * state that loads.
 */
#ifndef SES_SCHEMA_H
#define SES_SCHEMA_H

#include <stddef.h>
#include <time.h>

enum vtype {
	VT_TEXT,	/* one line of UTF-8 text without control characters */
	VT_NAME,	/* a person or an agent: text without invisible characters */
	VT_HOST,	/* an RFC 1123 host name or an IP address */
	VT_TIME,	/* 2026-06-30T14:05:00Z: a real UTC time, not in the future */
	VT_VERSION,	/* numbers separated by dots */
	VT_PORTS,	/* a list of tcp/N and udp/N */
	VT_NETWORKS,	/* a list of addresses and ADDRESS/PREFIX networks */
	VT_NUMBER,	/* a plain decimal number within [min, max] */
	VT_ROLES,	/* backend,agent-handler,... */
	VT_SHA256,	/* 64 lower-case hexadecimal digits */
	VT_CHOICE,	/* one word of a fixed list */
	VT_SERIES	/* a version in the migration's runtime series */
};

/* Where a key's value lives in the struct its section describes. */
enum field {
	F_NONE,		/* handled by the loader and writer themselves */
	F_STR,		/* char *, NULL when absent */
	F_UINT,		/* unsigned */
	F_ULONG,	/* unsigned long */
	F_ROLES,	/* unsigned, a set of ROLE_ bits */
	F_CHOICE	/* an enum: an index into choices; a NULL choice is absent */
};

struct schema_key {
	const char		*name;		/* as written in the file */
	enum vtype		 type;
	/* Byte lengths for text, names and lists; values for numbers. */
	unsigned long long	 min;
	unsigned long long	 max;
	const char *const	*choices;	/* VT_CHOICE */
	size_t			 nchoices;
	enum field		 field;
	size_t			 offset;	/* of the field, for F_ kinds */
	int			 required;
};

enum shape {
	SHAPE_ONE,		/* [settings] */
	SHAPE_NUMBERED,		/* [host.1], [host.2]... */
	SHAPE_ID,		/* [step.ID], [item.ID]: a procedure id */
	SHAPE_LIST		/* keys 1, 2, 3... each an entry of fields */
};

struct schema_section {
	const char			 *name;		/* "settings", or "host." for a family */
	enum shape			  shape;
	const struct schema_key *const	 *keys;		/* NULL-terminated */
	/* SHAPE_LIST: the fields of an entry, space-separated; the last takes the rest. */
	const struct schema_key *const	 *fields;
	/* SHAPE_LIST: keys allowed after an entry N as N.KEY. */
	const struct schema_key *const	 *subkeys;
};

/* The longest a line may be: libinih cuts longer ones silently. */
#define SCHEMA_LINE_MAX		190
/* libinih cuts section names at 49 characters. */
#define SCHEMA_SECTION_MAX	49
#define SCHEMA_FILE_MAX		(16 * 1024 * 1024)
/* Free text: notes, reasons. */
#define SCHEMA_TEXT_MAX		1000
/* A host's collected rules and tests: the migration's ports, many rules over. */
#define SCHEMA_EVIDENCE_MAX	8000
/* Names of people (operators). */
#define SCHEMA_PERSON_MAX	64
/* Names of agents, as the inventory gives them. */
#define SCHEMA_AGENT_MAX	253
/* A file name kept for the record. */
#define SCHEMA_PATH_MAX		1024

extern const struct schema_section schema_sections[];
extern const size_t schema_nsections;

/* The keys actions check what they are given against. */
extern const struct schema_key sk_created_by, sk_runtime_min, sk_max_age,
    sk_agent_networks, sk_siem_sources, sk_language;
extern const struct schema_key sk_host_name, sk_host_roles, sk_host_address,
    sk_host_version, sk_host_aspnetcore, sk_host_desktop, sk_host_sql_ports,
    sk_host_syslog_ports, sk_host_evidence_file, sk_host_evidence_failed,
    sk_host_evidence_rules, sk_host_evidence_tests;
extern const struct schema_key sk_step_by, sk_step_reason, sk_step_note, sk_item_note,
    sk_evidence_failed, sk_evidence_waiver, sk_inventory_file;
extern const struct schema_key sk_exclusion_name, sk_exclusion_reason;
extern const struct schema_key sk_event_subject, sk_event_reason;

struct migration;

/*
 * Whether v is a valid value of key k, for a state of migration mig, at
 * time now (times later than a day after now are refused).  If not, *why
 * is a translated sentence naming the value (made visible and shortened).
 */
int schema_check(const struct schema_key *k, const char *v,
    const struct migration *mig, time_t now, char **why);
/* Whether a time t may be stored at now: not later than a day after it. */
int schema_time_allowed(time_t t, time_t now);
/* The section definition for a section name, and its suffix; NULL if unknown. */
const struct schema_section *schema_section_find(const char *name,
    const char **suffix);
/* The key of a section with this name, or NULL. */
const struct schema_key *schema_key_find(const struct schema_section *s,
    const char *name);

/* Reading and writing a key's field in the struct its section describes. */
/* Point text field k of obj at v, which stays the caller's (or another field's) to free. */
void schema_field_point(const struct schema_key *k, void *obj, char *v);
/* As schema_field_set, but a string field takes v itself (the caller gives it up); v freed otherwise. */
void schema_field_take(const struct schema_key *k, void *obj, char *v);
/* Sets k's field of obj from a checked v (NULL clears a string); -1 if it cannot. */
int schema_field_set(const struct schema_key *k, void *obj, const char *v);
/* Room for a number or a list of roles as text. */
#define SCHEMA_BUF 64
/* The value as text, in buf for numbers; NULL when the field is absent. */
const char *schema_field_get(const struct schema_key *k, const void *obj,
    char buf[SCHEMA_BUF]);

struct buf;
/* Appends the list entry of n fields (NULL as empty), quoted as the file needs. */
void schema_entry_format(struct buf *out, const char *const *fields,
    size_t n);
/* Splits entry v into n fields for the caller to free; -1, all NULL, if not one. */
int schema_entry_split(const char *v, size_t n, char **fields);
struct arena;
/*
 * The same, in the arena's memory, never freed one by one (a history
 * entry is four strings, and there are tens of thousands).
 */
int schema_entry_split_packed(struct arena *a, const char *v, size_t n,
    char **fields);

#endif
