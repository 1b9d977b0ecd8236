/* pw-plan-editor.c — the floor-plan editor: its actions, the pointer and the keys,
 * what it writes to the ledger, and undo and redo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pw-amend-dialog.h"
#include "pw-change.h"
#include "pw-plan-editor-private.h"
#include "pw-room-ledger.h"

G_DEFINE_FINAL_TYPE (PwPlanEditor, pw_plan_editor, G_TYPE_OBJECT)

static const struct {
  const char *name;
  const char *icon;
  const char *label;
  guint       key;
} tools[] = {
  [PW_PLAN_TOOL_SELECT]    = { "select", "edit-select-symbolic", N_("Select"), GDK_KEY_v },
  [PW_PLAN_TOOL_POLYGON]   = { "polygon", "draw-polygon-symbolic", N_("Draw Room"), GDK_KEY_p },
  [PW_PLAN_TOOL_RECTANGLE] = { "rectangle", "draw-rectangle-symbolic", N_("Draw Rectangle"), GDK_KEY_r },
  [PW_PLAN_TOOL_SPLIT]     = { "split", "edit-cut-symbolic", N_("Split Room"), GDK_KEY_s },
  [PW_PLAN_TOOL_MERGE]     = { "merge", "object-merge-symbolic", N_("Merge Rooms"), GDK_KEY_m },
  [PW_PLAN_TOOL_VERTEX]    = { "vertex", "document-edit-symbolic", N_("Edit Corners"), GDK_KEY_e },
  [PW_PLAN_TOOL_MOVE]      = { "move", "object-move-symbolic", N_("Move Room"), GDK_KEY_g },
  [PW_PLAN_TOOL_ROTATE]    = { "rotate", "object-rotate-right-symbolic", N_("Rotate Room"), GDK_KEY_t },
};

/* What each tool asks for, for the status line and screen readers. */
static const char *
tool_hint (PwPlanTool tool)
{
  switch (tool)
    {
    case PW_PLAN_TOOL_POLYGON:
      return _("Click or press Enter to place corners; type a length and press Enter to fix the next wall; press Enter twice to finish");
    case PW_PLAN_TOOL_RECTANGLE:
      return _("Place one corner, then type the width and the depth, each followed by Enter, or click the opposite corner");
    case PW_PLAN_TOOL_SPLIT:
      return _("Draw a line across a room, then press Enter twice to split it");
    case PW_PLAN_TOOL_MERGE:
      return _("Click the rooms to merge, then press Enter");
    case PW_PLAN_TOOL_VERTEX:
      return _("Drag a corner or a wall; Tab chooses a corner, the arrow keys move it, Insert adds one, Delete removes it");
    case PW_PLAN_TOOL_MOVE:
      return _("Drag the room, or move it with the arrow keys");
    case PW_PLAN_TOOL_ROTATE:
      return _("Drag around the room, or turn it with the arrow keys");
    case PW_PLAN_TOOL_SELECT:
    default:
      return _("Click a room to select it");
    }
}

/* ---- messages ----------------------------------------------------------------------------- */

static void
toast (PwPlanEditor *self, const char *text, gboolean with_undo)
{
  GtkWidget *w = GTK_WIDGET (self->overlay);
  AdwToastOverlay *overlay = NULL;
  AdwToast *t;

  for (; w != NULL && overlay == NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_TOAST_OVERLAY (w))
      overlay = ADW_TOAST_OVERLAY (w);
  if (overlay == NULL)
    return;
  t = adw_toast_new (text);
  if (with_undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "plan.undo");
      adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (overlay, t);
}

/* Says @text to screen readers: as the canvas's description, and in a toast. */
static void
announce (PwPlanEditor *self, const char *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  toast (self, text, FALSE);
}

static void
hide_banner (PwPlanEditor *self)
{
  gtk_widget_set_visible (self->banner, FALSE);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->held_contract_id, g_free);
}

