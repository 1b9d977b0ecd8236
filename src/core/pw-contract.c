/* pw-contract.c — a lease contract's billing terms and their JSON form
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. The text is read by a small strict JSON reader of its own
 * (jv_read()), which checks size, depth, duplicate and escaped keys while it
 * reads, each reported with its path (json-glib 1.6 overflows the stack on very
 * deep input, keeps the last of duplicate keys, and was most of the time spent
 * computing a schedule). Then every object is read against the list of
 * members it may have.
 * Invariants:
 *  1. Every refusal names the JSON path of the field at fault first.
 *  2. A contract returned is consistent: every date range is ordered and lies
 *     in the term, charges name known sellers, tax codes and spaces, step
 *     tables rise in date, prices are not negative.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-contract.h"
#include "pw-text.h"
#include "pw-money.h"

/* A contract error carries the JSON path it is about (pw_contract_error_get_path()). */
typedef struct
{
  char *path;
} PwContractErrorPrivate;

static void
pw_contract_error_private_init (PwContractErrorPrivate *priv)
{
  priv->path = NULL;
}

static void
pw_contract_error_private_copy (const PwContractErrorPrivate *src,
                                PwContractErrorPrivate       *dest)
{
  dest->path = g_strdup (src->path);
}

static void
pw_contract_error_private_clear (PwContractErrorPrivate *priv)
{
  g_clear_pointer (&priv->path, g_free);
}

G_DEFINE_EXTENDED_ERROR (PwContractError, pw_contract_error)

const char *
pw_contract_error_get_path (const GError *error)
{
  PwContractErrorPrivate *priv = pw_contract_error_get_private (error);

  return priv != NULL ? priv->path : NULL;
}


/* ---- errors and paths ---------------------------------------------------- */

static char *
join_path (const char *path, const char *key)
{
  if (path == NULL || *path == '\0')
    return g_strdup (key);
  return g_strconcat (path, ".", key, NULL);
}

static gboolean G_GNUC_PRINTF (5, 6)
fail (GError **error, int code, const char *path, const char *key, const char *format, ...)
{
  g_autofree char *where = key ? join_path (path, key) : g_strdup (path);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a JSON path such as charges[1].proration, then what is wrong */
  g_set_error (error, PW_CONTRACT_ERROR, code, _("%s: %s"), where, message);
  if (error != NULL && *error != NULL && (*error)->domain == PW_CONTRACT_ERROR)
    {
      PwContractErrorPrivate *priv = pw_contract_error_get_private (*error);

      if (priv != NULL)
        priv->path = g_strdup (where);
    }
  return FALSE;
}

/* ---- the JSON reader ------------------------------------------------------------- */

/* A small strict JSON reader (RFC 8259) made for this form: values live in one
 * arena freed after the contract is read, member names stay in document order,
 * and the checks the form needs are made while reading, each with its path:
 * depth, a member that appears twice, a member name with escapes. A contract
 * is read in about a third of the time the scan and json-glib took together,
 * which matters when thousands of schedules are computed at once. */
typedef enum {
  JV_NULL,
  JV_BOOL,
  JV_INT,
  JV_DOUBLE,
  JV_STRING,
  JV_OBJECT,
  JV_ARRAY,
} JvType;

typedef struct Jv Jv;

typedef struct {
  const char *name;
  Jv         *value;
} JvMember;

struct Jv {
  JvType type;
  guint  n;              /* members or elements */
  union {
    gboolean    b;
    gint64      i;
    const char *s;
    JvMember   *members;
    Jv        **items;
  } u;
};

typedef struct JvBlock JvBlock;
struct JvBlock {
  JvBlock *next;
  gsize    pad;
  char     data[];
};

/* one open object or array, for paths in messages */
typedef struct {
  gboolean    object;
  const char *key;       /* the member being read */
  guint       index;     /* the element being read */
} JvLevel;

typedef struct {
  const char *p, *end, *text;
  JvBlock    *blocks;
  char       *free;
  gsize       left;
  GPtrArray  *stack;     /* members and elements of the open containers */
  JvLevel     levels[PW_CONTRACT_MAX_DEPTH];
  guint       depth;
  GError    **error;
  gboolean    failed;
} JvReader;

static gpointer
jv_alloc (JvReader *r, gsize size)
{
  gpointer out;

  size = (size + 15) & ~(gsize) 15;
  if (size > r->left)
    {
      gsize n = MAX (size, 8192);
      JvBlock *b = g_malloc (sizeof (JvBlock) + n);

      b->next = r->blocks;
      r->blocks = b;
      r->free = b->data;
      r->left = n;
    }
  out = r->free;
  r->free += size;
  r->left -= size;
  return out;
}

static void
jv_reader_clear (JvReader *r)
{
  while (r->blocks)
    {
      JvBlock *next = r->blocks->next;

      g_free (r->blocks);
      r->blocks = next;
    }
  g_clear_pointer (&r->stack, g_ptr_array_unref);
}

/* the path through the first @n open containers */
static char *
jv_path (JvReader *r, guint n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      JvLevel *l = &r->levels[i];

      if (l->object)
        {
          if (s->len > 0)
            g_string_append_c (s, '.');
          g_string_append (s, l->key ? l->key : "");
        }
      else
        g_string_append_printf (s, "[%u]", l->index);
    }
  return g_string_free (s, FALSE);
}

/* the line and column of r->p, from 1 */
static void
jv_position (JvReader *r, guint *line, guint *column)
{
  *line = *column = 1;
  for (const char *q = r->text; q < r->p && q < r->end; q++)
    {
      if (*q == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else if (((guchar) *q & 0xc0) != 0x80)
        (*column)++;
    }
}

static Jv *
jv_syntax_error (JvReader *r)
{
  guint line, column;

  if (r->failed)
    return NULL;
  jv_position (r, &line, &column);
  g_set_error (r->error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
               _("The contract is not valid JSON: line %u, column %u"), line, column);
  r->failed = TRUE;
  return NULL;
}

/* A \u0000 escape is JSON, but a NUL would cut every string it is in short */
static const char *
jv_nul_error (JvReader *r, const char *at)
{
  guint line, column;

  r->p = at;
  jv_position (r, &line, &column);
  g_set_error (r->error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
               _("The contract has the escape \\u0000 (a NUL character) at line %u, column %u; "
                 "no text in a contract may contain it"), line, column);
  r->failed = TRUE;
  return NULL;
}

static void
jv_skip_space (JvReader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
jv_hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int c = g_ascii_xdigit_value (p[i]);

      if (c < 0)
        return -1;
      v = v * 16 + c;
    }
  return v;
}

