/* bench-revenue.c — straight-line revenue (B17) on a long, wide contract: 200
 * monthly charges over 20 years (48,000 lines), with and without revenue
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Revenue is one walk over the lines in bill-date order, so turning it on
 * should cost a small part of computing the lines (it once cost 5.8–13.6 s
 * against 0.3 s without). Prints the figures; CI does not time them.
 */
#include <locale.h>

#include "bench-common.h"
#include "pw-contract.h"
#include "pw-schedule.h"

#define N_CHARGES 200
#define ROUNDS 3

static char *
contract_text (gboolean revenue)
{
  GString *s = g_string_new (
    "{\"id\": \"WIDE\", \"currency\": \"CNY\", \"signed\": \"2025-12-01\", \"start\": \"2026-01-01\","
    " \"end\": \"2045-12-31\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"},"
    " \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}],"
    " \"tax_codes\": [{\"code\": \"lease9\", \"rate\": \"0.09\"}],"
    " \"spaces\": [{\"code\": \"S\", \"area\": \"812.50\"}], \"charges\": [");

  for (guint i = 0; i < N_CHARGES; i++)
    g_string_append_printf (s, "%s{\"code\": \"c%03u\", \"kind\": \"rent\", \"seller\": \"LL\","
                            " \"tax_code\": \"lease9\", \"unit\": \"m2_day\", \"unit_price\": \"%u.%04u\","
                            " \"spaces\": [\"S\"], \"proration\": \"daily\", \"escalation\":"
                            " {\"type\": \"fixed\", \"percent\": \"3\", \"every_years\": 1}}",
                            i ? ", " : "", i, 1 + i % 5, (i * 37) % 10000);
  g_string_append (s, "], \"free_periods\": [{\"start\": \"2026-01-01\", \"end\": \"2026-03-31\"}]");
  if (revenue)
    g_string_append (s, ", \"revenue\": {\"straight_line\": true}");
  g_string_append (s, "}");
  return g_string_free (s, FALSE);
}

/* the best of ROUNDS runs, in ms; @lines gets the lines */
static double
time_schedule (const char *text, guint *lines, gint64 *revenue_total)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < ROUNDS; r++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PwContract) c = pw_contract_parse (text, -1, &error);
      g_autoptr(PwSchedule) s = NULL;
      gint64 start;
      double ms;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      s = pw_schedule_compute (c, &error);
      ms = bench_ms_since (start);
      g_assert_no_error (error);
      best = MIN (best, ms);
      *lines = s->lines->len;
      *revenue_total = s->revenue_total;
    }
  return best;
}

int
main (int argc, char **argv)
{
  g_autofree char *off = contract_text (FALSE);
  g_autofree char *on = contract_text (TRUE);
  guint lines_off, lines_on;
  gint64 total_off, total_on;
  double ms_off, ms_on;

  setlocale (LC_ALL, "");
  ms_off = time_schedule (off, &lines_off, &total_off);
  ms_on = time_schedule (on, &lines_on, &total_on);
  g_assert_cmpuint (lines_on, ==, lines_off);
  g_assert_cmpint (total_on, >, 0);
  g_print ("%u charges over 20 years, %u lines: without revenue %.0f ms, with straight-line "
           "revenue %.0f ms (revenue itself %.0f ms; best of %u)\n", N_CHARGES, lines_on, ms_off,
           ms_on, ms_on - ms_off, ROUNDS);
  return 0;
}
