/* pw-bill-run.c — what a bill run bills: schedule lines of a period grouped into
 * bills (docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A run bills the schedule lines (the derived schedule_line records) of the
 *      park's signed, active, expiring and terminated contracts whose bill date falls
 *      in the period, that pass the filters, and whose source ("schedule:<line id>")
 *      no standing bill line holds yet.
 *   2. A line with a problem (its contract has no customer, its seller is not one of
 *      its contract's sellers) is left out and listed; a later run bills it once it is
 *      put right.
 *   3. Lines go to one bill per customer, seller and due date; a bill's totals are the
 *      sums of its lines, never re-rounded.
 *   4. A preview writes nothing; a post computes the same inside its transaction. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-bill-run-private.h"
#include "pw-date.h"
#include "pw-decimal.h"
#include "pw-money.h"
#include "pw-schedule.h"

void
pw_bill_run_line_free (gpointer data)
{
  PwBillRunLine *l = data;

  if (l == NULL)
    return;
  g_free (l->source);
  g_free (l->origin);
  g_free (l->contract_id);
  g_free (l->contract_code);
  g_free (l->charge);
  g_free (l->kind);
  g_free (l->period_start);
  g_free (l->period_end);
  g_free (l->bill_date);
  g_free (l->due_date);
  g_free (l->tax_rate);
  g_free (l->explanation);
  g_free (l);
}

void
pw_bill_run_found_free (gpointer data)
{
  PwBillRunFound *f = data;

  if (f == NULL)
    return;
  pw_bill_run_line_free (f->line);
  g_free (f->customer_id);
  g_free (f->customer_name);
  g_free (f->seller);
  g_free (f->seller_name);
  g_free (f);
}

static void
bill_free (gpointer data)
{
  PwBillRunBill *b = data;

  g_free (b->number);
  g_free (b->id);
  g_free (b->customer_id);
  g_free (b->customer_name);
  g_free (b->seller);
  g_free (b->seller_name);
  g_free (b->bill_date);
  g_free (b->due_date);
  g_clear_pointer (&b->lines, g_ptr_array_unref);
  g_free (b);
}

static void
total_free (gpointer data)
{
  PwBillRunTotal *t = data;

  g_free (t->charge);
  g_free (t->tax_rate);
  g_free (t);
}

static void
problem_free (gpointer data)
{
  PwBillRunProblem *p = data;

  g_free (p->what);
  g_free (p->contract_code);
  g_free (p->source);
  g_free (p->message);
  g_free (p);
}

void
pw_bill_run_free (PwBillRun *run)
{
  if (run == NULL)
    return;
  g_free (run->park_id);
  g_free (run->park_code);
  g_free (run->currency);
  g_free (run->period);
  g_free (run->run_id);
  g_clear_pointer (&run->bills, g_ptr_array_unref);
  g_clear_pointer (&run->totals, g_ptr_array_unref);
  g_clear_pointer (&run->problems, g_ptr_array_unref);
  g_free (run);
}

void
pw_bill_run_add_problem (PwBillRunWork *work, const char *what, const char *contract_code,
                         const char *source, char *message)
{
  g_autofree char *key = g_strdup_printf ("%s\t%s\t%s", what, contract_code, message);
  PwBillRunProblem *p;

  if (!g_hash_table_add (work->problem_keys, g_steal_pointer (&key)))
    {
      g_free (message);
      return;
    }
  p = g_new0 (PwBillRunProblem, 1);
  p->what = g_strdup (what);
  p->contract_code = g_strdup (contract_code ? contract_code : "");
  p->source = g_strdup (source ? source : "");
  p->message = message;
  g_ptr_array_add (work->run->problems, p);
}

int
pw_bill_run_source_taken (PwBillRunWork *work, const char *source, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (g_hash_table_contains (work->taken, source))
    return 1;
  stmt = pw_store_prepare_cached (work->store,
    "SELECT 1 FROM bill_line WHERE source = ? AND cancelled = 0", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, source, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading the bill lines"));
      return -1;
    }
  return rc == SQLITE_ROW;
}

char *
pw_bill_run_filter_json (char **values)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (values == NULL || values[0] == NULL)
    return NULL;
  b = json_builder_new ();
  json_builder_begin_array (b);
  for (char **v = values; *v; v++)
    json_builder_add_string_value (b, *v);
  json_builder_end_array (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}

/* A schedule line's tax rate as a fraction ("0.09") from its wording: the rate in
 * percent for a taxed line, "0" for an untaxed one, "" when the line (written
 * before schema 10) does not say. */
