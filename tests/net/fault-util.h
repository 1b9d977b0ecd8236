/* fault-util.h — desktops, edits and checks shared by the fault-tolerance tests
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A desktop is a PwStore with a PwSyncService, as the app has. Edits change the notes of
 * spaces a desktop owns alone (no conflicts), each to a value never used before, and are
 * counted per space so that the server's versions and change log tell whether any
 * mutation was lost or applied twice. */
#pragma once

#include <errno.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net-util.h"
#include "pw-demo.h"
#include "pw-ledger.h"
#include "pw-row.h"
#include "pw-server-db.h"
#include "pw-sync-service.h"

/* A seed from PW_SEED, or a fresh one; printed so that a failure can be replayed. */
static inline guint32
fault_seed (void)
{
  const char *env = g_getenv ("PW_SEED");
  guint32 seed = env ? (guint32) g_ascii_strtoull (env, NULL, 10) : g_random_int ();

  g_test_message ("seed %u (replay with PW_SEED=%u)", seed, seed);
  return seed;
}

/* For g_subprocess_launcher_set_child_setup(): the child dies with the test, should the
 * test fail before it kills the child itself. */
static inline void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* A loopback port nobody listens on now, for a server started as a separate process. */
static inline guint
free_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

/* How many kills or rounds: PW_KILLS, or @ci_default. */
static inline guint
fault_count (guint ci_default)
{
  const char *env = g_getenv ("PW_KILLS");

  return env ? (guint) g_ascii_strtoull (env, NULL, 10) : ci_default;
}

/* Seeds the demo park in a prepared server directory; wang and zhao manage its assets.
 * Returns the park's code. */
static inline char *
fault_seed_server (TestServer *ts)
{
  char *park = test_server_seed_demo (ts);

  test_server_add_grantee (ts, "wang", "wang-password-1", park, "asset_manager");
  test_server_add_grantee (ts, "zhao", "zhao-password-333", park, "asset_manager");
  return park;
}

/* ---- desktops ------------------------------------------------------------------------- */

typedef struct
{
  PwStore       *store;
  PwSyncService *sync;
  char          *path;
  char          *ca;
  GPtrArray     *spaces;   /* ids of the spaces this desktop edits */
  GHashTable    *edits;    /* space id → number of updates made here (GINT_TO_POINTER) */
  GHashTable    *first;    /* space id → its version when this desktop began editing */
  GPtrArray     *customers; /* ids of the customers this desktop added and not removed */
  gboolean       names;     /* edits change names as well as notes (names conflict), and
                             * remove no customers (an addition may be refused) */
  guint          counter;
  char          *tag;
} Desk;

static inline void
desk_close (Desk *d)
{
  g_clear_object (&d->sync);
  g_clear_object (&d->store);
}

static inline void
desk_open (Desk *d)
{
  g_autoptr(GError) error = NULL;

  d->store = pw_store_open (d->path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (d->store);
  d->sync = pw_sync_service_new (d->store, FALSE);
  g_assert_true (pw_sync_service_set_ca_file (d->sync, d->ca, &error));
  g_assert_no_error (error);
}

/* A desktop database at @path (created when missing); @tag starts its edits' values. */
static inline Desk *
desk_new_at (const char *path, const char *tag, const char *ca)
{
  Desk *d = g_new0 (Desk, 1);

  d->path = g_strdup (path);
  d->ca = g_strdup (ca);
  d->tag = g_strdup (tag);
  d->spaces = g_ptr_array_new_with_free_func (g_free);
  d->edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->customers = g_ptr_array_new_with_free_func (g_free);
  desk_open (d);
  return d;
}

static inline Desk *
desk_new (const char *dir, const char *tag, const char *ca)
{
  g_autofree char *name = g_strdup_printf ("desk-%s.db", tag);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return desk_new_at (path, tag, ca);
}

static inline void
desk_free (Desk *d)
{
  desk_close (d);
  g_ptr_array_unref (d->spaces);
  g_hash_table_unref (d->edits);
  g_hash_table_unref (d->first);
  g_ptr_array_unref (d->customers);
  g_free (d->path);
  g_free (d->ca);
  g_free (d->tag);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Desk, desk_free)

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static inline void
wait_sign_in_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_sign_in_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static inline void
wait_sync_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;

  w->ok = pw_sync_service_sync_finish (PW_SYNC_SERVICE (source), result, &w->error);
  w->done = TRUE;
}

