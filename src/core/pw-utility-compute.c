/* pw-utility-compute.c — a month's utility charges from meters, readings and tariffs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules: docs/utility-rules.md (D18–D23, F29). Invariants:
 *  1. A consumption is never negative: a lower reading is a confirmed rollover,
 *     a recorded replacement, or a problem with no charge.
 *  2. Each line is rounded once, half-up, to the currency's minor unit; the
 *     blocks and registers inside it are exact.
 *  3. The shares of a loss add up to the loss's amount exactly.
 *  4. Nothing is guessed: a missing reading or a figure that cannot be trusted
 *     is a problem listed, never a charge. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-error.h"
#include "pw-money.h"
#include "pw-utility-private.h"

#define HISTORY_PERIODS 6
#define HISTORY_MINIMUM 3

typedef struct {
  PwUtilityInput  *in;
  PwUtilityResult *res;
  GHashTable      *readings;   /* meter code → GPtrArray of PwReading, by date */
  GHashTable      *usages;     /* meter code → PwUtilityUsage */
  GHashTable      *subs;       /* master code → GPtrArray of its sub-meters, in file order */
  GDate            start, end;
  char            *month_label;
  char            *month_key;
} Run;

/* one interval's figures */
typedef struct {
  PwDecimal  raw;
  PwDecimal  quantity;
  GArray    *registers;  /* PwRegisterValue: quantity per TOU register */
  gboolean   rolled_over;
  gboolean   replaced;
} Interval;

static void
usage_free (PwUtilityUsage *u)
{
  g_free (u->meter);
  g_clear_pointer (&u->registers, g_array_unref);
  g_free (u);
}

static void
charge_free (PwUtilityCharge *c)
{
  g_free (c->key);
  g_free (c->meter);
  g_free (c->customer);
  g_strfreev (c->spaces);
  g_free (c->tariff);
  g_free (c->tax_code);
  g_free (c->unit);
  g_free (c->explanation);
  g_free (c);
}

static void
problem_free (PwUtilityProblem *p)
{
  g_free (p->meter);
  g_free (p->message);
  g_free (p);
}

void
pw_utility_result_free (PwUtilityResult *r)
{
  if (r == NULL)
    return;
  g_free (r->currency);
  g_ptr_array_unref (r->usages);
  g_ptr_array_unref (r->charges);
  g_ptr_array_unref (r->problems);
  g_free (r);
}

