/* pw-plans-page.c — the Plans page
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page loads nothing until it is first shown, so that the window opens as
 * fast without it. Then it holds one park: its buildings and floors (ledger
 * nodes) and its spaces, from which each floor's PwPlanFloor is built once, on
 * first use, and kept until the store changes. The floor plan and the stacking
 * plan draw those same floors, so a search, a bar and a room agree.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pw-area.h"
#include "pw-ledger.h"
#include "pw-lease-dialog.h"
#include "pw-plan-editor.h"
#include "pw-plan-backdrop.h"
#include "pw-plans-page-private.h"
#include "pw-space-detail.h"
#include "pw-status-dialog.h"
#include "pw-window.h"
#include "pw-ui.h"
#include "pw-wrap-box.h"


static void pw_plans_page_page_init (PwPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwPlansPage, pw_plans_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (PW_TYPE_PAGE, pw_plans_page_page_init))

/* both come from the PwPage interface */
enum {
  PROP_0,
  PROP_STORE,
  PROP_PARK_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_legend (PwPlansPage *self);
static void update_selection (PwPlansPage *self);
static void update_view (PwPlansPage *self);

/* ---- helpers -------------------------------------------------------------------------- */

static void
toast (PwPlansPage *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static PwLedgerNode *
current_building (PwPlansPage *self)
{
  if (self->buildings == NULL || self->building < 0 || (guint) self->building >= self->buildings->len)
    return NULL;
  return g_ptr_array_index (self->buildings, self->building);
}

static PwLedgerNode *
find_floor_node (PwPlansPage *self, const char *floor_id, int *building_index)
{
  for (guint b = 0; self->buildings != NULL && b < self->buildings->len; b++)
    {
      GListModel *floors = pw_ledger_node_get_children (g_ptr_array_index (self->buildings, b));

      for (guint f = 0; floors != NULL && f < g_list_model_get_n_items (floors); f++)
        {
          g_autoptr(PwLedgerNode) node = g_list_model_get_item (floors, f);

          if (g_strcmp0 (pw_ledger_node_get_id (node), floor_id) == 0)
            {
              if (building_index != NULL)
                *building_index = (int) b;
              return node;  /* the building's list keeps it */
            }
        }
    }
  return NULL;
}

/* The plan of @floor_id, built from the park's spaces on first use. */
static PwPlanFloor *
get_floor (PwPlansPage *self, const char *floor_id)
{
  PwPlanFloor *floor = g_hash_table_lookup (self->floors, floor_id);
  PwLedgerNode *node;

  if (floor != NULL || self->spaces == NULL)
    return floor;
  node = find_floor_node (self, floor_id, NULL);
  if (node == NULL)
    return NULL;
  floor = pw_plan_floor_new_from_spaces (self->spaces, floor_id, pw_ledger_node_get_name (node), NULL);
  if (self->watch.store != NULL)
    pw_plan_floor_load_extras (floor, self->watch.store, NULL);
  g_hash_table_insert (self->floors, g_strdup (floor_id), floor);
  return floor;
}

static char *
sheet_title (PwPlansPage *self)
{
  PwLedgerNode *building = current_building (self);
  PwLedgerNode *floor = self->floor_id != NULL ? find_floor_node (self, self->floor_id, NULL) : NULL;

  if (building != NULL && gtk_toggle_button_get_active (self->stacking_button))
    /* TRANSLATORS: a printed stacking plan's title: park · building */
    return g_strdup_printf (_("%s · %s · Stacking plan"), self->park_name ? self->park_name : "",
                            pw_ledger_node_get_name (building));
  if (building == NULL || floor == NULL)
    return g_strdup (self->park_name ? self->park_name : "");
  /* TRANSLATORS: a printed plan's title: park · building · floor */
  return g_strdup_printf (_("%s · %s · %s"), self->park_name ? self->park_name : "",
                          pw_ledger_node_get_name (building), pw_ledger_node_get_name (floor));
}

/* ---- the floor and the building ---------------------------------------------------------- */

static void
fill_floor_dropdown (PwPlansPage *self)
{
  PwLedgerNode *building = current_building (self);
  GListModel *floors = building != NULL ? pw_ledger_node_get_children (building) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (self->floor_nodes, 0);
  for (guint f = 0; floors != NULL && f < g_list_model_get_n_items (floors); f++)
    {
      PwLedgerNode *node = g_list_model_get_item (floors, f);

      g_ptr_array_add (self->floor_nodes, node);
      gtk_string_list_append (names, pw_ledger_node_get_name (node));
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->floor_dropdown, G_LIST_MODEL (names));
  self->updating = FALSE;
}

static void
update_stacking (PwPlansPage *self)
{
  g_autoptr(GPtrArray) floors = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_plan_floor_unref);

  for (guint f = 0; f < self->floor_nodes->len; f++)
    {
      PwPlanFloor *floor = get_floor (self, pw_ledger_node_get_id (g_ptr_array_index (self->floor_nodes, f)));

      if (floor != NULL)
        g_ptr_array_add (floors, pw_plan_floor_ref (floor));
    }
  pw_stacking_plan_set_floors (self->stacking_plan, floors);
}

/* Shows @floor_id, which must be a floor of the building shown. */
static void
set_floor (PwPlansPage *self, const char *floor_id)
{
  PwPlanFloor *floor = floor_id != NULL ? get_floor (self, floor_id) : NULL;
  PwPlanFloor *shown = pw_plan_canvas_get_floor (self->canvas);
  gboolean same_floor = shown != NULL && floor_id != NULL
                        && g_strcmp0 (pw_plan_floor_get_id (shown), floor_id) == 0;

  if (floor_id != self->floor_id)
    {
      g_free (self->floor_id);
      self->floor_id = g_strdup (floor_id);
    }
  for (guint f = 0; f < self->floor_nodes->len; f++)
    if (g_strcmp0 (pw_ledger_node_get_id (g_ptr_array_index (self->floor_nodes, f)), floor_id) == 0)
      {
        self->updating = TRUE;
        gtk_drop_down_set_selected (self->floor_dropdown, f);
        self->updating = FALSE;
      }
  if (floor != NULL && same_floor && pw_plan_editor_get_active (self->editor))
    {
      /* the floor edited, loaded again: the view stays where it was */
      PwPlanViewport *viewport = pw_plan_canvas_get_viewport (self->canvas);
      double zoom = pw_plan_viewport_get_zoom (viewport), w, h, cx, cy, nx, ny;
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
      gboolean focused = focus != NULL && (focus == GTK_WIDGET (self->canvas)
                                           || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->canvas)));

