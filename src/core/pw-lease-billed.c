/* pw-lease-billed.c — what an amendment leaves as it was in a contract's schedule
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new version of a running contract's terms takes effect from its effective
 * date; what the schedule billed before that date stays as it was
 * (docs/amendments.md). When the version's schedule replaces the stored one:
 *   1. every stored line with a bill date before the effective date is written
 *      again unchanged, with the contract version that wrote it;
 *   2. the new schedule's lines with a bill date before the effective date are
 *      not written: per charge and kind, what they add up to less what the kept
 *      lines add up to is one line billed and due on the effective date (a
 *      deposit top-up, a rent difference), when it is not zero;
 *   3. the new schedule's other lines are written as computed.
 * Writing the same version again keeps the same lines, so the rule holds however
 * often a schedule is rewritten (signing, sync, the demo). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pw-date.h"
#include "pw-lease.h"
#include "pw-lease-private.h"
#include "pw-money.h"
#include "pw-schedule-private.h"

#define READ_LINES_SQL                                                                    \
  "SELECT e.id, e.contract_version, e.charge, e.kind, e.seller, e.period_start,"         \
  " e.period_end, e.bill_date, e.due_date, e.gross, e.net, e.tax, e.basis, e.form,"      \
  " e.form_arg FROM schedule_contract c JOIN schedule_entry e"                            \
  " ON e.key BETWEEN c.n * 4096 AND c.n * 4096 + 4095 WHERE c.contract_id = ?"          \
  " ORDER BY e.key"

static void
line_free (gpointer data)
{
  PwScheduleLine *l = data;

  if (l == NULL)
    return;
  g_free (l->line_id);
  g_free (l->charge);
  g_free (l->seller);
  g_free (l->basis);
  g_free (l->tax_code);
  g_free (l->explanation);
  g_free (l->explain_arg);
  g_free (l);
}

void
pw_billed_before_free (PwBilledBefore *billed)
{
  if (billed == NULL)
    return;
  g_clear_pointer (&billed->kept, g_ptr_array_unref);
  g_clear_pointer (&billed->versions, g_array_unref);
  g_clear_pointer (&billed->extra, g_ptr_array_unref);
  g_free (billed);
}

static gboolean
effective_date (PwStore *store, const char *contract_id, gint64 number, GDate *out,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT effective_date FROM contract_version WHERE contract_id = ? AND number = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, number);
  rc = sqlite3_step (stmt);
  g_date_clear (out, 1);
  if (rc == SQLITE_ROW)
    {
      pw_date_parse_iso ((const char *) sqlite3_column_text (stmt, 0), out);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    return TRUE;   /* a version not written yet: the caller's own */
  pw_store_set_error (store, error, rc, _("reading a contract’s terms"));
  return FALSE;
}

static PwScheduleLine *
read_line (sqlite3_stmt *stmt, gint64 *version)
{
  PwScheduleLine *l = g_new0 (PwScheduleLine, 1);
  const void *id = sqlite3_column_blob (stmt, 0);

  if (id != NULL && sqlite3_column_bytes (stmt, 0) == 16)
    memcpy (l->line_uuid, id, 16);
  *version = sqlite3_column_int64 (stmt, 1);
  l->charge = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  l->kind = (PwLineKind) sqlite3_column_int (stmt, 3);
  l->seller = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  pw_date_from_days (sqlite3_column_int64 (stmt, 5), &l->start);
  pw_date_from_days (sqlite3_column_int64 (stmt, 6), &l->end);
  pw_date_from_days (sqlite3_column_int64 (stmt, 7), &l->bill_date);
  pw_date_from_days (sqlite3_column_int64 (stmt, 8), &l->due_date);
  l->gross = sqlite3_column_int64 (stmt, 9);
  l->net = sqlite3_column_int64 (stmt, 10);
  l->tax = sqlite3_column_int64 (stmt, 11);
  l->basis = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
  l->explain_form = (guint) sqlite3_column_int (stmt, 13);
  l->explain_arg = g_strdup ((const char *) sqlite3_column_text (stmt, 14));
  l->owned = TRUE;
  return l;
}

