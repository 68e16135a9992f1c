/*
 * Writing a firewall plan in the forms operators and network teams use: a
 * table for the screen, CSV for a change request, and scripts for Windows
 * Defender Firewall (PowerShell, netsh) and nftables.  Every value placed
 * in a script is checked and quoted for that language.
 */
#ifndef SES_EMIT_H
#define SES_EMIT_H

#include "buf.h"
#include "finding.h"
#include "model.h"
#include "plan.h"

struct emit_opts {
	const char	*host;		/* the host a host firewall script is for */
	enum front	 front;		/* who reads the hints: the command line or the wizard */
	struct buf	*warnings;	/* NULL, or where to say what could not be written */
};

struct emitter {
	const char	*name;
	int		 needs_host;	/* a script that runs on one host */
	int		(*emit)(const struct plan *, const struct model *,
			    const struct emit_opts *, struct buf *, char **);
};

/* The emitters' names, in the order they are listed, NULL-terminated. */
const char *const *emitter_ids(void);
/* The emitter of this name ("table", "csv"...), or NULL. */
const struct emitter *emitter_find(const char *name);
/* The emitter names, for a message: "table, csv, powershell, netsh, nftables". */
const char *emitter_names(void);

/* Quoting, shared with the tests and the fuzzers. */
/* Appends "# text" and CRLF, control characters as spaces: a PowerShell comment line. */
void emit_ps_comment(struct buf *b, const char *text);
/* Appends s as a PowerShell single-quoted string, control characters as spaces. */
void emit_ps_quote(struct buf *b, const char *s);
/* Appends s as a CSV cell, quoted as needed, a formula defused with a leading '. */
void emit_csv_cell(struct buf *b, const char *s);
/* Appends s made inert for cmd.exe (a rem line or a quoted netsh argument). */
void emit_cmd_text(struct buf *b, const char *s);
/* Appends s as a quoted nftables comment: at most 120 safe ASCII characters. */
void emit_nft_comment(struct buf *b, const char *s);
/* Whether s may stand bare in a script: a host, addresses, networks or an end's name. */
int emit_safe_token(const struct migration *mig, const char *s);
/* The first of f's ends and remote (may be NULL) unfit for a script, or NULL. */
const char *emit_unsafe_value(const struct plan *p, const struct flow *f,
    const char *remote);

/* The address of the far end of a flow, as the plan knows it. */
const char *emit_remote(const struct model *m, const struct flow *f,
    int inbound);
/* f's stable rule name, "ses-migrate KIND SRC to DST PROTO PORT"; the caller frees it. */
char *emit_rule_name(const struct flow *f);
/* 0 if every host of the plan but host has an IP address; else -1, *err naming them. */
int emit_check_addresses(const struct plan *p, const struct model *m,
    const char *host, char **err);

/* What a script for one host's Windows Defender Firewall is made of. */
struct host_script {
	const char	*head;		/* the first bytes: BOM, @echo off... */
	const char	*run_hint;	/* N_(): how to run it */
	const char	*body;		/* after the header comments */
	void		(*comment)(struct buf *, const char *);
	void		(*rule)(struct buf *, const struct plan *,
			    const struct model *, const struct flow *, int inbound);
	/*
	 * The rows of the very end run only when asked for by name, so that
	 * the script applied in one go leaves the old port open.
	 */
	const char	*end_param;	/* before the body, when there are such rows */
	const char	*end_hint;	/* N_(): how to run them */
	const char	*end_open;	/* what starts them */
	void		(*end_close)(struct buf *, const char *skipped);
};

/* "Already open in the version migrated from: keep it.", through comment. */
void emit_kept(struct buf *b, const struct plan *p,
    void (*comment)(struct buf *, const char *));

/* Appends the script for o->host; -1 with *err for a missing address or unsafe value. */
int emit_host_script(const struct plan *p, const struct model *m,
    const struct emit_opts *o, struct buf *b, char **err,
    const struct host_script *hs);

#endif
