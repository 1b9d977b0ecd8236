/* pw-room-vertex.c — a room's outline moved, turned and changed point by point,
 * as the floor-plan editor's vertex tools do, and the check it shows while editing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants (docs/plan-editing.md, "Changing points"):
 * 1. The input is never changed; every function returns a new polygon.
 * 2. Rings are numbered 0 (outer) and 1… (holes); an index out of range is a
 *    programming error (g_return_val_if_fail), not a refusal.
 * 3. Only pw_room_remove_vertex() refuses (a ring keeps at least 3 points);
 *    whether the result is a usable room is pw_room_check_outline()'s business.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "pw-room-edit.h"

/* A copy of ring @ring of @room (0 = outer), as a GArray of PwPoint, or NULL when
 * there is no such ring. */
static GArray *
ring_copy (PwPolygon *room, guint ring)
{
  const PwPoint *pts;
  guint n = 0;
  GArray *copy;

  if (ring == 0)
    pts = pw_polygon_get_outer (room, &n);
  else if (ring - 1 < pw_polygon_get_n_holes (room))
    pts = pw_polygon_get_hole (room, ring - 1, &n);
  else
    return NULL;
  copy = g_array_sized_new (FALSE, FALSE, sizeof (PwPoint), n + 1);
  if (n > 0)
    g_array_append_vals (copy, pts, n);
  return copy;
}

/* @room with ring @ring replaced by @changed (every other ring copied). */
static PwPolygon *
with_ring (PwPolygon *room, guint ring, GArray *changed)
{
  PwPolygon *out;
  guint n = 0;
  const PwPoint *pts;

  if (ring == 0)
    out = pw_polygon_new ((const PwPoint *) changed->data, changed->len);
  else
    {
      pts = pw_polygon_get_outer (room, &n);
      out = pw_polygon_new (pts, n);
    }
  for (guint h = 0; h < pw_polygon_get_n_holes (room); h++)
    {
      if (h + 1 == ring)
        pw_polygon_add_hole (out, (const PwPoint *) changed->data, changed->len);
      else
        {
          pts = pw_polygon_get_hole (room, h, &n);
          pw_polygon_add_hole (out, pts, n);
        }
    }
  return out;
}

static PwPoint
transform_point (PwPoint p, double dx, double dy, double c, double s, PwPoint pivot)
{
  PwPoint q = { p.x + dx - pivot.x, p.y + dy - pivot.y };
  PwPoint r = { pivot.x + q.x * c - q.y * s, pivot.y + q.x * s + q.y * c };

  return r;
}

PwPolygon *
pw_room_transform (PwPolygon *room, double dx, double dy, double angle, const PwPoint *pivot)
{
  PwPoint centre = { 0, 0 };
  double c = 1, s = 0;
  PwPolygon *out = NULL;

  g_return_val_if_fail (room != NULL, NULL);

  if (pivot != NULL)
    centre = *pivot;
  if (angle != 0)
    {
      c = cos (angle);
      s = sin (angle);
    }
  for (guint r = 0; r <= pw_polygon_get_n_holes (room); r++)
    {
      g_autoptr(GArray) ring = ring_copy (room, r);

      for (guint i = 0; i < ring->len; i++)
        {
          PwPoint *p = &g_array_index (ring, PwPoint, i);

          *p = transform_point (*p, dx, dy, c, s, centre);
        }
      if (r == 0)
        out = pw_polygon_new ((const PwPoint *) ring->data, ring->len);
      else
        pw_polygon_add_hole (out, (const PwPoint *) ring->data, ring->len);
    }
  return out;
}

PwPolygon *
pw_room_insert_vertex (PwPolygon *room, guint ring, guint index, const PwPoint *p)
{
  g_autoptr(GArray) points = NULL;

  g_return_val_if_fail (room != NULL && p != NULL, NULL);
  points = ring_copy (room, ring);
  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (index < points->len, NULL);

  g_array_insert_val (points, index + 1, *p);
  return with_ring (room, ring, points);
}

PwPolygon *
pw_room_remove_vertex (PwPolygon *room, guint ring, guint index, GError **error)
{
  g_autoptr(GArray) points = NULL;

  g_return_val_if_fail (room != NULL, NULL);
  points = ring_copy (room, ring);
  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (index < points->len, NULL);

  if (points->len <= 3)
    {
      g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                           ring == 0 ? _("A room keeps at least three corners")
                                     : _("An opening keeps at least three corners"));
      return NULL;
    }
  g_array_remove_index (points, index);
  return with_ring (room, ring, points);
}

PwPolygon *
pw_room_move_vertex (PwPolygon *room, guint ring, guint index, const PwPoint *p)
{
  g_autoptr(GArray) points = NULL;

  g_return_val_if_fail (room != NULL && p != NULL, NULL);
  points = ring_copy (room, ring);
  g_return_val_if_fail (points != NULL, NULL);
  g_return_val_if_fail (index < points->len, NULL);

  g_array_index (points, PwPoint, index) = *p;
  return with_ring (room, ring, points);
}

static int
compare_x (gconstpointer a, gconstpointer b)
{
  const PwPoint *pa = a, *pb = b;

  return (pa->x > pb->x) - (pa->x < pb->x);
}

/* Whether two points of @room, in any of its rings, are closer than
 * PW_ROOM_TOLERANCE: sorted by x, only neighbours within the tolerance in x
 * need comparing. */
static gboolean
has_duplicate_point (PwPolygon *room)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (PwPoint));

  for (guint r = 0; r <= pw_polygon_get_n_holes (room); r++)
    {
      g_autoptr(GArray) ring = ring_copy (room, r);

      g_array_append_vals (all, ring->data, ring->len);
    }
  g_array_sort (all, compare_x);
  for (guint i = 0; i < all->len; i++)
    {
      PwPoint a = g_array_index (all, PwPoint, i);

      for (guint j = i + 1; j < all->len; j++)
        {
          PwPoint b = g_array_index (all, PwPoint, j);

          if (b.x - a.x >= PW_ROOM_TOLERANCE)
            break;
          if (fabs (b.y - a.y) < PW_ROOM_TOLERANCE)
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
pw_room_check_outline (PwPolygon *room, GError **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (room != NULL, FALSE);

  if (!pw_polygon_validate (room, &local))
    {
      /* Translators: %s says what is wrong with a room's outline */
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT, _("The outline is faulty: %s"),
                   local->message);
      return FALSE;
    }
  if (has_duplicate_point (room))
    {
      g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                           _("The outline passes through the same point twice"));
      return FALSE;
    }
  if (pw_polygon_area (room) < PW_ROOM_MIN_AREA)
    {
      g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                           _("A room would be smaller than 0.5 m²"));
      return FALSE;
    }
  return TRUE;
}
