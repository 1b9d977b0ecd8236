/* pw-meter-input.c — a month of the store's meters as the utility engine's input
 * (docs/meters.md, "Computing a month")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month is read with one query per kind of record (meters, replacements, readings,
 * tax codes, tariffs, loss rules) straight into the engine's structs; the engine's own
 * validation (pw_utility_input_validate()) then checks them as it checks a file. Each
 * tariff's definition is read with the file's reader (pw_utility_input_add_tariff()).
 * pw_meter_utility_json() writes the same month in the JSON form of
 * docs/utility-format.md, the file `parkwise-cli utility` reads: computed from that
 * file, the month gives the same lines and explanations (tests/core/test-meters.c).
 *
 * Invariants:
 *   1. Only active meters are in it; a sub-meter of an inactive master has no master.
 *   2. Readings go back PW_METER_INPUT_MONTHS months before the month, enough for the
 *      history of six intervals and for a yearly tier year. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-error.h"
#include "pw-money.h"
#include "pw-meter.h"
#include "pw-meter-compute.h"
#include "pw-utility-private.h"

#define PW_METER_INPUT_MONTHS 14

#define STR(k, v) (json_builder_set_member_name (b, k), json_builder_add_string_value (b, v))

static gboolean
step_error (PwStore *store, int rc, GError **error)
{
  pw_store_set_error (store, error, rc, _("reading the meters"));
  return FALSE;
}

static void
add_raw (JsonBuilder *b, const char *name, const char *json_text)
{
  json_builder_set_member_name (b, name);
  json_builder_add_value (b, json_from_string (json_text, NULL));
}

static gboolean
add_tariffs (PwStore *store, JsonBuilder *b, const char *park_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = pw_store_prepare (store, "SELECT DISTINCT tax_code, tax_rate, valid_from FROM tariff"
                           " WHERE park_id = ? ORDER BY 1, 3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  json_builder_set_member_name (b, "tax_codes");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *from = (const char *) sqlite3_column_text (stmt, 2);

      json_builder_begin_object (b);
      STR ("code", (const char *) sqlite3_column_text (stmt, 0));
      STR ("rate", (const char *) sqlite3_column_text (stmt, 1));
      if (from != NULL && *from != '\0')
        STR ("from", from);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (rc != SQLITE_DONE)
    return step_error (store, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = pw_store_prepare (store, "SELECT definition FROM tariff WHERE park_id = ?"
                           " ORDER BY code, valid_from", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  json_builder_set_member_name (b, "tariffs");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    json_builder_add_value (b, json_from_string ((const char *) sqlite3_column_text (stmt, 0),
                                                 NULL));
  json_builder_end_array (b);
  return rc == SQLITE_DONE || step_error (store, rc, error);
}

#define METERS_SQL                                                                         \
  "SELECT m.id, m.code, m.kind, m.serial, coalesce (s.code, f.code, bu.code, ''), m.unit,"  \
  " m.ct, m.pt, m.multiplier, m.digits, m.decimals, m.registers, mm.code, m.common,"        \
  " m.customer_id, (SELECT json_group_array (sp.code) FROM json_each (m.spaces) j"         \
  "  JOIN space sp ON sp.id = j.value), m.area, m.weight, m.tariff"                        \
  " FROM meter m LEFT JOIN space s ON s.id = m.location_id"                                 \
  " LEFT JOIN floor f ON f.id = m.location_id LEFT JOIN building bu ON bu.id = m.location_id" \
  " LEFT JOIN meter mm ON mm.id = m.master_id AND mm.active = 1"                            \
  " WHERE m.park_id = ? AND m.active = 1 ORDER BY m.route_order, m.code"

#define REPLACEMENTS_SQL                                                                   \
  "SELECT m.code, r.date, r.final_values, r.opening_values, r.old_multiplier, r.new_serial"  \
  " FROM meter_replacement r JOIN meter m ON m.id = r.meter_id"                             \
  " WHERE m.park_id = ? AND m.active = 1 ORDER BY m.code, r.date"

static gboolean
add_meters (PwStore *store, JsonBuilder *b, const char *park_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, METERS_SQL, error);
  g_autoptr(sqlite3_stmt) repl = pw_store_prepare (store, REPLACEMENTS_SQL, error);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              (GDestroyNotify) g_ptr_array_unref);
  int rc;

  if (stmt == NULL || repl == NULL)
    return FALSE;
  sqlite3_bind_text (repl, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (repl)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (repl, 0);
      GPtrArray *list = g_hash_table_lookup (replacements, code);
      JsonBuilder *r = json_builder_new ();

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
          g_hash_table_insert (replacements, g_strdup (code), list);
        }
      json_builder_begin_object (r);
      json_builder_set_member_name (r, "date");
      json_builder_add_string_value (r, (const char *) sqlite3_column_text (repl, 1));
      add_raw (r, "final", (const char *) sqlite3_column_text (repl, 2));
      add_raw (r, "opening", (const char *) sqlite3_column_text (repl, 3));
      json_builder_set_member_name (r, "old_multiplier");
      json_builder_add_string_value (r, (const char *) sqlite3_column_text (repl, 4));
      if (*(const char *) sqlite3_column_text (repl, 5) != '\0')
        {
          json_builder_set_member_name (r, "new_serial");
          json_builder_add_string_value (r, (const char *) sqlite3_column_text (repl, 5));
        }
      json_builder_end_object (r);
      g_ptr_array_add (list, json_builder_get_root (r));
      g_object_unref (r);
    }
  if (rc != SQLITE_DONE)
    return step_error (store, rc, error);

  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  json_builder_set_member_name (b, "meters");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
#define COL(i) ((const char *) sqlite3_column_text (stmt, i))
#define OPT(k, i) do { if (COL (i) != NULL && *COL (i) != '\0') STR (k, COL (i)); } while (0)
      GPtrArray *list = g_hash_table_lookup (replacements, COL (1));

      json_builder_begin_object (b);
      STR ("code", COL (1));
      STR ("kind", COL (2));
      OPT ("serial", 3);
      OPT ("location", 4);
      OPT ("unit", 5);
      STR ("multiplier", COL (8));
      if (sqlite3_column_int (stmt, 9) > 0)
        {
          json_builder_set_member_name (b, "digits");
          json_builder_add_int_value (b, sqlite3_column_int (stmt, 9));
        }
      json_builder_set_member_name (b, "decimals");
      json_builder_add_int_value (b, sqlite3_column_int (stmt, 10));
      if (strcmp (COL (11), "[]") != 0)
        add_raw (b, "registers", COL (11));
      OPT ("master", 12);
      if (sqlite3_column_int (stmt, 13))
        {
          json_builder_set_member_name (b, "common");
          json_builder_add_boolean_value (b, TRUE);
        }
      OPT ("customer", 14);
      add_raw (b, "spaces", COL (15));
      OPT ("area", 16);
      OPT ("weight", 17);
      OPT ("tariff", 18);
      if (list != NULL)
        {
          json_builder_set_member_name (b, "replacements");
          json_builder_begin_array (b);
          for (guint i = 0; i < list->len; i++)
            json_builder_add_value (b, json_node_copy (g_ptr_array_index (list, i)));
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
#undef OPT
#undef COL
    }
  json_builder_end_array (b);
  return rc == SQLITE_DONE || step_error (store, rc, error);
}

/* A reading's registers as the store keeps them ({"total": "1234.5", …}, checked by
 * its validator); the usual one-register text read without a JSON parser. */
