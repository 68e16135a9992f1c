/*
 * Reading the state.  libinih parses; a first pass over the raw bytes
 * refuses, with their line numbers, the lines libinih would silently
 * mangle (see BUILD-NOTES: long lines, NUL bytes, long section names,
 * indented continuations, inline comments, duplicate keys).  That pass also
 * records the line of every key, in order, so the handler (which libinih
 * calls without a line number) can name the line of any value it rejects.
 *
 * Every error found is reported, not just the first, each as FILE:LINE.
 */
#include <config.h>

#include <ini.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fsio.h"
#include "i18n.h"
#include "state.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"

/* Stop listing after this many errors: the file is broken anyway. */
#define MAX_ERRORS 20

struct keyline {
	int	line;		/* of the key */
	int	section_line;	/* of its section header */
};

struct loader {
	const char	*path;
	struct model	*m;
	struct buf	 errors;
	int		 nerrors;
	int		 newer;		/* format newer than ours: line, or 0 */
	int		 format_line;

	struct keyline	*keys;		/* one per key line, in file order */
	size_t		 nkeys;
	size_t		 next;		/* the handler's next call */

	/* The section the handler is in, and what it has seen there. */
	char		*section;
	int		 section_line;
	unsigned	 seen;		/* bit per key of the section kind */
	struct host	*host;
	int		 step;
	int		 step_lines[STEP_COUNT];	/* of each [step.ID] */
	int		 item;
	struct event	*event;
	unsigned long	 list_next;	/* the key a list section expects next */
	unsigned	 totals_seen;	/* bit per [inventory] count: total, below... */

	/* A value being put together from its continuation lines. */
	char		*pkey;
	struct buf	 pval;
	unsigned	 pparts;
	int		 pline;
};

static void
error_at(struct loader *L, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Record "FILE:LINE: message". */
static void
error_at(struct loader *L, int line, const char *fmt, ...)
{
	va_list ap;

	if (++L->nerrors > MAX_ERRORS)
		return;
	buf_printf(&L->errors, "%s:%d: ", L->path, line);
	va_start(ap, fmt);
	buf_vprintf(&L->errors, fmt, ap);
	va_end(ap);
	buf_putc(&L->errors, '\n');
}

/* Section kinds and their keys; bit i of seen stands for keys[i]. */
enum section_kind { SEC_MIGRATION, SEC_SETTINGS, SEC_HOST, SEC_STEP, SEC_ITEM,
    SEC_EVIDENCE, SEC_INVENTORY, SEC_INV_VERSIONS, SEC_INV_BELOW,
    SEC_INV_UNREADABLE, SEC_INV_DUPLICATES, SEC_EXCLUSION, SEC_EVENT };

#define MAX_KEYS 8

static const struct section_def {
	enum section_kind	 kind;
	const char		*prefix;	/* "host." or a whole name */
	int			 numbered;	/* prefix + a number */
	int			 list;		/* keys are 1, 2, 3... */
	const char		*keys[MAX_KEYS];
	unsigned		 required;	/* bits of keys[] */
} sections[] = {
	{ SEC_MIGRATION, "migration", 0, 0, { "format", "created", "created-by" }, 1 },
	{ SEC_SETTINGS, "settings", 0, 0, { "runtime-minimum", "inventory-max-age",
	    "agent-networks", "siem-sources" }, 0 },
	{ SEC_HOST, "host.", 1, 0, { "name", "roles", "address", "version",
	    "aspnetcore", "desktop-runtime", "sql-ports", "syslog-ports" }, 3 },
	{ SEC_STEP, "step.", 0, 0, { "status", "by", "at", "reason" }, 1 },
	{ SEC_ITEM, "item.", 0, 0, { "by", "at", "note" }, 2 },
	{ SEC_EVIDENCE, "evidence.", 0, 0, { "at", "result", "failed", "waiver",
	    "waived-by", "waived-at" }, 0 },
	{ SEC_INVENTORY, "inventory", 0, 0, { "file", "sha256", "imported-at",
	    "imported-by", "total", "below-total", "unreadable-total",
	    "duplicates-total" }, 4 | 16 },
	{ SEC_INV_VERSIONS, "inventory-versions", 0, 1, { NULL }, 0 },
	{ SEC_INV_BELOW, "inventory-below", 0, 1, { NULL }, 0 },
	{ SEC_INV_UNREADABLE, "inventory-unreadable", 0, 1, { NULL }, 0 },
	{ SEC_INV_DUPLICATES, "inventory-duplicates", 0, 1, { NULL }, 0 },
	{ SEC_EXCLUSION, "exclusion.", 1, 0, { "name", "reason", "by", "at" }, 3 },
	{ SEC_EVENT, "event.", 1, 0, { "at", "by", "code", "subject", "reason" }, 7 },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))

