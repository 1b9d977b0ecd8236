/* pw-lease-schedule.c — writing contracts' charge schedules into the store, as
 * derived records of their terms (docs/charge-rules.md, docs/amendments.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-lease.h"
#include "pw-lease-private.h"
#include "pw-money.h"
#include "pw-row.h"
#include "pw-schedule.h"

/* Schedules waiting to be written, as derived records of their contracts. */
typedef struct
{
  char       *contract_id;
  gint64      number;
  PwSchedule *schedule;
} PendingSchedule;

void
pw_lease_pending_free (gpointer data)
{
  PendingSchedule *p = data;

  g_free (p->contract_id);
  pw_schedule_free (p->schedule);
  g_free (p);
}

/* Computes the schedule of @terms (version @number) and adds it to @pending. */
gboolean
pw_lease_pending_add (const char *contract_id, gint64 number, const char *terms, GPtrArray *pending,
                  GError **error)
{
  g_autoptr(PwContract) contract = pw_contract_parse (terms, -1, error);
  PwSchedule *schedule;
  PendingSchedule *p;

  if (contract == NULL)
    return FALSE;
  schedule = pw_lease_compute_schedule_full (contract, TRUE, error);
  if (schedule == NULL)
    return FALSE;
  p = g_new0 (PendingSchedule, 1);
  p->contract_id = g_strdup (contract_id);
  p->number = number;
  p->schedule = schedule;
  g_ptr_array_add (pending, p);
  return TRUE;
}

/* The statements that replace a contract's schedule lines (schedule_entry, shown as
 * schedule_line by migration 010): a line's key is its contract's number in
 * schedule_contract × 4096 plus its place; it keeps its id as 16 bytes, its dates as
 * days, its kind as a number and the wording of its explanation, not the sentence. */
#define SCHEDULE_LINES_MAX 4096
#define FIND_SCHEDULE_SQL "SELECT n FROM schedule_contract WHERE contract_id = ?"
#define ADD_SCHEDULE_SQL "INSERT INTO schedule_contract (contract_id) VALUES (?)"
#define DELETE_LINES_SQL "DELETE FROM schedule_entry WHERE key BETWEEN ?1 AND ?1 + 4095"
#define INSERT_LINE_SQL                                                                   \
  "INSERT INTO schedule_entry (key, id, contract_version, charge, kind, seller,"          \
  " period_start, period_end, bill_date, due_date, gross, net, tax, basis, form, form_arg)" \
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"

/* The first key of @contract_id's lines, numbering the contract when it has none;
 * its lines gone; -1 on an error. */
static gint64
clear_schedule (PwStore *store, const char *contract_id, guint n_lines, GError **error)
{
  sqlite3_stmt *find = pw_store_prepare_cached (store, FIND_SCHEDULE_SQL, error);
  sqlite3_stmt *add = find ? pw_store_prepare_cached (store, ADD_SCHEDULE_SQL, error) : NULL;
  sqlite3_stmt *del = add ? pw_store_prepare_cached (store, DELETE_LINES_SQL, error) : NULL;
  gint64 n;
  int rc;

  if (del == NULL)
    return -1;
  if (n_lines > SCHEDULE_LINES_MAX)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
                   _("The schedule of contract “%s” has %u lines, more than a store keeps (%d)"),
                   contract_id, n_lines, SCHEDULE_LINES_MAX);
      return -1;
    }
  sqlite3_bind_text (find, 1, contract_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  n = rc == SQLITE_ROW ? sqlite3_column_int64 (find, 0) : -1;
  sqlite3_reset (find);
  sqlite3_clear_bindings (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a contract’s schedule"));
      return -1;
    }
  if (n < 0)
    {
      sqlite3_bind_text (add, 1, contract_id, -1, SQLITE_STATIC);
      if (!pw_store_step_done (store, add, error))
        {
          sqlite3_clear_bindings (add);
          return -1;
        }
      sqlite3_clear_bindings (add);
      n = sqlite3_last_insert_rowid (pw_store_get_db (store));
      return n * SCHEDULE_LINES_MAX;
    }
  sqlite3_bind_int64 (del, 1, n * SCHEDULE_LINES_MAX);
  if (!pw_store_step_done (store, del, error))
    return -1;
  return n * SCHEDULE_LINES_MAX;
}

