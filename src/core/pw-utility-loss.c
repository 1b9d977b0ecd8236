/* pw-utility-loss.c — D22: a master meter's loss, priced and shared among its sub-meters
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rules: docs/utility-rules.md, "Loss" (U10–U12). The amount is rounded once and
 * shared to the fen by largest remainder (pw_utility_apportion()), so the shares
 * add up to it exactly.
 *
 * pw_utility_apportion(), invariants:
 *  1. The parts add up to the total exactly, to the minor unit.
 *  2. Each part is its exact share rounded down or up by at most one unit.
 *  3. The units left after rounding down go to the largest remainders, ties
 *     to the earlier part, so the same input always gives the same parts. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-error.h"
#include "pw-money.h"
#include "pw-utility-private.h"

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

gboolean
pw_utility_charge_loss (PwUtilityRun *run, PwLossRule *rule, GError **error)
{
  PwMeter *master = pw_utility_find_meter (run->in, rule->master, NULL);
  PwUtilityUsage *mu = g_hash_table_lookup (run->usages, master->code);
  const char *place = pw_utility_meter_place (master);
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
  GPtrArray *children = g_hash_table_lookup (run->subs, master->code);

  if (!mu->known)
    {
      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_LOSS_INCOMPLETE, master->code,
                              _("%s: the loss cannot be shared without the master meter’s "
                                "consumption"), place);
      return TRUE;
    }
  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      PwMeter *m = children->pdata[i];
      PwUtilityUsage *u;

      u = g_hash_table_lookup (run->usages, m->code);
      if (!u->known)
        {
          pw_utility_add_problem (run, PW_UTILITY_PROBLEM_LOSS_INCOMPLETE, master->code,
                                  _("%s: the loss cannot be shared without the consumption "
                                    "of sub-meter %s"), place, pw_utility_meter_place (m));
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

      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_NEGATIVE_LOSS, master->code,
                              _("%s %s: the master meter counted %s but its sub-meters %s and "
                                "common use %s; check the readings"),
                              place, run->month_label, a, b, c);
      return TRUE;
    }
  if (sharers->len == 0 || pw_decimal_sign (wsum) == 0)
    {
      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_NO_SHARE_BASIS, master->code,
                              _("%s %s: the loss has nobody to be shared among %s"), place,
                              run->month_label, basis_label (rule->basis));
      return TRUE;
    }
  t = pw_utility_tariff_in_force (run, rule->tariff ? rule->tariff : master->tariff);
  tax = t ? pw_utility_tax_in_force (run, t->tax_code) : NULL;
  if (t == NULL || tax == NULL)
    {
      pw_utility_add_problem (run, PW_UTILITY_PROBLEM_NO_TARIFF, master->code,
                              _("%s: no tariff or tax rate in force on %s prices the loss"), place,
                              run->month_key);
      return TRUE;
    }
  if (!pw_utility_add_exact (&exact, loss, t->price, error)
      || !pw_decimal_to_minor (exact, run->in->minor_digits, PW_ROUND_HALF_UP, &amount,
                               error))
    return FALSE;
  parts = g_new0 (gint64, sharers->len);
  if (!pw_utility_apportion (amount, (PwDecimal *) (void *) weights->data, sharers->len, parts,
                             error))
    return FALSE;

  {
    g_autofree char *a = pw_utility_format_quantity (mu->quantity);
    g_autofree char *b = pw_utility_format_quantity (subs);
    g_autofree char *raw = pw_utility_format_quantity (mu->raw);
    g_autofree char *mult = pw_decimal_to_string (pw_decimal_normalize (master->multiplier));
    g_autofree char *cm = pw_utility_format_quantity (common);
    g_autofree char *l = pw_utility_format_quantity (loss);
    g_autofree char *p = pw_decimal_to_string (t->price);
    g_autofree char *total = pw_money_format_amount (amount, run->in->currency);

    if (!mu->replaced && pw_decimal_cmp (master->multiplier, pw_decimal_from_int (1, 0)) != 0)
      {
        /* Translators: the master's consumption, its dial's movement and its multiplier */
        char *shown = g_strdup_printf (C_("utility", "%s (%s × %s)"), a, raw, mult);

        g_free (a);
        a = shown;
      }
    /* Translators: master's place, month, master, sub-meters, common use, loss, unit,
       price, amount */
    head = g_strdup_printf (_("%s loss %s: master %s − sub-meters %s − common use %s = %s %s "
                              "× %s = %s"),
                            place, run->month_label, a, b, cm, l,
                            pw_utility_meter_unit (master), p, total);
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
      c = pw_utility_new_charge (run, PW_UTILITY_LINE_LOSS, key, m, t, tax, qty,
                                 pw_decimal_from_int (parts[i], run->in->minor_digits), error);
      if (c == NULL)
        return FALSE;
      g_free (c->unit);
      c->unit = g_strdup (pw_utility_meter_unit (master));
      c->held = held;
      share = pw_money_format_amount (parts[i], run->in->currency);
      /* Translators: sub-meter's place, the basis ("by area"), its weight, the sum, the share */
      g_string_append_printf (text,
                              _("; share of %s %s: %s of %s = %s (cents by largest remainder)"),
                              pw_utility_meter_place (m), basis_label (rule->basis), w, ws, share);
      if (!t->tax_inclusive)
        {
          g_autofree char *tx = pw_money_format_amount (c->tax, run->in->currency);

          g_string_append_printf (text, _(" plus tax %s"), tx);
        }
      if (c->held)
        g_string_append (text, _("; held until the reading is confirmed"));
      c->explanation = g_string_free (g_steal_pointer (&text), FALSE);
      pw_utility_add_charge (run, c);
    }
  return TRUE;
}

gboolean
pw_utility_apportion (gint64 total, const PwDecimal *weights, guint n, gint64 *parts,
                      GError **error)
{
  int scale = 0;
  __int128 sum = 0, given = 0;
  g_autofree __int128 *w = g_new (__int128, MAX (n, 1));
  g_autofree __int128 *rem = g_new (__int128, MAX (n, 1));
  /* |total| < 2^63 and Σ w < 2^62 keep total × w inside 128 bits */
  const __int128 limit = (__int128) 1 << 62;

  g_return_val_if_fail (total >= 0, FALSE);
  for (guint i = 0; i < n; i++)
    scale = MAX (scale, weights[i].scale);
  for (guint i = 0; i < n; i++)
    {
      PwDecimal d;

      if (pw_decimal_sign (weights[i]) < 0
          || !pw_decimal_rescale (weights[i], scale, PW_ROUND_HALF_UP, &d, NULL)
          || d.m >= limit)
        goto overflow;
      w[i] = d.m;
      sum += w[i];
      if (sum >= limit)
        goto overflow;
    }
  if (sum == 0)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("the shares add up to zero, so nothing can be shared by them"));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      __int128 exact = (__int128) total * w[i];

      parts[i] = (gint64) (exact / sum);
      rem[i] = exact % sum;
      given += parts[i];
    }
  /* the units left over: fewer than n, one each to the largest remainders */
  for (gint64 left = (gint64) (total - given); left > 0; left--)
    {
      guint best = 0;
      gboolean found = FALSE;

      for (guint i = 0; i < n; i++)
        if (rem[i] >= 0 && (!found || rem[i] > rem[best]))
          {
            best = i;
            found = TRUE;
          }
      parts[best]++;
      rem[best] = -1;  /* each part takes at most one */
    }
  return TRUE;

overflow:
  g_set_error (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_OVERFLOW,
               _("the shares are too large to be apportioned"));
  return FALSE;
}
