/* test-plan-import-map.c — mapping an imported drawing room by room: suggestions by
 * code and by overlap, changing them, empty levels, the mapping as JSON, one write
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "pw-change.h"
#include "pw-geojson-import.h"
#include "pw-ifc-import.h"
#include "pw-plan-import.h"
#include "pw-svg-import.h"

#include "plan-fixture.h"

/* A space of @floor_id with an outline, other than @avoid. */
static PwSpace *
outlined_space (PwStore *store, const char *floor_id, const char *avoid)
{
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (store, NULL, NULL);

  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      const char *outline = pw_space_get_outline (space);

      if (g_strcmp0 (pw_space_get_floor_id (space), floor_id) == 0 && outline != NULL
          && *outline != '\0' && g_strcmp0 (pw_space_get_code (space), avoid) != 0)
        return g_object_ref (space);
    }
  return NULL;
}

/* The outline of @space moved by (@dx, @dy). */
static PwPolygon *
moved_outline (PwSpace *space, double dx, double dy)
{
  g_autoptr(PwPolygon) outline = pw_polygon_new_from_json (pw_space_get_outline (space), NULL);
  g_autofree PwPoint *pts = NULL;
  const PwPoint *outer;
  guint n;

  g_assert_nonnull (outline);
  outer = pw_polygon_get_outer (outline, &n);
  pts = g_new (PwPoint, n);
  for (guint i = 0; i < n; i++)
    {
      pts[i].x = outer[i].x + dx;
      pts[i].y = outer[i].y + dy;
    }
  return pw_polygon_new (pts, n);
}

/* Floor 3 of T1: a room by code, one drawn over an existing space under another
 * name, one far from everything, one with no outline; a level without rooms; a
 * level T1 lacks. */
static PwImportDoc *
drawing (PwStore *store, char **by_overlap)
{
  PwImportDoc *doc = pw_import_doc_new (PW_IMPORT_FORMAT_IFC, "tower.ifc");
  PwImportLevel *fdn = pw_import_doc_add_level (doc, "s0", "Foundation", -3.0);
  PwImportLevel *level = pw_import_doc_add_level (doc, "s3", "Floor 3", 9.0);
  PwImportLevel *lab = pw_import_doc_add_level (doc, "s9", "Roof Lab", 30.0);
  g_autoptr(PwSpace) s008 = space_by_code (store, "T1-F03-008");
  g_autoptr(PwSpace) other = outlined_space (store, pw_space_get_floor_id (s008), "T1-F03-008");
  PwImportRoom *room;

  g_assert_nonnull (other);
  (void) fdn;
  add_rect (level, "a", "T1-F03-008", 0, 0, 10, 12.5);           /* by code */
  room = pw_import_level_add_room (level, "z");                   /* by overlap */
  room->name = g_strdup ("Zimmer");
  pw_import_room_set_polygon (room, moved_outline (other, 0.1, 0.05));
  add_rect (level, "c", "Meeting", 400, 400, 5, 4);               /* new */
  pw_import_level_add_room (level, "d");                          /* no outline */
  add_rect (lab, "f", "Clean room", 0, 0, 20, 10);
  *by_overlap = g_strdup (pw_space_get_code (other));
  return doc;
}

/* The rows an import may write, counted before it, to show it wrote nothing. */
typedef struct
{
  gint64 space, floor, event, audit, outbox;
} Rows;

static Rows
count_rows (PwStore *store)
{
  return (Rows) { pw_store_count (store, "space"), pw_store_count (store, "floor"),
                  pw_store_count (store, "lifecycle_event"), pw_store_count (store, "audit"),
                  pw_store_count (store, "outbox") };
}

static void
assert_nothing_written (PwStore *store, const Rows *before)
{
  Rows now = count_rows (store);

  g_assert_cmpint (now.space, ==, before->space);
  g_assert_cmpint (now.floor, ==, before->floor);
  g_assert_cmpint (now.event, ==, before->event);
  g_assert_cmpint (now.audit, ==, before->audit);
  g_assert_cmpint (now.outbox, ==, before->outbox);
}

static PwPlanRoomPlan *
room_plan (PwPlanImport *import, guint level, guint room)
{
  return &g_array_index (pw_plan_import_get_level (import, level)->rooms, PwPlanRoomPlan, room);
}

