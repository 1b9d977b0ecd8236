/* pw-decimal.c — exact decimal numbers for unit prices, rates and factors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. A value is m × 10^−scale with 0 ≤ scale ≤ PW_DECIMAL_MAX_SCALE and
 *     |m| ≤ INT128_MAX (never INT128_MIN, so negation is always safe).
 *  2. add, sub and mul are exact or fail; only div, rescale and to_minor
 *     round, by the mode the caller names.
 *  3. pw_decimal_parse (pw_decimal_to_string (d)) gives d back, scale included.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-decimal.h"

__extension__ typedef __int128 i128;

#define I128_MAX ((i128) (((unsigned __int128) 1 << 127) - 1))

G_DEFINE_QUARK (pw-decimal-error-quark, pw_decimal_error)

static i128
pow10_i128 (int n)
{
  i128 p = 1;

  g_assert (n >= 0 && n <= 38);
  while (n-- > 0)
    p *= 10;
  return p;
}

static gboolean
set_overflow (GError **error)
{
  g_set_error_literal (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_OVERFLOW,
                       _("The number is too large to compute with exactly"));
  return FALSE;
}

/* m × 10^n, or FALSE on overflow */
static gboolean
scale_up (i128 m, int n, i128 *out)
{
  if (n > 38)
    {
      if (m != 0)
        return FALSE;
      *out = 0;
      return TRUE;
    }
  if (__builtin_mul_overflow (m, pow10_i128 (n), out) || *out == -I128_MAX - 1)
    return FALSE;
  return TRUE;
}

/* num ÷ den rounded by @mode; den ≠ 0 */
static i128
divide_round (i128 num, i128 den, PwRounding mode)
{
  i128 q = num / den;
  i128 r = num % den;
  i128 ar, ad;
  gboolean negative;

  if (r == 0)
    return q;
  negative = (num < 0) != (den < 0);
  ar = r < 0 ? -r : r;
  ad = den < 0 ? -den : den;
  switch (mode)
    {
    case PW_ROUND_DOWN:
      return q;
    case PW_ROUND_UP:
      return negative ? q - 1 : q + 1;
    case PW_ROUND_HALF_UP:
      if (ar >= ad - ar)
        return negative ? q - 1 : q + 1;
      return q;
    case PW_ROUND_HALF_EVEN:
      if (ar > ad - ar || (ar == ad - ar && (q % 2 != 0)))
        return negative ? q - 1 : q + 1;
      return q;
    default:
      g_assert_not_reached ();
    }
}

PwDecimal
pw_decimal_from_int (gint64 value, int scale)
{
  PwDecimal d = { value, scale };

  g_return_val_if_fail (scale >= 0 && scale <= PW_DECIMAL_MAX_SCALE, d);
  return d;
}

gboolean
pw_decimal_parse (const char *text, PwDecimal *out, GError **error)
{
  const char *p = text;
  gboolean negative = FALSE;
  guint n_int = 0, n_frac = 0;
  i128 m = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    goto bad;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (; g_ascii_isdigit (*p); p++, n_int++)
    {
      /* 36 digits stay far inside 128 bits; more is refused before it overflows */
      if (n_int >= 36)
        goto bad;
      m = m * 10 + (*p - '0');
    }
  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++, n_frac++)
        {
          if (n_frac >= PW_DECIMAL_MAX_SCALE || n_int + n_frac >= 36)
            goto bad;
          m = m * 10 + (*p - '0');
        }
      if (n_frac == 0)
        goto bad;
    }
  if (*p != '\0' || n_int == 0 || n_int + n_frac > 36)
    goto bad;
  out->m = negative ? -m : m;
  out->scale = (int) n_frac;
  return TRUE;

bad:
  /* Translators: %s is what was given where a number like 3.2000 was expected */
  g_set_error (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_PARSE,
               _("“%.40s” is not a decimal number like 3.2000"), text ? text : "");
  return FALSE;
}

char *
pw_decimal_to_string (PwDecimal d)
{
  char digits[64];
  int n = 0;
  GString *s = g_string_new (NULL);
  i128 m = d.m < 0 ? -d.m : d.m;

  do
    {
      digits[n++] = (char) ('0' + (int) (m % 10));
      m /= 10;
    }
  while (m > 0);
  while (n <= d.scale)
    digits[n++] = '0';
  if (d.m < 0)
    g_string_append_c (s, '-');
  for (int i = n - 1; i >= 0; i--)
    {
      g_string_append_c (s, digits[i]);
      if (i == d.scale && i > 0)
        g_string_append_c (s, '.');
    }
  return g_string_free (s, FALSE);
}

