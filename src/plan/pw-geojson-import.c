/* pw-geojson-import.c — indoor GeoJSON maps (WRLD, IMDF) as a PwImportDoc
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *  1. Untrusted bytes are measured before json-glib sees them: size, nesting depth,
 *     number of values, and whole numbers too long for json-glib to read exactly
 *     (it silently wraps them). json-glib recurses once per nesting level.
 *  2. A member appearing twice in one object is an error: json-glib would keep the
 *     last one silently, so what Parkwise shows could differ from another reader.
 *  3. Rooms are read in degrees and projected only once every file of the map has
 *     been read, about one origin for the whole document (see the header).
 *  4. Coordinates that are not finite or not on the globe, and rings with fewer than
 *     three distinct points, fail the import naming the file, feature and ring;
 *     an outline that crosses itself (or any other pw_polygon_validate() failure)
 *     keeps its room, without a footprint and with a warning.
 *  5. A manifest names only files in its own folder; nothing else is opened.
 *  6. Features, rings and points are numbered from 1 in messages.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pw-geojson-import.h"
#include "pw-ring.h"
#include "pw-text.h"

/* WGS84 */
#define WGS84_A   6378137.0
#define WGS84_F   (1 / 298.257223563)

/* A position: longitude, latitude in degrees. */
typedef PwPoint GeoPoint;

typedef struct
{
  PwImportRoom *room;
  char         *where;  /* "file, feature 3 (id “x”)" */
  GPtrArray    *parts;  /* of GPtrArray of GArray of GeoPoint: polygons, rings */
} PendingRoom;

typedef struct
{
  PwImportDoc *doc;
  GPtrArray   *pending;   /* of PendingRoom* */
  GHashTable  *order;     /* PwImportLevel* → double* sort key */
  gboolean     has_origin;
  double       lon0, lat0;
  gboolean     has_points;
  double       lon_ref;   /* first longitude read: others are unwrapped around it */
  double       lon_min, lon_max, lat_min, lat_max;
  guint        n_points;
  gsize        n_bytes;
  GHashTable  *lines;     /* a feature's JsonObject → the line it starts on (parse_json) */
} Importer;

static void
pending_room_free (gpointer data)
{
  PendingRoom *pending = data;

  g_free (pending->where);
  g_ptr_array_unref (pending->parts);
  g_free (pending);
}

static void
importer_init (Importer *imp, PwImportFormat format, const char *source_name)
{
  memset (imp, 0, sizeof *imp);
  imp->doc = pw_import_doc_new (format, source_name);
  imp->pending = g_ptr_array_new_with_free_func (pending_room_free);
  imp->order = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  imp->lines = g_hash_table_new (NULL, NULL);
}

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->doc, pw_import_doc_free);
  g_clear_pointer (&imp->pending, g_ptr_array_unref);
  g_clear_pointer (&imp->order, g_hash_table_unref);
  g_clear_pointer (&imp->lines, g_hash_table_unref);
}

static void
set_level_order (Importer *imp, PwImportLevel *level, double order)
{
  g_hash_table_insert (imp->order, level, g_memdup2 (&order, sizeof order));
}

/* ------------------------------------------------------------ raw bytes */

/* Invariant 1: a linear scan that allocates nothing. Brackets and digits inside
 * strings do not count. */
static gboolean
check_raw (const char *data,
           gsize       len,
           const char *source,
           GError    **error)
{
  guint depth = 0;
  guint line = 1;
  guint64 values = 0;
  gboolean in_string = FALSE;
  gboolean only_space = TRUE;
  guint digits = 0;
  gboolean fraction = FALSE;
  gsize number_start = 0;
  gboolean in_number = FALSE;

  if (len > PW_GEOJSON_MAX_FILE_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (PW_GEOJSON_MAX_FILE_BYTES);

      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s is %s; Parkwise reads indoor map files of up to %s"),
                   source, size, limit);
      return FALSE;
    }

  for (gsize i = 0; i <= len; i++)
    {
      char c = i < len ? data[i] : ' ';
      gboolean number_char = !in_string && (g_ascii_isdigit (c) || c == '-' || c == '+'
                                            || c == '.' || c == 'e' || c == 'E');

      if (in_number && !number_char)
        {
          in_number = FALSE;
          if (digits > 18 && !fraction)
            {
              g_autofree char *text = g_strndup (data + number_start, MIN (i - number_start, 24));

              g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                           _("%s, line %u: the whole number %s has too many digits to be "
                             "read exactly"), source, line, text);
              return FALSE;
            }
        }
      else if (!in_number && number_char)
        {
          in_number = TRUE;
          number_start = i;
          digits = 0;
          fraction = FALSE;
        }
      if (in_number)
        {
          if (g_ascii_isdigit (c))
            digits++;
          else if (c == '.' || c == 'e' || c == 'E')
            fraction = TRUE;
        }

      if (i == len)
        break;
      if (c == '\n')
        line++;
      if (!g_ascii_isspace (c))
        only_space = FALSE;

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{' || c == ',')
        {
          if (++values > PW_GEOJSON_MAX_VALUES)
            {
              g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                           _("%s holds more than %u JSON values"),
                           source, PW_GEOJSON_MAX_VALUES);
              return FALSE;
            }
          if (c != ',' && ++depth > PW_GEOJSON_MAX_DEPTH)
            {
              g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                           _("%s, line %u: the JSON is nested more than %u levels deep"),
                           source, line, PW_GEOJSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  if (only_space)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY, _("%s is empty"), source);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ JSON */

typedef struct
{
  GArray     *members;     /* of guint: members seen in each open object */
  GArray     *starts;      /* of guint: the line each open object starts on */
  GHashTable *lines;       /* the objects one level down (features) → their first line */
  char       *duplicate;   /* the first member seen twice, or NULL */
  guint       line;
} DuplicateCheck;

static void
object_start_cb (JsonParser *parser, gpointer user_data)
{
  DuplicateCheck *check = user_data;
  guint zero = 0, line = json_parser_get_current_line (parser);

  g_array_append_val (check->members, zero);
  g_array_append_val (check->starts, line);
}

/* json-glib has already stored the member: when more members were seen than the
 * object holds, this one replaced an earlier one (invariant 2). */
static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *name,
                  gpointer    user_data)
{
  DuplicateCheck *check = user_data;
  guint *seen;

  if (check->members->len == 0)
    return;
  seen = &g_array_index (check->members, guint, check->members->len - 1);
  (*seen)++;
  if (*seen > json_object_get_size (object) && check->duplicate == NULL)
    {
      check->duplicate = g_strdup (name);
      check->line = json_parser_get_current_line (parser);
    }
}

