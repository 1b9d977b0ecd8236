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
 *      no running contract is a problem ("no_seller").
 *   6. A reading corrected after its charge was billed (docs/meters.md, "Corrections")
 *      never changes the billed line: each month the corrected reading enters (its
 *      own month up to that of the meter's next reading, no later than the run's) is
 *      computed again, and for every metered source billed in it, Σ billed (the
 *      "meter:" line and its "meter-adj:" lines) is compared with the charge now;
 *      a difference is one line "meter-adj:<charge key>@<correction id>" for the
 *      customer and seller of the bill that billed the source. A correction names the
 *      charges of its own meter and the shares of a loss. Corrections are taken
 *      in the order they were made; what one bills counts as billed for the next, so
 *      after the run Σ billed = the charge of the corrected data and a repeated run
 *      bills nothing. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-bill-run-private.h"
#include "pw-date.h"
#include "pw-error.h"
#include "pw-meter.h"
#include "pw-meter-compute.h"
#include "pw-money.h"
#include "pw-utility-private.h"

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

/* The charges of the run's own month (invariants 1–5) */
static gboolean
collect_month (PwBillRunWork *work, GError **error)
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

/* ---- corrections (invariant 6) ------------------------------------------------- */

/* The park's corrected readings of the run's period or earlier, in the order they were
 * made, with the date of the meter's next reading. ?1 park, ?2 the run's last day. */
#define CORRECTIONS_SQL                                                                    \
  "SELECT e.id, e.event_date, e.note, r.date, m.code,"                                     \
  " (SELECT min (n.date) FROM meter_reading n WHERE n.meter_id = r.meter_id"               \
  "  AND n.date > r.date)"                                                                 \
  " FROM lifecycle_event e JOIN meter_reading r ON r.id = e.entity_id"                     \
  " JOIN meter m ON m.id = r.meter_id"                                                     \
  " WHERE e.entity = 'meter_reading' AND e.event = 'changed' AND m.park_id = ?1"           \
  " AND r.date <= ?2 ORDER BY e.event_date, e.created_at, e.id"

/* Σ billed per metered source of month ?2 (its keys end in "/YYYY-MM") by the standing
 * bills of park ?1, with the customer and seller of the bill of the "meter:" line. */
#define METER_BILLED_SQL                                                                   \
  "SELECT l.origin, max (CASE WHEN l.source = l.origin THEN b.customer_id END),"           \
  " max (CASE WHEN l.source = l.origin THEN coalesce (cu.name, '') END),"                  \
  " max (CASE WHEN l.source = l.origin THEN b.seller END),"                                \
  " max (CASE WHEN l.source = l.origin THEN b.seller_name END),"                           \
  " sum (l.net), sum (l.tax), sum (l.gross), max (l.charge), max (l.tax_rate)"             \
  " FROM bill_line l JOIN bill b ON b.id = l.bill_id"                                      \
  " LEFT JOIN customer cu ON cu.id = b.customer_id"                                        \
  " WHERE b.park_id = ?1 AND l.cancelled = 0 AND l.origin >= 'meter:'"                     \
  " AND l.origin < 'meter;' AND substr (l.origin, -7) = ?2"                                \
  " GROUP BY l.origin"

typedef struct {
  char  *customer_id, *customer_name, *seller, *seller_name, *charge;
  gint64 net, tax, gross;
} Billed;

static void
billed_free (gpointer data)
{
  Billed *b = data;

  g_free (b->customer_id);
  g_free (b->customer_name);
  g_free (b->seller);
  g_free (b->seller_name);
  g_free (b->charge);
  g_free (b);
}

/* One month computed again and what was billed for it */
typedef struct {
  guint            year, month;
  PwUtilityInput  *input;
  PwUtilityResult *result;   /* NULL: the engine refuses the month (a problem) */
  GHashTable      *billed;   /* origin → Billed, of sources with a standing "meter:" line */
  GHashTable      *kinds;    /* meter code → its kind's name */
} Month;

static void
month_free (gpointer data)
{
  Month *m = data;

  g_clear_pointer (&m->input, pw_utility_input_free);
  g_clear_pointer (&m->result, pw_utility_result_free);
  g_clear_pointer (&m->billed, g_hash_table_unref);
  g_clear_pointer (&m->kinds, g_hash_table_unref);
  g_free (m);
}

static GHashTable *
read_meter_billed (PwBillRunWork *work, const char *month_key, GError **error)
{
  g_autoptr(GHashTable) billed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        billed_free);
  sqlite3_stmt *stmt = pw_store_prepare_cached (work->store, METER_BILLED_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, work->run->park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, month_key, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Billed *b;

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;   /* no standing "meter:" line: nothing was billed to adjust */
      b = g_new0 (Billed, 1);
      b->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      b->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      b->seller = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      b->seller_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      b->net = sqlite3_column_int64 (stmt, 5);
      b->tax = sqlite3_column_int64 (stmt, 6);
      b->gross = sqlite3_column_int64 (stmt, 7);
      b->charge = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_hash_table_insert (billed, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading the metered lines billed"));
      return NULL;
    }
  return g_steal_pointer (&billed);
}

