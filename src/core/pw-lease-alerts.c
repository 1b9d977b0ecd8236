/* pw-lease-alerts.c — a lease's alerts against its quote and the park's price policy
 * (docs/approvals.md): rent below the floor price, discount or rent-free beyond policy,
 * billed area above the contracted area
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-area.h"
#include "pw-contract.h"
#include "pw-customer.h"
#include "pw-lease.h"
#include "pw-lease-private.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-row.h"
#include "pw-schedule.h"
#include "pw-text.h"

/* Whole calendar months from @start to the day after @end, plus the days left over
 * as a fraction of 30, in ten-thousandths of a month. */
static gint64
months_e4 (const GDate *start, const GDate *end)
{
  GDate d = *start, next;
  GDate after = *end;
  gint64 months = 0;

  g_date_add_days (&after, 1);
  for (;;)
    {
      next = d;
      g_date_add_months (&next, 1);
      if (g_date_compare (&next, &after) > 0)
        break;
      d = next;
      months++;
    }
  return months * 10000 + (gint64) g_date_days_between (&d, &after) * 10000 / 30;
}

gboolean
pw_lease_monthly_rent (const PwCharge *charge, PwDecimal *num, int *den)
{
  g_autoptr(GError) error = NULL;

  switch (charge->unit)
    {
    case PW_PRICE_UNIT_M2_MONTH:
      *num = charge->unit_price;
      *den = 1;
      return TRUE;
    case PW_PRICE_UNIT_M2_DAY:
      /* B7: the standard month of a per-day price; the actual days average 365 ÷ 12 */
      if (charge->standard_month == PW_STANDARD_MONTH_30)
        {
          *den = 1;
          return pw_decimal_mul (charge->unit_price, pw_decimal_from_int (30, 0), num, &error);
        }
      *den = 12;
      return pw_decimal_mul (charge->unit_price, pw_decimal_from_int (365, 0), num, &error);
    case PW_PRICE_UNIT_MONTH:
    default:
      return FALSE;
    }
}

/* A rent per m² per month as an exact fraction. */
typedef struct {
  PwDecimal num;
  int       den;
} Rent;

/* The lowest rent per m² per month the contract charges: every rent priced per m²,
 * at its base price and at each price step. FALSE when it has none. */
static gboolean
lowest_rent (const PwContract *contract, Rent *out)
{
  gboolean found = FALSE;

  for (guint i = 0; i < contract->charges->len; i++)
    {
      const PwCharge *ch = g_ptr_array_index (contract->charges, i);
      PwCharge priced = *ch;
      guint n_steps = ch->escalation.kind == PW_ESCALATION_STEPS && ch->escalation.steps
                        ? ch->escalation.steps->len : 0;

      if (!g_str_equal (ch->kind, "rent") || ch->unit == PW_PRICE_UNIT_MONTH)
        continue;
      for (guint k = 0; k <= n_steps; k++)
        {
          Rent r;
          PwDecimal a, b;

          if (k > 0)
            priced.unit_price = g_array_index (ch->escalation.steps, PwPriceStep, k - 1).unit_price;
          if (!pw_lease_monthly_rent (&priced, &r.num, &r.den))
            continue;
          /* r < out ⇔ r.num × out.den < out.num × r.den */
          if (found
              && (!pw_decimal_mul (r.num, pw_decimal_from_int (out->den, 0), &a, NULL)
                  || !pw_decimal_mul (out->num, pw_decimal_from_int (r.den, 0), &b, NULL)
                  || pw_decimal_cmp (a, b) >= 0))
            continue;
          *out = r;
          found = TRUE;
        }
    }
  return found;
}

/* −1, 0, 1 as @rent is below, at or above @price_e4 (ten-thousandths per m² per
 * month), compared exactly. */
static int
compare_rent (const Rent *rent, gint64 price_e4)
{
  PwDecimal scaled;

  if (!pw_decimal_mul (pw_decimal_from_int (price_e4, 4), pw_decimal_from_int (rent->den, 0), &scaled,
                       NULL))
    return 0;
  return pw_decimal_cmp (rent->num, scaled);
}

