/* pw-meter-validate.c — what a meter, a replacement, a reading, a tariff and a loss
 * rule must be before the store takes them (docs/meters.md, "Rules")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants:
 *   1. A reading gives the total register and every register of its meter, each a
 *      decimal ≥ 0 below 10^digits when the meter's digits are known.
 *   2. A reading lower than the one before it (or than the opening reading of a
 *      replacement between them) is refused unless it is a confirmed rollover of a
 *      meter whose digits are known (D19): no consumption is ever negative.
 *   3. A reading whose consumption is more than 3 × the median of the meter's last
 *      PW_METER_HISTORY intervals (at least three, median above 0) is refused unless
 *      it is confirmed.
 *   4. The checks run on the desktop, in the CLI and on the server alike: they are
 *      the store's validator. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-error.h"
#include "pw-meter.h"
#include "pw-utility.h"
#include "pw-row.h"

static gboolean
require_text (JsonObject *row, const char *field, gsize max, GError **error)
{
  const char *text = pw_row_string (row, field);

  if (text == NULL || *text == '\0')
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, _("is required"));
  if (strlen (text) > max)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("is longer than %u characters"), (guint) max);
  return TRUE;
}

/* A decimal ≥ 0 in @field; "" is allowed when @optional. */
static gboolean
require_decimal (JsonObject *row, const char *field, gboolean optional, gboolean positive,
                 PwDecimal *out, GError **error)
{
  const char *text = pw_row_string (row, field);
  PwDecimal d = pw_decimal_from_int (0, 0);

  if ((text == NULL || *text == '\0') && optional)
    {
      if (out)
        *out = d;
      return TRUE;
    }
  if (text == NULL || !pw_decimal_parse (text, &d, NULL) || pw_decimal_sign (d) < 0
      || (positive && pw_decimal_sign (d) == 0))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               positive ? _("“%s” is not a number above 0")
                                        : _("“%s” is not a number of 0 or more"),
                               text ? text : "");
  if (out)
    *out = d;
  return TRUE;
}

static gboolean
require_int_range (JsonObject *row, const char *field, gint64 lo, gint64 hi, gint64 *out,
                   GError **error)
{
  gint64 v = 0;

  if (row != NULL && !json_object_has_member (row, field))
    v = 0;   /* the column's default */
  else if (!pw_row_int (row, field, &v) || v < lo || v > hi)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("must be a whole number from %d to %d"), (int) lo, (int) hi);
  if (out)
    *out = v;
  return TRUE;
}

/* A JSON array of distinct strings in @field. */
static JsonArray *
require_string_list (JsonObject *row, const char *field, GError **error)
{
  const char *text = pw_row_string (row, field);
  g_autoptr(JsonNode) node = json_from_string (text ? text : "[]", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *a;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                          _("must be a list of names"));
      return NULL;
    }
  a = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      const char *s = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING
                      ? json_node_get_string (e) : NULL;

      if (s == NULL || *s == '\0' || !g_hash_table_add (seen, (gpointer) s))
        {
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                              _("must be a list of names, each once"));
          return NULL;
        }
    }
  return json_array_ref (a);
}

typedef struct {
  char      *park_id;
  gint64     digits;
  JsonArray *registers;
  gboolean   replaced;   /* the meter has been replaced at least once */
} MeterFacts;

static void
meter_facts_clear (MeterFacts *f)
{
  g_clear_pointer (&f->park_id, g_free);
  g_clear_pointer (&f->registers, json_array_unref);
}

