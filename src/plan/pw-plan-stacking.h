/* pw-plan-stacking.h — a building's stacking plan: floors as rows, spaces as bars
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each floor is a row, the top floor on top, labelled with the floor's title on
 * the left; each room of the floor is a bar whose width is proportional to its
 * chargeable area, on one scale for the whole building, coloured by a lens as
 * the plan colours it. The widget, print and export all draw it from here.
 */
#pragma once

#include <cairo.h>

#include "pw-plan-render.h"

G_BEGIN_DECLS

/* Draws the stacking plan of @floors (PwPlanFloor, top floor first) into the
 * rectangle (0, 0, @width, @height); @today dates the expiry lens. */
void      pw_plan_draw_stacking       (cairo_t            *cr,
                                       GPtrArray          *floors,
                                       PwPlanLens          lens,
                                       const char         *today,
                                       const PwPlanStyle  *style,
                                       double              width,
                                       double              height);

/* The bar of room @room of floor @floor, in the same device units; FALSE when
 * that room has no bar (no chargeable area, or out of range). */
gboolean  pw_plan_stacking_get_bar    (GPtrArray          *floors,
                                       const PwPlanStyle  *style,
                                       double              width,
                                       double              height,
                                       guint               floor,
                                       guint               room,
                                       double             *x,
                                       double             *y,
                                       double             *bar_width,
                                       double             *bar_height);

/* The bar under (@x, @y): TRUE with its floor and room indices. */
gboolean  pw_plan_stacking_hit_test   (GPtrArray          *floors,
                                       const PwPlanStyle  *style,
                                       double              width,
                                       double              height,
                                       double              x,
                                       double              y,
                                       guint              *floor,
                                       guint              *room);

/* Height the plan wants for @n_floors rows at its natural row height. */
double    pw_plan_stacking_natural_height (guint             n_floors,
                                           const PwPlanStyle *style);

G_END_DECLS