static void
object_end_cb (JsonParser *parser, JsonObject *object, gpointer user_data)
{
  DuplicateCheck *check = user_data;

  /* a feature is an object in the root object's array: the second level open */
  if (check->members->len == 2 && check->lines != NULL)
    g_hash_table_insert (check->lines, object,
                         GUINT_TO_POINTER (g_array_index (check->starts, guint, 1)));
  if (check->members->len > 0)
    {
      g_array_set_size (check->members, check->members->len - 1);
      g_array_set_size (check->starts, check->starts->len - 1);
    }
}

/* The JSON @data; with @lines, the line each feature starts on goes in it. */
static JsonNode *
parse_json (const char *data,
            gsize       len,
            const char *source,
            GHashTable *lines,
            GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  DuplicateCheck check = { 0 };
  JsonNode *root;

  if (!check_raw (data, len, source, error))
    return NULL;

  parser = json_parser_new_immutable ();
  check.members = g_array_new (FALSE, FALSE, sizeof (guint));
  check.starts = g_array_new (FALSE, FALSE, sizeof (guint));
  check.lines = lines;
  g_signal_connect (parser, "object-start", G_CALLBACK (object_start_cb), &check);
  g_signal_connect (parser, "object-member", G_CALLBACK (object_member_cb), &check);
  g_signal_connect (parser, "object-end", G_CALLBACK (object_end_cb), &check);
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local))
    {
      const char *message = local->message;

      /* json-glib names in-memory data "<data>"; the file's own name follows ours */
      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s is not valid JSON: %s"), source, message);
      g_array_unref (check.members);
      g_array_unref (check.starts);
      g_free (check.duplicate);
      return NULL;
    }
  g_array_unref (check.members);
  g_array_unref (check.starts);
  if (check.duplicate != NULL)
    {
      g_autofree char *quoted = pw_text_quote (check.duplicate);

      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s, line %u: the member “%s” appears twice in one object"),
                   source, check.line, quoted);
      g_free (check.duplicate);
      return NULL;
    }
  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY, _("%s is empty"), source);
      return NULL;
    }
  return root;
}

static JsonNode *
get_member (JsonObject *obj, const char *name)
{
  if (obj == NULL)
    return NULL;
  return json_object_get_member (obj, name);
}

static JsonObject *
get_object_member (JsonObject *obj, const char *name)
{
  JsonNode *node = get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array_member (JsonObject *obj, const char *name)
{
  JsonNode *node = get_member (obj, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
get_string_member (JsonObject *obj, const char *name)
{
  JsonNode *node = get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* A string or a number as text; NULL for anything else. */
static char *
node_to_text (JsonNode *node)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
    default:
      return NULL;
    }
}

static gboolean
language_matches (const char *tag, const char *locale)
{
  g_autofree char *want = g_strdup (locale);
  char *cut = strpbrk (want, ".@");

  if (cut != NULL)
    *cut = '\0';
  g_strdelimit (want, "_", '-');
  return g_ascii_strcasecmp (tag, want) == 0;
}

/* IMDF labels are {"en": "Lobby", "fr": "Hall"}: the user's language first, then
 * English, then whichever comes first. A plain string is taken as it is. */
static char *
pick_label (JsonNode *node)
{
  JsonObject *labels;
  const char * const *languages = g_get_language_names ();
  g_autoptr(GList) members = NULL;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING
           ? g_strdup (json_node_get_string (node)) : NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  labels = json_node_get_object (node);
  members = json_object_get_members (labels);
  for (guint l = 0; languages[l] != NULL; l++)
    for (GList *m = members; m != NULL; m = m->next)
      if (language_matches (m->data, languages[l]) && get_string_member (labels, m->data))
        return g_strdup (get_string_member (labels, m->data));
  for (GList *m = members; m != NULL; m = m->next)
    if (g_ascii_strcasecmp (m->data, "en") == 0 && get_string_member (labels, m->data))
      return g_strdup (get_string_member (labels, m->data));
  for (GList *m = members; m != NULL; m = m->next)
    if (get_string_member (labels, m->data) != NULL)
      return g_strdup (get_string_member (labels, m->data));
  return NULL;
}

/* ------------------------------------------------------------ features */

/* The feature's own id, else properties.id (WRLD keeps it there). */
static char *
feature_id (JsonObject *feature)
{
  char *id = node_to_text (get_member (feature, "id"));

  if (id == NULL)
    id = node_to_text (get_member (get_object_member (feature, "properties"), "id"));
  return id;
}

static char *
describe_feature (const char *source, guint index, const char *id)
{
  if (id != NULL)
    {
      g_autofree char *quoted = pw_text_quote (id);

      /* TRANSLATORS: a file name, a feature's number from 1 and its quoted id */
      return g_strdup_printf (_("%s, feature %u (id “%s”)"), source, index + 1, quoted);
    }
  /* TRANSLATORS: a file name and a feature's number from 1 */
  return g_strdup_printf (_("%s, feature %u"), source, index + 1);
}

static JsonArray *
get_features (JsonNode *root, const char *source, GError **error)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *features;

  if (g_strcmp0 (get_string_member (obj, "type"), "FeatureCollection") != 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("%s is not a GeoJSON FeatureCollection"), source);
      return NULL;
    }
  features = get_array_member (obj, "features");
  if (features == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s: “features” is not a list of features"), source);
      return NULL;
    }
  return features;
}

static JsonObject *
get_feature (JsonArray *features, guint index, const char *source, GError **error)
{
  JsonNode *node = json_array_get_element (features, index);
  JsonObject *feature = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (g_strcmp0 (get_string_member (feature, "type"), "Feature") != 0)
    {
      g_autofree char *id = feature != NULL ? feature_id (feature) : NULL;
      g_autofree char *where = describe_feature (source, index, id);

      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s is not a GeoJSON Feature"), where);
      return NULL;
    }
  return feature;
}

