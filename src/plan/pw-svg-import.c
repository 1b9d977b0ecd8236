/* pw-svg-import.c — floor plans from SVG drawings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. Untrusted bytes go through three stages:
 * 1. A scan of the raw bytes for entity declarations before libxml2 sees them: only
 *    a few short literal entities (as Illustrator writes) are let through, so neither
 *    nested expansion (billion laughs) nor external entities can happen. libxml2 then
 *    parses with NONET, no entity substitution, no DTD loading and its default depth
 *    limit (no XML_PARSE_HUGE); its errors go to us, never to stderr.
 * 2. A pass over the tree collects <style> class rules and element ids (for <use>).
 * 3. A walk that carries the transform, the inherited fill and the level; it counts
 *    element visits (PW_SVG_MAX_VISITS, so <use> cannot multiply work without bound),
 *    depth (PW_IMPORT_MAX_DEPTH) and points (PW_IMPORT_MAX_POINTS). Rooms are created
 *    as shapes are met; afterwards frames are dropped and text labels assigned.
 * Invariants: every coordinate stored is finite and within PW_SVG_MAX_COORD; every
 * error and warning names the file and line, and the element and attribute at fault.
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/entities.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <math.h>
#include <string.h>

#include "pw-svg-import.h"
#include "pw-svg-path.h"
#include "pw-ring.h"
#include "pw-text.h"

#define SVG_NS       "http://www.w3.org/2000/svg"
#define XLINK_NS     "http://www.w3.org/1999/xlink"
#define INKSCAPE_NS  "http://www.inkscape.org/namespaces/inkscape"

/* Largest |coordinate| after transforms, in drawing units. */
#define PW_SVG_MAX_COORD     1e9
/* Element visits, counting each time <use> repeats a subtree. */
#define PW_SVG_MAX_VISITS    1000000
/* Entity declarations let through (Illustrator writes about ten short ones). */
#define PW_SVG_MAX_ENTITIES  32
#define PW_SVG_MAX_ENTITY_VALUE 512
/* Shapes looked at as a possible frame: the largest ones only. */
#define PW_SVG_FRAME_CANDIDATES 16
/* Room-against-label (or room) checks after the walk, so matching stays bounded. */
#define PW_SVG_MAX_MATCH_WORK   200000000

/* Closed subpaths of one path sorted into outlines and holes; beyond, all are outlines. */
#define PW_SVG_MAX_NESTED_RINGS 1000

typedef struct
{
  double a, b, c, d, e, f;  /* x' = a x + c y + e, y' = b x + d y + f */
} Matrix;

static const Matrix identity = { 1, 0, 0, 1, 0, 0 };

static Matrix
matrix_multiply (const Matrix *m, const Matrix *n)  /* m then n applied inside: m × n */
{
  Matrix r;

  r.a = m->a * n->a + m->c * n->b;
  r.b = m->b * n->a + m->d * n->b;
  r.c = m->a * n->c + m->c * n->d;
  r.d = m->b * n->c + m->d * n->d;
  r.e = m->a * n->e + m->c * n->f + m->e;
  r.f = m->b * n->e + m->d * n->f + m->f;
  return r;
}

static PwPoint
matrix_apply (const Matrix *m, PwPoint p)
{
  return (PwPoint) { m->a * p.x + m->c * p.y + m->e, m->b * p.x + m->d * p.y + m->f };
}

typedef struct
{
  PwImportLevel *level;
  PwImportRoom  *room;
  char          *place;
  double         area;
  double         x0, y0, x1, y1;  /* bounds of the footprint */
  gboolean       named_by_label;
} Candidate;

static void
candidate_free (gpointer data)
{
  Candidate *c = data;

  g_free (c->place);
  g_free (c);
}

typedef struct
{
  PwImportLevel *level;
  PwPoint        at;      /* the anchor, where the text starts or is centred */
  PwPoint        middle;  /* the middle of the text, estimated from its font size */
  char          *text;
  char          *place;
} Label;

static void
label_free (gpointer data)
{
  Label *l = data;

  g_free (l->text);
  g_free (l->place);
  g_free (l);
}

typedef struct
{
  const char    *source;
  PwImportDoc   *doc;
  GHashTable    *css_tag;    /* name → declarations */
  GHashTable    *css_class;
  GHashTable    *css_id;
  GHashTable    *ids;        /* id → xmlNode* */
  GHashTable    *used_ids;   /* room source ids handed out */
  GHashTable    *id_counters; /* base id → last suffix used */
  GHashTable    *in_use;     /* nodes being expanded by <use> */
  GHashTable    *room_ids;   /* a room element's own id → that element (the first) */
  GPtrArray     *candidates; /* of Candidate* */
  GPtrArray     *labels;     /* of Label* */
  PwImportLevel *default_level;
  char          *default_level_name;
  gboolean       ifc;        /* IfcConvert output: only IfcSpace shapes are rooms */
  double         tolerance;  /* flattening tolerance in root user units */
  guint          visits;
  guint          points;
  guint          walls;
  guint          unfilled;
  guint          other_elements;
  guint          degenerate;
  guint          flat;       /* closed shapes enclosing no area */
  GError        *error;
} Importer;

typedef struct
{
  Matrix         ctm;
  gboolean       fill_none;
  gboolean       room_group;
  PwImportLevel *level;
  const char    *space_name;
  const char    *space_id;
  guint          depth;
} State;

/* ---- small helpers ----------------------------------------------------------- */

static char *
get_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static char *
get_ns_attr (xmlNode *node, const char *name, const char *ns)
{
  xmlChar *value = xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) ns);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* The SVG namespace, also when given through an entity as Illustrator writes it:
 * xmlns="&ns_svg;" (entities are not substituted, see the design note). */
static gboolean
is_svg_namespace (xmlNode *node)
{
  const char *href;
  xmlEntityPtr entity;
  g_autofree char *name = NULL;
  gsize len;

  if (node->ns == NULL)
    return TRUE;
  href = (const char *) node->ns->href;
  if (href == NULL)
    return FALSE;
  if (strcmp (href, SVG_NS) == 0)
    return TRUE;
  len = strlen (href);
  if (len < 3 || href[0] != '&' || href[len - 1] != ';' || node->doc == NULL)
    return FALSE;
  name = g_strndup (href + 1, len - 2);
  entity = xmlGetDocEntity (node->doc, (const xmlChar *) name);
  return entity != NULL && entity->content != NULL
         && strcmp ((const char *) entity->content, SVG_NS) == 0;
}

