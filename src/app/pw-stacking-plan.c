/* pw-stacking-plan.c — the stacking plan widget: drawn by the plan renderer, with
 * an invisible focusable child per bar for the keyboard and assistive technologies
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pw-area.h"
#include "pw-ledger.h"
#include "pw-plan-item.h"
#include "pw-stacking-plan.h"
#include "pw-ui.h"

struct _PwStackingPlan
{
  GtkWidget   parent_instance;

  GPtrArray  *floors;      /* PwPlanFloor, top first */
  PwPlanLens  lens;
  char       *today;
  gboolean    square_feet;

  GPtrArray  *items;       /* PwPlanItem per bar */
  int         hover_floor, hover_room;
  PwPlanItem *focus_item;
};

G_DEFINE_FINAL_TYPE (PwStackingPlan, pw_stacking_plan, GTK_TYPE_WIDGET)

enum {
  BAR_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
style_for (PwStackingPlan *self, PwPlanStyle *style)
{
  pw_plan_style_init (style);
  style->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style->square_feet = self->square_feet;
}

static gboolean
get_bar_in (PwStackingPlan *self, double width, double height, guint floor, guint room,
            double *x, double *y, double *w, double *h)
{
  PwPlanStyle style;

  if (self->floors == NULL)
    return FALSE;
  style_for (self, &style);
  return pw_plan_stacking_get_bar (self->floors, &style, width, height, floor, room, x, y, w, h);
}

static gboolean
get_bar (PwStackingPlan *self, guint floor, guint room, double *x, double *y, double *w, double *h)
{
  return get_bar_in (self, gtk_widget_get_width (GTK_WIDGET (self)),
                     gtk_widget_get_height (GTK_WIDGET (self)), floor, room, x, y, w, h);
}

static void
outline_bar (PwStackingPlan *self, cairo_t *cr, guint floor, guint room, gboolean dashed)
{
  double x, y, w, h;
  const double dash[] = { 2, 2 };
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (!get_bar (self, floor, room, &x, &y, &w, &h))
    return;
  cairo_save (cr);
  if (dashed)
    {
      cairo_set_dash (cr, dash, 2, 0);
      cairo_rectangle (cr, x + 2.5, y + 2.5, MAX (w - 5, 1), MAX (h - 5, 1));
      cairo_set_line_width (cr, 1.5);
      cairo_set_source_rgba (cr, dark, dark, dark, 0.9);
    }
  else
    {
      cairo_rectangle (cr, x + 1, y + 1, MAX (w - 2, 1), MAX (h - 2, 1));
      cairo_set_line_width (cr, 2);
      if (dark)
        cairo_set_source_rgb (cr, 0x78 / 255.0, 0xAE / 255.0, 0xED / 255.0);
      else
        cairo_set_source_rgb (cr, 0x1C / 255.0, 0x71 / 255.0, 0xD8 / 255.0);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
pw_stacking_plan_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PwStackingPlan *self = PW_STACKING_PLAN (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  PwPlanStyle style;
  cairo_t *cr;

  if (self->floors == NULL || self->floors->len == 0 || w <= 0 || h <= 0)
    return;
  style_for (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, (float) w, (float) h));
  pw_plan_draw_stacking (cr, self->floors, self->lens, self->today, &style, w, h);
  if (self->hover_floor >= 0)
    outline_bar (self, cr, (guint) self->hover_floor, (guint) self->hover_room, FALSE);
  if (self->focus_item != NULL && gtk_widget_has_focus (GTK_WIDGET (self->focus_item)))
    outline_bar (self, cr, pw_plan_item_get_group (self->focus_item),
                 pw_plan_item_get_index (self->focus_item), TRUE);
  cairo_destroy (cr);
}

static void
pw_stacking_plan_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  PwStackingPlan *self = PW_STACKING_PLAN (widget);
  PwPlanStyle style;

  style_for (self, &style);
  style.pixel = 1;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      guint n = self->floors != NULL ? self->floors->len : 0;

      *natural = (int) ceil (pw_plan_stacking_natural_height (n, &style));
      *minimum = MIN (*natural, (int) (24 + 12 * n));
    }
}

