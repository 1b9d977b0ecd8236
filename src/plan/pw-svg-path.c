/* pw-svg-path.c — SVG path data into flattened subpaths
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 * 1. The scan is linear in the length of d and never reads past its NUL.
 * 2. Every number is finite and within PW_SVG_PATH_MAX_NUMBER; every point appended
 *    is therefore finite too (arcs and curves are convex combinations or bounded
 *    ellipse points of such numbers).
 * 3. No subpath holds two equal consecutive points, and a closed one does not repeat
 *    its first point at its end; subpaths of fewer than two points are dropped.
 * 4. The total number of points never exceeds the caller's limit.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-import.h"
#include "pw-svg-path.h"

void
pw_svg_subpath_free (PwSvgSubpath *subpath)
{
  if (subpath == NULL)
    return;
  g_array_unref (subpath->points);
  g_free (subpath);
}

typedef enum {
  NUMBER_OK,
  NUMBER_NONE,
  NUMBER_RANGE,
} NumberResult;

static NumberResult
scan_number (const char **pos, double *value)
{
  const char *p = *pos;
  const char *start = p;
  gboolean digits = FALSE;
  char small[64];
  g_autofree char *big = NULL;
  const char *text;
  gsize len;
  double v;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }
  if (!digits)
    return NUMBER_NONE;
  if ((*p == 'e' || *p == 'E')
      && (g_ascii_isdigit (p[1])
          || ((p[1] == '+' || p[1] == '-') && g_ascii_isdigit (p[2]))))
    {
      p += 2;
      while (g_ascii_isdigit (*p))
        p++;
    }

  len = (gsize) (p - start);
  if (len < sizeof small)
    {
      memcpy (small, start, len);
      small[len] = '\0';
      text = small;
    }
  else
    text = big = g_strndup (start, len);
  v = g_ascii_strtod (text, NULL);
  if (!isfinite (v) || fabs (v) > PW_SVG_PATH_MAX_NUMBER)
    return NUMBER_RANGE;
  *value = v;
  *pos = p;
  return NUMBER_OK;
}

gboolean
pw_svg_read_number (const char **pos, double *value)
{
  return scan_number (pos, value) == NUMBER_OK;
}

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

typedef struct
{
  const char   *d;
  const char   *p;
  double        tolerance;
  guint         max_points;
  guint         n_points;
  GPtrArray    *subpaths;
  PwSvgSubpath *current;
  PwPoint       pen;
  PwPoint       start;
  PwPoint       control;   /* last control point, for S and T */
  char          last;      /* upper-case previous command */
  GError      **error;
  gsize        *error_offset;
} Parser;

static gboolean
fail (Parser *parser, const char *at, PwPlanError code, const char *message)
{
  gsize offset = (gsize) (at - parser->d);

  if (parser->error_offset != NULL)
    *parser->error_offset = offset;
  /* TRANSLATORS: where path data goes wrong: a byte offset and what is wrong there */
  g_set_error (parser->error, PW_PLAN_ERROR, code, _("path data, offset %lu: %s"),
               (unsigned long) offset, message);
  return FALSE;
}

static void
skip_separators (Parser *parser)
{
  while (is_space (*parser->p))
    parser->p++;
  if (*parser->p == ',')
    {
      parser->p++;
      while (is_space (*parser->p))
        parser->p++;
    }
}

static gboolean
number_follows (Parser *parser)
{
  const char *p = parser->p;

  while (is_space (*p) || *p == ',')
    p++;
  return *p == '+' || *p == '-' || *p == '.' || g_ascii_isdigit (*p);
}

static gboolean
read_number (Parser *parser, double *value, char command)
{
  const char *at;

  skip_separators (parser);
  at = parser->p;
  switch (scan_number (&parser->p, value))
    {
    case NUMBER_OK:
      return TRUE;
    case NUMBER_RANGE:
      return fail (parser, at, PW_PLAN_ERROR_PARSE,
                   _("a number is too large or not finite"));
    case NUMBER_NONE:
    default:
      {
        g_autofree char *message = NULL;

        if (*at == '\0')
          /* TRANSLATORS: %c is a path command letter such as C or a */
          message = g_strdup_printf (_("the data ends in the middle of a “%c” command"), command);
        else
          /* TRANSLATORS: %c is a path command letter such as C or a */
          message = g_strdup_printf (_("expected a number for the “%c” command"), command);
        return fail (parser, at, PW_PLAN_ERROR_PARSE, message);
      }
    }
}

