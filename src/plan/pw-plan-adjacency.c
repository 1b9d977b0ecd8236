/* pw-plan-adjacency.c — which rooms of a floor are neighbours, and tenant colours
 * that never repeat between neighbours
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adjacency (docs/plans.md, "Tenant colours"): two edges, one of each room's
 * outline or holes, run along each other when they are parallel within 10°, the
 * other's ends lie within PW_PLAN_ADJACENT_GAP of the one's line, and their
 * projections overlap; the rooms are neighbours when those overlaps add up to
 * PW_PLAN_ADJACENT_MIN_SHARED. Rooms meeting at a corner overlap by nothing.
 * Candidates come from the floor's spatial index.
 *
 * Colouring, invariants:
 *  1. Two tenants are linked when a room of one neighbours a room of the other.
 *  2. A tenant takes a colour no linked tenant has; the palette grows past its
 *     twelve colours rather than break 1.
 *  3. Order: the tenant with the most differently coloured linked tenants first,
 *     then the most links, then by key, so the same floors give the same colours. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pw-plan-adjacency.h"

/* sin 10°: edges at a smaller angle count as parallel */
#define ADJ_SINE 0.1736

/* Distinct, readable fills (Okabe–Ito, then Paul Tol's muted scheme), none of
 * them the lenses' white, grey or common-area fills. */
static const guint32 palette[] = {
  0x56B4E9, 0xE69F00, 0x009E73, 0xF0E442, 0xCC79A7, 0x0072B2,
  0xD55E00, 0x88CCEE, 0x999933, 0xAA4499, 0x44AA99, 0xDDCC77,
};

/* Colour @n: the palette, then hues spaced by the golden angle, each darker step
 * of lightness apart so that no two are the same. */
static guint32
color_at (guint n)
{
  double hue, s, v, cc, x, m, r = 0, g = 0, b = 0;
  guint k;

  if (n < G_N_ELEMENTS (palette))
    return palette[n];
  k = n - G_N_ELEMENTS (palette);
  hue = fmod (k * 137.508 + 15.0, 360.0) / 60.0;
  s = 0.45 + 0.1 * (k % 3);
  v = 0.95 - 0.004 * (k % 64);
  cc = v * s;
  x = cc * (1 - fabs (fmod (hue, 2) - 1));
  m = v - cc;
  switch ((int) hue)
    {
    case 0: r = cc; g = x; break;
    case 1: r = x; g = cc; break;
    case 2: g = cc; b = x; break;
    case 3: g = x; b = cc; break;
    case 4: r = x; b = cc; break;
    default: r = cc; b = x; break;
    }
  return ((guint32) ((r + m) * 255 + 0.5) << 16) | ((guint32) ((g + m) * 255 + 0.5) << 8)
         | (guint32) ((b + m) * 255 + 0.5);
}

/* An edge of a room's outline or of one of its holes. */
typedef struct
{
  const PwPoint *a, *b;
} Edge;

static GArray *
edges_of (PwPolygon *polygon)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  guint n_rings = 1 + pw_polygon_get_n_holes (polygon);

  for (guint r = 0; r < n_rings; r++)
    {
      guint n = 0;
      const PwPoint *pts = r == 0 ? pw_polygon_get_outer (polygon, &n)
                                  : pw_polygon_get_hole (polygon, r - 1, &n);

      for (guint i = 0; i < n; i++)
        {
          Edge e = { &pts[i], &pts[(i + 1) % n] };

          g_array_append_val (edges, e);
        }
    }
  return edges;
}

/* How far @e and @f run along each other: nearly parallel (within ADJ_ANGLE),
 * both ends of @f within the gap of @e's line, and the length over which their
 * projections on @e overlap. 0 for edges that meet only at a point. */