static inline void
wait_for (Wait *w)
{
  while (!w->done)
    g_main_context_iteration (NULL, TRUE);
}

static inline void
desk_sign_in (Desk *d, const char *base, const char *user, const char *password)
{
  Wait w = { 0 };

  pw_sync_service_sign_in_async (d->sync, base, user, password, NULL, wait_sign_in_cb, &w);
  wait_for (&w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
}

/* One round, waited for; then whatever round the sign-in started has also ended. */
static inline gboolean
desk_sync (Desk *d, GError **error)
{
  Wait w = { 0 };

  pw_sync_service_sync_async (d->sync, NULL, wait_sync_cb, &w);
  wait_for (&w);
  while (pw_sync_service_get_state (d->sync) == PW_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

static inline void
desk_sync_ok (Desk *d)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (desk_sync (d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_sync_service_get_state (d->sync), ==, PW_SYNC_STATE_SYNCED);
}

static inline gint64
store_int (PwStore *store, const char *sql, const char *arg)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Every outbox row, whatever its state. */
static inline gint64
desk_outbox_rows (Desk *d)
{
  return store_int (d->store, "SELECT count(*) FROM outbox", NULL);
}

/* The highest mid the server has answered: every mid below the first pending one
 * (mutations are pushed and answered in order). */
static inline gint64
desk_answered_mid (PwStore *store)
{
  gint64 next = store_int (store, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_mid'"
                                  " UNION ALL SELECT 1 LIMIT 1", NULL);
  gint64 first_pending = store_int (store, "SELECT coalesce(min(mid), 0) FROM outbox"
                                           " WHERE state = 'pending'", NULL);

  return (first_pending > 0 ? first_pending : next) - 1;
}

/* Takes every @nth space (from @offset) in code order as this desktop's own. */
static inline void
desk_take_spaces (Desk *d, guint offset, guint nth, guint max)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (d->store, "SELECT id, version FROM space"
                                                             " ORDER BY code", NULL);
  guint i = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW && d->spaces->len < max)
    {
      if (i++ % nth != offset)
        continue;
      g_ptr_array_add (d->spaces, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_hash_table_insert (d->first, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           GINT_TO_POINTER ((int) sqlite3_column_int64 (stmt, 1)));
    }
  g_assert_cmpuint (d->spaces->len, >, 0);
}

/* One local transaction changing the notes of @n of this desktop's spaces (distinct),
 * each to a value never used before, and now and then adding a customer or removing one
 * added before; returns the last notes written. Once committed, "committed ID VALUE"
 * lines (one per space) go to @report_fd (-1: none). */
static inline char *
desk_edit (Desk *d, GRand *rand, guint n, int report_fd)
{
  g_autoptr(GPtrArray) mutations = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(GError) error = NULL;
  guint start = (guint) g_rand_int_range (rand, 0, (gint32) d->spaces->len);
  char *value = NULL;
  gboolean ok;

  n = MIN (n, d->spaces->len);
  for (guint i = 0; i < n; i++)
    {
      const char *id = g_ptr_array_index (d->spaces, (start + i) % d->spaces->len);
      g_autoptr(JsonObject) row = pw_store_get_row (d->store, "space", id, NULL);
      PwMutation *m;

      g_assert_nonnull (row);
      m = pw_mutation_new_update ("space", id, json_object_get_int_member (row, "version"));
      g_free (value);
      value = g_strdup_printf ("%s-%u", d->tag, ++d->counter);
      pw_mutation_set_string (m, d->names && g_rand_boolean (rand) ? "name" : "notes", value);
      g_ptr_array_add (mutations, m);
    }
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *name = g_strdup_printf ("Customer %s-%u", d->tag, ++d->counter);
      g_autofree char *park = NULL;
      PwMutation *m = pw_mutation_new_insert ("customer", id);
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (d->store, "SELECT id FROM park", NULL);

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      park = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      pw_mutation_set_string (m, "park_id", park);
      pw_mutation_set_string (m, "name", name);
      pw_mutation_set_string (m, "kind", "company");
      pw_mutation_set_string (m, "tags", "[]");
      g_ptr_array_add (mutations, m);
    }
  else if (!d->names && d->customers->len > 0 && g_rand_int_range (rand, 0, 3) == 0)
    {
      const char *id = g_ptr_array_index (d->customers, 0);
      g_autoptr(JsonObject) row = pw_store_get_row (d->store, "customer", id, NULL);

      g_assert_nonnull (row);
      g_ptr_array_add (mutations, pw_mutation_new_delete ("customer", id,
                                                          json_object_get_int_member (row, "version")));
    }
  ok = pw_store_apply_all (d->store, (PwMutation **) mutations->pdata, mutations->len, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  if (mutations->len > n)
    {
      PwMutation *m = g_ptr_array_index (mutations, n);

      if (pw_mutation_get_op (m) == PW_MUTATION_INSERT)
        g_ptr_array_add (d->customers, g_strdup (pw_mutation_get_id (m)));
      else
        g_ptr_array_remove_index (d->customers, 0);
    }
  for (guint i = 0; i < n; i++)
    {
      const char *id = g_ptr_array_index (d->spaces, (start + i) % d->spaces->len);

      if (report_fd >= 0)
        {
          PwMutation *m = g_ptr_array_index (mutations, i);
          g_autofree char *line = g_strdup_printf ("committed %s %s\n", id,
                                                   pw_row_string (pw_mutation_get_fields (m),
                                                                  "notes"));
          g_assert_cmpint (write (report_fd, line, strlen (line)), ==, (gssize) strlen (line));
        }
      g_hash_table_insert (d->edits, g_strdup (id),
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (d->edits, id)) + 1));
    }
  return value;
}

