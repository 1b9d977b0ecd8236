/* test-equipment.c — the equipment of the ledger: loading, status changes, edits
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "pw-demo.h"
#include "pw-equipment.h"
#include "pw-ledger.h"
#include "pw-money.h"

typedef struct {
  char      *dir;
  PwStore   *store;
  GPtrArray *items;  /* PwEquipment of the demo park, as loaded at set-up */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("parkwise-equipment-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "park.db", NULL);
  f->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  pw_store_set_actor (f->store, "tester");
  pw_demo_seed (f->store, &error);
  g_assert_no_error (error);

  f->items = pw_equipment_load_all (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->items);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->items, g_ptr_array_unref);
  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
query_int (PwStore *store, const char *sql, const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = pw_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static PwEquipment *
find (GPtrArray *items, const char *code)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (pw_equipment_get_code (g_ptr_array_index (items, i)), code))
      return g_ptr_array_index (items, i);
  g_assert_not_reached ();
  return NULL;
}

/* The item with @id as the store has it now. */
static PwEquipment *
reload (Fixture *f, const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = pw_equipment_load_all (f->store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (pw_equipment_get_id (g_ptr_array_index (items, i)), id))
      return g_object_ref (g_ptr_array_index (items, i));
  g_assert_not_reached ();
  return NULL;
}