/* The sums of one charge and kind before the effective date. */
typedef struct
{
  const char     *charge;
  PwLineKind      kind;
  gint64          gross, net, tax;      /* the new terms' less the kept lines' */
  gint64          new_gross, kept_gross;
  const char     *seller;
  GDate           end;
} Difference;

static Difference *
find_difference (GArray *diffs, const char *charge, PwLineKind kind)
{
  for (guint i = 0; i < diffs->len; i++)
    {
      Difference *d = &g_array_index (diffs, Difference, i);

      if (d->kind == kind && g_str_equal (d->charge, charge))
        return d;
    }
  g_array_set_size (diffs, diffs->len + 1);
  g_array_index (diffs, Difference, diffs->len - 1).charge = charge;
  g_array_index (diffs, Difference, diffs->len - 1).kind = kind;
  g_date_clear (&g_array_index (diffs, Difference, diffs->len - 1).end, 1);
  return &g_array_index (diffs, Difference, diffs->len - 1);
}

static void
add_to (Difference *d, const PwScheduleLine *l, int sign)
{
  d->gross += sign * l->gross;
  d->net += sign * l->net;
  d->tax += sign * l->tax;
  if (sign > 0)
    d->new_gross += l->gross;
  else
    d->kept_gross += l->gross;
  if (d->seller == NULL || sign > 0)
    d->seller = l->seller;
  if (g_date_valid (&l->end) && (!g_date_valid (&d->end) || g_date_compare (&l->end, &d->end) > 0))
    d->end = l->end;
}

static PwScheduleLine *
difference_line (const char *contract_id, gint64 number, const Difference *d,
                 const GDate *effective, const char *currency)
{
  PwScheduleLine *l = g_new0 (PwScheduleLine, 1);
  g_autofree char *id_charge = g_strdup_printf ("%s#v%" G_GINT64_FORMAT, d->charge, number);
  g_autofree char *new_text = pw_money_format_amount (d->new_gross, currency);
  g_autofree char *kept_text = pw_money_format_amount (d->kept_gross, currency);
  char when[11], id[37];

  pw_date_format_iso (effective, when);
  pw_schedule_line_id_into (contract_id, id_charge, d->kind, effective, id, l->line_uuid);
  l->line_id = g_strdup (id);
  l->charge = g_strdup (d->charge);
  l->kind = d->kind;
  l->seller = g_strdup (d->seller);
  l->start = *effective;
  l->end = g_date_valid (&d->end) && g_date_compare (&d->end, effective) > 0 ? d->end : *effective;
  l->bill_date = *effective;
  l->due_date = *effective;
  l->gross = d->gross;
  l->net = d->net;
  l->tax = d->tax;
  /* Translators: the basis of a line an amendment adds: what its terms bill before
   * the date it takes effect, less what was billed then */
  l->basis = g_strdup_printf (_("%s − %s billed"), new_text, kept_text);
  l->explain_form = PW_EXPLAIN_TEXT;
  /* Translators: a schedule line an amendment adds; %s: a charge code, a date, the
   * terms' figure before the date, what was billed */
  l->explain_arg = g_strdup_printf (_("%s, difference from the amendment of %s: the new terms "
                                      "bill %s before that date, %s was billed and stays as it "
                                      "was"), d->charge, when, new_text, kept_text);
  l->explanation = g_strdup (l->explain_arg);
  l->owned = TRUE;
  return l;
}

