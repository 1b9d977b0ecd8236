/* pw-sync-server.c — the server's side of sync: push, pull, bootstrap, the change log
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. A push is one transaction: every mutation's effect, its (client_id, mid, result)
 *     row and the client's last_mid commit together or not at all; COMMIT is checked.
 *  2. A mid at or below last_mid is answered from sync_applied and changes nothing;
 *     a mid above last_mid + 1 refuses the whole push. sync_applied keeps only the
 *     results from the client's first unanswered mid on (a push starting at N shows the
 *     answers below N arrived), refusals without their record.
 *  3. Each mutation is a savepoint: a conflict or rejection undoes only itself.
 *  4. Every change to a synced table, from a push or any local edit, is written to
 *     sync_change by triggers, with its park resolved when it is written; the change
 *     number only grows (AUTOINCREMENT), and SQLite's single writer means a reader
 *     never sees a later number commit before an earlier one.
 *  5. An actor never learns about a park they hold no grant in: a record there and a
 *     record that does not exist get the same "not_found" (an insert reusing its id
 *     too), and pulls and bootstraps only carry records of granted parks.
 *  6. Nothing of a refused group is kept: its savepoint is undone and the schedules of
 *     its contracts are not written again.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-sql-json.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-row.h"
#include "pw-sync-private.h"

/* ---- the change log's triggers ------------------------------------------------------- */

static GPtrArray *
table_columns (PwStore *store, const char *table, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s') ORDER BY cid",
                                          table);
  g_autoptr(GError) local = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, &local);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    {
      pw_sync_store_error (error, g_steal_pointer (&local));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE || columns->len == 0)
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE,
                   _("Could not read the columns of %s"), table);
      return NULL;
    }
  return g_steal_pointer (&columns);
}

static void
append_json_object (GString *sql, GPtrArray *columns, const char *row)
{
  g_string_append (sql, "json_object(");
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, "%s'%s', %s.%s", i ? ", " : "", (char *) columns->pdata[i], row,
                            (char *) columns->pdata[i]);
  g_string_append_c (sql, ')');
}

/* @id: the SQL of the record's id */
static void
append_log_insert (GString *sql, const char *entity, const char *op, const char *id,
                   const char *park, const char *record)
{
  g_string_append (sql, "  INSERT INTO sync_change (at, entity, entity_id, op, park_id, record)"
                        " VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), '");
  g_string_append_printf (sql, "%s', %s, '%s', %s, %s);\n", entity, id, op, park, record);
}

/* Schedule lines are kept in schedule_entry (migration 010) and shown as the view
 * schedule_line: their records are the view's rows, put together from the stored
 * row @row as the view does; its contract is schedule_contract's number key / 4096. */
#define LINE_CONTRACT_SQL "(SELECT sc.contract_id FROM schedule_contract sc WHERE sc.n = %1$s.key >> 12)"

static void
append_schedule_line_record (GString *sql, const char *row)
{
  g_string_append_printf (sql,
    "json_object('contract_id', " LINE_CONTRACT_SQL ", 'id', pw_uuid_text (%1$s.id), 'version', 1,"
    " 'contract_version', %1$s.contract_version, 'charge', %1$s.charge,"
    " 'kind', CASE %1$s.kind WHEN 0 THEN 'charge' WHEN 1 THEN 'credit' WHEN 2 THEN 'deposit'"
    " WHEN 3 THEN 'penalty' END, 'seller', %1$s.seller,"
    " 'period_start', date (%1$s.period_start + 2440587.5),"
    " 'period_end', date (%1$s.period_end + 2440587.5),"
    " 'bill_date', date (%1$s.bill_date + 2440587.5),"
    " 'due_date', date (%1$s.due_date + 2440587.5),"
    " 'gross', %1$s.gross, 'net', %1$s.net, 'tax', %1$s.tax, 'basis', %1$s.basis,"
    " 'explanation', pw_schedule_explanation (%1$s.charge, %1$s.period_start, %1$s.period_end,"
    " %1$s.basis, %1$s.form, %1$s.form_arg),"
    " 'created_at', (SELECT v.created_at FROM contract_version v"
    " WHERE v.contract_id = " LINE_CONTRACT_SQL " AND v.number = %1$s.contract_version),"
    " 'updated_at', (SELECT v.updated_at FROM contract_version v"
    " WHERE v.contract_id = " LINE_CONTRACT_SQL " AND v.number = %1$s.contract_version))", row);
}

/* The park of the stored schedule line @row */
static char *
schedule_line_park (const char *row)
{
  return g_strdup_printf ("(SELECT p.park_id FROM contract p WHERE p.id = " LINE_CONTRACT_SQL ")",
                          row);
}

static gboolean step_error (PwStore *store, int rc, GError **error);

/* Creates trigger @name from @text ("CREATE TRIGGER … END") unless the database holds it
 * as it is: a start-up with nothing to change writes nothing (a full disk must not stop
 * the server from starting). *@wrote tells whether anything was written. */
static gboolean
ensure_trigger (PwStore *store, const char *name, const char *text, gboolean *wrote,
                GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, "SELECT sql FROM sqlite_master"
                                                " WHERE type = 'trigger' AND name = ?", error);
  g_autofree char *sql = NULL;
  gboolean same;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  same = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), text) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return step_error (store, rc, error);
  if (same)
    return TRUE;
  *wrote = TRUE;
  sql = g_strdup_printf ("DROP TRIGGER IF EXISTS %s;\n%s;", name, text);
  return pw_sync_exec (store, sql, error);
}

