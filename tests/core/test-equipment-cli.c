/* test-equipment-cli.c — parkwise-cli equipment add / retire (argv[1] is the program)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-fixture.h"

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) root = cli_parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_dup_object (root);
}

static void
test_add (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) refusal = NULL;
  g_autoptr(JsonObject) missing = NULL;

  g_assert_cmpint (run_cli (&run, "equipment", "add", "--db", fx->db, "--code", "T1-EQ-050",
                            "--name", "Booster pump", "--category", "fire_pump",
                            "--space", "T1-B1-003", "--installed", "2025-01-02",
                            "--value", "12,345.60", "--json", NULL), ==, 0);
  item = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (item, "code"), ==, "T1-EQ-050");
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "in_service");
  g_assert_cmpstr (json_object_get_string_member (item, "install_date"), ==, "2025-01-02");
  g_assert_cmpint (json_object_get_int_member (item, "original_value"), ==, 1234560);
  g_assert_nonnull (strstr (json_object_get_string_member (item, "location"), "T1-B1-003"));

  /* the same code again: refused, naming the field */
  g_assert_cmpint (run_cli (&run, "equipment", "add", "--db", fx->db, "--code", "T1-EQ-050",
                            "--name", "Another", "--category", "lift", "--json", NULL), ==, 1);
  refusal = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (refusal, "field"), ==, "code");
  g_assert_nonnull (strstr (run.err, "T1-EQ-050"));

  /* a missing name, an unknown space, a bad amount */
  g_assert_cmpint (run_cli (&run, "equipment", "add", "--db", fx->db, "--code", "T1-EQ-051",
                            "--category", "lift", "--json", NULL), ==, 1);
  missing = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (missing, "field"), ==, "name");
  g_assert_cmpint (run_cli (&run, "equipment", "add", "--db", fx->db, "--code", "T1-EQ-051",
                            "--name", "Pump", "--category", "lift", "--space", "NO-SUCH", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (run.err, "NO-SUCH"));
  g_assert_cmpint (run_cli (&run, "equipment", "add", "--db", fx->db, "--code", "T1-EQ-051",
                            "--name", "Pump", "--category", "lift", "--value", "12.345", NULL),
                   ==, 1);

  /* without --json the new id alone */
  g_assert_cmpint (run_cli (&run, "equipment", "add", "--db", fx->db, "--code", "T1-EQ-051",
                            "--name", "Pump", "--category", "lift", NULL), ==, 0);
  g_assert_cmpuint (strlen (g_strstrip (run.out)), ==, 36);
}

static void
test_retire (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) again = NULL;

  /* a reason is required, and the date must be a date */
  g_assert_cmpint (run_cli (&run, "equipment", "retire", "--db", fx->db, "T1-EQ-009", NULL), ==, 1);
  g_assert_cmpint (run_cli (&run, "equipment", "retire", "--db", fx->db, "T1-EQ-009",
                            "--reason", "Worn", "--date", "2026-02-30", "--json", NULL), ==, 1);
  again = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (again, "field"), ==, "date");
  g_clear_pointer (&again, json_object_unref);
  g_assert_cmpint (run_cli (&run, "equipment", "retire", "--db", fx->db, "NO-SUCH-EQ",
                            "--reason", "Worn", NULL), ==, 1);
  g_assert_cmpint (run_cli (&run, "equipment", "retire", "--db", fx->db, NULL), ==, 2);

  g_assert_cmpint (run_cli (&run, "equipment", "retire", "--db", fx->db, "T1-EQ-009",
                            "--reason", "Replaced by a new pump", "--date", "2026-06-30",
                            "--json", NULL), ==, 0);
  item = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "disposed");
  g_assert_cmpstr (json_object_get_string_member (item, "retired_on"), ==, "2026-06-30");
  g_assert_cmpstr (json_object_get_string_member (item, "reason"), ==, "Replaced by a new pump");

  g_assert_cmpint (run_cli (&run, "equipment", "retire", "--db", fx->db, "T1-EQ-009",
                            "--reason", "Again", "--json", NULL), ==, 1);
  again = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (again, "field"), ==, "status");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  g_test_add ("/equipment-cli/add", CliFixture, NULL, cli_set_up, test_add, cli_tear_down);
  g_test_add ("/equipment-cli/retire", CliFixture, NULL, cli_set_up, test_retire, cli_tear_down);
  return g_test_run ();
}
