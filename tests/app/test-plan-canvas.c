/* test-plan-canvas.c — the plan canvas on the demo park: viewport, selection,
 * keyboard, accessible rooms and the cached layer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "app-test-util.h"
#include "pw-area.h"
#include "pw-plan-canvas.h"
#include "pw-plan-canvas-a11y.h"
#include "pw-plan-item.h"

typedef struct
{
  char         *tmpdir;
  PwStore      *store;
  PwPlanFloor  *floor;
  GtkWindow    *window;
  PwPlanCanvas *canvas;
} Fixture;

static gboolean
is_allocated (gpointer data, gconstpointer unused)
{
  Fixture *f = data;

  return gtk_widget_get_width (GTK_WIDGET (f->canvas)) >= 700;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->store = app_test_open_demo_ledger ("plan-canvas-XXXXXX", &f->tmpdir);
  f->floor = pw_plan_floor_load (f->store, NULL, "T1-F03", &error);
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 600);
  f->canvas = pw_plan_canvas_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->canvas));
  gtk_window_present (f->window);
  pw_plan_canvas_set_floor (f->canvas, f->floor);
  app_test_wait_for (is_allocated, f, NULL, "the canvas to be allocated");
  iterate ();
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  iterate ();
  pw_plan_floor_unref (f->floor);
  g_object_unref (f->store);
  app_test_remove_tmpdir (&f->tmpdir);
}

/* Every room fits in the widget after the floor is set. */
static void
test_fit (Fixture *f, gconstpointer data)
{
  PwPlanViewport *viewport = pw_plan_canvas_get_viewport (f->canvas);
  double x0, y0, x1, y1, w = gtk_widget_get_width (GTK_WIDGET (f->canvas));
  double h = gtk_widget_get_height (GTK_WIDGET (f->canvas));

  g_assert_cmpuint (pw_plan_floor_get_n_rooms (f->floor), >, 10);
  pw_plan_floor_get_bounds (f->floor, &x0, &y0, &x1, &y1);
  pw_plan_viewport_to_widget (viewport, &x0, &y0);
  pw_plan_viewport_to_widget (viewport, &x1, &y1);
  g_assert_cmpfloat (x0, >=, 0);
  g_assert_cmpfloat (y0, >=, 0);
  g_assert_cmpfloat (x1, <=, w + 0.5);
  g_assert_cmpfloat (y1, <=, h + 0.5);
  /* and it is the snug fit: one of the two directions is filled but for the margin */
  g_assert_true (fabs ((x1 - x0) - (w - 48)) < 1 || fabs ((y1 - y0) - (h - 48)) < 1);
}

/* Zooming about a point keeps the plan point under it where it was. */
static void
test_zoom_about_pointer (void)
{
  g_autoptr(PwPlanViewport) viewport = pw_plan_viewport_new ();
  double px = 123, py = 45, x, y;

  pw_plan_viewport_set_size (viewport, 800, 600);
  pw_plan_viewport_fit (viewport, 0, 0, 80, 60, 0);
  x = px;
  y = py;
  pw_plan_viewport_to_plan (viewport, &x, &y);
  pw_plan_viewport_zoom_at (viewport, 3.5, px, py);
  pw_plan_viewport_to_widget (viewport, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, px, 1e-9);
  g_assert_cmpfloat_with_epsilon (y, py, 1e-9);
  /* limits hold, and nonsense is ignored */
  pw_plan_viewport_zoom_at (viewport, 1e9, 0, 0);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, PW_PLAN_MAX_ZOOM);
  pw_plan_viewport_zoom_at (viewport, NAN, 0, 0);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, PW_PLAN_MAX_ZOOM);
}

/* Presses a key as the canvas's bindings see it: the shortcut bound to
 * @keyval with exactly @state, activated as GtkShortcutController does. FALSE
 * when no binding takes the key (none, or its action is disabled). */
static void
count_change (guint *n)
{
  (*n)++;
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *n)
{
  (*n)++;
}

