/* test-receivables.c — payments, allocation, the ledger and ageing, credit notes and
 * waivers (docs/receivables.md): worked examples with their working
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every example leases B1-F01-003 (50.00 m²) to Tenant Co. for 2027 at 100.00 rent
 * (9 % included) and 10.00 property fee (6 % included) per m² per month, both from
 * seller LL, billed and due on the 1st: each month's bill P-LL-B-2027-00000n is
 *   pm   50 × 10.00  =   500.00 (net 471.70, tax 28.30)
 *   rent 50 × 100.00 = 5,000.00 (net 4,587.16, tax 412.84)
 * 5,500.00 in all, due the 1st of the month. */
#include "receivables-helpers.h"

#define JAN "P-LL-B-2027-000001"
#define FEB "P-LL-B-2027-000002"
#define MAR "P-LL-B-2027-000003"

static char *
set_up_months (Fixture *f, guint months, const char *late_rate)
{
  char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = recv_terms ("C-1", "B1-F01-003", "100.00", "10.00", late_rate, 5, "none");
  g_autofree char *lease = recv_lease (f, "C-1", "B1-F01-003", customer, t);
  static const char *const periods[] = { "2027-01", "2027-02", "2027-03", "2027-04" };

  for (guint i = 0; i < months; i++)
    g_assert_cmpuint (recv_post_and_send (f, periods[i]), ==, 1);
  return customer;
}

/* Example 1. Partial payment, principal first, oldest first: 3,000.00 on 2027-01-10
 * against January (5,500.00): the pm line (500.00, first in the bill) is paid in full,
 * rent gets 2,500.00; nothing is unapplied; January still owes 2,500.00.
 * Balance after three months: 16,500.00 − 3,000.00 = 13,500.00. */
static void
test_partial_payment (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 3, "0");
  g_autofree char *pay = recv_pay (f, customer, "2027-01-10", 300000, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) p = pw_payment_find (f->store, pay, &error);

  g_assert_no_error (error);
  g_assert_cmpint (recv_allocated (f, pay, "pm", JAN), ==, 50000);
  g_assert_cmpint (recv_allocated (f, pay, "rent", JAN), ==, 250000);
  g_assert_cmpint (recv_allocated (f, pay, "rent", FEB), ==, 0);
  g_assert_cmpint (json_object_get_int_member (p, "unapplied"), ==, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (p, "allocations")), ==, 2);
  g_assert_cmpint (recv_balance (f, customer), ==, 1650000 - 300000);
}

/* Example 2. Over-payment: 20,000.00 against three bills of 5,500.00 pays all three
 * (16,500.00) and leaves 3,500.00 unapplied, the customer's credit: the balance is
 * 16,500.00 − 20,000.00 = −3,500.00. A fourth month's bill is then paid from that credit
 * by allocating the payment again: 3,500.00 of April's 5,500.00 (pm 500.00, rent 3,000.00). */
