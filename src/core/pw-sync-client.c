/* pw-sync-client.c — the desktop's side of sync: the outbox, results, pulled pages,
 * bootstraps and the conflicts the user resolves
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. Pulled records are written as the server sent them (its versions and times),
 *     never through the mutation path: they go to no outbox and are not pushed back.
 *  2. A page, its cursor and the removal of the outbox rows it brought back commit in
 *     one transaction; a crash leaves the previous cursor and re-applies the page.
 *  3. A record with an unanswered or unresolved outbox row keeps its local state: the
 *     server's answer (a later change, or the conflict's "theirs") replaces it.
 *  4. Nothing disappears silently: a conflict or rejection stays in sync_conflict with
 *     mine and theirs until the user resolves or discards it.
 *  5. The server checked the references of what it sends; pages are applied with
 *     foreign keys off, since a record's parent may arrive later in the log.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-sql-json.h"
#include "pw-ledger.h"
#include "pw-row.h"
#include "pw-sync-private.h"

static gboolean
db_error (PwStore *store, GError **error)
{
  g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE, _("The database failed: %s"),
               sqlite3_errmsg (pw_store_get_db (store)));
  return FALSE;
}

static sqlite3_stmt *
prepare (PwStore *store, const char *sql, GError **error)
{
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, sql, &local);

  if (stmt == NULL)
    pw_sync_store_error (error, g_steal_pointer (&local));
  return stmt;
}

static gboolean
step_done (PwStore *store, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return db_error (store, error);
  return TRUE;
}

/* Opens the transaction a page is applied in, with foreign keys off (invariant 5). */
static gboolean
begin_replica (PwStore *store, GError **error)
{
  if (!sqlite3_get_autocommit (pw_store_get_db (store)))
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE,
                   _("Sync cannot run inside another transaction"));
      return FALSE;
    }
  if (!pw_sync_exec (store, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  {
    g_autoptr(GError) local = NULL;

    if (!pw_store_begin (store, &local))
      {
        pw_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
        return pw_sync_store_error (error, g_steal_pointer (&local));
      }
  }
  return TRUE;
}

static gboolean
commit_replica (PwStore *store, gboolean ok, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (ok && !pw_store_commit (store, &local))
    ok = pw_sync_store_error (error, g_steal_pointer (&local));
  if (!ok)
    pw_store_rollback (store);
  pw_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
  /* codes and patterns may have changed under the validators' cache */
  pw_ledger_forget_cache (store);
  if (ok)
    pw_store_notify_changed (store);
  return ok;
}

/* Whether @entity_id has an outbox row the server has not answered, or whose answer
 * the user has not resolved yet. */
static int
has_unresolved (PwStore *store, const char *entity_id, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT 1 FROM outbox WHERE (?1 IS NULL OR entity_id = ?1)"
                                       " AND state IN ('pending', 'conflict', 'rejected') LIMIT 1",
                                error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, entity_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return 1;
  if (rc == SQLITE_DONE)
    return 0;
  db_error (store, error);
  return -1;
}

static gboolean
set_meta_int (PwStore *store, const char *key, gint64 value, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, value);
  return step_done (store, stmt, error);
}

gint64
pw_sync_client_get_cursor (PwStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT CAST(value AS INTEGER) FROM meta"
                                                          " WHERE key = 'sync_cursor'", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

gint64
pw_sync_client_count_pending (PwStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT count(*) FROM outbox"
                                                          " WHERE state = 'pending'", NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return -1;
}

gboolean
pw_sync_client_count_records (PwStore *store, gint64 *parks, gint64 *records, GError **error)
{
  const char *const *entities = pw_sync_entities ();

  *parks = 0;
  *records = 0;
  for (guint i = 0; entities[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", entities[i]);
      sqlite3_stmt *stmt = prepare (store, sql, error);  /* cached: reset, not finalised */
      gint64 n;

      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          db_error (store, error);
          sqlite3_reset (stmt);
          return FALSE;
        }
      n = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      *records += n;
      if (g_str_equal (entities[i], "park"))
        *parks = n;
    }
  return TRUE;
}

/* ---- writing records as the server has them ---------------------------------------- */

static gboolean
delete_record (PwStore *store, const char *entity, const char *id, JsonObject *key,
               GError **error)
{
  gboolean pair = g_str_equal (entity, "schedule_line");
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?%s", entity,
                                          pair ? " AND contract_id = ?" : "");
  sqlite3_stmt *stmt = prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (pair)
    sqlite3_bind_text (stmt, 2, key ? pw_row_string (key, "contract_id") : NULL, -1,
                       SQLITE_TRANSIENT);
  return step_done (store, stmt, error);
}

