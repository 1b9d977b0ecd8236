/* pw-leasing-text.c — the leasing records' lists kept as JSON text (tags, the
 * spaces of a viewing or quote) and the space codes people type for them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "pw-customer.h"
#include "pw-error.h"
#include "pw-row.h"

GStrv
pw_leasing_strv_from_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *root;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL)
      && (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (node));
        }
    }
  return g_strv_builder_end (builder);
}

char *
pw_leasing_strv_to_json (const char *const *items)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    json_builder_add_string_value (builder, items[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Commas of either width (and, with @spaces_too, blanks) separate items. */
static GStrv
split_items (const char *text,
             gboolean    spaces_too)
{
  g_autoptr(GString) normal = g_string_new (text);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  g_string_replace (normal, "，", ",", 0);
  if (spaces_too)
    {
      g_string_replace (normal, " ", ",", 0);
      g_string_replace (normal, "\t", ",", 0);
    }
  parts = g_strsplit (normal->str, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  return g_strv_builder_end (builder);
}

char *
pw_leasing_tags_to_json (const char *text)
{
  g_auto(GStrv) tags = split_items (text != NULL ? text : "", FALSE);

  return pw_leasing_strv_to_json ((const char *const *) tags);
}

/* The id of the space @code of @park_id (exactly, then in upper case). */
static char *
find_space (PwStore     *store,
            const char  *park_id,
            const char  *code,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT id FROM space WHERE park_id = ?"
                                                          " AND code IN (?, ?) ORDER BY code = ? DESC",
                                                   error);
  g_autofree char *upper = g_utf8_strup (code, -1);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, upper, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    pw_store_set_error (store, error, rc, _("finding a space by its code"));
  else
    g_set_error_literal (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, "");
  return NULL;
}

GStrv
pw_leasing_space_ids_from_codes (PwStore     *store,
                                 const char  *park_id,
                                 const char  *codes,
                                 const char  *field,
                                 GError     **error)
{
  g_auto(GStrv) parts = split_items (codes != NULL ? codes : "", TRUE);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (park_id != NULL, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *id = find_space (store, park_id, parts[i], &local);

      if (id == NULL)
        {
          if (!g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          /* Translators: %s is a space code someone typed */
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                              _("there is no space “%s” in this park"), parts[i]);
          return NULL;
        }
      g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}

char *
pw_leasing_space_codes (PwStore            *store,
                        const char *const  *space_ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; space_ids != NULL && space_ids[i] != NULL; i++)
    {
      g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, "SELECT code FROM space WHERE id = ?", NULL);
      const char *code = space_ids[i];

      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, space_ids[i], -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            code = (const char *) sqlite3_column_text (stmt, 0);
        }
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, code);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
