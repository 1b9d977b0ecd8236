/* test-geometry.c — space outlines
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "pw-geometry.h"

static PwPolygon *
polygon_from_json_or_fail (const char *json)
{
  g_autoptr(GError) error = NULL;
  PwPolygon *polygon = pw_polygon_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (polygon);
  return polygon;
}

/* Refused with BAD_OUTLINE, and the message mentions @fragment when given. */
static void
assert_bad_outline (const char *json,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPolygon) polygon = NULL;

  polygon = pw_polygon_new_from_json (json, &error);
  g_assert_null (polygon);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in “%s”", fragment, error->message);
}

static void
test_rect (void)
{
  g_autoptr(PwPolygon) rect = pw_polygon_new_rect (2, 3, 10, 8.64);
  g_autoptr(GError) error = NULL;
  double x0, y0, x1, y1;

  g_assert_true (pw_polygon_validate (rect, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (rect), 86.4, 1e-9);
  g_assert_cmpint (pw_polygon_area_centi (rect), ==, 8640);

  pw_polygon_bounds (rect, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (x0, ==, 2);
  g_assert_cmpfloat (y0, ==, 3);
  g_assert_cmpfloat (x1, ==, 12);
  g_assert_cmpfloat (y1, ==, 11.64);

  g_assert_true (pw_polygon_contains (rect, 5, 5));
  g_assert_false (pw_polygon_contains (rect, 1, 5));
  g_assert_false (pw_polygon_contains (rect, 5, 12));
}

static void
test_hole (void)
{
  const PwPoint hole[] = { { 2, 2 }, { 5, 2 }, { 5, 5 }, { 2, 5 } };
  g_autoptr(PwPolygon) polygon = pw_polygon_new_rect (0, 0, 10, 10);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  pw_polygon_add_hole (polygon, hole, G_N_ELEMENTS (hole));
  g_assert_true (pw_polygon_validate (polygon, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (pw_polygon_get_n_holes (polygon), ==, 1);
  g_assert_nonnull (pw_polygon_get_hole (polygon, 0, &n));
  g_assert_cmpuint (n, ==, 4);

  g_assert_cmpfloat_with_epsilon (pw_polygon_area (polygon), 91, 1e-9);
  g_assert_cmpint (pw_polygon_area_centi (polygon), ==, 9100);
  g_assert_true (pw_polygon_contains (polygon, 1, 1));
  g_assert_true (pw_polygon_contains (polygon, 7, 7));
  g_assert_false (pw_polygon_contains (polygon, 3, 3));
  g_assert_false (pw_polygon_contains (polygon, 11, 1));
}

static void
test_l_shape (void)
{
  /* 6 × 2 along the bottom plus 2 × 3 up the left side: 12 + 6 = 18 m². */
  g_autoptr(PwPolygon) l_shape = polygon_from_json_or_fail (
    "{\"outer\":[[0,0],[6,0],[6,2],[2,2],[2,5],[0,5]]}");
  /* The same shape wound clockwise has the same area. */
  g_autoptr(PwPolygon) clockwise = polygon_from_json_or_fail (
    "{\"outer\":[[0,5],[2,5],[2,2],[6,2],[6,0],[0,0]],\"holes\":[]}");
  double x0, y0, x1, y1;

  g_assert_cmpfloat_with_epsilon (pw_polygon_area (l_shape), 18, 1e-12);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (clockwise), 18, 1e-12);
  g_assert_cmpint (pw_polygon_area_centi (l_shape), ==, 1800);

  g_assert_true (pw_polygon_contains (l_shape, 1, 4));
  g_assert_true (pw_polygon_contains (l_shape, 5, 1));
  /* The notch of the L is outside. */
  g_assert_false (pw_polygon_contains (l_shape, 4, 4));

  pw_polygon_bounds (l_shape, &x0, &y0, &x1, &y1);
  g_assert_cmpfloat (x0, ==, 0);
  g_assert_cmpfloat (y0, ==, 0);
  g_assert_cmpfloat (x1, ==, 6);
  g_assert_cmpfloat (y1, ==, 5);
}

static void
test_area_centi_rounding (void)
{
  /* 0.125 m² and 0.375 m² are exact in binary: true halves, rounded up. */
  g_autoptr(PwPolygon) eighth = pw_polygon_new_rect (0, 0, 1, 0.125);
  g_autoptr(PwPolygon) three_eighths = pw_polygon_new_rect (0, 0, 1, 0.375);
  /* A plan placed far from the origin keeps its precision. */
  g_autoptr(PwPolygon) far = pw_polygon_new_rect (1000000.25, 5000000.5, 3.3, 2.1);

  g_assert_cmpint (pw_polygon_area_centi (eighth), ==, 13);
  g_assert_cmpint (pw_polygon_area_centi (three_eighths), ==, 38);
  g_assert_cmpint (pw_polygon_area_centi (far), ==, 693);
}

static void
test_not_finite (void)
{
  const PwPoint with_nan[] = { { 0, 0 }, { NAN, 0 }, { 1, 1 } };
  const PwPoint with_inf[] = { { 0, 0 }, { 1, 0 }, { 1, INFINITY } };
  g_autoptr(PwPolygon) nan_polygon = pw_polygon_new (with_nan, 3);
  g_autoptr(PwPolygon) inf_polygon = pw_polygon_new (with_inf, 3);
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_polygon_validate (nan_polygon, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE);
  g_assert_nonnull (strstr (error->message, "Ring 1, point 2: coordinate is not a finite number"));
  g_clear_error (&error);

  g_assert_false (pw_polygon_validate (inf_polygon, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE);
  g_assert_nonnull (strstr (error->message, "point 3"));

  /* JSON has no infinity, but a number too large for a double reads as one. */
  assert_bad_outline ("{\"outer\":[[0,0],[1e999,0],[1,1]]}",
                      "Ring 1, point 2: coordinate is not a finite number");
  assert_bad_outline ("{\"outer\":[[0,0],[4,0],[4,4],[0,4]],"
                      "\"holes\":[[[1,1],[2,1],[2,2],[1,2],[-1e999,1]]]}",
                      "Ring 2, point 5: coordinate is not a finite number");
  assert_bad_outline ("{\"outer\":[[0,0],[NaN,0],[1,1]]}", NULL);
  assert_bad_outline ("{\"outer\":[[0,0],[1e8,0],[1,1]]}", "point 2");
}

static void
test_self_intersecting (void)
{
  /* A bow tie: edges 1 and 3 cross at (0.5, 0.5). */
  assert_bad_outline ("{\"outer\":[[0,0],[1,1],[1,0],[0,1]]}", "crosses itself");
  /* A figure eight whose loops touch at one point. */
  assert_bad_outline ("{\"outer\":[[0,0],[2,0],[1,1],[2,2],[0,2],[1,1]]}", "crosses itself");
  /* A spike that doubles back along its own edge. */
  assert_bad_outline ("{\"outer\":[[0,0],[2,0],[1,0],[1,1]]}", "crosses itself");
  /* A hole may not cross itself either. */
  assert_bad_outline ("{\"outer\":[[0,0],[10,0],[10,10],[0,10]],"
                      "\"holes\":[[[1,1],[3,3],[3,1],[1,3]]]}", "Ring 2 crosses itself");
  /* Three points on a line enclose nothing. */
  assert_bad_outline ("{\"outer\":[[0,0],[1,1],[2,2]]}", NULL);
}

static void
test_structure_errors (void)
{
  assert_bad_outline (NULL, NULL);
  assert_bad_outline ("", NULL);
  assert_bad_outline ("not json", "not valid JSON");
  assert_bad_outline ("[]", NULL);
  assert_bad_outline ("{}", "no “outer” ring");
  assert_bad_outline ("{\"outer\":5}", "Ring 1 is not a list of points");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0]]}", "Ring 1 has 2 points");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[1,1]],\"holes\":5}", "“holes”");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[1]]}", "Ring 1, point 3 is not a pair");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[1,1,1]]}", "Ring 1, point 3 is not a pair");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[\"1\",1]]}",
                      "Ring 1, point 3: coordinate is not a number");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[true,1]]}", "not a number");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[null,1]]}", "not a number");
  /* Rings are stored open; a closing copy of the first point is refused. */
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[1,1],[0,0]]}", "last point repeats the first");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[1,0],[1,1]]}", "point 3 repeats");
  /* A hole reaching outside the outer ring. */
  assert_bad_outline ("{\"outer\":[[0,0],[4,0],[4,4],[0,4]],"
                      "\"holes\":[[[1,1],[5,1],[5,2],[1,2]]]}",
                      "Ring 2, point 2: the hole reaches outside");
  assert_bad_outline ("{\"outer\":[[0,0],[4,0],[4,4],[0,4]],"
                      "\"holes\":[[[10,10],[11,10],[11,11]]]}", "Ring 2, point 1");
  assert_bad_outline ("{\"outer\":[[0,0],[4,0],[4,4],[0,4]],\"holes\":[[[1,1],[2,1]]]}",
                      "Ring 2 has 2 points");
}

