/* pw-csv.c — CSV import and export of a park's spaces
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is two steps, so that a user sees a preview before anything is written:
 * prepare reads the whole file, checks every row and compares it with the store;
 * commit turns the rows into mutations. Invariants:
 *  1. Prepare never writes, and reads the store with a fixed number of queries
 *     (park, buildings, floors, spaces), never one per row.
 *  2. Every row with something wrong yields at least one problem naming its line and
 *     column; a file with problems is never committed, not even in part.
 *  3. Commit is one pw_store_apply_all: all rows are written, or none.
 *  4. An absent column leaves existing spaces as they are; an empty cell means the
 *     column's default, the same for new and existing spaces.
 *  5. Export writes every column in the canonical form import reads back unchanged,
 *     so export → import reports nothing to change and export is byte-stable.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-area.h"
#include "pw-code-pattern.h"
#include "pw-csv.h"
#include "pw-geometry.h"
#include "pw-ledger.h"

typedef enum {
  COL_CODE,
  COL_BUILDING,
  COL_FLOOR,
  COL_KIND,
  COL_NAME,
  COL_STATUS,
  COL_GROSS,
  COL_INTERNAL,
  COL_USABLE,
  COL_LEASABLE,
  COL_TAKES_SHARE,
  COL_POOL,
  COL_BASIS,
  COL_NOTES,
  COL_OUTLINE,
  N_COLUMNS
} Column;

static const struct {
  const char *name;
  gboolean    required;
} columns[N_COLUMNS] = {
  [COL_CODE] = { "code", TRUE },
  [COL_BUILDING] = { "building", TRUE },
  [COL_FLOOR] = { "floor", TRUE },
  [COL_KIND] = { "kind", TRUE },
  [COL_NAME] = { "name", FALSE },
  [COL_STATUS] = { "status", FALSE },
  [COL_GROSS] = { "gross_area", FALSE },
  [COL_INTERNAL] = { "internal_area", TRUE },
  [COL_USABLE] = { "usable_area", FALSE },
  [COL_LEASABLE] = { "leasable", FALSE },
  [COL_TAKES_SHARE] = { "takes_share", FALSE },
  [COL_POOL] = { "pool_level", FALSE },
  [COL_BASIS] = { "area_basis", FALSE },
  [COL_NOTES] = { "notes", FALSE },
  [COL_OUTLINE] = { "outline", FALSE },
};

#define COL_BIT(c) (1u << (c))

/* pw-ledger.c's validator refuses longer values (it counts bytes) */
#define MAX_NAME_BYTES  200u
#define MAX_NOTES_BYTES 10000u

/* The comparable content of a space, as stored or as a CSV row asks for it. */
typedef struct
{
  char    *floor_id;
  char    *name;
  int      kind;
  int      status;
  gint64   gross;
  gint64   internal;
  gint64   usable;
  gboolean leasable;
  gboolean takes_share;
  int      pool;
  int      basis;
  char    *notes;
  char    *outline;   /* NULL when there is none */
} SpaceValues;

typedef struct
{
  char        *id;
  gint64       version;
  SpaceValues  v;
} Existing;

typedef struct
{
  char        *code;
  guint        line;
  guint        present;   /* COL_BIT of the columns the file has */
  guint        changed;   /* COL_BIT of the columns that differ from @existing */
  Existing    *existing;  /* NULL for a new space */
  SpaceValues  v;
} Row;

typedef struct
{
  char *id;
  char *code;
  char *building_id;
  int   level;
} Floor;

typedef struct
{
  char       *id;
  char       *code;
  GHashTable *floors;  /* code → Floor; floor codes are unique within a building */
} Building;

struct _PwCsvImport
{
  PwStore       *store;
  char          *park_id;
  char          *filename;
  PwCodePattern *pattern;
  GHashTable    *buildings;     /* code → Building */
  GHashTable    *buildings_id;  /* id → Building (borrowed) */
  GHashTable    *floor_codes;   /* code → a Floor with it (borrowed), for messages */
  GHashTable    *existing;      /* code → Existing */
  GHashTable    *seen;          /* code → first line it is on, GUINT_TO_POINTER */
  GPtrArray     *rows;          /* Row, the rows without problems */
  GPtrArray     *problems;      /* PwCsvProblem */
  int            index[N_COLUMNS]; /* column → position in the file, or -1 */
  guint          n_header;      /* fields in the header, known or not */
  GStrv          header;        /* the header's names as written, stripped */
  guint          n_rows;
  guint          n_new;
  guint          n_updated;
  guint          n_unchanged;
  gboolean       committed;
};

/* ---- small helpers -------------------------------------------------------- */