static char *
tax_rate_of (int form, const char *arg, gint64 tax)
{
  PwDecimal percent, rate;

  if (form == PW_EXPLAIN_TEXT)
    return g_strdup (tax == 0 ? "0" : "");
  if ((form & PW_EXPLAIN_TAX_MASK) == PW_EXPLAIN_TAX_NONE)
    return g_strdup ("0");
  if (arg == NULL || !pw_decimal_parse (arg, &percent, NULL)
      || !pw_decimal_div (percent, pw_decimal_from_int (100, 0), percent.scale + 2,
                          PW_ROUND_HALF_UP, &rate, NULL))
    return g_strdup ("");
  return pw_decimal_to_string (pw_decimal_normalize (rate));
}

/* The sellers of the current terms of @contracts (a JSON array of ids), read at once:
 * contract id → (code → name). The terms are parsed once each (json_valid() and
 * json_extract() share SQLite's parse), and a contract whose terms name no sellers
 * has none. */
#define SELLERS_SQL                                                                        \
  "SELECT c.id, json_extract (s.value, '$.code'), coalesce (json_extract (s.value, '$.name'), '')" \
  " FROM contract c JOIN contract_version v ON v.contract_id = c.id"                       \
  " AND v.number = c.current_version,"                                                     \
  " json_each (CASE WHEN json_valid (v.terms) AND json_type (v.terms, '$.sellers') = 'array'" \
  "  THEN json_extract (v.terms, '$.sellers') END) s"                                      \
  " WHERE c.id IN (SELECT value FROM json_each (?1)) AND s.type = 'object'"

static GHashTable *
contract_sellers (PwBillRunWork *work, const char *contracts, GError **error)
{
  g_autoptr(GHashTable) sellers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_hash_table_unref);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (work->store, SELLERS_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contracts, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      GHashTable *known = g_hash_table_lookup (sellers, id);

      if (sqlite3_column_type (stmt, 1) != SQLITE_TEXT)
        continue;
      if (known == NULL)
        {
          known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (sellers, g_strdup (id), known);
        }
      g_hash_table_insert (known, g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading a contract's sellers"));
      return NULL;
    }
  return g_steal_pointer (&sellers);
}

#define DAYS_TEXT(col) (date_text (sqlite3_column_int64 (stmt, col)))

static char *
date_text (gint64 days)
{
  GDate d;

  pw_date_from_days (days, &d);
  return pw_date_format_iso_new (&d);
}

/* The contracts' filter, shared with the adjustments: ?2 buildings, ?3 customers */
#define CONTRACT_FILTER_SQL                                                                \
  " (?2 IS NULL OR EXISTS (SELECT 1 FROM contract_space cs JOIN space s ON s.id = cs.space_id" \
  "  JOIN floor f ON f.id = s.floor_id JOIN building b ON b.id = f.building_id"             \
  "  WHERE cs.contract_id = c.id AND b.code IN (SELECT value FROM json_each (?2))))"       \
  " AND (?3 IS NULL OR c.customer_id IN (SELECT value FROM json_each (?3))"                \
  "  OR cu.name IN (SELECT value FROM json_each (?3)))"

/* Column 4 is the line's source, column 19 whether a standing bill line holds it
 * (one probe of the unique index bill_line_source per line) */
