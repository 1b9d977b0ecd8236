/* test-plan-import-dialog.c — the drawing import preview: scale first, then the
 * mapping, then one write
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "pw-plan-import-dialog.h"
#include "pw-plans-page.h"

static PwImportDoc *
unscaled_drawing (void)
{
  PwImportDoc *doc = pw_import_doc_new (PW_IMPORT_FORMAT_SVG, "floor3.svg");
  PwImportLevel *level = pw_import_doc_add_level (doc, "svg", "Floor 3", NAN);
  PwImportRoom *room;

  doc->needs_scale = TRUE;
  room = pw_import_level_add_room (level, "r1");
  room->name = g_strdup ("T1-F03-008");
  pw_import_room_set_polygon (room, pw_polygon_new_rect (0, 0, 200, 250));
  room = pw_import_level_add_room (level, "r2");
  room->name = g_strdup ("Studio");
  pw_import_room_set_polygon (room, pw_polygon_new_rect (300, 0, 100, 100));
  pw_import_doc_warn (doc, "line 7: 12 open paths (walls) were left out");
  return doc;
}

static void
test_preview_and_import (void)
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(PwStore) store = app_test_open_demo_ledger ("plan-import-dialog-XXXXXX", &tmpdir);
  GtkWidget *dialog = pw_plan_import_dialog_new (store, NULL, unscaled_drawing ());
  PwPlanImportDialog *self = PW_PLAN_IMPORT_DIALOG (dialog);
  GtkWidget *import_button = app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "import_button");
  GtkWidget *scale_group = app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "scale_group");
  AdwComboRow *building = ADW_COMBO_ROW (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG,
                                                                  "building_row"));
  GtkLabel *warnings = GTK_LABEL (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG,
                                                           "warnings_label"));
  GListModel *buildings = adw_combo_row_get_model (building);
  gint64 spaces = pw_store_count (store, "space");
  g_autoptr(GError) error = NULL;
  PwPlanLevelPlan *lp;
  guint tower = G_MAXUINT;

  gtk_window_present (GTK_WINDOW (dialog));
  /* no scale yet: nothing to import, and the calibration is offered */
  g_assert_null (pw_plan_import_dialog_get_import (self));
  g_assert_true (gtk_widget_get_visible (scale_group));
  g_assert_false (gtk_widget_get_sensitive (import_button));
  g_assert_nonnull (strstr (gtk_label_get_text (warnings), "open paths"));

  /* 5 cm a unit, onto the tower */
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (buildings), i), "T1 "))
      tower = i;
  g_assert_cmpuint (tower, <, g_list_model_get_n_items (buildings));
  adw_combo_row_set_selected (building, tower);
  g_assert_true (pw_plan_import_dialog_set_scale (self, 0.05));
  /* calibrating again stays possible until the import is written */
  g_assert_true (gtk_widget_get_visible (scale_group));
  g_assert_nonnull (pw_plan_import_dialog_get_import (self));
  g_assert_true (gtk_widget_get_sensitive (import_button));
  lp = pw_plan_import_get_level (pw_plan_import_dialog_get_import (self), 0);
  g_assert_cmpstr (lp->floor_code, ==, "F03");
  g_assert_cmpint (g_array_index (lp->rooms, PwPlanRoomPlan, 0).action, ==, PW_PLAN_ROOM_UPDATE);
  /* 200 × 250 units at 5 cm: 10 m × 12.5 m */
  g_assert_cmpint (g_array_index (lp->rooms, PwPlanRoomPlan, 0).drawn_area, ==, 12500);
  g_assert_cmpint (g_array_index (lp->rooms, PwPlanRoomPlan, 1).action, ==, PW_PLAN_ROOM_CREATE);

  g_assert_true (pw_plan_import_dialog_commit (self, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (store, "space"), ==, spaces + 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  app_test_remove_tmpdir (&tmpdir);
}

/* ---- mapping room by room ---------------------------------------------------------- */

static void
collect (GtkWidget *widget, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* The drop-down of the room shown as @room, or NULL while the table is not drawn. */
static GtkDropDown *
room_dropdown (GtkWidget *dialog, const char *room)
{
  GtkWidget *view = app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "rooms_view");
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (view, GTK_TYPE_DROP_DOWN, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (found->pdata[i]), "pw-room"), room) == 0)
      return found->pdata[i];
  return NULL;
}

