/* pw-step.c — a reader for STEP physical files (ISO 10303-21)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Design note. The scan is one pass over the bytes with a class table; it keeps no
 * value, only where each instance's arguments start.
 *  1. After a successful scan every instance's argument text has balanced brackets
 *     no deeper than PW_IMPORT_MAX_DEPTH, terminated strings with well-formed hex
 *     escapes, and no byte outside the STEP character set; the lazy parser relies
 *     on that and still checks every bound.
 *  2. Offsets are 48-bit, more than any address space maps, so a file has no size
 *     cap; an instance record stays 12 bytes by keeping the type code in 16 bits
 *     (at most MAX_TYPES distinct names, IFC has about 1,300) and its line only
 *     every LINE_EVERY instances (entity_line() scans from there). Counts of
 *     instances are 32-bit and checked. A mapped file is scanned with
 *     MADV_SEQUENTIAL and the pages already indexed are dropped from the process
 *     (MADV_DONTNEED on a private read-only file map only unmaps them: the bytes
 *     stay valid and come back from the page cache when parsed), so resident
 *     memory follows the index, not the file. While arguments are parsed, the span
 *     parsed since the last drop is dropped once it reaches RELEASE_EVERY.
 *  3. The id map is a dense array only when ids are not much sparser than the
 *     instances, so memory stays proportional to the file, never to the largest id.
 *  4. Parsed values live in an arena capped at ARENA_MAX bytes; past it the file is
 *     refused rather than the machine filled.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pw-import.h"
#include "pw-step.h"

#define ID_MAX      2147483647u
#define ARENA_CHUNK (256 * 1024)
#define ARENA_MAX   ((gsize) 512 * 1024 * 1024)

#define OFFSET_BITS    48
#define OFFSET_MASK    ((G_GUINT64_CONSTANT (1) << OFFSET_BITS) - 1)
#define TYPE_NONE      0xffffu   /* a complex instance */
#define MAX_TYPES      65000
#define MAX_ENTITIES   ID_MAX    /* ids are unique, so never more instances than ids */
#define RELEASE_EVERY  ((gsize) 8 * 1024 * 1024)    /* bytes scanned between drops */

#define LINE_EVERY     64   /* instances between two remembered line numbers */

/* 12 bytes: the offset of the '(' opening the arguments is split in its low 32 bits
 * and, with the type code, its high 16 bits. Lines are not kept per instance: see
 * Checkpoint and entity_line(). */
typedef struct
{
  guint32 id;
  guint32 offset_low;
  guint32 high_type;   /* offset >> 32 << 16 | type code (TYPE_NONE: complex) */
} Entity;

/* The line of instance @index's '#' and of its '(', for every LINE_EVERY-th instance
 * and the first of each DATA section. */
typedef struct
{
  guint32 index, line, paren_line;
} Checkpoint;

G_STATIC_ASSERT (sizeof (Entity) == 12);
G_STATIC_ASSERT (MAX_TYPES < TYPE_NONE);
G_STATIC_ASSERT (OFFSET_BITS == 48);

static inline guint64
entity_offset (const Entity *e)
{
  return (guint64) (e->high_type >> 16) << 32 | e->offset_low;
}

static inline gint32
entity_type (const Entity *e)
{
  guint code = e->high_type & 0xffffu;

  return code == TYPE_NONE ? -1 : (gint32) code;
}

typedef struct _Chunk Chunk;
struct _Chunk
{
  Chunk *next;
  gsize  size, used;
  char   data[];
};

struct _PwStepFile
{
  GBytes      *bytes;
  const char  *data;
  gsize        len;
  gboolean     mapped;      /* data is a private read-only file map: pages may be dropped */
  gsize        released;    /* bytes from data already given back to the page cache */
  gsize        page;
  gboolean     touched;     /* parsed since the last drop, over [touched_lo, touched_hi) */
  gsize        touched_lo, touched_hi;

  Entity      *entities;
  guint        n_entities, n_alloc;
  GArray      *checkpoints; /* of Checkpoint, by index */
  gboolean     new_section;
  guint32     *dense;       /* id → index + 1, or NULL when sparse */
  guint32      dense_len;
  GHashTable  *sparse;      /* id → index + 1 */

  GPtrArray   *type_names;  /* code → char* */
  gint32      *type_slots;  /* open addressing: code + 1, 0 when empty */
  guint32     *type_hashes;
  guint        n_slots;

  char        *schema;

  /* index → parsed arguments: a hash of what was asked for while that is a small part
   * of the instances, then an array of one pointer per instance */
  GHashTable  *cache;
  const PwStepValue **cache_array;
  Chunk       *arena;
  gsize        arena_total;
  GArray      *stack;       /* of PwStepValue, the items of lists being parsed */
};

/* ------------------------------------------------------------ errors */

static void G_GNUC_PRINTF (5, 6)
set_error (GError **error, int code, guint line, guint32 id, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  if (id != 0)
    g_set_error (error, PW_PLAN_ERROR, code, _("Line %u, #%u: %s"), line, id, detail);
  else
    g_set_error (error, PW_PLAN_ERROR, code, _("Line %u: %s"), line, detail);
}

/* ------------------------------------------------------------ scanner */

enum {
  C_BAD = 0,     /* not allowed outside strings */
  C_PLAIN,       /* letters, digits, . , # $ * + - _ ! and blanks */
  C_NL,
  C_OPEN,
  C_CLOSE,
  C_QUOTE,
  C_DQUOTE,
  C_SLASH,
};

static guint8 klass[256];

static void
init_classes (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int c = 'A'; c <= 'Z'; c++)
        klass[c] = C_PLAIN;
      for (int c = 'a'; c <= 'z'; c++)
        klass[c] = C_PLAIN;
      for (int c = '0'; c <= '9'; c++)
        klass[c] = C_PLAIN;
      for (const char *p = ".,#$*+-_! \t\r"; *p; p++)
        klass[(guchar) *p] = C_PLAIN;
      klass['\n'] = C_NL;
      klass['('] = C_OPEN;
      klass[')'] = C_CLOSE;
      klass['\''] = C_QUOTE;
      klass['"'] = C_DQUOTE;
      klass['/'] = C_SLASH;
      g_once_init_leave (&done, 1);
    }
}

