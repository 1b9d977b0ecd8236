/* test-sync-client.c — desktops syncing with a real parkwise-server on loopback
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each desktop is a PwStore with a PwSyncService, as the app has; the server runs in its
 * own thread with its own certificate. */
#include "config.h"

#include <math.h>

#include "net-util.h"
#include "pw-demo.h"
#include "pw-ledger.h"
#include "pw-room-ledger.h"
#include "pw-row.h"
#include "pw-server-db.h"
#include "pw-sync-service.h"

typedef struct
{
  TestServer *ts;
  char       *park_code;
  char       *fingerprint;
  char       *tmp;
  guint       n_desks;
} Fixture;

typedef struct
{
  PwStore       *store;
  PwSyncService *sync;
  char          *path;
} Desk;

static void
desk_free (Desk *d)
{
  g_clear_object (&d->sync);
  g_clear_object (&d->store);
  g_free (d->path);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

/* The server holds the demo park; wang and zhao manage its assets, li is a leasing agent. */
static void
fixture_set_up (Fixture *f, const char *const *settings)
{
  g_autoptr(GError) error = NULL;

  f->ts = test_server_prepare (settings);
  f->park_code = test_server_seed_demo (f->ts);
  test_server_add_grantee (f->ts, "wang", "wang-password-1", f->park_code, "asset_manager");
  test_server_add_grantee (f->ts, "li", "li-password-22", f->park_code, "leasing_agent");
  test_server_add_grantee (f->ts, "zhao", "zhao-password-333", f->park_code, "asset_manager");

  f->tmp = g_dir_make_tmp ("pw-desk-XXXXXX", &error);
  g_assert_no_error (error);
  test_server_run (f->ts);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_server_free (f->ts);
  rm_rf (f->tmp);
  g_free (f->tmp);
  g_free (f->park_code);
  g_free (f->fingerprint);
}

/* A new desktop database, empty (no demo park), trusting the server's certificate. */
static Desk *
desk_new (Fixture *f, gboolean trust_ca)
{
  Desk *d = g_new0 (Desk, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("desk-%u.db", ++f->n_desks);

  d->path = g_build_filename (f->tmp, name, NULL);
  d->store = pw_store_open (d->path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (d->store);
  d->sync = pw_sync_service_new (d->store, FALSE);
  if (trust_ca)
    {
      g_assert_true (pw_sync_service_set_ca_file (d->sync, f->ts->ca, &error));
      g_assert_no_error (error);
    }
  return d;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
sign_in_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_sign_in_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static void
sync_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_sync_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static void
sign_out_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_sign_out_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static void
wait_for (Wait *w)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
sign_in (Desk *d, Fixture *f, const char *user, const char *password, GError **error)
{
  Wait w = { 0 };

  pw_sync_service_sign_in_async (d->sync, f->ts->base, user, password, NULL, sign_in_done_cb,
                                 &w);
  wait_for (&w);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

typedef struct
{
  gboolean          done;
  gboolean          ok;
  GError           *error;
  PwSyncJoinCounts  counts;
} Connect;

static void
connect_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Connect *c = data;

  c->ok = pw_sync_service_connect_finish (PW_SYNC_SERVICE (source), result, &c->counts,
                                          &c->error);
  c->done = TRUE;
}

static gboolean
connect_to (Desk *d, const char *address, const char *user, const char *password,
            PwSyncJoinCounts *counts, GError **error)
{
  Connect c = { 0 };

  pw_sync_service_connect_async (d->sync, address, user, password, NULL, connect_done_cb, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  if (c.error != NULL)
    g_propagate_error (error, c.error);
  if (counts != NULL)
    *counts = c.counts;
  return c.ok;
}

static void
join_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_join_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static void
join_ok (Desk *d, PwSyncJoin how)
{
  Wait w = { 0 };

  pw_sync_service_join_async (d->sync, how, NULL, join_done_cb, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
}

/* An address on loopback where nothing listens. */
static char *
closed_address (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return g_strdup_printf ("https://127.0.0.1:%u", port);
}

/* The parks and records of every synced kind in @store. */
static void
count_records (PwStore *store, gint64 *parks, gint64 *records)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_sync_client_count_records (store, parks, records, &error));
  g_assert_no_error (error);
}

static gboolean
sign_in_to (Desk *d, const char *address, const char *user, const char *password, GError **error)
{
  Wait w = { 0 };

  pw_sync_service_sign_in_async (d->sync, address, user, password, NULL, sign_in_done_cb, &w);
  wait_for (&w);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

/* One round, waited for; then whatever round the sign-in started has also ended. */
static gboolean
sync_now (Desk *d, GError **error)
{
  Wait w = { 0 };

  pw_sync_service_sync_async (d->sync, NULL, sync_done_cb, &w);
  wait_for (&w);
  while (pw_sync_service_get_state (d->sync) == PW_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

static void
sync_ok (Desk *d)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_now (d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_sync_service_get_state (d->sync), ==, PW_SYNC_STATE_SYNCED);
}

static char *
server_hash (Fixture *f)
{
  g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
  g_autoptr(GError) error = NULL;
  char *hash = pw_sync_content_hash (pw_server_db_get_store (db), &error);

  g_assert_no_error (error);
  return hash;
}

static char *
desk_hash (Desk *d)
{
  g_autoptr(GError) error = NULL;
  char *hash = pw_sync_content_hash (d->store, &error);

  g_assert_no_error (error);
  return hash;
}

static char *
space_id (PwStore *store, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT id FROM space WHERE code = ?",
                                                   NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
any_space_code (PwStore *store, int nth)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT code FROM space ORDER BY code"
                                                          " LIMIT 1 OFFSET ?", NULL);

  sqlite3_bind_int (stmt, 1, nth);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
set_space_field (PwStore *store, const char *code, const char *field, const char *value)
{
  g_autofree char *id = space_id (store, code);
  g_autoptr(JsonObject) row = pw_store_get_row (store, "space", id, NULL);
  g_autoptr(PwMutation) m = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (row);
  m = pw_mutation_new_update ("space", id, json_object_get_int_member (row, "version"));
  pw_mutation_set_string (m, field, value);
  g_assert_true (pw_store_apply (store, m, &error));
  g_assert_no_error (error);
}

static char *
space_field (PwStore *store, const char *code, const char *field)
{
  g_autofree char *id = space_id (store, code);
  g_autoptr(JsonObject) row = pw_store_get_row (store, "space", id, NULL);

  return g_strdup (pw_row_string (row, field));
}

/* Signing in brings the park down; edits on two desktops to different fields of one
 * space merge; edits to the same field conflict, and keeping mine wins on every copy. */
static void
test_two_desks (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(Desk) b = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *h_server = NULL, *h_a = NULL, *h_b = NULL;
  g_autofree char *name = NULL, *notes = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  PwSyncConflict *c;

  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_true (sign_in (a, f, "wang", "wang-password-1", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pw_sync_service_get_user (a->sync), ==, "wang");
  g_assert_cmpstr (pw_sync_service_get_server (a->sync), ==, f->ts->base);
  sync_ok (a);
  g_assert_true (sign_in (b, f, "zhao", "zhao-password-333", &error));
  sync_ok (b);

  g_assert_cmpint (pw_store_count (a->store, "park"), ==, 1);
  g_assert_cmpint (pw_store_count (a->store, "space"), >, 10);
  h_server = server_hash (f);
  h_a = desk_hash (a);
  h_b = desk_hash (b);
  g_assert_cmpstr (h_a, ==, h_server);
  g_assert_cmpstr (h_b, ==, h_server);

  /* different fields of one space, offline on both */
  code = any_space_code (a->store, 3);
  set_space_field (a->store, code, "name", "North Lab");
  set_space_field (b->store, code, "notes", "Keys at the front desk");
  sync_ok (a);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpint (pw_sync_service_get_conflicts (a->sync), ==, 0);
  g_assert_cmpint (pw_sync_service_get_conflicts (b->sync), ==, 0);
  g_assert_cmpint (pw_sync_service_get_pending (b->sync), ==, 0);
  name = space_field (b->store, code, "name");
  notes = space_field (a->store, code, "notes");
  g_assert_cmpstr (name, ==, "North Lab");
  g_assert_cmpstr (notes, ==, "Keys at the front desk");
  g_free (h_server), g_free (h_a), g_free (h_b);
  h_server = server_hash (f);
  h_a = desk_hash (a);
  h_b = desk_hash (b);
  g_assert_cmpstr (h_a, ==, h_server);
  g_assert_cmpstr (h_b, ==, h_server);

  /* the same field on both: the second to push gets a conflict, with mine and theirs
   * (notes take the last write; names do not) */
  set_space_field (a->store, code, "name", "North Lab West");
  set_space_field (b->store, code, "name", "North Lab East");
  sync_ok (a);
  sync_ok (b);
  g_assert_cmpuint (pw_sync_service_get_conflicts (b->sync), ==, 1);
  conflicts = pw_sync_client_list_conflicts (b->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (c->kind, ==, PW_SYNC_CONFLICT_CONFLICT);
  g_assert_cmpstr (c->entity, ==, "space");
  g_assert_cmpstr (json_object_get_string_member (c->mine, "name"), ==, "North Lab East");
  g_assert_nonnull (c->theirs);
  g_assert_cmpstr (json_object_get_string_member (c->theirs, "name"), ==, "North Lab West");

  g_assert_true (pw_sync_client_resolve (b->store, c->id, PW_SYNC_KEEP_MINE, NULL, &error));
  g_assert_no_error (error);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpuint (pw_sync_service_get_conflicts (b->sync), ==, 0);
  g_free (name);
  name = space_field (a->store, code, "name");
  g_assert_cmpstr (name, ==, "North Lab East");
  g_free (h_server), g_free (h_a), g_free (h_b);
  h_server = server_hash (f);
  h_a = desk_hash (a);
  h_b = desk_hash (b);
  g_assert_cmpstr (h_a, ==, h_server);
  g_assert_cmpstr (h_b, ==, h_server);
}

/* A leasing agent may not change a space's areas: the server refuses, the desktop keeps
 * the refusal with its reason until the user discards it, and then holds the server's. */
static void
test_rejected (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) b = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *code = NULL, *id = NULL, *h_server = NULL, *h_b = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(PwMutation) m = NULL;
  gint64 area;
  PwSyncConflict *c;

  g_assert_true (sign_in (b, f, "li", "li-password-22", &error));
  sync_ok (b);
  code = any_space_code (b->store, 1);
  id = space_id (b->store, code);
  row = pw_store_get_row (b->store, "space", id, NULL);
  area = json_object_get_int_member (row, "gross_area");
  m = pw_mutation_new_update ("space", id, json_object_get_int_member (row, "version"));
  pw_mutation_set_int (m, "gross_area", area + 100);
  g_assert_true (pw_store_apply (b->store, m, &error));
  sync_ok (b);

  g_assert_cmpuint (pw_sync_service_get_conflicts (b->sync), ==, 1);
  conflicts = pw_sync_client_list_conflicts (b->store, &error);
  c = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (c->kind, ==, PW_SYNC_CONFLICT_REJECTED);
  g_assert_nonnull (c->message);
  g_assert_cmpuint (strlen (c->message), >, 0);
  g_assert_true (pw_sync_client_discard (b->store, c->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&row, json_object_unref);
  row = pw_store_get_row (b->store, "space", id, NULL);
  g_assert_cmpint (json_object_get_int_member (row, "gross_area"), ==, area);
  sync_ok (b);
  g_assert_cmpuint (pw_sync_service_get_conflicts (b->sync), ==, 0);
  g_assert_cmpint (pw_sync_service_get_pending (b->sync), ==, 0);
  h_server = server_hash (f);
  h_b = desk_hash (b);
  g_assert_cmpstr (h_b, ==, h_server);
}

/* Wrong passwords, addresses that are not https, a server that is not there, and a
 * certificate nobody vouches for until its fingerprint is pinned. */
static void
test_sign_in_failures (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(Desk) c = desk_new (f, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = NULL;
  g_autofree char *fingerprint = NULL;

  g_assert_false (sign_in (a, f, "wang", "not-the-password", &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_REFUSED);
  /* where: the address that refused */
  g_assert_nonnull (strstr (error->message, f->ts->base));
  g_clear_error (&error);
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_null (pw_sync_service_get_server (a->sync));

  {
    Wait w = { 0 };
    pw_sync_service_sign_in_async (a->sync, "http://127.0.0.1:1", "wang", "x", NULL,
                                   sign_in_done_cb, &w);
    wait_for (&w);
    g_assert_error (w.error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_ADDRESS);
    g_clear_error (&w.error);
  }

  /* a port nobody listens on: the server cannot be reached, and nothing changed */
  closed = closed_address ();
  {
    Wait w = { 0 };
    pw_sync_service_sign_in_async (a->sync, closed, "wang", "wang-password-1", NULL,
                                   sign_in_done_cb, &w);
    wait_for (&w);
    g_assert_error (w.error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE);
    g_assert_nonnull (strstr (w.error->message, closed));
    g_assert_nonnull (strstr (w.error->message, "refused"));
    g_clear_error (&w.error);
    g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
    g_assert_null (pw_sync_service_get_server (a->sync));
  }

  /* no CA given: the trial certificate is untrusted until its fingerprint is pinned */
  g_assert_false (sign_in (c, f, "wang", "wang-password-1", &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_UNTRUSTED);
  g_assert_nonnull (strstr (error->message, f->ts->base));
  g_clear_error (&error);
  /* a question for the user, not a state: the database still works alone */
  g_assert_cmpint (pw_sync_service_get_state (c->sync), ==, PW_SYNC_STATE_OFF);
  fingerprint = g_strdup (pw_sync_service_get_untrusted_fingerprint (c->sync));
  g_assert_nonnull (fingerprint);
  g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);
  /* pinning another fingerprint does not help */
  pw_sync_service_trust_certificate (c->sync, "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
                                              "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF");
  g_assert_false (sign_in (c, f, "wang", "wang-password-1", &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_UNTRUSTED);
  g_clear_error (&error);
  pw_sync_service_trust_certificate (c->sync, fingerprint);
  g_assert_true (sign_in (c, f, "wang", "wang-password-1", &error));
  g_assert_no_error (error);
  sync_ok (c);
  g_assert_cmpint (pw_store_count (c->store, "park"), ==, 1);
}

/* Accepts connections on loopback and answers in plain text, not TLS. */
static gboolean
plain_answer_cb (GSocketService *service, GSocketConnection *conn, GObject *source,
                 gpointer data)
{
  static const char reply[] = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n";

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), reply,
                             sizeof reply - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
  return TRUE;
}

/* The demo's database signs in to a server that is not there (nothing listens; a port
 * that speaks no TLS): each error says what failed and where, and the database is as
 * it was: working alone, no server or user remembered, nothing pending. */
static void
test_unreachable (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketService) plain = g_socket_service_new ();
  g_autofree char *closed = closed_address ();
  g_autofree char *plain_address = NULL;
  g_autofree char *path = NULL;
  gint64 parks, records, parks_after, records_after, outbox;
  guint16 port;

  g_assert_true (pw_demo_seed (a->store, &error));
  g_assert_no_error (error);
  count_records (a->store, &parks, &records);
  outbox = pw_sync_client_count_pending (a->store);
  g_assert_cmpint (outbox, >, 1000);
  pw_sync_service_start (a->sync);
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  /* the demo's records wait for no server */
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);

  g_assert_false (connect_to (a, closed, "wang", "wang-password-1", NULL, &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, closed));
  g_assert_nonnull (strstr (error->message, "refused"));
  g_clear_error (&error);
  g_assert_false (pw_sync_service_is_joining (a->sync));
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_null (pw_sync_service_get_server (a->sync));
  g_assert_null (pw_sync_service_get_user (a->sync));
  g_assert_null (pw_sync_service_get_message (a->sync));
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);

  /* a port that answers in plain text: no secure connection, said as such */
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (plain), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (plain, "incoming", G_CALLBACK (plain_answer_cb), NULL);
  g_socket_service_start (plain);
  plain_address = g_strdup_printf ("https://127.0.0.1:%u", port);
  g_assert_false (sign_in_to (a, plain_address, "wang", "wang-password-1", &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_OFFLINE);
  g_assert_nonnull (strstr (error->message, plain_address));
  g_assert_nonnull (strstr (error->message, "secure connection"));
  g_clear_error (&error);
  g_socket_service_stop (plain);
  g_socket_listener_close (G_SOCKET_LISTENER (plain));
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_null (pw_sync_service_get_server (a->sync));
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);

  /* nothing was remembered: opened again, the database still works alone */
  path = g_strdup (a->path);
  g_clear_object (&a->sync);
  g_clear_object (&a->store);
  a->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (a->store);
  a->sync = pw_sync_service_new (a->store, FALSE);
  pw_sync_service_start (a->sync);
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_null (pw_sync_service_get_server (a->sync));
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);
  count_records (a->store, &parks_after, &records_after);
  g_assert_cmpint (parks_after, ==, parks);
  g_assert_cmpint (records_after, ==, records);
  g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, outbox);
}

/* The demo's database signs in to a server with a park of its own: the question comes
 * only once the server has answered, with both sides counted; until the user chooses,
 * nothing changes. Cancelling leaves it alone; replacing takes the server's copy, and
 * the same server is not asked about again. */
static void
test_join_counts (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *h_server = NULL, *h_a = NULL;
  PwSyncJoinCounts counts;
  gint64 parks, records, server_parks, server_records, parks_after, records_after;

  g_assert_true (pw_demo_seed (a->store, &error));
  g_assert_no_error (error);
  count_records (a->store, &parks, &records);
  g_assert_cmpint (parks, ==, 1);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    count_records (pw_server_db_get_store (db), &server_parks, &server_records);
  }
  pw_sync_service_start (a->sync);

  g_assert_true (connect_to (a, f->ts->base, "wang", "wang-password-1", &counts, &error));
  g_assert_no_error (error);
  g_assert_true (counts.ask);
  g_assert_cmpint (counts.local_parks, ==, parks);
  g_assert_cmpint (counts.local_records, ==, records);
  /* wang's grant is the server's one park: he sees all of it */
  g_assert_cmpint (counts.server_parks, ==, server_parks);
  g_assert_cmpint (counts.server_records, ==, server_records);
  g_assert_cmpint (counts.server_records, >, counts.server_parks);
  /* signed in, not joined: nothing changed yet */
  g_assert_true (pw_sync_service_is_joining (a->sync));
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  g_assert_null (pw_sync_service_get_server (a->sync));
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);

  pw_sync_service_cancel_join (a->sync);
  g_assert_false (pw_sync_service_is_joining (a->sync));
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_OFF);
  count_records (a->store, &parks_after, &records_after);
  g_assert_cmpint (records_after, ==, records);
  /* nothing held, nothing to join */
  {
    Wait w = { 0 };
    pw_sync_service_join_async (a->sync, PW_SYNC_JOIN_UPLOAD, NULL, join_done_cb, &w);
    wait_for (&w);
    g_assert_error (w.error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_SIGNED_OUT);
    g_clear_error (&w.error);
  }

  g_assert_true (connect_to (a, f->ts->base, "wang", "wang-password-1", &counts, &error));
  g_assert_no_error (error);
  g_assert_true (counts.ask);
  join_ok (a, PW_SYNC_JOIN_REPLACE);
  g_assert_cmpstr (pw_sync_service_get_server (a->sync), ==, f->ts->base);
  sync_ok (a);
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);
  h_server = server_hash (f);
  h_a = desk_hash (a);
  g_assert_cmpstr (h_a, ==, h_server);

  /* the database is now that server's: signing in again asks nothing */
  g_assert_true (connect_to (a, f->ts->base, "wang", "wang-password-1", &counts, &error));
  g_assert_no_error (error);
  g_assert_false (counts.ask);
  join_ok (a, PW_SYNC_JOIN_UPLOAD);
  sync_ok (a);
}

/* A database with a small park of its own, and a server administrator who sees every
 * park: uploading adds the desk's park to the server's, and brings the server's down. */
static void
test_join_upload (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) park = pw_mutation_new_insert ("park", NULL);
  g_autoptr(PwMutation) building = pw_mutation_new_insert ("building", NULL);
  PwSyncJoinCounts counts;
  gint64 server_parks, server_records, parks, records;

  pw_mutation_set_string (park, "code", "TP");
  pw_mutation_set_string (park, "name", "Test Park");
  pw_mutation_set_string (park, "code_pattern", "{building}-{floor}-{seq:3}");
  pw_mutation_set_string (park, "currency", "CNY");
  g_assert_true (pw_store_apply (a->store, park, &error));
  g_assert_no_error (error);
  pw_mutation_set_string (building, "park_id", pw_mutation_get_id (park));
  pw_mutation_set_string (building, "code", "B1");
  pw_mutation_set_string (building, "name", "Building 1");
  pw_mutation_set_string (building, "kind", "office");
  g_assert_true (pw_store_apply (a->store, building, &error));
  g_assert_no_error (error);
  test_server_add_user (f->ts, "root", "root-password-4444", TRUE);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    count_records (pw_server_db_get_store (db), &server_parks, &server_records);
  }

  g_assert_true (connect_to (a, f->ts->base, "root", "root-password-4444", &counts, &error));
  g_assert_no_error (error);
  g_assert_true (counts.ask);
  g_assert_cmpint (counts.local_parks, ==, 1);
  g_assert_cmpint (counts.local_records, ==, 2);
  /* an administrator holds no grants, but the bootstrap counts every park */
  g_assert_cmpint (counts.server_parks, ==, server_parks);
  g_assert_cmpint (counts.server_records, ==, server_records);
  join_ok (a, PW_SYNC_JOIN_UPLOAD);
  sync_ok (a);
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    count_records (pw_server_db_get_store (db), &parks, &records);
  }
  g_assert_cmpint (parks, ==, server_parks + 1);
  g_assert_cmpint (records, ==, server_records + 2);
  count_records (a->store, &parks, &records);
  g_assert_cmpint (parks, ==, server_parks + 1);
  g_assert_cmpint (records, ==, server_records + 2);
}

