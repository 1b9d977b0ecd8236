/* pw-server-ratelimit.c — token buckets keyed by text (account, address, both)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. A bucket's tokens never exceed its burst; they may go below zero only by borrowing,
 *     and a borrower waits until the debt is paid back by the refill.
 *  2. The table never holds more than max_keys buckets: full ones are dropped first, then
 *     the fullest, so an attacker inventing names cannot grow memory without bound. */
#include "config.h"

#include "pw-server-ratelimit.h"

typedef struct
{
  double tokens;
  gint64 updated_us;
} Bucket;

struct _PwRateLimit
{
  double      burst;
  double      interval_us;
  guint       max_keys;
  GHashTable *buckets;
};

PwRateLimit *
pw_rate_limit_new (double burst, double interval, guint max_keys)
{
  PwRateLimit *self = g_new0 (PwRateLimit, 1);

  self->burst = MAX (burst, 1.0);
  self->interval_us = MAX (interval, 0.000001) * G_USEC_PER_SEC;
  self->max_keys = MAX (max_keys, 16);
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
pw_rate_limit_free (PwRateLimit *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

static void
refill (PwRateLimit *self, Bucket *b, gint64 now_us)
{
  if (now_us > b->updated_us)
    {
      b->tokens = MIN (self->burst, b->tokens + (double) (now_us - b->updated_us) / self->interval_us);
      b->updated_us = now_us;
    }
}

static void
prune (PwRateLimit *self, gint64 now_us)
{
  GHashTableIter iter;
  gpointer value;
  double threshold = self->burst;

  /* drop full buckets; if that is not enough, the fuller half, until there is room */
  while (g_hash_table_size (self->buckets) >= self->max_keys && threshold > -1e9)
    {
      g_hash_table_iter_init (&iter, self->buckets);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          Bucket *b = value;
          refill (self, b, now_us);
          if (b->tokens >= threshold)
            g_hash_table_iter_remove (&iter);
        }
      threshold = threshold > 0 ? threshold / 2 - 1 : threshold * 2 - 1;
    }
}

static Bucket *
lookup (PwRateLimit *self, const char *key, gint64 now_us)
{
  Bucket *b = g_hash_table_lookup (self->buckets, key);

  if (b == NULL)
    {
      if (g_hash_table_size (self->buckets) >= self->max_keys)
        prune (self, now_us);
      b = g_new0 (Bucket, 1);
      b->tokens = self->burst;
      b->updated_us = now_us;
      g_hash_table_insert (self->buckets, g_strdup (key), b);
    }
  refill (self, b, now_us);
  return b;
}

gboolean
pw_rate_limit_reserve (PwRateLimit *self, const char *key, gint64 now_us, gint64 max_wait_us,
                       gint64 *wait_us)
{
  Bucket *b = lookup (self, key, now_us);
  double after = b->tokens - 1.0;
  gint64 wait = after >= 0 ? 0 : (gint64) (-after * self->interval_us);

  if (wait > max_wait_us)
    {
      /* when a reservation with the same allowance to wait will succeed */
      *wait_us = MAX ((gint64) ((1.0 - b->tokens) * self->interval_us) - max_wait_us, 1);
      return FALSE;
    }
  b->tokens = after;
  *wait_us = wait;
  return TRUE;
}

void
pw_rate_limit_release (PwRateLimit *self, const char *key, gint64 now_us)
{
  Bucket *b = g_hash_table_lookup (self->buckets, key);

  if (b == NULL)
    return;
  refill (self, b, now_us);
  b->tokens = MIN (self->burst, b->tokens + 1.0);
}

gboolean
pw_rate_limit_is_full (PwRateLimit *self, const char *key, gint64 now_us)
{
  Bucket *b = g_hash_table_lookup (self->buckets, key);

  if (b == NULL)
    return TRUE;
  refill (self, b, now_us);
  return b->tokens >= self->burst;
}

guint
pw_rate_limit_size (PwRateLimit *self)
{
  return g_hash_table_size (self->buckets);
}
