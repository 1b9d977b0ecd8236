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


static void
usage_free (PwUtilityUsage *u)
{
  g_free (u->meter);
  g_clear_pointer (&u->registers, g_array_unref);
  g_free (u);
}

void
pw_utility_charge_free (PwUtilityCharge *c)
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


void
pw_utility_add_problem (PwUtilityRun *run, PwUtilityProblemKind kind, const char *meter,
                        const char *format, ...)
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

char *
pw_utility_month_label (guint year, guint month)
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

const char *
pw_utility_register_label (const char *name)
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

const char *
pw_utility_meter_unit (PwMeter *m)
{
  return m->unit ? m->unit : m->kind == PW_METER_ELECTRICITY ? "kWh"
                            : m->kind == PW_METER_WATER || m->kind == PW_METER_GAS ? "m³"
                            : m->kind == PW_METER_HEAT ? "GJ" : "";
}

const char *
pw_utility_meter_place (PwMeter *m)
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
register_segments (PwMeter *m, PwReading *prev, PwReading *cur, const char *name,
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
register_interval (PwMeter *m, PwReading *prev, PwReading *cur, const char *name,
                   PwDecimal *raw, PwDecimal *qty, gboolean *rolled, gboolean *replaced,
                   char **why)
{
  *why = NULL;
  if (register_segments (m, prev, cur, name, raw, qty, rolled, replaced, why))
    return TRUE;
  /* what failed without a reason is arithmetic that would not fit */
  if (*why == NULL)
    *why = g_strdup (_("the readings are too large to be computed exactly"));
  return FALSE;
}

static gboolean
interval (PwMeter *m, PwReading *prev, PwReading *cur, PwUtilityInterval *out, char **why,
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
      PwUtilityInterval iv;
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
compute_usage (PwUtilityRun *run, PwMeter *m)
{
  const char *place = pw_utility_meter_place (m);
  const char *kind = pw_meter_kind_label (m->kind);
  const char *unit = pw_utility_meter_unit (m);
  PwUtilityUsage *u = g_new0 (PwUtilityUsage, 1);
  GPtrArray *list = g_hash_table_lookup (run->readings, m->code);
  gint closing = -1, opening = -1;
  PwUtilityInterval iv;
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
      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_MISSING_READING, m->code,
                              /* Translators: a meter's place, its kind, then the month */
                              _("%s %s: no reading in %s"), place, kind, run->month_label);
      return;
    }
  if (opening < 0)
    {
      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_MISSING_READING, m->code,
                              _("%s %s: no reading before %s to count the consumption from"), place,
                              kind, run->month_label);
      return;
    }
  if (!interval (m, list->pdata[opening], list->pdata[closing], &iv, &why, &registers_wrong))
    {
      PwUtilityProblemKind kind_of_problem = registers_wrong ? PW_UTILITY_PROBLEM_REGISTERS
                                                             : PW_UTILITY_PROBLEM_LOWER_READING;

      pw_utility_add_problem (run, kind_of_problem, m->code, "%s %s %s: %s", place, kind,
                              run->month_label, why);
      return;
    }
  u->known = TRUE;
  u->from = ((PwReading *) list->pdata[opening])->date;
  u->to = ((PwReading *) list->pdata[closing])->date;
  u->opening = *pw_register_values_get (((PwReading *) list->pdata[opening])->values,
                                        PW_UTILITY_TOTAL);
  u->closing = *pw_register_values_get (((PwReading *) list->pdata[closing])->values,
                                        PW_UTILITY_TOTAL);
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
          /* Translators: place, kind, month, quantity, unit, median, unit */
          pw_utility_add_problem (run, PW_UTILITY_PROBLEM_FLAGGED_READING, m->code,
                                  _("%s %s %s: %s %s is more than three times the median of "
                                    "its last periods (%s %s); confirm the reading"),
                                  place, kind, run->month_label, q, unit, md, unit);
        }
    }
}

/* Σ of the intervals whose closing reading falls in [@year_start, month start) */
gboolean
pw_utility_year_to_date (PwUtilityRun *run, PwMeter *m, const GDate *year_start, PwDecimal *out)
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
      PwUtilityInterval iv;
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













/* ---- the month ---------------------------------------------------------------- */

PwUtilityResult *
pw_utility_compute (PwUtilityInput *in, GError **error)
{
  PwUtilityRun run = { 0, };
  PwUtilityResult *res;
  gboolean ok = TRUE;

  if (!pw_utility_input_validate (in, error))
    return NULL;
  res = g_new0 (PwUtilityResult, 1);
  res->currency = g_strdup (in->currency);
  res->year = in->year;
  res->month = in->month;
  res->usages = g_ptr_array_new_with_free_func ((GDestroyNotify) usage_free);
  res->charges = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_utility_charge_free);
  res->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);

  run.in = in;
  run.res = res;
  g_date_clear (&run.start, 1);
  g_date_set_dmy (&run.start, 1, in->month, in->year);
  run.end = run.start;
  g_date_add_months (&run.end, 1);
  g_date_subtract_days (&run.end, 1);
  run.month_label = pw_utility_month_label (in->year, in->month);
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
    ok = pw_utility_charge_meter (&run, in->meters->pdata[i], error);
  for (guint i = 0; ok && i < in->losses->len; i++)
    ok = pw_utility_charge_loss (&run, in->losses->pdata[i], error);

  g_hash_table_unref (run.readings);
  g_hash_table_unref (run.usages);
  g_hash_table_unref (run.subs);
  g_free (run.month_label);
  g_free (run.month_key);
  if (!ok)
    g_clear_pointer (&res, pw_utility_result_free);
  return res;
}
