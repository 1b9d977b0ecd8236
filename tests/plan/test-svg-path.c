/* test-svg-path.c — SVG path data: every command, number syntax, arcs, errors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "pw-svg-path.h"

static GPtrArray *
parse_ok (const char *d, double tolerance)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *subpaths = pw_svg_path_parse (d, tolerance, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (subpaths);
  return subpaths;
}

static PwSvgSubpath *
sub (GPtrArray *subpaths, guint i)
{
  g_assert_cmpuint (i, <, subpaths->len);
  return g_ptr_array_index (subpaths, i);
}

static PwPoint
pt (PwSvgSubpath *s, guint i)
{
  g_assert_cmpuint (i, <, s->points->len);
  return g_array_index (s->points, PwPoint, i);
}

static double
area (PwSvgSubpath *s)
{
  double sum = 0;
  guint n = s->points->len;

  for (guint i = 0; i < n; i++)
    {
      PwPoint a = pt (s, i), b = pt (s, (i + 1) % n);

      sum += a.x * b.y - b.x * a.y;
    }
  return fabs (sum) / 2;
}

static void
assert_point (PwSvgSubpath *s, guint i, double x, double y)
{
  PwPoint p = pt (s, i);

  g_assert_cmpfloat_with_epsilon (p.x, x, 1e-9);
  g_assert_cmpfloat_with_epsilon (p.y, y, 1e-9);
}

static void
test_lines (void)
{
  /* absolute and relative M L H V Z give the same square */
  const char *forms[] = {
    "M 10 10 L 20 10 L 20 20 L 10 20 Z",
    "m10,10 l10,0 l0,10 l-10,0 z",
    "M10 10 H20 V20 H10 Z",
    "m10 10h10v10h-10z",
    "M10,10 20,10 20,20 10,20z",          /* implicit lineto after moveto */
    "m10,10 10,0 0,10-10,0z",             /* "0-10" packs two numbers */
    "M1e1 1E1L2e+1 10 20 2.0e1 .1e2 20Z", /* exponents and leading dots */
    "M 10 10 L 20 10 L 20 20 L 10 20 L 10 10 Z", /* the last point repeats the first */
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GPtrArray) subpaths = parse_ok (forms[i], 0.01);
      PwSvgSubpath *s;

      g_test_message ("%s", forms[i]);
      g_assert_cmpuint (subpaths->len, ==, 1);
      s = sub (subpaths, 0);
      g_assert_true (s->closed);
      g_assert_cmpuint (s->points->len, ==, 4);
      assert_point (s, 0, 10, 10);
      assert_point (s, 2, 20, 20);
      g_assert_cmpfloat_with_epsilon (area (s), 100, 1e-9);
    }
}

static void
test_numbers (void)
{
  g_autoptr(GPtrArray) subpaths = parse_ok ("M.5.5L1.5.5 1-3e-1", 0.01);
  PwSvgSubpath *s = sub (subpaths, 0);
  const char *text = "-1.25e-3rest";
  double v = 0;

  assert_point (s, 0, 0.5, 0.5);
  assert_point (s, 1, 1.5, 0.5);
  assert_point (s, 2, 1, -0.3);
  g_assert_false (s->closed);

  g_assert_true (pw_svg_read_number (&text, &v));
  g_assert_cmpfloat (v, ==, -1.25e-3);
  g_assert_cmpstr (text, ==, "rest");
  text = "nan";
  g_assert_false (pw_svg_read_number (&text, &v));
  text = "inf";
  g_assert_false (pw_svg_read_number (&text, &v));
  text = "1e999";
  g_assert_false (pw_svg_read_number (&text, &v));
  g_assert_cmpstr (text, ==, "1e999");
  text = "3e";  /* an e with no digits is not part of the number */
  g_assert_true (pw_svg_read_number (&text, &v));
  g_assert_cmpfloat (v, ==, 3);
  g_assert_cmpstr (text, ==, "e");
}

static void
test_subpaths (void)
{
  /* after Z a drawing command starts again from the subpath's start */
  g_autoptr(GPtrArray) subpaths = parse_ok ("M0 0h10v10h-10z l5 5 M20 0 L30 0 M40 40", 0.01);

  /* the lone M40 40 is no subpath */
  g_assert_cmpuint (subpaths->len, ==, 3);
  g_assert_true (sub (subpaths, 0)->closed);
  g_assert_false (sub (subpaths, 1)->closed);
  assert_point (sub (subpaths, 1), 0, 0, 0);
  assert_point (sub (subpaths, 1), 1, 5, 5);
  g_assert_false (sub (subpaths, 2)->closed);
  assert_point (sub (subpaths, 2), 1, 30, 0);

  /* a relative moveto after Z is relative to the closed subpath's start */
  g_clear_pointer (&subpaths, g_ptr_array_unref);
  subpaths = parse_ok ("m10 10 h10 v10 z m5 0 h1 v1 z", 0.01);
  g_assert_cmpuint (subpaths->len, ==, 2);
  assert_point (sub (subpaths, 1), 0, 15, 10);

  /* empty data is an empty path */
  g_clear_pointer (&subpaths, g_ptr_array_unref);
  subpaths = parse_ok ("  \n", 0.01);
  g_assert_cmpuint (subpaths->len, ==, 0);
}

