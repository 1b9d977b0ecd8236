/* test-utility.c — metered utility charges (docs/utility-rules.md), worked examples
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each example writes out its working; the figures asserted are those of the
 * working, computed by hand. Money is in fen (CNY minor units). */
#include "config.h"

#include <string.h>

#include "pw-decimal.h"
#include "pw-error.h"
#include "pw-utility.h"

/* A file of the JSON form with @meters, @readings, @losses put in; the tax
 * codes and tariffs are the same for every example:
 *   vat13 13 %, vat9 9 %;
 *   E-FLAT  0.7500 a kWh, tax included, vat13;
 *   W-TIER  monthly blocks 0–100 at 4.20, 100–200 at 5.30, above at 7.10, tax on top, vat9;
 *   W-YEAR  yearly blocks 0–2,000 at 0.50, 2,000–4,000 at 0.55, above at 0.80, from
 *           January, tax included, vat9;
 *   E-TOU   winter (Oct–May) critical 1.5000, peak 1.0850, flat 0.7500, valley 0.3500;
 *           summer (Jun–Sep) critical 1.6000, peak 1.2100, flat 0.7800, valley 0.3600;
 *           tax included, vat13. */
/* more tariffs and tax codes, written after those above (examples 18 and 20) */
static const char *extra_tariffs = "";
static const char *extra_tax_codes = "";

static char *
file_for (const char *period, const char *meters, const char *readings, const char *losses)
{
  return g_strdup_printf (
    "{\"currency\": \"CNY\", \"period\": \"%s\","
    " \"tax_codes\": [{\"code\": \"vat13\", \"rate\": \"0.13\"}, {\"code\": \"vat9\", \"rate\": \"0.09\"}%s],"
    " \"tariffs\": ["
    "  {\"code\": \"E-FLAT\", \"kind\": \"flat\", \"price\": \"0.7500\", \"tax_code\": \"vat13\"},"
    "  {\"code\": \"W-TIER\", \"kind\": \"tiered\", \"basis\": \"monthly\", \"tax_code\": \"vat9\","
    "   \"tax_inclusive\": false, \"tiers\": [{\"up_to\": \"100\", \"price\": \"4.20\"},"
    "   {\"up_to\": \"200\", \"price\": \"5.30\"}, {\"price\": \"7.10\"}]},"
    "  {\"code\": \"W-YEAR\", \"kind\": \"tiered\", \"basis\": \"yearly\", \"tax_code\": \"vat9\","
    "   \"tiers\": [{\"up_to\": \"2000\", \"price\": \"0.50\"}, {\"up_to\": \"4000\", \"price\": \"0.55\"},"
    "   {\"price\": \"0.80\"}]},"
    "  {\"code\": \"E-TOU\", \"kind\": \"time_of_use\", \"tax_code\": \"vat13\", \"seasons\": ["
    "   {\"name\": \"winter\", \"months\": [1, 2, 3, 4, 5, 10, 11, 12], \"prices\": {\"critical_peak\": \"1.5000\","
    "    \"peak\": \"1.0850\", \"flat\": \"0.7500\", \"valley\": \"0.3500\"}},"
    "   {\"name\": \"summer\", \"months\": [6, 7, 8, 9], \"prices\": {\"critical_peak\": \"1.6000\","
    "    \"peak\": \"1.2100\", \"flat\": \"0.7800\", \"valley\": \"0.3600\"}}]}%s],"
    " \"meters\": [%s], \"readings\": [%s], \"losses\": [%s]}",
    period, extra_tax_codes, extra_tariffs, meters, readings, losses ? losses : "");
}

static PwUtilityResult *
compute (const char *period, const char *meters, const char *readings, const char *losses)
{
  g_autofree char *text = file_for (period, meters, readings, losses);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwUtilityInput) in = pw_utility_input_load_data (text, strlen (text), "test.json",
                                                             &error);
  PwUtilityResult *res;

  g_assert_no_error (error);
  res = pw_utility_compute (in, &error);
  g_assert_no_error (error);
  return res;
}

static GError *
refusal (const char *period, const char *meters, const char *readings, const char *losses)
{
  g_autofree char *text = file_for (period, meters, readings, losses);
  GError *error = NULL;
  g_autoptr(PwUtilityInput) in = pw_utility_input_load_data (text, strlen (text), "test.json",
                                                             &error);

  g_assert_null (in);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  return error;
}

static PwUtilityCharge *
charge_of (PwUtilityResult *res, const char *kind_prefix, const char *meter)
{
  for (guint i = 0; i < res->charges->len; i++)
    {
      PwUtilityCharge *c = res->charges->pdata[i];

      if (g_str_equal (c->meter, meter) && g_str_has_prefix (c->key, kind_prefix))
        return c;
    }
  return NULL;
}

static PwUtilityUsage *
usage_of (PwUtilityResult *res, const char *meter)
{
  for (guint i = 0; i < res->usages->len; i++)
    if (g_str_equal (((PwUtilityUsage *) res->usages->pdata[i])->meter, meter))
      return res->usages->pdata[i];
  return NULL;
}

static gboolean
has_problem (PwUtilityResult *res, PwUtilityProblemKind kind, const char *meter)
{
  for (guint i = 0; i < res->problems->len; i++)
    {
      PwUtilityProblem *p = res->problems->pdata[i];

      if (p->kind == kind && g_str_equal (p->meter, meter))
        return TRUE;
    }
  return FALSE;
}

static void
assert_quantity (PwDecimal q, const char *expected)
{
  g_autofree char *text = pw_decimal_to_string (pw_decimal_normalize (q));

  g_assert_cmpstr (text, ==, expected);
}

#define R(meter, date, value) \
  "{\"meter\": \"" meter "\", \"date\": \"" date "\", \"value\": \"" value "\"}"

/* 1. Flat. E-101 read 2,000 on 31 Oct and 3,250 on 30 Nov: 1,250 kWh.
 *    1,250 × 0.7500 = 937.50 with tax included at 13 %:
 *    net = round(93,750 ÷ 1.13) = round(82,964.60) = 82,965; tax = 93,750 − 82,965 = 10,785. */
