/* pw-payment.c — payments recorded by hand and their allocation (docs/receivables.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Allocation (docs/receivables.md, "Allocation"; rule E26):
 *   1. The bills the payer designated come first, in the order named; then every other
 *      open bill of the customer, the oldest due date first (then the bill number).
 *   2. The park's allocation_order says whether principal lines or late-fee lines go
 *      first: principal_first pays every principal line (oldest first) before any fee,
 *      fees_first the other way round. Within a designated bill the same order holds.
 *   3. A line takes at most what it still owes, a bill at most what it still owes as a
 *      whole (its negative adjustment lines count), the payment at most its amount: an
 *      allocation never exceeds its line, its bill or its payment (the validator checks
 *      it on every insert, whatever path it came by).
 *   4. What is left of the payment stays unapplied, a credit of the customer's; an
 *      under-payment leaves the rest of the lines open (and late).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-money.h"
#include "pw-receivables-private.h"
#include "pw-row.h"
#include "pw-sql-json.h"

G_DEFINE_QUARK (pw-receivables-error-quark, pw_receivables_error)

static const char *const methods[] = { "cash", "cheque", "pos", "transfer", "online", NULL };
static const char *const payment_statuses[] = { "recorded", "undone", NULL };
static const char *const orders[] = { "principal_first", "fees_first", NULL };

/* ---- shared helpers ---------------------------------------------------------------- */

gboolean
pw_receivables_query_int (PwStore *store, const char *sql, const char *p1, const char *p2,
                          gint64 *out, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (p1 != NULL)
    sqlite3_bind_text (stmt, 1, p1, -1, SQLITE_TRANSIENT);
  if (p2 != NULL)
    sqlite3_bind_text (stmt, 2, p2, -1, SQLITE_TRANSIENT);
  *out = 0;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the receivables"));
      return FALSE;
    }
  return TRUE;
}

char *
pw_receivables_park (PwStore *store, const char *park_id, char **currency, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT id, currency FROM park WHERE ?1 IS NULL OR id = ?1 ORDER BY code LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (park_id != NULL)
    sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (currency != NULL)
        *currency = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    pw_store_set_error (store, error, rc, _("reading the parks"));
  else
    g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                 _("There is no park %s"), park_id ? park_id : "");
  return NULL;
}

char *
pw_receivables_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%d");
}

char *
pw_receivables_customer_id (PwStore *store, const char *park_id, const char *customer,
                            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT id FROM customer WHERE park_id = ?1 AND (id = ?2 OR name = ?2) ORDER BY id = ?2 DESC"
    " LIMIT 2", error);
  g_autofree char *id = NULL;
  int rc, n = 0;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, customer ? customer : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ == 0)
        id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the customers"));
      return NULL;
    }
  if (id == NULL)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                   _("There is no customer “%s” in the park"), customer ? customer : "");
      return NULL;
    }
  if (n > 1 && g_strcmp0 (id, customer) != 0)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                   _("More than one customer is called “%s”: name it by its id"), customer);
      return NULL;
    }
  return g_steal_pointer (&id);
}

/* ---- the validator ----------------------------------------------------------------- */

static gboolean
validate_designation (JsonObject *row, GError **error)
{
  const char *text = pw_row_string (row, "designation");
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return TRUE;
  node = json_from_string (text, NULL);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      gboolean ok = json_array_get_length (array) <= 1000;

      for (guint i = 0; ok && i < json_array_get_length (array); i++)
        {
          JsonNode *e = json_array_get_element (array, i);
          ok = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING;
        }
      if (ok)
        return TRUE;
    }
  return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "designation",
                             _("must be a list of bill numbers"));
}

