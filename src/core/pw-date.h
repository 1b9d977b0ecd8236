/* pw-date.h — civil dates: ISO text, day and month arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates on record are civil dates written YYYY-MM-DD (docs/contract-format.md).
 * Every part of Parkwise reads, writes and steps them through these functions:
 *  1. A date on record is valid only as exactly ten characters YYYY-MM-DD naming a
 *     real day between 1900-01-01 and 2999-12-31.
 *  2. Adding months keeps the day of the month and clamps it to the end of a
 *     shorter month: 31 January + 1 month = 28 (or 29) February.
 *  3. A month counted from a day ends the day before the same day of the next
 *     month: 1 February – 31 March is 2 whole months and no day.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean pw_date_is_valid        (const char  *date);
gboolean pw_date_parse_iso       (const char  *text,
                                  GDate       *out);
void     pw_date_format_iso      (const GDate *date,
                                  char         out[11]);
char    *pw_date_format_iso_new  (const GDate *date);

GDate    pw_date_add_days        (const GDate *date,
                                  int          days);
GDate    pw_date_add_months      (const GDate *date,
                                  guint        months);
guint    pw_date_days_in_month   (const GDate *date);
guint    pw_date_whole_months    (const GDate *start,
                                  const GDate *end,
                                  int         *rest_days);

G_END_DECLS