static gboolean
is_svg_element (xmlNode *node, const char *name)
{
  if (node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (!is_svg_namespace (node))
    return FALSE;
  return name == NULL || strcmp ((const char *) node->name, name) == 0;
}

static long
node_line (xmlNode *node)
{
  return xmlGetLineNo (node);
}

/* "plan.svg:12: <rect id="r1">" — where a message is about. */
static char *
describe (Importer *imp, xmlNode *node)
{
  g_autofree char *id = get_attr (node, "id");

  if (id != NULL)
    {
      if (strlen (id) > 60)
        strcpy (id + 57, "...");
      return g_strdup_printf ("%s:%ld: <%s id=\"%s\">", imp->source, node_line (node),
                              (const char *) node->name, id);
    }
  return g_strdup_printf ("%s:%ld: <%s>", imp->source, node_line (node), (const char *) node->name);
}

static gboolean
element_error (Importer *imp, xmlNode *node, const char *attribute, PwPlanError code,
               const char *message)
{
  g_autofree char *place = describe (imp, node);

  if (imp->error != NULL)
    return FALSE;
  if (attribute != NULL)
    /* TRANSLATORS: "plan.svg:12: <rect id="r1">, attribute “width”: what is wrong" */
    g_set_error (&imp->error, PW_PLAN_ERROR, code, _("%s, attribute “%s”: %s"),
                 place, attribute, message);
  else
    g_set_error (&imp->error, PW_PLAN_ERROR, code, "%s: %s", place, message);
  return FALSE;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static const char *
skip_comma_space (const char *p)
{
  while (is_space (*p))
    p++;
  if (*p == ',')
    p++;
  while (is_space (*p))
    p++;
  return p;
}

/* ---- CSS ---------------------------------------------------------------------- */

/* The value of @prop in "a:b; c:d" declarations, the last one winning; or NULL. */
static char *
declarations_lookup (const char *decls, const char *prop)
{
  g_auto(GStrv) items = NULL;
  char *found = NULL;

  if (decls == NULL)
    return NULL;
  items = g_strsplit (decls, ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char *colon = strchr (items[i], ':');
      char *bang;

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_ascii_strcasecmp (g_strstrip (items[i]), prop) != 0)
        continue;
      bang = strchr (colon + 1, '!');
      if (bang != NULL)
        *bang = '\0';
      g_free (found);
      found = g_strdup (g_strstrip (colon + 1));
    }
  return found;
}

static void
add_rule (GHashTable *table, const char *key, const char *decls)
{
  const char *old = g_hash_table_lookup (table, key);

  g_hash_table_insert (table, g_strdup (key),
                       old != NULL ? g_strconcat (old, ";", decls, NULL) : g_strdup (decls));
}

static gboolean
is_simple_name (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_')
      return FALSE;
  return TRUE;
}

static void
add_selector (Importer *imp, char *selector, const char *decls)
{
  char *dot;

  g_strstrip (selector);
  if (selector[0] == '.' && is_simple_name (selector + 1))
    add_rule (imp->css_class, selector + 1, decls);
  else if (selector[0] == '#' && is_simple_name (selector + 1))
    add_rule (imp->css_id, selector + 1, decls);
  else if (is_simple_name (selector))
    add_rule (imp->css_tag, selector, decls);
  else if ((dot = strchr (selector, '.')) != NULL && dot != selector)
    {
      /* "path.cls" is read as ".cls": close enough for telling rooms from walls */
      *dot = '\0';
      if (is_simple_name (selector) && is_simple_name (dot + 1))
        add_rule (imp->css_class, dot + 1, decls);
    }
  /* descendant, child and attribute selectors are beyond this reader */
}

static void
parse_stylesheet (Importer *imp, const char *css)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *p = css;

  /* drop comments */
  while (*p != '\0')
    {
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          if (end == NULL)
            break;
          p = end + 2;
          continue;
        }
      g_string_append_c (text, *p);
      p++;
    }

  p = text->str;
  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *selectors = NULL;
      g_autofree char *decls = NULL;

      if (open == NULL)
        break;
      selectors = g_strstrip (g_strndup (p, (gsize) (open - p)));
      if (selectors[0] == '@')
        {
          /* skip an at-rule's whole block, nested braces and all */
          int depth = 0;

          for (close = open; *close != '\0'; close++)
            {
              if (*close == '{')
                depth++;
              else if (*close == '}' && --depth == 0)
                break;
            }
          if (*close == '\0')
            break;
          p = close + 1;
          continue;
        }
      close = strchr (open, '}');
      if (close == NULL)
        break;
      decls = g_strndup (open + 1, (gsize) (close - open - 1));
      {
        g_auto(GStrv) list = g_strsplit (selectors, ",", -1);

        for (guint i = 0; list[i] != NULL; i++)
          add_selector (imp, list[i], decls);
      }
      p = close + 1;
    }
}

/* The cascaded value of a property: presentation attribute, then type, class and id
 * rules, then the style attribute, the last found winning. */
static char *
style_property (Importer *imp, xmlNode *node, const char *prop)
{
  char *value = get_attr (node, prop);
  char *found;
  g_autofree char *classes = NULL;
  g_autofree char *id = NULL;
  g_autofree char *style = NULL;

#define TAKE(expr) G_STMT_START { found = (expr); if (found != NULL) { g_free (value); value = found; } } G_STMT_END
  TAKE (declarations_lookup (g_hash_table_lookup (imp->css_tag, node->name), prop));
  classes = get_attr (node, "class");
  if (classes != NULL)
    {
      g_auto(GStrv) list = g_strsplit_set (classes, " \t\r\n", -1);

      for (guint i = 0; list[i] != NULL; i++)
        if (list[i][0] != '\0')
          TAKE (declarations_lookup (g_hash_table_lookup (imp->css_class, list[i]), prop));
    }
  id = get_attr (node, "id");
  if (id != NULL)
    TAKE (declarations_lookup (g_hash_table_lookup (imp->css_id, id), prop));
  style = get_attr (node, "style");
  TAKE (declarations_lookup (style, prop));
#undef TAKE
  if (value != NULL)
    g_strstrip (value);
  return value;
}

static gboolean
has_class (xmlNode *node, const char *cls)
{
  g_autofree char *classes = get_attr (node, "class");
  g_auto(GStrv) list = NULL;

  if (classes == NULL)
    return FALSE;
  list = g_strsplit_set (classes, " \t\r\n", -1);
  for (guint i = 0; list[i] != NULL; i++)
    if (strcmp (list[i], cls) == 0)
      return TRUE;
  return FALSE;
}

/* ---- lengths and numbers ------------------------------------------------------- */

typedef enum {
  AXIS_X,
  AXIS_Y,
  AXIS_OTHER,
} Axis;

/* A length in user units; @ref is what 100% means. FALSE with the error set. */
static gboolean
read_length (Importer *imp, xmlNode *node, const char *name, double ref,
             double fallback, double *out)
{
  g_autofree char *text = get_attr (node, name);
  const char *p;
  double v;
  double unit = 1;

  *out = fallback;
  if (text == NULL)
    return TRUE;
  p = text;
  while (is_space (*p))
    p++;
  if (*p == '\0')
    return TRUE;
  if (!pw_svg_read_number (&p, &v))
    return element_error (imp, node, name, PW_PLAN_ERROR_PARSE,
                          _("not a finite number"));
  if (g_str_has_prefix (p, "px"))
    p += 2;
  else if (g_str_has_prefix (p, "mm"))
    unit = 96 / 25.4, p += 2;
  else if (g_str_has_prefix (p, "cm"))
    unit = 96 / 2.54, p += 2;
  else if (g_str_has_prefix (p, "in"))
    unit = 96, p += 2;
  else if (g_str_has_prefix (p, "pt"))
    unit = 96.0 / 72, p += 2;
  else if (g_str_has_prefix (p, "pc"))
    unit = 16, p += 2;
  else if (g_str_has_prefix (p, "em"))
    unit = 16, p += 2;
  else if (g_str_has_prefix (p, "ex"))
    unit = 8, p += 2;
  else if (*p == '%')
    unit = ref / 100, p++;
  while (is_space (*p))
    p++;
  if (*p != '\0')
    return element_error (imp, node, name, PW_PLAN_ERROR_PARSE,
                          _("not a length"));
  *out = v * unit;
  if (!isfinite (*out) || fabs (*out) > PW_SVG_MAX_COORD)
    return element_error (imp, node, name, PW_PLAN_ERROR_GEOMETRY,
                          _("the length is too large"));
  return TRUE;
}

/* A list of numbers ("points", "viewBox", "x" of text). */
static GArray *
read_numbers (Importer *imp, xmlNode *node, const char *name, const char *text)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  const char *p = text;

  while (is_space (*p))
    p++;
  while (*p != '\0')
    {
      double v;

      if (!pw_svg_read_number (&p, &v))
        {
          g_autofree char *message =
            /* TRANSLATORS: %u is the position of a number in a list, from 1 */
            g_strdup_printf (_("item %u is not a finite number"), values->len + 1);

          element_error (imp, node, name, PW_PLAN_ERROR_PARSE, message);
          return NULL;
        }
      if (fabs (v) > PW_SVG_MAX_COORD)
        {
          element_error (imp, node, name, PW_PLAN_ERROR_GEOMETRY, _("a number is too large"));
          return NULL;
        }
      g_array_append_val (values, v);
      if (values->len > PW_IMPORT_MAX_POINTS)
        {
          element_error (imp, node, name, PW_PLAN_ERROR_LIMIT, _("too many numbers"));
          return NULL;
        }
      p = skip_comma_space (p);
    }
  return g_steal_pointer (&values);
}

/* ---- transforms ------------------------------------------------------------------ */

