/* The JSON documents of status, check, agents show and probe. */
#include <config.h>

#include <stdlib.h>

#include "describe.h"
#include "finding.h"
#include "i18n.h"
#include "inventory.h"
#include "json-doc.h"
#include "json.h"


/*
 * The steps as ids and statuses; beside them, the findings that matter now
 * (those of done steps that no longer hold, and the current step's), each
 * with its code and its rendered text.
 */
void
json_status(const struct model *m, time_t now, struct buf *out)
{
	const struct migration *mig = m->mig;
	size_t cur = model_current_step(m);
	struct findings all;
	struct json j;

	findings_init(&all);
	json_init(&j, out);
	json_begin_object(&j);
	json_key(&j, "complete");
	json_bool(&j, model_complete(m));
	json_member(&j, "current", model_complete(m) ? NULL : mig->steps[cur].id);
	json_key(&j, "steps");
	json_begin_array(&j);
	for (size_t i = 0; i < mig->nsteps; i++) {
		size_t before = all.n;
		int flagged = gates_flagged(m, i, now, &all);

		if (!flagged)
			while (all.n > before)
				findings_free_last(&all);
		json_begin_object(&j);
		json_member(&j, "id", mig->steps[i].id);
		json_member(&j, "status", describe_status_id(model_step_status(m, i)));
		json_key(&j, "flagged");
		json_bool(&j, flagged);
		json_end(&j);
	}
	json_end(&j);
	if (cur < mig->nsteps)
		gates_eval(m, cur, now, &all);
	json_member(&j, "migration", mig->id);
	json_key(&j, "findings");
	json_begin_array(&j);
	for (size_t k = 0; k < all.n; k++)
		json_finding(&j, m, &all.v[k], FRONT_CLI);
	json_end(&j);
	json_end(&j);
	buf_putc(out, '\n');
	findings_free(&all);
}

void
json_finding(struct json *j, const struct model *m, const struct finding *x,
    enum front front)
{
	char *message = finding_message(x), *hint = finding_hint(x, front);

	json_begin_object(j);
	json_member(j, "gate", x->gate);
	json_member(j, "severity", x->severity == SEV_ERROR ? "error" : "warning");
	json_member(j, "message", message);
	json_member(j, "hint", hint);
	json_key(j, "subjects");
	json_begin_array(j);
	for (size_t k = 0; k < x->nsubjects; k++)
		json_text(j, x->subjects[k]);
	json_end(j);
	json_member(j, "item", m->mig->items[x->item].id);
	json_member(j, "step", m->mig->steps[m->mig->items[x->item].step].id);
	json_member(j, "fix", finding_fix_id(x->fix));
	json_end(j);
	free(message);
	free(hint);
}

void
json_check(const struct model *m, size_t step, const struct findings *f,
    struct buf *out)
{
	struct json j;

	json_init(&j, out);
	json_begin_object(&j);
	json_member(&j, "step", m->mig->steps[step].id);
	json_key(&j, "can_advance");
	json_bool(&j, findings_errors(f) == 0);
	json_key(&j, "findings");
	json_begin_array(&j);
	for (size_t i = 0; i < f->n; i++)
		json_finding(&j, m, &f->v[i], FRONT_CLI);
	json_end(&j);
	json_end(&j);
	buf_putc(out, '\n');
}

void
json_check_complete(struct buf *out)
{
	struct json j;

	json_init(&j, out);
	json_begin_object(&j);
	json_member(&j, "step", NULL);
	json_key(&j, "can_advance");
	json_bool(&j, 0);
	json_key(&j, "findings");
	json_begin_array(&j);
	json_end(&j);
	json_end(&j);
	buf_putc(out, '\n');
}

void
json_inventory(const struct model *m, struct buf *out)
{
	const struct inventory *inv = &m->inventory;
	struct json j;

	json_init(&j, out);
	json_begin_object(&j);
	json_key(&j, "total");
	json_number(&j, inv->total);
	json_key(&j, "at_target");
	json_number(&j, inv->present ? inventory_at_target(inv) : 0);
	json_key(&j, "excluded");
	json_number(&j, m->nexclusions);
	json_key(&j, "below");
	json_begin_array(&j);
	for (size_t i = 0; i < inv->nbelow; i++) {
		json_begin_object(&j);
		json_member(&j, "name", inv->below[i].name);
		json_member(&j, "version", inv->below[i].version);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "unreadable");
	json_begin_array(&j);
	for (size_t i = 0; i < inv->nunreadable; i++) {
		json_begin_object(&j);
		json_key(&j, "line");
		json_number(&j, inv->unreadable[i].line);
		json_member(&j, "name", inv->unreadable[i].name);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "duplicates");
	json_begin_array(&j);
	for (size_t i = 0; i < inv->nduplicates; i++)
		json_text(&j, inv->duplicates[i]);
	json_end(&j);
	json_member(&j, "file", inv->file);
	json_member(&j, "sha256", inv->sha256);
	json_member(&j, "imported_at", inv->imported_at);
	json_end(&j);
	buf_putc(out, '\n');
}

void
json_probe(const struct endpoint *v, size_t n, struct buf *out)
{
	struct json j;

	json_init(&j, out);
	json_begin_array(&j);
	for (size_t i = 0; i < n; i++) {
		json_begin_object(&j);
		json_member(&j, "host", v[i].host);
		json_member(&j, "address", v[i].address);
		json_key(&j, "port");
		json_number(&j, v[i].port);
		json_member(&j, "expect", v[i].expect_open ? "open" : "closed");
		json_member(&j, "result", probe_result_id(v[i].result));
		json_key(&j, "ok");
		json_bool(&j, v[i].ok);
		json_key(&j, "ms");
		json_number(&j, v[i].ms);
		json_end(&j);
	}
	json_end(&j);
	buf_putc(out, '\n');
}
