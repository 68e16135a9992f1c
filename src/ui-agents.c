/*
 * The agents screen: the last inventory's summary, then every agent that
 * holds the migration back (below the target, or excluded), as a list to
 * scroll and search.  i imports an export, x excludes the chosen agent
 * with a reason, u includes it again.
 */
#include <config.h>

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "i18n.h"
#include "inventory.h"
#include "report.h"
#include "schema.h"
#include "ui-int.h"
#include "xalloc.h"

/* A line of the list: a straggler, or an excluded agent the list lacks. */
struct agent_line {
	const char	*name;
	const char	*version;	/* NULL: excluded, not in the list */
	int		 excluded;	/* index into exclusions + 1, or 0 */
};

static int
exclusion_of(const struct model *m, const char *name)
{
	const struct exclusion *x = model_exclusion_find(m, name);

	return x != NULL ? (int)(x - m->exclusions) + 1 : 0;
}

/* The lines, in the inventory's order, then the other exclusions; the caller frees them. */
static struct agent_line *
agent_lines(const struct model *m, size_t *n)
{
	struct agent_line *v = xcalloc(m->inventory.nbelow + m->nexclusions + 1, sizeof(*v));
	/*
	 * Which exclusions cover a listed agent, as the model matches them:
	 * noted on the way, since asking each exclusion of each straggler is
	 * fifty million lookups on a large state, at every key.
	 */
	unsigned char *listed = xcalloc(m->nexclusions + 1, 1);
	size_t k = 0;

	for (size_t i = 0; i < m->inventory.nbelow; i++, k++) {
		v[k].name = m->inventory.below[i].name;
		v[k].version = m->inventory.below[i].version;
		v[k].excluded = exclusion_of(m, v[k].name);
		if (v[k].excluded != 0)
			listed[v[k].excluded - 1] = 1;
	}
	for (size_t i = 0; i < m->nexclusions; i++) {
		if (!listed[i]) {
			v[k].name = m->exclusions[i].name;
			v[k++].excluded = (int)i + 1;
		}
	}
	free(listed);
	*n = k;
	return v;
}

/* The name on the chosen line, or NULL; the caller frees it. */
static char *
chosen_agent(const struct ui *u)
{
	size_t n;
	struct agent_line *v = agent_lines(&u->s->model, &n);
	char *name = u->line < n ? xstrdup(v[u->line].name) : NULL;

	free(v);
	return name;
}

static const struct ui_form_field import_fields[] = {
	{ N_("File"), N_("The CSV export of the console's agent list; Tab completes the name."),
	  &sk_inventory_file, NULL, NULL, SCHEMA_PATH_MAX, 1, 1 },
	{ N_("Name column"), N_("Empty: found by its header. Else a header or a column number."),
	  NULL, NULL, NULL, 255, 0, 0 },
	{ N_("Version column"), N_("Empty: found by its header. Else a header or a column number."),
	  NULL, NULL, NULL, 255, 0, 0 },
};

/* The inventory read by the import form, on its way into the state. */
static struct inventory read_in;

static enum act_status
do_import(struct ui *u, const struct actor *a, char **err)
{
	return act_import(&u->s->model, a, &read_in, err);
}

static int
submit_import(struct ui *u)
{
	struct import_opts o = { NULL, NULL, u->s->model.mig->to_version };
	const struct inventory *inv = &u->s->model.inventory;
	char *err = NULL, total[24], below[24];

	if (*ui_form_value(u, 1) != '\0')
		o.host_column = ui_form_value(u, 1);
	if (*ui_form_value(u, 2) != '\0')
		o.version_column = ui_form_value(u, 2);
	/* Read before the lock is taken: a large export takes a while. */
	if (inventory_import(ui_form_value(u, 0), &o, &read_in, &err) != IMPORT_OK) {
		ui_refusal(u, err);
		return -1;
	}
	if (ui_apply(u, do_import, NULL, NULL) != 0) {
		inventory_free(&read_in);
		return -1;
	}
	inventory_free(&read_in);
	u->line = 0;
	snprintf(total, sizeof(total), "%lu", inv->total);
	snprintf(below, sizeof(below), "%lu", inv->below_total);
	ui_note(u, N_("Agents imported: %s; below the target: %s."), 0, total, below);
	return 0;
}

