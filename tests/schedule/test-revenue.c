/* test-revenue.c — straight-line revenue (B17) and the deposit's top-up on
 * escalation (B13) beside a renewal's carried-over deposit (B16), worked out
 * by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As in test-schedule.c: 100.00 m² at 3.0000/m²/day, 300.00 a day, a standard
 * month of 300 × 365 ÷ 12 = 9,125.00; amounts in fen (minor units). */
#include "config.h"

#include "pw-lease.h"
#include "schedule-test-util.h"

#define STRAIGHT ",'revenue':{'straight_line':true}"
#define ESCALATE ",'escalation':{'type':'fixed','percent':'5','every_years':1}"

static PwRevenueMonth *
month_at (PwSchedule *s, guint i)
{
  g_assert_nonnull (s->revenue);
  g_assert_cmpuint (i, <, s->revenue->len);
  return &g_array_index (s->revenue, PwRevenueMonth, i);
}

/* Whatever the contract, the months add up to the total billed net of the
 * charges they count, and the receivable ends at zero. */
static void
assert_revenue_adds_up (PwSchedule *s)
{
  gint64 sum = 0, billed = 0;

  for (guint i = 0; i < s->revenue->len; i++)
    {
      PwRevenueMonth *m = month_at (s, i);

      sum += m->revenue;
      billed += m->billed;
      g_assert_cmpint (m->receivable, ==, m->cumulative_revenue - m->cumulative_billed);
    }
  g_assert_cmpint (sum, ==, s->revenue_total);
  g_assert_cmpint (billed, ==, s->revenue_total);
  g_assert_cmpint (month_at (s, s->revenue->len - 1)->receivable, ==, 0);
}

/* R1. Rent-free, tax included. 2025, monthly rent 9,125.00 with 9% tax in it;
 * January to March rent-free. Nine paid months, each net round(9,125.00 ÷ 1.09)
 * = round(8,371.559…) = 8,371.56: 9 × 8,371.56 = 75,344.04 billed net, spread by
 * day over the 365 days of the year: 206.4220… a day. Cumulative revenue is
 * rounded, a month is the difference:
 * January 31 days: 75,344.04 × 31 ÷ 365 = 6,399.0828… → 6,399.08;
 * to February's end, 59 days: 12,178.8996… → 12,178.90, so February 5,779.82;
 * to March's end, 90 days: 18,577.9824… → 18,577.98, March 6,399.08;
 * to April's end, 120 days: 24,770.6432… → 24,770.64, April 6,192.66.
 * Receivable: January 6,399.08 − 0; March 18,577.98; April 24,770.64 − 8,371.56
 * = 16,399.08; December 0. */
static void
test_rent_free (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'tax_code':'v9'}],"
    "'free_periods':[{'start':'2025-01-01','end':'2025-03-31'}]" STRAIGHT "}");
  g_autofree char *daily = NULL;

  g_assert_cmpint (s->revenue_total, ==, 7534404);
  g_assert_cmpint (s->revenue_total, ==, s->net);
  g_assert_cmpuint (s->revenue->len, ==, 12);
  g_assert_cmpint (s->revenue_days, ==, 365);
  daily = pw_decimal_to_string (s->revenue_daily);
  g_assert_cmpstr (daily, ==, "206.422027");
  g_assert_cmpint (month_at (s, 0)->revenue, ==, 639908);
  g_assert_cmpint (month_at (s, 1)->revenue, ==, 577982);
  g_assert_cmpint (month_at (s, 2)->revenue, ==, 639908);
  g_assert_cmpint (month_at (s, 3)->revenue, ==, 619266);
  g_assert_cmpint (month_at (s, 0)->billed, ==, 0);
  g_assert_cmpint (month_at (s, 0)->receivable, ==, 639908);
  g_assert_cmpint (month_at (s, 2)->receivable, ==, 1857798);
  g_assert_cmpint (month_at (s, 3)->billed, ==, 837156);
  g_assert_cmpint (month_at (s, 3)->receivable, ==, 1639908);
  assert_revenue_adds_up (s);
}