/* Month @year-@month computed again with the data as it stands, cached in @months;
 * NULL on an error. */
static Month *
month_again (PwBillRunWork *work, GHashTable *months, guint year, guint month, GError **error)
{
  g_autofree char *key = g_strdup_printf ("%04u-%02u", year, month);
  g_autofree char *name = NULL;
  g_autoptr(GError) local = NULL;
  Month *m = g_hash_table_lookup (months, key);

  if (m != NULL)
    return m;
  m = g_new0 (Month, 1);
  m->year = year;
  m->month = month;
  m->kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (months, g_strdup (key), m);
  if ((m->billed = read_meter_billed (work, key, error)) == NULL)
    return NULL;
  if (g_hash_table_size (m->billed) == 0)
    return m;   /* nothing billed that month: nothing to compute */
  m->input = pw_meter_utility_input_unchecked (work->store, work->run->park_id, year, month,
                                               &name, error);
  if (m->input == NULL)
    return NULL;
  for (guint i = 0; i < m->input->meters->len; i++)
    {
      const PwMeter *mt = g_ptr_array_index (m->input->meters, i);

      g_hash_table_insert (m->kinds, mt->code, (gpointer) pw_meter_kind_to_string (mt->kind));
    }
  m->result = pw_utility_compute (m->input, &local);
  if (m->result == NULL && local->domain == PW_LEDGER_ERROR)
    {
      pw_bill_run_add_problem (work, "meters", "", PW_BILL_SOURCE_METER_ADJ,
                               g_strdup_printf ("%s: %s", name, local->message));
      return m;
    }
  if (m->result == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return m;
}

/* A register's figure as the correction recorded it ("total"), or "?" */
static const char *
note_total (JsonObject *note, const char *member)
{
  JsonNode *n = note ? json_object_get_member (note, member) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_OBJECT (n)
      || !json_object_has_member (json_node_get_object (n), "total"))
    return "?";
  n = json_object_get_member (json_node_get_object (n), "total");
  return JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : "?";
}

static char *
explain_correction (PwBillRunWork *work, const PwUtilityCharge *c, const char *kind,
                    const Month *m, const char *meter, const char *reading_date,
                    const char *corrected_on, JsonObject *note, gint64 billed, gint64 due)
{
  g_autofree char *month = pw_utility_month_label (m->year, m->month);
  g_autofree char *was = pw_money_format_amount (billed, work->run->currency);
  g_autofree char *is = pw_money_format_amount (due, work->run->currency);
  g_autofree char *diff = pw_money_format_amount (due - billed, work->run->currency);
  g_autofree char *signed_diff = due > billed ? g_strconcat ("+", diff, NULL) : g_strdup (diff);
  const char *reason = note && json_object_has_member (note, "reason")
                       ? json_object_get_string_member (note, "reason") : "";

  if (g_strcmp0 (c->meter, meter) == 0)
    /* Translators: a metered adjustment line: meter, its kind, the month, the day of the
     * correction, the reading before and after, the reason, the amount billed, the
     * amount due, the difference ("E-7 electricity Jan 2027 corrected on 2027-02-05
     * (reading 1025 → 1030, “misread”): 750.00 billed, 900.00 due, +150.00") */
    return g_strdup_printf (_("%s %s %s corrected on %s (reading %s → %s, “%s”): %s billed, "
                              "%s due, %s"),
                            c->meter, kind, month, corrected_on, note_total (note, "before"),
                            note_total (note, "after"), reason, was, is, signed_diff);
  /* Translators: as above, for a charge (a share of a loss) that another meter's
   * corrected reading changes: its meter, kind, month, then the corrected meter, the
   * date of its reading, the day of the correction, … */
  return g_strdup_printf (_("%s %s %s, by the correction of meter %s’s reading of %s on %s "
                            "(%s → %s, “%s”): %s billed, %s due, %s"),
                          c->meter ? c->meter : "", kind, month, meter, reading_date,
                          corrected_on, note_total (note, "before"), note_total (note, "after"),
                          reason, was, is, signed_diff);
}

