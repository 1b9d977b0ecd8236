/* pw-money.c — amounts of money: ISO 4217 currencies, display and strict parsing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. Amounts are gint64 minor units; no step here uses floating point, so
 *     formatting and parsing never round.
 *  2. pw_money_parse (pw_money_format_amount (x, c), c) == x for every x in
 *     [-G_MAXINT64, G_MAXINT64] and every currency c.
 *  3. A negative amount is led by U+2212 MINUS SIGN, which does not break from
 *     its figure and matches the width of "+"; the parser also takes "-".
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "pw-money.h"
#include "pw-text.h"

#define MINUS_SIGN "\u2212"
/* Longest user text quoted back in an error message. */

/* ISO 4217 currencies whose minor unit is not hundredths; every other code has 2. */
static const struct {
  const char *code;
  int         digits;
} minor_digits[] = {
  { "BIF", 0 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 }, { "ISK", 0 }, { "JPY", 0 },
  { "KMF", 0 }, { "KRW", 0 }, { "PYG", 0 }, { "RWF", 0 }, { "UGX", 0 }, { "UYI", 0 },
  { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 }, { "XOF", 0 }, { "XPF", 0 },
  { "BHD", 3 }, { "IQD", 3 }, { "JOD", 3 }, { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 },
  { "TND", 3 },
  { "CLF", 4 }, { "UYW", 4 },
};

/* Active ISO 4217 codes (List One of 1 January 2026), sorted for a binary
 * search: national currencies and funds. Withdrawn codes (HRK, BGN, ANG, SLL,
 * ZWL…) and the X codes that are not money a lease is paid in (gold, bond-market
 * units, XDR, XTS, XXX) are left out. */
static const char *const known_codes[] = {
  "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BHD", "BIF",
  "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF",
  "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
  "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
  "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES",
  "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
  "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR",
  "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN",
  "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
  "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
  "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND", "VUV",
  "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
};

/* Signs in common use; a dollar other than the US one carries its country's
 * letters, so that a mixed list stays unambiguous. */
static const struct {
  const char *code;
  const char *symbol;
} symbols[] = {
  { "CNY", "¥" }, { "JPY", "¥" }, { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" },
  { "HKD", "HK$" }, { "MOP", "MOP$" }, { "TWD", "NT$" }, { "SGD", "S$" }, { "AUD", "A$" },
  { "NZD", "NZ$" }, { "CAD", "CA$" }, { "KRW", "₩" }, { "INR", "₹" }, { "THB", "฿" },
  { "VND", "₫" }, { "PHP", "₱" }, { "ILS", "₪" }, { "TRY", "₺" }, { "RUB", "₽" },
  { "UAH", "₴" }, { "NGN", "₦" }, { "MYR", "RM" },
};

gboolean
pw_currency_is_valid (const char *code)
{
  return code != NULL && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1])
         && g_ascii_isupper (code[2]) && code[3] == '\0';
}

static int
compare_code (const void *key, const void *member)
{
  return strcmp (key, *(const char *const *) member);
}

gboolean
pw_currency_is_known (const char *code)
{
  return pw_currency_is_valid (code)
         && bsearch (code, known_codes, G_N_ELEMENTS (known_codes), sizeof known_codes[0],
                     compare_code) != NULL;
}

int
pw_currency_minor_digits (const char *code)
{
  if (!pw_currency_is_valid (code))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (minor_digits); i++)
    if (strcmp (minor_digits[i].code, code) == 0)
      return minor_digits[i].digits;
  return 2;
}

const char *
pw_currency_symbol (const char *code)
{
  if (!pw_currency_is_valid (code))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    if (strcmp (symbols[i].code, code) == 0)
      return symbols[i].symbol;
  return NULL;
}

/* ---- formatting -------------------------------------------------------------- */

/* The magnitude of @minor, G_MININT64 included. */
static guint64
magnitude_of (gint64 minor)
{
  return minor < 0 ? (guint64) -(minor + 1) + 1 : (guint64) minor;
}

/* "1,234,567.89" for @magnitude minor units with @decimals digits after the dot. */
static void
append_figure (GString *out, guint64 magnitude, int decimals)
{
  char digits[32];
  int n = 0;
  int whole;

  do
    {
      digits[n++] = (char) ('0' + (int) (magnitude % 10));
      magnitude /= 10;
    }
  while (magnitude > 0);
  /* at least one whole digit before the decimals: 5 fen is 0.05 */
  while (n < decimals + 1)
    digits[n++] = '0';

  whole = n - decimals;
  for (int i = 0; i < whole; i++)
    {
      int left = whole - i;

      g_string_append_c (out, digits[n - 1 - i]);
      if (left > 1 && (left - 1) % 3 == 0)
        g_string_append_c (out, ',');
    }
  if (decimals > 0)
    {
      g_string_append_c (out, '.');
      for (int i = decimals - 1; i >= 0; i--)
        g_string_append_c (out, digits[i]);
    }
}

char *
pw_money_format_amount (gint64 minor, const char *currency)
{
  int decimals = pw_currency_minor_digits (currency);
  GString *out;

  g_return_val_if_fail (decimals >= 0, NULL);

  out = g_string_new (NULL);
  if (minor < 0)
    g_string_append (out, MINUS_SIGN);
  append_figure (out, magnitude_of (minor), decimals);
  return g_string_free (out, FALSE);
}