static void
add_problem (Run *run, PwUtilityProblemKind kind, const char *meter, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static void
add_problem (Run *run, PwUtilityProblemKind kind, const char *meter, const char *format, ...)
{
  PwUtilityProblem *p = g_new0 (PwUtilityProblem, 1);
  va_list args;

  p->kind = kind;
  p->meter = g_strdup (meter);
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (run->res->problems, p);
}

static char *
month_label (guint year, guint month)
{
  const char *names[] = {
    /* Translators: short month names, for "Nov 2026" */
    C_("month", "Jan"), C_("month", "Feb"), C_("month", "Mar"), C_("month", "Apr"),
    C_("month", "May"), C_("month", "Jun"), C_("month", "Jul"), C_("month", "Aug"),
    C_("month", "Sep"), C_("month", "Oct"), C_("month", "Nov"), C_("month", "Dec"),
  };

  /* Translators: a billing month: the short month name, then the year ("Nov 2026") */
  return g_strdup_printf (_("%1$s %2$u"), names[month - 1], year);
}

static const char *
register_label (const char *name)
{
  if (g_str_equal (name, "critical_peak"))
    return C_("register", "critical peak");
  if (g_str_equal (name, "peak"))
    return C_("register", "peak");
  if (g_str_equal (name, "flat"))
    return C_("register", "flat");
  if (g_str_equal (name, "valley"))
    return C_("register", "valley");
  if (g_str_equal (name, "deep_valley"))
    return C_("register", "deep valley");
  if (g_str_equal (name, PW_UTILITY_TOTAL))
    return C_("register", "total");
  return name;
}

static const char *
meter_unit (PwMeter *m)
{
  return m->unit ? m->unit : m->kind == PW_METER_ELECTRICITY ? "kWh"
                            : m->kind == PW_METER_WATER || m->kind == PW_METER_GAS ? "m³"
                            : m->kind == PW_METER_HEAT ? "GJ" : "";
}

static const char *
meter_place (PwMeter *m)
{
  return m->location ? m->location : m->code;
}

/* ---- readings and consumption --------------------------------------------- */

static int
compare_readings (gconstpointer a, gconstpointer b)
{
  const PwReading *x = *(PwReading *const *) a, *y = *(PwReading *const *) b;

  return g_date_compare (&x->date, &y->date);
}

static PwDecimal
dial_size (guint digits)
{
  PwDecimal d = pw_decimal_from_int (1, 0);

  for (guint i = 0; i < digits; i++)
    d.m *= 10;
  return d;
}

/* @r's segment from @from to @to on one dial: ≥ 0, or FALSE with *@why set */
static gboolean
segment (PwMeter *m, PwDecimal from, PwDecimal to, gboolean rollover, PwDecimal *out,
         gboolean *rolled, char **why)
{
  if (pw_decimal_cmp (to, from) >= 0)
    return pw_decimal_sub (to, from, out, NULL);
  if (!rollover)
    {
      g_autofree char *a = pw_utility_format_quantity (to);
      g_autofree char *b = pw_utility_format_quantity (from);

      *why = g_strdup_printf (_("the reading %s is below the previous %s: confirm a rollover "
                                "or record the meter’s replacement"), a, b);
      return FALSE;
    }
  if (m->digits == 0)
    {
      *why = g_strdup (_("a rollover is confirmed but the meter’s number of digits is not "
                         "known"));
      return FALSE;
    }
  /* D19: (max + resolution − previous) + current, where max + resolution = 10^digits */
  *rolled = TRUE;
  return pw_decimal_sub (dial_size (m->digits), from, out, NULL)
         && pw_decimal_add (*out, to, out, NULL);
}

/* The consumption of one register between two readings, through any
 * replacements between them (D18, D19). */
static gboolean
register_interval (PwMeter *m, PwReading *prev, PwReading *cur, const char *name,
                   PwDecimal *raw, PwDecimal *qty, gboolean *rolled, gboolean *replaced,
                   char **why)
{
  PwDecimal start = *pw_register_values_get (prev->values, name);
  PwDecimal seg, scaled;

  *raw = pw_decimal_from_int (0, 0);
  *qty = pw_decimal_from_int (0, 0);
  for (guint i = 0; i < m->replacements->len; i++)
    {
      PwMeterReplacement *r = m->replacements->pdata[i];
      const PwDecimal *final, *opening;

      if (g_date_compare (&r->date, &prev->date) <= 0 || g_date_compare (&r->date, &cur->date) > 0)
        continue;
      final = pw_register_values_get (r->final_values, name);
      opening = pw_register_values_get (r->opening_values, name);
      if (final == NULL || opening == NULL)
        {
          *why = g_strdup_printf (_("the replacement has no final or opening reading of "
                                    "register “%s”"), name);
          return FALSE;
        }
      if (!segment (m, start, *final, FALSE, &seg, rolled, why))
        return FALSE;
      if (!pw_decimal_mul (seg, r->old_multiplier, &scaled, NULL)
          || !pw_decimal_add (*qty, scaled, qty, NULL) || !pw_decimal_add (*raw, seg, raw, NULL))
        return FALSE;
      *replaced = TRUE;
      start = *opening;
    }
  if (!segment (m, start, *pw_register_values_get (cur->values, name), cur->rollover, &seg,
                rolled, why))
    return FALSE;
  return pw_decimal_mul (seg, m->multiplier, &scaled, NULL)
         && pw_decimal_add (*qty, scaled, qty, NULL) && pw_decimal_add (*raw, seg, raw, NULL);
}

static gboolean
interval (PwMeter *m, PwReading *prev, PwReading *cur, Interval *out, char **why,
          gboolean *registers_wrong)
{
  PwDecimal reg_raw, reg_qty, sum = pw_decimal_from_int (0, 0), diff;

  memset (out, 0, sizeof *out);
  *registers_wrong = FALSE;
  if (!register_interval (m, prev, cur, PW_UTILITY_TOTAL, &out->raw, &out->quantity,
                          &out->rolled_over, &out->replaced, why))
    return FALSE;
  if (m->registers == NULL)
    return TRUE;
  out->registers = pw_register_values_new ();
  for (guint i = 0; m->registers[i] != NULL; i++)
    {
      if (!register_interval (m, prev, cur, m->registers[i], &reg_raw, &reg_qty,
                              &out->rolled_over, &out->replaced, why))
        {
          g_clear_pointer (&out->registers, g_array_unref);
          return FALSE;
        }
      pw_register_values_set (out->registers, m->registers[i], reg_qty);
      pw_decimal_add (sum, reg_raw, &sum, NULL);
    }
  /* D21: the registers must add up to the total register */
  pw_decimal_sub (sum, out->raw, &diff, NULL);
  if (pw_decimal_sign (diff) < 0)
    diff = pw_decimal_negate (diff);
  if (pw_decimal_cmp (diff, m->register_tolerance) > 0)
    {
      g_autofree char *s = pw_utility_format_quantity (sum);
      g_autofree char *t = pw_utility_format_quantity (out->raw);

      *why = g_strdup_printf (_("the registers add up to %s but the total register moved by "
                                "%s: check the readings"), s, t);
      *registers_wrong = TRUE;
      g_clear_pointer (&out->registers, g_array_unref);
      return FALSE;
    }
  return TRUE;
}

static int
compare_decimals (gconstpointer a, gconstpointer b)
{
  return pw_decimal_cmp (*(const PwDecimal *) a, *(const PwDecimal *) b);
}

/* the median of up to HISTORY_PERIODS intervals before @upto (an index into
 * @list), or FALSE when there are fewer than HISTORY_MINIMUM of them */
static gboolean
history_median (PwMeter *m, GPtrArray *list, guint upto, PwDecimal *median)
{
  PwDecimal q[HISTORY_PERIODS];
  guint n = 0;

  for (guint k = upto; k > 0 && n < HISTORY_PERIODS; k--)
    {
      Interval iv;
      g_autofree char *why = NULL;
      gboolean wrong;

      if (!interval (m, list->pdata[k - 1], list->pdata[k], &iv, &why, &wrong))
        continue;
      g_clear_pointer (&iv.registers, g_array_unref);
      q[n++] = iv.quantity;
    }
  if (n < HISTORY_MINIMUM)
    return FALSE;
  qsort (q, n, sizeof q[0], compare_decimals);
  if (n % 2 == 1)
    *median = q[n / 2];
  else
    {
      PwDecimal two = pw_decimal_from_int (2, 0), sum;

      /* half of a sum of decimals is exact with one more digit */
      pw_decimal_add (q[n / 2 - 1], q[n / 2], &sum, NULL);
      pw_decimal_div (sum, two, sum.scale + 1, PW_ROUND_HALF_UP, median, NULL);
    }
  return TRUE;
}

static void
compute_usage (Run *run, PwMeter *m)
{
  PwUtilityUsage *u = g_new0 (PwUtilityUsage, 1);
  GPtrArray *list = g_hash_table_lookup (run->readings, m->code);
  gint closing = -1, opening = -1;
  Interval iv;
  g_autofree char *why = NULL;
  gboolean registers_wrong;

  u->meter = g_strdup (m->code);
  g_ptr_array_add (run->res->usages, u);
  g_hash_table_insert (run->usages, m->code, u);

  gint first_in_month = -1;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      PwReading *r = list->pdata[i];

      if (g_date_compare (&r->date, &run->start) < 0)
        opening = i;
      else if (g_date_compare (&r->date, &run->end) <= 0)
        {
          closing = i;
          if (first_in_month < 0)
            first_in_month = i;
        }
    }
  /* a meter put in during the month counts from its first reading in it */
  if (opening < 0 && first_in_month >= 0 && first_in_month < closing)
    opening = first_in_month;
  if (closing < 0)
    {
      add_problem (run, PW_UTILITY_PROBLEM_MISSING_READING, m->code,
                   /* Translators: a meter's place, its kind, then the month */
                   _("%s %s: no reading in %s"), meter_place (m),
                   pw_meter_kind_label (m->kind), run->month_label);
      return;
    }
  if (opening < 0)
    {
      add_problem (run, PW_UTILITY_PROBLEM_MISSING_READING, m->code,
                   _("%s %s: no reading before %s to count the consumption from"),
                   meter_place (m), pw_meter_kind_label (m->kind), run->month_label);
      return;
    }
  if (!interval (m, list->pdata[opening], list->pdata[closing], &iv, &why, &registers_wrong))
    {
      add_problem (run, registers_wrong ? PW_UTILITY_PROBLEM_REGISTERS
                                        : PW_UTILITY_PROBLEM_LOWER_READING,
                   m->code, "%s %s %s: %s", meter_place (m), pw_meter_kind_label (m->kind),
                   run->month_label, why);
      return;
    }
  u->known = TRUE;
  u->from = ((PwReading *) list->pdata[opening])->date;
  u->to = ((PwReading *) list->pdata[closing])->date;
  u->raw = iv.raw;
  u->quantity = iv.quantity;
  u->registers = iv.registers;
  u->rolled_over = iv.rolled_over;
  u->replaced = iv.replaced;
  u->median = pw_decimal_from_int (0, 0);

  /* a reading far outside the meter's history waits for confirmation */
  if (history_median (m, list, opening, &u->median) && pw_decimal_sign (u->median) > 0
      && !((PwReading *) list->pdata[closing])->confirmed)
    {
      PwDecimal limit;

      pw_decimal_mul (u->median, pw_decimal_from_int (3, 0), &limit, NULL);
      if (pw_decimal_cmp (u->quantity, limit) > 0)
        {
          g_autofree char *q = pw_utility_format_quantity (u->quantity);
          g_autofree char *md = pw_utility_format_quantity (u->median);

          u->flagged = TRUE;
          add_problem (run, PW_UTILITY_PROBLEM_FLAGGED_READING, m->code,
                       /* Translators: place, kind, month, quantity, unit, median, unit */
                       _("%s %s %s: %s %s is more than three times the median of its last "
                         "periods (%s %s); confirm the reading"),
                       meter_place (m), pw_meter_kind_label (m->kind), run->month_label, q,
                       meter_unit (m), md, meter_unit (m));
        }
    }
}

