/*
 * The report as JSON, for scripts: stable keys, the ids of steps, items
 * and gates and the finding codes, with the texts in the chosen language
 * beside them (keys ending in "_text", "message", "hint").  Times are ISO
 * 8601 in UTC, each with its rendering.  schemas/report.schema.json says
 * what every key holds.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "describe.h"
#include "gates.h"
#include "i18n.h"
#include "inventory.h"
#include "json-doc.h"
#include "json.h"
#include "plan.h"
#include "report.h"
#include "xalloc.h"

#define REPORT_SCHEMA "https://ses-migrate.invalid/schemas/report-1.json"

/* "key": ISO, and "key_text": the same in words; both null when unknown. */
static void
time_members(struct json *j, const char *key, const char *iso)
{
	char *text_key = xasprintf("%s_text", key);
	char *text = iso != NULL ? date_text_iso(iso) : NULL;

	json_member(j, key, iso);
	json_member(j, text_key, text);
	free(text_key);
	free(text);
}

static void
host_json(struct json *j, const struct host *h)
{
	char *line = report_host_line(h);

	json_begin_object(j);
	json_member(j, "name", h->name);
	json_key(j, "roles");
	json_begin_array(j);
	for (unsigned bit = 1; bit <= ROLE_SYSLOG; bit <<= 1)
		if (h->roles & bit)
			json_text(j, role_name(bit));
	json_end(j);
	json_member(j, "address", h->address);
	json_member(j, "version", h->version);
	json_member(j, "aspnetcore", h->aspnetcore);
	json_member(j, "desktop_runtime", h->desktop);
	json_member(j, "sql_ports", h->sql_ports);
	json_member(j, "syslog_ports", h->syslog_ports);
	json_key(j, "evidence");
	if (h->evidence_at == NULL)
		json_text(j, NULL);
	else {
		json_begin_object(j);
		json_member(j, "file", h->evidence_file);
		json_member(j, "sha256", h->evidence_sha256);
		time_members(j, "collected_at", h->evidence_at);
		json_member(j, "failed", h->evidence_failed);
		json_end(j);
	}
	json_member(j, "text", line);
	json_end(j);
	free(line);
}

static void
environment_json(struct json *j, const struct model *m)
{
	char *settings = report_settings_line(m);

	json_key(j, "environment");
	json_begin_object(j);
	json_key(j, "hosts");
	json_begin_array(j);
	for (size_t i = 0; i < m->nhosts; i++)
		host_json(j, &m->hosts[i]);
	json_end(j);
	json_key(j, "settings");
	json_begin_object(j);
	json_member(j, "runtime_minimum", m->runtime_min);
	json_key(j, "inventory_max_age_hours");
	json_number(j, m->inventory_max_age);
	json_member(j, "agent_networks", m->agent_networks);
	json_member(j, "siem_sources", m->siem_sources);
	json_member(j, "text", settings);
	json_end(j);
	json_end(j);
	free(settings);
}

static void
operators_json(struct json *j, const struct model *m)
{
	size_t n;
	struct report_operator *ops = report_operators(m, &n);

	json_key(j, "operators");
	json_begin_array(j);
	for (size_t k = 0; k < n; k++) {
		json_begin_object(j);
		json_member(j, "name", ops[k].name);
		json_key(j, "actions");
		json_number(j, ops[k].actions);
		time_members(j, "last_at", ops[k].last);
		json_end(j);
	}
	json_end(j);
	free(ops);
}

static const char *
mark_id(const char *mark)
{
	return strcmp(mark, "[x]") == 0 ? "ticked" : strcmp(mark, "[-]") == 0 ?
	    "not-applicable" : "not-ticked";
}

static const char *
kind_id(enum item_kind k)
{
	return k == ITEM_TICK ? "confirmed" : k == ITEM_COMPUTED ? "computed" : "probe";
}

static const char *
verdict_id(enum verdict v)
{
	return v == VERDICT_PASS ? "pass" : v == VERDICT_FAIL ? "fail" : "none";
}

static void
findings_json(struct json *j, const char *key, const struct model *m,
    const struct findings *f)
{
	json_key(j, key);
	json_begin_array(j);
	for (size_t i = 0; i < f->n; i++)
		json_finding(j, m, &f->v[i], FRONT_REPORT);
	json_end(j);
}