void
pw_csv_problem_free (PwCsvProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

static void
space_values_clear (SpaceValues *v)
{
  g_clear_pointer (&v->floor_id, g_free);
  g_clear_pointer (&v->name, g_free);
  g_clear_pointer (&v->notes, g_free);
  g_clear_pointer (&v->outline, g_free);
}

static void
existing_free (Existing *e)
{
  g_free (e->id);
  space_values_clear (&e->v);
  g_free (e);
}

static void
row_free (Row *row)
{
  g_free (row->code);
  space_values_clear (&row->v);
  g_free (row);
}

static void
floor_free (Floor *f)
{
  g_free (f->id);
  g_free (f->code);
  g_free (f->building_id);
  g_free (f);
}

static void
building_free (Building *b)
{
  g_hash_table_unref (b->floors);
  g_free (b->id);
  g_free (b->code);
  g_free (b);
}

static const char *
column_text (sqlite3_stmt *stmt, int i)
{
  const char *text = (const char *) sqlite3_column_text (stmt, i);
  return text ? text : "";
}

static char *
column_dup_or_null (sqlite3_stmt *stmt, int i)
{
  if (sqlite3_column_type (stmt, i) == SQLITE_NULL)
    return NULL;
  return g_strdup (column_text (stmt, i));
}

/* The park to work on; NULL means the store's first park. */
static char *
resolve_park (PwStore *store, const char *park_id, char **pattern, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (park_id == NULL)
    park_id = pw_ledger_first_park_id (store);
  if (park_id == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("The ledger has no park yet"));
      return NULL;
    }
  stmt = pw_store_prepare (store, "SELECT id, code_pattern FROM park WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("No park with id %s"), park_id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading the park"));
      return NULL;
    }
  if (pattern != NULL)
    *pattern = g_strdup (column_text (stmt, 1));
  return g_strdup (column_text (stmt, 0));
}

/* ---- the CSV reader (RFC 4180) -------------------------------------------- */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
} Reader;

/* What went wrong while splitting one record; field positions are 1-based, 0 = fine. */
typedef struct
{
  guint line;          /* where the record starts */
  guint unterminated;  /* a quoted field runs to the end of the file */
  guint unterminated_line;
  guint stray_quote;   /* a quote inside an unquoted field */
  guint after_quote;   /* text between a closing quote and the next separator */
  guint too_long;      /* the record passed PW_CSV_MAX_RECORD_SIZE in this field */
  gboolean blank;      /* an empty line */
} RecordInfo;

static void
count_line_break (Reader *r, const char *p)
{
  /* CRLF counts once, at its LF; a lone CR counts as a line end too. */
  if (*p == '\n' || (*p == '\r' && (p + 1 >= r->end || p[1] != '\n')))
    r->line++;
}

/* Splits the next record into @fields (char *) and @lines (guint, where each field
 * starts). Returns FALSE at the end of the input. */
static gboolean
read_record (Reader     *r,
             GPtrArray  *fields,
             GArray     *lines,
             RecordInfo *info)
{
  const char *start = r->p;
  gboolean any_quoted = FALSE;

  g_ptr_array_set_size (fields, 0);
  g_array_set_size (lines, 0);
  memset (info, 0, sizeof *info);
  info->line = r->line;

  if (r->p >= r->end)
    return FALSE;

  for (;;)
    {
      guint position = fields->len + 1;
      guint field_line = r->line;
      char *text;

      if (r->p < r->end && *r->p == '"')
        {
          GString *buf = g_string_new (NULL);
          gboolean closed = FALSE;

          any_quoted = TRUE;
          r->p++;
          while (r->p < r->end)
            {
              const char *run = r->p;

              /* copy runs of ordinary bytes at once; only quotes and line ends matter */
              while (r->p < r->end && *r->p != '"' && *r->p != '\n' && *r->p != '\r')
                r->p++;
              g_string_append_len (buf, run, r->p - run);
              if (r->p >= r->end)
                break;
              if (*r->p == '"')
                {
                  if (r->p + 1 < r->end && r->p[1] == '"')
                    {
                      g_string_append_c (buf, '"');
                      r->p += 2;
                      continue;
                    }
                  r->p++;
                  closed = TRUE;
                  break;
                }
              count_line_break (r, r->p);
              g_string_append_c (buf, *r->p);
              r->p++;
            }
          if (!closed)
            {
              info->unterminated = position;
              info->unterminated_line = field_line;
            }
          else if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
            {
              if (info->after_quote == 0)
                info->after_quote = position;
              while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
                r->p++;
            }
          text = g_string_free (buf, FALSE);
        }
      else
        {
          const char *s = r->p;

          while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r')
            {
              if (*r->p == '"' && info->stray_quote == 0)
                info->stray_quote = position;
              r->p++;
            }
          text = g_strndup (s, r->p - s);
        }

      g_ptr_array_add (fields, text);
      g_array_append_val (lines, field_line);
      if (info->too_long == 0 && (gsize) (r->p - start) > PW_CSV_MAX_RECORD_SIZE)
        info->too_long = position;

      if (r->p >= r->end)
        break;
      if (*r->p == ',')
        {
          r->p++;
          continue;
        }
      /* a line end closes the record */
      count_line_break (r, r->p);
      if (*r->p == '\r' && r->p + 1 < r->end && r->p[1] == '\n')
        r->p++;
      r->p++;
      break;
    }

  info->blank = fields->len == 1 && !any_quoted && *(const char *) fields->pdata[0] == '\0';
  return TRUE;
}