/* a string at r->p (after its opening quote); @escaped says whether it had escapes */
static const char *
jv_string (JvReader *r, gboolean *escaped)
{
  const char *start = r->p, *q = r->p;
  char *out, *o;

  *escaped = FALSE;
  while (q < r->end && *q != '"')
    {
      if ((guchar) *q < 0x20)
        return NULL;
      if (*q == '\\')
        {
          *escaped = TRUE;
          q++;
        }
      q++;
    }
  if (q >= r->end)
    return NULL;
  if (!*escaped)
    {
      out = jv_alloc (r, q - start + 1);
      memcpy (out, start, q - start);
      out[q - start] = '\0';
      r->p = q + 1;
      return out;
    }
  /* escapes never make a string longer */
  out = o = jv_alloc (r, q - start + 1);
  for (q = start; *q != '"'; q++)
    {
      gunichar ch;
      int v;

      if (*q != '\\')
        {
          *o++ = *q;
          continue;
        }
      q++;
      switch (*q)
        {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u':
          if (r->end - q < 5 || (v = jv_hex4 (q + 1)) < 0)
            return NULL;
          if (v == 0)
            return jv_nul_error (r, q - 1);
          q += 4;
          ch = (gunichar) v;
          if (ch >= 0xd800 && ch <= 0xdbff)
            {
              int lo;

              if (r->end - q < 7 || q[1] != '\\' || q[2] != 'u' || (lo = jv_hex4 (q + 3)) < 0xdc00
                  || lo > 0xdfff)
                return NULL;
              ch = 0x10000 + ((ch - 0xd800) << 10) + ((gunichar) lo - 0xdc00);
              q += 6;
            }
          else if (ch >= 0xdc00 && ch <= 0xdfff)
            return NULL;
          o += g_unichar_to_utf8 (ch, o);
          break;
        default:
          return NULL;
        }
    }
  *o = '\0';
  r->p = q + 1;
  return out;
}

static Jv *jv_value (JvReader *r);

static Jv *
jv_container (JvReader *r, gboolean object)
{
  JvLevel *level;
  guint base = r->stack->len;
  Jv *v;

  if (r->depth >= PW_CONTRACT_MAX_DEPTH)
    {
      g_autofree char *path = jv_path (r, r->depth);

      g_set_error (r->error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                   _("%s: nested deeper than %d levels"), *path ? path : "$",
                   PW_CONTRACT_MAX_DEPTH);
      r->failed = TRUE;
      return NULL;
    }
  level = &r->levels[r->depth++];
  level->object = object;
  level->key = NULL;
  level->index = 0;
  r->p++;
  jv_skip_space (r);
  if (r->p < r->end && *r->p == (object ? '}' : ']'))
    r->p++;
  else
    for (;;)
      {
        Jv *item;

        if (object)
          {
            const char *key, *raw;
            gboolean escaped;

            jv_skip_space (r);
            if (r->p >= r->end || *r->p != '"')
              return jv_syntax_error (r);
            r->p++;
            raw = r->p;
            if ((key = jv_string (r, &escaped)) == NULL)
              return jv_syntax_error (r);
            if (escaped)
              {
                g_autofree char *path = jv_path (r, r->depth - 1);
                /* the name as written */
                g_autofree char *written = g_strndup (raw, r->p - 1 - raw);

                r->failed = TRUE;
                fail (r->error, PW_CONTRACT_ERROR_SYNTAX, path, written,
                      _("escaped characters are not allowed in member names"));
                return NULL;
              }
            for (guint i = base; i < r->stack->len; i += 2)
              if (strcmp (r->stack->pdata[i], key) == 0)
                {
                  g_autofree char *path = jv_path (r, r->depth - 1);

                  r->failed = TRUE;
                  fail (r->error, PW_CONTRACT_ERROR_SYNTAX, path, key,
                        _("the member appears twice"));
                  return NULL;
                }
            level->key = key;
            jv_skip_space (r);
            if (r->p >= r->end || *r->p != ':')
              return jv_syntax_error (r);
            r->p++;
            g_ptr_array_add (r->stack, (gpointer) key);
          }
        if ((item = jv_value (r)) == NULL)
          return NULL;
        g_ptr_array_add (r->stack, item);
        jv_skip_space (r);
        if (r->p < r->end && *r->p == ',')
          {
            r->p++;
            level->index++;
            continue;
          }
        if (r->p < r->end && *r->p == (object ? '}' : ']'))
          {
            r->p++;
            break;
          }
        return jv_syntax_error (r);
      }
  v = jv_alloc (r, sizeof (Jv));
  if (object)
    {
      v->type = JV_OBJECT;
      v->n = (r->stack->len - base) / 2;
      v->u.members = jv_alloc (r, MAX (v->n, 1) * sizeof (JvMember));
      for (guint i = 0; i < v->n; i++)
        {
          v->u.members[i].name = r->stack->pdata[base + 2 * i];
          v->u.members[i].value = r->stack->pdata[base + 2 * i + 1];
        }
    }
  else
    {
      v->type = JV_ARRAY;
      v->n = r->stack->len - base;
      v->u.items = jv_alloc (r, MAX (v->n, 1) * sizeof (Jv *));
      memcpy (v->u.items, r->stack->pdata + base, v->n * sizeof (Jv *));
    }
  g_ptr_array_set_size (r->stack, base);
  r->depth--;
  return v;
}

static Jv *
jv_number (JvReader *r)
{
  const char *start = r->p, *q = r->p;
  gboolean integer = TRUE;
  Jv *v;

  if (q < r->end && *q == '-')
    q++;
  if (q >= r->end || !g_ascii_isdigit (*q))
    return jv_syntax_error (r);
  if (*q == '0')
    q++;
  else
    while (q < r->end && g_ascii_isdigit (*q))
      q++;
  if (q < r->end && *q == '.')
    {
      integer = FALSE;
      q++;
      if (q >= r->end || !g_ascii_isdigit (*q))
        return jv_syntax_error (r);
      while (q < r->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < r->end && (*q == 'e' || *q == 'E'))
    {
      integer = FALSE;
      q++;
      if (q < r->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= r->end || !g_ascii_isdigit (*q))
        return jv_syntax_error (r);
      while (q < r->end && g_ascii_isdigit (*q))
        q++;
    }
  v = jv_alloc (r, sizeof (Jv));
  v->type = JV_DOUBLE;
  if (integer && q - start <= 18)
    {
      /* at most 18 digits always fit */
      gint64 n = 0;

      for (const char *d = *start == '-' ? start + 1 : start; d < q; d++)
        n = n * 10 + (*d - '0');
      v->type = JV_INT;
      v->u.i = *start == '-' ? -n : n;
    }
  r->p = q;
  return v;
}

static Jv *
jv_value (JvReader *r)
{
  Jv *v;

  jv_skip_space (r);
  if (r->p >= r->end)
    return jv_syntax_error (r);
  switch (*r->p)
    {
    case '{':
      return jv_container (r, TRUE);
    case '[':
      return jv_container (r, FALSE);
    case '"':
      {
        gboolean escaped;
        const char *s;

        r->p++;
        if ((s = jv_string (r, &escaped)) == NULL)
          return jv_syntax_error (r);
        v = jv_alloc (r, sizeof (Jv));
        v->type = JV_STRING;
        v->u.s = s;
        return v;
      }
    case 't':
    case 'f':
    case 'n':
      {
        static const char *const words[] = { "true", "false", "null" };

        for (guint i = 0; i < G_N_ELEMENTS (words); i++)
          {
            gsize len = strlen (words[i]);

            if ((gsize) (r->end - r->p) >= len && memcmp (r->p, words[i], len) == 0)
              {
                r->p += len;
                v = jv_alloc (r, sizeof (Jv));
                v->type = i == 2 ? JV_NULL : JV_BOOL;
                v->u.b = i == 0;
                return v;
              }
          }
        return jv_syntax_error (r);
      }
    default:
      return jv_number (r);
    }
}

/* Reads @length bytes of @text; NULL with @error set when it is not JSON or
 * breaks one of the form's reading rules. */
static Jv *
jv_read (JvReader *r, const char *text, gsize length, GError **error)
{
  Jv *root;

  memset (r, 0, sizeof *r);
  r->text = r->p = text;
  r->end = text + length;
  r->error = error;
  r->stack = g_ptr_array_sized_new (64);
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      g_set_error_literal (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                           _("The contract starts with a UTF-8 byte-order mark (EF BB BF), "
                             "which JSON does not allow; save it as UTF-8 without one"));
      return NULL;
    }
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error_literal (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                           _("The contract is not UTF-8 text"));
      return NULL;
    }
  root = jv_value (r);
  if (root == NULL)
    return NULL;
  jv_skip_space (r);
  if (r->p != r->end)
    return jv_syntax_error (r);
  return root;
}