static const char *const event_codes[] = {
	"step-done", "confirm", "unconfirm", "host-add", "host-set",
	"host-remove", "defer", "reopen", "exclude", "include", "waive",
	"import", "setting", "probe",
};

/* The definition of a section name, and its suffix (an id or a number). */
static const struct section_def *
section_lookup(const char *name, const char **suffix)
{
	for (size_t i = 0; i < NSECTIONS; i++) {
		const struct section_def *d = &sections[i];
		size_t n = strlen(d->prefix);

		if (d->prefix[n - 1] != '.') {
			if (strcmp(name, d->prefix) == 0) {
				*suffix = "";
				return d;
			}
			continue;
		}
		if (strncmp(name, d->prefix, n) != 0 || name[n] == '\0')
			continue;
		*suffix = name + n;
		if (d->numbered) {
			const char *p = *suffix;

			if (*p == '0' || strspn(p, "0123456789") != strlen(p) ||
			    strlen(p) > 9)
				return NULL;
		}
		return d;
	}
	return NULL;
}

/* ---- first pass: the raw bytes ---- */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

struct names_seen {
	char	**v;
	size_t	  n;
};

static int
seen_add(struct names_seen *s, const char *name, size_t len)
{
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i]) == len && strncmp(s->v[i], name, len) == 0)
			return 0;
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = xstrndup(name, len);
	return 1;
}

static void
seen_clear(struct names_seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Check one section header line; start points at '['. */
static void
scan_section(struct loader *L, int line, const char *start, const char *end,
    struct names_seen *all)
{
	const char *close = memchr(start, ']', (size_t)(end - start));
	const char *suffix;
	char *name;

	if (close == NULL) {
		error_at(L, line, _("a section header must end with ']'."));
		return;
	}
	for (const char *p = close + 1; p < end; p++) {
		if (!is_space(*p)) {
			error_at(L, line, _("nothing may follow ']' on a section line."));
			return;
		}
	}
	name = xstrndup(start + 1, (size_t)(close - start - 1));
	if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789.-") != strlen(name))
		error_at(L, line, _("a section name holds only lower-case letters, digits, '.' and '-'."));
	else if (strlen(name) > STATE_SECTION_MAX)
		error_at(L, line, _("section name longer than %d characters."),
		    STATE_SECTION_MAX);
	else if (section_lookup(name, &suffix) == NULL)
		error_at(L, line, _("unknown section [%s]."), name);
	else if (!seen_add(all, name, strlen(name)))
		error_at(L, line, _("section [%s] appears twice."), name);
	free(name);
}

/* Check one key line; records its line number for the handler. */
static void
scan_key(struct loader *L, int line, int section_line, int in_migration,
    const char *start, const char *end, struct names_seen *keys)
{
	const char *sep = start, *k_end, *v;

	while (sep < end && *sep != '=' && *sep != ':')
		sep++;
	if (sep == end) {
		error_at(L, line, _("expected \"key = value\"."));
		return;
	}
	if (section_line == 0) {
		error_at(L, line, _("a key must come after a [section] header."));
		return;
	}
	for (v = sep + 1; v < end; v++) {
		if (*v == ';' && is_space(v[-1])) {
			error_at(L, line, _("a ';' after a space would start a comment; write it as \\x3b."));
			return;
		}
	}
	k_end = sep;
	while (k_end > start && is_space(k_end[-1]))
		k_end--;
	if (!seen_add(keys, start, (size_t)(k_end - start))) {
		char *k = xstrndup(start, (size_t)(k_end - start));

		error_at(L, line, _("key \"%s\" appears twice in this section."), k);
		free(k);
		return;
	}
	/*
	 * A newer format may have sections and keys we do not know: spot it
	 * here, so it is reported instead of them.
	 */
	if (in_migration && k_end - start == 6 && strncmp(start, "format", 6) == 0) {
		const char *f = sep + 1;

		while (f < end && is_space(*f))
			f++;
		if (end - f > 0 && strspn(f, "0123456789") >= (size_t)(end - f) &&
		    strtol(f, NULL, 10) > STATE_FORMAT)
			L->newer = line;
	}
	L->keys = xreallocarray(L->keys, L->nkeys + 1, sizeof(*L->keys));
	L->keys[L->nkeys].line = line;
	L->keys[L->nkeys].section_line = section_line;
	L->nkeys++;
}

/* Refuse what libinih would read differently from what the file says. */
static void
scan(struct loader *L, const char *data, size_t len)
{
	struct names_seen all = { 0 }, keys = { 0 };
	const char *p = data, *stop = data + len;
	int line = 0, section_line = 0, in_migration = 0;
	size_t keys_before = 0;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < stop) {
		const char *nl = memchr(p, '\n', (size_t)(stop - p));
		const char *end = nl != NULL ? nl : stop;
		const char *start = p;

		line++;
		p = nl != NULL ? nl + 1 : stop;
		if (memchr(start, '\0', (size_t)(end - start)) != NULL) {
			error_at(L, line, _("NUL byte in the line."));
			continue;
		}
		if (end - start > STATE_LINE_MAX) {
			error_at(L, line, _("line longer than %d bytes."), STATE_LINE_MAX);
			continue;
		}
		if (!valid_utf8(start, (size_t)(end - start))) {
			error_at(L, line, _("the line is not valid UTF-8 text."));
			continue;
		}
		while (end > start && is_space(end[-1]))
			end--;
		if (end == start)
			continue;
		if (is_space(*start)) {
			error_at(L, line, _("indented line: continuation lines are not allowed."));
			continue;
		}
		if (*start == ';' || *start == '#')
			continue;
		if (*start == '[') {
			if (section_line != 0 && L->nkeys == keys_before)
				error_at(L, section_line, _("empty section: it has no key."));
			keys_before = L->nkeys;
			seen_clear(&keys);
			section_line = line;
			in_migration = end - start == 11 &&
			    strncmp(start, "[migration]", 11) == 0;
			scan_section(L, line, start, end, &all);
			continue;
		}
		scan_key(L, line, section_line, in_migration, start, end, &keys);
	}
	if (section_line != 0 && L->nkeys == keys_before)
		error_at(L, section_line, _("empty section: it has no key."));
	seen_clear(&all);
	seen_clear(&keys);
}