/* A refusal, on the canvas and announced. */
static void
refuse (PwPlanEditor *self, const GError *error, const char *contract_id)
{
  g_free (self->message);
  self->message = g_strdup (error->message);
  g_free (self->held_contract_id);
  self->held_contract_id = g_error_matches (error, PW_PLAN_ERROR, PW_PLAN_ERROR_HELD)
                           ? g_strdup (contract_id) : NULL;
  gtk_label_set_text (GTK_LABEL (self->banner_label), error->message);
  gtk_widget_set_visible (self->banner_button, self->held_contract_id != NULL);
  gtk_widget_set_visible (self->banner, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
  toast (self, error->message, FALSE);
  gtk_widget_error_bell (GTK_WIDGET (self->canvas));
}

static void
amend_clicked_cb (PwPlanEditor *self)
{
  g_autoptr(GError) error = NULL;
  PwAmendDialog *dialog;

  if (self->held_contract_id == NULL || self->store == NULL)
    return;
  dialog = pw_amend_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self->canvas))),
                                self->store, self->held_contract_id, &error);
  if (dialog == NULL)
    {
      refuse (self, error, NULL);
      return;
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the floor ---------------------------------------------------------------------------- */

static PwPlanFloor *
floor_of (PwPlanEditor *self)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);

  if (floor != self->snap_floor)
    {
      g_clear_pointer (&self->snap, pw_plan_snap_free);
      self->snap_floor = floor;
      if (floor != NULL)
        self->snap = pw_plan_snap_new_for_floor (floor);
    }
  return floor;
}

PwPlanRoom *
pw_plan_editor_room (PwPlanEditor *self)
{
  PwPlanFloor *floor = floor_of (self);
  int index;

  if (floor == NULL || self->room_id == NULL)
    return NULL;
  index = pw_plan_floor_find_space (floor, self->room_id);
  return index >= 0 ? pw_plan_floor_get_room (floor, index) : NULL;
}

static const char *
contract_of (PwPlanEditor *self, const char *space_id)
{
  PwPlanFloor *floor = floor_of (self);
  int index = floor != NULL && space_id != NULL ? pw_plan_floor_find_space (floor, space_id) : -1;

  return index >= 0 ? pw_plan_floor_get_room (floor, index)->contract_id : NULL;
}

static double
tolerance (PwPlanEditor *self)
{
  PwPlanView view;

  pw_plan_viewport_get_view (pw_plan_canvas_get_viewport (self->canvas), &view);
  return view.scale > 0 ? 8.0 / view.scale : 0.25;
}

static void
redraw (PwPlanEditor *self)
{
  gtk_widget_queue_draw (self->area);
}

/* ---- the status line ---------------------------------------------------------------------- */

static void
update_status (PwPlanEditor *self)
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
      g_string_append_printf (s, s->len ? " · " : "");
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
    /* TRANSLATORS: a length being typed, before Enter */
    g_string_append_printf (s, "%s%s", s->len ? " · " : "",
                            g_strdup_printf (_("Next wall: %s m"), self->typed->str));
  g_free (self->status);
  self->status = g_string_free (s, FALSE);
  redraw (self);
}

/* ---- undo --------------------------------------------------------------------------------- */

