/* pw-ring.h — the rings every floor-plan importer makes: tidied, measured, oriented
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ring is a GArray of PwPoint, open: the first point is not repeated at the end.
 * The SVG, IFC and indoor GeoJSON importers (src/plan) all go through these
 * functions, so a room outline is cleaned the same way whatever file it came from
 * (docs/plans.md, "How importers clean outlines"); PwPolygon measures its rings
 * with pw_ring_area2() too.
 *
 * Invariants after pw_ring_tidy():
 *  1. No two neighbours (the last and the first included, for a closed ring) lie
 *     within eps of each other.
 *  2. Unless PW_RING_KEEP_STRAIGHT is given, no point of a closed ring lies within
 *     eps of the line through its neighbours: points on a straight run and spikes
 *     that run back over themselves are gone; they change no area but read as
 *     self-intersections.
 *  3. Areas are taken relative to the ring's first point, so a drawing placed far
 *     from the origin (site coordinates, map projections) keeps its precision.
 */
#pragma once

#include <glib.h>

#include "pw-geometry.h"

G_BEGIN_DECLS

typedef enum
{
  PW_RING_CLOSED        = 0,
  PW_RING_OPEN          = 1 << 0,  /* a polyline: no wrap-around, no straight runs dropped */
  PW_RING_KEEP_STRAIGHT = 1 << 1,  /* drop repeated points only */
} PwRingFlags;

guint   pw_ring_tidy   (GArray        *ring,
                        double         eps,
                        PwRingFlags    flags);
double  pw_ring_area2  (const PwPoint *points,
                        guint          n);
double  pw_ring_area   (const GArray  *ring);
void    pw_ring_orient (GArray        *ring,
                        gboolean       counter_clockwise);

G_END_DECLS
