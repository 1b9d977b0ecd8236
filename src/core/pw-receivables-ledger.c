/* pw-receivables-ledger.c — the customer ledger and ageing (docs/receivables.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A customer's balance is Σ bills − Σ credit notes − Σ payments: bills are the
 *      lines of bills that are not cancelled (late fees among them), credit notes those
 *      approved, payments those not undone, allocated or not.
 *   2. Ageing reads ageing_sum, which the triggers of schema 15 keep: + a bill line on
 *      its bill date, − an allocation on its payment's date, − an approved credit note
 *      on its issue date, each under the line's customer, building, charge and due
 *      date. A cell as of D is Σ amounts dated D or before, so what a line owes as of D
 *      lands in the bucket of its due date; the bucket totals are Σ what the open lines
 *      owe, which is the balance plus what payments hold unapplied.
 *   3. ageing_open is ageing_sum summed over its dates, without the keys that owe
 *      nothing; Σ dated ≤ D = ageing_open − Σ dated > D, so an ageing as of today
 *      reads what is open and little else.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-receivables-private.h"
#include "pw-sql-json.h"

int
pw_ageing_bucket (gint64 days_overdue)
{
  if (days_overdue <= 0)
    return 0;
  if (days_overdue <= 30)
    return 1;
  if (days_overdue <= 60)
    return 2;
  if (days_overdue <= 90)
    return 3;
  return 4;
}

JsonObject *
pw_receivables_ledger (PwStore *store, const char *park_id, const char *customer, GError **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *park = pw_receivables_park (store, park_id, &currency, error);
  g_autofree char *customer_id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonArray *entries;
  gint64 bills = 0, credits = 0, payments = 0, balance = 0, unapplied = 0;
  int rc;

  if (park == NULL)
    return NULL;
  customer_id = pw_receivables_customer_id (store, park, customer, error);
  if (customer_id == NULL)
    return NULL;
  /* kind order on one day: what is owed first, then what pays it */
  stmt = pw_store_prepare (store,
    "SELECT date, kind, reference, amount, detail FROM ("
    " SELECT b.bill_date AS date, 0 AS k, 'bill' AS kind, b.number AS reference,"
    "  sum (l.gross) AS amount, b.due_date AS detail FROM bill b JOIN bill_line l ON l.bill_id = b.id"
    "  WHERE b.customer_id = ?1 AND b.status != 'cancelled' AND l.cancelled = 0"
    "  AND l.source NOT LIKE 'late:%' GROUP BY b.id"
    " UNION ALL"
    " SELECT b.bill_date, 1, 'late_fee', b.number, l.gross, l.explanation FROM bill b"
    "  JOIN bill_line l ON l.bill_id = b.id WHERE b.customer_id = ?1 AND b.status != 'cancelled'"
    "  AND l.cancelled = 0 AND l.source LIKE 'late:%'"
    " UNION ALL"
    " SELECT c.issued_on, 2, c.kind, c.number, -c.gross, c.reason FROM credit_note c"
    "  JOIN bill_line l ON l.id = c.bill_line_id JOIN bill b ON b.id = l.bill_id"
    "  WHERE b.customer_id = ?1 AND c.status = 'approved'"
    " UNION ALL"
    " SELECT p.paid_on, 3, 'payment', p.reference, -p.amount, p.method FROM payment p"
    "  WHERE p.customer_id = ?1 AND p.status = 'recorded'"
    ") ORDER BY date, k, reference", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  o = json_object_new ();
  json_object_set_string_member (o, "customer_id", customer_id);
  entries = json_array_new ();
  json_object_set_array_member (o, "entries", entries);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *e = json_object_new ();
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      gint64 amount = sqlite3_column_int64 (stmt, 3);

      if (g_str_equal (kind, "bill") || g_str_equal (kind, "late_fee"))
        bills += amount;
      else if (g_str_equal (kind, "payment"))
        payments -= amount;
      else
        credits -= amount;
      balance += amount;
      pw_sql_set_json_member (e, "date", stmt, 0);
      pw_sql_set_json_member (e, "kind", stmt, 1);
      pw_sql_set_json_member (e, "reference", stmt, 2);
      json_object_set_int_member (e, "amount", amount);
      json_object_set_int_member (e, "balance", balance);
      pw_sql_set_json_member (e, "detail", stmt, 4);
      json_array_add_object_element (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the customer’s ledger"));
      return NULL;
    }
  if (!pw_receivables_query_int (store,
        "SELECT coalesce (sum (p.amount - coalesce ((SELECT sum (amount) FROM allocation"
        " WHERE payment_id = p.id AND cancelled = 0), 0)), 0) FROM payment p"
        " WHERE p.customer_id = ?1 AND p.status = 'recorded'", customer_id, NULL, &unapplied,
        error))
    return NULL;
  {
    g_autoptr(sqlite3_stmt) name = pw_store_prepare (store,
      "SELECT name FROM customer WHERE id = ?", error);

    if (name == NULL)
      return NULL;
    sqlite3_bind_text (name, 1, customer_id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step (name);
    if (rc != SQLITE_ROW)
      {
        pw_store_set_error (store, error, rc, _("reading a customer"));
        return NULL;
      }
    json_object_set_string_member (o, "customer_name", (const char *) sqlite3_column_text (name, 0));
  }
  json_object_set_string_member (o, "currency", currency);
  json_object_set_int_member (o, "bills", bills);
  json_object_set_int_member (o, "credits", credits);
  json_object_set_int_member (o, "payments", payments);
  json_object_set_int_member (o, "balance", balance);
  json_object_set_int_member (o, "unapplied", unapplied);
  return g_steal_pointer (&o);
}

/* The due dates that start the buckets of an ageing as of @as_of: a due date on or
 * after bounds[0] is current, on or after bounds[1] 1–30 days, and so on. */
static gboolean
bucket_bounds (const char *as_of, char bounds[4][11], GError **error)
{
  static const int days[4] = { 0, -30, -60, -90 };
  GDate d;

  if (as_of == NULL || !pw_date_parse_iso (as_of, &d))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   _("“%s” is not a date of the form YYYY-MM-DD"), as_of ? as_of : "");
      return FALSE;
    }
  for (int i = 0; i < 4; i++)
    {
      GDate b = pw_date_add_days (&d, days[i]);

      pw_date_format_iso (&b, bounds[i]);
    }
  return TRUE;
}

