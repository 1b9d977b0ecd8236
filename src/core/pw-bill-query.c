/* pw-bill-query.c — reading bills, and moving them between statuses (docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-bill.h"
#include "pw-receivables-private.h"
#include "pw-row.h"
#include "pw-sql-json.h"

char *
pw_bill_park_id (PwStore *store, const char *code, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT id FROM park WHERE ?1 IS NULL OR code = ?1 ORDER BY code LIMIT 1", error);
  char *id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (code != NULL)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    pw_store_set_error (store, error, rc, _("reading the parks"));
  else if (code != NULL)
    g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_PARK, _("There is no park with the code %s"),
                 code);
  else
    g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_PARK, _("The store holds no park"));
  return id;
}

#define BILL_COLUMNS                                                                      \
  "b.id, b.version, b.park_id, b.run_id, b.number, b.customer_id, coalesce (c.name, '')"  \
  " AS customer_name, b.seller, b.seller_name, b.currency, b.bill_date, b.due_date,"      \
  " b.period, b.status, b.net, b.tax, b.gross, b.created_at, b.updated_at"

GPtrArray *
pw_bill_list (PwStore *store, const char *park_id, const char *period, const char *status,
              GError **error)
{
  g_autofree char *park = park_id ? g_strdup (park_id) : pw_bill_park_id (store, NULL, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) bills = NULL;
  int rc;

  if (park == NULL)
    return NULL;
  if (period != NULL && !pw_bill_period_is_valid (period))
    {
      g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD,
                   _("“%s” is not a billing period of the form YYYY-MM"), period);
      return NULL;
    }
  if (status != NULL && pw_bill_status_from_string (status) < 0)
    {
      g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS,
                   _("“%s” is not a bill status (draft, held, released, sent, cancelled)"),
                   status);
      return NULL;
    }
  stmt = pw_store_prepare (store,
    "SELECT " BILL_COLUMNS " FROM bill b LEFT JOIN customer c ON c.id = b.customer_id"
    " WHERE b.park_id = ?1 AND (?2 IS NULL OR b.period = ?2) AND (?3 IS NULL OR b.status = ?3)"
    " ORDER BY b.number", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  if (period != NULL)
    sqlite3_bind_text (stmt, 2, period, -1, SQLITE_TRANSIENT);
  if (status != NULL)
    sqlite3_bind_text (stmt, 3, status, -1, SQLITE_TRANSIENT);
  bills = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bills, pw_sql_row_to_json (stmt));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the bills"));
      return NULL;
    }
  return g_steal_pointer (&bills);
}

JsonObject *
pw_bill_find (PwStore *store, const char *park_id, const char *number, GError **error)
{
  g_autofree char *park = park_id ? g_strdup (park_id) : pw_bill_park_id (store, NULL, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(JsonObject) bill = NULL;
  JsonArray *array;
  int rc;

  if (park == NULL)
    return NULL;
  stmt = pw_store_prepare (store,
    "SELECT " BILL_COLUMNS " FROM bill b LEFT JOIN customer c ON c.id = b.customer_id"
    " WHERE b.park_id = ? AND b.number = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_NOT_FOUND, _("There is no bill %s"),
                   number);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading a bill"));
      return NULL;
    }
  bill = pw_sql_row_to_json (stmt);
  lines = pw_store_prepare (store,
    "SELECT l.id, l.version, l.source, l.origin, l.contract_id, coalesce (k.code, '')"
    " AS contract_code, l.charge, l.kind, l.period_start, l.period_end, l.net, l.tax,"
    " l.gross, l.tax_rate, l.explanation, l.cancelled FROM bill_line l"
    " LEFT JOIN contract k ON k.id = l.contract_id WHERE l.bill_id = ?"
    " ORDER BY contract_code, l.period_start, l.charge, l.source", error);
  if (lines == NULL)
    return NULL;
  sqlite3_bind_text (lines, 1, json_object_get_string_member (bill, "id"), -1, SQLITE_TRANSIENT);
  array = json_array_new ();
  json_object_set_array_member (bill, "lines", array);
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    json_array_add_object_element (array, pw_sql_row_to_json (lines));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a bill's lines"));
      return NULL;
    }
  return g_steal_pointer (&bill);
}

gboolean
pw_bill_set_status (PwStore *store, const char *park_id, const char *number, PwBillStatus status,
                    GError **error)
{
  g_autoptr(JsonObject) bill = pw_bill_find (store, park_id, number, error);
  g_autoptr(GPtrArray) mutations = NULL;
  PwMutation *m;
  int was;

  if (bill == NULL)
    return FALSE;
  was = pw_bill_status_from_string (json_object_get_string_member (bill, "status"));
  if (was == (int) status)
    return TRUE;
  if (was < 0 || !pw_bill_status_can_become (was, status))
    {
      if (was == PW_BILL_SENT && status == PW_BILL_CANCELLED)
        g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS,
                     _("Bill %s was sent and cannot be cancelled: a sent bill is corrected "
                       "by a credit note"), number);
      else
        g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS,
                     _("Bill %s is %s and cannot become %s"), number,
                     was < 0 ? "?" : pw_bill_status_get_label (was),
                     pw_bill_status_get_label (status));
      return FALSE;
    }
  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  /* a cancelled bill frees its sources: its lines first, while the bill is not sent;
   * before them, payments allocated to its lines take their money back, unapplied
   * (docs/receivables.md) */
  if (status == PW_BILL_CANCELLED
      && !pw_receivables_cancel_allocations (store,
            "SELECT a.id, a.version FROM allocation a JOIN bill_line l ON l.id = a.bill_line_id"
            " WHERE l.bill_id = ? AND a.cancelled = 0 ORDER BY a.id",
            json_object_get_string_member (bill, "id"), mutations, error))
    return FALSE;
  if (status == PW_BILL_CANCELLED)
    {
      JsonArray *lines = json_object_get_array_member (bill, "lines");

      for (guint i = 0; i < json_array_get_length (lines); i++)
        {
          JsonObject *line = json_array_get_object_element (lines, i);

          if (json_object_get_int_member (line, "cancelled") != 0)
            continue;
          m = pw_mutation_new_update ("bill_line", json_object_get_string_member (line, "id"),
                                      json_object_get_int_member (line, "version"));
          pw_mutation_set_int (m, "cancelled", 1);
          g_ptr_array_add (mutations, m);
        }
    }
  m = pw_mutation_new_update ("bill", json_object_get_string_member (bill, "id"),
                              json_object_get_int_member (bill, "version"));
  pw_mutation_set_string (m, "status", pw_bill_status_to_string (status));
  g_ptr_array_add (mutations, m);
  return pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error);
}