      pw_plan_viewport_get_size (viewport, &w, &h);
      cx = w / 2;
      cy = h / 2;
      pw_plan_viewport_to_plan (viewport, &cx, &cy);
      pw_plan_canvas_set_floor (self->canvas, floor);
      pw_plan_viewport_set_zoom (viewport, zoom);
      nx = cx;
      ny = cy;
      pw_plan_viewport_to_widget (viewport, &nx, &ny);
      pw_plan_viewport_pan (viewport, w / 2 - nx, h / 2 - ny);
      /* the keys stay on the plan being edited */
      if (focused)
        gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
    }
  else
    pw_plan_canvas_set_floor (self->canvas, floor);
  if (floor_id != NULL && self->park_id != NULL)
    {
      g_settings_set_string (self->settings, "last-park", self->park_id);
      g_settings_set_string (self->settings, "last-floor", floor_id);
    }
  update_view (self);
}

/* The floor a building opens on: the ground floor, else its lowest. */
static const char *
default_floor (PwPlansPage *self)
{
  for (guint f = 0; f < self->floor_nodes->len; f++)
    if (pw_ledger_node_get_number (g_ptr_array_index (self->floor_nodes, f)) == 1)
      return pw_ledger_node_get_id (g_ptr_array_index (self->floor_nodes, f));
  if (self->floor_nodes->len > 0)
    return pw_ledger_node_get_id (g_ptr_array_index (self->floor_nodes, self->floor_nodes->len - 1));
  return NULL;
}

static void
set_building (PwPlansPage *self, int building)
{
  self->building = building;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->building_dropdown,
                              building >= 0 ? (guint) building : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;
  fill_floor_dropdown (self);
  update_stacking (self);
}

gboolean
pw_plans_page_show_floor (PwPlansPage *self, const char *floor_id)
{
  int building = -1;

  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), FALSE);

  pw_plans_page_ensure_loaded (self);
  if (floor_id == NULL || find_floor_node (self, floor_id, &building) == NULL)
    return FALSE;
  if (building != self->building)
    set_building (self, building);
  set_floor (self, floor_id);
  return TRUE;
}

/* ---- loading ---------------------------------------------------------------------------- */

static void
clear_park (PwPlansPage *self)
{
  g_clear_pointer (&self->spaces, g_ptr_array_unref);
  g_ptr_array_set_size (self->buildings, 0);
  g_ptr_array_set_size (self->floor_nodes, 0);
  g_hash_table_remove_all (self->floors);
  g_clear_pointer (&self->park_name, g_free);
  self->building = -1;
}

