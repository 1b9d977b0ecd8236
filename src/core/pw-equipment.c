/* pw-equipment.c — the equipment of the asset ledger: lifts, chillers, pumps…
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads with one plain query; writes only through PwMutation, so that the
 * ledger's validator (pw_ledger_attach) checks every change, and the audit
 * trail and the outbox see it.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "pw-equipment.h"
#include "pw-ledger.h"
#include "pw-row.h"

struct _PwEquipment
{
  GObject            parent_instance;
  char              *id;
  gint64             version;
  const char        *park_id;   /* interned: shared by every item */
  const char        *floor_id;  /* interned, or NULL */
  char              *space_id;
  char              *code;
  char              *name;
  char              *category;
  PwEquipmentStatus  status;
  char              *serial;
  char              *install_date;
  char              *location;
  gint64             original_value; /* minor units of currency; -1 when unknown */
  const char        *currency;       /* interned: the park's ISO 4217 code */
};

G_DEFINE_FINAL_TYPE (PwEquipment, pw_equipment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_PARK_ID,
  PROP_FLOOR_ID,
  PROP_SPACE_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_SERIAL,
  PROP_INSTALL_DATE,
  PROP_LOCATION,
  PROP_ORIGINAL_VALUE,
  PROP_CURRENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The query equipment_new_from_row() reads, in this column order. The floor
 * comes from the space when only the space is recorded. */
#define EQUIPMENT_SELECT                                                         \
  "SELECT e.id, e.version, e.park_id, e.floor_id, e.space_id, e.code, e.name,"  \
  " e.category, e.status, e.serial, e.install_date, b.code, f.code, s.code,"    \
  " s.name, e.original_value, p.currency"                                       \
  " FROM equipment e"                                                           \
  " JOIN park p ON p.id = e.park_id"                                            \
  " LEFT JOIN space s ON s.id = e.space_id"                                     \
  " LEFT JOIN floor f ON f.id = coalesce (e.floor_id, s.floor_id)"              \
  " LEFT JOIN building b ON b.id = f.building_id"

static const struct {
  const char *id;
  const char *label;
} categories[] = {
  { "lift", N_("Lift") },
  { "chiller", N_("Chiller") },
  { "transformer", N_("Transformer") },
  { "fire_pump", N_("Fire pump") },
};

const char *
pw_equipment_category_get_label (const char *category)
{
  if (category == NULL)
    return "";
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    if (g_str_equal (categories[i].id, category))
      return _(categories[i].label);
  return category;
}

static const char *
column_text (sqlite3_stmt *stmt, int i)
{
  const char *s = (const char *) sqlite3_column_text (stmt, i);
  return s ? s : "";
}

static const char *
column_text_or_null (sqlite3_stmt *stmt, int i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL
           ? NULL : (const char *) sqlite3_column_text (stmt, i);
}

static char *
build_location (const char *building, const char *floor, const char *space,
                const char *space_name)
{
  g_autoptr(GString) s = g_string_new (NULL);
  const char *parts[] = { building, floor, space };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && parts[i][0] != '\0')
      g_string_append_printf (s, "%s%s", s->len ? " · " : "", parts[i]);
  if (space != NULL && space_name != NULL && space_name[0] != '\0')
    g_string_append_printf (s, " %s", space_name);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static PwEquipment *
equipment_new_from_row (sqlite3_stmt *stmt)
{
  PwEquipment *self = g_object_new (PW_TYPE_EQUIPMENT, NULL);
  const char *floor_id = column_text_or_null (stmt, 3);
  int status;

  self->id = g_strdup (column_text (stmt, 0));
  self->version = sqlite3_column_int64 (stmt, 1);
  self->park_id = g_intern_string (column_text (stmt, 2));
  self->floor_id = floor_id ? g_intern_string (floor_id) : NULL;
  self->space_id = g_strdup (column_text_or_null (stmt, 4));
  self->code = g_strdup (column_text (stmt, 5));
  self->name = g_strdup (column_text (stmt, 6));
  self->category = g_strdup (column_text (stmt, 7));
  /* the validator lets no other status in; an old file falls back to the default */
  status = pw_equipment_status_from_string (column_text (stmt, 8));
  self->status = status < 0 ? PW_EQUIPMENT_STATUS_IN_SERVICE : status;
  self->serial = g_strdup (column_text (stmt, 9));
  self->install_date = g_strdup (column_text (stmt, 10));
  self->location = build_location (column_text_or_null (stmt, 11),
                                   column_text_or_null (stmt, 12),
                                   column_text_or_null (stmt, 13),
                                   column_text_or_null (stmt, 14));
  /* the store refuses a negative value: -1 can only mean unknown */
  self->original_value = sqlite3_column_type (stmt, 15) == SQLITE_NULL
                           ? -1 : sqlite3_column_int64 (stmt, 15);
  self->currency = g_intern_string (column_text (stmt, 16));
  return self;
}

const char *pw_equipment_get_id (PwEquipment *self) { return self->id; }
gint64 pw_equipment_get_version (PwEquipment *self) { return self->version; }
const char *pw_equipment_get_park_id (PwEquipment *self) { return self->park_id; }
const char *pw_equipment_get_floor_id (PwEquipment *self) { return self->floor_id; }
const char *pw_equipment_get_space_id (PwEquipment *self) { return self->space_id; }
const char *pw_equipment_get_code (PwEquipment *self) { return self->code; }
const char *pw_equipment_get_name (PwEquipment *self) { return self->name; }
const char *pw_equipment_get_category (PwEquipment *self) { return self->category; }
PwEquipmentStatus pw_equipment_get_status (PwEquipment *self) { return self->status; }
const char *pw_equipment_get_serial (PwEquipment *self) { return self->serial; }
const char *pw_equipment_get_install_date (PwEquipment *self) { return self->install_date; }
const char *pw_equipment_get_location (PwEquipment *self) { return self->location; }
gint64 pw_equipment_get_original_value (PwEquipment *self) { return self->original_value; }
const char *pw_equipment_get_currency (PwEquipment *self) { return self->currency; }

const char *
pw_equipment_get_category_label (PwEquipment *self)
{
  return pw_equipment_category_get_label (self->category);
}

const char *
pw_equipment_get_status_label (PwEquipment *self)
{
  return pw_equipment_status_get_label (self->status);
}

static void
pw_equipment_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwEquipment *self = PW_EQUIPMENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_VERSION: g_value_set_int64 (value, self->version); break;
    case PROP_PARK_ID: g_value_set_string (value, self->park_id); break;
    case PROP_FLOOR_ID: g_value_set_string (value, self->floor_id); break;
    case PROP_SPACE_ID: g_value_set_string (value, self->space_id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_CATEGORY: g_value_set_string (value, self->category); break;
    case PROP_CATEGORY_LABEL: g_value_set_string (value, pw_equipment_get_category_label (self)); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, pw_equipment_get_status_label (self)); break;
    case PROP_SERIAL: g_value_set_string (value, self->serial); break;
    case PROP_INSTALL_DATE: g_value_set_string (value, self->install_date); break;
    case PROP_LOCATION: g_value_set_string (value, self->location); break;
    case PROP_ORIGINAL_VALUE: g_value_set_int64 (value, self->original_value); break;
    case PROP_CURRENCY: g_value_set_string (value, self->currency); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_equipment_finalize (GObject *object)
{
  PwEquipment *self = PW_EQUIPMENT (object);

  g_free (self->id);
  g_free (self->space_id);
  g_free (self->code);
  g_free (self->name);
  g_free (self->category);
  g_free (self->serial);
  g_free (self->install_date);
  g_free (self->location);
  G_OBJECT_CLASS (pw_equipment_parent_class)->finalize (object);
}

static void
pw_equipment_class_init (PwEquipmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = pw_equipment_get_property;
  object_class->finalize = pw_equipment_finalize;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_VERSION] = g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PARK_ID] = g_param_spec_string ("park-id", NULL, NULL, NULL, flags);
  properties[PROP_FLOOR_ID] = g_param_spec_string ("floor-id", NULL, NULL, NULL, flags);
  properties[PROP_SPACE_ID] = g_param_spec_string ("space-id", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY_LABEL] = g_param_spec_string ("category-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, PW_N_EQUIPMENT_STATUSES - 1, 0,
                                              flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_SERIAL] = g_param_spec_string ("serial", NULL, NULL, NULL, flags);
  properties[PROP_INSTALL_DATE] = g_param_spec_string ("install-date", NULL, NULL, NULL, flags);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, flags);
  properties[PROP_ORIGINAL_VALUE] = g_param_spec_int64 ("original-value", NULL, NULL, -1, G_MAXINT64,
                                                        -1, flags);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_equipment_init (PwEquipment *self)
{
  self->original_value = -1;
}

