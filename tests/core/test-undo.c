/* test-undo.c — undoing a committed change through the mutation path
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "fixture.h"
#include "sync-fixture.h"
#include "pw-change.h"
#include "pw-csv.h"
#include "pw-equipment.h"

static char *
space_id_of (Fixture *f, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT id FROM space WHERE code = ?",
                                                   &error);
  char *id = NULL;

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return id;
}

static gint64
query_int (Fixture *f, const char *sql, const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static JsonObject *
row_of (Fixture *f, const char *entity, const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *row = pw_store_get_row (f->store, entity, id, &error);

  g_assert_no_error (error);
  return row;
}

static void
test_insert (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  PwMutation *m = fixture_space (f, f->floor1, "B1-F01-009", "office", 4000, TRUE, NULL,
                                 "available");
  g_autofree char *id = g_strdup (pw_mutation_get_id (m));
  gint64 spaces = pw_store_count (f->store, "space");
  gint64 outbox = pw_store_count (f->store, "outbox");

  g_assert_true (pw_store_apply_all_undoable (f->store, &m, 1, NULL, NULL, &change, &error));
  g_assert_no_error (error);
  pw_mutation_free (m);
  g_assert_nonnull (change);
  g_assert_cmpuint (pw_change_get_n_records (change), ==, 1);
  g_assert_null (pw_change_get_before (change, 0));
  g_assert_cmpstr (json_object_get_string_member (pw_change_get_after (change, 0), "code"), ==,
                   "B1-F01-009");
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + 1);

  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_null (space_id_of (f, "B1-F01-009"));
  /* the insert and its undo are both in the audit trail and the outbox */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM audit WHERE entity_id = ?", id), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE entity_id = ? AND op = 'delete'",
                              id), ==, 1);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox + 2);
}

static void
test_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autoptr(PwChange) undo = NULL;
  g_autofree char *id = space_id_of (f, "B1-F01-003");
  g_autoptr(JsonObject) before = row_of (f, "space", id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "name", "Corner office");
  json_object_set_int_member (fields, "gross_area", 6100);
  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_update_space (f->store, id, json_object_get_int_member (before, "version"),
                                         fields, &error));
  g_assert_no_error (error);
  change = pw_store_record_end (f->store);
  g_assert_nonnull (change);
  /* the space and its "changed" history row */
  g_assert_cmpuint (pw_change_get_n_records (change), ==, 2);

  g_assert_true (pw_store_undo (f->store, change, &undo, &error));
  g_assert_no_error (error);
  after = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==,
                   json_object_get_string_member (before, "name"));
  g_assert_cmpint (json_object_get_int_member (after, "gross_area"), ==,
                   json_object_get_int_member (before, "gross_area"));
  /* a new version, not the old one back */
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==,
                   json_object_get_int_member (before, "version") + 2);
  /* the history row stays, answered by an "undone" one */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'changed'", id), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'undone'", id), ==, 1);
  /* the undo is itself a change that can be undone (a redo) */
  g_assert_nonnull (undo);
  g_assert_true (pw_store_undo (f->store, undo, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, json_object_unref);
  after = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, "Corner office");
}

static void
test_delete (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *id = space_id_of (f, "B1-F02-003");
  g_autoptr(JsonObject) before = row_of (f, "space", id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(PwMutation) m = pw_mutation_new_delete ("space", id,
                                                    json_object_get_int_member (before, "version"));
  const char *const *columns = pw_store_entity_columns ("space");

  g_assert_true (pw_store_apply_all_undoable (f->store, &m, 1, NULL, NULL, &change, &error));
  g_assert_no_error (error);
  g_assert_null (space_id_of (f, "B1-F02-003"));
  g_assert_null (pw_change_get_after (change, 0));

  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  /* back with the same id and every field as it was */
  after = row_of (f, "space", id);
  for (guint i = 0; columns[i] != NULL; i++)
    g_assert_true (json_node_equal (json_object_get_member (before, columns[i]),
                                    json_object_get_member (after, columns[i])));
  /* its first insert and the undo's */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM outbox WHERE entity_id = ? AND op = 'insert'",
                              id), ==, 2);
}

