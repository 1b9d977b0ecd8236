/* pw-decimal.h — exact decimal numbers for unit prices, rates and factors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PwDecimal is a signed 128-bit mantissa m and a scale s, worth m × 10^−s.
 * Nothing here uses floating point. Every operation that could overflow or
 * lose digits says so with a GError instead of returning a wrong figure;
 * rounding only happens where the caller names a mode. Money itself stays a
 * gint64 of minor units (pw-money.h); decimals are what multiplies it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_DECIMAL_ERROR (pw_decimal_error_quark ())

typedef enum {
  PW_DECIMAL_ERROR_PARSE,     /* the text is not a plain decimal number */
  PW_DECIMAL_ERROR_OVERFLOW,  /* the result does not fit */
  PW_DECIMAL_ERROR_DIVISION,  /* division by zero */
} PwDecimalError;

/* Most fractional digits a decimal keeps. */
#define PW_DECIMAL_MAX_SCALE 30

typedef enum {
  PW_ROUND_HALF_UP,    /* ties away from zero: 2.5 → 3, −2.5 → −3 */
  PW_ROUND_HALF_EVEN,  /* ties to the even neighbour: 2.5 → 2, 3.5 → 4 */
  PW_ROUND_DOWN,       /* toward zero: 2.9 → 2, −2.9 → −2 */
  PW_ROUND_UP,         /* away from zero: 2.1 → 3, −2.1 → −3 */
} PwRounding;

typedef struct {
  __extension__ __int128 m;
  int scale;
} PwDecimal;

GQuark     pw_decimal_error_quark (void);

/* @value × 10^−@scale, e.g. (52345, 2) is 523.45; @scale in 0..PW_DECIMAL_MAX_SCALE. */
PwDecimal  pw_decimal_from_int    (gint64            value,
                                   int               scale);
/* Reads "-12.3400", "0.09", "365": an optional "-", digits, optionally "." and
 * digits. No spaces, "+", exponent or thousands separators; at most
 * PW_DECIMAL_MAX_SCALE fractional and 36 digits in all. The scale is the
 * number of fractional digits written, so "3.2000" keeps 4. */
gboolean   pw_decimal_parse       (const char       *text,
                                   PwDecimal        *out,
                                   GError          **error);
/* The decimal with exactly its scale's digits: "3.2000", "-0.50", "12". */
char      *pw_decimal_to_string   (PwDecimal         d);
/* The same value with trailing fractional zeros removed (3.2000 → 3.2). */
PwDecimal  pw_decimal_normalize   (PwDecimal         d);

gboolean   pw_decimal_add         (PwDecimal         a,
                                   PwDecimal         b,
                                   PwDecimal        *out,
                                   GError          **error);
gboolean   pw_decimal_sub         (PwDecimal         a,
                                   PwDecimal         b,
                                   PwDecimal        *out,
                                   GError          **error);
/* Exact product; its scale is the sum of the factors' scales once their
 * trailing zeros are dropped (3.2000 × 2.50 has scale 2: 8.00). */
gboolean   pw_decimal_mul         (PwDecimal         a,
                                   PwDecimal         b,
                                   PwDecimal        *out,
                                   GError          **error);
/* @a ÷ @b rounded by @mode to @scale fractional digits. */
gboolean   pw_decimal_div         (PwDecimal         a,
                                   PwDecimal         b,
                                   int               scale,
                                   PwRounding        mode,
                                   PwDecimal        *out,
                                   GError          **error);
/* @a to @scale digits: exact when @scale grows, rounded by @mode when it shrinks. */
gboolean   pw_decimal_rescale     (PwDecimal         a,
                                   int               scale,
                                   PwRounding        mode,
                                   PwDecimal        *out,
                                   GError          **error);
/* @a as a whole count of 10^−@digits (minor units when @digits is the
 * currency's), rounded by @mode; fails when it does not fit a gint64. */
gboolean   pw_decimal_to_minor    (PwDecimal         a,
                                   int               digits,
                                   PwRounding        mode,
                                   gint64           *out,
                                   GError          **error);

/* −1, 0 or 1 as @a is less than, equal to or greater than @b, whatever their scales. */
int        pw_decimal_cmp         (PwDecimal         a,
                                   PwDecimal         b);
int        pw_decimal_sign        (PwDecimal         a);
PwDecimal  pw_decimal_negate      (PwDecimal         a);

G_END_DECLS