static gboolean
install_triggers (PwStore *store, const char *entity, gboolean *wrote, GError **error)
{
  const PwSyncEntity *e = pw_sync_entity_lookup (entity);
  gboolean lines = g_str_equal (entity, "schedule_line");
  const char *table = lines ? "schedule_entry" : entity;
  g_autoptr(GPtrArray) columns = table_columns (store, entity, error);
  g_autoptr(GString) ins = g_string_new (NULL);
  g_autoptr(GString) upd = g_string_new (NULL);
  g_autoptr(GString) del = g_string_new (NULL);
  g_autoptr(GString) record = g_string_new (NULL);
  g_autofree char *park_new = lines ? schedule_line_park ("NEW") : pw_sync_park_sql (entity, "NEW.");
  g_autofree char *park_old = lines ? schedule_line_park ("OLD") : pw_sync_park_sql (entity, "OLD.");
  g_autofree char *key = NULL;
  g_autofree char *name_ins = g_strdup_printf ("sync_log_%s_insert", entity);
  g_autofree char *name_upd = g_strdup_printf ("sync_log_%s_update", entity);
  g_autofree char *name_del = g_strdup_printf ("sync_log_%s_delete", entity);

  if (columns == NULL)
    return FALSE;

  if (lines)
    append_schedule_line_record (record, "NEW");
  else
    append_json_object (record, columns, "NEW");
  g_string_append_printf (ins, "CREATE TRIGGER %s AFTER INSERT ON %s BEGIN\n", name_ins, table);
  append_log_insert (ins, entity, "insert", lines ? "pw_uuid_text (NEW.id)" : "NEW.id", park_new,
                     record->str);
  g_string_append (ins, "END");

  g_string_append_printf (upd, "CREATE TRIGGER %s AFTER UPDATE ON %s BEGIN\n", name_upd, table);
  append_log_insert (upd, entity, "update", lines ? "pw_uuid_text (NEW.id)" : "NEW.id", park_new,
                     record->str);
  if (!e->insert_only)
    for (guint i = 0; i < columns->len; i++)
      {
        const char *c = columns->pdata[i];

        if (g_str_equal (c, "id") || g_str_equal (c, "version") || g_str_equal (c, "created_at")
            || g_str_equal (c, "updated_at"))
          continue;
        g_string_append_printf (upd,
          "  INSERT OR REPLACE INTO sync_field_version (entity_id, entity, field, version, client_id)"
          " SELECT NEW.id, '%s', '%s', NEW.version, (SELECT client_id FROM sync_context WHERE one = 1)"
          " WHERE OLD.%s IS NOT NEW.%s;\n", entity, c, c, c);
      }
  g_string_append (upd, "END");

  key = lines ? g_strdup_printf ("json_object('contract_id', " LINE_CONTRACT_SQL ","
                                 " 'id', pw_uuid_text (%1$s.id))", "OLD")
              : g_strdup ("json_object('id', OLD.id)");
  g_string_append_printf (del, "CREATE TRIGGER %s AFTER DELETE ON %s BEGIN\n", name_del, table);
  append_log_insert (del, entity, "delete", lines ? "pw_uuid_text (OLD.id)" : "OLD.id", park_old,
                     key);
  if (!e->insert_only)
    g_string_append_printf (del, "  DELETE FROM sync_field_version WHERE entity_id = OLD.id"
                                 " AND entity = '%s';\n", entity);
  g_string_append (del, "END");
  return ensure_trigger (store, name_ins, ins->str, wrote, error)
         && ensure_trigger (store, name_upd, upd->str, wrote, error)
         && ensure_trigger (store, name_del, del->str, wrote, error);
}

static gint64 query_int (PwStore *store, const char *sql, gint64 fallback);

gboolean
pw_sync_server_init (PwStore *store, GError **error)
{
  const char *const *entities = pw_sync_entities ();
  gboolean wrote = FALSE;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  pw_ledger_attach (store);
  pw_store_set_outbox_enabled (store, FALSE);
  /* read first, write only what differs: a start-up that changes nothing writes nothing */
  if (!pw_sync_exec (store, "BEGIN", error))
    return FALSE;
  /* Records from before the log began are only in a bootstrap: the log then starts at
   * change 1, and a cursor of 0 (a desktop that never bootstrapped) is too old. */
  {
    g_autoptr(GString) any = g_string_new ("SELECT 0");

    for (guint i = 0; entities[i]; i++)
      g_string_append_printf (any, " OR EXISTS (SELECT 1 FROM %s)", entities[i]);
    if (pw_sync_server_get_cursor (store) == 0 && query_int (store, any->str, 0) == 1
        && !pw_sync_exec (store,
                          "INSERT INTO sqlite_sequence (name, seq) VALUES ('sync_change', 1);"
                          "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_floor', '1')",
                          error))
      goto fail;
  }
  for (guint i = 0; entities[i]; i++)
    if (!install_triggers (store, entities[i], &wrote, error))
      goto fail;
  if (query_int (store, "SELECT value = 'server' FROM meta WHERE key = 'sync_role'", 0) != 1
      && !pw_sync_exec (store, "INSERT OR REPLACE INTO meta (key, value) VALUES ('sync_role', 'server')",
                        error))
    goto fail;
  rc = sqlite3_exec (pw_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE, _("Could not commit: %s"),
                   sqlite3_errmsg (pw_store_get_db (store)));
      goto fail;
    }
  return TRUE;

fail:
  sqlite3_exec (pw_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* ---- small queries ------------------------------------------------------------------ */

static gboolean
step_error (PwStore *store, int rc, GError **error)
{
  g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE, _("The database failed: %s"),
               rc == SQLITE_OK ? "" : sqlite3_errmsg (pw_store_get_db (store)));
  return FALSE;
}

/* The park of record @id of @entity, NULL when there is none; *@failed on a database error. */
static char *
park_of_id (PwStore *store, const char *entity, const char *id, gboolean *failed, GError **error)
{
  g_autofree char *park = pw_sync_park_sql (entity, "t.");
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s t WHERE t.id = ?", park, entity);
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, sql, &local);
  char *result = NULL;
  int rc;

  *failed = FALSE;
  if (stmt == NULL)
    {
      *failed = TRUE;
      return (pw_sync_store_error (error, g_steal_pointer (&local)), NULL);
    }
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      *failed = TRUE;
      step_error (store, rc, error);
    }
  sqlite3_reset (stmt);
  return result;
}

static gint64
query_int (PwStore *store, const char *sql, gint64 fallback)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);
  gint64 value = fallback;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  return value;
}

/* The newest change number ever given (kept even when the log is pruned). */
gint64
pw_sync_server_get_cursor (PwStore *store)
{
  return query_int (store, "SELECT seq FROM sqlite_sequence WHERE name = 'sync_change'", 0);
}

