/* test-schedule.c — charge schedules worked out by hand
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unless a test says otherwise: 100.00 m² at 3.0000/m²/day, so a day costs
 * 100 × 3 = 300.00 and a standard month (365/12) 300 × 365 ÷ 12 = 9,125.00;
 * no tax code, so gross = net. Amounts below are in fen (minor units). */
#include "config.h"

#include "schedule-test-util.h"

/* 1. 365/12, lease anchor, monthly, a whole year: every month 9,125.00, the
 * year 12 × 9,125.00 = 109,500.00, whatever the month's length. */
static void
test_standard_month_365_12 (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}]}");

  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CHARGE), ==, 12);
  assert_line (s, "rent", "2025-01-01", "2025-01-31", 912500);
  assert_line (s, "rent", "2025-02-01", "2025-02-28", 912500);
  g_assert_cmpint (s->gross, ==, 10950000);
  g_assert_nonnull (strstr (find_line (s, "rent", PW_LINE_CHARGE, "2025-02-01")->explanation,
                            "100.00 m² × 3.0000/m²/day × 365/12 × 1 month"));
}

/* 2. Standard month × 30: 300 × 30 = 9,000.00 a month, 108,000.00 a year. */
static void
test_standard_month_30 (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                         ",'standard_month':'30'}]}");

  assert_line (s, "rent", "2025-03-01", "2025-03-31", 900000);
  g_assert_cmpint (s->gross, ==, 10800000);
}

/* 3. Actual days: January 31 × 300 = 9,300.00, February 28 × 300 = 8,400.00;
 * the year 365 × 300 = 109,500.00, the same as 365/12 over a non-leap year (B7). */
static void
test_standard_month_actual (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                         ",'standard_month':'actual'}]}");

  assert_line (s, "rent", "2025-01-01", "2025-01-31", 930000);
  assert_line (s, "rent", "2025-02-01", "2025-02-28", 840000);
  g_assert_cmpint (s->gross, ==, 10950000);
}

/* 4. Leap year on actual days: February 2024 is 29 × 300 = 8,700.00 and the
 * year 366 × 300 = 109,800.00, while 365/12 still gives 109,500.00. */
static void
test_leap_year (void)
{
  g_autoptr(PwSchedule) actual = schedule_of (
    "{" HEAD ",'signed':'2024-01-01','start':'2024-01-01','end':'2024-12-31','charges':[{" RENT
    ",'standard_month':'actual'}]}");
  g_autoptr(PwSchedule) standard = schedule_of (
    "{" HEAD ",'signed':'2024-01-01','start':'2024-01-01','end':'2024-12-31','charges':[{" RENT
    "}]}");

  assert_line (actual, "rent", "2024-02-01", "2024-02-29", 870000);
  g_assert_cmpint (actual->gross, ==, 10980000);
  g_assert_cmpint (standard->gross, ==, 10950000);
}

/* 5. Quarterly: 9,125.00 × 3 = 27,375.00 a quarter, four of them. */
static void
test_quarterly (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                         ",'frequency':'quarterly'}]}");

  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CHARGE), ==, 4);
  assert_line (s, "rent", "2025-04-01", "2025-06-30", 2737500);
  g_assert_nonnull (strstr (find_line (s, "rent", PW_LINE_CHARGE, "2025-04-01")->basis,
                            "× 3 months"));
}

/* 6. Half-yearly and yearly: 9,125.00 × 6 = 54,750.00; × 12 = 109,500.00. */
static void
test_half_yearly_and_yearly (void)
{
  g_autoptr(PwSchedule) half = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                            ",'frequency':'half_yearly'}]}");
  g_autoptr(PwSchedule) year = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                            ",'frequency':'yearly'}]}");

  assert_line (half, "rent", "2025-07-01", "2025-12-31", 5475000);
  assert_line (year, "rent", "2025-01-01", "2025-12-31", 10950000);
}

#define STUB_DATES "'signed':'2025-01-01','start':'2025-01-15','end':'2025-06-30'"

/* 7. Calendar anchor, first stub 15–31 Jan (17 days), daily: 17 × 300 = 5,100.00;
 * February is a whole calendar month: 9,125.00. */
static void
test_calendar_stub_daily (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," STUB_DATES ",'charges':[{" RENT
                                         ",'anchor':'calendar'}]}");

  assert_line (s, "rent", "2025-01-15", "2025-01-31", 510000);
  assert_line (s, "rent", "2025-02-01", "2025-02-28", 912500);
  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CHARGE), ==, 6);
}