static void
test_status_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *id = space_id_of (f, "B1-F01-003");
  g_autoptr(JsonObject) before = row_of (f, "space", id);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_change_status (f->store, id, json_object_get_int_member (before, "version"),
                                          PW_SPACE_STATUS_DISPOSED, "2026-01-05", "Demolished",
                                          &error));
  g_assert_no_error (error);
  change = pw_store_record_end (f->store);

  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  after = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "available");
  g_assert_true (json_node_equal (json_object_get_member (before, "status_since"),
                                  json_object_get_member (after, "status_since")));
  /* the status history has the change and, newest, the way back */
  stmt = pw_store_prepare (f->store, "SELECT from_status, to_status, reason FROM space_status"
                           " WHERE space_id = ? ORDER BY rowid", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "disposed");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "disposed");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "available");
  g_assert_true (g_str_has_suffix ((const char *) sqlite3_column_text (stmt, 2), "Demolished"));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  /* the "disposed" event is answered too, and the history lists all of it */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'undone'", id), ==, 1);
  history = pw_ledger_load_history (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, >=, 4);
}

static void
test_stocktake (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *id = space_id_of (f, "B1-F02-002");
  g_autoptr(JsonObject) row = row_of (f, "space", id);

  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_record_stocktake (f->store, id, "2026-02-01", "3 desks", &error));
  g_assert_no_error (error);
  change = pw_store_record_end (f->store);
  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'stocktaken'", id), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'undone' AND note LIKE '%2026-02-01%3 desks'", id), ==, 1);
  /* the space itself was not touched */
  g_clear_pointer (&row, json_object_unref);
  row = row_of (f, "space", id);
  g_assert_cmpint (json_object_get_int_member (row, "version"), ==, 1);
}

/* A CSV import of many new rows and a few changed ones, undone in one change. */
static void
test_bulk_import (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("code,building,floor,kind,internal_area,name,status\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *changed_id = space_id_of (f, "B1-F01-002");
  g_autoptr(JsonObject) before = row_of (f, "space", changed_id);
  g_autoptr(JsonObject) after = NULL;
  gint64 spaces = pw_store_count (f->store, "space");
  gint64 audit;
  const guint n = 400;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "B1-F02-%03u,B1,F02,office,%u.50,Room %u,available\n", 100 + i,
                            10 + i % 50, i);
  g_string_append (csv, "B1-F01-002,B1,F01,office,100,Renamed,under_repair\n");
  bytes = g_bytes_new (csv->str, csv->len);
  import = pw_csv_import_prepare (f->store, f->park, bytes, "spaces.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, n);
  g_assert_cmpuint (pw_csv_import_get_n_updated (import), ==, 1);

  pw_store_record_begin (f->store);
  g_assert_true (pw_csv_import_commit (import, &error));
  g_assert_no_error (error);
  change = pw_store_record_end (f->store);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + n);
  audit = pw_store_count (f->store, "audit");

  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  after = row_of (f, "space", changed_id);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==,
                   json_object_get_string_member (before, "name"));
  g_assert_cmpstr (json_object_get_string_member (after, "status"), ==, "leased");
  /* n deletions, one update and two history answers, all audited */
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + n + 3);
}

static void
test_refused_after_later_change (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *id = space_id_of (f, "B1-F01-004");
  g_autoptr(JsonObject) row = row_of (f, "space", id);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) later = NULL;
  gint64 audit;

  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_change_status (f->store, id, json_object_get_int_member (row, "version"),
                                          PW_SPACE_STATUS_UNDER_REPAIR, "2026-03-01", "Leak",
                                          &error));
  g_assert_no_error (error);
  change = pw_store_record_end (f->store);

  /* someone edits the space afterwards */
  json_object_set_string_member (fields, "notes", "Pipe replaced");
  g_assert_true (pw_ledger_update_space (f->store, id, json_object_get_int_member (row, "version") + 1,
                                         fields, &error));
  g_assert_no_error (error);
  audit = pw_store_count (f->store, "audit");

  g_assert_false (pw_store_undo (f->store, change, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "B1-F01-004"));
  /* nothing written */
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  later = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (later, "status"), ==, "under_repair");
  g_clear_error (&error);

}

