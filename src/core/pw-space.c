/* pw-space.c — one space of the ledger, as read from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sqlite3.h>

#include "pw-space.h"

struct _PwSpace
{
  GObject        parent_instance;
  char          *id;
  gint64         version;
  const char    *park_id;       /* interned: shared by many spaces */
  const char    *building_id;   /* interned */
  const char    *building_code; /* interned */
  const char    *floor_id;      /* interned */
  const char    *floor_code;    /* interned */
  int            floor_level;
  char          *code;
  char          *name;
  PwSpaceKind    kind;
  PwSpaceStatus  status;
  char          *status_since;
  gint64         gross_area;
  gint64         internal_area;
  gint64         usable_area;
  gint64         share_area;
  gboolean       leasable;
  gboolean       takes_share;
  PwPoolLevel    pool_level;
  PwAreaBasis    area_basis;
  char          *outline;
  char          *notes;
};

G_DEFINE_FINAL_TYPE (PwSpace, pw_space, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_CODE,
  PROP_NAME,
  PROP_BUILDING_CODE,
  PROP_FLOOR_CODE,
  PROP_FLOOR_ID,
  PROP_BUILDING_ID,
  PROP_FLOOR_LEVEL,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_GROSS_AREA,
  PROP_INTERNAL_AREA,
  PROP_USABLE_AREA,
  PROP_SHARE_AREA,
  PROP_CHARGEABLE_AREA,
  PROP_LEASABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
column_text (sqlite3_stmt *stmt, int i)
{
  const char *s = (const char *) sqlite3_column_text (stmt, i);
  return s ? s : "";
}

PwSpace *
pw_space_new_from_row (gpointer data)
{
  sqlite3_stmt *stmt = data;
  PwSpace *self = g_object_new (PW_TYPE_SPACE, NULL);
  int kind, status, basis, pool;

  self->id = g_strdup (column_text (stmt, 0));
  self->version = sqlite3_column_int64 (stmt, 1);
  self->park_id = g_intern_string (column_text (stmt, 2));
  self->building_id = g_intern_string (column_text (stmt, 3));
  self->building_code = g_intern_string (column_text (stmt, 4));
  self->floor_id = g_intern_string (column_text (stmt, 5));
  self->floor_code = g_intern_string (column_text (stmt, 6));
  self->floor_level = sqlite3_column_int (stmt, 7);
  self->code = g_strdup (column_text (stmt, 8));
  self->name = g_strdup (column_text (stmt, 9));
  kind = pw_space_kind_from_string (column_text (stmt, 10));
  self->kind = kind < 0 ? PW_SPACE_KIND_OFFICE : kind;
  status = pw_space_status_from_string (column_text (stmt, 11));
  self->status = status < 0 ? PW_SPACE_STATUS_AVAILABLE : status;
  self->status_since = sqlite3_column_type (stmt, 12) == SQLITE_NULL
                         ? NULL : g_strdup (column_text (stmt, 12));
  self->gross_area = sqlite3_column_int64 (stmt, 13);
  self->internal_area = sqlite3_column_int64 (stmt, 14);
  self->usable_area = sqlite3_column_int64 (stmt, 15);
  self->leasable = sqlite3_column_int (stmt, 16) != 0;
  self->takes_share = sqlite3_column_int (stmt, 17) != 0;
  pool = pw_pool_level_from_string ((const char *) sqlite3_column_text (stmt, 18));
  self->pool_level = pool < 0 ? PW_POOL_NONE : pool;
  basis = pw_area_basis_from_string (column_text (stmt, 19));
  self->area_basis = basis < 0 ? PW_AREA_BASIS_GROSS : basis;
  self->outline = sqlite3_column_type (stmt, 20) == SQLITE_NULL
                    ? NULL : g_strdup (column_text (stmt, 20));
  self->notes = g_strdup (column_text (stmt, 21));
  return self;
}

void
pw_space_set_share_area (PwSpace *self, gint64 share)
{
  g_return_if_fail (PW_IS_SPACE (self));
  if (self->share_area == share)
    return;
  self->share_area = share;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARE_AREA]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHARGEABLE_AREA]);
}