static void
test_flat (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"E-101\", \"kind\": \"electricity\", \"location\": \"T1-F01-101\","
    " \"customer\": \"C1\", \"tariff\": \"E-FLAT\"}",
    R ("E-101", "2026-10-31", "2000") "," R ("E-101", "2026-11-30", "3250"), NULL);
  PwUtilityCharge *c = charge_of (res, "consumption/", "E-101");

  g_assert_nonnull (c);
  assert_quantity (c->quantity, "1250");
  g_assert_cmpint (c->gross, ==, 93750);
  g_assert_cmpint (c->net, ==, 82965);
  g_assert_cmpint (c->tax, ==, 10785);
  g_assert_cmpstr (c->key, ==, "consumption/E-101/2026-11");
  g_assert_cmpstr (c->customer, ==, "C1");
  g_assert_nonnull (strstr (c->explanation, "T1-F01-101 electricity Nov 2026: 1,250 kWh × 0.7500"));
  g_assert_cmpint (res->gross, ==, 93750);
  g_assert_cmpuint (res->problems->len, ==, 0);
}

/* 2. Tiered by month, across two thresholds. W-1 moves 300 → 535 m³: 235 m³.
 *    tier 1: 100 × 4.20 = 420.00; tier 2: 100 × 5.30 = 530.00; tier 3: 35 × 7.10 = 248.50;
 *    net 1,198.50 (tax on top); tax = round(119,850 × 0.09 = 10,786.5) = 10,787 (half-up);
 *    gross 130,637. A month of 80 m³ stays in tier 1: 80 × 4.20 = 336.00. */
static void
test_tiered_monthly (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"W-1\", \"kind\": \"water\", \"customer\": \"C1\", \"tariff\": \"W-TIER\"},"
    "{\"code\": \"W-2\", \"kind\": \"water\", \"customer\": \"C2\", \"tariff\": \"W-TIER\"}",
    R ("W-1", "2026-10-31", "300") "," R ("W-1", "2026-11-30", "535") ","
    R ("W-2", "2026-10-31", "10") "," R ("W-2", "2026-11-30", "90"), NULL);
  PwUtilityCharge *c = charge_of (res, "consumption/", "W-1");
  PwUtilityCharge *d = charge_of (res, "consumption/", "W-2");

  g_assert_cmpint (c->net, ==, 119850);
  g_assert_cmpint (c->tax, ==, 10787);
  g_assert_cmpint (c->gross, ==, 130637);
  g_assert_nonnull (strstr (c->explanation, "tier 1 100 m³ × 4.20 + tier 2 100 m³ × 5.30 + "
                                            "tier 3 35 m³ × 7.10"));
  g_assert_cmpint (d->net, ==, 33600);
  g_assert_null (strstr (d->explanation, "tier 2"));
}

/* 3. Tiered by year, across a threshold. The tier year starts in January.
 *    Readings 0 (31 Dec 2025), 1,900 (31 Oct), 2,150 (30 Nov): the intervals closing in
 *    the tier year before November add up to 1,900 m³; November is 250 m³, which runs
 *    1,900 → 2,150: 100 × 0.50 = 50.00 in tier 1 and 150 × 0.55 = 82.50 in tier 2,
 *    132.50 with tax included at 9 %: net = round(13,250 ÷ 1.09 = 12,155.96) = 12,156,
 *    tax 1,094.
 *    Given "year_to_date": "5000" instead, the whole 250 m³ is in tier 3: 250 × 0.80 = 200.00.
 *    In January the tier year starts again: 250 m³ at 0.50 = 125.00. */
static void
test_tiered_yearly (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"W-Y\", \"kind\": \"water\", \"customer\": \"C1\", \"tariff\": \"W-YEAR\"},"
    "{\"code\": \"W-Z\", \"kind\": \"water\", \"customer\": \"C1\", \"tariff\": \"W-YEAR\","
    " \"year_to_date\": \"5000\"}",
    R ("W-Y", "2025-12-31", "0") "," R ("W-Y", "2026-10-31", "1900") ","
    R ("W-Y", "2026-11-30", "2150") ","
    R ("W-Z", "2026-10-31", "100") "," R ("W-Z", "2026-11-30", "350"), NULL);
  g_autoptr(PwUtilityResult) jan = compute ("2027-01",
    "{\"code\": \"W-Y\", \"kind\": \"water\", \"customer\": \"C1\", \"tariff\": \"W-YEAR\"}",
    R ("W-Y", "2025-12-31", "0") "," R ("W-Y", "2026-12-31", "4900") ","
    R ("W-Y", "2027-01-31", "5150"), NULL);
  PwUtilityCharge *c = charge_of (res, "consumption/", "W-Y");

  g_assert_cmpint (c->gross, ==, 13250);
  g_assert_cmpint (c->net, ==, 12156);
  g_assert_cmpint (c->tax, ==, 1094);
  g_assert_nonnull (strstr (c->explanation, "tier 1 100 m³ × 0.50 + tier 2 150 m³ × 0.55"));
  g_assert_nonnull (strstr (c->explanation, "1,900 m³ before this month"));
  g_assert_cmpint (charge_of (res, "consumption/", "W-Z")->gross, ==, 20000);
  g_assert_cmpint (charge_of (jan, "consumption/", "W-Y")->gross, ==, 12500);
}

#define TOU3_METER \
  "{\"code\": \"E-TOU3\", \"kind\": \"electricity\", \"location\": \"T1-F03-008\"," \
  " \"customer\": \"C7\", \"registers\": [\"peak\", \"flat\", \"valley\"], \"tariff\": \"E-TOU\"}"

/* 4. Time of use, three registers, winter. Total 5,000 → 8,500 (3,500 kWh); peak
 *    1,500 → 2,734 (1,234), flat 2,500 → 3,500 (1,000), valley 1,000 → 2,266 (1,266):
 *    1,234 + 1,000 + 1,266 = 3,500, as the total register says.
 *    1,234 × 1.0850 = 1,338.89; 1,000 × 0.7500 = 750.00; 1,266 × 0.3500 = 443.10;
 *    2,531.99 with tax included: net = round(253,199 ÷ 1.13 = 224,069.91) = 224,070,
 *    tax 29,129. */
