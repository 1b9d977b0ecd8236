/* test-bill-run.c — bill runs (docs/billing.md): worked examples with their working,
 * and invariants over random small parks
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-bill-run.h"
#include "pw-lease.h"

/* Lease terms from 2027-01-01 to 2027-12-31, signed 2026-12-07, on @space (50.00 m²):
 * rent @rent per m² per month from seller LL at 9 % tax included, and property fee
 * @pm per m² per month from seller @pm_seller at 6 % tax included, due @pm_days after
 * its bill date (0: on the period's first day); calendar months, billed on the
 * period's first day. */
static char *
terms (const char *code, const char *space, const char *rent, const char *pm,
       const char *pm_seller, int pm_days)
{
  g_autofree char *due = pm_days > 0
    ? g_strdup_printf ("{\"rule\": \"after_bill\", \"days\": %d}", pm_days)
    : g_strdup ("{\"rule\": \"period_start\"}");

  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"},"
    "               {\"code\": \"PM\", \"name\": \"Property Services Co.\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"},"
    "                 {\"code\": \"service6\", \"rate\": \"0.06\"}],"
    " \"spaces\": [{\"code\": \"%s\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    "   \"tax_code\": \"lease9\", \"unit_price\": \"%s\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"},"
    "  {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"%s\","
    "   \"tax_code\": \"service6\", \"unit_price\": \"%s\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"%s\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\","
    "   \"due\": %s}]}",
    code, space, rent, space, pm_seller, pm, space, due);
}

static char *
space_id (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT id FROM space WHERE code = ?", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* A signed lease of @space (50.00 m²) for @customer with @t */
static char *
signed_lease (Fixture *f, const char *code, const char *space, const char *customer,
              const char *t)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = space_id (f, space);
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

static char *
customer_named (Fixture *f, const char *name)
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

static gint64
query_int (Fixture *f, const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static PwBillRun *
preview (Fixture *f, const char *period)
{
  g_autoptr(GError) error = NULL;
  PwBillRun *run = pw_bill_run_preview (f->store, f->park, period, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

static PwBillRun *
post (Fixture *f, const char *period)
{
  g_autoptr(GError) error = NULL;
  PwBillRun *run = pw_bill_run_post (f->store, f->park, period, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  return run;
}

static PwBillRunBill *
bill_at (PwBillRun *run, guint i)
{
  g_assert_cmpuint (i, <, run->bills->len);
  return g_ptr_array_index (run->bills, i);
}

static PwBillRunLine *
line_at (PwBillRunBill *bill, guint i)
{
  g_assert_cmpuint (i, <, bill->lines->len);
  return g_ptr_array_index (bill->lines, i);
}

/* Example 1. 50.00 m² at 100.00/m²/month rent (LL, 9 % included) and 10.00 property fee
 * from the same seller (6 % included), both due on the period's first day, billed for
 * January 2027:
 *   rent  gross 50 × 100.00 = 5,000.00; net = round(5,000.00 ÷ 1.09) = 4,587.16
 *         (4,587.155…), tax 412.84
 *   pm    gross 50 × 10.00 = 500.00; net = round(500.00 ÷ 1.06) = 471.70 (471.698…),
 *         tax 28.30
 * one bill (Tenant Co., LL, due 2027-01-01) of 5,500.00 = 5,058.86 net + 441.14 tax.
 * The preview writes nothing. */
static void
test_month (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) run = preview (f, "2027-01");
  gint64 audit = pw_store_count (f->store, "audit");
  PwBillRunBill *b;
  PwBillRunLine *pm, *rent;
  PwBillRunTotal *total;

  g_assert_cmpuint (run->bills->len, ==, 1);
  b = bill_at (run, 0);
  g_assert_null (b->number);
  g_assert_cmpstr (b->customer_id, ==, customer);
  g_assert_cmpstr (b->customer_name, ==, "Tenant Co.");
  g_assert_cmpstr (b->seller, ==, "LL");
  g_assert_cmpstr (b->seller_name, ==, "Landlord Co.");
  g_assert_cmpstr (b->bill_date, ==, "2027-01-01");
  g_assert_cmpstr (b->due_date, ==, "2027-01-01");
  g_assert_cmpuint (b->lines->len, ==, 2);
  /* lines by contract, period start, then charge: pm before rent */
  pm = line_at (b, 0);
  rent = line_at (b, 1);
  g_assert_cmpstr (pm->charge, ==, "pm");
  g_assert_cmpint (pm->gross, ==, 50000);
  g_assert_cmpint (pm->net, ==, 47170);
  g_assert_cmpint (pm->tax, ==, 2830);
  g_assert_cmpstr (pm->tax_rate, ==, "0.06");
  g_assert_cmpstr (rent->charge, ==, "rent");
  g_assert_cmpint (rent->gross, ==, 500000);
  g_assert_cmpint (rent->net, ==, 458716);
  g_assert_cmpint (rent->tax, ==, 41284);
  g_assert_cmpstr (rent->tax_rate, ==, "0.09");
  g_assert_cmpstr (rent->period_start, ==, "2027-01-01");
  g_assert_cmpstr (rent->period_end, ==, "2027-01-31");
  g_assert_true (g_str_has_prefix (rent->source, "schedule:"));
  g_assert_nonnull (strstr (rent->explanation, "50.00 m²"));
  g_assert_false (rent->adjustment);
  g_assert_cmpint (b->gross, ==, 550000);
  g_assert_cmpint (b->net, ==, 505886);
  g_assert_cmpint (b->tax, ==, 44114);
  /* totals per charge and tax rate */
  g_assert_cmpuint (run->totals->len, ==, 2);
  total = g_ptr_array_index (run->totals, 0);
  g_assert_cmpstr (total->charge, ==, "pm");
  g_assert_cmpstr (total->tax_rate, ==, "0.06");
  g_assert_cmpint (total->gross, ==, 50000);
  g_assert_cmpuint (total->n_lines, ==, 1);
  g_assert_cmpuint (run->problems->len, ==, 0);
  /* nothing written */
  g_assert_cmpint (pw_store_count (f->store, "bill"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);

  /* posting writes the same: one bill numbered P-LL-B-2027-000001, two lines */
  {
    g_autoptr(PwBillRun) posted = post (f, "2027-01");

    g_assert_nonnull (posted->run_id);
    g_assert_cmpuint (posted->bills->len, ==, 1);
    g_assert_cmpstr (bill_at (posted, 0)->number, ==, "P-LL-B-2027-000001");
    g_assert_cmpint (bill_at (posted, 0)->gross, ==, 550000);
    g_assert_cmpint (pw_store_count (f->store, "bill_run"), ==, 1);
    g_assert_cmpint (pw_store_count (f->store, "bill"), ==, 1);
    g_assert_cmpint (pw_store_count (f->store, "bill_line"), ==, 2);
    g_assert_cmpint (query_int (f, "SELECT sum (gross) FROM bill_line"), ==, 550000);
    /* every record went through the mutation path: an audit row each */
    g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 4);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonObject) bill = pw_bill_find (f->store, f->park, "P-LL-B-2027-000001", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (bill, "status"), ==, "draft");
    g_assert_cmpstr (json_object_get_string_member (bill, "period"), ==, "2027-01");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bill, "lines")), ==, 2);
  }
}

