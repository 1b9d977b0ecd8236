/* pw-server-ratelimit.h — token buckets keyed by text (account, address, both)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PwRateLimit PwRateLimit;

/* A bucket per key holds up to @burst tokens and gains one every @interval seconds.
 * At most @max_keys buckets are kept; full buckets carry no information and go first. */
PwRateLimit *pw_rate_limit_new      (double       burst,
                                     double       interval,
                                     guint        max_keys);
void         pw_rate_limit_free     (PwRateLimit *self);
/* Takes a token for @key. When none is left, a caller allowed to wait up to @max_wait_us
 * borrows one and is told in @wait_us how long to wait before going on; otherwise
 * FALSE and @wait_us says when a token will be there again. */
gboolean     pw_rate_limit_reserve  (PwRateLimit *self,
                                     const char  *key,
                                     gint64       now_us,
                                     gint64       max_wait_us,
                                     gint64      *wait_us);
/* Returns a token taken by a reservation that turned out not to count (a good password). */
void         pw_rate_limit_release  (PwRateLimit *self,
                                     const char  *key,
                                     gint64       now_us);
/* Whether @key's bucket is full: no reservation for it lately. */
gboolean     pw_rate_limit_is_full  (PwRateLimit *self,
                                     const char  *key,
                                     gint64       now_us);
guint        pw_rate_limit_size     (PwRateLimit *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwRateLimit, pw_rate_limit_free)

G_END_DECLS