static gboolean
read_meter (PwStore *store, const char *meter_id, const char *field, MeterFacts *facts,
            GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT park_id, digits, registers,"
    " EXISTS (SELECT 1 FROM meter_replacement r WHERE r.meter_id = meter.id)"
    " FROM meter WHERE id = ?", error);
  g_autoptr(JsonNode) node = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, meter_id ? meter_id : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      facts->park_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      facts->digits = sqlite3_column_int64 (stmt, 1);
      facts->replaced = sqlite3_column_int (stmt, 3) != 0;
      const char *regs = (const char *) sqlite3_column_text (stmt, 2);

      /* most meters have no registers besides the total */
      if (regs != NULL && strcmp (regs, "[]") != 0)
        node = json_from_string (regs, NULL);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("no such meter"));
  if (rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading a meter"));
      return FALSE;
    }
  facts->registers = node && JSON_NODE_HOLDS_ARRAY (node)
                     ? json_array_ref (json_node_get_array (node)) : json_array_new ();
  return TRUE;
}

/* 10^digits as a decimal */
static PwDecimal
dial_round (gint64 digits)
{
  gint64 v = 1;

  for (gint64 i = 0; i < digits; i++)
    v *= 10;
  return pw_decimal_from_int (v, 0);
}

/* Register values in @field: a JSON object with "total" and each register of the
 * meter, nothing else, each a decimal ≥ 0 below the dial's round. The total in *@total. */
static gboolean
require_values (JsonObject *row, const char *field, const MeterFacts *facts, PwDecimal *total,
                GError **error)
{
  const char *text = pw_row_string (row, field);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;
  guint n_regs = json_array_get_length (facts->registers);
  PwDecimal round = dial_round (facts->digits);
  g_autoptr(GList) members = NULL;

  /* the usual reading of a meter without registers, {"total":"1234.5"}, read without
   * a JSON parser (an import checks 100,000 of them) */
  if (n_regs == 0 && text != NULL && g_str_has_prefix (text, "{\"total\":\""))
    {
      const char *v = text + strlen ("{\"total\":\"");
      const char *end = strchr (v, '"');

      if (end != NULL && g_str_equal (end, "\"}") && end - v < 64)
        {
          char buf[64];
          PwDecimal d;

          memcpy (buf, v, end - v);
          buf[end - v] = '\0';
          if (!pw_decimal_parse (buf, &d, NULL) || pw_decimal_sign (d) < 0)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                                       _("register “%s”: “%s” is not a number of 0 or more"),
                                       PW_UTILITY_TOTAL, buf);
          if (facts->digits > 0 && pw_decimal_cmp (d, round) >= 0)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                                       _("register “%s”: %s does not fit a dial of %d digits"),
                                       PW_UTILITY_TOTAL, buf, (int) facts->digits);
          *total = d;
          return TRUE;
        }
    }
  node = text ? json_from_string (text, NULL) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("must give the registers read, such as {\"total\": \"1234\"}"));
  o = json_node_get_object (node);
  if (!json_object_has_member (o, PW_UTILITY_TOTAL))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                               _("the total register is missing"));
  for (guint i = 0; i < n_regs; i++)
    if (!json_object_has_member (o, json_array_get_string_element (facts->registers, i)))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                                 _("register “%s” is missing"),
                                 json_array_get_string_element (facts->registers, i));
  members = json_object_get_members (o);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *v = json_object_get_member (o, name);
      const char *s = JSON_NODE_HOLDS_VALUE (v) && json_node_get_value_type (v) == G_TYPE_STRING
                      ? json_node_get_string (v) : NULL;
      gboolean known = g_str_equal (name, PW_UTILITY_TOTAL);
      PwDecimal d;

      for (guint i = 0; !known && i < n_regs; i++)
        known = g_str_equal (name, json_array_get_string_element (facts->registers, i));
      if (!known)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                                   _("the meter has no register “%s”"), name);
      if (s == NULL || !pw_decimal_parse (s, &d, NULL) || pw_decimal_sign (d) < 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                                   _("register “%s”: “%s” is not a number of 0 or more"), name,
                                   s ? s : "");
      if (facts->digits > 0 && pw_decimal_cmp (d, round) >= 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                                   _("register “%s”: %s does not fit a dial of %d digits"),
                                   name, s, (int) facts->digits);
      if (g_str_equal (name, PW_UTILITY_TOTAL))
        *total = d;
    }
  return TRUE;
}