static void
add_point_to_bounds (Importer *imp, GeoPoint *p)
{
  if (!imp->has_points)
    {
      imp->has_points = TRUE;
      imp->lon_ref = p->x;
      imp->lon_min = imp->lon_max = p->x;
      imp->lat_min = imp->lat_max = p->y;
      return;
    }
  /* a map that straddles the antimeridian stays in one piece */
  if (p->x - imp->lon_ref > 180)
    p->x -= 360;
  else if (p->x - imp->lon_ref < -180)
    p->x += 360;
  imp->lon_min = MIN (imp->lon_min, p->x);
  imp->lon_max = MAX (imp->lon_max, p->x);
  imp->lat_min = MIN (imp->lat_min, p->y);
  imp->lat_max = MAX (imp->lat_max, p->y);
}

static gboolean
read_position (JsonNode   *node,
               GeoPoint   *p,
               const char *where,
               guint       ring,
               guint       point,
               GError    **error)
{
  JsonArray *pos = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  JsonNode *lon, *lat;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (pos == NULL || json_array_get_length (pos) < 2
      || !node_is_number (lon = json_array_get_element (pos, 0))
      || !node_is_number (lat = json_array_get_element (pos, 1)))
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s, ring %u, point %u: a position is a list of a longitude and a "
                     "latitude"), where, ring, point);
      return FALSE;
    }
  p->x = json_node_get_double (lon);
  p->y = json_node_get_double (lat);
  if (!isfinite (p->x) || !isfinite (p->y))
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("%s, ring %u, point %u: coordinate is not a finite number"),
                   where, ring, point);
      return FALSE;
    }
  if (fabs (p->x) > 180)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("%s, ring %u, point %u: longitude %s is not between −180 and 180"),
                   where, ring, point, g_ascii_formatd (buf, sizeof buf, "%g", p->x));
      return FALSE;
    }
  if (fabs (p->y) > 90)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("%s, ring %u, point %u: latitude %s is not between −90 and 90"),
                   where, ring, point, g_ascii_formatd (buf, sizeof buf, "%g", p->y));
      return FALSE;
    }
  return TRUE;
}

/* A GeoJSON ring repeats its first point at the end; Parkwise's rings are open and
 * have no repeated neighbours. */
static GArray *
read_ring (Importer   *imp,
           JsonNode   *node,
           const char *where,
           guint       ring_no,
           GError    **error)
{
  JsonArray *ring = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr(GArray) pts = NULL;
  guint n;

  if (ring == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s, ring %u: a ring is a list of positions"), where, ring_no);
      return NULL;
    }
  n = json_array_get_length (ring);
  if (n > PW_IMPORT_MAX_POINTS - imp->n_points)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s: the map holds more than %u points"), where, PW_IMPORT_MAX_POINTS);
      return NULL;
    }
  imp->n_points += n;
  pts = g_array_sized_new (FALSE, FALSE, sizeof (GeoPoint), n);
  for (guint i = 0; i < n; i++)
    {
      GeoPoint p;

      if (!read_position (json_array_get_element (ring, i), &p, where, ring_no, i + 1, error))
        return NULL;
      add_point_to_bounds (imp, &p);
      g_array_append_val (pts, p);
    }
  /* degrees: only exact repeats go; straight runs stay as the map drew them */
  pw_ring_tidy (pts, 0, PW_RING_KEEP_STRAIGHT);
  if (pts->len < 3)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("%s, ring %u has %u distinct points; a ring needs at least 3"),
                   where, ring_no, pts->len);
      return NULL;
    }
  return g_steal_pointer (&pts);
}

/* Polygon coordinates: the outer ring, then its holes. */
static GPtrArray *
read_polygon (Importer   *imp,
              JsonNode   *node,
              const char *where,
              GError    **error)
{
  JsonArray *rings = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  g_autoptr(GPtrArray) result = NULL;

  if (rings == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s: a polygon’s coordinates are a list of rings"), where);
      return NULL;
    }
  if (json_array_get_length (rings) == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("%s: the polygon has no rings"), where);
      return NULL;
    }
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint r = 0; r < json_array_get_length (rings); r++)
    {
      GArray *ring = read_ring (imp, json_array_get_element (rings, r), where, r + 1, error);

      if (ring == NULL)
        return NULL;
      g_ptr_array_add (result, ring);
    }
  return g_steal_pointer (&result);
}

typedef enum {
  GEOMETRY_NONE,       /* null or absent */
  GEOMETRY_POLYGONAL,  /* Polygon or MultiPolygon */
  GEOMETRY_OTHER,      /* points and lines */
} GeometryKind;

static const char *const other_geometry_types[] = {
  "Point", "MultiPoint", "LineString", "MultiLineString", "GeometryCollection", NULL
};

/* What kind of geometry the feature has, without reading its coordinates. */
static gboolean
geometry_kind (JsonObject   *feature,
               const char   *where,
               GeometryKind *kind,
               const char  **type,
               GError      **error)
{
  JsonNode *node = get_member (feature, "geometry");
  JsonObject *geometry;
  g_autofree char *quoted = NULL;

  *type = NULL;
  *kind = GEOMETRY_NONE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  geometry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  *type = get_string_member (geometry, "type");
  if (*type == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s: the geometry has no type"), where);
      return FALSE;
    }
  if (strcmp (*type, "Polygon") == 0 || strcmp (*type, "MultiPolygon") == 0)
    {
      *kind = GEOMETRY_POLYGONAL;
      return TRUE;
    }
  if (g_strv_contains (other_geometry_types, *type))
    {
      *kind = GEOMETRY_OTHER;
      return TRUE;
    }
  quoted = pw_text_quote (*type);
  g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
               _("%s: “%s” is not a GeoJSON geometry type"), where, quoted);
  return FALSE;
}

