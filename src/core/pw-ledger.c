/* pw-ledger.c — the asset ledger: parks, buildings, floors, spaces, equipment
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ledger reads with plain queries and writes only through PwMutation.
 * pw_ledger_attach() installs validate_cb() on the store so that every
 * mutation — from the UI, a CSV import, the demo or, later, sync — is checked
 * by the same rules before it reaches SQLite.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pw-area.h"
#include "pw-bill.h"
#include "pw-meter-rules.h"
#include "pw-receivables.h"
#include "pw-code-pattern.h"
#include "pw-customer.h"
#include "pw-geometry.h"
#include "pw-lease.h"
#include "pw-ledger.h"
#include "pw-park-seller.h"
#include "pw-i18n.h"
#include "pw-money.h"
#include "pw-row.h"

/* ---- tree nodes ------------------------------------------------------------ */

struct _PwLedgerNode
{
  GObject     parent_instance;
  PwNodeKind  kind;
  char       *id;
  gint64      version;
  char       *parent_id;
  char       *code;
  char       *name;
  int         number;
  char       *extra;
  GListStore *children;
};

G_DEFINE_FINAL_TYPE (PwLedgerNode, pw_ledger_node, G_TYPE_OBJECT)

enum { NODE_PROP_0, NODE_PROP_CODE, NODE_PROP_NAME, NODE_N_PROPS };
static GParamSpec *node_properties[NODE_N_PROPS];

static void
pw_ledger_node_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwLedgerNode *self = PW_LEDGER_NODE (object);

  switch (prop_id)
    {
    case NODE_PROP_CODE: g_value_set_string (value, self->code); break;
    case NODE_PROP_NAME: g_value_set_string (value, self->name); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_ledger_node_dispose (GObject *object)
{
  PwLedgerNode *self = PW_LEDGER_NODE (object);

  g_clear_object (&self->children);
  G_OBJECT_CLASS (pw_ledger_node_parent_class)->dispose (object);
}

static void
pw_ledger_node_finalize (GObject *object)
{
  PwLedgerNode *self = PW_LEDGER_NODE (object);

  g_free (self->id);
  g_free (self->parent_id);
  g_free (self->code);
  g_free (self->name);
  g_free (self->extra);
  G_OBJECT_CLASS (pw_ledger_node_parent_class)->finalize (object);
}

static void
pw_ledger_node_class_init (PwLedgerNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = pw_ledger_node_get_property;
  object_class->dispose = pw_ledger_node_dispose;
  object_class->finalize = pw_ledger_node_finalize;
  node_properties[NODE_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  node_properties[NODE_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, NODE_N_PROPS, node_properties);
}

static void
pw_ledger_node_init (PwLedgerNode *self)
{
}

static PwLedgerNode *
node_new (PwNodeKind kind, sqlite3_stmt *stmt)
{
  PwLedgerNode *self = g_object_new (PW_TYPE_LEDGER_NODE, NULL);

  /* columns: id, version, parent, code, name, number, extra */
  self->kind = kind;
  self->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  self->version = sqlite3_column_int64 (stmt, 1);
  self->parent_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  self->code = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  self->name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  self->number = sqlite3_column_int (stmt, 5);
  self->extra = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  if (kind != PW_NODE_FLOOR)
    self->children = g_list_store_new (PW_TYPE_LEDGER_NODE);
  return self;
}

PwNodeKind pw_ledger_node_get_kind (PwLedgerNode *self) { return self->kind; }
const char *pw_ledger_node_get_id (PwLedgerNode *self) { return self->id; }
gint64 pw_ledger_node_get_version (PwLedgerNode *self) { return self->version; }
const char *pw_ledger_node_get_parent_id (PwLedgerNode *self) { return self->parent_id; }
const char *pw_ledger_node_get_code (PwLedgerNode *self) { return self->code; }
const char *pw_ledger_node_get_name (PwLedgerNode *self) { return self->name; }
int pw_ledger_node_get_number (PwLedgerNode *self) { return self->number; }
const char *pw_ledger_node_get_extra (PwLedgerNode *self) { return self->extra; }

GListModel *
pw_ledger_node_get_children (PwLedgerNode *self)
{
  return self->children ? G_LIST_MODEL (self->children) : NULL;
}

/* ---- small helpers ---------------------------------------------------------- */

/* The local time zone, made again only when TZ changes: g_time_zone_new_local()
 * reads the zone's rules on every call, and validators ask for today's date on
 * every mutation (an undo list's 1,000 steps ask 2,000 times). */
static GTimeZone *
local_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static char *zone_tz;
  const char *tz = g_getenv ("TZ");
  GTimeZone *ref;

  g_mutex_lock (&lock);
  if (zone == NULL || g_strcmp0 (tz, zone_tz) != 0)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      g_free (zone_tz);
      zone_tz = g_strdup (tz);
      zone = g_time_zone_new_local ();
    }
  ref = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);
  return ref;
}

