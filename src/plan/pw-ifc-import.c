/* pw-ifc-import.c — storeys and spaces from IFC models in STEP form
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note.
 *  1. Geometry is computed in the file's length unit with y north, then converted
 *     once per ring to metres with y down (pw-import.h).
 *  2. A problem confined to one space (a missing reference, an unsupported solid,
 *     an outline that crosses itself) is a warning on its room, and the room keeps
 *     no polygon. A problem with the file (syntax, numbers out of range, cyclic
 *     placements, limits) refuses the whole file: those errors are "hard".
 *  3. Footprints: an extrusion that runs within ~2.5° of vertical gives its profile;
 *     any other extrusion is "sideways" and gives the outline of the solid seen from
 *     above. Boundary representations give the union of their downward faces,
 *     merged by cancelling the edges neighbouring faces share.
 *  4. Every walk along references (placements, mapped items, curves, units) is
 *     bounded by a depth, so a reference cycle ends in an error, never a loop.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-ifc-import.h"
#include "pw-ring.h"

#define MAX_CHAIN   64     /* placements, mapped items, nested operands */
#define ARC_STEP    (G_PI / 18)
#define SPLIT_LIMIT 4000   /* edges above which T-junctions are not searched */
#define SPLIT_WORK  200000000.0  /* edge × vertex tests for the whole file */
#define MAX_RING_POINTS 20000   /* in one footprint: no room needs more */

typedef struct { double x, y, z; } Vec3;
typedef struct { Vec3 ax, ay, az, o; } Xform;   /* columns and origin */

typedef struct
{
  GArray    *outer;   /* of PwPoint, file units, y north */
  GPtrArray *holes;   /* of GArray of PwPoint */
} Shape;

typedef struct
{
  PwStepFile  *step;
  PwImportDoc *doc;
  double       length, area, angle;
  gboolean     area_assumed;
  guint        n_points;         /* budget against PW_IMPORT_MAX_POINTS */
  PwImportRoom *room;            /* being read: where soft warnings go */
  gboolean     sideways;
  GHashTable  *parents;          /* child id → relating id */
  GHashTable  *rooms;            /* space id → PwImportRoom* */
  GHashTable  *levels;           /* storey id → PwImportLevel* */
  double       split_work;       /* left of SPLIT_WORK */
} Ifc;

static const Xform identity = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0, 0, 0 } };

/* ------------------------------------------------------------------ vectors */

static Vec3 v3 (double x, double y, double z) { return (Vec3) { x, y, z }; }
static Vec3 vadd (Vec3 a, Vec3 b) { return v3 (a.x + b.x, a.y + b.y, a.z + b.z); }
static Vec3 vscale (Vec3 a, double s) { return v3 (a.x * s, a.y * s, a.z * s); }
static double vdot (Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static double vlen (Vec3 a) { return sqrt (vdot (a, a)); }

static Vec3
vcross (Vec3 a, Vec3 b)
{
  return v3 (a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}

static Vec3
xf_dir (const Xform *t, Vec3 d)
{
  return vadd (vadd (vscale (t->ax, d.x), vscale (t->ay, d.y)), vscale (t->az, d.z));
}

static Vec3
xf_point (const Xform *t, Vec3 p)
{
  return vadd (xf_dir (t, p), t->o);
}

/* a ∘ b: b first */
static Xform
xf_mul (const Xform *a, const Xform *b)
{
  return (Xform) { xf_dir (a, b->ax), xf_dir (a, b->ay), xf_dir (a, b->az), xf_point (a, b->o) };
}

/* Right-handed frame from an optional z axis and an optional x direction. */
static Xform
make_frame (Vec3 origin, const Vec3 *axis, const Vec3 *ref)
{
  Xform t;
  Vec3 z = axis ? *axis : v3 (0, 0, 1);
  Vec3 x = ref ? *ref : v3 (1, 0, 0);
  double n = vlen (z);

  z = n > 1e-12 ? vscale (z, 1 / n) : v3 (0, 0, 1);
  x = vadd (x, vscale (z, -vdot (x, z)));
  n = vlen (x);
  if (n < 1e-9)
    {
      x = fabs (z.x) < 0.9 ? v3 (1, 0, 0) : v3 (0, 1, 0);
      x = vadd (x, vscale (z, -vdot (x, z)));
      n = vlen (x);
    }
  x = vscale (x, 1 / n);
  t.ax = x;
  t.az = z;
  t.ay = vcross (z, x);
  t.o = origin;
  return t;
}

/* ------------------------------------------------------------------ access */

typedef struct
{
  guint32             id;
  guint               index;
  const char         *type;
  const PwStepValue  *args;
} Ent;

static guint
line_of (Ifc *c, guint32 id)
{
  guint index = pw_step_file_lookup (c->step, id);

  return index == PW_STEP_NO_INDEX ? 0 : pw_step_file_get_line (c->step, index);
}

static void G_GNUC_PRINTF (4, 5)
soft_error (Ifc *c, GError **error, guint32 id, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
               _("#%u (line %u): %s"), id, line_of (c, id), detail);
}

static gboolean
is_soft (const GError *error)
{
  return g_error_matches (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY);
}

/* Resolves #id; a missing instance is a soft error, a parse failure a hard one. */
static gboolean
get_ent (Ifc *c, guint32 id, Ent *out, GError **error)
{
  out->id = id;
  out->index = id ? pw_step_file_lookup (c->step, id) : PW_STEP_NO_INDEX;
  if (out->index == PW_STEP_NO_INDEX)
    {
      if (id)
        g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                     _("#%u is referred to but not defined"), id);
      else
        g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY, _("a reference is missing"));
      return FALSE;
    }
  out->type = pw_step_file_get_type_name (c->step, out->index);
  out->args = pw_step_file_get_args (c->step, out->index, error);
  return out->args != NULL;
}

static const PwStepValue *
arg (const Ent *e, guint i)
{
  return pw_step_value_get_item (e->args, i);
}

static guint32
arg_ref (const Ent *e, guint i)
{
  return pw_step_value_get_ref (arg (e, i));
}

static gboolean
is (const Ent *e, const char *type)
{
  return strcmp (e->type, type) == 0;
}

