/* schedule-reference.h — a second, plain computation of bill lines, to check the
 * engine's lines one by one (test-invariants.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It follows docs/charge-rules.md as written, with exact fractions of 128-bit
 * integers and none of the engine's code: no caching, no arena, no decimal
 * type. What it does not know (CPI and fixed escalations, termination, rounding
 * per bill) the contracts it is given do not have. */
#pragma once

#include <glib.h>

#include "pw-contract.h"
#include "pw-schedule.h"

typedef __int128 i128;

/* n ÷ d, d > 0 */
typedef struct {
  i128 n, d;
} Frac;

static i128
ref_gcd (i128 a, i128 b)
{
  if (a < 0)
    a = -a;
  while (b != 0)
    {
      i128 t = a % b;
      a = b;
      b = t;
    }
  return a == 0 ? 1 : a;
}

static Frac
frac (i128 n, i128 d)
{
  i128 g = ref_gcd (n, d);
  Frac f = { n / g, d / g };
  return f;
}

static Frac
frac_mul (Frac a, i128 n, i128 d)
{
  return frac (a.n * n, a.d * d);
}

static Frac
frac_add (Frac a, Frac b)
{
  return frac (a.n * b.d + b.n * a.d, a.d * b.d);
}

static i128
pow10_i (int k)
{
  i128 p = 1;
  while (k-- > 0)
    p *= 10;
  return p;
}

/* @x (≥ 0, currency units) as a count of 10^−keep, by @mode */
static i128
ref_round_to (Frac x, int keep, PwRounding mode)
{
  i128 n = keep >= 0 ? x.n * pow10_i (keep) : x.n;
  i128 d = keep >= 0 ? x.d : x.d * pow10_i (-keep);
  i128 q = n / d, r = n % d;

  g_assert (n >= 0);
  switch (mode)
    {
    case PW_ROUND_DOWN:
      return q;
    case PW_ROUND_UP:
      return q + (r > 0);
    case PW_ROUND_HALF_EVEN:
      if (2 * r == d)
        return q + (q % 2);
      return q + (2 * r > d);
    case PW_ROUND_HALF_UP:
    default:
      return q + (2 * r >= d);
    }
}

/* @x rounded half up by @keep digits, back in minor units of @minor digits */
static gint64
ref_minor (Frac x, int keep, int minor, PwRounding mode)
{
  return (gint64) (ref_round_to (x, keep, mode) * pow10_i (minor - keep));
}

static Frac
ref_decimal (PwDecimal v)
{
  return frac (v.m, pow10_i (v.scale));
}

static Frac
ref_price_at (const PwCharge *ch, const GDate *d)
{
  Frac p = ref_decimal (ch->unit_price);

  if (ch->escalation.kind == PW_ESCALATION_STEPS)
    for (guint i = 0; i < ch->escalation.steps->len; i++)
      {
        PwPriceStep *s = &g_array_index (ch->escalation.steps, PwPriceStep, i);
        if (g_date_compare (&s->from, d) <= 0)
          p = ref_decimal (s->unit_price);
      }
  return p;
}

/* the standard month (B7) at @price, rounded to @keep digits when @keep ≥ 0 */
static Frac
ref_month (const PwCharge *ch, Frac price, int keep)
{
  Frac m = price;

  if (ch->unit != PW_PRICE_UNIT_MONTH)
    m = frac_mul (m, ch->area, 100);
  if (ch->unit == PW_PRICE_UNIT_M2_DAY)
    m = ch->standard_month == PW_STANDARD_MONTH_30 ? frac_mul (m, 30, 1) : frac_mul (m, 365, 12);
  if (keep >= 0)
    m = frac ((i128) ref_round_to (m, keep, PW_ROUND_HALF_UP), pow10_i (keep));
  return m;
}

static GDate
ref_months_after (const GDate *d, guint n)
{
  GDate r = *d;
  g_date_add_months (&r, n);
  return r;
}

/* whole months from @a within [@a, @b] (a month from a ends the day before a + 1
 * month) and the days left */
static void
ref_whole_months (const GDate *a, const GDate *b, int *months, int *rest)
{
  int w = 0;

  for (;;)
    {
      GDate next = ref_months_after (a, (guint) w + 1);
      g_date_subtract_days (&next, 1);
      if (g_date_compare (&next, b) > 0)
        break;
      w++;
    }
  {
    GDate from = ref_months_after (a, (guint) w);
    *rest = g_date_compare (&from, b) > 0 ? 0 : g_date_days_between (&from, b) + 1;
  }
  *months = w;
}