char *
pw_today_iso (void)
{
  g_autoptr(GTimeZone) zone = local_zone ();
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);

  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
is_blank (const char *s)
{
  for (; s && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static gboolean
step_rows (PwStore *store, sqlite3_stmt *stmt, int *rc, GError **error)
{
  *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_ROW)
    return TRUE;
  if (*rc != SQLITE_DONE)
    pw_store_set_error (store, error, *rc, _("reading the ledger"));
  return FALSE;
}

static gboolean
require_text (JsonObject *row, const char *field, gsize max_len, GError **error)
{
  const char *s = pw_row_string (row, field);

  if (s == NULL || is_blank (s))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("a value is required"));
  if (strlen (s) > max_len)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("longer than %u characters"), (guint) max_len);
  return TRUE;
}

static gboolean
optional_text (JsonObject *row, const char *field, gsize max_len, GError **error)
{
  JsonNode *node = json_object_get_member (row, field);
  const char *s;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("must be text"));
  s = json_node_get_string (node);
  if (strlen (s) > max_len)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("longer than %u characters"), (guint) max_len);
  return TRUE;
}

static gboolean
require_term (JsonObject *row, const char *field, int (*lookup) (const char *), GError **error)
{
  const char *s = pw_row_string (row, field);

  if (s == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("a value is required"));
  if (lookup (s) < 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("“%s” is not one of the allowed values"), s);
  return TRUE;
}

static gboolean
require_code (JsonObject *row, GError **error)
{
  const char *code = pw_row_string (row, "code");
  g_autoptr(GError) local = NULL;

  if (code == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_BAD_CODE, "code", _("a value is required"));
  if (!pw_code_is_valid (code, &local))
    return pw_row_field_error (error, PW_LEDGER_ERROR_BAD_CODE, "code", "%s", local->message);
  return TRUE;
}

static gboolean
require_date (JsonObject *row, const char *field, gboolean optional, GError **error)
{
  const char *s = pw_row_string (row, field);

  if (s == NULL && optional)
    return TRUE;
  if (!pw_date_is_valid (s))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("“%s” is not a date of the form YYYY-MM-DD"), s ? s : "");
  return TRUE;
}

static gboolean
require_flag (JsonObject *row, const char *field, GError **error)
{
  gint64 v;

  if (!pw_row_int (row, field, &v) || (v != 0 && v != 1))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("must be true or false"));
  return TRUE;
}

/* An amount in minor units of the park's currency (fen, cents), or null. */
/* A JSON list of six finite numbers whose linear part can be inverted. */
static gboolean
require_transform (JsonObject *row, const char *field, GError **error)
{
  const char *text = pw_row_string (row, field);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;
  double m[6];

  if (text == NULL || strlen (text) > 512 || !json_parser_load_from_data (parser, text, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root)
      || json_array_get_length (array = json_node_get_array (root)) != 6)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("must be a list of six numbers"));
  for (guint i = 0; i < 6; i++)
    {
      JsonNode *n = json_array_get_element (array, i);

      if (json_node_get_value_type (n) != G_TYPE_DOUBLE && json_node_get_value_type (n) != G_TYPE_INT64)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                            _("must be a list of six numbers"));
      m[i] = json_node_get_double (n);
      if (!isfinite (m[i]) || fabs (m[i]) > 1e9)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                            _("must be a list of six numbers"));
    }
  if (fabs (m[0] * m[3] - m[1] * m[2]) < 1e-18)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("flattens the drawing to a line"));
  return TRUE;
}

static gboolean
optional_money (JsonObject *row, const char *field, GError **error)
{
  JsonNode *node = json_object_get_member (row, field);
  gint64 v;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!pw_row_int (row, field, &v))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("must be a whole number of the currency’s minor unit (fen, cents)"));
  if (v < 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("an amount cannot be negative"));
  return TRUE;
}

static PwCodePattern *
lookup_pattern (PwStore *store, const char *pattern, GError **error)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (store), "pw-code-patterns");
  PwCodePattern *compiled;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) pw_code_pattern_free);
      g_object_set_data_full (G_OBJECT (store), "pw-code-patterns", cache,
                              (GDestroyNotify) g_hash_table_unref);
    }
  compiled = g_hash_table_lookup (cache, pattern);
  if (compiled == NULL)
    {
      compiled = pw_code_pattern_new (pattern, error);
      if (compiled == NULL)
        return NULL;
      g_hash_table_insert (cache, g_strdup (pattern), compiled);
    }
  return compiled;
}

