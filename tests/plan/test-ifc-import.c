/* test-ifc-import.c — the STEP reader and the IFC importer on hand-written models
 * and on broken, truncated and hostile files
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "pw-ifc-import.h"
#include "pw-step.h"

#define HEAD "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\n" \
             "FILE_NAME('t.ifc','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n"
#define TAIL "ENDSEC;\nEND-ISO-10303-21;\n"
/* A storey and one space whose placement is #10 and whose profile's first
 * point is #20; the bad inputs below replace those two lines. */
#define MODEL_A \
  "#1=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);\n" \
  "#2=IFCUNITASSIGNMENT((#1));\n" \
  "#3=IFCPROJECT('p',$,'P',$,$,$,$,$,#2);\n" \
  "#4=IFCBUILDINGSTOREY('s',$,'L0',$,$,$,$,$,.ELEMENT.,0.);\n" \
  "#5=IFCRELAGGREGATES('r',$,$,$,#4,(#6));\n" \
  "#6=IFCSPACE('x',$,'R1',$,$,#10,#7,$,.ELEMENT.,$,$);\n" \
  "#7=IFCPRODUCTDEFINITIONSHAPE($,$,(#8));\n" \
  "#8=IFCSHAPEREPRESENTATION($,'Body','SweptSolid',(#9));\n" \
  "#9=IFCEXTRUDEDAREASOLID(#12,$,#13,3.);\n" \
  "#11=IFCAXIS2PLACEMENT3D(#21,$,$);\n" \
  "#12=IFCARBITRARYCLOSEDPROFILEDEF(.AREA.,$,#14);\n" \
  "#13=IFCDIRECTION((0.,0.,1.));\n" \
  "#14=IFCPOLYLINE((#20,#21,#22));\n" \
  "#21=IFCCARTESIANPOINT((4.,0.));\n" \
  "#22=IFCCARTESIANPOINT((4.,3.));\n"
#define PLACEMENT_OK "#10=IFCLOCALPLACEMENT($,#11);\n"
#define POINT_OK "#20=IFCCARTESIANPOINT((0.,0.));\n"

static PwImportDoc *
import_text (const char *text, gsize len, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, len);

  return pw_ifc_import_bytes (bytes, "test.ifc", error);
}

static PwImportDoc *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plan", "fixtures", "ifc", name, NULL);
  g_autoptr(GError) error = NULL;
  PwImportDoc *doc = pw_import_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpint (doc->format, ==, PW_IMPORT_FORMAT_IFC);
  return doc;
}

