/* pw-text.h — small text helpers shared by the core's parsers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* User text for an error message: valid UTF-8 and at most 40 characters (then
 * "…"), whatever was typed or pasted. */
char *pw_text_quote (const char *text);

/* Writes @date as YYYY-MM-DD into @out (11 bytes with the NUL). Unlike
 * g_date_strftime() it does no locale conversion, which matters in loops. */
void  pw_text_iso_date (const GDate *date, char out[11]);
/* The same, newly allocated. */
char *pw_text_iso_date_new (const GDate *date);

G_END_DECLS
