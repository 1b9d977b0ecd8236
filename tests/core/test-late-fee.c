/* test-late-fee.c — late fees (docs/receivables.md, "Late fees"; rules E24–E25):
 * worked examples with their working, and late fees in bill runs
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "receivables-helpers.h"

#define JAN "P-LL-B-2027-000001"
#define FEB "P-LL-B-2027-000002"

static gint64
fee_of (const char *due, gint64 principal, const char *rate, guint grace, const char *cap,
        const char *through, const char *const *dates, const gint64 *amounts, guint n,
        gint64 *days)
{
  g_autoptr(GError) error = NULL;
  PwLateFeeInput in = { due, principal, rate, grace, cap, through, n, dates, amounts };
  gint64 fee = -1;

  g_assert_true (pw_late_fee_compute (&in, &fee, days, &error));
  g_assert_no_error (error);
  return fee;
}

/* Example 1. Grace: 5,000.00 due 2027-01-01, 0.05 % a day after 5 grace days. Late from
 * 2027-01-07 (due + 5 + 1): to 2027-01-06 no fee; to 2027-01-07 one day,
 * 5,000.00 × 0.0005 × 1 = 2.50; to 2027-01-31 25 days, 5,000.00 × 0.0005 × 25 = 62.50. */
static void
test_grace (void)
{
  gint64 days = -1;

  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-01-06", NULL, NULL, 0,
                           &days), ==, 0);
  g_assert_cmpint (days, ==, 0);
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-01-07", NULL, NULL, 0,
                           &days), ==, 250);
  g_assert_cmpint (days, ==, 1);
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-01-31", NULL, NULL, 0,
                           &days), ==, 6250);
  g_assert_cmpint (days, ==, 25);
  /* no grace: late from 2027-01-02, 30 days to 01-31: 5,000.00 × 0.0005 × 30 = 75.00 */
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 0, "none", "2027-01-31", NULL, NULL, 0,
                           NULL), ==, 7500);
}

/* Example 2. Payments as they come: 2,000.00 of the 5,000.00 paid 2027-01-10 (counted
 * that day: to the payment date inclusive), the rest never:
 *   5,000.00 × 4 days (01-07 … 01-10) + 3,000.00 × 21 days (01-11 … 01-31)
 *   = 20,000.00 + 63,000.00 = 83,000.00 principal-days × 0.0005 = 41.50.
 * Paid in full within the grace (2027-01-06) or before the due date: no fee. Paid in full
 * 2027-01-08: 5,000.00 × 2 days × 0.0005 = 5.00, and no more however late the date. */
static void
test_payments (void)
{
  const char *const d1[] = { "2027-01-10" };
  const gint64 a1[] = { 200000 };
  const char *const d2[] = { "2027-01-06" };
  const char *const d3[] = { "2026-12-20" };
  const char *const d4[] = { "2027-01-08" };
  const gint64 all[] = { 500000 };
  gint64 days = -1;

  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-01-31", d1, a1, 1,
                           &days), ==, 4150);
  g_assert_cmpint (days, ==, 25);
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-01-31", d2, all, 1,
                           NULL), ==, 0);
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-01-31", d3, all, 1,
                           NULL), ==, 0);
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-12-31", d4, all, 1,
                           &days), ==, 500);
  g_assert_cmpint (days, ==, 0);
}

/* Example 3. Caps: 5,000.00 late from 2027-01-07 to 2027-12-31 is 359 days,
 * 5,000.00 × 0.0005 × 359 = 897.50; capped at 10 % of the principal, 500.00. At 1 % a day
 * for 200 days (to 2027-07-25), 5,000.00 × 0.01 × 200 = 10,000.00, capped at the principal,
 * 5,000.00. Uncapped it stays 897.50. */
static void
test_cap (void)
{
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "none", "2027-12-31", NULL, NULL, 0,
                           NULL), ==, 89750);
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.0005", 5, "10", "2027-12-31", NULL, NULL, 0,
                           NULL), ==, 50000);
  g_assert_cmpint (fee_of ("2027-01-01", 500000, "0.01", 5, "principal", "2027-07-25", NULL, NULL, 0,
                           NULL), ==, 500000);
}

/* Example 4. Rounding once, half up: 3.33 × 0.0005 × 3 days = 0.004995 → 0.00;
 * 10.00 × 0.0005 × 1 day = 0.005 → 0.01. */
