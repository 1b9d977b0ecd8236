/* test-csv-commit.c — what pw_csv_import_commit() writes, and what export gives back
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "csv-fixture.h"

static void
commit_ok (PwCsvImport *import)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (pw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_true (pw_csv_import_commit (import, &error));
  g_assert_no_error (error);
}

static void
import_text (Fixture *fx, const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCsvImport) import = fixture_prepare (fx, csv, &error);

  g_assert_no_error (error);
  commit_ok (import);
}

/* 1,000 rows over floors A1 and A2; row @n (1-based) has code A-A1-n or A-A2-(n-500). */
static char *
thousand_rows (void)
{
  GString *csv = g_string_new ("code,building,floor,kind,name,internal_area,usable_area\n");

  for (guint n = 1; n <= 1000; n++)
    g_string_append_printf (csv, "A-%s-%03u,A,%s,office,Room %u,%u.%02u,%u\n",
                            n <= 500 ? "A1" : "A2", n <= 500 ? n : n - 500,
                            n <= 500 ? "A1" : "A2", n, 20 + n % 50, n % 100, 15 + n % 5);
  return g_string_free (csv, FALSE);
}

/* The UNIQUE constraint fires at row 500, inside the transaction: all is undone. */
static void
test_fails_mid_commit (Fixture *fx, gconstpointer data)
{
  g_autofree char *csv = thousand_rows ();
  g_autoptr(PwCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) intruder = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  Counts before, after;
  const char *floor_a1 = NULL;
  guint64 revision;

  import = fixture_prepare (fx, csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_n_rows (import), ==, 1000);
  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, 1000);
  g_assert_cmpuint (pw_csv_import_get_problems (import)->len, ==, 0);

  /* someone else adds A-A1-500 between the preview and the commit */
  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (fx->store,
                                                     "SELECT id FROM floor WHERE code = 'A1'",
                                                     NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    floor_a1 = g_intern_string ((const char *) sqlite3_column_text (stmt, 0));
  }
  intruder = pw_mutation_new_insert ("space", NULL);
  pw_mutation_set_string (intruder, "park_id", fx->park_id);
  pw_mutation_set_string (intruder, "floor_id", floor_a1);
  pw_mutation_set_string (intruder, "code", "A-A1-500");
  pw_mutation_set_string (intruder, "name", "Intruder");
  pw_mutation_set_string (intruder, "kind", "office");
  pw_mutation_set_string (intruder, "status", "available");
  pw_mutation_set_int (intruder, "gross_area", 0);
  pw_mutation_set_int (intruder, "internal_area", 1000);
  pw_mutation_set_int (intruder, "usable_area", 0);
  pw_mutation_set_bool (intruder, "leasable", TRUE);
  pw_mutation_set_bool (intruder, "takes_share", TRUE);
  pw_mutation_set_string (intruder, "area_basis", "gross");
  g_assert_true (pw_store_apply (fx->store, intruder, &error));
  g_assert_no_error (error);

  counts_take (fx->store, &before);
  revision = pw_store_get_revision (fx->store);
  g_assert_false (pw_csv_import_commit (import, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONSTRAINT);
  counts_take (fx->store, &after);
  assert_counts_equal (&before, &after);
  g_assert_cmpint (after.space, ==, 1);
  g_assert_cmpuint (pw_store_get_revision (fx->store), ==, revision);

  /* and the store still works: the intruder is the only space */
  spaces = pw_ledger_load_spaces (fx->store, fx->park_id, NULL);
  g_assert_cmpuint (spaces->len, ==, 1);
  g_assert_cmpstr (pw_space_get_name (spaces->pdata[0]), ==, "Intruder");
}

static void
test_thousand_rows (Fixture *fx, gconstpointer data)
{
  g_autofree char *csv = thousand_rows ();
  Counts before, counts;

  counts_take (fx->store, &before);
  import_text (fx, csv);
  counts_take (fx->store, &counts);
  g_assert_cmpint (counts.space, ==, 1000);
  g_assert_cmpint (counts.status, ==, 0);
  /* one audit and one outbox row per mutation: the spaces and their "created" records */
  g_assert_cmpint (counts.audit - before.audit, ==, 1000 + counts.lifecycle - before.lifecycle);
  g_assert_cmpint (counts.outbox - before.outbox, ==, counts.audit - before.audit);
}

/* A park with every column in use, as an operator might keep it. */
static const char rich_csv[] =
  "code,building,floor,kind,name,status,gross_area,internal_area,usable_area,leasable,"
  "takes_share,pool_level,area_basis,notes,outline\n"
  "A-A1-001,A,A1,office,\"Suite 101, east\",leased,0,86.40,80.10,true,true,,gross,"
  "\"Tenant says \"\"keep the blinds\"\"\nsecond line\",\"{\"\"outer\"\":[[0,0],[12,0],[12,7.2],[0,7.2]]}\"\n"
  "A-A1-002,A,A1,office,Suite 102,available,0,60.00,55.00,yes,1,,internal,,\n"
  "A-A1-003,A,A1,common_area,Corridor,available,0,30.00,30.00,false,false,floor,gross,,\n"
  "A-A2-001,A,A2,lab,Lab 201,under_repair,0,120.55,100,true,true,,usable,Fume hood,\n"
  "A-A2-002,A,A2,common_area,Lobby,available,0,40,0,no,no,building,gross,,\n"
  "B-B1-001,B,B1,workshop,车间一,reserved,0,500,480,true,true,,gross,备注：含吊车,\n"
  "B-B1-002,B,B1,parking_bay,P-01,frozen,12.50,12.50,12.50,true,false,,internal,,\n";