/* ---- helpers ----------------------------------------------------------------- */

static gboolean
is_blank (const char *s)
{
  for (; s && *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

static const char *
object_string (JsonObject *object, const char *field)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static PwMutation *
event_mutation (const char *id, const char *event, const char *note)
{
  PwMutation *m = pw_mutation_new_insert ("lifecycle_event", NULL);
  g_autofree char *today = pw_today_iso ();

  pw_mutation_set_string (m, "entity", "equipment");
  pw_mutation_set_string (m, "entity_id", id);
  pw_mutation_set_string (m, "event", event);
  pw_mutation_set_string (m, "event_date", today);
  pw_mutation_set_string (m, "note", note ? note : "");
  return m;
}

/* ---- loading ----------------------------------------------------------------- */

GPtrArray *
pw_equipment_load_all (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  if (park_id == NULL)
    park_id = pw_ledger_first_park_id (store);
  if (park_id == NULL)
    return g_steal_pointer (&items);

  stmt = pw_store_prepare (store, EQUIPMENT_SELECT " WHERE e.park_id = ? ORDER BY e.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, equipment_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the equipment"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/* ---- changes ----------------------------------------------------------------- */

gboolean
pw_equipment_change_status (PwStore            *store,
                            const char         *id,
                            gint64              base_version,
                            PwEquipmentStatus   status,
                            const char         *reason,
                            GError            **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(PwMutation) update = NULL;
  g_autoptr(PwMutation) event = NULL;
  PwMutation *muts[2];

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  /* a number from a dropdown or a script: refused like any other bad field */
  if ((guint) status >= PW_N_EQUIPMENT_STATUSES)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status", _("%d is not one of the allowed values"), (int) status);
  if (reason == NULL || is_blank (reason))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "reason", _("a reason is required for a status change"));

  row = pw_store_get_row (store, "equipment", id, error);
  if (row == NULL)
    return FALSE;
  if (g_strcmp0 (object_string (row, "status"), pw_equipment_status_to_string (status)) == 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status", _("the equipment is already %s"),
                        pw_equipment_status_get_label (status));

  update = pw_mutation_new_update ("equipment", id, base_version);
  pw_mutation_set_string (update, "status", pw_equipment_status_to_string (status));
  event = event_mutation (id, status == PW_EQUIPMENT_STATUS_DISPOSED ? "disposed" : "changed",
                          reason);
  muts[0] = update;
  muts[1] = event;
  return pw_store_apply_all (store, muts, G_N_ELEMENTS (muts), error);
}

/* A missing record is the caller's bad field; any other failure passes through. */
static gboolean
not_found (GError **error, GError *local, const char *field, const char *message)
{
  if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    {
      g_error_free (local);
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", message);
    }
  g_propagate_error (error, local);
  return FALSE;
}

/* Checks that @floor_id (or the floor of @space_id) is in the item's park, and
 * fills in the floor of a space given alone. */
static gboolean
check_place (PwStore *store, JsonObject *item, JsonObject *fields, GError **error)
{
  const char *park_id = object_string (item, "park_id");
  const char *space_id = object_string (fields, "space_id");
  const char *floor_id = object_string (fields, "floor_id");

  if (space_id != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(JsonObject) space = pw_store_get_row (store, "space", space_id, &local);
      const char *space_floor;

      if (space == NULL)
        return not_found (error, g_steal_pointer (&local), "space_id", _("there is no such space"));
      space_floor = object_string (space, "floor_id");
      if (g_strcmp0 (object_string (space, "park_id"), park_id) != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "space_id", _("there is no such space"));
      if (!json_object_has_member (fields, "floor_id"))
        json_object_set_string_member (fields, "floor_id", space_floor);
      else if (g_strcmp0 (floor_id, space_floor) != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "floor_id", _("the space is on another floor"));
    }
  else if (floor_id != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autoptr(JsonObject) floor = pw_store_get_row (store, "floor", floor_id, &local);

      if (floor == NULL)
        return not_found (error, g_steal_pointer (&local), "floor_id", _("there is no such floor"));
      if (g_strcmp0 (object_string (floor, "park_id"), park_id) != 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "floor_id", _("there is no such floor"));
    }
  return TRUE;
}

gboolean
pw_equipment_update (PwStore     *store,
                     const char  *id,
                     gint64       base_version,
                     JsonObject  *fields,
                     GError     **error)
{
  static const char *const editable[] = {
    "name", "category", "serial", "install_date", "space_id", "floor_id", "original_value", NULL
  };
  g_autoptr(PwMutation) update = NULL;
  g_autoptr(PwMutation) event = NULL;
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  PwMutation *muts[2];

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  members = json_object_get_members (fields);
  if (members == NULL)
    return TRUE;
  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "status"))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, name, _("change the status with a reason instead"));
      if (!g_strv_contains (editable, name))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, name, _("cannot be changed here"));
      json_object_set_member (changes, name, json_node_copy (json_object_get_member (fields, name)));
    }

  item = pw_store_get_row (store, "equipment", id, error);
  if (item == NULL)
    return FALSE;
  if (!check_place (store, item, changes, error))
    return FALSE;

  /* the caller's names, in its order: what the user edited, for the history */
  for (GList *l = members; l; l = l->next)
    g_string_append_printf (names, "%s%s", names->len ? ", " : "", (const char *) l->data);

  update = pw_mutation_new_update ("equipment", id, base_version);
  pw_mutation_set_fields (update, changes);
  event = event_mutation (id, "changed", names->str);
  muts[0] = update;
  muts[1] = event;
  return pw_store_apply_all (store, muts, G_N_ELEMENTS (muts), error);
}

