/* pw-plan-outline.h — one room's outline drawn beside another version of it
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a sync conflict about a room's outline shows: each side drawn filled,
 * with the other side's outline dashed over it, both at one scale. */
#pragma once

#include <cairo.h>

#include "pw-geometry.h"

G_BEGIN_DECLS

/* Fits @outline and @other (either may be NULL) together into @width × @height
 * (device units, at one scale, as the plan draws floors), then fills @outline in @rgb (0xRRGGBB) and
 * draws @other's edges dashed in @ink. */
void  pw_plan_draw_outline_pair (cairo_t   *cr,
                                 double     width,
                                 double     height,
                                 PwPolygon *outline,
                                 PwPolygon *other,
                                 guint32    rgb,
                                 guint32    ink);

G_END_DECLS
