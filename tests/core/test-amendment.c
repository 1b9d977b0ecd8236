/* test-amendment.c — an amendment leaves what was billed before it takes effect as it
 * was (docs/amendments.md): a deposit billed on signing, rent billed ahead
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-lease.h"
#include "pw-rent-review.h"

/* 50 m² of B1-F01-003 at @price per m² per month, monthly in advance @lead days
 * ahead, three months' deposit, signed 2026-12-07, from 2027-01-01 to 2028-12-31. */
static char *
terms_at (const char *price, int lead, const char *extra)
{
  return g_strdup_printf (
    "{\"id\": \"C-200\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2028-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"B1-F01-003\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"tax_code\": \"t\", \"unit_price\": \"%s\", \"unit\": \"m2_month\","
    " \"spaces\": [\"B1-F01-003\"], \"frequency\": \"monthly\", \"lead_days\": %d%s}],"
    " \"deposit\": {\"months\": \"3\", \"charges\": [\"rent\"]}}",
    price, lead, extra);
}

static char *
signed_lease (Fixture *f, const char *terms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT id FROM space WHERE code = 'B1-F01-003'", NULL);
  g_autofree char *sid = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  char *id;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  {
    PwLeaseSpace spaces[] = { { sid, 5000 } };

    id = pw_lease_create (f->store, f->park, "C-200", customer, "2027-01-01", "2028-12-31", spaces,
                          1, terms, &error);
  }
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
  return id;
}

/* "bill_date kind gross" of every line, in the schedule's order, one a line. */
static char *
lines_of (Fixture *f, const char *id, const char *before)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT bill_date, kind, gross, period_start FROM schedule_line WHERE contract_id = ?"
    " AND bill_date < ? ORDER BY bill_date, kind, period_start, gross", NULL);
  GString *text = g_string_new (NULL);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, before, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s %s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  return g_string_free (text, FALSE);
}

static gint64
sum_on (Fixture *f, const char *id, const char *kind, const char *bill_date, int *count)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT total (gross), count (*) FROM schedule_line WHERE contract_id = ? AND kind = ?"
    " AND (?3 IS NULL OR bill_date = ?3)", NULL);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  if (bill_date != NULL)
    sqlite3_bind_text (stmt, 3, bill_date, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (count != NULL)
    *count = sqlite3_column_int (stmt, 1);
  return sqlite3_column_int64 (stmt, 0);
}

/* Signed on 7 December for a lease from 1 January, amended from 1 January to a
 * dearer rent: the deposit billed on signing (3 × 50 × 100.00 = 15,000.00) stays,
 * and the 1,500.00 more the new rent asks for is a line of its own on 1 January. */
static void
test_deposit_billed_on_signing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = terms_at ("100.00", 0, "");
  g_autofree char *t2 = terms_at ("110.00", 0, "");
  g_autofree char *id = signed_lease (f, t1);
  g_autofree char *before = lines_of (f, id, "2027-01-01");
  g_autofree char *after = NULL, *again = NULL;
  int n = 0;

  g_assert_cmpint (sum_on (f, id, "deposit", "2026-12-07", &n), ==, 1500000);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-01-01", t2, "review", &error), ==, 2);
  g_assert_no_error (error);
  after = lines_of (f, id, "2027-01-01");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sum_on (f, id, "deposit", "2026-12-07", &n), ==, 1500000);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (sum_on (f, id, "deposit", "2027-01-01", &n), ==, 150000);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (sum_on (f, id, "deposit", NULL, NULL), ==, 1650000);
  /* January bills the new rent: 50 × 110.00 */
  g_assert_cmpint (sum_on (f, id, "charge", "2027-01-01", &n), ==, 550000);
  /* the schedule as the store keeps it, for the Contracts page: both deposit lines */
  {
    g_autoptr(PwSchedule) kept = pw_lease_read_schedule (f->store, id, "CNY", &error);
    guint deposits = 0;

    g_assert_no_error (error);
    g_assert_cmpint (kept->deposit, ==, 1650000);
    for (guint i = 0; i < kept->lines->len; i++)
      {
        PwScheduleLine *l = g_ptr_array_index (kept->lines, i);

        g_assert_nonnull (l->explanation);
        deposits += l->kind == PW_LINE_DEPOSIT;
      }
    g_assert_cmpuint (deposits, ==, 2);
  }

  /* writing the schedule again gives the same lines */
  g_assert_true (pw_lease_write_schedule (f->store, id, &error));
  g_assert_no_error (error);
  again = lines_of (f, id, "2999-01-01");
  g_assert_cmpint (sum_on (f, id, "deposit", NULL, NULL), ==, 1650000);
  g_assert_true (pw_lease_write_schedule (f->store, id, &error));
  {
    g_autofree char *third = lines_of (f, id, "2999-01-01");
    g_assert_cmpstr (third, ==, again);
  }
}

