/* pw-schedule.c — a contract's charge schedule: every bill line over the term
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. Each charge is cut into regular periods (lease- or
 * calendar-anchored), each period into pieces at its step dates (a price
 * change, either end of a waiving free range). A piece's amount is kept exact,
 * as a decimal over an integer denominator (÷ 12, ÷ 365, ÷ days in a month),
 * until it is rounded once. Termination is applied after, to what the
 * uninterrupted schedule would have billed.
 * Invariants:
 *  1. A charge's lines tile its range: no gap, no overlap, in date order.
 *  2. An unsplit regular period is the standard month × its months (or, on
 *     actual days, the day price × its days); stubs and pieces are prorated.
 *  3. Every line is rounded once, on its own (docs/billing-rules.md, "Money":
 *     once per bill line). With rounding.split "cumulative" the pieces of a split period
 *     are rounded together instead: each gets round(Σ up to it) − round(Σ
 *     before it). At the "bill" rounding level the same is done across a
 *     bill's lines.
 *  4. A credit never exceeds the line it credits; only credits are negative.
 *  5. Tax per line (F29): included, net = round(G ÷ (1 + r)), tax = G − net;
 *     added, tax = round(N × r).
 *  6. With a deposit top-up, each deposit line after the first raises what is
 *     held to N months at the new prices; none is negative.
 *  7. Straight-line revenue is spread by day; the months add up to the
 *     counted lines' net exactly (pw-schedule-revenue.c).
 *  8. Every sum of money is checked; one that cannot be held exactly is
 *     refused with the field it is for (PW_CONTRACT_ERROR_OVERFLOW).
 * The rules, in words, are docs/charge-rules.md.
 * Charge lines and their text live in one arena per schedule (thousands of
 * schedules are computed at once when a park's leases are written); deposit,
 * credit and penalty lines are allocated on their own so callers may edit them.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-area.h"
#include "pw-money.h"
#include "pw-schedule.h"
#include "pw-schedule-private.h"
#include "pw-text.h"

/* an exact amount: num ÷ den, in currency units */
typedef struct {
  PwDecimal num;
  gint64    den;
} Exact;

typedef struct {
  PwScheduleLine *line;
  const PwCharge *charge;
  guint           charge_index;
  PwDecimal       price;
  Exact           exact;
  guint           group;
  GDate           period_start;  /* the regular period the piece belongs to */
  GDate           period_end;
} Work;

typedef struct {
  GDate     from;
  PwDecimal price;
} PricePoint;

/* ---- memory and text ------------------------------------------------------------ */

/* A schedule's lines and their texts live in one arena, freed with the
 * schedule: a three-year schedule has ~50 lines of 6 strings each, and
 * allocating each one on its own cost more than computing it. */
typedef struct ArenaBlock ArenaBlock;
struct ArenaBlock
{
  ArenaBlock *next;
  gsize       pad;      /* so data is 16-aligned, as PwDecimal's 128-bit mantissa needs */
  char        data[];
};

typedef struct
{
  ArenaBlock *blocks;
  char       *p;
  gsize       left;
} Arena;

#define ARENA_BLOCK 16384

static gpointer
arena_alloc (Arena *a, gsize size)
{
  gpointer r;

  size = (size + 15) & ~(gsize) 15;
  if (size > a->left)
    {
      gsize n = MAX (size, ARENA_BLOCK);
      ArenaBlock *b = g_malloc (sizeof (ArenaBlock) + n);

      b->next = a->blocks;
      a->blocks = b;
      a->p = b->data;
      a->left = n;
    }
  r = a->p;
  a->p += size;
  a->left -= size;
  return r;
}

static gpointer
arena_alloc0 (Arena *a, gsize size)
{
  return memset (arena_alloc (a, size), 0, size);
}

static char *
arena_strndup (Arena *a, const char *s, gsize n)
{
  char *r = arena_alloc (a, n + 1);

  memcpy (r, s, n);
  r[n] = '\0';
  return r;
}

static char *
arena_strdup (Arena *a, const char *s)
{
  return s ? arena_strndup (a, s, strlen (s)) : NULL;
}

static void
arena_free (Arena *a)
{
  while (a->blocks)
    {
      ArenaBlock *next = a->blocks->next;

      g_free (a->blocks);
      a->blocks = next;
    }
  g_free (a);
}

/* A translated format taken apart once, so that a line's explanation is put
 * together by copying: each part is literal text or the number of an argument. */
#define FORMAT_PARTS 24

typedef struct
{
  guint n;
  struct
  {
    const char *text;    /* NULL for an argument */
    gsize       len;
    guint       arg;
  } part[FORMAT_PARTS];
} Format;

/* FALSE when @fmt has more parts than a Format holds; pw_schedule_append_format() then does */
static gboolean
format_compile (Format *f, const char *fmt)
{
  guint next = 0;
  const char *p = fmt, *pct;

  f->n = 0;
  while ((pct = strchr (p, '%')) != NULL)
    {
      guint index;
      const char *q = pct + 1;

      if (f->n + 2 > FORMAT_PARTS)
        return FALSE;
      if (pct > p)
        {
          f->part[f->n].text = p;
          f->part[f->n++].len = pct - p;
        }
      if (*q == '%')
        {
          f->part[f->n].text = "%";
          f->part[f->n++].len = 1;
          p = q + 1;
          continue;
        }
      q = pw_schedule_format_directive (q, &next, &index);
      f->part[f->n].text = NULL;
      f->part[f->n++].arg = index;
      p = q;
    }
  if (*p != '\0')
    {
      if (f->n + 1 > FORMAT_PARTS)
        return FALSE;
      f->part[f->n].text = p;
      f->part[f->n++].len = strlen (p);
    }
  return TRUE;
}

/* @f with @args (of lengths @lens) into @out; returns the length written, or
 * the length it needs when @out is NULL */
static gsize
format_apply (const Format *f, const char *const *args, guint n_args, gsize *lens, char *out)
{
  gsize len = 0;

  for (guint i = 0; i < f->n; i++)
    {
      const char *t = f->part[i].text;
      gsize l = f->part[i].len;

      if (t == NULL)
        {
          guint a = f->part[i].arg;

          if (a >= n_args || args[a] == NULL)
            continue;
          t = args[a];
          l = lens[a];
        }
      if (out != NULL)
        memcpy (out + len, t, l);
      len += l;
    }
  return len;
}

static void
append_uint (GString *out, gint64 v)
{
  char buf[24];
  int n = 0;
  gboolean negative = v < 0;
  guint64 u = negative ? -(guint64) v : (guint64) v;

  do
    {
      buf[n++] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u > 0);
  if (negative)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, buf[--n]);
}

/* ---- small helpers ----------------------------------------------------------- */

static const GDate *
date_max (const GDate *a, const GDate *b)
{
  return g_date_compare (a, b) >= 0 ? a : b;
}

static int
days_incl (const GDate *a, const GDate *b)
{
  return g_date_days_between (a, b) + 1;
}

static gint64
gcd64 (gint64 a, gint64 b)
{
  while (b != 0)
    {
      gint64 t = a % b;
      a = b;
      b = t;
    }
  return a < 0 ? -a : a;
}

static Exact
exact_zero (void)
{
  Exact e = { pw_decimal_from_int (0, 0), 1 };
  return e;
}

static gboolean
exact_mul (Exact *e, PwDecimal x, GError **error)
{
  return pw_decimal_mul (e->num, x, &e->num, error);
}

static gboolean
exact_mul_int (Exact *e, gint64 n, GError **error)
{
  return exact_mul (e, pw_decimal_from_int (n, 0), error);
}

static void
exact_div_int (Exact *e, gint64 n)
{
  e->den *= n;
}

static gboolean
exact_add (Exact *acc, Exact x, GError **error)
{
  gint64 g = gcd64 (acc->den, x.den);
  gint64 fa = x.den / g, fx = acc->den / g;
  PwDecimal a, b;

  if (!pw_decimal_mul (acc->num, pw_decimal_from_int (fa, 0), &a, error)
      || !pw_decimal_mul (x.num, pw_decimal_from_int (fx, 0), &b, error)
      || !pw_decimal_add (a, b, &acc->num, error))
    return FALSE;
  acc->den = acc->den / g * x.den;
  return TRUE;
}

