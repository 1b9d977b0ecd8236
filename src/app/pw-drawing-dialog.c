/* pw-drawing-dialog.c — placing a floor's drawing again behind its rooms, by two
 * of its points and the distance between them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drawing is shown as drawn, with the floor's rooms where they now lie on
 * it; the person clicks (or types) two points whose real distance they know.
 * Only the drawing moves (docs/plan-editing.md, "The drawing behind the rooms"). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pw-drawing-dialog.h"
#include "pw-plan-drawing.h"
#include "pw-plan-render.h"

struct _PwDrawingDialog
{
  AdwWindow        parent_instance;

  PwStore         *store;
  PwPlanFloor     *floor;
  PwChange        *change;
  cairo_matrix_t   to_plan;
  double           x0, y0, x1, y1;   /* the drawing's extent, in its units */
  PwPlanView       view;
  PwPoint          points[2];
  gboolean         set[2];
  guint            next;             /* the point a click sets */
  gboolean         syncing;          /* writing a field from a click */

  GtkWidget       *area;
  GtkWidget       *point_rows[2];
  GtkWidget       *distance_spin;
  GtkWidget       *status_label;
  GtkWidget       *apply_button;
};

G_DEFINE_FINAL_TYPE (PwDrawingDialog, pw_drawing_dialog, ADW_TYPE_WINDOW)

enum { RECALIBRATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
update_state (PwDrawingDialog *self)
{
  g_autofree char *text = NULL;

  if (!self->set[0] || !self->set[1])
    text = g_strdup (!self->set[0] ? _("Click the first point on the drawing, or type it")
                                   : _("Click the second point, or type it"));
  else
    {
      char units[G_ASCII_DTOSTR_BUF_SIZE];
      double ax = self->points[0].x, ay = self->points[0].y;
      double bx = self->points[1].x, by = self->points[1].y;

      cairo_matrix_transform_point (&self->to_plan, &ax, &ay);
      cairo_matrix_transform_point (&self->to_plan, &bx, &by);
      g_ascii_formatd (units, sizeof units, "%.1f",
                       hypot (self->points[1].x - self->points[0].x, self->points[1].y - self->points[0].y));
      /* Translators: the two points picked: their distance in the drawing's
       * units, then in metres as the drawing is placed now */
      text = g_strdup_printf (_("%s drawing units apart, now %.2f m on the floor"), units,
                              hypot (bx - ax, by - ay));
    }
  gtk_label_set_text (GTK_LABEL (self->status_label), text);
  gtk_widget_remove_css_class (self->status_label, "error");
  gtk_widget_set_sensitive (self->apply_button, self->set[0] && self->set[1]);
  gtk_widget_queue_draw (self->area);
}

static void
draw_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  PwDrawingDialog *self = data;
  RsvgHandle *drawing = pw_plan_floor_get_drawing (self->floor, NULL);
  cairo_matrix_t identity, to_drawing = self->to_plan;
  PwPlanStyle style;
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  pw_plan_view_fit (&self->view, self->x0, self->y0, self->x1, self->y1, width, height, 12);
  cairo_matrix_init_identity (&identity);
  pw_plan_style_init (&style);
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style.backdrop = 0.8;
  pw_plan_draw_background (cr, drawing, &identity, &self->view, &style);

  /* the rooms where they lie on the drawing now */
  if (cairo_matrix_invert (&to_drawing) == CAIRO_STATUS_SUCCESS)
    {
      cairo_set_line_width (cr, 1.5);
      cairo_set_source_rgba (cr, 0.90, 0.38, 0.0, 0.9);  /* orange: not the drawing's ink */
      for (guint r = 0; r < pw_plan_floor_get_n_rooms (self->floor); r++)
        {
          PwPlanRoom *room = pw_plan_floor_get_room (self->floor, r);
          const PwPoint *pts;
          guint n;

          if (room->polygon == NULL)
            continue;
          pts = pw_polygon_get_outer (room->polygon, &n);
          for (guint i = 0; i < n; i++)
            {
              double x = pts[i].x, y = pts[i].y;

              cairo_matrix_transform_point (&to_drawing, &x, &y);
              pw_plan_view_to_device (&self->view, &x, &y);
              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
      cairo_stroke (cr);
    }

  /* the two points and the line between them, in the accent blue */
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < 2; i++)
    if (self->set[i])
      {
        double x = self->points[i].x, y = self->points[i].y;

        pw_plan_view_to_device (&self->view, &x, &y);
        cairo_new_sub_path (cr);
        cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
  if (self->set[0] && self->set[1])
    {
      double ax = self->points[0].x, ay = self->points[0].y;
      double bx = self->points[1].x, by = self->points[1].y;

      pw_plan_view_to_device (&self->view, &ax, &ay);
      pw_plan_view_to_device (&self->view, &bx, &by);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      cairo_stroke (cr);
    }
}

static void
write_point_row (PwDrawingDialog *self, guint which)
{
  char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL;

  g_ascii_formatd (x, sizeof x, "%.2f", self->points[which].x);
  g_ascii_formatd (y, sizeof y, "%.2f", self->points[which].y);
  text = g_strdup_printf ("%s, %s", x, y);
  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->point_rows[which]), text);
  self->syncing = FALSE;
}

