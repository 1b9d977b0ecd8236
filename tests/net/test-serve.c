/* test-serve.c — the parkwise-server program: init, user commands, serve, online backup
 * while serving, and a clean stop on SIGTERM
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * argv[1] is the built parkwise-server. */
#include "config.h"

#include <sys/stat.h>

#include <signal.h>
#include <sys/wait.h>

#include "net-util.h"
#include "pw-server-cert.h"

static const char *server_path;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs parkwise-server with @input on its standard input; returns its exit code. */
static int
run_server_cmd (Run *r, const char *input, ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) in = g_bytes_new (input ? input : "", input ? strlen (input) : 0);
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  const char *arg;
  va_list ap;

  run_clear (r);
  g_ptr_array_add (args, (gpointer) server_path);
  va_start (ap, input);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  proc = g_subprocess_newv ((const char *const *) args->pdata,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                            | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (proc, in, NULL, &out, &err, &error));
  g_assert_no_error (error);
  r->out = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  r->err = g_strndup (g_bytes_get_data (err, NULL), g_bytes_get_size (err));
  r->status = g_subprocess_get_exit_status (proc);
  return r->status;
}

static void
assert_integrity (const char *path, int min_users)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM server_user", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >=, min_users);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

typedef struct
{
  TestServer    *ts;
  gint           stop;
  gint           sign_ins;
} Writer;

/* Signs in over and over, so the server writes while the backups are taken. */
static gpointer
writer_thread (gpointer data)
{
  Writer *w = data;
  g_autoptr(SoupSession) session = test_client_new (w->ts->ca);
  g_autofree char *uri = g_strconcat (w->ts->base, "/v1/session", NULL);
  g_autofree char *body = g_strdup_printf ("{\"user\":\"root\",\"password\":\"the root "
                                           "passphrase\",\"schema_version\":%d}",
                                           PW_SYNC_SCHEMA_VERSION);

  while (!g_atomic_int_get (&w->stop))
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr(GBytes) reply = NULL;

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      reply = soup_session_send_and_read (session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
      g_atomic_int_inc (&w->sign_ins);
    }
  return NULL;
}

