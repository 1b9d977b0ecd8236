/* pw-plan-raster.c — rooms written straight into an image surface, for views of many small rooms
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 * 1. Every write stays inside the clip rectangle (cx0, cy0)–(cx1, cy1), in pixels
 *    of the target, which lies inside the surface.
 * 2. User coordinates become pixels by adding (dx, dy), whole numbers.
 * 3. A fill covers the pixels whose centres lie inside; an outline marks the
 *    pixels a one-pixel stroke with mitred corners covers, sampled the same way,
 *    and pw_plan_raster_end() blends every marked pixel once. Outlines come
 *    after every fill, so they lie over the fills as a stroke drawn after them
 *    would.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "pw-plan-raster.h"

struct _PwPlanRaster
{
  cairo_surface_t *target;
  guint8          *data;
  int              stride;
  int              dx, dy;               /* user → pixel shift */
  int              cx0, cy0, cx1, cy1;   /* the clip, in pixels, end exclusive */
  guint32          fill;                 /* premultiplied opaque pixel */
  const guint8    *tile_data;            /* borrowed from the caller's tile */
  int              tile_size, tile_stride;
  guint8          *mask;                 /* (cx1 - cx0) × (cy1 - cy0): outlined */
  int              my0, my1;             /* rows with a mark lie within these */
  gsize            mask_size;            /* bytes allocated, at least that */
  guint8           keep[256];            /* what a channel keeps under the outline */
  guint            ia;                   /* the same, as a factor of 255 */
  guint32          line;                 /* the outline colour, premultiplied */
  GArray          *crossings;            /* double */
};

/* The outline mask of the last frame is kept for the next one (per thread):
 * clearing it costs less than the page faults of a new one each frame. */
static _Thread_local guint8 *spare_mask;
static _Thread_local gsize spare_size;

static guint8 *
take_mask (gsize size, gsize *allocated)
{
  size = MAX (size, 1);
  if (spare_mask != NULL && spare_size >= size && spare_size <= 4 * size)
    {
      *allocated = spare_size;
      memset (spare_mask, 0, size);
      return g_steal_pointer (&spare_mask);
    }
  *allocated = size;
  return g_malloc0 (size);
}

static void
give_mask (guint8 *mask, gsize allocated)
{
  g_free (spare_mask);
  spare_mask = mask;
  spare_size = allocated;
}

static gboolean
is_whole (double v)
{
  return v == floor (v) && fabs (v) < 1e7;
}

PwPlanRaster *
pw_plan_raster_begin (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_format_t format;
  cairo_matrix_t m;
  cairo_rectangle_list_t *clip;
  double ox, oy, sx, sy;
  PwPlanRaster *self;
  int w, h, x0, y0, x1, y1;

  if (cairo_get_group_target (cr) != target
      || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE
      || cairo_surface_status (target) != CAIRO_STATUS_SUCCESS)
    return NULL;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return NULL;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 || sx != 1 || sy != 1
      || !is_whole (m.x0 + ox) || !is_whole (m.y0 + oy))
    return NULL;

  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status != CAIRO_STATUS_SUCCESS || clip->num_rectangles > 1
      || (clip->num_rectangles == 1
          && !(is_whole (clip->rectangles[0].x) && is_whole (clip->rectangles[0].y)
               && is_whole (clip->rectangles[0].width) && is_whole (clip->rectangles[0].height))))
    {
      cairo_rectangle_list_destroy (clip);
      return NULL;
    }

  self = g_new0 (PwPlanRaster, 1);
  self->dx = (int) (m.x0 + ox);
  self->dy = (int) (m.y0 + oy);
  w = cairo_image_surface_get_width (target);
  h = cairo_image_surface_get_height (target);
  if (clip->num_rectangles == 1)
    {
      x0 = (int) clip->rectangles[0].x + self->dx;
      y0 = (int) clip->rectangles[0].y + self->dy;
      x1 = x0 + (int) clip->rectangles[0].width;
      y1 = y0 + (int) clip->rectangles[0].height;
    }
  else
    x0 = y0 = x1 = y1 = 0;   /* everything is clipped away */
  cairo_rectangle_list_destroy (clip);
  self->cx0 = CLAMP (x0, 0, w);
  self->cy0 = CLAMP (y0, 0, h);
  self->cx1 = CLAMP (x1, self->cx0, w);
  self->cy1 = CLAMP (y1, self->cy0, h);

  cairo_surface_flush (target);
  self->target = cairo_surface_reference (target);
  self->data = cairo_image_surface_get_data (target);
  self->stride = cairo_image_surface_get_stride (target);
  self->mask = take_mask ((gsize) (self->cx1 - self->cx0) * (gsize) (self->cy1 - self->cy0),
                         &self->mask_size);
  self->crossings = g_array_new (FALSE, FALSE, sizeof (double));
  self->my0 = self->cy1;
  self->my1 = self->cy0;
  return self;
}

