/* test-sql-json.c — rows as JSON and JSON bound to statements, both ways
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "pw-sql-json.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (a, b, c, d, e, f)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  return db;
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

/* Each kind of value read back from a row, by column name. */
static void
test_row (void)
{
  sqlite3 *db = open_db ();
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
      "SELECT NULL AS n, 9007199254740993 AS big, -9223372036854775808 AS min, "
      "'园区 A' AS t, x'00112233445566778899aabbccddeeff' AS uuid, x'010203' AS raw, "
      "2.5 AS r");
  g_autoptr(JsonObject) row = NULL;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  row = pw_sql_row_to_json (stmt);
  g_assert_cmpuint (json_object_get_size (row), ==, 7);
  g_assert_true (json_object_get_null_member (row, "n"));
  /* 2^53 + 1 is not a double: it must come back as the integer it is */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (row, "big")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (row, "big"), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpint (json_object_get_int_member (row, "min"), ==, G_MININT64);
  g_assert_cmpstr (json_object_get_string_member (row, "t"), ==, "园区 A");
  g_assert_cmpstr (json_object_get_string_member (row, "uuid"), ==,
                   "00112233-4455-6677-8899-aabbccddeeff");
  g_assert_cmpstr (json_object_get_string_member (row, "raw"), ==, "AQID");
  g_assert_cmpfloat (json_object_get_double_member (row, "r"), ==, 2.5);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
}

/* A JSON object's members bound to a statement and read back unchanged. */
static void
test_round_trip (void)
{
  sqlite3 *db = open_db ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *in;
  g_autoptr(JsonObject) out = NULL;
  const char *names[] = { "a", "b", "c", "d", "e", "f" };
  g_autoptr(sqlite3_stmt) ins = prepare (db, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)");
  g_autoptr(sqlite3_stmt) sel = prepare (db, "SELECT a, b, c, d, e, f, typeof (b) AS tb, "
                                             "typeof (e) AS te FROM t");

  g_assert_true (json_parser_load_from_data (parser,
      "{\"a\": null, \"b\": 9223372036854775807, \"c\": \"text\", \"d\": true,"
      " \"e\": [1, \"x\"], \"f\": -9007199254740993}", -1, NULL));
  in = json_node_get_object (json_parser_get_root (parser));
  for (int i = 0; i < 6; i++)
    g_assert_cmpint (pw_sql_bind_json (ins, i + 1, json_object_get_member (in, names[i])),
                     ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (ins), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_step (sel), ==, SQLITE_ROW);
  out = pw_sql_row_to_json (sel);
  g_assert_true (json_object_get_null_member (out, "a"));
  g_assert_cmpstr (json_object_get_string_member (out, "tb"), ==, "integer");
  g_assert_cmpint (json_object_get_int_member (out, "b"), ==, G_MAXINT64);
  g_assert_cmpstr (json_object_get_string_member (out, "c"), ==, "text");
  g_assert_cmpint (json_object_get_int_member (out, "d"), ==, 1);
  /* a nested value is kept as its JSON text, not lost as null */
  g_assert_cmpstr (json_object_get_string_member (out, "te"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (out, "e"), ==, "[1,\"x\"]");
  g_assert_cmpint (json_object_get_int_member (out, "f"), ==, G_GINT64_CONSTANT (-9007199254740993));
  /* a missing member binds null */
  sqlite3_reset (ins);
  g_assert_cmpint (pw_sql_bind_json (ins, 1, NULL), ==, SQLITE_OK);
  g_clear_pointer (&ins, sqlite3_finalize);
  g_clear_pointer (&sel, sqlite3_finalize);
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sql-json/row", test_row);
  g_test_add_func ("/sql-json/round-trip", test_round_trip);
  return g_test_run ();
}
