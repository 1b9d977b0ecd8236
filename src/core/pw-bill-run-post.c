/* pw-bill-run-post.c — posting a bill run: one transaction through the mutation path
 * (its batch path, pw_store_batch_new())
 * (docs/billing.md, "Posting")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. The run is computed again inside the transaction, so what is posted is what
 *      the store holds at that moment, whatever a preview showed before.
 *   2. Numbers are allocated inside the transaction (pw_bill_highest_seq() + 1, then
 *      one by one per seller and year): a post that fails rolls back with its numbers,
 *      and the next post takes the same ones.
 *   3. A run with nothing new writes nothing: no run record, no bills.
 *   4. The run's receivable rows (receivable_line, ageing_sum) are written after its
 *      lines, set-based, with receivable_batch holding the trigger on bill_line off
 *      meanwhile (schema 19); the table is empty again before COMMIT, and the sums are
 *      those the trigger would have made line by line (docs/receivables.md). The
 *      run's arrears sums (arrears_sum, schema 18) likewise, with one more statement
 *      (schema 20). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "pw-bill-run-private.h"

static char *
filters_json (const PwBillRunFilter *filter)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  struct { const char *name; char **values; } lists[] = {
    { "buildings", filter ? filter->buildings : NULL },
    { "customers", filter ? filter->customers : NULL },
    { "charges", filter ? filter->charges : NULL },
  };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (lists[i].values == NULL || lists[i].values[0] == NULL)
        continue;
      json_builder_set_member_name (b, lists[i].name);
      json_builder_begin_array (b);
      for (char **v = lists[i].values; *v; v++)
        json_builder_add_string_value (b, *v);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}

/* The columns each kind of record is written with, in this order */
static const char *const run_columns[] = {
  "park_id", "period", "filters", "posted_by", "posted_at", NULL
};
enum { RUN_PARK, RUN_PERIOD, RUN_FILTERS, RUN_POSTED_BY, RUN_POSTED_AT };
static const char *const bill_columns[] = {
  "park_id", "run_id", "number", "customer_id", "seller", "seller_name", "currency",
  "bill_date", "due_date", "period", "status", "net", "tax", "gross", NULL
};
enum { BILL_PARK, BILL_RUN, BILL_NUMBER, BILL_CUSTOMER, BILL_SELLER, BILL_SELLER_NAME,
       BILL_CURRENCY, BILL_BILL_DATE, BILL_DUE_DATE, BILL_PERIOD, BILL_STATUS, BILL_NET,
       BILL_TAX, BILL_GROSS };
static const char *const line_columns[] = {
  "bill_id", "source", "origin", "contract_id", "contract_version", "charge", "kind",
  "period_start", "period_end", "net", "tax", "gross", "tax_rate", "explanation",
  "cancelled", NULL
};
enum { LINE_BILL, LINE_SOURCE, LINE_ORIGIN, LINE_CONTRACT, LINE_VERSION, LINE_CHARGE,
       LINE_KIND, LINE_START, LINE_END, LINE_NET, LINE_TAX, LINE_GROSS, LINE_RATE,
       LINE_EXPLANATION, LINE_CANCELLED };

/* The receivable rows of the run's lines, as the trigger on bill_line writes them
 * one by one (schema 17): the building is the first by code of the line's contract's
 * spaces, read once per contract; the ageing sums are added once per key. */
static const char receivables_sql[] =
  "WITH lines AS (SELECT l.id, l.contract_id, l.charge, b.park_id, b.customer_id,"
  "                      b.due_date, b.bill_date"
  "               FROM bill b JOIN bill_line l ON l.bill_id = b.id WHERE b.run_id = ?1),"
  " codes AS (SELECT cs.contract_id, min (bd.code) AS code"
  "           FROM contract_space cs JOIN space s ON s.id = cs.space_id"
  "           JOIN floor f ON f.id = s.floor_id JOIN building bd ON bd.id = f.building_id"
  "           WHERE cs.contract_id IN (SELECT contract_id FROM lines)"
  "           GROUP BY cs.contract_id)"
  " INSERT OR REPLACE INTO receivable_line (line_id, park_id, customer_id, building, charge,"
  "                                         due_date, bill_date)"
  " SELECT lines.id, lines.park_id, lines.customer_id, coalesce (codes.code, ''),"
  "        lines.charge, lines.due_date, lines.bill_date"
  " FROM lines LEFT JOIN codes ON codes.contract_id = lines.contract_id";
