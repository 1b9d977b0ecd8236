/* pw-room-edit.c — splitting a room by a line and merging rooms that share walls
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants (docs/plan-editing.md):
 * 1. The inputs are never changed; a refusal sets an error and no result.
 * 2. Every outline returned passes pw_polygon_validate() and encloses at least
 *    PW_ROOM_MIN_AREA; no two of its consecutive points are closer than
 *    PW_ROOM_TOLERANCE.
 * 3. A split's two parts share the cut point for point, in opposite order, and
 *    their areas add up to the room's; the room's own points are kept.
 * 4. A merge's outline has no point where it runs straight on and no point
 *    twice, and its area is the sum of the rooms' areas.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pw-room-edit.h"

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EDIT, message);
  return FALSE;
}

static gboolean
same_point (PwPoint a, PwPoint b)
{
  return fabs (a.x - b.x) < PW_ROOM_TOLERANCE && fabs (a.y - b.y) < PW_ROOM_TOLERANCE;
}

static double
cross (PwPoint o, PwPoint a, PwPoint b)
{
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

static double
ring_signed_area (const PwPoint *pts, guint n)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      PwPoint a = pts[i], b = pts[(i + 1) % n];

      sum += a.x * b.y - b.x * a.y;
    }
  return sum / 2;
}

static void
ring_append (GArray *ring, PwPoint p)
{
  if (ring->len == 0 || !same_point (g_array_index (ring, PwPoint, ring->len - 1), p))
    g_array_append_val (ring, p);
}

/* Splitting */

typedef struct
{
  double  along;   /* where on the line: segment index + fraction */
  guint   edge;    /* the edge of the outline crossed, from point edge */
  double  t;       /* where on that edge, 0 … 1 */
  PwPoint at;
} Crossing;

static int
compare_crossings (gconstpointer a, gconstpointer b)
{
  const Crossing *ca = a, *cb = b;

  return (ca->along > cb->along) - (ca->along < cb->along);
}

/* Where segment p→q meets segment a→b: FALSE when they do not, or when they
 * run along each other (*collinear set). */
static gboolean
segments_meet (PwPoint p, PwPoint q, PwPoint a, PwPoint b,
               double *s, double *t, gboolean *collinear)
{
  double rx = q.x - p.x, ry = q.y - p.y;
  double ex = b.x - a.x, ey = b.y - a.y;
  double denom = rx * ey - ry * ex;
  double scale = (fabs (rx) + fabs (ry)) * (fabs (ex) + fabs (ey));

  *collinear = FALSE;
  if (fabs (denom) <= 1e-12 * scale)
    {
      /* parallel: a problem only when on one line and overlapping */
      double len2 = ex * ex + ey * ey;
      double s0, s1;

      if (fabs (cross (a, b, p)) > PW_ROOM_TOLERANCE * sqrt (len2))
        return FALSE;
      s0 = ((p.x - a.x) * ex + (p.y - a.y) * ey) / len2;
      s1 = ((q.x - a.x) * ex + (q.y - a.y) * ey) / len2;
      if (MAX (s0, s1) > 0 && MIN (s0, s1) < 1)
        *collinear = TRUE;
      return FALSE;
    }
  *s = ((a.x - p.x) * ey - (a.y - p.y) * ex) / denom;
  *t = ((a.x - p.x) * ry - (a.y - p.y) * rx) / denom;
  return *s >= 0 && *s <= 1 && *t >= 0 && *t <= 1;
}

/* Every place where @line crosses the ring @pts, in order along the line;
 * FALSE if the line runs along one of its edges. */
