/* pw-prospect.h — a prospect of a park: someone who may lease, as read from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "pw-store.h"

G_BEGIN_DECLS

#define PW_TYPE_PROSPECT (pw_prospect_get_type ())
G_DECLARE_FINAL_TYPE (PwProspect, pw_prospect, PW, PROSPECT, GObject)

/* A read-only snapshot built by core's queries; change the record through its
 * pw-customer.h mutation and list again. Properties have the getters' names
 * ("name", "stage-label", …) so list views sort, filter and bind by them. */
const char         *pw_prospect_get_id            (PwProspect *self);
gint64              pw_prospect_get_version       (PwProspect *self);
const char         *pw_prospect_get_park_id       (PwProspect *self);
const char         *pw_prospect_get_customer_id   (PwProspect *self);
const char         *pw_prospect_get_customer_name (PwProspect *self);
const char         *pw_prospect_get_name          (PwProspect *self);
const char         *pw_prospect_get_source        (PwProspect *self);
const char         *pw_prospect_get_stage         (PwProspect *self);
const char         *pw_prospect_get_stage_label   (PwProspect *self);
const char         *pw_prospect_get_agent         (PwProspect *self);
const char         *pw_prospect_get_notes         (PwProspect *self);

/* Built by pw_prospect_list_records() from a row of pw_prospect_list(). */
PwProspect  *pw_prospect_new_from_row (JsonObject *row);

/* Every prospect of @park_id (NULL: every park) by name: a new list of
 * PwProspect, or NULL with @error. */
GListStore  *pw_prospect_list_records (PwStore    *store,
                                       const char *park_id,
                                       GError    **error);

G_END_DECLS
