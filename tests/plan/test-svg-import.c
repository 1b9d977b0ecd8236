/* test-svg-import.c — SVG floor plans: shapes, paths, transforms, styles, labels,
 * IfcConvert storeys, scale, and bad input that must fail clearly
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "pw-svg-import.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "plan", "fixtures", "svg", name, NULL);
}

static PwImportDoc *
import_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  PwImportDoc *doc = pw_svg_import_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_cmpint (doc->format, ==, PW_IMPORT_FORMAT_SVG);
  return doc;
}

static PwImportRoom *
find_room (PwImportDoc *doc, const char *source_id)
{
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);

          if (strcmp (room->source_id, source_id) == 0)
            return room;
        }
    }
  return NULL;
}

static double
room_area (PwImportDoc *doc, const char *source_id)
{
  PwImportRoom *room = find_room (doc, source_id);

  g_assert_nonnull (room);
  g_assert_nonnull (room->polygon);
  return pw_polygon_area (room->polygon);
}

static void
assert_bounds (PwImportDoc *doc, const char *source_id, double x0, double y0, double x1, double y1)
{
  PwImportRoom *room = find_room (doc, source_id);
  double a, b, c, d;

  g_assert_nonnull (room);
  g_assert_nonnull (room->polygon);
  pw_polygon_bounds (room->polygon, &a, &b, &c, &d);
  g_assert_cmpfloat_with_epsilon (a, x0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, y0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c, x1, 1e-9);
  g_assert_cmpfloat_with_epsilon (d, y1, 1e-9);
}

static gboolean
warnings_mention (GPtrArray *warnings, const char *a, const char *b)
{
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *w = g_ptr_array_index (warnings, i);

      if (strstr (w, a) != NULL && (b == NULL || strstr (w, b) != NULL))
        return TRUE;
    }
  return FALSE;
}

/* The drawing's flattening tolerance is 1e-5 of its viewBox: an inscribed polygon of
 * a circle of radius r loses at most 2πr × tolerance. */
static void
assert_circle_area (double area, double rx, double ry, double tolerance)
{
  double exact = G_PI * rx * ry;

  g_assert_cmpfloat (area, <=, exact + 1e-9);
  g_assert_cmpfloat (area, >=, exact - 2 * G_PI * MAX (rx, ry) * tolerance);
}

static void
test_shapes (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("rooms.svg");
  PwImportLevel *level;
  PwImportRoom *room;
  const double tol = 1000 * 1e-5;

  g_assert_true (doc->needs_scale);
  g_assert_cmpstr (doc->schema, ==, "SVG 1.1");
  g_assert_cmpstr (doc->source_name, ==, "rooms.svg");
  g_assert_cmpuint (doc->levels->len, ==, 1);
  level = g_ptr_array_index (doc->levels, 0);
  g_assert_cmpstr (level->name, ==, "Ground floor");  /* from <title> */
  g_assert_cmpuint (level->rooms->len, ==, 9);

  g_assert_cmpfloat_with_epsilon (room_area (doc, "r101"), 10 * 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "r102"), 100 * 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "r103"), 100 * 100 / 2., 1e-9);
  assert_circle_area (room_area (doc, "r104"), 50, 50, tol);
  assert_circle_area (room_area (doc, "r105"), 50, 25, tol);
  /* rounded corners of radius 10 take (4 − π) × 10² off the square */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "r106"), 10000 - (4 - G_PI) * 100, 2 * G_PI * 10 * tol);
  /* fill:none from a class, but in a group named as rooms */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "r107"), 40 * 40, 1e-9);
  /* <use> of a rect in <defs>, moved by x and y */
  assert_bounds (doc, "template", 700, 300, 730, 330);

  /* skipped: the frame, an unfilled outline, hidden shapes, the shape in <defs> itself */
  g_assert_null (find_room (doc, "frame"));
  g_assert_null (find_room (doc, "unfilled"));
  g_assert_null (find_room (doc, "hidden1"));
  g_assert_null (find_room (doc, "hidden2"));
  g_assert_null (find_room (doc, "hidden3"));
  g_assert_true (warnings_mention (doc->warnings, "rooms.svg:19", "frame"));
  g_assert_true (warnings_mention (doc->warnings, "3 open paths or lines", "walls"));
  g_assert_true (warnings_mention (doc->warnings, "1 closed shape with no fill", NULL));

  /* a self-intersecting outline keeps its room, with no footprint and a warning */
  room = find_room (doc, "bowtie");
  g_assert_nonnull (room);
  g_assert_null (room->polygon);
  g_assert_cmpuint (room->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (room->warnings, 0), "rooms.svg:37: <polygon id=\"bowtie\">"));
  g_assert_nonnull (strstr (g_ptr_array_index (room->warnings, 0), "crosses itself"));
}

