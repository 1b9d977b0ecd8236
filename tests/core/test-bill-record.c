/* test-bill-record.c — bills as lists show them (PwBillRecord): read by core's query,
 * filtered by period and status, searched, and what their status allows
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-bill-record.h"
#include "pw-bill-run.h"
#include "pw-lease.h"

/* A signed lease of B1-F01-003 (50.00 m²) for 2027 at 100.00/m²/month, 9 % included. */
static void
lease (Fixture *f, const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, f->park, &error);
  PwLeaseSpace lease_spaces[] = { { pw_space_get_id (fixture_find (spaces, "B1-F01-003")), 5000 } };
  const char *terms =
    "{\"id\": \"C-1\", \"currency\": \"CNY\", \"signed\": \"2026-12-07\","
    " \"start\": \"2027-01-01\", \"end\": \"2027-12-31\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord Co.\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"B1-F01-003\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    "   \"tax_code\": \"lease9\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\","
    "   \"spaces\": [\"B1-F01-003\"], \"anchor\": \"calendar\", \"frequency\": \"monthly\"}]}";
  g_autofree char *id = NULL;

  g_assert_no_error (error);
  id = pw_lease_create (f->store, f->park, "C-1", customer, "2027-01-01", "2027-12-31",
                        lease_spaces, 1, terms, &error);
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2026-12-07", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2026-12-07", NULL, &error));
  g_assert_no_error (error);
}

static void
test_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autoptr(PwBillRun) january = NULL, february = NULL;
  g_autoptr(GPtrArray) all = NULL, held = NULL, jan = NULL;
  PwBillRecord *record;
  gint64 gross = 0;

  lease (f, customer);
  january = pw_bill_run_post (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  february = pw_bill_run_post (f->store, f->park, "2027-02", NULL, &error);
  g_assert_no_error (error);

  all = pw_bill_records_load (f->store, f->park, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  record = g_ptr_array_index (all, 0);
  /* by number; the fields as posted */
  g_assert_cmpstr (pw_bill_record_get_number (record), ==,
                   ((PwBillRunBill *) g_ptr_array_index (january->bills, 0))->number);
  g_assert_cmpstr (pw_bill_record_get_customer_name (record), ==, "Tenant Co.");
  g_assert_cmpstr (pw_bill_record_get_customer_id (record), ==, customer);
  g_assert_cmpstr (pw_bill_record_get_seller (record), ==, "LL");
  g_assert_cmpstr (pw_bill_record_get_period (record), ==, "2027-01");
  g_assert_cmpstr (pw_bill_record_get_due_date (record), ==, "2027-01-01");
  g_assert_cmpstr (pw_bill_record_get_currency (record), ==, "CNY");
  /* 50 × 100.00 = 5,000.00 = 4,587.16 + 412.84 */
  g_assert_cmpint (pw_bill_record_get_gross (record), ==, 500000);
  g_assert_cmpint (pw_bill_record_get_net (record), ==, 458716);
  g_assert_cmpint (pw_bill_record_get_tax (record), ==, 41284);
  g_object_get (record, "gross", &gross, NULL);
  g_assert_cmpint (gross, ==, 500000);
  g_assert_cmpint (pw_bill_record_get_status (record), ==, PW_BILL_DRAFT);
  g_assert_cmpstr (pw_bill_record_get_status_label (record), ==, "Draft");

  /* what its status allows is core's rule */
  g_assert_true (pw_bill_record_can_become (record, PW_BILL_HELD));
  g_assert_true (pw_bill_record_can_become (record, PW_BILL_CANCELLED));
  g_assert_true (pw_bill_record_has_notice (record));

  /* the search: number, customer or seller, case-folded */
  g_assert_true (pw_bill_record_matches (record, "tenant"));
  g_assert_true (pw_bill_record_matches (record, "landlord"));
  g_assert_true (pw_bill_record_matches (record, NULL));
  g_assert_false (pw_bill_record_matches (record, "acme"));

  /* narrowed by period and by status */
  jan = pw_bill_records_load (f->store, f->park, "2027-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jan->len, ==, 1);
  g_assert_true (pw_bill_set_status (f->store, f->park, pw_bill_record_get_number (record),
                                     PW_BILL_HELD, &error));
  g_assert_no_error (error);
  held = pw_bill_records_load (f->store, f->park, NULL, "held", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 1);
  record = g_ptr_array_index (held, 0);
  g_assert_false (pw_bill_record_can_become (record, PW_BILL_SENT));
  g_assert_true (pw_bill_record_can_become (record, PW_BILL_RELEASED));
  g_assert_true (pw_bill_set_status (f->store, f->park, pw_bill_record_get_number (record),
                                     PW_BILL_CANCELLED, &error));
  g_clear_pointer (&held, g_ptr_array_unref);
  held = pw_bill_records_load (f->store, f->park, NULL, "cancelled", &error);
  record = g_ptr_array_index (held, 0);
  g_assert_false (pw_bill_record_has_notice (record));
  g_assert_false (pw_bill_record_can_become (record, PW_BILL_HELD));

  /* refusals say what is wrong */
  g_assert_null (pw_bill_records_load (f->store, f->park, "2027-1", NULL, &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_PERIOD);
  g_clear_error (&error);
  g_assert_null (pw_bill_records_load (f->store, f->park, NULL, "paid", &error));
  g_assert_error (error, PW_BILL_ERROR, PW_BILL_ERROR_STATUS);
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/bill-record/records", Fixture, NULL, fixture_set_up, test_records, fixture_tear_down);
  return g_test_run ();
}
