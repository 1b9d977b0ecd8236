/* pw-customer-record.h — a customer of a park with its contacts, as read from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-contact.h"
#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_CUSTOMER (pw_customer_get_type ())
G_DECLARE_FINAL_TYPE (PwCustomer, pw_customer, PW, CUSTOMER, GObject)

/* A read-only snapshot built by core's queries; change the record through its
 * pw-customer.h mutation and list again. Properties have the getters' names
 * ("name", "stage-label", …) so list views sort, filter and bind by them. */
const char         *pw_customer_get_id         (PwCustomer *self);
gint64              pw_customer_get_version    (PwCustomer *self);
const char         *pw_customer_get_park_id    (PwCustomer *self);
const char         *pw_customer_get_kind       (PwCustomer *self);
const char         *pw_customer_get_kind_label (PwCustomer *self);
const char         *pw_customer_get_name       (PwCustomer *self);
const char         *pw_customer_get_uscc       (PwCustomer *self);
const char         *pw_customer_get_uscc_text  (PwCustomer *self);
const char         *pw_customer_get_industry   (PwCustomer *self);
const char *const  *pw_customer_get_tags       (PwCustomer *self);
const char         *pw_customer_get_tags_text  (PwCustomer *self);
const char         *pw_customer_get_risk_level (PwCustomer *self);
const char         *pw_customer_get_risk_label (PwCustomer *self);
const char         *pw_customer_get_notes      (PwCustomer *self);

/* The customer's contacts by name (PwContact). */
GListModel  *pw_customer_get_contacts (PwCustomer *self);

/* Built by pw_customer_list_records() from a row of pw_customer_list(). */
PwCustomer  *pw_customer_new_from_row (JsonObject *row);

/* Every customer of @park_id (NULL: every park) by name, with its contacts:
 * a new list of PwCustomer, or NULL with @error. */
GListStore  *pw_customer_list_records (PwStore    *store,
                                       const char *park_id,
                                       GError    **error);
/* Orders customers by name as people read them (then by id), for
 * g_list_store_sort() and sorters. */
int          pw_customer_compare_name (gconstpointer a,
                                       gconstpointer b,
                                       gpointer      user_data);

G_END_DECLS