/* Σ of the intervals whose closing reading falls in [@year_start, month start) */
static gboolean
year_to_date (Run *run, PwMeter *m, const GDate *year_start, PwDecimal *out)
{
  GPtrArray *list = g_hash_table_lookup (run->readings, m->code);

  *out = pw_decimal_from_int (0, 0);
  if (m->has_year_to_date)
    {
      *out = m->year_to_date;
      return TRUE;
    }
  for (guint k = 1; list != NULL && k < list->len; k++)
    {
      PwReading *r = list->pdata[k];
      Interval iv;
      g_autofree char *why = NULL;
      gboolean wrong;

      if (g_date_compare (&r->date, year_start) < 0 || g_date_compare (&r->date, &run->start) >= 0)
        continue;
      if (!interval (m, list->pdata[k - 1], r, &iv, &why, &wrong))
        return FALSE;
      g_clear_pointer (&iv.registers, g_array_unref);
      pw_decimal_add (*out, iv.quantity, out, NULL);
    }
  return TRUE;
}

/* ---- tariffs ----------------------------------------------------------------- */

/* the version of @code in force on the first day of the month */
static PwTariff *
tariff_in_force (Run *run, const char *code)
{
  PwTariff *best = NULL;

  for (guint i = 0; i < run->in->tariffs->len; i++)
    {
      PwTariff *t = run->in->tariffs->pdata[i];

      if (g_str_equal (t->code, code) && g_date_compare (&t->from, &run->start) <= 0
          && (best == NULL || g_date_compare (&t->from, &best->from) > 0))
        best = t;
    }
  return best;
}

