/* pw-plan-render.c — rooms, patterns, labels, legend and sheets with cairo and Pango
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "pw-area.h"
#include "pw-plan-error.h"
#include "pw-plan-raster.h"
#include "pw-plan-render.h"
#include "pw-plan-stacking.h"

/* ---- the view --------------------------------------------------------------------- */

void
pw_plan_view_fit (PwPlanView *view,
                  double x0, double y0, double x1, double y1,
                  double width, double height, double margin)
{
  double w = MAX (x1 - x0, 1e-6), h = MAX (y1 - y0, 1e-6);
  double aw = MAX (width - 2 * margin, 1), ah = MAX (height - 2 * margin, 1);

  view->scale = MIN (aw / w, ah / h);
  view->ox = (width - w * view->scale) / 2 - x0 * view->scale;
  view->oy = (height - h * view->scale) / 2 - y0 * view->scale;
}

void
pw_plan_view_to_device (const PwPlanView *view, double *x, double *y)
{
  *x = *x * view->scale + view->ox;
  *y = *y * view->scale + view->oy;
}

void
pw_plan_view_to_plan (const PwPlanView *view, double *x, double *y)
{
  *x = (*x - view->ox) / view->scale;
  *y = (*y - view->oy) / view->scale;
}

void
pw_plan_style_init (PwPlanStyle *style)
{
  style->dark = FALSE;
  style->pixel = 1;
  style->labels = PW_PLAN_LABEL_CODE | PW_PLAN_LABEL_TENANT | PW_PLAN_LABEL_AREA;
  style->square_feet = FALSE;
  style->font = NULL;
  style->backdrop = -1;
}

/* ---- colours ----------------------------------------------------------------------- */

typedef struct
{
  double r, g, b;
} Rgb;

static Rgb
rgb_from (guint32 rgb)
{
  return (Rgb) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0 };
}

/* In the dark style fills are dimmed towards the dark background so labels and
 * outlines keep their contrast; hues stay where they are. */
static Rgb
fill_color (guint32 rgb, const PwPlanStyle *style)
{
  Rgb c = rgb_from (rgb);

  if (style->dark)
    {
      const double k = 0.62, bg = 0x24 / 255.0;

      c.r = c.r * k + bg * (1 - k);
      c.g = c.g * k + bg * (1 - k);
      c.b = c.b * k + bg * (1 - k);
    }
  return c;
}

