/* pw-plan-editor-overlay.c — what the editor draws over the plan: the points and
 * walls being drawn, the snap, the edited room and its corners, the status line
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pw-plan-editor-private.h"

char *
pw_plan_editor_format_length (double metres)
{
  /* TRANSLATORS: a length in metres, e.g. "4.20 m" */
  return g_strdup_printf (_("%.2f m"), metres);
}

static void
to_widget (PwPlanEditor *self, const PwPoint *p, double *x, double *y)
{
  *x = p->x;
  *y = p->y;
  pw_plan_viewport_to_widget (pw_plan_canvas_get_viewport (self->canvas), x, y);
}

static void
ring_path (PwPlanEditor *self, cairo_t *cr, const PwPoint *pts, guint n, gboolean close)
{
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      to_widget (self, &pts[i], &x, &y);
      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  if (close)
    cairo_close_path (cr);
}

static void
polygon_path (PwPlanEditor *self, cairo_t *cr, PwPolygon *poly)
{
  guint n;
  const PwPoint *pts = pw_polygon_get_outer (poly, &n);

  ring_path (self, cr, pts, n, TRUE);
  for (guint h = 0; h < pw_polygon_get_n_holes (poly); h++)
    {
      pts = pw_polygon_get_hole (poly, h, &n);
      ring_path (self, cr, pts, n, TRUE);
    }
}

static void
handle (cairo_t *cr, double x, double y, gboolean chosen)
{
  cairo_rectangle (cr, x - 4, y - 4, 8, 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  if (chosen)
    cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
  else
    cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, chosen ? 2.5 : 1.5);
  cairo_stroke (cr);
}

static void
status_line (PwPlanEditor *self, cairo_t *cr, int width, int height)
{
  PangoLayout *layout;
  int w, h;

  if (self->status == NULL || *self->status == '\0')
    return;
  layout = pango_cairo_create_layout (cr);
  pango_layout_set_text (layout, self->status, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.7);
  cairo_rectangle (cr, (width - w) / 2.0 - 8, height - h - 60, w + 16, h + 8);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_move_to (cr, (width - w) / 2.0, height - h - 56);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

void
pw_plan_editor_overlay_draw (PwPlanEditor *self, cairo_t *cr, int width, int height)
{
  PwPlanRoom *room = pw_plan_editor_room (self);
  guint n = self->points->len;

  if (!self->active)
    return;

  /* the room being edited, and its corners */
  if (room != NULL && (self->tool == PW_PLAN_TOOL_VERTEX || self->tool == PW_PLAN_TOOL_MOVE
                       || self->tool == PW_PLAN_TOOL_ROTATE))
    {
      PwPolygon *poly = self->preview != NULL ? self->preview : room->polygon;
      guint m;
      const PwPoint *pts = pw_polygon_get_outer (poly, &m);

      polygon_path (self, cr, poly);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.2);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      if (self->tool == PW_PLAN_TOOL_VERTEX)
        for (guint i = 0; i < m; i++)
          {
            double x, y;

            to_widget (self, &pts[i], &x, &y);
            handle (cr, x, y, (int) i == self->vertex);
          }
    }

  /* the rooms the merge tool picked */
  if (self->tool == PW_PLAN_TOOL_MERGE)
    {
      PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);

      for (guint i = 0; floor != NULL && i < self->merge_ids->len; i++)
        {
          int index = pw_plan_floor_find_space (floor, g_ptr_array_index (self->merge_ids, i));

          if (index < 0)
            continue;
          polygon_path (self, cr, pw_plan_floor_get_room (floor, index)->polygon);
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_set_source_rgba (cr, 0.9, 0.38, 0.0, 0.3);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.9, 0.38, 0.0);
          cairo_set_line_width (cr, 2.5);
          cairo_stroke (cr);
        }
    }

  /* the points placed, and the wall to the cursor */
  if (n > 0)
    {
      ring_path (self, cr, (PwPoint *) self->points->data, n, FALSE);
      if (self->has_cursor)
        {
          double x, y;

          to_widget (self, &self->cursor, &x, &y);
          cairo_line_to (cr, x, y);
        }
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
      for (guint i = 0; i < n; i++)
        {
          double x, y;

          to_widget (self, &g_array_index (self->points, PwPoint, i), &x, &y);
          handle (cr, x, y, FALSE);
        }
    }
  if (self->has_cursor && (n > 0 || self->tool == PW_PLAN_TOOL_POLYGON
                           || self->tool == PW_PLAN_TOOL_RECTANGLE || self->tool == PW_PLAN_TOOL_SPLIT))
    {
      double x, y;

      to_widget (self, &self->cursor, &x, &y);
      cairo_set_source_rgb (cr, 0.88, 0.11, 0.14);
      cairo_set_line_width (cr, 1.5);
      if (self->snapped.kind == PW_SNAP_VERTEX)
        cairo_rectangle (cr, x - 6, y - 6, 12, 12);
      else if (self->snapped.kind == PW_SNAP_MIDPOINT)
        {
          cairo_move_to (cr, x, y - 7);
          cairo_line_to (cr, x + 7, y + 5);
          cairo_line_to (cr, x - 7, y + 5);
          cairo_close_path (cr);
        }
      else
        cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, x - 12, y);
      cairo_line_to (cr, x + 12, y);
      cairo_move_to (cr, x, y - 12);
      cairo_line_to (cr, x, y + 12);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  status_line (self, cr, width, height);
}