static void
update_actions (PwPlanEditor *self)
{
  static const char *const names[] = { "tool", "finish", "cancel", "insert-vertex", "delete-vertex" };
  GAction *a;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((a = g_action_map_lookup_action (self->actions, names[i])) != NULL)
      g_simple_action_set_enabled (G_SIMPLE_ACTION (a), self->active);
  a = g_action_map_lookup_action (self->actions, "undo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (a), self->active && self->undo->len > 0 && self->store != NULL);
  a = g_action_map_lookup_action (self->actions, "redo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (a), self->active && self->redo->len > 0 && self->store != NULL);
}

/* Runs @write between pw_store_record_begin() and _end(); a change written goes
 * on the undo list and clears the redo list. */
typedef gboolean (*WriteFunc) (PwPlanEditor *self, gpointer data, GError **error);

static gboolean
record (PwPlanEditor *self, WriteFunc write, gpointer data, const char *done, const char *space_id)
{
  g_autoptr(GError) error = NULL;
  PwChange *change;
  gboolean ok;

  if (self->store == NULL)
    return FALSE;
  pw_store_record_begin (self->store);
  ok = write (self, data, &error);
  change = pw_store_record_end (self->store);
  if (!ok)
    {
      g_clear_pointer (&change, pw_change_unref);
      refuse (self, error, contract_of (self, space_id));
      return FALSE;
    }
  hide_banner (self);
  if (change != NULL)
    {
      g_ptr_array_add (self->undo, change);
      g_ptr_array_set_size (self->redo, 0);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, done, -1);
  toast (self, done, change != NULL);
  update_actions (self);
  return TRUE;
}

static void flush_nudge (PwPlanEditor *self);

static void
undo_redo (PwPlanEditor *self, gboolean redo)
{
  GPtrArray *from = redo ? self->redo : self->undo;
  GPtrArray *to = redo ? self->undo : self->redo;
  g_autoptr(PwChange) change = NULL;
  g_autoptr(GError) error = NULL;
  PwChange *answer = NULL;

  flush_nudge (self);
  if (from->len == 0 || self->store == NULL)
    return;
  change = g_ptr_array_steal_index (from, from->len - 1);
  if (!pw_store_undo_step (self->store, change, NULL, NULL, &answer, &error))
    {
      refuse (self, error, NULL);
      update_actions (self);
      return;
    }
  hide_banner (self);
  if (answer != NULL)
    g_ptr_array_add (to, answer);
  g_clear_pointer (&self->preview, pw_polygon_free);
  announce (self, redo ? _("Edit redone") : _("Edit undone"));
  update_actions (self);
}

/* ---- writing ------------------------------------------------------------------------------ */

static const char *
default_kind (PwPlanEditor *self)
{
  PwPlanFloor *floor = floor_of (self);
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
  PwPlanFloor *floor = floor_of (self);
  g_autofree char *id = NULL;

  if (!pw_room_ledger_create (self->store, pw_plan_floor_get_id (floor), data,
                              default_kind (self), &id, error))
    return FALSE;
  g_free (self->room_id);
  self->room_id = g_steal_pointer (&id);
  return TRUE;
}

static void
finish_room (PwPlanEditor *self, const PwPoint *pts, guint n)
{
  g_autoptr(PwPolygon) outline = NULL;
  g_autoptr(GError) error = NULL;

  if (floor_of (self) == NULL)
    return;
  outline = pw_polygon_new (pts, n);
  if (!pw_room_check_outline (outline, &error))
    {
      refuse (self, error, NULL);
      return;
    }
  if (record (self, write_create, outline, _("Room drawn"), NULL))
    {
      g_array_set_size (self->points, 0);
      g_string_truncate (self->typed, 0);
    }
  update_status (self);
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
  PwPlanFloor *floor = floor_of (self);
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
  PwPlanFloor *floor = floor_of (self);
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
      refuse (self, error, NULL);
      return;
    }
  d.space_id = pw_plan_floor_get_room (floor, room)->space_id;
  d.line = pts;
  d.n = n;
  /* TRANSLATORS: a toast after a split, with the room's code */
  done = g_strdup_printf (_("%s split in two"), pw_plan_floor_get_room (floor, room)->code);
  if (record (self, write_split, &d, done, d.space_id))
    g_array_set_size (self->points, 0);
  update_status (self);
}

typedef struct { const char **ids; guint n; } MergeData;

static gboolean
write_merge (PwPlanEditor *self, gpointer data, GError **error)
{
  MergeData *d = data;

  return pw_room_ledger_merge (self->store, d->ids, d->n, error);
}

static void
finish_merge (PwPlanEditor *self)
{
  PwPlanFloor *floor = floor_of (self);
  GArray *selection = pw_plan_canvas_get_selection (self->canvas);
  g_autofree const char **ids = NULL;
  const char *held = NULL;
  g_autofree char *done = NULL;
  MergeData d;

  if (floor == NULL)
    return;
  if (selection->len < 2)
    {
      g_autoptr(GError) error = g_error_new_literal (PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT,
                                                     _("Choose at least two rooms to merge"));
      refuse (self, error, NULL);
      return;
    }
  ids = g_new0 (const char *, selection->len + 1);
  for (guint i = 0; i < selection->len; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, g_array_index (selection, guint, i));

      ids[i] = room->space_id;
      if (held == NULL && room->contract_id != NULL)
        held = room->space_id;
    }
  d.ids = ids;
  d.n = selection->len;
  /* TRANSLATORS: a toast after a merge: "3 rooms merged into T1-F01-004" */
  done = g_strdup_printf (ngettext ("%u room merged into %s", "%u rooms merged into %s", d.n), d.n,
                          pw_plan_floor_get_room (floor, g_array_index (selection, guint, 0))->code);
  record (self, write_merge, &d, done, held != NULL ? held : ids[0]);
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
  ok = record (self, write_reshape, &d, what, self->room_id);
  g_clear_pointer (&self->preview, pw_polygon_free);
  redraw (self);
  return ok;
}

