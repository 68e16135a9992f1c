/*
 * Findings rendered for people: the message, and what to do about it in
 * the words of each front end (a command to run, a key to press, a
 * sentence for a report), in the current language.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "finding.h"
#include "i18n.h"
#include "xalloc.h"

/* The names joined by commas; past ten, the rest are counted, not listed. */
char *
finding_subjects(const struct finding *f)
{
	size_t shown = f->nsubjects > 10 ? 10 : f->nsubjects;
	struct buf b;
	char *list;

	buf_init(&b);
	for (size_t i = 0; i < shown; i++) {
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, f->subjects[i]);
	}
	if (shown == f->nsubjects)
		return buf_detach(&b);
	list = xasprintf(P_("%s and %zu other", "%s and %zu others", f->nsubjects - shown),
	    b.data, f->nsubjects - shown);
	buf_free(&b);
	return list;
}

/* The formats are N_() literals of the gates, with %s only; msgfmt -c checks them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

char *
finding_message(const struct finding *f)
{
	const char *a[FINDING_ARGS] = { "", "", "", "" };
	char *joined = NULL, *text;

	for (int i = 0; i < f->nargs; i++) {
		if (f->args[i] == NULL)
			a[i] = joined != NULL ? joined : (joined = finding_subjects(f));
		else
			a[i] = (f->translate & (1u << i)) ? _(f->args[i]) : f->args[i];
	}
	text = xasprintf(P_(f->one, f->many, f->count), a[0], a[1], a[2], a[3]);
	free(joined);
	return text;
}

/* What to do about each kind of finding, as each front end says it. */
static const struct {
	const char	*cli;		/* N_(), %s the argument */
	const char	*cli_bare;	/* N_(), when there is no argument */
	const char	*wizard;
	const char	*report;
	const char	*wizard_elsewhere;	/* N_(), when the item is on an earlier step */
} fixes[] = {
	[FIX_NONE] = { NULL, NULL, NULL, NULL },
	[FIX_CONFIRM] = {
		N_("Once it is done, confirm it: ses-migrate confirm %s"), NULL,
		N_("Once it is done, select it and press Space."),
		N_("Confirm it once it is done."),
		N_("Once it is done, show its step with Left, select it and press Space.") },
	[FIX_DECLARE] = {
		N_("Declare it: ses-migrate host add NAME --roles %s --version VERSION"), NULL,
		N_("Declare it: e opens the environment, + adds a host; give it the role %s and its version."),
		N_("Declare it, with the role %s and its version.") },
	[FIX_VERSION] = {
		N_("Once updated, record it: ses-migrate host set NAME --version %s"),
		N_("Record each version: ses-migrate host set NAME --version VERSION"),
		N_("Record each version: e opens the environment; choose the host, Enter, field SES Evolution version."),
		N_("Record the version of each host.") },
	[FIX_ASPNETCORE] = {
		N_("Then record it: ses-migrate host set NAME --aspnetcore %s"), NULL,
		N_("Then record it: e opens the environment; choose the host, Enter, field ASP.NET Core Runtime."),
		N_("Then record its version.") },
	[FIX_DESKTOP] = {
		N_("Then record it: ses-migrate host set NAME --desktop-runtime %s"), NULL,
		N_("Then record it: e opens the environment; choose the host, Enter, field .NET Desktop Runtime."),
		N_("Then record its version.") },
	[FIX_IMPORT] = {
		NULL, N_("Then import it: ses-migrate agents import FILE"),
		N_("Then import it: a opens the agent inventory, i imports a file."),
		N_("Then import it.") },
	[FIX_EXCLUDE] = {
		NULL, N_("An agent that will never update can be excluded: ses-migrate agents exclude NAME --reason TEXT"),
		N_("An agent that will never update can be excluded, with a reason: a opens the agent inventory, x excludes the chosen agent."),
		N_("An agent that will never update can be excluded, one by one, with a reason.") },
	[FIX_WAIVE] = {
		N_("Or waive it with a reason: ses-migrate waive %s --reason TEXT"), NULL,
		N_("Or waive it with a reason: choose the item, then w."),
		N_("Or waive it, with a reason."),
		N_("Or waive it with a reason: show its step with Left, choose the item, then w.") },
	[FIX_COLLECT] = {
		N_("Write its collector with ses-migrate collect --host %s, run it on the host, then ses-migrate evidence import FILE"), NULL,
		N_("e opens the environment; choose %s, then c writes its collector to run on it."),
		N_("Run the collector on %s again and import its file.") },
	[FIX_REOPEN] = {
		N_("Or do that step again: ses-migrate reopen %s --reason TEXT"), NULL,
		N_("Or do that step again: show it with Left, then press o."),
		N_("Or reopen that step, with a reason, and do it again.") },
};

static char *
fix_text(const struct finding *f, enum front front)
{
	const char *fmt;

	switch (front) {
	case FRONT_CLI:
		fmt = f->fix_arg != NULL && fixes[f->fix].cli != NULL ?
		    fixes[f->fix].cli : fixes[f->fix].cli_bare;
		if (fmt == NULL)
			fmt = fixes[f->fix].cli;
		break;
	case FRONT_WIZARD:
		/* The keys that act on an item act on the step shown: the item's, first. */
		fmt = f->elsewhere && fixes[f->fix].wizard_elsewhere != NULL ?
		    fixes[f->fix].wizard_elsewhere : fixes[f->fix].wizard;
		break;
	default:
		fmt = fixes[f->fix].report;
	}
	if (fmt == NULL)
		return NULL;
	return xasprintf(_(fmt), f->fix_arg != NULL ? f->fix_arg : "");
}

char *
finding_hint(const struct finding *f, enum front front)
{
	char *remedy = NULL, *how = fix_text(f, front), *hint;

	if (f->remedy != NULL)
		remedy = xasprintf(_(f->remedy), f->remedy_args[0] != NULL ? f->remedy_args[0] : "",
		    f->remedy_args[1] != NULL ? f->remedy_args[1] : "");
	if (remedy != NULL && how != NULL)
		hint = xasprintf("%s %s", remedy, how);
	else
		hint = remedy != NULL ? remedy : how != NULL ? how : xstrdup("");
	if (remedy != NULL && how != NULL) {
		free(remedy);
		free(how);
	}
	return hint;
}

#pragma GCC diagnostic pop

const char *
finding_fix_id(enum fix fix)
{
	static const char *const ids[] = {
		[FIX_NONE] = "none", [FIX_CONFIRM] = "confirm", [FIX_DECLARE] = "declare-host",
		[FIX_VERSION] = "record-version", [FIX_ASPNETCORE] = "record-aspnetcore",
		[FIX_DESKTOP] = "record-desktop-runtime", [FIX_IMPORT] = "import-agents",
		[FIX_EXCLUDE] = "exclude-agent", [FIX_WAIVE] = "waive",
		[FIX_COLLECT] = "collect-evidence", [FIX_REOPEN] = "reopen-step",
	};

	return ids[fix];
}