/* Reads a Polygon or MultiPolygon feature's rings into a pending room. */
static gboolean
read_footprint (Importer     *imp,
                PendingRoom  *pending,
                JsonObject   *feature,
                GError      **error)
{
  JsonObject *geometry = get_object_member (feature, "geometry");
  const char *type = get_string_member (geometry, "type");
  JsonNode *coordinates = get_member (geometry, "coordinates");

  if (g_strcmp0 (type, "Polygon") == 0)
    {
      GPtrArray *polygon = read_polygon (imp, coordinates, pending->where, error);

      if (polygon == NULL)
        return FALSE;
      g_ptr_array_add (pending->parts, polygon);
      return TRUE;
    }

  {
    JsonArray *parts = coordinates != NULL && JSON_NODE_HOLDS_ARRAY (coordinates)
                       ? json_node_get_array (coordinates) : NULL;

    if (parts == NULL || json_array_get_length (parts) == 0)
      {
        g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                     _("%s: the MultiPolygon has no polygons"), pending->where);
        return FALSE;
      }
    for (guint i = 0; i < json_array_get_length (parts); i++)
      {
        /* TRANSLATORS: a feature's description, then the number of a polygon in it */
        g_autofree char *where = g_strdup_printf (_("%s, part %u"), pending->where, i + 1);
        GPtrArray *polygon = read_polygon (imp, json_array_get_element (parts, i), where, error);

        if (polygon == NULL)
          return FALSE;
        g_ptr_array_add (pending->parts, polygon);
      }
    return TRUE;
  }
}

static PendingRoom *
add_pending_room (Importer      *imp,
                  PwImportLevel *level,
                  const char    *id,
                  const char    *where,
                  JsonObject    *feature,
                  GError       **error)
{
  guint line = GPOINTER_TO_UINT (g_hash_table_lookup (imp->lines, feature));

  PendingRoom *pending;

  if (imp->pending->len >= PW_IMPORT_MAX_ROOMS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s: the map holds more than %u rooms"), where, PW_IMPORT_MAX_ROOMS);
      return NULL;
    }
  pending = g_new0 (PendingRoom, 1);
  pending->room = pw_import_level_add_room (level, id);
  /* TRANSLATORS: where a feature of an indoor map is ("map.geojson, feature 3 (id “x”)")
   * and the line of the file it starts on */
  pending->room->place = line > 0 ? g_strdup_printf (_("%s, line %u"), where, line)
                                  : g_strdup (where);
  pending->where = g_strdup (where);
  pending->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (imp->pending, pending);
  return pending;
}

/* "44 wall, 21 window, 3 pathway (LineString)": most common first. */
typedef struct
{
  const char *key;
  guint       count;
} SkipCount;

static int
compare_skips (gconstpointer a, gconstpointer b)
{
  const SkipCount *sa = a, *sb = b;

  if (sa->count != sb->count)
    return sa->count > sb->count ? -1 : 1;
  return strcmp (sa->key, sb->key);
}

static char *
describe_skipped (GHashTable *skipped, guint *total)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (SkipCount));
  GHashTableIter iter;
  gpointer key, value;
  GString *text = g_string_new (NULL);

  *total = 0;
  g_hash_table_iter_init (&iter, skipped);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SkipCount sc = { key, GPOINTER_TO_UINT (value) };

      g_array_append_val (counts, sc);
      *total += sc.count;
    }
  g_array_sort (counts, compare_skips);
  for (guint i = 0; i < counts->len; i++)
    {
      SkipCount *sc = &g_array_index (counts, SkipCount, i);

      g_string_append_printf (text, "%s%u %s", i > 0 ? ", " : "", sc->count, sc->key);
    }
  return g_string_free (text, FALSE);
}

/* Counts a left-out feature by its type, and by its geometry when that is what
 * made it no room (lines, points, none). */
static void
count_skip (GHashTable   *skipped,
            const char   *what,
            GeometryKind  kind,
            const char   *geometry_type)
{
  const char *name = what != NULL ? what : "untyped";
  char *key;

  if (kind == GEOMETRY_OTHER)
    key = g_strdup_printf ("%s (%s)", name, geometry_type);
  else if (kind == GEOMETRY_NONE)
    /* TRANSLATORS: a kind of map feature, such as wall, that has no geometry */
    key = g_strdup_printf (_("%s (no geometry)"), name);
  else
    key = g_strdup (name);
  g_hash_table_insert (skipped, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (skipped, key)) + 1));
}

/* ------------------------------------------------------------ WRLD and plain collections */

/* WRLD feature types drawn as polygons that are not floor space of their own. */
static const char *const wrld_not_rooms[] = {
  "wall", "window", "door", "building_outline", "floor_opening", NULL
};

/* Reads one floor's FeatureCollection into @level: every polygon not in
 * wrld_not_rooms is a room; everything else is counted in one warning. */
static gboolean
read_wrld_floor (Importer      *imp,
                 PwImportLevel *level,
                 JsonNode      *root,
                 const char    *source,
                 GError       **error)
{
  JsonArray *features = get_features (root, source, error);
  g_autoptr(GHashTable) skipped = NULL;

  if (features == NULL)
    return FALSE;
  skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = get_feature (features, i, source, error);
      JsonObject *props;
      g_autofree char *id = NULL;
      g_autofree char *where = NULL;
      g_autofree char *number = NULL;
      const char *type, *geometry_type;
      GeometryKind kind;
      PendingRoom *pending;

      if (feature == NULL)
        return FALSE;
      props = get_object_member (feature, "properties");
      id = feature_id (feature);
      where = describe_feature (source, i, id);
      type = get_string_member (props, "type");
      if (!geometry_kind (feature, where, &kind, &geometry_type, error))
        return FALSE;
      if (kind != GEOMETRY_POLYGONAL || (type != NULL && g_strv_contains (wrld_not_rooms, type)))
        {
          count_skip (skipped, type, kind, geometry_type);
          continue;
        }
      if (id == NULL)
        id = g_strdup_printf ("feature-%u", i + 1);
      pending = add_pending_room (imp, level, id, where, feature, error);
      if (pending == NULL)
        return FALSE;
      pending->room->category = g_strdup (type);
      pending->room->name = g_strdup (get_string_member (props, "name"));
      number = node_to_text (get_member (props, "roomnumber"));
      if (number != NULL && *number != '\0')
        {
          /* the room number is the short name, the name its long form */
          pending->room->long_name = g_steal_pointer (&pending->room->name);
          pending->room->name = g_steal_pointer (&number);
        }
      if (!read_footprint (imp, pending, feature, error))
        return FALSE;
    }
  if (g_hash_table_size (skipped) > 0)
    {
      guint total;
      g_autofree char *list = describe_skipped (skipped, &total);

      pw_import_level_warn (level,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %u feature that is not a room was left out: %s",
                                         "%s: %u features that are not rooms were left out: %s",
                                         total),
                            source, total, list);
    }
  return TRUE;
}

