/* pw-room-journal.c — the plan edits made from parkwise-cli, and their undo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants (docs/plan-editing.md, "Undo from the command line"):
 * 1. A journal entry is written in the transaction of the edit it remembers,
 *    and marked undone in the transaction of its undo: there is never an entry
 *    without its edit, or an undo without its mark.
 * 2. An entry names the audit rows its edit wrote (first_seq … last_seq); the
 *    change is rebuilt from their rows before and after (pw_change_new_from_audit).
 * 3. Entries are undone newest first. A record written since its edit only by
 *    later entries and by their undos is as the edit left it (but for its
 *    version): it is undone; any other write since is a conflict, and undo
 *    refuses, naming the record.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-change.h"
#include "pw-room-journal.h"

static gboolean
last_audit_seq (PwStore *store, gint64 *seq, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT COALESCE (MAX (seq), 0) FROM audit", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the audit trail"));
      return FALSE;
    }
  *seq = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static gboolean
write_entry (PwStore *store, const char *command, const char *summary, gint64 first,
             gint64 last, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "INSERT INTO plan_edit (at, command, summary, first_seq, last_seq) VALUES (?, ?, ?, ?, ?)",
    error);
  g_autofree char *at = now_iso ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, command, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, summary != NULL ? summary : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, first);
  sqlite3_bind_int64 (stmt, 5, last);
  return pw_store_step_done (store, stmt, error);
}

gboolean
pw_room_journal_apply (PwStore        *store,
                       const char     *command,
                       const char     *summary,
                       PwRoomEditFunc  edit,
                       gpointer        data,
                       GError        **error)
{
  gint64 before = 0, after = 0;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (command != NULL && edit != NULL, FALSE);

  if (!pw_store_begin (store, error))
    return FALSE;
  if (!last_audit_seq (store, &before, error)
      || !edit (store, data, error)
      || !last_audit_seq (store, &after, error)
      || (after > before && !write_entry (store, command, summary, before + 1, after, error)))
    {
      pw_store_rollback (store);
      return FALSE;
    }
  return pw_store_commit (store, error);
}

/* The audit rows the entries after @id and their undos wrote, as pairs of
 * sequence numbers (first, last). */
static GArray *
later_ranges (PwStore *store, gint64 id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT first_seq, last_seq, undo_first_seq, undo_last_seq FROM plan_edit WHERE id > ?",
    error);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < 4; c += 2)
      if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
        {
          gint64 range[2] = { sqlite3_column_int64 (stmt, c), sqlite3_column_int64 (stmt, c + 1) };

          g_array_append_vals (ranges, range, 1);
        }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the plan edits"));
      return NULL;
    }
  return g_steal_pointer (&ranges);
}

static gboolean
in_ranges (GArray *ranges, gint64 seq)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const gint64 *range = (const gint64 *) (ranges->data + i * 2 * sizeof (gint64));

      if (seq >= range[0] && seq <= range[1])
        return TRUE;
    }
  return FALSE;
}

/* Gives each record of @change that was written after @last_seq only within
 * @ranges (later entries and their undos, all undone) its version now, so that
 * pw_store_undo() takes it as the edit left it. */
static gboolean
skip_undone_writes (PwStore *store, PwChange *change, gint64 last_seq, GArray *ranges,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT seq FROM audit WHERE entity = ? AND entity_id = ? AND seq > ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < pw_change_get_n_records (change); i++)
    {
      JsonObject *after = pw_change_get_after (change, i);
      g_autoptr(JsonObject) current = NULL;
      gboolean later = FALSE, only_undone = TRUE;
      int rc;

      if (after == NULL || !json_object_has_member (after, "version"))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, pw_change_get_entity (change, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pw_change_get_id (change, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, last_seq);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          later = TRUE;
          only_undone = only_undone && in_ranges (ranges, sqlite3_column_int64 (stmt, 0));
        }
      if (rc != SQLITE_DONE)
        {
          pw_store_set_error (store, error, rc, _("reading the audit trail"));
          return FALSE;
        }
      if (!later || !only_undone)
        continue;
      current = pw_store_get_row (store, pw_change_get_entity (change, i),
                                  pw_change_get_id (change, i), NULL);
      if (current != NULL && json_object_has_member (current, "version"))
        json_object_set_int_member (after, "version",
                                    json_object_get_int_member (current, "version"));
    }
  return TRUE;
}

/* Asked once an undo has failed, so that a record changed since is reported
 * first: deleting a space that other records name would orphan them. */
