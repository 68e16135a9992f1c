#!/bin/sh
# The French man pages keep up with the English ones: the same sections
# in the same number, the same options, commands, ids, keys and files in
# bold, and both lint clean.  A page changed in English and not in French
# fails here, naming what is missing.
. "${srcdir:-.}/tests/lib.sh"

man="${srcdir:-.}/man"
# words PAGE: what a reader types or reads verbatim, one per line: options,
# and the bold words that are ids, commands or file names (no spaces).
words() {
	# Quoted arguments of several words are prose (" or "): left out.
	sed 's/\\%//g; s/\\-/-/g; s/\\f[BIRP]//g; s/"[^"]* [^"]*"//g' "$1" |
		awk '$1 == ".B" { for (i = 2; i <= NF; i++) print $i }
			$1 == ".BR" || $1 == ".BI" { for (i = 2; i <= NF; i += 2) print $i }
			$1 == ".RB" || $1 == ".IB" { for (i = 3; i <= NF; i += 2) print $i }' |
		tr -d '"' | grep -E '^[a-z0-9][a-z0-9._/@=-]*$' | grep -E '[.-]|^[a-z]+$' | sort -u
	sed 's/\\-/-/g' "$1" | grep -oE -- '--[a-z][a-z-]+' | sort -u
}
for page in ses-migrate.1 ses-migrate.ini.5; do
	en="$man/$page" fr="$man/fr/$page"
	[ -f "$fr" ] && pass || { fail "no French $page"; continue; }
	for m in SH SS TP; do
		a=$(grep -c "^\.$m" "$en") b=$(grep -c "^\.$m" "$fr")
		[ "$a" = "$b" ] && pass || fail "$page: $a .$m in English, $b in French"
	done
	words "$en" | sort -u >"$tmp/en"
	words "$fr" | sort -u >"$tmp/fr"
	comm -23 "$tmp/en" "$tmp/fr" >"$tmp/missing"
	[ -s "$tmp/missing" ] && fail "$page: the French page lacks $(tr '\n' ' ' <"$tmp/missing" | cut -c1-300)" || pass
	if command -v mandoc >/dev/null; then
		mandoc -Tlint "$fr" >"$tmp/lint" 2>&1
		[ -s "$tmp/lint" ] && fail "mandoc -Tlint $fr: $(head -5 "$tmp/lint")" || pass
	else
		fail "mandoc is missing: the man pages cannot be linted (build-aux/try installs it)"
	fi
	groff -k -ww -man -Tutf8 "$fr" 2>"$tmp/lint" >/dev/null
	[ -s "$tmp/lint" ] && fail "groff -ww $fr: $(head -5 "$tmp/lint")" || pass
done
finish
