/* csv-fixture.c — a small park in a scratch store, for the CSV tests
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "csv-fixture.h"

/* Builds the park through the mutation path, as the app would. */
static char *
seed_park (PwStore *store)
{
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(GError) error = NULL;
  PwMutation *park, *a, *b, *m;
  char *park_id;
  static const struct { const char *code; int level; gboolean in_b; } floors[] = {
    { "A1", 1, FALSE }, { "A2", 2, FALSE }, { "B1", 1, TRUE },
  };

  park = pw_mutation_new_insert ("park", NULL);
  pw_mutation_set_string (park, "code", "TP");
  pw_mutation_set_string (park, "name", "Test Park");
  pw_mutation_set_string (park, "code_pattern", "{building}-{floor}-{seq:3}");
  pw_mutation_set_string (park, "currency", "CNY");
  g_ptr_array_add (muts, park);
  park_id = g_strdup (pw_mutation_get_id (park));

  a = pw_mutation_new_insert ("building", NULL);
  pw_mutation_set_string (a, "park_id", park_id);
  pw_mutation_set_string (a, "code", "A");
  pw_mutation_set_string (a, "name", "Building A");
  pw_mutation_set_string (a, "kind", "office");
  g_ptr_array_add (muts, a);
  b = pw_mutation_new_insert ("building", NULL);
  pw_mutation_set_string (b, "park_id", park_id);
  pw_mutation_set_string (b, "code", "B");
  pw_mutation_set_string (b, "name", "Building B");
  pw_mutation_set_string (b, "kind", "workshop");
  g_ptr_array_add (muts, b);

  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    {
      g_autofree char *name = g_strdup_printf ("Floor %s", floors[i].code);

      m = pw_mutation_new_insert ("floor", NULL);
      pw_mutation_set_string (m, "park_id", park_id);
      pw_mutation_set_string (m, "building_id", pw_mutation_get_id (floors[i].in_b ? b : a));
      pw_mutation_set_string (m, "code", floors[i].code);
      pw_mutation_set_string (m, "name", name);
      pw_mutation_set_int (m, "level", floors[i].level);
      g_ptr_array_add (muts, m);
    }

  g_assert_true (pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, &error));
  g_assert_no_error (error);
  return park_id;
}

static PwStore *
open_store (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  PwStore *store = pw_store_open (path, &error);

  g_assert_no_error (error);
  pw_ledger_attach (store);
  return store;
}

void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("pw-csv-XXXXXX", &error);
  g_assert_no_error (error);
  fx->store = open_store (fx->dir, "ledger.db");
  fx->park_id = seed_park (fx->store);
}

PwStore *
fixture_open_twin (Fixture *fx, const char *name, char **park_id)
{
  PwStore *store = open_store (fx->dir, name);

  *park_id = seed_park (store);
  return store;
}

void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fx->store);
  g_clear_pointer (&fx->park_id, g_free);
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_clear_pointer (&fx->dir, g_free);
}

void
counts_take (PwStore *store, Counts *out)
{
  out->space = pw_store_count (store, "space");
  out->audit = pw_store_count (store, "audit");
  out->outbox = pw_store_count (store, "outbox");
  out->lifecycle = pw_store_count (store, "lifecycle_event");
  out->status = pw_store_count (store, "space_status");
}

PwCsvImport *
fixture_prepare (Fixture *fx, const char *csv, GError **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));

  return pw_csv_import_prepare (fx->store, fx->park_id, bytes, "test.csv", error);
}
