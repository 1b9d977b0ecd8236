/* pw-meter.c — adding, changing, replacing and listing meters, readings by hand,
 * tariffs and loss rules (docs/meters.md)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Callers name things by code (a meter, a space, floor or building, a customer by
 * name or id); the records hold ids. Every write is a mutation, so the validator
 * of pw-meter-validate.c checks it on every machine. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pw-error.h"
#include "pw-ledger.h"
#include "pw-meter.h"
#include "pw-utility.h"
#include "pw-row.h"

static gboolean
field_error (GError **error, const char *field, const char *message)
{
  return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field, "%s", message);
}

/* The id @sql (?1 the code, ?2 the park) finds, NULL (and *@error unset) when none. */
static char *
lookup_id (PwStore *store, const char *sql, const char *code, const char *park_id,
           GError **error)
{
  sqlite3_stmt *stmt = pw_store_prepare_cached (store, sql, error);
  char *id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, park_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pw_store_set_error (store, error, rc, _("reading the meters"));
  return id;
}

static char *
meter_id_of (PwStore *store, const char *park_id, const char *code, const char *field,
             GError **error)
{
  g_autoptr(GError) local = NULL;
  char *id = lookup_id (store, "SELECT id FROM meter WHERE code = ?1 AND park_id = ?2",
                        code, park_id, &local);

  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  else if (id == NULL)
    pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, field,
                        _("no meter “%s” in this park"), code);
  return id;
}

/* A member as text: strings as they are, whole numbers written out. */
static char *
member_text (JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (n));
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
  return g_strdup ("?");
}

static char *
list_json (JsonArray *a)
{
  g_autoptr(JsonNode) n = json_node_new (JSON_NODE_ARRAY);

  json_node_set_array (n, a);
  return json_to_string (n, FALSE);
}

