/*
 * The state file's sections and keys, their types and limits, and the one
 * check of a value against its key.  Messages quote the value as it would
 * show on a terminal: control and invisible characters spelled out, long
 * values shortened.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "i18n.h"
#include "msg.h"
#include "migration.h"
#include "model.h"
#include "schema.h"
#include "text.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"

#define COUNT_MAX 999999999999ULL

#define TEXT(n, len, f, off) { .name = n, .type = VT_TEXT, .max = len, \
	.field = f, .offset = off }
#define NAME(n, len, f, off) { .name = n, .type = VT_NAME, .min = 1, \
	.max = len, .field = f, .offset = off }
#define TIME(n, f, off) { .name = n, .type = VT_TIME, .field = f, .offset = off }
#define VERSION_KEY(n, f, off) { .name = n, .type = VT_VERSION, .field = f, \
	.offset = off }
#define NUMBER(n, lo, hi, f, off) { .name = n, .type = VT_NUMBER, .min = lo, \
	.max = hi, .field = f, .offset = off }

static const char *const step_statuses[] = {
	[STATUS_PENDING] = "pending", [STATUS_ACTIVE] = NULL,
	[STATUS_DONE] = "done", [STATUS_DEFERRED] = "deferred",
};
static const char *const verdicts[] = {
	[VERDICT_NONE] = NULL, [VERDICT_PASS] = "pass", [VERDICT_FAIL] = "fail",
};
static const char *const event_codes[] = {
	"step-done", "confirm", "unconfirm", "host-add", "host-set",
	"host-remove", "defer", "reopen", "exclude", "include", "waive",
	"import", "setting", "probe", "note", "evidence",
};

/* [migration] */
static const struct schema_key sk_format = { .name = "format",
	.type = VT_NUMBER, .min = 1, .max = 999999, .required = 1 };
/* Read before the rest, by the loader's first pass; a state without it follows the default. */
static const struct schema_key sk_migration_id = { .name = "id",
	.type = VT_TEXT, .min = 1, .max = 64 };
static const struct schema_key sk_created = TIME("created", F_STR,
    offsetof(struct model, created_at));
const struct schema_key sk_created_by = NAME("created-by", SCHEMA_PERSON_MAX,
    F_STR, offsetof(struct model, created_by));
static const struct schema_key *const migration_keys[] = {
	&sk_format, &sk_migration_id, &sk_created, &sk_created_by, NULL,
};

/* [settings] */
const struct schema_key sk_runtime_min = { .name = "runtime-minimum",
	.type = VT_SERIES, .field = F_STR,
	.offset = offsetof(struct model, runtime_min) };
const struct schema_key sk_max_age = NUMBER("inventory-max-age", 1, 24 * 365,
    F_UINT, offsetof(struct model, inventory_max_age));
const struct schema_key sk_agent_networks = { .name = "agent-networks",
	.type = VT_NETWORKS, .max = SCHEMA_TEXT_MAX, .field = F_STR,
	.offset = offsetof(struct model, agent_networks) };
const struct schema_key sk_siem_sources = { .name = "siem-sources",
	.type = VT_NETWORKS, .max = SCHEMA_TEXT_MAX, .field = F_STR,
	.offset = offsetof(struct model, siem_sources) };
static const char *const languages[] = { "en", "fr" };
const struct schema_key sk_language = { .name = "language", .type = VT_CHOICE,
	.choices = languages, .nchoices = 2, .field = F_STR,
	.offset = offsetof(struct model, language) };
static const struct schema_key *const settings_keys[] = {
	&sk_runtime_min, &sk_max_age, &sk_agent_networks, &sk_siem_sources,
	&sk_language, NULL,
};

/* [host.N] */
const struct schema_key sk_host_name = { .name = "name", .type = VT_HOST,
	.field = F_STR, .offset = offsetof(struct host, name), .required = 1 };
const struct schema_key sk_host_roles = { .name = "roles", .type = VT_ROLES,
	.field = F_ROLES, .offset = offsetof(struct host, roles), .required = 1 };
const struct schema_key sk_host_address = { .name = "address",
	.type = VT_HOST, .field = F_STR, .offset = offsetof(struct host, address) };
