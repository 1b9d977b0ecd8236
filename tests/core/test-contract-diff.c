/* test-contract-diff.c — the differences between two versions of a contract's terms
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "pw-contract-diff.h"

/* One space of 523.45 m² at @price a m² a day until @end, and whatever @extra adds. */
static char *
terms (const char *price, const char *end, const char *spaces, const char *extra)
{
  return g_strdup_printf (
    "{\"id\": \"C-1\", \"currency\": \"CNY\", \"signed\": \"2025-03-10\", \"start\": \"2025-04-01\","
    " \"end\": \"%s\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"spaces\": [%s],"
    " \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\","
    " \"unit_price\": \"%s\", \"unit\": \"m2_day\", \"spaces\": [\"A-101\"]}]%s}",
    end, spaces, price, extra);
}

#define ONE_SPACE "{\"code\": \"A-101\", \"area\": \"523.45\"}"

static GPtrArray *
diff (const char *a, const char *b)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes = pw_contract_diff_text (a, b, &error);

  g_assert_no_error (error);
  g_assert_nonnull (changes);
  return changes;
}

static PwContractChange *
change (GPtrArray *changes, guint i)
{
  g_assert_cmpuint (i, <, changes->len);
  return g_ptr_array_index (changes, i);
}

static void
test_same (void)
{
  g_autofree char *a = terms ("3.2000", "2027-12-31", ONE_SPACE, "");
  /* the same terms written in another order say the same */
  const char *b =
    "{\"charges\": [{\"spaces\": [\"A-101\"], \"unit\": \"m2_day\", \"unit_price\": \"3.2000\","
    " \"seller\": \"LL\", \"kind\": \"rent\", \"code\": \"rent\"}],"
    " \"spaces\": [" ONE_SPACE "], \"sellers\": [{\"name\": \"Landlord\", \"code\": \"LL\"}],"
    " \"parties\": {\"tenant\": \"T\", \"landlord\": \"L\"}, \"end\": \"2027-12-31\","
    " \"start\": \"2025-04-01\", \"signed\": \"2025-03-10\", \"currency\": \"CNY\", \"id\": \"C-1\"}";
  g_autoptr(GPtrArray) changes = diff (a, b);

  g_assert_cmpuint (changes->len, ==, 0);
}

static void
test_rent_and_end (void)
{
  g_autofree char *a = terms ("3.2000", "2027-12-31", ONE_SPACE, "");
  g_autofree char *b = terms ("3.3600", "2028-06-30", ONE_SPACE, "");
  g_autoptr(GPtrArray) changes = diff (a, b);

  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (change (changes, 0)->path, ==, "end");
  g_assert_cmpstr (change (changes, 0)->before, ==, "\"2027-12-31\"");
  g_assert_cmpstr (change (changes, 0)->after, ==, "\"2028-06-30\"");
  g_assert_cmpstr (change (changes, 0)->sentence, ==, "End date: 2027-12-31 → 2028-06-30");
  g_assert_cmpstr (change (changes, 1)->path, ==, "charges[rent].unit_price");
  g_assert_cmpstr (change (changes, 1)->sentence, ==,
                   "Rent: unit price 3.2000 → 3.3600 per m² per day");
}

static void
test_spaces (void)
{
  g_autofree char *a = terms ("3.2000", "2027-12-31", ONE_SPACE, "");
  g_autofree char *b = terms ("3.2000", "2027-12-31",
                              "{\"code\": \"A-101\", \"area\": \"520.00\"},"
                              " {\"code\": \"T1-F03-008\", \"area\": \"182.22\"}", "");
  g_autofree char *c = terms ("3.2000", "2027-12-31", "", "");
  g_autoptr(GPtrArray) changes = diff (a, b);
  g_autoptr(GPtrArray) gone = diff (a, c);

  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (change (changes, 0)->path, ==, "spaces[A-101].area");
  g_assert_cmpstr (change (changes, 0)->sentence, ==, "Space A-101: area 523.45 → 520.00");
  g_assert_cmpstr (change (changes, 1)->path, ==, "spaces[T1-F03-008]");
  g_assert_null (change (changes, 1)->before);
  g_assert_nonnull (strstr (change (changes, 1)->after, "182.22"));
  g_assert_cmpstr (change (changes, 1)->sentence, ==, "Space T1-F03-008 added (182.22 m²)");

  g_assert_cmpuint (gone->len, ==, 1);
  g_assert_cmpstr (change (gone, 0)->sentence, ==, "Space A-101 removed (523.45 m²)");
  g_assert_null (change (gone, 0)->after);
}

