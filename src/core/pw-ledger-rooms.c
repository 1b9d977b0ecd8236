/* pw-ledger-rooms.c — what the floor-plan editor reads of the ledger, and the
 * journal of the plan edits made from the command line
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The queries src/plan's room ledger and journal need (pw-room-ledger*.c,
 * pw-room-journal.c): SQLite stays in core (HACKING.md, "Layers"). Statements are
 * prepared once per store (pw_store_prepare_cached) and reset after use.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-code-pattern.h"
#include "pw-ledger-rooms.h"

/* A cached statement's text column as a new string. */
static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
failed (PwStore *store, sqlite3_stmt *stmt, int rc, const char *what, GError **error)
{
  pw_store_set_error (store, error, rc, what);
  sqlite3_reset (stmt);
  return FALSE;
}

/* ---- rooms ---------------------------------------------------------------- */

void
pw_ledger_outline_free (PwLedgerOutline *outline)
{
  if (outline == NULL)
    return;
  g_free (outline->id);
  g_free (outline->code);
  g_free (outline->outline);
  g_free (outline);
}

GPtrArray *
pw_ledger_floor_outlines (PwStore *store, const char *floor_id, const char *except_id,
                          GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT id, code, outline FROM space WHERE floor_id = ?1 AND id <> ?2"
    " AND status <> 'disposed' AND outline IS NOT NULL AND outline <> '' ORDER BY code", error);
  g_autoptr(GPtrArray) rooms = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (floor_id != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_ledger_outline_free);
  sqlite3_bind_text (stmt, 1, floor_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, except_id != NULL ? except_id : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwLedgerOutline *room = g_new0 (PwLedgerOutline, 1);

      room->id = column_dup (stmt, 0);
      room->code = column_dup (stmt, 1);
      room->outline = column_dup (stmt, 2);
      g_ptr_array_add (rooms, room);
    }
  if (rc != SQLITE_DONE)
    {
      failed (store, stmt, rc, _("reading the floor’s spaces"), error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rooms);
}

char *
pw_ledger_space_running_contract (PwStore *store, const char *space_id, const char *today,
                                  GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT c.code FROM contract_space cs JOIN contract c ON c.id = cs.contract_id"
    " WHERE cs.space_id = ?1 AND c.status IN ('signed', 'active', 'expiring')"
    " AND cs.end_date >= ?2 ORDER BY cs.start_date, c.code LIMIT 1", error);
  char *code = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (space_id != NULL && today != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, space_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    code = column_dup (stmt, 0);
  else if (rc != SQLITE_DONE)
    pw_store_set_error (store, error, rc, _("checking the contracts that hold a space"));
  sqlite3_reset (stmt);
  return code;
}

gboolean
pw_ledger_code_is_split_part (const char *code)
{
  gsize len = code != NULL ? strlen (code) : 0;

  return len >= 2 && code[len - 1] >= 'A' && code[len - 1] <= 'Z'
         && g_ascii_isdigit (code[len - 2]);
}

gboolean
pw_ledger_highest_split_letter (PwStore *store, const char *park_id, const char *base,
                                char *letter, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT code FROM space WHERE park_id = ?1 AND length (code) = length (?2) + 1"
    " AND substr (code, 1, length (?2)) = ?2", error);
  gsize len;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (base != NULL && letter != NULL, FALSE);

  *letter = 0;
  if (stmt == NULL)
    return FALSE;
  len = strlen (base);
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, base, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      char c = code[len];

      if (c >= 'A' && c <= 'Z' && c > *letter)
        *letter = c;
    }
  if (rc != SQLITE_DONE)
    return failed (store, stmt, rc, _("reading the park’s spaces"), error);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Whether the park @park_id has a space coded @code. */
static gboolean
code_taken (PwStore *store, const char *park_id, const char *code, gboolean *taken,
            GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT 1 FROM space WHERE park_id = ? AND code = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return failed (store, stmt, rc, _("reading the park’s spaces"), error);
  *taken = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return TRUE;
}