static double
run_along (const Edge *e, const Edge *f)
{
  double ex = e->b->x - e->a->x, ey = e->b->y - e->a->y;
  double fx = f->b->x - f->a->x, fy = f->b->y - f->a->y;
  double le = hypot (ex, ey), lf = hypot (fx, fy);
  double ux, uy, d0, d1, t0, t1, lo, hi;

  if (le <= 0 || lf <= 0 || fabs (ex * fy - ey * fx) / (le * lf) > ADJ_SINE)
    return 0;
  ux = ex / le;
  uy = ey / le;
  /* distances of f's ends from e's line, and where they fall along it */
  d0 = fabs ((f->a->x - e->a->x) * uy - (f->a->y - e->a->y) * ux);
  d1 = fabs ((f->b->x - e->a->x) * uy - (f->b->y - e->a->y) * ux);
  if (d0 > PW_PLAN_ADJACENT_GAP || d1 > PW_PLAN_ADJACENT_GAP)
    return 0;
  t0 = (f->a->x - e->a->x) * ux + (f->a->y - e->a->y) * uy;
  t1 = (f->b->x - e->a->x) * ux + (f->b->y - e->a->y) * uy;
  lo = MAX (0.0, MIN (t0, t1));
  hi = MIN (le, MAX (t0, t1));
  return hi > lo ? hi - lo : 0;
}

gboolean
pw_plan_rooms_adjacent (PwPlanFloor *floor, guint a, guint b)
{
  PwPlanRoom *ra = pw_plan_floor_get_room (floor, a);
  PwPlanRoom *rb = pw_plan_floor_get_room (floor, b);

  if (a == b || ra->polygon == NULL || rb->polygon == NULL)
    return FALSE;
  /* bounds further apart than the gap cannot be neighbours */
  if (ra->x0 > rb->x1 + PW_PLAN_ADJACENT_GAP || rb->x0 > ra->x1 + PW_PLAN_ADJACENT_GAP
      || ra->y0 > rb->y1 + PW_PLAN_ADJACENT_GAP || rb->y0 > ra->y1 + PW_PLAN_ADJACENT_GAP)
    return FALSE;
  {
    g_autoptr(GArray) ea = edges_of (ra->polygon);
    g_autoptr(GArray) eb = edges_of (rb->polygon);
    double shared = 0;

    for (guint i = 0; i < ea->len && shared < PW_PLAN_ADJACENT_MIN_SHARED; i++)
      for (guint k = 0; k < eb->len && shared < PW_PLAN_ADJACENT_MIN_SHARED; k++)
        shared += run_along (&g_array_index (ea, Edge, i), &g_array_index (eb, Edge, k));
    return shared >= PW_PLAN_ADJACENT_MIN_SHARED;
  }
}

static void
array_unref (gpointer data)
{
  g_array_unref (data);
}

GPtrArray *
pw_plan_floor_adjacency (PwPlanFloor *floor, gboolean (*want) (PwPlanRoom *room))
{
  guint n = pw_plan_floor_get_n_rooms (floor);
  GPtrArray *out = g_ptr_array_new_full (n, array_unref);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (out, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < n; i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);

      if (want != NULL && !want (room))
        continue;
      g_array_set_size (candidates, 0);
      pw_plan_floor_query (floor, room->x0 - PW_PLAN_ADJACENT_GAP, room->y0 - PW_PLAN_ADJACENT_GAP,
                           room->x1 + PW_PLAN_ADJACENT_GAP, room->y1 + PW_PLAN_ADJACENT_GAP,
                           candidates);
      for (guint k = 0; k < candidates->len; k++)
        {
          guint j = g_array_index (candidates, guint, k);

          /* each pair once, from its lower index */
          if (j <= i || (want != NULL && !want (pw_plan_floor_get_room (floor, j))))
            continue;
          if (pw_plan_rooms_adjacent (floor, i, j))
            {
              g_array_append_val (g_ptr_array_index (out, i), j);
              g_array_append_val (g_ptr_array_index (out, j), i);
            }
        }
    }
  return out;
}

const char *
pw_plan_room_tenant_key (PwPlanRoom *room)
{
  return room->tenant_id != NULL ? room->tenant_id : room->tenant;
}

typedef struct
{
  const char *key;
  GHashTable *links;     /* Tenant* set */
  int         color;     /* −1 while uncoloured */
} Tenant;

static void
tenant_free (gpointer data)
{
  Tenant *t = data;

  g_hash_table_unref (t->links);
  g_free (t);
}