static void
test_load (Fixture *f, gconstpointer data)
{
  PwEquipment *lift = find (f->items, "T1-EQ-003");
  PwEquipment *goods_lift = find (f->items, "W1-EQ-001");
  PwEquipment *pump = find (f->items, "T1-EQ-009");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *status = NULL;
  g_autofree char *location = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(JsonObject) room = NULL;
  guint in_rooms = 0;

  /* every item of the demo, in code order */
  g_assert_cmpuint (f->items->len, ==, pw_store_count (f->store, "equipment"));
  g_assert_cmpuint (f->items->len, ==, 20);
  for (guint i = 1; i < f->items->len; i++)
    g_assert_cmpint (strcmp (pw_equipment_get_code (g_ptr_array_index (f->items, i - 1)),
                             pw_equipment_get_code (g_ptr_array_index (f->items, i))), <, 0);

  /* the fields and their labels */
  g_assert_cmpstr (pw_equipment_get_name (lift), ==, "Passenger lift 3");
  g_assert_cmpstr (pw_equipment_get_category (lift), ==, "lift");
  g_assert_cmpstr (pw_equipment_get_category_label (lift), ==, "Lift");
  g_assert_cmpstr (pw_equipment_get_category_label (pump), ==, "Fire pump");
  g_assert_cmpstr (pw_equipment_category_get_label ("sauna"), ==, "sauna");
  g_assert_cmpint (pw_equipment_get_status (lift), ==, PW_EQUIPMENT_STATUS_UNDER_REPAIR);
  g_assert_cmpstr (pw_equipment_get_status_label (lift), ==, "Under repair");
  g_assert_cmpint (pw_equipment_get_version (lift), ==, 1);
  g_assert_true (pw_date_is_valid (pw_equipment_get_install_date (lift)));
  g_assert_true (g_str_has_prefix (pw_equipment_get_serial (lift), "ELV-"));
  g_assert_cmpstr (pw_equipment_get_park_id (lift), ==, pw_ledger_first_park_id (f->store));
  g_assert_nonnull (pw_equipment_get_floor_id (lift));

  /* locations: building · floor · the machine room it stands in */
  g_assert_nonnull (pw_equipment_get_space_id (lift));
  room = pw_store_get_row (f->store, "space", pw_equipment_get_space_id (lift), &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("T1 · F16 · %s Lift machine room",
                              json_object_get_string_member (room, "code"));
  g_assert_cmpstr (pw_equipment_get_location (lift), ==, expected);
  g_assert_true (g_str_has_prefix (pw_equipment_get_location (pump), "T1 · B1 · T1-B1-"));
  g_assert_true (g_str_has_suffix (pw_equipment_get_location (pump), " Pump room"));
  g_assert_null (pw_equipment_get_space_id (goods_lift));
  g_assert_cmpstr (pw_equipment_get_location (goods_lift), ==, "W1 · F03");
  for (guint i = 0; i < f->items->len; i++)
    {
      PwEquipment *item = g_ptr_array_index (f->items, i);
      const char *space_id = pw_equipment_get_space_id (item);

      if (space_id == NULL)
        continue;
      in_rooms++;
      g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM space WHERE id = ?"
                                  " AND kind = 'machine_room'", space_id), ==, 1);
      g_assert_true (g_str_has_suffix (pw_equipment_get_location (item), " room"));
    }
  g_assert_cmpuint (in_rooms, ==, query_int (f->store, "SELECT count(*) FROM equipment"
                                                      " WHERE space_id IS NOT NULL", NULL));
  g_assert_cmpuint (in_rooms, >, 10);

  /* properties carry the getters' names, for sorting in list views */
  g_object_get (lift, "status-label", &status, "location", &location, NULL);
  g_assert_cmpstr (status, ==, "Under repair");
  g_assert_cmpstr (location, ==, pw_equipment_get_location (lift));

  /* an unknown park has no equipment */
  none = pw_equipment_load_all (f->store, "no-such-park", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_change_status (Fixture *f, gconstpointer data)
{
  PwEquipment *lift = find (f->items, "T1-EQ-003");
  const char *id = pw_equipment_get_id (lift);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwEquipment) after = NULL;
  g_autoptr(PwEquipment) disposed = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = pw_today_iso ();
  gint64 audit = pw_store_count (f->store, "audit");
  gint64 outbox = pw_store_count (f->store, "outbox");
  gint64 events = pw_store_count (f->store, "lifecycle_event");

  g_assert_true (pw_equipment_change_status (f->store, id, 1, PW_EQUIPMENT_STATUS_IN_SERVICE,
                                             "Rope replaced, inspected", &error));
  g_assert_no_error (error);

  /* two mutations: each its audit and outbox row; one event */
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 2);
  g_assert_cmpint (pw_store_count (f->store, "outbox"), ==, outbox + 2);
  g_assert_cmpint (pw_store_count (f->store, "lifecycle_event"), ==, events + 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit WHERE entity = 'equipment'"
                              " AND op = 'update' AND entity_id = ?", id), ==, 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM audit a JOIN lifecycle_event e"
                              " ON e.id = a.entity_id WHERE e.entity_id = ?", id), ==, 1);

  stmt = pw_store_prepare (f->store, "SELECT entity, event, event_date, note FROM lifecycle_event"
                                     " WHERE entity_id = ?", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "equipment");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "changed");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, today);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, "Rope replaced, inspected");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);

  after = reload (f, id);
  g_assert_cmpint (pw_equipment_get_status (after), ==, PW_EQUIPMENT_STATUS_IN_SERVICE);
  g_assert_cmpint (pw_equipment_get_version (after), ==, 2);

  /* the same status again is no change */
  g_assert_false (pw_equipment_change_status (f->store, id, 2, PW_EQUIPMENT_STATUS_IN_SERVICE,
                                              "Again", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* disposal is its own event */
  g_assert_true (pw_equipment_change_status (f->store, id, 2, PW_EQUIPMENT_STATUS_DISPOSED,
                                             "Replaced by a new lift", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'disposed' AND entity = 'equipment'", id), ==, 1);
  disposed = reload (f, id);
  g_assert_cmpint (pw_equipment_get_status (disposed), ==, PW_EQUIPMENT_STATUS_DISPOSED);
  g_assert_cmpstr (pw_equipment_get_status_label (disposed), ==, "Disposed");
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 4);
}

static void
test_refusals (Fixture *f, gconstpointer data)
{
  PwEquipment *chiller = find (f->items, "T1-EQ-006");
  const char *id = pw_equipment_get_id (chiller);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwMutation) raw = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(PwEquipment) after = NULL;
  gint64 audit = pw_store_count (f->store, "audit");
  gint64 events = pw_store_count (f->store, "lifecycle_event");

  /* a stale version: a conflict, and nothing written */
  g_assert_true (pw_equipment_change_status (f->store, id, 1, PW_EQUIPMENT_STATUS_IN_SERVICE,
                                             "Summer load", &error));
  g_assert_no_error (error);
  audit += 2;
  events += 1;
  g_assert_false (pw_equipment_change_status (f->store, id, 1, PW_EQUIPMENT_STATUS_UNDER_REPAIR,
                                              "Compressor noise", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_assert_cmpint (pw_store_count (f->store, "lifecycle_event"), ==, events);

  /* a reason is required, and a blank one is none */
  for (guint i = 0; i < 3; i++)
    {
      const char *reasons[] = { NULL, "", "  \t" };

      g_assert_false (pw_equipment_change_status (f->store, id, 2,
                                                  PW_EQUIPMENT_STATUS_UNDER_REPAIR,
                                                  reasons[i], &error));
      g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
      g_assert_nonnull (strstr (error->message, "“reason”"));
      g_clear_error (&error);
    }

  /* an unknown status cannot be written: not by number, not as raw text, not as an edit */
  g_assert_false (pw_equipment_change_status (f->store, id, 2, PW_N_EQUIPMENT_STATUSES,
                                              "Out of range", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "“status”"));
  g_clear_error (&error);

  raw = pw_mutation_new_update ("equipment", id, 2);
  pw_mutation_set_string (raw, "status", "broken");
  g_assert_false (pw_store_apply (f->store, raw, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  json_object_set_string_member (fields, "status", "standby");
  g_assert_false (pw_equipment_update (f->store, id, 2, fields, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* an unknown item */
  g_assert_false (pw_equipment_change_status (f->store, "no-such-id", 1,
                                              PW_EQUIPMENT_STATUS_STANDBY, "Why", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  g_assert_cmpint (pw_store_count (f->store, "lifecycle_event"), ==, events);
  after = reload (f, id);
  g_assert_cmpint (pw_equipment_get_status (after), ==, PW_EQUIPMENT_STATUS_IN_SERVICE);
  g_assert_cmpint (pw_equipment_get_version (after), ==, 2);
}

static void
test_update (Fixture *f, gconstpointer data)
{
  PwEquipment *goods_lift = find (f->items, "W1-EQ-001");
  PwEquipment *pump = find (f->items, "T1-EQ-009");
  const char *id = pw_equipment_get_id (goods_lift);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) bad_date = json_object_new ();
  g_autoptr(JsonObject) bad_field = json_object_new ();
  g_autoptr(JsonObject) move = json_object_new ();
  g_autoptr(PwEquipment) after = NULL;
  g_autoptr(PwEquipment) moved = NULL;
  gint64 audit = pw_store_count (f->store, "audit");

  json_object_set_string_member (fields, "name", "Goods lift (3 t)");
  json_object_set_string_member (fields, "serial", "LFT-2025-00001");
  g_assert_true (pw_equipment_update (f->store, id, 1, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit + 2);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'changed' AND note = 'name, serial'", id), ==, 1);
  after = reload (f, id);
  g_assert_cmpstr (pw_equipment_get_name (after), ==, "Goods lift (3 t)");
  g_assert_cmpstr (pw_equipment_get_serial (after), ==, "LFT-2025-00001");
  g_assert_cmpint (pw_equipment_get_version (after), ==, 2);

  /* the validator checks the record as it will be */
  json_object_set_string_member (bad_date, "install_date", "2025-02-30");
  g_assert_false (pw_equipment_update (f->store, id, 2, bad_date, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  json_object_set_string_member (bad_field, "code", "W1-EQ-999");
  g_assert_false (pw_equipment_update (f->store, id, 2, bad_field, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* moved into the pump room: the floor follows the space */
  json_object_set_string_member (move, "space_id", pw_equipment_get_space_id (pump));
  g_assert_true (pw_equipment_update (f->store, id, 2, move, &error));
  g_assert_no_error (error);
  moved = reload (f, id);
  g_assert_cmpstr (pw_equipment_get_space_id (moved), ==, pw_equipment_get_space_id (pump));
  g_assert_cmpstr (pw_equipment_get_floor_id (moved), ==, pw_equipment_get_floor_id (pump));
  g_assert_cmpstr (pw_equipment_get_location (moved), ==, pw_equipment_get_location (pump));

  /* a space that does not exist */
  json_object_set_string_member (move, "space_id", "no-such-space");
  g_assert_false (pw_equipment_update (f->store, id, 3, move, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
}

static void
test_original_value (Fixture *f, gconstpointer data)
{
  PwEquipment *lift = find (f->items, "T1-EQ-003");
  PwEquipment *pump = find (f->items, "T1-EQ-009");
  const char *id = pw_equipment_get_id (pump);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) unknown = json_object_new ();
  g_autoptr(PwEquipment) after = NULL;
  g_autoptr(PwEquipment) cleared = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *shown = NULL;
  gint64 value = 0;
  gint64 audit;

  /* the demo's values, in fen of the park's currency */
  g_assert_cmpint (pw_equipment_get_original_value (lift), ==, 96800000);
  g_assert_cmpstr (pw_equipment_get_currency (lift), ==, "CNY");
  g_object_get (pump, "original-value", &value, "currency", &currency, NULL);
  g_assert_cmpint (value, ==, 11863250);
  g_assert_cmpstr (currency, ==, "CNY");
  shown = pw_money_format (value, currency, PW_CURRENCY_SYMBOL);
  g_assert_cmpstr (shown, ==, "¥118,632.50");

  /* an edit, from text the user typed */
  g_assert_true (pw_money_parse ("125,000.00", "CNY", &value, &error));
  g_assert_no_error (error);
  json_object_set_int_member (fields, "original_value", value);
  g_assert_true (pw_equipment_update (f->store, id, 1, fields, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM lifecycle_event WHERE entity_id = ?"
                              " AND event = 'changed' AND note = 'original_value'", id), ==, 1);
  after = reload (f, id);
  g_assert_cmpint (pw_equipment_get_original_value (after), ==, 12500000);
  g_assert_cmpint (pw_equipment_get_version (after), ==, 2);

  /* refused, naming the field: negative, fractional, text, a flag */
  audit = pw_store_count (f->store, "audit");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonObject) bad = json_object_new ();

      switch (i)
        {
        case 0: json_object_set_int_member (bad, "original_value", -1); break;
        case 1: json_object_set_double_member (bad, "original_value", 1250.5); break;
        case 2: json_object_set_string_member (bad, "original_value", "125000"); break;
        default: json_object_set_boolean_member (bad, "original_value", TRUE); break;
        }
      g_assert_false (pw_equipment_update (f->store, id, 2, bad, &error));
      g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
      g_assert_nonnull (strstr (error->message, "“original_value”"));
      g_clear_error (&error);
    }
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);

  /* a raw mutation meets the same rule as the edit */
  {
    g_autoptr(PwMutation) raw = pw_mutation_new_update ("equipment", id, 2);

    pw_mutation_set_int (raw, "original_value", -100);
    g_assert_false (pw_store_apply (f->store, raw, &error));
    g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
    g_assert_nonnull (strstr (error->message, "“original_value”"));
    g_clear_error (&error);
  }

  /* zero is a value (a gift); null is unknown again */
  json_object_set_int_member (fields, "original_value", 0);
  g_assert_true (pw_equipment_update (f->store, id, 2, fields, &error));
  g_assert_no_error (error);
  json_object_set_null_member (unknown, "original_value");
  g_assert_true (pw_equipment_update (f->store, id, 3, unknown, &error));
  g_assert_no_error (error);
  cleared = reload (f, id);
  g_assert_cmpint (pw_equipment_get_original_value (cleared), ==, -1);
  g_assert_cmpint (query_int (f->store, "SELECT original_value IS NULL FROM equipment WHERE id = ?",
                              id), ==, 1);
}

/* Expects a refusal naming @field, and no change to the store. */
static void
assert_refused (PwStore *store, GError *error, const char *field, gint64 count_before)
{
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, field);
  g_assert_cmpint (pw_store_count (store, "equipment"), ==, count_before);
}

static JsonObject *
new_fields (const char *code, const char *name, const char *category)
{
  JsonObject *fields = json_object_new ();

  if (code)
    json_object_set_string_member (fields, "code", code);
  if (name)
    json_object_set_string_member (fields, "name", name);
  if (category)
    json_object_set_string_member (fields, "category", category);
  return fields;
}

static void
test_create (Fixture *f, gconstpointer data)
{
  PwEquipment *lift = find (f->items, "T1-EQ-001");
  gint64 count = pw_store_count (f->store, "equipment");
  gint64 events = pw_store_count (f->store, "lifecycle_event");
  g_autofree char *tomorrow = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(PwEquipment) added = NULL;
  struct {
    const char *code, *name, *category, *extra, *value, *field;
  } refusals[] = {
    { NULL, "Pump", "fire_pump", NULL, NULL, "code" },
    { "T1-EQ-101", "  ", "fire_pump", NULL, NULL, "name" },
    { "T1-EQ-101", "Pump", "", NULL, NULL, "category" },
    { "T1-EQ-001", "Pump", "fire_pump", NULL, NULL, "code" },       /* taken */
    { "T1-EQ-101", "Pump", "fire_pump", "install_date", "2026-02-30", "install_date" },
    { "T1-EQ-101", "Pump", "fire_pump", "install_date", "tomorrow", "install_date" },
    { "T1-EQ-101", "Pump", "fire_pump", "space_id", "no-such-space", "space_id" },
    { "T1-EQ-101", "Pump", "fire_pump", "status", "broken", "status" },
    { "T1-EQ-101", "Pump", "fire_pump", "colour", "red", "colour" },
  };

  tomorrow = g_date_time_format (later, "%Y-%m-%d");
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(JsonObject) fields = new_fields (refusals[i].code, refusals[i].name,
                                                 refusals[i].category);
      g_autoptr(GError) refusal = NULL;
      g_autofree char *none = NULL;

      if (refusals[i].extra)
        json_object_set_string_member (fields, refusals[i].extra,
                                       g_str_equal (refusals[i].value, "tomorrow")
                                         ? tomorrow : refusals[i].value);
      none = pw_equipment_create (f->store, NULL, fields, &refusal);
      g_assert_null (none);
      assert_refused (f->store, refusal, refusals[i].field, count);
    }

  /* a negative value is the validator's refusal, on its field too */
  {
    g_autoptr(JsonObject) fields = new_fields ("T1-EQ-101", "Pump", "fire_pump");
    g_autoptr(GError) refusal = NULL;
    g_autofree char *none = NULL;

    json_object_set_int_member (fields, "original_value", -5);
    none = pw_equipment_create (f->store, NULL, fields, &refusal);
    g_assert_null (none);
    assert_refused (f->store, refusal, "original_value", count);
  }

  /* a good one, placed by its space alone: it takes the space's floor */
  {
    g_autoptr(JsonObject) fields = new_fields (" T1-EQ-101 ", "Booster pump", "fire_pump");

    json_object_set_string_member (fields, "space_id", pw_equipment_get_space_id (lift));
    json_object_set_string_member (fields, "serial", "");
    json_object_set_string_member (fields, "install_date", "2025-03-01");
    json_object_set_int_member (fields, "original_value", 1234567);
    id = pw_equipment_create (f->store, NULL, fields, &error);
    g_assert_no_error (error);
    g_assert_nonnull (id);
  }
  added = reload (f, id);
  g_assert_cmpstr (pw_equipment_get_code (added), ==, "T1-EQ-101");
  g_assert_cmpstr (pw_equipment_get_floor_id (added), ==, pw_equipment_get_floor_id (lift));
  g_assert_cmpint (pw_equipment_get_status (added), ==, PW_EQUIPMENT_STATUS_IN_SERVICE);
  g_assert_cmpint (pw_equipment_get_original_value (added), ==, 1234567);
  g_assert_cmpstr (pw_equipment_get_serial (added), ==, "");
  g_assert_cmpint (pw_store_count (f->store, "equipment"), ==, count + 1);
  g_assert_cmpint (pw_store_count (f->store, "lifecycle_event"), ==, events + 1);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM lifecycle_event"
                                        " WHERE entity_id = ? AND event = 'created'", id), ==, 1);
}

static void
test_retire (Fixture *f, gconstpointer data)
{
  PwEquipment *pump = find (f->items, "T1-EQ-009");
  const char *id = pw_equipment_get_id (pump);
  gint64 events = pw_store_count (f->store, "lifecycle_event");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 1);
  g_autofree char *tomorrow = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(PwEquipment) retired = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  struct {
    const char *date, *reason, *field;
  } refusals[] = {
    { "2026-13-01", "Worn out", "date" },
    { NULL, "Worn out", "date" },
    { "tomorrow", "Worn out", "date" },
    { "1990-01-01", "Worn out", "date" },   /* before its installation */
    { "today", " ", "reason" },
  };

  g_assert_true (pw_equipment_can_retire (pump));
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) refusal = NULL;
      const char *date = g_strcmp0 (refusals[i].date, "tomorrow") == 0 ? tomorrow
                         : g_strcmp0 (refusals[i].date, "today") == 0 ? today : refusals[i].date;

      g_assert_false (pw_equipment_retire (f->store, id, pw_equipment_get_version (pump), date,
                                           refusals[i].reason, &refusal));
      g_assert_error (refusal, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
      g_assert_cmpstr (pw_ledger_error_get_field (refusal), ==, refusals[i].field);
      g_assert_cmpint (pw_store_count (f->store, "lifecycle_event"), ==, events);
    }

  g_assert_true (pw_equipment_retire (f->store, id, pw_equipment_get_version (pump), today,
                                      "Replaced by a new pump", &error));
  g_assert_no_error (error);
  retired = reload (f, id);
  g_assert_cmpint (pw_equipment_get_status (retired), ==, PW_EQUIPMENT_STATUS_DISPOSED);
  g_assert_false (pw_equipment_can_retire (retired));
  g_assert_cmpint (pw_store_count (f->store, "lifecycle_event"), ==, events + 1);
  stmt = pw_store_prepare (f->store, "SELECT event_date, note FROM lifecycle_event"
                                     " WHERE entity_id = ? AND event = 'disposed'", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, today);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "Replaced by a new pump");

  /* twice is refused, on the status */
  g_assert_false (pw_equipment_retire (f->store, id, pw_equipment_get_version (retired), today,
                                       "Again", &error));
  g_assert_cmpstr (pw_ledger_error_get_field (error), ==, "status");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/equipment/load", Fixture, NULL, fixture_set_up, test_load, fixture_tear_down);
  g_test_add ("/equipment/change-status", Fixture, NULL,
              fixture_set_up, test_change_status, fixture_tear_down);
  g_test_add ("/equipment/refusals", Fixture, NULL,
              fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/equipment/update", Fixture, NULL, fixture_set_up, test_update, fixture_tear_down);
  g_test_add ("/equipment/original-value", Fixture, NULL,
              fixture_set_up, test_original_value, fixture_tear_down);
  g_test_add ("/equipment/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/equipment/retire", Fixture, NULL, fixture_set_up, test_retire, fixture_tear_down);
  return g_test_run ();
}
