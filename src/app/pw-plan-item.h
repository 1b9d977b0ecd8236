/* pw-plan-item.h — an invisible, focusable stand-in for something drawn: a room on
 * the canvas or a bar of the stacking plan. It carries the accessible name and the keyboard focus.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PW_TYPE_PLAN_ITEM (pw_plan_item_get_type ())
G_DECLARE_FINAL_TYPE (PwPlanItem, pw_plan_item, PW, PLAN_ITEM, GtkWidget)

/* @group and @index say what the item stands for (a floor and a room). */
GtkWidget  *pw_plan_item_new        (guint        group,
                                     guint        index,
                                     const char  *label);
guint       pw_plan_item_get_group  (PwPlanItem  *self);
guint       pw_plan_item_get_index  (PwPlanItem  *self);
void        pw_plan_item_set_label  (PwPlanItem  *self,
                                     const char  *label);

G_END_DECLS
