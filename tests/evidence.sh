#!/bin/sh
# Evidence from the hosts: the files a collector writes, as PowerShell 7
# (UTF-8) and Windows PowerShell 5.1 (UTF-16LE with a BOM) leave them,
# imported into the host's versions and runtimes and recorded; hostile
# files refused with where and why, and nothing changed.
. "${srcdir:-.}/tests/lib.sh"

top=$(cd "${srcdir:-.}" && pwd)
fx="$top/tests/fixtures/evidence"
S="$tmp/s.ini"
export SES_MIGRATE_NOW=2026-12-01T18:04:00Z
cli() { "$SES_MIGRATE" -f "$S" "$@" >/dev/null || fail "setup: $*"; }
cli host add srv --roles backend,agent-handler --address 127.0.0.1 --version 2.6.4
cli host add ah2 --roles agent-handler --address 127.0.0.2 --version 2.6.4 --aspnetcore 8.0.8

# The fixtures are what the schema that ships says a collector writes.
py=python3
python3 -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3
"$py" - "$top/schemas/ses-migrate.schema.json" "$fx/ah2-ps7.json" "$fx/ah2-ps51.json" <<'PY' && pass || fail "the evidence fixtures do not match the schema"
import codecs, json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
v = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/evidence"})
for f in sys.argv[2:]:
    raw = open(f, "rb").read()
    text = raw[2:].decode("utf-16-le") if raw.startswith(codecs.BOM_UTF16_LE) else raw.decode("utf-8-sig")
    v.validate(json.loads(text))
PY

# refused FILE WHAT ARGS...: evidence import refused, saying WHAT, the state untouched.
refused() {
	what=$1
	shift
	cp "$S" "$tmp/before"
	expect_exit "${code:-65}" "$SES_MIGRATE" -f "$S" evidence import "$@"
	expect_in err "$what"
	cmp -s "$S" "$tmp/before" && pass || fail "a refused import changed the state ($what)"
}

# Both files, oldest first whatever the order given; the newest is kept.
expect_exit 0 "$SES_MIGRATE" -f "$S" evidence import "$fx/ah2-ps51.json" "$fx/ah2-ps7.json"
expect_in out "ah2-ps51.json: evidence of ah2 collected at 2026-12-01T17:45:00Z (components: 2, runtimes: 4, firewall rules: 2, connection tests: 2), some not as expected: srv:8443 refused."
grep -q '^version = 2.7.1.1180$' "$S" && grep -q '^aspnetcore = 8.0.12$' "$S" &&
	grep -q '^desktop-runtime = 8.0.12$' "$S" && pass || fail "the evidence did not set the versions: $(cat "$S")"
grep -q '^evidence-at = 2026-12-01T17:45:00Z$' "$S" && grep -q '^evidence-failed = srv:8443 refused$' "$S" &&
	pass || fail "the evidence was not recorded: $(cat "$S")"
expect_exit 0 "$SES_MIGRATE" -f "$S" status
expect_in out "Evidence of ah2, collected on 1 December 2026, 17:45 UTC: connection tests not as expected: srv:8443 refused"
expect_exit 0 "$SES_MIGRATE" -f "$S" report
expect_in out "Imported the evidence collected on ah2."
expect_in out "ah2: collected on the host on 1 December 2026, 17:45 UTC"

