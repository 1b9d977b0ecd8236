/* pw-receivables-ledger.c — the customer ledger and ageing (docs/receivables.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A customer's balance is Σ bills − Σ credit notes − Σ payments: bills are the
 *      lines of bills that are not cancelled (late fees among them), credit notes those
 *      approved, payments those not undone, allocated or not.
 *   2. Ageing reads ageing_sum, which the triggers of schema 17 keep: + a bill line on
 *      its bill date, − an allocation on its payment's date, − an approved credit note
 *      on its issue date, each under the line's customer, building, charge and due
 *      date. A cell as of D is Σ amounts dated D or before, so what a line owes as of D
 *      lands in the bucket of its due date; the bucket totals are Σ what the open lines
 *      owe, which is the balance plus what payments hold unapplied.
 *   3. ageing_open is ageing_sum summed over its dates, without the keys that owe
 *      nothing; Σ dated ≤ D = ageing_open − Σ dated > D, so an ageing as of today
 *      reads what is open and little else.
 *      As of an earlier date, Σ dated ≤ D is read directly when that is fewer rows.
 *   4. The rows are added up here rather than by a GROUP BY: the summary comes in its
 *      key order and a bucket is three string comparisons, so no sort is needed.
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

typedef struct
{
  char  *key;
  char  *name;
  gint64 sums[PW_AGEING_BUCKETS];
} AgeingRow;

static void
ageing_row_free (gpointer data)
{
  AgeingRow *r = data;

  g_free (r->key);
  g_free (r->name);
  g_free (r);
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const AgeingRow *x = *(AgeingRow *const *) a;
  const AgeingRow *y = *(AgeingRow *const *) b;
  int c = g_strcmp0 (x->name, y->name);

  return c != 0 ? c : g_strcmp0 (x->key, y->key);
}

/* The bucket of @due as of the date whose bounds are @bounds (bucket_bounds()) */
static inline int
bucket_of (const char *due, char bounds[4][11])
{
  for (int i = 0; i < 4; i++)
    if (strcmp (due, bounds[i]) >= 0)
      return i;
  return 4;
}

/* Adds the rows of @stmt (key, due date, amount) into @rows by key. The summary is read
 * in its key order, so a customer's rows come together: the last row found is tried
 * before the hash table. */
static gboolean
add_amounts (PwStore *store, sqlite3_stmt *stmt, GHashTable *rows, char bounds[4][11],
             gint64 sign, GError **error)
{
  AgeingRow *last = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *due = (const char *) sqlite3_column_text (stmt, 1);
      AgeingRow *row = last;

      if (key == NULL || due == NULL)
        continue;
      if (row == NULL || strcmp (row->key, key) != 0)
        {
          row = g_hash_table_lookup (rows, key);
          if (row == NULL)
            {
              row = g_new0 (AgeingRow, 1);
              row->key = g_strdup (key);
              g_hash_table_insert (rows, row->key, row);
            }
          last = row;
        }
      row->sums[bucket_of (due, bounds)] += sign * sqlite3_column_int64 (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the receivables"));
      return FALSE;
    }
  return TRUE;
}