typedef struct
{
  PwStepFile *file;
  const char *p, *end;
  guint       line;
  guint32     id;      /* instance being read, 0 in the header */
} Scan;

static gboolean
skip_comment (Scan *s, GError **error)
{
  guint start = s->line;

  /* s->p is at the slash opening the comment */
  s->p += 2;
  while (s->p + 1 < s->end)
    {
      if (*s->p == '*' && s->p[1] == '/')
        {
          s->p += 2;
          return TRUE;
        }
      if (*s->p == '\n')
        s->line++;
      s->p++;
    }
  set_error (error, PW_PLAN_ERROR_PARSE, start, s->id,
             _("a comment is not closed with */"));
  return FALSE;
}

static gboolean
skip_blank (Scan *s, GError **error)
{
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '\n')
        s->line++, s->p++;
      else if (c == ' ' || c == '\t' || c == '\r')
        s->p++;
      else if (c == '/' && s->p + 1 < s->end && s->p[1] == '*')
        {
          if (!skip_comment (s, error))
            return FALSE;
        }
      else
        break;
    }
  return TRUE;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* Checks one escape inside a string; s->p is at the backslash. Sequences the
 * standard does not define are left as a literal backslash, as writers do. */
static gboolean
check_escape (Scan *s, GError **error)
{
  const char *p = s->p;
  gsize left = s->end - p;

  if (left >= 4 && p[1] == 'X' && (p[2] == '2' || p[2] == '4') && p[3] == '\\')
    {
      guint group = p[2] == '2' ? 4 : 8;

      p += 4;
      for (;;)
        {
          if ((gsize) (s->end - p) >= 4 && p[0] == '\\' && p[1] == 'X' && p[2] == '0' && p[3] == '\\')
            {
              s->p = p + 4;
              return TRUE;
            }
          for (guint i = 0; i < group; i++)
            if (p + i >= s->end || !is_hex (p[i]))
              {
                set_error (error, PW_PLAN_ERROR_PARSE, s->line, s->id,
                           _("a \\X%c\\ escape in a string needs groups of %u hex digits "
                             "ended by \\X0\\"), group == 4 ? '2' : '4', group);
                return FALSE;
              }
          p += group;
        }
    }
  if (left >= 3 && p[1] == 'X' && p[2] == '\\')
    {
      if (left < 5 || !is_hex (p[3]) || !is_hex (p[4]))
        {
          set_error (error, PW_PLAN_ERROR_PARSE, s->line, s->id,
                     _("a \\X\\ escape in a string needs two hex digits"));
          return FALSE;
        }
      s->p = p + 5;
      return TRUE;
    }
  if (left >= 2 && p[1] == '\\')
    {
      s->p = p + 2;
      return TRUE;
    }
  s->p = p + 1;
  return TRUE;
}

static gboolean
skip_string (Scan *s, GError **error)
{
  guint start = s->line;

  s->p++;
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '\'')
        {
          if (s->p + 1 < s->end && s->p[1] == '\'')
            {
              s->p += 2;
              continue;
            }
          s->p++;
          return TRUE;
        }
      if (c == '\\')
        {
          if (!check_escape (s, error))
            return FALSE;
          continue;
        }
      if (c == '\n')
        s->line++;
      s->p++;
    }
  set_error (error, PW_PLAN_ERROR_PARSE, start, s->id, _("a string is not closed"));
  return FALSE;
}

/* Skips a bracketed argument list; s->p is at its '('. The common bytes are walked
 * with local copies of the position and line (a char store may alias *s, so the
 * compiler would otherwise reload them at each byte); they go back to *s before
 * anything else reads it. */
