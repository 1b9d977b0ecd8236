/* test-server.c — parkwise-server on loopback: sign-in, sessions, limits, malformed input
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/wait.h>

#include "net-util.h"

#define ALICE_PASSWORD "correct horse battery staple"
#define CAROL_PASSWORD "carol's long passphrase"

/* Every password and token the tests used; none may reach a log. */
static GPtrArray *secrets;
static GString *log_text;
static GMutex log_lock;

static GLogWriterOutput
log_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0)
      g_string_append_printf (log_text, "%s=%s\n", fields[i].key, (const char *) fields[i].value);
  g_mutex_unlock (&log_lock);
  /* security events are messages; anything worse still fails the test */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, data);
  return G_LOG_WRITER_HANDLED;
}

static void
remember_secret (const char *secret)
{
  if (secret != NULL)
    g_ptr_array_add (secrets, g_strdup (secret));
}

static void
assert_no_secrets_in_db (TestServer *ts)
{
  g_autoptr(PwServerDb) db = test_server_open_db (ts);
  sqlite3 *sql = pw_store_get_db (pw_server_db_get_store (db));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint rows = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (sql, "SELECT event || ' ' || coalesce (user_name, '') "
                                            "|| ' ' || coalesce (address, '') || ' ' || "
                                            "coalesce (detail, '') FROM security_log",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      for (guint i = 0; i < secrets->len; i++)
        g_assert_null (strstr (line, g_ptr_array_index (secrets, i)));
      rows++;
    }
  g_assert_cmpuint (rows, >, 0);
}