static void
test_over_payment (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 3, "0");
  g_autofree char *pay = recv_pay (f, customer, "2027-03-05", 2000000, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ledger = NULL;
  g_autoptr(JsonObject) p = pw_payment_find (f->store, pay, &error);

  g_assert_cmpint (json_object_get_int_member (p, "allocated"), ==, 1650000);
  g_assert_cmpint (json_object_get_int_member (p, "unapplied"), ==, 350000);
  ledger = pw_receivables_ledger (f->store, f->park, "Tenant Co.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (ledger, "balance"), ==, -350000);
  g_assert_cmpint (json_object_get_int_member (ledger, "unapplied"), ==, 350000);
  g_assert_cmpint (json_object_get_int_member (ledger, "bills"), ==, 1650000);
  g_assert_cmpint (json_object_get_int_member (ledger, "payments"), ==, 2000000);

  g_assert_cmpuint (recv_post_and_send (f, "2027-04"), ==, 1);
  g_assert_true (pw_payment_allocate (f->store, pay, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recv_allocated (f, pay, "pm", "P-LL-B-2027-000004"), ==, 50000);
  g_assert_cmpint (recv_allocated (f, pay, "rent", "P-LL-B-2027-000004"), ==, 300000);
  g_assert_cmpint (recv_balance (f, customer), ==, 2200000 - 2000000);
}

/* Example 3. Designation: 5,500.00 naming March pays March in full, January and February
 * stay open; a second payment of 6,000.00 naming February then January pays February
 * (5,500.00) and 500.00 of January (its pm line). A bill that is not the customer's is
 * refused by name. */
static void
test_designation (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 3, "0");
  const char *const mar[] = { MAR, NULL };
  const char *const feb_jan[] = { FEB, JAN, NULL };
  const char *const bogus[] = { "P-LL-B-2027-999999", NULL };
  g_autofree char *one = recv_pay (f, customer, "2027-03-02", 550000, mar);
  g_autofree char *two = recv_pay (f, customer, "2027-03-03", 600000, feb_jan);
  g_autoptr(GError) error = NULL;
  PwPaymentInput in = { customer, "2027-03-04", 100, "cash", NULL, bogus, NULL };

  g_assert_cmpint (recv_allocated (f, one, "rent", MAR), ==, 500000);
  g_assert_cmpint (recv_allocated (f, one, "pm", MAR), ==, 50000);
  g_assert_cmpint (recv_allocated (f, one, "rent", JAN), ==, 0);
  g_assert_cmpint (recv_allocated (f, two, "rent", FEB) + recv_allocated (f, two, "pm", FEB), ==, 550000);
  g_assert_cmpint (recv_allocated (f, two, "pm", JAN), ==, 50000);
  g_assert_cmpint (recv_allocated (f, two, "rent", JAN), ==, 0);
  g_assert_null (pw_payment_add (f->store, f->park, &in, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "P-LL-B-2027-999999"));
}

/* Example 4. Undo and un-allocation. 3,000.00 paid, then un-allocated: January owes all
 * 5,500.00 again and the payment is 3,000.00 unapplied (the balance does not move:
 * 5,500.00 − 3,000.00 = 2,500.00). Allocated again, it goes where it went. Undone, it
 * counts no more: the balance is 5,500.00; it cannot be undone twice. */
static void
test_undo (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 1, "0");
  g_autofree char *pay = recv_pay (f, customer, "2027-01-10", 300000, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_payment_unallocate (f->store, pay, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) p = pw_payment_find (f->store, pay, &error);
    g_assert_cmpint (json_object_get_int_member (p, "unapplied"), ==, 300000);
  }
  g_assert_cmpint (recv_balance (f, customer), ==, 250000);
  g_assert_true (pw_payment_allocate (f->store, pay, &error));
  g_assert_cmpint (recv_allocated (f, pay, "pm", JAN), ==, 50000);
  g_assert_cmpint (recv_allocated (f, pay, "rent", JAN), ==, 250000);
  g_assert_true (pw_payment_undo (f->store, pay, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recv_balance (f, customer), ==, 550000);
  g_assert_cmpint (recv_allocated (f, pay, "rent", JAN), ==, 0);
  g_assert_false (pw_payment_undo (f->store, pay, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS);
}

/* Example 5. The validator stops an allocation beyond its line, its bill or its payment,
 * whatever path it comes by: a payment of 100.00 cannot put 200.00 on a line; 6,000.00
 * cannot put 5,500.00 + 1 on January's rent line (5,000.00). */
static void
test_allocation_limits (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 1, "0");
  g_autofree char *small = NULL, *big = NULL;
  g_autofree char *rent = recv_line (f, JAN, "rent");
  g_autoptr(GError) error = NULL;
  PwMutation *m;

  {
    PwPaymentInput in = { customer, "2027-01-10", 10000, "cash", NULL, NULL, NULL };
    small = pw_payment_add (f->store, f->park, &in, &error);
    g_assert_no_error (error);
    g_assert_true (pw_payment_unallocate (f->store, small, &error));
  }
  m = pw_mutation_new_insert ("allocation", NULL);
  pw_mutation_set_string (m, "payment_id", small);
  pw_mutation_set_string (m, "bill_line_id", rent);
  pw_mutation_set_int (m, "amount", 20000);
  pw_mutation_set_int (m, "cancelled", 0);
  g_assert_false (pw_store_apply (f->store, m, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "unapplied"));
  g_clear_error (&error);
  pw_mutation_free (m);

  {
    PwPaymentInput in = { customer, "2027-01-11", 600000, "cash", NULL, NULL, NULL };
    big = pw_payment_add (f->store, f->park, &in, &error);
    g_assert_no_error (error);
    g_assert_true (pw_payment_unallocate (f->store, big, &error));
  }
  m = pw_mutation_new_insert ("allocation", NULL);
  pw_mutation_set_string (m, "payment_id", big);
  pw_mutation_set_string (m, "bill_line_id", rent);
  pw_mutation_set_int (m, "amount", 500001);
  pw_mutation_set_int (m, "cancelled", 0);
  g_assert_false (pw_store_apply (f->store, m, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "still owes"));
  pw_mutation_free (m);
}

/* Example 6. Ageing as of 2027-03-15, nothing paid but 3,000.00 on 2027-01-10:
 *   January  due 2027-01-01, 73 days → 61–90: 5,500.00 − 3,000.00 = 2,500.00
 *   February due 2027-02-01, 42 days → 31–60: 5,500.00
 *   March    due 2027-03-01, 14 days → 1–30:  5,500.00
 * total 13,500.00 = the balance. As of 2027-01-05 only January counts (billed 01-01),
 * 4 days late, all 5,500.00 (the payment came on the 10th). By charge as of 2027-03-15:
 * pm 1,500.00 − 500.00 = 1,000.00; rent 15,000.00 − 2,500.00 = 12,500.00. By building:
 * all in B1. The drill-down of 61–90 shows January, 2,500.00 open, on its rent line. */
static void
test_ageing (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 3, "0");
  g_autofree char *pay = recv_pay (f, customer, "2027-01-10", 300000, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) a = pw_receivables_ageing (f->store, f->park, "2027-03-15", "customer", &error);
  g_autoptr(JsonObject) early = NULL, by_charge = NULL, by_building = NULL;
  g_autoptr(JsonArray) drill = NULL;
  JsonArray *rows, *buckets, *totals;
  JsonObject *row, *bill;

  g_assert_no_error (error);
  rows = json_object_get_array_member (a, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Tenant Co.");
  g_assert_cmpstr (json_object_get_string_member (row, "key"), ==, customer);
  buckets = json_object_get_array_member (row, "buckets");
  g_assert_cmpint (json_array_get_int_element (buckets, 0), ==, 0);
  g_assert_cmpint (json_array_get_int_element (buckets, 1), ==, 550000);
  g_assert_cmpint (json_array_get_int_element (buckets, 2), ==, 550000);
  g_assert_cmpint (json_array_get_int_element (buckets, 3), ==, 250000);
  g_assert_cmpint (json_array_get_int_element (buckets, 4), ==, 0);
  g_assert_cmpint (json_object_get_int_member (a, "total"), ==, recv_balance (f, customer));

  early = pw_receivables_ageing (f->store, f->park, "2027-01-05", "customer", &error);
  totals = json_object_get_array_member (early, "totals");
  g_assert_cmpint (json_array_get_int_element (totals, 1), ==, 550000);
  g_assert_cmpint (json_object_get_int_member (early, "total"), ==, 550000);

  by_charge = pw_receivables_ageing (f->store, f->park, "2027-03-15", "charge", &error);
  rows = json_object_get_array_member (by_charge, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "key"), ==, "pm");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 0), "total"), ==, 100000);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (rows, 1), "total"), ==, 1250000);

  by_building = pw_receivables_ageing (f->store, f->park, "2027-03-15", "building", &error);
  rows = json_object_get_array_member (by_building, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "key"), ==, "B1");

  drill = pw_receivables_ageing_bills (f->store, f->park, "2027-03-15", "customer", customer, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (drill), ==, 1);
  bill = json_array_get_object_element (drill, 0);
  g_assert_cmpstr (json_object_get_string_member (bill, "number"), ==, JAN);
  g_assert_cmpint (json_object_get_int_member (bill, "days"), ==, 73);
  g_assert_cmpint (json_object_get_int_member (bill, "open"), ==, 250000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (bill, "lines")), ==, 1);
  g_assert_cmpint (pw_ageing_bucket (0), ==, 0);
  g_assert_cmpint (pw_ageing_bucket (30), ==, 1);
  g_assert_cmpint (pw_ageing_bucket (31), ==, 2);
  g_assert_cmpint (pw_ageing_bucket (90), ==, 3);
  g_assert_cmpint (pw_ageing_bucket (91), ==, 4);
}

