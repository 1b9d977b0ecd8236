/* test-statement.c — a customer's statement (对账单) per seller (docs/receivables.md,
 * "Statements"): worked examples with their working
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tenant Co. leases B1-F01-003 (50.00 m²) for 2027: rent 100.00/m²/month from seller LL
 * (5,000.00 a month) and a property fee of 10.00/m²/month from seller PM (500.00), both
 * billed and due on each month's first day. January to April are posted and sent: each
 * month one LL bill of 5,000.00 and one PM bill of 500.00 (P-LL-B-2027-00000n,
 * P-PM-B-2027-00000n).
 *   2027-01-10 payment 5,500.00: January's two bills (due 01-01), in full.
 *   2027-03-05 payment 3,000.00: the oldest open bill first, then by number: LL February.
 *   2027-03-20 waiver 200.00 on PM March's line. */
#include "receivables-helpers.h"

static char *
two_seller_terms (void)
{
  return g_strdup (
    "{\"id\": \"C-1\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"},"
    "               {\"code\": \"PM\", \"name\": \"Property Services Co.\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"},"
    "                 {\"code\": \"service6\", \"rate\": \"0.06\"}],"
    " \"spaces\": [{\"code\": \"B1-F01-003\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    "   \"tax_code\": \"lease9\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"B1-F01-003\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"},"
    "  {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"PM\","
    "   \"tax_code\": \"service6\", \"unit_price\": \"10.00\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"B1-F01-003\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"}],"
    " \"late_fee\": {\"daily_rate\": \"0\", \"grace_days\": 0, \"cap\": \"none\"}}");
}

static char *
set_up (Fixture *f)
{
  char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = two_seller_terms ();
  g_free (recv_lease (f, "C-1", "B1-F01-003", customer, t));
  g_autofree char *p1 = NULL, *p2 = NULL, *w = NULL, *line = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const periods[] = { "2027-01", "2027-02", "2027-03", "2027-04" };

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    g_assert_cmpuint (recv_post_and_send (f, periods[i]), ==, 2);
  p1 = recv_pay (f, customer, "2027-01-10", 550000, NULL);
  p2 = recv_pay (f, customer, "2027-03-05", 300000, NULL);
  g_assert_cmpint (recv_allocated (f, p2, "rent", "P-LL-B-2027-000002"), ==, 300000);
  line = recv_line (f, "P-PM-B-2027-000003", "pm");
  w = pw_credit_note_add (f->store, line, "waiver", 20000, "goodwill", "2027-03-20", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (w);
  return customer;
}

static JsonObject *
statement (Fixture *f, const char *customer, const char *from, const char *to, const char *as_of)
{
  g_autoptr(GError) error = NULL;
  JsonObject *o = pw_receivables_statement (f->store, f->park, customer, from, to, as_of, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static JsonObject *
section (JsonObject *o, guint i, const char *seller)
{
  JsonObject *s = json_array_get_object_element (json_object_get_array_member (o, "sections"), i);

  g_assert_cmpstr (json_object_get_string_member (s, "seller"), ==, seller);
  return s;
}

static void
assert_buckets (JsonObject *s, gint64 b0, gint64 b1, gint64 b2, gint64 b3, gint64 b4)
{
  JsonArray *a = json_object_get_array_member (s, "ageing");
  gint64 want[] = { b0, b1, b2, b3, b4 };

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    g_assert_cmpint (json_array_get_int_element (a, i), ==, want[i]);
  g_assert_cmpint (json_object_get_int_member (s, "open"), ==, b0 + b1 + b2 + b3 + b4);
}

static void
assert_figures (JsonObject *s, gint64 opening, gint64 bills, gint64 credits, gint64 payments,
                gint64 closing)
{
  g_assert_cmpint (json_object_get_int_member (s, "opening"), ==, opening);
  g_assert_cmpint (json_object_get_int_member (s, "bills"), ==, bills);
  g_assert_cmpint (json_object_get_int_member (s, "credits"), ==, credits);
  g_assert_cmpint (json_object_get_int_member (s, "payments"), ==, payments);
  g_assert_cmpint (json_object_get_int_member (s, "closing"), ==, closing);
  /* closing = opening + bills − credits − payments */
  g_assert_cmpint (closing, ==, opening + bills - credits - payments);
}

/* Example 1. February and March, as of 2027-03-31.
 * LL: opening = January 5,000.00 − 5,000.00 paid = 0.00;
 *   02-01 bill P-LL-B-2027-000002  5,000.00   5,000.00
 *   03-01 bill P-LL-B-2027-000003  5,000.00  10,000.00
 *   03-05 payment                 −3,000.00   7,000.00
 *   closing 0 + 10,000.00 − 0 − 3,000.00 = 7,000.00.
 * PM: opening 500.00 − 500.00 = 0.00;
 *   02-01 bill P-PM-B-2027-000002    500.00     500.00
 *   03-01 bill P-PM-B-2027-000003    500.00   1,000.00
 *   03-20 waiver                    −200.00     800.00
 *   closing 0 + 1,000.00 − 200.00 − 0 = 800.00.
 * Ageing as of 03-31: LL February 2,000.00 open, due 02-01, 58 days → 31–60; LL March
 * 5,000.00 due 03-01, 30 days → 1–30 (the last day of it). PM February 500.00 → 31–60;
 * March 300.00 → 1–30. April's bills (billed 04-01) are not in it. Σ closing 7,800.00 =
 * the ledger's 16,500.00 − 200.00 − 8,500.00 as of 03-31 = Σ open. */
static void
test_two_sellers (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up (f);
  g_autoptr(JsonObject) o = statement (f, customer, "2027-02-01", "2027-03-31", NULL);
  JsonObject *ll, *pm;
  JsonArray *entries;
  static const struct { const char *date, *kind, *reference; gint64 amount, balance; } want[] = {
    { "2027-02-01", "bill", "P-LL-B-2027-000002", 500000, 500000 },
    { "2027-03-01", "bill", "P-LL-B-2027-000003", 500000, 1000000 },
    { "2027-03-05", "payment", "REF", -300000, 700000 },
  };

  g_assert_cmpstr (json_object_get_string_member (o, "as_of"), ==, "2027-03-31");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sections")), ==, 2);
  ll = section (o, 0, "LL");
  pm = section (o, 1, "PM");
  assert_figures (ll, 0, 1000000, 0, 300000, 700000);
  assert_figures (pm, 0, 100000, 20000, 0, 80000);
  entries = json_object_get_array_member (ll, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);

      g_assert_cmpstr (json_object_get_string_member (e, "date"), ==, want[i].date);
      g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, want[i].kind);
      g_assert_cmpstr (json_object_get_string_member (e, "reference"), ==, want[i].reference);
      g_assert_cmpint (json_object_get_int_member (e, "amount"), ==, want[i].amount);
      g_assert_cmpint (json_object_get_int_member (e, "balance"), ==, want[i].balance);
    }
  entries = json_object_get_array_member (pm, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 2), "kind"),
                   ==, "waiver");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (entries, 2), "balance"),
                   ==, 80000);
  assert_buckets (ll, 0, 500000, 200000, 0, 0);
  assert_buckets (pm, 0, 30000, 50000, 0, 0);
  g_assert_cmpint (json_object_get_int_member (o, "closing"), ==, 780000);
  g_assert_cmpint (json_object_get_int_member (o, "open"), ==, 780000);
  g_assert_true (json_object_get_boolean_member (o, "active"));
}