static gboolean
read_flag (Parser *parser, gboolean *flag, char command)
{
  skip_separators (parser);
  if (*parser->p == '0' || *parser->p == '1')
    {
      *flag = *parser->p == '1';
      parser->p++;
      return TRUE;
    }
  if (*parser->p == '\0')
    return read_number (parser, &(double) { 0 }, command);
  return fail (parser, parser->p, PW_PLAN_ERROR_PARSE,
               _("an arc flag must be 0 or 1"));
}

static void
finish_subpath (Parser *parser)
{
  PwSvgSubpath *sub = parser->current;

  parser->current = NULL;
  if (sub == NULL)
    return;
  if (!sub->closed && sub->points->len >= 4)
    {
      PwPoint first = g_array_index (sub->points, PwPoint, 0);
      double span = fabs (first.x) + fabs (first.y) + 1;

      /* back where it began without a Z: closed all the same. The points that
       * end on the start are dropped, each of them: "M0 0 L1 0 L0 0 L1e-12 0"
       * ends on it twice (invariant 3). */
      while (sub->points->len >= 2)
        {
          PwPoint *last = &g_array_index (sub->points, PwPoint, sub->points->len - 1);

          if (fabs (first.x - last->x) > span * 1e-9 || fabs (first.y - last->y) > span * 1e-9)
            break;
          g_array_set_size (sub->points, sub->points->len - 1);
          parser->n_points--;
          sub->closed = TRUE;
        }
    }
  if (sub->points->len < 2)
    {
      parser->n_points -= sub->points->len;
      pw_svg_subpath_free (sub);
      return;
    }
  g_ptr_array_add (parser->subpaths, sub);
}

static void
begin_subpath (Parser *parser, PwPoint at)
{
  finish_subpath (parser);
  parser->current = g_new0 (PwSvgSubpath, 1);
  parser->current->points = g_array_new (FALSE, FALSE, sizeof (PwPoint));
  parser->start = at;
  parser->pen = at;
}

static gboolean
add_point (Parser *parser, PwPoint pt, const char *at)
{
  GArray *points = parser->current->points;

  if (points->len > 0)
    {
      PwPoint *prev = &g_array_index (points, PwPoint, points->len - 1);

      if (prev->x == pt.x && prev->y == pt.y)
        return TRUE;
    }
  if (parser->n_points >= parser->max_points)
    {
      g_autofree char *message = g_strdup_printf (_("the path has more than %u points"),
                                                  parser->max_points);

      return fail (parser, at, PW_PLAN_ERROR_LIMIT, message);
    }
  g_array_append_val (points, pt);
  parser->n_points++;
  return TRUE;
}

/* A drawing command after Z starts a new subpath at the old start (SVG 1.1 §8.3.3). */
static void
ensure_subpath (Parser *parser)
{
  if (parser->current == NULL || parser->current->closed)
    {
      PwPoint start = parser->start;

      begin_subpath (parser, start);
      g_array_append_val (parser->current->points, start);
      parser->n_points++;
    }
}

static guint
clamp_segments (double n)
{
  if (!(n >= 1))
    return 1;
  if (n > PW_SVG_PATH_MAX_SEGMENTS)
    return PW_SVG_PATH_MAX_SEGMENTS;
  return (guint) ceil (n);
}

