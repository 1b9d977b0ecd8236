/* pw-server-dialog.h — connecting this database to a Parkwise server
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-sync-service.h"

G_BEGIN_DECLS

#define PW_TYPE_SERVER_DIALOG (pw_server_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwServerDialog, pw_server_dialog, PW, SERVER_DIALOG, AdwWindow)

GtkWidget *pw_server_dialog_new (GtkWindow     *parent,
                                 PwSyncService *service);

G_END_DECLS
