/* test-hostile.c — parkwise-server against hostile traffic: connection churn, idle and slow
 * connections, per-address limits, password guessing from many addresses, push floods
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PW_CHURN=100000 runs the churn test with that many connections (by hand). */
#include "config.h"

#include <gnutls/gnutls.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net-util.h"

#define REAL_PASSWORD "the real user's passphrase"

/* ---- measuring the process --------------------------------------------------------- */

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static gint64
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + 6, NULL, 10);
}

/* ---- raw connections ----------------------------------------------------------------- */

/* A TCP connection to the server from the loopback address @from (127.0.0.x). */
static GSocket *
tcp_connect_from (TestServer *ts, const char *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) local_inet = g_inet_address_new_from_string (from);
  g_autoptr(GSocketAddress) local = g_inet_socket_address_new (local_inet, 0);
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string ("127.0.0.1");
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (inet, (guint16) ts->port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, local, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, remote, NULL, &error));
  g_assert_no_error (error);
  return socket;
}

/* TRUE when the server closed @socket within @ms (reads see the end of the stream). */
static gboolean
closed_within (GSocket *socket, guint ms)
{
  char buf[256];
  gssize n;

  g_socket_set_timeout (socket, 0);
  if (!g_socket_condition_timed_wait (socket, G_IO_IN | G_IO_HUP | G_IO_ERR,
                                      (gint64) ms * 1000, NULL, NULL))
    return FALSE;
  n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
  return n <= 0;
}

/* Reads one response on a kept-alive TLS connection; returns its status. */
static guint
read_response (GIOStream *tls)
{
  GInputStream *in = g_io_stream_get_input_stream (tls);
  GString *head = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char *length;
  gsize body = 0, got;
  char c;
  guint status;

  while (!g_str_has_suffix (head->str, "\r\n\r\n"))
    {
      if (g_input_stream_read (in, &c, 1, NULL, NULL) != 1)
        break;
      g_string_append_c (head, c);
    }
  text = g_string_free (head, FALSE);
  status = status_of (text);
  length = strstr (text, "Content-Length: ");
  if (length == NULL)
    length = strstr (text, "content-length: ");
  if (length != NULL)
    body = g_ascii_strtoull (length + 16, NULL, 10);
  if (body > 0)
    {
      g_autofree char *buf = g_malloc (body);
      g_input_stream_read_all (in, buf, body, &got, NULL, NULL);
    }
  return status;
}

static void
write_all (GIOStream *stream, const char *text)
{
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (stream), text,
                                            strlen (text), NULL, NULL, NULL));
}

#define GET_SESSION "GET /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

/* ---- churn --------------------------------------------------------------------------- */

typedef struct
{
  TestServer *ts;
  guint       count;
  guint       answered;
} Churn;

/* One kept-alive request over TLS (GnuTLS directly: GIO's client costs several times the
 * handshake), then the client closes the connection without a word. */
static gboolean
churn_once (guint port, gnutls_certificate_credentials_t creds)
{
  struct sockaddr_in addr = { 0 };
  gnutls_session_t session;
  char buf[4096];
  gsize have = 0;
  gboolean ok = FALSE;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = g_htons ((guint16) port);
  addr.sin_addr.s_addr = g_htonl (INADDR_LOOPBACK);
  /* the request goes right behind the handshake, without waiting for an acknowledgement */
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &(int) { 1 }, sizeof (int));
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (gnutls_init (&session, GNUTLS_CLIENT), ==, 0);
  gnutls_set_default_priority (session);
  gnutls_credentials_set (session, GNUTLS_CRD_CERTIFICATE, creds);
  gnutls_transport_set_int (session, fd);
  gnutls_handshake_set_timeout (session, 10000);
  if (gnutls_handshake (session) == 0
      && gnutls_record_send (session, GET_SESSION, strlen (GET_SESSION)) > 0)
    {
      /* the whole answer: its head, then Content-Length bytes */
      while (have < sizeof buf - 1)
        {
          ssize_t n = gnutls_record_recv (session, buf + have, sizeof buf - 1 - have);
          const char *end, *length;

          if (n <= 0)
            break;
          have += (gsize) n;
          buf[have] = '\0';
          end = strstr (buf, "\r\n\r\n");
          length = g_strstr_len (buf, -1, "ontent-Length: ");
          if (end != NULL && length != NULL
              && have >= (gsize) (end + 4 - buf) + g_ascii_strtoull (length + 15, NULL, 10))
            {
              ok = status_of (buf) == 401;
              break;
            }
        }
    }
  gnutls_deinit (session);
  close (fd);
  return ok;
}