#define LINES_SQL                                                                          \
  "SELECT c.id, c.code, c.customer_id, cu.name,"                                           \
  " '" PW_BILL_SOURCE_SCHEDULE "' || pw_uuid_text (e.id), e.charge, e.kind,"               \
  " e.seller, e.period_start, e.period_end, e.bill_date, e.due_date, e.net, e.tax,"        \
  " e.gross, e.form, e.form_arg, c.current_version, e.basis,"                              \
  " EXISTS (SELECT 1 FROM bill_line l WHERE l.source = '" PW_BILL_SOURCE_SCHEDULE "'"      \
  "  || pw_uuid_text (e.id) AND l.cancelled = 0)"                                          \
  " FROM contract c JOIN schedule_contract sc ON sc.contract_id = c.id"                   \
  " JOIN schedule_entry e ON e.key BETWEEN sc.n * 4096 AND sc.n * 4096 + 4095"            \
  " LEFT JOIN customer cu ON cu.id = c.customer_id"                                       \
  " WHERE c.park_id = ?1 AND c.status IN ('signed', 'active', 'expiring', 'terminated')"   \
  " AND e.bill_date BETWEEN ?5 AND ?6 AND (?4 IS NULL OR e.charge IN"                      \
  "  (SELECT value FROM json_each (?4))) AND" CONTRACT_FILTER_SQL                          \
  " ORDER BY c.code, e.key"

static const char *const kind_names[] = { "charge", "credit", "deposit", "penalty" };

/* A line the query found, with what its problems are checked against */
static PwBillRunFound *
found_from_row (sqlite3_stmt *stmt, GError **error)
{
  const char *customer = (const char *) sqlite3_column_text (stmt, 2);
  const char *seller = (const char *) sqlite3_column_text (stmt, 7);
  int kind = sqlite3_column_int (stmt, 6);
  PwBillRunFound *f;
  PwBillRunLine *l;
  GDate start, end;

  pw_date_from_days (sqlite3_column_int64 (stmt, 8), &start);
  pw_date_from_days (sqlite3_column_int64 (stmt, 9), &end);
  if (!g_date_valid (&start) || !g_date_valid (&end))
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_SQLITE,
                   _("A schedule line of contract %s has no valid period"),
                   (const char *) sqlite3_column_text (stmt, 1));
      return NULL;
    }
  l = g_new0 (PwBillRunLine, 1);
  l->source = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  l->origin = g_strdup (l->source);
  l->contract_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  l->contract_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  l->charge = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  l->kind = g_strdup (kind >= 0 && kind < (int) G_N_ELEMENTS (kind_names)
                      ? kind_names[kind] : "charge");
  l->period_start = pw_date_format_iso_new (&start);
  l->period_end = pw_date_format_iso_new (&end);
  l->bill_date = DAYS_TEXT (10);
  l->due_date = DAYS_TEXT (11);
  l->net = sqlite3_column_int64 (stmt, 12);
  l->tax = sqlite3_column_int64 (stmt, 13);
  l->gross = sqlite3_column_int64 (stmt, 14);
  l->tax_rate = tax_rate_of (sqlite3_column_int (stmt, 15),
                             (const char *) sqlite3_column_text (stmt, 16), l->tax);
  l->contract_version = sqlite3_column_int64 (stmt, 17);
  l->explanation = pw_schedule_explain (l->charge, &start, &end,
                                        (const char *) sqlite3_column_text (stmt, 18),
                                        (guint) sqlite3_column_int (stmt, 15),
                                        (const char *) sqlite3_column_text (stmt, 16));
  if (l->explanation == NULL)
    l->explanation = g_strdup ("");
  f = g_new0 (PwBillRunFound, 1);
  f->line = l;
  /* a contract without a customer, or a customer record that is gone: no customer */
  f->customer_id = customer && sqlite3_column_type (stmt, 3) != SQLITE_NULL
                   ? g_strdup (customer) : NULL;
  f->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  f->seller = g_strdup (seller);
  return f;
}

/* The lines of the period in one scan of the schedule (an index probe each for
 * whether they are billed), then the sellers of their contracts in one query, then
 * the problems in the order of the lines. */
