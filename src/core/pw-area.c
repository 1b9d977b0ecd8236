/* pw-area.c — recorded areas: apportionment, exact ratios, parsing and display
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apportionment of a common-area pool (docs/billing-rules.md rule 2; docs/areas.md, "Pools and shares"). Invariants:
 *  1. share_i = floor (pool × internal_i ÷ Σinternal) + (0 or 1); the exact product and
 *     remainder are kept in 128-bit integers, so no share depends on floating point.
 *  2. Σshare_i == pool exactly: the hundredths lost to flooring (always fewer than the
 *     number of units with a remainder) go one each to the largest remainders.
 *  3. Equal remainders are broken by the lower index, so the result does not depend on
 *     the sort algorithm, the machine, or anything but the order the caller passes.
 *  4. A unit with internal area 0 has remainder 0 and therefore never receives a
 *     leftover hundredth: the remainders sum to leftover × Σinternal with each below
 *     Σinternal, so more than `leftover` units have a positive remainder.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-area.h"
#include "pw-text.h"

#ifndef __SIZEOF_INT128__
#error "Parkwise needs a compiler with 128-bit integers for exact area arithmetic"
#endif

typedef __int128 PwInt128;
typedef unsigned __int128 PwUInt128;

/* 10^decimals for the ratio helpers; 18 keeps |num| × 10^18 inside 128 bits. */
#define MAX_RATIO_DECIMALS 18

/* Exact conversion: 1 m² = 10.76391041671 ft² = 1076391041671 / 10^11. */
#define FT2_PER_M2_NUM ((PwInt128) G_GINT64_CONSTANT (1076391041671))
#define FT2_PER_M2_DEN ((PwInt128) G_GINT64_CONSTANT (100000000000))

typedef struct
{
  const PwUInt128 *remainders;
} RemainderOrder;

static int
compare_remainders (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const RemainderOrder *order = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  PwUInt128 ra = order->remainders[ia];
  PwUInt128 rb = order->remainders[ib];

  if (ra != rb)
    return ra > rb ? -1 : 1;
  return ia < ib ? -1 : (ia > ib ? 1 : 0);
}

gboolean
pw_apportion (gint64        pool,
              const gint64 *internal,
              guint         n,
              gint64       *shares,
              GError      **error)
{
  PwUInt128 total = 0;
  PwInt128 handed_out = 0;
  gint64 leftover;
  g_autofree PwUInt128 *remainders = NULL;
  g_autofree gint64 *result = NULL;
  g_autofree guint *order = NULL;
  RemainderOrder cmp_data;

  g_return_val_if_fail (n == 0 || internal != NULL, FALSE);
  g_return_val_if_fail (n == 0 || shares != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (pool < 0)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("The common area to apportion cannot be negative"));
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      if (internal[i] < 0)
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                       _("Unit %u has a negative internal area"), i + 1);
          return FALSE;
        }
      total += (PwUInt128) internal[i];
    }

  if (pool == 0)
    {
      for (guint i = 0; i < n; i++)
        shares[i] = 0;
      return TRUE;
    }

  if (total == 0)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_NO_INTERNAL_AREA,
                   _("The common area cannot be apportioned: none of the units sharing it "
                     "has an internal area"));
      return FALSE;
    }

  /* Work on a copy so that shares is untouched when we fail. */
  remainders = g_new (PwUInt128, n);
  result = g_new (gint64, n);
  order = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      /* pool and internal_i are below 2^63, so the product is below 2^126. */
      PwUInt128 exact = (PwUInt128) pool * (PwUInt128) internal[i];

      result[i] = (gint64) (exact / total);
      remainders[i] = exact % total;
      handed_out += result[i];
      order[i] = i;
    }

  leftover = (gint64) ((PwInt128) pool - handed_out);
  g_assert (leftover >= 0 && (guint64) leftover < (guint64) n);

  cmp_data.remainders = remainders;
  g_qsort_with_data (order, n, sizeof (guint), compare_remainders, &cmp_data);

  for (gint64 k = 0; k < leftover; k++)
    {
      g_assert (remainders[order[k]] > 0);
      result[order[k]] += 1;
    }

  memcpy (shares, result, sizeof (gint64) * n);
  return TRUE;
}

static PwUInt128
pow10_u128 (guint exponent)
{
  PwUInt128 value = 1;

  for (guint i = 0; i < exponent; i++)
    value *= 10;
  return value;
}