/* The line (1-based) on which @bad lies. */
static guint
line_of (const char *start, const char *bad)
{
  Reader r = { start, bad, 1 };

  for (const char *p = start; p < bad; p++)
    count_line_break (&r, p);
  return r.line;
}

/* ---- checking rows -------------------------------------------------------- */

static void add_problem (PwCsvImport *self,
                         guint        line,
                         guint        position,
                         const char  *field,
                         const char  *format,
                         ...) G_GNUC_PRINTF (5, 6);

static void
add_problem (PwCsvImport *self,
             guint        line,
             guint        position,
             const char  *field,
             const char  *format,
             ...)
{
  PwCsvProblem *problem = g_new0 (PwCsvProblem, 1);
  va_list args;

  problem->line = line;
  problem->column = position;
  problem->field = g_strdup (field);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->problems, problem);
}

/* The header's name for field @position (1-based), or NULL past its end. */
static const char *
header_name (PwCsvImport *self, guint position)
{
  return position >= 1 && position <= self->n_header ? self->header[position - 1] : NULL;
}

/* A cell as found in the file, and where it is; used while checking one row. */
typedef struct
{
  PwCsvImport *self;
  GPtrArray   *fields;
  GArray      *lines;
  guint        line;
  gboolean     bad;
} RowCheck;

static const char *
cell (RowCheck *rc, Column col)
{
  int i = rc->self->index[col];
  return i < 0 ? NULL : rc->fields->pdata[i];
}

/* A cell with its surrounding spaces removed, for codes, vocabularies and numbers. */
static char *
cell_stripped (RowCheck *rc, Column col)
{
  const char *text = cell (rc, col);
  return text ? g_strstrip (g_strdup (text)) : NULL;
}

static void G_GNUC_PRINTF (3, 4)
cell_problem (RowCheck *rc, Column col, const char *format, ...)
{
  int i = rc->self->index[col];
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (rc->self, g_array_index (rc->lines, guint, i), (guint) i + 1, columns[col].name,
               "%s", message);
  rc->bad = TRUE;
}

/* Reads an area cell; an empty optional cell is 0. */
static gint64
check_area (RowCheck *rc, Column col)
{
  g_autofree char *text = cell_stripped (rc, col);
  g_autoptr(GError) local = NULL;
  gint64 centi = 0;

  if (text == NULL || *text == '\0')
    {
      if (text != NULL && columns[col].required)
        cell_problem (rc, col, _("A value is required"));
      return 0;
    }
  if (!pw_area_parse (text, &centi, &local))
    {
      cell_problem (rc, col, "%s", local->message);
      return 0;
    }
  if (centi < 0)
    {
      cell_problem (rc, col, _("An area cannot be negative"));
      return 0;
    }
  return centi;
}

static gboolean
check_bool (RowCheck *rc, Column col, gboolean fallback)
{
  g_autofree char *text = cell_stripped (rc, col);

  if (text == NULL || *text == '\0')
    return fallback;
  if (g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1")
      || g_ascii_strcasecmp (text, "yes") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (text, "false") == 0 || g_str_equal (text, "0")
      || g_ascii_strcasecmp (text, "no") == 0)
    return FALSE;
  /* Translators: %s is what the file had; keep true, false, yes, no, 1, 0 untranslated */
  cell_problem (rc, col, _("“%s” is not true, false, yes, no, 1 or 0"), text);
  return fallback;
}

typedef int (*FromStringFunc) (const char *str);

/* Reads a cell of a closed vocabulary; @hint lists the accepted identifiers. */
static int
check_term (RowCheck *rc, Column col, FromStringFunc from_string, int fallback,
            const char *hint)
{
  g_autofree char *text = cell_stripped (rc, col);
  int value;

  if (text == NULL || *text == '\0')
    {
      if (text != NULL && columns[col].required)
        cell_problem (rc, col, _("A value is required"));
      return fallback;
    }
  value = from_string (text);
  if (value < 0)
    {
      /* Translators: first %s is the value found, second the list of accepted values */
      cell_problem (rc, col, _("Unknown value “%s”; use one of: %s"), text, hint);
      return fallback;
    }
  return value;
}

static int
pool_from_string (const char *str)
{
  /* the empty identifier is "not shared"; it never reaches here as text */
  int pool = pw_pool_level_from_string (str);
  return pool == PW_POOL_NONE ? -1 : pool;
}

