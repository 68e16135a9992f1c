#!/bin/sh
# The report as the change manager, the auditor and a script read it: text,
# HTML and JSON, in English and in French, on a fixed state and clock,
# compared with golden copies (SES_REGEN_GOLDEN=1 writes them again); the
# text within 80 characters with its commands whole; the HTML self-contained
# and every value escaped; every JSON document the program writes valid
# against the schema that ships with it.
. "${srcdir:-.}/tests/lib.sh"
. "${srcdir:-.}/tests/report-state.sh"

top=$(cd "${srcdir:-.}" && pwd)
golden="$top/tests/golden/report"
schema="$top/schemas/ses-migrate.schema.json"
hostile="<script>alert(\"x\")</script> & 'q' =1+1 \\ « é » \"; DROP $(printf '\342\200\256')gnp.exe"
cd "$tmp" || exit 1
report_state h.ini "$hostile"
export SES_MIGRATE_NOW=2026-12-01T18:04:00Z
run() { "$SES_MIGRATE" -f h.ini "$@"; }
# The schema is checked with Debian's python3-jsonschema (build-aux/try installs it).
py=python3
python3 -c 'import jsonschema' 2>/dev/null || py=/usr/bin/python3

langs=en
french && langs="en fr"

# compare NAME: $tmp/NAME against its golden copy.
compare() {
	if [ -n "${SES_REGEN_GOLDEN:-}" ]; then
		mkdir -p "$golden"
		cp "$1" "$golden/$1"
	fi
	if cmp -s "$1" "$golden/$1"; then
		pass
	else
		fail "$1 differs from its golden copy:"
		diff "$golden/$1" "$1" >&2
	fi
}

for lang in $langs; do
	expect_exit 0 run report --lang "$lang" -o "report.$lang.txt"
	compare "report.$lang.txt"
	expect_exit 0 run report --format json --lang "$lang" -o "report.$lang.json"
	compare "report.$lang.json"
	expect_exit 0 run report --format html --lang "$lang" -o "report.$lang.html"

	# At most 80 characters a line, counted as characters, not bytes.
	python3 - "report.$lang.txt" <<'PY' && pass || fail "report.$lang.txt has lines over 80 characters"
import sys
long = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if len(l) > 80]
for l in long:
    print(len(l), l, file=sys.stderr)
sys.exit(1 if long else 0)
PY
	# Commands stand whole on their line, never cut by the wrapping.
	grep -qx ' *ses-migrate agents show' "report.$lang.txt" && pass ||
		fail "the command to list every straggler is not whole on its line ($lang)"
	grep -q 'ses-migrate$' "report.$lang.txt" && fail "a command was broken across lines ($lang)" || pass

	# HTML: well formed, nothing from elsewhere, every value escaped.
	python3 - "report.$lang.html" "$hostile" <<'PY' && pass || fail "report.$lang.html: see above"
import html.parser, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
void = {"meta", "br", "img", "hr", "link", "input", "circle", "rect", "line"}
stack, errors = [], []
class P(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "link", "a"):
            errors.append("a <%s> element in the page" % tag)
        if tag not in void:
            stack.append(tag)
        for k, v in attrs:
            if k.startswith("on"):
                errors.append("an event handler attribute: %s" % k)
            if k in ("src", "href") or (v and re.search(r"url\(", v)):
                errors.append("an external resource: %s=%s" % (k, v))
    def handle_startendtag(self, tag, attrs):
        pass
    def handle_endtag(self, tag):
        if tag in void:
            return
        if not stack or stack[-1] != tag:
            errors.append("</%s> closes %s" % (tag, stack[-1] if stack else "nothing"))
        else:
            stack.pop()
P().feed(text)
if stack:
    errors.append("left open: %s" % stack)
if re.search(r"@import|url\(|<script|<img|<link|<iframe|<object", text):
    errors.append("an external resource or script in the page")
if "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;" not in text:
    errors.append("the hostile note is not escaped as expected")