/* The rent per m² per month to four places, for people. */
static char *
monthly_rent_text (const Rent *rent)
{
  PwDecimal out;

  if (!pw_decimal_div (rent->num, pw_decimal_from_int (rent->den, 0), 4, PW_ROUND_HALF_UP, &out, NULL))
    return g_strdup ("?");
  return pw_decimal_to_string (out);
}

static gboolean
park_prices (PwStore *store, const char *park_id, char **list_price, char **floor_price,
             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT list_price, floor_price FROM park WHERE id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the park’s prices"));
      return FALSE;
    }
  if (rc == SQLITE_ROW)
    {
      *list_price = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *floor_price = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  return TRUE;
}

/* Held to its quote: every approval given, no lower rent, no more rent-free. */
static gboolean
quote_alerts (PwStore *store, const char *quote_id, const Rent *rent, gint64 free_e4,
              GPtrArray *alerts, GError **error)
{
  g_autoptr(JsonObject) quote = pw_store_get_row (store, "quote", quote_id, error);
  g_autoptr(GPtrArray) approvals = NULL;
  gboolean all_given = TRUE;
  gint64 unit_e4, quoted_free = 0;

  if (quote == NULL)
    return FALSE;
  approvals = pw_quote_list_approvals (store, quote_id, error);
  if (approvals == NULL)
    return FALSE;
  for (guint i = 0; i < approvals->len; i++)
    {
      JsonObject *a = g_ptr_array_index (approvals, i);
      const char *decision = pw_row_string (a, "decision");

      if (g_strcmp0 (decision, "approved") != 0)
        {
          all_given = FALSE;
          /* Translators: the approver's role and the approval's state (pending, rejected) */
          g_ptr_array_add (alerts, g_strdup_printf (_("Discount or rent-free beyond policy: the "
                                                      "quote’s approval by the %s is %s"),
                                                    pw_leasing_label (pw_row_string (a, "approver_role")),
                                                    pw_leasing_label (decision)));
        }
    }
  if (all_given && g_strcmp0 (pw_row_string (quote, "status"), "approved") != 0)
    /* Translators: the quote's status (draft, submitted, rejected) */
    g_ptr_array_add (alerts, g_strdup_printf (_("Discount or rent-free beyond policy: the quote "
                                                "the contract comes from is %s, not approved"),
                                              pw_leasing_label (pw_row_string (quote, "status"))));
  if (rent != NULL && pw_leasing_decimal_parse (pw_row_string (quote, "unit_rent"), "unit_rent",
                                                &unit_e4, NULL)
      && compare_rent (rent, unit_e4) < 0)
    {
      g_autofree char *monthly = monthly_rent_text (rent);

      /* Translators: the contract's rent and the quote's, per m² per month */
      g_ptr_array_add (alerts, g_strdup_printf (_("Discount beyond the quote: the rent, %s per m² "
                                                  "per month, is below the %s the quote agreed"),
                                                monthly, pw_row_string (quote, "unit_rent")));
    }
  pw_row_int (quote, "rent_free_months", &quoted_free);
  if (free_e4 > quoted_free * 10000)
    {
      g_autofree char *months = pw_leasing_decimal_format (free_e4, 1);

      /* Translators: months rent-free in the contract, then in its quote */
      g_ptr_array_add (alerts, g_strdup_printf (_("Rent-free beyond the quote: %s months, the "
                                                  "quote agreed %d"), months, (int) quoted_free));
    }
  return TRUE;
}

/* Held to the park's approval rules: the discount on its list price and the
 * months rent-free, each against the lowest rule it exceeds. */