/* zoom, min-zoom and max-zoom are properties: clamped, notified once per change. */
static void
test_viewport_properties (void)
{
  g_autoptr(PwPlanViewport) viewport = pw_plan_viewport_new ();
  guint n_zoom = 0, n_min = 0, n_max = 0, n_changed = 0;
  double zoom, cx = 400, cy = 300;

  pw_plan_viewport_set_size (viewport, 800, 600);
  g_signal_connect (viewport, "notify::zoom", G_CALLBACK (count_notify), &n_zoom);
  g_signal_connect (viewport, "notify::min-zoom", G_CALLBACK (count_notify), &n_min);
  g_signal_connect (viewport, "notify::max-zoom", G_CALLBACK (count_notify), &n_max);
  g_signal_connect_swapped (viewport, "changed", G_CALLBACK (count_change), &n_changed);
  g_assert_cmpfloat (pw_plan_viewport_get_min_zoom (viewport), ==, PW_PLAN_MIN_ZOOM);
  g_assert_cmpfloat (pw_plan_viewport_get_max_zoom (viewport), ==, PW_PLAN_MAX_ZOOM);

  /* setting the zoom keeps the centre of the view still */
  pw_plan_viewport_to_plan (viewport, &cx, &cy);
  g_object_set (viewport, "zoom", 20.0, NULL);
  g_object_get (viewport, "zoom", &zoom, NULL);
  g_assert_cmpfloat (zoom, ==, 20.0);
  g_assert_cmpuint (n_zoom, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);
  pw_plan_viewport_to_widget (viewport, &cx, &cy);
  g_assert_cmpfloat_with_epsilon (cx, 400, 1e-9);
  g_assert_cmpfloat_with_epsilon (cy, 300, 1e-9);

  /* the same value again tells nobody */
  pw_plan_viewport_set_zoom (viewport, 20.0);
  g_assert_cmpuint (n_zoom, ==, 1);
  g_assert_cmpuint (n_changed, ==, 1);

  /* out of range is clamped to the limits */
  pw_plan_viewport_set_zoom (viewport, 1e6);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, PW_PLAN_MAX_ZOOM);
  pw_plan_viewport_set_zoom (viewport, 1e-6);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, PW_PLAN_MIN_ZOOM);
  g_assert_cmpuint (n_zoom, ==, 3);
  pw_plan_viewport_set_zoom (viewport, -1);
  pw_plan_viewport_set_zoom (viewport, NAN);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, PW_PLAN_MIN_ZOOM);
  g_assert_cmpuint (n_zoom, ==, 3);

  /* raising min-zoom past the zoom carries the zoom along, with one notify each */
  g_object_set (viewport, "min-zoom", 5.0, NULL);
  g_assert_cmpfloat (pw_plan_viewport_get_min_zoom (viewport), ==, 5.0);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, 5.0);
  g_assert_cmpuint (n_min, ==, 1);
  g_assert_cmpuint (n_zoom, ==, 4);
  g_assert_cmpuint (n_max, ==, 0);

  /* lowering max-zoom below min-zoom lowers both, and the zoom */
  pw_plan_viewport_set_zoom (viewport, 8);
  g_object_set (viewport, "max-zoom", 2.0, NULL);
  g_assert_cmpfloat (pw_plan_viewport_get_max_zoom (viewport), ==, 2.0);
  g_assert_cmpfloat (pw_plan_viewport_get_min_zoom (viewport), ==, 2.0);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, 2.0);
  g_assert_cmpuint (n_max, ==, 1);
  g_assert_cmpuint (n_min, ==, 2);
  g_assert_cmpuint (n_zoom, ==, 6);

  /* limits stay within the floor and ceiling, and zooming respects new limits */
  pw_plan_viewport_set_min_zoom (viewport, 0);
  g_assert_cmpfloat (pw_plan_viewport_get_min_zoom (viewport), ==, PW_PLAN_ZOOM_FLOOR);
  pw_plan_viewport_set_max_zoom (viewport, 1e9);
  g_assert_cmpfloat (pw_plan_viewport_get_max_zoom (viewport), ==, PW_PLAN_ZOOM_CEILING);
  pw_plan_viewport_set_max_zoom (viewport, 50);
  pw_plan_viewport_zoom_at (viewport, 1000, 10, 10);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, 50);

  /* a fit never leaves the limits either */
  pw_plan_viewport_set_min_zoom (viewport, 30);
  pw_plan_viewport_fit (viewport, 0, 0, 1000, 1000, 0);
  g_assert_cmpfloat (pw_plan_viewport_get_zoom (viewport), ==, 30);
}