/* R2. Escalation. 2025–2026, 5% a year compounding from the lease start: 2025
 * at 3.0000 is 9,125.00 a month, 2026 at 3.1500 is 100 × 3.15 × 365 ÷ 12 =
 * 9,581.25. Billed 12 × 9,125.00 + 12 × 9,581.25 = 109,500.00 + 114,975.00 =
 * 224,475.00 over 730 days: 307.50 a day exactly, so a month is its days ×
 * 307.50: January 31 × = 9,532.50, February 28 × = 8,610.00 (by month it
 * would have been 9,353.125 each). Receivable: January 9,532.50 − 9,125.00 =
 * 407.50; December 2025, 365 days: 112,237.50 − 109,500.00 = 2,737.50; January
 * 2026, 396 days: 121,770.00 − 109,500.00 − 9,581.25 = 2,688.75. */
static void
test_escalation (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2025-01-01','start':'2025-01-01','end':'2026-12-31',"
    "'charges':[{" RENT ESCALATE "}]" STRAIGHT "}");

  g_assert_cmpint (s->revenue_total, ==, 22447500);
  g_assert_cmpuint (s->revenue->len, ==, 24);
  g_assert_cmpint (s->revenue_days, ==, 730);
  g_assert_cmpint (month_at (s, 0)->revenue, ==, 953250);
  g_assert_cmpint (month_at (s, 1)->revenue, ==, 861000);
  g_assert_cmpint (month_at (s, 23)->revenue, ==, 953250);
  g_assert_cmpint (month_at (s, 0)->receivable, ==, 40750);
  g_assert_cmpint (month_at (s, 11)->receivable, ==, 273750);
  g_assert_cmpint (month_at (s, 12)->billed, ==, 958125);
  g_assert_cmpint (month_at (s, 12)->receivable, ==, 268875);
  assert_revenue_adds_up (s);
}

/* R3. A stub month, and billing before the term. Term 15 January – 31 December
 * 2025 (351 days), monthly from the 15th, billed 10 days ahead (signed 1
 * January). Eleven whole periods of 9,125.00 and a stub 15–31 December of 17
 * days × 300.00 = 5,100.00: 100,375.00 + 5,100.00 = 105,475.00, 300.4986… a
 * day. Revenue months run from the 15th too: the first, 15 January – 14
 * February, 31 days: 105,475.00 × 31 ÷ 351 = 9,315.4558… → 9,315.46; the last,
 * 15–31 December, 17 days: 105,475.00 − round(105,475.00 × 334 ÷ 351) =
 * 105,475.00 − 100,366.52 = 5,108.48. Billing counts by bill date: the first
 * bill, dated 5 January, before the term, counts in the first month, and so
 * does the bill for 15 February, dated 5 February: billed 18,250.00, receivable
 * 9,315.46 − 18,250.00 = −8,934.54 (billed ahead). */
static void
test_stub (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2025-01-01','start':'2025-01-15','end':'2025-12-31',"
    "'charges':[{" RENT ",'lead_days':10}]" STRAIGHT "}");
  PwRevenueMonth *last;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  assert_line (s, "rent", "2025-12-15", "2025-12-31", 510000);
  g_assert_cmpint (s->revenue_total, ==, 10547500);
  g_assert_cmpuint (s->revenue->len, ==, 12);
  g_assert_cmpint (s->revenue_days, ==, 351);
  last = month_at (s, 11);
  a = date_iso (&last->start);
  b = date_iso (&last->end);
  g_assert_cmpstr (a, ==, "2025-12-15");
  g_assert_cmpstr (b, ==, "2025-12-31");
  g_assert_cmpint (last->days, ==, 17);
  g_assert_cmpint (last->month_days, ==, 31);
  g_assert_cmpint (last->revenue, ==, 510848);
  g_assert_cmpint (month_at (s, 0)->revenue, ==, 931546);
  g_assert_cmpint (month_at (s, 0)->billed, ==, 1825000);
  g_assert_cmpint (month_at (s, 0)->receivable, ==, 931546 - 1825000);
  assert_revenue_adds_up (s);
}

/* R4. Only the charges named count: rent, not the property fee (12.00 a m² a
 * month, 1,200.00), which stays out of the revenue. Without the setting there
 * is no revenue at all. */