/* ---- validation -------------------------------------------------------------- */

/* What a space's code is checked against: its floor, building and park. Cached
 * because imports validate thousands of spaces per floor; any park, building
 * or floor mutation empties the cache (every write passes through validate_cb). */
typedef struct {
  char *park_id;
  char *code;
  char *building_code;
  char *pattern;
  int   level;
} FloorInfo;

static void
floor_info_free (FloorInfo *info)
{
  g_free (info->park_id);
  g_free (info->code);
  g_free (info->building_code);
  g_free (info->pattern);
  g_free (info);
}

static const FloorInfo *
lookup_floor (PwStore *store, const char *floor_id, GError **error)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (store), "pw-floor-info");
  FloorInfo *info;
  sqlite3_stmt *stmt;
  int rc;

  if (floor_id == NULL)
    return NULL;
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) floor_info_free);
      g_object_set_data_full (G_OBJECT (store), "pw-floor-info", cache,
                              (GDestroyNotify) g_hash_table_unref);
    }
  info = g_hash_table_lookup (cache, floor_id);
  if (info != NULL)
    return info;

  stmt = pw_store_prepare_cached (store,
                                  "SELECT b.code, f.code, f.level, p.code_pattern, f.park_id"
                                  " FROM floor f JOIN building b ON b.id = f.building_id"
                                  " JOIN park p ON p.id = f.park_id WHERE f.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, floor_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        pw_store_set_error (store, error, rc, _("checking a space"));
      sqlite3_reset (stmt);
      return NULL;
    }
  info = g_new0 (FloorInfo, 1);
  info->building_code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  info->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  info->level = sqlite3_column_int (stmt, 2);
  info->pattern = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  info->park_id = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  sqlite3_reset (stmt);
  g_hash_table_insert (cache, g_strdup (floor_id), info);
  return info;
}

static void
forget_floors (PwStore *store)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (store), "pw-floor-info");

  if (cache != NULL)
    g_hash_table_remove_all (cache);
}

/* A part of a split room (docs/plan-editing.md, "Codes"): a code of the park's
 * pattern followed by one letter A–Z, as T1-F03-008A. */
static gboolean
is_split_part (PwCodePattern *pattern, const char *code, const PwCodeContext *ctx)
{
  gsize len = code != NULL ? strlen (code) : 0;
  g_autofree char *base = NULL;

  if (len < 2 || code[len - 1] < 'A' || code[len - 1] > 'Z')
    return FALSE;
  base = g_strndup (code, len - 1);
  return pw_code_pattern_match (pattern, base, ctx, NULL);
}

static gboolean
validate_space (PwStore *store, JsonObject *row, GError **error)
{
  const char *floor_id = pw_row_string (row, "floor_id");
  const char *park_id = pw_row_string (row, "park_id");
  const char *kind = pw_row_string (row, "kind");
  const char *pool = pw_row_string (row, "pool_level");
  const char *outline = pw_row_string (row, "outline");
  gint64 gross = 0, internal = 0, usable = 0;
  const FloorInfo *floor;
  PwCodePattern *pattern;
  PwCodeContext ctx = { NULL, NULL, 0, NULL, 0 };
  g_autoptr(GError) local = NULL;

  if (!require_code (row, error)
      || !optional_text (row, "name", 200, error)
      || !optional_text (row, "notes", 10000, error)
      || !require_term (row, "kind", pw_space_kind_from_string, error)
      || !require_term (row, "status", pw_space_status_from_string, error)
      || !require_term (row, "area_basis", pw_area_basis_from_string, error)
      || !require_flag (row, "leasable", error)
      || !require_flag (row, "takes_share", error)
      || !require_date (row, "status_since", TRUE, error))
    return FALSE;

  if (!pw_row_int (row, "gross_area", &gross) || !pw_row_int (row, "internal_area", &internal)
      || !pw_row_int (row, "usable_area", &usable))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "internal_area",
                        _("areas must be whole hundredths of a square metre"));
  if (gross < 0 || internal < 0 || usable < 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD,
                        gross < 0 ? "gross_area" : internal < 0 ? "internal_area" : "usable_area",
                        _("an area cannot be negative"));
  if (usable > internal)
    {
      g_autofree char *u = pw_area_format_with_unit (usable, FALSE);
      g_autofree char *i = pw_area_format_with_unit (internal, FALSE);
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "usable_area",
                          _("the usable area (%s) is larger than the internal area (%s)"), u, i);
    }

  if (pool != NULL && *pool != '\0')
    {
      if (pw_pool_level_from_string (pool) < 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "pool_level",
                            _("“%s” is not one of the allowed values"), pool);
      if (g_strcmp0 (kind, "common_area") != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "pool_level",
                            _("only common areas are shared out"));
    }

  if (outline != NULL)
    {
      g_autoptr(PwPolygon) polygon = pw_polygon_new_from_json (outline, &local);
      if (polygon == NULL)
        return pw_row_field_error (error, PW_LEDGER_ERROR_BAD_OUTLINE, "outline", "%s", local->message);
    }

  floor = lookup_floor (store, floor_id, error);
  if (floor == NULL)
    return error == NULL || *error == NULL
           ? pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "floor_id", _("no such floor"))
           : FALSE;
  if (g_strcmp0 (floor->park_id, park_id) != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "floor_id",
                        _("no such floor"));

  pattern = lookup_pattern (store, floor->pattern, &local);
  if (pattern == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_BAD_PATTERN, "code", "%s", local->message);
  ctx.building = floor->building_code;
  ctx.floor = floor->code;
  ctx.level = floor->level;
  if (!pw_code_pattern_match (pattern, pw_row_string (row, "code"), &ctx, &local)
      && !is_split_part (pattern, pw_row_string (row, "code"), &ctx))
    return pw_row_field_error (error, PW_LEDGER_ERROR_BAD_CODE, "code", "%s", local->message);
  return TRUE;
}

