/*
 * The environment screen: the hosts and the settings as a list to act on.
 * Enter edits the chosen line, + declares a host, - removes one; each goes
 * through a form whose fields the state's schema checks as they are typed.
 */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "actions.h"
#include "dates.h"
#include "i18n.h"
#include "schema.h"
#include "text.h"
#include "ui-int.h"
#include "xalloc.h"

/* The settings, in the order of their lines, and how each is stored. */
static const struct {
	const char		*name;		/* as `setting NAME VALUE` says it */
	const char		*label;		/* N_() */
} settings[] = {
	{ "runtime-minimum", N_("Lowest runtime patch") },
	{ "inventory-max-age", N_("Inventory age limit (h)") },
	{ "agent-networks", N_("Agent networks") },
	{ "siem-sources", N_("SIEM/SOAR sources") },
};
#define NSETTINGS	(sizeof(settings) / sizeof(settings[0]))
#define NFIELDS(a)	(sizeof(a) / sizeof((a)[0]))

/* Lines: the hosts, then the settings. */
static size_t
nlines(const struct ui *u)
{
	return u->s->model.nhosts + NSETTINGS;
}

/* The fields of a host but its name, in the order of struct host_change. */
#define HOST_FIELDS \
	{ N_("Roles"), N_("Roles, separated by commas: backend, agent-handler, console, sql, syslog."), \
	  &sk_host_roles, NULL, NULL, 0, 1, 0 }, \
	{ N_("Address"), N_("An IP address, or a name this machine resolves; empty: the host's name."), \
	  &sk_host_address, NULL, NULL, 0, 0, 0 }, \
	{ N_("SES Evolution version"), N_("The SES Evolution version it runs, as its console shows it."), \
	  &sk_host_version, NULL, NULL, 0, 0, 0 }, \
	{ N_("ASP.NET Core Runtime"), N_("On agent handlers: the ASP.NET Core Runtime version, or paste here all that dotnet --list-runtimes prints."), \
	  &sk_host_aspnetcore, NULL, NULL, 0, 0, 0 }, \
	{ N_(".NET Desktop Runtime"), N_("On agent handlers: the .NET Desktop Runtime version."), \
	  &sk_host_desktop, NULL, NULL, 0, 0, 0 }, \
	{ N_("SQL Server ports"), N_("On a SQL Server host: its ports, as tcp/N and udp/N separated by commas; empty: the defaults."), \
	  &sk_host_sql_ports, NULL, NULL, 0, 0, 0 }, \
	{ N_("Syslog ports"), N_("On a Syslog server: its ports, as tcp/N and udp/N separated by commas; empty: the defaults."), \
	  &sk_host_syslog_ports, NULL, NULL, 0, 0, 0 }

static const struct ui_form_field add_fields[] = {
	{ N_("Name"), N_("The host's name, as the network knows it, or its IP address."),
	  &sk_host_name, NULL, NULL, 0, 1, 0 },
	HOST_FIELDS,
};
static const struct ui_form_field edit_fields[] = { HOST_FIELDS };

/* The host fields of the open form, from field first on, as a change. */
static void
host_change_of(const struct ui *u, size_t first, struct host_change *c)
{
	const char **v[] = { &c->roles, &c->address, &c->version, &c->aspnetcore,
	    &c->desktop, &c->sql_ports, &c->syslog_ports };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		*v[i] = ui_form_value(u, first + i);
}

static enum act_status
do_add(struct ui *u, const struct actor *a, char **err)
{
	struct host_change c;

	host_change_of(u, 1, &c);
	/* Empty fields say nothing: the host has no such value yet. */
	for (const char **p = &c.roles; p <= &c.syslog_ports; p++)
		if (**p == '\0')
			*p = NULL;
	return act_host_add(&u->s->model, a, ui_form_value(u, 0), &c, err);
}

static int
submit_add(struct ui *u)
{
	char *name = xstrdup(ui_form_value(u, 0));
	int rc = ui_apply(u, do_add, N_("Declared host %s."), name);

	free(name);
	return rc;
}