/* @e in minor units (@minor digits), rounded by @mode to @keep digits (which
 * may be fewer than @minor, even negative: −2 rounds to hundreds) */
static gboolean
exact_round (Exact e, int minor, int keep, PwRounding mode, gint64 *out, GError **error)
{
  PwDecimal q;
  gint64 v;
  int shift = minor - keep;

  if (keep < 0)
    {
      /* divide by 10^−keep more, round to units, scale back */
      gint64 p = 1;
      for (int i = 0; i < -keep; i++)
        p *= 10;
      if (!pw_decimal_div (e.num, pw_decimal_from_int (e.den * p, 0), 0, mode, &q, error))
        return FALSE;
    }
  else if (!pw_decimal_div (e.num, pw_decimal_from_int (e.den, 0), keep, mode, &q, error))
    return FALSE;
  if (!pw_decimal_to_minor (q, q.scale, PW_ROUND_HALF_UP, &v, error))
    return FALSE;
  for (int i = 0; i < shift; i++)
    {
      if (v > G_MAXINT64 / 10 || v < -G_MAXINT64 / 10)
        {
          g_set_error_literal (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_OVERFLOW,
                               _("The number is too large to compute with exactly"));
          return FALSE;
        }
      v *= 10;
    }
  *out = v;
  return TRUE;
}

static PwDecimal
area_decimal (const PwCharge *ch)
{
  return pw_decimal_from_int (ch->area, 2);
}

/* ---- the standard month and proration ------------------------------------------ */

/* the charge's standard month at @price; per-day prices on actual days use 365/12.
 * With @keep ≥ 0 it is rounded half up to @keep digits of the currency's @minor
 * (rounding.month "rounded", and the deposit's reference month by default). */
static gboolean
monthly_amount (const PwCharge *ch, PwDecimal price, int keep, int minor, Exact *out,
                GError **error)
{
  Exact e = { price, 1 };

  if (ch->unit != PW_PRICE_UNIT_MONTH && !exact_mul (&e, area_decimal (ch), error))
    return FALSE;
  if (ch->unit == PW_PRICE_UNIT_M2_DAY)
    {
      if (ch->standard_month == PW_STANDARD_MONTH_30)
        {
          if (!exact_mul_int (&e, 30, error))
            return FALSE;
        }
      else
        {
          if (!exact_mul_int (&e, 365, error))
            return FALSE;
          exact_div_int (&e, 12);
        }
    }
  if (keep >= 0)
    {
      gint64 v;

      if (!exact_round (e, minor, keep, PW_ROUND_HALF_UP, &v, error))
        return FALSE;
      e.num = pw_decimal_from_int (v, minor);
      e.den = 1;
    }
  *out = e;
  return TRUE;
}

/* The day's amount: a per-day price × the area; otherwise the standard month
 * × 12 ÷ 365 */
static gboolean
daily_amount (const PwCharge *ch, PwDecimal price, int keep, int minor, Exact *out,
              GError **error)
{
  if (ch->unit == PW_PRICE_UNIT_M2_DAY)
    {
      Exact e = { price, 1 };
      if (!exact_mul (&e, area_decimal (ch), error))
        return FALSE;
      *out = e;
      return TRUE;
    }
  if (!monthly_amount (ch, price, keep, minor, out, error) || !exact_mul_int (out, 12, error))
    return FALSE;
  exact_div_int (out, 365);
  return TRUE;
}

/* whole months from @a within [@a, @b], and the days left over. A month from
 * @a ends the day before @a + 1 month, so 1 Feb–31 Mar is 2 months and no day
 * (docs/charge-rules.md, "monthly_30"). */
static void
whole_months (const GDate *a, const GDate *b, guint *months, int *rest)
{
  *months = pw_date_whole_months (a, b, rest);
}

/* What a computation needs besides the contract: the arena the lines live in
 * and scratch text. */
typedef struct
{
  Arena      *arena;
  GString    *text;
  GString    *basis;
  const char *explain_format;  /* translated once a schedule */
  Format      explain;         /* … and taken apart */
  gboolean    explain_compiled;
  const char *notes[3];        /* by PW_EXPLAIN_NOTE_*, translated once a schedule */
  gboolean    wording_only;    /* explanations left NULL: only their wording is set */
  int         minor;           /* the currency's digits */
  int         month_keep;      /* digits the standard month is rounded to, or −1 (exact) */
  const char *currency;
} Ctx;

/* How the tax of a charge is worded in its lines' explanations */
typedef struct
{
  guint       form;            /* PW_EXPLAIN_TAX_* */
  const char *rate;            /* in percent; NULL without tax */
  const char *phrase;          /* "9% tax included" */
} TaxWording;

/* A charge's price and monthly texts at one price, kept while the price holds */
typedef struct
{
  gboolean  set;
  PwDecimal price;
  char     *pt;    /* "523.45 m² × 3.2000/m²/day" */
  char     *mt;    /* "523.45 m² × 3.2000/m²/day × 365/12" */
  Exact     month; /* the standard month at this price */
  Exact     full;  /* a whole regular period */
  char     *full_basis;
} PriceTexts;

static gboolean
price_texts (Ctx *ctx, const PwCharge *ch, PwDecimal price, PriceTexts *cache, GError **error)
{
  g_autofree char *p = NULL;
  g_autofree char *area = NULL;
  const char *args[2];

  if (cache->set && cache->price.m == price.m && cache->price.scale == price.scale)
    return TRUE;
  p = pw_decimal_to_string (price);
  area = pw_area_format (ch->area, FALSE);
  args[0] = area;
  args[1] = p;
  g_string_truncate (ctx->text, 0);
  switch (ch->unit)
    {
    case PW_PRICE_UNIT_M2_DAY:
      /* Translators: an area in m², then a price per m² per day */
      pw_schedule_append_format (ctx->text, _("%s m² × %s/m²/day"), args, 2);
      break;
    case PW_PRICE_UNIT_M2_MONTH:
      pw_schedule_append_format (ctx->text, _("%s m² × %s/m²/month"), args, 2);
      break;
    case PW_PRICE_UNIT_MONTH:
    default:
      pw_schedule_append_format (ctx->text, _("%s/month"), args + 1, 1);
      break;
    }
  cache->pt = arena_strndup (ctx->arena, ctx->text->str, ctx->text->len);
  if (ch->unit == PW_PRICE_UNIT_M2_DAY)
    g_string_append (ctx->text, ch->standard_month == PW_STANDARD_MONTH_30 ? " × 30" : " × 365/12");
  if (ctx->month_keep >= 0
      && !(ch->unit == PW_PRICE_UNIT_M2_DAY && ch->standard_month == PW_STANDARD_MONTH_ACTUAL))
    {
      /* the month as the contract states it, rounded, is what is multiplied */
      Exact m;
      gint64 v;
      g_autofree char *whole = g_strndup (ctx->text->str, ctx->text->len);
      g_autofree char *amount = NULL;
      const char *margs[2];

      if (!monthly_amount (ch, price, ctx->month_keep, ctx->minor, &m, error)
          || !exact_round (m, ctx->minor, ctx->minor, PW_ROUND_HALF_UP, &v, error))
        return FALSE;
      amount = pw_money_format_amount (v, ctx->currency);
      margs[0] = whole;
      margs[1] = amount;
      g_string_truncate (ctx->text, 0);
      /* Translators: how a month is worked out, then the month rounded as the
       * contract states it: “100.00 m² × 3.3333/m²/day × 365/12 = 10138.79/month” */
      pw_schedule_append_format (ctx->text, _("%s = %s/month"), margs, 2);
    }
  cache->mt = arena_strndup (ctx->arena, ctx->text->str, ctx->text->len);
  cache->full_basis = NULL;
  cache->price = price;
  cache->set = TRUE;
  return TRUE;
}