static inline char *
store_hash (PwStore *store)
{
  g_autoptr(GError) error = NULL;
  char *hash = pw_sync_content_hash (store, &error);

  g_assert_no_error (error);
  return hash;
}

/* ---- the server's database, read while the server is stopped or running -------------- */

static inline sqlite3 *
server_sqlite_open (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "parkwise-server.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

static inline gint64
sqlite_int (sqlite3 *db, const char *sql, const char *arg, gint64 arg2)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, arg2);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static inline void
assert_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

static inline gint64
server_cursor (sqlite3 *db)
{
  return sqlite_int (db, "SELECT coalesce(max(seq), 0) FROM sync_change", NULL, 0);
}

/* The results the server keeps for @client: an unbroken run of mids that ends at its
 * last mid (the ones below were shown to be answered, docs/sync-protocol.md). */
static inline void
assert_results_run (sqlite3 *db, const char *client)
{
  gint64 last = sqlite_int (db, "SELECT coalesce(max(last_mid), 0) FROM sync_client"
                                " WHERE client_id = ?", client, 0);
  gint64 kept = sqlite_int (db, "SELECT count(*) FROM sync_applied WHERE client_id = ?",
                            client, 0);

  if (kept == 0)
    return;
  g_assert_cmpint (sqlite_int (db, "SELECT max(mid) FROM sync_applied WHERE client_id = ?",
                               client, 0), ==, last);
  g_assert_cmpint (sqlite_int (db, "SELECT min(mid) FROM sync_applied WHERE client_id = ?",
                               client, 0), ==, last - kept + 1);
}

/* Nothing the server answered is missing from its database: its last mid for this
 * client reaches every mid the desktop holds as answered, and the results it keeps are
 * those the desktop may still ask for again. */
static inline void
assert_answered_kept (sqlite3 *db, PwStore *store)
{
  const char *client = pw_store_get_client_id (store);
  gint64 answered = desk_answered_mid (store);
  gint64 last = sqlite_int (db, "SELECT coalesce(max(last_mid), 0) FROM sync_client"
                                " WHERE client_id = ?", client, 0);

  g_assert_cmpint (last, >=, answered);
  assert_results_run (db, client);
}

/* Settles every conflict of @d, keeping mine or theirs as @rand says, and every
 * rejection (only a change refused with another of its transaction is expected),
 * sending mine again or discarding it; returns how many. */
