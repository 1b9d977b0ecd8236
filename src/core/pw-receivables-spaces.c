/* pw-receivables-spaces.c — what the contracts holding spaces owe past due, by space
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are in docs/receivables.md, "Arrears by space". In short: a space shows
 * what the contract holding it owes (a bill line carries its contract), not its
 * customer's whole balance; a space that several contracts hold gives one row per
 * contract. As of a date D, a line of a released or sent bill billed on or before D
 * and due before D owes its gross less the approved credit notes issued on or before D
 * and the allocations of payments paid on or before D (as the ageing's drill-down
 * counts it). A contract's overdue amount is the sum over those lines (a negative
 * adjustment line lowers it; a sum at or below zero is paid up), and its age is D less
 * the oldest due date of a line that still owes something.
 *
 * Set-based: one query reads the park (and its currency), one the holdings of the
 * whole floor with what their contracts owe; each contract's lines are reached by the
 * bill_line_contract index, never by a query per space.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-date.h"
#include "pw-receivables-private.h"
#include "pw-receivables-spaces.h"

void
pw_space_arrears_free (PwSpaceArrears *a)
{
  if (a == NULL)
    return;
  g_free (a->space_id);
  g_free (a->contract_id);
  g_free (a->contract_code);
  g_free (a->customer_id);
  g_free (a->tenant);
  g_free (a->oldest_due);
  g_free (a);
}

/* ?1 the floor or park, ?2 the date; %s the condition on the space */
#define ARREARS_SQL                                                                        \
  "WITH held AS (SELECT cs.space_id, c.id AS contract_id, c.code, c.customer_id"            \
  "  FROM contract_space cs JOIN space s ON s.id = cs.space_id"                            \
  "  JOIN contract c ON c.id = cs.contract_id"                                              \
  "  WHERE %s AND c.status IN ('signed', 'active', 'expiring')"                            \
  "  AND cs.start_date <= ?2 AND cs.end_date >= ?2"                                         \
  "  GROUP BY cs.space_id, c.id),"                                                          \
  " owed AS (SELECT l.contract_id, b.due_date,"                                             \
  "  l.gross - coalesce ((SELECT sum (n.gross) FROM credit_note n WHERE n.bill_line_id = l.id" \
  "   AND n.status = 'approved' AND n.issued_on <= ?2), 0)"                                 \
  "  - coalesce ((SELECT sum (a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id" \
  "   WHERE a.bill_line_id = l.id AND a.cancelled = 0 AND p.paid_on <= ?2), 0) AS open"     \
  "  FROM bill_line l JOIN bill b ON b.id = l.bill_id"                                      \
  "  WHERE l.contract_id IN (SELECT contract_id FROM held) AND l.cancelled = 0"             \
  "  AND b.status IN ('released', 'sent') AND b.bill_date <= ?2 AND b.due_date < ?2),"      \
  " per AS (SELECT contract_id, sum (open) AS overdue,"                                     \
  "  min (CASE WHEN open > 0 THEN due_date END) AS oldest FROM owed GROUP BY contract_id)"  \
  " SELECT h.space_id, h.contract_id, h.code, h.customer_id, cu.name,"                      \
  "  coalesce (p.overdue, 0), p.oldest"                                                      \
  " FROM held h LEFT JOIN per p ON p.contract_id = h.contract_id"                           \
  " LEFT JOIN customer cu ON cu.id = h.customer_id"                                         \
  " ORDER BY h.space_id, h.code, h.contract_id"

GPtrArray *
pw_receivables_space_arrears (PwStore *store, const char *park_id, const char *floor_id,
                              const char *as_of, char **currency, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_space_arrears_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *park = NULL;
  g_autofree char *sql = NULL;
  GDate day;
  int rc;

  if (as_of == NULL || !pw_date_parse_iso (as_of, &day))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   _("“%s” is not a date of the form YYYY-MM-DD"), as_of ? as_of : "");
      return NULL;
    }
  if (floor_id != NULL)
    {
      g_autoptr(sqlite3_stmt) fl = pw_store_prepare (store, "SELECT park_id FROM floor WHERE id = ?1",
                                                     error);

      if (fl == NULL)
        return NULL;
      sqlite3_bind_text (fl, 1, floor_id, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (fl);
      if (rc == SQLITE_ROW)
        park_id = park = g_strdup ((const char *) sqlite3_column_text (fl, 0));
      else if (rc != SQLITE_DONE)
        {
          pw_store_set_error (store, error, rc, _("reading the floor of the arrears"));
          return NULL;
        }
      else
        {
          g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                       _("There is no floor %s"), floor_id);
          return NULL;
        }
    }
  {
    g_autofree char *found = pw_receivables_park (store, park_id, currency, error);

    if (found == NULL)
      return NULL;
    g_free (park);
    park = g_steal_pointer (&found);
  }
  sql = g_strdup_printf (ARREARS_SQL, floor_id != NULL ? "s.floor_id = ?1" : "s.park_id = ?1");
  stmt = pw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, floor_id != NULL ? floor_id : park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwSpaceArrears *a = g_new0 (PwSpaceArrears, 1);
      const char *oldest = (const char *) sqlite3_column_text (stmt, 6);
      GDate due;

      a->space_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      a->contract_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      a->contract_code = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      a->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      a->tenant = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      a->overdue = MAX (sqlite3_column_int64 (stmt, 5), 0);
      if (a->overdue > 0 && oldest != NULL && pw_date_parse_iso (oldest, &due))
        {
          a->oldest_due = g_strdup (oldest);
          a->days = g_date_days_between (&due, &day);
        }
      else
        a->overdue = 0;
      g_ptr_array_add (rows, a);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading what the contracts holding the spaces owe"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
