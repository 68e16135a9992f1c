/* Dates in the reader's language: whole formats, for translators to order. */
#include <config.h>

#include <stdlib.h>

#include "clock.h"
#include "dates.h"
#include "i18n.h"
#include "xalloc.h"

static const char *const months[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
	N_("November"), N_("December"),
};

char *
date_text(time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	/*
	 * TRANSLATORS: a date and time in UTC: %1$d the day, %2$s the month's
	 * name, %3$d the year, %4$d the hour (0-23), %5$02d the minutes; such
	 * as "1 December 2026, 18:04 UTC".  French: "%1$d %2$s %3$d à %4$d h %5$02d UTC".
	 */
	return xasprintf(_("%1$d %2$s %3$d, %4$02d:%5$02d UTC"), tm.tm_mday,
	    _(months[tm.tm_mon]), tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

char *
date_text_iso(const char *iso)
{
	if (iso == NULL)
		return xstrdup("?");
	if (!time_valid(iso))
		return xstrdup(iso);
	return date_text(time_parse(iso));
}
