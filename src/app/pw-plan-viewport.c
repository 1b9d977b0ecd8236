/* pw-plan-viewport.c — the plan canvas's viewport model (after libshumate's ShumateViewport)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gestures, keys and actions only change the viewport; the canvas redraws when
 * it emits ::changed. The mapping is widget = plan × zoom + origin, in logical
 * pixels.
 *
 * As ShumateViewport's zoom-level, min-zoom-level and max-zoom-level, the zoom
 * and its limits are properties, notified only when their value changes:
 *  1. PW_PLAN_ZOOM_FLOOR ≤ min-zoom ≤ max-zoom ≤ PW_PLAN_ZOOM_CEILING.
 *  2. min-zoom ≤ zoom ≤ max-zoom, whatever was asked: a zoom out of range is
 *     clamped, and moving a limit past the zoom moves the zoom with it.
 *  3. A zoom that is not a finite positive number changes nothing.
 */
#include "config.h"

#include <math.h>

#include "pw-plan-viewport.h"

struct _PwPlanViewport
{
  GObject parent_instance;

  double  zoom;
  double  min_zoom, max_zoom;
  double  ox, oy;
  double  width, height;
};

G_DEFINE_FINAL_TYPE (PwPlanViewport, pw_plan_viewport, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ZOOM,
  PROP_MIN_ZOOM,
  PROP_MAX_ZOOM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pw_plan_viewport_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PwPlanViewport *self = PW_PLAN_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_MIN_ZOOM:
      g_value_set_double (value, self->min_zoom);
      break;
    case PROP_MAX_ZOOM:
      g_value_set_double (value, self->max_zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_plan_viewport_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PwPlanViewport *self = PW_PLAN_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      pw_plan_viewport_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_MIN_ZOOM:
      pw_plan_viewport_set_min_zoom (self, g_value_get_double (value));
      break;
    case PROP_MAX_ZOOM:
      pw_plan_viewport_set_max_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_plan_viewport_class_init (PwPlanViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pw_plan_viewport_get_property;
  object_class->set_property = pw_plan_viewport_set_property;

  /**
   * PwPlanViewport:zoom:
   *
   * Logical pixels per metre of plan, between #PwPlanViewport:min-zoom and
   * #PwPlanViewport:max-zoom. Setting it keeps the centre of the view still.
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, PW_PLAN_ZOOM_FLOOR, PW_PLAN_ZOOM_CEILING, 10,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PwPlanViewport:min-zoom:
   *
   * The smallest zoom; raising it past #PwPlanViewport:max-zoom raises that too.
   */
  properties[PROP_MIN_ZOOM] =
    g_param_spec_double ("min-zoom", NULL, NULL, PW_PLAN_ZOOM_FLOOR, PW_PLAN_ZOOM_CEILING,
                         PW_PLAN_MIN_ZOOM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * PwPlanViewport:max-zoom:
   *
   * The largest zoom; lowering it below #PwPlanViewport:min-zoom lowers that too.
   */
  properties[PROP_MAX_ZOOM] =
    g_param_spec_double ("max-zoom", NULL, NULL, PW_PLAN_ZOOM_FLOOR, PW_PLAN_ZOOM_CEILING,
                         PW_PLAN_MAX_ZOOM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  self->min_zoom = PW_PLAN_MIN_ZOOM;
  self->max_zoom = PW_PLAN_MAX_ZOOM;
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

/* Moves to @zoom (already clamped) keeping the plan point under (@wx, @wy)
 * still; tells nobody. FALSE when nothing changed. */
static gboolean
move_zoom (PwPlanViewport *self, double zoom, double wx, double wy)
{
  double px = wx, py = wy;

  if (zoom == self->zoom)
    return FALSE;
  pw_plan_viewport_to_plan (self, &px, &py);
  self->zoom = zoom;
  self->ox = wx - px * zoom;
  self->oy = wy - py * zoom;
  return TRUE;
}

/* Zooms to @zoom, clamped, about (@wx, @wy), and tells. */
static void
zoom_to (PwPlanViewport *self, double zoom, double wx, double wy)
{
  if (!isfinite (zoom) || zoom <= 0)
    return;
  if (move_zoom (self, CLAMP (zoom, self->min_zoom, self->max_zoom), wx, wy))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
      changed (self);
    }
}

void
pw_plan_viewport_get_view (PwPlanViewport *self, PwPlanView *view)
{
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  view->scale = self->zoom;
  view->ox = self->ox;
  view->oy = self->oy;
}

double
pw_plan_viewport_get_zoom (PwPlanViewport *self)
{
  g_return_val_if_fail (PW_IS_PLAN_VIEWPORT (self), 0);

  return self->zoom;
}

void
pw_plan_viewport_set_zoom (PwPlanViewport *self, double zoom)
{
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  zoom_to (self, zoom, self->width / 2, self->height / 2);
}

double
pw_plan_viewport_get_min_zoom (PwPlanViewport *self)
{
  g_return_val_if_fail (PW_IS_PLAN_VIEWPORT (self), 0);

  return self->min_zoom;
}

double
pw_plan_viewport_get_max_zoom (PwPlanViewport *self)
{
  g_return_val_if_fail (PW_IS_PLAN_VIEWPORT (self), 0);

  return self->max_zoom;
}

/* Sets both limits (@min ≤ @max, both in range) and clamps the zoom into them. */
static void
set_limits (PwPlanViewport *self, double min, double max)
{
  gboolean min_changed = min != self->min_zoom, max_changed = max != self->max_zoom;
  gboolean zoom_changed;

  if (!min_changed && !max_changed)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->min_zoom = min;
  self->max_zoom = max;
  if (min_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_ZOOM]);
  if (max_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ZOOM]);
  zoom_changed = move_zoom (self, CLAMP (self->zoom, min, max), self->width / 2, self->height / 2);
  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_thaw_notify (G_OBJECT (self));
  if (zoom_changed)
    changed (self);
}

void
pw_plan_viewport_set_min_zoom (PwPlanViewport *self, double min_zoom)
{
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  if (!isfinite (min_zoom))
    return;
  min_zoom = CLAMP (min_zoom, PW_PLAN_ZOOM_FLOOR, PW_PLAN_ZOOM_CEILING);
  set_limits (self, min_zoom, MAX (min_zoom, self->max_zoom));
}

void
pw_plan_viewport_set_max_zoom (PwPlanViewport *self, double max_zoom)
{
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  if (!isfinite (max_zoom))
    return;
  max_zoom = CLAMP (max_zoom, PW_PLAN_ZOOM_FLOOR, PW_PLAN_ZOOM_CEILING);
  set_limits (self, MIN (max_zoom, self->min_zoom), max_zoom);
}

void
pw_plan_viewport_set_size (PwPlanViewport *self, double width, double height)
{
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

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
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  *width = self->width;
  *height = self->height;
}

void
pw_plan_viewport_pan (PwPlanViewport *self, double dx, double dy)
{
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  if (!isfinite (dx) || !isfinite (dy) || (dx == 0 && dy == 0))
    return;
  self->ox += dx;
  self->oy += dy;
  changed (self);
}

void
pw_plan_viewport_zoom_at (PwPlanViewport *self, double factor, double wx, double wy)
{
  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  if (!isfinite (factor) || factor <= 0 || !isfinite (wx) || !isfinite (wy))
    return;
  zoom_to (self, self->zoom * factor, wx, wy);
}

void
pw_plan_viewport_fit (PwPlanViewport *self,
                      double x0, double y0, double x1, double y1,
                      double margin)
{
  PwPlanView view;
  double old_zoom;

  g_return_if_fail (PW_IS_PLAN_VIEWPORT (self));

  if (self->width <= 0 || self->height <= 0)
    return;
  pw_plan_view_fit (&view, x0, y0, x1, y1, self->width, self->height, margin);
  view.scale = CLAMP (view.scale, self->min_zoom, self->max_zoom);
  view.ox = (self->width - (x1 - x0) * view.scale) / 2 - x0 * view.scale;
  view.oy = (self->height - (y1 - y0) * view.scale) / 2 - y0 * view.scale;
  old_zoom = self->zoom;
  self->zoom = view.scale;
  self->ox = view.ox;
  self->oy = view.oy;
  if (self->zoom != old_zoom)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
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