/* ---- second pass: libinih and the meaning of each value ---- */

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode \\ and \xHH; -1 on any other escape. */
static int
unescape(const char *in, struct buf *out)
{
	for (const char *p = in; *p != '\0'; p++) {
		int hi, lo;

		if (*p != '\\') {
			buf_putc(out, *p);
			continue;
		}
		if (p[1] == '\\') {
			buf_putc(out, '\\');
			p++;
			continue;
		}
		if (p[1] != 'x' || p[2] == '\0' || p[3] == '\0')
			return -1;
		if ((hi = hex_digit(p[2])) < 0 || (lo = hex_digit(p[3])) < 0)
			return -1;
		buf_putc(out, (char)(hi * 16 + lo));
		p += 3;
	}
	return 0;
}

static int
parse_status(const char *v, enum step_status *st)
{
	if (strcmp(v, "done") == 0)
		*st = STATUS_DONE;
	else if (strcmp(v, "deferred") == 0)
		*st = STATUS_DEFERRED;
	else if (strcmp(v, "pending") == 0)
		*st = STATUS_PENDING;
	else
		return -1;
	return 0;
}

/* Store a time after checking its form. */
static void
set_time(struct loader *L, int line, char **dst, const char *v)
{
	if (!time_valid(v))
		error_at(L, line, _("\"%s\" is not a time such as 2026-06-30T14:05:00Z."), v);
	else
		set_string(dst, v);
}

static void
set_text(struct loader *L, int line, char **dst, const char *v)
{
	if (!valid_text(v))
		error_at(L, line, _("the text holds control characters or is too long."));
	else
		set_string(dst, v);
}

static void
set_version(struct loader *L, int line, char **dst, const char *v)
{
	if (!version_valid(v))
		error_at(L, line, _("\"%s\" is not a version number."), v);
	else
		set_string(dst, v);
}

static void
set_ports(struct loader *L, int line, char **dst, const char *v)
{
	if (!valid_port_list(v))
		error_at(L, line, _("\"%s\" is not a list of ports such as tcp/1433,udp/1434."), v);
	else
		set_string(dst, v);
}

