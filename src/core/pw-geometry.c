/* pw-geometry.c — space outlines: polygons with holes, in metres on the floor
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Outline JSON: {"outer":[[x,y],...],"holes":[[[x,y],...],...]}, rings left open (the
 * last point is not a copy of the first). Invariants:
 *  1. Untrusted text is measured (size, nesting depth) before json-glib sees it, because
 *     json-glib recurses once per nesting level and very deep input crashes it.
 *  2. A polygon that passed pw_polygon_validate() has finite coordinates, rings of at
 *     least 3 distinct consecutive points that do not cross themselves, and holes whose
 *     points lie inside (or on) the outer ring.
 *  3. Geometry stays double; pw_polygon_area_centi() is the one rounded step from a
 *     drawn outline to a recorded area.
 *  4. Rings are numbered from 1 in messages: ring 1 is the outer ring, holes follow.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-geometry.h"
#include "pw-ring.h"

struct _PwPolygon
{
  GArray    *outer; /* of PwPoint */
  GPtrArray *holes; /* of GArray of PwPoint */
};

static GArray *
ring_new (const PwPoint *pts,
          guint          n)
{
  GArray *ring = g_array_sized_new (FALSE, FALSE, sizeof (PwPoint), n);

  if (n > 0)
    g_array_append_vals (ring, pts, n);
  return ring;
}

static PwPolygon *
polygon_new_empty (void)
{
  PwPolygon *polygon = g_new0 (PwPolygon, 1);

  polygon->holes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  return polygon;
}

/**
 * pw_polygon_new:
 *
 * Builds a polygon from its outer ring. Builders do not validate, so an editor can hold
 * an outline while it is being drawn; call pw_polygon_validate() before storing it.
 */
PwPolygon *
pw_polygon_new (const PwPoint *outer,
                guint          n)
{
  PwPolygon *polygon;

  g_return_val_if_fail (outer != NULL || n == 0, NULL);

  polygon = polygon_new_empty ();
  polygon->outer = ring_new (outer, n);
  return polygon;
}

PwPolygon *
pw_polygon_new_rect (double x,
                     double y,
                     double w,
                     double h)
{
  const PwPoint pts[] = {
    { x, y }, { x + w, y }, { x + w, y + h }, { x, y + h },
  };

  return pw_polygon_new (pts, G_N_ELEMENTS (pts));
}

void
pw_polygon_add_hole (PwPolygon     *polygon,
                     const PwPoint *pts,
                     guint          n)
{
  g_return_if_fail (polygon != NULL);
  g_return_if_fail (pts != NULL || n == 0);

  g_ptr_array_add (polygon->holes, ring_new (pts, n));
}

void
pw_polygon_free (PwPolygon *polygon)
{
  if (polygon == NULL)
    return;
  g_clear_pointer (&polygon->outer, g_array_unref);
  g_clear_pointer (&polygon->holes, g_ptr_array_unref);
  g_free (polygon);
}

const PwPoint *
pw_polygon_get_outer (PwPolygon *polygon,
                      guint     *n)
{
  g_return_val_if_fail (polygon != NULL, NULL);

  if (n != NULL)
    *n = polygon->outer->len;
  return (const PwPoint *) polygon->outer->data;
}

guint
pw_polygon_get_n_holes (PwPolygon *polygon)
{
  g_return_val_if_fail (polygon != NULL, 0);

  return polygon->holes->len;
}

const PwPoint *
pw_polygon_get_hole (PwPolygon *polygon,
                     guint      index,
                     guint     *n)
{
  GArray *ring;

  g_return_val_if_fail (polygon != NULL, NULL);
  g_return_val_if_fail (index < polygon->holes->len, NULL);

  ring = g_ptr_array_index (polygon->holes, index);
  if (n != NULL)
    *n = ring->len;
  return (const PwPoint *) ring->data;
}

/* Ring @index counted as in messages: 0 is the outer ring, 1.. the holes. */
static GArray *
get_ring (PwPolygon *polygon,
          guint      index)
{
  return index == 0 ? polygon->outer : g_ptr_array_index (polygon->holes, index - 1);
}

/* ------------------------------------------------------------------ validation */

