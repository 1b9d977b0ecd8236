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
#include "pw-ledger-rooms.h"
#include "pw-room-journal.h"

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
  if (!pw_ledger_audit_last_seq (store, &before, error)
      || !edit (store, data, error)
      || !pw_ledger_audit_last_seq (store, &after, error)
      || (after > before
          && !pw_ledger_plan_edit_add (store, command, summary, before + 1, after, error)))
    {
      pw_store_rollback (store);
      return FALSE;
    }
  return pw_store_commit (store, error);
}

static gboolean
in_ranges (GArray *ranges, gint64 seq)
{
  for (guint i = 0; i + 1 < ranges->len; i += 2)
    if (seq >= g_array_index (ranges, gint64, i) && seq <= g_array_index (ranges, gint64, i + 1))
      return TRUE;
  return FALSE;
}

/* Gives each record of @change that was written after @last_seq only within
 * @ranges (later entries and their undos, all undone) its version now, so that
 * pw_store_undo() takes it as the edit left it. */
static gboolean
skip_undone_writes (PwStore *store, PwChange *change, gint64 last_seq, GArray *ranges,
                    GError **error)
{
  for (guint i = 0; i < pw_change_get_n_records (change); i++)
    {
      JsonObject *after = pw_change_get_after (change, i);
      g_autoptr(JsonObject) current = NULL;
      g_autoptr(GArray) seqs = NULL;
      gboolean only_undone = TRUE;

      if (after == NULL || !json_object_has_member (after, "version"))
        continue;
      seqs = pw_ledger_audit_seqs_after (store, pw_change_get_entity (change, i),
                                         pw_change_get_id (change, i), last_seq, error);
      if (seqs == NULL)
        return FALSE;
      for (guint k = 0; k < seqs->len && only_undone; k++)
        only_undone = in_ranges (ranges, g_array_index (seqs, gint64, k));
      if (seqs->len == 0 || !only_undone)
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
  for (guint i = 0; i < pw_change_get_n_records (change); i++)
    {
      JsonObject *after = pw_change_get_after (change, i);
      gint64 named;

      if (pw_change_get_before (change, i) != NULL || after == NULL
          || g_strcmp0 (pw_change_get_entity (change, i), "space") != 0)
        continue;
      named = pw_ledger_space_references (store, pw_change_get_id (change, i), error);
      if (named < 0)
        return FALSE;
      if (named > 0)
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
  PwPlanEdit edit = { 0 };
  g_autoptr(PwChange) change = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(GError) local = NULL;
  gint64 before = 0, after = 0;

  if (!pw_ledger_plan_edit_newest (store, &edit, &local))
    {
      if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT, local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  change = pw_change_new_from_audit (store, edit.first_seq, edit.last_seq, error);
  if (change == NULL)
    goto failed;
  ranges = pw_ledger_plan_edit_later_ranges (store, edit.id, error);
  if (ranges == NULL || !skip_undone_writes (store, change, edit.last_seq, ranges, error)
      || !pw_ledger_audit_last_seq (store, &before, error))
    goto failed;
  if (!pw_store_undo (store, change, NULL, &local))
    {
      /* a record changed since is named by the undo itself; a space it would
       * remove that other records now name fails on their reference: say so */
      if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT)
          || pw_room_change_check_removable (store, change, error))
        g_propagate_error (error, g_steal_pointer (&local));
      goto failed;
    }
  if (!pw_ledger_audit_last_seq (store, &after, error)
      || !pw_ledger_plan_edit_mark_undone (store, edit.id, before + 1, after, error))
    goto failed;
  *command = g_steal_pointer (&edit.command);
  *summary = g_steal_pointer (&edit.summary);
  pw_plan_edit_clear (&edit);
  return TRUE;

failed:
  pw_plan_edit_clear (&edit);
  return FALSE;
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