static gboolean
values_equal_str (const char *a, const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* Which of the columns the file has differ from the stored space. */
static guint
compare_values (const SpaceValues *a, const SpaceValues *b, guint present)
{
  guint changed = 0;

#define DIFF(col, cond) if ((present & COL_BIT (col)) && (cond)) changed |= COL_BIT (col)
  /* building and floor both move the space; the floor id says it all */
  DIFF (COL_FLOOR, !values_equal_str (a->floor_id, b->floor_id));
  DIFF (COL_KIND, a->kind != b->kind);
  DIFF (COL_NAME, !values_equal_str (a->name, b->name));
  DIFF (COL_STATUS, a->status != b->status);
  DIFF (COL_GROSS, a->gross != b->gross);
  DIFF (COL_INTERNAL, a->internal != b->internal);
  DIFF (COL_USABLE, a->usable != b->usable);
  DIFF (COL_LEASABLE, a->leasable != b->leasable);
  DIFF (COL_TAKES_SHARE, a->takes_share != b->takes_share);
  DIFF (COL_POOL, a->pool != b->pool);
  DIFF (COL_BASIS, a->basis != b->basis);
  DIFF (COL_NOTES, !values_equal_str (a->notes, b->notes));
  DIFF (COL_OUTLINE, !values_equal_str (a->outline, b->outline));
#undef DIFF
  return changed;
}

static void
check_row (PwCsvImport *self,
           GPtrArray   *fields,
           GArray      *lines,
           guint        line)
{
  RowCheck rc = { self, fields, lines, line, FALSE };
  g_autoptr(GError) local = NULL;
  g_autofree char *code = NULL;
  g_autofree char *building_code = NULL;
  g_autofree char *floor_code = NULL;
  Building *building = NULL;
  Floor *floor = NULL;
  SpaceValues v = { 0, };
  Row *row;
  guint present = 0;

  for (guint c = 0; c < N_COLUMNS; c++)
    if (self->index[c] >= 0)
      present |= COL_BIT (c);

  /* Required columns missing from the header were reported once, at line 1. */
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && self->index[c] >= 0
        && c != COL_INTERNAL && c != COL_KIND)
      {
        const char *text = cell (&rc, c);
        while (*text == ' ' || *text == '\t')
          text++;
        if (*text == '\0')
          cell_problem (&rc, c, _("A value is required"));
      }

  building_code = cell_stripped (&rc, COL_BUILDING);
  if (building_code != NULL && *building_code != '\0')
    {
      building = g_hash_table_lookup (self->buildings, building_code);
      if (building == NULL)
        cell_problem (&rc, COL_BUILDING, _("No building with code “%s” in this park"),
                      building_code);
    }

  floor_code = cell_stripped (&rc, COL_FLOOR);
  /* a floor is only known within its building; with no building there is nothing to check */
  if (building != NULL && floor_code != NULL && *floor_code != '\0')
    {
      floor = g_hash_table_lookup (building->floors, floor_code);
      if (floor == NULL)
        {
          Floor *elsewhere = g_hash_table_lookup (self->floor_codes, floor_code);
          Building *owner = elsewhere ? g_hash_table_lookup (self->buildings_id,
                                                             elsewhere->building_id) : NULL;
          if (owner != NULL)
            /* Translators: floor code, a building it is in, the building the row names */
            cell_problem (&rc, COL_FLOOR, _("Floor “%s” is in building “%s”, not “%s”"),
                          floor_code, owner->code, building->code);
          else
            /* Translators: floor code, building code */
            cell_problem (&rc, COL_FLOOR, _("No floor with code “%s” in building “%s”"),
                          floor_code, building->code);
        }
    }

  code = cell_stripped (&rc, COL_CODE);
  if (code != NULL && *code != '\0')
    {
      gpointer earlier;

      if (!pw_code_is_valid (code, &local))
        {
          cell_problem (&rc, COL_CODE, "%s", local->message);
          g_clear_error (&local);
        }
      else if (floor != NULL && self->pattern != NULL)
        {
          PwCodeContext ctx = { building->code, floor->code, floor->level };

          if (!pw_code_pattern_match (self->pattern, code, &ctx, &local))
            {
              cell_problem (&rc, COL_CODE, "%s", local->message);
              g_clear_error (&local);
            }
        }

      earlier = g_hash_table_lookup (self->seen, code);
      if (earlier != NULL)
        cell_problem (&rc, COL_CODE, _("Code “%s” already appears on line %u"), code,
                      GPOINTER_TO_UINT (earlier));
      else
        g_hash_table_insert (self->seen, g_strdup (code), GUINT_TO_POINTER (line));
    }

  v.kind = check_term (&rc, COL_KIND, pw_space_kind_from_string, PW_SPACE_KIND_OFFICE,
                       "office, retail, workshop, warehouse, lab, parking_bay, storage, "
                       "machine_room, common_area, ad_slot, workstation");
  v.status = check_term (&rc, COL_STATUS, pw_space_status_from_string,
                         PW_SPACE_STATUS_AVAILABLE,
                         "available, reserved, leased, under_repair, under_renovation, "
                         "frozen, disposed");
  v.pool = check_term (&rc, COL_POOL, pool_from_string, PW_POOL_NONE, "floor, building");
  v.basis = check_term (&rc, COL_BASIS, pw_area_basis_from_string, PW_AREA_BASIS_GROSS,
                        "gross, internal, usable");

  v.gross = check_area (&rc, COL_GROSS);
  v.internal = check_area (&rc, COL_INTERNAL);
  v.usable = check_area (&rc, COL_USABLE);
  if (v.usable > v.internal && cell (&rc, COL_USABLE) != NULL)
    {
      g_autofree char *usable = pw_area_format (v.usable, FALSE);
      g_autofree char *internal = pw_area_format (v.internal, FALSE);
      /* Translators: both are areas in m² */
      cell_problem (&rc, COL_USABLE,
                    _("The usable area %s m² is larger than the internal area %s m²"),
                    usable, internal);
    }

  if (v.pool != PW_POOL_NONE && v.kind != PW_SPACE_KIND_COMMON_AREA
      && cell (&rc, COL_KIND) != NULL)
    cell_problem (&rc, COL_POOL, _("Only a common area can be shared out; leave this empty"));

  /* the same limits the ledger's validator applies at commit time */
  if (cell (&rc, COL_NAME) != NULL && strlen (cell (&rc, COL_NAME)) > MAX_NAME_BYTES)
    cell_problem (&rc, COL_NAME, _("The name is longer than %u characters"), MAX_NAME_BYTES);
  if (cell (&rc, COL_NOTES) != NULL && strlen (cell (&rc, COL_NOTES)) > MAX_NOTES_BYTES)
    cell_problem (&rc, COL_NOTES, _("The notes are longer than %u characters"), MAX_NOTES_BYTES);

  /* a common area is shared out, not let, unless the file says otherwise */
  v.leasable = check_bool (&rc, COL_LEASABLE, v.kind != PW_SPACE_KIND_COMMON_AREA);
  v.takes_share = check_bool (&rc, COL_TAKES_SHARE, v.kind != PW_SPACE_KIND_COMMON_AREA);

  {
    const char *outline = cell (&rc, COL_OUTLINE);
    g_autofree char *stripped = outline ? g_strstrip (g_strdup (outline)) : NULL;

    if (stripped != NULL && *stripped != '\0')
      {
        g_autoptr(PwPolygon) polygon = pw_polygon_new_from_json (outline, &local);

        if (polygon == NULL)
          {
            cell_problem (&rc, COL_OUTLINE, "%s", local->message);
            g_clear_error (&local);
          }
        else
          v.outline = g_strdup (outline);
      }
  }

  /* a column missing from the header was reported there; such a file never commits */
  if (rc.bad || floor == NULL || code == NULL)
    {
      space_values_clear (&v);
      return;
    }

  v.floor_id = g_strdup (floor->id);
  v.name = g_strdup (cell (&rc, COL_NAME) ? cell (&rc, COL_NAME) : "");
  v.notes = g_strdup (cell (&rc, COL_NOTES) ? cell (&rc, COL_NOTES) : "");

  row = g_new0 (Row, 1);
  row->code = g_steal_pointer (&code);
  row->line = line;
  row->present = present;
  row->v = v;
  row->existing = g_hash_table_lookup (self->existing, row->code);
  if (row->existing == NULL)
    {
      /* a new space takes every default for the columns the file lacks */
      row->present = (1u << N_COLUMNS) - 1;
      self->n_new++;
    }
  else
    {
      row->changed = compare_values (&row->v, &row->existing->v, present);
      if (row->changed != 0)
        self->n_updated++;
      else
        self->n_unchanged++;
    }
  g_ptr_array_add (self->rows, row);
}