/* Example 2. The same lease with the property fee issued by PM: two bills, one per
 * seller — LL 5,000.00 (the rent) and PM 500.00 (the fee) — numbered each in its
 * seller's sequence: P-LL-B-2027-000001 and P-PM-B-2027-000001. */
static void
test_two_sellers (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "PM", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) run = post (f, "2027-01");

  g_assert_cmpuint (run->bills->len, ==, 2);
  g_assert_cmpstr (bill_at (run, 0)->seller, ==, "LL");
  g_assert_cmpint (bill_at (run, 0)->gross, ==, 500000);
  g_assert_cmpstr (bill_at (run, 0)->number, ==, "P-LL-B-2027-000001");
  g_assert_cmpstr (bill_at (run, 1)->seller, ==, "PM");
  g_assert_cmpint (bill_at (run, 1)->gross, ==, 50000);
  g_assert_cmpstr (bill_at (run, 1)->number, ==, "P-PM-B-2027-000001");
}

/* Example 3. One seller, the property fee due 10 days after its bill date
 * (2027-01-01 + 10 = 2027-01-11), the rent on 2027-01-01: two bills for one customer
 * and seller, 5,000.00 due 2027-01-01 and 500.00 due 2027-01-11, numbered 1 and 2. */
static void
test_two_due_dates (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 10);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) run = post (f, "2027-01");

  g_assert_cmpuint (run->bills->len, ==, 2);
  g_assert_cmpstr (bill_at (run, 0)->due_date, ==, "2027-01-01");
  g_assert_cmpint (bill_at (run, 0)->gross, ==, 500000);
  g_assert_cmpstr (bill_at (run, 1)->due_date, ==, "2027-01-11");
  g_assert_cmpint (bill_at (run, 1)->gross, ==, 50000);
  g_assert_cmpstr (bill_at (run, 0)->number, ==, "P-LL-B-2027-000001");
  g_assert_cmpstr (bill_at (run, 1)->number, ==, "P-LL-B-2027-000002");
}

/* Example 4. Two leases; the second's contract lost its customer (a record from before
 * leases required one) and one line of the first names a seller its terms do not
 * have. The run bills the rest — the first lease's fee, 500.00 — and lists both
 * problems; posting writes only that. */
static void
test_problems (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t1 = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *t2 = terms ("C-2", "B1-F01-004", "80.00", "10.00", "LL", 0);
  g_autofree char *id1 = signed_lease (f, "C-1", "B1-F01-003", customer, t1);
  g_autofree char *id2 = signed_lease (f, "C-2", "B1-F01-004", customer, t2);
  g_autoptr(PwBillRun) run = NULL;
  g_autoptr(PwBillRun) posted = NULL;
  gboolean no_customer = FALSE, unknown_seller = FALSE;

  g_assert_true (pw_store_exec (f->store, "PRAGMA foreign_keys = OFF", NULL));
  {
    g_autofree char *sql = g_strdup_printf (
      "UPDATE contract SET customer_id = NULL WHERE id = '%s';"
      "UPDATE schedule_entry SET seller = 'XX' WHERE charge = 'rent' AND key IN"
      " (SELECT e.key FROM schedule_entry e JOIN schedule_contract c"
      "  ON e.key BETWEEN c.n * 4096 AND c.n * 4096 + 4095 WHERE c.contract_id = '%s')",
      id2, id1);
    g_assert_true (pw_store_exec (f->store, sql, NULL));
  }
  run = preview (f, "2027-01");
  g_assert_cmpuint (run->problems->len, ==, 2);
  for (guint i = 0; i < run->problems->len; i++)
    {
      PwBillRunProblem *p = g_ptr_array_index (run->problems, i);

      if (g_str_equal (p->what, "no_customer"))
        {
          no_customer = TRUE;
          g_assert_cmpstr (p->contract_code, ==, "C-2");
          g_assert_nonnull (strstr (p->message, "C-2"));
        }
      if (g_str_equal (p->what, "unknown_seller"))
        {
          unknown_seller = TRUE;
          g_assert_cmpstr (p->contract_code, ==, "C-1");
          g_assert_nonnull (strstr (p->message, "XX"));
        }
    }
  g_assert_true (no_customer && unknown_seller);
  g_assert_cmpuint (run->bills->len, ==, 1);
  g_assert_cmpint (run->gross, ==, 50000);
  posted = post (f, "2027-01");
  g_assert_cmpint (pw_store_count (f->store, "bill_line"), ==, 1);
  g_assert_cmpuint (posted->problems->len, ==, 2);
}

/* Example 5. A second post of the same period writes nothing and says the two lines
 * were billed before; a preview says the same. The exit of `bill-run post` is 0. */
