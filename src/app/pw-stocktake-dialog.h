/* pw-stocktake-dialog.h — record that a space was found (or not) as the ledger has it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"
#include "pw-ledger.h"

G_BEGIN_DECLS

#define PW_TYPE_STOCKTAKE_DIALOG (pw_stocktake_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwStocktakeDialog, pw_stocktake_dialog, PW, STOCKTAKE_DIALOG, AdwWindow)

/* A modal window over @parent. It records the stocktake itself and emits
 * "stocktake-recorded" after a successful write, then closes. */
PwStocktakeDialog *pw_stocktake_dialog_new             (GtkWindow         *parent,
                                                        PwStore           *store,
                                                        PwSpace           *space);
/* Shows the recorded area in square feet rather than square metres. */
void               pw_stocktake_dialog_set_square_feet (PwStocktakeDialog *self,
                                                        gboolean           square_feet);

/* For tests: the form's values (NULL leaves a text as it is). Returns whether
 * the form is now valid. */
gboolean           pw_stocktake_dialog_set_values      (PwStocktakeDialog *self,
                                                        const char        *date,
                                                        gboolean           found_as_recorded,
                                                        const char        *note);
gboolean           pw_stocktake_dialog_is_valid        (PwStocktakeDialog *self);
/* Records the stocktake; the note goes to the history prefixed with
 * "Found as recorded." or "Discrepancy:" (translated). */
gboolean           pw_stocktake_dialog_apply           (PwStocktakeDialog *self,
                                                        GError           **error);
/* What the stocktake recorded wrote, for its Undo (owned by the dialog); NULL before. */
PwChange          *pw_stocktake_dialog_get_change      (PwStocktakeDialog *self);

G_END_DECLS
