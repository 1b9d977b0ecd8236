/* pw-svg-import.h — floor plans drawn as SVG: closed shapes become rooms
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rooms are the closed, filled shapes (rect, circle, ellipse, polygon, closed path
 * subpaths; a path's inner subpaths are holes), or any closed shape inside a group
 * marked as rooms. Open paths and lines are walls and are skipped. A <text> whose
 * anchor lies in a room names it. IfcConvert's SVG (IfcBuildingStorey groups holding
 * IfcSpace groups) gives a level per storey. Coordinates stay in the drawing's user
 * units with needs_scale set, unless the root states a physical size (mm, cm, in)
 * together with a viewBox.
 */
#pragma once

#include <glib.h>

#include "pw-import.h"

G_BEGIN_DECLS

/* Reads SVG from memory. @source_name names the file in messages and in the doc. */
PwImportDoc *pw_svg_import_bytes (const char  *data,
                                  gsize        len,
                                  const char  *source_name,
                                  GError     **error);

/* Reads an SVG file, refusing one larger than PW_IMPORT_MAX_FILE_BYTES before reading it. */
PwImportDoc *pw_svg_import_file  (const char  *path,
                                  GError     **error);

G_END_DECLS
