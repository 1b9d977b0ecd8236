/* plan-fixture.h — the demo park in a scratch folder, and rooms drawn by hand, for
 * the plan tests that map drawings onto the ledger
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gstdio.h>

#include "pw-demo.h"
#include "pw-import.h"

typedef struct
{
  char    *dir;
  PwStore *store;
} Fixture;

/* The demo park, seeded through the ledger's rules, in a new scratch folder put
 * in @dir. */
static inline PwStore *
plan_demo_open (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PwStore *store;

  *dir = g_dir_make_tmp ("plan-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "park.db", NULL);
  store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (store);
  g_assert_true (pw_demo_seed (store, &error));
  g_assert_no_error (error);
  return store;
}

/* Removes the scratch folder @dir (the store closed) and frees it. */
static inline void
plan_demo_remove (char *dir)
{
  const char *name;
  GDir *d = g_dir_open (dir, 0, NULL);

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  if (d != NULL)
    g_dir_close (d);
  g_rmdir (dir);
  g_free (dir);
}

static inline void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->store = plan_demo_open (&f->dir);
}

static inline void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_object_unref (f->store);
  plan_demo_remove (f->dir);
}

/* A @w × @h room at (@x, @y) named @name, with the source id @id. */
static inline PwImportRoom *
add_rect (PwImportLevel *level, const char *id, const char *name, double x, double y, double w,
          double h)
{
  PwImportRoom *room = pw_import_level_add_room (level, id);

  room->name = g_strdup (name);
  pw_import_room_set_polygon (room, pw_polygon_new_rect (x, y, w, h));
  return room;
}

/* The space of the store with @code (a new reference), or NULL. */
static inline PwSpace *
space_by_code (PwStore *store, const char *code)
{
  g_autoptr(GPtrArray) spaces = pw_ledger_load_spaces (store, NULL, NULL);

  for (guint i = 0; i < spaces->len; i++)
    if (g_str_equal (pw_space_get_code (g_ptr_array_index (spaces, i)), code))
      return g_object_ref (g_ptr_array_index (spaces, i));
  return NULL;
}
