/* pw-ifc-footprint.c — from a product's representation to one outline seen from
 * above: faces, solids, mapped items
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note (the invariants of pw-ifc-import.c this part keeps).
 *  1. Geometry is computed in the file's length unit with y north, then converted
 *     once per ring to metres with y down (pw_ifc_shape_to_polygon).
 *  2. A problem confined to one space (an unsupported solid, an outline that crosses
 *     itself or has too many points) is a soft error and the room keeps no polygon;
 *     shapes that refer to each other in a cycle and the file's point budget are
 *     hard errors.
 *  3. Footprints: an extrusion that runs within ~2.5° of vertical gives its profile;
 *     any other extrusion is "sideways" and gives the outline of the solid seen from
 *     above. Boundary representations give the union of their downward faces,
 *     merged by cancelling the edges neighbouring faces share.
 *  4. Mapped items, nested operands and shells are followed to a bounded depth, so
 *     a reference cycle ends in an error, never a loop.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-ifc-private.h"

/* ------------------------------------------------------------------ hull */

static int
cmp_points (gconstpointer a, gconstpointer b)
{
  const PwPoint *p = a, *q = b;

  if (p->x != q->x)
    return p->x < q->x ? -1 : 1;
  return p->y < q->y ? -1 : p->y > q->y;
}

static double
cross3 (const PwPoint *o, const PwPoint *a, const PwPoint *b)
{
  return (a->x - o->x) * (b->y - o->y) - (a->y - o->y) * (b->x - o->x);
}

/* Andrew's monotone chain; replaces @pts by its convex hull, counter-clockwise. */
static void
convex_hull (GArray *pts)
{
  guint n = pts->len, k = 0;
  g_autofree PwPoint *h = g_new (PwPoint, 2 * n + 1);
  PwPoint *p = (PwPoint *) pts->data;

  if (n < 3)
    return;
  qsort (p, n, sizeof (PwPoint), cmp_points);
  for (guint i = 0; i < n; i++)
    {
      while (k >= 2 && cross3 (&h[k - 2], &h[k - 1], &p[i]) <= 0)
        k--;
      h[k++] = p[i];
    }
  for (guint i = n - 1, t = k + 1; i > 0; i--)
    {
      while (k >= t && cross3 (&h[k - 2], &h[k - 1], &p[i - 1]) <= 0)
        k--;
      h[k++] = p[i - 1];
    }
  g_array_set_size (pts, 0);
  g_array_append_vals (pts, h, k > 0 ? k - 1 : 0);
}

/* ------------------------------------------------------------------ faces */

typedef struct
{
  double     *work;       /* the file's budget for T-junction search */
  double      q;          /* quantum, file units */
  GHashTable *vertex_ids; /* "x,y" key → id + 1 */
  GArray     *vertices;   /* of PwPoint */
  GHashTable *edges;      /* (a << 32 | b) → count */
} EdgeSet;

static guint
vertex_id (EdgeSet *set, PwPoint p)
{
  gint64 kx = llround (p.x / set->q), ky = llround (p.y / set->q);
  char key[64];
  guint id;

  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, kx, ky);
  id = GPOINTER_TO_UINT (g_hash_table_lookup (set->vertex_ids, key));
  if (id == 0)
    {
      PwPoint snapped = { kx * set->q, ky * set->q };

      g_array_append_val (set->vertices, snapped);
      id = set->vertices->len;
      g_hash_table_insert (set->vertex_ids, g_strdup (key), GUINT_TO_POINTER (id));
    }
  return id - 1;
}

static void
edge_add (EdgeSet *set, guint a, guint b)
{
  guint64 back = ((guint64) b << 32) | a, fwd = ((guint64) a << 32) | b;
  gpointer count;

  if (a == b)
    return;
  if (g_hash_table_lookup_extended (set->edges, &back, NULL, &count))
    {
      if (GPOINTER_TO_UINT (count) <= 1)
        g_hash_table_remove (set->edges, &back);
      else
        g_hash_table_insert (set->edges, g_memdup2 (&back, sizeof back),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (count) - 1));
      return;
    }
  count = g_hash_table_lookup (set->edges, &fwd);
  g_hash_table_insert (set->edges, g_memdup2 (&fwd, sizeof fwd),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
}

/* Adds a projected ring (counter-clockwise for areas, clockwise for holes) as
 * edges, split at other vertices lying on them so T-junctions still cancel. */
