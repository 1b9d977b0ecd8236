/* pw-ifc-spatial.c — storeys, containment and spaces of the IFC importer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note (the invariants of pw-ifc-import.c this part keeps).
 *  2. A problem confined to one space (a missing reference, no usable footprint) is
 *     a warning on its room, and the room keeps no polygon; a hard error from its
 *     geometry (or too many spaces) refuses the whole file.
 *  4. The walk up the containment (child → relating) and the placements
 *     (pw-ifc-geometry.c) are bounded by a depth, so a reference cycle ends in an
 *     error, never a loop.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-ifc-private.h"

/* ------------------------------------------------------------------ spaces */

static char *
dup_label (const PwStepValue *v)
{
  const char *s = pw_step_value_get_string (v);

  return s && *s ? g_strdup (s) : NULL;
}

gboolean
pw_ifc_read_storeys (Ifc *c, GError **error)
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
      if (!pw_ifc_get_ent (c, pw_step_file_get_id (c->step, i), &e, error))
        return FALSE;
      if (pw_step_value_get_number (arg (&e, 9), &z))
        z *= c->length;
      else
        {
          Xform t;
          g_autoptr(GError) local = NULL;

          if (pw_ifc_read_local_placement (c, arg_ref (&e, 5), &t, &local))
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

      if (!pw_ifc_get_ent (c, g_array_index (found, guint32, order[k]), &e, error))
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

gboolean
pw_ifc_read_relations (Ifc *c, GError **error)
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
      if (!pw_ifc_get_ent (c, pw_step_file_get_id (c->step, i), &e, error))
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

gboolean
pw_ifc_read_space (Ifc *c, guint index, GError **error)
{
  Ent e;
  PwImportLevel *level;
  PwImportRoom *room;
  g_autofree char *gid = NULL;
  g_autoptr(GError) local = NULL;
  Xform t;
  Shape shape = { NULL, NULL };

  if (!pw_ifc_get_ent (c, pw_step_file_get_id (c->step, index), &e, error))
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
                   pw_ifc_line_of (c, e.id), e.id, PW_IMPORT_MAX_ROOMS);
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
  pw_ifc_shape_init (&shape);
  if (arg_ref (&e, 6) == 0)
    pw_import_room_warn (room, _("#%u (line %u): the space has no shape"),
                         e.id, pw_ifc_line_of (c, e.id));
  else if (pw_ifc_read_local_placement (c, arg_ref (&e, 5), &t, &local)
           && pw_ifc_product_shape (c, arg_ref (&e, 6), &t, &shape, &local))
    {
      PwPolygon *polygon = pw_ifc_shape_to_polygon (c, &shape, &local);

      if (polygon)
        pw_import_room_set_polygon (room, polygon);
      else
        pw_import_room_warn (room, _("#%u (line %u): the footprint is unusable: %s"),
                             e.id, pw_ifc_line_of (c, e.id), local->message);
      if (c->sideways)
        pw_import_room_warn (room, _("#%u (line %u): the space is extruded sideways; its "
                                     "footprint is the solid seen from above, not its profile"),
                             e.id, pw_ifc_line_of (c, e.id));
    }
  else if (!is_soft (local))
    {
      pw_ifc_shape_clear (&shape);
      c->room = NULL;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  else
    pw_import_room_warn (room, _("#%u (line %u): no footprint: %s"),
                         e.id, pw_ifc_line_of (c, e.id), local->message);
  pw_ifc_shape_clear (&shape);
  c->room = NULL;
  return TRUE;
}