static PwTaxCode *
tax_in_force (Run *run, const char *code)
{
  PwTaxCode *best = NULL;

  for (guint i = 0; i < run->in->tax_codes->len; i++)
    {
      PwTaxCode *t = run->in->tax_codes->pdata[i];

      if (g_str_equal (t->code, code) && g_date_compare (&t->from, &run->start) <= 0
          && (best == NULL || g_date_compare (&t->from, &best->from) > 0))
        best = t;
    }
  return best;
}

static void
append_part (GString *parts, const char *label, PwDecimal qty, const char *unit, PwDecimal price)
{
  g_autofree char *q = pw_utility_format_quantity (qty);
  g_autofree char *p = pw_decimal_to_string (price);

  if (parts->len > 0)
    g_string_append (parts, " + ");
  if (label != NULL)
    /* Translators: a part of a charge: "peak 1,234 kWh × 1.0850" */
    g_string_append_printf (parts, C_("utility", "%s %s %s × %s"), label, q, unit, p);
  else
    g_string_append_printf (parts, C_("utility", "%s %s × %s"), q, unit, p);
}

static gboolean
add_exact (PwDecimal *sum, PwDecimal qty, PwDecimal price, GError **error)
{
  PwDecimal x;

  return pw_decimal_mul (qty, price, &x, error) && pw_decimal_add (*sum, x, sum, error);
}

