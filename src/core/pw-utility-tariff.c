/* pw-utility-tariff.c — pricing a meter's month by its tariff: flat, tiered, time of use
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules: docs/utility-rules.md, "Tariffs" and "Tax" (U7–U9, U13, U14). Each line
 * is rounded once: the blocks and registers inside it are exact decimals. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-money.h"
#include "pw-utility-private.h"

/* the version of @code in force on the first day of the month */
PwTariff *
pw_utility_tariff_in_force (PwUtilityRun *run, const char *code)
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

PwTaxCode *
pw_utility_tax_in_force (PwUtilityRun *run, const char *code)
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

gboolean
pw_utility_add_exact (PwDecimal *sum, PwDecimal qty, PwDecimal price, GError **error)
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
              || !pw_utility_add_exact (sum, portion, tier->price, error))
            return FALSE;
          append_part (parts, label, portion, unit, tier->price);
        }
      if (tier->bounded)
        lower = tier->up_to;
    }
  if (parts->len == 0)
    append_part (parts, C_("utility", "tier 1"), q, unit, g_array_index (t->tiers, PwTier,
                                                                         0).price);
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

PwUtilityCharge *
pw_utility_new_charge (PwUtilityRun *run, PwUtilityLineKind kind, const char *key, PwMeter *m,
                       PwTariff *t,
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
  c->unit = g_strdup (pw_utility_meter_unit (m));
  if (!pw_decimal_to_minor (exact, run->in->minor_digits, PW_ROUND_HALF_UP, &amount, error)
      || !pw_utility_tax (amount, tax->rate, t->tax_inclusive, &c->gross, &c->net, &c->tax,
                          error))
    {
      pw_utility_charge_free (c);
      return NULL;
    }
  return c;
}

void
pw_utility_add_charge (PwUtilityRun *run, PwUtilityCharge *c)
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
append_total (PwUtilityRun *run, GString *text, PwUtilityCharge *c, PwTariff *t)
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

gboolean
pw_utility_charge_meter (PwUtilityRun *run, PwMeter *m, GError **error)
{
  const char *place = pw_utility_meter_place (m);
  const char *kind = pw_meter_kind_label (m->kind);
  const char *unit = pw_utility_meter_unit (m);
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
  t = pw_utility_tariff_in_force (run, m->tariff);
  if (t == NULL)
    {
      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_NO_TARIFF, m->code,
                              _("%s %s: tariff “%s” has no version in force on %s"), place, kind,
                              m->tariff, run->month_key);
      return TRUE;
    }
  tax = pw_utility_tax_in_force (run, t->tax_code);
  if (tax == NULL)
    {
      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_NO_TARIFF, m->code,
                              _("%s %s: tax code “%s” has no rate in force on %s"), place, kind,
                              t->tax_code, run->month_key);
      return TRUE;
    }

  if (t->kind == PW_TARIFF_FLAT)
    {
      if (!pw_utility_add_exact (&exact, u->quantity, t->price, error))
        return FALSE;
      append_part (parts, NULL, u->quantity, unit, t->price);
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
          if (!pw_utility_year_to_date (run, m, &ys, &base))
            {
              pw_utility_add_problem (run, PW_UTILITY_PROBLEM_MISSING_READING, m->code,
                                      _("%s %s %s: the consumption of the tier year so far "
                                        "cannot be counted from the readings; give "
                                        "year_to_date"),
                                      place, kind, run->month_label);
              return TRUE;
            }
        }
      if (!price_tiers (t, base, u->quantity, unit, &exact, parts, error))
        return FALSE;
      if (t->tier_basis == PW_TIER_YEARLY)
        {
          g_autofree char *b = pw_utility_format_quantity (base);

          /* Translators: the consumption counted in the tier year before this month */
          g_string_append_printf (parts, _(" (yearly tiers; %s %s before this month)"), b, unit);
        }
    }
  else
    {
      PwTouSeason *s = season_of (t, run->in->month);

      for (guint i = 0; m->registers[i] != NULL; i++)
        {
          const PwDecimal *q = pw_register_values_get (u->registers, m->registers[i]);
          const PwDecimal *price = pw_register_values_get (s->prices, m->registers[i]);

          if (!pw_utility_add_exact (&exact, *q, *price, error))
            return FALSE;
          append_part (parts, pw_utility_register_label (m->registers[i]), *q, unit, *price);
        }
      /* Translators: the season of a time-of-use tariff */
      g_string_append_printf (parts, _(" (%s season)"), s->name);
    }

  key = g_strdup_printf ("consumption/%s/%s", m->code, run->month_key);
  c = pw_utility_new_charge (run, PW_UTILITY_LINE_CONSUMPTION, key, m, t, tax, u->quantity, exact,
                             error);
  if (c == NULL)
    return FALSE;
  c->held = u->flagged;
  /* Translators: place, kind, month, then the parts of the charge */
  g_string_append_printf (text, _("%s %s %s: %s"), place, kind, run->month_label, parts->str);
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
  pw_utility_add_charge (run, c);
  return TRUE;
}
