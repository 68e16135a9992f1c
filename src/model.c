/* The migration in memory, and the small rules that hold it together. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model.h"
#include "text.h"
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
	model_init_for(m, migration_default());
}

void
model_init_for(struct model *m, const struct migration *mig)
{
	memset(m, 0, sizeof(*m));
	m->mig = mig;
	m->format = STATE_FORMAT;
	m->runtime_min = xstrdup(mig->runtime_minimum);
	m->inventory_max_age = DEFAULT_INVENTORY_MAX_AGE;
	m->steps = xcalloc(mig->nsteps, sizeof(*m->steps));
	m->marks = xcalloc(mig->nitems, sizeof(*m->marks));
	m->evidence = xcalloc(mig->nitems, sizeof(*m->evidence));
	strmap_init(&m->host_index, 1);
	/* An exclusion's name lives as long as the exclusion: no copy of thousands. */
	strmap_init_borrowing(&m->exclusion_index, 1);
	m->latest = xcalloc(1, sizeof(*m->latest));
	strmap_init(&m->latest->map, 0);
}

void
host_free(struct host *h)
{
	free(h->name);
	free(h->address);
	free(h->version);
	free(h->aspnetcore);
	free(h->desktop);
	free(h->sql_ports);
	free(h->syslog_ports);
	free(h->evidence_file);
	free(h->evidence_at);
	free(h->evidence_sha256);
	free(h->evidence_failed);
	free(h->evidence_rules);
	free(h->evidence_tests);
	memset(h, 0, sizeof(*h));
}

void
exclusion_free(struct exclusion *x)
{
	if (!x->packed) {
		free(x->name);
		free(x->reason);
		free(x->by);
		free(x->at);
	}
	memset(x, 0, sizeof(*x));
}