static void
test_hole_touching_outer (void)
{
  /* A hole cut from the edge of the outline (a notch drawn as a hole) touches the
   * outer ring; its points lie on the boundary, which is accepted. */
  g_autoptr(PwPolygon) polygon = polygon_from_json_or_fail (
    "{\"outer\":[[0,0],[4,0],[4,4],[0,4]],\"holes\":[[[0,1],[1,1],[1,2],[0,2]]],\"note\":1}");

  g_assert_cmpfloat_with_epsilon (pw_polygon_area (polygon), 15, 1e-12);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(PwPolygon) polygon = NULL;

  /* Deep enough to overflow json-glib's stack if it ever got to parse it. */
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, ']');
  assert_bad_outline (deep->str, "nested more than 8 levels");

  /* Nine levels: just past the limit. */
  assert_bad_outline ("{\"outer\":[[[[[[[[1]]]]]]]]}", "nested more than 8 levels");
  assert_bad_outline ("{\"outer\":[[0,0],[1,0],[1,1]],\"x\":{\"a\":{\"b\":{\"c\":{\"d\":"
                      "{\"e\":{\"f\":{\"g\":{\"h\":1}}}}}}}}}}", "nested");

  /* Brackets inside strings are text, not nesting. */
  polygon = polygon_from_json_or_fail (
    "{\"outer\":[[0,0],[1,0],[1,1]],\"note\":\"[[[[[[[[[[[[{{{{{{{{{\\\"[[[[[[[[[\"}");
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (polygon), 0.5, 1e-12);
}