if "\u202e" in text or "&lt;U+202E&gt;gnp.exe" not in text:
    errors.append("a bidirectional control is in the page as it is")
if "&lt;img src=x onerror=alert(1)&gt;" not in text:
    errors.append("the hostile agent name is not escaped as expected")
for needle in ("@page{size:A4", "break-before:page", "tr,.entry,svg{break-inside:avoid", "<svg"):
    if needle not in text:
        errors.append("missing: %s" % needle)
if text.count("<svg") != 2:
    errors.append("wanted two pictures: the timeline and the versions")
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
PY

	# JSON: the free texts come back exactly as typed.
	python3 - "report.$lang.json" "$hostile" <<'PY' && pass || fail "report.$lang.json: see above"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
h = sys.argv[2]
assert d["steps"][0]["items"][2]["note"] == h, d["steps"][0]["items"][2]
assert d["steps"][1]["note"] == h
assert d["waivers"][0]["reason"] == h
assert d["exclusions"][0]["reason"] == h
assert d["deferrals"][0]["reason"] == h
assert d["inventory"]["below"][0]["name"] == "<img src=x onerror=alert(1)>&'q'"
assert d["inventory"]["below_total"] == 31 and len(d["inventory"]["below"]) == 20
assert [w["when"] for w in d["firewall"]["work_left"]] == ["after-backoffice"] * 2 + ["at-the-end"] * 2, d["firewall"]
assert d["progress"] == {"done": 5, "total": 8, "complete": False, "current": "agents"}
PY
done

# Dates in the reader's language, with the time zone.
expect_in_file() { grep -qF -- "$2" "$1" && pass || fail "$1 lacks \"$2\""; }
expect_in_file report.en.txt "As of 1 December 2026, 18:04 UTC"
expect_in_file report.en.txt "Deferred by bob on 1 December 2026, 09:05 UTC"
if french; then
	nb=$(printf '\302\240')
	expect_in_file report.fr.txt "État au 1 décembre 2026 à 18${nb}h${nb}04 UTC"
	expect_in_file report.fr.html "1 décembre 2026 à 9${nb}h${nb}05 UTC"
fi

# The language is the one asked for, whatever the locale says.
expect_exit 0 env LANGUAGE=fr LC_ALL=C.UTF-8 "$SES_MIGRATE" -f h.ini report --lang en
expect_in out "progress report"
if french; then
	expect_exit 0 env LANGUAGE= LC_ALL=C "$SES_MIGRATE" -f h.ini report --lang fr
	expect_in out "rapport d'avancement"
fi
expect_exit 64 run report --format pdf
expect_in err "text, html, json"

# Every JSON document the program writes, valid against the schema it ships.
run status --json >status.json
run check --json >check.json
run agents show --json >agents.json
run probe --json --timeout 200 >probe.json
"$SES_MIGRATE" -f empty.ini check --json >check-empty.json
"$SES_MIGRATE" -f empty.ini agents show --json >agents-empty.json
"$SES_MIGRATE" -f empty.ini report --format json >report-empty.json
validate() {
	doc=$1
	shift
	"$py" - "$schema" "$doc" "$@" <<'PY' && pass || fail "$doc documents do not match the schema"
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/" + sys.argv[2]})
bad = 0
for f in sys.argv[3:]:
    for e in v.iter_errors(json.load(open(f, encoding="utf-8"))):
        bad += 1
        print("%s: %s at /%s" % (f, e.message, "/".join(map(str, e.absolute_path))), file=sys.stderr)
sys.exit(1 if bad else 0)
PY
}
validate report report.*.json report-empty.json
validate status status.json
validate check check.json check-empty.json
validate agents agents.json agents-empty.json
validate probe probe.json
# The schema says no to what it should: a status it does not know.
sed 's/"status": "done"/"status": "finished"/' report.en.json >bad.json
"$py" - "$schema" bad.json <<'PY' && fail "the schema took an unknown status" || pass
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/report"}).validate(json.load(open(sys.argv[2])))
PY

finish
