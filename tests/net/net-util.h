/* net-util.h — a real parkwise-server on loopback for the net tests, and clients for it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs in its own thread and main context; the tests talk to it over HTTPS
 * with libsoup (trusting only the server's own certificate, by absolute path) or with a
 * raw TLS stream for requests libsoup would never send. */
#pragma once

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-ledger.h"
#include "pw-server.h"
#include "pw-server-db.h"
#include "pw-server-error.h"
#include "pw-server-password.h"
#include "pw-sync.h"

typedef struct
{
  char         *dir;
  char         *ca;        /* absolute path of the server's certificate */
  char         *base;      /* https://127.0.0.1:PORT */
  guint         port;
  PwServer     *server;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GError       *error;
  SoupSession  *session;
} TestServer;

static inline gpointer
test_server_thread (gpointer data)
{
  TestServer *ts = data;
  g_autoptr(PwServer) server = NULL;
  GError *error = NULL;

  g_main_context_push_thread_default (ts->context);
  server = pw_server_new (ts->dir, &error);
  if (server != NULL && !pw_server_listen (server, &error))
    g_clear_object (&server);

  g_mutex_lock (&ts->lock);
  ts->server = server;
  ts->error = error;
  ts->port = server ? pw_server_get_port (server) : 0;
  ts->ready = TRUE;
  g_cond_signal (&ts->cond);
  g_mutex_unlock (&ts->lock);

  if (server != NULL)
    g_main_loop_run (ts->loop);
  if (server != NULL)
    pw_server_stop (server);
  g_clear_object (&server);
  /* let pending closes and worker callbacks finish in this context */
  while (g_main_context_iteration (ts->context, FALSE))
    ;
  g_main_context_pop_thread_default (ts->context);
  return NULL;
}

/* Sets "group.key=value" entries in the server's configuration file. */
static inline void
test_server_configure (const char *dir, const char *const *settings)
{
  g_autofree char *path = g_build_filename (dir, "server.conf", NULL);
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, &error));
  g_assert_no_error (error);
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (settings[i], "=", 2);
      g_auto(GStrv) gk = g_strsplit (kv[0], ".", 2);
      g_key_file_set_string (kf, gk[0], gk[1], kv[1]);
    }
  g_assert_true (g_key_file_save_to_file (kf, path, &error));
  g_assert_no_error (error);
}

