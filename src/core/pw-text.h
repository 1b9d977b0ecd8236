/* pw-text.h — small text helpers shared by the core's parsers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* User text for an error message: valid UTF-8 and at most 40 characters (then
 * "…"), whatever was typed or pasted. */
char *pw_text_quote (const char *text);

G_END_DECLS