static Jv *
jv_member (const Jv *o, const char *key)
{
  for (guint i = 0; i < o->n; i++)
    if (strcmp (o->u.members[i].name, key) == 0)
      return o->u.members[i].value;
  return NULL;
}

/* ---- member readers ------------------------------------------------------------ */

static gboolean
check_members (Jv *o, const char *path, const char *const *allowed, GError **error)
{
  for (guint i = 0; i < o->n; i++)
    if (!g_strv_contains (allowed, o->u.members[i].name))
      return fail (error, PW_CONTRACT_ERROR_FIELD, path, o->u.members[i].name, _("unknown field"));
  return TRUE;
}

static Jv *
member (Jv *o, const char *key)
{
  Jv *n = jv_member (o, key);

  return (n == NULL || (n)->type == JV_NULL) ? NULL : n;
}

static gboolean
missing (GError **error, const char *path, const char *key)
{
  return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("required"));
}

static gboolean
read_string (Jv *o, const char *path, const char *key, gboolean required,
             const char **out, GError **error)
{
  Jv *n = member (o, key);

  if (n == NULL)
    return required ? missing (error, path, key) : TRUE;
  if ((n)->type != JV_STRING)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be a string"));
  if (*(n)->u.s == '\0')
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must not be empty"));
  *out = (n)->u.s;
  return TRUE;
}

static gboolean
read_date (Jv *o, const char *path, const char *key, gboolean required,
           GDate *out, GError **error)
{
  const char *s = NULL;

  if (!read_string (o, path, key, required, &s, error))
    return FALSE;
  if (s == NULL || pw_date_parse_iso (s, out))
    return TRUE;
  return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
               _("“%.40s” is not a date of the form YYYY-MM-DD"), s);
}

static gboolean
read_decimal (Jv *o, const char *path, const char *key, gboolean required,
              gboolean *present, PwDecimal *out, GError **error)
{
  const char *s = NULL;
  g_autoptr(GError) local = NULL;

  if (!read_string (o, path, key, required, &s, error))
    return FALSE;
  if (present)
    *present = s != NULL;
  if (s == NULL)
    return TRUE;
  if (!pw_decimal_parse (s, out, &local))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, "%s", local->message);
  return TRUE;
}

static gboolean
read_uint (Jv *o, const char *path, const char *key, guint max, guint *out,
           GError **error)
{
  Jv *n = member (o, key);
  gint64 v;

  if (n == NULL)
    return TRUE;
  if ((n)->type != JV_INT)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be a whole number"));
  v = (n)->u.i;
  if (v < 0 || v > max)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
                 _("must be between 0 and %u"), max);
  *out = (guint) v;
  return TRUE;
}

static gboolean
read_bool (Jv *o, const char *path, const char *key, gboolean *out, GError **error)
{
  Jv *n = member (o, key);

  if (n == NULL)
    return TRUE;
  if ((n)->type != JV_BOOL)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be true or false"));
  *out = (n)->u.b;
  return TRUE;
}

/* @names is NULL-terminated; *@out keeps its default when the member is absent */
static gboolean
read_enum (Jv *o, const char *path, const char *key, const char *const *names,
           int *out, GError **error)
{
  const char *s = NULL;

  if (!read_string (o, path, key, FALSE, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  for (int i = 0; names[i]; i++)
    if (g_str_equal (names[i], s))
      {
        *out = i;
        return TRUE;
      }
  return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("unknown value “%.40s”"), s);
}

static gboolean
read_money (Jv *o, const char *path, const char *key, const char *currency,
            gboolean required, gint64 *out, GError **error)
{
  const char *s = NULL;
  g_autoptr(GError) local = NULL;

  if (!read_string (o, path, key, required, &s, error))
    return FALSE;
  if (s == NULL)
    return TRUE;
  if (!pw_money_parse (s, currency, out, &local))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, "%s", local->message);
  return TRUE;
}

static gboolean
read_object (Jv *o, const char *path, const char *key, gboolean required,
             Jv **out, GError **error)
{
  Jv *n = member (o, key);

  *out = NULL;
  if (n == NULL)
    return required ? missing (error, path, key) : TRUE;
  if ((n)->type != JV_OBJECT)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be an object"));
  *out = (n);
  return TRUE;
}

static gboolean
read_array (Jv *o, const char *path, const char *key, gboolean required,
            Jv **out, GError **error)
{
  Jv *n = member (o, key);

  *out = NULL;
  if (n == NULL)
    return required ? missing (error, path, key) : TRUE;
  if ((n)->type != JV_ARRAY)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, key, _("must be an array"));
  *out = (n);
  return TRUE;
}

static gboolean
read_strv (Jv *o, const char *path, const char *key, char ***out, GError **error)
{
  Jv *a;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (!read_array (o, path, key, FALSE, &a, error))
    return FALSE;
  if (a == NULL)
    return TRUE;
  for (guint i = 0; i < (a)->n; i++)
    {
      Jv *n = (a)->u.items[i];
      g_autofree char *k = g_strdup_printf ("%s[%u]", key, i);

      if ((n)->type != JV_STRING
          || *(n)->u.s == '\0')
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, k, _("must be a non-empty string"));
      g_strv_builder_add (b, (n)->u.s);
    }
  g_strfreev (*out);
  *out = g_strv_builder_end (b);
  return TRUE;
}

/* the object at @a[@i], with its path */
static gboolean
element_object (Jv *a, const char *path, const char *key, guint i, Jv **out,
                char **element_path, GError **error)
{
  Jv *n = (a)->u.items[i];
  g_autofree char *k = g_strdup_printf ("%s[%u]", key, i);

  *element_path = join_path (path, k);
  if ((n)->type != JV_OBJECT)
    return fail (error, PW_CONTRACT_ERROR_FIELD, *element_path, NULL, _("must be an object"));
  *out = (n);
  return TRUE;
}

/* ---- the contract ------------------------------------------------------------------ */

static void
seller_free (gpointer p)
{
  PwSeller *s = p;
  g_free (s->code);
  g_free (s->name);
  g_free (s);
}

static void
space_free (gpointer p)
{
  PwContractSpace *s = p;
  g_free (s->code);
  g_free (s->basis);
  g_free (s);
}

static void
tax_free (gpointer p)
{
  PwTaxCode *t = p;
  g_free (t->code);
  g_free (t);
}