static gboolean
policy_alerts (PwStore *store, const char *park_id, const Rent *rent, const char *list_price,
               gint64 free_e4, GPtrArray *alerts, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT metric, threshold, approver_role FROM approval_rule"
    " WHERE park_id = ? ORDER BY metric, level", error);
  gboolean discount_told = FALSE, free_told = FALSE;
  PwDecimal discount = { 0 };
  gboolean has_discount = FALSE;
  gint64 list_e4;
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* discount % = (list − rent) ÷ list × 100, exact to 10 places */
  if (rent != NULL && list_price != NULL
      && pw_leasing_decimal_parse (list_price, "list_price", &list_e4, NULL) && list_e4 > 0)
    {
      PwDecimal list = pw_decimal_from_int (list_e4, 4), scaled, gap, times;

      has_discount = pw_decimal_mul (list, pw_decimal_from_int (rent->den, 0), &scaled, NULL)
                     && pw_decimal_sub (scaled, rent->num, &gap, NULL)
                     && pw_decimal_mul (gap, pw_decimal_from_int (100, 0), &times, NULL)
                     && pw_decimal_div (times, scaled, 10, PW_ROUND_HALF_UP, &discount, NULL);
    }
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *metric = (const char *) sqlite3_column_text (stmt, 0);
      const char *threshold = (const char *) sqlite3_column_text (stmt, 1);
      const char *role = (const char *) sqlite3_column_text (stmt, 2);
      gint64 t;

      if (!pw_leasing_decimal_parse (threshold, "threshold", &t, NULL))
        continue;
      if (g_str_equal (metric, "discount_pct") && has_discount && !discount_told
          && pw_decimal_cmp (discount, pw_decimal_from_int (t, 4)) > 0)
        {
          PwDecimal shown;
          g_autofree char *pct = NULL;

          pw_decimal_rescale (discount, 2, PW_ROUND_HALF_UP, &shown, NULL);
          pct = pw_decimal_to_string (shown);
          discount_told = TRUE;
          /* Translators: a discount in percent, the park's list price, the rule's threshold, a role */
          g_ptr_array_add (alerts, g_strdup_printf (_("A discount of %s%% on the list price of %s is "
                                                      "beyond policy: above %s%% the %s approves"),
                                                    pct, list_price, threshold, pw_leasing_label (role)));
        }
      else if (g_str_equal (metric, "rent_free_months") && free_e4 > 0 && !free_told && free_e4 > t)
        {
          g_autofree char *months = pw_leasing_decimal_format (free_e4, 1);

          free_told = TRUE;
          g_ptr_array_add (alerts, g_strdup_printf (_("%s months rent-free is beyond policy: above "
                                                      "%s months the %s approves"),
                                                    months, threshold, pw_leasing_label (role)));
        }
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the approval rules"));
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
pw_lease_alerts (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(PwContract) contract = NULL;
  g_autofree char *terms = NULL, *list_price = NULL, *floor_price = NULL;
  Rent lowest;
  const Rent *rent;
  gint64 number = 1, fixed = 0, billed = 0, free_e4 = 0;
  int rc;

  if (row == NULL)
    return NULL;
  terms = pw_lease_stored_terms (store, contract_id, &number, error);
  if (terms == NULL)
    return NULL;
  contract = pw_contract_parse (terms, -1, error);
  if (contract == NULL)
    return NULL;

  /* billed area against the area fixed at signing */
  stmt = pw_store_prepare (store, "SELECT total (area) FROM contract_space WHERE contract_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the spaces a contract holds"));
      return NULL;
    }
  fixed = sqlite3_column_int64 (stmt, 0);
  for (guint i = 0; i < contract->spaces->len; i++)
    billed += ((PwContractSpace *) g_ptr_array_index (contract->spaces, i))->area;
  if (billed > fixed)
    {
      g_autofree char *a = pw_area_format_with_unit (billed, FALSE);
      g_autofree char *b = pw_area_format_with_unit (fixed, FALSE);

      g_ptr_array_add (alerts, g_strdup_printf (_("The terms bill %s, more than the %s fixed for "
                                                  "the contract’s spaces"), a, b));
    }

  for (guint i = 0; i < contract->free_periods->len; i++)
    {
      PwFreePeriod *f = g_ptr_array_index (contract->free_periods, i);

      if (!f->fit_out)
        free_e4 += months_e4 (&f->start, &f->end);
    }
  if (!park_prices (store, pw_row_string (row, "park_id"), &list_price, &floor_price, error))
    return NULL;
  rent = lowest_rent (contract, &lowest) ? &lowest : NULL;

  /* the rent against the park's floor price */
  if (rent != NULL && floor_price != NULL)
    {
      gint64 floor_e4;

      if (pw_leasing_decimal_parse (floor_price, "floor_price", &floor_e4, NULL)
          && compare_rent (rent, floor_e4) < 0)
        {
          g_autofree char *monthly = monthly_rent_text (rent);

          /* Translators: a rent per m² per month and the park's floor price */
          g_ptr_array_add (alerts, g_strdup_printf (_("The rent, %s per m² per month, is below the "
                                                      "park’s floor price of %s"),
                                                    monthly, floor_price));
        }
    }

  /* discount and rent-free against the quote the contract comes from, or the park's rules */
  if (pw_row_string (row, "quote_id") != NULL)
    {
      if (!quote_alerts (store, pw_row_string (row, "quote_id"), rent, free_e4, alerts, error))
        return NULL;
    }
  else if (!policy_alerts (store, pw_row_string (row, "park_id"), rent, list_price, free_e4, alerts,
                           error))
    return NULL;
  return g_steal_pointer (&alerts);
}

