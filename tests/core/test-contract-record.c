/* test-contract-record.c — what the Contracts page reads from core: contracts as
 * PwContractRecord objects, the versions of a lease's terms, the spaces it holds
 * to its end, the rules its commands are enabled from, and a new lease's terms
 * built from a form with the field a refusal is about
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-contract-record.h"
#include "pw-error.h"
#include "pw-lease-terms.h"
#include "pw-lease-versions.h"
#include "pw-lease.h"

static char *
terms_for (const char *code, const char *start, const char *end, const char *price)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"%s\","
    " \"start\": \"%s\", \"end\": \"%s\","
    " \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"B1-F01-003\", \"area\": \"50.00\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"tax_code\": \"t\", \"unit_price\": \"%s\", \"unit\": \"m2_month\","
    " \"spaces\": [\"B1-F01-003\"], \"frequency\": \"monthly\"}]}",
    code, start, start, end, price);
}

static char *
space_id (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT id FROM space WHERE code = ?", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
lease (Fixture *f, const char *code, const char *start, const char *end, const char *customer)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = space_id (f, "B1-F01-003");
  g_autofree char *terms = terms_for (code, start, end, "100.00");
  PwLeaseSpace spaces[] = { { sid, 5000 } };
  char *id = pw_lease_create (f->store, f->park, code, customer, start, end, spaces, 1, terms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
sign (Fixture *f, const char *id, const char *date)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, date, NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, date, NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, date, NULL, &error));
  g_assert_no_error (error);
}

static PwContractRecord *
find (GPtrArray *records, const char *id)
{
  for (guint i = 0; i < records->len; i++)
    if (g_strcmp0 (pw_contract_record_get_id (g_ptr_array_index (records, i)), id) == 0)
      return g_ptr_array_index (records, i);
  return NULL;
}

/* A draft and a signed lease, read as records: their properties, the buildings
 * and days left, and the filters of the query. */