static gint64
count_events (TestServer *ts, const char *event)
{
  g_autoptr(PwServerDb) db = test_server_open_db (ts);
  sqlite3 *sql = pw_store_get_db (pw_server_db_get_store (db));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (sql, "SELECT count(*) FROM security_log WHERE event = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, event, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The shared server with generous limits, for the tests that do not tune its config. */
static TestServer *shared;

static TestServer *
main_server (void)
{
  TestServer *ts = shared;

  if (ts == NULL)
    {
      ts = test_server_prepare ((const char *const[]) { "limits.signin_pair_burst=1000",
                                                        "limits.signin_address_burst=1000",
                                                        "limits.signin_account_burst=1000",
                                                        NULL });
      test_server_add_user (ts, "alice", ALICE_PASSWORD, TRUE);
      test_server_add_user (ts, "carol", CAROL_PASSWORD, FALSE);
      remember_secret (ALICE_PASSWORD);
      remember_secret (CAROL_PASSWORD);
      test_server_run (ts);
      shared = ts;
    }
  return ts;
}

static char *
assert_sign_in (TestServer *ts, const char *user, const char *password)
{
  g_auto(Reply) r = { 0 };
  char *token = sign_in_as (ts, &r, user, password, NULL);

  g_assert_cmpuint (r.status, ==, 201);
  g_assert_nonnull (token);
  remember_secret (token);
  return token;
}

/* ---- sign-in ------------------------------------------------------------------------ */

static void
test_sign_in (void)
{
  TestServer *ts = main_server ();
  g_auto(Reply) r = { 0 };
  g_autofree char *token = NULL;
  g_autofree char *other = NULL;
  guint8 decoded[64];
  gsize n = 0;
  gint64 t0, wrong_us, unknown_us;
  JsonObject *obj;

  {
    g_autofree char *t = sign_in_as (ts, &r, "alice", ALICE_PASSWORD, NULL);
    g_autoptr(GDateTime) expires = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_cmpuint (r.status, ==, 201);
    remember_secret (t);
    obj = json_node_get_object (r.json);
    g_assert_cmpint (json_object_get_int_member (obj, "schema_version"), ==, 1);
    g_assert_nonnull (json_object_get_string_member (obj, "user_id"));
    expires = g_date_time_new_from_iso8601 (json_object_get_string_member (obj, "expires_at"),
                                            NULL);
    g_assert_nonnull (expires);
    /* the default absolute expiry: 12 hours */
    g_assert_cmpint (g_date_time_difference (expires, now) / G_USEC_PER_SEC, >, 12 * 3600 - 60);
    g_assert_cmpint (g_date_time_difference (expires, now) / G_USEC_PER_SEC, <=, 12 * 3600);
  }
  token = assert_sign_in (ts, "alice", ALICE_PASSWORD);
  /* 256 random bits, base64url: 43 characters */
  g_assert_cmpuint (strlen (token), ==, 43);
  {
    g_autofree char *copy = g_strdup (token);
    for (char *p = copy; *p; p++)
      *p = *p == '-' ? '+' : *p == '_' ? '/' : *p;
    g_autofree char *padded = g_strconcat (copy, "=", NULL);
    g_autofree guint8 *raw = g_base64_decode (padded, &n);
    g_assert_cmpuint (n, >=, 16);
    memcpy (decoded, raw, MIN (n, sizeof decoded));
  }
  other = assert_sign_in (ts, "alice", ALICE_PASSWORD);
  g_assert_cmpstr (token, !=, other);

  /* the database knows the session only by the token's hash */
  {
    g_autoptr(PwServerDb) db = test_server_open_db (ts);
    g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
    g_autoptr(sqlite3_stmt) stmt = NULL;
    sqlite3 *sql = pw_store_get_db (pw_server_db_get_store (db));
    g_assert_cmpint (sqlite3_prepare_v2 (sql, "SELECT count(*) FROM server_session "
                                              "WHERE token_hash = ? OR token_hash = ?",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, token, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  }

  send_authed (ts, &r, "GET", "/v1/session", token);
  g_assert_cmpuint (r.status, ==, 200);
  obj = json_node_get_object (r.json);
  g_assert_cmpstr (json_object_get_string_member (obj, "user"), ==, "alice");
  g_assert_cmpuint (strlen (json_object_get_string_member (obj, "user_id")), ==, 36);
  g_assert_true (json_object_get_boolean_member (obj, "admin"));

  /* a wrong password and an unknown account look the same, and take as long (the
   * quickest of three tries each, to keep the machine's load out of it) */
  wrong_us = unknown_us = G_MAXINT64;
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *wrong_body = NULL;
      gint64 dt;

      t0 = g_get_monotonic_time ();
      g_assert_null (sign_in_as (ts, &r, "alice", "not the password at all", NULL));
      dt = g_get_monotonic_time () - t0;
      wrong_us = MIN (wrong_us, dt);
      g_assert_cmpuint (r.status, ==, 401);
      g_assert_cmpstr (r.code, ==, "invalid_credentials");
      wrong_body = g_strdup (r.body);

      t0 = g_get_monotonic_time ();
      g_assert_null (sign_in_as (ts, &r, "mallory", "not the password at all", NULL));
      dt = g_get_monotonic_time () - t0;
      unknown_us = MIN (unknown_us, dt);
      g_assert_cmpuint (r.status, ==, 401);
      g_assert_cmpstr (r.body, ==, wrong_body);
    }
  g_test_message ("wrong password %" G_GINT64_FORMAT " µs, unknown account %" G_GINT64_FORMAT
                  " µs", wrong_us, unknown_us);
  /* both pay for an argon2id verification (tens of milliseconds) */
  g_assert_cmpint (unknown_us, >, wrong_us / 3);
  g_assert_cmpint (wrong_us, >, unknown_us / 3);

  /* user names are matched without regard to case */
  g_free (other);
  other = assert_sign_in (ts, "ALICE", ALICE_PASSWORD);

  g_assert_cmpint (count_events (ts, "signin_ok"), >=, 3);
  g_assert_cmpint (count_events (ts, "signin_failed"), >=, 2);
  remember_secret ("not the password at all");
}

static void
test_sign_out (void)
{
  TestServer *ts = main_server ();
  g_auto(Reply) r = { 0 };
  g_autofree char *token = assert_sign_in (ts, "carol", CAROL_PASSWORD);
  g_autofree char *kept = assert_sign_in (ts, "carol", CAROL_PASSWORD);

  send_authed (ts, &r, "GET", "/v1/session", token);
  g_assert_cmpuint (r.status, ==, 200);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (r.json), "admin"));
  /* a schema_version the server does not speak is refused, and none is fine here */
  {
    g_autofree char *auth = g_strconcat ("Authorization: Bearer ", token, NULL);
    const char *headers[] = { auth, NULL };

    send_request (ts, &r, "DELETE", "/v1/session?schema_version=7", NULL, NULL, 0, headers);
    g_assert_cmpuint (r.status, ==, 400);
    g_assert_cmpstr (r.code, ==, "unsupported_client");
    send_request (ts, &r, "DELETE", "/v1/session", NULL, NULL, 0, headers);
    g_assert_cmpuint (r.status, ==, 204);
  }
  send_authed (ts, &r, "GET", "/v1/session", token);
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_cmpstr (r.code, ==, "invalid_token");
  send_authed (ts, &r, "DELETE", "/v1/session", token);
  g_assert_cmpuint (r.status, ==, 401);
  /* only that session ended */
  send_authed (ts, &r, "GET", "/v1/session", kept);
  g_assert_cmpuint (r.status, ==, 200);
}

static void
test_disabled_user (void)
{
  TestServer *ts = main_server ();
  g_auto(Reply) r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = NULL;
  g_autofree char *t2 = NULL;
  const char *password = "dave's passphrase here";

  test_server_add_user (ts, "dave", password, FALSE);
  remember_secret (password);
  t1 = assert_sign_in (ts, "dave", password);
  t2 = assert_sign_in (ts, "dave", password);
  send_authed (ts, &r, "GET", "/v1/session", t1);
  g_assert_cmpuint (r.status, ==, 200);

  /* as `parkwise-server user disable` does it, while the server runs */
  {
    g_autoptr(PwServerDb) db = test_server_open_db (ts);
    g_autoptr(PwServerUser) user = NULL;
    g_assert_true (pw_server_db_disable_user (db, "dave", &error));
    g_assert_no_error (error);
    user = pw_server_db_find_user (db, "dave", &error);
    g_assert_cmpint (pw_server_db_count_sessions (db, user->id), ==, 0);
  }
  send_authed (ts, &r, "GET", "/v1/session", t1);
  g_assert_cmpuint (r.status, ==, 401);
  send_authed (ts, &r, "GET", "/v1/session", t2);
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_null (sign_in_as (ts, &r, "dave", password, NULL));
  g_assert_cmpuint (r.status, ==, 403);
  g_assert_cmpstr (r.code, ==, "account_disabled");
  /* a wrong password does not tell that the account is disabled */
  g_assert_null (sign_in_as (ts, &r, "dave", "some other words", NULL));
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_cmpstr (r.code, ==, "invalid_credentials");
  g_assert_cmpint (count_events (ts, "disabled"), >=, 1);
}

/* ---- session expiry ------------------------------------------------------------------ */

static void
test_session_expiry (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) { "limits.session_idle=2",
                                                                "limits.session_absolute=4",
                                                                NULL });
  g_auto(Reply) r = { 0 };
  g_autofree char *idle = NULL;
  g_autofree char *busy = NULL;
  gint64 start;
  guint ok = 0;

  test_server_add_user (ts, "erin", "erin's passphrase!", FALSE);
  remember_secret ("erin's passphrase!");
  test_server_run (ts);

  /* idle: unused for longer than two seconds */
  idle = assert_sign_in (ts, "erin", "erin's passphrase!");
  send_authed (ts, &r, "GET", "/v1/session", idle);
  g_assert_cmpuint (r.status, ==, 200);
  g_usleep (2500 * 1000);
  send_authed (ts, &r, "GET", "/v1/session", idle);
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_cmpstr (r.code, ==, "session_expired");
  send_authed (ts, &r, "GET", "/v1/session", idle);
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_cmpstr (r.code, ==, "invalid_token");

  /* absolute: used every 0.4 s, it still ends after 4 s */
  busy = assert_sign_in (ts, "erin", "erin's passphrase!");
  start = g_get_monotonic_time ();
  for (;;)
    {
      send_authed (ts, &r, "GET", "/v1/session", busy);
      if (r.status != 200)
        break;
      ok++;
      g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
      g_usleep (400 * 1000);
    }
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_cmpstr (r.code, ==, "session_expired");
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 3500 * 1000);
  g_assert_cmpuint (ok, >=, 6);
  assert_no_secrets_in_db (ts);
  test_server_free (ts);
}