/* appends @fmt, a translated plural format, with one text and one count */
static void
append_count (GString *out, const char *fmt, const char *text, gint64 n)
{
  char num[24];
  const char *args[2];
  g_autoptr(GString) s = g_string_new (NULL);

  append_uint (s, n);
  g_strlcpy (num, s->str, sizeof num);
  args[0] = text;
  args[1] = num;
  pw_schedule_append_format (out, fmt, args, 2);
}

/* The exact amount of [@a, @b] at @price: a whole regular period when
 * @full, else prorated by the charge's method; @basis gets how. */
static gboolean
piece_amount (Ctx *ctx, const PwCharge *ch, PwDecimal price, PriceTexts *texts, const GDate *a,
              const GDate *b, gboolean full, Exact *out, GString *basis, GError **error)
{
  int days = days_incl (a, b);
  const char *mt;
  Exact m;

  if (!price_texts (ctx, ch, price, texts, error))
    return FALSE;
  mt = texts->mt;
  if (ch->unit == PW_PRICE_UNIT_M2_DAY && ch->standard_month == PW_STANDARD_MONTH_ACTUAL)
    {
      if (!daily_amount (ch, price, -1, ctx->minor, out, error)
          || !exact_mul_int (out, days, error))
        return FALSE;
      append_count (basis, g_dngettext (GETTEXT_PACKAGE, "%s × %d day", "%s × %d days", days),
                    texts->pt, days);
      return TRUE;
    }
  /* the standard month and a whole period at one price are worked out once */
  if (texts->full_basis == NULL)
    {
      if (!monthly_amount (ch, price, ctx->month_keep, ctx->minor, &texts->month, error))
        return FALSE;
      texts->full = texts->month;
      if (!exact_mul_int (&texts->full, ch->frequency_months, error))
        return FALSE;
      g_string_truncate (ctx->text, 0);
      append_count (ctx->text, g_dngettext (GETTEXT_PACKAGE, "%s × %u month", "%s × %u months",
                                            ch->frequency_months), mt, ch->frequency_months);
      texts->full_basis = arena_strndup (ctx->arena, ctx->text->str, ctx->text->len);
    }
  m = texts->month;
  if (full)
    {
      *out = texts->full;
      g_string_append (basis, texts->full_basis);
      return TRUE;
    }

  switch (ch->proration)
    {
    case PW_PRORATION_DAILY:
    case PW_PRORATION_YEARLY_365:
      if (ch->unit == PW_PRICE_UNIT_M2_DAY && ch->proration == PW_PRORATION_DAILY)
        {
          /* a per-day price is its own daily rate */
          if (!daily_amount (ch, price, -1, ctx->minor, out, error)
              || !exact_mul_int (out, days, error))
            return FALSE;
          append_count (basis, g_dngettext (GETTEXT_PACKAGE, "%s × %d day", "%s × %d days", days),
                        texts->pt, days);
          return TRUE;
        }
      /* the standard month (× 30 or × 365/12 for a per-day price) × 12 ÷ 365, as
       * the basis says */
      *out = m;
      if (!exact_mul_int (out, 12 * (gint64) days, error))
        return FALSE;
      exact_div_int (out, 365);
      append_count (basis, g_dngettext (GETTEXT_PACKAGE, "%s × 12/365 × %d day",
                                        "%s × 12/365 × %d days", days), mt, days);
      return TRUE;

    case PW_PRORATION_MONTHLY_ACTUAL:
      {
        GDate cur = *a;
        g_autoptr(GString) parts = g_string_new (NULL);
        const char *args[2];

        *out = exact_zero ();
        while (g_date_compare (&cur, b) <= 0)
          {
            int dim = (int) pw_date_days_in_month (&cur);
            GDate month_end = cur;
            Exact part = m;
            int n;

            g_date_set_day (&month_end, dim);
            n = days_incl (&cur, date_max (b, &month_end) == b ? &month_end : b);
            if (!exact_mul_int (&part, n, error))
              return FALSE;
            exact_div_int (&part, dim);
            if (!exact_add (out, part, error))
              return FALSE;
            if (parts->len)
              g_string_append (parts, " + ");
            append_uint (parts, n);
            g_string_append_c (parts, '/');
            append_uint (parts, dim);
            cur = month_end;
            g_date_add_days (&cur, 1);
          }
        args[0] = mt;
        args[1] = parts->str;
        pw_schedule_append_format (basis, "%s × (%s)", args, 2);
        return TRUE;
      }

    case PW_PRORATION_MONTHLY_30:
    case PW_PRORATION_NONE:
      {
        guint w;
        int rest;
        Exact part = m;

        whole_months (a, b, &w, &rest);
        if (ch->proration == PW_PRORATION_NONE)
          {
            guint n = w + (rest > 0 ? 1 : 0);
            *out = m;
            /* Translators: no proration: a month begun is charged in full */
            append_count (basis, g_dngettext (GETTEXT_PACKAGE, "%s × %u month begun",
                                              "%s × %u months begun", n), mt, n);
            return exact_mul_int (out, n, error);
          }
        *out = m;
        if (!exact_mul_int (out, w, error) || !exact_mul_int (&part, rest, error))
          return FALSE;
        exact_div_int (&part, 30);
        if (!exact_add (out, part, error))
          return FALSE;
        {
          g_autoptr(GString) ws = g_string_new (NULL);
          g_autoptr(GString) rs = g_string_new (NULL);
          const char *args[3];

          append_uint (ws, w);
          append_uint (rs, rest);
          args[0] = mt;
          args[1] = ws->str;
          args[2] = rs->str;
          pw_schedule_append_format (basis, _("%s × (%u + %d/30) months"), args, 3);
        }
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
}

/* ---- prices over time ---------------------------------------------------------------- */

static const PwIndexPoint *
find_index (const PwContract *c, int year)
{
  for (guint i = 0; i < c->cpi_index->len; i++)
    if (g_array_index (c->cpi_index, PwIndexPoint, i).year == year)
      return &g_array_index (c->cpi_index, PwIndexPoint, i);
  return NULL;
}

static gboolean
round_price (const PwEscalation *e, PwDecimal p, PwDecimal *out, GError **error)
{
  return pw_decimal_rescale (p, e->price_decimals < 0 ? 10 : e->price_decimals,
                             PW_ROUND_HALF_UP, out, error);
}

/* The price from the charge's start, then at each escalation date. */
static GArray *
price_points (const PwContract *c, const PwCharge *ch, guint index, GError **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (PricePoint));
  const PwEscalation *e = &ch->escalation;
  PricePoint base = { ch->start, ch->unit_price };
  GDate anchor;

  g_array_append_val (points, base);
  switch (e->anchor)
    {
    case PW_ESCALATION_ANCHOR_RENT_COMMENCEMENT:
      anchor = c->rent_commencement;
      break;
    case PW_ESCALATION_ANCHOR_SIGNING:
      anchor = c->signed_on;
      break;
    case PW_ESCALATION_ANCHOR_LEASE_START:
    default:
      anchor = c->start;
      break;
    }

  if (e->kind == PW_ESCALATION_STEPS)
    {
      for (guint i = 0; i < e->steps->len; i++)
        {
          PwPriceStep *s = &g_array_index (e->steps, PwPriceStep, i);
          PricePoint p = { s->from, s->unit_price };
          g_array_append_val (points, p);
        }
    }
  else if (e->kind == PW_ESCALATION_FIXED || e->kind == PW_ESCALATION_CPI)
    {
      PwDecimal factor = pw_decimal_from_int (1, 0);
      PwDecimal g, prev = ch->unit_price;

      if (!pw_decimal_div (e->percent, pw_decimal_from_int (100, 0), 12, PW_ROUND_HALF_UP,
                           &g, error))
        return NULL;
      for (guint k = 1;; k++)
        {
          GDate when = anchor;
          PricePoint p;

          g_date_add_years (&when, k * e->every_years);
          if (g_date_compare (&when, &ch->end) > 0)
            break;
          p.from = when;
          if (e->kind == PW_ESCALATION_FIXED && e->simple)
            {
              PwDecimal kg, one_kg;
              if (!pw_decimal_mul (g, pw_decimal_from_int (k, 0), &kg, error)
                  || !pw_decimal_add (pw_decimal_from_int (1, 0), kg, &one_kg, error)
                  || !pw_decimal_mul (ch->unit_price, one_kg, &p.price, error))
                return NULL;
            }
          else if (e->kind == PW_ESCALATION_FIXED)
            {
              PwDecimal one_g;
              /* (1+g)^k kept to 20 decimals: far below the 10 a price keeps */
              if (!pw_decimal_add (pw_decimal_from_int (1, 0), g, &one_g, error)
                  || !pw_decimal_mul (factor, one_g, &factor, error)
                  || !pw_decimal_rescale (factor, MIN (factor.scale, 20), PW_ROUND_HALF_UP,
                                          &factor, error)
                  || !pw_decimal_mul (ch->unit_price, factor, &p.price, error))
                return NULL;
            }
          else
            {
              int year = g_date_get_year (&when);
              const PwIndexPoint *now = find_index (c, year - 1);
              const PwIndexPoint *before = find_index (c, year - 2);
              PwDecimal change, one_change;

              if (now == NULL || before == NULL)
                {
                  g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_INCONSISTENT,
                               _("cpi_index: no value for %d, which charges[%u].escalation "
                                 "needs"), now == NULL ? year - 1 : year - 2, index);
                  return NULL;
                }
              /* the index's change, to 6 decimals (a percent to 4) */
              if (!pw_decimal_div (now->value, before->value, 6, PW_ROUND_HALF_UP, &change,
                                   error)
                  || !pw_decimal_sub (change, pw_decimal_from_int (1, 0), &change, error))
                return NULL;
              if (e->has_floor)
                {
                  PwDecimal f;
                  if (!pw_decimal_div (e->floor, pw_decimal_from_int (100, 0), 12,
                                       PW_ROUND_HALF_UP, &f, error))
                    return NULL;
                  if (pw_decimal_cmp (change, f) < 0)
                    change = f;
                }
              if (e->has_cap)
                {
                  PwDecimal cap;
                  if (!pw_decimal_div (e->cap, pw_decimal_from_int (100, 0), 12,
                                       PW_ROUND_HALF_UP, &cap, error))
                    return NULL;
                  if (pw_decimal_cmp (change, cap) > 0)
                    change = cap;
                }
              if (!pw_decimal_add (pw_decimal_from_int (1, 0), change, &one_change, error)
                  || !pw_decimal_mul (prev, one_change, &p.price, error))
                return NULL;
            }
          if (!round_price (e, p.price, &p.price, error))
            return NULL;
          p.price = pw_decimal_normalize (p.price);
          prev = p.price;
          if (g_date_compare (&when, &ch->start) <= 0)
            {
              /* a step on or before the charge starts sets its opening price */
              g_array_index (points, PricePoint, 0).price = p.price;
              continue;
            }
          g_array_append_val (points, p);
        }
    }
  return g_steal_pointer (&points);
}