static inline guint
desk_resolve_all (Desk *d, GRand *rand)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = pw_sync_client_list_conflicts (d->store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < conflicts->len; i++)
    {
      PwSyncConflict *c = g_ptr_array_index (conflicts, i);
      gboolean mine = g_rand_boolean (rand);
      gboolean ok;

      if (c->kind == PW_SYNC_CONFLICT_REJECTED)
        {
          g_assert_cmpstr (c->reason, ==, "group");
          ok = mine ? pw_sync_client_resolve (d->store, c->id, PW_SYNC_KEEP_MINE, NULL, &error)
                    : pw_sync_client_discard (d->store, c->id, &error);
        }
      else
        ok = pw_sync_client_resolve (d->store, c->id,
                                     mine ? PW_SYNC_KEEP_MINE : PW_SYNC_KEEP_THEIRS, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  return conflicts->len;
}

/* Whatever the desktops pushed, each applied mutation made one change on the server, and
 * each client's results run from 1 to its last mid without a gap or a second copy. */
static inline void
assert_one_change_per_applied (sqlite3 *db, gint64 baseline, Desk **desks, guint n)
{
  gint64 changes = sqlite_int (db, "SELECT count(*) FROM sync_change WHERE seq > ?2", NULL,
                               baseline);
  gint64 applied = sqlite_int (db, "SELECT coalesce(sum(applied), 0) FROM sync_client", NULL, 0);

  g_assert_cmpint (changes, ==, applied);
  for (guint i = 0; i < n; i++)
    {
      const char *client = pw_store_get_client_id (desks[i]->store);
      gint64 mids = store_int (desks[i]->store, "SELECT CAST(value AS INTEGER) - 1 FROM meta"
                                                " WHERE key = 'next_mid'", NULL);

      g_assert_cmpint (sqlite_int (db, "SELECT last_mid FROM sync_client WHERE client_id = ?",
                                   client, 0), ==, mids);
      assert_results_run (db, client);
    }
}

/* Every mutation of @d reached the server exactly once: one applied result per mid, one
 * change per local change of each record (the desktop's audit rows tell, and for spaces
 * so does the count kept by desk_edit() in this process), each space's version moved by
 * as many, and the client's counter at the last mid. Only @d changes its records. */
static inline void
assert_applied_once (sqlite3 *db, Desk *d, gint64 baseline)
{
  const char *client = pw_store_get_client_id (d->store);
  gint64 mids = store_int (d->store, "SELECT CAST(value AS INTEGER) - 1 FROM meta"
                                     " WHERE key = 'next_mid'", NULL);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (d->store, "SELECT entity, entity_id, count(*)"
                                                             " FROM audit GROUP BY 1, 2", NULL);
  g_autofree char *q = g_strdup_printf ("SELECT count(*) FROM sync_change WHERE entity_id = ?"
                                        " AND seq > %" G_GINT64_FORMAT, baseline);
  GHashTableIter iter;
  gpointer key, value;
  gint64 total = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 1);
      gint64 n = sqlite3_column_int64 (stmt, 2);

      g_assert_cmpint (sqlite_int (db, q, id, 0), ==, n);
      if (g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "space"))
        {
          g_assert_true (g_hash_table_contains (d->first, id));
          if (g_hash_table_size (d->edits) > 0)
            g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (d->edits, id)), ==, n);
          g_assert_cmpint (sqlite_int (db, "SELECT version FROM space WHERE id = ?", id, 0), ==,
                           GPOINTER_TO_INT (g_hash_table_lookup (d->first, id)) + n);
        }
      total += n;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_hash_table_iter_init (&iter, d->edits);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpint (store_int (d->store, "SELECT count(*) FROM audit WHERE entity_id = ?", key),
                     ==, GPOINTER_TO_INT (value));
  for (guint i = 0; i < d->customers->len; i++)
    g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM customer WHERE id = ?",
                                 d->customers->pdata[i], 0), ==, 1);
  g_assert_cmpint (total, ==, mids);
  g_assert_cmpint (sqlite_int (db, "SELECT last_mid FROM sync_client WHERE client_id = ?", client,
                               0), ==, mids);
  g_assert_cmpint (sqlite_int (db, "SELECT applied FROM sync_client WHERE client_id = ?", client,
                               0), ==, mids);
  assert_results_run (db, client);
  g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM sync_applied WHERE client_id = ?"
                                   " AND result ->> 'result' <> 'applied'", client, 0), ==, 0);
}
