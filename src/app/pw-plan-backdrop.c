/* pw-plan-backdrop.c — the Plans page's Drawing section of its menu: show or
 * hide a floor's drawing behind its rooms, its opacity, Recalibrate Drawing…
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Visibility and opacity are the person's view, kept in GSettings; the drawing's
 * placement is a record (docs/plan-editing.md, "The drawing behind the rooms"). */
#include "config.h"

#include <glib/gi18n.h>

#include "pw-drawing-dialog.h"
#include "pw-plan-backdrop.h"
#include "pw-undo-toast.h"

struct _PwPlanBackdrop
{
  GObject             parent_instance;

  PwPlanCanvas       *canvas;   /* weak: the page holds both, and this */
  GtkWidget          *page;     /* weak */
  PwStore            *store;
  GSettings          *settings;
  GSimpleActionGroup *actions;
  GtkWidget          *opacity;
};

G_DEFINE_FINAL_TYPE (PwPlanBackdrop, pw_plan_backdrop, G_TYPE_OBJECT)

enum { RECALIBRATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
apply_settings (PwPlanBackdrop *self)
{
  if (self->canvas != NULL)
    pw_plan_canvas_set_backdrop (self->canvas, g_settings_get_boolean (self->settings, "plan-drawing-visible"),
                                 g_settings_get_double (self->settings, "plan-drawing-opacity"));
}

static void
settings_changed_cb (GSettings *settings, const char *key, PwPlanBackdrop *self)
{
  GAction *show = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "show");

  if (!g_str_has_prefix (key, "plan-drawing-"))
    return;
  if (show != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (show),
                               g_variant_new_boolean (g_settings_get_boolean (settings, "plan-drawing-visible")));
  apply_settings (self);
  pw_plan_backdrop_update (self);
}

static void
show_change_state (GSimpleAction *action, GVariant *state, gpointer data)
{
  PwPlanBackdrop *self = data;

  g_settings_set_boolean (self->settings, "plan-drawing-visible", g_variant_get_boolean (state));
}

static gboolean
has_drawing (PwPlanBackdrop *self)
{
  PwPlanFloor *floor = self->canvas ? pw_plan_canvas_get_floor (self->canvas) : NULL;

  return floor != NULL && pw_plan_floor_get_drawing (floor, NULL) != NULL;
}

void
pw_plan_backdrop_update (PwPlanBackdrop *self)
{
  GAction *recalibrate, *show;
  gboolean drawing;

  g_return_if_fail (PW_IS_PLAN_BACKDROP (self));

  drawing = has_drawing (self);
  recalibrate = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "recalibrate");
  show = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "show");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (recalibrate), self->store != NULL && drawing);
  /* a floor without a drawing has nothing to show or hide */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (show), drawing);
  gtk_widget_set_sensitive (self->opacity, drawing && g_settings_get_boolean (self->settings,
                                                                               "plan-drawing-visible"));
  gtk_widget_set_tooltip_text (self->opacity, drawing ? _("Opacity of the drawing behind the rooms")
                                                      : _("This floor has no drawing behind its rooms"));
}

void
pw_plan_backdrop_set_store (PwPlanBackdrop *self, PwStore *store)
{
  g_return_if_fail (PW_IS_PLAN_BACKDROP (self));

  g_set_object (&self->store, store);
  pw_plan_backdrop_update (self);
}

static void
recalibrated_cb (PwDrawingDialog *dialog, PwPlanBackdrop *self)
{
  g_signal_emit (self, signals[RECALIBRATED], 0);
  if (self->page != NULL)
    pw_undo_toast_show (self->page, self->store, pw_drawing_dialog_get_change (dialog),
                        _("The drawing was placed again"));
}

