/* fuzz-svg-path.c — libFuzzer target for the SVG path data reader (pw-svg-path)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdint.h>

#include "pw-import.h"
#include "pw-svg-path.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *d = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) subpaths = NULL;
  gsize offset = G_MAXSIZE;
  guint total = 0;

  /* a coarse tolerance and a small point budget keep each run fast */
  subpaths = pw_svg_path_parse (d, 0.5, 20000, &offset, &error);

  /* either subpaths or an error with its place in d, never both, never neither */
  g_assert ((subpaths == NULL) != (error == NULL));
  if (subpaths == NULL)
    {
      g_assert (offset <= strlen (d));
      g_assert (error->domain == PW_PLAN_ERROR);
      return 0;
    }
  for (guint i = 0; i < subpaths->len; i++)
    {
      PwSvgSubpath *sub = g_ptr_array_index (subpaths, i);
      const PwPoint *pts = (const PwPoint *) sub->points->data;
      guint n = sub->points->len;

      g_assert (n >= 2);
      total += n;
      for (guint k = 0; k < n; k++)
        {
          g_assert (isfinite (pts[k].x) && isfinite (pts[k].y));
          if (k > 0)
            g_assert (pts[k].x != pts[k - 1].x || pts[k].y != pts[k - 1].y);
        }
      if (sub->closed)
        g_assert (pts[0].x != pts[n - 1].x || pts[0].y != pts[n - 1].y);
    }
  g_assert (total <= 20000);
  return 0;
}