/* A host's fields as the edit form shows them, in its order. */
static void
host_fields(const struct host *h, char roles[64], const char *v[7])
{
	v[0] = role_list_text(h->roles, roles, 64);
	v[1] = h->address;
	v[2] = h->version;
	v[3] = h->aspnetcore;
	v[4] = h->desktop;
	v[5] = h->sql_ports;
	v[6] = h->syslog_ports;
}

/*
 * Only what the operator changed is changed, on the state as it is now:
 * another's change to another field stays.  A field another changed since
 * the form opened is not written over: the edit is refused, saying so.
 */
static enum act_status
do_edit(struct ui *u, const struct actor *a, char **err)
{
	const struct host *h = model_host_find(&u->s->model, u->form.subject);
	const char **fields[7];
	struct host_change c;
	const char *now[7];
	char roles[64];

	if (h == NULL) {
		*err = xasprintf(_("Host %s was removed meanwhile, from elsewhere."), u->form.subject);
		return ACT_INVALID;
	}
	host_fields(h, roles, now);
	host_change_of(u, 0, &c);
	fields[0] = &c.roles;
	fields[1] = &c.address;
	fields[2] = &c.version;
	fields[3] = &c.aspnetcore;
	fields[4] = &c.desktop;
	fields[5] = &c.sql_ports;
	fields[6] = &c.syslog_ports;
	for (size_t i = 0; i < 7; i++) {
		const char *was = ui_form_initial(u, i);

		if (strcmp(*fields[i], was) == 0) {
			*fields[i] = NULL;
			continue;
		}
		if (strcmp(now[i] != NULL ? now[i] : "", was) != 0) {
			*err = xasprintf(_("The %s of %s was changed elsewhere meanwhile, to \"%s\": Esc, then look again."),
			    _(edit_fields[i].label), u->form.subject, now[i] != NULL ? now[i] : "");
			return ACT_INVALID;
		}
	}
	return act_host_set(&u->s->model, a, u->form.subject, &c, err);
}

static int
submit_edit(struct ui *u)
{
	size_t i = 0;

	while (i < NFIELDS(edit_fields) && strcmp(ui_form_value(u, i), ui_form_initial(u, i)) == 0)
		i++;
	if (i == NFIELDS(edit_fields)) {
		ui_note(u, N_("Nothing was changed."), 0, NULL, NULL);
		return 0;
	}
	return ui_apply(u, do_edit, N_("Changed host %s."), u->form.subject);
}

static enum act_status
do_remove(struct ui *u, const struct actor *a, char **err)
{
	return act_host_remove(&u->s->model, a, u->form.subject, err);
}

static int
submit_remove(struct ui *u)
{
	int rc;

	if (strcmp(ui_form_value(u, 0), u->form.subject) != 0) {
		ui_note(u, N_("Type the host's name, %s, to remove it."), 0, u->form.subject, NULL);
		return -1;
	}
	rc = ui_apply(u, do_remove, N_("Removed host %s."), u->form.subject);
	if (rc == 0 && u->line > 0 && u->line >= nlines(u))
		u->line--;
	return rc;
}

static enum act_status
do_setting(struct ui *u, const struct actor *a, char **err)
{
	return act_setting(&u->s->model, a, u->form.subject, ui_form_value(u, 0), err);
}

static int
submit_setting(struct ui *u)
{
	return ui_apply(u, do_setting, N_("Setting %s changed."), u->form.subject);
}

static const struct ui_form_def add_form = {
	N_("Declare a host"),
	N_("Each backend, agent handler and administration console of the backoffice, and the SQL Server and Syslog hosts they use."),
	add_fields, sizeof(add_fields) / sizeof(add_fields[0]), submit_add,
};
static const struct ui_form_def edit_form = {
	N_("Change a host"), N_("An emptied field is cleared."),
	edit_fields, sizeof(edit_fields) / sizeof(edit_fields[0]), submit_edit,
};