static gboolean
parse_transform (Importer *imp, xmlNode *node, const char *text, Matrix *out)
{
  const char *p = text;
  Matrix m = identity;

  while (TRUE)
    {
      static const char *const names[] = { "matrix", "translate", "scale", "rotate", "skewX", "skewY" };
      guint kind = G_N_ELEMENTS (names);
      double v[6];
      guint n = 0;
      Matrix t = identity;

      while (is_space (*p) || *p == ',')
        p++;
      if (*p == '\0')
        break;
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_str_has_prefix (p, names[i]))
          {
            kind = i;
            p += strlen (names[i]);
            break;
          }
      while (is_space (*p))
        p++;
      if (kind == G_N_ELEMENTS (names) || *p != '(')
        return element_error (imp, node, "transform", PW_PLAN_ERROR_PARSE,
                              _("expected matrix, translate, scale, rotate, skewX or skewY"));
      p++;
      while (is_space (*p))
        p++;
      while (*p != ')')
        {
          if (n == 6 || !pw_svg_read_number (&p, &v[n]))
            return element_error (imp, node, "transform", PW_PLAN_ERROR_PARSE,
                                  _("expected a finite number or “)”"));
          n++;
          p = skip_comma_space (p);
        }
      p++;
      switch (kind)
        {
        case 0:
          if (n != 6)
            goto bad_count;
          t = (Matrix) { v[0], v[1], v[2], v[3], v[4], v[5] };
          break;
        case 1:
          if (n != 1 && n != 2)
            goto bad_count;
          t.e = v[0];
          t.f = n == 2 ? v[1] : 0;
          break;
        case 2:
          if (n != 1 && n != 2)
            goto bad_count;
          t.a = v[0];
          t.d = n == 2 ? v[1] : v[0];
          break;
        case 3:
          if (n != 1 && n != 3)
            goto bad_count;
          {
            double r = v[0] * G_PI / 180;
            Matrix rot = { cos (r), sin (r), -sin (r), cos (r), 0, 0 };

            if (n == 3)
              {
                Matrix to = { 1, 0, 0, 1, v[1], v[2] }, back = { 1, 0, 0, 1, -v[1], -v[2] };

                rot = matrix_multiply (&to, &rot);
                rot = matrix_multiply (&rot, &back);
              }
            t = rot;
          }
          break;
        case 4:
        case 5:
          if (n != 1)
            goto bad_count;
          if (kind == 4)
            t.c = tan (v[0] * G_PI / 180);
          else
            t.b = tan (v[0] * G_PI / 180);
          break;
        default:
          g_assert_not_reached ();
        }
      m = matrix_multiply (&m, &t);
      continue;

    bad_count:
      {
        /* TRANSLATORS: %s is a transform function such as rotate */
        g_autofree char *message = g_strdup_printf (_("wrong number of values for %s()"),
                                                    names[kind]);

        return element_error (imp, node, "transform", PW_PLAN_ERROR_PARSE, message);
      }
    }
  if (!isfinite (m.a) || !isfinite (m.b) || !isfinite (m.c) || !isfinite (m.d)
      || !isfinite (m.e) || !isfinite (m.f))
    return element_error (imp, node, "transform", PW_PLAN_ERROR_GEOMETRY,
                          _("the transform is not finite"));
  *out = m;
  return TRUE;
}

/* viewBox and preserveAspectRatio of a nested <svg>, into the viewport x, y, w, h. */
static Matrix
viewbox_matrix (const double vb[4], const char *par, double x, double y, double w, double h)
{
  double sx = w / vb[2], sy = h / vb[3];
  Matrix m = identity;

  if (par != NULL && strstr (par, "none") != NULL)
    {
      m.a = sx;
      m.d = sy;
    }
  else
    {
      gboolean slice = par != NULL && strstr (par, "slice") != NULL;
      double s = slice ? MAX (sx, sy) : MIN (sx, sy);
      double fx = 0.5, fy = 0.5;

      if (par != NULL)
        {
          if (strstr (par, "xMin") != NULL)
            fx = 0;
          else if (strstr (par, "xMax") != NULL)
            fx = 1;
          if (strstr (par, "YMin") != NULL)
            fy = 0;
          else if (strstr (par, "YMax") != NULL)
            fy = 1;
        }
      m.a = m.d = s;
      x += (w - vb[2] * s) * fx;
      y += (h - vb[3] * s) * fy;
      sx = sy = s;
    }
  m.e = x - vb[0] * sx;
  m.f = y - vb[1] * sy;
  return m;
}

static GArray *
read_viewbox (Importer *imp, xmlNode *node)
{
  g_autofree char *text = get_attr (node, "viewBox");
  g_autoptr(GArray) values = NULL;

  if (text == NULL)
    return NULL;
  values = read_numbers (imp, node, "viewBox", text);
  if (values == NULL)
    return NULL;
  if (values->len != 4 || g_array_index (values, double, 2) <= 0
      || g_array_index (values, double, 3) <= 0)
    {
      element_error (imp, node, "viewBox", PW_PLAN_ERROR_PARSE,
                     _("expected four numbers: x, y and a positive width and height"));
      return NULL;
    }
  return g_steal_pointer (&values);
}

/* ---- rings to rooms -------------------------------------------------------------- */

typedef struct
{
  GArray  *points;  /* of PwPoint, transformed */
  gboolean closed;
  double   area;    /* absolute */
  double   x0, y0, x1, y1;
  int      parent;
  guint    depth;
} Ring;

static void
ring_clear (gpointer data)
{
  Ring *ring = data;

  g_clear_pointer (&ring->points, g_array_unref);
}

/* Drops repeated points and points on a straight line between their neighbours,
 * spikes included: drawing programs leave zero-length segments and paths that run
 * back over themselves, which change no area but would read as self-intersections.
 * The tolerance follows the drawing's own magnitude, whatever units it uses. */
static void
ring_tidy (Ring *ring)
{
  GArray *pts = ring->points;
  double extent = 0;

  for (guint i = 0; i < pts->len; i++)
    {
      PwPoint *p = &g_array_index (pts, PwPoint, i);

      extent = MAX (extent, MAX (fabs (p->x), fabs (p->y)));
    }
  pw_ring_tidy (pts, MAX (extent, 1) * 1e-10, ring->closed ? PW_RING_CLOSED : PW_RING_OPEN);
  ring->x0 = ring->y0 = G_MAXDOUBLE;
  ring->x1 = ring->y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < pts->len; i++)
    {
      PwPoint *p = &g_array_index (pts, PwPoint, i);

      ring->x0 = MIN (ring->x0, p->x);
      ring->y0 = MIN (ring->y0, p->y);
      ring->x1 = MAX (ring->x1, p->x);
      ring->y1 = MAX (ring->y1, p->y);
    }
  ring->area = pts->len >= 3 ? pw_ring_area (pts) : 0;
}

static gboolean
point_in_ring (const GArray *pts, double x, double y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = pts->len - 1; i < pts->len; j = i++)
    {
      const PwPoint *a = &g_array_index (pts, PwPoint, i);
      const PwPoint *b = &g_array_index (pts, PwPoint, j);

      if ((a->y > y) != (b->y > y)
          && x < (b->x - a->x) * (y - a->y) / (b->y - a->y) + a->x)
        inside = !inside;
    }
  return inside;
}

/* Whether @inner lies in @outer: most of its points do (shared edges are common). */
static gboolean
ring_inside (const Ring *inner, const Ring *outer)
{
  guint in = 0;

  if (inner->x0 < outer->x0 || inner->y0 < outer->y0
      || inner->x1 > outer->x1 || inner->y1 > outer->y1 || inner->area >= outer->area)
    return FALSE;
  for (guint i = 0; i < inner->points->len; i++)
    {
      const PwPoint *p = &g_array_index (inner->points, PwPoint, i);

      if (point_in_ring (outer->points, p->x, p->y))
        in++;
    }
  return in * 2 > inner->points->len;
}

static int
compare_ring_area (gconstpointer a, gconstpointer b)
{
  double x = ((const Ring *) a)->area, y = ((const Ring *) b)->area;

  return (x < y) - (x > y);
}

static PwImportLevel *
current_level (Importer *imp, const State *state)
{
  if (state->level != NULL)
    return state->level;
  if (imp->default_level == NULL)
    imp->default_level = pw_import_doc_add_level (imp->doc, "svg", imp->default_level_name, NAN);
  return imp->default_level;
}

static char *
unique_id (Importer *imp, const char *base)
{
  char *id;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (imp->id_counters, base));

  /* the counter keeps <use> copies of one id linear, not quadratic, to name */
  if (n == 0 && !g_hash_table_contains (imp->used_ids, base))
    id = g_strdup (base);
  else
    {
      id = NULL;
      do
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", base, MAX (n, 1) + 1);
          n = MAX (n, 1) + 1;
        }
      while (g_hash_table_contains (imp->used_ids, id));
    }
  g_hash_table_insert (imp->id_counters, g_strdup (base), GUINT_TO_POINTER (MAX (n, 1)));
  g_hash_table_add (imp->used_ids, id);
  return g_strdup (id);
}

