/*
 * The steps of the SES Evolution 2.6 to 2.7.1 migration, by position in
 * its table (migration-ses.c).  Only that table and the tests use them:
 * the engine knows steps by what the migration says of them.
 */
#ifndef SES_MIGRATION_SES_H
#define SES_MIGRATION_SES_H

#include "migration.h"

enum ses_step {
	STEP_PREREQUISITES,
	STEP_FIREWALL_DUAL,
	STEP_BACKOFFICE,
	STEP_DEPLOY,
	STEP_LOGS,
	STEP_POLICY,
	STEP_AGENTS,
	STEP_CLOSE_17000,
	STEP_COUNT
};

extern const struct migration migration_ses;

#endif