static gboolean
has_dropdown (gpointer fixture, gconstpointer data)
{
  return room_dropdown (fixture, data) != NULL;
}

/* Selects the choice of @dropdown whose text starts with @prefix. */
static void
choose (GtkDropDown *dropdown, const char *prefix)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), prefix))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  g_error ("no choice “%s”", prefix);
}

static void
settle (void)
{
  for (int i = 0; i < 50 && g_main_context_iteration (NULL, FALSE); i++)
    ;
  g_usleep (20000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PwPlanRoomPlan *
plan_of (PwPlanImportDialog *self, guint level, guint room)
{
  return &g_array_index (pw_plan_import_get_level (pw_plan_import_dialog_get_import (self), level)->rooms,
                         PwPlanRoomPlan, room);
}

/* Floor 3 of T1 (a room by code, a new one), an annex level T1 lacks, a roof without rooms. */
static PwImportDoc *
mapped_drawing (void)
{
  PwImportDoc *doc = unscaled_drawing ();
  PwImportLevel *annex = pw_import_doc_add_level (doc, "annex", "Annex", NAN);
  PwImportRoom *room;

  pw_import_doc_add_level (doc, "roof", "Roof", NAN);
  room = pw_import_level_add_room (annex, "r3");
  room->name = g_strdup ("Workshop 1");
  pw_import_room_set_polygon (room, pw_polygon_new_rect (0, 0, 100, 80));
  return doc;
}

static void
test_map_rooms (void)
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(PwStore) store = app_test_open_demo_ledger ("plan-import-map-XXXXXX", &tmpdir);
  GtkWidget *dialog = pw_plan_import_dialog_new (store, NULL, mapped_drawing ());
  PwPlanImportDialog *self = PW_PLAN_IMPORT_DIALOG (dialog);
  AdwComboRow *building = ADW_COMBO_ROW (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG,
                                                                  "building_row"));
  GtkWidget *empty_row = app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "empty_levels_row");
  GtkCheckButton *empty = GTK_CHECK_BUTTON (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG,
                                                                     "empty_levels_check"));
  AdwComboRow *all = ADW_COMBO_ROW (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "all_row"));
  GtkWidget *apply_all = app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "apply_all_button");
  GtkWidget *levels = app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "levels_group");
  GtkLabel *summary = GTK_LABEL (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG,
                                                          "summary_label"));
  GListModel *buildings = adw_combo_row_get_model (building);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(PwSpace) s008 = NULL;
  gint64 spaces = pw_store_count (store, "space"), floors = pw_store_count (store, "floor");
  g_autoptr(GError) error = NULL;
  guint c, u, s;

  gtk_window_present (GTK_WINDOW (dialog));
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (buildings), i), "T1 "))
      adw_combo_row_set_selected (building, i);
  g_assert_true (pw_plan_import_dialog_set_scale (self, 0.05));
  g_assert_true (gtk_widget_get_visible (empty_row));
  /* the roof is left out, and the summary says so */
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "Roof"));
  g_assert_cmpuint (pw_plan_import_count_new_floors (pw_plan_import_dialog_get_import (self)), ==, 1);

  /* the studio becomes storage, the room drawn as T1-F03-008 is left out */
  app_test_wait_for (has_dropdown, dialog, "Studio", "the rooms' drop-downs");
  g_assert_cmpint (plan_of (self, 0, 1)->action, ==, PW_PLAN_ROOM_CREATE);
  choose (room_dropdown (dialog, "Studio"), "New space: Storage");
  settle ();
  g_assert_cmpint (plan_of (self, 0, 1)->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_cmpint (plan_of (self, 0, 1)->kind, ==, PW_SPACE_KIND_STORAGE);
  app_test_wait_for (has_dropdown, dialog, "T1-F03-008", "the drop-down of T1-F03-008");
  g_assert_cmpuint (gtk_drop_down_get_selected (room_dropdown (dialog, "T1-F03-008")), >, 0);
  choose (room_dropdown (dialog, "T1-F03-008"), "Leave out");
  settle ();
  g_assert_cmpint (plan_of (self, 0, 0)->action, ==, PW_PLAN_ROOM_SKIP);
  /* the table shows it after the refresh */
  app_test_wait_for (has_dropdown, dialog, "T1-F03-008", "the drop-down of T1-F03-008");
  g_assert_cmpuint (gtk_drop_down_get_selected (room_dropdown (dialog, "T1-F03-008")), ==, 0);

  /* calibrating again keeps what was chosen, and scales the outlines */
  g_assert_true (pw_plan_import_dialog_set_scale (self, 0.1));
  g_assert_cmpint (plan_of (self, 0, 1)->kind, ==, PW_SPACE_KIND_STORAGE);
  g_assert_cmpint (plan_of (self, 0, 0)->action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_cmpint (plan_of (self, 0, 1)->drawn_area, ==, 10000);   /* 100 units at 10 cm, squared */

  /* every room left out, then back to the suggestions, then the choices again */
  adw_combo_row_set_selected (all, 1);
  g_signal_emit_by_name (apply_all, "clicked");
  settle ();
  pw_plan_import_count (pw_plan_import_dialog_get_import (self), &c, &u, &s);
  g_assert_cmpuint (c + u, ==, 0);
  adw_combo_row_set_selected (all, 0);
  g_signal_emit_by_name (apply_all, "clicked");
  settle ();
  g_assert_cmpint (plan_of (self, 0, 0)->action, ==, PW_PLAN_ROOM_UPDATE);
  app_test_wait_for (has_dropdown, dialog, "Studio", "the rooms' drop-downs");
  choose (room_dropdown (dialog, "Studio"), "New space: Storage");
  settle ();
  app_test_wait_for (has_dropdown, dialog, "T1-F03-008", "the drop-down of T1-F03-008");
  choose (room_dropdown (dialog, "T1-F03-008"), "Leave out");
  settle ();

  /* the roof as well, and the annex's new floor named */
  gtk_check_button_set_active (empty, TRUE);
  settle ();
  g_assert_cmpuint (pw_plan_import_count_new_floors (pw_plan_import_dialog_get_import (self)), ==, 2);
  collect (levels, ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 3);   /* floor 3, annex and roof */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "Annex workshops");
  g_signal_emit_by_name (entries->pdata[1], "apply");
  settle ();
  g_assert_cmpstr (pw_plan_import_get_level (pw_plan_import_dialog_get_import (self), 1)->floor_name,
                   ==, "Annex workshops");
  g_assert_null (strstr (gtk_label_get_text (summary), "renamed"));

  /* the existing floor 3 renamed, as the summary says */
  g_ptr_array_set_size (entries, 0);
  collect (levels, ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entries->pdata[0])), ==,
                   pw_plan_import_get_level (pw_plan_import_dialog_get_import (self), 0)->floor_name);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Third floor");
  g_signal_emit_by_name (entries->pdata[0], "apply");
  settle ();
  g_assert_true (pw_plan_import_renames_floor (pw_plan_import_dialog_get_import (self), 0));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "F03 to “Third floor”"));

  s008 = NULL;
  {
    g_autoptr(GPtrArray) all_spaces = pw_ledger_load_spaces (store, NULL, NULL);

    for (guint i = 0; i < all_spaces->len; i++)
      if (g_str_equal (pw_space_get_code (all_spaces->pdata[i]), "T1-F03-008"))
        s008 = g_object_ref (all_spaces->pdata[i]);
  }
  g_assert_true (pw_plan_import_dialog_commit (self, &error));
  g_assert_no_error (error);

  /* the ledger: the studio and the workshop are new, T1-F03-008 untouched, two floors more */
  g_assert_cmpint (pw_store_count (store, "space"), ==, spaces + 2);
  g_assert_cmpint (pw_store_count (store, "floor"), ==, floors + 2);
  {
    g_autoptr(GPtrArray) all_spaces = pw_ledger_load_spaces (store, NULL, NULL);
    gboolean studio = FALSE;

    for (guint i = 0; i < all_spaces->len; i++)
      {
        PwSpace *space = all_spaces->pdata[i];

        if (g_str_equal (pw_space_get_name (space), "Studio"))
          {
            g_assert_cmpint (pw_space_get_kind (space), ==, PW_SPACE_KIND_STORAGE);
            g_assert_cmpint (pw_space_get_internal_area (space), ==, 10000);
            studio = TRUE;
          }
        if (g_str_equal (pw_space_get_code (space), "T1-F03-008"))
          {
            g_assert_cmpint (pw_space_get_version (space), ==, pw_space_get_version (s008));
            g_assert_cmpstr (pw_space_get_outline (space), ==, pw_space_get_outline (s008));
          }
      }
    g_assert_true (studio);
  }
  g_assert_nonnull (pw_plan_import_get_imported_floor (pw_plan_import_dialog_get_import (self)));
  {
    g_autoptr(JsonObject) floor = pw_store_get_row (store, "floor",
                                                    pw_space_get_floor_id (s008), NULL);

    g_assert_cmpstr (json_object_get_string_member (floor, "name"), ==, "Third floor");
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  app_test_remove_tmpdir (&tmpdir);
}

