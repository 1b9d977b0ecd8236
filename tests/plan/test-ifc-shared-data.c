/* test-ifc-shared-data.c — the IFC importer on the five real models of the
 * shared-data suite (docs/plans.md, "The shared-data suite": where they come from, their traits)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-ifc-shared-data DIR. Prints, per file, storeys, rooms, rooms with
 * polygons, and the median and largest |declared − polygon| / declared. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pw-ifc-import.h"

static const char *dir;

typedef struct
{
  guint  n_levels, n_rooms, n_polygons, n_holes, n_sideways, n_compared;
  double median, max;          /* |declared − polygon| / declared */
  double median_signed;        /* (declared − polygon) / declared */
  double min_signed, max_signed;
} Stats;

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gboolean
has_warning (PwImportRoom *room, const char *text)
{
  for (guint i = 0; i < room->warnings->len; i++)
    if (strstr (g_ptr_array_index (room->warnings, i), text))
      return TRUE;
  return FALSE;
}

static PwImportDoc *
import (const char *name, const char *quantity, Stats *st)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rel = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sig = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 t0 = g_get_monotonic_time ();
  PwImportDoc *doc = pw_import_file (path, &error);
  double ms = (g_get_monotonic_time () - t0) / 1000.0;

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  memset (st, 0, sizeof *st);
  st->n_levels = doc->levels->len;
  for (guint l = 0; l < doc->levels->len; l++)
    {
      PwImportLevel *level = g_ptr_array_index (doc->levels, l);

      for (guint r = 0; r < level->rooms->len; r++)
        {
          PwImportRoom *room = g_ptr_array_index (level->rooms, r);
          const PwDeclaredArea *declared = pw_import_room_find_declared (room, quantity);

          st->n_rooms++;
          if (has_warning (room, "sideways"))
            st->n_sideways++;
          if (room->polygon == NULL)
            continue;
          st->n_polygons++;
          if (pw_polygon_get_n_holes (room->polygon) > 0)
            st->n_holes++;
          if (declared && declared->m2 > 0)
            {
              double d = (declared->m2 - pw_polygon_area (room->polygon)) / declared->m2;
              double a = fabs (d);

              g_array_append_val (sig, d);
              g_array_append_val (rel, a);
            }
        }
    }
  st->n_compared = rel->len;
  if (rel->len > 0)
    {
      g_array_sort (rel, cmp_double);
      g_array_sort (sig, cmp_double);
      st->median = g_array_index (rel, double, rel->len / 2);
      st->max = g_array_index (rel, double, rel->len - 1);
      st->median_signed = g_array_index (sig, double, sig->len / 2);
      st->min_signed = g_array_index (sig, double, 0);
      st->max_signed = g_array_index (sig, double, sig->len - 1);
    }
  printf ("%-24s %-8s %u storeys, %3u rooms, %3u with polygons (%u with holes, %u sideways); "
          "%-14s vs polygon on %3u rooms: median %5.1f %%, max %5.1f %% "
          "(signed %+.1f … %+.1f %%); %.0f ms\n",
          name, doc->schema, st->n_levels, st->n_rooms, st->n_polygons, st->n_holes,
          st->n_sideways, quantity, st->n_compared, st->median * 100, st->max * 100,
          st->min_signed * 100, st->max_signed * 100, ms);
  return doc;
}

static void
test_fzk_haus (void)
{
  Stats st;
  g_autoptr(PwImportDoc) doc = import ("AC20-FZK-Haus.ifc", "GrossFloorArea", &st);

  g_assert_cmpstr (doc->schema, ==, "IFC4");
  g_assert_cmpuint (st.n_levels, ==, 2);
  g_assert_cmpuint (st.n_rooms, ==, 7);
  g_assert_cmpuint (st.n_polygons, ==, 7);
  /* gross area is the footprint of the turned brep solids */
  g_assert_cmpuint (st.n_compared, ==, 7);
  g_assert_cmpfloat (st.max, <, 0.001);
}

static void
test_fzk_haus_net (void)
{
  Stats st;
  g_autoptr(PwImportDoc) doc = import ("AC20-FZK-Haus.ifc", "NetFloorArea", &st);

  /* net is 3 % smaller on the ground floor (the gallery under the roof less) */
  g_assert_cmpuint (st.n_compared, ==, 7);
  g_assert_cmpfloat (st.median_signed, <, -0.02);
  g_assert_cmpfloat (st.median_signed, >, -0.04);
}