static gboolean
validate_payment (PwStore *store, JsonObject *row, JsonObject *before, GError **error)
{
  static const char *const free[] = { "status", "note", "version", "created_at", "updated_at",
                                      NULL };
  const char *currency = pw_row_string (row, "currency");
  gint64 amount = 0;

  if (!pw_row_require_word (row, "status", payment_statuses, error))
    return FALSE;
  if (before != NULL)
    {
      if (!pw_row_unchanged_but (row, before, free,
                                 _("a payment changes only its note, or is undone"), error))
        return FALSE;
      if (g_strcmp0 (pw_row_string (before, "status"), "undone") == 0
          && g_strcmp0 (pw_row_string (row, "status"), "undone") != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                                   _("a payment undone stays undone"));
      return pw_row_require_text (row, "note", 1000, TRUE, error);
    }
  if (!pw_row_require_text (row, "park_id", 64, FALSE, error)
      || !pw_row_require_text (row, "customer_id", 64, FALSE, error)
      || !pw_row_require_date (row, "paid_on", FALSE, error)
      || !pw_row_require_word (row, "method", methods, error)
      || !pw_row_require_text (row, "reference", 200, TRUE, error)
      || !pw_row_require_text (row, "note", 1000, TRUE, error)
      || !validate_designation (row, error)
      || !pw_row_require_minor (row, "amount", &amount, error))
    return FALSE;
  if (currency == NULL || !pw_currency_is_known (currency))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "currency",
                               _("must be a three-letter ISO 4217 code such as CNY"));
  if (g_strcmp0 (pw_row_string (row, "status"), "recorded") != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                               _("a payment is recorded before it is undone"));
  {
    gint64 same = 0;

    if (!pw_receivables_query_int (store,
          "SELECT count(*) FROM customer c JOIN park p ON p.id = c.park_id"
          " WHERE c.id = ?1 AND p.id = ?2", pw_row_string (row, "customer_id"),
          pw_row_string (row, "park_id"), &same, error))
      return FALSE;
    if (same == 0)
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "customer_id",
                                 _("is not a customer of the payment’s park"));
  }
  return TRUE;
}

static gboolean
validate_allocation (PwStore *store, JsonObject *row, JsonObject *before, GError **error)
{
  static const char *const cancel_only[] = { "cancelled", "version", "created_at", "updated_at",
                                             NULL };
  const char *payment = pw_row_string (row, "payment_id");
  const char *line = pw_row_string (row, "bill_line_id");
  gint64 amount = 0, cancelled = 0, v = 0;

  if (!pw_row_int (row, "cancelled", &cancelled) || (cancelled != 0 && cancelled != 1))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "cancelled",
                               _("must be 0 or 1"));
  if (before != NULL)
    {
      gint64 was = 0;

      if (!pw_row_unchanged_but (row, before, cancel_only,
                                 _("an allocation is only ever cancelled"), error))
        return FALSE;
      pw_row_int (before, "cancelled", &was);
      if (was == 1 && cancelled == 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "cancelled",
                                   _("a cancelled allocation stays cancelled"));
      return TRUE;
    }
  if (!pw_row_require_text (row, "payment_id", 64, FALSE, error)
      || !pw_row_require_text (row, "bill_line_id", 64, FALSE, error)
      || !pw_row_require_minor (row, "amount", &amount, error))
    return FALSE;
  if (cancelled != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "cancelled",
                               _("an allocation is written before it is cancelled"));
  /* the payment: recorded, the line's customer's, with this much unapplied */
  if (!pw_receivables_query_int (store,
        "SELECT count(*) FROM payment p JOIN bill_line l ON l.id = ?2 JOIN bill b ON b.id = l.bill_id"
        " WHERE p.id = ?1 AND p.status = 'recorded' AND b.customer_id = p.customer_id"
        " AND b.status != 'cancelled' AND l.cancelled = 0", payment, line, &v, error))
    return FALSE;
  if (v == 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "bill_line_id",
                               _("is not an open line of a bill of the payment’s customer"));
  if (!pw_receivables_query_int (store,
        "SELECT p.amount - coalesce ((SELECT sum (amount) FROM allocation"
        " WHERE payment_id = p.id AND cancelled = 0), 0) FROM payment p WHERE p.id = ?1",
        payment, NULL, &v, error))
    return FALSE;
  if (amount > v)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "amount",
                               _("is more than what is unapplied of the payment"));
  if (!pw_receivables_query_int (store,
        "SELECT " PW_LINE_OPEN_SQL " FROM bill_line l WHERE l.id = ?1", line, NULL, &v, error))
    return FALSE;
  if (amount > v)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "amount",
                               _("is more than what the bill line still owes"));
  if (!pw_receivables_query_int (store,
        "SELECT sum (" PW_LINE_OPEN_SQL ") FROM bill_line l WHERE l.cancelled = 0"
        " AND l.bill_id = (SELECT bill_id FROM bill_line WHERE id = ?1)", line, NULL, &v, error))
    return FALSE;
  if (amount > v)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "amount",
                               _("is more than what the bill still owes"));
  return TRUE;
}