static double
luminance (Rgb c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

static void
set_rgb (cairo_t *cr, Rgb c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

/* ---- rooms ------------------------------------------------------------------------- */

static void
append_ring (cairo_t *cr, const PwPoint *pts, guint n, const PwPlanView *view)
{
  for (guint i = 0; i < n; i++)
    {
      double x = pts[i].x * view->scale + view->ox, y = pts[i].y * view->scale + view->oy;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_close_path (cr);
}

static void
append_room (cairo_t *cr, PwPlanRoom *room, const PwPlanView *view)
{
  guint n;

  /* most rooms are rectangles: one call, and cairo fills a path of boxes fastest */
  if (room->is_box)
    {
      cairo_rectangle (cr, room->x0 * view->scale + view->ox, room->y0 * view->scale + view->oy,
                       (room->x1 - room->x0) * view->scale, (room->y1 - room->y0) * view->scale);
      return;
    }
  const PwPoint *pts = pw_polygon_get_outer (room->polygon, &n);

  append_ring (cr, pts, n, view);
  for (guint h = 0; h < pw_polygon_get_n_holes (room->polygon); h++)
    {
      pts = pw_polygon_get_hole (room->polygon, h, &n);
      append_ring (cr, pts, n, view);
    }
}

/* A repeating tile for a pattern over @fill (or over nothing when NULL), in device
 * space so it stays crisp at any zoom; the ink contrasts with the fill. */
static cairo_pattern_t *
pattern_tile (PwPlanPattern kind, const Rgb *fill, double pixel)
{
  int size = (int) ceil (8 * pixel);
  cairo_surface_t *tile = cairo_image_surface_create (fill ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                                      size, size);
  cairo_t *cr = cairo_create (tile);
  cairo_pattern_t *pattern;
  Rgb ink = (fill == NULL || luminance (*fill) > 0.45) ? rgb_from (0x000000) : rgb_from (0xFFFFFF);

  if (fill != NULL)
    {
      set_rgb (cr, *fill, 1);
      cairo_paint (cr);
    }
  set_rgb (cr, ink, 0.55);
  cairo_set_line_width (cr, 1.2 * pixel);
  switch (kind)
    {
    case PW_PLAN_PATTERN_CROSSHATCH:
      cairo_move_to (cr, 0, 0);
      cairo_line_to (cr, size, size);
      cairo_move_to (cr, -1, size - 1);
      cairo_line_to (cr, 1, size + 1);
      cairo_move_to (cr, size - 1, -1);
      cairo_line_to (cr, size + 1, 1);
      /* fall through: add the other diagonal */
      G_GNUC_FALLTHROUGH;
    case PW_PLAN_PATTERN_HATCH:
      cairo_move_to (cr, 0, size);
      cairo_line_to (cr, size, 0);
      cairo_move_to (cr, -1, 1);
      cairo_line_to (cr, 1, -1);
      cairo_move_to (cr, size - 1, size + 1);
      cairo_line_to (cr, size + 1, size - 1);
      cairo_stroke (cr);
      break;
    case PW_PLAN_PATTERN_DOTS:
      cairo_arc (cr, size / 2.0, size / 2.0, 1.1 * pixel, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case PW_PLAN_PATTERN_NONE:
    default:
      break;
    }
  cairo_destroy (cr);
  pattern = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_surface_destroy (tile);
  return pattern;
}

void
pw_plan_draw_background (cairo_t              *cr,
                         RsvgHandle           *drawing,
                         const cairo_matrix_t *to_plan,
                         const PwPlanView     *view,
                         const PwPlanStyle    *style)
{
  cairo_matrix_t m, to_device;
  RsvgRectangle viewport = { 0, 0, 0, 0 }, view_box;
  gboolean has_width, has_height, has_view_box;
  RsvgLength width, height;

  if (drawing == NULL)
    return;
  cairo_matrix_init (&to_device, view->scale, 0, 0, view->scale, view->ox, view->oy);
  cairo_matrix_multiply (&m, to_plan, &to_device);
  cairo_save (cr);
  cairo_transform (cr, &m);
  /* Importers measure in the root's user units (its viewBox), so render one
   * viewBox unit to one unit here, shifted by the viewBox's origin. */
  rsvg_handle_get_intrinsic_dimensions (drawing, &has_width, &width, &has_height, &height,
                                        &has_view_box, &view_box);
  if (has_view_box && view_box.width > 0 && view_box.height > 0)
    {
      viewport.width = view_box.width;
      viewport.height = view_box.height;
      cairo_translate (cr, view_box.x, view_box.y);
    }
  else
    {
      gdouble w = 0, h = 0;

      if (!rsvg_handle_get_intrinsic_size_in_pixels (drawing, &w, &h) || w <= 0 || h <= 0)
        {
          cairo_restore (cr);
          return;
        }
      viewport.width = w;
      viewport.height = h;
    }
  cairo_push_group (cr);
  rsvg_handle_render_document (drawing, cr, &viewport, NULL);
  cairo_pop_group_to_source (cr);
  /* a faint backdrop: the drawing explains, the rooms speak */
  cairo_paint_with_alpha (cr, style->backdrop >= 0 ? MIN (style->backdrop, 1.0)
                              : style->dark ? 0.35 : 0.45);
  cairo_restore (cr);
}

/* A room under this many device pixels both ways is drawn as a filled box without
 * an outline: its shape cannot show, and an outline would cover it. */
#define TINY_PX 3.0
/* Below this size of the floor's median room on screen, outlines are a dense mesh
 * where smoothing shows nothing and costs most of the frame. It depends on the zoom
 * and the floor only, so a part of the view redraws as the whole view drew it. */
#define COARSE_PX 24.0

static inline gboolean
room_is_tiny (PwPlanRoom *room, const PwPlanView *view)
{
  return (room->x1 - room->x0) * view->scale < TINY_PX && (room->y1 - room->y0) * view->scale < TINY_PX;
}

static void
append_bounds (cairo_t *cr, PwPlanRoom *room, const PwPlanView *view)
{
  cairo_rectangle (cr, room->x0 * view->scale + view->ox, room->y0 * view->scale + view->oy,
                   (room->x1 - room->x0) * view->scale, (room->y1 - room->y0) * view->scale);
}

/* 0: drawn as a box; 1: every edge upright; 2: any other shape. */
static int
fill_kind (PwPlanRoom *room, gboolean tiny)
{
  if (room->is_box || tiny)
    return 0;
  for (guint r = 0; r <= pw_polygon_get_n_holes (room->polygon); r++)
    {
      guint n;
      const PwPoint *pts = r == 0 ? pw_polygon_get_outer (room->polygon, &n)
                                  : pw_polygon_get_hole (room->polygon, r - 1, &n);

      for (guint i = 0, j = n - 1; i < n; j = i++)
        if (pts[i].x != pts[j].x && pts[i].y != pts[j].y)
          return 2;
    }
  return 1;
}

static guint32
rgb_to_u32 (Rgb c)
{
  return ((guint32) lround (c.r * 255) << 16) | ((guint32) lround (c.g * 255) << 8)
         | (guint32) lround (c.b * 255);
}

/* Room @i's rings from the floor's compact copy, @rings and @n point into @stack
 * and @stack_n when they fit, else they are new (the caller frees them). */
static guint
compact_rings (const PwPlanRings *all, guint i, const PwPoint **stack, guint *stack_n, guint size,
               const PwPoint ***rings, guint **n)
{
  guint first = all->room_start[i], count = all->room_start[i + 1] - first;

  if (count <= size)
    {
      *rings = stack;
      *n = stack_n;
    }
  else
    {
      *rings = g_new (const PwPoint *, count);
      *n = g_new (guint, count);
    }
  for (guint r = 0; r < count; r++)
    {
      (*rings)[r] = all->pts + all->ring_start[first + r];
      (*n)[r] = all->ring_start[first + r + 1] - all->ring_start[first + r];
    }
  return count;
}

/* The coarse view (see COARSE_PX) written straight into an image surface. */
static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static void
raster_rooms (PwPlanRaster *raster, PwPlanFloor *floor, PwPlanColoring *coloring,
              const PwPlanView *view, const PwPlanStyle *style, GArray *visible)
{
  const PwPoint *stack[8];
  guint stack_n[8];
  Rgb line = style->dark ? rgb_from (0xDEDDDA) : rgb_from (0x3D3846);
  guint n_classes = coloring->classes->len, current = G_MAXUINT;
  g_autofree guint32 *colors = g_new (guint32, MAX (n_classes, 1));
  g_autofree cairo_surface_t **tiles = g_new0 (cairo_surface_t *, MAX (n_classes, 1));
  gboolean sorted = TRUE;
  guint n_outlines = 0;
  const PwPlanBounds *bounds = pw_plan_floor_get_all_bounds (floor);
  /* the outlines of rooms other than boxes, read in order from one array rather
   * than through each room's polygon (four pointers, each a cache miss) */
  const PwPlanRings *all_rings = pw_plan_floor_get_all_rings (floor);
  g_autofree int *outlines = NULL;

  for (guint c = 0; c < n_classes; c++)
    {
      PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass, c);
      Rgb color = fill_color (cls->rgb, style);

      colors[c] = rgb_to_u32 (color);
      if (cls->pattern != PW_PLAN_PATTERN_NONE && cls->count > 0)
        {
          cairo_pattern_t *tile = pattern_tile (cls->pattern, &color, style->pixel);
          cairo_surface_t *surface = NULL;

          cairo_pattern_get_surface (tile, &surface);
          cairo_surface_flush (surface);
          tiles[c] = cairo_surface_reference (surface);
          cairo_pattern_destroy (tile);
        }
    }

  /* Fills, then outlines, in room order, which walks the rooms' memory in order
   * (zoomed out the index hands them over in order already); where rooms
   * overlap the later one wins, whichever part of the view is drawn. The rooms
   * are read once: the fill pass keeps what the outline pass needs, the pixel
   * edges of a box or the index of another shape (zoomed out on a large floor,
   * reading the rooms again cost a quarter of the frame in cache misses). */
  for (guint k = 1; k < visible->len && sorted; k++)
    sorted = g_array_index (visible, guint, k - 1) < g_array_index (visible, guint, k);
  if (!sorted)
    g_array_sort (visible, compare_uint);
  outlines = g_new (int, 4 * (gsize) MAX (visible->len, 1));
  for (guint k = 0; k < visible->len; k++)
    {
      guint i = g_array_index (visible, guint, k);
      const PwPlanBounds *b = &bounds[i];
      double x0 = b->x0 * view->scale + view->ox, y0 = b->y0 * view->scale + view->oy;
      double x1 = b->x1 * view->scale + view->ox, y1 = b->y1 * view->scale + view->oy;
      /* as room_is_tiny() */
      gboolean tiny = (b->x1 - b->x0) * view->scale < TINY_PX && (b->y1 - b->y0) * view->scale < TINY_PX;
      const PwPoint **rings;
      guint *n, count;

      if (coloring->room_class[i] != current)
        {
          current = coloring->room_class[i];
          pw_plan_raster_set_fill (raster, colors[current], tiles[current]);
        }
      if (b->is_box || tiny)
        {
          pw_plan_raster_fill_box (raster, x0, y0, x1, y1);
          if (!tiny)
            pw_plan_raster_box_edges (raster, x0, y0, x1, y1, &outlines[4 * n_outlines++]);
          continue;
        }
      count = compact_rings (all_rings, i, stack, stack_n, G_N_ELEMENTS (stack), &rings, &n);
      pw_plan_raster_fill_rings (raster, rings, n, count, view->scale, view->ox, view->oy);
      if (rings != stack)
        {
          g_free (rings);
          g_free (n);
        }
      /* another shape: its index, marked */
      outlines[4 * n_outlines] = G_MININT;
      outlines[4 * n_outlines++ + 1] = (int) i;
    }

  pw_plan_raster_set_outline (raster, rgb_to_u32 (line), style->dark ? 0.7 : 0.75);
  for (guint k = 0; k < n_outlines; k++)
    {
      const int *edges = &outlines[4 * k];
      const PwPoint **rings;
      guint *n, count;

      if (edges[0] != G_MININT)
        {
          pw_plan_raster_outline_edges (raster, edges);
          continue;
        }
      count = compact_rings (all_rings, (guint) edges[1], stack, stack_n, G_N_ELEMENTS (stack),
                             &rings, &n);
      pw_plan_raster_outline_rings (raster, rings, n, count, view->scale, view->ox, view->oy);
      if (rings != stack)
        {
          g_free (rings);
          g_free (n);
        }
    }
  pw_plan_raster_end (raster);
  for (guint c = 0; c < n_classes; c++)
    g_clear_pointer (&tiles[c], cairo_surface_destroy);
}

void
pw_plan_draw_rooms (cairo_t          *cr,
                    PwPlanFloor      *floor,
                    PwPlanColoring   *coloring,
                    const PwPlanView *view,
                    const PwPlanStyle *style)
{
  double cx0, cy0, cx1, cy1;
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_classes = coloring->classes->len;
  g_autofree guint *by_class_start = g_new0 (guint, n_classes + 1);
  g_autofree guint *order = NULL;
  g_autofree guint *fill = g_new0 (guint, n_classes);
  Rgb line = style->dark ? rgb_from (0xDEDDDA) : rgb_from (0x3D3846);
  PwPlanRaster *raster;

  /* only the rooms whose bounds meet the clip: the index finds them */
  cairo_clip_extents (cr, &cx0, &cy0, &cx1, &cy1);
  pw_plan_view_to_plan (view, &cx0, &cy0);
  pw_plan_view_to_plan (view, &cx1, &cy1);
  pw_plan_floor_query (floor, cx0, cy0, cx1, cy1, visible);
  if (visible->len == 0)
    return;

  /* zoomed out on many rooms, straight into the pixels when the target allows */
  if (pw_plan_floor_get_typical_size (floor) * view->scale < COARSE_PX
      && (raster = pw_plan_raster_begin (cr)) != NULL)
    {
      raster_rooms (raster, floor, coloring, view, style, visible);
      return;
    }

  /* bucket the visible rooms by class: one path and one fill per class */
  for (guint k = 0; k < visible->len; k++)
    by_class_start[coloring->room_class[g_array_index (visible, guint, k)] + 1]++;
  for (guint c = 0; c < n_classes; c++)
    by_class_start[c + 1] += by_class_start[c];
  order = g_new (guint, visible->len);
  for (guint k = 0; k < visible->len; k++)
    {
      guint i = g_array_index (visible, guint, k), c = coloring->room_class[i];

      order[by_class_start[c] + fill[c]++] = i;
    }

  cairo_save (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  /* Fills need no antialiasing: the outlines drawn over them cover their edges,
   * and aliased fills cost half as much. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (guint c = 0; c < n_classes; c++)
    {
      PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass, c);
      Rgb color = fill_color (cls->rgb, style);

      if (by_class_start[c] == by_class_start[c + 1])
        continue;
      if (cls->pattern == PW_PLAN_PATTERN_NONE)
        set_rgb (cr, color, 1);
      else
        {
          /* one opaque tile holding colour and pattern: a single fill */
          cairo_pattern_t *tile = pattern_tile (cls->pattern, &color, style->pixel);

          cairo_set_source (cr, tile);
          cairo_pattern_destroy (tile);
        }
      /* Three kinds of path: boxes (and rooms too small to show their shape, as
       * their bounds), other shapes with only upright edges, and each other room
       * alone. cairo rasterises a path of boxes, a rectilinear path and any other
       * path each its own way, and smooths slanted edges depending on what else
       * the path holds: mixing them would make a room's pixels depend on which
       * other rooms the clip takes in. */
      for (int kind = 0; kind < 3; kind++)
        {
          gboolean any = FALSE;

          cairo_new_path (cr);
          for (guint k = by_class_start[c]; k < by_class_start[c + 1]; k++)
            {
              PwPlanRoom *room = pw_plan_floor_get_room (floor, order[k]);
              gboolean tiny = room_is_tiny (room, view);

              if (fill_kind (room, tiny) != kind)
                continue;
              if (tiny)
                append_bounds (cr, room, view);
              else
                append_room (cr, room, view);
              any = TRUE;
              /* slanted edges are smoothed differently with other shapes in the
               * same path: each such room is a path of its own */
              if (kind == 2)
                {
                  cairo_fill (cr);
                  any = FALSE;
                }
            }
          if (any)
            cairo_fill (cr);
        }
    }

  /* the outlines in one stroke for rooms with upright edges, one each for the others */
  set_rgb (cr, line, style->dark ? 0.7 : 0.75);
  cairo_set_line_width (cr, 1.0 * style->pixel);
  cairo_set_antialias (cr, pw_plan_floor_get_typical_size (floor) * view->scale < COARSE_PX
                             ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  for (int upright = 1; upright >= 0; upright--)
    {
      gboolean any = FALSE;

      cairo_new_path (cr);
      for (guint k = 0; k < visible->len; k++)
        {
          PwPlanRoom *room = pw_plan_floor_get_room (floor, g_array_index (visible, guint, k));

          if (room_is_tiny (room, view) || (fill_kind (room, FALSE) < 2) != upright)
            continue;
          append_room (cr, room, view);
          any = TRUE;
          if (!upright)
            {
              cairo_stroke (cr);
              any = FALSE;
            }
        }
      if (any)
        cairo_stroke (cr);
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

void
pw_plan_draw_highlight (cairo_t          *cr,
                        PwPlanRoom       *room,
                        const PwPlanView *view,
                        const PwPlanStyle *style,
                        gboolean          selected)
{
  /* GNOME accent blue for the selection; a neutral outline for the hover */
  Rgb accent = style->dark ? rgb_from (0x78AEED) : rgb_from (0x1C71D8);
  Rgb hover = style->dark ? rgb_from (0xFFFFFF) : rgb_from (0x000000);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  append_room (cr, room, view);
  if (selected)
    {
      set_rgb (cr, accent, 0.28);
      cairo_fill_preserve (cr);
      set_rgb (cr, accent, 1);
      cairo_set_line_width (cr, 3 * style->pixel);
    }
  else
    {
      set_rgb (cr, hover, 0.8);
      cairo_set_line_width (cr, 2 * style->pixel);
      {
        const double dash[] = { 4 * style->pixel, 3 * style->pixel };

        cairo_set_dash (cr, dash, 2, 0);
      }
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* ---- labels ------------------------------------------------------------------------ */

typedef struct
{
  PangoLayout *layout;
  double       line_h;   /* device units */
  double       char_w;   /* a lower bound on a character's width, for quick rejection */
} LabelFont;

static void
label_font_init (LabelFont *font, cairo_t *cr, const PwPlanStyle *style, double size_scale)
{
  PangoFontDescription *desc = pango_font_description_from_string (style->font ? style->font
                                                                               : "Sans 9");
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();
  int w, h;

  pango_font_description_set_absolute_size (desc,
                                            pango_font_description_get_size (desc) * 96.0 / 72.0
                                              * style->pixel * size_scale);
  font->layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (font->layout);
  /* metrics that do not depend on the surface, so a PNG and the screen agree */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  pango_layout_context_changed (font->layout);
  cairo_font_options_destroy (options);
  pango_layout_set_font_description (font->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (font->layout, "0", -1);
  pango_layout_get_pixel_size (font->layout, &w, &h);
  font->line_h = h;
  font->char_w = w * 0.5;
}

typedef struct
{
  double x0, y0, x1, y1;
} Box;

static gboolean
box_overlaps (GArray *boxes, const Box *b)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *o = &g_array_index (boxes, Box, i);

      if (b->x0 < o->x1 && o->x0 < b->x1 && b->y0 < o->y1 && o->y0 < b->y1)
        return TRUE;
    }
  return FALSE;
}

/* Do the corners and edge midpoints of @box (device units) lie inside the room? */
static gboolean
box_inside_room (PwPlanRoom *room, const PwPlanView *view, const Box *box)
{
  const double fx[] = { 0, 0.5, 1, 1, 1, 0.5, 0, 0 };
  const double fy[] = { 0, 0, 0, 0.5, 1, 1, 1, 0.5 };

  for (guint k = 0; k < G_N_ELEMENTS (fx); k++)
    {
      double x = box->x0 + (box->x1 - box->x0) * fx[k], y = box->y0 + (box->y1 - box->y0) * fy[k];

      pw_plan_view_to_plan (view, &x, &y);
      if (!pw_polygon_contains (room->polygon, x, y))
        return FALSE;
    }
  return TRUE;
}

static int
compare_area_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  PwPlanFloor *floor = data;
  PwPlanRoom *ra = pw_plan_floor_get_room (floor, *(const guint *) a);
  PwPlanRoom *rb = pw_plan_floor_get_room (floor, *(const guint *) b);
  double aa = (ra->x1 - ra->x0) * (ra->y1 - ra->y0), ab = (rb->x1 - rb->x0) * (rb->y1 - rb->y0);

  if (aa != ab)
    return aa > ab ? -1 : 1;
  return g_strcmp0 (ra->code, rb->code);
}

/* Label lines in Latin-1 are measured and drawn with cairo's glyphs of the
 * label font straight, without Pango's shaping, which took most of a zoomed-in
 * frame: one character, one glyph, no kerning. Other lines go through Pango. */
typedef struct
{
  cairo_scaled_font_t *scaled;
  double               baseline;
} FastFont;

static void
fast_font_init (FastFont *fast, PangoLayout *layout)
{
  PangoFont *font = pango_context_load_font (pango_layout_get_context (layout),
                                             pango_layout_get_font_description (layout));

  fast->scaled = NULL;
  if (font != NULL && PANGO_IS_CAIRO_FONT (font))
    {
      cairo_scaled_font_t *scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));

      if (scaled != NULL && cairo_scaled_font_status (scaled) == CAIRO_STATUS_SUCCESS)
        fast->scaled = cairo_scaled_font_reference (scaled);
    }
  g_clear_object (&font);
  pango_layout_set_text (layout, "0", -1);
  fast->baseline = pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
}

/* The glyphs of @text at the origin and its width, or NULL when it is not for
 * the fast path (a character past Latin-1, or one the font lacks). */
static cairo_glyph_t *
fast_glyphs (FastFont *fast, const char *text, int *n_glyphs, int *width)
{
  cairo_glyph_t *glyphs = NULL;
  cairo_text_extents_t extents;
  int n = 0;

  if (fast->scaled == NULL)
    return NULL;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0xFF)
        return NULL;
    }
  if (cairo_scaled_font_text_to_glyphs (fast->scaled, 0, 0, text, -1, &glyphs, &n, NULL, NULL,
                                        NULL) != CAIRO_STATUS_SUCCESS)
    return NULL;
  for (int g = 0; g < n; g++)
    if (glyphs[g].index == 0)
      {
        cairo_glyph_free (glyphs);
        return NULL;
      }
  cairo_scaled_font_glyph_extents (fast->scaled, glyphs, n, &extents);
  *n_glyphs = n;
  *width = (int) ceil (extents.x_advance);
  return glyphs;
}

/* Places and draws labels for the rooms in @visible (which it sorts), as
 * pw_plan_draw_labels() describes. */
static GArray *
draw_labels_of (cairo_t          *cr,
                PwPlanFloor      *floor,
                PwPlanColoring   *coloring,
                const PwPlanView *view,
                const PwPlanStyle *style,
                GArray           *visible)
{
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (PwPlanLabel));
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  cairo_surface_t *scratch = NULL;
  cairo_t *measure = cr;
  LabelFont font;
  const double pad = 3 * style->pixel;
  PangoLayout *layouts[3];
  FastFont fast;
  guint kept = 0;

  if (style->labels == 0 || visible->len == 0)
    return placed;
  if (measure == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      measure = cairo_create (scratch);
    }
  label_font_init (&font, measure, style, 1.0);
  /* rooms too small at this zoom for even their code go before sorting: zoomed
   * out on a large floor that is nearly all of them */
  for (guint k = 0; k < visible->len; k++)
    {
      guint i = g_array_index (visible, guint, k);
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      double room_w = (room->x1 - room->x0) * view->scale;
      double room_h = MIN ((room->y1 - room->y0), 2 * room->label_room) * view->scale;

      if (room->code == NULL
          || room_h < font.line_h + pad
          || room_w < font.char_w * (double) strlen (room->code) + pad)
        continue;
      g_array_index (visible, guint, kept++) = i;
    }
  g_array_set_size (visible, kept);
  g_array_sort_with_data (visible, compare_area_desc, floor);
  layouts[0] = font.layout;
  layouts[1] = pango_layout_copy (font.layout);
  layouts[2] = pango_layout_copy (font.layout);
  fast_font_init (&fast, font.layout);

  for (guint k = 0; k < visible->len; k++)
    {
      guint i = g_array_index (visible, guint, k);
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      double room_w = (room->x1 - room->x0) * view->scale;
      double room_h = MIN ((room->y1 - room->y0), 2 * room->label_room) * view->scale;
      double cx = room->label_x * view->scale + view->ox, cy = room->label_y * view->scale + view->oy;
      const char *lines[3];
      guint fields[3];
      int lws[3], lhs[3], n_glyphs[3];
      cairo_glyph_t *glyphs[3] = { NULL, NULL, NULL };
      guint n_lines = 0;
      g_autofree char *area = NULL;

      if (style->labels & PW_PLAN_LABEL_CODE)
        {
          lines[n_lines] = room->code;
          fields[n_lines++] = PW_PLAN_LABEL_CODE;
        }
      if ((style->labels & PW_PLAN_LABEL_TENANT) && room->tenant != NULL)
        {
          lines[n_lines] = room->tenant;
          fields[n_lines++] = PW_PLAN_LABEL_TENANT;
        }
      if ((style->labels & PW_PLAN_LABEL_AREA) && room->chargeable_area > 0)
        {
          area = pw_area_format_with_unit (room->chargeable_area, style->square_feet);
          lines[n_lines] = area;
          fields[n_lines++] = PW_PLAN_LABEL_AREA;
        }

      /* lines the room cannot hold one under another are not laid out at all */
      n_lines = MIN (n_lines, (guint) MAX ((room_h - pad) / font.line_h, 1));
      /* each line measured once, and drawn from what was measured */
      for (guint l = 0; l < n_lines; l++)
        {
          glyphs[l] = fast_glyphs (&fast, lines[l], &n_glyphs[l], &lws[l]);
          if (glyphs[l] != NULL)
            lhs[l] = (int) font.line_h;
          else
            {
              pango_layout_set_text (layouts[l], lines[l], -1);
              pango_layout_get_pixel_size (layouts[l], &lws[l], &lhs[l]);
            }
        }

      /* a line wider than the room (a long tenant name) goes, and the lines
       * after it move up: a narrow room still shows its code and area */
      if (n_lines > 1)
        {
          guint stay = 1;

          for (guint l = 1; l < n_lines; l++)
            {
              if (lws[l] + pad > room_w)
                continue;
              if (stay != l)
                {
                  cairo_glyph_t *spare = glyphs[stay];

                  lines[stay] = lines[l];
                  fields[stay] = fields[l];
                  lws[stay] = lws[l];
                  lhs[stay] = lhs[l];
                  n_glyphs[stay] = n_glyphs[l];
                  glyphs[stay] = glyphs[l];
                  glyphs[l] = spare;
                  if (glyphs[stay] == NULL)
                    pango_layout_set_text (layouts[stay], lines[stay], -1);
                }
              stay++;
            }
          n_lines = stay;
        }

      /* the most lines that fit, dropping from the end */
      while (n_lines > 0)
        {
          double w = 0, h = 0;
          Box box;
          PwPlanLabel label;
          guint shown = 0;

          for (guint l = 0; l < n_lines; l++)
            {
              w = MAX (w, lws[l]);
              h += lhs[l];
            }
          if (w + pad > room_w || h + pad > room_h)
            {
              n_lines--;
              continue;
            }
          box = (Box) { cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };
          if (!box_inside_room (room, view, &box))
            {
              n_lines--;
              continue;
            }
          if (box_overlaps (boxes, &box))
            break;
          g_array_append_val (boxes, box);
          for (guint l = 0; l < n_lines; l++)
            shown |= fields[l];
          label = (PwPlanLabel) { i, box.x0, box.y0, w, h, shown };
          g_array_append_val (placed, label);

          if (cr != NULL)
            {
              const PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass,
                                                       coloring->room_class[i]);
              Rgb fill = fill_color (cls->rgb, style);
              gboolean dark_text = luminance (fill) > 0.5;
              double ty = box.y0;

              /* over a hatched room, a plate of the room's colour keeps the label
               * apart from the hatching (one fill: outlining every glyph cost a
               * zoomed-in frame most of its time) */
              if (cls->pattern != PW_PLAN_PATTERN_NONE)
                {
                  cairo_rectangle (cr, box.x0, box.y0, w, h);
                  set_rgb (cr, fill, 0.9);
                  cairo_fill (cr);
                }
              if (dark_text)
                cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 1);
              else
                cairo_set_source_rgba (cr, 1, 1, 1, 1);
              for (guint l = 0; l < n_lines; l++)
                {
                  if (glyphs[l] != NULL)
                    {
                      for (int g = 0; g < n_glyphs[l]; g++)
                        {
                          glyphs[l][g].x += cx - lws[l] / 2.0;
                          glyphs[l][g].y += ty + fast.baseline;
                        }
                      cairo_set_scaled_font (cr, fast.scaled);
                      cairo_show_glyphs (cr, glyphs[l], n_glyphs[l]);
                    }
                  else
                    {
                      cairo_move_to (cr, cx - lws[l] / 2.0, ty);
                      pango_cairo_show_layout (cr, layouts[l]);
                    }
                  ty += lhs[l];
                }
            }
          break;
        }
      for (guint l = 0; l < G_N_ELEMENTS (glyphs); l++)
        cairo_glyph_free (glyphs[l]);
    }
  if (fast.scaled != NULL)
    cairo_scaled_font_destroy (fast.scaled);
  g_object_unref (layouts[1]);
  g_object_unref (layouts[2]);
  g_object_unref (font.layout);
  if (scratch != NULL)
    {
      cairo_destroy (measure);
      cairo_surface_destroy (scratch);
    }
  return placed;
}