/* Turns the members of @spec into the meter's fields on @m; codes become ids. */
static gboolean
spec_to_fields (PwStore *store, const char *park_id, JsonObject *spec, PwMutation *m,
                GError **error)
{
  static const char *const texts[] = {
    "code", "kind", "serial", "unit", "ct", "pt", "multiplier", "area", "weight", "tariff", NULL
  };
  static const char *const known[] = {
    "code", "kind", "serial", "unit", "ct", "pt", "multiplier", "area", "weight", "tariff",
    "digits", "decimals", "route_order", "common", "active", "registers", "spaces", "location",
    "master", "customer", NULL
  };
  g_autoptr(GList) members = json_object_get_members (spec);

  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, l->data,
                                 _("is not a member of a meter"));
  for (guint i = 0; texts[i]; i++)
    if (json_object_has_member (spec, texts[i]))
      {
        g_autofree char *v = member_text (spec, texts[i]);

        pw_mutation_set_string (m, texts[i], v ? v : "");
      }
  /* the multiplier follows the CT and PT ratios unless it is given */
  if (!json_object_has_member (spec, "multiplier")
      && (json_object_has_member (spec, "ct") || json_object_has_member (spec, "pt")))
    {
      g_autofree char *ct = member_text (spec, "ct"), *pt = member_text (spec, "pt");
      g_autoptr(GError) ignored = NULL;   /* the validator names a bad ratio */
      PwDecimal r;

      if (pw_utility_ratio_multiplier (ct && *ct ? ct : NULL, pt && *pt ? pt : NULL, &r,
                                       &ignored))
        {
          g_autofree char *t = pw_decimal_to_string (pw_decimal_normalize (r));

          pw_mutation_set_string (m, "multiplier", t);
        }
    }
  for (const char *const *f = (const char *const[]) { "digits", "decimals", "route_order", NULL };
       *f; f++)
    if (json_object_has_member (spec, *f))
      {
        JsonNode *n = json_object_get_member (spec, *f);

        if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
          return field_error (error, *f, _("must be a whole number"));
        pw_mutation_set_int (m, *f, json_node_get_int (n));
      }
  for (const char *const *f = (const char *const[]) { "common", "active", NULL }; *f; f++)
    if (json_object_has_member (spec, *f))
      pw_mutation_set_int (m, *f, json_object_get_boolean_member (spec, *f) ? 1 : 0);
  if (json_object_has_member (spec, "registers"))
    {
      JsonNode *n = json_object_get_member (spec, "registers");
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return field_error (error, "registers", _("must be a list of names"));
      text = list_json (json_node_get_array (n));
      pw_mutation_set_string (m, "registers", text);
    }
  if (json_object_has_member (spec, "spaces"))
    {
      JsonNode *n = json_object_get_member (spec, "spaces");
      g_autoptr(JsonArray) ids = json_array_new ();
      g_autofree char *text = NULL;
      JsonArray *codes;

      if (!JSON_NODE_HOLDS_ARRAY (n))
        return field_error (error, "spaces", _("must be a list of space codes"));
      codes = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (codes); i++)
        {
          const char *code = json_array_get_string_element (codes, i);
          g_autoptr(GError) local = NULL;
          char *id = code ? lookup_id (store, "SELECT id FROM space WHERE code = ?1 AND park_id = ?2",
                                       code, park_id, &local) : NULL;

          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (id == NULL)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "spaces",
                                       _("no space “%s” in this park"), code ? code : "");
          json_array_add_string_element (ids, id);
          g_free (id);
        }
      text = list_json (ids);
      pw_mutation_set_string (m, "spaces", text);
    }
  if (json_object_has_member (spec, "location"))
    {
      g_autofree char *code = member_text (spec, "location");
      g_autoptr(GError) local = NULL;
      g_autofree char *id = NULL;

      if (code != NULL && *code != '\0')
        {
          id = lookup_id (store,
                          "SELECT id FROM space WHERE code = ?1 AND park_id = ?2 UNION ALL"
                          " SELECT id FROM floor WHERE code = ?1 AND park_id = ?2 UNION ALL"
                          " SELECT id FROM building WHERE code = ?1 AND park_id = ?2", code,
                          park_id, &local);
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (id == NULL)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "location",
                                       _("no space, floor or building “%s” in this park"), code);
        }
      pw_mutation_set_string (m, "location_id", id);
    }
  if (json_object_has_member (spec, "master"))
    {
      g_autofree char *code = member_text (spec, "master");
      g_autofree char *id = NULL;

      if (code != NULL && *code != '\0'
          && (id = meter_id_of (store, park_id, code, "master", error)) == NULL)
        return FALSE;
      pw_mutation_set_string (m, "master_id", id);
    }
  if (json_object_has_member (spec, "customer"))
    {
      g_autofree char *who = member_text (spec, "customer");
      g_autoptr(GError) local = NULL;
      g_autofree char *id = NULL;

      if (who != NULL && *who != '\0')
        {
          id = lookup_id (store, "SELECT id FROM customer WHERE (id = ?1 OR name = ?1)"
                          " AND park_id = ?2 ORDER BY id = ?1 DESC LIMIT 1", who, park_id,
                          &local);
          if (local != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (id == NULL)
            return pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "customer",
                                       _("no customer “%s” in this park"), who);
        }
      pw_mutation_set_string (m, "customer_id", id);
    }
  return TRUE;
}

/* The field of a record as the caller named it (customer_id → customer). */
static void
rename_field (GError *error)
{
  static const char *const names[][2] = {
    { "customer_id", "customer" }, { "master_id", "master" }, { "location_id", "location" },
    { "reg_values", "values" }, { "meter_id", "meter" },
  };
  const char *field = error ? pw_ledger_error_get_field (error) : NULL;

  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (field, names[i][0]))
      {
        pw_ledger_error_set_field (error, names[i][1]);
        return;
      }
}