char *
pw_ledger_floor_next_code (PwStore *store, const char *floor_id, GError **error)
{
  sqlite3_stmt *floor = pw_store_prepare_cached (store,
    "SELECT b.code, f.code, f.level, p.code_pattern, f.park_id"
    " FROM floor f JOIN building b ON b.id = f.building_id"
    " JOIN park p ON p.id = f.park_id WHERE f.id = ?", error);
  sqlite3_stmt *codes = NULL;
  g_autoptr(PwCodePattern) pattern = NULL;
  g_autofree char *building = NULL, *floor_code = NULL, *park_id = NULL;
  PwCodeContext ctx = { NULL, NULL, 0, NULL, 0 };
  guint highest = 0;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (floor_id != NULL, NULL);

  if (floor == NULL)
    return NULL;
  sqlite3_bind_text (floor, 1, floor_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (floor);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("no such floor"));
      else
        pw_store_set_error (store, error, rc, _("reading a floor"));
      sqlite3_reset (floor);
      return NULL;
    }
  building = column_dup (floor, 0);
  floor_code = column_dup (floor, 1);
  ctx.level = sqlite3_column_int (floor, 2);
  pattern = pw_code_pattern_new ((const char *) sqlite3_column_text (floor, 3), error);
  park_id = column_dup (floor, 4);
  sqlite3_reset (floor);
  if (pattern == NULL)
    return NULL;
  ctx.building = building;
  ctx.floor = floor_code;

  codes = pw_store_prepare_cached (store, "SELECT code FROM space WHERE floor_id = ?", error);
  if (codes == NULL)
    return NULL;
  sqlite3_bind_text (codes, 1, floor_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (codes)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (codes, 0);
      g_autofree char *base = pw_ledger_code_is_split_part (code)
                              ? g_strndup (code, strlen (code) - 1) : NULL;
      guint seq = 0;

      /* the parts of a split (T1-F03-008A) hold their room's number too */
      if ((pw_code_pattern_match_seq (pattern, code, &ctx, &seq, NULL)
           || (base != NULL && pw_code_pattern_match_seq (pattern, base, &ctx, &seq, NULL)))
          && seq > highest)
        highest = seq;
    }
  if (rc != SQLITE_DONE)
    {
      failed (store, codes, rc, _("reading the floor’s spaces"), error);
      return NULL;
    }
  sqlite3_reset (codes);

  for (guint seq = highest + 1; seq > highest && seq < highest + 1000; seq++)
    {
      g_autofree char *code = pw_code_pattern_format (pattern, &ctx, seq);
      gboolean taken = FALSE;

      if (code == NULL)
        break;
      if (!code_taken (store, park_id, code, &taken, error))
        return NULL;
      if (!taken)
        return g_steal_pointer (&code);
    }
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID,
               _("Floor %s has used every space code its pattern allows"), floor_code);
  return NULL;
}

char *
pw_ledger_find_floor (PwStore *store, const char *park_id, const char *ref, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT f.id, b.code || '-' || f.code = ?2 FROM floor f JOIN building b ON b.id = f.building_id"
    " WHERE (?1 IS NULL OR f.park_id = ?1) AND (b.code || '-' || f.code = ?2 OR f.code = ?2)"
    " ORDER BY 2 DESC", error);
  g_autofree char *found = NULL;
  guint partial = 0;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (ref != NULL, NULL);

  if (stmt == NULL)
    return NULL;
  if (park_id != NULL)
    sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, ref, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int (stmt, 1))
        {
          char *id = column_dup (stmt, 0);

          sqlite3_reset (stmt);
          return id;
        }
      if (partial++ == 0)
        found = column_dup (stmt, 0);
    }
  if (rc != SQLITE_DONE)
    {
      failed (store, stmt, rc, _("reading the floors"), error);
      return NULL;
    }
  sqlite3_reset (stmt);
  if (partial == 1)
    return g_steal_pointer (&found);
  if (partial > 1)
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("Several buildings have a floor “%s”; name it with its building, like T1-%s"),
                 ref, ref);
  else
    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("No floor “%s” in this park; name it like T1-F03"), ref);
  return NULL;
}

gint64
pw_ledger_space_references (PwStore *store, const char *space_id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT (SELECT count(*) FROM space_status WHERE space_id = ?1)"
    " + (SELECT count(*) FROM contract_space WHERE space_id = ?1)"
    " + (SELECT count(*) FROM equipment WHERE space_id = ?1)", error);
  gint64 n;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), -1);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, space_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      failed (store, stmt, rc, _("reading the records of a space"), error);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* ---- a contract's sheet of plans --------------------------------------------- */

char *
pw_ledger_contract_current_terms (PwStore *store, const char *contract_id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT v.terms FROM contract_version v JOIN contract c ON c.id = v.contract_id"
    " WHERE c.id = ? AND v.number = c.current_version", error);
  char *terms;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      failed (store, stmt, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc,
              _("reading a contract’s terms"), error);
      return NULL;
    }
  terms = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return terms;
}

