/* test-plan-leases.c — the lease lenses read the contracts in the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "pw-customer.h"
#include "pw-demo.h"
#include "pw-lease.h"
#include "pw-plan-lens.h"

static void
test_tenant_and_expiry (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plan-leases-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "park.db", NULL);
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(PwPlanColoring) tenant = NULL, expiry = NULL;
  g_autofree char *customer = NULL, *contract = NULL, *today = pw_today_iso ();
  g_autofree char *end = NULL, *terms = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 2);
  int index;
  PwPlanRoom *room;
  PwLeaseSpace spaces[1];

  g_assert_no_error (error);
  pw_ledger_attach (store);
  g_assert_true (pw_demo_seed (store, &error));

  floor = pw_plan_floor_load (store, NULL, "T1-F03", &error);
  g_assert_no_error (error);
  index = pw_plan_floor_find_code (floor, "T1-F03-013");
  g_assert_cmpint (index, >=, 0);
  room = pw_plan_floor_get_room (floor, (guint) index);
  g_assert_null (room->tenant);

  /* a running contract for that room, ending in two months */
  json_object_set_string_member (fields, "name", "Acme Robotics");
  customer = pw_customer_add (store, pw_ledger_first_park_id (store), fields, NULL, &error);
  g_assert_no_error (error);
  end = g_date_time_format (later, "%Y-%m-%d");
  spaces[0].space_id = room->space_id;
  spaces[0].area = room->chargeable_area;
  terms = g_strdup_printf ("{\"id\": \"C-2026-001\", \"currency\": \"CNY\", \"signed\": \"2025-01-01\", \"start\": \"2025-01-01\", \"end\": \"%s\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"}, \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}], \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}], \"spaces\": [{\"code\": \"S\", \"area\": \"50.00\", \"basis\": \"gross\"}], \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"t\", \"unit_price\": \"100.00\", \"unit\": \"m2_month\", \"spaces\": [\"S\"], \"anchor\": \"lease\", \"frequency\": \"monthly\", \"timing\": \"advance\", \"due\": {\"rule\": \"period_start\"}, \"proration\": \"daily\"}]}", end);
  contract = pw_lease_create (store, pw_ledger_first_park_id (store), "C-2026-001", customer,
                              "2025-01-01", end, spaces, 1, terms, &error);
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (store, contract, PW_CONTRACT_SUBMITTED, today, NULL, &error));
  g_assert_true (pw_lease_transition (store, contract, PW_CONTRACT_APPROVED, today, NULL, &error));
  g_assert_true (pw_lease_transition (store, contract, PW_CONTRACT_SIGNED, today, NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&floor, pw_plan_floor_unref);
  floor = pw_plan_floor_load (store, NULL, "T1-F03", &error);
  g_assert_no_error (error);
  room = pw_plan_floor_get_room (floor, (guint) pw_plan_floor_find_code (floor, "T1-F03-013"));
  g_assert_cmpstr (room->tenant, ==, "Acme Robotics");
  g_assert_cmpstr (room->lease_end, ==, end);
  g_assert_cmpint (room->status, ==, PW_SPACE_STATUS_LEASED);
  /* the room's unit rent: 100.00 per m² per month */
  g_assert_cmpstr (room->unit_rent, ==, "100.00");
  g_assert_cmpstr (room->contract_id, ==, contract);
  g_assert_cmpstr (room->tenant_id, ==, customer);

  tenant = pw_plan_coloring_new (floor, PW_PLAN_LENS_TENANT, today);
  expiry = pw_plan_coloring_new (floor, PW_PLAN_LENS_EXPIRY, today);
  index = pw_plan_floor_find_code (floor, "T1-F03-013");
  g_assert_cmpstr (g_array_index (tenant->classes, PwPlanClass, tenant->room_class[index]).label, ==,
                   "Acme Robotics");
  g_assert_cmpstr (g_array_index (expiry->classes, PwPlanClass, expiry->room_class[index]).label, ==,
                   "Under 3 months");

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

static PwStore *
demo_store (char **dir, char **path)
{
  g_autoptr(GError) error = NULL;
  PwStore *store;

  *dir = g_dir_make_tmp ("plan-leases-XXXXXX", NULL);
  *path = g_build_filename (*dir, "park.db", NULL);
  store = pw_store_open (*path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (store);
  g_assert_true (pw_demo_seed (store, &error));
  g_assert_no_error (error);
  return store;
}

static void
remove_store (PwStore **store, const char *dir, const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* Every leased room of the demo's T1 has its unit rent: the rent lens puts none of
 * them in "No data" (it put all 177 there). */
static void
test_unit_rent (void)
{
  g_autofree char *dir = NULL, *path = NULL, *today = pw_today_iso ();
  g_autoptr(PwStore) store = demo_store (&dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) floors = NULL;
  g_autofree char *title = NULL;
  guint leased = 0, with_rent = 0;

  floors = pw_plan_floor_load_building (store, NULL, "T1", &title, &error);
  g_assert_no_error (error);
  for (guint f = 0; f < floors->len; f++)
    {
      PwPlanFloor *floor = g_ptr_array_index (floors, f);
      g_autoptr(PwPlanColoring) rent = pw_plan_coloring_new (floor, PW_PLAN_LENS_RENT, today);

      for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
        {
          PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
          const char *label = g_array_index (rent->classes, PwPlanClass, rent->room_class[i]).label;

          if (room->status != PW_SPACE_STATUS_LEASED)
            continue;
          leased++;
          if (room->unit_rent != NULL)
            with_rent++;
          g_assert_nonnull (room->tenant);
          g_assert_nonnull (room->unit_rent);
          g_assert_cmpstr (label, !=, "No data");
        }
    }
  g_assert_cmpuint (leased, >, 100);
  g_assert_cmpuint (with_rent, ==, leased);
  remove_store (&store, dir, path);
}

/* A lease signed before it starts: its room is leased with its tenant and term,
 * in the tenant lens by name, and so again when the store is opened anew. */
static void
test_signed_not_started (void)
{
  g_autofree char *dir = NULL, *path = NULL, *today = pw_today_iso ();
  g_autoptr(PwStore) store = demo_store (&dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  g_autoptr(PwPlanFloor) floor = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_months (now, 1);
  g_autoptr(GDateTime) later = g_date_time_add_months (now, 13);
  g_autofree char *start = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *end = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *customer = NULL, *contract = NULL, *terms = NULL;
  PwLeaseSpace spaces[1];
  PwPlanRoom *room;
  int index;

  floor = pw_plan_floor_load (store, NULL, "T1-F03", &error);
  g_assert_no_error (error);
  index = pw_plan_floor_find_code (floor, "T1-F03-013");
  room = pw_plan_floor_get_room (floor, (guint) index);
  g_assert_null (room->tenant);
  json_object_set_string_member (fields, "name", "Futura Labs");
  customer = pw_customer_add (store, pw_ledger_first_park_id (store), fields, NULL, &error);
  g_assert_no_error (error);
  spaces[0].space_id = room->space_id;
  spaces[0].area = room->chargeable_area;
  terms = g_strdup_printf ("{\"id\": \"C-2026-002\", \"currency\": \"CNY\", \"signed\": \"%s\", \"start\": \"%s\", \"end\": \"%s\", \"parties\": {\"landlord\": \"L\", \"tenant\": \"T\"}, \"sellers\": [{\"code\": \"LL\", \"name\": \"Landlord\"}], \"tax_codes\": [{\"code\": \"t\", \"rate\": \"0.09\"}], \"spaces\": [{\"code\": \"T1-F03-013\", \"area\": \"50.00\", \"basis\": \"gross\"}], \"charges\": [{\"code\": \"rent\", \"kind\": \"rent\", \"seller\": \"LL\", \"tax_code\": \"t\", \"unit_price\": \"3.0000\", \"unit\": \"m2_day\", \"spaces\": [\"T1-F03-013\"]}]}", today, start, end);
  contract = pw_lease_create (store, pw_ledger_first_park_id (store), "C-2026-002", customer,
                              start, end, spaces, 1, terms, &error);
  g_assert_no_error (error);
  g_assert_true (pw_lease_transition (store, contract, PW_CONTRACT_SUBMITTED, today, NULL, &error));
  g_assert_true (pw_lease_transition (store, contract, PW_CONTRACT_APPROVED, today, NULL, &error));
  g_assert_true (pw_lease_transition (store, contract, PW_CONTRACT_SIGNED, today, NULL, &error));
  g_assert_no_error (error);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(PwPlanColoring) tenant = NULL;

      if (pass == 1)
        {
          /* as after a restart: the store opened again */
          g_clear_object (&store);
          store = pw_store_open (path, &error);
          g_assert_no_error (error);
          pw_ledger_attach (store);
        }
      g_clear_pointer (&floor, pw_plan_floor_unref);
      floor = pw_plan_floor_load (store, NULL, "T1-F03", &error);
      g_assert_no_error (error);
      index = pw_plan_floor_find_code (floor, "T1-F03-013");
      room = pw_plan_floor_get_room (floor, (guint) index);
      g_assert_cmpint (room->status, ==, PW_SPACE_STATUS_LEASED);
      g_assert_cmpstr (room->tenant, ==, "Futura Labs");
      g_assert_cmpstr (room->lease_end, ==, end);
      /* 3.0000 a day × 365 ÷ 12 = 91.25 a month */
      g_assert_cmpstr (room->unit_rent, ==, "91.25");
      tenant = pw_plan_coloring_new (floor, PW_PLAN_LENS_TENANT, today);
      g_assert_cmpstr (g_array_index (tenant->classes, PwPlanClass, tenant->room_class[index]).label,
                       ==, "Futura Labs");
    }
  remove_store (&store, dir, path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/leases/tenant-and-expiry", test_tenant_and_expiry);
  g_test_add_func ("/plan/leases/unit-rent", test_unit_rent);
  g_test_add_func ("/plan/leases/signed-not-started", test_signed_not_started);
  return g_test_run ();
}
