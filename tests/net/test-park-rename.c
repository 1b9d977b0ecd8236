/* test-park-rename.c — grants follow a park's identity, never its code
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The grants are first written as server schema 1 kept them (by code) and migrated:
 * each is bound to the park holding its code, and one for a code no park has stays
 * pending. The park's asset manager then renames the park to the code of that pending
 * administrator's grant: every user keeps their access and the pending grant does not
 * move onto the renamed park. A park later created with that code takes it. */
#include "config.h"

#include "fault-util.h"
#include "push-util.h"

static char *
text_of (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* Whether a bootstrap as @c holds a park record with @id. */
static gboolean
sees_park (TestServer *ts, Client *c, const char *id)
{
  g_auto(Reply) r = { 0 };
  JsonArray *records;

  send_authed (ts, &r, "GET", "/v1/sync/bootstrap?limit=1000", c->token);
  g_assert_cmpuint (r.status, ==, 200);
  records = json_object_get_array_member (json_node_get_object (r.json), "records");
  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *e = json_array_get_object_element (records, i);
      JsonObject *record = json_object_get_object_member (e, "record");

      if (g_str_equal (json_object_get_string_member (e, "entity"), "park")
          && g_str_equal (json_object_get_string_member (record, "id"), id))
        return TRUE;
    }
  return FALSE;
}

