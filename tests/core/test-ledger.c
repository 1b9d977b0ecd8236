/* test-ledger.c — validation, apportionment, summaries, status history
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fixture.h"
#include "pw-summary.h"

static void
test_apportionment (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  gint64 total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (spaces->len, ==, 7);
  /* F01 pool 30.00 m² over 100/50/50 → 15.00, 7.50, 7.50; the building pool of
   * 40.00 m² over 100/50/50/200 (the parking bay takes no share) → 10, 5, 5, 20. */
  g_assert_cmpint (pw_space_get_share_area (fixture_find (spaces, "B1-F01-002")), ==, 2500);
  g_assert_cmpint (pw_space_get_share_area (fixture_find (spaces, "B1-F01-003")), ==, 1250);
  g_assert_cmpint (pw_space_get_share_area (fixture_find (spaces, "B1-F01-004")), ==, 1250);
  g_assert_cmpint (pw_space_get_share_area (fixture_find (spaces, "B1-F02-002")), ==, 2000);
  g_assert_cmpint (pw_space_get_share_area (fixture_find (spaces, "B1-F02-003")), ==, 0);
  g_assert_cmpint (pw_space_get_share_area (fixture_find (spaces, "B1-F01-001")), ==, 0);
  for (guint i = 0; i < spaces->len; i++)
    total += pw_space_get_share_area (g_ptr_array_index (spaces, i));
  g_assert_cmpint (total, ==, 3000 + 4000);
  /* gross basis: internal plus share */
  g_assert_cmpint (pw_space_get_chargeable_area (fixture_find (spaces, "B1-F01-002")), ==, 12500);
}

static void
test_summary (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  PwAreaSummary s;
  g_autofree char *k = NULL, *common = NULL, *net = NULL, *ru = NULL, *vac = NULL;

  g_assert_no_error (error);
  pw_summary_compute (spaces, PW_NODE_FLOOR, f->floor1, &s);
  g_assert_cmpint (s.internal, ==, 20000);
  g_assert_cmpint (s.common, ==, 5000);
  g_assert_cmpint (s.gross, ==, 25000);
  g_assert_cmpint (s.usable, ==, 18000);
  g_assert_cmpint (s.leasable, ==, 25000);
  g_assert_cmpint (s.leased, ==, 18750);
  g_assert_cmpint (s.vacant, ==, 6250);
  k = pw_summary_format_k (&s);
  common = pw_summary_format_common_rate (&s);
  net = pw_summary_format_net_rate (&s);
  ru = pw_summary_format_load_factor (&s);
  vac = pw_summary_format_vacancy (&s);
  g_assert_cmpstr (k, ==, "0.250000");
  g_assert_cmpstr (common, ==, "20.00 %");
  g_assert_cmpstr (net, ==, "80.00 %");
  g_assert_cmpstr (ru, ==, "1.3889");
  g_assert_cmpstr (vac, ==, "25.00 %");

  pw_summary_compute (spaces, PW_NODE_PARK, NULL, &s);
  g_assert_cmpint (s.n_spaces, ==, 7);
  g_assert_cmpint (s.n_units, ==, 5);
  g_assert_cmpint (s.internal, ==, 41250);
  g_assert_cmpint (s.common, ==, 7000);
  g_assert_cmpint (s.gross, ==, 48250);
  g_assert_cmpint (s.sharing_internal, ==, 40000);
  g_assert_cmpint (s.leasable, ==, 48250);
  g_assert_cmpint (s.leased, ==, 20000);
  g_clear_pointer (&k, g_free);
  g_clear_pointer (&vac, g_free);
  k = pw_summary_format_k (&s);
  vac = pw_summary_format_vacancy (&s);
  g_assert_cmpstr (k, ==, "0.175000");
  g_assert_cmpstr (vac, ==, "58.55 %");
}

static void
test_summary_json (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pw_summary_tree_to_json (f->store, NULL, &error);
  JsonObject *park, *building;
  JsonArray *floors;
  gint64 sum = 0;

  g_assert_no_error (error);
  park = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (park, "code"), ==, "P");
  g_assert_cmpint (json_object_get_int_member (park, "gross_area"), ==, 48250);
  g_assert_cmpstr (json_object_get_string_member (park, "gross_area_m2"), ==, "482.50");
  g_assert_cmpstr (json_object_get_string_member (park, "k"), ==, "0.175000");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (park, "warnings")), ==, 0);
  building = json_array_get_object_element (json_object_get_array_member (park, "buildings"), 0);
  floors = json_object_get_array_member (building, "floors");
  g_assert_cmpuint (json_array_get_length (floors), ==, 2);
  for (guint i = 0; i < json_array_get_length (floors); i++)
    sum += json_object_get_int_member (json_array_get_object_element (floors, i), "gross_area");
  g_assert_cmpint (sum, ==, json_object_get_int_member (building, "gross_area"));
  /* floors are listed top-down */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (floors, 0), "code"),
                   ==, "F02");
}