void
pw_drawing_dialog_set_point (PwDrawingDialog *self, guint which, double x, double y)
{
  g_return_if_fail (PW_IS_DRAWING_DIALOG (self));
  g_return_if_fail (which < 2);

  self->points[which].x = x;
  self->points[which].y = y;
  self->set[which] = isfinite (x) && isfinite (y);
  self->next = which == 0 ? 1 : 0;
  write_point_row (self, which);
  update_state (self);
}

void
pw_drawing_dialog_set_distance (PwDrawingDialog *self, double metres)
{
  g_return_if_fail (PW_IS_DRAWING_DIALOG (self));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->distance_spin), metres);
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, PwDrawingDialog *self)
{
  pw_plan_view_to_plan (&self->view, &x, &y);
  pw_drawing_dialog_set_point (self, self->set[0] && !self->set[1] ? 1 : self->next, x, y);
}

/* "X, Y" typed in a point's field. */
static void
point_changed_cb (GtkEditable *editable, PwDrawingDialog *self)
{
  guint which = editable == GTK_EDITABLE (self->point_rows[0]) ? 0 : 1;
  g_auto(GStrv) parts = NULL;
  double v[2];

  if (self->syncing)
    return;
  parts = g_strsplit (gtk_editable_get_text (editable), ",", -1);
  self->set[which] = g_strv_length (parts) == 2;
  for (guint i = 0; self->set[which] && i < 2; i++)
    {
      const char *s = g_strstrip (parts[i]);
      char *end = NULL;

      v[i] = g_ascii_strtod (s, &end);
      self->set[which] = *s != '\0' && end != s && *end == '\0' && isfinite (v[i]);
    }
  if (self->set[which])
    {
      self->points[which].x = v[0];
      self->points[which].y = v[1];
    }
  gtk_widget_set_visible (self->status_label, TRUE);
  update_state (self);
}

gboolean
pw_drawing_dialog_apply (PwDrawingDialog *self, GError **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  g_return_val_if_fail (PW_IS_DRAWING_DIALOG (self), FALSE);

  if (!self->set[0] || !self->set[1])
    g_set_error_literal (&local, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                         _("Pick two points of the drawing first"));
  else
    {
      g_clear_pointer (&self->change, pw_change_unref);
      pw_store_record_begin (self->store);
      ok = pw_plan_drawing_recalibrate (self->store, pw_plan_floor_get_id (self->floor),
                                        &self->points[0], &self->points[1],
                                        gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->distance_spin)),
                                        &local);
      self->change = pw_store_record_end (self->store);
      if (ok)
        {
          g_signal_emit (self, signals[RECALIBRATED], 0);
          gtk_window_destroy (GTK_WINDOW (self));
          return TRUE;
        }
    }
  gtk_label_set_text (GTK_LABEL (self->status_label), local->message);
  gtk_widget_add_css_class (self->status_label, "error");
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

static void
apply_clicked_cb (PwDrawingDialog *self)
{
  pw_drawing_dialog_apply (self, NULL);
}

PwChange *
pw_drawing_dialog_get_change (PwDrawingDialog *self)
{
  g_return_val_if_fail (PW_IS_DRAWING_DIALOG (self), NULL);
  return self->change;
}