static void
test_sample_house (void)
{
  Stats st;
  g_autoptr(PwImportDoc) doc = import ("SampleHouse4.ifc", "NetFloorArea", &st);
  Stats gross;
  g_autoptr(PwImportDoc) again = import ("SampleHouse4.ifc", "GrossFloorArea", &gross);

  g_assert_cmpstr (doc->schema, ==, "IFC4");
  g_assert_cmpuint (st.n_levels, ==, 2);
  g_assert_cmpuint (st.n_rooms, ==, 4);
  g_assert_cmpuint (st.n_polygons, ==, 4);
  g_assert_cmpuint (st.n_compared, ==, 4);
  g_assert_cmpfloat (st.max, <, 0.001);
  g_assert_cmpfloat (gross.max, <, 0.001);
}

static void
test_duplex (void)
{
  Stats st;
  g_autoptr(PwImportDoc) doc = import ("Duplex_A_20110907.ifc", "GSA BIM Area", &st);

  g_assert_cmpstr (doc->schema, ==, "IFC2X3");
  g_assert_cmpuint (st.n_levels, ==, 4);
  g_assert_cmpuint (st.n_rooms, ==, 21);
  g_assert_cmpuint (st.n_polygons, ==, 21);
  g_assert_cmpuint (st.n_sideways, ==, 2);
  /* the declared GSA area is 2–29 % larger than the room solid */
  g_assert_cmpuint (st.n_compared, ==, 21);
  g_assert_cmpfloat (st.min_signed, >, 0.02);
  g_assert_cmpfloat (st.max_signed, <, 0.29);
}

static void
test_office (void)
{
  Stats st;
  g_autoptr(PwImportDoc) doc = import ("Office_A_20110811.ifc", "GSA BIM Area", &st);

  g_assert_cmpstr (doc->schema, ==, "IFC2X3");
  g_assert_cmpuint (st.n_levels, ==, 3);
  g_assert_cmpuint (st.n_rooms, ==, 99);
  g_assert_cmpuint (st.n_polygons, ==, 99);
  g_assert_cmpuint (st.n_holes, >, 0);
  g_assert_cmpuint (st.n_compared, ==, 99);
  g_assert_cmpfloat (st.min_signed, >, 0.0);
  g_assert_cmpfloat (st.max_signed, <, 0.29);
}

static void
test_renga (void)
{
  Stats st;
  g_autoptr(PwImportDoc) doc = import ("Renga_House.ifc", "GrossFloorArea", &st);
  PwImportLevel *level = g_ptr_array_index (doc->levels, 0);
  PwImportRoom *room = g_ptr_array_index (level->rooms, 0);

  g_assert_cmpstr (doc->schema, ==, "IFC2X3");
  g_assert_cmpuint (st.n_levels, ==, 3);
  g_assert_cmpuint (st.n_rooms, ==, 13);
  g_assert_cmpuint (st.n_polygons, ==, 13);
  /* no area unit: the areas are in mm², which the geometry confirms */
  g_assert_cmpuint (st.n_compared, ==, 13);
  g_assert_cmpfloat (st.max, <, 0.001);
  g_assert_cmpuint (doc->warnings->len, >, 0);
  /* Russian names from \X2\ escapes */
  g_assert_cmpstr (level->name, ==, "Уровень 1");
  g_assert_true (g_utf8_validate (room->long_name, -1, NULL));
  g_assert_cmpstr (room->long_name, ==, "Студия-гостиная");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    {
      g_printerr ("usage: %s DIR\n", argv[0]);
      return 2;
    }
  dir = argv[1];
  g_test_add_func ("/shared-data/ifc/fzk-haus", test_fzk_haus);
  g_test_add_func ("/shared-data/ifc/fzk-haus-net", test_fzk_haus_net);
  g_test_add_func ("/shared-data/ifc/sample-house", test_sample_house);
  g_test_add_func ("/shared-data/ifc/duplex", test_duplex);
  g_test_add_func ("/shared-data/ifc/office", test_office);
  g_test_add_func ("/shared-data/ifc/renga", test_renga);
  return g_test_run ();
}
