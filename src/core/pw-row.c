/* pw-row.c — reading the fields of a record a mutation writes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pw-error.h"
#include "pw-ledger.h"
#include "pw-row.h"

const char *
pw_row_string (JsonObject *row, const char *field)
{
  JsonNode *node = row != NULL ? json_object_get_member (row, field) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
pw_row_int (JsonObject *row, const char *field, gint64 *out)
{
  JsonNode *node = row != NULL ? json_object_get_member (row, field) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
pw_row_field_error (GError **error, int code, const char *field, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: %s is a field name such as "start_date", then the problem */
  g_set_error (error, PW_LEDGER_ERROR, code, _("Field “%s”: %s"), field, msg);
  return FALSE;
}

gboolean
pw_row_require_date (JsonObject *row, const char *field, gboolean optional, GError **error)
{
  const char *s = pw_row_string (row, field);

  if (s == NULL && optional)
    return TRUE;
  if (s == NULL || !pw_date_is_valid (s))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("“%s” is not a date of the form YYYY-MM-DD"), s ? s : "");
  return TRUE;
}