static void
set_networks(struct loader *L, int line, char **dst, const char *v)
{
	if (!valid_network_list(v))
		error_at(L, line, _("\"%s\" is not a list of networks such as 10.1.0.0/16,192.0.2.7."), v);
	else
		set_string(dst, v);
}

/* A whole number within [min, max], or -1 after reporting it. */
static long
get_number(struct loader *L, int line, const char *v, long min, long max)
{
	char *end;
	long n;

	if (*v < '0' || *v > '9' || strlen(v) > 18)
		n = -1;
	else
		n = strtol(v, &end, 10);
	if (n < min || n > max || *end != '\0') {
		error_at(L, line, _("\"%s\" is not a whole number from %ld to %ld."), v, min, max);
		return -1;
	}
	return n;
}

static void
apply_settings(struct loader *L, int k, const char *v, int line)
{
	long n;

	switch (k) {
	case 0:
		if (!version_valid(v) || !version_same_series(v, "8.0"))
			error_at(L, line, _("runtime-minimum must be an 8.0.x version, not \"%s\"."), v);
		else
			set_string(&L->m->runtime_min, v);
		break;
	case 1:
		if ((n = get_number(L, line, v, 1, 24 * 365)) > 0)
			L->m->inventory_max_age = (unsigned)n;
		break;
	case 2:
		set_networks(L, line, &L->m->agent_networks, v);
		break;
	case 3:
		set_networks(L, line, &L->m->siem_sources, v);
		break;
	}
}

static void
apply_evidence(struct loader *L, int k, const char *v, int line)
{
	struct evidence *e = &L->m->evidence[L->item];

	switch (k) {
	case 0:
		set_time(L, line, &e->at, v);
		break;
	case 1:
		if (strcmp(v, "pass") != 0 && strcmp(v, "fail") != 0)
			error_at(L, line, _("a probe result is pass or fail, not \"%s\"."), v);
		e->ok = strcmp(v, "pass") == 0;
		break;
	case 2:
		set_text(L, line, &e->failed, v);
		break;
	case 3:
		set_text(L, line, &e->waiver, v);
		break;
	case 4:
		set_text(L, line, &e->waived_by, v);
		break;
	case 5:
		set_time(L, line, &e->waived_at, v);
		break;
	}
}

static void
apply_inventory(struct loader *L, int k, const char *v, int line)
{
	struct inventory *inv = &L->m->inventory;
	long n;

	inv->present = 1;
	switch (k) {
	case 0:
		set_text(L, line, &inv->file, v);
		break;
	case 1:
		if (strlen(v) != 64 || strspn(v, "0123456789abcdef") != 64)
			error_at(L, line, _("sha256 must be 64 lower-case hexadecimal digits."));
		else
			set_string(&inv->sha256, v);
		break;
	case 2:
		set_time(L, line, &inv->imported_at, v);
		break;
	case 3:
		set_text(L, line, &inv->imported_by, v);
		break;
	default: {
		unsigned long *counts[] = { &inv->total, &inv->below_total,
		    &inv->unreadable_total, &inv->duplicates_total };

		if ((n = get_number(L, line, v, 0, 999999999999L)) >= 0) {
			*counts[k - 4] = (unsigned long)n;
			L->totals_seen |= 1u << (k - 4);
		}
		break;
	}
	}
}

/* Split "FIRST REST" at its first space; REST may be empty where allowed. */
static int
split_entry(const char *v, char **first, const char **rest)
{
	const char *sp = strchr(v, ' ');

	if (sp == NULL || sp == v) {
		*first = xstrdup(v);
		*rest = "";
		return sp == NULL && *v != '\0' ? 0 : -1;
	}
	*first = xstrndup(v, (size_t)(sp - v));
	*rest = sp + 1;
	return 0;
}