static gboolean
press_key (PwPlanCanvas *canvas, guint keyval, GdkModifierType state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (canvas));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      g_assert_false (GTK_IS_EVENT_CONTROLLER_KEY (c));
      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (c)) && !handled; k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (c), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state)
            handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                    GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                    GTK_WIDGET (canvas),
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }
  iterate ();
  return handled;
}

static void
test_keys_zoom_and_pan (Fixture *f, gconstpointer data)
{
  PwPlanViewport *viewport = pw_plan_canvas_get_viewport (f->canvas);
  double fit = pw_plan_viewport_get_zoom (viewport);
  PwPlanView before, after;

  g_assert_true (press_key (f->canvas, GDK_KEY_plus, 0));
  g_assert_cmpfloat_with_epsilon (pw_plan_viewport_get_zoom (viewport), fit * 1.25, 1e-9);
  g_assert_true (press_key (f->canvas, GDK_KEY_minus, 0));
  g_assert_true (press_key (f->canvas, GDK_KEY_minus, 0));
  g_assert_cmpfloat_with_epsilon (pw_plan_viewport_get_zoom (viewport), fit / 1.25, 1e-9);
  g_assert_true (press_key (f->canvas, GDK_KEY_0, 0));
  g_assert_cmpfloat_with_epsilon (pw_plan_viewport_get_zoom (viewport), fit, 1e-9);

  /* with no room focused the arrows pan: Right shows what is to the right */
  pw_plan_viewport_get_view (viewport, &before);
  g_assert_true (press_key (f->canvas, GDK_KEY_Right, 0));
  pw_plan_viewport_get_view (viewport, &after);
  g_assert_cmpfloat (after.ox, <, before.ox);
  g_assert_cmpfloat (after.oy, ==, before.oy);
  /* Ctrl+Up pans up */
  g_assert_true (press_key (f->canvas, GDK_KEY_Up, GDK_CONTROL_MASK));
  pw_plan_viewport_get_view (viewport, &before);
  g_assert_cmpfloat (before.oy, >, after.oy);

  /* keys whose action has nothing to act on are left to others */
  g_assert_false (press_key (f->canvas, GDK_KEY_Escape, 0));
  g_assert_false (press_key (f->canvas, GDK_KEY_space, 0));
  g_assert_false (press_key (f->canvas, GDK_KEY_Return, 0));
}

static void
test_selection (Fixture *f, gconstpointer data)
{
  int a = pw_plan_floor_find_code (f->floor, "T1-F03-008");
  int b = pw_plan_floor_find_code (f->floor, "T1-F03-009");
  GArray *selection = pw_plan_canvas_get_selection (f->canvas);
  gint64 expected;
  guint changes = 0;

  g_assert_cmpint (a, >=, 0);
  g_assert_cmpint (b, >=, 0);
  g_signal_connect_swapped (f->canvas, "selection-changed", G_CALLBACK (count_change), &changes);

  pw_plan_canvas_select (f->canvas, a, PW_PLAN_SELECT_REPLACE);
  pw_plan_canvas_select (f->canvas, b, PW_PLAN_SELECT_ADD);
  g_assert_cmpuint (selection->len, ==, 2);
  g_assert_cmpuint (changes, ==, 2);
  expected = pw_plan_floor_get_room (f->floor, (guint) a)->chargeable_area
             + pw_plan_floor_get_room (f->floor, (guint) b)->chargeable_area;
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (pw_plan_canvas_get_selected_area (f->canvas), ==, expected);

  /* Ctrl toggles one off; a plain pick replaces; Escape clears */
  pw_plan_canvas_select (f->canvas, a, PW_PLAN_SELECT_TOGGLE);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpuint (g_array_index (selection, guint, 0), ==, (guint) b);
  pw_plan_canvas_select (f->canvas, a, PW_PLAN_SELECT_REPLACE);
  g_assert_cmpuint (selection->len, ==, 1);
  g_assert_cmpuint (g_array_index (selection, guint, 0), ==, (guint) a);
  g_assert_true (press_key (f->canvas, GDK_KEY_Escape, 0));
  g_assert_cmpuint (selection->len, ==, 0);
  g_assert_cmpint (pw_plan_canvas_get_selected_area (f->canvas), ==, 0);
}