GArray *
pw_schedule_price_points (const PwContract *contract, guint index, GError **error)
{
  G_STATIC_ASSERT (sizeof (PricePoint) == sizeof (PwPriceStep));
  g_return_val_if_fail (index < contract->charges->len, NULL);
  return price_points (contract, contract->charges->pdata[index], index, error);
}

static PwDecimal
price_at (GArray *points, const GDate *d)
{
  PwDecimal p = g_array_index (points, PricePoint, 0).price;

  for (guint i = 1; i < points->len; i++)
    if (g_date_compare (&g_array_index (points, PricePoint, i).from, d) <= 0)
      p = g_array_index (points, PricePoint, i).price;
  return p;
}

/* ---- lines ----------------------------------------------------------------------------- */

void
pw_schedule_free (PwSchedule *s)
{
  if (s == NULL)
    return;
  g_clear_pointer (&s->lines, g_ptr_array_unref);
  g_clear_pointer (&s->revenue, g_array_unref);
  g_free (s->currency);
  if (s->arena != NULL)
    arena_free (s->arena);
  g_free (s);
}

static char *
rate_text (PwDecimal rate)
{
  PwDecimal pct;

  pw_decimal_mul (rate, pw_decimal_from_int (100, 0), &pct, NULL);
  return pw_decimal_to_string (pw_decimal_normalize (pct));
}

/* F29, on the magnitude so a credit mirrors its charge */
static gboolean
apply_tax (PwScheduleLine *l, gint64 amount, const PwTaxCode *tax, gboolean included,
           int minor, GError **error)
{
  gboolean negative = amount < 0;
  gint64 a = negative ? -amount : amount;
  gint64 gross, net, t;

  if (tax == NULL || a == 0)
    {
      gross = net = a;
      t = 0;
    }
  else if (included)
    {
      PwDecimal one_r, q;
      gross = a;
      if (!pw_decimal_add (pw_decimal_from_int (1, 0), tax->rate, &one_r, error)
          || !pw_decimal_div (pw_decimal_from_int (a, minor), one_r, minor, PW_ROUND_HALF_UP, &q,
                              error)
          || !pw_decimal_to_minor (q, minor, PW_ROUND_HALF_UP, &net, error))
        return FALSE;
      t = gross - net;
    }
  else
    {
      PwDecimal q;
      net = a;
      if (!pw_decimal_mul (pw_decimal_from_int (a, minor), tax->rate, &q, error)
          || !pw_decimal_to_minor (q, minor, PW_ROUND_HALF_UP, &t, error))
        return FALSE;
      if (__builtin_add_overflow (net, t, &gross))
        {
          g_set_error_literal (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_OVERFLOW,
                               _("the amount with its tax is too large to hold exactly"));
          return FALSE;
        }
    }
  l->gross = negative ? -gross : gross;
  l->net = negative ? -net : net;
  l->tax = negative ? -t : t;
  return TRUE;
}

static void
tax_wording (Arena *arena, const PwTaxCode *tax, gboolean included, TaxWording *out)
{
  g_autofree char *r = NULL;
  g_autofree char *t = NULL;

  out->form = tax == NULL ? PW_EXPLAIN_TAX_NONE
                          : included ? PW_EXPLAIN_TAX_INCLUDED : PW_EXPLAIN_TAX_ADDED;
  if (tax != NULL)
    r = rate_text (tax->rate);
  t = pw_schedule_tax_phrase (out->form, r);
  out->rate = r ? arena_strdup (arena, r) : NULL;
  out->phrase = arena_strdup (arena, t);
}

/* @l's explanation from its charge, period and basis, with the tax wording @tw and
 * the note @note (PW_EXPLAIN_NOTE_*); pw_schedule_explain() words it the same way
 * from what the line keeps of @tw and @note */
static void
explain (Ctx *ctx, PwScheduleLine *l, const TaxWording *tw, guint note)
{
  char a[11], b[11];
  const char *args[6];
  const char *extra = ctx->notes[note >> 2];
  gsize lens[6], len;
  char *out;

  l->explain_form = PW_EXPLAIN_CHARGE | tw->form | note;
  if (l->owned)
    {
      g_free (l->explain_arg);
      l->explain_arg = g_strdup (tw->rate);
    }
  else
    l->explain_arg = (char *) tw->rate;
  if (ctx->wording_only)
    return;
  pw_date_format_iso (&l->start, a);
  pw_date_format_iso (&l->end, b);
  args[0] = l->charge;
  args[1] = a;
  args[2] = b;
  args[3] = l->basis;
  args[4] = tw->phrase;
  args[5] = extra ? extra : "";
  if (!ctx->explain_compiled)
    {
      g_string_truncate (ctx->text, 0);
      pw_schedule_append_format (ctx->text, ctx->explain_format, args, 6);
      if (l->owned)
        {
          g_free (l->explanation);
          l->explanation = g_strndup (ctx->text->str, ctx->text->len);
        }
      else
        l->explanation = arena_strndup (ctx->arena, ctx->text->str, ctx->text->len);
      return;
    }
  for (guint i = 0; i < 6; i++)
    lens[i] = args[i] ? strlen (args[i]) : 0;
  len = format_apply (&ctx->explain, args, 6, lens, NULL);
  if (l->owned)
    {
      g_free (l->explanation);
      out = g_malloc (len + 1);
    }
  else
    out = arena_alloc (ctx->arena, len + 1);
  format_apply (&ctx->explain, args, 6, lens, out);
  out[len] = '\0';
  l->explanation = out;
}