static void
test_steps_and_free_periods (void)
{
  g_autofree char *a = terms ("3.2000", "2027-12-31", ONE_SPACE,
                              ", \"free_periods\": [{\"start\": \"2025-04-01\", \"end\": \"2025-05-15\"}]");
  const char *step = "\"escalation\": {\"type\": \"steps\", \"steps\": [{\"from\": \"2026-04-01\","
                     " \"unit_price\": \"3.5000\"}]}";
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) text = g_string_new (a);
  char *at;

  /* a price step from 2026-04-01, and the rent-free period moved */
  at = strstr (text->str, "\"spaces\": [\"A-101\"]");
  g_string_insert (text, at - text->str, ", ");
  g_string_insert (text, at - text->str, step);
  g_string_replace (text, "2025-05-15", "2025-06-30", 1);
  b = g_string_free (g_steal_pointer (&text), FALSE);
  changes = diff (a, b);

  g_assert_cmpuint (changes->len, ==, 3);
  g_assert_cmpstr (change (changes, 0)->path, ==, "charges[rent].escalation.steps[2026-04-01]");
  g_assert_cmpstr (change (changes, 0)->sentence, ==,
                   "Rent: unit price 3.5000 per m² per day from 2026-04-01");
  g_assert_cmpstr (change (changes, 1)->sentence, ==, "Rent-free period 2025-04-01 to 2025-05-15 removed");
  g_assert_cmpstr (change (changes, 2)->sentence, ==, "Rent-free period 2025-04-01 to 2025-06-30 added");
}

static void
test_charges_and_deposit (void)
{
  g_autofree char *a = terms ("3.2000", "2027-12-31", ONE_SPACE,
                              ", \"deposit\": {\"months\": \"3\"}");
  g_autoptr(GString) text = g_string_new (a);
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_string_replace (text, "\"months\": \"3\"", "\"months\": \"3\", \"carried_over\": \"50000.00\"", 1);
  g_string_replace (text, "]}], ", "]}, {\"code\": \"pm\", \"kind\": \"property_fee\", \"seller\": \"LL\","
                    " \"unit_price\": \"12.00\", \"unit\": \"m2_month\", \"spaces\": [\"A-101\"]}], ", 1);
  b = g_string_free (g_steal_pointer (&text), FALSE);
  changes = diff (a, b);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (change (changes, 0)->sentence, ==,
                   "Property fee (pm) added: unit price 12.00 per m² per month");
  g_assert_cmpstr (change (changes, 1)->path, ==, "deposit.carried_over");
  g_assert_cmpstr (change (changes, 1)->sentence, ==, "Deposit: carried over — → 50000.00");
}

static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = terms ("3.2000", "2027-12-31", ONE_SPACE, "");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GPtrArray) changes = NULL;

  changes = pw_contract_diff_text (a, "[1, 2]", &error);
  g_assert_null (changes);
  g_assert_nonnull (error);
  g_clear_error (&error);
  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  changes = pw_contract_diff_text (deep->str, a, &error);
  g_assert_null (changes);
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/contract-diff/same", test_same);
  g_test_add_func ("/contract-diff/rent-and-end", test_rent_and_end);
  g_test_add_func ("/contract-diff/spaces", test_spaces);
  g_test_add_func ("/contract-diff/steps-and-free-periods", test_steps_and_free_periods);
  g_test_add_func ("/contract-diff/charges-and-deposit", test_charges_and_deposit);
  g_test_add_func ("/contract-diff/refused", test_refused);
  return g_test_run ();
}