/* 8. The same stub, monthly ÷ days in month: 9,125 × 17 ÷ 31 = 5,004.0322… → 5,004.03. */
static void
test_calendar_stub_monthly_actual (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," STUB_DATES ",'charges':[{" RENT
                                         ",'anchor':'calendar','proration':'monthly_actual'}]}");
  PwScheduleLine *l = assert_line (s, "rent", "2025-01-15", "2025-01-31", 500403);

  g_assert_nonnull (strstr (l->basis, "(17/31)"));
}

/* 9. The same stub, monthly ÷ 30: 9,125 × 17 ÷ 30 = 5,170.8333… → 5,170.83. */
static void
test_calendar_stub_monthly_30 (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," STUB_DATES ",'charges':[{" RENT
                                         ",'anchor':'calendar','proration':'monthly_30'}]}");

  assert_line (s, "rent", "2025-01-15", "2025-01-31", 517083);
}

/* 10. The same stub, no proration: a month begun is a month, 9,125.00. */
static void
test_calendar_stub_none (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," STUB_DATES ",'charges':[{" RENT
                                         ",'anchor':'calendar','proration':'none'}]}");

  assert_line (s, "rent", "2025-01-15", "2025-01-31", 912500);
}

/* 11. A monthly price, yearly ÷ 365: 100 m² × 90.00 = 9,000.00 a month;
 * 9,000 × 12 ÷ 365 × 17 = 5,030.1369… → 5,030.14. Monthly ÷ days:
 * 9,000 × 17 ÷ 31 = 4,935.4838… → 4,935.48. */
static void
test_monthly_price_yearly_365 (void)
{
  g_autoptr(PwSchedule) y = schedule_of (
    "{" HEAD "," STUB_DATES ",'charges':[{'code':'rent','kind':'rent','seller':'LL',"
    "'unit':'m2_month','unit_price':'90.00','spaces':['S1'],'anchor':'calendar',"
    "'proration':'yearly_365'}]}");
  g_autoptr(PwSchedule) m = schedule_of (
    "{" HEAD "," STUB_DATES ",'charges':[{'code':'rent','kind':'rent','seller':'LL',"
    "'unit':'m2_month','unit_price':'90.00','spaces':['S1'],'anchor':'calendar',"
    "'proration':'monthly_actual'}]}");

  assert_line (y, "rent", "2025-01-15", "2025-01-31", 503014);
  assert_line (y, "rent", "2025-02-01", "2025-02-28", 900000);
  assert_line (m, "rent", "2025-01-15", "2025-01-31", 493548);
}

/* 12. Last stub, lease anchor: January and February whole (9,125.00 each),
 * 1–20 March is 20 × 300 = 6,000.00. */
static void
test_last_stub (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2025-01-01','start':'2025-01-01','end':'2025-03-20','charges':[{" RENT
    "}]}");

  assert_line (s, "rent", "2025-02-01", "2025-02-28", 912500);
  assert_line (s, "rent", "2025-03-01", "2025-03-20", 600000);
  g_assert_cmpint (s->gross, ==, 2 * 912500 + 600000);
}

/* 13. Lease anchor on the 15th: three whole periods 15th–14th, 9,125.00 each. */
static void
test_lease_anchor_mid_month (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2025-01-01','start':'2025-01-15','end':'2025-04-14','charges':[{" RENT
    "}]}");

  assert_line (s, "rent", "2025-01-15", "2025-02-14", 912500);
  assert_line (s, "rent", "2025-02-15", "2025-03-14", 912500);
  assert_line (s, "rent", "2025-03-15", "2025-04-14", 912500);
  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CHARGE), ==, 3);
}

/* 14. Lease anchor on the 31st: months are counted from the anchor and
 * clamped, 31 Jan → 28 Feb → 31 Mar → 30 Apr, so the periods end the day
 * before: 27 Feb, 30 Mar, 29 Apr; each a whole period of 9,125.00. */
static void
test_lease_anchor_31st (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2025-01-01','start':'2025-01-31','end':'2025-04-29','charges':[{" RENT
    "}]}");

  assert_line (s, "rent", "2025-01-31", "2025-02-27", 912500);
  assert_line (s, "rent", "2025-02-28", "2025-03-30", 912500);
  assert_line (s, "rent", "2025-03-31", "2025-04-29", 912500);
}

/* 15. Rent-free inside the term, 1 Jan–15 Feb, quarterly, daily: Q1 splits at
 * 16 Feb into a waived piece (0.00) and 16 Feb–31 Mar, 13 + 31 = 44 days ×
 * 300 = 13,200.00; Q2 is whole, 27,375.00. Rent commences 16 Feb. */
static void
test_rent_free_inside (void)
{
  g_autoptr(PwContract) c = contract_of (
    "{" HEAD ",'signed':'2025-01-01','start':'2025-01-01','end':'2025-06-30','charges':[{" RENT
    ",'frequency':'quarterly'}],'free_periods':[{'kind':'rent_free','start':'2025-01-01',"
    "'end':'2025-02-15'}]}");
  g_autoptr(PwSchedule) s = pw_schedule_compute (c, NULL);
  PwScheduleLine *free = assert_line (s, "rent", "2025-01-01", "2025-02-15", 0);

  g_assert_true (free->waived);
  assert_line (s, "rent", "2025-02-16", "2025-03-31", 1320000);
  assert_line (s, "rent", "2025-04-01", "2025-06-30", 2737500);
  g_assert_cmpint (g_date_get_day (&c->rent_commencement), ==, 16);
  g_assert_cmpint (g_date_get_month (&c->rent_commencement), ==, 2);
}

