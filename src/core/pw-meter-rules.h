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

/* Inside the caller's transaction, before it writes many readings of the park's meters
 * dated @from or later (an import): the meters' facts and the readings the validator
 * judges those by (each meter's readings from @from on, and its PW_METER_HISTORY + 2
 * before) are read at once, set-based, and the validator takes them from memory
 * instead of two queries per reading. Each reading written is then added with
 * pw_meter_validate_memo_add(); pw_meter_validate_memo_end() before COMMIT or
 * ROLLBACK. Readings of a meter that has been replaced are still checked with
 * queries. */
gboolean    pw_meter_validate_memo_begin (PwStore     *store,
                                          const char  *park_id,
                                          const char  *from,
                                          GError     **error);
void        pw_meter_validate_memo_add   (PwStore     *store,
                                          const char  *id,
                                          const char  *meter_id,
                                          const char  *date,
                                          const char  *reg_values,
                                          gboolean     rollover);
void        pw_meter_validate_memo_end   (PwStore     *store);

G_END_DECLS
