/* pw-plans-page-rooms.c — the Plans page's editor, the drawing's controls, and a
 * room's detail window and context menu
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-plans-page-private.h"
#include "pw-space-detail.h"
#include "pw-status-dialog.h"
#include "pw-window.h"

/* ---- the editor, and a room's detail and menu ------------------------------------------- */

/* The room under the keyboard focus or picked first, or NULL. */
static PwPlanRoom *
chosen_room (PwPlansPage *self)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);
  GArray *selection = pw_plan_canvas_get_selection (self->canvas);

  if (floor == NULL || selection->len == 0)
    return NULL;
  return pw_plan_floor_get_room (floor, g_array_index (selection, guint, 0));
}

static void
room_detail_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  PwPlanRoom *room = chosen_room (self);
  g_autoptr(PwSpace) space = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *window, *detail, *header, *box;

  if (room == NULL || self->watch.store == NULL)
    return;
  space = pw_ledger_load_space (self->watch.store, room->space_id, NULL);
  if (space == NULL)
    return;
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), pw_space_get_code (space));
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  detail = pw_space_detail_new ();
  gtk_widget_set_vexpand (detail, TRUE);
  pw_space_detail_set_square_feet (PW_SPACE_DETAIL (detail), self->square_feet);
  pw_space_detail_set_store (PW_SPACE_DETAIL (detail), self->watch.store);
  pw_space_detail_set_space (PW_SPACE_DETAIL (detail), space);
  gtk_box_append (GTK_BOX (box), detail);
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
room_in_assets_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  PwPlanRoom *room = chosen_room (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (room == NULL || !PW_IS_WINDOW (root))
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "assets");
  pw_assets_page_select_space (pw_window_get_assets_page (PW_WINDOW (root)), room->space_id);
}

static void
room_status_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  PwPlanRoom *room = chosen_room (self);
  g_autoptr(PwSpace) space = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (room == NULL || self->watch.store == NULL)
    return;
  space = pw_ledger_load_space (self->watch.store, room->space_id, NULL);
  if (space != NULL)
    gtk_window_present (GTK_WINDOW (pw_status_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                          self->watch.store, space)));
}

static void
room_contract_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  PwPlanRoom *room = chosen_room (self);

  if (room != NULL && room->contract_id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-contract", "s", room->contract_id);
}

void
pw_plans_page_update_room_actions (PwPlansPage *self)
{
  PwPlanRoom *room = chosen_room (self);
  static const char *const names[] = { "room-detail", "room-in-assets", "room-status" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                              names[i])), room != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "room-contract")),
                               room != NULL && room->contract_id != NULL);
}

static void
show_room_menu (PwPlansPage *self, double x, double y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  GtkWidget *popover;
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  pw_plans_page_update_room_actions (self);
  g_menu_append (menu, _("Open _Detail"), "plan.room-detail");
  g_menu_append (menu, _("Open in _Assets"), "plan.room-in-assets");
  g_menu_append (menu, _("Change _Status…"), "plan.room-status");
  g_menu_append (menu, _("New _Lease…"), "plan.lease-selection");
  g_menu_append (menu, _("Show _Contract"), "plan.room-contract");
  g_menu_append (edit, _("S_plit…"), "plan.tool::split");
  g_menu_append (edit, _("_Merge…"), "plan.tool::merge");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, GTK_WIDGET (self->canvas));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &at);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

static void
room_menu_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, PwPlansPage *self)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);
  double px = x, py = y;
  int room;

  if (floor == NULL)
    return;
  pw_plan_viewport_to_plan (pw_plan_canvas_get_viewport (self->canvas), &px, &py);
  room = pw_plan_floor_hit_test (floor, px, py);
  if (room < 0)
    return;
  {
    gboolean picked = FALSE;
    GArray *selection = pw_plan_canvas_get_selection (self->canvas);

    for (guint i = 0; i < selection->len; i++)
      picked |= g_array_index (selection, guint, i) == (guint) room;
    if (!picked)
      pw_plan_canvas_select (self->canvas, room, PW_PLAN_SELECT_REPLACE);
  }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  show_room_menu (self, x, y);
}

static gboolean
room_menu_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  PwPlansPage *self = PW_PLANS_PAGE (user_data);
  int w = gtk_widget_get_width (GTK_WIDGET (self->canvas)), h = gtk_widget_get_height (GTK_WIDGET (self->canvas));
  PwPlanRoom *room = chosen_room (self);
  double x = w / 2.0, y = h / 2.0;

  if (room == NULL)
    return FALSE;
  x = room->label_x;
  y = room->label_y;
  pw_plan_viewport_to_widget (pw_plan_canvas_get_viewport (self->canvas), &x, &y);
  show_room_menu (self, CLAMP (x, 0, w), CLAMP (y, 0, h));
  return TRUE;
}

static void
room_activated_cb (PwPlansPage *self, int room)
{
  if (!pw_plan_editor_get_active (self->editor) || pw_plan_editor_get_tool (self->editor) == PW_PLAN_TOOL_SELECT)
    g_action_group_activate_action (G_ACTION_GROUP (self->actions), "room-detail", NULL);
}

void
pw_plans_page_init_rooms (PwPlansPage *self)
{
  static const GActionEntry entries[] = {
    { "room-detail", room_detail_action_cb, NULL, NULL, NULL, { 0 } },
    { "room-in-assets", room_in_assets_action_cb, NULL, NULL, NULL, { 0 } },
    { "room-status", room_status_action_cb, NULL, NULL, NULL, { 0 } },
    { "room-contract", room_contract_action_cb, NULL, NULL, NULL, { 0 } },
  };
  static const struct { const char *accel; const char *action; } keys[] = {
    { "<Control>e", "plan.edit" },
    { "<Control>z", "plan.undo" },
    { "<Shift><Control>z", "plan.redo" },
    { "<Alt><Control>z", "plan.undo-all" },
    { "<Shift><Control>d", "drawing.show" },
  };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkGesture *menu_click = gtk_gesture_click_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  self->editor = pw_plan_editor_new (self->canvas, self->canvas_overlay, G_ACTION_MAP (self->actions),
                                     self->settings);
  self->backdrop = pw_plan_backdrop_new (self->canvas, GTK_WIDGET (self),
                                         GTK_POPOVER_MENU (gtk_menu_button_get_popover (self->menu_button)));

  /* after the focused widget's own (a search entry's Ctrl+Z); Ctrl+E comes from
   * the window (win.edit-plan), which gives it to plan.edit on this page */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].accel),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Menu|<Shift>F10"),
                                                          gtk_callback_action_new (room_menu_key_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (menu_click, "pressed", G_CALLBACK (room_menu_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (menu_click));
  g_signal_connect_swapped (self->canvas, "room-activated", G_CALLBACK (room_activated_cb), self);
  pw_plans_page_update_room_actions (self);
}

PwPlanEditor *
pw_plans_page_get_editor (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  return self->editor;
}

