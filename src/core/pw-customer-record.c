/* pw-customer-record.c — a customer of a park with its contacts, as read from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-customer-record.h"
#include "pw-customer.h"
#include "pw-row.h"
#include "pw-uscc.h"

struct _PwCustomer
{
  GObject parent_instance;

  char     *id;
  gint64    version;
  char     *park_id;
  char     *kind;
  char     *kind_label;
  char     *name;
  char     *uscc;
  char     *uscc_text;
  char     *industry;
  char    **tags;
  char     *tags_text;
  char     *risk_level;
  char     *risk_label;
  char     *notes;
  GListStore *contacts;
};

G_DEFINE_FINAL_TYPE (PwCustomer, pw_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_PARK_ID,
  PROP_KIND,
  PROP_KIND_LABEL,
  PROP_NAME,
  PROP_USCC,
  PROP_USCC_TEXT,
  PROP_INDUSTRY,
  PROP_TAGS,
  PROP_TAGS_TEXT,
  PROP_RISK_LEVEL,
  PROP_RISK_LABEL,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_customer_finalize (GObject *object)
{
  PwCustomer *self = PW_CUSTOMER (object);

  g_free (self->id);
  g_free (self->park_id);
  g_free (self->kind);
  g_free (self->kind_label);
  g_free (self->name);
  g_free (self->uscc);
  g_free (self->uscc_text);
  g_free (self->industry);
  g_strfreev (self->tags);
  g_free (self->tags_text);
  g_free (self->risk_level);
  g_free (self->risk_label);
  g_free (self->notes);
  g_clear_object (&self->contacts);

  G_OBJECT_CLASS (pw_customer_parent_class)->finalize (object);
}

static void
pw_customer_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PwCustomer *self = PW_CUSTOMER (object);

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
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, self->kind_label);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_USCC:
      g_value_set_string (value, self->uscc);
      break;
    case PROP_USCC_TEXT:
      g_value_set_string (value, self->uscc_text);
      break;
    case PROP_INDUSTRY:
      g_value_set_string (value, self->industry);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_TAGS_TEXT:
      g_value_set_string (value, self->tags_text);
      break;
    case PROP_RISK_LEVEL:
      g_value_set_string (value, self->risk_level);
      break;
    case PROP_RISK_LABEL:
      g_value_set_string (value, self->risk_label);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_customer_class_init (PwCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_customer_finalize;
  object_class->get_property = pw_customer_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARK_ID] =
    g_param_spec_string ("park-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USCC] =
    g_param_spec_string ("uscc", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USCC_TEXT] =
    g_param_spec_string ("uscc-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INDUSTRY] =
    g_param_spec_string ("industry", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS_TEXT] =
    g_param_spec_string ("tags-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RISK_LEVEL] =
    g_param_spec_string ("risk-level", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RISK_LABEL] =
    g_param_spec_string ("risk-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_customer_init (PwCustomer *self)
{
}

const char *
pw_customer_get_id (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->id;
}

gint64
pw_customer_get_version (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), 0);

  return self->version;
}

const char *
pw_customer_get_park_id (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->park_id;
}

const char *
pw_customer_get_kind (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->kind;
}

const char *
pw_customer_get_kind_label (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->kind_label;
}

const char *
pw_customer_get_name (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->name;
}

const char *
pw_customer_get_uscc (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->uscc;
}

const char *
pw_customer_get_uscc_text (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->uscc_text;
}

const char *
pw_customer_get_industry (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->industry;
}

const char *const *
pw_customer_get_tags (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return (const char *const *) self->tags;
}

const char *
pw_customer_get_tags_text (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->tags_text;
}

const char *
pw_customer_get_risk_level (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->risk_level;
}

const char *
pw_customer_get_risk_label (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->risk_label;
}

const char *
pw_customer_get_notes (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return self->notes;
}


PwCustomer *
pw_customer_new_from_row (JsonObject *row)
{
  PwCustomer *self = g_object_new (PW_TYPE_CUSTOMER, NULL);
  JsonArray *contacts = json_object_has_member (row, "contacts")
                          ? json_object_get_array_member (row, "contacts") : NULL;
  gint64 version = 0;

  self->id = g_strdup (pw_row_string (row, "id"));
  pw_row_int (row, "version", &version);
  self->version = version;
  self->park_id = g_strdup (pw_row_string (row, "park_id"));
  self->kind = g_strdup (pw_row_string (row, "kind"));
  self->kind_label = g_strdup (pw_leasing_label (self->kind));
  self->name = g_strdup (pw_row_string (row, "name"));
  self->uscc = g_strdup (pw_row_string (row, "uscc"));
  if (self->uscc != NULL)
    {
      g_autofree char *reason = NULL;

      if (pw_uscc_check (self->uscc, NULL, &reason) != PW_USCC_VALID)
        /* Translators: a customer's code, then why it does not pass its check */
        self->uscc_text = g_strdup_printf (_("%s (%s)"), self->uscc, reason);
      else
        self->uscc_text = g_strdup (self->uscc);
    }
  self->industry = g_strdup (pw_row_string (row, "industry"));
  self->tags = pw_leasing_strv_from_json (pw_row_string (row, "tags"));
  self->tags_text = g_strjoinv (", ", self->tags);
  self->risk_level = g_strdup (pw_row_string (row, "risk_level"));
  /* Translators: a customer whose risk nobody has assessed */
  self->risk_label = g_strdup (self->risk_level != NULL ? pw_leasing_label (self->risk_level)
                                                        : C_("risk", "Not assessed"));
  self->notes = g_strdup (pw_row_string (row, "notes"));
  self->contacts = g_list_store_new (PW_TYPE_CONTACT);
  for (guint i = 0; contacts != NULL && i < json_array_get_length (contacts); i++)
    {
      g_autoptr(PwContact) contact = pw_contact_new_from_row (json_array_get_object_element (contacts, i));

      g_list_store_append (self->contacts, contact);
    }
  return self;
}

GListModel *
pw_customer_get_contacts (PwCustomer *self)
{
  g_return_val_if_fail (PW_IS_CUSTOMER (self), NULL);

  return G_LIST_MODEL (self->contacts);
}

GListStore *
pw_customer_list_records (PwStore    *store,
                          const char *park_id,
                          GError    **error)
{
  g_autoptr(GPtrArray) rows = pw_customer_list (store, park_id, error);
  g_autoptr(GListStore) records = NULL;

  if (rows == NULL)
    return NULL;
  records = g_list_store_new (PW_TYPE_CUSTOMER);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(PwCustomer) customer = pw_customer_new_from_row (rows->pdata[i]);

      g_list_store_append (records, customer);
    }
  return g_steal_pointer (&records);
}

int
pw_customer_compare_name (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  PwCustomer *x = (PwCustomer *) a, *y = (PwCustomer *) b;
  int order = g_utf8_collate (x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");

  return order != 0 ? order : g_strcmp0 (x->id, y->id);
}