static void
pw_stacking_plan_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  PwStackingPlan *self = PW_STACKING_PLAN (widget);

  for (guint k = 0; k < self->items->len; k++)
    {
      PwPlanItem *item = g_ptr_array_index (self->items, k);
      double x, y, w, h;
      gboolean shown = get_bar_in (self, width, height, pw_plan_item_get_group (item),
                                   pw_plan_item_get_index (item), &x, &y, &w, &h) && w >= 1;

      gtk_widget_set_child_visible (GTK_WIDGET (item), shown);
      if (shown)
        {
          GtkAllocation a = { (int) floor (x), (int) floor (y), 0, 0 };

          a.width = MAX ((int) ceil (x + w) - a.x, 1);
          a.height = MAX ((int) ceil (y + h) - a.y, 1);
          gtk_widget_size_allocate (GTK_WIDGET (item), &a, -1);
        }
    }
}

/* ---- children ------------------------------------------------------------------------- */

static void on_item_focus_enter (GtkEventControllerFocus *controller, PwStackingPlan *self);

static void
clear_items (PwStackingPlan *self)
{
  self->focus_item = NULL;
  for (guint k = 0; k < self->items->len; k++)
    gtk_widget_unparent (g_ptr_array_index (self->items, k));
  g_ptr_array_set_size (self->items, 0);
}

static void
build_items (PwStackingPlan *self)
{
  clear_items (self);
  if (self->floors == NULL)
    return;
  for (guint f = 0; f < self->floors->len; f++)
    {
      PwPlanFloor *floor = g_ptr_array_index (self->floors, f);

      for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
        {
          g_autofree char *name = pw_plan_room_describe (pw_plan_floor_get_room (floor, i),
                                                         self->square_feet);
          GtkWidget *item = pw_plan_item_new (f, i, name);
          GtkEventController *focus = gtk_event_controller_focus_new ();

          g_signal_connect (focus, "enter", G_CALLBACK (on_item_focus_enter), self);
          gtk_widget_add_controller (item, focus);
          gtk_widget_set_parent (item, GTK_WIDGET (self));
          g_ptr_array_add (self->items, item);
        }
    }
}

static PwPlanItem *
find_item (PwStackingPlan *self, guint floor, guint room)
{
  for (guint k = 0; k < self->items->len; k++)
    {
      PwPlanItem *item = g_ptr_array_index (self->items, k);

      if (pw_plan_item_get_group (item) == floor && pw_plan_item_get_index (item) == room)
        return item;
    }
  return NULL;
}