static void
charge_free (gpointer p)
{
  PwCharge *c = p;
  g_free (c->code);
  g_free (c->kind);
  g_free (c->seller);
  g_free (c->tax_code);
  g_strfreev (c->spaces);
  g_clear_pointer (&c->escalation.steps, g_array_unref);
  g_free (c);
}

static void
free_period_free (gpointer p)
{
  PwFreePeriod *f = p;
  g_strfreev (f->waives);
  g_free (f);
}

void
pw_contract_free (PwContract *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->renews);
  g_free (c->currency);
  g_free (c->landlord);
  g_free (c->tenant);
  g_clear_pointer (&c->sellers, g_ptr_array_unref);
  g_clear_pointer (&c->spaces, g_ptr_array_unref);
  g_clear_pointer (&c->tax_codes, g_ptr_array_unref);
  g_clear_pointer (&c->charges, g_ptr_array_unref);
  g_clear_pointer (&c->free_periods, g_ptr_array_unref);
  g_clear_pointer (&c->cpi_index, g_array_unref);
  g_strfreev (c->deposit.charges);
  g_strfreev (c->revenue.charges);
  g_free (c->penalty_tax_code);
  g_free (c->late_fee_cap);
  g_free (c);
}

const PwTaxCode *
pw_contract_find_tax_code (const PwContract *c, const char *code)
{
  for (guint i = 0; code && i < c->tax_codes->len; i++)
    if (g_str_equal (((PwTaxCode *) c->tax_codes->pdata[i])->code, code))
      return c->tax_codes->pdata[i];
  return NULL;
}

const PwSeller *
pw_contract_find_seller (const PwContract *c, const char *code)
{
  for (guint i = 0; code && i < c->sellers->len; i++)
    if (g_str_equal (((PwSeller *) c->sellers->pdata[i])->code, code))
      return c->sellers->pdata[i];
  return NULL;
}

static const PwContractSpace *
find_space (const PwContract *c, const char *code)
{
  for (guint i = 0; i < c->spaces->len; i++)
    if (g_str_equal (((PwContractSpace *) c->spaces->pdata[i])->code, code))
      return c->spaces->pdata[i];
  return NULL;
}

static const PwCharge *
find_charge (const PwContract *c, const char *code)
{
  for (guint i = 0; i < c->charges->len; i++)
    if (g_strcmp0 (((PwCharge *) c->charges->pdata[i])->code, code) == 0)
      return c->charges->pdata[i];
  return NULL;
}

static gboolean
find_charge_or_kind (const PwContract *c, const char *name)
{
  for (guint i = 0; i < c->charges->len; i++)
    {
      const PwCharge *ch = c->charges->pdata[i];
      if (g_str_equal (ch->code, name) || g_str_equal (ch->kind, name))
        return TRUE;
    }
  return FALSE;
}

gboolean
pw_free_period_waives (const PwFreePeriod *f, const PwCharge *charge)
{
  return g_strv_contains ((const char *const *) f->waives, charge->code)
         || g_strv_contains ((const char *const *) f->waives, charge->kind);
}

/* "in the term": between the contract's start and its (extended) end */
static gboolean
check_in_term (const PwContract *c, const char *path, const char *key, const GDate *d,
               GError **error)
{
  if (g_date_compare (d, &c->start) < 0 || g_date_compare (d, &c->term_end) > 0)
    {
      g_autofree char *s = pw_date_format_iso_new (d);
      g_autofree char *a = pw_date_format_iso_new (&c->start);
      g_autofree char *b = pw_date_format_iso_new (&c->term_end);
      return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, key,
                   _("%s lies outside the term %s to %s"), s, a, b);
    }
  return TRUE;
}

static gboolean
parse_sellers (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "code", "name", NULL };
  Jv *a;

  if (!read_array (root, "", "sellers", TRUE, &a, error))
    return FALSE;
  if ((a)->n == 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, "sellers", NULL, _("name at least one seller"));
  for (guint i = 0; i < (a)->n; i++)
    {
      g_autofree char *path = NULL;
      Jv *o;
      const char *code = NULL, *name = NULL;
      PwSeller *s;

      if (!element_object (a, "", "sellers", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_string (o, path, "name", TRUE, &name, error))
        return FALSE;
      if (pw_contract_find_seller (c, code))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      s = g_new0 (PwSeller, 1);
      s->code = g_strdup (code);
      s->name = g_strdup (name);
      g_ptr_array_add (c->sellers, s);
    }
  return TRUE;
}

static gboolean
parse_spaces (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "code", "area", "basis", NULL };
  static const char *const bases[] = { "gross", "internal", "usable", NULL };
  Jv *a;

  if (!read_array (root, "", "spaces", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < (a)->n; i++)
    {
      g_autofree char *path = NULL;
      Jv *o;
      const char *code = NULL;
      PwDecimal area;
      int basis = 0;
      PwContractSpace *s;

      if (!element_object (a, "", "spaces", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_decimal (o, path, "area", TRUE, NULL, &area, error)
          || !read_enum (o, path, "basis", bases, &basis, error))
        return FALSE;
      if (find_space (c, code))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      area = pw_decimal_normalize (area);
      if (area.scale > 2 || pw_decimal_sign (area) <= 0 || area.m > G_GINT64_CONSTANT (100000000000000))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "area",
                     _("must be a positive area in m² with at most 2 decimals"));
      s = g_new0 (PwContractSpace, 1);
      s->code = g_strdup (code);
      s->area = (gint64) area.m * (area.scale == 0 ? 100 : area.scale == 1 ? 10 : 1);
      s->basis = g_strdup (bases[basis]);
      g_ptr_array_add (c->spaces, s);
    }
  return TRUE;
}