static gpointer
churn_thread (gpointer data)
{
  Churn *c = data;
  gnutls_certificate_credentials_t creds;

  g_assert_cmpint (gnutls_certificate_allocate_credentials (&creds), ==, 0);
  for (guint i = 0; i < c->count; i++)
    if (churn_once (c->ts->port, creds))
      c->answered++;
  gnutls_certificate_free_credentials (creds);
  return NULL;
}

static void
churn (TestServer *ts, guint total)
{
  Churn parts[4];
  GThread *threads[G_N_ELEMENTS (parts)];

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      parts[i] = (Churn) { ts, total / G_N_ELEMENTS (parts), 0 };
      threads[i] = g_thread_new ("churn", churn_thread, &parts[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (parts[i].answered, ==, parts[i].count);
    }
}

static gboolean
wait_for_connections (TestServer *ts, guint at_most, guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  while (pw_server_get_connection_count (ts->server) > at_most)
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_usleep (20 * 1000);
    }
  return TRUE;
}

/* 10,000 kept-alive connections that the client closes: descriptors and memory stay flat
 * and the server holds no connection afterwards. */
static void
test_churn (void)
{
  TestServer *ts = test_server_prepare (NULL);
  const char *env = g_getenv ("PW_CHURN");
  guint total = env ? (guint) g_ascii_strtoull (env, NULL, 10) : 10000;
  guint fds_before, fds_after;
  gint64 rss_before, rss_after, t0;

  test_server_run (ts);
  g_clear_object (&ts->session);  /* only raw connections from here */
  /* warm up: TLS caches, allocator arenas, the security log's statements */
  churn (ts, 400);
  g_assert_true (wait_for_connections (ts, 0, 5000));
  fds_before = count_fds ();
  rss_before = rss_kib ();

  t0 = g_get_monotonic_time ();
  churn (ts, total);
  g_test_message ("%u connections in %.1f s", total,
                  (double) (g_get_monotonic_time () - t0) / G_USEC_PER_SEC);
  g_assert_true (wait_for_connections (ts, 0, 5000));
  fds_after = count_fds ();
  rss_after = rss_kib ();
  g_test_message ("descriptors %u → %u, resident %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT
                  " KiB", fds_before, fds_after, rss_before, rss_after);
  g_assert_cmpuint (fds_after, <=, fds_before + 4);
  g_assert_cmpint (rss_after - rss_before, <, 16 * 1024);
  test_server_free (ts);
}

/* An idle kept-alive connection is closed after idle_timeout. */
static void
test_idle_keepalive (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) { "limits.idle_timeout=1",
                                                                NULL });
  g_autoptr(GIOStream) tls = NULL;
  g_autofree char *rest = NULL;
  gint64 t0;

  test_server_run (ts);
  tls = raw_connect (ts);
  write_all (tls, GET_SESSION);
  g_assert_cmpuint (read_response (tls), ==, 401);
  t0 = g_get_monotonic_time ();
  rest = raw_read_all (tls);
  g_test_message ("closed after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);
  g_assert_cmpuint (strlen (rest), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 500 * 1000);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 4 * G_USEC_PER_SEC);
  g_assert_true (wait_for_connections (ts, 0, 2000));
  test_server_free (ts);
}

/* A slow client trickling its headers is cut off at request_timeout, though it is never
 * idle for idle_timeout. */