/* How many different colours @t's linked tenants have (its saturation). */
static guint
saturation (Tenant *t)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer other;

  g_hash_table_iter_init (&iter, t->links);
  while (g_hash_table_iter_next (&iter, &other, NULL))
    if (((Tenant *) other)->color >= 0)
      g_hash_table_add (seen, GINT_TO_POINTER (((Tenant *) other)->color + 1));
  return g_hash_table_size (seen);
}

GHashTable *
pw_plan_tenant_colors (GPtrArray *floors)
{
  GHashTable *colors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tenants = g_ptr_array_new_with_free_func (tenant_free);
  g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint f = 0; floors != NULL && f < floors->len; f++)
    {
      PwPlanFloor *floor = g_ptr_array_index (floors, f);
      GPtrArray *adjacency = pw_plan_floor_get_adjacency (floor);

      for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
        {
          const char *key = pw_plan_room_tenant_key (pw_plan_floor_get_room (floor, i));
          Tenant *t;

          if (key == NULL || g_hash_table_contains (by_key, key))
            continue;
          t = g_new0 (Tenant, 1);
          t->key = key;
          t->links = g_hash_table_new (g_direct_hash, g_direct_equal);
          t->color = -1;
          g_hash_table_insert (by_key, (gpointer) key, t);
          g_ptr_array_add (tenants, t);
        }
      for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
        {
          GArray *near = g_ptr_array_index (adjacency, i);
          const char *key = pw_plan_room_tenant_key (pw_plan_floor_get_room (floor, i));

          for (guint k = 0; key != NULL && k < near->len; k++)
            {
              const char *other = pw_plan_room_tenant_key (
                pw_plan_floor_get_room (floor, g_array_index (near, guint, k)));
              Tenant *a = g_hash_table_lookup (by_key, key), *b;

              if (other == NULL || g_str_equal (other, key))
                continue;
              b = g_hash_table_lookup (by_key, other);
              g_hash_table_add (a->links, b);
              g_hash_table_add (b->links, a);
            }
        }
    }

  for (guint done = 0; done < tenants->len; done++)
    {
      Tenant *next = NULL;
      guint next_sat = 0;
      g_autoptr(GHashTable) taken = g_hash_table_new (g_direct_hash, g_direct_equal);
      GHashTableIter iter;
      gpointer other;
      int best = -1;

      /* 3 */
      for (guint i = 0; i < tenants->len; i++)
        {
          Tenant *t = g_ptr_array_index (tenants, i);
          guint sat;

          if (t->color >= 0)
            continue;
          sat = saturation (t);
          if (next == NULL || sat > next_sat
              || (sat == next_sat && (g_hash_table_size (t->links) > g_hash_table_size (next->links)
                                      || (g_hash_table_size (t->links) == g_hash_table_size (next->links)
                                          && strcmp (t->key, next->key) < 0))))
            {
              next = t;
              next_sat = sat;
            }
        }
      /* 2: the least used colour no linked tenant has */
      g_hash_table_iter_init (&iter, next->links);
      while (g_hash_table_iter_next (&iter, &other, NULL))
        if (((Tenant *) other)->color >= 0)
          g_hash_table_add (taken, GINT_TO_POINTER (((Tenant *) other)->color + 1));
      {
        guint limit = MAX ((guint) G_N_ELEMENTS (palette), used->len);

        for (guint c = 0; c < limit; c++)
          {
            guint uses = c < used->len ? g_array_index (used, guint, c) : 0;

            if (g_hash_table_contains (taken, GINT_TO_POINTER (c + 1)))
              continue;
            if (best < 0 || uses < (guint) (best < (int) used->len ? g_array_index (used, guint, best) : 0))
              best = (int) c;
          }
        if (best < 0)
          best = (int) limit;   /* every colour is a neighbour's: one more */
        if ((guint) best >= used->len)
          g_array_set_size (used, best + 1);
      }
      next->color = best;
      g_array_index (used, guint, best)++;
      g_hash_table_insert (colors, (gpointer) next->key, GUINT_TO_POINTER (color_at ((guint) best) + 1));
    }
  return colors;
}