/* ------------------------------------------------------------ IMDF */

static gboolean
is_imdf_collection (JsonArray *features)
{
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && get_string_member (json_node_get_object (node), "feature_type") != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The venue's display_point, the origin IMDF itself suggests. */
static void
read_imdf_venue (Importer *imp, JsonObject *feature, const char *where)
{
  JsonObject *props = get_object_member (feature, "properties");
  JsonObject *point = get_object_member (props, "display_point");
  JsonArray *coords = get_array_member (point, "coordinates");
  JsonNode *lon, *lat;

  if (coords == NULL || json_array_get_length (coords) < 2
      || !node_is_number (lon = json_array_get_element (coords, 0))
      || !node_is_number (lat = json_array_get_element (coords, 1)))
    return;
  if (fabs (json_node_get_double (lon)) <= 180 && fabs (json_node_get_double (lat)) <= 90)
    {
      imp->has_origin = TRUE;
      imp->lon0 = json_node_get_double (lon);
      imp->lat0 = json_node_get_double (lat);
    }
  else
    pw_import_doc_warn (imp->doc, _("%s: the display point is not on the globe; the map’s "
                                    "centre is the origin instead"), where);
}

typedef enum {
  IMDF_PASS_LEVELS,
  IMDF_PASS_UNITS,
} ImdfPass;

/* One IMDF collection: levels in the first pass, units in the second, so that one
 * file may hold both in any order. Other feature types are counted. */
static gboolean
read_imdf_collection (Importer   *imp,
                      JsonArray  *features,
                      const char *source,
                      ImdfPass    pass,
                      GHashTable *skipped,
                      GError    **error)
{
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *feature = get_feature (features, i, source, error);
      JsonObject *props;
      const char *feature_type, *geometry_type;
      g_autofree char *id = NULL;
      g_autofree char *where = NULL;

      if (feature == NULL)
        return FALSE;
      props = get_object_member (feature, "properties");
      feature_type = get_string_member (feature, "feature_type");
      id = feature_id (feature);
      where = describe_feature (source, i, id);

      if (g_strcmp0 (feature_type, "level") == 0)
        {
          PwImportLevel *level;
          g_autofree char *name = NULL;
          JsonNode *ordinal;

          if (pass != IMDF_PASS_LEVELS)
            continue;
          if (id == NULL)
            {
              g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                           _("%s: a level needs an id for its units to name"), where);
              return FALSE;
            }
          if (imp->doc->levels->len >= PW_GEOJSON_MAX_LEVELS)
            {
              g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                           _("%s: the map holds more than %u levels"), where,
                           PW_GEOJSON_MAX_LEVELS);
              return FALSE;
            }
          name = pick_label (get_member (props, "name"));
          if (name == NULL)
            name = pick_label (get_member (props, "short_name"));
          level = pw_import_doc_add_level (imp->doc, id, name, NAN);
          ordinal = get_member (props, "ordinal");
          set_level_order (imp, level, node_is_number (ordinal)
                                       ? json_node_get_double (ordinal) : 0);
        }
      else if (g_strcmp0 (feature_type, "unit") == 0)
        {
          PwImportLevel *level;
          g_autofree char *level_id = NULL;
          PendingRoom *pending;
          GeometryKind kind;

          if (pass != IMDF_PASS_UNITS)
            continue;
          level_id = node_to_text (get_member (props, "level_id"));
          level = level_id != NULL ? pw_import_doc_find_level (imp->doc, level_id) : NULL;
          if (level == NULL)
            {
              g_autofree char *quoted = pw_text_quote (level_id != NULL ? level_id : "");

              if (level_id != NULL)
                pw_import_doc_warn (imp->doc, _("%s: level “%s” is not in the map; the unit is "
                                                "left out"), where, quoted);
              else
                pw_import_doc_warn (imp->doc, _("%s: the unit names no level and is left out"),
                                    where);
              continue;
            }
          if (!geometry_kind (feature, where, &kind, &geometry_type, error))
            return FALSE;
          if (id == NULL)
            id = g_strdup_printf ("feature-%u", i + 1);
          pending = add_pending_room (imp, level, id, where, feature, error);
          if (pending == NULL)
            return FALSE;
          pending->room->name = pick_label (get_member (props, "name"));
          pending->room->long_name = pick_label (get_member (props, "alt_name"));
          pending->room->category = g_strdup (get_string_member (props, "category"));
          if (kind != GEOMETRY_POLYGONAL)
            pw_import_room_warn (pending->room, _("%s has no polygon; the room is kept without "
                                                  "a footprint"), where);
          else if (!read_footprint (imp, pending, feature, error))
            return FALSE;
        }
      else if (pass == IMDF_PASS_UNITS)
        {
          if (g_strcmp0 (feature_type, "venue") == 0)
            read_imdf_venue (imp, feature, where);
          else
            count_skip (skipped, feature_type, GEOMETRY_POLYGONAL, NULL);
        }
    }
  return TRUE;
}

static void
warn_imdf_skipped (Importer *imp, GHashTable *skipped)
{
  guint total;
  g_autofree char *list = NULL;

  if (g_hash_table_size (skipped) == 0)
    return;
  list = describe_skipped (skipped, &total);
  pw_import_doc_warn (imp->doc,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "%u feature that is not a level or a unit was left out: %s",
                                   "%u features that are not levels or units were left out: %s",
                                   total),
                      total, list);
}

/* ------------------------------------------------------------ projection */

static double
ring_area_m2 (const PwPoint *pts, guint n)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      const PwPoint *a = &pts[i], *b = &pts[(i + 1) % n];

      sum += (a->x - pts[0].x) * (b->y - pts[0].y) - (b->x - pts[0].x) * (a->y - pts[0].y);
    }
  return fabs (sum) / 2;
}

