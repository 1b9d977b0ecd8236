/* test-ratelimit.c — the server's token buckets, on a clock the test controls
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-server-ratelimit.h"

#define S G_USEC_PER_SEC

static void
test_burst_and_refill (void)
{
  g_autoptr(PwRateLimit) rl = pw_rate_limit_new (3, 10, 100);
  gint64 wait = -1;

  for (int i = 0; i < 3; i++)
    {
      g_assert_true (pw_rate_limit_reserve (rl, "a", 0, 0, &wait));
      g_assert_cmpint (wait, ==, 0);
    }
  /* empty: the next token comes after one interval */
  g_assert_false (pw_rate_limit_reserve (rl, "a", 0, 0, &wait));
  g_assert_cmpint (wait, ==, 10 * S);
  g_assert_false (pw_rate_limit_reserve (rl, "a", 4 * S, 0, &wait));
  g_assert_cmpint (wait, ==, 6 * S);
  g_assert_true (pw_rate_limit_reserve (rl, "a", 10 * S, 0, &wait));
  /* other keys are untouched */
  g_assert_true (pw_rate_limit_reserve (rl, "b", 10 * S, 0, &wait));
  /* never more than the burst, however long the pause */
  for (int i = 0; i < 3; i++)
    g_assert_true (pw_rate_limit_reserve (rl, "a", 1000 * S, 0, &wait));
  g_assert_false (pw_rate_limit_reserve (rl, "a", 1000 * S, 0, &wait));
}

static void
test_borrow_and_release (void)
{
  g_autoptr(PwRateLimit) rl = pw_rate_limit_new (1, 2, 100);
  gint64 wait = -1;

  g_assert_true (pw_rate_limit_reserve (rl, "k", 0, 5 * S, &wait));
  g_assert_cmpint (wait, ==, 0);
  /* allowed to wait up to 5 s: borrowed, and told how long to wait */
  g_assert_true (pw_rate_limit_reserve (rl, "k", 0, 5 * S, &wait));
  g_assert_cmpint (wait, ==, 2 * S);
  g_assert_true (pw_rate_limit_reserve (rl, "k", 0, 5 * S, &wait));
  g_assert_cmpint (wait, ==, 4 * S);
  /* a third would wait 6 s: refused, and told when a 5 s wait would do */
  g_assert_false (pw_rate_limit_reserve (rl, "k", 0, 5 * S, &wait));
  g_assert_cmpint (wait, ==, 1 * S);
  /* a reservation given back (a right password) frees its place */
  pw_rate_limit_release (rl, "k", 0);
  g_assert_true (pw_rate_limit_reserve (rl, "k", 0, 5 * S, &wait));
  g_assert_cmpint (wait, ==, 4 * S);
  /* releasing never fills beyond the burst */
  for (int i = 0; i < 10; i++)
    pw_rate_limit_release (rl, "k", 100 * S);
  g_assert_true (pw_rate_limit_reserve (rl, "k", 100 * S, 0, &wait));
  g_assert_false (pw_rate_limit_reserve (rl, "k", 100 * S, 0, &wait));
}

static void
test_bounded_memory (void)
{
  g_autoptr(PwRateLimit) rl = pw_rate_limit_new (5, 60, 1000);
  gint64 wait;

  /* an attacker inventing names: the table stays bounded, and the buckets still in use
   * (the emptiest) survive the pruning */
  g_assert_true (pw_rate_limit_reserve (rl, "victim", 0, 0, &wait));
  for (int i = 0; i < 4; i++)
    g_assert_true (pw_rate_limit_reserve (rl, "victim", 0, 0, &wait));
  for (int i = 0; i < 100000; i++)
    {
      g_autofree char *key = g_strdup_printf ("name-%d", i);
      g_assert_true (pw_rate_limit_reserve (rl, key, 0, 0, &wait));
      g_assert_cmpuint (pw_rate_limit_size (rl), <=, 1000);
    }
  g_assert_false (pw_rate_limit_reserve (rl, "victim", 0, 0, &wait));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ratelimit/burst-and-refill", test_burst_and_refill);
  g_test_add_func ("/ratelimit/borrow-and-release", test_borrow_and_release);
  g_test_add_func ("/ratelimit/bounded-memory", test_bounded_memory);
  return g_test_run ();
}
