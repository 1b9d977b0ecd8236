/* pw-plan-editor-tools.c — what the tools do: the status line, the points drawn,
 * the rooms written to the ledger, and outlines changed in memory before they are
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pw-plan-editor-private.h"
#include "pw-room-ledger.h"

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

/* ---- the status line ---------------------------------------------------------------------- */

void
editor_update_status (PwPlanEditor *self)
{
  GString *s = g_string_new (NULL);
  guint n = self->points->len;

  if (n > 0 && self->has_cursor)
    {
      const PwPoint *last = &g_array_index (self->points, PwPoint, n - 1);
      g_autofree char *len = pw_plan_editor_format_length (hypot (self->cursor.x - last->x,
                                                                  self->cursor.y - last->y));

      /* TRANSLATORS: the wall being drawn, e.g. "Length 4.20 m" */
      g_string_append_printf (s, _("Length %s"), len);
    }
  if (self->tool == PW_PLAN_TOOL_POLYGON && n >= 2)
    {
      g_autofree PwPoint *pts = g_new (PwPoint, n + 1);
      g_autoptr(PwPolygon) poly = NULL;

      memcpy (pts, self->points->data, n * sizeof (PwPoint));
      pts[n] = self->cursor;
      poly = pw_polygon_new (pts, self->has_cursor ? n + 1 : n);
      if (s->len > 0)
        g_string_append (s, " · ");
      /* TRANSLATORS: the area of the room being drawn, e.g. "Area 12.50 m²" */
      g_string_append_printf (s, _("Area %.2f m²"), pw_polygon_area_centi (poly) / 100.0);
    }
  if (self->tool == PW_PLAN_TOOL_RECTANGLE && n == 1 && self->has_cursor)
    {
      const PwPoint *a = &g_array_index (self->points, PwPoint, 0);
      double w = fabs (self->cursor.x - a->x), h = fabs (self->cursor.y - a->y);

      g_string_truncate (s, 0);
      /* TRANSLATORS: the rectangle being drawn: width × depth, area */
      g_string_append_printf (s, _("%.2f × %.2f m · Area %.2f m²"), w, h, round (w * h * 100) / 100.0);
    }
  if (self->typed->len > 0)
    {
      if (s->len > 0)
        g_string_append (s, " · ");
      /* TRANSLATORS: a length being typed, before Enter */
      g_string_append_printf (s, _("Next wall: %s m"), self->typed->str);
    }
  g_free (self->status);
  self->status = g_string_free (s, FALSE);
  editor_redraw (self);
}

/* ---- writing ------------------------------------------------------------------------------ */

static const char *
default_kind (PwPlanEditor *self)
{
  PwPlanFloor *floor = editor_floor (self);
  guint counts[32] = { 0 }, best = PW_SPACE_KIND_OFFICE;

  for (guint i = 0; floor != NULL && i < pw_plan_floor_get_n_rooms (floor); i++)
    {
      PwSpaceKind kind = pw_plan_floor_get_room (floor, i)->kind;

      if ((guint) kind < G_N_ELEMENTS (counts) && kind != PW_SPACE_KIND_COMMON_AREA)
        counts[kind]++;
    }
  for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
    if (counts[k] > counts[best])
      best = k;
  return pw_space_kind_to_string (best);
}

static gboolean
write_create (PwPlanEditor *self, gpointer data, GError **error)
{
  PwPlanFloor *floor = editor_floor (self);
  const char *kind = data;
  g_autofree char *id = NULL;

  if (!pw_room_ledger_create (self->store, pw_plan_floor_get_id (floor), self->pending,
                              kind, &id, error))
    return FALSE;
  g_free (self->room_id);
  self->room_id = g_steal_pointer (&id);
  return TRUE;
}

void
editor_create_room (PwPlanEditor *self, const char *kind)
{
  if (self->pending == NULL || pw_space_kind_from_string (kind) < 0)
    return;
  if (editor_record (self, write_create, (gpointer) kind, _("Room drawn"), NULL))
    {
      g_array_set_size (self->points, 0);
      g_string_truncate (self->typed, 0);
      g_clear_pointer (&self->pending, pw_polygon_free);
      if (self->kind_popover != NULL)
        gtk_popover_popdown (GTK_POPOVER (self->kind_popover));
    }
  editor_update_status (self);
}

