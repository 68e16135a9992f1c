/*
 * What the operator does to a step or an item from the steps screen,
 * beyond ticking and completing: defer, reopen and waive with a reason,
 * confirm with a note, and run the probe.  Each reason is a form whose
 * field the state's schema checks as it is typed; the core decides.
 */
#include <config.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "i18n.h"
#include "probe.h"
#include "schema.h"
#include "ui-int.h"
#include "xalloc.h"

static const struct ui_form_field step_reason[] = {
	{ N_("Reason"), N_("Why, for the colleagues and the report: one line."),
	  &sk_step_reason, NULL, NULL, SCHEMA_TEXT_MAX, 1, 0 },
};
static const struct ui_form_field waiver_reason[] = {
	{ N_("Reason"), N_("Why the failure does not matter here: one line, kept in the report."),
	  &sk_evidence_waiver, NULL, NULL, SCHEMA_TEXT_MAX, 1, 0 },
};
static const struct ui_form_field note_field[] = {
	{ N_("Note"), N_("What was done, or where to look: one line; may be empty."),
	  &sk_item_note, NULL, NULL, SCHEMA_TEXT_MAX, 0, 0 },
};

static enum act_status
do_defer(struct ui *u, const struct actor *a, char **err)
{
	return act_defer(&u->s->model, a, u->form.subject, ui_form_value(u, 0), err);
}

static int
submit_defer(struct ui *u)
{
	return ui_apply(u, do_defer, N_("Step %s deferred."), u->form.subject);
}

static enum act_status
do_reopen(struct ui *u, const struct actor *a, char **err)
{
	return act_reopen(&u->s->model, a, u->form.subject, ui_form_value(u, 0), err);
}

static int
submit_reopen(struct ui *u)
{
	int rc = ui_apply(u, do_reopen, N_("Step %s reopened, with the steps after it."),
	    u->form.subject);

	/* The migration goes on from the reopened step. */
	if (rc == 0)
		u->view = model_current_step(&u->s->model);
	return rc;
}

static enum act_status
do_waive(struct ui *u, const struct actor *a, char **err)
{
	return act_waive(&u->s->model, a, u->form.subject, ui_form_value(u, 0), err);
}

static int
submit_waive(struct ui *u)
{
	return ui_apply(u, do_waive, N_("Probe failure of %s waived."), u->form.subject);
}

static enum act_status
do_note(struct ui *u, const struct actor *a, char **err)
{
	return act_confirm(&u->s->model, a, u->form.subject, ui_form_value(u, 0), err);
}

static int
submit_note(struct ui *u)
{
	return ui_apply(u, do_note, N_("Confirmed %s."), u->form.subject);
}

static const struct ui_form_def defer_form = {
	N_("Defer a step"),
	N_("The migration goes on with the next step; this one comes back once the others are done, and must be completed before the migration is."),
	step_reason, 1, submit_defer,
};
static const struct ui_form_def reopen_form = {
	N_("Reopen a step"),
	N_("The step and every step after it must be done again; the ticks stay."),
	step_reason, 1, submit_reopen,
};
static const struct ui_form_def waive_form = {
	N_("Waive a failed probe"),
	N_("The failure stops blocking the step. The waiver, its reason and who gave it appear in every report; a new probe replaces it."),
	waiver_reason, 1, submit_waive,
};
static const struct ui_form_def note_form = {
	N_("Confirm with a note"), NULL, note_field, 1, submit_note,
};

static const struct ui_form_field step_note_field[] = {
	{ N_("Note"), N_("For the colleagues and the report: one line; empty removes the note."),
	  &sk_step_note, NULL, NULL, SCHEMA_TEXT_MAX, 0, 0 },
};

static enum act_status
do_step_note(struct ui *u, const struct actor *a, char **err)
{
	return act_step_note(&u->s->model, a, u->form.subject, ui_form_value(u, 0), err);
}

static int
submit_step_note(struct ui *u)
{
	return ui_apply(u, do_step_note, N_("Note on step %s saved."), u->form.subject);
}

