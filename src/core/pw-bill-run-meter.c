/* pw-bill-run-meter.c — the metered charges a bill run bills (docs/billing.md,
 * "Metered charges"; docs/meters.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A run over period P bills the utility engine's charges of month P (the reading
 *      period that closed in P), each as a line with the source "meter:<charge key>",
 *      which no standing bill line may hold twice: a charge is billed once however
 *      often P is run.
 *   2. A held charge (a flagged reading not yet confirmed) is not billed; the engine's
 *      problems are the run's problems, and what they keep out a later run bills once
 *      they are put right.
 *   3. A charge without a customer is the park's own and is not billed.
 *   4. Meters the engine refuses as a whole (a time-of-use tariff that prices none of a
 *      meter's registers) are one problem ("meters"), not a failed run: the schedule
 *      lines are billed all the same.
 *   5. The seller is that of the customer's running contract on one of the meter's
 *      spaces (or, failing that, any running contract of the customer in the park):
 *      the seller of its property-fee charge, else its first seller. A customer with
 *      no running contract is a problem ("no_seller"). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-bill-run-private.h"
#include "pw-date.h"
#include "pw-error.h"
#include "pw-meter.h"
#include "pw-meter-compute.h"

/* The running contracts of the customers the park's meters charge, with the seller a
 * metered line of theirs takes (that of the property-fee charge, else the first) and
 * its name, and the spaces they hold: read at once, rather than one query per meter.
 * Each contract's terms are parsed three times (checked, its sellers, its charges):
 * the CTEs are materialised so that SQLite does not evaluate the seller again for
 * each place the outer query names it. */
#define CONTRACTS_SQL                                                                      \
  "WITH cv AS MATERIALIZED (SELECT c.id, c.code, c.customer_id, cu.name AS customer_name,"  \
  "  c.start_date, json_extract (v.terms, '$.sellers') AS sellers,"                         \
  "  (SELECT json_extract (ch.value, '$.seller') FROM json_each (v.terms, '$.charges') ch"  \
  "   WHERE json_extract (ch.value, '$.kind') = 'property_fee' LIMIT 1) AS fee_seller,"     \
  "  (SELECT group_concat (sp.code, char (31)) FROM contract_space cs"                      \
  "   JOIN space sp ON sp.id = cs.space_id WHERE cs.contract_id = c.id) AS spaces"          \
  "  FROM contract c JOIN contract_version v ON v.contract_id = c.id"                        \
  "   AND v.number = c.current_version JOIN customer cu ON cu.id = c.customer_id"           \
  "  WHERE c.park_id = ?1 AND c.status IN ('signed', 'active', 'expiring')"                 \
  "  AND c.start_date <= ?3 AND c.end_date >= ?2 AND json_valid (v.terms)"                  \
  "  AND c.customer_id IN (SELECT m.customer_id FROM meter m WHERE m.park_id = ?1"          \
  "   AND m.active = 1)),"                                                                  \
  " cs AS MATERIALIZED (SELECT *, coalesce (fee_seller, json_extract (sellers, '$[0].code'))" \
  "  AS seller FROM cv)"                                                                    \
  " SELECT id, code, customer_id, customer_name, seller,"                                   \
  " coalesce ((SELECT json_extract (s.value, '$.name') FROM json_each (sellers) s"          \
  "  WHERE json_extract (s.value, '$.code') = seller LIMIT 1), ''), spaces"                 \
  " FROM cs WHERE seller IS NOT NULL ORDER BY customer_id, start_date DESC, code"

/* The metered sources the bills of the run's period hold already: a month's charges are
 * billed only by runs over that month (invariant 1), on bills of its period. */
#define TAKEN_SQL                                                                          \
  "SELECT l.source FROM bill b JOIN bill_line l ON l.bill_id = b.id"                        \
  " WHERE b.park_id = ?1 AND b.period = ?2 AND l.cancelled = 0"                             \
  " AND l.source >= 'meter:' AND l.source < 'meter;'"

typedef struct {
  char *seller, *seller_name, *customer_name, *contract_code;
  char **spaces;   /* the codes of the spaces the contract holds */
} Seller;

static void
seller_free (gpointer data)
{
  Seller *s = data;

  if (s == NULL)
    return;
  g_free (s->seller);
  g_free (s->seller_name);
  g_free (s->customer_name);
  g_free (s->contract_code);
  g_strfreev (s->spaces);
  g_free (s);
}

