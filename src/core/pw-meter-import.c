/* pw-meter-import.c — readings from CSV, with a preview that names every bad row
 * (docs/meters.md, "Importing readings")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. Every row is checked, and every bad one is listed with its line, its column
 *      and why; one bad row does not hide another.
 *   2. Rows of one meter and date make one reading; readings are written in date
 *      order per meter, each through the store's validator (pw-meter-validate.c), so
 *      a reading is judged against the ones before it in the file as in the store.
 *   3. All in one transaction: nothing is written unless every row is good (or the
 *      caller asked for the good ones only); a dry run writes nothing at all. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-error.h"
#include "pw-meter.h"
#include "pw-utility.h"

enum { COL_METER, COL_DATE, COL_REGISTER, COL_VALUE, COL_ROLLOVER, COL_CONFIRMED, N_COLS };
static const char *const col_names[N_COLS] = {
  "meter", "date", "register", "value", "rollover", "confirmed"
};

typedef struct {
  const char *p, *end;
  guint       line;
  GString    *buf;       /* the current record's fields, each ended by NUL */
  GArray     *starts;    /* guint: where each field starts in buf */
} Reader;

/* One record: its fields in @fields (pointers into the reader's buffer, valid until the
 * next record) and the line it starts on. FALSE at the end of the data. A quote left
 * open is a field running to the end. */
static gboolean
read_record (Reader *r, GPtrArray *fields, guint *line)
{
  GString *buf = r->buf;
  gsize start;

  g_ptr_array_set_size (fields, 0);
  g_string_truncate (buf, 0);
  g_array_set_size (r->starts, 0);
  if (r->p >= r->end)
    return FALSE;
  *line = r->line;
  for (;;)
    {
      start = buf->len;
      if (r->p < r->end && *r->p == '"')
        {
          r->p++;
          while (r->p < r->end)
            {
              if (*r->p == '"' && r->p + 1 < r->end && r->p[1] == '"')
                {
                  g_string_append_c (buf, '"');
                  r->p += 2;
                }
              else if (*r->p == '"')
                {
                  r->p++;
                  break;
                }
              else
                {
                  if (*r->p == '\n')
                    r->line++;
                  g_string_append_c (buf, *r->p++);
                }
            }
        }
      {
        const char *q = r->p;

        while (q < r->end && *q != ',' && *q != '\n' && *q != '\r')
          q++;
        g_string_append_len (buf, r->p, q - r->p);
        r->p = q;
      }
      /* the field stripped of white space at both ends, as g_strstrip() */
      {
        gsize from = start, to = buf->len;

        while (from < to && g_ascii_isspace (buf->str[from]))
          from++;
        while (to > from && g_ascii_isspace (buf->str[to - 1]))
          to--;
        if (from > start)
          memmove (buf->str + start, buf->str + from, to - from);
        g_string_truncate (buf, start + (to - from));
      }
      g_string_append_c (buf, '\0');
      {
        guint at = (guint) start;

        g_array_append_val (r->starts, at);
      }
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '\r')
        r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      break;
    }
  for (guint i = 0; i < r->starts->len; i++)
    g_ptr_array_add (fields, buf->str + g_array_index (r->starts, guint, i));
  return TRUE;
}

typedef struct {
  char       *id;
  char       *code;
  GStrv       registers;   /* besides total */
} MeterInfo;

static void
meter_info_free (gpointer data)
{
  MeterInfo *m = data;

  g_free (m->id);
  g_free (m->code);
  g_strfreev (m->registers);
  g_free (m);
}

typedef struct {
  MeterInfo  *meter;
  char       *date;
  guint       line;       /* of its first row */
  guint       order;      /* in the file */
  char       *total;      /* the total register, while it is the only one */
  JsonObject *values;     /* all the registers, in the file's order, once there are others */
  gboolean    rollover, confirmed, bad;
} Group;

