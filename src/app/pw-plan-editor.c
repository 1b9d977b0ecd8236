/* pw-plan-editor.c — the floor-plan editor: its actions and tools, edit mode, its
 * messages on the canvas, and undo and redo
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pw-amend-dialog.h"
#include "pw-area.h"
#include "pw-change.h"
#include "pw-plan-editor-private.h"
#include "pw-room-ledger.h"

G_DEFINE_FINAL_TYPE (PwPlanEditor, pw_plan_editor, G_TYPE_OBJECT)

static void selection_changed_cb (PwPlanEditor *self);

const PwPlanEditorToolInfo editor_tools[PW_PLAN_N_TOOLS] = {
  [PW_PLAN_TOOL_SELECT]    = { "select", "edit-select-symbolic", N_("Select"), GDK_KEY_v },
  [PW_PLAN_TOOL_POLYGON]   = { "polygon", "input-tablet-symbolic", N_("Draw Room"), GDK_KEY_p },
  [PW_PLAN_TOOL_RECTANGLE] = { "rectangle", "media-playback-stop-symbolic", N_("Draw Rectangle"), GDK_KEY_r },
  [PW_PLAN_TOOL_SPLIT]     = { "split", "edit-cut-symbolic", N_("Split Room"), GDK_KEY_s },
  [PW_PLAN_TOOL_MERGE]     = { "merge", "insert-object-symbolic", N_("Merge Rooms"), GDK_KEY_m },
  [PW_PLAN_TOOL_VERTEX]    = { "vertex", "document-edit-symbolic", N_("Edit Corners"), GDK_KEY_e },
  [PW_PLAN_TOOL_MOVE]      = { "move", "view-fullscreen-symbolic", N_("Move Room"), GDK_KEY_g },
  [PW_PLAN_TOOL_ROTATE]    = { "rotate", "object-rotate-right-symbolic", N_("Rotate Room"), GDK_KEY_t },
};

/* What each tool asks for, for the status line and screen readers. */
const char *
editor_tool_hint (PwPlanTool tool)
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
toast_dismissed_cb (PwPlanEditor *self)
{
  g_clear_weak_pointer (&self->last_toast);
}

