/* test-room-ledger.c — spaces split and merged in the ledger, on the demo park
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "pw-change.h"
#include "pw-demo.h"
#include "pw-room-journal.h"

typedef struct {
  char    *dir;
  char    *path;
  PwStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("room-ledger-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "park.db", NULL);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  g_assert_true (pw_demo_seed (f->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* The id of the space with @code. */
static char *
space_id (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
                                                   "SELECT id FROM space WHERE code = ?", NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Everything a refused edit must leave as it was: the row counts of the records an
 * edit writes, and every space row in full. */
static char *
snapshot (Fixture *f)
{
  static const char *const tables[] = {
    "space", "space_status", "lifecycle_event", "audit", "outbox", "contract_space"
  };
  GString *out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_string_append_printf (out, "%s=%" G_GINT64_FORMAT "\n", tables[i],
                            pw_store_count (f->store, tables[i]));
  stmt = pw_store_prepare (f->store,
                           "SELECT id, version, code, status, status_since, gross_area,"
                           " internal_area, usable_area, outline, updated_at FROM space"
                           " ORDER BY id", NULL);
  g_assert_nonnull (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          g_string_append_printf (out, "%s|", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return g_string_free (out, FALSE);
}

static gboolean
history_has (Fixture *f, const char *id, const char *what, const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = pw_ledger_load_history (f->store, id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      PwHistoryEntry *e = history->pdata[i];

      if (g_strcmp0 (e->what, what) == 0 && g_strcmp0 (e->reason, reason) == 0)
        return TRUE;
    }
  return FALSE;
}

static PwPolygon *
outline_of (PwSpace *space)
{
  g_autoptr(GError) error = NULL;
  PwPolygon *polygon;

  g_assert_nonnull (pw_space_get_outline (space));
  polygon = pw_polygon_new_from_json (pw_space_get_outline (space), &error);
  g_assert_no_error (error);
  return polygon;
}

/* L1-F02-009 is a vacant 12 m × 22 m office (108…120, 38…60): split across at
 * y = 47.5, then merged back. */
static void
test_split_then_merge (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autofree char *new_id = NULL;
  g_autoptr(PwSpace) before = pw_ledger_load_space (f->store, id, &error);
  g_autoptr(PwSpace) kept = NULL, part = NULL, merged = NULL, gone = NULL;
  g_autoptr(PwPolygon) whole = NULL, kept_outline = NULL, part_outline = NULL;
  g_autoptr(PwPolygon) merged_outline = NULL;
  const PwPoint line[] = { { 100, 47.5 }, { 130, 47.5 } };
  gint64 whole_area[3], kept_area[3], part_area[3];
  gint64 a_kept, a_part, n_spaces = pw_store_count (f->store, "space");
  const char *ids[2];
  guint n;

  g_assert_no_error (error);
  whole = outline_of (before);
  g_assert_cmpint (pw_space_get_status (before), ==, PW_SPACE_STATUS_AVAILABLE);

  g_assert_true (pw_room_ledger_split (f->store, id, line, G_N_ELEMENTS (line), &new_id, &error));
  g_assert_no_error (error);
  g_assert_nonnull (new_id);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, n_spaces + 1);

  kept = pw_ledger_load_space (f->store, id, &error);
  g_assert_no_error (error);
  part = pw_ledger_load_space (f->store, new_id, &error);
  g_assert_no_error (error);

  /* codes (derived, the default): the space becomes …A, the new one …B */
  g_assert_cmpstr (pw_space_get_code (kept), ==, "L1-F02-009A");
  g_assert_cmpstr (pw_space_get_code (part), ==, "L1-F02-009B");
  g_assert_cmpstr (pw_space_get_floor_id (part), ==, pw_space_get_floor_id (before));
  g_assert_cmpint (pw_space_get_kind (part), ==, pw_space_get_kind (before));
  g_assert_cmpint (pw_space_get_status (part), ==, PW_SPACE_STATUS_AVAILABLE);

  /* outlines: the left part (north of the line as it runs east) stays */
  kept_outline = outline_of (kept);
  part_outline = outline_of (part);
  a_kept = pw_polygon_area_centi (kept_outline);
  a_part = pw_polygon_area_centi (part_outline);
  g_assert_cmpint (a_kept, ==, 15000);
  g_assert_cmpint (a_part, ==, 11400);
  g_assert_cmpint (a_kept + a_part, ==, pw_polygon_area_centi (whole));
  g_assert_true (pw_polygon_contains (kept_outline, 114, 55));
  g_assert_true (pw_polygon_contains (part_outline, 114, 40));

  /* recorded areas: in proportion, the first rounded, adding up exactly */
  whole_area[0] = pw_space_get_gross_area (before);
  whole_area[1] = pw_space_get_internal_area (before);
  whole_area[2] = pw_space_get_usable_area (before);
  kept_area[0] = pw_space_get_gross_area (kept);
  kept_area[1] = pw_space_get_internal_area (kept);
  kept_area[2] = pw_space_get_usable_area (kept);
  part_area[0] = pw_space_get_gross_area (part);
  part_area[1] = pw_space_get_internal_area (part);
  part_area[2] = pw_space_get_usable_area (part);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (kept_area[i] + part_area[i], ==, whole_area[i]);
      g_assert_cmpint (kept_area[i], ==, (whole_area[i] * a_kept + (a_kept + a_part) / 2)
                                         / (a_kept + a_part));
    }
  /* 340.42 m² gross × 150/264 = 193.42…: not a whole split, so rounding shows */
  g_assert_cmpint (kept_area[0], ==, 19342);
  g_assert_cmpint (part_area[0], ==, 14700);

  /* history on both sides */
  g_assert_true (history_has (f, id, "Split", "Split into L1-F02-009A and L1-F02-009B"));
  g_assert_true (history_has (f, new_id, "Created", "Split from L1-F02-009"));

  /* merged back: the outline's four corners and the areas it had */
  ids[0] = id;
  ids[1] = new_id;
  g_assert_true (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_no_error (error);
  merged = pw_ledger_load_space (f->store, id, &error);
  g_assert_no_error (error);
  gone = pw_ledger_load_space (f->store, new_id, &error);
  g_assert_no_error (error);
  merged_outline = outline_of (merged);
  pw_polygon_get_outer (merged_outline, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (pw_polygon_get_n_holes (merged_outline), ==, 0);
  g_assert_cmpint (pw_polygon_area_centi (merged_outline), ==, pw_polygon_area_centi (whole));
  g_assert_cmpint (pw_space_get_gross_area (merged), ==, whole_area[0]);
  g_assert_cmpint (pw_space_get_internal_area (merged), ==, whole_area[1]);
  g_assert_cmpint (pw_space_get_usable_area (merged), ==, whole_area[2]);
  g_assert_cmpstr (pw_space_get_code (merged), ==, "L1-F02-009A");

  g_assert_cmpint (pw_space_get_status (gone), ==, PW_SPACE_STATUS_DISPOSED);
  g_assert_null (pw_space_get_outline (gone));
  g_assert_true (history_has (f, new_id, "Available → Disposed", "Merged into L1-F02-009A"));
  g_assert_true (history_has (f, id, "Merged", "Merged from L1-F02-009B"));

  /* the next split keeps …A and takes the next letter: …B is still the disposed one's */
  g_clear_pointer (&new_id, g_free);
  g_assert_true (pw_room_ledger_split (f->store, id, line, G_N_ELEMENTS (line), &new_id, &error));
  g_assert_no_error (error);
  g_clear_object (&part);
  part = pw_ledger_load_space (f->store, new_id, &error);
  g_assert_cmpstr (pw_space_get_code (part), ==, "L1-F02-009C");
  g_clear_object (&kept);
  kept = pw_ledger_load_space (f->store, id, &error);
  g_assert_cmpstr (pw_space_get_code (kept), ==, "L1-F02-009A");
}

/* With the park's split codes set to "next": the space keeps its code, the new
 * part takes the floor's next, and a code is never given twice. */
static void
test_split_next_codes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autofree char *new_id = NULL, *park_id = NULL, *mode = NULL;
  g_autoptr(PwSpace) kept = NULL, part = NULL;
  const PwPoint line[] = { { 100, 47.5 }, { 130, 47.5 } };
  const char *ids[2];

  kept = pw_ledger_load_space (f->store, id, &error);
  g_assert_no_error (error);
  park_id = g_strdup (pw_space_get_park_id (kept));
  g_clear_object (&kept);
  mode = pw_room_ledger_get_split_codes (f->store, park_id, &error);
  g_assert_cmpstr (mode, ==, "derived");
  g_assert_false (pw_room_ledger_set_split_codes (f->store, park_id, "letters", &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  g_assert_true (pw_room_ledger_set_split_codes (f->store, park_id, "next", &error));
  g_assert_no_error (error);
  g_clear_pointer (&mode, g_free);
  mode = pw_room_ledger_get_split_codes (f->store, park_id, &error);
  g_assert_cmpstr (mode, ==, "next");

  g_assert_true (pw_room_ledger_split (f->store, id, line, 2, &new_id, &error));
  g_assert_no_error (error);
  kept = pw_ledger_load_space (f->store, id, &error);
  part = pw_ledger_load_space (f->store, new_id, &error);
  g_assert_cmpstr (pw_space_get_code (kept), ==, "L1-F02-009");
  g_assert_cmpstr (pw_space_get_code (part), ==, "L1-F02-010");
  g_assert_true (history_has (f, id, "Split", "Split into L1-F02-009 and L1-F02-010"));
  g_assert_true (history_has (f, new_id, "Created", "Split from L1-F02-009"));
  ids[0] = id;
  ids[1] = new_id;
  g_assert_true (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_no_error (error);
  g_clear_pointer (&new_id, g_free);
  g_assert_true (pw_room_ledger_split (f->store, id, line, 2, &new_id, &error));
  g_assert_no_error (error);
  g_clear_object (&part);
  part = pw_ledger_load_space (f->store, new_id, &error);
  g_assert_cmpstr (pw_space_get_code (part), ==, "L1-F02-011");
}

/* The spaces of the store as a text: what an undo must give back. */
static char *
spaces_text (Fixture *f)
{
  GString *out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT id, code, kind, status, status_since, gross_area, internal_area, usable_area,"
    " outline FROM space ORDER BY id", NULL);
  int rc;

  g_assert_nonnull (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, c);
          g_string_append_printf (out, "%s|", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return g_string_free (out, FALSE);
}

/* Each edit is one change of the store (one commit) that core's undo answers:
 * undoing a split gives every space back as it was, and so does undoing a merge. */
static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autofree char *new_id = NULL, *was = spaces_text (f), *split = NULL, *now = NULL;
  g_autoptr(PwChange) split_change = NULL, merge_change = NULL;
  const PwPoint line[] = { { 100, 47.5 }, { 130, 47.5 } };
  guint64 revision = pw_store_get_revision (f->store);
  const char *ids[2];

  pw_store_record_begin (f->store);
  g_assert_true (pw_room_ledger_split (f->store, id, line, 2, &new_id, &error));
  g_assert_no_error (error);
  split_change = pw_store_record_end (f->store);
  g_assert_nonnull (split_change);
  g_assert_cmpuint (pw_store_get_revision (f->store), ==, revision + 1);
  now = spaces_text (f);
  g_assert_cmpstr (now, !=, was);
  g_clear_pointer (&now, g_free);

  g_assert_true (pw_store_undo (f->store, split_change, NULL, &error));
  g_assert_no_error (error);
  now = spaces_text (f);
  g_assert_cmpstr (now, ==, was);
  g_clear_pointer (&now, g_free);

  /* split again (the code given back is free again), then merge and undo the merge */
  g_clear_pointer (&new_id, g_free);
  g_assert_true (pw_room_ledger_split (f->store, id, line, 2, &new_id, &error));
  g_assert_no_error (error);
  split = spaces_text (f);
  ids[0] = id;
  ids[1] = new_id;
  revision = pw_store_get_revision (f->store);
  pw_store_record_begin (f->store);
  g_assert_true (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_no_error (error);
  merge_change = pw_store_record_end (f->store);
  g_assert_nonnull (merge_change);
  g_assert_cmpuint (pw_store_get_revision (f->store), ==, revision + 1);
  g_assert_true (pw_store_undo (f->store, merge_change, NULL, &error));
  g_assert_no_error (error);
  now = spaces_text (f);
  g_assert_cmpstr (now, ==, split);
}

static void
assert_unchanged (Fixture *f, const char *was)
{
  g_autofree char *now = snapshot (f);

  g_assert_cmpstr (now, ==, was);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *was = snapshot (f);
  g_autofree char *leased = space_id (f, "T1-F03-008");
  g_autofree char *leased_too = space_id (f, "T1-F03-009");
  g_autofree char *vacant = space_id (f, "L1-F02-009");
  g_autofree char *vacant_f1 = space_id (f, "L1-F01-008");
  g_autofree char *apart = space_id (f, "L1-F02-001");
  g_autofree char *new_id = NULL;
  g_autofree char *contract = NULL;
  const PwPoint across_leased[] = { { 7, -1 }, { 7, 10 } };
  const PwPoint outside[] = { { 0, 0 }, { 1, 1 } };
  const PwPoint across[] = { { 100, 47.5 }, { 130, 47.5 } };
  const char *ids[2];

  /* a room under a running contract names the contract */
  contract = pw_room_ledger_running_contract (f->store, leased, &error);
  g_assert_no_error (error);
  g_assert_nonnull (contract);
  g_assert_false (pw_room_ledger_split (f->store, leased, across_leased, 2, &new_id, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_HELD);
  g_assert_nonnull (strstr (error->message, contract));
  g_assert_nonnull (strstr (error->message, "T1-F03-008"));
  g_assert_null (new_id);
  g_clear_error (&error);
  assert_unchanged (f, was);

  ids[0] = leased;
  ids[1] = leased_too;
  g_assert_false (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_HELD);
  g_assert_nonnull (strstr (error->message, contract));
  g_clear_error (&error);
  assert_unchanged (f, was);

  /* a vacant room: held last in the list still refuses the whole merge */
  ids[0] = vacant;
  ids[1] = leased;
  g_assert_false (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_HELD);
  g_clear_error (&error);
  assert_unchanged (f, was);

  /* different floors */
  ids[0] = vacant;
  ids[1] = vacant_f1;
  g_assert_false (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_assert_nonnull (strstr (error->message, "different floors"));
  g_clear_error (&error);
  assert_unchanged (f, was);

  /* no shared wall: the geometry's refusal */
  ids[0] = vacant;
  ids[1] = apart;
  g_assert_false (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  assert_unchanged (f, was);

  /* one space twice, and one alone */
  ids[0] = vacant;
  ids[1] = vacant;
  g_assert_false (pw_room_ledger_merge (f->store, ids, 2, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  g_assert_false (pw_room_ledger_merge (f->store, ids, 1, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  assert_unchanged (f, was);

  /* a line that misses the room: the geometry's refusal */
  g_assert_false (pw_room_ledger_split (f->store, vacant, outside, 2, &new_id, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  assert_unchanged (f, was);

  /* a space without an outline */
  {
    g_autoptr(JsonObject) fields = json_object_new ();
    g_autoptr(PwSpace) space = pw_ledger_load_space (f->store, vacant, &error);
    g_autofree char *without = NULL;

    g_assert_no_error (error);
    json_object_set_null_member (fields, "outline");
    g_assert_true (pw_ledger_update_space (f->store, vacant, pw_space_get_version (space),
                                           fields, &error));
    g_assert_no_error (error);
    without = snapshot (f);
    g_assert_false (pw_room_ledger_split (f->store, vacant, across, 2, &new_id, &error));
    g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
    g_assert_nonnull (strstr (error->message, "L1-F02-009"));
    g_clear_error (&error);
    assert_unchanged (f, without);
  }
}

/* A room redrawn: the gross area follows the outline when it was the
 * outline's area; an outline over the neighbour is refused, writing nothing. */
static void
test_reshape (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autoptr(PwSpace) space = pw_ledger_load_space (f->store, id, &error);
  g_autoptr(PwSpace) after = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(PwPolygon) smaller = pw_polygon_new_rect (108, 38, 10, 22);
  g_autoptr(PwPolygon) over = pw_polygon_new_rect (100, 38, 18, 22);
  g_autofree char *state = NULL, *state_after = NULL;

  g_assert_no_error (error);
  /* as if the recorded gross area had been taken from the outline: 264.00 m² */
  json_object_set_int_member (fields, "gross_area", 26400);
  g_assert_true (pw_ledger_update_space (f->store, id, pw_space_get_version (space), fields, &error));
  g_assert_no_error (error);

  g_assert_true (pw_room_ledger_reshape (f->store, id, smaller, &error));
  g_assert_no_error (error);
  after = pw_ledger_load_space (f->store, id, &error);
  g_assert_cmpint (pw_space_get_gross_area (after), ==, 22000);
  g_assert_true (history_has (f, id, "Changed", "Outline redrawn: 264.00 m² → 220.00 m²"));

  state = snapshot (f);
  g_assert_false (pw_room_ledger_reshape (f->store, id, over, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_assert_nonnull (strstr (error->message, "L1-F02-"));
  state_after = snapshot (f);
  g_assert_cmpstr (state_after, ==, state);
}

/* A room drawn on a free part of L1-F02 (beyond x = 120): the floor's next code,
 * available, its areas the outline's; drawn over a room, refused. */
static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autofree char *new_id = NULL, *was = NULL;
  g_autoptr(PwSpace) neighbour = pw_ledger_load_space (f->store, id, &error);
  g_autoptr(PwSpace) created = NULL;
  g_autoptr(PwPolygon) room = pw_polygon_new_rect (120, 40, 5, 4.5);
  g_autoptr(PwPolygon) over = pw_polygon_new_rect (118, 50, 5, 4);
  g_autoptr(PwPolygon) bow = NULL;
  const PwPoint crossed[] = { { 130, 0 }, { 134, 4 }, { 134, 0 }, { 130, 4 } };
  gint64 n_spaces = pw_store_count (f->store, "space");

  g_assert_no_error (error);
  g_assert_true (pw_room_ledger_create (f->store, pw_space_get_floor_id (neighbour), room,
                                        "office", &new_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, n_spaces + 1);
  created = pw_ledger_load_space (f->store, new_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_space_get_code (created), ==, "L1-F02-010");
  g_assert_cmpint (pw_space_get_kind (created), ==, PW_SPACE_KIND_OFFICE);
  g_assert_cmpint (pw_space_get_status (created), ==, PW_SPACE_STATUS_AVAILABLE);
  g_assert_cmpint (pw_space_get_internal_area (created), ==, 2250);
  g_assert_cmpint (pw_space_get_gross_area (created), ==, 2250);
  g_assert_cmpint (pw_space_get_usable_area (created), ==, 2250);
  g_assert_true (history_has (f, new_id, "Created", "Drawn on the plan"));

  was = snapshot (f);
  g_assert_false (pw_room_ledger_create (f->store, pw_space_get_floor_id (neighbour), over,
                                         "office", NULL, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_assert_nonnull (strstr (error->message, "L1-F02-009"));
  g_clear_error (&error);
  assert_unchanged (f, was);

  bow = pw_polygon_new (crossed, G_N_ELEMENTS (crossed));
  g_assert_false (pw_room_ledger_create (f->store, pw_space_get_floor_id (neighbour), bow,
                                         "office", NULL, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  g_assert_false (pw_room_ledger_create (f->store, pw_space_get_floor_id (neighbour), room,
                                         "ballroom", NULL, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_clear_error (&error);
  assert_unchanged (f, was);
}

/* The apportioned common share of space @id, as core loads it. */
static gint64
share_of (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len; i++)
    if (g_str_equal (pw_space_get_id (spaces->pdata[i]), id))
      return pw_space_get_share_area (spaces->pdata[i]);
  g_assert_not_reached ();
}

/* The wall between L1-F02-008 (a common area, 108…120 × 30…38) and L1-F02-009
 * (108…120 × 38…60) moved 2 m south: without shared walls it would overlap
 * L1-F02-008 and is refused; with them both rooms change, in one step that
 * undoes as one. */
static void
test_reshape_shared (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = space_id (f, "L1-F02-009"), *id8 = space_id (f, "L1-F02-008");
  g_autofree char *id6 = space_id (f, "L1-F02-006");
  g_autofree char *was = snapshot (f), *spaces_was = spaces_text (f), *now = NULL;
  g_autoptr(PwPolygon) lower = pw_polygon_new_rect (108, 36, 12, 24);
  g_autoptr(PwPolygon) lower6 = pw_polygon_new_rect (108, 11, 12, 11);
  g_autoptr(PwSpace) s9 = NULL, s8 = NULL;
  g_autoptr(PwChange) change = NULL;
  g_autoptr(PwPolygon) o8 = NULL;
  gint64 share9, share6;

  g_assert_false (pw_room_ledger_reshape_shared (f->store, id, lower, FALSE, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
  g_assert_nonnull (strstr (error->message, "L1-F02-008"));
  g_clear_error (&error);
  assert_unchanged (f, was);

  share9 = share_of (f, id);
  share6 = share_of (f, id6);
  pw_store_record_begin (f->store);
  g_assert_true (pw_room_ledger_reshape_shared (f->store, id, lower, TRUE, &error));
  g_assert_no_error (error);
  change = pw_store_record_end (f->store);
  g_assert_nonnull (change);

  s9 = pw_ledger_load_space (f->store, id, &error);
  g_assert_no_error (error);
  s8 = pw_ledger_load_space (f->store, id8, &error);
  g_assert_no_error (error);
  /* internal areas came from the outlines, so they follow; usable in proportion */
  g_assert_cmpint (pw_space_get_internal_area (s9), ==, 28800);
  g_assert_cmpint (pw_space_get_usable_area (s9), ==, (24024 * 28800 + 13200) / 26400);
  g_assert_cmpint (pw_space_get_internal_area (s8), ==, 7200);
  g_assert_cmpint (pw_space_get_usable_area (s8), ==, 6552);
  o8 = outline_of (s8);
  g_assert_cmpint (pw_polygon_area_centi (o8), ==, 7200);
  g_assert_true (pw_polygon_contains (o8, 114, 33));
  g_assert_false (pw_polygon_contains (o8, 114, 37));
  g_assert_true (history_has (f, id8, "Changed",
                              "Shared wall moved with L1-F02-009: 96.00 m² → 72.00 m²"));
  g_assert_true (history_has (f, id, "Changed", "Outline redrawn: 264.00 m² → 288.00 m²"));
  /* the floor's common area shrank and L1-F02-009 grew: the shares follow at once */
  g_assert_cmpint (share_of (f, id6), <, share6);
  g_assert_cmpint (share_of (f, id), !=, share9);

  g_assert_true (pw_store_undo (f->store, change, NULL, &error));
  g_assert_no_error (error);
  now = spaces_text (f);
  g_assert_cmpstr (now, ==, spaces_was);
  g_assert_cmpint (share_of (f, id6), ==, share6);
  g_assert_cmpint (share_of (f, id), ==, share9);
  g_free (was);
  was = snapshot (f);

  /* L1-F02-006's south wall is shared with leased rooms: refused, naming a contract */
  g_assert_false (pw_room_ledger_reshape_shared (f->store, id6, lower6, TRUE, &error));
  g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_HELD);
  g_clear_error (&error);
  assert_unchanged (f, was);
}

/* The spaces of one floor (and the common shares of the whole park, which the
 * floor's areas feed) through core's own loading, as text: id, code, status,
 * the three recorded areas, the apportioned share and chargeable area, and the
 * outline exactly as stored. */
static char *
floor_text (Fixture *f, const char *floor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = spaces->pdata[i];
      gboolean on_floor = g_strcmp0 (pw_space_get_floor_id (space), floor_id) == 0;

      g_string_append_printf (out, "%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT,
                              pw_space_get_id (space), pw_space_get_share_area (space),
                              pw_space_get_chargeable_area (space));
      if (on_floor)
        g_string_append_printf (out, "|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                "|%" G_GINT64_FORMAT "|%s",
                                pw_space_get_code (space),
                                pw_space_status_to_string (pw_space_get_status (space)),
                                pw_space_get_gross_area (space),
                                pw_space_get_internal_area (space),
                                pw_space_get_usable_area (space),
                                pw_space_get_outline (space) ? pw_space_get_outline (space)
                                                             : "NULL");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* The ids of the floor's spaces that stand on the plan. */
static GPtrArray *
floor_rooms (Fixture *f, const char *floor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = spaces->pdata[i];

      if (g_strcmp0 (pw_space_get_floor_id (space), floor_id) == 0
          && pw_space_get_status (space) != PW_SPACE_STATUS_DISPOSED
          && pw_space_get_outline (space) != NULL)
        g_ptr_array_add (ids, g_strdup (pw_space_get_id (space)));
    }
  return ids;
}

static PwPolygon *
outline_of_id (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) space = pw_ledger_load_space (f->store, id, &error);

  g_assert_no_error (error);
  return outline_of (space);
}

/* One random edit of floor L1-F02: a split, a merge, a corner or a room moved
 * with its shared walls, or a new room. Returns whether it was written; a
 * refusal (many are: leased rooms, overlaps, lines that miss) must write
 * nothing at all. @originals are the spaces there before the sequence. */
static gboolean
random_edit (Fixture *f, GRand *rand, const char *floor_id, GHashTable *originals,
             char **what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = floor_rooms (f, floor_id);
  g_autofree char *before = snapshot (f);
  const char *id = rooms->pdata[g_rand_int_range (rand, 0, rooms->len)];
  g_autoptr(PwPolygon) outline = outline_of_id (f, id);
  double x0, y0, x1, y1;
  gboolean ok = FALSE;

  pw_polygon_bounds (outline, &x0, &y0, &x1, &y1);
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0: /* split across, at a whole decimetre */
      {
        g_autofree char *new_id = NULL;
        PwPoint line[2];

        if (g_rand_boolean (rand))
          {
            double x = floor ((x0 + (x1 - x0) * g_rand_double_range (rand, 0.2, 0.8)) * 10) / 10;

            line[0] = (PwPoint) { x, y0 - 1 };
            line[1] = (PwPoint) { x, y1 + 1 };
          }
        else
          {
            double y = floor ((y0 + (y1 - y0) * g_rand_double_range (rand, 0.2, 0.8)) * 10) / 10;

            line[0] = (PwPoint) { x0 - 1, y };
            line[1] = (PwPoint) { x1 + 1, y };
          }
        ok = pw_room_ledger_split (f->store, id, line, 2, &new_id, &error);
        *what = g_strdup ("split");
        break;
      }
    case 1: /* merge with a room of the floor: most pairs share no wall. A
             * space made in the sequence is only ever the one kept, never the
             * one disposed: a disposal gives it a status history, and undoing
             * its split could then not remove it (docs/plan-editing.md, "Undo
             * from the command line"; the same holds for the app's undo). */
      {
        const char *ids[2] = { id, NULL };
        guint first = g_rand_int_range (rand, 0, rooms->len);

        /* a neighbour it shares a wall with, if any */
        for (guint k = 0; k < rooms->len && ids[1] == NULL; k++)
          {
            const char *other = rooms->pdata[(first + k) % rooms->len];
            g_autoptr(PwPolygon) theirs = NULL;
            g_autoptr(PwPolygon) merged = NULL;
            PwPolygon *pair[2];

            if (g_str_equal (other, id) || !g_hash_table_contains (originals, other))
              continue;
            theirs = outline_of_id (f, other);
            pair[0] = outline;
            pair[1] = theirs;
            merged = pw_room_merge (pair, 2, NULL);
            if (merged != NULL)
              ids[1] = other;
          }
        if (ids[1] == NULL)
          return FALSE;
        ok = pw_room_ledger_merge (f->store, ids, 2, &error);
        *what = g_strdup ("merge");
        break;
      }
    case 2: /* a corner moved by up to 1 m, with the walls it shares */
    case 3: /* the whole room moved by up to 0.5 m, with the walls it shares */
      {
        g_autoptr(PwPolygon) moved = NULL;
        guint n;
        double dx = (g_rand_int_range (rand, -10, 11)) / 10.0;
        double dy = (g_rand_int_range (rand, -10, 11)) / 10.0;

        pw_polygon_get_outer (outline, &n);
        if (g_rand_boolean (rand))
          {
            guint k = g_rand_int_range (rand, 0, n);
            const PwPoint *pts = pw_polygon_get_outer (outline, NULL);
            PwPoint p = { pts[k].x + dx, pts[k].y + dy };

            moved = pw_room_move_vertex (outline, 0, k, &p);
          }
        else
          moved = pw_room_transform (outline, dx / 2, dy / 2, 0, NULL);
        ok = pw_room_ledger_reshape_shared (f->store, id, moved, TRUE, &error);
        *what = g_strdup ("reshape");
        break;
      }
    default: /* a new room beside the building */
      {
        g_autoptr(PwPolygon) room = pw_polygon_new_rect (g_rand_int_range (rand, 121, 140),
                                                         g_rand_int_range (rand, 0, 56),
                                                         g_rand_int_range (rand, 1, 6),
                                                         g_rand_int_range (rand, 1, 5));
        g_autofree char *new_id = NULL;

        ok = pw_room_ledger_create (f->store, floor_id, room, "storage", &new_id, &error);
        *what = g_strdup ("create");
        break;
      }
    }
  if (!ok)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == PW_PLAN_ERROR);
      assert_unchanged (f, before);
    }
  return ok;
}

typedef struct
{
  Fixture    *f;
  GRand      *rand;
  const char *floor_id;
  GHashTable *originals;
  char       *what;
  gboolean    written;
} RandomEdit;

static gboolean
do_random_edit (PwStore *store, gpointer data, GError **error)
{
  RandomEdit *e = data;

  g_clear_pointer (&e->what, g_free);
  e->written = random_edit (e->f, e->rand, e->floor_id, e->originals, &e->what);
  return TRUE;
}

/* Random sequences of edits on L1-F02, each remembered as parkwise-cli remembers
 * its edits (pw_room_journal_apply); undoing all of them, last first, gives the
 * floor back byte for byte: every space's code, status, areas and outline
 * text, and every share of the park. */
static void
test_random_undo (Fixture *f, gconstpointer data)
{
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) anchor = pw_ledger_load_space (f->store, id, &error);
  g_autofree char *floor_id = g_strdup (pw_space_get_floor_id (anchor));
  g_autofree char *was = floor_text (f, floor_id);
  g_autoptr(GHashTable) originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) start = floor_rooms (f, floor_id);
  guint written = 0, kinds[4] = { 0 };

  for (guint i = 0; i < start->len; i++)
    g_hash_table_add (originals, g_strdup (start->pdata[i]));
  for (guint round = 0; round < 4; round++)
    {
      RandomEdit e = { f, g_rand_new_with_seed (20261207 + round), floor_id, originals, NULL,
                       FALSE };
      g_autofree char *now = NULL;
      guint in_round = 0;
      gint64 audit, outbox;

      for (guint step = 0; step < 40; step++)
        {
          audit = pw_store_count (f->store, "audit");
          g_assert_true (pw_room_journal_apply (f->store, "random", "", do_random_edit, &e,
                                                &error));
          g_assert_no_error (error);
          if (!e.written)
            {
              g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
              continue;
            }
          in_round++;
          kinds[g_str_equal (e.what, "split") ? 0 : g_str_equal (e.what, "merge") ? 1
                : g_str_equal (e.what, "reshape") ? 2 : 3]++;
        }
      audit = pw_store_count (f->store, "audit");
      outbox = pw_store_count (f->store, "outbox");
      for (guint i = 0; i < in_round; i++)
        {
          g_autofree char *command = NULL;

          g_assert_true (pw_room_journal_undo (f->store, &command, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (command, ==, "random");
        }
      /* each undo is a change of its own: audited, and in the outbox for the sync */
      g_assert_cmpint (pw_store_count (f->store, "audit"), >=, audit + in_round);
      g_assert_cmpint (pw_store_count (f->store, "outbox"), >=, outbox + in_round);
      g_assert_false (pw_room_journal_undo (f->store, NULL, NULL, &error));
      g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT);
      g_clear_error (&error);
      now = floor_text (f, floor_id);
      g_assert_cmpstr (now, ==, was);
      written += in_round;
      g_free (e.what);
      g_rand_free (e.rand);
    }
  /* the sequences did edit, of every kind */
  g_test_message ("%u edits written: %u splits, %u merges, %u reshapes, %u new rooms", written,
                  kinds[0], kinds[1], kinds[2], kinds[3]);
  for (guint k = 0; k < 4; k++)
    g_assert_cmpuint (kinds[k], >, 0);
}

/* floor_text() without the spaces not in @ids (the ones an edit made), each of which
 * must be disposed and off the plan (no outline). */
static char *
floor_text_of (Fixture *f, const char *floor_id, GHashTable *ids)
{
  g_autofree char *all = floor_text (f, floor_id);
  g_auto(GStrv) lines = g_strsplit (all, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "|", -1);

      if (g_hash_table_contains (ids, fields[0]))
        g_string_append_printf (out, "%s\n", lines[i]);
      else
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PwSpace) space = pw_ledger_load_space (f->store, fields[0], &error);

          g_assert_no_error (error);
          g_assert_cmpint (pw_space_get_status (space), ==, PW_SPACE_STATUS_DISPOSED);
          g_assert_null (pw_space_get_outline (space));
        }
    }
  return g_string_free (out, FALSE);
}

/* Split, merge the new part away, undo the merge, undo the split, as the editor's
 * undo list does (pw_store_undo_step, then in one call pw_store_undo_steps): the
 * floor is back byte for byte (every space's code, status, areas, outline text,
 * every share of the park). The history the merge wrote and its undo answered does
 * not block the split's undo; it stays, so the new part stays too, retired. */
static void
test_split_merge_undo (Fixture *f, gconstpointer data)
{
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) anchor = pw_ledger_load_space (f->store, id, &error);
  g_autofree char *floor_id = g_strdup (pw_space_get_floor_id (anchor));
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_autofree char *was = NULL, *now = NULL;
  const PwPoint line[] = { { 100, 47.5 }, { 130, 47.5 } };

  for (guint i = 0; i < spaces->len; i++)
    g_hash_table_add (ids, g_strdup (pw_space_get_id (spaces->pdata[i])));
  was = floor_text_of (f, floor_id, ids);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(PwChange) split = NULL, merge = NULL, merge_undone = NULL, split_undone = NULL;
      g_autoptr(GPtrArray) undos = NULL;
      g_autofree char *new_id = NULL, *code = NULL, *kept_code = NULL, *reason = NULL;
      const char *merged[2];

      pw_store_record_begin (f->store);
      g_assert_true (pw_room_ledger_split (f->store, id, line, 2, &new_id, &error));
      g_assert_no_error (error);
      split = pw_store_record_end (f->store);
      {
        g_autoptr(PwSpace) kept = pw_ledger_load_space (f->store, id, &error);

        /* a letter is never given twice: the retired part keeps its own */
        kept_code = g_strdup (pw_space_get_code (kept));
        g_assert_cmpstr (kept_code, ==, round == 0 ? "L1-F02-009A" : "L1-F02-009C");
      }
      merged[0] = id;
      merged[1] = new_id;
      pw_store_record_begin (f->store);
      g_assert_true (pw_room_ledger_merge (f->store, merged, 2, &error));
      g_assert_no_error (error);
      merge = pw_store_record_end (f->store);
      g_assert_nonnull (split);
      g_assert_nonnull (merge);
      {
        g_autoptr(PwSpace) part = pw_ledger_load_space (f->store, new_id, &error);

        code = g_strdup (pw_space_get_code (part));
      }

      if (round == 0)
        {
          g_assert_true (pw_store_undo_step (f->store, merge, NULL, NULL, &merge_undone, &error));
          g_assert_no_error (error);
          g_assert_true (pw_store_undo_step (f->store, split, NULL, NULL, &split_undone, &error));
          g_assert_no_error (error);
        }
      else
        {
          PwChange *steps[2] = { merge, split };

          g_assert_true (pw_store_undo_steps (f->store, steps, 2, NULL, NULL, &undos, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (undos->len, ==, 2);
        }
      now = floor_text_of (f, floor_id, ids);
      g_assert_cmpstr (now, ==, was);
      g_clear_pointer (&now, g_free);
      /* the new part's history reads on: made by the split, disposed by the merge,
       * back by its undo, and retired by the split's undo */
      g_assert_true (history_has (f, new_id, "Created", "Split from L1-F02-009"));
      reason = g_strdup_printf ("Merged into %s", kept_code);
      g_assert_true (history_has (f, new_id, "Disposed", reason));
      {
        g_autoptr(GPtrArray) history = pw_ledger_load_history (f->store, new_id, &error);
        guint undone = 0;

        g_assert_no_error (error);
        for (guint i = 0; i < history->len; i++)
          {
            PwHistoryEntry *e = history->pdata[i];

            undone += g_strcmp0 (e->reason, "Undone: Split from L1-F02-009") == 0;
          }
        g_assert_cmpuint (undone, ==, 1);
      }
      g_test_message ("round %u: the part %s retired", round, code);
    }
}

/* Everything an undo writes, as text to compare two stores: every space (but
 * its times), the status history and lifecycle events (but their ids and times),
 * the audit trail and the outbox in order (the records' ids but those of the new
 * history rows, each row before and after, the fields pushed, the outbox numbers
 * and versions), and the outbox's next number. */
static char *
store_text (PwStore *store)
{
  static const char *const queries[] = {
    "SELECT id, version, park_id, floor_id, code, name, kind, status, gross_area,"
    " internal_area, usable_area, leasable, takes_share, pool_level, area_basis, outline, notes,"
    " status_since FROM space ORDER BY id",
    "SELECT space_id, from_status, to_status, effective_date, reason FROM space_status"
    " ORDER BY rowid",
    "SELECT entity, entity_id, event, event_date, note FROM lifecycle_event ORDER BY rowid",
    "SELECT count(*) FROM audit",
    "SELECT entity, op, mid,"
    " CASE WHEN op = 'insert' AND entity IN ('space_status', 'lifecycle_event') THEN ''"
    "  ELSE entity_id END,"
    " json_remove (before, '$.updated_at', '$.created_at'),"
    " CASE WHEN op = 'insert' AND entity IN ('space_status', 'lifecycle_event')"
    "  THEN json_remove (after, '$.id', '$.updated_at', '$.created_at')"
    "  ELSE json_remove (after, '$.updated_at', '$.created_at') END"
    " FROM audit ORDER BY seq",
    "SELECT mid, client_id, entity, op, fields, base_version, state,"
    " CASE WHEN op = 'insert' AND entity IN ('space_status', 'lifecycle_event') THEN ''"
    "  ELSE entity_id END FROM outbox ORDER BY mid",
    "SELECT value FROM meta WHERE key = 'next_mid'",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, queries[q], NULL);
      int rc;

      g_assert_nonnull (stmt);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (out, "%s|", text ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      g_assert_cmpint (rc, ==, SQLITE_DONE);
      g_string_append (out, "--\n");
    }
  return g_string_free (out, FALSE);
}

/* 200 random edits of L1-F02 (splits, merges, corners and rooms moved with their
 * shared walls, new rooms), each recorded as the editor records it, undone on
 * two copies of the store: one by one (pw_store_undo_step, 200 transactions) and
 * in one call (pw_store_undo_steps, one transaction). The two stores are then the
 * same: every record, area and outline, the history, the audit trail row for row
 * and the outbox the sync pushes, but for times and the ids of new history rows;
 * and the floor is back as it was before the edits. */
static void
test_undo_steps_equal (Fixture *f, gconstpointer data)
{
  const guint n_steps = 200;
  g_autofree char *id = space_id (f, "L1-F02-009");
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) anchor = pw_ledger_load_space (f->store, id, &error);
  g_autofree char *floor_id = g_strdup (pw_space_get_floor_id (anchor));
  g_autofree char *was = floor_text (f, floor_id);
  g_autoptr(GHashTable) originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) start = floor_rooms (f, floor_id);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  g_autoptr(GPtrArray) newest_first = g_ptr_array_new ();
  g_autoptr(GPtrArray) undos = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261208);
  g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *copy_shm = g_strconcat (copy, "-shm", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *one_by_one = NULL, *in_one_call = NULL, *floor_after = NULL;
  g_autoptr(PwStore) other = NULL;
  Fixture in_copy = { NULL, NULL, NULL };
  gsize len;
  guint attempts = 0;

  for (guint i = 0; i < start->len; i++)
    g_hash_table_add (originals, g_strdup (start->pdata[i]));
  while (changes->len < n_steps)
    {
      g_autofree char *what = NULL;
      gboolean written;
      PwChange *change;

      g_assert_cmpuint (++attempts, <, 20 * n_steps);
      pw_store_record_begin (f->store);
      written = random_edit (f, rand, floor_id, originals, &what);
      change = pw_store_record_end (f->store);
      g_assert_true (written == (change != NULL));
      if (change != NULL)
        g_ptr_array_add (changes, change);
    }

  /* the same database twice: the copy is taken with the store closed */
  g_clear_object (&f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &len, &error));
  g_assert_true (g_file_set_contents (copy, contents, len, &error));
  g_assert_no_error (error);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  other = pw_store_open (copy, &error);
  g_assert_no_error (error);
  pw_ledger_attach (other);

  for (guint i = n_steps; i > 0; i--)
    {
      g_assert_true (pw_store_undo_step (f->store, changes->pdata[i - 1], NULL, NULL, NULL,
                                         &error));
      g_assert_no_error (error);
      g_ptr_array_add (newest_first, changes->pdata[i - 1]);
    }
  g_assert_true (pw_store_undo_steps (other, (PwChange *const *) newest_first->pdata, n_steps,
                                      NULL, NULL, &undos, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undos->len, ==, n_steps);

  one_by_one = store_text (f->store);
  in_one_call = store_text (other);
  g_assert_cmpstr (in_one_call, ==, one_by_one);
  /* and the undo did undo: the floor is as before the edits, byte for byte */
  in_copy.store = other;
  floor_after = floor_text (&in_copy, floor_id);
  g_assert_cmpstr (floor_after, ==, was);

  /* redo stays step by step: the oldest step's answer, undone on its own, is the
   * oldest edit again */
  g_assert_true (pw_store_undo_step (other, undos->pdata[n_steps - 1], NULL, NULL, NULL,
                                     &error));
  g_assert_no_error (error);
  g_test_message ("%u edits in %u attempts undone alike", n_steps, attempts);

  g_clear_object (&other);
  g_unlink (copy);
  g_unlink (copy_wal);
  g_unlink (copy_shm);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/plan/room-ledger/split-then-merge", Fixture, NULL, fixture_set_up,
              test_split_then_merge, fixture_tear_down);
  g_test_add ("/plan/room-ledger/split-next-codes", Fixture, NULL, fixture_set_up,
              test_split_next_codes, fixture_tear_down);
  g_test_add ("/plan/room-ledger/undo", Fixture, NULL, fixture_set_up, test_undo,
              fixture_tear_down);
  g_test_add ("/plan/room-ledger/split-merge-undo", Fixture, NULL, fixture_set_up,
              test_split_merge_undo, fixture_tear_down);
  g_test_add ("/plan/room-ledger/refusals", Fixture, NULL, fixture_set_up, test_refusals,
              fixture_tear_down);
  g_test_add ("/plan/room-ledger/reshape", Fixture, NULL, fixture_set_up, test_reshape,
              fixture_tear_down);
  g_test_add ("/plan/room-ledger/random-undo", Fixture, NULL, fixture_set_up, test_random_undo,
              fixture_tear_down);
  g_test_add ("/plan/room-ledger/create", Fixture, NULL, fixture_set_up, test_create,
              fixture_tear_down);
  g_test_add ("/plan/room-ledger/reshape-shared", Fixture, NULL, fixture_set_up,
              test_reshape_shared, fixture_tear_down);
  g_test_add ("/plan/room-ledger/undo-steps-equal", Fixture, NULL, fixture_set_up,
              test_undo_steps_equal, fixture_tear_down);
  return g_test_run ();
}
