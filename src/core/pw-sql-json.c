/* pw-sql-json.c — SQLite rows as JSON objects, and JSON values bound to statements
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pw-sql-json.h"
#include "pw-store.h"

void
pw_sql_set_json_member (JsonObject *object, const char *name, sqlite3_stmt *stmt, int column)
{
  switch (sqlite3_column_type (stmt, column))
    {
    case SQLITE_NULL:
      json_object_set_null_member (object, name);
      break;
    case SQLITE_INTEGER:
      json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, column));
      break;
    case SQLITE_FLOAT:
      json_object_set_double_member (object, name, sqlite3_column_double (stmt, column));
      break;
    case SQLITE_BLOB:
      {
        const guchar *bytes = sqlite3_column_blob (stmt, column);
        int n = sqlite3_column_bytes (stmt, column);

        if (n == 16)
          {
            char text[37];

            pw_uuid_from_bytes (bytes, text);
            json_object_set_string_member (object, name, text);
          }
        else
          {
            g_autofree char *text = g_base64_encode (bytes, (gsize) MAX (n, 0));

            json_object_set_string_member (object, name, text);
          }
      }
      break;
    default:
      json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}

/* The current row of @stmt, one member per column, named as the column. */
JsonObject *
pw_sql_row_to_json (sqlite3_stmt *stmt)
{
  JsonObject *obj = json_object_new ();
  int n = sqlite3_column_count (stmt);

  for (int i = 0; i < n; i++)
    pw_sql_set_json_member (obj, sqlite3_column_name (stmt, i), stmt, i);
  return obj;
}

/* Binds @node (NULL binds null) to parameter @index; returns sqlite3_bind_*'s result. */
int
pw_sql_bind_json (sqlite3_stmt *stmt, int index, JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return sqlite3_bind_null (stmt, index);
  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_autofree char *text = json_to_string (node, FALSE);

      return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
    case G_TYPE_DOUBLE:
      return sqlite3_bind_double (stmt, index, json_node_get_double (node));
    case G_TYPE_STRING:
      return sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
    default:
      return sqlite3_bind_null (stmt, index);
    }
}