static void
test_too_large (void)
{
  g_autoptr(GString) big = g_string_new ("{\"outer\":[[0,0],[1,0],[1,1]],\"pad\":\"");
  g_autoptr(GString) many = g_string_new ("{\"outer\":[");

  while (big->len <= PW_OUTLINE_MAX_BYTES)
    g_string_append (big, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  g_string_append (big, "\"}");
  assert_bad_outline (big->str, "larger than 16 MiB");

  /* 100001 points on a circle: a valid shape, but too many points. */
  for (guint i = 0; i <= PW_OUTLINE_MAX_POINTS; i++)
    {
      double angle = 2 * G_PI * i / (PW_OUTLINE_MAX_POINTS + 1);

      g_string_append_printf (many, "%s[%.9f,%.9f]", i > 0 ? "," : "",
                              100 * cos (angle), 100 * sin (angle));
    }
  g_string_append (many, "]}");
  assert_bad_outline (many->str, "at most 100000");
}

static void
test_many_points (void)
{
  /* A fine circle well within the limit validates quickly and has the right area. */
  const guint n = 20000;
  g_autofree PwPoint *pts = g_new (PwPoint, n);
  g_autoptr(PwPolygon) circle = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      double angle = 2 * G_PI * i / n;

      pts[i].x = 10 * cos (angle);
      pts[i].y = 10 * sin (angle);
    }
  circle = pw_polygon_new (pts, n);
  g_assert_true (pw_polygon_validate (circle, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (circle), G_PI * 100, 0.01);
}

static void
assert_same_rings (const PwPoint *a,
                   guint          na,
                   const PwPoint *b,
                   guint          nb)
{
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpfloat (a[i].x, ==, b[i].x);
      g_assert_cmpfloat (a[i].y, ==, b[i].y);
    }
}

static void
test_json_round_trip (void)
{
  const PwPoint outer[] = {
    { 0.1, 0.2 }, { 10.3, 0.2 }, { 10.3, 7.77 }, { 1.0 / 3, 7.77 }, { -2.5e-7, 4 },
  };
  const PwPoint hole[] = { { 2, 2 }, { 3.125, 2 }, { 3.125, 3 } };
  g_autoptr(PwPolygon) polygon = pw_polygon_new (outer, G_N_ELEMENTS (outer));
  g_autoptr(PwPolygon) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  const PwPoint *a, *b;
  guint na, nb;

  pw_polygon_add_hole (polygon, hole, G_N_ELEMENTS (hole));
  json = pw_polygon_to_json (polygon);
  g_test_message ("%s", json);
  /* Shortest exact form: readable, and read back bit for bit. */
  g_assert_nonnull (strstr (json, "[0.1,0.2]"));
  g_assert_nonnull (strstr (json, "\"holes\":[[[2,2],[3.125,2],[3.125,3]]]"));

  back = polygon_from_json_or_fail (json);
  a = pw_polygon_get_outer (polygon, &na);
  b = pw_polygon_get_outer (back, &nb);
  assert_same_rings (a, na, b, nb);
  a = pw_polygon_get_hole (polygon, 0, &na);
  b = pw_polygon_get_hole (back, 0, &nb);
  assert_same_rings (a, na, b, nb);
  g_assert_cmpfloat (pw_polygon_area (back), ==, pw_polygon_area (polygon));

  json_again = pw_polygon_to_json (back);
  g_assert_cmpstr (json_again, ==, json);
}

static void
test_json_no_holes (void)
{
  g_autoptr(PwPolygon) polygon = polygon_from_json_or_fail (
    " {\"holes\": null, \"outer\": [[0, 0], [3, 0], [3, 2.5], [0, 2.5]]} ");
  g_autofree char *json = pw_polygon_to_json (polygon);

  g_assert_cmpuint (pw_polygon_get_n_holes (polygon), ==, 0);
  g_assert_cmpint (pw_polygon_area_centi (polygon), ==, 750);
  g_assert_cmpstr (json, ==, "{\"outer\":[[0,0],[3,0],[3,2.5],[0,2.5]],\"holes\":[]}");
}