static void
add_room (Importer *imp, xmlNode *node, const State *state, GArray *rings, guint outer_index)
{
  Ring *outer = &g_array_index (rings, Ring, outer_index);
  PwImportLevel *level = current_level (imp, state);
  g_autofree char *element_id = get_attr (node, "id");
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;
  g_autofree char *label = get_ns_attr (node, "label", INKSCAPE_NS);
  g_autofree char *data_name = get_attr (node, "data-name");
  g_autofree char *classes = get_attr (node, "class");
  g_autoptr(PwPolygon) polygon = NULL;
  g_autoptr(GError) invalid = NULL;
  PwImportRoom *room;
  Candidate *candidate;

  if (level->rooms->len >= PW_IMPORT_MAX_ROOMS)
    {
      element_error (imp, node, NULL, PW_PLAN_ERROR_LIMIT, _("the drawing has too many rooms"));
      return;
    }
  if (state->space_id == NULL && element_id != NULL && g_hash_table_size (imp->in_use) == 0)
    {
      /* two elements with one id (not <use> copies, not the rings of one element):
       * each is a room of its own, told apart by its place */
      xmlNode *first = g_hash_table_lookup (imp->room_ids, element_id);

      if (first == NULL)
        g_hash_table_insert (imp->room_ids, g_strdup (element_id), node);
      else if (first != node)
        {
          g_autofree char *quoted = pw_text_quote (element_id);
          g_autofree char *a = describe (imp, first), *b = describe (imp, node);

          pw_import_doc_warn (imp->doc, _("Two rooms have the id “%s”: %s and %s; each is mapped on "
                                          "its own, by its place in the file"), quoted, a, b);
        }
    }
  if (state->space_id != NULL)
    base = g_strdup (state->space_id);
  else if (element_id != NULL)
    base = g_steal_pointer (&element_id);
  else
    base = g_strdup_printf ("%s-line%ld", (const char *) node->name, node_line (node));
  id = unique_id (imp, base);
  room = pw_import_level_add_room (level, id);
  room->place = describe (imp, node);
  if (state->space_name != NULL)
    room->name = g_strdup (state->space_name);
  else if (data_name != NULL)
    room->name = g_steal_pointer (&data_name);
  else if (label != NULL)
    room->name = g_steal_pointer (&label);
  if (state->space_id != NULL)
    room->category = g_strdup ("IfcSpace");
  else if (classes != NULL)
    room->category = g_strdup (g_strstrip (classes));

  polygon = pw_polygon_new ((const PwPoint *) outer->points->data, outer->points->len);
  for (guint i = 0; i < rings->len; i++)
    {
      Ring *ring = &g_array_index (rings, Ring, i);

      if (ring->parent == (int) outer_index && ring->depth % 2 == 1)
        pw_polygon_add_hole (polygon, (const PwPoint *) ring->points->data, ring->points->len);
    }

  candidate = g_new0 (Candidate, 1);
  candidate->level = level;
  candidate->room = room;
  candidate->place = describe (imp, node);
  /* an IfcSpace's own name stands; a label inside it becomes its long name */
  candidate->named_by_label = state->space_id != NULL && room->name != NULL;
  if (!pw_polygon_validate (polygon, &invalid))
    {
      /* TRANSLATORS: "plan.svg:12: <path id="p1">: the outline is not usable (Ring 1 crosses itself…)" */
      pw_import_room_warn (room, _("%s: the outline is not usable (%s); the room has no footprint"),
                           candidate->place, invalid->message);
      imp->degenerate++;
    }
  else
    {
      candidate->area = pw_polygon_area (polygon);
      pw_polygon_bounds (polygon, &candidate->x0, &candidate->y0, &candidate->x1, &candidate->y1);
      pw_import_room_set_polygon (room, g_steal_pointer (&polygon));
    }
  g_ptr_array_add (imp->candidates, candidate);
}

/* Sorts an element's rings into outlines and holes and adds a room per outline. */
static void
add_rings (Importer *imp, xmlNode *node, const State *state, GArray *rings, gboolean filled)
{
  guint open = 0, closed = 0;

  for (guint i = 0; i < rings->len; i++)
    {
      Ring *ring = &g_array_index (rings, Ring, i);

      ring_tidy (ring);
      ring->parent = -1;
      ring->depth = 0;
      if (ring->closed && ring->points->len >= 3)
        closed++;
      else if (!ring->closed)
        open++;
    }
  if (closed == 0)
    {
      if (open > 0)
        imp->walls++;
      else
        imp->flat++;
      return;
    }
  if (imp->ifc && state->space_id == NULL)
    {
      imp->other_elements++;
      return;
    }
  if (!filled && !state->room_group)
    {
      imp->unfilled++;
      return;
    }

  /* largest first, so a ring's parent is already placed; parity of depth tells holes */
  g_array_sort (rings, compare_ring_area);
  if (closed <= PW_SVG_MAX_NESTED_RINGS)
    for (guint i = 0; i < rings->len; i++)
      {
        Ring *ring = &g_array_index (rings, Ring, i);

        if (!ring->closed || ring->points->len < 3)
          continue;
        for (guint j = i; j-- > 0;)
          {
            Ring *other = &g_array_index (rings, Ring, j);

            if (other->closed && other->points->len >= 3 && ring_inside (ring, other))
              {
                ring->parent = (int) j;
                ring->depth = other->depth + 1;
                break;
              }
          }
      }
  for (guint i = 0; i < rings->len && imp->error == NULL; i++)
    {
      Ring *ring = &g_array_index (rings, Ring, i);

      if (ring->closed && ring->points->len >= 3 && ring->depth % 2 == 0)
        add_room (imp, node, state, rings, i);
    }
}

/* Transforms and checks the points of one ring into @rings. */
static gboolean
push_ring (Importer *imp, xmlNode *node, const char *attribute, const State *state,
           GArray *rings, const PwPoint *pts, guint n, gboolean closed)
{
  Ring ring = { 0 };

  if (imp->points + n > PW_IMPORT_MAX_POINTS)
    return element_error (imp, node, attribute, PW_PLAN_ERROR_LIMIT,
                          _("the drawing has too many points"));
  imp->points += n;
  ring.points = g_array_sized_new (FALSE, FALSE, sizeof (PwPoint), n);
  ring.closed = closed;
  for (guint i = 0; i < n; i++)
    {
      PwPoint p = matrix_apply (&state->ctm, pts[i]);

      if (!isfinite (p.x) || !isfinite (p.y)
          || fabs (p.x) > PW_SVG_MAX_COORD || fabs (p.y) > PW_SVG_MAX_COORD)
        {
          g_array_unref (ring.points);
          return element_error (imp, node, attribute, PW_PLAN_ERROR_GEOMETRY,
                                _("a coordinate is too large or not finite"));
        }
      g_array_append_val (ring.points, p);
    }
  g_array_append_val (rings, ring);
  return TRUE;
}

static double
local_tolerance (Importer *imp, const State *state)
{
  double det = fabs (state->ctm.a * state->ctm.d - state->ctm.b * state->ctm.c);
  double scale = sqrt (det);

  if (!(scale > 1e-12))
    return imp->tolerance;
  return imp->tolerance / scale;
}

static void
rounded_rect (GArray *pts, double x, double y, double w, double h, double rx, double ry, double tol)
{
  /* corners: centre and start angle, going clockwise on screen (y down) */
  const double cx[4] = { x + w - rx, x + w - rx, x + rx, x + rx };
  const double cy[4] = { y + ry, y + h - ry, y + h - ry, y + ry };
  const double start[4] = { -G_PI / 2, 0, G_PI / 2, G_PI };
  g_autoptr(GArray) circle = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  guint quarter;

  pw_svg_flatten_ellipse (circle, 0, 0, rx, ry, tol);
  quarter = MAX (circle->len / 4, 1);
  for (guint c = 0; c < 4; c++)
    for (guint i = 0; i <= quarter; i++)
      {
        double a = start[c] + (G_PI / 2) * i / quarter;
        PwPoint p = { cx[c] + rx * cos (a), cy[c] + ry * sin (a) };

        g_array_append_val (pts, p);
      }
}

