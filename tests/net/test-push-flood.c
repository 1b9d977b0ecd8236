/* test-push-flood.c — refused mutations cannot fill the server's disk
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A viewer (who may change nothing) pushes 40 pushes of 1,000 changes each to a space
 * it can see; every one is refused with the space's record in the answer. The server
 * keeps the results a client may still ask for again, and a refusal without the record
 * (docs/sync-protocol.md, "Results kept"): what it holds for the client stays under one
 * push's worth, and the database and its log grow by a bounded amount. A repeated push
 * is still answered as the first time, the record read again. */
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/push-flood", test_flood);
  return g_test_run ();
}