/* |num| ÷ |den| × 10^decimals rounded half-up (away from zero); sign returned apart. */
static PwUInt128
scale_ratio (gint64    num,
             gint64    den,
             guint     decimals,
             gboolean *negative)
{
  PwUInt128 abs_num = num < 0 ? (PwUInt128) (-(PwInt128) num) : (PwUInt128) num;
  PwUInt128 abs_den = den < 0 ? (PwUInt128) (-(PwInt128) den) : (PwUInt128) den;
  PwUInt128 scaled = abs_num * pow10_u128 (decimals);
  PwUInt128 quotient = scaled / abs_den;
  PwUInt128 remainder = scaled % abs_den;

  if (remainder >= abs_den - remainder)
    quotient += 1;

  *negative = quotient != 0 && ((num < 0) != (den < 0));
  return quotient;
}

/**
 * pw_ratio_scaled:
 *
 * Returns num ÷ den × 10^decimals rounded half-up (halves away from zero), for machine
 * use such as JSON. Results beyond the gint64 range saturate. @den must not be 0 and
 * @decimals must be at most 18.
 */
gint64
pw_ratio_scaled (gint64 num,
                 gint64 den,
                 guint  decimals)
{
  gboolean negative;
  PwUInt128 magnitude;

  g_return_val_if_fail (den != 0, 0);
  g_return_val_if_fail (decimals <= MAX_RATIO_DECIMALS, 0);

  magnitude = scale_ratio (num, den, decimals, &negative);
  if (negative)
    return magnitude > (PwUInt128) G_MAXINT64 + 1 ? G_MININT64 : (gint64) -(PwInt128) magnitude;
  return magnitude > (PwUInt128) G_MAXINT64 ? G_MAXINT64 : (gint64) magnitude;
}

/**
 * pw_ratio_format:
 *
 * Returns the exact decimal of num ÷ den rounded half-up to @decimals places
 * ("0.250000" for K), or %NULL when @den is 0. @decimals must be at most 18.
 */
char *
pw_ratio_format (gint64 num,
                 gint64 den,
                 guint  decimals)
{
  gboolean negative;
  PwUInt128 magnitude;
  PwUInt128 unit;
  guint64 whole;
  guint64 fraction;

  if (den == 0)
    return NULL;
  g_return_val_if_fail (decimals <= MAX_RATIO_DECIMALS, NULL);

  magnitude = scale_ratio (num, den, decimals, &negative);
  unit = pow10_u128 (decimals);
  /* |num| ≤ 2^63, so the whole part fits in 64 bits; the fraction is below 10^18. */
  whole = (guint64) (magnitude / unit);
  fraction = (guint64) (magnitude % unit);

  if (decimals == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, negative ? "-" : "", whole);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          negative ? "-" : "", whole, (int) decimals, fraction);
}

/**
 * pw_area_centi_m2_to_centi_ft2:
 *
 * Converts hundredths of a m² to hundredths of a ft² exactly, rounded half-up (halves
 * away from zero). Results beyond the gint64 range saturate.
 */
gint64
pw_area_centi_m2_to_centi_ft2 (gint64 centi_m2)
{
  PwInt128 product = (PwInt128) centi_m2 * FT2_PER_M2_NUM;
  PwInt128 magnitude = product < 0 ? -product : product;
  PwInt128 rounded = (magnitude + FT2_PER_M2_DEN / 2) / FT2_PER_M2_DEN;

  if (rounded > G_MAXINT64)
    return centi_m2 < 0 ? G_MININT64 : G_MAXINT64;
  return product < 0 ? (gint64) -rounded : (gint64) rounded;
}

/* Hundredths as "-1,234.56": comma groups and a dot whatever the locale, so figures
 * look the same in the app, exports and tests. */
static char *
format_hundredths (PwInt128 value)
{
  PwUInt128 magnitude = value < 0 ? (PwUInt128) -value : (PwUInt128) value;
  char digits[48];
  guint n_digits = 0;
  guint whole_digits;
  GString *out = g_string_new (NULL);

  do
    {
      digits[n_digits++] = (char) ('0' + (int) (magnitude % 10));
      magnitude /= 10;
    }
  while (magnitude > 0);

  /* Always at least one whole digit before the two decimals. */
  while (n_digits < 3)
    digits[n_digits++] = '0';

  if (value < 0)
    g_string_append_c (out, '-');

  whole_digits = n_digits - 2;
  for (guint i = 0; i < whole_digits; i++)
    {
      guint left = whole_digits - i;

      g_string_append_c (out, digits[n_digits - 1 - i]);
      if (left > 1 && (left - 1) % 3 == 0)
        g_string_append_c (out, ',');
    }
  g_string_append_c (out, '.');
  g_string_append_c (out, digits[1]);
  g_string_append_c (out, digits[0]);

  return g_string_free (out, FALSE);
}