static void
group_free (gpointer data)
{
  Group *g = data;

  g_free (g->date);
  g_free (g->total);
  g_clear_pointer (&g->values, json_object_unref);
  g_free (g);
}

static int
compare_groups (gconstpointer a, gconstpointer b)
{
  const Group *x = *(Group *const *) a, *y = *(Group *const *) b;
  int c = strcmp (x->meter->code, y->meter->code);

  if (c == 0)
    c = strcmp (x->date, y->date);
  return c != 0 ? c : (int) x->order - (int) y->order;
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const PwCsvProblem *x = *(PwCsvProblem *const *) a, *y = *(PwCsvProblem *const *) b;

  if (x->line != y->line)
    return x->line < y->line ? -1 : 1;
  return (int) x->column - (int) y->column;
}

void
pw_reading_import_free (PwReadingImport *import)
{
  if (import == NULL)
    return;
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

static void
add_problem (PwReadingImport *imp, const int *cols, guint line, int col, char *message)
{
  PwCsvProblem *p = g_new0 (PwCsvProblem, 1);

  p->line = line;
  p->column = col >= 0 && cols[col] >= 0 ? (guint) cols[col] + 1 : 0;
  p->field = col >= 0 ? g_strdup (col_names[col]) : NULL;
  p->message = message;
  g_ptr_array_add (imp->problems, p);
}

static gboolean
parse_flag (const char *text, gboolean *out)
{
  static const char *const yes[] = { "1", "yes", "true", "y", "是", NULL };
  static const char *const no[] = { "", "0", "no", "false", "n", "否", NULL };
  g_autofree char *lower = NULL;

  if (*text == '\0')
    return (*out = FALSE), TRUE;
  lower = g_utf8_strdown (text, -1);
  if (g_strv_contains (yes, lower))
    return (*out = TRUE), TRUE;
  if (g_strv_contains (no, lower))
    return (*out = FALSE), TRUE;
  return FALSE;
}

static gboolean
load_meters (PwStore *store, const char *park_id, GHashTable *meters, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT id, code, registers FROM meter WHERE park_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MeterInfo *m = g_new0 (MeterInfo, 1);
      g_autoptr(JsonNode) regs = json_from_string ((const char *) sqlite3_column_text (stmt, 2),
                                                   NULL);
      GStrvBuilder *sb = g_strv_builder_new ();

      m->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      m->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (regs != NULL && JSON_NODE_HOLDS_ARRAY (regs))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (regs)); i++)
          g_strv_builder_add (sb, json_array_get_string_element (json_node_get_array (regs), i));
      m->registers = g_strv_builder_end (sb);
      g_strv_builder_unref (sb);
      g_hash_table_insert (meters, m->code, m);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the meters"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
group_has (const Group *g, const char *reg)
{
  if (g->values != NULL)
    return json_object_has_member (g->values, reg);
  return g->total != NULL && g_str_equal (reg, PW_UTILITY_TOTAL);
}

/* Most readings have the total register alone: no JsonObject for them */
static void
group_set (Group *g, const char *reg, const char *value)
{
  if (g->values == NULL && g_str_equal (reg, PW_UTILITY_TOTAL))
    {
      g_free (g->total);
      g->total = g_strdup (value);
      return;
    }
  if (g->values == NULL)
    {
      g->values = json_object_new ();
      if (g->total != NULL)
        json_object_set_string_member (g->values, PW_UTILITY_TOTAL, g->total);
    }
  json_object_set_string_member (g->values, reg, value);
}

/* A reading's registers as the store keeps them */
static char *
values_text (const Group *g)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) one = NULL;

  if (g->values == NULL && g->total != NULL && strpbrk (g->total, "\"\\") == NULL)
    /* the usual reading, written as the validator reads it fastest */
    return g_strconcat ("{\"total\":\"", g->total, "\"}", NULL);
  if (g->values != NULL)
    json_node_set_object (node, g->values);
  else
    {
      one = json_object_new ();
      if (g->total != NULL)
        json_object_set_string_member (one, PW_UTILITY_TOTAL, g->total);
      json_node_set_object (node, one);
    }
  return json_to_string (node, FALSE);
}

