/*
 * The plan as nftables rules for a Linux firewall between the zones: one
 * chain of accept rules, ses_flows, added to the firewall's own table
 * (inet filter, Debian's usual one) so that its forward chain can jump to
 * it; a jump never leaves its table.  The chain is flushed and filled
 * again, so loading the file twice gives the same result.  Flows removed
 * in the phase are listed as comments: they are no longer in the chain.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "i18n.h"
#include "xalloc.h"

/* The addresses of one family (4 or 6) in a list, as an nft set or value. */
static int
family_set(struct buf *b, const char *list, int v6)
{
	char *copy = xstrdup(list), *save = NULL;
	struct buf s;
	int n = 0;

	buf_init(&s);
	for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		if ((strchr(t, ':') != NULL) != v6)
			continue;
		buf_printf(&s, "%s%s", n++ ? ", " : "", t);
	}
	if (n == 1)
		buf_puts(b, s.data);
	else if (n > 1)
		buf_printf(b, "{ %s }", s.data);
	buf_free(&s);
	free(copy);
	return n;
}

/* An end of a flow: NULL when nothing narrows it (any address). */
static const char *
end_addresses(const struct model *m, const struct flow *f, int source)
{
	const char *a = emit_remote(m, f, source);

	return strcmp(a, "Any") == 0 ? NULL : a;
}

/*
 * The rules of one flow, one per address family its ends share; the
 * number written.  A flow from an IPv4-only end to an IPv6-only one has
 * none: no packet could match both.
 */
static int
rule(struct buf *b, const struct model *m, const struct flow *f)
{
	const char *src = end_addresses(m, f, 1), *dst = end_addresses(m, f, 0);
	char *name = emit_rule_name(f);
	int written = 0;

	for (int v6 = 0; v6 <= 1; v6++) {
		struct buf r;
		const char *fam = v6 ? "ip6" : "ip";
		int ok = 1;

		buf_init(&r);
		if (src != NULL) {
			buf_printf(&r, "%s saddr ", fam);
			ok = family_set(&r, src, v6) > 0;
			buf_putc(&r, ' ');
		}
		if (ok && dst != NULL) {
			buf_printf(&r, "%s daddr ", fam);
			ok = family_set(&r, dst, v6) > 0;
			buf_putc(&r, ' ');
		}
		/* With no address on either end, one rule serves both families. */
		if (ok && (v6 == 0 || src != NULL || dst != NULL)) {
			buf_printf(b, "add rule inet filter ses_flows %s%s dport %u accept comment ",
			    r.data, f->proto == PROTO_TCP ? "tcp" : "udp", f->port);
			emit_nft_comment(b, name);
			buf_putc(b, '\n');
			written++;
		}
		buf_free(&r);
	}
	free(name);
	return written;
}

static int
emit(const struct plan *p, const struct model *m, const struct emit_opts *o,
    struct buf *b, char **err)
{
	if (emit_check_addresses(p, m, NULL, err) < 0)
		return -1;
	buf_printf(b, "#!/usr/sbin/nft -f\n# ses-migrate: SES Evolution flows, phase %s.\n",
	    plan_phase_id(p->phase));
	buf_puts(b, "# The rules go into chain ses_flows of table inet filter; from that table's\n"
	    "# forward chain: jump ses_flows.  If your table has another name, change\n"
	    "# \"inet filter\" throughout.\n");
	if (p->separated)
		buf_printf(b, "# %s\n", p->mig->nft_note);
	buf_puts(b, "add table inet filter\nadd chain inet filter ses_flows\n"
	    "flush chain inet filter ses_flows\n");
	for (size_t i = 0; i < p->n; i++) {
		const struct flow *f = &p->v[i];

		const char *bad = emit_unsafe_value(p, f, NULL);

		if (bad != NULL) {
			*err = xasprintf(_("Refusing to write a script with the value \"%s\"."), bad);
			return -1;
		}
		if (f->action == ACTION_REMOVE) {
			char *name = emit_rule_name(f);

			buf_puts(b, "# removed: ");
			emit_nft_comment(b, name);
			buf_putc(b, '\n');
			free(name);
			continue;
		}
		if (rule(b, m, f) == 0) {
			char *name = emit_rule_name(f);

			/* Never dropped in silence: said in the file and to the caller. */
			buf_puts(b, "# NOT WRITTEN, its ends have no address family in common: ");
			emit_nft_comment(b, name);
			buf_putc(b, '\n');
			if (o->warnings != NULL)
				buf_printf(o->warnings, _("No nftables rule can express %s: one end has only IPv4 addresses, the other only IPv6; the file says so.\n"),
				    name);
			free(name);
		}
	}
	return 0;
}

const struct emitter emit_nftables = { "nftables", 0, emit };
