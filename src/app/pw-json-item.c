/* pw-json-item.c — one record of a list as a JSON object
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pw-json-item.h"

struct _PwJsonItem
{
  GObject     parent_instance;

  JsonObject *object;
};

G_DEFINE_FINAL_TYPE (PwJsonItem, pw_json_item, G_TYPE_OBJECT)

PwJsonItem *
pw_json_item_new (JsonObject *object)
{
  PwJsonItem *self;

  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (PW_TYPE_JSON_ITEM, NULL);
  self->object = json_object_ref (object);
  return self;
}

JsonObject *
pw_json_item_get_object (PwJsonItem *self)
{
  g_return_val_if_fail (PW_IS_JSON_ITEM (self), NULL);

  return self->object;
}

const char *
pw_json_item_get_string (PwJsonItem *self,
                         const char *member)
{
  JsonNode *node;

  g_return_val_if_fail (PW_IS_JSON_ITEM (self), NULL);

  node = json_object_get_member (self->object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

const char *
pw_json_item_get_id (PwJsonItem *self)
{
  return pw_json_item_get_string (self, "id");
}

static void
pw_json_item_finalize (GObject *object)
{
  PwJsonItem *self = PW_JSON_ITEM (object);

  g_clear_pointer (&self->object, json_object_unref);

  G_OBJECT_CLASS (pw_json_item_parent_class)->finalize (object);
}

static void
pw_json_item_class_init (PwJsonItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pw_json_item_finalize;
}

static void
pw_json_item_init (PwJsonItem *self)
{
}
