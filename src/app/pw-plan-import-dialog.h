/* pw-plan-import-dialog.h — importing a drawing: scale, destination floors, preview
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"
#include "pw-plan-import.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_IMPORT_DIALOG (pw_plan_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanImportDialog, pw_plan_import_dialog, PW, PLAN_IMPORT_DIALOG, AdwWindow)

/* Asks for an SVG, IFC or indoor GeoJSON file, reads it on a worker thread and
 * shows the preview. */
void        pw_plan_import_run          (GtkWindow   *parent,
                                         PwStore     *store,
                                         const char  *park_id);

/* The preview of @doc (taken) for the park @park_id of @store. Emits "imported"
 * after a successful write. */
GtkWidget  *pw_plan_import_dialog_new   (PwStore     *store,
                                         const char  *park_id,
                                         PwImportDoc *doc);
/* For tests and the window: the mapping shown, or NULL while the drawing has no
 * scale or no building is chosen. */
PwPlanImport *pw_plan_import_dialog_get_import (PwPlanImportDialog *self);
gboolean    pw_plan_import_dialog_set_scale    (PwPlanImportDialog *self,
                                                double              metres_per_unit);
gboolean    pw_plan_import_dialog_commit       (PwPlanImportDialog *self,
                                                GError            **error);
/* What the import wrote, for its Undo (owned by the dialog); NULL before. */
PwChange   *pw_plan_import_dialog_get_change   (PwPlanImportDialog *self);

G_END_DECLS