static gboolean
collect_schedule (PwBillRunWork *work, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (work->store, LINES_SQL, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (pw_bill_run_found_free);
  g_autoptr(GHashTable) contracts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sellers = NULL;
  g_autoptr(JsonBuilder) ids = json_builder_new ();
  g_autoptr(JsonNode) ids_node = NULL;
  g_autofree char *buildings = NULL, *customers = NULL, *charges = NULL, *ids_json = NULL;
  GDate first, last;
  int rc;

  if (stmt == NULL)
    return FALSE;
  pw_date_parse_iso (work->first_day, &first);
  pw_date_parse_iso (work->last_day, &last);
  if (work->filter != NULL)
    {
      buildings = pw_bill_run_filter_json (work->filter->buildings);
      customers = pw_bill_run_filter_json (work->filter->customers);
      charges = pw_bill_run_filter_json (work->filter->charges);
    }
  sqlite3_bind_text (stmt, 1, work->run->park_id, -1, SQLITE_TRANSIENT);
  if (buildings)
    sqlite3_bind_text (stmt, 2, buildings, -1, SQLITE_TRANSIENT);
  if (customers)
    sqlite3_bind_text (stmt, 3, customers, -1, SQLITE_TRANSIENT);
  if (charges)
    sqlite3_bind_text (stmt, 4, charges, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, pw_date_to_days (&first));
  sqlite3_bind_int64 (stmt, 6, pw_date_to_days (&last));

  json_builder_begin_array (ids);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwBillRunFound *f;

      if (sqlite3_column_int (stmt, 19)
          || g_hash_table_contains (work->taken, (const char *) sqlite3_column_text (stmt, 4)))
        {
          work->run->n_already_billed++;
          continue;
        }
      f = found_from_row (stmt, error);
      if (f == NULL)
        return FALSE;
      g_ptr_array_add (rows, f);
      if (f->customer_id != NULL && g_hash_table_add (contracts, f->line->contract_id))
        json_builder_add_string_value (ids, f->line->contract_id);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading the schedule lines to bill"));
      return FALSE;
    }
  json_builder_end_array (ids);
  ids_node = json_builder_get_root (ids);
  ids_json = json_to_string (ids_node, FALSE);
  sellers = contract_sellers (work, ids_json, error);
  if (sellers == NULL)
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      PwBillRunFound *f = g_ptr_array_index (rows, i);
      const char *code = f->line->contract_code;
      GHashTable *known;
      const char *seller_name = NULL;

      if (f->customer_id == NULL)
        {
          pw_bill_run_add_problem (work, "no_customer", code, f->line->source,
            g_strdup_printf (_("Contract %s has no customer: its lines are not billed"), code));
          continue;
        }
      known = g_hash_table_lookup (sellers, f->line->contract_id);
      if (known != NULL && f->seller != NULL)
        seller_name = g_hash_table_lookup (known, f->seller);
      if (seller_name == NULL)
        {
          pw_bill_run_add_problem (work, "unknown_seller", code, f->line->source,
            g_strdup_printf (_("Contract %s bills for seller “%s”, which is not one of its "
                               "sellers: those lines are not billed"), code,
                             f->seller ? f->seller : ""));
          continue;
        }
      f->seller_name = g_strdup (seller_name);
      g_hash_table_add (work->taken, g_strdup (f->line->source));
      rows->pdata[i] = NULL;
      g_ptr_array_add (work->found, f);
    }
  return TRUE;
}

static int
compare_found (gconstpointer a, gconstpointer b)
{
  const PwBillRunFound *x = *(PwBillRunFound *const *) a;
  const PwBillRunFound *y = *(PwBillRunFound *const *) b;
  int c;

  if ((c = g_strcmp0 (x->customer_name, y->customer_name)) != 0
      || (c = g_strcmp0 (x->customer_id, y->customer_id)) != 0
      || (c = g_strcmp0 (x->seller, y->seller)) != 0
      || (c = g_strcmp0 (x->line->due_date, y->line->due_date)) != 0
      || (c = g_strcmp0 (x->line->contract_code, y->line->contract_code)) != 0
      || (c = g_strcmp0 (x->line->period_start, y->line->period_start)) != 0
      || (c = g_strcmp0 (x->line->charge, y->line->charge)) != 0
      || (c = (int) x->line->adjustment - (int) y->line->adjustment) != 0)
    return c;
  return g_strcmp0 (x->line->source, y->line->source);
}

static int
compare_total (gconstpointer a, gconstpointer b)
{
  const PwBillRunTotal *x = *(PwBillRunTotal *const *) a;
  const PwBillRunTotal *y = *(PwBillRunTotal *const *) b;
  int c = g_strcmp0 (x->charge, y->charge);

  return c != 0 ? c : g_strcmp0 (x->tax_rate, y->tax_rate);
}