GArray *
pw_plan_draw_labels (cairo_t          *cr,
                     PwPlanFloor      *floor,
                     PwPlanColoring   *coloring,
                     const PwPlanView *view,
                     const PwPlanStyle *style,
                     double            width,
                     double            height)
{
  g_autoptr(GArray) visible = g_array_new (FALSE, FALSE, sizeof (guint));
  double x0 = 0, y0 = 0, x1 = width, y1 = height, most_w, most_h;

  if (style->labels == 0)
    return g_array_new (FALSE, FALSE, sizeof (PwPlanLabel));
  /* zoomed out so far that no room is as tall as the font's size (a line is
   * taller), nor wide enough for half of it: no room to look at */
  {
    PangoFontDescription *desc = pango_font_description_from_string (style->font ? style->font
                                                                                 : "Sans 9");
    double em = pango_font_description_get_size (desc) / (double) PANGO_SCALE * 96.0 / 72.0
                * style->pixel;

    if (pango_font_description_get_size_is_absolute (desc))
      em = pango_font_description_get_size (desc) / (double) PANGO_SCALE * style->pixel;
    pango_font_description_free (desc);
    pw_plan_floor_get_label_room (floor, &most_w, &most_h);
    if (most_h * view->scale < em || most_w * view->scale < em / 2)
      return g_array_new (FALSE, FALSE, sizeof (PwPlanLabel));
  }
  pw_plan_view_to_plan (view, &x0, &y0);
  pw_plan_view_to_plan (view, &x1, &y1);
  pw_plan_floor_query (floor, x0, y0, x1, y1, visible);
  return draw_labels_of (cr, floor, coloring, view, style, visible);
}

