/* pw-bill-run-adjust.c — what an amendment or a termination changes in lines already
 * billed, billed or credited by the next run (docs/billing.md, "Adjustments")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A billed line is never changed. For each schedule source billed by standing
 *      bills, Σ what they billed for it (the line and its adjustments, and the line
 *      itself when this run bills it again after a cancellation) is compared with
 *      the schedule line of that id as the contract's schedule holds it now (nothing
 *      when the line is gone); a difference is one adjustment line, source
 *      "adjust:<contract version id>:<original source>", positive when more is owed,
 *      negative when it is credited.
 *   2. After the adjustment is billed, Σ billed for the source equals the schedule's
 *      figure again, so the next run finds nothing to adjust.
 *   3. An adjustment goes to the customer and seller of the bill that billed the
 *      source; it is dated with the run's other lines for them (the earliest bill
 *      date, the latest due date), or on the period's first and last days. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-bill-run-private.h"
#include "pw-date.h"
#include "pw-i18n.h"
#include "pw-money.h"

typedef struct
{
  gint64 net, tax, gross;
  char  *period_start, *period_end;
} Current;

static void
current_free (gpointer data)
{
  Current *c = data;

  g_free (c->period_start);
  g_free (c->period_end);
  g_free (c);
}

static char *
days_text (gint64 days)
{
  GDate d;

  pw_date_from_days (days, &d);
  return pw_date_format_iso_new (&d);
}

/* The schedule lines of @contract_id as stored now: id → Current */
static GHashTable *
current_lines (PwStore *store, const char *contract_id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT pw_uuid_text (e.id), e.net, e.tax, e.gross, e.period_start, e.period_end"
    " FROM schedule_contract sc JOIN schedule_entry e"
    " ON e.key BETWEEN sc.n * 4096 AND sc.n * 4096 + 4095 WHERE sc.contract_id = ?", error);
  g_autoptr(GHashTable) lines = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, current_free);
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Current *c = g_new0 (Current, 1);

      c->net = sqlite3_column_int64 (stmt, 1);
      c->tax = sqlite3_column_int64 (stmt, 2);
      c->gross = sqlite3_column_int64 (stmt, 3);
      c->period_start = days_text (sqlite3_column_int64 (stmt, 4));
      c->period_end = days_text (sqlite3_column_int64 (stmt, 5));
      g_hash_table_insert (lines, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a contract's schedule"));
      return NULL;
    }
  return g_steal_pointer (&lines);
}

typedef struct
{
  char  *id;
  gint64 number;
  char  *note;
  char  *effective_date;
} Version;

static void
version_free (gpointer data)
{
  Version *v = data;

  g_free (v->id);
  g_free (v->note);
  g_free (v->effective_date);
  g_free (v);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Version, version_free)

static Version *
current_version (PwStore *store, const char *contract_id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT v.id, v.number, coalesce (v.note, ''), v.effective_date FROM contract c"
    " JOIN contract_version v ON v.contract_id = c.id AND v.number = c.current_version"
    " WHERE c.id = ?", error);
  Version *v = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      v = g_new0 (Version, 1);
      v->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      v->number = sqlite3_column_int64 (stmt, 1);
      v->note = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      v->effective_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("Contract %s has no current version of its terms"), contract_id);
  else if (rc != SQLITE_ROW)
    pw_store_set_error (store, error, rc, _("reading a contract's terms"));
  return v;
}

/* The contracts whose billed lines may differ from their schedule: a line billed
 * under an older version of the terms with no line of the same charge billed under
 * the current one (a run that bills a line of a contract checks all its lines of
 * that charge), or an adjustment of theirs cancelled. ?1 park, ?2 buildings,
 * ?3 customers, ?4 charges. */
