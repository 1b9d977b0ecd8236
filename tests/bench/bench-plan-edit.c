/* bench-plan-edit.c — the floor-plan editor's costs: a snapping query on a 5,000-room
 * floor, and undoing 1,000 edits through the store
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Targets (docs/performance.md): ≤ 20 µs per snapping query; ≤ 100 ms to undo 1,000 steps
 * in one call of pw_store_undo_steps (wall time, idle machine). The benchmark also
 * times them undone one by one, and prints best and median of several runs (third
 * argument, 5 by default) of wall and CPU time. */
#include <math.h>
#include <stdlib.h>
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
  /* the database file as the edits left it, copied for each run below */
  g_clear_object (&e->store);
}

static void
remove_store_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
edited_store_close (EditedStore *e)
{
  g_ptr_array_unref (e->changes);
  remove_store_files (e->path);
  g_rmdir (e->dir);
  g_free (e->path);
  g_free (e->dir);
}

/* A fresh copy of the edited store, opened (its pages not yet in any cache of
 * the store: as the editor's store after a session of edits, roughly). */
static PwStore *
edited_store_copy (EditedStore *e, char **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  PwStore *store;

  *path = g_build_filename (e->dir, "run.db", NULL);
  remove_store_files (*path);
  if (!g_file_get_contents (e->path, &contents, &len, &error)
      || !g_file_set_contents (*path, contents, len, &error))
    g_error ("%s", error->message);
  store = pw_store_open (*path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  pw_ledger_attach (store);
  return store;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* best and median of @n figures (sorts them) */
static void
best_median (double *v, guint n, double *best, double *median)
{
  qsort (v, n, sizeof *v, compare_double);
  *best = v[0];
  *median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The edits of @e undone newest first, @n_runs times, each on a fresh copy of
 * the store: one by one (each its own transaction, as the editor's Ctrl+Z does
 * once), or all in one call of pw_store_undo_steps (one transaction, as a queued
 * run of Ctrl+Z, "Undo All Edits" or `plan undo --steps`). Prints best and
 * median of wall and CPU time, and the wall time's ratio to the target. */
static void
bench_undo (EditedStore *e, gboolean one_call, guint n_runs)
{
  const guint n_steps = e->changes->len;
  g_autofree double *wall = g_new (double, n_runs);
  g_autofree double *cpu = g_new (double, n_runs);
  double wall_best, wall_median, cpu_best, cpu_median;

  for (guint run = 0; run < n_runs; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autoptr(PwStore) store = edited_store_copy (e, &path);
      g_autoptr(GPtrArray) undos = NULL; /* the redo list keeps them: freed after the timing */
      gint64 start;
      double cpu_start;

      start = g_get_monotonic_time ();
      cpu_start = cpu_ms ();
      if (one_call)
        {
          g_autoptr(GPtrArray) newest_first = g_ptr_array_new ();

          for (guint s = n_steps; s > 0; s--)
            g_ptr_array_add (newest_first, g_ptr_array_index (e->changes, s - 1));
          if (!pw_store_undo_steps (store, (PwChange *const *) newest_first->pdata, n_steps,
                                    NULL, NULL, &undos, &error))
            g_error ("undo of %u steps: %s", n_steps, error->message);
          if (undos->len != n_steps)
            g_error ("%u steps undone, %u answers", n_steps, undos->len);
        }
      else
        {
          undos = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_change_unref);
          for (guint s = n_steps; s > 0; s--)
            {
              PwChange *answer = NULL;

              if (!pw_store_undo_step (store, g_ptr_array_index (e->changes, s - 1), NULL, NULL,
                                       &answer, &error))
                g_error ("undo of step %u: %s", s, error->message);
              g_ptr_array_add (undos, answer);
            }
        }
      wall[run] = bench_ms_since (start);
      cpu[run] = cpu_ms () - cpu_start;
      g_clear_object (&store);
      remove_store_files (path);
    }
  best_median (wall, n_runs, &wall_best, &wall_median);
  best_median (cpu, n_runs, &cpu_best, &cpu_median);
  printf ("  undo %s: %u steps, %u runs: wall best %.1f ms, median %.1f ms (%.3f ms per step); "
          "CPU best %.1f ms, median %.1f ms — median wall %.2f× the target of 100 ms%s\n",
          one_call ? "in one call (one transaction)" : "one by one (a transaction each)",
          n_steps, n_runs, wall_best, wall_median, wall_median / n_steps, cpu_best, cpu_median,
          wall_median / 100.0, one_call ? (wall_median <= 100 ? " (within)" : " (OVER)") : "");
}

static void
bench_undo_in (const char *parent, const char *which, guint n_runs)
{
  const guint n_steps = 1000;
  EditedStore e = { 0 };

  edited_store_open (&e, parent, n_steps);
  printf ("store in %s:\n  edits: %u outline edits in %.0f ms (%.2f ms each)\n",
          parent != NULL ? parent : g_get_tmp_dir (), n_steps, e.edit_ms, e.edit_ms / n_steps);
  if (g_strcmp0 (which, "one") != 0)
    bench_undo (&e, FALSE, n_runs);
  if (g_strcmp0 (which, "each") != 0)
    bench_undo (&e, TRUE, n_runs);
  edited_store_close (&e);
}

/* Arguments: [FOLDER [one|each|both [RUNS]]]: the undo benchmarks only, with
 * the store in FOLDER; with none, the snapping query, then the undo benchmarks
 * in the temporary folder (the disk) and in /dev/shm (memory). */
int
main (int argc, char **argv)
{
  guint n_runs = argc > 3 ? (guint) MAX (1, atoi (argv[3])) : 5;

  if (argc > 1)
    {
      bench_undo_in (argv[1], argc > 2 ? argv[2] : "both", n_runs);
      return 0;
    }
  bench_snap ();
  bench_undo_in (NULL, "both", n_runs);
  /* the same in memory, where a commit does not wait for the disk */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    bench_undo_in ("/dev/shm", "both", n_runs);
  return 0;
}
