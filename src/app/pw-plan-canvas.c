/* pw-plan-canvas.c — the floor plan widget: cached rendering, gestures, keyboard, a11y
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Room fills and labels are drawn once per zoom level into a cached texture a
 * little larger than the view and re-used while panning; selection, hover, focus
 * and the selection band are drawn over it every frame. When the view leaves the
 * cache (a wheel notch zooms, a pan runs past its margin) the frame shows the old
 * cache scaled and moved to the new view, and the exact cache is rendered at idle,
 * after that frame has been painted: the user sees the zoom at once, and the
 * sharp plan a render later (while the wheel spins, once it stops). A cache that
 * no longer shows the floor as it is (an edit, a new lens, the dark style) is
 * dropped and rendered in the frame.
 *
 * Each room in view has a small invisible child widget that carries its
 * accessible name and takes the keyboard focus, so Tab, a screen reader and
 * dogtail reach the rooms in view; the arrow keys reach every room, panning to it
 * (pw-plan-canvas-a11y.c). After a zoom the children are chosen again at idle too.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pw-area.h"
#include "pw-plan-canvas.h"
#include "pw-plan-canvas-a11y.h"
#include "pw-ui.h"
#include "pw-plan-item.h"

#define CACHE_MARGIN 0.15   /* the cache reaches this share of the view beyond each side */
#define PAN_STEP 48.0       /* logical pixels an arrow key pans */
#define ZOOM_STEP 1.25
#define TOUCHPAD_WHEEL_PIXELS 24.0  /* logical pixels a touchpad pans per wheel unit (X11) */
#define PIXELS_PER_ZOOM_STEP 40.0   /* scrolled pixels that zoom by one step (with Ctrl) */
#define KINETIC_FRICTION 4.0        /* 1/s: how fast a fling slows down */
#define SETTLE_MS 150               /* a zoom still this long has stopped: render it exactly */

/* ---- the canvas ---------------------------------------------------------------------- */

struct _PwPlanCanvas
{
  GtkWidget        parent_instance;

  PwPlanViewport  *viewport;
  PwPlanFloor     *floor;
  PwPlanColoring  *coloring;
  PwPlanLens       lens;
  char            *today;
  gboolean         square_feet;
  RsvgHandle      *background;
  cairo_matrix_t   background_to_plan;
  gboolean         backdrop_hidden;
  double           backdrop_opacity;  /* below 0: the style's own */

  /* the cached layer: a cairo surface, wrapped in a texture when GSK draws with GL */
  cairo_surface_t *cache_surface;
  GdkTexture      *cache;
  double           cache_zoom;
  double           cache_x0, cache_y0, cache_x1, cache_y1;  /* plan metres it covers */
  int              cache_scale;
  gboolean         cache_dark;
  guint            exact_id;      /* idle rendering the exact cache after a scaled frame */
  guint            items_id;      /* idle choosing the room children again after a zoom */
  double           items_zoom;    /* the zoom the room children were chosen at */
  gboolean         items_due;     /* choose them at the next allocation */
  guint            n_frames, n_renders, n_scaled;
  gint64           last_scaled;   /* when the last scaled frame was made (monotonic µs) */
  double           last_scaled_zoom;  /* and at which zoom */

  /* interaction */
  GArray          *selection;     /* guint */
  guint8          *selected;      /* per room */
  int              hover;
  int              focus_room;
  gboolean         banding;
  double           band_x0, band_y0, band_x1, band_y1;  /* widget coordinates */
  gboolean         drag_pans;
  double           drag_last_x, drag_last_y;
  double           pinch_zoom;
  guint            kinetic_id;
  gint64           kinetic_time;
  double           kinetic_vx, kinetic_vy;  /* logical pixels per second */
  PwPlanRoomItems *items;         /* the accessible children of the rooms in view */
};

G_DEFINE_FINAL_TYPE (PwPlanCanvas, pw_plan_canvas, GTK_TYPE_WIDGET)

static void update_actions (PwPlanCanvas *self);
static void stop_kinetic   (PwPlanCanvas *self);

enum {
  SELECTION_CHANGED,
  ROOM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drop_cache (PwPlanCanvas *self)
{
  g_clear_handle_id (&self->exact_id, g_source_remove);
  g_clear_object (&self->cache);
  g_clear_pointer (&self->cache_surface, cairo_surface_destroy);
}

static void
invalidate_cache (PwPlanCanvas *self)
{
  drop_cache (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
style_for (PwPlanCanvas *self, PwPlanStyle *style, double pixel)
{
  pw_plan_style_init (style);
  style->dark = is_dark ();
  style->pixel = pixel;
  style->square_feet = self->square_feet;
  style->backdrop = self->backdrop_opacity;
}

/* Renders the rooms and labels around the view into a texture at device scale. */
static void
render_cache (PwPlanCanvas *self)
{
  double w, h, mx, my;
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double x0 = 0, y0 = 0, x1, y1;
  double zoom = pw_plan_viewport_get_zoom (self->viewport);
  int pw, ph;
  cairo_surface_t *surface;
  cairo_t *cr;
  PwPlanStyle style;
  PwPlanView view;

  pw_plan_viewport_get_size (self->viewport, &w, &h);
  mx = ceil (w * CACHE_MARGIN);
  my = ceil (h * CACHE_MARGIN);
  x1 = w + mx;
  y1 = h + my;
  x0 -= mx;
  y0 -= my;
  pw_plan_viewport_to_plan (self->viewport, &x0, &y0);
  pw_plan_viewport_to_plan (self->viewport, &x1, &y1);
  pw = (int) ceil ((w + 2 * mx) * scale);
  ph = (int) ceil ((h + 2 * my) * scale);
  if (pw <= 0 || ph <= 0)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  cr = cairo_create (surface);
  style_for (self, &style, scale);
  view.scale = zoom * scale;
  view.ox = -x0 * view.scale;
  view.oy = -y0 * view.scale;
  if (self->backdrop_hidden)
    ;
  else if (self->background != NULL)
    pw_plan_draw_background (cr, self->background, &self->background_to_plan, &view, &style);
  else
    {
      cairo_matrix_t to_plan;
      RsvgHandle *drawing = pw_plan_floor_get_drawing (self->floor, &to_plan);

      pw_plan_draw_background (cr, drawing, &to_plan, &view, &style);
    }
  pw_plan_draw_rooms (cr, self->floor, self->coloring, &view, &style);
  g_array_unref (pw_plan_draw_labels (cr, self->floor, self->coloring, &view, &style, pw, ph));
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  drop_cache (self);
  self->cache_surface = surface;
  self->cache_zoom = zoom;
  self->cache_x0 = x0;
  self->cache_y0 = y0;
  self->cache_x1 = x1;
  self->cache_y1 = y1;
  self->cache_scale = scale;
  self->cache_dark = style.dark;
  self->n_renders++;
}

static gboolean
cache_covers_view (PwPlanCanvas *self)
{
  double w, h, x0 = 0, y0 = 0, x1, y1;

  if (self->cache_surface == NULL || self->cache_zoom != pw_plan_viewport_get_zoom (self->viewport)
      || self->cache_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self))
      || self->cache_dark != is_dark ())
    return FALSE;
  pw_plan_viewport_get_size (self->viewport, &w, &h);
  x1 = w;
  y1 = h;
  pw_plan_viewport_to_plan (self->viewport, &x0, &y0);
  pw_plan_viewport_to_plan (self->viewport, &x1, &y1);
  return x0 >= self->cache_x0 && y0 >= self->cache_y0 && x1 <= self->cache_x1 && y1 <= self->cache_y1;
}

/* Can the cache stand in, scaled and moved, for a frame of the current view? It
 * shows the floor as it is (dropped otherwise), in the same style and density. */
static gboolean
cache_can_stand_in (PwPlanCanvas *self)
{
  double ratio;

  if (self->cache_surface == NULL || self->cache_scale != gtk_widget_get_scale_factor (GTK_WIDGET (self))
      || self->cache_dark != is_dark ())
    return FALSE;
  ratio = pw_plan_viewport_get_zoom (self->viewport) / self->cache_zoom;
  /* far out of scale it would show a blur or a speck: render in the frame */
  return ratio >= 0.125 && ratio <= 8;
}

static gboolean
exact_render_cb (gpointer data)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (data);