gboolean
pw_room_change_check_removable (PwStore *store, PwChange *change, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT (SELECT count(*) FROM space_status WHERE space_id = ?1)"
    " + (SELECT count(*) FROM contract_space WHERE space_id = ?1)"
    " + (SELECT count(*) FROM equipment WHERE space_id = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < pw_change_get_n_records (change); i++)
    {
      JsonObject *after = pw_change_get_after (change, i);
      int rc;

      if (pw_change_get_before (change, i) != NULL || after == NULL
          || g_strcmp0 (pw_change_get_entity (change, i), "space") != 0)
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, pw_change_get_id (change, i), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          pw_store_set_error (store, error, rc, _("reading the records of a space"));
          return FALSE;
        }
      if (sqlite3_column_int64 (stmt, 0) > 0)
        {
          g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT,
                       /* Translators: %s is a space's code */
                       _("Cannot undo: the space %s has records of its own since (a status "
                         "history, a contract or equipment), and undoing would remove it"),
                       json_object_get_string_member_with_default (after, "code", ""));
          return FALSE;
        }
    }
  return TRUE;
}

/* Undoes the newest entry not undone yet and marks it, inside the caller's
 * transaction. */
static gboolean
undo_newest (PwStore *store, char **command, char **summary, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *at = now_iso ();
  gint64 id, last_seq, before = 0, after = 0;
  int rc;

  stmt = pw_store_prepare (store,
    "SELECT id, command, summary, first_seq, last_seq FROM plan_edit WHERE undone_at IS NULL"
    " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                           _("No plan edit made from the command line is left to undo"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the plan edits"));
      return FALSE;
    }
  id = sqlite3_column_int64 (stmt, 0);
  last_seq = sqlite3_column_int64 (stmt, 4);
  change = pw_change_new_from_audit (store, sqlite3_column_int64 (stmt, 3), last_seq, error);
  if (change == NULL)
    return FALSE;
  ranges = later_ranges (store, id, error);
  if (ranges == NULL || !skip_undone_writes (store, change, last_seq, ranges, error)
      || !last_audit_seq (store, &before, error))
    return FALSE;
  if (!pw_store_undo (store, change, NULL, &local))
    {
      /* a record changed since is named by the undo itself; a space it would
       * remove that other records now name fails on their reference: say so */
      if (!g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT)
          && !pw_room_change_check_removable (store, change, error))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!last_audit_seq (store, &after, error))
    return FALSE;
  mark = pw_store_prepare (store,
    "UPDATE plan_edit SET undone_at = ?, undo_first_seq = ?, undo_last_seq = ? WHERE id = ?",
    error);
  if (mark == NULL)
    return FALSE;
  sqlite3_bind_text (mark, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (mark, 2, before + 1);
  sqlite3_bind_int64 (mark, 3, after);
  sqlite3_bind_int64 (mark, 4, id);
  if (!pw_store_step_done (store, mark, error))
    return FALSE;
  *command = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *summary = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  return TRUE;
}

gboolean
pw_room_journal_undo (PwStore  *store,
                      char    **command,
                      char    **summary,
                      GError  **error)
{
  g_autoptr(GPtrArray) commands = NULL;
  g_autoptr(GPtrArray) summaries = NULL;

  if (!pw_room_journal_undo_steps (store, 1, &commands, &summaries, error))
    return FALSE;
  if (command != NULL)
    *command = g_strdup (commands->pdata[0]);
  if (summary != NULL)
    *summary = g_strdup (summaries->pdata[0]);
  return TRUE;
}

gboolean
pw_room_journal_undo_steps (PwStore     *store,
                            guint        n_steps,
                            GPtrArray  **commands,
                            GPtrArray  **summaries,
                            GError     **error)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_steps > 0, FALSE);

  if (!pw_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < n_steps; i++)
    {
      char *command = NULL, *summary = NULL;
      g_autoptr(GError) local = NULL;

      if (!undo_newest (store, &command, &summary, &local))
        {
          pw_store_rollback (store);
          if (i > 0 && g_error_matches (local, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT))
            g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                         /* Translators: %u is how many plan edits are left to undo */
                         g_dngettext (GETTEXT_PACKAGE,
                                      "Only %u plan edit made from the command line is left to "
                                      "undo; nothing was undone",
                                      "Only %u plan edits made from the command line are left "
                                      "to undo; nothing was undone", i), i);
          else if (i > 0)
            /* Translators: %u counts the steps; the error names a record */
            g_set_error (error, local->domain, local->code, _("Step %u of the undo: %s"), i + 1,
                         local->message);
          else
            g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      g_ptr_array_add (done, command);
      g_ptr_array_add (codes, summary);
    }
  if (!pw_store_commit (store, error))
    return FALSE;
  pw_store_notify_changed (store);
  if (commands != NULL)
    *commands = g_steal_pointer (&done);
  if (summaries != NULL)
    *summaries = g_steal_pointer (&codes);
  return TRUE;
}
