/* pw-plan-snap.c — snapping a drawn point to the rooms of a floor through a grid index
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-plan-snap.h"

typedef struct
{
  PwPoint a, b;
  int     room;
  guint   ring;
  guint   index;
} Edge;

struct _PwPlanSnap
{
  GArray  *edges;        /* Edge */
  gboolean dirty;        /* edges added since the grid was built */
  double   x0, y0, cell;
  guint    nx, ny;
  guint   *starts;       /* nx*ny + 1 offsets into items */
  guint   *items;        /* edge indices, cell by cell */
  guint   *marks;        /* per edge: the query that last looked at it */
  guint    query;
};

PwPlanSnap *
pw_plan_snap_new (void)
{
  PwPlanSnap *snap = g_new0 (PwPlanSnap, 1);

  snap->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  return snap;
}

void
pw_plan_snap_free (PwPlanSnap *snap)
{
  if (snap == NULL)
    return;
  g_array_unref (snap->edges);
  g_free (snap->starts);
  g_free (snap->items);
  g_free (snap->marks);
  g_free (snap);
}

static void
add_ring (PwPlanSnap *snap, int room, guint ring, const PwPoint *pts, guint n)
{
  for (guint i = 0; i < n; i++)
    {
      Edge e = { pts[i], pts[(i + 1) % n], room, ring, i };

      if (!isfinite (e.a.x) || !isfinite (e.a.y) || !isfinite (e.b.x) || !isfinite (e.b.y))
        continue;
      g_array_append_val (snap->edges, e);
    }
}

void
pw_plan_snap_add (PwPlanSnap *snap, int room, PwPolygon *polygon)
{
  const PwPoint *pts;
  guint n;

  g_return_if_fail (snap != NULL && polygon != NULL);

  pts = pw_polygon_get_outer (polygon, &n);
  add_ring (snap, room, 0, pts, n);
  for (guint h = 0; h < pw_polygon_get_n_holes (polygon); h++)
    {
      pts = pw_polygon_get_hole (polygon, h, &n);
      add_ring (snap, room, h + 1, pts, n);
    }
  snap->dirty = TRUE;
}

PwPlanSnap *
pw_plan_snap_new_for_floor (PwPlanFloor *floor)
{
  PwPlanSnap *snap = pw_plan_snap_new ();

  for (guint r = 0; floor != NULL && r < pw_plan_floor_get_n_rooms (floor); r++)
    pw_plan_snap_add (snap, (int) r, pw_plan_floor_get_room (floor, r)->polygon);
  return snap;
}

guint
pw_plan_snap_get_n_edges (PwPlanSnap *snap)
{
  return snap->edges->len;
}

static inline guint
clamp_cell (double v, guint n)
{
  if (!(v > 0))
    return 0;
  if (v >= n - 1)
    return n - 1;
  return (guint) v;
}

/* Counting sort of the edges into the cells their bounds meet. */
static void
build (PwPlanSnap *snap)
{
  guint n = snap->edges->len;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double total = 0, w, h;
  guint *count;

  snap->dirty = FALSE;
  g_clear_pointer (&snap->starts, g_free);
  g_clear_pointer (&snap->items, g_free);
  g_free (snap->marks);
  snap->marks = g_new0 (guint, MAX (n, 1));
  snap->query = 0;
  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      Edge *e = &g_array_index (snap->edges, Edge, i);

      x0 = MIN (x0, MIN (e->a.x, e->b.x));
      y0 = MIN (y0, MIN (e->a.y, e->b.y));
      x1 = MAX (x1, MAX (e->a.x, e->b.x));
      y1 = MAX (y1, MAX (e->a.y, e->b.y));
      total += hypot (e->b.x - e->a.x, e->b.y - e->a.y);
    }
  w = MAX (x1 - x0, 1e-3);
  h = MAX (y1 - y0, 1e-3);
  /* cells about twice as wide as the mean wall, at most ~4 cells per wall */
  snap->cell = MAX (2.0 * total / n, sqrt (w * h / (4.0 * n)));
  snap->cell = MAX (snap->cell, 1e-3);
  snap->nx = (guint) MIN (ceil (w / snap->cell) + 1, 4096);
  snap->ny = (guint) MIN (ceil (h / snap->cell) + 1, 4096);
  snap->cell = MAX (w / (snap->nx - 0.5), h / (snap->ny - 0.5));
  snap->x0 = x0;
  snap->y0 = y0;

  count = g_new0 (guint, (gsize) snap->nx * snap->ny + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          Edge *e = &g_array_index (snap->edges, Edge, i);
          guint cx0 = clamp_cell ((MIN (e->a.x, e->b.x) - x0) / snap->cell, snap->nx);
          guint cx1 = clamp_cell ((MAX (e->a.x, e->b.x) - x0) / snap->cell, snap->nx);
          guint cy0 = clamp_cell ((MIN (e->a.y, e->b.y) - y0) / snap->cell, snap->ny);
          guint cy1 = clamp_cell ((MAX (e->a.y, e->b.y) - y0) / snap->cell, snap->ny);

          for (guint cy = cy0; cy <= cy1; cy++)
            for (guint cx = cx0; cx <= cx1; cx++)
              {
                gsize c = (gsize) cy * snap->nx + cx;

                if (pass == 0)
                  count[c]++;
                else
                  snap->items[snap->starts[c] + count[c]++] = i;
              }
        }
      if (pass == 0)
        {
          gsize cells = (gsize) snap->nx * snap->ny, sum = 0;

          snap->starts = g_new (guint, cells + 1);
          for (gsize c = 0; c < cells; c++)
            {
              snap->starts[c] = (guint) sum;
              sum += count[c];
              count[c] = 0;
            }
          snap->starts[cells] = (guint) sum;
          snap->items = g_new (guint, MAX (sum, 1));
        }
    }
  g_free (count);
}