static gint64
log_floor (PwStore *store)
{
  return query_int (store, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'sync_floor'", 0);
}

/* ---- push --------------------------------------------------------------------------- */

typedef struct {
  PwStore     *store;
  PwSyncActor *actor;
  const char  *client_id;
  GHashTable  *reschedule;  /* contract ids whose schedule is written again at the end */
  GHashTable  *pending;     /* those of the group being applied, until it is kept */
  GHashTable  *chains;      /* record id → Chain, for records this push did not apply as sent */
  gint64       base;        /* the base the last mutation was checked against */
  GError     **error;       /* set only for failures of the whole push */
  gboolean     failed;
} Push;

/* A desktop numbers versions on top of its own changes: after one of them was refused
 * or merged, its next change of the record names a version the server never had.
 * Within a push, such a base is read as the server's version the chain started from. */
typedef struct {
  gint64 local_next;   /* the version the desktop gave the record with its change */
  gint64 server_base;  /* the server's version that change was based on */
} Chain;

static gint64
effective_base (Push *p, PwSyncMutation *m)
{
  Chain *chain = g_hash_table_lookup (p->chains, m->id);

  if (chain != NULL && m->op != PW_MUTATION_INSERT && m->base_version == chain->local_next)
    return chain->server_base;
  return m->base_version;
}

static void
note_chain (Push *p, PwSyncMutation *m, JsonObject *result, gint64 base)
{
  gboolean applied = g_str_equal (json_object_get_string_member (result, "result"), "applied");
  Chain *chain;

  if (applied && !json_object_has_member (result, "merged"))
    {
      g_hash_table_remove (p->chains, m->id);
      return;
    }
  chain = g_new0 (Chain, 1);
  chain->local_next = m->op == PW_MUTATION_INSERT ? 1 : m->base_version + 1;
  chain->server_base = base;
  g_hash_table_insert (p->chains, g_strdup (m->id), chain);
}

static JsonObject *
result_new (PwSyncMutation *m, const char *kind)
{
  JsonObject *r = json_object_new ();

  json_object_set_int_member (r, "mid", m->mid);
  json_object_set_string_member (r, "result", kind);
  return r;
}

static JsonObject *
rejected (PwSyncMutation *m, const char *reason, const char *message, JsonObject *record)
{
  JsonObject *r = result_new (m, "rejected");

  json_object_set_string_member (r, "reason", reason);
  json_object_set_string_member (r, "message", message);
  if (record != NULL)
    json_object_set_object_member (r, "record", json_object_ref (record));
  return r;
}

static JsonObject *
not_found (PwSyncMutation *m, const char *field, const char *id)
{
  g_autofree char *message = NULL;

  if (field == NULL)
    /* Translators: a kind of record, then its id */
    message = g_strdup_printf (_("There is no %s record %s"), m->entity, id);
  else
    /* Translators: a field name, then the id it names */
    message = g_strdup_printf (_("Field “%s”: there is no record %s"), field, id);
  return rejected (m, "not_found", message, NULL);
}

static JsonObject *
conflict (PwSyncMutation *m, const char *kind, JsonObject *record, GPtrArray *fields,
          const char *message)
{
  JsonObject *r = result_new (m, "conflict");
  JsonArray *array = json_array_new ();

  json_object_set_string_member (r, "kind", kind);
  json_object_set_string_member (r, "message", message);
  if (record != NULL)
    json_object_set_object_member (r, "record", json_object_ref (record));
  else
    json_object_set_null_member (r, "record");
  for (guint i = 0; fields && i < fields->len; i++)
    json_array_add_string_element (array, fields->pdata[i]);
  json_object_set_array_member (r, "fields", array);
  return r;
}

/* Fields written by the last writer without a conflict (docs/sync-protocol.md, "Conflict rules": notes). */
static gboolean
last_write_wins (const char *field)
{
  return g_str_equal (field, "notes") || g_str_equal (field, "note");
}

/* The fields of @m's record that another client (or the server itself) changed after
 * @base; NULL on a database error. */
static GPtrArray *
changed_by_others (Push *p, PwSyncMutation *m)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (p->store,
    "SELECT field FROM sync_field_version WHERE entity_id = ? AND entity = ? AND version > ?"
    " AND client_id IS NOT ?", p->error);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (stmt == NULL)
    return (g_ptr_array_unref (fields), NULL);
  sqlite3_bind_text (stmt, 1, m->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, m->entity, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, p->base);
  sqlite3_bind_text (stmt, 4, p->client_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (fields, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      step_error (p->store, rc, p->error);
      return (g_ptr_array_unref (fields), NULL);
    }
  return fields;
}

static gboolean
same_value (JsonNode *a, JsonNode *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (a) || JSON_NODE_HOLDS_NULL (b))
    return JSON_NODE_HOLDS_NULL (a) && JSON_NODE_HOLDS_NULL (b);
  if (json_node_get_value_type (a) == G_TYPE_BOOLEAN && json_node_get_value_type (b) == G_TYPE_INT64)
    return (json_node_get_boolean (a) ? 1 : 0) == json_node_get_int (b);
  return json_node_equal (a, b);
}

/* Checks every record a mutation's fields refer to is in @park. */
static JsonObject *
check_references (Push *p, PwSyncMutation *m, const char *park)
{
  const PwSyncEntity *e = pw_sync_entity_lookup (m->entity);

  for (guint i = 0; e->refs[i]; i += 2)
    {
      const char *field = e->refs[i];
      const char *target = e->refs[i + 1];
      const char *value;
      g_autofree char *other = NULL;
      gboolean failed;

      if (!json_object_has_member (m->fields, field))
        continue;
      value = pw_row_string (m->fields, field);
      if (value == NULL)
        continue;
      if (target == NULL)  /* a lifecycle event: the kind it is about is in "entity" */
        {
          target = pw_row_string (m->fields, "entity");
          if (target == NULL || !pw_sync_entity_is_known (target)
              || g_str_equal (target, "lifecycle_event"))
            return not_found (m, field, value);
        }
      other = park_of_id (p->store, target, value, &failed, p->error);
      if (failed)
        return (p->failed = TRUE, NULL);
      if (g_strcmp0 (other, park) != 0)
        return not_found (m, field, value);
    }
  return NULL;
}

/* Notes contracts whose schedule follows from an applied mutation. */
static void
note_reschedule (Push *p, PwSyncMutation *m)
{
  if (g_str_equal (m->entity, "contract")
      && (json_object_has_member (m->fields, "status")
          || json_object_has_member (m->fields, "current_version")))
    g_hash_table_add (p->pending, g_strdup (m->id));
  else if (g_str_equal (m->entity, "contract_version") && m->op == PW_MUTATION_INSERT
           && pw_row_string (m->fields, "contract_id") != NULL)
    g_hash_table_add (p->pending, g_strdup (pw_row_string (m->fields, "contract_id")));
}

