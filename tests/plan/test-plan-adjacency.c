/* test-plan-adjacency.c — neighbouring rooms, and tenant colours that never repeat
 * between neighbours (docs/plans.md, "Tenant colours")
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "pw-demo.h"
#include "pw-plan-adjacency.h"
#include "pw-plan-lens.h"

static PwPlanRoom *
add_rect (PwPlanFloor *floor, const char *code, double x, double y, double w, double h,
          const char *tenant)
{
  PwPlanRoom *room = pw_plan_floor_add_room (floor, code, code, pw_polygon_new_rect (x, y, w, h));

  room->status = tenant != NULL ? PW_SPACE_STATUS_LEASED : PW_SPACE_STATUS_AVAILABLE;
  room->kind = PW_SPACE_KIND_OFFICE;
  room->chargeable_area = (gint64) (w * h * 100);
  room->tenant = g_strdup (tenant);
  return room;
}

/* A shared wall, a wall drawn as a gap, a corner and a corridor apart. */
static void
test_adjacent (void)
{
  g_autoptr(PwPlanFloor) floor = pw_plan_floor_new ("f", "F");

  add_rect (floor, "A", 0, 0, 5, 4, NULL);
  add_rect (floor, "B", 5, 0, 5, 4, NULL);        /* shares A's east wall */
  add_rect (floor, "C", 10.2, 0, 5, 4, NULL);     /* 0.2 m of wall between B and C */
  add_rect (floor, "D", 15.2, 4, 5, 4, NULL);     /* touches C at a corner only */
  add_rect (floor, "E", 0, 6, 5, 4, NULL);        /* 2 m of corridor below A */

  g_assert_true (pw_plan_rooms_adjacent (floor, 0, 1));
  g_assert_true (pw_plan_rooms_adjacent (floor, 1, 0));
  g_assert_true (pw_plan_rooms_adjacent (floor, 1, 2));
  g_assert_false (pw_plan_rooms_adjacent (floor, 2, 3));
  g_assert_false (pw_plan_rooms_adjacent (floor, 0, 4));
  g_assert_false (pw_plan_rooms_adjacent (floor, 0, 2));
  g_assert_false (pw_plan_rooms_adjacent (floor, 0, 0));
  {
    GPtrArray *adjacency = pw_plan_floor_get_adjacency (floor);
    GArray *of_b = g_ptr_array_index (adjacency, 1);

    g_assert_cmpuint (of_b->len, ==, 2);
    g_assert_cmpuint (((GArray *) g_ptr_array_index (adjacency, 4))->len, ==, 0);
  }
}

static guint32
rgb_of (PwPlanColoring *c, guint room)
{
  return g_array_index (c->classes, PwPlanClass, c->room_class[room]).rgb;
}

/* Every pair of neighbouring rooms of different tenants differs in colour. */
static guint
check_neighbours (PwPlanFloor *floor, PwPlanColoring *c)
{
  GPtrArray *adjacency = pw_plan_floor_get_adjacency (floor);
  guint pairs = 0;

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
    {
      GArray *near = g_ptr_array_index (adjacency, i);
      PwPlanRoom *a = pw_plan_floor_get_room (floor, i);

      for (guint k = 0; k < near->len; k++)
        {
          guint j = g_array_index (near, guint, k);
          PwPlanRoom *b = pw_plan_floor_get_room (floor, j);

          if (a->tenant == NULL || b->tenant == NULL
              || g_strcmp0 (pw_plan_room_tenant_key (a), pw_plan_room_tenant_key (b)) == 0)
            continue;
          pairs++;
          if (rgb_of (c, i) == rgb_of (c, j))
            g_error ("%s (%s) and %s (%s) are neighbours with the same colour %06x", a->code,
                     a->tenant, b->code, b->tenant, rgb_of (c, i));
        }
    }
  return pairs;
}

/* A 4 × 4 block of rooms, each its own tenant but for two that share one: every
 * neighbour differs, a tenant has one colour, and the colours are the same again. */
