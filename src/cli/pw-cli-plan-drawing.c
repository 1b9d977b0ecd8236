/* pw-cli-plan-drawing.c — parkwise-cli plan drawing: where a floor's drawing lies
 * behind its rooms, and placing it again by two points and their distance
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pw-cli.h"
#include "pw-plan-drawing.h"
#include "pw-plan-floor.h"

/* "X1,Y1,X2,Y2" as two points, or FALSE after reporting a usage error. */
static gboolean
parse_points (const char *text, PwPoint *a, PwPoint *b)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  double *xy[4] = { &a->x, &a->y, &b->x, &b->y };

  if (g_strv_length (parts) != 4)
    {
      usage_error (_("--recalibrate needs two points of the drawing as X1,Y1,X2,Y2, not “%s”"), text);
      return FALSE;
    }
  for (guint i = 0; i < 4; i++)
    {
      const char *s = g_strstrip (parts[i]);
      char *end = NULL;

      *xy[i] = g_ascii_strtod (s, &end);
      if (*s == '\0' || end == s || *end != '\0' || !isfinite (*xy[i]))
        {
          usage_error (_("--recalibrate: “%s” is not a number"), s);
          return FALSE;
        }
    }
  return TRUE;
}

static void
print_transform (const cairo_matrix_t *m, gboolean json)
{
  char v[6][G_ASCII_DTOSTR_BUF_SIZE];
  double scale = sqrt (fabs (m->xx * m->yy - m->xy * m->yx));

  g_ascii_formatd (v[0], sizeof v[0], "%.10g", m->xx);
  g_ascii_formatd (v[1], sizeof v[1], "%.10g", m->yx);
  g_ascii_formatd (v[2], sizeof v[2], "%.10g", m->xy);
  g_ascii_formatd (v[3], sizeof v[3], "%.10g", m->yy);
  g_ascii_formatd (v[4], sizeof v[4], "%.10g", m->x0);
  g_ascii_formatd (v[5], sizeof v[5], "%.10g", m->y0);
  if (json)
    {
      char s[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (s, sizeof s, "%.10g", scale);
      g_print ("{\n  \"transform\" : [%s, %s, %s, %s, %s, %s],\n  \"metres_per_unit\" : %s\n}\n",
               v[0], v[1], v[2], v[3], v[4], v[5], s);
    }
  else
    /* TRANSLATORS: plan drawing: the drawing's scale and its placement matrix */
    g_print (_("%.6g m per drawing unit; transform [%s, %s, %s, %s, %s, %s]\n"), scale, v[0], v[1],
             v[2], v[3], v[4], v[5]);
}

int
cmd_plan_drawing (int argc, char **argv)
{
  g_autofree char *db = NULL, *park_code = NULL, *park_id = NULL, *points = NULL, *distance_text = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The Parkwise database"), N_("FILE") },
    { "recalibrate", 0, 0, G_OPTION_ARG_STRING, &points,
      N_("Two points of the drawing, in its own units, whose distance is known"), N_("X1,Y1,X2,Y2") },
    { "distance", 0, 0, G_OPTION_ARG_STRING, &distance_text,
      N_("The distance between the two points, in metres"), N_("METRES") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "park", 0, 0, G_OPTION_ARG_STRING, &park_code, N_("The park (default: the first)"),
      N_("CODE") },
    { NULL }
  };
  g_autoptr(PwStore) store = NULL;
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(GError) error = NULL;
  cairo_matrix_t m;

  if (!parse_command (_("plan drawing FLOOR — the drawing behind a floor’s rooms"),
                      _("Show where a floor’s drawing lies behind its rooms, or place it again "
                        "by two of its points and the distance between them (the rooms stay)"),
                      entries, &db, 1, _("Name the floor, such as T1-F03"), &argc, &argv))
    return EXIT_USAGE;
  if ((points == NULL) != (distance_text == NULL))
    return usage_error (_("--recalibrate and --distance go together"));

  store = open_park (db, park_code, &park_id, &error);
  if (store == NULL)
    return failed (error);
  floor = pw_plan_floor_load (store, park_id, argv[1], &error);
  if (floor == NULL)
    return failed (error);
  if (points != NULL)
    {
      PwPoint a, b;
      char *end = NULL;
      double distance = g_ascii_strtod (distance_text, &end);

      if (!parse_points (points, &a, &b))
        return EXIT_USAGE;
      if (*distance_text == '\0' || end == distance_text || *end != '\0')
        return usage_error (_("--distance: “%s” is not a number of metres"), distance_text);
      if (!pw_plan_drawing_recalibrate (store, pw_plan_floor_get_id (floor), &a, &b, distance,
                                        &error))
        return failed (error);
    }
  if (!pw_plan_drawing_get_transform (store, pw_plan_floor_get_id (floor), &m, &error))
    return failed (error);
  print_transform (&m, json);
  return EXIT_OK;
}