static double
orient (const PwPoint *a,
        const PwPoint *b,
        const PwPoint *c)
{
  return (b->x - a->x) * (c->y - a->y) - (b->y - a->y) * (c->x - a->x);
}

static int
sign_of (double v)
{
  return v > 0 ? 1 : (v < 0 ? -1 : 0);
}

/* @p is known to be collinear with a–b: is it within the segment? */
static gboolean
within_segment (const PwPoint *a,
                const PwPoint *b,
                const PwPoint *p)
{
  return p->x >= MIN (a->x, b->x) && p->x <= MAX (a->x, b->x)
         && p->y >= MIN (a->y, b->y) && p->y <= MAX (a->y, b->y);
}

static gboolean
on_segment (const PwPoint *a,
            const PwPoint *b,
            const PwPoint *p)
{
  return orient (a, b, p) == 0 && within_segment (a, b, p);
}

/* Closed segments: touching counts, since a ring touching itself is not simple. */
static gboolean
segments_intersect (const PwPoint *p1,
                    const PwPoint *p2,
                    const PwPoint *p3,
                    const PwPoint *p4)
{
  int d1 = sign_of (orient (p3, p4, p1));
  int d2 = sign_of (orient (p3, p4, p2));
  int d3 = sign_of (orient (p1, p2, p3));
  int d4 = sign_of (orient (p1, p2, p4));

  if (d1 * d2 < 0 && d3 * d4 < 0)
    return TRUE;
  return (d1 == 0 && within_segment (p3, p4, p1))
         || (d2 == 0 && within_segment (p3, p4, p2))
         || (d3 == 0 && within_segment (p1, p2, p3))
         || (d4 == 0 && within_segment (p1, p2, p4));
}

typedef struct
{
  double xmin, xmax, ymin, ymax;
  guint  index; /* the edge from point index to point index + 1 */
} Edge;

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const Edge *ea = a;
  const Edge *eb = b;

  if (ea->xmin != eb->xmin)
    return ea->xmin < eb->xmin ? -1 : 1;
  return ea->index < eb->index ? -1 : (ea->index > eb->index ? 1 : 0);
}

/* Finds two edges of a ring that cross or touch, other than neighbours meeting at their
 * shared point. Edges are swept by x so typical outlines avoid the full O(n²) pairing. */
static gboolean
find_self_intersection (const PwPoint *pts,
                        guint          n,
                        guint         *edge_a,
                        guint         *edge_b)
{
  g_autofree Edge *edges = g_new (Edge, n);

  /* Neighbouring edges share a point; they overlap only when the ring doubles back. */
  for (guint i = 0; i < n; i++)
    {
      const PwPoint *a = &pts[i];
      const PwPoint *b = &pts[(i + 1) % n];
      const PwPoint *c = &pts[(i + 2) % n];
      double dot = (a->x - b->x) * (c->x - b->x) + (a->y - b->y) * (c->y - b->y);

      if (orient (a, b, c) == 0 && dot > 0)
        {
          *edge_a = i;
          *edge_b = (i + 1) % n;
          return TRUE;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const PwPoint *a = &pts[i];
      const PwPoint *b = &pts[(i + 1) % n];

      edges[i].xmin = MIN (a->x, b->x);
      edges[i].xmax = MAX (a->x, b->x);
      edges[i].ymin = MIN (a->y, b->y);
      edges[i].ymax = MAX (a->y, b->y);
      edges[i].index = i;
    }
  qsort (edges, n, sizeof (Edge), compare_edges);

  for (guint i = 0; i < n; i++)
    {
      for (guint j = i + 1; j < n && edges[j].xmin <= edges[i].xmax; j++)
        {
          guint ia = edges[i].index;
          guint ib = edges[j].index;

          if ((ia + 1) % n == ib || (ib + 1) % n == ia)
            continue;
          if (edges[j].ymin > edges[i].ymax || edges[j].ymax < edges[i].ymin)
            continue;
          if (segments_intersect (&pts[ia], &pts[(ia + 1) % n],
                                  &pts[ib], &pts[(ib + 1) % n]))
            {
              *edge_a = MIN (ia, ib);
              *edge_b = MAX (ia, ib);
              return TRUE;
            }
        }
    }

  return FALSE;
}

/* Twice the signed area; measured from the first point so that plans placed far from
 * the origin do not lose precision to cancellation. */
/* Even-odd rule with half-open edges, so a point on a shared edge is counted once. */
static gboolean
ring_contains (const PwPoint *pts,
               guint          n,
               double         x,
               double         y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      const PwPoint *a = &pts[i];
      const PwPoint *b = &pts[j];

      if ((a->y > y) != (b->y > y)
          && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
        inside = !inside;
    }
  return inside;
}

static gboolean
ring_contains_or_touches (const PwPoint *pts,
                          guint          n,
                          const PwPoint *p)
{
  for (guint i = 0; i < n; i++)
    if (on_segment (&pts[i], &pts[(i + 1) % n], p))
      return TRUE;
  return ring_contains (pts, n, p->x, p->y);
}

static gboolean
check_coordinate (double   v,
                  guint    ring,
                  guint    point,
                  GError **error)
{
  if (!isfinite (v))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("Ring %u, point %u: coordinate is not a finite number"), ring, point);
      return FALSE;
    }
  if (fabs (v) > PW_OUTLINE_MAX_COORD)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("Ring %u, point %u: coordinate is more than 10,000 km from the plan's "
                     "origin"), ring, point);
      return FALSE;
    }
  return TRUE;
}