static void
test_round_trip (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) third = NULL;
  g_autoptr(PwCsvImport) again = NULL;
  g_autoptr(PwCsvImport) fresh = NULL;
  g_autoptr(PwStore) twin = NULL;
  g_autofree char *twin_park = NULL;
  Counts before, after;

  import_text (fx, rich_csv);
  first = pw_csv_export (fx->store, fx->park_id, &error);
  g_assert_no_error (error);
  g_test_message ("%.*s", (int) g_bytes_get_size (first),
                  (const char *) g_bytes_get_data (first, NULL));

  /* export → import into the same store: nothing to do, nothing written */
  counts_take (fx->store, &before);
  again = pw_csv_import_prepare (fx->store, fx->park_id, first, "export.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_problems (again)->len, ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_rows (again), ==, 7);
  g_assert_cmpuint (pw_csv_import_get_n_new (again), ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_updated (again), ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_unchanged (again), ==, 7);
  commit_ok (again);
  counts_take (fx->store, &after);
  assert_counts_equal (&before, &after);

  /* export → fresh store with the same buildings and floors → export: the same bytes */
  twin = fixture_open_twin (fx, "twin.db", &twin_park);
  fresh = pw_csv_import_prepare (twin, twin_park, first, "export.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_n_new (fresh), ==, 7);
  commit_ok (fresh);
  second = pw_csv_export (twin, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));

  /* and the export is stable on its own */
  third = pw_csv_export (fx->store, NULL, &error);
  g_assert_true (g_bytes_equal (first, third));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (first, NULL), g_bytes_get_size (first),
                                  "86.40"));
}

static char *
audit_after (PwStore *store, const char *op)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
                                                   "SELECT before, after FROM audit"
                                                   " WHERE entity = 'space' AND op = ?"
                                                   " ORDER BY seq DESC LIMIT 1", NULL);
  sqlite3_bind_text (stmt, 1, op, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup_printf ("%s|%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
}

static void
test_update_path (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCsvImport) rename = NULL;
  g_autoptr(PwCsvImport) restatus = NULL;
  g_autoptr(GString) edited = NULL;
  g_autofree char *audit = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Counts before, after;

  import_text (fx, rich_csv);

  /* a new name for one space; the other rows are as stored */
  edited = g_string_new (rich_csv);
  g_string_replace (edited, "Suite 102", "Suite 102 (refitted)", 1);
  counts_take (fx->store, &before);
  rename = fixture_prepare (fx, edited->str, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_n_new (rename), ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_updated (rename), ==, 1);
  g_assert_cmpuint (pw_csv_import_get_n_unchanged (rename), ==, 6);
  commit_ok (rename);
  counts_take (fx->store, &after);
  g_assert_cmpint (after.space, ==, before.space);
  g_assert_cmpint (after.audit, ==, before.audit + 2);   /* the update and its "changed" event */
  g_assert_cmpint (after.status, ==, before.status);
  audit = audit_after (fx->store, "update");
  g_assert_nonnull (strstr (audit, "\"name\":\"Suite 102\""));
  g_assert_nonnull (strstr (audit, "\"name\":\"Suite 102 (refitted)\""));

  /* a status change in a file that only has the columns it needs */
  restatus = fixture_prepare (fx, "code,building,floor,kind,internal_area,status\n"
                                  "A-A1-002,A,A1,office,60,leased\n", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_n_updated (restatus), ==, 1);
  counts_take (fx->store, &before);
  commit_ok (restatus);
  counts_take (fx->store, &after);
  g_assert_cmpint (after.status, ==, before.status + 1);
  g_assert_cmpint (after.audit, ==, before.audit + 2);   /* no other column changed */

  stmt = pw_store_prepare (fx->store,
                           "SELECT st.from_status, st.to_status, st.reason, s.status,"
                           " s.status_since = st.effective_date, s.name"
                           " FROM space_status st JOIN space s ON s.id = st.space_id"
                           " WHERE s.code = 'A-A1-002'", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "available");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "leased");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "Imported from test.csv");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "leased");
  g_assert_cmpint (sqlite3_column_int (stmt, 4), ==, 1);
  /* the columns the file lacks were left alone */
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 5), ==, "Suite 102 (refitted)");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* A space changed elsewhere after the preview: a conflict, and nothing written. */
static void
test_conflict (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  g_autoptr(GString) edited = g_string_new (rich_csv);
  g_autoptr(GPtrArray) spaces = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  Counts before, after;

  import_text (fx, rich_csv);
  g_string_replace (edited, "Lab 201", "Lab 201b", 1);
  g_string_replace (edited, "P-01", "P-01b", 1);
  import = fixture_prepare (fx, edited->str, &error);
  g_assert_cmpuint (pw_csv_import_get_n_updated (import), ==, 2);

  spaces = pw_ledger_load_spaces (fx->store, fx->park_id, &error);
  json_object_set_string_member (fields, "notes", "edited in the app meanwhile");
  g_assert_true (pw_ledger_update_space (fx->store, pw_space_get_id (spaces->pdata[6]),
                                         pw_space_get_version (spaces->pdata[6]), fields,
                                         &error));
  counts_take (fx->store, &before);
  g_assert_false (pw_csv_import_commit (import, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  counts_take (fx->store, &after);
  assert_counts_equal (&before, &after);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/csv/commit/fails-mid-transaction", Fixture, NULL, fixture_set_up,
              test_fails_mid_commit, fixture_tear_down);
  g_test_add ("/csv/commit/thousand-rows", Fixture, NULL, fixture_set_up, test_thousand_rows,
              fixture_tear_down);
  g_test_add ("/csv/commit/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/csv/commit/update-path", Fixture, NULL, fixture_set_up, test_update_path,
              fixture_tear_down);
  g_test_add ("/csv/commit/conflict", Fixture, NULL, fixture_set_up, test_conflict,
              fixture_tear_down);
  return g_test_run ();
}