static JsonObject *
existing_unique (Push *p, PwSyncMutation *m)
{
  sqlite3_stmt *stmt;
  JsonObject *row = NULL;

  if (!g_str_equal (m->entity, "contract_version"))
    return NULL;
  stmt = pw_store_prepare_cached (p->store,
    "SELECT * FROM contract_version WHERE contract_id = ? AND number = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pw_row_string (m->fields, "contract_id"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, json_object_get_int_member_with_default (m->fields, "number", 0));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = pw_sql_row_to_json (stmt);
  sqlite3_reset (stmt);
  return row;
}

/* The park a new record of @m goes into, from the record it belongs to; NULL with
 * the refusal in *@refusal (NULL on a failure of the whole push). */
static char *
insert_park (Push *p, PwSyncMutation *m, JsonObject **refusal)
{
  const PwSyncEntity *e = pw_sync_entity_lookup (m->entity);
  const char *parent_field = e->refs[0];
  const char *target, *value;
  gboolean failed = FALSE;
  char *park;

  *refusal = NULL;
  if (g_str_equal (m->entity, "park"))
    return g_strdup (m->id);
  if (pw_row_string (m->fields, parent_field) == NULL)
    return (*refusal = rejected (m, "invalid", _("The record does not say where it belongs"), NULL),
            NULL);
  target = e->refs[1] ? e->refs[1] : pw_row_string (m->fields, "entity");
  value = pw_row_string (m->fields, parent_field);
  /* a lifecycle event is about a room, a piece of equipment, a floor or a building */
  if (target == NULL || !pw_sync_entity_is_known (target)
      || (e->refs[1] == NULL && !g_str_equal (target, "space")
          && !g_str_equal (target, "equipment") && !g_str_equal (target, "floor")
          && !g_str_equal (target, "building")))
    return (*refusal = not_found (m, parent_field, value), NULL);
  park = park_of_id (p->store, target, value, &failed, p->error);
  if (failed)
    return (p->failed = TRUE, NULL);
  if (park == NULL || pw_sync_actor_get_role (p->actor, park) == -1)
    {
      g_free (park);
      return (*refusal = not_found (m, parent_field, value), NULL);
    }
  return park;
}

static JsonObject *
apply_mutation (Push *p, PwSyncMutation *m)
{
  const PwSyncEntity *e = pw_sync_entity_lookup (m->entity);
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(PwMutation) mutation = NULL;
  g_autofree char *park = NULL;
  const char *refused = NULL;
  gint64 base = p->base = effective_base (p, m);
  gboolean failed = FALSE, merged = FALSE;
  JsonObject *r;
  int role;

  if (e->derived)
    return rejected (m, "derived",
                     _("These records are written by the server from the contract’s terms"), NULL);

  current = pw_store_get_row (p->store, m->entity, m->id, &local);
  if (current == NULL && !g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    return (p->failed = TRUE, pw_sync_store_error (p->error, g_steal_pointer (&local)), NULL);
  g_clear_error (&local);

  if (current != NULL)
    {
      park = park_of_id (p->store, m->entity, m->id, &failed, p->error);
      if (failed)
        return (p->failed = TRUE, NULL);
    }
  else if (m->op == PW_MUTATION_INSERT)
    {
      park = insert_park (p, m, &r);
      if (park == NULL)
        return r;
    }
  else
    return not_found (m, NULL, m->id);

  /* who may do this here: a park without a grant is a park that does not exist */
  if (g_str_equal (m->entity, "park") && m->op == PW_MUTATION_INSERT && current == NULL)
    role = pw_sync_actor_is_admin (p->actor) ? PW_SYNC_ROLE_ADMIN : -2;
  else
    role = pw_sync_actor_get_role (p->actor, park);
  if (role == -1)
    {
      /* an id taken in a park the actor cannot see: answered as if it were free, by
       * where the record says it belongs; where that is the actor's own park, the id
       * is refused as a record that does not exist (never "in use") */
      if (current != NULL && m->op == PW_MUTATION_INSERT)
        {
          g_autofree char *own = insert_park (p, m, &r);

          if (own == NULL)
            return r;
          return not_found (m, NULL, m->id);
        }
      if (current != NULL || m->op != PW_MUTATION_INSERT)
        return not_found (m, NULL, m->id);
      return not_found (m, e->refs[0], pw_row_string (m->fields, e->refs[0]));
    }
  if (e->insert_only && m->op != PW_MUTATION_INSERT)
    return rejected (m, "insert_only",
                     _("These records are never changed once written; record a correction instead"),
                     current);

  /* a server administrator may do anything, parks included; everyone else by the matrix */
  if (role == -2
      || (!pw_sync_actor_is_admin (p->actor)
          && !pw_sync_role_allows (role, m->entity, m->op, m->fields, &refused)))
    {
      g_autofree char *message = NULL;

      if (refused != NULL)
        /* Translators: a role such as leasing_agent, a field, a kind of record */
        message = g_strdup_printf (_("A %s may not change “%s” of a %s record"),
                                   role >= 0 ? pw_sync_role_to_string (role) : "user", refused,
                                   m->entity);
      else
        {
          const char *who = role >= 0 ? pw_sync_role_to_string (role) : "user";

          /* Translators: a role such as viewer, then a kind of record such as space */
          message = g_strdup_printf (m->op == PW_MUTATION_INSERT ? _("A %s may not add a %s record")
                                     : m->op == PW_MUTATION_UPDATE ? _("A %s may not change a %s record")
                                     : _("A %s may not remove a %s record"), who, m->entity);
        }
      return rejected (m, refused ? "forbidden_field" : "forbidden", message, current);
    }

  if (m->op == PW_MUTATION_INSERT && current != NULL)
    return conflict (m, "exists", current, NULL, _("A record with this id already exists"));

  r = check_references (p, m, park);
  if (r != NULL || p->failed)
    return r;

  /* versions: a stale base merges field by field, unless the same field moved */
  if (m->op != PW_MUTATION_INSERT)
    {
      gint64 version = json_object_get_int_member (current, "version");

      if (base > version || (m->op == PW_MUTATION_DELETE && base != version))
        return conflict (m, "version", current, NULL,
                         _("The record was changed on the server since it was read"));
      if (base < version)
        {
          g_autoptr(GPtrArray) others = changed_by_others (p, m);
          g_autoptr(GPtrArray) overlap = g_ptr_array_new_with_free_func (g_free);

          if (others == NULL)
            return (p->failed = TRUE, NULL);
          for (guint i = 0; i < others->len; i++)
            {
              const char *f = others->pdata[i];

              if (!json_object_has_member (m->fields, f) || last_write_wins (f)
                  || same_value (json_object_get_member (m->fields, f),
                                 json_object_get_member (current, f)))
                continue;
              if (g_str_equal (m->entity, "contract") && g_str_equal (f, "status"))
                {
                  g_autoptr(GPtrArray) one = g_ptr_array_new ();
                  g_ptr_array_add (one, (gpointer) "status");
                  /* a contract is a state machine: the first transition wins */
                  return conflict (m, "state", current, one,
                                   _("The contract’s status was changed by someone else first"));
                }
              g_ptr_array_add (overlap, g_strdup (f));
            }
          if (overlap->len > 0)
            return conflict (m, "version", current, overlap,
                             _("The same fields were changed on the server since they were read"));
          base = version;
          merged = TRUE;
        }
    }

  if (base != m->base_version && m->op != PW_MUTATION_INSERT)
    merged = TRUE;
  if (m->op == PW_MUTATION_INSERT)
    mutation = pw_mutation_new_insert (m->entity, m->id);
  else if (m->op == PW_MUTATION_UPDATE)
    mutation = pw_mutation_new_update (m->entity, m->id, base);
  else
    mutation = pw_mutation_new_delete (m->entity, m->id, base);
  if (m->op != PW_MUTATION_DELETE)
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init (&iter, m->fields);
      while (json_object_iter_next (&iter, &name, &node))
        json_object_set_member (copy, name, json_node_copy (node));
      pw_mutation_set_fields (mutation, copy);
    }

  if (!pw_store_apply (p->store, mutation, &local))
    {
      if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_SQLITE))
        return (p->failed = TRUE, pw_sync_store_error (p->error, g_steal_pointer (&local)), NULL);
      if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_CONSTRAINT))
        {
          g_autoptr(JsonObject) theirs = existing_unique (p, m);

          if (theirs != NULL)
            return conflict (m, "exists", theirs, NULL, local->message);
        }
      if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT))
        return conflict (m, "version", current, NULL, local->message);
      if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        return not_found (m, NULL, m->id);
      return rejected (m, "invalid", local->message, current);
    }

  note_reschedule (p, m);
  r = result_new (m, "applied");
  json_object_set_int_member (r, "seq", pw_sync_server_get_cursor (p->store));
  json_object_set_int_member (r, "version", m->op == PW_MUTATION_DELETE ? 0
                                            : m->op == PW_MUTATION_INSERT ? 1 : base + 1);
  if (merged)
    json_object_set_boolean_member (r, "merged", TRUE);
  return r;
}