static void
test_pool_without_internal_area (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  PwMutation *m = pw_mutation_new_insert ("floor", NULL);
  g_autofree char *floor3 = g_strdup (pw_mutation_get_id (m));
  g_autoptr(JsonNode) json = NULL;

  pw_mutation_set_string (m, "park_id", f->park);
  pw_mutation_set_string (m, "building_id", f->building);
  pw_mutation_set_string (m, "code", "F03");
  pw_mutation_set_string (m, "name", "Floor 3");
  pw_mutation_set_int (m, "level", 3);
  fixture_apply (f, m);
  fixture_apply (f, fixture_space (f, floor3, "B1-F03-001", "common_area", 2500, FALSE, "floor", "available"));

  spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (pw_ledger_apportion (spaces, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_NO_INTERNAL_AREA);
  g_assert_nonnull (strstr (error->message, "F03"));
  /* the other pools are still shared out */
  g_assert_cmpint (pw_space_get_share_area (fixture_find (spaces, "B1-F01-002")), ==, 2500);
  g_clear_error (&error);

  json = pw_summary_tree_to_json (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (json),
                                                                         "warnings")), ==, 1);
}

static void
expect_invalid (Fixture *f, PwMutation *m, int code, const char *field)
{
  g_autoptr(GError) error = NULL;
  gint64 audit = pw_store_count (f->store, "audit");

  g_assert_false (pw_store_apply (f->store, m, &error));
  g_assert_error (error, PW_LEDGER_ERROR, code);
  g_assert_nonnull (strstr (error->message, field));
  g_assert_cmpint (pw_store_count (f->store, "audit"), ==, audit);
  pw_mutation_free (m);
}

static void
test_validation (Fixture *f, gconstpointer data)
{
  PwMutation *m;

  /* the park's pattern is {building}-{floor}-{seq:3} */
  expect_invalid (f, fixture_space (f, f->floor1, "B1-F01-01", "office", 100, TRUE, NULL, "available"),
                  PW_LEDGER_ERROR_BAD_CODE, "code");
  expect_invalid (f, fixture_space (f, f->floor1, "B1-F02-009", "office", 100, TRUE, NULL, "available"),
                  PW_LEDGER_ERROR_BAD_CODE, "code");
  expect_invalid (f, fixture_space (f, f->floor1, "B1-F01-009", "kitchen", 100, TRUE, NULL, "available"),
                  PW_LEDGER_ERROR_INVALID_FIELD, "kind");
  expect_invalid (f, fixture_space (f, f->floor1, "B1-F01-009", "office", 100, TRUE, NULL, "let"),
                  PW_LEDGER_ERROR_INVALID_FIELD, "status");
  expect_invalid (f, fixture_space (f, f->floor1, "B1-F01-009", "office", 100, TRUE, "floor", "available"),
                  PW_LEDGER_ERROR_INVALID_FIELD, "pool_level");

  m = fixture_space (f, f->floor1, "B1-F01-009", "office", 100, TRUE, NULL, "available");
  pw_mutation_set_int (m, "usable_area", 101);
  expect_invalid (f, m, PW_LEDGER_ERROR_INVALID_FIELD, "usable_area");

  m = fixture_space (f, f->floor1, "B1-F01-009", "office", 100, TRUE, NULL, "available");
  pw_mutation_set_int (m, "gross_area", -5);
  expect_invalid (f, m, PW_LEDGER_ERROR_INVALID_FIELD, "gross_area");

  m = fixture_space (f, f->floor1, "B1-F01-009", "office", 100, TRUE, NULL, "available");
  pw_mutation_set_string (m, "outline", "{\"outer\":[[0,0],[1,1]]}");
  expect_invalid (f, m, PW_LEDGER_ERROR_BAD_OUTLINE, "outline");

  m = fixture_space (f, f->floor1, "B1-F01-009", "office", 100, TRUE, NULL, "available");
  pw_mutation_set_string (m, "status_since", "2026-02-30");
  expect_invalid (f, m, PW_LEDGER_ERROR_INVALID_FIELD, "status_since");

  m = pw_mutation_new_update ("park", f->park, 1);
  pw_mutation_set_string (m, "code_pattern", "{building}-{flor}-{seq:3}");
  expect_invalid (f, m, PW_LEDGER_ERROR_BAD_PATTERN, "code_pattern");

  m = pw_mutation_new_update ("park", f->park, 1);
  pw_mutation_set_string (m, "currency", "yuan");
  expect_invalid (f, m, PW_LEDGER_ERROR_INVALID_FIELD, "currency");

  /* three capital letters that are no currency, and a code withdrawn from ISO 4217 */
  m = pw_mutation_new_update ("park", f->park, 1);
  pw_mutation_set_string (m, "currency", "ABC");
  expect_invalid (f, m, PW_LEDGER_ERROR_INVALID_FIELD, "currency");

  m = pw_mutation_new_update ("park", f->park, 1);
  pw_mutation_set_string (m, "currency", "HRK");
  expect_invalid (f, m, PW_LEDGER_ERROR_INVALID_FIELD, "currency");

  /* a valid space with an outline goes through */
  m = fixture_space (f, f->floor1, "B1-F01-009", "office", 1200, TRUE, NULL, "available");
  pw_mutation_set_string (m, "outline", "{\"outer\":[[0,0],[4,0],[4,3],[0,3]]}");
  fixture_apply (f, m);
}