const struct schema_key sk_host_version = VERSION_KEY("version", F_STR,
    offsetof(struct host, version));
const struct schema_key sk_host_aspnetcore = VERSION_KEY("aspnetcore", F_STR,
    offsetof(struct host, aspnetcore));
const struct schema_key sk_host_desktop = VERSION_KEY("desktop-runtime", F_STR,
    offsetof(struct host, desktop));
const struct schema_key sk_host_sql_ports = { .name = "sql-ports",
	.type = VT_PORTS, .max = SCHEMA_TEXT_MAX, .field = F_STR,
	.offset = offsetof(struct host, sql_ports) };
const struct schema_key sk_host_syslog_ports = { .name = "syslog-ports",
	.type = VT_PORTS, .max = SCHEMA_TEXT_MAX, .field = F_STR,
	.offset = offsetof(struct host, syslog_ports) };
const struct schema_key sk_host_evidence_file = TEXT("evidence-file",
    SCHEMA_PATH_MAX, F_STR, offsetof(struct host, evidence_file));
static const struct schema_key sk_host_evidence_at = TIME("evidence-at", F_STR,
    offsetof(struct host, evidence_at));
static const struct schema_key sk_host_evidence_sha256 = { .name = "evidence-sha256",
	.type = VT_SHA256, .field = F_STR, .offset = offsetof(struct host, evidence_sha256) };
const struct schema_key sk_host_evidence_failed = TEXT("evidence-failed",
    SCHEMA_TEXT_MAX, F_STR, offsetof(struct host, evidence_failed));
const struct schema_key sk_host_evidence_rules = TEXT("evidence-rules",
    SCHEMA_EVIDENCE_MAX, F_STR, offsetof(struct host, evidence_rules));
const struct schema_key sk_host_evidence_tests = TEXT("evidence-tests",
    SCHEMA_EVIDENCE_MAX, F_STR, offsetof(struct host, evidence_tests));
static const struct schema_key *const host_keys[] = {
	&sk_host_name, &sk_host_roles, &sk_host_address, &sk_host_version,
	&sk_host_aspnetcore, &sk_host_desktop, &sk_host_sql_ports,
	&sk_host_syslog_ports, &sk_host_evidence_file, &sk_host_evidence_at,
	&sk_host_evidence_sha256, &sk_host_evidence_failed, &sk_host_evidence_rules,
	&sk_host_evidence_tests, NULL,
};

/* [step.ID] */
static const struct schema_key sk_step_status = { .name = "status",
	.type = VT_CHOICE, .choices = step_statuses, .nchoices = 4,
	.field = F_CHOICE, .offset = offsetof(struct step_record, status),
	.required = 1 };
const struct schema_key sk_step_by = NAME("by", SCHEMA_PERSON_MAX, F_STR,
    offsetof(struct step_record, by));
static const struct schema_key sk_step_at = TIME("at", F_STR,
    offsetof(struct step_record, at));
const struct schema_key sk_step_reason = TEXT("reason", SCHEMA_TEXT_MAX, F_STR,
    offsetof(struct step_record, reason));
const struct schema_key sk_step_note = TEXT("note", SCHEMA_TEXT_MAX, F_STR,
    offsetof(struct step_record, note));
static const struct schema_key *const step_keys[] = {
	&sk_step_status, &sk_step_by, &sk_step_at, &sk_step_reason, &sk_step_note, NULL,
};

/* [item.ID] */
static const struct schema_key sk_item_by = NAME("by", SCHEMA_PERSON_MAX, F_STR,
    offsetof(struct mark, by));
static const struct schema_key sk_item_at = { .name = "at", .type = VT_TIME,
	.field = F_STR, .offset = offsetof(struct mark, at), .required = 1 };
const struct schema_key sk_item_note = TEXT("note", SCHEMA_TEXT_MAX, F_STR,
    offsetof(struct mark, note));
static const struct schema_key *const item_keys[] = {
	&sk_item_by, &sk_item_at, &sk_item_note, NULL,
};

/* [evidence.ID] */
static const struct schema_key sk_evidence_at = TIME("at", F_STR,
    offsetof(struct evidence, at));
static const struct schema_key sk_evidence_result = { .name = "result",
	.type = VT_CHOICE, .choices = verdicts, .nchoices = 3, .field = F_CHOICE,
	.offset = offsetof(struct evidence, verdict) };