static void
test_trickle (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) { "limits.request_timeout=2",
                                                                "limits.idle_timeout=10",
                                                                NULL });
  g_autoptr(GIOStream) tls = NULL;
  const char *head = "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ";
  gint64 t0;
  gboolean cut = FALSE;

  test_server_run (ts);
  tls = raw_connect (ts);
  t0 = g_get_monotonic_time ();
  write_all (tls, head);
  for (guint i = 0; i < 40 && !cut; i++)
    {
      g_usleep (250 * 1000);
      cut = !g_output_stream_write_all (g_io_stream_get_output_stream (tls), "a", 1, NULL,
                                        NULL, NULL)
            || !g_output_stream_flush (g_io_stream_get_output_stream (tls), NULL, NULL);
    }
  if (!cut)
    {
      g_autofree char *rest = raw_read_all (tls);
      g_assert_cmpuint (strlen (rest), ==, 0);
    }
  g_test_message ("cut off after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 6 * G_USEC_PER_SEC);
  test_server_free (ts);
}

/* ---- idle and slow connections -------------------------------------------------------- */

#define ATTACK_ADDRESSES 16
#define PER_ADDRESS      30  /* of each kind */

/* Hundreds of connections that send nothing, stop in the TLS handshake or stay open after
 * a request, from several addresses, while a client signs in, pulls and pushes: each of its
 * requests is answered within 1 s. */
static void
test_slow_clients (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) { "limits.idle_timeout=60",
                                                                "limits.request_timeout=60",
                                                                NULL });
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Reply) r = { 0 };
  g_autofree char *park = NULL;
  g_autofree char *token = NULL;
  /* a TLS record header announcing a ClientHello, and then nothing more */
  static const guint8 partial_hello[] = { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01 };
  gint64 worst = 0;

  park = test_server_seed_demo (ts);
  test_server_add_grantee (ts, "rita", REAL_PASSWORD, park, "leasing_agent");
  test_server_run (ts);

  for (guint a = 0; a < ATTACK_ADDRESSES; a++)
    {
      g_autofree char *from = g_strdup_printf ("127.0.0.%u", a + 10);

      for (guint i = 0; i < PER_ADDRESS; i++)
        {
          GSocket *silent = tcp_connect_from (ts, from);
          GSocket *handshake = tcp_connect_from (ts, from);

          g_assert_cmpint (g_socket_send (handshake, (const char *) partial_hello,
                                          sizeof partial_hello, NULL, NULL), ==,
                           sizeof partial_hello);
          g_ptr_array_add (sockets, silent);
          g_ptr_array_add (sockets, handshake);
        }
    }
  /* and connections left open after one request */
  for (guint i = 0; i < PER_ADDRESS * 2; i++)
    {
      GIOStream *tls = raw_connect (ts);

      write_all (tls, GET_SESSION);
      g_assert_cmpuint (read_response (tls), ==, 401);
      g_ptr_array_add (streams, tls);
    }
  g_test_message ("%u idle or stalled connections", sockets->len + streams->len);
  g_assert_cmpuint (pw_server_get_connection_count (ts->server), >=,
                    sockets->len + streams->len - 10);

  for (guint i = 0; i < 20; i++)
    {
      gint64 t0 = g_get_monotonic_time (), took;

      if (i == 0)
        {
          g_free (token);
          token = sign_in_as (ts, &r, "rita", REAL_PASSWORD, NULL);
          g_assert_cmpuint (r.status, ==, 201);
        }
      else if (i % 5 == 0)
        {
          g_autofree char *auth = g_strconcat ("Authorization: Bearer ", token, NULL);
          const char *headers[] = { auth, NULL };
          g_autofree char *body = g_strdup_printf ("{\"schema_version\":%d,\"client_id\":"
                                                   "\"3f1c2b8a-5f7e-4c1d-9a6b-2e4d8c0f1a7b\","
                                                   "\"mutations\":[]}", PW_SYNC_SCHEMA_VERSION);
          send_request (ts, &r, "POST", "/v1/sync/push", "application/json", body, -1, headers);
          g_assert_cmpuint (r.status, <, 500);
        }
      else
        {
          send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=0&limit=50", token);
          g_assert_cmpuint (r.status, ==, 200);
        }
      took = g_get_monotonic_time () - t0;
      worst = MAX (worst, took);
    }
  g_test_message ("slowest request behind them: %" G_GINT64_FORMAT " ms", worst / 1000);
  g_assert_cmpint (worst, <=, G_USEC_PER_SEC);

  /* a fresh client's first request, TLS handshake included */
  {
    g_autoptr(SoupSession) fresh = test_client_new (ts->ca);
    gint64 t0 = g_get_monotonic_time ();

    g_clear_object (&ts->session);
    ts->session = g_steal_pointer (&fresh);
    send_authed (ts, &r, "GET", "/v1/session", token);
    g_assert_cmpuint (r.status, ==, 200);
    g_test_message ("a new connection behind them: %" G_GINT64_FORMAT " ms",
                    (g_get_monotonic_time () - t0) / 1000);
    g_assert_cmpint (g_get_monotonic_time () - t0, <=, G_USEC_PER_SEC);
  }
  g_ptr_array_set_size (streams, 0);
  g_ptr_array_set_size (sockets, 0);
  test_server_free (ts);
}

