/* test-room-edit.c — splitting rooms by a line and merging rooms that share walls
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "pw-room-edit.h"

static PwPolygon *
polygon (const double *xy, guint n)
{
  g_autofree PwPoint *pts = g_new (PwPoint, n);

  for (guint i = 0; i < n; i++)
    {
      pts[i].x = xy[2 * i];
      pts[i].y = xy[2 * i + 1];
    }
  return pw_polygon_new (pts, n);
}

static void
split_ok (PwPolygon *room, const double *xy, guint n, PwPolygon **left, PwPolygon **right)
{
  g_autoptr(GError) error = NULL;
  g_autofree PwPoint *line = g_new (PwPoint, n);

  for (guint i = 0; i < n; i++)
    {
      line[i].x = xy[2 * i];
      line[i].y = xy[2 * i + 1];
    }
  g_assert_true (pw_room_split (room, line, n, left, right, &error));
  g_assert_no_error (error);
  g_assert_no_error (NULL);
  g_assert_true (pw_polygon_validate (*left, NULL));
  g_assert_true (pw_polygon_validate (*right, NULL));
  /* the parts add up to the room */
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (*left) + pw_polygon_area (*right),
                                  pw_polygon_area (room), 1e-9);
}

static void
split_refused (PwPolygon *room, const double *xy, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree PwPoint *line = g_new (PwPoint, n);
  PwPolygon *left = NULL, *right = NULL;

  for (guint i = 0; i < n; i++)
    {
      line[i].x = xy[2 * i];
      line[i].y = xy[2 * i + 1];
    }
  g_assert_false (pw_room_split (room, line, n, &left, &right, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_assert_null (left);
  g_assert_null (right);
  g_test_message ("refused: %s", error->message);
}

/* Whether @a's outline holds the points of @b's outline that lie on the line
 * x = @x, and the other way round: the cut is the same in both parts. */
static guint
points_on_x (PwPolygon *p, double x)
{
  guint n, count = 0;
  const PwPoint *pts = pw_polygon_get_outer (p, &n);

  for (guint i = 0; i < n; i++)
    if (fabs (pts[i].x - x) < 1e-9)
      count++;
  return count;
}

static void
test_split_square (void)
{
  const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double line[] = { 4, -1, 4, 11 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) left = NULL;
  g_autoptr(PwPolygon) right = NULL;
  guint n;

  split_ok (room, line, 2, &left, &right);
  /* the line runs up: west of it is on its left */
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (left), 40, 1e-9);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (right), 60, 1e-9);
  pw_polygon_get_outer (left, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (points_on_x (left, 4), ==, 2);
  g_assert_cmpuint (points_on_x (right, 4), ==, 2);
  g_assert_cmpint (pw_polygon_area_centi (left) + pw_polygon_area_centi (right), ==,
                   pw_polygon_area_centi (room));
}

static void
test_split_polyline (void)
{
  /* a bent cut: in at the south wall, a corner inside, out at the east wall */
  const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double line[] = { 3, -2, 3, 6, 12, 6 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) left = NULL;
  g_autoptr(PwPolygon) right = NULL;
  guint nl, nr;
  const PwPoint *pl, *pr;
  gboolean shared = FALSE;

  split_ok (room, line, 3, &left, &right);
  /* the north-west part: 10 × 10 − 7 × 6 */
  g_assert_cmpfloat_with_epsilon (MAX (pw_polygon_area (left), pw_polygon_area (right)), 58, 1e-9);
  g_assert_cmpfloat_with_epsilon (MIN (pw_polygon_area (left), pw_polygon_area (right)), 42, 1e-9);
  /* the cut's inner corner is a point of both parts */
  pl = pw_polygon_get_outer (left, &nl);
  pr = pw_polygon_get_outer (right, &nr);
  for (guint i = 0; i < nl; i++)
    for (guint j = 0; j < nr; j++)
      if (pl[i].x == 3 && pl[i].y == 6 && pr[j].x == 3 && pr[j].y == 6)
        shared = TRUE;
  g_assert_true (shared);
}

static void
test_split_through_corner (void)
{
  /* a diagonal from corner to corner: two triangles, no new points */
  const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double line[] = { -1, -1, 11, 11 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) left = NULL;
  g_autoptr(PwPolygon) right = NULL;
  guint n;

  split_ok (room, line, 2, &left, &right);
  pw_polygon_get_outer (left, &n);
  g_assert_cmpuint (n, ==, 3);
  pw_polygon_get_outer (right, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (left), 50, 1e-9);
}

static void
test_split_clockwise_room (void)
{
  /* a room whose outline runs clockwise: left is still left of the line */
  const double square[] = { 0, 0, 0, 10, 10, 10, 10, 0 };
  const double line[] = { 4, -1, 4, 11 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) left = NULL;
  g_autoptr(PwPolygon) right = NULL;

  split_ok (room, line, 2, &left, &right);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (left), 40, 1e-9);
}