static gboolean
find_crossings (const PwPoint *pts, guint n, const PwPoint *line, guint n_line,
                GArray *crossings)
{
  for (guint k = 0; k + 1 < n_line; k++)
    for (guint i = 0; i < n; i++)
      {
        Crossing c;
        gboolean collinear;
        double s, t;

        if (!segments_meet (line[k], line[k + 1], pts[i], pts[(i + 1) % n], &s, &t, &collinear))
          {
            if (collinear)
              return FALSE;
            continue;
          }
        c.along = k + s;
        c.edge = i;
        c.t = t;
        c.at.x = pts[i].x + t * (pts[(i + 1) % n].x - pts[i].x);
        c.at.y = pts[i].y + t * (pts[(i + 1) % n].y - pts[i].y);
        /* a crossing at a point of the outline: that point, once */
        if (t < 1e-9 || same_point (c.at, pts[i]))
          {
            c.t = 0;
            c.at = pts[i];
          }
        else if (t > 1 - 1e-9 || same_point (c.at, pts[(i + 1) % n]))
          {
            c.edge = (i + 1) % n;
            c.t = 0;
            c.at = pts[c.edge];
          }
        g_array_append_val (crossings, c);
      }
  g_array_sort (crossings, compare_crossings);
  /* the same point met through the two edges it joins counts once */
  for (guint i = 1; i < crossings->len;)
    {
      if (same_point (g_array_index (crossings, Crossing, i).at,
                      g_array_index (crossings, Crossing, i - 1).at))
        g_array_remove_index (crossings, i);
      else
        i++;
    }
  return TRUE;
}

/* The outline from crossing @from forward to crossing @to, both included. */
static void
walk_outline (GArray *part, const PwPoint *pts, guint n, const Crossing *from, const Crossing *to)
{
  guint i = from->edge;

  ring_append (part, from->at);
  /* from the same edge, further along it: straight there */
  if (to->edge == from->edge && to->t > from->t)
    {
      ring_append (part, to->at);
      return;
    }
  for (guint steps = 0; steps < n; steps++)
    {
      i = (i + 1) % n;
      ring_append (part, pts[i]);
      if (i == to->edge)
        break;
    }
  ring_append (part, to->at);
}

static gboolean
point_in_ring (const GArray *ring, PwPoint p)
{
  const PwPoint *pts = (const PwPoint *) ring->data;
  gboolean inside = FALSE;

  for (guint i = 0, j = ring->len - 1; i < ring->len; j = i++)
    if ((pts[i].y > p.y) != (pts[j].y > p.y)
        && p.x < (pts[j].x - pts[i].x) * (p.y - pts[i].y) / (pts[j].y - pts[i].y) + pts[i].x)
      inside = !inside;
  return inside;
}

static PwPolygon *
polygon_from_ring (GArray *ring)
{
  return pw_polygon_new ((const PwPoint *) ring->data, ring->len);
}