GtkWindow *
pw_plan_backdrop_recalibrate (PwPlanBackdrop *self)
{
  PwDrawingDialog *dialog;

  g_return_val_if_fail (PW_IS_PLAN_BACKDROP (self), NULL);

  if (self->store == NULL || !has_drawing (self))
    return NULL;
  dialog = pw_drawing_dialog_new (self->page ? GTK_WINDOW (gtk_widget_get_root (self->page)) : NULL, self->store,
                                  pw_plan_canvas_get_floor (self->canvas));
  g_signal_connect_object (dialog, "recalibrated", G_CALLBACK (recalibrated_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
recalibrate_activated (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  pw_plan_backdrop_recalibrate (data);
}

/* Opacity shown as a percentage to the screen reader. */
static char *
format_percent (GtkScale *scale, double value, gpointer data)
{
  /* Translators: the drawing's opacity, e.g. "45 %" */
  return g_strdup_printf (_("%.0f %%"), value * 100);
}

/* The opacity slider, as an item of the menu. */
static GtkWidget *
opacity_item (PwPlanBackdrop *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Opacity"));
  GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0.05, 1.0, 0.05);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), scale);
  gtk_box_append (GTK_BOX (box), label);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
  gtk_scale_set_format_value_func (GTK_SCALE (scale), format_percent, NULL, NULL);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 140, -1);
  g_settings_bind (self->settings, "plan-drawing-opacity", gtk_range_get_adjustment (GTK_RANGE (scale)),
                   "value", G_SETTINGS_BIND_DEFAULT);
  gtk_box_append (GTK_BOX (box), scale);
  return box;
}

PwPlanBackdrop *
pw_plan_backdrop_new (PwPlanCanvas *canvas, GtkWidget *page, GtkPopoverMenu *menu)
{
  PwPlanBackdrop *self;
  g_autoptr(GSimpleAction) show = NULL;
  g_autoptr(GSimpleAction) recalibrate = NULL;

  g_return_val_if_fail (PW_IS_PLAN_CANVAS (canvas), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (page), NULL);

  self = g_object_new (PW_TYPE_PLAN_BACKDROP, NULL);
  self->canvas = canvas;
  g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
  self->page = page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &self->page);

  /* "drawing.show" toggles the plan-drawing-visible setting */
  show = g_simple_action_new_stateful ("show", NULL,
                                       g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                                      "plan-drawing-visible")));
  g_signal_connect (show, "change-state", G_CALLBACK (show_change_state), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (show));
  recalibrate = g_simple_action_new ("recalibrate", NULL);
  g_signal_connect (recalibrate, "activate", G_CALLBACK (recalibrate_activated), self);
  g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (recalibrate));
  gtk_widget_insert_action_group (page, "drawing", G_ACTION_GROUP (self->actions));

  self->opacity = g_object_ref_sink (opacity_item (self));
  if (menu != NULL)
    gtk_popover_menu_add_child (menu, self->opacity, "drawing-opacity");
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, 0);
  apply_settings (self);
  pw_plan_backdrop_update (self);
  return self;
}

static void
pw_plan_backdrop_dispose (GObject *object)
{
  PwPlanBackdrop *self = PW_PLAN_BACKDROP (object);

  g_clear_object (&self->opacity);
  if (self->page != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->page), (gpointer *) &self->page);
  self->page = NULL;
  if (self->canvas != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
  self->canvas = NULL;
  G_OBJECT_CLASS (pw_plan_backdrop_parent_class)->dispose (object);
}

static void
pw_plan_backdrop_finalize (GObject *object)
{
  PwPlanBackdrop *self = PW_PLAN_BACKDROP (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  G_OBJECT_CLASS (pw_plan_backdrop_parent_class)->finalize (object);
}

static void
pw_plan_backdrop_class_init (PwPlanBackdropClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_plan_backdrop_dispose;
  object_class->finalize = pw_plan_backdrop_finalize;
  signals[RECALIBRATED] = g_signal_new ("recalibrated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pw_plan_backdrop_init (PwPlanBackdrop *self)
{
  self->settings = g_settings_new (APP_ID);
  self->actions = g_simple_action_group_new ();
}