static void
test_split_holes (void)
{
  /* an opening (a shaft) in the east half goes with the east part */
  const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const PwPoint shaft[] = { { 6, 4 }, { 8, 4 }, { 8, 6 }, { 6, 6 } };
  const double line[] = { 4, -1, 4, 11 };
  const double through[] = { 7, -1, 7, 11 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) left = NULL;
  g_autoptr(PwPolygon) right = NULL;

  pw_polygon_add_hole (room, shaft, 4);
  split_ok (room, line, 2, &left, &right);
  g_assert_cmpuint (pw_polygon_get_n_holes (left), ==, 0);
  g_assert_cmpuint (pw_polygon_get_n_holes (right), ==, 1);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (right), 56, 1e-9);
  /* a line through the opening is refused */
  split_refused (room, through, 2);
}

static void
test_split_refusals (void)
{
  const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  /* a U: two arms joined at the bottom */
  const double u[] = { 0, 0, 10, 0, 10, 10, 7, 10, 7, 3, 3, 3, 3, 10, 0, 10 };
  const double inside[] = { 2, 2, 8, 8 };
  const double outside[] = { 20, 0, 20, 10 };
  const double half[] = { 5, -1, 5, 5 };
  const double along[] = { 0, -5, 0, 15 };
  const double sliver[] = { 0.01, -1, 0.01, 11 };
  const double across_arms[] = { -1, 6, 11, 6 };
  const double nan_line[] = { NAN, 0, 5, 5 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) u_room = polygon (u, 8);

  split_refused (room, inside, 2);
  split_refused (room, outside, 2);
  split_refused (room, half, 2);
  split_refused (room, along, 2);
  split_refused (room, sliver, 2);
  split_refused (u_room, across_arms, 2);
  split_refused (room, nan_line, 2);
}

static PwPolygon *
merge_ok (PwPolygon **rooms, guint n)
{
  g_autoptr(GError) error = NULL;
  PwPolygon *merged = pw_room_merge (rooms, n, &error);
  double total = 0;

  g_assert_no_error (error);
  g_assert_nonnull (merged);
  g_assert_true (pw_polygon_validate (merged, NULL));
  for (guint i = 0; i < n; i++)
    total += pw_polygon_area (rooms[i]);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (merged), total, 1e-9);
  return merged;
}