  self->exact_id = 0;
  if (self->floor != NULL && !cache_covers_view (self))
    {
      render_cache (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return G_SOURCE_REMOVE;
}

/* The exact cache, once the frame being made has been painted (the frame clock
 * paints at GDK_PRIORITY_REDRAW, input comes before both). While the wheel
 * spins (another scaled frame within SETTLE_MS of the last) it waits until the
 * zoom has been still for SETTLE_MS: rendered after every notch, it held up the
 * next one by a render, and a quick spin lagged ever further behind the hand. */
static void
schedule_exact_render (PwPlanCanvas *self)
{
  gint64 now = g_get_monotonic_time ();
  double zoom = pw_plan_viewport_get_zoom (self->viewport);
  /* a pan past the cache's margin is no spin: its frames render at idle */
  gboolean spinning = self->last_scaled != 0 && now - self->last_scaled < SETTLE_MS * 1000
                      && zoom != self->last_scaled_zoom;

  self->last_scaled = now;
  self->last_scaled_zoom = zoom;
  if (spinning)
    {
      g_clear_handle_id (&self->exact_id, g_source_remove);
      self->exact_id = g_timeout_add_full (GDK_PRIORITY_REDRAW + 10, SETTLE_MS, exact_render_cb,
                                           self, NULL);
    }
  else if (self->exact_id == 0)
    self->exact_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, exact_render_cb, self, NULL);
}

static void
draw_overlay (PwPlanCanvas *self, cairo_t *cr)
{
  PwPlanStyle style;
  PwPlanView view;

  style_for (self, &style, 1);
  pw_plan_viewport_get_view (self->viewport, &view);
  for (guint k = 0; k < self->selection->len; k++)
    pw_plan_draw_highlight (cr, pw_plan_floor_get_room (self->floor,
                                                        g_array_index (self->selection, guint, k)),
                            &view, &style, TRUE);
  if (self->hover >= 0 && !self->selected[self->hover])
    pw_plan_draw_highlight (cr, pw_plan_floor_get_room (self->floor, (guint) self->hover), &view,
                            &style, FALSE);
  if (self->focus_room >= 0 && pw_plan_room_items_get (self->items, self->focus_room) != NULL
      && gtk_widget_has_focus (pw_plan_room_items_get (self->items, self->focus_room)))
    {
      PwPlanRoom *room = pw_plan_floor_get_room (self->floor, (guint) self->focus_room);
      double x0 = room->x0, y0 = room->y0, x1 = room->x1, y1 = room->y1;
      const double dash[] = { 2, 2 };

      pw_plan_view_to_device (&view, &x0, &y0);
      pw_plan_view_to_device (&view, &x1, &y1);
      cairo_rectangle (cr, x0 + 2.5, y0 + 2.5, MAX (x1 - x0 - 5, 1), MAX (y1 - y0 - 5, 1));
      cairo_set_source_rgba (cr, style.dark ? 1 : 0, style.dark ? 1 : 0, style.dark ? 1 : 0, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  if (self->banding)
    {
      double x = MIN (self->band_x0, self->band_x1), y = MIN (self->band_y0, self->band_y1);
      double w = fabs (self->band_x1 - self->band_x0), h = fabs (self->band_y1 - self->band_y0);

      cairo_rectangle (cr, x + 0.5, y + 0.5, w, h);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

/* The texture GL renderers draw: the cached surface's pixels, not copied. */
static GdkTexture *
cache_texture (PwPlanCanvas *self)
{
  if (self->cache == NULL)
    {
      int h = cairo_image_surface_get_height (self->cache_surface);
      int stride = cairo_image_surface_get_stride (self->cache_surface);
      GBytes *bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (self->cache_surface),
                                                  (gsize) stride * h,
                                                  (GDestroyNotify) cairo_surface_destroy,
                                                  cairo_surface_reference (self->cache_surface));

      self->cache = gdk_memory_texture_new (cairo_image_surface_get_width (self->cache_surface), h,
                                            GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
      g_bytes_unref (bytes);
    }
  return self->cache;
}

static gboolean
drawn_by_cairo (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer);
}

/* The part of the widget the overlay draws on, or FALSE when there is nothing. */
static gboolean
overlay_bounds (PwPlanCanvas *self, double w, double h, graphene_rect_t *bounds)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  int rooms[3] = { self->hover, self->focus_room, -1 };

  for (guint k = 0; k < self->selection->len + 2; k++)
    {
      int i = k < 2 ? rooms[k] : (int) g_array_index (self->selection, guint, k - 2);
      PwPlanRoom *room;
      double rx0, ry0, rx1, ry1;

      if (i < 0)
        continue;
      room = pw_plan_floor_get_room (self->floor, (guint) i);
      rx0 = room->x0, ry0 = room->y0, rx1 = room->x1, ry1 = room->y1;
      pw_plan_viewport_to_widget (self->viewport, &rx0, &ry0);
      pw_plan_viewport_to_widget (self->viewport, &rx1, &ry1);
      x0 = MIN (x0, rx0);
      y0 = MIN (y0, ry0);
      x1 = MAX (x1, rx1);
      y1 = MAX (y1, ry1);
    }
  if (self->banding)
    {
      x0 = MIN (x0, MIN (self->band_x0, self->band_x1));
      y0 = MIN (y0, MIN (self->band_y0, self->band_y1));
      x1 = MAX (x1, MAX (self->band_x0, self->band_x1));
      y1 = MAX (y1, MAX (self->band_y0, self->band_y1));
    }
  /* room for the outline's width */
  x0 = MAX (floor (x0) - 3, 0);
  y0 = MAX (floor (y0) - 3, 0);
  x1 = MIN (ceil (x1) + 3, w);
  y1 = MIN (ceil (y1) + 3, h);
  if (x1 <= x0 || y1 <= y0)
    return FALSE;
  graphene_rect_init (bounds, (float) x0, (float) y0, (float) (x1 - x0), (float) (y1 - y0));
  return TRUE;
}

static void
pw_plan_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  graphene_rect_t bounds;
  gboolean stale = FALSE;
  cairo_t *cr;

  if (self->floor == NULL || w <= 0 || h <= 0)
    return;
  if (!cache_covers_view (self))
    {
      if (cache_can_stand_in (self))
        {
          stale = TRUE;
          schedule_exact_render (self);
        }
      else
        render_cache (self);
    }
  if (stale)
    {
      /* the old cache, scaled to this zoom: its corner where the view puts it */
      double x = self->cache_x0, y = self->cache_y0;
      double f = pw_plan_viewport_get_zoom (self->viewport) / self->cache_zoom / self->cache_scale;

      pw_plan_viewport_to_widget (self->viewport, &x, &y);
      graphene_rect_init (&bounds, 0, 0, (float) w, (float) h);
      if (drawn_by_cairo (widget))
        {
          cr = gtk_snapshot_append_cairo (snapshot, &bounds);
          cairo_translate (cr, x, y);
          cairo_scale (cr, f, f);
          cairo_set_source_surface (cr, self->cache_surface, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
      else
        {
          GdkTexture *texture = cache_texture (self);
          graphene_rect_t at;

          graphene_rect_init (&at, (float) x, (float) y,
                              (float) (gdk_texture_get_width (texture) * f),
                              (float) (gdk_texture_get_height (texture) * f));
          gtk_snapshot_push_clip (snapshot, &bounds);
          gtk_snapshot_append_texture (snapshot, texture, &at);
          gtk_snapshot_pop (snapshot);
        }
      self->n_scaled++;
    }
  else if (self->cache_surface != NULL)
    {
      double x = self->cache_x0, y = self->cache_y0;
      double s = self->cache_scale;

      pw_plan_viewport_to_widget (self->viewport, &x, &y);
      graphene_rect_init (&bounds, 0, 0, (float) w, (float) h);
      if (drawn_by_cairo (widget))
        {
          /* GSK's cairo path would convert a texture on every frame; a cairo
           * node paints the cached surface as it is */
          cr = gtk_snapshot_append_cairo (snapshot, &bounds);
          cairo_scale (cr, 1 / s, 1 / s);
          cairo_set_source_surface (cr, self->cache_surface, round (x * s), round (y * s));
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
          cairo_paint (cr);
          cairo_destroy (cr);
        }
      else
        {
          /* GL keeps the uploaded texture while the cache lives: panning is a blit */
          GdkTexture *texture = cache_texture (self);
          graphene_rect_t at;

          graphene_rect_init (&at, (float) x, (float) y,
                              (float) (gdk_texture_get_width (texture) / s),
                              (float) (gdk_texture_get_height (texture) / s));
          gtk_snapshot_push_clip (snapshot, &bounds);
          gtk_snapshot_append_texture (snapshot, texture, &at);
          gtk_snapshot_pop (snapshot);
        }
    }
  if (overlay_bounds (self, w, h, &bounds))
    {
      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      draw_overlay (self, cr);
      cairo_destroy (cr);
    }
  self->n_frames++;
}

/* ---- children ------------------------------------------------------------------------ */

static void
update_item_state (PwPlanCanvas *self, guint room)
{
  pw_plan_room_items_set_selected (self->items, (int) room, self->selected[room]);
}

static void
build_items (PwPlanCanvas *self)
{
  self->items_zoom = 0;   /* a new floor's children come with its first frame */
  pw_plan_room_items_reset (self->items, self->floor, self->square_feet);
}

static gboolean
items_due_cb (gpointer data)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (data);

  self->items_id = 0;
  self->items_due = TRUE;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
pw_plan_canvas_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  gboolean first = FALSE;
  double ow, oh;

  pw_plan_viewport_get_size (self->viewport, &ow, &oh);
  first = (ow <= 0 || oh <= 0);
  pw_plan_viewport_set_size (self->viewport, width, height);
  if (first && self->floor != NULL)
    pw_plan_canvas_zoom_fit (self);

  /* A zoom changes which rooms are the largest on screen, and so most of the
   * children when many rooms are in view (hundreds of widgets made and dropped):
   * that waits until the frame showing the zoom has been painted. Pans and
   * everything else update them at once. */
  if (!first && !self->items_due && self->items_zoom > 0 && ow == width && oh == height
      && self->items_zoom != pw_plan_viewport_get_zoom (self->viewport))
    {
      if (self->items_id == 0)
        self->items_id = g_idle_add_full (GDK_PRIORITY_REDRAW + 10, items_due_cb, self, NULL);
      return;
    }
  self->items_due = FALSE;
  self->items_zoom = pw_plan_viewport_get_zoom (self->viewport);
  pw_plan_room_items_allocate (self->items, self->viewport, width, height, self->selected,
                               self->focus_room);
}

static void
on_viewport_changed (PwPlanViewport *viewport, PwPlanCanvas *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- selection -------------------------------------------------------------------------- */

static void
selection_changed (PwPlanCanvas *self)
{
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
set_selected (PwPlanCanvas *self, guint room, gboolean selected)
{
  if (!!self->selected[room] == !!selected)
    return;
  self->selected[room] = selected;
  if (selected)
    g_array_append_val (self->selection, room);
  else
    for (guint k = 0; k < self->selection->len; k++)
      if (g_array_index (self->selection, guint, k) == room)
        {
          g_array_remove_index (self->selection, k);
          break;
        }
  update_item_state (self, room);
}

static void
clear_selection (PwPlanCanvas *self)
{
  while (self->selection->len > 0)
    set_selected (self, g_array_index (self->selection, guint, self->selection->len - 1), FALSE);
}

void
pw_plan_canvas_select (PwPlanCanvas *self, int room, PwPlanSelectMode mode)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  if (self->floor == NULL || room >= (int) pw_plan_floor_get_n_rooms (self->floor))
    return;
  if (mode == PW_PLAN_SELECT_REPLACE)
    clear_selection (self);
  if (room >= 0)
    set_selected (self, (guint) room, mode == PW_PLAN_SELECT_TOGGLE ? !self->selected[room] : TRUE);
  selection_changed (self);
}

void
pw_plan_canvas_select_none (PwPlanCanvas *self)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  if (self->selection->len == 0)
    return;
  clear_selection (self);
  selection_changed (self);
}

GArray *
pw_plan_canvas_get_selection (PwPlanCanvas *self)
{
  g_return_val_if_fail (PW_IS_PLAN_CANVAS (self), NULL);

  return self->selection;
}

gint64
pw_plan_canvas_get_selected_area (PwPlanCanvas *self)
{
  gint64 total = 0;

  for (guint k = 0; k < self->selection->len; k++)
    total += pw_plan_floor_get_room (self->floor, g_array_index (self->selection, guint, k))
               ->chargeable_area;
  return total;
}

static PwPlanSelectMode
mode_for (GdkModifierType state)
{
  if (state & GDK_CONTROL_MASK)
    return PW_PLAN_SELECT_TOGGLE;
  if (state & GDK_SHIFT_MASK)
    return PW_PLAN_SELECT_ADD;
  return PW_PLAN_SELECT_REPLACE;
}

/* ---- pointer ----------------------------------------------------------------------------- */

static int
room_at (PwPlanCanvas *self, double wx, double wy)
{
  if (self->floor == NULL)
    return -1;
  pw_plan_viewport_to_plan (self->viewport, &wx, &wy);
  return pw_plan_floor_hit_test (self->floor, wx, wy);
}

static void
on_motion (GtkEventControllerMotion *controller, double x, double y, PwPlanCanvas *self)
{
  int room = room_at (self, x, y);

  if (room != self->hover)
    {
      self->hover = room;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *controller, PwPlanCanvas *self)
{
  if (self->hover != -1)
    {
      self->hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_click_released (GtkGestureClick *gesture, int n_press, double x, double y, PwPlanCanvas *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  int room = room_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (room < 0)
    {
      if (mode_for (state) == PW_PLAN_SELECT_REPLACE)
        pw_plan_canvas_select_none (self);
      return;
    }
  pw_plan_canvas_select (self, room, mode_for (state));
  if (n_press == 2)
    g_signal_emit (self, signals[ROOM_ACTIVATED], 0, room);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, PwPlanCanvas *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  /* a drag on empty space (or with Shift) draws a band; otherwise it pans */
  self->drag_pans = button != GDK_BUTTON_PRIMARY
                    || (!(state & GDK_SHIFT_MASK) && room_at (self, x, y) >= 0);
  self->drag_last_x = 0;
  self->drag_last_y = 0;
  stop_kinetic (self);
  self->band_x0 = self->band_x1 = x;
  self->band_y0 = self->band_y1 = y;
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, PwPlanCanvas *self)
{
  if (!self->banding && !self->drag_pans && hypot (dx, dy) < 4)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->drag_pans)
    {
      pw_plan_viewport_pan (self->viewport, dx - self->drag_last_x, dy - self->drag_last_y);
      self->drag_last_x = dx;
      self->drag_last_y = dy;
      return;
    }
  self->banding = TRUE;
  self->band_x1 = self->band_x0 + dx;
  self->band_y1 = self->band_y0 + dy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The drag lost its touch to a pinch: neither band nor pan goes on. */
static void
on_drag_cancel (GtkGesture *gesture, GdkEventSequence *sequence, PwPlanCanvas *self)
{
  if (self->banding)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  self->banding = FALSE;
  self->drag_pans = FALSE;
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, PwPlanCanvas *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  g_autoptr(GArray) inside = NULL;
  double x0, y0, x1, y1;

  if (!self->banding)
    return;
  self->banding = FALSE;
  x0 = MIN (self->band_x0, self->band_x1);
  y0 = MIN (self->band_y0, self->band_y1);
  x1 = MAX (self->band_x0, self->band_x1);
  y1 = MAX (self->band_y0, self->band_y1);
  pw_plan_viewport_to_plan (self->viewport, &x0, &y0);
  pw_plan_viewport_to_plan (self->viewport, &x1, &y1);
  inside = g_array_new (FALSE, FALSE, sizeof (guint));
  pw_plan_floor_query_inside (self->floor, x0, y0, x1, y1, inside);
  if (mode_for (state) == PW_PLAN_SELECT_REPLACE && !(state & GDK_SHIFT_MASK))
    clear_selection (self);
  for (guint k = 0; k < inside->len; k++)
    set_selected (self, g_array_index (inside, guint, k), TRUE);
  selection_changed (self);
}

/* Scrolling: a touchpad (or any device that scrolls by pixels) pans, as
 * two-finger scrolling does in maps; a mouse wheel, or any scrolling with
 * Ctrl held, zooms about the pointer. */
static gboolean
scrolls_by_pixels (GtkEventControllerScroll *controller, GdkEvent *event)
{
  GdkDevice *device = event != NULL ? gdk_event_get_device (event) : NULL;

  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    return TRUE;
  /* X11 reports a touchpad's smooth scrolling in wheel units */
  if (device != NULL)
    switch (gdk_device_get_source (device))
      {
      case GDK_SOURCE_TOUCHPAD:
      case GDK_SOURCE_TRACKPOINT:
        return TRUE;
      default:
        break;
      }
  return FALSE;
}

static gboolean
on_scroll (GtkEventControllerScroll *controller, double dx, double dy, PwPlanCanvas *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean pixels = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE;
  double x = 0, y = 0;

  if (event == NULL || !gdk_event_get_position (event, &x, &y))
    {
      double w, h;

      pw_plan_viewport_get_size (self->viewport, &w, &h);
      x = w / 2;
      y = h / 2;
    }
  if (scrolls_by_pixels (controller, event) && !(state & GDK_CONTROL_MASK))
    {
      double step = pixels ? 1 : TOUCHPAD_WHEEL_PIXELS;

      pw_plan_viewport_pan (self->viewport, -dx * step, -dy * step);
      return TRUE;
    }
  if (dy == 0)
    return FALSE;
  /* a notch of a wheel zooms by a step; pixels by as much as they moved */
  pw_plan_viewport_zoom_at (self->viewport,
                            pow (ZOOM_STEP, -dy / (pixels ? PIXELS_PER_ZOOM_STEP : 1)), x, y);
  return TRUE;
}

/* Kinetic panning after a touchpad's fling, until it slows to a stop. */
static gboolean
kinetic_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt = (now - self->kinetic_time) / (double) G_USEC_PER_SEC;
  double decay;

  self->kinetic_time = now;
  decay = exp (-KINETIC_FRICTION * dt);
  pw_plan_viewport_pan (self->viewport, self->kinetic_vx * dt, self->kinetic_vy * dt);
  self->kinetic_vx *= decay;
  self->kinetic_vy *= decay;
  if (hypot (self->kinetic_vx, self->kinetic_vy) < 10)
    {
      self->kinetic_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stop_kinetic (PwPlanCanvas *self)
{
  if (self->kinetic_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_id);
  self->kinetic_id = 0;
}

static void
on_scroll_begin (GtkEventControllerScroll *controller, PwPlanCanvas *self)
{
  stop_kinetic (self);
}

static void
on_decelerate (GtkEventControllerScroll *controller, double vx, double vy, PwPlanCanvas *self)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE
                ? 1 : TOUCHPAD_WHEEL_PIXELS;

  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  stop_kinetic (self);
  /* only a touchpad's panning glides on, not its Ctrl+scroll zooming */
  if (clock == NULL || !scrolls_by_pixels (controller, event) || (state & GDK_CONTROL_MASK))
    return;
  self->kinetic_vx = -vx * step;
  self->kinetic_vy = -vy * step;
  self->kinetic_time = gdk_frame_clock_get_frame_time (clock);
  self->kinetic_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick_cb, NULL, NULL);
}

/* A pinch claims its touches at once, so that the drag gesture, which shares
 * the first finger, neither pans nor draws a band at the same time. */
static void
on_pinch_begin (GtkGesture *gesture, GdkEventSequence *sequence, PwPlanCanvas *self)
{
  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  stop_kinetic (self);
  self->pinch_zoom = pw_plan_viewport_get_zoom (self->viewport);
}

static void
on_pinch_scale_changed (GtkGestureZoom *gesture, double scale, PwPlanCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  pw_plan_viewport_zoom_at (self->viewport,
                            self->pinch_zoom * scale / pw_plan_viewport_get_zoom (self->viewport),
                            x, y);
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    data)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  int index = keyboard ? self->focus_room : room_at (self, x, y);
  PwPlanRoom *room;
  g_autoptr(GString) text = NULL;
  g_autofree char *area = NULL, *code = NULL;

  if (index < 0)
    return FALSE;
  room = pw_plan_floor_get_room (self->floor, (guint) index);
  area = pw_area_format_with_unit (room->chargeable_area, self->square_feet);
  code = g_markup_escape_text (room->code, -1);
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>", code);
  if (room->name != NULL && *room->name != '\0')
    {
      g_autofree char *name = g_markup_escape_text (room->name, -1);

      g_string_append_printf (text, " · %s", name);
    }
  g_string_append_c (text, '\n');
  /* TRANSLATORS: a line of the plan's hover card: kind and chargeable area */
  g_string_append_printf (text, _("%s · %s chargeable"), pw_space_kind_get_label (room->kind), area);
  g_string_append_c (text, '\n');
  g_string_append (text, pw_space_status_get_label (room->status));
  if (room->tenant != NULL)
    {
      g_autofree char *tenant = g_markup_escape_text (room->tenant, -1);

      g_string_append_printf (text, "\n%s", tenant);
    }
  if (room->lease_end != NULL)
    /* TRANSLATORS: in the plan's hover card */
    g_string_append_printf (text, _("\nLease ends %s"), room->lease_end);
  if (room->unit_rent != NULL)
    /* TRANSLATORS: in the plan's hover card: a unit rent */
    g_string_append_printf (text, _("\nRent %s per m² a month"), room->unit_rent);
  if (room->tenant == NULL && room->status == PW_SPACE_STATUS_LEASED)
    g_string_append_printf (text, "\n%s", _("No lease data"));
  {
    g_autofree char *arrears = pw_plan_room_describe_arrears (self->floor, room);

    if (arrears != NULL)
      g_string_append_printf (text, "\n%s", arrears);
  }
  pw_ui_tooltip_set_markup (tooltip, text->str);
  return TRUE;
}

/* ---- keyboard ---------------------------------------------------------------------------- */

/* A room's child took the focus (Tab, or focus_room below). */
static void
pw_plan_canvas_set_focus_child (GtkWidget *widget, GtkWidget *child)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);

  GTK_WIDGET_CLASS (pw_plan_canvas_parent_class)->set_focus_child (widget, child);
  if (child != NULL && PW_IS_PLAN_ITEM (child))
    self->focus_room = (int) pw_plan_item_get_index (PW_PLAN_ITEM (child));
  update_actions (self);
  gtk_widget_queue_draw (widget);
}

/* The nearest room from @from in direction (@dx, @dy), weighing sideways distance double. */
static int
room_in_direction (PwPlanCanvas *self, int from, int dx, int dy)
{
  PwPlanRoom *a = pw_plan_floor_get_room (self->floor, (guint) from);
  double ax = (a->x0 + a->x1) / 2, ay = (a->y0 + a->y1) / 2, best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (self->floor); i++)
    {
      PwPlanRoom *b = pw_plan_floor_get_room (self->floor, i);
      double bx = (b->x0 + b->x1) / 2, by = (b->y0 + b->y1) / 2;
      double along = (bx - ax) * dx + (by - ay) * dy;
      double side = fabs ((bx - ax) * dy) + fabs ((by - ay) * dx);
      double score;

      if ((int) i == from || along <= 1e-9)
        continue;
      score = along + 2 * side;
      if (score < best)
        {
          best = score;
          found = (int) i;
        }
    }
  return found;
}

static void
focus_room (PwPlanCanvas *self, int room)
{
  GtkWidget *item;
  PwPlanRoom *r;
  double x0, y0, x1, y1, w, h;

  if (room < 0)
    return;
  r = pw_plan_floor_get_room (self->floor, (guint) room);
  x0 = r->x0, y0 = r->y0, x1 = r->x1, y1 = r->y1;
  pw_plan_viewport_to_widget (self->viewport, &x0, &y0);
  pw_plan_viewport_to_widget (self->viewport, &x1, &y1);
  pw_plan_viewport_get_size (self->viewport, &w, &h);
  /* bring it into view: pan by as little as it takes, centre it if it is far off */
  if (x0 < 0 || y0 < 0 || x1 > w || y1 > h)
    pw_plan_viewport_pan (self->viewport, w / 2 - (x0 + x1) / 2, h / 2 - (y0 + y1) / 2);
  /* a room out of view had no child: it gets one now, allocated with the others */
  item = pw_plan_room_items_ensure (self->items, room, self->selected[room]);
  self->focus_room = room;
  gtk_widget_grab_focus (item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The canvas's commands are actions under "plan.", bound to keys in
 * class_init below and listed in the shortcuts window (ui/gtk/help-overlay.ui);
 * the Plans page's buttons and menus reach the same actions. A binding whose
 * action is disabled lets its key go on to other handlers. */

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  pw_plan_canvas_zoom_by (PW_PLAN_CANVAS (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  pw_plan_canvas_zoom_by (PW_PLAN_CANVAS (widget), 1 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  pw_plan_canvas_zoom_fit (PW_PLAN_CANVAS (widget));
}

static void
select_none_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  pw_plan_canvas_select_none (PW_PLAN_CANVAS (widget));
}

/* plan.pan (ii): pans the view one step towards (dx, dy) of the plan. */
static void
pan_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  pw_plan_viewport_pan (self->viewport, -CLAMP (dx, -1, 1) * PAN_STEP, -CLAMP (dy, -1, 1) * PAN_STEP);
}

static gboolean
room_has_focus (PwPlanCanvas *self)
{
  /* the room's child is the canvas's focus child exactly while it has the focus */
  return self->floor != NULL && self->focus_room >= 0
         && pw_plan_room_items_get (self->items, self->focus_room) != NULL
         && gtk_widget_get_focus_child (GTK_WIDGET (self))
              == pw_plan_room_items_get (self->items, self->focus_room);
}

/* plan.move-focus (ii): moves the keyboard focus to the nearest room towards
 * (dx, dy); with no room focused, pans instead. */
static void
move_focus_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  int dx, dy;

  if (!room_has_focus (self))
    {
      pan_action (widget, name, parameter);
      return;
    }
  g_variant_get (parameter, "(ii)", &dx, &dy);
  focus_room (self, room_in_direction (self, self->focus_room, CLAMP (dx, -1, 1), CLAMP (dy, -1, 1)));
}

/* plan.select-focused (u): selects the focused room by a PwPlanSelectMode. */
static void
select_focused_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  guint mode = g_variant_get_uint32 (parameter);

  if (!room_has_focus (self) || mode > PW_PLAN_SELECT_TOGGLE)
    return;
  pw_plan_canvas_select (self, self->focus_room, mode);
}

/* plan.activate-focused (u): selects the focused room by a PwPlanSelectMode
 * and activates it, as a double click does. */
static void
activate_focused_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (widget);
  int room = self->focus_room;