static PwImportRoom *
find_room (PwImportDoc *doc, const char *name, PwImportLevel **level_out)
{
  for (guint l = 0; l < doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);

          if (g_strcmp0 (room->name, name) == 0)
            {
              if (level_out)
                *level_out = level;
              return room;
            }
        }
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
warnings_contain (GPtrArray *warnings, const char *text)
{
  for (guint i = 0; i < warnings->len; i++)
    if (strstr (g_ptr_array_index (warnings, i), text))
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------- STEP */

static void
test_step_strings (void)
{
  struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "it''s", "it's" },
    { "\\X2\\041A043E043C043D0430044204300020\\X0\\1", "Комната 1" },
    { "\\X\\E9t\\X\\E9", "été" },
    { "\\S\\i", "é" },
    { "a\\\\b", "a\\b" },
    { "\\X4\\0001F600\\X0\\", "😀" },
    { "\\X2\\D83DDE00\\X0\\", "😀" },
    { "C:\\Users\\x", "C:\\Users\\x" },
  };
  const char *bad[] = { "\\X2\\04Z1\\X0\\", "\\X2\\041", "\\X\\G1", "\\X4\\0041\\X0\\" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *s = pw_step_decode_string (cases[i].in, strlen (cases[i].in), NULL);

      g_assert_cmpstr (s, ==, cases[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gsize offset = 99;
      g_autofree char *s = pw_step_decode_string (bad[i], strlen (bad[i]), &offset);

      g_assert_null (s);
      g_assert_cmpuint (offset, ==, 0);
    }
}

static void
test_step_values (void)
{
  const char *text = HEAD
    "/* a comment */ #7 = IFCTHING ( 'a''b' , $ , * , .T. , -1.5E+2 , 42 , #9 ,\n"
    "  ( 1 , ( 2 , 3 ) ) , IFCLABEL ( 'x' ) , \"0FF\" , () ) ;\n"
    "#9=IFCOTHER();\n#3=(IFCA()IFCB(1));\n" TAIL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStepFile) file = pw_step_file_new_from_bytes (bytes, &error);
  const PwStepValue *args, *v;
  guint index;
  double number;

  g_assert_no_error (error);
  g_assert_cmpstr (pw_step_file_get_schema (file), ==, "IFC4");
  g_assert_cmpuint (pw_step_file_get_n_entities (file), ==, 3);
  index = pw_step_file_lookup (file, 7);
  g_assert_cmpuint (index, ==, 0);
  g_assert_cmpuint (pw_step_file_lookup (file, 8), ==, PW_STEP_NO_INDEX);
  g_assert_cmpuint (pw_step_file_get_line (file, index), ==, 8);
  g_assert_cmpstr (pw_step_file_get_type_name (file, index), ==, "IFCTHING");
  g_assert_cmpint (pw_step_file_get_type (file, index), ==, pw_step_file_find_type (file, "IFCTHING"));
  g_assert_cmpint (pw_step_file_find_type (file, "IFCWALL"), ==, -1);
  g_assert_cmpstr (pw_step_file_get_type_name (file, 2), ==, "");

  args = pw_step_file_get_args (file, index, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (args->n, ==, 11);
  g_assert_cmpstr (pw_step_value_get_string (pw_step_value_get_item (args, 0)), ==, "a'b");
  g_assert_cmpint (pw_step_value_get_item (args, 1)->kind, ==, PW_STEP_NULL);
  g_assert_cmpint (pw_step_value_get_item (args, 2)->kind, ==, PW_STEP_DERIVED);
  g_assert_cmpstr (pw_step_value_get_enum (pw_step_value_get_item (args, 3)), ==, "T");
  g_assert_true (pw_step_value_get_number (pw_step_value_get_item (args, 4), &number));
  g_assert_cmpfloat (number, ==, -150);
  g_assert_cmpint (pw_step_value_get_item (args, 5)->kind, ==, PW_STEP_INTEGER);
  g_assert_cmpuint (pw_step_value_get_ref (pw_step_value_get_item (args, 6)), ==, 9);
  v = pw_step_value_get_item (pw_step_value_get_item (args, 7), 1);
  g_assert_true (pw_step_value_is_list (v));
  g_assert_true (pw_step_value_get_number (pw_step_value_get_item (v, 1), &number));
  g_assert_cmpfloat (number, ==, 3);
  v = pw_step_value_get_item (args, 8);
  g_assert_cmpint (v->kind, ==, PW_STEP_TYPED);
  g_assert_cmpstr (v->typed.type, ==, "IFCLABEL");
  g_assert_cmpstr (pw_step_value_get_string (v), ==, "x");
  g_assert_cmpint (pw_step_value_get_item (args, 9)->kind, ==, PW_STEP_BINARY);
  g_assert_cmpuint (pw_step_value_get_item (args, 10)->n, ==, 0);
  /* parsed once, kept */
  g_assert_true (args == pw_step_file_get_args (file, index, NULL));
}

/* Lines are remembered every so many instances and at each DATA section, and found
 * again by scanning from there: every instance's line is the line of its '#', also
 * across comments and strings holding newlines, and in a second DATA section. */
static void
test_step_lines (void)
{
  g_autoptr(GString) text = g_string_new ("ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\n"
                                          "FILE_NAME('','',(''),(''),'','','');\n"
                                          "FILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n");
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PwStepFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  guint bad = 0;

  for (guint i = 1; i <= 300; i++)
    {
      guint line = 1;

      if (i == 150)
        g_string_append (text, "ENDSEC;\n/* between\nsections */\nDATA;\n\n");
      for (const char *p = text->str; *p; p++)
        line += *p == '\n';
      g_array_append_val (expected, line);
      if (i % 7 == 0)
        g_string_append_printf (text, "#%u=\n/* a\ncomment */ IFCLABEL(\n'two\nlines',\n%u);\n", i, i);
      else if (i == 222)
        {
          g_string_append_printf (text, "#%u=IFCLABEL('x' 2);\n", i);   /* a parse error */
          bad = line;
        }
      else
        g_string_append_printf (text, "#%u=IFCLABEL(%u); /* x\n*/ ", i, i);
    }
  g_string_append (text, "ENDSEC;\nEND-ISO-10303-21;\n");
  bytes = g_bytes_new (text->str, text->len);
  file = pw_step_file_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_step_file_get_n_entities (file), ==, 300);
  for (guint i = 0; i < 300; i++)
    g_assert_cmpuint (pw_step_file_get_line (file, i), ==, g_array_index (expected, guint, i));
  g_assert_nonnull (pw_step_file_get_args (file, 220, &error));
  g_assert_null (pw_step_file_get_args (file, 221, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE);
  prefix = g_strdup_printf ("Line %u, #222: ", bad);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

static void
test_step_sparse_ids (void)
{
  const char *text = HEAD "#2000000000=IFCA();\n#1=IFCB(#2000000000);\n" TAIL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStepFile) file = pw_step_file_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pw_step_file_lookup (file, 2000000000), ==, 0);
  g_assert_cmpuint (pw_step_file_lookup (file, 1), ==, 1);
  g_assert_cmpuint (pw_step_file_lookup (file, 5), ==, PW_STEP_NO_INDEX);
}