/* One bill per customer, seller and due date (found is sorted by them). */
static void
group (PwBillRunWork *work)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PwBillRunBill *bill = NULL;
  PwBillRun *run = work->run;

  g_ptr_array_sort (work->found, compare_found);
  for (guint i = 0; i < work->found->len; i++)
    {
      PwBillRunFound *f = g_ptr_array_index (work->found, i);
      PwBillRunLine *l = g_steal_pointer (&f->line);
      g_autofree char *key = g_strdup_printf ("%s\t%s", l->charge, l->tax_rate);
      PwBillRunTotal *t;

      if (bill == NULL || g_strcmp0 (bill->customer_id, f->customer_id) != 0
          || g_strcmp0 (bill->seller, f->seller) != 0
          || g_strcmp0 (bill->due_date, l->due_date) != 0)
        {
          bill = g_new0 (PwBillRunBill, 1);
          bill->customer_id = g_strdup (f->customer_id);
          bill->customer_name = g_strdup (f->customer_name);
          bill->seller = g_strdup (f->seller);
          bill->seller_name = g_strdup (f->seller_name);
          bill->due_date = g_strdup (l->due_date);
          bill->bill_date = g_strdup (l->bill_date);
          bill->lines = g_ptr_array_new_with_free_func (pw_bill_run_line_free);
          g_ptr_array_add (run->bills, bill);
        }
      if (strcmp (l->bill_date, bill->bill_date) < 0)
        {
          g_free (bill->bill_date);
          bill->bill_date = g_strdup (l->bill_date);
        }
      bill->net += l->net;
      bill->tax += l->tax;
      bill->gross += l->gross;
      run->net += l->net;
      run->tax += l->tax;
      run->gross += l->gross;
      t = g_hash_table_lookup (totals, key);
      if (t == NULL)
        {
          t = g_new0 (PwBillRunTotal, 1);
          t->charge = g_strdup (l->charge);
          t->tax_rate = g_strdup (l->tax_rate);
          g_hash_table_insert (totals, g_strdup (key), t);
          g_ptr_array_add (run->totals, t);
        }
      t->n_lines++;
      t->net += l->net;
      t->tax += l->tax;
      t->gross += l->gross;
      g_ptr_array_add (bill->lines, l);
    }
  g_ptr_array_sort (run->totals, compare_total);
}

static gboolean
read_park (PwBillRunWork *work, GError **error)
{
  g_autoptr(JsonObject) park = pw_store_get_row (work->store, "park", work->run->park_id, error);

  if (park == NULL)
    return FALSE;
  work->run->park_code = g_strdup (json_object_get_string_member (park, "code"));
  work->run->currency = g_strdup (json_object_get_string_member (park, "currency"));
  return TRUE;
}

gboolean
pw_bill_run_compute (PwBillRunWork *work, GError **error)
{
  unsigned y = 0, m = 0;
  GDate first, last;

  if (!pw_bill_period_is_valid (work->run->period))
    {
      g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD,
                   _("“%s” is not a billing period of the form YYYY-MM"),
                   work->run->period ? work->run->period : "");
      return FALSE;
    }
  if (!read_park (work, error))
    return FALSE;
  sscanf (work->run->period, "%4u-%2u", &y, &m);
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, m, y);
  last = first;
  g_date_set_day (&last, g_date_get_days_in_month (m, y));
  work->first_day = pw_date_format_iso_new (&first);
  work->last_day = pw_date_format_iso_new (&last);
  work->found = g_ptr_array_new_with_free_func (pw_bill_run_found_free);
  work->problem_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  work->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!collect_schedule (work, error) || !pw_bill_run_collect_meters (work, error)
      || !pw_bill_run_find_adjustments (work, error) || !pw_bill_run_find_late_fees (work, error))
    return FALSE;
  group (work);
  return TRUE;
}

void
pw_bill_run_work_clear (PwBillRunWork *work)
{
  g_clear_pointer (&work->first_day, g_free);
  g_clear_pointer (&work->last_day, g_free);
  g_clear_pointer (&work->found, g_ptr_array_unref);
  g_clear_pointer (&work->problem_keys, g_hash_table_unref);
  g_clear_pointer (&work->taken, g_hash_table_unref);
}

