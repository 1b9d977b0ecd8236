/* bench-schedule.c — charge schedules for 10,000 three-year contracts, computed and
 * written to the store, beside a raw SQLite insert of the same rows
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each contract leases one space: rent quarterly in advance with a 5% yearly
 * compounding escalation, a monthly property fee from another seller, and a
 * three-month deposit — about 49 lines over three years.
 * Target: ≤ 1.5 s on one core, and ≤ 2× the raw insert.
 */
#define _GNU_SOURCE 1 /* RUSAGE_THREAD */
#include <locale.h>
#include <sys/resource.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "bench-common.h"
#include "pw-contract.h"
#include "pw-lease.h"
#include "pw-schedule.h"

#define N_CONTRACTS 10000

/* CPU time of this thread in ms: on a machine shared with other work the wall
 * time of a step can be twice what it costs on one core of its own */
static double
cpu_ms (void)
{
  struct rusage u;

  getrusage (RUSAGE_THREAD, &u);
  return u.ru_utime.tv_sec * 1e3 + u.ru_utime.tv_usec / 1e3 + u.ru_stime.tv_sec * 1e3
         + u.ru_stime.tv_usec / 1e3;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-schedule-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "park.db", NULL);
  g_autofree char *raw_path = g_build_filename (dir, "raw.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) spaces = NULL;
  g_autofree char *park = NULL;
  sqlite3 *raw;
  sqlite3_stmt *read, *ins;
  gint64 start, lines;
  double ours_ms, raw_ms, compute_ms, cpu_start, ours_cpu, raw_cpu, compute_cpu;
  guint made = 0;

  /* so that g_print writes ≤ and × in a UTF-8 locale */
  setlocale (LC_ALL, "");
  if (store == NULL)
    g_error ("%s", error->message);
  pw_ledger_attach (store);
  park = bench_generate_park (store, 1, 11, 1000);
  spaces = pw_ledger_load_spaces (store, park, &error);
  g_assert_no_error (error);

  /* 10,000 signed contracts of three years, one space each, written untimed */
  made = bench_write_contracts (store, park, spaces, N_CONTRACTS, NULL, ids);
  g_print ("%u contracts of three years written\n", made);

  /* the computing alone, from the same terms read beforehand: parse and compute */
  {
    g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
    guint n_lines = 0;

    read = pw_store_prepare (store, "SELECT v.terms FROM contract c JOIN contract_version v"
                             " ON v.contract_id = c.id AND v.number = c.current_version", &error);
    g_assert_no_error (error);
    while (sqlite3_step (read) == SQLITE_ROW)
      g_ptr_array_add (terms, g_strdup ((const char *) sqlite3_column_text (read, 0)));
    sqlite3_finalize (read);
    start = g_get_monotonic_time ();
    cpu_start = cpu_ms ();
    for (guint i = 0; i < terms->len; i++)
      {
        g_autoptr(PwContract) contract = pw_contract_parse (terms->pdata[i], -1, &error);
        g_autoptr(PwSchedule) schedule = NULL;

        g_assert_no_error (error);
        schedule = pw_schedule_compute (contract, &error);
        g_assert_no_error (error);
        n_lines += schedule->lines->len;
      }
    compute_ms = bench_ms_since (start);
    compute_cpu = cpu_ms () - cpu_start;
    g_print ("computing alone (parsing the terms and computing): %u lines in %.0f ms "
             "(CPU %.0f ms)\n", n_lines, compute_ms, compute_cpu);
  }

  /* timed: every schedule computed from the stored terms and written */
  start = g_get_monotonic_time ();
  cpu_start = cpu_ms ();
  if (!pw_lease_write_schedules (store, (const char *const *) ids->pdata, ids->len, &error))
    g_error ("writing the schedules: %s", error->message);
  ours_ms = bench_ms_since (start);
  ours_cpu = cpu_ms () - cpu_start;
  lines = pw_store_count (store, "schedule_line");
  g_print ("schedules computed and written: %" G_GINT64_FORMAT " lines in %.0f ms "
           "(target ≤ 1500 ms; CPU %.0f ms); reading the terms and writing: %.0f ms "
           "(CPU %.0f ms)\n", lines, ours_ms, ours_cpu, ours_ms - compute_ms,
           ours_cpu - compute_cpu);

  read = pw_store_prepare (store, "SELECT avg (length (id) + length (charge)"
                           " + length (seller) + length (basis) + ifnull (length (form_arg), 0)),"
                           " avg (length (basis)) FROM schedule_entry", &error);
  g_assert_no_error (error);
  if (sqlite3_step (read) == SQLITE_ROW)
    g_print ("a stored line: %.0f bytes of text and blobs (the basis %.0f) besides its numbers\n",
             sqlite3_column_double (read, 0), sqlite3_column_double (read, 1));
  sqlite3_finalize (read);

  /* the same rows by a raw SQLite insert into the same table: its CREATE statement
   * is the store's own */
  if (sqlite3_open (raw_path, &raw) != SQLITE_OK)
    g_error ("opening %s", raw_path);
  /* as the store writes a big batch: a page cache that holds it, the WAL copied into
   * the database afterwards and not inside the timed commit (pw_store_apply_all_full()) */
  if (sqlite3_exec (raw, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                    " PRAGMA foreign_keys = ON; PRAGMA cache_size = -262144;"
                    " PRAGMA wal_autocheckpoint = 0;", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("setting up %s: %s", raw_path, sqlite3_errmsg (raw));
  read = pw_store_prepare (store, "SELECT sql FROM sqlite_schema WHERE name = 'schedule_entry'",
                           &error);
  g_assert_no_error (error);
  if (sqlite3_step (read) != SQLITE_ROW
      || sqlite3_exec (raw, (const char *) sqlite3_column_text (read, 0), NULL, NULL, NULL)
           != SQLITE_OK)
    g_error ("creating the raw table: %s", sqlite3_errmsg (raw));
  sqlite3_finalize (read);
  read = pw_store_prepare (store, "SELECT * FROM schedule_entry", &error);
  g_assert_no_error (error);
  {
    /* read into memory first, so only the insert is timed: one array of cells and
     * one of bytes, as the schedules bind from memory at hand */
    typedef struct { int type; gint64 i; guint off; int len; } Cell;
    int n_cols = sqlite3_column_count (read);
    g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
    g_autoptr(GByteArray) bytes = g_byte_array_new ();
    g_autofree char *sql = NULL;
    g_autoptr(GString) marks = g_string_new ("?");

    while (sqlite3_step (read) == SQLITE_ROW)
      for (int c = 0; c < n_cols; c++)
        {
          Cell cell = { sqlite3_column_type (read, c), 0, bytes->len, 0 };

          if (cell.type == SQLITE_INTEGER)
            cell.i = sqlite3_column_int64 (read, c);
          else if (cell.type == SQLITE_TEXT || cell.type == SQLITE_BLOB)
            {
              const void *v = cell.type == SQLITE_TEXT ? (const void *) sqlite3_column_text (read, c)
                                                       : sqlite3_column_blob (read, c);

              cell.len = sqlite3_column_bytes (read, c);
              g_byte_array_append (bytes, v, (guint) cell.len);
            }
          else if (cell.type != SQLITE_NULL)
            g_error ("a schedule line with a value of another type");
          g_array_append_val (cells, cell);
        }
    sqlite3_finalize (read);
    for (int c = 1; c < n_cols; c++)
      g_string_append (marks, ", ?");
    sql = g_strdup_printf ("INSERT INTO schedule_entry VALUES (%s)", marks->str);
    start = g_get_monotonic_time ();
    cpu_start = cpu_ms ();
    if (sqlite3_exec (raw, "BEGIN", NULL, NULL, NULL) != SQLITE_OK
        || sqlite3_prepare_v2 (raw, sql, -1, &ins, NULL) != SQLITE_OK)
      g_error ("raw insert: %s", sqlite3_errmsg (raw));
    for (guint r = 0; r < cells->len; r += (guint) n_cols)
      {
        for (int c = 0; c < n_cols; c++)
          {
            const Cell *cell = &g_array_index (cells, Cell, r + (guint) c);

            if (cell->type == SQLITE_INTEGER)
              sqlite3_bind_int64 (ins, c + 1, cell->i);
            else if (cell->type == SQLITE_TEXT)
              sqlite3_bind_text (ins, c + 1, (const char *) bytes->data + cell->off, cell->len,
                                 SQLITE_STATIC);
            else if (cell->type == SQLITE_BLOB)
              sqlite3_bind_blob (ins, c + 1, bytes->data + cell->off, cell->len, SQLITE_STATIC);
            else
              sqlite3_bind_null (ins, c + 1);
          }
        if (sqlite3_step (ins) != SQLITE_DONE)
          g_error ("raw insert: %s", sqlite3_errmsg (raw));
        sqlite3_reset (ins);
      }
    sqlite3_finalize (ins);
    if (sqlite3_exec (raw, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
      g_error ("raw commit: %s", sqlite3_errmsg (raw));
    raw_ms = bench_ms_since (start);
    raw_cpu = cpu_ms () - cpu_start;
  }
  sqlite3_close (raw);
  g_print ("raw SQLite insert of the same %" G_GINT64_FORMAT " rows: %.0f ms (CPU %.0f ms); "
           "ratio %.2f× (target ≤ 2×; CPU %.2f×)\n", lines, raw_ms, raw_cpu, ours_ms / raw_ms,
           ours_cpu / raw_cpu);

  g_clear_object (&store);
  {
    const char *name;
    GDir *d = g_dir_open (dir, 0, NULL);

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        g_unlink (p);
      }
    g_dir_close (d);
    g_rmdir (dir);
  }
  return 0;
}
