/* pw-customer-contracts.c — a customer's contracts and the spaces they hold
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pw-customer-contracts.h"

static char *
column_dup (sqlite3_stmt *stmt,
            int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

void
pw_customer_contract_free (PwCustomerContract *contract)
{
  if (contract == NULL)
    return;
  g_free (contract->id);
  g_free (contract->code);
  g_free (contract->start_date);
  g_free (contract->end_date);
  g_strfreev (contract->space_codes);
  g_free (contract);
}

void
pw_customer_space_free (PwCustomerSpace *space)
{
  if (space == NULL)
    return;
  g_free (space->space_id);
  g_free (space->code);
  g_free (space->name);
  g_free (space->building_code);
  g_free (space->floor_code);
  g_free (space->contract_id);
  g_free (space->contract_code);
  g_free (space->start_date);
  g_free (space->end_date);
  g_free (space);
}

GPtrArray *
pw_customer_list_contracts (PwStore     *store,
                            const char  *customer_id,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pw_customer_contract_free);
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);

  /* the codes joined by a newline, which no code holds */
  stmt = pw_store_prepare (store,
    "SELECT c.id, c.code, c.status, c.start_date, c.end_date,"
    " (SELECT group_concat (code, char (10)) FROM"
    "   (SELECT s.code AS code FROM contract_space cs JOIN space s ON s.id = cs.space_id"
    "    WHERE cs.contract_id = c.id ORDER BY s.code))"
    " FROM contract c WHERE c.customer_id = ?"
    " ORDER BY c.start_date DESC, c.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwCustomerContract *contract = g_new0 (PwCustomerContract, 1);
      const char *codes = (const char *) sqlite3_column_text (stmt, 5);
      int status = pw_contract_status_from_string ((const char *) sqlite3_column_text (stmt, 2));

      contract->id = column_dup (stmt, 0);
      contract->code = column_dup (stmt, 1);
      contract->status = status < 0 ? PW_CONTRACT_DRAFT : (PwContractStatus) status;
      contract->start_date = column_dup (stmt, 3);
      contract->end_date = column_dup (stmt, 4);
      contract->space_codes = codes != NULL ? g_strsplit (codes, "\n", -1) : g_new0 (char *, 1);
      g_ptr_array_add (rows, contract);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a customer’s contracts"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
pw_customer_list_spaces (PwStore     *store,
                         const char  *customer_id,
                         const char  *today,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pw_customer_space_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_id != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  /* ordered so that the holding ending last comes first for each space */
  stmt = pw_store_prepare (store,
    "SELECT s.id, s.code, s.name, b.code, f.code, c.id, c.code, cs.start_date, cs.end_date,"
    " cs.area"
    " FROM contract c JOIN contract_space cs ON cs.contract_id = c.id"
    " JOIN space s ON s.id = cs.space_id JOIN floor f ON f.id = s.floor_id"
    " JOIN building b ON b.id = f.building_id"
    " WHERE c.customer_id = ?1 AND c.status IN ('signed', 'active', 'expiring')"
    " AND cs.end_date >= ?2"
    " ORDER BY s.code, cs.end_date DESC, c.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwCustomerSpace *space;

      if (g_hash_table_contains (seen, sqlite3_column_text (stmt, 0)))
        continue;
      space = g_new0 (PwCustomerSpace, 1);
      space->space_id = column_dup (stmt, 0);
      space->code = column_dup (stmt, 1);
      space->name = column_dup (stmt, 2);
      space->building_code = column_dup (stmt, 3);
      space->floor_code = column_dup (stmt, 4);
      space->contract_id = column_dup (stmt, 5);
      space->contract_code = column_dup (stmt, 6);
      space->start_date = column_dup (stmt, 7);
      space->end_date = column_dup (stmt, 8);
      space->area = sqlite3_column_int64 (stmt, 9);
      g_hash_table_add (seen, space->space_id);
      g_ptr_array_add (rows, space);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a customer’s spaces"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