static gboolean
parse_tax_codes (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "code", "rate", NULL };
  Jv *a;

  if (!read_array (root, "", "tax_codes", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < (a)->n; i++)
    {
      g_autofree char *path = NULL;
      Jv *o;
      const char *code = NULL;
      PwDecimal rate;
      PwTaxCode *t;

      if (!element_object (a, "", "tax_codes", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_decimal (o, path, "rate", TRUE, NULL, &rate, error))
        return FALSE;
      if (pw_contract_find_tax_code (c, code))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      if (pw_decimal_sign (rate) < 0 || pw_decimal_cmp (rate, pw_decimal_from_int (1, 0)) >= 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "rate",
                     _("must be a fraction from 0 to below 1, like 0.09"));
      t = g_new0 (PwTaxCode, 1);
      t->code = g_strdup (code);
      t->rate = rate;
      g_ptr_array_add (c->tax_codes, t);
    }
  return TRUE;
}

static gboolean
parse_escalation (PwContract *c, PwCharge *ch, Jv *o, const char *path, GError **error)
{
  static const char *const allowed[] = { "type", "percent", "every_years", "method", "anchor",
                                         "price_decimals", "steps", "floor", "cap", NULL };
  static const char *const types[] = { "none", "fixed", "steps", "cpi", NULL };
  static const char *const methods[] = { "compound", "simple", NULL };
  static const char *const anchors[] = { "lease_start", "rent_commencement", "signing", NULL };
  static const char *const roundings[] = { "unrounded", "cents", NULL };
  PwEscalation *e = &ch->escalation;
  int type = 0, method = 0, anchor = 0, rounding = 0;
  gboolean has_percent = FALSE;
  Jv *steps;

  if (!check_members (o, path, allowed, error)
      || !read_enum (o, path, "type", types, &type, error)
      || !read_enum (o, path, "method", methods, &method, error)
      || !read_enum (o, path, "anchor", anchors, &anchor, error)
      || !read_enum (o, path, "price_decimals", roundings, &rounding, error)
      || !read_decimal (o, path, "percent", FALSE, &has_percent, &e->percent, error)
      || !read_uint (o, path, "every_years", 20, &e->every_years, error)
      || !read_decimal (o, path, "floor", FALSE, &e->has_floor, &e->floor, error)
      || !read_decimal (o, path, "cap", FALSE, &e->has_cap, &e->cap, error)
      || !read_array (o, path, "steps", FALSE, &steps, error))
    return FALSE;
  if (member (o, "type") == NULL)
    return missing (error, path, "type");
  e->kind = type;
  e->simple = method == 1;
  e->anchor = anchor;
  e->price_decimals = rounding == 1 ? 2 : -1;

  if (e->kind == PW_ESCALATION_FIXED)
    {
      if (!has_percent)
        return missing (error, path, "percent");
      if (pw_decimal_sign (e->percent) < 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "percent", _("must not be negative"));
    }
  if ((e->kind == PW_ESCALATION_FIXED || e->kind == PW_ESCALATION_CPI) && e->every_years == 0)
    return missing (error, path, "every_years");
  if (e->kind == PW_ESCALATION_CPI && e->has_floor && e->has_cap
      && pw_decimal_cmp (e->floor, e->cap) > 0)
    return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "floor",
                 _("is above the cap"));
  if (e->kind == PW_ESCALATION_STEPS)
    {
      static const char *const step_allowed[] = { "from", "unit_price", NULL };

      if (steps == NULL || (steps)->n == 0)
        return missing (error, path, "steps");
      e->steps = g_array_new (FALSE, FALSE, sizeof (PwPriceStep));
      for (guint i = 0; i < (steps)->n; i++)
        {
          g_autofree char *spath = NULL;
          Jv *so;
          PwPriceStep step;

          if (!element_object (steps, path, "steps", i, &so, &spath, error)
              || !check_members (so, spath, step_allowed, error)
              || !read_date (so, spath, "from", TRUE, &step.from, error)
              || !read_decimal (so, spath, "unit_price", TRUE, NULL, &step.unit_price, error))
            return FALSE;
          if (pw_decimal_sign (step.unit_price) < 0)
            return fail (error, PW_CONTRACT_ERROR_FIELD, spath, "unit_price",
                         _("must not be negative"));
          if (g_date_compare (&step.from, &ch->start) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, spath, "from",
                         _("must come after the charge starts"));
          if (g_date_compare (&step.from, &ch->end) > 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, spath, "from",
                         _("lies after the charge ends"));
          if (i > 0 && g_date_compare (&step.from,
                                       &g_array_index (e->steps, PwPriceStep, i - 1).from) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, spath, "from",
                         _("overlaps the step before it; steps must rise in date"));
          g_array_append_val (e->steps, step);
        }
    }
  else if (steps != NULL)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "steps",
                 _("only an escalation of type “steps” has steps"));

  /* escalation before the start: the anchor must not lie after the charge
   * starts, nor the signing date before it for a signing anchor */
  if (e->kind == PW_ESCALATION_FIXED || e->kind == PW_ESCALATION_CPI)
    {
      if (e->anchor == PW_ESCALATION_ANCHOR_SIGNING)
        {
          GDate first = c->signed_on;
          g_date_add_years (&first, e->every_years);
          if (g_date_compare (&first, &ch->start) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "anchor",
                         _("the first signing anniversary falls before the charge starts"));
        }
    }
  (void) c;
  return TRUE;
}