  if (!room_has_focus (self))
    return;
  select_focused_action (widget, name, parameter);
  g_signal_emit (self, signals[ROOM_ACTIVATED], 0, room);
}

/* What the actions can do now. */
static void
update_actions (PwPlanCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_floor = self->floor != NULL;
  gboolean focused = room_has_focus (self);

  gtk_widget_action_set_enabled (widget, "plan.zoom-in", has_floor);
  gtk_widget_action_set_enabled (widget, "plan.zoom-out", has_floor);
  gtk_widget_action_set_enabled (widget, "plan.zoom-fit", has_floor);
  gtk_widget_action_set_enabled (widget, "plan.pan", has_floor);
  gtk_widget_action_set_enabled (widget, "plan.move-focus", has_floor);
  gtk_widget_action_set_enabled (widget, "plan.select-none", self->selection->len > 0);
  gtk_widget_action_set_enabled (widget, "plan.select-focused", focused);
  gtk_widget_action_set_enabled (widget, "plan.activate-focused", focused);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  static const struct {
    guint keyval;
    GdkModifierType mods;
    const char *action;
  } plain[] = {
    { GDK_KEY_plus, 0, "plan.zoom-in" },
    { GDK_KEY_equal, 0, "plan.zoom-in" },
    { GDK_KEY_KP_Add, 0, "plan.zoom-in" },
    { GDK_KEY_plus, GDK_CONTROL_MASK, "plan.zoom-in" },
    { GDK_KEY_equal, GDK_CONTROL_MASK, "plan.zoom-in" },
    { GDK_KEY_minus, 0, "plan.zoom-out" },
    { GDK_KEY_KP_Subtract, 0, "plan.zoom-out" },
    { GDK_KEY_minus, GDK_CONTROL_MASK, "plan.zoom-out" },
    { GDK_KEY_0, 0, "plan.zoom-fit" },
    { GDK_KEY_KP_0, 0, "plan.zoom-fit" },
    { GDK_KEY_0, GDK_CONTROL_MASK, "plan.zoom-fit" },
    { GDK_KEY_Escape, 0, "plan.select-none" },
  };
  static const struct {
    guint keyval, kp_keyval;
    int dx, dy;
  } arrows[] = {
    { GDK_KEY_Left, GDK_KEY_KP_Left, -1, 0 },
    { GDK_KEY_Right, GDK_KEY_KP_Right, 1, 0 },
    { GDK_KEY_Up, GDK_KEY_KP_Up, 0, -1 },
    { GDK_KEY_Down, GDK_KEY_KP_Down, 0, 1 },
  };
  static const struct {
    guint keyval;
    GdkModifierType mods;
    const char *action;
    PwPlanSelectMode mode;
  } rooms[] = {
    { GDK_KEY_space, 0, "plan.select-focused", PW_PLAN_SELECT_TOGGLE },
    { GDK_KEY_Return, 0, "plan.activate-focused", PW_PLAN_SELECT_REPLACE },
    { GDK_KEY_KP_Enter, 0, "plan.activate-focused", PW_PLAN_SELECT_REPLACE },
    { GDK_KEY_Return, GDK_SHIFT_MASK, "plan.activate-focused", PW_PLAN_SELECT_ADD },
    { GDK_KEY_KP_Enter, GDK_SHIFT_MASK, "plan.activate-focused", PW_PLAN_SELECT_ADD },
    { GDK_KEY_Return, GDK_CONTROL_MASK, "plan.activate-focused", PW_PLAN_SELECT_TOGGLE },
    { GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "plan.activate-focused", PW_PLAN_SELECT_TOGGLE },
  };

  gtk_widget_class_install_action (widget_class, "plan.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "plan.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "plan.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "plan.select-none", NULL, select_none_action);
  gtk_widget_class_install_action (widget_class, "plan.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "plan.move-focus", "(ii)", move_focus_action);
  gtk_widget_class_install_action (widget_class, "plan.select-focused", "u", select_focused_action);
  gtk_widget_class_install_action (widget_class, "plan.activate-focused", "u",
                                   activate_focused_action);

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    gtk_widget_class_add_binding_action (widget_class, plain[i].keyval, plain[i].mods,
                                         plain[i].action, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    {
      gtk_widget_class_add_binding_action (widget_class, arrows[i].keyval, 0,
                                           "plan.move-focus", "(ii)", arrows[i].dx, arrows[i].dy);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].kp_keyval, 0,
                                           "plan.move-focus", "(ii)", arrows[i].dx, arrows[i].dy);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].keyval, GDK_CONTROL_MASK,
                                           "plan.pan", "(ii)", arrows[i].dx, arrows[i].dy);
      gtk_widget_class_add_binding_action (widget_class, arrows[i].kp_keyval, GDK_CONTROL_MASK,
                                           "plan.pan", "(ii)", arrows[i].dx, arrows[i].dy);
    }
  for (guint i = 0; i < G_N_ELEMENTS (rooms); i++)
    gtk_widget_class_add_binding_action (widget_class, rooms[i].keyval, rooms[i].mods,
                                         rooms[i].action, "u", (guint32) rooms[i].mode);
}