/* ---- a part of the view ---------------------------------------------------------------- */

void
pw_plan_damage_rect (const PwPlanView      *view,
                     const PwPlanStyle     *style,
                     double                 x0,
                     double                 y0,
                     double                 x1,
                     double                 y1,
                     cairo_rectangle_int_t *rect)
{
  /* the outline straddles the edge, and the selection's is three pixels wide */
  double grow = 3 * style->pixel + 1;
  double dx0, dy0, dx1, dy1;

  pw_plan_view_to_device (view, &x0, &y0);
  pw_plan_view_to_device (view, &x1, &y1);
  dx0 = floor (MIN (x0, x1) - grow);
  dy0 = floor (MIN (y0, y1) - grow);
  dx1 = ceil (MAX (x0, x1) + grow);
  dy1 = ceil (MAX (y0, y1) + grow);
  if (rect->width > 0 && rect->height > 0)
    {
      dx0 = MIN (dx0, rect->x);
      dy0 = MIN (dy0, rect->y);
      dx1 = MAX (dx1, (double) rect->x + rect->width);
      dy1 = MAX (dy1, (double) rect->y + rect->height);
    }
  dx0 = CLAMP (dx0, -1e9, 1e9);
  dy0 = CLAMP (dy0, -1e9, 1e9);
  dx1 = CLAMP (dx1, dx0, 1e9);
  dy1 = CLAMP (dy1, dy0, 1e9);
  rect->x = (int) dx0;
  rect->y = (int) dy0;
  rect->width = (int) (dx1 - dx0);
  rect->height = (int) (dy1 - dy0);
}