static void
load (PwPlansPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = NULL;
  g_autoptr(PwLedgerNode) park = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *target = NULL;
  GListModel *buildings;
  int building = -1;

  pw_ui_store_watch_cancel (&self->watch);
  target = self->floor_id != NULL ? g_strdup (self->floor_id)
                                  : g_settings_get_string (self->settings, "last-floor");
  clear_park (self);
  self->loaded = TRUE;

  if (self->watch.store != NULL)
    {
      parks = pw_ledger_load_parks (self->watch.store, &error);
      if (parks == NULL)
        g_warning ("Could not load the parks: %s", error->message);
    }
  if (self->park_id == NULL)
    self->park_id = g_settings_get_string (self->settings, "last-park");
  for (guint p = 0; parks != NULL && p < g_list_model_get_n_items (parks) && park == NULL; p++)
    {
      g_autoptr(PwLedgerNode) node = g_list_model_get_item (parks, p);

      if (g_strcmp0 (pw_ledger_node_get_id (node), self->park_id) == 0)
        park = g_steal_pointer (&node);
    }
  if (park == NULL && parks != NULL && g_list_model_get_n_items (parks) > 0)
    park = g_list_model_get_item (parks, 0);

  if (g_strcmp0 (self->park_id, park != NULL ? pw_ledger_node_get_id (park) : NULL) != 0)
    {
      g_free (self->park_id);
      self->park_id = park != NULL ? g_strdup (pw_ledger_node_get_id (park)) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARK_ID]);
    }
  if (park != NULL)
    {
      self->park_name = g_strdup (pw_ledger_node_get_name (park));
      self->spaces = pw_ledger_load_spaces (self->watch.store, self->park_id, &error);
      if (self->spaces == NULL)
        {
          g_warning ("Could not load the spaces of park %s: %s", self->park_id, error->message);
          self->spaces = g_ptr_array_new_with_free_func (g_object_unref);
        }
      buildings = pw_ledger_node_get_children (park);
      for (guint b = 0; buildings != NULL && b < g_list_model_get_n_items (buildings); b++)
        {
          PwLedgerNode *node = g_list_model_get_item (buildings, b);
          g_autofree char *name = NULL;

          g_ptr_array_add (self->buildings, node);
          /* TRANSLATORS: a building in the plan's building list: code — name */
          name = g_strdup_printf (_("%s — %s"), pw_ledger_node_get_code (node),
                                  pw_ledger_node_get_name (node));
          gtk_string_list_append (names, name);
        }
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->building_dropdown, G_LIST_MODEL (names));
  self->updating = FALSE;

  if (target == NULL || target[0] == '\0' || find_floor_node (self, target, &building) == NULL)
    {
      g_clear_pointer (&target, g_free);
      building = self->buildings->len > 0 ? 0 : -1;
    }
  set_building (self, building);
  set_floor (self, target != NULL ? target : default_floor (self));
}

static void
reload_cb (gpointer owner)
{
  PwPlansPage *self = owner;

  /* a page nobody looks at reloads when it is shown again */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->loaded = FALSE;
}

void
pw_plans_page_ensure_loaded (PwPlansPage *self)
{
  g_return_if_fail (PW_IS_PLANS_PAGE (self));

  if (!self->loaded)
    load (self);
}

gboolean
pw_plans_page_is_loaded (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), FALSE);

  return self->loaded;
}

/* ---- what the page shows ---------------------------------------------------------------- */

static void
update_view (PwPlansPage *self)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);
  gboolean stacking = gtk_toggle_button_get_active (self->stacking_button);
  gboolean drawn = floor != NULL && pw_plan_floor_get_n_rooms (floor) > 0;
  GActionMap *map = G_ACTION_MAP (self->actions);

  pw_plan_backdrop_update (self->backdrop);
  if (stacking)
    gtk_stack_set_visible_child_name (self->view_stack, "stacking");
  else
    gtk_stack_set_visible_child_name (self->view_stack, drawn ? "plan" : "empty");
  /* a stacking plan prints even when this floor has no outlines */
  drawn = drawn || (stacking && pw_stacking_plan_get_floors (self->stacking_plan) != NULL
                    && pw_stacking_plan_get_floors (self->stacking_plan)->len > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "print")), drawn);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (map, "export-image")), drawn);
  update_legend (self);
  update_selection (self);
}

static void
draw_swatch_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  PwPlanClass *cls = data;
  PwPlanStyle style;

  pw_plan_style_init (&style);
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  pw_plan_draw_swatch (cr, cls, &style, 0, 0, width, height);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_set_source_rgba (cr, style.dark, style.dark, style.dark, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
free_class (gpointer data)
{
  PwPlanClass *cls = data;

  g_free (cls->label);
  g_free (cls);
}

static void
add_legend_row (PwPlansPage *self, const PwPlanColoring *coloring, const PwPlanClass *cls)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (cls->label);
  g_autofree char *amount = cls->overdue != 0 ? pw_plan_class_format_overdue (coloring, cls) : NULL;
  /* TRANSLATORS: a legend row of the arrears lens: how many rooms, what they owe past due */
  g_autofree char *count = amount != NULL ? g_strdup_printf (_("%u · %s"), cls->count, amount)
                                          : g_strdup_printf ("%u", cls->count);
  GtkWidget *number = gtk_label_new (count);
  g_autofree char *accessible = NULL;
  PwPlanClass *copy = g_new0 (PwPlanClass, 1);

  *copy = *cls;
  copy->label = g_strdup (cls->label);
  g_object_set_data_full (G_OBJECT (row), "pw-legend-class", copy, free_class);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 16);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 16);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch_cb, copy, NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (number, "numeric");
  gtk_widget_add_css_class (number, "dim-label");
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), number);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* TRANSLATORS: a legend row for a screen reader: the class, then how many rooms */
  accessible = g_strdup_printf (ngettext ("%s: %u room", "%s: %u rooms", cls->count),
                                cls->label, cls->count);
  if (amount != NULL)
    {
      char *with = g_strdup_printf ("%s, %s", accessible, amount);

      g_free (accessible);
      accessible = with;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_list_box_append (self->legend_list, row);
}

