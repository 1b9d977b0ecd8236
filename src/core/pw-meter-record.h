/* pw-meter-record.h — one meter as the meter round shows it: code, kind, location,
 * registers and its last reading (docs/meters.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_METER_RECORD (pw_meter_record_get_type ())
G_DECLARE_FINAL_TYPE (PwMeterRecord, pw_meter_record, PW, METER_RECORD, GObject)

const char         *pw_meter_record_get_id           (PwMeterRecord *self);
const char         *pw_meter_record_get_code         (PwMeterRecord *self);
/* "electricity", "water", …; pw_meter_record_get_kind_label() translated */
const char         *pw_meter_record_get_kind         (PwMeterRecord *self);
const char         *pw_meter_record_get_kind_label   (PwMeterRecord *self);
/* the code of its space, floor or building; "" when none */
const char         *pw_meter_record_get_location     (PwMeterRecord *self);
const char         *pw_meter_record_get_unit         (PwMeterRecord *self);
gint64              pw_meter_record_get_route_order  (PwMeterRecord *self);
/* The time-of-use registers besides "total" (empty for a plain meter). */
const char *const  *pw_meter_record_get_registers    (PwMeterRecord *self);
/* The last reading's date and total; NULL when it has none. */
const char         *pw_meter_record_get_last_date    (PwMeterRecord *self);
const char         *pw_meter_record_get_last_total   (PwMeterRecord *self);
/* The last reading's value of @register ("total" or a register); NULL if none. */
const char         *pw_meter_record_get_last_value   (PwMeterRecord *self,
                                                      const char    *reg);

/* The active meters of @park_id in route order (pw_meter_list()), as
 * PwMeterRecord. */
GPtrArray          *pw_meter_records_load            (PwStore       *store,
                                                      const char    *park_id,
                                                      GError       **error);

G_END_DECLS