gboolean
pw_room_split (PwPolygon      *room,
               const PwPoint  *line,
               guint           n_line,
               PwPolygon     **left,
               PwPolygon     **right,
               GError        **error)
{
  g_autoptr(GArray) crossings = g_array_new (FALSE, FALSE, sizeof (Crossing));
  g_autoptr(GArray) cut = NULL;
  g_autoptr(GArray) part_a = NULL;
  g_autoptr(GArray) part_b = NULL;
  g_autoptr(PwPolygon) poly_a = NULL;
  g_autoptr(PwPolygon) poly_b = NULL;
  g_autoptr(GError) local_error = NULL;
  const Crossing *p, *q;
  const PwPoint *pts;
  guint n;
  double whole, area_a, area_b;

  g_return_val_if_fail (room != NULL, FALSE);
  g_return_val_if_fail (line != NULL && n_line >= 2, FALSE);
  g_return_val_if_fail (left != NULL && right != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint k = 0; k < n_line; k++)
    if (!isfinite (line[k].x) || !isfinite (line[k].y))
      return refuse (error, _("The split line has a point that is not a number"));

  pts = pw_polygon_get_outer (room, &n);
  if (!find_crossings (pts, n, line, n_line, crossings))
    return refuse (error, _("The split line runs along a wall of the room"));
  if (crossings->len < 2)
    return refuse (error, _("The split line must cross the room from one wall to another"));
  if (crossings->len > 2)
    return refuse (error, _("The split line crosses the room’s walls more than twice; "
                            "draw it so that it cuts the room in two"));
  p = &g_array_index (crossings, Crossing, 0);
  q = &g_array_index (crossings, Crossing, 1);

  /* the cut: where the line enters, its points inside, where it leaves */
  cut = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  ring_append (cut, p->at);
  for (guint k = (guint) floor (p->along) + 1; k < n_line && k <= q->along; k++)
    if ((double) k > p->along && (double) k < q->along)
      ring_append (cut, line[k]);
  ring_append (cut, q->at);
  if (cut->len < 2)
    return refuse (error, _("The split line must cross the room from one wall to another"));

  /* the openings must lie wholly on one side */
  for (guint h = 0; h < pw_polygon_get_n_holes (room); h++)
    {
      guint hn;
      const PwPoint *hole = pw_polygon_get_hole (room, h, &hn);
      g_autoptr(GArray) met = g_array_new (FALSE, FALSE, sizeof (Crossing));

      if (!find_crossings (hole, hn, (const PwPoint *) cut->data, cut->len, met) || met->len > 0)
        return refuse (error, _("The split line crosses an opening in the room"));
    }

  /* it must run inside the room: its first stretch's middle is inside */
  {
    PwPoint a = g_array_index (cut, PwPoint, 0), b = g_array_index (cut, PwPoint, 1);
    PwPoint mid = { (a.x + b.x) / 2, (a.y + b.y) / 2 };

    if (!pw_polygon_contains (room, mid.x, mid.y))
      return refuse (error, _("The split line runs outside the room"));
  }

  /* part A: along the outline from P to Q, back along the cut; part B: from
   * Q to P, then along the cut. The outline runs either way round. */
  part_a = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  walk_outline (part_a, pts, n, p, q);
  for (guint i = cut->len - 1; i >= 1; i--)
    ring_append (part_a, g_array_index (cut, PwPoint, i));
  part_b = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  walk_outline (part_b, pts, n, q, p);
  for (guint i = 0; i + 1 < cut->len; i++)
    ring_append (part_b, g_array_index (cut, PwPoint, i));
  /* ring_append never repeats a point; the rings close on their first */
  while (part_a->len > 1 && same_point (g_array_index (part_a, PwPoint, 0),
                                        g_array_index (part_a, PwPoint, part_a->len - 1)))
    g_array_set_size (part_a, part_a->len - 1);
  while (part_b->len > 1 && same_point (g_array_index (part_b, PwPoint, 0),
                                        g_array_index (part_b, PwPoint, part_b->len - 1)))
    g_array_set_size (part_b, part_b->len - 1);
  if (part_a->len < 3 || part_b->len < 3)
    return refuse (error, _("The split line must cross the room from one wall to another"));

  poly_a = polygon_from_ring (part_a);
  poly_b = polygon_from_ring (part_b);
  for (guint h = 0; h < pw_polygon_get_n_holes (room); h++)
    {
      guint hn;
      const PwPoint *hole = pw_polygon_get_hole (room, h, &hn);

      pw_polygon_add_hole (point_in_ring (part_a, hole[0]) ? poly_a : poly_b, hole, hn);
    }

  if (!pw_polygon_validate (poly_a, &local_error) || !pw_polygon_validate (poly_b, &local_error))
    {
      g_autofree char *message =
        /* TRANSLATORS: %s says what is wrong with the outline */
        g_strdup_printf (_("The split would leave a room with a faulty outline: %s"),
                         local_error->message);

      return refuse (error, message);
    }
  whole = pw_polygon_area (room);
  area_a = pw_polygon_area (poly_a);
  area_b = pw_polygon_area (poly_b);
  if (fabs (area_a + area_b - whole) > 1e-6 * whole + 1e-6)
    return refuse (error, _("The split line must cross the room from one wall to another"));
  if (area_a < PW_ROOM_MIN_AREA || area_b < PW_ROOM_MIN_AREA)
    return refuse (error, _("A room would be smaller than 0.5 m²"));

  /* part A follows the outline from where the line enters: with a
   * counter-clockwise outline that is the part on the line's right */
  if (ring_signed_area (pts, n) > 0)
    {
      *left = g_steal_pointer (&poly_b);
      *right = g_steal_pointer (&poly_a);
    }
  else
    {
      *left = g_steal_pointer (&poly_a);
      *right = g_steal_pointer (&poly_b);
    }
  return TRUE;
}

/* Merging */

typedef struct
{
  guint from, to;     /* indices into the merged point table */
  gboolean gone;
} DirEdge;

/* The index of @p in @points, added if no point there is within the tolerance. */
static guint
point_index (GArray *points, PwPoint p)
{
  for (guint i = 0; i < points->len; i++)
    if (same_point (g_array_index (points, PwPoint, i), p))
      return i;
  g_array_append_val (points, p);
  return points->len - 1;
}

/* Adds the edges of a ring, run counter-clockwise for an outline and clockwise
 * for an opening, each split where another ring's point lies on it. */