void
pw_ledger_forget_cache (PwStore *store)
{
  forget_floors (store);
}

static gboolean
validate_cb (gpointer data, const char *entity, JsonObject *row, JsonObject *before,
             GError **error)
{
  PwStore *store = data;

  if (g_str_equal (entity, "space"))
    return validate_space (store, row, error);
  if (g_str_equal (entity, "park") || g_str_equal (entity, "building")
      || g_str_equal (entity, "floor"))
    forget_floors (store);

  if (g_str_equal (entity, "park"))
    {
      const char *pattern = pw_row_string (row, "code_pattern");
      const char *currency = pw_row_string (row, "currency");
      g_autoptr(GError) local = NULL;

      if (!require_code (row, error) || !require_text (row, "name", 200, error)
          || !optional_text (row, "address", 500, error)
          || !pw_receivables_validate (store, entity, row, before, error))
        return FALSE;
      if (pattern == NULL || lookup_pattern (store, pattern, &local) == NULL)
        return pw_row_field_error (error, PW_LEDGER_ERROR_BAD_PATTERN, "code_pattern", "%s",
                            local ? local->message : _("a value is required"));
      if (currency == NULL || !pw_currency_is_known (currency))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "currency",
                            _("must be a three-letter ISO 4217 code such as CNY"));
      /* how a split names its parts (docs/plan-editing.md, "Codes"); absent in rows
       * written before schema 13, which take the column's default */
      if (pw_row_string (row, "split_codes") != NULL
          && g_strcmp0 (pw_row_string (row, "split_codes"), "derived") != 0
          && g_strcmp0 (pw_row_string (row, "split_codes"), "next") != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "split_codes",
                            _("must be “derived” or “next”"));
      return pw_park_validate_prices (row, error) && pw_park_validate_sellers (row, error);
    }

  if (g_str_equal (entity, "building"))
    return require_code (row, error) && require_text (row, "name", 200, error)
           && require_term (row, "kind", pw_building_kind_from_string, error)
           && optional_text (row, "address", 500, error);

  if (g_str_equal (entity, "floor"))
    {
      gint64 level;
      sqlite3_stmt *stmt;
      int rc;

      if (!require_code (row, error) || !require_text (row, "name", 200, error))
        return FALSE;
      if (!pw_row_int (row, "level", &level) || level < -20 || level > 300)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "level",
                            _("must be a whole number between −20 and 300"));
      stmt = pw_store_prepare_cached (store, "SELECT park_id FROM building WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pw_row_string (row, "building_id"), -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                                         pw_row_string (row, "park_id")) != 0)
        {
          sqlite3_reset (stmt);
          return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "building_id",
                              _("there is no such building"));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pw_store_set_error (store, error, rc, _("checking a floor"));
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_equal (entity, "space_status"))
    return require_term (row, "to_status", pw_space_status_from_string, error)
           && (pw_row_string (row, "from_status") == NULL
               || require_term (row, "from_status", pw_space_status_from_string, error))
           && require_date (row, "effective_date", FALSE, error)
           && require_text (row, "reason", 1000, error);

  if (g_str_equal (entity, "lifecycle_event"))
    {
      static const char *const events[] = {
        "created", "changed", "stocktaken", "disposed", "undone", "split", "merged", NULL
      };
      const char *event = pw_row_string (row, "event");

      if (event == NULL || !g_strv_contains (events, event))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "event",
                            _("“%s” is not one of the allowed values"), event ? event : "");
      return require_date (row, "event_date", FALSE, error)
             && optional_text (row, "note", 2000, error);
    }

  if (g_str_equal (entity, "floor_drawing"))
    return require_text (row, "content", PW_FLOOR_DRAWING_MAX_BYTES, error)
           && optional_text (row, "source_name", 500, error)
           && require_transform (row, "transform", error);

  if (g_str_equal (entity, "equipment"))
    return require_code (row, error) && require_text (row, "name", 200, error)
           && require_text (row, "category", 100, error)
           && require_term (row, "status", pw_equipment_status_from_string, error)
           && require_date (row, "install_date", TRUE, error)
           && optional_money (row, "original_value", error);

  return pw_customer_validate (store, entity, row, before, error)
         && pw_lease_validate (store, entity, row, before, error)
         && pw_bill_validate (store, entity, row, before, error)
         && pw_meter_validate (store, entity, row, before, error)
         && pw_receivables_validate (store, entity, row, before, error);
}