const struct schema_key sk_evidence_failed = TEXT("failed", SCHEMA_TEXT_MAX,
    F_STR, offsetof(struct evidence, failed));
const struct schema_key sk_evidence_waiver = TEXT("waiver", SCHEMA_TEXT_MAX,
    F_STR, offsetof(struct evidence, waiver));
static const struct schema_key sk_evidence_waived_by = NAME("waived-by",
    SCHEMA_PERSON_MAX, F_STR, offsetof(struct evidence, waived_by));
static const struct schema_key sk_evidence_waived_at = TIME("waived-at", F_STR,
    offsetof(struct evidence, waived_at));
static const struct schema_key *const evidence_keys[] = {
	&sk_evidence_at, &sk_evidence_result, &sk_evidence_failed,
	&sk_evidence_waiver, &sk_evidence_waived_by, &sk_evidence_waived_at, NULL,
};

/* [inventory] and its lists */
const struct schema_key sk_inventory_file = TEXT("file", SCHEMA_PATH_MAX, F_STR,
    offsetof(struct inventory, file));
static const struct schema_key sk_inventory_sha256 = { .name = "sha256",
	.type = VT_SHA256, .field = F_STR,
	.offset = offsetof(struct inventory, sha256) };
static const struct schema_key sk_inventory_at = { .name = "imported-at",
	.type = VT_TIME, .field = F_STR,
	.offset = offsetof(struct inventory, imported_at), .required = 1 };
static const struct schema_key sk_inventory_by = NAME("imported-by",
    SCHEMA_PERSON_MAX, F_STR, offsetof(struct inventory, imported_by));
static const struct schema_key sk_inventory_total = { .name = "total",
	.type = VT_NUMBER, .max = COUNT_MAX, .field = F_ULONG,
	.offset = offsetof(struct inventory, total), .required = 1 };
static const struct schema_key sk_inventory_below = NUMBER("below-total", 0,
    COUNT_MAX, F_ULONG, offsetof(struct inventory, below_total));
static const struct schema_key sk_inventory_unreadable = NUMBER(
    "unreadable-total", 0, COUNT_MAX, F_ULONG,
    offsetof(struct inventory, unreadable_total));
static const struct schema_key sk_inventory_duplicates = NUMBER(
    "duplicates-total", 0, COUNT_MAX, F_ULONG,
    offsetof(struct inventory, duplicates_total));
static const struct schema_key *const inventory_keys[] = {
	&sk_inventory_file, &sk_inventory_sha256, &sk_inventory_at,
	&sk_inventory_by, &sk_inventory_total, &sk_inventory_below,
	&sk_inventory_unreadable, &sk_inventory_duplicates, NULL,
};

static const struct schema_key sk_list_version = VERSION_KEY("version", F_NONE, 0);
static const struct schema_key sk_list_count = NUMBER("count", 1, COUNT_MAX,
    F_NONE, 0);
static const struct schema_key sk_list_line = NUMBER("line", 1, COUNT_MAX,
    F_NONE, 0);
static const struct schema_key sk_list_agent = NAME("agent", SCHEMA_AGENT_MAX,
    F_NONE, 0);
/* A row without a name is listed by its line alone. */
static const struct schema_key sk_list_agent_or_none = TEXT("agent",
    SCHEMA_AGENT_MAX, F_NONE, 0);
static const struct schema_key *const versions_fields[] = {
	&sk_list_version, &sk_list_count, NULL,
};
static const struct schema_key *const below_fields[] = {
	&sk_list_version, &sk_list_agent, NULL,
};
static const struct schema_key *const unreadable_fields[] = {
	&sk_list_line, &sk_list_agent_or_none, NULL,
};
static const struct schema_key *const duplicates_fields[] = {
	&sk_list_agent, NULL,
};

/* [exclusion.N] */
const struct schema_key sk_exclusion_name = { .name = "name", .type = VT_NAME,
	.min = 1, .max = SCHEMA_AGENT_MAX, .field = F_STR,
	.offset = offsetof(struct exclusion, name), .required = 1 };