static void
test_labels (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("rooms.svg");

  g_assert_cmpstr (find_room (doc, "r101")->name, ==, "101");
  g_assert_cmpstr (find_room (doc, "r102")->name, ==, "Store");  /* inkscape:label */
  g_assert_null (find_room (doc, "r103")->name);
  g_assert_cmpstr (find_room (doc, "r104")->name, ==, "Meeting room");  /* two tspans */
  g_assert_cmpstr (find_room (doc, "r105")->name, ==, "105");  /* placed by a transform */
  g_assert_cmpstr (find_room (doc, "r101")->category, ==, "st1");
  g_assert_true (warnings_mention (doc->warnings, "1 text label lies in no room", "Legend"));
}

static void
test_paths (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("paths.svg");
  const double tol = 2000 * 1e-5;
  const char *rects[] = { "abs-hv", "rel-hv", "packed", "exponent" };
  PwImportRoom *room;

  for (guint i = 0; i < G_N_ELEMENTS (rects); i++)
    g_assert_cmpfloat_with_epsilon (room_area (doc, rects[i]), 40 * 30, 1e-9);
  assert_bounds (doc, "exponent", 400, 0, 440, 30);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "triangle"), 40 * 30 / 2., 1e-9);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "fraction"), 50 * 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "implicit-m"), 20 * 10, 1e-9);
  assert_circle_area (room_area (doc, "arc-circle"), 50, 50, tol);
  assert_circle_area (room_area (doc, "arc-packed"), 50, 50, tol);
  assert_bounds (doc, "arc-packed", 900, 0, 1000, 100);
  /* four cubic quarter circles: within 0.03 % of the radius, plus flattening */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "cubic-circle"), G_PI * 2500, G_PI * 2500 * 1e-3);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "cubic-rel"), G_PI * 2500, G_PI * 2500 * 1e-3);
  assert_bounds (doc, "cubic-rel", 1250, 0, 1350, 100);
  /* Q then T: the two parabolic bulges cancel, leaving the 200 × 200 square */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "quad-abs"), 40000, 2);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "quad-rel"), 40000, 2);

  /* an inner subpath is a hole; two side-by-side subpaths are two rooms */
  room = find_room (doc, "holes");
  g_assert_cmpuint (pw_polygon_get_n_holes (room->polygon), ==, 1);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "holes"), 100 * 100 - 50 * 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "two-rooms"), 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "two-rooms-2"), 100, 1e-9);
  g_assert_null (find_room (doc, "wall"));
  g_assert_null (find_room (doc, "wall-curve"));
  g_assert_true (warnings_mention (doc->warnings, "2 open paths or lines", NULL));
}

static void
test_transforms (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("transforms.svg");
  PwImportRoom *room;
  const PwPoint *pts;
  guint n;
  gboolean corner = FALSE;

  assert_bounds (doc, "t1", 10, 20, 20, 30);
  assert_bounds (doc, "t2", 10, 50, 30, 80);     /* translate, then scale(2 3) */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "t2"), 600, 1e-9);
  /* rotate(90 5 5) maps the square on itself, moving its corner (0,0) to (10,0) */
  room = find_room (doc, "t3");
  pts = pw_polygon_get_outer (room->polygon, &n);
  g_assert_cmpfloat_with_epsilon (pts[0].x, 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (pts[0].y, 0, 1e-9);
  for (guint i = 0; i < n; i++)
    corner |= fabs (pts[i].x) < 1e-9 && fabs (pts[i].y - 10) < 1e-9;
  g_assert_true (corner);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "t4"), 400, 1e-9);  /* skew keeps area */
  assert_bounds (doc, "t4", 5, 5, 45, 25);
  assert_bounds (doc, "t5", 50, 50, 60, 70);     /* rotations that cancel */
  assert_bounds (doc, "t6", 60, 0, 70, 10);      /* nested viewport, stretched */
  assert_bounds (doc, "t7", 10, 80, 20, 90);     /* nested viewport, centred (xMidYMid meet) */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "t8"), 16, 1e-9);
  /* 1in and 2.54cm are both 96 user units */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "t9"), 96 * 96, 1e-9);
}

