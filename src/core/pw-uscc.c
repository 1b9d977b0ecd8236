/* pw-uscc.c — the unified social credit code (统一社会信用代码, GB 32100-2015)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An 18-character code: registration authority (1), organisation category (2),
 * administrative division (3–8, digits), organisation code (9–17, whose last
 * character is its own GB 11714 check) and a check character (18). Invariants:
 *  1. Characters come from "0123456789ABCDEFGHJKLMNPQRTUWXY", value = index.
 *  2. Check value = (31 − Σ cᵢ·Wᵢ mod 31) mod 31 with Wᵢ = 3^(i−1) mod 31.
 *  3. The rules are applied in position order, so the reason names the first
 *     position at fault.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-uscc.h"

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static const int weights[17] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28
};

typedef struct {
  char        code;
  const char *label;
} Label;

typedef struct {
  char         authority;
  const char  *label;
  const Label *categories; /* ends with code '\0' */
} Authority;

static const Label cat_staffing[] = {
  { '1', N_("Government body") }, { '2', N_("Public institution") },
  { '3', N_("Mass organisation") }, { '9', N_("Other") }, { 0, NULL } };
static const Label cat_foreign[] = {
  { '1', N_("Foreign resident news agency") }, { '9', N_("Other") }, { 0, NULL } };
static const Label cat_justice[] = {
  { '1', N_("Law firm") }, { '2', N_("Notary office") }, { '3', N_("Legal service office") },
  { '4', N_("Forensic institution") }, { '5', N_("Arbitration commission") },
  { '9', N_("Other") }, { 0, NULL } };
static const Label cat_culture[] = {
  { '1', N_("Foreign cultural centre") }, { '9', N_("Other") }, { 0, NULL } };
static const Label cat_civil[] = {
  { '1', N_("Social organisation") }, { '2', N_("Private non-enterprise unit") },
  { '3', N_("Foundation") }, { '9', N_("Other") }, { 0, NULL } };
static const Label cat_tourism[] = {
  { '1', N_("Foreign tourism office") }, { '2', N_("Hong Kong, Macao or Taiwan tourism office") },
  { '9', N_("Other") }, { 0, NULL } };
static const Label cat_religion[] = {
  { '1', N_("Place of religious activity") }, { '2', N_("Religious college") },
  { '9', N_("Other") }, { 0, NULL } };
static const Label cat_union[] = {
  { '1', N_("Grassroots trade union") }, { '9', N_("Other") }, { 0, NULL } };
static const Label cat_market[] = {
  { '1', N_("Enterprise") }, { '2', N_("Individual business") },
  { '3', N_("Farmers’ cooperative") }, { 0, NULL } };
static const Label cat_military[] = {
  { '1', N_("Military public institution") }, { '9', N_("Other") }, { 0, NULL } };
static const Label cat_agriculture[] = {
  { '1', N_("Group collective economic organisation") },
  { '2', N_("Village collective economic organisation") },
  { '3', N_("Township collective economic organisation") }, { '9', N_("Other") }, { 0, NULL } };
static const Label cat_other[] = {
  { '1', N_("Other") }, { 0, NULL } };

static const Authority authorities[] = {
  { '1', N_("Institutional staffing"), cat_staffing },
  { '2', N_("Foreign affairs"), cat_foreign },
  { '3', N_("Justice administration"), cat_justice },
  { '4', N_("Culture"), cat_culture },
  { '5', N_("Civil affairs"), cat_civil },
  { '6', N_("Tourism"), cat_tourism },
  { '7', N_("Religious affairs"), cat_religion },
  { '8', N_("Trade unions"), cat_union },
  { '9', N_("Market regulation"), cat_market },
  { 'A', N_("Central Military Commission staffing"), cat_military },
  { 'N', N_("Agriculture"), cat_agriculture },
  { 'Y', N_("Other authorities"), cat_other },
};

/* The first two digits of a GB/T 2260 division: "10" for codes given centrally. */
static const char *const provinces[] = {
  "10", "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
  "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63",
  "64", "65", "71", "81", "82", NULL
};

static int
char_value (char c)
{
  const char *p;

  if (c == '\0')
    return -1;
  p = strchr (charset, c);
  return p ? (int) (p - charset) : -1;
}

static const Authority *
find_authority (char authority)
{
  for (guint i = 0; i < G_N_ELEMENTS (authorities); i++)
    if (authorities[i].authority == authority)
      return &authorities[i];
  return NULL;
}

const char *
pw_uscc_authority_label (char authority)
{
  const Authority *a = find_authority (authority);
  return a ? _(a->label) : NULL;
}

const char *
pw_uscc_category_label (char authority, char category)
{
  const Authority *a = find_authority (authority);

  if (a == NULL)
    return NULL;
  for (const Label *l = a->categories; l->code; l++)
    if (l->code == category)
      return _(l->label);
  return NULL;
}

char
pw_uscc_compute_check (const char *code)
{
  int sum = 0;

  g_return_val_if_fail (code != NULL, '\0');
  for (int i = 0; i < 17; i++)
    {
      int v = char_value (code[i]);

      if (v < 0)
        return '\0';
      sum += v * weights[i];
    }
  return charset[(31 - sum % 31) % 31];
}

char
pw_uscc_compute_org_check (const char *org_code)
{
  static const int w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0, c;

  g_return_val_if_fail (org_code != NULL, '\0');
  for (int i = 0; i < 8; i++)
    {
      char ch = org_code[i];
      int v;

      if (g_ascii_isdigit (ch))
        v = ch - '0';
      else if (ch >= 'A' && ch <= 'Z')
        v = ch - 'A' + 10;
      else
        return '\0';
      sum += v * w[i];
    }
  c = 11 - sum % 11;
  return c == 10 ? 'X' : c == 11 ? '0' : (char) ('0' + c);
}