void
editor_toast (PwPlanEditor *self, const char *text, gboolean with_undo)
{
  GtkWidget *w = GTK_WIDGET (self->overlay);
  AdwToastOverlay *overlay = NULL;
  AdwToast *t;

  for (; w != NULL && overlay == NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_TOAST_OVERLAY (w))
      overlay = ADW_TOAST_OVERLAY (w);
  if (overlay == NULL)
    return;
  /* one toast of the editor at a time, however fast the edits come: the one on
   * screen takes the new text (libadwaita 1.2 trips over toasts added and dismissed
   * in quick succession) */
  t = self->last_toast;
  if (t != NULL)
    {
      adw_toast_set_title (t, text);
      adw_toast_set_button_label (t, with_undo ? _("_Undo") : NULL);
      adw_toast_set_action_name (t, with_undo ? "plan.undo" : NULL);
      return;
    }
  t = adw_toast_new (text);
  if (with_undo)
    {
      adw_toast_set_button_label (t, _("_Undo"));
      adw_toast_set_action_name (t, "plan.undo");
    }
  adw_toast_set_timeout (t, 10);
  g_set_weak_pointer (&self->last_toast, t);
  g_signal_connect_object (t, "dismissed", G_CALLBACK (toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (overlay, t);
}

/* Says @text to screen readers: as the canvas's description, and in a toast. */
void
editor_announce (PwPlanEditor *self, const char *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  editor_toast (self, text, FALSE);
}

void
editor_hide_banner (PwPlanEditor *self)
{
  gtk_widget_set_visible (self->banner, FALSE);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->held_contract_id, g_free);
  g_clear_pointer (&self->held_space_id, g_free);
  g_clear_pointer (&self->held_outline, pw_polygon_free);
}

/* A refusal, on the canvas and announced. */
void
editor_refuse (PwPlanEditor *self, const GError *error, const char *contract_id)
{
  g_free (self->message);
  self->message = g_strdup (error->message);
  g_free (self->held_contract_id);
  self->held_contract_id = g_error_matches (error, PW_PLAN_ERROR, PW_PLAN_ERROR_HELD)
                           ? g_strdup (contract_id) : NULL;
  /* the outline change behind it, if any, is set again by its caller */
  g_clear_pointer (&self->held_space_id, g_free);
  g_clear_pointer (&self->held_outline, pw_polygon_free);
  gtk_label_set_text (GTK_LABEL (self->banner_label), error->message);
  gtk_widget_set_visible (self->banner_button, self->held_contract_id != NULL);
  gtk_widget_set_visible (self->banner, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
  editor_toast (self, error->message, FALSE);
  gtk_widget_error_bell (GTK_WIDGET (self->canvas));
}

/* The outline change a running contract refused, written with its amendment. */
typedef struct
{
  char      *space_id;
  char      *contract_code;
  PwPolygon *outline;
  gboolean   shared_walls;
} HeldEdit;

static void
held_edit_free (gpointer data)
{
  HeldEdit *e = data;

  g_free (e->space_id);
  g_free (e->contract_code);
  pw_polygon_free (e->outline);
  g_free (e);
}

static gboolean
write_held_edit (PwStore *store, gpointer data, GError **error)
{
  HeldEdit *e = data;

  return pw_room_ledger_reshape_amended (store, e->space_id, e->outline, e->shared_walls,
                                         e->contract_code, error);
}

static void
amended_cb (PwAmendDialog *dialog, int version, PwPlanEditor *self)
{
  gboolean redrawn = self->held_outline != NULL;

  editor_hide_banner (self);
  g_clear_pointer (&self->preview, pw_polygon_free);
  editor_redraw (self);
  editor_announce (self, redrawn ? _("Contract amended and the room redrawn")
                                 : _("Contract amended"));
}

GtkWindow *
pw_plan_editor_start_amendment (PwPlanEditor *self)
{
  g_autoptr(GError) error = NULL;
  PwAmendDialog *dialog;

  g_return_val_if_fail (PW_IS_PLAN_EDITOR (self), NULL);

  if (self->held_contract_id == NULL || self->store == NULL)
    return NULL;
  dialog = pw_amend_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self->canvas))),
                                self->store, self->held_contract_id, &error);
  if (dialog == NULL)
    {
      editor_refuse (self, error, NULL);
      return NULL;
    }
  /* an outline change refused for the contract: the amendment starts with the new
   * area, and writes the change with it (docs/plan-editing.md, "Refusals") */
  if (self->held_outline != NULL && self->held_space_id != NULL)
    {
      g_autoptr(JsonObject) space = pw_store_get_row (self->store, "space", self->held_space_id, NULL);
      g_autoptr(JsonObject) contract = pw_store_get_row (self->store, "contract",
                                                         self->held_contract_id, NULL);
      const char *code = space != NULL ? json_object_get_string_member (space, "code") : NULL;
      gint64 area = pw_polygon_area_centi (self->held_outline);
      gint64 leased = code != NULL ? pw_amend_dialog_get_space_area (dialog, code) : -1;
      g_autoptr(PwPolygon) old = space != NULL && json_object_has_member (space, "outline")
                                 && !json_object_get_null_member (space, "outline")
                                 ? pw_polygon_new_from_json (json_object_get_string_member (space, "outline"), NULL)
                                 : NULL;
      gint64 was = old != NULL ? pw_polygon_area_centi (old) : 0;

      /* the new outline's area; a leased area that was more than the outline's (it
       * holds a share of the common areas) grows or shrinks with it, half up */
      if (leased > 0 && was > 0 && leased != was)
        area = (leased * area + was / 2) / was;
      if (space != NULL && contract != NULL && area > 0
          && pw_amend_dialog_set_space_area (dialog, code, area))
        {
          HeldEdit *e = g_new0 (HeldEdit, 1);
          g_autofree char *text = pw_area_format_with_unit (pw_polygon_area_centi (self->held_outline),
                                                            FALSE);
          g_autofree char *what = NULL;
          g_autofree char *json = pw_polygon_to_json (self->held_outline);

          e->space_id = g_strdup (self->held_space_id);
          e->contract_code = g_strdup (json_object_get_string_member (contract, "code"));
          e->outline = pw_polygon_new_from_json (json, NULL);
          e->shared_walls = g_settings_get_boolean (self->settings, "plan-shared-walls");
          /* Translators: a line of an amendment's preview: a room's code and the area
           * of the outline drawn for it on the plan */
          what = g_strdup_printf (_("%s redrawn on the plan: %s"),
                                  json_object_get_string_member (space, "code"), text);
          pw_amend_dialog_set_then (dialog, what, write_held_edit, e, held_edit_free);
        }
    }
  g_signal_connect_object (dialog, "amended", G_CALLBACK (amended_cb), self, 0);
  return GTK_WINDOW (dialog);
}