static void
test_tou_three (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11", TOU3_METER,
    "{\"meter\": \"E-TOU3\", \"date\": \"2026-10-31\", \"values\": {\"total\": \"5000\","
    " \"peak\": \"1500\", \"flat\": \"2500\", \"valley\": \"1000\"}},"
    "{\"meter\": \"E-TOU3\", \"date\": \"2026-11-30\", \"values\": {\"total\": \"8500\","
    " \"peak\": \"2734\", \"flat\": \"3500\", \"valley\": \"2266\"}}", NULL);
  PwUtilityCharge *c = charge_of (res, "consumption/", "E-TOU3");

  g_assert_cmpint (c->gross, ==, 253199);
  g_assert_cmpint (c->net, ==, 224070);
  g_assert_cmpint (c->tax, ==, 29129);
  g_assert_nonnull (strstr (c->explanation, "T1-F03-008 electricity Nov 2026: peak 1,234 kWh "
                                            "× 1.0850 + flat 1,000 kWh × 0.7500 + valley "
                                            "1,266 kWh × 0.3500 (winter season)"));
}

/* 5. Time of use, four registers, summer (July): critical peak 100, peak 400, flat 700,
 *    valley 300 = 1,500 = total. 100 × 1.6000 = 160.00; 400 × 1.2100 = 484.00;
 *    700 × 0.7800 = 546.00; 300 × 0.3600 = 108.00; 1,298.00. */
static void
test_tou_four (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-07",
    "{\"code\": \"E-TOU4\", \"kind\": \"electricity\", \"customer\": \"C7\","
    " \"registers\": [\"critical_peak\", \"peak\", \"flat\", \"valley\"], \"tariff\": \"E-TOU\"}",
    "{\"meter\": \"E-TOU4\", \"date\": \"2026-06-30\", \"values\": {\"total\": \"0\","
    " \"critical_peak\": \"0\", \"peak\": \"0\", \"flat\": \"0\", \"valley\": \"0\"}},"
    "{\"meter\": \"E-TOU4\", \"date\": \"2026-07-31\", \"values\": {\"total\": \"1500\","
    " \"critical_peak\": \"100\", \"peak\": \"400\", \"flat\": \"700\", \"valley\": \"300\"}}",
    NULL);
  PwUtilityCharge *c = charge_of (res, "consumption/", "E-TOU4");

  g_assert_cmpint (c->gross, ==, 129800);
  g_assert_nonnull (strstr (c->explanation, "critical peak 100 kWh × 1.6000"));
  g_assert_nonnull (strstr (c->explanation, "(summer season)"));
}

/* 6. Registers that do not add up: peak 1,234 + flat 1,000 + valley 1,200 = 3,434, but
 *    the total moved 3,500. Refused for this meter: a problem, no charge. With a
 *    tolerance of 100 dial units the same readings are charged. A TOU tariff that
 *    prices no "valley" for a meter that has one refuses the whole file, naming the meter. */
static void
test_registers_refused (void)
{
  const char *readings =
    "{\"meter\": \"E-TOU3\", \"date\": \"2026-10-31\", \"values\": {\"total\": \"5000\","
    " \"peak\": \"1500\", \"flat\": \"2500\", \"valley\": \"1000\"}},"
    "{\"meter\": \"E-TOU3\", \"date\": \"2026-11-30\", \"values\": {\"total\": \"8500\","
    " \"peak\": \"2734\", \"flat\": \"3500\", \"valley\": \"2200\"}}";
  g_autoptr(PwUtilityResult) res = compute ("2026-11", TOU3_METER, readings, NULL);
  g_autoptr(PwUtilityResult) tolerant = compute ("2026-11",
    "{\"code\": \"E-TOU3\", \"kind\": \"electricity\", \"customer\": \"C7\","
    " \"registers\": [\"peak\", \"flat\", \"valley\"], \"register_tolerance\": \"100\","
    " \"tariff\": \"E-TOU\"}", readings, NULL);
  g_autoptr(GError) error = refusal ("2026-11",
    "{\"code\": \"E-X\", \"kind\": \"electricity\", \"customer\": \"C7\","
    " \"registers\": [\"peak\", \"shoulder\"], \"tariff\": \"E-TOU\"}", "", NULL);

  g_assert_null (charge_of (res, "consumption/", "E-TOU3"));
  g_assert_true (has_problem (res, PW_UTILITY_PROBLEM_REGISTERS, "E-TOU3"));
  g_assert_nonnull (strstr (((PwUtilityProblem *) res->problems->pdata[0])->message,
                            "the registers add up to 3,434 but the total register moved by 3,500"));
  g_assert_nonnull (charge_of (tolerant, "consumption/", "E-TOU3"));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "meters[0].tariff");
  g_assert_nonnull (strstr (error->message, "no price for register “shoulder”"));
}

/* 7. Multiplier 40 from a 200/5 CT. The dial moves 1,000.00 → 1,031.25: 31.25 × 40 =
 *    1,250 kWh; 1,250 × 0.7500 = 937.50. With a 10000/100 PT as well the multiplier is
 *    40 × 100 = 4,000. A written multiplier of 30 that the ratios contradict is refused. */
static void
test_multiplier (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"E-CT\", \"kind\": \"electricity\", \"location\": \"T1\", \"ct\": \"200/5\","
    " \"customer\": \"C1\", \"tariff\": \"E-FLAT\"}",
    R ("E-CT", "2026-10-31", "1000.00") "," R ("E-CT", "2026-11-30", "1031.25"), NULL);
  PwUtilityCharge *c = charge_of (res, "consumption/", "E-CT");
  PwDecimal m;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) contradiction = refusal ("2026-11",
    "{\"code\": \"E-CT\", \"kind\": \"electricity\", \"ct\": \"200/5\", \"multiplier\": \"30\"}",
    "", NULL);

  assert_quantity (c->quantity, "1250");
  assert_quantity (usage_of (res, "E-CT")->raw, "31.25");
  g_assert_cmpint (c->gross, ==, 93750);
  g_assert_nonnull (strstr (c->explanation, ", multiplier 40"));
  g_assert_true (pw_utility_ratio_multiplier ("200/5", "10000/100", &m, &error));
  assert_quantity (m, "4000");
  g_assert_false (pw_utility_ratio_multiplier ("200:5", NULL, &m, &error));
  g_assert_cmpstr (pw_ledger_error_get_field (contradiction), ==, "meters[0].multiplier");
}

