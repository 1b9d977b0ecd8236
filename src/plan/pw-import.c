/* pw-import.c — the importers' common result, its scaling and its JSON form
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pw-import.h"
#include "pw-text.h"

G_DEFINE_QUARK (pw-plan-error-quark, pw_plan_error)

static void
declared_area_clear (gpointer data)
{
  PwDeclaredArea *area = data;

  g_free (area->name);
  g_free (area->set);
}

static void
import_room_free (gpointer data)
{
  PwImportRoom *room = data;

  g_free (room->source_id);
  g_free (room->name);
  g_free (room->long_name);
  g_free (room->category);
  g_free (room->place);
  g_clear_pointer (&room->polygon, pw_polygon_free);
  g_array_unref (room->declared);
  g_ptr_array_unref (room->warnings);
  g_free (room);
}

static void
import_level_free (gpointer data)
{
  PwImportLevel *level = data;

  g_free (level->source_id);
  g_free (level->name);
  g_ptr_array_unref (level->rooms);
  g_ptr_array_unref (level->warnings);
  g_free (level);
}

PwImportDoc *
pw_import_doc_new (PwImportFormat format, const char *source_name)
{
  PwImportDoc *doc = g_new0 (PwImportDoc, 1);

  doc->format = format;
  doc->source_name = g_strdup (source_name);
  doc->scale = 1.0;
  doc->levels = g_ptr_array_new_with_free_func (import_level_free);
  doc->warnings = g_ptr_array_new_with_free_func (g_free);
  return doc;
}

void
pw_import_doc_free (PwImportDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->schema);
  g_free (doc->source_name);
  g_ptr_array_unref (doc->levels);
  g_ptr_array_unref (doc->warnings);
  g_clear_pointer (&doc->drawing, g_bytes_unref);
  g_free (doc);
}

PwImportLevel *
pw_import_doc_add_level (PwImportDoc *doc,
                         const char  *source_id,
                         const char  *name,
                         double       elevation)
{
  PwImportLevel *level = g_new0 (PwImportLevel, 1);

  level->source_id = g_strdup (source_id);
  level->name = g_strdup (name);
  level->elevation = elevation;
  level->rooms = g_ptr_array_new_with_free_func (import_room_free);
  level->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (doc->levels, level);
  return level;
}

PwImportLevel *
pw_import_doc_find_level (PwImportDoc *doc, const char *source_id)
{
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);

      if (g_strcmp0 (level->source_id, source_id) == 0)
        return level;
    }
  return NULL;
}

guint
pw_import_doc_count_rooms (PwImportDoc *doc)
{
  guint n = 0;

  for (guint i = 0; i < doc->levels->len; i++)
    n += ((PwImportLevel *) g_ptr_array_index (doc->levels, i))->rooms->len;
  return n;
}

/* "plan.svg:12: <path id="r1">", else its position: "room 3 of level Floor 3" */
static char *
describe_room (PwImportLevel *level, guint index)
{
  PwImportRoom *room = g_ptr_array_index (level->rooms, index);

  if (room->place != NULL)
    return g_strdup (room->place);
  /* TRANSLATORS: where a room is in an imported file when the file gives no line:
   * its number from 1 on its level, and the level's name */
  return g_strdup_printf (_("room %u of level %s"), index + 1,
                          level->name != NULL ? level->name : level->source_id);
}

void
pw_import_doc_warn_shared_ids (PwImportDoc *doc)
{
  /* source id → the first room's level and index, packed */
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint l = 0; l < doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);
          guint *first = g_hash_table_lookup (seen, room->source_id);
          g_autofree char *quoted = NULL, *a = NULL, *b = NULL;

          if (first == NULL)
            {
              first = g_new (guint, 2);
              first[0] = l;
              first[1] = r;
              g_hash_table_insert (seen, room->source_id, first);
              continue;
            }
          quoted = pw_text_quote (room->source_id);
          a = describe_room (g_ptr_array_index (doc->levels, first[0]), first[1]);
          b = describe_room (level, r);
          /* TRANSLATORS: an imported file has two rooms with one id; the id, then where
           * each is ("plan.svg:12: <path id="r1">", "#57 (line 40)") */
          pw_import_doc_warn (doc, _("Two rooms have the id “%s”: %s and %s; each is mapped on "
                                     "its own, by its place in the file"), quoted, a, b);
        }
    }
}

