/* pw-undo-toast.h — a toast with an Undo button for a change just committed
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"

G_BEGIN_DECLS

/* The action the Undo buttons activate, on the toast overlay, with the change's
 * number as its "t" target. */
#define PW_UNDO_TOAST_ACTION "undo.undo"

/* Shows @title as a toast in the toast overlay of @anywhere (its nearest
 * ancestor; for a widget in a dialog, the one shown in the window the dialog is
 * for), with an Undo button when @change is not NULL. Undo applies
 * pw_store_undo() and says in another toast that it was undone or why it could
 * not be. Returns the toast (owned by the overlay), or NULL when there is no
 * overlay to show it in. */
AdwToast        *pw_undo_toast_show         (GtkWidget  *anywhere,
                                             PwStore    *store,
                                             PwChange   *change,
                                             const char *title);
/* The toast overlay pw_undo_toast_show() would use for @anywhere, or NULL. */
AdwToastOverlay *pw_undo_toast_find_overlay (GtkWidget  *anywhere);

G_END_DECLS
