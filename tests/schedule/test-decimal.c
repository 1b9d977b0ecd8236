/* test-decimal.c — exact decimals: parsing, formatting, arithmetic, rounding
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>

#include "pw-decimal.h"

static PwDecimal
dec (const char *text)
{
  PwDecimal d;
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_decimal_parse (text, &d, &error));
  g_assert_no_error (error);
  return d;
}

static void
assert_dec (PwDecimal d, const char *expected)
{
  g_autofree char *text = pw_decimal_to_string (d);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_parse_format (void)
{
  const char *round_trip[] = { "0", "3.2000", "-0.50", "12", "523.45", "-1234567890.1234567890",
                               "0.000000000000000000000000000001" };
  const char *bad[] = { "", "-", ".5", "5.", "1e3", "+1", " 1", "1,000", "1.2.3", "abc",
                        "0.0000000000000000000000000000001", "1234567890123456789012345678901234567" };

  for (guint i = 0; i < G_N_ELEMENTS (round_trip); i++)
    assert_dec (dec (round_trip[i]), round_trip[i]);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      PwDecimal d;

      g_assert_false (pw_decimal_parse (bad[i], &d, &error));
      g_assert_error (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_PARSE);
    }
  assert_dec (pw_decimal_normalize (dec ("3.2000")), "3.2");
  assert_dec (pw_decimal_from_int (52345, 2), "523.45");
}

static void
test_arithmetic (void)
{
  PwDecimal r;

  /* 523.45 × 3.2000 = 1675.04 (exact, scales add after trailing zeros go) */
  g_assert_true (pw_decimal_mul (dec ("523.45"), dec ("3.2000"), &r, NULL));
  assert_dec (r, "1675.040");
  g_assert_true (pw_decimal_add (dec ("0.1"), dec ("0.2"), &r, NULL));
  assert_dec (r, "0.3");
  g_assert_true (pw_decimal_sub (dec ("1"), dec ("1.005"), &r, NULL));
  assert_dec (r, "-0.005");
  /* 1675.04 × 365 ÷ 12 = 50949.13333… */
  g_assert_true (pw_decimal_mul (dec ("1675.04"), dec ("365"), &r, NULL));
  g_assert_true (pw_decimal_div (r, dec ("12"), 4, PW_ROUND_HALF_UP, &r, NULL));
  assert_dec (r, "50949.1333");
  g_assert_cmpint (pw_decimal_cmp (dec ("3.20"), dec ("3.2")), ==, 0);
  g_assert_cmpint (pw_decimal_cmp (dec ("-3.21"), dec ("-3.2")), ==, -1);
  g_assert_cmpint (pw_decimal_cmp (dec ("100000000000000000000000000000000000"), dec ("0.5")), ==, 1);
}

static void
test_rounding_modes (void)
{
  struct { const char *in; PwRounding mode; const char *out; } cases[] = {
    { "2.5", PW_ROUND_HALF_UP, "3" }, { "-2.5", PW_ROUND_HALF_UP, "-3" },
    { "2.5", PW_ROUND_HALF_EVEN, "2" }, { "3.5", PW_ROUND_HALF_EVEN, "4" },
    { "-2.5", PW_ROUND_HALF_EVEN, "-2" }, { "2.51", PW_ROUND_HALF_EVEN, "3" },
    { "2.9", PW_ROUND_DOWN, "2" }, { "-2.9", PW_ROUND_DOWN, "-2" },
    { "2.1", PW_ROUND_UP, "3" }, { "-2.1", PW_ROUND_UP, "-3" },
    { "2.0", PW_ROUND_UP, "2" }, { "2.49", PW_ROUND_HALF_UP, "2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PwDecimal r;
      g_assert_true (pw_decimal_rescale (dec (cases[i].in), 0, cases[i].mode, &r, NULL));
      assert_dec (r, cases[i].out);
    }
  /* 9125 ÷ 1.09 to cents: 8371.5596… → 8371.56 */
  {
    PwDecimal r;
    gint64 minor;
    g_assert_true (pw_decimal_div (dec ("9125"), dec ("1.09"), 2, PW_ROUND_HALF_UP, &r, NULL));
    g_assert_true (pw_decimal_to_minor (r, 2, PW_ROUND_HALF_UP, &minor, NULL));
    g_assert_cmpint (minor, ==, 837156);
  }
}

static void
test_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) overflow = NULL;
  g_autoptr(GError) big = NULL;
  PwDecimal r;
  gint64 minor;

  g_assert_false (pw_decimal_div (dec ("1"), dec ("0.00"), 2, PW_ROUND_HALF_UP, &r, &error));
  g_assert_error (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_DIVISION);
  g_assert_false (pw_decimal_mul (dec ("10000000000000000000000"), dec ("10000000000000000000"),
                                  &r, &overflow));
  g_assert_error (overflow, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_OVERFLOW);
  g_assert_false (pw_decimal_to_minor (dec ("100000000000000000000"), 2, PW_ROUND_HALF_UP, &minor,
                                       &big));
  g_assert_error (big, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_OVERFLOW);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/decimal/parse-format", test_parse_format);
  g_test_add_func ("/decimal/arithmetic", test_arithmetic);
  g_test_add_func ("/decimal/rounding-modes", test_rounding_modes);
  g_test_add_func ("/decimal/errors", test_errors);
  return g_test_run ();
}