/* Maps the header's names to columns; problems here are reported at line 1. */
static void
check_header (PwCsvImport *self, GPtrArray *fields, guint line)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    self->index[c] = -1;
  self->n_header = fields->len;
  self->header = g_new0 (char *, fields->len + 1);
  for (guint i = 0; i < fields->len; i++)
    self->header[i] = g_strstrip (g_strdup (fields->pdata[i]));

  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (fields->pdata[i]));
      gboolean known = FALSE;

      for (guint c = 0; c < N_COLUMNS; c++)
        if (g_ascii_strcasecmp (name, columns[c].name) == 0)
          {
            known = TRUE;
            if (self->index[c] >= 0)
              add_problem (self, line, i + 1, columns[c].name,
                           _("Column “%s” appears twice (also column %d)"), columns[c].name,
                           self->index[c] + 1);
            else
              self->index[c] = (int) i;
          }
      if (!known)
        add_problem (self, line, i + 1, name,
                     _("Unknown column “%s”; see the CSV format in the documentation"), name);
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && self->index[c] < 0)
      add_problem (self, line, 0, columns[c].name, _("The required column “%s” is missing"),
                   columns[c].name);
}

/* ---- loading what the rows refer to --------------------------------------- */

static gboolean
load_store (PwCsvImport *self, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (self->store, "SELECT id, code FROM building WHERE park_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Building *b = g_new0 (Building, 1);
      b->floors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) floor_free);
      b->id = g_strdup (column_text (stmt, 0));
      b->code = g_strdup (column_text (stmt, 1));
      g_hash_table_replace (self->buildings, b->code, b);
      g_hash_table_replace (self->buildings_id, b->id, b);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (self->store, error, rc, _("reading the buildings"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = pw_store_prepare (self->store,
                           "SELECT id, code, building_id, level FROM floor WHERE park_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Building *b = g_hash_table_lookup (self->buildings_id, column_text (stmt, 2));
      Floor *f;

      /* the schema keeps floors and their building in one park; be safe anyway */
      if (b == NULL)
        continue;
      f = g_new0 (Floor, 1);
      f->id = g_strdup (column_text (stmt, 0));
      f->code = g_strdup (column_text (stmt, 1));
      f->building_id = g_strdup (column_text (stmt, 2));
      f->level = sqlite3_column_int (stmt, 3);
      g_hash_table_replace (b->floors, f->code, f);
      if (!g_hash_table_contains (self->floor_codes, f->code))
        g_hash_table_insert (self->floor_codes, f->code, f);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (self->store, error, rc, _("reading the floors"));
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = pw_store_prepare (self->store,
                           "SELECT id, version, code, floor_id, name, kind, status, gross_area,"
                           " internal_area, usable_area, leasable, takes_share, pool_level,"
                           " area_basis, notes, outline FROM space WHERE park_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Existing *e = g_new0 (Existing, 1);
      const char *pool = (const char *) sqlite3_column_text (stmt, 12);

      e->id = g_strdup (column_text (stmt, 0));
      e->version = sqlite3_column_int64 (stmt, 1);
      e->v.floor_id = g_strdup (column_text (stmt, 3));
      e->v.name = g_strdup (column_text (stmt, 4));
      e->v.kind = pw_space_kind_from_string (column_text (stmt, 5));
      e->v.status = pw_space_status_from_string (column_text (stmt, 6));
      e->v.gross = sqlite3_column_int64 (stmt, 7);
      e->v.internal = sqlite3_column_int64 (stmt, 8);
      e->v.usable = sqlite3_column_int64 (stmt, 9);
      e->v.leasable = sqlite3_column_int (stmt, 10) != 0;
      e->v.takes_share = sqlite3_column_int (stmt, 11) != 0;
      e->v.pool = pool == NULL ? PW_POOL_NONE : pw_pool_level_from_string (pool);
      e->v.basis = pw_area_basis_from_string (column_text (stmt, 13));
      e->v.notes = g_strdup (column_text (stmt, 14));
      e->v.outline = column_dup_or_null (stmt, 15);
      g_hash_table_replace (self->existing, g_strdup (column_text (stmt, 2)), e);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (self->store, error, rc, _("reading the spaces"));
      return FALSE;
    }
  return TRUE;
}

/* ---- the import ----------------------------------------------------------- */

PwCsvImport *
pw_csv_import_prepare (PwStore     *store,
                       const char  *park_id,
                       GBytes      *data,
                       const char  *filename,
                       GError     **error)
{
  g_autoptr(PwCsvImport) self = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *pattern = NULL;
  const char *text;
  const char *bad = NULL;
  gsize size;
  Reader reader;
  RecordInfo info;
  const char *display;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = filename ? filename : _("The CSV file");
  text = g_bytes_get_data (data, &size);
  if (size > PW_CSV_MAX_FILE_SIZE)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                   _("%s is larger than 64 MiB; split it into smaller files"), display);
      return NULL;
    }
  if (text == NULL)
    text = "";
  if (size >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      size -= 3;
    }
  /* g_utf8_validate_len also refuses NUL bytes, which no CSV cell should hold */
  if (!g_utf8_validate_len (text, size, &bad))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                   _("%s is not UTF-8 text (line %u); save it as “CSV UTF-8”"), display,
                   line_of (text, bad));
      return NULL;
    }

  self = g_new0 (PwCsvImport, 1);
  self->store = g_object_ref (store);
  self->filename = g_strdup (filename);
  self->buildings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                           (GDestroyNotify) building_free);
  self->buildings_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->floor_codes = g_hash_table_new (g_str_hash, g_str_equal);
  self->existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) existing_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_csv_problem_free);

  reader.p = text;
  reader.end = text + size;
  reader.line = 1;
  fields = g_ptr_array_new_with_free_func (g_free);
  lines = g_array_new (FALSE, FALSE, sizeof (guint));

  do
    {
      if (!read_record (&reader, fields, lines, &info))
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                       _("%s is empty; the first line must name the columns"), display);
          return NULL;
        }
    }
  while (info.blank);
  if (info.unterminated || info.stray_quote || info.after_quote || info.too_long)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                   _("%s: the header on line %u cannot be read as CSV"), display, info.line);
      return NULL;
    }

  self->park_id = resolve_park (store, park_id, &pattern, error);
  if (self->park_id == NULL)
    return NULL;
  self->pattern = pw_code_pattern_new (pattern, error);
  if (self->pattern == NULL || !load_store (self, error))
    return NULL;

  check_header (self, fields, info.line);

  while (read_record (&reader, fields, lines, &info))
    {
      guint n_columns_expected = self->n_header;

      if (info.blank)
        continue;
      self->n_rows++;

      if (info.too_long)
        {
          add_problem (self, info.line, info.too_long, header_name (self, info.too_long),
                       _("The row is longer than 1 MiB"));
          continue;
        }
      if (info.unterminated)
        {
          add_problem (self, info.unterminated_line, info.unterminated,
                       header_name (self, info.unterminated),
                       _("A quoted field is never closed; the rest of the file is part of it"));
          continue;
        }
      if (info.stray_quote)
        {
          add_problem (self, g_array_index (lines, guint, info.stray_quote - 1),
                       info.stray_quote, header_name (self, info.stray_quote),
                       _("A quote inside an unquoted field; quote the whole field and "
                         "double the quotes inside it"));
          continue;
        }
      if (info.after_quote)
        {
          add_problem (self, g_array_index (lines, guint, info.after_quote - 1),
                       info.after_quote, header_name (self, info.after_quote),
                       _("Text after a closing quote; quote the whole field"));
          continue;
        }

      if (fields->len != n_columns_expected)
        {
          add_problem (self, info.line, MIN (fields->len, n_columns_expected) + 1, NULL,
                       /* Translators: the row's number of fields, then the header's */
                       _("The row has %u fields but the header has %u"), fields->len,
                       n_columns_expected);
          continue;
        }

      check_row (self, fields, lines, info.line);
    }

  return g_steal_pointer (&self);
}