/* 16. Rent-free that extends the term: a year from 1 Jan 2025 with January
 * free and extending, so the term ends 31 Jan 2026. January waived, then
 * February 2025 – January 2026: 12 × 9,125.00 = 109,500.00. */
static void
test_rent_free_extends_term (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT "}],'free_periods':[{'kind':'rent_free',"
    "'start':'2025-01-01','end':'2025-01-31','extends_term':true}]}");

  assert_line (s, "rent", "2025-01-01", "2025-01-31", 0);
  assert_line (s, "rent", "2026-01-01", "2026-01-31", 912500);
  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CHARGE), ==, 13);
  g_assert_cmpint (s->gross, ==, 10950000);
}

#define PM "'code':'pm','kind':'property_fee','seller':'PM','unit':'m2_month','unit_price':'20.00'," \
  "'spaces':['S1'],'tax_code':'v6'"

/* 17. Rent-free waives rent only: the property fee, 100 × 20.00 = 2,000.00 a
 * month, runs through it, from its own seller at 6 %:
 * net = round(2,000 ÷ 1.06) = round(1,886.7924…) = 1,886.79, tax 113.21. */
static void
test_rent_free_keeps_property_fee (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT "},{" PM "}],'free_periods':[{'kind':'rent_free',"
    "'start':'2025-01-01','end':'2025-01-31'}]}");
  PwScheduleLine *pm = assert_line (s, "pm", "2025-01-01", "2025-01-31", 200000);

  assert_line (s, "rent", "2025-01-01", "2025-01-31", 0);
  g_assert_cmpstr (pm->seller, ==, "PM");
  g_assert_cmpint (pm->net, ==, 188679);
  g_assert_cmpint (pm->tax, ==, 11321);
}

/* 18. A fit-out range that waives rent and the property fee: both 0.00 in
 * January, and the fit-out is named in the basis. */
static void
test_fit_out_waives_both (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT "},{" PM "}],'free_periods':[{'kind':'fit_out',"
    "'start':'2025-01-01','end':'2025-01-31','waives':['rent','property_fee']}]}");
  PwScheduleLine *pm = assert_line (s, "pm", "2025-01-01", "2025-01-31", 0);

  assert_line (s, "rent", "2025-01-01", "2025-01-31", 0);
  g_assert_nonnull (strstr (pm->basis, "fit-out"));
  assert_line (s, "pm", "2025-02-01", "2025-02-28", 200000);
}

#define THREE_YEARS "'signed':'2025-01-01','start':'2025-01-01','end':'2027-12-31'"

/* 19. Compound 5 % a year from the lease start, yearly billing:
 * 3.00 → 3.15 → 3.3075; years 300 × 365 = 109,500.00, 315 × 365 = 114,975.00,
 * 330.75 × 365 = 120,723.75. */