static void
test_curves (void)
{
  const double r = 50, kappa = 0.5522847498 * 50;
  g_autofree char *cubic = g_strdup_printf (
    "M50,0 C50,%1$.6f %1$.6f,50 0,50 S-50,%1$.6f -50,0 S-%1$.6f,-50 0,-50 S50,-%1$.6f 50,0 Z", kappa);
  g_autofree char *cubic_rel = g_strdup_printf (
    "m50,0 c0,%1$.6f -%2$.6f,50 -50,50 s-50,-%2$.6f -50,-50 s%2$.6f,-50 50,-50 s50,%2$.6f 50,50 z",
    kappa, r - kappa);
  const char *quads[] = {
    "M0,0 Q50,100 100,0 T200,0 V-200 H0 Z",
    "m0,0 q50,100 100,0 t100,0 v-200 h-200 z",
  };
  g_autoptr(GPtrArray) subpaths = NULL;

  /* the Bézier circle is within 0.03 % of a true circle's radius */
  subpaths = parse_ok (cubic, 0.001);
  g_assert_cmpfloat_with_epsilon (area (sub (subpaths, 0)), G_PI * r * r, G_PI * r * r * 1e-3);
  g_assert_cmpuint (sub (subpaths, 0)->points->len, >, 16);
  g_clear_pointer (&subpaths, g_ptr_array_unref);
  subpaths = parse_ok (cubic_rel, 0.001);
  g_assert_cmpfloat_with_epsilon (area (sub (subpaths, 0)), G_PI * r * r, G_PI * r * r * 1e-3);

  /* the two parabolic bulges cancel: the area is the 200 × 200 square's */
  for (guint i = 0; i < G_N_ELEMENTS (quads); i++)
    {
      g_clear_pointer (&subpaths, g_ptr_array_unref);
      subpaths = parse_ok (quads[i], 0.001);
      g_assert_cmpfloat_with_epsilon (area (sub (subpaths, 0)), 40000, 1);
      /* a parabolic segment is 2/3 of its control triangle: check the curve's tip */
      g_assert_true (sub (subpaths, 0)->points->len > 8);
    }

  /* S after a non-curve uses the current point as its first control point; T too */
  g_clear_pointer (&subpaths, g_ptr_array_unref);
  subpaths = parse_ok ("M0 0 L10 0 S20 0 30 0 T40 0", 0.01);
  assert_point (sub (subpaths, 0), sub (subpaths, 0)->points->len - 1, 40, 0);
}

static void
test_arcs (void)
{
  const double r = 50;
  const double tolerances[] = { 1, 0.1, 0.01 };
  const char *circles[] = {
    "M0 0 A50 50 0 0 1 100 0 A50 50 0 0 1 0 0Z",
    "m0 0a50 50 0 01 100 0 50 50 0 01-100 0z",  /* packed flags, implicit repetition */
    "M0 0 A 50,50 0 1,0 100,0 A50,50 0 1,0 0,0 Z",
  };
  g_autoptr(GPtrArray) subpaths = NULL;
  PwSvgSubpath *s;

  for (guint c = 0; c < G_N_ELEMENTS (circles); c++)
    for (guint t = 0; t < G_N_ELEMENTS (tolerances); t++)
      {
        double tol = tolerances[t];
        double lost;

        g_clear_pointer (&subpaths, g_ptr_array_unref);
        subpaths = parse_ok (circles[c], tol);
        s = sub (subpaths, 0);
        /* an inscribed polygon within tol of the circle loses at most perimeter × tol */
        lost = G_PI * r * r - area (s);
        g_assert_cmpfloat (lost, >=, 0);
        g_assert_cmpfloat (lost, <=, 2 * G_PI * r * tol);
        for (guint i = 0; i < s->points->len; i++)
          g_assert_cmpfloat_with_epsilon (hypot (pt (s, i).x - 50, pt (s, i).y), r, 1e-9);
      }

  /* "a1 1 0 00 10 10": flags packed with no separator; the radius grows to fit */
  g_clear_pointer (&subpaths, g_ptr_array_unref);
  subpaths = parse_ok ("M0 0 a1 1 0 00 10 10", 0.01);
  s = sub (subpaths, 0);
  assert_point (s, s->points->len - 1, 10, 10);
  g_assert_cmpuint (s->points->len, >, 3);

  /* a zero radius makes a straight line; a rotated ellipse keeps its area */
  g_clear_pointer (&subpaths, g_ptr_array_unref);
  subpaths = parse_ok ("M0 0 A0 5 0 0 1 10 0", 0.01);
  g_assert_cmpuint (sub (subpaths, 0)->points->len, ==, 2);
  g_clear_pointer (&subpaths, g_ptr_array_unref);
  subpaths = parse_ok ("M0 0 A40 20 30 1 1 0.0001 0 Z", 0.001);
  g_assert_cmpfloat_with_epsilon (area (sub (subpaths, 0)), G_PI * 40 * 20, G_PI * 40 * 20 * 1e-3);
}

