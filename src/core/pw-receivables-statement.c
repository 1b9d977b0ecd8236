/* pw-receivables-statement.c — a customer's statement (对账单) over a period, per seller
 * (docs/receivables.md, "Statements")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. The entries are the ledger's (pw_receivables_ledger()): bills (the sum of their
 *      lines but the late fees), late-fee lines, approved credit notes and waivers, and
 *      payments not undone; each under the seller of the bill it belongs to.
 *   2. A payment counts under each seller by what it allocates to that seller's bills;
 *      what it holds unapplied counts under the customer's only seller, or in a section
 *      of its own (seller "") when the customer is billed by several sellers or none.
 *      So Σ sections' closing balances = the ledger's balance as of the end date.
 *   3. opening = Σ entries dated before the start; closing = opening + bills − credits −
 *      payments of the period, each section on its own.
 *   4. The ageing of a section is what its bill lines billed on or before the as-of date
 *      still owe as of that date (credit notes issued and payments paid by then), by the
 *      days from the due date to it, in the buckets of pw_ageing_bucket().
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-receivables-private.h"
#include "pw-sql-json.h"

typedef struct
{
  char      *seller;
  char      *seller_name;
  gint64     opening, bills, credits, payments;
  gint64     ageing[PW_AGEING_BUCKETS];
  JsonArray *entries;   /* in the period */
  GPtrArray *pending;   /* JsonObject: every entry up to the end date, in order */
} Section;

static void
section_free (gpointer data)
{
  Section *s = data;

  g_free (s->seller);
  g_free (s->seller_name);
  g_ptr_array_unref (s->pending);
  g_free (s);
}

static Section *
section_get (GHashTable *sections, GPtrArray *order, const char *seller, const char *name)
{
  Section *s = g_hash_table_lookup (sections, seller);

  if (s == NULL)
    {
      s = g_new0 (Section, 1);
      s->seller = g_strdup (seller);
      s->seller_name = g_strdup (name ? name : "");
      s->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_hash_table_insert (sections, s->seller, s);
      g_ptr_array_add (order, s);
    }
  else if (*s->seller_name == '\0' && name != NULL && *name != '\0')
    {
      g_free (s->seller_name);
      s->seller_name = g_strdup (name);
    }
  return s;
}

static gboolean
check_date (const char *text, const char *field, GDate *out, GError **error)
{
  if (text == NULL || !pw_date_parse_iso (text, out))
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   /* Translators: %s is the option or field, e.g. "from" */
                   _("%s: “%s” is not a date of the form YYYY-MM-DD"), field, text ? text : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_statement_period (const char *from, const char *to, const char *as_of, char **out_from,
                     char **out_to, char **out_as_of, GError **error)
{
  g_autofree char *today = pw_receivables_today ();
  GDate f, t, a;

  if (!check_date (to ? to : today, "to", &t, error))
    return FALSE;
  if (from != NULL)
    {
      if (!check_date (from, "from", &f, error))
        return FALSE;
    }
  else
    {
      /* the last 12 months: the day after the same day a year before */
      GDate back = t;

      g_date_subtract_years (&back, 1);
      f = pw_date_add_days (&back, 1);
    }
  if (!check_date (as_of ? as_of : (to ? to : today), "as-of", &a, error))
    return FALSE;
  if (g_date_compare (&f, &t) > 0)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT,
                   _("from: the statement’s start comes after its end"));
      return FALSE;
    }
  *out_from = pw_date_format_iso_new (&f);
  *out_to = pw_date_format_iso_new (&t);
  *out_as_of = pw_date_format_iso_new (&a);
  return TRUE;
}