static void
test_repost (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) first = post (f, "2027-01");
  gint64 audit = pw_store_count (f->store, "audit");
  g_autoptr(PwBillRun) again = post (f, "2027-01");
  g_autoptr(PwBillRun) seen = preview (f, "2027-01");

  g_assert_cmpuint (first->bills->len, ==, 1);
  g_assert_null (again->run_id);
  g_assert_cmpuint (again->bills->len, ==, 0);
  g_assert_cmpuint (again->n_already_billed, ==, 2);
  g_assert_cmpuint (seen->bills->len, ==, 0);
  g_assert_cmpuint (seen->n_already_billed, ==, 2);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_assert_cmpint (pw_store_count (f->store, "bill_run"), ==, 1);
}

/* Example 6. Numbers run without gaps across runs and after a post that failed:
 * January takes P-LL-B-2027-000001; February's post fails after its bill was
 * numbered (a line is refused) and rolls back; February posted again takes
 * 000002, March 000003. */
static void
test_numbering (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) jan = post (f, "2027-01");
  g_autoptr(PwBillRun) feb = NULL;
  g_autoptr(PwBillRun) mar = NULL;
  g_autoptr(GError) error = NULL;
  PwBillRun *failed;

  g_assert_cmpstr (bill_at (jan, 0)->number, ==, "P-LL-B-2027-000001");
  g_assert_true (pw_store_exec (f->store,
    "CREATE TEMP TRIGGER refuse_line BEFORE INSERT ON bill_line"
    " BEGIN SELECT RAISE (ABORT, 'refused by the test'); END", NULL));
  failed = pw_bill_run_post (f->store, f->park, "2027-02", NULL, &error);
  g_assert_null (failed);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "bill"), ==, 1);
  g_assert_cmpint (pw_store_count (f->store, "bill_run"), ==, 1);
  g_assert_true (pw_store_exec (f->store, "DROP TRIGGER refuse_line", NULL));
  feb = post (f, "2027-02");
  g_assert_cmpstr (bill_at (feb, 0)->number, ==, "P-LL-B-2027-000002");
  mar = post (f, "2027-03");
  g_assert_cmpstr (bill_at (mar, 0)->number, ==, "P-LL-B-2027-000003");
  {
    g_autofree char *next = pw_bill_next_number (f->store, f->park, "P", "LL", "2027-04-01",
                                                 &error);
    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "P-LL-B-2027-000004");
  }
}

static PwBillRunLine *
find_adjustment (PwBillRun *run)
{
  for (guint i = 0; i < run->bills->len; i++)
    for (guint j = 0; j < bill_at (run, i)->lines->len; j++)
      if (line_at (bill_at (run, i), j)->adjustment)
        return line_at (bill_at (run, i), j);
  return NULL;
}

/* Example 7. Amended after billing. January and February are posted at 100.00
 * (5,000.00 of rent each). An amendment "Rent review" from 2027-02-01 raises the rent
 * to 110.00: the schedule's February line becomes 50 × 110.00 = 5,500.00 (net
 * round(5,500 ÷ 1.09) = 5,045.87, tax 454.13), but the February bill is not touched.
 * The March run bills March at 5,500.00 and an adjustment of February:
 *   gross 5,500.00 − 5,000.00 = 500.00; net 5,045.87 − 4,587.16 = 458.71;
 *   tax 454.13 − 412.84 = 41.29,
 * explained by the amendment (version 2, "Rent review", effective 2027-02-01). April
 * then has nothing to adjust. */
static void
test_amendment_after_billing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *t2 = terms ("C-1", "B1-F01-003", "110.00", "10.00", "LL", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) jan = post (f, "2027-01");
  g_autoptr(PwBillRun) feb = post (f, "2027-02");
  g_autoptr(PwBillRun) mar = NULL;
  g_autoptr(PwBillRun) apr = NULL;
  gint64 feb_billed = query_int (f, "SELECT sum (gross) FROM bill WHERE period = '2027-02'");
  PwBillRunLine *adj;

  g_assert_cmpint (feb_billed, ==, 550000);
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-02-01", t2, "Rent review", &error), ==, 2);
  g_assert_no_error (error);
  /* what was billed stays */
  g_assert_cmpint (query_int (f, "SELECT sum (gross) FROM bill WHERE period = '2027-02'"), ==,
                   feb_billed);
  mar = post (f, "2027-03");
  adj = find_adjustment (mar);
  g_assert_nonnull (adj);
  g_assert_cmpint (adj->gross, ==, 50000);
  g_assert_cmpint (adj->net, ==, 45871);
  g_assert_cmpint (adj->tax, ==, 4129);
  g_assert_cmpstr (adj->charge, ==, "rent");
  g_assert_cmpstr (adj->period_start, ==, "2027-02-01");
  g_assert_true (g_str_has_prefix (adj->source, "adjust:"));
  g_assert_true (g_str_has_suffix (adj->source, adj->origin));
  g_assert_nonnull (strstr (adj->explanation, "Rent review"));
  g_assert_nonnull (strstr (adj->explanation, "2027-02-01"));
  g_assert_nonnull (strstr (adj->explanation, "version 2"));
  /* March itself at the new rent, with its adjustment on the same bill */
  g_assert_cmpuint (mar->bills->len, ==, 1);
  g_assert_cmpint (bill_at (mar, 0)->gross, ==, 550000 + 50000 + 50000);
  apr = post (f, "2027-04");
  g_assert_null (find_adjustment (apr));
  /* Σ billed for February's rent = the schedule's figure now */
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT sum (gross) FROM bill_line WHERE origin = '%s' AND cancelled = 0", adj->origin);
    g_assert_cmpint (query_int (f, sql), ==, 550000);
  }
}

/* Example 8. Terminated after billing. January to March are posted (5,000.00 of rent
 * a month). The lease is then terminated on 2027-02-15: the schedule keeps the
 * February line (billed before the termination took effect) with a credit for
 * 16–28 February dated 2027-02-15, and no longer has March's line. The April run
 * credits March's rent in full — an adjustment of −5,000.00 (net −4,587.16, tax
 * −412.84) and −500.00 for its fee — naming the termination version; February run
 * again bills the credit. */