static gboolean
reschedule_cb (PwStore *store, gpointer data, GError **error)
{
  return pw_lease_write_schedule_derived (store, data, error);
}

/* Writes again the schedule of each contract a push signed, amended or ended, as the
 * desktop that made the change did (schedule lines are derived, never pushed). */
static gboolean
write_schedules (Push *p)
{
  GHashTableIter iter;
  gpointer id;

  g_hash_table_iter_init (&iter, p->reschedule);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    {
      g_autoptr(JsonObject) contract = pw_store_get_row (p->store, "contract", id, NULL);
      g_autoptr(GError) local = NULL;
      gint64 number;
      int status;

      if (contract == NULL)
        continue;
      status = pw_contract_status_from_string (pw_row_string (contract, "status"));
      number = json_object_get_int_member_with_default (contract, "current_version", 1);
      if (status < PW_CONTRACT_SIGNED)
        continue;
      {
        sqlite3_stmt *stmt = pw_store_prepare_cached (p->store,
          "SELECT 1 FROM contract_version WHERE contract_id = ? AND number = ?", p->error);
        int rc;

        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (stmt, 2, number);
        rc = sqlite3_step (stmt);
        sqlite3_reset (stmt);
        if (rc == SQLITE_DONE)
          continue;  /* its terms come in a later push; the schedule follows them then */
        if (rc != SQLITE_ROW)
          return step_error (p->store, rc, p->error);
      }
      if (!pw_store_apply_all_full (p->store, NULL, 0, reschedule_cb, id, &local))
        return pw_sync_store_error (p->error, g_steal_pointer (&local));
    }
  return TRUE;
}

/* What sync_applied keeps of a result: everything a repeated push is answered with,
 * except a refusal's record, which is read again when it is asked for (a refused
 * mutation must cost the server a few bytes, not a copy of the record). */
static char *
result_text (JsonObject *result)
{
  g_autoptr(JsonObject) kept = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!json_object_has_member (result, "record"))
    return pw_sync_encode_object (result);
  kept = json_object_new ();
  json_object_iter_init (&iter, result);
  while (json_object_iter_next (&iter, &name, &node))
    if (!g_str_equal (name, "record"))
      json_object_set_member (kept, name, json_node_copy (node));
  return pw_sync_encode_object (kept);
}

/* A refusal answered again as a duplicate carries the record as it is now, when
 * the actor may see it, as the first answer did (a record that is gone: null). */
static void
restore_record (Push *p, PwSyncMutation *m, JsonObject *original)
{
  const char *kind = pw_row_string (original, "result");
  const char *reason = pw_row_string (original, "reason");
  g_autoptr(JsonObject) record = NULL;
  g_autofree char *park = NULL;
  gboolean failed = FALSE;

  if (g_strcmp0 (kind, "conflict") != 0 && g_strcmp0 (kind, "rejected") != 0)
    return;
  if (g_strcmp0 (reason, "not_found") == 0 || g_strcmp0 (reason, "id_in_use") == 0
      || g_strcmp0 (reason, "derived") == 0)
    return;
  if (g_str_equal (kind, "conflict") && g_strcmp0 (pw_row_string (original, "kind"), "exists") == 0
      && g_str_equal (m->entity, "contract_version") && m->fields != NULL)
    record = existing_unique (p, m);
  if (record == NULL && !pw_sync_entity_lookup (m->entity)->derived)
    record = pw_store_get_row (p->store, m->entity, m->id, NULL);
  if (record != NULL)
    park = park_of_id (p->store, m->entity, pw_row_string (record, "id"), &failed, NULL);
  if (record != NULL && (failed || pw_sync_actor_get_role (p->actor, park) == -1))
    g_clear_pointer (&record, json_object_unref);
  if (record != NULL)
    json_object_set_object_member (original, "record", g_steal_pointer (&record));
  else if (g_str_equal (kind, "conflict"))
    json_object_set_null_member (original, "record");
}

/* Results below the first mutation of a push are results the client has: the
 * desktop sends a mutation again only while it has no answer for it. */