/* ---- adding and retiring ------------------------------------------------------ */

static gboolean
code_taken (PwStore *store, const char *park_id, const char *code, gboolean *taken,
            GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
      "SELECT 1 FROM equipment WHERE park_id = ? AND code = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("checking an equipment code"));
      return FALSE;
    }
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

char *
pw_equipment_create (PwStore     *store,
                     const char  *park_id,
                     JsonObject  *fields,
                     GError     **error)
{
  static const char *const allowed[] = {
    "code", "name", "category", "serial", "install_date", "space_id", "floor_id",
    "original_value", "status", NULL
  };
  static const char *const required[] = { "code", "name", "category", NULL };
  g_autoptr(JsonObject) row = json_object_new ();
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(PwMutation) insert = NULL;
  g_autoptr(PwMutation) event = NULL;
  g_autofree char *today = pw_today_iso ();
  const char *install_date;
  const char *code;
  gboolean taken = FALSE;
  PwMutation *muts[2];
  char *id;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  if (park_id == NULL)
    park_id = pw_ledger_first_park_id (store);
  if (park_id == NULL)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "park_id", _("there is no park to add it to"));
      return NULL;
    }

  members = json_object_get_members (fields);
  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (fields, name);

      if (!g_strv_contains (allowed, name))
        {
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, name, _("cannot be set here"));
          return NULL;
        }
      /* an empty optional text is no value */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
          is_blank (json_node_get_string (node)) && !g_strv_contains (required, name))
        continue;
      json_object_set_member (row, name, json_node_copy (node));
    }

  /* the required texts, in the order of the form, trimmed */
  for (guint i = 0; required[i] != NULL; i++)
    {
      const char *value = object_string (row, required[i]);
      g_autofree char *trimmed = value ? g_strstrip (g_strdup (value)) : NULL;

      if (trimmed == NULL || *trimmed == '\0')
        {
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, required[i], _("a value is required"));
          return NULL;
        }
      json_object_set_string_member (row, required[i], trimmed);
    }

  install_date = object_string (row, "install_date");
  if (install_date != NULL && pw_date_is_valid (install_date) && strcmp (install_date, today) > 0)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "install_date",
                          _("an installation date cannot be in the future"));
      return NULL;
    }

  code = object_string (row, "code");
  if (!code_taken (store, park_id, code, &taken, error))
    return NULL;
  if (taken)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "code",
                          _("the park already has equipment %s"), code);
      return NULL;
    }

  json_object_set_string_member (item, "park_id", park_id);
  if (!check_place (store, item, row, error))
    return NULL;

  if (!json_object_has_member (row, "status"))
    json_object_set_string_member (row, "status", pw_equipment_status_to_string (PW_EQUIPMENT_STATUS_IN_SERVICE));
  json_object_set_string_member (row, "park_id", park_id);
  insert = pw_mutation_new_insert ("equipment", NULL);
  pw_mutation_set_fields (insert, row);
  id = g_strdup (pw_mutation_get_id (insert));
  event = event_mutation (id, "created", "");
  muts[0] = insert;
  muts[1] = event;
  if (!pw_store_apply_all (store, muts, G_N_ELEMENTS (muts), error))
    {
      g_free (id);
      return NULL;
    }
  return id;
}