static void
test_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *draft = lease (f, "LSP-2027-001", "2027-01-01", "2027-12-31", customer);
  g_autofree char *running = lease (f, "LSP-2028-001", "2028-01-01", "2028-12-31", customer);
  g_autoptr(GPtrArray) all = NULL, signed_only = NULL, ending = NULL;
  g_autoptr(PwContractRecord) one = NULL;
  g_autofree char *code = NULL;
  g_auto(GStrv) spaces = NULL;
  PwContractRecord *r;
  int status = -1, days = 0;

  sign (f, running, "2027-12-01");
  all = pw_contract_records_load (f->store, f->park, -1, -1, "2028-12-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  /* by end date */
  g_assert_cmpstr (pw_contract_record_get_id (g_ptr_array_index (all, 0)), ==, draft);

  r = find (all, draft);
  g_assert_nonnull (r);
  g_assert_cmpint (pw_contract_record_get_status (r), ==, PW_CONTRACT_DRAFT);
  g_assert_cmpint (pw_contract_record_get_days_left (r), ==, PW_CONTRACT_RECORD_NO_DAYS);
  g_assert_cmpstr (pw_contract_record_get_customer_id (r), ==, customer);
  g_assert_nonnull (pw_contract_record_get_customer_name (r));
  g_assert_null (pw_contract_record_get_signed_date (r));
  g_assert_cmpstr (pw_contract_record_get_spaces_text (r), ==, "B1-F01-003");
  g_assert_true (pw_contract_record_in_building (r, "B1"));
  g_assert_false (pw_contract_record_in_building (r, "B2"));
  g_assert_true (pw_contract_record_in_building (r, NULL));

  r = find (all, running);
  g_assert_nonnull (r);
  g_assert_cmpint (pw_contract_record_get_status (r), ==, PW_CONTRACT_SIGNED);
  g_assert_cmpstr (pw_contract_record_get_signed_date (r), ==, "2027-12-01");
  /* 2028-12-01 to 2028-12-31 */
  g_assert_cmpint (pw_contract_record_get_days_left (r), ==, 30);
  /* its properties, as columns sort and bind them */
  g_object_get (r, "code", &code, "status", &status, "days-left", &days, "spaces", &spaces, NULL);
  g_assert_cmpstr (code, ==, "LSP-2028-001");
  g_assert_cmpint (status, ==, PW_CONTRACT_SIGNED);
  g_assert_cmpint (days, ==, 30);
  g_assert_cmpuint (g_strv_length (spaces), ==, 1);
  g_assert_cmpstr (spaces[0], ==, "B1-F01-003");

  signed_only = pw_contract_records_load (f->store, f->park, PW_CONTRACT_SIGNED, -1, "2028-12-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (signed_only->len, ==, 1);
  g_assert_cmpstr (pw_contract_record_get_id (g_ptr_array_index (signed_only, 0)), ==, running);
  /* ending within 10 days of 2028-12-01: none; within 30: the signed one */
  ending = pw_contract_records_load (f->store, f->park, -1, 10, "2028-12-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ending->len, ==, 0);
  g_clear_pointer (&ending, g_ptr_array_unref);
  ending = pw_contract_records_load (f->store, f->park, -1, 30, "2028-12-01", &error);
  g_assert_cmpuint (ending->len, ==, 1);

  one = pw_contract_record_load (f->store, running, "2028-12-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pw_contract_record_get_code (one), ==, "LSP-2028-001");
  g_assert_null (pw_contract_record_load (f->store, "no-such-id", "2028-12-01", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

/* The rules the page's commands are enabled from. */
static void
test_rules (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *id = lease (f, "LSP-2027-001", "2027-01-01", "2027-12-31", customer);
  g_autoptr(PwContractRecord) r = pw_contract_record_load (f->store, id, "2026-12-07", &error);

  g_assert_no_error (error);
  g_assert_true (pw_contract_record_can_become (r, PW_CONTRACT_SUBMITTED));
  g_assert_false (pw_contract_record_can_become (r, PW_CONTRACT_SIGNED));
  g_assert_true (pw_contract_record_can_amend (r));
  g_assert_false (pw_contract_record_can_renew (r));

  for (int s = 0; s < PW_N_CONTRACT_STATUSES; s++)
    {
      gboolean ended = s == PW_CONTRACT_RENEWED || s == PW_CONTRACT_TERMINATED || s == PW_CONTRACT_EXPIRED;

      g_assert_cmpint (pw_contract_status_can_amend (s), ==, !ended);
      g_assert_cmpint (pw_contract_status_can_renew (s), ==,
                       s == PW_CONTRACT_ACTIVE || s == PW_CONTRACT_EXPIRING);
    }

  /* the store holds to the same rule: an ended contract is not amended */
  sign (f, id, "2026-12-07");
  g_assert_true (pw_lease_transition_full (f->store, id, PW_CONTRACT_TERMINATED, "2027-03-31", NULL, NULL,
                                           &error));
  g_assert_no_error (error);
  g_clear_object (&r);
  r = pw_contract_record_load (f->store, id, "2027-04-01", &error);
  g_assert_false (pw_contract_record_can_amend (r));
  {
    g_autofree char *terms = pw_lease_dup_terms (f->store, id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (pw_lease_amend (f->store, id, "2027-03-01", terms, "late", &error), ==, -1);
    g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
    g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "status");
  }
}

/* The versions of the terms, the current terms and the spaces held to the end. */
static void
test_versions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *id = lease (f, "LSP-2027-001", "2027-01-01", "2027-12-31", customer);
  g_autofree char *dearer = terms_for ("LSP-2027-001", "2027-01-01", "2027-12-31", "120.00");
  g_autofree char *current = NULL;
  g_autofree char *sid = space_id (f, "B1-F01-003");
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) held = NULL;
  PwLeaseVersion *v;

  sign (f, id, "2026-12-07");
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-07-01", dearer, "rent review", &error), ==, 2);
  g_assert_no_error (error);

  versions = pw_lease_list_versions (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);
  v = g_ptr_array_index (versions, 0);
  g_assert_cmpint (v->number, ==, 1);
  g_assert_nonnull (strstr (v->terms, "\"100.00\""));
  v = g_ptr_array_index (versions, 1);
  g_assert_cmpint (v->number, ==, 2);
  g_assert_cmpstr (v->effective_date, ==, "2027-07-01");
  g_assert_cmpstr (v->note, ==, "rent review");

  current = pw_lease_dup_terms (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current, ==, v->terms);

  held = pw_lease_spaces_to_end (f->store, id, "2027-12-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (held->len, ==, 1);
  g_assert_cmpstr (((PwLeaseHeld *) g_ptr_array_index (held, 0))->space_id, ==, sid);
  g_assert_cmpint (((PwLeaseHeld *) g_ptr_array_index (held, 0))->area, ==, 5000);
  g_clear_pointer (&held, g_ptr_array_unref);
  /* nothing is held to another day */
  held = pw_lease_spaces_to_end (f->store, id, "2027-06-30", &error);
  g_assert_cmpuint (held->len, ==, 0);
}

static PwLeaseForm
sample_form (const PwLeaseFormSpace *space)
{
  PwLeaseForm form = {
    .code = "LSP-2027-009", .currency = "CNY", .landlord = "Test Park", .tenant = NULL,
    .start = "2027-01-01", .end = "2027-12-31", .today = "2026-12-07",
    .spaces = space, .n_spaces = 1, .rent = "100.00", .quarterly = FALSE,
    .escalation = "0", .fee = "", .rent_free_months = 2, .deposit_months = 3,
  };

  return form;
}

/* A new lease's terms from the form: the tax codes core sets, a zero escalation
 * left out, rent-free months; a refusal names the form's field. */
static void
test_form (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwLeaseFormSpace space = { "B1-F01-003", 5000 };
  PwLeaseForm form = sample_form (&space);
  g_autofree char *terms = NULL, *end = NULL;
  g_autoptr(PwSchedule) schedule = NULL;
  g_autoptr(PwContract) contract = NULL;

  schedule = pw_lease_form_check (&form, &terms, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schedule);
  g_assert_nonnull (terms);
  g_assert_nonnull (strstr (terms, "\"" PW_LEASE_RENT_TAX_CODE "\""));
  g_assert_nonnull (strstr (terms, "\"" PW_LEASE_RENT_TAX_RATE "\""));
  g_assert_null (strstr (terms, "escalation"));
  g_assert_nonnull (strstr (terms, "\"2027-02-28\""));   /* two months rent-free */
  contract = pw_contract_parse (terms, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contract->currency, ==, "CNY");
  /* a 9 % rent of 50 m² × 100.00 a month, ten months billed: the tax is there */
  g_assert_cmpint (schedule->tax, >, 0);

  /* each refusal names its field */
  {
    static const struct { const char *what; const char *field; } cases[] = {
      { "code", "code" }, { "start", "start" }, { "end", "end" }, { "rent", "rent" },
      { "bad-rent", "rent" }, { "escalation", "escalation" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        PwLeaseForm bad = sample_form (&space);
        g_autoptr(PwSchedule) none = NULL;

        if (g_str_equal (cases[i].what, "code"))
          bad.code = "";
        else if (g_str_equal (cases[i].what, "start"))
          bad.start = "2027-02-30";
        else if (g_str_equal (cases[i].what, "end"))
          bad.end = "soon";
        else if (g_str_equal (cases[i].what, "rent"))
          bad.rent = "";
        else if (g_str_equal (cases[i].what, "bad-rent"))
          bad.rent = "12,5";
        else
          bad.escalation = "x";
        g_clear_error (&error);
        none = pw_lease_form_check (&bad, NULL, &error);
        g_assert_null (none);
        g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
        g_assert_cmpstr (pw_ledger_error_get_field (error), ==, cases[i].field);
      }
  }

  /* the engine's refusal names its member in the error, not only in the text */
  {
    PwLeaseForm bad = sample_form (&space);
    g_autofree char *bad_terms = NULL;
    g_autoptr(PwContract) none = NULL;

    bad.rent = "12,5";
    bad_terms = pw_lease_form_build_terms (&bad);
    g_clear_error (&error);
    none = pw_contract_parse (bad_terms, -1, &error);
    g_assert_null (none);
    g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_FIELD);
    g_assert_true (g_str_has_prefix (pw_contract_error_get_path (error), "charges[0]"));
  }

  g_assert_true (pw_lease_form_is_decimal ("12"));
  g_assert_true (pw_lease_form_is_decimal ("3.5"));
  g_assert_false (pw_lease_form_is_decimal ("-3.5"));
  g_assert_false (pw_lease_form_is_decimal ("3."));
  g_assert_false (pw_lease_form_is_decimal (""));
  end = pw_lease_form_months_end ("2025-04-01", 3);
  g_assert_cmpstr (end, ==, "2025-06-30");
  g_assert_null (pw_lease_form_months_end ("2025-02-30", 3));
}

/* The terms an amendment writes: a space added mid-term splits the per-m² charge
 * at the date, one added from the first day changes it in place, the end moves
 * with the charges that ran to it, and a charge escalating by a percentage is not
 * split mid-term. */
static void
test_amend_terms (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *terms = terms_for ("LSP-2027-001", "2027-01-01", "2027-12-31", "100.00");
  g_autofree char *mid = NULL, *first = NULL, *longer = NULL, *fixed = NULL, *refused = NULL;
  g_autoptr(PwContract) split = NULL, whole = NULL;
  PwLeaseFormSpace added = { "B1-F01-002", 5000 };
  const char *const gone[] = { "B1-F01-003", NULL };
  GString *escalating = NULL;

  mid = pw_lease_amend_terms (terms, "2027-07-01", "2027-12-31", "2027-12-31", NULL, &added, 1, 2, &error);
  g_assert_no_error (error);
  split = pw_contract_parse (mid, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (split->charges->len, ==, 2);
  g_assert_nonnull (strstr (mid, "\"end\" : \"2027-06-30\""));
  g_assert_nonnull (strstr (mid, "\"rent-v2\""));
  g_assert_nonnull (strstr (mid, "\"B1-F01-002\""));

  /* from the first day the charge keeps its code and takes the new spaces */
  first = pw_lease_amend_terms (terms, "2027-01-01", "2027-12-31", "2027-12-31", gone, &added, 1, 2, &error);
  g_assert_no_error (error);
  whole = pw_contract_parse (first, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whole->charges->len, ==, 1);
  g_assert_null (strstr (first, "rent-v2"));
  g_assert_null (strstr (first, "\"B1-F01-003\""));

  longer = pw_lease_amend_terms (terms, "2027-07-01", "2027-12-31", "2028-06-30", NULL, NULL, 0, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (longer, "\"end\" : \"2028-06-30\""));

  escalating = g_string_new (terms);
  g_string_replace (escalating, "\"frequency\": \"monthly\"",
                    "\"frequency\": \"monthly\", \"escalation\": {\"type\": \"fixed\","
                    " \"percent\": \"3\", \"every_years\": 1}", 1);
  fixed = g_string_free (escalating, FALSE);
  refused = pw_lease_amend_terms (fixed, "2027-07-01", "2027-12-31", "2027-12-31", NULL, &added, 1, 2, &error);
  g_assert_null (refused);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/contract-record/records", Fixture, NULL, fixture_set_up, test_records, fixture_tear_down);
  g_test_add ("/contract-record/rules", Fixture, NULL, fixture_set_up, test_rules, fixture_tear_down);
  g_test_add ("/contract-record/versions", Fixture, NULL, fixture_set_up, test_versions, fixture_tear_down);
  g_test_add ("/contract-record/form", Fixture, NULL, fixture_set_up, test_form, fixture_tear_down);
  g_test_add ("/contract-record/amend-terms", Fixture, NULL, fixture_set_up, test_amend_terms,
              fixture_tear_down);
  return g_test_run ();
}