/* 8. Rollover, confirmed. A five-digit dial reads 99,500 then 250, the reading marked as a
 *    rollover: raw = (max + resolution − previous) + current = (99,999 + 1 − 99,500) + 250
 *    = 750 kWh; 750 × 0.7500 = 562.50. A dial with 4 digits and 1 decimal reading
 *    9,999.5 then 0.7: (9,999.9 + 0.1 − 9,999.5) + 0.7 = 1.2. */
static void
test_rollover_confirmed (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"E-R\", \"kind\": \"electricity\", \"digits\": 5, \"customer\": \"C1\","
    " \"tariff\": \"E-FLAT\"},"
    "{\"code\": \"E-S\", \"kind\": \"electricity\", \"digits\": 4, \"decimals\": 1}",
    R ("E-R", "2026-10-31", "99500") ","
    "{\"meter\": \"E-R\", \"date\": \"2026-11-30\", \"value\": \"250\", \"rollover\": true},"
    R ("E-S", "2026-10-31", "9999.5") ","
    "{\"meter\": \"E-S\", \"date\": \"2026-11-30\", \"value\": \"0.7\", \"rollover\": true}",
    NULL);

  assert_quantity (usage_of (res, "E-R")->quantity, "750");
  g_assert_true (usage_of (res, "E-R")->rolled_over);
  g_assert_cmpint (charge_of (res, "consumption/", "E-R")->gross, ==, 56250);
  assert_quantity (usage_of (res, "E-S")->quantity, "1.2");
}

/* 9. Rollover, not confirmed: 99,500 then 250 without "rollover" is a lower reading — a
 *    problem and no charge, never a consumption of −99,250. A confirmed rollover on a
 *    meter whose digits are not known is a problem too. */
static void
test_rollover_unconfirmed (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"E-R\", \"kind\": \"electricity\", \"digits\": 5, \"customer\": \"C1\","
    " \"tariff\": \"E-FLAT\"},"
    "{\"code\": \"E-U\", \"kind\": \"electricity\", \"customer\": \"C1\", \"tariff\": \"E-FLAT\"}",
    R ("E-R", "2026-10-31", "99500") "," R ("E-R", "2026-11-30", "250") ","
    R ("E-U", "2026-10-31", "99500") ","
    "{\"meter\": \"E-U\", \"date\": \"2026-11-30\", \"value\": \"250\", \"rollover\": true}",
    NULL);

  g_assert_null (charge_of (res, "consumption/", "E-R"));
  g_assert_false (usage_of (res, "E-R")->known);
  g_assert_true (has_problem (res, PW_UTILITY_PROBLEM_LOWER_READING, "E-R"));
  g_assert_true (has_problem (res, PW_UTILITY_PROBLEM_LOWER_READING, "E-U"));
  g_assert_cmpint (res->gross, ==, 0);
}

/* 10. Replacement. The old meter read 5,000 on 31 Oct and 5,600 when it came out on
 *     15 Nov (multiplier 40 on its 200/5 CT); the new one opened at 0 with a 1:1 CT
 *     and reads 300 on 30 Nov. (5,600 − 5,000) × 40 + (300 − 0) × 1 = 24,300 kWh;
 *     24,300 × 0.7500 = 18,225.00. */
static void
test_replacement (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"E-N\", \"kind\": \"electricity\", \"customer\": \"C1\", \"tariff\": \"E-FLAT\","
    " \"replacements\": [{\"date\": \"2026-11-15\", \"final\": {\"total\": \"5600\"},"
    " \"opening\": {\"total\": \"0\"}, \"old_multiplier\": \"40\", \"new_serial\": \"DT-9\"}]}",
    R ("E-N", "2026-10-31", "5000") "," R ("E-N", "2026-11-30", "300"), NULL);
  PwUtilityCharge *c = charge_of (res, "consumption/", "E-N");

  assert_quantity (c->quantity, "24300");
  g_assert_cmpint (c->gross, ==, 1822500);
  g_assert_true (usage_of (res, "E-N")->replaced);
  g_assert_nonnull (strstr (c->explanation, "replacement"));
}

#define LOSS_METERS(extra) \
  "{\"code\": \"M\", \"kind\": \"electricity\", \"location\": \"T1\", \"tariff\": \"E-FLAT\"}," \
  "{\"code\": \"A\", \"kind\": \"electricity\", \"master\": \"M\", \"customer\": \"CA\"," \
  " \"area\": \"120.50\", \"weight\": \"1\", \"tariff\": \"E-FLAT\"}," \
  "{\"code\": \"B\", \"kind\": \"electricity\", \"master\": \"M\", \"customer\": \"CB\"," \
  " \"area\": \"86.40\", \"weight\": \"1\", \"tariff\": \"E-FLAT\"}," \
  "{\"code\": \"C\", \"kind\": \"electricity\", \"master\": \"M\", \"customer\": \"CC\"," \
  " \"area\": \"64.00\", \"weight\": \"1\", \"tariff\": \"E-FLAT\"}," \
  "{\"code\": \"L\", \"kind\": \"electricity\", \"master\": \"M\", \"common\": true}" extra
#define LOSS_READINGS(master, common) \
  R ("M", "2026-10-31", "0") "," R ("M", "2026-11-30", master) "," \
  R ("A", "2026-10-31", "0") "," R ("A", "2026-11-30", "4000") "," \
  R ("B", "2026-10-31", "0") "," R ("B", "2026-11-30", "3000") "," \
  R ("C", "2026-10-31", "0") "," R ("C", "2026-11-30", "2000") "," \
  R ("L", "2026-10-31", "0") "," R ("L", "2026-11-30", common)