JsonObject *
pw_receivables_ageing (PwStore *store, const char *park_id, const char *as_of, const char *by,
                       GError **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *park = pw_receivables_park (store, park_id, &currency, error);
  const char *column = NULL;
  char bounds[4][11];
  g_autofree char *open_sql = NULL, *after_sql = NULL;
  g_autoptr(sqlite3_stmt) open = NULL;
  g_autoptr(sqlite3_stmt) after = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonArray *array, *totals;
  gint64 total[PW_AGEING_BUCKETS] = { 0 }, all = 0;
  GHashTableIter iter;
  gpointer value;

  if (park == NULL || (column = key_column (by, error)) == NULL
      || !bucket_bounds (as_of, bounds, error))
    return NULL;
  /* open as of D = open now (ageing_open) − what is dated after D (ageing_sum) */
  open_sql = g_strdup_printf ("SELECT %s, due_date, amount FROM ageing_open WHERE park_id = ?1",
                              column);
  after_sql = g_strdup_printf ("SELECT %s, due_date, amount FROM ageing_sum WHERE park_id = ?1"
                               " AND on_date > ?2", column);
  open = pw_store_prepare (store, open_sql, error);
  after = open ? pw_store_prepare (store, after_sql, error) : NULL;
  if (after == NULL)
    return NULL;
  sqlite3_bind_text (open, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (after, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (after, 2, as_of, -1, SQLITE_TRANSIENT);
  rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, ageing_row_free);
  /* as of an earlier date, what is dated up to it may be fewer rows to read than what
   * is open now and what came after; the index counts both sides cheaply */
  {
    gint64 n_after = 0, n_before = 0, n_open = 0;

    if (!pw_receivables_query_int (store, "SELECT count(*) FROM ageing_sum WHERE park_id = ?1"
                                          " AND on_date > ?2", park, as_of, &n_after, error))
      return NULL;
    if (n_after > 0
        && (!pw_receivables_query_int (store, "SELECT count(*) FROM ageing_sum WHERE park_id = ?1"
                                              " AND on_date <= ?2", park, as_of, &n_before, error)
            || !pw_receivables_query_int (store, "SELECT count(*) FROM ageing_open WHERE park_id = ?1",
                                          park, NULL, &n_open, error)))
      return NULL;
    if (n_after > 0 && n_before < n_after + n_open)
      {
        g_autofree char *before_sql = g_strdup_printf (
          "SELECT %s, due_date, amount FROM ageing_sum WHERE park_id = ?1 AND on_date <= ?2", column);
        g_autoptr(sqlite3_stmt) before = pw_store_prepare (store, before_sql, error);

        if (before == NULL)
          return NULL;
        sqlite3_bind_text (before, 1, park, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (before, 2, as_of, -1, SQLITE_TRANSIENT);
        if (!add_amounts (store, before, rows, bounds, 1, error))
          return NULL;
      }
    else if (!add_amounts (store, open, rows, bounds, 1, error)
             || !add_amounts (store, after, rows, bounds, -1, error))
      return NULL;
  }

  /* names: customers by theirs, buildings and charges by their codes */
  if (g_str_equal (column, "customer_id"))
    {
      g_autoptr(sqlite3_stmt) names = pw_store_prepare (store,
        "SELECT id, name FROM customer WHERE park_id = ?", error);
      int rc;

      if (names == NULL)
        return NULL;
      sqlite3_bind_text (names, 1, park, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (names)) == SQLITE_ROW)
        {
          AgeingRow *row = g_hash_table_lookup (rows, sqlite3_column_text (names, 0));

          if (row != NULL)
            row->name = g_strdup ((const char *) sqlite3_column_text (names, 1));
        }
      if (rc != SQLITE_DONE)
        {
          pw_store_set_error (store, error, rc, _("reading the customers"));
          return NULL;
        }
    }
  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      AgeingRow *row = value;
      gboolean any = FALSE;

      for (int i = 0; i < PW_AGEING_BUCKETS; i++)
        any = any || row->sums[i] != 0;
      if (!any)
        continue;
      if (row->name == NULL)
        row->name = g_strdup (row->key);
      g_ptr_array_add (sorted, row);
    }
  g_ptr_array_sort (sorted, compare_rows);

  o = json_object_new ();
  json_object_set_string_member (o, "as_of", as_of);
  json_object_set_string_member (o, "by", by ? by : "customer");
  json_object_set_string_member (o, "currency", currency);
  array = json_array_new ();
  json_object_set_array_member (o, "rows", array);
  for (guint r = 0; r < sorted->len; r++)
    {
      AgeingRow *row = sorted->pdata[r];
      JsonObject *j = json_object_new ();
      JsonArray *b = json_array_new ();
      gint64 t = 0;

      for (int i = 0; i < PW_AGEING_BUCKETS; i++)
        {
          json_array_add_int_element (b, row->sums[i]);
          t += row->sums[i];
          total[i] += row->sums[i];
        }
      all += t;
      json_object_set_string_member (j, "key", row->key);
      json_object_set_string_member (j, "name", row->name);
      json_object_set_array_member (j, "buckets", b);
      json_object_set_int_member (j, "total", t);
      json_array_add_object_element (array, j);
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
