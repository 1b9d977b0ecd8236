/* test-geojson-shared.c — the real WRLD map of the shared-data suite
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-geojson-shared DIR, DIR being the suite's geojson folder
 * (docs/plans.md, "The shared-data suite"). Checks what was
 * verified by hand on WRLD's Westport House (Dundee): seven floors, the rooms on
 * each, plausible room areas, and that no floor's rooms add up to more than that
 * floor's own building outline, whose area is worked out here apart from the
 * importer. Then every .json and .geojson file in DIR must import. */
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pw-geojson-import.h"

static const char *shared_dir;

typedef struct
{
  const char *id;
  const char *name;
  guint       rooms;
  double      outline_m2;  /* measured by hand with the same ellipsoid formula */
} FloorFacts;

static const FloorFacts westport[] = {
  { "westport-house-floor-gf", "Ground Floor", 15, 2463.98 },
  { "westport-house-floor-1", "First Floor", 11, 2488.73 },
  { "westport-house-floor-2", "Second Floor", 21, 2381.13 },
  { "westport-house-floor-3", "Third Floor", 21, 1594.15 },
  { "westport-house-floor-4", "Fourth Floor", 22, 1423.72 },
  { "westport-house-floor-5", "Fifth Floor", 4, 328.39 },
  { "westport-house-floor-6", "Sixth Floor", 3, 237.27 },
};

/* The building_outline polygon of a floor file, in m², projected about the
 * manifest's location like the importer does, but computed here on its own. */
static double
outline_area (const char *path, double lon0, double lat0)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *features;
  const double a = 6378137.0, f = 1 / 298.257223563;
  double e2 = f * (2 - f), phi = lat0 * G_PI / 180;
  double w2 = 1 - e2 * sin (phi) * sin (phi);
  double kx = a / sqrt (w2) * cos (phi) * G_PI / 180;
  double ky = a * (1 - e2) / (w2 * sqrt (w2)) * G_PI / 180;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = json_array_get_object_element (features, i);
      JsonObject *props = json_object_get_object_member (feature, "properties");
      JsonArray *ring;
      double sum = 0;
      guint n;

      if (g_strcmp0 (json_object_get_string_member_with_default (props, "type", ""),
                     "building_outline") != 0)
        continue;
      ring = json_array_get_array_element (
        json_object_get_array_member (json_object_get_object_member (feature, "geometry"),
                                      "coordinates"), 0);
      n = json_array_get_length (ring);
      for (guint p = 0; p < n; p++)
        {
          JsonArray *pa = json_array_get_array_element (ring, p);
          JsonArray *pb = json_array_get_array_element (ring, (p + 1) % n);
          double xa = (json_array_get_double_element (pa, 0) - lon0) * kx;
          double ya = (json_array_get_double_element (pa, 1) - lat0) * ky;
          double xb = (json_array_get_double_element (pb, 0) - lon0) * kx;
          double yb = (json_array_get_double_element (pb, 1) - lat0) * ky;

          sum += xa * yb - xb * ya;
        }
      return fabs (sum) / 2;
    }
  g_error ("%s has no building outline", path);
  return 0;
}