/* Removes local rows that hold a unique value @record needs (a record renamed or
 * removed on the server whose change this replica has not written yet). */
static gboolean
clear_unique_clash (PwStore *store, const char *entity, JsonObject *record, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_index_list ('%s')"
                                          " WHERE \"unique\" = 1 AND origin = 'u'", entity);
  g_autoptr(sqlite3_stmt) list = pw_store_prepare (store, sql, NULL);
  g_autoptr(GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (list == NULL)
    return db_error (store, error);
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    g_ptr_array_add (indexes, g_strdup ((const char *) sqlite3_column_text (list, 0)));
  if (rc != SQLITE_DONE)
    return db_error (store, error);
  for (guint i = 0; i < indexes->len; i++)
    {
      g_autofree char *info = g_strdup_printf ("SELECT name FROM pragma_index_info ('%s')",
                                               (char *) indexes->pdata[i]);
      g_autoptr(sqlite3_stmt) cols = pw_store_prepare (store, info, NULL);
      g_autoptr(GString) del = g_string_new (NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (cols == NULL)
        return db_error (store, error);
      while (sqlite3_step (cols) == SQLITE_ROW)
        g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (cols, 0)));
      g_string_printf (del, "DELETE FROM %s WHERE id <> ?", entity);
      for (guint c = 0; c < names->len; c++)
        g_string_append_printf (del, " AND %s IS ?", (char *) names->pdata[c]);
      stmt = pw_store_prepare (store, del->str, NULL);
      if (stmt == NULL)
        return db_error (store, error);
      sqlite3_bind_text (stmt, 1, pw_row_string (record, "id"), -1, SQLITE_TRANSIENT);
      for (guint c = 0; c < names->len; c++)
        pw_sql_bind_json (stmt, (int) c + 2, json_object_get_member (record, names->pdata[c]));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return db_error (store, error);
    }
  return TRUE;
}

static gboolean
upsert_record (PwStore *store, const char *entity, JsonObject *record, GError **error)
{
  gboolean pair = g_str_equal (entity, "schedule_line");
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
  g_autoptr(GString) set = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_string_append_printf (sql, "%s (", entity);
  json_object_iter_init_ordered (&iter, record);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_string_append_printf (sql, "%s%s", n ? ", " : "", name);
      if (!g_str_equal (name, "id") && !(pair && g_str_equal (name, "contract_id")))
        g_string_append_printf (set, "%s%s = excluded.%s", set->len ? ", " : "", name, name);
      n++;
    }
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i ? ", ?" : "?");
  /* schedule_line is a view whose insert replaces the line (migration 010) */
  if (pair)
    g_string_append_c (sql, ')');
  else
    g_string_append_printf (sql, ") ON CONFLICT (id) DO UPDATE SET %s", set->str);
  stmt = prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (int attempt = 0; attempt < 2; attempt++)
    {
      int idx = 1;

      json_object_iter_init_ordered (&iter, record);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        pw_sql_bind_json (stmt, idx++, node);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      if (rc != SQLITE_CONSTRAINT_UNIQUE || attempt > 0)
        break;
      if (!clear_unique_clash (store, entity, record, error))
        return FALSE;
    }
  {
    g_autofree char *message = g_strdup (sqlite3_errmsg (pw_store_get_db (store)));

    /* Translators: a kind of record, its id, then the database's reason */
    g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE, _("Could not write the %s record %s: %s"),
                 entity, pw_row_string (record, "id"), message);
  }
  return FALSE;
}

