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

/* The terms of benchmark contract @i ("C-00042"): one space of 50 to 450 m², rent
 * quarterly in advance from LL with a 5 % compound escalation, a monthly property
 * fee from PM due 10 days after its bill, and a three-month deposit. */
static inline char *
bench_contract_terms (guint i, const char *start, const char *end)
{
  return g_strdup_printf (
    "{\"id\": \"C-%05u\", \"currency\": \"CNY\", \"signed\": \"2025-12-01\", \"start\": \"%s\","
    " \"end\": \"%s\", \"parties\": {\"landlord\": \"Lakeside\", \"tenant\": \"Tenant %u\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Lakeside Holdings\"},"
    "               {\"code\": \"PM\", \"name\": \"Lakeside Services\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"}, {\"code\": \"svc6\", \"rate\": \"0.06\"}],"
    " \"spaces\": [{\"code\": \"S\", \"area\": \"%u.%02u\", \"basis\": \"gross\"}],"
    " \"charges\": ["
    "  {\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"lease9\","
    "   \"unit_price\": \"3.%04u\", \"unit\": \"m2_day\", \"spaces\": [\"S\"],"
    "   \"standard_month\": \"365/12\", \"anchor\": \"lease\", \"frequency\": \"quarterly\","
    "   \"timing\": \"advance\", \"lead_days\": 15, \"due\": {\"rule\": \"period_start\"},"
    "   \"proration\": \"daily\", \"escalation\": {\"type\": \"fixed\", \"percent\": \"5\","
    "   \"every_years\": 1, \"method\": \"compound\", \"anchor\": \"rent_commencement\","
    "   \"price_decimals\": \"unrounded\"}},"
    "  {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"PM\", \"tax_code\": \"svc6\","
    "   \"unit_price\": \"12.00\", \"unit\": \"m2_month\", \"spaces\": [\"S\"], \"anchor\": \"calendar\","
    "   \"frequency\": \"monthly\", \"timing\": \"advance\", \"due\": {\"rule\": \"after_bill\", \"days\": 10},"
    "   \"proration\": \"monthly_actual\"}],"
    " \"deposit\": {\"months\": \"3\", \"charges\": [\"rent\"], \"round_to\": \"unit\", \"mode\": \"half_up\"}}",
    i, start, end, i, 50 + i % 400, i % 100, i % 10000);
}

/* Writes, through the mutation path in one transaction, up to @n draft contracts
 * from 2026-01-01 to 2028-12-31 (bench_contract_terms()), one on each space of
 * @spaces that is not a common area, each of the customer (id) of @customers in
 * turn when @customers is not NULL. Their ids go into @ids; returns how many. */
static inline guint
bench_write_contracts (PwStore *store, const char *park, GPtrArray *spaces, guint n,
                       GPtrArray *customers, GPtrArray *ids)
{
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(GError) error = NULL;
  guint made = 0;

  for (guint i = 0; i < spaces->len && made < n; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      g_autofree char *code = g_strdup_printf ("C-%05u", made);
      g_autofree char *terms = bench_contract_terms (made, "2026-01-01", "2028-12-31");
      PwMutation *m;
      char *cid;

      if (pw_space_get_kind (space) == PW_SPACE_KIND_COMMON_AREA)
        continue;
      m = pw_mutation_new_insert ("contract", NULL);
      cid = g_strdup (pw_mutation_get_id (m));
      pw_mutation_set_string (m, "park_id", park);
      pw_mutation_set_string (m, "code", code);
      if (customers != NULL)
        pw_mutation_set_string (m, "customer_id", customers->pdata[made % customers->len]);
      pw_mutation_set_string (m, "status", "draft");
      pw_mutation_set_string (m, "start_date", "2026-01-01");
      pw_mutation_set_string (m, "end_date", "2028-12-31");
      pw_mutation_set_int (m, "current_version", 1);
      g_ptr_array_add (muts, m);
      m = pw_mutation_new_insert ("contract_version", NULL);
      pw_mutation_set_string (m, "contract_id", cid);
      pw_mutation_set_int (m, "number", 1);
      pw_mutation_set_string (m, "effective_date", "2026-01-01");
      pw_mutation_set_string (m, "terms", terms);
      g_ptr_array_add (muts, m);
      m = pw_mutation_new_insert ("contract_space", NULL);
      pw_mutation_set_string (m, "contract_id", cid);
      pw_mutation_set_string (m, "space_id", pw_space_get_id (space));
      pw_mutation_set_string (m, "start_date", "2026-01-01");
      pw_mutation_set_string (m, "end_date", "2028-12-31");
      pw_mutation_set_int (m, "area", pw_space_get_chargeable_area (space));
      g_ptr_array_add (muts, m);
      g_ptr_array_add (ids, cid);
      made++;
    }
  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, &error))
    g_error ("writing the contracts: %s", error->message);
  return made;
}