typedef struct
{
  double lon0, lat0;
  double m_per_rad_east, m_per_rad_north;
} Projection;

static void
projection_init (Projection *proj, double lon0, double lat0)
{
  double e2 = WGS84_F * (2 - WGS84_F);
  double phi = lat0 * G_PI / 180;
  double s = sin (phi);
  double w = sqrt (1 - e2 * s * s);
  double n = WGS84_A / w;                       /* prime vertical radius */
  double m = WGS84_A * (1 - e2) / (w * w * w);  /* meridional radius */

  proj->lon0 = lon0;
  proj->lat0 = lat0;
  proj->m_per_rad_east = n * cos (phi);
  proj->m_per_rad_north = m;
}

static PwPoint *
project_ring (const Projection *proj, GArray *ring)
{
  PwPoint *pts = g_new (PwPoint, ring->len);

  for (guint i = 0; i < ring->len; i++)
    {
      const GeoPoint *g = &g_array_index (ring, GeoPoint, i);
      double dlon = g->x - proj->lon0;

      dlon = remainder (dlon, 360);
      pts[i].x = dlon * G_PI / 180 * proj->m_per_rad_east;
      pts[i].y = -(g->y - proj->lat0) * G_PI / 180 * proj->m_per_rad_north;
    }
  return pts;
}

static PwPolygon *
project_polygon (const Projection *proj, GPtrArray *rings)
{
  GArray *outer = g_ptr_array_index (rings, 0);
  g_autofree PwPoint *pts = project_ring (proj, outer);
  PwPolygon *polygon = pw_polygon_new (pts, outer->len);

  for (guint h = 1; h < rings->len; h++)
    {
      GArray *hole = g_ptr_array_index (rings, h);
      g_autofree PwPoint *hpts = project_ring (proj, hole);

      pw_polygon_add_hole (polygon, hpts, hole->len);
    }
  return polygon;
}

static char *
format_m2 (double m2)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.2f", m2));
}

static void
finish_room (const Projection *proj, PendingRoom *pending)
{
  g_autoptr(PwPolygon) best = NULL;
  g_autoptr(GError) invalid = NULL;
  double best_area = -1, total = 0;

  if (pending->parts->len == 0)
    return;
  for (guint i = 0; i < pending->parts->len; i++)
    {
      g_autoptr(PwPolygon) polygon = project_polygon (proj, g_ptr_array_index (pending->parts, i));
      guint n;
      const PwPoint *outer = pw_polygon_get_outer (polygon, &n);
      double area = ring_area_m2 (outer, n);

      for (guint h = 0; h < pw_polygon_get_n_holes (polygon); h++)
        {
          const PwPoint *hole = pw_polygon_get_hole (polygon, h, &n);

          area -= ring_area_m2 (hole, n);
        }
      total += area;
      /* a hole larger than its outline gives a negative area; validation says so below */
      if (best == NULL || area > best_area)
        {
          best_area = area;
          g_clear_pointer (&best, pw_polygon_free);
          best = g_steal_pointer (&polygon);
        }
    }
  if (pending->parts->len > 1)
    {
      g_autofree char *kept = format_m2 (best_area);
      g_autofree char *left = format_m2 (total - best_area);

      pw_import_room_warn (pending->room,
                           _("%s: the MultiPolygon has %u parts; the largest (%s m²) is the "
                             "footprint and the other %s m² are left out"),
                           pending->where, pending->parts->len, kept, left);
    }
  if (!pw_polygon_validate (best, &invalid))
    {
      pw_import_room_warn (pending->room, _("%s: %s; the room is kept without a footprint"),
                           pending->where, invalid->message);
      return;
    }
  pw_import_room_set_polygon (pending->room, g_steal_pointer (&best));
}

static int
compare_levels (gconstpointer a, gconstpointer b, gpointer user_data)
{
  GHashTable *order = user_data;
  PwImportLevel *la = *(PwImportLevel **) a;
  PwImportLevel *lb = *(PwImportLevel **) b;
  double *oa = g_hash_table_lookup (order, la);
  double *ob = g_hash_table_lookup (order, lb);
  double va = oa != NULL ? *oa : 0, vb = ob != NULL ? *ob : 0;

  return va < vb ? -1 : (va > vb ? 1 : 0);
}

/* Invariant 3: one origin, then every room projected and checked. */
static PwImportDoc *
importer_finish (Importer *imp)
{
  Projection proj;

  if (!imp->has_origin && imp->has_points)
    {
      imp->lon0 = (imp->lon_min + imp->lon_max) / 2;
      imp->lat0 = (imp->lat_min + imp->lat_max) / 2;
    }
  projection_init (&proj, imp->lon0, imp->lat0);
  for (guint i = 0; i < imp->pending->len; i++)
    finish_room (&proj, g_ptr_array_index (imp->pending, i));
  /* stable: levels with the same order keep the order they were read in */
  g_ptr_array_sort_with_data (imp->doc->levels, compare_levels, imp->order);
  pw_import_doc_warn_shared_ids (imp->doc);
  return g_steal_pointer (&imp->doc);
}

/* ------------------------------------------------------------ collections */

static char *
name_without_extension (const char *source)
{
  const char *dot = strrchr (source, '.');

  return dot != NULL && dot != source ? g_strndup (source, dot - source) : g_strdup (source);
}

/* One FeatureCollection: IMDF when its features carry feature_type, else one
 * level of rooms. */