static void
add_ring_edges (GArray *edges, GArray *points, const GArray *ring_ids, gboolean outer,
                double signed_area)
{
  gboolean reverse = outer ? signed_area < 0 : signed_area > 0;
  guint n = ring_ids->len;

  for (guint k = 0; k < n; k++)
    {
      guint i = reverse ? n - 1 - k : k;
      guint j = reverse ? (i + n - 1) % n : (i + 1) % n;
      guint a = g_array_index (ring_ids, guint, i), b = g_array_index (ring_ids, guint, j);
      PwPoint pa = g_array_index (points, PwPoint, a), pb = g_array_index (points, PwPoint, b);
      double ex = pb.x - pa.x, ey = pb.y - pa.y, len2 = ex * ex + ey * ey;
      g_autoptr(GArray) on = g_array_new (FALSE, FALSE, sizeof (double) * 2);
      guint prev = a;

      /* the points of other rooms on this edge, in order along it */
      for (guint v = 0; v < points->len; v++)
        {
          PwPoint pv = g_array_index (points, PwPoint, v);
          double t, d[2];

          if (v == a || v == b || len2 == 0)
            continue;
          t = ((pv.x - pa.x) * ex + (pv.y - pa.y) * ey) / len2;
          if (t <= 0 || t >= 1 || fabs (cross (pa, pb, pv)) > PW_ROOM_TOLERANCE * sqrt (len2))
            continue;
          d[0] = t;
          d[1] = v;
          g_array_append_vals (on, d, 1);
        }
      for (guint x = 0; x < on->len; x++)
        for (guint y = x + 1; y < on->len; y++)
          {
            double *dx = &g_array_index (on, double, 2 * x), *dy = &g_array_index (on, double, 2 * y);

            if (dy[0] < dx[0])
              {
                double tmp[2] = { dx[0], dx[1] };

                dx[0] = dy[0]; dx[1] = dy[1];
                dy[0] = tmp[0]; dy[1] = tmp[1];
              }
          }
      for (guint x = 0; x <= on->len; x++)
        {
          guint next = x < on->len ? (guint) g_array_index (on, double, 2 * x + 1) : b;
          DirEdge e = { prev, next, FALSE };

          g_array_append_val (edges, e);
          prev = next;
        }
    }
}

/* Removes points where the ring runs straight on; keeps at least three. */
static void
drop_straight_points (GArray *ring)
{
  gboolean changed = TRUE;

  while (changed && ring->len > 3)
    {
      changed = FALSE;
      for (guint i = 0; i < ring->len && ring->len > 3; i++)
        {
          guint n = ring->len;
          PwPoint a = g_array_index (ring, PwPoint, (i + n - 1) % n);
          PwPoint b = g_array_index (ring, PwPoint, i);
          PwPoint c = g_array_index (ring, PwPoint, (i + 1) % n);
          double len = hypot (c.x - a.x, c.y - a.y);
          double dot = (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y);

          if (len > 0 && fabs (cross (a, b, c)) <= PW_ROOM_TOLERANCE * len && dot > 0)
            {
              g_array_remove_index (ring, i);
              changed = TRUE;
            }
        }
    }
}