static void
update_legend (PwPlansPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->legend_list))) != NULL)
    gtk_list_box_remove (self->legend_list, child);
  gtk_label_set_text (self->legend_title, pw_plan_lens_get_label (self->lens));

  if (gtk_toggle_button_get_active (self->stacking_button))
    {
      g_autofree char *today = pw_today_iso ();
      g_autoptr(PwPlanColoring) merged = pw_plan_coloring_merge (
        pw_stacking_plan_get_floors (self->stacking_plan), self->lens, today);

      for (guint c = 0; c < merged->classes->len; c++)
        if (g_array_index (merged->classes, PwPlanClass, c).count > 0)
          add_legend_row (self, merged, &g_array_index (merged->classes, PwPlanClass, c));
    }
  else
    {
      PwPlanColoring *coloring = pw_plan_canvas_get_coloring (self->canvas);
      PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);

      for (guint c = 0; floor != NULL && coloring != NULL && c < coloring->classes->len; c++)
        if (g_array_index (coloring->classes, PwPlanClass, c).count > 0)
          add_legend_row (self, coloring, &g_array_index (coloring->classes, PwPlanClass, c));
    }
}

static void
update_selection (PwPlansPage *self)
{
  GArray *selection = pw_plan_canvas_get_selection (self->canvas);
  guint n = selection->len;
  GAction *export = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "export-selection");

  g_free (self->selection_text);
  if (n == 0)
    self->selection_text = g_strdup (_("Click a room to select it; Shift or Ctrl adds more"));
  else
    {
      g_autofree char *area = pw_area_format_with_unit (pw_plan_canvas_get_selected_area (self->canvas),
                                                        self->square_feet);

      /* TRANSLATORS: the selection on the plan, e.g. "2 rooms · 364.44 m² chargeable" */
      self->selection_text = g_strdup_printf (ngettext ("%u room · %s chargeable",
                                                        "%u rooms · %s chargeable", n), n, area);
    }
  gtk_label_set_text (self->selection_label, self->selection_text);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (export), n > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "lease-selection")),
                               n > 0 && self->watch.store != NULL && self->park_id != NULL);
}

/* ---- search ------------------------------------------------------------------------------- */

typedef enum {
  MATCH_EXACT,
  MATCH_PREFIX,
  MATCH_TENANT,
  N_MATCHES
} MatchKind;

static int
find_in_floor (PwPlanFloor *floor, const char *needle, MatchKind kind)
{
  for (guint i = 0; floor != NULL && i < pw_plan_floor_get_n_rooms (floor); i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      g_autofree char *code = g_utf8_casefold (room->code, -1);
      g_autofree char *tenant = room->tenant != NULL ? g_utf8_casefold (room->tenant, -1) : NULL;

      if ((kind == MATCH_EXACT && g_str_equal (code, needle))
          || (kind == MATCH_PREFIX && g_str_has_prefix (code, needle))
          || (kind == MATCH_TENANT && tenant != NULL && strstr (tenant, needle) != NULL))
        return (int) i;
    }
  return -1;
}

gboolean
pw_plans_page_find (PwPlansPage *self, const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *needle = NULL;

  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), FALSE);

  if (stripped[0] == '\0')
    return FALSE;
  pw_plans_page_ensure_loaded (self);
  needle = g_utf8_casefold (stripped, -1);

  for (MatchKind kind = MATCH_EXACT; kind < N_MATCHES; kind++)
    {
      int room;

      /* this floor first, then every floor of the park */
      if (self->floor_id != NULL
          && (room = find_in_floor (get_floor (self, self->floor_id), needle, kind)) >= 0)
        {
          pw_plans_page_set_stacking (self, FALSE);
          pw_plan_canvas_reveal (self->canvas, room);
          return TRUE;
        }
      for (guint b = 0; b < self->buildings->len; b++)
        {
          GListModel *floors = pw_ledger_node_get_children (g_ptr_array_index (self->buildings, b));

          for (guint f = 0; floors != NULL && f < g_list_model_get_n_items (floors); f++)
            {
              g_autoptr(PwLedgerNode) node = g_list_model_get_item (floors, f);
              const char *id = pw_ledger_node_get_id (node);

              if (g_strcmp0 (id, self->floor_id) == 0)
                continue;
              if ((room = find_in_floor (get_floor (self, id), needle, kind)) >= 0)
                {
                  pw_plans_page_show_floor (self, id);
                  pw_plans_page_set_stacking (self, FALSE);
                  pw_plan_canvas_reveal (self->canvas, room);
                  return TRUE;
                }
            }
        }
    }

  {
    /* TRANSLATORS: %s is what the user searched for */
    g_autofree char *message = g_strdup_printf (_("No space or tenant matches “%s”"), stripped);

    toast (self, message);
  }
  return FALSE;
}

gboolean
pw_plans_page_show_spaces (PwPlansPage       *self,
                           const char *const *codes)
{
  PwPlanFloor *floor;

  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), FALSE);

  if (codes == NULL || codes[0] == NULL || !pw_plans_page_find (self, codes[0]))
    return FALSE;
  /* the first space's floor is in view with it selected; its other spaces there join it */
  floor = pw_plan_canvas_get_floor (self->canvas);
  for (guint i = 1; floor != NULL && codes[i] != NULL; i++)
    {
      int room = pw_plan_floor_find_code (floor, codes[i]);

      if (room >= 0)
        pw_plan_canvas_select (self->canvas, room, PW_PLAN_SELECT_ADD);
    }
  return TRUE;
}