/**
 * pw_polygon_validate:
 *
 * Checks that the polygon is a usable outline (see invariant 2 at the top of this file).
 * Fails with %PW_LEDGER_ERROR_BAD_OUTLINE naming the ring and point at fault.
 */
gboolean
pw_polygon_validate (PwPolygon *polygon,
                     GError   **error)
{
  guint n_rings;
  guint total = 0;
  const PwPoint *outer;
  guint n_outer;

  g_return_val_if_fail (polygon != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n_rings = 1 + polygon->holes->len;
  for (guint r = 0; r < n_rings; r++)
    total += get_ring (polygon, r)->len;
  if (total > PW_OUTLINE_MAX_POINTS)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("The outline has %u points; at most %u are allowed"),
                   total, PW_OUTLINE_MAX_POINTS);
      return FALSE;
    }

  for (guint r = 0; r < n_rings; r++)
    {
      GArray *ring = get_ring (polygon, r);
      const PwPoint *pts = (const PwPoint *) ring->data;
      guint n = ring->len;
      guint edge_a, edge_b;

      if (n < 3)
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                       _("Ring %u has %u points; a ring needs at least 3"), r + 1, n);
          return FALSE;
        }

      for (guint i = 0; i < n; i++)
        if (!check_coordinate (pts[i].x, r + 1, i + 1, error)
            || !check_coordinate (pts[i].y, r + 1, i + 1, error))
          return FALSE;

      for (guint i = 0; i < n; i++)
        {
          const PwPoint *prev = &pts[(i + n - 1) % n];

          if (pts[i].x != prev->x || pts[i].y != prev->y)
            continue;
          if (i == 0)
            g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                         _("Ring %u: the last point repeats the first; leave the ring "
                           "open"), r + 1);
          else
            g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                         _("Ring %u, point %u repeats the point before it"), r + 1, i + 1);
          return FALSE;
        }

      if (find_self_intersection (pts, n, &edge_a, &edge_b))
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                       _("Ring %u crosses itself: the edge from point %u meets the edge "
                         "from point %u"), r + 1, edge_a + 1, edge_b + 1);
          return FALSE;
        }

      if (pw_ring_area2 (pts, n) == 0)
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                       _("Ring %u encloses no area"), r + 1);
          return FALSE;
        }
    }

  outer = (const PwPoint *) polygon->outer->data;
  n_outer = polygon->outer->len;
  for (guint r = 1; r < n_rings; r++)
    {
      GArray *ring = get_ring (polygon, r);

      for (guint i = 0; i < ring->len; i++)
        if (!ring_contains_or_touches (outer, n_outer, &g_array_index (ring, PwPoint, i)))
          {
            g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                         _("Ring %u, point %u: the hole reaches outside the outer ring"),
                         r + 1, i + 1);
            return FALSE;
          }
    }

  return TRUE;
}

