/* pw-stacking-plan.h — a building's floors stacked as rows of bars, one per space
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-plan-stacking.h"

G_BEGIN_DECLS

#define PW_TYPE_STACKING_PLAN (pw_stacking_plan_get_type ())
G_DECLARE_FINAL_TYPE (PwStackingPlan, pw_stacking_plan, PW, STACKING_PLAN, GtkWidget)

GtkWidget  *pw_stacking_plan_new              (void);
/* Shows @floors (PwPlanFloor, top floor first; NULL for none); keeps a reference. */
void        pw_stacking_plan_set_floors       (PwStackingPlan *self,
                                               GPtrArray      *floors);
GPtrArray  *pw_stacking_plan_get_floors       (PwStackingPlan *self);
void        pw_stacking_plan_set_lens         (PwStackingPlan *self,
                                               PwPlanLens      lens);
void        pw_stacking_plan_set_today        (PwStackingPlan *self,
                                               const char     *today);
void        pw_stacking_plan_set_square_feet  (PwStackingPlan *self,
                                               gboolean        square_feet);
/* The bar at (@x, @y) in widget coordinates. */
gboolean    pw_stacking_plan_hit_test         (PwStackingPlan *self,
                                               double          x,
                                               double          y,
                                               guint          *floor,
                                               guint          *room);
/* The centre of a bar in widget coordinates; FALSE if it has none. */
gboolean    pw_stacking_plan_get_bar_center   (PwStackingPlan *self,
                                               guint           floor,
                                               guint           room,
                                               double         *x,
                                               double         *y);
/* The accessible child that stands for a bar, or NULL. */
GtkWidget  *pw_stacking_plan_get_bar_widget   (PwStackingPlan *self,
                                               guint           floor,
                                               guint           room);
/* Emits ::bar-activated, as a click or Enter on the bar does. */
void        pw_stacking_plan_activate_bar     (PwStackingPlan *self,
                                               guint           floor,
                                               guint           room);

G_END_DECLS
