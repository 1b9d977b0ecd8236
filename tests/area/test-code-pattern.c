/* test-code-pattern.c — unified-code patterns and general code validity
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "pw-code-pattern.h"

static const PwCodeContext b2_f03 = { "B2", "F03", 3 };

static PwCodePattern *
pattern_new_or_fail (const char *text)
{
  g_autoptr(GError) error = NULL;
  PwCodePattern *pattern = pw_code_pattern_new (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (pattern);
  return pattern;
}

static void
assert_format (PwCodePattern       *pattern,
               const PwCodeContext *ctx,
               guint                seq,
               const char          *expected)
{
  g_autofree char *code = pw_code_pattern_format (pattern, ctx, seq);

  g_assert_cmpstr (code, ==, expected);
}

static void
assert_describe (PwCodePattern       *pattern,
                 const PwCodeContext *ctx,
                 const char          *expected)
{
  g_autofree char *form = pw_code_pattern_describe (pattern, ctx);

  g_assert_cmpstr (form, ==, expected);
}

static void
assert_matches (PwCodePattern       *pattern,
                const PwCodeContext *ctx,
                const char          *code)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("“%s” should match", code);
  g_assert_true (pw_code_pattern_match (pattern, code, ctx, &error));
  g_assert_no_error (error);
}

static void
assert_mismatch (PwCodePattern       *pattern,
                 const PwCodeContext *ctx,
                 const char          *code)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("“%s” should not match", code);
  g_assert_false (pw_code_pattern_match (pattern, code, ctx, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE);
}

static void
test_format (void)
{
  g_autoptr(PwCodePattern) pattern = pattern_new_or_fail ("{building}-{floor}-{seq:3}");

  g_assert_cmpstr (pw_code_pattern_get_text (pattern), ==, "{building}-{floor}-{seq:3}");
  assert_format (pattern, &b2_f03, 15, "B2-F03-015");
  assert_format (pattern, &b2_f03, 0, "B2-F03-000");
  assert_format (pattern, &b2_f03, 999, "B2-F03-999");
  /* A number wider than the pattern allows cannot be written. */
  assert_format (pattern, &b2_f03, 1000, NULL);
  assert_describe (pattern, &b2_f03, "B2-F03-NNN");
}

static void
test_match (void)
{
  g_autoptr(PwCodePattern) pattern = pattern_new_or_fail ("{building}-{floor}-{seq:3}");
  g_autoptr(GError) error = NULL;
  const PwCodeContext b1_f01 = { "B1", "F01", 1 };

  assert_matches (pattern, &b2_f03, "B2-F03-015");
  assert_matches (pattern, &b2_f03, "B2-F03-000");
  assert_mismatch (pattern, &b2_f03, "B2-F03-0150");
  assert_mismatch (pattern, &b2_f03, "B2-F03-15");
  assert_mismatch (pattern, &b2_f03, "B2-F03-01a");
  assert_mismatch (pattern, &b2_f03, "b2-F03-015");
  assert_mismatch (pattern, &b2_f03, "B2-F03-");
  assert_mismatch (pattern, &b2_f03, "B2-F03015");
  assert_mismatch (pattern, &b2_f03, "X-B2-F03-015");
  assert_mismatch (pattern, &b2_f03, "B2-F03-015 ");
  assert_mismatch (pattern, &b2_f03, "");
  /* The same code belongs to another building and floor. */
  assert_mismatch (pattern, &b1_f01, "B2-F03-015");
  assert_matches (pattern, &b1_f01, "B1-F01-015");

  g_assert_false (pw_code_pattern_match (pattern, "B2-F3-15", &b2_f03, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE);
  g_assert_cmpstr (error->message, ==,
                   "“B2-F3-15” does not follow the park's code pattern B2-F03-NNN");
}

static void
test_variable_seq (void)
{
  g_autoptr(PwCodePattern) pattern = pattern_new_or_fail ("{building}{seq}");
  g_autoptr(PwCodePattern) suffixed = pattern_new_or_fail ("R{seq}1");

  assert_format (pattern, &b2_f03, 7, "B27");
  assert_format (pattern, &b2_f03, 12345, "B212345");
  assert_format (pattern, &b2_f03, G_MAXUINT, "B24294967295");
  assert_describe (pattern, &b2_f03, "B2N…");
  assert_matches (pattern, &b2_f03, "B21");
  assert_matches (pattern, &b2_f03, "B2000123");
  assert_mismatch (pattern, &b2_f03, "B2");
  assert_mismatch (pattern, &b2_f03, "B2x");
  assert_mismatch (pattern, &b2_f03, "B3-1");

  /* Digits on both sides of the number: the fixed suffix decides where it ends. */
  assert_format (suffixed, &b2_f03, 5, "R51");
  assert_matches (suffixed, &b2_f03, "R51");
  assert_matches (suffixed, &b2_f03, "R111");
  assert_mismatch (suffixed, &b2_f03, "R1");
  assert_mismatch (suffixed, &b2_f03, "R52");
}

static void
test_level (void)
{
  g_autoptr(PwCodePattern) padded = pattern_new_or_fail ("{building}-{level:2}{seq:2}");
  g_autoptr(PwCodePattern) narrow = pattern_new_or_fail ("{level:1}-{seq:3}");
  g_autoptr(PwCodePattern) plain = pattern_new_or_fail ("L{level}.{seq:2}");
  const PwCodeContext basement = { "B2", "B1", -1 };
  const PwCodeContext deep = { "B2", "B12", -12 };
  const PwCodeContext ground = { "B2", "G", 0 };
  const PwCodeContext high = { "B2", "F123", 123 };

  assert_format (padded, &b2_f03, 7, "B2-0307");
  assert_format (padded, &basement, 7, "B2-B0107");
  assert_format (padded, &ground, 7, "B2-0007");
  assert_describe (padded, &basement, "B2-B01NN");
  assert_matches (padded, &basement, "B2-B0107");
  assert_mismatch (padded, &basement, "B2-0107");
  assert_mismatch (padded, &b2_f03, "B2-B0307");

  assert_format (narrow, &basement, 15, "B1-015");
  assert_format (narrow, &deep, 15, "B12-015");
  assert_format (narrow, &high, 15, "123-015");
  assert_matches (narrow, &deep, "B12-015");

  assert_format (plain, &ground, 3, "L0.03");
  assert_format (plain, &high, 3, "L123.03");
  assert_format (plain, &basement, 3, "LB1.03");
}

static void
test_escapes (void)
{
  g_autoptr(PwCodePattern) braces = pattern_new_or_fail ("{{{building}}}-{seq:2}");
  g_autoptr(PwCodePattern) inner = pattern_new_or_fail ("a{{b}}{seq}");
  g_autoptr(PwCodePattern) only_literal = pattern_new_or_fail ("{{seq}}-{seq:1}");

  assert_format (braces, &b2_f03, 5, "{B2}-05");
  assert_describe (braces, &b2_f03, "{B2}-NN");
  assert_format (inner, &b2_f03, 1, "a{b}1");
  /* "{{seq}}" is the literal text {seq}, not a second sequence number. */
  assert_format (only_literal, &b2_f03, 4, "{seq}-4");
}

static void
assert_bad_pattern (const char *text,
                    const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwCodePattern) pattern = NULL;

  g_test_message ("pattern “%s”", text);
  pattern = pw_code_pattern_new (text, &error);
  g_assert_null (pattern);
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_PATTERN);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” not in “%s”", fragment, error->message);
}

