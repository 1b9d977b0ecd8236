/* test-plan-drawing.c — a floor's drawing placed again by two points and their
 * distance: the drawing moves, the rooms do not
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>

#include "pw-change.h"
#include "pw-demo.h"
#include "pw-ledger.h"
#include "pw-plan-drawing.h"
#include "pw-plan-error.h"

#include "plan-fixture.h"

typedef struct {
  char    *dir;
  PwStore *store;
  char    *floor_id;
  char    *park_id;
} DrawingFixture;

static char *
text_of (PwStore *store, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
drawing_set_up (DrawingFixture *f, gconstpointer data)
{
  f->store = plan_demo_open (&f->dir);
  f->floor_id = text_of (f->store, "SELECT f.id FROM floor f JOIN space s ON s.floor_id = f.id"
                                   " WHERE s.outline IS NOT NULL ORDER BY f.id LIMIT 1");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT park_id FROM floor WHERE id = '%s'", f->floor_id);

    f->park_id = text_of (f->store, sql);
  }
}

static void
drawing_tear_down (DrawingFixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  plan_demo_remove (f->dir);
  g_free (f->floor_id);
  g_free (f->park_id);
}

/* Gives the floor a drawing 1,000 × 800 units placed at 0.02 m a unit, 5 m east. */
static void
add_drawing (DrawingFixture *f)
{
  g_autoptr(PwMutation) m = pw_mutation_new_insert ("floor_drawing", NULL);
  g_autoptr(GError) error = NULL;

  pw_mutation_set_string (m, "park_id", f->park_id);
  pw_mutation_set_string (m, "floor_id", f->floor_id);
  pw_mutation_set_string (m, "content",
                          "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 1000 800'>"
                          "<rect x='10' y='10' width='980' height='780' fill='none' stroke='black'/></svg>");
  pw_mutation_set_string (m, "transform", "[0.02, 0, 0, 0.02, 5, 0]");
  g_assert_true (pw_store_apply (f->store, m, &error));
  g_assert_no_error (error);
}

static void
assert_point (const cairo_matrix_t *m, double x, double y, double want_x, double want_y)
{
  cairo_matrix_transform_point (m, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, want_x, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, want_y, 1e-9);
}

/* Scaled about the first point: it stays on the floor, the second lands at the
 * distance given, along the same line; rotation and the other points follow. */
static void
test_calibrated (void)
{
  g_autoptr(GError) error = NULL;
  cairo_matrix_t m, r;
  PwPoint a = { 100, 100 }, b = { 400, 500 }, same = { 100, 100 }, nan_point = { NAN, 0 };

  cairo_matrix_init (&m, 0.02, 0, 0, 0.02, 5, 0);
  cairo_matrix_rotate (&m, 0.3);
  g_assert_true (pw_plan_drawing_calibrated (&m, &a, &b, 25.0, &r, &error));
  g_assert_no_error (error);
  {
    double ax = a.x, ay = a.y, bx = b.x, by = b.y, ax2 = a.x, ay2 = a.y, bx2 = b.x, by2 = b.y;

    cairo_matrix_transform_point (&m, &ax, &ay);
    cairo_matrix_transform_point (&r, &ax2, &ay2);
    cairo_matrix_transform_point (&m, &bx, &by);
    cairo_matrix_transform_point (&r, &bx2, &by2);
    g_assert_cmpfloat_with_epsilon (ax2, ax, 1e-9);
    g_assert_cmpfloat_with_epsilon (ay2, ay, 1e-9);
    /* |ab| was 500 units × 0.02 = 10 m; now 25 m, in the same direction */
    g_assert_cmpfloat_with_epsilon (hypot (bx2 - ax2, by2 - ay2), 25.0, 1e-9);
    g_assert_cmpfloat_with_epsilon (atan2 (by2 - ay2, bx2 - ax2), atan2 (by - ay, bx - ax), 1e-12);
  }

  g_assert_false (pw_plan_drawing_calibrated (&m, &a, &same, 10.0, &r, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
  g_clear_error (&error);
  g_assert_false (pw_plan_drawing_calibrated (&m, &a, &nan_point, 10.0, &r, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
  g_clear_error (&error);
  for (guint i = 0; i < 4; i++)
    {
      const double bad[] = { 0, -3, 0.001, 1e9 };

      g_assert_false (pw_plan_drawing_calibrated (&m, &a, &b, bad[i], &r, &error));
      g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
      g_clear_error (&error);
    }
}

/* In the store: one change to the drawing's placement, audited and undoable;
 * the rooms keep their outlines; a refusal writes nothing. */
static void
test_recalibrate (DrawingFixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *outlines = NULL, *after = NULL, *sql = NULL;
  PwPoint a = { 0, 0 }, b = { 500, 0 };
  cairo_matrix_t m;
  gint64 audit;

  /* no drawing yet */
  g_assert_false (pw_plan_drawing_recalibrate (f->store, f->floor_id, &a, &b, 5.0, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY);
  g_clear_error (&error);

  add_drawing (f);
  sql = g_strdup_printf ("SELECT group_concat (outline, '|') FROM (SELECT outline FROM space"
                         " WHERE floor_id = '%s' ORDER BY id)", f->floor_id);
  outlines = text_of (f->store, sql);
  audit = pw_store_count (f->store, "audit");

  /* 500 units are 20 m, not 10 m: the drawing doubles about its origin, 5 m east */
  pw_store_record_begin (f->store);
  g_assert_true (pw_plan_drawing_recalibrate (f->store, f->floor_id, &a, &b, 20.0, &error));
  change = pw_store_record_end (f->store);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 1);
  g_assert_true (pw_plan_drawing_get_transform (f->store, f->floor_id, &m, &error));
  g_assert_no_error (error);
  assert_point (&m, 0, 0, 5, 0);
  assert_point (&m, 500, 0, 25, 0);
  assert_point (&m, 0, 800, 5, 32);
  after = text_of (f->store, sql);
  g_assert_cmpstr (after, ==, outlines);

  /* a refusal writes nothing */
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_plan_drawing_recalibrate (f->store, f->floor_id, &a, &b, -1.0, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);

  /* undone from its toast: the placement it had */
  g_assert_true (pw_change_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pw_plan_drawing_get_transform (f->store, f->floor_id, &m, &error));
  assert_point (&m, 500, 0, 15, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan-drawing/calibrated", test_calibrated);
  g_test_add ("/plan-drawing/recalibrate", DrawingFixture, NULL, drawing_set_up, test_recalibrate,
              drawing_tear_down);
  return g_test_run ();
}