#define REGION_MARGIN 32

/* The layer's content in the rectangle, drawn on @cr with whatever clip it has. */
static void
draw_region_content (cairo_t *cr, PwPlanFloor *floor, PwPlanColoring *coloring,
                     const PwPlanView *view, const PwPlanStyle *style, RsvgHandle *drawing,
                     const cairo_matrix_t *to_plan, const cairo_rectangle_int_t *rect,
                     double width, double height)
{
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  double x0 = rect->x, y0 = rect->y, x1 = (double) rect->x + rect->width;
  double y1 = (double) rect->y + rect->height;
  double vx0 = 0, vy0 = 0, vx1 = width, vy1 = height;

  if (drawing != NULL)
    pw_plan_draw_background (cr, drawing, to_plan, view, style);
  pw_plan_draw_rooms (cr, floor, coloring, view, style);

  /* Labels: a label lies inside its room's bounds, so only rooms meeting the
   * rectangle can draw into it, and only rooms whose bounds meet theirs can have
   * taken its place; placing those (within the view) as the whole view does
   * gives the same labels here without measuring every label in view. */
  if (style->labels == 0)
    return;
  pw_plan_view_to_plan (view, &x0, &y0);
  pw_plan_view_to_plan (view, &x1, &y1);
  pw_plan_view_to_plan (view, &vx0, &vy0);
  pw_plan_view_to_plan (view, &vx1, &vy1);
  pw_plan_floor_query (floor, MAX (x0, vx0), MAX (y0, vy0), MIN (x1, vx1), MIN (y1, vy1), near);
  for (guint k = 0; k < near->len; k++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, g_array_index (near, guint, k));

      x0 = MIN (x0, room->x0);
      y0 = MIN (y0, room->y0);
      x1 = MAX (x1, room->x1);
      y1 = MAX (y1, room->y1);
    }
  if (near->len > 0)
    pw_plan_floor_query (floor, MAX (x0, vx0), MAX (y0, vy0), MIN (x1, vx1), MIN (y1, vy1),
                         candidates);
  g_array_unref (draw_labels_of (cr, floor, coloring, view, style, candidates));
}