static void
amend_clicked_cb (PwPlanEditor *self)
{
  GtkWindow *dialog = pw_plan_editor_start_amendment (self);

  if (dialog != NULL)
    gtk_window_present (dialog);
}

/* ---- the floor ---------------------------------------------------------------------------- */

PwPlanFloor *
editor_floor (PwPlanEditor *self)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);

  if (floor != self->snap_floor)
    {
      gboolean other = self->snap_floor == NULL || floor == NULL
                       || g_strcmp0 (pw_plan_floor_get_id (self->snap_floor), pw_plan_floor_get_id (floor)) != 0;

      /* held, so that another floor never takes its address while the index is kept */
      g_clear_pointer (&self->snap_floor, pw_plan_floor_unref);
      g_clear_pointer (&self->snap, pw_plan_snap_free);
      if (floor != NULL)
        {
          self->snap_floor = pw_plan_floor_ref (floor);
          self->snap = pw_plan_snap_new_for_floor (floor);
        }
      /* points placed on another floor are not this floor's */
      if (other && self->points->len > 0)
        editor_reset_tool (self);
    }
  return floor;
}

PwPlanRoom *
pw_plan_editor_room (PwPlanEditor *self)
{
  PwPlanFloor *floor = editor_floor (self);
  int index;

  if (floor == NULL || self->room_id == NULL)
    return NULL;
  index = pw_plan_floor_find_space (floor, self->room_id);
  return index >= 0 ? pw_plan_floor_get_room (floor, index) : NULL;
}

const char *
editor_contract_of (PwPlanEditor *self, const char *space_id)
{
  PwPlanFloor *floor = editor_floor (self);
  int index = floor != NULL && space_id != NULL ? pw_plan_floor_find_space (floor, space_id) : -1;

  return index >= 0 ? pw_plan_floor_get_room (floor, index)->contract_id : NULL;
}

double
editor_tolerance (PwPlanEditor *self)
{
  PwPlanView view;

  pw_plan_viewport_get_view (pw_plan_canvas_get_viewport (self->canvas), &view);
  return view.scale > 0 ? 8.0 / view.scale : 0.25;
}

void
editor_redraw (PwPlanEditor *self)
{
  gtk_widget_queue_draw (self->area);
}

/* ---- undo --------------------------------------------------------------------------------- */

void
editor_update_actions (PwPlanEditor *self)
{
  static const char *const names[] = { "tool", "finish", "cancel", "insert-vertex", "delete-vertex",
                                       "create-room" };
  GAction *a;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if ((a = g_action_map_lookup_action (self->actions, names[i])) != NULL)
      g_simple_action_set_enabled (G_SIMPLE_ACTION (a), self->active);
  a = g_action_map_lookup_action (self->actions, "undo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (a), self->active && self->undo->len > 0 && self->store != NULL);
  a = g_action_map_lookup_action (self->actions, "undo-all");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (a), self->active && self->undo->len > 0 && self->store != NULL);
  a = g_action_map_lookup_action (self->actions, "redo");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (a), self->active && self->redo->len > 0 && self->store != NULL);
}

