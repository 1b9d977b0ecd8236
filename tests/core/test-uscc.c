/* test-uscc.c — the unified social credit code check (GB 32100-2015)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "pw-uscc.h"

static void
test_valid (void)
{
  /* two from docs/billing-rules.md rule 29, two published codes, the rest computed with
   * both check characters for each authority and category pattern */
  static const char *const valid[] = {
    "91350100M000100Y43",
    "91110000600037341L",
    "91110000101623741K",
    "911101066976941872",
    "91310115586849131P",
    "12440300MB2C3D4E74",
    "52110108MJ0012342D",
    "93320583MA1NQ7J28A",
    "Y1110000000000000Q",
    "N2330102MB0A1B2C66",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *reason = NULL;
      PwUsccParts parts;

      g_test_message ("%s", valid[i]);
      g_assert_cmpint (pw_uscc_check (valid[i], &parts, &reason), ==, PW_USCC_VALID);
      g_assert_null (reason);
      g_assert_cmpint (pw_uscc_compute_check (valid[i]), ==, valid[i][17]);
      g_assert_cmpint (pw_uscc_compute_org_check (valid[i] + 8), ==, valid[i][16]);
      g_assert_true (pw_uscc_result_is_acceptable (PW_USCC_VALID));
    }
}

static void
test_parts (void)
{
  PwUsccParts parts;

  g_assert_cmpint (pw_uscc_check ("91350100M000100Y43", &parts, NULL), ==, PW_USCC_VALID);
  g_assert_cmpstr (parts.authority, ==, "9");
  g_assert_cmpstr (parts.category, ==, "1");
  g_assert_cmpstr (parts.division, ==, "350100");
  g_assert_cmpstr (parts.org_code, ==, "M000100Y4");
  g_assert_cmpstr (parts.check, ==, "3");
  g_assert_cmpstr (pw_uscc_authority_label ('9'), ==, "Market regulation");
  g_assert_cmpstr (pw_uscc_category_label ('9', '1'), ==, "Enterprise");
  g_assert_cmpstr (pw_uscc_category_label ('9', '2'), ==, "Individual business");
  g_assert_null (pw_uscc_category_label ('9', '9'));
  g_assert_null (pw_uscc_authority_label ('Z'));
}

static void
test_invalid (void)
{
  static const struct {
    const char   *code;
    PwUsccResult  result;
    const char   *reason; /* a part of the reason */
  } cases[] = {
    { "", PW_USCC_EMPTY, "No code" },
    { "9135010", PW_USCC_BAD_LENGTH, "18 characters, not 7" },
    { "91350100M000100Y43A2B", PW_USCC_BAD_LENGTH, "not 21" },
    /* G36: the last character changed */
    { "91350100M000100Y4Z", PW_USCC_BAD_CHARACTER, "Position 18: “Z”" },
    { "91350100M000100Y44", PW_USCC_BAD_CHECK, "Position 18: the check character is “4”, expected “3”" },
    { "91350100I000100Y43", PW_USCC_BAD_CHARACTER, "Position 9: “I”" },
    { "91350100M0001O0Y43", PW_USCC_BAD_CHARACTER, "Position 14: “O”" },
    { "9135010OM000100Y43", PW_USCC_BAD_CHARACTER, "Position 8" },
    { "91350100m000100Y43", PW_USCC_BAD_CHARACTER, "Position 9: “m”" },
    { "91350100M000100Y4中", PW_USCC_BAD_CHARACTER, "Position 18: “U+4E2D”" },
    { "01350100M000100Y43", PW_USCC_BAD_AUTHORITY, "Position 1: “0”" },
    { "B1350100M000100Y43", PW_USCC_BAD_AUTHORITY, "Position 1: “B”" },
    { "94350100M000100Y43", PW_USCC_BAD_CATEGORY, "Position 2: “4”" },
    { "Y2110000000000000Q", PW_USCC_BAD_CATEGORY, "Position 2: “2”" },
    { "9135A100M000100Y43", PW_USCC_BAD_DIVISION, "Position 5" },
    { "91990100M000100Y43", PW_USCC_BAD_DIVISION, "Positions 3–4: “99”" },
    /* the organisation code's own check (position 17) before the code's */
    { "91350100M000100Y53", PW_USCC_BAD_ORG_CODE, "Position 17: the organisation code’s check character is “5”, expected “4”" },
    /* a real code whose check character fails: warned about, not refused */
    { "91350211M0000XUF46", PW_USCC_BAD_CHECK, "expected “R”" },
    /* 19 characters is a legacy length, but a space is no character of one */
    { "91110000 600037341L", PW_USCC_BAD_CHARACTER, "Position 9: “ ”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *reason = NULL;
      PwUsccResult result = pw_uscc_check (cases[i].code, NULL, &reason);

      g_test_message ("%s → %s", cases[i].code, reason);
      g_assert_cmpint (result, ==, cases[i].result);
      g_assert_false (pw_uscc_result_is_acceptable (result));
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, cases[i].reason));
    }
}

static void
test_legacy (void)
{
  static const char *const legacy[] = {
    "110108012345678",        /* a 15-digit registration number */
    "11010801234567X",
    "440301199001011234AB",   /* a 20-character taxpayer ID */
    "3501001234567890",
  };

  for (guint i = 0; i < G_N_ELEMENTS (legacy); i++)
    {
      g_autofree char *reason = NULL;

      g_assert_cmpint (pw_uscc_check (legacy[i], NULL, &reason), ==, PW_USCC_LEGACY);
      g_assert_nonnull (reason);
      g_assert_true (pw_uscc_result_is_acceptable (PW_USCC_LEGACY));
    }
  {
    g_autofree char *reason = NULL;
    g_assert_cmpint (pw_uscc_check ("11010801234567-", NULL, &reason), ==, PW_USCC_BAD_CHARACTER);
    g_assert_nonnull (strstr (reason, "Position 15"));
  }
}

static void
test_normalize (void)
{
  g_autofree char *a = pw_uscc_normalize (" 9135 0100-m000 100y43 ");
  g_autofree char *b = pw_uscc_normalize ("");

  g_assert_cmpstr (a, ==, "91350100M000100Y43");
  g_assert_cmpstr (b, ==, "");
  g_assert_null (pw_uscc_normalize (NULL));
  g_assert_cmpint (pw_uscc_compute_check ("91350100M000100Y"), ==, '\0');
  g_assert_cmpint (pw_uscc_compute_org_check ("M000100"), ==, '\0');
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/uscc/valid", test_valid);
  g_test_add_func ("/uscc/parts", test_parts);
  g_test_add_func ("/uscc/invalid", test_invalid);
  g_test_add_func ("/uscc/legacy", test_legacy);
  g_test_add_func ("/uscc/normalize", test_normalize);
  return g_test_run ();
}