gboolean
pw_receivables_validate (PwStore *store, const char *entity, JsonObject *row, JsonObject *before,
                         GError **error)
{
  if (g_str_equal (entity, "park"))
    {
      if (pw_row_string (row, "allocation_order") == NULL)
        return TRUE;
      return pw_row_require_word (row, "allocation_order", orders, error);
    }
  if (g_str_equal (entity, "payment"))
    return validate_payment (store, row, before, error);
  if (g_str_equal (entity, "allocation"))
    return validate_allocation (store, row, before, error);
  if (g_str_equal (entity, "credit_note"))
    return pw_credit_note_validate (store, row, before, error);
  return TRUE;
}

/* ---- allocating ------------------------------------------------------------------------ */

typedef struct
{
  char    *line_id;
  char    *bill_id;
  char    *number;
  char    *due_date;
  gboolean fee;
  gint64   open;
  guint    seq;       /* the line's place in the bill */
  int      designated; /* its bill's place in the designation, or G_MAXINT */
} OpenLine;

static void
open_line_free (gpointer data)
{
  OpenLine *l = data;

  g_free (l->line_id);
  g_free (l->bill_id);
  g_free (l->number);
  g_free (l->due_date);
  g_free (l);
}

static gboolean fees_first_sort;

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  const OpenLine *x = *(OpenLine *const *) a;
  const OpenLine *y = *(OpenLine *const *) b;
  int c;

  if (x->designated != y->designated)
    return x->designated < y->designated ? -1 : 1;
  if (x->fee != y->fee)
    return (x->fee == fees_first_sort) ? -1 : 1;
  if ((c = strcmp (x->due_date, y->due_date)) != 0)
    return c;
  if ((c = strcmp (x->number, y->number)) != 0)
    return c;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Adds to @mutations the allocations of @unapplied of the payment @payment (a row). */
static gboolean
plan_allocations (PwStore *store, JsonObject *payment, gint64 unapplied, GPtrArray *mutations,
                  GError **error)
{
  const char *park = pw_row_string (payment, "park_id");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (open_line_free);
  g_autoptr(GHashTable) bill_open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) designation = NULL;
  g_autoptr(JsonNode) dnode = json_from_string (pw_row_string (payment, "designation"), NULL);
  gint64 fees_first = 0;
  int rc;

  if (!pw_receivables_query_int (store,
        "SELECT allocation_order = 'fees_first' FROM park WHERE id = ?1", park, NULL, &fees_first,
        error))
    return FALSE;
  if (dnode != NULL && JSON_NODE_HOLDS_ARRAY (dnode))
    {
      JsonArray *a = json_node_get_array (dnode);
      guint n = json_array_get_length (a);

      designation = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        designation[i] = g_strdup (json_array_get_string_element (a, i));
    }
  stmt = pw_store_prepare (store,
    "SELECT l.id, l.bill_id, b.number, b.due_date, l.source, " PW_LINE_OPEN_SQL
    " FROM bill b JOIN bill_line l ON l.bill_id = b.id"
    " WHERE b.park_id = ?1 AND b.customer_id = ?2 AND b.status != 'cancelled' AND l.cancelled = 0"
    " ORDER BY b.number, l.period_start, l.charge, l.source", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pw_row_string (payment, "customer_id"), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OpenLine *l = g_new0 (OpenLine, 1);
      gint64 *sum;

      l->line_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      l->bill_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      l->number = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      l->due_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      l->fee = g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 4), PW_LATE_SOURCE);
      l->open = sqlite3_column_int64 (stmt, 5);
      l->seq = lines->len;
      l->designated = G_MAXINT;
      for (guint i = 0; designation != NULL && designation[i] != NULL; i++)
        if (g_str_equal (designation[i], l->number))
          {
            l->designated = (int) i;
            break;
          }
      sum = g_hash_table_lookup (bill_open, l->bill_id);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (bill_open, g_strdup (l->bill_id), sum);
        }
      *sum += l->open;
      g_ptr_array_add (lines, l);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the customer’s open bills"));
      return FALSE;
    }
  for (guint i = 0; designation != NULL && designation[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < lines->len && !found; k++)
        found = g_str_equal (((OpenLine *) lines->pdata[k])->number, designation[i]);
      if (!found)
        {
          g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                       _("Bill %s is not an open bill of the payment’s customer"), designation[i]);
          return FALSE;
        }
    }
  fees_first_sort = fees_first != 0;
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len && unapplied > 0; i++)
    {
      OpenLine *l = lines->pdata[i];
      gint64 *bill = g_hash_table_lookup (bill_open, l->bill_id);
      gint64 take = MIN (MIN (l->open, *bill), unapplied);
      g_autofree char *id = NULL;
      PwMutation *m;

      if (take <= 0)
        continue;
      id = pw_uuid_new ();
      m = pw_mutation_new_insert ("allocation", id);
      pw_mutation_set_string (m, "payment_id", pw_row_string (payment, "id"));
      pw_mutation_set_string (m, "bill_line_id", l->line_id);
      pw_mutation_set_int (m, "amount", take);
      pw_mutation_set_int (m, "cancelled", 0);
      g_ptr_array_add (mutations, m);
      *bill -= take;
      unapplied -= take;
    }
  return TRUE;
}