/* ---- two rooms with one id ------------------------------------------------------------------ */

static void
test_shared_ids (void)
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(PwStore) store = app_test_open_demo_ledger ("plan-import-ids-XXXXXX", &tmpdir);
  PwImportDoc *doc = pw_import_doc_new (PW_IMPORT_FORMAT_SVG, "floor3.svg");
  PwImportLevel *level = pw_import_doc_add_level (doc, "svg", "Floor 3", NAN);
  PwImportRoom *room;
  GtkWidget *dialog;
  PwPlanImportDialog *self;
  AdwComboRow *building;
  GtkLabel *warnings;
  GListModel *buildings;

  doc->needs_scale = TRUE;
  room = pw_import_level_add_room (level, "dup");
  room->name = g_strdup ("Kitchen");
  room->place = g_strdup ("floor3.svg:7: <rect id=\"dup\">");
  pw_import_room_set_polygon (room, pw_polygon_new_rect (3000, 3000, 100, 100));
  room = pw_import_level_add_room (level, "dup");
  room->name = g_strdup ("Pantry");
  room->place = g_strdup ("floor3.svg:9: <rect id=\"dup\">");
  pw_import_room_set_polygon (room, pw_polygon_new_rect (3200, 3000, 60, 100));
  pw_import_doc_warn_shared_ids (doc);
  dialog = pw_plan_import_dialog_new (store, NULL, doc);
  self = PW_PLAN_IMPORT_DIALOG (dialog);
  building = ADW_COMBO_ROW (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "building_row"));
  warnings = GTK_LABEL (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "warnings_label"));
  buildings = adw_combo_row_get_model (building);
  gtk_window_present (GTK_WINDOW (dialog));

  /* the preview names the id and both rooms' lines */
  g_assert_nonnull (strstr (gtk_label_get_text (warnings), "“dup”"));
  g_assert_nonnull (strstr (gtk_label_get_text (warnings), "floor3.svg:7:"));
  g_assert_nonnull (strstr (gtk_label_get_text (warnings), "floor3.svg:9:"));

  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (buildings), i), "T1 "))
      adw_combo_row_set_selected (building, i);
  g_assert_true (pw_plan_import_dialog_set_scale (self, 0.05));

  /* each mapped on its own from its row */
  app_test_wait_for (has_dropdown, dialog, "Pantry", "the rooms' drop-downs");
  choose (room_dropdown (dialog, "Pantry"), "New space: Storage");
  settle ();
  app_test_wait_for (has_dropdown, dialog, "Kitchen", "the drop-down of the kitchen");
  choose (room_dropdown (dialog, "Kitchen"), "Leave out");
  settle ();
  g_assert_cmpint (plan_of (self, 0, 0)->action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_cmpint (plan_of (self, 0, 1)->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_cmpint (plan_of (self, 0, 1)->kind, ==, PW_SPACE_KIND_STORAGE);

  /* calibrated again, the mapping is made anew and each keeps its choice */
  g_assert_true (pw_plan_import_dialog_set_scale (self, 0.1));
  g_assert_cmpint (plan_of (self, 0, 0)->action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_cmpint (plan_of (self, 0, 1)->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_cmpint (plan_of (self, 0, 1)->kind, ==, PW_SPACE_KIND_STORAGE);

  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&store);
  app_test_remove_tmpdir (&tmpdir);
}

/* ---- after the import, the plan shows the floor imported ---------------------------------------- */

typedef struct
{
  PwWindow   *window;
  const char *floor_id;
} ShowFloor;

static gboolean
shows_floor (gpointer fixture, gconstpointer data)
{
  ShowFloor *show = fixture;
  AdwViewStack *stack = ADW_VIEW_STACK (app_test_template_child (show->window, PW_TYPE_WINDOW,
                                                                 "view_stack"));
  PwPlansPage *page = pw_window_get_plans_page (show->window);

  return adw_view_stack_get_visible_child (stack) == GTK_WIDGET (page)
         && g_strcmp0 (pw_plans_page_get_floor_id (page), show->floor_id) == 0;
}

static char *
floor_named (PwStore *store, const char *name)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (store, NULL);

  for (guint p = 0; p < g_list_model_get_n_items (parks); p++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, p);
      GListModel *buildings = pw_ledger_node_get_children (park);

      for (guint b = 0; b < g_list_model_get_n_items (buildings); b++)
        {
          g_autoptr(PwLedgerNode) building = g_list_model_get_item (buildings, b);
          GListModel *floors = pw_ledger_node_get_children (building);

          for (guint f = 0; f < g_list_model_get_n_items (floors); f++)
            {
              g_autoptr(PwLedgerNode) floor = g_list_model_get_item (floors, f);

              if (g_strcmp0 (pw_ledger_node_get_name (floor), name) == 0)
                return g_strdup (pw_ledger_node_get_id (floor));
            }
        }
    }
  return NULL;
}

