/* test-plan-snap.c — snapping a drawn point to corners, wall middles, walls, a grid and angles
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "pw-plan-snap.h"

/* two 4 × 3 rooms side by side, sharing the wall x = 4 */
static PwPlanSnap *
two_rooms (void)
{
  PwPlanSnap *snap = pw_plan_snap_new ();
  g_autoptr(PwPolygon) a = pw_polygon_new_rect (0, 0, 4, 3);
  g_autoptr(PwPolygon) b = pw_polygon_new_rect (4, 0, 4, 3);

  pw_plan_snap_add (snap, 0, a);
  pw_plan_snap_add (snap, 1, b);
  return snap;
}

static PwSnapOptions
options (PwSnapFlags flags, double tolerance)
{
  PwSnapOptions o = { flags, tolerance, 0, NULL, -1 };

  return o;
}

static void
test_vertex (void)
{
  g_autoptr(PwPlanSnap) snap = two_rooms ();
  PwSnapOptions o = options (PW_SNAP_TO_ALL, 0.2);
  PwSnapResult r;
  PwPoint p = { 4.1, 2.9 };

  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_VERTEX);
  g_assert_cmpfloat (r.point.x, ==, 4.0);
  g_assert_cmpfloat (r.point.y, ==, 3.0);
  g_assert_cmpint (r.room, >=, 0);

  /* out of tolerance: nothing */
  p.x = 4.5;
  p.y = 3.5;
  g_assert_false (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_NONE);
  g_assert_cmpfloat (r.point.x, ==, 4.5);

  /* the moved room's own corners are not snapped to */
  p.x = 0.05;
  p.y = 0.05;
  o.skip_room = 0;
  g_assert_false (pw_plan_snap_query (snap, &p, &o, &r));
  o.skip_room = 1;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.room, ==, 0);
  g_assert_cmpuint (r.ring, ==, 0);
}

static void
test_midpoint_and_edge (void)
{
  g_autoptr(PwPlanSnap) snap = two_rooms ();
  PwSnapOptions o = options (PW_SNAP_TO_ALL, 0.2);
  PwSnapResult r;
  PwPoint p = { 2.1, 0.1 };

  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_MIDPOINT);
  g_assert_cmpfloat_with_epsilon (r.point.x, 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.point.y, 0.0, 1e-12);

  p.x = 1.0;
  p.y = 0.15;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_EDGE);
  g_assert_cmpfloat_with_epsilon (r.point.x, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.point.y, 0.0, 1e-12);

  /* corners off: the wall middle wins even next to a corner */
  o.flags = PW_SNAP_TO_EDGES;
  p.x = 0.05;
  p.y = 0.1;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_EDGE);
  g_assert_cmpfloat_with_epsilon (r.point.x, 0.0, 1e-12);
}

static void
test_grid_and_angle (void)
{
  g_autoptr(PwPlanSnap) snap = two_rooms ();
  PwSnapOptions o = options (PW_SNAP_TO_GRID | PW_SNAP_TO_ANGLES, 0.3);
  PwSnapResult r;
  PwPoint from = { 20, 20 };
  PwPoint p = { 22.4, 20.2 };

  o.grid = 0.5;
  /* grid alone */
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_GRID);
  g_assert_cmpfloat_with_epsilon (r.point.x, 22.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.point.y, 20.0, 1e-12);

  /* from a previous point: held on the horizontal, at a grid step */
  o.from = &from;
  p.x = 23.1;
  p.y = 20.25;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_ANGLE);
  g_assert_cmpfloat_with_epsilon (r.point.y, 20.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (r.point.x, 23.0, 1e-12);

  /* 45°: both coordinates move alike */
  o.grid = 0;
  p.x = 23.1;
  p.y = 22.9;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_ANGLE);
  g_assert_cmpfloat_with_epsilon (r.point.x - 20, r.point.y - 20, 1e-9);

  /* the angle line meets a wall: there */
  from.x = 2;
  from.y = 10;
  o.flags = PW_SNAP_TO_ALL;
  p.x = 2.1;
  p.y = 3.2;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_MIDPOINT);  /* (2, 3) is also the wall's middle */
  p.x = 2.2;
  p.y = 3.25;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_ANGLE);
  g_assert_cmpfloat_with_epsilon (r.point.x, 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (r.point.y, 3.0, 1e-9);

  /* snapping off */
  o.flags = 0;
  g_assert_false (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpfloat (r.point.x, ==, 2.2);
}

/* The index finds the same nearest corner as a look at every corner. */
static void
test_matches_scan (void)
{
  g_autoptr(PwPlanSnap) snap = pw_plan_snap_new ();
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_polygon_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  PwSnapOptions o = options (PW_SNAP_TO_VERTICES, 0.75);

  for (int i = 0; i < 400; i++)
    {
      double x = g_rand_double_range (rand, 0, 200), y = g_rand_double_range (rand, 0, 100);
      PwPolygon *poly = pw_polygon_new_rect (x, y, g_rand_double_range (rand, 0.5, 12),
                                             g_rand_double_range (rand, 0.5, 8));

      g_ptr_array_add (rooms, poly);
      pw_plan_snap_add (snap, i, poly);
    }
  g_assert_cmpuint (pw_plan_snap_get_n_edges (snap), ==, 1600);
  for (int q = 0; q < 2000; q++)
    {
      PwPoint p = { g_rand_double_range (rand, -5, 215), g_rand_double_range (rand, -5, 110) };
      double best = o.tolerance * o.tolerance;
      gboolean found = FALSE;
      PwSnapResult r;

      for (guint i = 0; i < rooms->len; i++)
        {
          guint n;
          const PwPoint *pts = pw_polygon_get_outer (g_ptr_array_index (rooms, i), &n);

          for (guint k = 0; k < n; k++)
            {
              double d = (pts[k].x - p.x) * (pts[k].x - p.x) + (pts[k].y - p.y) * (pts[k].y - p.y);

              if (d < best)
                {
                  best = d;
                  found = TRUE;
                }
            }
        }
      g_assert_cmpint (pw_plan_snap_query (snap, &p, &o, &r), ==, found);
      if (found)
        g_assert_cmpfloat_with_epsilon ((r.point.x - p.x) * (r.point.x - p.x)
                                        + (r.point.y - p.y) * (r.point.y - p.y), best, 1e-9);
    }
}

static void
test_empty (void)
{
  g_autoptr(PwPlanSnap) snap = pw_plan_snap_new ();
  PwSnapOptions o = options (PW_SNAP_TO_ALL, 1);
  PwSnapResult r;
  PwPoint p = { 0.4, 0.6 };

  o.grid = 1;
  g_assert_true (pw_plan_snap_query (snap, &p, &o, &r));
  g_assert_cmpint (r.kind, ==, PW_SNAP_GRID);
  g_assert_cmpint (r.room, ==, -1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan-snap/vertex", test_vertex);
  g_test_add_func ("/plan-snap/midpoint-edge", test_midpoint_and_edge);
  g_test_add_func ("/plan-snap/grid-angle", test_grid_and_angle);
  g_test_add_func ("/plan-snap/matches-scan", test_matches_scan);
  g_test_add_func ("/plan-snap/empty", test_empty);
  return g_test_run ();
}