static void
test_undo_twice_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *id = space_id_of (f, "B1-F02-002");
  g_autoptr(JsonObject) fields = json_object_new ();

  json_object_set_string_member (fields, "name", "Big room");
  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_update_space (f->store, id, 1, fields, &error));
  change = pw_store_record_end (f->store);
  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_undo (f->store, change, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
}

/* An undo list: each step undone last first with pw_store_undo_step(), which takes the
 * record rewritten by the later step's undo as unchanged; a change by someone else is not. */
static void
test_undo_list (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) first = NULL;
  g_autoptr(PwChange) second = NULL;
  g_autoptr(PwChange) third = NULL;
  g_autofree char *id = space_id_of (f, "B1-F02-002");
  g_autoptr(JsonObject) row = row_of (f, "space", id);
  g_autofree char *name = g_strdup (json_object_get_string_member (row, "name"));
  const char *const names[] = { "Room A", "Room B", "Room C" };
  PwChange **changes[] = { &first, &second, &third };
  g_autoptr(JsonObject) now = NULL;
  g_autoptr(JsonObject) notes = json_object_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(JsonObject) cur = row_of (f, "space", id);

      json_object_set_string_member (fields, "name", names[i]);
      pw_store_record_begin (f->store);
      g_assert_true (pw_ledger_update_space (f->store, id, json_object_get_int_member (cur, "version"),
                                             fields, &error));
      g_assert_no_error (error);
      *changes[i] = pw_store_record_end (f->store);
      g_assert_nonnull (*changes[i]);
    }

  g_assert_true (pw_store_undo_step (f->store, third, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* the plain undo goes by version, which the undo of the third moved on */
  g_assert_false (pw_store_undo (f->store, second, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (pw_store_undo_step (f->store, second, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  now = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (now, "name"), ==, "Room A");

  /* someone else changes another field: the first step is refused, nothing written */
  json_object_set_string_member (notes, "notes", "Painted");
  g_assert_true (pw_ledger_update_space (f->store, id, json_object_get_int_member (now, "version"),
                                         notes, &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_undo_step (f->store, first, NULL, NULL, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_pointer (&now, json_object_unref);
  now = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (now, "name"), ==, "Room A");
  g_assert_cmpstr (name, !=, "Room A");
}

/* Several steps of an undo list in one call: one transaction, each step answered as
 * pw_store_undo_step() answers it (the answers redo), all or nothing. */
static void
test_undo_steps (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id_of (f, "B1-F02-002");
  g_autoptr(JsonObject) row = row_of (f, "space", id);
  g_autofree char *name = g_strdup (json_object_get_string_member (row, "name"));
  const char *const names[] = { "Room A", "Room B", "Room C" };
  PwChange *changes[3] = { NULL };
  PwChange *newest_first[3];
  g_autoptr(GPtrArray) undos = NULL;
  g_autoptr(GPtrArray) redos = NULL;
  g_autoptr(JsonObject) now = NULL;
  g_autoptr(JsonObject) notes = json_object_new ();
  gint64 audit, outbox;
  guint64 revision;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(JsonObject) cur = row_of (f, "space", id);

      json_object_set_string_member (fields, "name", names[i]);
      pw_store_record_begin (f->store);
      g_assert_true (pw_ledger_update_space (f->store, id, json_object_get_int_member (cur, "version"),
                                             fields, &error));
      g_assert_no_error (error);
      changes[i] = pw_store_record_end (f->store);
      g_assert_nonnull (changes[i]);
      newest_first[G_N_ELEMENTS (names) - 1 - i] = changes[i];
    }

  /* someone else changes the space: the whole call is refused, nothing written */
  json_object_set_string_member (notes, "notes", "Painted");
  now = row_of (f, "space", id);
  g_assert_true (pw_ledger_update_space (f->store, id, json_object_get_int_member (now, "version"),
                                         notes, &error));
  g_assert_no_error (error);
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_store_undo_steps (f->store, newest_first, 3, NULL, NULL, &undos, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_null (undos);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_clear_pointer (&now, json_object_unref);
  now = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (now, "name"), ==, "Room C");

  /* the notes put back: all three undone in one transaction (one revision) */
  json_object_set_string_member (notes, "notes", json_object_get_string_member (row, "notes"));
  g_assert_true (pw_ledger_update_space (f->store, id, json_object_get_int_member (now, "version"),
                                         notes, &error));
  g_assert_no_error (error);
  audit = pw_store_count (f->store, "audit");
  outbox = pw_store_count (f->store, "outbox");
  revision = pw_store_get_revision (f->store);
  g_assert_true (pw_store_undo_steps (f->store, newest_first, 3, NULL, NULL, &undos, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pw_store_get_revision (f->store), ==, revision + 1);
  g_assert_cmpuint (undos->len, ==, 3);
  /* each step is written as itself (the space, and its history's answer), each
   * record audited and in the outbox */
  {
    gint64 written = 0;

    for (guint i = 0; i < undos->len; i++)
      {
        g_assert_cmpuint (pw_change_get_n_records (undos->pdata[i]), ==, 2);
        g_assert_cmpstr (pw_change_get_entity (undos->pdata[i], 0), ==, "space");
        written += pw_change_get_n_records (undos->pdata[i]);
      }
    g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + written);
    g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox + written);
  }
  g_clear_pointer (&now, json_object_unref);
  now = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (now, "name"), ==, name);

  /* the answers redo, oldest undone first, again in one call */
  {
    PwChange *redo[3] = { undos->pdata[2], undos->pdata[1], undos->pdata[0] };

    g_assert_true (pw_store_undo_steps (f->store, redo, 3, NULL, NULL, &redos, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&now, json_object_unref);
  now = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (now, "name"), ==, "Room C");
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    pw_change_unref (changes[i]);
}

/* The highest outbox number written, and the one the store gives next */
static void
outbox_numbers (Fixture *f, gint64 *last, gint64 *next)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT (SELECT coalesce (max (mid), 0) FROM outbox),"
    " (SELECT value FROM meta WHERE key = 'next_mid')", NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *last = sqlite3_column_int64 (stmt, 0);
  *next = sqlite3_column_int64 (stmt, 1);
}

/* Steps undone in one call, the oldest refused after the newer ones were written
 * (in the call's transaction): nothing of any step stays, not an audit or an outbox
 * row, and the outbox's numbering goes on from where it was. */
static void
test_undo_steps_refused_late (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = space_id_of (f, "B1-F02-002");
  g_autofree char *second = space_id_of (f, "B1-F02-003");
  const char *ids[3] = { first, second, second };
  const char *const names[] = { "Room A", "Room B", "Room C" };
  PwChange *newest_first[3];
  g_autoptr(GPtrArray) undos = NULL;
  g_autoptr(JsonObject) notes = json_object_new ();
  g_autoptr(JsonObject) row = NULL;
  gint64 audit, outbox, last, next, last_after, next_after;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autoptr(JsonObject) cur = row_of (f, "space", ids[i]);

      json_object_set_string_member (fields, "name", names[i]);
      pw_store_record_begin (f->store);
      g_assert_true (pw_ledger_update_space (f->store, ids[i],
                                             json_object_get_int_member (cur, "version"),
                                             fields, &error));
      g_assert_no_error (error);
      newest_first[G_N_ELEMENTS (names) - 1 - i] = pw_store_record_end (f->store);
      g_assert_nonnull (newest_first[G_N_ELEMENTS (names) - 1 - i]);
    }
  /* someone else changes the space only the oldest step wrote */
  row = row_of (f, "space", first);
  json_object_set_string_member (notes, "notes", "Painted");
  g_assert_true (pw_ledger_update_space (f->store, first, json_object_get_int_member (row, "version"),
                                         notes, &error));
  g_assert_no_error (error);

  audit = pw_store_count (f->store, "audit");
  outbox = pw_store_count (f->store, "outbox");
  outbox_numbers (f, &last, &next);
  g_assert_cmpint (next, ==, last + 1);
  g_assert_false (pw_store_undo_steps (f->store, newest_first, 3, NULL, NULL, &undos, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "B1-F02-002"));
  g_clear_error (&error);
  g_assert_null (undos);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox);
  g_clear_pointer (&row, json_object_unref);
  row = row_of (f, "space", second);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Room C");

  /* the two newer steps alone: written, numbered on from the last outbox row */
  g_assert_true (pw_store_undo_steps (f->store, newest_first, 2, NULL, NULL, &undos, &error));
  g_assert_no_error (error);
  outbox_numbers (f, &last_after, &next_after);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox + 4);
  g_assert_cmpint (last_after, ==, last + 4);
  g_assert_cmpint (next_after, ==, last_after + 1);
  for (guint i = 0; i < G_N_ELEMENTS (newest_first); i++)
    pw_change_unref (newest_first[i]);
}

