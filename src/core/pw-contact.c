/* pw-contact.c — one contact person of a customer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-contact.h"
#include "pw-customer.h"
#include "pw-row.h"

struct _PwContact
{
  GObject parent_instance;

  char     *id;
  gint64    version;
  char     *customer_id;
  char     *name;
  char     *role;
  char     *phone;
  char     *email;
  char     *summary;

};

G_DEFINE_FINAL_TYPE (PwContact, pw_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_CUSTOMER_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_PHONE,
  PROP_EMAIL,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_contact_finalize (GObject *object)
{
  PwContact *self = PW_CONTACT (object);

  g_free (self->id);
  g_free (self->customer_id);
  g_free (self->name);
  g_free (self->role);
  g_free (self->phone);
  g_free (self->email);
  g_free (self->summary);


  G_OBJECT_CLASS (pw_contact_parent_class)->finalize (object);
}

static void
pw_contact_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PwContact *self = PW_CONTACT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;
    case PROP_CUSTOMER_ID:
      g_value_set_string (value, self->customer_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_contact_class_init (PwContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_contact_finalize;
  object_class->get_property = pw_contact_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_string ("customer-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_contact_init (PwContact *self)
{
}

const char *
pw_contact_get_id (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), NULL);

  return self->id;
}

gint64
pw_contact_get_version (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), 0);

  return self->version;
}

const char *
pw_contact_get_customer_id (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), NULL);

  return self->customer_id;
}

const char *
pw_contact_get_name (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), NULL);

  return self->name;
}

const char *
pw_contact_get_role (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), NULL);

  return self->role;
}

const char *
pw_contact_get_phone (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), NULL);

  return self->phone;
}

const char *
pw_contact_get_email (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), NULL);

  return self->email;
}

const char *
pw_contact_get_summary (PwContact *self)
{
  g_return_val_if_fail (PW_IS_CONTACT (self), NULL);

  return self->summary;
}


PwContact *
pw_contact_new_from_row (JsonObject *row)
{
  PwContact *self = g_object_new (PW_TYPE_CONTACT, NULL);
  const char *parts[4] = { NULL, };
  guint n = 0;
  gint64 version = 0;

  self->id = g_strdup (pw_row_string (row, "id"));
  pw_row_int (row, "version", &version);
  self->version = version;
  self->customer_id = g_strdup (pw_row_string (row, "customer_id"));
  self->name = g_strdup (pw_row_string (row, "name"));
  self->role = g_strdup (pw_row_string (row, "role"));
  self->phone = g_strdup (pw_row_string (row, "phone"));
  self->email = g_strdup (pw_row_string (row, "email"));
  if (self->role != NULL && self->role[0] != '\0')
    parts[n++] = self->role;
  if (self->phone != NULL && self->phone[0] != '\0')
    parts[n++] = self->phone;
  if (self->email != NULL && self->email[0] != '\0')
    parts[n++] = self->email;
  self->summary = g_strjoinv (" · ", (char **) parts);
  return self;
}