static void
test_escalation_compound (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," THREE_YEARS ",'charges':[{" RENT ",'frequency':'yearly','escalation':"
    "{'type':'fixed','percent':'5','every_years':1}}]}");

  assert_line (s, "rent", "2025-01-01", "2025-12-31", 10950000);
  assert_line (s, "rent", "2026-01-01", "2026-12-31", 11497500);
  assert_line (s, "rent", "2027-01-01", "2027-12-31", 12072375);
}

/* 20. Simple 5 %: 3 × (1 + 2 × 0.05) = 3.30 in year 3: 330 × 365 = 120,450.00. */
static void
test_escalation_simple (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," THREE_YEARS ",'charges':[{" RENT ",'frequency':'yearly','escalation':"
    "{'type':'fixed','percent':'5','every_years':1,'method':'simple'}}]}");

  assert_line (s, "rent", "2026-01-01", "2026-12-31", 11497500);
  assert_line (s, "rent", "2027-01-01", "2027-12-31", 12045000);
}

/* 21. The escalated price kept or rounded: 3.1000 × 1.05 = 3.255. Unrounded,
 * year 2 is 325.5 × 365 = 118,807.50; rounded to cents 3.26 (half up),
 * 326 × 365 = 118,990.00. */
static void
test_escalation_price_rounding (void)
{
  g_autoptr(PwSchedule) kept = schedule_of (
    "{" HEAD "," THREE_YEARS ",'charges':[{'code':'rent','kind':'rent','seller':'LL',"
    "'unit':'m2_day','unit_price':'3.1000','spaces':['S1'],'frequency':'yearly','escalation':"
    "{'type':'fixed','percent':'5','every_years':1}}]}");
  g_autoptr(PwSchedule) cents = schedule_of (
    "{" HEAD "," THREE_YEARS ",'charges':[{'code':'rent','kind':'rent','seller':'LL',"
    "'unit':'m2_day','unit_price':'3.1000','spaces':['S1'],'frequency':'yearly','escalation':"
    "{'type':'fixed','percent':'5','every_years':1,'price_decimals':'cents'}}]}");

  assert_line (kept, "rent", "2026-01-01", "2026-12-31", 11880750);
  assert_line (cents, "rent", "2026-01-01", "2026-12-31", 11899000);
}

/* 22. Escalation every 2 years from rent commencement: January 2025 is
 * rent-free, so rent commences 1 Feb 2025 and the price steps on 1 Feb 2027.
 * January 2027 is still 9,125.00; February 2027 at 3.15 is
 * 315 × 365 ÷ 12 = 9,581.25. */
static void
test_escalation_rent_commencement (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," THREE_YEARS ",'charges':[{" RENT ",'escalation':{'type':'fixed','percent':'5',"
    "'every_years':2,'anchor':'rent_commencement'}}],'free_periods':[{'kind':'rent_free',"
    "'start':'2025-01-01','end':'2025-01-31'}]}");

  assert_line (s, "rent", "2027-01-01", "2027-01-31", 912500);
  assert_line (s, "rent", "2027-02-01", "2027-02-28", 958125);
}

/* 23. Step table, quarterly: from 1 Jul 2025 the price is 3.50, so Q3 is
 * 350 × 365 ÷ 12 × 3 = 31,937.50; Q2 stays 27,375.00. */
static void
test_step_table (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'frequency':'quarterly','escalation':"
    "{'type':'steps','steps':[{'from':'2025-07-01','unit_price':'3.5000'}]}}]}");

  assert_line (s, "rent", "2025-04-01", "2025-06-30", 2737500);
  assert_line (s, "rent", "2025-07-01", "2025-09-30", 3193750);
}

/* 24. A step inside a period splits it (B8): from 15 Feb 3.50. February, daily:
 * 1–14 Feb 14 × 300 = 4,200.00; 15–28 Feb 14 × 350 = 4,900.00. */
static void
test_step_splits_period (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'escalation':"
    "{'type':'steps','steps':[{'from':'2025-02-15','unit_price':'3.5000'}]}}]}");
  PwScheduleLine *b = assert_line (s, "rent", "2025-02-15", "2025-02-28", 490000);

  assert_line (s, "rent", "2025-02-01", "2025-02-14", 420000);
  g_assert_nonnull (strstr (b->explanation, "escalated"));
  /* both pieces are billed with February */
  g_assert_cmpint (g_date_get_day (&b->bill_date), ==, 1);
  g_assert_cmpint (g_date_get_month (&b->bill_date), ==, 2);
}

#define CPI_RENT RENT ",'frequency':'yearly','escalation':{'type':'cpi','every_years':1," \
  "'floor':'2','cap':'5'}"
#define TWO_YEARS "'signed':'2025-01-01','start':'2025-01-01','end':'2026-12-31'"

/* 25. CPI above the cap: 2024 100, 2025 108: +8 %, capped at 5 %: 3.15;
 * 2026 is 315 × 365 = 114,975.00. */
static void
test_cpi_cap (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," TWO_YEARS ",'charges':[{" CPI_RENT "}],'cpi_index':[{'year':2024,'value':'100'},"
    "{'year':2025,'value':'108'}]}");

  assert_line (s, "rent", "2026-01-01", "2026-12-31", 11497500);
}

/* 26. CPI below the floor: +0.5 % raised to the 2 % floor: 3.06;
 * 306 × 365 = 111,690.00. */
static void
test_cpi_floor (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," TWO_YEARS ",'charges':[{" CPI_RENT "}],'cpi_index':[{'year':2024,'value':'100'},"
    "{'year':2025,'value':'100.5'}]}");

  assert_line (s, "rent", "2026-01-01", "2026-12-31", 11169000);
}

/* 27. CPI within the band: 200 → 206 is +3 %: 3.09; 309 × 365 = 112,785.00. */
static void
test_cpi_within (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," TWO_YEARS ",'charges':[{" CPI_RENT "}],'cpi_index':[{'year':2024,'value':'200'},"
    "{'year':2025,'value':'206'}]}");

  assert_line (s, "rent", "2026-01-01", "2026-12-31", 11278500);
}

/* 28. Calendar quarters from 10 Feb: the first stub 10 Feb–31 Mar is
 * 19 + 31 = 50 days × 300 = 15,000.00; then Q2 whole, 27,375.00. */
static void
test_calendar_quarter_stub (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2025-01-01','start':'2025-02-10','end':'2025-06-30','charges':[{" RENT
    ",'anchor':'calendar','frequency':'quarterly'}]}");

  assert_line (s, "rent", "2025-02-10", "2025-03-31", 1500000);
  assert_line (s, "rent", "2025-04-01", "2025-06-30", 2737500);
}

/* 29. Advance with 15 lead days, signed 20 Dec 2024: bill date = max(signing,
 * start − 15): January max(20 Dec, 17 Dec) = 20 Dec; February 17 Jan. Due on
 * the period start: 1 Jan, 1 Feb. */
static void
test_advance_lead_days (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2024-12-20','start':'2025-01-01','end':'2025-12-31','charges':[{" RENT
    ",'lead_days':15}]}");
  PwScheduleLine *jan = find_line (s, "rent", PW_LINE_CHARGE, "2025-01-01");
  PwScheduleLine *feb = find_line (s, "rent", PW_LINE_CHARGE, "2025-02-01");
  g_autofree char *jb = date_iso (&jan->bill_date);
  g_autofree char *fb = date_iso (&feb->bill_date);
  g_autofree char *fd = date_iso (&feb->due_date);

  g_assert_cmpstr (jb, ==, "2024-12-20");
  g_assert_cmpstr (fb, ==, "2025-01-17");
  g_assert_cmpstr (fd, ==, "2025-02-01");
}