static gboolean
add_cubic (Parser *parser, PwPoint p0, PwPoint p1, PwPoint p2, PwPoint p3, const char *at)
{
  /* Wang's formula: n segments keep a cubic within the tolerance */
  double m = MAX (hypot (p0.x - 2 * p1.x + p2.x, p0.y - 2 * p1.y + p2.y),
                  hypot (p1.x - 2 * p2.x + p3.x, p1.y - 2 * p2.y + p3.y));
  guint n = clamp_segments (sqrt (0.75 * m / parser->tolerance));

  for (guint i = 1; i <= n; i++)
    {
      double t = (double) i / n, u = 1 - t;
      PwPoint pt;

      if (i == n)
        pt = p3;
      else
        {
          pt.x = u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x;
          pt.y = u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y;
        }
      if (!add_point (parser, pt, at))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_quadratic (Parser *parser, PwPoint p0, PwPoint p1, PwPoint p2, const char *at)
{
  double m = hypot (p0.x - 2 * p1.x + p2.x, p0.y - 2 * p1.y + p2.y);
  guint n = clamp_segments (sqrt (0.25 * m / parser->tolerance));

  for (guint i = 1; i <= n; i++)
    {
      double t = (double) i / n, u = 1 - t;
      PwPoint pt;

      if (i == n)
        pt = p2;
      else
        {
          pt.x = u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x;
          pt.y = u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y;
        }
      if (!add_point (parser, pt, at))
        return FALSE;
    }
  return TRUE;
}

static guint
arc_segments (double radius, double sweep, double tolerance)
{
  double step;

  if (tolerance >= radius)
    step = G_PI / 2;
  else
    step = 2 * acos (1 - tolerance / radius);
  if (!(step > 0))
    return PW_SVG_PATH_MAX_SEGMENTS;
  return clamp_segments (fabs (sweep) / step);
}

static double
vector_angle (double ux, double uy, double vx, double vy)
{
  return atan2 (ux * vy - uy * vx, ux * vx + uy * vy);
}

/* Endpoint to centre parameterisation, SVG 1.1 implementation notes F.6.5 and F.6.6. */
static gboolean
add_arc (Parser *parser, PwPoint p0, double rx, double ry, double phi_deg,
         gboolean large, gboolean sweep, PwPoint p1, const char *at)
{
  double phi = phi_deg * G_PI / 180, c = cos (phi), s = sin (phi);
  double dx = (p0.x - p1.x) / 2, dy = (p0.y - p1.y) / 2;
  double x1 = c * dx + s * dy, y1 = -s * dx + c * dy;
  double lambda, num, den, coef, cxp, cyp, cx, cy, theta, dtheta;
  guint n;

  if (p0.x == p1.x && p0.y == p1.y)
    return TRUE;
  rx = fabs (rx);
  ry = fabs (ry);
  if (rx == 0 || ry == 0)
    return add_point (parser, p1, at);

  lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
  if (lambda > 1)
    {
      rx *= sqrt (lambda);
      ry *= sqrt (lambda);
    }
  num = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
  den = rx * rx * y1 * y1 + ry * ry * x1 * x1;
  coef = (den > 0 && num > 0) ? sqrt (num / den) : 0;
  if (large == sweep)
    coef = -coef;
  cxp = coef * rx * y1 / ry;
  cyp = -coef * ry * x1 / rx;
  cx = c * cxp - s * cyp + (p0.x + p1.x) / 2;
  cy = s * cxp + c * cyp + (p0.y + p1.y) / 2;
  theta = vector_angle (1, 0, (x1 - cxp) / rx, (y1 - cyp) / ry);
  dtheta = vector_angle ((x1 - cxp) / rx, (y1 - cyp) / ry, (-x1 - cxp) / rx, (-y1 - cyp) / ry);
  if (!sweep && dtheta > 0)
    dtheta -= 2 * G_PI;
  else if (sweep && dtheta < 0)
    dtheta += 2 * G_PI;

  n = arc_segments (MAX (rx, ry), dtheta, parser->tolerance);
  for (guint i = 1; i <= n; i++)
    {
      PwPoint pt;

      if (i == n)
        pt = p1;
      else
        {
          double a = theta + dtheta * i / n;
          double ex = rx * cos (a), ey = ry * sin (a);

          pt.x = c * ex - s * ey + cx;
          pt.y = s * ex + c * ey + cy;
        }
      if (!isfinite (pt.x) || !isfinite (pt.y))
        return fail (parser, at, PW_PLAN_ERROR_PARSE, _("an arc cannot be drawn"));
      if (!add_point (parser, pt, at))
        return FALSE;
    }
  return TRUE;
}

void
pw_svg_flatten_ellipse (GArray *points, double cx, double cy, double rx, double ry, double tolerance)
{
  guint n;

  if (!(tolerance > 0))
    tolerance = 1e-3;
  n = MAX (arc_segments (MAX (fabs (rx), fabs (ry)), 2 * G_PI, tolerance), 8);
  for (guint i = 0; i < n; i++)
    {
      double a = 2 * G_PI * i / n;
      PwPoint pt = { cx + rx * cos (a), cy + ry * sin (a) };

      g_array_append_val (points, pt);
    }
}

static gboolean
parse_command (Parser *parser, char cmd, const char *at)
{
  gboolean rel = g_ascii_islower (cmd);
  char up = g_ascii_toupper (cmd);
  gboolean first = TRUE;

  if (up == 'Z')
    {
      if (parser->current != NULL && !parser->current->closed)
        {
          GArray *points = parser->current->points;

          if (points->len > 1)
            {
              PwPoint *a = &g_array_index (points, PwPoint, 0);
              PwPoint *b = &g_array_index (points, PwPoint, points->len - 1);

              if (a->x == b->x && a->y == b->y)
                {
                  g_array_set_size (points, points->len - 1);
                  parser->n_points--;
                }
            }
          parser->current->closed = TRUE;
        }
      parser->pen = parser->start;
      parser->last = 'Z';
      if (number_follows (parser))
        {
          skip_separators (parser);
          return fail (parser, parser->p, PW_PLAN_ERROR_PARSE,
                       _("“Z” takes no numbers"));
        }
      return TRUE;
    }

  do
    {
      PwPoint base = rel ? parser->pen : (PwPoint) { 0, 0 };
      PwPoint pen = parser->pen;
      double v[7];
      char effective = up;

      at = parser->p;
      switch (up)
        {
        case 'M':
          if (!read_number (parser, &v[0], cmd) || !read_number (parser, &v[1], cmd))
            return FALSE;
          {
            PwPoint pt = { base.x + v[0], base.y + v[1] };

            if (first)
              {
                begin_subpath (parser, pt);
                if (!add_point (parser, pt, at))
                  return FALSE;
              }
            else
              {
                /* further pairs after a moveto are linetos */
                ensure_subpath (parser);
                if (!add_point (parser, pt, at))
                  return FALSE;
                effective = 'L';
              }
            parser->pen = pt;
          }
          break;
        case 'L':
        case 'T':
          if (!read_number (parser, &v[0], cmd) || !read_number (parser, &v[1], cmd))
            return FALSE;
          ensure_subpath (parser);
          {
            PwPoint pt = { base.x + v[0], base.y + v[1] };

            if (up == 'T')
              {
                PwPoint ctrl = pen;

                if (parser->last == 'Q' || parser->last == 'T')
                  ctrl = (PwPoint) { 2 * pen.x - parser->control.x, 2 * pen.y - parser->control.y };
                if (!add_quadratic (parser, pen, ctrl, pt, at))
                  return FALSE;
                parser->control = ctrl;
              }
            else if (!add_point (parser, pt, at))
              return FALSE;
            parser->pen = pt;
          }
          break;
        case 'H':
        case 'V':
          if (!read_number (parser, &v[0], cmd))
            return FALSE;
          ensure_subpath (parser);
          {
            PwPoint pt = pen;

            if (up == 'H')
              pt.x = (rel ? pen.x : 0) + v[0];
            else
              pt.y = (rel ? pen.y : 0) + v[0];
            if (!add_point (parser, pt, at))
              return FALSE;
            parser->pen = pt;
          }
          break;
        case 'C':
        case 'S':
        case 'Q':
          {
            guint n = up == 'C' ? 6 : 4;
            PwPoint c1, c2, end;

            for (guint i = 0; i < n; i++)
              if (!read_number (parser, &v[i], cmd))
                return FALSE;
            ensure_subpath (parser);
            if (up == 'C')
              {
                c1 = (PwPoint) { base.x + v[0], base.y + v[1] };
                c2 = (PwPoint) { base.x + v[2], base.y + v[3] };
                end = (PwPoint) { base.x + v[4], base.y + v[5] };
              }
            else
              {
                c2 = (PwPoint) { base.x + v[0], base.y + v[1] };
                end = (PwPoint) { base.x + v[2], base.y + v[3] };
                c1 = c2;
                if (up == 'S')
                  {
                    c1 = pen;
                    if (parser->last == 'C' || parser->last == 'S')
                      c1 = (PwPoint) { 2 * pen.x - parser->control.x, 2 * pen.y - parser->control.y };
                  }
              }
            if (up == 'Q')
              {
                if (!add_quadratic (parser, pen, c1, end, at))
                  return FALSE;
                parser->control = c1;
              }
            else
              {
                if (!add_cubic (parser, pen, c1, c2, end, at))
                  return FALSE;
                parser->control = c2;
              }
            parser->pen = end;
          }
          break;
        case 'A':
          {
            gboolean large, sweep;

            if (!read_number (parser, &v[0], cmd) || !read_number (parser, &v[1], cmd)
                || !read_number (parser, &v[2], cmd) || !read_flag (parser, &large, cmd)
                || !read_flag (parser, &sweep, cmd) || !read_number (parser, &v[5], cmd)
                || !read_number (parser, &v[6], cmd))
              return FALSE;
            ensure_subpath (parser);
            {
              PwPoint end = { base.x + v[5], base.y + v[6] };

              if (!add_arc (parser, pen, v[0], v[1], v[2], large, sweep, end, at))
                return FALSE;
              parser->pen = end;
            }
          }
          break;
        default:
          g_assert_not_reached ();
        }
      parser->last = effective;
      first = FALSE;
    }
  while (number_follows (parser));
  return TRUE;
}

GPtrArray *
pw_svg_path_parse (const char *d,
                   double      tolerance,
                   guint       max_points,
                   gsize      *error_offset,
                   GError    **error)
{
  g_autoptr(GPtrArray) subpaths = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_svg_subpath_free);
  Parser parser = { 0 };
  gboolean ok = TRUE;

  g_return_val_if_fail (d != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parser.d = d;
  parser.p = d;
  parser.tolerance = (isfinite (tolerance) && tolerance > 1e-9) ? tolerance : 1e-9;
  parser.max_points = max_points > 0 ? max_points : PW_IMPORT_MAX_POINTS;
  parser.subpaths = subpaths;
  parser.error = error;
  parser.error_offset = error_offset;

  while (ok)
    {
      const char *at;
      char cmd;

      while (is_space (*parser.p))
        parser.p++;
      if (*parser.p == '\0')
        break;
      at = parser.p;
      cmd = *parser.p;
      if (strchr ("MmLlHhVvCcSsQqTtAaZz", cmd) == NULL || cmd == '\0')
        {
          g_autofree char *message = NULL;

          if (g_ascii_isprint (cmd))
            /* TRANSLATORS: %c is the unexpected character in path data */
            message = g_strdup_printf (_("“%c” is not a path command"), cmd);
          else
            message = g_strdup (_("a character that is not a path command"));
          ok = fail (&parser, at, PW_PLAN_ERROR_PARSE, message);
          break;
        }
      if (parser.last == '\0' && cmd != 'M' && cmd != 'm')
        {
          ok = fail (&parser, at, PW_PLAN_ERROR_PARSE,
                     _("path data must begin with a moveto (M or m)"));
          break;
        }
      parser.p++;
      ok = parse_command (&parser, cmd, at);
    }

  if (!ok)
    {
      pw_svg_subpath_free (parser.current);
      return NULL;
    }
  finish_subpath (&parser);
  return g_steal_pointer (&subpaths);
}
