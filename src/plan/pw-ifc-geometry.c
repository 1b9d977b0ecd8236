/* pw-ifc-geometry.c — placements, curves and profiles of the IFC importer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note (the invariants of pw-ifc-import.c this part keeps).
 *  1. Geometry is computed in the file's length unit with y north; placements
 *     compose to world coordinates, curves become points, profiles become rings.
 *  2. A problem confined to one space (a missing reference, an unsupported curve or
 *     profile) is a soft error (PW_PLAN_ERROR_GEOMETRY); cyclic placements, curves
 *     nested in a cycle and the point budget are hard errors.
 *  4. Every walk along references (placements, curves, profiles) is bounded by a
 *     depth, so a reference cycle ends in an error, never a loop.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-ifc-private.h"

static const Xform identity = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 }, { 0, 0, 0 } };

/* ------------------------------------------------------------------ vectors */

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

/* ------------------------------------------------------------------ placements */

gboolean
pw_ifc_read_point (Ifc *c, guint32 id, Vec3 *out, GError **error)
{
  Ent e;
  const PwStepValue *coords;
  double v[3] = { 0, 0, 0 };

  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  coords = arg (&e, 0);
  if (!is (&e, "IFCCARTESIANPOINT") || !pw_step_value_is_list (coords) || coords->n < 1 || coords->n > 3)
    {
      pw_ifc_soft_error (c, error, id, _("a point was expected, not %s"), e.type);
      return FALSE;
    }
  for (guint i = 0; i < coords->n; i++)
    if (!pw_step_value_get_number (&coords->items[i], &v[i]))
      {
        pw_ifc_soft_error (c, error, id, _("a coordinate is not a number"));
        return FALSE;
      }
  *out = v3 (v[0], v[1], v[2]);
  return TRUE;
}

gboolean
pw_ifc_read_direction (Ifc *c, guint32 id, Vec3 *out, GError **error)
{
  Ent e;
  const PwStepValue *ratios;
  double v[3] = { 0, 0, 0 };

  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  ratios = arg (&e, 0);
  if (!is (&e, "IFCDIRECTION") || !pw_step_value_is_list (ratios) || ratios->n < 2 || ratios->n > 3)
    {
      pw_ifc_soft_error (c, error, id, _("a direction was expected, not %s"), e.type);
      return FALSE;
    }
  for (guint i = 0; i < ratios->n; i++)
    if (!pw_step_value_get_number (&ratios->items[i], &v[i]))
      {
        pw_ifc_soft_error (c, error, id, _("a direction ratio is not a number"));
        return FALSE;
      }
  *out = v3 (v[0], v[1], v[2]);
  if (vlen (*out) < 1e-12)
    {
      pw_ifc_soft_error (c, error, id, _("the direction has no length"));
      return FALSE;
    }
  return TRUE;
}

/* IfcAxis2Placement3D or 2D; $ gives the identity. */
gboolean
pw_ifc_read_axis_placement (Ifc *c, const PwStepValue *value, Xform *out, GError **error)
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
  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  if (!pw_ifc_read_point (c, arg_ref (&e, 0), &origin, error))
    return FALSE;
  if (is (&e, "IFCAXIS2PLACEMENT3D"))
    {
      if (arg_ref (&e, 1) && !(has_axis = pw_ifc_read_direction (c, arg_ref (&e, 1), &axis, error)))
        return FALSE;
      if (arg_ref (&e, 2) && !(has_ref = pw_ifc_read_direction (c, arg_ref (&e, 2), &ref, error)))
        return FALSE;
    }
  else if (is (&e, "IFCAXIS2PLACEMENT2D"))
    {
      if (arg_ref (&e, 1) && !(has_ref = pw_ifc_read_direction (c, arg_ref (&e, 1), &ref, error)))
        return FALSE;
      ref.z = 0;
    }
  else if (!is (&e, "IFCAXIS1PLACEMENT"))
    {
      pw_ifc_soft_error (c, error, id, _("an axis placement was expected, not %s"), e.type);
      return FALSE;
    }
  *out = make_frame (origin, has_axis ? &axis : NULL, has_ref ? &ref : NULL);
  return TRUE;
}