static void
test_grid (void)
{
  g_autoptr(PwPlanFloor) floor = pw_plan_floor_new ("f", "F");
  g_autoptr(PwPlanColoring) c = NULL, again = NULL;

  for (guint y = 0; y < 4; y++)
    for (guint x = 0; x < 4; x++)
      {
        g_autofree char *code = g_strdup_printf ("R%u%u", y, x);
        g_autofree char *tenant = g_strdup_printf ("Tenant %u", (y * 4 + x) == 15 ? 0 : y * 4 + x);

        add_rect (floor, code, x * 4.0, y * 4.0, 4, 4, tenant);
      }
  c = pw_plan_coloring_new (floor, PW_PLAN_LENS_TENANT, "2026-12-07");
  /* 4 × 3 × 2 shared walls */
  g_assert_cmpuint (check_neighbours (floor, c), ==, 2 * 24);
  g_assert_cmpuint (rgb_of (c, 0), ==, rgb_of (c, 15));
  again = pw_plan_coloring_new (floor, PW_PLAN_LENS_TENANT, "2026-12-07");
  for (guint i = 0; i < 16; i++)
    g_assert_cmpuint (rgb_of (c, i), ==, rgb_of (again, i));
  /* 15 tenants; no legend entry twice */
  g_assert_cmpuint (c->classes->len, ==, 15 + 3);
}

/* A tenant ringed by more neighbours than the palette has colours still differs
 * from each of them, and they from each other where they touch. */
static void
test_many_neighbours (void)
{
  g_autoptr(PwPlanFloor) floor = pw_plan_floor_new ("f", "F");
  g_autoptr(PwPlanColoring) c = NULL;

  add_rect (floor, "HUB", 0, 0, 60, 4, "Hub");
  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *code = g_strdup_printf ("N%02u", i);
      g_autofree char *tenant = g_strdup_printf ("North %02u", i);

      add_rect (floor, code, i * 4.0, -4, 4, 4, tenant);
    }
  c = pw_plan_coloring_new (floor, PW_PLAN_LENS_TENANT, "2026-12-07");
  g_assert_cmpuint (check_neighbours (floor, c), ==, 2 * (15 + 14));
}

/* The demo park: no two neighbouring rooms of different tenants share a colour on
 * any floor (two on L1-F01 did), nor in a building's stacking-plan colours. */
static void
test_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plan-adjacency-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "park.db", NULL);
  g_autoptr(PwStore) store = pw_store_open (path, &error);
  const char *buildings[] = { "T1", "L1" };
  guint pairs = 0;

  g_assert_no_error (error);
  pw_ledger_attach (store);
  g_assert_true (pw_demo_seed (store, &error));
  for (guint b = 0; b < G_N_ELEMENTS (buildings); b++)
    {
      g_autofree char *title = NULL;
      g_autoptr(GPtrArray) floors = pw_plan_floor_load_building (store, NULL, buildings[b], &title,
                                                                 &error);

      g_assert_no_error (error);
      for (guint f = 0; f < floors->len; f++)
        {
          PwPlanFloor *floor = g_ptr_array_index (floors, f);
          g_autoptr(PwPlanColoring) one = pw_plan_coloring_new (floor, PW_PLAN_LENS_TENANT, "2026-12-07");
          g_autoptr(PwPlanColoring) among = pw_plan_coloring_new_among (floor, PW_PLAN_LENS_TENANT,
                                                                        "2026-12-07", floors);

          pairs += check_neighbours (floor, one);
          check_neighbours (floor, among);
        }
    }
  g_assert_cmpuint (pairs, >, 0);

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/adjacency/adjacent", test_adjacent);
  g_test_add_func ("/plan/adjacency/grid", test_grid);
  g_test_add_func ("/plan/adjacency/many-neighbours", test_many_neighbours);
  g_test_add_func ("/plan/adjacency/demo", test_demo);
  return g_test_run ();
}