/* ---- public ----------------------------------------------------------------------------------- */

static void
recolor (PwPlanCanvas *self)
{
  g_clear_pointer (&self->coloring, pw_plan_coloring_free);
  if (self->floor != NULL)
    self->coloring = pw_plan_coloring_new (self->floor, self->lens, self->today);
  invalidate_cache (self);
}

void
pw_plan_canvas_set_floor (PwPlanCanvas *self, PwPlanFloor *floor)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  g_array_set_size (self->selection, 0);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->floor, pw_plan_floor_unref);
  self->hover = -1;
  self->focus_room = -1;
  if (floor != NULL)
    {
      self->floor = pw_plan_floor_ref (floor);
      self->selected = g_new0 (guint8, MAX (pw_plan_floor_get_n_rooms (floor), 1));
    }
  build_items (self);
  recolor (self);
  self->n_frames = self->n_renders = 0;
  pw_plan_canvas_zoom_fit (self);
  update_actions (self);
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

PwPlanFloor *
pw_plan_canvas_get_floor (PwPlanCanvas *self)
{
  g_return_val_if_fail (PW_IS_PLAN_CANVAS (self), NULL);

  return self->floor;
}

void
pw_plan_canvas_set_lens (PwPlanCanvas *self, PwPlanLens lens)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  if (self->lens == lens && self->coloring != NULL)
    return;
  self->lens = lens;
  recolor (self);
}