void
pw_plan_draw_region (cairo_t                     *cr,
                     PwPlanFloor                 *floor,
                     PwPlanColoring              *coloring,
                     const PwPlanView            *view,
                     const PwPlanStyle           *style,
                     RsvgHandle                  *drawing,
                     const cairo_matrix_t        *to_plan,
                     const cairo_rectangle_int_t *rect,
                     double                       width,
                     double                       height)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_int_t in_view;
  cairo_matrix_t m;

  /* within the layer: its edges cut slanted outlines, and must cut them alike */
  in_view.x = MAX (rect->x, 0);
  in_view.y = MAX (rect->y, 0);
  in_view.width = (int) MIN ((double) rect->x + rect->width, ceil (width)) - in_view.x;
  in_view.height = (int) MIN ((double) rect->y + rect->height, ceil (height)) - in_view.y;
  rect = &in_view;
  if (rect->width <= 0 || rect->height <= 0)
    return;
  cairo_get_matrix (cr, &m);
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, rect->x, rect->y, rect->width, rect->height);
  cairo_clip (cr);
  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE
      && m.xx == 1 && m.yy == 1 && m.xy == 0 && m.yx == 0 && m.x0 == round (m.x0) && m.y0 == round (m.y0))
    {
      /* cairo rasterises a clipped path a little differently along slanted
       * edges: draw the rectangle unclipped on a surface of its own, placed by a
       * whole-pixel offset (which changes nothing), and copy it in */
      /* and a margin, so that outlines crossing the rectangle are not cut at it */
      int mx0 = MIN (rect->x, REGION_MARGIN), my0 = MIN (rect->y, REGION_MARGIN);
      int mx1 = (int) MIN (REGION_MARGIN, ceil (width) - rect->x - rect->width);
      int my1 = (int) MIN (REGION_MARGIN, ceil (height) - rect->y - rect->height);
      cairo_surface_t *part = cairo_surface_create_similar_image (target, CAIRO_FORMAT_ARGB32,
                                                                  rect->width + mx0 + mx1,
                                                                  rect->height + my0 + my1);
      cairo_t *pcr;

      cairo_surface_set_device_offset (part, -(rect->x - mx0), -(rect->y - my0));
      pcr = cairo_create (part);
      draw_region_content (pcr, floor, coloring, view, style, drawing, to_plan, rect, width, height);
      cairo_destroy (pcr);
      cairo_set_source_surface (cr, part, 0, 0);
      cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
      cairo_paint (cr);
      cairo_surface_destroy (part);
    }
  else
    {
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      draw_region_content (cr, floor, coloring, view, style, drawing, to_plan, rect, width, height);
    }
  cairo_restore (cr);
}

/* ---- legend ------------------------------------------------------------------------- */