/* ---- rate limits --------------------------------------------------------------------- */

typedef struct
{
  guint status[8];
  guint pending;
} Concurrent;

static void
concurrent_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Concurrent *c = data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              NULL);
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), "index"));

  c->status[i] = soup_message_get_status (msg);
  c->pending--;
}

/* @n sign-ins at the same moment, each from its own address. */
static void
send_concurrent (TestServer *ts, Concurrent *c, const char *user, const char *password, guint n)
{
  g_autofree char *uri = g_strconcat (ts->base, "/v1/session", NULL);
  g_autofree char *body = sign_in_body (user, password);
  g_autoptr(GTlsDatabase) db = g_tls_file_database_new (ts->ca, NULL);
  /* one connection each, so they reach the server together */
  g_autoptr(SoupSession) session = soup_session_new_with_options ("max-conns-per-host", 16,
                                                                  "max-conns", 16,
                                                                  "tls-database", db, NULL);
  g_assert_cmpuint (n, <=, G_N_ELEMENTS (c->status));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autofree char *addr = g_strdup_printf ("10.0.3.%u", i + 1);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Forwarded-For",
                                    addr);
      g_object_set_data (G_OBJECT (msg), "index", GUINT_TO_POINTER (i));
      c->pending++;
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
                                        concurrent_done_cb, c);
    }
  while (c->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_rate_limit (void)
{
  /* behind a trusted proxy (the test itself), so X-Forwarded-For picks the address */
  TestServer *ts = test_server_prepare ((const char *const[]) {
    "server.trusted_proxies=127.0.0.1;",
    "limits.signin_pair_burst=3", "limits.signin_pair_interval=60",
    "limits.signin_address_burst=5", "limits.signin_address_interval=60",
    "limits.signin_account_burst=6", "limits.signin_account_interval=2",
    "limits.signin_account_max_delay=5", NULL });
  g_auto(Reply) r = { 0 };
  g_autofree char *token = NULL;
  const char *pw = "frank's real passphrase";
  gint64 t0, elapsed;

  test_server_add_user (ts, "frank", pw, FALSE);
  remember_secret (pw);
  test_server_run (ts);

  /* a guesser on one address: three failures, then 429 */
  for (int i = 0; i < 3; i++)
    {
      g_assert_null (sign_in_as (ts, &r, "frank", "a wrong guess", "10.0.0.1"));
      g_assert_cmpuint (r.status, ==, 401);
    }
  g_assert_null (sign_in_as (ts, &r, "frank", "a wrong guess", "10.0.0.1"));
  g_assert_cmpuint (r.status, ==, 429);
  g_assert_cmpstr (r.code, ==, "rate_limited");
  g_assert_nonnull (r.retry_after);
  g_assert_cmpint (g_ascii_strtoll (r.retry_after, NULL, 10), >=, 1);
  /* even the right password waits on that address */
  g_assert_null (sign_in_as (ts, &r, "frank", pw, "10.0.0.1"));
  g_assert_cmpuint (r.status, ==, 429);

  /* the real user, elsewhere, is not locked out */
  t0 = g_get_monotonic_time ();
  token = sign_in_as (ts, &r, "frank", pw, "10.0.0.2");
  g_assert_cmpuint (r.status, ==, 201);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC / 2);
  remember_secret (token);

  /* the guessing address is limited over all accounts too */
  g_assert_null (sign_in_as (ts, &r, "someone", "a wrong guess", "10.0.0.1"));
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_null (sign_in_as (ts, &r, "someone-else", "a wrong guess", "10.0.0.1"));
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_null (sign_in_as (ts, &r, "third-name", "a wrong guess", "10.0.0.1"));
  g_assert_cmpuint (r.status, ==, 429);

  /* many addresses guessing one account: slowed to one guess per interval (2 s, far more
   * than a sign-in takes even on a loaded machine), never locked */
  for (int i = 1; ; i++)
    {
      g_autofree char *addr = g_strdup_printf ("10.0.1.%d", i);
      g_assert_cmpint (i, <=, 12);
      t0 = g_get_monotonic_time ();
      g_assert_null (sign_in_as (ts, &r, "frank", "a wrong guess", addr));
      elapsed = g_get_monotonic_time () - t0;
      g_assert_cmpuint (r.status, ==, 401);
      if (elapsed >= 1500 * 1000)
        break;
    }
  t0 = g_get_monotonic_time ();
  g_assert_null (sign_in_as (ts, &r, "frank", "a wrong guess", "10.0.2.1"));
  elapsed = g_get_monotonic_time () - t0;
  g_test_message ("a guess on a drained account took %" G_GINT64_FORMAT " µs", elapsed);
  g_assert_cmpuint (r.status, ==, 401);
  g_assert_cmpint (elapsed, >=, 1500 * 1000);
  g_assert_cmpint (elapsed, <, 5 * G_USEC_PER_SEC);

  /* guesses at once: delayed up to signin_account_max_delay, the rest refused with 429 */
  {
    Concurrent c = { 0 };
    guint refused = 0, failed = 0;

    send_concurrent (ts, &c, "frank", "a wrong guess", 5);
    for (guint i = 0; i < 5; i++)
      {
        if (c.status[i] == 429)
          refused++;
        else if (c.status[i] == 401)
          failed++;
      }
    g_test_message ("at once: %u %u %u %u %u", c.status[0], c.status[1], c.status[2],
                    c.status[3], c.status[4]);
    g_assert_cmpuint (refused, >=, 1);
    g_assert_cmpuint (failed, >=, 1);
    g_assert_cmpuint (refused + failed, ==, 5);
  }

  /* once the burst is over, the real user gets in */
  g_usleep (2 * G_USEC_PER_SEC);
  g_free (token);
  token = sign_in_as (ts, &r, "frank", pw, "10.0.0.3");
  g_assert_cmpuint (r.status, ==, 201);
  remember_secret (token);

  g_assert_cmpint (count_events (ts, "rate_limited"), >=, 4);
  remember_secret ("a wrong guess");
  assert_no_secrets_in_db (ts);
  test_server_free (ts);
}