static void
edges_add_ring (EdgeSet *set, GArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    edge_add (set, g_array_index (ids, guint, i), g_array_index (ids, guint, (i + 1) % ids->len));
}

typedef struct
{
  guint a, b;
  double t;
} Split;

static void
split_t_junctions (EdgeSet *set, GPtrArray *rings)
{
  guint n_edges = 0;
  const PwPoint *v = (const PwPoint *) set->vertices->data;
  guint nv = set->vertices->len;

  for (guint r = 0; r < rings->len; r++)
    n_edges += ((GArray *) g_ptr_array_index (rings, r))->len;
  if (n_edges > SPLIT_LIMIT || (double) n_edges * nv > *set->work)
    return;
  *set->work -= (double) n_edges * nv;
  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ids = g_ptr_array_index (rings, r);

      for (guint i = 0; i < ids->len; i++)
        {
          guint a = g_array_index (ids, guint, i), b = g_array_index (ids, guint, (i + 1) % ids->len);
          double dx = v[b].x - v[a].x, dy = v[b].y - v[a].y, l2 = dx * dx + dy * dy;
          double best_t = 2;
          guint best = G_MAXUINT;

          if (l2 == 0)
            continue;
          for (guint k = 0; k < nv; k++)
            {
              double t, d;

              if (k == a || k == b)
                continue;
              t = ((v[k].x - v[a].x) * dx + (v[k].y - v[a].y) * dy) / l2;
              if (t <= 1e-9 || t >= 1 - 1e-9)
                continue;
              d = fabs ((v[k].x - v[a].x) * dy - (v[k].y - v[a].y) * dx) / sqrt (l2);
              if (d <= set->q * 2 && t < best_t)
                {
                  best_t = t;
                  best = k;
                }
            }
          if (best != G_MAXUINT)
            {
              /* insert the nearest vertex and look at the shortened edge again */
              g_array_insert_val (ids, i + 1, best);
              i--;
              if (ids->len > 4 * SPLIT_LIMIT)
                return;
            }
        }
    }
}

/* Chains the uncancelled edges into rings. */
static GPtrArray *
edges_to_rings (EdgeSet *set)
{
  GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) out = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer key, value;
  guint n_left = 0;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint cursor = 0;

  g_hash_table_iter_init (&iter, set->edges);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint64 e = *(guint64 *) key;
      guint a = e >> 32, b = e & 0xffffffffu;
      GArray *list = g_hash_table_lookup (out, GUINT_TO_POINTER (a + 1));

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (out, GUINT_TO_POINTER (a + 1), list);
          g_array_append_val (starts, a);
        }
      for (guint k = 0; k < GPOINTER_TO_UINT (value); k++)
        {
          g_array_append_val (list, b);
          n_left++;
        }
    }
  while (n_left > 0)
    {
      GArray *ring = g_array_new (FALSE, FALSE, sizeof (PwPoint));
      guint start, at;

      /* vertices whose edges are used up stay used up: the cursor only advances */
      while (cursor < starts->len
             && ((GArray *) g_hash_table_lookup (out, GUINT_TO_POINTER (g_array_index (starts, guint, cursor) + 1)))->len == 0)
        cursor++;
      if (cursor == starts->len)
        break;
      start = g_array_index (starts, guint, cursor);
      at = start;
      do
        {
          GArray *list = g_hash_table_lookup (out, GUINT_TO_POINTER (at + 1));
          guint next;

          if (list == NULL || list->len == 0)
            break;   /* open chain: left out */
          g_array_append_val (ring, g_array_index (set->vertices, PwPoint, at));
          next = g_array_index (list, guint, list->len - 1);
          g_array_set_size (list, list->len - 1);
          n_left--;
          at = next;
        }
      while (at != start);
      if (at == start && ring->len >= 3)
        g_ptr_array_add (rings, ring);
      else
        g_array_unref (ring);
    }
  return rings;
}

static double
segment_distance (const PwPoint *p, const PwPoint *a, const PwPoint *b)
{
  double dx = b->x - a->x, dy = b->y - a->y, l2 = dx * dx + dy * dy;
  double t = l2 > 0 ? ((p->x - a->x) * dx + (p->y - a->y) * dy) / l2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (p->x - (a->x + t * dx), p->y - (a->y + t * dy));
}