static void
test_termination_after_billing (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) jan = post (f, "2027-01");
  g_autoptr(PwBillRun) feb = post (f, "2027-02");
  g_autoptr(PwBillRun) mar = post (f, "2027-03");
  g_autoptr(PwBillRun) apr = NULL;
  g_autoptr(PwBillRun) feb_again = NULL;
  gint64 rent_credit = 0, pm_credit = 0;

  g_assert_true (pw_lease_transition_full (f->store, id, PW_CONTRACT_TERMINATED, "2027-02-15",
                                           "moving out", NULL, &error));
  g_assert_no_error (error);
  apr = post (f, "2027-04");
  for (guint i = 0; i < apr->bills->len; i++)
    for (guint j = 0; j < bill_at (apr, i)->lines->len; j++)
      {
        PwBillRunLine *l = line_at (bill_at (apr, i), j);

        g_assert_true (l->adjustment);
        g_assert_cmpstr (l->period_start, ==, "2027-03-01");
        g_assert_nonnull (strstr (l->explanation, "no longer due"));
        if (g_str_equal (l->charge, "rent"))
          {
            rent_credit += l->gross;
            g_assert_cmpint (l->net, ==, -458716);
            g_assert_cmpint (l->tax, ==, -41284);
          }
        else
          pm_credit += l->gross;
      }
  g_assert_cmpint (rent_credit, ==, -500000);
  g_assert_cmpint (pm_credit, ==, -50000);
  /* February's own credit for 16–28 February is a schedule line of that period */
  feb_again = post (f, "2027-02");
  g_assert_cmpuint (feb_again->bills->len, >=, 1);
  g_assert_cmpint (feb_again->gross, <, 0);
  /* nothing more: every source billed adds up to the schedule */
  g_assert_cmpint (query_int (f, "SELECT sum (gross) FROM bill_line WHERE cancelled = 0"), ==,
                   query_int (f, "SELECT sum (gross) FROM schedule_line"
                                 " WHERE bill_date < '2027-05-01'"));
}

/* Example 9. Cancel, then run again: the January bill is held, then cancelled; its
 * lines are billable again, and January posted again bills them on a new bill,
 * P-LL-B-2027-000002 (the cancelled bill keeps 000001: no gap). */
static void
test_cancel_and_rerun (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) jan = post (f, "2027-01");
  g_autoptr(PwBillRun) again = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;

  g_assert_true (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_HELD, &error));
  g_assert_true (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_CANCELLED,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM bill_line WHERE cancelled = 1"), ==, 2);
  again = post (f, "2027-01");
  g_assert_cmpuint (again->bills->len, ==, 1);
  g_assert_cmpuint (again->n_already_billed, ==, 0);
  g_assert_cmpstr (bill_at (again, 0)->number, ==, "P-LL-B-2027-000002");
  g_assert_cmpint (bill_at (again, 0)->gross, ==, 550000);
  cancelled = pw_bill_list (f->store, f->park, "2027-01", "cancelled", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cancelled->len, ==, 1);
  /* a cancelled bill goes nowhere */
  g_assert_false (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_RELEASED,
                                      &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS);
}

/* Example 10. A sent bill cannot be cancelled: refused, naming the bill; nothing
 * changes, and its lines stay billed. Held bills cannot be sent before release. */
static void
test_sent_not_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *id = signed_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autoptr(PwBillRun) jan = post (f, "2027-01");
  g_autoptr(PwBillRun) again = NULL;
  gint64 audit;

  g_assert_true (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_HELD, &error));
  g_assert_false (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_SENT, &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS);
  g_clear_error (&error);
  g_assert_true (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_RELEASED,
                                     &error));
  g_assert_true (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_SENT, &error));
  g_assert_no_error (error);
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_bill_set_status (f->store, f->park, "P-LL-B-2027-000001", PW_BILL_CANCELLED,
                                      &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS);
  g_assert_nonnull (strstr (error->message, "P-LL-B-2027-000001"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  again = preview (f, "2027-01");
  g_assert_cmpuint (again->bills->len, ==, 0);

  /* the validator holds the same line for any writer (sync): a sent bill's line is
   * not cancelled, and a bill changes nothing but its status */
  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
      "SELECT id, version FROM bill_line LIMIT 1", NULL);
    g_autoptr(PwMutation) m = NULL;

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    m = pw_mutation_new_update ("bill_line", (const char *) sqlite3_column_text (stmt, 0),
                                sqlite3_column_int64 (stmt, 1));
    pw_mutation_set_int (m, "cancelled", 1);
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "cancelled");
    g_clear_error (&error);
  }
  {
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT id, version FROM bill",
                                                     NULL);
    g_autoptr(PwMutation) m = NULL;

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    m = pw_mutation_new_update ("bill", (const char *) sqlite3_column_text (stmt, 0),
                                sqlite3_column_int64 (stmt, 1));
    pw_mutation_set_int (m, "gross", 1);
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "gross");
  }
}

/* The validator names the field it refuses. */
static void
test_validator (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) m = pw_mutation_new_insert ("bill_run", NULL);
  g_autoptr(PwBillRun) bad = NULL;

  pw_mutation_set_string (m, "park_id", f->park);
  pw_mutation_set_string (m, "period", "2027-13");
  pw_mutation_set_string (m, "posted_at", "2027-01-01T00:00:00Z");
  g_assert_false (pw_store_apply (f->store, m, &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "period");
  g_clear_error (&error);
  bad = pw_bill_run_preview (f->store, f->park, "2027-1", NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD);
}

