/* pw-plan-viewport.h — where the plan canvas looks: zoom, position, conversions
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-plan-render.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_VIEWPORT (pw_plan_viewport_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanViewport, pw_plan_viewport, PW, PLAN_VIEWPORT, GObject)

/* The default zoom limits, in logical pixels per metre; the properties
 * "min-zoom" and "max-zoom" change them within PW_PLAN_ZOOM_FLOOR and
 * PW_PLAN_ZOOM_CEILING. */
#define PW_PLAN_MIN_ZOOM 0.05
#define PW_PLAN_MAX_ZOOM 400.0
#define PW_PLAN_ZOOM_FLOOR 0.001
#define PW_PLAN_ZOOM_CEILING 10000.0

PwPlanViewport *pw_plan_viewport_new         (void);
/* The plan to widget mapping in logical pixels. */
void            pw_plan_viewport_get_view    (PwPlanViewport *self,
                                              PwPlanView     *view);
double          pw_plan_viewport_get_zoom    (PwPlanViewport *self);
/* Sets the zoom, clamped to [min-zoom, max-zoom], keeping the centre of the
 * view still. */
void            pw_plan_viewport_set_zoom    (PwPlanViewport *self,
                                              double          zoom);
double          pw_plan_viewport_get_min_zoom (PwPlanViewport *self);
/* Raises max-zoom too when @min_zoom is above it; the zoom is clamped again. */
void            pw_plan_viewport_set_min_zoom (PwPlanViewport *self,
                                               double          min_zoom);
double          pw_plan_viewport_get_max_zoom (PwPlanViewport *self);
/* Lowers min-zoom too when @max_zoom is below it; the zoom is clamped again. */
void            pw_plan_viewport_set_max_zoom (PwPlanViewport *self,
                                               double          max_zoom);
void            pw_plan_viewport_set_size    (PwPlanViewport *self,
                                              double          width,
                                              double          height);
void            pw_plan_viewport_get_size    (PwPlanViewport *self,
                                              double         *width,
                                              double         *height);
void            pw_plan_viewport_pan         (PwPlanViewport *self,
                                              double          dx,
                                              double          dy);
/* Multiplies the zoom by @factor keeping the plan point under (@wx, @wy) still. */
void            pw_plan_viewport_zoom_at     (PwPlanViewport *self,
                                              double          factor,
                                              double          wx,
                                              double          wy);
/* Shows the plan rectangle whole, centred, with @margin logical pixels around. */
void            pw_plan_viewport_fit         (PwPlanViewport *self,
                                              double          x0,
                                              double          y0,
                                              double          x1,
                                              double          y1,
                                              double          margin);
void            pw_plan_viewport_to_plan     (PwPlanViewport *self,
                                              double         *x,
                                              double         *y);
void            pw_plan_viewport_to_widget   (PwPlanViewport *self,
                                              double         *x,
                                              double         *y);

G_END_DECLS