/* The grants GET /v1/session lists for @c, as "park=park_id=role" lines. */
static char *
session_grants (TestServer *ts, Client *c)
{
  g_auto(Reply) r = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *grants;

  send_authed (ts, &r, "GET", "/v1/session", c->token);
  g_assert_cmpuint (r.status, ==, 200);
  grants = json_object_get_array_member (json_node_get_object (r.json), "grants");
  for (guint i = 0; i < json_array_get_length (grants); i++)
    {
      JsonObject *g = json_array_get_object_element (grants, i);

      g_string_append_printf (out, "%s=%s=%s\n", json_object_get_string_member (g, "park"),
                              json_object_get_null_member (g, "park_id") ? "pending"
                              : json_object_get_string_member (g, "park_id"),
                              json_object_get_string_member (g, "role"));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_rename (void)
{
  TestServer *ts = test_server_prepare (NULL);
  g_autofree char *code = test_server_seed_demo (ts);
  g_autofree char *park = NULL;
  g_autofree char *other = pw_uuid_new ();
  g_auto(Client) am = { 0 }, viewer = { 0 }, pat = { 0 }, root = { 0 };
  g_auto(Reply) r = { 0 };
  g_autofree char *grants = NULL, *expected = NULL;
  JsonObject *result;
  sqlite3 *db;

  test_server_add_user (ts, "root", "root-password-1", TRUE);
  test_server_add_user (ts, "li", "li-password-22", FALSE);
  test_server_add_user (ts, "vera", "vera-password-1", FALSE);
  test_server_add_user (ts, "pat", "pat-password-4444", FALSE);

  /* grants as server schema 1 kept them: by code (or id), one for a code nobody has */
  db = server_sqlite_open (ts->dir);
  park = text_of (db, "SELECT id FROM park");
  {
    g_autofree char *sql = g_strdup_printf (
      "BEGIN;"
      "DROP TRIGGER server_grant_bind;"
      "DROP TABLE server_grant;"
      "CREATE TABLE server_grant (user_id TEXT NOT NULL REFERENCES server_user (id),"
      "  park_code TEXT NOT NULL, role TEXT NOT NULL, granted_at TEXT NOT NULL,"
      "  PRIMARY KEY (user_id, park_code)) STRICT;"
      "INSERT INTO server_grant SELECT id, '%s', 'asset_manager', '2026-01-01' FROM server_user"
      "  WHERE name = 'li';"
      "INSERT INTO server_grant SELECT id, '%s', 'viewer', '2026-01-01' FROM server_user"
      "  WHERE name = 'vera';"
      "INSERT INTO server_grant SELECT id, 'NEW', 'admin', '2026-01-01' FROM server_user"
      "  WHERE name = 'pat';"
      "UPDATE meta SET value = '1' WHERE key = 'server_schema';"
      "COMMIT;", code, park);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  test_server_run (ts);
  g_assert_cmpint (sqlite_int (db, "SELECT value FROM meta WHERE key = 'server_schema'", NULL, 0),
                   ==, PW_SERVER_SCHEMA_VERSION);
  g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM server_grant WHERE park_id = ?", park, 0),
                   ==, 2);
  g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM server_grant WHERE pending_code = 'NEW'"
                                   " AND park_id IS NULL", NULL, 0), ==, 1);

  client_sign_in (ts, &am, "li", "li-password-22");
  client_sign_in (ts, &viewer, "vera", "vera-password-1");
  client_sign_in (ts, &pat, "pat", "pat-password-4444");
  client_sign_in (ts, &root, "root", "root-password-1");
  g_assert_true (sees_park (ts, &am, park));
  g_assert_true (sees_park (ts, &viewer, park));
  g_assert_false (sees_park (ts, &pat, park));

  /* the asset manager gives the park the code of the pending grant */
  result = push_one (ts, &r, &am, "park", park, PW_MUTATION_UPDATE,
                     sqlite_int (db, "SELECT version FROM park WHERE id = ?", park, 0),
                     fields_of ("code", "NEW", NULL));
  assert_result (result, "applied", NULL, &r);
  g_assert_true (sees_park (ts, &am, park));
  g_assert_true (sees_park (ts, &viewer, park));
  g_assert_false (sees_park (ts, &pat, park));
  grants = session_grants (ts, &am);
  expected = g_strdup_printf ("NEW=%s=asset_manager\n", park);
  g_assert_cmpstr (grants, ==, expected);
  g_clear_pointer (&grants, g_free);
  grants = session_grants (ts, &pat);
  g_assert_cmpstr (grants, ==, "NEW=pending=admin\n");
  g_clear_pointer (&grants, g_free);

  /* pat holds nothing there: a change is refused as for a park that does not exist */
  result = push_one (ts, &r, &pat, "park", park, PW_MUTATION_UPDATE,
                     sqlite_int (db, "SELECT version FROM park WHERE id = ?", park, 0),
                     fields_of ("name", "Taken over", NULL));
  assert_result (result, "rejected", "not_found", &r);

  /* renamed again, then a park created with the code: the pending grant is its */
  result = push_one (ts, &r, &am, "park", park, PW_MUTATION_UPDATE,
                     sqlite_int (db, "SELECT version FROM park WHERE id = ?", park, 0),
                     fields_of ("code", "OLD", NULL));
  assert_result (result, "applied", NULL, &r);
  result = push_one (ts, &r, &root, "park", other, PW_MUTATION_INSERT, 0,
                     fields_of ("code", "NEW", "name", "New park", "code_pattern",
                                "{building}-{floor}-{seq:3}", "currency", "CNY", NULL));
  assert_result (result, "applied", NULL, &r);
  g_assert_true (sees_park (ts, &pat, other));
  g_assert_false (sees_park (ts, &pat, park));
  g_assert_true (sees_park (ts, &am, park));
  g_assert_false (sees_park (ts, &am, other));
  grants = session_grants (ts, &pat);
  g_free (expected);
  expected = g_strdup_printf ("NEW=%s=admin\n", other);
  g_assert_cmpstr (grants, ==, expected);
  g_clear_pointer (&grants, g_free);

  /* and keeps it when that park is renamed in turn */
  result = push_one (ts, &r, &pat, "park", other, PW_MUTATION_UPDATE, 1,
                     fields_of ("code", "NEWER", NULL));
  assert_result (result, "applied", NULL, &r);
  g_assert_true (sees_park (ts, &pat, other));
  grants = session_grants (ts, &pat);
  g_free (expected);
  expected = g_strdup_printf ("NEWER=%s=admin\n", other);
  g_assert_cmpstr (grants, ==, expected);

  /* a grant given by code now is bound to the park's id at once */
  {
    g_autoptr(PwServerDb) sdb = test_server_open_db (ts);
    g_autoptr(GError) error = NULL;

    g_assert_true (pw_server_db_grant (sdb, "vera", "NEWER", "finance", &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite_int (db, "SELECT count(*) FROM server_grant WHERE park_id = ?"
                                   " AND role = 'finance'", other, 0), ==, 1);
  assert_integrity (db);
  sqlite3_close (db);
  test_server_free (ts);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/net/park-rename", test_rename);
  return g_test_run ();
}