/**
 * pw_area_format:
 *
 * Formats an area as "1,234.56", in m² or, when @square_feet is set, converted
 * exactly to ft² and rounded half-up to 0.01 ft².
 */
char *
pw_area_format (gint64   centi_m2,
                gboolean square_feet)
{
  if (square_feet)
    return format_hundredths (pw_area_centi_m2_to_centi_ft2 (centi_m2));
  return format_hundredths (centi_m2);
}

char *
pw_area_format_with_unit (gint64   centi_m2,
                          gboolean square_feet)
{
  g_autofree char *number = pw_area_format (centi_m2, square_feet);

  if (square_feet)
    /* Translators: an area in square feet; %s is a number such as 1,076.39 */
    return g_strdup_printf (_("%s ft²"), number);
  /* Translators: an area in square metres; %s is a number such as 1,234.56 */
  return g_strdup_printf (_("%s m²"), number);
}

static gboolean
is_plain_number (const char *s)
{
  const char *p = s;

  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  return *p == '\0';
}

typedef enum {
  PARSE_OK,
  PARSE_EMPTY,
  PARSE_NEGATIVE,
  PARSE_SIGNED,
  PARSE_COMMA,
  PARSE_NOT_A_NUMBER,
  PARSE_TOO_MANY_DECIMALS,
  PARSE_TOO_LARGE,
} ParseResult;

static ParseResult
parse_area (const char *s,
            gint64     *centi_m2)
{
  const char *dot;
  const char *p;
  gsize n_decimals = 0;
  gint64 whole = 0;
  gint64 hundredths = 0;

  if (*s == '\0')
    return PARSE_EMPTY;
  if (s[0] == '-' && is_plain_number (s + 1))
    return PARSE_NEGATIVE;
  if (s[0] == '+' && is_plain_number (s + 1))
    return PARSE_SIGNED;
  if (!is_plain_number (s))
    return strchr (s, ',') != NULL ? PARSE_COMMA : PARSE_NOT_A_NUMBER;

  dot = strchr (s, '.');
  if (dot != NULL)
    n_decimals = strlen (dot + 1);
  if (n_decimals > 2)
    return PARSE_TOO_MANY_DECIMALS;

  for (p = s; g_ascii_isdigit (*p); p++)
    {
      whole = whole * 10 + (*p - '0');
      /* Stop early so that a long run of digits cannot overflow. */
      if (whole > PW_AREA_MAX_CENTI / 100)
        return PARSE_TOO_LARGE;
    }
  if (dot != NULL)
    {
      hundredths = (dot[1] - '0') * 10;
      if (n_decimals == 2)
        hundredths += dot[2] - '0';
    }
  if (whole * 100 + hundredths > PW_AREA_MAX_CENTI)
    return PARSE_TOO_LARGE;

  *centi_m2 = whole * 100 + hundredths;
  return PARSE_OK;
}

/**
 * pw_area_parse:
 *
 * Parses an area typed in m² ("86.4", " 1200.50 ") into centi-m². Strict on purpose:
 * no sign, exponent or thousands separator, at most two decimals and at most 10^12 m²,
 * because a silently misread area becomes a wrong bill. Fails with
 * %PW_LEDGER_ERROR_INVALID_FIELD saying what is wrong; @centi_m2 is then untouched.
 */
gboolean
pw_area_parse (const char *text,
               gint64     *centi_m2,
               GError    **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *quoted = NULL;
  ParseResult result;

  g_return_val_if_fail (centi_m2 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  result = parse_area (stripped, centi_m2);
  if (result == PARSE_OK)
    return TRUE;

  quoted = pw_text_quote (stripped);
  switch (result)
    {
    case PARSE_EMPTY:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("No area was given"));
      break;
    case PARSE_NEGATIVE:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("“%s” is negative"), quoted);
      break;
    case PARSE_SIGNED:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("“%s” has a sign; write the area without one"), quoted);
      break;
    case PARSE_COMMA:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("“%s” contains a comma; write the area with a dot for decimals "
                     "and no thousands separators"), quoted);
      break;
    case PARSE_TOO_MANY_DECIMALS:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("“%s” has more than two decimals"), quoted);
      break;
    case PARSE_TOO_LARGE:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("“%s” is too large; an area can be at most 1,000,000,000,000 m²"),
                   quoted);
      break;
    case PARSE_NOT_A_NUMBER:
    case PARSE_OK:
    default:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   _("“%s” is not a number"), quoted);
      break;
    }
  return FALSE;
}
