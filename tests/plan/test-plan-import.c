/* test-plan-import.c — mapping a drawing onto the ledger and writing it in one transaction
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "pw-plan-floor.h"
#include "pw-plan-import.h"
#include "pw-plan-render.h"

#include "plan-fixture.h"

/* A drawing of T1's third floor (by the floor's name) and of a floor T1 lacks. */
static PwImportDoc *
drawing (void)
{
  PwImportDoc *doc = pw_import_doc_new (PW_IMPORT_FORMAT_IFC, "tower.ifc");
  PwImportLevel *level = pw_import_doc_add_level (doc, "s3", "Floor 3", 9.0);
  PwImportLevel *roof = pw_import_doc_add_level (doc, "s9", "Roof Lab", 30.0);
  PwImportRoom *room;
  const PwPoint bowtie[] = { { 0, 0 }, { 4, 4 }, { 4, 0 }, { 0, 4 } };

  add_rect (level, "a", "T1-F03-008", 0, 0, 10, 12.5);     /* by code */
  add_rect (level, "b", "009", 10, 0, 8, 12);              /* by the code's last part */
  room = add_rect (level, "c", "Meeting", 40, 40, 5, 4);   /* nothing like it: new */
  room->long_name = g_strdup ("Meeting room");
  pw_import_level_add_room (level, "d");                   /* no outline */
  room = pw_import_level_add_room (level, "e");            /* crosses itself */
  pw_import_room_set_polygon (room, pw_polygon_new (bowtie, G_N_ELEMENTS (bowtie)));
  add_rect (roof, "f", "Clean room", 0, 0, 20, 10);
  room = add_rect (roof, "g", "Stair 2", 20, 0, 3, 6);
  room->category = g_strdup ("stairs");
  return doc;
}