static const char ageing_sql[] =
  "INSERT INTO ageing_sum (park_id, customer_id, building, charge, due_date, on_date, amount)"
  " SELECT r.park_id, r.customer_id, r.building, r.charge, r.due_date, r.bill_date,"
  "        sum (l.gross)"
  " FROM bill b JOIN bill_line l ON l.bill_id = b.id JOIN receivable_line r ON r.line_id = l.id"
  " WHERE b.run_id = ?1 AND l.cancelled = 0"
  " GROUP BY r.park_id, r.customer_id, r.building, r.charge, r.due_date, r.bill_date"
  " ON CONFLICT DO UPDATE SET amount = amount + excluded.amount";

/* The run's arrears sums, as the trigger on bill_line adds them line by line
 * (schema 18): lines with a contract, by contract, due date and bill date */
static const char arrears_sql[] =
  "INSERT INTO arrears_sum (contract_id, due_date, on_date, amount)"
  " SELECT l.contract_id, b.due_date, b.bill_date, sum (l.gross)"
  " FROM bill b JOIN bill_line l ON l.bill_id = b.id"
  " WHERE b.run_id = ?1 AND l.contract_id IS NOT NULL AND l.cancelled = 0"
  " GROUP BY l.contract_id, b.due_date, b.bill_date"
  " ON CONFLICT DO UPDATE SET amount = amount + excluded.amount";

static gboolean
write_receivables (PwStore *store, const char *run_id, GError **error)
{
  const char *const sqls[] = { receivables_sql, ageing_sql, arrears_sql };

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sqls[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, run_id, -1, SQLITE_STATIC);
      if (!pw_store_step_done (store, stmt, error))
        return FALSE;
    }
  return pw_store_exec (store, "DELETE FROM receivable_batch", error);
}

/* Numbers each bill and writes the run, its bills and their lines, in that order,
 * through a batch of the mutation path (pw_store_batch_new()): each record validated,
 * audited and queued for sync as its own insert mutation. */