/* Runs @write between pw_store_record_begin() and _end(); a change written goes
 * on the undo list and clears the redo list. */
typedef gboolean (*WriteFunc) (PwPlanEditor *self, gpointer data, GError **error);

gboolean
editor_record (PwPlanEditor *self, WriteFunc write, gpointer data, const char *done, const char *space_id)
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
      editor_refuse (self, error, editor_contract_of (self, space_id));
      return FALSE;
    }
  editor_hide_banner (self);
  if (change != NULL)
    {
      g_ptr_array_add (self->undo, change);
      g_ptr_array_set_size (self->redo, 0);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, done, -1);
  editor_toast (self, done, change != NULL);
  editor_update_actions (self);
  return TRUE;
}


/* Undoes (or redoes) the last @n steps of the list, newest first: one step is its
 * own transaction (pw_store_undo_step), several are one (pw_store_undo_steps), all
 * or nothing. Each step's answer goes on the other list, so that the first one
 * redone is the oldest undone. */
static void
undo_redo_steps (PwPlanEditor *self, gboolean redo, guint n)
{
  GPtrArray *from = redo ? self->redo : self->undo;
  GPtrArray *to = redo ? self->undo : self->redo;
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *said = NULL;
  gboolean ok;

  editor_flush_nudge (self);
  n = MIN (n, from->len);
  if (n == 0 || self->store == NULL)
    return;
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (steps, g_ptr_array_index (from, from->len - 1 - i));
  if (n == 1)
    {
      PwChange *answer = NULL;

      ok = pw_store_undo_step (self->store, steps->pdata[0], NULL, NULL, &answer, &error);
      answers = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
      if (ok)
        g_ptr_array_add (answers, answer != NULL ? answer : pw_change_ref (steps->pdata[0]));
    }
  else
    ok = pw_store_undo_steps (self->store, (PwChange *const *) steps->pdata, n, NULL, NULL,
                              &answers, &error);
  if (!ok)
    {
      /* nothing was written: every step stays where it was */
      editor_refuse (self, error, NULL);
      editor_update_actions (self);
      return;
    }
  g_ptr_array_set_size (from, from->len - n);
  for (guint i = 0; i < answers->len; i++)
    if (pw_change_get_n_records (answers->pdata[i]) > 0 && answers->pdata[i] != steps->pdata[i])
      g_ptr_array_add (to, pw_change_ref (answers->pdata[i]));
  editor_hide_banner (self);
  g_clear_pointer (&self->preview, pw_polygon_free);
  if (n == 1)
    said = g_strdup (redo ? _("Edit redone") : _("Edit undone"));
  else
    said = g_strdup_printf (redo ? g_dngettext (GETTEXT_PACKAGE, "%u edit redone", "%u edits redone", n)
                                 : g_dngettext (GETTEXT_PACKAGE, "%u edit undone", "%u edits undone", n),
                            n);
  editor_announce (self, said);
  editor_update_actions (self);
}

static void
undo_redo (PwPlanEditor *self, gboolean redo)
{
  undo_redo_steps (self, redo, 1);
}

static gboolean
undo_flush_cb (gpointer data)
{
  PwPlanEditor *self = data;

  self->undo_flush = 0;
  editor_flush_undo (self);
  return G_SOURCE_REMOVE;
}

/* A Ctrl+Z repeat: undone with the others queued once the key events waiting are
 * handled (an idle below their priority), or when Ctrl+Z is let go. */
void
editor_queue_undo (PwPlanEditor *self)
{
  self->undo_queued++;
  if (self->undo_flush == 0)
    self->undo_flush = g_idle_add_full (G_PRIORITY_LOW, undo_flush_cb, self, NULL);
}