static PwDecimal
column_decimal (sqlite3_stmt *stmt, int col)
{
  PwDecimal d = pw_decimal_from_int (0, 0);
  const char *text = (const char *) sqlite3_column_text (stmt, col);

  if (text != NULL)
    pw_decimal_parse (text, &d, NULL);
  return d;
}

/* The total register of a reading's JSON text: the usual {"total":"1234.5"} read
 * directly, anything else through the JSON parser. */
static PwDecimal
total_of (const char *text)
{
  PwDecimal d = pw_decimal_from_int (0, 0);
  static const char prefix[] = "{\"total\":\"";
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return d;
  if (strncmp (text, prefix, sizeof prefix - 1) == 0)
    {
      const char *v = text + sizeof prefix - 1;
      const char *end = strchr (v, '"');
      char buf[64];

      if (end != NULL && end - v < (int) sizeof buf)
        {
          memcpy (buf, v, end - v);
          buf[end - v] = '\0';
          if (pw_decimal_parse (buf, &d, NULL))
            return d;
        }
    }
  node = json_from_string (text, NULL);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *t = json_object_get_string_member_with_default (json_node_get_object (node),
                                                                  PW_UTILITY_TOTAL, NULL);

      if (t == NULL || !pw_decimal_parse (t, &d, NULL))
        d = pw_decimal_from_int (0, 0);
    }
  return d;
}

static int
compare_decimal (gconstpointer a, gconstpointer b)
{
  return pw_decimal_cmp (*(const PwDecimal *) a, *(const PwDecimal *) b);
}

/* The dial units between @from and @to, the dial going round once when @to is lower
 * and the round is known; FALSE when that cannot be said. */
static gboolean
interval (PwDecimal from, PwDecimal to, gboolean rolled, gint64 digits, PwDecimal *out)
{
  if (pw_decimal_cmp (to, from) >= 0)
    return pw_decimal_sub (to, from, out, NULL);
  if (!rolled || digits <= 0)
    return FALSE;
  return pw_decimal_sub (dial_round (digits), from, out, NULL)
         && pw_decimal_add (*out, to, out, NULL);
}

/* ---- the readings of an import, read at once (pw_meter_validate_memo_begin()) ---- */

#define MEMO_KEY "pw-meter-validate-memo"

typedef struct {
  char      *id;
  char       date[11];
  PwDecimal  total;
  gboolean   rolled;
} MemoReading;

typedef struct {
  MeterFacts  facts;
  GArray     *readings;   /* MemoReading, by date */
} MemoMeter;

static void
memo_reading_clear (gpointer data)
{
  g_free (((MemoReading *) data)->id);
}

static void
memo_meter_free (gpointer data)
{
  MemoMeter *m = data;

  meter_facts_clear (&m->facts);
  g_array_unref (m->readings);
  g_free (m);
}

static PwDecimal total_of (const char *text);

/* Inserts @r in date order (an import's readings mostly come last) */
static void
memo_insert (MemoMeter *m, MemoReading *r)
{
  guint i = m->readings->len;

  while (i > 0 && strcmp (g_array_index (m->readings, MemoReading, i - 1).date, r->date) > 0)
    i--;
  g_array_insert_val (m->readings, i, *r);
}

#define MEMO_METERS_SQL                                                                    \
  "SELECT id, park_id, digits, registers,"                                                  \
  " EXISTS (SELECT 1 FROM meter_replacement r WHERE r.meter_id = meter.id)"                 \
  " FROM meter WHERE park_id = ?1"

/* each meter's readings from ?2 on, and the PW_METER_HISTORY + 2 before (those the
 * validator's query reads); the bound is found with one index seek per meter */
#define MEMO_READINGS_SQL                                                                  \
  "SELECT r.id, r.meter_id, r.date, r.reg_values, r.rollover FROM meter m"                  \
  " JOIN meter_reading r ON r.meter_id = m.id AND r.date >= coalesce ((SELECT p.date"       \
  "  FROM meter_reading p WHERE p.meter_id = m.id AND p.date < ?2 ORDER BY p.date DESC"     \
  "  LIMIT 1 OFFSET ?3), '')"                                                               \
  " WHERE m.park_id = ?1 ORDER BY r.meter_id, r.date"