void
pw_ledger_attach (PwStore *store)
{
  pw_store_set_validator (store, validate_cb);
}

/* ---- loading ----------------------------------------------------------------- */

GListModel *
pw_ledger_load_parks (PwStore *store, GError **error)
{
  g_autoptr(GListStore) parks = g_list_store_new (PW_TYPE_LEDGER_NODE);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  static const struct {
    PwNodeKind kind;
    const char *sql;
  } levels[] = {
    { PW_NODE_PARK, "SELECT id, version, NULL, code, name, 0, code_pattern FROM park ORDER BY code" },
    { PW_NODE_BUILDING, "SELECT id, version, park_id, code, name,"
                        " CASE kind WHEN 'office' THEN 0 WHEN 'workshop' THEN 1"
                        " WHEN 'warehouse' THEN 2 WHEN 'parking' THEN 3 WHEN 'lab' THEN 4"
                        " ELSE 5 END, kind FROM building ORDER BY code" },
    { PW_NODE_FLOOR, "SELECT f.id, f.version, f.building_id, f.code, f.name, f.level, NULL"
                     " FROM floor f ORDER BY f.level DESC, f.code" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, levels[i].sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      while (step_rows (store, stmt, &rc, error))
        {
          g_autoptr(PwLedgerNode) node = node_new (levels[i].kind, stmt);
          PwLedgerNode *parent = node->parent_id ? g_hash_table_lookup (by_id, node->parent_id)
                                                 : NULL;

          if (levels[i].kind == PW_NODE_PARK)
            g_list_store_append (parks, node);
          else if (parent != NULL)
            g_list_store_append (parent->children, node);
          if (node->children != NULL)
            g_hash_table_insert (by_id, node->id, node);
        }
      if (rc != SQLITE_DONE)
        return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&parks));
}

