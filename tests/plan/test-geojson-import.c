/* test-geojson-import.c — indoor GeoJSON: WRLD maps, IMDF venues, hostile input
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "pw-geojson-import.h"

/* m² in a patch of dlon × dlat degrees seen from a plane touching the WGS84
 * ellipsoid at latitude lat0, worked out here apart from the importer. */
static double
expected_m2 (double dlon, double dlat, double lat0)
{
  const double a = 6378137.0, f = 1 / 298.257223563;
  double e2 = f * (2 - f);
  double phi = lat0 * G_PI / 180;
  double w2 = 1 - e2 * sin (phi) * sin (phi);
  double n = a / sqrt (w2);
  double m = a * (1 - e2) / (w2 * sqrt (w2));

  return (dlon * G_PI / 180 * n * cos (phi)) * (dlat * G_PI / 180 * m);
}

static void
assert_close (double got, double want, double rel)
{
  if (fabs (got - want) > fabs (want) * rel)
    g_error ("area %.6f m², expected %.6f m² within %.3g%%", got, want, rel * 100);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "plan", "fixtures", "geojson", name, NULL);
}

static PwImportRoom *
find_room (PwImportLevel *level, const char *id)
{
  for (guint i = 0; i < level->rooms->len; i++)
    {
      PwImportRoom *room = g_ptr_array_index (level->rooms, i);

      if (g_strcmp0 (room->source_id, id) == 0)
        return room;
    }
  g_error ("no room %s on level %s", id, level->source_id);
  return NULL;
}

static gboolean
any_contains (GPtrArray *warnings, const char *needle)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), needle) != NULL)
      return TRUE;
  return FALSE;
}

/* ---- WRLD ---------------------------------------------------------------------- */

static void
check_wrld_tiny (PwImportDoc *doc)
{
  PwImportLevel *gf, *first;
  PwImportRoom *room;
  /* the manifest's location is the origin */
  double square = expected_m2 (0.0001, 0.0001, 50.00005);

  g_assert_cmpint (doc->format, ==, PW_IMPORT_FORMAT_WRLD);
  g_assert_cmpstr (doc->schema, ==, "WRLD");
  g_assert_false (doc->needs_scale);
  g_assert_cmpuint (doc->levels->len, ==, 2);

  /* the manifest lists floor 1 first; z_order puts the ground floor first */
  gf = g_ptr_array_index (doc->levels, 0);
  first = g_ptr_array_index (doc->levels, 1);
  g_assert_cmpstr (gf->source_id, ==, "tiny-gf");
  g_assert_cmpstr (gf->name, ==, "Ground Floor");
  g_assert_cmpstr (first->name, ==, "First Floor");

  /* the wall, the outline and the path are no rooms, and the level says so */
  g_assert_cmpuint (gf->rooms->len, ==, 1);
  g_assert_true (any_contains (gf->warnings, "tiny-floor-gf.geojson: 3 features"));
  g_assert_true (any_contains (gf->warnings, "1 pathway (LineString)"));
  g_assert_true (any_contains (gf->warnings, "1 wall"));

  room = find_room (gf, "10");
  g_assert_cmpstr (room->name, ==, "G01");
  g_assert_cmpstr (room->long_name, ==, "Atrium");
  g_assert_cmpstr (room->category, ==, "room");
  g_assert_nonnull (room->polygon);
  g_assert_cmpuint (pw_polygon_get_n_holes (room->polygon), ==, 1);
  /* a 0.0001° square less a 0.00002° hole; by hand at 50° N: 79.75 − 3.19 m² */
  assert_close (pw_polygon_area (room->polygon),
                square - expected_m2 (0.00002, 0.00002, 50.00005), 1e-6);
  assert_close (pw_polygon_area (room->polygon), 76.56, 0.005);
  g_assert_cmpuint (room->warnings->len, ==, 0);

  /* y points down: the room north of the origin has negative y */
  {
    double x0, y0, x1, y1;

    pw_polygon_bounds (room->polygon, &x0, &y0, &x1, &y1);
    g_assert_cmpfloat (y0, <, 0);
    g_assert_cmpfloat (x0, <, 0);
    assert_close (x1 - x0, 7.1717, 0.005);
    assert_close (y1 - y0, 11.1194, 0.005);
  }

  /* a MultiPolygon keeps its largest part and says what it left out */
  room = find_room (first, "20");
  g_assert_nonnull (room->polygon);
  assert_close (pw_polygon_area (room->polygon), square, 1e-6);
  g_assert_cmpuint (room->warnings->len, ==, 1);
  g_assert_true (any_contains (room->warnings, "tiny-floor-1.geojson, feature 1 (id “20”)"));
  g_assert_true (any_contains (room->warnings, "2 parts"));

  /* an outline that crosses itself: the room stays, without a footprint */
  room = find_room (first, "21");
  g_assert_null (room->polygon);
  g_assert_true (any_contains (room->warnings, "feature 2 (id “21”)"));
  g_assert_true (any_contains (room->warnings, "crosses itself"));
}