/* A space the change inserted, whose status changed since (and back, by that change's
 * undo), is not deleted by undo: its status history would lose its subject. It is
 * retired instead, as a merge disposes a part: disposed, without an outline, with a
 * status row that says why. A space whose status is not back is refused. */
static void
test_insert_with_later_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) insert = NULL;
  g_autoptr(PwChange) status = NULL;
  PwMutation *m = fixture_space (f, f->floor1, "B1-F01-009", "office", 4000, TRUE, NULL,
                                 "available");
  g_autofree char *id = g_strdup (pw_mutation_get_id (m));
  g_autoptr(JsonObject) row = NULL;
  gint64 spaces, history;

  g_assert_true (pw_store_apply_all_undoable (f->store, &m, 1, NULL, NULL, &insert, &error));
  g_assert_no_error (error);
  pw_mutation_free (m);
  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_change_status (f->store, id, 1, PW_SPACE_STATUS_UNDER_REPAIR,
                                          "2026-03-01", "Leak", &error));
  g_assert_no_error (error);
  status = pw_store_record_end (f->store);
  g_assert_true (pw_store_undo_step (f->store, status, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  spaces = pw_store_count (f->store, "space");
  history = pw_store_count (f->store, "space_status");
  g_assert_true (pw_store_undo_step (f->store, insert, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_cmpint (pw_store_count (f->store, "space_status"), ==, history + 1);
  row = row_of (f, "space", id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "disposed");
  g_assert_true (json_object_get_null_member (row, "outline"));
  {
    g_autoptr(GPtrArray) entries = pw_ledger_load_history (f->store, id, &error);
    gboolean found = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < entries->len; i++)
      {
        PwHistoryEntry *e = entries->pdata[i];

        found |= g_strcmp0 (e->reason, "Undone: B1-F01-009") == 0;
      }
    g_assert_true (found);
  }

  /* not back: a status change that stays is a change since, refused */
  m = fixture_space (f, f->floor1, "B1-F01-010", "office", 4000, TRUE, NULL, "available");
  g_clear_pointer (&id, g_free);
  id = g_strdup (pw_mutation_get_id (m));
  g_clear_pointer (&insert, pw_change_unref);
  g_assert_true (pw_store_apply_all_undoable (f->store, &m, 1, NULL, NULL, &insert, &error));
  g_assert_no_error (error);
  pw_mutation_free (m);
  g_assert_true (pw_ledger_change_status (f->store, id, 1, PW_SPACE_STATUS_UNDER_REPAIR,
                                          "2026-03-01", "Leak", &error));
  g_assert_no_error (error);
  spaces = pw_store_count (f->store, "space");
  history = pw_store_count (f->store, "space_status");
  g_assert_false (pw_store_undo_step (f->store, insert, NULL, NULL, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "B1-F01-010"));
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_cmpint (pw_store_count (f->store, "space_status"), ==, history);
}

/* A failed change records nothing; an empty recording is NULL. */
static void
test_rollback_records_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id_of (f, "B1-F02-002");
  g_autoptr(PwMutation) stale = pw_mutation_new_update ("space", id, 99);

  pw_mutation_set_string (stale, "name", "x");
  pw_store_record_begin (f->store);
  g_assert_false (pw_store_apply (f->store, stale, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_null (pw_store_record_end (f->store));
}

/* The outbox: the undo is pushed like any change; a server store keeps none. */
static void
test_outbox (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *id = space_id_of (f, "B1-F01-003");
  gint64 outbox, mid;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_true (pw_store_get_outbox_enabled (f->store));
  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_change_status (f->store, id, 1, PW_SPACE_STATUS_RESERVED, "2026-04-01",
                                          "Held for a tenant", &error));
  change = pw_store_record_end (f->store);
  outbox = pw_store_count (f->store, "outbox");
  mid = pw_store_get_next_mid (f->store);

  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  /* the space back (update) and the status history's answer (insert) */
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox + 2);
  stmt = pw_store_prepare (f->store, "SELECT entity, op, fields, base_version FROM outbox"
                           " WHERE mid >= ? ORDER BY mid", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, mid);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "space");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "update");
  g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 2), "\"available\""));
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 2);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "space_status");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "insert");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (pw_store_get_next_mid (f->store), ==, mid + 2);

  /* a server store: audited, but no outbox rows */
  g_clear_pointer (&change, pw_change_unref);
  pw_store_set_outbox_enabled (f->store, FALSE);
  outbox = pw_store_count (f->store, "outbox");
  pw_store_record_begin (f->store);
  g_assert_true (pw_ledger_record_stocktake (f->store, id, "2026-04-02", "", &error));
  change = pw_store_record_end (f->store);
  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox);
}

