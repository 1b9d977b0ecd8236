/* pw-plan-editor-tools.c — room outlines as the editor changes them in memory,
 * before they are written
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-plan-editor-private.h"
#include "pw-room-edit.h"

PwPolygon *
pw_plan_editor_transform (PwPolygon *room, double dx, double dy, double angle, const PwPoint *pivot)
{
  return pw_room_transform (room, dx, dy, angle, pivot);
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