static gboolean
read_collection (Importer   *imp,
                 JsonNode   *root,
                 const char *source,
                 GError    **error)
{
  JsonArray *features = get_features (root, source, error);
  JsonObject *obj;

  if (features == NULL)
    return FALSE;
  if (json_array_get_length (features) == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY,
                   _("%s holds no features"), source);
      return FALSE;
    }
  if (is_imdf_collection (features))
    {
      g_autoptr(GHashTable) skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      imp->doc->format = PW_IMPORT_FORMAT_IMDF;
      g_free (imp->doc->schema);
      imp->doc->schema = g_strdup ("IMDF");
      if (!read_imdf_collection (imp, features, source, IMDF_PASS_LEVELS, skipped, error)
          || !read_imdf_collection (imp, features, source, IMDF_PASS_UNITS, skipped, error))
        return FALSE;
      if (imp->doc->levels->len == 0)
        {
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY,
                       _("%s holds no IMDF levels"), source);
          return FALSE;
        }
      warn_imdf_skipped (imp, skipped);
      return TRUE;
    }

  {
    g_autofree char *level_id = NULL;
    const char *name;
    PwImportLevel *level;
    JsonNode *z_order;

    obj = json_node_get_object (root);
    name = get_string_member (obj, "name");
    level_id = name != NULL ? g_strdup (name) : name_without_extension (source);
    level = pw_import_doc_add_level (imp->doc, level_id, level_id, NAN);
    z_order = get_member (obj, "z_order");
    set_level_order (imp, level, node_is_number (z_order) ? json_node_get_double (z_order) : 0);
    imp->doc->format = PW_IMPORT_FORMAT_WRLD;
    if (imp->doc->schema == NULL)
      imp->doc->schema = g_strdup ("GeoJSON");
    return read_wrld_floor (imp, level, root, source, error);
  }
}

PwImportDoc *
pw_geojson_import_bytes (const char  *data,
                         gsize        len,
                         const char  *source_name,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) lines = g_hash_table_new (NULL, NULL);
  Importer imp;
  PwImportDoc *doc;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (source_name == NULL)
    source_name = "GeoJSON";
  root = parse_json (data != NULL ? data : "", len, source_name, lines, error);
  if (root == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (root)
      && (get_array_member (json_node_get_object (root), "levels") != NULL
          || get_array_member (json_node_get_object (root), "floors") != NULL)
      && get_string_member (json_node_get_object (root), "type") == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("%s is a WRLD manifest: open it as a file, or its folder, so its "
                     "floors can be read"), source_name);
      return NULL;
    }
  importer_init (&imp, PW_IMPORT_FORMAT_WRLD, source_name);
  g_hash_table_unref (imp.lines);
  imp.lines = g_hash_table_ref (lines);
  if (!read_collection (&imp, root, source_name, error))
    {
      importer_clear (&imp);
      return NULL;
    }
  doc = importer_finish (&imp);
  importer_clear (&imp);
  return doc;
}

/* ------------------------------------------------------------ files */

/* Reads at most PW_GEOJSON_MAX_FILE_BYTES (and what the whole map may still hold)
 * from a regular file; memory stays bounded whatever the file's size. */
static GBytes *
read_file (Importer *imp, const char *path, const char *display, GError **error)
{
  g_autoptr(GByteArray) buf = NULL;
  struct stat st;
  int fd;
  gsize limit = PW_GEOJSON_MAX_FILE_BYTES;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s cannot be read: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("%s is not a regular file"), display);
      return NULL;
    }
  if (imp != NULL)
    limit = MIN (limit, PW_IMPORT_MAX_FILE_BYTES - MIN (imp->n_bytes, PW_IMPORT_MAX_FILE_BYTES));
  if ((guint64) st.st_size > limit)
    {
      g_autofree char *size = g_format_size (st.st_size);
      g_autofree char *max = g_format_size (PW_GEOJSON_MAX_FILE_BYTES);

      close (fd);
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s is %s; Parkwise reads indoor map files of up to %s"),
                   display, size, max);
      return NULL;
    }
  buf = g_byte_array_sized_new (st.st_size + 1);
  for (;;)
    {
      guint8 chunk[65536];
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                       _("%s cannot be read: %s"), display, g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      if (buf->len + (gsize) n > limit)
        {
          g_autofree char *max = g_format_size (PW_GEOJSON_MAX_FILE_BYTES);

          close (fd);
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                       _("%s grew past %s while it was read"), display, max);
          return NULL;
        }
      g_byte_array_append (buf, chunk, n);
    }
  close (fd);
  if (imp != NULL)
    imp->n_bytes += buf->len;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

static JsonNode *
load_file (Importer *imp, const char *path, const char *display, GError **error)
{
  g_autoptr(GBytes) bytes = read_file (imp, path, display, error);
  gsize len;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  return parse_json (data != NULL ? data : "", len, display, imp->lines, error);
}

/* Invariant 5: the floor's file name must stay in the manifest's folder, both as
 * written and once symbolic links are resolved. */
static char *
resolve_floor_file (const char *dir,
                    const char *filename,
                    const char *manifest,
                    guint       index,
                    GError    **error)
{
  g_auto(GStrv) parts = g_strsplit_set (filename, "/\\", -1);
  g_autofree char *path = NULL;
  g_autofree char *real_dir = NULL;
  g_autofree char *real_path = NULL;
  g_autofree char *quoted = pw_text_quote (filename);
  gboolean outside = *filename == '\0' || g_path_is_absolute (filename);

  for (guint i = 0; parts[i] != NULL && !outside; i++)
    if (strcmp (parts[i], "..") == 0)
      outside = TRUE;
  if (!outside)
    {
      path = g_build_filename (dir, filename, NULL);
      real_dir = realpath (dir, NULL);
      real_path = realpath (path, NULL);
      if (real_dir != NULL && real_path != NULL
          && !(g_str_has_prefix (real_path, real_dir)
               && real_path[strlen (real_dir)] == G_DIR_SEPARATOR))
        outside = TRUE;
    }
  if (outside)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                   _("%s, floor %u names “%s”, which is outside the map’s folder"),
                   manifest, index + 1, quoted);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static PwImportDoc *
