/*
 * Rendering of stored codes.  The state keeps codes ("step-done",
 * "confirm"), never sentences, so the history reads in whichever language
 * the reader chose.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "describe.h"
#include "i18n.h"
#include "xalloc.h"

/* A step status as a word for people. */
const char *
describe_status(enum step_status st)
{
	switch (st) {
	case STATUS_ACTIVE:
		/* TRANSLATORS: status of the step being worked on. */
		return _("active");
	case STATUS_DONE:
		return _("done");
	case STATUS_DEFERRED:
		return _("deferred");
	default:
		return _("pending");
	}
}

/* A step status as its stable id, for files and JSON. */
const char *
describe_status_id(enum step_status st)
{
	static const char *const ids[] = { "pending", "active", "done", "deferred" };

	return ids[st];
}

/*
 * The box shown before an item: text, never colour alone, tells its state.
 * "[x]" confirmed or passing, "[ ]" not yet, "[-]" not applicable here.
 * f holds the findings of the item's step.
 */
const char *
describe_mark(const struct model *m, size_t item, const struct findings *f)
{
	const struct item_def *it = &m->mig->items[item];

	if (!migration_item_applies(m->mig, item, m))
		return "[-]";
	switch (it->kind) {
	case ITEM_TICK:
		/* One that evidence can prove holds when nothing blocks it, ticked or not. */
		if (it->gate != NULL)
			return findings_item_blocked(f, item) ? "[ ]" : "[x]";
		return m->marks[item].at != NULL ? "[x]" : "[ ]";
	case ITEM_COMPUTED:
		return findings_item_blocked(f, item) ? "[ ]" : "[x]";
	default:
		return m->evidence[item].verdict == VERDICT_PASS ? "[x]" : "[ ]";
	}
}

static const struct {
	const char	*code;
	const char	*text;		/* one %s: the subject */
} event_texts[] = {
	/* xgettext:c-format */
	{ "step-done", N_("Step %s completed.") },
	/* xgettext:c-format */
	{ "confirm", N_("Confirmed %s.") },
	/* xgettext:c-format */
	{ "unconfirm", N_("Withdrew the confirmation of %s.") },
	/* xgettext:c-format */
	{ "host-add", N_("Declared host %s.") },
	/* xgettext:c-format */
	{ "host-set", N_("Changed host %s.") },
	/* xgettext:c-format */
	{ "host-remove", N_("Removed host %s.") },
	/* xgettext:c-format */
	{ "defer", N_("Deferred step %s.") },
	/* xgettext:c-format */
	{ "reopen", N_("Reopened step %s.") },
	/* xgettext:c-format */
	{ "exclude", N_("Excluded agent %s.") },
	/* xgettext:c-format */
	{ "include", N_("Withdrew the exclusion of agent %s.") },
	/* xgettext:c-format */
	{ "waive", N_("Waived %s.") },
	/* xgettext:c-format */
	{ "import", N_("Imported the agent inventory %s.") },
	/* xgettext:c-format */
	{ "evidence", N_("Imported the evidence collected on %s.") },
	/* xgettext:c-format */
	{ "setting", N_("Changed the setting %s.") },
	/* xgettext:c-format */
	{ "probe", N_("Probed the ports for %s.") },
	/* xgettext:c-format */
	{ "note", N_("Wrote a note on step %s.") },
};

/* One history line, without its time and author. */
char *
describe_event(const struct event *e)
{
	const char *subject = e->subject != NULL ? e->subject : "";

	for (size_t i = 0; i < sizeof(event_texts) / sizeof(event_texts[0]); i++) {
		if (strcmp(e->code, event_texts[i].code) != 0)
			continue;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		/* The texts are N_() literals with one %s, checked by msgfmt -c. */
		return xasprintf(_(event_texts[i].text), subject);
#pragma GCC diagnostic pop
	}
	return xasprintf("%s %s", e->code, subject);
}
