/* test-apportion.c — apportionment, exact ratios, area parsing and display
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "pw-area.h"

static void
assert_apportion (gint64        pool,
                  const gint64 *internal,
                  guint         n,
                  const gint64 *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *shares = g_new0 (gint64, n);

  g_assert_true (pw_apportion (pool, internal, n, shares, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (shares[i], ==, expected[i]);
}

static void
test_apportion_thirds (void)
{
  /* 100.00 m² over three equal units: 33.333… each; the one leftover hundredth goes to
   * the first unit because all remainders tie. */
  const gint64 internal[] = { 1, 1, 1 };
  const gint64 expected[] = { 3334, 3333, 3333 };
  /* 0.02 m² over three: floors are 0, two hundredths left, ties go by index. */
  const gint64 expected_small[] = { 1, 1, 0 };

  assert_apportion (10000, internal, 3, expected);
  assert_apportion (2, internal, 3, expected_small);
}

static void
test_apportion_largest_remainder (void)
{
  /* Pool 1.00 m² = 100 hundredths over internal areas 1, 2 and 4 (Σ 7):
   *   unit 1: 100 × 1 / 7 = 14 r 2   (14.2857…)
   *   unit 2: 100 × 2 / 7 = 28 r 4   (28.5714…)
   *   unit 3: 100 × 4 / 7 = 57 r 1   (57.1428…)
   * Floors add to 99; the one leftover hundredth goes to the largest remainder, unit 2,
   * not to the largest unit: 14 + 29 + 57 = 100. */
  const gint64 internal[] = { 1, 2, 4 };
  const gint64 expected[] = { 14, 29, 57 };

  assert_apportion (100, internal, 3, expected);
}

static void
test_apportion_zero_internal (void)
{
  const gint64 internal[] = { 0, 5, 0, 5 };
  const gint64 expected[] = { 0, 5000, 0, 5000 };
  /* 0.01 m² over {0, 1, 1}: remainders tie between units 2 and 3; unit 1 never gets it. */
  const gint64 internal_tie[] = { 0, 1, 1 };
  const gint64 expected_tie[] = { 0, 1, 0 };

  assert_apportion (10000, internal, 4, expected);
  assert_apportion (1, internal_tie, 3, expected_tie);
}

static void
test_apportion_pool_zero (void)
{
  const gint64 internal[] = { 0, 0 };
  const gint64 expected[] = { 0, 0 };
  const gint64 internal2[] = { 1234, 99 };

  assert_apportion (0, internal, 2, expected);
  assert_apportion (0, internal2, 2, expected);
}