/* ---------------------------------------------------------------- fixtures */

static void
test_ifc2x3_mm_profiles (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("ifc2x3-mm-profiles.ifc");
  PwImportLevel *level = NULL;
  PwImportRoom *room;
  const PwDeclaredArea *area;
  double x0, y0, x1, y1;

  g_assert_cmpstr (doc->schema, ==, "IFC2X3");
  g_assert_cmpuint (doc->levels->len, ==, 2);
  /* by elevation: the ground floor is written second */
  level = g_ptr_array_index (doc->levels, 0);
  g_assert_cmpstr (level->name, ==, "Ground floor");
  g_assert_cmpfloat_with_epsilon (level->elevation, 0, 1e-9);
  level = g_ptr_array_index (doc->levels, 1);
  g_assert_cmpstr (level->name, ==, "First floor");
  g_assert_cmpfloat_with_epsilon (level->elevation, 3, 1e-9);
  g_assert_cmpuint (pw_import_doc_count_rooms (doc), ==, 3);

  /* a rectangle profile in millimetres, placed 10 m east */
  room = find_room (doc, "R101", &level);
  g_assert_cmpstr (level->name, ==, "Ground floor");
  g_assert_cmpstr (room->source_id, ==, "2kS$9xQ8b1Tf3X5DpUu2aa");
  g_assert_cmpstr (room->long_name, ==, "Office");
  g_assert_nonnull (room->polygon);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 20, 1e-9);
  pw_polygon_bounds (room->polygon, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 15, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, -4, 1e-9);   /* north is up: y is negated */
  g_assert_cmpfloat_with_epsilon (y1, 0, 1e-9);
  area = pw_import_room_find_declared (room, "GrossFloorArea");
  g_assert_nonnull (area);
  g_assert_cmpfloat_with_epsilon (area->m2, 20, 1e-9);
  g_assert_cmpstr (area->set, ==, "BaseQuantities");
  g_assert_cmpfloat_with_epsilon (pw_import_room_find_declared (room, "NetFloorArea")->m2, 19.5, 1e-9);

  /* an arbitrary profile with a hole, under a set with an odd name */
  room = find_room (doc, "R102", NULL);
  g_assert_nonnull (room->polygon);
  g_assert_cmpuint (pw_polygon_get_n_holes (room->polygon), ==, 1);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 78, 1e-9);
  area = pw_import_room_find_declared (room, "NetFloorArea");
  g_assert_cmpstr (area->set, ==, "Flächen (Büro)");
  g_assert_cmpfloat_with_epsilon (area->m2, 78, 1e-9);

  /* a composite curve whose arc is trimmed in degrees: 8 + 2π m², flattened
   * into 10° chords, which lose 0.5 % of the half circle */
  room = find_room (doc, "R201", &level);
  g_assert_cmpstr (level->name, ==, "First floor");
  g_assert_nonnull (room->polygon);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon),
                                  8 + 0.5 * 4 * 18 * sin (G_PI / 18), 1e-6);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 8 + 2 * G_PI, 0.05);
  pw_polygon_bounds (room->polygon, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (y0, -4, 1e-9);
  g_assert_cmpuint (room->declared->len, ==, 0);
}