static void
on_item_focus_enter (GtkEventControllerFocus *controller, PwStackingPlan *self)
{
  self->focus_item = PW_PLAN_ITEM (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- input ------------------------------------------------------------------------------ */

gboolean
pw_stacking_plan_hit_test (PwStackingPlan *self, double x, double y, guint *floor, guint *room)
{
  PwPlanStyle style;

  g_return_val_if_fail (PW_IS_STACKING_PLAN (self), FALSE);

  if (self->floors == NULL)
    return FALSE;
  style_for (self, &style);
  return pw_plan_stacking_hit_test (self->floors, &style, gtk_widget_get_width (GTK_WIDGET (self)),
                                    gtk_widget_get_height (GTK_WIDGET (self)), x, y, floor, room);
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, PwStackingPlan *self)
{
  guint f, r;
  int hf = -1, hr = -1;

  if (pw_stacking_plan_hit_test (self, x, y, &f, &r))
    hf = (int) f, hr = (int) r;
  if (hf == self->hover_floor && hr == self->hover_room)
    return;
  self->hover_floor = hf;
  self->hover_room = hr;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave (GtkEventControllerMotion *controller, PwStackingPlan *self)
{
  self->hover_floor = self->hover_room = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_click_released (GtkGestureClick *gesture, int n_press, double x, double y, PwStackingPlan *self)
{
  guint f, r;

  if (pw_stacking_plan_hit_test (self, x, y, &f, &r))
    pw_stacking_plan_activate_bar (self, f, r);
}

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  gpointer user_data)
{
  PwStackingPlan *self = PW_STACKING_PLAN (widget);
  g_autofree char *area = NULL;
  g_autofree char *text = NULL;
  PwPlanRoom *room;
  guint f, r;

  if (keyboard && self->focus_item != NULL)
    {
      f = pw_plan_item_get_group (self->focus_item);
      r = pw_plan_item_get_index (self->focus_item);
    }
  else if (!pw_stacking_plan_hit_test (self, x, y, &f, &r))
    return FALSE;
  room = pw_plan_floor_get_room (g_ptr_array_index (self->floors, f), r);
  area = pw_area_format_with_unit (room->chargeable_area, self->square_feet);
  /* TRANSLATORS: a stacking plan bar's hover card: the space's code, then its area */
  text = g_markup_printf_escaped (_("%s\n%s chargeable"), room->code, area);
  pw_ui_tooltip_set_markup (tooltip, text);
  return TRUE;
}

/* The bar beside @item in a direction: the next or previous bar of its row, or
 * in the row above or below the bar whose middle is nearest. */
static PwPlanItem *
item_in_direction (PwStackingPlan *self, PwPlanItem *item, int dx, int dy)
{
  guint f = pw_plan_item_get_group (item), r = pw_plan_item_get_index (item);
  double x, y, w, h, mid, best = G_MAXDOUBLE;
  PwPlanItem *found = NULL;
  guint target;

  if (dx != 0)
    {
      PwPlanFloor *floor = g_ptr_array_index (self->floors, f);

      for (int i = (int) r + dx; i >= 0 && i < (int) pw_plan_floor_get_n_rooms (floor); i += dx)
        if (get_bar (self, f, (guint) i, &x, &y, &w, &h))
          return find_item (self, f, (guint) i);
      return NULL;
    }
  if ((dy < 0 && f == 0) || (dy > 0 && f + 1 >= self->floors->len))
    return NULL;
  if (!get_bar (self, f, r, &x, &y, &w, &h))
    return NULL;
  mid = x + w / 2;
  target = f + dy;
  for (guint i = 0; i < pw_plan_floor_get_n_rooms (g_ptr_array_index (self->floors, target)); i++)
    if (get_bar (self, target, i, &x, &y, &w, &h) && fabs (x + w / 2 - mid) < best)
      {
        best = fabs (x + w / 2 - mid);
        found = find_item (self, target, i);
      }
  return found;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                PwStackingPlan        *self)
{
  PwPlanItem *item = self->focus_item, *next = NULL;

  if (item == NULL || !gtk_widget_has_focus (GTK_WIDGET (item)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      pw_stacking_plan_activate_bar (self, pw_plan_item_get_group (item), pw_plan_item_get_index (item));
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      next = item_in_direction (self, item, -1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      next = item_in_direction (self, item, 1, 0);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      next = item_in_direction (self, item, 0, -1);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      next = item_in_direction (self, item, 0, 1);
      break;
    default:
      return FALSE;
    }
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  return TRUE;
}

/* ---- public --------------------------------------------------------------------------- */

GtkWidget *
pw_stacking_plan_new (void)
{
  return g_object_new (PW_TYPE_STACKING_PLAN, NULL);
}

void
pw_stacking_plan_set_floors (PwStackingPlan *self, GPtrArray *floors)
{
  g_return_if_fail (PW_IS_STACKING_PLAN (self));

  if (floors != NULL)
    g_ptr_array_ref (floors);
  g_clear_pointer (&self->floors, g_ptr_array_unref);
  self->floors = floors;
  self->hover_floor = self->hover_room = -1;
  build_items (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GPtrArray *
pw_stacking_plan_get_floors (PwStackingPlan *self)
{
  g_return_val_if_fail (PW_IS_STACKING_PLAN (self), NULL);

  return self->floors;
}

void
pw_stacking_plan_set_lens (PwStackingPlan *self, PwPlanLens lens)
{
  g_return_if_fail (PW_IS_STACKING_PLAN (self));

  if (self->lens == lens)
    return;
  self->lens = lens;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_stacking_plan_set_today (PwStackingPlan *self, const char *today)
{
  g_return_if_fail (PW_IS_STACKING_PLAN (self));

  g_free (self->today);
  self->today = today != NULL ? g_strdup (today) : pw_today_iso ();
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pw_stacking_plan_set_square_feet (PwStackingPlan *self, gboolean square_feet)
{
  g_return_if_fail (PW_IS_STACKING_PLAN (self));

  if (self->square_feet == square_feet)
    return;
  self->square_feet = square_feet;
  build_items (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

gboolean
pw_stacking_plan_get_bar_center (PwStackingPlan *self, guint floor, guint room, double *x, double *y)
{
  double bx, by, w, h;

  g_return_val_if_fail (PW_IS_STACKING_PLAN (self), FALSE);

  if (!get_bar (self, floor, room, &bx, &by, &w, &h))
    return FALSE;
  *x = bx + w / 2;
  *y = by + h / 2;
  return TRUE;
}

GtkWidget *
pw_stacking_plan_get_bar_widget (PwStackingPlan *self, guint floor, guint room)
{
  g_return_val_if_fail (PW_IS_STACKING_PLAN (self), NULL);

  return GTK_WIDGET (find_item (self, floor, room));
}

void
pw_stacking_plan_activate_bar (PwStackingPlan *self, guint floor, guint room)
{
  g_return_if_fail (PW_IS_STACKING_PLAN (self));

  if (self->floors == NULL || floor >= self->floors->len
      || room >= pw_plan_floor_get_n_rooms (g_ptr_array_index (self->floors, floor)))
    return;
  g_signal_emit (self, signals[BAR_ACTIVATED], 0, floor, room);
}

/* ---- GObject -------------------------------------------------------------------------- */

static void
on_dark_changed (AdwStyleManager *manager, GParamSpec *pspec, PwStackingPlan *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pw_stacking_plan_dispose (GObject *object)
{
  PwStackingPlan *self = PW_STACKING_PLAN (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->items != NULL)
    clear_items (self);
  g_clear_pointer (&self->floors, g_ptr_array_unref);
  G_OBJECT_CLASS (pw_stacking_plan_parent_class)->dispose (object);
}

static void
pw_stacking_plan_finalize (GObject *object)
{
  PwStackingPlan *self = PW_STACKING_PLAN (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->today);
  G_OBJECT_CLASS (pw_stacking_plan_parent_class)->finalize (object);
}

static void
pw_stacking_plan_class_init (PwStackingPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_stacking_plan_dispose;
  object_class->finalize = pw_stacking_plan_finalize;
  widget_class->snapshot = pw_stacking_plan_snapshot;
  widget_class->measure = pw_stacking_plan_measure;
  widget_class->size_allocate = pw_stacking_plan_size_allocate;

  /**
   * PwStackingPlan::bar-activated:
   * @floor: the floor's index
   * @room: the room's index in that floor
   *
   * A bar was clicked or activated with Enter or Space.
   */
  signals[BAR_ACTIVATED] = g_signal_new ("bar-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  gtk_widget_class_set_css_name (widget_class, "stackingplan");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pw_stacking_plan_init (PwStackingPlan *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->items = g_ptr_array_new ();
  self->hover_floor = self->hover_room = -1;
  self->today = pw_today_iso ();

  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stacking plan"), -1);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, controller);

  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (on_dark_changed), self);
}
