/* test-svg-shared-data.c — the SVG importer over the real drawings of the shared-data suite
 * (docs/plans.md, "The shared-data suite")
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lower bounds were counted by hand from the drawings: filled room shapes, their
 * room-number labels, and the frame or building outline that is not a room. */
#include <string.h>

#include "pw-svg-import.h"

typedef struct
{
  const char *file;
  guint       min_rooms;      /* rooms found */
  guint       min_footprints; /* rooms with a usable outline */
  guint       min_named;      /* rooms named by a text label */
  const char *room_id;        /* one room checked by hand… */
  const char *room_name;      /* …and the label inside it */
} Expectation;

static const Expectation expectations[] = {
  /* Inkscape: 81 closed filled shapes, one of them the frame; 78 non-blank labels,
   * one of them (ESCALATOR) over a corridor that is no shape */
  { "concordia-hall-building-floor8.svg", 78, 78, 70, "rect3783", "H801" },
  /* Inkscape, nested matrix transforms; 58 closed filled shapes, the building outline
   * among them; 62 labels, some over stairs drawn as open paths */
  { "concordia-vanier-library-level1.svg", 55, 55, 45, "rect4505", "101-4" },
  /* Illustrator re-saved by Inkscape: offset viewBox, many small filled shapes (stairs,
   * furniture), room numbers mostly drawn as outlines; 12 text labels */
  { "ucr-spieth-hall-level1.svg", 400, 380, 8, "path5090", "1307" },
  /* Illustrator: CSS classes, room numbers placed by transform matrices; 23 labels */
  { "ucr-sproul-hall-level1.svg", 110, 110, 15, "path-line58", "1357" },
};

static const char *data_dir;

static void
test_drawing (gconstpointer data)
{
  const Expectation *e = data;
  g_autofree char *path = g_build_filename (data_dir, e->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwImportDoc) doc = pw_svg_import_file (path, &error);
  guint rooms = 0, footprints = 0, named = 0;
  gboolean checked = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (doc->needs_scale);  /* none of them states a physical size */
  g_assert_cmpuint (doc->levels->len, ==, 1);
  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, i);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);

          rooms++;
          footprints += room->polygon != NULL;
          named += room->name != NULL;
          if (strcmp (room->source_id, e->room_id) == 0)
            {
              g_assert_cmpstr (room->name, ==, e->room_name);
              g_assert_nonnull (room->polygon);
              g_assert_cmpfloat (pw_polygon_area (room->polygon), >, 0);
              checked = TRUE;
            }
        }
    }
  g_test_message ("%s: %u rooms, %u with a footprint, %u named by labels, %u warnings",
                  e->file, rooms, footprints, named, doc->warnings->len);
  for (guint i = 0; i < doc->warnings->len; i++)
    g_test_message ("  ! %s", (const char *) g_ptr_array_index (doc->warnings, i));
  g_assert_true (checked);
  g_assert_cmpuint (rooms, >=, e->min_rooms);
  g_assert_cmpuint (footprints, >=, e->min_footprints);
  g_assert_cmpuint (named, >=, e->min_named);
  /* the frame or building outline is recognised, or walls are reported */
  g_assert_cmpuint (doc->warnings->len, >=, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s DIRECTORY-OF-SHARED-SVG-DRAWINGS", argv[0]);
  data_dir = argv[1];
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      g_autofree char *name = g_strdup_printf ("/plan/svg-shared-data/%s", expectations[i].file);

      g_test_add_data_func (name, &expectations[i], test_drawing);
    }
  return g_test_run ();
}