static const char *
key_column (const char *by, GError **error)
{
  if (g_strcmp0 (by, "customer") == 0 || by == NULL)
    return "customer_id";
  if (g_strcmp0 (by, "building") == 0)
    return "building";
  if (g_strcmp0 (by, "charge") == 0)
    return "charge";
  g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
               _("Ageing is by customer, building or charge, not “%s”"), by);
  return NULL;
}

/* What is open as of ?2: open now, less what is dated after ?2 */
#define OPEN_AS_OF_SQL                                                                      \
  "(SELECT customer_id, building, charge, due_date, amount FROM ageing_open"                \
  " WHERE park_id = ?1 UNION ALL SELECT customer_id, building, charge, due_date, -amount"   \
  " FROM ageing_sum WHERE park_id = ?1 AND on_date > ?2)"

#define BUCKET_SQL                                                                          \
  "CASE WHEN due_date >= ?2 THEN 0 WHEN due_date >= ?3 THEN 1 WHEN due_date >= ?4 THEN 2"   \
  " WHEN due_date >= ?5 THEN 3 ELSE 4 END"

JsonObject *
pw_receivables_ageing (PwStore *store, const char *park_id, const char *as_of, const char *by,
                       GError **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *park = pw_receivables_park (store, park_id, &currency, error);
  const char *column = NULL;
  char bounds[4][11];
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonArray *rows, *totals;
  gint64 total[PW_AGEING_BUCKETS] = { 0 }, all = 0;
  JsonObject *row = NULL;
  gint64 row_sums[PW_AGEING_BUCKETS] = { 0 };
  g_autofree char *row_key = NULL;
  int rc;

  if (park == NULL || (column = key_column (by, error)) == NULL
      || !bucket_bounds (as_of, bounds, error))
    return NULL;
  /* customers by name; ageing_sum is read in its key order, the GROUP BY needs no sort */
  if (g_str_equal (column, "customer_id"))
    sql = g_strdup (
      "SELECT s.k, coalesce (c.name, ''), s.bucket, s.amount FROM ("
      " SELECT customer_id AS k, " BUCKET_SQL " AS bucket, sum (amount) AS amount"
      " FROM " OPEN_AS_OF_SQL " GROUP BY 1, 2) s"
      " LEFT JOIN customer c ON c.id = s.k ORDER BY 2, 1, 3");
  else
    sql = g_strdup_printf (
      "SELECT %s, %s, " BUCKET_SQL ", sum (amount) FROM " OPEN_AS_OF_SQL
      " GROUP BY 1, 3 ORDER BY 1, 3", column, column);
  stmt = pw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  for (int i = 1; i < 4; i++)
    sqlite3_bind_text (stmt, 2 + i, bounds[i], -1, SQLITE_TRANSIENT);
  /* ?2 is also the first bound: due on or after the date of the ageing is current */
  o = json_object_new ();
  json_object_set_string_member (o, "as_of", as_of);
  json_object_set_string_member (o, "by", by ? by : "customer");
  json_object_set_string_member (o, "currency", currency);
  rows = json_array_new ();
  json_object_set_array_member (o, "rows", rows);

#define FLUSH_ROW()                                                                          \
  G_STMT_START {                                                                             \
    if (row != NULL)                                                                         \
      {                                                                                      \
        JsonArray *b = json_array_new ();                                                    \
        gint64 t = 0;                                                                        \
        gboolean any = FALSE;                                                                \
        for (int i = 0; i < PW_AGEING_BUCKETS; i++)                                          \
          {                                                                                  \
            json_array_add_int_element (b, row_sums[i]);                                     \
            t += row_sums[i];                                                                \
            any = any || row_sums[i] != 0;                                                   \
          }                                                                                  \
        json_object_set_array_member (row, "buckets", b);                                    \
        json_object_set_int_member (row, "total", t);                                        \
        if (any)                                                                             \
          json_array_add_object_element (rows, row);                                         \
        else                                                                                 \
          json_object_unref (row);                                                           \
        row = NULL;                                                                          \
        memset (row_sums, 0, sizeof row_sums);                                               \
      }                                                                                      \
  } G_STMT_END

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      int bucket = sqlite3_column_int (stmt, 2);
      gint64 amount = sqlite3_column_int64 (stmt, 3);

      if (row == NULL || g_strcmp0 (row_key, key) != 0)
        {
          FLUSH_ROW ();
          g_free (row_key);
          row_key = g_strdup (key);
          row = json_object_new ();
          json_object_set_string_member (row, "key", key);
          json_object_set_string_member (row, "name", (const char *) sqlite3_column_text (stmt, 1));
        }
      if (bucket < 0 || bucket >= PW_AGEING_BUCKETS)
        continue;
      row_sums[bucket] += amount;
      total[bucket] += amount;
      all += amount;
    }
  FLUSH_ROW ();