static void
test_program (void)
{
  g_auto(Run) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-serve-XXXXXX", &error);
  g_autofree char *dir = g_build_filename (tmp, "srv", NULL);
  g_autofree char *ca = g_build_filename (dir, "server.crt", NULL);
  g_autofree char *fingerprint = NULL;
  g_autoptr(GSubprocess) serve = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *first = NULL;
  g_autofree char *backup = g_build_filename (tmp, "backup.db", NULL);
  g_autofree char *token = NULL;
  TestServer ts = { 0 };
  Writer w = { 0 };
  GThread *thread;
  const char *port_text;
  g_auto(Reply) reply = { 0 };

  g_assert_no_error (error);

  /* init, then a second init that changes nothing */
  g_assert_cmpint (run_server_cmd (&r, NULL, "init", "--dir", dir, "--host", "localhost", NULL),
                   ==, 0);
  fingerprint = pw_server_cert_fingerprint_of_file (ca, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (r.out, fingerprint));
  g_assert_cmpint (run_server_cmd (&r, NULL, "init", "--dir", dir, NULL), ==, 1);
  g_assert_nonnull (strstr (r.err, "already holds"));
  g_assert_cmpint (run_server_cmd (&r, NULL, "init", NULL), ==, 2);

  /* users: a password from standard input; no defaults */
  g_assert_cmpint (run_server_cmd (&r, "short\n", "user", "add", "--dir", dir, "--name", "root",
                                   NULL), ==, 1);
  g_assert_nonnull (strstr (r.err, "too short"));
  g_assert_cmpint (run_server_cmd (&r, "the root passphrase\n", "user", "add", "--dir", dir,
                                   "--name", "root", "--admin", NULL), ==, 0);
  g_assert_cmpint (run_server_cmd (&r, "the root passphrase\n", "user", "add", "--dir", dir,
                                   "--name", "root", NULL), ==, 1);
  g_assert_cmpint (run_server_cmd (&r, "a viewer's passphrase\n", "user", "add", "--dir", dir,
                                   "--name", "vera", NULL), ==, 0);
  g_assert_cmpint (run_server_cmd (&r, NULL, "user", "grant", "--dir", dir, "--name", "vera",
                                   "--park", "P1", "--role", "janitor", NULL), ==, 1);
  g_assert_nonnull (strstr (r.err, "leasing_agent"));
  g_assert_cmpint (run_server_cmd (&r, NULL, "user", "grant", "--dir", dir, "--name", "nobody",
                                   "--park", "P1", "--role", "viewer", NULL), ==, 1);
  g_assert_cmpint (run_server_cmd (&r, NULL, "user", "grant", "--dir", dir, "--name", "vera",
                                   "--park", "P1", "--role", "viewer", NULL), ==, 0);
  g_assert_cmpint (run_server_cmd (&r, NULL, "user", "disable", "--dir", dir, "--name",
                                   "nobody", NULL), ==, 1);
  g_assert_cmpint (run_server_cmd (&r, NULL, "user", "list", "--dir", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (r.out, "root  (administrator)\n"));
  g_assert_nonnull (strstr (r.out, "vera  P1=viewer (pending)\n"));
  g_assert_null (strstr (r.out, "argon2"));

  /* serve on a free port */
  test_server_configure (dir, (const char *const[]) { "server.port=0", NULL });
  serve = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server_path, "serve",
                            "--dir", dir, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (serve));
  first = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first, "Listening on https://127.0.0.1:"));
  g_assert_nonnull (strstr (first, fingerprint));
  port_text = first + strlen ("Listening on https://127.0.0.1:");
  ts.port = (guint) g_ascii_strtoull (port_text, NULL, 10);
  g_assert_cmpuint (ts.port, >, 0);
  ts.ca = ca;
  ts.base = g_strdup_printf ("https://127.0.0.1:%u", ts.port);
  ts.session = test_client_new (ca);

  g_free (token);
  token = sign_in_as (&ts, &reply, "vera", "a viewer's passphrase", NULL);
  g_assert_cmpuint (reply.status, ==, 201);
  send_authed (&ts, &reply, "GET", "/v1/session", token);
  g_assert_cmpuint (reply.status, ==, 200);

  /* a new password ends the sessions the old one opened */
  g_assert_cmpint (run_server_cmd (&r, "short\n", "user", "password", "--dir", dir, "--name",
                                   "vera", NULL), ==, 1);
  g_assert_cmpint (run_server_cmd (&r, "vera's new passphrase\n", "user", "password", "--dir",
                                   dir, "--name", "vera", NULL), ==, 0);
  send_authed (&ts, &reply, "GET", "/v1/session", token);
  g_assert_cmpuint (reply.status, ==, 401);
  g_free (token);
  token = sign_in_as (&ts, &reply, "vera", "a viewer's passphrase", NULL);
  g_assert_cmpuint (reply.status, ==, 401);
  token = sign_in_as (&ts, &reply, "vera", "vera's new passphrase", NULL);
  g_assert_cmpuint (reply.status, ==, 201);

  /* backups while the server writes */
  w.ts = &ts;
  thread = g_thread_new ("writer", writer_thread, &w);
  for (int i = 0; i < 3 || g_atomic_int_get (&w.sign_ins) < 5; i++)
    {
      g_assert_cmpint (i, <, 1000);
      g_assert_cmpint (run_server_cmd (&r, NULL, "backup", "--dir", dir, "--out", backup, NULL),
                       ==, 0);
      assert_integrity (backup, 2);
    }
  g_atomic_int_set (&w.stop, 1);
  g_thread_join (thread);
  g_test_message ("%d sign-ins during the backups", w.sign_ins);
  /* a backup holds the password hashes: only the server's account reads it, even when
   * the caller's umask would let everyone (this process's 022 is inherited) */
  {
    GStatBuf st;
    mode_t old = umask (022);

    g_unlink (backup);
    g_assert_cmpint (run_server_cmd (&r, NULL, "backup", "--dir", dir, "--out", backup, NULL),
                     ==, 0);
    umask (old);
    g_assert_cmpint (g_stat (backup, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_cmpint (w.sign_ins, >=, 5);

  /* disabling a user ends its sessions while the server runs */
  g_assert_cmpint (run_server_cmd (&r, NULL, "user", "disable", "--dir", dir, "--name", "vera",
                                   NULL), ==, 0);
  send_authed (&ts, &reply, "GET", "/v1/session", token);
  g_assert_cmpuint (reply.status, ==, 401);
  g_assert_cmpint (run_server_cmd (&r, NULL, "user", "list", "--dir", dir, NULL), ==, 0);
  g_assert_nonnull (strstr (r.out, "vera  (disabled)  P1=viewer (pending)\n"));

  /* SIGTERM stops it cleanly */
  g_clear_object (&ts.session);
  g_subprocess_send_signal (serve, SIGTERM);
  g_assert_true (g_subprocess_wait (serve, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (serve));
  g_assert_cmpint (g_subprocess_get_exit_status (serve), ==, 0);
  {
    g_autofree char *db_path = g_build_filename (dir, "parkwise-server.db", NULL);
    assert_integrity (db_path, 2);
  }

  g_free (ts.base);
  rm_rf (tmp);
}

/* ---- SIGKILL during pushes --------------------------------------------------------- */

typedef struct
{
  GSubprocess *serve;
  guint        delay_ms;
} Killer;

static gpointer
killer_thread (gpointer data)
{
  Killer *k = data;

  g_usleep (k->delay_ms * 1000);
  g_subprocess_force_exit (k->serve);
  return NULL;
}

static GSubprocess *
start_serve (const char *dir, TestServer *ts)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *serve = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                         | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                         server_path, "serve", "--dir", dir, NULL);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *first = NULL;

  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (serve));
  first = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  ts->port = (guint) g_ascii_strtoull (first + strlen ("Listening on https://127.0.0.1:"), NULL,
                                       10);
  g_free (ts->base);
  ts->base = g_strdup_printf ("https://127.0.0.1:%u", ts->port);
  g_clear_object (&ts->session);
  ts->session = test_client_new (ts->ca);
  return serve;
}

