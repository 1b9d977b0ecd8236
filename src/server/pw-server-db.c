/* pw-server-db.c — the server's database: core's store plus accounts, grants, sessions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ledger tables belong to core and migrate by PRAGMA user_version; the server's own
 * tables (schema/001-server.sql) are versioned by the meta key server_schema, so neither
 * side's migrations step on the other's. Invariants:
 *  1. A session row holds the SHA-256 of its token, never the token.
 *  2. Disabling a user deletes its sessions in the same transaction.
 *  3. Every sqlite3_step and COMMIT is checked. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <string.h>

#include "pw-server-db.h"
#include "pw-server-error.h"
#include "pw-sync.h"

extern GResource *pw_server_get_resource (void);

struct _PwServerDb
{
  GObject  parent_instance;
  PwStore *store;
  int      schema_version;
};

G_DEFINE_FINAL_TYPE (PwServerDb, pw_server_db, G_TYPE_OBJECT)

static const char *const roles[] = {
  "admin", "asset_manager", "leasing_agent", "finance", "operations", "viewer", NULL
};

const char *const *
pw_server_roles (void)
{
  return roles;
}

gboolean
pw_server_role_is_valid (const char *role)
{
  return role != NULL && g_strv_contains (roles, role);
}

void
pw_server_user_free (PwServerUser *user)
{
  if (user == NULL)
    return;
  g_free (user->id);
  g_free (user->name);
  if (user->password != NULL)
    memset (user->password, 0, strlen (user->password));
  g_free (user->password);
  g_free (user);
}

void
pw_server_grant_free (PwServerGrant *grant)
{
  if (grant == NULL)
    return;
  g_free (grant->park_id);
  g_free (grant->park_code);
  g_free (grant->role);
  g_free (grant);
}

static gboolean
commit (PwStore *store, GError **error)
{
  int rc = sqlite3_exec (pw_store_get_db (store), "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      pw_store_set_error (store, error, rc, _("committing"));
      sqlite3_exec (pw_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static void
rollback (PwStore *store)
{
  sqlite3_exec (pw_store_get_db (store), "ROLLBACK", NULL, NULL, NULL);
}

static int
read_server_schema (PwServerDb *self, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self->store, "SELECT value FROM meta WHERE key = 'server_schema'",
                           error);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return 0;
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (self->store, error, rc, _("reading the server schema version"));
      return -1;
    }
  return (int) g_ascii_strtoll ((const char *) sqlite3_column_text (stmt, 0), NULL, 10);
}

static gboolean
migrate (PwServerDb *self, const char *path, GError **error)
{
  static const char *const scripts[] = { "001-server.sql", "002-grant-park-id.sql" };
  int current = read_server_schema (self, error);

  G_STATIC_ASSERT (G_N_ELEMENTS (scripts) == PW_SERVER_SCHEMA_VERSION);
  if (current < 0)
    return FALSE;
  if (current > PW_SERVER_SCHEMA_VERSION)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_TOO_NEW,
                   _("%s was written by a newer Parkwise server (server schema %d; this "
                     "version understands up to %d)"), path, current, PW_SERVER_SCHEMA_VERSION);
      return FALSE;
    }
  g_resources_register (pw_server_get_resource ());

  for (int v = current + 1; v <= PW_SERVER_SCHEMA_VERSION; v++)
    {
      g_autofree char *res = g_strdup_printf ("/io/github/parkwise/server/schema/%s",
                                              scripts[v - 1]);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (res, 0, error);
      g_autofree char *sql = NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (bytes == NULL)
        return FALSE;
      sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      if (!pw_store_exec (self->store, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!pw_store_exec (self->store, sql, error))
        {
          rollback (self->store);
          return FALSE;
        }
      stmt = pw_store_prepare (self->store,
                               "INSERT OR REPLACE INTO meta (key, value) VALUES ('server_schema', ?)",
                               error);
      if (stmt == NULL)
        {
          rollback (self->store);
          return FALSE;
        }
      sqlite3_bind_int (stmt, 1, v);
      if (!pw_store_step_done (self->store, stmt, error))
        {
          rollback (self->store);
          return FALSE;
        }
      if (!commit (self->store, error))
        return FALSE;
    }
  self->schema_version = PW_SERVER_SCHEMA_VERSION;
  return TRUE;
}

/* A pending grant is bound to the park created with its code, in the transaction that
 * creates it; a park renamed to the code never takes it. Installed at every start (a
 * migration of core's that rebuilds the park table drops it); nothing is written when
 * it is there. */