/* The meter's code → its building's code, for a building filter. */
static gboolean
read_buildings (PwBillRunWork *work, GHashTable *buildings, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (work->store,
    "SELECT m.code, m.spaces, coalesce (b1.code, b2.code, b3.code, '') FROM meter m"
    " LEFT JOIN space s ON s.id = m.location_id LEFT JOIN floor sf ON sf.id = s.floor_id"
    " LEFT JOIN building b1 ON b1.id = sf.building_id"
    " LEFT JOIN floor f ON f.id = m.location_id LEFT JOIN building b2 ON b2.id = f.building_id"
    " LEFT JOIN building b3 ON b3.id = m.location_id WHERE m.park_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, work->run->park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);

      g_hash_table_insert (buildings, g_strdup (code),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading the meters"));
      return FALSE;
    }
  return TRUE;
}

/* The metered sources already billed in the run's period, as a set. */
static GHashTable *
read_taken (PwBillRunWork *work, GError **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = pw_store_prepare_cached (work->store, TAKEN_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, work->run->park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, work->run->period, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (taken, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading the bill lines"));
      return NULL;
    }
  return g_steal_pointer (&taken);
}

/* The customer id → its running contracts (GPtrArray of Seller), latest first. */
static GHashTable *
read_contracts (PwBillRunWork *work, GError **error)
{
  g_autoptr(GHashTable) by_customer = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = pw_store_prepare_cached (work->store, CONTRACTS_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, work->run->park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, work->first_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, work->last_day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *customer = (const char *) sqlite3_column_text (stmt, 2);
      const char *spaces = (const char *) sqlite3_column_text (stmt, 6);
      GPtrArray *list = g_hash_table_lookup (by_customer, customer);
      Seller *s = g_new0 (Seller, 1);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (seller_free);
          g_hash_table_insert (by_customer, g_strdup (customer), list);
        }
      s->contract_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      s->seller = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      s->seller_name = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      s->spaces = spaces != NULL ? g_strsplit (spaces, "\x1f", -1) : g_new0 (char *, 1);
      g_ptr_array_add (list, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading the contracts of a meter’s customer"));
      return NULL;
    }
  return g_steal_pointer (&by_customer);
}

/* The seller of @customer for a meter serving @spaces (codes): its running contract on
 * one of those spaces, else its latest running contract (invariant 5); NULL when it has
 * none. */
static Seller *
find_seller (GHashTable *contracts, const char *customer, char **spaces)
{
  GPtrArray *list = g_hash_table_lookup (contracts, customer);

  if (list == NULL)
    return NULL;
  for (guint i = 0; spaces != NULL && spaces[0] != NULL && i < list->len; i++)
    {
      Seller *s = g_ptr_array_index (list, i);

      for (guint j = 0; s->spaces[j] != NULL; j++)
        if (g_strv_contains ((const char *const *) spaces, s->spaces[j]))
          return s;
    }
  return g_ptr_array_index (list, 0);
}

static gboolean
passes (char **values, const char *a, const char *b)
{
  if (values == NULL || values[0] == NULL)
    return TRUE;
  return (a != NULL && g_strv_contains ((const char *const *) values, a))
         || (b != NULL && g_strv_contains ((const char *const *) values, b));
}

/* The charge code of a metered line: the meter's kind, with "_loss" for a share of a
 * loss ("electricity", "water_loss"). @kinds maps a meter's code to its kind's name. */
static char *
charge_code (GHashTable *kinds, const PwUtilityCharge *c)
{
  const char *kind = g_hash_table_lookup (kinds, c->meter ? c->meter : "");

  if (kind == NULL)
    kind = "other";
  return c->kind == PW_UTILITY_LINE_LOSS ? g_strconcat (kind, "_loss", NULL) : g_strdup (kind);
}

gboolean
pw_bill_run_collect_meters (PwBillRunWork *work, GError **error)
{
  g_autoptr(PwUtilityInput) input = NULL;
  g_autoptr(PwUtilityResult) result = NULL;
  g_autoptr(GHashTable) meters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) buildings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autoptr(GHashTable) sellers = NULL;
  g_autoptr(GHashTable) billed = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  const PwBillRunFilter *filter = work->filter;
  g_autoptr(GError) local = NULL;
  unsigned y = 0, m = 0;
  GDate due;
  g_autofree char *due_text = NULL, *name = NULL;

  sscanf (work->run->period, "%4u-%2u", &y, &m);
  if (filter != NULL && filter->buildings != NULL && filter->buildings[0] != NULL
      && !read_buildings (work, buildings, error))
    return FALSE;
  input = pw_meter_utility_input_unchecked (work->store, work->run->park_id, y, m, &name,
                                            error);
  if (input == NULL)
    return FALSE;
  if (input->meters->len == 0)
    return TRUE;   /* a park without meters in use */
  if ((result = pw_utility_compute (input, &local)) == NULL && local->domain == PW_LEDGER_ERROR)
    {
      /* the meters do not make a month the engine takes (a time-of-use tariff that
       * prices none of a meter's register): their charges wait, the rest is billed */
      pw_bill_run_add_problem (work, "meters", "", PW_BILL_SOURCE_METER,
                               g_strdup_printf ("%s: %s", name, local->message));
      return TRUE;
    }
  if (result == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if ((sellers = read_contracts (work, error)) == NULL
      || (billed = read_taken (work, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < input->meters->len; i++)
    {
      const PwMeter *mt = g_ptr_array_index (input->meters, i);

      g_hash_table_insert (kinds, mt->code, (gpointer) pw_meter_kind_to_string (mt->kind));
      g_hash_table_insert (meters, mt->code, (gpointer) mt);
    }

  for (guint i = 0; i < result->problems->len; i++)
    {
      const PwUtilityProblem *p = g_ptr_array_index (result->problems, i);
      g_autofree char *source = g_strconcat (PW_BILL_SOURCE_METER, p->meter ? p->meter : "",
                                             NULL);

      if (filter != NULL && !passes (filter->buildings,
                                     g_hash_table_lookup (buildings, p->meter ? p->meter : ""),
                                     NULL))
        continue;
      pw_bill_run_add_problem (work, pw_utility_problem_kind_to_string (p->kind), "", source,
                               g_strdup (p->message));
    }

  pw_date_parse_iso (work->last_day, &due);
  g_date_add_days (&due, PW_METER_DUE_DAYS);
  due_text = pw_date_format_iso_new (&due);
  for (guint i = 0; i < result->charges->len; i++)
    {
      const PwUtilityCharge *c = g_ptr_array_index (result->charges, i);
      g_autofree char *source = g_strconcat (PW_BILL_SOURCE_METER, c->key, NULL);
      g_autofree char *charge = charge_code (kinds, c);
      const PwMeter *meter = c->meter ? g_hash_table_lookup (meters, c->meter) : NULL;
      Seller *seller = NULL;
      PwBillRunFound *f;
      PwBillRunLine *l;
      gboolean taken;

      if (c->held || c->customer == NULL)
        continue;
      if (filter != NULL
          && (!passes (filter->charges, charge, NULL)
              || !passes (filter->buildings, g_hash_table_lookup (buildings, c->meter), NULL)))
        continue;
      seller = find_seller (sellers, c->customer, meter ? meter->spaces : NULL);
      if (filter != NULL
          && !passes (filter->customers, c->customer, seller ? seller->customer_name : NULL))
        continue;
      taken = g_hash_table_contains (billed, source)
              || g_hash_table_contains (work->taken, source);
      if (taken)
        {
          work->run->n_already_billed++;
          continue;
        }
      if (seller == NULL)
        {
          pw_bill_run_add_problem (work, "no_seller", "", source,
            g_strdup_printf (_("Meter %s charges a customer without a running contract in the "
                               "park: no seller bills it"), c->meter));
          continue;
        }
      l = g_new0 (PwBillRunLine, 1);
      l->source = g_strdup (source);
      l->origin = g_strdup (source);
      l->contract_code = g_strdup (seller->contract_code);
      l->charge = g_steal_pointer (&charge);
      l->kind = g_strdup ("charge");
      l->period_start = g_strdup (work->first_day);
      l->period_end = g_strdup (work->last_day);
      l->bill_date = g_strdup (work->last_day);
      l->due_date = g_strdup (due_text);
      l->net = c->net;
      l->tax = c->tax;
      l->gross = c->gross;
      l->tax_rate = pw_decimal_to_string (pw_decimal_normalize (c->tax_rate));
      l->explanation = g_strdup (c->explanation ? c->explanation : "");
      f = g_new0 (PwBillRunFound, 1);
      f->line = l;
      f->customer_id = g_strdup (c->customer);
      f->customer_name = g_strdup (seller->customer_name);
      f->seller = g_strdup (seller->seller);
      f->seller_name = g_strdup (seller->seller_name);
      g_hash_table_add (work->taken, g_strdup (source));
      g_ptr_array_add (work->found, f);
    }
  return TRUE;
}