static inline void
test_server_add_user (TestServer *ts, const char *name, const char *password, gboolean admin)
{
  g_autofree char *db_path = g_build_filename (ts->dir, "parkwise-server.db", NULL);
  g_autoptr(PwServerDb) db = pw_server_db_open (db_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = pw_password_hash (password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (pw_server_db_add_user (db, name, hash, admin, &error));
  g_assert_no_error (error);
}

static inline PwServerDb *
test_server_open_db (TestServer *ts)
{
  g_autofree char *db_path = g_build_filename (ts->dir, "parkwise-server.db", NULL);
  g_autoptr(GError) error = NULL;
  PwServerDb *db = pw_server_db_open (db_path, &error);

  g_assert_no_error (error);
  return db;
}

/* Seeds the demo park into a prepared (not yet running) server; returns its code. */
static inline char *
test_server_seed_demo (TestServer *ts)
{
  g_autoptr(PwServerDb) db = test_server_open_db (ts);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  pw_ledger_attach (pw_server_db_get_store (db));
  g_assert_true (pw_demo_seed (pw_server_db_get_store (db), &error));
  g_assert_no_error (error);
  stmt = pw_store_prepare (pw_server_db_get_store (db), "SELECT code FROM park", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Adds user @name with @password and gives it @role in park @park. */
static inline void
test_server_add_grantee (TestServer *ts, const char *name, const char *password,
                         const char *park, const char *role)
{
  g_autoptr(PwServerDb) db = NULL;
  g_autoptr(GError) error = NULL;

  test_server_add_user (ts, name, password, FALSE);
  db = test_server_open_db (ts);
  g_assert_true (pw_server_db_grant (db, name, park, role, &error));
  g_assert_no_error (error);
}

static inline SoupSession *
test_client_new (const char *ca)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) db = g_tls_file_database_new (ca, &error);
  SoupSession *session;

  g_assert_no_error (error);
  g_assert_true (g_path_is_absolute (ca));
  session = soup_session_new_with_options ("timeout", 20, NULL);
  soup_session_set_tls_database (session, db);
  return session;
}

/* Creates a server directory (settings applied to server.conf) without starting it. */
static inline TestServer *
test_server_prepare (const char *const *settings)
{
  TestServer *ts = g_new0 (TestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-net-XXXXXX", &error);
  g_autofree char *fingerprint = NULL;

  g_assert_no_error (error);
  ts->dir = g_build_filename (tmp, "server", NULL);
  g_assert_true (pw_server_init_dir (ts->dir, "localhost", &fingerprint, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);
  ts->ca = g_build_filename (ts->dir, "server.crt", NULL);
  test_server_configure (ts->dir, (const char *const[]) { "server.port=0", NULL });
  test_server_configure (ts->dir, settings);
  g_mutex_init (&ts->lock);
  g_cond_init (&ts->cond);
  return ts;
}

static inline void
test_server_run (TestServer *ts)
{
  ts->context = g_main_context_new ();
  ts->loop = g_main_loop_new (ts->context, FALSE);
  ts->thread = g_thread_new ("server", test_server_thread, ts);
  g_mutex_lock (&ts->lock);
  while (!ts->ready)
    g_cond_wait (&ts->cond, &ts->lock);
  g_mutex_unlock (&ts->lock);
  g_assert_no_error (ts->error);
  g_assert_cmpuint (ts->port, >, 0);
  ts->base = g_strdup_printf ("https://127.0.0.1:%u", ts->port);
  ts->session = test_client_new (ts->ca);
}

static inline gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static inline void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* Stops the server as a service stop would and starts it again on the same directory. */
static inline void
test_server_restart (TestServer *ts)
{
  g_clear_object (&ts->session);
  g_main_context_invoke (ts->context, quit_loop_cb, ts->loop);
  g_thread_join (ts->thread);
  ts->thread = NULL;
  g_clear_pointer (&ts->loop, g_main_loop_unref);
  g_clear_pointer (&ts->context, g_main_context_unref);
  g_clear_pointer (&ts->base, g_free);
  ts->ready = FALSE;
  ts->port = 0;
  test_server_configure (ts->dir, (const char *const[]) { "server.port=0", NULL });
  test_server_run (ts);
}

static inline void
test_server_free (TestServer *ts)
{
  g_autofree char *parent = NULL;

  if (ts == NULL)
    return;
  g_clear_object (&ts->session);
  if (ts->thread != NULL)
    {
      g_main_context_invoke (ts->context, quit_loop_cb, ts->loop);
      g_thread_join (ts->thread);
    }
  g_clear_pointer (&ts->loop, g_main_loop_unref);
  g_clear_pointer (&ts->context, g_main_context_unref);
  parent = g_path_get_dirname (ts->dir);
  rm_rf (parent);
  g_mutex_clear (&ts->lock);
  g_cond_clear (&ts->cond);
  g_clear_error (&ts->error);
  g_free (ts->dir);
  g_free (ts->ca);
  g_free (ts->base);
  g_free (ts);
}

/* ---- requests through libsoup ------------------------------------------------------ */

typedef struct
{
  guint     status;
  JsonNode *json;        /* the parsed body, NULL when empty */
  char     *code;        /* error.code of a refusal */
  char     *retry_after;
  char     *body;
} Reply;

static inline void
reply_clear (Reply *r)
{
  g_clear_pointer (&r->json, json_node_unref);
  g_clear_pointer (&r->code, g_free);
  g_clear_pointer (&r->retry_after, g_free);
  g_clear_pointer (&r->body, g_free);
  r->status = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* Sends a request; @headers are "Name: value" strings. Every reply must be JSON, and every
 * 4xx a JSON error with a code and a message. */
static inline void
send_request (TestServer *ts, Reply *r, const char *method, const char *path,
              const char *content_type, const char *body, gssize body_len,
              const char *const *headers)
{
  g_autofree char *uri = g_strconcat (ts->base, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *rh;

  reply_clear (r);
  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len < 0 ? strlen (body) : (gsize) body_len);
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (headers[i], ": ", 2);
      soup_message_headers_replace (soup_message_get_request_headers (msg), kv[0], kv[1]);
    }
  reply = soup_session_send_and_read (ts->session, msg, NULL, &error);
  g_assert_no_error (error);
  r->status = soup_message_get_status (msg);
  rh = soup_message_get_response_headers (msg);
  r->retry_after = g_strdup (soup_message_headers_get_one (rh, "Retry-After"));
  r->body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  if (g_bytes_get_size (reply) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_assert_cmpstr (soup_message_headers_get_content_type (rh, NULL), ==, "application/json");
      g_assert_true (json_parser_load_from_data (parser, r->body, -1, &error));
      g_assert_no_error (error);
      r->json = json_node_ref (json_parser_get_root (parser));
    }
  if (r->status >= 400)
    {
      JsonObject *err;
      g_assert_nonnull (r->json);
      err = json_object_get_object_member (json_node_get_object (r->json), "error");
      g_assert_nonnull (err);
      g_assert_nonnull (json_object_get_string_member (err, "message"));
      g_assert_cmpuint (strlen (json_object_get_string_member (err, "message")), >, 0);
      r->code = g_strdup (json_object_get_string_member (err, "code"));
      g_assert_nonnull (r->code);
    }
}

static inline char *
sign_in_body (const char *user, const char *password)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "user");
  json_builder_add_string_value (b, user);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, password);
  json_builder_set_member_name (b, "schema_version");
  json_builder_add_int_value (b, PW_SYNC_SCHEMA_VERSION);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  return json_to_string (node, FALSE);
}

/* Signs in; returns the token for 201, NULL otherwise (the reply is kept in @r). */
static inline char *
sign_in_as (TestServer *ts, Reply *r, const char *user, const char *password,
            const char *forwarded_for)
{
  g_autofree char *body = sign_in_body (user, password);
  g_autofree char *xff = forwarded_for ? g_strconcat ("X-Forwarded-For: ", forwarded_for, NULL)
                                       : NULL;
  const char *headers[] = { xff, NULL };

  send_request (ts, r, "POST", "/v1/session", "application/json", body, -1, headers);
  if (r->status != 201)
    return NULL;
  return g_strdup (json_object_get_string_member (json_node_get_object (r->json), "token"));
}

/* An authenticated request with the schema_version query parameter. */
static inline void
send_authed (TestServer *ts, Reply *r, const char *method, const char *path, const char *token)
{
  g_autofree char *auth = g_strconcat ("Authorization: Bearer ", token, NULL);
  g_autofree char *full = g_strdup_printf ("%s%sschema_version=%d", path,
                                           strchr (path, '?') ? "&" : "?",
                                           PW_SYNC_SCHEMA_VERSION);
  const char *headers[] = { auth, NULL };

  send_request (ts, r, method, full, NULL, NULL, 0, headers);
}

/* ---- raw requests over TLS ---------------------------------------------------------- */

static inline GIOStream *
raw_connect (TestServer *ts)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) db = g_tls_file_database_new (ts->ca, &error);
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("127.0.0.1", ts->port);
  GIOStream *tls;

  g_assert_no_error (error);
  g_socket_client_set_timeout (client, 10);
  conn = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) ts->port, NULL, &error);
  g_assert_no_error (error);
  tls = g_tls_client_connection_new (G_IO_STREAM (conn), identity, &error);
  g_assert_no_error (error);
  g_tls_connection_set_database (G_TLS_CONNECTION (tls), db);
  g_assert_true (g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, &error));
  g_assert_no_error (error);
  return tls;
}