static void
test_plan (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportDoc) doc = drawing ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwSpace) s008 = space_by_code (f->store, "T1-F03-008");
  PwPlanLevelPlan *lp;
  PwPlanRoomPlan *rp;
  guint n_create, n_update, n_skip;

  g_assert_no_error (error);
  g_assert_cmpuint (pw_plan_import_get_n_levels (import), ==, 2);
  lp = pw_plan_import_get_level (import, 0);
  g_assert_nonnull (lp->floor_id);
  g_assert_cmpstr (lp->floor_code, ==, "F03");
  rp = &g_array_index (lp->rooms, PwPlanRoomPlan, 0);
  g_assert_cmpint (rp->action, ==, PW_PLAN_ROOM_UPDATE);
  g_assert_cmpstr (rp->space_id, ==, pw_space_get_id (s008));
  g_assert_cmpint (rp->drawn_area, ==, 12500);
  g_assert_cmpint (rp->recorded_area, ==, pw_space_get_internal_area (s008));
  rp = &g_array_index (lp->rooms, PwPlanRoomPlan, 1);
  g_assert_cmpint (rp->action, ==, PW_PLAN_ROOM_UPDATE);
  g_assert_cmpstr (rp->code, ==, "T1-F03-009");
  rp = &g_array_index (lp->rooms, PwPlanRoomPlan, 2);
  g_assert_cmpint (rp->action, ==, PW_PLAN_ROOM_CREATE);
  /* the next number the park's pattern leaves free on that floor */
  g_assert_true (g_str_has_prefix (rp->code, "T1-F03-"));
  g_assert_null (space_by_code (f->store, rp->code));
  g_assert_cmpint (rp->kind, ==, PW_SPACE_KIND_OFFICE);
  g_assert_cmpint (g_array_index (lp->rooms, PwPlanRoomPlan, 3).action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_cmpint (g_array_index (lp->rooms, PwPlanRoomPlan, 4).action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_nonnull (g_array_index (lp->rooms, PwPlanRoomPlan, 4).reason);

  /* a level with no such floor gets a new one above the building's floors */
  lp = pw_plan_import_get_level (import, 1);
  g_assert_null (lp->floor_id);
  g_assert_cmpstr (lp->floor_name, ==, "Roof Lab");
  g_assert_cmpint (g_array_index (lp->rooms, PwPlanRoomPlan, 1).kind, ==, PW_SPACE_KIND_COMMON_AREA);

  pw_plan_import_count (import, &n_create, &n_update, &n_skip);
  g_assert_cmpuint (n_create, ==, 3);
  g_assert_cmpuint (n_update, ==, 2);
  g_assert_cmpuint (n_skip, ==, 2);

  /* two levels cannot go to one floor */
  g_assert_false (pw_plan_import_set_floor (import, 1, pw_plan_import_get_level (import, 0)->floor_id,
                                            &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

static void
test_apply (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportDoc) doc = drawing ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwSpace) before = space_by_code (f->store, "T1-F03-008");
  g_autoptr(PwSpace) after = NULL;
  g_autoptr(PwSpace) created = NULL;
  g_autoptr(PwPolygon) outline = NULL;
  gint64 spaces = pw_store_count (f->store, "space"), floors = pw_store_count (f->store, "floor");
  gint64 outbox = pw_store_count (f->store, "outbox");
  g_autofree char *new_code = NULL;

  g_assert_no_error (error);
  new_code = g_strdup (g_array_index (pw_plan_import_get_level (import, 0)->rooms, PwPlanRoomPlan, 2).code);
  g_assert_true (pw_plan_import_apply (import, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + 3);
  g_assert_cmpint (pw_store_count (f->store, "floor"), ==, floors + 1);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), >, outbox);

  /* the outline changed; the recorded areas did not (update-areas was off) */
  after = space_by_code (f->store, "T1-F03-008");
  outline = pw_polygon_new_from_json (pw_space_get_outline (after), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_polygon_area_centi (outline), ==, 12500);
  g_assert_cmpint (pw_space_get_internal_area (after), ==, pw_space_get_internal_area (before));
  g_assert_cmpint (pw_space_get_version (after), ==, pw_space_get_version (before) + 1);

  created = space_by_code (f->store, new_code);
  g_assert_nonnull (created);
  g_assert_cmpstr (pw_space_get_name (created), ==, "Meeting room");
  g_assert_cmpint (pw_space_get_internal_area (created), ==, 2000);
  g_assert_cmpint (pw_space_get_status (created), ==, PW_SPACE_STATUS_AVAILABLE);

  /* and the plan of that floor draws it */
  {
    g_autoptr(PwPlanFloor) floor = pw_plan_floor_load (f->store, NULL, "T1-F03", &error);

    g_assert_no_error (error);
    g_assert_cmpint (pw_plan_floor_find_code (floor, new_code), >=, 0);
  }
}

/* A space changed between preview and import: nothing at all is written. */
static void
test_apply_is_atomic (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportDoc) doc = drawing ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwSpace) s009 = space_by_code (f->store, "T1-F03-009");
  g_autoptr(JsonObject) fields = json_object_new ();
  gint64 spaces, floors, audit;
  g_autoptr(PwSpace) s008 = space_by_code (f->store, "T1-F03-008");
  g_autoptr(PwSpace) again = NULL;

  g_assert_no_error (error);
  json_object_set_string_member (fields, "notes", "changed by someone else");
  g_assert_true (pw_ledger_update_space (f->store, pw_space_get_id (s009), pw_space_get_version (s009),
                                         fields, &error));
  spaces = pw_store_count (f->store, "space");
  floors = pw_store_count (f->store, "floor");
  audit = pw_store_count (f->store, "audit");

  g_assert_false (pw_plan_import_apply (import, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces);
  g_assert_cmpint (pw_store_count (f->store, "floor"), ==, floors);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  again = space_by_code (f->store, "T1-F03-008");
  g_assert_cmpstr (pw_space_get_outline (again), ==, pw_space_get_outline (s008));
}

