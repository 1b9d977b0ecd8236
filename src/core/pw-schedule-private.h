/* pw-schedule-private.h — what the parts of the schedule engine share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-schedule.h"

G_BEGIN_DECLS

/* pw-schedule-words.c: naming and wording lines */

/* Appends @fmt to @out with each conversion (%s, %d, %u, or positional %2$s)
 * replaced by the next (or the numbered) of @args, which are already text,
 * and %% by a percent sign: the translated formats without printf's cost. */
void         pw_schedule_append_format  (GString          *out,
                                         const char       *fmt,
                                         const char *const *args,
                                         guint             n_args);
/* YYYY-MM-DD into @out, without printf */
/* The line id into @out (37 bytes with the NUL) and its bytes into @bytes (may be NULL) */
void         pw_schedule_line_id_into   (const char       *contract_id,
                                         const char       *charge,
                                         PwLineKind        kind,
                                         const GDate      *start,
                                         char              out[37],
                                         guint8            bytes[16]);
/* The charge @index's price from its start, then at each escalation date, as the
 * engine bills them: PwPriceStep, by date (the first is the charge's start). */
GArray      *pw_schedule_price_points   (const PwContract *contract,
                                         guint             index,
                                         GError          **error);
/* The tax phrase of @form (PW_EXPLAIN_TAX_*) at @rate percent */
char        *pw_schedule_tax_phrase     (guint             form,
                                         const char       *rate);
/* The note PW_EXPLAIN_NOTE_* of @form puts after the tax phrase, or NULL */
const char  *pw_schedule_note_text      (guint             form);
/* The template of a deposit line's explanation (PW_EXPLAIN_DEPOSIT or _TOP_UP) */
const char  *pw_schedule_deposit_format (guint             form);

/* B17: the straight-line revenue months of @s (pw-schedule-revenue.c) */
gboolean pw_schedule_add_revenue (const PwContract *contract,
                                  PwSchedule       *s,
                                  GError          **error);

G_END_DECLS

/* Reads the conversion after a '%' (not "%%"): a positional "N$" sets *@index, otherwise
 * *@index is *@next and *@next moves on; l and h modifiers are skipped. Returns the text
 * after the conversion. */
static inline const char *
pw_schedule_format_directive (const char *q, guint *next, guint *index)
{
  *index = *next;
  if (g_ascii_isdigit (*q))
    {
      guint n = 0;
      const char *r = q;

      while (g_ascii_isdigit (*r))
        n = n * 10 + (guint) (*r++ - '0');
      if (*r == '$' && n >= 1)
        {
          *index = n - 1;
          q = r + 1;
        }
    }
  else
    (*next)++;
  while (*q == 'l' || *q == 'h')
    q++;
  if (*q != '\0')
    q++;
  return q;
}