static void
test_rounding (void)
{
  g_assert_cmpint (fee_of ("2027-01-01", 333, "0.0005", 0, "none", "2027-01-04", NULL, NULL, 0,
                           NULL), ==, 0);
  g_assert_cmpint (fee_of ("2027-01-01", 1000, "0.0005", 0, "none", "2027-01-02", NULL, NULL, 0,
                           NULL), ==, 1);
}

static char *
lease_with_late_fee (Fixture *f)
{
  char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = recv_terms ("C-1", "B1-F01-003", "100.00", "10.00", "0.0005", 5, "none");
  g_autofree char *lease = recv_lease (f, "C-1", "B1-F01-003", customer, t);

  return customer;
}

static gint64
late_sum (Fixture *f, const char *number)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT coalesce (sum (l.gross), 0) FROM bill_line l JOIN bill b ON b.id = l.bill_id"
    " WHERE b.number = '%s' AND l.source LIKE 'late:%%'", number);

  return recv_int (f, sql);
}

/* Example 5. Late fees in bill runs. January (pm 500.00, rent 5,000.00, due 01-01) is
 * sent; 3,000.00 is paid 2027-01-10 (pm in full, 2,500.00 of rent). Late from 01-07.
 *   pm   500.00 × 4 days (01-07 … 01-10) × 0.0005 = 1.00
 *   rent 5,000.00 × 4 + 2,500.00 × 21 (01-11 … 01-31) = 72,500.00 × 0.0005 = 36.25
 * February's run counts to 2027-01-31 and bills both on February's bill, taxed at their
 * lines' rates: 36.25 at 9 %: net round(36.25 ÷ 1.09) = 33.26, tax 2.99; 1.00 at 6 %: net
 * round(1.00 ÷ 1.06) = 0.94, tax 0.06. February: 5,500.00 + 37.25 = 5,537.25. A second
 * post bills nothing. March's run counts to 2027-02-28:
 *   January rent: 72,500.00 + 2,500.00 × 28 = 142,500.00 × 0.0005 = 71.25, less 36.25
 *     billed = 35.00
 *   January pm: paid, 1.00 all billed: no line
 *   February pm 500.00 × 22 (02-07 … 02-28) × 0.0005 = 5.50; rent 5,000.00 × 22 × 0.0005
 *     = 55.00
 *   February's late-fee lines (due 02-01, unpaid) bear no fee: never a fee on a fee. */
static void
test_bill_run (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = lease_with_late_fee (f);
  g_autofree char *pay = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) preview = NULL;
  g_autoptr(PwBillRun) again = NULL;
  g_autoptr(JsonObject) ledger = NULL;

  g_assert_cmpuint (recv_post_and_send (f, "2027-01"), ==, 1);
  pay = recv_pay (f, customer, "2027-01-10", 300000, NULL);
  preview = pw_late_fee_preview (f->store, f->park, "2027-01-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (preview), ==, 2);
  {
    gint64 fees[2];

    for (guint i = 0; i < 2; i++)
      {
        JsonObject *o = json_array_get_object_element (preview, i);

        fees[i] = json_object_get_int_member (o, "fee");
        g_assert_cmpint (json_object_get_int_member (o, "to_bill"), ==, fees[i]);
        if (fees[i] == 3625)
          {
            g_assert_cmpint (json_object_get_int_member (o, "net"), ==, 3326);
            g_assert_cmpint (json_object_get_int_member (o, "tax"), ==, 299);
            g_assert_cmpint (json_object_get_int_member (o, "open"), ==, 250000);
            g_assert_cmpstr (json_object_get_string_member (o, "charge"), ==, "rent");
          }
        else
          {
            g_assert_cmpint (fees[i], ==, 100);
            g_assert_cmpint (json_object_get_int_member (o, "net"), ==, 94);
            g_assert_cmpint (json_object_get_int_member (o, "tax"), ==, 6);
          }
      }
    g_assert_cmpint (fees[0] + fees[1], ==, 3725);
  }

  g_assert_cmpuint (recv_post_and_send (f, "2027-02"), ==, 1);
  g_assert_cmpint (late_sum (f, FEB), ==, 3725);
  g_assert_cmpint (recv_int (f, "SELECT gross FROM bill WHERE number = '" FEB "'"), ==, 553725);
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM bill_line WHERE source LIKE 'late:%:2027-01-31'"
                                " AND kind = 'penalty' AND charge = 'late_fee'"), ==, 2);
  again = pw_bill_run_post (f->store, f->park, "2027-02", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (again->run_id);
  g_assert_cmpuint (again->bills->len, ==, 0);

  g_assert_cmpuint (recv_post_and_send (f, "2027-03"), ==, 1);
  g_assert_cmpint (late_sum (f, "P-LL-B-2027-000003"), ==, 3500 + 550 + 5500);
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM bill_line WHERE source LIKE 'late:%:2027-02-28'"), ==, 3);
  /* none of them is on a late-fee line */
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM bill_line m JOIN bill_line l"
                                " ON m.source LIKE 'late:' || l.id || ':%'"
                                " WHERE l.source LIKE 'late:%'"), ==, 0);
  /* the ledger shows them as late fees; the balance identity holds */
  ledger = pw_receivables_ledger (f->store, f->park, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (ledger, "bills"), ==,
                   3 * 550000 + 3725 + 3500 + 550 + 5500);
  g_assert_cmpint (json_object_get_int_member (ledger, "balance"), ==,
                   json_object_get_int_member (ledger, "bills") - 300000);
  {
    JsonArray *entries = json_object_get_array_member (ledger, "entries");
    guint late = 0;

    for (guint i = 0; i < json_array_get_length (entries); i++)
      late += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (entries, i),
                                                        "kind"), "late_fee") == 0;
    g_assert_cmpuint (late, ==, 5);
  }
}

