/* bench-reading-import.c — importing 100,000 meter readings from CSV
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Target (optimised build): 100,000 readings (10,000 meters × 10 months) checked and
 * written through the mutation path in one transaction within 2 s. Each of BENCH_REPEAT
 * rounds (3 unless set) imports them into a copy of the park with its meters and no
 * readings; the best and the median are printed, CPU time of the thread and wall time,
 * with their ratio to the target. Also times a dry run of the next 100,000 (checked
 * against the first, nothing written). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gio/gio.h>

#include "bench-common.h"
#include "pw-meter.h"
#include "pw-meter-compute.h"

#define N_METERS ((guint) (g_getenv ("BENCH_METERS") ? atoi (g_getenv ("BENCH_METERS")) : 10000))
#define N_MONTHS 10

/* CPU time of this thread: on a shared machine the wall time can be several times it */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static GString *
generate_csv (guint first_month)
{
  GString *csv = g_string_new ("meter,date,register,value\n");
  static const guint days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  for (guint m = 0; m < N_METERS; m++)
    for (guint k = first_month; k < first_month + N_MONTHS; k++)
      {
        guint year = 2025 + k / 12, month = k % 12 + 1;

        g_string_append_printf (csv, "M%05u,%04u-%02u-%02u,,%u.%u\n", m, year, month,
                                days[month - 1], 1000 + (k + 1) * (100 + m % 50), m % 10);
      }
  return csv;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
copy_file (const char *from, const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("copying %s: %s", from, error->message);
}

static void
remove_db (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-bench-readings-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *base = g_build_filename (dir, "meters.db", NULL);
  guint rounds = g_getenv ("BENCH_REPEAT") ? CLAMP (atoi (g_getenv ("BENCH_REPEAT")), 1, 16) : 3;
  double cpus[16], walls[16];
  g_autofree char *park = NULL;
  g_autoptr(PwStore) store = NULL;
  g_autoptr(GString) csv = NULL, next = NULL;
  g_autoptr(PwReadingImport) imp = NULL, dry = NULL;
  double ms, cpu;
  gint64 t;

  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  if (g_getenv ("BENCH_NO_VALIDATOR") == NULL)
    pw_ledger_attach (store);
  park = bench_generate_park (store, 1, 1, 0);
  g_assert_true (pw_store_begin (store, &error));
  for (guint m = 0; m < N_METERS; m++)
    {
      g_autoptr(JsonObject) spec = json_object_new ();
      g_autofree char *code = g_strdup_printf ("M%05u", m);
      g_autofree char *id = NULL;

      json_object_set_string_member (spec, "code", code);
      json_object_set_string_member (spec, "kind", m % 3 ? "electricity" : "water");
      json_object_set_int_member (spec, "digits", 7);
      json_object_set_int_member (spec, "route_order", m);
      id = pw_meter_add (store, park, spec, &error);
      g_assert_no_error (error);
    }
  g_assert_true (pw_store_commit (store, &error));

  g_clear_object (&store);
  copy_file (path, base);

  csv = generate_csv (0);
  printf ("CSV of %u readings: %.1f MiB\n", N_METERS * N_MONTHS, csv->len / 1048576.0);
  for (guint round = 0; round < rounds; round++)
    {
      g_clear_pointer (&imp, pw_reading_import_free);
      g_clear_object (&store);
      remove_db (path);
      copy_file (base, path);
      store = pw_store_open (path, &error);
      g_assert_no_error (error);
      if (g_getenv ("BENCH_NO_VALIDATOR") == NULL)
        pw_ledger_attach (store);
      t = g_get_monotonic_time ();
      cpu = cpu_ms ();
      imp = pw_reading_import (store, park, csv->str, csv->len, 0, &error);
      walls[round] = ms = bench_ms_since (t);
      cpus[round] = cpu = cpu_ms () - cpu;
      g_assert_no_error (error);
      g_assert_cmpuint (imp->problems->len, ==, 0);
      g_assert_cmpuint (imp->n_written, ==, N_METERS * N_MONTHS);
      printf ("round %u: import %u readings (checked, one transaction): %.0f ms CPU, %.0f ms wall\n",
              round + 1, imp->n_written, cpu, ms);
    }
  qsort (cpus, rounds, sizeof *cpus, compare_double);
  qsort (walls, rounds, sizeof *walls, compare_double);
  {
    double cpu_median = rounds % 2 ? cpus[rounds / 2] : (cpus[rounds / 2 - 1] + cpus[rounds / 2]) / 2;
    double wall_median = rounds % 2 ? walls[rounds / 2]
                                    : (walls[rounds / 2 - 1] + walls[rounds / 2]) / 2;

    printf ("import over %u rounds: CPU best %.0f ms, median %.0f ms; wall best %.0f ms, median"
            " %.0f ms (target ≤ 2000 ms: CPU best %.2f×, median %.2f×; wall median %.2f×)\n",
            rounds, cpus[0], cpu_median, walls[0], wall_median, cpus[0] / 2000,
            cpu_median / 2000, wall_median / 2000);
  }

  {
    g_autoptr(PwUtilityResult) r = NULL;

    /* the readings' month for the engine, from the store (a bill run's first step) */
    t = g_get_monotonic_time ();
    cpu = cpu_ms ();
    r = pw_meter_compute (store, park, 2025, N_MONTHS, &error);
    ms = bench_ms_since (t);
    cpu = cpu_ms () - cpu;
    g_assert_no_error (error);
    g_assert_cmpuint (r->usages->len, ==, N_METERS);
    printf ("a month of the %u meters from the store (pw_meter_compute): %.0f ms CPU, %.0f ms wall\n",
            N_METERS, cpu, ms);
  }

  next = generate_csv (N_MONTHS);
  t = g_get_monotonic_time ();
  cpu = cpu_ms ();
  dry = pw_reading_import (store, park, next->str, next->len, PW_READING_IMPORT_DRY_RUN, &error);
  ms = bench_ms_since (t);
  cpu = cpu_ms () - cpu;
  g_assert_no_error (error);
  g_assert_cmpuint (dry->problems->len, ==, 0);
  g_assert_cmpuint (dry->n_good, ==, N_METERS * N_MONTHS);
  printf ("dry run of the next %u readings (each against its history): %.0f ms CPU, %.0f ms wall\n",
          dry->n_good, cpu, ms);
  printf ("resident memory: %.1f MiB\n", bench_rss_mib ());

  g_clear_object (&store);
  remove_db (path);
  remove_db (base);
  g_rmdir (dir);
  return 0;
}
