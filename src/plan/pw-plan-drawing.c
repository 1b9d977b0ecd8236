/* pw-plan-drawing.c — a floor's drawing (its backdrop) placed again after import
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are in docs/plan-editing.md, "The drawing behind the rooms". */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "pw-ledger.h"
#include "pw-plan-drawing.h"
#include "pw-plan-error.h"

#define MIN_DISTANCE 0.01     /* m */
#define MAX_DISTANCE 100000.0 /* m */

/* The floor's drawing record: its id, version and transform (core's query:
 * the plan does not read SQL). */
static gboolean
load (PwStore *store, const char *floor_id, char **id, gint64 *version, cairo_matrix_t *to_plan,
      GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *drawing_id = pw_ledger_floor_drawing_id (store, floor_id, &local);
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *transform;
  JsonArray *array;
  double m[6];

  if (drawing_id == NULL)
    {
      if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY, local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  row = pw_store_get_row (store, "floor_drawing", drawing_id, error);
  if (row == NULL)
    return FALSE;
  transform = json_object_get_string_member_with_default (row, "transform", NULL);
  if (transform == NULL || !json_parser_load_from_data (parser, transform, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser))
      || json_array_get_length (array = json_node_get_array (json_parser_get_root (parser))) != 6)
    {
      g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                           _("The placement of this floor’s drawing cannot be read"));
      return FALSE;
    }
  for (guint i = 0; i < 6; i++)
    m[i] = json_array_get_double_element (array, i);
  cairo_matrix_init (to_plan, m[0], m[1], m[2], m[3], m[4], m[5]);
  if (id != NULL)
    *id = g_steal_pointer (&drawing_id);
  if (version != NULL)
    *version = json_object_get_int_member_with_default (row, "version", 1);
  return TRUE;
}

gboolean
pw_plan_drawing_get_transform (PwStore *store, const char *floor_id, cairo_matrix_t *to_plan,
                               GError **error)
{
  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (floor_id != NULL && to_plan != NULL, FALSE);

  return load (store, floor_id, NULL, NULL, to_plan, error);
}

gboolean
pw_plan_drawing_calibrated (const cairo_matrix_t *to_plan,
                            const PwPoint        *a,
                            const PwPoint        *b,
                            double                distance,
                            cairo_matrix_t       *result,
                            GError              **error)
{
  double ax = a->x, ay = a->y, bx = b->x, by = b->y, now, k;
  cairo_matrix_t about;

  g_return_val_if_fail (to_plan != NULL && a != NULL && b != NULL && result != NULL, FALSE);

  if (!isfinite (ax) || !isfinite (ay) || !isfinite (bx) || !isfinite (by))
    {
      g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                           _("The two points must be points of the drawing"));
      return FALSE;
    }
  if (!isfinite (distance) || distance < MIN_DISTANCE || distance > MAX_DISTANCE)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   /* Translators: the limits of the distance between two calibration points */
                   _("The distance between the points must be from %.2f m to %.0f km"),
                   MIN_DISTANCE, MAX_DISTANCE / 1000);
      return FALSE;
    }
  /* where the points are on the floor now */
  cairo_matrix_transform_point (to_plan, &ax, &ay);
  cairo_matrix_transform_point (to_plan, &bx, &by);
  now = hypot (bx - ax, by - ay);
  if (!(now > 1e-9))
    {
      g_set_error_literal (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                           _("Pick two different points of the drawing"));
      return FALSE;
    }
  k = distance / now;
  /* scaled about a's place on the floor: a stays, b moves along the line */
  cairo_matrix_init_translate (&about, ax, ay);
  cairo_matrix_scale (&about, k, k);
  cairo_matrix_translate (&about, -ax, -ay);
  cairo_matrix_multiply (result, to_plan, &about);
  return TRUE;
}

gboolean
pw_plan_drawing_recalibrate (PwStore       *store,
                             const char    *floor_id,
                             const PwPoint *a,
                             const PwPoint *b,
                             double         distance,
                             GError       **error)
{
  g_autofree char *id = NULL;
  g_autofree char *transform = NULL;
  g_autoptr(PwMutation) m = NULL;
  cairo_matrix_t now, next;
  char v[6][G_ASCII_DTOSTR_BUF_SIZE];
  gint64 version;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (floor_id != NULL, FALSE);

  if (!load (store, floor_id, &id, &version, &now, error)
      || !pw_plan_drawing_calibrated (&now, a, b, distance, &next, error))
    return FALSE;
  g_ascii_formatd (v[0], sizeof v[0], "%.17g", next.xx);
  g_ascii_formatd (v[1], sizeof v[1], "%.17g", next.yx);
  g_ascii_formatd (v[2], sizeof v[2], "%.17g", next.xy);
  g_ascii_formatd (v[3], sizeof v[3], "%.17g", next.yy);
  g_ascii_formatd (v[4], sizeof v[4], "%.17g", next.x0);
  g_ascii_formatd (v[5], sizeof v[5], "%.17g", next.y0);
  transform = g_strdup_printf ("[%s, %s, %s, %s, %s, %s]", v[0], v[1], v[2], v[3], v[4], v[5]);
  m = pw_mutation_new_update ("floor_drawing", id, version);
  pw_mutation_set_string (m, "transform", transform);
  return pw_store_apply (store, m, error);
}
