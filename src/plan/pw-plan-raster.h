/* pw-plan-raster.h — rooms written straight into an image surface, for views of many small rooms
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to the renderer. Zoomed out on a large floor, cairo spends most of a
 * frame sorting tens of thousands of boxes and stroking as many outlines; rooms a
 * few pixels wide need none of that. This fills and outlines them pixel by pixel,
 * without antialiasing, as cairo does with CAIRO_ANTIALIAS_NONE (a pixel is
 * covered when its centre is): fills overwrite, outlines mark a mask and every
 * marked pixel is blended once at the end, as one stroke of every outline
 * would. A pixel's value depends only on the rooms that cover it, so any part of
 * the view redraws exactly as the whole view drew it.
 */
#pragma once

#include <cairo.h>

#include "pw-geometry.h"

G_BEGIN_DECLS

typedef struct _PwPlanRaster PwPlanRaster;

/* Starts writing into @cr's target, or NULL when that cannot be done exactly: a
 * surface other than an ARGB32/RGB24 image, a transformation other than a shift
 * by whole pixels, a clip other than one rectangle of whole pixels, or a group
 * pushed. Coordinates given later are @cr's user space (device units). */
PwPlanRaster *pw_plan_raster_begin         (cairo_t         *cr);
/* What the next fills put down: an opaque colour (0xRRGGBB), or the pixels of
 * @tile (a square, opaque, flushed image surface the caller keeps alive while it
 * is in use; may be NULL) repeated from the user-space origin. Cheap: call it for
 * every room. */
void          pw_plan_raster_set_fill      (PwPlanRaster    *raster,
                                            guint32          rgb,
                                            cairo_surface_t *tile);
void          pw_plan_raster_fill_box      (PwPlanRaster    *raster,
                                            double           x0,
                                            double           y0,
                                            double           x1,
                                            double           y1);
/* Fills rings (even-odd), each of @n[k] points of @pts scaled by @scale and shifted. */
void          pw_plan_raster_fill_rings    (PwPlanRaster    *raster,
                                            const PwPoint  **rings,
                                            const guint     *n,
                                            guint            n_rings,
                                            double           scale,
                                            double           ox,
                                            double           oy);
/* Outlines the rings (or a box) one pixel wide. */
void          pw_plan_raster_outline_rings (PwPlanRaster    *raster,
                                            const PwPoint  **rings,
                                            const guint     *n,
                                            guint            n_rings,
                                            double           scale,
                                            double           ox,
                                            double           oy);
void          pw_plan_raster_outline_box   (PwPlanRaster    *raster,
                                            double           x0,
                                            double           y0,
                                            double           x1,
                                            double           y1);
/* The pixel columns (left, right) and rows (top, bottom) a box's outline covers,
 * for pw_plan_raster_outline_edges(), which outlines them as outline_box() would:
 * a renderer that fills boxes first keeps these instead of the rooms. */
void          pw_plan_raster_box_edges     (PwPlanRaster    *raster,
                                            double           x0,
                                            double           y0,
                                            double           x1,
                                            double           y1,
                                            int              edges[4]);
void          pw_plan_raster_outline_edges (PwPlanRaster    *raster,
                                            const int        edges[4]);
/* The outlines' colour (0xRRGGBB) and opacity, one for all of them. Outlines
 * must come after every fill: they mark the pixels they cover, and
 * pw_plan_raster_end() blends each marked pixel once. */
void          pw_plan_raster_set_outline   (PwPlanRaster    *raster,
                                            guint32          rgb,
                                            double           alpha);
/* Hands the pixels back to cairo and frees @raster. */
void          pw_plan_raster_end           (PwPlanRaster    *raster);

G_END_DECLS