/* 30. Arrears, due 10 days after the bill: January is billed the day after it
 * ends, 1 Feb, due 11 Feb. */
static void
test_arrears_due_after_bill (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'timing':'arrears','due':{'rule':'after_bill',"
    "'days':10}}]}");
  PwScheduleLine *jan = find_line (s, "rent", PW_LINE_CHARGE, "2025-01-01");
  g_autofree char *b = date_iso (&jan->bill_date);
  g_autofree char *d = date_iso (&jan->due_date);

  g_assert_cmpstr (b, ==, "2025-02-01");
  g_assert_cmpstr (d, ==, "2025-02-11");
}

/* 31. Deposit of 3 months at 523.45 m² × 3.2000/m²/day: a month is
 * 523.45 × 3.2 × 365 ÷ 12 = 50,949.1333…, stated as 50,949.13 (the deposit's
 * month is rounded first by default), × 3 = 152,847.39; with "month": "exact",
 * 3 × 50,949.1333… = 152,847.40. To whole units half up: 152,847.00; to
 * hundreds half up 152,800.00, up 152,900.00. */
static void
test_deposit_rounding (void)
{
#define DEPOSIT_CONTRACT(rule) \
  "{'id':'D','currency':'CNY','parties':{'landlord':'L','tenant':'T'}," \
  "'sellers':[{'code':'LL','name':'L'}],'spaces':[{'code':'A','area':'523.45'}]," YEAR_2025 "," \
  "'charges':[{'code':'rent','kind':'rent','seller':'LL','unit':'m2_day','unit_price':'3.2000'," \
  "'spaces':['A']}],'deposit':" rule "}"
  g_autoptr(PwSchedule) minor = schedule_of (DEPOSIT_CONTRACT ("{'months':'3'}"));
  g_autoptr(PwSchedule) exact = schedule_of (DEPOSIT_CONTRACT ("{'months':'3','month':'exact'}"));
  g_autoptr(PwSchedule) unit = schedule_of (DEPOSIT_CONTRACT ("{'months':'3','round_to':'unit'}"));
  g_autoptr(PwSchedule) hundred = schedule_of (
    DEPOSIT_CONTRACT ("{'months':'3','round_to':'hundred'}"));
  g_autoptr(PwSchedule) up = schedule_of (
    DEPOSIT_CONTRACT ("{'months':'3','round_to':'hundred','mode':'up'}"));
  PwScheduleLine *l = find_line (minor, "deposit", PW_LINE_DEPOSIT, "2025-01-01");

  g_assert_cmpint (minor->deposit, ==, 15284739);
  g_assert_cmpint (exact->deposit, ==, 15284740);
  g_assert_nonnull (strstr (l->basis, "365/12 = 50,949.13/month (rent)"));
  g_assert_cmpint (l->tax, ==, 0);
  g_assert_cmpint (unit->deposit, ==, 15284700);
  g_assert_cmpint (hundred->deposit, ==, 15280000);
  g_assert_cmpint (up->deposit, ==, 15290000);
  /* the deposit stays out of the totals: 12 × 50,949.13 (each month rounded) */
  g_assert_cmpint (minor->gross, ==, 12 * 5094913);
}

/* 32. A fixed deposit of 50,000.00 is taken as it stands. */
static void
test_deposit_fixed (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                         "}],'deposit':{'amount':'50000.00'}}");

  g_assert_cmpint (s->deposit, ==, 5000000);
}

