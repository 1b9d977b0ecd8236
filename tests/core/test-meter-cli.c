/* test-meter-cli.c — parkwise-cli meter add|replace|list, reading add|import
 * (argv[1] is the program; docs/cli.md, "Meters and readings")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-run.h"

typedef struct
{
  char *dir;
  char *db;
} CliFixture;

static void
cli_set_up (CliFixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };

  fx->dir = g_dir_make_tmp ("pw-meter-cli-XXXXXX", &error);
  g_assert_no_error (error);
  fx->db = g_build_filename (fx->dir, "demo.db", NULL);
  g_assert_cmpint (run_cli (&run, "demo", "--db", fx->db, NULL), ==, 0);
}

static void
cli_tear_down (CliFixture *fx, gconstpointer data)
{
  g_autoptr(GDir) dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->dir);
  g_free (fx->db);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static JsonObject *
listed (CliFixture *fx, const char *code)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonObject) o = NULL;
  JsonArray *meters;

  g_assert_cmpint (run_cli (&run, "meter", "list", "--db", fx->db, "--json", NULL), ==, 0);
  o = parse_object (run.out);
  meters = json_object_get_array_member (o, "meters");
  for (guint i = 0; i < json_array_get_length (meters); i++)
    {
      JsonObject *m = json_array_get_object_element (meters, i);

      if (g_str_equal (json_object_get_string_member (m, "code"), code))
        return json_object_ref (m);
    }
  return NULL;
}

static const char *
last_date (JsonObject *m)
{
  JsonNode *n = json_object_get_member (m, "last_reading");

  return JSON_NODE_HOLDS_NULL (n) ? NULL
         : json_object_get_string_member (json_node_get_object (n), "date");
}

static void
test_meter_round (CliFixture *fx, gconstpointer data)
{
  g_auto(Run) run = { 0, };
  g_autoptr(JsonObject) o = NULL, m = NULL;
  g_autofree char *csv = g_build_filename (fx->dir, "readings.csv", NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *problems;

  g_assert_cmpint (run_cli (&run, "meter", "add", "--db", fx->db, "--code", "CLI-E1",
                            "--kind", "electricity", "--ct", "200/5", "--digits", "5",
                            "--location", "T1-B1-003", "--route", "1", "--json", NULL), ==, 0);
  o = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "code"), ==, "CLI-E1");
  g_clear_pointer (&o, json_object_unref);
  m = listed (fx, "CLI-E1");
  g_assert_nonnull (m);
  g_assert_cmpstr (json_object_get_string_member (m, "multiplier"), ==, "40");
  g_assert_null (last_date (m));
  g_clear_pointer (&m, json_object_unref);

  /* refusals name their field */
  g_assert_cmpint (run_cli (&run, "meter", "add", "--db", fx->db, "--code", "CLI-E2",
                            "--kind", "electricity", "--ct", "200:5", "--json", NULL), ==, 1);
  o = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "field"), ==, "ct");
  g_clear_pointer (&o, json_object_unref);

  g_assert_cmpint (run_cli (&run, "reading", "add", "--db", fx->db, "--meter", "CLI-E1",
                            "--date", "2026-09-30", "--value", "99000", "--json", NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "reading", "add", "--db", fx->db, "--meter", "CLI-E1",
                            "--date", "2026-10-31", "--value", "300", "--json", NULL), ==, 1);
  o = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "field"), ==, "rollover");
  g_clear_pointer (&o, json_object_unref);
  g_assert_cmpint (run_cli (&run, "reading", "add", "--db", fx->db, "--meter", "CLI-E1",
                            "--date", "2026-10-31", "--value", "300", "--rollover", NULL), ==, 0);

  /* an import with bad rows writes nothing and names them */
  g_file_set_contents (csv, "meter,date,register,value\n"
                            "CLI-E1,2026-11-30,,900\n"
                            "CLI-E1,2026-12-31,,800\n"
                            "NOPE,2026-12-31,,1\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run_cli (&run, "reading", "import", "--db", fx->db, csv, "--dry-run",
                            "--json", NULL), ==, 1);
  o = parse_object (run.out);
  g_assert_cmpint (json_object_get_int_member (o, "rows"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (o, "written"), ==, 0);
  problems = json_object_get_array_member (o, "problems");
  g_assert_cmpuint (json_array_get_length (problems), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 0),
                                               "line"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 0),
                                                  "field"), ==, "rollover");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (problems, 1),
                                               "line"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (problems, 1),
                                                  "field"), ==, "meter");
  g_clear_pointer (&o, json_object_unref);
  /* without --dry-run, still nothing: the file has bad rows */
  g_assert_cmpint (run_cli (&run, "reading", "import", "--db", fx->db, csv, NULL), ==, 1);
  g_assert_nonnull (strstr (run.out, ":4: meter:"));
  m = listed (fx, "CLI-E1");
  g_assert_cmpstr (last_date (m), ==, "2026-10-31");
  g_clear_pointer (&m, json_object_unref);

  g_file_set_contents (csv, "meter,date,register,value\nCLI-E1,2026-11-30,,900\n", -1, &error);
  g_assert_cmpint (run_cli (&run, "reading", "import", "--db", fx->db, csv, "--json", NULL), ==, 0);
  o = parse_object (run.out);
  g_assert_cmpint (json_object_get_int_member (o, "written"), ==, 1);
  g_clear_pointer (&o, json_object_unref);

  /* the meter is changed: the new one starts at 0 */
  g_assert_cmpint (run_cli (&run, "meter", "replace", "--db", fx->db, "--code", "CLI-E1",
                            "--date", "2026-12-10", "--final", "950", "--opening", "total=0",
                            "--serial", "SN-2", "--json", NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "reading", "add", "--db", fx->db, "--meter", "CLI-E1",
                            "--date", "2026-12-31", "--value", "25", NULL), ==, 0);
  m = listed (fx, "CLI-E1");
  g_assert_cmpstr (last_date (m), ==, "2026-12-31");
  g_assert_cmpstr (json_object_get_string_member (m, "serial"), ==, "SN-2");

  /* a correction needs a reason, and a reading on that day */
  g_assert_cmpint (run_cli (&run, "reading", "correct", "--db", fx->db, "--meter", "CLI-E1",
                            "--date", "2026-12-31", "--value", "30", NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "reading", "correct", "--db", fx->db, "--meter", "CLI-E1",
                            "--date", "2026-12-30", "--value", "30", "--reason", "misread",
                            "--json", NULL), ==, 1);
  g_clear_pointer (&o, json_object_unref);
  o = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (o, "field"), ==, "date");
  g_clear_pointer (&o, json_object_unref);
  g_assert_cmpint (run_cli (&run, "reading", "correct", "--db", fx->db, "--meter", "CLI-E1",
                            "--date", "2026-12-31", "--value", "30", "--reason", "misread",
                            "--on", "2027-01-05", "--json", NULL), ==, 0);
  o = parse_object (run.out);
  g_assert_nonnull (json_object_get_string_member (o, "correction"));
  g_clear_pointer (&m, json_object_unref);
  m = listed (fx, "CLI-E1");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (m, "last_reading"), "values"), "total"),
                   ==, "30");

  /* the plain list names it */
  g_assert_cmpint (run_cli (&run, "meter", "list", "--db", fx->db, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "CLI-E1"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_assert_cmpint (argc, >=, 2);
  cli_path = argv[1];
  g_test_add ("/meter-cli/round", CliFixture, NULL, cli_set_up, test_meter_round, cli_tear_down);
  return g_test_run ();
}