/* Filters: by charge (only the fee), by customer (by name), by building. */
static void
test_filters (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = customer_named (f, "Alpha Co.");
  g_autofree char *b = customer_named (f, "Beta Co.");
  g_autofree char *t1 = terms ("C-1", "B1-F01-003", "100.00", "10.00", "LL", 0);
  g_autofree char *t2 = terms ("C-2", "B1-F01-004", "80.00", "10.00", "LL", 0);
  g_autofree char *id1 = signed_lease (f, "C-1", "B1-F01-003", a, t1);
  g_autofree char *id2 = signed_lease (f, "C-2", "B1-F01-004", b, t2);
  char *pm[] = { "pm", NULL };
  char *beta[] = { "Beta Co.", NULL };
  char *other[] = { "B9", NULL };
  char *b1[] = { "B1", NULL };
  PwBillRunFilter by_charge = { NULL, NULL, pm };
  PwBillRunFilter by_customer = { NULL, beta, NULL };
  PwBillRunFilter by_other = { other, NULL, NULL };
  PwBillRunFilter by_b1 = { b1, NULL, NULL };
  g_autoptr(PwBillRun) r1 = pw_bill_run_preview (f->store, f->park, "2027-01", &by_charge, &error);
  g_autoptr(PwBillRun) r2 = pw_bill_run_preview (f->store, f->park, "2027-01", &by_customer, &error);
  g_autoptr(PwBillRun) r3 = pw_bill_run_preview (f->store, f->park, "2027-01", &by_other, &error);
  g_autoptr(PwBillRun) r4 = pw_bill_run_post (f->store, f->park, "2027-01", &by_b1, &error);

  g_assert_no_error (error);
  /* 2 × 500.00 of fees */
  g_assert_cmpint (r1->gross, ==, 100000);
  g_assert_cmpuint (r1->bills->len, ==, 2);
  /* Beta: 50 × 80.00 + 500.00 = 4,500.00 */
  g_assert_cmpuint (r2->bills->len, ==, 1);
  g_assert_cmpint (r2->gross, ==, 450000);
  g_assert_cmpuint (r3->bills->len, ==, 0);
  g_assert_cmpuint (r4->bills->len, ==, 2);
  g_assert_cmpint (r4->gross, ==, 550000 + 450000);
  {
    g_autofree char *filters = NULL;
    g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT filters FROM bill_run", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "{\"buildings\":[\"B1\"]}");
  }
}

/* ---- invariants over random parks ------------------------------------------------- */

/* Lease terms of a fixed monthly amount per charge, billed @lead days ahead, for a
 * lease without spaces. */
static char *
random_terms (const char *code, guint rent, guint fee, const char *fee_seller, int lead,
              int fee_days)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"2026-12-01\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-06-30\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"},"
    "               {\"code\": \"PM\", \"name\": \"Property Services Co.\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    "   \"tax_code\": \"lease9\", \"unit_price\": \"%u.%02u\", \"unit\": \"month\","
    "   \"anchor\": \"calendar\", \"frequency\": \"monthly\", \"lead_days\": %d},"
    "  {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"%s\","
    "   \"unit_price\": \"%u.%02u\", \"unit\": \"month\", \"anchor\": \"calendar\","
    "   \"frequency\": \"monthly\", \"due\": {\"rule\": \"after_bill\", \"days\": %d}}]}",
    code, rent / 100, rent % 100, lead, fee_seller, fee / 100, fee % 100, fee_days);
}

/* What a post writes for receivables (set-based, pw-bill-run-post.c) is what the
 * trigger on bill_line writes line by line: each line's customer, building (the first
 * by code of its contract's spaces), charge and dates; the ageing sums per key and day
 * are the lines' gross less what was cancelled; what is open now is those sums over
 * their days, without the keys that owe nothing; and nothing is left switched off. */
#define WANT_SUMS                                                                          \
  "WITH want AS (SELECT r.park_id, r.customer_id, r.building, r.charge, r.due_date,"      \
  "  r.bill_date AS on_date, sum (CASE WHEN l.cancelled = 0 THEN l.gross ELSE 0 END)"      \
  "  AS amount FROM receivable_line r JOIN bill_line l ON l.id = r.line_id"                \
  "  GROUP BY 1, 2, 3, 4, 5, 6) "
#define WANT_OPEN                                                                          \
  "WITH want AS (SELECT park_id, customer_id, building, charge, due_date,"                 \
  "  sum (amount) AS amount FROM ageing_sum GROUP BY 1, 2, 3, 4, 5"                        \
  "  HAVING sum (amount) <> 0) "
/* what the per-line triggers of schema 18 make of the lines, allocations and credit
 * notes: a cancelled line counts 0 (added, then taken back) */
#define WANT_ARREARS                                                                       \
  "WITH want AS (SELECT contract_id, due_date, on_date, sum (amount) AS amount FROM ("     \
  "  SELECT l.contract_id, b.due_date, b.bill_date AS on_date,"                            \
  "   CASE WHEN l.cancelled = 0 THEN l.gross ELSE 0 END AS amount"                         \
  "  FROM bill_line l JOIN bill b ON b.id = l.bill_id WHERE l.contract_id IS NOT NULL"     \
  "  UNION ALL SELECT l.contract_id, b.due_date, max (p.paid_on, b.bill_date), -a.amount"  \
  "  FROM allocation a JOIN bill_line l ON l.id = a.bill_line_id"                          \
  "  JOIN bill b ON b.id = l.bill_id JOIN payment p ON p.id = a.payment_id"                \
  "  WHERE a.cancelled = 0 AND l.contract_id IS NOT NULL"                                  \
  "  UNION ALL SELECT l.contract_id, b.due_date, max (n.issued_on, b.bill_date), -n.gross" \
  "  FROM credit_note n JOIN bill_line l ON l.id = n.bill_line_id"                         \
  "  JOIN bill b ON b.id = l.bill_id"                                                      \
  "  WHERE n.status = 'approved' AND l.contract_id IS NOT NULL) GROUP BY 1, 2, 3) "
#define WANT_ARREARS_OPEN                                                                  \
  "WITH want AS (SELECT contract_id, due_date, sum (amount) AS amount FROM arrears_sum"    \
  "  GROUP BY 1, 2 HAVING sum (amount) <> 0) "