guint pw_csv_import_get_n_rows (PwCsvImport *self) { return self->n_rows; }
guint pw_csv_import_get_n_new (PwCsvImport *self) { return self->n_new; }
guint pw_csv_import_get_n_updated (PwCsvImport *self) { return self->n_updated; }
guint pw_csv_import_get_n_unchanged (PwCsvImport *self) { return self->n_unchanged; }
GPtrArray *pw_csv_import_get_problems (PwCsvImport *self) { return self->problems; }

static void
set_text (JsonObject *fields, const char *name, const char *value)
{
  if (value == NULL)
    json_object_set_null_member (fields, name);
  else
    json_object_set_string_member (fields, name, value);
}

/* The columns in @which, in the form pw_mutation_set_*() would give them. */
static void
set_values (JsonObject *fields, const SpaceValues *v, guint which)
{
  if (which & COL_BIT (COL_FLOOR))
    set_text (fields, "floor_id", v->floor_id);
  if (which & COL_BIT (COL_NAME))
    set_text (fields, "name", v->name);
  if (which & COL_BIT (COL_KIND))
    set_text (fields, "kind", pw_space_kind_to_string (v->kind));
  if (which & COL_BIT (COL_STATUS))
    set_text (fields, "status", pw_space_status_to_string (v->status));
  if (which & COL_BIT (COL_GROSS))
    json_object_set_int_member (fields, "gross_area", v->gross);
  if (which & COL_BIT (COL_INTERNAL))
    json_object_set_int_member (fields, "internal_area", v->internal);
  if (which & COL_BIT (COL_USABLE))
    json_object_set_int_member (fields, "usable_area", v->usable);
  if (which & COL_BIT (COL_LEASABLE))
    json_object_set_int_member (fields, "leasable", v->leasable ? 1 : 0);
  if (which & COL_BIT (COL_TAKES_SHARE))
    json_object_set_int_member (fields, "takes_share", v->takes_share ? 1 : 0);
  if (which & COL_BIT (COL_POOL))
    set_text (fields, "pool_level", pw_pool_level_to_string (v->pool));
  if (which & COL_BIT (COL_BASIS))
    set_text (fields, "area_basis", pw_area_basis_to_string (v->basis));
  if (which & COL_BIT (COL_NOTES))
    set_text (fields, "notes", v->notes);
  if (which & COL_BIT (COL_OUTLINE))
    set_text (fields, "outline", v->outline);
}