/* 33. Termination on 15 May, quarterly in advance, penalty 10,000.00, deposit
 * 3 months = 27,375.00. Q1 stays 27,375.00. Q2 was billed on 1 Apr: it stays,
 * and what lies beyond 15 May is credited: 1 Apr–15 May is 30 + 15 = 45 days ×
 * 300 = 13,500.00 kept, so the credit is −(27,375 − 13,500) = −13,875.00 over
 * 16 May–30 Jun. Q3 and Q4 were never billed: gone. Totals: 27,375 + 27,375 −
 * 13,875 + 10,000 = 50,875.00. Settlement: owed 10,000 − 13,875 = −3,875, so
 * nothing is offset and the refund is 27,375 + 3,875 = 31,250.00. */
static void
test_termination_advance (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'frequency':'quarterly'}],"
    "'deposit':{'months':'3'},'termination':{'date':'2025-05-15','penalty':'10000.00'}}");
  PwScheduleLine *credit = find_line (s, "rent", PW_LINE_CREDIT, "2025-05-16");
  g_autofree char *ce = date_iso (&credit->end);

  assert_line (s, "rent", "2025-04-01", "2025-06-30", 2737500);
  g_assert_cmpint (credit->gross, ==, -1387500);
  g_assert_cmpstr (ce, ==, "2025-06-30");
  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CHARGE), ==, 2);
  g_assert_cmpint (sum_gross (s, "penalty", PW_LINE_PENALTY), ==, 1000000);
  g_assert_cmpint (s->gross, ==, 5087500);
  g_assert_cmpint (s->deposit_offset, ==, 0);
  g_assert_cmpint (s->refund, ==, 3125000);
}

/* 34. Termination on 10 Mar, monthly in arrears: March was not billed yet, so
 * it is billed for 1–10 Mar only, 10 × 300 = 3,000.00, on 11 Mar; no credit.
 * Penalty 20,000.00 against a fixed deposit of 15,000.00: the deposit is
 * kept in full and nothing is refunded. */
static void
test_termination_arrears (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'timing':'arrears'}],"
    "'deposit':{'amount':'15000.00'},'termination':{'date':'2025-03-10','penalty':'20000.00'}}");
  PwScheduleLine *mar = assert_line (s, "rent", "2025-03-01", "2025-03-10", 300000);
  g_autofree char *b = date_iso (&mar->bill_date);

  g_assert_cmpstr (b, ==, "2025-03-11");
  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CREDIT), ==, 0);
  g_assert_cmpuint (count_lines (s, "rent", PW_LINE_CHARGE), ==, 3);
  g_assert_cmpint (s->deposit_offset, ==, 1500000);
  g_assert_cmpint (s->refund, ==, 0);
}

/* 35. Tax included at 9 % (F29): 9,125.00 → net round(9,125 ÷ 1.09) =
 * round(8,371.5596…) = 8,371.56, tax 753.44. */
static void
test_tax_included (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                         ",'tax_code':'v9'}]}");
  PwScheduleLine *l = assert_line (s, "rent", "2025-01-01", "2025-01-31", 912500);

  g_assert_cmpint (l->net, ==, 837156);
  g_assert_cmpint (l->tax, ==, 75344);
  g_assert_cmpint (s->tax, ==, 12 * 75344);
  g_assert_nonnull (strstr (l->explanation, "9% tax included"));
}

/* 36. Tax added at 9 %: net 9,125.00, tax round(9,125 × 0.09) = 821.25, gross 9,946.25. */
static void
test_tax_added (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT
                                         ",'tax_code':'v9','tax_included':false}]}");
  PwScheduleLine *l = assert_line (s, "rent", "2025-01-01", "2025-01-31", 994625);

  g_assert_cmpint (l->net, ==, 912500);
  g_assert_cmpint (l->tax, ==, 82125);
}

#define ODD_RENT(code) "'code':'" code "','kind':'rent','seller':'LL','unit':'m2_day'," \
  "'unit_price':'3.3333','spaces':['S1']"

/* 37. Rounding per line vs per bill. 100 × 3.3333 × 365 ÷ 12 = 10,138.7875 a
 * month. Three such charges per line: 10,138.79 each, 30,416.37 a month. Per
 * bill, Σ = 30,416.3625 → 30,416.36, handed out cumulatively: 10,138.79,
 * round(20,277.575) − 10,138.79 = 10,138.79, 30,416.36 − 20,277.58 = 10,138.78. */
static void
test_rounding_level (void)
{
  g_autoptr(PwSchedule) line = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" ODD_RENT ("a") "},{" ODD_RENT ("b") "},{"
    ODD_RENT ("c") "}]}");
  g_autoptr(PwSchedule) bill = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" ODD_RENT ("a") "},{" ODD_RENT ("b") "},{"
    ODD_RENT ("c") "}],'rounding':{'level':'bill'}}");

  g_assert_cmpint (line->gross, ==, 12 * 3041637);
  g_assert_cmpint (bill->gross, ==, 12 * 3041636);
  g_assert_cmpint (find_line (bill, "a", PW_LINE_CHARGE, "2025-01-01")->gross, ==, 1013879);
  g_assert_cmpint (find_line (bill, "b", PW_LINE_CHARGE, "2025-01-01")->gross, ==, 1013879);
  g_assert_cmpint (find_line (bill, "c", PW_LINE_CHARGE, "2025-01-01")->gross, ==, 1013878);
}