static gboolean
arg_number (Ifc *c, const Ent *e, guint i, double *out, GError **error)
{
  if (!pw_step_value_get_number (arg (e, i), out))
    {
      soft_error (c, error, e->id, _("%s needs a number as argument %u"), e->type, i + 1);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_point (Ifc *c, guint32 id, Vec3 *out, GError **error)
{
  Ent e;
  const PwStepValue *coords;
  double v[3] = { 0, 0, 0 };

  if (!get_ent (c, id, &e, error))
    return FALSE;
  coords = arg (&e, 0);
  if (!is (&e, "IFCCARTESIANPOINT") || !pw_step_value_is_list (coords) || coords->n < 1 || coords->n > 3)
    {
      soft_error (c, error, id, _("a point was expected, not %s"), e.type);
      return FALSE;
    }
  for (guint i = 0; i < coords->n; i++)
    if (!pw_step_value_get_number (&coords->items[i], &v[i]))
      {
        soft_error (c, error, id, _("a coordinate is not a number"));
        return FALSE;
      }
  *out = v3 (v[0], v[1], v[2]);
  return TRUE;
}

static gboolean
read_direction (Ifc *c, guint32 id, Vec3 *out, GError **error)
{
  Ent e;
  const PwStepValue *ratios;
  double v[3] = { 0, 0, 0 };

  if (!get_ent (c, id, &e, error))
    return FALSE;
  ratios = arg (&e, 0);
  if (!is (&e, "IFCDIRECTION") || !pw_step_value_is_list (ratios) || ratios->n < 2 || ratios->n > 3)
    {
      soft_error (c, error, id, _("a direction was expected, not %s"), e.type);
      return FALSE;
    }
  for (guint i = 0; i < ratios->n; i++)
    if (!pw_step_value_get_number (&ratios->items[i], &v[i]))
      {
        soft_error (c, error, id, _("a direction ratio is not a number"));
        return FALSE;
      }
  *out = v3 (v[0], v[1], v[2]);
  if (vlen (*out) < 1e-12)
    {
      soft_error (c, error, id, _("the direction has no length"));
      return FALSE;
    }
  return TRUE;
}

/* IfcAxis2Placement3D or 2D; $ gives the identity. */
static gboolean
read_axis_placement (Ifc *c, const PwStepValue *value, Xform *out, GError **error)
{
  guint32 id = pw_step_value_get_ref (value);
  Ent e;
  Vec3 origin = { 0, 0, 0 }, axis, ref;
  gboolean has_axis = FALSE, has_ref = FALSE;

  if (id == 0)
    {
      *out = identity;
      return TRUE;
    }
  if (!get_ent (c, id, &e, error))
    return FALSE;
  if (!read_point (c, arg_ref (&e, 0), &origin, error))
    return FALSE;
  if (is (&e, "IFCAXIS2PLACEMENT3D"))
    {
      if (arg_ref (&e, 1) && !(has_axis = read_direction (c, arg_ref (&e, 1), &axis, error)))
        return FALSE;
      if (arg_ref (&e, 2) && !(has_ref = read_direction (c, arg_ref (&e, 2), &ref, error)))
        return FALSE;
    }
  else if (is (&e, "IFCAXIS2PLACEMENT2D"))
    {
      if (arg_ref (&e, 1) && !(has_ref = read_direction (c, arg_ref (&e, 1), &ref, error)))
        return FALSE;
      ref.z = 0;
    }
  else if (!is (&e, "IFCAXIS1PLACEMENT"))
    {
      soft_error (c, error, id, _("an axis placement was expected, not %s"), e.type);
      return FALSE;
    }
  *out = make_frame (origin, has_axis ? &axis : NULL, has_ref ? &ref : NULL);
  return TRUE;
}

/* IfcLocalPlacement chain to world; a cycle or an endless chain is a hard error. */
static gboolean
read_local_placement (Ifc *c, guint32 id, Xform *out, GError **error)
{
  guint32 chain[MAX_CHAIN];
  guint n = 0;
  Xform t = identity;

  while (id != 0)
    {
      Ent e;
      Xform rel;

      for (guint i = 0; i < n; i++)
        if (chain[i] == id)
          {
            g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                         _("Line %u, #%u: the placement is placed relative to itself "
                           "through #%u"), line_of (c, chain[0]), chain[0], id);
            return FALSE;
          }
      if (n == MAX_CHAIN)
        {
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                       _("Line %u, #%u: placements are nested more than %d deep"),
                       line_of (c, chain[0]), chain[0], MAX_CHAIN);
          return FALSE;
        }
      chain[n++] = id;
      if (!get_ent (c, id, &e, error))
        return FALSE;
      if (!is (&e, "IFCLOCALPLACEMENT"))
        {
          if (c->room)
            pw_import_room_warn (c->room, _("#%u (line %u): %s is read as no placement"),
                                 id, line_of (c, id), e.type);
          break;
        }
      if (!read_axis_placement (c, arg (&e, 1), &rel, error))
        return FALSE;
      t = xf_mul (&rel, &t);
      id = arg_ref (&e, 0);
    }
  *out = t;
  return TRUE;
}

/* IfcCartesianTransformationOperator2D/3D (and non-uniform ones). */
static gboolean
read_operator (Ifc *c, guint32 id, Xform *out, GError **error)
{
  Ent e;
  Vec3 origin, a1, a2, a3;
  gboolean h1 = FALSE, h2 = FALSE, h3 = FALSE;
  double s = 1, s2, s3;
  Xform t;

  if (!get_ent (c, id, &e, error))
    return FALSE;
  if (!g_str_has_prefix (e.type, "IFCCARTESIANTRANSFORMATIONOPERATOR"))
    {
      soft_error (c, error, id, _("a transformation was expected, not %s"), e.type);
      return FALSE;
    }
  if (arg_ref (&e, 0) && !(h1 = read_direction (c, arg_ref (&e, 0), &a1, error)))
    return FALSE;
  if (arg_ref (&e, 1) && !(h2 = read_direction (c, arg_ref (&e, 1), &a2, error)))
    return FALSE;
  if (!read_point (c, arg_ref (&e, 2), &origin, error))
    return FALSE;
  pw_step_value_get_number (arg (&e, 3), &s);
  if (arg_ref (&e, 4) && strstr (e.type, "3D")
      && !(h3 = read_direction (c, arg_ref (&e, 4), &a3, error)))
    return FALSE;
  if (h3)
    t = make_frame (origin, &a3, h1 ? &a1 : NULL);
  else if (h1)
    t = make_frame (origin, NULL, &a1);
  else if (h2)
    {
      Vec3 x = vcross (a2, v3 (0, 0, 1));

      t = make_frame (origin, NULL, &x);
    }
  else
    t = make_frame (origin, NULL, NULL);
  s2 = s3 = s;
  if (strstr (e.type, "NONUNIFORM"))
    {
      pw_step_value_get_number (arg (&e, strstr (e.type, "3D") ? 5 : 4), &s2);
      pw_step_value_get_number (arg (&e, 6), &s3);
    }
  t.ax = vscale (t.ax, s);
  t.ay = vscale (t.ay, s2);
  t.az = vscale (t.az, s3);
  *out = t;
  return TRUE;
}

/* ------------------------------------------------------------------ curves */

static gboolean
spend_points (Ifc *c, guint n, guint32 id, GError **error)
{
  c->n_points += n;
  if (c->n_points > PW_IMPORT_MAX_POINTS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("Line %u, #%u: the model has more than %d outline points"),
                   line_of (c, id), id, PW_IMPORT_MAX_POINTS);
      return FALSE;
    }
  return TRUE;
}

static void
append_point (GArray *pts, Vec3 p)
{
  PwPoint q = { p.x, p.y };

  if (pts->len > 0)
    {
      PwPoint *last = &g_array_index (pts, PwPoint, pts->len - 1);

      if (last->x == q.x && last->y == q.y)
        return;
    }
  g_array_append_val (pts, q);
}

static void
reverse_points (GArray *pts, guint from)
{
  if (pts->len == 0)
    return;
  for (guint i = from, j = pts->len - 1; i < j; i++, j--)
    {
      PwPoint tmp = g_array_index (pts, PwPoint, i);

      g_array_index (pts, PwPoint, i) = g_array_index (pts, PwPoint, j);
      g_array_index (pts, PwPoint, j) = tmp;
    }
}

/* Points along an arc of circle (or ellipse) in its placement, from angle a0 by
 * sweep (signed), both ends included. */
static gboolean
append_arc (Ifc *c, guint32 id, GArray *pts, const Xform *t, double rx, double ry,
            double a0, double sweep, GError **error)
{
  guint n = (guint) ceil (fabs (sweep) / ARC_STEP - 1e-9);

  n = CLAMP (n, 2, 720);
  if (!spend_points (c, n + 1, id, error))
    return FALSE;
  for (guint i = 0; i <= n; i++)
    {
      double a = a0 + sweep * i / n;

      append_point (pts, xf_point (t, v3 (rx * cos (a), ry * sin (a), 0)));
    }
  return TRUE;
}