void
pw_plans_page_focus_search (PwPlansPage *self)
{
  g_return_if_fail (PW_IS_PLANS_PAGE (self));

  pw_page_focus_search (PW_PAGE (self));
}

static void
pw_plans_page_focus_search_impl (PwPage *page)
{
  PwPlansPage *self = PW_PLANS_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/* ---- export and print ------------------------------------------------------------------- */

static void
sheet_style (PwPlansPage *self, PwPlanStyle *style, double pixel)
{
  pw_plan_style_init (style);
  style->pixel = pixel;
  style->square_feet = self->square_feet;
}

gboolean
pw_plans_page_export_image (PwPlansPage *self, const char *path, GError **error)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);
  g_autofree char *title = NULL;
  g_autofree char *today = pw_today_iso ();
  g_autofree char *lower = g_ascii_strdown (path, -1);
  gboolean png = g_str_has_suffix (lower, ".png");
  PwPlanStyle style;
  PwPlanPage sheet = { 0 };

  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), FALSE);

  if (gtk_toggle_button_get_active (self->stacking_button))
    {
      GPtrArray *floors = pw_stacking_plan_get_floors (self->stacking_plan);

      title = sheet_title (self);
      sheet.title = title;
      sheet.date = today;
      sheet_style (self, &style, png ? 2.0 * 72.0 / 96.0 : 72.0 / 96.0);
      if (floors == NULL || floors->len == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("This building has no floors to export"));
          return FALSE;
        }
      return pw_plan_export_stacking (floors, self->lens, today, &sheet, &style,
                                      png ? 1684 : 842, png ? 1190 : 595, path, error);
    }
  if (floor == NULL || pw_plan_floor_get_n_rooms (floor) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("This floor has no plan to export"));
      return FALSE;
    }
  title = sheet_title (self);
  sheet.title = title;
  sheet.date = today;
  sheet.selection = pw_plan_canvas_get_selection (self->canvas);
  cairo_matrix_init_identity (&sheet.background_to_plan);
  /* A4 landscape: in points for PDF and SVG, at 2 pixels a point for PNG */
  sheet_style (self, &style, png ? 2.0 * 72.0 / 96.0 : 72.0 / 96.0);
  return pw_plan_export (floor, pw_plan_canvas_get_coloring (self->canvas), &sheet, &style,
                         png ? 1684 : 842, png ? 1190 : 595, path, error);
}

static char *
csv_field (const char *text)
{
  g_autoptr(GString) out = NULL;

  if (strpbrk (text, ",\"\r\n") == NULL)
    return g_strdup (text);
  out = g_string_new ("\"");
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
pw_plans_page_export_selection (PwPlansPage *self, const char *path, GError **error)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);
  GArray *selection = pw_plan_canvas_get_selection (self->canvas);
  g_autoptr(GString) csv = g_string_new ("code,name,kind,status,chargeable_area_m2\n");

  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), FALSE);

  for (guint k = 0; floor != NULL && k < selection->len; k++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, g_array_index (selection, guint, k));
      g_autofree char *code = csv_field (room->code);
      g_autofree char *name = csv_field (room->name != NULL ? room->name : "");
      gint64 area = room->chargeable_area;

      g_string_append_printf (csv, "%s,%s,%s,%s,%s%" G_GINT64_FORMAT ".%02d\n", code, name,
                              pw_space_kind_to_string (room->kind),
                              pw_space_status_to_string (room->status),
                              area < 0 ? "-" : "", ABS (area) / 100, (int) (ABS (area) % 100));
    }
  return g_file_set_contents (path, csv->str, (gssize) csv->len, error);
}

/* The file chooser's answer: export to the file chosen. */
typedef gboolean (*ExportFunc) (PwPlansPage *self, const char *path, GError **error);

static void
chooser_response_cb (GtkNativeDialog *chooser, int response, PwPlansPage *self)
{
  ExportFunc export = g_object_get_data (G_OBJECT (chooser), "pw-export");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        toast (self, _("Choose a file on this computer"));
      else if (!export (self, path, &error))
        toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* TRANSLATORS: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

          toast (self, message);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
run_save_chooser (PwPlansPage *self, const char *title, const char *suggested, ExportFunc export,
                  gboolean image)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  if (image)
    {
      add_filter (GTK_FILE_CHOOSER (chooser), _("PDF document (*.pdf)"), "*.pdf");
      add_filter (GTK_FILE_CHOOSER (chooser), _("PNG image (*.png)"), "*.png");
      add_filter (GTK_FILE_CHOOSER (chooser), _("SVG drawing (*.svg)"), "*.svg");
    }
  else
    add_filter (GTK_FILE_CHOOSER (chooser), _("CSV file (*.csv)"), "*.csv");
  g_object_set_data (G_OBJECT (chooser), "pw-export", export);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static char *
suggested_name (PwPlansPage *self, const char *what, const char *extension)
{
  PwLedgerNode *building = current_building (self);
  PwLedgerNode *floor = self->floor_id != NULL ? find_floor_node (self, self->floor_id, NULL) : NULL;

  if (building == NULL || floor == NULL)
    return g_strdup_printf ("%s.%s", what, extension);
  return g_strdup_printf ("%s-%s%s%s.%s", pw_ledger_node_get_code (building),
                          pw_ledger_node_get_code (floor), what[0] ? "-" : "", what, extension);
}

/* A draft lease of the selected rooms. */
static void
lease_selection_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  g_auto(GStrv) ids = pw_plans_page_get_selected_space_ids (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PwLeaseDialog *dialog;

  if (ids[0] == NULL || self->watch.store == NULL || self->park_id == NULL)
    return;
  dialog = pw_lease_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->watch.store,
                                self->park_id, (const char *const *) ids);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_image_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  g_autofree char *name = suggested_name (self, "", "pdf");

  run_save_chooser (self, _("Export Floor Plan"), name, pw_plans_page_export_image, TRUE);
}

