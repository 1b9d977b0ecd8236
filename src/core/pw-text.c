/* pw-text.c — small text helpers shared by the core's parsers
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-text.h"

#define MAX_QUOTED_CHARS 40

char *
pw_text_quote (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  g_autofree char *head = NULL;

  if (g_utf8_strlen (valid, -1) <= MAX_QUOTED_CHARS)
    return g_steal_pointer (&valid);
  head = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);
  return g_strconcat (head, "…", NULL);
}
