/* test-drawing-dialog.c — a floor's drawing placed again from the Recalibrate
 * Drawing dialog: two points typed or clicked and their distance
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display (Xvfb in CI) and fails, rather than skips, without one. */
#include "config.h"

#include <math.h>

#include "app-test-util.h"
#include "pw-drawing-dialog.h"
#include "pw-plan-drawing.h"
#include "pw-plan-floor.h"
#include "pw-plans-page.h"
#include "pw-window.h"

typedef struct {
  char        *tmpdir;
  PwStore     *store;
  char        *floor_id;
  PwPlanFloor *floor;
} Fixture;

static char *
text_of (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) m = pw_mutation_new_insert ("floor_drawing", NULL);
  g_autofree char *park_id = NULL, *sql = NULL, *ref = NULL;

  f->store = app_test_open_demo_ledger ("parkwise-test-drawing-XXXXXX", &f->tmpdir);
  f->floor_id = text_of (f->store, "SELECT floor_id FROM space WHERE outline IS NOT NULL"
                                   " ORDER BY floor_id LIMIT 1");
  sql = g_strdup_printf ("SELECT park_id FROM floor WHERE id = '%s'", f->floor_id);
  park_id = text_of (f->store, sql);
  pw_mutation_set_string (m, "park_id", park_id);
  pw_mutation_set_string (m, "floor_id", f->floor_id);
  pw_mutation_set_string (m, "content",
                          "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1000 800'>"
                          "<rect x='10' y='10' width='980' height='780' fill='none' stroke='black'/></svg>");
  pw_mutation_set_string (m, "transform", "[0.05, 0, 0, 0.05, 0, 0]");
  g_assert_true (pw_store_apply (f->store, m, &error));
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT b.code || '-' || f.code FROM floor f JOIN building b ON b.id = f.building_id"
                         " WHERE f.id = '%s'", f->floor_id);
  ref = text_of (f->store, sql);
  f->floor = pw_plan_floor_load (f->store, park_id, ref, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pw_plan_floor_get_drawing (f->floor, NULL));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->floor, pw_plan_floor_unref);
  g_clear_object (&f->store);
  g_free (f->floor_id);
  app_test_remove_tmpdir (&f->tmpdir);
}

static GtkWidget *
find_type (GtkWidget *root, GType type, guint nth)
{
  guint seen = 0;
  GtkWidget *stack[256];
  guint n = 0;

  stack[n++] = root;
  while (n > 0)
    {
      GtkWidget *w = stack[--n];

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && seen++ == nth)
        return w;
      for (GtkWidget *c = gtk_widget_get_last_child (w); c != NULL && n < G_N_ELEMENTS (stack);
           c = gtk_widget_get_prev_sibling (c))
        stack[n++] = c;
    }
  return NULL;
}

static void
recalibrated_cb (PwDrawingDialog *dialog, gboolean *done)
{
  *done = TRUE;
}

/* Points typed as "X, Y", a distance, then Recalibrate: the drawing is scaled
 * about the first point; a click sets a point and writes its field. */
static void
test_recalibrate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwDrawingDialog *dialog = pw_drawing_dialog_new (NULL, f->store, f->floor);
  GtkWidget *first, *second;
  gboolean done = FALSE;
  cairo_matrix_t m;
  double x = 400, y = 0;

  g_signal_connect (dialog, "recalibrated", G_CALLBACK (recalibrated_cb), &done);
  gtk_window_present (GTK_WINDOW (dialog));
  first = find_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0);
  second = find_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 1);
  g_assert_nonnull (first);
  g_assert_nonnull (second);

  /* nothing to write without both points */
  g_assert_false (pw_drawing_dialog_apply (dialog, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* a point set as a click does writes its field */
  pw_drawing_dialog_set_point (dialog, 0, 12.5, 7);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (first)), ==, "12.50, 7.00");

  /* typed: (200, 100) and (600, 100) are 400 units, 20 m now; make them 30 m */
  gtk_editable_set_text (GTK_EDITABLE (first), "200, 100");
  gtk_editable_set_text (GTK_EDITABLE (second), "not a point");
  g_assert_false (pw_drawing_dialog_apply (dialog, &error));
  g_clear_error (&error);
  gtk_editable_set_text (GTK_EDITABLE (second), "600, 100");
  pw_drawing_dialog_set_distance (dialog, 30);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (pw_drawing_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  g_assert_true (done);
  g_assert_null (dialog);

  g_assert_true (pw_plan_drawing_get_transform (f->store, f->floor_id, &m, &error));
  g_assert_no_error (error);
  /* the first point stays at (10, 5) m; the origin moves away from it */
  cairo_matrix_transform_point (&m, &x, &y);
  g_assert_cmpfloat_with_epsilon (m.xx, 0.075, 1e-12);
  g_assert_cmpfloat_with_epsilon (x, 10 + (20 - 10) * 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, 5 - 5 * 1.5, 1e-9);
}