/* "name, notes": the changed columns, as the ledger's "changed" event lists them */
static char *
describe_changes (guint changed)
{
  GString *names = g_string_new (NULL);

  for (guint c = 0; c < N_COLUMNS; c++)
    if ((changed & COL_BIT (c)) && c != COL_STATUS)
      g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                              c == COL_FLOOR ? "floor_id" : columns[c].name);
  return g_string_free (names, FALSE);
}

gboolean
pw_csv_import_commit (PwCsvImport *self, GError **error)
{
  g_autoptr(GPtrArray) muts = NULL;
  g_autofree char *today = pw_today_iso ();
  g_autofree char *base = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->problems->len > 0)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The file has %u problem; nothing was imported",
                                "The file has %u problems; nothing was imported",
                                self->problems->len),
                   self->problems->len);
      return FALSE;
    }
  if (self->committed)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                   _("This file was already imported"));
      return FALSE;
    }

  base = self->filename ? g_path_get_basename (self->filename) : g_strdup ("CSV");
  /* Translators: the reason recorded in a space's history; %s is a file name */
  reason = g_strdup_printf (_("Imported from %s"), base);
  muts = g_ptr_array_new_full (self->n_new * 2 + self->n_updated * 3,
                               (GDestroyNotify) pw_mutation_free);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = self->rows->pdata[i];

      if (row->existing == NULL)
        {
          g_autoptr(JsonObject) fields = json_object_new ();

          json_object_set_string_member (fields, "park_id", self->park_id);
          json_object_set_string_member (fields, "code", row->code);
          set_values (fields, &row->v, row->present);
          /* whatever else the ledger writes for a new space (its "created" record) */
          pw_ledger_add_space_mutations (muts, fields, today);
        }
      else if (row->changed != 0)
        {
          Existing *e = row->existing;
          PwMutation *m = pw_mutation_new_update ("space", e->id, e->version);
          g_autofree char *names = describe_changes (row->changed);

          set_values (pw_mutation_get_fields (m), &row->v, row->changed);
          if (row->changed & COL_BIT (COL_STATUS))
            pw_mutation_set_string (m, "status_since", today);
          g_ptr_array_add (muts, m);

          if (row->changed & COL_BIT (COL_STATUS))
            {
              m = pw_mutation_new_insert ("space_status", NULL);
              pw_mutation_set_string (m, "space_id", e->id);
              pw_mutation_set_string (m, "from_status", pw_space_status_to_string (e->v.status));
              pw_mutation_set_string (m, "to_status", pw_space_status_to_string (row->v.status));
              pw_mutation_set_string (m, "effective_date", today);
              pw_mutation_set_string (m, "reason", reason);
              g_ptr_array_add (muts, m);
            }
          if (*names != '\0')
            {
              /* the same history entry pw_ledger_update_space() writes */
              m = pw_mutation_new_insert ("lifecycle_event", NULL);
              pw_mutation_set_string (m, "entity", "space");
              pw_mutation_set_string (m, "entity_id", e->id);
              pw_mutation_set_string (m, "event", "changed");
              pw_mutation_set_string (m, "event_date", today);
              pw_mutation_set_string (m, "note", names);
              g_ptr_array_add (muts, m);
            }
        }
    }

  if (muts->len > 0
      && !pw_store_apply_all (self->store, (PwMutation **) muts->pdata, muts->len, error))
    return FALSE;
  self->committed = TRUE;
  return TRUE;
}

