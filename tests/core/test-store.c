/* test-store.c — migrations and the mutation path
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-change.h"

static gint64
query_int (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_pragmas (Fixture *f, gconstpointer data)
{
  g_autofree char *mode = query_text (f->store, "PRAGMA journal_mode");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (query_int (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (f->store, "PRAGMA synchronous"), ==, 2); /* FULL */
  g_assert_cmpint (query_int (f->store, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
}

static void
test_audit_and_outbox (Fixture *f, gconstpointer data)
{
  /* The fixture made 11 records: one audit and one outbox row each, mids 1..11. */
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, 11);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, 11);
  g_assert_cmpint (query_int (f->store, "SELECT min(mid) FROM outbox"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT max(mid) FROM outbox"), ==, 11);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit a JOIN outbox o USING (mid)"
                                        " WHERE a.entity_id = o.entity_id"), ==, 11);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT client_id) FROM outbox"), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE actor = 'tester'"
                                        " AND before IS NULL AND after IS NOT NULL"), ==, 11);
}

static void
test_update_versions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) m = pw_mutation_new_update ("building", f->building, 1);
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  pw_mutation_set_string (m, "name", "Innovation Tower");
  g_assert_true (pw_store_apply (f->store, m, &error));
  g_assert_no_error (error);

  row = pw_store_get_row (f->store, "building", f->building, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Innovation Tower");

  before = query_text (f->store, "SELECT before FROM audit ORDER BY seq DESC LIMIT 1");
  after = query_text (f->store, "SELECT after FROM audit ORDER BY seq DESC LIMIT 1");
  g_assert_nonnull (strstr (before, "\"Building 1\""));
  g_assert_nonnull (strstr (after, "\"Innovation Tower\""));
  g_assert_cmpint (query_int (f->store, "SELECT max(mid) FROM outbox"), ==, 12);
  g_assert_cmpint (query_int (f->store, "SELECT base_version FROM outbox WHERE mid = 12"), ==, 1);

  /* The same base version again is a conflict and writes nothing. */
  g_assert_false (pw_store_apply (f->store, m, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, 12);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, 12);
}