const struct schema_key sk_exclusion_reason = { .name = "reason",
	.type = VT_TEXT, .min = 1, .max = SCHEMA_TEXT_MAX, .field = F_STR,
	.offset = offsetof(struct exclusion, reason), .required = 1 };
static const struct schema_key sk_exclusion_by = NAME("by", SCHEMA_PERSON_MAX,
    F_STR, offsetof(struct exclusion, by));
static const struct schema_key sk_exclusion_at = TIME("at", F_STR,
    offsetof(struct exclusion, at));
static const struct schema_key *const exclusion_keys[] = {
	&sk_exclusion_name, &sk_exclusion_reason, &sk_exclusion_by,
	&sk_exclusion_at, NULL,
};

/* [history]: "N = AT BY CODE SUBJECT", then N.reason, N.count, N.last. */
static const struct schema_key sk_event_at = { .name = "at", .type = VT_TIME,
	.field = F_STR, .offset = offsetof(struct event, at), .required = 1 };
static const struct schema_key sk_event_by = { .name = "by", .type = VT_NAME,
	.min = 1, .max = SCHEMA_PERSON_MAX, .field = F_STR,
	.offset = offsetof(struct event, by), .required = 1 };
static const struct schema_key sk_event_code = { .name = "code",
	.type = VT_CHOICE, .choices = event_codes,
	.nchoices = sizeof(event_codes) / sizeof(event_codes[0]), .field = F_STR,
	.offset = offsetof(struct event, code), .required = 1 };
const struct schema_key sk_event_subject = TEXT("subject", SCHEMA_PATH_MAX,
    F_STR, offsetof(struct event, subject));
const struct schema_key sk_event_reason = TEXT("reason", SCHEMA_TEXT_MAX, F_STR,
    offsetof(struct event, reason));
static const struct schema_key sk_event_count = NUMBER("count", 2,
    EVENT_COUNT_MAX, F_ULONG, offsetof(struct event, count));
static const struct schema_key sk_event_last = TIME("last", F_STR,
    offsetof(struct event, last));
static const struct schema_key *const history_fields[] = {
	&sk_event_at, &sk_event_by, &sk_event_code, &sk_event_subject, NULL,
};
static const struct schema_key *const history_subkeys[] = {
	&sk_event_reason, &sk_event_count, &sk_event_last, NULL,
};
/* Format 1 kept each event in a section of its own: read, never written. */
static const struct schema_key *const event_keys[] = {
	&sk_event_at, &sk_event_by, &sk_event_code, &sk_event_subject,
	&sk_event_reason, NULL,
};

static const struct schema_key *const no_keys[] = { NULL };

/* In the order the writer writes them. */
const struct schema_section schema_sections[] = {
	{ "migration", SHAPE_ONE, migration_keys, NULL, NULL },
	{ "settings", SHAPE_ONE, settings_keys, NULL, NULL },
	{ "host.", SHAPE_NUMBERED, host_keys, NULL, NULL },
	{ "step.", SHAPE_ID, step_keys, NULL, NULL },
	{ "item.", SHAPE_ID, item_keys, NULL, NULL },
	{ "evidence.", SHAPE_ID, evidence_keys, NULL, NULL },
	{ "inventory", SHAPE_ONE, inventory_keys, NULL, NULL },
	{ "inventory-versions", SHAPE_LIST, no_keys, versions_fields, no_keys },
	{ "inventory-below", SHAPE_LIST, no_keys, below_fields, no_keys },
	{ "inventory-unreadable", SHAPE_LIST, no_keys, unreadable_fields, no_keys },
	{ "inventory-duplicates", SHAPE_LIST, no_keys, duplicates_fields, no_keys },
	{ "exclusion.", SHAPE_NUMBERED, exclusion_keys, NULL, NULL },
	{ "history", SHAPE_LIST, no_keys, history_fields, history_subkeys },
	{ "event.", SHAPE_NUMBERED, event_keys, NULL, NULL },
};
const size_t schema_nsections = sizeof(schema_sections) / sizeof(schema_sections[0]);

