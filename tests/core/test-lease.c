/* test-lease.c — contracts in the store: lifecycle, spaces that follow them, overlap
 * refusals, amendments and termination
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-lease.h"

/* A contract's JSON form: one space of 50 m² at @price a m² a month, monthly in advance. */
static char *
terms_for (const char *code, const char *start, const char *end, const char *price)
{
  return g_strdup_printf (
    "{\"id\": \"%s\", \"currency\": \"CNY\", \"signed\": \"%s\", \"start\": \"%s\","
    " \"end\": \"%s\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"S\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"tax_code\": \"t\", \"unit_price\": \"%s\", \"unit\": \"m2_month\","
    " \"spaces\": [\"S\"], \"anchor\": \"lease\", \"frequency\": \"monthly\","
    " \"timing\": \"advance\", \"due\": {\"rule\": \"period_start\"},"
    " \"proration\": \"daily\"}]}", code, start, start, end, price);
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
space_status (Fixture *f, const char *code)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store, "SELECT status FROM space WHERE code = ?", NULL);

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
contract_field (Fixture *f, const char *id, const char *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) row = pw_store_get_row (f->store, "contract", id, &error);
  JsonNode *node;

  g_assert_no_error (error);
  node = json_object_get_member (row, field);
  return node && !JSON_NODE_HOLDS_NULL (node) ? g_strdup (json_node_get_string (node)) : NULL;
}

static char *
new_lease (Fixture *f, const char *code, const char *start, const char *end,
           const char *space_code, GError **error)
{
  g_autofree char *sid = space_id (f, space_code);
  g_autofree char *terms = terms_for (code, start, end, "100.00");
  g_autofree char *customer = fixture_customer (f->store, f->park);
  PwLeaseSpace spaces[] = { { sid, 5000 } };

  return pw_lease_create (f->store, f->park, code, customer, start, end, spaces, 1, terms, error);
}

static void
test_lifecycle (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = new_lease (f, "C-001", "2026-01-01", "2028-12-31", "B1-F01-003", &error);
  gint64 history = pw_store_count (f->store, "space_status");
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *signed_date = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (id);
  /* a draft holds nothing */
  s1 = space_status (f, "B1-F01-003");
  g_assert_cmpstr (s1, ==, "available");

  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_no_error (error);
  s2 = space_status (f, "B1-F01-003");
  g_assert_cmpstr (s2, ==, "reserved");
  g_assert_cmpint (pw_store_count (f->store, "space_status"), ==, history + 1);

  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2025-12-02", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2025-12-10", NULL, &error));
  g_assert_no_error (error);
  s3 = space_status (f, "B1-F01-003");
  g_assert_cmpstr (s3, ==, "leased");
  signed_date = contract_field (f, id, "signed_date");
  g_assert_cmpstr (signed_date, ==, "2025-12-10");

  /* no skipping back, no skipping ahead */
  g_assert_false (pw_lease_transition (f->store, id, PW_CONTRACT_DRAFT, "2025-12-11", NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "status"));
  g_clear_error (&error);
  g_assert_false (pw_contract_status_can_become (PW_CONTRACT_DRAFT, PW_CONTRACT_SIGNED));
  g_assert_true (pw_contract_status_can_become (PW_CONTRACT_ACTIVE, PW_CONTRACT_RENEWED));
}

static void
test_overlap_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = new_lease (f, "C-001", "2026-01-01", "2028-12-31", "B1-F01-003", &error);
  g_autofree char *second = NULL, *later = NULL, *status = NULL, *s = NULL;
  gint64 audit;

  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, first, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_no_error (error);

  /* a draft for the same space may be written; submitting it is refused, naming the other */
  second = new_lease (f, "C-002", "2028-06-01", "2030-05-31", "B1-F01-003", &error);
  g_assert_no_error (error);
  audit = pw_store_count (f->store, "audit");
  g_assert_false (pw_lease_transition (f->store, second, PW_CONTRACT_SUBMITTED, "2025-12-05", NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "C-001"));
  g_assert_nonnull (strstr (error->message, "B1-F01-003"));
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  status = contract_field (f, second, "status");
  g_assert_cmpstr (status, ==, "draft");

  /* the day after the first ends is free; the space stays what the first makes it */
  later = new_lease (f, "C-003", "2029-01-01", "2030-12-31", "B1-F01-003", &error);
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (f->store, later, PW_CONTRACT_SUBMITTED, "2025-12-06", NULL, &error));
  g_assert_no_error (error);
  s = space_status (f, "B1-F01-003");
  g_assert_cmpstr (s, ==, "reserved");
}