static gboolean
parse_charges (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = {
    "code", "kind", "seller", "tax_code", "tax_included", "unit_price", "unit", "spaces",
    "standard_month", "anchor", "frequency", "timing", "lead_days", "due", "proration",
    "start", "end", "escalation", NULL };
  static const char *const units[] = { "m2_day", "m2_month", "month", NULL };
  static const char *const std_months[] = { "365/12", "30", "actual", NULL };
  static const char *const anchors[] = { "lease", "calendar", NULL };
  static const char *const frequencies[] = { "monthly", "quarterly", "half_yearly", "yearly", NULL };
  static const guint months_of[] = { 1, 3, 6, 12 };
  static const char *const timings[] = { "advance", "arrears", NULL };
  static const char *const prorations[] = { "daily", "monthly_actual", "monthly_30",
                                            "yearly_365", "none", NULL };
  static const char *const due_allowed[] = { "rule", "days", NULL };
  static const char *const due_rules[] = { "period_start", "after_bill", NULL };
  Jv *a;

  if (!read_array (root, "", "charges", TRUE, &a, error))
    return FALSE;
  if ((a)->n == 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, "charges", NULL, _("name at least one charge"));
  for (guint i = 0; i < (a)->n; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *due_path = NULL;
      g_autofree char *esc_path = NULL;
      Jv *o, *due, *esc;
      const char *code = NULL, *kind = NULL, *seller = NULL, *tax = NULL;
      int unit = 0, std = 0, anchor = 0, freq = 0, timing = 0, proration = 0, due_rule = 0;
      gboolean has_start = FALSE, has_end = FALSE;
      PwCharge *ch = g_new0 (PwCharge, 1);

      g_ptr_array_add (c->charges, ch);
      ch->tax_included = TRUE;
      if (!element_object (a, "", "charges", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_string (o, path, "code", TRUE, &code, error)
          || !read_string (o, path, "kind", TRUE, &kind, error)
          || !read_string (o, path, "seller", TRUE, &seller, error)
          || !read_string (o, path, "tax_code", FALSE, &tax, error)
          || !read_bool (o, path, "tax_included", &ch->tax_included, error)
          || !read_decimal (o, path, "unit_price", TRUE, NULL, &ch->unit_price, error)
          || !read_enum (o, path, "unit", units, &unit, error)
          || !read_strv (o, path, "spaces", &ch->spaces, error)
          || !read_enum (o, path, "standard_month", std_months, &std, error)
          || !read_enum (o, path, "anchor", anchors, &anchor, error)
          || !read_enum (o, path, "frequency", frequencies, &freq, error)
          || !read_enum (o, path, "timing", timings, &timing, error)
          || !read_uint (o, path, "lead_days", 366, &ch->lead_days, error)
          || !read_enum (o, path, "proration", prorations, &proration, error)
          || !read_object (o, path, "due", FALSE, &due, error)
          || !read_object (o, path, "escalation", FALSE, &esc, error))
        return FALSE;
      if (member (o, "unit") == NULL)
        return missing (error, path, "unit");
      if (find_charge (c, code) != NULL)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is already used"), code);
      ch->code = g_strdup (code);
      ch->kind = g_strdup (kind);
      ch->seller = g_strdup (seller);
      ch->tax_code = g_strdup (tax);
      ch->unit = unit;
      ch->standard_month = std;
      ch->anchor = anchor;
      ch->frequency_months = months_of[freq];
      ch->timing = timing;
      ch->proration = proration;
      if (g_str_equal (code, "deposit") || g_str_equal (code, "penalty"))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "code",
                     _("“%s” is reserved for the contract’s own lines"), code);
      if (pw_decimal_sign (ch->unit_price) < 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "unit_price",
                     _("must not be negative"));
      if (pw_decimal_normalize (ch->unit_price).scale > 10)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "unit_price",
                     _("has more than 10 decimals"));
      if (!pw_contract_find_seller (c, seller))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "seller",
                     _("no seller has the code “%s”"), seller);
      if (tax && !pw_contract_find_tax_code (c, tax))
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "tax_code",
                     _("no tax code “%s”"), tax);
      if (ch->unit != PW_PRICE_UNIT_MONTH)
        {
          if (ch->spaces == NULL || ch->spaces[0] == NULL)
            return fail (error, PW_CONTRACT_ERROR_FIELD, path, "spaces",
                         _("a price per m² needs the spaces it applies to"));
          for (guint k = 0; ch->spaces[k]; k++)
            {
              const PwContractSpace *s = find_space (c, ch->spaces[k]);
              g_autofree char *key = g_strdup_printf ("spaces[%u]", k);

              if (s == NULL)
                return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
                             _("no space has the code “%s”"), ch->spaces[k]);
              if (__builtin_add_overflow (ch->area, s->area, &ch->area))
                return fail (error, PW_CONTRACT_ERROR_OVERFLOW, path, key,
                             _("the areas add up to more than can be held exactly"));
            }
        }
      if (due != NULL)
        {
          due_path = join_path (path, "due");
          if (!check_members (due, due_path, due_allowed, error)
              || !read_enum (due, due_path, "rule", due_rules, &due_rule, error)
              || !read_uint (due, due_path, "days", 366, &ch->due_days, error))
            return FALSE;
          ch->due_rule = due_rule;
          if (ch->due_rule == PW_DUE_PERIOD_START && ch->due_days != 0)
            return fail (error, PW_CONTRACT_ERROR_FIELD, due_path, "days",
                         _("only the rule “after_bill” counts days"));
        }
      ch->start = c->start;
      ch->end = c->term_end;
      if (!read_date (o, path, "start", FALSE, &ch->start, error)
          || !read_date (o, path, "end", FALSE, &ch->end, error))
        return FALSE;
      has_start = member (o, "start") != NULL;
      has_end = member (o, "end") != NULL;
      if (has_start && !check_in_term (c, path, "start", &ch->start, error))
        return FALSE;
      if (has_end && !check_in_term (c, path, "end", &ch->end, error))
        return FALSE;
      if (g_date_compare (&ch->start, &ch->end) > 0)
        return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "end",
                     _("comes before the start"));
      if (esc != NULL)
        {
          esc_path = join_path (path, "escalation");
          if (!parse_escalation (c, ch, esc, esc_path, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
parse_free_periods (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "kind", "start", "end", "waives", "extends_term", NULL };
  static const char *const kinds[] = { "rent_free", "fit_out", NULL };
  Jv *a;

  if (!read_array (root, "", "free_periods", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < (a)->n; i++)
    {
      g_autofree char *path = NULL;
      Jv *o;
      int kind = 0;
      PwFreePeriod *f = g_new0 (PwFreePeriod, 1);

      g_ptr_array_add (c->free_periods, f);
      if (!element_object (a, "", "free_periods", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_enum (o, path, "kind", kinds, &kind, error)
          || !read_date (o, path, "start", TRUE, &f->start, error)
          || !read_date (o, path, "end", TRUE, &f->end, error)
          || !read_strv (o, path, "waives", &f->waives, error)
          || !read_bool (o, path, "extends_term", &f->extends_term, error))
        return FALSE;
      f->fit_out = kind == 1;
      if (f->waives == NULL)
        {
          f->waives = g_new0 (char *, 2);
          f->waives[0] = g_strdup ("rent");
        }
      if (g_date_compare (&f->start, &f->end) > 0)
        return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "end",
                     _("comes before the start"));
      /* measured against the term as written: a range cannot extend a term it lies outside */
      if (g_date_compare (&f->start, &c->start) < 0 || g_date_compare (&f->end, &c->end) > 0)
        {
          g_autofree char *a1 = pw_date_format_iso_new (&c->start);
          g_autofree char *b1 = pw_date_format_iso_new (&c->end);
          return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path,
                       g_date_compare (&f->start, &c->start) < 0 ? "start" : "end",
                       _("the range lies outside the term %s to %s"), a1, b1);
        }
      for (guint k = 0; k < i; k++)
        {
          PwFreePeriod *g = c->free_periods->pdata[k];
          if (g_date_compare (&f->start, &g->end) <= 0 && g_date_compare (&g->start, &f->end) <= 0)
            return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "start",
                         _("overlaps free_periods[%u]"), k);
        }
      if (f->extends_term)
        {
          GDate limit = c->start;

          g_date_add_days (&c->term_end, g_date_days_between (&f->start, &f->end) + 1);
          /* Civil Code art. 705 holds for the term as extended too */
          g_date_add_years (&limit, 20);
          if (g_date_compare (&c->term_end, &limit) >= 0)
            {
              g_autofree char *e = pw_date_format_iso_new (&c->term_end);
              return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "extends_term",
                           _("the term would run to %s: a lease term cannot exceed 20 years"), e);
            }
        }
    }
  return TRUE;
}

/* Whether @f waives rent: it names "rent" or a charge of that kind */
static gboolean
waives_rent (const PwContract *c, const PwFreePeriod *f)
{
  if (g_strv_contains ((const char *const *) f->waives, "rent"))
    return TRUE;
  for (guint i = 0; i < c->charges->len; i++)
    {
      const PwCharge *ch = c->charges->pdata[i];

      if (g_str_equal (ch->kind, "rent") && g_strv_contains ((const char *const *) f->waives,
                                                              ch->code))
        return TRUE;
    }
  return FALSE;
}

/* B10, rent commencement (起租日): the day after the rent-free ranges that open the
 * term. A range that waives only other charges (the property fee) leaves it
 * alone (docs/charge-rules.md). */
static void
set_rent_commencement (PwContract *c)
{
  c->rent_commencement = c->start;
  for (gboolean moved = TRUE; moved;)
    {
      moved = FALSE;
      for (guint i = 0; i < c->free_periods->len; i++)
        {
          PwFreePeriod *f = c->free_periods->pdata[i];
          if (g_date_compare (&f->start, &c->rent_commencement) == 0 && waives_rent (c, f))
            {
              c->rent_commencement = f->end;
              g_date_add_days (&c->rent_commencement, 1);
              moved = TRUE;
            }
        }
    }
}

static gboolean
parse_cpi (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "year", "value", NULL };
  Jv *a;

  if (!read_array (root, "", "cpi_index", FALSE, &a, error))
    return FALSE;
  for (guint i = 0; a && i < (a)->n; i++)
    {
      g_autofree char *path = NULL;
      Jv *o;
      guint year = 0;
      PwIndexPoint p;

      if (!element_object (a, "", "cpi_index", i, &o, &path, error)
          || !check_members (o, path, allowed, error)
          || !read_uint (o, path, "year", 2999, &year, error)
          || !read_decimal (o, path, "value", TRUE, NULL, &p.value, error))
        return FALSE;
      if (year < 1900)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "year", _("must be a year from 1900"));
      if (pw_decimal_sign (p.value) <= 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, "value", _("must be positive"));
      for (guint k = 0; k < c->cpi_index->len; k++)
        if (g_array_index (c->cpi_index, PwIndexPoint, k).year == (int) year)
          return fail (error, PW_CONTRACT_ERROR_FIELD, path, "year",
                       _("%u is already in the index"), year);
      p.year = (int) year;
      g_array_append_val (c->cpi_index, p);
    }
  return TRUE;
}