/* Removing asks for the name again: a slip of a key must not lose a host. */
static char *
same_name(const struct ui *u, const char *v)
{
	return strcmp(v, u->form.subject) == 0 ? NULL :
	    xasprintf(_("Type %s to remove it."), u->form.subject);
}

static const struct ui_form_field remove_fields[] = {
	{ N_("Host name"), NULL, NULL, same_name, NULL, 255, 1, 0 },
};
static const struct ui_form_def remove_form = {
	N_("Remove a host"), N_("Its flows leave the firewall plan and its versions the gates. Type its name and Enter to remove it, Esc to keep it."),
	remove_fields, 1, submit_remove,
};

/* One form per setting, in the order of settings[]: the field takes its rule. */
static const char networks_intro[] = N_("A list of addresses and networks, such as 10.1.0.0/16,10.2.3.4, for the firewall scripts; empty: any address.");
static const struct ui_form_field setting_fields[NSETTINGS] = {
	{ N_("Lowest runtime patch"), N_("The lowest patch of the runtime series the agent handlers may run."),
	  &sk_runtime_min, NULL, NULL, 0, 1, 0 },
	{ N_("Inventory age limit (h)"), N_("How old the agent list may be when the old port is closed."),
	  &sk_max_age, NULL, NULL, 0, 1, 0 },
	{ N_("Agent networks"), NULL, &sk_agent_networks, NULL, NULL, 0, 0, 0 },
	{ N_("SIEM/SOAR sources"), NULL, &sk_siem_sources, NULL, NULL, 0, 0, 0 },
};
static const struct ui_form_def setting_forms[NSETTINGS] = {
	{ N_("Change a setting"), NULL, &setting_fields[0], 1, submit_setting },
	{ N_("Change a setting"), NULL, &setting_fields[1], 1, submit_setting },
	{ N_("Change a setting"), networks_intro, &setting_fields[2], 1, submit_setting },
	{ N_("Change a setting"), networks_intro, &setting_fields[3], 1, submit_setting },
};

/* The value of a setting as the state has it, for its line and its form. */
static char *
setting_value(const struct model *m, size_t i)
{
	switch (i) {
	case 0:
		return xstrdup(m->runtime_min);
	case 1:
		return xasprintf("%u", m->inventory_max_age);
	case 2:
		return xstrdup(m->agent_networks != NULL ? m->agent_networks : "");
	default:
		return xstrdup(m->siem_sources != NULL ? m->siem_sources : "");
	}
}

static char *
env_title(const struct ui *u)
{
	return ui_title_with_path(_("Environment"), u->s->path);
}