static const PwFreePeriod *
waiver_for (const PwContract *c, const PwCharge *ch, const GDate *d)
{
  for (guint i = 0; i < c->free_periods->len; i++)
    {
      const PwFreePeriod *f = c->free_periods->pdata[i];
      if (pw_free_period_waives (f, ch) && g_date_compare (&f->start, d) <= 0
          && g_date_compare (d, &f->end) <= 0)
        return f;
    }
  return NULL;
}

static void
add_cut (GArray *cuts, const GDate *d)
{
  g_array_append_val (cuts, *d);
}

static int
compare_dates (gconstpointer a, gconstpointer b)
{
  return g_date_compare (a, b);
}

static void
set_dates (PwScheduleLine *l, const PwContract *c, const PwCharge *ch, const GDate *ps,
           const GDate *pe)
{
  if (ch->timing == PW_TIMING_ADVANCE)
    {
      GDate b = pw_date_add_days (ps, -(int) ch->lead_days);
      l->bill_date = *date_max (&b, &c->signed_on);
    }
  else
    {
      GDate b = pw_date_add_days (pe, 1);
      l->bill_date = *date_max (&b, &c->signed_on);
    }
  if (ch->due_rule == PW_DUE_AFTER_BILL)
    l->due_date = pw_date_add_days (&l->bill_date, (int) ch->due_days);
  else if (ch->timing == PW_TIMING_ADVANCE)
    l->due_date = *date_max (ps, &l->bill_date);
  else
    l->due_date = l->bill_date;
}

/* A deposit, credit or penalty line: few, and allocated on their own, each
 * string the line's, so that a caller may replace or remove one (as
 * pw_lease_compute_schedule() does with the deposit). Charge lines live in the
 * arena. */
static PwScheduleLine *
new_line (Ctx *ctx, const PwContract *c, const char *charge, PwLineKind kind, const char *seller,
          const GDate *start, const GDate *end)
{
  PwScheduleLine *l = g_new0 (PwScheduleLine, 1);
  char id[37];

  l->owned = TRUE;
  l->charge = g_strdup (charge);
  l->kind = kind;
  l->seller = g_strdup (seller);
  l->start = *start;
  l->end = *end;
  pw_schedule_line_id_into (c->id, charge, kind, start, id, l->line_uuid);
  l->line_id = g_strndup (id, 36);
  return l;
}

static void
line_free (gpointer p)
{
  PwScheduleLine *l = p;

  if (!l->owned)
    return;
  g_free (l->line_id);
  g_free (l->charge);
  g_free (l->seller);
  g_free (l->basis);
  g_free (l->tax_code);
  g_free (l->explanation);
  g_free (l->explain_arg);
  g_free (l);
}

/* Turns a decimal's overflow into one that names the charge and the period it
 * was computing; FALSE */
static gboolean
name_line (GError **error, const PwContract *c, const Work *w)
{
  char a[11], b[11];
  g_autofree char *path = g_strdup_printf ("charges[%u].unit_price", w->charge_index);

  pw_date_format_iso (&w->line->start, a);
  pw_date_format_iso (&w->line->end, b);
  if (error != NULL && *error != NULL && (*error)->domain != PW_CONTRACT_ERROR)
    {
      GError *cause = g_steal_pointer (error);

      /* Translators: a JSON path, the charge's code, the period, then what is wrong */
      g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW,
                   _("%s: the line of “%s” for %s–%s cannot be computed exactly: %s"), path,
                   w->charge->code, a, b, cause->message);
      g_error_free (cause);
    }
  (void) c;
  return FALSE;
}

/* Turns a decimal's overflow into one that names @path; FALSE */
static gboolean
name_field (GError **error, const char *path)
{
  if (error != NULL && *error != NULL && (*error)->domain != PW_CONTRACT_ERROR)
    {
      GError *cause = g_steal_pointer (error);

      g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW, _("%s: %s"), path,
                   cause->message);
      g_error_free (cause);
    }
  return FALSE;
}

static gboolean
expand_charge (Ctx *ctx, const PwContract *c, const PwCharge *ch, guint index, GPtrArray *work,
               guint *group, GError **error)
{
  g_autoptr(GArray) points = price_points (c, ch, index, error);
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (GDate));
  const PwTaxCode *tax = pw_contract_find_tax_code (c, ch->tax_code);
  /* the strings every line of the charge shares */
  const char *code = arena_strdup (ctx->arena, ch->code);
  const char *seller = arena_strdup (ctx->arena, ch->seller);
  const char *tax_code = arena_strdup (ctx->arena, ch->tax_code);
  TaxWording phrase;
  PriceTexts texts = { FALSE, };
  GDate ps = ch->start;
  guint k = 0;

  if (points == NULL)
    {
      g_autofree char *path = g_strdup_printf ("charges[%u].escalation", index);

      return name_field (error, path);
    }
  tax_wording (ctx->arena, tax, ch->tax_included, &phrase);
  for (guint i = 1; i < points->len; i++)
    add_cut (cuts, &g_array_index (points, PricePoint, i).from);
  for (guint i = 0; i < c->free_periods->len; i++)
    {
      const PwFreePeriod *f = c->free_periods->pdata[i];
      if (pw_free_period_waives (f, ch))
        {
          GDate after = pw_date_add_days (&f->end, 1);
          add_cut (cuts, &f->start);
          add_cut (cuts, &after);
        }
    }
  g_array_sort (cuts, compare_dates);

  /* the first period of a calendar anchor starts at the calendar boundary */
  if (ch->anchor == PW_ANCHOR_CALENDAR)
    {
      guint m = ((g_date_get_month (&ch->start) - 1) / ch->frequency_months)
                  * ch->frequency_months + 1;
      g_date_set_dmy (&ps, 1, m, g_date_get_year (&ch->start));
    }

  while (g_date_compare (&ps, &ch->end) <= 0)
    {
      GDate regular_start = ch->anchor == PW_ANCHOR_LEASE ? pw_date_add_months (&ch->start,
                                                                              k * ch->frequency_months)
                                                           : ps;
      GDate next = ch->anchor == PW_ANCHOR_LEASE
                     ? pw_date_add_months (&ch->start, (k + 1) * ch->frequency_months)
                     : pw_date_add_months (&regular_start, ch->frequency_months);
      GDate pe = pw_date_add_days (&next, -1);
      GDate a = *date_max (&regular_start, &ch->start);
      gboolean full = g_date_compare (&regular_start, &ch->start) >= 0
                      && g_date_compare (&pe, &ch->end) <= 0;
      gboolean split = FALSE;
      GDate piece_start;

      if (g_date_compare (&pe, &ch->end) > 0)
        pe = ch->end;
      for (guint i = 0; i < cuts->len; i++)
        {
          GDate *cut = &g_array_index (cuts, GDate, i);
          if (g_date_compare (cut, &a) > 0 && g_date_compare (cut, &pe) <= 0)
            split = TRUE;
        }
      (*group)++;
      piece_start = a;
      while (g_date_compare (&piece_start, &pe) <= 0)
        {
          GDate piece_end = pe;
          Work *w = arena_alloc0 (ctx->arena, sizeof (Work));
          PwScheduleLine *l = arena_alloc0 (ctx->arena, sizeof (PwScheduleLine));
          const PwFreePeriod *free;
          char id[37];

          for (guint i = 0; i < cuts->len; i++)
            {
              GDate *cut = &g_array_index (cuts, GDate, i);
              if (g_date_compare (cut, &piece_start) > 0 && g_date_compare (cut, &piece_end) <= 0)
                {
                  piece_end = pw_date_add_days (cut, -1);
                  break;
                }
            }
          w->line = l;
          w->charge = ch;
          w->charge_index = index;
          w->group = *group;
          w->period_start = a;
          w->period_end = pe;
          w->price = price_at (points, &piece_start);
          g_ptr_array_add (work, w);

          l->charge = (char *) code;
          l->kind = PW_LINE_CHARGE;
          l->seller = (char *) seller;
          l->tax_code = (char *) tax_code;
          l->start = piece_start;
          l->end = piece_end;
          pw_schedule_line_id_into (c->id, ch->code, PW_LINE_CHARGE, &piece_start, id, l->line_uuid);
          l->line_id = arena_strndup (ctx->arena, id, 36);
          set_dates (l, c, ch, &a, &pe);
          g_string_truncate (ctx->basis, 0);
          free = waiver_for (c, ch, &piece_start);
          if (free != NULL)
            {
              char fa[11], fb[11];
              const char *args[2] = { fa, fb };

              pw_date_format_iso (&free->start, fa);
              pw_date_format_iso (&free->end, fb);
              l->waived = TRUE;
              w->exact = exact_zero ();
              pw_schedule_append_format (ctx->basis, free->fit_out ? _("waived: fit-out %s–%s")
                                                       : _("waived: rent-free %s–%s"), args, 2);
            }
          else if (!piece_amount (ctx, ch, w->price, &texts, &piece_start, &piece_end,
                                  full && !split, &w->exact, ctx->basis, error))
            return FALSE;
          l->basis = arena_strndup (ctx->arena, ctx->basis->str, ctx->basis->len);
          explain (ctx, l, &phrase,
                   pw_decimal_cmp (g_array_index (points, PricePoint, 0).price, w->price) != 0
                     ? PW_EXPLAIN_NOTE_ESCALATED : 0);
          piece_start = pw_date_add_days (&piece_end, 1);
        }
      k++;
      ps = pw_date_add_days (&pe, 1);
    }
  return TRUE;
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  const PwScheduleLine *x = *(PwScheduleLine **) a, *y = *(PwScheduleLine **) b;
  int r = g_date_compare (&x->bill_date, &y->bill_date);

  if (r == 0)
    r = g_date_compare (&x->start, &y->start);
  if (r == 0)
    r = strcmp (x->charge, y->charge);
  if (r == 0)
    r = (int) x->kind - (int) y->kind;
  return r;
}