static gboolean
skip_args (Scan *s, GError **error)
{
  guint depth = 0;
  guint start = s->line;
  const char *p = s->p, *end = s->end;
  guint line = s->line;

  while (p < end)
    {
      guchar c = (guchar) *p;

      switch (klass[c])
        {
        case C_PLAIN:
          p++;
          while (p < end && klass[(guchar) *p] == C_PLAIN)
            p++;
          break;
        case C_NL:
          line++;
          p++;
          break;
        case C_OPEN:
          if (++depth > PW_IMPORT_MAX_DEPTH)
            {
              s->p = p, s->line = line;
              set_error (error, PW_PLAN_ERROR_LIMIT, s->line, s->id,
                         _("lists are nested more than %d deep"), PW_IMPORT_MAX_DEPTH);
              return FALSE;
            }
          p++;
          break;
        case C_CLOSE:
          p++;
          if (--depth == 0)
            {
              s->p = p, s->line = line;
              return TRUE;
            }
          break;
        case C_QUOTE:
          s->p = p, s->line = line;
          if (!skip_string (s, error))
            return FALSE;
          p = s->p, line = s->line;
          break;
        case C_DQUOTE:
          p++;
          while (p < end && is_hex (*p))
            p++;
          if (p >= end || *p != '"')
            {
              s->p = p, s->line = line;
              set_error (error, PW_PLAN_ERROR_PARSE, s->line, s->id,
                         _("a binary value is not closed with \""));
              return FALSE;
            }
          p++;
          break;
        case C_SLASH:
          if (p + 1 < end && p[1] == '*')
            {
              s->p = p, s->line = line;
              if (!skip_comment (s, error))
                return FALSE;
              p = s->p, line = s->line;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case C_BAD:
        default:
          s->p = p, s->line = line;
          if (c == ';')
            set_error (error, PW_PLAN_ERROR_PARSE, s->line, s->id,
                       _("“;” before the arguments are closed: a “)” is missing"));
          else
            set_error (error, PW_PLAN_ERROR_PARSE, s->line, s->id,
                       _("unexpected byte 0x%02x"), c);
          return FALSE;
        }
    }
  s->p = p, s->line = line;
  set_error (error, PW_PLAN_ERROR_PARSE, start, s->id,
             _("the file ends before the instance is closed"));
  return FALSE;
}

static gsize
scan_keyword (Scan *s, guint32 *hash)
{
  const char *start = s->p, *p = s->p, *end = s->end;
  guint32 h = 2166136261u;

  while (p < end && (g_ascii_isalnum (*p) || *p == '_' || *p == '!' || (*p == '-' && p > start)))
    {
      h = (h ^ (guchar) *p) * 16777619u;
      p++;
    }
  s->p = p;
  *hash = h;
  return p - start;
}

static gboolean
at_keyword (Scan *s, const char *word)
{
  gsize n = strlen (word);

  return (gsize) (s->end - s->p) >= n && memcmp (s->p, word, n) == 0
         && (s->p + n == s->end || !(g_ascii_isalnum (s->p[n]) || s->p[n] == '_'));
}

static gboolean
expect_char (Scan *s, char c, GError **error)
{
  if (!skip_blank (s, error))
    return FALSE;
  if (s->p >= s->end)
    {
      set_error (error, PW_PLAN_ERROR_PARSE, s->line, s->id,
                 _("the file ends where “%c” was expected"), c);
      return FALSE;
    }
  if (*s->p != c)
    {
      set_error (error, PW_PLAN_ERROR_PARSE, s->line, s->id,
                 _("“%c” expected"), c);
      return FALSE;
    }
  s->p++;
  return TRUE;
}

/* ------------------------------------------------------------ types */

static gint32
intern_type (PwStepFile *file, const char *name, gsize len, guint32 hash)
{
  guint mask, i;

  if (file->type_names->len * 2 >= file->n_slots)
    {
      guint n = file->n_slots ? file->n_slots * 2 : 1024;
      gint32 *slots = g_new0 (gint32, n);
      guint32 *hashes = g_new0 (guint32, n);

      for (guint j = 0; j < file->n_slots; j++)
        if (file->type_slots[j] != 0)
          {
            guint k = file->type_hashes[j] & (n - 1);

            while (slots[k] != 0)
              k = (k + 1) & (n - 1);
            slots[k] = file->type_slots[j];
            hashes[k] = file->type_hashes[j];
          }
      g_free (file->type_slots);
      g_free (file->type_hashes);
      file->type_slots = slots;
      file->type_hashes = hashes;
      file->n_slots = n;
    }
  mask = file->n_slots - 1;
  for (i = hash & mask; file->type_slots[i] != 0; i = (i + 1) & mask)
    if (file->type_hashes[i] == hash)
      {
        const char *known = g_ptr_array_index (file->type_names, file->type_slots[i] - 1);

        if (strncmp (known, name, len) == 0 && known[len] == '\0')
          return file->type_slots[i] - 1;
      }
  if (file->type_names->len >= MAX_TYPES)
    return -2;
  g_ptr_array_add (file->type_names, g_strndup (name, len));
  file->type_slots[i] = file->type_names->len;
  file->type_hashes[i] = hash;
  return file->type_names->len - 1;
}

int
pw_step_file_find_type (PwStepFile *file, const char *upper_name)
{
  guint32 h = 2166136261u;
  gsize len = strlen (upper_name);
  guint mask;

  if (file->n_slots == 0)
    return -1;
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar) upper_name[i]) * 16777619u;
  mask = file->n_slots - 1;
  for (guint i = h & mask; file->type_slots[i] != 0; i = (i + 1) & mask)
    if (file->type_hashes[i] == h
        && strcmp (g_ptr_array_index (file->type_names, file->type_slots[i] - 1), upper_name) == 0)
      return file->type_slots[i] - 1;
  return -1;
}

/* ------------------------------------------------------------ reading */

static gboolean
add_entity (PwStepFile *file, guint32 id, gint32 type, gsize offset, guint32 line,
            guint32 paren_line, GError **error)
{
  if (file->n_entities >= MAX_ENTITIES || (guint64) offset > OFFSET_MASK)
    {
      set_error (error, PW_PLAN_ERROR_LIMIT, line, id,
                 _("the file holds more instances than can be indexed"));
      return FALSE;
    }
  if (file->n_entities == file->n_alloc)
    {
      file->n_alloc = file->n_alloc ? MIN (file->n_alloc * (gsize) 2, (gsize) MAX_ENTITIES) : 4096;
      file->entities = g_renew (Entity, file->entities, file->n_alloc);
    }
  if (file->new_section || file->n_entities % LINE_EVERY == 0)
    {
      Checkpoint cp = { file->n_entities, line, paren_line };

      g_array_append_val (file->checkpoints, cp);
      file->new_section = FALSE;
    }
  file->entities[file->n_entities++] = (Entity) {
    id, (guint32) offset,
    (guint32) ((guint64) offset >> 32) << 16 | (type < 0 ? TYPE_NONE : (guint) type)
  };
  return TRUE;
}

/* Gives the pages of [from, to) back to the page cache (see note 2). */
static void
release_range (PwStepFile *file, gsize from, gsize to)
{
  from = from & ~(file->page - 1);
  to = MIN ((to + file->page - 1) & ~(file->page - 1), (file->len + file->page - 1) & ~(file->page - 1));
  if (file->mapped && to > from)
    (void) madvise ((char *) file->data + from, to - from, MADV_DONTNEED);
}

/* While scanning: drops what lies well behind the scan. */
static inline void
release_behind (PwStepFile *file, const char *p)
{
  gsize at = (gsize) (p - file->data);

  if (file->mapped && at - file->released >= RELEASE_EVERY)
    {
      gsize to = at & ~(file->page - 1);

      release_range (file, file->released, to);
      file->released = to;
    }
}

static gboolean parse_header (PwStepFile *file, Scan *s, GError **error);