gboolean
pw_meter_validate_memo_begin (PwStore *store, const char *park_id, const char *from,
                              GError **error)
{
  g_autoptr(GHashTable) memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      memo_meter_free);
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, MEMO_METERS_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MemoMeter *m = g_new0 (MemoMeter, 1);
      const char *regs = (const char *) sqlite3_column_text (stmt, 3);
      g_autoptr(JsonNode) node = NULL;

      m->facts.park_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      m->facts.digits = sqlite3_column_int64 (stmt, 2);
      m->facts.replaced = sqlite3_column_int (stmt, 4) != 0;
      if (regs != NULL && strcmp (regs, "[]") != 0)
        node = json_from_string (regs, NULL);
      m->facts.registers = node && JSON_NODE_HOLDS_ARRAY (node)
                           ? json_array_ref (json_node_get_array (node)) : json_array_new ();
      m->readings = g_array_new (FALSE, FALSE, sizeof (MemoReading));
      g_array_set_clear_func (m->readings, memo_reading_clear);
      g_hash_table_insert (memo, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a meter"));
      return FALSE;
    }

  stmt = pw_store_prepare_cached (store, MEMO_READINGS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, PW_METER_HISTORY + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      MemoMeter *m = g_hash_table_lookup (memo, (const char *) sqlite3_column_text (stmt, 1));
      const char *date = (const char *) sqlite3_column_text (stmt, 2);
      MemoReading r = { 0 };

      if (m == NULL || date == NULL || strlen (date) != 10)
        continue;
      r.id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      memcpy (r.date, date, 11);
      r.total = total_of ((const char *) sqlite3_column_text (stmt, 3));
      r.rolled = sqlite3_column_int (stmt, 4) != 0;
      g_array_append_val (m->readings, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a meter’s readings"));
      return FALSE;
    }
  g_object_set_data_full (G_OBJECT (store), MEMO_KEY, g_steal_pointer (&memo),
                          (GDestroyNotify) g_hash_table_unref);
  return TRUE;
}

void
pw_meter_validate_memo_add (PwStore *store, const char *id, const char *meter_id,
                            const char *date, const char *reg_values, gboolean rollover)
{
  GHashTable *memo = g_object_get_data (G_OBJECT (store), MEMO_KEY);
  MemoMeter *m = memo ? g_hash_table_lookup (memo, meter_id) : NULL;
  MemoReading r = { 0 };

  if (m == NULL || date == NULL || strlen (date) != 10)
    return;
  r.id = g_strdup (id);
  memcpy (r.date, date, 11);
  r.total = total_of (reg_values);
  r.rolled = rollover;
  memo_insert (m, &r);
}

void
pw_meter_validate_memo_end (PwStore *store)
{
  g_object_set_data (G_OBJECT (store), MEMO_KEY, NULL);
}

/* The memo's facts of @meter_id, or NULL when there is no memo or the meter is not in
 * it (or has been replaced: its readings are judged with queries) */
static MemoMeter *
memo_meter (PwStore *store, const char *meter_id)
{
  GHashTable *memo = g_object_get_data (G_OBJECT (store), MEMO_KEY);
  MemoMeter *m = memo && meter_id ? g_hash_table_lookup (memo, meter_id) : NULL;

  return m != NULL && !m->facts.replaced ? m : NULL;
}

