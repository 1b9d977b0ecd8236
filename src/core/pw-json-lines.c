/* pw-json-lines.c — where each object and member of a JSON text is, for messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One scan of the text before json-glib parses it finds the nesting depth
 * (json-glib 1.6 overflows the stack on very deep input), each object's line,
 * its members' lines and a member written twice (json-glib keeps the last one
 * silently). The parser's object-start and object-end signals tie its objects
 * to the scan's, which come in the same order. */
#include "config.h"

#include <string.h>

#include "pw-json-lines.h"

/* What one scan of the text found: each object's line, and each member name's
 * line (json-glib's parser reports a member's line only after looking ahead).
 * Kept in flat arrays, since a file of 20,000 meters has 200,000 objects. */
typedef struct {
  guint line;
  gint  first_key, last_key;  /* indices into keys, chained by next; −1 for none */
  gint  duplicate;            /* a key written twice in this object, or −1 */
} ScanObject;

typedef struct {
  gsize start;   /* the name's offset in the text, as written */
  guint length;
  guint line;
  gint  next;
} ScanKey;

struct _PwJsonLines {
  const char *data;          /* the text, not owned: it outlives the lines */
  GArray     *scanned;       /* ScanObject, in the order their "{" appear */
  GArray     *keys;          /* ScanKey */
  guint       next_object;   /* how many object-start signals came */
  GArray     *open;          /* indices into scanned of the objects being parsed */
  GHashTable *objects;       /* JsonObject → index + 1 into scanned */
};

static gboolean
key_is (PwJsonLines *r, const ScanKey *k, const char *name)
{
  return strncmp (r->data + k->start, name, k->length) == 0 && name[k->length] == '\0';
}

static guint
scan (PwJsonLines *r, const char *data, gsize length, guint max_depth)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (gint));  /* object index or −1 */
  guint line = 1, deepest = 0;
  gsize string_start = 0, string_end = 0;
  guint string_line = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              string_end = i;
            }
          continue;
        }
      if (c == '"')
        {
          in_string = TRUE;
          string_start = i + 1;
          string_line = line;
        }
      else if (c == '{' || c == '[')
        {
          gint index = -1;

          if (c == '{')
            {
              ScanObject o = { line, -1, -1, -1 };

              index = r->scanned->len;
              g_array_append_val (r->scanned, o);
            }
          g_array_append_val (stack, index);
          deepest = MAX (deepest, stack->len);
          if (deepest > max_depth)
            break;
        }
      else if ((c == '}' || c == ']') && stack->len > 0)
        g_array_set_size (stack, stack->len - 1);
      else if (c == ':' && stack->len > 0 && g_array_index (stack, gint, stack->len - 1) >= 0
               && string_end >= string_start)
        {
          ScanObject *o = &g_array_index (r->scanned, ScanObject,
                                          g_array_index (stack, gint, stack->len - 1));
          ScanKey k = { string_start, string_end - string_start, string_line, -1 };
          gint index = r->keys->len;

          for (gint j = o->first_key; j >= 0 && o->duplicate < 0;
               j = g_array_index (r->keys, ScanKey, j).next)
            {
              ScanKey *other = &g_array_index (r->keys, ScanKey, j);

              if (other->length == k.length
                  && memcmp (data + other->start, data + k.start, k.length) == 0)
                o->duplicate = index;
            }
          g_array_append_val (r->keys, k);
          if (o->last_key >= 0)
            g_array_index (r->keys, ScanKey, o->last_key).next = index;
          else
            o->first_key = index;
          o->last_key = index;
        }
    }
  return deepest;
}

static ScanObject *
scanned (PwJsonLines *r, JsonObject *o)
{
  guint index = GPOINTER_TO_UINT (o ? g_hash_table_lookup (r->objects, o) : NULL);

  return index ? &g_array_index (r->scanned, ScanObject, index - 1) : NULL;
}

char *
pw_json_lines_duplicate (PwJsonLines *r, JsonObject *o)
{
  ScanObject *so = scanned (r, o);
  ScanKey *k;

  if (so == NULL || so->duplicate < 0)
    return NULL;
  k = &g_array_index (r->keys, ScanKey, so->duplicate);
  return g_strndup (r->data + k->start, k->length);
}

static void
object_start_cb (JsonParser *parser, PwJsonLines *r)
{
  guint index = r->next_object++;

  g_array_append_val (r->open, index);
}

static void
object_end_cb (JsonParser *parser, JsonObject *object, PwJsonLines *r)
{
  guint index;

  if (r->open->len == 0)
    return;
  index = g_array_index (r->open, guint, r->open->len - 1);
  g_array_set_size (r->open, r->open->len - 1);
  if (index < r->scanned->len)
    g_hash_table_insert (r->objects, object, GUINT_TO_POINTER (index + 1));
}

guint
pw_json_lines_line (PwJsonLines *r, JsonObject *o, const char *key)
{
  ScanObject *so = scanned (r, o);

  if (so == NULL)
    return 0;
  for (gint j = key ? so->first_key : -1; j >= 0; j = g_array_index (r->keys, ScanKey, j).next)
    if (key_is (r, &g_array_index (r->keys, ScanKey, j), key))
      return g_array_index (r->keys, ScanKey, j).line;
  return so->line;
}

guint
pw_json_lines_line_of_path (PwJsonLines *r, JsonNode *root, const char *path)
{
  g_auto(GStrv) segments = g_strsplit (path, ".", -1);
  JsonNode *node = root;
  guint line = 0;

  for (guint i = 0; segments[i] != NULL; i++)
    {
      char *bracket = strchr (segments[i], '[');
      JsonObject *o;

      if (bracket)
        *bracket = '\0';
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        break;
      o = json_node_get_object (node);
      line = pw_json_lines_line (r, o, segments[i]);
      node = json_object_get_member (o, segments[i]);
      while (bracket != NULL && node != NULL)
        {
          guint64 index = g_ascii_strtoull (bracket + 1, NULL, 10);

          if (!JSON_NODE_HOLDS_ARRAY (node)
              || index >= json_array_get_length (json_node_get_array (node)))
            return line;
          node = json_array_get_element (json_node_get_array (node), index);
          if (JSON_NODE_HOLDS_OBJECT (node))
            line = pw_json_lines_line (r, json_node_get_object (node), NULL);
          bracket = strchr (bracket + 1, '[');
        }
    }
  return line;
}

PwJsonLines *
pw_json_lines_scan (const char *data, gsize length, guint max_depth, guint *depth)
{
  PwJsonLines *r = g_new0 (PwJsonLines, 1);

  r->data = data;
  r->scanned = g_array_new (FALSE, FALSE, sizeof (ScanObject));
  r->keys = g_array_new (FALSE, FALSE, sizeof (ScanKey));
  r->open = g_array_new (FALSE, FALSE, sizeof (guint));
  r->objects = g_hash_table_new (NULL, NULL);
  *depth = scan (r, data, length, max_depth);
  return r;
}

void
pw_json_lines_attach (PwJsonLines *r, JsonParser *parser)
{
  g_signal_connect (parser, "object-start", G_CALLBACK (object_start_cb), r);
  g_signal_connect (parser, "object-end", G_CALLBACK (object_end_cb), r);
}

void
pw_json_lines_free (PwJsonLines *r)
{
  if (r == NULL)
    return;
  g_array_unref (r->scanned);
  g_array_unref (r->keys);
  g_array_unref (r->open);
  g_hash_table_unref (r->objects);
  g_free (r);
}
