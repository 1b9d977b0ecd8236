/* pw-json-item.h — one record of a list as a JSON object, for list models of
 * rows that have no type of their own (contracts, schedule lines)
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PW_TYPE_JSON_ITEM (pw_json_item_get_type ())
G_DECLARE_FINAL_TYPE (PwJsonItem, pw_json_item, PW, JSON_ITEM, GObject)

/* Takes a reference on @object. */
PwJsonItem *pw_json_item_new        (JsonObject *object);
JsonObject *pw_json_item_get_object (PwJsonItem *self);
/* The text of @member, or NULL when absent, null or not text. */
const char *pw_json_item_get_string (PwJsonItem *self,
                                     const char *member);
/* The "id" member. */
const char *pw_json_item_get_id     (PwJsonItem *self);

G_END_DECLS
