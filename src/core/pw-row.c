/* pw-row.c — reading the fields of a record a mutation writes
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-decimal.h"
#include "pw-error.h"
#include "pw-ledger.h"
#include "pw-row.h"

/* The ledger's errors name the field they are about, so that a form can put
 * the message under that field without reading the (translated) text. */
typedef struct {
  char *field;
} PwLedgerErrorPrivate;

static void
pw_ledger_error_private_init (PwLedgerErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
pw_ledger_error_private_copy (const PwLedgerErrorPrivate *src,
                              PwLedgerErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
pw_ledger_error_private_clear (PwLedgerErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (PwLedgerError, pw_ledger_error)

const char *
pw_ledger_error_get_field (const GError *error)
{
  PwLedgerErrorPrivate *priv = pw_ledger_error_get_private (error);

  return priv != NULL ? priv->field : NULL;
}

void
pw_ledger_error_set_field (GError     *error,
                           const char *field)
{
  PwLedgerErrorPrivate *priv = pw_ledger_error_get_private (error);

  g_return_if_fail (priv != NULL);
  g_free (priv->field);
  priv->field = g_strdup (field);
}

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
  if (error == NULL)
    return FALSE;
  g_set_error (error, PW_LEDGER_ERROR, code, _("Field “%s”: %s"), field, msg);
  if (*error != NULL && (*error)->domain == PW_LEDGER_ERROR)
    pw_ledger_error_set_field (*error, field);
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

gboolean
pw_row_require_text (JsonObject *row, const char *field, gsize max, gboolean optional,
                     GError **error)
{
  const char *text = pw_row_string (row, field);

  if ((text == NULL || *text == '\0') && !optional)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("a value is required"));
  if (text != NULL && strlen (text) > max)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("is longer than %u bytes"), (guint) max);
  return TRUE;
}

gboolean
pw_row_require_word (JsonObject *row, const char *field, const char *const *allowed,
                     GError **error)
{
  const char *s = pw_row_string (row, field);

  if (s == NULL || !g_strv_contains (allowed, s))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("“%s” is not one of the allowed values"), s ? s : "");
  return TRUE;
}

gboolean
pw_row_require_minor (JsonObject *row, const char *field, gint64 *out, GError **error)
{
  if (!pw_row_int (row, field, out) || *out <= 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("must be a positive whole number of minor units"));
  return TRUE;
}

gboolean
pw_row_unchanged_but (JsonObject *row, JsonObject *before, const char *const *free,
                      const char *message, GError **error)
{
  g_autoptr(GList) names = json_object_get_members (row);

  names = g_list_sort (names, (GCompareFunc) strcmp);
  for (GList *l = names; l; l = l->next)
    {
      const char *field = l->data;
      JsonNode *was = json_object_get_member (before, field);

      if (g_strv_contains (free, field))
        continue;
      if (was == NULL || !json_node_equal (json_object_get_member (row, field), was))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", message);
    }
  return TRUE;
}

gboolean
pw_row_require_tax_rate (JsonObject *row, const char *field, GError **error)
{
  const char *rate = pw_row_string (row, field);
  PwDecimal d;

  if (rate == NULL || *rate == '\0')
    return TRUE;
  if (!pw_decimal_parse (rate, &d, NULL) || pw_decimal_sign (d) < 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("“%s” is not a tax rate such as 0.09"), rate);
  return TRUE;
}

gboolean
pw_json_within_depth (const char *text, int max)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > max)
            return FALSE;
        }
      else if (*p == ']' || *p == '}')
        depth--;
    }
  return TRUE;
}