static gboolean
forget_answered (Push *p, gint64 first_mid, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (p->store, "DELETE FROM sync_applied"
                                                " WHERE client_id = ? AND mid < ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->client_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, first_mid);
  if (!pw_store_step_done (p->store, stmt, NULL))
    return step_error (p->store, SQLITE_ERROR, error);
  return TRUE;
}

JsonObject *
pw_sync_server_push (PwStore *store, PwSyncActor *actor, PwSyncPush *push, GError **error)
{
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(GHashTable) reschedule = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *saved_actor = g_strdup (pw_store_get_actor (store));
  JsonArray *results = json_array_new ();
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Push p = { store, actor, push->client_id, reschedule, pending, chains, 0, error, FALSE };
  sqlite3_stmt *stmt;
  gint64 last_mid = 0, applied = 0;
  int rc;

  json_object_set_int_member (response, "schema_version", PW_SYNC_SCHEMA_VERSION);
  json_object_set_array_member (response, "results", results);
  if (push->schema_version != PW_SYNC_SCHEMA_VERSION)
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_UNSUPPORTED_CLIENT,
                   _("This server speaks sync schema %d: update Parkwise"), PW_SYNC_SCHEMA_VERSION);
      return NULL;
    }
  if (!pw_sync_is_uuid (push->client_id))
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID, _("%s: %s"), "$.client_id",
                   _("must be a UUID in lower-case text"));
      return NULL;
    }
  {
    g_autoptr(GError) local = NULL;

    if (!pw_store_begin (store, &local))
      return (pw_sync_store_error (error, g_steal_pointer (&local)), NULL);
  }
  pw_store_set_actor (store, pw_sync_actor_get_user_id (actor));

  /* the client: one user's, numbered from 1 */
  stmt = pw_store_prepare_cached (store, "SELECT user_id, last_mid FROM sync_client WHERE client_id = ?",
                                  error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, push->client_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean mine = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                                 pw_sync_actor_get_user_id (actor)) == 0;

      last_mid = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      if (!mine)
        {
          g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_FORBIDDEN_CLIENT,
                       _("This client id belongs to another user"));
          goto fail;
        }
    }
  else
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          step_error (store, rc, error);
          goto fail;
        }
      stmt = pw_store_prepare_cached (store, "INSERT INTO sync_client (client_id, user_id, last_mid,"
                                             " updated_at) VALUES (?, ?, 0, ?)", error);
      if (stmt == NULL)
        goto fail;
      {
        g_autofree char *now = pw_now_iso ();
        sqlite3_bind_text (stmt, 1, push->client_id, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, pw_sync_actor_get_user_id (actor), -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
        if (!pw_store_step_done (store, stmt, NULL))
          {
            step_error (store, SQLITE_ERROR, error);
            goto fail;
          }
      }
    }

  stmt = pw_store_prepare_cached (store, "UPDATE sync_context SET client_id = ? WHERE one = 1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, push->client_id, -1, SQLITE_STATIC);
  if (!pw_store_step_done (store, stmt, NULL))
    {
      step_error (store, SQLITE_ERROR, error);
      goto fail;
    }

  if (push->mutations->len > 0
      && !forget_answered (&p, ((PwSyncMutation *) g_ptr_array_index (push->mutations, 0))->mid,
                           error))
    goto fail;

  for (guint i = 0; i < push->mutations->len;)
    {
      PwSyncMutation *m = g_ptr_array_index (push->mutations, i);
      g_autoptr(GPtrArray) group = NULL;
      g_autoptr(GArray) bases = NULL;
      gboolean refused = FALSE;
      guint j;

      if (m->mid <= last_mid)
        {
          JsonObject *dup = result_new (m, "duplicate");

          stmt = pw_store_prepare_cached (store, "SELECT result FROM sync_applied"
                                                 " WHERE client_id = ? AND mid = ?", error);
          if (stmt == NULL)
            {
              json_object_unref (dup);
              goto fail;
            }
          sqlite3_bind_text (stmt, 1, push->client_id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, m->mid);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              JsonObject *original = pw_sync_parse_object ((const char *) sqlite3_column_text (stmt, 0));
              if (original != NULL)
                json_object_set_object_member (dup, "original", original);
            }
          sqlite3_reset (stmt);
          if (rc == SQLITE_ROW && json_object_has_member (dup, "original"))
            restore_record (&p, m, json_object_get_object_member (dup, "original"));
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            {
              json_object_unref (dup);
              step_error (store, rc, error);
              goto fail;
            }
          if (!json_object_has_member (dup, "original"))
            json_object_set_null_member (dup, "original");
          json_array_add_object_element (results, dup);
          i++;
          continue;
        }

      /* the mutations of one local transaction: all applied, or none */
      for (j = i + 1; j < push->mutations->len && m->group > 0
           && ((PwSyncMutation *) g_ptr_array_index (push->mutations, j))->group == m->group; j++)
        ;
      group = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      bases = g_array_new (FALSE, FALSE, sizeof (gint64));
      if (j - i > 1 && !pw_sync_exec (store, "SAVEPOINT pw_group", error))
        goto fail;
      for (guint k = i; k < j; k++)
        {
          PwSyncMutation *g = g_ptr_array_index (push->mutations, k);
          JsonObject *result;

          if (g->mid != last_mid + 1 + (k - i))
            {
              g_autofree char *want = g_strdup_printf ("%" G_GINT64_FORMAT, last_mid + 1 + (k - i));
              g_autofree char *got = g_strdup_printf ("%" G_GINT64_FORMAT, g->mid);

              g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_GAP,
                           /* Translators: two mutation numbers */
                           _("Mutation %s was expected next from this client, not %s"), want, got);
              goto fail;
            }
          result = apply_mutation (&p, g);
          if (p.failed || result == NULL)
            {
              if (error && *error == NULL)
                g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_STORE, _("The database failed"));
              g_clear_pointer (&result, json_object_unref);
              goto fail;
            }
          if (!g_str_equal (pw_row_string (result, "result"), "applied"))
            refused = TRUE;
          g_ptr_array_add (group, result);
          g_array_append_val (bases, p.base);
        }
      if (j - i > 1)
        {
          if (refused)
            {
              if (!pw_sync_exec (store, "ROLLBACK TO pw_group", error))
                goto fail;
              for (guint k = 0; k < group->len; k++)
                {
                  PwSyncMutation *g = g_ptr_array_index (push->mutations, i + k);
                  g_autoptr(JsonObject) now = NULL;

                  if (!g_str_equal (pw_row_string (group->pdata[k], "result"), "applied"))
                    continue;
                  now = pw_store_get_row (store, g->entity, g->id, NULL);
                  json_object_unref (group->pdata[k]);
                  group->pdata[k] = rejected (g, "group",
                                              _("Another change made with this one was refused, so "
                                                "neither was applied"), now);
                }
            }
          if (!pw_sync_exec (store, "RELEASE pw_group", error))
            goto fail;
        }
      /* the schedules of contracts a kept group changed; nothing of a refused one */
      {
        GHashTableIter it;
        gpointer id;

        g_hash_table_iter_init (&it, pending);
        while (g_hash_table_iter_next (&it, &id, NULL))
          {
            if (!refused)
              g_hash_table_add (reschedule, g_strdup (id));
            g_hash_table_iter_remove (&it);
          }
      }
      for (guint k = 0; k < group->len; k++)
        {
          PwSyncMutation *g = g_ptr_array_index (push->mutations, i + k);
          g_autofree char *text = result_text (group->pdata[k]);

          stmt = pw_store_prepare_cached (store, "INSERT INTO sync_applied (client_id, mid, result)"
                                                 " VALUES (?, ?, ?)", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, push->client_id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, g->mid);
          sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
          if (!pw_store_step_done (store, stmt, NULL))
            {
              step_error (store, SQLITE_ERROR, error);
              goto fail;
            }
          last_mid = g->mid;
          if (g_str_equal (pw_row_string (group->pdata[k], "result"), "applied"))
            applied++;
          note_chain (&p, g, group->pdata[k], g_array_index (bases, gint64, k));
          json_array_add_object_element (results, json_object_ref (group->pdata[k]));
        }
      i = j;
    }

  if (!write_schedules (&p))
    goto fail;

  stmt = pw_store_prepare_cached (store, "UPDATE sync_client SET last_mid = ?, updated_at = ?,"
                                         " applied = applied + ?4 WHERE client_id = ?3", error);
  if (stmt == NULL)
    goto fail;
  {
    g_autofree char *now = pw_now_iso ();
    sqlite3_bind_int64 (stmt, 1, last_mid);
    sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, push->client_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 4, applied);
    if (!pw_store_step_done (store, stmt, NULL))
      {
        step_error (store, SQLITE_ERROR, error);
        goto fail;
      }
  }
  if (!pw_sync_exec (store, "UPDATE sync_context SET client_id = NULL WHERE one = 1", error))
    goto fail;
  {
    g_autoptr(GError) local = NULL;

    if (!pw_store_commit (store, &local))
      {
        pw_sync_store_error (error, g_steal_pointer (&local));
        goto fail;
      }
  }
  pw_store_set_actor (store, saved_actor);
  pw_store_notify_changed (store);
  return g_steal_pointer (&response);