#define CANDIDATES_SQL                                                                     \
  "SELECT c.id FROM contract c LEFT JOIN customer cu ON cu.id = c.customer_id"             \
  " WHERE c.park_id = ?1"                                                                  \
  " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM contract_space cs JOIN space s ON s.id = cs.space_id" \
  "  JOIN floor f ON f.id = s.floor_id JOIN building bu ON bu.id = f.building_id"          \
  "  WHERE cs.contract_id = c.id AND bu.code IN (SELECT value FROM json_each (?2))))"      \
  " AND (?3 IS NULL OR c.customer_id IN (SELECT value FROM json_each (?3))"                \
  "  OR cu.name IN (SELECT value FROM json_each (?3)))"                                    \
  " AND (EXISTS (SELECT 1 FROM bill_line l WHERE l.contract_id = c.id AND l.cancelled = 0"  \
  "   AND l.contract_version < c.current_version"                                          \
  "   AND (?4 IS NULL OR l.charge IN (SELECT value FROM json_each (?4)))"                   \
  "   AND NOT EXISTS (SELECT 1 FROM bill_line m WHERE m.contract_id = c.id"                \
  "    AND m.cancelled = 0 AND m.charge = l.charge"                                        \
  "    AND m.contract_version >= c.current_version))"                                      \
  "  OR EXISTS (SELECT 1 FROM bill_line l WHERE l.contract_id = c.id AND l.cancelled = 1"   \
  "   AND substr (l.source, 1, 7) = 'adjust:'))"

/* Σ billed per schedule source of one contract (?1), of the charges ?2 */
#define BILLED_SQL                                                                         \
  "SELECT l.origin, l.contract_id, c.code, b.customer_id, coalesce (bc.name, ''), b.seller," \
  " b.seller_name, l.charge, l.kind, min (l.period_start), max (l.period_end), sum (l.net),"  \
  " sum (l.tax), sum (l.gross), max (l.tax_rate)"                                          \
  " FROM bill_line l JOIN bill b ON b.id = l.bill_id JOIN contract c ON c.id = l.contract_id" \
  " LEFT JOIN customer bc ON bc.id = b.customer_id"                                       \
  " WHERE l.contract_id = ?1 AND l.cancelled = 0 AND substr (l.origin, 1, 9) = 'schedule:'" \
  " AND (?2 IS NULL OR l.charge IN (SELECT value FROM json_each (?2)))"                    \
  " GROUP BY l.origin ORDER BY l.origin"