static void
test_errors (void)
{
  const struct
  {
    const char *d;
    gsize       offset;
    int         code;
  } bad[] = {
    { "L 10 10", 0, PW_PLAN_ERROR_PARSE },         /* must begin with a moveto */
    { "M 10 10 L 20", 12, PW_PLAN_ERROR_PARSE },   /* ends in the middle */
    { "M 10 10 X 20 20", 8, PW_PLAN_ERROR_PARSE }, /* no such command */
    { "M 10 10 L 20 nan", 13, PW_PLAN_ERROR_PARSE },
    { "M 0 0 L 1e999 0", 8, PW_PLAN_ERROR_PARSE },
    { "M 0 0 L -1e13 0", 8, PW_PLAN_ERROR_PARSE },
    { "M0 0 A 5 5 0 2 1 10 10", 13, PW_PLAN_ERROR_PARSE }, /* a flag must be 0 or 1 */
    { "M0 0 h10 v10 z 5", 15, PW_PLAN_ERROR_PARSE },
    { "M0 0 C 1 2 3 4 5", 16, PW_PLAN_ERROR_PARSE },
    { "M0 0 L 1,,2", 9, PW_PLAN_ERROR_PARSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize offset = G_MAXSIZE;
      GPtrArray *subpaths = pw_svg_path_parse (bad[i].d, 0.01, 0, &offset, &error);

      g_test_message ("%s → %s", bad[i].d, error != NULL ? error->message : "no error");
      g_assert_null (subpaths);
      g_assert_error (error, PW_PLAN_ERROR, bad[i].code);
      g_assert_cmpuint (offset, ==, bad[i].offset);
      {
        g_autofree char *where = g_strdup_printf ("offset %" G_GSIZE_FORMAT, bad[i].offset);

        g_assert_nonnull (strstr (error->message, where));
      }
    }
}

static void
test_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) d = g_string_new ("M0 0");
  gsize offset = 0;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (d, " L%u %u", i + 1, i % 2);
  g_assert_null (pw_svg_path_parse (d->str, 0.01, 100, &offset, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT);
  g_assert_cmpuint (offset, >, 0);
  g_clear_error (&error);

  /* a huge arc at a tiny tolerance is capped, not split into millions of points */
  {
    g_autoptr(GPtrArray) subpaths = parse_ok ("M0 0 A1e9 1e9 0 0 1 1e9 1e9", 1e-9);

    g_assert_cmpuint (sub (subpaths, 0)->points->len, <=, PW_SVG_PATH_MAX_SEGMENTS + 1);
  }
}

static void
test_closing_twice (void)
{
  /* a path that returns to its start, then ends a hair's breadth from it: both
   * returns are the closing edge, and no point repeats the first */
  g_autoptr(GPtrArray) subpaths = parse_ok ("M0 0 L10 0 L10 10 L0 0 L1e-12 0", 0.01);
  PwSvgSubpath *s = sub (subpaths, 0);

  g_assert_cmpuint (subpaths->len, ==, 1);
  g_assert_true (s->closed);
  g_assert_cmpuint (s->points->len, ==, 3);
  assert_point (s, 0, 0, 0);
  assert_point (s, 2, 10, 10);
  g_assert_cmpfloat_with_epsilon (area (s), 50, 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/svg-path/lines", test_lines);
  g_test_add_func ("/plan/svg-path/numbers", test_numbers);
  g_test_add_func ("/plan/svg-path/subpaths", test_subpaths);
  g_test_add_func ("/plan/svg-path/curves", test_curves);
  g_test_add_func ("/plan/svg-path/arcs", test_arcs);
  g_test_add_func ("/plan/svg-path/errors", test_errors);
  g_test_add_func ("/plan/svg-path/limits", test_limits);
  g_test_add_func ("/plan/svg-path/closing-twice", test_closing_twice);
  return g_test_run ();
}