/* Example 7. The ledger of three months with a payment, in date order, running:
 *   2027-01-01 bill JAN   5,500.00   5,500.00
 *   2027-01-10 payment   −3,000.00   2,500.00
 *   2027-02-01 bill FEB   5,500.00   8,000.00
 * Σ bills 11,000.00 − Σ payments 3,000.00 = 8,000.00. */
static void
test_ledger (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 2, "0");
  g_autofree char *pay = recv_pay (f, customer, "2027-01-10", 300000, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ledger = pw_receivables_ledger (f->store, f->park, customer, &error);
  JsonArray *entries = json_object_get_array_member (ledger, "entries");
  static const struct { const char *date, *kind; gint64 amount, balance; } want[] = {
    { "2027-01-01", "bill", 550000, 550000 },
    { "2027-01-10", "payment", -300000, 250000 },
    { "2027-02-01", "bill", 550000, 800000 },
  };

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *e = json_array_get_object_element (entries, i);

      g_assert_cmpstr (json_object_get_string_member (e, "date"), ==, want[i].date);
      g_assert_cmpstr (json_object_get_string_member (e, "kind"), ==, want[i].kind);
      g_assert_cmpint (json_object_get_int_member (e, "amount"), ==, want[i].amount);
      g_assert_cmpint (json_object_get_int_member (e, "balance"), ==, want[i].balance);
    }
  g_assert_cmpint (json_object_get_int_member (ledger, "balance"), ==, 800000);
}