/* Whether every point of @ring is inside @outer or on its boundary. */
static gboolean
ring_within (PwPolygon *probe, GArray *outer, GArray *ring, double tol)
{
  const PwPoint *o = (const PwPoint *) outer->data;

  for (guint i = 0; i < ring->len; i++)
    {
      const PwPoint *p = &g_array_index (ring, PwPoint, i);
      gboolean on = FALSE;

      if (pw_polygon_contains (probe, p->x, p->y))
        continue;
      for (guint k = 0; k < outer->len && !on; k++)
        on = segment_distance (p, &o[k], &o[(k + 1) % outer->len]) <= tol;
      if (!on)
        return FALSE;
    }
  return TRUE;
}

typedef struct
{
  GArray  *pts;      /* world points of a loop, 3D */
  Vec3     normal;   /* Newell, area-weighted, with the bound's orientation */
  double   area;     /* twice the area seen from above */
  gboolean outer;    /* the face's outer loop */
} Loop;

static gboolean
read_loop (Ifc *c, guint32 bound_id, GArray *pts, Vec3 *normal, const Xform *t, GError **error)
{
  Ent bound, loop;
  const PwStepValue *list;
  const char *orient;

  if (!pw_ifc_get_ent (c, bound_id, &bound, error)
      || !pw_ifc_get_ent (c, arg_ref (&bound, 0), &loop, error))
    return FALSE;
  orient = pw_step_value_get_enum (arg (&bound, 1));
  list = arg (&loop, 0);
  if (!is (&loop, "IFCPOLYLOOP") || !pw_step_value_is_list (list))
    {
      pw_ifc_soft_error (c, error, loop.id, _("face bounds of type %s are not read"), loop.type);
      return FALSE;
    }
  if (!pw_ifc_spend_points (c, list->n, loop.id, error))
    return FALSE;
  for (guint i = 0; i < list->n; i++)
    {
      Vec3 p;

      if (!pw_ifc_read_point (c, pw_step_value_get_ref (&list->items[i]), &p, error))
        return FALSE;
      p = xf_point (t, p);
      g_array_append_val (pts, p);
    }
  if (orient && strcmp (orient, "F") == 0)
    for (guint i = 0, j = pts->len - 1; pts->len > 0 && i < j; i++, j--)
      {
        Vec3 tmp = g_array_index (pts, Vec3, i);

        g_array_index (pts, Vec3, i) = g_array_index (pts, Vec3, j);
        g_array_index (pts, Vec3, j) = tmp;
      }
  *normal = v3 (0, 0, 0);
  for (guint i = 0; i < pts->len; i++)
    {
      Vec3 a = g_array_index (pts, Vec3, i), b = g_array_index (pts, Vec3, (i + 1) % pts->len);

      normal->x += (a.y - b.y) * (a.z + b.z);
      normal->y += (a.z - b.z) * (a.x + b.x);
      normal->z += (a.x - b.x) * (a.y + b.y);
    }
  return TRUE;
}

/* Collects the faces of a shell, face set or brep. */
static gboolean
collect_faces (Ifc *c, guint32 id, GPtrArray *faces, guint depth, GError **error)
{
  Ent e;
  const PwStepValue *list;

  if (depth > 4)
    {
      pw_ifc_soft_error (c, error, id, _("shells are nested too deep"));
      return FALSE;
    }
  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  if (is (&e, "IFCFACETEDBREP") || is (&e, "IFCFACETEDBREPWITHVOIDS"))
    return collect_faces (c, arg_ref (&e, 0), faces, depth + 1, error);
  list = arg (&e, 0);
  if (!pw_step_value_is_list (list))
    {
      pw_ifc_soft_error (c, error, id, _("%s lists no faces"), e.type);
      return FALSE;
    }
  if (is (&e, "IFCSHELLBASEDSURFACEMODEL") || is (&e, "IFCFACEBASEDSURFACEMODEL"))
    {
      for (guint i = 0; i < list->n; i++)
        if (!collect_faces (c, pw_step_value_get_ref (&list->items[i]), faces, depth + 1, error))
          return FALSE;
      return TRUE;
    }
  if (is (&e, "IFCCLOSEDSHELL") || is (&e, "IFCOPENSHELL") || is (&e, "IFCCONNECTEDFACESET"))
    {
      for (guint i = 0; i < list->n; i++)
        g_ptr_array_add (faces, GUINT_TO_POINTER (pw_step_value_get_ref (&list->items[i])));
      return TRUE;
    }
  pw_ifc_soft_error (c, error, id, _("%s is not a set of faces"), e.type);
  return FALSE;
}

