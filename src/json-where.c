/*
 * A walk over JSON that jansson has already accepted: no error can occur
 * but the text's end, which every step checks for, so that a text the
 * caller did not have parsed still cannot be read past its end.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "json-where.h"

struct walk {
	const char	*p;
	const char	*end;
};

static void
blanks(struct walk *w)
{
	while (w->p < w->end && (*w->p == ' ' || *w->p == '\t' || *w->p == '\n' || *w->p == '\r'))
		w->p++;
}

/* Past the string at w->p (its opening quote); its text between the quotes. */
static void
string(struct walk *w, const char **start, size_t *len)
{
	const char *s = ++w->p;

	while (w->p < w->end && *w->p != '"')
		w->p += *w->p == '\\' && w->p + 1 < w->end ? 2 : 1;
	*start = s;
	*len = (size_t)(w->p - s);
	if (w->p < w->end)
		w->p++;
}

/* Past the value at w->p, nested ones and all. */
static void
value(struct walk *w)
{
	size_t depth = 0;

	do {
		const char *s;
		size_t n;

		blanks(w);
		if (w->p >= w->end)
			return;
		if (*w->p == '"') {
			string(w, &s, &n);
		} else if (*w->p == '{' || *w->p == '[') {
			depth++;
			w->p++;
		} else if (*w->p == '}' || *w->p == ']') {
			if (depth == 0)
				return;		/* the end of the container, not a value */
			depth--;
			w->p++;
		} else if (*w->p == ',' || *w->p == ':') {
			w->p++;
		} else {
			/* A number, true, false or null: up to what follows it. */
			while (w->p < w->end && *w->p != '\0' && strchr(",:]} \t\r\n", *w->p) == NULL)
				w->p++;
		}
	} while (depth > 0 && w->p < w->end);
}

/* Past the value at w->p and the comma after it; 0 if none follows: its container ends. */
static int
next_item(struct walk *w)
{
	value(w);
	blanks(w);
	if (w->p >= w->end || *w->p != ',')
		return 0;
	w->p++;
	return 1;
}

/* From the object at w->p, to the value of its member name; 0 if it has none. */
static int
member(struct walk *w, const char *name, size_t nlen)
{
	if (w->p >= w->end || *w->p != '{')
		return 0;
	w->p++;
	for (;;) {
		const char *k;
		size_t klen;

		blanks(w);
		if (w->p >= w->end || *w->p != '"')
			return 0;
		string(w, &k, &klen);
		blanks(w);
		if (w->p < w->end && *w->p == ':')
			w->p++;
		blanks(w);
		/* The collector's names need no escape: one written with one is not ours. */
		if (klen == nlen && memcmp(k, name, nlen) == 0)
			return 1;
		if (!next_item(w))
			return 0;
	}
}

/* From the array at w->p, to its element i; 0 if it is shorter. */
static int
element(struct walk *w, unsigned long i)
{
	if (w->p >= w->end || *w->p != '[')
		return 0;
	w->p++;
	for (unsigned long k = 0; ; k++) {
		blanks(w);
		if (w->p >= w->end || *w->p == ']')
			return 0;
		if (k == i)
			return 1;
		if (!next_item(w))
			return 0;
	}
}

int
json_where_line(const char *text, size_t len, const char *path)
{
	struct walk w = { text, text + len };
	const char *reached, *s = path;
	int line = 1;

	blanks(&w);
	reached = w.p;
	while (*s != '\0') {
		struct walk at = w;
		int found;

		if (*s == '[') {
			char *close;
			unsigned long i = strtoul(s + 1, &close, 10);

			if (*close != ']')
				break;
			found = element(&at, i);
			s = close + 1;
		} else {
			size_t n;

			if (*s == '.')
				s++;
			n = strcspn(s, ".[");
			found = member(&at, s, n);
			s += n;
		}
		if (!found)
			break;
		w = at;
		reached = w.p;
	}
	for (const char *p = text; p < reached; p++)
		line += *p == '\n';
	return line;
}