static void
assert_loss_parts (PwUtilityResult *res, gint64 a, gint64 b, gint64 c)
{
  g_assert_cmpint (charge_of (res, "loss/", "A")->gross, ==, a);
  g_assert_cmpint (charge_of (res, "loss/", "B")->gross, ==, b);
  g_assert_cmpint (charge_of (res, "loss/", "C")->gross, ==, c);
  g_assert_null (charge_of (res, "loss/", "L"));
  g_assert_null (charge_of (res, "consumption/", "M"));  /* a master without a customer */
}

/* 11. Loss by consumption. Master 10,000; sub-meters 4,000 + 3,000 + 2,000; common use
 *     500: loss = 10,000 − 9,000 − 500 = 500 kWh × 0.7500 = 375.00 = 37,500 fen.
 *     Shares 4/9, 3/9, 2/9: 16,666.67, 12,500, 8,333.33 → 16,666 + 12,500 + 8,333 =
 *     37,499; the one fen left goes to the largest remainder (0.67): 16,667, 12,500, 8,333. */
static void
test_loss_consumption (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11", LOSS_METERS (""),
    LOSS_READINGS ("10000", "500"), "{\"master\": \"M\", \"basis\": \"consumption\"}");

  assert_loss_parts (res, 16667, 12500, 8333);
  g_assert_nonnull (strstr (charge_of (res, "loss/", "A")->explanation,
                            "T1 loss Nov 2026: master 10,000 − sub-meters 9,000 − common use "
                            "500 = 500 kWh × 0.7500 = 375.00"));
}

/* 12. Loss by area: the same 37,500 fen by 120.50, 86.40 and 64.00 m² (270.90 in all):
 *     37,500 × 120.50 ÷ 270.90 = 16,680.51; × 86.40 ÷ 270.90 = 11,960.13; × 64.00 ÷ 270.90
 *     = 8,859.36 → 16,680 + 11,960 + 8,859 = 37,499; the fen left goes to the largest
 *     remainder, A's 0.51: 16,681, 11,960, 8,859. */
static void
test_loss_area (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11", LOSS_METERS (""),
    LOSS_READINGS ("10000", "500"), "{\"master\": \"M\", \"basis\": \"area\"}");

  assert_loss_parts (res, 16681, 11960, 8859);
}

/* 13. Loss by fixed weights 1 : 1 : 1. Master 9,633.34, sub-meters 9,000, common use 500:
 *     loss 133.34 kWh × 0.7500 = 100.005 → 100.01 (half-up, once) = 10,001 fen; a third is
 *     3,333.67 → 3,333 × 3 = 9,999, two fen left and the remainders equal, so the earlier
 *     parts take them: 3,334, 3,334, 3,333. */
static void
test_loss_weights (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11", LOSS_METERS (""),
    LOSS_READINGS ("9633.34", "500"), "{\"master\": \"M\", \"basis\": \"weights\"}");

  assert_loss_parts (res, 3334, 3334, 3333);
}

/* 14. A loss that would be negative (master 9,000 below 9,000 + 500) is a problem with no
 *     loss lines; a sub-meter without its reading leaves the loss unshared. */
static void
test_loss_problems (void)
{
  g_autoptr(PwUtilityResult) negative = compute ("2026-11", LOSS_METERS (""),
    LOSS_READINGS ("9000", "500"), "{\"master\": \"M\", \"basis\": \"consumption\"}");
  g_autoptr(PwUtilityResult) incomplete = compute ("2026-11", LOSS_METERS (""),
    R ("M", "2026-10-31", "0") "," R ("M", "2026-11-30", "10000"),
    "{\"master\": \"M\", \"basis\": \"consumption\"}");

  g_assert_true (has_problem (negative, PW_UTILITY_PROBLEM_NEGATIVE_LOSS, "M"));
  g_assert_null (charge_of (negative, "loss/", "A"));
  g_assert_true (has_problem (incomplete, PW_UTILITY_PROBLEM_LOSS_INCOMPLETE, "M"));
  g_assert_true (has_problem (incomplete, PW_UTILITY_PROBLEM_MISSING_READING, "A"));
}

/* 15. Tax per line (F29).
 *     Inclusive: G = 100.00 at 13 %: net = round(10,000 ÷ 1.13 = 8,849.56) = 8,850, tax 1,150.
 *     Inclusive: G = 0.05 at 9 %: net = round(5 ÷ 1.09 = 4.587) = 5, tax 0.
 *     Exclusive: N = 100.00 at 9 %: tax = 900, gross 10,900.
 *     Exclusive, half-up: N = 0.50 at 9 %: 4.5 → tax 5; N = 0.16 at 6 %: 0.96 → 1. */
static void
test_tax (void)
{
  gint64 g, n, t;
  PwDecimal r13 = pw_decimal_from_int (13, 2), r9 = pw_decimal_from_int (9, 2);

  g_assert_true (pw_utility_tax (10000, r13, TRUE, &g, &n, &t, NULL));
  g_assert_cmpint (n, ==, 8850);
  g_assert_cmpint (t, ==, 1150);
  g_assert_true (pw_utility_tax (5, r9, TRUE, &g, &n, &t, NULL));
  g_assert_cmpint (n, ==, 5);
  g_assert_cmpint (t, ==, 0);
  g_assert_true (pw_utility_tax (10000, r9, FALSE, &g, &n, &t, NULL));
  g_assert_cmpint (t, ==, 900);
  g_assert_cmpint (g, ==, 10900);
  g_assert_true (pw_utility_tax (50, r9, FALSE, &g, &n, &t, NULL));
  g_assert_cmpint (t, ==, 5);
  g_assert_true (pw_utility_tax (16, pw_decimal_from_int (6, 2), FALSE, &g, &n, &t, NULL));
  g_assert_cmpint (t, ==, 1);
}

#define HISTORY(last) \
  R ("E-H", "2026-04-30", "0") "," R ("E-H", "2026-05-31", "100") "," \
  R ("E-H", "2026-06-30", "210") "," R ("E-H", "2026-07-31", "300") "," \
  R ("E-H", "2026-08-31", "405") "," R ("E-H", "2026-09-30", "500") "," \
  R ("E-H", "2026-10-31", "600") "," last