/* The CSV column a validator's field is about. */
static int
column_of_field (const char *field)
{
  if (g_strcmp0 (field, "reg_values") == 0)
    return COL_VALUE;
  if (g_strcmp0 (field, "rollover") == 0)
    return COL_ROLLOVER;
  if (g_strcmp0 (field, "confirmed") == 0)
    return COL_CONFIRMED;
  if (g_strcmp0 (field, "date") == 0)
    return COL_DATE;
  return COL_METER;
}

/* Writes the good readings through the store's batch path (pw_store_batch_new()): each
 * checked by the validator against the readings before it, in the store and written
 * just before it, and written with its audit and outbox rows, without a savepoint or a
 * JsonObject per reading. A reading the validator refuses is not written and is named. */
static gboolean
apply_groups (PwStore *store, PwReadingImport *imp, const char *park_id, const int *cols,
              GPtrArray *groups, GError **error)
{
  enum { R_METER, R_DATE, R_VALUES, R_ROLLOVER, R_CONFIRMED, R_READ_BY, R_SOURCE };
  static const char *const columns[] = {
    "meter_id", "date", "reg_values", "rollover", "confirmed", "read_by", "source", NULL
  };
  const char *actor = pw_store_get_actor (store);
  g_autoptr(PwStoreBatch) batch = pw_store_batch_new (store, error);
  const char *from = NULL;
  int kind;

  if (batch == NULL || (kind = pw_store_batch_add_kind (batch, "meter_reading", columns,
                                                        error)) < 0)
    return FALSE;
  /* the validator judges each reading by the meter's history: read once, set-based,
   * from the earliest reading of the file on (pw-meter-rules.h) */
  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = g_ptr_array_index (groups, i);

      if (!g->bad && (from == NULL || strcmp (g->date, from) < 0))
        from = g->date;
    }
  if (from != NULL && !pw_meter_validate_memo_begin (store, park_id, from, error))
    return FALSE;
  pw_store_batch_set_string (batch, kind, R_READ_BY, actor ? actor : "");
  pw_store_batch_set_string (batch, kind, R_SOURCE, "import");
  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = g_ptr_array_index (groups, i);
      g_autoptr(GError) local = NULL;
      g_autofree char *text = NULL;
      const char *id;

      if (g->bad)
        continue;
      text = values_text (g);
      pw_store_batch_set_string (batch, kind, R_METER, g->meter->id);
      pw_store_batch_set_string (batch, kind, R_DATE, g->date);
      pw_store_batch_set_string (batch, kind, R_VALUES, text);
      pw_store_batch_set_int (batch, kind, R_ROLLOVER, g->rollover ? 1 : 0);
      pw_store_batch_set_int (batch, kind, R_CONFIRMED, g->confirmed ? 1 : 0);
      if ((id = pw_store_batch_insert (batch, kind, NULL, &local)) != NULL)
        {
          pw_meter_validate_memo_add (store, id, g->meter->id, g->date, text, g->rollover);
          imp->n_written++;
          continue;
        }
      if (local->domain != PW_LEDGER_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* Translators: a reading refused: the meter, the date, then why */
      add_problem (imp, cols, g->line, column_of_field (pw_ledger_error_get_field (local)),
                   g_strdup_printf (_("%s on %s: %s"), g->meter->code, g->date, local->message));
    }
  return pw_store_batch_end (batch, error);
}

