/* fuzz-svg.c — libFuzzer target for the whole SVG floor-plan importer on bytes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdint.h>

#include "pw-svg-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_svg_import_bytes ((const char *) data, size, "fuzz.svg", &error);

  g_assert ((doc == NULL) != (error == NULL));
  if (doc == NULL)
    {
      g_assert (error->domain == PW_PLAN_ERROR);
      g_assert (error->message != NULL && error->message[0] != '\0');
      return 0;
    }
  g_assert (pw_import_doc_count_rooms (doc) > 0);
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);

          g_assert (room->source_id != NULL);
          if (room->polygon != NULL)
            g_assert (isfinite (pw_polygon_area (room->polygon)));
        }
    }
  {
    g_autofree char *json = pw_import_doc_to_json (doc);

    g_assert (json != NULL);
  }
  return 0;
}
