/* pw-plan-stacking.c — a building's stacking plan, drawn and hit-tested from one layout
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. Drawing, hit-testing and the bars' rectangles all come from layout(), so a
 *     click lands on the bar that is drawn where it was made.
 *  2. One scale for the building: a bar's width is its room's chargeable area times
 *     the same factor on every floor, so floors compare at a glance.
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "pw-plan-stacking.h"

#define MARGIN 12.0        /* logical pixels around the plan */
#define LABEL_WIDTH 88.0   /* the floor names' column */
#define ROW_HEIGHT 32.0    /* a row's natural height */
#define ROW_GAP 6.0

typedef struct
{
  double left;     /* where bars start */
  double top;
  double row_h;
  double row_step;
  double scale;    /* device units per hundredth of a m² */
} Layout;

static gint64
floor_total (PwPlanFloor *floor)
{
  gint64 total = 0;

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
    total += MAX (pw_plan_floor_get_room (floor, i)->chargeable_area, 0);
  return total;
}

static void
layout (GPtrArray *floors, const PwPlanStyle *style, double width, double height, Layout *l)
{
  double px = style->pixel, margin = MARGIN * px, gap = ROW_GAP * px;
  guint n = floors->len;
  gint64 widest = 0;

  for (guint f = 0; f < n; f++)
    widest = MAX (widest, floor_total (g_ptr_array_index (floors, f)));
  l->left = margin + LABEL_WIDTH * px;
  l->top = margin;
  l->row_h = ROW_HEIGHT * px;
  if (n > 0 && height > 0)
    {
      double fit = (height - 2 * margin - gap * (n - 1)) / n;

      l->row_h = CLAMP (fit, 4 * px, ROW_HEIGHT * px);
    }
  /* rows thinner than the gap lose it, so many floors still fit */
  if (l->row_h < 2 * gap)
    gap = l->row_h / 4;
  l->row_step = l->row_h + gap;
  l->scale = widest > 0 ? MAX (width - l->left - margin, 0) / (double) widest : 0;
}

static void
bar_rect (const Layout *l, PwPlanFloor *floor, guint f, guint room,
          double *x, double *y, double *w, double *h)
{
  gint64 before = 0;

  for (guint i = 0; i < room; i++)
    before += MAX (pw_plan_floor_get_room (floor, i)->chargeable_area, 0);
  *x = l->left + before * l->scale;
  *y = l->top + f * l->row_step;
  *w = MAX (pw_plan_floor_get_room (floor, room)->chargeable_area, 0) * l->scale;
  *h = l->row_h;
}

double
pw_plan_stacking_natural_height (guint n_floors, const PwPlanStyle *style)
{
  if (n_floors == 0)
    return 2 * MARGIN * style->pixel;
  return (2 * MARGIN + n_floors * ROW_HEIGHT + (n_floors - 1) * ROW_GAP) * style->pixel;
}

gboolean
pw_plan_stacking_get_bar (GPtrArray         *floors,
                          const PwPlanStyle *style,
                          double             width,
                          double             height,
                          guint              floor,
                          guint              room,
                          double            *x,
                          double            *y,
                          double            *bar_width,
                          double            *bar_height)
{
  PwPlanFloor *plan;
  Layout l;

  if (floor >= floors->len)
    return FALSE;
  plan = g_ptr_array_index (floors, floor);
  if (room >= pw_plan_floor_get_n_rooms (plan))
    return FALSE;
  layout (floors, style, width, height, &l);
  bar_rect (&l, plan, floor, room, x, y, bar_width, bar_height);
  return *bar_width > 0;
}

gboolean
pw_plan_stacking_hit_test (GPtrArray         *floors,
                           const PwPlanStyle *style,
                           double             width,
                           double             height,
                           double             x,
                           double             y,
                           guint             *out_floor,
                           guint             *out_room)
{
  PwPlanFloor *plan;
  Layout l;
  double bx;
  guint f;

  layout (floors, style, width, height, &l);
  if (y < l.top || x < l.left || l.scale <= 0)
    return FALSE;
  f = (guint) floor ((y - l.top) / l.row_step);
  if (f >= floors->len || y > l.top + f * l.row_step + l.row_h)
    return FALSE;
  plan = g_ptr_array_index (floors, f);
  bx = l.left;
  for (guint i = 0; i < pw_plan_floor_get_n_rooms (plan); i++)
    {
      double w = MAX (pw_plan_floor_get_room (plan, i)->chargeable_area, 0) * l.scale;

      if (w > 0 && x >= bx && x < bx + w)
        {
          *out_floor = f;
          *out_room = i;
          return TRUE;
        }
      bx += w;
    }
  return FALSE;
}