static void
test_terminate (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = new_lease (f, "C-010", "2026-01-01", "2028-12-31", "B1-F02-002", &error);
  g_autofree char *ended = NULL, *s = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_ACTIVE, "2026-01-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_TERMINATED, "2027-03-15",
                                      "tenant moved out", &error));
  g_assert_no_error (error);
  ended = contract_field (f, id, "ended_date");
  g_assert_cmpstr (ended, ==, "2027-03-15");
  s = space_status (f, "B1-F02-002");
  g_assert_cmpstr (s, ==, "available");
  stmt = pw_store_prepare (f->store, "SELECT end_date FROM contract_space WHERE contract_id = ?", NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "2027-03-15");

  /* an ended contract stays ended */
  g_assert_false (pw_lease_transition (f->store, id, PW_CONTRACT_ACTIVE, "2027-04-01", NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

static void
test_amend (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = new_lease (f, "C-020", "2026-01-01", "2028-12-31", "B1-F01-003", &error);
  g_autoptr(GString) deep = g_string_new (NULL);

  g_autofree char *review = terms_for ("C-020", "2026-01-01", "2028-12-31", "110.00");

  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-01-01", review, "rent review", &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "contract_version"), ==, 2);

  g_assert_cmpint (pw_lease_amend (f->store, id, "2030-01-01", review, NULL, &error), ==, -1);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "effective_date"));
  g_clear_error (&error);

  /* terms are a JSON object, never nested deep enough to hurt the parser */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-06-01", deep->str, NULL, &error), ==, -1);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "terms"));
  g_clear_error (&error);
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-06-01", "[1, 2]", NULL, &error), ==, -1);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  /* terms are the contract's documented form: a wrong field is refused by its path */
  g_assert_cmpint (pw_lease_amend (f->store, id, "2027-06-01", "{\"id\": \"C-020\", \"colour\": 1}",
                                   NULL, &error), ==, -1);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "terms"));
  g_assert_cmpint (pw_store_count (f->store, "contract_version"), ==, 2);
}

