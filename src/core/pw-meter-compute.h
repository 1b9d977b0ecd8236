/* pw-meter-compute.h — a month of the store's meters computed by the utility engine
 * (docs/meters.md, "Computing a month")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apart from pw-meter.h: the engine's types (pw-utility.h) and the leases' share
 * a name (PwTaxCode), so a file sees one or the other. */
#pragma once

#include "pw-store.h"
#include "pw-utility.h"

G_BEGIN_DECLS

/* The park's active meters, their readings up to the month's end (and far
 * enough back for history and yearly tiers), its tariffs and loss rules, as
 * the utility engine's input for @year-@month. Customers are customer ids. */
PwUtilityInput  *pw_meter_utility_input (PwStore     *store,
                                         const char  *park_id,
                                         guint        year,
                                         guint        month,
                                         GError     **error);
/* pw_meter_utility_input() without the engine's checks, which pw_utility_compute()
 * makes (a bill run computes the month at once); *@name is where the month comes from,
 * as messages name it ("park LSP, 2026-11"). */
PwUtilityInput  *pw_meter_utility_input_unchecked (PwStore     *store,
                                                   const char  *park_id,
                                                   guint        year,
                                                   guint        month,
                                                   char       **name,
                                                   GError     **error);
/* The same month as the JSON text `parkwise-cli utility` reads (docs/utility-format.md,
 * with its readings): computed from it, it gives what pw_meter_compute() gives. */
char            *pw_meter_utility_json  (PwStore     *store,
                                         const char  *park_id,
                                         guint        year,
                                         guint        month,
                                         GError     **error);
/* pw_meter_utility_input() computed with pw_utility_compute(). */
PwUtilityResult *pw_meter_compute       (PwStore     *store,
                                         const char  *park_id,
                                         guint        year,
                                         guint        month,
                                         GError     **error);

G_END_DECLS