PwPolygon *
pw_room_merge (PwPolygon *const *rooms,
               guint              n_rooms,
               GError           **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (DirEdge));
  g_autoptr(GPtrArray) rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) ring_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) outer_flags = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(PwPolygon) merged = NULL;
  g_autoptr(GError) local_error = NULL;
  GArray *outer = NULL;
  guint n_shared = 0;
  double total = 0, result = 0;

  g_return_val_if_fail (rooms != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_rooms < 2)
    {
      refuse (error, _("Choose at least two rooms to merge"));
      return NULL;
    }

  /* every ring of every room, its points shared where they coincide */
  for (guint r = 0; r < n_rooms; r++)
    {
      guint n_holes = pw_polygon_get_n_holes (rooms[r]);

      total += pw_polygon_area (rooms[r]);
      for (guint h = 0; h <= n_holes; h++)
        {
          guint n;
          const PwPoint *pts = h == 0 ? pw_polygon_get_outer (rooms[r], &n)
                                      : pw_polygon_get_hole (rooms[r], h - 1, &n);
          GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
          gboolean is_outer = h == 0;
          double area = ring_signed_area (pts, n);

          for (guint i = 0; i < n; i++)
            {
              guint id = point_index (points, pts[i]);

              if (ids->len == 0 || g_array_index (ids, guint, ids->len - 1) != id)
                g_array_append_val (ids, id);
            }
          while (ids->len > 1 && g_array_index (ids, guint, 0) == g_array_index (ids, guint, ids->len - 1))
            g_array_set_size (ids, ids->len - 1);
          g_ptr_array_add (ring_ids, ids);
          g_array_append_val (areas, area);
          g_array_append_val (outer_flags, is_outer);
        }
    }
  for (guint i = 0; i < ring_ids->len; i++)
    add_ring_edges (edges, points, g_ptr_array_index (ring_ids, i),
                    g_array_index (outer_flags, gboolean, i), g_array_index (areas, double, i));

  /* a wall two rooms share is run both ways: both go */
  for (guint i = 0; i < edges->len; i++)
    {
      DirEdge *e = &g_array_index (edges, DirEdge, i);

      if (e->gone)
        continue;
      for (guint j = i + 1; j < edges->len; j++)
        {
          DirEdge *f = &g_array_index (edges, DirEdge, j);

          if (!f->gone && f->from == e->to && f->to == e->from)
            {
              e->gone = f->gone = TRUE;
              n_shared++;
              break;
            }
        }
    }
  if (n_shared == 0)
    {
      refuse (error, _("The rooms share no wall; only rooms side by side can be merged"));
      return NULL;
    }

  /* what is left runs round the merged room and its openings */
  for (guint i = 0; i < edges->len; i++)
    {
      DirEdge *start = &g_array_index (edges, DirEdge, i);
      GArray *ring;
      guint at;

      if (start->gone)
        continue;
      ring = g_array_new (FALSE, FALSE, sizeof (PwPoint));
      start->gone = TRUE;
      g_array_append_val (ring, g_array_index (points, PwPoint, start->from));
      at = start->to;
      for (guint guard = 0; at != start->from && guard < edges->len; guard++)
        {
          DirEdge *next = NULL;
          PwPoint prev_pt = g_array_index (ring, PwPoint, ring->len - 1);
          PwPoint here = g_array_index (points, PwPoint, at);
          double best = G_MAXDOUBLE;

          g_array_append_val (ring, here);
          /* where several edges leave a point, the one turning most to the
           * right keeps each loop apart */
          for (guint j = 0; j < edges->len; j++)
            {
              DirEdge *f = &g_array_index (edges, DirEdge, j);
              PwPoint to;
              double angle;

              if (f->gone || f->from != at)
                continue;
              to = g_array_index (points, PwPoint, f->to);
              angle = atan2 (cross (prev_pt, here, to),
                             (here.x - prev_pt.x) * (to.x - here.x) + (here.y - prev_pt.y) * (to.y - here.y));
              if (angle < best)
                {
                  best = angle;
                  next = f;
                }
            }
          if (next == NULL)
            break;
          next->gone = TRUE;
          at = next->to;
        }
      if (at != start->from || ring->len < 3)
        {
          g_array_unref (ring);
          refuse (error, _("The rooms overlap or do not fit together; they cannot be merged"));
          return NULL;
        }
      drop_straight_points (ring);
      g_ptr_array_add (rings, ring);
    }

  /* one outline (counter-clockwise), any number of openings (clockwise) */
  for (guint i = 0; i < rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (rings, i);
      double area = ring_signed_area ((const PwPoint *) ring->data, ring->len);

      if (area > 0)
        {
          if (outer != NULL)
            {
              refuse (error, _("The rooms are not all connected through shared walls"));
              return NULL;
            }
          outer = ring;
        }
      result += area;
    }
  if (outer == NULL)
    {
      refuse (error, _("The rooms overlap or do not fit together; they cannot be merged"));
      return NULL;
    }
  if (fabs (result - total) > 1e-6 * total + 1e-6)
    {
      refuse (error, _("The rooms overlap; only rooms side by side can be merged"));
      return NULL;
    }

  merged = polygon_from_ring (outer);
  for (guint i = 0; i < rings->len; i++)
    {
      GArray *ring = g_ptr_array_index (rings, i);

      if (ring != outer)
        pw_polygon_add_hole (merged, (const PwPoint *) ring->data, ring->len);
    }
  if (!pw_polygon_validate (merged, &local_error))
    {
      g_autofree char *message =
        /* TRANSLATORS: %s says what is wrong with the outline */
        g_strdup_printf (_("The merged room’s outline would be faulty: %s"), local_error->message);

      refuse (error, message);
      return NULL;
    }
  return g_steal_pointer (&merged);
}