/* A derived table: the number of spaces, computed again from them. */
static gboolean
count_spaces (PwStore *store, gpointer data, GError **error)
{
  *(int *) data += 1;
  return pw_store_exec (store, "DELETE FROM meta WHERE key = 'test_spaces';"
                        " INSERT INTO meta (key, value) SELECT 'test_spaces', count(*) FROM space",
                        error);
}

static void
test_derived (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  PwMutation *m = fixture_space (f, f->floor2, "B1-F02-050", "office", 4000, TRUE, NULL,
                                 "available");
  gint64 spaces = pw_store_count (f->store, "space");
  int runs = 0;

  g_assert_true (pw_store_apply_all_undoable (f->store, &m, 1, count_spaces, &runs, &change,
                                              &error));
  g_assert_no_error (error);
  pw_mutation_free (m);
  g_assert_true (pw_change_has_derived (change));
  g_assert_cmpint (query_int (f, "SELECT value FROM meta WHERE key = 'test_spaces'", NULL), ==,
                   spaces + 1);

  /* without the func that writes them again the derived rows would go stale */
  g_assert_false (pw_store_undo (f->store, change, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + 1);

  g_assert_true (pw_store_undo_full (f->store, change, count_spaces, &runs, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (runs, ==, 2);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_cmpint (query_int (f, "SELECT value FROM meta WHERE key = 'test_spaces'", NULL), ==,
                   spaces);
}


/* Equipment added, then retired: each undone; history answered, never deleted. */
static void
test_equipment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(PwChange) added = NULL;
  g_autoptr(PwChange) retired = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autofree char *today = pw_today_iso ();
  g_autofree char *id = NULL;

  json_object_set_string_member (fields, "code", "B1-EQ-001");
  json_object_set_string_member (fields, "name", "Lift");
  json_object_set_string_member (fields, "category", "lift");
  pw_store_record_begin (f->store);
  id = pw_equipment_create (f->store, f->park, fields, &error);
  g_assert_no_error (error);
  added = pw_store_record_end (f->store);

  pw_store_record_begin (f->store);
  g_assert_true (pw_equipment_retire (f->store, id, 1, today, "Worn out", &error));
  g_assert_no_error (error);
  retired = pw_store_record_end (f->store);

  /* the addition cannot be undone while the retirement stands */
  g_assert_false (pw_store_undo (f->store, added, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "B1-EQ-001"));
  g_clear_error (&error);

  g_assert_true (pw_store_undo (f->store, retired, NULL, &error));
  g_assert_no_error (error);
  row = row_of (f, "equipment", id);
  g_assert_cmpstr (json_object_get_string_member (row, "status"), ==, "in_service");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'disposed'", id), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'undone' AND note LIKE '%Worn out'", id), ==, 1);

  /* the addition still cannot: the undo of the retirement changed the item */
  g_assert_false (pw_store_undo (f->store, added, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
}

/* ---- with a server ---------------------------------------------------------- */

static PwSyncActor *
manager (const char *user, const char *park)
{
  PwSyncActor *actor = pw_sync_actor_new (user, FALSE);

  pw_sync_actor_grant (actor, park, PW_SYNC_ROLE_ASSET_MANAGER);
  return actor;
}

static char *
status_of (PwStore *store, const char *space_id)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "space", space_id, NULL);

  g_assert_nonnull (row);
  return g_strdup (json_object_get_string_member (row, "status"));
}

