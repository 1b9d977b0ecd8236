/* pw-meter-input.c — a month of the store's meters as the utility engine's input
 * (docs/meters.md, "Computing a month")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's meters, tariffs and loss rules are written out in the JSON form of
 * docs/utility-format.md and read back with the one reader the file and the CLI use, so
 * they meet the same checks as a file; the readings, most of the data and each checked
 * by the store's validator, are added to the result directly, and the engine checks
 * them again when it computes.
 *
 * Invariants:
 *   1. Only active meters are in it; a sub-meter of an inactive master has no master.
 *   2. Readings go back PW_METER_INPUT_MONTHS months before the month, enough for the
 *      history of six intervals and for a yearly tier year. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-date.h"
#include "pw-meter.h"
#include "pw-meter-compute.h"

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
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store,
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

PwUtilityInput *
pw_meter_utility_input (PwStore *store, const char *park_id, guint year, guint month,
                        GError **error)
{
  g_autoptr(JsonObject) park = pw_store_get_row (store, "park", park_id, error);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *period = NULL, *from = NULL, *to = NULL, *text = NULL, *name = NULL;
  g_autoptr(PwUtilityInput) input = NULL;
  GDate first, last;

  if (park == NULL)
    return NULL;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  last = first;
  g_date_set_day (&last, g_date_get_days_in_month (month, year));
  g_date_subtract_months (&first, PW_METER_INPUT_MONTHS);
  from = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&first), g_date_get_month (&first),
                          g_date_get_day (&first));
  to = g_strdup_printf ("%04u-%02u-%02u", year, month, g_date_get_day (&last));
  period = g_strdup_printf ("%04u-%02u", year, month);

  json_builder_begin_object (b);
  STR ("currency", json_object_get_string_member (park, "currency"));
  STR ("period", period);
  if (!add_tariffs (store, b, park_id, error) || !add_meters (store, b, park_id, error)
      || !add_losses (store, b, park_id, error))
    return NULL;
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  text = json_to_string (root, FALSE);
  /* Translators: where a month of a park's meters comes from, in messages */
  name = g_strdup_printf (_("park %s, %s"), json_object_get_string_member (park, "code"),
                          period);
  input = pw_utility_input_load_data (text, strlen (text), name, error);
  if (input == NULL || !add_readings (store, input, park_id, from, to, error))
    return NULL;
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
