/* pw-ifc-import.c — storeys and spaces from IFC models in STEP form
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer is split by concern (pw-ifc-private.h lists the parts); this file
 * holds the access to entities, the units and the public entry points.
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

#include "pw-ifc-private.h"

/* ------------------------------------------------------------------ access */

guint
pw_ifc_line_of (Ifc *c, guint32 id)
{
  guint index = pw_step_file_lookup (c->step, id);

  return index == PW_STEP_NO_INDEX ? 0 : pw_step_file_get_line (c->step, index);
}

void G_GNUC_PRINTF (4, 5)
pw_ifc_soft_error (Ifc *c, GError **error, guint32 id, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
               _("#%u (line %u): %s"), id, pw_ifc_line_of (c, id), detail);
}

/* Resolves #id; a missing instance is a soft error, a parse failure a hard one. */
gboolean
pw_ifc_get_ent (Ifc *c, guint32 id, Ent *out, GError **error)
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

gboolean
pw_ifc_arg_number (Ifc *c, const Ent *e, guint i, double *out, GError **error)
{
  if (!pw_step_value_get_number (arg (e, i), out))
    {
      pw_ifc_soft_error (c, error, e->id, _("%s needs a number as argument %u"), e->type, i + 1);
      return FALSE;
    }
  return TRUE;
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
gboolean
pw_ifc_unit_factor (Ifc *c, guint32 id, const char **type, double *factor, guint depth,
                    GError **error)
{
  Ent e;

  if (depth > 8)
    {
      pw_ifc_soft_error (c, error, id, _("units are defined in a cycle"));
      return FALSE;
    }
  if (!pw_ifc_get_ent (c, id, &e, error))
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

      if (!pw_ifc_get_ent (c, arg_ref (&e, 3), &mwu, error))
        return FALSE;
      if (!pw_step_value_get_number (arg (&mwu, 0), &value))
        {
          pw_ifc_soft_error (c, error, mwu.id, _("the conversion factor is not a number"));
          return FALSE;
        }
      if (!pw_ifc_unit_factor (c, arg_ref (&mwu, 1), &base_type, &base, depth + 1, error))
        return FALSE;
      *factor = value * base;
      return TRUE;
    }
  pw_ifc_soft_error (c, error, id, _("units of type %s are not read"), e.type);
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
      if (!pw_ifc_get_ent (c, pw_step_file_get_id (c->step, i), &project, error))
        return FALSE;
      if (arg_ref (&project, 8) == 0)
        break;
      if (!pw_ifc_get_ent (c, arg_ref (&project, 8), &assignment, &missing))
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
          if (pw_ifc_get_ent (c, uid, &unit, NULL) && !is (&unit, "IFCSIUNIT")
              && !g_str_has_prefix (unit.type, "IFCCONVERSIONBASEDUNIT"))
            continue;
          if (!pw_ifc_unit_factor (c, uid, &type, &f, 0, &local))
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

/* Spaces that share a GlobalId get their entity and line as their place, for the
 * warning that names them; only those, since finding a line rescans the file. */
static void
name_shared_ids (Ifc *c)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  for (guint l = 0; l < c->doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (c->doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, room->source_id));

          g_hash_table_insert (counts, room->source_id, GUINT_TO_POINTER (n + 1));
        }
    }
  g_hash_table_iter_init (&iter, c->rooms);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PwImportRoom *room = value;
      guint32 id = GPOINTER_TO_UINT (key);

      if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, room->source_id)) > 1 && room->place == NULL)
        /* TRANSLATORS: where an IFC space is: its entity number and its line in the file */
        room->place = g_strdup_printf (_("#%u (line %u)"), id, pw_ifc_line_of (c, id));
    }
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
  if (!read_units (&c, error) || !pw_ifc_read_storeys (&c, error)
      || !pw_ifc_read_relations (&c, error))
    goto out;
  space_type = pw_step_file_find_type (step, "IFCSPACE");
  for (guint i = 0; space_type >= 0 && i < n; i++)
    if (pw_step_file_get_type (step, i) == space_type && !pw_ifc_read_space (&c, i, error))
      goto out;
  if (!pw_ifc_read_declared_areas (&c, error))
    goto out;
  if (c.area_assumed)
    pw_ifc_check_assumed_area_unit (&c);
  if (doc->levels->len == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY,
                   _("The model has no storeys and no spaces"));
      goto out;
    }
  if (pw_import_doc_count_rooms (doc) == 0)
    pw_import_doc_warn (doc, _("The model has storeys but no spaces (IfcSpace)"));
  name_shared_ids (&c);
  pw_import_doc_warn_shared_ids (doc);
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