static void
set_values (GArray *values, const char *text)
{
  static const char prefix[] = "{\"total\":\"";
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  PwDecimal d;

  if (strncmp (text, prefix, sizeof prefix - 1) == 0)
    {
      const char *v = text + sizeof prefix - 1;
      const char *end = strchr (v, '"');
      char buf[64];

      if (end != NULL && g_str_equal (end, "\"}") && end - v < (int) sizeof buf)
        {
          memcpy (buf, v, end - v);
          buf[end - v] = '\0';
          if (pw_decimal_parse (buf, &d, NULL))
            {
              pw_register_values_set (values, PW_UTILITY_TOTAL, d);
              return;
            }
        }
    }
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *v = json_object_get_string_member_with_default (json_node_get_object (node),
                                                                  l->data, NULL);

      if (v != NULL && pw_decimal_parse (v, &d, NULL))
        pw_register_values_set (values, l->data, d);
    }
}

/* The readings go into @in directly rather than through the JSON text: they are most
 * of a month's data (a park of 20,000 meters has some 280,000 of them). */
static gboolean
add_readings (PwStore *store, PwUtilityInput *in, const char *park_id, const char *from,
              const char *to, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT m.code, r.date, r.reg_values, r.rollover, r.confirmed FROM meter_reading r"
    " JOIN meter m ON m.id = r.meter_id WHERE m.park_id = ?1 AND m.active = 1"
    " AND r.date BETWEEN ?2 AND ?3 ORDER BY m.code, r.date", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate date;
      PwReading *rd;

      if (!pw_date_parse_iso ((const char *) sqlite3_column_text (stmt, 1), &date))
        continue;
      rd = pw_reading_new ((const char *) sqlite3_column_text (stmt, 0), &date);
      set_values (rd->values, (const char *) sqlite3_column_text (stmt, 2));
      rd->rollover = sqlite3_column_int (stmt, 3) != 0;
      rd->confirmed = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (in->readings, rd);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || step_error (store, rc, error);
}

