/* pw-schedule-revenue.c — straight-line revenue (B17), spread by day
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. The payments net of tax of the counted charges (rent-free
 * months included, at 0) are spread evenly over the days of the term, and
 * gathered into months from the term's start (docs/charge-rules.md,
 * "Straight-line revenue").
 * Invariants:
 *  1. Cumulative revenue to the end of month i is round(total × days to the
 *     end of month i ÷ days of the term), half up; a month's revenue is the
 *     difference, so every month is within one minor unit of its exact share
 *     and the months add up to the total exactly.
 *  2. Billing is counted by bill date: lines billed before the first month in
 *     it, after the last in it. The lines are already in bill-date order, so
 *     one walk over them serves every month: the work grows with lines plus
 *     months, never their product.
 *  3. Every sum is checked (PW_CONTRACT_ERROR_OVERFLOW, field "revenue.…").
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-schedule-private.h"

static int
days_incl (const GDate *a, const GDate *b)
{
  return g_date_days_between (a, b) + 1;
}

static gboolean
add_checked (gint64 *sum, gint64 v, const char *field, GError **error)
{
  if (!__builtin_add_overflow (*sum, v, sum))
    return TRUE;
  g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW,
               _("%s: the amounts add up to more than can be held exactly (about 92 "
                 "quadrillion in minor units)"), field);
  return FALSE;
}

/* round(@total × @part ÷ @whole), half up, in minor units */
static gboolean
share (gint64 total, int part, int whole, gint64 *out, GError **error)
{
  PwDecimal p, q;

  return pw_decimal_mul (pw_decimal_from_int (total, 0), pw_decimal_from_int (part, 0), &p, error)
         && pw_decimal_div (p, pw_decimal_from_int (whole, 0), 0, PW_ROUND_HALF_UP, &q, error)
         && pw_decimal_to_minor (q, 0, PW_ROUND_HALF_UP, out, error);
}

/* The codes of the charges whose payments count, by code or kind */
static GHashTable *
counted_charges (const PwContract *c)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  const char *const *names = (const char *const *) c->revenue.charges;

  for (guint k = 0; k < c->charges->len; k++)
    {
      const PwCharge *ch = c->charges->pdata[k];

      if (g_strv_contains (names, ch->code) || g_strv_contains (names, ch->kind))
        g_hash_table_add (set, ch->code);
    }
  return set;
}

static gboolean
counts (GHashTable *counted, const PwScheduleLine *l)
{
  return (l->kind == PW_LINE_CHARGE || l->kind == PW_LINE_CREDIT)
         && g_hash_table_contains (counted, l->charge);
}

gboolean
pw_schedule_add_revenue (const PwContract *c, PwSchedule *s, GError **error)
{
  const GDate *end = c->terminated ? &c->termination : &c->term_end;
  g_autoptr(GHashTable) counted = counted_charges (c);
  g_autoptr(GArray) months = g_array_new (FALSE, TRUE, sizeof (PwRevenueMonth));
  gint64 total = 0, before = 0, cumulative = 0, billed = 0;
  int term_days = days_incl (&c->start, end), days = 0;
  guint j = 0;

  for (guint i = 0; i < s->lines->len; i++)
    {
      const PwScheduleLine *l = s->lines->pdata[i];

      if (counts (counted, l) && !add_checked (&total, l->net, "revenue.total", error))
        return FALSE;
    }
  /* months from the term's start, each to the day before the same date a month
   * later (clamped: 31 January → 28 February), the last cut at the end */
  for (guint k = 0;; k++)
    {
      GDate from = c->start, next = c->start, to;
      PwRevenueMonth m = { 0, };

      g_date_add_months (&from, k);
      if (g_date_compare (&from, end) > 0)
        break;
      g_date_add_months (&next, k + 1);
      to = next;
      g_date_subtract_days (&to, 1);
      m.start = from;
      m.end = g_date_compare (&to, end) > 0 ? *end : to;
      m.days = days_incl (&m.start, &m.end);
      m.month_days = days_incl (&from, &to);
      g_array_append_val (months, m);
    }
  for (guint i = 0; i < months->len; i++)
    {
      PwRevenueMonth *m = &g_array_index (months, PwRevenueMonth, i);
      gboolean last = i + 1 == months->len;
      gint64 upto;

      days += m->days;
      if (!share (total, days, term_days, &upto, error))
        return FALSE;
      m->revenue = upto - before;
      before = upto;
      /* invariant 2: the lines billed up to this month's end, all that are left in the last */
      for (; j < s->lines->len; j++)
        {
          const PwScheduleLine *l = s->lines->pdata[j];

          if (!last && g_date_compare (&l->bill_date, &m->end) > 0)
            break;
          if (counts (counted, l) && !add_checked (&m->billed, l->net, "revenue.billed", error))
            return FALSE;
        }
      if (!add_checked (&cumulative, m->revenue, "revenue.cumulative_revenue", error)
          || !add_checked (&billed, m->billed, "revenue.cumulative_billed", error))
        return FALSE;
      m->cumulative_revenue = cumulative;
      m->cumulative_billed = billed;
      if (!add_checked (&m->receivable, cumulative, "revenue.receivable", error)
          || !add_checked (&m->receivable, -billed, "revenue.receivable", error))
        return FALSE;
    }
  s->revenue = g_steal_pointer (&months);
  s->revenue_total = total;
  s->revenue_days = term_days;
  /* shown only: the day's revenue in currency units */
  return pw_decimal_div (pw_decimal_from_int (total, c->minor_digits),
                         pw_decimal_from_int (term_days, 0), 6, PW_ROUND_HALF_UP,
                         &s->revenue_daily, error);
}
