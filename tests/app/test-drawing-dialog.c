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

int
main (int argc, char **argv)
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/app/drawing-dialog/recalibrate", Fixture, NULL, fixture_set_up, test_recalibrate,
              fixture_tear_down);
  return app_test_run (scratch);
}