static void
handle_shape (Importer *imp, xmlNode *node, const State *state, gboolean filled)
{
  const char *name = (const char *) node->name;
  g_autoptr(GArray) rings = g_array_new (FALSE, TRUE, sizeof (Ring));
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  double tol = local_tolerance (imp, state);

  g_array_set_clear_func (rings, ring_clear);

  if (strcmp (name, "rect") == 0)
    {
      double x, y, w, h, rx, ry;

      if (!read_length (imp, node, "x", 0, 0, &x) || !read_length (imp, node, "y", 0, 0, &y)
          || !read_length (imp, node, "width", 0, 0, &w)
          || !read_length (imp, node, "height", 0, 0, &h)
          || !read_length (imp, node, "rx", 0, NAN, &rx)
          || !read_length (imp, node, "ry", 0, NAN, &ry))
        return;
      if (w <= 0 || h <= 0)
        {
          imp->flat++;
          return;
        }
      if (isnan (rx))
        rx = isnan (ry) ? 0 : ry;
      if (isnan (ry))
        ry = rx;
      rx = CLAMP (fabs (rx), 0, w / 2);
      ry = CLAMP (fabs (ry), 0, h / 2);
      if (rx > 0 && ry > 0)
        rounded_rect (pts, x, y, w, h, rx, ry, tol);
      else
        {
          PwPoint corners[] = { { x, y }, { x + w, y }, { x + w, y + h }, { x, y + h } };

          g_array_append_vals (pts, corners, 4);
        }
      if (!push_ring (imp, node, "x", state, rings, (PwPoint *) pts->data, pts->len, TRUE))
        return;
    }
  else if (strcmp (name, "circle") == 0 || strcmp (name, "ellipse") == 0)
    {
      double cx, cy, rx, ry;
      gboolean circle = name[0] == 'c';

      if (!read_length (imp, node, "cx", 0, 0, &cx) || !read_length (imp, node, "cy", 0, 0, &cy)
          || !read_length (imp, node, circle ? "r" : "rx", 0, 0, &rx)
          || !read_length (imp, node, circle ? "r" : "ry", 0, 0, &ry))
        return;
      if (rx <= 0 || ry <= 0)
        {
          imp->flat++;
          return;
        }
      pw_svg_flatten_ellipse (pts, cx, cy, rx, ry, tol);
      if (!push_ring (imp, node, circle ? "r" : "rx", state, rings,
                      (PwPoint *) pts->data, pts->len, TRUE))
        return;
    }
  else if (strcmp (name, "line") == 0)
    {
      imp->walls++;
      return;
    }
  else if (strcmp (name, "polygon") == 0 || strcmp (name, "polyline") == 0)
    {
      g_autofree char *text = get_attr (node, "points");
      g_autoptr(GArray) values = NULL;

      if (text == NULL)
        return;
      values = read_numbers (imp, node, "points", text);
      if (values == NULL)
        return;
      if (values->len % 2 != 0)
        {
          element_error (imp, node, "points", PW_PLAN_ERROR_PARSE,
                         _("an odd count of numbers: the last point has no y"));
          return;
        }
      for (guint i = 0; i + 1 < values->len; i += 2)
        {
          PwPoint p = { g_array_index (values, double, i), g_array_index (values, double, i + 1) };

          g_array_append_val (pts, p);
        }
      {
        gboolean closed = name[4] == 'g';

        /* a polyline that comes back to its start encloses a room all the same */
        if (!closed && pts->len >= 4)
          {
            PwPoint *a = &g_array_index (pts, PwPoint, 0);
            PwPoint *b = &g_array_index (pts, PwPoint, pts->len - 1);

            closed = a->x == b->x && a->y == b->y;
          }
        if (!push_ring (imp, node, "points", state, rings, (PwPoint *) pts->data, pts->len, closed))
          return;
      }
    }
  else if (strcmp (name, "path") == 0)
    {
      g_autofree char *d = get_attr (node, "d");
      g_autoptr(GPtrArray) subpaths = NULL;
      g_autoptr(GError) error = NULL;
      guint room_left = PW_IMPORT_MAX_POINTS - imp->points;

      if (d == NULL)
        return;
      subpaths = pw_svg_path_parse (d, tol, MAX (room_left, 1), NULL, &error);
      if (subpaths == NULL)
        {
          element_error (imp, node, "d", (PwPlanError) error->code, error->message);
          return;
        }
      for (guint i = 0; i < subpaths->len; i++)
        {
          PwSvgSubpath *sub = g_ptr_array_index (subpaths, i);

          if (!push_ring (imp, node, "d", state, rings, (PwPoint *) sub->points->data,
                          sub->points->len, sub->closed))
            return;
        }
    }
  else
    return;

  add_rings (imp, node, state, rings, filled);
}

/* ---- text labels ----------------------------------------------------------------- */

static void
collect_text (xmlNode *node, GString *out, guint depth)
{
  if (depth > PW_IMPORT_MAX_DEPTH)
    return;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            g_string_append (out, (const char *) child->content);
        }
      else if (is_svg_element (child, "tspan") || is_svg_element (child, "textPath")
               || is_svg_element (child, "a"))
        {
          g_string_append_c (out, ' ');
          collect_text (child, out, depth + 1);
        }
    }
}

/* Valid UTF-8 with every run of white space (no-break spaces too) made one space. */
static char *
tidy_text (const char *raw)
{
  g_autofree char *valid = g_utf8_make_valid (raw, -1);
  GString *out = g_string_new (NULL);
  gboolean pending = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2007)
        {
          pending = out->len > 0;
          continue;
        }
      if (pending)
        g_string_append_c (out, ' ');
      pending = FALSE;
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static gboolean
first_coordinate (Importer *imp, xmlNode *node, const char *name, double *out)
{
  g_autofree char *text = get_attr (node, name);
  g_autoptr(GArray) values = NULL;

  if (text == NULL)
    return FALSE;
  values = read_numbers (imp, node, name, text);
  if (values == NULL || values->len == 0)
    return FALSE;
  *out = g_array_index (values, double, 0);
  return TRUE;
}

/* The text's or its first tspan's font size in user units; 16 when neither says. */
static double
font_size (Importer *imp, xmlNode *node, xmlNode *tspan)
{
  xmlNode *nodes[] = { tspan, node };

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_autofree char *value = nodes[i] != NULL ? style_property (imp, nodes[i], "font-size") : NULL;
      const char *p = value;
      double v;

      if (p == NULL || !pw_svg_read_number (&p, &v) || !(v > 0) || v > PW_SVG_MAX_COORD)
        continue;
      if (strcmp (p, "pt") == 0)
        v *= 96.0 / 72;
      else if (strcmp (p, "mm") == 0)
        v *= 96 / 25.4;
      else if (*p != '\0' && strcmp (p, "px") != 0)
        continue;
      return v;
    }
  return 16;
}

static void
handle_text (Importer *imp, xmlNode *node, const State *state)
{
  xmlNode *tspan = NULL;
  g_autofree char *anchor = NULL;
  double size, width;
  PwPoint middle;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *tidy = NULL;
  PwPoint at = { 0, 0 };
  gboolean has_x, has_y;
  Label *label;

  has_x = first_coordinate (imp, node, "x", &at.x);
  has_y = first_coordinate (imp, node, "y", &at.y);
  if (imp->error != NULL)
    return;
  if (!has_x || !has_y)
    for (xmlNode *child = node->children; child != NULL; child = child->next)
      if (is_svg_element (child, "tspan"))
        {
          tspan = child;
          if (!has_x)
            has_x = first_coordinate (imp, child, "x", &at.x);
          if (!has_y)
            has_y = first_coordinate (imp, child, "y", &at.y);
          break;
        }
  if (imp->error != NULL)
    return;
  collect_text (node, text, 0);
  tidy = tidy_text (text->str);
  if (tidy[0] == '\0')
    return;
  /* a start-anchored label begins at its anchor: its middle is a half-width further */
  size = font_size (imp, node, tspan);
  width = 0.55 * size * MIN (g_utf8_strlen (tidy, -1), 12);
  anchor = style_property (imp, node, "text-anchor");
  if (anchor == NULL && tspan != NULL)
    anchor = style_property (imp, tspan, "text-anchor");
  middle.x = at.x + width / 2 * (g_strcmp0 (anchor, "middle") == 0 ? 0
                                 : g_strcmp0 (anchor, "end") == 0 ? -1 : 1);
  middle.y = at.y - 0.35 * size;
  at = matrix_apply (&state->ctm, at);
  middle = matrix_apply (&state->ctm, middle);
  if (!isfinite (at.x) || !isfinite (at.y) || !isfinite (middle.x) || !isfinite (middle.y))
    return;
  label = g_new0 (Label, 1);
  label->level = current_level (imp, state);
  label->at = at;
  label->middle = middle;
  label->text = g_steal_pointer (&tidy);
  label->place = describe (imp, node);
  g_ptr_array_add (imp->labels, label);
}

/* ---- the walk ----------------------------------------------------------------------- */

static void walk_children (Importer *imp, xmlNode *node, const State *state);