/* One entry of a list section: "VERSION COUNT", "VERSION NAME", "LINE NAME", "NAME". */
static void
apply_list(struct loader *L, enum section_kind kind, const char *v, int line)
{
	struct inventory *inv = &L->m->inventory;
	const char *rest;
	char *first = NULL;
	long n;

	if (kind == SEC_INV_DUPLICATES) {
		if (!valid_text(v) || *v == '\0')
			error_at(L, line, _("the text holds control characters or is too long."));
		else {
			inv->duplicates = xreallocarray(inv->duplicates, inv->nduplicates + 1,
			    sizeof(*inv->duplicates));
			inv->duplicates[inv->nduplicates++] = xstrdup(v);
		}
		return;
	}
	if (split_entry(v, &first, &rest) < 0 || !valid_text(rest)) {
		error_at(L, line, _("\"%s\" is not a valid entry of this list."), v);
		free(first);
		return;
	}
	switch (kind) {
	case SEC_INV_VERSIONS:
		if (!version_valid(first)) {
			error_at(L, line, _("\"%s\" is not a version number."), first);
			break;
		}
		if ((n = get_number(L, line, rest, 1, 999999999999L)) < 0)
			break;
		inv->versions = xreallocarray(inv->versions, inv->nversions + 1,
		    sizeof(*inv->versions));
		inv->versions[inv->nversions].version = first;
		inv->versions[inv->nversions++].count = (unsigned long)n;
		return;
	case SEC_INV_BELOW:
		if (!version_valid(first) || *rest == '\0') {
			error_at(L, line, _("\"%s\" is not a version followed by an agent name."), v);
			break;
		}
		inv->below = xreallocarray(inv->below, inv->nbelow + 1, sizeof(*inv->below));
		inv->below[inv->nbelow].version = first;
		inv->below[inv->nbelow++].name = xstrdup(rest);
		return;
	default:
		if ((n = get_number(L, line, first, 1, 999999999999L)) < 0)
			break;
		inv->unreadable = xreallocarray(inv->unreadable, inv->nunreadable + 1,
		    sizeof(*inv->unreadable));
		inv->unreadable[inv->nunreadable].line = (unsigned long)n;
		inv->unreadable[inv->nunreadable++].name = xstrdup(rest);
		break;
	}
	free(first);
}

static void
apply_exclusion(struct loader *L, int k, const char *v, int line)
{
	struct exclusion *x = &L->m->exclusions[L->m->nexclusions - 1];

	switch (k) {
	case 0:
		if (*v == '\0' || !valid_text(v))
			error_at(L, line, _("the text holds control characters or is too long."));
		else if (model_exclusion_find(L->m, v) != NULL)
			error_at(L, line, _("agent %s is excluded twice."), v);
		else
			set_string(&x->name, v);
		break;
	case 1:
		set_text(L, line, &x->reason, v);
		break;
	case 2:
		set_text(L, line, &x->by, v);
		break;
	case 3:
		set_time(L, line, &x->at, v);
		break;
	}
}

static void
apply_migration(struct loader *L, int k, const char *v, int line)
{
	switch (k) {
	case 0: {
		char *end;
		long f = strtol(v, &end, 10);

		if (*v == '\0' || *end != '\0' || f < 1) {
			error_at(L, line, _("format must be a positive whole number."));
			return;
		}
		L->format_line = line;
		if (f > STATE_FORMAT)
			L->newer = line;
		L->m->format = STATE_FORMAT;
		break;
	}
	case 1:
		set_time(L, line, &L->m->created_at, v);
		break;
	case 2:
		set_text(L, line, &L->m->created_by, v);
		break;
	}
}

static void
apply_host(struct loader *L, int k, const char *v, int line)
{
	struct host *h = L->host;
	char *bad;

	switch (k) {
	case 0:
		if (!valid_host_or_ip(v))
			error_at(L, line, _("\"%s\" is not a valid host name (RFC 1123) or IP address."), v);
		else if (model_host_find(L->m, v) != NULL)
			error_at(L, line, _("host %s is declared twice."), v);
		else
			set_string(&h->name, v);
		break;
	case 1:
		if (role_parse_list(v, &h->roles, &bad) < 0) {
			error_at(L, line, _("unknown role \"%s\"."), bad);
			free(bad);
		}
		break;
	case 2:
		if (!valid_host_or_ip(v))
			error_at(L, line, _("\"%s\" is not a valid address."), v);
		else
			set_string(&h->address, v);
		break;
	case 3:
		set_version(L, line, &h->version, v);
		break;
	case 4:
		set_version(L, line, &h->aspnetcore, v);
		break;
	case 5:
		set_version(L, line, &h->desktop, v);
		break;
	case 6:
		set_ports(L, line, &h->sql_ports, v);
		break;
	case 7:
		set_ports(L, line, &h->syslog_ports, v);
		break;
	}
}