/* The arrears summary (schema 18) holds what its per-line triggers would have written,
 * whether the lines came one by one or a post wrote them set-based (schema 20) */
static void
check_arrears (Fixture *f)
{
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM arrears_sum"), >, 0);
  g_assert_cmpint (query_int (f, WANT_ARREARS "SELECT count (*) FROM"
                                 " (SELECT * FROM want EXCEPT SELECT * FROM arrears_sum)"), ==, 0);
  g_assert_cmpint (query_int (f, WANT_ARREARS "SELECT count (*) FROM"
                                 " (SELECT * FROM arrears_sum EXCEPT SELECT * FROM want)"), ==, 0);
  g_assert_cmpint (query_int (f, WANT_ARREARS_OPEN "SELECT count (*) FROM"
                                 " (SELECT * FROM want EXCEPT SELECT * FROM arrears_open)"), ==, 0);
  g_assert_cmpint (query_int (f, WANT_ARREARS_OPEN "SELECT count (*) FROM"
                                 " (SELECT * FROM arrears_open EXCEPT SELECT * FROM want)"), ==, 0);
}

static void
check_receivables (Fixture *f)
{
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM bill_line"), >, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM receivable_batch"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM bill_line l LEFT JOIN receivable_line r"
                                 " ON r.line_id = l.id WHERE r.line_id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (f,
    "SELECT count (*) FROM bill_line l JOIN bill b ON b.id = l.bill_id"
    " JOIN receivable_line r ON r.line_id = l.id"
    " WHERE r.park_id IS NOT b.park_id OR r.customer_id IS NOT b.customer_id"
    " OR r.charge IS NOT l.charge OR r.due_date IS NOT b.due_date"
    " OR r.bill_date IS NOT b.bill_date"
    " OR r.building IS NOT coalesce ((SELECT min (bd.code) FROM contract_space cs"
    "   JOIN space s ON s.id = cs.space_id JOIN floor fl ON fl.id = s.floor_id"
    "   JOIN building bd ON bd.id = fl.building_id WHERE cs.contract_id = l.contract_id), '')"),
    ==, 0);
  g_assert_cmpint (query_int (f, WANT_SUMS "SELECT count (*) FROM"
                                 " (SELECT * FROM want EXCEPT SELECT * FROM ageing_sum)"), ==, 0);
  g_assert_cmpint (query_int (f, WANT_SUMS "SELECT count (*) FROM"
                                 " (SELECT * FROM ageing_sum EXCEPT SELECT * FROM want)"), ==, 0);
  g_assert_cmpint (query_int (f, WANT_OPEN "SELECT count (*) FROM"
                                 " (SELECT * FROM want EXCEPT SELECT * FROM ageing_open)"), ==, 0);
  g_assert_cmpint (query_int (f, WANT_OPEN "SELECT count (*) FROM"
                                 " (SELECT * FROM ageing_open EXCEPT SELECT * FROM want)"), ==, 0);
  check_arrears (f);
}

/* Σ of each bill's lines is its total; Σ standing lines per schedule source is the
 * schedule's figure for every line billed (or 0 when gone); every schedule line of
 * the periods run is billed by exactly one standing schedule-sourced line. */
static void
check_invariants (Fixture *f, const char *last_day)
{
  g_autofree char *unbilled = g_strdup_printf (
    "SELECT count (*) FROM schedule_line s WHERE s.bill_date BETWEEN '2027-01-01' AND '%s'"
    " AND (SELECT count (*) FROM bill_line l WHERE l.source = 'schedule:' || s.id"
    "      AND l.cancelled = 0) <> 1", last_day);

  g_assert_cmpint (query_int (f,
    "SELECT count (*) FROM bill b WHERE b.gross <> (SELECT sum (gross) FROM bill_line l"
    " WHERE l.bill_id = b.id) OR b.net <> (SELECT sum (net) FROM bill_line l"
    " WHERE l.bill_id = b.id) OR b.tax <> (SELECT sum (tax) FROM bill_line l"
    " WHERE l.bill_id = b.id)"), ==, 0);
  g_assert_cmpint (query_int (f, unbilled), ==, 0);
  g_assert_cmpint (query_int (f,
    "SELECT count (*) FROM (SELECT l.origin, sum (l.gross) AS billed, sum (l.net) AS net"
    " FROM bill_line l WHERE l.cancelled = 0 GROUP BY l.origin) o"
    " WHERE o.billed <> coalesce ((SELECT s.gross FROM schedule_line s"
    "  WHERE 'schedule:' || s.id = o.origin), 0)"
    " OR o.net <> coalesce ((SELECT s.net FROM schedule_line s"
    "  WHERE 'schedule:' || s.id = o.origin), 0)"), ==, 0);
  /* standing lines never share a source */
  g_assert_cmpint (query_int (f,
    "SELECT count (*) FROM (SELECT source FROM bill_line WHERE cancelled = 0"
    " GROUP BY source HAVING count (*) > 1)"), ==, 0);
  /* numbers per seller and year run 1..n */
  g_assert_cmpint (query_int (f,
    "SELECT count (*) FROM (SELECT seller, count (*) AS n,"
    " max (CAST (substr (number, -6) AS INTEGER)) AS top FROM bill GROUP BY seller,"
    " substr (bill_date, 1, 4)) WHERE n <> top"), ==, 0);
}