/* The adjustment lines of one correction in the month @m (invariant 6) */
static gboolean
adjust_month (PwBillRunWork *work, Month *m, const char *event_id, const char *corrected_on,
              JsonObject *note, const char *meter, const char *reading_date,
              GHashTable *buildings, GError **error)
{
  const PwBillRunFilter *filter = work->filter;
  g_autofree char *first = g_strdup_printf ("%04u-%02u-01", m->year, m->month);
  g_autofree char *last = g_strdup_printf ("%04u-%02u-%02u", m->year, m->month,
                                           g_date_get_days_in_month (m->month, m->year));
  g_autofree char *due_text = NULL;
  GDate due;

  if (m->result == NULL)
    return TRUE;
  pw_date_parse_iso (work->last_day, &due);
  g_date_add_days (&due, PW_METER_DUE_DAYS);
  due_text = pw_date_format_iso_new (&due);
  for (guint i = 0; i < m->result->charges->len; i++)
    {
      const PwUtilityCharge *c = g_ptr_array_index (m->result->charges, i);
      g_autofree char *origin = g_strconcat (PW_BILL_SOURCE_METER, c->key, NULL);
      g_autofree char *source = NULL, *kind = NULL;
      Billed *b = g_hash_table_lookup (m->billed, origin);
      PwBillRunFound *f;
      PwBillRunLine *l;
      int taken;

      /* a correction names the charges of its meter and the shares of a loss (which
       * every meter of the loss enters) */
      if (b == NULL || c->held
          || (c->kind != PW_UTILITY_LINE_LOSS && g_strcmp0 (c->meter, meter) != 0)
          || (c->net == b->net && c->tax == b->tax && c->gross == b->gross))
        continue;
      if (filter != NULL
          && (!passes (filter->charges, b->charge, NULL)
              || !passes (filter->buildings, g_hash_table_lookup (buildings, c->meter ? c->meter : ""), NULL)
              || !passes (filter->customers, b->customer_id, b->customer_name)))
        continue;
      source = g_strconcat (PW_BILL_SOURCE_METER_ADJ, c->key, "@", event_id, NULL);
      if ((taken = pw_bill_run_source_taken (work, source, error)) < 0)
        return FALSE;
      if (taken)
        continue;   /* billed already; a later correction bills what changed since */
      kind = charge_code (m->kinds, c);
      l = g_new0 (PwBillRunLine, 1);
      l->adjustment = TRUE;
      l->source = g_strdup (source);
      l->origin = g_strdup (origin);
      l->contract_code = g_strdup ("");
      l->charge = g_strdup (b->charge);
      l->kind = g_strdup ("charge");
      l->period_start = g_strdup (first);
      l->period_end = g_strdup (last);
      l->bill_date = g_strdup (work->last_day);
      l->due_date = g_strdup (due_text);
      l->net = c->net - b->net;
      l->tax = c->tax - b->tax;
      l->gross = c->gross - b->gross;
      l->tax_rate = pw_decimal_to_string (pw_decimal_normalize (c->tax_rate));
      l->explanation = explain_correction (work, c, kind, m, meter, reading_date, corrected_on,
                                           note, b->gross, c->gross);
      f = g_new0 (PwBillRunFound, 1);
      f->line = l;
      f->customer_id = g_strdup (b->customer_id);
      f->customer_name = g_strdup (b->customer_name);
      f->seller = g_strdup (b->seller);
      f->seller_name = g_strdup (b->seller_name);
      /* what this line bills counts as billed for the corrections after it */
      b->net = c->net;
      b->tax = c->tax;
      b->gross = c->gross;
      g_hash_table_add (work->taken, g_strdup (source));
      g_ptr_array_add (work->found, f);
    }
  return TRUE;
}

static gboolean
collect_corrections (PwBillRunWork *work, GError **error)
{
  g_autoptr(GHashTable) months = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        month_free);
  g_autoptr(GHashTable) buildings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           g_free);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (work->store, CORRECTIONS_SQL, error);
  const PwBillRunFilter *filter = work->filter;
  unsigned py = 0, pm = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sscanf (work->run->period, "%4u-%2u", &py, &pm);
  if (filter != NULL && filter->buildings != NULL && filter->buildings[0] != NULL
      && !read_buildings (work, buildings, error))
    return FALSE;
  sqlite3_bind_text (stmt, 1, work->run->park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, work->last_day, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *event_id = (const char *) sqlite3_column_text (stmt, 0);
      const char *corrected_on = (const char *) sqlite3_column_text (stmt, 1);
      const char *reading_date = (const char *) sqlite3_column_text (stmt, 3);
      const char *meter = (const char *) sqlite3_column_text (stmt, 4);
      const char *next = (const char *) sqlite3_column_text (stmt, 5);
      g_autoptr(JsonNode) parsed = json_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                                     NULL);
      JsonObject *note = parsed && JSON_NODE_HOLDS_OBJECT (parsed)
                         ? json_node_get_object (parsed) : NULL;
      unsigned y = 0, mo = 0, ny = 0, nm = 0;

      sscanf (reading_date, "%4u-%2u", &y, &mo);
      /* the months the reading enters: its own, up to that of the next reading, at
       * most the run's */
      if (next != NULL)
        sscanf (next, "%4u-%2u", &ny, &nm);
      else
        ny = y, nm = mo;
      if (ny * 12 + nm > py * 12 + pm)
        ny = py, nm = pm;
      while (y * 12 + mo <= ny * 12 + nm)
        {
          Month *m = month_again (work, months, y, mo, error);

          if (m == NULL
              || !adjust_month (work, m, event_id, corrected_on, note, meter, reading_date,
                                buildings, error))
            return FALSE;
          if (++mo > 12)
            mo = 1, y++;
        }
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("reading the meters’ corrections"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_bill_run_collect_meters (PwBillRunWork *work, GError **error)
{
  return collect_month (work, error) && collect_corrections (work, error);
}
