/* pw-money.h — amounts of money: ISO 4217 currencies, display and strict parsing
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An amount is a gint64 count of its currency's minor unit (fen, cents; yen
 * have none); nothing here uses floating point. Figures group thousands with
 * commas and use a dot for decimals whatever the locale, like areas, so that
 * they read the same in the app, exports and tests. */
#pragma once

#include <glib.h>

#include "pw-error.h"

G_BEGIN_DECLS

/* How an amount names its currency: "¥1,234.50" or "CNY 1,234.50". The
 * values follow the "currency-display" setting's enum. */
typedef enum {
  PW_CURRENCY_SYMBOL,
  PW_CURRENCY_CODE,
} PwCurrencyStyle;

/* Whether @code is written like an ISO 4217 code: three letters A–Z. */
gboolean    pw_currency_is_valid        (const char       *code);
/* Whether @code is an active ISO 4217 currency (the list of 1 January 2026:
 * national currencies and funds, not precious metals, bond-market units or
 * test codes), so "ABC" is not. */
gboolean    pw_currency_is_known        (const char       *code);
/* The digits of @code's minor unit: 2 for CNY, USD, EUR…; 0 for JPY, KRW;
 * 3 for KWD, BHD… An unknown code of three letters has 2; anything else that
 * is not a code (NULL, "cny", "yuan") gives -1. */
int         pw_currency_minor_digits    (const char       *code);
/* The sign @code is usually shown with ("¥" for CNY and JPY, "$" for USD,
 * "HK$" for HKD…), or NULL when it has none worth showing. */
const char *pw_currency_symbol          (const char       *code);

/* @minor as a plain figure in @currency, "1,234,567.89" ("1,235" for JPY),
 * a negative one led by U+2212 MINUS SIGN: "−12.50". pw_money_parse() reads
 * it back exactly. */
char       *pw_money_format_amount      (gint64            minor,
                                         const char       *currency);
/* @minor with its currency: "¥1,234,567.89" or "CNY 1,234,567.89"; the minus
 * sign (U+2212) leads: "−¥12.50", "−CNY 12.50". A currency without a symbol
 * is shown by its code in either style: "KWD 1.234". */
char       *pw_money_format             (gint64            minor,
                                         const char       *currency,
                                         PwCurrencyStyle   style);

/* Parses decimal text ("1234.5", "1,234,567.89", "-12.50", "−12.50") into
 * minor units of @currency. Strict on purpose, since a misread amount becomes
 * a wrong bill: surrounding spaces are ignored, but no symbol, code, plus sign
 * or exponent; thousands commas only in groups of three before the dot; at
 * most the currency's minor digits (none for JPY); a magnitude of at most
 * G_MAXINT64 minor units. Fails with %PW_LEDGER_ERROR_INVALID_FIELD and a
 * message that says what is wrong; @minor is then untouched. */
gboolean    pw_money_parse              (const char       *text,
                                         const char       *currency,
                                         gint64           *minor,
                                         GError          **error);

G_END_DECLS