static void
test_random_parks (Fixture *f, gconstpointer data)
{
  static const char *const periods[] = {
    "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"
  };
  guint n_contracts = g_test_rand_int_range (1, 6);
  g_autoptr(GPtrArray) contracts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint n_runs = g_test_rand_int_range (4, 12);
  char *pm[] = { "pm", NULL };
  char *rent[] = { "rent", NULL };

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      g_ptr_array_add (customers, customer_named (f, name));
    }
  for (guint i = 0; i < n_contracts; i++)
    {
      g_autofree char *code = g_strdup_printf ("R-%u", i);
      g_autofree char *t = random_terms (code, g_test_rand_int_range (100, 1000000),
                                         g_test_rand_int_range (0, 100000),
                                         g_test_rand_bit () ? "LL" : "PM",
                                         g_test_rand_int_range (0, 40),
                                         g_test_rand_int_range (0, 3) * 5);
      char *id = pw_lease_create (f->store, f->park, code,
                                  customers->pdata[g_test_rand_int_range (0, 3)],
                                  "2027-01-01", "2027-06-30", NULL, 0, t, &error);

      g_assert_no_error (error);
      g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-01", NULL, &error));
      g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-01", NULL, &error));
      g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-01", NULL, &error));
      g_assert_no_error (error);
      g_ptr_array_add (contracts, id);
    }
  /* overlapping runs in any order, some of one charge only, some amendments and
   * cancellations in between */
  for (guint r = 0; r < n_runs; r++)
    {
      const char *period = periods[g_test_rand_int_range (0, G_N_ELEMENTS (periods))];
      PwBillRunFilter filter = { NULL, NULL, NULL };
      g_autoptr(PwBillRun) run = NULL;
      guint choice = g_test_rand_int_range (0, 10);

      if (choice == 0)
        filter.charges = pm;
      else if (choice == 1)
        filter.charges = rent;
      run = pw_bill_run_post (f->store, f->park, period, &filter, &error);
      g_assert_no_error (error);
      if (g_test_rand_int_range (0, 4) == 0)
        {
          const char *id = contracts->pdata[g_test_rand_int_range (0, contracts->len)];
          g_autofree char *code = NULL;
          g_autofree char *t = NULL;
          g_autofree char *from = g_strdup_printf ("2027-%02d-01", g_test_rand_int_range (2, 7));
          g_autofree char *sql = g_strdup_printf ("SELECT code FROM contract WHERE id = '%s'", id);
          g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, sql, NULL);

          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          t = random_terms (code, g_test_rand_int_range (100, 1000000),
                            g_test_rand_int_range (0, 100000), "LL", 0, 0);
          g_assert_cmpint (pw_lease_amend (f->store, id, from, t, "change", &error), >, 1);
          g_assert_no_error (error);
        }
      if (g_test_rand_int_range (0, 5) == 0)
        {
          g_autoptr(GPtrArray) bills = pw_bill_list (f->store, f->park, NULL, "draft", &error);

          g_assert_no_error (error);
          if (bills->len > 0)
            {
              JsonObject *b = bills->pdata[g_test_rand_int_range (0, bills->len)];

              g_assert_true (pw_bill_set_status (f->store, f->park,
                                                 json_object_get_string_member (b, "number"),
                                                 g_test_rand_bit () ? PW_BILL_CANCELLED
                                                                    : PW_BILL_SENT, &error));
              g_assert_no_error (error);
            }
        }
    }
  /* a run of every period in turn, then the rules hold; a second pass writes nothing */
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(PwBillRun) run = pw_bill_run_post (f->store, f->park, periods[i], NULL, &error);
      g_assert_no_error (error);
    }
  check_invariants (f, "2027-06-30");
  check_receivables (f);
  {
    gint64 bills = pw_store_count (f->store, "bill");

    for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
      {
        g_autoptr(PwBillRun) run = pw_bill_run_post (f->store, f->park, periods[i], NULL, &error);
        g_assert_no_error (error);
        g_assert_null (run->run_id);
      }
    g_assert_cmpint (pw_store_count (f->store, "bill"), ==, bills);
  }
}

static void
test_random_many (void)
{
  for (guint i = 0; i < 25; i++)
    {
      Fixture f = { 0 };

      fixture_set_up (&f, NULL);
      test_random_parks (&f, NULL);
      fixture_tear_down (&f, NULL);
    }
}

/* The rows of @sql as text, one string per row (columns joined by tabs), with @time
 * (a transaction's time) written "T" */
static GPtrArray *
rows_text (PwStore *store, const char *sql, const char *time)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, NULL);
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_assert_nonnull (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) row = g_string_new (NULL);
      g_auto(GStrv) parts = NULL;

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (row, "%s%s", i ? "\t" : "", v ? v : "(null)");
        }
      parts = g_strsplit (row->str, time, -1);
      g_ptr_array_add (rows, g_strjoinv ("T", parts));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  return rows;
}

static void
assert_same_rows (PwStore *a, const char *a_time, PwStore *b, const char *b_time,
                  const char *sql, guint expected)
{
  g_autoptr(GPtrArray) x = rows_text (a, sql, a_time);
  g_autoptr(GPtrArray) y = rows_text (b, sql, b_time);

  g_assert_cmpuint (x->len, ==, expected);
  g_assert_cmpuint (y->len, ==, expected);
  for (guint i = 0; i < x->len; i++)
    g_assert_cmpstr (x->pdata[i], ==, y->pdata[i]);
}

/* A post writes through a batch of the mutation path (pw_store_batch_new()). The same
 * run applied as one insert mutation per record (pw_store_apply_all(), with the fields
 * in the order the run gives them) to a copy of the store taken before the post gives
 * the same records, audit rows and outbox entries, with the same numbers (mid), and
 * the same next number to give out. Two customers, two sellers, two due dates. */