static const struct ui_form_def import_form = {
	N_("Import the agent list"),
	N_("Export it from the console, all agents of every status, as CSV. The import replaces the previous one; the exclusions stay."),
	import_fields, 3, submit_import,
};

static const struct ui_form_field exclude_fields[] = {
	{ N_("Reason"), N_("Why this agent will never be updated, such as \"decommissioned\": kept in the report."),
	  &sk_exclusion_reason, NULL, NULL, SCHEMA_TEXT_MAX, 1, 0 },
};

static enum act_status
do_exclude(struct ui *u, const struct actor *a, char **err)
{
	return act_exclude(&u->s->model, a, u->form.subject, ui_form_value(u, 0), err);
}

static int
submit_exclude(struct ui *u)
{
	return ui_apply(u, do_exclude, N_("Excluded %s."), u->form.subject);
}

static const struct ui_form_def exclude_form = {
	N_("Exclude an agent"),
	N_("It no longer holds the migration back. Only for an agent that will never be updated: one by one, with a reason."),
	exclude_fields, 1, submit_exclude,
};

static char *include_name;

static enum act_status
do_include(struct ui *u, const struct actor *a, char **err)
{
	return act_include(&u->s->model, a, include_name, err);
}

static const struct ui_form_field find_fields[] = {
	{ N_("Agent name"), N_("A part of the name, in any case; Enter goes to the next agent that has it."),
	  NULL, NULL, NULL, 255, 1, 0 },
};

/* Go to the next line whose name holds the text, from the top again after the last. */
static int
submit_find(struct ui *u)
{
	size_t n, at = SIZE_MAX;
	struct agent_line *v = agent_lines(&u->s->model, &n);
	const char *want = ui_form_value(u, 0);

	for (size_t k = 1; k <= n && at == SIZE_MAX; k++) {
		size_t i = (u->line + k) % n;

		if (strcasestr(v[i].name, want) != NULL)
			at = i;
	}
	free(v);
	if (at == SIZE_MAX) {
		ui_note(u, N_("Not found: %s"), 0, want, NULL);
		return 0;
	}
	u->line = at;
	ui_note(u, N_("Found: %s"), 0, want, NULL);
	return 0;
}

static const struct ui_form_def find_form = {
	N_("Find an agent"), NULL, find_fields, 1, submit_find,
};

static char *
agents_title(const struct ui *u)
{
	return ui_title_with_path(_("Agent inventory"), u->s->path);
}