fail:
  pw_store_rollback (store);
  pw_store_set_actor (store, saved_actor);
  return NULL;
}

/* ---- pull and bootstrap ------------------------------------------------------------- */

/* The actor's parks as a JSON array, for json_each() (NULL for an administrator). */
static char *
parks_json (PwSyncActor *actor)
{
  g_autoptr(GPtrArray) parks = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  if (pw_sync_actor_is_admin (actor))
    return NULL;
  parks = pw_sync_actor_list_parks (actor);
  for (guint i = 0; i < parks->len; i++)
    json_array_add_string_element (array, parks->pdata[i]);
  json_node_set_array (node, array);
  return json_to_string (node, FALSE);
}

static gboolean
check_limit (guint limit, GError **error)
{
  if (limit < 1 || limit > PW_SYNC_MAX_LIMIT)
    {
      g_autofree char *max = g_strdup_printf ("%d", PW_SYNC_MAX_LIMIT);
      g_autofree char *problem = g_strdup_printf (_("must be from 1 to %s"), max);

      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID, _("%s: %s"), "limit", problem);
      return FALSE;
    }
  return TRUE;
}

JsonObject *
pw_sync_server_pull (PwStore *store, PwSyncActor *actor, gint64 cursor, guint limit,
                     GError **error)
{
  g_autoptr(JsonObject) page = json_object_new ();
  g_autofree char *parks = parks_json (actor);
  g_autoptr(GError) local = NULL;
  JsonArray *changes = json_array_new ();
  sqlite3_stmt *stmt;
  gint64 newest, last = cursor;
  guint n = 0;
  int rc;

  json_object_set_int_member (page, "schema_version", PW_SYNC_SCHEMA_VERSION);
  json_object_set_array_member (page, "changes", changes);
  if (!check_limit (limit, error))
    return NULL;
  if (!pw_sync_exec (store, "BEGIN", error))
    return NULL;
  newest = pw_sync_server_get_cursor (store);
  if (cursor < log_floor (store) || cursor > newest)
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_CURSOR_EXPIRED,
                   _("The server no longer keeps the changes after this point: start again from a bootstrap"));
      goto fail;
    }
  /* two statements, so that a user of one small park reads that park's changes through
   * the (park_id, seq) index instead of walking everyone's */
  stmt = pw_store_prepare_cached (store, parks == NULL
    ? "SELECT seq, entity, entity_id, op, record FROM sync_change WHERE seq > ?1"
      " ORDER BY seq LIMIT ?3"
    : "SELECT seq, entity, entity_id, op, record FROM sync_change WHERE seq > ?1"
      " AND park_id IN (SELECT value FROM json_each(?2)) ORDER BY seq LIMIT ?3",
    &local);
  if (stmt == NULL)
    {
      pw_sync_store_error (error, g_steal_pointer (&local));
      goto fail;
    }
  sqlite3_bind_int64 (stmt, 1, cursor);
  sqlite3_bind_text (stmt, 2, parks, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *c = json_object_new ();
      const char *op = (const char *) sqlite3_column_text (stmt, 3);
      JsonObject *record = pw_sync_parse_object ((const char *) sqlite3_column_text (stmt, 4));

      last = sqlite3_column_int64 (stmt, 0);
      json_object_set_int_member (c, "seq", last);
      json_object_set_string_member (c, "entity", (const char *) sqlite3_column_text (stmt, 1));
      json_object_set_string_member (c, "id", (const char *) sqlite3_column_text (stmt, 2));
      json_object_set_string_member (c, "op", op);
      if (g_str_equal (op, "delete"))
        {
          json_object_set_null_member (c, "record");
          if (record != NULL)
            json_object_set_object_member (c, "key", record);
        }
      else if (record != NULL)
        json_object_set_object_member (c, "record", record);
      else
        json_object_set_null_member (c, "record");
      json_array_add_object_element (changes, c);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      step_error (store, rc, error);
      goto fail;
    }
  sqlite3_exec (pw_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  json_object_set_int_member (page, "cursor", n == limit ? last : newest);
  json_object_set_boolean_member (page, "more", n == limit && last < newest);
  return g_steal_pointer (&page);

fail:
  sqlite3_exec (pw_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

/* A bootstrap token: "b1.<cursor>.<entity index>.<last key>", the key empty at the
 * start of a kind of record and "contract_id|id" for schedule lines. */
static gboolean
parse_token (const char *token, gint64 *cursor, guint *index, char **key, GError **error)
{
  g_auto(GStrv) parts = NULL;
  guint64 idx;

  if (token == NULL)
    return TRUE;
  parts = g_strsplit (token, ".", 4);
  if (g_strv_length (parts) != 4 || !g_str_equal (parts[0], "b1")
      || !g_ascii_string_to_signed (parts[1], 10, 0, G_MAXINT64, cursor, NULL)
      || !g_ascii_string_to_unsigned (parts[2], 10, 0,
                                      g_strv_length ((char **) pw_sync_entities ()) - 1, &idx, NULL)
      || strlen (parts[3]) > 80)
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID, _("%s: %s"), "token",
                   _("not a bootstrap token of this server"));
      return FALSE;
    }
  for (const char *c = parts[3]; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '|')
      {
        g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_INVALID, _("%s: %s"), "token",
                     _("not a bootstrap token of this server"));
        return FALSE;
      }
  *index = (guint) idx;
  *key = g_strdup (parts[3]);
  return TRUE;
}

/* What the bootstrap will send @parks (NULL: everything): the parks and the records of
 * every kind, so that a desktop can say what taking the server's copy brings before it
 * asks for it. Inside the bootstrap's transaction, so it counts the same snapshot. */