PwPlanLens
pw_plan_canvas_get_lens (PwPlanCanvas *self)
{
  return self->lens;
}

PwPlanColoring *
pw_plan_canvas_get_coloring (PwPlanCanvas *self)
{
  g_return_val_if_fail (PW_IS_PLAN_CANVAS (self), NULL);

  return self->coloring;
}

void
pw_plan_canvas_set_today (PwPlanCanvas *self, const char *today)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  g_free (self->today);
  self->today = today != NULL ? g_strdup (today) : pw_today_iso ();
  recolor (self);
}

void
pw_plan_canvas_set_square_feet (PwPlanCanvas *self, gboolean square_feet)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  if (self->square_feet == square_feet)
    return;
  self->square_feet = square_feet;
  build_items (self);
  invalidate_cache (self);
}

void
pw_plan_canvas_set_background (PwPlanCanvas *self, RsvgHandle *drawing, const cairo_matrix_t *to_plan)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  g_set_object (&self->background, drawing);
  if (to_plan != NULL)
    self->background_to_plan = *to_plan;
  else
    cairo_matrix_init_identity (&self->background_to_plan);
  invalidate_cache (self);
}

void
pw_plan_canvas_set_backdrop (PwPlanCanvas *self, gboolean visible, double opacity)
{
  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  if (self->backdrop_hidden == !visible && self->backdrop_opacity == opacity)
    return;
  self->backdrop_hidden = !visible;
  self->backdrop_opacity = opacity;
  invalidate_cache (self);
}

