/* test-push-flood.c — refused mutations cannot fill the server's disk
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A viewer (who may change nothing) pushes 40 pushes of 1,000 changes each to a space
 * it can see; every one is refused with the space's record in the answer. The server
 * keeps the results a client may still ask for again, and a refusal without the record
 * (docs/sync-protocol.md, "Results kept"): what it holds for the client stays under one
 * push's worth, and the database and its log grow by a bounded amount. A repeated push
 * is still answered as the first time, the record read again. A group refused as a
 * whole leaves no trace in the change log. */
#include "config.h"

#include <sys/stat.h>

#include "fault-util.h"
#include "push-util.h"

#define PUSHES 40
#define PER_PUSH 1000

static gint64
file_size (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct stat st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

static gint64
db_bytes (TestServer *ts)
{
  return file_size (ts->dir, "parkwise-server.db") + file_size (ts->dir, "parkwise-server.db-wal");
}

static PwSyncPush *
flood_push (Client *c, const char *space, gint64 first_mid)
{
  PwSyncPush *push = pw_sync_push_new (c->client_id);

  for (gint64 i = 0; i < PER_PUSH; i++)
    {
      g_autofree char *notes = g_strdup_printf ("flood %" G_GINT64_FORMAT, first_mid + i);
      g_autoptr(JsonObject) fields = fields_of ("notes", notes, NULL);

      pw_sync_push_add (push, first_mid + i, "space", space, PW_MUTATION_UPDATE, 1, fields);
    }
  return push;
}

static void
test_flood (void)
{
  TestServer *ts = test_server_prepare (NULL);
  g_autofree char *park = test_server_seed_demo (ts);
  g_auto(Client) viewer = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *space = NULL;
  g_autofree char *client = NULL;
  gint64 before, after, t0;
  sqlite3 *db;

  test_server_add_grantee (ts, "vera", "vera-password-1", park, "viewer");
  db = server_sqlite_open (ts->dir);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM space ORDER BY code LIMIT 1", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    space = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  test_server_run (ts);
  client_sign_in (ts, &viewer, "vera", "vera-password-1");
  client = g_strdup (viewer.client_id);
  before = db_bytes (ts);
  t0 = g_get_monotonic_time ();

  for (guint n = 0; n < PUSHES; n++)
    {
      g_autoptr(PwSyncPush) push = flood_push (&viewer, space, viewer.next_mid);
      JsonArray *results = client_send (ts, &r, &viewer, push);

      g_assert_nonnull (results);
      g_assert_cmpuint (json_array_get_length (results), ==, PER_PUSH);
      for (guint i = 0; i < PER_PUSH; i += 97)
        {
          JsonObject *one = json_array_get_object_element (results, i);

          assert_result (one, "rejected", "forbidden", &r);
          /* the live answer still carries the record the viewer may see */
          g_assert_true (json_object_has_member (one, "record"));
        }
    }
  after = db_bytes (ts);
  g_test_message ("%d refused mutations in %.1f s; database and log %" G_GINT64_FORMAT
                  " → %" G_GINT64_FORMAT " bytes", PUSHES * PER_PUSH,
                  (g_get_monotonic_time () - t0) / 1e6, before, after);

  /* only the last push's results are kept, without records */
  g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM sync_applied WHERE client_id = ?", client,
                               0), ==, PER_PUSH);
  g_assert_cmpint (sqlite_int (db, "SELECT min(mid) FROM sync_applied WHERE client_id = ?", client,
                               0), ==, (PUSHES - 1) * PER_PUSH + 1);
  g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM sync_applied"
                                   " WHERE json_type (result, '$.record') IS NOT NULL", NULL, 0),
                   ==, 0);
  g_assert_cmpint (sqlite_int (db, "SELECT total (length (result)) FROM sync_applied", NULL, 0),
                   <, PER_PUSH * 400);
  /* 40,000 records kept would be some 40 MB; a bounded log stays within a few */
  g_assert_cmpint (after - before, <, 8 * 1024 * 1024);
  g_assert_cmpint (sqlite_int (db, "SELECT last_mid FROM sync_client WHERE client_id = ?", client,
                               0), ==, PUSHES * PER_PUSH);
  g_assert_cmpint (sqlite_int (db, "SELECT applied FROM sync_client WHERE client_id = ?", client,
                               0), ==, 0);

  /* the answer to the last push was lost: sent again, it is answered as the first time */
  {
    g_autoptr(PwSyncPush) again = flood_push (&viewer, space, (PUSHES - 1) * PER_PUSH + 1);
    JsonArray *results = client_send (ts, &r, &viewer, again);

    g_assert_nonnull (results);
    for (guint i = 0; i < PER_PUSH; i += 111)
      {
        JsonObject *one = json_array_get_object_element (results, i);
        JsonObject *original = json_object_get_object_member (one, "original");

        assert_result (one, "duplicate", NULL, &r);
        g_assert_nonnull (original);
        g_assert_cmpstr (result_of (original), ==, "rejected");
        g_assert_cmpstr (reason_of (original), ==, "forbidden");
        g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (original,
                                                                                         "record"),
                                                        "id"), ==, space);
      }
  }

  /* the next push shows every earlier answer arrived: only its own result stays */
  {
    JsonObject *one = push_one (ts, &r, &viewer, "space", space, PW_MUTATION_UPDATE, 1,
                                fields_of ("notes", "one more", NULL));

    assert_result (one, "rejected", "forbidden", &r);
    g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM sync_applied WHERE client_id = ?",
                                 client, 0), ==, 1);
  }
  assert_integrity (db);
  sqlite3_close (db);
  test_server_free (ts);
}

