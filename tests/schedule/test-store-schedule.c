/* test-store-schedule.c — schedules written to the store: every line, the
 * deposit's top-ups among them, replaced rather than added, all or nothing
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "../core/fixture.h"
#include "pw-lease.h"
#include "schedule-test-util.h"

/* 50.00 m² at 3.0000/m²/day (4,562.50 a standard month), 5% a year from the
 * start, a 3-month deposit topped up on each escalation, revenue straight-line. */
static char *
terms_for (const char *code)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2025-12-01\", \"start\": \"2026-01-01\","
    " \"end\": \"2028-12-31\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"spaces\": [{\"code\": \"S\", \"area\": \"50.00\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"unit_price\": \"3.0000\", \"unit\": \"m2_day\", \"spaces\": [\"S\"],"
    " \"frequency\": \"quarterly\", \"escalation\": {\"type\": \"fixed\", \"percent\": \"5\","
    " \"every_years\": 1}}],"
    " \"deposit\": {\"months\": \"3\", \"top_up\": true},"
    " \"revenue\": {\"straight_line\": true}}", code);
}

static char *
lease (Fixture *f, const char *code, const char *space_code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT id FROM space WHERE code = ?",
                                                   NULL);
  g_autofree char *terms = terms_for (code);
  g_autofree char *sid = NULL, *customer = NULL;
  g_autoptr(GError) error = NULL;
  PwLeaseSpace spaces[1];
  char *id;

  sqlite3_bind_text (stmt, 1, space_code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  spaces[0].space_id = sid;
  spaces[0].area = 5000;
  customer = fixture_customer (f->store, f->park);
  id = pw_lease_create (f->store, f->park, code, customer, "2026-01-01", "2028-12-31", spaces, 1,
                        terms, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
query_int (Fixture *f, const char *sql, const char *contract_id)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, NULL);

  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
test_written (Fixture *f, gconstpointer data)
{
  g_autofree char *a = lease (f, "C-001", "B1-F01-003");
  g_autofree char *b = lease (f, "C-002", "B1-F01-004");
  g_autofree char *terms = terms_for ("C-001");
  g_autoptr(PwSchedule) s = schedule_of (terms);
  const char *both[] = { a, b };
  const char *with_unknown[] = { b, "no-such-contract" };
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  gint64 lines;
  guint found = 0;

  g_assert_true (pw_lease_write_schedules (f->store, both, 2, &error));
  g_assert_no_error (error);
  lines = pw_store_count (f->store, "schedule_line");
  g_assert_cmpint (lines, ==, 2 * (gint64) s->lines->len);
  /* 12 quarters and three deposit lines: on signing and two top-ups */
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM schedule_line WHERE contract_id = ?"
                              " AND kind = 'deposit'", a), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT total (gross) FROM schedule_line WHERE contract_id = ?"
                              " AND kind = 'deposit'", a), ==, s->deposit + s->deposit_top_ups);
  g_assert_cmpint (query_int (f, "SELECT total (net) FROM schedule_line WHERE contract_id = ?"
                              " AND kind = 'charge'", a), ==, s->revenue_total);

  /* every line as computed, with its id, amounts, dates and explanation */
  rows = pw_store_prepare (f->store, "SELECT id, gross, period_start, explanation FROM schedule_line"
                           " WHERE contract_id = ?", NULL);
  sqlite3_bind_text (rows, 1, a, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (rows) == SQLITE_ROW)
    for (guint i = 0; i < s->lines->len; i++)
      {
        PwScheduleLine *l = s->lines->pdata[i];
        g_autofree char *start = date_iso (&l->start);

        if (strcmp (l->line_id, (const char *) sqlite3_column_text (rows, 0)) != 0)
          continue;
        found++;
        g_assert_cmpint (l->gross, ==, sqlite3_column_int64 (rows, 1));
        g_assert_cmpstr (start, ==, (const char *) sqlite3_column_text (rows, 2));
        g_assert_cmpstr (l->explanation, ==, (const char *) sqlite3_column_text (rows, 3));
      }
  g_assert_cmpuint (found, ==, s->lines->len);

  /* written again: replaced, not added */
  g_assert_true (pw_lease_write_schedule (f->store, a, &error));
  g_assert_cmpint (pw_store_count (f->store, "schedule_line"), ==, lines);

  /* a contract that is not there: refused, and nothing of the batch is written */
  g_assert_true (pw_store_exec (f->store, "DELETE FROM schedule_line", NULL));
  g_assert_false (pw_lease_write_schedules (f->store, with_unknown, 2, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-contract"));
  g_assert_cmpint (pw_store_count (f->store, "schedule_line"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-schedule/written", Fixture, NULL, fixture_set_up, test_written,
              fixture_tear_down);
  return g_test_run ();
}