/* ------------------------------------------------------------------ JSON */

/* Rejects text json-glib should not be handed (invariant 1). Brackets inside strings
 * do not count; the scan is linear and needs no allocation. */
static gboolean
check_json_shape (const char *json,
                  gsize       len,
                  GError    **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = json[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > PW_OUTLINE_MAX_DEPTH)
            {
              g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                           _("The outline is nested more than %u levels deep"),
                           PW_OUTLINE_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static gboolean
read_coordinate (JsonArray *pair,
                 guint      index,
                 guint      ring,
                 guint      point,
                 double    *out,
                 GError   **error)
{
  JsonNode *node = json_array_get_element (pair, index);
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto not_a_number;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    goto not_a_number;

  *out = json_node_get_double (node);
  return check_coordinate (*out, ring, point, error);

not_a_number:
  g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
               _("Ring %u, point %u: coordinate is not a number"), ring, point);
  return FALSE;
}

static GArray *
read_ring (JsonNode *node,
           guint     ring_number,
           GError  **error)
{
  g_autoptr(GArray) ring = NULL;
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("Ring %u is not a list of points"), ring_number);
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  ring = g_array_sized_new (FALSE, FALSE, sizeof (PwPoint), n);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonArray *pair;
      PwPoint pt;

      if (!JSON_NODE_HOLDS_ARRAY (element)
          || json_array_get_length (json_node_get_array (element)) != 2)
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                       _("Ring %u, point %u is not a pair of numbers [x, y]"),
                       ring_number, i + 1);
          return NULL;
        }
      pair = json_node_get_array (element);
      if (!read_coordinate (pair, 0, ring_number, i + 1, &pt.x, error)
          || !read_coordinate (pair, 1, ring_number, i + 1, &pt.y, error))
        return NULL;
      g_array_append_val (ring, pt);
    }

  return g_steal_pointer (&ring);
}

static guint
count_elements (JsonNode *node)
{
  return JSON_NODE_HOLDS_ARRAY (node) ? json_array_get_length (json_node_get_array (node)) : 0;
}

/* One JSON number at *@p exactly as JSON writes it (no "+", "inf", hex, space),
 * read with g_ascii_strtod; FALSE for anything else. */
