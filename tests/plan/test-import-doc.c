/* test-import-doc.c — the importers' common result: scaling, calibration, JSON
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>
#include <math.h>

#include "pw-import.h"

static PwImportDoc *
two_room_drawing (void)
{
  PwImportDoc *doc = pw_import_doc_new (PW_IMPORT_FORMAT_SVG, "plan.svg");
  PwImportLevel *level = pw_import_doc_add_level (doc, "L1", "Level 1", NAN);
  PwImportRoom *room;
  PwPolygon *polygon;
  const PwPoint hole[] = { { 10, 10 }, { 20, 10 }, { 20, 20 }, { 10, 20 } };

  doc->needs_scale = TRUE;
  room = pw_import_level_add_room (level, "r1");
  room->name = g_strdup ("101");
  polygon = pw_polygon_new_rect (0, 0, 100, 50);
  pw_polygon_add_hole (polygon, hole, G_N_ELEMENTS (hole));
  pw_import_room_set_polygon (room, polygon);
  pw_import_room_add_declared (room, "NetFloorArea", NULL, 4900);
  room = pw_import_level_add_room (level, "r2");
  pw_import_room_warn (room, "line %d: no closed outline", 12);
  return doc;
}

static void
test_scale (void)
{
  g_autoptr(PwImportDoc) doc = two_room_drawing ();
  g_autoptr(GError) error = NULL;
  PwImportLevel *level = g_ptr_array_index (doc->levels, 0);
  PwImportRoom *room = g_ptr_array_index (level->rooms, 0);

  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 4900, 1e-9);
  g_assert_true (pw_import_doc_set_scale (doc, 0.02, &error));
  g_assert_no_error (error);
  g_assert_false (doc->needs_scale);
  /* 100 × 50 units less a 10 × 10 hole at 2 cm a unit: 1.96 m² */
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 1.96, 1e-9);
  g_assert_cmpfloat_with_epsilon (pw_import_room_find_declared (room, "netfloorarea")->m2, 1.96, 1e-9);
  g_assert_null (pw_import_room_find_declared (room, "GrossFloorArea"));

  g_assert_false (pw_import_doc_set_scale (doc, -1, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
  g_clear_error (&error);
  g_assert_false (pw_import_doc_set_scale (doc, NAN, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
}

static void
test_calibrate (void)
{
  g_autoptr(PwImportDoc) doc = two_room_drawing ();
  g_autoptr(GError) error = NULL;
  PwPoint a = { 0, 0 }, b = { 30, 40 };
  PwImportLevel *level = g_ptr_array_index (doc->levels, 0);
  PwImportRoom *room = g_ptr_array_index (level->rooms, 0);

  g_assert_false (pw_import_doc_calibrate (doc, &a, &a, 5, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
  g_clear_error (&error);
  g_assert_false (pw_import_doc_calibrate (doc, &a, &b, 0, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
  g_clear_error (&error);
  g_assert_true (doc->needs_scale);

  /* 50 units are 5 m: a tenth of a metre a unit */
  g_assert_true (pw_import_doc_calibrate (doc, &a, &b, 5, &error));
  g_assert_cmpfloat_with_epsilon (doc->scale, 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 49, 1e-9);
}

static void
test_json (void)
{
  g_autoptr(PwImportDoc) doc = two_room_drawing ();
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *level, *room;
  JsonArray *rooms;

  text = pw_import_doc_to_json (doc);
  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "svg");
  g_assert_cmpstr (json_object_get_string_member (root, "units"), ==, "drawing");
  level = json_array_get_object_element (json_object_get_array_member (root, "levels"), 0);
  g_assert_cmpstr (json_object_get_string_member (level, "name"), ==, "Level 1");
  g_assert_true (json_object_get_null_member (level, "elevation_m"));
  rooms = json_object_get_array_member (level, "rooms");
  g_assert_cmpuint (json_array_get_length (rooms), ==, 2);
  room = json_array_get_object_element (rooms, 0);
  g_assert_cmpstr (json_object_get_string_member (room, "name"), ==, "101");
  g_assert_cmpfloat (json_object_get_double_member (room, "polygon_area_m2"), ==, 4900);
  g_assert_cmpfloat (json_object_get_double_member (
                       json_object_get_object_member (room, "declared_areas_m2"), "NetFloorArea"),
                     ==, 4900);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (room, "outline"), "holes")), ==, 1);
  room = json_array_get_object_element (rooms, 1);
  g_assert_true (json_object_get_null_member (room, "outline"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (room, "warnings"), 0),
                   ==, "line 12: no closed outline");
}

static void
test_sniff (void)
{
  const char ifc[] = "ISO-10303-21;\nHEADER;";
  const char svg[] = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">";
  const char imdf[] = "{\"type\": \"Feature\", \"feature_type\": \"unit\"";
  const char wrld[] = "{\"id\": \"westport\", \"floors\": [";

  g_assert_cmpint (pw_import_sniff ("x.dat", ifc, sizeof ifc - 1), ==, PW_IMPORT_FORMAT_IFC);
  g_assert_cmpint (pw_import_sniff ("x.dat", svg, sizeof svg - 1), ==, PW_IMPORT_FORMAT_SVG);
  g_assert_cmpint (pw_import_sniff ("x.json", imdf, sizeof imdf - 1), ==, PW_IMPORT_FORMAT_IMDF);
  g_assert_cmpint (pw_import_sniff ("main.json", wrld, sizeof wrld - 1), ==, PW_IMPORT_FORMAT_WRLD);
  g_assert_cmpint (pw_import_sniff ("notes.txt", "hello", 5), ==, PW_IMPORT_FORMAT_UNKNOWN);
  g_assert_cmpint (pw_import_sniff ("MODEL.IFC", "", 0), ==, PW_IMPORT_FORMAT_IFC);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/import-doc/scale", test_scale);
  g_test_add_func ("/plan/import-doc/calibrate", test_calibrate);
  g_test_add_func ("/plan/import-doc/json", test_json);
  g_test_add_func ("/plan/import-doc/sniff", test_sniff);
  return g_test_run ();
}