static gboolean
apply_renamed (PwStore *store, PwMutation *m, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (pw_store_apply (store, m, &local))
    return TRUE;
  if (local->domain == PW_LEDGER_ERROR)
    rename_field (local);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

char *
pw_meter_add (PwStore *store, const char *park_id, JsonObject *spec, GError **error)
{
  g_autoptr(PwMutation) m = pw_mutation_new_insert ("meter", NULL);

  pw_mutation_set_string (m, "park_id", park_id);
  /* every column, so that the validator sees the record the table will hold */
  pw_mutation_set_string (m, "serial", "");
  pw_mutation_set_string (m, "unit", "");
  pw_mutation_set_string (m, "ct", "");
  pw_mutation_set_string (m, "pt", "");
  pw_mutation_set_string (m, "multiplier", "1");
  pw_mutation_set_int (m, "digits", 0);
  pw_mutation_set_int (m, "decimals", 0);
  pw_mutation_set_string (m, "registers", "[]");
  pw_mutation_set_int (m, "common", 0);
  pw_mutation_set_string (m, "spaces", "[]");
  pw_mutation_set_string (m, "area", "");
  pw_mutation_set_string (m, "weight", "");
  pw_mutation_set_string (m, "tariff", "");
  pw_mutation_set_int (m, "route_order", 0);
  pw_mutation_set_int (m, "active", 1);
  if (!spec_to_fields (store, park_id, spec, m, error) || !apply_renamed (store, m, error))
    return NULL;
  return g_strdup (pw_mutation_get_id (m));
}

gboolean
pw_meter_update (PwStore *store, const char *park_id, const char *code, JsonObject *spec,
                 GError **error)
{
  g_autofree char *id = meter_id_of (store, park_id, code, "code", error);
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(PwMutation) m = NULL;

  if (id == NULL || (row = pw_store_get_row (store, "meter", id, error)) == NULL)
    return FALSE;
  m = pw_mutation_new_update ("meter", id, json_object_get_int_member (row, "version"));
  return spec_to_fields (store, park_id, spec, m, error) && apply_renamed (store, m, error);
}

gboolean
pw_meter_replace (PwStore *store, const char *park_id, const char *code, const char *date,
                  JsonObject *final, JsonObject *opening, const char *new_serial,
                  const char *new_multiplier, GError **error)
{
  g_autofree char *id = meter_id_of (store, park_id, code, "meter", error);
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(JsonNode) fn = json_node_new (JSON_NODE_OBJECT), on = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *ftext = NULL, *otext = NULL;
  g_autoptr(GError) local = NULL;
  PwMutation *m;

  if (id == NULL || (row = pw_store_get_row (store, "meter", id, error)) == NULL)
    return FALSE;
  json_node_set_object (fn, final);
  json_node_set_object (on, opening);
  ftext = json_to_string (fn, FALSE);
  otext = json_to_string (on, FALSE);
  m = pw_mutation_new_insert ("meter_replacement", NULL);
  pw_mutation_set_string (m, "meter_id", id);
  pw_mutation_set_string (m, "date", date);
  pw_mutation_set_string (m, "final_values", ftext);
  pw_mutation_set_string (m, "opening_values", otext);
  pw_mutation_set_string (m, "old_multiplier", json_object_get_string_member (row, "multiplier"));
  pw_mutation_set_string (m, "old_serial", json_object_get_string_member (row, "serial"));
  pw_mutation_set_string (m, "new_serial", new_serial ? new_serial : "");
  g_ptr_array_add (muts, m);
  if (new_serial != NULL || new_multiplier != NULL)
    {
      m = pw_mutation_new_update ("meter", id, json_object_get_int_member (row, "version"));
      if (new_serial != NULL)
        pw_mutation_set_string (m, "serial", new_serial);
      if (new_multiplier != NULL)
        {
          /* the ratios described the old meter */
          pw_mutation_set_string (m, "multiplier", new_multiplier);
          pw_mutation_set_string (m, "ct", "");
          pw_mutation_set_string (m, "pt", "");
        }
      g_ptr_array_add (muts, m);
    }
  if (!pw_store_begin (store, error))
    return FALSE;
  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, &local))
    {
      pw_store_rollback (store);
      if (local->domain == PW_LEDGER_ERROR)
        {
          const char *f = pw_ledger_error_get_field (local);

          if (g_strcmp0 (f, "final_values") == 0)
            pw_ledger_error_set_field (local, "final");
          else if (g_strcmp0 (f, "opening_values") == 0)
            pw_ledger_error_set_field (local, "opening");
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!pw_store_commit (store, error))
    return FALSE;
  /* written in the caller-held transaction: the open pages are told here */
  pw_store_notify_changed (store);
  return TRUE;
}