void
pw_plan_raster_set_fill (PwPlanRaster *self, guint32 rgb, cairo_surface_t *tile)
{
  self->fill = 0xFF000000u | (rgb & 0xFFFFFFu);
  self->tile_data = NULL;
  if (tile != NULL)
    {
      self->tile_data = cairo_image_surface_get_data (tile);
      self->tile_size = cairo_image_surface_get_width (tile);
      self->tile_stride = cairo_image_surface_get_stride (tile);
    }
}

/* Pixels x0 ≤ x < x1 of row y, already clipped. */
static void
fill_span (PwPlanRaster *self, int y, int x0, int x1)
{
  guint32 *row = (guint32 *) (void *) (self->data + (gsize) y * self->stride);

  if (self->tile_data == NULL)
    {
      for (int x = x0; x < x1; x++)
        row[x] = self->fill;
      return;
    }
  {
    int s = self->tile_size;
    int ty = ((y - self->dy) % s + s) % s, tx = ((x0 - self->dx) % s + s) % s;
    const guint32 *trow = (const guint32 *) (const void *) (self->tile_data + (gsize) ty * self->tile_stride);

    for (int x = x0; x < x1; x++)
      {
        row[x] = 0xFF000000u | trow[tx];
        if (++tx == s)
          tx = 0;
      }
  }
}

/* The first pixel whose centre is at or past @v (user units on one axis, shifted by @d). */
static inline int
first_centre (double v, int d)
{
  double p = ceil (v + d - 0.5);

  return (int) CLAMP (p, -1e8, 1e8);
}

