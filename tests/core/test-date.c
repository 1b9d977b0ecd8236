/* test-date.c — dates on record: reading, writing, days and months
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "pw-date.h"

static GDate
dmy (guint d, guint m, guint y)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return date;
}

static void
test_parse (void)
{
  const char *bad[] = { NULL, "", "2026-2-03", "2026-02-30", "2026-13-01", "1899-12-31",
                        "3000-01-01", "2026/02/03", "2026-02-03 ", " 2026-02-03", "２０２６-02-03",
                        "2026-0a-03", "2025-02-29" };
  GDate d;
  char out[11];

  g_assert_true (pw_date_parse_iso ("2024-02-29", &d));
  g_assert_cmpuint (g_date_get_day (&d), ==, 29);
  g_assert_cmpuint (g_date_get_month (&d), ==, 2);
  g_assert_cmpuint (g_date_get_year (&d), ==, 2024);
  g_assert_true (pw_date_is_valid ("1900-01-01"));
  g_assert_true (pw_date_is_valid ("2999-12-31"));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (pw_date_is_valid (bad[i]));
      g_assert_false (pw_date_parse_iso (bad[i], &d));
      g_assert_false (g_date_valid (&d));
    }
  /* every day of four years reads back what it wrote */
  d = dmy (1, 1, 2023);
  for (int i = 0; i < 4 * 366; i++)
    {
      g_autofree char *text = pw_date_format_iso_new (&d);
      GDate back;

      pw_date_format_iso (&d, out);
      g_assert_cmpstr (out, ==, text);
      g_assert_true (pw_date_parse_iso (text, &back));
      g_assert_cmpint (g_date_compare (&back, &d), ==, 0);
      d = pw_date_add_days (&d, 1);
    }
  d = dmy (5, 3, 1907);
  pw_date_format_iso (&d, out);
  g_assert_cmpstr (out, ==, "1907-03-05");
}

static void
test_months (void)
{
  GDate a = dmy (31, 1, 2026), b;
  char out[11];
  int rest = -1;

  b = pw_date_add_months (&a, 1);
  pw_date_format_iso (&b, out);
  g_assert_cmpstr (out, ==, "2026-02-28");
  a = dmy (31, 1, 2024);
  b = pw_date_add_months (&a, 1);
  pw_date_format_iso (&b, out);
  g_assert_cmpstr (out, ==, "2024-02-29");
  b = pw_date_add_months (&a, 13);
  pw_date_format_iso (&b, out);
  g_assert_cmpstr (out, ==, "2025-02-28");
  b = pw_date_add_days (&a, -31);
  pw_date_format_iso (&b, out);
  g_assert_cmpstr (out, ==, "2023-12-31");

  a = dmy (10, 2, 2024);
  g_assert_cmpuint (pw_date_days_in_month (&a), ==, 29);
  a = dmy (10, 2, 2100);
  g_assert_cmpuint (pw_date_days_in_month (&a), ==, 28);
  a = dmy (1, 4, 2026);
  g_assert_cmpuint (pw_date_days_in_month (&a), ==, 30);

  /* 1 Feb – 31 Mar: two whole months, no day */
  a = dmy (1, 2, 2026);
  b = dmy (31, 3, 2026);
  g_assert_cmpuint (pw_date_whole_months (&a, &b, &rest), ==, 2);
  g_assert_cmpint (rest, ==, 0);
  /* 15 Jan – 20 Mar: two months (to 14 Mar) and 6 days */
  a = dmy (15, 1, 2026);
  b = dmy (20, 3, 2026);
  g_assert_cmpuint (pw_date_whole_months (&a, &b, &rest), ==, 2);
  g_assert_cmpint (rest, ==, 6);
  /* a lease of three years to the day */
  a = dmy (1, 7, 2024);
  b = dmy (30, 6, 2027);
  g_assert_cmpuint (pw_date_whole_months (&a, &b, NULL), ==, 36);
  /* less than a month */
  b = dmy (20, 7, 2024);
  g_assert_cmpuint (pw_date_whole_months (&a, &b, &rest), ==, 0);
  g_assert_cmpint (rest, ==, 20);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/parse-and-format", test_parse);
  g_test_add_func ("/date/months", test_months);
  return g_test_run ();
}