static void
test_charges_counted (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT "},{'code':'pm','kind':'property_fee',"
    "'seller':'PM','unit':'m2_month','unit_price':'12.00','spaces':['S1']}]" STRAIGHT "}");
  g_autoptr(PwSchedule) off = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}]}");

  g_assert_cmpint (s->revenue_total, ==, 10950000);
  g_assert_cmpint (s->net, ==, 10950000 + 12 * 120000);
  /* June, by day: 109,500.00 × 30 ÷ 365 = 9,000.00 */
  g_assert_cmpint (month_at (s, 5)->revenue, ==, 900000);
  assert_revenue_adds_up (s);
  g_assert_null (off->revenue);
}

/* D1. Top-up on escalation. 2025–2027, 5% a year compounding; the deposit is 3
 * months: on signing 3 × 9,125.00 = 27,375.00. On 1 January 2026 the month is
 * 9,581.25, 3 × = 28,743.75: a top-up of 28,743.75 − 27,375.00 = 1,368.75. On
 * 1 January 2027 the price is 3 × 1.05² = 3.3075, the month 100 × 3.3075 × 365
 * ÷ 12 = 10,060.3125, stated as 10,060.31 (the deposit's month is rounded
 * first), 3 × = 30,180.93: a top-up of 30,180.93 − 28,743.75 = 1,437.18. Top-ups
 * 1,368.75 + 1,437.18 = 2,805.93; held at the end 27,375.00 + 2,805.93 =
 * 30,180.93. */
static void
test_deposit_top_up (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2024-12-01','start':'2025-01-01','end':'2027-12-31',"
    "'charges':[{" RENT ESCALATE "}],'deposit':{'months':'3','top_up':true}}");
  g_autoptr(PwSchedule) plain = schedule_of (
    "{" HEAD ",'signed':'2024-12-01','start':'2025-01-01','end':'2027-12-31',"
    "'charges':[{" RENT ESCALATE "}],'deposit':{'months':'3'}}");
  PwScheduleLine *first = find_line (s, "deposit", PW_LINE_DEPOSIT, "2025-01-01");
  PwScheduleLine *second = find_line (s, "deposit", PW_LINE_DEPOSIT, "2026-01-01");
  PwScheduleLine *third = find_line (s, "deposit", PW_LINE_DEPOSIT, "2027-01-01");
  g_autofree char *bill = date_iso (&second->bill_date);

  g_assert_cmpuint (count_lines (s, "deposit", PW_LINE_DEPOSIT), ==, 3);
  g_assert_cmpint (first->gross, ==, 2737500);
  g_assert_cmpint (second->gross, ==, 136875);
  g_assert_cmpint (second->tax, ==, 0);
  g_assert_cmpstr (bill, ==, "2026-01-01");
  g_assert_cmpint (third->gross, ==, 143718);
  g_assert_cmpint (s->deposit, ==, 2737500);
  g_assert_cmpint (s->deposit_top_ups, ==, 280593);
  g_assert_nonnull (strstr (second->explanation, "deposit top-up 2026-01-01–2027-12-31: 3 × "
                            "(100.00 m² × 3.15/m²/day × 365/12 = 9,581.25/month (rent)), less "
                            "27,375.00 held"));
  /* the same lines otherwise, and the deposit stays out of the totals */
  g_assert_cmpint (s->gross, ==, plain->gross);
  g_assert_cmpuint (count_lines (plain, "deposit", PW_LINE_DEPOSIT), ==, 1);
  g_assert_cmpint (plain->deposit, ==, 2737500);
  g_assert_cmpint (plain->deposit_top_ups, ==, 0);
}

/* D2. A renewal's deposit carried over, as the store bills it
 * (pw_lease_compute_schedule()): 27,375.00 due and 20,000.00 held bills
 * 27,375.00 − 20,000.00 = 7,375.00. With 28,000.00 held and a top-up, signing
 * refunds 27,375.00 − 28,000.00 = −625.00, and the top-ups of D1 still follow in
 * full, 1,368.75 and 1,437.18, since they start from the new deposit. The engine
 * alone lists the whole deposit. */