/* Sends a push; NULL when the connection failed (the server died), else the results. */
static JsonArray *
try_push (TestServer *ts, const char *token, PwSyncPush *push, guint *status)
{
  g_autofree char *uri = g_strconcat (ts->base, "/v1/sync/push", NULL);
  g_autofree char *body = pw_sync_push_encode (push);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  reply = soup_session_send_and_read (ts->session, msg, NULL, NULL);
  *status = soup_message_get_status (msg);
  if (reply == NULL || *status != 200)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             (gssize) g_bytes_get_size (reply), NULL));
  return json_array_ref (json_object_get_array_member (json_node_get_object (
    json_parser_get_root (parser)), "results"));
}

static PwSyncPush *
customer_batch (const char *client_id, const char *park, gint64 *next_mid, guint n)
{
  PwSyncPush *push = pw_sync_push_new (client_id);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = pw_uuid_new ();
      g_autofree char *name = g_strdup_printf ("Tenant %" G_GINT64_FORMAT, *next_mid);
      JsonObject *fields = json_object_new ();

      json_object_set_string_member (fields, "park_id", park);
      json_object_set_string_member (fields, "kind", "company");
      json_object_set_string_member (fields, "name", name);
      json_object_set_string_member (fields, "tags", "[]");
      pw_sync_push_add (push, (*next_mid)++, "customer", id, PW_MUTATION_INSERT, 0, fields);
      json_object_unref (fields);
    }
  return push;
}

/* The server is killed at random moments while a client pushes; the client pushes an
 * unanswered batch again after each restart. Nothing acknowledged may be lost, nothing
 * applied twice, and the database stays sound. PW_KILLS sets the number of kills. */