/* ---- malformed requests ----------------------------------------------------------- */

typedef struct
{
  const char *what;
  const char *method;
  const char *path;
  const char *content_type;
  const char *body;          /* NULL: none; "@..." a generated one */
  const char *auth;          /* an Authorization header value, or NULL */
  guint       status;
  const char *code;
} Malformed;

static char *
generated_body (const char *name, gsize *len)
{
  GString *s = g_string_new (NULL);

  if (g_str_equal (name, "@deep-arrays"))
    {
      for (int i = 0; i < 100000; i++)
        g_string_append_c (s, '[');
      for (int i = 0; i < 100000; i++)
        g_string_append_c (s, ']');
    }
  else if (g_str_equal (name, "@deep-objects"))
    {
      for (int i = 0; i < 65; i++)
        g_string_append (s, "{\"a\":");
      g_string_append (s, "1");
      for (int i = 0; i < 65; i++)
        g_string_append_c (s, '}');
    }
  else if (g_str_equal (name, "@deep-in-string"))
    {
      /* brackets inside a string are text, not nesting */
      g_string_append (s, "{\"user\":\"alice\",\"password\":\"");
      for (int i = 0; i < 1000; i++)
        g_string_append_c (s, '[');
      g_string_append_printf (s, "\",\"schema_version\":%d}", PW_SYNC_SCHEMA_VERSION);
    }
  else if (g_str_equal (name, "@huge"))
    {
      g_string_append (s, "{\"user\":\"");
      while (s->len < 2 * 1024 * 1024)
        g_string_append (s, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
      g_string_append (s, "\"}");
    }
  else if (g_str_equal (name, "@nul"))
    g_string_append_len (s, "{\"user\":\"a\0b\"}", 14);
  else if (g_str_equal (name, "@latin1"))
    g_string_append (s, "{\"user\":\"caf\xe9\",\"password\":\"x\",\"schema_version\":1}");
  else if (g_str_equal (name, "@long-user"))
    {
      g_string_append (s, "{\"user\":\"");
      for (int i = 0; i < 65; i++)
        g_string_append_c (s, 'u');
      g_string_append_printf (s, "\",\"password\":\"x\",\"schema_version\":%d}",
                              PW_SYNC_SCHEMA_VERSION);
    }
  else
    g_assert_not_reached ();
  *len = s->len;
  return g_string_free (s, FALSE);
}

static void
assert_still_serving (TestServer *ts)
{
  g_autofree char *token = assert_sign_in (ts, "alice", ALICE_PASSWORD);
  g_auto(Reply) r = { 0 };

  send_authed (ts, &r, "GET", "/v1/session", token);
  g_assert_cmpuint (r.status, ==, 200);
}

static void
test_malformed (void)
{
  TestServer *ts = main_server ();
  g_autofree char *long_token = g_strnfill (200, 'A');
  g_autofree char *long_auth = g_strconcat ("Bearer ", long_token, NULL);
  const Malformed cases[] = {
    { "unknown route", "GET", "/v2/anything", NULL, NULL, NULL, 404, "not_found" },
    { "root", "GET", "/", NULL, NULL, NULL, 404, "not_found" },
    { "route with a suffix", "POST", "/v1/session/extra", NULL, NULL, NULL, 404, "not_found" },
    { "path traversal", "GET", "/v1/../v1/session", NULL, NULL, NULL, 401, "unauthenticated" },
    { "wrong method PUT", "PUT", "/v1/session", NULL, NULL, NULL, 405, "method_not_allowed" },
    { "wrong method PATCH", "PATCH", "/v1/session", NULL, NULL, NULL, 405,
      "method_not_allowed" },
    { "no token", "GET", "/v1/session?schema_version=1", NULL, NULL, NULL, 401,
      "unauthenticated" },
    { "garbage token", "GET", "/v1/session?schema_version=1", NULL, NULL, "Bearer !!!$$$", 401,
      "unauthenticated" },
    { "unknown token", "GET", "/v1/session?schema_version=1", NULL, NULL,
      "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 401, "invalid_token" },
    { "basic auth", "GET", "/v1/session?schema_version=1", NULL, NULL, "Basic YWxpY2U6eA==",
      401, "unauthenticated" },
    { "token too long", "DELETE", "/v1/session?schema_version=1", NULL, NULL, long_auth, 401,
      "unauthenticated" },
    { "empty bearer", "DELETE", "/v1/session", NULL, NULL, "Bearer ", 401, "unauthenticated" },
    { "text/plain", "POST", "/v1/session", "text/plain", "{}", NULL, 415,
      "unsupported_media_type" },
    { "form", "POST", "/v1/session", "application/x-www-form-urlencoded", "user=a&password=b",
      NULL, 415, "unsupported_media_type" },
    { "not JSON", "POST", "/v1/session", "application/json", "user=alice", NULL, 400,
      "malformed" },
    { "empty body", "POST", "/v1/session", "application/json", "", NULL, 400, "malformed" },
    { "truncated JSON", "POST", "/v1/session", "application/json", "{\"user\":", NULL, 400,
      "malformed" },
    { "array body", "POST", "/v1/session", "application/json", "[1,2]", NULL, 422,
      "invalid" },
    { "string body", "POST", "/v1/session", "application/json", "\"alice\"", NULL, 422,
      "invalid" },
    { "deep arrays 100k", "POST", "/v1/session", "application/json", "@deep-arrays", NULL,
      400, "too_deep" },
    { "deep objects 65", "POST", "/v1/session", "application/json", "@deep-objects", NULL, 400,
      "too_deep" },
    { "duplicate key", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"user\":\"carol\",\"password\":\"x\",\"schema_version\":1}", NULL,
      400, "duplicate_key" },
    { "duplicate key by escape", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"\\u0075ser\":\"carol\",\"password\":\"x\",\"schema_version\":1}",
      NULL, 400, "duplicate_key" },
    { "user a number", "POST", "/v1/session", "application/json",
      "{\"user\":42,\"password\":\"x\",\"schema_version\":1}", NULL, 422, "invalid" },
    { "password null", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":null,\"schema_version\":1}", NULL, 422,
      "invalid" },
    { "password an object", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":{\"a\":1},\"schema_version\":1}", NULL, 422,
      "invalid" },
    { "missing password", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"schema_version\":1}", NULL, 422, "invalid" },
    { "unknown field", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":\"x\",\"admin\":true,\"schema_version\":1}", NULL, 422,
      "invalid" },
    { "empty user", "POST", "/v1/session", "application/json",
      "{\"user\":\"\",\"password\":\"x\",\"schema_version\":1}", NULL, 422, "invalid" },
    { "user too long", "POST", "/v1/session", "application/json", "@long-user", NULL, 422,
      "invalid" },
    { "no schema_version", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":\"x\"}", NULL, 400, "unsupported_client" },
    { "old schema_version", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":\"x\",\"schema_version\":0}", NULL, 400,
      "unsupported_client" },
    { "newer schema_version", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":\"x\",\"schema_version\":2}", NULL, 400,
      "unsupported_client" },
    { "newer client, another shape", "POST", "/v1/session", "application/json",
      "{\"login\":{\"name\":\"alice\"},\"schema_version\":2}", NULL, 400,
      "unsupported_client" },
    { "schema_version a string", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":\"x\",\"schema_version\":\"1\"}", NULL, 422,
      "invalid" },
    { "schema_version a fraction", "POST", "/v1/session", "application/json",
      "{\"user\":\"alice\",\"password\":\"x\",\"schema_version\":1.5}", NULL, 422,
      "invalid" },
    { "brackets inside a string", "POST", "/v1/session", "application/json", "@deep-in-string",
      NULL, 401, "invalid_credentials" },
    { "NUL byte", "POST", "/v1/session", "application/json", "@nul", NULL, 400, "bad_encoding" },
    { "not UTF-8", "POST", "/v1/session", "application/json", "@latin1", NULL, 400,
      "bad_encoding" },
    { "body over 1 MiB", "POST", "/v1/session", "application/json", "@huge", NULL, 413,
      "too_large" },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (cases) >= 30);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Malformed *c = &cases[i];
      g_auto(Reply) r = { 0 };
      g_autofree char *generated = NULL;
      g_autofree char *auth = c->auth ? g_strconcat ("Authorization: ", c->auth, NULL) : NULL;
      const char *headers[] = { auth, NULL };
      const char *body = c->body;
      gssize len = -1;

      g_test_message ("malformed request: %s", c->what);
      if (body != NULL && body[0] == '@')
        {
          gsize n;
          generated = generated_body (body, &n);
          body = generated;
          len = (gssize) n;
        }
      send_request (ts, &r, c->method, c->path, c->content_type, body, len, headers);
      if (r.status != c->status || g_strcmp0 (r.code, c->code) != 0)
        g_error ("%s: got %u %s, expected %u %s (%s)", c->what, r.status, r.code, c->status,
                 c->code, r.body);
    }

  /* a flood of bad tokens is refused every time but not logged every time */
  {
    gint64 before = count_events (ts, "denied");
    const char *headers[] = { "Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                              NULL };

    for (int i = 0; i < 40; i++)
      {
        g_auto(Reply) r = { 0 };
        send_request (ts, &r, "GET", "/v1/session?schema_version=1", NULL, NULL, 0, headers);
        g_assert_cmpuint (r.status, ==, 401);
      }
    g_assert_cmpint (count_events (ts, "denied") - before, <=, 21);
  }
  assert_still_serving (ts);
}

/* Requests libsoup would not send, written by hand over TLS. */
static void
test_malformed_raw (void)
{
  TestServer *ts = main_server ();
  g_autofree char *response = NULL;

  /* a chunked body that never ends: refused with 411 before it is read (a body must
   * come with its Content-Length) */
  {
    g_autoptr(GIOStream) tls = raw_connect (ts);
    GOutputStream *out = g_io_stream_get_output_stream (tls);
    g_autofree char *chunk = g_strnfill (64 * 1024, 'a');
    g_autofree char *head = g_strdup_printf ("%x\r\n", 64 * 1024);
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    gsize sent = 0;

    g_output_stream_write_all (out, req, strlen (req), NULL, NULL, NULL);
    while (sent < 3 * 1024 * 1024)
      {
        if (!g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL)
            || !g_output_stream_write_all (out, chunk, 64 * 1024, NULL, NULL, NULL)
            || !g_output_stream_write_all (out, "\r\n", 2, NULL, NULL, NULL))
          break;
        sent += 64 * 1024;
      }
    response = raw_read_all (tls);
    g_test_message ("chunked: sent %zu bytes before the refusal", sent);
    g_assert_cmpuint (status_of (response), ==, 411);
    g_assert_nonnull (strstr (response, "\"length_required\""));
  }

  /* a Content-Length too large is refused before the body is read */
  {
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 5000000000\r\n\r\n{";
    g_clear_pointer (&response, g_free);
    g_assert_cmpuint (raw_request (ts, req, strlen (req), &response), ==, 413);
    g_assert_nonnull (strstr (response, "\"too_large\""));
  }
  /* and so with Expect: 100-continue */
  {
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 2000000\r\n"
                      "Expect: 100-continue\r\n\r\n";
    g_assert_cmpuint (raw_request (ts, req, strlen (req), NULL), ==, 413);
  }
  /* not HTTP at all */
  {
    const char *req = "HELLO THERE\r\n\r\n";
    g_assert_cmpuint (raw_request (ts, req, strlen (req), NULL), ==, 400);
  }
  /* HTTP/1.1 without Host: the JSON error */
  {
    const char *req = "GET /v1/session HTTP/1.1\r\nConnection: close\r\n\r\n";
    g_clear_pointer (&response, g_free);
    g_assert_cmpuint (raw_request (ts, req, strlen (req), &response), ==, 400);
    g_assert_nonnull (strstr (response, "\"bad_request\""));
  }
  /* a negative Content-Length: libmicrohttpd's parser refuses it before the server's
   * code sees the request (docs/server.md) */
  {
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Length: -5\r\nConnection: close\r\n\r\n";
    g_assert_cmpuint (raw_request (ts, req, strlen (req), NULL), ==, 400);
  }
  /* a repeated query parameter: the JSON error */
  {
    const char *req = "GET /v1/sync/pull?cursor=0&cursor=5&schema_version=1 HTTP/1.1\r\n"
                      "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
    g_clear_pointer (&response, g_free);
    g_assert_cmpuint (raw_request (ts, req, strlen (req), &response), ==, 400);
    g_assert_nonnull (strstr (response, "\"invalid_parameter\""));
    g_assert_nonnull (strstr (response, "cursor"));
  }
  /* two lengths, or a length beside chunked */
  {
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\n"
                      "Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}";
    g_assert_cmpuint (raw_request (ts, req, strlen (req), NULL), ==, 400);
  }
  {
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                      "Content-Length: 2\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
    g_assert_cmpuint (raw_request (ts, req, strlen (req), NULL), ==, 400);
  }
  /* a body shorter than its Content-Length, then the client gives up writing: no hang */
  {
    g_autoptr(GIOStream) tls = raw_connect (ts);
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user\"";
    g_output_stream_write_all (g_io_stream_get_output_stream (tls), req, strlen (req), NULL,
                               NULL, NULL);
    g_io_stream_close (tls, NULL, NULL);
  }
  assert_still_serving (ts);
}

/* Clients that never finish a request are cut off, and others are still served. */
static void
test_slow_clients (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) { "limits.request_timeout=1",
                                                                NULL });
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) silent = NULL;
  g_autoptr(GIOStream) partial = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rest = NULL;
  char buf[64];
  gint64 t0;
  gssize n;

  test_server_add_user (ts, "gina", "gina's passphrase", FALSE);
  remember_secret ("gina's passphrase");
  test_server_run (ts);
  g_socket_client_set_timeout (client, 10);

  /* a TCP connection that never starts TLS */
  t0 = g_get_monotonic_time ();
  silent = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) ts->port, NULL,
                                            &error);
  g_assert_no_error (error);
  n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (silent)), buf, sizeof buf,
                           NULL, NULL);
  g_assert_cmpint (n, <=, 0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);

  /* headers that never end */
  t0 = g_get_monotonic_time ();
  partial = raw_connect (ts);
  g_output_stream_write_all (g_io_stream_get_output_stream (partial),
                             "POST /v1/session HTTP/1.1\r\nHost: 127", 36, NULL, NULL, NULL);
  rest = raw_read_all (partial);
  g_assert_cmpuint (strlen (rest), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);

  /* a body that stops half way */
  {
    g_autoptr(GIOStream) tls = raw_connect (ts);
    const char *req = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user\"";
    g_autofree char *reply = NULL;

    t0 = g_get_monotonic_time ();
    g_output_stream_write_all (g_io_stream_get_output_stream (tls), req, strlen (req), NULL,
                               NULL, NULL);
    reply = raw_read_all (tls);
    g_assert_cmpint (g_get_monotonic_time () - t0, <, 5 * G_USEC_PER_SEC);
  }

  /* a quick client is not affected */
  {
    g_auto(Reply) r = { 0 };
    g_autofree char *token = sign_in_as (ts, &r, "gina", "gina's passphrase", NULL);
    g_assert_cmpuint (r.status, ==, 201);
    remember_secret (token);
    send_authed (ts, &r, "GET", "/v1/session", token);
    g_assert_cmpuint (r.status, ==, 200);
  }
  test_server_free (ts);
}

