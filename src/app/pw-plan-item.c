/* pw-plan-item.c — an invisible, focusable stand-in for something drawn
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-plan-item.h"

struct _PwPlanItem
{
  GtkWidget parent_instance;
  guint     group;
  guint     index;
};

G_DEFINE_FINAL_TYPE (PwPlanItem, pw_plan_item, GTK_TYPE_WIDGET)

static void
pw_plan_item_class_init (PwPlanItemClass *klass)
{
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "planitem");
}

static void
pw_plan_item_init (PwPlanItem *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* the parent hit-tests what it draws; the item only takes the keyboard */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
pw_plan_item_new (guint group, guint index, const char *label)
{
  PwPlanItem *self = g_object_new (PW_TYPE_PLAN_ITEM, NULL);

  self->group = group;
  self->index = index;
  pw_plan_item_set_label (self, label);
  return GTK_WIDGET (self);
}

guint
pw_plan_item_get_group (PwPlanItem *self)
{
  g_return_val_if_fail (PW_IS_PLAN_ITEM (self), 0);

  return self->group;
}

guint
pw_plan_item_get_index (PwPlanItem *self)
{
  g_return_val_if_fail (PW_IS_PLAN_ITEM (self), 0);

  return self->index;
}

void
pw_plan_item_set_label (PwPlanItem *self, const char *label)
{
  g_return_if_fail (PW_IS_PLAN_ITEM (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
