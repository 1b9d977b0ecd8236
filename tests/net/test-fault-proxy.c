/* test-fault-proxy.c — a desktop syncing through a proxy that loses the server's answers:
 * dropped after the server committed, reset mid-body, truncated; and a push cut short on
 * its way. Each push, pull and bootstrap through the fault fails, succeeds once the fault
 * is gone, and nothing is applied twice
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The proxy forwards raw TCP bytes between the desktop and the server: TLS passes
 * through untouched, and the desktop checks the server's own certificate. It reads only
 * the TLS record headers, to tell a request (an application-data record larger than a
 * handshake's Finished) from the handshake, and spoils the server's bytes that follow. */
#include "config.h"

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "fault-util.h"

typedef enum {
  FAULT_NONE,
  FAULT_DROP,      /* close the desktop's side as soon as the answer starts */
  FAULT_RESET,     /* forward part of the answer, then reset the connection */
  FAULT_TRUNCATE,  /* forward all but the answer's last bytes, then close */
  FAULT_CUT_REQUEST, /* forward the request's first record, then reset both sides */
} FaultMode;

static const char *const fault_names[] = { "none", "drop", "reset", "truncate", "cut request" };

#define HELD_BACK   16    /* bytes a truncated answer lacks: a record's authentication tag */
#define IDLE_MS     300   /* an answer is whole when the server has sent nothing for this */
#define REQUEST_MIN 100   /* an application-data record this large is a request */

typedef struct
{
  int        listen_fd;
  guint      port;
  guint      server_port;
  int        wake[2];     /* written once to stop every thread */
  gint       mode;
  gint       faults;
  GThread   *thread;
  GMutex     lock;
  GPtrArray *conns;       /* GThread */
} Proxy;

typedef struct
{
  Proxy *proxy;
  int    cfd;
  int    sfd;
  /* the record being read from the desktop */
  guint8 head[5];
  guint  head_len;
  gsize  remaining;
  gboolean armed;          /* the desktop sent a request: what the server sends answers it */
  gboolean cutting;        /* the request ends with the record being read */
} Conn;