/* Overlap */

static double
segment_distance (PwPoint p, PwPoint a, PwPoint b)
{
  double ex = b.x - a.x, ey = b.y - a.y, len2 = ex * ex + ey * ey;
  double t = len2 > 0 ? ((p.x - a.x) * ex + (p.y - a.y) * ey) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p.x - (a.x + t * ex), p.y - (a.y + t * ey));
}

/* The rings of @p: the outline, then the openings. */
static const PwPoint *
ring_of (PwPolygon *p, guint r, guint *n)
{
  return r == 0 ? pw_polygon_get_outer (p, n) : pw_polygon_get_hole (p, r - 1, n);
}

static gboolean
near_boundary (PwPolygon *p, PwPoint q)
{
  for (guint r = 0; r <= pw_polygon_get_n_holes (p); r++)
    {
      guint n;
      const PwPoint *pts = ring_of (p, r, &n);

      for (guint i = 0; i < n; i++)
        if (segment_distance (q, pts[i], pts[(i + 1) % n]) <= PW_ROOM_TOLERANCE)
          return TRUE;
    }
  return FALSE;
}

/* Whether a point of @a lies well inside @b: a corner, or a point just inside
 * the middle of each of @a's edges (which finds a room drawn over another
 * exactly, or inside it). */
static gboolean
reaches_into (PwPolygon *a, PwPolygon *b)
{
  for (guint r = 0; r <= pw_polygon_get_n_holes (a); r++)
    {
      guint n;
      const PwPoint *pts = ring_of (a, r, &n);
      double orient = ring_signed_area (pts, n) > 0 ? 1 : -1;

      for (guint i = 0; i < n; i++)
        {
          PwPoint p = pts[i], q = pts[(i + 1) % n];
          double len = hypot (q.x - p.x, q.y - p.y);
          PwPoint inside;

          if (pw_polygon_contains (b, p.x, p.y) && !near_boundary (b, p))
            return TRUE;
          if (len <= 4 * PW_ROOM_TOLERANCE)
            continue;
          /* the inside of a counter-clockwise ring is on its edges' left */
          inside.x = (p.x + q.x) / 2 - orient * (q.y - p.y) / len * 2 * PW_ROOM_TOLERANCE;
          inside.y = (p.y + q.y) / 2 + orient * (q.x - p.x) / len * 2 * PW_ROOM_TOLERANCE;
          if (r > 0)
            {
              /* an opening's inside is outside the room */
              inside.x = (p.x + q.x) - inside.x;
              inside.y = (p.y + q.y) - inside.y;
            }
          if (pw_polygon_contains (a, inside.x, inside.y) && pw_polygon_contains (b, inside.x, inside.y)
              && !near_boundary (b, inside))
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
pw_room_overlaps (PwPolygon *a,
                  PwPolygon *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  /* walls that cross */
  for (guint ra = 0; ra <= pw_polygon_get_n_holes (a); ra++)
    for (guint rb = 0; rb <= pw_polygon_get_n_holes (b); rb++)
      {
        guint na, nb;
        const PwPoint *pa = ring_of (a, ra, &na), *pb = ring_of (b, rb, &nb);

        for (guint i = 0; i < na; i++)
          for (guint j = 0; j < nb; j++)
            {
              double s, t;
              gboolean collinear;
              PwPoint p = pa[i], q = pa[(i + 1) % na], c = pb[j], d = pb[(j + 1) % nb];
              double la = hypot (q.x - p.x, q.y - p.y), lb = hypot (d.x - c.x, d.y - c.y);

              if (la == 0 || lb == 0)
                continue;
              if (segments_meet (p, q, c, d, &s, &t, &collinear)
                  && s * la > PW_ROOM_TOLERANCE && (1 - s) * la > PW_ROOM_TOLERANCE
                  && t * lb > PW_ROOM_TOLERANCE && (1 - t) * lb > PW_ROOM_TOLERANCE)
                return TRUE;
            }
      }
  /* one inside the other */
  return reaches_into (a, b) || reaches_into (b, a);
}