static const struct ui_form_def step_note_form = {
	N_("A note on a step"), NULL, step_note_field, 1, submit_step_note,
};

void
ui_note_step(struct ui *u)
{
	const char *v[] = { u->s->model.steps[u->view].note };

	ui_form_open(u, &step_note_form, u->s->model.mig->steps[u->view].id, v);
}

/* The item under the cursor of the steps screen. */
static size_t
chosen_item(const struct ui *u)
{
	return u->s->model.mig->steps[u->view].first_item + u->cursor;
}

/* Open the form for subject if the core would take it; else say why at once, before any typing. */
static void
ask(struct ui *u, int (*can)(const struct model *, const char *, char **),
    const struct ui_form_def *def, const char *subject)
{
	char *err = NULL;

	if (!can(&u->s->model, subject, &err)) {
		ui_refusal(u, err);
		return;
	}
	ui_form_open(u, def, subject, NULL);
}

void
ui_defer(struct ui *u)
{
	ask(u, act_can_defer, &defer_form, u->s->model.mig->steps[u->view].id);
}

void
ui_reopen(struct ui *u)
{
	ask(u, act_can_reopen, &reopen_form, u->s->model.mig->steps[u->view].id);
}

void
ui_waive(struct ui *u)
{
	ask(u, act_can_waive, &waive_form, u->s->model.mig->items[chosen_item(u)].id);
}

void
ui_note_item(struct ui *u)
{
	const struct model *m = &u->s->model;
	size_t item = chosen_item(u);
	const char *v[] = { m->marks[item].note };

	if (m->mig->items[item].kind != ITEM_TICK) {
		ui_note(u, N_("This item is not confirmed by hand: it has no note."), 0, NULL, NULL);
		return;
	}
	ui_form_open(u, &note_form, m->mig->items[item].id, v);
}

/* The endpoints being probed, between the run and the recording. */
static struct endpoint *probed;
static size_t nprobed;

static enum act_status
do_record(struct ui *u, const struct actor *a, char **err)
{
	(void)err;	/* the signature every one of its kind has */
	size_t step = model_current_step(&u->s->model);

	return probe_record(&u->s->model, step, probed, nprobed, a) == 0 ? ACT_OK : ACT_INVALID;
}

void
ui_probe(struct ui *u)
{
	struct model *m = &u->s->model;
	size_t step = model_current_step(m), failed = 0;
	char n[24], total[24];

	if (step >= m->mig->nsteps) {
		ui_note(u, N_("The migration is complete: nothing is left to probe."), 0, NULL, NULL);
		return;
	}
	probe_endpoints(m, step, &probed, &nprobed);
	if (nprobed == 0) {
		ui_note(u, N_("Nothing to probe: declare the backends and agent handlers first."), 0, NULL, NULL);
		return;
	}
	snprintf(total, sizeof(total), "%zu", nprobed);
	ui_note_n(u, NP_("Probing %s endpoint...", "Probing %s endpoints..."), nprobed, total);
	ui_draw(u);
	probe_run(probed, nprobed, PROBE_DEFAULT_TIMEOUT_MS);
	for (size_t i = 0; i < nprobed; i++)
		failed += !probed[i].ok;
	snprintf(n, sizeof(n), "%zu", failed);
	if (probe_has_item(m, step) &&
	    ui_apply(u, do_record, NULL, NULL) != 0) {
		probe_free(probed, nprobed);
		return;
	}
	if (failed == 0)
		msg_set_n(&u->note, NP_("Probe: the endpoint answered as expected.",
		    "Probe: all %s endpoints answered as expected."), nprobed, total);
	else
		msg_set_n(&u->note, NP_("Probe: %s endpoint did not answer as expected; the report (r) says which.",
		    "Probe: %s endpoints did not answer as expected; the report (r) says which."), failed, n);
	/* Outside the steps with a probe item, the result is only said here. */
	probe_free(probed, nprobed);
	probed = NULL;
	nprobed = 0;
}
