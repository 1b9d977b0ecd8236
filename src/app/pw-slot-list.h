/* pw-slot-list.h — a list of row slots over a list model, for GTK 4.8's list
 * views to rebind their rows instead of rebuilding them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_SLOT (pw_slot_get_type ())
G_DECLARE_FINAL_TYPE (PwSlot, pw_slot, PW, SLOT, GObject)

/* The item of the model at the slot's position; "notify::item" says it changed. */
gpointer     pw_slot_get_item     (PwSlot     *self);

#define PW_TYPE_SLOT_LIST (pw_slot_list_get_type ())
G_DECLARE_FINAL_TYPE (PwSlotList, pw_slot_list, PW, SLOT_LIST, GObject)

PwSlotList  *pw_slot_list_new     (GListModel *model);

G_END_DECLS