void
pw_import_doc_warn (PwImportDoc *doc, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (doc->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

PwImportRoom *
pw_import_level_add_room (PwImportLevel *level, const char *source_id)
{
  PwImportRoom *room = g_new0 (PwImportRoom, 1);

  room->source_id = g_strdup (source_id);
  room->declared = g_array_new (FALSE, TRUE, sizeof (PwDeclaredArea));
  g_array_set_clear_func (room->declared, declared_area_clear);
  room->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (level->rooms, room);
  return room;
}

void
pw_import_level_warn (PwImportLevel *level, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (level->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
pw_import_room_set_polygon (PwImportRoom *room, PwPolygon *polygon)
{
  g_clear_pointer (&room->polygon, pw_polygon_free);
  room->polygon = polygon;
}

void
pw_import_room_add_declared (PwImportRoom *room,
                             const char   *name,
                             const char   *set,
                             double        m2)
{
  PwDeclaredArea area = { g_strdup (name), g_strdup (set), m2 };

  g_array_append_val (room->declared, area);
}

const PwDeclaredArea *
pw_import_room_find_declared (PwImportRoom *room, const char *name)
{
  for (guint i = 0; i < room->declared->len; i++)
    {
      const PwDeclaredArea *area = &g_array_index (room->declared, PwDeclaredArea, i);

      if (g_ascii_strcasecmp (area->name, name) == 0)
        return area;
    }
  return NULL;
}

void
pw_import_room_warn (PwImportRoom *room, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (room->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

/* ---- scale -------------------------------------------------------------------- */

static void
scale_ring (PwPoint *pts, guint n, double factor)
{
  for (guint i = 0; i < n; i++)
    {
      pts[i].x *= factor;
      pts[i].y *= factor;
    }
}

static PwPolygon *
scaled_polygon (PwPolygon *polygon, double factor)
{
  guint n;
  const PwPoint *outer = pw_polygon_get_outer (polygon, &n);
  g_autofree PwPoint *copy = g_memdup2 (outer, n * sizeof (PwPoint));
  PwPolygon *result;

  scale_ring (copy, n, factor);
  result = pw_polygon_new (copy, n);
  for (guint h = 0; h < pw_polygon_get_n_holes (polygon); h++)
    {
      guint m;
      const PwPoint *hole = pw_polygon_get_hole (polygon, h, &m);
      g_autofree PwPoint *hcopy = g_memdup2 (hole, m * sizeof (PwPoint));

      scale_ring (hcopy, m, factor);
      pw_polygon_add_hole (result, hcopy, m);
    }
  return result;
}

gboolean
pw_import_doc_set_scale (PwImportDoc *doc, double metres_per_unit, GError **error)
{
  if (!isfinite (metres_per_unit) || metres_per_unit <= 0 || metres_per_unit > 1e6)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("The scale must be a positive number of metres per drawing unit"));
      return FALSE;
    }
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);

          if (room->polygon != NULL)
            pw_import_room_set_polygon (room, scaled_polygon (room->polygon, metres_per_unit));
          for (guint a = 0; a < room->declared->len; a++)
            g_array_index (room->declared, PwDeclaredArea, a).m2 *= metres_per_unit * metres_per_unit;
        }
    }
  doc->scale *= metres_per_unit;
  doc->needs_scale = FALSE;
  return TRUE;
}

gboolean
pw_import_doc_calibrate (PwImportDoc   *doc,
                         const PwPoint *a,
                         const PwPoint *b,
                         double         metres,
                         GError       **error)
{
  double units = hypot (b->x - a->x, b->y - a->y);

  if (!isfinite (units) || units <= 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("The two calibration points must be different"));
      return FALSE;
    }
  if (!isfinite (metres) || metres <= 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("The known distance must be a positive number of metres"));
      return FALSE;
    }
  return pw_import_doc_set_scale (doc, metres / units, error);
}

/* ---- JSON ----------------------------------------------------------------------- */

const char *
pw_import_format_to_string (PwImportFormat format)
{
  switch (format)
    {
    case PW_IMPORT_FORMAT_SVG:
      return "svg";
    case PW_IMPORT_FORMAT_IFC:
      return "ifc";
    case PW_IMPORT_FORMAT_IMDF:
      return "imdf";
    case PW_IMPORT_FORMAT_WRLD:
      return "wrld";
    case PW_IMPORT_FORMAT_UNKNOWN:
    default:
      return "unknown";
    }
}

static JsonNode *
strings_to_json (GPtrArray *strings)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < strings->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (strings, i));
  json_node_take_array (node, array);
  return node;
}

static void
set_nullable_string (JsonObject *obj, const char *key, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, key, value);
  else
    json_object_set_null_member (obj, key);
}

/* Areas in m² to 4 decimals: round through text so the JSON holds no noise digits. */
static void
set_area (JsonObject *obj, const char *key, double m2)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.4f", m2);
  json_object_set_double_member (obj, key, g_ascii_strtod (buf, NULL));
}