void
editor_flush_undo (PwPlanEditor *self)
{
  guint n = self->undo_queued;

  g_clear_handle_id (&self->undo_flush, g_source_remove);
  self->undo_queued = 0;
  if (n > 0)
    undo_redo_steps (self, FALSE, n);
}

/* ---- tools and edit mode ------------------------------------------------------------------ */

void
editor_reset_tool (PwPlanEditor *self)
{
  g_array_set_size (self->points, 0);
  g_string_truncate (self->typed, 0);
  g_clear_pointer (&self->preview, pw_polygon_free);
  self->rect_width = NAN;
  /* a keyboard user's cursor starts again from the room picked */
  self->has_cursor = FALSE;
  g_ptr_array_set_size (self->merge_ids, 0);
  self->dragging = FALSE;
  self->vertex = -1;
  editor_update_status (self);
}

void
pw_plan_editor_set_tool (PwPlanEditor *self, PwPlanTool tool)
{
  GAction *action = g_action_map_lookup_action (self->actions, "tool");
  g_autofree char *said = NULL;

  g_return_if_fail (PW_IS_PLAN_EDITOR (self));
  g_return_if_fail (tool <= PW_PLAN_TOOL_ROTATE);

  editor_flush_nudge (self);
  editor_reset_tool (self);
  self->tool = tool;
  if (tool == PW_PLAN_TOOL_MERGE)
    selection_changed_cb (self);
  if (tool == PW_PLAN_TOOL_VERTEX || tool == PW_PLAN_TOOL_MOVE || tool == PW_PLAN_TOOL_ROTATE)
    {
      GArray *selection = pw_plan_canvas_get_selection (self->canvas);
      PwPlanFloor *floor = editor_floor (self);

      if (selection->len > 0 && floor != NULL)
        {
          g_free (self->room_id);
          self->room_id = g_strdup (pw_plan_floor_get_room (floor, g_array_index (selection, guint, 0))->space_id);
        }
    }
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (editor_tools[tool].name));
  for (guint i = 0; i < PW_PLAN_N_TOOLS; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->tool_buttons[i]), i == tool);
  /* TRANSLATORS: announced when a tool is chosen: "Split Room: Draw a line across…" */
  said = g_strdup_printf (_("%s: %s"), _(editor_tools[tool].label), editor_tool_hint (tool));
  if (self->active)
    editor_announce (self, said);
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
  editor_flush_nudge (self);
  self->active = active;
  editor_reset_tool (self);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (active));
  gtk_widget_set_visible (self->toolbar, active);
  gtk_widget_set_visible (self->area, active);
  if (!active)
    editor_hide_banner (self);
  editor_update_actions (self);
  editor_announce (self, active ? _("Edit mode on") : _("Edit mode off"));
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

  for (guint i = 0; i < PW_PLAN_N_TOOLS; i++)
    if (g_str_equal (name, editor_tools[i].name))
      pw_plan_editor_set_tool (data, i);
}

static void
undo_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  PwPlanEditor *self = data;

  /* behind repeats still queued: after them, in the same transaction */
  if (self->undo_queued > 0)
    editor_queue_undo (self);
  else
    undo_redo (self, FALSE);
}

/* Undo All Edits: every step of the session's undo list, in one transaction. */
static void
undo_all_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  PwPlanEditor *self = data;

  editor_flush_undo (self);
  undo_redo_steps (self, FALSE, self->undo->len);
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
    editor_vertex_key (self, GDK_KEY_Insert);
}

static void
delete_vertex_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  PwPlanEditor *self = data;

  if (self->tool == PW_PLAN_TOOL_VERTEX)
    editor_vertex_key (self, GDK_KEY_Delete);
}

/* The merge tool takes in every room the selection takes in (Space, a search). */
static void
selection_changed_cb (PwPlanEditor *self)
{
  GArray *selection = pw_plan_canvas_get_selection (self->canvas);
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);

  if (!self->active || self->tool != PW_PLAN_TOOL_MERGE || floor == NULL)
    return;
  for (guint i = 0; i < selection->len; i++)
    editor_merge_pick (self, pw_plan_floor_get_room (floor, g_array_index (selection, guint, i))->space_id,
                       FALSE);
}