/* ---- TLS versions ---------------------------------------------------------------------- */

static int
run_openssl (TestServer *ts, const char *version, char **out)
{
  g_autofree char *connect = g_strdup_printf ("127.0.0.1:%u", ts->port);
  const char *argv[] = { "openssl", "s_client", "-connect", connect, version,
                         "-cipher", "DEFAULT:@SECLEVEL=0", "-CAfile", ts->ca, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                               out, NULL, &status, &error));
  g_assert_no_error (error);
  return status;
}

static void
test_tls_versions (void)
{
  TestServer *ts = main_server ();
  g_autofree char *out = NULL;
  g_autofree char *path = g_find_program_in_path ("openssl");

  if (path == NULL)
    {
      /* a missing tool is a broken test machine, not a pass */
      g_error ("openssl is needed to check the TLS versions");
    }
  /* the check can see a handshake succeed ... */
  run_openssl (ts, "-tls1_2", &out);
  g_assert_nonnull (strstr (out, "Protocol  : TLSv1.2"));
  g_assert_null (strstr (out, "Cipher is (NONE)"));
  g_clear_pointer (&out, g_free);
  run_openssl (ts, "-tls1_3", &out);
  g_assert_nonnull (strstr (out, "TLSv1.3"));
  g_assert_null (strstr (out, "Cipher is (NONE)"));
  g_clear_pointer (&out, g_free);
  /* ... and TLS 1.1 and 1.0 never get one */
  run_openssl (ts, "-tls1_1", &out);
  g_assert_nonnull (strstr (out, "Cipher is (NONE)"));
  g_clear_pointer (&out, g_free);
  run_openssl (ts, "-tls1", &out);
  g_assert_nonnull (strstr (out, "Cipher is (NONE)"));
  assert_still_serving (ts);
}

