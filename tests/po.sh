#!/bin/sh
# The French catalog is complete and up to date with the sources, and
# follows French typography: half the operators read only this.
. "${srcdir:-.}/tests/lib.sh"

po="$srcdir/po/fr.po"
for tool in msgfmt xgettext msgcmp; do
	command -v "$tool" >/dev/null || { fail "$tool is missing (package gettext)"; finish; exit 1; }
done

# Every message translated, none fuzzy, every format checked.
if msgfmt -c --statistics -o /dev/null "$po" 2>"$tmp/stat"; then
	pass
else
	fail "msgfmt -c refuses $po: $(cat "$tmp/stat")"
fi
grep -Eq 'fuzzy|untranslated' "$tmp/stat" && fail "$po is not complete: $(cat "$tmp/stat")" || pass

# Every file with a translatable string is in POTFILES.in.
for f in $(cd "$srcdir" && grep -lE '(^|[^A-Za-z0-9_])(N_|_|NP_|C_)\("' src/*.c); do
	grep -qx "$f" "$srcdir/po/POTFILES.in" && pass || fail "$f has messages but is not in po/POTFILES.in"
done

# No message of the sources is missing from the catalog (a stale catalog
# shows the new ones in English).
(cd "$srcdir" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
	--keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=P_:1,2 --keyword=NP_:1,2 \
	-o "$tmp/now.pot" $(grep -v '^#' po/POTFILES.in)) 2>"$tmp/err" ||
	fail "xgettext failed: $(cat "$tmp/err")"
if msgcmp "$po" "$tmp/now.pot" 2>"$tmp/err"; then
	pass
else
	fail "po/fr.po lacks messages of the sources (make -C po update-po): $(grep "not defined" "$tmp/err" | head -10)"
fi

# Every source file with translatable text is one xgettext reads.
for f in $(cd "$srcdir" && grep -lE '(^|[^A-Za-z0-9_])(N?P?_|C_|NC_)\(' src/*.c); do
	grep -qx "$f" "$srcdir/po/POTFILES.in" && pass || fail "$f has translatable text but is not in po/POTFILES.in"
done

# A no-break space, never a plain one, before : ; ! ? in French.
awk '/^msgstr/ { m = 1 } /^(msgid|#)/ { m = 0 } m && /[^ ] [:;!?]([ "]|\\n|$)/' "$po" >"$tmp/spaces"
[ -s "$tmp/spaces" ] && fail "plain spaces before : ; ! ? in $po: $(head -5 "$tmp/spaces")" || pass

finish
