/* The migration in memory, and the small rules that hold it together. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"
#include "xalloc.h"

static const struct {
	unsigned	 role;
	const char	*name;
} role_names[] = {
	{ ROLE_BACKEND, "backend" },
	{ ROLE_AGENT_HANDLER, "agent-handler" },
	{ ROLE_CONSOLE, "console" },
	{ ROLE_SQL, "sql" },
	{ ROLE_SYSLOG, "syslog" },
};
#define NROLES (sizeof(role_names) / sizeof(role_names[0]))

void
model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	m->format = STATE_FORMAT;
	m->runtime_min = xstrdup(DEFAULT_RUNTIME_MIN);
	m->inventory_max_age = DEFAULT_INVENTORY_MAX_AGE;
	m->marks = xcalloc(guide_nitems, sizeof(*m->marks));
	m->evidence = xcalloc(guide_nitems, sizeof(*m->evidence));
}

static void
host_free(struct host *h)
{
	free(h->name);
	free(h->address);
	free(h->version);
	free(h->aspnetcore);
	free(h->desktop);
	free(h->sql_ports);
	free(h->syslog_ports);
}

void
inventory_free(struct inventory *inv)
{
	free(inv->file);
	free(inv->sha256);
	free(inv->imported_at);
	free(inv->imported_by);
	for (size_t i = 0; i < inv->nversions; i++)
		free(inv->versions[i].version);
	free(inv->versions);
	for (size_t i = 0; i < inv->nbelow; i++) {
		free(inv->below[i].name);
		free(inv->below[i].version);
	}
	free(inv->below);
	for (size_t i = 0; i < inv->nunreadable; i++)
		free(inv->unreadable[i].name);
	free(inv->unreadable);
	for (size_t i = 0; i < inv->nduplicates; i++)
		free(inv->duplicates[i]);
	free(inv->duplicates);
	memset(inv, 0, sizeof(*inv));
}

void
evidence_free(struct evidence *e)
{
	free(e->at);
	free(e->failed);
	free(e->waiver);
	free(e->waived_by);
	free(e->waived_at);
	memset(e, 0, sizeof(*e));
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	free(m->created_at);
	free(m->created_by);
	free(m->runtime_min);
	free(m->agent_networks);
	free(m->siem_sources);
	inventory_free(&m->inventory);
	for (size_t i = 0; i < m->nexclusions; i++) {
		free(m->exclusions[i].name);
		free(m->exclusions[i].reason);
		free(m->exclusions[i].by);
		free(m->exclusions[i].at);
	}
	free(m->exclusions);
	if (m->evidence != NULL)
		for (size_t i = 0; i < guide_nitems; i++)
			evidence_free(&m->evidence[i]);
	free(m->evidence);
	for (size_t i = 0; i < m->nhosts; i++)
		host_free(&m->hosts[i]);
	free(m->hosts);
	for (int i = 0; i < STEP_COUNT; i++)
		step_record_set(&m->steps[i], STATUS_PENDING, NULL, NULL);
	if (m->marks != NULL)
		for (size_t i = 0; i < guide_nitems; i++)
			mark_clear(&m->marks[i]);
	free(m->marks);
	for (size_t i = 0; i < m->nevents; i++) {
		free(m->events[i].at);
		free(m->events[i].by);
		free(m->events[i].code);
		free(m->events[i].subject);
		free(m->events[i].reason);
	}
	free(m->events);
	memset(m, 0, sizeof(*m));
}

/* Replace *dst by a copy of src (NULL clears it). */
void
set_string(char **dst, const char *src)
{
	char *copy = src != NULL ? xstrdup(src) : NULL;

	free(*dst);
	*dst = copy;
}

/*
 * The current step is the first one neither done nor deferred.  When only a
 * deferred step is left, it becomes current again: the migration is not
 * complete until it is done.  STEP_COUNT means complete.
 */
int
model_current_step(const struct model *m)
{
	for (int i = 0; i < STEP_COUNT; i++)
		if (m->steps[i].status == STATUS_PENDING)
			return i;
	for (int i = 0; i < STEP_COUNT; i++)
		if (m->steps[i].status == STATUS_DEFERRED)
			return i;
	return STEP_COUNT;
}

enum step_status
model_step_status(const struct model *m, int step)
{
	if (m->steps[step].status != STATUS_PENDING)
		return m->steps[step].status;
	return step == model_current_step(m) ? STATUS_ACTIVE : STATUS_PENDING;
}

int
model_complete(const struct model *m)
{
	return model_current_step(m) == STEP_COUNT;
}

struct host *
model_host_find(const struct model *m, const char *name)
{
	for (size_t i = 0; i < m->nhosts; i++)
		if (strcasecmp(m->hosts[i].name, name) == 0)
			return &m->hosts[i];
	return NULL;
}

