/* pw-server-json.c — parsing untrusted JSON request bodies
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the bytes before json-glib: every '{' and '[' outside a string counts
 * towards the depth whatever the grammar around it, so malformed input cannot hide
 * nesting; object keys are decoded (escapes included) and compared per object. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-server-error.h"
#include "pw-server-json.h"

typedef struct
{
  gboolean    is_object;
  gboolean    expect_key;
  GHashTable *keys;
} Level;

static gboolean
json_error (GError **error, const char *message, gsize offset)
{
  /* Translators: the reason, then the byte offset in the request body */
  g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_JSON, _("%s (at byte %zu)"), message,
               offset);
  return FALSE;
}

/* Decodes the string starting after the opening quote at data[*pos]; leaves *pos after the
 * closing quote. Returns NULL at the end of input. */
static GString *
scan_string (const char *data, gsize len, gsize *pos, gboolean decode)
{
  GString *out = decode ? g_string_new (NULL) : NULL;
  gsize i = *pos;

  while (i < len)
    {
      char c = data[i];

      if (c == '"')
        {
          *pos = i + 1;
          return out ? out : g_string_new (NULL);
        }
      if (c == '\\' && i + 1 < len)
        {
          char e = data[i + 1];
          if (e == 'u' && i + 5 < len)
            {
              char hex[5] = { data[i + 2], data[i + 3], data[i + 4], data[i + 5], 0 };
              gunichar u = (gunichar) g_ascii_strtoull (hex, NULL, 16);
              if (out)
                g_string_append_unichar (out, u);
              i += 6;
              continue;
            }
          if (out)
            {
              switch (e)
                {
                case 'n': g_string_append_c (out, '\n'); break;
                case 't': g_string_append_c (out, '\t'); break;
                case 'r': g_string_append_c (out, '\r'); break;
                case 'b': g_string_append_c (out, '\b'); break;
                case 'f': g_string_append_c (out, '\f'); break;
                default: g_string_append_c (out, e); break;
                }
            }
          i += 2;
          continue;
        }
      if (out)
        g_string_append_c (out, c);
      i++;
    }
  if (out)
    g_string_free (out, TRUE);
  return NULL;
}

static void
level_clear (gpointer p)
{
  Level *l = p;

  g_clear_pointer (&l->keys, g_hash_table_unref);
}

static gboolean
check_structure (const char *data, gsize len, GError **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Level));
  gsize i = 0;

  g_array_set_clear_func (stack, level_clear);
  while (i < len)
    {
      char c = data[i];
      Level *top = stack->len ? &g_array_index (stack, Level, stack->len - 1) : NULL;

      if (c == '{' || c == '[')
        {
          Level l = { c == '{', c == '{', NULL };
          if (stack->len >= PW_SERVER_JSON_MAX_DEPTH)
            {
              g_autofree char *msg = g_strdup_printf (_("JSON nested deeper than %d levels"),
                                                      PW_SERVER_JSON_MAX_DEPTH);
              return json_error (error, msg, i);
            }
          if (l.is_object)
            l.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          g_array_append_val (stack, l);
          i++;
        }
      else if (c == '}' || c == ']')
        {
          if (stack->len > 0)
            g_array_set_size (stack, stack->len - 1);
          i++;
        }
      else if (c == ',')
        {
          if (top && top->is_object)
            top->expect_key = TRUE;
          i++;
        }
      else if (c == '"')
        {
          gboolean is_key = top && top->is_object && top->expect_key;
          gsize start = i;
          GString *s;

          i++;
          s = scan_string (data, len, &i, is_key);
          if (s == NULL)
            return json_error (error, _("unterminated string"), start);
          if (is_key)
            {
              top->expect_key = FALSE;
              if (g_hash_table_contains (top->keys, s->str))
                {
                  g_autofree char *msg = g_strdup_printf (_("duplicate key “%s”"), s->str);
                  g_string_free (s, TRUE);
                  return json_error (error, msg, start);
                }
              g_hash_table_add (top->keys, g_string_free (s, FALSE));
            }
          else
            g_string_free (s, TRUE);
        }
      else
        i++;
    }
  return TRUE;
}

JsonNode *
pw_server_json_parse (const char *data, gsize len, GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  if (len == 0)
    {
      json_error (error, _("the body is empty"), 0);
      return NULL;
    }
  if (memchr (data, '\0', len) != NULL || !g_utf8_validate (data, (gssize) len, NULL))
    {
      json_error (error, _("the body is not UTF-8 text"), 0);
      return NULL;
    }
  if (!check_structure (data, len, error))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local))
    {
      g_set_error (error, PW_SERVER_ERROR, PW_SERVER_ERROR_JSON, _("Not valid JSON: %s"),
                   local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      json_error (error, _("the body is empty"), 0);
      return NULL;
    }
  return json_node_ref (root);
}