# Older than the host's newest, or the same again: refused.
refused "no later than the newest already imported, of 2026-12-01T17:45:00Z" "$fx/ah2-ps7.json"
# A host that is not declared: say how to declare it.
sed 's/"host": "ah2"/"host": "ah9"/; s/17:30:00Z/17:50:00Z/' "$fx/ah2-ps7.json" >"$tmp/ah9.json"
refused "which is not declared; declare it first: ses-migrate host add ah9 --roles ROLES" "$tmp/ah9.json"
# From the future.
sed 's/2026-12-01T17:30:00Z/2026-12-02T09:00:00Z/' "$fx/ah2-ps7.json" >"$tmp/future.json"
refused "later than now" "$tmp/future.json"
# Truncated: where the JSON ends.
head -c 700 "$fx/ah2-ps7.json" >"$tmp/cut.json"
refused "$tmp/cut.json:" "$tmp/cut.json"
expect_in err "not JSON as a collector writes it"
# Too large to be evidence (sparse: no 100 MB written).
truncate -s 100M "$tmp/big.json"
code=65 refused "$tmp/big.json: larger than" "$tmp/big.json"
# Deeply nested, and nested wrongly.
python3 -c 'print("[" * 100000 + "]" * 100000)' >"$tmp/deep.json"
refused "$tmp/deep.json:1:" "$tmp/deep.json"
python3 -c 'import json; print(json.dumps({"schema": 1, "migration": "ses-2.6-2.7.1", "host": "ah2", "collected_at": "2026-12-01T17:59:00Z", "components": [[{"x": 1}]], "runtimes": [], "firewall_rules": [], "connection_tests": []}))' >"$tmp/nested.json"
refused "$tmp/nested.json:1: the member components[0] is not an object." "$tmp/nested.json"
# Quotes, control characters and a host name that is none.
python3 -c 'import json; print(json.dumps({"schema": 1, "migration": "ses-2.6-2.7.1", "host": "ah2\"; rm -rf /\u0007", "collected_at": "2026-12-01T17:59:00Z", "components": [], "runtimes": [], "firewall_rules": [], "connection_tests": []}))' >"$tmp/quotes.json"
refused "$tmp/quotes.json:1: the member host is not a host name." "$tmp/quotes.json"
python3 -c 'import json; print(json.dumps({"schema": 1, "migration": "ses-2.6-2.7.1", "host": "ah2", "collected_at": "2026-12-01T17:59:00Z", "components": [], "runtimes": [], "firewall_rules": [], "connection_tests": [{"host": "srv", "address": "127.0.0.1", "port": 70000, "flow": "x", "expect": "open", "succeeded": True}]}))' >"$tmp/port.json"
refused "the member connection_tests[0].port is not a port from 1 to 65535." "$tmp/port.json"
# A value out of place is named by its line: the one it is on, or, when
# it is missing, the line of the object that lacks it.
sed 's/17:30:00Z/17:59:00Z/; 88s/8443/70000/' "$fx/ah2-ps7.json" >"$tmp/port-line.json"
refused "$tmp/port-line.json:88: the member connection_tests[1].port is not a port from 1 to 65535." "$tmp/port-line.json"
sed 's/17:30:00Z/17:59:00Z/; 66d' "$fx/ah2-ps7.json" >"$tmp/no-enabled.json"
refused "$tmp/no-enabled.json:60: the member firewall_rules[1].enabled is not true or false." "$tmp/no-enabled.json"
# In UTF-16 with CR-LF, as Windows PowerShell 5.1 writes: the same lines.
iconv -f UTF-16 -t UTF-8 "$fx/ah2-ps51.json" | sed 's/17:45:00Z/17:59:00Z/; s/"expect": "open"/"expect": "maybe"/' |
	iconv -f UTF-8 -t UTF-16 >"$tmp/expect-line.json"
want=$(iconv -f UTF-16 -t UTF-8 "$tmp/expect-line.json" | grep -n '"maybe"' | head -1 | cut -d: -f1)
refused "$tmp/expect-line.json:$want: the member connection_tests[0].expect is neither open nor closed." "$tmp/expect-line.json"
printf '{"schema": 1, "host": "ah2", "host": "srv"}' >"$tmp/dup.json"
refused "$tmp/dup.json:1:" "$tmp/dup.json"
printf '\000\001\002' >"$tmp/binary.json"
refused "$tmp/binary.json:1:1: this is not text" "$tmp/binary.json"
# One bad file among good ones: none of them is imported.
sed 's/17:30:00Z/17:55:00Z/' "$fx/ah2-ps7.json" >"$tmp/good.json"
refused "$tmp/cut.json:" "$tmp/good.json" "$tmp/cut.json"
code=66 refused "$tmp/none.json: no such file" "$tmp/none.json"
code=64 refused "Try 'ses-migrate evidence --help' for its usage." 
# Thousands of rules on the migration's ports: no collector wrote that.
python3 - "$fx/ah2-ps7.json" >"$tmp/many.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["collected_at"] = "2026-12-01T17:58:00Z"
d["firewall_rules"] = [{"name": "r%d" % i, "display_name": "x", "group": "", "direction": "Inbound",
    "action": "Allow", "enabled": True, "protocol": "TCP", "local_ports": [str(1000 + i)],
    "remote_ports": ["Any"]} for i in range(3000)]
json.dump(d, sys.stdout)
PY
refused "$tmp/many.json: it holds more firewall rules or connection tests on the migration's ports than a state keeps" "$tmp/many.json"
# Ports Windows never writes are left out of what is kept; keywords too.
python3 - "$fx/ah2-ps7.json" >"$tmp/odd.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["collected_at"] = "2026-12-01T17:58:00Z"
d["firewall_rules"] = [{"name": "r", "display_name": "x", "group": None, "direction": "Inbound",
    "action": "Allow", "enabled": True, "protocol": "TCP",
    "local_ports": ["443", "RPC", "99999", "20-10", "1-2-3", "17000-17001"], "remote_ports": ["Any"]}]
json.dump(d, sys.stdout)
PY
expect_exit 0 "$SES_MIGRATE" -f "$S" evidence import "$tmp/odd.json"
grep -qx 'evidence-rules = in/tcp/443,17000-17001' "$S" && pass || fail "odd ports were kept: $(grep evidence-rules "$S")"

finish