const char *
pw_ledger_first_park_id (PwStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT id FROM park ORDER BY code LIMIT 1",
                                                   NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    return g_intern_string ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

typedef struct {
  gint64     pool;
  GPtrArray *receivers; /* PwSpace, unowned */
  const char *where;    /* floor or building code, for messages */
} Pool;

static void
pool_free (Pool *pool)
{
  g_ptr_array_unref (pool->receivers);
  g_free (pool);
}

static Pool *
pool_get (GHashTable *pools, const char *key, const char *where)
{
  Pool *pool = g_hash_table_lookup (pools, key);

  if (pool == NULL)
    {
      pool = g_new0 (Pool, 1);
      pool->receivers = g_ptr_array_new ();
      pool->where = where;
      g_hash_table_insert (pools, (gpointer) key, pool);
    }
  return pool;
}

/* docs/billing-rules.md rule 2, with nested pools: a unit's share is its part of its
 * floor's pool plus its part of its building's pool, each apportioned by
 * internal area with the largest-remainder rule. */
gboolean
pw_ledger_apportion (GPtrArray *spaces, GError **error)
{
  g_autoptr(GHashTable) floor_pools = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) pool_free);
  g_autoptr(GHashTable) building_pools = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                (GDestroyNotify) pool_free);
  g_autoptr(GHashTable) shares = g_hash_table_new (NULL, NULL);
  GHashTable *levels[2] = { floor_pools, building_pools };
  gboolean ok = TRUE;

  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      PwSpaceKind kind = pw_space_get_kind (space);

      if (pw_space_get_status (space) == PW_SPACE_STATUS_DISPOSED)
        continue;
      if (kind == PW_SPACE_KIND_COMMON_AREA)
        {
          if (pw_space_get_pool_level (space) == PW_POOL_FLOOR)
            pool_get (floor_pools, pw_space_get_floor_id (space),
                      pw_space_get_floor_code (space))->pool += pw_space_get_internal_area (space);
          else if (pw_space_get_pool_level (space) == PW_POOL_BUILDING)
            pool_get (building_pools, pw_space_get_building_id (space),
                      pw_space_get_building_code (space))->pool += pw_space_get_internal_area (space);
        }
      else if (pw_space_get_takes_share (space))
        {
          g_ptr_array_add (pool_get (floor_pools, pw_space_get_floor_id (space),
                                     pw_space_get_floor_code (space))->receivers, space);
          g_ptr_array_add (pool_get (building_pools, pw_space_get_building_id (space),
                                     pw_space_get_building_code (space))->receivers, space);
        }
    }

  for (guint l = 0; l < G_N_ELEMENTS (levels); l++)
    {
      GHashTableIter iter;
      Pool *pool;

      g_hash_table_iter_init (&iter, levels[l]);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pool))
        {
          guint n = pool->receivers->len;
          g_autofree gint64 *internal = g_new0 (gint64, MAX (n, 1));
          g_autofree gint64 *share = g_new0 (gint64, MAX (n, 1));
          g_autoptr(GError) local = NULL;

          if (pool->pool == 0)
            continue;
          for (guint i = 0; i < n; i++)
            internal[i] = pw_space_get_internal_area (g_ptr_array_index (pool->receivers, i));
          if (!pw_apportion (pool->pool, internal, n, share, &local))
            {
              if (ok)
                g_set_error (error, PW_LEDGER_ERROR, local->code,
                             /* Translators: %s is a floor or building code, then the reason */
                             _("Common area of %s: %s"), pool->where, local->message);
              ok = FALSE;
              continue;
            }
          for (guint i = 0; i < n; i++)
            {
              gpointer key = g_ptr_array_index (pool->receivers, i);
              gint64 prev = GPOINTER_TO_SIZE (g_hash_table_lookup (shares, key));
              g_hash_table_insert (shares, key, GSIZE_TO_POINTER ((gsize) (prev + share[i])));
            }
        }
    }

  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      pw_space_set_share_area (space, (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (shares, space)));
    }
  return ok;
}

