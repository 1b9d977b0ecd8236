/* bench-arrears.c — the Arrears lens on a floor of 50,000 rooms (docs/plans.md, "Arrears")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One floor of 50,000 rooms, 45,000 of them each held by its own contract (the rest
 * vacant), billed monthly for 12 months with two lines a bill (1,080,000 bill lines on
 * 540,000 bills); 9 bills in 10 paid in full by one payment allocated line by line,
 * the others half paid or not at all, the last two months mostly open; 20,000 small
 * credit notes. Written through the tables (the schema's triggers keep ageing's
 * summary as they do). Timed, 5 times each, CPU (getrusage) and wall:
 *   - pw_receivables_space_arrears() for the floor as of the last day;
 *   - pw_plan_floor_load_arrears() + pw_plan_coloring_new(ARREARS): what the Plans
 *     page and plan render do for the floor.
 */
#define _GNU_SOURCE 1 /* RUSAGE_THREAD */
#include <locale.h>
#include <sys/resource.h>
#include <stdlib.h>

#include "bench-common.h"
#include "pw-plan-lens.h"
#include "pw-receivables-spaces.h"

static int N_ROOMS = 50000;   /* BENCH_ARREARS_ROOMS=N for a smaller floor */
#define N_LEASED (N_ROOMS / 10 * 9)
#define N_MONTHS 12
#define N_CHARGES 2
#define N_CREDITS 20000
#define AS_OF "2026-12-20"

static double
cpu_ms (void)
{
  struct rusage u;

  getrusage (RUSAGE_THREAD, &u);
  return u.ru_utime.tv_sec * 1e3 + u.ru_utime.tv_usec / 1e3 + u.ru_stime.tv_sec * 1e3
         + u.ru_stime.tv_usec / 1e3;
}

static void
exec_or_die (PwStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!pw_store_exec (store, sql, &error))
    g_error ("%s: %s", sql, error->message);
}

static sqlite3_stmt *
prepare_or_die (PwStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = pw_store_prepare (store, sql, &error);

  if (stmt == NULL)
    g_error ("%s", error->message);
  return stmt;
}

static void
step_or_die (sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    g_error ("step: %d %s", rc, sqlite3_errmsg (sqlite3_db_handle (stmt)));
  sqlite3_reset (stmt);
}

