/* pw-plan-backdrop.h — the Plans page's Drawing section of its menu: show or
 * hide a floor's drawing behind its rooms, its opacity, Recalibrate Drawing…
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-plan-canvas.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PLAN_BACKDROP (pw_plan_backdrop_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanBackdrop, pw_plan_backdrop, PW, PLAN_BACKDROP, GObject)

/* The drawing controls of @canvas on @page. Its actions, "drawing.show"
 * (stateful: the plan-drawing-visible setting) and "drawing.recalibrate", are
 * inserted on @page, enabled when the floor shown has a drawing (and, to
 * recalibrate, a store). The opacity slider goes into @menu (a GtkPopoverMenu
 * whose model has an item with the custom id "drawing-opacity"). It emits
 * "recalibrated" once a new placement is written. */
PwPlanBackdrop *pw_plan_backdrop_new          (PwPlanCanvas   *canvas,
                                               GtkWidget      *page,
                                               GtkPopoverMenu *menu);
void            pw_plan_backdrop_set_store    (PwPlanBackdrop *self,
                                               PwStore        *store);
/* Says that the canvas shows another floor (or the same one loaded again). */
void            pw_plan_backdrop_update       (PwPlanBackdrop *self);
/* Opens Recalibrate Drawing… for the floor shown; NULL when it has no drawing. */
GtkWindow      *pw_plan_backdrop_recalibrate  (PwPlanBackdrop *self);

G_END_DECLS
