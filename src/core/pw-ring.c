/* pw-ring.c — tidying, measuring and orienting importers' rings
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pw-ring.h"

static gboolean
near (const PwPoint *a, const PwPoint *b, double eps)
{
  return hypot (b->x - a->x, b->y - a->y) <= eps;
}

/* b lies within eps of the line through a and c, measured against the longer of
 * its two edges, so a spike (a → b → a) counts as straight too. */
static gboolean
straight (const PwPoint *a, const PwPoint *b, const PwPoint *c, double eps)
{
  double abx = b->x - a->x, aby = b->y - a->y, bcx = c->x - b->x, bcy = c->y - b->y;
  double longer = MAX (hypot (abx, aby), hypot (bcx, bcy));

  return fabs (abx * bcy - aby * bcx) <= eps * longer;
}

/**
 * pw_ring_tidy:
 * @ring: (element-type PwPoint): the ring, changed in place
 * @eps: how close, in the ring's own units, two points are the same point
 * @flags: whether the ring is open and whether straight runs stay
 *
 * Drops a closing point that repeats the first, repeated neighbours and (for a
 * closed ring) points on a straight run. Returns the number of points left.
 */
guint
pw_ring_tidy (GArray *ring, double eps, PwRingFlags flags)
{
  gboolean closed = !(flags & PW_RING_OPEN);
  gboolean drop_straight = closed && !(flags & PW_RING_KEEP_STRAIGHT);
  PwPoint *p = (PwPoint *) ring->data;
  guint out = 0;

  for (guint i = 0; i < ring->len; i++)
    {
      PwPoint q = p[i];

      if (out > 0 && near (&p[out - 1], &q, eps))
        continue;
      p[out++] = q;
      while (drop_straight && out >= 3 && straight (&p[out - 3], &p[out - 2], &p[out - 1], eps))
        {
          p[out - 2] = p[out - 1];
          out--;
          if (near (&p[out - 2], &p[out - 1], eps))
            out--;
        }
    }
  g_array_set_size (ring, out);
  if (!closed)
    return ring->len;

  while (ring->len >= 2)
    {
      guint n = ring->len;

      p = (PwPoint *) ring->data;
      if (near (&p[n - 1], &p[0], eps))
        g_array_set_size (ring, n - 1);
      else if (drop_straight && n >= 3 && straight (&p[n - 2], &p[n - 1], &p[0], eps))
        g_array_set_size (ring, n - 1);
      else if (drop_straight && n >= 3 && straight (&p[n - 1], &p[0], &p[1], eps))
        g_array_remove_index (ring, 0);
      else
        break;
    }
  return ring->len;
}

/**
 * pw_ring_area2:
 *
 * Twice the signed area of a ring: positive when it runs counter-clockwise with
 * y upwards (clockwise as drawn with y downwards). Taken relative to the first
 * point, so large coordinates cancel before they are multiplied.
 */
double
pw_ring_area2 (const PwPoint *points, guint n)
{
  double s = 0;

  for (guint i = 1; i + 1 < n; i++)
    {
      double ax = points[i].x - points[0].x, ay = points[i].y - points[0].y;
      double bx = points[i + 1].x - points[0].x, by = points[i + 1].y - points[0].y;

      s += ax * by - bx * ay;
    }
  return s;
}

/* The unsigned area of a ring. */
double
pw_ring_area (const GArray *ring)
{
  return fabs (pw_ring_area2 ((const PwPoint *) ring->data, ring->len)) / 2;
}

/* Reverses @ring when it does not already run the way asked (see pw_ring_area2). */
void
pw_ring_orient (GArray *ring, gboolean counter_clockwise)
{
  PwPoint *p = (PwPoint *) ring->data;
  double a = pw_ring_area2 (p, ring->len);

  if (a == 0 || (a > 0) == counter_clockwise)
    return;
  for (guint i = 0, j = ring->len - 1; i < j; i++, j--)
    {
      PwPoint tmp = p[i];

      p[i] = p[j];
      p[j] = tmp;
    }
}