static int
compare_work_bill (gconstpointer a, gconstpointer b)
{
  const Work *x = *(Work **) a, *y = *(Work **) b;
  int r = g_date_compare (&x->line->bill_date, &y->line->bill_date);

  if (r == 0)
    r = strcmp (x->line->seller, y->line->seller);
  if (r == 0)
    r = (int) x->charge_index - (int) y->charge_index;
  if (r == 0)
    r = g_date_compare (&x->line->start, &y->line->start);
  return r;
}

/* The error of a sum @field that cannot be held in an amount (invariant 8),
 * naming @culprit, the contract's field the amounts come from, if not NULL;
 * FALSE */
static gboolean
overflowed (const char *field, const char *culprit, GError **error)
{
  if (culprit != NULL)
    /* Translators: a field of the schedule, then the contract's field the amounts come from */
    g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW,
                 _("%s: the amounts add up to more than can be held exactly (about 92 "
                   "quadrillion in minor units); check %s"), field, culprit);
  else
    g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW,
                 _("%s: the amounts add up to more than can be held exactly (about 92 "
                   "quadrillion in minor units)"), field);
  return FALSE;
}

/* *@sum += @v, or FALSE with overflowed()'s error */
static gboolean
add_checked (gint64 *sum, gint64 v, const char *field, const char *culprit, GError **error)
{
  return !__builtin_add_overflow (*sum, v, sum) || overflowed (field, culprit, error);
}

/* What a charge's last rounding and tax gave, for the next line that asks the
 * same: an exact sum is rounded, and an amount taxed, the same way every time. */
typedef struct
{
  gboolean rounded_set;
  Exact    sum;
  gint64   rounded;
  gboolean taxed_set;
  gint64   amount;
  gint64   gross, net, tax;
} RoundMemo;

static gboolean
exact_same (const Exact *a, const Exact *b)
{
  return a->num.m == b->num.m && a->num.scale == b->num.scale && a->den == b->den;
}

/* Rounds every work item: each on its own, or cumulatively within its group
 * (invariant 3). */
static gboolean
round_work (const PwContract *c, GPtrArray *work, GError **error)
{
  g_autofree RoundMemo *memo = NULL;
  int keep = c->round_to_unit ? 0 : c->minor_digits;
  gboolean each = c->rounding_level == PW_ROUNDING_LEVEL_LINE && !c->round_split_cumulative;
  Exact sum = exact_zero ();
  gint64 rounded_before = 0;
  guint group = G_MAXUINT;

  if (c->rounding_level == PW_ROUNDING_LEVEL_BILL)
    {
      guint n = 0;

      g_ptr_array_sort (work, compare_work_bill);
      for (guint i = 0; i < work->len; i++)
        {
          Work *w = work->pdata[i];
          Work *prev = i > 0 ? work->pdata[i - 1] : NULL;
          if (prev == NULL || g_date_compare (&prev->line->bill_date, &w->line->bill_date) != 0
              || strcmp (prev->line->seller, w->line->seller) != 0)
            w->group = ++n;
          else
            w->group = prev->group;
        }
    }
  memo = g_new0 (RoundMemo, MAX (c->charges->len, 1));
  for (guint i = 0; i < work->len; i++)
    {
      Work *w = work->pdata[i];
      RoundMemo *m = &memo[w->charge_index];
      gboolean first = each || w->group != group;
      gint64 rounded, amount;

      if (first)
        {
          /* a group's first piece is its sum so far */
          group = w->group;
          sum = w->exact;
          rounded_before = 0;
        }
      else if (!exact_add (&sum, w->exact, error))
        return FALSE;
      /* most periods are whole ones at a price already rounded once */
      if (first && m->rounded_set && exact_same (&m->sum, &sum))
        rounded = m->rounded;
      else if (!exact_round (sum, c->minor_digits, keep, PW_ROUND_HALF_UP, &rounded, error))
        return name_line (error, c, w);
      else if (first)
        {
          m->sum = sum;
          m->rounded = rounded;
          m->rounded_set = TRUE;
        }
      amount = rounded - rounded_before;
      if (m->taxed_set && m->amount == amount)
        {
          w->line->gross = m->gross;
          w->line->net = m->net;
          w->line->tax = m->tax;
        }
      else
        {
          if (!apply_tax (w->line, amount, pw_contract_find_tax_code (c, w->charge->tax_code),
                          w->charge->tax_included, c->minor_digits, error))
            return name_line (error, c, w);
          m->amount = amount;
          m->gross = w->line->gross;
          m->net = w->line->net;
          m->tax = w->line->tax;
          m->taxed_set = TRUE;
        }
      rounded_before = rounded;
    }
  return TRUE;
}

