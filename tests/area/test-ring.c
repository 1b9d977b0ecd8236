/* test-ring.c — the ring tidying, measuring and orienting every importer shares
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "pw-ring.h"

static GArray *
ring_of (const double *xy, guint n)
{
  GArray *ring = g_array_new (FALSE, FALSE, sizeof (PwPoint));

  for (guint i = 0; i < n; i++)
    {
      PwPoint p = { xy[2 * i], xy[2 * i + 1] };

      g_array_append_val (ring, p);
    }
  return ring;
}

static void
assert_ring (GArray *ring, const double *xy, guint n)
{
  g_assert_cmpuint (ring->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (g_array_index (ring, PwPoint, i).x, ==, xy[2 * i]);
      g_assert_cmpfloat (g_array_index (ring, PwPoint, i).y, ==, xy[2 * i + 1]);
    }
}

static void
test_tidy (void)
{
  /* closed again at the end, a repeated point, a point on a straight run, a spike
   * out and back, and a straight run through the first point */
  const double messy[] = { 5, 0,  10, 0,  10, 0,  10, 5,  10, 10,  10, 12,  10, 10,
                           0, 10,  0, 0,  5, 0 };
  const double clean[] = { 10, 0,  10, 10,  0, 10,  0, 0 };
  const double square[] = { 0, 0,  4, 0,  4, 4,  0, 4 };
  g_autoptr(GArray) ring = ring_of (messy, G_N_ELEMENTS (messy) / 2);
  g_autoptr(GArray) open = ring_of (messy, G_N_ELEMENTS (messy) / 2);
  g_autoptr(GArray) straight = ring_of (messy, G_N_ELEMENTS (messy) / 2);
  g_autoptr(GArray) line = NULL;
  const double flat[] = { 0, 0,  1, 0,  2, 0 };

  g_assert_cmpuint (pw_ring_tidy (ring, 1e-9, PW_RING_CLOSED), ==, 4);
  assert_ring (ring, clean, 4);
  g_assert_cmpfloat (pw_ring_area (ring), ==, 100);

  /* an open polyline loses its repeats only */
  g_assert_cmpuint (pw_ring_tidy (open, 1e-9, PW_RING_OPEN), ==, 9);
  /* straight runs kept: repeats and the closing point go */
  g_assert_cmpuint (pw_ring_tidy (straight, 0, PW_RING_KEEP_STRAIGHT), ==, 8);

  /* nothing to do on a clean ring */
  g_clear_pointer (&ring, g_array_unref);
  ring = ring_of (square, 4);
  g_assert_cmpuint (pw_ring_tidy (ring, 1e-9, PW_RING_CLOSED), ==, 4);
  assert_ring (ring, square, 4);

  /* three points on a line have no area: fewer than three remain */
  line = ring_of (flat, 3);
  g_assert_cmpuint (pw_ring_tidy (line, 1e-9, PW_RING_CLOSED), <, 3);

  /* the tolerance is a length: points 1e-7 apart are one point at eps 1e-6 */
  {
    const double near[] = { 0, 0,  1e-7, 0,  4, 0,  4, 4,  0, 4,  0, 1e-7 };
    g_autoptr(GArray) r = ring_of (near, 6);

    g_assert_cmpuint (pw_ring_tidy (r, 1e-6, PW_RING_CLOSED), ==, 4);
  }
}

static void
test_area_far_from_origin (void)
{
  /* a 0.1 m square in projected site coordinates: the area relative to the first
   * point is exact where the sum of raw cross products loses it */
  const double x0 = 40500000.3, y0 = 3400000.7;
  const double xy[] = { x0, y0,  x0 + 0.1, y0,  x0 + 0.1, y0 + 0.1,  x0, y0 + 0.1 };
  g_autoptr(GArray) ring = ring_of (xy, 4);
  double naive = 0;

  for (guint i = 0; i < 4; i++)
    {
      const PwPoint *a = &g_array_index (ring, PwPoint, i);
      const PwPoint *b = &g_array_index (ring, PwPoint, (i + 1) % 4);

      naive += a->x * b->y - b->x * a->y;
    }
  g_assert_cmpfloat_with_epsilon (pw_ring_area (ring), 0.01, 1e-9);
  /* the naive formula is visibly off here, which is what the helper avoids */
  g_assert_cmpfloat (fabs (fabs (naive) / 2 - 0.01), >, 1e-6);
}

static void
test_orient (void)
{
  const double ccw[] = { 0, 0,  2, 0,  2, 1,  0, 1 };
  g_autoptr(GArray) ring = ring_of (ccw, 4);

  g_assert_cmpfloat (pw_ring_area2 ((PwPoint *) ring->data, ring->len), ==, 4);
  pw_ring_orient (ring, TRUE);
  assert_ring (ring, ccw, 4);
  pw_ring_orient (ring, FALSE);
  g_assert_cmpfloat (pw_ring_area2 ((PwPoint *) ring->data, ring->len), ==, -4);
  g_assert_cmpfloat (g_array_index (ring, PwPoint, 0).x, ==, 0);
  g_assert_cmpfloat (g_array_index (ring, PwPoint, 1).y, ==, 1);
  pw_ring_orient (ring, TRUE);
  assert_ring (ring, ccw, 4);
  g_assert_cmpfloat (pw_ring_area2 ((PwPoint *) ring->data, ring->len), ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ring/tidy", test_tidy);
  g_test_add_func ("/ring/area-far-from-origin", test_area_far_from_origin);
  g_test_add_func ("/ring/orient", test_orient);
  return g_test_run ();
}
