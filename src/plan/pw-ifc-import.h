/* pw-ifc-import.h — storeys and spaces from IFC models (IFC2X3, IFC4) in STEP form
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-import.h"
#include "pw-step.h"

G_BEGIN_DECLS

/* A level per IfcBuildingStorey (by elevation), a room per IfcSpace with its
 * footprint in metres (y down) and the areas its quantity and property sets
 * declare, converted by the project's units. Problems with one space become
 * warnings on its room; a malformed or hostile file is refused with an error
 * naming the line and #id. */
PwImportDoc *pw_ifc_import_file  (const char  *path,
                                  GError     **error);
PwImportDoc *pw_ifc_import_bytes (GBytes      *bytes,
                                  const char  *source_name,
                                  GError     **error);
PwImportDoc *pw_ifc_import_step  (PwStepFile  *step,
                                  const char  *source_name,
                                  GError     **error);

G_END_DECLS