static gboolean
some_rooms_hidden (gpointer data, gconstpointer unused)
{
  Fixture *f = data;
  guint n = pw_plan_floor_get_n_rooms (f->floor), reachable = 0;

  for (guint i = 0; i < n; i++)
    reachable += pw_plan_canvas_get_room_widget (f->canvas, (int) i) != NULL;
  return reachable > 0 && reachable < n;
}

/* Every room in view has a child whose accessible name describes it. */
static void
test_accessible_rooms (Fixture *f, gconstpointer data)
{
  guint n = pw_plan_floor_get_n_rooms (f->floor);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *item = pw_plan_canvas_get_room_widget (f->canvas, (int) i);
      g_autofree char *expected = pw_plan_room_describe (pw_plan_floor_get_room (f->floor, i), FALSE);
      PwPlanRoom *room = pw_plan_floor_get_room (f->floor, i);
      g_autofree char *area = pw_area_format_with_unit (room->chargeable_area, FALSE);
      graphene_rect_t bounds;
      double cx, cy;

      g_assert_nonnull (item);
      g_assert_true (gtk_widget_get_focusable (item));
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)), ==,
                       GTK_ACCESSIBLE_ROLE_BUTTON);
      /* the name leads with the code and carries the area */
      g_assert_true (g_str_has_prefix (expected, room->code));
      g_assert_nonnull (strstr (expected, area));
      /* the child covers its room on screen */
      g_assert_true (gtk_widget_compute_bounds (item, GTK_WIDGET (f->canvas), &bounds));
      cx = room->label_x;
      cy = room->label_y;
      pw_plan_viewport_to_widget (pw_plan_canvas_get_viewport (f->canvas), &cx, &cy);
      g_assert_true (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT ((float) cx, (float) cy)));
    }

  /* zoomed far in on one room, rooms out of view have no child to reach */
  {
    PwPlanRoom *room = pw_plan_floor_get_room (f->floor, 0);
    double cx = room->label_x, cy = room->label_y;

    pw_plan_viewport_to_widget (pw_plan_canvas_get_viewport (f->canvas), &cx, &cy);
    pw_plan_viewport_zoom_at (pw_plan_canvas_get_viewport (f->canvas), 8, cx, cy);
  }
  app_test_wait_for (some_rooms_hidden, f, NULL, "rooms out of view to leave the tree");
}

/* Arrows move the focus from room to room in the direction pressed; Space selects. */
static void
test_keyboard_rooms (Fixture *f, gconstpointer data)
{
  int start = pw_plan_floor_find_code (f->floor, "T1-F03-009");
  PwPlanRoom *from = pw_plan_floor_get_room (f->floor, (guint) start);
  GtkWidget *focus;
  PwPlanRoom *to;

  pw_plan_canvas_reveal (f->canvas, start);
  iterate ();
  g_assert_true (gtk_widget_has_focus (pw_plan_canvas_get_room_widget (f->canvas, start)));
  g_assert_cmpuint (pw_plan_canvas_get_selection (f->canvas)->len, ==, 1);

  g_assert_true (press_key (f->canvas, GDK_KEY_Right, 0));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  for (guint i = 0; i < pw_plan_floor_get_n_rooms (f->floor); i++)
    if (pw_plan_canvas_get_room_widget (f->canvas, (int) i) == focus)
      {
        to = pw_plan_floor_get_room (f->floor, i);
        /* to the right, and overlapping vertically */
        g_assert_cmpfloat ((to->x0 + to->x1) / 2, >, (from->x0 + from->x1) / 2);
        g_assert_cmpfloat (to->y0, <, from->y1);
        g_assert_cmpfloat (to->y1, >, from->y0);
        g_assert_true (press_key (f->canvas, GDK_KEY_space, 0));
        g_assert_cmpuint (pw_plan_canvas_get_selection (f->canvas)->len, ==, 2);
        g_assert_cmpuint (g_array_index (pw_plan_canvas_get_selection (f->canvas), guint, 1), ==, i);
        return;
      }
  g_assert_not_reached ();
}

static gboolean
frames_drawn (gpointer data, gconstpointer min)
{
  Fixture *f = data;
  guint frames, renders;

  pw_plan_canvas_get_stats (f->canvas, &frames, &renders);
  return frames >= GPOINTER_TO_UINT (min);
}

static gboolean
renders_done (gpointer data, gconstpointer min)
{
  Fixture *f = data;
  guint frames, renders;

  pw_plan_canvas_get_stats (f->canvas, &frames, &renders);
  return renders >= GPOINTER_TO_UINT (min);
}