static gboolean
scan_data (PwStepFile *file, Scan *s, GError **error)
{
  for (;;)
    {
      guint32 id = 0, hash;
      gint32 type = -1;
      guint line;
      const char *digits;

      s->id = 0;
      if (!skip_blank (s, error))
        return FALSE;
      if (s->p >= s->end)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, s->line, 0,
                     _("the file ends inside the DATA section, before ENDSEC;"));
          return FALSE;
        }
      if (*s->p != '#')
        {
          if (at_keyword (s, "ENDSEC"))
            {
              s->p += 6;
              return expect_char (s, ';', error);
            }
          set_error (error, PW_PLAN_ERROR_PARSE, s->line, 0,
                     _("an instance “#id=…;” or ENDSEC; was expected"));
          return FALSE;
        }
      line = s->line;
      digits = ++s->p;
      {
        guint64 big = 0;

        while (s->p < s->end && g_ascii_isdigit (*s->p))
          {
            big = big * 10 + (guint64) (*s->p - '0');
            s->p++;
            if (big > ID_MAX)
              {
                set_error (error, PW_PLAN_ERROR_PARSE, line, 0,
                           _("the instance number #%.*s… is out of range"),
                           (int) MIN (s->p - digits, 12), digits);
                return FALSE;
              }
          }
        id = (guint32) big;
      }
      if (s->p == digits || id == 0)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, line, 0,
                     _("“#” must be followed by a positive instance number"));
          return FALSE;
        }
      s->id = id;
      if (!expect_char (s, '=', error) || !skip_blank (s, error))
        return FALSE;
      if (s->p < s->end && *s->p != '(')
        {
          const char *name = s->p;
          gsize len = scan_keyword (s, &hash);

          if (len == 0)
            {
              set_error (error, PW_PLAN_ERROR_PARSE, s->line, id,
                         _("an entity name was expected after “=”"));
              return FALSE;
            }
          type = intern_type (file, name, len, hash);
          if (type == -2)
            {
              set_error (error, PW_PLAN_ERROR_LIMIT, s->line, id,
                         _("the file uses more than %u entity names"), (guint) MAX_TYPES);
              return FALSE;
            }
          if (!skip_blank (s, error))
            return FALSE;
        }
      if (s->p >= s->end || *s->p != '(')
        {
          set_error (error, PW_PLAN_ERROR_PARSE, s->line, id,
                     s->p >= s->end ? _("the file ends before the instance’s arguments")
                                    : _("“(” expected"));
          return FALSE;
        }
      if (!add_entity (file, id, type, s->p - file->data, line, s->line, error)
          || !skip_args (s, error) || !expect_char (s, ';', error))
        return FALSE;
      release_behind (file, s->p);
    }
}

/* The line of instance @index's '#': from the last checkpoint before it, the scan is
 * run again over at most LINE_EVERY instances of the same DATA section (the file has
 * been checked, so it cannot fail); a line is one more than the newlines before it. */
static guint
entity_line (PwStepFile *file, guint index)
{
  const Checkpoint *cps = (const Checkpoint *) (gpointer) file->checkpoints->data;
  guint lo = 0, hi = file->checkpoints->len;
  const Checkpoint *cp;
  Scan s;

  g_assert (hi > 0 && cps[0].index == 0);
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (cps[mid].index <= index)
        lo = mid;
      else
        hi = mid;
    }
  cp = &cps[lo];
  if (cp->index == index)
    return cp->line;
  s = (Scan) { file, file->data + entity_offset (&file->entities[cp->index]),
               file->data + file->len, cp->paren_line, 0 };
  for (guint j = cp->index; j < index; j++)
    {
      const char *paren = file->data + entity_offset (&file->entities[j + 1]);

      if (!skip_args (&s, NULL) || !expect_char (&s, ';', NULL) || !skip_blank (&s, NULL))
        break;
      if (j + 1 == index)
        return s.line;
      for (; s.p < paren; s.p++)
        if (*s.p == '\n')
          s.line++;
    }
  g_return_val_if_reached (cp->line);
}

static gboolean
build_index (PwStepFile *file, GError **error)
{
  guint32 max_id = 0;

  for (guint i = 0; i < file->n_entities; i++)
    max_id = MAX (max_id, file->entities[i].id);
  if ((guint64) max_id <= 2 * (guint64) file->n_entities + 1024)
    {
      file->dense_len = max_id + 1;
      file->dense = g_new0 (guint32, file->dense_len);
    }
  else
    file->sparse = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < file->n_entities; i++)
    {
      const Entity *e = &file->entities[i];
      guint32 before;

      if (file->dense)
        {
          before = file->dense[e->id];
          if (before == 0)
            file->dense[e->id] = i + 1;
        }
      else
        {
          before = GPOINTER_TO_UINT (g_hash_table_lookup (file->sparse, GUINT_TO_POINTER (e->id)));
          if (before == 0)
            g_hash_table_insert (file->sparse, GUINT_TO_POINTER (e->id), GUINT_TO_POINTER (i + 1));
        }
      if (before != 0)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, entity_line (file, i), e->id,
                     _("the instance number is used twice (first on line %u)"),
                     entity_line (file, before - 1));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
scan_bytes (PwStepFile *file, GError **error)
{
  Scan s;

  init_classes ();
  if (file->len == 0 || file->data == NULL)
    {
      set_error (error, PW_PLAN_ERROR_PARSE, 1, 0, _("the file is empty"));
      return FALSE;
    }
  s = (Scan) { file, file->data, file->data + file->len, 1, 0 };
  /* a UTF-8 byte order mark is tolerated */
  if (file->len >= 3 && memcmp (s.p, "\xef\xbb\xbf", 3) == 0)
    s.p += 3;
  if (!skip_blank (&s, error))
    return FALSE;
  if (!at_keyword (&s, "ISO-10303-21"))
    {
      set_error (error, PW_PLAN_ERROR_PARSE, s.line, 0,
                 _("a STEP file starts with “ISO-10303-21;”"));
      return FALSE;
    }
  s.p += strlen ("ISO-10303-21");
  if (!expect_char (&s, ';', error) || !skip_blank (&s, error))
    return FALSE;
  if (!at_keyword (&s, "HEADER"))
    {
      set_error (error, PW_PLAN_ERROR_PARSE, s.line, 0, _("the HEADER section is missing"));
      return FALSE;
    }
  s.p += 6;
  if (!expect_char (&s, ';', error) || !parse_header (file, &s, error))
    return FALSE;

  /* one or more DATA sections, then END-ISO-10303-21; */
  for (gboolean any = FALSE;;)
    {
      if (!skip_blank (&s, error))
        return FALSE;
      if (at_keyword (&s, "DATA"))
        {
          s.p += 4;
          if (!skip_blank (&s, error))
            return FALSE;
          if (s.p < s.end && *s.p == '(' && !skip_args (&s, error))
            return FALSE;
          file->new_section = TRUE;
          if (!expect_char (&s, ';', error) || !scan_data (file, &s, error))
            return FALSE;
          any = TRUE;
          continue;
        }
      if (at_keyword (&s, "END-ISO-10303-21") && any)
        break;
      set_error (error, PW_PLAN_ERROR_PARSE, s.line, 0,
                 s.p >= s.end ? _("the file ends without a DATA section and END-ISO-10303-21;")
                              : any ? _("DATA; or END-ISO-10303-21; was expected")
                                    : _("the DATA section is missing"));
      return FALSE;
    }
  return build_index (file, error);
}