static JsonNode *
ring_to_json (const PwPoint *pts, guint n)
{
  JsonArray *ring = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < n; i++)
    {
      JsonArray *pt = json_array_new ();
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buf, sizeof buf, "%.4f", pts[i].x);
      json_array_add_double_element (pt, g_ascii_strtod (buf, NULL));
      g_ascii_formatd (buf, sizeof buf, "%.4f", pts[i].y);
      json_array_add_double_element (pt, g_ascii_strtod (buf, NULL));
      json_array_add_array_element (ring, pt);
    }
  json_node_take_array (node, ring);
  return node;
}

static JsonNode *
room_to_json (PwImportRoom *room)
{
  JsonObject *obj = json_object_new ();
  JsonObject *declared = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (obj, "source_id", room->source_id);
  set_nullable_string (obj, "name", room->name);
  set_nullable_string (obj, "long_name", room->long_name);
  set_nullable_string (obj, "category", room->category);
  if (room->polygon != NULL)
    {
      JsonObject *outline = json_object_new ();
      JsonArray *holes = json_array_new ();
      const PwPoint *pts;
      guint n;

      set_area (obj, "polygon_area_m2", pw_polygon_area (room->polygon));
      pts = pw_polygon_get_outer (room->polygon, &n);
      json_object_set_member (outline, "outer", ring_to_json (pts, n));
      for (guint h = 0; h < pw_polygon_get_n_holes (room->polygon); h++)
        {
          pts = pw_polygon_get_hole (room->polygon, h, &n);
          json_array_add_element (holes, ring_to_json (pts, n));
        }
      json_object_set_array_member (outline, "holes", holes);
      json_object_set_object_member (obj, "outline", outline);
    }
  else
    {
      json_object_set_null_member (obj, "polygon_area_m2");
      json_object_set_null_member (obj, "outline");
    }
  for (guint a = 0; a < room->declared->len; a++)
    {
      PwDeclaredArea *area = &g_array_index (room->declared, PwDeclaredArea, a);

      set_area (declared, area->name, area->m2);
    }
  json_object_set_object_member (obj, "declared_areas_m2", declared);
  json_object_set_member (obj, "warnings", strings_to_json (room->warnings));
  json_node_take_object (node, obj);
  return node;
}

char *
pw_import_doc_to_json (PwImportDoc *doc)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  JsonArray *levels = json_array_new ();

  json_object_set_string_member (obj, "format", pw_import_format_to_string (doc->format));
  set_nullable_string (obj, "schema", doc->schema);
  set_nullable_string (obj, "source", doc->source_name);
  json_object_set_string_member (obj, "units", doc->needs_scale ? "drawing" : "m");
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);
      JsonObject *lobj = json_object_new ();
      JsonArray *rooms = json_array_new ();

      set_nullable_string (lobj, "source_id", level->source_id);
      set_nullable_string (lobj, "name", level->name);
      if (isfinite (level->elevation))
        set_area (lobj, "elevation_m", level->elevation);
      else
        json_object_set_null_member (lobj, "elevation_m");
      for (guint r = 0; r < level->rooms->len; r++)
        json_array_add_element (rooms, room_to_json (g_ptr_array_index (level->rooms, r)));
      json_object_set_array_member (lobj, "rooms", rooms);
      json_object_set_member (lobj, "warnings", strings_to_json (level->warnings));
      json_array_add_object_element (levels, lobj);
    }
  json_object_set_array_member (obj, "levels", levels);
  json_object_set_member (obj, "warnings", strings_to_json (doc->warnings));
  json_node_take_object (root, obj);

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/* ---- which importer -------------------------------------------------------------- */

static gboolean
head_contains (const char *head, gsize len, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (head + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

PwImportFormat
pw_import_sniff (const char *path, const char *head, gsize head_len)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (head_contains (head, head_len, "ISO-10303-21"))
    return PW_IMPORT_FORMAT_IFC;
  if (head_contains (head, head_len, "<svg"))
    return PW_IMPORT_FORMAT_SVG;
  if (head_contains (head, head_len, "\"feature_type\""))
    return PW_IMPORT_FORMAT_IMDF;
  if (head_contains (head, head_len, "\"FeatureCollection\"")
      || head_contains (head, head_len, "\"floors\"")
      || head_contains (head, head_len, "\"z_order\""))
    return PW_IMPORT_FORMAT_WRLD;
  if (g_str_has_suffix (lower, ".ifc"))
    return PW_IMPORT_FORMAT_IFC;
  if (g_str_has_suffix (lower, ".svg"))
    return PW_IMPORT_FORMAT_SVG;
  if (g_str_has_suffix (lower, ".geojson"))
    return PW_IMPORT_FORMAT_WRLD;
  return PW_IMPORT_FORMAT_UNKNOWN;
}
