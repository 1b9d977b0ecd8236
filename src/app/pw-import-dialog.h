/* pw-import-dialog.h — CSV import (with a preview of every problem) and export of spaces
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"
#include "pw-csv.h"

G_BEGIN_DECLS

#define PW_TYPE_IMPORT_PREVIEW (pw_import_preview_get_type ())
G_DECLARE_FINAL_TYPE (PwImportPreview, pw_import_preview, PW, IMPORT_PREVIEW, AdwWindow)

/* Asks for a file, reads it without blocking, checks it and shows the preview. */
void       pw_import_csv_run      (GtkWindow   *parent,
                                   PwStore     *store,
                                   const char  *park_id);
/* Asks where to save and writes every space of the park as CSV. */
void       pw_export_csv_run      (GtkWindow   *parent,
                                   PwStore     *store,
                                   const char  *park_id);

/* The preview window for a prepared import; takes ownership of @import.
 * Emits "imported" after a successful commit. */
GtkWidget *pw_import_preview_new  (PwStore     *store,
                                   PwCsvImport *import);
gboolean   pw_import_preview_can_import (PwImportPreview *self);
gboolean   pw_import_preview_commit     (PwImportPreview *self,
                                         GError         **error);
/* What the import wrote, for its Undo (owned by the preview); NULL before. */
PwChange  *pw_import_preview_get_change (PwImportPreview *self);

G_END_DECLS