/* 16. A flagged outlier. The last six months used 100, 110, 90, 105, 95, 100 kWh; sorted
 *     90, 95, 100, 100, 105, 110, the median is (100 + 100) ÷ 2 = 100. November's 350 is
 *     above 3 × 100 = 300: flagged, the line (350 × 0.75 = 262.50) is held and left out of
 *     the totals. Exactly 300 is not flagged; 350 with "confirmed": true is charged. */
static void
test_flagged (void)
{
  const char *meter = "{\"code\": \"E-H\", \"kind\": \"electricity\", \"customer\": \"C1\","
                      " \"tariff\": \"E-FLAT\"}";
  g_autoptr(PwUtilityResult) high = compute ("2026-11", meter,
    HISTORY (R ("E-H", "2026-11-30", "950")), NULL);
  g_autoptr(PwUtilityResult) edge = compute ("2026-11", meter,
    HISTORY (R ("E-H", "2026-11-30", "900")), NULL);
  g_autoptr(PwUtilityResult) confirmed = compute ("2026-11", meter,
    HISTORY ("{\"meter\": \"E-H\", \"date\": \"2026-11-30\", \"value\": \"950\", \"confirmed\": true}"),
    NULL);
  PwUtilityCharge *c = charge_of (high, "consumption/", "E-H");

  assert_quantity (usage_of (high, "E-H")->median, "100");
  g_assert_true (usage_of (high, "E-H")->flagged);
  g_assert_true (has_problem (high, PW_UTILITY_PROBLEM_FLAGGED_READING, "E-H"));
  g_assert_true (c->held);
  g_assert_cmpint (c->gross, ==, 26250);
  g_assert_cmpint (high->gross, ==, 0);
  g_assert_cmpint (high->held_gross, ==, 26250);
  g_assert_false (usage_of (edge, "E-H")->flagged);
  g_assert_cmpint (edge->gross, ==, 22500);
  g_assert_false (charge_of (confirmed, "consumption/", "E-H")->held);
  g_assert_cmpint (confirmed->gross, ==, 26250);
}

/* 17. A missing reading: no reading in the month, or none before it to count from, is a
 *     problem and no charge. A meter put in on 10 Nov (reading 5) and read 105 on 30 Nov
 *     counts from its first reading: 100 kWh × 0.7500 = 75.00, thresholds not prorated. */
static void
test_missing_reading (void)
{
  g_autoptr(PwUtilityResult) res = compute ("2026-11",
    "{\"code\": \"E-1\", \"kind\": \"electricity\", \"customer\": \"C1\", \"tariff\": \"E-FLAT\"},"
    "{\"code\": \"E-2\", \"kind\": \"electricity\", \"customer\": \"C1\", \"tariff\": \"E-FLAT\"},"
    "{\"code\": \"E-3\", \"kind\": \"electricity\", \"customer\": \"C1\", \"tariff\": \"E-FLAT\"}",
    R ("E-1", "2026-10-31", "10") "," R ("E-2", "2026-11-30", "10") ","
    R ("E-3", "2026-11-10", "5") "," R ("E-3", "2026-11-30", "105"), NULL);

  g_assert_cmpuint (res->charges->len, ==, 1);
  g_assert_cmpint (charge_of (res, "consumption/", "E-3")->gross, ==, 7500);
  g_assert_true (has_problem (res, PW_UTILITY_PROBLEM_MISSING_READING, "E-1"));
  g_assert_true (has_problem (res, PW_UTILITY_PROBLEM_MISSING_READING, "E-2"));
}

/* 18. Effective-dated tariffs: a second version of E-FLAT from 1 Dec at 0.8000 prices
 *     December, not November: 100 kWh is 75.00 in November and 80.00 in December. */
static void
test_effective_dates (void)
{
  extra_tariffs = ",{\"code\": \"E-FLAT\", \"from\": \"2026-12-01\", \"kind\": \"flat\","
                  " \"price\": \"0.8000\", \"tax_code\": \"vat13\"}";
  for (guint month = 11; month <= 12; month++)
    {
      g_autofree char *period = g_strdup_printf ("2026-%02u", month);
      g_autoptr(PwUtilityResult) res = compute (period,
        "{\"code\": \"E-1\", \"kind\": \"electricity\", \"customer\": \"C1\", \"tariff\": \"E-FLAT\"}",
        R ("E-1", "2026-10-31", "0") "," R ("E-1", "2026-11-30", "100") ","
        R ("E-1", "2026-12-31", "200"), NULL);

      g_assert_cmpint (((PwUtilityCharge *) res->charges->pdata[0])->gross, ==,
                       month == 11 ? 7500 : 8000);
    }
  extra_tariffs = "";
}

/* 20. Tax rates are effective-dated data too: vat9 becomes 3 % from 1 December (a property
 *     company electing the simplified method). W-1 uses 80 m³ in each month, 80 × 4.20 =
 *     336.00 net; November's tax = round(33,600 × 0.09 = 3,024) = 3,024; December's =
 *     round(33,600 × 0.03 = 1,008) = 1,008. */
static void
test_tax_dates (void)
{
  extra_tax_codes = ",{\"code\": \"vat9\", \"rate\": \"0.03\", \"from\": \"2026-12-01\"}";
  for (guint month = 11; month <= 12; month++)
    {
      g_autofree char *period = g_strdup_printf ("2026-%02u", month);
      g_autoptr(PwUtilityResult) res = compute (period,
        "{\"code\": \"W-1\", \"kind\": \"water\", \"customer\": \"C1\", \"tariff\": \"W-TIER\"}",
        R ("W-1", "2026-10-31", "0") "," R ("W-1", "2026-11-30", "80") ","
        R ("W-1", "2026-12-31", "160"), NULL);
      PwUtilityCharge *c = charge_of (res, "consumption/", "W-1");

      g_assert_cmpint (c->net, ==, 33600);
      g_assert_cmpint (c->tax, ==, month == 11 ? 3024 : 1008);
      g_assert_nonnull (strstr (c->explanation, month == 11 ? "plus 9% tax" : "plus 3% tax"));
    }
  extra_tax_codes = "";
}