PwBilledBefore *
pw_lease_billed_before (PwStore *store, const char *contract_id, gint64 number,
                        PwSchedule *schedule, GError **error)
{
  g_autoptr(PwBilledBefore) billed = g_new0 (PwBilledBefore, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (line_free);
  g_autoptr(GArray) versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) diffs = g_array_new (FALSE, TRUE, sizeof (Difference));
  int rc;

  billed->kept = g_ptr_array_new_with_free_func (line_free);
  billed->versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  billed->extra = g_ptr_array_new_with_free_func (line_free);
  if (number <= 1)
    return g_steal_pointer (&billed);
  if (!effective_date (store, contract_id, number, &billed->effective, error))
    return NULL;
  if (!g_date_valid (&billed->effective))
    return g_steal_pointer (&billed);

  stmt = pw_store_prepare (store, READ_LINES_SQL, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 version;

      g_ptr_array_add (stored, read_line (stmt, &version));
      g_array_append_val (versions, version);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a contract’s schedule"));
      return NULL;
    }
  /* 2: a contract that never billed (a draft amended before signing) starts whole */
  if (stored->len == 0)
    return g_steal_pointer (&billed);
  billed->active = TRUE;

  for (guint i = 0; i < stored->len; i++)
    {
      PwScheduleLine *l = g_ptr_array_index (stored, i);

      if (g_date_compare (&l->bill_date, &billed->effective) >= 0)
        continue;
      add_to (find_difference (diffs, l->charge, l->kind), l, -1);
      g_ptr_array_add (billed->kept, g_steal_pointer (&stored->pdata[i]));
      g_array_append_val (billed->versions, g_array_index (versions, gint64, i));
    }
  for (guint i = 0; i < schedule->lines->len; i++)
    {
      PwScheduleLine *l = g_ptr_array_index (schedule->lines, i);

      if (g_date_compare (&l->bill_date, &billed->effective) < 0)
        {
          add_to (find_difference (diffs, l->charge, l->kind), l, +1);
          continue;
        }
      /* a line named as a kept one (the same charge, kind and period start billed
       * again later) is named apart, as line ids are unique in a schedule */
      for (guint k = 0; k < billed->kept->len; k++)
        if (memcmp (((PwScheduleLine *) billed->kept->pdata[k])->line_uuid, l->line_uuid, 16) == 0)
          {
            g_autofree char *id_charge = g_strdup_printf ("%s#v%" G_GINT64_FORMAT "-later",
                                                          l->charge, number);
            char id[37];

            pw_schedule_line_id_into (contract_id, id_charge, l->kind, &l->start, id, l->line_uuid);
            break;
          }
    }
  for (guint i = 0; i < diffs->len; i++)
    {
      Difference *d = &g_array_index (diffs, Difference, i);

      if (d->gross != 0 || d->net != 0 || d->tax != 0)
        g_ptr_array_add (billed->extra, difference_line (contract_id, number, d, &billed->effective,
                                                         schedule->currency));
    }
  return g_steal_pointer (&billed);
}

gboolean
pw_billed_before_writes (const PwBilledBefore *billed, const PwScheduleLine *line)
{
  return !billed->active || g_date_compare (&line->bill_date, &billed->effective) >= 0;
}

PwSchedule *
pw_lease_read_schedule (PwStore *store, const char *contract_id, const char *currency,
                        GError **error)
{
  g_autoptr(PwSchedule) schedule = g_new0 (PwSchedule, 1);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, READ_LINES_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  schedule->lines = g_ptr_array_new_with_free_func (line_free);
  schedule->currency = g_strdup (currency);
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 version;
      PwScheduleLine *l = read_line (stmt, &version);

      l->explanation = pw_schedule_explain (l->charge, &l->start, &l->end, l->basis,
                                            l->explain_form, l->explain_arg);
      if (l->kind == PW_LINE_DEPOSIT)
        schedule->deposit += l->gross;
      else
        {
          schedule->gross += l->gross;
          schedule->net += l->net;
          schedule->tax += l->tax;
        }
      g_ptr_array_add (schedule->lines, l);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a contract’s schedule"));
      return NULL;
    }
  return g_steal_pointer (&schedule);
}