static PangoLayout *
create_font (cairo_t *cr, const PwPlanStyle *style)
{
  PangoFontDescription *desc = pango_font_description_from_string (style->font ? style->font
                                                                               : "Sans 9");
  PangoLayout *text = pango_cairo_create_layout (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  pango_font_description_set_absolute_size (desc, pango_font_description_get_size (desc)
                                                    * 96.0 / 72.0 * style->pixel);
  /* metrics that do not depend on the surface, so a PNG and the screen agree */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (text), options);
  pango_layout_context_changed (text);
  cairo_font_options_destroy (options);
  pango_layout_set_font_description (text, desc);
  pango_font_description_free (desc);
  return text;
}

void
pw_plan_draw_stacking (cairo_t           *cr,
                       GPtrArray         *floors,
                       PwPlanLens         lens,
                       const char        *today,
                       const PwPlanStyle *style,
                       double             width,
                       double             height)
{
  double px = style->pixel;
  double ink = style->dark ? 1.0 : 0x24 / 255.0;
  PangoLayout *text;
  Layout l;

  layout (floors, style, width, height, &l);
  text = create_font (cr, style);
  cairo_save (cr);
  for (guint f = 0; f < floors->len; f++)
    {
      PwPlanFloor *plan = g_ptr_array_index (floors, f);
      g_autoptr(PwPlanColoring) coloring = pw_plan_coloring_new_among (plan, lens, today, floors);
      double row_y = l.top + f * l.row_step;
      int tw, th;

      /* the floor's name, right-aligned against the bars */
      pango_layout_set_width (text, (int) ((LABEL_WIDTH - 8) * px * PANGO_SCALE));
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      pango_layout_set_alignment (text, PANGO_ALIGN_RIGHT);
      pango_layout_set_text (text, pw_plan_floor_get_title (plan), -1);
      pango_layout_get_pixel_size (text, &tw, &th);
      if (th <= l.row_h + 2 * px)
        {
          cairo_set_source_rgba (cr, ink, ink, ink, 0.85);
          cairo_move_to (cr, MARGIN * px, row_y + (l.row_h - th) / 2);
          pango_cairo_show_layout (cr, text);
        }
      pango_layout_set_width (text, -1);
      pango_layout_set_alignment (text, PANGO_ALIGN_LEFT);

      for (guint i = 0; i < pw_plan_floor_get_n_rooms (plan); i++)
        {
          PwPlanRoom *room = pw_plan_floor_get_room (plan, i);
          const PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass,
                                                   coloring->room_class[i]);
          double x, y, w, h;

          bar_rect (&l, plan, f, i, &x, &y, &w, &h);
          if (w <= 0)
            continue;
          pw_plan_draw_swatch (cr, cls, style, x, y, w, h);
          cairo_rectangle (cr, x + 0.5 * px, y + 0.5 * px, MAX (w - px, 0), MAX (h - px, 0));
          cairo_set_source_rgba (cr, ink, ink, ink, 0.6);
          cairo_set_line_width (cr, px);
          cairo_stroke (cr);

          /* the code where it fits */
          pango_layout_set_text (text, room->code, -1);
          pango_layout_get_pixel_size (text, &tw, &th);
          if (tw + 6 * px <= w && th <= h)
            {
              double lum = 0.2126 * ((cls->rgb >> 16) & 0xff) + 0.7152 * ((cls->rgb >> 8) & 0xff)
                           + 0.0722 * (cls->rgb & 0xff);
              double c = (style->dark || lum < 0.45 * 255) ? 1.0 : 0.0;

              cairo_set_source_rgba (cr, c, c, c, 0.9);
              cairo_move_to (cr, x + 3 * px, y + (h - th) / 2);
              pango_cairo_show_layout (cr, text);
            }
        }
    }
  cairo_restore (cr);
  g_object_unref (text);
}