/* Example 2. March alone: the opening balances carry what came before.
 * LL opening = 5,000.00 + 5,000.00 − 5,000.00 = 5,000.00 (February unpaid); March adds
 * 5,000.00, the 3,000.00 payment takes off: closing 7,000.00, as in example 1.
 * PM opening = 500.00 + 500.00 − 500.00 = 500.00; closing 500 + 500 − 200 = 800.00. */
static void
test_opening (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up (f);
  g_autoptr(JsonObject) o = statement (f, customer, "2027-03-01", "2027-03-31", NULL);

  assert_figures (section (o, 0, "LL"), 500000, 500000, 0, 300000, 700000);
  assert_figures (section (o, 1, "PM"), 50000, 50000, 20000, 0, 80000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (section (o, 0, "LL"),
                                                                         "entries")), ==, 2);
}

/* Example 3. The ageing's boundary days, for the period to 2027-03-31:
 * as of 03-04 (before the payment and the waiver): LL February 5,000.00 is 31 days late
 *   → 31–60; March 5,000.00, 3 days → 1–30. PM February 500.00 → 31–60, March 500.00
 *   (not yet waived) → 1–30.
 * as of 04-01: April's bills are billed and due that day → current (0 days); March is
 *   31 days late → 31–60, February 59 → 31–60.
 * as of 05-02: February 90 days → 61–90 (its last day); March 62 → 61–90; April 31 →
 *   31–60.
 * as of 05-03: February 91 days → over 90. */
static void
test_ageing_boundaries (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up (f);
  g_autoptr(JsonObject) a = statement (f, customer, "2027-02-01", "2027-03-31", "2027-03-04");
  g_autoptr(JsonObject) b = statement (f, customer, "2027-02-01", "2027-03-31", "2027-04-01");
  g_autoptr(JsonObject) c = statement (f, customer, "2027-02-01", "2027-03-31", "2027-05-02");
  g_autoptr(JsonObject) d = statement (f, customer, "2027-02-01", "2027-03-31", "2027-05-03");

  assert_buckets (section (a, 0, "LL"), 0, 500000, 500000, 0, 0);
  assert_buckets (section (a, 1, "PM"), 0, 50000, 50000, 0, 0);
  assert_buckets (section (b, 0, "LL"), 500000, 0, 700000, 0, 0);
  assert_buckets (section (b, 1, "PM"), 50000, 0, 80000, 0, 0);
  assert_buckets (section (c, 0, "LL"), 0, 0, 500000, 700000, 0);
  assert_buckets (section (c, 1, "PM"), 0, 0, 50000, 80000, 0);
  assert_buckets (section (d, 0, "LL"), 0, 0, 500000, 500000, 200000);
  assert_buckets (section (d, 1, "PM"), 0, 0, 50000, 30000, 50000);
  /* the entries do not move with the as-of date */
  assert_figures (section (d, 0, "LL"), 0, 1000000, 0, 300000, 700000);
}