static gboolean curve_points (Ifc *c, guint32 id, GArray *pts, guint depth, GError **error);

static gboolean
trimmed_curve_points (Ifc *c, const Ent *e, GArray *pts, guint depth, GError **error)
{
  Ent basis;
  const PwStepValue *trims[2] = { arg (e, 1), arg (e, 2) };
  const char *sense = pw_step_value_get_enum (arg (e, 3));
  const char *master = pw_step_value_get_enum (arg (e, 4));
  gboolean ccw = sense == NULL || strcmp (sense, "F") != 0;
  double param[2];
  gboolean has_param[2] = { FALSE, FALSE }, has_point[2] = { FALSE, FALSE };
  Vec3 point[2];

  if (!get_ent (c, arg_ref (e, 0), &basis, error))
    return FALSE;
  for (guint k = 0; k < 2; k++)
    {
      const PwStepValue *list = trims[k];

      for (guint i = 0; list && list->kind == PW_STEP_LIST && i < list->n; i++)
        {
          const PwStepValue *v = &list->items[i];

          if (v->kind == PW_STEP_REF)
            {
              if (!read_point (c, v->ref, &point[k], error))
                return FALSE;
              has_point[k] = TRUE;
            }
          else if (pw_step_value_get_number (v, &param[k]))
            has_param[k] = TRUE;
        }
      if (!has_param[k] && !has_point[k])
        {
          soft_error (c, error, e->id, _("the curve is trimmed by neither a point nor a parameter"));
          return FALSE;
        }
    }

  if (is (&basis, "IFCLINE"))
    {
      Vec3 p0, dir = v3 (0, 0, 0);

      if (!has_point[0] || !has_point[1])
        {
          Ent vec;
          double mag = 1;

          if (!read_point (c, arg_ref (&basis, 0), &p0, error) || !get_ent (c, arg_ref (&basis, 1), &vec, error)
              || !read_direction (c, arg_ref (&vec, 0), &dir, error))
            return FALSE;
          pw_step_value_get_number (arg (&vec, 1), &mag);
          dir = vscale (dir, mag / vlen (dir));
          for (guint k = 0; k < 2; k++)
            if (!has_point[k])
              point[k] = vadd (p0, vscale (dir, param[k]));
        }
      /* the curve always runs from Trim1 to Trim2 (ISO 10303-42); the sense only
       * says which way round a closed basis that is */
      append_point (pts, point[0]);
      append_point (pts, point[1]);
      return spend_points (c, 2, e->id, error);
    }

  if (is (&basis, "IFCCIRCLE") || is (&basis, "IFCELLIPSE"))
    {
      Xform t;
      double rx, ry, a[2], sweep;
      gboolean by_point = master == NULL || strcmp (master, "PARAMETER") != 0;

      if (!read_axis_placement (c, arg (&basis, 0), &t, error) || !arg_number (c, &basis, 1, &rx, error))
        return FALSE;
      ry = rx;
      if (is (&basis, "IFCELLIPSE") && !arg_number (c, &basis, 2, &ry, error))
        return FALSE;
      if (rx <= 0 || ry <= 0)
        {
          soft_error (c, error, basis.id, _("the radius is not positive"));
          return FALSE;
        }
      for (guint k = 0; k < 2; k++)
        {
          if (has_point[k] && (by_point || !has_param[k]))
            {
              Vec3 d = vadd (point[k], vscale (t.o, -1));

              a[k] = atan2 (vdot (d, t.ay) / ry, vdot (d, t.ax) / rx);
            }
          else
            a[k] = param[k] * c->angle;
        }
      sweep = a[1] - a[0];
      if (ccw)
        while (sweep <= 1e-12)
          sweep += 2 * G_PI;
      else
        while (sweep >= -1e-12)
          sweep -= 2 * G_PI;
      if (fabs (sweep) > 2 * G_PI + 1e-9)
        sweep = fmod (sweep, 2 * G_PI);
      return append_arc (c, basis.id, pts, &t, rx, ry, a[0], sweep, error);
    }

  /* other bases: take the trimming points when given */
  if (has_point[0] && has_point[1])
    {
      append_point (pts, point[0]);
      append_point (pts, point[1]);
      return spend_points (c, 2, e->id, error);
    }
  soft_error (c, error, basis.id, _("curves of type %s are not read"), basis.type);
  return FALSE;
}