static gboolean
write_all (int fd, const guint8 *data, gsize len)
{
  while (len > 0)
    {
      ssize_t n = send (fd, data, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

/* Follows the TLS records the desktop sends; a large application-data record arms.
 * Returns how many of the @len bytes to forward: all, unless the request is to be cut
 * after its first record. */
static gsize
scan_client_records (Conn *c, const guint8 *data, gsize len)
{
  gsize i = 0;

  while (i < len)
    {
      if (c->remaining > 0)
        {
          gsize n = MIN (len - i, c->remaining);
          c->remaining -= n;
          i += n;
          if (c->cutting && c->remaining == 0)
            return i;
          continue;
        }
      c->head[c->head_len++] = data[i++];
      if (c->head_len == 5)
        {
          c->remaining = ((gsize) c->head[3] << 8) | c->head[4];
          if (c->head[0] == 0x17 && c->remaining > REQUEST_MIN)
            {
              c->armed = TRUE;
              if (g_atomic_int_get (&c->proxy->mode) == FAULT_CUT_REQUEST)
                c->cutting = TRUE;
            }
          c->head_len = 0;
        }
    }
  return len;
}

static void
reset_close (int fd)
{
  struct linger lg = { 1, 0 };

  setsockopt (fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  close (fd);
}

/* Where the last whole TLS record of @held starts (its records begin at 0). */
static gsize
last_record_start (GByteArray *held)
{
  gsize at = 0, last = 0;

  while (at + 5 <= held->len)
    {
      gsize len = ((gsize) held->data[at + 3] << 8) | held->data[at + 4];

      if (at + 5 + len > held->len)
        break;
      last = at;
      at += 5 + len;
    }
  return last;
}

/* Spoils the answer collected in @held as @mode says; closes both sides. */
static void
finish_fault (Conn *c, FaultMode mode, GByteArray *held)
{
  /* counted first: the desktop may notice before this thread goes on */
  g_atomic_int_inc (&c->proxy->faults);
  if (mode == FAULT_RESET)
    {
      /* every record but the last (the head of the answer, when it has a record of its
       * own), and half of the last */
      gsize last = last_record_start (held);

      write_all (c->cfd, held->data, last + (held->len - last) / 2);
      reset_close (c->cfd);
    }
  else
    {
      if (held->len > HELD_BACK)
        write_all (c->cfd, held->data, held->len - HELD_BACK);
      shutdown (c->cfd, SHUT_RDWR);
      close (c->cfd);
    }
  close (c->sfd);
}

static gpointer
conn_thread (gpointer data)
{
  g_autofree Conn *c = data;
  g_autoptr(GByteArray) held = g_byte_array_new ();
  FaultMode fault = FAULT_NONE;
  guint8 buf[65536];

  for (;;)
    {
      struct pollfd fds[3] = {
        { c->cfd, POLLIN, 0 }, { c->sfd, POLLIN, 0 }, { c->proxy->wake[0], POLLIN, 0 },
      };
      int rc = poll (fds, 3, held->len > 0 ? IDLE_MS : -1);
      ssize_t n;

      if (rc < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (rc, >=, 0);
      if (rc == 0)
        {
          /* the server said all it had to say */
          finish_fault (c, fault, held);
          return NULL;
        }
      if (fds[2].revents)
        break;
      if (fds[0].revents)
        {
          gsize forward;

          n = recv (c->cfd, buf, sizeof buf, 0);
          if (n <= 0)
            break;
          forward = scan_client_records (c, buf, (gsize) n);
          if (!write_all (c->sfd, buf, forward))
            break;
          if (c->cutting && c->remaining == 0)
            {
              g_atomic_int_inc (&c->proxy->faults);
              reset_close (c->sfd);
              reset_close (c->cfd);
              return NULL;
            }
        }
      if (fds[1].revents)
        {
          n = recv (c->sfd, buf, sizeof buf, 0);
          if (n <= 0)
            {
              if (held->len > 0)
                {
                  finish_fault (c, fault, held);
                  return NULL;
                }
              break;
            }
          if (held->len == 0)
            fault = c->armed ? (FaultMode) g_atomic_int_get (&c->proxy->mode) : FAULT_NONE;
          if (fault == FAULT_NONE)
            {
              if (!write_all (c->cfd, buf, (gsize) n))
                break;
              continue;
            }
          if (fault == FAULT_DROP)
            {
              g_atomic_int_inc (&c->proxy->faults);
              shutdown (c->cfd, SHUT_RDWR);
              close (c->cfd);
              close (c->sfd);
              return NULL;
            }
          g_byte_array_append (held, buf, (guint) n);
        }
    }
  close (c->cfd);
  close (c->sfd);
  return NULL;
}

static int
connect_loopback (guint port)
{
  struct sockaddr_in addr = { 0 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_port = htons ((guint16) port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

static gpointer
accept_thread (gpointer data)
{
  Proxy *p = data;

  for (;;)
    {
      struct pollfd fds[2] = { { p->listen_fd, POLLIN, 0 }, { p->wake[0], POLLIN, 0 } };
      Conn *c;
      int cfd, sfd;

      if (poll (fds, 2, -1) < 0)
        continue;
      if (fds[1].revents)
        return NULL;
      cfd = accept (p->listen_fd, NULL, NULL);
      if (cfd < 0)
        continue;
      sfd = connect_loopback (p->server_port);
      if (sfd < 0)
        {
          close (cfd);
          continue;
        }
      c = g_new0 (Conn, 1);
      c->proxy = p;
      c->cfd = cfd;
      c->sfd = sfd;
      g_mutex_lock (&p->lock);
      g_ptr_array_add (p->conns, g_thread_new ("proxy-conn", conn_thread, c));
      g_mutex_unlock (&p->lock);
    }
}

static Proxy *
proxy_new (guint server_port)
{
  Proxy *p = g_new0 (Proxy, 1);
  struct sockaddr_in addr = { 0 };
  socklen_t len = sizeof addr;

  p->server_port = server_port;
  p->conns = g_ptr_array_new ();
  g_mutex_init (&p->lock);
  g_assert_cmpint (pipe (p->wake), ==, 0);
  p->listen_fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (p->listen_fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (p->listen_fd, 64), ==, 0);
  g_assert_cmpint (getsockname (p->listen_fd, (struct sockaddr *) &addr, &len), ==, 0);
  p->port = ntohs (addr.sin_port);
  p->thread = g_thread_new ("proxy", accept_thread, p);
  return p;
}

static void
proxy_free (Proxy *p)
{
  g_assert_cmpint (write (p->wake[1], "x", 1), ==, 1);
  g_thread_join (p->thread);
  for (guint i = 0; i < p->conns->len; i++)
    g_thread_join (p->conns->pdata[i]);
  g_ptr_array_unref (p->conns);
  close (p->listen_fd);
  close (p->wake[0]);
  close (p->wake[1]);
  g_mutex_clear (&p->lock);
  g_free (p);
}

static void
proxy_set_mode (Proxy *p, FaultMode mode)
{
  g_atomic_int_set (&p->mode, mode);
}

/* A round through the fault fails as the desktop fails when the server cannot be read. */
static void
sync_fails (Desk *d)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (desk_sync (d, &error));
  g_assert_nonnull (error);
  if (!g_error_matches (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE)
      && !g_error_matches (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_BAD_ANSWER))
    g_error ("a round through the fault failed with %s", error->message);
  g_test_message ("  the round failed: %s", error->message);
}

static char *
server_hash (TestServer *ts)
{
  g_autoptr(PwServerDb) db = test_server_open_db (ts);

  return store_hash (pw_server_db_get_store (db));
}

static void
test_faults (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-proxy-XXXXXX", &error);
  g_autofree char *park = NULL, *via = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(Desk) a = NULL;
  g_autoptr(Desk) b = NULL;
  TestServer *ts;
  Proxy *p;
  gint64 baseline;
  guint32 seed = fault_seed ();
  sqlite3 *db;

  g_assert_no_error (error);
  rand = g_rand_new_with_seed (seed);
  ts = test_server_prepare (NULL);
  park = fault_seed_server (ts);
  test_server_run (ts);
  p = proxy_new (ts->port);
  via = g_strdup_printf ("https://127.0.0.1:%u", p->port);

  /* a syncs through the proxy, b straight to the server */
  a = desk_new (tmp, "a", ts->ca);
  desk_sign_in (a, via, "wang", "wang-password-1");
  desk_sync_ok (a);
  b = desk_new (tmp, "b", ts->ca);
  desk_sign_in (b, ts->base, "zhao", "zhao-password-333");
  desk_sync_ok (b);
  desk_take_spaces (a, 0, 2, 12);
  desk_take_spaces (b, 1, 2, 12);
  db = server_sqlite_open (ts->dir);
  baseline = server_cursor (db);
  sqlite3_close (db);

  for (FaultMode mode = FAULT_DROP; mode <= FAULT_TRUNCATE; mode++)
    {
      const char *client = pw_store_get_client_id (a->store);
      gint64 pending, last_mid, cursor;
      g_autofree char *h_server = NULL, *h_a = NULL;
      gint faults;

      g_test_message ("%s", fault_names[mode]);

      /* a push: the server commits, its answer is lost; more edits wait behind it */
      for (guint n = 0; n < 3; n++)
        g_free (desk_edit (a, rand, (guint) g_rand_int_range (rand, 1, 4), -1));
      pending = pw_sync_client_count_pending (a->store);
      g_assert_cmpint (pending, >, 0);
      faults = g_atomic_int_get (&p->faults);
      proxy_set_mode (p, mode);
      sync_fails (a);
      proxy_set_mode (p, FAULT_NONE);
      g_assert_cmpint (g_atomic_int_get (&p->faults), >, faults);
      g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, pending);
      db = server_sqlite_open (ts->dir);
      last_mid = sqlite_int (db, "SELECT last_mid FROM sync_client WHERE client_id = ?", client, 0);
      sqlite3_close (db);
      g_assert_cmpint (last_mid, ==, pw_store_get_next_mid (a->store) - 1);
      g_free (desk_edit (a, rand, 2, -1));

      /* without the fault the same push is answered from what the server kept, and the
       * new edits are applied */
      desk_sync_ok (a);
      g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, 0);
      g_assert_cmpint (desk_outbox_rows (a), ==, 0);

      /* a pull: the page is lost, the cursor stays */
      for (guint n = 0; n < 3; n++)
        g_free (desk_edit (b, rand, (guint) g_rand_int_range (rand, 1, 4), -1));
      desk_sync_ok (b);
      cursor = pw_sync_client_get_cursor (a->store);
      faults = g_atomic_int_get (&p->faults);
      proxy_set_mode (p, mode);
      sync_fails (a);
      proxy_set_mode (p, FAULT_NONE);
      g_assert_cmpint (g_atomic_int_get (&p->faults), >, faults);
      g_assert_cmpint (pw_sync_client_get_cursor (a->store), ==, cursor);
      desk_sync_ok (a);
      g_assert_cmpint (pw_sync_client_get_cursor (a->store), >, cursor);
      h_server = server_hash (ts);
      h_a = store_hash (a->store);
      g_assert_cmpstr (h_a, ==, h_server);

      /* a bootstrap (the whole park in large pages): the copy is made again after the
       * fault, and ends the same */
      g_assert_true (pw_sync_client_reset (a->store, &error));
      g_assert_no_error (error);
      g_assert_cmpint (pw_store_count (a->store, "space"), ==, 0);
      faults = g_atomic_int_get (&p->faults);
      proxy_set_mode (p, mode);
      sync_fails (a);
      proxy_set_mode (p, FAULT_NONE);
      g_assert_cmpint (g_atomic_int_get (&p->faults), >, faults);
      desk_sync_ok (a);
      g_clear_pointer (&h_a, g_free);
      h_a = store_hash (a->store);
      g_assert_cmpstr (h_a, ==, h_server);
    }

  /* a push cut short on its way (its body spans several records): the server applies
   * none of it, and the whole push goes again */
  {
    const char *client = pw_store_get_client_id (a->store);
    gint64 pending, last_mid;
    gint faults;

    g_test_message ("%s", fault_names[FAULT_CUT_REQUEST]);
    for (guint n = 0; n < 60; n++)
      g_free (desk_edit (a, rand, 3, -1));
    pending = pw_sync_client_count_pending (a->store);
    db = server_sqlite_open (ts->dir);
    last_mid = sqlite_int (db, "SELECT last_mid FROM sync_client WHERE client_id = ?", client, 0);
    sqlite3_close (db);
    faults = g_atomic_int_get (&p->faults);
    proxy_set_mode (p, FAULT_CUT_REQUEST);
    sync_fails (a);
    proxy_set_mode (p, FAULT_NONE);
    g_assert_cmpint (g_atomic_int_get (&p->faults), >, faults);
    g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, pending);
    db = server_sqlite_open (ts->dir);
    g_assert_cmpint (sqlite_int (db, "SELECT last_mid FROM sync_client WHERE client_id = ?",
                                 client, 0), ==, last_mid);
    sqlite3_close (db);
    desk_sync_ok (a);
    g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, 0);
  }

  /* nothing was applied twice; every replica holds the server's content */
  desk_sync_ok (b);
  g_assert_cmpint (desk_outbox_rows (a), ==, 0);
  g_assert_cmpint (desk_outbox_rows (b), ==, 0);
  g_assert_cmpint (pw_sync_service_get_conflicts (a->sync), ==, 0);
  db = server_sqlite_open (ts->dir);
  assert_integrity (db);
  assert_applied_once (db, a, baseline);
  assert_applied_once (db, b, baseline);
  sqlite3_close (db);
  {
    g_autofree char *h_server = server_hash (ts);
    g_autofree char *h_a = store_hash (a->store);
    g_autofree char *h_b = store_hash (b->store);

    g_assert_cmpstr (h_a, ==, h_server);
    g_assert_cmpstr (h_b, ==, h_server);
  }
  g_test_message ("%d exchanges spoiled", g_atomic_int_get (&p->faults));

  g_clear_pointer (&a, desk_free);
  g_clear_pointer (&b, desk_free);
  proxy_free (p);
  test_server_free (ts);
  rm_rf (tmp);
}

static void
set_space_name (Desk *d, const char *id, const char *name)
{
  g_autoptr(JsonObject) row = pw_store_get_row (d->store, "space", id, NULL);
  g_autoptr(PwMutation) m = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (row);
  m = pw_mutation_new_update ("space", id, json_object_get_int_member (row, "version"));
  pw_mutation_set_string (m, "name", name);
  g_assert_true (pw_store_apply (d->store, m, &error));
  g_assert_no_error (error);
}

/* The answer to a push that met a conflict is lost after the server recorded it: the
 * push sent again brings the conflict back from the server's stored result, with mine
 * and theirs, and keeping mine then reaches every copy. */
static void
test_lost_conflict (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-proxy-XXXXXX", &error);
  g_autofree char *park = NULL, *via = NULL, *id = NULL;
  g_autofree char *h_server = NULL, *h_a = NULL, *h_b = NULL;
  g_autoptr(Desk) a = NULL;
  g_autoptr(Desk) b = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) row = NULL;
  PwSyncConflict *c;
  TestServer *ts;
  Proxy *p;
  gint faults;

  g_assert_no_error (error);
  ts = test_server_prepare (NULL);
  park = fault_seed_server (ts);
  test_server_run (ts);
  p = proxy_new (ts->port);
  via = g_strdup_printf ("https://127.0.0.1:%u", p->port);
  a = desk_new (tmp, "a", ts->ca);
  desk_sign_in (a, via, "wang", "wang-password-1");
  desk_sync_ok (a);
  b = desk_new (tmp, "b", ts->ca);
  desk_sign_in (b, ts->base, "zhao", "zhao-password-333");
  desk_sync_ok (b);
  desk_take_spaces (a, 3, 7, 1);
  id = g_strdup (g_ptr_array_index (a->spaces, 0));

  /* the same field on both; b's reaches the server first */
  set_space_name (b, id, "Cold Store B");
  desk_sync_ok (b);
  set_space_name (a, id, "Cold Store A");
  faults = g_atomic_int_get (&p->faults);
  proxy_set_mode (p, FAULT_DROP);
  sync_fails (a);
  proxy_set_mode (p, FAULT_NONE);
  g_assert_cmpint (g_atomic_int_get (&p->faults), >, faults);
  g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, 1);
  g_assert_cmpuint (pw_sync_service_get_conflicts (a->sync), ==, 0);

  desk_sync_ok (a);
  g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, 0);
  g_assert_cmpuint (pw_sync_service_get_conflicts (a->sync), ==, 1);
  conflicts = pw_sync_client_list_conflicts (a->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (c->kind, ==, PW_SYNC_CONFLICT_CONFLICT);
  g_assert_cmpstr (c->entity_id, ==, id);
  g_assert_cmpstr (json_object_get_string_member (c->mine, "name"), ==, "Cold Store A");
  g_assert_nonnull (c->theirs);
  g_assert_cmpstr (json_object_get_string_member (c->theirs, "name"), ==, "Cold Store B");

  /* keeping mine, through the proxy: the answer to that push is lost too */
  g_assert_true (pw_sync_client_resolve (a->store, c->id, PW_SYNC_KEEP_MINE, NULL, &error));
  g_assert_no_error (error);
  proxy_set_mode (p, FAULT_DROP);
  sync_fails (a);
  proxy_set_mode (p, FAULT_NONE);
  desk_sync_ok (a);
  desk_sync_ok (b);
  g_assert_cmpuint (pw_sync_service_get_conflicts (a->sync), ==, 0);
  g_assert_cmpint (desk_outbox_rows (a), ==, 0);
  g_assert_cmpint (desk_outbox_rows (b), ==, 0);
  row = pw_store_get_row (b->store, "space", id, NULL);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Cold Store A");

  /* b's change and a's kept change, each once */
  {
    sqlite3 *db = server_sqlite_open (ts->dir);
    g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM sync_change WHERE entity_id = ?"
                                          " AND record ->> 'name' = ?2");
    sqlite3_stmt *stmt = NULL;

    assert_integrity (db);
    g_assert_cmpint (sqlite3_prepare_v2 (db, q, -1, &stmt, NULL), ==, SQLITE_OK);
    for (guint i = 0; i < 2; i++)
      {
        sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 2, i == 0 ? "Cold Store B" : "Cold Store A", -1, SQLITE_STATIC);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
        sqlite3_reset (stmt);
      }
    sqlite3_finalize (stmt);
    /* a's two mutations: the one in conflict, then the one keeping mine, applied */
    g_assert_cmpint (sqlite_int (db, "SELECT last_mid FROM sync_client WHERE client_id = ?",
                                 pw_store_get_client_id (a->store), 0), ==, 2);
    g_assert_cmpint (sqlite_int (db, "SELECT applied FROM sync_client WHERE client_id = ?",
                                 pw_store_get_client_id (a->store), 0), ==, 1);
    assert_results_run (db, pw_store_get_client_id (a->store));
    sqlite3_close (db);
  }
  h_server = server_hash (ts);
  h_a = store_hash (a->store);
  h_b = store_hash (b->store);
  g_assert_cmpstr (h_a, ==, h_server);
  g_assert_cmpstr (h_b, ==, h_server);

  g_clear_pointer (&a, desk_free);
  g_clear_pointer (&b, desk_free);
  proxy_free (p);
  test_server_free (ts);
  rm_rf (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fault-proxy/drop-reset-truncate", test_faults);
  g_test_add_func ("/fault-proxy/lost-conflict", test_lost_conflict);
  return g_test_run ();
}