char *
pw_money_format (gint64 minor, const char *currency, PwCurrencyStyle style)
{
  int decimals = pw_currency_minor_digits (currency);
  const char *symbol = pw_currency_symbol (currency);
  GString *out;

  g_return_val_if_fail (decimals >= 0, NULL);
  g_return_val_if_fail (style == PW_CURRENCY_SYMBOL || style == PW_CURRENCY_CODE, NULL);

  out = g_string_new (NULL);
  if (minor < 0)
    g_string_append (out, MINUS_SIGN);
  if (style == PW_CURRENCY_SYMBOL && symbol != NULL)
    g_string_append (out, symbol);
  else
    {
      g_string_append (out, currency);
      g_string_append_c (out, ' ');
    }
  append_figure (out, magnitude_of (minor), decimals);
  return g_string_free (out, FALSE);
}

/* ---- parsing ----------------------------------------------------------------- */

typedef enum {
  MONEY_OK,
  MONEY_EMPTY,
  MONEY_NOT_A_NUMBER,
  MONEY_GROUPING,
  MONEY_TOO_MANY_DECIMALS,
  MONEY_TOO_LARGE,
} MoneyParse;

/* Whether the whole digits [start, end) are plain, or grouped by three with commas. */
static gboolean
grouping_is_valid (const char *start, const char *end)
{
  const char *comma = memchr (start, ',', end - start);
  const char *p;

  if (comma == NULL)
    return TRUE;
  if (comma - start < 1 || comma - start > 3)
    return FALSE;
  for (p = comma; p < end; p += 4)
    if (*p != ',' || end - p < 4 || memchr (p + 1, ',', 3) != NULL)
      return FALSE;
  return TRUE;
}

/* magnitude × 10 + digit, or FALSE when that passes G_MAXINT64. */
static gboolean
push_digit (guint64 *magnitude, int digit)
{
  if (*magnitude > ((guint64) G_MAXINT64 - (guint64) digit) / 10)
    return FALSE;
  *magnitude = *magnitude * 10 + (guint64) digit;
  return TRUE;
}

static MoneyParse
parse_money (const char *s, int decimals, gint64 *minor)
{
  gboolean negative = FALSE;
  const char *p = s;
  const char *whole_start, *whole_end;
  const char *fraction = NULL;
  int n_fraction = 0;
  guint64 magnitude = 0;

  if (*p == '\0')
    return MONEY_EMPTY;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  else if (g_str_has_prefix (p, MINUS_SIGN))
    {
      negative = TRUE;
      p += strlen (MINUS_SIGN);
    }

  /* the shape: digits (commas among them), then a dot and at least one digit */
  whole_start = p;
  if (!g_ascii_isdigit (*p))
    return MONEY_NOT_A_NUMBER;
  while (g_ascii_isdigit (*p) || *p == ',')
    p++;
  whole_end = p;
  if (*p == '.')
    {
      fraction = ++p;
      while (g_ascii_isdigit (*p))
        p++;
      n_fraction = (int) (p - fraction);
      if (n_fraction == 0)
        return MONEY_NOT_A_NUMBER;
    }
  if (*p != '\0')
    return MONEY_NOT_A_NUMBER;

  if (!grouping_is_valid (whole_start, whole_end))
    return MONEY_GROUPING;
  if (n_fraction > decimals)
    return MONEY_TOO_MANY_DECIMALS;

  for (p = whole_start; p < whole_end; p++)
    if (*p != ',' && !push_digit (&magnitude, *p - '0'))
      return MONEY_TOO_LARGE;
  for (int i = 0; i < decimals; i++)
    if (!push_digit (&magnitude, i < n_fraction ? fraction[i] - '0' : 0))
      return MONEY_TOO_LARGE;

  *minor = negative ? -(gint64) magnitude : (gint64) magnitude;
  return MONEY_OK;
}

gboolean
pw_money_parse (const char  *text,
                const char  *currency,
                gint64      *minor,
                GError     **error)
{
  int decimals = pw_currency_minor_digits (currency);
  g_autofree char *stripped = NULL;
  g_autofree char *quoted = NULL;
  MoneyParse result;

  g_return_val_if_fail (decimals >= 0, FALSE);
  g_return_val_if_fail (minor != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  result = parse_money (stripped, decimals, minor);
  if (result == MONEY_OK)
    return TRUE;

  quoted = pw_text_quote (stripped);
  switch (result)
    {
    case MONEY_EMPTY:
      g_set_error_literal (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                           _("No amount was given"));
      break;
    case MONEY_GROUPING:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   /* Translators: %s is the text typed for an amount of money */
                   _("“%s” has misplaced thousands separators; put a comma between groups "
                     "of three digits, as in 1,234,567.89, or leave them out"), quoted);
      break;
    case MONEY_TOO_MANY_DECIMALS:
      if (decimals == 0)
        g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                     /* Translators: the text typed, then a currency code such as JPY */
                     _("“%s” has decimals, but %s amounts are whole numbers"), quoted, currency);
      else
        g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                     /* Translators: the text typed, a currency code such as CNY, then
                      * how many decimals it allows (2 or more) */
                     _("“%s” has too many decimals; %s amounts have at most %d"),
                     quoted, currency, decimals);
      break;
    case MONEY_TOO_LARGE:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   /* Translators: %s is the text typed for an amount of money */
                   _("“%s” is too large for an amount of money"), quoted);
      break;
    case MONEY_NOT_A_NUMBER:
    case MONEY_OK:
    default:
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                   /* Translators: %s is the text typed for an amount of money */
                   _("“%s” is not an amount; write digits with a dot for decimals, such as "
                     "1234.50, without a currency sign"), quoted);
      break;
    }
  return FALSE;
}