static void
test_ifc4_m_solids (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("ifc4-m-solids.ifc");
  PwImportRoom *room;
  const PwDeclaredArea *area;
  double x0, y0, x1, y1;
  guint n;

  g_assert_cmpstr (doc->schema, ==, "IFC4");
  g_assert_cmpuint (doc->levels->len, ==, 1);
  g_assert_cmpuint (pw_import_doc_count_rooms (doc), ==, 5);

  /* a faceted brep turned -90° by its placement */
  room = find_room (doc, "B1", NULL);
  g_assert_nonnull (room->polygon);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 15, 1e-9);
  pw_polygon_bounds (room->polygon, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 13, 1e-9);
  g_assert_cmpfloat_with_epsilon (y0, -20, 1e-9);
  g_assert_cmpfloat_with_epsilon (y1, -15, 1e-9);
  /* a quantity set with an empty name */
  area = pw_import_room_find_declared (room, "GrossFloorArea");
  g_assert_cmpfloat_with_epsilon (area->m2, 15, 1e-9);
  g_assert_null (area->set);
  g_assert_cmpuint (room->warnings->len, ==, 0);

  /* extruded sideways: measured from above, recognised, warned about */
  room = find_room (doc, "S1", NULL);
  g_assert_nonnull (room->polygon);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 3.6, 1e-9);
  pw_polygon_bounds (room->polygon, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (x1, 21.2, 1e-9);
  g_assert_true (warnings_contain (room->warnings, "sideways"));
  g_assert_true (warnings_contain (room->warnings, "#200"));
  area = pw_import_room_find_declared (room, "Area");
  g_assert_cmpstr (area->set, ==, "Pset_Custom");
  g_assert_cmpfloat_with_epsilon (area->m2, 3.6, 1e-9);

  /* an indexed poly curve inside a mapped item */
  room = find_room (doc, "P1", NULL);
  g_assert_nonnull (room->polygon);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 12, 1e-9);
  pw_polygon_bounds (room->polygon, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x0, 100, 1e-9);

  /* an outline crossing itself: no polygon, a warning naming the place */
  room = find_room (doc, "X1", NULL);
  g_assert_null (room->polygon);
  g_assert_true (warnings_contain (room->warnings, "#400 (line 99)"));
  g_assert_true (warnings_contain (room->warnings, "crosses itself"));

  /* faces merged across a T-junction, a hole kept whatever its winding */
  room = find_room (doc, "U1", NULL);
  g_assert_nonnull (room->polygon);
  g_assert_cmpuint (pw_polygon_get_n_holes (room->polygon), ==, 1);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 23, 1e-9);
  pw_polygon_get_outer (room->polygon, &n);
  g_assert_cmpuint (n, ==, 6);
  g_assert_cmpuint (room->warnings->len, ==, 0);
}

static void
test_renga_style (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("ifc2x3-renga-style.ifc");
  PwImportLevel *level = NULL;
  PwImportRoom *room = find_room (doc, "1", &level);

  g_assert_cmpstr (level->name, ==, "Уровень 1");
  g_assert_cmpstr (room->long_name, ==, "Комната ¹1");
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 12, 1e-9);
  /* no area unit: square millimetres, confirmed by the geometry */
  g_assert_cmpfloat_with_epsilon (pw_import_room_find_declared (room, "GrossFloorArea")->m2, 12, 1e-9);
  g_assert_true (warnings_contain (doc->warnings, "no area unit"));
}