static void
apply_step(struct loader *L, int k, const char *v, int line)
{
	struct step_record *r = &L->m->steps[L->step];

	switch (k) {
	case 0:
		if (parse_status(v, &r->status) < 0)
			error_at(L, line, _("a step status is done, deferred or pending, not \"%s\"."), v);
		else if (r->status == STATUS_DEFERRED && !guide_steps[L->step].deferrable)
			error_at(L, line, _("step %s cannot be deferred."), guide_steps[L->step].id);
		break;
	case 1:
		set_text(L, line, &r->by, v);
		break;
	case 2:
		set_time(L, line, &r->at, v);
		break;
	case 3:
		set_text(L, line, &r->reason, v);
		break;
	}
}

static void
apply_item(struct loader *L, int k, const char *v, int line)
{
	struct mark *mk = &L->m->marks[L->item];

	switch (k) {
	case 0:
		set_text(L, line, &mk->by, v);
		break;
	case 1:
		set_time(L, line, &mk->at, v);
		break;
	case 2:
		set_text(L, line, &mk->note, v);
		break;
	}
}

static void
apply_event(struct loader *L, int k, const char *v, int line)
{
	struct event *e = L->event;
	size_t i;

	switch (k) {
	case 0:
		set_time(L, line, &e->at, v);
		break;
	case 1:
		set_text(L, line, &e->by, v);
		break;
	case 2:
		for (i = 0; i < sizeof(event_codes) / sizeof(event_codes[0]); i++)
			if (strcmp(v, event_codes[i]) == 0)
				break;
		if (i == sizeof(event_codes) / sizeof(event_codes[0]))
			error_at(L, line, _("unknown history code \"%s\"."), v);
		else
			set_string(&e->code, v);
		break;
	case 3:
		set_text(L, line, &e->subject, v);
		break;
	case 4:
		set_text(L, line, &e->reason, v);
		break;
	}
}

/* Set up the object a section describes; 0 if the section is unusable. */
static int
section_begin(struct loader *L, const char *name)
{
	const char *suffix;
	const struct section_def *d = section_lookup(name, &suffix);

	L->host = NULL;
	L->event = NULL;
	L->seen = 0;
	if (d == NULL) {
		/* The first pass should have refused it: libinih read it otherwise. */
		error_at(L, L->section_line, _("cannot read this section."));
		return 0;
	}
	switch (d->kind) {
	case SEC_HOST:
		L->host = model_host_add(L->m, "");
		break;
	case SEC_STEP:
		if ((L->step = guide_step_find(suffix)) < 0) {
			error_at(L, L->section_line, _("unknown step \"%s\"."), suffix);
			return 0;
		}
		L->step_lines[L->step] = L->section_line;
		break;
	case SEC_ITEM:
		L->item = guide_item_find(suffix);
		if (L->item < 0 || guide_items[L->item].kind != ITEM_TICK) {
			error_at(L, L->section_line, _("\"%s\" is not an item that operators confirm."), suffix);
			return 0;
		}
		break;
	case SEC_EVIDENCE:
		L->item = guide_item_find(suffix);
		if (L->item < 0 || guide_items[L->item].kind != ITEM_EVIDENCE) {
			error_at(L, L->section_line, _("\"%s\" is not an evidence item."), suffix);
			return 0;
		}
		break;
	case SEC_EXCLUSION:
		L->m->exclusions = xreallocarray(L->m->exclusions,
		    L->m->nexclusions + 1, sizeof(*L->m->exclusions));
		memset(&L->m->exclusions[L->m->nexclusions++], 0,
		    sizeof(*L->m->exclusions));
		break;
	case SEC_EVENT:
		L->m->events = xreallocarray(L->m->events, L->m->nevents + 1,
		    sizeof(*L->m->events));
		L->event = &L->m->events[L->m->nevents++];
		memset(L->event, 0, sizeof(*L->event));
		break;
	default:
		break;
	}
	L->list_next = 1;
	return 1;
}

/* Check the section just finished has every key it needs. */
static void
section_end(struct loader *L)
{
	const char *suffix;
	const struct section_def *d;

	if (L->section == NULL || *L->section == '\0')
		return;
	d = section_lookup(L->section, &suffix);
	for (int i = 0; i < MAX_KEYS && d->keys[i] != NULL; i++)
		if ((d->required & (1u << i)) && !(L->seen & (1u << i)))
			error_at(L, L->section_line, _("section [%s] lacks the key \"%s\"."),
			    L->section, d->keys[i]);
}