static void
item_json(struct json *j, const struct model *m, size_t i, const struct findings *f)
{
	const struct item_def *it = &m->mig->items[i];
	const struct mark *k = &m->marks[i];

	json_begin_object(j);
	json_member(j, "id", it->id);
	json_member(j, "label", _(it->label));
	json_member(j, "kind", kind_id(it->kind));
	json_member(j, "state", mark_id(describe_mark(m, i, f)));
	json_member(j, "confirmed_by", k->by);
	time_members(j, "confirmed_at", k->at);
	json_member(j, "note", k->note);
	if (it->kind == ITEM_EVIDENCE) {
		const struct evidence *e = &m->evidence[i];

		json_key(j, "probe");
		json_begin_object(j);
		json_member(j, "verdict", verdict_id(e->verdict));
		time_members(j, "at", e->at);
		json_member(j, "failed", e->failed);
		json_end(j);
	}
	json_end(j);
}

static void
steps_json(struct json *j, const struct model *m, time_t now)
{
	json_key(j, "steps");
	json_begin_array(j);
	for (size_t s = 0; s < m->mig->nsteps; s++) {
		const struct step_def *d = &m->mig->steps[s];
		const struct step_record *r = &m->steps[s];
		enum step_status st = model_step_status(m, s);
		struct findings f, flagged;

		findings_init(&f);
		findings_init(&flagged);
		gates_eval(m, s, now, &f);
		json_begin_object(j);
		json_member(j, "id", d->id);
		json_key(j, "number");
		json_number(j, s + 1);
		json_member(j, "title", _(d->title));
		json_member(j, "status", describe_status_id(st));
		json_member(j, "status_text", describe_status(st));
		json_key(j, "flagged");
		json_bool(j, gates_flagged(m, s, now, &flagged));
		json_member(j, "by", st == STATUS_DONE || st == STATUS_DEFERRED ? r->by : NULL);
		time_members(j, "at", st == STATUS_DONE || st == STATUS_DEFERRED ? r->at : NULL);
		json_member(j, "reason", st == STATUS_DEFERRED ? r->reason : NULL);
		json_member(j, "note", r->note);
		json_key(j, "items");
		json_begin_array(j);
		for (size_t i = d->first_item; i < d->first_item + d->nitems; i++)
			item_json(j, m, i, &f);
		json_end(j);
		findings_json(j, "findings", m, st == STATUS_PENDING ? &flagged : &f);
		json_end(j);
		findings_free(&f);
		findings_free(&flagged);
	}
	json_end(j);
}

/* A decision: what it is about (key: id), who took it, when and why. */
static void
decision_json(struct json *j, const char *key, const char *id, const char *by,
    const char *at, const char *reason)
{
	json_begin_object(j);
	json_member(j, key, id);
	json_member(j, "by", by);
	time_members(j, "at", at);
	json_member(j, "reason", reason);
	json_end(j);
}

static void
decisions_json(struct json *j, const struct model *m)
{
	json_key(j, "waivers");
	json_begin_array(j);
	for (size_t i = 0; i < m->mig->nitems; i++) {
		const struct evidence *e = &m->evidence[i];

		if (e->waiver != NULL)
			decision_json(j, "item", m->mig->items[i].id, e->waived_by,
			    e->waived_at, e->waiver);
	}
	json_end(j);
	json_key(j, "exclusions");
	json_begin_array(j);
	for (size_t i = 0; i < m->nexclusions; i++) {
		const struct exclusion *x = &m->exclusions[i];

		decision_json(j, "agent", x->name, x->by, x->at, x->reason);
	}
	json_end(j);
	json_key(j, "deferrals");
	json_begin_array(j);
	for (size_t i = 0; i < m->mig->nsteps; i++) {
		const struct step_record *r = &m->steps[i];

		if (r->status == STATUS_DEFERRED)
			decision_json(j, "step", m->mig->steps[i].id, r->by, r->at, r->reason);
	}
	json_end(j);
}

static void
firewall_json(struct json *j, const struct model *m)
{
	struct plan p;

	plan_build_left(m, &p);
	json_key(j, "firewall");
	json_begin_object(j);
	json_member(j, "phase", plan_phase_id(p.phase));
	json_key(j, "work_left");
	json_begin_array(j);
	for (size_t i = 0; i < p.n; i++) {
		const struct flow *f = &p.v[i];
		char *when;

		if (f->action == ACTION_KEEP)
			continue;
		when = flow_when_text(&p, f->when);
		json_begin_object(j);
		json_member(j, "flow", flow_kind_id(f));
		json_member(j, "action", flow_action_id(f->action));
		json_member(j, "source", f->source);
		json_member(j, "destination", f->destination);
		json_member(j, "protocol", flow_proto_id(f->proto));
		json_key(j, "port");
		json_number(j, f->port);
		json_member(j, "purpose", flow_purpose(f));
		json_member(j, "when", flow_when_id(f->when));
		json_member(j, "when_text", when);
		json_key(j, "port_stays_open");
		json_bool(j, f->port_stays != NULL);
		json_end(j);
		free(when);
	}
	json_end(j);
	json_end(j);
	plan_free(&p);
}