static void
test_batch_is_atomic (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwMutation *muts[3];
  gint64 spaces = pw_store_count (f->store, "space");

  muts[0] = fixture_space (f, f->floor1, "B1-F01-010", "office", 1000, TRUE, NULL, "available");
  muts[1] = fixture_space (f, f->floor1, "B1-F01-011", "office", 1000, TRUE, NULL, "available");
  /* a duplicate code: the UNIQUE constraint fires on the third mutation */
  muts[2] = fixture_space (f, f->floor1, "B1-F01-010", "office", 1000, TRUE, NULL, "available");
  g_assert_false (pw_store_apply_all (f->store, muts, 3, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, 11);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, 11);

  /* The outbox numbering did not skip: the next mutation is mid 12. */
  g_assert_true (pw_store_apply (f->store, muts[0], &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT max(mid) FROM outbox"), ==, 12);
  for (guint i = 0; i < 3; i++)
    pw_mutation_free (muts[i]);
}

static void
test_bad_mutations (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) unknown = pw_mutation_new_insert ("tenant", NULL);
  g_autoptr(PwMutation) field = pw_mutation_new_update ("building", f->building, 1);
  g_autoptr(PwMutation) missing = pw_mutation_new_update ("building", "no-such-id", 1);
  g_autoptr(PwMutation) history = NULL;
  g_autofree char *history_id = NULL;

  g_assert_false (pw_store_apply (f->store, unknown, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  pw_mutation_set_string (field, "colour", "blue");
  g_assert_false (pw_store_apply (f->store, field, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "colour"));
  g_clear_error (&error);

  g_assert_false (pw_store_apply (f->store, missing, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Status history is insert-only. */
  history_id = query_text (f->store, "SELECT id FROM space LIMIT 1");
  g_assert_true (pw_ledger_change_status (f->store, history_id, 1, PW_SPACE_STATUS_FROZEN,
                                          "2026-03-01", "Dispute", &error));
  g_assert_no_error (error);
  {
    g_autofree char *sid = query_text (f->store, "SELECT id FROM space_status LIMIT 1");
    history = pw_mutation_new_update ("space_status", sid, 1);
  }
  pw_mutation_set_string (history, "reason", "rewritten");
  g_assert_false (pw_store_apply (f->store, history, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, 13);
}

static void
test_mid_survives_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *client = g_strdup (pw_store_get_client_id (f->store));
  g_autoptr(PwMutation) m = pw_mutation_new_update ("park", f->park, 1);

  g_clear_object (&f->store);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  g_assert_cmpstr (pw_store_get_client_id (f->store), ==, client);

  pw_mutation_set_string (m, "address", "1 Lake Road");
  g_assert_true (pw_store_apply (f->store, m, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT max(mid) FROM outbox"), ==, 12);
}

/* Two stores on one file, as the app and parkwise-cli are: each write takes the
 * outbox number the database holds, so neither reuses one the other took. */
static void
test_two_writers (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) other = pw_store_open (f->path, &error);
  const char *addresses[] = { "1 Lake Road", "2 Lake Road", "3 Lake Road", "4 Lake Road" };

  g_assert_no_error (error);
  pw_ledger_attach (other);
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      PwStore *store = i % 2 == 0 ? f->store : other;
      g_autoptr(PwMutation) m = pw_mutation_new_update ("park", f->park, 1 + i);

      pw_mutation_set_string (m, "address", addresses[i]);
      g_assert_true (pw_store_apply (store, m, &error));
      g_assert_no_error (error);
    }
  /* and inside a caller's transaction */
  g_assert_true (pw_store_begin (f->store, &error));
  {
    g_autoptr(PwMutation) m = pw_mutation_new_update ("park", f->park, 5);

    pw_mutation_set_string (m, "address", "5 Lake Road");
    g_assert_true (pw_store_apply (f->store, m, &error));
    g_assert_no_error (error);
  }
  g_assert_true (pw_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT max(mid) FROM outbox"), ==, 16);
  g_assert_cmpint (query_int (f->store, "SELECT count(DISTINCT mid) FROM outbox"), ==, 16);
}

/* A batch of more than 1,000 mutations leaves its WAL to a background
 * checkpoint; the data must be whole whether or not that has finished. */
static void
test_big_batch (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autofree char *check = NULL;
  gint64 spaces = pw_store_count (f->store, "space");

  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *code = g_strdup_printf ("B1-F01-%03u", 100 + i % 900);
      if (i >= 900)
        {
          g_free (code);
          code = g_strdup_printf ("B1-F02-%03u", 100 + i % 900);
        }
      g_ptr_array_add (muts, fixture_space (f, i < 900 ? f->floor1 : f->floor2, code, "office",
                                            1000 + i, TRUE, NULL, "available"));
    }
  g_assert_true (pw_store_apply_all (f->store, (PwMutation **) muts->pdata, muts->len, &error));
  g_assert_no_error (error);
  /* a small change right after, while the checkpoint may still run */
  {
    g_autoptr(PwMutation) m = pw_mutation_new_update ("park", f->park, 1);
    pw_mutation_set_string (m, "address", "2 Lake Road");
    g_assert_true (pw_store_apply (f->store, m, &error));
    g_assert_no_error (error);
  }

  g_clear_object (&f->store);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + 1500);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, 11 + 1500 + 1);
  check = query_text (f->store, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

static const char *const batch_columns[] = {
  "park_id", "floor_id", "code", "name", "kind", "status", "gross_area", "internal_area",
  "usable_area", "leasable", "takes_share", "area_basis", "pool_level", NULL
};

/* The values of an office of @area hundredths of a m² on floor 1 */
static void
batch_space (Fixture *f, PwStoreBatch *batch, int kind, const char *code, const char *name,
             gint64 area)
{
  pw_store_batch_set_string (batch, kind, 0, f->park);
  pw_store_batch_set_string (batch, kind, 1, f->floor1);
  pw_store_batch_set_string (batch, kind, 2, code);
  pw_store_batch_set_string (batch, kind, 3, name);
  pw_store_batch_set_string (batch, kind, 4, "office");
  pw_store_batch_set_string (batch, kind, 5, "available");
  pw_store_batch_set_int (batch, kind, 6, area);
  pw_store_batch_set_int (batch, kind, 7, area);
  pw_store_batch_set_int (batch, kind, 8, area * 9 / 10);
  pw_store_batch_set_int (batch, kind, 9, 1);
  pw_store_batch_set_int (batch, kind, 10, 1);
  pw_store_batch_set_string (batch, kind, 11, "gross");
  pw_store_batch_set_string (batch, kind, 12, NULL);
}

/* A batch (pw_store_batch_new()) writes inside the caller's transaction only; each
 * row is validated (a refused row names its field, and the caller's rollback leaves
 * nothing and gives the outbox numbers back); the rows written are recorded for
 * undo as inserts, in order, with every column; its outbox numbers survive a reopen. */
static void
test_store_batch (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStoreBatch) outside = pw_store_batch_new (f->store, &error);
  g_autoptr(PwStoreBatch) batch = NULL;
  g_autoptr(PwChange) change = NULL;
  gint64 mid = pw_store_get_next_mid (f->store);
  gint64 spaces = pw_store_count (f->store, "space");
  const char *id;
  int kind;

  g_assert_null (outside);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* a refused row: the caller rolls back, nothing stays */
  g_assert_true (pw_store_begin (f->store, &error));
  batch = pw_store_batch_new (f->store, &error);
  g_assert_nonnull (batch);
  g_assert_cmpint (pw_store_batch_add_kind (batch, "space", (const char *const[]) { "nope", NULL },
                                            &error), ==, -1);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  kind = pw_store_batch_add_kind (batch, "space", batch_columns, &error);
  g_assert_no_error (error);
  batch_space (f, batch, kind, "B1-F01-201", "Office", 12000);
  id = pw_store_batch_insert (batch, kind, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  batch_space (f, batch, kind, "B1-F01-202", "Office", -5);
  g_assert_null (pw_store_batch_insert (batch, kind, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  pw_store_rollback (f->store);
  g_clear_pointer (&batch, pw_store_batch_free);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_cmpint (pw_store_get_next_mid (f->store), ==, mid);

  /* two rows recorded as a change, with a null column */
  pw_store_record_begin (f->store);
  g_assert_true (pw_store_begin (f->store, &error));
  batch = pw_store_batch_new (f->store, &error);
  kind = pw_store_batch_add_kind (batch, "space", batch_columns, &error);
  g_assert_no_error (error);
  batch_space (f, batch, kind, "B1-F01-201", "Office \"A\"\tB\\\n\x01é", 12000);
  g_assert_nonnull (pw_store_batch_insert (batch, kind, NULL, &error));
  batch_space (f, batch, kind, "B1-F01-202", "Office", 12000);
  id = pw_store_batch_insert (batch, kind, "01a00000-0000-7000-8000-000000000202", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "01a00000-0000-7000-8000-000000000202");
  g_assert_true (pw_store_batch_end (batch, &error));
  g_assert_true (pw_store_commit (f->store, &error));
  g_assert_no_error (error);
  change = pw_store_record_end (f->store);
  g_assert_nonnull (change);
  g_assert_cmpuint (pw_change_get_n_records (change), ==, 2);
  g_assert_null (pw_change_get_before (change, 1));
  g_assert_cmpstr (pw_change_get_id (change, 1), ==, id);
  g_assert_cmpstr (json_object_get_string_member (pw_change_get_after (change, 0), "name"), ==,
                   "Office \"A\"\tB\\\n\x01é");
  g_assert_true (json_object_get_null_member (pw_change_get_after (change, 1), "pool_level"));
  g_assert_cmpint (json_object_get_int_member (pw_change_get_after (change, 1), "gross_area"), ==,
                   12000);
  g_assert_cmpint (json_object_get_size (pw_change_get_after (change, 1)), ==, 13 + 4);
  {
    g_autofree char *after = query_text (f->store,
      "SELECT after FROM audit WHERE entity_id = '01a00000-0000-7000-8000-000000000202'");
    g_autofree char *fields = query_text (f->store,
      "SELECT fields FROM outbox WHERE entity_id = '01a00000-0000-7000-8000-000000000202'");

    g_autofree char *first = query_text (f->store,
      "SELECT fields FROM outbox WHERE entity = 'space' ORDER BY mid DESC LIMIT 1 OFFSET 1");
    g_autofree char *head = g_strndup (fields, strlen (fields) - 1);

    /* escaped as JSON: quote, tab, backslash, newline, a control character; UTF-8 kept */
    g_assert_nonnull (strstr (first, "\"name\":\"Office \\\"A\\\"\\tB\\\\\\n\\u0001é\","));

    /* the record's JSON is the fields' with its identity, version and times after them */
    g_assert_true (g_str_has_prefix (after, head));
    g_assert_nonnull (strstr (after, ",\"id\":\"01a00000-0000-7000-8000-000000000202\","
                                     "\"version\":1,\"created_at\":"));
    g_assert_nonnull (strstr (fields, "\"pool_level\":null}"));
  }
  g_clear_pointer (&batch, pw_store_batch_free);

  g_clear_object (&f->store);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_get_next_mid (f->store), ==, mid + 2);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + 2);
  g_assert_cmpint (query_int (f->store, "SELECT count (*) FROM audit a JOIN outbox o USING (mid)"
                                        " WHERE a.entity = 'space' AND a.mid >= "
                                        "(SELECT max (mid) - 1 FROM outbox)"), ==, 2);
}

static void
test_too_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  PwStore *store = pw_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (pw_store_exec (store, "PRAGMA user_version = 99", NULL));
  g_object_unref (store);
  store = pw_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_TOO_NEW);
}

/* Builds a database at each earlier schema version with data in it, then
 * upgrades it and checks that the data is intact. */
static void
test_migrations (void)
{
  for (int from = 1; from < PW_STORE_SCHEMA_VERSION; from++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("parkwise-test-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "old.db", NULL);
      PwStore *store = pw_store_open_at_version (path, from, &error);
      g_autofree char *name = NULL;
      g_autofree char *since = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (pw_store_get_schema_version (store), ==, from);
      g_assert_true (pw_store_exec (store,
        "INSERT INTO park (id, code, name, created_at, updated_at)"
        " VALUES ('p', 'P', 'Old Park', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
        "INSERT INTO building (id, park_id, code, name, created_at, updated_at)"
        " VALUES ('b', 'p', 'B1', 'Old Building', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
        "INSERT INTO floor (id, park_id, building_id, code, name, level, created_at, updated_at)"
        " VALUES ('f', 'p', 'b', 'F01', 'Floor 1', 1, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');"
        "INSERT INTO space (id, park_id, floor_id, code, name, kind, status, internal_area,"
        " usable_area, created_at, updated_at) VALUES ('s', 'p', 'f', 'B1-F01-001', 'Old Office',"
        " 'office', 'leased', 12345, 11000, '2021-06-15T08:00:00Z', '2021-06-15T08:00:00Z');",
        &error));
      g_assert_no_error (error);
      if (from >= 2)
        g_assert_true (pw_store_exec (store,
          "INSERT INTO space_status (id, space_id, from_status, to_status, effective_date, reason,"
          " created_at, updated_at) VALUES ('h', 's', 'available', 'leased', '2021-07-01',"
          " 'Lease signed', '2021-07-01T00:00:00Z', '2021-07-01T00:00:00Z');"
          "UPDATE space SET status_since = '2021-06-15' WHERE id = 's';"
          "INSERT INTO equipment (id, park_id, floor_id, space_id, code, name, category,"
          " status, serial, install_date, created_at, updated_at) VALUES ('e', 'p', 'f', 's',"
          " 'B1-EQ-001', 'Old lift', 'lift', 'in_service', 'ELV-2019-00001', '2019-11-20',"
          " '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z');", &error));
      g_assert_no_error (error);
      /* schema 7: a contract with a schedule line as it was kept before schema 10 */
      if (from >= 7)
        g_assert_true (pw_store_exec (store,
          "INSERT INTO contract (id, park_id, code, start_date, end_date, created_at, updated_at)"
          " VALUES ('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'p', 'C-OLD', '2024-01-01',"
          " '2026-12-31', '2023-12-01T09:00:00Z', '2023-12-01T09:00:00Z');"
          "INSERT INTO contract_version (id, contract_id, number, effective_date, terms,"
          " created_at, updated_at) VALUES ('v', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 1,"
          " '2024-01-01', '{}', '2023-12-01T09:00:00Z', '2023-12-01T09:00:00Z');"
          "INSERT INTO schedule_line (contract_id, id, contract_version, charge, kind, seller,"
          " period_start, period_end, bill_date, due_date, gross, net, tax, basis, explanation,"
          " created_at, updated_at) VALUES ('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',"
          " '5d1c0f3e-2b4a-5c6d-8e7f-9a0b1c2d3e4f', 1, 'rent', 'charge', 'LL', '2024-01-01',"
          " '2024-03-31', '2023-12-17', '2024-01-01', 1090000, 1000000, 90000,"
          " '100.00 m² × 3.2000/m²/day × 365/12 × 3 months',"
          " 'rent 2024-01-01–2024-03-31: 100.00 m² × 3.2000/m²/day × 365/12 × 3 months, 9% tax"
          " added', '2023-12-01T09:00:00Z', '2023-12-01T09:00:00Z');", &error));
      g_assert_no_error (error);
      g_object_unref (store);

      store = pw_store_open (path, &error);
      g_assert_no_error (error);
      pw_ledger_attach (store);
      g_assert_cmpint (pw_store_get_schema_version (store), ==, PW_STORE_SCHEMA_VERSION);
      g_assert_cmpint (query_int (store, "PRAGMA user_version"), ==, PW_STORE_SCHEMA_VERSION);
      name = query_text (store, "SELECT name FROM space WHERE id = 's'");
      g_assert_cmpstr (name, ==, "Old Office");
      g_assert_cmpint (query_int (store, "SELECT internal_area FROM space WHERE id = 's'"), ==, 12345);
      since = query_text (store, "SELECT status_since FROM space WHERE id = 's'");
      g_assert_cmpstr (since, ==, "2021-06-15");
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM space_status"), ==, from >= 2 ? 1 : 0);
      /* schema 4: equipment has an original value, unknown (NULL) for what was there */
      if (from <= 3)
        {
          g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_table_info ('equipment')"
                                             " WHERE name = 'original_value'"), ==, 1);
          g_assert_cmpint (query_int (store, "SELECT count(*) FROM equipment"), ==, from >= 2 ? 1 : 0);
          g_assert_cmpint (query_int (store, "SELECT count(*) FROM equipment"
                                             " WHERE original_value IS NOT NULL"), ==, 0);
          if (from >= 2)
            {
              g_autofree char *serial = query_text (store, "SELECT serial FROM equipment WHERE id = 'e'");

              g_assert_cmpstr (serial, ==, "ELV-2019-00001");
              g_assert_cmpint (query_int (store, "SELECT original_value IS NULL FROM equipment"
                                                 " WHERE id = 'e'"), ==, 1);
            }
        }
      /* schema 6: the leasing tables, empty and strict */
      {
        static const char *const tables[] = {
          "customer", "contact", "prospect", "viewing", "quote", "approval_rule", "approval"
        };
        for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
          {
            g_autofree char *sql = g_strdup_printf ("SELECT strict FROM pragma_table_list"
                                                    " WHERE name = '%s'", tables[t]);
            g_assert_cmpint (query_int (store, sql), ==, 1);
            g_assert_cmpint (pw_store_count (store, tables[t]), ==, 0);
          }
      }
      /* schema 10: the schedule line carried over, shown as it was */
      if (from >= 7)
        {
          g_autofree char *line = query_text (store,
            "SELECT json_array (contract_id, id, version, contract_version, charge, kind, seller,"
            " period_start, period_end, bill_date, due_date, gross, net, tax, basis, explanation,"
            " created_at, updated_at) FROM schedule_line");

          g_assert_cmpint (pw_store_count (store, "schedule_line"), ==, 1);
          g_assert_cmpstr (line, ==,
            "[\"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b\",\"5d1c0f3e-2b4a-5c6d-8e7f-9a0b1c2d3e4f\",1,1,"
            "\"rent\",\"charge\",\"LL\",\"2024-01-01\",\"2024-03-31\",\"2023-12-17\","
            "\"2024-01-01\",1090000,1000000,90000,"
            "\"100.00 m² × 3.2000/m²/day × 365/12 × 3 months\","
            "\"rent 2024-01-01–2024-03-31: 100.00 m² × 3.2000/m²/day × 365/12 × 3 months, 9% tax"
            " added\",\"2023-12-01T09:00:00Z\",\"2023-12-01T09:00:00Z\"]");
          /* kept small: the id as 16 bytes, the dates as days */
          g_assert_cmpint (query_int (store, "SELECT length (id) FROM schedule_entry"), ==, 16);
          g_assert_cmpint (query_int (store, "SELECT period_start FROM schedule_entry"), ==, 19723);
          /* and removed through the view */
          g_assert_true (pw_store_exec (store, "DELETE FROM schedule_line", &error));
          g_assert_no_error (error);
          g_assert_cmpint (query_int (store, "SELECT count (*) FROM schedule_entry"), ==, 0);
        }
      /* and the upgraded store works through the mutation path */
      {
        g_autoptr(PwSpace) space = pw_ledger_load_space (store, "s", &error);
        g_assert_no_error (error);
        g_assert_true (pw_ledger_change_status (store, "s", pw_space_get_version (space),
                                                PW_SPACE_STATUS_AVAILABLE, "2026-01-31",
                                                "Lease ended", &error));
        g_assert_no_error (error);
      }
      {
        g_autoptr(PwMutation) m = pw_mutation_new_insert ("customer", NULL);
        pw_mutation_set_string (m, "park_id", "p");
        pw_mutation_set_string (m, "kind", "company");
        pw_mutation_set_string (m, "name", "First Tenant Ltd");
        pw_mutation_set_string (m, "tags", "[]");
        g_assert_true (pw_store_apply (store, m, &error));
        g_assert_no_error (error);
      }
      /* schema 9: the outbox rows written since wait to be pushed; the sync tables are there */
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox"), >, 0);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM outbox WHERE state <> 'pending'"
                                         " OR seq IS NOT NULL"), ==, 0);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_context"), ==, 1);
      g_assert_cmpint (query_int (store, "SELECT count(*) FROM sync_change"), ==, 0);
      g_object_unref (store);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/pragmas", test_pragmas);
  ADD ("/store/audit-and-outbox", test_audit_and_outbox);
  ADD ("/store/update-versions", test_update_versions);
  ADD ("/store/batch-is-atomic", test_batch_is_atomic);
  ADD ("/store/bad-mutations", test_bad_mutations);
  ADD ("/store/mid-survives-reopen", test_mid_survives_reopen);
  ADD ("/store/two-writers", test_two_writers);
  ADD ("/store/big-batch", test_big_batch);
  ADD ("/store/store-batch", test_store_batch);
  g_test_add_func ("/store/too-new", test_too_new);
  g_test_add_func ("/store/migrations", test_migrations);
  return g_test_run ();
}