static JsonObject *
payment_row (PwStore *store, const char *id, GError **error)
{
  g_autoptr(GError) local = NULL;
  JsonObject *row = pw_store_get_row (store, "payment", id, &local);

  if (row == NULL)
    {
      if (local != NULL && local->domain != PW_STORE_ERROR)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                     _("There is no payment %s"), id);
    }
  return row;
}

static gboolean
unapplied_of (PwStore *store, const char *id, gint64 *out, GError **error)
{
  return pw_receivables_query_int (store,
    "SELECT p.amount - coalesce ((SELECT sum (amount) FROM allocation WHERE payment_id = p.id"
    " AND cancelled = 0), 0) FROM payment p WHERE p.id = ?1", id, NULL, out, error);
}

char *
pw_payment_add (PwStore *store, const char *park_id, const PwPaymentInput *input, GError **error)
{
  g_autofree char *currency = NULL;
  g_autofree char *park = pw_receivables_park (store, park_id, &currency, error);
  g_autofree char *customer = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) mutations = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) dn = NULL;
  g_autofree char *designation = NULL;
  PwMutation *m;

  if (park == NULL)
    return NULL;
  customer = pw_receivables_customer_id (store, park, input->customer, error);
  if (customer == NULL)
    return NULL;
  json_builder_begin_array (b);
  for (guint i = 0; input->designation != NULL && input->designation[i] != NULL; i++)
    json_builder_add_string_value (b, input->designation[i]);
  json_builder_end_array (b);
  dn = json_builder_get_root (b);
  designation = json_to_string (dn, FALSE);

  id = pw_uuid_new ();
  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  m = pw_mutation_new_insert ("payment", id);
  pw_mutation_set_string (m, "park_id", park);
  pw_mutation_set_string (m, "customer_id", customer);
  pw_mutation_set_string (m, "paid_on", input->paid_on);
  pw_mutation_set_int (m, "amount", input->amount);
  pw_mutation_set_string (m, "currency", currency);
  pw_mutation_set_string (m, "method", input->method);
  pw_mutation_set_string (m, "reference", input->reference ? input->reference : "");
  pw_mutation_set_string (m, "designation", designation);
  pw_mutation_set_string (m, "note", input->note ? input->note : "");
  pw_mutation_set_string (m, "status", "recorded");
  g_ptr_array_add (mutations, m);

  /* the plan reads the open lines as they are; the payment row is what it will be */
  row = json_object_new ();
  json_object_set_string_member (row, "id", id);
  json_object_set_string_member (row, "park_id", park);
  json_object_set_string_member (row, "customer_id", customer);
  json_object_set_string_member (row, "designation", designation);
  if (input->amount > 0 && !plan_allocations (store, row, input->amount, mutations, error))
    return NULL;
  if (!pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error))
    return NULL;
  return g_steal_pointer (&id);
}

