/* test-plan-edit-cli.c — parkwise-cli plan split and plan merge on the demo park (the
 * program's path is argv[1])
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-run.h"

static JsonObject *
parse_object (JsonParser *parser, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The number of the running contract that `contract list` shows holding @code. */
static char *
contract_holding (const char *db, const char *code)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_cli (&run, "contract", "list", "--db", db, NULL), ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], code) != NULL
        && (strstr (lines[i], "Signed") || strstr (lines[i], "Active")
            || strstr (lines[i], "Expiring")))
      return g_strndup (lines[i], strcspn (lines[i], " "));
  g_assert_not_reached ();
}

static void
test_split_merge (void)
{
  g_autofree char *dir = g_dir_make_tmp ("plan-edit-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "park.db", NULL);
  g_autofree char *contract = NULL, *before = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *obj;
  JsonArray *spaces;
  gint64 gross = 0, internal = 0;
  const char *name;
  GDir *d;

  g_assert_cmpint (run_cli (&run, "demo", "--db", db, NULL), ==, 0);
  /* this test follows the codes of the "next" setting; derived codes are tested below */
  g_assert_cmpint (run_cli (&run, "plan", "codes", "--db", db, "--set", "next", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "next\n");

  /* space show --json has the outline in floor metres */
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", "L1-F02-009", NULL), ==, 0);
  obj = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (obj, "outline"), ==,
                   "{\"outer\":[[108.0,38.0],[120.0,38.0],[120.0,60.0],[108.0,60.0]],\"holes\":[]}");
  gross = json_object_get_int_member (obj, "gross_area");
  internal = json_object_get_int_member (obj, "internal_area");

  /* split: the two codes */
  g_assert_cmpint (run_cli (&run, "plan", "split", "--db", db, "L1-F02-009",
                            "--line", "100,47.5,130,47.5", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-009\nL1-F02-010\n");

  /* and again across the upper part, as JSON: both spaces with their areas */
  g_assert_cmpint (run_cli (&run, "plan", "split", "--db", db, "--json", "L1-F02-009",
                            "--line", "114,70,114,40", NULL), ==, 0);
  obj = parse_object (parser, run.out);
  spaces = json_object_get_array_member (obj, "spaces");
  g_assert_cmpuint (json_array_get_length (spaces), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spaces, 0),
                                                  "code"), ==, "L1-F02-009");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spaces, 1),
                                                  "code"), ==, "L1-F02-011");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (spaces, 0),
                                               "internal_area")
                   + json_object_get_int_member (json_array_get_object_element (spaces, 1),
                                                 "internal_area"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (spaces, 1),
                                                  "status"), ==, "available");

  /* merge the three back: the first code is kept, with the whole's areas */
  g_assert_cmpint (run_cli (&run, "plan", "merge", "--db", db, "L1-F02-009", "L1-F02-010",
                            "L1-F02-011", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-009\n");
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", "L1-F02-009", NULL), ==, 0);
  obj = parse_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (obj, "gross_area"), ==, gross);
  g_assert_cmpint (json_object_get_int_member (obj, "internal_area"), ==, internal);
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", "L1-F02-011", NULL), ==, 0);
  obj = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, "disposed");

  /* a leased room under a running contract: refused, naming it, nothing written */
  contract = contract_holding (db, "T1-F03-008");
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", "T1-F03-008", NULL), ==, 0);
  before = g_strdup (run.out);
  g_assert_cmpint (run_cli (&run, "plan", "split", "--db", db, "T1-F03-008",
                            "--line", "7,-1,7,10", NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, contract));
  g_assert_nonnull (strstr (run.err, "T1-F03-008"));
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpint (run_cli (&run, "plan", "merge", "--db", db, "--json", "T1-F03-008",
                            "T1-F03-009", NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, contract));
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", "T1-F03-008", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, before);

  /* rooms of different floors; a bad line is a usage error */
  g_assert_cmpint (run_cli (&run, "plan", "merge", "--db", db, "L1-F02-009", "L1-F01-008", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (run.err, "different floors"));
  g_assert_cmpint (run_cli (&run, "plan", "split", "--db", db, "L1-F02-009", "--line", "1,2,3",
                            NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "plan", "merge", "--db", db, "L1-F02-009", NULL), ==, 2);

  /* a room redrawn: smaller, its recorded gross area (not its outline's)
   * stays; over its neighbour, refused with the neighbour named, writing nothing */
  g_assert_cmpint (run_cli (&run, "plan", "reshape", "--db", db, "L1-F02-009", "--outline",
                            "{\"outer\": [[108, 38], [118, 38], [118, 60], [108, 60]]}", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-009\n");
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", "L1-F02-009", NULL), ==, 0);
  obj = parse_object (parser, run.out);
  g_assert_cmpint (json_object_get_int_member (obj, "gross_area"), ==, 34042);
  g_clear_pointer (&before, g_free);
  before = g_strdup (run.out);
  g_assert_cmpint (run_cli (&run, "plan", "reshape", "--db", db, "L1-F02-009", "--outline",
                            "{\"outer\": [[100, 38], [118, 38], [118, 60], [100, 60]]}", NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "overlaps"));
  g_assert_cmpint (run_cli (&run, "plan", "reshape", "--db", db, "L1-F02-009", "--outline",
                            "{\"outer\": [[108, 38], [118, 60], [118, 38], [108, 60]]}", NULL), ==, 2);
  g_assert_nonnull (strstr (run.err, "crosses itself"));
  g_assert_cmpint (run_cli (&run, "plan", "reshape", "--db", db, "L1-F02-009", "--outline",
                            "not json", NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", "L1-F02-009", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, before);

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  g_test_add_func ("/plan/cli/split-merge", test_split_merge);
  return g_test_run ();
}