static gboolean
scan_file (PwStepFile *file, GError **error)
{
  gboolean ok;

  if (file->mapped)
    (void) madvise ((char *) file->data, file->len, MADV_SEQUENTIAL);
  ok = scan_bytes (file, error);
  if (file->mapped)
    {
      /* the index is built: what the importer parses comes back page by page */
      release_range (file, file->released, file->len);
      file->released = file->len;
      (void) madvise ((char *) file->data, file->len, MADV_NORMAL);
    }
  return ok;
}

/* ------------------------------------------------------------ arena */

static gpointer
arena_alloc (PwStepFile *file, gsize size, GError **error)
{
  Chunk *c = file->arena;

  size = (size + 7) & ~(gsize) 7;
  if (c == NULL || c->size - c->used < size)
    {
      gsize want = MAX (ARENA_CHUNK, size);

      if (file->arena_total + want > ARENA_MAX)
        {
          g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                       _("The model needs more than %u MB to read"),
                       (guint) (ARENA_MAX >> 20));
          return NULL;
        }
      c = g_malloc (sizeof (Chunk) + want);
      c->size = want;
      c->used = 0;
      c->next = file->arena;
      file->arena = c;
      file->arena_total += want;
    }
  c->used += size;
  return c->data + c->used - size;
}

/* ------------------------------------------------------------ strings */

static void
append_unichar (GString *out, gunichar c)
{
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) || c == 0)
    c = 0xFFFD;
  g_string_append_unichar (out, c);
}

static guint
hex_value (const char *p, guint n)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    v = v * 16 + g_ascii_xdigit_value (p[i]);
  return v;
}

