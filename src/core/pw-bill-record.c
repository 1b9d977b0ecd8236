/* pw-bill-record.c — one bill as lists show it (docs/billing.md)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pw-bill-record.h"
#include "pw-row.h"

struct _PwBillRecord
{
  GObject       parent_instance;

  char         *id;
  char         *number;
  char         *customer_id;
  char         *customer_name;
  char         *seller;
  char         *seller_name;
  char         *period;
  char         *bill_date;
  char         *due_date;
  char         *currency;
  gint64        net, tax, gross;
  PwBillStatus  status;
  char         *folded;  /* number, customer and seller, case-folded, for the search */
};

G_DEFINE_FINAL_TYPE (PwBillRecord, pw_bill_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NUMBER,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_SELLER,
  PROP_SELLER_NAME,
  PROP_PERIOD,
  PROP_BILL_DATE,
  PROP_DUE_DATE,
  PROP_CURRENCY,
  PROP_NET,
  PROP_TAX,
  PROP_GROSS,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_bill_record_finalize (GObject *object)
{
  PwBillRecord *self = PW_BILL_RECORD (object);

  g_free (self->id);
  g_free (self->number);
  g_free (self->customer_id);
  g_free (self->customer_name);
  g_free (self->seller);
  g_free (self->seller_name);
  g_free (self->period);
  g_free (self->bill_date);
  g_free (self->due_date);
  g_free (self->currency);
  g_free (self->folded);
  G_OBJECT_CLASS (pw_bill_record_parent_class)->finalize (object);
}

static void
pw_bill_record_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  PwBillRecord *self = PW_BILL_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_NUMBER: g_value_set_string (value, self->number); break;
    case PROP_CUSTOMER_ID: g_value_set_string (value, self->customer_id); break;
    case PROP_CUSTOMER_NAME: g_value_set_string (value, self->customer_name); break;
    case PROP_SELLER: g_value_set_string (value, self->seller); break;
    case PROP_SELLER_NAME: g_value_set_string (value, self->seller_name); break;
    case PROP_PERIOD: g_value_set_string (value, self->period); break;
    case PROP_BILL_DATE: g_value_set_string (value, self->bill_date); break;
    case PROP_DUE_DATE: g_value_set_string (value, self->due_date); break;
    case PROP_CURRENCY: g_value_set_string (value, self->currency); break;
    case PROP_NET: g_value_set_int64 (value, self->net); break;
    case PROP_TAX: g_value_set_int64 (value, self->tax); break;
    case PROP_GROSS: g_value_set_int64 (value, self->gross); break;
    case PROP_STATUS: g_value_set_int (value, (int) self->status); break;
    case PROP_STATUS_LABEL: g_value_set_string (value, pw_bill_status_get_label (self->status)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
amount_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
pw_bill_record_class_init (PwBillRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_bill_record_finalize;
  object_class->get_property = pw_bill_record_get_property;

  properties[PROP_ID] = string_property ("id");
  properties[PROP_NUMBER] = string_property ("number");
  properties[PROP_CUSTOMER_ID] = string_property ("customer-id");
  properties[PROP_CUSTOMER_NAME] = string_property ("customer-name");
  properties[PROP_SELLER] = string_property ("seller");
  properties[PROP_SELLER_NAME] = string_property ("seller-name");
  properties[PROP_PERIOD] = string_property ("period");
  properties[PROP_BILL_DATE] = string_property ("bill-date");
  properties[PROP_DUE_DATE] = string_property ("due-date");
  properties[PROP_CURRENCY] = string_property ("currency");
  properties[PROP_NET] = amount_property ("net");
  properties[PROP_TAX] = amount_property ("tax");
  properties[PROP_GROSS] = amount_property ("gross");
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, PW_BILL_CANCELLED, 0,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] = string_property ("status-label");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_bill_record_init (PwBillRecord *self)
{
}

static char *
text (JsonObject *row, const char *field)
{
  const char *value = pw_row_string (row, field);

  return g_strdup (value != NULL ? value : "");
}

static gint64
amount (JsonObject *row, const char *field)
{
  gint64 value = 0;

  return pw_row_int (row, field, &value) ? value : 0;
}

static PwBillRecord *
record_new (JsonObject *row)
{
  PwBillRecord *self = g_object_new (PW_TYPE_BILL_RECORD, NULL);
  int status = pw_bill_status_from_string (pw_row_string (row, "status"));
  g_autofree char *joined = NULL;

  self->id = text (row, "id");
  self->number = text (row, "number");
  self->customer_id = text (row, "customer_id");
  self->customer_name = text (row, "customer_name");
  self->seller = text (row, "seller");
  self->seller_name = text (row, "seller_name");
  self->period = text (row, "period");
  self->bill_date = text (row, "bill_date");
  self->due_date = text (row, "due_date");
  self->currency = text (row, "currency");
  self->net = amount (row, "net");
  self->tax = amount (row, "tax");
  self->gross = amount (row, "gross");
  self->status = status < 0 ? PW_BILL_DRAFT : (PwBillStatus) status;
  joined = g_strjoin ("\n", self->number, self->customer_name, self->seller, self->seller_name,
                      NULL);
  self->folded = g_utf8_casefold (joined, -1);
  return self;
}

GPtrArray *
pw_bill_records_load (PwStore *store, const char *park_id, const char *period, const char *status,
                      GError **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *records;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  rows = pw_bill_list (store, park_id, period, status, error);
  if (rows == NULL)
    return NULL;
  records = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (records, record_new (g_ptr_array_index (rows, i)));
  return records;
}

#define GETTER(type, name, field)                                \
  type pw_bill_record_get_##name (PwBillRecord *self)            \
  {                                                              \
    g_return_val_if_fail (PW_IS_BILL_RECORD (self), (type) 0);   \
    return self->field;                                          \
  }

GETTER (const char *, id, id)
GETTER (const char *, number, number)
GETTER (const char *, customer_id, customer_id)
GETTER (const char *, customer_name, customer_name)
GETTER (const char *, seller, seller)
GETTER (const char *, seller_name, seller_name)
GETTER (const char *, period, period)
GETTER (const char *, bill_date, bill_date)
GETTER (const char *, due_date, due_date)
GETTER (const char *, currency, currency)
GETTER (gint64, net, net)
GETTER (gint64, tax, tax)
GETTER (gint64, gross, gross)
GETTER (PwBillStatus, status, status)

const char *
pw_bill_record_get_status_label (PwBillRecord *self)
{
  g_return_val_if_fail (PW_IS_BILL_RECORD (self), NULL);
  return pw_bill_status_get_label (self->status);
}

gboolean
pw_bill_record_can_become (PwBillRecord *self, PwBillStatus status)
{
  g_return_val_if_fail (PW_IS_BILL_RECORD (self), FALSE);
  return pw_bill_status_can_become (self->status, status);
}

gboolean
pw_bill_record_has_notice (PwBillRecord *self)
{
  g_return_val_if_fail (PW_IS_BILL_RECORD (self), FALSE);
  return pw_bill_status_has_notice (self->status);
}

gboolean
pw_bill_record_matches (PwBillRecord *self, const char *needle)
{
  g_return_val_if_fail (PW_IS_BILL_RECORD (self), FALSE);
  return needle == NULL || *needle == '\0' || strstr (self->folded, needle) != NULL;
}