/* Rent billed 15 days ahead: a price step from 1 July 2027 leaves July's rent,
 * billed on 16 June at 5,000.00, as it was; the 500.00 more is billed on 1 July,
 * and August on at 5,500.00. */
static void
test_rent_billed_ahead (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = terms_at ("100.00", 15, "");
  g_autofree char *t2 = terms_at ("100.00", 15, ", \"escalation\": {\"type\": \"steps\", \"steps\":"
                                  " [{\"from\": \"2027-07-01\", \"unit_price\": \"110.00\"}]}");
  g_autofree char *id = signed_lease (f, t1);
  g_autofree char *before = lines_of (f, id, "2027-07-01");
  g_autofree char *after = NULL;
  int n = 0;

  g_assert_cmpint (sum_on (f, id, "charge", "2027-06-16", &n), ==, 500000);
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-07-01", t2, "review", &error), ==, 2);
  g_assert_no_error (error);
  after = lines_of (f, id, "2027-07-01");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sum_on (f, id, "charge", "2027-06-16", &n), ==, 500000);
  g_assert_cmpint (sum_on (f, id, "charge", "2027-07-01", &n), ==, 50000);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (sum_on (f, id, "charge", "2027-07-17", &n), ==, 550000);
  /* the deposit does not top up (no top_up): nothing on 1 July */
  g_assert_cmpint (sum_on (f, id, "deposit", "2027-07-01", &n), ==, 0);
  g_assert_cmpint (n, ==, 0);
}

