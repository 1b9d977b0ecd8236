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

/* The demo park, seeded through the ledger's rules, in a new scratch folder. */
static inline void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("plan-test-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "park.db", NULL);
  f->store = pw_store_open (path, &error);
  g_assert_no_error (error);
  pw_ledger_attach (f->store);
  g_assert_true (pw_demo_seed (f->store, &error));
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  const char *name;
  GDir *dir = g_dir_open (f->dir, 0, NULL);

  g_object_unref (f->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_dir_close (dir);
  g_rmdir (f->dir);
  g_free (f->dir);
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