/* An outline as pw_polygon_to_json() writes it is read without the JSON parser: it
 * must read exactly as the same text with a space after it (which the parser reads), and what
 * it does not read (odd numbers, another member) reads as the parser reads it; the
 * first five odd ones are refused, with the same message. */
static void
test_json_plain_reader (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  static const char *const odd[] = {
    "{\"outer\":[[0,0],[10,0],[10,10],[0,10],[5,20000000]]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,10],[10,0]]}",
    "{\"outer\":[[0,0],[10,0]],\"holes\":[]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,10]],\"holes\":[[[1,1],[2,1]]]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,1e400]]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,010]]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,0x10]]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,+10]]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,10.]]}",
    "{\"outer\":[[0,0],[10,0],[10,10],[0,10]],\"holes\":[],\"x\":1}",
  };

  for (guint round = 0; round < 200; round++)
    {
      guint n = 3 + g_rand_int_range (rand, 0, 6);
      g_autofree PwPoint *pts = g_new (PwPoint, n);
      g_autoptr(PwPolygon) made = NULL, plain = NULL, parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = NULL, *spaced = NULL, *again = NULL, *again_parsed = NULL;
      double r = g_rand_double_range (rand, 1, 1000);
      double cx = g_rand_double_range (rand, -1e5, 1e5) / 7, cy = -0.1;

      /* a convex ring, counter-clockwise, with awkward decimals */
      for (guint i = 0; i < n; i++)
        {
          double a = 2 * G_PI * i / n;

          pts[i].x = cx + r * cos (a);
          pts[i].y = cy + r * sin (a);
        }
      made = pw_polygon_new (pts, n);
      if (round % 2 == 0)
        {
          PwPoint hole[3];

          hole[0].x = cx - r / 10;
          hole[0].y = cy - r / 10;
          hole[1].x = cx + r / 10;
          hole[1].y = cy - r / 10;
          hole[2].x = cx;
          hole[2].y = cy + r / 10;
          pw_polygon_add_hole (made, hole, 3);
        }
      json = pw_polygon_to_json (made);
      spaced = g_strconcat (json, " ", NULL);
      plain = pw_polygon_new_from_json (json, &error);
      g_assert_no_error (error);
      parsed = pw_polygon_new_from_json (spaced, &error);
      g_assert_no_error (error);
      again = pw_polygon_to_json (plain);
      again_parsed = pw_polygon_to_json (parsed);
      g_assert_cmpstr (again, ==, json);
      g_assert_cmpstr (again_parsed, ==, json);
    }
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *spaced = g_strconcat (odd[i], " ", NULL);
      g_autoptr(GError) plain_error = NULL;
      g_autoptr(GError) parsed_error = NULL;

      g_autoptr(PwPolygon) plain = pw_polygon_new_from_json (odd[i], &plain_error);
      g_autoptr(PwPolygon) parsed = pw_polygon_new_from_json (spaced, &parsed_error);

      /* refused alike, or read alike (json-glib is lenient with some numbers) */
      g_assert_true ((plain == NULL) == (parsed == NULL));
      if (plain == NULL)
        g_assert_cmpstr (plain_error->message, ==, parsed_error->message);
      else
        {
          g_autofree char *a = pw_polygon_to_json (plain), *b = pw_polygon_to_json (parsed);

          g_assert_cmpstr (a, ==, b);
        }
      g_assert_true (i >= 5 || plain == NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/area/geometry/rect", test_rect);
  g_test_add_func ("/area/geometry/hole", test_hole);
  g_test_add_func ("/area/geometry/l-shape", test_l_shape);
  g_test_add_func ("/area/geometry/area-centi-rounding", test_area_centi_rounding);
  g_test_add_func ("/area/geometry/not-finite", test_not_finite);
  g_test_add_func ("/area/geometry/self-intersecting", test_self_intersecting);
  g_test_add_func ("/area/geometry/structure-errors", test_structure_errors);
  g_test_add_func ("/area/geometry/hole-touching-outer", test_hole_touching_outer);
  g_test_add_func ("/area/geometry/deep-nesting", test_deep_nesting);
  g_test_add_func ("/area/geometry/too-large", test_too_large);
  g_test_add_func ("/area/geometry/many-points", test_many_points);
  g_test_add_func ("/area/geometry/json-round-trip", test_json_round_trip);
  g_test_add_func ("/area/geometry/json-no-holes", test_json_no_holes);
  g_test_add_func ("/area/geometry/json-plain-reader", test_json_plain_reader);

  return g_test_run ();
}