gboolean
pw_equipment_retire (PwStore     *store,
                     const char  *id,
                     gint64       base_version,
                     const char  *date,
                     const char  *reason,
                     GError     **error)
{
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(PwMutation) update = NULL;
  g_autoptr(PwMutation) event = NULL;
  g_autofree char *today = pw_today_iso ();
  const char *installed;
  PwMutation *muts[2];

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (date == NULL || !pw_date_is_valid (date))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                               _("“%s” is not a date of the form YYYY-MM-DD"), date ? date : "");
  if (strcmp (date, today) > 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                               _("a retirement cannot be dated in the future"));
  if (reason == NULL || is_blank (reason))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "reason",
                               _("a reason is required to retire equipment"));

  row = pw_store_get_row (store, "equipment", id, error);
  if (row == NULL)
    return FALSE;
  if (g_strcmp0 (object_string (row, "status"),
                 pw_equipment_status_to_string (PW_EQUIPMENT_STATUS_DISPOSED)) == 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "status",
                               _("the equipment is already retired"));
  installed = object_string (row, "install_date");
  if (installed != NULL && strcmp (date, installed) < 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                               _("the equipment was installed on %s, after that date"), installed);

  update = pw_mutation_new_update ("equipment", id, base_version);
  pw_mutation_set_string (update, "status", pw_equipment_status_to_string (PW_EQUIPMENT_STATUS_DISPOSED));
  event = event_mutation (id, "disposed", reason);
  pw_mutation_set_string (event, "event_date", date);
  muts[0] = update;
  muts[1] = event;
  return pw_store_apply_all (store, muts, G_N_ELEMENTS (muts), error);
}

gboolean
pw_equipment_can_retire (PwEquipment *self)
{
  g_return_val_if_fail (PW_IS_EQUIPMENT (self), FALSE);
  return self->status != PW_EQUIPMENT_STATUS_DISPOSED;
}

char *
pw_equipment_get_park_currency (PwStore     *store,
                                const char  *park_id,
                                GError     **error)
{
  g_autoptr(JsonObject) park = NULL;
  const char *currency;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  if (park_id == NULL)
    park_id = pw_ledger_first_park_id (store);
  if (park_id == NULL)
    return g_strdup ("CNY");
  park = pw_store_get_row (store, "park", park_id, error);
  if (park == NULL)
    return NULL;
  currency = object_string (park, "currency");
  return g_strdup (currency && *currency ? currency : "CNY");
}