/* Keeps the newest server record of @entity_id with its unresolved conflicts, so that
 * keeping theirs (or discarding mine) puts back what the server has now. */
static gboolean
refresh_theirs (PwStore *store, const char *entity_id, JsonObject *record, GError **error)
{
  g_autofree char *text = record ? pw_sync_encode_object (record) : NULL;
  sqlite3_stmt *stmt = prepare (store, "UPDATE sync_conflict SET theirs = ? WHERE entity_id = ?",
                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, entity_id, -1, SQLITE_STATIC);
  return step_done (store, stmt, error);
}

/* ---- push --------------------------------------------------------------------------- */

PwSyncPush *
pw_sync_client_build_push (PwStore *store, guint max, GError **error)
{
  g_autoptr(PwSyncPush) push = pw_sync_push_new (pw_store_get_client_id (store));
  sqlite3_stmt *stmt = prepare (store, "SELECT mid, entity, entity_id, op, fields, base_version,"
                                       " created_at FROM outbox WHERE state = 'pending'"
                                       " ORDER BY mid LIMIT ?", error);
  g_autofree char *group_time = NULL;
  gint64 group = 0;
  guint group_start = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  max = CLAMP (max, 1, PW_SYNC_MAX_MUTATIONS);
  /* one more row tells whether the last group goes on past @max */
  sqlite3_bind_int (stmt, 1, (int) max + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *at = (const char *) sqlite3_column_text (stmt, 6);
      gint64 mid = sqlite3_column_int64 (stmt, 0);

      /* mutations of one local transaction share its time: they form a group */
      if (g_strcmp0 (at, group_time) != 0)
        {
          g_free (group_time);
          group_time = g_strdup (at);
          group = mid;
          group_start = push->mutations->len;
        }
      if (push->mutations->len == max)
        {
          /* never split a group across pushes, unless it alone is bigger than one */
          if (group_start > 0 && g_strcmp0 (at, group_time) == 0
              && group != mid)
            g_ptr_array_remove_range (push->mutations, group_start,
                                      push->mutations->len - group_start);
          break;
        }

      g_autoptr(JsonObject) fields = pw_sync_parse_object ((const char *) sqlite3_column_text (stmt, 4));
      int op = pw_sync_op_from_string ((const char *) sqlite3_column_text (stmt, 3));

      if (fields == NULL || op < 0)
        {
          sqlite3_reset (stmt);
          g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE,
                       _("Outbox row %s cannot be read"), sqlite3_column_text (stmt, 0));
          return NULL;
        }
      pw_sync_push_add (push, mid, (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2), op,
                        sqlite3_column_int64 (stmt, 5), fields);
      ((PwSyncMutation *) g_ptr_array_index (push->mutations, push->mutations->len - 1))->group
        = group;
    }
  sqlite3_reset (stmt);
  /* a group of one needs no name */
  for (guint i = 0; i < push->mutations->len; i++)
    {
      PwSyncMutation *m = g_ptr_array_index (push->mutations, i);
      PwSyncMutation *prev = i > 0 ? g_ptr_array_index (push->mutations, i - 1) : NULL;
      PwSyncMutation *next = i + 1 < push->mutations->len ? g_ptr_array_index (push->mutations, i + 1)
                                                          : NULL;

      if ((prev == NULL || prev->group != m->group) && (next == NULL || next->group != m->group))
        m->group = 0;
    }
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      db_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&push);
}