/* 38. Rounding to whole units: 10,138.7875 → 10,139.00. */
static void
test_round_to_unit (void)
{
  g_autoptr(PwSchedule) s = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" ODD_RENT ("a")
                                         "}],'rounding':{'to':'unit'}}");

  assert_line (s, "a", "2025-01-01", "2025-01-31", 1013900);
}

/* 39. Currencies' minor units (F31): the same 10,138.7875 is ¥10,139 in JPY
 * (no minor unit) and 10,138.788 in KWD (three). */
static void
test_currency_minor_units (void)
{
#define CURRENCY_CONTRACT(code) \
  "{'id':'T','currency':'" code "','parties':{'landlord':'L','tenant':'T'}," \
  "'sellers':[{'code':'LL','name':'L'}],'spaces':[{'code':'S1','area':'100.00'}]," \
  YEAR_2025 ",'charges':[{" ODD_RENT ("a") "}]}"
  g_autoptr(PwSchedule) jpy = schedule_of (CURRENCY_CONTRACT ("JPY"));
  g_autoptr(PwSchedule) kwd = schedule_of (CURRENCY_CONTRACT ("KWD"));

  assert_line (jpy, "a", "2025-01-01", "2025-01-31", 10139);
  assert_line (kwd, "a", "2025-01-01", "2025-01-31", 10138788);
}

/* 40. A period split in three (monthly ÷ days, two steps at the same price):
 * each piece is a line rounded once, 9,125 × 10/31 = 2,943.548… → 2,943.55
 * twice, then 9,125 × 11/31 = 3,237.903… → 3,237.90; here they also add up to
 * the whole month, 9,125.00, as the pieces rounded together would
 * (test-charge-rules.c has pieces where the two differ). */
static void
test_split_sums_to_whole (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD "," YEAR_2025 ",'charges':[{" RENT ",'anchor':'calendar',"
    "'proration':'monthly_actual','escalation':{'type':'steps','steps':["
    "{'from':'2025-01-11','unit_price':'3.0000'},{'from':'2025-01-21','unit_price':'3.0000'}]}}]}");

  assert_line (s, "rent", "2025-01-01", "2025-01-10", 294355);
  assert_line (s, "rent", "2025-01-11", "2025-01-20", 294355);
  assert_line (s, "rent", "2025-01-21", "2025-01-31", 323790);
}

/* 41. Leap-year February stub, monthly ÷ days: 20–29 Feb 2024 is 10 days,
 * 9,125 × 10 ÷ 29 = 3,146.5517… → 3,146.55. */
static void
test_leap_february_stub (void)
{
  g_autoptr(PwSchedule) s = schedule_of (
    "{" HEAD ",'signed':'2024-01-01','start':'2024-02-20','end':'2024-05-31','charges':[{" RENT
    ",'anchor':'calendar','proration':'monthly_actual'}]}");

  assert_line (s, "rent", "2024-02-20", "2024-02-29", 314655);
}

/* 42. Line ids are name-based: the same contract gives the same ids, every id
 * differs, and they are version-5 UUIDs. */
static void
test_line_ids (void)
{
  g_autoptr(PwSchedule) a = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "},{" PM
                                         "}],'deposit':{'months':'2'}}");
  g_autoptr(PwSchedule) b = schedule_of ("{" HEAD "," YEAR_2025 ",'charges':[{" RENT "},{" PM
                                         "}],'deposit':{'months':'2'}}");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (a->lines->len, ==, b->lines->len);
  for (guint i = 0; i < a->lines->len; i++)
    {
      PwScheduleLine *x = a->lines->pdata[i], *y = b->lines->pdata[i];

      g_assert_cmpstr (x->line_id, ==, y->line_id);
      g_assert_true (g_uuid_string_is_valid (x->line_id));
      g_assert_cmpint (x->line_id[14], ==, '5');
      g_assert_true (g_hash_table_add (seen, x->line_id));
    }
}

/* The ids as first defined: SHA-1 (GChecksum) of the namespace and
 * "contract␟charge␟kind␟date", made a version-5 UUID. */