static PwSpace *
load (Fixture *f, const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (f->store, NULL, &error);

  g_assert_no_error (error);
  return g_object_ref (fixture_find (spaces, code));
}

static void
test_status_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) space = load (f, "B1-F01-003");
  g_autoptr(PwSpace) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  PwHistoryEntry *e;

  g_assert_false (pw_ledger_change_status (f->store, pw_space_get_id (space), 1,
                                           PW_SPACE_STATUS_RESERVED, "2026-04-01", "  ", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_false (pw_ledger_change_status (f->store, pw_space_get_id (space), 1,
                                           PW_SPACE_STATUS_RESERVED, "01/04/2026", "Offer", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);
  g_assert_false (pw_ledger_change_status (f->store, pw_space_get_id (space), 1,
                                           PW_SPACE_STATUS_AVAILABLE, "2026-04-01", "Again", &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  g_assert_true (pw_ledger_change_status (f->store, pw_space_get_id (space), 1,
                                          PW_SPACE_STATUS_RESERVED, "2026-04-01",
                                          "Offer accepted by Acme", &error));
  g_assert_no_error (error);
  g_assert_true (pw_ledger_change_status (f->store, pw_space_get_id (space), 2,
                                          PW_SPACE_STATUS_LEASED, "2026-05-01",
                                          "Lease signed", &error));
  g_assert_no_error (error);
  /* a stale version is refused */
  g_assert_false (pw_ledger_change_status (f->store, pw_space_get_id (space), 2,
                                           PW_SPACE_STATUS_FROZEN, "2026-05-02", "Dispute", &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  after = load (f, "B1-F01-003");
  g_assert_cmpint (pw_space_get_status (after), ==, PW_SPACE_STATUS_LEASED);
  g_assert_cmpstr (pw_space_get_status_since (after), ==, "2026-05-01");
  g_assert_cmpint (pw_space_get_version (after), ==, 3);

  history = pw_ledger_load_history (f->store, pw_space_get_id (space), &error);
  g_assert_no_error (error);
  /* two status changes, and the creation (dated today, so listed first) */
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((PwHistoryEntry *) g_ptr_array_index (history, 0))->what, ==, "Created");
  e = g_ptr_array_index (history, 1);
  g_assert_cmpstr (e->date, ==, "2026-05-01");
  g_assert_cmpstr (e->what, ==, "Reserved → Leased");
  g_assert_cmpstr (e->reason, ==, "Lease signed");
  g_assert_cmpstr (e->actor, ==, "tester");
}

static void
test_update_and_stocktake (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PwSpace) space = load (f, "B1-F02-002");
  g_autoptr(PwSpace) after = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(GPtrArray) history = NULL;

  json_object_set_string_member (fields, "name", "Corner office");
  json_object_set_int_member (fields, "usable_area", 18500);
  g_assert_true (pw_ledger_update_space (f->store, pw_space_get_id (space), 1, fields, &error));
  g_assert_no_error (error);
  after = load (f, "B1-F02-002");
  g_assert_cmpstr (pw_space_get_name (after), ==, "Corner office");
  g_assert_cmpint (pw_space_get_usable_area (after), ==, 18500);

  json_object_set_string_member (bad, "status", "leased");
  g_assert_false (pw_ledger_update_space (f->store, pw_space_get_id (space), 2, bad, &error));
  g_assert_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD);
  g_clear_error (&error);

  /* the change was dated today; a stocktake dated later lists first */
  g_assert_true (pw_ledger_record_stocktake (f->store, pw_space_get_id (space), "2999-06-30",
                                             "Annual count", &error));
  g_assert_no_error (error);
  history = pw_ledger_load_history (f->store, pw_space_get_id (space), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_cmpstr (((PwHistoryEntry *) g_ptr_array_index (history, 0))->what, ==, "Stocktaken");
  g_assert_cmpstr (((PwHistoryEntry *) g_ptr_array_index (history, 1))->what, ==, "Changed");
  g_assert_cmpstr (((PwHistoryEntry *) g_ptr_array_index (history, 1))->reason, ==,
                   "Name, Usable area");
  g_assert_cmpstr (((PwHistoryEntry *) g_ptr_array_index (history, 2))->what, ==, "Created");
}

static void
test_tree_and_clear (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) parks = pw_ledger_load_parks (f->store, &error);
  g_autoptr(PwLedgerNode) park = NULL;
  g_autoptr(PwLedgerNode) building = NULL;
  g_autoptr(GPtrArray) spaces = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (parks), ==, 1);
  park = g_list_model_get_item (parks, 0);
  g_assert_cmpint (pw_ledger_node_get_kind (park), ==, PW_NODE_PARK);
  building = g_list_model_get_item (pw_ledger_node_get_children (park), 0);
  g_assert_cmpstr (pw_ledger_node_get_code (building), ==, "B1");
  g_assert_cmpuint (g_list_model_get_n_items (pw_ledger_node_get_children (building)), ==, 2);

  g_assert_true (pw_ledger_clear (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pw_store_count (f->store, "space"), ==, 0);
  g_assert_cmpint (pw_store_count (f->store, "park"), ==, 0);
  spaces = pw_ledger_load_spaces (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (spaces->len, ==, 0);
}

/* docs/areas.md, "Displayed status": what a space shows, decided in one place */
static void
test_display_status (void)
{
  for (int k = 0; k < PW_N_SPACE_KINDS; k++)
    for (int st = 0; st < PW_N_SPACE_STATUSES; st++)
      {
        gboolean common_kind = k == PW_SPACE_KIND_COMMON_AREA || k == PW_SPACE_KIND_MACHINE_ROOM;
        gboolean works = st != PW_SPACE_STATUS_UNDER_REPAIR && st != PW_SPACE_STATUS_UNDER_RENOVATION;
        const char *label = pw_space_display_status_get_label (k, st);
        const char *id = pw_space_display_status_to_string (k, st);

        g_assert_cmpint (pw_space_shows_as_common (k, st), ==, common_kind && works);
        if (common_kind && works)
          {
            g_assert_cmpstr (id, ==, "common_area");
            g_assert_cmpstr (label, ==, "Common area");
          }
        else
          {
            g_assert_cmpstr (id, ==, pw_space_status_to_string (st));
            g_assert_cmpstr (label, ==, pw_space_status_get_label (st));
          }
      }
}

/* the basis labels never say "Gross", which names the surveyed gross area */
static void
test_basis_labels (void)
{
  for (int b = 0; b < PW_N_AREA_BASES; b++)
    {
      const char *label = pw_area_basis_get_label (b);

      g_assert_null (strstr (label, "Gross"));
      for (int o = 0; o < b; o++)
        g_assert_cmpstr (label, !=, pw_area_basis_get_label (o));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ledger/apportionment", test_apportionment);
  ADD ("/ledger/summary", test_summary);
  ADD ("/ledger/summary-json", test_summary_json);
  ADD ("/ledger/pool-without-internal-area", test_pool_without_internal_area);
  ADD ("/ledger/validation", test_validation);
  ADD ("/ledger/status-history", test_status_history);
  ADD ("/ledger/update-and-stocktake", test_update_and_stocktake);
  ADD ("/ledger/tree-and-clear", test_tree_and_clear);
  g_test_add_func ("/ledger/display-status", test_display_status);
  g_test_add_func ("/ledger/basis-labels", test_basis_labels);
  return g_test_run ();
}