/* Append a host with no role; the caller has checked the name is new. */
struct host *
model_host_add(struct model *m, const char *name)
{
	struct host *h;

	m->hosts = xreallocarray(m->hosts, m->nhosts + 1, sizeof(*m->hosts));
	h = &m->hosts[m->nhosts++];
	memset(h, 0, sizeof(*h));
	h->name = xstrdup(name);
	return h;
}

void
model_host_remove(struct model *m, struct host *h)
{
	size_t i = (size_t)(h - m->hosts);

	host_free(h);
	memmove(&m->hosts[i], &m->hosts[i + 1],
	    (m->nhosts - i - 1) * sizeof(*m->hosts));
	m->nhosts--;
}

/* A backend is co-located when its host also holds an agent handler. */
int
model_has_colocated_backend(const struct model *m)
{
	for (size_t i = 0; i < m->nhosts; i++) {
		unsigned r = m->hosts[i].roles;

		if ((r & ROLE_BACKEND) && (r & ROLE_AGENT_HANDLER))
			return 1;
	}
	return 0;
}

const struct exclusion *
model_exclusion_find(const struct model *m, const char *name)
{
	for (size_t i = 0; i < m->nexclusions; i++)
		if (m->exclusions[i].name != NULL &&
		    strcasecmp(m->exclusions[i].name, name) == 0)
			return &m->exclusions[i];
	return NULL;
}

void
model_exclusion_add(struct model *m, const char *name, const char *reason,
    const struct actor *a)
{
	struct exclusion *x;

	m->exclusions = xreallocarray(m->exclusions, m->nexclusions + 1,
	    sizeof(*m->exclusions));
	x = &m->exclusions[m->nexclusions++];
	x->name = xstrdup(name);
	x->reason = xstrdup(reason);
	x->by = xstrdup(a->who);
	x->at = time_format(a->when);
}

void
model_event_add(struct model *m, const struct actor *a, const char *code,
    const char *subject, const char *reason)
{
	struct event *e;

	m->events = xreallocarray(m->events, m->nevents + 1, sizeof(*m->events));
	e = &m->events[m->nevents++];
	e->at = time_format(a->when);
	e->by = xstrdup(a->who);
	e->code = xstrdup(code);
	e->subject = subject != NULL ? xstrdup(subject) : NULL;
	e->reason = reason != NULL && *reason ? xstrdup(reason) : NULL;
}

void
mark_set(struct mark *k, const struct actor *a, const char *note)
{
	mark_clear(k);
	k->by = xstrdup(a->who);
	k->at = time_format(a->when);
	k->note = note != NULL && *note ? xstrdup(note) : NULL;
}

void
mark_clear(struct mark *k)
{
	set_string(&k->by, NULL);
	set_string(&k->at, NULL);
	set_string(&k->note, NULL);
}

/* Record a step's status; a NULL actor clears who and when. */
void
step_record_set(struct step_record *r, enum step_status status,
    const struct actor *a, const char *reason)
{
	r->status = status;
	set_string(&r->by, a != NULL ? a->who : NULL);
	free(r->at);
	r->at = a != NULL ? time_format(a->when) : NULL;
	set_string(&r->reason, reason != NULL && *reason ? reason : NULL);
}

/* Parse "backend,agent-handler": 0, or -1 with *bad naming the culprit. */
int
role_parse_list(const char *list, unsigned *roles, char **bad)
{
	const char *p = list;

	*roles = 0;
	*bad = NULL;
	while (*p != '\0') {
		size_t n = strcspn(p, ",");
		size_t i;

		for (i = 0; i < NROLES; i++)
			if (strlen(role_names[i].name) == n &&
			    strncmp(role_names[i].name, p, n) == 0)
				break;
		if (i == NROLES) {
			*bad = xstrndup(p, n);
			return -1;
		}
		*roles |= role_names[i].role;
		p += n;
		if (*p == ',')
			p++;
	}
	if (*roles == 0) {
		*bad = xstrdup(list);
		return -1;
	}
	return 0;
}

/* "backend,agent-handler", in the fixed order of the role table. */
char *
role_format_list(unsigned roles)
{
	char out[128] = "";

	for (size_t i = 0; i < NROLES; i++) {
		if (!(roles & role_names[i].role))
			continue;
		if (out[0] != '\0')
			strcat(out, ",");
		strcat(out, role_names[i].name);
	}
	return xstrdup(out);
}

const char *
role_name(unsigned role)
{
	for (size_t i = 0; i < NROLES; i++)
		if (role_names[i].role == role)
			return role_names[i].name;
	return "?";
}

/* ISO 8601 in UTC, the only form of time a state file holds. */
char *
time_format(time_t t)
{
	struct tm tm;
	char s[32];

	gmtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(s);
}

/* The time_format() string s as a time_t; the caller has checked it. */
time_t
time_parse(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
		return 0;
	return timegm(&tm);
}

/* Whether s is a time as time_format writes it. */
int
time_valid(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	for (i = 0; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return 0;
	}
	return s[i] == '\0';
}