static void
test_deposit_carried_over (void)
{
  const char *less = "{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],"
                     "'deposit':{'months':'3','carried_over':'20000.00'}}";
  const char *top = "{" HEAD ",'signed':'2024-12-01','start':'2025-01-01','end':'2027-12-31',"
                    "'charges':[{" RENT ESCALATE "}],'deposit':{'months':'3','top_up':true,"
                    "'carried_over':'28000.00'}}";
  g_autoptr(PwContract) c1 = contract_of (less);
  g_autoptr(PwContract) c2 = contract_of (top);
  g_autoptr(PwSchedule) engine = schedule_of (less);
  g_autoptr(PwSchedule) billed = pw_lease_compute_schedule (c1, NULL);
  g_autoptr(PwSchedule) topped = pw_lease_compute_schedule (c2, NULL);
  PwScheduleLine *l = find_line (billed, "deposit", PW_LINE_DEPOSIT, "2025-01-01");

  g_assert_cmpint (c1->deposit.carried_over, ==, 2000000);
  g_assert_cmpint (find_line (engine, "deposit", PW_LINE_DEPOSIT, "2025-01-01")->gross, ==,
                   2737500);
  g_assert_cmpint (l->gross, ==, 737500);
  g_assert_nonnull (strstr (l->basis, "less 20,000.00 carried over"));
  g_assert_cmpuint (count_lines (topped, "deposit", PW_LINE_DEPOSIT), ==, 3);
  g_assert_cmpint (find_line (topped, "deposit", PW_LINE_DEPOSIT, "2025-01-01")->gross, ==, -62500);
  g_assert_cmpint (find_line (topped, "deposit", PW_LINE_DEPOSIT, "2026-01-01")->gross, ==, 136875);
  g_assert_cmpint (find_line (topped, "deposit", PW_LINE_DEPOSIT, "2027-01-01")->gross, ==, 143718);
}

/* D3. Terminated on 30 June 2026 with a penalty of 40,000.00. Rent is billed
 * monthly on each month's first day, so nothing billed lies beyond the date and
 * nothing is credited. The deposit held is 27,375.00 and the 2026 top-up of
 * 1,368.75, 28,743.75; the 2027 top-up never comes. It all goes against the
 * penalty: offset 28,743.75, refund 0. */
static void
test_deposit_top_up_settles (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2024-12-01','start':'2025-01-01','end':'2027-12-31',"
    "'charges':[{" RENT ESCALATE "}],'deposit':{'months':'3','top_up':true},"
    "'termination':{'date':'2026-06-30','penalty':'40000.00'}}");

  g_assert_true (s->terminated);
  g_assert_cmpuint (count_lines (s, "deposit", PW_LINE_DEPOSIT), ==, 2);
  g_assert_cmpint (s->credits, ==, 0);
  g_assert_cmpint (s->deposit + s->deposit_top_ups, ==, 2874375);
  g_assert_cmpint (s->deposit_offset, ==, 2874375);
  g_assert_cmpint (s->refund, ==, 0);
}

/* Refused with the field's path. */
static void
assert_refused (const char *text, const char *path, const char *fragment)
{
  g_autofree char *json = unquote (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwContract) c = pw_contract_parse (json, -1, &error);

  g_assert_null (c);
  g_assert_true (error->domain == PW_CONTRACT_ERROR);
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, fragment) == NULL)
    g_error ("expected “%s: …%s…”, got “%s”", path, fragment, error->message);
}

static void
test_refusals (void)
{
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],'revenue':{'method':'x'}}",
                  "revenue.method", "unknown field");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],'revenue':{'straight_line':1}}",
                  "revenue.straight_line", "");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],"
                  "'revenue':{'straight_line':true,'charges':['parking']}}",
                  "revenue.charges[0]", "parking");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],"
                  "'revenue':{'straight_line':false,'charges':['rent']}}",
                  "revenue.charges", "straight_line");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],"
                  "'deposit':{'amount':'1000.00','top_up':true}}",
                  "deposit.top_up", "months");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],"
                  "'deposit':{'months':'3','carried_over':'-1.00'}}",
                  "deposit.carried_over", "negative");
  assert_refused ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],"
                  "'deposit':{'months':'3','top_up':'yes'}}",
                  "deposit.top_up", "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/revenue/rent-free", test_rent_free);
  g_test_add_func ("/revenue/escalation", test_escalation);
  g_test_add_func ("/revenue/stub", test_stub);
  g_test_add_func ("/revenue/charges-counted", test_charges_counted);
  g_test_add_func ("/deposit/top-up", test_deposit_top_up);
  g_test_add_func ("/deposit/carried-over", test_deposit_carried_over);
  g_test_add_func ("/deposit/top-up-settles", test_deposit_top_up_settles);
  g_test_add_func ("/revenue/refusals", test_refusals);
  return g_test_run ();
}