static gboolean
read_plain_number (const char **p, double *out)
{
  const char *s = *p, *start = *p;
  char *end = NULL;
  guint digits = 0;
  gboolean integer = TRUE;

  if (*s == '-')
    s++;
  /* JSON has no leading zero ("01") */
  if (s[0] == '0' && g_ascii_isdigit (s[1]))
    return FALSE;
  for (; g_ascii_isdigit (*s); s++)
    digits++;
  if (digits == 0)
    return FALSE;
  if (*s == '.')
    {
      integer = FALSE;
      if (!g_ascii_isdigit (*++s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (*s == 'e' || *s == 'E')
    {
      integer = FALSE;
      s++;
      if (*s == '+' || *s == '-')
        s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  /* a long integer is read by json-glib as gint64 first: leave it to that path */
  if (integer && digits > 15)
    return FALSE;
  *out = g_ascii_strtod (start, &end);
  if (end != s || !isfinite (*out) || fabs (*out) > PW_OUTLINE_MAX_COORD)
    return FALSE;
  *p = s;
  return TRUE;
}

/* A ring as pw_polygon_to_json() writes it: [[x,y],[x,y],…] without spaces. */
static GArray *
read_plain_ring (const char **p, guint *total)
{
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  const char *s = *p;

  if (*s++ != '[')
    return NULL;
  if (*s == ']')
    {
      *p = s + 1;
      return g_steal_pointer (&ring);
    }
  for (;;)
    {
      PwPoint pt;

      if (*s++ != '[' || !read_plain_number (&s, &pt.x) || *s++ != ','
          || !read_plain_number (&s, &pt.y) || *s++ != ']')
        return NULL;
      if (++*total > PW_OUTLINE_MAX_POINTS)
        return NULL;
      g_array_append_val (ring, pt);
      if (*s == ']')
        break;
      if (*s++ != ',')
        return NULL;
    }
  *p = s + 1;
  return g_steal_pointer (&ring);
}

/* The outline exactly as pw_polygon_to_json() writes it, read without a JSON
 * parser (an undo list or a floor's load reads thousands); NULL for any other
 * text, which the full reader then reads or refuses with its message. Nothing
 * it accepts reads otherwise there. */
static PwPolygon *
read_plain_outline (const char *json)
{
  g_autoptr(PwPolygon) polygon = NULL;
  const char *s = json;
  guint total = 0;

  if (!g_str_has_prefix (s, "{\"outer\":"))
    return NULL;
  s += strlen ("{\"outer\":");
  polygon = polygon_new_empty ();
  polygon->outer = read_plain_ring (&s, &total);
  if (polygon->outer == NULL)
    return NULL;
  if (g_str_has_prefix (s, ",\"holes\":["))
    {
      s += strlen (",\"holes\":[");
      if (*s == ']')
        s++;
      else
        for (;;)
          {
            GArray *ring = read_plain_ring (&s, &total);

            if (ring == NULL)
              return NULL;
            g_ptr_array_add (polygon->holes, ring);
            if (*s == ']')
              {
                s++;
                break;
              }
            if (*s++ != ',')
              return NULL;
          }
    }
  if (*s != '}' || s[1] != '\0')
    return NULL;
  return g_steal_pointer (&polygon);
}

/**
 * pw_polygon_new_from_json:
 *
 * Reads and validates an outline stored on a space. Returns %NULL with
 * %PW_LEDGER_ERROR_BAD_OUTLINE saying what is wrong.
 */
PwPolygon *
pw_polygon_new_from_json (const char *json,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PwPolygon) polygon = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *outer_node;
  JsonNode *holes_node = NULL;
  JsonArray *holes = NULL;
  guint total;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json == NULL)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("The space has no outline"));
      return NULL;
    }

  len = strlen (json);
  if (len > PW_OUTLINE_MAX_BYTES)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("The outline is larger than 16 MiB"));
      return NULL;
    }
  if (!check_json_shape (json, len, error))
    return NULL;

  /* as this code wrote it: no parser needed, the same checks after */
  polygon = read_plain_outline (json);
  if (polygon != NULL)
    return pw_polygon_validate (polygon, error) ? g_steal_pointer (&polygon) : NULL;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, (gssize) len, &local_error))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("The outline is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("The outline is not a JSON object with an “outer” ring"));
      return NULL;
    }
  object = json_node_get_object (root);

  outer_node = json_object_get_member (object, "outer");
  if (outer_node == NULL)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("The outline has no “outer” ring"));
      return NULL;
    }

  if (json_object_has_member (object, "holes"))
    {
      holes_node = json_object_get_member (object, "holes");
      if (JSON_NODE_HOLDS_ARRAY (holes_node))
        holes = json_node_get_array (holes_node);
      else if (!JSON_NODE_HOLDS_NULL (holes_node))
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                       _("The outline's “holes” is not a list of rings"));
          return NULL;
        }
    }

  /* Count first so that an oversized outline is refused before it is copied. */
  total = count_elements (outer_node);
  for (guint i = 0; holes != NULL && i < json_array_get_length (holes); i++)
    total += count_elements (json_array_get_element (holes, i));
  if (total > PW_OUTLINE_MAX_POINTS)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_BAD_OUTLINE,
                   _("The outline has %u points; at most %u are allowed"),
                   total, PW_OUTLINE_MAX_POINTS);
      return NULL;
    }

  polygon = polygon_new_empty ();
  polygon->outer = read_ring (outer_node, 1, error);
  if (polygon->outer == NULL)
    return NULL;

  for (guint i = 0; holes != NULL && i < json_array_get_length (holes); i++)
    {
      GArray *ring = read_ring (json_array_get_element (holes, i), i + 2, error);

      if (ring == NULL)
        return NULL;
      g_ptr_array_add (polygon->holes, ring);
    }

  if (!pw_polygon_validate (polygon, error))
    return NULL;

  return g_steal_pointer (&polygon);
}

/* Shortest text that reads back as the same double, so a round trip is exact and the
 * stored JSON stays readable ("0.1", not "0.10000000000000001"). */