/* IfcLocalPlacement chain to world; a cycle or an endless chain is a hard error. */
gboolean
pw_ifc_read_local_placement (Ifc *c, guint32 id, Xform *out, GError **error)
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
                           "through #%u"), pw_ifc_line_of (c, chain[0]), chain[0], id);
            return FALSE;
          }
      if (n == MAX_CHAIN)
        {
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                       _("Line %u, #%u: placements are nested more than %d deep"),
                       pw_ifc_line_of (c, chain[0]), chain[0], MAX_CHAIN);
          return FALSE;
        }
      chain[n++] = id;
      if (!pw_ifc_get_ent (c, id, &e, error))
        return FALSE;
      if (!is (&e, "IFCLOCALPLACEMENT"))
        {
          if (c->room)
            pw_import_room_warn (c->room, _("#%u (line %u): %s is read as no placement"),
                                 id, pw_ifc_line_of (c, id), e.type);
          break;
        }
      if (!pw_ifc_read_axis_placement (c, arg (&e, 1), &rel, error))
        return FALSE;
      t = xf_mul (&rel, &t);
      id = arg_ref (&e, 0);
    }
  *out = t;
  return TRUE;
}

/* IfcCartesianTransformationOperator2D/3D (and non-uniform ones). */
gboolean
pw_ifc_read_operator (Ifc *c, guint32 id, Xform *out, GError **error)
{
  Ent e;
  Vec3 origin, a1, a2, a3;
  gboolean h1 = FALSE, h2 = FALSE, h3 = FALSE;
  double s = 1, s2, s3;
  Xform t;

  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  if (!g_str_has_prefix (e.type, "IFCCARTESIANTRANSFORMATIONOPERATOR"))
    {
      pw_ifc_soft_error (c, error, id, _("a transformation was expected, not %s"), e.type);
      return FALSE;
    }
  if (arg_ref (&e, 0) && !(h1 = pw_ifc_read_direction (c, arg_ref (&e, 0), &a1, error)))
    return FALSE;
  if (arg_ref (&e, 1) && !(h2 = pw_ifc_read_direction (c, arg_ref (&e, 1), &a2, error)))
    return FALSE;
  if (!pw_ifc_read_point (c, arg_ref (&e, 2), &origin, error))
    return FALSE;
  pw_step_value_get_number (arg (&e, 3), &s);
  if (arg_ref (&e, 4) && strstr (e.type, "3D")
      && !(h3 = pw_ifc_read_direction (c, arg_ref (&e, 4), &a3, error)))
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

gboolean
pw_ifc_spend_points (Ifc *c, guint n, guint32 id, GError **error)
{
  c->n_points += n;
  if (c->n_points > PW_IMPORT_MAX_POINTS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("Line %u, #%u: the model has more than %d outline points"),
                   pw_ifc_line_of (c, id), id, PW_IMPORT_MAX_POINTS);
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
  if (!pw_ifc_spend_points (c, n + 1, id, error))
    return FALSE;
  for (guint i = 0; i <= n; i++)
    {
      double a = a0 + sweep * i / n;

      append_point (pts, xf_point (t, v3 (rx * cos (a), ry * sin (a), 0)));
    }
  return TRUE;
}

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

  if (!pw_ifc_get_ent (c, arg_ref (e, 0), &basis, error))
    return FALSE;
  for (guint k = 0; k < 2; k++)
    {
      const PwStepValue *list = trims[k];

      for (guint i = 0; list && list->kind == PW_STEP_LIST && i < list->n; i++)
        {
          const PwStepValue *v = &list->items[i];

          if (v->kind == PW_STEP_REF)
            {
              if (!pw_ifc_read_point (c, v->ref, &point[k], error))
                return FALSE;
              has_point[k] = TRUE;
            }
          else if (pw_step_value_get_number (v, &param[k]))
            has_param[k] = TRUE;
        }
      if (!has_param[k] && !has_point[k])
        {
          pw_ifc_soft_error (c, error, e->id,
                             _("the curve is trimmed by neither a point nor a parameter"));
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

          if (!pw_ifc_read_point (c, arg_ref (&basis, 0), &p0, error)
              || !pw_ifc_get_ent (c, arg_ref (&basis, 1), &vec, error)
              || !pw_ifc_read_direction (c, arg_ref (&vec, 0), &dir, error))
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
      return pw_ifc_spend_points (c, 2, e->id, error);
    }

  if (is (&basis, "IFCCIRCLE") || is (&basis, "IFCELLIPSE"))
    {
      Xform t;
      double rx, ry, a[2], sweep;
      gboolean by_point = master == NULL || strcmp (master, "PARAMETER") != 0;

      if (!pw_ifc_read_axis_placement (c, arg (&basis, 0), &t, error)
          || !pw_ifc_arg_number (c, &basis, 1, &rx, error))
        return FALSE;
      ry = rx;
      if (is (&basis, "IFCELLIPSE") && !pw_ifc_arg_number (c, &basis, 2, &ry, error))
        return FALSE;
      if (rx <= 0 || ry <= 0)
        {
          pw_ifc_soft_error (c, error, basis.id, _("the radius is not positive"));
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
      return pw_ifc_spend_points (c, 2, e->id, error);
    }
  pw_ifc_soft_error (c, error, basis.id, _("curves of type %s are not read"), basis.type);
  return FALSE;
}

static gboolean
indexed_poly_curve_points (Ifc *c, const Ent *e, GArray *pts, GError **error)
{
  Ent list;
  const PwStepValue *coords, *segments = arg (e, 1);
  guint n;

#define COORD(i, k) (coords->items[(i)].items[(k)])
  if (!pw_ifc_get_ent (c, arg_ref (e, 0), &list, error))
    return FALSE;
  coords = arg (&list, 0);
  if (!g_str_has_prefix (list.type, "IFCCARTESIANPOINTLIST") || !pw_step_value_is_list (coords))
    {
      pw_ifc_soft_error (c, error, list.id, _("a point list was expected, not %s"), list.type);
      return FALSE;
    }
  n = coords->n;
  if (!pw_ifc_spend_points (c, n, e->id, error))
    return FALSE;
  {
    g_autofree Vec3 *p = g_new0 (Vec3, MAX (n, 1));

    for (guint i = 0; i < n; i++)
      {
        const PwStepValue *xy = &coords->items[i];
        double v[3] = { 0, 0, 0 };

        if (!pw_step_value_is_list (xy) || xy->n < 2 || xy->n > 3)
          {
            pw_ifc_soft_error (c, error, list.id,
                               _("point %u of the list is not a coordinate pair"), i + 1);
            return FALSE;
          }
        for (guint k = 0; k < xy->n; k++)
          if (!pw_step_value_get_number (&xy->items[k], &v[k]))
            {
              pw_ifc_soft_error (c, error, list.id,
                                 _("point %u of the list is not a coordinate pair"), i + 1);
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
            pw_ifc_soft_error (c, error, e->id,
                               _("segment %u is neither a line nor an arc index"), s + 1);
            return FALSE;
          }
        for (guint i = 0; i < idx->n; i++)
          {
            double v;

            if (!pw_step_value_get_number (&idx->items[i], &v) || v < 1 || v > n)
              {
                pw_ifc_soft_error (c, error, e->id,
                                   _("segment %u refers to a point that is not in the list"),
                                   s + 1);
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

gboolean
pw_ifc_curve_points (Ifc *c, guint32 id, GArray *pts, guint depth, GError **error)
{
  Ent e;

  if (depth > MAX_CHAIN)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("Line %u, #%u: curves are nested in a cycle"), pw_ifc_line_of (c, id), id);
      return FALSE;
    }
  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  if (is (&e, "IFCPOLYLINE"))
    {
      const PwStepValue *list = arg (&e, 0);

      if (!pw_step_value_is_list (list))
        {
          pw_ifc_soft_error (c, error, id, _("the polyline has no points"));
          return FALSE;
        }
      if (!pw_ifc_spend_points (c, list->n, id, error))
        return FALSE;
      for (guint i = 0; i < list->n; i++)
        {
          Vec3 p;

          if (!pw_ifc_read_point (c, pw_step_value_get_ref (&list->items[i]), &p, error))
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

          if (!pw_ifc_get_ent (c, pw_step_value_get_ref (&segs->items[i]), &seg, error))
            return FALSE;
          same = pw_step_value_get_enum (arg (&seg, 1));
          {
            guint before = pts->len;

            if (!pw_ifc_curve_points (c, arg_ref (&seg, 2), pts, depth + 1, error))
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

      if (!pw_ifc_read_axis_placement (c, arg (&e, 0), &t, error)
          || !pw_ifc_arg_number (c, &e, 1, &rx, error))
        return FALSE;
      ry = rx;
      if (is (&e, "IFCELLIPSE") && !pw_ifc_arg_number (c, &e, 2, &ry, error))
        return FALSE;
      return append_arc (c, id, pts, &t, rx, ry, 0, 2 * G_PI, error);
    }
  pw_ifc_soft_error (c, error, id, _("curves of type %s are not read"), e.type);
  return FALSE;
}

/* ------------------------------------------------------------------ rings */

void
pw_ifc_shape_clear (Shape *s)
{
  g_clear_pointer (&s->outer, g_array_unref);
  g_clear_pointer (&s->holes, g_ptr_array_unref);
}

void
pw_ifc_shape_init (Shape *s)
{
  s->outer = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  s->holes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

void
pw_ifc_transform_ring (GArray *ring, const Xform *t)
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

void
pw_ifc_rect_ring (GArray *ring, double x0, double y0, double x1, double y1)
{
  PwPoint pts[4] = { { x0, y0 }, { x1, y0 }, { x1, y1 }, { x0, y1 } };

  g_array_append_vals (ring, pts, 4);
}

/* The profile in its own plane (z = 0 of the extrusion's position). */
gboolean
pw_ifc_profile_shape (Ifc *c, guint32 id, Shape *out, guint depth, GError **error)
{
  Ent e;
  Xform pos;

  if (depth > MAX_CHAIN)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("Line %u, #%u: profiles are derived in a cycle"), pw_ifc_line_of (c, id), id);
      return FALSE;
    }
  if (!pw_ifc_get_ent (c, id, &e, error))
    return FALSE;
  if (is (&e, "IFCARBITRARYCLOSEDPROFILEDEF") || is (&e, "IFCARBITRARYPROFILEDEFWITHVOIDS"))
    {
      const PwStepValue *inner = arg (&e, 3);

      if (!pw_ifc_curve_points (c, arg_ref (&e, 2), out->outer, 0, error))
        return FALSE;
      for (guint i = 0; is (&e, "IFCARBITRARYPROFILEDEFWITHVOIDS") && pw_step_value_is_list (inner)
                        && i < inner->n; i++)
        {
          GArray *hole = g_array_new (FALSE, FALSE, sizeof (PwPoint));

          g_ptr_array_add (out->holes, hole);
          if (!pw_ifc_curve_points (c, pw_step_value_get_ref (&inner->items[i]), hole, 0, error))
            return FALSE;
        }
      return TRUE;
    }
  if (is (&e, "IFCDERIVEDPROFILEDEF"))
    {
      Xform op;

      if (!pw_ifc_read_operator (c, arg_ref (&e, 3), &op, error)
          || !pw_ifc_profile_shape (c, arg_ref (&e, 2), out, depth + 1, error))
        return FALSE;
      pw_ifc_transform_ring (out->outer, &op);
      for (guint i = 0; i < out->holes->len; i++)
        pw_ifc_transform_ring (g_ptr_array_index (out->holes, i), &op);
      return TRUE;
    }
  if (!pw_ifc_read_axis_placement (c, arg (&e, 2), &pos, error))
    return FALSE;
  if (g_str_has_prefix (e.type, "IFCRECTANGLE") || is (&e, "IFCROUNDEDRECTANGLEPROFILEDEF"))
    {
      double w, h, wall;

      if (!pw_ifc_arg_number (c, &e, 3, &w, error) || !pw_ifc_arg_number (c, &e, 4, &h, error))
        return FALSE;
      pw_ifc_rect_ring (out->outer, -w / 2, -h / 2, w / 2, h / 2);
      if (is (&e, "IFCRECTANGLEHOLLOWPROFILEDEF") && pw_step_value_get_number (arg (&e, 5), &wall)
          && wall > 0 && 2 * wall < MIN (w, h))
        {
          GArray *hole = g_array_new (FALSE, FALSE, sizeof (PwPoint));

          pw_ifc_rect_ring (hole, -w / 2 + wall, -h / 2 + wall, w / 2 - wall, h / 2 - wall);
          pw_ifc_transform_ring (hole, &pos);
          g_ptr_array_add (out->holes, hole);
        }
      pw_ifc_transform_ring (out->outer, &pos);
      return TRUE;
    }
  if (is (&e, "IFCCIRCLEPROFILEDEF") || is (&e, "IFCCIRCLEHOLLOWPROFILEDEF") || is (&e, "IFCELLIPSEPROFILEDEF"))
    {
      double rx, ry, wall;

      if (!pw_ifc_arg_number (c, &e, 3, &rx, error))
        return FALSE;
      ry = rx;
      if (is (&e, "IFCELLIPSEPROFILEDEF") && !pw_ifc_arg_number (c, &e, 4, &ry, error))
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
  pw_ifc_soft_error (c, error, id, _("profiles of type %s are not read"), e.type);
  return FALSE;
}