PwDecimal
pw_decimal_normalize (PwDecimal d)
{
  while (d.scale > 0 && d.m % 10 == 0)
    {
      d.m /= 10;
      d.scale--;
    }
  return d;
}

/* both at the larger scale */
static gboolean
align (PwDecimal *a, PwDecimal *b)
{
  if (a->scale < b->scale)
    {
      if (!scale_up (a->m, b->scale - a->scale, &a->m))
        return FALSE;
      a->scale = b->scale;
    }
  else if (b->scale < a->scale)
    {
      if (!scale_up (b->m, a->scale - b->scale, &b->m))
        return FALSE;
      b->scale = a->scale;
    }
  return TRUE;
}

gboolean
pw_decimal_add (PwDecimal a, PwDecimal b, PwDecimal *out, GError **error)
{
  i128 sum;

  if (!align (&a, &b) || __builtin_add_overflow (a.m, b.m, &sum) || sum == -I128_MAX - 1)
    return set_overflow (error);
  out->m = sum;
  out->scale = a.scale;
  return TRUE;
}

gboolean
pw_decimal_sub (PwDecimal a, PwDecimal b, PwDecimal *out, GError **error)
{
  return pw_decimal_add (a, pw_decimal_negate (b), out, error);
}

gboolean
pw_decimal_mul (PwDecimal a, PwDecimal b, PwDecimal *out, GError **error)
{
  i128 product;
  int scale;

  a = pw_decimal_normalize (a);
  b = pw_decimal_normalize (b);
  scale = a.scale + b.scale;
  if (scale > PW_DECIMAL_MAX_SCALE || __builtin_mul_overflow (a.m, b.m, &product)
      || product == -I128_MAX - 1)
    return set_overflow (error);
  out->m = product;
  out->scale = scale;
  return TRUE;
}

gboolean
pw_decimal_div (PwDecimal   a,
                PwDecimal   b,
                int         scale,
                PwRounding  mode,
                PwDecimal  *out,
                GError    **error)
{
  /* a.m/10^as ÷ b.m/10^bs at scale s: a.m × 10^(bs+s) ÷ (b.m × 10^as) */
  int e = b.scale + scale - a.scale;
  i128 num = a.m, den = b.m;

  g_return_val_if_fail (scale >= 0 && scale <= PW_DECIMAL_MAX_SCALE, FALSE);
  if (b.m == 0)
    {
      g_set_error_literal (error, PW_DECIMAL_ERROR, PW_DECIMAL_ERROR_DIVISION,
                           _("Division by zero"));
      return FALSE;
    }
  if (e >= 0 ? !scale_up (num, e, &num) : !scale_up (den, -e, &den))
    return set_overflow (error);
  out->m = divide_round (num, den, mode);
  out->scale = scale;
  return TRUE;
}

gboolean
pw_decimal_rescale (PwDecimal a, int scale, PwRounding mode, PwDecimal *out, GError **error)
{
  return pw_decimal_div (a, pw_decimal_from_int (1, 0), scale, mode, out, error);
}

gboolean
pw_decimal_to_minor (PwDecimal a, int digits, PwRounding mode, gint64 *out, GError **error)
{
  PwDecimal r;

  if (!pw_decimal_rescale (a, digits, mode, &r, error))
    return FALSE;
  if (r.m > G_MAXINT64 || r.m < -G_MAXINT64)
    return set_overflow (error);
  *out = (gint64) r.m;
  return TRUE;
}

int
pw_decimal_sign (PwDecimal a)
{
  return a.m < 0 ? -1 : a.m > 0 ? 1 : 0;
}

PwDecimal
pw_decimal_negate (PwDecimal a)
{
  a.m = -a.m;
  return a;
}

int
pw_decimal_cmp (PwDecimal a, PwDecimal b)
{
  PwDecimal x = a, y = b;

  if (!align (&x, &y))
    {
      /* the one with the smaller scale overflowed when scaled: it is the larger in magnitude */
      if (a.scale < b.scale)
        return pw_decimal_sign (a);
      return -pw_decimal_sign (b);
    }
  return x.m < y.m ? -1 : x.m > y.m ? 1 : 0;
}
