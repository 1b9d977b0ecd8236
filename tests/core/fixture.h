/* fixture.h — a small hand-made park shared by the core tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>

#include "pw-customer.h"
#include "pw-ledger.h"
#include "pw-store.h"

typedef struct {
  char    *dir;
  char    *path;
  PwStore *store;
  char    *park, *building, *floor1, *floor2;
} Fixture;

static inline PwMutation *
fixture_space (Fixture *f, const char *floor, const char *code, const char *kind,
               gint64 internal, gboolean takes_share, const char *pool, const char *status)
{
  PwMutation *m = pw_mutation_new_insert ("space", NULL);

  pw_mutation_set_string (m, "park_id", f->park);
  pw_mutation_set_string (m, "floor_id", floor);
  pw_mutation_set_string (m, "code", code);
  pw_mutation_set_string (m, "name", code);
  pw_mutation_set_string (m, "kind", kind);
  pw_mutation_set_string (m, "status", status);
  pw_mutation_set_int (m, "gross_area", internal);
  pw_mutation_set_int (m, "internal_area", internal);
  pw_mutation_set_int (m, "usable_area", internal * 9 / 10);
  pw_mutation_set_bool (m, "leasable", g_strcmp0 (kind, "common_area") != 0);
  pw_mutation_set_bool (m, "takes_share", takes_share);
  pw_mutation_set_string (m, "pool_level", pool);
  pw_mutation_set_string (m, "area_basis", "gross");
  return m;
}

static inline void
fixture_apply (Fixture *f, PwMutation *m)
{
  g_autoptr(GError) error = NULL;

  pw_store_apply (f->store, m, &error);
  g_assert_no_error (error);
  pw_mutation_free (m);
}

/* Park P with building B1: floor F01 holds a 30.00 m² corridor (floor pool) and
 * offices of 100.00, 50.00 and 50.00 m²; floor F02 a 40.00 m² lobby (building
 * pool), an office of 200.00 m² and a parking bay of 12.50 m² taking no share. */
static inline void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  PwMutation *m;

  f->dir = g_dir_make_tmp ("parkwise-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "park.db", NULL);
  f->store = pw_store_open (f->path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  pw_store_set_actor (f->store, "tester");

  m = pw_mutation_new_insert ("park", NULL);
  f->park = g_strdup (pw_mutation_get_id (m));
  pw_mutation_set_string (m, "code", "P");
  pw_mutation_set_string (m, "name", "Test Park");
  pw_mutation_set_string (m, "code_pattern", "{building}-{floor}-{seq:3}");
  pw_mutation_set_string (m, "currency", "CNY");
  fixture_apply (f, m);

  m = pw_mutation_new_insert ("building", NULL);
  f->building = g_strdup (pw_mutation_get_id (m));
  pw_mutation_set_string (m, "park_id", f->park);
  pw_mutation_set_string (m, "code", "B1");
  pw_mutation_set_string (m, "name", "Building 1");
  pw_mutation_set_string (m, "kind", "office");
  fixture_apply (f, m);

  for (int level = 1; level <= 2; level++)
    {
      g_autofree char *code = g_strdup_printf ("F%02d", level);
      m = pw_mutation_new_insert ("floor", NULL);
      if (level == 1)
        f->floor1 = g_strdup (pw_mutation_get_id (m));
      else
        f->floor2 = g_strdup (pw_mutation_get_id (m));
      pw_mutation_set_string (m, "park_id", f->park);
      pw_mutation_set_string (m, "building_id", f->building);
      pw_mutation_set_string (m, "code", code);
      pw_mutation_set_string (m, "name", code);
      pw_mutation_set_int (m, "level", level);
      fixture_apply (f, m);
    }

  fixture_apply (f, fixture_space (f, f->floor1, "B1-F01-001", "common_area", 3000, FALSE, "floor", "available"));
  fixture_apply (f, fixture_space (f, f->floor1, "B1-F01-002", "office", 10000, TRUE, NULL, "leased"));
  fixture_apply (f, fixture_space (f, f->floor1, "B1-F01-003", "office", 5000, TRUE, NULL, "available"));
  fixture_apply (f, fixture_space (f, f->floor1, "B1-F01-004", "lab", 5000, TRUE, NULL, "leased"));
  fixture_apply (f, fixture_space (f, f->floor2, "B1-F02-001", "common_area", 4000, FALSE, "building", "available"));
  fixture_apply (f, fixture_space (f, f->floor2, "B1-F02-002", "office", 20000, TRUE, NULL, "available"));
  fixture_apply (f, fixture_space (f, f->floor2, "B1-F02-003", "parking_bay", 1250, FALSE, NULL, "leased"));
}

static inline void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->park);
  g_free (f->building);
  g_free (f->floor1);
  g_free (f->floor2);
}

static inline PwSpace *
fixture_find (GPtrArray *spaces, const char *code)
{
  for (guint i = 0; i < spaces->len; i++)
    if (g_str_equal (pw_space_get_code (g_ptr_array_index (spaces, i)), code))
      return g_ptr_array_index (spaces, i);
  g_assert_not_reached ();
  return NULL;
}

/* A customer of the park for a lease (a lease needs one); the caller frees the id. */
static inline char *
fixture_customer (PwStore *store, const char *park)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  char *id;

  json_object_set_string_member (fields, "kind", "company");
  json_object_set_string_member (fields, "name", "Tenant Co.");
  id = pw_customer_add (store, park, fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}
