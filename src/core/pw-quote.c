/* pw-quote.c — a quote made to a prospect, with what may be done with it now
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-quote.h"
#include "pw-customer.h"
#include "pw-row.h"

struct _PwQuote
{
  GObject parent_instance;

  char     *id;
  gint64    version;
  char     *prospect_id;
  char    **space_ids;
  char     *unit_rent;
  char     *list_price;
  char     *discount_pct;
  gint64    rent_free_months;
  gint64    term_months;
  char     *status;
  char     *status_label;
  char     *created_at;
  gboolean  can_edit;
  gboolean  can_submit;
  gboolean  can_decide;
  gboolean  can_lease;

};

G_DEFINE_FINAL_TYPE (PwQuote, pw_quote, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_PROSPECT_ID,
  PROP_SPACE_IDS,
  PROP_UNIT_RENT,
  PROP_LIST_PRICE,
  PROP_DISCOUNT_PCT,
  PROP_RENT_FREE_MONTHS,
  PROP_TERM_MONTHS,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_CREATED_AT,
  PROP_CAN_EDIT,
  PROP_CAN_SUBMIT,
  PROP_CAN_DECIDE,
  PROP_CAN_LEASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_quote_finalize (GObject *object)
{
  PwQuote *self = PW_QUOTE (object);

  g_free (self->id);
  g_free (self->prospect_id);
  g_strfreev (self->space_ids);
  g_free (self->unit_rent);
  g_free (self->list_price);
  g_free (self->discount_pct);
  g_free (self->status);
  g_free (self->status_label);
  g_free (self->created_at);


  G_OBJECT_CLASS (pw_quote_parent_class)->finalize (object);
}

static void
pw_quote_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PwQuote *self = PW_QUOTE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VERSION:
      g_value_set_int64 (value, self->version);
      break;
    case PROP_PROSPECT_ID:
      g_value_set_string (value, self->prospect_id);
      break;
    case PROP_SPACE_IDS:
      g_value_set_boxed (value, self->space_ids);
      break;
    case PROP_UNIT_RENT:
      g_value_set_string (value, self->unit_rent);
      break;
    case PROP_LIST_PRICE:
      g_value_set_string (value, self->list_price);
      break;
    case PROP_DISCOUNT_PCT:
      g_value_set_string (value, self->discount_pct);
      break;
    case PROP_RENT_FREE_MONTHS:
      g_value_set_int64 (value, self->rent_free_months);
      break;
    case PROP_TERM_MONTHS:
      g_value_set_int64 (value, self->term_months);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, self->status_label);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_CAN_EDIT:
      g_value_set_boolean (value, self->can_edit);
      break;
    case PROP_CAN_SUBMIT:
      g_value_set_boolean (value, self->can_submit);
      break;
    case PROP_CAN_DECIDE:
      g_value_set_boolean (value, self->can_decide);
      break;
    case PROP_CAN_LEASE:
      g_value_set_boolean (value, self->can_lease);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_quote_class_init (PwQuoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_quote_finalize;
  object_class->get_property = pw_quote_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROSPECT_ID] =
    g_param_spec_string ("prospect-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPACE_IDS] =
    g_param_spec_boxed ("space-ids", NULL, NULL, G_TYPE_STRV,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT_RENT] =
    g_param_spec_string ("unit-rent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIST_PRICE] =
    g_param_spec_string ("list-price", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISCOUNT_PCT] =
    g_param_spec_string ("discount-pct", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RENT_FREE_MONTHS] =
    g_param_spec_int64 ("rent-free-months", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TERM_MONTHS] =
    g_param_spec_int64 ("term-months", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_string ("created-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_EDIT] =
    g_param_spec_boolean ("can-edit", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_SUBMIT] =
    g_param_spec_boolean ("can-submit", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_DECIDE] =
    g_param_spec_boolean ("can-decide", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_LEASE] =
    g_param_spec_boolean ("can-lease", NULL, NULL, FALSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_quote_init (PwQuote *self)
{
}

const char *
pw_quote_get_id (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->id;
}

gint64
pw_quote_get_version (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), 0);

  return self->version;
}

const char *
pw_quote_get_prospect_id (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->prospect_id;
}

const char *const *
pw_quote_get_space_ids (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return (const char *const *) self->space_ids;
}

const char *
pw_quote_get_unit_rent (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->unit_rent;
}

const char *
pw_quote_get_list_price (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->list_price;
}

const char *
pw_quote_get_discount_pct (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->discount_pct;
}

gint64
pw_quote_get_rent_free_months (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), 0);

  return self->rent_free_months;
}

gint64
pw_quote_get_term_months (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), 0);

  return self->term_months;
}

const char *
pw_quote_get_status (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->status;
}

const char *
pw_quote_get_status_label (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->status_label;
}

const char *
pw_quote_get_created_at (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), NULL);

  return self->created_at;
}

gboolean
pw_quote_get_can_edit (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), FALSE);

  return self->can_edit;
}

gboolean
pw_quote_get_can_submit (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), FALSE);

  return self->can_submit;
}

gboolean
pw_quote_get_can_decide (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), FALSE);

  return self->can_decide;
}

gboolean
pw_quote_get_can_lease (PwQuote *self)
{
  g_return_val_if_fail (PW_IS_QUOTE (self), FALSE);

  return self->can_lease;
}


PwQuote *
pw_quote_new_from_row (JsonObject *row)
{
  PwQuote *self = g_object_new (PW_TYPE_QUOTE, NULL);
  gint64 value = 0;

  self->id = g_strdup (pw_row_string (row, "id"));
  pw_row_int (row, "version", &value);
  self->version = value;
  self->prospect_id = g_strdup (pw_row_string (row, "prospect_id"));
  self->space_ids = pw_leasing_strv_from_json (pw_row_string (row, "spaces"));
  self->unit_rent = g_strdup (pw_row_string (row, "unit_rent"));
  self->list_price = g_strdup (pw_row_string (row, "list_price"));
  self->discount_pct = g_strdup (pw_row_string (row, "discount_pct"));
  value = 0;
  pw_row_int (row, "rent_free_months", &value);
  self->rent_free_months = value;
  value = 0;
  pw_row_int (row, "term_months", &value);
  self->term_months = value;
  self->status = g_strdup (pw_row_string (row, "status"));
  self->status_label = g_strdup (pw_leasing_label (self->status));
  self->created_at = g_strdup (pw_row_string (row, "created_at"));
  /* the quote's life (docs/approvals.md): a draft is changed and submitted,
   * a submitted quote is decided, an approved one is leased */
  self->can_edit = g_strcmp0 (self->status, "draft") == 0;
  self->can_submit = self->can_edit;
  self->can_decide = g_strcmp0 (self->status, "submitted") == 0;
  self->can_lease = pw_quote_can_lease (row);
  return self;
}

GListStore *
pw_quote_list_records (PwStore    *store,
                       const char *prospect_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) rows = pw_quote_list (store, prospect_id, error);
  g_autoptr(GListStore) records = NULL;

  if (rows == NULL)
    return NULL;
  records = g_list_store_new (PW_TYPE_QUOTE);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(PwQuote) quote = pw_quote_new_from_row (rows->pdata[i]);

      g_list_store_append (records, quote);
    }
  return g_steal_pointer (&records);
}

PwQuote *
pw_quote_load (PwStore    *store,
               const char *quote_id,
               GError    **error)
{
  g_autoptr(JsonObject) row = pw_store_get_row (store, "quote", quote_id, error);

  return row != NULL ? pw_quote_new_from_row (row) : NULL;
}