static gboolean
ensure_grant_binding (PwServerDb *self, GError **error)
{
  static const char bind[] =
    "CREATE TRIGGER server_grant_bind AFTER INSERT ON park BEGIN\n"
    "  UPDATE server_grant SET park_id = NEW.id, pending_code = NULL\n"
    "  WHERE park_id IS NULL AND pending_code = NEW.code;\n"
    "END";
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (self->store,
    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'server_grant_bind'", error);
  gboolean same;
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (self->store, error, rc, _("reading the schema"));
      return FALSE;
    }
  same = rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), bind) == 0;
  if (same)
    return TRUE;
  {
    g_autofree char *sql = g_strdup_printf ("DROP TRIGGER IF EXISTS server_grant_bind; %s;", bind);
    return pw_store_exec (self->store, sql, error);
  }
}

PwServerDb *
pw_server_db_open (const char *path, GError **error)
{
  g_autoptr(PwServerDb) self = g_object_new (PW_TYPE_SERVER_DB, NULL);

  self->store = pw_store_open (path, error);
  if (self->store == NULL || !migrate (self, path, error)
      || !ensure_grant_binding (self, error)
      /* validators on, no outbox, every change into the change log pulls read */
      || !pw_sync_server_init (self->store, error))
    return NULL;
  return g_steal_pointer (&self);
}

PwStore *
pw_server_db_get_store (PwServerDb *self)
{
  return self->store;
}

int
pw_server_db_get_schema_version (PwServerDb *self)
{
  return self->schema_version;
}

static PwServerUser *
user_from_row (sqlite3_stmt *stmt, int first)
{
  PwServerUser *user = g_new0 (PwServerUser, 1);

  user->id = g_strdup ((const char *) sqlite3_column_text (stmt, first));
  user->name = g_strdup ((const char *) sqlite3_column_text (stmt, first + 1));
  user->password = g_strdup ((const char *) sqlite3_column_text (stmt, first + 2));
  user->is_admin = sqlite3_column_int (stmt, first + 3) != 0;
  user->disabled = sqlite3_column_int (stmt, first + 4) != 0;
  return user;
}

PwServerUser *
pw_server_db_find_user (PwServerDb *self, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;
  PwServerUser *user = NULL;

  stmt = pw_store_prepare_cached (self->store,
                                  "SELECT id, name, password, is_admin, disabled FROM server_user "
                                  "WHERE name = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    user = user_from_row (stmt, 0);
  else if (rc != SQLITE_DONE)
    pw_store_set_error (self->store, error, rc, _("reading an account"));
  sqlite3_reset (stmt);
  return user;
}

static gboolean
name_is_valid (const char *name, GError **error)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("A user name is 1 to 64 bytes of text"));
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                       _("A user name may not contain spaces or control characters"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pw_server_db_add_user (PwServerDb *self, const char *name, const char *password_hash,
                       gboolean is_admin, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *id = pw_uuid_new ();
  g_autofree char *now = pw_now_iso ();
  int rc;

  if (!name_is_valid (name, error))
    return FALSE;
  stmt = pw_store_prepare (self->store,
                           "INSERT INTO server_user (id, name, password, is_admin, created_at) "
                           "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, password_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, is_admin ? 1 : 0);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_EXISTS,
                 _("There is already a user named “%s”"), name);
  else
    pw_store_set_error (self->store, error, rc, _("adding an account"));
  return FALSE;
}

static gboolean
no_such_user (const char *name, GError **error)
{
  g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_NOT_FOUND,
               _("There is no user named “%s”"), name);
  return FALSE;
}

static gboolean update_user_and_end_sessions (PwServerDb *self, const char *name,
                                              const char *sql_update, const char *text,
                                              GError **error);

gboolean
pw_server_db_disable_user (PwServerDb *self, const char *name, GError **error)
{
  g_autofree char *now = pw_now_iso ();

  return update_user_and_end_sessions (self, name,
                                       "UPDATE server_user SET disabled = 1, disabled_at = ? "
                                       "WHERE id = ?", now, error);
}

/* Runs @sql_update (binding @text first when given, then the user's id) and deletes the
 * user's sessions, in one transaction. */