/* Panning re-uses the cached layer; zooming or a new lens draws it again. */
static void
test_cache (Fixture *f, gconstpointer data)
{
  PwPlanViewport *viewport = pw_plan_canvas_get_viewport (f->canvas);
  guint frames, renders, frames2, renders2, scaled;

  gtk_widget_queue_draw (GTK_WIDGET (f->canvas));
  app_test_wait_for (frames_drawn, f, GUINT_TO_POINTER (1), "a first frame");
  pw_plan_canvas_get_stats (f->canvas, &frames, &renders);
  for (int k = 0; k < 5; k++)
    {
      pw_plan_viewport_pan (viewport, 7, -3);
      app_test_wait_for (frames_drawn, f, GUINT_TO_POINTER (frames + k + 1), "a pan frame");
    }
  pw_plan_canvas_get_stats (f->canvas, &frames2, &renders2);
  g_assert_cmpuint (renders2, ==, renders);

  /* a zoom shows the cache scaled at once, then the exact cache once rendered */
  scaled = pw_plan_canvas_get_n_scaled_frames (f->canvas);
  pw_plan_canvas_zoom_by (f->canvas, 2);
  app_test_wait_for (frames_drawn, f, GUINT_TO_POINTER (frames2 + 1), "a zoomed frame");
  g_assert_cmpuint (pw_plan_canvas_get_n_scaled_frames (f->canvas), ==, scaled + 1);
  app_test_wait_for (renders_done, f, GUINT_TO_POINTER (renders2 + 1), "the exact zoomed cache");
  app_test_wait_for (frames_drawn, f, GUINT_TO_POINTER (frames2 + 2), "the exact zoomed frame");
  pw_plan_canvas_get_stats (f->canvas, &frames, &renders);
  g_assert_cmpuint (renders, ==, renders2 + 1);
  g_assert_cmpuint (pw_plan_canvas_get_n_scaled_frames (f->canvas), ==, scaled + 1);

  pw_plan_canvas_set_lens (f->canvas, PW_PLAN_LENS_AREA);
  g_assert_cmpint (pw_plan_canvas_get_coloring (f->canvas)->lens, ==, PW_PLAN_LENS_AREA);
  app_test_wait_for (frames_drawn, f, GUINT_TO_POINTER (frames + 1), "a frame in the new lens");
  pw_plan_canvas_get_stats (f->canvas, &frames2, &renders2);
  g_assert_cmpuint (renders2, ==, renders + 1);
}


/* ---- a campus floor ----------------------------------------------------------------------- */

static gboolean
canvas_allocated (gpointer data, gconstpointer unused)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) >= 700;
}

static gboolean
children_fewer (gpointer data, gconstpointer than)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (data)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n < GPOINTER_TO_UINT (than);
}

/* The child was allocated wider than @than, or dropped. */
static gboolean
child_wider (gpointer data, gconstpointer than)
{
  return gtk_widget_get_parent (GTK_WIDGET (data)) == NULL
         || gtk_widget_get_width (GTK_WIDGET (data)) > GPOINTER_TO_INT (than);
}

/* The rooms with an accessible child, ascending; each child must be a PwPlanItem. */
static GArray *
rooms_with_children (PwPlanCanvas *canvas)
{
  GArray *rooms = g_array_new (FALSE, FALSE, sizeof (guint));

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (canvas)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      guint r;

      g_assert_true (PW_IS_PLAN_ITEM (c));
      r = pw_plan_item_get_index (PW_PLAN_ITEM (c));
      g_assert_true (pw_plan_canvas_get_room_widget (canvas, (int) r) == c);
      /* in room order */
      if (rooms->len > 0)
        g_assert_cmpuint (r, >, g_array_index (rooms, guint, rooms->len - 1));
      g_array_append_val (rooms, r);
    }
  return rooms;
}

/* The rooms at least a pixel each way in view, by asking every room. */
static guint
count_in_view (PwPlanCanvas *canvas, PwPlanFloor *floor, guint8 *in_view)
{
  PwPlanViewport *viewport = pw_plan_canvas_get_viewport (canvas);
  double w = gtk_widget_get_width (GTK_WIDGET (canvas)), h = gtk_widget_get_height (GTK_WIDGET (canvas));
  guint n = 0;

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      double x0 = room->x0, y0 = room->y0, x1 = room->x1, y1 = room->y1;

      pw_plan_viewport_to_widget (viewport, &x0, &y0);
      pw_plan_viewport_to_widget (viewport, &x1, &y1);
      in_view[i] = x1 > 0 && y1 > 0 && x0 < w && y0 < h && x1 - x0 >= 1 && y1 - y0 >= 1;
      n += in_view[i];
    }
  return n;
}