/* Binds @line to @ins (INSERT_LINE_SQL) but for the key and the contract version
 * (?1, ?3). */
static void
bind_line (sqlite3_stmt *ins, const PwScheduleLine *line)
{
  /* named by (contract terms' id, charge, kind, period start): unique within
   * the contract */
  sqlite3_bind_blob (ins, 2, line->line_uuid, 16, SQLITE_STATIC);
  sqlite3_bind_text (ins, 4, line->charge, -1, SQLITE_STATIC);
  sqlite3_bind_int (ins, 5, (int) line->kind);
  sqlite3_bind_text (ins, 6, line->seller ? line->seller : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ins, 7, pw_date_to_days (&line->start));
  sqlite3_bind_int64 (ins, 8, pw_date_to_days (&line->end));
  sqlite3_bind_int64 (ins, 9, pw_date_to_days (&line->bill_date));
  sqlite3_bind_int64 (ins, 10, pw_date_to_days (&line->due_date));
  sqlite3_bind_int64 (ins, 11, line->gross);
  sqlite3_bind_int64 (ins, 12, line->net);
  sqlite3_bind_int64 (ins, 13, line->tax);
  sqlite3_bind_text (ins, 14, line->basis ? line->basis : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (ins, 15, (int) line->explain_form);
  sqlite3_bind_text (ins, 16, line->explain_arg, -1, SQLITE_STATIC);
}

/* Replaces @contract_id's lines by @schedule (version @number of its terms), leaving
 * what was billed before the version took effect as it was (pw-lease-billed.c). */
static gboolean
write_lines (PwStore *store, sqlite3_stmt *ins, const char *contract_id, gint64 number,
             PwSchedule *schedule, GError **error)
{
  g_autoptr(PwBilledBefore) billed = pw_lease_billed_before (store, contract_id, number, schedule,
                                                             error);
  guint n = 0;
  gint64 key;

  if (billed == NULL)
    return FALSE;
  n = billed->kept->len + billed->extra->len;
  for (guint k = 0; k < schedule->lines->len; k++)
    n += pw_billed_before_writes (billed, g_ptr_array_index (schedule->lines, k)) ? 1 : 0;
  key = clear_schedule (store, contract_id, n, error);
  if (key < 0)
    return FALSE;
  for (guint k = 0; k < billed->kept->len; k++)
    {
      sqlite3_bind_int64 (ins, 1, key++);
      sqlite3_bind_int64 (ins, 3, g_array_index (billed->versions, gint64, k));
      bind_line (ins, g_ptr_array_index (billed->kept, k));
      if (!pw_store_step_done (store, ins, error))
        return FALSE;
    }
  sqlite3_bind_int64 (ins, 3, number);
  for (guint k = 0; k < billed->extra->len; k++)
    {
      sqlite3_bind_int64 (ins, 1, key++);
      bind_line (ins, g_ptr_array_index (billed->extra, k));
      if (!pw_store_step_done (store, ins, error))
        return FALSE;
    }
  for (guint k = 0; k < schedule->lines->len; k++)
    {
      const PwScheduleLine *line = g_ptr_array_index (schedule->lines, k);

      if (!pw_billed_before_writes (billed, line))
        continue;
      sqlite3_bind_int64 (ins, 1, key++);
      bind_line (ins, line);
      if (!pw_store_step_done (store, ins, error))
        return FALSE;
    }
  /* the bindings point into @billed, freed here */
  sqlite3_clear_bindings (ins);
  return TRUE;
}

/* PwStoreDerivedFunc: replaces each contract's schedule lines. The line ids are
 * named by (contract, charge, kind, period start), so writing again never adds. */
gboolean
pw_lease_write_pending (PwStore *store, gpointer data, GError **error)
{
  GPtrArray *pending = data;
  sqlite3_stmt *ins = pw_store_prepare_cached (store, INSERT_LINE_SQL, error);
  gboolean ok = TRUE;

  if (ins == NULL)
    return FALSE;
  for (guint i = 0; ok && i < pending->len; i++)
    {
      PendingSchedule *p = g_ptr_array_index (pending, i);

      ok = write_lines (store, ins, p->contract_id, p->number, p->schedule, error);
    }
  /* the bindings point into the schedules */
  sqlite3_clear_bindings (ins);
  return ok;
}

/* The current version of a contract's terms and its number. */
char *
pw_lease_stored_terms (PwStore *store, const char *contract_id, gint64 *number, GError **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "contract", contract_id, error);

  if (row == NULL)
    return NULL;
  *number = 1;
  pw_row_int (row, "current_version", number);
  return pw_lease_current_terms (store, contract_id, *number, error);
}