void
pw_plan_raster_fill_box (PwPlanRaster *self, double x0, double y0, double x1, double y1)
{
  int px0 = MAX (first_centre (x0, self->dx), self->cx0);
  int px1 = MIN (first_centre (x1, self->dx), self->cx1);
  int py0 = MAX (first_centre (y0, self->dy), self->cy0);
  int py1 = MIN (first_centre (y1, self->dy), self->cy1);

  if (px0 >= px1 || py0 >= py1)
    return;
  if (self->tile_data != NULL)
    {
      /* the tile's row and column found once, then stepped (a division per
       * row was a tenth of a zoomed-out frame of small hatched rooms) */
      int s = self->tile_size;
      int ty = ((py0 - self->dy) % s + s) % s, tx0 = ((px0 - self->dx) % s + s) % s;

      for (int y = py0; y < py1; y++)
        {
          guint32 *row = (guint32 *) (void *) (self->data + (gsize) y * self->stride);
          const guint32 *trow = (const guint32 *) (const void *) (self->tile_data
                                                                  + (gsize) ty * self->tile_stride);
          int tx = tx0;

          for (int x = px0; x < px1; x++)
            {
              row[x] = 0xFF000000u | trow[tx];
              if (++tx == s)
                tx = 0;
            }
          if (++ty == s)
            ty = 0;
        }
      return;
    }
  for (int y = py0; y < py1; y++)
    {
      guint32 *row = (guint32 *) (void *) (self->data + (gsize) y * self->stride);

      for (int x = px0; x < px1; x++)
        row[x] = self->fill;
    }
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

void
pw_plan_raster_fill_rings (PwPlanRaster   *self,
                           const PwPoint **rings,
                           const guint    *n,
                           guint           n_rings,
                           double          scale,
                           double          ox,
                           double          oy)
{
  double ymin = G_MAXDOUBLE, ymax = -G_MAXDOUBLE;
  double *v;
  guint edges = 0, len;
  int py0, py1;

  ox += self->dx;
  oy += self->dy;
  for (guint r = 0; r < n_rings; r++)
    edges += n[r];
  /* room for a crossing per edge, made once */
  if (self->crossings->len < edges)
    g_array_set_size (self->crossings, edges);
  v = (double *) (void *) self->crossings->data;
  for (guint r = 0; r < n_rings; r++)
    for (guint i = 0; i < n[r]; i++)
      {
        double y = rings[r][i].y * scale + oy;

        ymin = MIN (ymin, y);
        ymax = MAX (ymax, y);
      }
  if (ymin > ymax)
    return;
  py0 = MAX (first_centre (ymin, 0), self->cy0);
  py1 = MIN (first_centre (ymax, 0), self->cy1);
  for (int y = py0; y < py1; y++)
    {
      double yc = y + 0.5;

      len = 0;
      for (guint r = 0; r < n_rings; r++)
        for (guint i = 0, j = n[r] - 1; i < n[r]; j = i++)
          {
            double ay = rings[r][j].y * scale + oy, by = rings[r][i].y * scale + oy;

            if ((ay <= yc) != (by <= yc))
              {
                double ax = rings[r][j].x * scale + ox, bx = rings[r][i].x * scale + ox;

                v[len++] = ax + (yc - ay) * (bx - ax) / (by - ay);
              }
          }
      if (len > 16)
        qsort (v, len, sizeof (double), compare_double);
      else
        /* a room's row crosses a few edges: insertion sort */
        for (guint a = 1; a < len; a++)
          {
            double key = v[a];
            guint b = a;

            for (; b > 0 && v[b - 1] > key; b--)
              v[b] = v[b - 1];
            v[b] = key;
          }
      for (guint k = 0; k + 1 < len; k += 2)
        {
          int x0 = MAX (first_centre (v[k], 0), self->cx0);
          int x1 = MIN (first_centre (v[k + 1], 0), self->cx1);

          if (x0 < x1)
            fill_span (self, y, x0, x1);
        }
    }
}

/* Marks pixels x0 ≤ x < x1, y0 ≤ y < y1 (pixels), clipped, for the outline: each
 * is blended once at the end, however many outlines cover it, as one stroke of
 * them all would. */
static void
mark (PwPlanRaster *self, int x0, int y0, int x1, int y1)
{
  int w = self->cx1 - self->cx0;

  x0 = MAX (x0, self->cx0);
  y0 = MAX (y0, self->cy0);
  x1 = MIN (x1, self->cx1);
  y1 = MIN (y1, self->cy1);
  if (x0 >= x1 || y0 >= y1)
    return;
  self->my0 = MIN (self->my0, y0);
  self->my1 = MAX (self->my1, y1);
  for (int y = y0; y < y1; y++)
    memset (self->mask + (gsize) (y - self->cy0) * w + (x0 - self->cx0), 1, (gsize) (x1 - x0));
}

/* One edge of a one-pixel stroke, in pixel coordinates: axis-aligned edges cover
 * the band half a pixel either side, mitred corners reaching half a pixel past
 * the ends; slanted ones mark one pixel per step along their longer axis. */
static void
outline_edge (PwPlanRaster *self, double ax, double ay, double bx, double by)
{
  if (ay == by)
    {
      mark (self, first_centre (MIN (ax, bx) - 0.5, 0), first_centre (ay - 0.5, 0),
            first_centre (MAX (ax, bx) + 0.5, 0), first_centre (ay + 0.5, 0));
      return;
    }
  if (ax == bx)
    {
      mark (self, first_centre (ax - 0.5, 0), first_centre (MIN (ay, by) - 0.5, 0),
            first_centre (ax + 0.5, 0), first_centre (MAX (ay, by) + 0.5, 0));
      return;
    }
  if (fabs (bx - ax) >= fabs (by - ay))
    {
      int x0 = first_centre (MIN (ax, bx), 0), x1 = first_centre (MAX (ax, bx), 0);

      x0 = MAX (x0, self->cx0 - 1);
      x1 = MIN (x1, self->cx1 + 1);
      for (int x = x0; x < x1; x++)
        {
          double y = ay + (x + 0.5 - ax) * (by - ay) / (bx - ax);
          int py = (int) floor (CLAMP (y, -1e8, 1e8));

          mark (self, x, py, x + 1, py + 1);
        }
    }
  else
    {
      int y0 = first_centre (MIN (ay, by), 0), y1 = first_centre (MAX (ay, by), 0);

      y0 = MAX (y0, self->cy0 - 1);
      y1 = MIN (y1, self->cy1 + 1);
      for (int y = y0; y < y1; y++)
        {
          double x = ax + (y + 0.5 - ay) * (bx - ax) / (by - ay);
          int px = (int) floor (CLAMP (x, -1e8, 1e8));

          mark (self, px, y, px + 1, y + 1);
        }
    }
}

void
pw_plan_raster_outline_rings (PwPlanRaster   *self,
                              const PwPoint **rings,
                              const guint    *n,
                              guint           n_rings,
                              double          scale,
                              double          ox,
                              double          oy)
{
  ox += self->dx;
  oy += self->dy;
  for (guint r = 0; r < n_rings; r++)
    for (guint i = 0, j = n[r] - 1; i < n[r]; j = i++)
      outline_edge (self, rings[r][j].x * scale + ox, rings[r][j].y * scale + oy,
                    rings[r][i].x * scale + ox, rings[r][i].y * scale + oy);
}


void
pw_plan_raster_box_edges (PwPlanRaster *self, double x0, double y0, double x1, double y1,
                          int edges[4])
{
  /* the four edges as outline_edge() marks them: columns l and r, rows t and b */
  edges[0] = first_centre (x0 - 0.5, self->dx);
  edges[1] = first_centre (y0 - 0.5, self->dy);
  edges[2] = first_centre (x1 - 0.5, self->dx);
  edges[3] = first_centre (y1 - 0.5, self->dy);
}

void
pw_plan_raster_outline_box (PwPlanRaster *self, double x0, double y0, double x1, double y1)
{
  int edges[4];

  pw_plan_raster_box_edges (self, x0, y0, x1, y1, edges);
  pw_plan_raster_outline_edges (self, edges);
}

void
pw_plan_raster_outline_edges (PwPlanRaster *self, const int edges[4])
{
  int l = edges[0], t = edges[1], r = edges[2], b = edges[3];
  int w = self->cx1 - self->cx0;

  if (r < l || b < t || r < self->cx0 || l >= self->cx1 || b < self->cy0 || t >= self->cy1)
    return;
  if (l < self->cx0 || r >= self->cx1 || t < self->cy0 || b >= self->cy1)
    {
      /* across the clip's edge: the careful way */
      mark (self, l, t, r + 1, t + 1);
      mark (self, l, b, r + 1, b + 1);
      mark (self, l, t + 1, l + 1, b);
      mark (self, r, t + 1, r + 1, b);
      return;
    }
  self->my0 = MIN (self->my0, t);
  self->my1 = MAX (self->my1, b + 1);
  {
    guint8 *m = self->mask + (gsize) (t - self->cy0) * w - self->cx0;

    memset (m + l, 1, (gsize) (r - l + 1));
    for (int y = t + 1; y < b; y++)
      {
        m += w;
        m[l] = 1;
        m[r] = 1;
      }
    if (b > t)
      memset (m + w + l, 1, (gsize) (r - l + 1));
  }
}

void
pw_plan_raster_set_outline (PwPlanRaster *self, guint32 rgb, double alpha)
{
  guint a = (guint) lround (CLAMP (alpha, 0, 1) * 255), ia = 255 - a;

  self->ia = ia;
  for (guint v = 0; v < 256; v++)
    self->keep[v] = (guint8) ((v * ia + 127) / 255);
  self->line = (a << 24) | (((((rgb >> 16) & 0xFF) * a + 127) / 255) << 16)
               | (((((rgb >> 8) & 0xFF) * a + 127) / 255) << 8) | (((rgb & 0xFF) * a + 127) / 255);
}

/* Blends the marked pixels of row @y, x0 ≤ x < x1, with the outline colour:
 * each channel v becomes line + v·(1 − a), the product rounded as
 * (v·k + 127) / 255 — computed exactly for x < 65536 as (x + 1 + x / 256) / 256,
 * four pixels at a time where SSE2 is there. A channel's sum stays within a
 * byte: line·a + v·(1 − a), each rounded, is at most 255. */
static void
blend_row (PwPlanRaster *self, int y)
{
  guint32 *row = (guint32 *) (void *) (self->data + (gsize) y * self->stride);
  const guint8 *m = self->mask + (gsize) (y - self->cy0) * (self->cx1 - self->cx0) - self->cx0;
  const guint8 *k = self->keep;
  int x = self->cx0;

#ifdef __SSE2__
  {
    const __m128i zero = _mm_setzero_si128 (), one = _mm_set1_epi16 (1);
    const __m128i c127 = _mm_set1_epi16 (127), keep = _mm_set1_epi16 ((short) self->ia);
    const __m128i line = _mm_set1_epi32 ((int) self->line);

    for (; x + 4 <= self->cx1; x += 4)
      {
        guint32 marks;
        __m128i d, lo, hi, o, lanes;

        memcpy (&marks, m + x, 4);
        if (marks == 0)
          continue;
        d = _mm_loadu_si128 ((const __m128i *) (const void *) (row + x));
        lo = _mm_add_epi16 (_mm_mullo_epi16 (_mm_unpacklo_epi8 (d, zero), keep), c127);
        hi = _mm_add_epi16 (_mm_mullo_epi16 (_mm_unpackhi_epi8 (d, zero), keep), c127);
        lo = _mm_srli_epi16 (_mm_add_epi16 (_mm_add_epi16 (lo, _mm_srli_epi16 (lo, 8)), one), 8);
        hi = _mm_srli_epi16 (_mm_add_epi16 (_mm_add_epi16 (hi, _mm_srli_epi16 (hi, 8)), one), 8);
        o = _mm_add_epi8 (_mm_packus_epi16 (lo, hi), line);
        /* each mark byte spread over its pixel: all ones where unmarked */
        lanes = _mm_cvtsi32_si128 ((int) marks);
        lanes = _mm_unpacklo_epi8 (lanes, lanes);
        lanes = _mm_cmpeq_epi32 (_mm_unpacklo_epi16 (lanes, lanes), zero);
        _mm_storeu_si128 ((__m128i *) (void *) (row + x),
                          _mm_or_si128 (_mm_and_si128 (lanes, d), _mm_andnot_si128 (lanes, o)));
      }
  }
#endif
  for (; x < self->cx1; x++)
    if (m[x])
      {
        guint32 d = row[x];

        row[x] = self->line + (((guint32) k[d >> 24] << 24) | ((guint32) k[(d >> 16) & 0xFF] << 16)
                               | ((guint32) k[(d >> 8) & 0xFF] << 8) | k[d & 0xFF]);
      }
}

void
pw_plan_raster_end (PwPlanRaster *self)
{
  for (int y = MAX (self->my0, self->cy0); y < MIN (self->my1, self->cy1); y++)
    blend_row (self, y);
  if (self->cx1 > self->cx0 && self->cy1 > self->cy0)
    cairo_surface_mark_dirty_rectangle (self->target, self->cx0, self->cy0, self->cx1 - self->cx0,
                                        self->cy1 - self->cy0);
  cairo_surface_destroy (self->target);
  give_mask (self->mask, self->mask_size);
  g_array_unref (self->crossings);
  g_free (self);
}