/* Changes made while the server is away wait in the outbox, survive closing the
 * database, and reach the server after the next sign-in; signing out drops the session. */
static void
test_outbox_survives (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL, *path = NULL, *h_server = NULL, *h_a = NULL, *name = NULL;
  Wait w = { 0 };

  g_assert_true (sign_in (a, f, "wang", "wang-password-1", &error));
  sync_ok (a);
  code = any_space_code (a->store, 5);
  set_space_field (a->store, code, "name", "Clean Room");
  set_space_field (a->store, code, "notes", "ISO 7");

  /* closed without syncing, as after a crash */
  path = g_strdup (a->path);
  g_clear_object (&a->sync);
  g_clear_object (&a->store);
  a->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (a->store);
  a->sync = pw_sync_service_new (a->store, FALSE);
  g_assert_true (pw_sync_service_set_ca_file (a->sync, f->ts->ca, &error));
  pw_sync_service_start (a->sync);
  /* the token was in memory only: the address and user are remembered, not the session */
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_SIGNED_OUT);
  g_assert_cmpstr (pw_sync_service_get_server (a->sync), ==, f->ts->base);
  g_assert_cmpstr (pw_sync_service_get_user (a->sync), ==, "wang");
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 2);
  g_assert_false (sync_now (a, &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_SIGNED_OUT);
  g_clear_error (&error);

  g_assert_true (sign_in (a, f, "wang", "wang-password-1", &error));
  sync_ok (a);
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 0);
  h_server = server_hash (f);
  h_a = desk_hash (a);
  g_assert_cmpstr (h_a, ==, h_server);
  {
    g_autoptr(PwServerDb) db = test_server_open_db (f->ts);
    name = space_field (pw_server_db_get_store (db), code, "name");
    g_assert_cmpstr (name, ==, "Clean Room");
  }

  pw_sync_service_sign_out_async (a->sync, NULL, sign_out_done_cb, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_SIGNED_OUT);
  g_assert_false (sync_now (a, &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_SIGNED_OUT);
}

