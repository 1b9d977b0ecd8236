/* pw-lease-rooms.c — what the plan shows of the contracts that hold a floor's spaces
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For each space of a floor, the signed contract that holds it today or, when none
 * does, the next one that will (a lease signed before it starts): its tenant, term
 * and the space's unit rent (docs/plans.md, "Lease data"). The unit rent is the rent
 * per m² per month in force on the day (or on the lease's first day when it has not
 * started) of the contract's rent charge that covers the space (for a space let on
 * its own, a parking bay, its fee), to 2 decimals: a per-day price by its standard
 * month, a monthly amount over the charge's area. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-contract.h"
#include "pw-decimal.h"
#include "pw-lease.h"
#include "pw-schedule-private.h"
#include "pw-store.h"

void
pw_held_space_free (PwHeldSpace *held)
{
  if (held == NULL)
    return;
  g_free (held->space_id);
  g_free (held->contract_id);
  g_free (held->contract_code);
  g_free (held->customer_id);
  g_free (held->tenant);
  g_free (held->start_date);
  g_free (held->end_date);
  g_free (held->unit_rent);
  g_free (held);
}

static gboolean
has_space (const PwCharge *ch, const char *code)
{
  for (guint i = 0; ch->spaces != NULL && ch->spaces[i] != NULL; i++)
    if (g_str_equal (ch->spaces[i], code))
      return TRUE;
  return FALSE;
}

/* The unit rent of space @code under @contract on @day, or NULL. */
static char *
unit_rent (const PwContract *contract, const char *code, gint64 held_area, const GDate *day)
{
  const PwCharge *best = NULL;
  guint best_index = 0;
  GDate when;

  /* the rent charge covering the day; else the one that starts first after it:
   * 0. a rent naming the space; 1. any rent of the contract (terms that name their
   * spaces otherwise than the ledger); 2. the fee of a space let on its own (a
   * parking bay, an ad slot): a charge naming it other than the property fee */
  for (guint pass = 0; pass < 3 && best == NULL; pass++)
  for (guint i = 0; i < contract->charges->len; i++)
    {
      const PwCharge *ch = contract->charges->pdata[i];
      gboolean rent = g_strcmp0 (ch->kind, "rent") == 0;

      if ((pass < 2 && !rent) || (pass == 2 && g_strcmp0 (ch->kind, "property_fee") == 0)
          || (pass == 0 && !has_space (ch, code))
          || (pass == 2 && !has_space (ch, code) && ch->spaces != NULL && ch->spaces[0] != NULL)
          || g_date_compare (&ch->end, day) < 0)
        continue;
      if (best == NULL || (g_date_compare (&ch->start, day) <= 0 && g_date_compare (&best->start, day) > 0)
          || (g_date_compare (&best->start, day) > 0 && g_date_compare (&ch->start, &best->start) < 0))
        {
          best = ch;
          best_index = i;
        }
    }
  if (best == NULL)
    return NULL;
  when = g_date_compare (&best->start, day) > 0 ? best->start : *day;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) points = pw_schedule_price_points (contract, best_index, &error);
    PwCharge priced = *best;
    PwDecimal num, rent;
    int den = 1;

    if (points == NULL)
      return NULL;
    for (guint i = 0; i < points->len; i++)
      if (i == 0 || g_date_compare (&g_array_index (points, PwPriceStep, i).from, &when) <= 0)
        priced.unit_price = g_array_index (points, PwPriceStep, i).unit_price;
    if (!pw_lease_monthly_rent (&priced, &num, &den))
      {
        /* a monthly amount: over the charge's area, or, when it names no spaces,
         * that of the contract's (the space's when the terms give none) */
        gint64 area = priced.area;

        if (area <= 0)
          for (guint i = 0; i < contract->spaces->len; i++)
            area += ((PwContractSpace *) contract->spaces->pdata[i])->area;
        if (area <= 0)
          area = held_area;

        if (priced.unit != PW_PRICE_UNIT_MONTH || area <= 0 || area > G_MAXINT
            || !pw_decimal_mul (priced.unit_price, pw_decimal_from_int (100, 0), &num, &error))
          return NULL;
        den = (int) area;
      }
    if (!pw_decimal_div (num, pw_decimal_from_int (den, 0), 2, PW_ROUND_HALF_UP, &rent, &error))
      return NULL;
    return pw_decimal_to_string (rent);
  }
}

GPtrArray *
pw_lease_held_spaces (PwStore    *store,
                      const char *floor_id,
                      const char *today,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT cs.space_id, c.id, c.code, c.customer_id, cu.name, cs.start_date, cs.end_date,"
    " s.code, v.terms, cs.area FROM contract_space cs"
    " JOIN contract c ON c.id = cs.contract_id"
    " JOIN space s ON s.id = cs.space_id"
    " JOIN contract_version v ON v.contract_id = c.id AND v.number = c.current_version"
    " LEFT JOIN customer cu ON cu.id = c.customer_id"
    " WHERE s.floor_id = ?1 AND c.status IN ('signed', 'active', 'expiring')"
    " AND cs.end_date >= ?2 ORDER BY cs.space_id, cs.start_date", error);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_held_space_free);
  g_autoptr(GHashTable) contracts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) pw_contract_free);
  GDate day;
  int rc;

  if (stmt == NULL)
    return NULL;
  pw_date_parse_iso (today, &day);
  sqlite3_bind_text (stmt, 1, floor_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *space_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *contract_id = (const char *) sqlite3_column_text (stmt, 1);
      PwHeldSpace *h;
      PwContract *contract;

      /* the first row of a space is the contract holding it today, else the next */
      if (held->len > 0
          && g_str_equal (((PwHeldSpace *) g_ptr_array_index (held, held->len - 1))->space_id, space_id))
        continue;
      h = g_new0 (PwHeldSpace, 1);
      h->space_id = g_strdup (space_id);
      h->contract_id = g_strdup (contract_id);
      h->contract_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      h->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      h->tenant = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      h->start_date = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      h->end_date = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      if (!g_hash_table_lookup_extended (contracts, contract_id, NULL, (gpointer *) &contract))
        {
          /* terms that cannot be read give no unit rent, not an error for the plan */
          contract = pw_contract_parse ((const char *) sqlite3_column_text (stmt, 8),
                                        sqlite3_column_bytes (stmt, 8), NULL);
          g_hash_table_insert (contracts, g_strdup (contract_id), contract);
        }
      if (contract != NULL && g_date_valid (&day))
        {
          GDate from = day, start;

          if (pw_date_parse_iso (h->start_date, &start) && g_date_compare (&start, &from) > 0)
            from = start;
          h->unit_rent = unit_rent (contract, (const char *) sqlite3_column_text (stmt, 7),
                                    sqlite3_column_int64 (stmt, 9), &from);
        }
      g_ptr_array_add (held, h);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the contracts that hold a floor’s spaces"));
      return NULL;
    }
  return g_steal_pointer (&held);
}
