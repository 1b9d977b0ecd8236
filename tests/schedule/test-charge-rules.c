/* test-charge-rules.c — the charge rules of docs/charge-rules.md, each on a
 * scenario worked out by hand, where an independent calculation once disagreed
 * with the engine
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As in test-schedule.c: 100.00 m² at 3.0000/m²/day is 300.00 a day and a
 * standard month of 300 × 365 ÷ 12 = 9,125.00 (× 30: 9,000.00); amounts are in
 * fen (minor units) and untaxed unless a test says otherwise. */
#include "config.h"

#include <glib/gstdio.h>

#include "pw-money.h"
#include "schedule-test-util.h"

static void
assert_refused (const char *json, int code, const char *prefix, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) c = pw_contract_parse (json, -1, &error);

  g_assert_null (c);
  g_assert_error (error, PW_CONTRACT_ERROR, code);
  if (!g_str_has_prefix (error->message, prefix) || strstr (error->message, fragment) == NULL)
    g_error ("expected “%s…%s…”, got “%s”", prefix, fragment, error->message);
}

static void
assert_refused_quoted (const char *text, int code, const char *prefix, const char *fragment)
{
  g_autofree char *json = unquote (text);

  assert_refused (json, code, prefix, fragment);
}

#define MONTHLY_3000 "'code':'rent','kind':'rent','seller':'LL','unit':'month'," \
  "'unit_price':'3000.00'"
#define Q1_2025 "'signed':'2025-01-01','start':'2025-01-01','end':'2025-03-31'"

/* 1. monthly_30: a piece that ends the day before a month boundary is whole
 * months. 3,000.00 a month, billed quarterly, January rent-free: Q1 splits into
 * 1–31 January (waived) and 1 February – 31 March. 1 February + 2 months is 1
 * April, the day after 31 March, so the piece is 2 whole months and no day:
 * 2 × 3,000.00 = 6,000.00 (not 1 + 31/30 months = 6,100.00). No proration
 * counts the same piece as 2 months begun: 6,000.00 too. */
static void
test_monthly_30_month_boundary (void)
{
  g_autoptr(PwSchedule) m30 = schedule_of (
    "{" HEAD "," Q1_2025 ",'charges':[{" MONTHLY_3000 ",'frequency':'quarterly',"
    "'proration':'monthly_30'}],'free_periods':[{'start':'2025-01-01','end':'2025-01-31'}]}");
  g_autoptr(PwSchedule) none = schedule_of (
    "{" HEAD "," Q1_2025 ",'charges':[{" MONTHLY_3000 ",'frequency':'quarterly',"
    "'proration':'none'}],'free_periods':[{'start':'2025-01-01','end':'2025-01-31'}]}");
  PwScheduleLine *l = assert_line (m30, "rent", "2025-02-01", "2025-03-31", 600000);

  assert_line (m30, "rent", "2025-01-01", "2025-01-31", 0);
  g_assert_nonnull (strstr (l->basis, "3000.00/month × (2 + 0/30) months"));
  g_assert_cmpint (m30->gross, ==, 600000);
  assert_line (none, "rent", "2025-02-01", "2025-03-31", 600000);
}

/* 2. yearly_365 prorates the standard month, whatever the standard-month rule.
 * A calendar stub 16–31 January (16 days) at 3.0000/m²/day:
 * - standard month × 30: 9,000.00 × 12 ÷ 365 × 16 = 1,728,000 ÷ 365 =
 *   4,734.2465… → 4,734.25, and the basis says "× 30 × 12/365 × 16 days";
 * - standard month 365/12: 9,125.00 × 12 ÷ 365 × 16 = 4,800.00;
 * - daily proration: a per-day price is its own daily rate, 16 × 300.00 =
 *   4,800.00, whatever the standard month. */
static void
test_yearly_365_standard_month (void)
{
#define STUB_2025 "'signed':'2025-01-01','start':'2025-01-16','end':'2025-03-31'"
  g_autoptr(PwSchedule) thirty = schedule_of (
    "{" HEAD "," STUB_2025 ",'charges':[{" RENT ",'standard_month':'30','anchor':'calendar',"
    "'proration':'yearly_365'}]}");
  g_autoptr(PwSchedule) standard = schedule_of (
    "{" HEAD "," STUB_2025 ",'charges':[{" RENT ",'anchor':'calendar','proration':'yearly_365'}]}");
  g_autoptr(PwSchedule) daily = schedule_of (
    "{" HEAD "," STUB_2025 ",'charges':[{" RENT ",'standard_month':'30','anchor':'calendar',"
    "'proration':'daily'}]}");
  PwScheduleLine *l = assert_line (thirty, "rent", "2025-01-16", "2025-01-31", 473425);

  g_assert_nonnull (strstr (l->explanation, "100.00 m² × 3.0000/m²/day × 30 × 12/365 × 16 days"));
  assert_line (thirty, "rent", "2025-02-01", "2025-02-28", 900000);
  assert_line (standard, "rent", "2025-01-16", "2025-01-31", 480000);
  l = assert_line (daily, "rent", "2025-01-16", "2025-01-31", 480000);
  g_assert_nonnull (strstr (l->basis, "3.0000/m²/day × 16 days"));
}