void
pw_csv_import_free (PwCsvImport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_free (self->park_id);
  g_free (self->filename);
  g_strfreev (self->header);
  g_clear_pointer (&self->pattern, pw_code_pattern_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->seen, g_hash_table_unref);
  g_clear_pointer (&self->existing, g_hash_table_unref);
  g_clear_pointer (&self->floor_codes, g_hash_table_unref);
  g_clear_pointer (&self->buildings_id, g_hash_table_unref);
  g_clear_pointer (&self->buildings, g_hash_table_unref);
  g_free (self);
}

/* ---- export --------------------------------------------------------------- */

/* Appends @text as one CSV field (RFC 4180): quoted when it holds a comma, a quote or a
 * line break, or always when @always_quote; nothing for NULL. */
void
pw_csv_append_field (GString *out, const char *text, gboolean always_quote)
{
  if (text == NULL)
    return;
  if (!always_quote && strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Areas in the form pw_area_parse() reads: "86.40", never locale-dependent. */
static void
append_area (GString *out, gint64 centi)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ".%02d", centi / 100, (int) (centi % 100));
}

GBytes *
pw_csv_export (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *park = NULL;
  GString *out;
  int rc;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  park = resolve_park (store, park_id, NULL, error);
  if (park == NULL)
    return NULL;

  stmt = pw_store_prepare (store,
                           "SELECT s.code, b.code, f.code, s.kind, s.name, s.status,"
                           " s.gross_area, s.internal_area, s.usable_area, s.leasable,"
                           " s.takes_share, s.pool_level, s.area_basis, s.notes, s.outline"
                           " FROM space s JOIN floor f ON f.id = s.floor_id"
                           " JOIN building b ON b.id = f.building_id"
                           " WHERE s.park_id = ? ORDER BY s.code", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park, -1, SQLITE_TRANSIENT);

  out = g_string_sized_new (4096);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_string_append_printf (out, "%s%s", c ? "," : "", columns[c].name);
  g_string_append (out, "\r\n");

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* columns of the query in the order of the Column enum */
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          switch (c)
            {
            case COL_GROSS:
            case COL_INTERNAL:
            case COL_USABLE:
              append_area (out, sqlite3_column_int64 (stmt, c));
              break;
            case COL_LEASABLE:
            case COL_TAKES_SHARE:
              g_string_append (out, sqlite3_column_int (stmt, c) ? "true" : "false");
              break;
            case COL_OUTLINE:
              if (sqlite3_column_type (stmt, c) != SQLITE_NULL
                  && *column_text (stmt, c) != '\0')
                pw_csv_append_field (out, column_text (stmt, c), TRUE);
              break;
            default:
              pw_csv_append_field (out, column_text (stmt, c), FALSE);
              break;
            }
        }
      g_string_append (out, "\r\n");
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the spaces"));
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (out);
}