static gboolean
validate_reading (PwStore *store, JsonObject *row, GError **error)
{
  const char *id = pw_row_string (row, "id");
  const char *meter_id = pw_row_string (row, "meter_id");
  const char *date = pw_row_string (row, "date");
  const char *source = pw_row_string (row, "source");
  static const char *const sources[] = { "hand", "import", "sync", NULL };
  MeterFacts facts = { 0 };
  PwDecimal total = pw_decimal_from_int (0, 0), base, used;
  PwDecimal prev[PW_METER_HISTORY + 1];
  gboolean prev_rolled[PW_METER_HISTORY + 1];
  g_autofree char *prev_date = NULL;
  gint64 rollover = 0, confirmed = 0;
  guint n_prev = 0;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE, replaced = FALSE;
  MemoMeter *memo;
  int rc;

  if (!pw_row_require_date (row, "date", FALSE, error))
    return FALSE;
  if (source != NULL && !g_strv_contains (sources, source))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "source",
                               _("“%s” is not one of the allowed values"), source ? source : "");
  pw_row_int (row, "rollover", &rollover);
  pw_row_int (row, "confirmed", &confirmed);
  memo = memo_meter (store, meter_id);
  if (memo != NULL)
    {
      facts.park_id = g_strdup (memo->facts.park_id);
      facts.digits = memo->facts.digits;
      facts.registers = json_array_ref (memo->facts.registers);
    }
  else if (!read_meter (store, meter_id, "meter_id", &facts, error))
    return FALSE;
  if (!require_values (row, "reg_values", &facts, &total, error))
    goto out;
  if (memo != NULL)
    {
      /* the readings before it from memory, as the query below reads them */
      for (guint i = memo->readings->len; i > 0; i--)
        {
          const MemoReading *r = &g_array_index (memo->readings, MemoReading, i - 1);

          if (strcmp (r->date, date) > 0 || g_strcmp0 (r->id, id) == 0)
            continue;
          if (n_prev == 0 && strcmp (r->date, date) == 0)
            {
              pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                                  _("the meter has a reading on %s already"), date);
              goto out;
            }
          if (n_prev > PW_METER_HISTORY)
            break;
          if (n_prev == 0)
            prev_date = g_strdup (r->date);
          prev[n_prev] = r->total;
          prev_rolled[n_prev] = r->rolled;
          n_prev++;
        }
      goto have_prev;
    }

  /* the readings before it, latest first */
  /* the readings before it, latest first, and one of that day if there is one */
  stmt = pw_store_prepare_cached (store,
    "SELECT date, reg_values, rollover FROM meter_reading"
    " WHERE meter_id = ?1 AND date <= ?2 AND id <> ?3 ORDER BY date DESC LIMIT 8", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, meter_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, id ? id : "", -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n_prev == 0 && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), date) == 0)
        {
          sqlite3_reset (stmt);
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                              _("the meter has a reading on %s already"), date);
          goto out;
        }
      if (n_prev > PW_METER_HISTORY)
        break;
      if (n_prev == 0)
        prev_date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      prev[n_prev] = total_of ((const char *) sqlite3_column_text (stmt, 1));
      prev_rolled[n_prev] = sqlite3_column_int (stmt, 2) != 0;
      n_prev++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      pw_store_set_error (store, error, rc, _("reading a meter’s readings"));
      goto out;
    }
have_prev:
  if (n_prev == 0)
    {
      ok = TRUE;
      goto out;
    }

  /* a replacement since the last reading: count from its opening reading */
  base = prev[0];
  if (!facts.replaced)
    goto compare;
  stmt = pw_store_prepare_cached (store,
    "SELECT json_extract (opening_values, '$.total') FROM meter_replacement"
    " WHERE meter_id = ?1 AND date > ?2 AND date <= ?3 ORDER BY date DESC LIMIT 1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, meter_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, prev_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      base = column_decimal (stmt, 0);
      replaced = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a meter’s replacements"));
      goto out;
    }

