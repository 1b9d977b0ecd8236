/* pw-text-cell.c — one line of text for the cells of long lists
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8's list views keep about 200 row widgets and bind, measure and draw
 * every one of them when the rows' items change (a filter change), while a
 * window shows some 30. A GtkLabel lays its text out with Pango to measure its
 * height as well as its width, about 40 µs a cell: with 8 columns, 60 ms of
 * the frame that shows a cleared search of 100,000 spaces (docs/performance.md).
 *
 * A text cell is one line, so its height is the font's line height, which
 * needs no layout: it is looked up once per font. Its width, for the columns
 * that size to their text, is the sum of its characters' advances, each laid
 * out once per font and kept, when every character is of a script that
 * Pango does not shape across characters (Latin, Han, common signs); other
 * text is laid out. The text is laid out in full only to draw it, which GTK
 * asks only of the rows in view. It is styled as a label (CSS name "label") and is a label to
 * assistive technologies, named by its text.
 *
 * Invariants:
 *  1. @layout is NULL or holds @text with the widget's current font and
 *     attributes; it is dropped when the style changes.
 *  2. @text is never NULL ("" for none).
 */
#include "config.h"

#include <string.h>

#include "pw-text-cell.h"

struct _PwTextCell
{
  GtkWidget    parent_instance;
  char        *text;
  PangoLayout *layout;
  char        *font_key;   /* font and text attributes, for the advances; NULL: unknown */
  float        xalign;
  gboolean     ellipsize;
};

G_DEFINE_FINAL_TYPE (PwTextCell, pw_text_cell, GTK_TYPE_WIDGET)

/* Line heights in pixels by font description: fonts are few, cells many. */
static GHashTable *line_heights;

static int
line_height (PwTextCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  gpointer found;
  PangoFontMetrics *metrics;
  int height;

  if (line_heights == NULL)
    line_heights = g_hash_table_new_full ((GHashFunc) pango_font_description_hash,
                                          (GEqualFunc) pango_font_description_equal,
                                          (GDestroyNotify) pango_font_description_free, NULL);
  if (g_hash_table_lookup_extended (line_heights, font, NULL, &found))
    return GPOINTER_TO_INT (found);
  /* what a one-line GtkLabel measures: the logical extents of a line */
  {
    PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
    PangoRectangle logical;

    pango_layout_get_pixel_extents (layout, NULL, &logical);
    height = logical.height;
    g_object_unref (layout);
  }
  metrics = pango_context_get_metrics (context, font, NULL);
  height = MAX (height, PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics)
                                           + pango_font_metrics_get_descent (metrics)));
  pango_font_metrics_unref (metrics);
  g_hash_table_insert (line_heights, pango_font_description_copy (font), GINT_TO_POINTER (height));
  return height;
}

/* Advances in Pango units by character, per font and attributes. */
static GHashTable *advances;

static const char *
font_key (PwTextCell *self)
{
  if (self->font_key == NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      PangoAttrList *attrs = pango_layout_get_attributes (layout);
      g_autofree char *font = pango_font_description_to_string (
        pango_context_get_font_description (pango_layout_get_context (layout)));
      g_autofree char *attr_text = attrs != NULL ? pango_attr_list_to_string (attrs) : NULL;

      self->font_key = g_strconcat (font, "\n", attr_text ? attr_text : "", NULL);
      g_object_unref (layout);
    }
  return self->font_key;
}

/* The width of @text as the sum of its characters' advances, or -1 when it
 * holds a character whose look depends on its neighbours. */