gboolean
pw_payment_allocate (PwStore *store, const char *id, GError **error)
{
  g_autoptr(JsonObject) row = payment_row (store, id, error);
  g_autoptr(GPtrArray) mutations = NULL;
  gint64 unapplied = 0;

  if (row == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_string (row, "status"), "recorded") != 0)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS,
                   _("Payment %s was undone"), id);
      return FALSE;
    }
  if (!unapplied_of (store, id, &unapplied, error))
    return FALSE;
  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  if (!plan_allocations (store, row, unapplied, mutations, error))
    return FALSE;
  if (mutations->len == 0)
    return TRUE;
  return pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error);
}

/* the allocations of a payment that stand */
#define PAYMENT_ALLOCATIONS_SQL \
  "SELECT id, version FROM allocation WHERE payment_id = ? AND cancelled = 0 ORDER BY id"

gboolean
pw_receivables_cancel_allocations (PwStore *store, const char *sql, const char *id,
                                   GPtrArray *mutations, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwMutation *m = pw_mutation_new_update ("allocation",
                                              (const char *) sqlite3_column_text (stmt, 0),
                                              sqlite3_column_int64 (stmt, 1));
      pw_mutation_set_int (m, "cancelled", 1);
      g_ptr_array_add (mutations, m);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a payment’s allocations"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_payment_unallocate (PwStore *store, const char *id, GError **error)
{
  g_autoptr(JsonObject) row = payment_row (store, id, error);
  g_autoptr(GPtrArray) mutations = NULL;

  if (row == NULL)
    return FALSE;
  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  if (!pw_receivables_cancel_allocations (store, PAYMENT_ALLOCATIONS_SQL, id, mutations, error))
    return FALSE;
  if (mutations->len == 0)
    return TRUE;
  return pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error);
}

gboolean
pw_payment_undo (PwStore *store, const char *id, GError **error)
{
  g_autoptr(JsonObject) row = payment_row (store, id, error);
  g_autoptr(GPtrArray) mutations = NULL;
  PwMutation *m;
  gint64 version = 0;

  if (row == NULL)
    return FALSE;
  if (g_strcmp0 (pw_row_string (row, "status"), "undone") == 0)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS,
                   _("Payment %s was undone already"), id);
      return FALSE;
    }
  mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  if (!pw_receivables_cancel_allocations (store, PAYMENT_ALLOCATIONS_SQL, id, mutations, error))
    return FALSE;
  pw_row_int (row, "version", &version);
  m = pw_mutation_new_update ("payment", id, version);
  pw_mutation_set_string (m, "status", "undone");
  g_ptr_array_add (mutations, m);
  return pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error);
}

/* ---- reading ---------------------------------------------------------------------------- */

#define PAYMENT_COLUMNS                                                                      \
  "p.id, p.version, p.park_id, p.customer_id, coalesce (c.name, '') AS customer_name,"      \
  " p.paid_on, p.amount, p.currency, p.method, p.reference, p.designation, p.note, p.status," \
  " coalesce ((SELECT sum (amount) FROM allocation WHERE payment_id = p.id AND cancelled = 0),"\
  " 0) AS allocated"

static void
add_unapplied (JsonObject *o)
{
  gint64 amount = json_object_get_int_member (o, "amount");
  gint64 allocated = json_object_get_int_member (o, "allocated");
  gboolean undone = g_strcmp0 (json_object_get_string_member (o, "status"), "undone") == 0;

  json_object_set_int_member (o, "unapplied", undone ? 0 : amount - allocated);
}