/* 3. Each bill line is rounded once. 1,100.00 a month, yearly ÷ 365, a step at
 * the same price on 6 January splits January:
 *   1–5 January: 1,100 × 12 ÷ 365 × 5 = 180.8219… → 180.82;
 *   6–31 January: 1,100 × 12 ÷ 365 × 26 = 940.2739… → 940.27.
 * Rounded together (rounding.split "cumulative"), the second piece is
 * round(1,100 × 12 ÷ 365 × 31 = 1,121.0958…) − 180.82 = 1,121.10 − 180.82 =
 * 940.28. */
static void
test_each_line_rounded_once (void)
{
#define SPLIT_1100 "'charges':[{'code':'rent','kind':'rent','seller':'LL','unit':'month'," \
  "'unit_price':'1100.00','anchor':'calendar','proration':'yearly_365','escalation':" \
  "{'type':'steps','steps':[{'from':'2025-01-06','unit_price':'1100.00'}]}}]"
  g_autoptr(PwSchedule) each = schedule_of ("{" HEAD "," YEAR_2025 "," SPLIT_1100 "}");
  g_autoptr(PwSchedule) cumulative = schedule_of (
    "{" HEAD "," YEAR_2025 "," SPLIT_1100 ",'rounding':{'split':'cumulative'}}");
  PwScheduleLine *l = assert_line (each, "rent", "2025-01-06", "2025-01-31", 94027);

  g_assert_nonnull (strstr (l->basis, "1100.00/month × 12/365 × 26 days"));
  assert_line (each, "rent", "2025-01-01", "2025-01-05", 18082);
  assert_line (cumulative, "rent", "2025-01-01", "2025-01-05", 18082);
  assert_line (cumulative, "rent", "2025-01-06", "2025-01-31", 94028);
  assert_refused_quoted ("{" HEAD "," YEAR_2025 "," SPLIT_1100 ",'rounding':{'split':'sum'}}",
                         PW_CONTRACT_ERROR_FIELD, "rounding.split", "sum");
}

/* 4. Sums that cannot be held are refused, with the field. At
 * 10,000,000,000,000.00 a m² a day, 100.00 m² make a standard month of 10^13 ×
 * 100 × 365 ÷ 12 = 30,416,666,666,666,666.67: each line fits in a gint64 of fen
 * (at most 92,233,720,368,547,758.07), four of them do not. At 10^14 a line
 * alone does not fit. */
static void
test_overflow_named (void)
{
#define HUGE_RENT(price) "{" HEAD "," YEAR_2025 ",'charges':[{'code':'rent','kind':'rent'," \
  "'seller':'LL','unit':'m2_day','unit_price':'" price "','spaces':['S1']}]}"
  g_autoptr(PwContract) sum = contract_of (HUGE_RENT ("10000000000000"));
  g_autoptr(PwContract) line = contract_of (HUGE_RENT ("100000000000000"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSchedule) s = pw_schedule_compute (sum, &error);

  g_assert_null (s);
  g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW);
  g_assert_true (g_str_has_prefix (error->message, "totals.gross: "));
  g_assert_nonnull (strstr (error->message, "charges[0].unit_price"));
  g_clear_error (&error);
  s = pw_schedule_compute (line, &error);
  g_assert_null (s);
  g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW);
  g_assert_true (g_str_has_prefix (error->message, "charges[0].unit_price: "));
  g_assert_nonnull (strstr (error->message, "2025-01-01–2025-01-31"));
  /* an escalation compounding past what a decimal holds: 1,000,000,000% a year for 19 years */
  {
    g_autoptr(PwContract) steep = contract_of (
      "{" HEAD ",'signed':'2025-01-01','start':'2025-01-01','end':'2044-12-31','charges':[{" RENT
      ",'escalation':{'type':'fixed','percent':'1000000000','every_years':1}}]}");

    g_clear_error (&error);
    g_clear_pointer (&s, pw_schedule_free);
    s = pw_schedule_compute (steep, &error);
    g_assert_null (s);
    g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW);
    g_assert_true (g_str_has_prefix (error->message, "charges[0].escalation: "));
  }
  /* a deposit of N months too large */
  {
    g_autoptr(PwContract) deposit = contract_of (
      "{" HEAD "," YEAR_2025 ",'charges':[{'code':'rent','kind':'rent','seller':'LL',"
      "'unit':'m2_day','unit_price':'1000000000000','spaces':['S1']}],"
      "'deposit':{'months':'100000'}}");

    g_clear_error (&error);
    g_clear_pointer (&s, pw_schedule_free);
    s = pw_schedule_compute (deposit, &error);
    g_assert_null (s);
    g_assert_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_OVERFLOW);
    g_assert_true (g_str_has_prefix (error->message, "deposit.months: "));
  }
}