/* ---- drawing tools ------------------------------------------------------------------------ */

static gboolean
is_drawing_tool (PwPlanTool tool)
{
  return tool == PW_PLAN_TOOL_POLYGON || tool == PW_PLAN_TOOL_RECTANGLE || tool == PW_PLAN_TOOL_SPLIT;
}

static void
snap_cursor (PwPlanEditor *self, double x, double y)
{
  PwPoint p = { x, y };
  guint n = self->points->len;
  PwSnapOptions o = { PW_SNAP_TO_ALL, tolerance (self), 0.1,
                      n > 0 ? &g_array_index (self->points, PwPoint, n - 1) : NULL, -1 };

  floor_of (self);
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
  update_status (self);
}

static void
place_point (PwPlanEditor *self, const PwPoint *p)
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
  update_status (self);
}

static void
finish_drawing (PwPlanEditor *self)
{
  if (self->tool == PW_PLAN_TOOL_POLYGON && self->points->len >= 3)
    finish_room (self, (PwPoint *) self->points->data, self->points->len);
  else if (self->tool == PW_PLAN_TOOL_SPLIT && self->points->len >= 2)
    finish_split (self);
}

/* Enter: a typed length fixes the next wall; else the cursor is placed, and a
 * second Enter on the same point finishes. */
static void
enter (PwPlanEditor *self)
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
          update_status (self);
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
              place_point (self, &c);
            }
          update_status (self);
          return;
        }
      if (dir.x == 0 && dir.y == 0)
        dir.x = 1;
      p.x = last->x + dir.x * len;
      p.y = last->y + dir.y * len;
      place_point (self, &p);
      self->cursor = p;
      update_status (self);
      return;
    }
  if (!self->has_cursor)
    {
      /* no pointer: start from the middle of the view */
      double w, h;

      pw_plan_viewport_get_size (pw_plan_canvas_get_viewport (self->canvas), &w, &h);
      w /= 2;
      h /= 2;
      pw_plan_viewport_to_plan (pw_plan_canvas_get_viewport (self->canvas), &w, &h);
      snap_cursor (self, w, h);
    }
  if (n > 0)
    {
      const PwPoint *last = &g_array_index (self->points, PwPoint, n - 1);
      const PwPoint *first = &g_array_index (self->points, PwPoint, 0);

      if (hypot (self->cursor.x - last->x, self->cursor.y - last->y) < 1e-6
          || (self->tool == PW_PLAN_TOOL_POLYGON && n >= 3
              && hypot (self->cursor.x - first->x, self->cursor.y - first->y) < 1e-6))
        {
          finish_drawing (self);
          return;
        }
    }
  place_point (self, &self->cursor);
}

/* ---- tools and edit mode ------------------------------------------------------------------ */

static void
reset_tool (PwPlanEditor *self)
{
  g_array_set_size (self->points, 0);
  g_string_truncate (self->typed, 0);
  g_clear_pointer (&self->preview, pw_polygon_free);
  self->rect_width = NAN;
  self->dragging = FALSE;
  self->vertex = -1;
  update_status (self);
}

