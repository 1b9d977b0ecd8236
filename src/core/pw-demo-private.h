/* pw-demo-private.h — what the parts of the demo park share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/* The demo park's meters, tariffs, loss rule and twelve months of readings up to the
 * current month, in one transaction of their own (pw-demo-meters.c). */
gboolean pw_demo_seed_meters (PwStore     *store,
                              const char  *park_id,
                              GError     **error);

/* The sellers' bank accounts, then the bill runs of the twelve complete months before
 * today with their bills sent and paid, most on time, some late, a few not
 * (pw-demo-billing.c); each run its own transaction. */
gboolean pw_demo_seed_billing (PwStore     *store,
                               const char  *park_id,
                               const char  *landlord,
                               const char  *property,
                               GError     **error);

G_END_DECLS