static void
test_wrld_folder (void)
{
  g_autofree char *dir = fixture ("wrld-tiny");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_geojson_import_file (dir, &error);

  g_assert_no_error (error);
  check_wrld_tiny (doc);
  g_assert_cmpstr (doc->source_name, ==, "wrld-tiny");
}

static void
test_wrld_manifest (void)
{
  g_autofree char *path = fixture ("wrld-tiny/main.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_geojson_import_file (path, &error);

  g_assert_no_error (error);
  check_wrld_tiny (doc);
}

/* through the dispatcher, as `parkwise-cli plan inspect` reads it */
static void
test_wrld_dispatch (void)
{
  g_autofree char *dir = fixture ("wrld-tiny");
  g_autofree char *floor = fixture ("wrld-tiny/tiny-floor-gf.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_import_file (dir, &error);
  g_autoptr(PwImportDoc) single = NULL;
  g_autofree char *json = NULL;
  PwImportLevel *level;

  g_assert_no_error (error);
  check_wrld_tiny (doc);
  json = pw_import_doc_to_json (doc);
  g_assert_nonnull (strstr (json, "\"format\" : \"wrld\""));

  /* one floor file alone: one level, its origin the centre of its rooms */
  single = pw_import_file (floor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (single->schema, ==, "GeoJSON");
  g_assert_cmpuint (single->levels->len, ==, 1);
  level = g_ptr_array_index (single->levels, 0);
  g_assert_cmpstr (level->name, ==, "tiny-floor-gf");
  assert_close (pw_polygon_area (find_room (level, "10")->polygon),
                expected_m2 (0.0001, 0.0001, 50.00005) - expected_m2 (0.00002, 0.00002, 50.00005),
                1e-6);
}

/* ---- IMDF ---------------------------------------------------------------------- */

static void
check_imdf_venue (PwImportDoc *doc)
{
  PwImportLevel *ground, *first;
  PwImportRoom *room;
  /* the venue's display point is the origin */
  double lat0 = 37.00005;

  g_assert_cmpint (doc->format, ==, PW_IMPORT_FORMAT_IMDF);
  g_assert_cmpstr (doc->schema, ==, "IMDF");
  g_assert_cmpuint (doc->levels->len, ==, 2);
  ground = g_ptr_array_index (doc->levels, 0);
  first = g_ptr_array_index (doc->levels, 1);
  /* ordinal 0 before ordinal 1; a level with no name goes by its short name */
  g_assert_cmpstr (ground->source_id, ==, "33333333-3333-4333-8333-333333333300");
  g_assert_cmpstr (ground->name, ==, "G");
  g_assert_cmpstr (first->name, ==, "First Floor");
  g_assert_cmpuint (ground->rooms->len, ==, 2);
  g_assert_cmpuint (first->rooms->len, ==, 1);

  room = find_room (ground, "44444444-4444-4444-8444-444444444401");
  g_assert_cmpstr (room->name, ==, "Suite 001");
  g_assert_cmpstr (room->long_name, ==, "Reception");
  g_assert_cmpstr (room->category, ==, "room");
  /* 0.0001° square at 37° N: about 8.88 × 11.10 m */
  assert_close (pw_polygon_area (room->polygon), expected_m2 (0.0001, 0.0001, lat0), 1e-6);
  assert_close (pw_polygon_area (room->polygon), 98.78, 0.005);

  room = find_room (ground, "44444444-4444-4444-8444-444444444402");
  g_assert_null (room->name);
  g_assert_cmpstr (room->category, ==, "walkway");

  room = find_room (first, "44444444-4444-4444-8444-444444444411");
  g_assert_cmpuint (pw_polygon_get_n_holes (room->polygon), ==, 1);
  assert_close (pw_polygon_area (room->polygon),
                expected_m2 (0.0002, 0.0001, lat0) - expected_m2 (0.0001, 0.00006, lat0), 1e-6);

  /* the unit on a level the venue lacks is left out, by name */
  g_assert_true (any_contains (doc->warnings, "unit.geojson, feature 4 (id "
                                              "“44444444-4444-4444-8444-444444444499”)"));
}

static void
test_imdf_folder (void)
{
  g_autofree char *dir = fixture ("imdf-venue");
  g_autofree char *unit = fixture ("imdf-venue/unit.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_geojson_import_file (dir, &error);
  g_autoptr(PwImportDoc) dispatched = NULL;
  g_autoptr(PwImportDoc) from_unit = NULL;

  g_assert_no_error (error);
  check_imdf_venue (doc);

  dispatched = pw_import_file (dir, &error);
  g_assert_no_error (error);
  check_imdf_venue (dispatched);

  /* one file of the folder stands for the venue */
  from_unit = pw_geojson_import_file (unit, &error);
  g_assert_no_error (error);
  check_imdf_venue (from_unit);
}

static void
test_imdf_single (void)
{
  g_autofree char *path = fixture ("imdf-single.geojson");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_import_file (path, &error);
  PwImportLevel *level;
  PwImportRoom *room;

  g_assert_no_error (error);
  g_assert_cmpint (doc->format, ==, PW_IMPORT_FORMAT_IMDF);
  g_assert_cmpuint (doc->levels->len, ==, 1);
  level = g_ptr_array_index (doc->levels, 0);
  g_assert_cmpstr (level->name, ==, "Ground");
  /* the unit comes before its level in the file */
  room = find_room (level, "u1");
  g_assert_cmpstr (room->name, ==, "Hall");
  /* no venue: the origin is the centre of the rooms */
  assert_close (pw_polygon_area (room->polygon), expected_m2 (0.0001, 0.0001, 48.00005), 1e-6);
  g_assert_true (any_contains (doc->warnings, "1 opening"));
  g_assert_true (any_contains (doc->warnings, "1 fixture"));
}

/* ---- bad input ----------------------------------------------------------------- */

#define SQUARE "[[[10,50],[10.0001,50],[10.0001,50.0001],[10,50.0001],[10,50]]]"
#define FC(features) "{\"type\":\"FeatureCollection\",\"features\":[" features "]}"
#define ROOM(id, geometry) \
  "{\"type\":\"Feature\",\"id\":\"" id "\",\"properties\":{\"type\":\"room\"}," \
  "\"geometry\":" geometry "}"
#define POLY(coords) "{\"type\":\"Polygon\",\"coordinates\":" coords "}"

typedef struct
{
  const char *name;
  const char *text;
  int         code;
  const char *needle;  /* besides the file name */
} BadCase;

static const BadCase bad_cases[] = {
  { "truncated", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feat",
    PW_PLAN_ERROR_PARSE, "not valid JSON" },
  { "empty", "", PW_PLAN_ERROR_EMPTY, "is empty" },
  { "blank", " \n\t ", PW_PLAN_ERROR_EMPTY, "is empty" },
  { "not-json", "Indoor map of the park, version 2", PW_PLAN_ERROR_PARSE, "not valid JSON" },
  { "nan", FC (ROOM ("r1", POLY ("[[[NaN,50],[10,50],[10,51]]]"))), PW_PLAN_ERROR_PARSE,
    "not valid JSON" },
  { "infinite", FC (ROOM ("r1", POLY ("[[[10,50],[1e999,50],[10.0001,50.0001],[10,50]]]"))),
    PW_PLAN_ERROR_GEOMETRY, "feature 1 (id “r1”), ring 1, point 2: coordinate is not a finite" },
  { "latitude-200", FC (ROOM ("a", POLY (SQUARE)) "," ROOM ("r2", POLY ("[[[10,50],[10.1,200],[10.2,50],[10,50]]]"))),
    PW_PLAN_ERROR_GEOMETRY, "feature 2 (id “r2”), ring 1, point 2: latitude 200" },
  { "longitude-181", FC (ROOM ("r1", POLY ("[[[-181,50],[10.1,50],[10.2,51],[-181,50]]]"))),
    PW_PLAN_ERROR_GEOMETRY, "longitude -181" },
  { "two-points", FC (ROOM ("r1", POLY ("[[[10,50],[10.1,50],[10,50]]]"))),
    PW_PLAN_ERROR_GEOMETRY, "feature 1 (id “r1”), ring 1 has 2 distinct points" },
  { "hole-of-one-point", FC (ROOM ("r1", POLY ("[[[10,50],[10.1,50],[10.1,50.1],[10,50]],[[10.05,50.01]]]"))),
    PW_PLAN_ERROR_GEOMETRY, "ring 2 has 1 distinct" },
  { "circle", FC (ROOM ("r1", "{\"type\":\"Circle\",\"coordinates\":[10,50],\"radius\":5}")),
    PW_PLAN_ERROR_PARSE, "“Circle” is not a GeoJSON geometry type" },
  { "polygon-as-line", FC (ROOM ("r1", POLY ("[[10,50],[10.1,50],[10.1,50.1],[10,50]]"))),
    PW_PLAN_ERROR_PARSE, "feature 1 (id “r1”), ring 1, point 1: a position is a list" },
  { "polygon-of-numbers", FC (ROOM ("r1", POLY ("[10,50]"))),
    PW_PLAN_ERROR_PARSE, "feature 1 (id “r1”), ring 1: a ring is a list of positions" },
  { "string-coordinate", FC (ROOM ("r1", POLY ("[[[10,\"50\"],[10.1,50],[10.1,50.1],[10,50]]]"))),
    PW_PLAN_ERROR_PARSE, "ring 1, point 1: a position" },
  { "empty-multipolygon", FC (ROOM ("r1", "{\"type\":\"MultiPolygon\",\"coordinates\":[]}")),
    PW_PLAN_ERROR_GEOMETRY, "MultiPolygon has no polygons" },
  { "duplicate-key", "{\"type\":\"FeatureCollection\",\"features\":[" ROOM ("r1", POLY (SQUARE))
    "],\"features\":[]}", PW_PLAN_ERROR_PARSE, "line 1: the member “features” appears twice" },
  { "duplicate-coordinates", FC ("{\"type\":\"Feature\",\"id\":\"r1\",\"geometry\":{\"type\":"
    "\"Polygon\",\"coordinates\":" SQUARE ",\"coordinates\":[]}}"),
    PW_PLAN_ERROR_PARSE, "“coordinates” appears twice" },
  { "huge-integer", FC (ROOM ("r1", POLY ("[[[10,50],[123456789012345678901234,50],[10,51],[10,50]]]"))),
    PW_PLAN_ERROR_PARSE, "line 1: the whole number 123456789012345678901234" },
  { "not-a-collection", "{\"type\":\"Point\",\"coordinates\":[10,50]}", PW_PLAN_ERROR_FORMAT,
    "not a GeoJSON FeatureCollection" },
  { "no-features", FC (""), PW_PLAN_ERROR_EMPTY, "holds no features" },
  { "features-not-list", "{\"type\":\"FeatureCollection\",\"features\":{}}", PW_PLAN_ERROR_PARSE,
    "“features” is not a list" },
  { "not-a-feature", FC (ROOM ("a", POLY (SQUARE)) ",[1,2]"), PW_PLAN_ERROR_PARSE,
    "feature 2 is not a GeoJSON Feature" },
  { "geometry-without-type", FC (ROOM ("r9", "{\"coordinates\":[]}")), PW_PLAN_ERROR_PARSE,
    "feature 1 (id “r9”): the geometry has no type" },
  { "manifest-as-bytes", "{\"id\":\"x\",\"levels\":[{\"filename\":\"a.geojson\"}]}",
    PW_PLAN_ERROR_FORMAT, "WRLD manifest" },
  { "imdf-without-levels", FC ("{\"type\":\"Feature\",\"feature_type\":\"unit\",\"id\":\"u\","
    "\"geometry\":null,\"properties\":{\"level_id\":\"L\"}}"), PW_PLAN_ERROR_EMPTY,
    "holds no IMDF levels" },
};

static void
test_bad_bytes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *bad = &bad_cases[i];
      g_autofree char *source = g_strdup_printf ("%s.geojson", bad->name);
      g_autoptr(GError) error = NULL;
      g_autoptr(PwImportDoc) doc = pw_geojson_import_bytes (bad->text, strlen (bad->text),
                                                            source, &error);

      g_test_message ("%s: %s", bad->name, error != NULL ? error->message : "(no error)");
      g_assert_null (doc);
      g_assert_error (error, PW_PLAN_ERROR, bad->code);
      g_assert_true (g_str_has_prefix (error->message, source));
      if (strstr (error->message, bad->needle) == NULL)
        g_error ("%s: “%s” does not say “%s”", bad->name, error->message, bad->needle);
    }
}

/* Outlines that are read but cannot be footprints keep their rooms (invariant 4). */
static void
test_unusable_outlines (void)
{
  static const char text[] = FC (
    ROOM ("hole-outside", POLY ("[[[10,50],[10.0001,50],[10.0001,50.0001],[10,50.0001],[10,50]],"
                                "[[10.00002,50.00002],[10.00002,50.1],[10.00004,50.00004],[10.00002,50.00002]]]")) ","
    ROOM ("flat", POLY ("[[[10,50],[10.0001,50],[10.0002,50],[10,50]]]")) ","
    ROOM ("bowtie", POLY ("[[[10,50],[10.0001,50.0001],[10.0001,50],[10,50.0001],[10,50]]]")));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_geojson_import_bytes (text, strlen (text), "odd.geojson", &error);
  PwImportLevel *level;
  static const char *const ids[] = { "hole-outside", "flat", "bowtie" };
  static const char *const why[] = { "the hole reaches outside", "crosses itself", "crosses itself" };

  g_assert_no_error (error);
  level = g_ptr_array_index (doc->levels, 0);
  g_assert_cmpuint (level->rooms->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      PwImportRoom *room = find_room (level, ids[i]);
      g_autofree char *where = g_strdup_printf ("odd.geojson, feature %u (id “%s”)", i + 1, ids[i]);

      g_assert_null (room->polygon);
      g_assert_cmpuint (room->warnings->len, ==, 1);
      g_test_message ("%s", (char *) g_ptr_array_index (room->warnings, 0));
      g_assert_true (any_contains (room->warnings, where));
      g_assert_true (any_contains (room->warnings, why[i]));
      g_assert_true (any_contains (room->warnings, "kept without a footprint"));
    }
}

static void
test_deep_nesting (void)
{
  gsize n = 100000;
  g_autofree char *deep = g_malloc (2 * n + 1);
  g_autofree char *inside = NULL;
  g_autoptr(GError) error = NULL;
  PwImportDoc *doc;

  memset (deep, '[', n);
  memset (deep + n, ']', n);
  deep[2 * n] = '\0';
  doc = pw_geojson_import_bytes (deep, 2 * n, "deep.geojson", &error);
  g_assert_null (doc);
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "deep.geojson, line 1: the JSON is nested more than 64"));
  g_clear_error (&error);

  /* deep inside a feature's coordinates, and never counted inside strings */
  memset (deep, '[', n);
  deep[n] = '\0';
  inside = g_strdup_printf ("{\"type\":\"FeatureCollection\",\"note\":\"%s\",\n\"features\":[%s", deep, deep);
  doc = pw_geojson_import_bytes (inside, strlen (inside), "deep2.geojson", &error);
  g_assert_null (doc);
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "deep2.geojson, line 2:"));
}