static gboolean
faces_shape (Ifc *c, guint32 id, const Xform *t, Shape *out, GError **error)
{
  g_autoptr(GPtrArray) faces = g_ptr_array_new ();
  g_autoptr(GArray) loops = g_array_new (FALSE, FALSE, sizeof (Loop));
  g_autoptr(GArray) face_of = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) id_rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) rings = NULL;
  EdgeSet set;
  double down_area = 0, up_area = 0, sign;
  gboolean ok = FALSE;
  guint best = G_MAXUINT;
  double best_area = 0;

  if (!collect_faces (c, id, faces, 0, error))
    return FALSE;
  for (guint f = 0; f < faces->len; f++)
    {
      Ent face;
      const PwStepValue *bounds;
      guint first = loops->len;
      Vec3 face_normal = { 0, 0, 0 };

      if (!pw_ifc_get_ent (c, GPOINTER_TO_UINT (g_ptr_array_index (faces, f)), &face, error))
        goto out;
      bounds = arg (&face, 0);
      if (!pw_step_value_is_list (bounds))
        continue;
      for (guint b = 0; b < bounds->n; b++)
        {
          Loop loop = { g_array_new (FALSE, FALSE, sizeof (Vec3)), { 0, 0, 0 }, 0, FALSE };
          Ent bound;

          g_array_append_val (loops, loop);
          g_array_append_val (face_of, f);
          if (!read_loop (c, pw_step_value_get_ref (&bounds->items[b]),
                          g_array_index (loops, Loop, loops->len - 1).pts,
                          &g_array_index (loops, Loop, loops->len - 1).normal, t, error))
            goto out;
          if (pw_ifc_get_ent (c, pw_step_value_get_ref (&bounds->items[b]), &bound, NULL)
              && is (&bound, "IFCFACEOUTERBOUND"))
            face_normal = g_array_index (loops, Loop, loops->len - 1).normal;
        }
      if (face_normal.x == 0 && face_normal.y == 0 && face_normal.z == 0 && loops->len > first)
        for (guint l = first; l < loops->len; l++)
          if (vlen (g_array_index (loops, Loop, l).normal) > vlen (face_normal))
            face_normal = g_array_index (loops, Loop, l).normal;
      /* every loop of a face counts by the face's normal: holes wind the other way */
      for (guint l = first; l < loops->len; l++)
        {
          Loop *loop = &g_array_index (loops, Loop, l);
          double len = vlen (face_normal);

          if (l == first && len > 0)
            {
              if (face_normal.z < -1e-6 * len)
                down_area += -face_normal.z;
              else if (face_normal.z > 1e-6 * len)
                up_area += face_normal.z;
            }
          loop->normal = vscale (face_normal, 1.0);
        }
    }
  /* a closed solid looks down from below; a surface model may face either way */
  sign = down_area > 0 ? -1 : 1;
  if (down_area == 0 && up_area == 0)
    {
      pw_ifc_soft_error (c, error, id,
                         _("no face of the solid is horizontal enough to give a footprint"));
      goto out;
    }

  set.q = 1e-6 / c->length;
  set.work = &c->split_work;
  set.vertex_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  set.vertices = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  set.edges = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  /* the outer loop of each face is the one enclosing most, seen from above */
  {
    guint f_prev = G_MAXUINT;
    double most = -1;

    for (guint l = 0; l < loops->len; l++)
      {
        Loop *loop = &g_array_index (loops, Loop, l);
        double a = 0;

        for (guint k = 0; k < loop->pts->len; k++)
          {
            Vec3 p = g_array_index (loop->pts, Vec3, k);
            Vec3 q = g_array_index (loop->pts, Vec3, (k + 1) % loop->pts->len);

            a += p.x * q.y - q.x * p.y;
          }
        loop->area = fabs (a);
        if (g_array_index (face_of, guint, l) != f_prev)
          {
            f_prev = g_array_index (face_of, guint, l);
            most = -1;
          }
        if (loop->area > most)
          {
            most = loop->area;
            for (guint k = l; k-- > 0 && g_array_index (face_of, guint, k) == f_prev;)
              g_array_index (loops, Loop, k).outer = FALSE;
            loop->outer = TRUE;
          }
        else
          loop->outer = FALSE;
      }
  }
  for (guint l = 0; l < loops->len; l++)
    {
      Loop *loop = &g_array_index (loops, Loop, l);
      double len = vlen (loop->normal);
      GArray *ids;
      g_autoptr(GArray) flat = NULL;

      if (len == 0 || loop->normal.z * sign <= 1e-6 * len)
        continue;
      flat = g_array_new (FALSE, FALSE, sizeof (PwPoint));
      for (guint k = 0; k < loop->pts->len; k++)
        {
          Vec3 p = g_array_index (loop->pts, Vec3, k);
          PwPoint q = { p.x, p.y };

          g_array_append_val (flat, q);
        }
      /* outer loops counter-clockwise seen from above, holes clockwise, whatever
       * the file says: writers disagree on how holes wind */
      pw_ring_orient (flat, loop->outer);
      ids = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; k < flat->len; k++)
        {
          guint v = vertex_id (&set, g_array_index (flat, PwPoint, k));

          if (ids->len == 0 || g_array_index (ids, guint, ids->len - 1) != v)
            g_array_append_val (ids, v);
        }
      while (ids->len > 1 && g_array_index (ids, guint, 0) == g_array_index (ids, guint, ids->len - 1))
        g_array_set_size (ids, ids->len - 1);
      if (ids->len >= 3)
        g_ptr_array_add (id_rings, ids);
      else
        g_array_unref (ids);
    }
  split_t_junctions (&set, id_rings);
  for (guint r = 0; r < id_rings->len; r++)
    edges_add_ring (&set, g_ptr_array_index (id_rings, r));
  rings = edges_to_rings (&set);
  g_hash_table_unref (set.vertex_ids);
  g_hash_table_unref (set.edges);
  g_array_unref (set.vertices);

  for (guint r = 0; r < rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (rings, r);
      double a = pw_ring_area2 ((PwPoint *) ring->data, ring->len);

      if (a > best_area)
        {
          best_area = a;
          best = r;
        }
    }
  if (best == G_MAXUINT)
    {
      pw_ifc_soft_error (c, error, id, _("the downward faces do not close into an outline"));
      goto out;
    }
  {
    GArray *largest = g_ptr_array_index (rings, best);

    g_array_append_vals (out->outer, largest->data, largest->len);
  }
  {
    guint extra = 0;
    g_autoptr(PwPolygon) probe = pw_polygon_new ((PwPoint *) out->outer->data, out->outer->len);

    for (guint r = 0; r < rings->len; r++)
      {
        GArray *ring = g_ptr_array_index (rings, r);
        double a = pw_ring_area2 ((PwPoint *) ring->data, ring->len);

        if (r == best)
          continue;
        if (a < 0 && pw_polygon_contains (probe, g_array_index (ring, PwPoint, 0).x,
                                          g_array_index (ring, PwPoint, 0).y))
          g_ptr_array_add (out->holes, g_array_ref (ring));
        else if (a > 0 && ring_within (probe, out->outer, ring, 1e-6 / c->length))
          continue;   /* a face above the floor, already covered by it */
        else if (fabs (a) > 1e-9 * best_area)
          extra++;
      }
    if (extra > 0 && c->room)
      pw_import_room_warn (c->room,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "#%u (line %u): the solid seen from above has %u more "
                                        "part apart from the largest; it is left out",
                                        "#%u (line %u): the solid seen from above has %u more "
                                        "parts apart from the largest; they are left out", extra),
                           id, pw_ifc_line_of (c, id), extra);
  }
  ok = TRUE;