static PwChange *
change_status (PwStore *store, const char *space_id, PwSpaceStatus status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (store, "space", space_id, &error);

  g_assert_no_error (error);
  pw_store_record_begin (store);
  g_assert_true (pw_ledger_change_status (store, space_id, json_object_get_int_member (row, "version"),
                                          status, "2026-05-01", "Held", &error));
  g_assert_no_error (error);
  return pw_store_record_end (store);
}

/* An undo is pushed and reaches the other desktops like any change; pulling
 * one's own change back does not count as a change since. */
static void
test_synced (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *id = net_space_id (a, "B1-F01-003");
  g_autoptr(PwChange) change = change_status (a, id, PW_SPACE_STATUS_RESERVED);
  g_autofree char *status = NULL;

  net_sync (n, a, 10);
  net_sync (n, b, 10);
  status = status_of (b, id);
  g_assert_cmpstr (status, ==, "reserved");

  g_assert_true (pw_store_undo (a, change, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_sync_client_count_pending (a), ==, 2);
  net_sync (n, a, 10);
  g_assert_cmpint (pw_sync_client_count_pending (a), ==, 0);
  net_sync (n, b, 10);
  g_free (status);
  status = status_of (b, id);
  g_assert_cmpstr (status, ==, "available");
  g_free (status);
  status = status_of (n->f.store, id);
  g_assert_cmpstr (status, ==, "available");
  /* both status changes on the server and on the other desktop */
  g_assert_cmpint (net_int (b, "SELECT count(*) FROM space_status"), ==, 2);
  g_assert_cmpint (net_int (n->f.store, "SELECT count(*) FROM space_status"), ==, 2);
  net_assert_converged (n);
}

/* Someone else's edit, arrived by a pull, makes the undo refuse. */
static void
test_refused_after_pull (Net *n, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwStore *a = net_add_client (n, manager ("alice", n->f.park));
  PwStore *b = net_add_client (n, manager ("bob", n->f.park));
  g_autofree char *id = net_space_id (a, "B1-F01-003");
  g_autoptr(PwChange) change = change_status (a, id, PW_SPACE_STATUS_RESERVED);
  g_autoptr(PwChange) other = NULL;
  g_autofree char *status = NULL;

  net_sync (n, a, 10);
  net_sync (n, b, 10);
  other = change_status (b, id, PW_SPACE_STATUS_LEASED);
  net_sync (n, b, 10);
  net_sync (n, a, 10);

  g_assert_false (pw_store_undo (a, change, NULL, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "B1-F01-003"));
  g_assert_cmpint (pw_sync_client_count_pending (a), ==, 0);
  status = status_of (a, id);
  g_assert_cmpstr (status, ==, "leased");
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/undo/insert", test_insert);
  ADD ("/undo/update", test_update);
  ADD ("/undo/delete", test_delete);
  ADD ("/undo/status-change", test_status_change);
  ADD ("/undo/stocktake", test_stocktake);
  ADD ("/undo/bulk-import", test_bulk_import);
  ADD ("/undo/equipment", test_equipment);
  ADD ("/undo/refused-after-later-change", test_refused_after_later_change);
  ADD ("/undo/twice-refused", test_undo_twice_refused);
  ADD ("/undo/undo-list", test_undo_list);
  ADD ("/undo/steps", test_undo_steps);
  ADD ("/undo/steps-refused-late", test_undo_steps_refused_late);
  ADD ("/undo/insert-with-later-history", test_insert_with_later_history);
  ADD ("/undo/rollback-records-nothing", test_rollback_records_nothing);
  ADD ("/undo/outbox", test_outbox);
  ADD ("/undo/derived", test_derived);
#undef ADD
  g_test_add ("/undo/synced", Net, NULL, net_set_up, test_synced, net_tear_down);
  g_test_add ("/undo/refused-after-pull", Net, NULL, net_set_up, test_refused_after_pull,
              net_tear_down);
  return g_test_run ();
}
