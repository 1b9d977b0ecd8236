/* bench-csv-import.c — preparing and committing a CSV file of 100,000 spaces
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target (optimised build): prepare + commit of 100,000 new rows within 3 s.
 * Also times re-preparing the same file (all unchanged) and exporting. */
#include <string.h>

#include "bench-common.h"
#include "pw-csv.h"

static GBytes *
generate_csv (guint n_buildings, guint n_floors, guint n_spaces)
{
  static const char *const kinds[] = { "office", "lab", "retail", "storage", "workshop" };
  static const char *const statuses[] = { "leased", "leased", "leased", "available", "reserved" };
  GString *csv = g_string_new ("code,building,floor,kind,name,status,gross_area,internal_area,"
                               "usable_area,leasable,takes_share,pool_level,area_basis,notes,"
                               "outline\r\n");

  for (guint b = 0; b < n_buildings; b++)
    for (guint f = 0; f < n_floors; f++)
      for (guint s = 0; s < n_spaces; s++)
        {
          gboolean corridor = s == 0;
          guint area = corridor ? 12000 : 2000 + (s * 7919u) % 30000u;

          g_string_append_printf (csv,
                                  "B%02u-F%02u-%04u,B%02u,F%02u,%s,%s %u,%s,0.00,%u.%02u,%u.%02u,"
                                  "%s,%s,%s,gross,%s,%s\r\n",
                                  b + 1, f + 1, s + 1, b + 1, f + 1,
                                  corridor ? "common_area" : kinds[s % 5],
                                  corridor ? "Corridor" : "Office", s + 1,
                                  corridor ? "available" : statuses[s % 5],
                                  area / 100, area % 100,
                                  area * 9 / 10 / 100, area * 9 / 10 % 100,
                                  corridor ? "false" : "true", corridor ? "false" : "true",
                                  corridor ? "floor" : "",
                                  s % 10 == 1 ? "\"Window side, quiet\"" : "",
                                  s % 50 == 2 ? "\"{\"\"outer\"\":[[0,0],[10,0],[10,8],[0,8]]}\""
                                              : "");
        }
  return g_string_free_to_bytes (csv);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-bench-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *park = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) exported = NULL;
  g_autoptr(PwCsvImport) import = NULL;
  g_autoptr(PwCsvImport) again = NULL;
  double prepare_ms, commit_ms;
  gint64 t;

  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (store);
  /* 10 buildings × 40 floors, no spaces: the file brings 250 per floor */
  park = bench_generate_park (store, 10, 40, 0);
  csv = generate_csv (10, 40, 250);
  printf ("CSV of 100,000 rows: %.1f MiB\n", g_bytes_get_size (csv) / 1048576.0);

  t = g_get_monotonic_time ();
  import = pw_csv_import_prepare (store, park, csv, "bench.csv", &error);
  g_assert_no_error (error);
  prepare_ms = bench_ms_since (t);
  g_assert_cmpuint (pw_csv_import_get_problems (import)->len, ==, 0);
  g_assert_cmpuint (pw_csv_import_get_n_new (import), ==, 100000);

  t = g_get_monotonic_time ();
  if (!pw_csv_import_commit (import, &error))
    g_error ("commit: %s", error->message);
  commit_ms = bench_ms_since (t);
  printf ("prepare 100,000 new rows: %.0f ms\n", prepare_ms);
  printf ("commit 100,000 new rows (one transaction): %.0f ms\n", commit_ms);
  printf ("prepare + commit: %.0f ms (target ≤ 3000 ms)\n", prepare_ms + commit_ms);

  t = g_get_monotonic_time ();
  again = pw_csv_import_prepare (store, park, csv, "bench.csv", &error);
  g_assert_no_error (error);
  printf ("prepare the same file again (all unchanged): %.0f ms\n", bench_ms_since (t));
  g_assert_cmpuint (pw_csv_import_get_n_unchanged (again), ==, 100000);

  t = g_get_monotonic_time ();
  exported = pw_csv_export (store, park, &error);
  g_assert_no_error (error);
  printf ("export 100,000 spaces: %.0f ms\n", bench_ms_since (t));
  g_assert_true (g_bytes_equal (csv, exported));
  printf ("resident memory: %.1f MiB\n", bench_rss_mib ());

  g_clear_object (&store);
  {
    static const char *const suffixes[] = { "", "-wal", "-shm" };
    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