/* One address cannot hold more than max_connections_per_address connections. */
static void
test_per_address_limit (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) {
    "limits.max_connections_per_address=10", NULL });
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint closed = 0;

  test_server_run (ts);
  for (guint i = 0; i < 15; i++)
    g_ptr_array_add (sockets, tcp_connect_from (ts, "127.0.0.5"));
  for (guint i = 0; i < sockets->len; i++)
    if (closed_within (g_ptr_array_index (sockets, i), i < 10 ? 100 : 1000))
      closed++;
  g_assert_cmpuint (closed, ==, 5);
  /* another address is served */
  {
    g_auto(Reply) r = { 0 };
    send_request (ts, &r, "GET", "/v1/session", NULL, NULL, 0, NULL);
    g_assert_cmpuint (r.status, ==, 401);
  }
  g_ptr_array_set_size (sockets, 0);
  test_server_free (ts);
}

/* 256 connections at once are all accepted within a second (the listen backlog holds a
 * burst; with libsoup's 10, 36 of 64 waited for a SYN retry). */
static void
test_connect_burst (void)
{
  TestServer *ts = test_server_prepare (NULL);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 worst = 0;

  test_server_run (ts);
  for (guint i = 0; i < 256; i++)
    {
      g_autofree char *from = g_strdup_printf ("127.0.0.%u", 20 + i % 4);
      gint64 t0 = g_get_monotonic_time ();

      g_ptr_array_add (sockets, tcp_connect_from (ts, from));
      worst = MAX (worst, g_get_monotonic_time () - t0);
    }
  g_test_message ("slowest of 256 connects: %" G_GINT64_FORMAT " µs", worst);
  g_assert_cmpint (worst, <, G_USEC_PER_SEC);
  g_assert_true (wait_for_connections (ts, 0, 0) == FALSE);
  g_ptr_array_set_size (sockets, 0);
  g_assert_true (wait_for_connections (ts, 0, 5000));
  test_server_free (ts);
}

/* ---- TLS ------------------------------------------------------------------------------ */

static char *
openssl_connect (TestServer *ts, const char *const *args)
{
  g_autofree char *connect = g_strdup_printf ("127.0.0.1:%u", ts->port);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (g_find_program_in_path ("openssl") == NULL)
    g_error ("openssl is needed to check the TLS suites");
  g_ptr_array_add (argv, (char *) "openssl");
  g_ptr_array_add (argv, (char *) "s_client");
  g_ptr_array_add (argv, (char *) "-connect");
  g_ptr_array_add (argv, connect);
  g_ptr_array_add (argv, (char *) "-CAfile");
  g_ptr_array_add (argv, ts->ca);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  return out;
}

