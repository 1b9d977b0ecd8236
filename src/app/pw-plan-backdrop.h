/* pw-plan-backdrop.h — the Plans page's Drawing menu: show or hide a floor's
 * drawing behind its rooms, its opacity, and Recalibrate Drawing…
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-plan-canvas.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_BACKDROP (pw_plan_backdrop_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanBackdrop, pw_plan_backdrop, PW, PLAN_BACKDROP, GtkWidget)

/* A menu button for @canvas's drawing. Its actions, "drawing.show" (stateful,
 * the plan-drawing-visible setting) and "drawing.recalibrate" (enabled when the
 * floor shown has a drawing and there is a store), are inserted on @page so its
 * keys work anywhere on the page. It emits "recalibrated" once a new placement
 * is written (the page then loads the floor again). */
GtkWidget *pw_plan_backdrop_new        (PwPlanCanvas   *canvas,
                                        GtkWidget      *page);
void       pw_plan_backdrop_set_store  (PwPlanBackdrop *self,
                                        PwStore        *store);
/* Says that the canvas shows another floor (or the same one loaded again). */
void       pw_plan_backdrop_update     (PwPlanBackdrop *self);
/* Opens Recalibrate Drawing… for the floor shown; NULL when it has no drawing. */
GtkWindow *pw_plan_backdrop_recalibrate (PwPlanBackdrop *self);

G_END_DECLS