/* D20: the marginal blocks of @q above @base */
static gboolean
price_tiers (PwTariff *t, PwDecimal base, PwDecimal q, const char *unit, PwDecimal *sum,
             GString *parts, GError **error)
{
  PwDecimal lower = pw_decimal_from_int (0, 0), top;

  if (!pw_decimal_add (base, q, &top, error))
    return FALSE;
  for (guint k = 0; k < t->tiers->len; k++)
    {
      PwTier *tier = &g_array_index (t->tiers, PwTier, k);
      PwDecimal from = pw_decimal_cmp (base, lower) > 0 ? base : lower;
      PwDecimal to = (!tier->bounded || pw_decimal_cmp (top, tier->up_to) < 0) ? top : tier->up_to;
      PwDecimal portion;

      if (pw_decimal_cmp (to, from) > 0)
        {
          g_autofree char *label = g_strdup_printf (C_("utility", "tier %u"), k + 1);

          if (!pw_decimal_sub (to, from, &portion, error)
              || !add_exact (sum, portion, tier->price, error))
            return FALSE;
          append_part (parts, label, portion, unit, tier->price);
        }
      if (tier->bounded)
        lower = tier->up_to;
    }
  if (parts->len == 0)
    append_part (parts, C_("utility", "tier 1"), q, unit, g_array_index (t->tiers, PwTier, 0).price);
  return TRUE;
}

static PwTouSeason *
season_of (PwTariff *t, guint month)
{
  for (guint k = 0; k < t->seasons->len; k++)
    {
      PwTouSeason *s = t->seasons->pdata[k];

      if (s->months & (1u << month))
        return s;
    }
  return NULL;
}

static PwUtilityCharge *
new_charge (Run *run, PwUtilityLineKind kind, const char *key, PwMeter *m, PwTariff *t,
            PwTaxCode *tax, PwDecimal qty, PwDecimal exact, GError **error)
{
  PwUtilityCharge *c = g_new0 (PwUtilityCharge, 1);
  gint64 amount;

  c->kind = kind;
  c->key = g_strdup (key);
  c->meter = g_strdup (m->code);
  c->customer = g_strdup (m->customer);
  c->spaces = g_strdupv (m->spaces);
  c->tariff = g_strdup (t->code);
  c->tax_code = g_strdup (tax->code);
  c->tax_rate = tax->rate;
  c->quantity = qty;
  c->unit = g_strdup (meter_unit (m));
  if (!pw_decimal_to_minor (exact, run->in->minor_digits, PW_ROUND_HALF_UP, &amount, error)
      || !pw_utility_tax (amount, tax->rate, t->tax_inclusive, &c->gross, &c->net, &c->tax,
                          error))
    {
      charge_free (c);
      return NULL;
    }
  return c;
}

static void
add_charge (Run *run, PwUtilityCharge *c)
{
  g_ptr_array_add (run->res->charges, c);
  if (c->held)
    run->res->held_gross += c->gross;
  else
    {
      run->res->gross += c->gross;
      run->res->net += c->net;
      run->res->tax += c->tax;
    }
}

/* the amount after "=" and the tax phrase of a line */
static void
append_total (Run *run, GString *text, PwUtilityCharge *c, PwTariff *t)
{
  g_autofree char *amount = pw_money_format_amount (t->tax_inclusive ? c->gross : c->net,
                                                    run->in->currency);
  g_autofree char *rate = NULL;
  PwDecimal pct;

  pw_decimal_mul (c->tax_rate, pw_decimal_from_int (100, 0), &pct, NULL);
  rate = pw_decimal_to_string (pw_decimal_normalize (pct));
  g_string_append_printf (text, " = %s", amount);
  g_autofree char *net = pw_money_format_amount (c->net, run->in->currency);
  g_autofree char *tax = pw_money_format_amount (c->tax, run->in->currency);

  if (t->tax_inclusive)
    /* Translators: tax inside a gross amount: rate, net, tax */
    g_string_append_printf (text, _(" (including %s%% tax: net %s, tax %s)"), rate, net, tax);
  else
    g_string_append_printf (text, _(" plus %s%% tax %s"), rate, tax);
}