static void
test_suggestions (Fixture *f, gconstpointer data)
{
  g_autofree char *by_overlap = NULL;
  g_autoptr(PwImportDoc) doc = drawing (f->store, &by_overlap);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwSpace) over = space_by_code (f->store, by_overlap);
  PwPlanRoomPlan *rp;

  g_assert_no_error (error);
  rp = room_plan (import, 1, 0);
  g_assert_cmpint (rp->action, ==, PW_PLAN_ROOM_UPDATE);
  g_assert_cmpint (rp->match, ==, PW_PLAN_MATCH_CODE);
  g_assert_cmpstr (rp->code, ==, "T1-F03-008");

  /* drawn over a space a little off its place: that space, by overlap */
  rp = room_plan (import, 1, 1);
  g_assert_cmpint (rp->action, ==, PW_PLAN_ROOM_UPDATE);
  g_assert_cmpint (rp->match, ==, PW_PLAN_MATCH_OVERLAP);
  g_assert_cmpstr (rp->space_id, ==, pw_space_get_id (over));
  g_assert_cmpstr (rp->suggested_id, ==, pw_space_get_id (over));
  g_assert_cmpint (rp->overlap, >=, 80);
  g_assert_cmpint (rp->overlap, <=, 100);
  g_assert_false (rp->chosen);

  /* far from every space: a new one; no outline: left out and unusable */
  rp = room_plan (import, 1, 2);
  g_assert_cmpint (rp->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_cmpint (rp->match, ==, PW_PLAN_MATCH_NONE);
  g_assert_null (rp->suggested_id);
  rp = room_plan (import, 1, 3);
  g_assert_cmpint (rp->action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_true (rp->unusable);

  /* the empty foundation is not written; the lab level is a new floor numbered
   * without it */
  g_assert_false (pw_plan_import_level_is_written (import, 0));
  g_assert_true (pw_plan_import_level_is_written (import, 1));
  g_assert_true (pw_plan_import_level_is_written (import, 2));
  g_assert_cmpuint (pw_plan_import_count_new_floors (import), ==, 1);
}

/* Moved far enough, a room overlaps its space too little to be suggested. */
static void
test_overlap_threshold (Fixture *f, gconstpointer data)
{
  g_autoptr(PwSpace) s008 = space_by_code (f->store, "T1-F03-008");
  g_autoptr(PwSpace) other = outlined_space (f->store, pw_space_get_floor_id (s008), NULL);
  g_autoptr(PwImportDoc) doc = pw_import_doc_new (PW_IMPORT_FORMAT_IFC, "t.ifc");
  PwImportLevel *level = pw_import_doc_add_level (doc, "s3", "Floor 3", 9.0);
  PwImportRoom *room = pw_import_level_add_room (level, "x");
  g_autoptr(PwPolygon) outline = pw_polygon_new_from_json (pw_space_get_outline (other), NULL);
  g_autoptr(PwPlanImport) import = NULL;
  g_autoptr(GError) error = NULL;
  double x0, y0, x1, y1;

  pw_polygon_bounds (outline, &x0, &y0, &x1, &y1);
  /* shifted by 70 % of its width: at most 30 % in common */
  pw_import_room_set_polygon (room, moved_outline (other, (x1 - x0) * 0.7, 0));
  import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_no_error (error);
  g_assert_true (room_plan (import, 0, 0)->action != PW_PLAN_ROOM_UPDATE
                 || g_strcmp0 (room_plan (import, 0, 0)->space_id, pw_space_get_id (other)) != 0);
}

static void
test_map_rooms (Fixture *f, gconstpointer data)
{
  g_autofree char *by_overlap = NULL;
  g_autoptr(PwImportDoc) doc = drawing (f->store, &by_overlap);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwSpace) s008 = space_by_code (f->store, "T1-F03-008");
  g_autoptr(PwSpace) over = space_by_code (f->store, by_overlap);
  g_autoptr(PwSpace) elsewhere = space_by_code (f->store, "T1-F02-008");
  g_autoptr(PwSpace) s008_after = NULL, over_after = NULL, created = NULL;
  g_autofree char *meeting_code = NULL, *zimmer_code = NULL;
  gint64 spaces = pw_store_count (f->store, "space"), floors = pw_store_count (f->store, "floor");
  guint c, u, s;

  g_assert_no_error (error);
  g_assert_nonnull (elsewhere);

  /* refusals: a space of another floor, an unusable room, a room of a new floor
   * onto a space; none changes the mapping */
  g_assert_false (pw_plan_import_map_room (import, 1, 2, PW_PLAN_ROOM_UPDATE,
                                           pw_space_get_id (elsewhere), -1, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "space");
  g_clear_error (&error);
  g_assert_cmpint (room_plan (import, 1, 2)->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_false (pw_plan_import_map_room (import, 1, 3, PW_PLAN_ROOM_CREATE, NULL, -1, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_false (pw_plan_import_map_room (import, 2, 0, PW_PLAN_ROOM_UPDATE,
                                           pw_space_get_id (s008), -1, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* "Meeting" redraws the space "Zimmer" was suggested for: Zimmer falls back
   * to a new space; "T1-F03-008" is left out; the lab room becomes storage */
  g_assert_true (pw_plan_import_map_room (import, 1, 2, PW_PLAN_ROOM_UPDATE,
                                          pw_space_get_code (over), -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (room_plan (import, 1, 2)->action, ==, PW_PLAN_ROOM_UPDATE);
  g_assert_true (room_plan (import, 1, 2)->chosen);
  g_assert_cmpint (room_plan (import, 1, 1)->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_true (g_str_has_prefix (room_plan (import, 1, 1)->code, "T1-F03-"));
  zimmer_code = g_strdup (room_plan (import, 1, 1)->code);
  g_assert_true (pw_plan_import_map_room (import, 1, 0, PW_PLAN_ROOM_SKIP, NULL, -1, &error));
  g_assert_true (pw_plan_import_map_room (import, 2, 0, PW_PLAN_ROOM_CREATE, NULL,
                                          PW_SPACE_KIND_STORAGE, &error));
  g_assert_no_error (error);
  meeting_code = g_strdup (room_plan (import, 2, 0)->code);
  pw_plan_import_count (import, &c, &u, &s);
  g_assert_cmpuint (c, ==, 2);
  g_assert_cmpuint (u, ==, 1);
  g_assert_cmpuint (s, ==, 2);

  /* applied: updated, created, left out as mapped */
  g_assert_true (pw_plan_import_apply (import, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + 2);
  g_assert_cmpint (pw_store_count (f->store, "floor"), ==, floors + 1);
  s008_after = space_by_code (f->store, "T1-F03-008");
  g_assert_cmpint (pw_space_get_version (s008_after), ==, pw_space_get_version (s008));
  g_assert_cmpstr (pw_space_get_outline (s008_after), ==, pw_space_get_outline (s008));
  over_after = space_by_code (f->store, by_overlap);
  g_assert_cmpint (pw_space_get_version (over_after), ==, pw_space_get_version (over) + 1);
  {
    g_autoptr(PwPolygon) outline = pw_polygon_new_from_json (pw_space_get_outline (over_after), NULL);

    g_assert_cmpint (pw_polygon_area_centi (outline), ==, 2000);   /* Meeting: 5 × 4 m */
  }
  created = space_by_code (f->store, meeting_code);
  g_assert_nonnull (created);
  g_assert_cmpint (pw_space_get_kind (created), ==, PW_SPACE_KIND_STORAGE);
  g_clear_object (&created);
  created = space_by_code (f->store, zimmer_code);
  g_assert_nonnull (created);
  g_assert_cmpstr (pw_space_get_name (created), ==, "Zimmer");
  g_assert_cmpstr (pw_plan_import_get_imported_floor (import), ==, pw_space_get_floor_id (s008));
}

static void
test_map_all (Fixture *f, gconstpointer data)
{
  g_autofree char *by_overlap = NULL;
  g_autoptr(PwImportDoc) doc = drawing (f->store, &by_overlap);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  Rows before = count_rows (f->store);
  guint c, u, s;

  g_assert_no_error (error);
  pw_plan_import_map_all (import, PW_PLAN_ROOM_CREATE, PW_SPACE_KIND_LAB);
  pw_plan_import_count (import, &c, &u, &s);
  g_assert_cmpuint (c, ==, 4);
  g_assert_cmpuint (u, ==, 0);
  g_assert_cmpint (room_plan (import, 1, 0)->kind, ==, PW_SPACE_KIND_LAB);
  g_assert_cmpint (room_plan (import, 1, 3)->action, ==, PW_PLAN_ROOM_SKIP);   /* still unusable */

  pw_plan_import_map_all (import, PW_PLAN_ROOM_UPDATE, -1);
  pw_plan_import_count (import, &c, &u, &s);
  g_assert_cmpuint (c, ==, 2);
  g_assert_cmpuint (u, ==, 2);
  g_assert_cmpstr (room_plan (import, 1, 0)->code, ==, "T1-F03-008");

  /* all left out: no floor is made for the lab, and nothing can be written */
  pw_plan_import_map_all (import, PW_PLAN_ROOM_SKIP, -1);
  pw_plan_import_count (import, &c, &u, &s);
  g_assert_cmpuint (c + u, ==, 0);
  g_assert_cmpuint (pw_plan_import_count_new_floors (import), ==, 0);
  g_assert_false (pw_plan_import_apply (import, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY);
  assert_nothing_written (f->store, &before);
}

/* The fixture has a foundation and a roof without rooms around a ground level. */
static void
test_empty_levels (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plan", "fixtures", "geojson",
                                                 "imdf-empty-levels.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_import_file (path, &error);
  g_autoptr(PwPlanImport) import = NULL;
  gint64 floors = pw_store_count (f->store, "floor");
  int ground;

  g_assert_no_error (error);
  g_assert_cmpuint (doc->levels->len, ==, 3);
  import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_plan_import_count_new_floors (import), ==, 1);
  ground = pw_plan_import_get_level (import, 1)->floor_level;

  /* asked for, they become floors, and the ground level is numbered above the
   * foundation */
  pw_plan_import_set_include_empty (import, TRUE);
  g_assert_cmpuint (pw_plan_import_count_new_floors (import), ==, 3);
  g_assert_cmpint (pw_plan_import_get_level (import, 1)->floor_level, ==, ground + 1);
  g_assert_nonnull (strstr (room_plan (import, 1, 0)->code,
                            pw_plan_import_get_level (import, 1)->floor_code));
  pw_plan_import_set_include_empty (import, FALSE);
  g_assert_cmpuint (pw_plan_import_count_new_floors (import), ==, 1);
  g_assert_cmpint (pw_plan_import_get_level (import, 1)->floor_level, ==, ground);

  /* named, and written without the empty levels */
  g_assert_false (pw_plan_import_set_floor_name (import, 1, "   ", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_true (pw_plan_import_set_floor_name (import, 1, " Annex 0 ", &error));
  g_assert_no_error (error);
  g_assert_true (pw_plan_import_apply (import, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "floor"), ==, floors + 1);
  {
    g_autoptr(GListModel) parks = pw_ledger_load_parks (f->store, NULL);
    g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, 0);
    gboolean found = FALSE;

    for (guint b = 0; b < g_list_model_get_n_items (pw_ledger_node_get_children (park)); b++)
      {
        g_autoptr(PwLedgerNode) building = g_list_model_get_item (pw_ledger_node_get_children (park), b);
        GListModel *fl = pw_ledger_node_get_children (building);

        for (guint i = 0; i < g_list_model_get_n_items (fl); i++)
          {
            g_autoptr(PwLedgerNode) node = g_list_model_get_item (fl, i);

            if (g_strcmp0 (pw_ledger_node_get_id (node), pw_plan_import_get_imported_floor (import)) == 0)
              {
                g_assert_cmpstr (pw_ledger_node_get_name (node), ==, "Annex 0");
                found = TRUE;
              }
          }
      }
    g_assert_true (found);
  }
}

static void
test_json (Fixture *f, gconstpointer data)
{
  g_autofree char *by_overlap = NULL;
  g_autoptr(PwImportDoc) doc = drawing (f->store, &by_overlap);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwPlanImport) again = NULL;
  g_autofree char *suggested = NULL, *before = NULL, *after = NULL, *chosen = NULL;
  g_autofree char *map = NULL;

  g_assert_no_error (error);
  suggested = pw_plan_import_to_json (import, FALSE);
  g_assert_nonnull (strstr (suggested, "\"suggested_by\" : \"overlap\""));
  g_assert_nonnull (strstr (suggested, "\"include_empty_levels\" : false"));

  /* the suggested mapping read back maps the same */
  again = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_true (pw_plan_import_load_map (again, suggested, &error));
  g_assert_no_error (error);
  for (guint l = 0; l < 3; l++)
    for (guint r = 0; r < pw_plan_import_get_level (import, l)->rooms->len; r++)
      {
        g_assert_cmpint (room_plan (again, l, r)->action, ==, room_plan (import, l, r)->action);
        g_assert_cmpstr (room_plan (again, l, r)->code, ==, room_plan (import, l, r)->code);
      }

  /* a hand-written mapping: empty levels, a floor name, a room left out, one to
   * a space, one a new space of a kind */
  map = g_strdup_printf ("{ \"include_empty_levels\": true, \"levels\": ["
                         " { \"level\": \"s3\", \"rooms\": ["
                         "   { \"room\": \"a\", \"action\": \"skip\" },"
                         "   { \"room\": \"c\", \"action\": \"update\", \"space\": \"%s\" } ] },"
                         " { \"level\": \"s9\", \"floor_name\": \"Clean rooms\", \"rooms\": ["
                         "   { \"room\": \"f\", \"action\": \"create\", \"kind\": \"lab\" } ] } ] }",
                         by_overlap);
  g_assert_true (pw_plan_import_load_map (import, map, &error));
  g_assert_no_error (error);
  g_assert_true (pw_plan_import_get_include_empty (import));
  g_assert_cmpuint (pw_plan_import_count_new_floors (import), ==, 2);
  g_assert_cmpstr (pw_plan_import_get_level (import, 2)->floor_name, ==, "Clean rooms");
  g_assert_cmpint (room_plan (import, 1, 0)->action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_cmpint (room_plan (import, 1, 1)->action, ==, PW_PLAN_ROOM_CREATE);  /* lost its space */
  g_assert_cmpstr (room_plan (import, 1, 2)->code, ==, by_overlap);
  g_assert_cmpint (room_plan (import, 2, 0)->kind, ==, PW_SPACE_KIND_LAB);
  chosen = pw_plan_import_to_json (import, TRUE);
  g_assert_nonnull (strstr (chosen, "Clean rooms"));
  g_assert_null (strstr (chosen, "\"room\" : \"z\""));   /* not chosen, so not there */

  /* bad mappings are refused naming the place, and change nothing */
  before = pw_plan_import_to_json (import, FALSE);
  {
    static const char *bad[][2] = {
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"room\": \"nope\", \"action\": \"skip\" } ] } ] }",
        "levels[0].rooms[0].room" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"room\": \"a\", \"action\": \"redraw\" } ] } ] }",
        "levels[0].rooms[0].action" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"room\": \"d\", \"action\": \"create\" } ] } ] }",
        "levels[0].rooms[0].action" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"room\": \"c\", \"action\": \"create\", \"kind\": \"castle\" } ] } ] }",
        "levels[0].rooms[0].kind" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"room\": \"c\", \"action\": \"update\", \"space\": \"T1-F02-008\" } ] } ] }",
        "space" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"room\": \"a\", \"action\": \"update\", \"space\": \"T1-F03-008\" },"
        " { \"room\": \"c\", \"action\": \"update\", \"space\": \"T1-F03-008\" } ] } ] }", "space" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"floor\": \"F99\" } ] }", "levels[0].floor" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"floor_name\": \"  \" } ] }", "levels[0].floor_name" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"index\": 4, \"action\": \"skip\" } ] } ] }",
        "levels[0].rooms[0].index" },
      { "{ \"levels\": [ { \"level\": \"s3\", \"rooms\": [ { \"index\": 0, \"room\": \"c\", \"action\": \"skip\" } ] } ] }",
        "levels[0].rooms[0].room" },
      { "{ \"levels\": [ { \"level\": \"s7\" } ] }", "levels[0].level" },
      { "{ \"include_empty_levels\": 1 }", "include_empty_levels" },
      { "[1, 2", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (pw_plan_import_load_map (import, bad[i][0], &error));
        g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
        g_assert_cmpstr (pw_ledger_error_get_field (error), ==, bad[i][1]);
        g_clear_error (&error);
      }
  }
  after = pw_plan_import_to_json (import, FALSE);
  g_assert_cmpstr (after, ==, before);
}

/* A space changed between the mapping and the write: nothing at all is written. */
static void
test_one_transaction (Fixture *f, gconstpointer data)
{
  g_autofree char *by_overlap = NULL;
  g_autoptr(PwImportDoc) doc = drawing (f->store, &by_overlap);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwSpace) over = space_by_code (f->store, by_overlap);
  g_autoptr(JsonObject) fields = json_object_new ();
  Rows before;

  g_assert_no_error (error);
  /* the mapping creates a floor and spaces, and redraws the space mapped by hand… */
  g_assert_true (pw_plan_import_map_room (import, 1, 2, PW_PLAN_ROOM_UPDATE, pw_space_get_id (over),
                                          -1, &error));
  /* …which someone else changes meanwhile */
  json_object_set_string_member (fields, "notes", "changed by someone else");
  g_assert_true (pw_ledger_update_space (f->store, pw_space_get_id (over), pw_space_get_version (over),
                                         fields, &error));
  g_assert_no_error (error);
  before = count_rows (f->store);
  g_assert_false (pw_plan_import_apply (import, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  assert_nothing_written (f->store, &before);
  g_assert_null (pw_plan_import_get_imported_floor (import));
}

/* The name and version of floor @floor_id, from the ledger. */
static char *
floor_name (PwStore *store, const char *floor_id, gint64 *version)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "floor", floor_id, NULL);

  g_assert_nonnull (row);
  if (version != NULL)
    *version = json_object_get_int_member (row, "version");
  return g_strdup (json_object_get_string_member (row, "name"));
}

/* The note of the newest history line of floor @floor_id, or NULL. */
static char *
floor_history (PwStore *store, const char *floor_id)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT note FROM lifecycle_event WHERE entity = 'floor' AND entity_id = ?"
    " ORDER BY created_at DESC, rowid DESC LIMIT 1", NULL);

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, floor_id, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 0))
                                           : NULL;
}

/* An existing floor the import goes to can be renamed: with the import, in one
 * transaction, in the floor's history, undone with it. */
static void
test_rename_floor (Fixture *f, gconstpointer data)
{
  g_autofree char *by_overlap = NULL;
  g_autoptr(PwImportDoc) doc = drawing (f->store, &by_overlap);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autoptr(PwPlanImport) again = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autofree char *old_name = NULL, *chosen = NULL, *name = NULL, *history = NULL;
  g_autofree char *floor_id = NULL;
  gint64 version, after;
  PwPlanLevelPlan *lp;

  g_assert_no_error (error);
  lp = pw_plan_import_get_level (import, 1);
  g_assert_nonnull (lp->floor_id);
  floor_id = g_strdup (lp->floor_id);
  old_name = floor_name (f->store, floor_id, &version);
  g_assert_cmpstr (lp->floor_name, ==, old_name);

  /* its own name is no renaming; another is, and a blank one is refused */
  g_assert_true (pw_plan_import_set_floor_name (import, 1, old_name, &error));
  g_assert_false (pw_plan_import_renames_floor (import, 1));
  g_assert_false (pw_plan_import_set_floor_name (import, 1, " ", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "floor_name");
  g_clear_error (&error);
  g_assert_true (pw_plan_import_set_floor_name (import, 1, " Labs and offices ", &error));
  g_assert_no_error (error);
  g_assert_true (pw_plan_import_renames_floor (import, 1));

  /* choosing another floor forgets the name; the mapping file carries it */
  pw_plan_import_set_floor (import, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pw_plan_import_renames_floor (import, 1));
  pw_plan_import_set_floor (import, 1, floor_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_plan_import_get_level (import, 1)->floor_name, ==, old_name);
  g_assert_true (pw_plan_import_set_floor_name (import, 1, "Labs and offices", &error));
  chosen = pw_plan_import_to_json (import, TRUE);
  g_assert_nonnull (strstr (chosen, "\"floor_name\" : \"Labs and offices\""));
  again = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_no_error (error);
  g_assert_true (pw_plan_import_load_map (again, chosen, &error));
  g_assert_no_error (error);
  g_assert_true (pw_plan_import_renames_floor (again, 1));
  g_assert_false (pw_plan_import_renames_floor (again, 2));   /* a new floor */

  /* written with the rooms, the old name in the floor's history */
  pw_store_record_begin (f->store);
  g_assert_true (pw_plan_import_apply (again, &error));
  change = pw_store_record_end (f->store);
  g_assert_no_error (error);
  name = floor_name (f->store, floor_id, &after);
  g_assert_cmpstr (name, ==, "Labs and offices");
  g_assert_cmpint (after, ==, version + 1);
  history = floor_history (f->store, floor_id);
  g_assert_nonnull (history);
  g_assert_nonnull (strstr (history, old_name));
  g_assert_nonnull (strstr (history, "Labs and offices"));
  g_assert_nonnull (strstr (history, "tower.ifc"));

  /* the import's Undo takes the name back with the rooms */
  g_assert_true (pw_change_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  g_free (name);
  name = floor_name (f->store, floor_id, NULL);
  g_assert_cmpstr (name, ==, old_name);
}

/* A floor renamed by someone else meanwhile: the import writes nothing at all. */
static void
test_rename_conflict (Fixture *f, gconstpointer data)
{
  g_autofree char *by_overlap = NULL;
  g_autoptr(PwImportDoc) doc = drawing (f->store, &by_overlap);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_autofree char *floor_id = NULL, *name = NULL;
  PwMutation *m;
  gint64 version;
  Rows before;

  g_assert_no_error (error);
  floor_id = g_strdup (pw_plan_import_get_level (import, 1)->floor_id);
  g_assert_true (pw_plan_import_set_floor_name (import, 1, "Mine", &error));
  g_free (floor_name (f->store, floor_id, &version));
  m = pw_mutation_new_update ("floor", floor_id, version);
  pw_mutation_set_string (m, "name", "Theirs");
  g_assert_true (pw_store_apply (f->store, m, &error));
  g_assert_no_error (error);
  pw_mutation_free (m);
  before = count_rows (f->store);
  g_assert_false (pw_plan_import_apply (import, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  name = floor_name (f->store, floor_id, NULL);
  g_assert_cmpstr (name, ==, "Theirs");
  assert_nothing_written (f->store, &before);
}

/* Two rooms of one level with one id: warned about, each mapped by its place. */
static void
test_shared_ids (Fixture *f, gconstpointer data)
{
  g_autoptr(PwImportDoc) doc = pw_import_doc_new (PW_IMPORT_FORMAT_IFC, "tower.ifc");
  PwImportLevel *level = pw_import_doc_add_level (doc, "s3", "Floor 3", 9.0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPlanImport) import = NULL, again = NULL;
  g_autofree char *chosen = NULL, *pantry_code = NULL;
  g_autofree char *by_id = NULL;
  g_autoptr(PwSpace) pantry = NULL;
  PwImportRoom *room;
  gint64 spaces = pw_store_count (f->store, "space");

  add_rect (level, "a", "T1-F03-008", 0, 0, 10, 12.5);
  room = add_rect (level, "dup", "Meeting", 400, 400, 5, 4);
  room->place = g_strdup ("#60 (line 12)");
  room = add_rect (level, "dup", "Pantry", 500, 500, 3, 4);
  room->place = g_strdup ("#70 (line 19)");
  add_rect (level, "dup", "Lobby", 600, 600, 8, 8);   /* no place: told by position */
  pw_import_doc_warn_shared_ids (doc);
  g_assert_cmpuint (doc->warnings->len, ==, 2);
  g_assert_nonnull (strstr (doc->warnings->pdata[0], "“dup”"));
  g_assert_nonnull (strstr (doc->warnings->pdata[0], "line 12"));
  g_assert_nonnull (strstr (doc->warnings->pdata[0], "line 19"));
  g_assert_nonnull (strstr (doc->warnings->pdata[1], "line 12"));
  g_assert_nonnull (strstr (doc->warnings->pdata[1], "room 4 of level Floor 3"));

  /* the meeting room left out, the pantry storage, the lobby left as suggested */
  import = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_no_error (error);
  g_assert_true (pw_plan_import_map_room (import, 0, 1, PW_PLAN_ROOM_SKIP, NULL, -1, &error));
  g_assert_true (pw_plan_import_map_room (import, 0, 2, PW_PLAN_ROOM_CREATE, NULL,
                                          PW_SPACE_KIND_STORAGE, &error));
  g_assert_no_error (error);
  pantry_code = g_strdup (room_plan (import, 0, 2)->code);

  /* the mapping file keys them by place: read back, each keeps its own */
  chosen = pw_plan_import_to_json (import, TRUE);
  g_assert_nonnull (strstr (chosen, "\"index\" : 2"));
  again = pw_plan_import_new (f->store, NULL, "T1", doc, &error);
  g_assert_no_error (error);
  g_assert_true (pw_plan_import_load_map (again, chosen, &error));
  g_assert_no_error (error);
  g_assert_cmpint (room_plan (again, 0, 1)->action, ==, PW_PLAN_ROOM_SKIP);
  g_assert_cmpint (room_plan (again, 0, 2)->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_cmpint (room_plan (again, 0, 2)->kind, ==, PW_SPACE_KIND_STORAGE);
  g_assert_cmpint (room_plan (again, 0, 3)->action, ==, PW_PLAN_ROOM_CREATE);
  g_assert_false (room_plan (again, 0, 3)->chosen);

  /* by the id alone, the room is not known: refused, naming where */
  by_id = g_strdup ("{ \"levels\": [ { \"level\": \"s3\", \"rooms\": ["
                    " { \"room\": \"dup\", \"action\": \"skip\" } ] } ] }");
  g_assert_false (pw_plan_import_load_map (again, by_id, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "levels[0].rooms[0].index");
  g_clear_error (&error);
  g_assert_cmpint (room_plan (again, 0, 3)->action, ==, PW_PLAN_ROOM_CREATE);

  g_assert_true (pw_plan_import_apply (again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, spaces + 2);   /* pantry, lobby */
  pantry = space_by_code (f->store, pantry_code);
  g_assert_nonnull (pantry);
  g_assert_cmpstr (pw_space_get_name (pantry), ==, "Pantry");
  g_assert_cmpint (pw_space_get_kind (pantry), ==, PW_SPACE_KIND_STORAGE);
}

/* The importers warn about shared ids, naming each room's line. */
static void
test_shared_ids_in_files (void)
{
  static const char svg[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">\n"
    "<rect id=\"r1\" x=\"0\" y=\"0\" width=\"10\" height=\"10\"/>\n"
    "<rect id=\"r2\" x=\"20\" y=\"0\" width=\"10\" height=\"10\"/>\n"
    "<rect id=\"r1\" x=\"40\" y=\"0\" width=\"10\" height=\"10\"/>\n"
    "</svg>\n";
  static const char geojson[] =
    "{ \"type\": \"FeatureCollection\", \"features\": [\n"
    " { \"type\": \"Feature\", \"id\": \"u1\", \"properties\": { \"name\": \"A\" },\n"
    "   \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [[[0,0],[0.0001,0],[0.0001,0.0001],[0,0.0001],[0,0]]] } },\n"
    " { \"type\": \"Feature\", \"id\": \"u1\", \"properties\": { \"name\": \"B\" },\n"
    "   \"geometry\": { \"type\": \"Polygon\", \"coordinates\": [[[0.001,0],[0.0011,0],[0.0011,0.0001],[0.001,0.0001],[0.001,0]]] } } ] }\n";
  g_autofree char *ifc_path = g_test_build_filename (G_TEST_DIST, "plan", "fixtures", "ifc",
                                                     "ifc2x3-mm-profiles.ifc", NULL);
  g_autofree char *ifc_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) from_svg = pw_svg_import_bytes (svg, strlen (svg), "floor.svg", &error);
  g_autoptr(PwImportDoc) from_geojson = NULL, from_ifc = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = NULL;
  gboolean warned = FALSE;
  PwImportLevel *level;

  /* SVG: both elements named by line; the second room keeps an id of its own */
  g_assert_no_error (error);
  for (guint i = 0; i < from_svg->warnings->len; i++)
    if (strstr (from_svg->warnings->pdata[i], "“r1”") != NULL)
      {
        g_assert_nonnull (strstr (from_svg->warnings->pdata[i], "floor.svg:2:"));
        g_assert_nonnull (strstr (from_svg->warnings->pdata[i], "floor.svg:4:"));
        warned = TRUE;
      }
  g_assert_true (warned);
  level = g_ptr_array_index (from_svg->levels, 0);
  g_assert_cmpuint (level->rooms->len, ==, 3);

  /* GeoJSON: the features, by number and line */
  from_geojson = pw_geojson_import_bytes (geojson, strlen (geojson), "map.geojson", &error);
  g_assert_no_error (error);
  warned = FALSE;
  for (guint i = 0; i < from_geojson->warnings->len; i++)
    if (strstr (from_geojson->warnings->pdata[i], "“u1”") != NULL)
      {
        g_assert_nonnull (strstr (from_geojson->warnings->pdata[i], "feature 1 (id “u1”), line 2"));
        g_assert_nonnull (strstr (from_geojson->warnings->pdata[i], "feature 2 (id “u1”), line 4"));
        warned = TRUE;
      }
  g_assert_true (warned);

  /* IFC: two spaces given one GlobalId, by entity and line */
  g_assert_true (g_file_get_contents (ifc_path, &ifc_text, NULL, &error));
  text = g_string_new (ifc_text);
  g_assert_cmpuint (g_string_replace (text, "0c4LZ3r8v2$8b9KxYh1Wbb", "2kS$9xQ8b1Tf3X5DpUu2aa", 0),
                    ==, 1);
  bytes = g_bytes_new (text->str, text->len);
  from_ifc = pw_ifc_import_bytes (bytes, "model.ifc", &error);
  g_assert_no_error (error);
  warned = FALSE;
  for (guint i = 0; i < from_ifc->warnings->len; i++)
    if (strstr (from_ifc->warnings->pdata[i], "2kS$9xQ8b1Tf3X5DpUu2aa") != NULL)
      {
        g_assert_nonnull (strstr (from_ifc->warnings->pdata[i], "#100 (line 39)"));
        g_assert_nonnull (strstr (from_ifc->warnings->pdata[i], "#200 (line 55)"));
        warned = TRUE;
      }
  g_assert_true (warned);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/plan/import-map/suggestions", Fixture, NULL, fixture_set_up, test_suggestions,
              fixture_tear_down);
  g_test_add ("/plan/import-map/overlap-threshold", Fixture, NULL, fixture_set_up,
              test_overlap_threshold, fixture_tear_down);
  g_test_add ("/plan/import-map/map-rooms", Fixture, NULL, fixture_set_up, test_map_rooms,
              fixture_tear_down);
  g_test_add ("/plan/import-map/map-all", Fixture, NULL, fixture_set_up, test_map_all,
              fixture_tear_down);
  g_test_add ("/plan/import-map/empty-levels", Fixture, NULL, fixture_set_up, test_empty_levels,
              fixture_tear_down);
  g_test_add ("/plan/import-map/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/plan/import-map/one-transaction", Fixture, NULL, fixture_set_up,
              test_one_transaction, fixture_tear_down);
  g_test_add ("/plan/import-map/rename-floor", Fixture, NULL, fixture_set_up, test_rename_floor,
              fixture_tear_down);
  g_test_add ("/plan/import-map/rename-conflict", Fixture, NULL, fixture_set_up,
              test_rename_conflict, fixture_tear_down);
  g_test_add ("/plan/import-map/shared-ids", Fixture, NULL, fixture_set_up, test_shared_ids,
              fixture_tear_down);
  g_test_add_func ("/plan/import-map/shared-ids-in-files", test_shared_ids_in_files);
  return g_test_run ();
}
