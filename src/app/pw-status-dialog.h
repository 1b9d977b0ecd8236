/* pw-status-dialog.h — change the status of one space, with a date and a reason
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"
#include "pw-ledger.h"

G_BEGIN_DECLS

#define PW_TYPE_STATUS_DIALOG (pw_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwStatusDialog, pw_status_dialog, PW, STATUS_DIALOG, AdwWindow)

/* A modal window over @parent. It applies the change itself and emits
 * "status-changed" after a successful write, then closes. */
PwStatusDialog *pw_status_dialog_new          (GtkWindow      *parent,
                                               PwStore        *store,
                                               PwSpace        *space);

/* For tests: the form's values. Returns whether the form is now valid. */
gboolean        pw_status_dialog_set_values   (PwStatusDialog *self,
                                               PwSpaceStatus   status,
                                               const char     *effective_date,
                                               const char     *reason);
gboolean        pw_status_dialog_is_valid     (PwStatusDialog *self);
gboolean        pw_status_dialog_apply        (PwStatusDialog *self,
                                               GError        **error);
/* What the change applied wrote, for its Undo (owned by the dialog); NULL before. */
PwChange       *pw_status_dialog_get_change   (PwStatusDialog *self);

G_END_DECLS
