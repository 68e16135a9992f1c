/*
 * --demo: the wizard on a sample environment, in a state file of its own
 * in a private temporary directory, removed on the way out.  The sample
 * comes from the migration's table; nothing the operator has is touched.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "actions.h"
#include "demo.h"
#include "fsio.h"
#include "i18n.h"
#include "inventory.h"
#include "session.h"
#include "ui.h"
#include "xalloc.h"

/* Declare the sample hosts and import the sample agent list, as one change. */
static int
fill(struct session *s, char **err)
{
	const struct migration *mig = s->model.mig;
	struct import_opts io = { NULL, NULL, mig->to_version };
	struct inventory inv;
	struct actor a;

	if (session_begin(s, err) != STATE_OK)
		return -1;
	session_actor(s, &a);
	for (size_t i = 0; i < mig->ndemo_hosts; i++) {
		const struct demo_host *h = &mig->demo_hosts[i];
		struct host_change c = { h->roles, h->address, h->version, h->aspnetcore,
		    h->desktop, NULL, NULL };

		if (act_host_add(&s->model, &a, h->name, &c, err) != ACT_OK) {
			session_abort(s);
			return -1;
		}
	}
	if (mig->demo_agents != NULL) {
		if (inventory_parse("demo-agents.csv", mig->demo_agents, strlen(mig->demo_agents),
		    &io, &inv, err) != IMPORT_OK ||
		    act_import(&s->model, &a, &inv, err) != ACT_OK) {
			inventory_free(&inv);
			session_abort(s);
			return -1;
		}
		inventory_free(&inv);
	}
	return session_commit(s, err) == STATE_OK ? 0 : -1;
}

int
demo_run(const struct front_opts *o)
{
	struct front_opts here = *o;
	char *dir, *err = NULL;
	struct session s;
	int rc;

	if (migration_default()->ndemo_hosts == 0) {
		front_error(_("This migration has no demonstration."));
		return EX_USAGE;
	}
	if ((dir = fsio_temp_dir("ses-migrate-demo")) == NULL) {
		front_errorf(_("Cannot create a directory for the demonstration: %s."), strerror(errno));
		return EX_CANTCREAT;
	}
	here.state_path = xasprintf("%s/demo.ini", dir);
	here.demo = 1;
	if (session_open(&s, here.state_path, &err) != STATE_OK || fill(&s, &err) < 0) {
		front_error(err);
		free(err);
		rc = EX_SOFTWARE;
	} else
		rc = ui_run(&here);
	session_close(&s);
	/* Throwaway: the state, its previous copy and its lock go with the directory. */
	fsio_remove_dir(dir);
	free((char *)here.state_path);
	free(dir);
	return rc;
}