static void
set_order (Fixture *f, const char *order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) park = pw_store_get_row (f->store, "park", f->park, &error);
  PwMutation *m = pw_mutation_new_update ("park", f->park,
                                          json_object_get_int_member (park, "version"));

  pw_mutation_set_string (m, "allocation_order", order);
  g_assert_true (pw_store_apply (f->store, m, &error));
  g_assert_no_error (error);
  pw_mutation_free (m);
}

/* Example 6. Principal or fees first. January unpaid; February's run bills its late fees
 * to 2027-01-31 (rent 5,000.00 × 25 × 0.0005 = 62.50, pm 500.00 × 25 × 0.0005 = 6.25).
 * A payment of 100.00:
 *   principal first (the default): all 100.00 to January's pm line (oldest principal);
 *   fees first: 62.50 + 6.25 = 68.75 to the late fees, 31.25 to January's pm line.
 * An unknown order is refused by the park's validator. */
static void
test_fees_first (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = lease_with_late_fee (f);
  g_autofree char *one = NULL, *two = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (recv_post_and_send (f, "2027-01"), ==, 1);
  g_assert_cmpuint (recv_post_and_send (f, "2027-02"), ==, 1);
  g_assert_cmpint (late_sum (f, FEB), ==, 6875);

  one = recv_pay (f, customer, "2027-02-05", 10000, NULL);
  g_assert_cmpint (recv_allocated (f, one, "pm", JAN), ==, 10000);
  g_assert_cmpint (recv_allocated (f, one, "late_fee", NULL), ==, 0);
  g_assert_true (pw_payment_undo (f->store, one, &error));

  set_order (f, "fees_first");
  two = recv_pay (f, customer, "2027-02-05", 10000, NULL);
  g_assert_cmpint (recv_allocated (f, two, "late_fee", NULL), ==, 6875);
  g_assert_cmpint (recv_allocated (f, two, "pm", JAN), ==, 3125);

  {
    g_autoptr(JsonObject) park = pw_store_get_row (f->store, "park", f->park, &error);
    PwMutation *m = pw_mutation_new_update ("park", f->park,
                                            json_object_get_int_member (park, "version"));

    pw_mutation_set_string (m, "allocation_order", "newest_first");
    g_assert_false (pw_store_apply (f->store, m, &error));
    g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
    pw_mutation_free (m);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/late-fee/grace", test_grace);
  g_test_add_func ("/late-fee/payments", test_payments);
  g_test_add_func ("/late-fee/cap", test_cap);
  g_test_add_func ("/late-fee/rounding", test_rounding);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/late-fee/bill-run", test_bill_run);
  ADD ("/late-fee/fees-first", test_fees_first);
#undef ADD
  return g_test_run ();
}
