/* bench-common.h — helpers shared by the benchmarks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "pw-ledger.h"
#include "pw-store.h"

/* Resident set size in MiB, from /proc/self/status. */
static inline double
bench_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtod (line + 6, NULL) / 1024.0 : -1;
}

static inline double
bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A generated park of @n_buildings × @n_floors × @n_spaces spaces (each floor
 * with one corridor in the floor pool), written through the mutation path in
 * one transaction. Returns the park id. */
static inline char *
bench_generate_park (PwStore *store, guint n_buildings, guint n_floors, guint n_spaces)
{
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(GError) error = NULL;
  PwMutation *m = pw_mutation_new_insert ("park", NULL);
  char *park = g_strdup (pw_mutation_get_id (m));
  static const char *const kinds[] = { "office", "lab", "retail", "storage", "workshop" };
  static const char *const statuses[] = { "leased", "leased", "leased", "available", "reserved" };

  pw_mutation_set_string (m, "code", "BENCH");
  pw_mutation_set_string (m, "name", "Benchmark Park");
  pw_mutation_set_string (m, "code_pattern", "{building}-{floor}-{seq:4}");
  pw_mutation_set_string (m, "currency", "CNY");
  g_ptr_array_add (muts, m);
  for (guint b = 0; b < n_buildings; b++)
    {
      g_autofree char *bcode = g_strdup_printf ("B%02u", b + 1);
      PwMutation *bm = pw_mutation_new_insert ("building", NULL);
      const char *bid = pw_mutation_get_id (bm);

      pw_mutation_set_string (bm, "park_id", park);
      pw_mutation_set_string (bm, "code", bcode);
      pw_mutation_set_string (bm, "name", bcode);
      pw_mutation_set_string (bm, "kind", "office");
      g_ptr_array_add (muts, bm);
      for (guint f = 0; f < n_floors; f++)
        {
          g_autofree char *fcode = g_strdup_printf ("F%02u", f + 1);
          PwMutation *fm = pw_mutation_new_insert ("floor", NULL);
          const char *fid = pw_mutation_get_id (fm);

          pw_mutation_set_string (fm, "park_id", park);
          pw_mutation_set_string (fm, "building_id", bid);
          pw_mutation_set_string (fm, "code", fcode);
          pw_mutation_set_string (fm, "name", fcode);
          pw_mutation_set_int (fm, "level", f + 1);
          g_ptr_array_add (muts, fm);
          for (guint s = 0; s < n_spaces; s++)
            {
              g_autofree char *code = g_strdup_printf ("%s-%s-%04u", bcode, fcode, s + 1);
              PwMutation *sm = pw_mutation_new_insert ("space", NULL);
              gboolean corridor = s == 0;
              gint64 area = corridor ? 12000 : 2000 + (gint64) ((s * 7919u) % 30000u);

              pw_mutation_set_string (sm, "park_id", park);
              pw_mutation_set_string (sm, "floor_id", fid);
              pw_mutation_set_string (sm, "code", code);
              pw_mutation_set_string (sm, "name", corridor ? "Corridor" : "Office");
              pw_mutation_set_string (sm, "kind", corridor ? "common_area" : kinds[s % 5]);
              pw_mutation_set_string (sm, "status", corridor ? "available" : statuses[s % 5]);
              pw_mutation_set_int (sm, "gross_area", area);
              pw_mutation_set_int (sm, "internal_area", area);
              pw_mutation_set_int (sm, "usable_area", area * 9 / 10);
              pw_mutation_set_bool (sm, "leasable", !corridor);
              pw_mutation_set_bool (sm, "takes_share", !corridor);
              pw_mutation_set_string (sm, "pool_level", corridor ? "floor" : NULL);
              pw_mutation_set_string (sm, "area_basis", "gross");
              g_ptr_array_add (muts, sm);
            }
        }
    }
  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, &error))
    g_error ("generating the benchmark park: %s", error->message);
  return park;
}