static gboolean
indexed_poly_curve_points (Ifc *c, const Ent *e, GArray *pts, GError **error)
{
  Ent list;
  const PwStepValue *coords, *segments = arg (e, 1);
  guint n;

#define COORD(i, k) (coords->items[(i)].items[(k)])
  if (!get_ent (c, arg_ref (e, 0), &list, error))
    return FALSE;
  coords = arg (&list, 0);
  if (!g_str_has_prefix (list.type, "IFCCARTESIANPOINTLIST") || !pw_step_value_is_list (coords))
    {
      soft_error (c, error, list.id, _("a point list was expected, not %s"), list.type);
      return FALSE;
    }
  n = coords->n;
  if (!spend_points (c, n, e->id, error))
    return FALSE;
  {
    g_autofree Vec3 *p = g_new0 (Vec3, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      {
        const PwStepValue *xy = &coords->items[i];
        double v[3] = { 0, 0, 0 };

        if (!pw_step_value_is_list (xy) || xy->n < 2 || xy->n > 3)
          {
            soft_error (c, error, list.id, _("point %u of the list is not a coordinate pair"), i + 1);
            return FALSE;
          }
        for (guint k = 0; k < xy->n; k++)
          if (!pw_step_value_get_number (&xy->items[k], &v[k]))
            {
              soft_error (c, error, list.id, _("point %u of the list is not a coordinate pair"), i + 1);
              return FALSE;
            }
        p[i] = v3 (v[0], v[1], v[2]);
      }
    if (!pw_step_value_is_list (segments))
      {
        for (guint i = 0; i < n; i++)
          append_point (pts, p[i]);
        return TRUE;
      }
    for (guint s = 0; s < segments->n; s++)
      {
        const PwStepValue *seg = &segments->items[s];
        const PwStepValue *idx = seg->kind == PW_STEP_TYPED ? seg->typed.value : NULL;
        double k[3];

        if (!pw_step_value_is_list (idx) || idx->n < 2)
          {
            soft_error (c, error, e->id, _("segment %u is neither a line nor an arc index"), s + 1);
            return FALSE;
          }
        for (guint i = 0; i < idx->n; i++)
          {
            double v;

            if (!pw_step_value_get_number (&idx->items[i], &v) || v < 1 || v > n)
              {
                soft_error (c, error, e->id, _("segment %u refers to a point that is not in the list"), s + 1);
                return FALSE;
              }
            if (i < 3)
              k[i] = v - 1;
          }
        if (strcmp (seg->typed.type, "IFCARCINDEX") == 0 && idx->n == 3)
          {
            /* the circle through three points */
            Vec3 a = p[(guint) k[0]], b = p[(guint) k[1]], cc = p[(guint) k[2]];
            double d = 2 * (a.x * (b.y - cc.y) + b.x * (cc.y - a.y) + cc.x * (a.y - b.y));
            double ux, uy, r, a0, a1, a2, sweep;
            Xform t = identity;

            if (fabs (d) < 1e-12)
              {
                append_point (pts, a);
                append_point (pts, cc);
                continue;
              }
            ux = ((a.x * a.x + a.y * a.y) * (b.y - cc.y) + (b.x * b.x + b.y * b.y) * (cc.y - a.y)
                  + (cc.x * cc.x + cc.y * cc.y) * (a.y - b.y)) / d;
            uy = ((a.x * a.x + a.y * a.y) * (cc.x - b.x) + (b.x * b.x + b.y * b.y) * (a.x - cc.x)
                  + (cc.x * cc.x + cc.y * cc.y) * (b.x - a.x)) / d;
            r = hypot (a.x - ux, a.y - uy);
            a0 = atan2 (a.y - uy, a.x - ux);
            a1 = atan2 (b.y - uy, b.x - ux);
            a2 = atan2 (cc.y - uy, cc.x - ux);
            sweep = fmod (a2 - a0 + 4 * G_PI, 2 * G_PI);
            /* counter-clockwise unless the middle point is off that way */
            if (fmod (a1 - a0 + 4 * G_PI, 2 * G_PI) > sweep)
              sweep -= 2 * G_PI;
            t.o = v3 (ux, uy, 0);
            if (!append_arc (c, e->id, pts, &t, r, r, a0, sweep, error))
              return FALSE;
          }
        else
          for (guint i = 0; i < idx->n; i++)
            {
              double v;

              pw_step_value_get_number (&idx->items[i], &v);
              append_point (pts, p[(guint) v - 1]);
            }
      }
  }
#undef COORD
  return TRUE;
}

static gboolean
curve_points (Ifc *c, guint32 id, GArray *pts, guint depth, GError **error)
{
  Ent e;

  if (depth > MAX_CHAIN)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("Line %u, #%u: curves are nested in a cycle"), line_of (c, id), id);
      return FALSE;
    }
  if (!get_ent (c, id, &e, error))
    return FALSE;
  if (is (&e, "IFCPOLYLINE"))
    {
      const PwStepValue *list = arg (&e, 0);

      if (!pw_step_value_is_list (list))
        {
          soft_error (c, error, id, _("the polyline has no points"));
          return FALSE;
        }
      if (!spend_points (c, list->n, id, error))
        return FALSE;
      for (guint i = 0; i < list->n; i++)
        {
          Vec3 p;

          if (!read_point (c, pw_step_value_get_ref (&list->items[i]), &p, error))
            return FALSE;
          append_point (pts, p);
        }
      return TRUE;
    }
  if (is (&e, "IFCINDEXEDPOLYCURVE"))
    return indexed_poly_curve_points (c, &e, pts, error);
  if (is (&e, "IFCCOMPOSITECURVE") || is (&e, "IFCCOMPOSITECURVEONSURFACE"))
    {
      const PwStepValue *segs = arg (&e, 0);

      for (guint i = 0; segs && segs->kind == PW_STEP_LIST && i < segs->n; i++)
        {
          Ent seg;
          const char *same;

          if (!get_ent (c, pw_step_value_get_ref (&segs->items[i]), &seg, error))
            return FALSE;
          same = pw_step_value_get_enum (arg (&seg, 1));
          {
            guint before = pts->len;

            if (!curve_points (c, arg_ref (&seg, 2), pts, depth + 1, error))
              return FALSE;
            if (same && strcmp (same, "F") == 0 && pts->len > before)
              {
                /* reverse only what this segment added, then drop a repeated joint */
                reverse_points (pts, before);
                if (before > 0)
                  {
                    PwPoint *a = &g_array_index (pts, PwPoint, before - 1);
                    PwPoint *b = &g_array_index (pts, PwPoint, before);

                    if (a->x == b->x && a->y == b->y)
                      g_array_remove_index (pts, before);
                  }
              }
          }
        }
      return TRUE;
    }
  if (is (&e, "IFCTRIMMEDCURVE"))
    return trimmed_curve_points (c, &e, pts, depth, error);
  if (is (&e, "IFCCIRCLE") || is (&e, "IFCELLIPSE"))
    {
      Xform t;
      double rx, ry;

      if (!read_axis_placement (c, arg (&e, 0), &t, error) || !arg_number (c, &e, 1, &rx, error))
        return FALSE;
      ry = rx;
      if (is (&e, "IFCELLIPSE") && !arg_number (c, &e, 2, &ry, error))
        return FALSE;
      return append_arc (c, id, pts, &t, rx, ry, 0, 2 * G_PI, error);
    }
  soft_error (c, error, id, _("curves of type %s are not read"), e.type);
  return FALSE;
}

/* ------------------------------------------------------------------ rings */

static void
shape_clear (Shape *s)
{
  g_clear_pointer (&s->outer, g_array_unref);
  g_clear_pointer (&s->holes, g_ptr_array_unref);
}

static void
shape_init (Shape *s)
{
  s->outer = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  s->holes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

static void
transform_ring (GArray *ring, const Xform *t)
{
  for (guint i = 0; i < ring->len; i++)
    {
      PwPoint *p = &g_array_index (ring, PwPoint, i);
      Vec3 w = xf_point (t, v3 (p->x, p->y, 0));

      p->x = w.x;
      p->y = w.y;
    }
}

/* ------------------------------------------------------------------ profiles */

static void
rect_ring (GArray *ring, double x0, double y0, double x1, double y1)
{
  PwPoint pts[4] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 } };

  g_array_append_vals (ring, pts, 4);
}

