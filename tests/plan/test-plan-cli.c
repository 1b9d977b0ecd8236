/* test-plan-cli.c — parkwise-cli plan inspect, import and render, end to end on the
 * fixtures (the program's path is argv[1])
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "../cli-run.h"

static char *
fixture (const char *kind, const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "plan", "fixtures", kind, name, NULL);
}

static JsonObject *
parse_object (JsonParser *parser, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_inspect (void)
{
  g_autofree char *ifc = fixture ("ifc", "ifc4-m-solids.ifc");
  g_autofree char *svg = fixture ("svg", "rooms.svg");
  g_autofree char *bomb = fixture ("svg", "entity-bomb.svg");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *levels;
  guint rooms = 0;

  g_assert_cmpint (run_cli (&run, "plan", "inspect", "--json", ifc, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "ifc");
  g_assert_cmpstr (json_object_get_string_member (root, "units"), ==, "m");
  levels = json_object_get_array_member (root, "levels");
  g_assert_cmpuint (json_array_get_length (levels), >, 0);
  for (guint l = 0; l < json_array_get_length (levels); l++)
    {
      JsonArray *r = json_object_get_array_member (json_array_get_object_element (levels, l), "rooms");

      for (guint i = 0; i < json_array_get_length (r); i++)
        {
          JsonObject *room = json_array_get_object_element (r, i);

          g_assert_true (json_object_has_member (room, "source_id"));
          g_assert_true (json_object_has_member (room, "declared_areas_m2"));
          g_assert_true (json_object_has_member (room, "warnings"));
          rooms++;
        }
    }
  g_assert_cmpuint (rooms, >, 0);

  /* an unscaled drawing says so, and a scale turns it into metres */
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "inspect", "--json", svg, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "units"), ==, "drawing");
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "inspect", "--json", "--scale", "0.01", svg, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "units"), ==, "m");

  /* a hostile file is refused, naming it, and nothing is printed on stdout */
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "inspect", bomb, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "entity-bomb.svg"));
  g_assert_cmpstr (run.out, ==, "");
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "inspect", "--scale", "x", svg, NULL), ==, 2);
}

static gboolean
file_starts_with (const char *path, const char *magic)
{
  g_autofree char *contents = NULL;
  gsize len;

  return g_file_get_contents (path, &contents, &len, NULL) && len > 100
         && memcmp (contents, magic, strlen (magic)) == 0;
}

static void
test_import_and_render (void)
{
  g_autofree char *dir = g_dir_make_tmp ("plan-cli-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "park.db", NULL);
  g_autofree char *png = g_build_filename (dir, "plan.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "stacking.pdf", NULL);
  g_autofree char *ifc = fixture ("ifc", "ifc4-m-solids.ifc");
  g_auto(Run) run = { 0 };
  const char *name;
  GDir *d;

  g_assert_cmpint (run_cli (&run, "demo", "--db", db, NULL), ==, 0);

  /* a dry run prints the mapping and writes nothing; the real one adds floors */
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "L1", "--dry-run",
                            ifc, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "new floor"));
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "render", "--db", db, "--floor", "L1-F03",
                            "--out", png, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "L1-F03"));
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "L1", ifc, NULL), ==, 0);
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "render", "--db", db, "--floor", "L1-F03", "--lens",
                            "area", "--size", "800x600", "--out", png, NULL), ==, 0);
  g_assert_true (file_starts_with (png, "\x89PNG"));

  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "render", "--db", db, "--stacking", "T1", "--out", pdf,
                            NULL), ==, 0);
  g_assert_true (file_starts_with (pdf, "%PDF"));

  /* mistakes on the command line are usage errors */
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "render", "--db", db, "--floor", "T1-F03", "--lens",
                            "colour", "--out", png, NULL), ==, 2);
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "render", "--db", db, "--floor", "T1-F03", "--size",
                            "10x10", "--out", png, NULL), ==, 2);
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, ifc, NULL), ==, 2);

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

static JsonObject *
level_named (JsonObject *root, const char *source_id)
{
  JsonArray *levels = json_object_get_array_member (root, "levels");

  for (guint i = 0; i < json_array_get_length (levels); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (levels, i), "level"),
                   source_id) == 0)
      return json_array_get_object_element (levels, i);
  g_assert_not_reached ();
}