static void
test_bad_patterns (void)
{
  g_autofree char *too_long = g_strnfill (300, 'x');

  assert_bad_pattern ("", "needs a sequence number");
  assert_bad_pattern ("{building}-{floor}", "needs a sequence number");
  assert_bad_pattern ("{{seq}}", "needs a sequence number");
  assert_bad_pattern ("{seq}{seq:2}", "second sequence number at position 6");
  assert_bad_pattern ("{bldg}-{seq}", "unknown token “{bldg}” at position 1");
  assert_bad_pattern ("{seq}-{Floor}", "position 7");
  assert_bad_pattern ("{seq}-{floor", "“{” at position 7 that is never closed");
  assert_bad_pattern ("{seq}}", "“}” at position 6 that closes nothing");
  assert_bad_pattern ("}{seq}", "position 1");
  assert_bad_pattern ("{seq:0}", "from 1 to 9");
  assert_bad_pattern ("{seq:10}", "from 1 to 9");
  assert_bad_pattern ("{seq:}", "from 1 to 9");
  assert_bad_pattern ("{seq:a}", "from 1 to 9");
  assert_bad_pattern ("{level:0}{seq}", "from 1 to 9");
  assert_bad_pattern ("{building:2}-{seq}", "takes no width");
  assert_bad_pattern ("{}{seq}", "position 1");
  /* Positions count characters, not bytes. */
  assert_bad_pattern ("栋{bad}{seq}", "position 2");
  assert_bad_pattern (too_long, NULL);
  assert_bad_pattern (NULL, NULL);
  assert_bad_pattern ("\xff{seq}", NULL);
}

static void
assert_code_valid (const char *code)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("code “%s”", code);
  g_assert_true (pw_code_is_valid (code, &error));
  g_assert_no_error (error);
}

static void
assert_code_invalid (const char *code)
{
  g_autoptr(GError) error = NULL;

  /* Long codes are only summarised, to keep the test log readable. */
  if (code != NULL && strlen (code) > 64)
    g_test_message ("code of %zu characters", strlen (code));
  else
    g_test_message ("code “%s”", code ? code : "(null)");
  g_assert_false (pw_code_is_valid (code, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_CODE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpuint (strlen (error->message), <, 300);
}

static void
test_code_is_valid (void)
{
  g_autofree char *max = g_strnfill (PW_CODE_MAX_LENGTH, 'A');
  g_autofree char *over = g_strnfill (PW_CODE_MAX_LENGTH + 1, 'A');
  g_autofree char *huge = g_strnfill (100000, 'A');
  g_autoptr(GError) error = NULL;

  assert_code_valid ("B2-0315");
  assert_code_valid ("A_1.2/3");
  assert_code_valid ("x");
  assert_code_valid (max);

  assert_code_invalid (NULL);
  assert_code_invalid ("");
  assert_code_invalid (over);
  assert_code_invalid (huge);
  assert_code_invalid ("B2 01");
  assert_code_invalid ("B2#1");
  assert_code_invalid ("栋1");
  assert_code_invalid ("B2\xff");
  assert_code_invalid ("B2\n");
  assert_code_invalid ("{B2}");

  g_assert_false (pw_code_is_valid ("B2#1", &error));
  g_assert_nonnull (strstr (error->message, "“#”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/area/code-pattern/format", test_format);
  g_test_add_func ("/area/code-pattern/match", test_match);
  g_test_add_func ("/area/code-pattern/variable-seq", test_variable_seq);
  g_test_add_func ("/area/code-pattern/level", test_level);
  g_test_add_func ("/area/code-pattern/escapes", test_escapes);
  g_test_add_func ("/area/code-pattern/bad-patterns", test_bad_patterns);
  g_test_add_func ("/area/code/is-valid", test_code_is_valid);

  return g_test_run ();
}