static void
test_model_a_is_fine (void)
{
  static const char text[] = HEAD MODEL_A PLACEMENT_OK POINT_OK TAIL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = import_text (text, sizeof text - 1, &error);
  PwImportRoom *room;

  g_assert_no_error (error);
  room = find_room (doc, "R1", NULL);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 6, 1e-9);
}

/* ---------------------------------------------------------------- bad input */

typedef struct
{
  const char *name;
  const char *text;
  int         code;
  const char *place;   /* must appear in the message */
} Bad;

static void
test_bad_inputs (void)
{
  g_autofree char *deep = NULL;
  static const char garbage[] = "\x7f" "ELF\x02\x01\x01\0\0\0\xff\xfe\x80\x81#1=(((";
  Bad cases[] = {
    { "empty", "", PW_PLAN_ERROR_PARSE, "Line 1" },
    { "blank", "  \n\n ", PW_PLAN_ERROR_PARSE, "Line 3" },
    { "not step", "<svg xmlns='http://www.w3.org/2000/svg'/>", PW_PLAN_ERROR_PARSE, "Line 1" },
    { "missing header", "ISO-10303-21;\nDATA;\n#1=IFCWALL();\nENDSEC;\nEND-ISO-10303-21;\n",
      PW_PLAN_ERROR_PARSE, "Line 2" },
    { "no data section", "ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nEND-ISO-10303-21;\n",
      PW_PLAN_ERROR_PARSE, "Line 5" },
    { "truncated in an instance", HEAD "#1=IFCSIUNIT(*,.LENGTHUNIT.,$,.ME", PW_PLAN_ERROR_PARSE,
      "Line 8, #1" },
    { "truncated after an instance", HEAD "#1=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);\n#2=IFC",
      PW_PLAN_ERROR_PARSE, "#2" },
    { "missing ENDSEC", HEAD "#1=IFCWALL();\n", PW_PLAN_ERROR_PARSE, "Line 9" },
    { "missing semicolon", HEAD "#1=IFCWALL()\n#2=IFCWALL();\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 9, #1" },
    { "missing bracket", HEAD "#1=IFCWALL('a',(1,2;\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 8, #1" },
    { "unterminated string", HEAD "#1=IFCWALL();\n#2=IFCSPACE('abc,$,$);\n",
      PW_PLAN_ERROR_PARSE, "Line 9, #2" },
    { "unterminated comment", HEAD "#1=IFCWALL();\n/* never closed\n#2=IFCWALL();\n" TAIL,
      PW_PLAN_ERROR_PARSE, "Line 9" },
    { "bad X2 escape", HEAD "#1=IFCWALL('\\X2\\04Z1\\X0\\');\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 8, #1" },
    { "X2 escape never ended", HEAD "#1=IFCWALL('\\X2\\0410');\n" TAIL, PW_PLAN_ERROR_PARSE, "#1" },
    { "bad X escape", HEAD "\n#4=IFCWALL('\\X\\Q');\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 9, #4" },
    { "id out of range", HEAD "#99999999999=IFCWALL();\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 8" },
    { "id zero", HEAD "#0=IFCWALL();\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 8" },
    { "id used twice", HEAD "#1=IFCWALL();\n#1=IFCSLAB();\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 9, #1" },
    { "binary garbage", garbage, PW_PLAN_ERROR_PARSE, "Line 1" },
    { "control byte", HEAD "#1=IFCWALL(\x01);\n" TAIL, PW_PLAN_ERROR_PARSE, "Line 8, #1" },
    { "reference out of range", HEAD MODEL_A POINT_OK "#10=IFCLOCALPLACEMENT(#99999999999,#11);\n" TAIL,
      PW_PLAN_ERROR_PARSE, "#10" },
    { "infinite coordinate", HEAD MODEL_A PLACEMENT_OK "#20=IFCCARTESIANPOINT((1e999,0.));\n" TAIL,
      PW_PLAN_ERROR_PARSE, "#20" },
    { "NaN coordinate", HEAD MODEL_A PLACEMENT_OK "#20=IFCCARTESIANPOINT((NaN,0.));\n" TAIL,
      PW_PLAN_ERROR_PARSE, "#20" },
    { "self-referencing placement", HEAD MODEL_A POINT_OK "#10=IFCLOCALPLACEMENT(#10,#11);\n" TAIL,
      PW_PLAN_ERROR_PARSE, "#10" },
    { "cyclic placement chain", HEAD MODEL_A POINT_OK "#10=IFCLOCALPLACEMENT(#15,#11);\n"
      "#15=IFCLOCALPLACEMENT(#16,#11);\n#16=IFCLOCALPLACEMENT(#10,#11);\n" TAIL,
      PW_PLAN_ERROR_PARSE, "#10" },
    { "cyclic composite curve", HEAD MODEL_A PLACEMENT_OK POINT_OK
      "#30=IFCCOMPOSITECURVE((#31),.F.);\n#31=IFCCOMPOSITECURVESEGMENT(.CONTINUOUS.,.T.,#30);\n"
      "#32=IFCARBITRARYCLOSEDPROFILEDEF(.AREA.,$,#30);\n"
      "#33=IFCEXTRUDEDAREASOLID(#32,$,#13,3.);\n#34=IFCSHAPEREPRESENTATION($,'Body','SweptSolid',(#33));\n"
      "#35=IFCPRODUCTDEFINITIONSHAPE($,$,(#34));\n#36=IFCSPACE('y',$,'R2',$,$,#10,#35,$,.ELEMENT.,$,$);\n"
      TAIL, PW_PLAN_ERROR_PARSE, "#30" },
    { "not IFC", "ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('AUTOMOTIVE_DESIGN'));\nENDSEC;\nDATA;\n" TAIL,
      PW_PLAN_ERROR_FORMAT, NULL },
    { "nothing in it", HEAD TAIL, PW_PLAN_ERROR_EMPTY, NULL },
    { "deep lists", NULL, PW_PLAN_ERROR_LIMIT, "Line 8, #1" },
  };
  GString *nested = g_string_new (HEAD "#1=IFCWALL(");

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '(');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, ')');
  g_string_append (nested, ");\n" TAIL);
  deep = g_string_free (nested, FALSE);
  cases[G_N_ELEMENTS (cases) - 1].text = deep;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize len = cases[i].text == garbage ? sizeof garbage - 1 : strlen (cases[i].text);
      g_autoptr(PwImportDoc) doc = import_text (cases[i].text, len, &error);

      g_test_message ("%s: %s", cases[i].name, error ? error->message : "(no error)");
      g_assert_null (doc);
      g_assert_error (error, PW_PLAN_ERROR, cases[i].code);
      if (cases[i].place)
        g_assert_nonnull (strstr (error->message, cases[i].place));
    }
}

