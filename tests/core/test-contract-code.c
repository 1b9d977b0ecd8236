/* test-contract-code.c — a new contract's number by the park's pattern, and a lease
 * refused without a customer (docs/contract-numbers.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-code-pattern.h"
#include "pw-lease.h"

static const char terms[] =
  "{\"id\": \"X\", \"currency\": \"CNY\", \"signed\": \"2026-01-01\", \"start\": \"2026-01-01\","
  " \"end\": \"2026-12-31\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
  " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
  " \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}],"
  " \"spaces\": [{\"code\": \"B1-F01-003\", \"area\": \"50.00\", \"basis\": \"gross\"}],"
  " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"t\","
  " \"unit_price\": \"100.00\", \"unit\": \"m2_month\", \"spaces\": [\"B1-F01-003\"]}]}";

static char *
space_id (Fixture *f)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (f->store,
    "SELECT id FROM space WHERE code = 'B1-F01-003'", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
draft (Fixture *f, const char *code, const char *customer, const char *start, const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = space_id (f);
  PwLeaseSpace spaces[] = { { sid, 5000 } };
  g_autofree char *id = pw_lease_create (f->store, f->park, code, customer, start, end, spaces, 1,
                                         terms, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
}

static char *
next_code (Fixture *f, const char *date)
{
  g_autoptr(GError) error = NULL;
  char *code = pw_lease_next_code (f->store, f->park, date, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  return code;
}

/* The park "P" numbers P-YYYY-NNN: the first of a year is 001, the next one more
 * than the highest of that year (not the first gap); other codes do not count. */
static void
test_next_code (Fixture *f, gconstpointer data)
{
  g_autofree char *customer = fixture_customer (f->store, f->park);
  g_autofree char *first = next_code (f, "2026-03-15");
  g_autofree char *second = NULL, *other_year = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (first, ==, "P-2026-001");
  draft (f, "P-2026-004", customer, "2026-01-01", "2026-03-31");
  draft (f, "C-2026-017", customer, "2026-04-01", "2026-06-30");
  draft (f, "P-2025-020", customer, "2026-07-01", "2026-09-30");
  second = next_code (f, "2026-12-07");
  g_assert_cmpstr (second, ==, "P-2026-005");
  other_year = next_code (f, "2025-06-01");
  g_assert_cmpstr (other_year, ==, "P-2025-021");
  g_assert_null (pw_lease_next_code (f->store, f->park, "2026-13-01", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

/* {park} and {year} in a pattern, and the sequence read back from a code. */
static void
test_pattern_tokens (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCodePattern) pattern = pw_code_pattern_new (PW_CONTRACT_CODE_PATTERN, &error);
  PwCodeContext ctx = { NULL, NULL, 0, "LSP", 2026 };
  g_autofree char *code = NULL;
  guint seq = 0;

  g_assert_no_error (error);
  code = pw_code_pattern_format (pattern, &ctx, 14);
  g_assert_cmpstr (code, ==, "LSP-2026-014");
  g_assert_true (pw_code_pattern_match_seq (pattern, "LSP-2026-209", &ctx, &seq, &error));
  g_assert_cmpuint (seq, ==, 209);
  g_assert_false (pw_code_pattern_match_seq (pattern, "LSP-2025-209", &ctx, &seq, NULL));
  g_assert_false (pw_code_pattern_match_seq (pattern, "C-2026-001", &ctx, &seq, NULL));
  g_clear_pointer (&pattern, pw_code_pattern_free);
  pattern = pw_code_pattern_new ("{year:4}-{seq}", &error);
  g_assert_null (pattern);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN);
}

/* A lease without a customer is refused, naming the field, and nothing is written. */
static void
test_customer_required (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = space_id (f);
  PwLeaseSpace spaces[] = { { sid, 5000 } };
  gint64 contracts = pw_store_count (f->store, "contract");
  char *id = pw_lease_create (f->store, f->park, "P-2026-001", NULL, "2026-01-01", "2026-12-31",
                              spaces, 1, terms, &error);

  g_assert_null (id);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "“customer_id”"));
  g_clear_error (&error);
  id = pw_lease_create (f->store, f->park, "P-2026-001", "", "2026-01-01", "2026-12-31", spaces, 1,
                        terms, &error);
  g_assert_null (id);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpint (pw_store_count (f->store, "contract"), ==, contracts);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/contract-code/next", Fixture, NULL, fixture_set_up, test_next_code,
              fixture_tear_down);
  g_test_add ("/contract-code/pattern-tokens", Fixture, NULL, fixture_set_up, test_pattern_tokens,
              fixture_tear_down);
  g_test_add ("/contract-code/customer-required", Fixture, NULL, fixture_set_up,
              test_customer_required, fixture_tear_down);
  return g_test_run ();
}