/* 19. Refusals name the file, the line and the JSON path. */
static void
test_refusals (void)
{
  const char *text = "{\"currency\": \"CNY\", \"period\": \"2026-11\",\n"
                     " \"tax_codes\": [{\"code\": \"vat13\", \"rate\": \"0.13\"}],\n"
                     " \"meters\": [\n"
                     "  {\"code\": \"A\", \"kind\": \"electricity\"},\n"
                     "  {\"code\": \"B\", \"kind\": \"electricity\",\n"
                     "   \"ct\": \"200:5\"}]}\n";
  const char *dup = "{\"currency\": \"CNY\", \"period\": \"2026-11\", \"tax_codes\": [],\n"
                    " \"meters\": [{\"code\": \"A\", \"kind\": \"water\", \"area\": \"1\",\n"
                    "  \"area\": \"2\"}]}";
  const char *fraction = "{\"currency\": \"CNY\", \"period\": \"2026-11\", \"tax_codes\": [],\n"
                         " \"meters\": [], \"readings\": [{\"meter\": \"A\", \"date\": \"2026-11-01\",\n"
                         " \"value\": 12.5}]}";
  g_autofree char *open = g_strnfill (100, '[');
  g_autofree char *close = g_strnfill (100, ']');
  g_autofree char *deep = g_strconcat (open, close, NULL);
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL, e4 = NULL, e5 = NULL;

  g_assert_null (pw_utility_input_load_data (text, strlen (text), "m.json", &e1));
  g_assert_cmpstr (pw_ledger_error_get_field (e1), ==, "meters[1].ct");
  g_assert_true (g_str_has_prefix (e1->message, "m.json:6: meters[1].ct: "));
  g_assert_null (pw_utility_input_load_data (dup, strlen (dup), "d.json", &e2));
  g_assert_cmpstr (pw_ledger_error_get_field (e2), ==, "meters[0].area");
  g_assert_nonnull (strstr (e2->message, "written twice"));
  g_assert_null (pw_utility_input_load_data (fraction, strlen (fraction), "f.json", &e3));
  g_assert_cmpstr (pw_ledger_error_get_field (e3), ==, "readings[0].value");
  g_assert_null (pw_utility_input_load_data (deep, strlen (deep), "x.json", &e4));
  g_assert_nonnull (strstr (e4->message, "nested deeper"));
  /* a reading of a meter that is not there: the path and the line of the member */
  e5 = refusal ("2026-11", "", R ("NOPE", "2026-11-30", "1"), NULL);
  g_assert_cmpstr (pw_ledger_error_get_field (e5), ==, "readings[0].meter");
}

/* ---- invariants over random cases -------------------------------------------- */

/* Σ parts = total to the fen, and each part within one fen of its exact share. */
static void
test_apportion_invariant (void)
{
  GRand *rand = g_rand_new_with_seed (20261207);

  for (guint round = 0; round < 5000; round++)
    {
      guint n = g_rand_int_range (rand, 1, 16);
      gint64 total = g_rand_int_range (rand, 0, G_MAXINT32) * (gint64) g_rand_int_range (rand, 1, 1000);
      PwDecimal w[16];
      gint64 parts[16], sum = 0;
      __int128 wsum = 0;
      int scale = g_rand_int_range (rand, 0, 5);

      for (guint i = 0; i < n; i++)
        {
          w[i] = pw_decimal_from_int (g_rand_int_range (rand, 0, 1000000), scale);
          wsum += w[i].m;
        }
      if (wsum == 0)
        w[0].m = wsum = 1;
      g_assert_true (pw_utility_apportion (total, w, n, parts, NULL));
      for (guint i = 0; i < n; i++)
        {
          __int128 exact_floor = (__int128) total * w[i].m / wsum;

          g_assert_cmpint (parts[i], >=, 0);
          g_assert_true (parts[i] == exact_floor || parts[i] == exact_floor + 1);
          sum += parts[i];
        }
      g_assert_cmpint (sum, ==, total);
    }
  g_rand_free (rand);
}

/* Random meters with random readings, rollovers, replacements and losses, built
 * through the structs a store fills: no consumption is negative, every line's gross
 * = net + tax, the loss shares of a master add up to its loss amount, and the totals
 * are the sums of the lines. */