static void
test_sigkill (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-kill-XXXXXX", &error);
  g_autofree char *dir = g_build_filename (tmp, "srv", NULL);
  g_autofree char *ca = g_build_filename (dir, "server.crt", NULL);
  g_autofree char *db_path = g_build_filename (dir, "parkwise-server.db", NULL);
  g_autofree char *client_id = pw_uuid_new ();
  g_autofree char *park = pw_uuid_new ();
  g_autofree char *token = NULL;
  g_autoptr(PwSyncPush) pending = NULL;
  const char *kills_env = g_getenv ("PW_KILLS");
  guint kills = kills_env ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : 50;
  guint acknowledged = 0, duplicates = 0, unanswered = 0;
  gint64 next_mid = 1;
  TestServer ts = { 0 };
  g_auto(Run) r = { 0 };
  g_autoptr(GRand) rand = g_rand_new ();

  g_assert_no_error (error);
  g_assert_cmpint (run_server_cmd (&r, NULL, "init", "--dir", dir, NULL), ==, 0);
  g_assert_cmpint (run_server_cmd (&r, "the root passphrase\n", "user", "add", "--dir", dir,
                                   "--name", "root", "--admin", NULL), ==, 0);
  test_server_configure (dir, (const char *const[]) { "server.port=0", NULL });
  ts.ca = ca;

  for (guint cycle = 0; cycle <= kills; cycle++)
    {
      g_autoptr(GSubprocess) serve = start_serve (dir, &ts);
      Killer k = { serve, 20 + g_rand_int_range (rand, 0, 200) };
      GThread *killer = NULL;
      g_autoptr(JsonArray) results = NULL;
      guint status = 0;

      if (token == NULL)
        {
          g_auto(Reply) reply = { 0 };
          token = sign_in_as (&ts, &reply, "root", "the root passphrase", NULL);
          g_assert_nonnull (token);
          /* the park itself, before any kill */
          pending = pw_sync_push_new (client_id);
          {
            JsonObject *fields = json_object_new ();
            json_object_set_string_member (fields, "code", "K1");
            json_object_set_string_member (fields, "name", "Killed park");
            json_object_set_string_member (fields, "code_pattern", "{building}-{floor}-{seq:3}");
            json_object_set_string_member (fields, "currency", "CNY");
            pw_sync_push_add (pending, next_mid++, "park", park, PW_MUTATION_INSERT, 0, fields);
            json_object_unref (fields);
          }
        }

      /* what was not answered before the last kill goes again first */
      if (pending != NULL)
        {
          results = try_push (&ts, token, pending, &status);
          g_assert_nonnull (results);
          for (guint i = 0; i < json_array_get_length (results); i++)
            {
              const char *res = json_object_get_string_member (
                json_array_get_object_element (results, i), "result");
              if (g_str_equal (res, "duplicate"))
                duplicates++;
              else
                g_assert_cmpstr (res, ==, "applied");
            }
          acknowledged += json_array_get_length (results);
          g_clear_pointer (&pending, pw_sync_push_free);
          g_clear_pointer (&results, json_array_unref);
        }
      if (cycle == kills)
        {
          g_subprocess_send_signal (serve, SIGTERM);
          g_assert_true (g_subprocess_wait (serve, NULL, NULL));
          break;
        }

      killer = g_thread_new ("killer", killer_thread, &k);
      for (;;)
        {
          g_autoptr(PwSyncPush) batch = customer_batch (client_id, park, &next_mid, 25);

          results = try_push (&ts, token, batch, &status);
          if (results == NULL)
            {
              /* died with this batch in flight: committed or not, we cannot know */
              pending = g_steal_pointer (&batch);
              unanswered++;
              break;
            }
          for (guint i = 0; i < json_array_get_length (results); i++)
            g_assert_cmpstr (json_object_get_string_member (
              json_array_get_object_element (results, i), "result"), ==, "applied");
          acknowledged += json_array_get_length (results);
          g_clear_pointer (&results, json_array_unref);
        }
      g_thread_join (killer);
      g_subprocess_wait (serve, NULL, NULL);
      g_assert_false (g_subprocess_get_if_exited (serve));
    }

  g_test_message ("%u kills: %u mutations acknowledged, %u answered as duplicates after a "
                  "restart, %u pushes unanswered", kills, acknowledged, duplicates, unanswered);
  g_assert_cmpint ((gint64) acknowledged, ==, next_mid - 1);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    assert_integrity (db_path, 1);
    g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    /* every mutation once: the park and each customer */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), count(DISTINCT name) FROM customer "
                                             "WHERE park_id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, park, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, next_mid - 2);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, next_mid - 2);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_clear_object (&ts.session);
  g_free (ts.base);
  rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  pw_server_tls_init ();
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  server_path = argv[1];
  g_test_add_func ("/serve/program", test_program);
  g_test_add_func ("/serve/sigkill", test_sigkill);
  return g_test_run ();
}