static void
build (PwStore *store)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  sqlite3_stmt *space, *customer, *contract, *cs, *run, *bill, *line, *payment, *allocation, *credit;

  exec_or_die (store, "PRAGMA foreign_keys = OFF");
  /* a cache as large as the tables while they are written, then the store's own again */
  exec_or_die (store, "PRAGMA cache_size = -1048576");
  exec_or_die (store, "BEGIN");
  exec_or_die (store, "INSERT INTO park (id, code, name, currency, created_at, updated_at)"
                      " VALUES ('park', 'BP', 'Bench Park', 'CNY', 'x', 'x')");
  exec_or_die (store, "INSERT INTO building (id, park_id, code, name, created_at, updated_at)"
                      " VALUES ('B01', 'park', 'B01', 'B01', 'x', 'x')");
  exec_or_die (store, "INSERT INTO floor (id, park_id, building_id, code, name, level, created_at,"
                      " updated_at) VALUES ('F01', 'park', 'B01', 'F01', 'F01', 1, 'x', 'x')");
  space = prepare_or_die (store, "INSERT INTO space (id, park_id, floor_id, code, kind, created_at,"
                                 " updated_at) VALUES ('S' || ?1, 'park', 'F01', 'S' || ?1,"
                                 " 'office', 'x', 'x')");
  customer = prepare_or_die (store, "INSERT INTO customer (id, park_id, name, created_at,"
                                    " updated_at) VALUES ('K' || ?1, 'park', 'Customer ' || ?1,"
                                    " 'x', 'x')");
  contract = prepare_or_die (store, "INSERT INTO contract (id, park_id, code, customer_id, status,"
                                    " start_date, end_date, created_at, updated_at) VALUES"
                                    " ('C' || ?1, 'park', 'C' || ?1, 'K' || ?1, 'active',"
                                    " '2026-01-01', '2027-12-31', 'x', 'x')");
  cs = prepare_or_die (store, "INSERT INTO contract_space (id, contract_id, space_id, start_date,"
                              " end_date, area, created_at, updated_at) VALUES ('CS' || ?1,"
                              " 'C' || ?1, 'S' || ?1, '2026-01-01', '2027-12-31', 5000, 'x', 'x')");
  for (int r = 0; r < N_ROOMS; r++)
    {
      sqlite3_bind_int (space, 1, r);
      step_or_die (space);
      if (r % 10 == 9 && r < N_ROOMS)
        continue;   /* every tenth room vacant */
      sqlite3_bind_int (customer, 1, r);
      step_or_die (customer);
      sqlite3_bind_int (contract, 1, r);
      step_or_die (contract);
      sqlite3_bind_int (cs, 1, r);
      step_or_die (cs);
    }
  run = prepare_or_die (store, "INSERT INTO bill_run (id, park_id, period, posted_at, created_at,"
                               " updated_at) VALUES (?1, 'park', ?1, 'x', 'x', 'x')");
  bill = prepare_or_die (store, "INSERT INTO bill (id, park_id, run_id, number, customer_id, seller,"
                                " currency, bill_date, due_date, period, status, net, tax, gross,"
                                " created_at, updated_at) VALUES (?1, 'park', ?2, ?1, 'K' || ?3, 'LL',"
                                " 'CNY', ?4, ?5, ?2, 'sent', 0, 0, 0, 'x', 'x')");
  line = prepare_or_die (store, "INSERT INTO bill_line (id, bill_id, source, origin, contract_id,"
                                " charge, kind, period_start, period_end, net, tax, gross, tax_rate,"
                                " created_at, updated_at) VALUES (?1, ?2, ?1, ?1, 'C' || ?3, ?4,"
                                " 'charge', ?5, ?5, ?6, 0, ?6, '0', 'x', 'x')");
  payment = prepare_or_die (store, "INSERT INTO payment (id, park_id, customer_id, paid_on, amount,"
                                   " currency, method, created_at, updated_at) VALUES (?1, 'park',"
                                   " 'K' || ?2, ?3, ?4, 'CNY', 'transfer', 'x', 'x')");
  allocation = prepare_or_die (store, "INSERT INTO allocation (id, payment_id, bill_line_id, amount,"
                                      " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'x', 'x')");
  credit = prepare_or_die (store, "INSERT INTO credit_note (id, park_id, number, bill_line_id, kind,"
                                  " gross, net, tax, reason, status, issued_on, created_at,"
                                  " updated_at) VALUES (?1, 'park', ?1, ?2, 'credit', ?3, ?3, 0,"
                                  " 'bench', 'approved', ?4, 'x', 'x')");
  for (int m = 0; m < N_MONTHS; m++)
    {
      char period[8], bill_date[11], due[11];

      g_snprintf (period, sizeof period, "2026-%02d", m + 1);
      g_snprintf (bill_date, sizeof bill_date, "%s-01", period);
      g_snprintf (due, sizeof due, "%s-10", period);
      sqlite3_bind_text (run, 1, period, -1, SQLITE_TRANSIENT);
      step_or_die (run);
      for (int r = 0; r < N_ROOMS; r++)
        {
          char bid[24], pid[24];
          gint64 amounts[N_CHARGES];
          int mood = g_rand_int_range (rand, 0, 100);
          gboolean paid = m < N_MONTHS - 2 ? mood < 90 : mood < 30;
          gboolean partial = !paid && mood < (m < N_MONTHS - 2 ? 95 : 60);
          char paid_on[11];
          gint64 total = 0;

          if (r % 10 == 9 && r < N_ROOMS)
            continue;
          g_snprintf (bid, sizeof bid, "B-%s-%05d", period, r);
          g_snprintf (pid, sizeof pid, "P-%s-%05d", period, r);
          sqlite3_bind_text (bill, 1, bid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (bill, 2, period, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (bill, 3, r);
          sqlite3_bind_text (bill, 4, bill_date, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (bill, 5, due, -1, SQLITE_TRANSIENT);
          step_or_die (bill);
          for (int k = 0; k < N_CHARGES; k++)
            {
              char lid[32];

              g_snprintf (lid, sizeof lid, "L-%s-%05d-%d", period, r, k);
              amounts[k] = g_rand_int_range (rand, 10000, 900000);
              total += amounts[k];
              sqlite3_bind_text (line, 1, lid, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (line, 2, bid, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int (line, 3, r);
              sqlite3_bind_text (line, 4, k == 0 ? "rent" : "pm", -1, SQLITE_STATIC);
              sqlite3_bind_text (line, 5, bill_date, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (line, 6, amounts[k]);
              step_or_die (line);
            }
          if (!paid && !partial)
            continue;
          g_snprintf (paid_on, sizeof paid_on, "%s-%02d", period, g_rand_int_range (rand, 2, 28));
          sqlite3_bind_text (payment, 1, pid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (payment, 2, r);
          sqlite3_bind_text (payment, 3, paid_on, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (payment, 4, paid ? total : amounts[0]);
          step_or_die (payment);
          for (int k = 0; k < (paid ? N_CHARGES : 1); k++)
            {
              char aid[32], lid[32];

              g_snprintf (aid, sizeof aid, "A-%s-%05d-%d", period, r, k);
              g_snprintf (lid, sizeof lid, "L-%s-%05d-%d", period, r, k);
              sqlite3_bind_text (allocation, 1, aid, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (allocation, 2, pid, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (allocation, 3, lid, -1, SQLITE_TRANSIENT);
              sqlite3_bind_int64 (allocation, 4, amounts[k]);
              step_or_die (allocation);
            }
        }
    }
  for (int i = 0; i < N_CREDITS; i++)
    {
      int m = g_rand_int_range (rand, 0, N_MONTHS), r = g_rand_int_range (rand, 0, N_ROOMS);
      char nid[16], lid[32], issued[11];

      r -= (r % 10 == 9 && r < N_ROOMS) ? 1 : 0;
      g_snprintf (nid, sizeof nid, "N-%06d", i);
      g_snprintf (lid, sizeof lid, "L-2026-%02d-%05d-1", m + 1, r);
      g_snprintf (issued, sizeof issued, "2026-%02d-20", m + 1);
      sqlite3_bind_text (credit, 1, nid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (credit, 2, lid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (credit, 3, g_rand_int_range (rand, 100, 5000));
      sqlite3_bind_text (credit, 4, issued, -1, SQLITE_TRANSIENT);
      step_or_die (credit);
    }
  sqlite3_finalize (space);
  sqlite3_finalize (customer);
  sqlite3_finalize (contract);
  sqlite3_finalize (cs);
  sqlite3_finalize (run);
  sqlite3_finalize (bill);
  sqlite3_finalize (line);
  sqlite3_finalize (payment);
  sqlite3_finalize (allocation);
  sqlite3_finalize (credit);
  exec_or_die (store, "COMMIT");
  exec_or_die (store, "PRAGMA cache_size = -4096");
  exec_or_die (store, "PRAGMA foreign_keys = ON");
  exec_or_die (store, "ANALYZE");
}

/* The floor as the plan holds it: a grid of 4 m × 3 m rooms. */
static PwPlanFloor *
plan_floor (void)
{
  PwPlanFloor *floor = pw_plan_floor_new ("F01", "B01 · F01");

  for (int r = 0; r < N_ROOMS; r++)
    {
      char id[16];
      PwPolygon *polygon = pw_polygon_new_rect ((r % 250) * 4.0, (r / 250) * 3.0, 4, 3);

      g_snprintf (id, sizeof id, "S%d", r);
      pw_plan_floor_add_room (floor, id, id, polygon);
    }
  return floor;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what, double *cpu, double *wall, int n)
{
  qsort (cpu, n, sizeof (double), compare_double);
  qsort (wall, n, sizeof (double), compare_double);
  printf ("%-44s cpu best %7.1f ms median %7.1f ms | wall best %7.1f ms median %7.1f ms\n", what,
          cpu[0], cpu[n / 2], wall[0], wall[n / 2]);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-arrears-XXXXXX", NULL);
  char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwPlanFloor) floor = NULL;
  double cpu[5], wall[5];
  gint64 start, overdue = 0;
  guint n_rows = 0;

  setlocale (LC_ALL, "");
  if (g_getenv ("BENCH_ARREARS_ROOMS") != NULL)
    N_ROOMS = CLAMP (atoi (g_getenv ("BENCH_ARREARS_ROOMS")), 10, 1000000);
  if (g_getenv ("BENCH_ARREARS_KEEP") != NULL)
    path = g_strdup (g_getenv ("BENCH_ARREARS_KEEP"));
  store = pw_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  pw_ledger_attach (store);
  start = g_get_monotonic_time ();
  {
    double t0 = cpu_ms ();

    build (store);
    printf ("(writing took %.1f s of CPU)\n", (cpu_ms () - t0) / 1000);
  }
  floor = plan_floor ();
  printf ("built %d rooms, %d contracts, %d months × %d lines in %.1f s\n", N_ROOMS, N_LEASED,
          N_MONTHS, N_CHARGES, bench_ms_since (start) / 1000);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(GPtrArray) rows = NULL;
      double t0 = cpu_ms ();

      start = g_get_monotonic_time ();
      rows = pw_receivables_space_arrears (store, NULL, "F01", AS_OF, NULL, &error);
      if (rows == NULL)
        g_error ("%s", error->message);
      cpu[i] = cpu_ms () - t0;
      wall[i] = bench_ms_since (start);
      n_rows = rows->len;
      overdue = 0;
      for (guint r = 0; r < rows->len; r++)
        overdue += ((PwSpaceArrears *) g_ptr_array_index (rows, r))->overdue;
    }
  printf ("%u rooms leased, %" G_GINT64_FORMAT " overdue in all\n", n_rows, overdue);
  report ("space arrears of the floor (core, 2 queries)", cpu, wall, 5);

  for (int i = 0; i < 5; i++)
    {
      g_autoptr(PwPlanColoring) c = NULL;
      double t0 = cpu_ms ();

      start = g_get_monotonic_time ();
      if (!pw_plan_floor_load_arrears (floor, store, AS_OF, &error))
        g_error ("%s", error->message);
      c = pw_plan_coloring_new (floor, PW_PLAN_LENS_ARREARS, AS_OF);
      cpu[i] = cpu_ms () - t0;
      wall[i] = bench_ms_since (start);
      if (i == 0)
        for (guint k = 0; k < c->classes->len; k++)
          {
            PwPlanClass *cls = &g_array_index (c->classes, PwPlanClass, k);

            printf ("  %-28s %6u rooms %16" G_GINT64_FORMAT "\n", cls->label, cls->count,
                    cls->overdue);
          }
    }
  report ("load arrears + classify (plan, 50,000 rooms)", cpu, wall, 5);

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    if (g_getenv ("BENCH_ARREARS_KEEP") == NULL)
      {
        g_unlink (path);
        g_unlink (wal);
        g_unlink (shm);
      }
    g_rmdir (dir);
    g_free (path);
  }
  return 0;
}
