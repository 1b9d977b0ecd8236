/* pw-conflicts-dialog.h — sync conflicts and refused changes, resolved one by one
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-sync-service.h"

G_BEGIN_DECLS

#define PW_TYPE_CONFLICTS_DIALOG (pw_conflicts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwConflictsDialog, pw_conflicts_dialog, PW, CONFLICTS_DIALOG, AdwWindow)

GtkWidget *pw_conflicts_dialog_new    (GtkWindow     *parent,
                                       PwSyncService *service);
/* The number of conflicts listed. */
guint      pw_conflicts_dialog_count  (PwConflictsDialog *self);

G_END_DECLS