#define LIST_SQL                                                                           \
  "SELECT m.id, m.code, m.kind, m.serial, coalesce (s.code, f.code, b.code, ''), m.unit,"   \
  " m.ct, m.pt, m.multiplier, m.digits, m.decimals, m.registers, mm.code, m.common,"        \
  " m.customer_id, cu.name, (SELECT json_group_array (sp.code) FROM json_each (m.spaces) j"  \
  "  JOIN space sp ON sp.id = j.value), m.area, m.weight, m.tariff, m.route_order, m.active," \
  " r.date, r.reg_values, r.rollover, r.confirmed"                                          \
  " FROM meter m LEFT JOIN space s ON s.id = m.location_id"                                 \
  " LEFT JOIN floor f ON f.id = m.location_id LEFT JOIN building b ON b.id = m.location_id" \
  " LEFT JOIN meter mm ON mm.id = m.master_id LEFT JOIN customer cu ON cu.id = m.customer_id" \
  " LEFT JOIN meter_reading r ON r.id = (SELECT id FROM meter_reading"                      \
  "  WHERE meter_id = m.id ORDER BY date DESC LIMIT 1)"                                     \
  " WHERE m.park_id = ? ORDER BY m.route_order, m.code"

JsonArray *
pw_meter_list (PwStore *store, const char *park_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, LIST_SQL, error);
  g_autoptr(JsonArray) list = json_array_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, park_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *o = json_object_new ();
      static const struct { int col; const char *name; } texts[] = {
        { 0, "id" }, { 1, "code" }, { 2, "kind" }, { 3, "serial" }, { 4, "location" },
        { 5, "unit" }, { 6, "ct" }, { 7, "pt" }, { 8, "multiplier" }, { 12, "master" },
        { 14, "customer_id" }, { 15, "customer" }, { 17, "area" }, { 18, "weight" },
        { 19, "tariff" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, texts[i].col);

          if (v != NULL)
            json_object_set_string_member (o, texts[i].name, v);
          else
            json_object_set_null_member (o, texts[i].name);
        }
      json_object_set_int_member (o, "digits", sqlite3_column_int64 (stmt, 9));
      json_object_set_int_member (o, "decimals", sqlite3_column_int64 (stmt, 10));
      json_object_set_member (o, "registers",
                              json_from_string ((const char *) sqlite3_column_text (stmt, 11), NULL));
      json_object_set_boolean_member (o, "common", sqlite3_column_int (stmt, 13) != 0);
      json_object_set_member (o, "spaces",
                              json_from_string ((const char *) sqlite3_column_text (stmt, 16), NULL));
      json_object_set_int_member (o, "route_order", sqlite3_column_int64 (stmt, 20));
      json_object_set_boolean_member (o, "active", sqlite3_column_int (stmt, 21) != 0);
      if (sqlite3_column_type (stmt, 22) == SQLITE_NULL)
        json_object_set_null_member (o, "last_reading");
      else
        {
          JsonObject *r = json_object_new ();

          json_object_set_string_member (r, "date", (const char *) sqlite3_column_text (stmt, 22));
          json_object_set_member (r, "values",
                                  json_from_string ((const char *) sqlite3_column_text (stmt, 23),
                                                    NULL));
          json_object_set_boolean_member (r, "rollover", sqlite3_column_int (stmt, 24) != 0);
          json_object_set_boolean_member (r, "confirmed", sqlite3_column_int (stmt, 25) != 0);
          json_object_set_object_member (o, "last_reading", r);
        }
      json_array_add_object_element (list, o);
    }
  if (rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the meters"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static const char *const source_names[] = { "hand", "import", "sync" };

char *
pw_meter_reading_add (PwStore *store, const char *park_id, const char *code, const char *date,
                      JsonObject *values, gboolean rollover, gboolean confirmed,
                      PwReadingSource source, GError **error)
{
  g_autofree char *id = meter_id_of (store, park_id, code, "meter", error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PwMutation) m = NULL;
  const char *actor = pw_store_get_actor (store);

  if (id == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, values);
  text = json_to_string (node, FALSE);
  m = pw_mutation_new_insert ("meter_reading", NULL);
  pw_mutation_set_string (m, "meter_id", id);
  pw_mutation_set_string (m, "date", date);
  pw_mutation_set_string (m, "reg_values", text);
  pw_mutation_set_int (m, "rollover", rollover ? 1 : 0);
  pw_mutation_set_int (m, "confirmed", confirmed ? 1 : 0);
  pw_mutation_set_string (m, "read_by", actor ? actor : "");
  pw_mutation_set_string (m, "source", source_names[CLAMP (source, 0, 2)]);
  if (!apply_renamed (store, m, error))
    return NULL;
  return g_strdup (pw_mutation_get_id (m));
}

char *
pw_meter_reading_correct (PwStore *store, const char *park_id, const char *code, const char *date,
                          JsonObject *values, const char *reason, const char *corrected_on,
                          GError **error)
{
  g_autofree char *id = meter_id_of (store, park_id, code, "meter", error);
  g_autofree char *reading = NULL, *today = NULL, *text = NULL, *note = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(JsonNode) node = NULL, before = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) built = NULL;
  g_autoptr(GError) local = NULL;
  PwMutation *muts[2] = { NULL, NULL };
  sqlite3_stmt *stmt;
  char *event_id = NULL;
  GDate day;
  int rc;
  gboolean ok;

  if (id == NULL)
    return NULL;
  if (reason == NULL || strspn (reason, " \t\n") == strlen (reason))
    {
      field_error (error, "reason", _("a correction needs a reason"));
      return NULL;
    }
  if (corrected_on == NULL)
    corrected_on = today = pw_today_iso ();
  if (!pw_date_parse_iso (corrected_on, &day))
    {
      field_error (error, "corrected_on", _("not a date (YYYY-MM-DD)"));
      return NULL;
    }
  if ((stmt = pw_store_prepare_cached (store,
         "SELECT id FROM meter_reading WHERE meter_id = ? AND date = ?", error)) == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    reading = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pw_store_set_error (store, error, rc, _("reading the meter’s readings"));
      return NULL;
    }
  if (reading == NULL)
    {
      pw_row_field_error (error, PW_LEDGER_ERROR_INVALID_FIELD, "date",
                          _("meter “%s” has no reading on %s to correct"), code, date);
      return NULL;
    }
  if ((row = pw_store_get_row (store, "meter_reading", reading, error)) == NULL)
    return NULL;
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, values);
  text = json_to_string (node, FALSE);
  before = json_from_string (json_object_get_string_member (row, "reg_values"), NULL);
  /* what the run's explanation names: the values before and after, and the reason */
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "correction");
  json_builder_add_string_value (b, date);
  json_builder_set_member_name (b, "reason");
  json_builder_add_string_value (b, reason);
  json_builder_set_member_name (b, "before");
  if (before != NULL)
    json_builder_add_value (b, json_node_copy (before));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "after");
  json_builder_add_value (b, json_node_copy (node));
  json_builder_end_object (b);
  built = json_builder_get_root (b);
  note = json_to_string (built, FALSE);

  muts[0] = pw_mutation_new_update ("meter_reading", reading,
                                    json_object_get_int_member (row, "version"));
  pw_mutation_set_string (muts[0], "reg_values", text);
  pw_mutation_set_int (muts[0], "confirmed", 1);
  muts[1] = pw_mutation_new_insert ("lifecycle_event", NULL);
  pw_mutation_set_string (muts[1], "entity", "meter_reading");
  pw_mutation_set_string (muts[1], "entity_id", reading);
  pw_mutation_set_string (muts[1], "event", "changed");
  pw_mutation_set_string (muts[1], "event_date", corrected_on);
  pw_mutation_set_string (muts[1], "note", note);
  if (!pw_store_begin (store, error))
    {
      pw_mutation_free (muts[0]);
      pw_mutation_free (muts[1]);
      return NULL;
    }
  ok = pw_store_apply_all (store, muts, 2, &local);
  if (ok)
    event_id = g_strdup (pw_mutation_get_id (muts[1]));
  pw_mutation_free (muts[0]);
  pw_mutation_free (muts[1]);
  if (!ok)
    {
      pw_store_rollback (store);
      if (local->domain == PW_LEDGER_ERROR)
        {
          rename_field (local);
          if (g_strcmp0 (pw_ledger_error_get_field (local), "note") == 0)
            pw_ledger_error_set_field (local, "reason");
        }
      g_propagate_error (error, g_steal_pointer (&local));
      g_free (event_id);
      return NULL;
    }
  if (!pw_store_commit (store, error))
    {
      g_free (event_id);
      return NULL;
    }
  pw_store_notify_changed (store);
  return event_id;
}

