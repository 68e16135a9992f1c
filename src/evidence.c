/*
 * Reading a collector's evidence.  jansson parses it (duplicate keys
 * refused, its own depth limit against deep nesting); every member the
 * collector writes is then checked for its type, and a value out of place
 * is named by its line and its path in the document, such as
 * connection_tests[2].port.
 */
#include <config.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clock.h"
#include "digest.h"
#include "evidence.h"
#include "host-rules.h"
#include "i18n.h"
#include "json-where.h"
#include "runtimes.h"
#include "text.h"
#include "validate.h"
#include "version.h"
#include "xalloc.h"

#define EVIDENCE_SCHEMA 1

struct check {
	const char	*path;
	const char	*text;		/* the document, as jansson read it */
	size_t		 len;
	char		*why;		/* the first fault, translated */
};

/*
 * The first fault: fmt an N_() sentence, %1$s the file and the line of
 * the member (of the object lacking it, when it is missing), %2$s the member.
 */
static void
fault(struct check *c, const char *where, const char *fmt)
{
	char *at;

	if (c->why != NULL)
		return;
	at = xasprintf("%s:%d", c->path, json_where_line(c->text, c->len, where));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	c->why = xasprintf(_(fmt), at, where);
#pragma GCC diagnostic pop
	free(at);
}

/*
 * The string member of o, where naming it in a fault; NULL, with a fault
 * unless it may be absent or null.
 */
static const char *
member_str(struct check *c, json_t *o, const char *member, const char *where,
    int nullable)
{
	json_t *v = json_object_get(o, member);

	if (v != NULL && json_is_string(v))
		return json_string_value(v);
	if (nullable && (v == NULL || json_is_null(v)))
		return NULL;
	fault(c, where, v == NULL ? N_("%1$s: the member %2$s is missing.") : N_("%1$s: the member %2$s is not a string."));
	return NULL;
}

/* A string member of the document itself. */
static const char *
str(struct check *c, json_t *o, const char *key, int nullable)
{
	return member_str(c, o, key, key, nullable);
}

static json_t *
array(struct check *c, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (v == NULL || !json_is_array(v)) {
		fault(c, key, v == NULL ? N_("%1$s: the member %2$s is missing.") : N_("%1$s: the member %2$s is not a list."));
		return NULL;
	}
	return v;
}

/* Each element of list must be an object; names it key[i] when it is not. */
static int
objects(struct check *c, json_t *list, const char *key)
{
	size_t i;
	json_t *v;

	json_array_foreach(list, i, v) {
		if (!json_is_object(v)) {
			char where[96];

			snprintf(where, sizeof(where), "%s[%zu]", key, i);
			fault(c, where, N_("%1$s: the member %2$s is not an object."));
			return 0;
		}
	}
	return 1;
}

/* A string member of element i of the list key, named key[i].member in a fault. */
static const char *
elem_str(struct check *c, json_t *o, const char *key, size_t i, const char *member,
    int nullable)
{
	char where[128];

	snprintf(where, sizeof(where), "%s[%zu].%s", key, i, member);
	return member_str(c, o, member, where, nullable);
}

static void
components(struct check *c, json_t *list, struct evidence_doc *d)
{
	size_t i;
	json_t *v;

	if (list == NULL || !objects(c, list, "components"))
		return;
	json_array_foreach(list, i, v) {
		const char *ver = elem_str(c, v, "components", i, "version", 1);

		elem_str(c, v, "components", i, "name", 0);
		d->ncomponents++;
		/* The lowest version of the product's components is the host's. */
		if (ver != NULL && version_valid(ver) &&
		    (d->version == NULL || version_cmp(ver, d->version) < 0)) {
			free(d->version);
			d->version = xstrdup(ver);
		}
	}
}

static void
runtimes(struct check *c, json_t *list, const char *series, struct evidence_doc *d)
{
	size_t i;
	json_t *v;

	if (list == NULL || !objects(c, list, "runtimes"))
		return;
	json_array_foreach(list, i, v) {
		const char *name = elem_str(c, v, "runtimes", i, "name", 0);
		const char *ver = elem_str(c, v, "runtimes", i, "version", 0);

		elem_str(c, v, "runtimes", i, "path", 1);
		d->nruntimes++;
		if (name == NULL)
			continue;
		if (strcmp(name, "Microsoft.AspNetCore.App") == 0)
			runtimes_keep_highest(&d->aspnetcore, ver, series);
		else if (strcmp(name, "Microsoft.WindowsDesktop.App") == 0)
			runtimes_keep_highest(&d->desktop, ver, series);
	}
}

/* The list member of rule i, of strings; NULL with a fault when it is not. */
static json_t *
rule_ports(struct check *c, json_t *rule, size_t i, const char *member)
{
	json_t *list = json_object_get(rule, member), *v;
	char where[96];
	size_t k;

	snprintf(where, sizeof(where), "firewall_rules[%zu].%s", i, member);
	if (!json_is_array(list)) {
		fault(c, where, list == NULL ? N_("%1$s: the member %2$s is missing.") : N_("%1$s: the member %2$s is not a list."));
		return NULL;
	}
	json_array_foreach(list, k, v) {
		if (!json_is_string(v)) {
			snprintf(where, sizeof(where), "firewall_rules[%zu].%s[%zu]", i, member, k);
			fault(c, where, N_("%1$s: the member %2$s is not a string."));
			return NULL;
		}
	}
	return list;
}