static gboolean
parse_deposit (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "months", "charges", "amount", "round_to", "mode",
                                         "top_up", "carried_over", "month", NULL };
  static const char *const month_rules[] = { "rounded", "exact", NULL };
  static const char *const round_to[] = { "minor", "unit", "ten", "hundred", NULL };
  static const char *const modes[] = { "half_up", "half_even", "down", "up", NULL };
  Jv *o;
  gboolean has_months = FALSE;
  int to = 0, mode = 0, month = 0;
  const char *path = "deposit";

  if (!read_object (root, "", "deposit", FALSE, &o, error))
    return FALSE;
  if (o == NULL)
    return TRUE;
  c->deposit.present = TRUE;
  if (!check_members (o, path, allowed, error)
      || !read_decimal (o, path, "months", FALSE, &has_months, &c->deposit.months, error)
      || !read_strv (o, path, "charges", &c->deposit.charges, error)
      || !read_money (o, path, "amount", c->currency, FALSE, &c->deposit.amount, error)
      || !read_money (o, path, "carried_over", c->currency, FALSE, &c->deposit.carried_over, error)
      || !read_enum (o, path, "round_to", round_to, &to, error)
      || !read_enum (o, path, "mode", modes, &mode, error)
      || !read_enum (o, path, "month", month_rules, &month, error)
      || !read_bool (o, path, "top_up", &c->deposit.top_up, error))
    return FALSE;
  c->deposit.exact_month = month == 1;
  c->deposit.fixed = member (o, "amount") != NULL;
  if (c->deposit.fixed && c->deposit.top_up)
    return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "top_up",
                 _("only a deposit of N months of rent can be topped up"));
  if (c->deposit.fixed && member (o, "month") != NULL)
    return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "month",
                 _("only a deposit of N months has a month to round"));
  if (c->deposit.fixed == has_months)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "months",
                 _("give either months or a fixed amount"));
  if (c->deposit.carried_over < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "carried_over", _("must not be negative"));
  if (c->deposit.fixed && c->deposit.amount < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "amount", _("must not be negative"));
  if (has_months && pw_decimal_sign (c->deposit.months) < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "months", _("must not be negative"));
  if (has_months && c->deposit.charges == NULL)
    {
      c->deposit.charges = g_new0 (char *, 2);
      c->deposit.charges[0] = g_strdup ("rent");
    }
  for (guint k = 0; c->deposit.charges && c->deposit.charges[k]; k++)
    if (!find_charge_or_kind (c, c->deposit.charges[k]))
      {
        g_autofree char *key = g_strdup_printf ("charges[%u]", k);
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
                     _("no charge has the code or kind “%s”"), c->deposit.charges[k]);
      }
  c->deposit.round_digits = to == 0 ? c->minor_digits : 1 - to;
  c->deposit.round_mode = mode;
  return TRUE;
}

/* B17: straight-line revenue */
static gboolean
parse_revenue (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "straight_line", "charges", NULL };
  Jv *o;
  const char *path = "revenue";

  if (!read_object (root, "", "revenue", FALSE, &o, error))
    return FALSE;
  if (o == NULL)
    return TRUE;
  if (!check_members (o, path, allowed, error)
      || !read_bool (o, path, "straight_line", &c->revenue.straight_line, error)
      || !read_strv (o, path, "charges", &c->revenue.charges, error))
    return FALSE;
  if (c->revenue.charges == NULL)
    {
      c->revenue.charges = g_new0 (char *, 2);
      c->revenue.charges[0] = g_strdup ("rent");
    }
  else if (!c->revenue.straight_line)
    return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "charges",
                 _("only counts when straight_line is true"));
  for (guint k = 0; c->revenue.charges[k]; k++)
    if (!find_charge_or_kind (c, c->revenue.charges[k]))
      {
        g_autofree char *key = g_strdup_printf ("charges[%u]", k);
        return fail (error, PW_CONTRACT_ERROR_FIELD, path, key,
                     _("no charge has the code or kind “%s”"), c->revenue.charges[k]);
      }
  return TRUE;
}

static gboolean
parse_termination (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = { "date", "penalty", "penalty_tax_code", NULL };
  Jv *o;
  const char *tax = NULL;
  const char *path = "termination";

  if (!read_object (root, "", "termination", FALSE, &o, error))
    return FALSE;
  if (o == NULL)
    return TRUE;
  c->terminated = TRUE;
  if (!check_members (o, path, allowed, error)
      || !read_date (o, path, "date", TRUE, &c->termination, error)
      || !read_money (o, path, "penalty", c->currency, FALSE, &c->penalty, error)
      || !read_string (o, path, "penalty_tax_code", FALSE, &tax, error))
    return FALSE;
  if (c->penalty < 0)
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "penalty", _("must not be negative"));
  if (tax && !pw_contract_find_tax_code (c, tax))
    return fail (error, PW_CONTRACT_ERROR_FIELD, path, "penalty_tax_code",
                 _("no tax code “%s”"), tax);
  c->penalty_tax_code = g_strdup (tax);
  if (!check_in_term (c, path, "date", &c->termination, error))
    return FALSE;
  return TRUE;
}

