/* bench-plan-edit.c — the floor-plan editor's costs: a snapping query on a 5,000-room
 * floor, and undoing 1,000 edits through the store
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (docs/performance.md): ≤ 20 µs per snapping query, ≤ 100 ms to undo 1,000 steps. */
#include <math.h>

#include "bench-common.h"
#include "pw-change.h"
#include "pw-demo.h"
#include "pw-plan-snap.h"
#include "pw-room-ledger.h"

static void
bench_snap (void)
{
  g_autoptr(PwPlanSnap) snap = pw_plan_snap_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (5000);
  const guint side = 71;  /* 71 × 71 ≈ 5,000 rooms of 6 × 4 m, walls shared */
  const guint n_queries = 200000;
  guint n_rooms = 0, hits = 0;
  PwSnapOptions o = { PW_SNAP_TO_ALL, 0.25, 0.5, NULL, -1 };
  PwPoint from = { 0, 0 };
  gint64 start;
  double build_ms, us;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < side && n_rooms < 5000; i++)
    for (guint j = 0; j < side && n_rooms < 5000; j++)
      {
        g_autoptr(PwPolygon) room = pw_polygon_new_rect (i * 6.0, j * 4.0, 6, 4);

        pw_plan_snap_add (snap, (int) n_rooms++, room);
      }
  {
    /* the first query builds the index */
    PwSnapResult r;
    PwPoint p = { 1, 1 };

    pw_plan_snap_query (snap, &p, &o, &r);
  }
  build_ms = bench_ms_since (start);

  start = g_get_monotonic_time ();
  for (guint q = 0; q < n_queries; q++)
    {
      PwPoint p = { g_rand_double_range (rand, -2, side * 6.0 + 2),
                    g_rand_double_range (rand, -2, side * 4.0 + 2) };
      PwSnapResult r;

      from.x = p.x - 3;
      from.y = p.y - 0.1;
      o.from = (q & 1) ? &from : NULL;
      hits += pw_plan_snap_query (snap, &p, &o, &r);
    }
  us = bench_ms_since (start) * 1000.0 / n_queries;
  printf ("snap: %u rooms, %u walls; index built in %.1f ms; %u queries, %.2f µs per query "
          "(%u snapped) — target ≤ 20 µs\n",
          n_rooms, pw_plan_snap_get_n_edges (snap), build_ms, n_queries, us, hits);
}

/* 1,000 edits and their undo on a store in a new folder under @parent (NULL: the
 * temporary folder), each a committed transaction. */
static void
bench_undo (const char *parent)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_build_filename (parent != NULL ? parent : g_get_tmp_dir (),
                                                "bench-plan-edit-XXXXXX", NULL);
  g_autofree char *dir = g_mkdtemp (g_strdup (template));
  g_autofree char *path = g_build_filename (dir, "park.db", NULL);
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  g_autoptr(PwPolygon) base = NULL;
  const char *space_id = NULL;
  const guint n_steps = 1000;
  gint64 start;
  double edit_ms, undo_ms;

  if (dir == NULL)
    g_error ("cannot make a folder like %s", template);
  store = pw_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  pw_ledger_attach (store);
  if (!pw_demo_seed (store, &error))
    g_error ("%s", error->message);
  spaces = pw_ledger_load_spaces (store, NULL, &error);
  for (guint i = 0; spaces != NULL && i < spaces->len && space_id == NULL; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      g_autofree char *held = NULL;

      if (pw_space_get_outline (space) == NULL || pw_space_get_status (space) != PW_SPACE_STATUS_AVAILABLE)
        continue;
      held = pw_room_ledger_running_contract (store, pw_space_get_id (space), NULL);
      if (held != NULL)
        continue;
      space_id = pw_space_get_id (space);
      base = pw_polygon_new_from_json (pw_space_get_outline (space), NULL);
    }
  if (space_id == NULL || base == NULL)
    g_error ("the demo park has no vacant room with an outline");

  /* 1,000 steps: the room's outline shrunk by 1 mm towards its centre and back, in turn */
  start = g_get_monotonic_time ();
  for (guint s = 0; s < n_steps; s++)
    {
      guint n;
      const PwPoint *pts = pw_polygon_get_outer (base, &n);
      g_autofree PwPoint *moved = g_new (PwPoint, n);
      g_autoptr(PwPolygon) outline = NULL;
      double x0, y0, x1, y1, cx, cy, k = (s % 2 == 0) ? 0.999 : 1.0;
      PwChange *change;

      pw_polygon_bounds (base, &x0, &y0, &x1, &y1);
      cx = (x0 + x1) / 2;
      cy = (y0 + y1) / 2;
      for (guint i = 0; i < n; i++)
        {
          moved[i].x = cx + (pts[i].x - cx) * k;
          moved[i].y = cy + (pts[i].y - cy) * k;
        }
      outline = pw_polygon_new (moved, n);
      pw_store_record_begin (store);
      if (!pw_room_ledger_reshape (store, space_id, outline, &error))
        g_error ("step %u: %s", s, error->message);
      change = pw_store_record_end (store);
      if (change == NULL)
        g_error ("step %u recorded nothing", s);
      g_ptr_array_add (changes, change);
    }
  edit_ms = bench_ms_since (start);

  start = g_get_monotonic_time ();
  for (guint s = n_steps; s > 0; s--)
    if (!pw_store_undo_step (store, g_ptr_array_index (changes, s - 1), NULL, NULL, NULL, &error))
      g_error ("undo of step %u: %s", s, error->message);
  undo_ms = bench_ms_since (start);

  printf ("store in %s:\n", parent != NULL ? parent : g_get_tmp_dir ());
  printf ("  edits: %u outline edits in %.0f ms (%.2f ms each)\n", n_steps, edit_ms, edit_ms / n_steps);
  printf ("  undo: %u steps undone one by one in %.0f ms (%.3f ms each) — target ≤ 100 ms\n",
          n_steps, undo_ms, undo_ms / n_steps);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

int
main (int argc, char **argv)
{
  bench_snap ();
  bench_undo (NULL);
  /* the same in memory, where a commit does not wait for the disk */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    bench_undo ("/dev/shm");
  return 0;
}