static gboolean
page_shows_floor (gpointer fixture, gconstpointer data)
{
  PwPlansPage *page = (PwPlansPage *) data;
  PwPlanCanvas *canvas = pw_plans_page_get_canvas (page);
  Fixture *f = fixture;

  return pw_plans_page_is_loaded (page) && pw_plan_canvas_get_floor (canvas) != NULL
         && g_strcmp0 (pw_plan_floor_get_id (pw_plan_canvas_get_floor (canvas)), f->floor_id) == 0
         && gtk_widget_get_width (GTK_WIDGET (canvas)) > 0;
}

static gboolean
scale_is (gpointer fixture, gconstpointer data)
{
  PwPlanCanvas *canvas = pw_plans_page_get_canvas ((PwPlansPage *) data);
  PwPlanFloor *floor = pw_plan_canvas_get_floor (canvas);
  cairo_matrix_t m;

  return floor != NULL && pw_plan_floor_get_drawing (floor, &m) != NULL && fabs (m.xx - 0.1) < 1e-9;
}

static PwDrawingDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (PW_IS_DRAWING_DIALOG (w))
        return PW_DRAWING_DIALOG (w);
    }
  return NULL;
}

/* The Plans page's Drawing menu: Shift+Ctrl+D's action hides the drawing (a
 * setting), Recalibrate Drawing… places it again, the page shows the new
 * placement, and the toast's Undo puts the old one back. */
static void
test_page_menu (Fixture *f, gconstpointer data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  PwWindow *window = app_test_new_window (f->store);
  AdwViewStack *stack = ADW_VIEW_STACK (app_test_template_child (window, PW_TYPE_WINDOW, "view_stack"));
  PwPlansPage *page = pw_window_get_plans_page (window);
  GtkMenuButton *menu = GTK_MENU_BUTTON (app_test_template_child (page, PW_TYPE_PLANS_PAGE, "menu_button"));
  PwDrawingDialog *dialog;
  GtkWidget *undo;
  cairo_matrix_t m;

  gtk_window_present (GTK_WINDOW (window));
  adw_view_stack_set_visible_child_name (stack, "plans");
  pw_plans_page_ensure_loaded (page);
  g_assert_true (pw_plans_page_show_floor (page, f->floor_id));
  app_test_wait_for (page_shows_floor, f, page, "the plan of the floor with a drawing");
  /* the menu's Drawing section: its opacity slider, and its actions enabled */
  g_assert_nonnull (find_type (GTK_WIDGET (gtk_menu_button_get_popover (menu)), GTK_TYPE_SCALE, 0));
  g_assert_true (gtk_widget_get_sensitive (find_type (GTK_WIDGET (gtk_menu_button_get_popover (menu)),
                                                      GTK_TYPE_SCALE, 0)));

  g_settings_set_boolean (settings, "plan-drawing-visible", TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "drawing.show", NULL));
  g_assert_false (g_settings_get_boolean (settings, "plan-drawing-visible"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "drawing.show", NULL));
  g_assert_true (g_settings_get_boolean (settings, "plan-drawing-visible"));

  /* the drawing's 0.05 m a unit doubled: (0, 0) and (100, 0) are 10 m apart */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "drawing.recalibrate", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  pw_drawing_dialog_set_point (dialog, 0, 0, 0);
  pw_drawing_dialog_set_point (dialog, 1, 100, 0);
  pw_drawing_dialog_set_distance (dialog, 10);
  g_assert_true (pw_drawing_dialog_apply (dialog, &error));
  g_assert_no_error (error);
  app_test_wait_for (scale_is, f, page, "the plan to show the drawing placed again");

  undo = app_test_find_undo_button (GTK_WIDGET (page));
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (pw_plan_drawing_get_transform (f->store, f->floor_id, &m, &error));
  g_assert_cmpfloat_with_epsilon (m.xx, 0.05, 1e-12);
  app_test_destroy_window (&window);
}

int
main (int argc, char **argv)
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/drawing-dialog/recalibrate", Fixture, NULL, fixture_set_up, test_recalibrate,
              fixture_tear_down);
  g_test_add ("/app/drawing-dialog/page-menu", Fixture, NULL, fixture_set_up, test_page_menu,
              fixture_tear_down);
  return app_test_run (scratch);
}
