/* pw-wrap-box.c — children in rows, wrapped when a row is full
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each child takes its natural width (at most the box's width) and goes on the
 * current row if it fits there, else starts the next one. A row's children
 * share what is left of its width among those that expand horizontally (all
 * of them when none does). The box needs the width of its widest child, so it
 * fits any window as wide as that; unlike GtkFlowBox it wraps no child in a
 * focusable row of its own and changes nothing while it lays out. */
#include "config.h"

#include "pw-wrap-box.h"

struct _PwWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
};

static void pw_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PwWrapBox, pw_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      pw_wrap_box_buildable_init))

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static int
child_width (GtkWidget *child,
             int        width)
{
  int min = 0, nat = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  return CLAMP (nat, min, MAX (min, width));
}

/* Lays the children out in rows of @width; with @allocate, gives each its
 * place. Returns the height the rows take. */
static int
layout_rows (PwWrapBox *self,
             int        width,
             gboolean   allocate)
{
  GtkWidget *row_start = gtk_widget_get_first_child (GTK_WIDGET (self));
  int y = 0;
  gboolean first_row = TRUE;

  while (row_start != NULL)
    {
      GtkWidget *child, *row_end = NULL;
      int used = 0, n = 0, n_expand = 0, row_height = 0, extra, x = 0, given = 0;

      /* which children go on this row */
      for (child = row_start; child != NULL; child = gtk_widget_get_next_sibling (child))
        {
          int w;

          if (!gtk_widget_should_layout (child))
            continue;
          w = child_width (child, width);
          if (n > 0 && used + self->spacing + w > width)
            break;
          used += (n > 0 ? self->spacing : 0) + w;
          n++;
          if (gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
            n_expand++;
        }
      row_end = child;
      if (n == 0)
        break;

      extra = MAX (0, width - used);
      for (child = row_start; child != row_end; child = gtk_widget_get_next_sibling (child))
        {
          int w, min_h = 0, nat_h = 0;
          gboolean share;

          if (!gtk_widget_should_layout (child))
            continue;
          share = n_expand == 0 || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
          w = child_width (child, width) + (share ? extra / MAX (1, n_expand ? n_expand : n) : 0);
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, w, &min_h, &nat_h, NULL, NULL);
          row_height = MAX (row_height, nat_h);
        }

      if (!first_row)
        y += self->spacing;
      first_row = FALSE;

      if (allocate)
        {
          guint k = 0;

          for (child = row_start; child != row_end; child = gtk_widget_get_next_sibling (child))
            {
              int w;
              gboolean share;

              if (!gtk_widget_should_layout (child))
                continue;
              share = n_expand == 0 || gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL);
              w = child_width (child, width);
              if (share)
                {
                  int shares = n_expand ? n_expand : n;

                  /* the last sharer takes the rounding */
                  w += ++given == shares ? extra - (extra / shares) * (shares - 1) : extra / shares;
                }
              if (++k == (guint) n)
                w = MAX (w, width - x);
              gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, row_height }, -1);
              x += w + self->spacing;
            }
        }
      y += row_height;
      row_start = row_end;
    }
  return y;
}

static void
pw_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  PwWrapBox *self = PW_WRAP_BOX (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int min = 0, nat = 0, n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min = 0, child_nat = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                              &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          nat += (n++ > 0 ? self->spacing : 0) + child_nat;
        }
      *minimum = min;
      *natural = MAX (min, nat);
    }
  else
    {
      int width = for_size;

      if (width < 0)
        {
          int min = 0;

          /* as wide as it would like: one row */
          pw_wrap_box_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, &width, NULL, NULL);
        }
      *minimum = *natural = layout_rows (self, width, FALSE);
    }
}

static void
pw_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  layout_rows (PW_WRAP_BOX (widget), width, TRUE);
}

static GtkSizeRequestMode
pw_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pw_wrap_box_buildable_add_child (GtkBuildable *buildable,
                                 GtkBuilder   *builder,
                                 GObject      *child,
                                 const char   *type)
{
  if (GTK_IS_WIDGET (child))
    gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (buildable));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
pw_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = pw_wrap_box_buildable_add_child;
}

GtkWidget *
pw_wrap_box_new (void)
{
  return g_object_new (PW_TYPE_WRAP_BOX, NULL);
}

void
pw_wrap_box_set_spacing (PwWrapBox *self,
                         int        spacing)
{
  g_return_if_fail (PW_IS_WRAP_BOX (self));

  spacing = MAX (0, spacing);
  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

int
pw_wrap_box_get_spacing (PwWrapBox *self)
{
  g_return_val_if_fail (PW_IS_WRAP_BOX (self), 0);

  return self->spacing;
}

static void
pw_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pw_wrap_box_parent_class)->dispose (object);
}

static void
pw_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, PW_WRAP_BOX (object)->spacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SPACING:
      pw_wrap_box_set_spacing (PW_WRAP_BOX (object), g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_wrap_box_class_init (PwWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_wrap_box_dispose;
  object_class->get_property = pw_wrap_box_get_property;
  object_class->set_property = pw_wrap_box_set_property;

  widget_class->measure = pw_wrap_box_measure;
  widget_class->size_allocate = pw_wrap_box_size_allocate;
  widget_class->get_request_mode = pw_wrap_box_get_request_mode;

  /**
   * PwWrapBox:spacing:
   *
   * The space between children in a row, and between rows, in pixels.
   */
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wrapbox");
}

static void
pw_wrap_box_init (PwWrapBox *self)
{
}