GPtrArray *
pw_ledger_load_spaces (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(GPtrArray) spaces = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) pool_error = NULL;
  int rc;

  if (park_id == NULL)
    park_id = pw_ledger_first_park_id (store);
  if (park_id == NULL)
    return g_steal_pointer (&spaces);

  stmt = pw_store_prepare (store, PW_SPACE_SELECT " WHERE s.park_id = ? ORDER BY s.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while (step_rows (store, stmt, &rc, error))
    g_ptr_array_add (spaces, pw_space_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;

  /* A pool nobody can share is reported by the summary; the list still loads. */
  if (!pw_ledger_apportion (spaces, &pool_error))
    g_debug ("%s", pool_error->message);
  return g_steal_pointer (&spaces);
}

char *
pw_ledger_floor_drawing_id (PwStore *store, const char *floor_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (floor_id != NULL, NULL);

  stmt = pw_store_prepare (store, "SELECT id FROM floor_drawing WHERE floor_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, floor_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                         _("This floor has no drawing behind its rooms; import one first"));
  else
    pw_store_set_error (store, error, rc, _("reading a floor’s drawing"));
  return NULL;
}

PwSpace *
pw_ledger_load_space (PwStore *store, const char *space_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  const char *floor_id = NULL;
  int rc;

  /* Shares depend on the whole floor and building, so load those first. */
  stmt = pw_store_prepare (store, PW_SPACE_SELECT " WHERE s.id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, space_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                     _("No space with id %s"), space_id);
      else
        pw_store_set_error (store, error, rc, _("reading a space"));
      return NULL;
    }
  floor_id = g_intern_string ((const char *) sqlite3_column_text (stmt, 5));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = pw_store_prepare (store, PW_SPACE_SELECT " WHERE f.building_id ="
                           " (SELECT building_id FROM floor WHERE id = ?)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, floor_id, -1, SQLITE_TRANSIENT);
  spaces = g_ptr_array_new_with_free_func (g_object_unref);
  while (step_rows (store, stmt, &rc, error))
    g_ptr_array_add (spaces, pw_space_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    return NULL;
  pw_ledger_apportion (spaces, NULL);
  for (guint i = 0; i < spaces->len; i++)
    if (g_str_equal (pw_space_get_id (g_ptr_array_index (spaces, i)), space_id))
      return g_object_ref (g_ptr_array_index (spaces, i));
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, _("No space with id %s"), space_id);
  return NULL;
}

void
pw_history_entry_free (PwHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->date);
  g_free (entry->recorded);
  g_free (entry->actor);
  g_free (entry->what);
  g_free (entry->reason);
  g_free (entry);
}

/* The history's word for a lifecycle event ("Created", "Split"…). */
const char *
pw_ledger_event_label (const char *event)
{
  if (g_strcmp0 (event, "created") == 0)
    return _("Created");
  if (g_strcmp0 (event, "stocktaken") == 0)
    return _("Stocktaken");
  if (g_strcmp0 (event, "disposed") == 0)
    return _("Disposed");
  /* Translators: a history row that answers one an undo could not delete */
  if (g_strcmp0 (event, "undone") == 0)
    return _("Undone");
  /* Translators: a history row: the space was split in two on the plan */
  if (g_strcmp0 (event, "split") == 0)
    return _("Split");
  /* Translators: a history row: other spaces were merged into this one on the plan */
  if (g_strcmp0 (event, "merged") == 0)
    return _("Merged");
  return _("Changed");
}

GPtrArray *
pw_ledger_load_history (PwStore *store, const char *space_id, GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_history_entry_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  /* Status changes, dated events, and — unless a dated "created" event says
   * when the space entered the ledger — its creation as the audit trail
   * recorded it; each with whoever wrote it. */
  stmt = pw_store_prepare (store,
    "SELECT h.effective_date, h.created_at, h.from_status, h.to_status, h.reason, 1, a.actor"
    " FROM space_status h LEFT JOIN audit a ON a.entity_id = h.id AND a.op = 'insert'"
    " WHERE h.space_id = ?1"
    " UNION ALL "
    "SELECT e.event_date, e.created_at, e.event, NULL, e.note, 0, a.actor"
    " FROM lifecycle_event e LEFT JOIN audit a ON a.entity_id = e.id AND a.op = 'insert'"
    " WHERE e.entity = 'space' AND e.entity_id = ?1"
    " UNION ALL "
    "SELECT substr (a.at, 1, 10), a.at, 'created', NULL, '', 0, a.actor"
    " FROM audit a WHERE a.entity = 'space' AND a.entity_id = ?1 AND a.op = 'insert'"
    " AND NOT EXISTS (SELECT 1 FROM lifecycle_event WHERE entity_id = ?1 AND event = 'created')"
    " ORDER BY 1 DESC, 2 DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, space_id, -1, SQLITE_TRANSIENT);
  while (step_rows (store, stmt, &rc, error))
    {
      PwHistoryEntry *e = g_new0 (PwHistoryEntry, 1);
      const char *a = (const char *) sqlite3_column_text (stmt, 2);
      const char *b = (const char *) sqlite3_column_text (stmt, 3);
      const char *actor = (const char *) sqlite3_column_text (stmt, 6);

      e->date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e->recorded = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->actor = g_strdup (actor ? actor : "");
      if (sqlite3_column_int (stmt, 5))
        {
          int from = pw_space_status_from_string (a), to = pw_space_status_from_string (b);
          /* Translators: a status change, e.g. "Available → Leased" */
          e->what = g_strdup_printf (_("%s → %s"),
                                     from >= 0 ? pw_space_status_get_label (from) : "—",
                                     to >= 0 ? pw_space_status_get_label (to) : b);
        }
      else
        e->what = g_strdup (pw_ledger_event_label (a));
      /* a change's note is the list of the fields it changed, kept as their
       * names: shown with each field's translated name */
      if (g_strcmp0 (a, "changed") == 0 && !sqlite3_column_int (stmt, 5))
        {
          g_free (e->reason);
          e->reason = pw_field_list_label ((const char *) sqlite3_column_text (stmt, 4));
        }
      g_ptr_array_add (entries, e);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&entries);
}

/* ---- changes ------------------------------------------------------------------ */

static PwMutation *
lifecycle_mutation (const char *entity_id, const char *event, const char *date, const char *note)
{
  PwMutation *m = pw_mutation_new_insert ("lifecycle_event", NULL);

  pw_mutation_set_string (m, "entity", "space");
  pw_mutation_set_string (m, "entity_id", entity_id);
  pw_mutation_set_string (m, "event", event);
  pw_mutation_set_string (m, "event_date", date);
  pw_mutation_set_string (m, "note", note ? note : "");
  return m;
}

gboolean
pw_ledger_change_status (PwStore       *store,
                         const char    *space_id,
                         gint64         base_version,
                         PwSpaceStatus  status,
                         const char    *effective_date,
                         const char    *reason,
                         GError       **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  PwMutation *m;
  const char *current;

  g_return_val_if_fail ((guint) status < PW_N_SPACE_STATUSES, FALSE);

  if (!pw_date_is_valid (effective_date))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "effective_date",
                        _("“%s” is not a date of the form YYYY-MM-DD"),
                        effective_date ? effective_date : "");
  if (reason == NULL || is_blank (reason))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "reason",
                        _("a reason is required for a status change"));

  row = pw_store_get_row (store, "space", space_id, error);
  if (row == NULL)
    return FALSE;
  current = pw_row_string (row, "status");
  if (g_strcmp0 (current, pw_space_status_to_string (status)) == 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                        _("the space is already %s"), pw_space_status_get_label (status));

  m = pw_mutation_new_update ("space", space_id, base_version);
  pw_mutation_set_string (m, "status", pw_space_status_to_string (status));
  pw_mutation_set_string (m, "status_since", effective_date);
  g_ptr_array_add (muts, m);

  m = pw_mutation_new_insert ("space_status", NULL);
  pw_mutation_set_string (m, "space_id", space_id);
  pw_mutation_set_string (m, "from_status", current);
  pw_mutation_set_string (m, "to_status", pw_space_status_to_string (status));
  pw_mutation_set_string (m, "effective_date", effective_date);
  pw_mutation_set_string (m, "reason", reason);
  g_ptr_array_add (muts, m);

  if (status == PW_SPACE_STATUS_DISPOSED)
    g_ptr_array_add (muts, lifecycle_mutation (space_id, "disposed", effective_date, reason));

  return pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error);
}

