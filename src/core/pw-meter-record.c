/* pw-meter-record.c — one meter as the meter round shows it (docs/meters.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-meter-record.h"
#include "pw-meter.h"
#include "pw-utility.h"

struct _PwMeterRecord
{
  GObject      parent_instance;

  char        *id;
  char        *code;
  char        *kind;
  char        *location;
  char        *unit;
  gint64       route_order;
  GStrv        registers;
  char        *last_date;
  JsonObject  *last_values;
};

G_DEFINE_FINAL_TYPE (PwMeterRecord, pw_meter_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_LOCATION,
  PROP_UNIT,
  PROP_ROUTE_ORDER,
  PROP_REGISTERS,
  PROP_LAST_DATE,
  PROP_LAST_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_meter_record_finalize (GObject *object)
{
  PwMeterRecord *self = PW_METER_RECORD (object);

  g_free (self->id);
  g_free (self->code);
  g_free (self->kind);
  g_free (self->location);
  g_free (self->unit);
  g_strfreev (self->registers);
  g_free (self->last_date);
  g_clear_pointer (&self->last_values, json_object_unref);
  G_OBJECT_CLASS (pw_meter_record_parent_class)->finalize (object);
}

static void
pw_meter_record_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwMeterRecord *self = PW_METER_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_KIND: g_value_set_string (value, self->kind); break;
    case PROP_KIND_LABEL: g_value_set_string (value, pw_meter_record_get_kind_label (self)); break;
    case PROP_LOCATION: g_value_set_string (value, self->location); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_ROUTE_ORDER: g_value_set_int64 (value, self->route_order); break;
    case PROP_REGISTERS: g_value_set_boxed (value, self->registers); break;
    case PROP_LAST_DATE: g_value_set_string (value, self->last_date); break;
    case PROP_LAST_TOTAL: g_value_set_string (value, pw_meter_record_get_last_total (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_meter_record_class_init (PwMeterRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_meter_record_finalize;
  object_class->get_property = pw_meter_record_get_property;
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, flags);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, flags);
  properties[PROP_ROUTE_ORDER] = g_param_spec_int64 ("route-order", NULL, NULL,
                                                     G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_REGISTERS] = g_param_spec_boxed ("registers", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_LAST_DATE] = g_param_spec_string ("last-date", NULL, NULL, NULL, flags);
  properties[PROP_LAST_TOTAL] = g_param_spec_string ("last-total", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_meter_record_init (PwMeterRecord *self)
{
}

static char *
dup_member (JsonObject *o, const char *name)
{
  const char *v = json_object_has_member (o, name) ? json_object_get_string_member_with_default (o, name, NULL)
                                                   : NULL;

  return g_strdup (v != NULL ? v : "");
}

static PwMeterRecord *
record_new (JsonObject *o)
{
  PwMeterRecord *self = g_object_new (PW_TYPE_METER_RECORD, NULL);
  g_autoptr(GStrvBuilder) regs = g_strv_builder_new ();
  JsonNode *node;

  self->id = dup_member (o, "id");
  self->code = dup_member (o, "code");
  self->kind = dup_member (o, "kind");
  self->location = dup_member (o, "location");
  self->unit = dup_member (o, "unit");
  self->route_order = json_object_get_int_member_with_default (o, "route_order", 0);
  node = json_object_get_member (o, "registers");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          const char *name = json_array_get_string_element (a, i);

          if (name != NULL && g_strcmp0 (name, "total") != 0)
            g_strv_builder_add (regs, name);
        }
    }
  self->registers = g_strv_builder_end (regs);
  node = json_object_get_member (o, "last_reading");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *r = json_node_get_object (node);
      JsonNode *values = json_object_get_member (r, "values");

      self->last_date = dup_member (r, "date");
      if (values != NULL && JSON_NODE_HOLDS_OBJECT (values))
        self->last_values = json_object_ref (json_node_get_object (values));
    }
  return self;
}

GPtrArray *
pw_meter_records_load (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(JsonArray) list = NULL;
  GPtrArray *records;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  list = pw_meter_list (store, park_id, error);
  if (list == NULL)
    return NULL;
  records = g_ptr_array_new_full (json_array_get_length (list), g_object_unref);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);

      if (json_object_get_boolean_member_with_default (o, "active", TRUE))
        g_ptr_array_add (records, record_new (o));
    }
  return records;
}

#define GETTER(type, name, field)                                \
  type pw_meter_record_get_##name (PwMeterRecord *self)          \
  {                                                              \
    g_return_val_if_fail (PW_IS_METER_RECORD (self), (type) 0);  \
    return self->field;                                          \
  }

GETTER (const char *, id, id)
GETTER (const char *, code, code)
GETTER (const char *, kind, kind)
GETTER (const char *, location, location)
GETTER (const char *, unit, unit)
GETTER (gint64, route_order, route_order)
GETTER (const char *, last_date, last_date)

const char *const *
pw_meter_record_get_registers (PwMeterRecord *self)
{
  g_return_val_if_fail (PW_IS_METER_RECORD (self), NULL);
  return (const char *const *) self->registers;
}

const char *
pw_meter_record_get_kind_label (PwMeterRecord *self)
{
  PwMeterKind kind;

  g_return_val_if_fail (PW_IS_METER_RECORD (self), NULL);
  return pw_meter_kind_from_string (self->kind, &kind) ? pw_meter_kind_label (kind) : self->kind;
}

const char *
pw_meter_record_get_last_value (PwMeterRecord *self, const char *reg)
{
  JsonNode *node;

  g_return_val_if_fail (PW_IS_METER_RECORD (self), NULL);
  if (self->last_values == NULL || (node = json_object_get_member (self->last_values, reg)) == NULL
      || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return json_node_get_string (node);
}

const char *
pw_meter_record_get_last_total (PwMeterRecord *self)
{
  return pw_meter_record_get_last_value (self, "total");
}
