/* The table of emitters, and what they share: names, addresses, quoting. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "i18n.h"
#include "validate.h"
#include "xalloc.h"

extern const struct emitter emit_table, emit_csv, emit_powershell,
    emit_netsh, emit_nftables;

static const struct emitter *const emitters[] = {
	&emit_table, &emit_csv, &emit_powershell, &emit_netsh, &emit_nftables,
};

const char *const *
emitter_ids(void)
{
	static const char *ids[sizeof(emitters) / sizeof(emitters[0]) + 1];

	for (size_t i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++)
		ids[i] = emitters[i]->name;
	return ids;
}

const struct emitter *
emitter_find(const char *name)
{
	for (size_t i = 0; i < sizeof(emitters) / sizeof(emitters[0]); i++)
		if (strcmp(emitters[i]->name, name) == 0)
			return emitters[i];
	return NULL;
}

const char *
emitter_names(void)
{
	return "table, csv, powershell, netsh, nftables";
}

/*
 * PowerShell single-quoted string: nothing expands inside, and a quote is
 * written twice.  PowerShell also takes the typographic quotes U+2018 to
 * U+201B as single quotes, so they are doubled too.
 */
void
emit_ps_quote(struct buf *b, const char *s)
{
	buf_putc(b, '\'');
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\'') {
			buf_puts(b, "''");
		} else if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0x98 && p[2] <= 0x9b) {
			buf_add(b, (const char *)p, 3);
			buf_add(b, (const char *)p, 3);
			p += 2;
		} else if (*p < 0x20 || *p == 0x7f) {
			buf_putc(b, ' ');	/* one line, always */
		} else
			buf_putc(b, (char)*p);
	}
	buf_putc(b, '\'');
}

/*
 * A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line
 * break.  A cell that a spreadsheet would read as a formula (= + - @, tab,
 * CR) is defused with a leading apostrophe.
 */
void
emit_csv_cell(struct buf *b, const char *s)
{
	size_t len = strlen(s);
	int formula = len > 0 && strchr("=+-@\t\r", *s) != NULL;
	/* Spaces at either end survive only inside quotes. */
	int quote = formula || strpbrk(s, ",\"\r\n") != NULL ||
	    (len > 0 && (s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == '\t'));

	if (quote)
		buf_putc(b, '"');
	if (formula)
		buf_putc(b, '\'');
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

/*
 * Text in a cmd.exe script (a rem line or a quoted netsh argument):
 * percent signs doubled, quotes turned to apostrophes, the characters cmd
 * treats specially escaped with a caret, control characters dropped.
 */
void
emit_cmd_text(struct buf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '%')
			buf_puts(b, "%%");
		else if (*p == '"')
			buf_putc(b, '\'');
		else if (strchr("&|<>^", *p) != NULL)
			buf_printf(b, "^%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_putc(b, ' ');
		else
			buf_putc(b, (char)*p);
	}
}

/* An nftables comment: plain ASCII letters, digits and a few signs only. */
void
emit_nft_comment(struct buf *b, const char *s)
{
	size_t n = 0;

	buf_putc(b, '"');
	for (const char *p = s; *p != '\0' && n < 120; p++, n++) {
		char c = *p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr(" ._:/-", c) != NULL))
			c = '_';
		buf_putc(b, c);
	}
	buf_putc(b, '"');
}

/* A value placed bare in a script: a host name, an address, a network or an end of the port table. */
int
emit_safe_token(const struct migration *mig, const char *s)
{
	if (valid_host_or_ip(s) || valid_network_list(s))
		return 1;
	for (size_t i = 0; i < mig->nends; i++)
		if (strcmp(s, mig->ends[i].name) == 0)
			return 1;
	return 0;
}

/* The first value of a flow that may not go into a script, or NULL. */
const char *
emit_unsafe_value(const struct plan *p, const struct flow *f, const char *remote)
{
	const char *values[] = { f->source, f->destination, remote };

	for (size_t i = 0; i < 3; i++)
		if (values[i] != NULL && !emit_safe_token(p->mig, values[i]))
			return values[i];
	return NULL;
}

void
emit_kept(struct buf *b, const struct plan *p,
    void (*comment)(struct buf *, const char *))
{
	char *line = xasprintf(_("Already open in %s: keep it."), p->mig->from_series);

	comment(b, line);
	free(line);
}

/*
 * The far end of a flow as an address or network list: a host's address,
 * the configured agent or SIEM networks, or "Any" when nothing narrows it.
 */
