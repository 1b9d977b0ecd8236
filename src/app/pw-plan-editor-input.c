/* pw-plan-editor-input.c — the editor's keys and pointer: what a key, a click or a
 * drag does with each tool
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pw-plan-editor-private.h"

/* ---- keys --------------------------------------------------------------------------------- */

void
pw_plan_editor_key_released (PwPlanEditor *self, guint keyval)
{
  g_return_if_fail (PW_IS_PLAN_EDITOR (self));

  if (gdk_keyval_to_lower (keyval) != GDK_KEY_z)
    return;
  self->undo_key_held = FALSE;
  editor_flush_undo (self);
}

gboolean
pw_plan_editor_key (PwPlanEditor *self, guint keyval, GdkModifierType state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  double step = shift ? 1.0 : 0.1;
  gunichar c;

  /* Ctrl+Z held down: the first press is the shortcut's plan.undo; each repeat
   * while it is held is queued, and the queue is undone in one transaction */
  if (self->active && (state & GDK_CONTROL_MASK) && !shift && !(state & GDK_ALT_MASK)
      && gdk_keyval_to_lower (keyval) == GDK_KEY_z)
    {
      if (!self->undo_key_held)
        {
          self->undo_key_held = TRUE;
          return FALSE;
        }
      editor_queue_undo (self);
      return TRUE;
    }
  if (!self->active || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;

  for (guint i = 0; i < PW_PLAN_N_TOOLS; i++)
    if (gdk_keyval_to_lower (keyval) == editor_tools[i].key && !shift)
      {
        pw_plan_editor_set_tool (self, i);
        return TRUE;
      }

  c = gdk_keyval_to_unicode (keyval);
  if (editor_is_drawing_tool (self->tool) && c != 0 && (g_unichar_isdigit (c) || c == '.' || c == ',')
      && self->points->len > 0)
    {
      g_string_append_c (self->typed, c == ',' ? '.' : (char) c);
      editor_update_status (self);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->points->len > 0 || self->typed->len > 0 || self->preview != NULL)
        editor_reset_tool (self);
      else if (self->tool != PW_PLAN_TOOL_SELECT)
        pw_plan_editor_set_tool (self, PW_PLAN_TOOL_SELECT);
      else
        editor_hide_banner (self);
      return TRUE;
    case GDK_KEY_BackSpace:
      if (self->typed->len > 0)
        g_string_truncate (self->typed, self->typed->len - 1);
      else if (self->points->len > 0)
        g_array_set_size (self->points, self->points->len - 1);
      else
        return FALSE;
      editor_update_status (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (editor_is_drawing_tool (self->tool) || self->tool == PW_PLAN_TOOL_MERGE)
        {
          editor_enter (self);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Left: case GDK_KEY_KP_Left:
    case GDK_KEY_Right: case GDK_KEY_KP_Right:
    case GDK_KEY_Up: case GDK_KEY_KP_Up:
    case GDK_KEY_Down: case GDK_KEY_KP_Down:
      {
        double dx = 0, dy = 0;

        if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left) dx = -step;
        if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right) dx = step;
        if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) dy = -step;
        if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) dy = step;
        if (editor_is_drawing_tool (self->tool))
          {
            if (!self->has_cursor && self->points->len > 0)
              self->cursor = g_array_index (self->points, PwPoint, self->points->len - 1);
            else if (!self->has_cursor)
              editor_start_cursor (self);
            self->no_snap = TRUE;
            editor_snap_cursor (self, round ((self->cursor.x + dx) * 1e4) / 1e4,
                                round ((self->cursor.y + dy) * 1e4) / 1e4);
            self->no_snap = FALSE;
            return TRUE;
          }
        if (self->tool == PW_PLAN_TOOL_VERTEX || self->tool == PW_PLAN_TOOL_MOVE
            || self->tool == PW_PLAN_TOOL_ROTATE)
          {
            editor_nudge (self, dx, dy);
            return TRUE;
          }
        return FALSE;
      }
    case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab:
    case GDK_KEY_Insert: case GDK_KEY_KP_Insert:
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete:
      if (self->tool == PW_PLAN_TOOL_VERTEX)
        {
          editor_vertex_key (self, keyval);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/* ---- the pointer -------------------------------------------------------------------------- */

static void
to_plan (PwPlanEditor *self, double *x, double *y)
{
  pw_plan_viewport_to_plan (pw_plan_canvas_get_viewport (self->canvas), x, y);
}

/* The corner of ring 0 of @poly within the tolerance of @p, or -1. */
static int
vertex_near (PwPlanEditor *self, PwPolygon *poly, const PwPoint *p)
{
  guint n;
  const PwPoint *pts = pw_polygon_get_outer (poly, &n);
  double tol = editor_tolerance (self), best = tol;
  int found = -1;

  for (guint i = 0; i < n; i++)
    {
      double d = hypot (pts[i].x - p->x, pts[i].y - p->y);

      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

/* The wall of ring 0 within the tolerance of @p, or -1. */
static int
edge_near (PwPlanEditor *self, PwPolygon *poly, const PwPoint *p)
{
  guint n;
  const PwPoint *pts = pw_polygon_get_outer (poly, &n);
  double best = editor_tolerance (self);
  int found = -1;

  for (guint i = 0; i < n; i++)
    {
      const PwPoint *a = &pts[i], *b = &pts[(i + 1) % n];
      double dx = b->x - a->x, dy = b->y - a->y, l2 = dx * dx + dy * dy;
      double t = l2 > 0 ? CLAMP (((p->x - a->x) * dx + (p->y - a->y) * dy) / l2, 0, 1) : 0;
      double d = hypot (a->x + t * dx - p->x, a->y + t * dy - p->y);

      if (d <= best)
        {
          best = d;
          found = (int) i;
        }
    }
  return found;
}

static void
choose_room_at (PwPlanEditor *self, const PwPoint *p)
{
  PwPlanFloor *floor = editor_floor (self);
  int room = floor != NULL ? pw_plan_floor_hit_test (floor, p->x, p->y) : -1;

  if (room < 0)
    return;
  g_free (self->room_id);
  self->room_id = g_strdup (pw_plan_floor_get_room (floor, room)->space_id);
  self->vertex = -1;
  pw_plan_canvas_select (self->canvas, room, PW_PLAN_SELECT_REPLACE);
}

void
pw_plan_editor_click (PwPlanEditor *self, double x, double y, int n_press)
{
  PwPoint p = { x, y };
  PwPlanRoom *room;

  g_return_if_fail (PW_IS_PLAN_EDITOR (self));

  if (!self->active)
    return;
  if (editor_is_drawing_tool (self->tool))
    {
      guint n = self->points->len;

      self->cursor = p;
      self->has_cursor = TRUE;
      if (n_press >= 2)
        {
          if (n_press >= 2 && n > 0
              && hypot (g_array_index (self->points, PwPoint, n - 1).x - p.x,
                        g_array_index (self->points, PwPoint, n - 1).y - p.y) > 1e-6)
            editor_place_point (self, &p);
          editor_finish_drawing (self);
          return;
        }
      if (n >= 3 && self->tool == PW_PLAN_TOOL_POLYGON)
        {
          const PwPoint *first = &g_array_index (self->points, PwPoint, 0);

          if (hypot (first->x - p.x, first->y - p.y) <= editor_tolerance (self))
            {
              editor_finish_drawing (self);
              return;
            }
        }
      editor_place_point (self, &p);
      return;
    }
  if (self->tool == PW_PLAN_TOOL_MERGE)
    {
      PwPlanFloor *floor = editor_floor (self);
      int hit = floor != NULL ? pw_plan_floor_hit_test (floor, x, y) : -1;

      if (hit >= 0)
        {
          editor_merge_pick (self, pw_plan_floor_get_room (floor, hit)->space_id, TRUE);
          pw_plan_canvas_select (self->canvas, hit, PW_PLAN_SELECT_TOGGLE);
        }
      return;
    }
  room = pw_plan_editor_room (self);
  if (self->tool == PW_PLAN_TOOL_VERTEX && room != NULL && n_press >= 2)
    {
      int edge = edge_near (self, room->polygon, &p);

      if (edge >= 0)
        {
          self->vertex = edge;
          /* the new corner goes where the click was, on the wall */
          {
            guint n;
            const PwPoint *pts = pw_polygon_get_outer (room->polygon, &n);
            g_autofree PwPoint *more = g_new (PwPoint, n + 1);
            g_autoptr(PwPolygon) outline = NULL;
            guint v = (guint) edge;

            memcpy (more, pts, (v + 1) * sizeof (PwPoint));
            more[v + 1] = p;
            memcpy (more + v + 2, pts + v + 1, (n - v - 1) * sizeof (PwPoint));
            outline = pw_plan_editor_with_outer (room->polygon, more, n + 1);
            if (pw_plan_editor_commit_outline (self, outline, _("Corner added")))
              self->vertex = (int) v + 1;
          }
          return;
        }
    }
  if (room == NULL || !pw_polygon_contains (room->polygon, x, y))
    {
      if (room == NULL || vertex_near (self, room->polygon, &p) < 0)
        choose_room_at (self, &p);
    }
  room = pw_plan_editor_room (self);
  if (self->tool == PW_PLAN_TOOL_VERTEX && room != NULL)
    self->vertex = vertex_near (self, room->polygon, &p);
  editor_redraw (self);
}

void
pw_plan_editor_set_cursor (PwPlanEditor *self, double x, double y)
{
  g_return_if_fail (PW_IS_PLAN_EDITOR (self));

  editor_snap_cursor (self, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, PwPlanEditor *self)
{
  if (!self->active || !editor_is_drawing_tool (self->tool))
    return;
  self->no_snap = (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller))
                   & GDK_SHIFT_MASK) != 0;
  to_plan (self, &x, &y);
  editor_snap_cursor (self, x, y);
}

/* The pointer left the plan: a keyboard user's cursor starts from the room picked
 * again, unless points are placed already. */
static void
on_leave (GtkEventControllerMotion *controller, PwPlanEditor *self)
{
  if (!self->active || self->points->len > 0)
    return;
  self->has_cursor = FALSE;
  editor_update_status (self);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, PwPlanEditor *self)
{
  PwPoint p;
  PwPlanRoom *room;

  if (!self->active || self->tool == PW_PLAN_TOOL_SELECT)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  editor_flush_nudge (self);
  to_plan (self, &x, &y);
  p.x = x;
  p.y = y;
  self->drag_start = p;
  self->dragging = FALSE;
  room = pw_plan_editor_room (self);
  if (room == NULL || editor_is_drawing_tool (self->tool) || self->tool == PW_PLAN_TOOL_MERGE)
    return;
  self->drag_vertex = self->tool == PW_PLAN_TOOL_VERTEX ? vertex_near (self, room->polygon, &p) : -1;
  self->drag_edge = self->tool == PW_PLAN_TOOL_VERTEX && self->drag_vertex < 0
                    ? edge_near (self, room->polygon, &p) : -1;
  if (self->tool == PW_PLAN_TOOL_VERTEX && self->drag_vertex < 0 && self->drag_edge < 0)
    return;
  if (self->tool != PW_PLAN_TOOL_VERTEX && !pw_polygon_contains (room->polygon, x, y)
      && self->tool != PW_PLAN_TOOL_ROTATE)
    return;
  if (self->drag_vertex >= 0)
    self->vertex = self->drag_vertex;
  g_clear_pointer (&self->drag_base, pw_polygon_free);
  self->drag_base = pw_plan_editor_transform (room->polygon, 0, 0, 0, NULL);
  self->dragging = TRUE;
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, PwPlanEditor *self)
{
  double sx, sy, x, y;
  PwPolygon *next = NULL;

  if (!self->dragging || self->drag_base == NULL)
    return;
  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  x = sx + dx;
  y = sy + dy;
  to_plan (self, &x, &y);
  if (self->tool == PW_PLAN_TOOL_VERTEX)
    {
      guint n;
      const PwPoint *pts = pw_polygon_get_outer (self->drag_base, &n);
      g_autofree PwPoint *moved = g_memdup2 (pts, n * sizeof (PwPoint));
      PwPoint p = { x, y };
      PwSnapResult r;
      PwSnapOptions o = { PW_SNAP_TO_ALL, editor_tolerance (self), 0.1, NULL, -1 };
      PwPlanFloor *floor = editor_floor (self);

      o.skip_room = floor != NULL ? pw_plan_floor_find_space (floor, self->room_id) : -1;
      if (!(gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)) & GDK_SHIFT_MASK)
          && self->snap != NULL && self->drag_vertex >= 0)
        {
          pw_plan_snap_query (self->snap, &p, &o, &r);
          p = r.point;
        }
      if (self->drag_vertex >= 0)
        moved[self->drag_vertex] = p;
      else
        {
          guint a = (guint) self->drag_edge, b = (a + 1) % n;
          double mx = p.x - self->drag_start.x, my = p.y - self->drag_start.y;

          moved[a].x += mx;
          moved[a].y += my;
          moved[b].x += mx;
          moved[b].y += my;
        }
      next = pw_plan_editor_with_outer (self->drag_base, moved, n);
    }
  else if (self->tool == PW_PLAN_TOOL_MOVE)
    next = pw_plan_editor_transform (self->drag_base, x - self->drag_start.x, y - self->drag_start.y, 0, NULL);
  else if (self->tool == PW_PLAN_TOOL_ROTATE)
    {
      double x0, y0, x1, y1;
      PwPoint c;

      pw_polygon_bounds (self->drag_base, &x0, &y0, &x1, &y1);
      c.x = (x0 + x1) / 2;
      c.y = (y0 + y1) / 2;
      next = pw_plan_editor_transform (self->drag_base, 0, 0,
                                       atan2 (y - c.y, x - c.x)
                                       - atan2 (self->drag_start.y - c.y, self->drag_start.x - c.x), &c);
    }
  g_clear_pointer (&self->preview, pw_polygon_free);
  self->preview = next;
  editor_redraw (self);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, PwPlanEditor *self)
{
  double sx, sy;
  gint64 now = g_get_monotonic_time ();
  int n_press = 1;

  if (!self->active || self->tool == PW_PLAN_TOOL_SELECT)
    return;
  if (self->dragging && self->preview != NULL && hypot (dx, dy) > 3)
    {
      g_autoptr(PwPolygon) outline = g_steal_pointer (&self->preview);

      self->dragging = FALSE;
      g_clear_pointer (&self->drag_base, pw_polygon_free);
      pw_plan_editor_commit_outline (self, outline, self->tool == PW_PLAN_TOOL_VERTEX ? _("Corner moved")
                                                  : self->tool == PW_PLAN_TOOL_ROTATE ? _("Room turned")
                                                  : _("Room moved"));
      return;
    }
  self->dragging = FALSE;
  g_clear_pointer (&self->preview, pw_polygon_free);
  g_clear_pointer (&self->drag_base, pw_polygon_free);
  /* a press without a drag is a click; two within the double-click time, a double click */
  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  to_plan (self, &sx, &sy);
  if (now - self->last_click_time < 400000
      && hypot (sx - self->last_click.x, sy - self->last_click.y) <= editor_tolerance (self))
    n_press = 2;
  self->last_click_time = n_press == 2 ? 0 : now;
  self->last_click.x = sx;
  self->last_click.y = sy;
  if (editor_is_drawing_tool (self->tool) && self->has_cursor)
    pw_plan_editor_click (self, self->cursor.x, self->cursor.y, n_press);
  else
    pw_plan_editor_click (self, sx, sy, n_press);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, PwPlanEditor *self)
{
  if (keyval == GDK_KEY_Shift_L || keyval == GDK_KEY_Shift_R)
    self->no_snap = TRUE;
  return pw_plan_editor_key (self, keyval, state);
}

static void
on_key_released (GtkEventControllerKey *controller, guint keyval, guint keycode,
                 GdkModifierType state, PwPlanEditor *self)
{
  if (keyval == GDK_KEY_Shift_L || keyval == GDK_KEY_Shift_R)
    self->no_snap = FALSE;
  if (gdk_keyval_to_lower (keyval) == GDK_KEY_z)
    pw_plan_editor_key_released (self, keyval);
}

void
editor_input_attach (PwPlanEditor *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  /* ahead of the canvas's own gestures and keys, and only while editing */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);
  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (gesture));

}