static void
create_room_activate (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  editor_create_room (data, g_variant_get_string (parameter, NULL));
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
    {
      pw_plan_editor_set_tool (self, tool);
      /* the keys of the tool go to the plan */
      gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
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
  for (guint i = 0; i < PW_PLAN_N_TOOLS; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      g_autofree char *key = gdk_keyval_name (gdk_keyval_to_upper (editor_tools[i].key)) != NULL
                             ? g_strdup (gdk_keyval_name (gdk_keyval_to_upper (editor_tools[i].key))) : g_strdup ("");
      g_autofree char *tip = g_strdup_printf ("%s (%s)", _(editor_tools[i].label), key);

      gtk_button_set_icon_name (GTK_BUTTON (button), editor_tools[i].icon);
      gtk_widget_set_tooltip_text (button, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _(editor_tools[i].label), -1);
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

/* The refusal over the plan: its text, and under it Start Amendment and Dismiss,
 * so that it fits a phone's width (360 px) in every language: side by side the
 * three needed 367 px in English. */
static GtkWidget *
build_banner (PwPlanEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
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
  gtk_label_set_xalign (GTK_LABEL (self->banner_label), 0);
  gtk_box_append (GTK_BOX (box), self->banner_label);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), buttons);
  self->banner_button = gtk_button_new_with_mnemonic (_("Start _Amendment…"));
  gtk_widget_set_valign (self->banner_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->banner_button, "clicked", G_CALLBACK (amend_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), self->banner_button);
  close = gtk_button_new_from_icon_name ("window-close-symbolic");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (editor_hide_banner), self);
  gtk_box_append (GTK_BOX (buttons), close);
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
    { "undo-all", undo_all_activate, NULL, NULL, NULL, { 0 } },
    { "redo", redo_activate, NULL, NULL, NULL, { 0 } },
    { "finish", finish_activate, NULL, NULL, NULL, { 0 } },
    { "cancel", cancel_activate, NULL, NULL, NULL, { 0 } },
    { "insert-vertex", insert_vertex_activate, NULL, NULL, NULL, { 0 } },
    { "delete-vertex", delete_vertex_activate, NULL, NULL, NULL, { 0 } },
    { "create-room", create_room_activate, "s", NULL, NULL, { 0 } },
  };
  PwPlanEditor *self = g_object_new (PW_TYPE_PLAN_EDITOR, NULL);

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

  editor_input_attach (self);
  g_signal_connect_object (canvas, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);

  editor_update_actions (self);
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
  g_clear_handle_id (&self->undo_flush, g_source_remove);
  self->undo_queued = 0;
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  editor_update_actions (self);
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
  g_clear_handle_id (&self->undo_flush, g_source_remove);
  g_clear_weak_pointer (&self->last_toast);
  if (self->kind_popover != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->kind_popover, self);
      gtk_widget_unparent (self->kind_popover);
      self->kind_popover = NULL;
    }
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
  g_clear_pointer (&self->snap_floor, pw_plan_floor_unref);
  g_array_unref (self->points);
  g_string_free (self->typed, TRUE);
  g_ptr_array_unref (self->undo);
  g_ptr_array_unref (self->merge_ids);
  g_ptr_array_unref (self->redo);
  g_clear_pointer (&self->preview, pw_polygon_free);
  g_clear_pointer (&self->drag_base, pw_polygon_free);
  g_clear_pointer (&self->pending, pw_polygon_free);
  g_free (self->room_id);
  g_free (self->message);
  g_free (self->status);
  g_free (self->held_contract_id);
  g_free (self->held_space_id);
  g_clear_pointer (&self->held_outline, pw_polygon_free);
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
  self->merge_ids = g_ptr_array_new_with_free_func (g_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  self->vertex = -1;
  self->rect_width = NAN;
  self->tool = PW_PLAN_TOOL_SELECT;
}