/* The profile in its own plane (z = 0 of the extrusion's position). */
static gboolean
profile_shape (Ifc *c, guint32 id, Shape *out, guint depth, GError **error)
{
  Ent e;
  Xform pos;

  if (depth > MAX_CHAIN)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("Line %u, #%u: profiles are derived in a cycle"), line_of (c, id), id);
      return FALSE;
    }
  if (!get_ent (c, id, &e, error))
    return FALSE;
  if (is (&e, "IFCARBITRARYCLOSEDPROFILEDEF") || is (&e, "IFCARBITRARYPROFILEDEFWITHVOIDS"))
    {
      const PwStepValue *inner = arg (&e, 3);

      if (!curve_points (c, arg_ref (&e, 2), out->outer, 0, error))
        return FALSE;
      for (guint i = 0; is (&e, "IFCARBITRARYPROFILEDEFWITHVOIDS") && pw_step_value_is_list (inner)
                        && i < inner->n; i++)
        {
          GArray *hole = g_array_new (FALSE, FALSE, sizeof (PwPoint));

          g_ptr_array_add (out->holes, hole);
          if (!curve_points (c, pw_step_value_get_ref (&inner->items[i]), hole, 0, error))
            return FALSE;
        }
      return TRUE;
    }
  if (is (&e, "IFCDERIVEDPROFILEDEF"))
    {
      Xform op;

      if (!read_operator (c, arg_ref (&e, 3), &op, error)
          || !profile_shape (c, arg_ref (&e, 2), out, depth + 1, error))
        return FALSE;
      transform_ring (out->outer, &op);
      for (guint i = 0; i < out->holes->len; i++)
        transform_ring (g_ptr_array_index (out->holes, i), &op);
      return TRUE;
    }
  if (!read_axis_placement (c, arg (&e, 2), &pos, error))
    return FALSE;
  if (g_str_has_prefix (e.type, "IFCRECTANGLE") || is (&e, "IFCROUNDEDRECTANGLEPROFILEDEF"))
    {
      double w, h, wall;

      if (!arg_number (c, &e, 3, &w, error) || !arg_number (c, &e, 4, &h, error))
        return FALSE;
      rect_ring (out->outer, -w / 2, -h / 2, w / 2, h / 2);
      if (is (&e, "IFCRECTANGLEHOLLOWPROFILEDEF") && pw_step_value_get_number (arg (&e, 5), &wall)
          && wall > 0 && 2 * wall < MIN (w, h))
        {
          GArray *hole = g_array_new (FALSE, FALSE, sizeof (PwPoint));

          rect_ring (hole, -w / 2 + wall, -h / 2 + wall, w / 2 - wall, h / 2 - wall);
          transform_ring (hole, &pos);
          g_ptr_array_add (out->holes, hole);
        }
      transform_ring (out->outer, &pos);
      return TRUE;
    }
  if (is (&e, "IFCCIRCLEPROFILEDEF") || is (&e, "IFCCIRCLEHOLLOWPROFILEDEF") || is (&e, "IFCELLIPSEPROFILEDEF"))
    {
      double rx, ry, wall;

      if (!arg_number (c, &e, 3, &rx, error))
        return FALSE;
      ry = rx;
      if (is (&e, "IFCELLIPSEPROFILEDEF") && !arg_number (c, &e, 4, &ry, error))
        return FALSE;
      if (!append_arc (c, id, out->outer, &pos, rx, ry, 0, 2 * G_PI, error))
        return FALSE;
      if (is (&e, "IFCCIRCLEHOLLOWPROFILEDEF") && pw_step_value_get_number (arg (&e, 4), &wall)
          && wall > 0 && wall < rx)
        {
          GArray *hole = g_array_new (FALSE, FALSE, sizeof (PwPoint));

          g_ptr_array_add (out->holes, hole);
          if (!append_arc (c, id, hole, &pos, rx - wall, rx - wall, 0, 2 * G_PI, error))
            return FALSE;
        }
      return TRUE;
    }
  soft_error (c, error, id, _("profiles of type %s are not read"), e.type);
  return FALSE;
}

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

  if (!get_ent (c, bound_id, &bound, error) || !get_ent (c, arg_ref (&bound, 0), &loop, error))
    return FALSE;
  orient = pw_step_value_get_enum (arg (&bound, 1));
  list = arg (&loop, 0);
  if (!is (&loop, "IFCPOLYLOOP") || !pw_step_value_is_list (list))
    {
      soft_error (c, error, loop.id, _("face bounds of type %s are not read"), loop.type);
      return FALSE;
    }
  if (!spend_points (c, list->n, loop.id, error))
    return FALSE;
  for (guint i = 0; i < list->n; i++)
    {
      Vec3 p;

      if (!read_point (c, pw_step_value_get_ref (&list->items[i]), &p, error))
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
      soft_error (c, error, id, _("shells are nested too deep"));
      return FALSE;
    }
  if (!get_ent (c, id, &e, error))
    return FALSE;
  if (is (&e, "IFCFACETEDBREP") || is (&e, "IFCFACETEDBREPWITHVOIDS"))
    return collect_faces (c, arg_ref (&e, 0), faces, depth + 1, error);
  list = arg (&e, 0);
  if (!pw_step_value_is_list (list))
    {
      soft_error (c, error, id, _("%s lists no faces"), e.type);
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
  soft_error (c, error, id, _("%s is not a set of faces"), e.type);
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

      if (!get_ent (c, GPOINTER_TO_UINT (g_ptr_array_index (faces, f)), &face, error))
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
          if (get_ent (c, pw_step_value_get_ref (&bounds->items[b]), &bound, NULL)
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
      soft_error (c, error, id, _("no face of the solid is horizontal enough to give a footprint"));
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
      soft_error (c, error, id, _("the downward faces do not close into an outline"));
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
                           id, line_of (c, id), extra);
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

      if (!curve_points (c, pw_step_value_get_ref (&elements->items[i]), pts, 0, &local))
        {
          if (!is_soft (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          continue;
        }
      transform_ring (pts, t);
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
      soft_error (c, error, e->id, _("no closed outline among the curves"));
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

  if (!read_axis_placement (c, arg (e, 1), &pos, error)
      || !read_direction (c, arg_ref (e, 2), &dir, error)
      || !arg_number (c, e, 3, &depth, error))
    return FALSE;
  m = xf_mul (t, &pos);
  d = xf_dir (&m, vscale (dir, depth / vlen (dir)));
  n = xf_dir (&m, v3 (0, 0, 1));
  shape_init (&profile);
  if (!profile_shape (c, arg_ref (e, 0), &profile, 0, error))
    goto out;

  if (fabs (n.z) >= 0.999 * vlen (n) && (vlen (d) == 0 || fabs (d.z) >= 0.999 * vlen (d)))
    {
      /* upright: the profile, placed */
      g_array_append_vals (out->outer, profile.outer->data, profile.outer->len);
      transform_ring (out->outer, &m);
      for (guint i = 0; i < profile.holes->len; i++)
        {
          GArray *hole = g_array_copy (g_ptr_array_index (profile.holes, i));

          transform_ring (hole, &m);
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
          soft_error (c, error, e->id, _("the solid seen from above has no area"));
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
                                    "is its convex outline"), e->id, line_of (c, e->id));
  ok = TRUE;

out:
  shape_clear (&profile);
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
                   _("Line %u, #%u: shapes refer to each other in a cycle"), line_of (c, id), id);
      return FALSE;
    }
  if (!get_ent (c, id, &e, error))
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

      if (!get_ent (c, arg_ref (&e, 0), &map, error)
          || !read_axis_placement (c, arg (&map, 0), &origin, error)
          || !read_operator (c, arg_ref (&e, 1), &target, error))
        return FALSE;
      both = xf_mul (&target, &origin);
      both = xf_mul (t, &both);
      return representation_shape (c, arg_ref (&map, 1), &both, out, depth + 1, error);
    }
  if (is (&e, "IFCBOUNDINGBOX"))
    {
      Vec3 corner;
      double dx, dy;

      if (!read_point (c, arg_ref (&e, 0), &corner, error)
          || !arg_number (c, &e, 1, &dx, error) || !arg_number (c, &e, 2, &dy, error))
        return FALSE;
      rect_ring (out->outer, corner.x, corner.y, corner.x + dx, corner.y + dy);
      transform_ring (out->outer, t);
      return TRUE;
    }
  if (is (&e, "IFCGEOMETRICCURVESET") || is (&e, "IFCGEOMETRICSET"))
    return curve_set_shape (c, &e, t, out, error);
  if (is (&e, "IFCPOLYLINE") || is (&e, "IFCCOMPOSITECURVE") || is (&e, "IFCINDEXEDPOLYCURVE"))
    {
      if (!curve_points (c, id, out->outer, 0, error))
        return FALSE;
      transform_ring (out->outer, t);
      return TRUE;
    }
  soft_error (c, error, id, _("shapes of type %s are not read"), e.type);
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

  if (!get_ent (c, id, &rep, error))
    return FALSE;
  items = arg (&rep, 3);
  for (guint i = 0; pw_step_value_is_list (items) && i < items->n; i++)
    {
      Shape s;
      g_autoptr(GError) local = NULL;
      double a;

      shape_init (&s);
      if (!item_shape (c, pw_step_value_get_ref (&items->items[i]), t, &s, depth, &local))
        {
          shape_clear (&s);
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
          shape_clear (out);
          *out = s;
          best = a;
        }
      else
        shape_clear (&s);
    }
  if (n_shapes > 1 && c->room)
    pw_import_room_warn (c->room, _("#%u (line %u): the shape has %u solids; the footprint "
                                    "is the largest"), id, line_of (c, id), n_shapes);
  if (best < 0)
    {
      if (first)
        g_propagate_error (error, g_steal_pointer (&first));
      else
        soft_error (c, error, id, _("the representation holds no shape"));
      return FALSE;
    }
  return TRUE;
}