static gboolean
is_skipped_container (const char *name)
{
  static const char *const skipped[] = {
    "defs", "clipPath", "mask", "symbol", "marker", "pattern", "linearGradient",
    "radialGradient", "filter", "metadata", "title", "desc", "style", "script",
    "foreignObject", "font", "font-face", "cursor", "image",
  };

  for (guint i = 0; i < G_N_ELEMENTS (skipped); i++)
    if (strcmp (name, skipped[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
walk (Importer *imp, xmlNode *node, const State *parent, const Matrix *extra)
{
  const char *name = (const char *) node->name;
  State state = *parent;
  g_autofree char *display = NULL;
  g_autofree char *visibility = NULL;
  g_autofree char *fill = NULL;
  g_autofree char *transform = NULL;
  g_autofree char *storey_name = NULL;
  g_autofree char *space_name = NULL;
  g_autofree char *space_id = NULL;

  if (imp->error != NULL || !is_svg_element (node, NULL))
    return;
  if (++imp->visits > PW_SVG_MAX_VISITS)
    {
      element_error (imp, node, NULL, PW_PLAN_ERROR_LIMIT,
                     _("the drawing has too many elements (counting those <use> repeats)"));
      return;
    }
  state.depth++;
  if (state.depth > PW_IMPORT_MAX_DEPTH)
    {
      g_autofree char *message = g_strdup_printf (_("elements are nested more than %d deep"),
                                                  PW_IMPORT_MAX_DEPTH);

      element_error (imp, node, NULL, PW_PLAN_ERROR_LIMIT, message);
      return;
    }
  if (is_skipped_container (name))
    return;

  display = style_property (imp, node, "display");
  if (display != NULL && strcmp (display, "none") == 0)
    return;

  transform = get_attr (node, "transform");
  if (extra != NULL)
    state.ctm = matrix_multiply (&state.ctm, extra);
  if (transform != NULL)
    {
      Matrix m;

      if (!parse_transform (imp, node, transform, &m))
        return;
      state.ctm = matrix_multiply (&state.ctm, &m);
    }

  fill = style_property (imp, node, "fill");
  if (fill != NULL && strcmp (fill, "inherit") != 0)
    state.fill_none = strcmp (fill, "none") == 0 || strcmp (fill, "transparent") == 0;

  if (strcmp (name, "g") == 0 || strcmp (name, "a") == 0 || strcmp (name, "switch") == 0)
    {
      g_autofree char *id = get_attr (node, "id");
      g_autofree char *label = get_ns_attr (node, "label", INKSCAPE_NS);

      if (has_class (node, "IfcBuildingStorey"))
        {
          g_autofree char *guid = get_attr (node, "data-guid");
          const char *level_id = guid != NULL ? guid : id;
          g_autofree char *fallback = NULL;

          storey_name = get_attr (node, "data-name");
          if (level_id == NULL)
            level_id = fallback = g_strdup_printf ("storey-line%ld", node_line (node));
          state.level = pw_import_doc_find_level (imp->doc, level_id);
          if (state.level == NULL)
            state.level = pw_import_doc_add_level (imp->doc, level_id,
                                                   storey_name != NULL ? storey_name : level_id,
                                                   NAN);
        }
      else if (has_class (node, "IfcSpace"))
        {
          g_autofree char *guid = get_attr (node, "data-guid");

          space_name = get_attr (node, "data-name");
          space_id = g_strdup (guid != NULL ? guid : id);
          if (space_id == NULL)
            space_id = g_strdup_printf ("space-line%ld", node_line (node));
          state.space_name = space_name;
          state.space_id = space_id;
          state.room_group = TRUE;
        }
      else
        {
          g_autofree char *classes = get_attr (node, "class");
          const char *marks[] = { classes, id, label };

          /* a group named or classed as rooms or spaces marks its closed shapes as rooms */
          for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
            if (marks[i] != NULL)
              {
                g_autofree char *lower = g_ascii_strdown (marks[i], -1);

                if (strstr (lower, "room") != NULL || strstr (lower, "space") != NULL)
                  state.room_group = TRUE;
              }
        }
      walk_children (imp, node, &state);
      return;
    }

  if (strcmp (name, "svg") == 0)
    {
      double x, y, w, h;
      g_autoptr(GArray) vb = NULL;
      g_autofree char *par = get_attr (node, "preserveAspectRatio");

      if (!read_length (imp, node, "x", 0, 0, &x) || !read_length (imp, node, "y", 0, 0, &y)
          || !read_length (imp, node, "width", 0, NAN, &w)
          || !read_length (imp, node, "height", 0, NAN, &h))
        return;
      vb = read_viewbox (imp, node);
      if (imp->error != NULL)
        return;
      if (vb != NULL && isfinite (w) && isfinite (h) && w > 0 && h > 0)
        {
          Matrix m = viewbox_matrix ((double *) vb->data, par, x, y, w, h);

          state.ctm = matrix_multiply (&state.ctm, &m);
        }
      else
        {
          Matrix m = { 1, 0, 0, 1, x, y };

          state.ctm = matrix_multiply (&state.ctm, &m);
        }
      walk_children (imp, node, &state);
      return;
    }

  if (strcmp (name, "use") == 0)
    {
      g_autofree char *href = get_ns_attr (node, "href", XLINK_NS);
      xmlNode *target;
      double x, y;
      Matrix m = identity;

      if (href == NULL)
        href = get_attr (node, "href");
      if (href == NULL || href[0] != '#')
        return;
      target = g_hash_table_lookup (imp->ids, href + 1);
      if (target == NULL || g_hash_table_contains (imp->in_use, target))
        return;
      if (!read_length (imp, node, "x", 0, 0, &x) || !read_length (imp, node, "y", 0, 0, &y))
        return;
      m.e = x;
      m.f = y;
      g_hash_table_add (imp->in_use, target);
      if (is_svg_element (target, "symbol"))
        {
          state.ctm = matrix_multiply (&state.ctm, &m);
          walk_children (imp, target, &state);
        }
      else
        walk (imp, target, &state, &m);
      g_hash_table_remove (imp->in_use, target);
      return;
    }

  visibility = style_property (imp, node, "visibility");
  if (visibility != NULL && (strcmp (visibility, "hidden") == 0 || strcmp (visibility, "collapse") == 0))
    return;

  if (strcmp (name, "text") == 0)
    {
      handle_text (imp, node, &state);
      return;
    }

  handle_shape (imp, node, &state, !state.fill_none);
}

static void
walk_children (Importer *imp, xmlNode *node, const State *state)
{
  for (xmlNode *child = node->children; child != NULL && imp->error == NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      walk (imp, child, state, NULL);
}

/* Styles and ids, and whether this is IfcConvert output; iterative, the tree is bounded. */
static void
prepare (Importer *imp, xmlNode *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          g_autofree char *id = get_attr (node, "id");

          if (id != NULL && !g_hash_table_contains (imp->ids, id))
            g_hash_table_insert (imp->ids, g_steal_pointer (&id), node);
          if (is_svg_element (node, "style"))
            {
              xmlChar *css = xmlNodeGetContent (node);

              if (css != NULL)
                parse_stylesheet (imp, (const char *) css);
              xmlFree (css);
            }
          if (has_class (node, "IfcSpace") || has_class (node, "IfcBuildingStorey"))
            imp->ifc = TRUE;
          if (node->children != NULL)
            {
              node = node->children;
              continue;
            }
        }
      while (node != NULL && node != root && node->next == NULL)
        node = node->parent;
      if (node == NULL || node == root)
        break;
      node = node->next;
    }
}

/* ---- after the walk --------------------------------------------------------------- */

static int
compare_candidate_area (gconstpointer a, gconstpointer b)
{
  const Candidate *x = *(Candidate *const *) a, *y = *(Candidate *const *) b;

  return (x->area < y->area) - (x->area > y->area);
}

/* A frame surrounds most other shapes, so it is among the largest: only those are
 * checked, which keeps this linear in the number of rooms. */
static void
drop_frames (Importer *imp)
{
  g_autoptr(GPtrArray) largest = g_ptr_array_sized_new (imp->candidates->len);
  g_autoptr(GPtrArray) frames = g_ptr_array_new ();

  /* not g_ptr_array_copy (), which would share the candidates' free function */
  for (guint i = 0; i < imp->candidates->len; i++)
    g_ptr_array_add (largest, g_ptr_array_index (imp->candidates, i));
  g_ptr_array_sort (largest, compare_candidate_area);
  for (guint i = 0; i < MIN (largest->len, PW_SVG_FRAME_CANDIDATES); i++)
    {
      Candidate *c = g_ptr_array_index (largest, i);
      guint others = 0, inside = 0;

      if (c->room->polygon == NULL)
        continue;
      for (guint j = 0; j < imp->candidates->len; j++)
        {
          Candidate *o = g_ptr_array_index (imp->candidates, j);
          double mx, my;

          if (o == c || o->level != c->level || o->room->polygon == NULL)
            continue;
          others++;
          mx = (o->x0 + o->x1) / 2;
          my = (o->y0 + o->y1) / 2;
          if (o->area < c->area && mx >= c->x0 && mx <= c->x1 && my >= c->y0 && my <= c->y1
              && pw_polygon_contains (c->room->polygon, mx, my))
            inside++;
        }
      if (inside >= 3 && inside * 2 > others)
        {
          g_ptr_array_add (frames, c);
          pw_import_doc_warn (imp->doc,
                              _("%s surrounds %u of the %u other shapes: taken as the drawing's "
                                "frame or the building's outline, not as a room"),
                              c->place, inside, others);
        }
    }
  for (guint i = 0; i < frames->len; i++)
    {
      Candidate *c = g_ptr_array_index (frames, i);

      g_ptr_array_remove (c->level->rooms, c->room);
      g_ptr_array_remove (imp->candidates, c);
    }
}

/* The smallest room holding @at on @level, or NULL. */
static Candidate *
find_room (Importer *imp, PwImportLevel *level, PwPoint at, guint64 *work)
{
  Candidate *best = NULL;

  *work += imp->candidates->len;
  for (guint j = 0; j < imp->candidates->len; j++)
    {
      Candidate *c = g_ptr_array_index (imp->candidates, j);

      if (c->level != level || c->room->polygon == NULL
          || at.x < c->x0 || at.x > c->x1 || at.y < c->y0 || at.y > c->y1)
        continue;
      if (!pw_polygon_contains (c->room->polygon, at.x, at.y))
        continue;
      if (best == NULL || c->area < best->area)
        best = c;
    }
  return best;
}

static void
assign_labels (Importer *imp)
{
  guint unmatched = 0;
  g_autoptr(GString) examples = g_string_new (NULL);
  guint64 work = 0;

  for (guint i = 0; i < imp->labels->len; i++)
    {
      Label *label = g_ptr_array_index (imp->labels, i);
      Candidate *best;

      if (work > PW_SVG_MAX_MATCH_WORK)
        {
          guint left = imp->labels->len - i;

          pw_import_doc_warn (imp->doc,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %u text label was not matched to a room: the "
                                           "drawing has too many labels and rooms",
                                           "%s: %u text labels were not matched to rooms: the "
                                           "drawing has too many labels and rooms", left),
                              imp->source, left);
          break;
        }
      best = find_room (imp, label->level, label->middle, &work);
      if (best == NULL)
        best = find_room (imp, label->level, label->at, &work);
      if (best == NULL)
        {
          if (unmatched < 5)
            g_string_append_printf (examples, "%s“%s”", unmatched > 0 ? ", " : "", label->text);
          unmatched++;
          continue;
        }
      if (!best->named_by_label)
        {
          g_free (best->room->name);
          best->room->name = g_strdup (label->text);
          best->named_by_label = TRUE;
        }
      else if (best->room->long_name == NULL)
        best->room->long_name = g_strdup (label->text);
      else
        {
          char *joined = g_strconcat (best->room->long_name, " ", label->text, NULL);

          g_free (best->room->long_name);
          best->room->long_name = joined;
        }
    }
  if (unmatched > 0)
    pw_import_doc_warn (imp->doc,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "%s: %u text label lies in no room: %s",
                                     "%s: %u text labels lie in no room, such as %s",
                                     unmatched),
                        imp->source, unmatched, examples->str);
}

/* Root width and height in metres, when both are physical lengths. */
static gboolean
physical_size (xmlNode *root, const char *name, double *metres)
{
  g_autofree char *text = get_attr (root, name);
  const char *p = text;
  double v;

  if (text == NULL)
    return FALSE;
  while (is_space (*p))
    p++;
  if (!pw_svg_read_number (&p, &v) || !(v > 0))
    return FALSE;
  if (strcmp (p, "mm") == 0)
    *metres = v / 1000;
  else if (strcmp (p, "cm") == 0)
    *metres = v / 100;
  else if (strcmp (p, "in") == 0)
    *metres = v * 0.0254;
  else
    return FALSE;
  return TRUE;
}

static gboolean
apply_physical_scale (Importer *imp, xmlNode *root, GArray *vb)
{
  double wm, hm, sx, sy, scale;
  g_autofree char *par = get_attr (root, "preserveAspectRatio");
  g_autofree char *w = get_attr (root, "width");
  g_autofree char *h = get_attr (root, "height");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (vb == NULL || !physical_size (root, "width", &wm) || !physical_size (root, "height", &hm))
    return TRUE;
  sx = wm / g_array_index (vb, double, 2);
  sy = hm / g_array_index (vb, double, 3);
  if (par != NULL && strstr (par, "none") != NULL)
    {
      if (fabs (sx - sy) > 1e-6 * MAX (sx, sy))
        {
          pw_import_doc_warn (imp->doc,
                              _("%s: the drawing is stretched unevenly by its viewBox, so no "
                                "scale is taken from its size"), imp->source);
          return TRUE;
        }
      scale = sx;
    }
  else
    scale = MIN (sx, sy);
  if (!pw_import_doc_set_scale (imp->doc, scale, NULL))
    return FALSE;
  g_ascii_formatd (buf, sizeof buf, "%.6g", scale);
  pw_import_doc_warn (imp->doc,
                      _("%s: the drawing states its size as %s × %s, so a drawing unit is taken "
                        "as %s m; calibrate the import if the drawing is to a scale such as 1:100"),
                      imp->source, w, h, buf);
  return TRUE;
}

/* ---- entry points ------------------------------------------------------------------- */

static long
line_at (const char *data, gsize offset)
{
  long line = 1;

  for (gsize i = 0; i < offset; i++)
    if (data[i] == '\n')
      line++;
  return line;
}

static const char *
find_bytes (const char *data, gsize len, gsize from, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = from; i + n <= len; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

/* Stage 1 of the design note: only short literal entities get to libxml2. */
static gboolean
check_entities (const char *data, gsize len, const char *source, GError **error)
{
  gsize from = 0;
  guint count = 0;
  const char *decl;

  while ((decl = find_bytes (data, len, from, "<!ENTITY")) != NULL)
    {
      gsize at = (gsize) (decl - data);
      const char *p = decl + 8, *end = data + len;
      const char *problem = NULL;

      while (p < end && is_space (*p))
        p++;
      if (++count > PW_SVG_MAX_ENTITIES)
        problem = _("the document declares more entities than a drawing needs");
      else if (p < end && *p == '%')
        problem = _("the document declares parameter entities");
      else
        {
          while (p < end && !is_space (*p) && *p != '>')
            p++;
          while (p < end && is_space (*p))
            p++;
          if (p < end && (*p == '"' || *p == '\''))
            {
              char quote = *p++;
              const char *value = p;

              while (p < end && *p != quote)
                p++;
              if ((gsize) (p - value) > PW_SVG_MAX_ENTITY_VALUE)
                problem = _("the document declares an entity with a long value");
              else if (memchr (value, '&', (gsize) (p - value)) != NULL
                       || memchr (value, '%', (gsize) (p - value)) != NULL)
                problem = _("the document declares entities that expand to other entities "
                            "(an entity expansion attack, or a “billion laughs”)");
            }
          else
            problem = _("the document declares external entities");
        }
      if (problem != NULL)
        {
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                       /* TRANSLATORS: "plan.svg:3: <!ENTITY>: what is wrong; Parkwise…" */
                       _("%s:%ld: <!ENTITY>: %s; Parkwise does not read such files"),
                       source, line_at (data, at), problem);
          return FALSE;
        }
      from = at + 8;
    }
  return TRUE;
}

typedef struct
{
  const char *source;
  GError     *error;
} ParseErrors;

static void
structured_error_cb (void *user_data, xmlErrorPtr xerror)
{
  ParseErrors *errors = user_data;
  g_autofree char *message = NULL;
  PwPlanError code = PW_PLAN_ERROR_PARSE;

  if (errors->error != NULL || xerror == NULL || xerror->level < XML_ERR_ERROR)
    return;
  message = g_strdup (xerror->message != NULL ? xerror->message : "");
  g_strstrip (message);
  if (xerror->code == XML_ERR_ENTITY_LOOP
      || (xerror->code == XML_ERR_INTERNAL_ERROR && strstr (message, "depth") != NULL))
    code = PW_PLAN_ERROR_LIMIT;
  if (code == PW_PLAN_ERROR_LIMIT && strstr (message, "depth") != NULL)
    g_set_error (&errors->error, PW_PLAN_ERROR, code,
                 _("%s:%d: elements are nested more than %d deep"),
                 errors->source, xerror->line, PW_IMPORT_MAX_DEPTH);
  else
    /* TRANSLATORS: "plan.svg:12: not well-formed XML: <libxml2's message, in English>" */
    g_set_error (&errors->error, PW_PLAN_ERROR, code, _("%s:%d: not well-formed XML: %s"),
                 errors->source, xerror->line, message);
}

static void
silent_generic_cb (void *ctx, const char *msg, ...)
{
}

PwImportDoc *
pw_svg_import_bytes (const char *data, gsize len, const char *source_name, GError **error)
{
  g_autoptr(PwImportDoc) doc = NULL;
  g_autofree char *source = g_path_get_basename (source_name != NULL ? source_name : "drawing.svg");
  ParseErrors errors = { source, NULL };
  xmlParserCtxtPtr ctxt;
  xmlDocPtr xdoc;
  xmlNode *root;
  int options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
  Importer imp = { 0 };
  State state = { 0 };
  g_autoptr(GArray) vb = NULL;
  g_autofree char *version = NULL;
  gboolean ok;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (len == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY, _("%s is empty"), source);
      return NULL;
    }
  if (len > PW_IMPORT_MAX_FILE_BYTES || len > G_MAXINT)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (PW_IMPORT_MAX_FILE_BYTES);

      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s is %s; drawings of at most %s can be imported"), source, size, limit);
      return NULL;
    }
  if (!check_entities (data, len, source, error))
    return NULL;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE, _("%s: out of memory"), source);
      return NULL;
    }
  /* libxml2 reports through these and the context, never to stderr */
  xmlSetStructuredErrorFunc (&errors, structured_error_cb);
  xmlSetGenericErrorFunc (NULL, silent_generic_cb);
  xdoc = xmlCtxtReadMemory (ctxt, data, (int) len, source, NULL, options);
  ok = xdoc != NULL && ctxt->wellFormed;
  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlSetGenericErrorFunc (NULL, NULL);
  xmlFreeParserCtxt (ctxt);

  if (!ok)
    {
      if (xdoc != NULL)
        xmlFreeDoc (xdoc);
      if (errors.error == NULL)
        g_set_error (&errors.error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                     _("%s: not well-formed XML"), source);
      g_propagate_error (error, errors.error);
      return NULL;
    }
  g_clear_error (&errors.error);

  root = xmlDocGetRootElement (xdoc);
  if (root != NULL && strcmp ((const char *) root->name, "svg") == 0 && !is_svg_namespace (root))
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("%s:%ld: the root element <svg> is not in the SVG namespace (%s)"),
                   source, node_line (root), (const char *) root->ns->href);
      xmlFreeDoc (xdoc);
      return NULL;
    }
  if (root == NULL || !is_svg_element (root, "svg"))
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("%s:%ld: the root element is <%s>, not <svg>: this is not an SVG drawing"),
                   source, root != NULL ? node_line (root) : 1L,
                   root != NULL ? (const char *) root->name : "");
      xmlFreeDoc (xdoc);
      return NULL;
    }
  if (xdoc->intSubset != NULL && xdoc->intSubset->entities != NULL
      && xmlHashSize (xdoc->intSubset->entities) > PW_SVG_MAX_ENTITIES)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s: the document declares more entities than a drawing needs"), source);
      xmlFreeDoc (xdoc);
      return NULL;
    }

  doc = pw_import_doc_new (PW_IMPORT_FORMAT_SVG, source);
  version = get_attr (root, "version");
  doc->schema = version != NULL ? g_strdup_printf ("SVG %s", version) : g_strdup ("SVG");
  doc->needs_scale = TRUE;

  imp.source = source;
  imp.doc = doc;
  imp.css_tag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.css_class = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.css_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.used_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.id_counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.in_use = g_hash_table_new (NULL, NULL);
  imp.room_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.candidates = g_ptr_array_new_with_free_func (candidate_free);
  imp.labels = g_ptr_array_new_with_free_func (label_free);

  /* the level is named after the drawing's title, or else its file */
  for (xmlNode *child = root->children; child != NULL; child = child->next)
    if (is_svg_element (child, "title"))
      {
        xmlChar *title = xmlNodeGetContent (child);

        if (title != NULL && g_utf8_validate ((const char *) title, -1, NULL))
          {
            imp.default_level_name = g_strstrip (g_strdup ((const char *) title));
            if (imp.default_level_name[0] == '\0')
              g_clear_pointer (&imp.default_level_name, g_free);
          }
        xmlFree (title);
        break;
      }
  if (imp.default_level_name == NULL)
    {
      char *dot = strrchr (source, '.');

      imp.default_level_name = dot != NULL && dot != source ? g_strndup (source, (gsize) (dot - source))
                                                            : g_strdup (source);
    }

  prepare (&imp, root);
  vb = read_viewbox (&imp, root);
  if (imp.error == NULL)
    {
      double w = 0, h = 0;

      /* flatten curves to a hundred-thousandth of the drawing's size */
      if (vb != NULL)
        imp.tolerance = MAX (g_array_index (vb, double, 2), g_array_index (vb, double, 3)) * 1e-5;
      else if (read_length (&imp, root, "width", 0, 0, &w) && read_length (&imp, root, "height", 0, 0, &h)
               && w > 0 && h > 0)
        imp.tolerance = MAX (w, h) * 1e-5;
      else
        imp.tolerance = 0.01;
      g_clear_error (&imp.error);
    }
  if (imp.error == NULL)
    {
      state.ctm = identity;
      state.fill_none = FALSE;
      {
        g_autofree char *fill = style_property (&imp, root, "fill");

        if (fill != NULL)
          state.fill_none = strcmp (fill, "none") == 0;
      }
      /* the root's own viewBox defines the drawing units: children are walked as is */
      {
        g_autofree char *transform = get_attr (root, "transform");

        if (transform != NULL)
          parse_transform (&imp, root, transform, &state.ctm);
      }
      walk_children (&imp, root, &state);
    }
  if (imp.error == NULL)
    {
      drop_frames (&imp);
      assign_labels (&imp);
      if (imp.walls > 0)
        pw_import_doc_warn (doc, g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %u open path or line was taken as a wall and skipped",
                                              "%s: %u open paths or lines were taken as walls and skipped",
                                              imp.walls), source, imp.walls);
      if (imp.unfilled > 0)
        pw_import_doc_warn (doc, g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %u closed shape with no fill was skipped; put room "
                                              "shapes in a group named “rooms” to import them",
                                              "%s: %u closed shapes with no fill were skipped; put room "
                                              "shapes in a group named “rooms” to import them",
                                              imp.unfilled), source, imp.unfilled);
      if (imp.other_elements > 0)
        pw_import_doc_warn (doc, g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %u shape outside every IfcSpace was skipped",
                                              "%s: %u shapes outside every IfcSpace were skipped",
                                              imp.other_elements), source, imp.other_elements);
      if (imp.degenerate > 0)
        pw_import_doc_warn (doc, g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %u room has an outline that crosses itself or is otherwise unusable; it has no footprint",
                                              "%s: %u rooms have outlines that cross themselves or are otherwise unusable; they have no footprint",
                                              imp.degenerate), source, imp.degenerate);
      if (imp.flat > 0)
        pw_import_doc_warn (doc, g_dngettext (GETTEXT_PACKAGE,
                                              "%s: %u closed shape encloses no area and was skipped",
                                              "%s: %u closed shapes enclose no area and were skipped",
                                              imp.flat), source, imp.flat);
      if (pw_import_doc_count_rooms (doc) == 0)
        g_set_error (&imp.error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY,
                     _("%s holds no closed shapes that could be rooms"), source);
    }
  if (imp.error == NULL)
    apply_physical_scale (&imp, root, vb);

  g_hash_table_unref (imp.css_tag);
  g_hash_table_unref (imp.css_class);
  g_hash_table_unref (imp.css_id);
  g_hash_table_unref (imp.ids);
  g_hash_table_unref (imp.used_ids);
  g_hash_table_unref (imp.id_counters);
  g_hash_table_unref (imp.in_use);
  g_hash_table_unref (imp.room_ids);
  g_ptr_array_unref (imp.candidates);
  g_ptr_array_unref (imp.labels);
  g_free (imp.default_level_name);
  xmlFreeDoc (xdoc);

  if (imp.error != NULL)
    {
      g_propagate_error (error, imp.error);
      return NULL;
    }
  return g_steal_pointer (&doc);
}

PwImportDoc *
pw_svg_import_file (const char *path, GError **error)
{
  GStatBuf st;
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Cannot read %s: %s"), base, g_strerror (saved));
      return NULL;
    }
  if (st.st_size > PW_IMPORT_MAX_FILE_BYTES)
    {
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_autofree char *limit = g_format_size (PW_IMPORT_MAX_FILE_BYTES);

      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s is %s; drawings of at most %s can be imported"), base, size, limit);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;
  return pw_svg_import_bytes (contents, len, base, error);
}