char *
pw_step_decode_string (const char *text, gsize len, gsize *bad_offset)
{
  GString *out = g_string_sized_new (len);
  const char *p = text, *end = text + len;

  while (p < end)
    {
      gsize left = end - p;

      if (*p == '\'' && left >= 2 && p[1] == '\'')
        {
          g_string_append_c (out, '\'');
          p += 2;
        }
      else if (*p == '\\' && left >= 4 && p[1] == 'X' && (p[2] == '2' || p[2] == '4') && p[3] == '\\')
        {
          guint group = p[2] == '2' ? 4 : 8;
          const char *start = p;

          p += 4;
          for (;;)
            {
              if ((gsize) (end - p) >= 4 && memcmp (p, "\\X0\\", 4) == 0)
                {
                  p += 4;
                  break;
                }
              if ((gsize) (end - p) < group)
                goto bad;
              for (guint i = 0; i < group; i++)
                if (!is_hex (p[i]))
                  goto bad;
              {
                guint v = hex_value (p, group);

                p += group;
                /* UTF-16 surrogate pairs in \X2\ */
                if (group == 4 && v >= 0xD800 && v <= 0xDBFF && (gsize) (end - p) >= 4
                    && is_hex (p[0]) && is_hex (p[1]) && is_hex (p[2]) && is_hex (p[3]))
                  {
                    guint lo = hex_value (p, 4);

                    if (lo >= 0xDC00 && lo <= 0xDFFF)
                      {
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                        p += 4;
                      }
                  }
                append_unichar (out, v);
              }
              continue;
            bad:
              if (bad_offset)
                *bad_offset = start - text;
              g_string_free (out, TRUE);
              return NULL;
            }
        }
      else if (*p == '\\' && left >= 3 && p[1] == 'X' && p[2] == '\\')
        {
          if (left < 5 || !is_hex (p[3]) || !is_hex (p[4]))
            {
              if (bad_offset)
                *bad_offset = p - text;
              g_string_free (out, TRUE);
              return NULL;
            }
          append_unichar (out, hex_value (p + 3, 2));
          p += 5;
        }
      else if (*p == '\\' && left >= 4 && p[1] == 'S' && p[2] == '\\')
        {
          append_unichar (out, (guchar) p[3] + 128u);
          p += 4;
        }
      else if (*p == '\\' && left >= 4 && p[1] == 'P' && p[3] == '\\')
        p += 4;   /* code page switch: ISO 8859-1 is all we map */
      else if (*p == '\\' && left >= 2 && p[1] == '\\')
        {
          g_string_append_c (out, '\\');
          p += 2;
        }
      else
        g_string_append_c (out, *p++);
    }
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      /* raw 8-bit text from writers that ignore the escapes: read it as Latin-1 */
      char *latin = g_convert (out->str, out->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);

      if (latin == NULL)
        latin = g_utf8_make_valid (out->str, out->len);
      g_string_free (out, TRUE);
      return latin;
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ values */

typedef struct
{
  PwStepFile *file;
  const char *p, *end;
  guint       line;
  guint32     id;
} Parse;

static void
parse_blank (Parse *ps)
{
  while (ps->p < ps->end)
    {
      char c = *ps->p;

      if (c == '\n')
        ps->line++, ps->p++;
      else if (c == ' ' || c == '\t' || c == '\r')
        ps->p++;
      else if (c == '/' && ps->p + 1 < ps->end && ps->p[1] == '*')
        {
          const char *close = g_strstr_len (ps->p + 2, ps->end - ps->p - 2, "*/");

          for (const char *q = ps->p; q < (close ? close : ps->end); q++)
            if (*q == '\n')
              ps->line++;
          ps->p = close ? close + 2 : ps->end;
        }
      else
        break;
    }
}

static gboolean parse_list (Parse *ps, PwStepValue *out, guint depth, GError **error);

static gboolean
parse_value (Parse *ps, PwStepValue *v, guint depth, GError **error)
{
  char c;

  parse_blank (ps);
  if (ps->p >= ps->end)
    goto unexpected;
  c = *ps->p;
  memset (v, 0, sizeof *v);
  if (c == '$')
    {
      v->kind = PW_STEP_NULL;
      ps->p++;
    }
  else if (c == '*')
    {
      v->kind = PW_STEP_DERIVED;
      ps->p++;
    }
  else if (c == '#')
    {
      guint64 id = 0;
      const char *digits = ++ps->p;

      while (ps->p < ps->end && g_ascii_isdigit (*ps->p) && ps->p - digits < 11)
        id = id * 10 + (*ps->p++ - '0');
      if (ps->p == digits || id == 0 || id > ID_MAX)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                     _("a reference “#%.*s” is out of range"),
                     (int) MIN (ps->p - digits, 12), digits);
          return FALSE;
        }
      v->kind = PW_STEP_REF;
      v->ref = (guint32) id;
    }
  else if (c == '\'')
    {
      const char *start = ++ps->p;
      gsize bad = 0;
      g_autofree char *text = NULL;
      char *copy;

      while (ps->p < ps->end)
        {
          if (*ps->p == '\'')
            {
              if (ps->p + 1 < ps->end && ps->p[1] == '\'')
                {
                  ps->p += 2;
                  continue;
                }
              break;
            }
          if (*ps->p == '\n')
            ps->line++;
          ps->p++;
        }
      if (ps->p >= ps->end)
        goto unexpected;
      text = pw_step_decode_string (start, ps->p - start, &bad);
      ps->p++;
      if (text == NULL)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                     _("a string holds a malformed \\X escape"));
          return FALSE;
        }
      v->kind = PW_STEP_STRING;
      v->n = strlen (text);
      copy = arena_alloc (ps->file, v->n + 1, error);
      if (copy == NULL)
        return FALSE;
      memcpy (copy, text, v->n + 1);
      v->text = copy;
    }
  else if (c == '"')
    {
      const char *start = ++ps->p;
      char *copy;

      while (ps->p < ps->end && *ps->p != '"')
        ps->p++;
      if (ps->p >= ps->end)
        goto unexpected;
      v->kind = PW_STEP_BINARY;
      v->n = ps->p - start;
      copy = arena_alloc (ps->file, v->n + 1, error);
      if (copy == NULL)
        return FALSE;
      memcpy (copy, start, v->n);
      copy[v->n] = '\0';
      v->text = copy;
      ps->p++;
    }
  else if (c == '.')
    {
      const char *start = ++ps->p;
      char *copy;

      while (ps->p < ps->end && (g_ascii_isalnum (*ps->p) || *ps->p == '_'))
        ps->p++;
      if (ps->p >= ps->end || *ps->p != '.')
        goto unexpected;
      v->kind = PW_STEP_ENUM;
      v->n = ps->p - start;
      copy = arena_alloc (ps->file, v->n + 1, error);
      if (copy == NULL)
        return FALSE;
      memcpy (copy, start, v->n);
      copy[v->n] = '\0';
      v->text = copy;
      ps->p++;
    }
  else if (c == '+' || c == '-' || g_ascii_isdigit (c))
    {
      const char *start = ps->p;
      gboolean real = FALSE;
      char buf[64];
      gsize n;
      char *endp;

      ps->p++;
      while (ps->p < ps->end && (g_ascii_isdigit (*ps->p) || *ps->p == '.' || *ps->p == 'E'
                                 || *ps->p == 'e' || *ps->p == '+' || *ps->p == '-'))
        {
          if (*ps->p == '.' || *ps->p == 'E' || *ps->p == 'e')
            real = TRUE;
          ps->p++;
        }
      n = ps->p - start;
      if (n >= sizeof buf)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                     _("a number is %zu characters long"), n);
          return FALSE;
        }
      memcpy (buf, start, n);
      buf[n] = '\0';
      if (!real)
        {
          gint64 i = g_ascii_strtoll (buf, &endp, 10);

          if (*endp == '\0' && i != G_MAXINT64 && i != G_MININT64)
            {
              v->kind = PW_STEP_INTEGER;
              v->integer = i;
              return TRUE;
            }
        }
      v->kind = PW_STEP_REAL;
      v->real = g_ascii_strtod (buf, &endp);
      if (*endp != '\0' || endp == buf)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                     _("“%s” is not a number"), buf);
          return FALSE;
        }
      if (!isfinite (v->real))
        {
          set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                     _("the number %s is out of range"), buf);
          return FALSE;
        }
    }
  else if (c == '(')
    return parse_list (ps, v, depth, error);
  else if (g_ascii_isalpha (c) || c == '!')
    {
      const char *start = ps->p;
      PwStepValue list;
      PwStepValue *inner;
      char *type;

      while (ps->p < ps->end && (g_ascii_isalnum (*ps->p) || *ps->p == '_' || *ps->p == '!'))
        ps->p++;
      type = arena_alloc (ps->file, ps->p - start + 1, error);
      if (type == NULL)
        return FALSE;
      memcpy (type, start, ps->p - start);
      type[ps->p - start] = '\0';
      parse_blank (ps);
      if (ps->p >= ps->end || *ps->p != '(')
        {
          set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                     _("“%s” is neither a number nor a typed value"), type);
          return FALSE;
        }
      if (!parse_list (ps, &list, depth, error))
        return FALSE;
      if (list.n != 1)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                     _("the typed value %s holds %u values instead of one"), type, list.n);
          return FALSE;
        }
      inner = arena_alloc (ps->file, sizeof *inner, error);
      if (inner == NULL)
        return FALSE;
      *inner = list.items[0];
      v->kind = PW_STEP_TYPED;
      v->typed.type = type;
      v->typed.value = inner;
    }
  else
    goto unexpected;
  return TRUE;