const char *
emit_remote(const struct model *m, const struct flow *f, int inbound)
{
	const struct host *h = inbound ? f->src_host : f->dst_host;
	const char *end = inbound ? f->source : f->destination;

	if (h != NULL)
		return host_ip(h);
	/* An end of the port table, narrowed by its setting when it has one. */
	for (size_t i = 0; i < m->mig->nends; i++) {
		const struct end_def *e = &m->mig->ends[i];
		const char *networks;

		if (strcmp(end, e->name) != 0 || e->networks == 0)
			continue;
		networks = *(char *const *)((const char *)m + e->networks);
		if (networks != NULL)
			return networks;
	}
	return "Any";
}

/* "ses-migrate FLOW SOURCE to DESTINATION PROTO PORT": stable, so it can be removed later. */
char *
emit_rule_name(const struct flow *f)
{
	return xasprintf("ses-migrate %s %s to %s %s %u", flow_kind_id(f),
	    f->source, f->destination, flow_proto_id(f->proto), f->port);
}

/*
 * Scripts need addresses: a host firewall matches IP addresses, not names.
 * Lists every host of the plan (or the far ends of host's flows) lacking one.
 */
int
emit_check_addresses(const struct plan *p, const struct model *m,
    const char *host, char **err)
{
	struct buf missing;
	int n = 0;

	buf_init(&missing);
	for (size_t i = 0; i < m->nhosts; i++) {
		const struct host *h = &m->hosts[i];
		int used = 0;

		if (host_ip(h) != NULL || (host != NULL && strcasecmp(h->name, host) == 0))
			continue;
		for (size_t k = 0; k < p->n && !used; k++)
			used = p->v[k].src_host == h || p->v[k].dst_host == h;
		if (used)
			buf_printf(&missing, "%s%s", n++ ? ", " : "", h->name);
	}
	if (n > 0) {
		*err = xasprintf(P_("This host has no IP address, which the script needs: %s; set it with ses-migrate host set NAME --address A.",
		    "These hosts have no IP address, which the script needs: %s; set them with ses-migrate host set NAME --address A.",
		    (unsigned long)n), missing.data);
	}
	buf_free(&missing);
	return n > 0 ? -1 : 0;
}

/*
 * A host firewall script: the header, then each flow from or to the host,
 * inbound when the host is its destination.  Every value is checked before
 * anything is written for it.
 */
int
emit_host_script(const struct plan *p, const struct model *m,
    const struct emit_opts *o, struct buf *b, char **err,
    const struct host_script *hs)
{
	char *line;
	int at_end = 0;

	if (emit_check_addresses(p, m, o->host, err) < 0)
		return -1;
	buf_puts(b, hs->head);
	line = xasprintf(_("Windows Defender Firewall rules for %s, phase %s, written by ses-migrate."),
	    o->host, plan_phase_id(p->phase));
	hs->comment(b, line);
	free(line);
	hs->comment(b, _(hs->run_hint));
	if (p->separated)
		hs->comment(b, plan_table_note(p));
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];
		const char *bad = emit_unsafe_value(p, f,
		    emit_remote(m, f, strcasecmp(f->destination, o->host) == 0));

		if (bad != NULL) {
			*err = xasprintf(_("Refusing to write a script with the value \"%s\"."), bad);
			return -1;
		}
		at_end |= f->when == WHEN_AT_END;
	}
	if (at_end) {
		hs->comment(b, _(hs->end_hint));
		buf_puts(b, hs->end_param);
	}
	buf_puts(b, hs->body);
	/* By moment, each under the guide's condition for it. */
	for (int when = 0; when < WHEN_COUNT; when++) {
		int any = 0;

		for (size_t i = 0; i < p->n; i++) {
			const struct flow *f = &p->v[i];

			if ((int)f->when != when)
				continue;
			if (!any) {
				char *heading = flow_moment_heading(p, f->when);

				hs->comment(b, heading);
				free(heading);
				buf_puts(b, "\r\n");
				if (f->when == WHEN_AT_END)
					buf_puts(b, hs->end_open);
				any = 1;
			}
			hs->rule(b, p, m, f, strcasecmp(f->destination, o->host) == 0);
		}
		if (any && when == WHEN_AT_END) {
			char *skipped = xasprintf(_("The rules of the very end were left in place; remove them only once every agent runs %s."),
			    p->mig->to_version);

			hs->end_close(b, skipped);
			free(skipped);
		}
	}
	return 0;
}