static gboolean
charge_meter (Run *run, PwMeter *m, GError **error)
{
  PwUtilityUsage *u = g_hash_table_lookup (run->usages, m->code);
  PwTariff *t;
  PwTaxCode *tax;
  PwDecimal exact = pw_decimal_from_int (0, 0);
  g_autoptr(GString) parts = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *key = NULL;
  PwUtilityCharge *c;

  if (m->tariff == NULL || m->common || (m->customer == NULL && m->spaces == NULL) || !u->known)
    return TRUE;
  t = tariff_in_force (run, m->tariff);
  if (t == NULL)
    {
      add_problem (run, PW_UTILITY_PROBLEM_NO_TARIFF, m->code,
                   _("%s %s: tariff “%s” has no version in force on %s"), meter_place (m),
                   pw_meter_kind_label (m->kind), m->tariff, run->month_key);
      return TRUE;
    }
  tax = tax_in_force (run, t->tax_code);
  if (tax == NULL)
    {
      add_problem (run, PW_UTILITY_PROBLEM_NO_TARIFF, m->code,
                   _("%s %s: tax code “%s” has no rate in force on %s"), meter_place (m),
                   pw_meter_kind_label (m->kind), t->tax_code, run->month_key);
      return TRUE;
    }

  if (t->kind == PW_TARIFF_FLAT)
    {
      if (!add_exact (&exact, u->quantity, t->price, error))
        return FALSE;
      append_part (parts, NULL, u->quantity, meter_unit (m), t->price);
    }
  else if (t->kind == PW_TARIFF_TIERED)
    {
      PwDecimal base = pw_decimal_from_int (0, 0);

      if (t->tier_basis == PW_TIER_YEARLY)
        {
          GDate ys;
          guint y = run->in->month >= t->year_start_month ? run->in->year : run->in->year - 1;

          g_date_clear (&ys, 1);
          g_date_set_dmy (&ys, 1, t->year_start_month, y);
          if (!year_to_date (run, m, &ys, &base))
            {
              add_problem (run, PW_UTILITY_PROBLEM_MISSING_READING, m->code,
                           _("%s %s %s: the consumption of the tier year so far cannot be "
                             "counted from the readings; give year_to_date"), meter_place (m),
                           pw_meter_kind_label (m->kind), run->month_label);
              return TRUE;
            }
        }
      if (!price_tiers (t, base, u->quantity, meter_unit (m), &exact, parts, error))
        return FALSE;
      if (t->tier_basis == PW_TIER_YEARLY)
        {
          g_autofree char *b = pw_utility_format_quantity (base);

          /* Translators: the consumption counted in the tier year before this month */
          g_string_append_printf (parts, _(" (yearly tiers; %s %s before this month)"), b,
                                  meter_unit (m));
        }
    }
  else
    {
      PwTouSeason *s = season_of (t, run->in->month);

      for (guint i = 0; m->registers[i] != NULL; i++)
        {
          const PwDecimal *q = pw_register_values_get (u->registers, m->registers[i]);
          const PwDecimal *price = pw_register_values_get (s->prices, m->registers[i]);

          if (!add_exact (&exact, *q, *price, error))
            return FALSE;
          append_part (parts, register_label (m->registers[i]), *q, meter_unit (m), *price);
        }
      /* Translators: the season of a time-of-use tariff */
      g_string_append_printf (parts, _(" (%s season)"), s->name);
    }

  key = g_strdup_printf ("consumption/%s/%s", m->code, run->month_key);
  c = new_charge (run, PW_UTILITY_LINE_CONSUMPTION, key, m, t, tax, u->quantity, exact, error);
  if (c == NULL)
    return FALSE;
  c->held = u->flagged;
  /* Translators: place, kind, month, then the parts of the charge */
  g_string_append_printf (text, _("%s %s %s: %s"), meter_place (m),
                          pw_meter_kind_label (m->kind), run->month_label, parts->str);
  if (pw_decimal_cmp (m->multiplier, pw_decimal_from_int (1, 0)) != 0)
    {
      g_autofree char *mult = pw_decimal_to_string (pw_decimal_normalize (m->multiplier));

      g_string_append_printf (text, _(", multiplier %s"), mult);
    }
  if (u->rolled_over)
    g_string_append (text, _(", the dial went round (rollover confirmed)"));
  if (u->replaced)
    g_string_append (text, _(", counted across the meter’s replacement"));
  append_total (run, text, c, t);
  if (c->held)
    g_string_append (text, _("; held until the reading is confirmed"));
  c->explanation = g_string_free (g_steal_pointer (&text), FALSE);
  add_charge (run, c);
  return TRUE;
}

/* ---- loss (D22) -------------------------------------------------------------- */

static const char *
basis_label (PwLossBasis b)
{
  switch (b)
    {
    case PW_LOSS_BY_AREA: return C_("loss basis", "by area");
    case PW_LOSS_BY_WEIGHT: return C_("loss basis", "by weight");
    case PW_LOSS_BY_CONSUMPTION: default: return C_("loss basis", "by consumption");
    }
}