static void
test_opens_imported_floor (void)
{
  g_autofree char *tmpdir = NULL;
  g_autoptr(PwStore) store = app_test_open_demo_ledger ("plan-import-floor-XXXXXX", &tmpdir);
  PwWindow *window = app_test_new_window (store);
  PwImportDoc *doc = pw_import_doc_new (PW_IMPORT_FORMAT_IFC, "annex.ifc");
  PwImportLevel *level = pw_import_doc_add_level (doc, "a1", "Annex", 0);
  PwImportRoom *room = pw_import_level_add_room (level, "r1");
  GtkWidget *dialog;
  AdwComboRow *building;
  GListModel *buildings;
  g_autofree char *floor_id = NULL;
  ShowFloor show = { window, NULL };

  room->name = g_strdup ("Annex office");
  pw_import_room_set_polygon (room, pw_polygon_new_rect (0, 0, 6, 5));
  gtk_window_present (GTK_WINDOW (window));
  dialog = pw_plan_import_dialog_new (store, NULL, doc);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (dialog));
  building = ADW_COMBO_ROW (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "building_row"));
  buildings = adw_combo_row_get_model (building);
  for (guint i = 0; i < g_list_model_get_n_items (buildings); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (buildings), i), "T1 "))
      adw_combo_row_set_selected (building, i);
  g_assert_null (floor_named (store, "Annex"));
  g_signal_emit_by_name (app_test_template_child (dialog, PW_TYPE_PLAN_IMPORT_DIALOG, "import_button"),
                         "clicked");
  floor_id = floor_named (store, "Annex");
  g_assert_nonnull (floor_id);
  show.floor_id = floor_id;
  app_test_wait_for (shows_floor, &show, NULL, "the Plans page on the imported floor");
  app_test_destroy_window (&window);
  g_clear_object (&store);
  app_test_remove_tmpdir (&tmpdir);
}

int
main (int argc, char **argv)
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add_func ("/plan-import-dialog/preview-and-import", test_preview_and_import);
  g_test_add_func ("/plan-import-dialog/map-rooms", test_map_rooms);
  g_test_add_func ("/plan-import-dialog/shared-ids", test_shared_ids);
  g_test_add_func ("/plan-import-dialog/opens-imported-floor", test_opens_imported_floor);
  return app_test_run (scratch);
}
