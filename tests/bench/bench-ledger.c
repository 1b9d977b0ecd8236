/* bench-ledger.c — the ledger with 100,000 spaces: write, load, apportion, summarise
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The load is measured in a fresh process (this program run again with
 * --load FILE) so that its resident memory is not mixed with the writer's. */
#include "bench-common.h"
#include "pw-summary.h"

static int
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  double rss0 = bench_rss_mib ();
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(GPtrArray) spaces = NULL;
  PwAreaSummary s;
  gint64 t;

  g_assert_no_error (error);
  t = g_get_monotonic_time ();
  spaces = pw_ledger_load_spaces (store, NULL, &error);
  g_assert_no_error (error);
  printf ("load and apportion %u spaces: %.0f ms\n", spaces->len, bench_ms_since (t));
  printf ("resident memory: %.1f MiB at start, %.1f MiB with the spaces loaded\n",
          rss0, bench_rss_mib ());

  t = g_get_monotonic_time ();
  pw_summary_compute (spaces, PW_NODE_PARK, NULL, &s);
  printf ("park summary over %u spaces: %.2f ms (gross %" G_GINT64_FORMAT ".%02d m²)\n",
          s.n_spaces, bench_ms_since (t), s.gross / 100, (int) (s.gross % 100));
  return 0;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *park = NULL;
  PwStore *store;
  gint64 t;

  if (argc == 3 && g_str_equal (argv[1], "--load"))
    return load (argv[2]);

  dir = g_dir_make_tmp ("parkwise-bench-XXXXXX", NULL);
  path = g_build_filename (dir, "bench.db", NULL);
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (store);
  t = g_get_monotonic_time ();
  park = bench_generate_park (store, 10, 40, 250);
  printf ("write 100,000 spaces through the mutation path (one transaction): %.0f ms\n",
          bench_ms_since (t));
  g_object_unref (store);

  {
    const char *child[] = { argv[0], "--load", path, NULL };
    int status;
    g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDOUT, NULL, NULL,
                  NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_remove (path);
    return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
  }
}