static gboolean
charge_loss (Run *run, PwLossRule *rule, GError **error)
{
  PwMeter *master = pw_utility_find_meter (run->in, rule->master, NULL);
  PwUtilityUsage *mu = g_hash_table_lookup (run->usages, master->code);
  g_autoptr(GPtrArray) sharers = g_ptr_array_new ();
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (PwDecimal));
  PwDecimal subs = pw_decimal_from_int (0, 0), common = pw_decimal_from_int (0, 0);
  PwDecimal loss, exact = pw_decimal_from_int (0, 0), wsum = pw_decimal_from_int (0, 0);
  gboolean held = mu->flagged;
  PwTariff *t;
  PwTaxCode *tax;
  gint64 amount;
  g_autofree gint64 *parts = NULL;
  g_autofree char *head = NULL;

  if (!mu->known)
    {
      add_problem (run, PW_UTILITY_PROBLEM_LOSS_INCOMPLETE, master->code,
                   _("%s: the loss cannot be shared without the master meter’s consumption"),
                   meter_place (master));
      return TRUE;
    }
  GPtrArray *children = g_hash_table_lookup (run->subs, master->code);

  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      PwMeter *m = children->pdata[i];
      PwUtilityUsage *u;

      u = g_hash_table_lookup (run->usages, m->code);
      if (!u->known)
        {
          add_problem (run, PW_UTILITY_PROBLEM_LOSS_INCOMPLETE, master->code,
                       _("%s: the loss cannot be shared without the consumption of "
                         "sub-meter %s"), meter_place (master), meter_place (m));
          return TRUE;
        }
      held = held || u->flagged;
      if (m->common)
        {
          pw_decimal_add (common, u->quantity, &common, NULL);
          continue;
        }
      pw_decimal_add (subs, u->quantity, &subs, NULL);
      g_ptr_array_add (sharers, m);
      if (rule->basis == PW_LOSS_BY_CONSUMPTION)
        g_array_append_val (weights, u->quantity);
      else if (rule->basis == PW_LOSS_BY_AREA)
        g_array_append_val (weights, m->area);
      else
        g_array_append_val (weights, m->weight);
      pw_decimal_add (wsum, g_array_index (weights, PwDecimal, weights->len - 1), &wsum, NULL);
    }
  if (!pw_decimal_sub (mu->quantity, subs, &loss, error)
      || !pw_decimal_sub (loss, common, &loss, error))
    return FALSE;
  if (pw_decimal_sign (loss) < 0)
    {
      g_autofree char *a = pw_utility_format_quantity (mu->quantity);
      g_autofree char *b = pw_utility_format_quantity (subs);
      g_autofree char *c = pw_utility_format_quantity (common);

      add_problem (run, PW_UTILITY_PROBLEM_NEGATIVE_LOSS, master->code,
                   _("%s %s: the master meter counted %s but its sub-meters %s and common use "
                     "%s; check the readings"), meter_place (master), run->month_label, a, b, c);
      return TRUE;
    }
  if (sharers->len == 0 || pw_decimal_sign (wsum) == 0)
    {
      add_problem (run, PW_UTILITY_PROBLEM_NO_SHARE_BASIS, master->code,
                   _("%s %s: the loss has nobody to be shared among %s"), meter_place (master),
                   run->month_label, basis_label (rule->basis));
      return TRUE;
    }
  t = tariff_in_force (run, rule->tariff ? rule->tariff : master->tariff);
  tax = t ? tax_in_force (run, t->tax_code) : NULL;
  if (t == NULL || tax == NULL)
    {
      add_problem (run, PW_UTILITY_PROBLEM_NO_TARIFF, master->code,
                   _("%s: no tariff or tax rate in force on %s prices the loss"),
                   meter_place (master), run->month_key);
      return TRUE;
    }
  if (!add_exact (&exact, loss, t->price, error)
      || !pw_decimal_to_minor (exact, run->in->minor_digits, PW_ROUND_HALF_UP, &amount, error))
    return FALSE;
  parts = g_new0 (gint64, sharers->len);
  if (!pw_utility_apportion (amount, (PwDecimal *) (void *) weights->data, sharers->len, parts,
                             error))
    return FALSE;

  {
    g_autofree char *a = pw_utility_format_quantity (mu->quantity);
    g_autofree char *b = pw_utility_format_quantity (subs);
    g_autofree char *cm = pw_utility_format_quantity (common);
    g_autofree char *l = pw_utility_format_quantity (loss);
    g_autofree char *p = pw_decimal_to_string (t->price);
    g_autofree char *total = pw_money_format_amount (amount, run->in->currency);

    /* Translators: master's place, month, master, sub-meters, common use, loss, unit, price, amount */
    head = g_strdup_printf (_("%s loss %s: master %s − sub-meters %s − common use %s = %s %s "
                              "× %s = %s"),
                            meter_place (master), run->month_label, a, b, cm, l,
                            meter_unit (master), p, total);
  }
  for (guint i = 0; i < sharers->len; i++)
    {
      PwMeter *m = sharers->pdata[i];
      g_autofree char *key = g_strdup_printf ("loss/%s/%s/%s", master->code, m->code,
                                              run->month_key);
      g_autofree char *w = pw_utility_format_quantity (g_array_index (weights, PwDecimal, i));
      g_autofree char *ws = pw_utility_format_quantity (wsum);
      g_autofree char *share = NULL;
      PwDecimal qty;
      PwUtilityCharge *c;
      g_autoptr(GString) text = g_string_new (head);

      /* the quantity is shown for reading; the money is the apportioned part */
      if (!pw_decimal_mul (loss, g_array_index (weights, PwDecimal, i), &qty, error)
          || !pw_decimal_div (qty, wsum, 2, PW_ROUND_HALF_UP, &qty, error))
        return FALSE;
      c = new_charge (run, PW_UTILITY_LINE_LOSS, key, m, t, tax, qty,
                      pw_decimal_from_int (parts[i], run->in->minor_digits), error);
      if (c == NULL)
        return FALSE;
      g_free (c->unit);
      c->unit = g_strdup (meter_unit (master));
      c->held = held;
      share = pw_money_format_amount (parts[i], run->in->currency);
      /* Translators: sub-meter's place, the basis ("by area"), its weight, the sum, the share */
      g_string_append_printf (text, _("; share of %s %s: %s of %s = %s (cents by largest "
                                      "remainder)"),
                              meter_place (m), basis_label (rule->basis), w, ws, share);
      if (!t->tax_inclusive)
        {
          g_autofree char *tx = pw_money_format_amount (c->tax, run->in->currency);

          g_string_append_printf (text, _(" plus tax %s"), tx);
        }
      if (c->held)
        g_string_append (text, _("; held until the reading is confirmed"));
      c->explanation = g_string_free (g_steal_pointer (&text), FALSE);
      add_charge (run, c);
    }
  return TRUE;
}