void
pw_plan_editor_set_tool (PwPlanEditor *self, PwPlanTool tool)
{
  GAction *action = g_action_map_lookup_action (self->actions, "tool");
  g_autofree char *said = NULL;

  g_return_if_fail (PW_IS_PLAN_EDITOR (self));
  g_return_if_fail (tool <= PW_PLAN_TOOL_ROTATE);

  flush_nudge (self);
  reset_tool (self);
  self->tool = tool;
  if (tool == PW_PLAN_TOOL_VERTEX || tool == PW_PLAN_TOOL_MOVE || tool == PW_PLAN_TOOL_ROTATE)
    {
      GArray *selection = pw_plan_canvas_get_selection (self->canvas);
      PwPlanFloor *floor = floor_of (self);

      if (selection->len > 0 && floor != NULL)
        {
          g_free (self->room_id);
          self->room_id = g_strdup (pw_plan_floor_get_room (floor, g_array_index (selection, guint, 0))->space_id);
        }
    }
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (tools[tool].name));
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->tool_buttons[i]), i == tool);
  /* TRANSLATORS: announced when a tool is chosen: "Split Room: Draw a line across…" */
  said = g_strdup_printf (_("%s: %s"), _(tools[tool].label), tool_hint (tool));
  if (self->active)
    announce (self, said);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said, -1);
}

PwPlanTool
pw_plan_editor_get_tool (PwPlanEditor *self)
{
  return self->tool;
}

void
pw_plan_editor_set_active (PwPlanEditor *self, gboolean active)
{
  GAction *action = g_action_map_lookup_action (self->actions, "edit");

  g_return_if_fail (PW_IS_PLAN_EDITOR (self));

  active = !!active;
  if (self->active == active)
    return;
  flush_nudge (self);
  self->active = active;
  reset_tool (self);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (active));
  gtk_widget_set_visible (self->toolbar, active);
  gtk_widget_set_visible (self->area, active);
  if (!active)
    hide_banner (self);
  update_actions (self);
  announce (self, active ? _("Edit mode on") : _("Edit mode off"));
  if (active)
    pw_plan_editor_set_tool (self, PW_PLAN_TOOL_SELECT);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

gboolean
pw_plan_editor_get_active (PwPlanEditor *self)
{
  return self->active;
}

/* ---- keys --------------------------------------------------------------------------------- */

static void nudge (PwPlanEditor *self, double dx, double dy);
static void vertex_key (PwPlanEditor *self, guint keyval);