/* The drawing's extent in its own units, as the renderer lays it out. */
static void
drawing_extent (RsvgHandle *drawing, double *x0, double *y0, double *x1, double *y1)
{
  gboolean has_width, has_height, has_view_box;
  RsvgLength width, height;
  RsvgRectangle box;
  gdouble w = 0, h = 0;

  *x0 = *y0 = 0;
  *x1 = *y1 = 1;
  rsvg_handle_get_intrinsic_dimensions (drawing, &has_width, &width, &has_height, &height,
                                        &has_view_box, &box);
  if (has_view_box && box.width > 0 && box.height > 0)
    {
      *x0 = box.x;
      *y0 = box.y;
      *x1 = box.x + box.width;
      *y1 = box.y + box.height;
    }
  else if (rsvg_handle_get_intrinsic_size_in_pixels (drawing, &w, &h) && w > 0 && h > 0)
    {
      *x1 = w;
      *y1 = h;
    }
}

PwDrawingDialog *
pw_drawing_dialog_new (GtkWindow *parent, PwStore *store, PwPlanFloor *floor)
{
  PwDrawingDialog *self;
  RsvgHandle *drawing;
  GtkWidget *box, *header, *cancel, *group, *row, *clamp, *content;
  GtkGesture *click;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (floor != NULL, NULL);

  drawing = pw_plan_floor_get_drawing (floor, NULL);
  g_return_val_if_fail (drawing != NULL, NULL);

  self = g_object_new (PW_TYPE_DRAWING_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "default-width", 640,
                       "default-height", 640,
                       /* Translators: the title of the dialog that places a floor's drawing again */
                       "title", _("Recalibrate Drawing"),
                       NULL);
  self->store = g_object_ref (store);
  self->floor = pw_plan_floor_ref (floor);
  pw_plan_floor_get_drawing (floor, &self->to_plan);
  drawing_extent (drawing, &self->x0, &self->y0, &self->x1, &self->y1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->apply_button = gtk_button_new_with_mnemonic (_("_Recalibrate"));
  gtk_widget_add_css_class (self->apply_button, "suggested-action");
  gtk_widget_set_sensitive (self->apply_button, FALSE);
  g_signal_connect_swapped (self->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->apply_button);
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);

  self->area = gtk_drawing_area_new ();
  gtk_widget_set_vexpand (self->area, TRUE);
  gtk_widget_set_size_request (self->area, -1, 200);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->area), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The floor’s drawing, with its rooms where they lie now"), -1);
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (click));
  gtk_box_append (GTK_BOX (content), self->area);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Two points of the drawing whose distance you know, such as the ends of a dimension "
      "line. The drawing is scaled about the first point; the rooms do not move."));
  for (guint i = 0; i < 2; i++)
    {
      self->point_rows[i] = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->point_rows[i]),
                                     /* Translators: a point of the drawing, typed as "X, Y" */
                                     i == 0 ? _("First point (X, Y)") : _("Second point (X, Y)"));
      g_signal_connect (self->point_rows[i], "changed", G_CALLBACK (point_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->point_rows[i]);
    }
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Distance between them (m)"));
  self->distance_spin = gtk_spin_button_new_with_range (0.01, 100000, 0.01);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (self->distance_spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->distance_spin), 10);
  gtk_widget_set_valign (self->distance_spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->distance_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Distance between them (m)"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->distance_spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->distance_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (GTK_BOX (content), group);

  self->status_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->status_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->status_label), 0);
  gtk_box_append (GTK_BOX (content), self->status_label);

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_widget_set_vexpand (clamp, TRUE);
  gtk_box_append (GTK_BOX (box), clamp);
  adw_window_set_content (ADW_WINDOW (self), box);
  update_state (self);
  return self;
}

static void
pw_drawing_dialog_finalize (GObject *object)
{
  PwDrawingDialog *self = PW_DRAWING_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->floor, pw_plan_floor_unref);
  g_clear_pointer (&self->change, pw_change_unref);
  G_OBJECT_CLASS (pw_drawing_dialog_parent_class)->finalize (object);
}

static void
pw_drawing_dialog_class_init (PwDrawingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pw_drawing_dialog_finalize;
  signals[RECALIBRATED] = g_signal_new ("recalibrated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pw_drawing_dialog_init (PwDrawingDialog *self)
{
}