static void
test_too_many_values (void)
{
  gsize n = PW_GEOJSON_MAX_VALUES + 10;
  g_autofree char *text = g_malloc (2 * n + 3);
  g_autoptr(GError) error = NULL;
  PwImportDoc *doc;

  text[0] = '[';
  for (gsize i = 0; i < n; i++)
    {
      text[1 + 2 * i] = '0';
      text[2 + 2 * i] = ',';
    }
  text[2 * n] = ']';
  doc = pw_geojson_import_bytes (text, 2 * n + 1, "many.geojson", &error);
  g_assert_null (doc);
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
  g_assert_true (g_str_has_prefix (error->message, "many.geojson holds more than"));
}

/* ---- bad files ----------------------------------------------------------------- */

static void
write_file (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
assert_file_fails (const char *path, int code, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_geojson_import_file (path, &error);

  g_assert_null (doc);
  g_test_message ("%s", error != NULL ? error->message : "(no error)");
  g_assert_error (error, PW_PLAN_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not say “%s”", error->message, needle);
}

#define FLOOR_OK FC (ROOM ("r1", POLY (SQUARE)))

static void
test_bad_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("pw-geojson-XXXXXX", &error);
  g_autofree char *map = g_build_filename (tmp, "map", NULL);
  g_autofree char *manifest = g_build_filename (map, "main.json", NULL);
  g_autofree char *big = g_build_filename (tmp, "huge.geojson", NULL);
  g_autofree char *link = g_build_filename (map, "sneaky.geojson", NULL);
  g_autofree char *secret = g_build_filename (tmp, "secret.geojson", NULL);
  int fd;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (map, 0700), ==, 0);
  write_file (map, "floor-0.geojson", FLOOR_OK);

  /* a floor the manifest names but the folder lacks */
  write_file (map, "main.json",
              "{\"levels\":[{\"id\":\"a\",\"z_order\":0,\"filename\":\"floor-0.geojson\"},"
              "{\"id\":\"b\",\"z_order\":1,\"filename\":\"floor-1.geojson\"}]}");
  assert_file_fails (map, PW_PLAN_ERROR_PARSE,
                     "main.json, floor 2 names “floor-1.geojson”, which is not in the map’s folder");

  /* nothing outside the manifest's folder is opened */
  write_file (map, "main.json",
              "{\"levels\":[{\"id\":\"a\",\"filename\":\"../../etc/passwd\"}]}");
  assert_file_fails (manifest, PW_PLAN_ERROR_PARSE,
                     "main.json, floor 1 names “../../etc/passwd”, which is outside the map’s folder");
  write_file (map, "main.json", "{\"floors\":[{\"id\":\"a\",\"filename\":\"/etc/passwd\"}]}");
  assert_file_fails (manifest, PW_PLAN_ERROR_PARSE, "“/etc/passwd”, which is outside");
  write_file (tmp, "secret.geojson", FLOOR_OK);
  g_assert_cmpint (symlink (secret, link), ==, 0);
  write_file (map, "main.json", "{\"levels\":[{\"id\":\"a\",\"filename\":\"sneaky.geojson\"}]}");
  assert_file_fails (manifest, PW_PLAN_ERROR_PARSE, "“sneaky.geojson”, which is outside");

  /* a floor file that is bad names that file, not the manifest */
  write_file (map, "floor-0.geojson", FC (ROOM ("r7", POLY ("[[[10,50],[10,91],[11,50],[10,50]]]"))));
  write_file (map, "main.json", "{\"levels\":[{\"id\":\"a\",\"filename\":\"floor-0.geojson\"}]}");
  assert_file_fails (map, PW_PLAN_ERROR_GEOMETRY,
                     "floor-0.geojson, feature 1 (id “r7”), ring 1, point 2: latitude 91");

  write_file (map, "main.json", "{\"levels\":[]}");
  assert_file_fails (map, PW_PLAN_ERROR_EMPTY, "main.json lists no floors");
  write_file (map, "main.json", "{\"levels\":[{\"id\":\"a\"}]}");
  assert_file_fails (map, PW_PLAN_ERROR_PARSE, "main.json, floor 1 names no file");
  write_file (map, "main.json", "{\"id\":\"a\",\"buildings\":[]}");
  assert_file_fails (map, PW_PLAN_ERROR_FORMAT, "neither a GeoJSON FeatureCollection nor");

  /* a 1 GB file is refused from its size, without reading it */
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1024 * 1024 * 1024), ==, 0);
  close (fd);
  assert_file_fails (big, PW_PLAN_ERROR_LIMIT, "huge.geojson is 1.1");

  /* a folder that is no map */
  g_unlink (manifest);
  assert_file_fails (map, PW_PLAN_ERROR_FORMAT, "neither a WRLD main.json nor an IMDF");

  /* an IMDF folder without its levels */
  write_file (map, "venue.geojson", FC (""));
  assert_file_fails (map, PW_PLAN_ERROR_PARSE, "has no level.geojson");

  remove_tree (tmp);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/geojson/wrld/folder", test_wrld_folder);
  g_test_add_func ("/geojson/wrld/manifest", test_wrld_manifest);
  g_test_add_func ("/geojson/wrld/dispatch", test_wrld_dispatch);
  g_test_add_func ("/geojson/imdf/folder", test_imdf_folder);
  g_test_add_func ("/geojson/imdf/single", test_imdf_single);
  g_test_add_func ("/geojson/bad/bytes", test_bad_bytes);
  g_test_add_func ("/geojson/bad/outlines", test_unusable_outlines);
  g_test_add_func ("/geojson/bad/deep", test_deep_nesting);
  g_test_add_func ("/geojson/bad/many-values", test_too_many_values);
  g_test_add_func ("/geojson/bad/files", test_bad_files);
  return g_test_run ();
}
