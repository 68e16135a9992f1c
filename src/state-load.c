/*
 * Reading the state.  After the raw pass (state-scan.c), libinih parses the
 * sections of fixed size and the raw pass hands over the keys of the bulk
 * sections (the lists, exclusions and events) itself, or their entries
 * read whole when they are plain (state-plain.c); every value, from any
 * of them, is checked against its key in the schema before it is stored;
 * the rules that span keys and sections (the order of the steps, the
 * inventory's totals, a host declared twice) are checked here.  Every
 * error found is reported, not just the first, each as FILE:LINE.
 */
#include <config.h>

#include <errno.h>
#include <ini.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "fsio.h"
#include "i18n.h"
#include "state-loader.h"
#include "state.h"
#include "text.h"
#include "validate.h"
#include "xalloc.h"

#define error_at loader_error

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

/* Check v against k; report it at line if it fails. */
static int
check(struct loader *L, int line, const struct schema_key *k, const char *v)
{
	char *why = NULL;

	if (schema_check(k, v, L->m->mig, L->now, &why))
		return 1;
	error_at(L, line, "%s: %s", k->name, why);
	free(why);
	return 0;
}

/* The history entry or format 1 event being read goes into the model. */
static void
event_close(struct loader *L)
{
	struct event *e = &L->event;

	if (!L->event_open)
		return;
	L->event_open = 0;
	if ((e->count > 1) != (e->last != NULL))
		error_at(L, L->event_line, _("an event folded from several needs both its count and its last time."));
	else if (e->last != NULL && time_parse(e->last) < time_parse(e->at))
		error_at(L, L->event_line, _("an event's last time comes before its first."));
	if (e->at == NULL || e->by == NULL || e->code == NULL || L->nerrors > 0) {
		event_free(e);
		return;
	}
	if (e->subject != NULL && *e->subject == '\0') {
		if (e->packed)
			e->subject = NULL;
		else
			set_string(&e->subject, NULL);
	}
	e->checked = 1;		/* each field passed check() to get here */
	model_event_adopt(L->m, e);
}

static void
event_open(struct loader *L, int line)
{
	event_close(L);
	memset(&L->event, 0, sizeof(L->event));
	L->event.count = 1;
	L->event_open = 1;
	L->event_line = line;
}

static void
add_entry(struct loader *L, char **f)
{
	struct inventory *inv = &L->m->inventory;

	switch (L->list_kind) {
	case LIST_VERSIONS:
		inv->versions = xappend(inv->versions, inv->nversions, sizeof(*inv->versions));
		inv->versions[inv->nversions].version = f[0];
		inv->versions[inv->nversions++].count = strtoul(f[1], NULL, 10);
		free(f[1]);
		break;
	case LIST_BELOW:
		/* The first pass counted the entries: there is room for each. */
		if (inv->nbelow == inv->below_cap)
			abort();
		inv->below[inv->nbelow].version = f[0];
		inv->below[inv->nbelow++].name = f[1];
		break;
	case LIST_UNREADABLE:
		inv->unreadable = xappend(inv->unreadable, inv->nunreadable,
		    sizeof(*inv->unreadable));
		inv->unreadable[inv->nunreadable].line = strtoul(f[0], NULL, 10);
		inv->unreadable[inv->nunreadable++].name = f[1];
		free(f[0]);
		break;
	case LIST_DUPLICATES:
		inv->duplicates = xappend(inv->duplicates, inv->nduplicates,
		    sizeof(*inv->duplicates));
		inv->duplicates[inv->nduplicates++] = f[0];
		break;
	default:
		abort();	/* section_begin set the kind of every list */
	}
}