static PwBillRun *
run_new (const char *park_id, const char *period)
{
  PwBillRun *run = g_new0 (PwBillRun, 1);

  run->park_id = g_strdup (park_id);
  run->period = g_strdup (period);
  run->bills = g_ptr_array_new_with_free_func (bill_free);
  run->totals = g_ptr_array_new_with_free_func (total_free);
  run->problems = g_ptr_array_new_with_free_func (problem_free);
  return run;
}

PwBillRun *
pw_bill_run_new_for (const char *park_id, const char *period)
{
  return run_new (park_id, period);
}

PwBillRun *
pw_bill_run_preview (PwStore *store, const char *park_id, const char *period,
                     const PwBillRunFilter *filter, GError **error)
{
  g_autoptr(PwBillRun) run = run_new (park_id, period);
  PwBillRunWork work = { store, run, filter, NULL, NULL, NULL, NULL, NULL };
  gboolean ok = pw_bill_run_compute (&work, error);

  pw_bill_run_work_clear (&work);
  return ok ? g_steal_pointer (&run) : NULL;
}

/* ---- JSON ---------------------------------------------------------------------------- */

static void
add_line (JsonBuilder *b, const PwBillRunLine *l)
{
  json_builder_begin_object (b);
#define STR(k, v) (json_builder_set_member_name (b, k), json_builder_add_string_value (b, v))
#define INT(k, v) (json_builder_set_member_name (b, k), json_builder_add_int_value (b, v))
  STR ("source", l->source);
  STR ("origin", l->origin);
  STR ("contract", l->contract_code);
  STR ("charge", l->charge);
  STR ("kind", l->kind);
  STR ("period_start", l->period_start);
  STR ("period_end", l->period_end);
  STR ("bill_date", l->bill_date);
  STR ("due_date", l->due_date);
  INT ("net", l->net);
  INT ("tax", l->tax);
  INT ("gross", l->gross);
  STR ("tax_rate", l->tax_rate);
  json_builder_set_member_name (b, "adjustment");
  json_builder_add_boolean_value (b, l->adjustment);
  STR ("explanation", l->explanation);
  json_builder_end_object (b);
}

JsonNode *
pw_bill_run_to_json (const PwBillRun *run)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  STR ("park", run->park_code);
  STR ("period", run->period);
  STR ("currency", run->currency);
  json_builder_set_member_name (b, "run_id");
  if (run->run_id)
    json_builder_add_string_value (b, run->run_id);
  else
    json_builder_add_null_value (b);
  INT ("already_billed", run->n_already_billed);
  INT ("net", run->net);
  INT ("tax", run->tax);
  INT ("gross", run->gross);
  json_builder_set_member_name (b, "bills");
  json_builder_begin_array (b);
  for (guint i = 0; i < run->bills->len; i++)
    {
      const PwBillRunBill *bill = g_ptr_array_index (run->bills, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "number");
      if (bill->number)
        json_builder_add_string_value (b, bill->number);
      else
        json_builder_add_null_value (b);
      STR ("customer_id", bill->customer_id);
      STR ("customer", bill->customer_name);
      STR ("seller", bill->seller);
      STR ("seller_name", bill->seller_name);
      STR ("bill_date", bill->bill_date);
      STR ("due_date", bill->due_date);
      INT ("net", bill->net);
      INT ("tax", bill->tax);
      INT ("gross", bill->gross);
      json_builder_set_member_name (b, "lines");
      json_builder_begin_array (b);
      for (guint j = 0; j < bill->lines->len; j++)
        add_line (b, g_ptr_array_index (bill->lines, j));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "totals");
  json_builder_begin_array (b);
  for (guint i = 0; i < run->totals->len; i++)
    {
      const PwBillRunTotal *t = g_ptr_array_index (run->totals, i);

      json_builder_begin_object (b);
      STR ("charge", t->charge);
      STR ("tax_rate", t->tax_rate);
      INT ("lines", t->n_lines);
      INT ("net", t->net);
      INT ("tax", t->tax);
      INT ("gross", t->gross);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; i < run->problems->len; i++)
    {
      const PwBillRunProblem *p = g_ptr_array_index (run->problems, i);

      json_builder_begin_object (b);
      STR ("what", p->what);
      STR ("contract", p->contract_code);
      STR ("source", p->source);
      STR ("message", p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
#undef STR
#undef INT
  return json_builder_get_root (b);
}