static void
create_clicked_cb (PwPlanEditor *self)
{
  guint kind = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown));

  editor_create_room (self, pw_space_kind_to_string (kind));
}

static void
kind_popover_closed_cb (PwPlanEditor *self)
{
  /* closed without a kind: nothing is written, the points stay to go on with */
  g_clear_pointer (&self->pending, pw_polygon_free);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
build_kind_popover (PwPlanEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_("Kind of the new room"));
  GtkWidget *button = self->kind_button = gtk_button_new_with_mnemonic (_("_Create Room"));
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  for (int k = 0; k <= PW_SPACE_KIND_WORKSTATION; k++)
    gtk_string_list_append (kinds, pw_space_kind_get_label (k));
  self->kind_dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kind of the new room"), -1);
  gtk_widget_add_css_class (button, "suggested-action");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (create_clicked_cb), self);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), self->kind_dropdown);
  gtk_box_append (GTK_BOX (box), button);
  self->kind_popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->kind_popover), box);
  gtk_popover_set_default_widget (GTK_POPOVER (self->kind_popover), button);
  gtk_widget_set_parent (self->kind_popover, GTK_WIDGET (self->canvas));
  g_signal_connect_swapped (self->kind_popover, "closed", G_CALLBACK (kind_popover_closed_cb), self);
}

/* A finished outline: its kind is asked for, then it is written (plan.create-room). */
static void
finish_room (PwPlanEditor *self, const PwPoint *pts, guint n)
{
  g_autoptr(PwPolygon) outline = NULL;
  g_autoptr(GError) error = NULL;
  double x0, y0, x1, y1, x, y;
  GdkRectangle at;

  if (editor_floor (self) == NULL)
    return;
  outline = pw_polygon_new (pts, n);
  if (!pw_room_check_outline (outline, &error))
    {
      editor_refuse (self, error, NULL);
      return;
    }
  g_clear_pointer (&self->pending, pw_polygon_free);
  self->pending = g_steal_pointer (&outline);
  if (self->kind_popover == NULL)
    build_kind_popover (self);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->kind_dropdown),
                              (guint) pw_space_kind_from_string (default_kind (self)));
  pw_polygon_bounds (self->pending, &x0, &y0, &x1, &y1);
  x = (x0 + x1) / 2;
  y = (y0 + y1) / 2;
  pw_plan_viewport_to_widget (pw_plan_canvas_get_viewport (self->canvas), &x, &y);
  at.x = (int) CLAMP (x, 0, gtk_widget_get_width (GTK_WIDGET (self->canvas)));
  at.y = (int) CLAMP (y, 0, gtk_widget_get_height (GTK_WIDGET (self->canvas)));
  at.width = at.height = 1;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->kind_popover), &at);
  editor_update_status (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->canvas)))
    {
      gtk_popover_popup (GTK_POPOVER (self->kind_popover));
      /* Enter creates the room; Shift+Tab goes to the kind */
      gtk_widget_grab_focus (self->kind_button);
    }
}

typedef struct { const char *space_id; PwPoint *line; guint n; } SplitData;

static gboolean
write_split (PwPlanEditor *self, gpointer data, GError **error)
{
  SplitData *d = data;

  return pw_room_ledger_split (self->store, d->space_id, d->line, d->n, NULL, error);
}

/* The room the line crosses: the selected one, else the first one a part of the line lies in. */
static int
room_for_line (PwPlanEditor *self, const PwPoint *pts, guint n)
{
  PwPlanFloor *floor = editor_floor (self);
  GArray *selection = pw_plan_canvas_get_selection (self->canvas);

  if (selection->len == 1)
    return g_array_index (selection, guint, 0);
  for (guint i = 0; i + 1 < n; i++)
    for (int k = 1; k < 8; k++)
      {
        double t = k / 8.0;
        int room = pw_plan_floor_hit_test (floor, pts[i].x + t * (pts[i + 1].x - pts[i].x),
                                           pts[i].y + t * (pts[i + 1].y - pts[i].y));

        if (room >= 0)
          return room;
      }
  return -1;
}