/* TLS 1.2 offers only AEAD suites: CBC ones are refused, GCM accepted. */
static void
test_tls_suites (void)
{
  TestServer *ts = test_server_prepare (NULL);
  g_autofree char *cbc = NULL;
  g_autofree char *cbc384 = NULL;
  g_autofree char *gcm = NULL;

  test_server_run (ts);
  cbc = openssl_connect (ts, (const char *const[]) { "-tls1_2", "-cipher",
                                                     "ECDHE-ECDSA-AES128-SHA:"
                                                     "ECDHE-ECDSA-AES256-SHA:"
                                                     "ECDHE-ECDSA-AES128-SHA256", NULL });
  g_assert_nonnull (strstr (cbc, "Cipher is (NONE)"));
  cbc384 = openssl_connect (ts, (const char *const[]) { "-tls1_2", "-cipher",
                                                        "ECDHE-ECDSA-AES256-SHA384", NULL });
  g_assert_nonnull (strstr (cbc384, "Cipher is (NONE)"));
  gcm = openssl_connect (ts, (const char *const[]) { "-tls1_2", "-cipher",
                                                     "ECDHE-ECDSA-AES128-GCM-SHA256", NULL });
  g_assert_null (strstr (gcm, "Cipher is (NONE)"));
  g_assert_nonnull (strstr (gcm, "ECDHE-ECDSA-AES128-GCM-SHA256"));
  test_server_free (ts);
}

/* ---- guessing from many addresses ---------------------------------------------------- */

typedef struct
{
  guint pending;
  guint sent;
  guint refused;   /* 429 */
  guint failed;    /* 401 */
  guint other;
} Flood;

static void
flood_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Flood *f = data;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                              NULL);
  guint status = soup_message_get_status (msg);

  if (status == 429)
    f->refused++;
  else if (status == 401)
    f->failed++;
  else
    f->other++;
  f->pending--;
}

/* The @n-th guess, from the (n mod @addresses)-th address. */
static void
flood_send (TestServer *ts, SoupSession *session, Flood *f, guint n, guint addresses)
{
  g_autofree char *uri = g_strconcat (ts->base, "/v1/session", NULL);
  g_autofree char *body = sign_in_body ("rita", "a wrong guess");
  g_autofree char *addr = g_strdup_printf ("10.1.%u.%u", (n % addresses) / 100,
                                           n % addresses % 100 + 1);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Forwarded-For", addr);
  f->pending++;
  f->sent++;
  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, flood_done_cb, f);
}