static gboolean
add_losses (PwStore *store, JsonBuilder *b, const char *park_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
    "SELECT m.code, l.basis, l.tariff FROM meter_loss l JOIN meter m ON m.id = l.master_id"
    " WHERE m.park_id = ? AND m.active = 1 ORDER BY m.code", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  json_builder_set_member_name (b, "losses");
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *tariff = (const char *) sqlite3_column_text (stmt, 2);

      json_builder_begin_object (b);
      STR ("master", (const char *) sqlite3_column_text (stmt, 0));
      STR ("basis", (const char *) sqlite3_column_text (stmt, 1));
      if (tariff != NULL && *tariff != '\0')
        STR ("tariff", tariff);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return rc == SQLITE_DONE || step_error (store, rc, error);
}

/* The month's first day back PW_METER_INPUT_MONTHS months, its last day, and "YYYY-MM". */
static void
month_bounds (guint year, guint month, char **from, char **to, char **period)
{
  GDate first, last;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_set_day (&last, g_date_get_days_in_month (month, year));
  g_date_subtract_months (&first, PW_METER_INPUT_MONTHS);
  *from = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&first), g_date_get_month (&first),
                           g_date_get_day (&first));
  *to = g_strdup_printf ("%04u-%02u-%02u", year, month, g_date_get_day (&last));
  *period = g_strdup_printf ("%04u-%02u", year, month);
}