static gint64
sum_gross (Fixture *f, const char *contract_id)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT total (gross) FROM schedule_line WHERE contract_id = ?", NULL);

  sqlite3_bind_text (stmt, 1, contract_id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

/* Signing writes the schedule; writing it again adds nothing; an amendment rewrites it. */
static void
test_schedule (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = new_lease (f, "C-040", "2026-01-01", "2026-12-31", "B1-F02-002", &error);
  g_autofree char *review = terms_for ("C-040", "2026-01-01", "2026-12-31", "120.00");
  gint64 lines;

  g_assert_cmpint (pw_store_count (f->store, "schedule_line"), ==, 0);
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2025-12-01", NULL, &error));
  g_assert_no_error (error);
  /* twelve months of 50 m² at 100.00: 12 lines of 5,000.00 */
  lines = pw_store_count (f->store, "schedule_line");
  g_assert_cmpint (lines, ==, 12);
  g_assert_cmpint (sum_gross (f, id), ==, 12 * 500000);

  g_assert_true (pw_lease_write_schedule (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "schedule_line"), ==, lines);

  /* 120.00 for the whole term: the same twelve lines, each 6,000.00 */
  g_assert_cmpint (pw_lease_amend (f->store, id, "2026-01-01", review, NULL, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "schedule_line"), ==, lines);
  g_assert_cmpint (sum_gross (f, id), ==, 12 * 600000);
}

/* Ending a running contract early settles it: what was billed beyond the date is
 * credited and what was not billed yet is dropped, as a new version of the terms. */
static void
test_terminate_settles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = new_lease (f, "C-060", "2026-01-01", "2026-12-31", "B1-F02-002", &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SUBMITTED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_APPROVED, "2025-12-01", NULL, &error));
  g_assert_true (pw_lease_transition (f->store, id, PW_CONTRACT_SIGNED, "2025-12-01", NULL, &error));
  g_assert_cmpint (sum_gross (f, id), ==, 12 * 500000);

  g_assert_true (pw_lease_transition_full (f->store, id, PW_CONTRACT_TERMINATED, "2026-06-15",
                                           "moved out", "1000.00", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "contract_version"), ==, 2);

  /* January to June were billed (on each month's first day, in advance): 6 × 5,000.00.
   * June 1–15 is owed at the daily rate of a monthly price: 5,000.00 × 12/365 × 15 days
   * = 2,465.75, so 5,000.00 − 2,465.75 = 2,534.25 of June comes back as a credit. July to
   * December were not billed: dropped. The penalty adds 1,000.00.
   * 30,000.00 − 2,534.25 + 1,000.00 = 28,465.75. */
  g_assert_cmpint (sum_gross (f, id), ==, 2846575);
  stmt = pw_store_prepare (f->store,
    "SELECT count (*) FROM schedule_line WHERE contract_id = ? AND kind = 'credit' AND gross = -253425",
    NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = pw_store_prepare (f->store,
    "SELECT count (*) FROM schedule_line WHERE contract_id = ? AND period_start > '2026-06-15'"
    " AND kind <> 'credit'", NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
}

/* Rent-free beyond the park's policy and billing more area than the contract fixes. */
static void
test_alerts (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = space_id (f, "B1-F01-003");
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *plain = terms_for ("C-050", "2026-01-01", "2028-12-31", "100.00");
  g_autoptr(GString) generous = g_string_new (plain);
  g_autoptr(GPtrArray) none = NULL, some = NULL;
  g_autofree char *id = NULL;
  PwLeaseSpace spaces[] = { { sid, 4000 } };   /* 40.00 m² fixed; the terms bill 50.00 */
  PwMutation *rule;

  /* four months rent-free, against a rule that three need the asset manager */
  g_string_truncate (generous, generous->len - 1);
  g_string_append (generous, ", \"free_periods\": [{\"kind\": \"rent_free\", \"start\": \"2026-01-01\","
                             " \"end\": \"2026-04-30\"}]}");
  rule = pw_mutation_new_insert ("approval_rule", NULL);
  pw_mutation_set_string (rule, "park_id", f->park);
  pw_mutation_set_string (rule, "metric", "rent_free_months");
  pw_mutation_set_string (rule, "threshold", "3");
  pw_mutation_set_string (rule, "approver_role", "asset_manager");
  pw_mutation_set_int (rule, "level", 1);
  fixture_apply (f, rule);

  id = pw_lease_create (f->store, f->park, "C-050", customer, "2026-01-01", "2028-12-31", spaces, 1,
                        generous->str, &error);
  g_assert_no_error (error);
  some = pw_lease_alerts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (some->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (some, 0), "50.00 m²"));
  g_assert_nonnull (strstr (g_ptr_array_index (some, 0), "40.00 m²"));
  g_assert_nonnull (strstr (g_ptr_array_index (some, 1), "4.0 months"));

  /* within policy and the area fixed: nothing to say */
  g_clear_pointer (&id, g_free);
  spaces[0].area = 5000;
  id = pw_lease_create (f->store, f->park, "C-051", customer, "2029-01-01", "2031-12-31", spaces, 1,
                        plain, &error);
  g_assert_no_error (error);
  none = pw_lease_alerts (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  /* longer than the Civil Code allows */
  a = new_lease (f, "C-030", "2026-01-01", "2046-01-01", "B1-F01-003", &error);
  g_assert_null (a);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "end_date"));
  g_clear_error (&error);
  /* twenty years to the day before is fine */
  a = new_lease (f, "C-030", "2026-01-01", "2045-12-31", "B1-F01-003", &error);
  g_assert_no_error (error);

  /* ends before it starts */
  b = new_lease (f, "C-031", "2026-05-01", "2026-04-30", "B1-F01-003", &error);
  g_assert_null (b);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* a bad date names its field, and nothing of the contract is written */
  c = new_lease (f, "C-032", "2026-02-30", "2027-01-01", "B1-F01-003", &error);
  g_assert_null (c);
  g_assert_nonnull (strstr (error->message, "start_date"));
  g_assert_cmpint (pw_store_count (f->store, "contract"), ==, 1);
  g_assert_cmpint (pw_store_count (f->store, "contract_space"), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/lease/lifecycle", Fixture, NULL, fixture_set_up, test_lifecycle, fixture_tear_down);
  g_test_add ("/lease/overlap-refused", Fixture, NULL, fixture_set_up, test_overlap_refused,
              fixture_tear_down);
  g_test_add ("/lease/terminate", Fixture, NULL, fixture_set_up, test_terminate, fixture_tear_down);
  g_test_add ("/lease/amend", Fixture, NULL, fixture_set_up, test_amend, fixture_tear_down);
  g_test_add ("/lease/schedule", Fixture, NULL, fixture_set_up, test_schedule, fixture_tear_down);
  g_test_add ("/lease/terminate-settles", Fixture, NULL, fixture_set_up, test_terminate_settles,
              fixture_tear_down);
  g_test_add ("/lease/alerts", Fixture, NULL, fixture_set_up, test_alerts, fixture_tear_down);
  g_test_add ("/lease/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