static gint64
count_rows (TestServer *ts, const char *where)
{
  g_autoptr(PwServerDb) db = test_server_open_db (ts);
  sqlite3 *sql = pw_store_get_db (pw_server_db_get_store (db));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *query = g_strconcat ("SELECT count(*) FROM security_log WHERE ", where, NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (sql, query, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

typedef struct
{
  TestServer *ts;
  const char *address;
  guint       ok;
  guint       tries;
  gint64      worst;
} RealUser;

static gpointer
real_user_thread (gpointer data)
{
  RealUser *u = data;
  g_autoptr(SoupSession) session = test_client_new (u->ts->ca);
  TestServer view = *u->ts;

  view.session = session;
  for (guint i = 0; i < 5; i++)
    {
      g_auto(Reply) r = { 0 };
      gint64 t0 = g_get_monotonic_time ();
      g_autofree char *token = sign_in_as (&view, &r, "rita", REAL_PASSWORD, u->address);

      u->tries++;
      u->worst = MAX (u->worst, g_get_monotonic_time () - t0);
      if (r.status == 201)
        u->ok++;
      g_usleep (300 * 1000);
    }
  return NULL;
}

/* 200 addresses guess the password all at once for a while: the real user, signing in
 * from where they signed in before (also before a restart), gets in every time, and the security log holds a
 * bounded number of rows rather than one per guess. */
static void
test_guessing_from_many_addresses (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) {
    "server.trusted_proxies=127.0.0.1;", "limits.failure_log_window=2",
    "limits.signin_account_max_delay=4", NULL });
  g_autoptr(GTlsDatabase) tlsdb = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_auto(Reply) r = { 0 };
  g_autofree char *token = NULL;
  Flood f = { 0 };
  RealUser known = { ts, "10.9.0.1", 0, 0, 0 };
  GThread *thread;
  gint64 end;

  test_server_add_user (ts, "rita", REAL_PASSWORD, FALSE);
  test_server_run (ts);
  /* the real user signed in from their desk before the server was last restarted */
  token = sign_in_as (ts, &r, "rita", REAL_PASSWORD, known.address);
  g_assert_cmpuint (r.status, ==, 201);
  reply_clear (&r);
  test_server_restart (ts);
  tlsdb = g_tls_file_database_new (ts->ca, NULL);
  session = soup_session_new_with_options ("max-conns-per-host", 32, "max-conns", 32,
                                           "tls-database", tlsdb, "timeout", 30, NULL);

  thread = g_thread_new ("real-user", real_user_thread, &known);
  end = g_get_monotonic_time () + 4 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end || f.pending > 0)
    {
      while (g_get_monotonic_time () < end && f.pending < 32)
        flood_send (ts, session, &f, f.sent, 200);
      g_main_context_iteration (NULL, TRUE);
    }
  g_thread_join (thread);
  g_test_message ("guesses: %u sent, %u failed, %u refused, %u other; the real user: %u of "
                  "%u in, slowest %" G_GINT64_FORMAT " ms", f.sent, f.failed, f.refused,
                  f.other, known.ok, known.tries, known.worst / 1000);
  g_assert_cmpuint (f.other, ==, 0);
  g_assert_cmpuint (f.refused, >, 0);
  g_assert_cmpuint (known.ok, ==, known.tries);
  g_assert_cmpint (known.worst, <, 3 * G_USEC_PER_SEC);

  /* once the guessing stops, a sign-in from a new address is at most delayed */
  {
    gint64 t0 = g_get_monotonic_time ();
    g_autofree char *again = NULL;

    for (guint i = 0; i < 10 && again == NULL; i++)
      {
        again = sign_in_as (ts, &r, "rita", REAL_PASSWORD, "10.9.0.2");
        if (again == NULL)
          {
            g_assert_cmpuint (r.status, ==, 429);
            g_assert_nonnull (r.retry_after);
            g_usleep (g_ascii_strtoull (r.retry_after, NULL, 10) * G_USEC_PER_SEC);
          }
      }
    g_assert_nonnull (again);
    g_test_message ("a new address got in after %" G_GINT64_FORMAT " ms",
                    (g_get_monotonic_time () - t0) / 1000);
  }

  test_server_free (ts);
}

/* The flood's rows are bounded; checked on a server stopped (and so flushed). */
static void
test_failure_log_bounded (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) {
    "server.trusted_proxies=127.0.0.1;", "limits.signin_pair_burst=1000",
    "limits.signin_address_burst=1000", "limits.signin_account_burst=1000",
    "limits.failure_log_window=3600", NULL });
  g_autoptr(GTlsDatabase) tlsdb = NULL;
  g_autoptr(SoupSession) session = NULL;
  Flood f = { 0 };
  gint64 rows, counted;

  test_server_add_user (ts, "rita", REAL_PASSWORD, FALSE);
  test_server_run (ts);
  tlsdb = g_tls_file_database_new (ts->ca, NULL);
  session = soup_session_new_with_options ("max-conns-per-host", 16, "max-conns", 16,
                                           "tls-database", tlsdb, "timeout", 30, NULL);
  /* 200 failures from 100 addresses: each address twice */
  while (f.sent < 200 || f.pending > 0)
    {
      while (f.sent < 200 && f.pending < 16)
        flood_send (ts, session, &f, f.sent, 100);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_cmpuint (f.failed, ==, 200);
  rows = count_rows (ts, "event = 'signin_failed'");
  g_test_message ("200 failures, %" G_GINT64_FORMAT " rows while serving", rows);
  g_assert_cmpint (rows, ==, 100);
  {
    /* stopping writes the counted repeats */
    g_clear_object (&ts->session);
    g_main_context_invoke (ts->context, quit_loop_cb, ts->loop);
    g_thread_join (ts->thread);
    ts->thread = NULL;
    rows = count_rows (ts, "event = 'signin_failed'");
    counted = count_rows (ts, "event = 'signin_failed' AND detail LIKE '1 more in the last %'");
    g_test_message ("after the stop: %" G_GINT64_FORMAT " rows, %" G_GINT64_FORMAT
                    " with counts", rows, counted);
    g_assert_cmpint (rows, ==, 200);
    g_assert_cmpint (counted, ==, 100);
  }
  test_server_free (ts);
}

