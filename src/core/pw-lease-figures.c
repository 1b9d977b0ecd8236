/* pw-lease-figures.c — a contract's headline figures (docs/contract-figures.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monthly rent in force on a day, the rent per m² per month and per day, the
 * total contract value and the next bill, exactly: decimals and minor units, never
 * floating point.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-contract.h"
#include "pw-decimal.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-money.h"
#include "pw-row.h"
#include "pw-schedule-private.h"
#include "pw-text.h"

void
pw_lease_figures_free (PwLeaseFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->currency);
  g_free (figures->on);
  g_free (figures->rent_m2_month);
  g_free (figures->rent_m2_day);
  g_free (figures->next_bill_date);
  g_free (figures);
}

/* The charge @index's unit price in force on @day (its first price before it starts). */
static gboolean
price_on (const PwContract *contract, guint index, const GDate *day, PwDecimal *out)
{
  g_autoptr(GArray) points = pw_schedule_price_points (contract, index, NULL);

  if (points == NULL || points->len == 0)
    return FALSE;
  for (guint i = 0; i < points->len; i++)
    if (i == 0 || g_date_compare (&g_array_index (points, PwPriceStep, i).from, day) <= 0)
      *out = g_array_index (points, PwPriceStep, i).unit_price;
  return TRUE;
}

PwLeaseFigures *
pw_lease_figures (PwStore *store, const char *contract_id, const char *today, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);
  g_autoptr(PwContract) contract = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(PwLeaseFigures) figures = NULL;
  PwDecimal monthly = pw_decimal_from_int (0, 0), rate;
  const char *start, *end, *on;
  gint64 area = 0;
  int status, digits;
  GDate day;

  if (row == NULL)
    return NULL;
  if (today == NULL || !pw_date_is_valid (today))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                          _("“%s” is not a date of the form YYYY-MM-DD"), today ? today : "");
      return NULL;
    }
  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
      "SELECT v.terms FROM contract_version v JOIN contract c ON c.id = v.contract_id"
      " AND v.number = c.current_version WHERE c.id = ?", error);
    int rc;

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step (stmt);
    if (rc != SQLITE_ROW)
      {
        pw_store_set_error (store, error, rc, _("reading a contract’s terms"));
        return NULL;
      }
    contract = pw_contract_parse ((const char *) sqlite3_column_text (stmt, 0), -1, error);
    if (contract == NULL)
      return NULL;
  }
  /* the bills: as stored once signed, as signing would write them before */
  status = pw_contract_status_from_string (pw_row_string (row, "status"));
  schedule = status >= PW_CONTRACT_SIGNED
             ? pw_lease_read_schedule (store, contract_id, contract->currency, error)
             : pw_lease_compute_schedule (contract, error);
  if (schedule == NULL)
    return NULL;

  figures = g_new0 (PwLeaseFigures, 1);
  figures->currency = g_strdup (contract->currency);
  digits = MAX (pw_currency_minor_digits (contract->currency), 0);
  /* the day the figures are for: today within the term, else its nearer end */
  start = pw_row_string (row, "start_date");
  end = pw_row_string (row, "end_date");
  on = strcmp (today, start) < 0 ? start : strcmp (today, end) > 0 ? end : today;
  figures->on = g_strdup (on);
  pw_date_parse_iso (on, &day);
  for (guint i = 0; i < contract->spaces->len; i++)
    area += ((PwContractSpace *) g_ptr_array_index (contract->spaces, i))->area;
  figures->area = area;

  /* the monthly rent: each rent charge running on the day at its price then */
  for (guint i = 0; i < contract->charges->len; i++)
    {
      const PwCharge *ch = g_ptr_array_index (contract->charges, i);
      PwCharge priced = *ch;
      PwDecimal num, part, sum;
      int den;

      if (g_strcmp0 (ch->kind, "rent") != 0 || g_date_compare (&ch->start, &day) > 0
          || g_date_compare (&ch->end, &day) < 0 || !price_on (contract, i, &day, &priced.unit_price))
        continue;
      if (pw_lease_monthly_rent (&priced, &num, &den))
        {
          gint64 charge_area = priced.area > 0 ? priced.area : area;

          /* price per m² per month × the charge's m² (hundredths) */
          if (!pw_decimal_mul (num, pw_decimal_from_int (charge_area, 2), &part, error)
              || !pw_decimal_div (part, pw_decimal_from_int (den, 0), 10, PW_ROUND_HALF_UP, &part, error))
            return NULL;
        }
      else
        part = priced.unit_price;   /* a monthly amount */
      if (!pw_decimal_add (monthly, part, &sum, error))
        return NULL;
      monthly = sum;
    }
  {
    PwDecimal rounded;
    g_autofree char *text = NULL;

    if (!pw_decimal_rescale (monthly, digits, PW_ROUND_HALF_UP, &rounded, error)
        || !pw_money_parse ((text = pw_decimal_to_string (rounded)), contract->currency,
                            &figures->monthly_rent, error))
      return NULL;
  }
  /* per m² per month, and per day (× 12 ÷ 365), to 4 places */
  if (area > 0)
    {
      PwDecimal per_day;

      if (!pw_decimal_div (monthly, pw_decimal_from_int (area, 2), 4, PW_ROUND_HALF_UP, &rate, error)
          || !pw_decimal_mul (monthly, pw_decimal_from_int (12, 0), &per_day, error)
          || !pw_decimal_div (per_day, pw_decimal_from_int (area * 365, 2), 4, PW_ROUND_HALF_UP,
                              &per_day, error))
        return NULL;
      figures->rent_m2_month = pw_decimal_to_string (rate);
      figures->rent_m2_day = pw_decimal_to_string (per_day);
    }

  /* the total: every charge, credit and penalty over the term, the deposit apart */
  figures->total_value = schedule->gross;
  /* the next bill: the lines billed on the first bill date from today on, all of them */
  for (guint i = 0; i < schedule->lines->len; i++)
    {
      const PwScheduleLine *line = g_ptr_array_index (schedule->lines, i);
      g_autofree char *bill = pw_date_format_iso_new (&line->bill_date);

      if (strcmp (bill, today) < 0)
        continue;
      if (figures->next_bill_date == NULL || strcmp (bill, figures->next_bill_date) < 0)
        {
          g_free (figures->next_bill_date);
          figures->next_bill_date = g_steal_pointer (&bill);
          figures->next_bill_amount = line->gross;
        }
      else if (g_str_equal (bill, figures->next_bill_date))
        figures->next_bill_amount += line->gross;
    }
  return g_steal_pointer (&figures);
}
