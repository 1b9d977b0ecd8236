/* fuzz-geojson.c — libFuzzer target for the indoor GeoJSON reader (WRLD, IMDF)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "pw-geojson-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_geojson_import_bytes ((const char *) data, size,
                                                        "fuzz.geojson", &error);

  /* a reader either returns a document or says why, never both, never neither */
  g_assert ((doc == NULL) != (error == NULL));
  if (error != NULL)
    g_assert (g_str_has_prefix (error->message, "fuzz.geojson"));
  if (doc != NULL)
    {
      g_autofree char *json = pw_import_doc_to_json (doc);

      g_assert (json != NULL);
      for (guint i = 0; i < doc->levels->len; i++)
        {
          PwImportLevel *level = g_ptr_array_index (doc->levels, i);

          for (guint r = 0; r < level->rooms->len; r++)
            {
              PwImportRoom *room = g_ptr_array_index (level->rooms, r);

              g_assert (room->source_id != NULL);
              if (room->polygon != NULL)
                g_assert (pw_polygon_validate (room->polygon, NULL));
            }
        }
    }
  return 0;
}
