/* The commands of the procedure: status, check, next, confirm, defer, reopen, waive. */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cli-int.h"
#include "finding.h"
#include "i18n.h"
#include "json-doc.h"
#include "report.h"
#include "text.h"
#include "xalloc.h"

/* Each finding with its code, and what to do as a command. */
static void
print_findings(const struct findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		char *message = finding_message(x), *hint = finding_hint(x, FRONT_CLI);

		printf("%s [%s] %s\n", x->severity == SEV_ERROR ? _("BLOCKED") : _("NOTE"),
		    x->gate, message);
		if (*hint != '\0')
			printf("    %s\n", hint);
		free(message);
		free(hint);
	}
}

/* The step named on the command line, or the current one; -1 (said) if there is none such. */
static int
step_arg(const struct session *s, int argc, char **argv)
{
	int step;
	char *shown;

	if (optind == argc)
		return (int)model_current_step(&s->model);
	if ((step = migration_step_find(s->model.mig, argv[optind])) >= 0)
		return step;
	shown = text_visible(argv[optind], strlen(argv[optind]));
	front_errorf(_("There is no step \"%s\"."), shown);
	free(shown);
	return -1;
}

int
cmd_status(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	time_t now = clock_now();
	struct opts o;
	struct buf b;

	if (parse_opts(argc, argv, "json", &o) < 0 || optind != argc)
		return usage_error("status");
	buf_init(&b);
	if (o.json)
		json_status(&s->model, now, &b);
	else
		report_status(&s->model, now, &b);
	fputs(b.data, stdout);
	buf_free(&b);
	return 0;
}

int
cmd_check(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	const struct migration *mig = s->model.mig;
	struct findings f;
	struct opts o;
	struct buf b;
	int step, ok;

	if (parse_opts(argc, argv, "json", &o) < 0 || argc - optind > 1)
		return usage_error("check");
	if ((step = step_arg(s, argc, argv)) < 0)
		return EX_USAGE;
	buf_init(&b);
	if ((size_t)step == mig->nsteps) {
		if (o.json)
			json_check_complete(&b);
		else
			buf_printf(&b, "%s\n", _("The migration is complete."));
		fputs(b.data, stdout);
		buf_free(&b);
		return 0;
	}
	findings_init(&f);
	gates_eval(&s->model, (size_t)step, clock_now(), &f);
	ok = findings_errors(&f) == 0;
	if (o.json) {
		json_check(&s->model, (size_t)step, &f, &b);
		fputs(b.data, stdout);
	} else {
		printf(_("Step %s (%s):\n"), _(mig->steps[step].title), mig->steps[step].id);
		print_findings(&f);
		if (ok)
			printf("%s\n", _("Every gate passes."));
	}
	buf_free(&b);
	findings_free(&f);
	return ok ? 0 : EXIT_REFUSED;
}

int
cmd_next(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	const struct migration *mig = s->model.mig;
	struct findings f;
	struct actor a;
	struct opts o;
	char *err = NULL;
	int step, rc;

	if (parse_opts(argc, argv, "", &o) < 0 || argc - optind > 1)
		return usage_error("next");
	if ((step = step_arg(s, argc, argv)) < 0)
		return EX_USAGE;
	if ((size_t)step == mig->nsteps) {
		printf("%s\n", _("The migration is already complete."));
		return 0;
	}
	if ((rc = cli_begin(s)) != 0)
		return rc;
	/* The state may have moved on since it was read. */
	if (optind == argc)
		step = (int)model_current_step(&s->model);
	if ((size_t)step == mig->nsteps) {
		session_abort(s);
		printf("%s\n", _("The migration is already complete."));
		return 0;
	}
	session_actor(s, &a);
	findings_init(&f);
	switch (act_complete(&s->model, &a, (size_t)step, &f, &err)) {
	case ACT_INVALID:
		session_abort(s);
		front_error(err);
		free(err);
		rc = EX_USAGE;
		break;
	case ACT_REFUSED:
		session_abort(s);
		printf(_("Step %s cannot be completed yet:\n"), mig->steps[step].id);
		print_findings(&f);
		rc = EXIT_REFUSED;
		break;
	default:
		if ((rc = cli_commit(s)) != 0)
			break;
		printf(_("Step %s is done.\n"), mig->steps[step].id);
		if (model_complete(&s->model))
			printf("%s\n", _("The migration is complete."));
		else
			printf(_("Next step: %s (%s).\n"),
			    _(mig->steps[model_current_step(&s->model)].title),
			    mig->steps[model_current_step(&s->model)].id);
	}
	findings_free(&f);
	return rc;
}

/* confirm ITEM [--note TEXT], unconfirm ITEM */
int
cmd_confirm(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	int undo = strcmp(argv[0], "unconfirm") == 0, rc;
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;

	if (parse_opts(argc, argv, undo ? "" : "note", &o) < 0 ||
	    argc - optind != 1)
		return usage_error(argv[0]);
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = undo ? act_unconfirm(&s->model, &a, argv[optind], &err) :
	    act_confirm(&s->model, &a, argv[optind], o.note, &err);
	return cli_finish(s, st, err);
}

/* defer STEP --reason, reopen STEP --reason, waive ITEM --reason */
int
cmd_with_reason(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (parse_opts(argc, argv, "reason", &o) < 0 || argc - optind != 1)
		return usage_error(argv[0]);
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	if (strcmp(argv[0], "defer") == 0)
		st = act_defer(&s->model, &a, argv[optind], o.reason, &err);
	else if (strcmp(argv[0], "reopen") == 0)
		st = act_reopen(&s->model, &a, argv[optind], o.reason, &err);
	else
		st = act_waive(&s->model, &a, argv[optind], o.reason, &err);
	return cli_finish(s, st, err);
}

/* note STEP TEXT: "" removes the note. */
int
cmd_note(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	(void)c;	/* the signature every one of its kind has */
	enum act_status st;
	struct actor a;
	char *err = NULL;
	int rc;

	/* The text is taken as it is, dashes and all; "--" before it is allowed, as elsewhere. */
	if (argc == 4 && strcmp(argv[2], "--") == 0)
		argv[2] = argv[3];
	else if (argc != 3)
		return usage_error("note");
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = act_step_note(&s->model, &a, argv[1], argv[2], &err);
	return cli_finish(s, st, err);
}