static gboolean
record_result (PwStore *store, gint64 mid, JsonObject *r, GError **error)
{
  const char *kind = pw_row_string (r, "result");
  sqlite3_stmt *stmt;
  JsonNode *record = json_object_get_member (r, "record");
  g_autofree char *theirs = NULL;
  g_autofree char *fields = NULL;

  if (g_str_equal (kind, "applied"))
    {
      stmt = prepare (store, "UPDATE outbox SET state = 'applied', seq = ? WHERE mid = ?"
                             " AND state = 'pending'", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, json_object_get_int_member_with_default (r, "seq", 0));
      sqlite3_bind_int64 (stmt, 2, mid);
      return step_done (store, stmt, error);
    }

  if (record != NULL && JSON_NODE_HOLDS_OBJECT (record))
    theirs = pw_sync_encode_object (json_node_get_object (record));
  if (json_object_has_member (r, "fields") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (r, "fields")))
    fields = json_to_string (json_object_get_member (r, "fields"), FALSE);
  stmt = prepare (store,
    "INSERT OR IGNORE INTO sync_conflict (kind, mid, entity, entity_id, op, base_version, mine,"
    " theirs, fields, reason, message, created_at)"
    " SELECT ?2, mid, entity, entity_id, op, base_version, fields, ?3, ?4, ?5, ?6, ?7"
    " FROM outbox WHERE mid = ?1 AND state = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  {
    g_autofree char *now = pw_now_iso ();
    sqlite3_bind_int64 (stmt, 1, mid);
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 3, theirs, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, fields ? fields : "[]", -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 5, g_str_equal (kind, "conflict") ? pw_row_string (r, "kind")
                                                               : pw_row_string (r, "reason"),
                       -1, SQLITE_STATIC);
    if (pw_row_string (r, "kind") == NULL && pw_row_string (r, "reason") == NULL)
      sqlite3_bind_text (stmt, 5, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 6, pw_row_string (r, "message") ? pw_row_string (r, "message") : "",
                       -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
    if (!step_done (store, stmt, error))
      return FALSE;
  }
  stmt = prepare (store, "UPDATE outbox SET state = ? WHERE mid = ? AND state = 'pending'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, mid);
  return step_done (store, stmt, error);
}

gboolean
pw_sync_client_apply_push_result (PwStore *store, JsonObject *result, GError **error)
{
  JsonArray *results;
  gboolean ok = TRUE;

  if (!pw_sync_check_push_result (result, error))
    return FALSE;
  results = json_object_get_array_member (result, "results");
  {
    g_autoptr(GError) local = NULL;

    if (!pw_store_begin (store, &local))
      return pw_sync_store_error (error, g_steal_pointer (&local));
  }
  for (guint i = 0; ok && i < json_array_get_length (results); i++)
    {
      JsonObject *r = json_array_get_object_element (results, i);
      gint64 mid = json_object_get_int_member (r, "mid");

      if (g_str_equal (pw_row_string (r, "result"), "duplicate"))
        {
          JsonNode *original = json_object_get_member (r, "original");

          if (original != NULL && JSON_NODE_HOLDS_OBJECT (original))
            r = json_node_get_object (original);
          else
            {
              /* applied long ago, its result no longer kept: the next pull settles it */
              g_autoptr(JsonObject) applied = json_object_new ();
              json_object_set_string_member (applied, "result", "applied");
              ok = record_result (store, mid, applied, error);
              continue;
            }
        }
      ok = record_result (store, mid, r, error);
    }
  return commit_replica (store, ok, error);
}

/* ---- pull and bootstrap ------------------------------------------------------------- */

static gboolean
forget_acknowledged (PwStore *store, gint64 cursor, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "DELETE FROM outbox WHERE state = 'applied' AND seq <= ?",
                                error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cursor);
  return step_done (store, stmt, error) && set_meta_int (store, "sync_cursor", cursor, error);
}