static double
dist2 (const PwPoint *a, const PwPoint *b)
{
  double dx = a->x - b->x, dy = a->y - b->y;

  return dx * dx + dy * dy;
}

static PwPoint
closest_on_segment (const PwPoint *p, const PwPoint *a, const PwPoint *b)
{
  double dx = b->x - a->x, dy = b->y - a->y, len2 = dx * dx + dy * dy, t;
  PwPoint q;

  t = len2 > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / len2 : 0;
  t = CLAMP (t, 0.0, 1.0);
  q.x = a->x + t * dx;
  q.y = a->y + t * dy;
  return q;
}

/* Where the line through @o along (@ux, @uy) crosses segment a–b, if it does. */
static gboolean
cross_segment (const PwPoint *o, double ux, double uy, const PwPoint *a, const PwPoint *b, PwPoint *out)
{
  double ex = b->x - a->x, ey = b->y - a->y;
  double den = ux * ey - uy * ex, s;

  if (fabs (den) < 1e-12)
    return FALSE;
  /* o + t u = a + s e */
  s = ((a->x - o->x) * uy - (a->y - o->y) * ux) / den;
  if (s < 0 || s > 1)
    return FALSE;
  out->x = a->x + s * ex;
  out->y = a->y + s * ey;
  return TRUE;
}

typedef struct
{
  double        best_vertex, best_mid, best_edge, best_cross;
  PwSnapResult  vertex, mid, edge, cross;
} Found;

static void
set_result (PwSnapResult *r, PwSnapKind kind, const PwPoint *q, const Edge *e, guint index)
{
  r->kind = kind;
  r->point = *q;
  r->room = e != NULL ? e->room : -1;
  r->ring = e != NULL ? e->ring : 0;
  r->index = index;
}