/* Example 4. An over-payment: 20,000.00 on 2027-04-10 pays all that is open (LL
 * 2,000 + 5,000 + 5,000, PM 500 + 300 + 500 = 13,300.00) and holds 6,700.00 unapplied.
 * With two sellers that part is a section of its own (seller ""), last; the sections'
 * closing balances add up to the ledger's balance: 22,000 − 200 − 28,500 = −6,700.00. */
static void
test_unapplied (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up (f);
  g_free (recv_pay (f, customer, "2027-04-10", 2000000, NULL));
  g_autoptr(JsonObject) o = statement (f, customer, "2027-04-01", "2027-04-30", NULL);
  JsonObject *loose;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sections")), ==, 3);
  assert_figures (section (o, 0, "LL"), 700000, 500000, 0, 1200000, 0);
  assert_figures (section (o, 1, "PM"), 80000, 50000, 0, 130000, 0);
  loose = section (o, 2, "");
  assert_figures (loose, 0, 0, 0, 670000, -670000);
  assert_buckets (loose, 0, 0, 0, 0, 0);
  g_assert_cmpint (json_object_get_int_member (o, "closing"), ==, -670000);
  g_assert_cmpint (json_object_get_int_member (o, "closing"), ==, recv_balance (f, customer));
}

/* Example 5. One seller: what a payment holds unapplied stays in its section. A
 * January bill of 5,500.00 (rent and fee both from LL) and 6,000.00 paid on 01-10:
 * one section, payments 6,000.00, closing −500.00; nothing open. Defaults: to today,
 * from a year before it (the day after), as of the end. Bad dates name their field. */
static void
test_one_seller (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = recv_terms ("C-1", "B1-F01-003", "100.00", "10.00", "0", 5, "none");
  g_free (recv_lease (f, "C-1", "B1-F01-003", customer, t));
  g_autofree char *p = NULL, *from = NULL, *to = NULL, *as_of = NULL;
  g_autoptr(JsonObject) o = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (recv_post_and_send (f, "2027-01"), ==, 1);
  p = recv_pay (f, customer, "2027-01-10", 600000, NULL);
  o = statement (f, customer, "2027-01-01", "2027-01-31", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "sections")), ==, 1);
  assert_figures (section (o, 0, "LL"), 0, 550000, 0, 600000, -50000);
  assert_buckets (section (o, 0, "LL"), 0, 0, 0, 0, 0);

  g_assert_true (pw_statement_period (NULL, "2027-03-01", NULL, &from, &to, &as_of, &error));
  g_assert_cmpstr (from, ==, "2026-03-02");
  g_assert_cmpstr (as_of, ==, "2027-03-01");
  g_clear_pointer (&from, g_free);
  g_clear_pointer (&to, g_free);
  g_clear_pointer (&as_of, g_free);
  g_assert_false (pw_statement_period ("2027-13-01", NULL, NULL, &from, &to, &as_of, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "from"));
  g_clear_error (&error);
  g_assert_false (pw_statement_period ("2027-03-02", "2027-03-01", NULL, &from, &to, &as_of, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_null (pw_receivables_statement (f->store, f->park, "Nobody Ltd.", NULL, NULL, NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND);
}

/* Example 6. Who gets a statement in a batch: a customer with a bill or payment by the
 * end date; one with nothing (a second customer) is not among them. A statement of a
 * period before everything is not active: nothing in it, nothing owed. */
static void
test_customers (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up (f);
  g_free (recv_customer (f, "Quiet Co."));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = pw_receivables_statement_customers (f->store, f->park, "2027-12-31", &error);
  g_autoptr(GPtrArray) none = pw_receivables_statement_customers (f->store, f->park, "2026-12-31", &error);
  g_autoptr(JsonObject) early = statement (f, customer, "2026-01-01", "2026-12-31", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpstr (ids->pdata[0], ==, customer);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_false (json_object_get_boolean_member (early, "active"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (early, "sections")), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/statement/two-sellers", test_two_sellers);
  ADD ("/statement/opening", test_opening);
  ADD ("/statement/ageing-boundaries", test_ageing_boundaries);
  ADD ("/statement/unapplied", test_unapplied);
  ADD ("/statement/one-seller", test_one_seller);
  ADD ("/statement/customers", test_customers);
#undef ADD
  return g_test_run ();
}
