/* pw-park-seller.c — a park's letterhead and its sellers' bank accounts
 * (docs/billing.md, "Payment notices")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sellers are a park setting: the column park.sellers (schema 15) holds them as
 * a JSON array, so they travel with the park through the mutation path and sync. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-bill.h"
#include "pw-ledger.h"
#include "pw-park-seller.h"
#include "pw-row.h"

static void
seller_free (PwParkSeller *seller)
{
  g_free (seller->code);
  g_free (seller->name);
  g_free (seller->bank);
  g_free (seller->account);
  g_free (seller);
}

void
pw_letterhead_free (PwLetterhead *letterhead)
{
  if (letterhead == NULL)
    return;
  g_free (letterhead->park_id);
  g_free (letterhead->code);
  g_free (letterhead->name);
  g_free (letterhead->address);
  g_free (letterhead->currency);
  g_clear_pointer (&letterhead->sellers, g_ptr_array_unref);
  g_free (letterhead);
}

static const char *
member_text (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The sellers of a park row's "sellers" text, or NULL when it is not valid. */
static JsonArray *
parse_sellers (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || *text == '\0')
    text = "[]";
  if (strlen (text) > 64 * 1024 || !pw_json_within_depth (text, 2)
      || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  return json_array_ref (json_node_get_array (root));
}

gboolean
pw_park_validate_sellers (JsonObject *row, GError **error)
{
  const char *text = pw_row_string (row, "sellers");
  g_autoptr(JsonArray) sellers = NULL;
  g_autoptr(GHashTable) codes = NULL;

  if (!json_object_has_member (row, "sellers"))
    return TRUE;
  sellers = text != NULL ? parse_sellers (text) : NULL;
  if (sellers == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "sellers",
                               _("must be a list of sellers with their code, name, bank "
                                 "and account"));
  codes = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (sellers); i++)
    {
      JsonNode *node = json_array_get_element (sellers, i);
      JsonObject *seller = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code = seller ? member_text (seller, "code") : NULL;
      const char *const fields[] = { "name", "bank", "account" };

      if (code == NULL || *code == '\0' || g_utf8_strlen (code, -1) > 20)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "sellers",
                                   _("seller %u needs a code of at most 20 characters"),
                                   i + 1);
      if (!g_hash_table_add (codes, (gpointer) code))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "sellers",
                                   _("the seller %s is listed twice"), code);
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          JsonNode *value = json_object_get_member (seller, fields[f]);

          if (value != NULL && member_text (seller, fields[f]) == NULL)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "sellers",
                                       _("the %s of seller %s must be text"), fields[f], code);
          if (value != NULL && g_utf8_strlen (member_text (seller, fields[f]), -1) > 200)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "sellers",
                                       _("the %s of seller %s is longer than 200 characters"),
                                       fields[f], code);
        }
    }
  return TRUE;
}

static char *
dup_text (JsonObject *object, const char *name)
{
  const char *text = object ? member_text (object, name) : NULL;

  return g_strdup (text != NULL ? text : "");
}

PwLetterhead *
pw_letterhead_load (PwStore *store, const char *park_id, GError **error)
{
  g_autofree char *id = park_id ? g_strdup (park_id) : pw_bill_park_id (store, NULL, error);
  g_autoptr(JsonObject) park = NULL;
  g_autoptr(JsonArray) sellers = NULL;
  g_autoptr(PwLetterhead) letterhead = NULL;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);

  if (id == NULL)
    return NULL;
  park = pw_store_get_row (store, "park", id, error);
  if (park == NULL)
    return NULL;
  letterhead = g_new0 (PwLetterhead, 1);
  letterhead->park_id = g_steal_pointer (&id);
  letterhead->code = dup_text (park, "code");
  letterhead->name = dup_text (park, "name");
  letterhead->address = dup_text (park, "address");
  letterhead->currency = dup_text (park, "currency");
  letterhead->sellers = g_ptr_array_new_with_free_func ((GDestroyNotify) seller_free);
  sellers = parse_sellers (pw_row_string (park, "sellers"));
  for (guint i = 0; sellers != NULL && i < json_array_get_length (sellers); i++)
    {
      JsonNode *node = json_array_get_element (sellers, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      PwParkSeller *seller;

      if (object == NULL || member_text (object, "code") == NULL)
        continue;
      seller = g_new0 (PwParkSeller, 1);
      seller->code = dup_text (object, "code");
      seller->name = dup_text (object, "name");
      seller->bank = dup_text (object, "bank");
      seller->account = dup_text (object, "account");
      g_ptr_array_add (letterhead->sellers, seller);
    }
  return g_steal_pointer (&letterhead);
}

const PwParkSeller *
pw_letterhead_find_seller (const PwLetterhead *letterhead, const char *code)
{
  g_return_val_if_fail (letterhead != NULL, NULL);

  for (guint i = 0; i < letterhead->sellers->len; i++)
    {
      const PwParkSeller *seller = g_ptr_array_index (letterhead->sellers, i);

      if (g_strcmp0 (seller->code, code) == 0)
        return seller;
    }
  return NULL;
}

static void
set_member (JsonObject *object, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else if (!json_object_has_member (object, name))
    json_object_set_string_member (object, name, "");
}

gboolean
pw_park_set_seller (PwStore *store, const char *park_id, const char *code, const char *name,
                    const char *bank, const char *account, GError **error)
{
  g_autoptr(JsonObject) park = NULL;
  g_autoptr(JsonArray) sellers = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PwMutation) m = NULL;
  g_autofree char *text = NULL;
  JsonObject *seller = NULL;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (park_id != NULL, FALSE);

  if (code == NULL || *code == '\0')
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "sellers",
                               _("a seller’s code is required"));
  park = pw_store_get_row (store, "park", park_id, error);
  if (park == NULL)
    return FALSE;
  sellers = parse_sellers (pw_row_string (park, "sellers"));
  if (sellers == NULL)
    sellers = json_array_new ();
  for (guint i = 0; i < json_array_get_length (sellers) && seller == NULL; i++)
    {
      JsonNode *node = json_array_get_element (sellers, i);

      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (member_text (json_node_get_object (node), "code"), code) == 0)
        seller = json_node_get_object (node);
    }
  if (seller == NULL)
    {
      seller = json_object_new ();
      json_object_set_string_member (seller, "code", code);
      json_array_add_object_element (sellers, seller);
    }
  set_member (seller, "name", name);
  set_member (seller, "bank", bank);
  set_member (seller, "account", account);
  root = json_node_init_array (json_node_alloc (), sellers);
  text = json_to_string (root, FALSE);
  if (g_strcmp0 (text, pw_row_string (park, "sellers")) == 0)
    return TRUE;
  m = pw_mutation_new_update ("park", park_id, json_object_get_int_member (park, "version"));
  pw_mutation_set_string (m, "sellers", text);
  return pw_store_apply (store, m, error);
}