const struct schema_section *
schema_section_find(const char *name, const char **suffix)
{
	for (size_t i = 0; i < schema_nsections; i++) {
		const struct schema_section *d = &schema_sections[i];
		size_t n;

		/* Each name is compared whole only where its first letter matches. */
		if (d->name[0] != name[0])
			continue;
		n = strlen(d->name);
		if (d->name[n - 1] != '.') {
			if (strcmp(name, d->name) == 0) {
				*suffix = "";
				return d;
			}
			continue;
		}
		if (strncmp(name, d->name, n) != 0 || name[n] == '\0')
			continue;
		*suffix = name + n;
		if (d->shape == SHAPE_NUMBERED) {
			const char *p = *suffix;

			if (*p == '0' || strspn(p, "0123456789") != strlen(p) ||
			    strlen(p) > 9)
				return NULL;
		}
		return d;
	}
	return NULL;
}

const struct schema_key *
schema_key_find(const struct schema_section *s, const char *name)
{
	for (const struct schema_key *const *k = s->keys; *k != NULL; k++)
		if (strcmp((*k)->name, name) == 0)
			return *k;
	for (const struct schema_key *const *k = s->subkeys; k != NULL && *k != NULL; k++)
		if (strcmp((*k)->name, name) == 0)
			return *k;
	return NULL;
}

/* A plain decimal number: digits only, no sign, no leading zero. */
static int
plain_number(const char *v, unsigned long long *n)
{
	size_t len = strlen(v);

	if (len == 0 || len > 18 || strspn(v, "0123456789") != len ||
	    (v[0] == '0' && len > 1))
		return 0;
	*n = strtoull(v, NULL, 10);
	return 1;
}

/* The value as a message may quote it: visible, and not too long. */
static char *
quoted(const char *v)
{
	char *shown = text_visible(v, strlen(v)), *cut;
	size_t n = text_fit(shown, strlen(shown), 60, NULL);

	if (n == strlen(shown))
		return shown;
	cut = xasprintf("%.*s\xe2\x80\xa6", (int)n, shown);
	free(shown);
	return cut;
}

/* Numbers and code points as the messages show them. */
static const char *
number(char buf[24], unsigned long long n)
{
	snprintf(buf, 24, "%llu", n);
	return buf;
}

static const char *
codepoint(char buf[24], unsigned cp)
{
	snprintf(buf, 24, "U+%04X", cp);
	return buf;
}

/*
 * The value as a message quotes it, made only when there is a message:
 * a check that passes costs no rendering.
 */
#define Q (*q != NULL ? *q : (*q = quoted(v)))

/* Why v is not acceptable text, or NULL: UTF-8, no control characters. */
static char *
text_problem(const struct schema_key *k, const char *v, char **q)
{
	size_t len = 0;
	char n1[24];
	unsigned cp;

	/* Most values are printable ASCII: valid, and no control or hidden character. */
	while ((unsigned char)(v[len] - 0x20) < 0x5f)
		len++;
	if (v[len] == '\0' && len >= k->min && (k->max == 0 || len <= k->max))
		return NULL;
	len += strlen(v + len);
	if (!valid_utf8(v, len))
		return msg_make(N_("\"%s\" is not valid UTF-8 text."), Q);
	if (len < k->min)
		return k->min == 1 ? msg_make(N_("The value is empty.")) :
		    msg_make(N_("\"%s\" is shorter than %s bytes."), Q, number(n1, k->min));
	if (k->max > 0 && len > k->max)
		return msg_make(N_("\"%s\" is longer than %s bytes."), Q, number(n1, k->max));
	if ((cp = text_first_control(v)) != 0)
		return msg_make(N_("\"%s\" holds a control character (%s): it must be one line of plain text."),
		    Q, codepoint(n1, cp));
	if (k->type == VT_NAME && (cp = text_first_hidden(v)) != 0)
		return msg_make(N_("\"%s\" holds an invisible or direction-changing character (%s), which a name may not hold."),
		    Q, codepoint(n1, cp));
	return NULL;
}