/* A draft amended before it is signed bills its latest terms whole. */
static void
test_draft_amended (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = terms_at ("100.00", 0, "");
  g_autofree char *t2 = terms_at ("110.00", 0, "");
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT id FROM space WHERE code = 'B1-F01-003'", NULL);
  g_autofree char *sid = NULL, *id = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  int n = 0;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  sid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  {
    PwLeaseSpace spaces[] = { { sid, 5000 } };
    id = pw_lease_create (f->store, f->park, "C-200", customer, "2027-01-01", "2028-12-31", spaces,
                          1, t1, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-01-01", t2, NULL, &error), ==, 2);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sum_on (f, id, "deposit", "2026-12-07", &n), ==, 1650000);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (sum_on (f, id, "deposit", NULL, &n), ==, 1650000);
  g_assert_cmpint (n, ==, 1);
}

#define TEN_PERCENT ", \"escalation\": {\"type\": \"fixed\", \"percent\": \"10\", \"every_years\": 1}"

static char *
reviewed (const char *terms, const char *effective, const char *price, PwReviewEscalation how)
{
  g_autoptr(GError) error = NULL;
  char *out = pw_terms_review_price (terms, "rent", effective, price, how, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

/* The rent line billed on @bill_date by @terms, computed (not stored). */
static gint64
rent_billed (const char *terms, const char *bill_date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) c = pw_contract_parse (terms, -1, &error);
  g_autoptr(PwSchedule) s = NULL;
  gint64 sum = 0;

  g_assert_no_error (error);
  s = pw_lease_compute_schedule (c, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < s->lines->len; i++)
    {
      PwScheduleLine *l = g_ptr_array_index (s->lines, i);
      char when[11];

      g_snprintf (when, sizeof when, "%04d-%02d-%02d", g_date_get_year (&l->bill_date),
                  g_date_get_month (&l->bill_date), g_date_get_day (&l->bill_date));
      if (l->kind == PW_LINE_CHARGE && g_str_equal (when, bill_date))
        sum += l->gross;
    }
  return sum;
}

/* A rent escalating 10 % a year takes a review to 120.00 from 1 July 2027: the
 * first half-year bills as before, July the new rent, and the rise goes on as
 * the review says: on the lease's anniversary (132.00 from 1 January 2028),
 * counted from the review (132.00 from 1 July 2028), or not at all. */
static void
test_review_with_escalation (Fixture *f, gconstpointer data)
{
  g_autofree char *t1 = terms_at ("100.00", 0, TEN_PERCENT);
  g_autofree char *go_on = reviewed (t1, "2027-07-01", "120.00", PW_REVIEW_ESCALATION_CONTINUE);
  g_autofree char *restart = reviewed (t1, "2027-07-01", "120.00", PW_REVIEW_ESCALATION_RESTART);
  g_autofree char *stop = reviewed (t1, "2027-07-01", "120.00", PW_REVIEW_ESCALATION_STOP);
  const char *months[] = { "2027-01-01", "2027-03-01", "2027-06-01" };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_assert_cmpint (rent_billed (t1, months[i]), ==, 500000);
      g_assert_cmpint (rent_billed (go_on, months[i]), ==, 500000);
      g_assert_cmpint (rent_billed (restart, months[i]), ==, 500000);
      g_assert_cmpint (rent_billed (stop, months[i]), ==, 500000);
    }
  g_assert_cmpint (rent_billed (go_on, "2027-07-01"), ==, 600000);
  g_assert_cmpint (rent_billed (go_on, "2028-01-01"), ==, 660000);
  g_assert_cmpint (rent_billed (restart, "2028-01-01"), ==, 600000);
  g_assert_cmpint (rent_billed (restart, "2028-07-01"), ==, 660000);
  g_assert_cmpint (rent_billed (stop, "2028-12-01"), ==, 600000);
}

/* A review on a signed lease through an amendment: what was billed stays, the
 * new rent bills from the review; a review from the first day replaces the price
 * and the escalation goes on from it. */
static void
test_review_amendment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = terms_at ("100.00", 0, TEN_PERCENT);
  g_autofree char *id = signed_lease (f, t1);
  g_autofree char *before = lines_of (f, id, "2027-07-01");
  g_autofree char *t2 = reviewed (t1, "2027-07-01", "120.00", PW_REVIEW_ESCALATION_CONTINUE);
  g_autofree char *after = NULL, *first_day = NULL;
  int n = 0;

  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-07-01", t2, "rent review", &error), ==, 2);
  g_assert_no_error (error);
  after = lines_of (f, id, "2027-07-01");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (sum_on (f, id, "charge", "2027-07-01", &n), ==, 600000);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (sum_on (f, id, "charge", "2028-01-01", &n), ==, 660000);

  first_day = reviewed (t1, "2027-01-01", "90.00", PW_REVIEW_ESCALATION_CONTINUE);
  g_assert_cmpint (rent_billed (first_day, "2027-01-01"), ==, 450000);
  g_assert_cmpint (rent_billed (first_day, "2028-01-01"), ==, 495000);
}

/* Refusals name their field. */
static void
test_review_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *t1 = terms_at ("100.00", 0, TEN_PERCENT);
  g_autofree char *cpi = terms_at ("100.00", 0, ", \"escalation\": {\"type\": \"cpi\", \"percent\":"
                                   " \"0\", \"every_years\": 1}");
  g_auto(GStrv) parts = g_strsplit (cpi, "\"deposit\"", 2);
  g_autofree char *indexed = g_strconcat (parts[0], "\"cpi_index\": [{\"year\": 2025, \"value\":"
                                          " \"100\"}, {\"year\": 2026, \"value\": \"102\"},"
                                          " {\"year\": 2027, \"value\": \"103\"}], \"deposit\"",
                                          parts[1], NULL);
  char *out;

  out = pw_terms_review_price (t1, "rent", "2027-07-01", "12,0", PW_REVIEW_ESCALATION_CONTINUE,
                               &error);
  g_assert_null (out);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "unit_price"));
  g_clear_error (&error);
  out = pw_terms_review_price (t1, "rent", "2029-01-01", "120", PW_REVIEW_ESCALATION_CONTINUE,
                               &error);
  g_assert_null (out);
  g_assert_nonnull (strstr (error->message, "effective_date"));
  g_clear_error (&error);
  out = pw_terms_review_price (t1, "parking", "2027-07-01", "120", PW_REVIEW_ESCALATION_CONTINUE,
                               &error);
  g_assert_null (out);
  g_assert_nonnull (strstr (error->message, "charges"));
  g_clear_error (&error);
  out = pw_terms_review_price (indexed, "rent", "2027-07-01", "120", PW_REVIEW_ESCALATION_CONTINUE,
                               &error);
  g_assert_null (out);
  g_assert_nonnull (strstr (error->message, "escalation"));
  g_clear_error (&error);
  /* an index-linked rent can be reviewed when its escalation ends there */
  out = pw_terms_review_price (indexed, "rent", "2027-07-01", "120", PW_REVIEW_ESCALATION_STOP,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (rent_billed (out, "2028-01-01"), ==, 600000);
  g_assert_cmpint (rent_billed (out, "2027-06-01"), ==, rent_billed (indexed, "2027-06-01"));
  g_free (out);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/amendment/deposit-billed-on-signing", Fixture, NULL, fixture_set_up,
              test_deposit_billed_on_signing, fixture_tear_down);
  g_test_add ("/amendment/rent-billed-ahead", Fixture, NULL, fixture_set_up,
              test_rent_billed_ahead, fixture_tear_down);
  g_test_add ("/amendment/draft-amended", Fixture, NULL, fixture_set_up, test_draft_amended,
              fixture_tear_down);
  g_test_add ("/amendment/review-with-escalation", Fixture, NULL, fixture_set_up,
              test_review_with_escalation, fixture_tear_down);
  g_test_add ("/amendment/review-amendment", Fixture, NULL, fixture_set_up,
              test_review_amendment, fixture_tear_down);
  g_test_add ("/amendment/review-refused", Fixture, NULL, fixture_set_up, test_review_refused,
              fixture_tear_down);
  return g_test_run ();
}