PwReadingImport *
pw_reading_import (PwStore *store, const char *park_id, const char *data, gsize length,
                   PwReadingImportFlags flags, GError **error)
{
  g_autoptr(PwReadingImport) imp = g_new0 (PwReadingImport, 1);
  g_autoptr(GHashTable) meters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        meter_info_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GString) buf = g_string_sized_new (256);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  int cols[N_COLS];
  Reader r = { data, data + length, 1, buf, starts };
  guint line = 0;
  gboolean ok;

  imp->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_csv_problem_free);
  if (length > PW_CSV_MAX_FILE_SIZE * 4)
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                   _("The file is larger than %u MB"), (guint) (PW_CSV_MAX_FILE_SIZE * 4 >> 20));
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV, _("The file is not UTF-8 text"));
      return NULL;
    }
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    r.p += 3;
  if (!read_record (&r, fields, &line))
    {
      g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV, _("The file has no header row"));
      return NULL;
    }
  for (int c = 0; c < N_COLS; c++)
    cols[c] = -1;
  for (guint i = 0; i < fields->len; i++)
    for (int c = 0; c < N_COLS; c++)
      if (g_ascii_strcasecmp (g_ptr_array_index (fields, i), col_names[c]) == 0)
        cols[c] = (int) i;
  for (int c = 0; c <= COL_VALUE; c++)
    if (cols[c] < 0 && c != COL_REGISTER)
      {
        g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_CSV,
                     _("The header row has no column “%s” (the columns are meter, date, "
                       "register, value, rollover, confirmed)"), col_names[c]);
        return NULL;
      }
  if (!load_meters (store, park_id, meters, error))
    return NULL;

  while (read_record (&r, fields, &line))
    {
      const char *v[N_COLS];
      MeterInfo *meter;
      GDate date;
      PwDecimal value;
      gboolean rollover = FALSE, confirmed = FALSE, bad = FALSE;
      const char *reg;
      g_autofree char *key = NULL;
      Group *g;

      if (fields->len == 1 && *(const char *) g_ptr_array_index (fields, 0) == '\0')
        continue;   /* a blank line */
      imp->n_rows++;
      for (int c = 0; c < N_COLS; c++)
        v[c] = cols[c] >= 0 && (guint) cols[c] < fields->len ? g_ptr_array_index (fields, cols[c])
                                                             : "";
      meter = g_hash_table_lookup (meters, v[COL_METER]);
      if (meter == NULL)
        {
          add_problem (imp, cols, line, COL_METER,
                       *v[COL_METER] ? g_strdup_printf (_("no meter “%s” in this park"),
                                                        v[COL_METER])
                                     : g_strdup (_("is required")));
          bad = TRUE;
        }
      if (!pw_date_parse_iso (v[COL_DATE], &date))
        {
          add_problem (imp, cols, line, COL_DATE,
                       g_strdup_printf (_("“%s” is not a date of the form YYYY-MM-DD"),
                                        v[COL_DATE]));
          bad = TRUE;
        }
      reg = *v[COL_REGISTER] ? v[COL_REGISTER] : PW_UTILITY_TOTAL;
      if (meter != NULL && !g_str_equal (reg, PW_UTILITY_TOTAL)
          && !g_strv_contains ((const char *const *) meter->registers, reg))
        {
          add_problem (imp, cols, line, COL_REGISTER,
                       g_strdup_printf (_("meter %s has no register “%s”"), meter->code, reg));
          bad = TRUE;
        }
      if (!pw_decimal_parse (v[COL_VALUE], &value, NULL) || pw_decimal_sign (value) < 0)
        {
          add_problem (imp, cols, line, COL_VALUE,
                       g_strdup_printf (_("“%s” is not a number of 0 or more"), v[COL_VALUE]));
          bad = TRUE;
        }
      if (!parse_flag (v[COL_ROLLOVER], &rollover))
        {
          add_problem (imp, cols, line, COL_ROLLOVER,
                       g_strdup_printf (_("“%s” is not yes or no"), v[COL_ROLLOVER]));
          bad = TRUE;
        }
      if (!parse_flag (v[COL_CONFIRMED], &confirmed))
        {
          add_problem (imp, cols, line, COL_CONFIRMED,
                       g_strdup_printf (_("“%s” is not yes or no"), v[COL_CONFIRMED]));
          bad = TRUE;
        }
      if (meter == NULL || !g_date_valid (&date) || bad)
        {
          if (meter != NULL && g_date_valid (&date))
            {
              /* the reading this row belongs to is bad too */
              key = g_strconcat (meter->code, "\t", v[COL_DATE], NULL);
              g = g_hash_table_lookup (by_key, key);
              if (g != NULL)
                g->bad = TRUE;
              else
                {
                  g = g_new0 (Group, 1);
                  g->meter = meter;
                  g->date = g_strdup (v[COL_DATE]);
                  g->line = line;
                  g->order = groups->len;
                  g->bad = TRUE;
                  g_ptr_array_add (groups, g);
                  g_hash_table_insert (by_key, g_steal_pointer (&key), g);
                }
            }
          continue;
        }
      key = g_strconcat (meter->code, "\t", v[COL_DATE], NULL);
      g = g_hash_table_lookup (by_key, key);
      if (g == NULL)
        {
          g = g_new0 (Group, 1);
          g->meter = meter;
          g->date = g_strdup (v[COL_DATE]);
          g->line = line;
          g->order = groups->len;
          g_ptr_array_add (groups, g);
          g_hash_table_insert (by_key, g_steal_pointer (&key), g);
        }
      if (group_has (g, reg))
        {
          add_problem (imp, cols, line, COL_REGISTER,
                       g_strdup_printf (_("register “%s” of meter %s on %s is given twice"), reg,
                                        meter->code, g->date));
          g->bad = TRUE;
          continue;
        }
      group_set (g, reg, v[COL_VALUE]);
      g->rollover |= rollover;
      g->confirmed |= confirmed;
    }
  imp->n_readings = groups->len;

  /* every register of a reading is there */
  for (guint i = 0; i < groups->len; i++)
    {
      Group *g = g_ptr_array_index (groups, i);
      g_autoptr(GString) missing = NULL;

      if (g->bad || (g->values == NULL && g->total != NULL && g->meter->registers[0] == NULL))
        continue;   /* the usual reading: the total register of a meter without others */
      missing = g_string_new (NULL);
      if (!group_has (g, PW_UTILITY_TOTAL))
        g_string_append (missing, PW_UTILITY_TOTAL);
      for (char **reg = g->meter->registers; *reg; reg++)
        if (!group_has (g, *reg))
          g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", *reg);
      if (missing->len > 0)
        {
          add_problem (imp, cols, g->line, COL_REGISTER,
                       g_strdup_printf (_("the reading of meter %s on %s lacks register %s"),
                                        g->meter->code, g->date, missing->str));
          g->bad = TRUE;
        }
    }

  g_ptr_array_sort (groups, compare_groups);
  /* a page cache that holds the whole import, so that no dirty page spills to the
   * WAL before COMMIT (as a bill run's post does); the usual size again afterwards */
  if (!pw_store_exec (store, "PRAGMA cache_size = -262144", error))
    return NULL;
  if (!pw_store_begin (store, error))
    {
      pw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
      return NULL;
    }
  ok = apply_groups (store, imp, park_id, cols, groups, error);
  pw_meter_validate_memo_end (store);
  if (!ok)
    {
      pw_store_rollback (store);
      pw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
      return NULL;
    }
  g_ptr_array_sort (imp->problems, compare_problems);
  if ((flags & PW_READING_IMPORT_DRY_RUN)
      || (imp->problems->len > 0 && !(flags & PW_READING_IMPORT_GOOD_ONLY))
      || imp->n_written == 0)
    {
      pw_store_rollback (store);
      pw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
      imp->n_good = imp->n_written;
      imp->n_written = 0;
      return g_steal_pointer (&imp);
    }
  imp->n_good = imp->n_written;
  ok = pw_store_commit (store, error);
  pw_store_exec (store, "PRAGMA cache_size = -4096", NULL);
  if (!ok)
    return NULL;
  pw_store_notify_changed (store);
  return g_steal_pointer (&imp);
}