gboolean
pw_ledger_contract_spaces (PwStore *store, const char *contract_id, GPtrArray *floor_ids,
                           GPtrArray *space_ids, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT s.floor_id, s.id FROM contract_space cs JOIN space s ON s.id = cs.space_id"
    " WHERE cs.contract_id = ?", error);
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (floor_ids, column_dup (stmt, 0));
      g_ptr_array_add (space_ids, column_dup (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    return failed (store, stmt, rc, _("reading the spaces a contract holds"), error);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
pw_ledger_floor_title (PwStore *store, const char *floor_id, char **title, char **park_id,
                       GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT b.code || '-' || f.code, f.park_id FROM floor f JOIN building b ON b.id = f.building_id"
    " WHERE f.id = ?", error);
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, floor_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("No such floor"));
      else
        pw_store_set_error (store, error, rc, _("reading a floor"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *title = column_dup (stmt, 0);
  *park_id = column_dup (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* ---- the journal ------------------------------------------------------------ */

void
pw_plan_edit_clear (PwPlanEdit *edit)
{
  g_clear_pointer (&edit->command, g_free);
  g_clear_pointer (&edit->summary, g_free);
}

gboolean
pw_ledger_audit_last_seq (PwStore *store, gint64 *seq, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT COALESCE (MAX (seq), 0) FROM audit", error);
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return failed (store, stmt, rc, _("reading the audit trail"), error);
  *seq = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

GArray *
pw_ledger_audit_seqs_after (PwStore *store, const char *entity, const char *id,
                            gint64 after_seq, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT seq FROM audit WHERE entity = ? AND entity_id = ? AND seq > ?", error);
  g_autoptr(GArray) seqs = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  if (stmt == NULL)
    return NULL;
  seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, after_seq);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (seqs, seq);
    }
  if (rc != SQLITE_DONE)
    {
      failed (store, stmt, rc, _("reading the audit trail"), error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&seqs);
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

gboolean
pw_ledger_plan_edit_add (PwStore *store, const char *command, const char *summary,
                         gint64 first_seq, gint64 last_seq, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "INSERT INTO plan_edit (at, command, summary, first_seq, last_seq) VALUES (?, ?, ?, ?, ?)",
    error);
  g_autofree char *at = now_iso ();

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, command, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, summary != NULL ? summary : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, first_seq);
  sqlite3_bind_int64 (stmt, 5, last_seq);
  return pw_store_step_done (store, stmt, error);
}

gboolean
pw_ledger_plan_edit_newest (PwStore *store, PwPlanEdit *edit, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT id, command, summary, first_seq, last_seq FROM plan_edit WHERE undone_at IS NULL"
    " ORDER BY id DESC LIMIT 1", error);
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                           _("No plan edit made from the command line is left to undo"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return failed (store, stmt, rc, _("reading the plan edits"), error);
  edit->id = sqlite3_column_int64 (stmt, 0);
  edit->command = column_dup (stmt, 1);
  edit->summary = column_dup (stmt, 2);
  edit->first_seq = sqlite3_column_int64 (stmt, 3);
  edit->last_seq = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);
  return TRUE;
}

GArray *
pw_ledger_plan_edit_later_ranges (PwStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT first_seq, last_seq, undo_first_seq, undo_last_seq FROM plan_edit WHERE id > ?",
    error);
  g_autoptr(GArray) ranges = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  if (stmt == NULL)
    return NULL;
  ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < 4; c += 2)
      if (sqlite3_column_type (stmt, c) != SQLITE_NULL)
        {
          gint64 range[2] = { sqlite3_column_int64 (stmt, c), sqlite3_column_int64 (stmt, c + 1) };

          g_array_append_vals (ranges, range, 2);
        }
  if (rc != SQLITE_DONE)
    {
      failed (store, stmt, rc, _("reading the plan edits"), error);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ranges);
}

gboolean
pw_ledger_plan_edit_mark_undone (PwStore *store, gint64 id, gint64 first_seq, gint64 last_seq,
                                 GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "UPDATE plan_edit SET undone_at = ?, undo_first_seq = ?, undo_last_seq = ? WHERE id = ?",
    error);
  g_autofree char *at = now_iso ();

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, first_seq);
  sqlite3_bind_int64 (stmt, 3, last_seq);
  sqlite3_bind_int64 (stmt, 4, id);
  return pw_store_step_done (store, stmt, error);
}