/* A desktop that held the demo park and chose to start from the server's copy holds only
 * what the server gives it, and pushes none of its own records. */
static void
test_reset_then_join (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *h_server = NULL, *h_a = NULL;

  g_assert_true (pw_demo_seed (a->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_sync_client_count_pending (a->store), >, 0);
  g_assert_true (pw_sync_client_reset (a->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_sync_client_count_pending (a->store), ==, 0);
  g_assert_cmpint (pw_store_count (a->store, "park"), ==, 0);
  g_assert_true (sign_in (a, f, "wang", "wang-password-1", &error));
  sync_ok (a);
  h_server = server_hash (f);
  h_a = desk_hash (a);
  g_assert_cmpstr (h_a, ==, h_server);
}

/* The session expires on the server: the desktop says it is signed out and keeps its
 * changes for after the next sign-in. */
static void
test_expired_session (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  g_assert_true (sign_in (a, f, "wang", "wang-password-1", &error));
  sync_ok (a);
  code = any_space_code (a->store, 2);
  set_space_field (a->store, code, "notes", "Painted");
  g_usleep (2200 * 1000);  /* idle expiry is 2 s in this fixture */
  g_assert_false (sync_now (a, &error));
  g_assert_error (error, PW_SYNC_SERVICE_ERROR, PW_SYNC_SERVICE_ERROR_SIGNED_OUT);
  g_clear_error (&error);
  g_assert_cmpint (pw_sync_service_get_state (a->sync), ==, PW_SYNC_STATE_SIGNED_OUT);
  g_assert_nonnull (pw_sync_service_get_message (a->sync));
  g_assert_cmpint (pw_sync_service_get_pending (a->sync), ==, 1);
}

/* Five desktops edit one park offline, then sync in turn: different records all land,
 * notes take the last write, and the one name two desktops changed is the expected
 * single conflict; once it is settled every copy equals the server's. */
static void
test_five_desks (Fixture *f, gconstpointer data)
{
  Desk *desks[5];
  g_autoptr(GError) error = NULL;
  g_autofree char *shared = NULL, *contested = NULL, *h_server = NULL;
  char *codes[5];

  for (guint i = 0; i < 5; i++)
    {
      desks[i] = desk_new (f, TRUE);
      if (i % 2 == 0)
        g_assert_true (sign_in (desks[i], f, "wang", "wang-password-1", &error));
      else
        g_assert_true (sign_in (desks[i], f, "zhao", "zhao-password-333", &error));
      g_assert_no_error (error);
      sync_ok (desks[i]);
    }

  /* offline: each its own space, all the same notes, and two the same name */
  shared = any_space_code (desks[0]->store, 7);
  contested = any_space_code (desks[0]->store, 8);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Suite %u", i);
      g_autofree char *notes = g_strdup_printf ("Inspected by desk %u", i);

      codes[i] = any_space_code (desks[i]->store, 10 + (int) i);
      set_space_field (desks[i]->store, codes[i], "name", name);
      set_space_field (desks[i]->store, shared, "notes", notes);
    }
  set_space_field (desks[0]->store, contested, "name", "Meeting Room A");
  set_space_field (desks[1]->store, contested, "name", "Meeting Room B");

  for (guint i = 0; i < 5; i++)
    sync_ok (desks[i]);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (pw_sync_service_get_conflicts (desks[i]->sync), ==, i == 1 ? 1 : 0);
  {
    g_autoptr(GPtrArray) conflicts = pw_sync_client_list_conflicts (desks[1]->store, &error);
    PwSyncConflict *c = g_ptr_array_index (conflicts, 0);

    g_assert_cmpint (c->kind, ==, PW_SYNC_CONFLICT_CONFLICT);
    g_assert_cmpstr (json_object_get_string_member (c->theirs, "name"), ==, "Meeting Room A");
    g_assert_true (pw_sync_client_resolve (desks[1]->store, c->id, PW_SYNC_KEEP_THEIRS, NULL,
                                           &error));
    g_assert_no_error (error);
  }
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < 5; i++)
      sync_ok (desks[i]);

  h_server = server_hash (f);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *h = desk_hash (desks[i]);
      g_autofree char *notes = space_field (desks[i]->store, shared, "notes");
      g_autofree char *name = space_field (desks[i]->store, contested, "name");

      g_assert_cmpstr (h, ==, h_server);
      g_assert_cmpuint (pw_sync_service_get_conflicts (desks[i]->sync), ==, 0);
      g_assert_cmpint (pw_sync_service_get_pending (desks[i]->sync), ==, 0);
      g_assert_cmpstr (notes, ==, "Inspected by desk 4");
      g_assert_cmpstr (name, ==, "Meeting Room A");
      for (guint k = 0; k < 5; k++)
        {
          g_autofree char *own = space_field (desks[i]->store, codes[k], "name");
          g_autofree char *want = g_strdup_printf ("Suite %u", k);
          g_assert_cmpstr (own, ==, want);
        }
    }
  for (guint i = 0; i < 5; i++)
    {
      g_free (codes[i]);
      desk_free (desks[i]);
    }
}

