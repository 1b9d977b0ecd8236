/* pw-contact.h — one contact person of a customer
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PW_TYPE_CONTACT (pw_contact_get_type ())
G_DECLARE_FINAL_TYPE (PwContact, pw_contact, PW, CONTACT, GObject)

/* A read-only snapshot built by core's queries; change the record through its
 * pw-customer.h mutation and list again. Properties have the getters' names
 * ("name", "stage-label", …) so list views sort, filter and bind by them. */
const char         *pw_contact_get_id          (PwContact *self);
gint64              pw_contact_get_version     (PwContact *self);
const char         *pw_contact_get_customer_id (PwContact *self);
const char         *pw_contact_get_name        (PwContact *self);
const char         *pw_contact_get_role        (PwContact *self);
const char         *pw_contact_get_phone       (PwContact *self);
const char         *pw_contact_get_email       (PwContact *self);
const char         *pw_contact_get_summary     (PwContact *self);

/* Built by pw_customer_list_records(). */
PwContact   *pw_contact_new_from_row (JsonObject *row);

G_END_DECLS
