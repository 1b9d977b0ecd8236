/* pw-equipment.h — the equipment of the asset ledger: lifts, chillers, pumps…
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pw-ledger-enums.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_EQUIPMENT (pw_equipment_get_type ())
G_DECLARE_FINAL_TYPE (PwEquipment, pw_equipment, PW, EQUIPMENT, GObject)

/* A read-only snapshot of one item: change it through pw_equipment_* below,
 * then reload. Properties carry the names of the getters ("code",
 * "status-label", "install-date", "location", …) so that list views can sort
 * and filter through GtkPropertyExpression. Absent ids (floor, space) are NULL;
 * absent text ("serial", "install-date", "location") is "". */
const char        *pw_equipment_get_id             (PwEquipment *self);
gint64             pw_equipment_get_version        (PwEquipment *self);
const char        *pw_equipment_get_park_id        (PwEquipment *self);
const char        *pw_equipment_get_floor_id       (PwEquipment *self);
const char        *pw_equipment_get_space_id       (PwEquipment *self);
const char        *pw_equipment_get_code           (PwEquipment *self);
const char        *pw_equipment_get_name           (PwEquipment *self);
/* The stored identifier ("fire_pump") and its translated label ("Fire pump"). */
const char        *pw_equipment_get_category       (PwEquipment *self);
const char        *pw_equipment_get_category_label (PwEquipment *self);
PwEquipmentStatus  pw_equipment_get_status         (PwEquipment *self);
const char        *pw_equipment_get_status_label   (PwEquipment *self);
const char        *pw_equipment_get_serial         (PwEquipment *self);
const char        *pw_equipment_get_install_date   (PwEquipment *self);
/* Where it stands: building · floor · space code and name, e.g.
 * "T1 · B1 · T1-B1-003 Transformer room"; shorter when it has no space. */
const char        *pw_equipment_get_location       (PwEquipment *self);
/* The original value (原值) in minor units of pw_equipment_get_currency()
 * (fen for CNY), -1 when it is not known. Property "original-value". */
gint64             pw_equipment_get_original_value (PwEquipment *self);
/* The ISO 4217 code of the park's currency ("CNY"). Property "currency". */
const char        *pw_equipment_get_currency       (PwEquipment *self);

/* The translated label of a category identifier; an unknown category is
 * shown as it was typed. */
const char        *pw_equipment_category_get_label (const char  *category);

/* Every item of @park_id (NULL: the first park), ordered by code: a new
 * array of PwEquipment, or NULL with @error set. */
GPtrArray         *pw_equipment_load_all           (PwStore     *store,
                                                    const char  *park_id,
                                                    GError     **error);

/* Changes the status, with a reason, in one transaction: the update of the
 * item and a lifecycle event ("changed", or "disposed"), dated today. */
gboolean           pw_equipment_change_status      (PwStore            *store,
                                                    const char         *id,
                                                    gint64              base_version,
                                                    PwEquipmentStatus   status,
                                                    const char         *reason,
                                                    GError            **error);

/* Edits name, category, serial, install_date, space_id, floor_id and
 * original_value (field names as in the equipment table); @fields holds only
 * what changes. original_value is an integer of minor units of the park's
 * currency (pw_money_parse() reads one from text), or null for unknown; the
 * ledger refuses a negative or fractional one. A space without a floor places
 * the item on the space's floor. The status is changed with
 * pw_equipment_change_status() instead. */
gboolean           pw_equipment_update             (PwStore     *store,
                                                    const char  *id,
                                                    gint64       base_version,
                                                    JsonObject  *fields,
                                                    GError     **error);

/* Adds an item to @park_id (NULL: the first park) with its "created" lifecycle
 * event, in one transaction. @fields: code, name and category (required);
 * serial, install_date (not in the future), space_id, floor_id, original_value
 * and status (default in_service) optional; empty texts count as absent. The
 * code is unique in the park. Returns the new id, or NULL with @error naming
 * its field (pw_ledger_error_get_field()). */
char              *pw_equipment_create             (PwStore     *store,
                                                    const char  *park_id,
                                                    JsonObject  *fields,
                                                    GError     **error);

/* Retires an item (docs/equipment.md): its status becomes disposed and a
 * "disposed" lifecycle event keeps @date (YYYY-MM-DD, not in the future nor
 * before the installation) and @reason (required), in one transaction. Errors
 * name their field: "date", "reason" or "status" (already retired). */
gboolean           pw_equipment_retire             (PwStore     *store,
                                                    const char  *id,
                                                    gint64       base_version,
                                                    const char  *date,
                                                    const char  *reason,
                                                    GError     **error);

/* The ISO 4217 code of @park_id's currency (NULL: the first park), in which
 * an original value is given. */
char              *pw_equipment_get_park_currency  (PwStore     *store,
                                                    const char  *park_id,
                                                    GError     **error);

/* Whether pw_equipment_retire() can apply: the item is not retired yet. */
gboolean           pw_equipment_can_retire         (PwEquipment *self);

G_END_DECLS