/* ---- init ------------------------------------------------------------------------------- */

static void
test_init_refuses_existing (void)
{
  TestServer *ts = main_server ();
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_build_filename (ts->dir, "server.key", NULL);
  GStatBuf st;

  g_assert_false (pw_server_init_dir (ts->dir, "localhost", NULL, &error));
  g_assert_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_EXISTS);
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (ts->dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

static void
test_logs_keep_no_secrets (void)
{
  TestServer *ts = main_server ();

  assert_no_secrets_in_db (ts);
  g_mutex_lock (&log_lock);
  g_assert_nonnull (strstr (log_text->str, "PARKWISE_EVENT=signin_ok"));
  g_assert_nonnull (strstr (log_text->str, "PARKWISE_EVENT=signin_failed"));
  for (guint i = 0; i < secrets->len; i++)
    g_assert_null (strstr (log_text->str, g_ptr_array_index (secrets, i)));
  g_mutex_unlock (&log_lock);
}

int
main (int argc, char **argv)
{
  int rc;

  pw_server_tls_init ();
  g_test_init (&argc, &argv, NULL);
  secrets = g_ptr_array_new_with_free_func (g_free);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  g_test_add_func ("/server/sign-in", test_sign_in);
  g_test_add_func ("/server/sign-out", test_sign_out);
  g_test_add_func ("/server/disabled-user", test_disabled_user);
  g_test_add_func ("/server/session-expiry", test_session_expiry);
  g_test_add_func ("/server/rate-limit", test_rate_limit);
  g_test_add_func ("/server/malformed", test_malformed);
  g_test_add_func ("/server/malformed-raw", test_malformed_raw);
  g_test_add_func ("/server/slow-clients", test_slow_clients);
  g_test_add_func ("/server/tls-versions", test_tls_versions);
  g_test_add_func ("/server/init-refuses-existing", test_init_refuses_existing);
  g_test_add_func ("/server/logs-keep-no-secrets", test_logs_keep_no_secrets);
  rc = g_test_run ();
  test_server_free (shared);
  return rc;
}