static void
test_same_as_mutations (Fixture *f, gconstpointer data)
{
  static const char *const order[][16] = {
    { "park_id", "period", "filters", "posted_by", "posted_at", NULL },
    { "park_id", "run_id", "number", "customer_id", "seller", "seller_name", "currency",
      "bill_date", "due_date", "period", "status", "net", "tax", "gross", NULL },
    { "bill_id", "source", "origin", "contract_id", "contract_version", "charge", "kind",
      "period_start", "period_end", "net", "tax", "gross", "tax_rate", "explanation",
      "cancelled", NULL },
  };
  static const char *const kinds[] = { "bill_run", "bill", "bill_line" };
  g_autofree char *c1 = fixture_customer (f->store, f->park);
  g_autofree char *c2 = customer_named (f, "Zeta “Quoted” Co.");
  g_autofree char *t1 = terms ("C-1", "B1-F01-003", "100.00", "10.00", "PM", 10);
  g_autofree char *t2 = terms ("C-2", "B1-F01-004", "80.00", "12.50", "LL", 0);
  g_autofree char *t3 = terms ("C-3", "B1-F02-002", "90.00", "10.00", "PM", 0);
  g_autofree char *id1 = signed_lease (f, "C-1", "B1-F01-003", c1, t1);
  g_autofree char *id2 = signed_lease (f, "C-2", "B1-F01-004", c2, t2);
  g_autofree char *id3 = signed_lease (f, "C-3", "B1-F02-002", c1, t3);
  g_autofree char *copy_dir = g_dir_make_tmp ("parkwise-copy-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "copy.db", NULL);
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", copy);
  gint64 first_mid;
  g_autoptr(PwStore) other = NULL;
  g_autoptr(PwBillRun) jan = post (f, "2027-01");
  g_autoptr(PwBillRun) run = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *a_time = NULL, *b_time = NULL;
  g_autofree char *audit_sql = NULL, *outbox_sql = NULL;
  gint64 n;
  int rc;

  /* January posted through the batch too; the copy is taken after it */
  first_mid = pw_store_get_next_mid (f->store);
  g_assert_true (pw_store_exec (f->store, vacuum, NULL));
  run = post (f, "2027-02");
  g_assert_cmpuint (run->bills->len, ==, 4);
  n = 1 + 4 + query_int (f, "SELECT count (*) FROM bill_line l JOIN bill b ON b.id = l.bill_id"
                            " WHERE b.period = '2027-02'");
  g_assert_cmpint (n, ==, 1 + 4 + 6);
  g_assert_cmpint (pw_store_get_next_mid (f->store), ==, first_mid + n);

  /* the same records as insert mutations, in the order of their outbox numbers */
  stmt = pw_store_prepare (f->store, "SELECT entity, entity_id, fields FROM outbox"
                                     " WHERE mid >= ? ORDER BY mid", NULL);
  sqlite3_bind_int64 (stmt, 1, first_mid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *entity = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(JsonNode) node = json_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                                   &error);
      PwMutation *m = pw_mutation_new_insert (entity, (const char *) sqlite3_column_text (stmt, 1));
      g_autoptr(GList) names = NULL;
      guint k = 0, i = 0;

      g_assert_no_error (error);
      while (!g_str_equal (kinds[k], entity))
        k++;
      /* the fields in the order the run wrote them before it had a batch path */
      names = json_object_get_members (json_node_get_object (node));
      for (GList *l = names; l; l = l->next, i++)
        g_assert_cmpstr (l->data, ==, order[k][i]);
      g_assert_null (order[k][i]);
      pw_mutation_set_fields (m, json_node_get_object (node));
      g_ptr_array_add (muts, m);
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_cmpuint (muts->len, ==, n);

  other = pw_store_open (copy, &error);
  g_assert_no_error (error);
  pw_ledger_attach (other);
  pw_store_set_actor (other, pw_store_get_actor (f->store));
  g_assert_cmpint (pw_store_get_next_mid (other), ==, first_mid);
  g_assert_true (pw_store_begin (other, &error));
  g_assert_true (pw_store_apply_all (other, (PwMutation **) muts->pdata, muts->len, &error));
  g_assert_true (pw_store_commit (other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_get_next_mid (other), ==, pw_store_get_next_mid (f->store));

  {
    g_autofree char *sql = g_strdup_printf ("SELECT created_at FROM bill_run WHERE id = '%s'",
                                            run->run_id);
    g_autoptr(GPtrArray) a = rows_text (f->store, sql, "\1");
    g_autoptr(GPtrArray) b = rows_text (other, sql, "\1");

    a_time = g_strdup (a->pdata[0]);
    b_time = g_strdup (b->pdata[0]);
  }
  assert_same_rows (f->store, a_time, other, b_time, "SELECT * FROM bill_run ORDER BY id", 2);
  assert_same_rows (f->store, a_time, other, b_time, "SELECT * FROM bill ORDER BY id", 8);
  assert_same_rows (f->store, a_time, other, b_time, "SELECT * FROM bill_line ORDER BY id", 12);
  audit_sql = g_strdup_printf ("SELECT at, actor, entity, entity_id, op, before, after, mid"
                               " FROM audit WHERE mid >= %" G_GINT64_FORMAT " ORDER BY seq",
                               first_mid);
  assert_same_rows (f->store, a_time, other, b_time, audit_sql, n);
  outbox_sql = g_strdup_printf ("SELECT * FROM outbox WHERE mid >= %" G_GINT64_FORMAT
                                " ORDER BY mid", first_mid);
  assert_same_rows (f->store, a_time, other, b_time, outbox_sql, n);
  assert_same_rows (f->store, a_time, other, b_time,
                    "SELECT value FROM meta WHERE key = 'next_mid'", 1);

  g_clear_object (&other);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);

    g_unlink (copy);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (copy_dir);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/bill-run/month", test_month);
  ADD ("/bill-run/two-sellers", test_two_sellers);
  ADD ("/bill-run/two-due-dates", test_two_due_dates);
  ADD ("/bill-run/problems", test_problems);
  ADD ("/bill-run/repost", test_repost);
  ADD ("/bill-run/numbering", test_numbering);
  ADD ("/bill-run/amendment-after-billing", test_amendment_after_billing);
  ADD ("/bill-run/termination-after-billing", test_termination_after_billing);
  ADD ("/bill-run/cancel-and-rerun", test_cancel_and_rerun);
  ADD ("/bill-run/sent-not-cancelled", test_sent_not_cancelled);
  ADD ("/bill-run/validator", test_validator);
  ADD ("/bill-run/filters", test_filters);
  ADD ("/bill-run/same-as-mutations", test_same_as_mutations);
#undef ADD
  g_test_add_func ("/bill-run/random-parks", test_random_many);
  return g_test_run ();
}