/* B15: every line ends at T; what was billed beyond T comes back as a credit. */
static gboolean
terminate (Ctx *ctx, const PwContract *c, GPtrArray *work, GPtrArray *lines, GError **error)
{
  const GDate *t = &c->termination;
  GDate after = pw_date_add_days (t, 1);
  int keep = c->round_to_unit ? 0 : c->minor_digits;

  for (guint i = 0; i < work->len; i++)
    {
      Work *w = work->pdata[i];
      PwScheduleLine *l = w->line;
      const PwTaxCode *tax = pw_contract_find_tax_code (c, w->charge->tax_code);
      TaxWording phrase;
      gboolean billed = g_date_compare (&l->bill_date, t) <= 0;
      gint64 kept = 0;

      tax_wording (ctx->arena, tax, w->charge->tax_included, &phrase);
      if (g_date_compare (&l->end, t) <= 0)
        {
          g_ptr_array_add (lines, l);
          continue;
        }
      if (g_date_compare (&l->start, t) <= 0 && !l->waived)
        {
          Exact part;
          PriceTexts texts = { FALSE, };

          g_string_truncate (ctx->basis, 0);
          if (!piece_amount (ctx, w->charge, w->price, &texts, &l->start, t, FALSE, &part,
                             ctx->basis, error)
              || !exact_round (part, c->minor_digits, keep, PW_ROUND_HALF_UP, &kept, error))
            return FALSE;
          if (!w->charge->tax_included && tax != NULL)
            kept = CLAMP (kept, 0, l->net);
          else
            kept = CLAMP (kept, 0, l->gross);
          if (!billed)
            {
              /* not billed yet (arrears): bill only up to T */
              l->end = *t;
              l->basis = arena_strndup (ctx->arena, ctx->basis->str, ctx->basis->len);
              set_dates (l, c, w->charge, &w->period_start, t);
              if (!apply_tax (l, kept, tax, w->charge->tax_included, c->minor_digits, error))
                return FALSE;
              explain (ctx, l, &phrase, PW_EXPLAIN_NOTE_ENDED);
              g_ptr_array_add (lines, l);
              continue;
            }
        }
      else if (g_date_compare (&l->start, t) <= 0)
        {
          /* a waived piece billed already stays; one not billed yet ends at T */
          if (!billed)
            {
              l->end = *t;
              explain (ctx, l, &phrase, 0);
            }
          g_ptr_array_add (lines, l);
          continue;
        }
      if (!billed)
        continue;  /* never billed: dropped */
      if (l->waived)
        {
          /* part of a bill already issued, for nothing: nothing to give back */
          g_ptr_array_add (lines, l);
          continue;
        }

      {
        gint64 base = (!w->charge->tax_included && tax != NULL) ? l->net : l->gross;
        const GDate *from = date_max (&l->start, &after);
        PwScheduleLine *cr;
        g_autofree char *ts = pw_date_format_iso_new (t);
        g_autofree char *amount = pw_money_format_amount (base - kept, c->currency);

        if (base - kept <= 0)
          {
            g_ptr_array_add (lines, l);
            continue;
          }
        cr = new_line (ctx, c, l->charge, PW_LINE_CREDIT, l->seller, from, &l->end);
        cr->tax_code = g_strdup (l->tax_code);
        cr->bill_date = *date_max (t, &c->signed_on);
        cr->due_date = cr->bill_date;
        if (!apply_tax (cr, -(base - kept), tax, w->charge->tax_included, c->minor_digits, error))
          return FALSE;
        /* Translators: the termination date, then what is given back */
        cr->basis = g_strdup_printf (_("billed beyond the termination on %s: −%s"), ts, amount);
        explain (ctx, cr, &phrase, 0);
        g_ptr_array_add (lines, l);
        g_ptr_array_add (lines, cr);
      }
    }
  return TRUE;
}

/* The deposit rule's reference: N × the standard month of its charges at the
 * prices they have on @when (the first-year month when @when is NULL), rounded by
 * the rule; @basis (may be NULL) gets how. */
static gboolean
deposit_required (const PwContract *c, GPtrArray *points, const GDate *when, gint64 *amount,
                  GString *basis, const char **seller, GError **error)
{
  const PwDepositRule *d = &c->deposit;
  int keep = c->round_to_unit ? 0 : c->minor_digits;
  Exact sum = exact_zero ();
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *months = pw_decimal_to_string (pw_decimal_normalize (d->months));
  gboolean first = TRUE;

  /* each charge once, whether named by its code or its kind */
  for (guint k = 0; k < c->charges->len; k++)
    {
      const PwCharge *ch = c->charges->pdata[k];
      GArray *pts = points->pdata[k];
      PwDecimal price;
      g_autofree char *mt = NULL;
      g_autofree char *p = NULL;
      g_autofree char *area = NULL;
      Exact m;

      if (pts == NULL)
        continue;
      price = when ? price_at (pts, when) : g_array_index (pts, PricePoint, 0).price;
      /* each charge's month as the contract states it, rounded, unless "month": "exact" */
      if (!monthly_amount (ch, price, d->exact_month ? -1 : keep, c->minor_digits, &m, error)
          || !exact_add (&sum, m, error))
        return FALSE;
      if (first && seller != NULL)
        *seller = ch->seller;
      first = FALSE;
      if (basis == NULL)
        continue;
      p = pw_decimal_to_string (price);
      area = pw_area_format (ch->area, FALSE);
      switch (ch->unit)
        {
        case PW_PRICE_UNIT_M2_DAY:
          mt = g_strdup_printf (_("%s m² × %s/m²/day"), area, p);
          break;
        case PW_PRICE_UNIT_M2_MONTH:
          mt = g_strdup_printf (_("%s m² × %s/m²/month"), area, p);
          break;
        case PW_PRICE_UNIT_MONTH:
        default:
          mt = g_strdup_printf (_("%s/month"), p);
          break;
        }
      if (ch->unit == PW_PRICE_UNIT_M2_DAY)
        {
          char *t = g_strconcat (mt, ch->standard_month == PW_STANDARD_MONTH_30 ? " × 30"
                                                                                 : " × 365/12",
                                 NULL);
          g_free (mt);
          mt = t;
        }
      if (!d->exact_month)
        {
          gint64 v;
          g_autofree char *stated = NULL;
          char *t;

          if (!exact_round (m, c->minor_digits, c->minor_digits, PW_ROUND_HALF_UP, &v, error))
            return FALSE;
          stated = pw_money_format_amount (v, c->currency);
          t = g_strdup_printf (_("%s = %s/month"), mt, stated);
          g_free (mt);
          mt = t;
        }
      g_string_append_printf (names, "%s%s (%s)", names->len ? " + " : "", mt, ch->code);
    }
  if (!exact_mul (&sum, d->months, error)
      || !exact_round (sum, c->minor_digits, MIN (d->round_digits, c->minor_digits),
                       d->round_mode, amount, error))
    return FALSE;
  if (basis != NULL)
    /* Translators: the number of months, then the standard month(s) it multiplies */
    g_string_append_printf (basis, _("%s × (%s)"), months, names->str);
  return TRUE;
}

static PwScheduleLine *
deposit_line (Ctx *ctx, const PwContract *c, PwSchedule *s, const char *seller, const GDate *start,
              const GDate *bill, gint64 amount, const char *basis, guint form)
{
  PwScheduleLine *l = new_line (ctx, c, "deposit", PW_LINE_DEPOSIT, seller, start, &c->term_end);
  char a[11], b[11];
  const char *args[3] = { a, b, basis };

  l->bill_date = *date_max (&c->signed_on, bill);
  l->due_date = *date_max (&l->bill_date, start);
  l->gross = l->net = amount;
  l->basis = g_strdup (basis);
  l->explain_form = form;
  g_ptr_array_add (s->lines, l);
  if (ctx->wording_only)
    return l;
  pw_date_format_iso (&l->start, a);
  pw_date_format_iso (&l->end, b);
  g_string_truncate (ctx->text, 0);
  pw_schedule_append_format (ctx->text, pw_schedule_deposit_format (form), args, 3);
  l->explanation = g_strndup (ctx->text->str, ctx->text->len);
  return l;
}

static void
points_free (gpointer p)
{
  if (p != NULL)
    g_array_unref (p);
}

/* B13: the deposit on signing; with top_up, a line on each escalation that
 * raises N months of the new rent above what is held, for the difference. A
 * renewal's carried-over deposit is the store's to net (pw_lease_compute_schedule()). */