static void
finish_split (PwPlanEditor *self)
{
  PwPlanFloor *floor = editor_floor (self);
  PwPoint *pts = (PwPoint *) self->points->data;
  guint n = self->points->len;
  int room;
  g_autofree char *done = NULL;
  SplitData d;

  if (floor == NULL || n < 2)
    return;
  room = room_for_line (self, pts, n);
  if (room < 0)
    {
      g_autoptr(GError) error = g_error_new_literal (PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                                                     _("The line crosses no room"));
      editor_refuse (self, error, NULL);
      return;
    }
  d.space_id = pw_plan_floor_get_room (floor, room)->space_id;
  d.line = pts;
  d.n = n;
  /* TRANSLATORS: a toast after a split, with the room's code */
  done = g_strdup_printf (_("%s split in two"), pw_plan_floor_get_room (floor, room)->code);
  if (editor_record (self, write_split, &d, done, d.space_id))
    g_array_set_size (self->points, 0);
  editor_update_status (self);
}

typedef struct { const char **ids; guint n; } MergeData;

static gboolean
write_merge (PwPlanEditor *self, gpointer data, GError **error)
{
  MergeData *d = data;

  return pw_room_ledger_merge (self->store, d->ids, d->n, error);
}

/* The rooms the merge tool picked: each room the plan's selection takes in while the
 * tool is on (a click, Space on a focused room, a search), until the merge. */
void
editor_merge_pick (PwPlanEditor *self, const char *space_id, gboolean toggle)
{
  for (guint i = 0; i < self->merge_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->merge_ids, i), space_id))
      {
        if (toggle)
          g_ptr_array_remove_index (self->merge_ids, i);
        editor_redraw (self);
        return;
      }
  g_ptr_array_add (self->merge_ids, g_strdup (space_id));
  editor_redraw (self);
}

static void
finish_merge (PwPlanEditor *self)
{
  PwPlanFloor *floor = editor_floor (self);
  g_autofree const char **ids = NULL;
  const char *held = NULL;
  g_autofree char *done = NULL;
  MergeData d = { NULL, 0 };
  int first = -1;

  if (floor == NULL)
    return;
  ids = g_new0 (const char *, self->merge_ids->len + 1);
  for (guint i = 0; i < self->merge_ids->len; i++)
    {
      int index = pw_plan_floor_find_space (floor, g_ptr_array_index (self->merge_ids, i));
      PwPlanRoom *room;

      if (index < 0)
        continue;
      room = pw_plan_floor_get_room (floor, index);
      if (first < 0)
        first = index;
      ids[d.n++] = room->space_id;
      if (held == NULL && room->contract_id != NULL)
        held = room->space_id;
    }
  if (d.n < 2)
    {
      g_autoptr(GError) error = g_error_new_literal (PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                                                     _("Choose at least two rooms to merge"));
      editor_refuse (self, error, NULL);
      return;
    }
  d.ids = ids;
  /* TRANSLATORS: a toast after a merge: "3 rooms merged into T1-F01-004" */
  done = g_strdup_printf (ngettext ("%u room merged into %s", "%u rooms merged into %s", d.n), d.n,
                          pw_plan_floor_get_room (floor, first)->code);
  if (editor_record (self, write_merge, &d, done, held != NULL ? held : ids[0]))
    g_ptr_array_set_size (self->merge_ids, 0);
}

typedef struct { PwPolygon *outline; } ReshapeData;

static gboolean
write_reshape (PwPlanEditor *self, gpointer data, GError **error)
{
  ReshapeData *d = data;

  return pw_room_ledger_reshape_shared (self->store, self->room_id, d->outline,
                                        g_settings_get_boolean (self->settings, "plan-shared-walls"),
                                        error);
}