static gboolean
write_run (PwBillRunWork *work, const PwBillRunFilter *filter, GError **error)
{
  g_autoptr(GHashTable) next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *filters = filters_json (filter);
  g_autofree char *now = pw_now_iso ();
  g_autoptr(PwStoreBatch) batch = pw_store_batch_new (work->store, error);
  PwBillRun *run = work->run;
  const char *actor = pw_store_get_actor (work->store);
  const char *draft = pw_bill_status_to_string (PW_BILL_DRAFT);
  const char *id;
  int runs, bills, lines;

  if (batch == NULL || (runs = pw_store_batch_add_kind (batch, "bill_run", run_columns, error)) < 0
      || (bills = pw_store_batch_add_kind (batch, "bill", bill_columns, error)) < 0
      || (lines = pw_store_batch_add_kind (batch, "bill_line", line_columns, error)) < 0)
    return FALSE;
  if (!pw_store_exec (work->store, "INSERT INTO receivable_batch (one) VALUES (1)", error))
    return FALSE;

  pw_store_batch_set_string (batch, runs, RUN_PARK, run->park_id);
  pw_store_batch_set_string (batch, runs, RUN_PERIOD, run->period);
  pw_store_batch_set_string (batch, runs, RUN_FILTERS, filters);
  pw_store_batch_set_string (batch, runs, RUN_POSTED_BY, actor ? actor : "");
  pw_store_batch_set_string (batch, runs, RUN_POSTED_AT, now);
  if ((id = pw_store_batch_insert (batch, runs, NULL, error)) == NULL)
    return FALSE;
  run->run_id = g_strdup (id);

  /* what every bill and every line of the run shares */
  pw_store_batch_set_string (batch, bills, BILL_PARK, run->park_id);
  pw_store_batch_set_string (batch, bills, BILL_RUN, run->run_id);
  pw_store_batch_set_string (batch, bills, BILL_CURRENCY, run->currency);
  pw_store_batch_set_string (batch, bills, BILL_PERIOD, run->period);
  pw_store_batch_set_string (batch, bills, BILL_STATUS, draft);
  pw_store_batch_set_int (batch, lines, LINE_CANCELLED, 0);

  for (guint i = 0; i < run->bills->len; i++)
    {
      PwBillRunBill *bill = g_ptr_array_index (run->bills, i);
      unsigned year = 0;
      g_autofree char *key = NULL;
      gpointer seq;

      sscanf (bill->bill_date, "%4u", &year);
      key = g_strdup_printf ("%s\t%u", bill->seller, year);
      if (!g_hash_table_lookup_extended (next, key, NULL, &seq))
        {
          gint64 highest = pw_bill_highest_seq (work->store, run->park_id, run->park_code,
                                                bill->seller, (int) year, error);

          if (highest < 0)
            return FALSE;
          seq = GSIZE_TO_POINTER ((gsize) highest);
        }
      seq = GSIZE_TO_POINTER (GPOINTER_TO_SIZE (seq) + 1);
      if (GPOINTER_TO_SIZE (seq) > 999999)
        {
          g_set_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS,
                       _("Seller %s of park %s has used every bill number of %u"), bill->seller,
                       run->park_code, year);
          return FALSE;
        }
      g_hash_table_insert (next, g_steal_pointer (&key), seq);
      bill->number = pw_bill_number (run->park_code, bill->seller, (int) year,
                                     (guint) GPOINTER_TO_SIZE (seq));

      pw_store_batch_set_string (batch, bills, BILL_NUMBER, bill->number);
      pw_store_batch_set_string (batch, bills, BILL_CUSTOMER, bill->customer_id);
      pw_store_batch_set_string (batch, bills, BILL_SELLER, bill->seller);
      pw_store_batch_set_string (batch, bills, BILL_SELLER_NAME,
                                 bill->seller_name ? bill->seller_name : "");
      pw_store_batch_set_string (batch, bills, BILL_BILL_DATE, bill->bill_date);
      pw_store_batch_set_string (batch, bills, BILL_DUE_DATE, bill->due_date);
      pw_store_batch_set_int (batch, bills, BILL_NET, bill->net);
      pw_store_batch_set_int (batch, bills, BILL_TAX, bill->tax);
      pw_store_batch_set_int (batch, bills, BILL_GROSS, bill->gross);
      if ((id = pw_store_batch_insert (batch, bills, NULL, error)) == NULL)
        return FALSE;
      bill->id = g_strdup (id);

      pw_store_batch_set_string (batch, lines, LINE_BILL, bill->id);
      for (guint j = 0; j < bill->lines->len; j++)
        {
          PwBillRunLine *l = g_ptr_array_index (bill->lines, j);

          pw_store_batch_set_string (batch, lines, LINE_SOURCE, l->source);
          pw_store_batch_set_string (batch, lines, LINE_ORIGIN, l->origin);
          pw_store_batch_set_string (batch, lines, LINE_CONTRACT, l->contract_id);
          pw_store_batch_set_int (batch, lines, LINE_VERSION, l->contract_version);
          pw_store_batch_set_string (batch, lines, LINE_CHARGE, l->charge);
          pw_store_batch_set_string (batch, lines, LINE_KIND, l->kind);
          pw_store_batch_set_string (batch, lines, LINE_START, l->period_start);
          pw_store_batch_set_string (batch, lines, LINE_END, l->period_end);
          pw_store_batch_set_int (batch, lines, LINE_NET, l->net);
          pw_store_batch_set_int (batch, lines, LINE_TAX, l->tax);
          pw_store_batch_set_int (batch, lines, LINE_GROSS, l->gross);
          pw_store_batch_set_string (batch, lines, LINE_RATE, l->tax_rate);
          pw_store_batch_set_string (batch, lines, LINE_EXPLANATION, l->explanation);
          if (pw_store_batch_insert (batch, lines, NULL, error) == NULL)
            return FALSE;
        }
    }
  return write_receivables (work->store, run->run_id, error) && pw_store_batch_end (batch, error);
}

PwBillRun *
pw_bill_run_post (PwStore *store, const char *park_id, const char *period,
                  const PwBillRunFilter *filter, GError **error)
{
  g_autoptr(PwBillRun) run = pw_bill_run_new_for (park_id, period);
  PwBillRunWork work = { store, run, filter, NULL, NULL, NULL, NULL, NULL };
  gboolean ok;

  if (!pw_store_begin (store, error))
    return NULL;
  ok = pw_bill_run_compute (&work, error);
  pw_bill_run_work_clear (&work);
  if (ok && run->bills->len == 0)
    {
      /* nothing new: nothing is written */
      pw_store_rollback (store);
      return g_steal_pointer (&run);
    }
  /* a run writes thousands of records: the batch keeps them all in the page cache
   * until COMMIT and checkpoints afterwards, as a big pw_store_apply_all() does */
  ok = ok && write_run (&work, filter, error);
  if (!ok)
    pw_store_rollback (store);
  else
    ok = pw_store_commit (store, error);
  /* an explicit transaction's COMMIT says nothing by itself: the open pages (the
   * Billing page's Bills list, the receivables) reload on the store's "changed" */
  if (ok)
    pw_store_notify_changed (store);
  return ok ? g_steal_pointer (&run) : NULL;
}