/*
 * The local ports of a rule as host-rules.h keeps them: numbers and
 * ranges, or "any"; Windows' keywords (RPC, IPHTTPSIn...) are no port of
 * the migration and left out.  0 when nothing is left.
 */
static int
ports_word(json_t *list, struct buf *out)
{
	size_t k;
	json_t *v;

	json_array_foreach(list, k, v) {
		const char *s = json_string_value(v);
		size_t n = strspn(s, "0123456789");

		if (strcasecmp(s, "Any") == 0) {
			buf_reset(out);
			buf_puts(out, "any");
			return 1;
		}
		if (n == 0 || n > 5 || (s[n] != '\0' && !(s[n] == '-' &&
		    strspn(s + n + 1, "0123456789") == strlen(s + n + 1) && s[n + 1] != '\0' &&
		    strlen(s + n + 1) <= 5)))
			continue;
		/* A port, or a range of ports, as Windows writes them: nothing above 65535, never backwards. */
		if (strtoul(s, NULL, 10) > 65535 || (s[n] == '-' &&
		    (strtoul(s + n + 1, NULL, 10) > 65535 || strtoul(s + n + 1, NULL, 10) < strtoul(s, NULL, 10))))
			continue;
		if (out->len > 0)
			buf_putc(out, ',');
		buf_puts(out, s);
	}
	return out->len > 0;
}

/* "tcp", "udp" or "any" for a rule's protocol as Windows names it, or NULL. */
static const char *
proto_word(const char *p)
{
	if (p == NULL)
		return NULL;
	if (strcasecmp(p, "TCP") == 0 || strcmp(p, "6") == 0)
		return "tcp";
	if (strcasecmp(p, "UDP") == 0 || strcmp(p, "17") == 0)
		return "udp";
	return strcasecmp(p, "Any") == 0 ? "any" : NULL;
}

static void
rules(struct check *c, json_t *list, struct evidence_doc *d)
{
	static const char *const texts[] = { "name", "display_name", "group" };
	struct buf kept, ports;
	size_t i;
	json_t *v;

	if (list == NULL || !objects(c, list, "firewall_rules"))
		return;
	buf_init(&kept);
	buf_init(&ports);
	json_array_foreach(list, i, v) {
		const char *dir = elem_str(c, v, "firewall_rules", i, "direction", 1);
		const char *action = elem_str(c, v, "firewall_rules", i, "action", 1);
		const char *proto = proto_word(elem_str(c, v, "firewall_rules", i, "protocol", 1));
		json_t *local = rule_ports(c, v, i, "local_ports");

		for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++)
			elem_str(c, v, "firewall_rules", i, texts[k], 1);
		rule_ports(c, v, i, "remote_ports");
		if (!json_is_boolean(json_object_get(v, "enabled"))) {
			char where[96];

			snprintf(where, sizeof(where), "firewall_rules[%zu].enabled", i);
			fault(c, where, N_("%1$s: the member %2$s is not true or false."));
		}
		d->nrules++;
		/* Kept: the enabled rules that allow or block on ports, by direction. */
		buf_reset(&ports);
		if (c->why != NULL || !json_is_true(json_object_get(v, "enabled")) || dir == NULL ||
		    action == NULL || proto == NULL || local == NULL || !ports_word(local, &ports) ||
		    (strcmp(dir, "Inbound") != 0 && strcmp(dir, "Outbound") != 0) ||
		    (strcmp(action, "Allow") != 0 && strcmp(action, "Block") != 0))
			continue;
		host_rules_add(&kept, strcmp(dir, "Inbound") == 0, strcmp(action, "Block") == 0,
		    proto, ports.data);
	}
	if (kept.len > 0)
		d->rules = xstrdup(kept.data);
	buf_free(&kept);
	buf_free(&ports);
}