compare:
  if (pw_decimal_cmp (total, base) < 0)
    {
      g_autofree char *was = pw_decimal_to_string (base);
      g_autofree char *now = pw_decimal_to_string (total);

      if (!rollover)
        {
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "rollover",
                              replaced
                              ? _("%s is lower than the new meter’s opening reading %s")
                              : _("%s is lower than the reading %s of %s: confirm it as a "
                                  "rollover, or record the meter’s replacement"),
                              now, was, prev_date);
          goto out;
        }
      if (facts.digits <= 0)
        {
          pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "rollover",
                              _("a rollover needs the meter’s number of digits"));
          goto out;
        }
    }
  if (replaced || !interval (base, total, rollover != 0, facts.digits, &used))
    {
      ok = TRUE;   /* across a replacement the history is not comparable */
      goto out;
    }

  /* D19: far outside the history needs confirming */
  if (!confirmed && n_prev >= 4)
    {
      PwDecimal hist[PW_METER_HISTORY], median, limit;
      guint n = 0;

      for (guint i = 0; i + 1 < n_prev; i++)
        if (interval (prev[i + 1], prev[i], prev_rolled[i], facts.digits, &hist[n]))
          n++;
      if (n >= 3)
        {
          qsort (hist, n, sizeof hist[0], (int (*) (const void *, const void *)) compare_decimal);
          if (n % 2 == 1)
            median = hist[n / 2];
          else if (!pw_decimal_add (hist[n / 2 - 1], hist[n / 2], &median, NULL)
                   || !pw_decimal_div (median, pw_decimal_from_int (2, 0), median.scale + 1,
                                       PW_ROUND_HALF_UP, &median, NULL))
            median = pw_decimal_from_int (0, 0);
          if (pw_decimal_sign (median) > 0
              && pw_decimal_mul (median, pw_decimal_from_int (3, 0), &limit, NULL)
              && pw_decimal_cmp (used, limit) > 0)
            {
              g_autofree char *u = pw_decimal_to_string (pw_decimal_normalize (used));
              g_autofree char *m = pw_decimal_to_string (pw_decimal_normalize (median));

              pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "confirmed",
                                  _("%s used is more than 3 times the median %s of the last "
                                    "%u periods: confirm the reading"), u, m, n);
              goto out;
            }
        }
    }
  ok = TRUE;
out:
  meter_facts_clear (&facts);
  return ok;
}