gboolean
pw_plan_editor_key (PwPlanEditor *self, guint keyval, GdkModifierType state)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  double step = shift ? 1.0 : 0.1;
  gunichar c;

  if (!self->active || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (gdk_keyval_to_lower (keyval) == tools[i].key && !shift)
      {
        pw_plan_editor_set_tool (self, i);
        return TRUE;
      }

  c = gdk_keyval_to_unicode (keyval);
  if (is_drawing_tool (self->tool) && c != 0 && (g_unichar_isdigit (c) || c == '.' || c == ',')
      && self->points->len > 0)
    {
      g_string_append_c (self->typed, c == ',' ? '.' : (char) c);
      update_status (self);
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (self->points->len > 0 || self->typed->len > 0 || self->preview != NULL)
        reset_tool (self);
      else if (self->tool != PW_PLAN_TOOL_SELECT)
        pw_plan_editor_set_tool (self, PW_PLAN_TOOL_SELECT);
      else
        hide_banner (self);
      return TRUE;
    case GDK_KEY_BackSpace:
      if (self->typed->len > 0)
        g_string_truncate (self->typed, self->typed->len - 1);
      else if (self->points->len > 0)
        g_array_set_size (self->points, self->points->len - 1);
      else
        return FALSE;
      update_status (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (is_drawing_tool (self->tool) || self->tool == PW_PLAN_TOOL_MERGE)
        {
          enter (self);
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
        if (is_drawing_tool (self->tool))
          {
            if (!self->has_cursor && self->points->len > 0)
              self->cursor = g_array_index (self->points, PwPoint, self->points->len - 1);
            else if (!self->has_cursor)
              {
                enter (self);  /* puts the cursor in the view's middle */
                g_array_set_size (self->points, 0);
              }
            self->no_snap = TRUE;
            snap_cursor (self, self->cursor.x + dx, self->cursor.y + dy);
            self->no_snap = FALSE;
            return TRUE;
          }
        if (self->tool == PW_PLAN_TOOL_VERTEX || self->tool == PW_PLAN_TOOL_MOVE
            || self->tool == PW_PLAN_TOOL_ROTATE)
          {
            nudge (self, dx, dy);
            return TRUE;
          }
        return FALSE;
      }
    case GDK_KEY_Tab: case GDK_KEY_ISO_Left_Tab:
    case GDK_KEY_Insert: case GDK_KEY_KP_Insert:
    case GDK_KEY_Delete: case GDK_KEY_KP_Delete:
      if (self->tool == PW_PLAN_TOOL_VERTEX)
        {
          vertex_key (self, keyval);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/* ---- room edits: vertex, move, rotate ----------------------------------------------------- */

static gboolean
nudge_timeout_cb (gpointer data)
{
  PwPlanEditor *self = data;

  self->nudge_source = 0;
  flush_nudge (self);
  return G_SOURCE_REMOVE;
}

static void
flush_nudge (PwPlanEditor *self)
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
static void
nudge (PwPlanEditor *self, double dx, double dy)
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
  redraw (self);
}

static gboolean
write_outline_now (PwPlanEditor *self, PwPolygon *outline, const char *what)
{
  return pw_plan_editor_commit_outline (self, outline, what);
}

static void
vertex_key (PwPlanEditor *self, guint keyval)
{
  PwPlanRoom *room = pw_plan_editor_room (self);
  PwPolygon *base;
  const PwPoint *pts;
  guint n;

  if (room == NULL)
    return;
  flush_nudge (self);
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
      if (write_outline_now (self, outline, _("Corner added")))
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
          refuse (self, error, NULL);
          return;
        }
      memcpy (fewer, pts, v * sizeof (PwPoint));
      memcpy (fewer + v, pts + v + 1, (n - v - 1) * sizeof (PwPoint));
      outline = pw_plan_editor_with_outer (base, fewer, n - 1);
      if (write_outline_now (self, outline, _("Corner removed")))
        self->vertex = (int) MIN (v, n - 2);
    }
  redraw (self);
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
  double tol = tolerance (self), best = tol;
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
  double best = tolerance (self);
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
  PwPlanFloor *floor = floor_of (self);
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
  if (is_drawing_tool (self->tool))
    {
      guint n = self->points->len;

      self->cursor = p;
      self->has_cursor = TRUE;
      if (n_press >= 2)
        {
          if (n_press >= 2 && n > 0
              && hypot (g_array_index (self->points, PwPoint, n - 1).x - p.x,
                        g_array_index (self->points, PwPoint, n - 1).y - p.y) > 1e-6)
            place_point (self, &p);
          finish_drawing (self);
          return;
        }
      if (n >= 3 && self->tool == PW_PLAN_TOOL_POLYGON)
        {
          const PwPoint *first = &g_array_index (self->points, PwPoint, 0);

          if (hypot (first->x - p.x, first->y - p.y) <= tolerance (self))
            {
              finish_drawing (self);
              return;
            }
        }
      place_point (self, &p);
      return;
    }
  if (self->tool == PW_PLAN_TOOL_MERGE)
    {
      PwPlanFloor *floor = floor_of (self);
      int hit = floor != NULL ? pw_plan_floor_hit_test (floor, x, y) : -1;

      if (hit >= 0)
        pw_plan_canvas_select (self->canvas, hit, PW_PLAN_SELECT_TOGGLE);
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
            if (write_outline_now (self, outline, _("Corner added")))
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
  redraw (self);
}

void
pw_plan_editor_set_cursor (PwPlanEditor *self, double x, double y)
{
  g_return_if_fail (PW_IS_PLAN_EDITOR (self));

  snap_cursor (self, x, y);
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, PwPlanEditor *self)
{
  if (!self->active || !is_drawing_tool (self->tool))
    return;
  self->no_snap = (gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller))
                   & GDK_SHIFT_MASK) != 0;
  to_plan (self, &x, &y);
  snap_cursor (self, x, y);
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
  flush_nudge (self);
  to_plan (self, &x, &y);
  p.x = x;
  p.y = y;
  self->drag_start = p;
  self->dragging = FALSE;
  room = pw_plan_editor_room (self);
  if (room == NULL || is_drawing_tool (self->tool) || self->tool == PW_PLAN_TOOL_MERGE)
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
      PwSnapOptions o = { PW_SNAP_TO_ALL, tolerance (self), 0.1, NULL, -1 };
      PwPlanFloor *floor = floor_of (self);

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
  redraw (self);
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
      && hypot (sx - self->last_click.x, sy - self->last_click.y) <= tolerance (self))
    n_press = 2;
  self->last_click_time = n_press == 2 ? 0 : now;
  self->last_click.x = sx;
  self->last_click.y = sy;
  if (is_drawing_tool (self->tool) && self->has_cursor)
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
}