/* The contracts whose schedules pw_lease_write_schedules() writes. */
typedef struct
{
  const char *const *ids;
  guint              n;
} ScheduleBatch;

/* PwStoreDerivedFunc: reads each contract's current terms, computes its
 * schedule as a lease bills it (pw_lease_compute_schedule(), the carried-over
 * deposit netted; the wording of the explanations only, as the store words them
 * when read) and replaces its lines, one contract at a time, so that only one
 * schedule is in memory. Statements prepared once; the contract version, which
 * holds for a whole schedule, is bound once, as sqlite3_reset() keeps it. */
static gboolean
write_batch (PwStore *store, gpointer data, GError **error)
{
  ScheduleBatch *batch = data;
  sqlite3_stmt *read = pw_store_prepare_cached (store,
    "SELECT v.number, v.terms FROM contract c JOIN contract_version v"
    " ON v.contract_id = c.id AND v.number = c.current_version WHERE c.id = ?", error);
  sqlite3_stmt *ins = pw_store_prepare_cached (store, INSERT_LINE_SQL, error);

  if (read == NULL || ins == NULL)
    return FALSE;
  for (guint i = 0; i < batch->n; i++)
    {
      const char *contract_id = batch->ids[i];
      g_autoptr(PwContract) contract = NULL;
      g_autoptr(PwSchedule) schedule = NULL;
      gint64 number;
      int rc;

      sqlite3_bind_text (read, 1, contract_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (read);
      if (rc != SQLITE_ROW)
        {
          if (rc == SQLITE_DONE)
            g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                         _("No contract “%s” with its current terms"), contract_id);
          else
            pw_store_set_error (store, error, rc, _("reading a contract’s terms"));
          sqlite3_reset (read);
          return FALSE;
        }
      number = sqlite3_column_int64 (read, 0);
      contract = pw_contract_parse ((const char *) sqlite3_column_text (read, 1),
                                    sqlite3_column_bytes (read, 1), error);
      sqlite3_reset (read);
      if (contract == NULL)
        return FALSE;
      schedule = pw_lease_compute_schedule_full (contract, TRUE, error);
      if (schedule == NULL)
        return FALSE;

      if (!write_lines (store, ins, contract_id, number, schedule, error))
        {
          sqlite3_clear_bindings (ins);
          return FALSE;
        }
      /* the bindings point into the schedule freed here */
      sqlite3_clear_bindings (ins);
    }
  sqlite3_clear_bindings (read);
  return TRUE;
}

gboolean
pw_lease_write_schedules (PwStore *store, const char *const *contract_ids, guint n, GError **error)
{
  ScheduleBatch batch = { contract_ids, n };

  return pw_store_apply_all_full (store, NULL, 0, write_batch, &batch, error);
}

gboolean
pw_lease_write_schedule_derived (PwStore *store, const char *contract_id, GError **error)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func (pw_lease_pending_free);
  gint64 number;
  g_autofree char *terms = pw_lease_stored_terms (store, contract_id, &number, error);

  if (terms == NULL || !pw_lease_pending_add (contract_id, number, terms, pending, error))
    return FALSE;
  return pw_lease_write_pending (store, pending, error);
}

gboolean
pw_lease_write_schedule (PwStore *store, const char *contract_id, GError **error)
{
  return pw_lease_write_schedules (store, &contract_id, 1, error);
}