/* Picks Body, else FootPrint, else any representation of a product shape. */
static gboolean
product_shape (Ifc *c, guint32 id, const Xform *t, Shape *out, GError **error)
{
  Ent pds;
  const PwStepValue *reps;
  static const char *const order[] = { "Body", "FootPrint", NULL };
  g_autoptr(GError) first = NULL;

  if (!get_ent (c, id, &pds, error))
    return FALSE;
  reps = arg (&pds, 2);
  if (!pw_step_value_is_list (reps) || reps->n == 0)
    {
      soft_error (c, error, id, _("the space has no representation"));
      return FALSE;
    }
  for (guint pass = 0; pass < G_N_ELEMENTS (order); pass++)
    for (guint i = 0; i < reps->n; i++)
      {
        Ent rep;
        const char *ident;
        g_autoptr(GError) local = NULL;

        if (!get_ent (c, pw_step_value_get_ref (&reps->items[i]), &rep, error))
          return FALSE;
        ident = pw_step_value_get_string (arg (&rep, 1));
        if (order[pass] != NULL ? g_strcmp0 (ident, order[pass]) != 0
                                : (g_strcmp0 (ident, "Body") == 0 || g_strcmp0 (ident, "FootPrint") == 0))
          continue;
        shape_clear (out);
        shape_init (out);
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
    soft_error (c, error, id, _("no representation gives a footprint"));
  return FALSE;
}

/* File units, y north → metres, y down; a polygon or NULL with the reason. */
static PwPolygon *
shape_to_polygon (Ifc *c, Shape *s, GError **error)
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

/* ------------------------------------------------------------------ units */

static double
prefix_factor (const char *prefix)
{
  static const struct { const char *name; double f; } prefixes[] = {
    { "EXA", 1e18 }, { "PETA", 1e15 }, { "TERA", 1e12 }, { "GIGA", 1e9 }, { "MEGA", 1e6 },
    { "KILO", 1e3 }, { "HECTO", 1e2 }, { "DECA", 1e1 }, { "DECI", 1e-1 }, { "CENTI", 1e-2 },
    { "MILLI", 1e-3 }, { "MICRO", 1e-6 }, { "NANO", 1e-9 }, { "PICO", 1e-12 },
    { "FEMTO", 1e-15 }, { "ATTO", 1e-18 },
  };

  for (guint i = 0; prefix && i < G_N_ELEMENTS (prefixes); i++)
    if (strcmp (prefix, prefixes[i].name) == 0)
      return prefixes[i].f;
  return 1;
}

/* The SI value of one unit; @type gets its UnitType. */
static gboolean
unit_factor (Ifc *c, guint32 id, const char **type, double *factor, guint depth, GError **error)
{
  Ent e;

  if (depth > 8)
    {
      soft_error (c, error, id, _("units are defined in a cycle"));
      return FALSE;
    }
  if (!get_ent (c, id, &e, error))
    return FALSE;
  *type = pw_step_value_get_enum (arg (&e, 1));
  if (is (&e, "IFCSIUNIT"))
    {
      const char *name = pw_step_value_get_enum (arg (&e, 3));
      double p = prefix_factor (pw_step_value_get_enum (arg (&e, 2)));

      if (name && g_str_has_prefix (name, "SQUARE_"))
        p = p * p;
      else if (name && g_str_has_prefix (name, "CUBIC_"))
        p = p * p * p;
      *factor = p;
      return TRUE;
    }
  if (g_str_has_prefix (e.type, "IFCCONVERSIONBASEDUNIT"))
    {
      Ent mwu;
      double value, base;
      const char *base_type;

      if (!get_ent (c, arg_ref (&e, 3), &mwu, error))
        return FALSE;
      if (!pw_step_value_get_number (arg (&mwu, 0), &value))
        {
          soft_error (c, error, mwu.id, _("the conversion factor is not a number"));
          return FALSE;
        }
      if (!unit_factor (c, arg_ref (&mwu, 1), &base_type, &base, depth + 1, error))
        return FALSE;
      *factor = value * base;
      return TRUE;
    }
  soft_error (c, error, id, _("units of type %s are not read"), e.type);
  return FALSE;
}

static gboolean
read_units (Ifc *c, GError **error)
{
  int project_type = pw_step_file_find_type (c->step, "IFCPROJECT");
  gboolean has_area = FALSE, has_length = FALSE;
  guint n = pw_step_file_get_n_entities (c->step);

  c->length = c->area = c->angle = 1;
  for (guint i = 0; project_type >= 0 && i < n; i++)
    {
      Ent project, assignment;
      const PwStepValue *units;
      g_autoptr(GError) missing = NULL;

      if (pw_step_file_get_type (c->step, i) != project_type)
        continue;
      if (!get_ent (c, pw_step_file_get_id (c->step, i), &project, error))
        return FALSE;
      if (arg_ref (&project, 8) == 0)
        break;
      if (!get_ent (c, arg_ref (&project, 8), &assignment, &missing))
        {
          if (!is_soft (missing))
            {
              g_propagate_error (error, g_steal_pointer (&missing));
              return FALSE;
            }
          break;
        }
      units = arg (&assignment, 0);
      for (guint u = 0; pw_step_value_is_list (units) && u < units->n; u++)
        {
          g_autoptr(GError) local = NULL;
          const char *type = NULL;
          double f = 1;
          guint32 uid = pw_step_value_get_ref (&units->items[u]);

          Ent unit;

          /* monetary and derived units say nothing about plans */
          if (get_ent (c, uid, &unit, NULL) && !is (&unit, "IFCSIUNIT")
              && !g_str_has_prefix (unit.type, "IFCCONVERSIONBASEDUNIT"))
            continue;
          if (!unit_factor (c, uid, &type, &f, 0, &local))
            {
              if (!is_soft (local))
                {
                  g_propagate_error (error, g_steal_pointer (&local));
                  return FALSE;
                }
              pw_import_doc_warn (c->doc, "%s", local->message);
              continue;
            }
          if (!isfinite (f) || f <= 0)
            continue;
          if (g_strcmp0 (type, "LENGTHUNIT") == 0)
            c->length = f, has_length = TRUE;
          else if (g_strcmp0 (type, "AREAUNIT") == 0)
            c->area = f, has_area = TRUE;
          else if (g_strcmp0 (type, "PLANEANGLEUNIT") == 0)
            c->angle = f;
        }
      break;
    }
  if (!has_length)
    pw_import_doc_warn (c->doc, _("The model states no length unit; metres are assumed"));
  if (!has_area)
    {
      c->area = c->length * c->length;
      c->area_assumed = c->length != 1;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ spaces */

static char *
dup_label (const PwStepValue *v)
{
  const char *s = pw_step_value_get_string (v);

  return s && *s ? g_strdup (s) : NULL;
}

static gboolean
read_storeys (Ifc *c, GError **error)
{
  int type = pw_step_file_find_type (c->step, "IFCBUILDINGSTOREY");
  guint n = pw_step_file_get_n_entities (c->step);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) elevations = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree guint *order = NULL;

  for (guint i = 0; type >= 0 && i < n; i++)
    {
      Ent e;
      double z = NAN;

      if (pw_step_file_get_type (c->step, i) != type)
        continue;
      if (!get_ent (c, pw_step_file_get_id (c->step, i), &e, error))
        return FALSE;
      if (pw_step_value_get_number (arg (&e, 9), &z))
        z *= c->length;
      else
        {
          Xform t;
          g_autoptr(GError) local = NULL;

          if (read_local_placement (c, arg_ref (&e, 5), &t, &local))
            z = t.o.z * c->length;
          else if (!is_soft (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
        }
      g_array_append_val (found, e.id);
      g_array_append_val (elevations, z);
    }
  order = g_new (guint, found->len + 1);
  for (guint i = 0; i < found->len; i++)
    order[i] = i;
  /* by elevation, in file order when equal or unknown */
  for (guint i = 1; i < found->len; i++)
    for (guint j = i; j > 0; j--)
      {
        double a = g_array_index (elevations, double, order[j - 1]);
        double b = g_array_index (elevations, double, order[j]);

        if (!(isnan (a) ? FALSE : isnan (b) ? TRUE : a > b))
          break;
        {
          guint tmp = order[j];

          order[j] = order[j - 1];
          order[j - 1] = tmp;
        }
      }
  for (guint k = 0; k < found->len; k++)
    {
      Ent e;
      g_autofree char *gid = NULL, *name = NULL;
      PwImportLevel *level;

      if (!get_ent (c, g_array_index (found, guint32, order[k]), &e, error))
        return FALSE;
      gid = dup_label (arg (&e, 0));
      if (gid == NULL)
        gid = g_strdup_printf ("#%u", e.id);
      name = dup_label (arg (&e, 2));
      if (name == NULL)
        name = dup_label (arg (&e, 7));
      level = pw_import_doc_add_level (c->doc, gid, name, g_array_index (elevations, double, order[k]));
      g_hash_table_insert (c->levels, GUINT_TO_POINTER (e.id), level);
    }
  return TRUE;
}

static gboolean
read_relations (Ifc *c, GError **error)
{
  int agg = pw_step_file_find_type (c->step, "IFCRELAGGREGATES");
  int contained = pw_step_file_find_type (c->step, "IFCRELCONTAINEDINSPATIALSTRUCTURE");
  guint n = pw_step_file_get_n_entities (c->step);

  for (guint i = 0; i < n; i++)
    {
      int type = pw_step_file_get_type (c->step, i);
      Ent e;
      const PwStepValue *children;
      guint32 parent;

      if (type < 0 || (type != agg && type != contained))
        continue;
      if (!get_ent (c, pw_step_file_get_id (c->step, i), &e, error))
        return FALSE;
      children = arg (&e, type == agg ? 5 : 4);
      parent = arg_ref (&e, type == agg ? 4 : 5);
      for (guint k = 0; pw_step_value_is_list (children) && k < children->n; k++)
        {
          guint32 child = pw_step_value_get_ref (&children->items[k]);

          if (child != 0 && parent != 0 && !g_hash_table_contains (c->parents, GUINT_TO_POINTER (child)))
            g_hash_table_insert (c->parents, GUINT_TO_POINTER (child), GUINT_TO_POINTER (parent));
        }
    }
  return TRUE;
}

static PwImportLevel *
level_of (Ifc *c, guint32 id)
{
  for (guint depth = 0; id != 0 && depth < MAX_CHAIN; depth++)
    {
      PwImportLevel *level = g_hash_table_lookup (c->levels, GUINT_TO_POINTER (id));

      if (level)
        return level;
      id = GPOINTER_TO_UINT (g_hash_table_lookup (c->parents, GUINT_TO_POINTER (id)));
    }
  return NULL;
}

static gboolean
read_space (Ifc *c, guint index, GError **error)
{
  Ent e;
  PwImportLevel *level;
  PwImportRoom *room;
  g_autofree char *gid = NULL;
  g_autoptr(GError) local = NULL;
  Xform t;
  Shape shape = { NULL, NULL };

  if (!get_ent (c, pw_step_file_get_id (c->step, index), &e, error))
    return FALSE;
  level = level_of (c, e.id);
  if (level == NULL)
    {
      level = pw_import_doc_find_level (c->doc, "");
      if (level == NULL)
        {
          level = pw_import_doc_add_level (c->doc, "", _("Spaces on no storey"), NAN);
          pw_import_level_warn (level, _("These spaces belong to no IfcBuildingStorey"));
        }
    }
  if (pw_import_doc_count_rooms (c->doc) >= PW_IMPORT_MAX_ROOMS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("Line %u, #%u: the model has more than %d spaces"),
                   line_of (c, e.id), e.id, PW_IMPORT_MAX_ROOMS);
      return FALSE;
    }
  gid = dup_label (arg (&e, 0));
  if (gid == NULL)
    gid = g_strdup_printf ("#%u", e.id);
  room = pw_import_level_add_room (level, gid);
  room->name = dup_label (arg (&e, 2));
  room->long_name = dup_label (arg (&e, 7));
  g_hash_table_insert (c->rooms, GUINT_TO_POINTER (e.id), room);

  c->room = room;
  c->sideways = FALSE;
  shape_init (&shape);
  if (arg_ref (&e, 6) == 0)
    pw_import_room_warn (room, _("#%u (line %u): the space has no shape"), e.id, line_of (c, e.id));
  else if (read_local_placement (c, arg_ref (&e, 5), &t, &local)
           && product_shape (c, arg_ref (&e, 6), &t, &shape, &local))
    {
      PwPolygon *polygon = shape_to_polygon (c, &shape, &local);

      if (polygon)
        pw_import_room_set_polygon (room, polygon);
      else
        pw_import_room_warn (room, _("#%u (line %u): the footprint is unusable: %s"),
                             e.id, line_of (c, e.id), local->message);
      if (c->sideways)
        pw_import_room_warn (room, _("#%u (line %u): the space is extruded sideways; its "
                                     "footprint is the solid seen from above, not its profile"),
                             e.id, line_of (c, e.id));
    }
  else if (!is_soft (local))
    {
      shape_clear (&shape);
      c->room = NULL;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  else
    pw_import_room_warn (room, _("#%u (line %u): no footprint: %s"),
                         e.id, line_of (c, e.id), local->message);
  shape_clear (&shape);
  c->room = NULL;
  return TRUE;
}

/* ------------------------------------------------------------------ areas */

static void
add_declared (PwImportRoom *room, const char *name, const char *set, double m2)
{
  for (guint i = 0; i < room->declared->len; i++)
    {
      PwDeclaredArea *a = &g_array_index (room->declared, PwDeclaredArea, i);

      if (g_strcmp0 (a->name, name) == 0 && g_strcmp0 (a->set, set) == 0)
        return;
    }
  pw_import_room_add_declared (room, name, set, m2);
}

static gboolean
read_quantities (Ifc *c, const PwStepValue *list, const char *set, GPtrArray *rooms,
                 guint depth, GError **error)
{
  for (guint q = 0; pw_step_value_is_list (list) && q < list->n && depth < 4; q++)
    {
      Ent e;
      g_autoptr(GError) local = NULL;
      const char *name;
      double value, f = c->area;

      if (!get_ent (c, pw_step_value_get_ref (&list->items[q]), &e, &local))
        {
          if (!is_soft (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          continue;
        }
      if (is (&e, "IFCPHYSICALCOMPLEXQUANTITY"))
        {
          if (!read_quantities (c, arg (&e, 2), set, rooms, depth + 1, error))
            return FALSE;
          continue;
        }
      name = pw_step_value_get_string (arg (&e, 0));
      if (is (&e, "IFCQUANTITYAREA"))
        {
          if (!pw_step_value_get_number (arg (&e, 3), &value))
            continue;
          if (arg_ref (&e, 2))
            {
              const char *type;

              if (!unit_factor (c, arg_ref (&e, 2), &type, &f, 0, NULL))
                f = c->area;
            }
        }
      else if (is (&e, "IFCPROPERTYSINGLEVALUE"))
        {
          const PwStepValue *v = arg (&e, 2);

          if (v == NULL || v->kind != PW_STEP_TYPED || strcmp (v->typed.type, "IFCAREAMEASURE") != 0
              || !pw_step_value_get_number (v, &value))
            continue;
          if (arg_ref (&e, 3))
            {
              const char *type;

              if (!unit_factor (c, arg_ref (&e, 3), &type, &f, 0, NULL))
                f = c->area;
            }
        }
      else
        continue;
      if (name == NULL || *name == '\0')
        continue;
      for (guint r = 0; r < rooms->len; r++)
        add_declared (g_ptr_array_index (rooms, r), name, set, value * f);
    }
  return TRUE;
}

static gboolean
read_declared_areas (Ifc *c, GError **error)
{
  int rel = pw_step_file_find_type (c->step, "IFCRELDEFINESBYPROPERTIES");
  guint n = pw_step_file_get_n_entities (c->step);
  g_autoptr(GPtrArray) rooms = g_ptr_array_new ();

  for (guint i = 0; rel >= 0 && i < n; i++)
    {
      Ent e, def;
      const PwStepValue *objects;
      const char *set;
      g_autoptr(GError) local = NULL;

      if (pw_step_file_get_type (c->step, i) != rel)
        continue;
      if (!get_ent (c, pw_step_file_get_id (c->step, i), &e, error))
        return FALSE;
      objects = arg (&e, 4);
      g_ptr_array_set_size (rooms, 0);
      for (guint k = 0; pw_step_value_is_list (objects) && k < objects->n; k++)
        {
          PwImportRoom *room = g_hash_table_lookup (c->rooms,
                                                    GUINT_TO_POINTER (pw_step_value_get_ref (&objects->items[k])));
          if (room)
            g_ptr_array_add (rooms, room);
        }
      if (rooms->len == 0)
        continue;
      if (!get_ent (c, arg_ref (&e, 5), &def, &local))
        {
          if (!is_soft (local))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          continue;
        }
      set = pw_step_value_get_string (arg (&def, 2));
      if (set && *set == '\0')
        set = NULL;
      if (is (&def, "IFCELEMENTQUANTITY"))
        {
          if (!read_quantities (c, arg (&def, 5), set, rooms, 0, error))
            return FALSE;
        }
      else if (is (&def, "IFCPROPERTYSET"))
        {
          if (!read_quantities (c, arg (&def, 4), set, rooms, 0, error))
            return FALSE;
        }
    }
  return TRUE;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* With no area unit stated, areas were read in the length unit squared; if the
 * geometry says they are in square metres instead, they are read again so. */
static void
check_assumed_area_unit (Ifc *c)
{
  g_autoptr(GArray) ratios = g_array_new (FALSE, FALSE, sizeof (double));
  double median, alt = 1 / c->area;
  g_autofree char *unit = NULL;

  for (guint l = 0; l < c->doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (c->doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);
          double a = room->polygon ? pw_polygon_area (room->polygon) : 0;

          for (guint k = 0; a > 0 && k < room->declared->len; k++)
            {
              double ratio = g_array_index (room->declared, PwDeclaredArea, k).m2 / a;

              g_array_append_val (ratios, ratio);
            }
        }
    }
  unit = g_strdup_printf ("%g m", c->length);
  if (ratios->len == 0)
    {
      pw_import_doc_warn (c->doc, _("The model assigns no area unit; declared areas are read "
                                    "in the square of its length unit (%s)"), unit);
      return;
    }
  g_array_sort (ratios, cmp_double);
  median = g_array_index (ratios, double, ratios->len / 2);
  if (median > 0.2 && median < 5)
    pw_import_doc_warn (c->doc, _("The model assigns no area unit; declared areas are read "
                                  "in the square of its length unit (%s), which matches "
                                  "the geometry"), unit);
  else if (median * alt > 0.2 && median * alt < 5)
    {
      pw_import_doc_warn (c->doc, _("The model assigns no area unit; declared areas match "
                                    "the geometry in square metres and are read so"));
      for (guint l = 0; l < c->doc->levels->len; l++)
        {
          PwImportLevel *level = g_ptr_array_index (c->doc->levels, l);

          for (guint r = 0; r < level->rooms->len; r++)
            {
              PwImportRoom *room = g_ptr_array_index (level->rooms, r);

              for (guint k = 0; k < room->declared->len; k++)
                g_array_index (room->declared, PwDeclaredArea, k).m2 *= alt;
            }
        }
    }
  else
    pw_import_doc_warn (c->doc, _("The model assigns no area unit; declared areas are read "
                                  "in the square of its length unit (%s), but they differ "
                                  "from the geometry"), unit);
}

/* ------------------------------------------------------------------ entry */

PwImportDoc *
pw_ifc_import_step (PwStepFile *step, const char *source_name, GError **error)
{
  g_autoptr(PwImportDoc) doc = pw_import_doc_new (PW_IMPORT_FORMAT_IFC, source_name);
  const char *schema = pw_step_file_get_schema (step);
  int space_type;
  guint n = pw_step_file_get_n_entities (step);
  gboolean ok = FALSE;
  Ifc c = { 0 };

  if (schema == NULL || !g_str_has_prefix (schema, "IFC"))
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   schema ? _("The STEP file follows the schema %s, not IFC")
                          : _("The STEP file names no schema in its FILE_SCHEMA header%s"),
                   schema ? schema : "");
      return NULL;
    }
  doc->schema = g_strdup (schema);
  if (!g_str_has_prefix (schema, "IFC2X3") && !g_str_has_prefix (schema, "IFC4"))
    pw_import_doc_warn (doc, _("The schema %s is read as if it were IFC4"), schema);

  c.step = step;
  c.doc = doc;
  c.parents = g_hash_table_new (NULL, NULL);
  c.rooms = g_hash_table_new (NULL, NULL);
  c.levels = g_hash_table_new (NULL, NULL);
  c.split_work = SPLIT_WORK;
  if (!read_units (&c, error) || !read_storeys (&c, error) || !read_relations (&c, error))
    goto out;
  space_type = pw_step_file_find_type (step, "IFCSPACE");
  for (guint i = 0; space_type >= 0 && i < n; i++)
    if (pw_step_file_get_type (step, i) == space_type && !read_space (&c, i, error))
      goto out;
  if (!read_declared_areas (&c, error))
    goto out;
  if (c.area_assumed)
    check_assumed_area_unit (&c);
  if (doc->levels->len == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY,
                   _("The model has no storeys and no spaces"));
      goto out;
    }
  if (pw_import_doc_count_rooms (doc) == 0)
    pw_import_doc_warn (doc, _("The model has storeys but no spaces (IfcSpace)"));
  ok = TRUE;

out:
  g_hash_table_unref (c.parents);
  g_hash_table_unref (c.rooms);
  g_hash_table_unref (c.levels);
  return ok ? g_steal_pointer (&doc) : NULL;
}

PwImportDoc *
pw_ifc_import_bytes (GBytes *bytes, const char *source_name, GError **error)
{
  g_autoptr(PwStepFile) step = pw_step_file_new_from_bytes (bytes, error);

  if (step == NULL)
    return NULL;
  return pw_ifc_import_step (step, source_name, error);
}

PwImportDoc *
pw_ifc_import_file (const char *path, GError **error)
{
  g_autoptr(PwStepFile) step = pw_step_file_new_for_path (path, error);
  g_autofree char *base = g_path_get_basename (path);

  if (step == NULL)
    return NULL;
  return pw_ifc_import_step (step, base, error);
}