/* A 1 GB file is refused before a byte of it is read (the file is sparse). */
/* A sparse file: a good header and first instance, then @size bytes in all, the
 * rest a hole of NUL bytes. ftruncate makes it at once, whatever its size. */
static char *
make_sparse_model (goffset size)
{
  static const char head[] =
    "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\n"
    "FILE_NAME('big.ifc','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n"
    "#1=IFCCARTESIANPOINT((0.,0.,0.));\n";
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("parkwise-big-XXXXXX.ifc", &path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  g_assert_cmpint (ftruncate (fd, (off_t) size), ==, 0);
  close (fd);
  return path;
}

/* Files past the old 256 MiB cap, and past 4 GiB, are read, not refused for their
 * size: the reader maps them and fails on their content, at the first NUL byte
 * after the instance on line 8. */
static void
test_huge_file (void)
{
  const goffset sizes[] = {
    ((goffset) 256 << 20) + 4097,   /* just over the former PW_IMPORT_MAX_FILE_BYTES */
    ((goffset) 5 << 30),            /* more than 32-bit offsets reach */
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *path = make_sparse_model (sizes[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) import_error = NULL;
      g_autoptr(PwStepFile) step = pw_step_file_new_for_path (path, &error);
      g_autoptr(PwImportDoc) doc = NULL;

      g_assert_null (step);
      g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "Line 9: "));

      doc = pw_import_file (path, &import_error);
      g_assert_null (doc);
      g_assert_error (import_error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE);
      g_unlink (path);
    }
}