/* ---- actions ------------------------------------------------------------------------------ */

static void
edit_change_state (GSimpleAction *action, GVariant *value, gpointer data)
{
  pw_plan_editor_set_active (data, g_variant_get_boolean (value));
}

static void
tool_change_state (GSimpleAction *action, GVariant *value, gpointer data)
{
  const char *name = g_variant_get_string (value, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    if (g_str_equal (name, tools[i].name))
      pw_plan_editor_set_tool (data, i);
}

static void
undo_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  undo_redo (data, FALSE);
}

static void
redo_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  undo_redo (data, TRUE);
}

static void
finish_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  pw_plan_editor_key (data, GDK_KEY_Return, 0);
}

static void
cancel_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  pw_plan_editor_key (data, GDK_KEY_Escape, 0);
}

static void
insert_vertex_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  PwPlanEditor *self = data;

  if (self->tool == PW_PLAN_TOOL_VERTEX)
    vertex_key (self, GDK_KEY_Insert);
}

static void
delete_vertex_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  PwPlanEditor *self = data;

  if (self->tool == PW_PLAN_TOOL_VERTEX)
    vertex_key (self, GDK_KEY_Delete);
}

static void
draw_func (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  pw_plan_editor_overlay_draw (data, cr, width, height);
}

/* ---- construction ------------------------------------------------------------------------- */

static void
tool_button_toggled (GtkToggleButton *button, PwPlanEditor *self)
{
  guint tool = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "tool"));

  if (gtk_toggle_button_get_active (button) && self->tool != tool)
    pw_plan_editor_set_tool (self, tool);
}

static GtkWidget *
build_toolbar (PwPlanEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *first = NULL;

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Editing Tools"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *key = gdk_keyval_name (gdk_keyval_to_upper (tools[i].key)) != NULL
                             ? g_strdup (gdk_keyval_name (gdk_keyval_to_upper (tools[i].key))) : g_strdup ("");
      g_autofree char *tip = g_strdup_printf ("%s (%s)", _(tools[i].label), key);

      gtk_button_set_icon_name (GTK_BUTTON (button), tools[i].icon);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(tools[i].label), -1);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      else
        first = button;
      g_object_set_data (G_OBJECT (button), "tool", GUINT_TO_POINTER (i));
      g_signal_connect (button, "toggled", G_CALLBACK (tool_button_toggled), self);
      self->tool_buttons[i] = button;
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static GtkWidget *
build_banner (PwPlanEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *close;

  gtk_widget_add_css_class (box, "app-notification");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_set_margin_top (box, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Edit Refused"), -1);
  self->banner_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->banner_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->banner_label), 60);
  gtk_label_set_selectable (GTK_LABEL (self->banner_label), TRUE);
  gtk_box_append (GTK_BOX (box), self->banner_label);
  self->banner_button = gtk_button_new_with_mnemonic (_("Start _Amendment…"));
  gtk_widget_set_valign (self->banner_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->banner_button, "clicked", G_CALLBACK (amend_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->banner_button);
  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (hide_banner), self);
  gtk_box_append (GTK_BOX (box), close);
  gtk_widget_set_visible (box, FALSE);
  return box;
}