static void
draw_agents(struct ui *u)
{
	const struct model *m = &u->s->model;
	struct buf b;
	size_t n, first;
	struct agent_line *v;
	int y, bottom = u->bottom;

	buf_init(&b);
	report_inventory_summary(m, &b);
	y = 2;
	for (const char *p = b.data; *p != '\0' && y < bottom - 3; ) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);

		/* The report's lines are 80 wide; the screen has two fewer. */
		y = ui_put_wrapped(y, 1, COLS - 2, 3, line, bottom - 3);
		free(line);
		p += len;
		if (*p == '\n')
			p++;
	}
	buf_free(&b);
	v = agent_lines(m, &n);
	y++;
	attron(A_BOLD);
	ui_put_cut(y++, 1, n == 0 ? _("No agent holds the migration back.") :
	    _("Agents that hold the migration back, and those excluded:"), (size_t)COLS - 2);
	attroff(A_BOLD);
	if (u->line >= n)
		u->line = n > 0 ? n - 1 : 0;
	/* Keep the chosen line on screen. */
	first = u->line >= (size_t)(bottom - y) ? u->line - (size_t)(bottom - y) + 1 : 0;
	for (size_t i = first; i < n && y < bottom; i++, y++) {
		char *line = v[i].excluded ?
		    xasprintf(_("%s: excluded by %s: %s"), v[i].name,
		    m->exclusions[v[i].excluded - 1].by, m->exclusions[v[i].excluded - 1].reason) :
		    xasprintf(_("%s: %s"), v[i].name, v[i].version);

		if (i == u->line)
			attron(A_REVERSE);
		mvhline(y, 1, ' ', COLS - 2);
		ui_put_cut(y, 1, i == u->line ? ">" : " ", 1);
		ui_put_cut(y, 3, line, (size_t)COLS - 4);
		if (i == u->line)
			attroff(A_REVERSE);
		free(line);
	}
	if (m->inventory.below_total > m->inventory.nbelow && y < bottom) {
		char *more = xasprintf(_("The state keeps the first %zu names of %lu; the export has them all."),
		    m->inventory.nbelow, m->inventory.below_total);

		ui_put_cut(y, 3, more, (size_t)COLS - 4);
		free(more);
	}
	free(v);
}

static int
agents_key(struct ui *u, enum ui_action a, int raw)
{
	(void)raw;	/* the signature every one of its kind has */
	size_t n;
	struct agent_line *v = agent_lines(&u->s->model, &n);
	int rows = u->bottom - 8 > 1 ? u->bottom - 8 : 1;
	char *name;

	free(v);
	switch (a) {
	case UA_UP:
		u->line = u->line > 0 ? u->line - 1 : 0;
		break;
	case UA_DOWN:
		u->line = u->line + 1 < n ? u->line + 1 : u->line;
		break;
	case UA_PAGE_UP:
		u->line = u->line > (size_t)rows ? u->line - (size_t)rows : 0;
		break;
	case UA_PAGE_DOWN:
		u->line = u->line + (size_t)rows < n ? u->line + (size_t)rows : (n > 0 ? n - 1 : 0);
		break;
	case UA_HOME:
		u->line = 0;
		break;
	case UA_END:
		u->line = n > 0 ? n - 1 : 0;
		break;
	case UA_IMPORT:
		ui_form_open(u, &import_form, NULL, NULL);
		break;
	case UA_SEARCH:
		ui_form_open(u, &find_form, NULL, NULL);
		break;
	case UA_EXCLUDE:
		if ((name = chosen_agent(u)) == NULL)
			ui_note(u, N_("Choose an agent first: the list is empty."), 0, NULL, NULL);
		else if (exclusion_of(&u->s->model, name))
			ui_note(u, N_("%s is excluded already; u includes it again."), 0, name, NULL);
		else
			ui_form_open(u, &exclude_form, name, NULL);
		free(name);
		break;
	case UA_INCLUDE:
		if ((name = chosen_agent(u)) == NULL || !exclusion_of(&u->s->model, name))
			ui_note(u, N_("The chosen agent is not excluded."), 0, NULL, NULL);
		else {
			include_name = name;
			ui_apply(u, do_include, N_("%s counts again in the gates."), name);
			include_name = NULL;
		}
		free(name);
		break;
	case UA_LANG:
		ui_switch_lang(u);
		break;
	case UA_QUIT:
	case UA_BACK:
	case UA_PREV_STEP:
		u->screen = &ui_steps_screen;
		break;
	default:
		break;
	}
	return 0;
}

static const struct ui_bar_item agents_bar[] = {
	{ UA_IMPORT, N_("import") }, { UA_EXCLUDE, N_("exclude") }, { UA_INCLUDE, N_("include") },
	{ UA_SEARCH, N_("find") }, { UA_LANG, NULL }, { UA_QUIT, N_("back") }, { UA_NONE, NULL },
};

const struct ui_screen ui_agents_screen = { agents_title, draw_agents, agents_key, agents_bar, 0, NULL };