static gboolean
update_user_and_end_sessions (PwServerDb *self, const char *name, const char *sql_update,
                              const char *text, GError **error)
{
  g_autoptr(PwServerUser) user = pw_server_db_find_user (self, name, error);
  g_autoptr(sqlite3_stmt) upd = NULL;
  g_autoptr(sqlite3_stmt) del = NULL;
  int i = 1;

  if (user == NULL)
    return error != NULL && *error != NULL ? FALSE : no_such_user (name, error);
  if (!pw_store_exec (self->store, "BEGIN IMMEDIATE", error))
    return FALSE;
  upd = pw_store_prepare (self->store, sql_update, error);
  del = upd ? pw_store_prepare (self->store, "DELETE FROM server_session WHERE user_id = ?",
                                error) : NULL;
  if (del == NULL)
    {
      rollback (self->store);
      return FALSE;
    }
  if (text != NULL)
    sqlite3_bind_text (upd, i++, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (upd, i, user->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (del, 1, user->id, -1, SQLITE_STATIC);
  if (!pw_store_step_done (self->store, upd, error)
      || !pw_store_step_done (self->store, del, error))
    {
      rollback (self->store);
      return FALSE;
    }
  return commit (self->store, error);
}

gboolean
pw_server_db_set_password (PwServerDb *self, const char *name, const char *password_hash,
                           GError **error)
{
  return update_user_and_end_sessions (self, name,
                                       "UPDATE server_user SET password = ? WHERE id = ?",
                                       password_hash, error);
}

GPtrArray *
pw_server_db_list_users (PwServerDb *self, GError **error)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_server_user_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self->store,
                           "SELECT id, name, is_admin, disabled FROM server_user ORDER BY name",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwServerUser *u = g_new0 (PwServerUser, 1);
      u->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      u->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      u->is_admin = sqlite3_column_int (stmt, 2) != 0;
      u->disabled = sqlite3_column_int (stmt, 3) != 0;
      g_ptr_array_add (users, u);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (self->store, error, rc, _("reading accounts"));
      return NULL;
    }
  return g_steal_pointer (&users);
}

