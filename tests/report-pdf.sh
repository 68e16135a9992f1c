#!/bin/sh
# The HTML report as a reader prints it: headless Chromium renders the
# French report and prints it to PDF; the PDF's text holds the French step
# titles with their accents, the pictures did not stop the printing, and
# the sections start on pages of their own.  Skipped, and said so, where
# Chromium or poppler-utils is absent (build-aux/try installs both).
. "${srcdir:-.}/tests/lib.sh"
. "${srcdir:-.}/tests/report-state.sh"

for tool in chromium pdftotext pdfinfo; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "SKIP: $tool is not installed, so the HTML report is not printed here" >&2
		exit 77
	fi
done
if ! french; then
	echo "SKIP: built without translations, there is no French report to print" >&2
	exit 77
fi

cd "$tmp" || exit 1
report_state h.ini "<b>bold?</b> & notes"
export SES_MIGRATE_NOW=2026-12-01T18:04:00Z
expect_exit 0 "$SES_MIGRATE" -f h.ini report --format html --lang fr -o report.html
# No network: the page has nothing to fetch, and Chromium is kept from trying.
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
	--disable-extensions --disable-background-networking --user-data-dir="$tmp/chromium" \
	--no-pdf-header-footer --print-to-pdf="$tmp/report.pdf" "file://$tmp/report.html" \
	>"$tmp/chromium.log" 2>&1
[ -s report.pdf ] && pass || { fail "Chromium printed no PDF: $(tail -5 "$tmp/chromium.log")"; finish; exit 1; }
pdftotext -enc UTF-8 report.pdf report.txt
for title in "Prérequis" "Firewall 2.6 et 2.7.1" "Vérification des logs" \
	"Politiques par défaut" "Fermeture du port 17000" "Dérogations, exclusions et reports" \
	"Travail restant sur les firewalls" "<b>bold?</b> & notes"; do
	grep -qF -- "$title" report.txt && pass || fail "the PDF's text lacks \"$title\""
done
# A4, and more than one page: the sections break onto pages of their own.
pdfinfo report.pdf >info.txt
grep -Eq 'Page size: .*\(A4\)' info.txt && pass ||
	fail "the PDF is not A4: $(grep 'Page size' info.txt)"
pages=$(sed -n 's/^Pages: *//p' info.txt)
[ "${pages:-0}" -ge 5 ] && pass || fail "the PDF has $pages pages; each section should start a page"

finish
