/* pw-sync-button.h — the header bar's sync status and its popover
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-sync-service.h"

G_BEGIN_DECLS

#define PW_TYPE_SYNC_BUTTON (pw_sync_button_get_type ())
G_DECLARE_FINAL_TYPE (PwSyncButton, pw_sync_button, PW, SYNC_BUTTON, GtkWidget)

GtkWidget   *pw_sync_button_new         (PwSyncService *service);
/* The words the button shows now ("Synced", "3 pending", "Offline", …). */
const char  *pw_sync_button_get_label   (PwSyncButton  *self);

G_END_DECLS