gboolean
pw_server_db_grant (PwServerDb *self, const char *name, const char *park_code,
                    const char *role, GError **error)
{
  g_autoptr(PwServerUser) user = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = pw_now_iso ();
  g_autofree char *park_id = NULL;

  if (!pw_server_role_is_valid (role))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) roles);
      /* Translators: the role given, then the list of roles */
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("“%s” is not a role; the roles are %s"), role ? role : "", list);
      return FALSE;
    }
  if (park_code == NULL || *park_code == '\0' || strlen (park_code) > 64)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_INVALID,
                   _("A park code is 1 to 64 bytes of text"));
      return FALSE;
    }
  user = pw_server_db_find_user (self, name, error);
  if (user == NULL)
    return error != NULL && *error != NULL ? FALSE : no_such_user (name, error);
  {
    g_autoptr(GError) local = NULL;

    park_id = pw_server_db_find_park (self, park_code, &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
  }

  /* the park's identity when it is here; otherwise pending under the code given, for
   * the park later created with it (docs/server.md, "Grants") */
  stmt = pw_store_prepare (self->store, park_id != NULL
                           ? "INSERT INTO server_grant (user_id, park_id, role, granted_at) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, park_id) "
                             "DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at"
                           : "INSERT INTO server_grant (user_id, pending_code, role, granted_at) "
                             "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, pending_code) "
                             "DO UPDATE SET role = excluded.role, granted_at = excluded.granted_at",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, park_id != NULL ? park_id : park_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  return pw_store_step_done (self->store, stmt, error);
}

GPtrArray *
pw_server_db_list_grants (PwServerDb *self, const char *user_id, GError **error)
{
  g_autoptr(GPtrArray) grants = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_server_grant_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pw_store_prepare_cached (self->store,
                                  "SELECT g.park_id, coalesce (p.code, g.pending_code), g.role"
                                  " FROM server_grant g LEFT JOIN park p ON p.id = g.park_id"
                                  " WHERE g.user_id = ?"
                                  " ORDER BY coalesce (p.code, g.pending_code, g.park_id)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwServerGrant *g = g_new0 (PwServerGrant, 1);
      g->park_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g->park_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g->pending = g->park_id == NULL;
      g_ptr_array_add (grants, g);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (self->store, error, rc, _("reading grants"));
      return NULL;
    }
  return g_steal_pointer (&grants);
}

char *
pw_server_db_find_park (PwServerDb *self, const char *code_or_id, GError **error)
{
  sqlite3_stmt *stmt;
  char *id = NULL;
  int rc;

  stmt = pw_store_prepare_cached (self->store,
                                  "SELECT id FROM park WHERE code = ?1 UNION ALL "
                                  "SELECT id FROM park WHERE id = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code_or_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    pw_store_set_error (self->store, error, rc, _("reading a park"));
  sqlite3_reset (stmt);
  return id;
}

gboolean
pw_server_db_create_session (PwServerDb *self, const char *token_hash, const char *user_id,
                             gint64 now_us, const char *address, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = pw_store_prepare_cached (self->store,
                                  "INSERT INTO server_session (token_hash, user_id, created_us, "
                                  "last_used_us, address) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, user_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now_us);
  sqlite3_bind_int64 (stmt, 4, now_us);
  sqlite3_bind_text (stmt, 5, address, -1, SQLITE_TRANSIENT);
  return pw_store_step_done (self->store, stmt, error);
}

gboolean
pw_server_db_delete_session (PwServerDb *self, const char *token_hash, GError **error)
{
  sqlite3_stmt *stmt;

  stmt = pw_store_prepare_cached (self->store,
                                  "DELETE FROM server_session WHERE token_hash = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  return pw_store_step_done (self->store, stmt, error);
}

PwSessionStatus
pw_server_db_check_session (PwServerDb *self, const char *token_hash, gint64 now_us,
                            gint64 idle_us, gint64 absolute_us, gint64 touch_after_us,
                            PwServerUser **user_out, GError **error)
{
  g_autoptr(PwServerUser) user = NULL;
  sqlite3_stmt *stmt;
  gint64 created, last_used;
  PwSessionStatus status = PW_SESSION_VALID;
  int rc;

  stmt = pw_store_prepare_cached (self->store,
                                  "SELECT s.created_us, s.last_used_us, u.id, u.name, u.password, "
                                  "u.is_admin, u.disabled FROM server_session s "
                                  "JOIN server_user u ON u.id = s.user_id WHERE s.token_hash = ?",
                                  error);
  if (stmt == NULL)
    return PW_SESSION_UNKNOWN;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        pw_store_set_error (self->store, error, rc, _("reading a session"));
      sqlite3_reset (stmt);
      return PW_SESSION_UNKNOWN;
    }
  created = sqlite3_column_int64 (stmt, 0);
  last_used = sqlite3_column_int64 (stmt, 1);
  user = user_from_row (stmt, 2);
  sqlite3_reset (stmt);

  if (user->disabled)
    status = PW_SESSION_DISABLED;
  else if (now_us - last_used > idle_us || now_us - created > absolute_us)
    status = PW_SESSION_EXPIRED;

  if (status != PW_SESSION_VALID)
    {
      if (!pw_server_db_delete_session (self, token_hash, error))
        return PW_SESSION_UNKNOWN;
      return status;
    }

  if (now_us - last_used >= touch_after_us)
    {
      stmt = pw_store_prepare_cached (self->store,
                                      "UPDATE server_session SET last_used_us = ? "
                                      "WHERE token_hash = ?", error);
      if (stmt == NULL)
        return PW_SESSION_UNKNOWN;
      sqlite3_bind_int64 (stmt, 1, now_us);
      sqlite3_bind_text (stmt, 2, token_hash, -1, SQLITE_TRANSIENT);
      if (!pw_store_step_done (self->store, stmt, error))
        return PW_SESSION_UNKNOWN;
    }
  if (user_out != NULL)
    *user_out = g_steal_pointer (&user);
  return PW_SESSION_VALID;
}

gint64
pw_server_db_prune_sessions (PwServerDb *self, gint64 now_us, gint64 idle_us, gint64 absolute_us,
                             GError **error)
{
  sqlite3_stmt *stmt;

  stmt = pw_store_prepare_cached (self->store,
                                  "DELETE FROM server_session WHERE last_used_us < ? "
                                  "OR created_us < ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, now_us - idle_us);
  sqlite3_bind_int64 (stmt, 2, now_us - absolute_us);
  if (!pw_store_step_done (self->store, stmt, error))
    return -1;
  return sqlite3_changes (pw_store_get_db (self->store));
}

gint64
pw_server_db_count_sessions (PwServerDb *self, const char *user_id)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (self->store,
                                                   "SELECT count(*) FROM server_session "
                                                   "WHERE user_id = ?", NULL);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, user_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
pw_server_db_log_event (PwServerDb *self, const char *event, const char *user_name,
                        const char *address, const char *detail, GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *now = pw_now_iso ();

  stmt = pw_store_prepare_cached (self->store,
                                  "INSERT INTO security_log (at, event, user_name, address, detail) "
                                  "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, event, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, address, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, detail, -1, SQLITE_TRANSIENT);
  return pw_store_step_done (self->store, stmt, error);
}

/* The (case-folded account, address) pairs of successful sign-ins at or after @since (an
 * ISO 8601 time as the log writes it), newest first, at most @max: "account\naddress". */
GPtrArray *
pw_server_db_list_signin_pairs (PwServerDb *self, const char *since, guint max,
                                GError **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (self->store,
                                                   "SELECT user_name, address FROM security_log "
                                                   "WHERE event = 'signin_ok' AND at >= ? "
                                                   "AND user_name IS NOT NULL "
                                                   "AND address IS NOT NULL "
                                                   "ORDER BY seq DESC LIMIT ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, since, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, max);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *user = (const char *) sqlite3_column_text (stmt, 0);
      const char *address = (const char *) sqlite3_column_text (stmt, 1);
      g_autofree char *account = g_utf8_casefold (user, -1);

      g_ptr_array_add (pairs, g_strconcat (account, "\n", address, NULL));
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (self->store, error, rc, _("reading the security log"));
      return NULL;
    }
  return g_steal_pointer (&pairs);
}

/* ---- backup ------------------------------------------------------------------ */

static gboolean
backup_failed (sqlite3 *db, int rc, const char *what, GError **error)
{
  /* Translators: first %s is the step, second SQLite's reason */
  g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_BACKUP,
               _("The backup failed while %s: %s"), what,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
copy_database (const char *db_path, const char *tmp_path, GError **error)
{
  sqlite3 *src = NULL, *dst = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (db_path, &src, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      backup_failed (src, rc, _("opening the database"), error);
      goto out;
    }
  sqlite3_busy_timeout (src, 5000);
  rc = sqlite3_open_v2 (tmp_path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      backup_failed (dst, rc, _("creating the copy"), error);
      goto out;
    }
  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      backup_failed (dst, sqlite3_errcode (dst), _("starting"), error);
      goto out;
    }
  /* all pages in one step: a writer in between would otherwise restart the copy */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  if (rc != SQLITE_DONE)
    {
      sqlite3_backup_finish (backup);
      backup_failed (dst, rc, _("copying pages"), error);
      goto out;
    }
  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    {
      backup_failed (dst, rc, _("finishing"), error);
      goto out;
    }

  {
    sqlite3_stmt *stmt = NULL;
    const char *verdict = NULL;

    rc = sqlite3_prepare_v2 (dst, "PRAGMA integrity_check", -1, &stmt, NULL);
    if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      verdict = (const char *) sqlite3_column_text (stmt, 0);
    if (g_strcmp0 (verdict, "ok") != 0)
      {
        g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_BACKUP,
                     _("The copy failed its integrity check: %s"),
                     verdict ? verdict : sqlite3_errmsg (dst));
        sqlite3_finalize (stmt);
        goto out;
      }
    sqlite3_finalize (stmt);
  }
  ok = TRUE;

out:
  sqlite3_close_v2 (src);
  if (dst != NULL && sqlite3_close (dst) != SQLITE_OK && ok)
    ok = backup_failed (dst, sqlite3_errcode (dst), _("closing the copy"), error);
  return ok;
}

gboolean
pw_server_backup (const char *db_path, const char *out_path, GError **error)
{
  g_autofree char *tmp_path = g_strdup_printf ("%s.partial", out_path);
  g_autofree char *journal = g_strdup_printf ("%s-journal", tmp_path);
  int fd;

  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_BACKUP,
                   _("There is no server database at %s"), db_path);
      return FALSE;
    }
  g_unlink (tmp_path);
  if (!copy_database (db_path, tmp_path, error))
    {
      g_unlink (tmp_path);
      g_unlink (journal);
      return FALSE;
    }
  /* the copy reaches the disk before it takes the backup's name */
  fd = g_open (tmp_path, O_RDONLY, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_BACKUP,
                   _("Could not write %s to disk: %s"), tmp_path, g_strerror (errno));
      if (fd >= 0)
        close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }
  close (fd);
  if (g_rename (tmp_path, out_path) != 0)
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_BACKUP,
                   _("Could not move the backup to %s: %s"), out_path, g_strerror (errno));
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}

static void
pw_server_db_finalize (GObject *object)
{
  PwServerDb *self = PW_SERVER_DB (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (pw_server_db_parent_class)->finalize (object);
}

static void
pw_server_db_class_init (PwServerDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_server_db_finalize;
}

static void
pw_server_db_init (PwServerDb *self)
{
}