static gboolean
parse_misc (PwContract *c, Jv *root, GError **error)
{
  static const char *const rounding_allowed[] = { "level", "to", "split", "month", NULL };
  static const char *const levels[] = { "line", "bill", NULL };
  static const char *const tos[] = { "minor", "unit", NULL };
  static const char *const splits[] = { "each_line", "cumulative", NULL };
  static const char *const months[] = { "exact", "rounded", NULL };
  static const char *const late_allowed[] = { "daily_rate", "grace_days", "cap", NULL };
  static const char *const renewal_allowed[] = { "option", "term_months", "notice_days", NULL };
  static const char *const parties_allowed[] = { "landlord", "tenant", NULL };
  Jv *o;
  int level = 0, to = 0, split = 0, month = 0;
  const char *s = NULL;

  if (!read_object (root, "", "parties", TRUE, &o, error)
      || !check_members (o, "parties", parties_allowed, error)
      || !read_string (o, "parties", "landlord", TRUE, &s, error))
    return FALSE;
  c->landlord = g_strdup (s);
  if (!read_string (o, "parties", "tenant", TRUE, &s, error))
    return FALSE;
  c->tenant = g_strdup (s);

  if (!read_object (root, "", "rounding", FALSE, &o, error))
    return FALSE;
  if (o && (!check_members (o, "rounding", rounding_allowed, error)
            || !read_enum (o, "rounding", "level", levels, &level, error)
            || !read_enum (o, "rounding", "to", tos, &to, error)
            || !read_enum (o, "rounding", "split", splits, &split, error)
            || !read_enum (o, "rounding", "month", months, &month, error)))
    return FALSE;
  c->rounding_level = level;
  c->round_to_unit = to == 1;
  c->round_split_cumulative = split == 1;
  c->round_month = month == 1;

  c->late_fee_cap = g_strdup ("none");
  if (!read_object (root, "", "late_fee", FALSE, &o, error))
    return FALSE;
  if (o)
    {
      s = NULL;
      if (!check_members (o, "late_fee", late_allowed, error)
          || !read_decimal (o, "late_fee", "daily_rate", TRUE, NULL, &c->late_fee_daily_rate, error)
          || !read_uint (o, "late_fee", "grace_days", 366, &c->late_fee_grace_days, error)
          || !read_string (o, "late_fee", "cap", FALSE, &s, error))
        return FALSE;
      if (pw_decimal_sign (c->late_fee_daily_rate) < 0
          || pw_decimal_cmp (c->late_fee_daily_rate, pw_decimal_from_int (1, 2)) > 0)
        return fail (error, PW_CONTRACT_ERROR_FIELD, "late_fee", "daily_rate",
                     _("must be a daily fraction from 0 to 0.01"));
      if (s)
        {
          PwDecimal pct;
          if (!g_str_equal (s, "none") && !g_str_equal (s, "principal")
              && !pw_decimal_parse (s, &pct, NULL))
            return fail (error, PW_CONTRACT_ERROR_FIELD, "late_fee", "cap",
                         _("unknown value “%.40s”"), s);
          g_free (c->late_fee_cap);
          c->late_fee_cap = g_strdup (s);
        }
    }

  if (!read_object (root, "", "renewal", FALSE, &o, error))
    return FALSE;
  if (o && (!check_members (o, "renewal", renewal_allowed, error)
            || !read_bool (o, "renewal", "option", &c->renewal_option, error)
            || !read_uint (o, "renewal", "term_months", 240, &c->renewal_term_months, error)
            || !read_uint (o, "renewal", "notice_days", 3660, &c->renewal_notice_days, error)))
    return FALSE;
  return TRUE;
}

/* the checks that need every part read */
static gboolean
check_cpi (PwContract *c, GError **error)
{
  for (guint i = 0; i < c->charges->len; i++)
    {
      PwCharge *ch = c->charges->pdata[i];
      g_autofree char *path = g_strdup_printf ("charges[%u].escalation", i);

      if (ch->escalation.kind == PW_ESCALATION_CPI && c->cpi_index->len < 2)
        return fail (error, PW_CONTRACT_ERROR_INCONSISTENT, path, "type",
                     _("a CPI escalation needs cpi_index with at least two years"));
    }
  return TRUE;
}

/* the contract from its JSON object */
static gboolean
parse_root (PwContract *c, Jv *root, GError **error)
{
  static const char *const allowed[] = {
    "id", "currency", "signed", "start", "end", "parties", "sellers", "spaces", "tax_codes",
    "charges", "free_periods", "cpi_index", "deposit", "termination", "rounding", "late_fee",
    "renewal", "renews", "revenue", NULL };
  const char *s = NULL;
  GDate limit;

  c->sellers = g_ptr_array_new_with_free_func (seller_free);
  c->spaces = g_ptr_array_new_with_free_func (space_free);
  c->tax_codes = g_ptr_array_new_with_free_func (tax_free);
  c->charges = g_ptr_array_new_with_free_func (charge_free);
  c->free_periods = g_ptr_array_new_with_free_func (free_period_free);
  c->cpi_index = g_array_new (FALSE, FALSE, sizeof (PwIndexPoint));

  if (!check_members (root, "", allowed, error)
      || !read_string (root, "", "id", TRUE, &s, error))
    return FALSE;
  c->id = g_strdup (s);
  s = NULL;
  if (!read_string (root, "", "renews", FALSE, &s, error))
    return FALSE;
  c->renews = g_strdup (s);
  if (!read_string (root, "", "currency", TRUE, &s, error))
    return FALSE;
  if (!pw_currency_is_known (s))
    {
      fail (error, PW_CONTRACT_ERROR_FIELD, "", "currency",
            _("“%.40s” is not an active ISO 4217 currency code like CNY"), s);
      return FALSE;
    }
  c->currency = g_strdup (s);
  c->minor_digits = pw_currency_minor_digits (s);
  if (!read_date (root, "", "signed", TRUE, &c->signed_on, error)
      || !read_date (root, "", "start", TRUE, &c->start, error)
      || !read_date (root, "", "end", TRUE, &c->end, error))
    return FALSE;
  if (g_date_compare (&c->start, &c->end) > 0)
    {
      fail (error, PW_CONTRACT_ERROR_INCONSISTENT, "", "end", _("comes before the start"));
      return FALSE;
    }
  if (g_date_compare (&c->signed_on, &c->end) > 0)
    {
      fail (error, PW_CONTRACT_ERROR_INCONSISTENT, "", "signed", _("comes after the term ends"));
      return FALSE;
    }
  /* Civil Code art. 705: a lease term cannot exceed 20 years */
  limit = c->start;
  g_date_add_years (&limit, 20);
  if (g_date_compare (&c->end, &limit) >= 0)
    {
      fail (error, PW_CONTRACT_ERROR_INCONSISTENT, "", "end",
            _("a lease term cannot exceed 20 years"));
      return FALSE;
    }
  c->term_end = c->end;

  c->rent_commencement = c->start;
  if (!parse_misc (c, root, error)
      || !parse_sellers (c, root, error)
      || !parse_spaces (c, root, error)
      || !parse_tax_codes (c, root, error)
      || !parse_free_periods (c, root, error)
      || !parse_cpi (c, root, error)
      || !parse_charges (c, root, error)
      || !check_cpi (c, error)
      || !parse_deposit (c, root, error)
      || !parse_revenue (c, root, error)
      || !parse_termination (c, root, error))
    return FALSE;
  set_rent_commencement (c);
  return TRUE;
}

PwContract *
pw_contract_parse (const char *text, gssize length, GError **error)
{
  g_autoptr(PwContract) c = NULL;
  JvReader reader;
  Jv *root;
  gboolean ok;

  g_return_val_if_fail (text != NULL, NULL);
  if (length < 0)
    length = strlen (text);
  if (length > PW_CONTRACT_MAX_BYTES)
    {
      g_set_error (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                   _("The contract is larger than %d bytes"), PW_CONTRACT_MAX_BYTES);
      return NULL;
    }
  root = jv_read (&reader, text, length, error);
  if (root != NULL && root->type != JV_OBJECT)
    g_set_error_literal (error, PW_CONTRACT_ERROR, PW_CONTRACT_ERROR_SYNTAX,
                         _("The contract must be a JSON object"));
  if (root == NULL || root->type != JV_OBJECT)
    {
      jv_reader_clear (&reader);
      return NULL;
    }
  c = g_new0 (PwContract, 1);
  ok = parse_root (c, root, error);
  jv_reader_clear (&reader);
  return ok ? g_steal_pointer (&c) : NULL;
}

PwContract *
pw_contract_load (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_autoptr(GError) local = NULL;
  PwContract *c;

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  c = pw_contract_parse (text, length, &local);
  if (c == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);
      g_set_error (error, local->domain, local->code, "%s: %s", name, local->message);
    }
  return c;
}