/* The code of an available room whose outline is a rectangle with sides of
 * at least 3 m, and its bounds. */
static char *
rectangular_room (PwStore *store, double *x0, double *y0, double *x1, double *y1)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT code, outline FROM space WHERE outline IS NOT NULL AND status = 'available'"
    " AND kind <> 'common_area' ORDER BY code", NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(PwPolygon) p = pw_polygon_new_from_json ((const char *) sqlite3_column_text (stmt, 1), NULL);
      guint n = 0;

      if (p == NULL || pw_polygon_get_n_holes (p) > 0)
        continue;
      pw_polygon_get_outer (p, &n);
      pw_polygon_bounds (p, x0, y0, x1, y1);
      if (n == 4 && *x1 - *x0 >= 3 && *y1 - *y0 >= 3
          && fabs (pw_polygon_area (p) - (*x1 - *x0) * (*y1 - *y0)) < 0.01)
        return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  return NULL;
}

static void
reshape (Desk *d, const char *code, double x0, double y0, double x1, double y1)
{
  g_autofree char *id = space_id (d->store, code);
  g_autoptr(PwPolygon) outline = pw_polygon_new_rect (x0, y0, x1 - x0, y1 - y0);
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_room_ledger_reshape (d->store, id, outline, &error));
  g_assert_no_error (error);
}

