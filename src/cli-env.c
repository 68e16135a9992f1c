/* The commands of the environment and the agents: host, setting, agents. */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "buf.h"
#include "cli-int.h"
#include "i18n.h"
#include "json-doc.h"
#include "report.h"

/* host add|set|remove NAME [options] */
int
cmd_host(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 &&
	    strcmp(verb, "remove") != 0)
		return usage_error("host");
	if (parse_opts(argc - 1, argv + 1,
	    *verb == 'r' ? "" :
	    "roles address version aspnetcore desktop-runtime sql-ports syslog-ports",
	    &o) < 0 || argc - 1 - optind != 1)
		return usage_error("host");
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	if (*verb == 'a')
		st = act_host_add(&s->model, &a, argv[1 + optind], &o.host, &err);
	else if (*verb == 's')
		st = act_host_set(&s->model, &a, argv[1 + optind], &o.host, &err);
	else
		st = act_host_remove(&s->model, &a, argv[1 + optind], &err);
	return cli_finish(s, st, err);
}

/* setting NAME VALUE */
int
cmd_setting(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (parse_opts(argc, argv, "", &o) < 0 || argc - optind != 2)
		return usage_error("setting");
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = act_setting(&s->model, &a, argv[optind], argv[optind + 1], &err);
	return cli_finish(s, st, err);
}

/* agents import FILE|-: read first, then lock, save, and only then say so. */
static int
agents_import(struct session *s, int argc, char **argv)
{
	struct inventory inv;
	struct actor a;
	struct opts o;
	char *err = NULL;
	int rc;

	if (parse_opts(argc, argv, "host-column version-column", &o) < 0 ||
	    argc - optind != 1)
		return usage_error("agents import");
	o.import.target = s->model.mig->to_version;
	/* Read before the lock is taken: a large export takes a while. */
	switch (inventory_import(argv[optind], &o.import, &inv, &err)) {
	case IMPORT_OK:
		break;
	case IMPORT_NOINPUT:
		front_error(err);
		free(err);
		return EX_NOINPUT;
	case IMPORT_IOERR:
		front_error(err);
		free(err);
		return EX_IOERR;
	default:
		front_error(err);
		free(err);
		return EX_DATAERR;
	}
	if ((rc = cli_begin(s)) != 0) {
		inventory_free(&inv);
		return rc;
	}
	session_actor(s, &a);
	if (act_import(&s->model, &a, &inv, &err) != ACT_OK) {
		session_abort(s);
		inventory_free(&inv);
		front_error(err);
		free(err);
		return EX_DATAERR;
	}
	inventory_free(&inv);
	if ((rc = cli_commit(s)) != 0)
		return rc;
	printf(P_("Imported %lu agent: %lu at %s or later, %lu below, %lu unreadable.\n",
	    "Imported %lu agents: %lu at %s or later, %lu below, %lu unreadable.\n",
	    s->model.inventory.total), s->model.inventory.total,
	    inventory_at_target(&s->model.inventory), s->model.mig->to_version,
	    s->model.inventory.below_total, s->model.inventory.unreadable_total);
	return 0;
}

/* agents import FILE | exclude NAME --reason | include NAME | show [--json] */
int
cmd_agents(const struct front_opts *c, struct session *s, int argc, char **argv)
{
	const char *verb = argc > 1 ? argv[1] : "";
	struct actor a;
	struct opts o;
	char *err = NULL;
	enum act_status st;
	int rc;

	if (strcmp(verb, "import") == 0)
		return agents_import(s, argc - 1, argv + 1);
	if (strcmp(verb, "show") == 0) {
		struct buf b;

		if (parse_opts(argc - 1, argv + 1, "json", &o) < 0 || optind != argc - 1)
			return usage_error("agents show");
		buf_init(&b);
		if (o.json)
			json_inventory(&s->model, &b);
		else
			report_inventory(&s->model, &b);
		fputs(b.data, stdout);
		buf_free(&b);
		return 0;
	}
	if (strcmp(verb, "exclude") != 0 && strcmp(verb, "include") != 0)
		return usage_error("agents");
	if (parse_opts(argc - 1, argv + 1, *verb == 'e' ? "reason" : "", &o) < 0 ||
	    argc - 1 - optind != 1)
		return usage_error("agents");
	if ((rc = cli_begin(s)) != 0)
		return rc;
	session_actor(s, &a);
	st = *verb == 'e' ?
	    act_exclude(&s->model, &a, argv[1 + optind], o.reason, &err) :
	    act_include(&s->model, &a, argv[1 + optind], &err);
	return cli_finish(s, st, err);
}