static void
export_selection_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  /* TRANSLATORS: the file name an exported selection is offered, before the extension */
  g_autofree char *name = suggested_name (self, C_("file name", "selection"), "csv");

  run_save_chooser (self, _("Export Selection"), name, pw_plans_page_export_selection, FALSE);
}

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr, PwPlansPage *self)
{
  PwPlanFloor *floor = pw_plan_canvas_get_floor (self->canvas);
  g_autofree char *title = sheet_title (self);
  g_autofree char *today = pw_today_iso ();
  PwPlanStyle style;
  PwPlanPage sheet = { 0 };

  sheet.title = title;
  sheet.date = today;
  /* the context is in points: 72 a inch against a screen's 96 */
  sheet_style (self, &style, 72.0 / 96.0);
  if (gtk_toggle_button_get_active (self->stacking_button))
    {
      GPtrArray *floors = pw_stacking_plan_get_floors (self->stacking_plan);

      if (floors != NULL)
        pw_plan_draw_stacking_page (gtk_print_context_get_cairo_context (context), floors,
                                    self->lens, today, &sheet, &style,
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context));
      return;
    }
  if (floor == NULL)
    return;
  sheet.selection = pw_plan_canvas_get_selection (self->canvas);
  cairo_matrix_init_identity (&sheet.background_to_plan);
  pw_plan_draw_page (gtk_print_context_get_cairo_context (context), floor,
                     pw_plan_canvas_get_coloring (self->canvas), &sheet, &style,
                     gtk_print_context_get_width (context), gtk_print_context_get_height (context));
}

static void
print_done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, PwPlansPage *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      toast (self, error != NULL ? error->message : _("Could not print the plan"));
    }
}

void
pw_plans_page_print (PwPlansPage *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkRoot *root;

  g_return_if_fail (PW_IS_PLANS_PAGE (self));

  if (pw_plan_canvas_get_floor (self->canvas) == NULL)
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  title = sheet_title (self);
  gtk_print_operation_set_job_name (operation, title);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  gtk_print_operation_set_allow_async (operation, TRUE);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    toast (self, error->message);
}

static void
zoom_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  PwPlansPage *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  g_autofree char *canvas_action = g_strconcat ("plan.", name, NULL);

  /* the canvas's own action, which its keys are bound to */
  gtk_widget_activate_action (GTK_WIDGET (self->canvas), canvas_action, NULL);
}

static void
print_action_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  pw_plans_page_print (user_data);
}

/* ---- signal handlers ----------------------------------------------------------------------- */

static void
building_selected_cb (PwPlansPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->building_dropdown);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION || (int) selected == self->building)
    return;
  set_building (self, (int) selected);
  set_floor (self, default_floor (self));
}

static void
floor_selected_cb (PwPlansPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->floor_dropdown);

  if (self->updating || selected >= self->floor_nodes->len)
    return;
  set_floor (self, pw_ledger_node_get_id (g_ptr_array_index (self->floor_nodes, selected)));
}

static void
lens_selected_cb (PwPlansPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->lens_dropdown);

  if (selected >= PW_PLAN_N_LENSES || (PwPlanLens) selected == self->lens)
    return;
  self->lens = (PwPlanLens) selected;
  pw_plan_canvas_set_lens (self->canvas, self->lens);
  pw_stacking_plan_set_lens (self->stacking_plan, self->lens);
  update_legend (self);
}

static void
view_toggled_cb (PwPlansPage *self, GtkToggleButton *button)
{
  /* each toggle of the pair reports; act once, on the one turned on */
  if (!gtk_toggle_button_get_active (button))
    return;
  update_view (self);
}