/* On a floor of 50,000 rooms the canvas holds children only for rooms in view
 * (never more than PW_PLAN_MAX_ROOM_ITEMS), hit-testing picks the room a linear
 * search picks, and a room out of view is reached by moving the focus to it. */
static void
test_large_floor (void)
{
  g_autoptr(PwPlanFloor) floor = pw_plan_floor_new ("campus", "Campus floor");
  g_autofree guint8 *in_view = NULL;
  g_autoptr(GArray) rooms = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PwPlanCanvas *canvas = pw_plan_canvas_new ();
  PwPlanViewport *viewport = pw_plan_canvas_get_viewport (canvas);
  GRand *rand = g_rand_new_with_seed (3);
  guint n, expected;
  int far;

  /* 250 × 200 rooms of 4 × 3 m, every fifth one an L */
  for (guint r = 0; r < 200; r++)
    for (guint c = 0; c < 250; c++)
      {
        g_autofree char *code = g_strdup_printf ("C-%03u-%03u", r, c);
        double x = c * 4.0, y = r * 3.0;
        PwPolygon *polygon;

        if ((r + c) % 5 == 0)
          {
            const PwPoint ell[] = { { x, y }, { x + 4, y }, { x + 4, y + 3 }, { x + 2, y + 3 },
                                    { x + 2, y + 1.5 }, { x, y + 1.5 } };

            polygon = pw_polygon_new (ell, G_N_ELEMENTS (ell));
          }
        else
          polygon = pw_polygon_new_rect (x, y, 4, 3);
        pw_plan_floor_add_room (floor, code, code, polygon)->chargeable_area = 1200;
      }
  n = pw_plan_floor_get_n_rooms (floor);
  g_assert_cmpuint (n, ==, 50000);
  in_view = g_new0 (guint8, n);

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, GTK_WIDGET (canvas));
  gtk_window_present (window);
  pw_plan_canvas_set_floor (canvas, floor);
  app_test_wait_for (canvas_allocated, canvas, NULL, "the canvas to be allocated");
  iterate ();

  /* fitted, every room is in view: the cap holds */
  g_assert_cmpuint (count_in_view (canvas, floor, in_view), >, PW_PLAN_MAX_ROOM_ITEMS);
  rooms = rooms_with_children (canvas);
  g_assert_cmpuint (rooms->len, ==, PW_PLAN_MAX_ROOM_ITEMS);
  for (guint k = 0; k < rooms->len; k++)
    g_assert_true (in_view[g_array_index (rooms, guint, k)]);

  /* a wheel notch about the middle keeps the same children: rooms of one size
   * rank by their distance from the middle, which the zoom scales alike for all
   * (ranked by their size on screen, rounding chose others every step, and
   * hundreds of children were made again) */
  {
    g_autoptr(GPtrArray) before = g_ptr_array_new ();
    g_autoptr(GArray) after = NULL;
    g_autoptr(GtkWidget) first = g_object_ref (gtk_widget_get_first_child (GTK_WIDGET (canvas)));
    int width = gtk_widget_get_width (first);

    for (GtkWidget *c = first; c != NULL; c = gtk_widget_get_next_sibling (c))
      g_ptr_array_add (before, c);
    pw_plan_canvas_zoom_by (canvas, 1.25);
    app_test_wait_for (child_wider, first, GINT_TO_POINTER (width),
                       "the children to follow the zoom");
    after = rooms_with_children (canvas);
    g_assert_cmpuint (after->len, ==, rooms->len);
    for (guint k = 0; k < after->len; k++)
      {
        g_assert_cmpuint (g_array_index (after, guint, k), ==, g_array_index (rooms, guint, k));
        g_assert_true (pw_plan_canvas_get_room_widget (canvas, (int) g_array_index (after, guint, k))
                       == g_ptr_array_index (before, k));
      }
  }
  g_clear_pointer (&rooms, g_array_unref);

  /* zoomed in: exactly the rooms in view have a child */
  pw_plan_viewport_zoom_at (viewport, 40, 400, 300);
  app_test_wait_for (children_fewer, canvas, GUINT_TO_POINTER (PW_PLAN_MAX_ROOM_ITEMS),
                     "the canvas to be allocated again");
  expected = count_in_view (canvas, floor, in_view);
  g_assert_cmpuint (expected, >, 10);
  g_assert_cmpuint (expected, <=, PW_PLAN_MAX_ROOM_ITEMS);
  rooms = rooms_with_children (canvas);
  g_assert_cmpuint (rooms->len, ==, expected);
  for (guint k = 0; k < rooms->len; k++)
    g_assert_true (in_view[g_array_index (rooms, guint, k)]);
  g_clear_pointer (&rooms, g_array_unref);

  /* hit-testing through the index agrees with asking every room */
  for (int k = 0; k < 300; k++)
    {
      double wx = g_rand_double_range (rand, 0, 800), wy = g_rand_double_range (rand, 0, 600);
      double px = wx, py = wy, best = G_MAXDOUBLE;
      int want = -1;

      pw_plan_viewport_to_plan (viewport, &px, &py);
      for (guint i = 0; i < n; i++)
        {
          PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
          double a = (room->x1 - room->x0) * (room->y1 - room->y0);

          if (px >= room->x0 && px <= room->x1 && py >= room->y0 && py <= room->y1
              && pw_polygon_contains (room->polygon, px, py) && a < best)
            {
              best = a;
              want = (int) i;
            }
        }
      g_assert_cmpint (pw_plan_canvas_room_at (canvas, wx, wy), ==, want);
    }

  /* a room far out of view has no child until the focus moves to it; then the
   * view pans to it and its child has the focus */
  far = pw_plan_floor_find_code (floor, "C-199-249");
  g_assert_null (pw_plan_canvas_get_room_widget (canvas, far));
  pw_plan_canvas_reveal (canvas, far);
  app_test_wait_for (children_fewer, canvas, GUINT_TO_POINTER (PW_PLAN_MAX_ROOM_ITEMS),
                     "the canvas to be allocated again");
  g_assert_nonnull (pw_plan_canvas_get_room_widget (canvas, far));
  g_assert_true (gtk_widget_has_focus (pw_plan_canvas_get_room_widget (canvas, far)));
  g_assert_cmpuint (count_in_view (canvas, floor, in_view), >, 0);
  g_assert_true (in_view[far]);
  rooms = rooms_with_children (canvas);
  g_assert_cmpuint (rooms->len, <=, PW_PLAN_MAX_ROOM_ITEMS + 1);
  /* the arrows go on from there, to the room on its left */
  g_assert_true (press_key (canvas, GDK_KEY_Left, 0));
  g_assert_true (gtk_widget_has_focus (pw_plan_canvas_get_room_widget (canvas,
                                         pw_plan_floor_find_code (floor, "C-199-248"))));

  g_rand_free (rand);
  gtk_window_destroy (window);
  iterate ();
}