import_wrld (const char *manifest_path,
             const char *source_name,
             GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (manifest_path);
  g_autofree char *manifest = g_path_get_basename (manifest_path);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonArray *floors;
  Importer imp;
  PwImportDoc *doc;

  importer_init (&imp, PW_IMPORT_FORMAT_WRLD, source_name);
  root = load_file (&imp, manifest_path, manifest, error);
  if (root == NULL)
    goto fail;
  obj = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (g_strcmp0 (get_string_member (obj, "type"), "FeatureCollection") == 0)
    {
      /* a floor file, or the paths manifest, opened on its own */
      if (!read_collection (&imp, root, manifest, error))
        goto fail;
      goto done;
    }
  floors = get_array_member (obj, "levels");
  if (floors == NULL)
    floors = get_array_member (obj, "floors");
  if (floors == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("%s is neither a GeoJSON FeatureCollection nor a WRLD manifest"),
                   manifest);
      goto fail;
    }
  if (json_array_get_length (floors) == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY, _("%s lists no floors"), manifest);
      goto fail;
    }
  if (json_array_get_length (floors) > PW_GEOJSON_MAX_LEVELS)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                   _("%s lists more than %u floors"), manifest, PW_GEOJSON_MAX_LEVELS);
      goto fail;
    }
  imp.doc->schema = g_strdup ("WRLD");

  {
    JsonArray *coords = get_array_member (get_object_member (obj, "location"), "coordinates");
    JsonNode *lon, *lat;

    if (coords != NULL && json_array_get_length (coords) >= 2
        && node_is_number (lon = json_array_get_element (coords, 0))
        && node_is_number (lat = json_array_get_element (coords, 1)))
      {
        if (fabs (json_node_get_double (lon)) <= 180 && fabs (json_node_get_double (lat)) <= 90)
          {
            imp.has_origin = TRUE;
            imp.lon0 = json_node_get_double (lon);
            imp.lat0 = json_node_get_double (lat);
          }
        else
          pw_import_doc_warn (imp.doc, _("%s: the location is not on the globe; the map’s "
                                         "centre is the origin instead"), manifest);
      }
  }

  for (guint i = 0; i < json_array_get_length (floors); i++)
    {
      JsonNode *node = json_array_get_element (floors, i);
      JsonObject *floor = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *filename = get_string_member (floor, "filename");
      g_autofree char *id = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autofree char *display = NULL;
      g_autoptr(JsonNode) floor_root = NULL;
      PwImportLevel *level;
      JsonNode *z_order;

      if (floor == NULL || filename == NULL)
        {
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                       _("%s, floor %u names no file"), manifest, i + 1);
          goto fail;
        }
      path = resolve_floor_file (dir, filename, manifest, i, error);
      if (path == NULL)
        goto fail;
      display = g_path_get_basename (filename);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autofree char *quoted = pw_text_quote (filename);

          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                       _("%s, floor %u names “%s”, which is not in the map’s folder"),
                       manifest, i + 1, quoted);
          goto fail;
        }
      id = node_to_text (get_member (floor, "id"));
      if (id == NULL)
        id = g_strdup (filename);
      name = g_strdup (get_string_member (floor, "readable_name"));
      if (name == NULL)
        name = node_to_text (get_member (floor, "name"));
      level = pw_import_doc_add_level (imp.doc, id, name != NULL ? name : id, NAN);
      z_order = get_member (floor, "z_order");
      set_level_order (&imp, level, node_is_number (z_order) ? json_node_get_double (z_order) : i);
      floor_root = load_file (&imp, path, display, error);
      if (floor_root == NULL || !read_wrld_floor (&imp, level, floor_root, display, error))
        goto fail;
    }

done:
  doc = importer_finish (&imp);
  importer_clear (&imp);
  return doc;

fail:
  importer_clear (&imp);
  return NULL;
}

static PwImportDoc *
import_imdf_folder (const char *dir, const char *source_name, GError **error)
{
  static const char *const files[] = { "venue.geojson", "level.geojson", "unit.geojson" };
  g_autoptr(GHashTable) skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *roots[G_N_ELEMENTS (files)] = { NULL };
  Importer imp;
  PwImportDoc *doc = NULL;

  importer_init (&imp, PW_IMPORT_FORMAT_IMDF, source_name);
  imp.doc->schema = g_strdup ("IMDF");
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = g_build_filename (dir, files[f], NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          if (f == 2)
            {
              pw_import_doc_warn (imp.doc, _("The IMDF folder has no unit.geojson: its levels "
                                             "hold no rooms"));
              continue;
            }
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_PARSE,
                       _("The IMDF folder %s has no %s"), source_name, files[f]);
          goto out;
        }
      roots[f] = load_file (&imp, path, files[f], error);
      if (roots[f] == NULL || get_features (roots[f], files[f], error) == NULL)
        goto out;
    }
  /* levels first, then units and the venue's origin; one pass per file is enough
   * since each file holds one feature type */
  if (!read_imdf_collection (&imp, get_features (roots[1], files[1], NULL), files[1],
                             IMDF_PASS_LEVELS, skipped, error))
    goto out;
  if (imp.doc->levels->len == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY,
                   _("%s holds no IMDF levels"), files[1]);
      goto out;
    }
  if (!read_imdf_collection (&imp, get_features (roots[0], files[0], NULL), files[0],
                             IMDF_PASS_UNITS, skipped, error))
    goto out;
  if (roots[2] != NULL
      && !read_imdf_collection (&imp, get_features (roots[2], files[2], NULL), files[2],
                                IMDF_PASS_UNITS, skipped, error))
    goto out;
  warn_imdf_skipped (&imp, skipped);
  doc = importer_finish (&imp);

out:
  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    g_clear_pointer (&roots[f], json_node_unref);
  importer_clear (&imp);
  return doc;
}

PwImportDoc *
pw_geojson_import_file (const char  *path,
                        GError     **error)
{
  g_autofree char *base = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *venue = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_path_get_basename (path);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *manifest = g_build_filename (path, "main.json", NULL);

      venue = g_build_filename (path, "venue.geojson", NULL);
      if (g_file_test (venue, G_FILE_TEST_EXISTS))
        return import_imdf_folder (path, base, error);
      if (g_file_test (manifest, G_FILE_TEST_EXISTS))
        return import_wrld (manifest, base, error);
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT,
                   _("The folder %s holds neither a WRLD main.json nor an IMDF venue.geojson"),
                   base);
      return NULL;
    }

  /* one file of an IMDF folder stands for the whole venue */
  dir = g_path_get_dirname (path);
  venue = g_build_filename (dir, "venue.geojson", NULL);
  if ((strcmp (base, "venue.geojson") == 0 || strcmp (base, "level.geojson") == 0
       || strcmp (base, "unit.geojson") == 0)
      && g_file_test (venue, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir_base = g_path_get_basename (dir);

      return import_imdf_folder (dir, dir_base, error);
    }
  return import_wrld (path, base, error);
}
