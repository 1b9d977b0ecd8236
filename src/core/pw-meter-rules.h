/* pw-meter-rules.h — the validator of meters, readings, tariffs and loss rules
 * (docs/meters.md, "Rules a record must meet")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apart from pw-meter.h so that the ledger's validator chain need not see the
 * utility engine's types. */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

/* Readings of the last this many intervals are the history a new one is judged by. */
#define PW_METER_HISTORY 6

/* The validator of meter, meter_replacement, meter_reading, tariff and
 * meter_loss records; TRUE for other entities. */
gboolean    pw_meter_validate        (PwStore     *store,
                                      const char  *entity,
                                      JsonObject  *row,
                                      JsonObject  *before,
                                      GError     **error);

G_END_DECLS