static JsonObject *
count_visible (PwStore *store, const char *parks, GError **error)
{
  const char *const *entities = pw_sync_entities ();
  JsonObject *totals;
  gint64 n_parks = 0, n_records = 0;

  for (guint i = 0; entities[i] != NULL; i++)
    {
      g_autofree char *park = pw_sync_park_sql (entities[i], "t.");
      /* an administrator sees everything: no filter to evaluate per row */
      g_autofree char *sql = parks == NULL
        ? g_strdup_printf ("SELECT count(*) FROM %s", entities[i])
        : g_strdup_printf ("SELECT count(*) FROM %s t WHERE %s IN (SELECT value FROM json_each(?1))",
                           entities[i], park);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GError) local = NULL;
      int rc;

      stmt = pw_store_prepare (store, sql, &local);
      if (stmt == NULL)
        {
          pw_sync_store_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (parks != NULL)
        sqlite3_bind_text (stmt, 1, parks, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          step_error (store, rc, error);
          return NULL;
        }
      n_records += sqlite3_column_int64 (stmt, 0);
      if (g_str_equal (entities[i], "park"))
        n_parks = sqlite3_column_int64 (stmt, 0);
    }
  totals = json_object_new ();
  json_object_set_int_member (totals, "parks", n_parks);
  json_object_set_int_member (totals, "records", n_records);
  return totals;
}

JsonObject *
pw_sync_server_bootstrap (PwStore *store, PwSyncActor *actor, const char *token, guint limit,
                          GError **error)
{
  const char *const *entities = pw_sync_entities ();
  g_autoptr(JsonObject) page = json_object_new ();
  g_autofree char *parks = parks_json (actor);
  g_autofree char *key = g_strdup ("");
  JsonArray *records = json_array_new ();
  gint64 cursor = 0;
  guint index = 0, n = 0;
  char *next = NULL;

  json_object_set_int_member (page, "schema_version", PW_SYNC_SCHEMA_VERSION);
  json_object_set_array_member (page, "records", records);
  if (!check_limit (limit, error))
    return NULL;
  if (token != NULL)
    {
      g_clear_pointer (&key, g_free);
      if (!parse_token (token, &cursor, &index, &key, error))
        return NULL;
    }
  if (!pw_sync_exec (store, "BEGIN", error))
    return NULL;
  if (token == NULL)
    {
      JsonObject *totals = count_visible (store, parks, error);

      if (totals == NULL)
        goto fail;
      json_object_set_object_member (page, "totals", totals);
      cursor = pw_sync_server_get_cursor (store);
    }
  else if (cursor < log_floor (store) || cursor > pw_sync_server_get_cursor (store))
    {
      g_set_error (error, PW_SYNC_ERROR, PW_SYNC_ERROR_CURSOR_EXPIRED,
                   _("The server no longer keeps the changes after this point: start again from a bootstrap"));
      goto fail;
    }

  for (; entities[index] != NULL && next == NULL; index++)
    {
      const char *entity = entities[index];
      gboolean pair = g_str_equal (entity, "schedule_line");
      g_autofree char *park = pw_sync_park_sql (entity, "t.");
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GError) local = NULL;
      g_auto(GStrv) halves = g_strsplit (key, "|", 2);
      int rc;

      sql = g_strdup_printf ("SELECT * FROM %s t WHERE %s AND (?3 IS NULL OR %s IN"
                             " (SELECT value FROM json_each(?3))) ORDER BY %s LIMIT ?4",
                             entity,
                             pair ? "(t.contract_id, t.id) > (?1, ?2)" : "t.id > ?1",
                             park, pair ? "t.contract_id, t.id" : "t.id");
      stmt = pw_store_prepare (store, sql, &local);
      if (stmt == NULL)
        {
          pw_sync_store_error (error, g_steal_pointer (&local));
          goto fail;
        }
      sqlite3_bind_text (stmt, 1, halves[0] ? halves[0] : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, halves[0] && halves[1] ? halves[1] : "", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, parks, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, (int) (limit - n));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          JsonObject *entry = json_object_new ();
          JsonObject *row = pw_sql_row_to_json (stmt);

          json_object_set_string_member (entry, "entity", entity);
          g_free (key);
          key = pair ? g_strdup_printf ("%s|%s", pw_row_string (row, "contract_id"),
                                        pw_row_string (row, "id"))
                     : g_strdup (pw_row_string (row, "id"));
          json_object_set_object_member (entry, "record", row);
          json_array_add_object_element (records, entry);
          n++;
        }
      if (rc != SQLITE_DONE)
        {
          step_error (store, rc, error);
          goto fail;
        }
      if (n == limit)
        next = g_strdup_printf ("b1.%" G_GINT64_FORMAT ".%u.%s", cursor, index, key);
      else
        {
          g_free (key);
          key = g_strdup ("");
        }
    }
  sqlite3_exec (pw_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  json_object_set_int_member (page, "cursor", cursor);
  json_object_set_boolean_member (page, "first", token == NULL);
  if (next != NULL)
    json_object_set_string_member (page, "next", next);
  else
    json_object_set_null_member (page, "next");
  g_free (next);
  return g_steal_pointer (&page);

fail:
  g_free (next);
  sqlite3_exec (pw_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

gint64
pw_sync_server_prune (PwStore *store, gint64 keep_seconds, GError **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) cutoff = g_date_time_add_seconds (now, (gdouble) -keep_seconds);
  g_autofree char *seconds = g_date_time_format (cutoff, "%Y-%m-%dT%H:%M:%S");
  /* as the triggers write it: milliseconds */
  g_autofree char *at = g_strdup_printf ("%s.%03dZ", seconds,
                                         g_date_time_get_microsecond (cutoff) / 1000);
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  gint64 removed, floor;
  int rc;

  if (!pw_sync_exec (store, "BEGIN IMMEDIATE", error))
    return -1;
  stmt = pw_store_prepare_cached (store, "SELECT max(seq), count(*) FROM sync_change WHERE at < ?",
                                  &local);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  floor = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  removed = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    goto fail;
  if (removed > 0)
    {
      stmt = pw_store_prepare_cached (store, "DELETE FROM sync_change WHERE seq <= ?", &local);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, floor);
      if (!pw_store_step_done (store, stmt, &local))
        goto fail;
      stmt = pw_store_prepare_cached (store, "INSERT OR REPLACE INTO meta (key, value)"
                                             " VALUES ('sync_floor', ?)", &local);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, floor);
      if (!pw_store_step_done (store, stmt, &local))
        goto fail;
    }
  /* a client silent for as long as the log keeps must bootstrap again: the results it
   * never came back for are forgotten with the changes (a repeat gets "original": null) */
  stmt = pw_store_prepare_cached (store, "DELETE FROM sync_applied WHERE client_id IN"
                                         " (SELECT client_id FROM sync_client WHERE updated_at < ?)",
                                  &local);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_TRANSIENT);
  if (!pw_store_step_done (store, stmt, &local))
    goto fail;
  rc = sqlite3_exec (pw_store_get_db (store), "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto fail;
  return removed;

fail:
  if (local != NULL)
    pw_sync_store_error (error, g_steal_pointer (&local));
  else
    step_error (store, SQLITE_ERROR, error);
  sqlite3_exec (pw_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
  return -1;
}