#define RENT_5PC RENT ",'escalation':{'type':'fixed','percent':'5','every_years':1," \
  "'anchor':'rent_commencement'}"
#define PM_FEE "{'code':'pm','kind':'property_fee','seller':'PM','unit':'m2_month'," \
  "'unit_price':'20.00','spaces':['S1']}"
#define TWO_YEARS_2025 "'signed':'2025-01-01','start':'2025-01-01','end':'2026-12-31'"

/* 5. Rent commencement moves only for a range that waives rent. 5% a year
 * from rent commencement. January–March free of the property fee only: rent
 * commences on 1 January 2025, so the rent is 3.15 from 1 January 2026:
 * 100 × 3.15 × 365 ÷ 12 = 9,581.25 in January 2026. Free of rent and fee:
 * rent commences 1 April 2025 and March 2026 is still 9,125.00, April 9,581.25.
 * A range that names the rent charge by its code counts as rent too. */
static void
test_rent_commencement (void)
{
  g_autoptr(PwContract) fee = contract_of (
    "{" HEAD "," TWO_YEARS_2025 ",'charges':[{" RENT_5PC "}," PM_FEE "],'free_periods':"
    "[{'start':'2025-01-01','end':'2025-03-31','waives':['property_fee']}]}");
  g_autoptr(PwContract) both = contract_of (
    "{" HEAD "," TWO_YEARS_2025 ",'charges':[{" RENT_5PC "}," PM_FEE "],'free_periods':"
    "[{'start':'2025-01-01','end':'2025-03-31','waives':['rent','property_fee']}]}");
  g_autoptr(PwContract) by_code = contract_of (
    "{" HEAD "," TWO_YEARS_2025 ",'charges':[{'code':'base','kind':'rent','seller':'LL',"
    "'unit':'m2_day','unit_price':'3.0000','spaces':['S1']}," PM_FEE "],'free_periods':"
    "[{'start':'2025-01-01','end':'2025-03-31','waives':['base']}]}");
  g_autoptr(PwSchedule) s1 = pw_schedule_compute (fee, NULL);
  g_autoptr(PwSchedule) s2 = pw_schedule_compute (both, NULL);

  g_assert_cmpint (g_date_compare (&fee->rent_commencement, &fee->start), ==, 0);
  assert_line (s1, "rent", "2025-01-01", "2025-01-31", 912500);
  assert_line (s1, "pm", "2025-01-01", "2025-01-31", 0);
  assert_line (s1, "rent", "2025-12-01", "2025-12-31", 912500);
  assert_line (s1, "rent", "2026-01-01", "2026-01-31", 958125);
  g_assert_cmpint (g_date_get_month (&both->rent_commencement), ==, 4);
  assert_line (s2, "rent", "2026-03-01", "2026-03-31", 912500);
  assert_line (s2, "rent", "2026-04-01", "2026-04-30", 958125);
  g_assert_cmpint (g_date_get_month (&by_code->rent_commencement), ==, 4);
}

#define MONTH_33333 "'code':'rent','kind':'rent','seller':'LL','unit':'month'," \
  "'unit_price':'33333.3333','frequency':'quarterly'"

/* 6. The month as the contract states it. 33,333.3333 a month is stated as
 * 33,333.33. The deposit of 3 months is 3 × 33,333.33 = 99,999.99 by default,
 * 100,000.00 (3 × 33,333.3333 = 99,999.9999, rounded) with "month": "exact".
 * A quarter's line is rounded once: 99,999.9999 → 100,000.00; with
 * rounding.month "rounded" it is 3 × 33,333.33 = 99,999.99, and the basis shows
 * the month it multiplied. */
