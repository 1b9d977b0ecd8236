/* pw-svg-path.h — SVG path data (the d attribute) as flattened subpaths
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command of SVG 1.1 path data, absolute and relative (M L H V C S Q T A Z),
 * with implicit repeated coordinates, packed numbers ("10-5", "0.5.5", "1e-3") and
 * packed arc flags ("a1 1 0 00 10 10"). Curves and arcs become straight segments
 * that stay within a tolerance of the true curve. Nothing here knows about XML.
 */
#pragma once

#include <glib.h>

#include "pw-geometry.h"
#include "pw-plan-error.h"

G_BEGIN_DECLS

/* Largest |number| accepted in path data; beyond it a drawing is not a floor plan. */
#define PW_SVG_PATH_MAX_NUMBER 1e12
/* Most segments one curve or arc is split into, whatever the tolerance. */
#define PW_SVG_PATH_MAX_SEGMENTS 1024

typedef struct
{
  GArray   *points;  /* of PwPoint; a closed subpath does not repeat its first point */
  gboolean  closed;  /* ended by Z, or came back to where it started */
} PwSvgSubpath;

void       pw_svg_subpath_free (PwSvgSubpath *subpath);

/* Parses @d (NUL-terminated) into a GPtrArray of PwSvgSubpath*, which owns them.
 * @tolerance: largest distance, in path units, between a curve and its segments.
 * @max_points: a limit on the points of all subpaths together (0 for the default,
 * PW_IMPORT_MAX_POINTS).
 * On failure returns NULL, sets @error (PW_PLAN_ERROR_PARSE, or
 * PW_PLAN_ERROR_LIMIT past @max_points) and, if @error_offset is not NULL, the
 * byte offset in @d where the trouble starts. Empty path data gives an empty array. */
GPtrArray *pw_svg_path_parse   (const char *d,
                                double      tolerance,
                                guint       max_points,
                                gsize      *error_offset,
                                GError    **error);

/* Reads one SVG number at *@pos (sign, digits, fraction, exponent) and advances
 * past it. FALSE, leaving *@pos alone, when there is none there or it is not finite. */
gboolean   pw_svg_read_number  (const char **pos,
                                double      *value);

/* Appends to @points the segments approximating the ellipse centred at (@cx, @cy)
 * with radii @rx, @ry, starting at angle 0 and going round once. */
void       pw_svg_flatten_ellipse (GArray *points,
                                   double  cx,
                                   double  cy,
                                   double  rx,
                                   double  ry,
                                   double  tolerance);

G_END_DECLS