/* Give a whole (unescaped) value its meaning. */
static void
apply(struct loader *L, const char *key, const char *value, int line)
{
	static void (*const appliers[])(struct loader *, int, const char *, int) = {
		[SEC_MIGRATION] = apply_migration,
		[SEC_SETTINGS] = apply_settings,
		[SEC_HOST] = apply_host,
		[SEC_STEP] = apply_step,
		[SEC_ITEM] = apply_item,
		[SEC_EVIDENCE] = apply_evidence,
		[SEC_INVENTORY] = apply_inventory,
		[SEC_EXCLUSION] = apply_exclusion,
		[SEC_EVENT] = apply_event,
	};
	const char *suffix;
	const struct section_def *d = section_lookup(L->section, &suffix);
	int k;

	if (d->list) {
		char want[24];

		snprintf(want, sizeof(want), "%lu", L->list_next);
		if (strcmp(key, want) != 0) {
			error_at(L, line, _("in section [%s], key %s was expected here, not \"%s\"."),
			    L->section, want, key);
			return;
		}
		L->list_next++;
		apply_list(L, d->kind, value, line);
		return;
	}
	for (k = 0; k < MAX_KEYS && d->keys[k] != NULL; k++)
		if (strcmp(d->keys[k], key) == 0)
			break;
	if (k == MAX_KEYS || d->keys[k] == NULL) {
		error_at(L, line, _("unknown key \"%s\" in section [%s]."), key, L->section);
		return;
	}
	L->seen |= 1u << k;
	appliers[d->kind](L, k, value, line);
}

/* Finish the value being assembled, if any. */
static void
flush(struct loader *L)
{
	struct buf v;

	if (L->pkey == NULL)
		return;
	buf_init(&v);
	if (unescape(L->pval.data, &v) < 0)
		error_at(L, L->pline, _("bad escape: only \\\\ and \\xHH are allowed."));
	else if (!valid_utf8(v.data, v.len) || strlen(v.data) != v.len)
		error_at(L, L->pline, _("the value is not valid UTF-8 text."));
	else
		apply(L, L->pkey, v.data, L->pline);
	buf_free(&v);
	free(L->pkey);
	L->pkey = NULL;
	buf_reset(&L->pval);
}

/* "note+3" is part 3 of "note": the base length, and the part number. */
static unsigned
continuation(const char *key, size_t *base)
{
	const char *plus = strrchr(key, '+');
	unsigned long n;
	char *end;

	*base = strlen(key);
	if (plus == NULL || plus == key || plus[1] < '1' || plus[1] > '9')
		return 1;
	n = strtoul(plus + 1, &end, 10);
	if (*end != '\0' || n < 2 || n > 100000)
		return 1;
	*base = (size_t)(plus - key);
	return (unsigned)n;
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct loader *L = user;
	const struct keyline *kl = &L->keys[L->next < L->nkeys ? L->next : L->nkeys - 1];
	size_t base;
	unsigned part;

	L->next++;
	if (L->section == NULL || strcmp(L->section, section) != 0) {
		flush(L);
		section_end(L);
		set_string(&L->section, section);
		L->section_line = kl->section_line;
		if (!section_begin(L, section)) {
			/* Skip the keys of an unusable section. */
			set_string(&L->section, NULL);
			L->section = xstrdup("");
		}
	}
	if (*L->section == '\0')
		return 1;
	part = continuation(name, &base);
	if (part > 1) {
		if (L->pkey == NULL || strlen(L->pkey) != base ||
		    strncmp(L->pkey, name, base) != 0 || part != L->pparts + 1) {
			error_at(L, kl->line, _("continuation \"%s\" does not follow the part before it."), name);
			return 1;
		}
		L->pparts = part;
		buf_puts(&L->pval, value);
		return 1;
	}
	flush(L);
	L->pkey = xstrdup(name);
	L->pparts = 1;
	L->pline = kl->line;
	buf_puts(&L->pval, value);
	return 1;
}

/*
 * Inventory lists need their [inventory] header, and fit in its totals.
 * A count left out (a file edited by hand) is the length of its list.
 */