/* Adds one entry (date, kind, reference, detail, amount) to its seller's section */
static void
add_entry (GHashTable *sections, GPtrArray *order, sqlite3_stmt *stmt)
{
  Section *s = section_get (sections, order, (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  JsonObject *e = json_object_new ();

  pw_sql_set_json_member (e, "date", stmt, 2);
  pw_sql_set_json_member (e, "kind", stmt, 4);
  pw_sql_set_json_member (e, "reference", stmt, 5);
  pw_sql_set_json_member (e, "detail", stmt, 7);
  json_object_set_int_member (e, "amount", sqlite3_column_int64 (stmt, 6));
  g_ptr_array_add (s->pending, e);
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  JsonObject *x = *(JsonObject *const *) a, *y = *(JsonObject *const *) b;
  int c = g_strcmp0 (json_object_get_string_member (x, "date"),
                     json_object_get_string_member (y, "date"));

  if (c == 0)
    c = (int) json_object_get_int_member (x, "k") - (int) json_object_get_int_member (y, "k");
  if (c == 0)
    c = g_strcmp0 (json_object_get_string_member (x, "reference"),
                   json_object_get_string_member (y, "reference"));
  return c;
}

static int
kind_rank (const char *kind)
{
  if (g_str_equal (kind, "bill"))
    return 0;
  if (g_str_equal (kind, "late_fee"))
    return 1;
  if (g_str_equal (kind, "payment"))
    return 3;
  return 2;
}

static int
compare_sections (gconstpointer a, gconstpointer b)
{
  const Section *x = *(Section *const *) a, *y = *(Section *const *) b;

  /* the section of unallocated payments last */
  if ((*x->seller == '\0') != (*y->seller == '\0'))
    return *x->seller == '\0' ? 1 : -1;
  return g_strcmp0 (x->seller, y->seller);
}

JsonObject *
pw_receivables_statement (PwStore *store, const char *park_id, const char *customer,
                          const char *from, const char *to, const char *as_of, GError **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *park = pw_receivables_park (store, park_id, &currency, error);
  g_autofree char *customer_id = NULL, *start = NULL, *end = NULL, *age_date = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) open = NULL;
  g_autoptr(GHashTable) sections = NULL;
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonArray *array, *ageing_totals;
  gint64 opening = 0, bills = 0, credits = 0, payments = 0, ageing[PW_AGEING_BUCKETS] = { 0 };
  guint n_sellers = 0, n_entries = 0;
  Section *loose = NULL;
  GDate as_of_date;
  int rc;

  if (park == NULL)
    return NULL;
  if (!pw_statement_period (from, to, as_of, &start, &end, &age_date, error))
    return NULL;
  customer_id = pw_receivables_customer_id (store, park, customer, error);
  if (customer_id == NULL)
    return NULL;
  pw_date_parse_iso (age_date, &as_of_date);

  /* seller, seller name, date, rank, kind, reference, amount, detail */
  stmt = pw_store_prepare (store,
    "SELECT b.seller, b.seller_name, b.bill_date, 0, 'bill', b.number, sum (l.gross), b.due_date"
    " FROM bill b JOIN bill_line l ON l.bill_id = b.id"
    " WHERE b.customer_id = ?1 AND b.status != 'cancelled' AND l.cancelled = 0"
    " AND l.source NOT LIKE 'late:%' AND b.bill_date <= ?2 GROUP BY b.id"
    " UNION ALL"
    " SELECT b.seller, b.seller_name, b.bill_date, 1, 'late_fee', b.number, l.gross, l.explanation"
    " FROM bill b JOIN bill_line l ON l.bill_id = b.id"
    " WHERE b.customer_id = ?1 AND b.status != 'cancelled' AND l.cancelled = 0"
    " AND l.source LIKE 'late:%' AND b.bill_date <= ?2"
    " UNION ALL"
    " SELECT b.seller, b.seller_name, c.issued_on, 2, c.kind, c.number, -c.gross, c.reason"
    " FROM credit_note c JOIN bill_line l ON l.id = c.bill_line_id JOIN bill b ON b.id = l.bill_id"
    " WHERE b.customer_id = ?1 AND c.status = 'approved' AND c.issued_on <= ?2"
    " UNION ALL"
    " SELECT b.seller, b.seller_name, p.paid_on, 3, 'payment', p.reference, -sum (a.amount), p.method"
    " FROM payment p JOIN allocation a ON a.payment_id = p.id AND a.cancelled = 0"
    " JOIN bill_line l ON l.id = a.bill_line_id JOIN bill b ON b.id = l.bill_id"
    " WHERE p.customer_id = ?1 AND p.status = 'recorded' AND p.paid_on <= ?2"
    " GROUP BY p.id, b.seller"
    " UNION ALL"
    " SELECT '', '', p.paid_on, 3, 'payment', p.reference,"
    " -(p.amount - coalesce ((SELECT sum (a.amount) FROM allocation a"
    "  WHERE a.payment_id = p.id AND a.cancelled = 0), 0)), p.method"
    " FROM payment p WHERE p.customer_id = ?1 AND p.status = 'recorded' AND p.paid_on <= ?2",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, end, -1, SQLITE_TRANSIENT);
  sections = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, section_free);
  order = g_ptr_array_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 6) == 0)
        continue;   /* a payment wholly allocated leaves no unapplied part */
      add_entry (sections, order, stmt);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the customer’s statement"));
      return NULL;
    }

  /* the ageing of each seller's bill lines as of the as-of date */
  open = pw_store_prepare (store,
    "SELECT seller, seller_name, due_date, sum (open) FROM ("
    " SELECT b.seller, b.seller_name, b.due_date,"
    " l.gross - coalesce ((SELECT sum (n.gross) FROM credit_note n WHERE n.bill_line_id = l.id"
    "  AND n.status = 'approved' AND n.issued_on <= ?2), 0)"
    " - coalesce ((SELECT sum (a.amount) FROM allocation a JOIN payment p ON p.id = a.payment_id"
    "  WHERE a.bill_line_id = l.id AND a.cancelled = 0 AND p.status = 'recorded'"
    "  AND p.paid_on <= ?2), 0) AS open"
    " FROM bill b JOIN bill_line l ON l.bill_id = b.id"
    " WHERE b.customer_id = ?1 AND b.status != 'cancelled' AND l.cancelled = 0"
    " AND b.bill_date <= ?2)"
    " GROUP BY seller, due_date HAVING sum (open) != 0", error);
  if (open == NULL)
    return NULL;
  sqlite3_bind_text (open, 1, customer_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (open, 2, age_date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (open)) == SQLITE_ROW)
    {
      Section *s = section_get (sections, order, (const char *) sqlite3_column_text (open, 0),
                                (const char *) sqlite3_column_text (open, 1));
      GDate due;
      gint64 days = 0;

      if (pw_date_parse_iso ((const char *) sqlite3_column_text (open, 2), &due))
        days = (gint64) g_date_days_between (&due, &as_of_date);
      s->ageing[pw_ageing_bucket (days)] += sqlite3_column_int64 (open, 3);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading what the customer owes"));
      return NULL;
    }

  /* what payments hold unapplied goes to the customer's only seller */
  for (guint i = 0; i < order->len; i++)
    {
      Section *s = order->pdata[i];

      if (*s->seller == '\0')
        loose = s;
      else
        n_sellers++;
    }
  if (loose != NULL && n_sellers == 1)
    {
      Section *only = NULL;

      for (guint i = 0; i < order->len && only == NULL; i++)
        if (order->pdata[i] != loose)
          only = order->pdata[i];
      for (guint i = 0; i < loose->pending->len; i++)
        g_ptr_array_add (only->pending, json_object_ref (loose->pending->pdata[i]));
      g_ptr_array_remove (order, loose);
      g_hash_table_remove (sections, "");
    }
  g_ptr_array_sort (order, compare_sections);

  o = json_object_new ();
  json_object_set_string_member (o, "customer_id", customer_id);
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
  json_object_set_string_member (o, "from", start);
  json_object_set_string_member (o, "to", end);
  json_object_set_string_member (o, "as_of", age_date);
  array = json_array_new ();
  json_object_set_array_member (o, "sections", array);
  for (guint i = 0; i < order->len; i++)
    {
      Section *s = order->pdata[i];
      JsonObject *j = json_object_new ();
      JsonArray *entries = json_array_new (), *buckets = json_array_new ();
      gint64 balance, open_total = 0;

      for (guint k = 0; k < s->pending->len; k++)
        json_object_set_int_member (s->pending->pdata[k], "k",
          kind_rank (json_object_get_string_member (s->pending->pdata[k], "kind")));
      g_ptr_array_sort (s->pending, compare_entries);
      for (guint k = 0; k < s->pending->len; k++)
        {
          JsonObject *e = s->pending->pdata[k];
          const char *kind = json_object_get_string_member (e, "kind");
          gint64 amount = json_object_get_int_member (e, "amount");

          if (strcmp (json_object_get_string_member (e, "date"), start) < 0)
            {
              s->opening += amount;
              continue;
            }
          if (kind_rank (kind) <= 1)
            s->bills += amount;
          else if (kind_rank (kind) == 2)
            s->credits -= amount;
          else
            s->payments -= amount;
        }
      balance = s->opening;
      for (guint k = 0; k < s->pending->len; k++)
        {
          JsonObject *e = s->pending->pdata[k];

          if (strcmp (json_object_get_string_member (e, "date"), start) < 0)
            continue;
          balance += json_object_get_int_member (e, "amount");
          json_object_remove_member (e, "k");
          json_object_set_int_member (e, "balance", balance);
          json_array_add_object_element (entries, json_object_ref (e));
          n_entries++;
        }
      for (int b = 0; b < PW_AGEING_BUCKETS; b++)
        {
          json_array_add_int_element (buckets, s->ageing[b]);
          open_total += s->ageing[b];
          ageing[b] += s->ageing[b];
        }
      json_object_set_string_member (j, "seller", s->seller);
      json_object_set_string_member (j, "seller_name", s->seller_name);
      json_object_set_int_member (j, "opening", s->opening);
      json_object_set_array_member (j, "entries", entries);
      json_object_set_int_member (j, "bills", s->bills);
      json_object_set_int_member (j, "credits", s->credits);
      json_object_set_int_member (j, "payments", s->payments);
      json_object_set_int_member (j, "closing", balance);
      json_object_set_array_member (j, "ageing", buckets);
      json_object_set_int_member (j, "open", open_total);
      json_array_add_object_element (array, j);
      opening += s->opening;
      bills += s->bills;
      credits += s->credits;
      payments += s->payments;
    }
  json_object_set_int_member (o, "opening", opening);
  json_object_set_int_member (o, "bills", bills);
  json_object_set_int_member (o, "credits", credits);
  json_object_set_int_member (o, "payments", payments);
  json_object_set_int_member (o, "closing", opening + bills - credits - payments);
  ageing_totals = json_array_new ();
  {
    gint64 open_total = 0;

    for (int b = 0; b < PW_AGEING_BUCKETS; b++)
      {
        json_array_add_int_element (ageing_totals, ageing[b]);
        open_total += ageing[b];
      }
    json_object_set_array_member (o, "ageing", ageing_totals);
    json_object_set_int_member (o, "open", open_total);
  }
  /* worth sending: something happened in the period, or something is owed or held */
  json_object_set_boolean_member (o, "active", n_entries > 0 || opening + bills - credits - payments != 0);
  return g_steal_pointer (&o);
}

GPtrArray *
pw_receivables_statement_customers (PwStore *store, const char *park_id, const char *to,
                                    GError **error)
{
  g_autofree char *park = pw_receivables_park (store, park_id, NULL, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  int rc;

  if (park == NULL)
    return NULL;
  stmt = pw_store_prepare (store,
    "SELECT c.id FROM customer c WHERE c.park_id = ?1 AND (EXISTS (SELECT 1 FROM bill b"
    " WHERE b.customer_id = c.id AND b.status != 'cancelled' AND b.bill_date <= ?2)"
    " OR EXISTS (SELECT 1 FROM payment p WHERE p.customer_id = c.id AND p.status = 'recorded'"
    " AND p.paid_on <= ?2)) ORDER BY c.name, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the customers"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}