unexpected:
  set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
             ps->p >= ps->end ? _("the arguments end early") : _("unexpected “%c” in the arguments"),
             ps->p < ps->end ? *ps->p : ' ');
  return FALSE;
}

static gboolean
parse_list (Parse *ps, PwStepValue *out, guint depth, GError **error)
{
  GArray *stack = ps->file->stack;
  guint base = stack->len;
  PwStepValue *items;
  guint n;

  if (depth >= PW_IMPORT_MAX_DEPTH)
    {
      set_error (error, PW_PLAN_ERROR_LIMIT, ps->line, ps->id,
                 _("lists are nested more than %d deep"), PW_IMPORT_MAX_DEPTH);
      return FALSE;
    }
  ps->p++;   /* '(' */
  parse_blank (ps);
  if (ps->p < ps->end && *ps->p == ')')
    ps->p++;
  else
    for (;;)
      {
        PwStepValue item;

        if (!parse_value (ps, &item, depth + 1, error))
          goto fail;
        if ((stack->len + 1) * sizeof (PwStepValue) + ps->file->arena_total > ARENA_MAX)
          {
            g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_LIMIT,
                         _("Line %u, #%u: the model needs more than %u MB to read"),
                         ps->line, ps->id, (guint) (ARENA_MAX >> 20));
            goto fail;
          }
        g_array_append_val (stack, item);
        parse_blank (ps);
        if (ps->p < ps->end && *ps->p == ',')
          {
            ps->p++;
            continue;
          }
        if (ps->p < ps->end && *ps->p == ')')
          {
            ps->p++;
            break;
          }
        set_error (error, PW_PLAN_ERROR_PARSE, ps->line, ps->id,
                   _("“,” or “)” expected in the arguments"));
        goto fail;
      }
  n = stack->len - base;
  items = n ? arena_alloc (ps->file, n * sizeof (PwStepValue), error) : NULL;
  if (n && items == NULL)
    goto fail;
  if (n)
    memcpy (items, &g_array_index (stack, PwStepValue, base), n * sizeof (PwStepValue));
  g_array_set_size (stack, base);
  memset (out, 0, sizeof *out);
  out->kind = PW_STEP_LIST;
  out->n = n;
  out->items = items;
  return TRUE;

fail:
  g_array_set_size (stack, base);
  return FALSE;
}

static gboolean
parse_header (PwStepFile *file, Scan *s, GError **error)
{
  for (;;)
    {
      const char *name;
      gsize len;
      guint32 hash;
      const char *args;
      guint line;

      if (!skip_blank (s, error))
        return FALSE;
      if (at_keyword (s, "ENDSEC"))
        {
          s->p += 6;
          return expect_char (s, ';', error);
        }
      if (s->p >= s->end)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, s->line, 0,
                     _("the file ends inside the HEADER section, before ENDSEC;"));
          return FALSE;
        }
      name = s->p;
      len = scan_keyword (s, &hash);
      if (len == 0)
        {
          set_error (error, PW_PLAN_ERROR_PARSE, s->line, 0,
                     _("a header entry or ENDSEC; was expected"));
          return FALSE;
        }
      if (!skip_blank (s, error))
        return FALSE;
      if (s->p >= s->end || *s->p != '(')
        {
          set_error (error, PW_PLAN_ERROR_PARSE, s->line, 0, _("“(” expected"));
          return FALSE;
        }
      args = s->p;
      line = s->line;
      if (!skip_args (s, error) || !expect_char (s, ';', error))
        return FALSE;
      if (len == 11 && memcmp (name, "FILE_SCHEMA", 11) == 0 && file->schema == NULL)
        {
          Parse ps = { file, args, s->p, line, 0 };
          PwStepValue list;
          const char *first;

          if (!parse_list (&ps, &list, 0, error))
            return FALSE;
          first = pw_step_value_get_string (pw_step_value_get_item (pw_step_value_get_item (&list, 0), 0));
          if (first != NULL)
            {
              /* "IFC2X3", or "IFC4 {1 0 10303 …}" in some writers */
              const char *brace = strpbrk (first, " {");

              file->schema = g_ascii_strup (first, brace ? brace - first : -1);
            }
        }
    }
}

/* ------------------------------------------------------------ public */

static PwStepFile *
file_new (GBytes *bytes, gboolean mapped, GError **error)
{
  g_autoptr(PwStepFile) file = g_new0 (PwStepFile, 1);
  gsize len;

  file->data = g_bytes_get_data (bytes, &len);
  file->bytes = g_bytes_ref (bytes);
  file->len = len;
  file->page = (gsize) sysconf (_SC_PAGESIZE);
  /* only a page-aligned map may be dropped page by page */
  file->mapped = mapped && file->data != NULL && file->page > 0
                 && (file->page & (file->page - 1)) == 0
                 && (guintptr) file->data % file->page == 0;
  file->type_names = g_ptr_array_new_with_free_func (g_free);
  file->checkpoints = g_array_new (FALSE, FALSE, sizeof (Checkpoint));
  file->stack = g_array_new (FALSE, FALSE, sizeof (PwStepValue));
  if (!scan_file (file, error))
    return NULL;
  return g_steal_pointer (&file);
}

PwStepFile *
pw_step_file_new_from_bytes (GBytes *bytes, GError **error)
{
  return file_new (bytes, FALSE, error);
}

PwStepFile *
pw_step_file_new_for_path (const char *path, GError **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local = NULL;

  /* no size cap: the file is mapped, never copied, and offsets are 48-bit */
  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_FORMAT, "%s", local->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  return file_new (bytes, TRUE, error);
}

void
pw_step_file_free (PwStepFile *file)
{
  if (file == NULL)
    return;
  while (file->arena)
    {
      Chunk *next = file->arena->next;

      g_free (file->arena);
      file->arena = next;
    }
  g_clear_pointer (&file->bytes, g_bytes_unref);
  g_free (file->entities);
  g_clear_pointer (&file->checkpoints, g_array_unref);
  g_free (file->dense);
  g_clear_pointer (&file->sparse, g_hash_table_unref);
  g_clear_pointer (&file->type_names, g_ptr_array_unref);
  g_free (file->type_slots);
  g_free (file->type_hashes);
  g_free (file->schema);
  g_clear_pointer (&file->cache, g_hash_table_unref);
  g_free (file->cache_array);
  g_clear_pointer (&file->stack, g_array_unref);
  g_free (file);
}