static void
inventory_json(struct json *j, const struct model *m)
{
	const struct inventory *inv = &m->inventory;
	size_t shown = inv->nbelow < REPORT_LIST_MAX ? inv->nbelow : REPORT_LIST_MAX;

	json_key(j, "inventory");
	if (!inv->present) {
		json_text(j, NULL);
		return;
	}
	json_begin_object(j);
	json_member(j, "file", inv->file);
	json_member(j, "sha256", inv->sha256);
	json_member(j, "imported_by", inv->imported_by);
	time_members(j, "imported_at", inv->imported_at);
	json_key(j, "total");
	json_number(j, inv->total);
	json_key(j, "at_target");
	json_number(j, inventory_at_target(inv));
	json_key(j, "below_total");
	json_number(j, inv->below_total);
	json_key(j, "unreadable_total");
	json_number(j, inv->unreadable_total);
	json_key(j, "duplicates_total");
	json_number(j, inv->duplicates_total);
	json_key(j, "versions");
	json_begin_array(j);
	for (size_t i = 0; i < inv->nversions; i++) {
		json_begin_object(j);
		json_member(j, "version", inv->versions[i].version);
		json_key(j, "count");
		json_number(j, inv->versions[i].count);
		json_end(j);
	}
	json_end(j);
	/* The first stragglers by name; below_total counts them all. */
	json_key(j, "below");
	json_begin_array(j);
	for (size_t i = 0; i < shown; i++) {
		json_begin_object(j);
		json_member(j, "name", inv->below[i].name);
		json_member(j, "version", inv->below[i].version);
		json_key(j, "excluded");
		json_bool(j, model_exclusion_find(m, inv->below[i].name) != NULL);
		json_end(j);
	}
	json_end(j);
	json_end(j);
}

static void
history_json(struct json *j, const struct model *m)
{
	json_key(j, "history");
	json_begin_array(j);
	for (size_t i = 0; i < m->nevents; i++) {
		const struct event *e = &m->events[i];
		char *text = describe_event(e);

		json_begin_object(j);
		time_members(j, "at", e->at);
		json_member(j, "by", e->by);
		json_member(j, "code", e->code);
		json_member(j, "subject", e->subject);
		json_member(j, "reason", e->reason);
		json_key(j, "count");
		json_number(j, e->count);
		time_members(j, "last", e->last);
		json_member(j, "text", text);
		json_end(j);
		free(text);
	}
	json_end(j);
}

static void
write_json(const struct model *m, const char *state_path, time_t now,
    struct buf *out)
{
	size_t cur = model_current_step(m);
	char *at = time_format(now);
	struct findings f;
	struct json j;

	json_init_pretty(&j, out);
	json_begin_object(&j);
	json_member(&j, "$schema", REPORT_SCHEMA);
	json_member(&j, "migration", m->mig->id);
	json_member(&j, "title", _(m->mig->title));
	json_member(&j, "lang", i18n_lang());
	json_member(&j, "state_file", state_path);
	time_members(&j, "generated_at", at);
	json_member(&j, "created_by", m->created_by);
	time_members(&j, "created_at", m->created_at);
	json_key(&j, "progress");
	json_begin_object(&j);
	json_key(&j, "done");
	json_number(&j, model_steps_done(m));
	json_key(&j, "total");
	json_number(&j, m->mig->nsteps);
	json_key(&j, "complete");
	json_bool(&j, model_complete(m));
	json_member(&j, "current", cur < m->mig->nsteps ? m->mig->steps[cur].id : NULL);
	json_end(&j);
	environment_json(&j, m);
	operators_json(&j, m);
	findings_init(&f);
	if (cur < m->mig->nsteps)
		gates_eval(m, cur, now, &f);
	findings_json(&j, "blockers", m, &f);
	findings_free(&f);
	steps_json(&j, m, now);
	decisions_json(&j, m);
	firewall_json(&j, m);
	inventory_json(&j, m);
	history_json(&j, m);
	json_end(&j);
	buf_putc(out, '\n');
	free(at);
}

const struct report_format report_json_format = { "json", write_json };