char *
pw_tariff_add (PwStore *store, const char *park_id, JsonObject *definition,
               const char *tax_rate, GError **error)
{
  g_autoptr(PwMutation) m = pw_mutation_new_insert ("tariff", NULL);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  const char *from = json_object_has_member (definition, "from")
                     ? json_object_get_string_member (definition, "from") : NULL;

  json_node_set_object (node, definition);
  text = json_to_string (node, FALSE);
  pw_mutation_set_string (m, "park_id", park_id);
  pw_mutation_set_string (m, "code", json_object_get_string_member_with_default (definition,
                                                                                 "code", ""));
  pw_mutation_set_string (m, "valid_from", from ? from : "");
  pw_mutation_set_string (m, "kind", json_object_get_string_member_with_default (definition,
                                                                                 "kind", ""));
  pw_mutation_set_string (m, "tax_code",
                          json_object_get_string_member_with_default (definition, "tax_code", ""));
  pw_mutation_set_string (m, "tax_rate", tax_rate);
  pw_mutation_set_string (m, "definition", text);
  if (!pw_store_apply (store, m, error))
    return NULL;
  return g_strdup (pw_mutation_get_id (m));
}

gboolean
pw_meter_loss_set (PwStore *store, const char *park_id, const char *master, const char *basis,
                   const char *tariff, GError **error)
{
  g_autofree char *id = meter_id_of (store, park_id, master, "master", error);
  g_autoptr(GError) local = NULL;
  g_autofree char *rule = NULL;
  g_autoptr(PwMutation) m = NULL;

  if (id == NULL)
    return FALSE;
  rule = lookup_id (store, "SELECT l.id FROM meter_loss l JOIN meter m ON m.id = l.master_id"
                    " WHERE l.master_id = ?1 AND m.park_id = ?2", id, park_id, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (rule != NULL)
    {
      g_autoptr(JsonObject) row = pw_store_get_row (store, "meter_loss", rule, error);

      if (row == NULL)
        return FALSE;
      m = pw_mutation_new_update ("meter_loss", rule, json_object_get_int_member (row, "version"));
    }
  else
    {
      m = pw_mutation_new_insert ("meter_loss", NULL);
      pw_mutation_set_string (m, "master_id", id);
    }
  pw_mutation_set_string (m, "basis", basis);
  pw_mutation_set_string (m, "tariff", tariff ? tariff : "");
  return pw_store_apply (store, m, error);
}