static void
test_ifcconvert (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("ifcconvert.svg");
  PwImportLevel *ground, *first;
  PwImportRoom *room;

  g_assert_cmpuint (doc->levels->len, ==, 2);
  ground = pw_import_doc_find_level (doc, "0AAAAAAAAAAAAAAAAAAAAA");
  first = pw_import_doc_find_level (doc, "0BBBBBBBBBBBBBBBBBBBBB");
  g_assert_nonnull (ground);
  g_assert_nonnull (first);
  g_assert_cmpstr (ground->name, ==, "Ground floor");
  g_assert_cmpstr (first->name, ==, "First floor");
  g_assert_cmpuint (ground->rooms->len, ==, 2);
  g_assert_cmpuint (first->rooms->len, ==, 1);

  room = find_room (doc, "1SPACE0000000000000001");
  g_assert_cmpstr (room->name, ==, "Kitchen");
  g_assert_cmpstr (room->category, ==, "IfcSpace");
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (room->polygon), 400 * 300, 1e-9);
  /* an IfcSpace is a room even with fill:none */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "1SPACE0000000000000002"), 500 * 300, 1e-9);
  /* the space keeps its IFC name; the label inside it becomes the long name */
  room = find_room (doc, "1SPACE0000000000000003");
  g_assert_cmpstr (room->name, ==, "Bedroom");
  g_assert_cmpstr (room->long_name, ==, "3.02");
  /* the wall is no room */
  g_assert_null (find_room (doc, "product-2WALLWALLWALLWALLWALLW"));
  g_assert_true (warnings_mention (doc->warnings, "1 shape outside every IfcSpace", NULL));
}

static void
test_scale (void)
{
  g_autoptr(PwImportDoc) doc = import_fixture ("rooms.svg");
  g_autoptr(PwImportDoc) physical = import_fixture ("physical.svg");
  g_autoptr(GError) error = NULL;
  /* the top edge of r101 is 10 units long; say it is 5 m on site */
  PwPoint a = { 100, 100 }, b = { 110, 100 };

  g_assert_true (pw_import_doc_calibrate (doc, &a, &b, 5, &error));
  g_assert_no_error (error);
  g_assert_false (doc->needs_scale);
  g_assert_cmpfloat_with_epsilon (doc->scale, 0.5, 1e-12);
  /* 10 × 20 units at half a metre a unit: 5 m × 10 m */
  g_assert_cmpfloat_with_epsilon (room_area (doc, "r101"), 50, 1e-9);
  assert_bounds (doc, "r101", 50, 50, 55, 60);

  /* 100 mm across a 1000-unit viewBox: a unit is 0.1 mm */
  g_assert_false (physical->needs_scale);
  g_assert_cmpfloat_with_epsilon (physical->scale, 1e-4, 1e-15);
  g_assert_cmpfloat_with_epsilon (room_area (physical, "room"), (200 * 1e-4) * (100 * 1e-4), 1e-15);
  g_assert_true (warnings_mention (physical->warnings, "100mm", "0.0001 m"));
}