const char *pw_space_get_id (PwSpace *self) { return self->id; }
gint64 pw_space_get_version (PwSpace *self) { return self->version; }
const char *pw_space_get_park_id (PwSpace *self) { return self->park_id; }
const char *pw_space_get_building_id (PwSpace *self) { return self->building_id; }
const char *pw_space_get_building_code (PwSpace *self) { return self->building_code; }
const char *pw_space_get_floor_id (PwSpace *self) { return self->floor_id; }
const char *pw_space_get_floor_code (PwSpace *self) { return self->floor_code; }
int pw_space_get_floor_level (PwSpace *self) { return self->floor_level; }
const char *pw_space_get_code (PwSpace *self) { return self->code; }
const char *pw_space_get_name (PwSpace *self) { return self->name; }
PwSpaceKind pw_space_get_kind (PwSpace *self) { return self->kind; }
PwSpaceStatus pw_space_get_status (PwSpace *self) { return self->status; }
const char *pw_space_get_status_since (PwSpace *self) { return self->status_since; }
gint64 pw_space_get_gross_area (PwSpace *self) { return self->gross_area; }
gint64 pw_space_get_internal_area (PwSpace *self) { return self->internal_area; }
gint64 pw_space_get_usable_area (PwSpace *self) { return self->usable_area; }
gint64 pw_space_get_share_area (PwSpace *self) { return self->share_area; }
gboolean pw_space_get_leasable (PwSpace *self) { return self->leasable; }
gboolean pw_space_get_takes_share (PwSpace *self) { return self->takes_share; }
PwPoolLevel pw_space_get_pool_level (PwSpace *self) { return self->pool_level; }
PwAreaBasis pw_space_get_area_basis (PwSpace *self) { return self->area_basis; }
const char *pw_space_get_outline (PwSpace *self) { return self->outline; }
const char *pw_space_get_notes (PwSpace *self) { return self->notes; }

const char *
pw_space_get_kind_label (PwSpace *self)
{
  return pw_space_kind_get_label (self->kind);
}

const char *
pw_space_get_status_label (PwSpace *self)
{
  return pw_space_status_get_label (self->status);
}

const char *
pw_space_get_display_status_label (PwSpace *self)
{
  return pw_space_display_status_get_label (self->kind, self->status);
}

/* docs/billing-rules.md rule 5: the chargeable area names its basis. */
gint64
pw_space_get_chargeable_area (PwSpace *self)
{
  switch (self->area_basis)
    {
    case PW_AREA_BASIS_INTERNAL:
      return self->internal_area;
    case PW_AREA_BASIS_USABLE:
      return self->usable_area;
    case PW_AREA_BASIS_GROSS:
    case PW_N_AREA_BASES:
    default:
      return self->internal_area + self->share_area;
    }
}

static void
pw_space_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwSpace *self = PW_SPACE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_VERSION: g_value_set_int64 (value, self->version); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_BUILDING_CODE: g_value_set_string (value, self->building_code); break;
    case PROP_FLOOR_CODE: g_value_set_string (value, self->floor_code); break;
    case PROP_FLOOR_ID: g_value_set_string (value, self->floor_id); break;
    case PROP_BUILDING_ID: g_value_set_string (value, self->building_id); break;
    case PROP_FLOOR_LEVEL: g_value_set_int (value, self->floor_level); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_KIND_LABEL: g_value_set_string (value, pw_space_get_kind_label (self)); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, pw_space_get_status_label (self)); break;
    case PROP_GROSS_AREA: g_value_set_int64 (value, self->gross_area); break;
    case PROP_INTERNAL_AREA: g_value_set_int64 (value, self->internal_area); break;
    case PROP_USABLE_AREA: g_value_set_int64 (value, self->usable_area); break;
    case PROP_SHARE_AREA: g_value_set_int64 (value, self->share_area); break;
    case PROP_CHARGEABLE_AREA: g_value_set_int64 (value, pw_space_get_chargeable_area (self)); break;
    case PROP_LEASABLE: g_value_set_boolean (value, self->leasable); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_space_finalize (GObject *object)
{
  PwSpace *self = PW_SPACE (object);

  g_free (self->id);
  g_free (self->code);
  g_free (self->name);
  g_free (self->status_since);
  g_free (self->outline);
  g_free (self->notes);
  G_OBJECT_CLASS (pw_space_parent_class)->finalize (object);
}

static void
pw_space_class_init (PwSpaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = pw_space_get_property;
  object_class->finalize = pw_space_finalize;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_VERSION] = g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_BUILDING_CODE] = g_param_spec_string ("building-code", NULL, NULL, NULL, flags);
  properties[PROP_FLOOR_CODE] = g_param_spec_string ("floor-code", NULL, NULL, NULL, flags);
  properties[PROP_FLOOR_ID] = g_param_spec_string ("floor-id", NULL, NULL, NULL, flags);
  properties[PROP_BUILDING_ID] = g_param_spec_string ("building-id", NULL, NULL, NULL, flags);
  properties[PROP_FLOOR_LEVEL] = g_param_spec_int ("floor-level", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, 0, PW_N_SPACE_KINDS - 1, 0, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, PW_N_SPACE_STATUSES - 1, 0, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_GROSS_AREA] = g_param_spec_int64 ("gross-area", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_INTERNAL_AREA] = g_param_spec_int64 ("internal-area", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USABLE_AREA] = g_param_spec_int64 ("usable-area", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SHARE_AREA] = g_param_spec_int64 ("share-area", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CHARGEABLE_AREA] = g_param_spec_int64 ("chargeable-area", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LEASABLE] = g_param_spec_boolean ("leasable", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_space_init (PwSpace *self)
{
}