void
pw_plan_draw_swatch (cairo_t           *cr,
                     const PwPlanClass *cls,
                     const PwPlanStyle *style,
                     double             x,
                     double             y,
                     double             width,
                     double             height)
{
  Rgb color = fill_color (cls->rgb, style);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x, y, width, height);
  set_rgb (cr, color, 1);
  cairo_fill_preserve (cr);
  if (cls->pattern != PW_PLAN_PATTERN_NONE)
    {
      cairo_pattern_t *tile = pattern_tile (cls->pattern, &color, style->pixel);

      cairo_set_source (cr, tile);
      cairo_fill_preserve (cr);
      cairo_pattern_destroy (tile);
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

double
pw_plan_draw_legend (cairo_t          *cr,
                     PwPlanColoring   *coloring,
                     const PwPlanStyle *style,
                     double            x,
                     double            y,
                     double           *width)
{
  cairo_surface_t *scratch = NULL;
  cairo_t *target = cr;
  LabelFont font;
  double swatch = 14 * style->pixel, gap = 6 * style->pixel, row = 0, top = y, max_w = 0;
  Rgb text = style->dark ? rgb_from (0xFFFFFF) : rgb_from (0x241F31);

  if (target == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      target = cairo_create (scratch);
    }
  label_font_init (&font, target, style, 1.0);
  row = MAX (swatch, font.line_h) + 4 * style->pixel;

  /* heading */
  {
    int w, h;
    PangoFontDescription *bold = pango_font_description_copy (
      pango_layout_get_font_description (font.layout));

    pango_font_description_set_weight (bold, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description (font.layout, bold);
    pango_layout_set_text (font.layout, pw_plan_lens_get_label (coloring->lens), -1);
    pango_layout_get_pixel_size (font.layout, &w, &h);
    if (cr != NULL)
      {
        set_rgb (cr, text, 1);
        cairo_move_to (cr, x, y);
        pango_cairo_show_layout (cr, font.layout);
      }
    max_w = w;
    y += h + 4 * style->pixel;
    pango_font_description_set_weight (bold, PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description (font.layout, bold);
    pango_font_description_free (bold);
  }

  for (guint c = 0; c < coloring->classes->len; c++)
    {
      PwPlanClass *cls = &g_array_index (coloring->classes, PwPlanClass, c);
      g_autofree char *line = NULL;
      int w, h;

      if (cls->count == 0)
        continue;
      line = pw_plan_class_legend_text (coloring, cls);
      pango_layout_set_text (font.layout, line, -1);
      pango_layout_get_pixel_size (font.layout, &w, &h);
      if (cr != NULL)
        {
          Rgb color = fill_color (cls->rgb, style);

          cairo_rectangle (cr, x, y + (row - swatch) / 2, swatch, swatch);
          set_rgb (cr, color, 1);
          cairo_fill_preserve (cr);
          if (cls->pattern != PW_PLAN_PATTERN_NONE)
            {
              cairo_pattern_t *tile = pattern_tile (cls->pattern, &color, style->pixel);

              cairo_set_source (cr, tile);
              cairo_fill_preserve (cr);
              cairo_pattern_destroy (tile);
            }
          set_rgb (cr, text, 0.6);
          cairo_set_line_width (cr, style->pixel);
          cairo_stroke (cr);
          set_rgb (cr, text, 1);
          cairo_move_to (cr, x + swatch + gap, y + (row - h) / 2);
          pango_cairo_show_layout (cr, font.layout);
        }
      max_w = MAX (max_w, swatch + gap + w);
      y += row;
    }
  g_object_unref (font.layout);
  if (scratch != NULL)
    {
      cairo_destroy (target);
      cairo_surface_destroy (scratch);
    }
  if (width != NULL)
    *width = max_w;
  return y - top;
}

/* ---- the sheet ------------------------------------------------------------------------ */

/* 1, 2 or 5 × 10^k metres: the longest such length no wider than @max_px. */
static double
nice_length (double scale, double max_px)
{
  double best = 1;

  for (double p = 1e-2; p <= 1e5; p *= 10)
    for (int m = 0; m < 3; m++)
      {
        const double mult[] = { 1, 2, 5 };
        double len = p * mult[m];

        if (len * scale <= max_px)
          best = len;
      }
  return best;
}

static void
draw_scale_bar (cairo_t *cr, const PwPlanView *view, const PwPlanStyle *style,
                double x, double y, Rgb ink)
{
  double metres = nice_length (view->scale, 160 * style->pixel);
  double w = metres * view->scale, h = 6 * style->pixel;
  g_autofree char *label = NULL;
  char number[G_ASCII_DTOSTR_BUF_SIZE];
  LabelFont font;
  int lw, lh;

  cairo_save (cr);
  set_rgb (cr, ink, 1);
  cairo_set_line_width (cr, style->pixel);
  cairo_rectangle (cr, x, y - h, w / 2, h);
  cairo_fill (cr);
  cairo_rectangle (cr, x, y - h, w, h);
  cairo_stroke (cr);
  g_ascii_formatd (number, sizeof number, "%g", metres);
  /* TRANSLATORS: the length of the scale bar, e.g. "10 m" */
  label = g_strdup_printf (_("%s m"), number);
  label_font_init (&font, cr, style, 1.0);
  pango_layout_set_text (font.layout, label, -1);
  pango_layout_get_pixel_size (font.layout, &lw, &lh);
  cairo_move_to (cr, x + w + 6 * style->pixel, y - h / 2 - lh / 2.0);
  pango_cairo_show_layout (cr, font.layout);
  g_object_unref (font.layout);
  cairo_restore (cr);
}

static void
draw_north_arrow (cairo_t *cr, const PwPlanStyle *style, double cx, double cy, Rgb ink)
{
  double s = 14 * style->pixel;
  LabelFont font;
  int lw, lh;

  cairo_save (cr);
  set_rgb (cr, ink, 1);
  cairo_move_to (cr, cx, cy - s);
  cairo_line_to (cr, cx + s * 0.55, cy + s * 0.7);
  cairo_line_to (cr, cx, cy + s * 0.35);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_move_to (cr, cx, cy - s);
  cairo_line_to (cr, cx - s * 0.55, cy + s * 0.7);
  cairo_line_to (cr, cx, cy + s * 0.35);
  cairo_close_path (cr);
  cairo_set_line_width (cr, style->pixel);
  cairo_stroke (cr);
  label_font_init (&font, cr, style, 1.0);
  /* TRANSLATORS: the letter on the north arrow */
  pango_layout_set_text (font.layout, C_("compass", "N"), -1);
  pango_layout_get_pixel_size (font.layout, &lw, &lh);
  cairo_move_to (cr, cx - lw / 2.0, cy - s - lh - 2 * style->pixel);
  pango_cairo_show_layout (cr, font.layout);
  g_object_unref (font.layout);
  cairo_restore (cr);
}

/* The title, then the lens and the date, at the top left; returns its height. */
static double
draw_title_block (cairo_t *cr, const char *title, PwPlanLens lens, const char *date,
                  const PwPlanStyle *style, double margin)
{
  Rgb ink = style->dark ? rgb_from (0xFFFFFF) : rgb_from (0x241F31);
  g_autofree char *sub = NULL;
  LabelFont font;
  double title_h;
  int tw, th;

  label_font_init (&font, cr, style, 1.5);
  pango_layout_set_text (font.layout, title ? title : "", -1);
  pango_layout_get_pixel_size (font.layout, &tw, &th);
  set_rgb (cr, ink, 1);
  cairo_move_to (cr, margin, margin);
  pango_cairo_show_layout (cr, font.layout);
  title_h = th;
  g_object_unref (font.layout);

  label_font_init (&font, cr, style, 1.0);
  if (date != NULL)
    /* TRANSLATORS: under a plan's title: the lens and the date it shows, e.g. "Status · 2026-11-27" */
    sub = g_strdup_printf (_("%s · %s"), pw_plan_lens_get_label (lens), date);
  else
    sub = g_strdup (pw_plan_lens_get_label (lens));
  pango_layout_set_text (font.layout, sub, -1);
  pango_layout_get_pixel_size (font.layout, &tw, &th);
  set_rgb (cr, ink, 0.7);
  cairo_move_to (cr, margin, margin + title_h + 2 * style->pixel);
  pango_cairo_show_layout (cr, font.layout);
  title_h += th + 2 * style->pixel;
  g_object_unref (font.layout);
  return title_h;
}

void
pw_plan_draw_page (cairo_t          *cr,
                   PwPlanFloor      *floor,
                   PwPlanColoring   *coloring,
                   const PwPlanPage *page,
                   const PwPlanStyle *style,
                   double            width,
                   double            height)
{
  Rgb paper = style->dark ? rgb_from (0x242424) : rgb_from (0xFFFFFF);
  Rgb ink = style->dark ? rgb_from (0xFFFFFF) : rgb_from (0x241F31);
  double margin = 16 * style->pixel, legend_w = 0, legend_h, title_h;
  double px0, py0, px1, py1;
  PwPlanView view;

  set_rgb (cr, paper, 1);
  cairo_paint (cr);
  title_h = draw_title_block (cr, page->title ? page->title : pw_plan_floor_get_title (floor),
                              coloring->lens, page->date, style, margin);

  /* legend on the right */
  legend_h = pw_plan_draw_legend (NULL, coloring, style, 0, 0, &legend_w);
  pw_plan_draw_legend (cr, coloring, style, width - margin - legend_w,
                       margin + title_h + margin, &legend_w);
  (void) legend_h;

  /* the plan in what is left */
  if (pw_plan_floor_get_bounds (floor, &px0, &py0, &px1, &py1))
    {
      double area_x = margin, area_y = 2 * margin + title_h;
      double area_w = width - 3 * margin - legend_w, area_h = height - area_y - 3 * margin;

      pw_plan_view_fit (&view, px0, py0, px1, py1, area_w, area_h, 4 * style->pixel);
      view.ox += area_x;
      view.oy += area_y;
      cairo_save (cr);
      cairo_rectangle (cr, area_x, area_y, area_w, area_h);
      cairo_clip (cr);
      if (page->background != NULL)
        pw_plan_draw_background (cr, page->background, &page->background_to_plan, &view, style);
      else
        {
          cairo_matrix_t to_plan;
          RsvgHandle *drawing = pw_plan_floor_get_drawing (floor, &to_plan);

          pw_plan_draw_background (cr, drawing, &to_plan, &view, style);
        }
      pw_plan_draw_rooms (cr, floor, coloring, &view, style);
      if (page->selection != NULL)
        for (guint k = 0; k < page->selection->len; k++)
          pw_plan_draw_highlight (cr, pw_plan_floor_get_room (floor, g_array_index (page->selection,
                                                                                   guint, k)),
                                  &view, style, TRUE);
      {
        g_autoptr(GArray) labels = NULL;

        cairo_translate (cr, 0, 0);
        labels = pw_plan_draw_labels (cr, floor, coloring, &view, style, width, height);
      }
      cairo_restore (cr);
      draw_scale_bar (cr, &view, style, margin, height - margin, ink);
      draw_north_arrow (cr, style, area_x + area_w - 16 * style->pixel,
                        area_y + 28 * style->pixel, ink);
    }
}

void
pw_plan_draw_stacking_page (cairo_t           *cr,
                            GPtrArray         *floors,
                            PwPlanLens         lens,
                            const char        *today,
                            const PwPlanPage  *page,
                            const PwPlanStyle *style,
                            double             width,
                            double             height)
{
  Rgb paper = style->dark ? rgb_from (0x242424) : rgb_from (0xFFFFFF);
  g_autoptr(PwPlanColoring) legend = pw_plan_coloring_merge (floors, lens, today);
  double margin = 16 * style->pixel, legend_w = 0, title_h;
  double area_x, area_y, area_w, area_h;

  set_rgb (cr, paper, 1);
  cairo_paint (cr);
  title_h = draw_title_block (cr, page->title, lens, page->date, style, margin);
  pw_plan_draw_legend (NULL, legend, style, 0, 0, &legend_w);
  pw_plan_draw_legend (cr, legend, style, width - margin - legend_w, margin + title_h + margin,
                       &legend_w);
  area_x = margin;
  area_y = 2 * margin + title_h;
  area_w = width - 3 * margin - legend_w;
  area_h = MIN (height - area_y - margin,
                pw_plan_stacking_natural_height (floors->len, style));
  if (area_w <= 0 || area_h <= 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, area_x, area_y, area_w, area_h);
  cairo_clip (cr);
  cairo_translate (cr, area_x, area_y);
  pw_plan_draw_stacking (cr, floors, lens, today, style, area_w, area_h);
  cairo_restore (cr);
}

/* ---- export --------------------------------------------------------------------------- */

static gboolean
check_cairo (cairo_status_t status, const char *path, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER, _("Could not write the plan to %s: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

typedef void (*SheetFunc) (cairo_t *cr, gpointer data, double width, double height);

static gboolean
export_sheet (SheetFunc draw, gpointer data, int width, int height, const char *path, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  gboolean png = FALSE;

  if (width < 64 || height < 64 || width > 20000 || height > 20000)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER,
                   _("A plan must be between 64 and 20000 units wide and high, not %d×%d"),
                   width, height);
      return FALSE;
    }
  if (g_str_has_suffix (lower, ".png"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      png = TRUE;
    }
  else if (g_str_has_suffix (lower, ".pdf"))
    surface = cairo_pdf_surface_create (path, width, height);
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (path, width, height);
  else
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER,
                   _("Cannot tell the format of %s: name it .png, .pdf or .svg"), path);
      return FALSE;
    }
  cr = cairo_create (surface);
  draw (cr, data, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && png)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return check_cairo (status, path, error);
}

typedef struct
{
  PwPlanFloor       *floor;
  PwPlanColoring    *coloring;
  GPtrArray         *floors;
  PwPlanLens         lens;
  const char        *today;
  const PwPlanPage  *page;
  const PwPlanStyle *style;
} Sheet;

static void
draw_floor_sheet (cairo_t *cr, gpointer data, double width, double height)
{
  Sheet *sheet = data;

  pw_plan_draw_page (cr, sheet->floor, sheet->coloring, sheet->page, sheet->style, width, height);
}

static void
draw_stacking_sheet (cairo_t *cr, gpointer data, double width, double height)
{
  Sheet *sheet = data;

  pw_plan_draw_stacking_page (cr, sheet->floors, sheet->lens, sheet->today, sheet->page,
                              sheet->style, width, height);
}

gboolean
pw_plan_export (PwPlanFloor      *floor,
                PwPlanColoring   *coloring,
                const PwPlanPage *page,
                const PwPlanStyle *style,
                int               width,
                int               height,
                const char       *path,
                GError          **error)
{
  Sheet sheet = { .floor = floor, .coloring = coloring, .page = page, .style = style };

  return export_sheet (draw_floor_sheet, &sheet, width, height, path, error);
}

gboolean
pw_plan_export_stacking (GPtrArray         *floors,
                         PwPlanLens         lens,
                         const char        *today,
                         const PwPlanPage  *page,
                         const PwPlanStyle *style,
                         int                width,
                         int                height,
                         const char        *path,
                         GError           **error)
{
  Sheet sheet = { .floors = floors, .lens = lens, .today = today, .page = page, .style = style };

  return export_sheet (draw_stacking_sheet, &sheet, width, height, path, error);
}
