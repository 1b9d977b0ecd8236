/* bench-plan-edit.c — the floor-plan editor's costs: a snapping query on a 5,000-room
 * floor, and undoing 1,000 edits through the store
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (docs/performance.md): ≤ 20 µs per snapping query, ≤ 100 ms to undo 1,000 steps
 * (one by one, and in one call of pw_store_undo_steps). */
#include <math.h>
#include <sys/resource.h>

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

static double
cpu_ms (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec * 1000.0 + ru.ru_utime.tv_usec / 1000.0
         + ru.ru_stime.tv_sec * 1000.0 + ru.ru_stime.tv_usec / 1000.0;
}

typedef struct
{
  char      *dir;
  char      *path;
  PwStore   *store;
  GPtrArray *changes; /* of PwChange, oldest first */
  double     edit_ms;
} EditedStore;

/* A store in a new folder under @parent (NULL: the temporary folder) with the
 * demo park and @n_steps outline edits of one vacant room, each a committed
 * transaction, recorded as the editor records them. */
static void
edited_store_open (EditedStore *e, const char *parent, guint n_steps)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_build_filename (parent != NULL ? parent : g_get_tmp_dir (),
                                                "bench-plan-edit-XXXXXX", NULL);
  g_autoptr(GPtrArray) spaces = NULL;
  g_autoptr(PwPolygon) base = NULL;
  const char *space_id = NULL;
  gint64 start;

  e->dir = g_mkdtemp (g_strdup (template));
  if (e->dir == NULL)
    g_error ("cannot make a folder like %s", template);
  e->path = g_build_filename (e->dir, "park.db", NULL);
  e->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
  e->store = pw_store_open (e->path, &error);
  if (e->store == NULL)
    g_error ("%s", error->message);
  pw_ledger_attach (e->store);
  if (!pw_demo_seed (e->store, &error))
    g_error ("%s", error->message);
  spaces = pw_ledger_load_spaces (e->store, NULL, &error);
  for (guint i = 0; spaces != NULL && i < spaces->len && space_id == NULL; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      g_autofree char *held = NULL;

      if (pw_space_get_outline (space) == NULL || pw_space_get_status (space) != PW_SPACE_STATUS_AVAILABLE)
        continue;
      held = pw_room_ledger_running_contract (e->store, pw_space_get_id (space), NULL);
      if (held != NULL)
        continue;
      space_id = pw_space_get_id (space);
      base = pw_polygon_new_from_json (pw_space_get_outline (space), NULL);
    }
  if (space_id == NULL || base == NULL)
    g_error ("the demo park has no vacant room with an outline");

  /* the room's outline shrunk by 1 mm towards its centre and back, in turn */
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
      pw_store_record_begin (e->store);
      if (!pw_room_ledger_reshape (e->store, space_id, outline, &error))
        g_error ("step %u: %s", s, error->message);
      change = pw_store_record_end (e->store);
      if (change == NULL)
        g_error ("step %u recorded nothing", s);
      g_ptr_array_add (e->changes, change);
    }
  e->edit_ms = bench_ms_since (start);
}

static void
edited_store_close (EditedStore *e)
{
  g_autofree char *wal = g_strconcat (e->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (e->path, "-shm", NULL);

  g_clear_object (&e->store);
  g_ptr_array_unref (e->changes);
  g_unlink (e->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (e->dir);
  g_free (e->path);
  g_free (e->dir);
}

/* 1,000 edits undone, newest first: one by one (each its own transaction, as the
 * editor's Ctrl+Z does once), or all in one call of pw_store_undo_steps (one
 * transaction, as a queued run of Ctrl+Z, "Undo All Edits" or `plan undo --steps`). */
static void
bench_undo (const char *parent, gboolean one_call)
{
  const guint n_steps = 1000;
  g_autoptr(GError) error = NULL;
  EditedStore e = { 0 };
  gint64 start;
  double undo_ms, cpu;

  edited_store_open (&e, parent, n_steps);
  if (!one_call)
    printf ("store in %s:\n  edits: %u outline edits in %.0f ms (%.2f ms each)\n",
            parent != NULL ? parent : g_get_tmp_dir (), n_steps, e.edit_ms, e.edit_ms / n_steps);

  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  if (one_call)
    {
      g_autoptr(GPtrArray) newest_first = g_ptr_array_new ();
      g_autoptr(GPtrArray) undos = NULL;

      for (guint s = n_steps; s > 0; s--)
        g_ptr_array_add (newest_first, g_ptr_array_index (e.changes, s - 1));
      if (!pw_store_undo_steps (e.store, (PwChange *const *) newest_first->pdata, n_steps, NULL,
                                NULL, &undos, &error))
        g_error ("undo of %u steps: %s", n_steps, error->message);
      if (undos->len != n_steps)
        g_error ("%u steps undone, %u answers", n_steps, undos->len);
    }
  else
    for (guint s = n_steps; s > 0; s--)
      if (!pw_store_undo_step (e.store, g_ptr_array_index (e.changes, s - 1), NULL, NULL, NULL,
                               &error))
        g_error ("undo of step %u: %s", s, error->message);
  undo_ms = bench_ms_since (start);
  cpu = cpu_ms () - cpu;

  if (one_call)
    printf ("  undo: %u steps in one call (one transaction) in %.0f ms (CPU %.0f ms) — %s the "
            "target of 100 ms\n", n_steps, undo_ms, cpu, undo_ms <= 100 ? "within" : "OVER");
  else
    printf ("  undo: %u steps one by one (a transaction each) in %.0f ms, %.3f ms per step "
            "(CPU %.0f ms, %.3f ms per step) — %s the target of 100 ms\n", n_steps, undo_ms,
            undo_ms / n_steps, cpu, cpu / n_steps, undo_ms <= 100 ? "within" : "OVER");
  edited_store_close (&e);
}

int
main (int argc, char **argv)
{
  /* a folder as the only argument: the undo benchmarks there only */
  if (argc > 1)
    {
      bench_undo (argv[1], FALSE);
      bench_undo (argv[1], TRUE);
      return 0;
    }
  bench_snap ();
  bench_undo (NULL, FALSE);
  bench_undo (NULL, TRUE);
  /* the same in memory, where a commit does not wait for the disk */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    {
      bench_undo ("/dev/shm", FALSE);
      bench_undo ("/dev/shm", TRUE);
    }
  return 0;
}
