/* pw-equipment-dialog.h — add a piece of equipment, or retire one
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"
#include "pw-equipment.h"

G_BEGIN_DECLS

#define PW_TYPE_EQUIPMENT_DIALOG (pw_equipment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwEquipmentDialog, pw_equipment_dialog, PW, EQUIPMENT_DIALOG, AdwWindow)

/* A New Equipment dialog for @park_id (NULL: the first park). */
PwEquipmentDialog *pw_equipment_dialog_new_add    (GtkWindow   *parent,
                                                   PwStore     *store,
                                                   const char  *park_id);
/* A Retire dialog for @item: a date (today) and a reason. */
PwEquipmentDialog *pw_equipment_dialog_new_retire (GtkWindow   *parent,
                                                   PwStore     *store,
                                                   PwEquipment *item);

/* The entry row of a field, named as core names it: "code", "name",
 * "category", "serial", "install_date", "space_id" (holds a space code),
 * "original_value"; or "date" and "reason" when retiring. */
AdwEntryRow       *pw_equipment_dialog_get_row    (PwEquipmentDialog *self,
                                                   const char        *field);
/* The message shown under a field, NULL when none. */
const char        *pw_equipment_dialog_get_field_error (PwEquipmentDialog *self,
                                                        const char        *field);

/* Applies the form through core; on a refusal shows the message under its
 * field (or above the form) and returns FALSE with @error set. The
 * "equipment-dialog.apply" action does this and closes the dialog on success.
 * The "done" signal carries the item's id. */
gboolean           pw_equipment_dialog_apply      (PwEquipmentDialog *self,
                                                   GError           **error);
/* What the add or retirement applied wrote, for its Undo (owned by the
 * dialog); NULL before. */
PwChange          *pw_equipment_dialog_get_change (PwEquipmentDialog *self);

G_END_DECLS