static gboolean
validate_replacement (PwStore *store, JsonObject *row, GError **error)
{
  const char *meter_id = pw_row_string (row, "meter_id");
  const char *date = pw_row_string (row, "date");
  MeterFacts facts = { 0 };
  PwDecimal final_total = pw_decimal_from_int (0, 0), opening_total;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  if (!pw_row_require_date (row, "date", FALSE, error)
      || !read_meter (store, meter_id, "meter_id", &facts, error))
    return FALSE;
  if (!require_values (row, "final_values", &facts, &final_total, error)
      || !require_values (row, "opening_values", &facts, &opening_total, error)
      || !require_decimal (row, "old_multiplier", FALSE, TRUE, NULL, error))
    goto out;
  stmt = pw_store_prepare_cached (store,
    "SELECT date, json_extract (reg_values, '$.total') FROM meter_reading"
    " WHERE meter_id = ?1 AND date <= ?2 ORDER BY date DESC LIMIT 1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, meter_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && pw_decimal_cmp (final_total, column_decimal (stmt, 1)) < 0)
    {
      g_autofree char *f = pw_decimal_to_string (final_total);

      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "final_values",
                          _("the final reading %s is lower than the reading of %s"), f,
                          (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      goto out;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading a meter’s readings"));
      goto out;
    }
  ok = TRUE;
out:
  meter_facts_clear (&facts);
  return ok;
}

/* Whether @sql (?1 the value, ?2 the park) finds a row. */
static int
exists (PwStore *store, const char *sql, const char *value, const char *park_id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, park_id ? park_id : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the meters"));
      return -1;
    }
  return rc == SQLITE_ROW;
}

static gboolean
validate_meter (PwStore *store, JsonObject *row, GError **error)
{
  static const char *const kinds[] = { "electricity", "water", "gas", "heat", "other", NULL };
  const char *id = pw_row_string (row, "id");
  const char *park_id = pw_row_string (row, "park_id");
  const char *kind = pw_row_string (row, "kind");
  const char *ct = pw_row_string (row, "ct");
  const char *pt = pw_row_string (row, "pt");
  const char *master = pw_row_string (row, "master_id");
  const char *customer = pw_row_string (row, "customer_id");
  const char *tariff = pw_row_string (row, "tariff");
  g_autoptr(JsonArray) registers = NULL, spaces = NULL;
  gint64 common = 0;
  PwDecimal multiplier;
  int found;

  if (!require_text (row, "code", 64, error))
    return FALSE;
  if (kind == NULL || !g_strv_contains (kinds, kind))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "kind",
                               _("“%s” is not one of the allowed values"), kind ? kind : "");
  multiplier = pw_decimal_from_int (1, 0);
  if ((json_object_has_member (row, "multiplier")
       && !require_decimal (row, "multiplier", FALSE, TRUE, &multiplier, error))
      || !require_int_range (row, "digits", 0, 15, NULL, error)
      || !require_int_range (row, "decimals", 0, 6, NULL, error)
      || !require_int_range (row, "route_order", 0, G_MAXINT32, NULL, error)
      || !require_decimal (row, "area", TRUE, FALSE, NULL, error)
      || !require_decimal (row, "weight", TRUE, FALSE, NULL, error))
    return FALSE;
  if ((ct != NULL && *ct) || (pt != NULL && *pt))
    {
      PwDecimal ratio;
      g_autoptr(GError) local = NULL;

      if (!pw_utility_ratio_multiplier (ct && *ct ? ct : NULL, pt && *pt ? pt : NULL, &ratio,
                                        &local))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, ct && *ct ? "ct" : "pt",
                                   "%s", local->message);
      if (pw_decimal_cmp (ratio, multiplier) != 0)
        {
          g_autofree char *r = pw_decimal_to_string (pw_decimal_normalize (ratio));

          return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "multiplier",
                                     _("does not agree with the CT and PT ratios (%s)"), r);
        }
    }
  registers = require_string_list (row, "registers", error);
  if (registers == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (registers); i++)
    if (g_str_equal (json_array_get_string_element (registers, i), PW_UTILITY_TOTAL))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "registers",
                                 _("the total register is not one of the time-of-use registers"));
  spaces = require_string_list (row, "spaces", error);
  if (spaces == NULL)
    return FALSE;
  pw_row_int (row, "common", &common);
  if (common && customer != NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "customer_id",
                               _("a meter of common use charges no customer"));
  if (master != NULL)
    {
      if (g_strcmp0 (master, id) == 0)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "master_id",
                                   _("a meter cannot be its own master"));
      found = exists (store, "SELECT 1 FROM meter WHERE id = ?1 AND park_id = ?2", master,
                      park_id, error);
      if (found < 0)
        return FALSE;
      if (!found)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "master_id",
                                   _("no such meter in this park"));
    }
  if (customer != NULL)
    {
      found = exists (store, "SELECT 1 FROM customer WHERE id = ?1 AND park_id = ?2", customer,
                      park_id, error);
      if (found < 0)
        return FALSE;
      if (!found)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "customer_id",
                                   _("no such customer in this park"));
    }
  if (tariff != NULL && *tariff != '\0')
    {
      found = exists (store, "SELECT 1 FROM tariff WHERE code = ?1 AND park_id = ?2", tariff,
                      park_id, error);
      if (found < 0)
        return FALSE;
      if (!found)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "tariff",
                                   _("no tariff “%s” in this park"), tariff);
    }
  return TRUE;
}

/* The tariff's definition must read as a tariffs[] member of docs/utility-format.md
 * and agree with the record's columns. */
