/* test-plan-import-dialog.c — the drawing import preview: scale first, then the
 * mapping, then one write
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "app-test-util.h"
#include "pw-plan-import-dialog.h"

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
  g_assert_false (gtk_widget_get_visible (scale_group));
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

int
main (int argc, char **argv)
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add_func ("/plan-import-dialog/preview-and-import", test_preview_and_import);
  return app_test_run (scratch);
}
