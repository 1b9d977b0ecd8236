/* pw-bill-run-post.c — posting a bill run: one transaction through the mutation path
 * (docs/billing.md, "Posting")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. The run is computed again inside the transaction, so what is posted is what
 *      the store holds at that moment, whatever a preview showed before.
 *   2. Numbers are allocated inside the transaction (pw_bill_highest_seq() + 1, then
 *      one by one per seller and year): a post that fails rolls back with its numbers,
 *      and the next post takes the same ones.
 *   3. A run with nothing new writes nothing: no run record, no bills. */
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

/* Numbers each bill and adds the mutations that write the run, its bills and lines. */
static gboolean
add_mutations (PwBillRunWork *work, const PwBillRunFilter *filter, GPtrArray *mutations,
               GError **error)
{
  g_autoptr(GHashTable) next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *filters = filters_json (filter);
  g_autofree char *now = pw_now_iso ();
  PwBillRun *run = work->run;
  const char *actor = pw_store_get_actor (work->store);
  PwMutation *m = pw_mutation_new_insert ("bill_run", NULL);

  run->run_id = g_strdup (pw_mutation_get_id (m));
  pw_mutation_set_string (m, "park_id", run->park_id);
  pw_mutation_set_string (m, "period", run->period);
  pw_mutation_set_string (m, "filters", filters);
  pw_mutation_set_string (m, "posted_by", actor ? actor : "");
  pw_mutation_set_string (m, "posted_at", now);
  g_ptr_array_add (mutations, m);

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

      m = pw_mutation_new_insert ("bill", NULL);
      bill->id = g_strdup (pw_mutation_get_id (m));
      pw_mutation_set_string (m, "park_id", run->park_id);
      pw_mutation_set_string (m, "run_id", run->run_id);
      pw_mutation_set_string (m, "number", bill->number);
      pw_mutation_set_string (m, "customer_id", bill->customer_id);
      pw_mutation_set_string (m, "seller", bill->seller);
      pw_mutation_set_string (m, "seller_name", bill->seller_name ? bill->seller_name : "");
      pw_mutation_set_string (m, "currency", run->currency);
      pw_mutation_set_string (m, "bill_date", bill->bill_date);
      pw_mutation_set_string (m, "due_date", bill->due_date);
      pw_mutation_set_string (m, "period", run->period);
      pw_mutation_set_string (m, "status", pw_bill_status_to_string (PW_BILL_DRAFT));
      pw_mutation_set_int (m, "net", bill->net);
      pw_mutation_set_int (m, "tax", bill->tax);
      pw_mutation_set_int (m, "gross", bill->gross);
      g_ptr_array_add (mutations, m);

      for (guint j = 0; j < bill->lines->len; j++)
        {
          PwBillRunLine *l = g_ptr_array_index (bill->lines, j);

          m = pw_mutation_new_insert ("bill_line", NULL);
          pw_mutation_set_string (m, "bill_id", bill->id);
          pw_mutation_set_string (m, "source", l->source);
          pw_mutation_set_string (m, "origin", l->origin);
          pw_mutation_set_string (m, "contract_id", l->contract_id);
          pw_mutation_set_int (m, "contract_version", l->contract_version);
          pw_mutation_set_string (m, "charge", l->charge);
          pw_mutation_set_string (m, "kind", l->kind);
          pw_mutation_set_string (m, "period_start", l->period_start);
          pw_mutation_set_string (m, "period_end", l->period_end);
          pw_mutation_set_int (m, "net", l->net);
          pw_mutation_set_int (m, "tax", l->tax);
          pw_mutation_set_int (m, "gross", l->gross);
          pw_mutation_set_string (m, "tax_rate", l->tax_rate);
          pw_mutation_set_string (m, "explanation", l->explanation);
          pw_mutation_set_int (m, "cancelled", 0);
          g_ptr_array_add (mutations, m);
        }
    }
  return TRUE;
}

PwBillRun *
pw_bill_run_post (PwStore *store, const char *park_id, const char *period,
                  const PwBillRunFilter *filter, GError **error)
{
  g_autoptr(PwBillRun) run = pw_bill_run_new_for (park_id, period);
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func (
    (GDestroyNotify) pw_mutation_free);
  PwBillRunWork work = { store, run, filter, NULL, NULL, NULL, NULL, NULL };
  gboolean ok;

  /* a run writes thousands of records: a page cache that holds them all, so that
   * no dirty page spills to the WAL before COMMIT (as pw_store_apply_all() does for
   * a big batch of its own); the store's usual size again afterwards */
  if (!pw_store_exec (store, "PRAGMA cache_size = -262144", error))
    return NULL;
  if (!pw_store_begin (store, error))
    {
      pw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
      return NULL;
    }
  ok = pw_bill_run_compute (&work, error);
  pw_bill_run_work_clear (&work);
  if (ok && run->bills->len == 0)
    {
      /* nothing new: nothing is written */
      pw_store_rollback (store);
      pw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
      return g_steal_pointer (&run);
    }
  ok = ok && add_mutations (&work, filter, mutations, error)
       && pw_store_apply_all (store, (PwMutation **) mutations->pdata, mutations->len, error);
  if (!ok)
    pw_store_rollback (store);
  else
    ok = pw_store_commit (store, error);
  pw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
  return ok ? g_steal_pointer (&run) : NULL;
}
