/* pw-equipment-page.h — the equipment of the asset ledger: a searchable,
 * sortable list and a side pane to change the selected item's status
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-equipment.h"

G_BEGIN_DECLS

#define PW_TYPE_EQUIPMENT_PAGE (pw_equipment_page_get_type ())
G_DECLARE_FINAL_TYPE (PwEquipmentPage, pw_equipment_page, PW, EQUIPMENT_PAGE, GtkWidget)

GtkWidget   *pw_equipment_page_new                (void);
void         pw_equipment_page_set_store          (PwEquipmentPage   *self,
                                                   PwStore           *store);
PwStore     *pw_equipment_page_get_store          (PwEquipmentPage   *self);
/* The park whose equipment is listed; NULL for the first park. */
void         pw_equipment_page_set_park_id        (PwEquipmentPage   *self,
                                                   const char        *park_id);
void         pw_equipment_page_focus_search       (PwEquipmentPage   *self);

/* Reloads the items from the store now (a change of the store schedules the
 * same on idle), keeping the selected item. */
void         pw_equipment_page_reload             (PwEquipmentPage   *self);

/* Filters: the search matches code, name, category and serial; -1 for all statuses. */
void         pw_equipment_page_set_search_text    (PwEquipmentPage   *self,
                                                   const char        *text);
void         pw_equipment_page_set_status_filter  (PwEquipmentPage   *self,
                                                   int                status);

/* The items as the list shows them: filtered and sorted (PwEquipment). */
GListModel  *pw_equipment_page_get_visible_items  (PwEquipmentPage   *self);
gboolean     pw_equipment_page_select_item        (PwEquipmentPage   *self,
                                                   const char        *equipment_id);
PwEquipment *pw_equipment_page_get_selected_item  (PwEquipmentPage   *self);

/* The change of status of the selected item, as the side pane's controls do
 * it: fills in the new status and the reason, and returns whether the change
 * can be applied; then applies it as the "Change Status" button would. */
gboolean     pw_equipment_page_set_change_values  (PwEquipmentPage   *self,
                                                   PwEquipmentStatus  status,
                                                   const char        *reason);
gboolean     pw_equipment_page_apply_change       (PwEquipmentPage   *self,
                                                   GError           **error);

/* The accessible name of an item's row: "T1-EQ-003, Passenger lift 3, under repair". */
char        *pw_equipment_page_describe_item      (PwEquipment       *item);

G_END_DECLS