static void
search_activated_cb (PwPlansPage *self, GtkSearchEntry *entry)
{
  pw_plans_page_find (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
canvas_selection_changed_cb (PwPlansPage *self)
{
  update_selection (self);
  pw_plans_page_update_room_actions (self);
}

static void
bar_activated_cb (PwPlansPage *self, guint floor, guint room, PwStackingPlan *plan)
{
  GPtrArray *floors = pw_stacking_plan_get_floors (plan);
  PwPlanFloor *target;
  g_autofree char *space_id = NULL;
  int index;

  if (floors == NULL || floor >= floors->len)
    return;
  target = g_ptr_array_index (floors, floor);
  space_id = g_strdup (pw_plan_floor_get_room (target, room)->space_id);
  pw_plans_page_show_floor (self, pw_plan_floor_get_id (target));
  pw_plans_page_set_stacking (self, FALSE);
  index = pw_plan_floor_find_space (pw_plan_canvas_get_floor (self->canvas), space_id);
  if (index >= 0)
    pw_plan_canvas_reveal (self->canvas, index);
}

static void
area_unit_changed_cb (PwPlansPage *self)
{
  self->square_feet = g_settings_get_enum (self->settings, "area-unit") == 1;
  pw_plan_canvas_set_square_feet (self->canvas, self->square_feet);
  pw_stacking_plan_set_square_feet (self->stacking_plan, self->square_feet);
  update_selection (self);
}

/* ---- public ------------------------------------------------------------------------------ */

GtkWidget *
pw_plans_page_new (void)
{
  return g_object_new (PW_TYPE_PLANS_PAGE, NULL);
}

void
pw_plans_page_set_store (PwPlansPage *self, PwStore *store)
{
  g_return_if_fail (PW_IS_PLANS_PAGE (self));
  g_return_if_fail (store == NULL || PW_IS_STORE (store));

  if (!pw_ui_store_watch_set_store (&self->watch, store))
    return;
  pw_plan_editor_set_store (self->editor, store);
  pw_plan_backdrop_set_store (self->backdrop, store);
  g_clear_pointer (&self->floor_id, g_free);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->loaded = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

PwStore *
pw_plans_page_get_store (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  return self->watch.store;
}

void
pw_plans_page_set_park_id (PwPlansPage *self, const char *park_id)
{
  g_return_if_fail (PW_IS_PLANS_PAGE (self));

  if (park_id == NULL || g_strcmp0 (park_id, self->park_id) == 0)
    return;
  g_free (self->park_id);
  self->park_id = g_strdup (park_id);
  g_clear_pointer (&self->floor_id, g_free);
  if (self->loaded && gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    self->loaded = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARK_ID]);
}

PwPlanCanvas *
pw_plans_page_get_canvas (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  return self->canvas;
}

PwStackingPlan *
pw_plans_page_get_stacking_plan (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  return self->stacking_plan;
}

const char *
pw_plans_page_get_floor_id (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  return self->floor_id;
}

void
pw_plans_page_set_lens (PwPlansPage *self, PwPlanLens lens)
{
  g_return_if_fail (PW_IS_PLANS_PAGE (self));
  g_return_if_fail (lens < PW_PLAN_N_LENSES);

  gtk_drop_down_set_selected (self->lens_dropdown, lens);
}

void
pw_plans_page_set_stacking (PwPlansPage *self, gboolean stacking)
{
  g_return_if_fail (PW_IS_PLANS_PAGE (self));

  gtk_toggle_button_set_active (stacking ? self->stacking_button : self->floor_plan_button, TRUE);
}

gboolean
pw_plans_page_get_stacking (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), FALSE);

  return gtk_toggle_button_get_active (self->stacking_button);
}

GStrv
pw_plans_page_get_selected_space_ids (PwPlansPage *self)
{
  PwPlanFloor *floor;
  GArray *selection;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  floor = pw_plan_canvas_get_floor (self->canvas);
  selection = pw_plan_canvas_get_selection (self->canvas);
  for (guint k = 0; floor != NULL && k < selection->len; k++)
    g_strv_builder_add (ids, pw_plan_floor_get_room (floor, g_array_index (selection, guint, k))->space_id);
  return g_strv_builder_end (ids);
}

const char *
pw_plans_page_get_selection_text (PwPlansPage *self)
{
  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  return gtk_label_get_text (self->selection_label);
}

GStrv
pw_plans_page_get_legend_labels (PwPlansPage *self)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();

  g_return_val_if_fail (PW_IS_PLANS_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->legend_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      PwPlanClass *cls = g_object_get_data (G_OBJECT (row), "pw-legend-class");

      if (cls != NULL)
        g_strv_builder_add (labels, cls->label);
    }
  return g_strv_builder_end (labels);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
pw_plans_page_map (GtkWidget *widget)
{
  PwPlansPage *self = PW_PLANS_PAGE (widget);

  GTK_WIDGET_CLASS (pw_plans_page_parent_class)->map (widget);
  /* the first time the page is shown, or after the store changed while hidden */
  if (!self->loaded)
    load (self);
}

static void
pw_plans_page_dispose (GObject *object)
{
  PwPlansPage *self = PW_PLANS_PAGE (object);
  GtkWidget *child;

  pw_ui_store_watch_clear (&self->watch);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  /* the editor lets go of the canvas before the canvas goes */
  g_clear_object (&self->editor);
  g_clear_object (&self->backdrop);
  gtk_widget_dispose_template (GTK_WIDGET (self), PW_TYPE_PLANS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->spaces, g_ptr_array_unref);
  g_clear_pointer (&self->buildings, g_ptr_array_unref);
  g_clear_pointer (&self->floor_nodes, g_ptr_array_unref);
  g_clear_pointer (&self->floors, g_hash_table_unref);
  G_OBJECT_CLASS (pw_plans_page_parent_class)->dispose (object);
}