PwPlanViewport *
pw_plan_canvas_get_viewport (PwPlanCanvas *self)
{
  g_return_val_if_fail (PW_IS_PLAN_CANVAS (self), NULL);

  return self->viewport;
}

void
pw_plan_canvas_zoom_fit (PwPlanCanvas *self)
{
  double x0, y0, x1, y1;

  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  if (self->floor != NULL && pw_plan_floor_get_bounds (self->floor, &x0, &y0, &x1, &y1))
    pw_plan_viewport_fit (self->viewport, x0, y0, x1, y1, 24);
}

void
pw_plan_canvas_zoom_by (PwPlanCanvas *self, double factor)
{
  double w, h;

  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  pw_plan_viewport_get_size (self->viewport, &w, &h);
  pw_plan_viewport_zoom_at (self->viewport, factor, w / 2, h / 2);
}

void
pw_plan_canvas_reveal (PwPlanCanvas *self, int room)
{
  PwPlanRoom *r;
  double w, h, span;

  g_return_if_fail (PW_IS_PLAN_CANVAS (self));

  if (self->floor == NULL || room < 0 || room >= (int) pw_plan_floor_get_n_rooms (self->floor))
    return;
  r = pw_plan_floor_get_room (self->floor, (guint) room);
  pw_plan_viewport_get_size (self->viewport, &w, &h);
  /* zoom so the room takes about a fifth of the view, never zooming out past fit */
  span = MAX (r->x1 - r->x0, r->y1 - r->y0);
  if (w > 0 && span > 0 && pw_plan_viewport_get_zoom (self->viewport) * span < MIN (w, h) / 5)
    pw_plan_viewport_zoom_at (self->viewport,
                              MIN (w, h) / 5 / (span * pw_plan_viewport_get_zoom (self->viewport)),
                              w / 2, h / 2);
  pw_plan_canvas_select (self, room, PW_PLAN_SELECT_REPLACE);
  focus_room (self, room);
  {
    double x = (r->x0 + r->x1) / 2, y = (r->y0 + r->y1) / 2;

    pw_plan_viewport_to_widget (self->viewport, &x, &y);
    pw_plan_viewport_pan (self->viewport, w / 2 - x, h / 2 - y);
  }
}