static char *
problem(const struct schema_key *k, const char *v, const struct migration *mig,
    time_t now, char **q)
{
	unsigned long long n;
	char *bad, *why, n1[24], n2[24];
	unsigned roles;
	time_t t;

	switch (k->type) {
	case VT_TEXT:
	case VT_NAME:
		return text_problem(k, v, q);
	case VT_HOST:
		return valid_host_or_ip(v) ? NULL :
		    msg_make(N_("\"%s\" is not a valid host name (RFC 1123) or IP address."), Q);
	case VT_TIME:
		if (!time_read(v, &t))
			return msg_make(N_("\"%s\" is not a time such as 2026-06-30T14:05:00Z."), Q);
		if (!schema_time_allowed(t, now))
			return msg_make(N_("\"%s\" is later than tomorrow: the clock of the machine that wrote it, or of this one, is wrong."), Q);
		return NULL;
	case VT_VERSION:
		return version_valid(v) ? NULL :
		    msg_make(N_("\"%s\" is not a version number such as %s."), Q,
		    mig->version_example);
	case VT_SERIES:
		return version_valid(v) && version_same_series(v, mig->runtime_series) ? NULL :
		    msg_make(N_("\"%s\" is not a version of the %s.x series."), Q, mig->runtime_series);
	case VT_PORTS:
		if (strlen(v) > k->max)
			return msg_make(N_("\"%s\" is longer than %s bytes."), Q, number(n1, k->max));
		return valid_port_list(v) ? NULL :
		    msg_make(N_("\"%s\" is not a list of ports such as %s."), Q,
		    mig->ports_example);
	case VT_NETWORKS:
		if (strlen(v) > k->max)
			return msg_make(N_("\"%s\" is longer than %s bytes."), Q, number(n1, k->max));
		return valid_network_list(v) ? NULL :
		    msg_make(N_("\"%s\" is not a list of networks such as 10.1.0.0/16,192.0.2.7."), Q);
	case VT_NUMBER:
		return plain_number(v, &n) && n >= k->min && n <= k->max ? NULL :
		    msg_make(N_("\"%s\" is not a whole number from %s to %s."), Q, number(n1, k->min),
		    number(n2, k->max));
	case VT_ROLES:
		if (role_parse_list(v, &roles, &bad) == 0)
			return NULL;
		free(bad);
		return msg_make(N_("\"%s\" is not a list of roles among backend, agent-handler, console, sql and syslog."), Q);
	case VT_SHA256:
		return strlen(v) == 64 && strspn(v, "0123456789abcdef") == 64 ? NULL :
		    msg_make(N_("\"%s\" is not a SHA-256 digest: 64 lower-case hexadecimal digits."), Q);
	case VT_CHOICE:
		for (size_t i = 0; i < k->nchoices; i++)
			if (k->choices[i] != NULL && k->choices[i][0] == v[0] &&
			    strcmp(k->choices[i], v) == 0)
				return NULL;
		{
			struct buf words;

			buf_init(&words);
			for (size_t i = 0; i < k->nchoices; i++)
				if (k->choices[i] != NULL)
					buf_printf(&words, "%s%s", words.len ? ", " : "",
					    k->choices[i]);
			/* TRANSLATORS: %2$s lists the words, such as "done, deferred". */
			why = msg_make(N_("\"%1$s\" is none of: %2$s."), Q, words.data);
			buf_free(&words);
		}
		return why;
	}
	return NULL;
}

int
schema_time_allowed(time_t t, time_t now)
{
	return t <= now + 24 * 3600;
}

int
schema_check(const struct schema_key *k, const char *v,
    const struct migration *mig, time_t now, char **why)
{
	char *q = NULL, *p = problem(k, v, mig, now, &q);

	free(q);
	if (p == NULL)
		return 1;
	if (why != NULL)
		*why = p;
	else
		free(p);
	return 0;
}

int
schema_field_set(const struct schema_key *k, void *obj, const char *v)
{
	char *base = obj;
	char *bad;

	switch (k->field) {
	case F_STR:
		set_string((char **)(base + k->offset), v);
		return 0;
	case F_UINT:
		*(unsigned *)(base + k->offset) = (unsigned)strtoul(v, NULL, 10);
		return 0;
	case F_ULONG:
		*(unsigned long *)(base + k->offset) = strtoul(v, NULL, 10);
		return 0;
	case F_ROLES:
		if (role_parse_list(v, (unsigned *)(base + k->offset), &bad) < 0) {
			free(bad);
			return -1;
		}
		return 0;
	case F_CHOICE:
		for (size_t i = 0; i < k->nchoices; i++) {
			if (k->choices[i] != NULL && strcmp(k->choices[i], v) == 0) {
				*(int *)(base + k->offset) = (int)i;
				return 0;
			}
		}
		return -1;
	default:
		return -1;
	}
}