gboolean
pw_plan_editor_commit_outline (PwPlanEditor *self, PwPolygon *outline, const char *what)
{
  ReshapeData d = { outline };
  gboolean ok;

  if (self->room_id == NULL)
    return FALSE;
  ok = editor_record (self, write_reshape, &d, what, self->room_id);
  if (!ok && self->held_contract_id != NULL)
    {
      /* a running contract holds the room: "Start Amendment…" offers the new area,
       * and writes this outline with the amendment */
      g_free (self->held_space_id);
      self->held_space_id = g_strdup (self->room_id);
      g_autofree char *json = pw_polygon_to_json (outline);

      g_clear_pointer (&self->held_outline, pw_polygon_free);
      self->held_outline = pw_polygon_new_from_json (json, NULL);
    }
  g_clear_pointer (&self->preview, pw_polygon_free);
  editor_redraw (self);
  return ok;
}

/* ---- drawing tools ------------------------------------------------------------------------ */

gboolean
editor_is_drawing_tool (PwPlanTool tool)
{
  return tool == PW_PLAN_TOOL_POLYGON || tool == PW_PLAN_TOOL_RECTANGLE || tool == PW_PLAN_TOOL_SPLIT;
}

void
editor_snap_cursor (PwPlanEditor *self, double x, double y)
{
  PwPoint p = { x, y };
  guint n = self->points->len;
  PwSnapOptions o = { PW_SNAP_TO_ALL, editor_tolerance (self), 0.1,
                      n > 0 ? &g_array_index (self->points, PwPoint, n - 1) : NULL, -1 };

  editor_floor (self);
  if (self->no_snap || self->snap == NULL)
    o.flags = 0;
  o.grid = o.tolerance > 0.5 ? 1.0 : 0.1;
  pw_plan_snap_query (self->snap != NULL ? self->snap : NULL, &p, &o, &self->snapped);
  if (self->snap == NULL)
    self->snapped.point = p;
  self->cursor = self->snapped.point;
  self->has_cursor = TRUE;
  if (n > 0)
    {
      const PwPoint *last = &g_array_index (self->points, PwPoint, n - 1);
      double dx = self->cursor.x - last->x, dy = self->cursor.y - last->y, len = hypot (dx, dy);

      if (len > 1e-9)
        {
          self->direction.x = dx / len;
          self->direction.y = dy / len;
        }
    }
  editor_update_status (self);
}

void
editor_place_point (PwPlanEditor *self, const PwPoint *p)
{
  guint n = self->points->len;

  if (self->tool == PW_PLAN_TOOL_RECTANGLE && n == 1)
    {
      const PwPoint *a = &g_array_index (self->points, PwPoint, 0);
      PwPoint pts[4] = { *a, { p->x, a->y }, *p, { a->x, p->y } };

      /* counter-clockwise on the plan, whatever corner was placed first */
      if ((p->x - a->x) * (p->y - a->y) < 0)
        {
          PwPoint t = pts[1];

          pts[1] = pts[3];
          pts[3] = t;
        }
      finish_room (self, pts, 4);
      return;
    }
  g_array_append_val (self->points, *p);
  editor_update_status (self);
}

void
editor_finish_drawing (PwPlanEditor *self)
{
  if (self->tool == PW_PLAN_TOOL_POLYGON && self->points->len >= 3)
    finish_room (self, (PwPoint *) self->points->data, self->points->len);
  else if (self->tool == PW_PLAN_TOOL_SPLIT && self->points->len >= 2)
    finish_split (self);
}

/* No pointer yet: the cursor starts in the middle of the room picked, else of the
 * view, on the 0.1 m grid. */
