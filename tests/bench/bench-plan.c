/* bench-plan.c — the floor plan at scale: a generated floor of 5,000 rooms at 1920×1080
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints: full redraw (rooms and labels, median), a pan frame served from the
 * canvas's cache (the widget's snapshot drawn by GSK's cairo path, median), a
 * hit-test (mean), the memory the view takes, and the same floor written as SVG
 * and rendered by rsvg-convert at the same size, with the ratio.
 * Targets: redraw ≤ 8 ms, pan ≤ 4 ms, hit-test ≤ 20 µs, view ≤ 60 MB, faster than rsvg-convert.
 */
#include <adwaita.h>
#include <cairo-svg.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "bench-common.h"
#include "pw-plan-canvas.h"

#define WIDTH 1920
#define HEIGHT 1080

/* 100 × 50 rooms of about 4 × 3 m in blocks of ten, with corridors between the
 * blocks and every seventh room an L, leased to one of forty tenants. */
static PwPlanFloor *
generate_floor (void)
{
  PwPlanFloor *floor = pw_plan_floor_new ("bench", "Benchmark floor");
  GRand *rand = g_rand_new_with_seed (42);

  for (guint row = 0; row < 50; row++)
    for (guint col = 0; col < 100; col++)
      {
        g_autofree char *code = g_strdup_printf ("B1-F01-%04u", row * 100 + col + 1);
        double x = col * 4.0 + (col / 10) * 2.0, y = row * 3.0 + (row / 10) * 2.0;
        PwPolygon *polygon;
        PwPlanRoom *room;

        if ((row * 100 + col) % 7 == 3)
          {
            const PwPoint ell[] = { { x, y }, { x + 4, y }, { x + 4, y + 3 },
                                    { x + 2, y + 3 }, { x + 2, y + 1.5 }, { x, y + 1.5 } };

            polygon = pw_polygon_new (ell, G_N_ELEMENTS (ell));
          }
        else
          polygon = pw_polygon_new_rect (x, y, 4, 3);
        room = pw_plan_floor_add_room (floor, code, code, polygon);
        room->kind = PW_SPACE_KIND_OFFICE;
        room->status = (PwSpaceStatus) g_rand_int_range (rand, 0, 4);
        room->chargeable_area = pw_polygon_area_centi (polygon);
        if (room->status == PW_SPACE_STATUS_LEASED)
          {
            room->tenant = g_strdup_printf ("Tenant %02d", g_rand_int_range (rand, 0, 40));
            room->lease_end = g_strdup_printf ("2027-%02d-28", g_rand_int_range (rand, 1, 13));
            room->unit_rent = g_strdup_printf ("%d.%02d", g_rand_int_range (rand, 2, 6),
                                               g_rand_int_range (rand, 0, 100));
          }
      }
  g_rand_free (rand);
  return floor;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof (double), compare_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Rooms and labels of the whole floor, fitted, on a fresh surface: what the
 * canvas does when the zoom changes. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double last_cpu_ms;

static double
draw_full (PwPlanFloor *floor, PwPlanColoring *coloring, cairo_surface_t *surface)
{
  double cpu0 = thread_cpu_ms ();
  cairo_t *cr = cairo_create (surface);
  PwPlanStyle style;
  PwPlanView view;
  double x0, y0, x1, y1;
  gint64 start = g_get_monotonic_time ();

  pw_plan_style_init (&style);
  pw_plan_floor_get_bounds (floor, &x0, &y0, &x1, &y1);
  pw_plan_view_fit (&view, x0, y0, x1, y1, WIDTH, HEIGHT, 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  pw_plan_draw_rooms (cr, floor, coloring, &view, &style);
  g_array_unref (pw_plan_draw_labels (cr, floor, coloring, &view, &style, WIDTH, HEIGHT));
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  last_cpu_ms = thread_cpu_ms () - cpu0;
  return bench_ms_since (start);
}

static double
rsvg_convert_ms (PwPlanFloor *floor, PwPlanColoring *coloring, const char *dir, double *ours_png_ms)
{
  g_autofree char *svg = g_build_filename (dir, "floor.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "floor-rsvg.png", NULL);
  g_autofree char *our_png = g_build_filename (dir, "floor-ours.png", NULL);
  g_autofree char *cmd = NULL;
  cairo_surface_t *surface = cairo_svg_surface_create (svg, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  PwPlanStyle style;
  PwPlanView view;
  double x0, y0, x1, y1, runs[5], ours[5];
  int status;

  /* the same drawing, as SVG */
  pw_plan_style_init (&style);
  pw_plan_floor_get_bounds (floor, &x0, &y0, &x1, &y1);
  pw_plan_view_fit (&view, x0, y0, x1, y1, WIDTH, HEIGHT, 8);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  pw_plan_draw_rooms (cr, floor, coloring, &view, &style);
  g_array_unref (pw_plan_draw_labels (cr, floor, coloring, &view, &style, WIDTH, HEIGHT));
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  if (!g_find_program_in_path ("rsvg-convert"))
    {
      g_print ("rsvg-convert is not installed (apt install librsvg2-bin): no comparison\n");
      return -1;
    }
  cmd = g_strdup_printf ("rsvg-convert -w %d -h %d -o '%s' '%s'", WIDTH, HEIGHT, png, svg);
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      gint64 start = g_get_monotonic_time ();
      cairo_surface_t *image;

      if (!g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL) || status != 0)
        return -1;
      runs[r] = bench_ms_since (start);

      /* ours, the same way round: draw, then write a PNG */
      start = g_get_monotonic_time ();
      image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
      draw_full (floor, coloring, image);
      cairo_surface_write_to_png (image, our_png);
      cairo_surface_destroy (image);
      ours[r] = bench_ms_since (start);
    }
  *ours_png_ms = median (ours, G_N_ELEMENTS (ours));
  g_unlink (svg);
  g_unlink (png);
  g_unlink (our_png);
  return median (runs, G_N_ELEMENTS (runs));
}

/* One frame of the widget as GTK makes it: its snapshot, drawn to a window-sized
 * surface by GSK's cairo path. */
static double
widget_frame (GtkWidget *canvas, cairo_surface_t *target)
{
  gint64 start = g_get_monotonic_time ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  cr = cairo_create (target);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (node != NULL)
    {
      gsk_render_node_draw (node, cr);
      gsk_render_node_unref (node);
    }
  cairo_destroy (cr);
  cairo_surface_flush (target);
  return bench_ms_since (start);
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int argc, char **argv)
{
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(PwPlanColoring) coloring = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-plan-XXXXXX", NULL);
  cairo_surface_t *surface;
  double redraw[31], redraw_cpu[31], pan[60], rss_before, rss_after, rss_floor, rss_items, rsvg_ms, ours_png_ms = 0, hit_us;
  GtkWidget *window, *canvas;
  PwPlanViewport *viewport;
  GRand *rand;
  volatile int sink = 0;
  guint n_frames, n_renders;
  gint64 start;

  gtk_init ();
  adw_init ();

  rss_before = bench_rss_mib ();
  floor = generate_floor ();
  coloring = pw_plan_coloring_new (floor, PW_PLAN_LENS_STATUS, "2026-11-27");
  pw_plan_floor_hit_test (floor, 0, 0);   /* builds the index */
  rss_floor = bench_rss_mib ();
  g_print ("floor: %u rooms\n", pw_plan_floor_get_n_rooms (floor));

  /* full redraw */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  for (guint r = 0; r < G_N_ELEMENTS (redraw); r++)
    {
      redraw[r] = draw_full (floor, coloring, surface);
      redraw_cpu[r] = last_cpu_ms;
    }
  g_print ("full redraw at %dx%d (rooms and labels): median %.2f ms wall, %.2f ms on the CPU "
           "(target ≤ 8 ms)\n", WIDTH, HEIGHT, median (redraw, G_N_ELEMENTS (redraw)),
           median (redraw_cpu, G_N_ELEMENTS (redraw_cpu)));

  /* hit-testing */
  rand = g_rand_new_with_seed (1);
  start = g_get_monotonic_time ();
  for (guint k = 0; k < 200000; k++)
    sink += pw_plan_floor_hit_test (floor, g_rand_double_range (rand, -5, 430),
                                    g_rand_double_range (rand, -5, 165));
  hit_us = (g_get_monotonic_time () - start) / 200000.0;
  g_rand_free (rand);
  g_print ("hit-test: mean %.3f µs (target ≤ 20 µs)\n", hit_us);

  /* the widget: a first frame renders the cache; panning re-uses it */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  canvas = GTK_WIDGET (pw_plan_canvas_new ());
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_window_present (GTK_WINDOW (window));
  pw_plan_canvas_set_floor (PW_PLAN_CANVAS (canvas), floor);
  rss_items = bench_rss_mib ();
  start = g_get_monotonic_time ();
  while (gtk_widget_get_width (canvas) < WIDTH - 10 && bench_ms_since (start) < 5000)
    {
      g_main_context_iteration (NULL, TRUE);
      iterate ();
    }
  if (gtk_widget_get_width (canvas) < 100)
    {
      g_printerr ("the window was not allocated; run under a display (xvfb-run -a)\n");
      return 1;
    }
  gtk_widget_set_size_request (canvas, WIDTH, HEIGHT);
  iterate ();
  pw_plan_canvas_zoom_fit (PW_PLAN_CANVAS (canvas));
  iterate ();
  cairo_surface_destroy (surface);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gtk_widget_get_width (canvas),
                                        gtk_widget_get_height (canvas));
  widget_frame (canvas, surface);
  g_print ("memory: floor model and index %.1f MiB, room widgets %.1f MiB, the rest of the view %.1f MiB\n",
           rss_floor - rss_before, rss_items - rss_floor, bench_rss_mib () - rss_items);
  /* zoom in so labels show, as someone reading the plan would */
  pw_plan_canvas_zoom_by (PW_PLAN_CANVAS (canvas), 4);
  iterate ();
  widget_frame (canvas, surface);
  pw_plan_canvas_select (PW_PLAN_CANVAS (canvas), 5, PW_PLAN_SELECT_ADD);
  pw_plan_canvas_select (PW_PLAN_CANVAS (canvas), 105, PW_PLAN_SELECT_ADD);
  viewport = pw_plan_canvas_get_viewport (PW_PLAN_CANVAS (canvas));
  pw_plan_canvas_get_stats (PW_PLAN_CANVAS (canvas), &n_frames, &n_renders);
  for (guint r = 0; r < G_N_ELEMENTS (pan); r++)
    {
      pw_plan_viewport_pan (viewport, (r % 20 < 10) ? 6 : -6, 3 * ((r % 4 < 2) ? 1 : -1));
      iterate ();   /* the reallocation of the room children happens here, as in a frame */
      pan[r] = widget_frame (canvas, surface);
    }
  {
    guint frames2, renders2;

    pw_plan_canvas_get_stats (PW_PLAN_CANVAS (canvas), &frames2, &renders2);
    g_print ("pan frame (cached layer + selection overlay, drawn by GSK cairo): median %.2f ms, "
             "%u of %u frames re-rendered the cache (target ≤ 4 ms)\n",
             median (pan, G_N_ELEMENTS (pan)), renders2 - n_renders, frames2 - n_frames);
  }
  rss_after = bench_rss_mib ();
  g_print ("memory for the floor and the view (model, index, cache, room widgets): %.1f MiB "
           "(target ≤ 60 MB)\n", rss_after - rss_before);

  /* the same floor, as SVG, through rsvg-convert */
  rsvg_ms = rsvg_convert_ms (floor, coloring, dir, &ours_png_ms);
  if (rsvg_ms > 0)
    g_print ("rsvg-convert of the same floor at %dx%d: median %.1f ms; Parkwise drawing and "
             "writing the PNG: %.1f ms; ratio rsvg-convert / Parkwise = %.1f×\n",
             WIDTH, HEIGHT, rsvg_ms, ours_png_ms, rsvg_ms / ours_png_ms);
  g_rmdir (dir);
  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
  return sink == 42 ? 0 : 0;
}