gboolean
pw_sync_client_apply_pull (PwStore *store, JsonObject *page, GError **error)
{
  JsonArray *changes;
  gboolean ok = TRUE;
  int any_mine;

  if (!pw_sync_check_page (page, error))
    return FALSE;
  changes = json_object_get_array_member (page, "changes");
  if (!begin_replica (store, error))
    return FALSE;
  /* most pages meet no local change at all: ask once */
  any_mine = has_unresolved (store, NULL, error);
  ok = any_mine >= 0;
  for (guint i = 0; ok && i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);
      const char *entity = pw_row_string (c, "entity");
      const char *id = pw_row_string (c, "id");
      int mine = any_mine ? has_unresolved (store, id, error) : 0;

      if (mine < 0)
        ok = FALSE;
      else if (mine > 0)
        ok = refresh_theirs (store, id, g_str_equal (pw_row_string (c, "op"), "delete")
                                          ? NULL : json_object_get_object_member (c, "record"),
                             error);
      else if (g_str_equal (pw_row_string (c, "op"), "delete"))
        {
          JsonNode *key = json_object_get_member (c, "key");
          ok = delete_record (store, entity, id,
                              key && JSON_NODE_HOLDS_OBJECT (key) ? json_node_get_object (key) : NULL,
                              error);
        }
      else
        ok = upsert_record (store, entity, json_object_get_object_member (c, "record"), error);
    }
  ok = ok && forget_acknowledged (store, json_object_get_int_member (page, "cursor"), error);
  return commit_replica (store, ok, error);
}

gboolean
pw_sync_client_apply_bootstrap (PwStore *store, JsonObject *page, GError **error)
{
  const char *const *entities = pw_sync_entities ();
  JsonArray *records;
  gboolean ok = TRUE;
  sqlite3_stmt *seen;
  int any_mine;

  if (!pw_sync_check_bootstrap (page, error))
    return FALSE;
  records = json_object_get_array_member (page, "records");
  if (!begin_replica (store, error))
    return FALSE;
  any_mine = has_unresolved (store, NULL, error);
  ok = any_mine >= 0;
  if (ok && json_object_get_boolean_member (page, "first"))
    ok = pw_sync_exec (store, "DELETE FROM sync_seen", error);
  seen = ok ? prepare (store, "INSERT OR IGNORE INTO sync_seen (entity_id, entity) VALUES (?, ?)",
                       error) : NULL;
  ok = ok && seen != NULL;
  for (guint i = 0; ok && i < json_array_get_length (records); i++)
    {
      JsonObject *e = json_array_get_object_element (records, i);
      const char *entity = pw_row_string (e, "entity");
      JsonObject *record = json_object_get_object_member (e, "record");
      const char *id = pw_row_string (record, "id");
      g_autofree char *key = g_str_equal (entity, "schedule_line")
                               ? g_strdup_printf ("%s|%s", pw_row_string (record, "contract_id"), id)
                               : g_strdup (id);
      int mine = any_mine ? has_unresolved (store, id, error) : 0;

      if (mine < 0)
        ok = FALSE;
      else if (mine == 0)
        ok = upsert_record (store, entity, record, error);
      else
        ok = refresh_theirs (store, id, record, error);
      if (ok)
        {
          sqlite3_bind_text (seen, 1, key, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (seen, 2, entity, -1, SQLITE_TRANSIENT);
          ok = step_done (store, seen, error);
        }
    }
  if (ok && JSON_NODE_HOLDS_NULL (json_object_get_member (page, "next")))
    {
      /* the last page: what the server no longer holds goes, except my own changes */
      for (guint i = 0; ok && entities[i]; i++)
        {
          g_autofree char *sql = g_strdup_printf (
            "DELETE FROM %s WHERE %s NOT IN (SELECT entity_id FROM sync_seen WHERE entity = '%s')"
            " AND id NOT IN (SELECT entity_id FROM outbox"
            " WHERE state IN ('pending', 'conflict', 'rejected'))",
            entities[i], pw_sync_key_sql (entities[i]), entities[i]);
          ok = pw_sync_exec (store, sql, error);
        }
      ok = ok && pw_sync_exec (store, "DELETE FROM sync_seen", error)
           && forget_acknowledged (store, json_object_get_int_member (page, "cursor"), error);
    }
  return commit_replica (store, ok, error);
}

/* ---- conflicts ---------------------------------------------------------------------- */

void
pw_sync_conflict_free (PwSyncConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->entity);
  g_free (c->entity_id);
  g_clear_pointer (&c->mine, json_object_unref);
  g_clear_pointer (&c->theirs, json_object_unref);
  g_strfreev (c->fields);
  g_free (c->reason);
  g_free (c->message);
  g_free (c);
}

static PwSyncConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  PwSyncConflict *c = g_new0 (PwSyncConflict, 1);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->kind = g_str_equal (sqlite3_column_text (stmt, 1), "conflict") ? PW_SYNC_CONFLICT_CONFLICT
                                                                     : PW_SYNC_CONFLICT_REJECTED;
  c->mid = sqlite3_column_int64 (stmt, 2);
  c->entity = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  c->entity_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  c->op = (PwMutationOp) MAX (0, pw_sync_op_from_string ((const char *) sqlite3_column_text (stmt, 5)));
  c->mine = pw_sync_parse_object ((const char *) sqlite3_column_text (stmt, 6));
  if (c->mine == NULL)
    c->mine = json_object_new ();
  c->theirs = pw_sync_parse_object ((const char *) sqlite3_column_text (stmt, 7));
  if (json_parser_load_from_data (parser, (const char *) sqlite3_column_text (stmt, 8), -1, NULL)
      && JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      JsonArray *array = json_node_get_array (json_parser_get_root (parser));

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (json_node_get_value_type (json_array_get_element (array, i)) == G_TYPE_STRING)
          g_ptr_array_add (fields, g_strdup (json_array_get_string_element (array, i)));
    }
  g_ptr_array_add (fields, NULL);
  c->fields = (char **) g_ptr_array_steal (fields, NULL);
  c->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  c->message = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  return c;
}

#define CONFLICT_COLUMNS "id, kind, mid, entity, entity_id, op, mine, theirs, fields, reason, message"

GPtrArray *
pw_sync_client_list_conflicts (PwStore *store, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_sync_conflict_free);
  sqlite3_stmt *stmt = prepare (store, "SELECT " CONFLICT_COLUMNS " FROM sync_conflict ORDER BY mid",
                                error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, conflict_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (db_error (store, error), NULL);
  return g_steal_pointer (&list);
}

static PwSyncConflict *
load_conflict (PwStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "SELECT " CONFLICT_COLUMNS " FROM sync_conflict WHERE id = ?",
                                error);
  PwSyncConflict *c = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    c = conflict_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      char number[32];

      g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, id);
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID, _("There is no conflict %s"), number);
    }
  else if (rc != SQLITE_ROW)
    db_error (store, error);
  return c;
}