void
editor_start_cursor (PwPlanEditor *self)
{
  PwPlanFloor *floor = editor_floor (self);
  GArray *selection = pw_plan_canvas_get_selection (self->canvas);
  double x, y;

  if (floor != NULL && selection->len > 0)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, g_array_index (selection, guint, 0));

      x = (room->x0 + room->x1) / 2;
      y = (room->y0 + room->y1) / 2;
    }
  else
    {
      pw_plan_viewport_get_size (pw_plan_canvas_get_viewport (self->canvas), &x, &y);
      x /= 2;
      y /= 2;
      pw_plan_viewport_to_plan (pw_plan_canvas_get_viewport (self->canvas), &x, &y);
    }
  self->cursor.x = round (x * 10) / 10;
  self->cursor.y = round (y * 10) / 10;
  self->has_cursor = TRUE;
  self->snapped.kind = PW_SNAP_NONE;
  editor_update_status (self);
}

/* Enter: a typed length fixes the next wall; else the cursor is placed, and a
 * second Enter on the same point finishes. */
void
editor_enter (PwPlanEditor *self)
{
  guint n = self->points->len;

  if (self->tool == PW_PLAN_TOOL_MERGE)
    {
      finish_merge (self);
      return;
    }
  if (self->typed->len > 0 && n > 0)
    {
      const PwPoint *last = &g_array_index (self->points, PwPoint, n - 1);
      char *end = NULL;
      double len = g_ascii_strtod (self->typed->str, &end);
      PwPoint p, dir = self->direction;

      g_string_truncate (self->typed, 0);
      if (end == NULL || *end != '\0' || !isfinite (len) || len == 0)
        {
          editor_update_status (self);
          return;
        }
      if (self->tool == PW_PLAN_TOOL_RECTANGLE)
        {
          /* the width runs along x and the depth along y, each towards the cursor */
          double sx = self->has_cursor && self->cursor.x < last->x ? -1 : 1;
          double sy = self->has_cursor && self->cursor.y < last->y ? -1 : 1;

          if (isnan (self->rect_width))
            self->rect_width = sx * fabs (len);
          else
            {
              PwPoint c = { last->x + self->rect_width, last->y + sy * fabs (len) };

              self->rect_width = NAN;
              editor_place_point (self, &c);
            }
          editor_update_status (self);
          return;
        }
      if (dir.x == 0 && dir.y == 0)
        dir.x = 1;
      p.x = last->x + dir.x * len;
      p.y = last->y + dir.y * len;
      editor_place_point (self, &p);
      self->cursor = p;
      editor_update_status (self);
      return;
    }
  if (!self->has_cursor)
    editor_start_cursor (self);
  if (n > 0)
    {
      const PwPoint *last = &g_array_index (self->points, PwPoint, n - 1);
      const PwPoint *first = &g_array_index (self->points, PwPoint, 0);

      if (hypot (self->cursor.x - last->x, self->cursor.y - last->y) < 1e-6
          || (self->tool == PW_PLAN_TOOL_POLYGON && n >= 3
              && hypot (self->cursor.x - first->x, self->cursor.y - first->y) < 1e-6))
        {
          editor_finish_drawing (self);
          return;
        }
    }
  editor_place_point (self, &self->cursor);
}

/* ---- room edits: vertex, move, rotate ----------------------------------------------------- */

static gboolean
nudge_timeout_cb (gpointer data)
{
  PwPlanEditor *self = data;

  self->nudge_source = 0;
  editor_flush_nudge (self);
  return G_SOURCE_REMOVE;
}

void
editor_flush_nudge (PwPlanEditor *self)
{
  g_autoptr(PwPolygon) outline = NULL;

  g_clear_handle_id (&self->nudge_source, g_source_remove);
  if (self->preview == NULL || self->dragging)
    return;
  outline = g_steal_pointer (&self->preview);
  pw_plan_editor_commit_outline (self, outline, self->tool == PW_PLAN_TOOL_VERTEX
                                                ? _("Corner moved")
                                                : self->tool == PW_PLAN_TOOL_ROTATE
                                                ? _("Room turned") : _("Room moved"));
}

