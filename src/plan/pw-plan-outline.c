/* pw-plan-outline.c — one room's outline drawn beside another version of it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "pw-plan-outline.h"

#define MARGIN 8.0

typedef struct
{
  double scale, dx, dy;
} Fit;

static void
grow (PwPolygon *p, double *x0, double *y0, double *x1, double *y1)
{
  double a, b, c, d;

  if (p == NULL)
    return;
  pw_polygon_bounds (p, &a, &b, &c, &d);
  *x0 = MIN (*x0, a);
  *y0 = MIN (*y0, b);
  *x1 = MAX (*x1, c);
  *y1 = MAX (*y1, d);
}

static void
ring (cairo_t *cr, const PwPoint *pts, guint n, const Fit *fit)
{
  for (guint i = 0; i < n; i++)
    {
      /* as the plan draws floors (pw-plan-render.c) */
      double x = pts[i].x * fit->scale + fit->dx;
      double y = pts[i].y * fit->scale + fit->dy;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
}

static void
path (cairo_t *cr, PwPolygon *p, const Fit *fit)
{
  const PwPoint *pts;
  guint n;

  pts = pw_polygon_get_outer (p, &n);
  ring (cr, pts, n, fit);
  for (guint h = 0; h < pw_polygon_get_n_holes (p); h++)
    {
      pts = pw_polygon_get_hole (p, h, &n);
      ring (cr, pts, n, fit);
    }
}

static void
set_rgb (cairo_t *cr, guint32 rgb, double alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

void
pw_plan_draw_outline_pair (cairo_t   *cr,
                           double     width,
                           double     height,
                           PwPolygon *outline,
                           PwPolygon *other,
                           guint32    rgb,
                           guint32    ink)
{
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  static const double dash[] = { 4.0, 3.0 };
  Fit fit;

  g_return_if_fail (cr != NULL);

  grow (outline, &x0, &y0, &x1, &y1);
  grow (other, &x0, &y0, &x1, &y1);
  if (!isfinite (x0) || width <= 2 * MARGIN || height <= 2 * MARGIN)
    return;
  fit.scale = MIN ((width - 2 * MARGIN) / MAX (x1 - x0, 1e-6),
                   (height - 2 * MARGIN) / MAX (y1 - y0, 1e-6));
  fit.dx = (width - (x1 - x0) * fit.scale) / 2 - x0 * fit.scale;
  fit.dy = (height - (y1 - y0) * fit.scale) / 2 - y0 * fit.scale;

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  if (outline != NULL)
    {
      path (cr, outline, &fit);
      set_rgb (cr, rgb, 0.45);
      cairo_fill_preserve (cr);
      set_rgb (cr, rgb, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  if (other != NULL)
    {
      path (cr, other, &fit);
      set_rgb (cr, ink, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