static char *
reference_line_id (const char *contract, const char *charge, PwLineKind kind, const GDate *start)
{
  static const guint8 ns[16] = { 0x3b, 0x6c, 0x1f, 0x52, 0x9e, 0x0d, 0x4a, 0x71,
                                 0x8c, 0x2e, 0x5d, 0x90, 0x47, 0xa3, 0xb8, 0x16 };
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *name = g_strdup_printf ("%s\x1f%s\x1f%s\x1f%04d-%02d-%02d", contract, charge,
                                           pw_line_kind_to_string (kind),
                                           g_date_get_year (start), g_date_get_month (start),
                                           g_date_get_day (start));
  guint8 d[20];
  gsize len = sizeof d;

  g_checksum_update (sha, ns, sizeof ns);
  g_checksum_update (sha, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11],
                          d[12], d[13], d[14], d[15]);
}

/* 42b. The ids stay what they were when the schedule was first stored, for
 * names of every length around SHA-1's 64-byte blocks. */
static void
test_line_ids_stable (void)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 29, 2, 2028);
  for (guint n = 0; n < 160; n++)
    for (PwLineKind kind = PW_LINE_CHARGE; kind <= PW_LINE_PENALTY; kind++)
      {
        g_autofree char *contract = g_strnfill (n, 'c');
        g_autofree char *ours = pw_schedule_line_id (contract, "rent", kind, &d);
        g_autofree char *ref = reference_line_id (contract, "rent", kind, &d);

        g_assert_cmpstr (ours, ==, ref);
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/standard-month/365-12", test_standard_month_365_12);
  g_test_add_func ("/schedule/standard-month/30", test_standard_month_30);
  g_test_add_func ("/schedule/standard-month/actual", test_standard_month_actual);
  g_test_add_func ("/schedule/standard-month/leap-year", test_leap_year);
  g_test_add_func ("/schedule/frequency/quarterly", test_quarterly);
  g_test_add_func ("/schedule/frequency/half-yearly-yearly", test_half_yearly_and_yearly);
  g_test_add_func ("/schedule/proration/daily", test_calendar_stub_daily);
  g_test_add_func ("/schedule/proration/monthly-actual", test_calendar_stub_monthly_actual);
  g_test_add_func ("/schedule/proration/monthly-30", test_calendar_stub_monthly_30);
  g_test_add_func ("/schedule/proration/none", test_calendar_stub_none);
  g_test_add_func ("/schedule/proration/yearly-365", test_monthly_price_yearly_365);
  g_test_add_func ("/schedule/stub/last", test_last_stub);
  g_test_add_func ("/schedule/anchor/lease-mid-month", test_lease_anchor_mid_month);
  g_test_add_func ("/schedule/anchor/lease-31st", test_lease_anchor_31st);
  g_test_add_func ("/schedule/anchor/calendar-quarter", test_calendar_quarter_stub);
  g_test_add_func ("/schedule/free/inside", test_rent_free_inside);
  g_test_add_func ("/schedule/free/extends-term", test_rent_free_extends_term);
  g_test_add_func ("/schedule/free/keeps-property-fee", test_rent_free_keeps_property_fee);
  g_test_add_func ("/schedule/free/fit-out", test_fit_out_waives_both);
  g_test_add_func ("/schedule/escalation/compound", test_escalation_compound);
  g_test_add_func ("/schedule/escalation/simple", test_escalation_simple);
  g_test_add_func ("/schedule/escalation/price-rounding", test_escalation_price_rounding);
  g_test_add_func ("/schedule/escalation/rent-commencement", test_escalation_rent_commencement);
  g_test_add_func ("/schedule/escalation/steps", test_step_table);
  g_test_add_func ("/schedule/escalation/step-splits", test_step_splits_period);
  g_test_add_func ("/schedule/escalation/cpi-cap", test_cpi_cap);
  g_test_add_func ("/schedule/escalation/cpi-floor", test_cpi_floor);
  g_test_add_func ("/schedule/escalation/cpi-within", test_cpi_within);
  g_test_add_func ("/schedule/dates/advance-lead-days", test_advance_lead_days);
  g_test_add_func ("/schedule/dates/arrears-due", test_arrears_due_after_bill);
  g_test_add_func ("/schedule/deposit/rounding", test_deposit_rounding);
  g_test_add_func ("/schedule/deposit/fixed", test_deposit_fixed);
  g_test_add_func ("/schedule/termination/advance", test_termination_advance);
  g_test_add_func ("/schedule/termination/arrears", test_termination_arrears);
  g_test_add_func ("/schedule/tax/included", test_tax_included);
  g_test_add_func ("/schedule/tax/added", test_tax_added);
  g_test_add_func ("/schedule/rounding/level", test_rounding_level);
  g_test_add_func ("/schedule/rounding/unit", test_round_to_unit);
  g_test_add_func ("/schedule/rounding/currencies", test_currency_minor_units);
  g_test_add_func ("/schedule/split/sums-to-whole", test_split_sums_to_whole);
  g_test_add_func ("/schedule/stub/leap-february", test_leap_february_stub);
  g_test_add_func ("/schedule/line-ids", test_line_ids);
  g_test_add_func ("/schedule/line-ids-stable", test_line_ids_stable);

  return g_test_run ();
}