static gboolean
validate_tariff (PwStore *store, JsonObject *row, GError **error)
{
  const char *code = pw_row_string (row, "code");
  const char *from = pw_row_string (row, "valid_from");
  const char *tax_code = pw_row_string (row, "tax_code");
  const char *rate = pw_row_string (row, "tax_rate");
  const char *definition = pw_row_string (row, "definition");
  g_autoptr(JsonNode) def = definition ? json_from_string (definition, NULL) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) doc = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  g_autoptr(PwUtilityInput) input = NULL;
  PwDecimal r;
  PwTariff *t;
  sqlite3_stmt *stmt;
  int rc;

  if (!require_text (row, "code", 64, error) || !require_text (row, "tax_code", 64, error))
    return FALSE;
  if (from != NULL && *from != '\0' && !pw_row_require_date (row, "valid_from", FALSE, error))
    return FALSE;
  if (rate == NULL || !pw_decimal_parse (rate, &r, NULL) || pw_decimal_sign (r) < 0
      || pw_decimal_cmp (r, pw_decimal_from_int (1, 0)) >= 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "tax_rate",
                               _("“%s” is not a tax rate such as 0.13"), rate ? rate : "");
  if (def == NULL || !JSON_NODE_HOLDS_OBJECT (def))
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "definition",
                               _("must be a JSON object"));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "currency");
  json_builder_add_string_value (b, "CNY");
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, "2000-01");
  json_builder_set_member_name (b, "tax_codes");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, tax_code);
  json_builder_set_member_name (b, "rate");
  json_builder_add_string_value (b, rate);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "tariffs");
  json_builder_begin_array (b);
  json_builder_add_value (b, json_node_copy (def));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "meters");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  doc = json_builder_get_root (b);
  text = json_to_string (doc, FALSE);
  input = pw_utility_input_load_data (text, strlen (text), "tariff", &local);
  if (input == NULL)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "definition", "%s",
                               local->message);
  t = g_ptr_array_index (input->tariffs, 0);
  if (g_strcmp0 (t->code, code) != 0
      || g_strcmp0 (pw_row_string (row, "kind"),
                    t->kind == PW_TARIFF_FLAT ? "flat"
                    : t->kind == PW_TARIFF_TIERED ? "tiered" : "time_of_use") != 0
      || g_strcmp0 (t->tax_code, tax_code) != 0)
    return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "definition",
                               _("its code, kind and tax code must be the tariff’s"));

  /* one rate per tax code and day */
  stmt = pw_store_prepare_cached (store,
    "SELECT tax_rate FROM tariff WHERE park_id = ?1 AND tax_code = ?2 AND valid_from = ?3"
    " AND id <> ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pw_row_string (row, "park_id"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tax_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, from ? from : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, pw_row_string (row, "id"), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (pw_decimal_cmp (column_decimal (stmt, 0), r) != 0)
      {
        sqlite3_reset (stmt);
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "tax_rate",
                                   _("tax code %s has another rate from that day"), tax_code);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the tariffs"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pw_meter_validate (PwStore *store, const char *entity, JsonObject *row, JsonObject *before,
                   GError **error)
{
  if (g_str_equal (entity, "meter_reading"))
    return validate_reading (store, row, error);
  if (g_str_equal (entity, "meter"))
    return validate_meter (store, row, error);
  if (g_str_equal (entity, "meter_replacement"))
    return validate_replacement (store, row, error);
  if (g_str_equal (entity, "tariff"))
    return validate_tariff (store, row, error);
  if (g_str_equal (entity, "meter_loss"))
    {
      static const char *const bases[] = { "consumption", "area", "weights", NULL };
      const char *tariff = pw_row_string (row, "tariff");
      const char *basis = pw_row_string (row, "basis");
      MeterFacts facts = { 0 };
      int found = 1;

      if (basis == NULL || !g_strv_contains (bases, basis))
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "basis",
                                   _("“%s” is not one of the allowed values"), basis ? basis : "");

      if (!read_meter (store, pw_row_string (row, "master_id"), "master_id", &facts, error))
        return FALSE;
      if (tariff != NULL && *tariff != '\0')
        found = exists (store, "SELECT 1 FROM tariff WHERE code = ?1 AND park_id = ?2"
                        " AND kind = 'flat'", tariff, facts.park_id, error);
      meter_facts_clear (&facts);
      if (found < 0)
        return FALSE;
      if (!found)
        return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "tariff",
                                   _("no flat tariff “%s” in this park"), tariff);
      return TRUE;
    }
  (void) before;
  return TRUE;
}
