/* fuzz-ifc.c — libFuzzer target for the whole IFC importer on bytes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdint.h>

#include "pw-ifc-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_ifc_import_bytes (bytes, "fuzz.ifc", &error);

  g_assert ((doc == NULL) != (error == NULL));
  if (doc == NULL)
    return 0;
  for (guint l = 0; l < doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);

          g_assert (room->source_id != NULL);
          /* every polygon handed out has passed validation: its area is finite */
          if (room->polygon)
            g_assert (isfinite (pw_polygon_area (room->polygon)));
        }
    }
  g_free (pw_import_doc_to_json (doc));
  return 0;
}