PwPlanEditor *
pw_plan_editor_new (PwPlanCanvas *canvas, GtkOverlay *overlay, GActionMap *actions, GSettings *settings)
{
  const GActionEntry entries[] = {
    { "edit", NULL, NULL, "false", edit_change_state, { 0 } },
    { "tool", NULL, "s", "'select'", tool_change_state, { 0 } },
    { "undo", undo_activate, NULL, NULL, NULL, { 0 } },
    { "redo", redo_activate, NULL, NULL, NULL, { 0 } },
    { "finish", finish_activate, NULL, NULL, NULL, { 0 } },
    { "cancel", cancel_activate, NULL, NULL, NULL, { 0 } },
    { "insert-vertex", insert_vertex_activate, NULL, NULL, NULL, { 0 } },
    { "delete-vertex", delete_vertex_activate, NULL, NULL, NULL, { 0 } },
  };
  PwPlanEditor *self = g_object_new (PW_TYPE_PLAN_EDITOR, NULL);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->canvas = canvas;
  self->overlay = overlay;
  self->actions = g_object_ref (actions);
  self->settings = g_object_ref (settings);
  g_action_map_add_action_entries (actions, entries, G_N_ELEMENTS (entries), self);

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_can_target (self->area, FALSE);
  gtk_widget_set_can_focus (self->area, FALSE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_func, self, NULL);
  gtk_widget_set_visible (self->area, FALSE);
  gtk_overlay_add_overlay (overlay, self->area);
  self->toolbar = build_toolbar (self);
  gtk_overlay_add_overlay (overlay, self->toolbar);
  self->banner = build_banner (self);
  gtk_overlay_add_overlay (overlay, self->banner);

  /* ahead of the canvas's own gestures and keys, and only while editing */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (canvas), controller);
  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (canvas), controller);
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (canvas), GTK_EVENT_CONTROLLER (gesture));

  update_actions (self);
  return self;
}

void
pw_plan_editor_set_store (PwPlanEditor *self, PwStore *store)
{
  g_return_if_fail (PW_IS_PLAN_EDITOR (self));

  if (self->store == store)
    return;
  /* another store: its changes are not ours to undo */
  g_set_object (&self->store, store);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  update_actions (self);
}

const char *
pw_plan_editor_get_message (PwPlanEditor *self)
{
  return self->message;
}

const char *
pw_plan_editor_get_status (PwPlanEditor *self)
{
  return self->status;
}

guint
pw_plan_editor_get_n_undo (PwPlanEditor *self)
{
  return self->undo->len;
}

guint
pw_plan_editor_get_n_redo (PwPlanEditor *self)
{
  return self->redo->len;
}

const char *
pw_plan_editor_get_held_contract (PwPlanEditor *self)
{
  return self->held_contract_id;
}

static void
pw_plan_editor_dispose (GObject *object)
{
  PwPlanEditor *self = PW_PLAN_EDITOR (object);

  g_clear_handle_id (&self->nudge_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (pw_plan_editor_parent_class)->dispose (object);
}

static void
pw_plan_editor_finalize (GObject *object)
{
  PwPlanEditor *self = PW_PLAN_EDITOR (object);

  g_clear_pointer (&self->snap, pw_plan_snap_free);
  g_array_unref (self->points);
  g_string_free (self->typed, TRUE);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->redo);
  g_clear_pointer (&self->preview, pw_polygon_free);
  g_clear_pointer (&self->drag_base, pw_polygon_free);
  g_free (self->room_id);
  g_free (self->message);
  g_free (self->status);
  g_free (self->held_contract_id);
  G_OBJECT_CLASS (pw_plan_editor_parent_class)->finalize (object);
}

static void
pw_plan_editor_class_init (PwPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_plan_editor_dispose;
  object_class->finalize = pw_plan_editor_finalize;
}

static void
pw_plan_editor_init (PwPlanEditor *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  self->typed = g_string_new (NULL);
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  self->vertex = -1;
  self->rect_width = NAN;
  self->tool = PW_PLAN_TOOL_SELECT;
}