void
event_free(struct event *e)
{
	if (!e->packed) {
		free(e->at);
		free(e->by);
		free(e->code);
		free(e->subject);
	}
	free(e->reason);
	free(e->last);
	memset(e, 0, sizeof(*e));
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
	for (size_t i = 0; i < inv->nbelow && !inv->below_packed; i++) {
		free(inv->below[i].name);
		free(inv->below[i].version);
	}
	if (!inv->below_packed)
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
	free(m->language);
	free(m->siem_sources);
	inventory_free(&m->inventory);
	for (size_t i = 0; i < m->nexclusions; i++)
		exclusion_free(&m->exclusions[i]);
	free(m->exclusions);
	if (m->evidence != NULL)
		for (size_t i = 0; i < m->mig->nitems; i++)
			evidence_free(&m->evidence[i]);
	free(m->evidence);
	for (size_t i = 0; i < m->nhosts; i++)
		host_free(&m->hosts[i]);
	free(m->hosts);
	if (m->steps != NULL)
		for (size_t i = 0; i < m->mig->nsteps; i++)
		{
			step_record_set(&m->steps[i], STATUS_PENDING, NULL, NULL);
			free(m->steps[i].note);
		}
	free(m->steps);
	if (m->marks != NULL)
		for (size_t i = 0; i < m->mig->nitems; i++)
			mark_clear(&m->marks[i]);
	free(m->marks);
	for (size_t i = 0; i < m->nevents; i++)
		event_free(&m->events[i]);
	free(m->events);
	strmap_free(&m->host_index);
	strmap_free(&m->exclusion_index);
	if (m->latest != NULL)
		strmap_free(&m->latest->map);
	free(m->latest);
	arena_free(&m->strings);
	free(m->source);
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
 * complete until it is done.  The number of steps means complete.
 */
size_t
model_current_step(const struct model *m)
{
	for (size_t i = 0; i < m->mig->nsteps; i++)
		if (m->steps[i].status == STATUS_PENDING)
			return i;
	for (size_t i = 0; i < m->mig->nsteps; i++)
		if (m->steps[i].status == STATUS_DEFERRED)
			return i;
	return m->mig->nsteps;
}

enum step_status
model_step_status(const struct model *m, size_t step)
{
	if (m->steps[step].status != STATUS_PENDING)
		return m->steps[step].status;
	return step == model_current_step(m) ? STATUS_ACTIVE : STATUS_PENDING;
}

size_t
model_steps_done(const struct model *m)
{
	size_t n = 0;

	for (size_t i = 0; i < m->mig->nsteps; i++)
		n += m->steps[i].status == STATUS_DONE;
	return n;
}

int
model_complete(const struct model *m)
{
	return model_current_step(m) == m->mig->nsteps;
}

struct host *
model_host_find(const struct model *m, const char *name)
{
	size_t i;

	if (!strmap_get(&m->host_index, name, strlen(name), &i))
		return NULL;
	return &m->hosts[i];
}

struct host *
model_host_add(struct model *m, const char *name)
{
	struct host h;

	memset(&h, 0, sizeof(h));
	h.name = xstrdup(name);
	if (model_host_adopt(m, &h) < 0)
		abort();	/* the caller checked the name was new */
	return &m->hosts[m->nhosts - 1];
}

int
model_host_adopt(struct model *m, struct host *h)
{
	size_t at;

	/* Looked up first: putting a name already there would repoint it. */
	if (strmap_get(&m->host_index, h->name, strlen(h->name), &at))
		return -1;
	strmap_put(&m->host_index, h->name, strlen(h->name), m->nhosts);
	m->hosts = xappend(m->hosts, m->nhosts, sizeof(*m->hosts));
	m->hosts[m->nhosts++] = *h;
	memset(h, 0, sizeof(*h));
	return 0;
}

void
model_host_remove(struct model *m, struct host *h)
{
	size_t i = (size_t)(h - m->hosts);

	host_free(h);
	memmove(&m->hosts[i], &m->hosts[i + 1],
	    (m->nhosts - i - 1) * sizeof(*m->hosts));
	m->nhosts--;
	strmap_clear(&m->host_index);
	for (i = 0; i < m->nhosts; i++)
		strmap_put(&m->host_index, m->hosts[i].name,
		    strlen(m->hosts[i].name), i);
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
	size_t i;

	if (!strmap_get(&m->exclusion_index, name, strlen(name), &i))
		return NULL;
	return &m->exclusions[i];
}

void
model_exclusion_add(struct model *m, const char *name, const char *reason,
    const struct actor *a)
{
	struct exclusion x;

	x.name = xstrdup(name);
	x.reason = xstrdup(reason);
	x.by = xstrdup(a->who);
	x.at = time_format(a->when);
	x.packed = 0;
	if (model_exclusion_adopt(m, &x) < 0)
		abort();	/* the caller checked it was not excluded */
}

int
model_exclusion_adopt(struct model *m, struct exclusion *x)
{
	size_t at;

	if (strmap_get(&m->exclusion_index, x->name, strlen(x->name), &at))
		return -1;
	strmap_put(&m->exclusion_index, x->name, strlen(x->name), m->nexclusions);
	m->exclusions = xappend(m->exclusions, m->nexclusions,
	    sizeof(*m->exclusions));
	m->exclusions[m->nexclusions++] = *x;
	memset(x, 0, sizeof(*x));
	return 0;
}

void
model_exclusion_remove(struct model *m, size_t i)
{
	exclusion_free(&m->exclusions[i]);
	memmove(&m->exclusions[i], &m->exclusions[i + 1],
	    (m->nexclusions - i - 1) * sizeof(*m->exclusions));
	m->nexclusions--;
	strmap_clear(&m->exclusion_index);
	for (i = 0; i < m->nexclusions; i++)
		strmap_put(&m->exclusion_index, m->exclusions[i].name,
		    strlen(m->exclusions[i].name), i);
}

void
model_event_add(struct model *m, const struct actor *a, const char *code,
    const char *subject, const char *reason)
{
	const char *key = subject != NULL ? subject : "";
	struct event e;
	size_t i;

	if (reason != NULL && *reason == '\0')
		reason = NULL;
	if (model_latest_event(m, key, &i)) {
		struct event *last = &m->events[i];

		if (strcmp(last->code, code) == 0 && strcmp(last->by, a->who) == 0 &&
		    text_same(last->reason, reason) && last->count < EVENT_COUNT_MAX) {
			last->count++;
			free(last->last);
			last->last = time_format(a->when);
			last->checked = 0;
			last->src = NULL;
			return;
		}
	}
	e.at = time_format(a->when);
	e.by = xstrdup(a->who);
	e.code = xstrdup(code);
	e.subject = subject != NULL ? xstrdup(subject) : NULL;
	e.reason = reason != NULL ? xstrdup(reason) : NULL;
	e.count = 1;
	e.last = NULL;
	e.checked = 0;
	e.packed = 0;
	e.src = NULL;
	e.srclen = 0;
	model_event_adopt(m, &e);
}

void
model_events_reserve(struct model *m, size_t n)
{
	struct event *grown;

	if (n <= m->events_cap)
		return;
	grown = big_alloc(n, sizeof(*grown), 0);
	if (m->nevents > 0)
		memcpy(grown, m->events, m->nevents * sizeof(*grown));
	free(m->events);
	m->events = grown;
	m->events_cap = n;
}

void
model_event_adopt(struct model *m, struct event *e)
{
	if (m->nevents == m->events_cap) {
		m->events_cap = m->events_cap ? 2 * m->events_cap : 16;
		m->events = xreallocarray(m->events, m->events_cap, sizeof(*m->events));
	}
	m->events[m->nevents++] = *e;
	memset(e, 0, sizeof(*e));
}

int
model_latest_event(const struct model *m, const char *subject, size_t *i)
{
	struct latest_index *x = m->latest;

	for (; x->upto < m->nevents; x->upto++) {
		const char *key = m->events[x->upto].subject;

		if (key == NULL)
			key = "";
		strmap_put(&x->map, key, strlen(key), x->upto);
	}
	return strmap_get(&x->map, subject, strlen(subject), i);
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

/* "backend,agent-handler", in the fixed order of the role table, into buf. */
const char *
role_list_text(unsigned roles, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < NROLES; i++) {
		if (!(roles & role_names[i].role))
			continue;
		used += (size_t)snprintf(buf + used, used < size ? size - used : 0,
		    "%s%s", used ? "," : "", role_names[i].name);
	}
	return buf;
}

char *
role_format_list(unsigned roles)
{
	char out[64];

	return xstrdup(role_list_text(roles, out, sizeof(out)));
}

const char *
role_name(unsigned role)
{
	for (size_t i = 0; i < NROLES; i++)
		if (role_names[i].role == role)
			return role_names[i].name;
	return "?";
}
