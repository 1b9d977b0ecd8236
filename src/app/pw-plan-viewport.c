/* pw-plan-viewport.c — the plan canvas's viewport model (after libshumate's ShumateViewport)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gestures and keys only change the viewport; the canvas redraws when it emits
 * ::changed. The mapping is widget = plan × zoom + origin, in logical pixels.
 */
#include "config.h"

#include <math.h>

#include "pw-plan-viewport.h"

struct _PwPlanViewport
{
  GObject parent_instance;

  double  zoom;
  double  ox, oy;
  double  width, height;
};

G_DEFINE_FINAL_TYPE (PwPlanViewport, pw_plan_viewport, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pw_plan_viewport_class_init (PwPlanViewportClass *klass)
{
  /**
   * PwPlanViewport::changed:
   *
   * The zoom, the position or the size changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pw_plan_viewport_init (PwPlanViewport *self)
{
  self->zoom = 10;
}

PwPlanViewport *
pw_plan_viewport_new (void)
{
  return g_object_new (PW_TYPE_PLAN_VIEWPORT, NULL);
}

static void
changed (PwPlanViewport *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
pw_plan_viewport_get_view (PwPlanViewport *self, PwPlanView *view)
{
  view->scale = self->zoom;
  view->ox = self->ox;
  view->oy = self->oy;
}

double
pw_plan_viewport_get_zoom (PwPlanViewport *self)
{
  return self->zoom;
}

void
pw_plan_viewport_set_size (PwPlanViewport *self, double width, double height)
{
  if (width == self->width && height == self->height)
    return;
  /* keep the centre where it was */
  self->ox += (width - self->width) / 2;
  self->oy += (height - self->height) / 2;
  self->width = width;
  self->height = height;
  changed (self);
}

void
pw_plan_viewport_get_size (PwPlanViewport *self, double *width, double *height)
{
  *width = self->width;
  *height = self->height;
}

void
pw_plan_viewport_pan (PwPlanViewport *self, double dx, double dy)
{
  if (!isfinite (dx) || !isfinite (dy) || (dx == 0 && dy == 0))
    return;
  self->ox += dx;
  self->oy += dy;
  changed (self);
}

void
pw_plan_viewport_zoom_at (PwPlanViewport *self, double factor, double wx, double wy)
{
  double zoom = CLAMP (self->zoom * factor, PW_PLAN_MIN_ZOOM, PW_PLAN_MAX_ZOOM);
  double px = wx, py = wy;

  if (!isfinite (factor) || factor <= 0 || zoom == self->zoom)
    return;
  pw_plan_viewport_to_plan (self, &px, &py);
  self->zoom = zoom;
  self->ox = wx - px * zoom;
  self->oy = wy - py * zoom;
  changed (self);
}

void
pw_plan_viewport_fit (PwPlanViewport *self,
                      double x0, double y0, double x1, double y1,
                      double margin)
{
  PwPlanView view;

  if (self->width <= 0 || self->height <= 0)
    return;
  pw_plan_view_fit (&view, x0, y0, x1, y1, self->width, self->height, margin);
  view.scale = CLAMP (view.scale, PW_PLAN_MIN_ZOOM, PW_PLAN_MAX_ZOOM);
  view.ox = (self->width - (x1 - x0) * view.scale) / 2 - x0 * view.scale;
  view.oy = (self->height - (y1 - y0) * view.scale) / 2 - y0 * view.scale;
  self->zoom = view.scale;
  self->ox = view.ox;
  self->oy = view.oy;
  changed (self);
}

void
pw_plan_viewport_to_plan (PwPlanViewport *self, double *x, double *y)
{
  *x = (*x - self->ox) / self->zoom;
  *y = (*y - self->oy) / self->zoom;
}

void
pw_plan_viewport_to_widget (PwPlanViewport *self, double *x, double *y)
{
  *x = *x * self->zoom + self->ox;
  *y = *y * self->zoom + self->oy;
}