/* Reads until the server closes the connection (or 10 s pass); returns what came. */
static inline char *
raw_read_all (GIOStream *stream)
{
  GString *out = g_string_new (NULL);
  char buf[4096];
  gssize n;

  while ((n = g_input_stream_read (g_io_stream_get_input_stream (stream), buf, sizeof buf, NULL,
                                   NULL)) > 0)
    g_string_append_len (out, buf, n);
  return g_string_free (out, FALSE);
}

static inline guint
status_of (const char *response)
{
  /* libsoup answers a request it cannot parse as HTTP/1.0 */
  if (response == NULL
      || !(g_str_has_prefix (response, "HTTP/1.1 ") || g_str_has_prefix (response, "HTTP/1.0 ")))
    return 0;
  return (guint) g_ascii_strtoull (response + 9, NULL, 10);
}

/* Sends @request as it is and returns the status of the reply. */
static inline guint
raw_request (TestServer *ts, const char *request, gsize len, char **response)
{
  g_autoptr(GIOStream) tls = raw_connect (ts);
  g_autofree char *reply = NULL;
  guint status;

  g_output_stream_write_all (g_io_stream_get_output_stream (tls), request, len, NULL, NULL,
                             NULL);
  reply = raw_read_all (tls);
  status = status_of (reply);
  if (response != NULL)
    *response = g_steal_pointer (&reply);
  return status;
}