/* A run of arrow keys is one edit: it is written half a second after the last. */
void
editor_nudge (PwPlanEditor *self, double dx, double dy)
{
  PwPlanRoom *room = pw_plan_editor_room (self);
  PwPolygon *base;
  PwPolygon *next = NULL;

  if (room == NULL)
    return;
  base = self->preview != NULL ? self->preview : room->polygon;
  if (self->tool == PW_PLAN_TOOL_VERTEX)
    {
      guint n;
      const PwPoint *pts = pw_polygon_get_outer (base, &n);
      g_autofree PwPoint *moved = NULL;

      if (self->vertex < 0 || (guint) self->vertex >= n)
        return;
      moved = g_memdup2 (pts, n * sizeof (PwPoint));
      moved[self->vertex].x += dx;
      moved[self->vertex].y += dy;
      next = pw_plan_editor_with_outer (base, moved, n);
    }
  else if (self->tool == PW_PLAN_TOOL_MOVE)
    next = pw_plan_editor_transform (base, dx, dy, 0, NULL);
  else
    {
      double x0, y0, x1, y1;
      PwPoint pivot;
      double angle = (dx != 0 ? dx : dy) * (G_PI / 180.0) * 10;  /* 1° a step, 10° with Shift */

      pw_polygon_bounds (base, &x0, &y0, &x1, &y1);
      pivot.x = (x0 + x1) / 2;
      pivot.y = (y0 + y1) / 2;
      next = pw_plan_editor_transform (base, 0, 0, angle, &pivot);
    }
  if (self->preview != next)
    {
      g_clear_pointer (&self->preview, pw_polygon_free);
      self->preview = next;
    }
  g_clear_handle_id (&self->nudge_source, g_source_remove);
  self->nudge_source = g_timeout_add (500, nudge_timeout_cb, self);
  editor_redraw (self);
}

void
editor_vertex_key (PwPlanEditor *self, guint keyval)
{
  PwPlanRoom *room = pw_plan_editor_room (self);
  PwPolygon *base;
  const PwPoint *pts;
  guint n;

  if (room == NULL)
    return;
  editor_flush_nudge (self);
  room = pw_plan_editor_room (self);
  if (room == NULL)
    return;
  base = room->polygon;
  pts = pw_polygon_get_outer (base, &n);
  if (keyval == GDK_KEY_Tab)
    self->vertex = (self->vertex + 1) % (int) n;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    self->vertex = self->vertex <= 0 ? (int) n - 1 : self->vertex - 1;
  else if (self->vertex >= 0 && (guint) self->vertex < n
           && (keyval == GDK_KEY_Insert || keyval == GDK_KEY_KP_Insert))
    {
      g_autofree PwPoint *more = g_new (PwPoint, n + 1);
      guint v = (guint) self->vertex;
      g_autoptr(PwPolygon) outline = NULL;

      memcpy (more, pts, (v + 1) * sizeof (PwPoint));
      more[v + 1].x = (pts[v].x + pts[(v + 1) % n].x) / 2;
      more[v + 1].y = (pts[v].y + pts[(v + 1) % n].y) / 2;
      memcpy (more + v + 2, pts + v + 1, (n - v - 1) * sizeof (PwPoint));
      outline = pw_plan_editor_with_outer (base, more, n + 1);
      if (pw_plan_editor_commit_outline (self, outline, _("Corner added")))
        self->vertex = (int) v + 1;
    }
  else if (self->vertex >= 0 && (guint) self->vertex < n)
    {
      g_autofree PwPoint *fewer = g_new (PwPoint, n);
      guint v = (guint) self->vertex;
      g_autoptr(PwPolygon) outline = NULL;

      if (n <= 3)
        {
          g_autoptr(GError) error = g_error_new_literal (PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                                                         _("A room needs at least three corners"));
          editor_refuse (self, error, NULL);
          return;
        }
      memcpy (fewer, pts, v * sizeof (PwPoint));
      memcpy (fewer + v, pts + v + 1, (n - v - 1) * sizeof (PwPoint));
      outline = pw_plan_editor_with_outer (base, fewer, n - 1);
      if (pw_plan_editor_commit_outline (self, outline, _("Corner removed")))
        self->vertex = (int) MIN (v, n - 2);
    }
  editor_redraw (self);
}
