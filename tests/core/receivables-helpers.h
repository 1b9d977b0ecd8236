/* receivables-helpers.h — leases billed and sent, for the receivables tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "fixture.h"
#include "pw-bill-run.h"
#include "pw-lease.h"
#include "pw-receivables.h"

/* Lease terms for 2027 on @space (50.00 m²): rent @rent per m² per month at 9 % tax
 * included and a property fee @pm per m² per month at 6 % included, both from seller
 * LL, billed and due on each calendar month's first day; late fee @rate a day after
 * @grace days, capped by @cap ("none", "principal" or a percent). */
static inline char *
recv_terms (const char *code, const char *space, const char *rent, const char *pm,
            const char *rate, int grace, const char *cap)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"},"
    "                 {\"code\": \"service6\", \"rate\": \"0.06\"}],"
    " \"spaces\": [{\"code\": \"%s\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    "   \"tax_code\": \"lease9\", \"unit_price\": \"%s\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"},"
    "  {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"LL\","
    "   \"tax_code\": \"service6\", \"unit_price\": \"%s\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"}],"
    " \"late_fee\": {\"daily_rate\": \"%s\", \"grace_days\": %d, \"cap\": \"%s\"}}",
    code, space, rent, space, pm, space, rate, grace, cap);
}

static inline char *
recv_space_id (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT id FROM space WHERE code = ?", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static inline char *
recv_lease (Fixture *f, const char *code, const char *space, const char *customer, const char *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = recv_space_id (f, space);
  PwLeaseSpace spaces[] = { { sid, 5000 } };
  char *id = pw_lease_create (f->store, f->park, code, customer, "2027-01-01", "2027-12-31",
                              spaces, 1, t, &error);

  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
  return id;
}

static inline char *
recv_customer (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id;

  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", name);
  id = pw_customer_add (f->store, f->park, fields, NULL, &error);
  g_assert_no_error (error);
  return id;
}

/* Posts @period's run and sends its bills; returns the number of bills posted. */
static inline guint
recv_post_and_send (Fixture *f, const char *period)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = pw_bill_run_post (f->store, f->park, period, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < run->bills->len; i++)
    {
      PwBillRunBill *b = g_ptr_array_index (run->bills, i);

      g_assert_true (pw_bill_set_status (f->store, f->park, b->number, PW_BILL_SENT, &error));
      g_assert_no_error (error);
    }
  return run->bills->len;
}

static inline gint64
recv_int (Fixture *f, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static inline char *
recv_pay (Fixture *f, const char *customer, const char *date, gint64 amount,
          const char *const *designation)
{
  g_autoptr(GError) error = NULL;
  PwPaymentInput in = { customer, date, amount, "transfer", "REF", designation, NULL };
  char *id = pw_payment_add (f->store, f->park, &in, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

/* What the payment @id allocated to lines of @charge (and source prefix @prefix) */
static inline gint64
recv_allocated (Fixture *f, const char *payment, const char *charge, const char *number)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT coalesce (sum (a.amount), 0) FROM allocation a JOIN bill_line l ON l.id = a.bill_line_id"
    " JOIN bill b ON b.id = l.bill_id WHERE a.payment_id = ?1 AND a.cancelled = 0"
    " AND l.charge = ?2 AND (?3 IS NULL OR b.number = ?3)", NULL);

  sqlite3_bind_text (stmt, 1, payment, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, charge, -1, SQLITE_TRANSIENT);
  if (number != NULL)
    sqlite3_bind_text (stmt, 3, number, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* The id of the line of @charge on bill @number */
static inline char *
recv_line (Fixture *f, const char *number, const char *charge)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT l.id FROM bill_line l JOIN bill b ON b.id = l.bill_id WHERE b.number = ?"
    " AND l.charge = ? ORDER BY l.source LIMIT 1", NULL);

  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, charge, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static inline gint64
recv_balance (Fixture *f, const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ledger = pw_receivables_ledger (f->store, f->park, customer, &error);

  g_assert_no_error (error);
  return json_object_get_int_member (ledger, "balance");
}

/* A line that owes less than nothing: more credited and paid than billed */
#define PW_OPEN_CHECK                                                                       \
  "l.gross > 0 AND l.gross - coalesce ((SELECT sum (c.gross) FROM credit_note c"            \
  " WHERE c.bill_line_id = l.id AND c.status = 'approved'), 0) - coalesce ((SELECT"         \
  " sum (a.amount) FROM allocation a WHERE a.bill_line_id = l.id AND a.cancelled = 0), 0) < 0"