static void
test_apportion_no_internal_area (void)
{
  const gint64 internal[] = { 0, 0, 0 };
  gint64 shares[3] = { -7, -7, -7 };
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_apportion (100, internal, 3, shares, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_NO_INTERNAL_AREA);
  g_assert_nonnull (error->message);
  /* Failure leaves the output alone. */
  g_assert_cmpint (shares[0], ==, -7);
  g_clear_error (&error);

  g_assert_false (pw_apportion (100, NULL, 0, NULL, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_NO_INTERNAL_AREA);
}

static void
test_apportion_negative (void)
{
  const gint64 internal[] = { 100, -5 };
  const gint64 good[] = { 100, 5 };
  gint64 shares[2] = { 0, 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_apportion (100, internal, 2, shares, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  g_assert_false (pw_apportion (-1, good, 2, shares, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
}

static void
test_apportion_huge (void)
{
  /* Products far beyond 64 bits must still come out exact. */
  const gint64 internal[] = { G_MAXINT64 / 3, G_MAXINT64 / 3, G_MAXINT64 / 3 };
  gint64 shares[3];
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_apportion (G_MAXINT64, internal, 3, shares, &error));
  g_assert_no_error (error);
  /* G_MAXINT64 = 3 × 3074457345618258602 + 1: the extra one goes to the first unit. */
  g_assert_cmpint (shares[0], ==, G_GINT64_CONSTANT (3074457345618258603));
  g_assert_cmpint (shares[1], ==, G_GINT64_CONSTANT (3074457345618258602));
  g_assert_cmpint (shares[2], ==, G_GINT64_CONSTANT (3074457345618258602));
}

static void
test_apportion_random (void)
{
  for (guint iter = 0; iter < 3000; iter++)
    {
      guint n = (guint) g_test_rand_int_range (1, 60);
      g_autofree gint64 *internal = g_new (gint64, n);
      g_autofree gint64 *shares = g_new (gint64, n);
      g_autoptr(GError) error = NULL;
      gint64 pool = g_test_rand_int_range (0, 100000000);
      __int128 total = 0;
      __int128 sum_shares = 0;
      __int128 min_rounded_up = -1;
      __int128 max_rounded_down = -1;

      if (iter % 7 == 0)
        pool = g_test_rand_int_range (0, 5);
      for (guint i = 0; i < n; i++)
        {
          /* Some units take no share; some areas are large enough to need 128 bits. */
          internal[i] = g_test_rand_bit () && g_test_rand_bit ()
                        ? 0 : g_test_rand_int_range (1, 10000000);
          if (iter % 5 == 0)
            internal[i] *= G_GINT64_CONSTANT (1000000000);
          total += internal[i];
        }
      if (total == 0)
        {
          internal[0] = 1;
          total = 1;
        }

      g_assert_true (pw_apportion (pool, internal, n, shares, &error));
      g_assert_no_error (error);

      for (guint i = 0; i < n; i++)
        {
          __int128 exact = (__int128) pool * internal[i];
          __int128 floor_share = exact / total;
          __int128 remainder = exact % total;

          sum_shares += shares[i];
          /* Each share is the floor of the exact share or one more. */
          g_assert_true (shares[i] == floor_share || shares[i] == floor_share + 1);
          if (internal[i] == 0)
            g_assert_cmpint (shares[i], ==, 0);
          if (shares[i] == floor_share + 1)
            {
              g_assert_true (remainder > 0);
              if (min_rounded_up < 0 || remainder < min_rounded_up)
                min_rounded_up = remainder;
            }
          else if (remainder > max_rounded_down)
            max_rounded_down = remainder;
        }

      /* The whole pool is handed out, no more and no less. */
      g_assert_true (sum_shares == pool);
      /* Largest remainder: nobody left at the floor had a larger remainder. */
      if (min_rounded_up >= 0)
        g_assert_true (max_rounded_down <= min_rounded_up);
    }
}

static void
test_apportion_nested (void)
{
  /* One building, two floors. Units 1–3 on floor 1, units 4–5 on floor 2.
   * Floor 1 pool 30.00 m² over 120.00, 80.00, 50.50 (Σ 250.50):
   *   3000 × 12000 / 25050 = 1437 r 3150; 3000 × 8000 / 25050 = 958 r 2100;
   *   3000 × 5050 / 25050 = 604 r 19800 → floors 2999, +1 to unit 3 → 1437, 958, 605.
   * Floor 2 pool 25.00 m² over 200.00, 100.01 (Σ 300.01):
   *   2500 × 20000 / 30001 = 1666 r 18334; 2500 × 10001 / 30001 = 833 r 11667
   *   → floors 2499, +1 to unit 4 → 1667, 833.
   * Building pool 77.77 m² over all five (Σ 550.51):
   *   1695 r 12555, 1130 r 8370, 713 r 22487, 2825 r 20925, 1412 r 45765
   *   → floors 7775, +1 to units 5 and 3 → 1695, 1130, 714, 2825, 1413.
   * Gross = internal + floor share + building share:
   *   15132, 10088, 6369, 24492, 12247; Σ 683.28 m² = 550.51 + 30.00 + 25.00 + 77.77. */
  const gint64 internal[] = { 12000, 8000, 5050, 20000, 10001 };
  const gint64 expected_gross[] = { 15132, 10088, 6369, 24492, 12247 };
  const gint64 floor_pools[] = { 3000, 2500 };
  const guint floor_start[] = { 0, 3, 5 };
  const gint64 building_pool = 7777;
  gint64 floor_shares[5];
  gint64 building_shares[5];
  gint64 grand_total = 0;
  gint64 expected_total = building_pool + floor_pools[0] + floor_pools[1];
  g_autoptr(GError) error = NULL;

  for (guint f = 0; f < 2; f++)
    {
      g_assert_true (pw_apportion (floor_pools[f], internal + floor_start[f],
                                   floor_start[f + 1] - floor_start[f],
                                   floor_shares + floor_start[f], &error));
      g_assert_no_error (error);
    }
  g_assert_true (pw_apportion (building_pool, internal, 5, building_shares, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      gint64 gross = internal[i] + floor_shares[i] + building_shares[i];

      g_assert_cmpint (gross, ==, expected_gross[i]);
      grand_total += gross;
      expected_total += internal[i];
    }
  g_assert_cmpint (grand_total, ==, expected_total);
  g_assert_cmpint (grand_total, ==, 68328);
}

static void
assert_ratio (gint64      num,
              gint64      den,
              guint       decimals,
              const char *expected)
{
  g_autofree char *text = pw_ratio_format (num, den, decimals);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_ratio_format (void)
{
  /* K = 250.00 common ÷ 1000.00 internal. */
  assert_ratio (25000, 100000, 6, "0.250000");
  assert_ratio (1, 3, 6, "0.333333");
  assert_ratio (2, 3, 6, "0.666667");
  /* 公摊率 = common ÷ gross = 250 ÷ 1250; 得房率 = internal ÷ gross = 1000 ÷ 1250. */
  assert_ratio (25000, 125000, 6, "0.200000");
  assert_ratio (100000, 125000, 6, "0.800000");
  /* Half-up, halves away from zero. */
  assert_ratio (1, 8, 2, "0.13");
  assert_ratio (-1, 8, 2, "-0.13");
  assert_ratio (1, -8, 2, "-0.13");
  assert_ratio (-1, -8, 2, "0.13");
  assert_ratio (5, 1000, 2, "0.01");
  assert_ratio (4, 1000, 2, "0.00");
  assert_ratio (-4, 1000, 2, "0.00");
  assert_ratio (7, 2, 0, "4");
  assert_ratio (5, 2, 0, "3");
  assert_ratio (10, 4, 1, "2.5");
  assert_ratio (1234567, 1000, 6, "1234.567000");
  assert_ratio (G_MAXINT64, 1, 6, "9223372036854775807.000000");
  assert_ratio (G_MININT64, 1, 2, "-9223372036854775808.00");
  assert_ratio (1, 3, 18, "0.333333333333333333");
  assert_ratio (1, 0, 6, NULL);
}

static void
test_ratio_scaled (void)
{
  g_assert_cmpint (pw_ratio_scaled (1, 3, 6), ==, 333333);
  g_assert_cmpint (pw_ratio_scaled (2, 3, 6), ==, 666667);
  g_assert_cmpint (pw_ratio_scaled (25000, 100000, 6), ==, 250000);
  g_assert_cmpint (pw_ratio_scaled (1, 8, 2), ==, 13);
  g_assert_cmpint (pw_ratio_scaled (-1, 8, 2), ==, -13);
  g_assert_cmpint (pw_ratio_scaled (3, 8, 2), ==, 38);
  g_assert_cmpint (pw_ratio_scaled (0, 8, 2), ==, 0);
  /* Beyond gint64: saturates rather than wrapping. */
  g_assert_cmpint (pw_ratio_scaled (G_MAXINT64, 1, 6), ==, G_MAXINT64);
  g_assert_cmpint (pw_ratio_scaled (G_MININT64, 1, 6), ==, G_MININT64);
}

static void
assert_area_format (gint64      centi,
                    gboolean    sqft,
                    const char *expected)
{
  g_autofree char *text = pw_area_format (centi, sqft);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_area_format (void)
{
  g_autofree char *m2 = NULL;
  g_autofree char *ft2 = NULL;

  assert_area_format (0, FALSE, "0.00");
  assert_area_format (5, FALSE, "0.05");
  assert_area_format (100, FALSE, "1.00");
  assert_area_format (99999, FALSE, "999.99");
  assert_area_format (100000, FALSE, "1,000.00");
  assert_area_format (123456, FALSE, "1,234.56");
  assert_area_format (100000000, FALSE, "1,000,000.00");
  assert_area_format (-123456, FALSE, "-1,234.56");
  assert_area_format (G_MAXINT64, FALSE, "92,233,720,368,547,758.07");
  assert_area_format (G_MININT64, FALSE, "-92,233,720,368,547,758.08");

  /* 100.00 m² × 10.76391041671 = 1,076.391041671 ft². */
  assert_area_format (10000, TRUE, "1,076.39");
  assert_area_format (100, TRUE, "10.76");
  assert_area_format (0, TRUE, "0.00");
  /* 500,000,000 m² is 5,381,955,208.355 ft² exactly: a true half, rounded up. */
  g_assert_cmpint (pw_area_centi_m2_to_centi_ft2 (G_GINT64_CONSTANT (50000000000)), ==,
                   G_GINT64_CONSTANT (538195520836));
  g_assert_cmpint (pw_area_centi_m2_to_centi_ft2 (G_GINT64_CONSTANT (-50000000000)), ==,
                   G_GINT64_CONSTANT (-538195520836));
  assert_area_format (G_GINT64_CONSTANT (50000000000), TRUE, "5,381,955,208.36");
  /* 0.05 m² = 0.538… ft² → 0.54. */
  assert_area_format (5, TRUE, "0.54");
  g_assert_cmpint (pw_area_centi_m2_to_centi_ft2 (G_MAXINT64), ==, G_MAXINT64);

  m2 = pw_area_format_with_unit (123456, FALSE);
  ft2 = pw_area_format_with_unit (10000, TRUE);
  g_assert_cmpstr (m2, ==, "1,234.56 m²");
  g_assert_cmpstr (ft2, ==, "1,076.39 ft²");
}

static void
test_area_parse_good (void)
{
  static const struct { const char *text; gint64 centi; } cases[] = {
    { "0", 0 },
    { "12", 1200 },
    { "12.3", 1230 },
    { "12.34", 1234 },
    { "12.30", 1230 },
    { "0.01", 1 },
    { "  86.40 ", 8640 },
    { "\t5\n", 500 },
    { "007.5", 750 },
    { "1234567.89", 123456789 },
    { "1000000000000", G_GINT64_CONSTANT (100000000000000) },
    { "1000000000000.00", G_GINT64_CONSTANT (100000000000000) },
    { "999999999999.99", G_GINT64_CONSTANT (99999999999999) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 centi = -1;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_true (pw_area_parse (cases[i].text, &centi, &error));
      g_assert_no_error (error);
      g_assert_cmpint (centi, ==, cases[i].centi);
    }
}

static void
test_area_parse_bad (void)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "12.345", "“12.345” has more than two decimals" },
    { "-3", "“-3” is negative" },
    { "abc", "“abc” is not a number" },
    { " -3.5 ", "“-3.5” is negative" },
    { "0.001", "“0.001” has more than two decimals" },
    { "", NULL },
    { "   ", NULL },
    { "1e3", "“1e3” is not a number" },
    { "+3", NULL },
    { "1,234.5", NULL },
    { "12,5", NULL },
    { "12.", "“12.” is not a number" },
    { ".5", "“.5” is not a number" },
    { "1 234", "“1 234” is not a number" },
    { "12.3.4", "“12.3.4” is not a number" },
    { "0x10", "“0x10” is not a number" },
    { "NaN", "“NaN” is not a number" },
    { "inf", "“inf” is not a number" },
    { "１２", "“１２” is not a number" },
    { "-abc", "“-abc” is not a number" },
    { "1000000000000.01", NULL },
    { "99999999999999999999999999", NULL },
    { "\xff\xfe", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 centi = -1;

      g_test_message ("parsing “%s”", cases[i].text);
      g_assert_false (pw_area_parse (cases[i].text, &centi, &error));
      g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      /* Failure leaves the output alone. */
      g_assert_cmpint (centi, ==, -1);
    }

  {
    g_autoptr(GError) error = NULL;
    gint64 centi = -1;

    g_assert_false (pw_area_parse (NULL, &centi, &error));
    g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  }
}

static void
test_area_parse_long_text (void)
{
  /* A pasted page of text is refused with a short message, not echoed whole. */
  g_autofree char *text = g_strnfill (100000, 'x');
  g_autoptr(GError) error = NULL;
  gint64 centi = 0;

  g_assert_false (pw_area_parse (text, &centi, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpuint (strlen (error->message), <, 200);
}

static void
test_area_format_parse_round_trip (void)
{
  for (guint i = 0; i < 500; i++)
    {
      gint64 centi = (gint64) g_test_rand_int_range (0, G_MAXINT32) * 1000
                     + g_test_rand_int_range (0, 1000);
      g_autofree char *text = pw_area_format (centi, FALSE);
      g_autofree char *plain = NULL;
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);
      g_autoptr(GError) error = NULL;
      gint64 back = -1;

      /* Display groups thousands; the strict parser wants them removed. */
      plain = g_strjoinv ("", parts);
      g_assert_true (pw_area_parse (plain, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, centi);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/area/apportion/thirds", test_apportion_thirds);
  g_test_add_func ("/area/apportion/largest-remainder", test_apportion_largest_remainder);
  g_test_add_func ("/area/apportion/zero-internal", test_apportion_zero_internal);
  g_test_add_func ("/area/apportion/pool-zero", test_apportion_pool_zero);
  g_test_add_func ("/area/apportion/no-internal-area", test_apportion_no_internal_area);
  g_test_add_func ("/area/apportion/negative", test_apportion_negative);
  g_test_add_func ("/area/apportion/huge", test_apportion_huge);
  g_test_add_func ("/area/apportion/random", test_apportion_random);
  g_test_add_func ("/area/apportion/nested", test_apportion_nested);
  g_test_add_func ("/area/ratio/format", test_ratio_format);
  g_test_add_func ("/area/ratio/scaled", test_ratio_scaled);
  g_test_add_func ("/area/format", test_area_format);
  g_test_add_func ("/area/parse/good", test_area_parse_good);
  g_test_add_func ("/area/parse/bad", test_area_parse_bad);
  g_test_add_func ("/area/parse/long-text", test_area_parse_long_text);
  g_test_add_func ("/area/parse/round-trip", test_area_format_parse_round_trip);

  return g_test_run ();
}