/* ---- the month ---------------------------------------------------------------- */

PwUtilityResult *
pw_utility_compute (PwUtilityInput *in, GError **error)
{
  Run run = { 0, };
  PwUtilityResult *res;
  gboolean ok = TRUE;

  if (!pw_utility_input_validate (in, error))
    return NULL;
  res = g_new0 (PwUtilityResult, 1);
  res->currency = g_strdup (in->currency);
  res->year = in->year;
  res->month = in->month;
  res->usages = g_ptr_array_new_with_free_func ((GDestroyNotify) usage_free);
  res->charges = g_ptr_array_new_with_free_func ((GDestroyNotify) charge_free);
  res->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  run.in = in;
  run.res = res;
  g_date_clear (&run.start, 1);
  g_date_set_dmy (&run.start, 1, in->month, in->year);
  run.end = run.start;
  g_date_add_months (&run.end, 1);
  g_date_subtract_days (&run.end, 1);
  run.month_label = month_label (in->year, in->month);
  run.month_key = g_strdup_printf ("%04u-%02u", in->year, in->month);
  run.readings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_ptr_array_unref);
  run.usages = g_hash_table_new (g_str_hash, g_str_equal);
  run.subs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                    (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < in->meters->len; i++)
    {
      PwMeter *m = in->meters->pdata[i];
      GPtrArray *list;

      if (m->master == NULL)
        continue;
      list = g_hash_table_lookup (run.subs, m->master);
      if (list == NULL)
        g_hash_table_insert (run.subs, m->master, list = g_ptr_array_new ());
      g_ptr_array_add (list, m);
    }

  for (guint i = 0; i < in->readings->len; i++)
    {
      PwReading *r = in->readings->pdata[i];
      PwMeter *m = pw_utility_find_meter (in, r->meter, NULL);
      GPtrArray *list = g_hash_table_lookup (run.readings, m->code);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (run.readings, m->code, list);
        }
      g_ptr_array_add (list, r);
    }
  {
    GHashTableIter it;
    gpointer value;

    g_hash_table_iter_init (&it, run.readings);
    while (g_hash_table_iter_next (&it, NULL, &value))
      g_ptr_array_sort (value, compare_readings);  /* stable: same-day readings keep order */
  }

  for (guint i = 0; i < in->meters->len; i++)
    compute_usage (&run, in->meters->pdata[i]);
  for (guint i = 0; ok && i < in->meters->len; i++)
    ok = charge_meter (&run, in->meters->pdata[i], error);
  for (guint i = 0; ok && i < in->losses->len; i++)
    ok = charge_loss (&run, in->losses->pdata[i], error);

  g_hash_table_unref (run.readings);
  g_hash_table_unref (run.usages);
  g_hash_table_unref (run.subs);
  g_free (run.month_label);
  g_free (run.month_key);
  if (!ok)
    g_clear_pointer (&res, pw_utility_result_free);
  return res;
}