gboolean
pw_ledger_update_space (PwStore    *store,
                        const char *space_id,
                        gint64      base_version,
                        JsonObject *fields,
                        GError    **error)
{
  g_autoptr(PwMutation) update = pw_mutation_new_update ("space", space_id, base_version);
  g_autoptr(PwMutation) event = NULL;
  g_autoptr(GList) members = json_object_get_members (fields);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *today = pw_today_iso ();
  PwMutation *muts[2];

  if (members == NULL)
    return TRUE;
  for (GList *l = members; l; l = l->next)
    {
      if (g_str_equal (l->data, "status") || g_str_equal (l->data, "status_since"))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, l->data,
                            _("change the status with a dated reason instead"));
      json_object_set_member (pw_mutation_get_fields (update), l->data,
                              json_node_copy (json_object_get_member (fields, l->data)));
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", (const char *) l->data);
    }
  event = lifecycle_mutation (space_id, "changed", today, names->str);
  muts[0] = update;
  muts[1] = event;
  return pw_store_apply_all (store, muts, 2, error);
}

gboolean
pw_ledger_record_stocktake (PwStore *store, const char *space_id, const char *date,
                            const char *note, GError **error)
{
  g_autoptr(PwMutation) m = lifecycle_mutation (space_id, "stocktaken", date, note);
  g_autoptr(JsonObject) row = pw_store_get_row (store, "space", space_id, error);

  if (row == NULL)
    return FALSE;
  return pw_store_apply (store, m, error);
}

void
pw_ledger_add_space_mutations (GPtrArray *mutations, JsonObject *fields, const char *date)
{
  PwMutation *m = pw_mutation_new_insert ("space", NULL);

  /* shared, not copied: imports build many of these */
  pw_mutation_set_fields (m, fields);
  if (!json_object_has_member (fields, "status_since"))
    pw_mutation_set_string (m, "status_since", date);
  /* The audit row of the insert is the space's "created" event. */
  g_ptr_array_add (mutations, m);
}

gboolean
pw_ledger_clear (PwStore *store, GError **error)
{
  /* Children before parents, so that foreign keys hold at every step. */
  static const char *const tables[] = {
    "allocation", "credit_note", "payment",
    "meter_loss", "meter_reading", "meter_replacement", "tariff", "meter",
    "bill_line", "bill", "bill_run", "schedule_line", "contract_space", "contract_version", "contract",
    "approval", "approval_rule", "quote", "viewing", "prospect", "contact", "customer",
    "space_status", "lifecycle_event", "equipment", "space", "floor_drawing", "floor", "building",
    "park"
  };
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      /* sub-meters before their master meters */
      g_autofree char *sql = g_strdup_printf ("SELECT id, version FROM %s%s", tables[i],
                                              g_str_equal (tables[i], "meter")
                                              ? " ORDER BY master_id IS NULL" : "");
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while (step_rows (store, stmt, &rc, error))
        g_ptr_array_add (muts, pw_mutation_new_delete (tables[i],
                                                       (const char *) sqlite3_column_text (stmt, 0),
                                                       sqlite3_column_int64 (stmt, 1)));
      if (rc != SQLITE_DONE)
        return FALSE;
    }
  if (muts->len == 0)
    return TRUE;
  return pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error);
}