/* The contracts to check, by id, in the order of their codes */
static GPtrArray *
candidates (PwBillRunWork *work, GHashTable *in_run, const char *buildings,
            const char *customers, const char *charges, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (work->store, CANDIDATES_SQL, error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = NULL;
  sqlite3_stmt *probe;
  GHashTableIter iter;
  gpointer origin, value;
  int rc;

  if (stmt == NULL)
    return NULL;
  ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_text (stmt, 1, work->run->park_id, -1, SQLITE_TRANSIENT);
  if (buildings)
    sqlite3_bind_text (stmt, 2, buildings, -1, SQLITE_TRANSIENT);
  if (customers)
    sqlite3_bind_text (stmt, 3, customers, -1, SQLITE_TRANSIENT);
  if (charges)
    sqlite3_bind_text (stmt, 4, charges, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

      g_ptr_array_add (ids, id);
      g_hash_table_add (seen, id);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (work->store, error, rc, _("finding the contracts changed since billing"));
      return NULL;
    }
  /* a source this run bills again (its bill was cancelled) while an adjustment of it
   * stands: its contract is checked too. Only contracts with cancelled lines can have
   * such a source. */
  {
    g_autoptr(GHashTable) cancelled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
    g_autoptr(sqlite3_stmt) with_cancelled = pw_store_prepare (work->store,
      "SELECT DISTINCT contract_id FROM bill_line WHERE cancelled = 1 AND contract_id IS NOT NULL",
      error);

    if (with_cancelled == NULL)
      return NULL;
    while ((rc = sqlite3_step (with_cancelled)) == SQLITE_ROW)
      g_hash_table_add (cancelled, g_strdup ((const char *) sqlite3_column_text (with_cancelled, 0)));
    if (rc != SQLITE_DONE)
      {
        pw_store_set_error (work->store, error, rc, _("reading the bill lines"));
        return NULL;
      }
    probe = pw_store_prepare_cached (work->store,
      "SELECT 1 FROM bill_line WHERE origin = ? AND cancelled = 0", error);
    if (probe == NULL)
      return NULL;
    g_hash_table_iter_init (&iter, in_run);
    while (g_hash_table_size (cancelled) > 0 && g_hash_table_iter_next (&iter, &origin, &value))
      {
        PwBillRunLine *l = value;

        if (!g_hash_table_contains (cancelled, l->contract_id)
            || g_hash_table_contains (seen, l->contract_id))
          continue;
        sqlite3_bind_text (probe, 1, origin, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step (probe);
        sqlite3_reset (probe);
        if (rc == SQLITE_ROW)
          {
            char *id = g_strdup (l->contract_id);

            g_ptr_array_add (ids, id);
            g_hash_table_add (seen, id);
          }
        else if (rc != SQLITE_DONE)
          {
            pw_store_set_error (work->store, error, rc, _("reading the bill lines"));
            return NULL;
          }
      }
  }
  return g_steal_pointer (&ids);
}

/* The dates the run gives an adjustment for @customer and @seller */
static void
dates_for (PwBillRunWork *work, const char *customer, const char *seller, char **bill_date,
           char **due_date)
{
  const char *bill = NULL, *due = NULL;

  for (guint i = 0; i < work->found->len; i++)
    {
      PwBillRunFound *f = g_ptr_array_index (work->found, i);

      if (f->line->adjustment || g_strcmp0 (f->customer_id, customer) != 0
          || g_strcmp0 (f->seller, seller) != 0)
        continue;
      if (bill == NULL || strcmp (f->line->bill_date, bill) < 0)
        bill = f->line->bill_date;
      if (due == NULL || strcmp (f->line->due_date, due) > 0)
        due = f->line->due_date;
    }
  *bill_date = g_strdup (bill ? bill : work->first_day);
  *due_date = g_strdup (due ? due : work->last_day);
}

static char *
explain (const PwBillRunLine *l, const Version *v, const char *contract_code, gint64 billed,
         gint64 now, gboolean gone, const char *currency)
{
  g_autofree char *was = pw_money_format_amount (billed, currency);
  g_autofree char *is = pw_money_format_amount (now, currency);

  if (gone)
    return *v->note
      /* Translators: an adjustment line of a bill: charge, period, contract version,
       * contract, the version's note, its effective date, the amount billed */
      ? g_strdup_printf (_("Adjustment of %s %s–%s by version %d of contract %s (“%s”, effective %s): "
                           "billed %s, no longer due"),
                         pw_charge_label (l->charge), l->period_start, l->period_end, (int) v->number, contract_code,
                         v->note, v->effective_date, was)
      : g_strdup_printf (_("Adjustment of %s %s–%s by version %d of contract %s (effective %s): "
                           "billed %s, no longer due"),
                         pw_charge_label (l->charge), l->period_start, l->period_end, (int) v->number, contract_code,
                         v->effective_date, was);
  return *v->note
    ? g_strdup_printf (_("Adjustment of %s %s–%s by version %d of contract %s (“%s”, effective %s): "
                           "billed %s, now %s"),
                       pw_charge_label (l->charge), l->period_start, l->period_end, (int) v->number, contract_code,
                       v->note, v->effective_date, was, is)
    : g_strdup_printf (_("Adjustment of %s %s–%s by version %d of contract %s (effective %s): "
                           "billed %s, now %s"),
                       pw_charge_label (l->charge), l->period_start, l->period_end, (int) v->number, contract_code,
                       v->effective_date, was, is);
}

gboolean
pw_bill_run_find_adjustments (PwBillRunWork *work, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (work->store, BILLED_SQL, error);
  g_autoptr(GHashTable) in_run = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) contracts = NULL;
  g_autofree char *buildings = NULL, *customers = NULL, *charges = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  /* what this run bills already for a source counts as billed (a source freed by a
   * cancelled bill, billed again, while an adjustment of it stands) */
  for (guint i = 0; i < work->found->len; i++)
    {
      PwBillRunFound *f = g_ptr_array_index (work->found, i);

      g_hash_table_insert (in_run, f->line->origin, f->line);
    }
  if (work->filter != NULL)
    {
      buildings = pw_bill_run_filter_json (work->filter->buildings);
      customers = pw_bill_run_filter_json (work->filter->customers);
      charges = pw_bill_run_filter_json (work->filter->charges);
    }
  contracts = candidates (work, in_run, buildings, customers, charges, error);
  if (contracts == NULL)
    return FALSE;

  for (guint k = 0; k < contracts->len; k++)
    {
      const char *contract_id = contracts->pdata[k];
      g_autoptr(GHashTable) lines = NULL;
      g_autoptr(Version) v = NULL;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
      if (charges)
        sqlite3_bind_text (stmt, 2, charges, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *origin = (const char *) sqlite3_column_text (stmt, 0);
          const char *code = (const char *) sqlite3_column_text (stmt, 2);
          gint64 net = sqlite3_column_int64 (stmt, 11);
          gint64 tax = sqlite3_column_int64 (stmt, 12);
          gint64 gross = sqlite3_column_int64 (stmt, 13);
          PwBillRunLine *billing = g_hash_table_lookup (in_run, origin);
          g_autofree char *source = NULL;
          PwBillRunFound *f;
          PwBillRunLine *l;
          Current *now;

          if (billing != NULL)
            {
              net += billing->net;
              tax += billing->tax;
              gross += billing->gross;
            }
          if (lines == NULL)
            {
              lines = current_lines (work->store, contract_id, error);
              if (lines == NULL)
                return FALSE;
            }
          now = g_hash_table_lookup (lines, origin + strlen (PW_BILL_SOURCE_SCHEDULE));
          if (now != NULL ? now->net == net && now->tax == tax && now->gross == gross
                          : net == 0 && tax == 0 && gross == 0)
            continue;
          if (v == NULL)
            {
              v = current_version (work->store, contract_id, error);
              if (v == NULL)
                return FALSE;
            }
          source = g_strdup_printf ("%s%s:%s", PW_BILL_SOURCE_ADJUST, v->id, origin);
          /* the same version adjusting the same source again (a cancelled adjustment is
           * not standing and frees its key) takes the next free key */
          for (guint n = 2;; n++)
            {
              int taken = pw_bill_run_source_taken (work, source, error);

              if (taken < 0)
                return FALSE;
              if (!taken)
                break;
              g_free (source);
              source = g_strdup_printf ("%s%s:%s#%u", PW_BILL_SOURCE_ADJUST, v->id, origin, n);
            }
          l = g_new0 (PwBillRunLine, 1);
          l->adjustment = TRUE;
          l->source = g_strdup (source);
          l->origin = g_strdup (origin);
          l->contract_id = g_strdup (contract_id);
          l->contract_code = g_strdup (code);
          l->contract_version = v->number;
          l->charge = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
          l->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
          l->period_start = g_strdup (now ? now->period_start
                                          : (const char *) sqlite3_column_text (stmt, 9));
          l->period_end = g_strdup (now ? now->period_end
                                        : (const char *) sqlite3_column_text (stmt, 10));
          l->net = (now ? now->net : 0) - net;
          l->tax = (now ? now->tax : 0) - tax;
          l->gross = (now ? now->gross : 0) - gross;
          l->tax_rate = g_strdup ((const char *) sqlite3_column_text (stmt, 14));
          l->explanation = explain (l, v, code, gross, now ? now->gross : 0, now == NULL,
                                    work->run->currency);
          f = g_new0 (PwBillRunFound, 1);
          f->line = l;
          f->customer_id = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          f->customer_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
          f->seller = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          f->seller_name = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          dates_for (work, f->customer_id, f->seller, &l->bill_date, &l->due_date);
          g_hash_table_add (work->taken, g_strdup (source));
          g_ptr_array_add (work->found, f);
        }
      if (rc != SQLITE_DONE)
        {
          pw_store_set_error (work->store, error, rc, _("reading what was billed"));
          return FALSE;
        }
    }
  return TRUE;
}