static void
test_engine_invariant (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(PwUtilityInput) in = pw_utility_input_new ("CNY", 2026, 11);
      g_autoptr(PwUtilityResult) res = NULL;
      g_autoptr(GError) error = NULL;
      GDate from, d1, d2;
      PwTariff *t;
      guint n = g_rand_int_range (rand, 2, 8);
      gint64 gross = 0, held = 0;
      GHashTable *loss_sum = g_hash_table_new (g_str_hash, g_str_equal);

      g_date_clear (&from, 1);
      g_date_set_dmy (&from, 1, 1, 2026);
      g_date_clear (&d1, 1);
      g_date_set_dmy (&d1, 31, 10, 2026);
      g_date_clear (&d2, 1);
      g_date_set_dmy (&d2, 30, 11, 2026);
      g_ptr_array_add (in->tax_codes, pw_tax_code_new ("v", &from, pw_decimal_from_int (13, 2)));
      t = pw_tariff_new ("F", &from, PW_TARIFF_FLAT);
      t->price = pw_decimal_from_int (g_rand_int_range (rand, 1, 20000), 4);
      t->tax_code = g_strdup ("v");
      t->tax_inclusive = g_rand_boolean (rand);
      g_ptr_array_add (in->tariffs, t);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *code = g_strdup_printf ("m%u", i);
          PwMeter *m = pw_meter_new (code, PW_METER_ELECTRICITY);
          PwReading *a = pw_reading_new (code, &d1), *b = pw_reading_new (code, &d2);
          gint64 prev = g_rand_int_range (rand, 0, 100000), cur = g_rand_int_range (rand, 0, 100000);

          m->digits = 5;
          m->multiplier = pw_decimal_from_int (g_rand_int_range (rand, 1, 81), 0);
          m->tariff = g_strdup ("F");
          m->customer = g_strdup ("c");
          m->area = pw_decimal_from_int (g_rand_int_range (rand, 0, 50000), 2);
          if (i > 0)
            m->master = g_strdup ("m0");
          pw_register_values_set (a->values, PW_UTILITY_TOTAL, pw_decimal_from_int (prev, 1));
          pw_register_values_set (b->values, PW_UTILITY_TOTAL, pw_decimal_from_int (cur, 1));
          b->rollover = g_rand_boolean (rand);
          if (g_rand_int_range (rand, 0, 5) == 0)
            {
              GDate mid;
              PwMeterReplacement *r;

              g_date_clear (&mid, 1);
              g_date_set_dmy (&mid, 15, 11, 2026);
              r = pw_meter_replacement_new (&mid);
              pw_register_values_set (r->final_values, PW_UTILITY_TOTAL,
                                      pw_decimal_from_int (prev + g_rand_int_range (rand, 0, 999), 1));
              pw_register_values_set (r->opening_values, PW_UTILITY_TOTAL, pw_decimal_from_int (0, 0));
              g_ptr_array_add (m->replacements, r);
            }
          g_ptr_array_add (in->meters, m);
          g_ptr_array_add (in->readings, a);
          g_ptr_array_add (in->readings, b);
        }
      /* the master's own reading moves enough to cover its sub-meters, often */
      ((PwMeter *) in->meters->pdata[0])->multiplier = pw_decimal_from_int (1000, 0);
      g_ptr_array_add (in->losses, pw_loss_rule_new ("m0", g_rand_int_range (rand, 0, 2)
                                                              ? PW_LOSS_BY_CONSUMPTION
                                                              : PW_LOSS_BY_AREA));
      res = pw_utility_compute (in, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < res->usages->len; i++)
        {
          PwUtilityUsage *u = res->usages->pdata[i];

          if (u->known)
            g_assert_cmpint (pw_decimal_sign (u->quantity), >=, 0);
        }
      for (guint i = 0; i < res->charges->len; i++)
        {
          PwUtilityCharge *c = res->charges->pdata[i];

          g_assert_cmpint (c->gross, ==, c->net + c->tax);
          g_assert_cmpint (c->gross, >=, 0);
          g_assert_cmpint (pw_decimal_sign (c->quantity), >=, 0);
          if (c->held)
            held += c->gross;
          else
            gross += c->gross;
          if (c->kind == PW_UTILITY_LINE_LOSS)
            {
              gint64 *s = g_hash_table_lookup (loss_sum, "m0");
              if (s == NULL)
                g_hash_table_insert (loss_sum, "m0", s = g_new0 (gint64, 1));
              *s += t->tax_inclusive ? c->gross : c->net;
            }
        }
      g_assert_cmpint (gross, ==, res->gross);
      g_assert_cmpint (held, ==, res->held_gross);
      if (g_hash_table_lookup (loss_sum, "m0"))
        {
          /* the shares add up to round(loss × price) exactly */
          PwUtilityUsage *mu = res->usages->pdata[0];
          PwDecimal loss = mu->quantity, x;
          gint64 amount;

          for (guint i = 1; i < res->usages->len; i++)
            pw_decimal_sub (loss, ((PwUtilityUsage *) res->usages->pdata[i])->quantity, &loss, NULL);
          pw_decimal_mul (loss, t->price, &x, NULL);
          pw_decimal_to_minor (x, 2, PW_ROUND_HALF_UP, &amount, NULL);
          g_assert_cmpint (*(gint64 *) g_hash_table_lookup (loss_sum, "m0"), ==, amount);
          g_free (g_hash_table_lookup (loss_sum, "m0"));
        }
      g_hash_table_unref (loss_sum);
    }
  g_rand_free (rand);
}

/* A price with more digits than a decimal holds is refused, not overflowed:
 * 36 digits are read, a 37th (before or after the point) is an error. */
static void
test_decimal_digits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *d36 = g_strnfill (36, '9');
  g_autofree char *d37 = g_strnfill (37, '9');
  g_autofree char *d200 = g_strnfill (200, '7');
  g_autofree char *mixed = g_strconcat (d36, ".5", NULL);
  PwDecimal d;

  g_assert_true (pw_decimal_parse (d36, &d, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d.scale, ==, 0);
  g_assert_false (pw_decimal_parse (d37, &d, &error));
  g_assert_error (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (pw_decimal_parse (d200, &d, &error));
  g_assert_error (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_PARSE);
  g_clear_error (&error);
  g_assert_false (pw_decimal_parse (mixed, &d, &error));
  g_assert_error (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_PARSE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/utility/decimal-digits", test_decimal_digits);
  g_test_add_func ("/utility/flat", test_flat);
  g_test_add_func ("/utility/tiered-monthly", test_tiered_monthly);
  g_test_add_func ("/utility/tiered-yearly", test_tiered_yearly);
  g_test_add_func ("/utility/tou-three", test_tou_three);
  g_test_add_func ("/utility/tou-four", test_tou_four);
  g_test_add_func ("/utility/registers-refused", test_registers_refused);
  g_test_add_func ("/utility/multiplier", test_multiplier);
  g_test_add_func ("/utility/rollover-confirmed", test_rollover_confirmed);
  g_test_add_func ("/utility/rollover-unconfirmed", test_rollover_unconfirmed);
  g_test_add_func ("/utility/replacement", test_replacement);
  g_test_add_func ("/utility/loss-consumption", test_loss_consumption);
  g_test_add_func ("/utility/loss-area", test_loss_area);
  g_test_add_func ("/utility/loss-weights", test_loss_weights);
  g_test_add_func ("/utility/loss-problems", test_loss_problems);
  g_test_add_func ("/utility/tax", test_tax);
  g_test_add_func ("/utility/flagged", test_flagged);
  g_test_add_func ("/utility/missing-reading", test_missing_reading);
  g_test_add_func ("/utility/effective-dates", test_effective_dates);
  g_test_add_func ("/utility/refusals", test_refusals);
  g_test_add_func ("/utility/tax-dates", test_tax_dates);
  g_test_add_func ("/utility/invariant/apportion", test_apportion_invariant);
  g_test_add_func ("/utility/invariant/engine", test_engine_invariant);
  return g_test_run ();
}