static void
test_entities_allowed (void)
{
  /* Illustrator declares short literal entities and uses them for namespaces */
  const char svg[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n"
    "  <!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n"
    "  <!ENTITY ns_xlink \"http://www.w3.org/1999/xlink\">\n"
    "]>\n"
    "<svg xmlns=\"&ns_svg;\" xmlns:xlink=\"&ns_xlink;\"><rect id=\"a\" width=\"3\" height=\"4\"/></svg>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_svg_import_bytes (svg, sizeof svg - 1, "illustrator.svg", &error);

  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (room_area (doc, "a"), 12, 1e-9);
}

/* ---- bad input ------------------------------------------------------------------- */

typedef struct
{
  const char *what;
  const char *svg;     /* inline text, or NULL for the fixture */
  const char *fixture;
  int         code;
  const char *place;   /* the message must name this */
  const char *detail;  /* and this, or NULL */
} BadInput;

#define SVG_OPEN "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">\n"

static const BadInput bad_inputs[] = {
  { "empty file", NULL, "empty.svg", PW_PLAN_ERROR_EMPTY, "empty.svg", "empty" },
  { "truncated", NULL, "truncated.svg", PW_PLAN_ERROR_PARSE, "truncated.svg:5", NULL },
  { "entity bomb", NULL, "entity-bomb.svg", PW_PLAN_ERROR_LIMIT, "entity-bomb.svg:4", "ENTITY" },
  { "NaN width", NULL, "nan.svg", PW_PLAN_ERROR_PARSE, "nan.svg:4: <rect id=\"bad\">", "“width”" },
  { "1e999 in a path", NULL, "huge-number.svg", PW_PLAN_ERROR_PARSE, "huge-number.svg:3: <path id=\"far\">", "offset 7" },
  { "broken path data", NULL, "broken-path.svg", PW_PLAN_ERROR_PARSE, "broken-path.svg:5: <path id=\"broken\">", "“d”" },
  { "not SVG", NULL, "not-svg.xml", PW_PLAN_ERROR_FORMAT, "not-svg.xml:2", "<html>" },
  { "not XML", "this is not a drawing", NULL, PW_PLAN_ERROR_PARSE, "bad.svg:1", NULL },
  { "mismatched tags", SVG_OPEN "<g>\n<rect width=\"1\" height=\"1\"/>\n</svg>\n", NULL,
    PW_PLAN_ERROR_PARSE, "bad.svg:5", NULL },
  { "external entity",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>&xxe;</text></svg>", NULL,
    PW_PLAN_ERROR_LIMIT, "bad.svg:3", "external" },
  { "parameter entity",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY % p \"x\">\n]>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    NULL, PW_PLAN_ERROR_LIMIT, "bad.svg:3", NULL },
  { "infinity in a rect", SVG_OPEN "<rect id=\"inf\" width=\"Infinity\" height=\"1\"/>\n</svg>", NULL,
    PW_PLAN_ERROR_PARSE, "bad.svg:3: <rect id=\"inf\">", "“width”" },
  { "path not starting with M", SVG_OPEN "<path id=\"p\" d=\"L 1 1 2 2 z\"/>\n</svg>", NULL,
    PW_PLAN_ERROR_PARSE, "bad.svg:3: <path id=\"p\">", "moveto" },
  { "bad transform", SVG_OPEN "<g>\n<rect width=\"1\" height=\"1\" transform=\"rotate(abc)\"/>\n</g>\n</svg>", NULL,
    PW_PLAN_ERROR_PARSE, "bad.svg:4: <rect>", "“transform”" },
  { "transform with too few values", SVG_OPEN "<rect width=\"1\" height=\"1\" transform=\"matrix(1 0 0 1)\"/>\n</svg>",
    NULL, PW_PLAN_ERROR_PARSE, "bad.svg:3: <rect>", "matrix" },
  { "odd polygon points", SVG_OPEN "<polygon id=\"odd\" points=\"0,0 10,0 10\"/>\n</svg>", NULL,
    PW_PLAN_ERROR_PARSE, "bad.svg:3: <polygon id=\"odd\">", "“points”" },
  { "coordinates beyond reason", SVG_OPEN "<g transform=\"scale(1e10) scale(1e10)\">\n<rect id=\"far\" width=\"10\" height=\"10\"/>\n</g>\n</svg>",
    NULL, PW_PLAN_ERROR_GEOMETRY, "bad.svg:4: <rect id=\"far\">", NULL },
  { "bad viewBox", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 -5 10\"><rect width=\"1\" height=\"1\"/></svg>",
    NULL, PW_PLAN_ERROR_PARSE, "bad.svg:1: <svg>", "“viewBox”" },
  { "no rooms at all", SVG_OPEN "<path d=\"M0 0 L 10 10\" stroke=\"#000\"/>\n<line x2=\"5\" y2=\"5\"/>\n</svg>", NULL,
    PW_PLAN_ERROR_EMPTY, "bad.svg", "no closed shapes" },
  { "SVG element in another namespace", "<svg xmlns=\"urn:not-svg\"><rect width=\"1\" height=\"1\"/></svg>", NULL,
    PW_PLAN_ERROR_FORMAT, "bad.svg:1", "namespace" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = NULL;

  if (bad->svg != NULL)
    doc = pw_svg_import_bytes (bad->svg, strlen (bad->svg), "bad.svg", &error);
  else
    {
      g_autofree char *path = fixture_path (bad->fixture);

      doc = pw_svg_import_file (path, &error);
    }
  g_test_message ("%s → %s", bad->what, error != NULL ? error->message : "(no error)");
  g_assert_null (doc);
  g_assert_error (error, PW_PLAN_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, bad->place));
  if (bad->detail != NULL)
    g_assert_nonnull (strstr (error->message, bad->detail));
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) svg = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = NULL;

  for (guint i = 0; i < 10000; i++)
    g_string_append (svg, "<g>\n");
  g_string_append (svg, "<rect width=\"1\" height=\"1\"/>\n");
  for (guint i = 0; i < 10000; i++)
    g_string_append (svg, "</g>\n");
  g_string_append (svg, "</svg>\n");
  doc = pw_svg_import_bytes (svg->str, svg->len, "deep.svg", &error);
  g_test_message ("%s", error != NULL ? error->message : "(no error)");
  g_assert_null (doc);
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "deep.svg:"));
  g_assert_nonnull (strstr (error->message, "nested"));
}