int
main (int argc, char **argv)
{
  char *scratch = app_test_init (&argc, &argv);

  g_test_add ("/plan-canvas/fit", Fixture, NULL, fixture_set_up, test_fit, fixture_tear_down);
  g_test_add_func ("/plan-canvas/zoom-about-pointer", test_zoom_about_pointer);
  g_test_add_func ("/plan-canvas/viewport-properties", test_viewport_properties);
  g_test_add ("/plan-canvas/keys-zoom-and-pan", Fixture, NULL, fixture_set_up,
              test_keys_zoom_and_pan, fixture_tear_down);
  g_test_add ("/plan-canvas/selection", Fixture, NULL, fixture_set_up, test_selection,
              fixture_tear_down);
  g_test_add ("/plan-canvas/accessible-rooms", Fixture, NULL, fixture_set_up,
              test_accessible_rooms, fixture_tear_down);
  g_test_add ("/plan-canvas/keyboard-rooms", Fixture, NULL, fixture_set_up, test_keyboard_rooms,
              fixture_tear_down);
  g_test_add ("/plan-canvas/cache", Fixture, NULL, fixture_set_up, test_cache, fixture_tear_down);
  g_test_add_func ("/plan-canvas/large-floor", test_large_floor);
  return app_test_run (scratch);
}
