/* sync-fixture.h — a server store and desktop stores exchanging pushes and pulls
 * in-process, every message going through its JSON text as it would over HTTPS
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "fixture.h"
#include "pw-lease.h"
#include "pw-sync.h"

typedef struct {
  Fixture      f;           /* the server's store, with park P seeded */
  GPtrArray   *clients;     /* PwStore */
  GPtrArray   *actors;      /* PwSyncActor, one per client */
  guint        page_limit;  /* changes or records per page */
} Net;

static inline gint64
net_int (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static inline char *
net_text (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static inline PwStore *
net_open (Net *n, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (n->f.dir, name, NULL);
  PwStore *store = pw_store_open (path, &error);

  g_assert_no_error (error);
  pw_ledger_attach (store);
  /* the tests' databases are thrown away: no fsync per commit */
  g_assert_true (pw_store_exec (store, "PRAGMA synchronous = OFF", NULL));
  return store;
}

static inline void
net_set_up (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (&n->f, data);
  g_assert_true (pw_store_exec (n->f.store, "PRAGMA synchronous = OFF", NULL));
  g_assert_true (pw_sync_server_init (n->f.store, &error));
  g_assert_no_error (error);
  n->clients = g_ptr_array_new_with_free_func (g_object_unref);
  n->actors = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_sync_actor_free);
  n->page_limit = 7;
}

static inline void
net_tear_down (Net *n, gconstpointer data)
{
  g_ptr_array_unref (n->actors);
  g_ptr_array_unref (n->clients);
  {
    GDir *dir = g_dir_open (n->f.dir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name (dir)) != NULL)
      if (!g_str_has_prefix (name, "park.db"))
        {
          g_autofree char *path = g_build_filename (n->f.dir, name, NULL);
          g_unlink (path);
        }
    if (dir)
      g_dir_close (dir);
  }
  fixture_tear_down (&n->f, data);
}

/* Pages a bootstrap into @client as @actor, each page through its JSON text. */
static inline void
net_bootstrap (Net *n, PwStore *client, PwSyncActor *actor)
{
  g_autofree char *token = NULL;

  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) page = pw_sync_server_bootstrap (n->f.store, actor, token, n->page_limit,
                                                             &error);
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) read = NULL;

      g_assert_no_error (error);
      text = pw_sync_encode_object (page);
      read = pw_sync_bootstrap_decode (text, strlen (text), &error);
      g_assert_no_error (error);
      g_assert_true (pw_sync_client_apply_bootstrap (client, read, &error));
      g_assert_no_error (error);
      g_free (token);
      token = JSON_NODE_HOLDS_NULL (json_object_get_member (read, "next"))
                ? NULL : g_strdup (json_object_get_string_member (read, "next"));
    }
  while (token != NULL);
}

/* A new desktop for @actor (taken), bootstrapped from the server. */
static inline PwStore *
net_add_client (Net *n, PwSyncActor *actor)
{
  g_autofree char *name = g_strdup_printf ("client-%u.db", n->clients->len);
  PwStore *store = net_open (n, name);

  pw_store_set_actor (store, pw_sync_actor_get_user_id (actor));
  g_ptr_array_add (n->clients, store);
  g_ptr_array_add (n->actors, actor);
  net_bootstrap (n, store, actor);
  return store;
}

static inline PwSyncActor *
net_actor_of (Net *n, PwStore *client)
{
  for (guint i = 0; i < n->clients->len; i++)
    if (n->clients->pdata[i] == client)
      return n->actors->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

/* One push of up to @max mutations, through the JSON text both ways; returns the
 * server's response (already recorded by the client). */
static inline JsonObject *
net_push (Net *n, PwStore *client, guint max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSyncPush) built = pw_sync_client_build_push (client, max, &error);
  g_autoptr(PwSyncPush) push = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autofree char *request = NULL;
  g_autofree char *reply = NULL;
  JsonObject *result;

  g_assert_no_error (error);
  request = pw_sync_push_encode (built);
  push = pw_sync_push_decode (request, strlen (request), &error);
  g_assert_no_error (error);
  response = pw_sync_server_push (n->f.store, net_actor_of (n, client), push, &error);
  g_assert_no_error (error);
  reply = pw_sync_encode_object (response);
  result = pw_sync_push_result_decode (reply, strlen (reply), &error);
  g_assert_no_error (error);
  g_assert_true (pw_sync_client_apply_push_result (client, result, &error));
  g_assert_no_error (error);
  return result;
}

static inline void
net_pull (Net *n, PwStore *client)
{
  gboolean more = TRUE;

  while (more)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) page = pw_sync_server_pull (n->f.store, net_actor_of (n, client),
                                                        pw_sync_client_get_cursor (client),
                                                        n->page_limit, &error);
      g_autofree char *text = NULL;
      g_autoptr(JsonObject) read = NULL;

      g_assert_no_error (error);
      text = pw_sync_encode_object (page);
      read = pw_sync_page_decode (text, strlen (text), &error);
      g_assert_no_error (error);
      g_assert_true (pw_sync_client_apply_pull (client, read, &error));
      g_assert_no_error (error);
      more = json_object_get_boolean_member (read, "more");
    }
}

/* Pushes everything pending, in pushes of @max, then pulls to the end. */
static inline void
net_sync (Net *n, PwStore *client, guint max)
{
  while (pw_sync_client_count_pending (client) > 0)
    {
      g_autoptr(JsonObject) result = net_push (n, client, max);
      (void) result;
    }
  net_pull (n, client);
}

static inline char *
net_hash (PwStore *store)
{
  g_autoptr(GError) error = NULL;
  char *hash = pw_sync_content_hash (store, &error);

  g_assert_no_error (error);
  return hash;
}

static inline void
net_assert_converged (Net *n)
{
  g_autofree char *server = net_hash (n->f.store);

  for (guint i = 0; i < n->clients->len; i++)
    {
      g_autofree char *client = net_hash (n->clients->pdata[i]);
      g_assert_cmpstr (client, ==, server);
    }
}

static inline char *
net_space_id (PwStore *store, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT id FROM space WHERE code = ?", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Updates @field of a record on @store through the mutation path (offline edit). */
static inline void
net_edit (PwStore *store, const char *entity, const char *id, const char *field, JsonNode *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (store, entity, id, &error);
  g_autoptr(PwMutation) m = NULL;

  g_assert_no_error (error);
  m = pw_mutation_new_update (entity, id, json_object_get_int_member (row, "version"));
  json_object_set_member (pw_mutation_get_fields (m), field, value);
  pw_store_apply (store, m, &error);
  g_assert_no_error (error);
}

static inline void
net_edit_string (PwStore *store, const char *entity, const char *id, const char *field,
                 const char *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, value);
  net_edit (store, entity, id, field, node);
}

static inline void
net_edit_int (PwStore *store, const char *entity, const char *id, const char *field, gint64 value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  json_node_set_int (node, value);
  net_edit (store, entity, id, field, node);
}