static void
tests(struct check *c, json_t *list, struct evidence_doc *d)
{
	struct buf failed, all;
	size_t i;
	json_t *v;

	if (list == NULL || !objects(c, list, "connection_tests"))
		return;
	buf_init(&failed);
	buf_init(&all);
	json_array_foreach(list, i, v) {
		const char *host = elem_str(c, v, "connection_tests", i, "host", 0);
		const char *expect = elem_str(c, v, "connection_tests", i, "expect", 0);
		json_t *port = json_object_get(v, "port"), *ok = json_object_get(v, "succeeded");
		char where[96];

		elem_str(c, v, "connection_tests", i, "address", 0);
		elem_str(c, v, "connection_tests", i, "flow", 0);
		if (!json_is_integer(port) || json_integer_value(port) < 1 ||
		    json_integer_value(port) > 65535) {
			snprintf(where, sizeof(where), "connection_tests[%zu].port", i);
			fault(c, where, N_("%1$s: the member %2$s is not a port from 1 to 65535."));
			continue;
		}
		if (!json_is_boolean(ok)) {
			snprintf(where, sizeof(where), "connection_tests[%zu].succeeded", i);
			fault(c, where, N_("%1$s: the member %2$s is not true or false."));
			continue;
		}
		if (expect != NULL && strcmp(expect, "open") != 0 && strcmp(expect, "closed") != 0) {
			snprintf(where, sizeof(where), "connection_tests[%zu].expect", i);
			fault(c, where, N_("%1$s: the member %2$s is neither open nor closed."));
			continue;
		}
		d->ntests++;
		if (host != NULL && valid_host_or_ip(host))
			buf_printf(&all, "%s%lld@%s=%s", all.len > 0 ? " " : "",
			    (long long)json_integer_value(port), host, json_is_true(ok) ? "open" : "refused");
		if (host == NULL || expect == NULL ||
		    (strcmp(expect, "open") == 0) == json_is_true(ok))
			continue;
		/* Said as the probe says it: the endpoint and what it did. */
		if (valid_host_or_ip(host))
			buf_printf(&failed, "%s%s:%lld %s", failed.len > 0 ? ", " : "", host,
			    (long long)json_integer_value(port), json_is_true(ok) ? "open" : "refused");
	}
	if (failed.len > 0)
		d->failed = xstrdup(failed.data);
	if (all.len > 0)
		d->tests = xstrdup(all.data);
	buf_free(&failed);
	buf_free(&all);
}

int
evidence_read(const char *path, const char *data, size_t len,
    const struct migration *mig, struct evidence_doc *out, char **err)
{
	struct check c = { path, NULL, 0, NULL };
	const char *host, *at, *migration;
	json_error_t jerr;
	struct digest dg;
	char hex[65], *text;
	size_t n;
	json_t *root, *schema;

	memset(out, 0, sizeof(*out));
	if ((text = text_from_bom(data, len, &n)) == NULL || strlen(text) != n) {
		free(text);
		*err = xasprintf(_("%s:1:1: this is not text in UTF-8 or UTF-16 with a byte order mark: not an evidence file."),
		    path);
		return -1;
	}
	root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &jerr);
	c.text = text;
	c.len = n;
	if (root == NULL) {
		free(text);
		/* TRANSLATORS: %4$s is jansson's own description, in English. */
		*err = xasprintf(_("%1$s:%2$d:%3$d: not JSON as a collector writes it: %4$s."), path,
		    jerr.line > 0 ? jerr.line : 1, jerr.column > 0 ? jerr.column : 1, jerr.text);
		return -1;
	}
	if (!json_is_object(root)) {
		free(text);
		json_decref(root);
		*err = xasprintf(_("%s:1:1: an evidence file is one JSON object."), path);
		return -1;
	}
	schema = json_object_get(root, "schema");
	if (!json_is_integer(schema) || json_integer_value(schema) != EVIDENCE_SCHEMA)
		fault(&c, "schema", N_("%1$s: the member %2$s is not 1, the version of the collectors this program writes."));
	migration = str(&c, root, "migration", 0);
	host = str(&c, root, "host", 0);
	at = str(&c, root, "collected_at", 0);
	str(&c, root, "computer_name", 1);
	str(&c, root, "script_version", 1);
	str(&c, root, "local_time", 1);
	str(&c, root, "runtimes_from", 1);
	if (migration != NULL && strcmp(migration, mig->id) != 0)
		fault(&c, "migration", N_("%1$s: the member %2$s names another migration than this state's."));
	if (host != NULL && !valid_host_or_ip(host))
		fault(&c, "host", N_("%1$s: the member %2$s is not a host name."));
	if (at != NULL && !time_valid(at))
		fault(&c, "collected_at", N_("%1$s: the member %2$s is not a UTC time such as 2026-12-01T18:04:00Z."));
	components(&c, array(&c, root, "components"), out);
	runtimes(&c, array(&c, root, "runtimes"), mig->runtime_series, out);
	rules(&c, array(&c, root, "firewall_rules"), out);
	tests(&c, array(&c, root, "connection_tests"), out);
	if (c.why == NULL) {
		out->host = xstrdup(host);
		out->collected_at = xstrdup(at);
	}
	json_decref(root);
	free(text);
	if (c.why != NULL) {
		evidence_doc_free(out);
		*err = c.why;
		return -1;
	}
	digest_init(&dg);
	digest_update(&dg, data, len);
	digest_hex(&dg, hex);
	out->sha256 = xstrdup(hex);
	out->file = xstrdup(path);
	return 0;
}

void
evidence_doc_free(struct evidence_doc *d)
{
	free(d->file);
	free(d->sha256);
	free(d->host);
	free(d->collected_at);
	free(d->version);
	free(d->aspnetcore);
	free(d->desktop);
	free(d->failed);
	free(d->rules);
	free(d->tests);
	memset(d, 0, sizeof(*d));
}