static void
test_use_bomb (void)
{
  /* each group uses the one before ten times: 10^8 rectangles if expanded */
  g_autoptr(GString) svg = g_string_new ("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                         "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
                                         "<defs><rect id=\"g0\" width=\"1\" height=\"1\"/>\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = NULL;

  for (guint i = 1; i <= 8; i++)
    {
      g_string_append_printf (svg, "<g id=\"g%u\">", i);
      for (guint k = 0; k < 10; k++)
        g_string_append_printf (svg, "<use xlink:href=\"#g%u\"/>", i - 1);
      g_string_append (svg, "</g>\n");
    }
  g_string_append (svg, "</defs>\n<use xlink:href=\"#g8\"/>\n"
                        "<g id=\"loop\"><use xlink:href=\"#loop\"/></g>\n</svg>\n");
  doc = pw_svg_import_bytes (svg->str, svg->len, "use.svg", &error);
  g_test_message ("%s", error != NULL ? error->message : "(no error)");
  g_assert_null (doc);
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "use.svg:"));
}

static void
test_huge_file (void)
{
  /* a sparse 1 GB file: refused from its size, before anything is read */
  g_autofree char *dir = g_dir_make_tmp ("pw-svg-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.svg", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = NULL;
  int fd;

  g_assert_nonnull (dir);
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 1024 * 1024 * 1024), ==, 0);
  close (fd);
  doc = pw_svg_import_file (path, &error);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_null (doc);
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "huge.svg"));
  g_assert_nonnull (strstr (error->message, "GB"));

  /* the same limit holds for bytes */
  g_clear_error (&error);
  g_assert_null (pw_svg_import_bytes ("<", (gsize) PW_IMPORT_MAX_FILE_BYTES + 1, "big.svg", &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
}

static void
test_dispatch (void)
{
  g_autofree char *path = fixture_path ("rooms.svg");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_import_file (path, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pw_import_doc_count_rooms (doc), ==, 9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/svg/shapes", test_shapes);
  g_test_add_func ("/plan/svg/labels", test_labels);
  g_test_add_func ("/plan/svg/paths", test_paths);
  g_test_add_func ("/plan/svg/transforms", test_transforms);
  g_test_add_func ("/plan/svg/ifcconvert", test_ifcconvert);
  g_test_add_func ("/plan/svg/scale", test_scale);
  g_test_add_func ("/plan/svg/entities-allowed", test_entities_allowed);
  g_test_add_func ("/plan/svg/dispatch", test_dispatch);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup_printf ("/plan/svg/bad/%s", bad_inputs[i].what), " ", '-');

      g_test_add_data_func (name, &bad_inputs[i], test_bad_input);
    }
  g_test_add_func ("/plan/svg/bad/deep-nesting", test_deep_nesting);
  g_test_add_func ("/plan/svg/bad/use-bomb", test_use_bomb);
  g_test_add_func ("/plan/svg/bad/huge-file", test_huge_file);
  return g_test_run ();
}