static void
append_number (GString *out,
               double   v)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON has no NaN or infinity; null makes pw_polygon_new_from_json() refuse it. */
  if (!isfinite (v))
    {
      g_string_append (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
}

static void
append_ring (GString *out,
             GArray  *ring)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < ring->len; i++)
    {
      const PwPoint *pt = &g_array_index (ring, PwPoint, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      append_number (out, pt->x);
      g_string_append_c (out, ',');
      append_number (out, pt->y);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

char *
pw_polygon_to_json (PwPolygon *polygon)
{
  GString *out;

  g_return_val_if_fail (polygon != NULL, NULL);

  out = g_string_new ("{\"outer\":");
  append_ring (out, polygon->outer);
  g_string_append (out, ",\"holes\":[");
  for (guint i = 0; i < polygon->holes->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_ring (out, g_ptr_array_index (polygon->holes, i));
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ measures */

/**
 * pw_polygon_area:
 *
 * Returns the area in m²: the outer ring minus its holes, whatever the winding.
 */
double
pw_polygon_area (PwPolygon *polygon)
{
  double area;

  g_return_val_if_fail (polygon != NULL, 0);

  area = fabs (pw_ring_area2 ((const PwPoint *) polygon->outer->data, polygon->outer->len));
  for (guint i = 0; i < polygon->holes->len; i++)
    {
      GArray *ring = g_ptr_array_index (polygon->holes, i);

      area -= fabs (pw_ring_area2 ((const PwPoint *) ring->data, ring->len));
    }

  /* Only an unvalidated polygon (holes larger than the outline) can go below zero. */
  return MAX (area / 2, 0);
}

/**
 * pw_polygon_area_centi:
 *
 * Returns the area rounded half-up to 0.01 m², ready to record. Floating-point error in
 * the coordinates can move a value lying exactly on a half either way; a drawn outline is
 * not that precise anyway.
 */
gint64
pw_polygon_area_centi (PwPolygon *polygon)
{
  double hundredths;

  g_return_val_if_fail (polygon != NULL, 0);

  hundredths = floor (pw_polygon_area (polygon) * 100 + 0.5);
  /* Only possible for an unvalidated polygon with huge or non-finite coordinates. */
  if (!(hundredths < 9.2e18))
    return G_MAXINT64;
  return (gint64) hundredths;
}

void
pw_polygon_bounds (PwPolygon *polygon,
                   double    *x0,
                   double    *y0,
                   double    *x1,
                   double    *y1)
{
  double min_x = 0, min_y = 0, max_x = 0, max_y = 0;

  g_return_if_fail (polygon != NULL);

  /* Holes lie inside the outer ring, so the outer ring alone gives the bounds. */
  for (guint i = 0; i < polygon->outer->len; i++)
    {
      const PwPoint *pt = &g_array_index (polygon->outer, PwPoint, i);

      if (i == 0 || pt->x < min_x)
        min_x = pt->x;
      if (i == 0 || pt->y < min_y)
        min_y = pt->y;
      if (i == 0 || pt->x > max_x)
        max_x = pt->x;
      if (i == 0 || pt->y > max_y)
        max_y = pt->y;
    }

  if (x0 != NULL)
    *x0 = min_x;
  if (y0 != NULL)
    *y0 = min_y;
  if (x1 != NULL)
    *x1 = max_x;
  if (y1 != NULL)
    *y1 = max_y;
}

/**
 * pw_polygon_contains:
 *
 * Whether (x, y) lies inside the outer ring and outside every hole. Points exactly on
 * an edge may go either way.
 */
gboolean
pw_polygon_contains (PwPolygon *polygon,
                     double     x,
                     double     y)
{
  g_return_val_if_fail (polygon != NULL, FALSE);

  if (polygon->outer->len < 3
      || !ring_contains ((const PwPoint *) polygon->outer->data, polygon->outer->len, x, y))
    return FALSE;

  for (guint i = 0; i < polygon->holes->len; i++)
    {
      GArray *ring = g_ptr_array_index (polygon->holes, i);

      if (ring->len >= 3 && ring_contains ((const PwPoint *) ring->data, ring->len, x, y))
        return FALSE;
    }
  return TRUE;
}
