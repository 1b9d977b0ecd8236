/* pw-text.c — small text helpers shared by the core's parsers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-text.h"

#define MAX_QUOTED_CHARS 40

char *
pw_text_quote (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (valid, -1) <= MAX_QUOTED_CHARS)
    return g_steal_pointer (&valid);
  head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);
  return g_strconcat (head, "…", NULL);
}

void
pw_text_iso_date (const GDate *date, char out[11])
{
  g_snprintf (out, 11, "%04u-%02u-%02u", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

char *
pw_text_iso_date_new (const GDate *date)
{
  char buf[11];

  pw_text_iso_date (date, buf);
  return g_strdup (buf);
}
