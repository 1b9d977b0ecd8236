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

/* What an edit and its undo must give back of a space, from space show --json:
 * code, status, areas, share and outline. */
static char *
space_state (const char *db, const char *code)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *obj;

  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", code, NULL), ==, 0);
  obj = parse_object (parser, run.out);
  return g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                          "|%" G_GINT64_FORMAT "|%s",
                          json_object_get_string_member (obj, "code"),
                          json_object_get_string_member (obj, "status"),
                          json_object_get_int_member (obj, "gross_area"),
                          json_object_get_int_member (obj, "internal_area"),
                          json_object_get_int_member (obj, "usable_area"),
                          json_object_get_int_member (obj, "share_area"),
                          json_object_get_string_member (obj, "outline"));
}

static void
remove_dir (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

/* Derived codes by default; a new room, a room moved, a corner moved with the
 * wall it shares, a merge; then plan undo, one edit after the other, back to
 * the floor as it was; and an undo refused, writing nothing, when a record the
 * edit wrote was changed since. */
static void
test_draw_and_undo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("plan-undo-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "park.db", NULL);
  g_autofree char *s8 = NULL, *s9 = NULL, *now = NULL, *held = NULL, *held_after = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  static const char *const undone[] = {
    "Undone: plan merge L1-F02-009C L1-F02-009A\n",
    "Undone: plan vertex L1-F02-009B\n",
    "Undone: plan move L1-F02-010\n",
    "Undone: plan create L1-F02\n",
    "Undone: plan split L1-F02-009A\n",
    "Undone: plan split L1-F02-009\n",
  };
  JsonObject *obj;

  g_assert_cmpint (run_cli (&run, "demo", "--db", db, NULL), ==, 0);
  s8 = space_state (db, "L1-F02-008");
  s9 = space_state (db, "L1-F02-009");
  g_assert_cmpint (run_cli (&run, "plan", "codes", "--db", db, "--json", NULL), ==, 0);
  obj = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (obj, "split_codes"), ==, "derived");
  g_assert_cmpint (run_cli (&run, "plan", "codes", "--db", db, "--set", "letters", NULL), ==, 2);
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "No plan edit"));

  g_assert_cmpint (run_cli (&run, "plan", "split", "--db", db, "L1-F02-009",
                            "--line", "100,47.5,130,47.5", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-009A\nL1-F02-009B\n");
  g_assert_cmpint (run_cli (&run, "plan", "split", "--db", db, "L1-F02-009A",
                            "--line", "114,70,114,40", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-009A\nL1-F02-009C\n");

  /* a new room beside the building, then moved 1 m east */
  g_assert_cmpint (run_cli (&run, "plan", "create", "--db", db, "--floor", "L1-F02", "--json",
                            "--kind", "storage", "--outline",
                            "{\"outer\": [[120, 40], [125, 40], [125, 44.5], [120, 44.5]]}",
                            NULL), ==, 0);
  obj = json_array_get_object_element (json_object_get_array_member (parse_object (parser,
                                                                                   run.out),
                                                                     "spaces"), 0);
  g_assert_cmpstr (json_object_get_string_member (obj, "code"), ==, "L1-F02-010");
  g_assert_cmpstr (json_object_get_string_member (obj, "kind"), ==, "storage");
  g_assert_cmpstr (json_object_get_string_member (obj, "status"), ==, "available");
  g_assert_cmpint (json_object_get_int_member (obj, "internal_area"), ==, 2250);
  g_assert_cmpint (run_cli (&run, "plan", "create", "--db", db, "--floor", "L1-F02",
                            "--outline", "{\"outer\": [[118, 40], [122, 40], [122, 44], [118, 44]]}",
                            NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "overlaps"));
  g_assert_cmpint (run_cli (&run, "plan", "move", "--db", db, "L1-F02-010", "--by", "1,0", NULL),
                   ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-010\n");
  g_clear_pointer (&now, g_free);
  now = space_state (db, "L1-F02-010");
  g_assert_nonnull (strstr (now, "[[121,40],[126,40],[126,44.5],[121,44.5]]"));
  g_assert_cmpint (run_cli (&run, "plan", "move", "--db", db, "L1-F02-010", NULL), ==, 2);

  /* the south-west corner of L1-F02-009B (108, 38) 2 m south, with the wall it
   * shares with the common area L1-F02-008: 96 m² less a 12 × 2 / 2 triangle */
  g_assert_cmpint (run_cli (&run, "plan", "vertex", "--db", db, "L1-F02-009B", "--move",
                            "1,108,36", "--shared-walls", NULL), ==, 0);
  g_clear_pointer (&now, g_free);
  now = space_state (db, "L1-F02-008");
  g_assert_true (g_str_has_prefix (now, "L1-F02-008|available|8400|8400|7644|"));
  g_assert_cmpint (run_cli (&run, "plan", "vertex", "--db", db, "L1-F02-009B", "--remove", "9",
                            NULL), ==, 2);

  /* merged into the part the second split made (see below for the other way) */
  g_assert_cmpint (run_cli (&run, "plan", "merge", "--db", db, "L1-F02-009C", "L1-F02-009A",
                            NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-009C\n");

  /* undone one after the other, the last first */
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, "--json", NULL), ==, 0);
  obj = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (obj, "undone"), ==, "merge");
  g_assert_cmpstr (json_object_get_string_member (obj, "codes"), ==, "L1-F02-009C L1-F02-009A");
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, undone[1]);
  /* more steps than are left: refused as a whole, nothing written */
  g_clear_pointer (&now, g_free);
  now = space_state (db, "L1-F02-009A");
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, "--steps", "5", NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "Only 4 plan edits"));
  g_assert_cmpstr (run.out, ==, "");
  held = space_state (db, "L1-F02-009A");
  g_assert_cmpstr (held, ==, now);
  g_clear_pointer (&held, g_free);
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, "--steps", "0", NULL), ==, 2);
  /* the other four in one transaction, newest first */
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, "--steps", "4", NULL), ==, 0);
  {
    g_autofree char *all = g_strconcat (undone[2], undone[3], undone[4], undone[5], NULL);

    g_assert_cmpstr (run.out, ==, all);
  }
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, NULL), ==, 1);
  g_clear_pointer (&now, g_free);
  now = space_state (db, "L1-F02-008");
  g_assert_cmpstr (now, ==, s8);
  g_clear_pointer (&now, g_free);
  now = space_state (db, "L1-F02-009");
  g_assert_cmpstr (now, ==, s9);
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "L1-F02-010", NULL), ==, 1);
  /* the undo is a change of its own, in the history */
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "L1-F02-009", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "Undone"));

  /* split again and merge the new part away, then undo both (in one call): the
   * new part has a status history since (disposed, and back), which stays, so
   * the split's undo retires it (disposed, no outline) and the room is whole */
  g_assert_cmpint (run_cli (&run, "plan", "split", "--db", db, "L1-F02-009",
                            "--line", "100,47.5,130,47.5", NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-009A\nL1-F02-009B\n");
  g_assert_cmpint (run_cli (&run, "plan", "merge", "--db", db, "L1-F02-009A", "L1-F02-009B",
                            NULL), ==, 0);
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, "--steps", "2", "--json", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (run.out, "\"undone\" : \"merge\""));
  g_assert_nonnull (strstr (run.out, "\"undone\" : \"split\""));
  g_clear_pointer (&now, g_free);
  now = space_state (db, "L1-F02-009");
  g_assert_cmpstr (now, ==, s9);
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "L1-F02-009B", "--json", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (run.out, "\"status\" : \"disposed\""));

  /* a new room whose status changed since: its undo refused, naming it */
  g_assert_cmpint (run_cli (&run, "plan", "create", "--db", db, "--floor", "L1-F02",
                            "--outline", "{\"outer\": [[130, 0], [134, 0], [134, 4], [130, 4]]}",
                            NULL), ==, 0);
  g_assert_cmpstr (run.out, ==, "L1-F02-010\n");
  g_assert_cmpint (run_cli (&run, "space", "set-status", "--db", db, "L1-F02-010",
                            "under_repair", "--reason", "Leak", NULL), ==, 0);
  held = space_state (db, "L1-F02-010");
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "L1-F02-010"));
  g_assert_nonnull (strstr (run.err, "changed since"));
  g_assert_cmpstr (run.out, ==, "");
  held_after = space_state (db, "L1-F02-010");
  g_assert_cmpstr (held_after, ==, held);
  g_assert_cmpint (run_cli (&run, "plan", "undo", "--db", db, "--json", NULL), ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  remove_dir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  g_test_add_func ("/plan/cli/split-merge", test_split_merge);
  g_test_add_func ("/plan/cli/draw-and-undo", test_draw_and_undo);
  return g_test_run ();
}