gboolean
pw_lease_read_policy (PwStore *store, JsonObject *row, PwLeasePolicy *out, GError **error)
{
  g_autoptr(PwContract) contract = NULL;
  g_autofree char *terms = NULL, *list_price = NULL, *floor_price = NULL;
  const char *quote_id = pw_row_string (row, "quote_id");
  gint64 number = 1, floor_e4;
  Rent lowest;

  memset (out, 0, sizeof *out);
  pw_row_int (row, "current_version", &number);
  terms = pw_lease_current_terms (store, pw_row_string (row, "id"), number, error);
  if (terms == NULL)
    return FALSE;
  contract = pw_contract_parse (terms, -1, error);
  if (contract == NULL)
    return FALSE;
  for (guint i = 0; i < contract->free_periods->len; i++)
    {
      PwFreePeriod *f = g_ptr_array_index (contract->free_periods, i);

      if (!f->fit_out)
        out->free_e4 += months_e4 (&f->start, &f->end);
    }
  if (lowest_rent (contract, &lowest))
    {
      out->has_rent = TRUE;
      out->rent_num = lowest.num;
      out->rent_den = lowest.den;
    }
  if (!park_prices (store, pw_row_string (row, "park_id"), &list_price, &floor_price, error))
    return FALSE;
  out->has_list = list_price != NULL
                  && pw_leasing_decimal_parse (list_price, "list_price", &out->list_e4, NULL)
                  && out->list_e4 > 0;
  out->below_floor = out->has_rent && floor_price != NULL
                     && pw_leasing_decimal_parse (floor_price, "floor_price", &floor_e4, NULL)
                     && compare_rent (&lowest, floor_e4) < 0;
  if (quote_id != NULL)
    {
      g_autoptr(JsonObject) quote = pw_store_get_row (store, "quote", quote_id, error);
      gint64 unit_e4, quoted_free = 0;

      if (quote == NULL)
        return FALSE;
      pw_row_int (quote, "rent_free_months", &quoted_free);
      out->within_quote = g_strcmp0 (pw_row_string (quote, "status"), "approved") == 0
                          && out->free_e4 <= quoted_free * 10000
                          && (!out->has_rent
                              || (pw_leasing_decimal_parse (pw_row_string (quote, "unit_rent"),
                                                            "unit_rent", &unit_e4, NULL)
                                  && compare_rent (&lowest, unit_e4) >= 0));
    }
  return TRUE;
}

