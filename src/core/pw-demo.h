/* pw-demo.h — the demo park, Lakeside Science Park
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-store.h"

G_BEGIN_DECLS

/* Fills an empty @store with the demo park, its customers, the contracts that
 * hold its leased spaces and prospects with quotes, in one transaction (then the
 * quotes' submissions and decisions), the same park every time and contracts
 * dated from today. Fails with PW_STORE_ERROR_INVALID when the store already
 * holds a park. */
gboolean    pw_demo_seed       (PwStore  *store,
                                GError  **error);

/* The code of the demo park ("LSP"). */
const char *pw_demo_park_code  (void);

G_END_DECLS