static gboolean
forget_conflict (PwStore *store, PwSyncConflict *c, GError **error)
{
  sqlite3_stmt *stmt = prepare (store, "DELETE FROM sync_conflict WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  if (!step_done (store, stmt, error))
    return FALSE;
  stmt = prepare (store, "DELETE FROM outbox WHERE mid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->mid);
  return step_done (store, stmt, error);
}

/* Puts the server's record back (none: the record goes). */
static gboolean
take_theirs (PwStore *store, PwSyncConflict *c, GError **error)
{
  if (c->theirs != NULL)
    return upsert_record (store, c->entity, c->theirs, error);
  return delete_record (store, c->entity, c->entity_id, NULL, error);
}

static gboolean
is_lent (const char *name)
{
  return g_str_equal (name, "id") || g_str_equal (name, "version")
         || g_str_equal (name, "created_at") || g_str_equal (name, "updated_at");
}

gboolean
pw_sync_client_resolve (PwStore *store, gint64 id, PwSyncResolution how,
                        const char *const *mine_fields, GError **error)
{
  g_autoptr(PwSyncConflict) c = load_conflict (store, id, error);
  g_autoptr(JsonObject) local_row = NULL;
  g_autoptr(PwMutation) mutation = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  if (c == NULL)
    return FALSE;
  local_row = pw_store_get_row (store, c->entity, c->entity_id, NULL);
  if (!begin_replica (store, error))
    return FALSE;
  ok = take_theirs (store, c, error);
  if (ok && how != PW_SYNC_KEEP_THEIRS)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, c->mine);
      while (json_object_iter_next (&iter, &name, &node))
        {
          if (how == PW_SYNC_MERGE && (mine_fields == NULL || !g_strv_contains (mine_fields, name)))
            continue;
          if (c->theirs != NULL && json_object_has_member (c->theirs, name)
              && json_node_equal (node, json_object_get_member (c->theirs, name)))
            continue;
          json_object_set_member (fields, name, json_node_copy (node));
        }
      if (c->op == PW_MUTATION_DELETE)
        {
          if (c->theirs != NULL)
            mutation = pw_mutation_new_delete (c->entity, c->entity_id,
                                               json_object_get_int_member (c->theirs, "version"));
        }
      else if (c->theirs != NULL)
        {
          if (json_object_get_size (fields) > 0)
            {
              mutation = pw_mutation_new_update (c->entity, c->entity_id,
                                                 json_object_get_int_member (c->theirs, "version"));
              pw_mutation_set_fields (mutation, fields);
            }
        }
      else if (local_row != NULL)
        {
          /* gone on the server: keeping mine writes it again */
          g_autoptr(JsonObject) all = json_object_new ();

          json_object_iter_init (&iter, local_row);
          while (json_object_iter_next (&iter, &name, &node))
            if (!is_lent (name))
              json_object_set_member (all, name, json_node_copy (node));
          json_object_iter_init (&iter, fields);
          while (json_object_iter_next (&iter, &name, &node))
            json_object_set_member (all, name, json_node_copy (node));
          mutation = pw_mutation_new_insert (c->entity, c->entity_id);
          pw_mutation_set_fields (mutation, all);
        }
      if (mutation != NULL && !pw_store_apply (store, mutation, &local))
        {
          g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID, "%s", local->message);
          ok = FALSE;
        }
    }
  ok = ok && forget_conflict (store, c, error);
  return commit_replica (store, ok, error);
}

gboolean
pw_sync_client_discard (PwStore *store, gint64 id, GError **error)
{
  g_autoptr(PwSyncConflict) c = load_conflict (store, id, error);
  gboolean ok;

  if (c == NULL)
    return FALSE;
  if (!begin_replica (store, error))
    return FALSE;
  ok = take_theirs (store, c, error) && forget_conflict (store, c, error);
  return commit_replica (store, ok, error);
}

gboolean
pw_sync_client_reset (PwStore *store, GError **error)
{
  const char *const *entities = pw_sync_entities ();
  guint n = g_strv_length ((char **) entities);
  gboolean ok;

  if (!begin_replica (store, error))
    return FALSE;
  /* derived records first, then children before parents */
  ok = pw_sync_exec (store, "DELETE FROM schedule_entry", error)
       && pw_sync_exec (store, "DELETE FROM schedule_contract", error);
  for (guint i = n; ok && i > 0; i--)
    {
      g_autofree char *sql = NULL;

      if (g_str_equal (entities[i - 1], "schedule_line"))
        continue;
      sql = g_strdup_printf ("DELETE FROM %s", entities[i - 1]);
      ok = pw_sync_exec (store, sql, error);
    }
  ok = ok && pw_sync_exec (store, "DELETE FROM outbox", error)
       && pw_sync_exec (store, "DELETE FROM sync_conflict", error)
       && pw_sync_exec (store, "DELETE FROM sync_seen", error)
       && pw_sync_exec (store, "DELETE FROM meta WHERE key IN ('sync_cursor', 'sync_bootstrapped')",
                        error);
  return commit_replica (store, ok, error);
}