static void
merge_refused (PwPolygon **rooms, guint n)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (pw_room_merge (rooms, n, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_test_message ("refused: %s", error->message);
}

static void
test_merge_split_back (void)
{
  /* split, then merge: the room comes back, with its four corners only */
  const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double line[] = { 4, -1, 4, 11 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) left = NULL;
  g_autoptr(PwPolygon) right = NULL;
  g_autoptr(PwPolygon) merged = NULL;
  PwPolygon *parts[2];
  guint n;

  split_ok (room, line, 2, &left, &right);
  parts[0] = left;
  parts[1] = right;
  merged = merge_ok (parts, 2);
  pw_polygon_get_outer (merged, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (pw_polygon_area_centi (merged), ==, pw_polygon_area_centi (room));
}

static void
test_merge_t_junction (void)
{
  /* a 10 × 10 room beside two 5 × 5 rooms stacked on its east side: their
   * common corner lies in the middle of its east wall */
  const double big[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double low[] = { 10, 0, 15, 0, 15, 5, 10, 5 };
  const double high[] = { 10, 5, 15, 5, 15, 10, 10, 10 };
  g_autoptr(PwPolygon) a = polygon (big, 4);
  g_autoptr(PwPolygon) b = polygon (low, 4);
  g_autoptr(PwPolygon) c = polygon (high, 4);
  g_autoptr(PwPolygon) merged = NULL;
  PwPolygon *rooms[] = { a, b, c };
  guint n;

  merged = merge_ok (rooms, 3);
  pw_polygon_get_outer (merged, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (merged), 150, 1e-9);
}

static void
test_merge_partial_wall (void)
{
  /* rooms offset along their shared wall: an L-free step outline */
  const double a_xy[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double b_xy[] = { 10, 4, 16, 4, 16, 14, 10, 14 };
  g_autoptr(PwPolygon) a = polygon (a_xy, 4);
  g_autoptr(PwPolygon) b = polygon (b_xy, 4);
  g_autoptr(PwPolygon) merged = NULL;
  PwPolygon *rooms[] = { a, b };
  guint n;

  merged = merge_ok (rooms, 2);
  pw_polygon_get_outer (merged, &n);
  g_assert_cmpuint (n, ==, 8);
}

static void
test_merge_courtyard (void)
{
  /* four rooms round a courtyard: the courtyard becomes an opening */
  const double s_xy[] = { 0, 0, 12, 0, 12, 4, 0, 4 };
  const double n_xy[] = { 0, 8, 12, 8, 12, 12, 0, 12 };
  const double w_xy[] = { 0, 4, 4, 4, 4, 8, 0, 8 };
  const double e_xy[] = { 8, 4, 12, 4, 12, 8, 8, 8 };
  g_autoptr(PwPolygon) s = polygon (s_xy, 4);
  g_autoptr(PwPolygon) no = polygon (n_xy, 4);
  g_autoptr(PwPolygon) w = polygon (w_xy, 4);
  g_autoptr(PwPolygon) e = polygon (e_xy, 4);
  g_autoptr(PwPolygon) merged = NULL;
  PwPolygon *rooms[] = { s, no, w, e };

  merged = merge_ok (rooms, 4);
  g_assert_cmpuint (pw_polygon_get_n_holes (merged), ==, 1);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (merged), 144 - 16, 1e-9);
}

static void
test_merge_refusals (void)
{
  const double a_xy[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double apart_xy[] = { 20, 0, 30, 0, 30, 10, 20, 10 };
  const double corner_xy[] = { 10, 10, 20, 10, 20, 20, 10, 20 };
  const double overlap_xy[] = { 5, 0, 15, 0, 15, 10, 5, 10 };
  g_autoptr(PwPolygon) a = polygon (a_xy, 4);
  g_autoptr(PwPolygon) apart = polygon (apart_xy, 4);
  g_autoptr(PwPolygon) corner = polygon (corner_xy, 4);
  g_autoptr(PwPolygon) overlap = polygon (overlap_xy, 4);
  PwPolygon *one[] = { a };
  PwPolygon *far[] = { a, apart };
  PwPolygon *touching[] = { a, corner };
  PwPolygon *overlapping[] = { a, overlap };

  merge_refused (one, 1);
  merge_refused (far, 2);
  merge_refused (touching, 2);
  merge_refused (overlapping, 2);
}

static void
test_overlaps (void)
{
  const double a_xy[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  const double beside_xy[] = { 10, 0, 20, 0, 20, 10, 10, 10 };
  const double half_xy[] = { 10, 5, 15, 5, 15, 10, 10, 10 };
  const double corner_xy[] = { 10, 10, 20, 10, 20, 20, 10, 20 };
  const double over_xy[] = { 5, 0, 15, 0, 15, 10, 5, 10 };
  const double inner_xy[] = { 2, 2, 4, 2, 4, 4, 2, 4 };
  const double court_xy[] = { 4, 4, 6, 4, 6, 6, 4, 6 };
  const PwPoint court[] = { { 3, 3 }, { 7, 3 }, { 7, 7 }, { 3, 7 } };
  g_autoptr(PwPolygon) a = polygon (a_xy, 4);
  g_autoptr(PwPolygon) same = polygon (a_xy, 4);
  g_autoptr(PwPolygon) beside = polygon (beside_xy, 4);
  g_autoptr(PwPolygon) half = polygon (half_xy, 4);
  g_autoptr(PwPolygon) corner = polygon (corner_xy, 4);
  g_autoptr(PwPolygon) over = polygon (over_xy, 4);
  g_autoptr(PwPolygon) inner = polygon (inner_xy, 4);
  g_autoptr(PwPolygon) in_court = polygon (court_xy, 4);
  g_autoptr(PwPolygon) ring = polygon (a_xy, 4);

  /* walls shared whole or in part, or a corner: no overlap, either way round */
  g_assert_false (pw_room_overlaps (a, beside));
  g_assert_false (pw_room_overlaps (beside, a));
  g_assert_false (pw_room_overlaps (a, half));
  g_assert_false (pw_room_overlaps (a, corner));
  /* across a wall, drawn over it, or inside it: overlap */
  g_assert_true (pw_room_overlaps (a, over));
  g_assert_true (pw_room_overlaps (over, a));
  g_assert_true (pw_room_overlaps (a, same));
  g_assert_true (pw_room_overlaps (a, inner));
  g_assert_true (pw_room_overlaps (inner, a));
  /* a room in another's courtyard does not overlap it */
  pw_polygon_add_hole (ring, court, 4);
  g_assert_false (pw_room_overlaps (ring, in_court));
  g_assert_false (pw_room_overlaps (in_court, ring));
  g_assert_true (pw_room_overlaps (ring, inner));
}

static void
test_random_split_merge (void)
{
  /* random convex rooms cut by random lines through them: the parts add up,
   * and merged again they give the room's area to the hundredth of a m² */
  GRand *rand = g_rand_new_with_seed (20261207);

  for (guint round = 0; round < 500; round++)
    {
      guint n = g_rand_int_range (rand, 3, 12);
      g_autofree PwPoint *pts = g_new (PwPoint, n);
      g_autoptr(PwPolygon) room = NULL;
      g_autoptr(PwPolygon) left = NULL;
      g_autoptr(PwPolygon) right = NULL;
      g_autoptr(PwPolygon) merged = NULL;
      g_autoptr(GError) error = NULL;
      double cx = g_rand_double_range (rand, -500, 500), cy = g_rand_double_range (rand, -500, 500);
      double radius = g_rand_double_range (rand, 3, 60), angle;
      PwPoint line[2];
      PwPolygon *parts[2];

      /* a convex polygon: points on a circle at increasing angles */
      for (guint i = 0; i < n; i++)
        {
          double a = 2 * G_PI * (i + g_rand_double_range (rand, 0.1, 0.9)) / n;

          pts[i].x = cx + radius * cos (a);
          pts[i].y = cy + radius * sin (a);
        }
      room = pw_polygon_new (pts, n);
      angle = g_rand_double_range (rand, 0, G_PI);
      line[0].x = cx + g_rand_double_range (rand, -0.3, 0.3) * radius - 3 * radius * cos (angle);
      line[0].y = cy - 3 * radius * sin (angle);
      line[1].x = line[0].x + 6 * radius * cos (angle);
      line[1].y = line[0].y + 6 * radius * sin (angle);

      if (!pw_room_split (room, line, 2, &left, &right, &error))
        {
          /* only a part too small is a fair refusal here */
          g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
          continue;
        }
      g_assert_cmpfloat_with_epsilon (pw_polygon_area (left) + pw_polygon_area (right),
                                      pw_polygon_area (room), 1e-7 * pw_polygon_area (room));
      parts[0] = left;
      parts[1] = right;
      merged = pw_room_merge (parts, 2, &error);
      g_assert_no_error (error);
      g_assert_cmpint (llabs (pw_polygon_area_centi (merged) - pw_polygon_area_centi (room)), <=, 0);
    }
  g_rand_free (rand);
}

/* Changing points: each function returns a changed copy and leaves the room. */
static void
test_vertex_edits (void)
{
  static const double square[] = { 0, 0, 10, 0, 10, 10, 0, 10 };
  static const double hole[] = { 4, 4, 6, 4, 6, 6, 4, 6 };
  g_autoptr(PwPolygon) room = polygon (square, 4);
  g_autoptr(PwPolygon) inserted = NULL, removed = NULL, moved = NULL, holed = NULL;
  g_autoptr(PwPolygon) no_corner = NULL, hole_moved = NULL, triangle = NULL;
  g_autoptr(GError) error = NULL;
  const PwPoint mid = { 5, -2 }, far = { 12, 12 }, hole_pt = { 3, 3 };
  const PwPoint *pts;
  guint n;

  inserted = pw_room_insert_vertex (room, 0, 0, &mid);
  pts = pw_polygon_get_outer (inserted, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (pts[1].x, ==, 5);
  g_assert_cmpfloat (pts[1].y, ==, -2);
  g_assert_cmpfloat (pts[2].x, ==, 10);
  /* 100 m² and a triangle of 10 × 2 / 2 */
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (inserted), 110, 1e-9);
  pw_polygon_get_outer (room, &n);
  g_assert_cmpuint (n, ==, 4);

  /* the inserted point taken out again: the square */
  removed = pw_room_remove_vertex (inserted, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_polygon_area_centi (removed), ==, 10000);
  pw_polygon_get_outer (removed, &n);
  g_assert_cmpuint (n, ==, 4);

  moved = pw_room_move_vertex (room, 0, 2, &far);
  pts = pw_polygon_get_outer (moved, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (pts[2].x, ==, 12);
  g_assert_cmpfloat (pts[2].y, ==, 12);
  g_assert_cmpfloat_with_epsilon (pw_polygon_area (moved), 120, 1e-9);
  g_assert_true (pw_room_check_outline (moved, NULL));

  /* a triangle keeps its three corners */
  triangle = pw_room_remove_vertex (room, 0, 3, &error);
  g_assert_no_error (error);
  no_corner = pw_room_remove_vertex (triangle, 0, 0, &error);
  g_assert_null (no_corner);
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);

  /* ring 1 is the first opening */
  holed = polygon (square, 4);
  {
    g_autofree PwPoint *h = g_new (PwPoint, 4);

    for (guint i = 0; i < 4; i++)
      h[i] = (PwPoint) { hole[2 * i], hole[2 * i + 1] };
    pw_polygon_add_hole (holed, h, 4);
  }
  hole_moved = pw_room_move_vertex (holed, 1, 0, &hole_pt);
  g_assert_cmpuint (pw_polygon_get_n_holes (hole_moved), ==, 1);
  pts = pw_polygon_get_hole (hole_moved, 0, &n);
  g_assert_cmpfloat (pts[0].x, ==, 3);
  g_assert_cmpfloat (pts[0].y, ==, 3);
  pts = pw_polygon_get_outer (hole_moved, &n);
  g_assert_cmpfloat (pts[0].x, ==, 0);
  g_assert_null (pw_room_remove_vertex (triangle, 0, 1, NULL));
}

static void
test_transform (void)
{
  static const double rect[] = { 0, 0, 4, 0, 4, 2, 0, 2 };
  g_autoptr(PwPolygon) room = polygon (rect, 4);
  g_autoptr(PwPolygon) moved = pw_room_transform (room, 10, 5, 0, NULL);
  g_autoptr(PwPolygon) turned = NULL, back = NULL;
  const PwPoint pivot = { 12, 6 };
  const PwPoint *pts;
  guint n;

  pts = pw_polygon_get_outer (moved, &n);
  g_assert_cmpfloat (pts[0].x, ==, 10);
  g_assert_cmpfloat (pts[0].y, ==, 5);
  g_assert_cmpfloat (pts[2].x, ==, 14);
  g_assert_cmpfloat (pts[2].y, ==, 7);

  /* a quarter turn about the moved room's centre: 2 m wide, 4 m high */
  turned = pw_room_transform (moved, 0, 0, G_PI / 2, &pivot);
  pts = pw_polygon_get_outer (turned, &n);
  g_assert_cmpfloat_with_epsilon (pts[0].x, 13, 1e-9);
  g_assert_cmpfloat_with_epsilon (pts[0].y, 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (pts[2].x, 11, 1e-9);
  g_assert_cmpfloat_with_epsilon (pts[2].y, 8, 1e-9);
  g_assert_cmpint (pw_polygon_area_centi (turned), ==, 800);

  /* moved back and turned back: where it was, to floating point */
  back = pw_room_transform (turned, -10, -5, -G_PI / 2, &(PwPoint) { 2, 1 });
  pts = pw_polygon_get_outer (back, &n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (pts[i].x, rect[2 * i], 1e-9);
      g_assert_cmpfloat_with_epsilon (pts[i].y, rect[2 * i + 1], 1e-9);
    }
}

static void
test_check_outline (void)
{
  static const double bow[] = { 0, 0, 4, 4, 4, 0, 0, 4 };
  static const double tiny[] = { 0, 0, 0.5, 0, 0.5, 0.5, 0, 0.5 };
  static const double twice[] = { 0, 0, 4, 0, 4, 4, 2, 0, 0, 4 };
  static const double fine[] = { 0, 0, 1, 0, 1, 0.5, 0, 0.5 };
  g_autoptr(PwPolygon) a = polygon (bow, 4);
  g_autoptr(PwPolygon) b = polygon (tiny, 4);
  g_autoptr(PwPolygon) c = polygon (twice, 5);
  g_autoptr(PwPolygon) d = polygon (fine, 4);
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_room_check_outline (a, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  g_assert_false (pw_room_check_outline (b, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_assert_nonnull (strstr (error->message, "0.5"));
  g_clear_error (&error);
  g_assert_false (pw_room_check_outline (c, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  /* exactly 0.5 m² is allowed */
  g_assert_true (pw_room_check_outline (d, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/room-edit/split-square", test_split_square);
  g_test_add_func ("/plan/room-edit/split-polyline", test_split_polyline);
  g_test_add_func ("/plan/room-edit/split-through-corner", test_split_through_corner);
  g_test_add_func ("/plan/room-edit/split-clockwise", test_split_clockwise_room);
  g_test_add_func ("/plan/room-edit/split-holes", test_split_holes);
  g_test_add_func ("/plan/room-edit/split-refusals", test_split_refusals);
  g_test_add_func ("/plan/room-edit/merge-split-back", test_merge_split_back);
  g_test_add_func ("/plan/room-edit/merge-t-junction", test_merge_t_junction);
  g_test_add_func ("/plan/room-edit/merge-partial-wall", test_merge_partial_wall);
  g_test_add_func ("/plan/room-edit/merge-courtyard", test_merge_courtyard);
  g_test_add_func ("/plan/room-edit/merge-refusals", test_merge_refusals);
  g_test_add_func ("/plan/room-edit/overlaps", test_overlaps);
  g_test_add_func ("/plan/room-edit/random-split-merge", test_random_split_merge);
  g_test_add_func ("/plan/room-edit/vertex-edits", test_vertex_edits);
  g_test_add_func ("/plan/room-edit/transform", test_transform);
  g_test_add_func ("/plan/room-edit/check-outline", test_check_outline);

  return g_test_run ();
}