static void
draw_env(struct ui *u)
{
	const struct model *m = &u->s->model;
	int y = 2, bottom = u->bottom;
	char roles[64];

	if (m->nhosts == 0)
		y = ui_put_wrapped(y, 1, COLS - 2, 0,
		    _("Start here: declare each host of the backoffice (+), with its roles and SES Evolution version, then the agent handlers' runtimes. The gates and the firewall plan are computed from them."),
		    bottom) + 1;
	attron(A_BOLD);
	ui_put_cut(y++, 1, _("Hosts"), (size_t)COLS - 2);
	attroff(A_BOLD);
	if (m->nhosts == 0)
		ui_put_cut(y++, 3, _("None yet: + declares one."), (size_t)COLS - 4);
	for (size_t i = 0; i < nlines(u) && y < bottom; i++) {
		char *line;

		if (i == m->nhosts) {
			y++;
			attron(A_BOLD);
			ui_put_cut(y++, 1, _("Settings"), (size_t)COLS - 2);
			attroff(A_BOLD);
		}
		if (i < m->nhosts) {
			const struct host *h = &m->hosts[i];

			line = xasprintf("%s (%s) %s %s", h->name,
			    role_list_text(h->roles, roles, sizeof(roles)),
			    h->version != NULL ? h->version : _("version unknown"),
			    h->address != NULL ? h->address : "");
			if (h->evidence_at != NULL) {
				/* TRANSLATORS: a host's line, marked as having evidence; the detail shows below the list. */
				char *more = xasprintf(_("%s; evidence"), line);

				free(line);
				line = more;
			}
		} else {
			char *v = setting_value(m, i - m->nhosts);

			/* TRANSLATORS: a setting and its value, on the environment screen. */
			line = xasprintf(_("%s: %s"), _(settings[i - m->nhosts].label),
			    *v != '\0' ? v : _("(none)"));
			free(v);
		}
		if (i == u->line)
			attron(A_REVERSE);
		mvhline(y, 1, ' ', COLS - 2);
		ui_put_cut(y, 1, i == u->line ? ">" : " ", 1);
		ui_put_cut(y, 3, line, (size_t)COLS - 4);
		if (i == u->line)
			attroff(A_REVERSE);
		free(line);
		y++;
	}
	/* The chosen host's evidence in full, where there is room for it. */
	if (u->line < m->nhosts && m->hosts[u->line].evidence_at != NULL && y + 1 < bottom) {
		const struct host *h = &m->hosts[u->line];
		char *when = date_text_iso(h->evidence_at);
		char *text = h->evidence_failed != NULL ?
		    xasprintf(_("Evidence of %s, collected on the host on %s, imported from %s; connection tests not as expected: %s."),
		    h->name, when, h->evidence_file, h->evidence_failed) :
		    xasprintf(_("Evidence of %s, collected on the host on %s, imported from %s; every connection test as expected."),
		    h->name, when, h->evidence_file);

		ui_put_wrapped(y + 1, 1, COLS - 2, 0, text, bottom);
		free(text);
		free(when);
	}
}

static void
edit_line(struct ui *u)
{
	const struct model *m = &u->s->model;

	if (u->line < m->nhosts) {
		const struct host *h = &m->hosts[u->line];
		char roles[64];
		const char *v[7];

		host_fields(h, roles, v);
		ui_form_open(u, &edit_form, h->name, v);
	} else {
		size_t i = u->line - m->nhosts;
		char *value = setting_value(m, i);
		const char *v[] = { value };

		ui_form_open(u, &setting_forms[i], settings[i].name, v);
		free(value);
	}
}

static int
env_key(struct ui *u, enum ui_action a, int raw)
{
	(void)raw;	/* the signature every one of its kind has */
	const struct model *m = &u->s->model;

	switch (a) {
	case UA_UP:
		u->line = u->line > 0 ? u->line - 1 : 0;
		break;
	case UA_DOWN:
		u->line = u->line + 1 < nlines(u) ? u->line + 1 : u->line;
		break;
	case UA_CONFIRM:
		edit_line(u);
		break;
	case UA_ADD:
		ui_form_open(u, &add_form, NULL, NULL);
		break;
	case UA_REMOVE:
		if (u->line < m->nhosts)
			ui_form_open(u, &remove_form, m->hosts[u->line].name, NULL);
		else
			ui_note(u, N_("Only hosts can be removed; a setting is changed with Enter."),
			    0, NULL, NULL);
		break;
	case UA_COLLECT:
		/* For the chosen host when it is a Windows one of the backoffice, else for all. */
		ui_export_collect(u, u->line < m->nhosts && (m->hosts[u->line].roles & ROLE_BACKOFFICE) ?
		    m->hosts[u->line].name : NULL);
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

static const struct ui_bar_item env_bar[] = {
	{ UA_CONFIRM, N_("edit") }, { UA_ADD, N_("add host") }, { UA_REMOVE, N_("remove") },
	{ UA_COLLECT, N_("collector") }, { UA_LANG, NULL }, { UA_QUIT, N_("back") }, { UA_NONE, NULL },
};

const struct ui_screen ui_env_screen = { env_title, draw_env, env_key, env_bar, 0, NULL };