#undef FLUSH_ROW
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the receivables"));
      return NULL;
    }
  totals = json_array_new ();
  for (int i = 0; i < PW_AGEING_BUCKETS; i++)
    json_array_add_int_element (totals, total[i]);
  json_object_set_array_member (o, "totals", totals);
  json_object_set_int_member (o, "total", all);
  return g_steal_pointer (&o);
}

JsonArray *
pw_receivables_ageing_bills (PwStore *store, const char *park_id, const char *as_of, const char *by,
                             const char *key, int bucket, GError **error)
{
  g_autofree char *park = pw_receivables_park (store, park_id, NULL, error);
  const char *column = NULL;
  char bounds[4][11];
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonArray) bills = NULL;
  JsonObject *bill = NULL;
  GDate as_of_date;
  int rc;

  if (park == NULL || (column = key_column (by, error)) == NULL
      || !bucket_bounds (as_of, bounds, error))
    return NULL;
  pw_date_parse_iso (as_of, &as_of_date);
  sql = g_strdup_printf (
    "SELECT * FROM (SELECT b.number, coalesce (c.name, '') AS customer_name, r.due_date, l.id,"
    " l.charge, r.building, l.gross,"
    " l.gross - coalesce ((SELECT sum (n.gross) FROM credit_note n WHERE n.bill_line_id = l.id"
    "  AND n.status = 'approved' AND n.issued_on <= ?2), 0)"
    " - coalesce ((SELECT sum (a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id"
    "  WHERE a.bill_line_id = l.id AND a.cancelled = 0 AND p.paid_on <= ?2), 0) AS open"
    " FROM receivable_line r JOIN bill_line l ON l.id = r.line_id JOIN bill b ON b.id = l.bill_id"
    " LEFT JOIN customer c ON c.id = r.customer_id"
    " WHERE r.park_id = ?1 AND r.%s = ?3 AND r.bill_date <= ?2 AND l.cancelled = 0"
    " AND b.status != 'cancelled') WHERE open != 0 ORDER BY due_date, number, charge, id", column);
  stmt = pw_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, as_of, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
  bills = json_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      const char *due = (const char *) sqlite3_column_text (stmt, 2);
      GDate due_date;
      gint64 days = 0;
      JsonObject *line;
      JsonArray *lines;

      if (pw_date_parse_iso (due, &due_date))
        days = (gint64) g_date_days_between (&due_date, &as_of_date);
      if (bucket >= 0 && pw_ageing_bucket (days) != bucket)
        continue;
      if (bill == NULL || g_strcmp0 (json_object_get_string_member (bill, "number"), number) != 0)
        {
          bill = json_object_new ();
          json_object_set_string_member (bill, "number", number);
          pw_sql_set_json_member (bill, "customer_name", stmt, 1);
          json_object_set_string_member (bill, "due_date", due);
          json_object_set_int_member (bill, "days", days);
          json_object_set_int_member (bill, "bucket", pw_ageing_bucket (days));
          json_object_set_int_member (bill, "open", 0);
          json_object_set_array_member (bill, "lines", json_array_new ());
          json_array_add_object_element (bills, bill);
        }
      lines = json_object_get_array_member (bill, "lines");
      line = json_object_new ();
      pw_sql_set_json_member (line, "line_id", stmt, 3);
      pw_sql_set_json_member (line, "charge", stmt, 4);
      pw_sql_set_json_member (line, "building", stmt, 5);
      pw_sql_set_json_member (line, "gross", stmt, 6);
      pw_sql_set_json_member (line, "open", stmt, 7);
      json_array_add_object_element (lines, line);
      json_object_set_int_member (bill, "open", json_object_get_int_member (bill, "open")
                                                + sqlite3_column_int64 (stmt, 7));
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the bills behind the ageing"));
      return NULL;
    }
  return g_steal_pointer (&bills);
}
