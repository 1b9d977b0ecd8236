/* fuzz-outline.c — libFuzzer target for the outline JSON reader (pw-geometry)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>

#include "pw-geometry.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwPolygon) polygon = pw_polygon_new_from_json (text, &error);

  /* a reader either returns a polygon or says why, never both, never neither */
  g_assert ((polygon == NULL) != (error == NULL));
  if (polygon != NULL)
    {
      double x0, y0, x1, y1;
      g_autofree char *again = NULL;

      pw_polygon_bounds (polygon, &x0, &y0, &x1, &y1);
      (void) pw_polygon_area (polygon);
      (void) pw_polygon_contains (polygon, (x0 + x1) / 2, (y0 + y1) / 2);
      again = pw_polygon_to_json (polygon);
      g_assert (again != NULL);
    }
  return 0;
}