/* A group refused as a whole leaves nothing behind: not its contract's schedule written
 * again, not a row of the change log. */
static void
test_refused_group (void)
{
  TestServer *ts = test_server_prepare (NULL);
  g_autofree char *park = test_server_seed_demo (ts);
  g_autoptr(PwSyncPush) push = NULL;
  g_auto(Client) am = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *contract = NULL, *status = NULL, *space = NULL;
  gint64 version, space_version, cursor;
  JsonArray *results;
  sqlite3 *db;

  test_server_add_grantee (ts, "wang", "wang-password-1", park, "asset_manager");
  db = server_sqlite_open (ts->dir);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT c.id, c.status, c.version FROM contract c"
                                             " WHERE c.status = 'active' AND EXISTS (SELECT 1 FROM"
                                             " schedule_contract sc WHERE sc.contract_id = c.id)"
                                             " ORDER BY c.code LIMIT 1", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    contract = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    version = sqlite3_column_int64 (stmt, 2);
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, version FROM space ORDER BY code LIMIT 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    space = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    space_version = sqlite3_column_int64 (stmt, 1);
    sqlite3_finalize (stmt);
  }
  test_server_run (ts);
  client_sign_in (ts, &am, "wang", "wang-password-1");
  cursor = server_cursor (db);

  /* the contract's status (which has its schedule written again) and a change the
   * ledger refuses, made in one local transaction */
  push = pw_sync_push_new (am.client_id);
  {
    g_autoptr(JsonObject) a = fields_of ("status", status, "notes", "Renewal talks", NULL);
    g_autoptr(JsonObject) b = fields_of ("gross_area", "#-5", NULL);

    pw_sync_push_add (push, 1, "contract", contract, PW_MUTATION_UPDATE, version, a);
    pw_sync_push_add (push, 2, "space", space, PW_MUTATION_UPDATE, space_version, b);
    for (guint i = 0; i < push->mutations->len; i++)
      ((PwSyncMutation *) g_ptr_array_index (push->mutations, i))->group = 1;
  }
  results = client_send (ts, &r, &am, push);
  g_assert_nonnull (results);
  assert_result (json_array_get_object_element (results, 0), "rejected", "group", &r);
  assert_result (json_array_get_object_element (results, 1), "rejected", "invalid", &r);
  g_assert_cmpint (server_cursor (db), ==, cursor);
  g_assert_cmpint (sqlite_int (db, "SELECT version FROM contract WHERE id = ?", contract, 0), ==,
                   version);

  /* the contract's change alone is applied, and then its schedule follows */
  {
    JsonObject *one = push_one (ts, &r, &am, "contract", contract, PW_MUTATION_UPDATE, version,
                                fields_of ("status", status, "notes", "Renewal talks", NULL));

    assert_result (one, "applied", NULL, &r);
    g_assert_cmpint (server_cursor (db), >, cursor);
  }
  assert_integrity (db);
  sqlite3_close (db);
  test_server_free (ts);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/push-flood", test_flood);
  g_test_add_func ("/net/refused-group", test_refused_group);
  return g_test_run ();
}