/* Two desktops redraw the same room offline: the second to sync gets a
 * conflict with both outlines (and its history row refused with it); keeping
 * theirs leaves every copy the same. */
static void
test_room_outline_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(Desk) a = desk_new (f, TRUE);
  g_autoptr(Desk) b = desk_new (f, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *code = NULL, *h_server = NULL, *h_a = NULL, *h_b = NULL;
  g_autofree char *outline_a = NULL, *outline_b = NULL;
  double x0, y0, x1, y1;
  PwSyncConflict *c, *event;

  g_assert_true (sign_in (a, f, "wang", "wang-password-1", &error));
  sync_ok (a);
  g_assert_true (sign_in (b, f, "zhao", "zhao-password-333", &error));
  sync_ok (b);
  g_assert_no_error (error);
  code = rectangular_room (a->store, &x0, &y0, &x1, &y1);
  g_assert_nonnull (code);

  /* offline: one moves the east wall in, the other the south wall */
  reshape (a, code, x0, y0, x1 - 0.5, y1);
  reshape (b, code, x0, y0, x1, y1 - 0.75);
  sync_ok (a);
  sync_ok (b);
  /* the room, in conflict, and its history row, refused with it (one group) */
  g_assert_cmpuint (pw_sync_service_get_conflicts (b->sync), ==, 2);
  conflicts = pw_sync_client_list_conflicts (b->store, &error);
  g_assert_no_error (error);
  c = g_ptr_array_index (conflicts, 0);
  event = g_ptr_array_index (conflicts, 1);
  g_assert_cmpint (c->kind, ==, PW_SYNC_CONFLICT_CONFLICT);
  g_assert_cmpstr (c->entity, ==, "space");
  g_assert_true (c->fields != NULL && g_strv_contains ((const char *const *) c->fields, "outline"));
  outline_a = space_field (a->store, code, "outline");
  outline_b = space_field (b->store, code, "outline");
  g_assert_cmpstr (pw_row_string (c->theirs, "outline"), ==, outline_a);
  g_assert_cmpstr (pw_row_string (c->mine, "outline"), ==, outline_b);
  g_assert_cmpstr (event->entity, ==, "lifecycle_event");
  g_assert_cmpint (event->kind, ==, PW_SYNC_CONFLICT_REJECTED);
  g_assert_cmpstr (event->reason, ==, "group");

  /* keep theirs, and drop the history of the outline not kept */
  g_assert_true (pw_sync_client_resolve (b->store, c->id, PW_SYNC_KEEP_THEIRS, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pw_sync_client_discard (b->store, event->id, &error));
  g_assert_no_error (error);
  sync_ok (b);
  sync_ok (a);
  g_assert_cmpuint (pw_sync_service_get_conflicts (b->sync), ==, 0);
  g_assert_cmpint (pw_sync_service_get_pending (b->sync), ==, 0);
  g_free (outline_b);
  outline_b = space_field (b->store, code, "outline");
  g_assert_cmpstr (outline_b, ==, outline_a);
  h_server = server_hash (f);
  h_a = desk_hash (a);
  h_b = desk_hash (b);
  g_assert_cmpstr (h_a, ==, h_server);
  g_assert_cmpstr (h_b, ==, h_server);
}

static void
set_up (Fixture *f, gconstpointer data)
{
  fixture_set_up (f, data);
}

int
main (int argc, char *argv[])
{
  static const char *const normal[] = { NULL };
  static const char *const short_idle[] = { "limits.session_idle=2", NULL };

  g_test_init (&argc, &argv, NULL);
#define ADD(name, settings, func) \
  g_test_add (name, Fixture, settings, set_up, func, fixture_tear_down)
  ADD ("/sync-client/two-desks", normal, test_two_desks);
  ADD ("/sync-client/five-desks", normal, test_five_desks);
  ADD ("/sync-client/room-outline-conflict", normal, test_room_outline_conflict);
  ADD ("/sync-client/rejected", normal, test_rejected);
  ADD ("/sync-client/sign-in-failures", normal, test_sign_in_failures);
  ADD ("/sync-client/unreachable", normal, test_unreachable);
  ADD ("/sync-client/join-counts", normal, test_join_counts);
  ADD ("/sync-client/join-upload", normal, test_join_upload);
  ADD ("/sync-client/outbox-survives", normal, test_outbox_survives);
  ADD ("/sync-client/reset-then-join", normal, test_reset_then_join);
  ADD ("/sync-client/expired-session", short_idle, test_expired_session);
  return g_test_run ();
}