/* --suggest-map --json prints a mapping that --map takes back, changed by hand */
static void
test_import_map (void)
{
  g_autofree char *dir = g_dir_make_tmp ("plan-cli-map-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "park.db", NULL);
  g_autofree char *map = g_build_filename (dir, "map.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *file = fixture ("geojson", "imdf-empty-levels.geojson");
  g_autofree char *new_code = NULL, *u1_code = NULL, *annex_code = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root, *ground;
  JsonArray *rooms;

  g_assert_cmpint (run_cli (&run, "demo", "--db", db, NULL), ==, 0);
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "T1", "--suggest-map",
                            "--json", file, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_false (json_object_get_boolean_member (root, "include_empty_levels"));
  g_assert_false (json_object_get_boolean_member (level_named (root, "fdn"), "written"));
  g_assert_false (json_object_get_boolean_member (level_named (root, "roof"), "written"));
  ground = level_named (root, "gf");
  g_assert_true (json_object_get_boolean_member (ground, "written"));
  new_code = g_strdup (json_object_get_string_member (ground, "new_floor_code"));
  rooms = json_object_get_array_member (ground, "rooms");
  g_assert_cmpuint (json_array_get_length (rooms), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rooms, 1), "kind"),
                   ==, "storage");

  /* a bad mapping is refused, naming the file and the place, and writes nothing */
  g_assert_true (g_file_set_contents (bad, "{ \"levels\": [ { \"level\": \"gf\", \"rooms\": "
                                      "[ { \"room\": \"u9\", \"action\": \"skip\" } ] } ] }", -1, NULL));
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "T1", "--map", bad,
                            file, NULL), ==, 1);
  g_assert_nonnull (strstr (run.err, "bad.json"));
  g_assert_nonnull (strstr (run.err, "levels[0].rooms[0].room"));
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "T1", "--suggest-map",
                            "--json", file, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (level_named (root, "gf"), "new_floor_code"), ==,
                   new_code);

  /* the store left out, the office a lab, the ground level named, the empty ones made floors */
  g_assert_true (g_file_set_contents (map, "{ \"include_empty_levels\": true, \"levels\": ["
                                      " { \"level\": \"gf\", \"floor_name\": \"Annex 0\", \"rooms\": ["
                                      "   { \"room\": \"u1\", \"action\": \"create\", \"kind\": \"lab\" },"
                                      "   { \"room\": \"u2\", \"action\": \"skip\" } ] } ] }", -1, NULL));
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "T1", "--map", map,
                            "--json", file, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_true (json_object_get_boolean_member (root, "include_empty_levels"));
  g_assert_true (json_object_get_boolean_member (level_named (root, "roof"), "written"));
  ground = level_named (root, "gf");
  g_assert_cmpstr (json_object_get_string_member (ground, "floor_name"), ==, "Annex 0");
  annex_code = g_strdup (json_object_get_string_member (ground, "new_floor_code"));
  rooms = json_object_get_array_member (ground, "rooms");
  u1_code = g_strdup (json_object_get_string_member (json_array_get_object_element (rooms, 0), "code"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rooms, 1), "action"),
                   ==, "skip");
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "space", "show", "--db", db, "--json", u1_code, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "lab");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Office A");

  /* three floors were made: the next suggestion numbers above them */
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "T1", "--suggest-map",
                            "--json", file, NULL), ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (level_named (root, "gf"), "new_floor_code"), !=,
                   new_code);

  /* the ground level again, onto the floor it made, renamed with the import */
  g_assert_true (g_file_set_contents (map, "{ \"levels\": [ { \"level\": \"gf\", \"floor\": \"XX\","
                                      " \"floor_name\": \"Annex labs\", \"rooms\": ["
                                      "   { \"index\": 0, \"room\": \"u1\", \"action\": \"skip\" } ] } ] }",
                                      -1, NULL));
  {
    g_autofree char *text = NULL;
    g_autoptr(GString) edited = NULL;

    g_assert_true (g_file_get_contents (map, &text, NULL, NULL));
    edited = g_string_new (text);
    g_string_replace (edited, "XX", annex_code, 1);
    g_assert_true (g_file_set_contents (map, edited->str, -1, NULL));
  }
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "T1", "--map", map,
                            file, NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "renamed “Annex labs”"));
  run_clear (&run);
  g_assert_cmpint (run_cli (&run, "plan", "import", "--db", db, "--building", "T1", "--map", map,
                            "--dry-run", file, NULL), ==, 0);
  /* named so already: no renaming the second time */
  g_assert_null (strstr (run.out, "renamed"));
  g_assert_nonnull (strstr (run.out, "(Annex labs)"));

  {
    const char *name;
    GDir *d = g_dir_open (dir, 0, NULL);

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_dir_close (d);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli_path = argv[1];
  g_test_add_func ("/plan/cli/inspect", test_inspect);
  g_test_add_func ("/plan/cli/import-and-render", test_import_and_render);
  g_test_add_func ("/plan/cli/import-map", test_import_map);
  return g_test_run ();
}