out:
  for (guint l = 0; l < loops->len; l++)
    g_array_unref (g_array_index (loops, Loop, l).pts);
  return ok;
}

/* ------------------------------------------------------------------ solids */

static gboolean
curve_set_shape (Ifc *c, const Ent *e, const Xform *t, Shape *out, GError **error)
{
  const PwStepValue *elements = arg (e, 0);
  double best = 0;

  for (guint i = 0; pw_step_value_is_list (elements) && i < elements->n; i++)
    {
      g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (PwPoint));
      g_autoptr(GError) local = NULL;
      double a;

      if (!pw_ifc_curve_points (c, pw_step_value_get_ref (&elements->items[i]), pts, 0, &local))
        {
          if (!is_soft (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          continue;
        }
      pw_ifc_transform_ring (pts, t);
      a = fabs (pw_ring_area2 ((PwPoint *) pts->data, pts->len));
      if (a > best)
        {
          best = a;
          g_array_set_size (out->outer, 0);
          g_array_append_vals (out->outer, pts->data, pts->len);
        }
    }
  if (best == 0)
    {
      pw_ifc_soft_error (c, error, e->id, _("no closed outline among the curves"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
extrusion_shape (Ifc *c, const Ent *e, const Xform *t, Shape *out, GError **error)
{
  Xform pos, m;
  Vec3 dir, d, n;
  double depth;
  Shape profile;
  gboolean ok = FALSE;

  if (!pw_ifc_read_axis_placement (c, arg (e, 1), &pos, error)
      || !pw_ifc_read_direction (c, arg_ref (e, 2), &dir, error)
      || !pw_ifc_arg_number (c, e, 3, &depth, error))
    return FALSE;
  m = xf_mul (t, &pos);
  d = xf_dir (&m, vscale (dir, depth / vlen (dir)));
  n = xf_dir (&m, v3 (0, 0, 1));
  pw_ifc_shape_init (&profile);
  if (!pw_ifc_profile_shape (c, arg_ref (e, 0), &profile, 0, error))
    goto out;

  if (fabs (n.z) >= 0.999 * vlen (n) && (vlen (d) == 0 || fabs (d.z) >= 0.999 * vlen (d)))
    {
      /* upright: the profile, placed */
      g_array_append_vals (out->outer, profile.outer->data, profile.outer->len);
      pw_ifc_transform_ring (out->outer, &m);
      for (guint i = 0; i < profile.holes->len; i++)
        {
          GArray *hole = g_array_copy (g_ptr_array_index (profile.holes, i));

          pw_ifc_transform_ring (hole, &m);
          g_ptr_array_add (out->holes, hole);
        }
      ok = TRUE;
      goto out;
    }

  c->sideways = TRUE;
  if (fabs (n.z) <= 1e-6 * vlen (n))
    {
      /* the profile stands upright: seen from above it is a segment, swept by d */
      Vec3 u = v3 (-n.y, n.x, 0);
      double smin = INFINITY, smax = -INFINITY;
      Vec3 o = m.o;
      PwPoint q[4];

      u = vscale (u, 1 / vlen (u));
      for (guint i = 0; i < profile.outer->len; i++)
        {
          PwPoint p = g_array_index (profile.outer, PwPoint, i);
          Vec3 w = xf_point (&m, v3 (p.x, p.y, 0));
          double s = (w.x - o.x) * u.x + (w.y - o.y) * u.y;

          smin = MIN (smin, s);
          smax = MAX (smax, s);
        }
      q[0] = (PwPoint) { o.x + smin * u.x, o.y + smin * u.y };
      q[1] = (PwPoint) { o.x + smax * u.x, o.y + smax * u.y };
      q[2] = (PwPoint) { q[1].x + d.x, q[1].y + d.y };
      q[3] = (PwPoint) { q[0].x + d.x, q[0].y + d.y };
      g_array_append_vals (out->outer, q, 4);
      if (fabs (pw_ring_area2 (q, 4)) <= 1e-12 * (1 + fabs (smax - smin) * vlen (d)))
        {
          pw_ifc_soft_error (c, error, e->id, _("the solid seen from above has no area"));
          goto out;
        }
      ok = TRUE;
      goto out;
    }
  /* leaning profile: the hull of both ends, an over-estimate for concave profiles */
  for (guint i = 0, n0 = profile.outer->len; i < n0; i++)
    {
      PwPoint p = g_array_index (profile.outer, PwPoint, i);
      Vec3 w = xf_point (&m, v3 (p.x, p.y, 0));
      PwPoint a = { w.x, w.y }, b = { w.x + d.x, w.y + d.y };

      g_array_append_val (out->outer, a);
      g_array_append_val (out->outer, b);
    }
  convex_hull (out->outer);
  if (c->room)
    pw_import_room_warn (c->room, _("#%u (line %u): the footprint of this leaning extrusion "
                                    "is its convex outline"), e->id, pw_ifc_line_of (c, e->id));
  ok = TRUE;

out:
  pw_ifc_shape_clear (&profile);
  return ok;
}

static gboolean representation_shape (Ifc *c, guint32 id, const Xform *t, Shape *out,
                                      guint depth, GError **error);

static gboolean
item_shape (Ifc *c, guint32 id, const Xform *t, Shape *out, guint depth, GError **error)
{
  Ent e;

  if (depth > MAX_CHAIN)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("Line %u, #%u: shapes refer to each other in a cycle"),
                   pw_ifc_line_of (c, id), id);
      return FALSE;
    }
  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  if (is (&e, "IFCEXTRUDEDAREASOLID") || is (&e, "IFCEXTRUDEDAREASOLIDTAPERED"))
    return extrusion_shape (c, &e, t, out, error);
  if (is (&e, "IFCFACETEDBREP") || is (&e, "IFCFACETEDBREPWITHVOIDS")
      || is (&e, "IFCSHELLBASEDSURFACEMODEL") || is (&e, "IFCFACEBASEDSURFACEMODEL")
      || is (&e, "IFCCLOSEDSHELL") || is (&e, "IFCOPENSHELL") || is (&e, "IFCCONNECTEDFACESET"))
    return faces_shape (c, id, t, out, error);
  if (is (&e, "IFCBOOLEANCLIPPINGRESULT") || is (&e, "IFCBOOLEANRESULT"))
    return item_shape (c, arg_ref (&e, 1), t, out, depth + 1, error);
  if (is (&e, "IFCMAPPEDITEM"))
    {
      Ent map;
      Xform origin, target, both;

      if (!pw_ifc_get_ent (c, arg_ref (&e, 0), &map, error)
          || !pw_ifc_read_axis_placement (c, arg (&map, 0), &origin, error)
          || !pw_ifc_read_operator (c, arg_ref (&e, 1), &target, error))
        return FALSE;
      both = xf_mul (&target, &origin);
      both = xf_mul (t, &both);
      return representation_shape (c, arg_ref (&map, 1), &both, out, depth + 1, error);
    }
  if (is (&e, "IFCBOUNDINGBOX"))
    {
      Vec3 corner;
      double dx, dy;

      if (!pw_ifc_read_point (c, arg_ref (&e, 0), &corner, error)
          || !pw_ifc_arg_number (c, &e, 1, &dx, error) || !pw_ifc_arg_number (c, &e, 2, &dy, error))
        return FALSE;
      pw_ifc_rect_ring (out->outer, corner.x, corner.y, corner.x + dx, corner.y + dy);
      pw_ifc_transform_ring (out->outer, t);
      return TRUE;
    }
  if (is (&e, "IFCGEOMETRICCURVESET") || is (&e, "IFCGEOMETRICSET"))
    return curve_set_shape (c, &e, t, out, error);
  if (is (&e, "IFCPOLYLINE") || is (&e, "IFCCOMPOSITECURVE") || is (&e, "IFCINDEXEDPOLYCURVE"))
    {
      if (!pw_ifc_curve_points (c, id, out->outer, 0, error))
        return FALSE;
      pw_ifc_transform_ring (out->outer, t);
      return TRUE;
    }
  pw_ifc_soft_error (c, error, id, _("shapes of type %s are not read"), e.type);
  return FALSE;
}

/* The largest footprint among a representation's items. */
static gboolean
representation_shape (Ifc *c, guint32 id, const Xform *t, Shape *out, guint depth, GError **error)
{
  Ent rep;
  const PwStepValue *items;
  double best = -1;
  guint n_shapes = 0;
  g_autoptr(GError) first = NULL;

  if (!pw_ifc_get_ent (c, id, &rep, error))
    return FALSE;
  items = arg (&rep, 3);
  for (guint i = 0; pw_step_value_is_list (items) && i < items->n; i++)
    {
      Shape s;
      g_autoptr(GError) local = NULL;
      double a;

      pw_ifc_shape_init (&s);
      if (!item_shape (c, pw_step_value_get_ref (&items->items[i]), t, &s, depth, &local))
        {
          pw_ifc_shape_clear (&s);
          if (!is_soft (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (first == NULL)
            first = g_steal_pointer (&local);
          continue;
        }
      n_shapes++;
      a = fabs (pw_ring_area2 ((PwPoint *) s.outer->data, s.outer->len));
      if (a > best)
        {
          pw_ifc_shape_clear (out);
          *out = s;
          best = a;
        }
      else
        pw_ifc_shape_clear (&s);
    }
  if (n_shapes > 1 && c->room)
    pw_import_room_warn (c->room, _("#%u (line %u): the shape has %u solids; the footprint "
                                    "is the largest"), id, pw_ifc_line_of (c, id), n_shapes);
  if (best < 0)
    {
      if (first)
        g_propagate_error (error, g_steal_pointer (&first));
      else
        pw_ifc_soft_error (c, error, id, _("the representation holds no shape"));
      return FALSE;
    }
  return TRUE;
}

/* Picks Body, else FootPrint, else any representation of a product shape. */
gboolean
pw_ifc_product_shape (Ifc *c, guint32 id, const Xform *t, Shape *out, GError **error)
{
  Ent pds;
  const PwStepValue *reps;
  static const char *const order[] = { "Body", "FootPrint", NULL };
  g_autoptr(GError) first = NULL;

  if (!pw_ifc_get_ent (c, id, &pds, error))
    return FALSE;
  reps = arg (&pds, 2);
  if (!pw_step_value_is_list (reps) || reps->n == 0)
    {
      pw_ifc_soft_error (c, error, id, _("the space has no representation"));
      return FALSE;
    }
  for (guint pass = 0; pass < G_N_ELEMENTS (order); pass++)
    for (guint i = 0; i < reps->n; i++)
      {
        Ent rep;
        const char *ident;
        g_autoptr(GError) local = NULL;

        if (!pw_ifc_get_ent (c, pw_step_value_get_ref (&reps->items[i]), &rep, error))
          return FALSE;
        ident = pw_step_value_get_string (arg (&rep, 1));
        if (order[pass] != NULL ? g_strcmp0 (ident, order[pass]) != 0
                                : (g_strcmp0 (ident, "Body") == 0 || g_strcmp0 (ident, "FootPrint") == 0))
          continue;
        pw_ifc_shape_clear (out);
        pw_ifc_shape_init (out);
        if (representation_shape (c, rep.id, t, out, 0, &local))
          return TRUE;
        if (!is_soft (local))
          {
            g_propagate_error (error, g_steal_pointer (&local));
            return FALSE;
          }
        if (first == NULL)
          first = g_steal_pointer (&local);
      }
  if (first)
    g_propagate_error (error, g_steal_pointer (&first));
  else
    pw_ifc_soft_error (c, error, id, _("no representation gives a footprint"));
  return FALSE;
}

/* File units, y north → metres, y down; a polygon or NULL with the reason. */
PwPolygon *
pw_ifc_shape_to_polygon (Ifc *c, Shape *s, GError **error)
{
  g_autoptr(PwPolygon) polygon = NULL;
  g_autoptr(GError) local = NULL;

  for (int r = -1; r < (int) s->holes->len; r++)
    {
      GArray *ring = r < 0 ? s->outer : g_ptr_array_index (s->holes, r);

      for (guint i = 0; i < ring->len; i++)
        {
          PwPoint *p = &g_array_index (ring, PwPoint, i);

          p->x *= c->length;
          p->y = -p->y * c->length + 0.0;   /* no negative zeros */
        }
      pw_ring_tidy (ring, 1e-7, PW_RING_CLOSED);
    }
  if (s->outer->len < 3)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY, _("the outline has no area"));
      return NULL;
    }
  {
    guint total = s->outer->len;

    for (guint h = 0; h < s->holes->len; h++)
      total += ((GArray *) g_ptr_array_index (s->holes, h))->len;
    if (total > MAX_RING_POINTS)
      {
        g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                     _("the outline has %u points; at most %d are taken"), total, MAX_RING_POINTS);
        return NULL;
      }
  }
  polygon = pw_polygon_new ((PwPoint *) s->outer->data, s->outer->len);
  for (guint h = 0; h < s->holes->len; h++)
    {
      GArray *hole = g_ptr_array_index (s->holes, h);

      if (hole->len >= 3)
        pw_polygon_add_hole (polygon, (PwPoint *) hole->data, hole->len);
    }
  if (!pw_polygon_validate (polygon, &local))
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY, "%s", local->message);
      return NULL;
    }
  return g_steal_pointer (&polygon);
}
