/* pw-prospect.c — a prospect of a park: someone who may lease, as read from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-prospect.h"
#include "pw-customer.h"
#include "pw-row.h"

struct _PwProspect
{
  GObject parent_instance;

  char     *id;
  gint64    version;
  char     *park_id;
  char     *customer_id;
  char     *customer_name;
  char     *name;
  char     *source;
  char     *stage;
  char     *stage_label;
  char     *agent;
  char     *notes;

};

G_DEFINE_FINAL_TYPE (PwProspect, pw_prospect, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_PARK_ID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_NAME,
  PROP_SOURCE,
  PROP_STAGE,
  PROP_STAGE_LABEL,
  PROP_AGENT,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_prospect_finalize (GObject *object)
{
  PwProspect *self = PW_PROSPECT (object);

  g_free (self->id);
  g_free (self->park_id);
  g_free (self->customer_id);
  g_free (self->customer_name);
  g_free (self->name);
  g_free (self->source);
  g_free (self->stage);
  g_free (self->stage_label);
  g_free (self->agent);
  g_free (self->notes);


  G_OBJECT_CLASS (pw_prospect_parent_class)->finalize (object);
}

static void
pw_prospect_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PwProspect *self = PW_PROSPECT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;
    case PROP_PARK_ID:
      g_value_set_string (value, self->park_id);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    case PROP_STAGE_LABEL:
      g_value_set_string (value, self->stage_label);
      break;
    case PROP_AGENT:
      g_value_set_string (value, self->agent);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_prospect_class_init (PwProspectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_prospect_finalize;
  object_class->get_property = pw_prospect_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARK_ID] =
    g_param_spec_string ("park-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE_LABEL] =
    g_param_spec_string ("stage-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT] =
    g_param_spec_string ("agent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_prospect_init (PwProspect *self)
{
}

const char *
pw_prospect_get_id (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->id;
}

gint64
pw_prospect_get_version (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), 0);

  return self->version;
}

const char *
pw_prospect_get_park_id (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->park_id;
}

const char *
pw_prospect_get_customer_id (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->customer_id;
}

const char *
pw_prospect_get_customer_name (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->customer_name;
}

const char *
pw_prospect_get_name (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->name;
}

const char *
pw_prospect_get_source (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->source;
}

const char *
pw_prospect_get_stage (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->stage;
}

const char *
pw_prospect_get_stage_label (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->stage_label;
}

const char *
pw_prospect_get_agent (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->agent;
}

const char *
pw_prospect_get_notes (PwProspect *self)
{
  g_return_val_if_fail (PW_IS_PROSPECT (self), NULL);

  return self->notes;
}


PwProspect *
pw_prospect_new_from_row (JsonObject *row)
{
  PwProspect *self = g_object_new (PW_TYPE_PROSPECT, NULL);
  gint64 version = 0;

  self->id = g_strdup (pw_row_string (row, "id"));
  pw_row_int (row, "version", &version);
  self->version = version;
  self->park_id = g_strdup (pw_row_string (row, "park_id"));
  self->customer_id = g_strdup (pw_row_string (row, "customer_id"));
  self->customer_name = g_strdup (pw_row_string (row, "customer_name"));
  self->name = g_strdup (pw_row_string (row, "name"));
  self->source = g_strdup (pw_row_string (row, "source"));
  self->stage = g_strdup (pw_row_string (row, "stage"));
  self->stage_label = g_strdup (pw_leasing_label (self->stage));
  self->agent = g_strdup (pw_row_string (row, "agent"));
  self->notes = g_strdup (pw_row_string (row, "notes"));
  return self;
}

GListStore *
pw_prospect_list_records (PwStore    *store,
                          const char *park_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) rows = pw_prospect_list (store, park_id, error);
  g_autoptr(GListStore) records = NULL;

  if (rows == NULL)
    return NULL;
  records = g_list_store_new (PW_TYPE_PROSPECT);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(PwProspect) prospect = pw_prospect_new_from_row (rows->pdata[i]);

      g_list_store_append (records, prospect);
    }
  return g_steal_pointer (&records);
}