void
schema_field_point(const struct schema_key *k, void *obj, char *v)
{
	if (k->field != F_STR)
		abort();	/* the caller's mistake: only text fields can */
	*(char **)((char *)obj + k->offset) = v;
}

void
schema_field_take(const struct schema_key *k, void *obj, char *v)
{
	if (k->field == F_STR) {
		char **dst = (char **)((char *)obj + k->offset);

		free(*dst);
		*dst = v;
		return;
	}
	(void)schema_field_set(k, obj, v);
	free(v);
}

const char *
schema_field_get(const struct schema_key *k, const void *obj, char buf[SCHEMA_BUF])
{
	const char *base = obj;
	unsigned roles;
	int i;

	switch (k->field) {
	case F_STR:
		return *(char *const *)(base + k->offset);
	case F_UINT:
		snprintf(buf, SCHEMA_BUF, "%u", *(const unsigned *)(base + k->offset));
		return buf;
	case F_ULONG:
		snprintf(buf, SCHEMA_BUF, "%lu", *(const unsigned long *)(base + k->offset));
		return buf;
	case F_ROLES:
		roles = *(const unsigned *)(base + k->offset);
		return role_list_text(roles, buf, SCHEMA_BUF);
	case F_CHOICE:
		i = *(const int *)(base + k->offset);
		return i >= 0 && (size_t)i < k->nchoices ? k->choices[i] : NULL;
	default:
		return NULL;
	}
}

/*
 * A list entry is its fields joined by single spaces.  Every field but the
 * last is one word, or quoted when it holds a space or a quote or is empty
 * ("Jean Dupont", with "" for a quote); the last takes the rest of the line.
 */
void
schema_entry_format(struct buf *out, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *f = fields[i] != NULL ? fields[i] : "";

		if (i + 1 == n && *f == '\0')
			break;
		if (i > 0)
			buf_putc(out, ' ');
		if (i + 1 == n || (*f != '\0' && *f != '"' && strchr(f, ' ') == NULL)) {
			buf_puts(out, f);
			continue;
		}
		buf_putc(out, '"');
		for (const char *q; (q = strchr(f, '"')) != NULL; f = q + 1) {
			buf_add(out, f, (size_t)(q - f));
			buf_puts(out, "\"\"");
		}
		buf_puts(out, f);
		buf_putc(out, '"');
	}
}

/* Split v into n fields written one after the other at w (strlen(v) + n + 1 bytes). */
static int
split_into(const char *v, size_t n, char *w, char **fields)
{
	const char *p = v;

	for (size_t i = 0; i < n; i++) {
		fields[i] = w;
		if (i + 1 == n) {
			strcpy(w, p);
			return 0;
		}
		if (*p == '\0' || *p == ' ')
			return -1;
		if (*p != '"') {
			size_t flen = (size_t)(strchrnul(p, ' ') - p);

			memcpy(w, p, flen);
			w += flen;
			p += flen;
		} else {
			/* Runs up to each quote at once: a doubled one is one quote. */
			for (p++; ; p += 2) {
				const char *q = strchr(p, '"');

				if (q == NULL)
					return -1;
				memcpy(w, p, (size_t)(q - p));
				w += q - p;
				p = q;
				if (p[1] != '"')
					break;
				*w++ = '"';
			}
			p++;
		}
		*w++ = '\0';
		if (*p == ' ')
			p++;
		else if (*p != '\0' || i + 2 < n)
			return -1;
	}
	return 0;
}

int
schema_entry_split_packed(struct arena *a, const char *v, size_t n, char **fields)
{
	/* What was taken stays in the arena until it goes: only a broken line wastes it. */
	if (split_into(v, n, arena_alloc(a, strlen(v) + n + 1), fields) == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		fields[i] = NULL;
	return -1;
}

int
schema_entry_split(const char *v, size_t n, char **fields)
{
	char *block = xmalloc(strlen(v) + n + 1);
	int rc = split_into(v, n, block, fields);

	for (size_t i = 0; i < n; i++)
		fields[i] = rc == 0 ? xstrdup(fields[i]) : NULL;
	free(block);
	return rc;
}