static int
advance_width (PwTextCell *self, const char *text)
{
  const char *key = font_key (self);
  GHashTable *table;
  PangoLayout *layout = NULL;
  int width = 0;

  if (advances == NULL)
    advances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) g_hash_table_unref);
  table = g_hash_table_lookup (advances, key);
  if (table == NULL)
    {
      table = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (advances, g_strdup (key), table);
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gpointer found;

      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_LATIN:
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_COMMON:
          break;
        default:
          g_clear_object (&layout);
          return -1;
        }
      if (g_unichar_ismark (c) || g_unichar_iszerowidth (c))
        {
          g_clear_object (&layout);
          return -1;
        }
      if (!g_hash_table_lookup_extended (table, GUINT_TO_POINTER (c), NULL, &found))
        {
          char utf8[7] = { 0 };
          PangoRectangle logical;

          if (layout == NULL)
            layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
          g_unichar_to_utf8 (c, utf8);
          pango_layout_set_text (layout, utf8, -1);
          pango_layout_get_extents (layout, NULL, &logical);
          found = GINT_TO_POINTER (logical.width);
          g_hash_table_insert (table, GUINT_TO_POINTER (c), found);
        }
      width += GPOINTER_TO_INT (found);
    }
  g_clear_object (&layout);
  /* rounded up, and a pixel to spare for kerning, which only narrows Latin pairs */
  return PANGO_PIXELS_CEIL (width) + 1;
}

static PangoLayout *
ensure_layout (PwTextCell *self)
{
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      if (self->ellipsize)
        pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
    }
  return self->layout;
}

static void
pw_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  PwTextCell *self = PW_TEXT_CELL (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    {
      *minimum = *natural = line_height (self);
      return;
    }
  if (*self->text == '\0')
    {
      *minimum = *natural = 0;
      return;
    }
  *natural = advance_width (self, self->text);
  if (*natural < 0)
    {
      PangoLayout *layout = ensure_layout (self);
      PangoRectangle logical;

      pango_layout_set_width (layout, -1);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      *natural = logical.width;
    }
  /* an ellipsized text can shrink to its "…" */
  *minimum = self->ellipsize ? MIN (*natural, line_height (self)) : *natural;
}

static void
pw_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  PwTextCell *self = PW_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  float xalign = self->xalign;
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA color;

  if (*self->text == '\0' || width <= 0)
    return;
  layout = ensure_layout (self);
  pango_layout_set_width (layout, self->ellipsize ? width * PANGO_SCALE : -1);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1 - xalign;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (floorf (xalign * (width - logical.width)) - logical.x,
                                                floorf ((height - logical.height) / 2.0f)));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
pw_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  PwTextCell *self = PW_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (pw_text_cell_parent_class)->css_changed (widget, change);
  /* the font or the text attributes may be others */
  g_clear_object (&self->layout);
  g_clear_pointer (&self->font_key, g_free);
}

static void
pw_text_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  g_clear_object (&PW_TEXT_CELL (widget)->layout);
  gtk_widget_queue_draw (widget);
}

static void
pw_text_cell_finalize (GObject *object)
{
  PwTextCell *self = PW_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->font_key);
  g_free (self->text);
  G_OBJECT_CLASS (pw_text_cell_parent_class)->finalize (object);
}

static void
pw_text_cell_class_init (PwTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pw_text_cell_finalize;
  widget_class->measure = pw_text_cell_measure;
  widget_class->snapshot = pw_text_cell_snapshot;
  widget_class->css_changed = pw_text_cell_css_changed;
  widget_class->direction_changed = pw_text_cell_direction_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
pw_text_cell_init (PwTextCell *self)
{
  self->text = g_strdup ("");
}

GtkWidget *
pw_text_cell_new (float xalign, gboolean ellipsize)
{
  PwTextCell *self = g_object_new (PW_TYPE_TEXT_CELL, NULL);

  self->xalign = CLAMP (xalign, 0, 1);
  self->ellipsize = ellipsize;
  return GTK_WIDGET (self);
}

void
pw_text_cell_set_text (PwTextCell *self, const char *text)
{
  g_return_if_fail (PW_IS_TEXT_CELL (self));

  if (text == NULL)
    text = "";
  if (strcmp (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, self->text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text, -1);
  /* only the width depends on the text */
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
pw_text_cell_get_text (PwTextCell *self)
{
  g_return_val_if_fail (PW_IS_TEXT_CELL (self), NULL);

  return self->text;
}