JsonObject *
pw_payment_find (PwStore *store, const char *id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT " PAYMENT_COLUMNS " FROM payment p LEFT JOIN customer c ON c.id = p.customer_id"
    " WHERE p.id = ?", error);
  g_autoptr(sqlite3_stmt) lines = NULL;
  g_autoptr(JsonObject) o = NULL;
  JsonArray *array;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND,
                   _("There is no payment %s"), id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading a payment"));
      return NULL;
    }
  o = pw_sql_row_to_json (stmt);
  add_unapplied (o);
  lines = pw_store_prepare (store,
    "SELECT a.id, a.bill_line_id, b.number AS bill_number, l.charge, l.source, a.amount,"
    " a.cancelled FROM allocation a JOIN bill_line l ON l.id = a.bill_line_id"
    " JOIN bill b ON b.id = l.bill_id WHERE a.payment_id = ? ORDER BY a.rowid", error);
  if (lines == NULL)
    return NULL;
  sqlite3_bind_text (lines, 1, id, -1, SQLITE_TRANSIENT);
  array = json_array_new ();
  json_object_set_array_member (o, "allocations", array);
  while ((rc = sqlite3_step (lines)) == SQLITE_ROW)
    json_array_add_object_element (array, pw_sql_row_to_json (lines));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a payment’s allocations"));
      return NULL;
    }
  return g_steal_pointer (&o);
}

GPtrArray *
pw_payment_list (PwStore *store, const char *park_id, const char *customer, GError **error)
{
  g_autofree char *park = pw_receivables_park (store, park_id, NULL, error);
  g_autofree char *customer_id = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  int rc;

  if (park == NULL)
    return NULL;
  if (customer != NULL && (customer_id = pw_receivables_customer_id (store, park, customer,
                                                                     error)) == NULL)
    return NULL;
  stmt = pw_store_prepare (store,
    "SELECT " PAYMENT_COLUMNS " FROM payment p LEFT JOIN customer c ON c.id = p.customer_id"
    " WHERE p.park_id = ?1 AND (?2 IS NULL OR p.customer_id = ?2) ORDER BY p.paid_on, p.rowid",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);
  if (customer_id != NULL)
    sqlite3_bind_text (stmt, 2, customer_id, -1, SQLITE_TRANSIENT);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *o = pw_sql_row_to_json (stmt);

      add_unapplied (o);
      g_ptr_array_add (rows, o);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the payments"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* ---- credits that overtake payments ------------------------------------------------- */

gboolean
pw_receivables_trim_allocations (PwStore *store, const char *line_id, gint64 credit,
                                 GPtrArray *mutations, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 open = 0, excess;
  int rc = SQLITE_DONE;

  if (!pw_receivables_query_int (store, "SELECT " PW_LINE_OPEN_SQL " FROM bill_line l WHERE l.id = ?1",
                                 line_id, NULL, &open, error))
    return FALSE;
  excess = credit - open;
  if (excess <= 0)
    return TRUE;
  stmt = pw_store_prepare (store,
    "SELECT a.id, a.version, a.payment_id, a.amount FROM allocation a"
    " JOIN payment p ON p.id = a.payment_id WHERE a.bill_line_id = ? AND a.cancelled = 0"
    " ORDER BY p.paid_on DESC, a.rowid DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, line_id, -1, SQLITE_TRANSIENT);
  while (excess > 0 && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 amount = sqlite3_column_int64 (stmt, 3);
      PwMutation *m = pw_mutation_new_update ("allocation",
                                              (const char *) sqlite3_column_text (stmt, 0),
                                              sqlite3_column_int64 (stmt, 1));

      pw_mutation_set_int (m, "cancelled", 1);
      g_ptr_array_add (mutations, m);
      if (amount > excess)
        {
          /* the allocation keeps what the line still owes after the credit */
          g_autofree char *id = pw_uuid_new ();

          m = pw_mutation_new_insert ("allocation", id);
          pw_mutation_set_string (m, "payment_id", (const char *) sqlite3_column_text (stmt, 2));
          pw_mutation_set_string (m, "bill_line_id", line_id);
          pw_mutation_set_int (m, "amount", amount - excess);
          pw_mutation_set_int (m, "cancelled", 0);
          g_ptr_array_add (mutations, m);
        }
      excess -= MIN (amount, excess);
    }
  if (excess > 0 && rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a bill line’s allocations"));
      return FALSE;
    }
  return TRUE;
}