gboolean
pw_plan_snap_query (PwPlanSnap *snap, const PwPoint *p, const PwSnapOptions *options, PwSnapResult *result)
{
  double tol, tol2;
  gboolean angle = FALSE;
  PwPoint target = *p;
  double ux = 0, uy = 0;
  Found f;

  g_return_val_if_fail (snap != NULL && p != NULL && options != NULL && result != NULL, FALSE);

  set_result (result, PW_SNAP_NONE, p, NULL, 0);
  tol = MAX (options->tolerance, 0);
  tol2 = tol * tol;
  if (options->flags == 0 || tol <= 0)
    return FALSE;

  /* the angle line: the nearest multiple of 45° from the previous point */
  if ((options->flags & PW_SNAP_TO_ANGLES) && options->from != NULL
      && dist2 (p, options->from) > tol2)
    {
      double a = atan2 (p->y - options->from->y, p->x - options->from->x);
      double k = round (a / G_PI_4) * G_PI_4, t;
      PwPoint q;

      ux = cos (k);
      uy = sin (k);
      t = (p->x - options->from->x) * ux + (p->y - options->from->y) * uy;
      q.x = options->from->x + t * ux;
      q.y = options->from->y + t * uy;
      if (dist2 (&q, p) <= tol2)
        {
          angle = TRUE;
          target = q;
        }
    }

  f.best_vertex = f.best_mid = f.best_edge = f.best_cross = tol2;
  f.vertex.kind = f.mid.kind = f.edge.kind = f.cross.kind = PW_SNAP_NONE;

  if (snap->dirty || snap->marks == NULL)
    build (snap);
  if (snap->edges->len > 0 && (options->flags & (PW_SNAP_TO_VERTICES | PW_SNAP_TO_MIDPOINTS | PW_SNAP_TO_EDGES)))
    {
      guint cx0 = clamp_cell ((p->x - tol - snap->x0) / snap->cell, snap->nx);
      guint cx1 = clamp_cell ((p->x + tol - snap->x0) / snap->cell, snap->nx);
      guint cy0 = clamp_cell ((p->y - tol - snap->y0) / snap->cell, snap->ny);
      guint cy1 = clamp_cell ((p->y + tol - snap->y0) / snap->cell, snap->ny);

      if (++snap->query == 0)
        {
          memset (snap->marks, 0, snap->edges->len * sizeof (guint));
          snap->query = 1;
        }
      for (guint cy = cy0; cy <= cy1; cy++)
        for (guint cx = cx0; cx <= cx1; cx++)
          {
            gsize c = (gsize) cy * snap->nx + cx;

            for (guint k = snap->starts[c]; k < snap->starts[c + 1]; k++)
              {
                guint i = snap->items[k];
                Edge *e = &g_array_index (snap->edges, Edge, i);
                double d;

                if (snap->marks[i] == snap->query)
                  continue;
                snap->marks[i] = snap->query;
                if (e->room == options->skip_room && options->skip_room >= 0)
                  continue;
                if (options->flags & PW_SNAP_TO_VERTICES)
                  {
                    d = dist2 (p, &e->a);
                    if (d < f.best_vertex)
                      {
                        f.best_vertex = d;
                        set_result (&f.vertex, PW_SNAP_VERTEX, &e->a, e, e->index);
                      }
                  }
                if (options->flags & PW_SNAP_TO_MIDPOINTS)
                  {
                    PwPoint m = { (e->a.x + e->b.x) / 2, (e->a.y + e->b.y) / 2 };

                    d = dist2 (p, &m);
                    if (d < f.best_mid)
                      {
                        f.best_mid = d;
                        set_result (&f.mid, PW_SNAP_MIDPOINT, &m, e, e->index);
                      }
                  }
                if (options->flags & PW_SNAP_TO_EDGES)
                  {
                    PwPoint q = closest_on_segment (p, &e->a, &e->b), x;

                    d = dist2 (p, &q);
                    if (d < f.best_edge)
                      {
                        f.best_edge = d;
                        set_result (&f.edge, PW_SNAP_EDGE, &q, e, e->index);
                      }
                    if (angle && cross_segment (options->from, ux, uy, &e->a, &e->b, &x)
                        && (d = dist2 (&target, &x)) < f.best_cross)
                      {
                        f.best_cross = d;
                        set_result (&f.cross, PW_SNAP_ANGLE, &x, e, e->index);
                      }
                  }
              }
          }
    }

  if (f.vertex.kind != PW_SNAP_NONE)
    *result = f.vertex;
  else if (f.mid.kind != PW_SNAP_NONE)
    *result = f.mid;
  else if (angle && f.cross.kind != PW_SNAP_NONE)
    *result = f.cross;
  else if (angle)
    {
      /* along the angle line, to the grid step nearest the pointer */
      if ((options->flags & PW_SNAP_TO_GRID) && options->grid > 0)
        {
          double t = (target.x - options->from->x) * ux + (target.y - options->from->y) * uy;
          double step = options->grid * (fabs (ux) > 1e-9 && fabs (uy) > 1e-9 ? G_SQRT2 : 1.0);

          t = round (t / step) * step;
          target.x = options->from->x + t * ux;
          target.y = options->from->y + t * uy;
        }
      set_result (result, PW_SNAP_ANGLE, &target, NULL, 0);
    }
  else if (f.edge.kind != PW_SNAP_NONE)
    *result = f.edge;
  else if ((options->flags & PW_SNAP_TO_GRID) && options->grid > 0)
    {
      PwPoint g = { round (p->x / options->grid) * options->grid,
                    round (p->y / options->grid) * options->grid };

      if (dist2 (&g, p) <= tol2)
        set_result (result, PW_SNAP_GRID, &g, NULL, 0);
    }
  return result->kind != PW_SNAP_NONE;
}