static void
add_rule (Fixture *f, const char *threshold, const char *role, gint64 level)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = pw_approval_rule_add (f->store, f->park, "credit_amount", threshold, role,
                                              level, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static char *
credit (Fixture *f, const char *line, const char *kind, gint64 gross, char **number, GError **error)
{
  return pw_credit_note_add (f->store, line, kind, gross, "test", "2027-01-20", number, error);
}

static JsonObject *
note_row (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *row = pw_store_get_row (f->store, "credit_note", id, &error);

  g_assert_no_error (error);
  return row;
}

/* Example 8. Credit notes and waivers on January's rent line (5,000.00 at 9 %):
 *   a credit of 500.00 (partial): net = round(500.00 ÷ 1.09) = 458.72 (458.715…), tax 41.28;
 *     approved at once (no rule). What remains: 4,500.00.
 *   4,600.00 is refused: more than what remains.
 *   the rest (4,500.00, whole): net = 4,587.16 − 458.72 = 4,128.44, tax 371.56, so the
 *     line's net and tax are credited exactly.
 * A waiver of the pm line (500.00, all of it) takes its net 471.70 and tax 28.30.
 * Nothing remains; a further credit is refused. The balance is 5,500.00 − 5,500.00 = 0. */
static void
test_credit_notes (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 1, "0");
  g_autofree char *rent = recv_line (f, JAN, "rent");
  g_autofree char *pm = recv_line (f, JAN, "pm");
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *na = NULL, *nb = NULL, *nc = NULL;
  g_autoptr(JsonObject) ra = NULL, rb = NULL, rc = NULL;
  g_autoptr(GError) error = NULL;

  a = credit (f, rent, "credit", 50000, &na, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (na, ==, "P-CN-2027-000001");
  ra = note_row (f, a);
  g_assert_cmpstr (json_object_get_string_member (ra, "status"), ==, "approved");
  g_assert_cmpint (json_object_get_int_member (ra, "net"), ==, 45872);
  g_assert_cmpint (json_object_get_int_member (ra, "tax"), ==, 4128);
  g_assert_cmpint (pw_credit_note_remainder (f->store, rent, NULL), ==, 450000);

  g_assert_null (credit (f, rent, "credit", 460000, NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER);
  g_clear_error (&error);

  b = credit (f, rent, "credit", 0, &nb, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nb, ==, "P-CN-2027-000002");
  rb = note_row (f, b);
  g_assert_cmpint (json_object_get_int_member (rb, "gross"), ==, 450000);
  g_assert_cmpint (json_object_get_int_member (rb, "net"), ==, 412844);
  g_assert_cmpint (json_object_get_int_member (rb, "tax"), ==, 37156);

  c = credit (f, pm, "waiver", 0, &nc, &error);
  g_assert_no_error (error);
  rc = note_row (f, c);
  g_assert_cmpstr (json_object_get_string_member (rc, "kind"), ==, "waiver");
  g_assert_cmpint (json_object_get_int_member (rc, "net"), ==, 47170);
  g_assert_cmpint (json_object_get_int_member (rc, "tax"), ==, 2830);

  g_assert_null (credit (f, rent, "credit", 1, NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER);
  g_assert_cmpint (recv_balance (f, customer), ==, 0);
}

/* Example 9. Approval: rules credit_amount > 1,000 asks the asset manager (level 1) and
 * > 3,000 the general manager (level 2). A credit of 800.00 is approved at once; one of
 * 2,000.00 waits for the asset manager only (the general manager is refused); approved,
 * it counts. One of 3,500.00 needs both, level by level; a rejection needs a comment and
 * frees its amount. A pending note holds its amount: 5,000 − 800 − 2,000 − 2,200 pending
 * leaves nothing for a 1.00 credit. A draft bill is credited by cancelling it, not by a
 * credit note. */
static void
test_approval (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 1, "0");
  g_autofree char *rent = recv_line (f, JAN, "rent");
  g_autofree char *small = NULL, *mid = NULL, *big = NULL, *held = NULL;
  g_autofree char *n_mid = NULL, *n_big = NULL, *n_held = NULL;
  g_autoptr(GError) error = NULL;

  add_rule (f, "1000", "asset_manager", 1);
  add_rule (f, "3000", "general_manager", 2);

  small = credit (f, rent, "credit", 80000, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) r = note_row (f, small);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");
  }
  mid = credit (f, rent, "credit", 200000, &n_mid, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) r = note_row (f, mid);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "pending");
  }
  g_assert_cmpint (recv_balance (f, customer), ==, 550000 - 80000);
  g_assert_false (pw_credit_note_decide (f->store, f->park, n_mid, "general_manager", TRUE, NULL,
                                         NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_YOUR_TURN);
  g_clear_error (&error);
  g_assert_true (pw_credit_note_decide (f->store, f->park, n_mid, "asset_manager", TRUE, NULL,
                                        "OA-7", &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) r = note_row (f, mid);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");
    g_assert_cmpstr (json_object_get_string_member (r, "approval_ref"), ==, "OA-7");
  }
  g_assert_cmpint (recv_balance (f, customer), ==, 550000 - 280000);

  /* 2,200.00 left on the line: above 1,000, under 3,000 → the asset manager */
  held = credit (f, rent, "credit", 0, &n_held, &error);
  g_assert_no_error (error);
  g_assert_null (credit (f, rent, "credit", 100, NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER);
  g_clear_error (&error);
  g_assert_false (pw_credit_note_decide (f->store, f->park, n_held, NULL, FALSE, NULL, NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_INPUT);
  g_clear_error (&error);
  g_assert_true (pw_credit_note_decide (f->store, f->park, n_held, NULL, FALSE, "not agreed",
                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_credit_note_remainder (f->store, rent, NULL), ==, 220000);

  /* a line of a draft bill: February posted and not sent */
  {
    g_autoptr(PwBillRun) run = pw_bill_run_post (f->store, f->park, "2027-02", NULL, &error);
    g_autofree char *feb_rent = recv_line (f, FEB, "rent");

    g_assert_no_error (error);
    g_assert_null (credit (f, feb_rent, "credit", 100, NULL, &error));
    g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS);
    g_clear_error (&error);
  }
  /* both levels: 3,500.00 of February's rent once it is sent */
  g_assert_true (pw_bill_set_status (f->store, f->park, FEB, PW_BILL_SENT, &error));
  {
    g_autofree char *feb_rent = recv_line (f, FEB, "rent");
    big = credit (f, feb_rent, "credit", 350000, &n_big, &error);
    g_assert_no_error (error);
  }
  g_assert_false (pw_credit_note_decide (f->store, f->park, n_big, "general_manager", TRUE, NULL,
                                         NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_NOT_YOUR_TURN);
  g_clear_error (&error);
  g_assert_true (pw_credit_note_decide (f->store, f->park, n_big, NULL, TRUE, NULL, NULL, &error));
  {
    g_autoptr(JsonObject) r = note_row (f, big);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "pending");
  }
  g_assert_true (pw_credit_note_decide (f->store, f->park, n_big, "general_manager", TRUE, NULL,
                                        NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) r = note_row (f, big);
    g_assert_cmpstr (json_object_get_string_member (r, "status"), ==, "approved");
  }
  /* a decided note is decided */
  g_assert_false (pw_credit_note_decide (f->store, f->park, n_big, NULL, TRUE, NULL, NULL, &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_STATUS);
}

/* Example 9b. A whole bill credited at once: January's 5,000.00 rent and 500.00 fee
 * under a rule credit_amount > 5,200 (asset manager). Neither line is above 5,200, but
 * the credit is 5,500.00, so both notes wait for approval: a bill is never credited past
 * the approval amount line by line. Approved, the balance is 0; nothing is left to
 * credit. Without the rule (a rule of 6,000 only) the same credit is approved at once. */
static void
test_whole_bill_approval (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 1, "0");
  g_autofree char *rent = recv_line (f, JAN, "rent");
  g_autofree char *pm = recv_line (f, JAN, "pm");
  const char *lines[] = { rent, pm, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GPtrArray) notes = NULL;

  add_rule (f, "5200", "asset_manager", 1);
  numbers = pw_credit_note_add_whole (f->store, lines, "credit", "whole bill", "2027-01-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (numbers->len, ==, 2);
  notes = pw_credit_note_list (f->store, f->park, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 2);
  for (guint i = 0; i < notes->len; i++)
    g_assert_cmpstr (json_object_get_string_member (notes->pdata[i], "status"), ==, "pending");
  /* pending notes hold their amounts but do not count yet */
  g_assert_cmpint (recv_balance (f, customer), ==, 550000);
  g_assert_cmpint (pw_credit_note_remainder (f->store, rent, NULL), ==, 0);
  for (guint i = 0; i < numbers->len; i++)
    {
      g_assert_true (pw_credit_note_decide (f->store, f->park, numbers->pdata[i], "asset_manager",
                                            TRUE, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (recv_balance (f, customer), ==, 0);
  g_assert_null (pw_credit_note_add_whole (f->store, lines, "credit", "again", "2027-01-21", &error));
  g_assert_error (error, PW_RECEIVABLES_ERROR, PW_RECEIVABLES_ERROR_OVER);
}

static void
test_whole_bill_within (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 1, "0");
  g_autofree char *rent = recv_line (f, JAN, "rent");
  g_autofree char *pm = recv_line (f, JAN, "pm");
  const char *lines[] = { rent, pm, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) numbers = NULL;

  add_rule (f, "6000", "asset_manager", 1);
  numbers = pw_credit_note_add_whole (f->store, lines, "waiver", "whole bill", "2027-01-20", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (numbers->len, ==, 2);
  g_assert_cmpint (recv_balance (f, customer), ==, 0);
}

/* Example 10. A credit after a payment: January paid in full (5,500.00), then 500.00 of
 * its rent credited. The rent line would owe −500.00, so its allocation gives 500.00
 * back: the payment holds 500.00 unapplied and the balance is 5,500 − 500 − 5,500 = −500.00. */
static void
test_credit_after_payment (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = set_up_months (f, 1, "0");
  g_autofree char *pay = recv_pay (f, customer, "2027-01-05", 550000, NULL);
  g_autofree char *rent = recv_line (f, JAN, "rent");
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) p = NULL;

  note = credit (f, rent, "credit", 50000, NULL, &error);
  g_assert_no_error (error);
  p = pw_payment_find (f->store, pay, &error);
  g_assert_cmpint (json_object_get_int_member (p, "unapplied"), ==, 50000);
  g_assert_cmpint (recv_allocated (f, pay, "rent", JAN), ==, 450000);
  g_assert_cmpint (recv_balance (f, customer), ==, -50000);
  g_assert_cmpint (recv_int (f, "SELECT count(*) FROM bill_line l WHERE " PW_OPEN_CHECK), ==, 0);
}

/* Example 11. A paid bill that is cancelled before it is sent gives the money back: January
 * posted (a draft) and 3,000.00 paid, then cancelled. The payment holds 3,000.00 unapplied, the
 * balance is 0 − 3,000.00 = −3,000.00, and nothing is open in the ageing. */
static void
test_cancel_paid_bill (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *t = recv_terms ("C-1", "B1-F01-003", "100.00", "10.00", "0", 5, "none");
  g_autofree char *lease = recv_lease (f, "C-1", "B1-F01-003", customer, t);
  g_autofree char *pay = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwBillRun) run = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_autoptr(JsonObject) p = NULL;
  g_autoptr(JsonObject) a = NULL;

  g_assert_no_error (error);
  pay = recv_pay (f, customer, "2027-01-10", 300000, NULL);
  g_assert_true (pw_bill_set_status (f->store, f->park, JAN, PW_BILL_CANCELLED, &error));
  g_assert_no_error (error);
  p = pw_payment_find (f->store, pay, &error);
  g_assert_cmpint (json_object_get_int_member (p, "unapplied"), ==, 300000);
  g_assert_cmpint (recv_balance (f, customer), ==, -300000);
  a = pw_receivables_ageing (f->store, f->park, "2027-12-31", "customer", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (a, "total"), ==, 0);
}

/* The approval rules keep their ids through schema 17's rebuild, with approvals that
 * point at them. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("parkwise-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);

  {
    g_autoptr(PwStore) old = pw_store_open_at_version (path, 14, &error);
    sqlite3 *db;

    g_assert_no_error (error);
    db = pw_store_get_db (old);
    g_assert_cmpint (sqlite3_exec (db,
      "PRAGMA foreign_keys = OFF;"
      "INSERT INTO park (id, code, name, code_pattern, currency, created_at, updated_at)"
      " VALUES ('p', 'P', 'Park', '{seq:3}', 'CNY', 'x', 'x');"
      "INSERT INTO approval_rule (id, park_id, metric, threshold, approver_role, level,"
      " created_at, updated_at) VALUES ('r1', 'p', 'discount_pct', '10', 'asset_manager', 1, 'x', 'x');"
      "INSERT INTO approval (id, quote_id, rule_id, approver_role, level, created_at, updated_at)"
      " VALUES ('a1', 'q', 'r1', 'asset_manager', 1, 'x', 'x');"
      "PRAGMA foreign_keys = ON;", NULL, NULL, NULL), ==, SQLITE_OK);
  }
  {
    g_autoptr(PwStore) store = pw_store_open (path, &error);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_no_error (error);
    stmt = pw_store_prepare (store, "SELECT r.metric FROM approval a JOIN approval_rule r"
                                    " ON r.id = a.rule_id WHERE a.id = 'a1'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "discount_pct");
    g_clear_pointer (&stmt, sqlite3_finalize);
    g_assert_true (pw_store_exec (store, "INSERT INTO approval_rule (id, park_id, metric, threshold,"
                                         " approver_role, level, created_at, updated_at) VALUES"
                                         " ('r2', 'p', 'credit_amount', '1000', 'asset_manager',"
                                         " 1, 'x', 'x')", &error));
    g_assert_no_error (error);
  }
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/receivables/partial-payment", test_partial_payment);
  ADD ("/receivables/over-payment", test_over_payment);
  ADD ("/receivables/designation", test_designation);
  ADD ("/receivables/undo", test_undo);
  ADD ("/receivables/allocation-limits", test_allocation_limits);
  ADD ("/receivables/ageing", test_ageing);
  ADD ("/receivables/ledger", test_ledger);
  ADD ("/receivables/credit-notes", test_credit_notes);
  ADD ("/receivables/approval", test_approval);
  ADD ("/receivables/whole-bill-approval", test_whole_bill_approval);
  ADD ("/receivables/whole-bill-within", test_whole_bill_within);
  ADD ("/receivables/credit-after-payment", test_credit_after_payment);
  ADD ("/receivables/cancel-paid-bill", test_cancel_paid_bill);
#undef ADD
  g_test_add_func ("/receivables/migration", test_migration);
  return g_test_run ();
}