static void
test_month_as_stated (void)
{
  g_autoptr(PwSchedule) plain = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" MONTH_33333 "}],'deposit':{'months':'3'}}");
  g_autoptr(PwSchedule) exact = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" MONTH_33333 "}],'deposit':{'months':'3',"
    "'month':'exact'}}");
  g_autoptr(PwSchedule) rounded = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" MONTH_33333 "}],'deposit':{'months':'3'},"
    "'rounding':{'month':'rounded'}}");
  PwScheduleLine *dep = find_line (plain, "deposit", PW_LINE_DEPOSIT, "2025-01-01");
  PwScheduleLine *q = assert_line (rounded, "rent", "2025-01-01", "2025-03-31", 9999999);

  g_assert_cmpint (plain->deposit, ==, 9999999);
  g_assert_nonnull (strstr (dep->basis, "3 × (33333.3333/month = 33,333.33/month (rent))"));
  g_assert_cmpint (exact->deposit, ==, 10000000);
  assert_line (plain, "rent", "2025-01-01", "2025-03-31", 10000000);
  g_assert_nonnull (strstr (q->basis, "33333.3333/month = 33,333.33/month × 3 months"));
  g_assert_cmpint (rounded->gross, ==, 4 * 9999999);
  assert_refused_quoted ("{" HEAD "," YEAR_2025 ",'charges':[{" MONTH_33333 "}],"
                         "'deposit':{'amount':'1000.00','month':'exact'}}",
                         PW_CONTRACT_ERROR_INCONSISTENT, "deposit.month", "N months");
}

/* 9. What the reader refuses, each with its own message. */
static void
test_reader_refusals (void)
{
  g_autofree char *good = unquote ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}]}");
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", good, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) c = NULL;
  g_autofree char *dir = NULL, *path = NULL;

  assert_refused (bom, PW_CONTRACT_ERROR_SYNTAX, "The contract starts with a UTF-8 byte-order "
                  "mark", "without one");
  assert_refused_quoted ("{'id':'T-1','currency':'CNY','parties':{'landlord':'L',"
                         "'tenant':'A\\u0000B'}}", PW_CONTRACT_ERROR_SYNTAX,
                         "The contract has the escape \\u0000", "line 1, column 67");
  /* ABC is written like a code but is none; XTS is ISO's test code */
  assert_refused_quoted ("{'id':'T-1','currency':'ABC'}", PW_CONTRACT_ERROR_FIELD, "currency: ",
                         "ISO 4217");
  assert_refused_quoted ("{'id':'T-1','currency':'XTS'}", PW_CONTRACT_ERROR_FIELD, "currency: ",
                         "ISO 4217");
  g_assert_true (pw_currency_is_known ("EUR") && pw_currency_is_known ("XOF")
                 && pw_currency_is_known ("CLF") && !pw_currency_is_known ("HRK"));
  /* a term of 20 years less a day may not be extended past 20 years */
  assert_refused_quoted ("{" HEAD ",'signed':'2025-01-01','start':'2025-01-01','end':'2044-12-31',"
                         "'charges':[{" RENT "}],'free_periods':[{'start':'2025-01-01',"
                         "'end':'2025-01-31','extends_term':true}]}",
                         PW_CONTRACT_ERROR_INCONSISTENT, "free_periods[0].extends_term: ",
                         "2045-01-31");
  c = contract_of ("{" HEAD ",'signed':'2025-01-01','start':'2025-01-01','end':'2044-11-30',"
                   "'charges':[{" RENT "}],'free_periods':[{'start':'2025-01-01',"
                   "'end':'2025-01-31','extends_term':true}]}");
  g_assert_cmpint (g_date_get_year (&c->term_end), ==, 2044);
  g_clear_pointer (&c, pw_contract_free);

  /* a file names itself */
  dir = g_dir_make_tmp ("pw-rules-XXXXXX", NULL);
  path = g_build_filename (dir, "bom.json", NULL);
  g_assert_true (g_file_set_contents (path, bom, -1, NULL));
  c = pw_contract_load (path, &error);
  g_assert_null (c);
  g_assert_nonnull (strstr (error->message, "bom.json: The contract starts with"));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/charge-rules/monthly-30-month-boundary", test_monthly_30_month_boundary);
  g_test_add_func ("/charge-rules/yearly-365-standard-month", test_yearly_365_standard_month);
  g_test_add_func ("/charge-rules/each-line-rounded-once", test_each_line_rounded_once);
  g_test_add_func ("/charge-rules/overflow-named", test_overflow_named);
  g_test_add_func ("/charge-rules/rent-commencement", test_rent_commencement);
  g_test_add_func ("/charge-rules/month-as-stated", test_month_as_stated);
  g_test_add_func ("/charge-rules/reader-refusals", test_reader_refusals);
  return g_test_run ();
}