/* Whether [@a, @b] is a whole regular period of @ch inside its range (B8) */
static gboolean
ref_is_whole_period (const PwCharge *ch, const GDate *a, const GDate *b)
{
  GDate ps;
  guint f = ch->frequency_months;

  if (ch->anchor == PW_ANCHOR_LEASE)
    {
      for (guint k = 0;; k++)
        {
          GDate s = ref_months_after (&ch->start, k * f);
          GDate e = ref_months_after (&ch->start, (k + 1) * f);

          g_date_subtract_days (&e, 1);
          if (g_date_compare (&s, b) > 0)
            return FALSE;
          if (g_date_compare (&s, a) == 0)
            return g_date_compare (&e, b) == 0 && g_date_compare (&e, &ch->end) <= 0;
        }
    }
  g_date_clear (&ps, 1);
  g_date_set_dmy (&ps, 1, ((g_date_get_month (&ch->start) - 1) / f) * f + 1,
                  g_date_get_year (&ch->start));
  while (g_date_compare (&ps, b) <= 0)
    {
      GDate e = ref_months_after (&ps, f);

      g_date_subtract_days (&e, 1);
      if (g_date_compare (&ps, a) == 0)
        return g_date_compare (&e, b) == 0 && g_date_compare (&ps, &ch->start) >= 0
               && g_date_compare (&e, &ch->end) <= 0;
      ps = ref_months_after (&ps, f);
    }
  return FALSE;
}

/* The exact amount of a charge line over [@a, @b] (not waived): B7–B9 as
 * docs/charge-rules.md words them */
static Frac
ref_line_amount (const PwContract *c, const PwCharge *ch, const GDate *a, const GDate *b)
{
  int keep = c->round_to_unit ? 0 : c->minor_digits;
  Frac price = ref_price_at (ch, a);
  Frac m = ref_month (ch, price, c->round_month ? keep : -1);
  int days = g_date_days_between (a, b) + 1;
  gboolean per_day = ch->unit == PW_PRICE_UNIT_M2_DAY;
  int w, rest;

  if (per_day && ch->standard_month == PW_STANDARD_MONTH_ACTUAL)
    return frac_mul (price, (i128) ch->area * days, 100);
  if (ref_is_whole_period (ch, a, b))
    return frac_mul (m, ch->frequency_months, 1);
  switch (ch->proration)
    {
    case PW_PRORATION_DAILY:
      if (per_day)
        return frac_mul (price, (i128) ch->area * days, 100);
      return frac_mul (m, 12 * days, 365);
    case PW_PRORATION_YEARLY_365:
      return frac_mul (m, 12 * days, 365);
    case PW_PRORATION_MONTHLY_ACTUAL:
      {
        Frac sum = frac (0, 1);
        GDate d = *a;

        while (g_date_compare (&d, b) <= 0)
          {
            int dim = g_date_get_days_in_month (g_date_get_month (&d), g_date_get_year (&d));
            int n = 0;

            for (int day = g_date_get_day (&d); day <= dim && g_date_compare (&d, b) <= 0; day++)
              {
                n++;
                g_date_add_days (&d, 1);
              }
            sum = frac_add (sum, frac_mul (m, n, dim));
          }
        return sum;
      }
    case PW_PRORATION_MONTHLY_30:
      ref_whole_months (a, b, &w, &rest);
      return frac_add (frac_mul (m, w, 1), frac_mul (m, rest, 30));
    case PW_PRORATION_NONE:
    default:
      ref_whole_months (a, b, &w, &rest);
      return frac_mul (m, w + (rest > 0), 1);
    }
}

/* The deposit on signing (B13): N × Σ the named charges' first months, each
 * rounded first unless "month": "exact", then rounded by the rule */
static gint64
ref_deposit (const PwContract *c)
{
  const PwDepositRule *d = &c->deposit;
  int keep = c->round_to_unit ? 0 : c->minor_digits;
  Frac sum = frac (0, 1);

  if (d->fixed)
    return d->amount;
  for (guint k = 0; k < c->charges->len; k++)
    {
      const PwCharge *ch = c->charges->pdata[k];

      if (g_strv_contains ((const char *const *) d->charges, ch->code)
          || g_strv_contains ((const char *const *) d->charges, ch->kind))
        sum = frac_add (sum, ref_month (ch, ref_decimal (ch->unit_price),
                                        d->exact_month ? -1 : keep));
    }
  sum = frac_mul (sum, d->months.m, pow10_i (d->months.scale));
  return ref_minor (sum, MIN (d->round_digits, c->minor_digits), c->minor_digits, d->round_mode);
}