/* An SVG comes with its drawing: the floor keeps it as a backdrop, placed by the scale. */
static void
test_drawing (Fixture *f, gconstpointer data)
{
  static const char svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' viewBox='10 20 400 300'>"
    "<rect x='10' y='20' width='400' height='300' fill='#000'/></svg>";
  g_autoptr(PwImportDoc) doc = pw_import_doc_new (PW_IMPORT_FORMAT_SVG, "floor.svg");
  PwImportLevel *level = pw_import_doc_add_level (doc, "svg", "Floor 2", NAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = NULL;
  g_autoptr(PwPlanFloor) floor = NULL;
  cairo_matrix_t to_plan;
  RsvgHandle *drawing;

  doc->needs_scale = TRUE;
  doc->drawing = g_bytes_new_static (svg, sizeof svg - 1);
  add_rect (level, "r", "T1-F02-008", 10, 20, 400, 300);
  g_assert_true (pw_import_doc_set_scale (doc, 0.05, &error));
  import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_no_error (error);
  pw_plan_import_apply (import, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "floor_drawing"), ==, 1);

  floor = pw_plan_floor_load (f->store, NULL, "T1-F02", &error);
  g_assert_no_error (error);
  drawing = pw_plan_floor_get_drawing (floor, &to_plan);
  g_assert_nonnull (drawing);
  g_assert_cmpfloat_with_epsilon (to_plan.xx, 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (to_plan.yy, 0.05, 1e-12);

  /* drawn where the room is: the backdrop's black square darkens the room's middle
   * and nothing outside it */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
    cairo_t *cr = cairo_create (surface);
    PwPlanView view = { 4, 0, 0 };   /* 4 px a metre: the room is (2, 4)–(82, 64) */
    PwPlanStyle style;
    guint32 *px;
    int stride;

    pw_plan_style_init (&style);
    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    pw_plan_draw_background (cr, drawing, &to_plan, &view, &style);
    cairo_destroy (cr);
    cairo_surface_flush (surface);
    px = (guint32 *) cairo_image_surface_get_data (surface);
    stride = cairo_image_surface_get_stride (surface) / 4;
    g_assert_cmphex (px[30 * stride + 40] & 0xff, <, 0xc0);    /* inside */
    g_assert_cmphex (px[80 * stride + 90] & 0xff, ==, 0xff);   /* outside */
    g_assert_cmphex (px[2 * stride + 1] & 0xff, ==, 0xff);     /* before its corner */
    cairo_surface_destroy (surface);
  }

  /* a second import replaces the drawing rather than adding one */
  g_clear_pointer (&import, pw_plan_import_free);
  import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_no_error (error);
  pw_plan_import_apply (import, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "floor_drawing"), ==, 1);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportDoc) doc = drawing ();
  g_autoptr(PwImportDoc) empty = pw_import_doc_new (PW_IMPORT_FORMAT_SVG, "empty.svg");
  g_autoptr(GError) error = NULL;

  doc->needs_scale = TRUE;
  g_assert_null (pw_plan_import_new (f->store, NULL, "T1", doc, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
  g_clear_error (&error);
  doc->needs_scale = FALSE;
  g_assert_null (pw_plan_import_new (f->store, NULL, "ZZ", doc, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ZZ"));
  g_clear_error (&error);
  pw_import_doc_add_level (empty, "l", "Level", 0);
  g_assert_null (pw_plan_import_new (f->store, NULL, "T1", empty, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY);
}

static void
test_guess_kind (void)
{
  g_assert_cmpint (pw_plan_import_guess_kind ("walkway", NULL), ==, PW_SPACE_KIND_COMMON_AREA);
  g_assert_cmpint (pw_plan_import_guess_kind (NULL, "Men's Restroom"), ==, PW_SPACE_KIND_COMMON_AREA);
  g_assert_cmpint (pw_plan_import_guess_kind (NULL, "Storage 2"), ==, PW_SPACE_KIND_STORAGE);
  g_assert_cmpint (pw_plan_import_guess_kind ("retail", "Unit 4"), ==, PW_SPACE_KIND_RETAIL);
  g_assert_cmpint (pw_plan_import_guess_kind (NULL, "Biology Lab"), ==, PW_SPACE_KIND_LAB);
  g_assert_cmpint (pw_plan_import_guess_kind (NULL, "Room 101"), ==, PW_SPACE_KIND_OFFICE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/plan/import/plan", Fixture, NULL, fixture_set_up, test_plan, fixture_tear_down);
  g_test_add ("/plan/import/apply", Fixture, NULL, fixture_set_up, test_apply, fixture_tear_down);
  g_test_add ("/plan/import/atomic", Fixture, NULL, fixture_set_up, test_apply_is_atomic,
              fixture_tear_down);
  g_test_add ("/plan/import/drawing", Fixture, NULL, fixture_set_up, test_drawing,
              fixture_tear_down);
  g_test_add ("/plan/import/refusals", Fixture, NULL, fixture_set_up, test_refusals,
              fixture_tear_down);
  g_test_add_func ("/plan/import/guess-kind", test_guess_kind);
  return g_test_run ();
}