GtkWidget *
pw_plan_canvas_get_room_widget (PwPlanCanvas *self, int room)
{
  g_return_val_if_fail (PW_IS_PLAN_CANVAS (self), NULL);

  return pw_plan_room_items_get (self->items, room);
}

int
pw_plan_canvas_room_at (PwPlanCanvas *self, double x, double y)
{
  g_return_val_if_fail (PW_IS_PLAN_CANVAS (self), -1);

  return room_at (self, x, y);
}

void
pw_plan_canvas_get_stats (PwPlanCanvas *self, guint *n_frames, guint *n_renders)
{
  *n_frames = self->n_frames;
  *n_renders = self->n_renders;
}

/* Frames that showed the previous cache scaled while the exact one was pending. */
guint
pw_plan_canvas_get_n_scaled_frames (PwPlanCanvas *self)
{
  g_return_val_if_fail (PW_IS_PLAN_CANVAS (self), 0);

  return self->n_scaled;
}

static void
on_dark_changed (AdwStyleManager *manager, GParamSpec *pspec, PwPlanCanvas *self)
{
  invalidate_cache (self);
}

static void
pw_plan_canvas_dispose (GObject *object)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  stop_kinetic (self);
  g_clear_handle_id (&self->items_id, g_source_remove);
  g_clear_pointer (&self->items, pw_plan_room_items_free);
  drop_cache (self);
  g_clear_object (&self->background);
  if (self->viewport != NULL)
    g_signal_handlers_disconnect_by_data (self->viewport, self);
  g_clear_object (&self->viewport);
  G_OBJECT_CLASS (pw_plan_canvas_parent_class)->dispose (object);
}