const char *
pw_step_file_get_schema (PwStepFile *file)
{
  return file->schema;
}

guint
pw_step_file_get_n_entities (PwStepFile *file)
{
  return file->n_entities;
}

guint
pw_step_file_lookup (PwStepFile *file, guint32 id)
{
  guint32 slot;

  if (file->dense)
    slot = id < file->dense_len ? file->dense[id] : 0;
  else
    slot = GPOINTER_TO_UINT (g_hash_table_lookup (file->sparse, GUINT_TO_POINTER (id)));
  return slot ? slot - 1 : PW_STEP_NO_INDEX;
}

guint32
pw_step_file_get_id (PwStepFile *file, guint index)
{
  g_return_val_if_fail (index < file->n_entities, 0);
  return file->entities[index].id;
}

guint
pw_step_file_get_line (PwStepFile *file, guint index)
{
  g_return_val_if_fail (index < file->n_entities, 0);
  return entity_line (file, index);
}

const char *
pw_step_file_get_type_name (PwStepFile *file, guint index)
{
  g_return_val_if_fail (index < file->n_entities, "");
  if (entity_type (&file->entities[index]) < 0)
    return "";
  return g_ptr_array_index (file->type_names, entity_type (&file->entities[index]));
}

int
pw_step_file_get_type (PwStepFile *file, guint index)
{
  g_return_val_if_fail (index < file->n_entities, -2);
  return entity_type (&file->entities[index]);
}

static const PwStepValue *
cache_get (PwStepFile *file, guint index)
{
  if (file->cache_array)
    return file->cache_array[index];
  return file->cache ? g_hash_table_lookup (file->cache, GUINT_TO_POINTER (index)) : NULL;
}

static void
cache_put (PwStepFile *file, guint index, const PwStepValue *list)
{
  GHashTableIter iter;
  gpointer key, value;

  if (file->cache_array)
    {
      file->cache_array[index] = list;
      return;
    }
  if (file->cache == NULL)
    file->cache = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (file->cache, GUINT_TO_POINTER (index), (gpointer) list);
  /* past an eighth of the instances, a pointer each costs less than the hash */
  if (g_hash_table_size (file->cache) <= file->n_entities / 8)
    return;
  file->cache_array = g_new0 (const PwStepValue *, file->n_entities);
  g_hash_table_iter_init (&iter, file->cache);
  while (g_hash_table_iter_next (&iter, &key, &value))
    file->cache_array[GPOINTER_TO_UINT (key)] = value;
  g_clear_pointer (&file->cache, g_hash_table_unref);
}

const PwStepValue *
pw_step_file_get_args (PwStepFile *file, guint index, GError **error)
{
  const Entity *e;
  PwStepValue *list;
  Parse ps;

  g_return_val_if_fail (index < file->n_entities, NULL);
  list = (PwStepValue *) cache_get (file, index);
  if (list != NULL)
    return list;
  e = &file->entities[index];
  if (entity_type (e) < 0)
    {
      set_error (error, PW_PLAN_ERROR_PARSE, entity_line (file, index), e->id,
                 _("a complex instance was found where a simple one is needed"));
      return NULL;
    }
  /* lines counted from 1 here; an error is found again with the instance's own line */
  ps = (Parse) { file, file->data + entity_offset (e), file->data + file->len, 1, e->id };
  list = arena_alloc (file, sizeof *list, error);
  if (list != NULL && !parse_list (&ps, list, 0, NULL))
    {
      ps = (Parse) { file, file->data + entity_offset (e), file->data + file->len,
                     entity_line (file, index), e->id };
      if (!parse_list (&ps, list, 0, error))
        return NULL;
    }
  if (list == NULL)
    return NULL;
  cache_put (file, index, list);
  if (file->mapped)
    {
      /* Parsed values are copies: the pages they came from can go (note 2). A read
       * fault maps at most a folio or two around the bytes read, so what is mapped
       * stays near the span parsed since the last drop; that span is dropped once
       * it reaches RELEASE_EVERY. */
      if (!file->touched)
        file->touched_lo = entity_offset (e), file->touched_hi = 0, file->touched = TRUE;
      file->touched_lo = MIN (file->touched_lo, entity_offset (e));
      file->touched_hi = MAX (file->touched_hi, (gsize) (ps.p - file->data));
      if (file->touched_hi - file->touched_lo >= RELEASE_EVERY)
        {
          release_range (file, file->touched_lo, file->touched_hi);
          file->touched = FALSE;
        }
    }
  return list;
}

const PwStepValue *
pw_step_value_get_item (const PwStepValue *list, guint i)
{
  if (list == NULL || list->kind != PW_STEP_LIST || i >= list->n)
    return NULL;
  return &list->items[i];
}

gboolean
pw_step_value_get_number (const PwStepValue *value, double *number)
{
  if (value != NULL && value->kind == PW_STEP_TYPED)
    value = value->typed.value;
  if (value == NULL)
    return FALSE;
  if (value->kind == PW_STEP_REAL)
    *number = value->real;
  else if (value->kind == PW_STEP_INTEGER)
    *number = (double) value->integer;
  else
    return FALSE;
  return TRUE;
}

const char *
pw_step_value_get_string (const PwStepValue *value)
{
  if (value != NULL && value->kind == PW_STEP_TYPED)
    value = value->typed.value;
  return value != NULL && value->kind == PW_STEP_STRING ? value->text : NULL;
}

const char *
pw_step_value_get_enum (const PwStepValue *value)
{
  return value != NULL && value->kind == PW_STEP_ENUM ? value->text : NULL;
}

guint32
pw_step_value_get_ref (const PwStepValue *value)
{
  return value != NULL && value->kind == PW_STEP_REF ? value->ref : 0;
}

gboolean
pw_step_value_is_list (const PwStepValue *value)
{
  return value != NULL && value->kind == PW_STEP_LIST;
}