static void
add_readings_json (JsonBuilder *b, PwUtilityInput *in)
{
  json_builder_set_member_name (b, "readings");
  json_builder_begin_array (b);
  for (guint i = 0; i < in->readings->len; i++)
    {
      const PwReading *rd = g_ptr_array_index (in->readings, i);
      char date[16];

      g_date_strftime (date, sizeof date, "%Y-%m-%d", &rd->date);
      json_builder_begin_object (b);
      STR ("meter", rd->meter);
      STR ("date", date);
      json_builder_set_member_name (b, "values");
      json_builder_begin_object (b);
      for (guint k = 0; k < rd->values->len; k++)
        {
          const PwRegisterValue *v = &g_array_index (rd->values, PwRegisterValue, k);
          g_autofree char *text = pw_decimal_to_string (v->value);

          STR (v->name, text);
        }
      json_builder_end_object (b);
      if (rd->rollover)
        {
          json_builder_set_member_name (b, "rollover");
          json_builder_add_boolean_value (b, TRUE);
        }
      if (rd->confirmed)
        {
          json_builder_set_member_name (b, "confirmed");
          json_builder_add_boolean_value (b, TRUE);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
pw_meter_utility_json (PwStore *store, const char *park_id, guint year, guint month,
                       GError **error)
{
  g_autoptr(JsonObject) park = pw_store_get_row (store, "park", park_id, error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PwUtilityInput) readings = NULL;
  g_autofree char *period = NULL, *from = NULL, *to = NULL;

  if (park == NULL)
    return NULL;
  month_bounds (year, month, &from, &to, &period);
  readings = pw_utility_input_new (json_object_get_string_member (park, "currency"), year, month);
  if (!add_readings (store, readings, park_id, from, to, error))
    return NULL;
  json_builder_begin_object (b);
  STR ("currency", json_object_get_string_member (park, "currency"));
  STR ("period", period);
  if (!add_tariffs (store, b, park_id, error) || !add_meters (store, b, park_id, error)
      || !add_losses (store, b, park_id, error))
    return NULL;
  add_readings_json (b, readings);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

/* ---- straight into the engine's structs ------------------------------------------ */

#define COLS(stmt, i) ((const char *) sqlite3_column_text (stmt, i))

/* @text if it is not empty, else NULL (the file leaves such a member out) */
static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

static PwDecimal
decimal_or_zero (const char *text)
{
  PwDecimal d = pw_decimal_from_int (0, 0);

  if (text != NULL && *text != '\0' && !pw_decimal_parse (text, &d, NULL))
    d = pw_decimal_from_int (0, 0);
  return d;
}

/* A JSON list of names (a meter's registers) as a GStrv, or NULL when it is empty. */
static GStrv
names_of (const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GStrvBuilder) sb = NULL;
  JsonArray *a;

  if (text == NULL || strcmp (text, "[]") == 0
      || (node = json_from_string (text, NULL)) == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  a = json_node_get_array (node);
  if (json_array_get_length (a) == 0)
    return NULL;
  sb = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      const char *name = json_array_get_string_element (a, i);

      if (name != NULL)
        g_strv_builder_add (sb, name);
    }
  return g_strv_builder_end (sb);
}

static gboolean
step_end (PwStore *store, sqlite3_stmt *stmt, int rc, GError **error)
{
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || step_error (store, rc, error);
}

static gboolean
load_tariffs (PwStore *store, PwUtilityInput *in, const char *park_id, const char *name,
              GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT DISTINCT tax_code, tax_rate, valid_from FROM tariff WHERE park_id = ?"
    " ORDER BY 1, 3", error);
  guint i = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *from = COLS (stmt, 2);
      GDate date;

      g_date_clear (&date, 1);
      if (from == NULL || *from == '\0' || !pw_date_parse_iso (from, &date))
        g_date_set_dmy (&date, 1, 1, 1900);
      g_ptr_array_add (in->tax_codes,
                       pw_tax_code_new (COLS (stmt, 0), &date, decimal_or_zero (COLS (stmt, 1))));
    }
  if (!step_end (store, stmt, rc, error))
    return FALSE;

  stmt = pw_store_prepare_cached (store, "SELECT definition FROM tariff WHERE park_id = ?"
                                  " ORDER BY code, valid_from", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) node = json_from_string (COLS (stmt, 0), NULL);
      g_autofree char *path = g_strdup_printf ("tariffs[%u]", i++);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          sqlite3_reset (stmt);
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                       _("%s: %s: a tariff's definition is not a JSON object"), name, path);
          return FALSE;
        }
      if (!pw_utility_input_add_tariff (in, json_node_get_object (node), name, path, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  return step_end (store, stmt, rc, error);
}

/* The codes of the park's places (spaces, floors, buildings) by id, read at once: a
 * meter names its location and its spaces by id. */
#define PLACES_SQL                                                                         \
  "SELECT s.id, s.code FROM space s JOIN floor f ON f.id = s.floor_id"                      \
  " JOIN building b ON b.id = f.building_id WHERE b.park_id = ?1"                           \
  " UNION ALL SELECT f.id, f.code FROM floor f JOIN building b ON b.id = f.building_id"      \
  " WHERE b.park_id = ?1 UNION ALL SELECT id, code FROM building WHERE park_id = ?1"

#define METERS_DIRECT_SQL                                                                  \
  "SELECT m.code, m.kind, m.serial, m.location_id, m.unit,"                                 \
  " m.multiplier, m.digits, m.decimals, m.registers, mm.code, m.common, m.customer_id,"    \
  " m.spaces, m.area, m.weight, m.tariff"                                                   \
  " FROM meter m LEFT JOIN meter mm ON mm.id = m.master_id AND mm.active = 1"               \
  " WHERE m.park_id = ? AND m.active = 1 ORDER BY m.route_order, m.code"

static GHashTable *
load_places (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, PLACES_SQL, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (places, g_strdup (COLS (stmt, 0)), g_strdup (COLS (stmt, 1)));
  if (!step_end (store, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&places);
}

/* A meter's spaces (a JSON list of space ids, as the store writes it) as their codes,
 * in its order; ids of no space of the park are left out, as a join leaves them. */
static GStrv
space_codes (GHashTable *places, const char *text)
{
  g_autoptr(GStrvBuilder) sb = g_strv_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  if (text != NULL && strchr (text, '\\') == NULL)
    {
      /* ["id", "id"]: ids are plain text, read without a JSON parser */
      const char *p = strchr (text, '[');

      while (p != NULL && (p = strchr (p, '"')) != NULL)
        {
          const char *end = strchr (p + 1, '"');
          g_autofree char *id = NULL;
          const char *code;

          if (end == NULL)
            break;
          id = g_strndup (p + 1, end - p - 1);
          if ((code = g_hash_table_lookup (places, id)) != NULL)
            g_strv_builder_add (sb, code);
          p = end + 1;
        }
      return g_strv_builder_end (sb);
    }
  node = text ? json_from_string (text, NULL) : NULL;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
      {
        const char *id = json_array_get_string_element (json_node_get_array (node), i);
        const char *code = id ? g_hash_table_lookup (places, id) : NULL;

        if (code != NULL)
          g_strv_builder_add (sb, code);
      }
  return g_strv_builder_end (sb);
}

static gboolean
load_meters (PwStore *store, PwUtilityInput *in, const char *park_id, GError **error)
{
  g_autoptr(GHashTable) places = load_places (store, park_id, error);
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  if (places == NULL
      || (stmt = pw_store_prepare_cached (store, METERS_DIRECT_SQL, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwMeterKind kind = PW_METER_OTHER;
      const char *location = COLS (stmt, 3);
      PwMeter *m;

      pw_meter_kind_from_string (COLS (stmt, 1), &kind);
      m = pw_meter_new (COLS (stmt, 0), kind);
      m->serial = dup_nonempty (COLS (stmt, 2));
      m->location = location ? g_strdup (g_hash_table_lookup (places, location)) : NULL;
      m->unit = dup_nonempty (COLS (stmt, 4));
      m->multiplier = decimal_or_zero (COLS (stmt, 5));
      if (sqlite3_column_int (stmt, 6) > 0)
        m->digits = (guint) sqlite3_column_int (stmt, 6);
      m->decimals = (guint) MAX (sqlite3_column_int (stmt, 7), 0);
      m->registers = names_of (COLS (stmt, 8));
      m->master = dup_nonempty (COLS (stmt, 9));
      m->common = sqlite3_column_int (stmt, 10) != 0;
      m->customer = dup_nonempty (COLS (stmt, 11));
      m->spaces = space_codes (places, COLS (stmt, 12));
      m->area = decimal_or_zero (COLS (stmt, 13));
      m->weight = decimal_or_zero (COLS (stmt, 14));
      m->tariff = dup_nonempty (COLS (stmt, 15));
      g_ptr_array_add (in->meters, m);
      g_hash_table_insert (by_code, m->code, m);
    }
  if (!step_end (store, stmt, rc, error))
    return FALSE;

  stmt = pw_store_prepare_cached (store, REPLACEMENTS_SQL, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PwMeter *m = g_hash_table_lookup (by_code, COLS (stmt, 0));
      PwMeterReplacement *rep;
      GDate date;

      if (m == NULL || !pw_date_parse_iso (COLS (stmt, 1), &date))
        continue;
      rep = pw_meter_replacement_new (&date);
      set_values (rep->final_values, COLS (stmt, 2));
      set_values (rep->opening_values, COLS (stmt, 3));
      rep->old_multiplier = decimal_or_zero (COLS (stmt, 4));
      rep->new_serial = dup_nonempty (COLS (stmt, 5));
      g_ptr_array_add (m->replacements, rep);
    }
  return step_end (store, stmt, rc, error);
}

static gboolean
load_losses (PwStore *store, PwUtilityInput *in, const char *park_id, GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store,
    "SELECT m.code, l.basis, l.tariff FROM meter_loss l JOIN meter m ON m.id = l.master_id"
    " WHERE m.park_id = ? AND m.active = 1 ORDER BY m.code", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *basis = COLS (stmt, 1);
      PwLossRule *l = pw_loss_rule_new (COLS (stmt, 0),
                                        g_strcmp0 (basis, "area") == 0 ? PW_LOSS_BY_AREA
                                        : g_strcmp0 (basis, "weights") == 0 ? PW_LOSS_BY_WEIGHT
                                        : PW_LOSS_BY_CONSUMPTION);

      l->tariff = dup_nonempty (COLS (stmt, 2));
      g_ptr_array_add (in->losses, l);
    }
  return step_end (store, stmt, rc, error);
}

PwUtilityInput *
pw_meter_utility_input_unchecked (PwStore *store, const char *park_id, guint year, guint month,
                                  char **name_out, GError **error)
{
  g_autoptr(JsonObject) park = pw_store_get_row (store, "park", park_id, error);
  g_autofree char *period = NULL, *from = NULL, *to = NULL, *name = NULL;
  g_autoptr(PwUtilityInput) input = NULL;
  const char *currency;

  if (park == NULL)
    return NULL;
  month_bounds (year, month, &from, &to, &period);
  currency = json_object_get_string_member (park, "currency");
  /* Translators: where a month of a park's meters comes from, in messages */
  name = g_strdup_printf (_("park %s, %s"), json_object_get_string_member (park, "code"),
                          period);
  input = pw_utility_input_new (currency, year, month);
  if (pw_currency_minor_digits (currency) >= 0)
    input->minor_digits = pw_currency_minor_digits (currency);
  if (!load_tariffs (store, input, park_id, name, error)
      || !load_meters (store, input, park_id, error)
      || !load_losses (store, input, park_id, error)
      || !add_readings (store, input, park_id, from, to, error))
    return NULL;
  if (name_out != NULL)
    *name_out = g_steal_pointer (&name);
  return g_steal_pointer (&input);
}

PwUtilityInput *
pw_meter_utility_input (PwStore *store, const char *park_id, guint year, guint month,
                        GError **error)
{
  g_autofree char *name = NULL;
  g_autoptr(PwUtilityInput) input = pw_meter_utility_input_unchecked (store, park_id, year,
                                                                      month, &name, error);
  g_autoptr(GError) local = NULL;

  if (input == NULL)
    return NULL;
  /* the checks a file meets (pw-utility.c); a refusal names the park and month */
  if (!pw_utility_input_validate (input, &local))
    {
      g_prefix_error (&local, "%s: ", name);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&input);
}

PwUtilityResult *
pw_meter_compute (PwStore *store, const char *park_id, guint year, guint month, GError **error)
{
  g_autoptr(PwUtilityInput) input = pw_meter_utility_input (store, park_id, year, month, error);

  if (input == NULL)
    return NULL;
  return pw_utility_compute (input, error);
}