static void
pw_plans_page_finalize (GObject *object)
{
  PwPlansPage *self = PW_PLANS_PAGE (object);

  g_free (self->park_id);
  g_free (self->park_name);
  g_free (self->floor_id);
  g_free (self->selection_text);
  G_OBJECT_CLASS (pw_plans_page_parent_class)->finalize (object);
}

static void
pw_plans_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwPlansPage *self = PW_PLANS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->watch.store);
      break;

    case PROP_PARK_ID:
      g_value_set_string (value, self->park_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_plans_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  PwPlansPage *self = PW_PLANS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      pw_plans_page_set_store (self, g_value_get_object (value));
      break;

    case PROP_PARK_ID:
      pw_plans_page_set_park_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_plans_page_page_init (PwPageInterface *iface)
{
  iface->focus_search = pw_plans_page_focus_search_impl;
}

static void
pw_plans_page_class_init (PwPlansPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_plans_page_dispose;
  object_class->finalize = pw_plans_page_finalize;
  object_class->get_property = pw_plans_page_get_property;
  object_class->set_property = pw_plans_page_set_property;
  widget_class->map = pw_plans_page_map;

  /* PwPage:store and PwPage:park-id; setting park-id to NULL keeps the park
   * shown (the last one opened, or the first) */
  g_object_class_override_property (object_class, PROP_STORE, "store");
  g_object_class_override_property (object_class, PROP_PARK_ID, "park-id");
  properties[PROP_STORE] = g_object_class_find_property (object_class, "store");
  properties[PROP_PARK_ID] = g_object_class_find_property (object_class, "park-id");

  g_type_ensure (PW_TYPE_PLAN_CANVAS);
  g_type_ensure (PW_TYPE_WRAP_BOX);
  g_type_ensure (PW_TYPE_STACKING_PLAN);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planspage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/parkwise/Parkwise/pw-plans-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, building_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, floor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, lens_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, floor_plan_button);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, stacking_button);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, canvas);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, canvas_overlay);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, stacking_plan);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, legend_title);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, legend_list);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, export_selection_button);
  gtk_widget_class_bind_template_child (widget_class, PwPlansPage, lease_selection_button);
  gtk_widget_class_bind_template_callback (widget_class, building_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, floor_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, lens_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activated_cb);
}

static void
pw_plans_page_init (PwPlansPage *self)
{
  static const GActionEntry entries[] = {
    { "print", print_action_cb, NULL, NULL, NULL, { 0 } },
    { "zoom-in", zoom_action_cb, NULL, NULL, NULL, { 0 } },
    { "zoom-out", zoom_action_cb, NULL, NULL, NULL, { 0 } },
    { "zoom-fit", zoom_action_cb, NULL, NULL, NULL, { 0 } },
    { "export-image", export_image_action_cb, NULL, NULL, NULL, { 0 } },
    { "export-selection", export_selection_action_cb, NULL, NULL, NULL, { 0 } },
    { "lease-selection", lease_selection_action_cb, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GtkStringList) lenses = gtk_string_list_new (NULL);

  self->building = -1;
  self->lens = PW_PLAN_LENS_STATUS;
  self->buildings = g_ptr_array_new_with_free_func (g_object_unref);
  self->floor_nodes = g_ptr_array_new_with_free_func (g_object_unref);
  self->floors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) pw_plan_floor_unref);
  pw_ui_store_watch_init (&self->watch, reload_cb, self);

  /* the page's actions; the selection is what later actions (leasing) will act on */
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "plan", G_ACTION_GROUP (self->actions));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "lease-selection")), FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* long building and floor names are cut short on a narrow window */
  pw_ui_drop_down_compact (self->building_dropdown);
  pw_ui_drop_down_compact (self->floor_dropdown);
  pw_ui_drop_down_compact (self->lens_dropdown);

  for (int lens = 0; lens < PW_PLAN_N_LENSES; lens++)
    gtk_string_list_append (lenses, pw_plan_lens_get_label (lens));
  gtk_drop_down_set_model (self->lens_dropdown, G_LIST_MODEL (lenses));
  gtk_drop_down_set_selected (self->lens_dropdown, self->lens);

  adw_status_page_set_description (self->empty_page,
    _("None of this floor’s spaces has an outline. Bring the floor’s drawing, BIM model or "
      "indoor map in with Import Drawing… in the main menu, or add outlines in the “outline” "
      "column of a spaces CSV file and use Import CSV…."));

  pw_ui_set_accessible_name (GTK_WIDGET (self->search_entry), _("Find a space or tenant"));

  self->settings = g_settings_new (APP_ID);
  self->square_feet = g_settings_get_enum (self->settings, "area-unit") == 1;
  pw_plan_canvas_set_square_feet (self->canvas, self->square_feet);
  pw_stacking_plan_set_square_feet (self->stacking_plan, self->square_feet);
  g_signal_connect_swapped (self->settings, "changed::area-unit",
                            G_CALLBACK (area_unit_changed_cb), self);
  g_signal_connect_swapped (self->canvas, "selection-changed",
                            G_CALLBACK (canvas_selection_changed_cb), self);
  g_signal_connect_swapped (self->stacking_plan, "bar-activated", G_CALLBACK (bar_activated_cb), self);
  pw_plans_page_init_rooms (self);

  update_view (self);
}
