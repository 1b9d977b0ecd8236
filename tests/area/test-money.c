/* test-money.c — currencies, money display and strict parsing
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "pw-money.h"

#define MINUS "\u2212"

static void
assert_format (gint64           minor,
               const char      *currency,
               PwCurrencyStyle  style,
               const char      *expected)
{
  g_autofree char *text = pw_money_format (minor, currency, style);

  g_assert_cmpstr (text, ==, expected);
}

static void
assert_parse (const char *text,
              const char *currency,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 12345;

  g_assert_true (pw_money_parse (text, currency, &minor, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, expected);
}

/* Fails to parse, leaves the output alone, and says so with @fragment in the message. */
static void
assert_parse_fails (const char *text,
                    const char *currency,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = 4242;

  g_assert_false (pw_money_parse (text, currency, &minor, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpint (minor, ==, 4242);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s”: the message “%s” does not mention “%s”", text, error->message, fragment);
}

/* A gint64 of random magnitude in [-G_MAXINT64, G_MAXINT64]. */
static gint64
random_amount (void)
{
  guint64 bits = ((guint64) (guint32) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
  guint64 magnitude = (bits & (guint64) G_MAXINT64) >> g_test_rand_int_range (0, 63);

  return g_test_rand_bit () ? -(gint64) magnitude : (gint64) magnitude;
}

/* ---- currencies -------------------------------------------------------------- */

static void
test_minor_digits (void)
{
  const char *two[] = { "CNY", "USD", "EUR", "GBP", "HKD", "SGD", "AUD", "CHF", "TWD" };

  for (guint i = 0; i < G_N_ELEMENTS (two); i++)
    g_assert_cmpint (pw_currency_minor_digits (two[i]), ==, 2);
  g_assert_cmpint (pw_currency_minor_digits ("JPY"), ==, 0);
  g_assert_cmpint (pw_currency_minor_digits ("KRW"), ==, 0);
  g_assert_cmpint (pw_currency_minor_digits ("VND"), ==, 0);
  g_assert_cmpint (pw_currency_minor_digits ("KWD"), ==, 3);
  g_assert_cmpint (pw_currency_minor_digits ("BHD"), ==, 3);
  g_assert_cmpint (pw_currency_minor_digits ("OMR"), ==, 3);
  g_assert_cmpint (pw_currency_minor_digits ("CLF"), ==, 4);
}

static void
test_unknown_and_invalid_codes (void)
{
  /* an unknown code of three letters is taken as hundredths */
  g_assert_true (pw_currency_is_valid ("XYZ"));
  g_assert_cmpint (pw_currency_minor_digits ("XYZ"), ==, 2);
  g_assert_null (pw_currency_symbol ("XYZ"));

  /* not codes at all */
  g_assert_cmpint (pw_currency_minor_digits (NULL), ==, -1);
  g_assert_cmpint (pw_currency_minor_digits (""), ==, -1);
  g_assert_cmpint (pw_currency_minor_digits ("cny"), ==, -1);
  g_assert_cmpint (pw_currency_minor_digits ("CN"), ==, -1);
  g_assert_cmpint (pw_currency_minor_digits ("CNYY"), ==, -1);
  g_assert_cmpint (pw_currency_minor_digits ("C1Y"), ==, -1);
  g_assert_false (pw_currency_is_valid ("元"));
  g_assert_null (pw_currency_symbol (NULL));
}

static void
test_symbols (void)
{
  g_assert_cmpstr (pw_currency_symbol ("CNY"), ==, "¥");
  g_assert_cmpstr (pw_currency_symbol ("JPY"), ==, "¥");
  g_assert_cmpstr (pw_currency_symbol ("USD"), ==, "$");
  g_assert_cmpstr (pw_currency_symbol ("EUR"), ==, "€");
  g_assert_cmpstr (pw_currency_symbol ("GBP"), ==, "£");
  g_assert_cmpstr (pw_currency_symbol ("HKD"), ==, "HK$");
  g_assert_cmpstr (pw_currency_symbol ("SGD"), ==, "S$");
  g_assert_cmpstr (pw_currency_symbol ("KRW"), ==, "₩");
  g_assert_null (pw_currency_symbol ("KWD"));
  g_assert_null (pw_currency_symbol ("CHF"));
}

/* ---- formatting -------------------------------------------------------------- */

static void
test_format_symbol (void)
{
  assert_format (123456789, "CNY", PW_CURRENCY_SYMBOL, "¥1,234,567.89");
  assert_format (123450, "CNY", PW_CURRENCY_SYMBOL, "¥1,234.50");
  assert_format (0, "CNY", PW_CURRENCY_SYMBOL, "¥0.00");
  assert_format (5, "CNY", PW_CURRENCY_SYMBOL, "¥0.05");
  assert_format (100, "CNY", PW_CURRENCY_SYMBOL, "¥1.00");
  assert_format (99999, "USD", PW_CURRENCY_SYMBOL, "$999.99");
  assert_format (100000, "EUR", PW_CURRENCY_SYMBOL, "€1,000.00");
  assert_format (1230, "HKD", PW_CURRENCY_SYMBOL, "HK$12.30");
  assert_format (68000000, "CNY", PW_CURRENCY_SYMBOL, "¥680,000.00");
}

static void
test_format_code (void)
{
  assert_format (123456789, "CNY", PW_CURRENCY_CODE, "CNY 1,234,567.89");
  assert_format (123450, "CNY", PW_CURRENCY_CODE, "CNY 1,234.50");
  assert_format (0, "USD", PW_CURRENCY_CODE, "USD 0.00");
  assert_format (100000000, "GBP", PW_CURRENCY_CODE, "GBP 1,000,000.00");
}

static void
test_format_negative (void)
{
  assert_format (-1250, "CNY", PW_CURRENCY_SYMBOL, MINUS "¥12.50");
  assert_format (-1250, "CNY", PW_CURRENCY_CODE, MINUS "CNY 12.50");
  assert_format (-1, "CNY", PW_CURRENCY_SYMBOL, MINUS "¥0.01");
  assert_format (-123456789, "USD", PW_CURRENCY_SYMBOL, MINUS "$1,234,567.89");

  /* the real minus sign, never a hyphen */
  {
    g_autofree char *text = pw_money_format (-1, "EUR", PW_CURRENCY_SYMBOL);

    g_assert_true (g_str_has_prefix (text, MINUS));
    g_assert_null (strchr (text, '-'));
  }
}

static void
test_format_zero_and_three_digits (void)
{
  assert_format (1235, "JPY", PW_CURRENCY_SYMBOL, "¥1,235");
  assert_format (1235, "JPY", PW_CURRENCY_CODE, "JPY 1,235");
  assert_format (0, "JPY", PW_CURRENCY_SYMBOL, "¥0");
  assert_format (-7, "JPY", PW_CURRENCY_SYMBOL, MINUS "¥7");
  assert_format (1000000, "KRW", PW_CURRENCY_SYMBOL, "₩1,000,000");
  /* KWD has no symbol: its code in either style */
  assert_format (1234, "KWD", PW_CURRENCY_SYMBOL, "KWD 1.234");
  assert_format (1234, "KWD", PW_CURRENCY_CODE, "KWD 1.234");
  assert_format (5, "BHD", PW_CURRENCY_CODE, "BHD 0.005");
  assert_format (1000, "CHF", PW_CURRENCY_SYMBOL, "CHF 10.00");
  assert_format (1000, "XYZ", PW_CURRENCY_SYMBOL, "XYZ 10.00");
}

static void
test_format_extremes (void)
{
  g_autofree char *max = pw_money_format_amount (G_MAXINT64, "CNY");
  g_autofree char *min = pw_money_format_amount (G_MININT64, "CNY");
  g_autofree char *big = pw_money_format_amount (G_MAXINT64 / 100 * 100 - 1, "CNY");

  g_assert_cmpstr (max, ==, "92,233,720,368,547,758.07");
  g_assert_cmpstr (min, ==, MINUS "92,233,720,368,547,758.08");
  g_assert_cmpstr (big, ==, "92,233,720,368,547,757.99");
  assert_format (G_MAXINT64 / 100, "CNY", PW_CURRENCY_SYMBOL, "¥922,337,203,685,477.58");
  assert_format (G_MAXINT64, "JPY", PW_CURRENCY_CODE, "JPY 9,223,372,036,854,775,807");
  assert_format (-G_MAXINT64, "KWD", PW_CURRENCY_CODE, MINUS "KWD 9,223,372,036,854,775.807");
}

static void
test_format_amount (void)
{
  g_autofree char *plain = pw_money_format_amount (123456789, "CNY");
  g_autofree char *negative = pw_money_format_amount (-5, "CNY");
  g_autofree char *yen = pw_money_format_amount (1000, "JPY");

  g_assert_cmpstr (plain, ==, "1,234,567.89");
  g_assert_cmpstr (negative, ==, MINUS "0.05");
  g_assert_cmpstr (yen, ==, "1,000");

  /* the styled text is the sign, the currency and the plain figure */
  for (int i = 0; i < 200; i++)
    {
      gint64 minor = random_amount ();
      g_autofree char *figure = pw_money_format_amount (minor < 0 ? -minor : minor, "USD");
      g_autofree char *expected = g_strconcat (minor < 0 ? MINUS : "", "USD ", figure, NULL);
      g_autofree char *text = pw_money_format (minor, "USD", PW_CURRENCY_CODE);

      g_assert_cmpstr (text, ==, expected);
    }
}

/* ---- parsing ----------------------------------------------------------------- */

static void
test_parse_good (void)
{
  assert_parse ("1234.5", "CNY", 123450);
  assert_parse ("1234.50", "CNY", 123450);
  assert_parse ("1234", "CNY", 123400);
  assert_parse ("0.05", "CNY", 5);
  assert_parse ("0", "CNY", 0);
  assert_parse ("007", "CNY", 700);
  assert_parse ("  86.4 \t\n", "CNY", 8640);
  assert_parse ("680000", "CNY", 68000000);
  assert_parse ("1235", "JPY", 1235);
  assert_parse ("1.234", "KWD", 1234);
  assert_parse ("1.2", "KWD", 1200);
  assert_parse ("10.0001", "CLF", 100001);
}

static void
test_parse_signs (void)
{
  assert_parse ("-12.50", "CNY", -1250);
  assert_parse (MINUS "12.50", "CNY", -1250);
  assert_parse (MINUS "1,234.56", "CNY", -123456);
  assert_parse ("-0", "CNY", 0);
  assert_parse_fails ("+12.50", "CNY", "“+12.50” is not an amount");
  assert_parse_fails ("--12", "CNY", "not an amount");
  assert_parse_fails ("- 12", "CNY", "not an amount");
  assert_parse_fails ("12-", "CNY", "not an amount");
  assert_parse_fails ("-", "CNY", "not an amount");
}

static void
test_parse_grouping (void)
{
  assert_parse ("1,234", "CNY", 123400);
  assert_parse ("1,234,567.89", "CNY", 123456789);
  assert_parse ("12,345,678", "JPY", 12345678);
  assert_parse ("123,456.789", "KWD", 123456789);
  assert_parse_fails ("1,23", "CNY", "misplaced thousands separators");
  assert_parse_fails ("12,34.5", "CNY", "misplaced thousands separators");
  assert_parse_fails ("1234,567", "CNY", "misplaced thousands separators");
  assert_parse_fails ("1,2345", "CNY", "misplaced thousands separators");
  assert_parse_fails ("1,,234", "CNY", "misplaced thousands separators");
  assert_parse_fails ("1,234,", "CNY", "misplaced thousands separators");
  assert_parse_fails (",123", "CNY", "not an amount");
  assert_parse_fails ("1.234,56", "EUR", "not an amount");
  assert_parse_fails ("1,234.5,6", "CNY", "not an amount");
}

static void
test_parse_decimals (void)
{
  assert_parse_fails ("1.234", "CNY", "“1.234” has too many decimals; CNY amounts have at most 2");
  assert_parse_fails ("0.001", "USD", "USD amounts have at most 2");
  assert_parse_fails ("1.2345", "KWD", "KWD amounts have at most 3");
  assert_parse_fails ("1235.0", "JPY", "“1235.0” has decimals, but JPY amounts are whole numbers");
  assert_parse_fails ("5.", "CNY", "not an amount");
  assert_parse_fails (".5", "CNY", "not an amount");
  assert_parse_fails ("1.2.3", "CNY", "not an amount");
}

static void
test_parse_not_numbers (void)
{
  const char *bad[] = {
    "abc", "1e5", "1E5", "12 345", "¥12.50", "CNY 12.50", "12.50元", "0x10", "NaN", "inf",
    "１２３", "١٢٣", "12.5 0", "1_000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_parse_fails (bad[i], "CNY", "is not an amount");
  assert_parse_fails ("", "CNY", "No amount was given");
  assert_parse_fails ("   ", "CNY", "No amount was given");
  assert_parse_fails (NULL, "CNY", "No amount was given");
}

static void
test_parse_range (void)
{
  /* the whole range of gint64 magnitudes, and no further */
  assert_parse ("92,233,720,368,547,758.07", "CNY", G_MAXINT64);
  assert_parse ("-92233720368547758.07", "CNY", -G_MAXINT64);
  assert_parse ("9223372036854775807", "JPY", G_MAXINT64);
  assert_parse ("922337203685477.58", "CNY", G_MAXINT64 / 100);
  assert_parse ("922337203685477.59", "CNY", G_MAXINT64 / 100 + 1);
  assert_parse_fails ("92233720368547758.08", "CNY", "too large");
  assert_parse_fails ("-92233720368547758.08", "CNY", "too large");
  assert_parse_fails ("92233720368547759", "CNY", "too large");
  assert_parse_fails ("9223372036854775808", "JPY", "too large");
  assert_parse_fails ("9223372036854775.808", "KWD", "too large");
  assert_parse_fails ("18446744073709551617", "JPY", "too large");
  assert_parse_fails ("99999999999999999999999999999999999999999", "CNY", "too large");
}

static void
test_parse_whitespace (void)
{
  /* around the figure, as pasted from a spreadsheet; never inside it */
  assert_parse (" 12.50", "CNY", 1250);
  assert_parse ("12.50\n", "CNY", 1250);
  assert_parse ("\t-3 ", "CNY", -300);
  assert_parse_fails ("12. 50", "CNY", "not an amount");
  assert_parse_fails ("1, 234", "CNY", "not an amount");
  assert_parse_fails ("12\u00a0345", "CNY", "not an amount");
}

static void
test_parse_long_text (void)
{
  g_autofree char *text = g_strnfill (500, 'x');
  g_autoptr(GError) error = NULL;
  gint64 minor = 0;

  /* quoted back in a message a user can read: cut short, and valid UTF-8 */
  g_assert_false (pw_money_parse (text, "CNY", &minor, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_true (strstr (error->message, "…") != NULL);
  g_assert_cmpuint (strlen (error->message), <, 200);
  g_clear_error (&error);

  g_assert_false (pw_money_parse ("12\xff.50", "CNY", &minor, &error));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* ---- round trips ------------------------------------------------------------- */

static void
test_round_trip_random (void)
{
  const char *currencies[] = { "CNY", "USD", "JPY", "KRW", "KWD", "BHD", "CLF", "XYZ" };

  for (int i = 0; i < 5000; i++)
    {
      const char *currency = currencies[g_test_rand_int_range (0, G_N_ELEMENTS (currencies))];
      gint64 minor = random_amount ();
      g_autofree char *text = pw_money_format_amount (minor, currency);

      assert_parse (text, currency, minor);
    }
}

static void
test_round_trip_near_limits (void)
{
  const gint64 centres[] = { 0, G_MAXINT64 / 100, G_MAXINT64 / 1000, G_MAXINT64 - 1000 };

  for (guint c = 0; c < G_N_ELEMENTS (centres); c++)
    for (gint64 d = -1000; d <= 1000; d++)
      {
        gint64 minor = centres[c] + d;
        g_autofree char *cny = pw_money_format_amount (minor, "CNY");
        g_autofree char *negative = pw_money_format_amount (-minor, "CNY");
        g_autofree char *yen = pw_money_format_amount (minor, "JPY");

        assert_parse (cny, "CNY", minor);
        assert_parse (negative, "CNY", -minor);
        assert_parse (yen, "JPY", minor);
      }
}

static void
test_round_trip_styled (void)
{
  /* what the app shows, less its currency, reads back as the same amount */
  const char *currencies[] = { "CNY", "JPY", "KWD", "EUR" };

  for (int i = 0; i < 1000; i++)
    {
      const char *currency = currencies[i % G_N_ELEMENTS (currencies)];
      gint64 minor = random_amount ();
      g_autofree char *text = pw_money_format (minor < 0 ? -minor : minor, currency,
                                               PW_CURRENCY_CODE);

      g_assert_true (g_str_has_prefix (text, currency));
      g_assert_cmpint (text[3], ==, ' ');
      assert_parse (text + 4, currency, minor < 0 ? -minor : minor);
    }
}

static void
test_round_trip_small (void)
{
  /* every amount up to ¥100.00 and back, unformatted digits too */
  for (gint64 minor = 0; minor <= 10000; minor++)
    {
      g_autofree char *text = pw_money_format_amount (minor, "CNY");
      g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", minor / 100,
                                                (int) (minor % 100));

      assert_parse (text, "CNY", minor);
      assert_parse (plain, "CNY", minor);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/money/currency/minor-digits", test_minor_digits);
  g_test_add_func ("/money/currency/unknown-and-invalid", test_unknown_and_invalid_codes);
  g_test_add_func ("/money/currency/symbols", test_symbols);
  g_test_add_func ("/money/format/symbol", test_format_symbol);
  g_test_add_func ("/money/format/code", test_format_code);
  g_test_add_func ("/money/format/negative", test_format_negative);
  g_test_add_func ("/money/format/zero-and-three-digits", test_format_zero_and_three_digits);
  g_test_add_func ("/money/format/extremes", test_format_extremes);
  g_test_add_func ("/money/format/amount", test_format_amount);
  g_test_add_func ("/money/parse/good", test_parse_good);
  g_test_add_func ("/money/parse/signs", test_parse_signs);
  g_test_add_func ("/money/parse/grouping", test_parse_grouping);
  g_test_add_func ("/money/parse/decimals", test_parse_decimals);
  g_test_add_func ("/money/parse/not-numbers", test_parse_not_numbers);
  g_test_add_func ("/money/parse/range", test_parse_range);
  g_test_add_func ("/money/parse/whitespace", test_parse_whitespace);
  g_test_add_func ("/money/parse/long-text", test_parse_long_text);
  g_test_add_func ("/money/round-trip/random", test_round_trip_random);
  g_test_add_func ("/money/round-trip/near-limits", test_round_trip_near_limits);
  g_test_add_func ("/money/round-trip/styled", test_round_trip_styled);
  g_test_add_func ("/money/round-trip/small", test_round_trip_small);

  return g_test_run ();
}