/* ---- push limits ----------------------------------------------------------------------- */

static char *
sign_in_ok (TestServer *ts, const char *user, const char *password)
{
  g_auto(Reply) r = { 0 };
  char *token = sign_in_as (ts, &r, user, password, NULL);

  g_assert_cmpuint (r.status, ==, 201);
  return token;
}

static guint
push_empty (TestServer *ts, Reply *r, const char *token)
{
  g_autofree char *auth = g_strconcat ("Authorization: Bearer ", token, NULL);
  const char *headers[] = { auth, NULL };

  /* not a valid push: the limits come before the push is read */
  send_request (ts, r, "POST", "/v1/sync/push", "application/json", "{}", -1, headers);
  return r->status;
}

static void
test_push_limits (void)
{
  TestServer *ts = test_server_prepare ((const char *const[]) {
    "limits.push_user_burst=3", "limits.push_user_interval=60",
    "limits.push_address_burst=5", "limits.push_address_interval=60", NULL });
  g_auto(Reply) r = { 0 };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  test_server_add_user (ts, "ann", "ann's long passphrase", FALSE);
  test_server_add_user (ts, "ben", "ben's long passphrase", FALSE);
  test_server_run (ts);
  a = sign_in_ok (ts, "ann", "ann's long passphrase");
  b = sign_in_ok (ts, "ben", "ben's long passphrase");

  /* per user: three, then 429 with Retry-After */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (push_empty (ts, &r, a), ==, 422);
  g_assert_cmpuint (push_empty (ts, &r, a), ==, 429);
  g_assert_cmpstr (r.code, ==, "rate_limited");
  g_assert_nonnull (r.retry_after);
  g_assert_cmpint (g_ascii_strtoll (r.retry_after, NULL, 10), >=, 1);
  /* another user from the same address still has the address's allowance: two more */
  g_assert_cmpuint (push_empty (ts, &r, b), ==, 422);
  g_assert_cmpuint (push_empty (ts, &r, b), ==, 422);
  g_assert_cmpuint (push_empty (ts, &r, b), ==, 429);
  g_assert_cmpstr (r.code, ==, "rate_limited");
  /* pulls are not pushes */
  send_authed (ts, &r, "GET", "/v1/sync/pull?cursor=0", b);
  g_assert_cmpuint (r.status, ==, 200);
  test_server_free (ts);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hostile/churn", test_churn);
  g_test_add_func ("/hostile/idle-keepalive", test_idle_keepalive);
  g_test_add_func ("/hostile/trickle", test_trickle);
  g_test_add_func ("/hostile/slow-clients", test_slow_clients);
  g_test_add_func ("/hostile/per-address-limit", test_per_address_limit);
  g_test_add_func ("/hostile/connect-burst", test_connect_burst);
  g_test_add_func ("/hostile/tls-suites", test_tls_suites);
  g_test_add_func ("/hostile/guessing-from-many-addresses", test_guessing_from_many_addresses);
  g_test_add_func ("/hostile/failure-log-bounded", test_failure_log_bounded);
  g_test_add_func ("/hostile/push-limits", test_push_limits);
  return g_test_run ();
}