static void
check_westport (PwImportDoc *doc, const char *dir)
{
  double lon0 = -2.977999, lat0 = 56.459920;  /* main.json "location" */
  double total = 0;

  g_assert_cmpint (doc->format, ==, PW_IMPORT_FORMAT_WRLD);
  g_assert_cmpstr (doc->schema, ==, "WRLD");
  g_assert_cmpuint (doc->levels->len, ==, G_N_ELEMENTS (westport));
  g_assert_cmpuint (doc->warnings->len, ==, 0);
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);
      const FloorFacts *facts = &westport[i];
      g_autofree char *file = g_strconcat (facts->id, ".geojson", NULL);
      g_autofree char *path = g_build_filename (dir, file, NULL);
      double outline = outline_area (path, lon0, lat0);
      double rooms_m2 = 0;

      g_assert_cmpstr (level->source_id, ==, facts->id);
      g_assert_cmpstr (level->name, ==, facts->name);
      g_assert_cmpuint (level->rooms->len, ==, facts->rooms);
      /* walls, doors, windows and the outline are counted, not taken as rooms */
      g_assert_cmpuint (level->warnings->len, ==, 1);
      g_assert_nonnull (strstr (g_ptr_array_index (level->warnings, 0), "building_outline"));
      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);
          double area;

          g_assert_nonnull (room->polygon);
          g_assert_cmpuint (room->warnings->len, ==, 0);
          area = pw_polygon_area (room->polygon);
          /* the smallest are 0.6 m² service shafts (inaccessible_space) on floors 3 and 4,
           * the largest the 510 m² Unit 3 on the second floor */
          g_assert_cmpfloat (area, >, 0.5);
          g_assert_cmpfloat (area, <, 2000);
          rooms_m2 += area;
        }
      g_assert_cmpfloat (fabs (outline - facts->outline_m2), <, 0.01);
      g_assert_cmpfloat (rooms_m2, <, outline);
      total += rooms_m2;
      g_test_message ("%-13s %2u rooms, %8.2f m² of rooms, outline %8.2f m²",
                      level->name, level->rooms->len, rooms_m2, outline);
    }
  /* the whole building's rooms, summed by hand: 2722.60 m² */
  g_assert_cmpfloat (fabs (total - 2722.60), <, 0.5);
}

static void
test_westport (void)
{
  g_autofree char *dir = g_build_filename (shared_dir, "wrld-westport-house", NULL);
  g_autofree char *manifest = g_build_filename (dir, "main.json", NULL);
  g_autofree char *outline_path = g_build_filename (dir, "westport-house-outline.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) from_dir = pw_geojson_import_file (dir, &error);
  g_autoptr(PwImportDoc) from_manifest = NULL;
  g_autoptr(PwImportDoc) dispatched = NULL;

  g_assert_no_error (error);
  check_westport (from_dir, dir);
  from_manifest = pw_geojson_import_file (manifest, &error);
  g_assert_no_error (error);
  check_westport (from_manifest, dir);
  dispatched = pw_import_file (dir, &error);
  g_assert_no_error (error);
  check_westport (dispatched, dir);

  /* the separate outline file is the second floor's outline */
  g_assert_cmpfloat (fabs (outline_area (outline_path, -2.977999, 56.459920) - 2381.13), <, 0.01);
}

/* Every GeoJSON or JSON file there imports (through the dispatcher, as the app
 * and parkwise-cli do); paths files and the outline hold no rooms, and say why. */
static void
test_every_file (void)
{
  g_autoptr(GDir) top = g_dir_open (shared_dir, 0, NULL);
  const char *sub;
  guint n = 0;

  g_assert_nonnull (top);
  while ((sub = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *subdir = g_build_filename (shared_dir, sub, NULL);
      g_autoptr(GDir) d = g_dir_open (subdir, 0, NULL);
      const char *name;

      if (d == NULL)
        continue;
      while ((name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (subdir, name, NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(PwImportDoc) doc = NULL;

          if (!g_str_has_suffix (name, ".json") && !g_str_has_suffix (name, ".geojson"))
            continue;
          doc = pw_import_file (path, &error);
          g_assert_no_error (error);
          g_assert_nonnull (doc);
          g_assert_cmpuint (doc->levels->len, >=, 1);
          if (pw_import_doc_count_rooms (doc) == 0)
            {
              PwImportLevel *level = g_ptr_array_index (doc->levels, 0);

              g_assert_cmpuint (level->warnings->len, ==, 1);
            }
          g_test_message ("%s/%s: %u levels, %u rooms", sub, name, doc->levels->len,
                          pw_import_doc_count_rooms (doc));
          n++;
        }
    }
  g_assert_cmpuint (n, >=, 13);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s SHARED_GEOJSON_DIR", argv[0]);
  shared_dir = argv[1];
  g_test_add_func ("/geojson-shared/westport-house", test_westport);
  g_test_add_func ("/geojson-shared/every-file", test_every_file);
  return g_test_run ();
}
