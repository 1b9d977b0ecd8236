/* pw-ifc-quantities.c — declared areas of the IFC importer: quantity and
 * property sets of spaces, in the project's area unit
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note (the invariants of pw-ifc-import.c this part keeps).
 *  1. Declared areas are converted to square metres by the unit the quantity names,
 *     else by the project's area unit (or, with none stated, as checked against the
 *     geometry by pw_ifc_check_assumed_area_unit).
 *  2. A quantity or property that cannot be read (a missing reference, no number)
 *     is skipped; only a hard error (a parse failure) refuses the file.
 *  4. Complex quantities are read to a bounded depth.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-ifc-private.h"

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

      if (!pw_ifc_get_ent (c, pw_step_value_get_ref (&list->items[q]), &e, &local))
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

              if (!pw_ifc_unit_factor (c, arg_ref (&e, 2), &type, &f, 0, NULL))
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

              if (!pw_ifc_unit_factor (c, arg_ref (&e, 3), &type, &f, 0, NULL))
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

gboolean
pw_ifc_read_declared_areas (Ifc *c, GError **error)
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
      if (!pw_ifc_get_ent (c, pw_step_file_get_id (c->step, i), &e, error))
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
      if (!pw_ifc_get_ent (c, arg_ref (&e, 5), &def, &local))
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
void
pw_ifc_check_assumed_area_unit (Ifc *c)
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