/* Whether the len bytes at key are the number n, written as the writer writes it. */
static int
key_is(const char *key, size_t len, unsigned long n)
{
	unsigned long v = 0;

	/* 19 digits at most: no wrapping round to a small number. */
	if (len == 0 || len > 19 || key[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (key[i] < '0' || key[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(key[i] - '0');
	}
	return v == n;
}

/* One entry of a list section: "N = FIELDS...", or one of its "N.KEY". */
static void
apply_list(struct loader *L, const char *key, const char *value, int line)
{
	const struct schema_section *d = L->def;
	char want[24], *f[LOADER_FIELDS_MAX];
	size_t n = L->list_fields, dot = strcspn(key, ".");
	int ok = 1, history = L->list_kind == LIST_HISTORY;
	int packed = list_packed(L->list_kind);

	if (key[dot] == '.') {
		const struct schema_key *k = schema_key_find(d, key + dot + 1);

		if (k == NULL || !L->event_open || !key_is(key, dot, L->list_next - 1)) {
			error_at(L, line, _("in section [%s], key \"%s\" is not expected here."),
			    L->section, key);
			return;
		}
		if (check(L, line, k, value))
			schema_field_set(k, &L->event, value);
		/* The event's lines go on, unless something came between. */
		if (L->event.src != NULL && L->pstart == L->event.src + L->event.srclen)
			L->event.srclen = (size_t)(L->pend - L->event.src);
		else
			L->event.src = NULL;
		return;
	}
	if (!key_is(key, dot, L->list_next)) {
		ulong_text(want, L->list_next);
		error_at(L, line, _("in section [%s], key %s was expected here, not \"%s\"."),
		    L->section, want, key);
		return;
	}
	L->list_next++;
	event_close(L);
	if ((packed ? schema_entry_split_packed(&L->m->strings, value, n, f) :
	    schema_entry_split(value, n, f)) < 0) {
		char *shown = text_visible(value, strlen(value));

		error_at(L, line, _("\"%s\" is not a valid entry of this list."), shown);
		free(shown);
		return;
	}
	for (size_t i = 0; i < n && ok; i++) {
		/*
		 * A field as the entry before had it passed already: a check
		 * depends on nothing but the value (the stragglers share a few
		 * versions, the history its operators and codes).  Packed
		 * fields stay where they are until the model goes.
		 */
		if (packed && L->passed[i] != NULL && strcmp(L->passed[i], f[i]) == 0)
			continue;
		if ((ok = check(L, line, d->fields[i], f[i])) && packed)
			L->passed[i] = f[i];
	}
	if (!ok) {
		for (size_t i = 0; i < n && !packed; i++)
			free(f[i]);
		return;
	}
	if (history) {
		/* Its fields are the event's strings, at first. */
		event_open(L, line);
		for (size_t i = 0; i < n; i++)
			schema_field_point(d->fields[i], &L->event, f[i]);
		L->event.packed = 1;
		if (L->keep && L->pstart != NULL) {
			L->event.src = L->pstart;
			L->event.srclen = (size_t)(L->pend - L->pstart);
		}
		return;
	}
	add_entry(L, f);
}

/* [migration] format: ours or older; a newer one was caught by the scan. */
static void
apply_format(struct loader *L, const char *v, int line)
{
	if (!check(L, line, schema_key_find(L->def, "format"), v))
		return;
	L->format_line = line;
	if (strtol(v, NULL, 10) > STATE_FORMAT)
		L->newer = line;
	L->m->format = STATE_FORMAT;
}

/* Give a whole (unescaped) value its meaning. */
static void
apply(struct loader *L, const char *key, const char *value, int line)
{
	const struct schema_key *const *k;
	size_t i = 0;

	if (L->def->shape == SHAPE_LIST) {
		apply_list(L, key, value, line);
		return;
	}
	for (k = L->def->keys; *k != NULL && strcmp((*k)->name, key) != 0; k++)
		i++;
	if (*k == NULL) {
		error_at(L, line, _("unknown key \"%s\" in section [%s]."), key, L->section);
		return;
	}
	L->seen |= 1ul << i;
	if ((*k)->field == F_NONE) {
		/* format, and id (which the first pass read). */
		if (strcmp((*k)->name, "format") == 0)
			apply_format(L, value, line);
		else
			check(L, line, *k, value);
		return;
	}
	if (!check(L, line, *k, value))
		return;
	if (L->obj == &L->exclusion && (*k)->field == F_STR) {
		/*
		 * Thousands of exclusions in a large migration: their strings
		 * packed as the history's, not as many small blocks (their
		 * pages faulted one by one).  The first pass made the room.
		 */
		size_t n = strlen(value) + 1;
		char *p = arena_alloc(&L->m->strings, n);

		memcpy(p, value, n);
		schema_field_point(*k, L->obj, p);
		L->exclusion.packed = 1;
	} else {
		schema_field_set(*k, L->obj, value);
	}
	for (size_t st = 0; st < L->m->mig->nsteps; st++)
		if (L->obj == &L->m->steps[st] && !L->m->mig->steps[st].deferrable &&
		    L->m->steps[st].status == STATUS_DEFERRED)
			error_at(L, line, _("step %s cannot be deferred."), L->m->mig->steps[st].id);
	if (L->obj == &L->m->inventory) {
		L->m->inventory.present = 1;
		L->totals_seen |= 1u << i;
	}
}

/* Set up the object a section describes; 0 if the section is unusable. */
static int
section_begin(struct loader *L, const char *name)
{
	const char *suffix;
	int i;

	L->seen = 0;
	L->obj = NULL;
	L->list_next = 1;
	memset(L->passed, 0, sizeof(L->passed));
	if ((L->def = schema_section_find(name, &suffix)) == NULL) {
		/* The first pass should have refused it: libinih read it otherwise. */
		error_at(L, L->section_line, _("cannot read this section."));
		return 0;
	}
	L->list_kind = loader_list_kind(L->def);
	for (L->list_fields = 0; L->list_kind != LIST_NONE &&
	    L->def->fields[L->list_fields] != NULL; L->list_fields++)
		;
	if (L->list_fields > LOADER_FIELDS_MAX)
		abort();	/* a list of the schema wider than the loader holds */
	if (strcmp(L->def->name, "migration") == 0 || strcmp(L->def->name, "settings") == 0)
		L->obj = L->m;
	else if (strcmp(L->def->name, "inventory") == 0)
		L->obj = &L->m->inventory;
	else if (strcmp(L->def->name, "host.") == 0) {
		memset(&L->host, 0, sizeof(L->host));
		L->obj = &L->host;
	} else if (strcmp(L->def->name, "exclusion.") == 0) {
		memset(&L->exclusion, 0, sizeof(L->exclusion));
		L->obj = &L->exclusion;
	} else if (strcmp(L->def->name, "event.") == 0) {
		event_open(L, L->section_line);
		L->obj = &L->event;
	} else if (strcmp(L->def->name, "step.") == 0) {
		if ((i = migration_step_find(L->m->mig, suffix)) < 0) {
			error_at(L, L->section_line, _("unknown step \"%s\"."), suffix);
			return 0;
		}
		L->step_lines[i] = L->section_line;
		L->obj = &L->m->steps[i];
	} else if (strcmp(L->def->name, "item.") == 0) {
		i = migration_item_find(L->m->mig, suffix);
		if (i < 0 || L->m->mig->items[i].kind != ITEM_TICK) {
			error_at(L, L->section_line, _("\"%s\" is not an item that operators confirm."), suffix);
			return 0;
		}
		L->obj = &L->m->marks[i];
	} else if (strcmp(L->def->name, "evidence.") == 0) {
		i = migration_item_find(L->m->mig, suffix);
		if (i < 0 || L->m->mig->items[i].kind != ITEM_EVIDENCE) {
			error_at(L, L->section_line, _("\"%s\" is not a probe item."), suffix);
			return 0;
		}
		L->obj = &L->m->evidence[i];
	}
	return 1;
}

/* The section just finished: every key it needs, and its object stored. */
static void
section_end(struct loader *L)
{
	const struct schema_key *const *k;
	size_t i = 0;

	if (L->def == NULL)
		return;
	for (k = L->def->keys; *k != NULL; k++, i++)
		if ((*k)->required && !(L->seen & (1ul << i)))
			error_at(L, L->section_line, _("section [%s] lacks the key \"%s\"."),
			    L->section, (*k)->name);
	if (L->obj == &L->host) {
		if (L->host.name != NULL && model_host_adopt(L->m, &L->host) < 0)
			error_at(L, L->section_line, _("host %s is declared twice."), L->host.name);
		host_free(&L->host);
	} else if (L->obj == &L->exclusion) {
		if (L->exclusion.name != NULL && L->exclusion.reason != NULL &&
		    model_exclusion_adopt(L->m, &L->exclusion) < 0)
			error_at(L, L->section_line, _("agent %s is excluded twice."),
			    L->exclusion.name);
		exclusion_free(&L->exclusion);
	} else if (L->obj == NULL && L->def->shape != SHAPE_LIST) {
		return;
	}
	if (L->def->shape == SHAPE_LIST || L->obj == &L->event)
		event_close(L);
	for (size_t e = 0; e < L->m->mig->nitems; e++)
		if (L->obj == &L->m->evidence[e] &&
		    (L->m->evidence[e].at != NULL) != (L->m->evidence[e].verdict != VERDICT_NONE))
			error_at(L, L->section_line, _("a probe's time and result go together."));
	L->def = NULL;
}

/* Finish the value being assembled, if any. */
static void
flush(struct loader *L)
{
	struct buf v;

	if (L->pkey == NULL)
		return;
	if (memchr(L->pval.data, '\\', L->pval.len) == NULL) {
		/*
		 * Nothing escaped, as most values: the first pass found its
		 * line valid UTF-8 without a NUL, and so is a value cut from
		 * it at an ASCII '=' or space.
		 */
		apply(L, L->pkey, L->pval.data, L->pline);
	} else {
		buf_init(&v);
		if (unescape(L->pval.data, &v) < 0)
			error_at(L, L->pline, _("bad escape: only \\\\ and \\xHH are allowed."));
		else if (!valid_utf8(v.data, v.len) || strlen(v.data) != v.len)
			error_at(L, L->pline, _("the value is not valid UTF-8 text."));
		else
			apply(L, L->pkey, v.data, L->pline);
		buf_free(&v);
	}
	L->pkey = NULL;
	buf_reset(&L->pval);
}

/* "note+3" is part 3 of "note": the base length, and the part number. */
static unsigned
continuation(const char *key, size_t len, size_t *base)
{
	const char *plus = NULL;
	unsigned long n = 0;

	*base = len;
	for (size_t i = len; i > 0; i--)
		if (key[i - 1] == '+') {
			plus = key + i - 1;
			break;
		}
	if (plus == NULL || plus == key || plus[1] < '1' || plus[1] > '9')
		return 1;
	for (const char *d = plus + 1; d < key + len; d++) {
		if (*d < '0' || *d > '9' || n > 100000)
			return 1;
		n = n * 10 + (unsigned long)(*d - '0');
	}
	if (n < 2 || n > 100000)
		return 1;
	*base = (size_t)(plus - key);
	return (unsigned)n;
}

/*
 * Past the newline of the line whose text ends at p (its trailing blanks
 * between), or at the end of the text; NULL if the line ends in CR-LF,
 * which the writer does not copy but rewrites.
 */
static const char *
line_end(const struct loader *L, const char *p)
{
	for (; p < L->data_end && *p != '\n'; p++)
		if (*p == '\r')
			return NULL;
	return p < L->data_end ? p + 1 : p;
}

/* The section of the key about to be taken: the one before ends if it is another. */
static void
enter_section(struct loader *L, const char *section, size_t seclen, int section_line)
{
	if (L->section != NULL && L->section_len == seclen &&
	    memcmp(L->section, section, seclen) == 0)
		return;
	flush(L);
	section_end(L);
	free(L->section);
	L->section = xstrndup(section, seclen);
	L->section_len = seclen;
	L->section_line = section_line;
	if (!section_begin(L, L->section)) {
		/* Skip the keys of an unusable section: none has an empty name. */
		set_string(&L->section, "");
		L->section_len = 0;
		L->def = NULL;
	}
}

/*
 * [inventory-below] or [history] (kind), which the first pass found
 * plain, read, and counted.
 */
static void
take_plain(struct loader *L, const char *section, size_t seclen, int section_line,
    enum list_kind kind)
{
	struct inventory *inv = &L->m->inventory;
	struct model *m = L->m;
	size_t n;

	enter_section(L, section, seclen, section_line);
	if (L->list_kind != kind || L->list_next != 1 || L->event_open)
		abort();	/* the first pass read this section, and nothing of it came before */
	if (kind == LIST_BELOW) {
		if (inv->below != L->plain_below.entries || inv->nbelow != 0)
			abort();	/* choose_migration gave the model the entries */
		inv->nbelow = n = L->plain_below.n;
	} else {
		n = L->plain_history.n;
		if (m->nevents == 0) {
			/* As most states: the history is the only events, and its array is the model's. */
			free(m->events);
			m->events = L->plain_history.events;
			m->events_cap = L->plain_history.cap;
		} else {
			/* After format 1's [event.N] sections. */
			model_events_reserve(m, m->nevents + n);
			memcpy(m->events + m->nevents, L->plain_history.events, n * sizeof(*m->events));
			free(L->plain_history.events);
		}
		m->nevents += n;
		L->plain_history.events = NULL;
		L->plain_history.n = 0;
	}
	L->list_next += n;
}

/* One key: from libinih, or from the file itself (the bulk sections). */
static void
take(struct loader *L, const char *section, size_t seclen, int section_line,
    const char *name, size_t nlen, const char *value, size_t vlen, int line,
    int from_file)
{
	size_t base;
	unsigned part;

	enter_section(L, section, seclen, section_line);
	if (L->def == NULL)
		return;
	part = continuation(name, nlen, &base);
	if (part > 1) {
		if (L->pkey == NULL || strlen(L->pkey) != base ||
		    strncmp(L->pkey, name, base) != 0 || part != L->pparts + 1) {
			char *shown = xstrndup(name, nlen);

			error_at(L, line, _("continuation \"%s\" does not follow the part before it."), shown);
			free(shown);
			return;
		}
		L->pparts = part;
		buf_add(&L->pval, value, vlen);
		/* Its lines, if nothing (a comment) came between. */
		if (L->pstart != NULL && from_file && name == L->pend &&
		    (L->pend = line_end(L, value + vlen)) != NULL)
			return;
		L->pstart = NULL;
		return;
	}
	flush(L);
	L->pend = from_file ? line_end(L, value + vlen) : NULL;
	L->pstart = L->pend != NULL ? name : NULL;
	buf_reset(&L->pkey_buf);
	buf_add(&L->pkey_buf, name, nlen);
	L->pkey = L->pkey_buf.data;
	L->pparts = 1;
	L->pline = line;
	buf_add(&L->pval, value, vlen);
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct loader *L = user;
	const struct keyline *kl = &L->keys[L->next < L->nkeys ? L->next : L->nkeys - 1];

	L->next++;
	take(L, section, strlen(section), kl->section_line, name, strlen(name),
	    value, strlen(value), kl->line, 0);
	return 1;
}

/* A key of the bulk sections, pointing into the file. */
static void
take_key(struct loader *L, const char *section, size_t seclen, int section_line,
    const char *name, size_t nlen, const char *value, size_t vlen, int line)
{
	take(L, section, seclen, section_line, name, nlen, value, vlen, line, 1);
}

/*
 * Inventory lists need their [inventory] header, and fit in its totals.
 * A count left out (a file edited by hand) is the length of its list.
 */
static void
check_inventory(struct loader *L)
{
	struct inventory *inv = &L->m->inventory;

	/* Bits 5, 6 and 7 are below-total, unreadable-total, duplicates-total. */
	if (!(L->totals_seen & (1u << 5)))
		inv->below_total = inv->nbelow;
	if (!(L->totals_seen & (1u << 6)))
		inv->unreadable_total = inv->nunreadable;
	if (!(L->totals_seen & (1u << 7)))
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
	const struct migration *mig = L->m->mig;

	for (size_t i = 1; i < mig->nsteps; i++) {
		if (L->m->steps[i].status == STATUS_PENDING)
			continue;
		for (size_t j = 0; j < i; j++) {
			if (L->m->steps[j].status == STATUS_PENDING) {
				if (L->m->steps[i].status == STATUS_DONE)
					error_at(L, L->step_lines[i], _("step %s is done while the earlier step %s is not."),
					    mig->steps[i].id, mig->steps[j].id);
				else
					error_at(L, L->step_lines[i], _("step %s is deferred while the earlier step %s is not done."),
					    mig->steps[i].id, mig->steps[j].id);
				return;
			}
		}
	}
}

/*
 * The migration the state follows, set before libinih reads the rest:
 * its steps and items are what the sections name.  0 if it is unknown.
 */
static int
choose_migration(struct loader *L)
{
	const struct migration *mig = migration_default();
	struct inventory *inv;
	struct arena kept;

	if (L->mig_id != NULL && (mig = migration_find(L->mig_id)) == NULL) {
		char *shown = text_visible(L->mig_id, strlen(L->mig_id));

		error_at(L, L->mig_line, _("this state follows the migration \"%s\", which this version of ses-migrate does not know."),
		    shown);
		free(shown);
		return 0;
	}
	/* The strings hold what the first pass read already: the stragglers. */
	kept = L->m->strings;
	memset(&L->m->strings, 0, sizeof(L->m->strings));
	model_free(L->m);
	model_init_for(L->m, mig);
	L->m->strings = kept;
	inv = &L->m->inventory;
	L->step_lines = xcalloc(mig->nsteps, sizeof(*L->step_lines));
	/* Room for what the first pass counted, at once. */
	model_events_reserve(L->m, L->nhistory);
	strmap_reserve(&L->m->exclusion_index, L->nexclusions);
	if (L->plain_below.lines.from != NULL) {
		/* Read by the first pass, into the strings. */
		arena_reserve(&L->m->strings, L->packed_bytes);
		inv->below = L->plain_below.entries;
		inv->below_cap = L->plain_below.n;
		inv->below_packed = 1;
	} else {
		/*
		 * The stragglers' array goes with their strings: in the huge
		 * page they take already, rather than in pages of its own
		 * faulted one by one as it grows (a fifth of the page faults
		 * of a status).
		 */
		arena_reserve(&L->m->strings, L->packed_bytes + below_room(L->nbelow));
		if (L->nbelow > 0) {
			inv->below = agents_at(arena_alloc(&L->m->strings, below_room(L->nbelow)));
			inv->below_cap = L->nbelow;
			inv->below_packed = 1;
		}
	}
	return 1;
}

/* keep: the caller gives the model data if it loads (m->source), and events point into it. */
static enum state_status
parse(const char *path, const char *data, size_t len, struct model *m,
    char **err, int keep, int all_inih)
{
	struct loader L;
	enum state_status st = STATE_OK;
	char *saved_ctype;
	size_t bom;
	int rc;

	memset(&L, 0, sizeof(L));
	L.keep = keep;
	L.all_inih = all_inih;
	L.data_end = data + len;
	L.path = path;
	L.m = m;
	L.now = clock_now();
	buf_init(&L.errors);
	buf_init(&L.pval);
	buf_init(&L.pkey_buf);
	model_free(m);
	model_init(m);

	loader_scan(&L, data, len);
	if (!L.newer && L.nerrors == 0 && !choose_migration(&L))
		L.newer = L.mig_line;
	/*
	 * A newer format, or an unknown migration, is said as such: its
	 * sections mean what this version cannot tell (and the steps' lines,
	 * among others, are not set up for them).
	 */
	if (L.nerrors == 0 && !L.newer && L.nkeys + L.nskips > 0) {
		/* libinih tests bytes with isspace(): keep the locale's idea of spaces out. */
		saved_ctype = xstrdup(setlocale(LC_CTYPE, NULL));
		setlocale(LC_CTYPE, "C");
		/* Without the BOM the first pass passed over: the stretches it skips start after it. */
		bom = len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		rc = ini_parse_stream(loader_next_line,
		    &(struct loader_text){ data + bom, data + len, L.skips, L.nskips }, handler, &L);
		setlocale(LC_CTYPE, saved_ctype);
		free(saved_ctype);
		if (rc != 0 && L.nerrors == 0)
			error_at(&L, loader_real_line(&L, rc), _("cannot parse this line."));
		loader_walk_bulk(&L, take_key, take_plain);
		flush(&L);
		section_end(&L);
	}
	event_close(&L);
	if (L.newer && L.newer == L.mig_line) {
		st = STATE_NEWER;	/* an unknown migration: said by choose_migration */
	} else if (L.newer) {
		buf_reset(&L.errors);
		L.nerrors = 0;
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
		loader_errors_in_order(&L);
		if (L.nerrors > LOADER_MAX_ERRORS)
			buf_printf(&L.errors, P_("%s: %d more error not shown.\n",
			    "%s: %d more errors not shown.\n", L.nerrors - LOADER_MAX_ERRORS),
			    path, L.nerrors - LOADER_MAX_ERRORS);
		if (L.nerrors > 0)
			st = STATE_BAD;
	}
	if (st != STATE_OK) {
		*err = buf_detach(&L.errors);
		model_free(m);
		model_init(m);
	}
	loader_plain_history_free(&L);
	host_free(&L.host);
	exclusion_free(&L.exclusion);
	event_free(&L.event);
	buf_free(&L.errors);
	buf_free(&L.pval);
	free(L.keys);
	free(L.skips);
	free(L.section);
	buf_free(&L.pkey_buf);
	free(L.mig_id);
	free(L.step_lines);
	return st;
}

enum state_status
state_parse(const char *path, const char *data, size_t len, struct model *m,
    char **err)
{
	return parse(path, data, len, m, err, 0, 0);
}

/* Parse data, which the model keeps if it loads (the history's lines, copied when saved). */
enum state_status
state_parse_taken(const char *path, char *data, size_t len, struct model *m, char **err)
{
	enum state_status st = parse(path, data, len, m, err, 1, 0);

	if (st == STATE_OK)
		m->source = data;
	else
		free(data);
	return st;
}

enum state_status
state_parse_kept(const char *path, const char *data, size_t len,
    struct model *m, char **err)
{
	char *copy = big_alloc(1, len + 1, 0);

	memcpy(copy, data, len);
	copy[len] = '\0';
	return state_parse_taken(path, copy, len, m, err);
}

enum state_status
loader_parse_all_inih(const char *path, const char *data, size_t len,
    struct model *m, char **err)
{
	return parse(path, data, len, m, err, 0, 1);
}

enum state_status
state_load(const char *path, struct model *m, char **err)
{
	struct fsio_error e;
	enum fsio_status fs;
	char *data;
	size_t len;

	fs = fsio_read(path, SCHEMA_FILE_MAX, &data, &len, &e);
	if (fs == FSIO_NOENT)
		return STATE_NOENT;
	if (fs == FSIO_TOOBIG) {
		*err = xasprintf(_("%s:1: the file is larger than %d MiB; it cannot be a state file.\n"),
		    path, SCHEMA_FILE_MAX >> 20);
		return STATE_BAD;
	}
	if (fs == FSIO_NOTFILE) {
		*err = xasprintf(_("%s: not a regular file; a state file is an ordinary file.\n"), path);
		return STATE_NOINPUT;
	}
	if (fs != FSIO_OK) {
		*err = xasprintf(_("%s: cannot read the state (%s: %s).\n"), path,
		    e.what, strerror(e.errnum));
		return strcmp(e.what, "open") == 0 && e.errnum != EMFILE &&
		    e.errnum != ENFILE && e.errnum != ENOMEM ? STATE_NOINPUT : STATE_IOERR;
	}
	return state_parse_taken(path, data, len, m, err);
}