/* A model over 16 MiB read through the map, where the reader drops pages behind the
 * scan and behind the importer's parses, gives the same document as the same bytes
 * read from memory, where nothing is dropped. */
static void
test_mapped_pages_dropped (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "plan", "fixtures", "ifc",
                                                    "ifc4-m-solids.ifc", NULL);
  g_autofree char *model = NULL, *path = NULL, *json_mapped = NULL, *json_bytes = NULL;
  g_autoptr(GString) big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) mapped = NULL;
  g_autoptr(PwImportDoc) from_bytes = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *end;
  int fd;

  g_assert_true (g_file_get_contents (fixture, &model, NULL, NULL));
  end = g_strrstr (model, "ENDSEC;");
  g_assert_nonnull (end);
  big = g_string_new_len (model, end - model);
  /* points as filler, and relations the importer parses (they name no space) */
  for (guint i = 0; big->len < 20u << 20; i++)
    {
      g_string_append_printf (big, "#%u=IFCCARTESIANPOINT((%u.5,%u.25,0.));\n", 10000 + 2 * i, i, i % 97);
      if (i % 500 == 0)
        g_string_append_printf (big, "#%u=IFCRELDEFINESBYPROPERTIES('r%u',$,$,$,(#%u),#1);\n",
                                10001 + 2 * i, i, 10000 + 2 * i);
    }
  g_string_append (big, "ENDSEC;\nEND-ISO-10303-21;\n");

  fd = g_file_open_tmp ("parkwise-mapped-XXXXXX.ifc", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, big->str, big->len, &error));
  mapped = pw_ifc_import_file (path, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (big->str, big->len);
  from_bytes = pw_ifc_import_bytes (bytes, mapped->source_name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_import_doc_count_rooms (mapped), ==, 5);
  json_mapped = pw_import_doc_to_json (mapped);
  json_bytes = pw_import_doc_to_json (from_bytes);
  g_assert_cmpstr (json_mapped, ==, json_bytes);
  g_unlink (path);
}

/* Every prefix of a good model either imports or fails cleanly. */
static void
test_every_truncation (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plan", "fixtures", "ifc",
                                                 "ifc4-m-solids.ifc", NULL);
  g_autofree char *text = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &text, &len, NULL));
  for (gsize n = 0; n < len; n += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwImportDoc) doc = import_text (text, n, &error);

      g_assert_true ((doc == NULL) != (error == NULL));
      if (error)
        g_assert_true (g_str_has_prefix (error->message, "Line "));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/step/strings", test_step_strings);
  g_test_add_func ("/step/values", test_step_values);
  g_test_add_func ("/step/sparse-ids", test_step_sparse_ids);
  g_test_add_func ("/step/lines", test_step_lines);
  g_test_add_func ("/ifc/ifc2x3-mm-profiles", test_ifc2x3_mm_profiles);
  g_test_add_func ("/ifc/ifc4-m-solids", test_ifc4_m_solids);
  g_test_add_func ("/ifc/renga-style", test_renga_style);
  g_test_add_func ("/ifc/model-a", test_model_a_is_fine);
  g_test_add_func ("/ifc/bad-inputs", test_bad_inputs);
  g_test_add_func ("/ifc/huge-file", test_huge_file);
  g_test_add_func ("/ifc/mapped-pages-dropped", test_mapped_pages_dropped);
  g_test_add_func ("/ifc/every-truncation", test_every_truncation);
  return g_test_run ();
}
