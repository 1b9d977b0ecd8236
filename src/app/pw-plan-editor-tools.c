/* pw-plan-editor-tools.c — room outlines as the editor changes them in memory,
 * before they are written
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pw-plan-editor-private.h"

/* A copy of @pts moved by (@dx, @dy), then turned by @angle about @pivot. */
static PwPoint *
transform_ring (const PwPoint *pts, guint n, double dx, double dy, double angle, const PwPoint *pivot)
{
  PwPoint *out = g_new (PwPoint, n);
  double c = cos (angle), s = sin (angle);

  for (guint i = 0; i < n; i++)
    {
      double x = pts[i].x + dx, y = pts[i].y + dy;

      if (pivot != NULL && angle != 0)
        {
          double rx = x - pivot->x, ry = y - pivot->y;

          x = pivot->x + rx * c - ry * s;
          y = pivot->y + rx * s + ry * c;
        }
      /* to the tenth of a millimetre, so that a turn and its inverse meet again */
      out[i].x = round (x * 1e4) / 1e4;
      out[i].y = round (y * 1e4) / 1e4;
    }
  return out;
}

PwPolygon *
pw_plan_editor_transform (PwPolygon *room, double dx, double dy, double angle, const PwPoint *pivot)
{
  guint n;
  const PwPoint *pts = pw_polygon_get_outer (room, &n);
  g_autofree PwPoint *outer = transform_ring (pts, n, dx, dy, angle, pivot);
  PwPolygon *out = pw_polygon_new (outer, n);

  for (guint h = 0; h < pw_polygon_get_n_holes (room); h++)
    {
      g_autofree PwPoint *hole = NULL;

      pts = pw_polygon_get_hole (room, h, &n);
      hole = transform_ring (pts, n, dx, dy, angle, pivot);
      pw_polygon_add_hole (out, hole, n);
    }
  return out;
}

PwPolygon *
pw_plan_editor_with_outer (PwPolygon *room, const PwPoint *outer, guint n)
{
  PwPolygon *out = pw_polygon_new (outer, n);

  for (guint h = 0; h < pw_polygon_get_n_holes (room); h++)
    {
      guint m;
      const PwPoint *pts = pw_polygon_get_hole (room, h, &m);

      pw_polygon_add_hole (out, pts, m);
    }
  return out;
}