static void
check_inventory(struct loader *L)
{
	struct inventory *inv = &L->m->inventory;

	if (!(L->totals_seen & 2))
		inv->below_total = inv->nbelow;
	if (!(L->totals_seen & 4))
		inv->unreadable_total = inv->nunreadable;
	if (!(L->totals_seen & 8))
		inv->duplicates_total = inv->nduplicates;

	if (!inv->present && (inv->nversions || inv->nbelow || inv->nunreadable ||
	    inv->nduplicates))
		error_at(L, 1, _("inventory lists without an [inventory] section."));
	else if (inv->nbelow > inv->below_total || inv->nunreadable > inv->unreadable_total ||
	    inv->nduplicates > inv->duplicates_total ||
	    inv->below_total + inv->unreadable_total > inv->total)
		error_at(L, 1, _("the inventory lists more agents than its total."));
}

/* Every done or deferred step must follow steps that are done or deferred. */
static void
check_order(struct loader *L)
{
	for (int i = 1; i < STEP_COUNT; i++) {
		if (L->m->steps[i].status == STATUS_PENDING)
			continue;
		for (int j = 0; j < i; j++) {
			if (L->m->steps[j].status == STATUS_PENDING) {
				if (L->m->steps[i].status == STATUS_DONE)
					error_at(L, L->step_lines[i], _("step %s is done while the earlier step %s is not."),
					    guide_steps[i].id, guide_steps[j].id);
				else
					error_at(L, L->step_lines[i], _("step %s is deferred while the earlier step %s is not done."),
					    guide_steps[i].id, guide_steps[j].id);
				return;
			}
		}
	}
}

/* Parse a state held in memory; on error *err lists every problem. */
enum state_status
state_parse(const char *path, const char *data, size_t len, struct model *m,
    char **err)
{
	struct loader L;
	enum state_status st = STATE_OK;
	char *saved_ctype;
	int rc;

	memset(&L, 0, sizeof(L));
	L.path = path;
	L.m = m;
	buf_init(&L.errors);
	buf_init(&L.pval);
	model_free(m);
	model_init(m);

	scan(&L, data, len);
	if (L.nerrors == 0 && L.nkeys > 0) {
		/* libinih tests bytes with isspace(): keep the locale's idea of spaces out. */
		saved_ctype = xstrdup(setlocale(LC_CTYPE, NULL));
		setlocale(LC_CTYPE, "C");
		rc = ini_parse_string(data, handler, &L);
		setlocale(LC_CTYPE, saved_ctype);
		free(saved_ctype);
		flush(&L);
		section_end(&L);
		if (rc != 0 && L.nerrors == 0)
			error_at(&L, rc, _("cannot parse this line."));
	}
	if (L.newer) {
		buf_reset(&L.errors);
		error_at(&L, L.newer, _("this state was written by a newer version of ses-migrate; this one reads format %d."),
		    STATE_FORMAT);
		st = STATE_NEWER;
	} else {
		if (L.nerrors == 0 && L.format_line == 0)
			error_at(&L, 1, _("not a ses-migrate state: [migration] has no format."));
		if (L.nerrors == 0)
			check_order(&L);
		if (L.nerrors == 0)
			check_inventory(&L);
		if (L.nerrors > MAX_ERRORS)
			buf_printf(&L.errors, _("%s: %d more errors not shown.\n"),
			    path, L.nerrors - MAX_ERRORS);
		if (L.nerrors > 0)
			st = STATE_BAD;
	}
	if (st != STATE_OK) {
		*err = buf_detach(&L.errors);
		model_free(m);
		model_init(m);
	}
	buf_free(&L.errors);
	buf_free(&L.pval);
	free(L.keys);
	free(L.section);
	free(L.pkey);
	return st;
}

enum state_status
state_load(const char *path, struct model *m, char **err)
{
	struct fsio_error e;
	enum fsio_status fs;
	enum state_status st;
	char *data;
	size_t len;

	fs = fsio_read(path, STATE_FILE_MAX, &data, &len, &e);
	if (fs == FSIO_NOENT)
		return STATE_NOENT;
	if (fs == FSIO_TOOBIG) {
		*err = xasprintf(_("%s:1: the file is larger than %d MiB; it cannot be a state file."),
		    path, STATE_FILE_MAX >> 20);
		return STATE_BAD;
	}
	if (fs != FSIO_OK) {
		*err = xasprintf(_("%s: cannot read the state (%s: %s)."), path,
		    e.what, strerror(e.errnum));
		return strcmp(e.what, "open") == 0 ? STATE_NOINPUT : STATE_IOERR;
	}
	st = state_parse(path, data, len, m, err);
	free(data);
	return st;
}
