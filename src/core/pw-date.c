/* pw-date.c — civil dates: ISO text, day and month arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pw-date.h"

/* Invariant 1: "2026-02-29" and "2026-2-3" are not dates on record. */
gboolean
pw_date_is_valid (const char *date)
{
  GDate d;

  return pw_date_parse_iso (date, &d);
}

/* Reads a date on record into @out; on failure @out is cleared and FALSE returned. */
gboolean
pw_date_parse_iso (const char *text, GDate *out)
{
  guint y, m, d;

  g_date_clear (out, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;
  y = (guint) ((text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10
               + (text[3] - '0'));
  m = (guint) ((text[5] - '0') * 10 + (text[6] - '0'));
  d = (guint) ((text[8] - '0') * 10 + (text[9] - '0'));
  if (y < 1900 || y > 2999 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

/* YYYY-MM-DD into @out (11 bytes with the NUL), without printf or the locale:
 * schedules write thousands of dates in a loop. */
void
pw_date_format_iso (const GDate *date, char out[11])
{
  guint y = g_date_get_year (date), m = g_date_get_month (date), day = g_date_get_day (date);

  out[0] = (char) ('0' + y / 1000 % 10);
  out[1] = (char) ('0' + y / 100 % 10);
  out[2] = (char) ('0' + y / 10 % 10);
  out[3] = (char) ('0' + y % 10);
  out[4] = '-';
  out[5] = (char) ('0' + m / 10);
  out[6] = (char) ('0' + m % 10);
  out[7] = '-';
  out[8] = (char) ('0' + day / 10);
  out[9] = (char) ('0' + day % 10);
  out[10] = '\0';
}

char *
pw_date_format_iso_new (const GDate *date)
{
  char buf[11];

  pw_date_format_iso (date, buf);
  return g_strdup (buf);
}

GDate
pw_date_add_days (const GDate *date, int days)
{
  GDate r = *date;

  if (days >= 0)
    g_date_add_days (&r, (guint) days);
  else
    g_date_subtract_days (&r, (guint) -days);
  return r;
}

/* Invariant 2. */
GDate
pw_date_add_months (const GDate *date, guint months)
{
  GDate r = *date;

  g_date_add_months (&r, months);
  return r;
}

guint
pw_date_days_in_month (const GDate *date)
{
  return g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date));
}

/* Invariant 3: the whole months from @start that fit within [@start, @end], and
 * in @rest_days (when not NULL) the days left over after them, 0 when none. */
guint
pw_date_whole_months (const GDate *start, const GDate *end, int *rest_days)
{
  guint w = 0;
  GDate after = pw_date_add_days (end, 1), from;

  for (;;)
    {
      GDate next = pw_date_add_months (start, w + 1);

      if (g_date_compare (&next, &after) > 0)
        break;
      w++;
    }
  if (rest_days != NULL)
    {
      from = pw_date_add_months (start, w);
      *rest_days = g_date_compare (&from, end) > 0 ? 0 : g_date_days_between (&from, end) + 1;
    }
  return w;
}