char *
pw_uscc_normalize (const char *code)
{
  GString *out;

  if (code == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = code; *p; p++)
    if (!g_ascii_isspace (*p) && *p != '-')
      g_string_append_c (out, g_ascii_toupper (*p));
  return g_string_free (out, FALSE);
}

gboolean
pw_uscc_result_is_acceptable (PwUsccResult result)
{
  return result == PW_USCC_VALID || result == PW_USCC_LEGACY;
}

static PwUsccResult
fail (char **reason, PwUsccResult result, char *message)
{
  if (reason != NULL)
    *reason = message;
  else
    g_free (message);
  return result;
}

/* A character for a message: printable ASCII as is, anything else as U+XXXX. */
static char *
show_char (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup_printf ("\\x%02X", (guint) (guchar) *p);
  if (c >= 0x20 && c < 0x7f)
    return g_strdup_printf ("%c", (char) c);
  return g_strdup_printf ("U+%04X", c);
}

static PwUsccResult
check_legacy (const char *code, glong n, char **reason)
{
  for (glong i = 0; i < n; i++)
    if (!g_ascii_isdigit (code[i]) && !(code[i] >= 'A' && code[i] <= 'Z'))
      {
        g_autofree char *shown = show_char (code + i);
        /* Translators: a position (1, 2…), then the character found there */
        return fail (reason, PW_USCC_BAD_CHARACTER,
                     g_strdup_printf (_("Position %d: “%s” is not a digit or a capital letter"),
                                      (int) i + 1, shown));
      }
  if (reason != NULL)
    *reason = g_strdup_printf (n == 15
                               /* Translators: %d is a number of characters */
                               ? _("An older registration number of %d characters: its check "
                                   "is not known, so it is accepted as it is")
                               : _("An older taxpayer ID of %d characters: its check is not "
                                   "known, so it is accepted as it is"), (int) n);
  return PW_USCC_LEGACY;
}

PwUsccResult
pw_uscc_check (const char *code, PwUsccParts *parts, char **reason)
{
  const Authority *authority;
  glong n;
  char expected;

  if (reason != NULL)
    *reason = NULL;
  if (code == NULL || *code == '\0')
    return fail (reason, PW_USCC_EMPTY, g_strdup (_("No code was given")));

  n = g_utf8_validate (code, -1, NULL) ? g_utf8_strlen (code, -1) : (glong) strlen (code);
  if (n != 18)
    {
      if (n >= 15 && n <= 20 && (glong) strlen (code) == n)
        return check_legacy (code, n, reason);
      /* Translators: %d is the number of characters given */
      return fail (reason, PW_USCC_BAD_LENGTH,
                   g_strdup_printf (_("A unified social credit code has 18 characters, not %d"),
                                    (int) n));
    }

  /* 18 characters: every one must be a single byte of the set from here on */
  {
    const char *p = code;

    for (int i = 0; i < 18; i++, p = g_utf8_next_char (p))
      if ((guchar) *p >= 0x80 || char_value (*p) < 0)
        {
          g_autofree char *shown = show_char (p);
          /* Translators: a position (1–18), then the character found there */
          return fail (reason, PW_USCC_BAD_CHARACTER,
                       g_strdup_printf (_("Position %d: “%s” is not used in these codes "
                                          "(0–9 and A–Z without I, O, S, V, Z)"), i + 1, shown));
        }
  }

  if (parts != NULL)
    {
      memset (parts, 0, sizeof *parts);
      parts->authority[0] = code[0];
      parts->category[0] = code[1];
      memcpy (parts->division, code + 2, 6);
      memcpy (parts->org_code, code + 8, 9);
      parts->check[0] = code[17];
    }

  authority = find_authority (code[0]);
  if (authority == NULL)
    return fail (reason, PW_USCC_BAD_AUTHORITY,
                 /* Translators: %c is the character at position 1 */
                 g_strdup_printf (_("Position 1: “%c” is not a registration authority"), code[0]));
  if (pw_uscc_category_label (code[0], code[1]) == NULL)
    return fail (reason, PW_USCC_BAD_CATEGORY,
                 /* Translators: the character at position 2, then the authority's name */
                 g_strdup_printf (_("Position 2: “%c” is not an organisation category of "
                                    "the authority “%s”"), code[1], _(authority->label)));

  for (int i = 2; i < 8; i++)
    if (!g_ascii_isdigit (code[i]))
      return fail (reason, PW_USCC_BAD_DIVISION,
                   /* Translators: a position (3–8), then the character found there */
                   g_strdup_printf (_("Position %d: the administrative division (positions 3–8) "
                                      "has digits only, not “%c”"), i + 1, code[i]));
  {
    char province[3] = { code[2], code[3], '\0' };

    if (!g_strv_contains (provinces, province))
      return fail (reason, PW_USCC_BAD_DIVISION,
                   /* Translators: %s is two digits */
                   g_strdup_printf (_("Positions 3–4: “%s” is not a province in the "
                                      "administrative division"), province));
  }

  expected = pw_uscc_compute_org_check (code + 8);
  if (expected != code[16])
    return fail (reason, PW_USCC_BAD_ORG_CODE,
                 /* Translators: the check character found, then the one expected */
                 g_strdup_printf (_("Position 17: the organisation code’s check character is "
                                    "“%c”, expected “%c”"), code[16], expected));

  expected = pw_uscc_compute_check (code);
  if (expected != code[17])
    return fail (reason, PW_USCC_BAD_CHECK,
                 /* Translators: the check character found, then the one expected */
                 g_strdup_printf (_("Position 18: the check character is “%c”, expected “%c”"),
                                  code[17], expected));
  return PW_USCC_VALID;
}