static gboolean
add_deposit (Ctx *ctx, const PwContract *c, PwSchedule *s, GError **error)
{
  const PwDepositRule *d = &c->deposit;
  const char *seller = ((PwSeller *) c->sellers->pdata[0])->code;
  gint64 amount, held;
  g_autoptr(GString) basis = g_string_new (NULL);
  g_autoptr(GPtrArray) points = NULL;

  if (!d->present)
    return TRUE;
  if (d->fixed)
    {
      Exact e = { pw_decimal_from_int (d->amount, c->minor_digits), 1 };
      g_autofree char *text = pw_money_format_amount (d->amount, c->currency);
      if (!exact_round (e, c->minor_digits, MIN (d->round_digits, c->minor_digits),
                        d->round_mode, &amount, error))
        return FALSE;
      g_string_printf (basis, _("fixed %s"), text);
    }
  else
    {
      points = g_ptr_array_new_with_free_func (points_free);
      for (guint k = 0; k < c->charges->len; k++)
        {
          const PwCharge *ch = c->charges->pdata[k];
          GArray *pts = NULL;

          if (g_strv_contains ((const char *const *) d->charges, ch->code)
              || g_strv_contains ((const char *const *) d->charges, ch->kind))
            {
              pts = price_points (c, ch, k, error);
              if (pts == NULL)
                return FALSE;
            }
          g_ptr_array_add (points, pts);
        }
      if (!deposit_required (c, points, NULL, &amount, basis, &seller, error))
        return FALSE;
    }
  deposit_line (ctx, c, s, seller, &c->start, &c->signed_on, amount, basis->str,
                PW_EXPLAIN_DEPOSIT);
  s->deposit = held = amount;

  if (d->top_up && !d->fixed)
    {
      g_autoptr(GArray) dates = g_array_new (FALSE, FALSE, sizeof (GDate));

      /* every date on which a referenced charge's price changes */
      for (guint k = 0; k < points->len; k++)
        {
          GArray *pts = points->pdata[k];

          for (guint i = 1; pts && i < pts->len; i++)
            g_array_append_val (dates, g_array_index (pts, PricePoint, i).from);
        }
      g_array_sort (dates, compare_dates);
      for (guint i = 0; i < dates->len; i++)
        {
          const GDate *when = &g_array_index (dates, GDate, i);

          if (i > 0 && g_date_compare (when, &g_array_index (dates, GDate, i - 1)) == 0)
            continue;
          if (c->terminated && g_date_compare (when, &c->termination) > 0)
            break;
          g_string_truncate (basis, 0);
          if (!deposit_required (c, points, when, &amount, basis, NULL, error))
            return FALSE;
          if (amount > held)
            {
              g_autofree char *h = pw_money_format_amount (held, c->currency);

              /* Translators: how the deposit was worked out, then the deposit already held */
              g_string_append_printf (basis, _(", less %s held"), h);
              deposit_line (ctx, c, s, seller, when, when, amount - held, basis->str,
                            PW_EXPLAIN_DEPOSIT_TOP_UP);
              if (!add_checked (&s->deposit_top_ups, amount - held, "totals.deposit_top_ups",
                                "deposit.months", error))
                return FALSE;
              held = amount;
            }
        }
    }
  return TRUE;
}

static gboolean
add_penalty (Ctx *ctx, const PwContract *c, PwSchedule *s, GError **error)
{
  const PwTaxCode *tax = pw_contract_find_tax_code (c, c->penalty_tax_code);
  PwScheduleLine *l;
  g_autofree char *text = NULL;
  TaxWording phrase;

  if (!c->terminated || c->penalty == 0)
    return TRUE;
  l = new_line (ctx, c, "penalty", PW_LINE_PENALTY, ((PwSeller *) c->sellers->pdata[0])->code,
                &c->termination, &c->termination);
  l->tax_code = g_strdup (c->penalty_tax_code);
  l->bill_date = *date_max (&c->termination, &c->signed_on);
  l->due_date = l->bill_date;
  if (!apply_tax (l, c->penalty, tax, TRUE, c->minor_digits, error))
    return FALSE;
  text = pw_money_format_amount (c->penalty, c->currency);
  l->basis = g_strdup_printf (_("early termination penalty %s"), text);
  tax_wording (ctx->arena, tax, TRUE, &phrase);
  explain (ctx, l, &phrase, 0);
  g_ptr_array_add (s->lines, l);
  return TRUE;
}

PwSchedule *
pw_schedule_compute (const PwContract *c, GError **error)
{
  return pw_schedule_compute_full (c, FALSE, error);
}

PwSchedule *
pw_schedule_compute_full (const PwContract *c, gboolean wording_only, GError **error)
{
  g_autoptr(PwSchedule) s = g_new0 (PwSchedule, 1);
  g_autoptr(GPtrArray) work = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_sized_new (256);
  g_autoptr(GString) basis = g_string_sized_new (128);
  Ctx ctx;
  guint group = 0;

  g_return_val_if_fail (c != NULL, NULL);
  s->arena = g_new0 (Arena, 1);
  ctx.arena = s->arena;
  ctx.text = text;
  ctx.basis = basis;
  ctx.wording_only = wording_only;
  ctx.minor = c->minor_digits;
  ctx.currency = c->currency;
  ctx.month_keep = c->round_month ? (c->round_to_unit ? 0 : c->minor_digits) : -1;
  /* Translators: charge code, period start and end, how the amount was worked out,
   * the tax phrase, and an optional note */
  ctx.explain_format = _("%s %s–%s: %s, %s%s");
  ctx.explain_compiled = format_compile (&ctx.explain, ctx.explain_format);
  for (guint i = 0; i < G_N_ELEMENTS (ctx.notes); i++)
    ctx.notes[i] = pw_schedule_note_text (i << 2);
  s->lines = g_ptr_array_new_full (64, line_free);
  s->currency = g_strdup (c->currency);

  for (guint i = 0; i < c->charges->len; i++)
    if (!expand_charge (&ctx, c, c->charges->pdata[i], i, work, &group, error))
      {
        g_autofree char *path = g_strdup_printf ("charges[%u].unit_price", i);

        name_field (error, path);
        return NULL;
      }
  if (!round_work (c, work, error))
    return NULL;

  if (c->terminated)
    {
      if (!terminate (&ctx, c, work, s->lines, error))
        {
          name_field (error, "termination.date");
          return NULL;
        }
    }
  else
    for (guint i = 0; i < work->len; i++)
      g_ptr_array_add (s->lines, ((Work *) work->pdata[i])->line);

  if (!add_deposit (&ctx, c, s, error))
    {
      name_field (error, "deposit.months");
      return NULL;
    }
  if (!add_penalty (&ctx, c, s, error))
    {
      name_field (error, "termination.penalty");
      return NULL;
    }
  g_ptr_array_sort (s->lines, compare_lines);

  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = s->lines->pdata[i];
      const char *field = NULL;
      g_autofree char *culprit = NULL;

      if (l->kind == PW_LINE_DEPOSIT)
        continue;
      if (__builtin_add_overflow (s->gross, l->gross, &s->gross))
        field = "totals.gross";
      else if (__builtin_add_overflow (s->net, l->net, &s->net))
        field = "totals.net";
      else if (__builtin_add_overflow (s->tax, l->tax, &s->tax))
        field = "totals.tax";
      else if (l->kind == PW_LINE_CREDIT
               && __builtin_add_overflow (s->credits, l->gross, &s->credits))
        field = "termination.credits";
      if (field == NULL)
        continue;
      /* invariant 8: name the sum and the contract's field the line comes from */
      if (l->kind == PW_LINE_PENALTY)
        culprit = g_strdup ("termination.penalty");
      else
        for (guint k = 0; k < c->charges->len && culprit == NULL; k++)
          if (strcmp (((PwCharge *) c->charges->pdata[k])->code, l->charge) == 0)
            culprit = g_strdup_printf ("charges[%u].unit_price", k);
      overflowed (field, culprit, error);
      return NULL;
    }
  if (c->terminated)
    {
      /* E27: the deposit held (on signing and its top-ups) offsets what is owed
       * at termination, the rest is refunded; credits are ≤ 0 and the penalty
       * ≥ 0, so owed cannot overflow */
      gint64 owed = c->penalty + s->credits;
      gint64 held = s->deposit;

      s->terminated = TRUE;
      s->penalty = c->penalty;
      if (!add_checked (&held, s->deposit_top_ups, "totals.deposit_top_ups", "deposit.months",
                        error))
        return NULL;
      s->deposit_offset = CLAMP (owed, 0, held);
      s->refund = held - s->deposit_offset;
      if (!add_checked (&s->refund, owed < 0 ? -owed : 0, "termination.refund",
                        "termination.date", error))
        return NULL;
    }
  if (c->revenue.straight_line && !pw_schedule_add_revenue (c, s, error))
    {
      name_field (error, "revenue.straight_line");
      return NULL;
    }
  return g_steal_pointer (&s);
}