static void
pw_plan_canvas_finalize (GObject *object)
{
  PwPlanCanvas *self = PW_PLAN_CANVAS (object);

  g_clear_pointer (&self->coloring, pw_plan_coloring_free);
  g_clear_pointer (&self->floor, pw_plan_floor_unref);
  g_clear_pointer (&self->selection, g_array_unref);
  g_free (self->selected);
  g_free (self->today);
  G_OBJECT_CLASS (pw_plan_canvas_parent_class)->finalize (object);
}

static void
pw_plan_canvas_class_init (PwPlanCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pw_plan_canvas_dispose;
  object_class->finalize = pw_plan_canvas_finalize;
  widget_class->snapshot = pw_plan_canvas_snapshot;
  widget_class->size_allocate = pw_plan_canvas_size_allocate;
  widget_class->set_focus_child = pw_plan_canvas_set_focus_child;

  /**
   * PwPlanCanvas::selection-changed:
   *
   * Rooms were selected or unselected.
   */
  signals[SELECTION_CHANGED] = g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  /**
   * PwPlanCanvas::room-activated:
   * @room: the room's index in the floor
   *
   * A room was double-clicked or activated with Enter.
   */
  signals[ROOM_ACTIVATED] = g_signal_new ("room-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_INT);
  install_actions (widget_class);
  gtk_widget_class_set_css_name (widget_class, "plancanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pw_plan_canvas_init (PwPlanCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->viewport = pw_plan_viewport_new ();
  g_signal_connect (self->viewport, "changed", G_CALLBACK (on_viewport_changed), self);
  self->selection = g_array_new (FALSE, FALSE, sizeof (guint));
  self->items = pw_plan_room_items_new (widget);
  self->hover = -1;
  self->focus_room = -1;
  self->today = pw_today_iso ();
  cairo_matrix_init_identity (&self->background_to_plan);
  self->backdrop_opacity = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Floor plan"), -1);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES
                                                | GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect (controller, "scroll-begin", G_CALLBACK (on_scroll_begin), self);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  g_signal_connect (controller, "decelerate", G_CALLBACK (on_decelerate), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));


  g_signal_connect (adw_style_manager_get_default (), "notify::dark",
                    G_CALLBACK (on_dark_changed), self);
  update_actions (self);
}

PwPlanCanvas *
pw_plan_canvas_new (void)
{
  return g_object_new (PW_TYPE_PLAN_CANVAS, NULL);
}
