/* test-plan-render.c — the plan renderer: lenses, labels, hit-testing, golden images
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Golden images are drawn without labels, so fonts on the machine cannot change
 * them; labels are checked by geometry instead. PW_UPDATE_GOLDEN=1 rewrites the
 * images in tests/plan/golden/ (look at them before committing); run from meson
 * test, which points G_TEST_SRCDIR at tests/.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-plan-render.h"

/* A 40 m × 20 m floor: a row of eight offices, a corridor ring around a core,
 * an L-shaped lab, and lease facts for the lease lenses. */
static PwPlanFloor *
fixture_floor (void)
{
  static const struct {
    const char *tenant;
    const char *lease_end;
    const char *rent;
    PwSpaceStatus status;
  } offices[8] = {
    { "Acme Robotics", "2026-12-15", "3.2000", PW_SPACE_STATUS_LEASED },     /* < 3 months */
    { "Acme Robotics", "2027-04-01", "3.2000", PW_SPACE_STATUS_LEASED },     /* 3–6 */
    { "Borealis Bio", "2027-09-30", "4.1000", PW_SPACE_STATUS_LEASED },      /* 6–12 */
    { "Cobalt Labs", "2029-01-31", "5.0000", PW_SPACE_STATUS_LEASED },       /* > 12 */
    { "Delta Freight", "2026-10-31", "2.8000", PW_SPACE_STATUS_LEASED },     /* expired */
    { NULL, NULL, NULL, PW_SPACE_STATUS_LEASED },                            /* no data */
    { NULL, NULL, NULL, PW_SPACE_STATUS_AVAILABLE },
    { NULL, NULL, NULL, PW_SPACE_STATUS_UNDER_REPAIR },
  };
  const PwPoint ring[] = { { 0, 8 }, { 30, 8 }, { 30, 20 }, { 0, 20 } };
  const PwPoint core[] = { { 4, 11 }, { 26, 11 }, { 26, 17 }, { 4, 17 } };
  const PwPoint ell[] = { { 30, 8 }, { 40, 8 }, { 40, 20 }, { 35, 20 }, { 35, 14 }, { 30, 14 } };
  PwPlanFloor *floor = pw_plan_floor_new ("F1", "Fixture Park · Block A · Floor 1");
  PwPlanRoom *room;
  PwPolygon *corridor;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *code = g_strdup_printf ("A-F01-%03u", i + 1);

      room = pw_plan_floor_add_room (floor, code, code, pw_polygon_new_rect (i * 5.0, 0, 5, 8));
      room->kind = PW_SPACE_KIND_OFFICE;
      room->status = offices[i].status;
      room->chargeable_area = 4000;
      room->tenant = g_strdup (offices[i].tenant);
      room->lease_end = g_strdup (offices[i].lease_end);
      room->unit_rent = g_strdup (offices[i].rent);
    }
  corridor = pw_polygon_new (ring, G_N_ELEMENTS (ring));
  pw_polygon_add_hole (corridor, core, G_N_ELEMENTS (core));
  room = pw_plan_floor_add_room (floor, "corridor", "A-F01-009", corridor);
  room->kind = PW_SPACE_KIND_COMMON_AREA;
  room->chargeable_area = 22800;
  room = pw_plan_floor_add_room (floor, "core", "A-F01-010",
                                 pw_polygon_new_rect (4, 11, 22, 6));
  room->kind = PW_SPACE_KIND_MACHINE_ROOM;
  room->chargeable_area = 13200;
  room = pw_plan_floor_add_room (floor, "lab", "A-F01-011", pw_polygon_new (ell, G_N_ELEMENTS (ell)));
  room->kind = PW_SPACE_KIND_LAB;
  room->status = PW_SPACE_STATUS_RESERVED;
  room->chargeable_area = 9000;
  return floor;
}

static guint
class_of (PwPlanColoring *c, PwPlanFloor *floor, const char *code)
{
  return c->room_class[pw_plan_floor_find_code (floor, code)];
}

static const char *
label_of (PwPlanColoring *c, PwPlanFloor *floor, const char *code)
{
  return g_array_index (c->classes, PwPlanClass, class_of (c, floor, code)).label;
}

static void
test_lens_expiry (void)
{
  g_autoptr(PwPlanFloor) floor = fixture_floor ();
  g_autoptr(PwPlanColoring) c = pw_plan_coloring_new (floor, PW_PLAN_LENS_EXPIRY, "2026-11-27");

  g_assert_cmpstr (label_of (c, floor, "A-F01-001"), ==, "Under 3 months");
  g_assert_cmpstr (label_of (c, floor, "A-F01-002"), ==, "3–6 months");
  g_assert_cmpstr (label_of (c, floor, "A-F01-003"), ==, "6–12 months");
  g_assert_cmpstr (label_of (c, floor, "A-F01-004"), ==, "Over 12 months");
  g_assert_cmpstr (label_of (c, floor, "A-F01-005"), ==, "Expired");
  g_assert_cmpstr (label_of (c, floor, "A-F01-006"), ==, "No data");
  g_assert_cmpstr (label_of (c, floor, "A-F01-007"), ==, "Vacant");
  g_assert_cmpstr (label_of (c, floor, "A-F01-009"), ==, "Common area");
  g_assert_cmpstr (label_of (c, floor, "A-F01-010"), ==, "Common area");

  /* the same lease a year later has expired */
  {
    g_autoptr(PwPlanColoring) later = pw_plan_coloring_new (floor, PW_PLAN_LENS_EXPIRY, "2029-02-01");

    g_assert_cmpstr (label_of (later, floor, "A-F01-004"), ==, "Expired");
  }
}

static void
test_months_between (void)
{
  double m;

  g_assert_true (pw_plan_months_between ("2026-01-31", "2026-04-30", &m));
  g_assert_cmpfloat_with_epsilon (m, 3.0, 1e-9);
  g_assert_true (pw_plan_months_between ("2026-01-15", "2026-02-01", &m));
  g_assert_cmpfloat_with_epsilon (m, 17.0 / 31, 1e-9);
  g_assert_true (pw_plan_months_between ("2026-03-01", "2026-01-01", &m));
  g_assert_cmpfloat_with_epsilon (m, -2.0, 1e-9);
  g_assert_false (pw_plan_months_between ("2026-02-30", "2026-03-01", &m));
  g_assert_false (pw_plan_months_between ("2026-01-01", NULL, &m));
}

static void
test_lens_rent_and_tenant (void)
{
  g_autoptr(PwPlanFloor) floor = fixture_floor ();
  g_autoptr(PwPlanColoring) rent = pw_plan_coloring_new (floor, PW_PLAN_LENS_RENT, "2026-11-27");
  g_autoptr(PwPlanColoring) tenant = pw_plan_coloring_new (floor, PW_PLAN_LENS_TENANT, "2026-11-27");
  g_autoptr(PwPlanColoring) again = NULL;
  PwPlanClass *acme;

  /* rents 2.8, 3.2, 3.2, 4.1, 5.0 in quartile bands: cheapest alone, the top alone */
  g_assert_cmpstr (label_of (rent, floor, "A-F01-005"), ==, "2.80–3.20 per m²·month");
  g_assert_cmpuint (class_of (rent, floor, "A-F01-001"), ==, class_of (rent, floor, "A-F01-002"));
  g_assert_cmpuint (class_of (rent, floor, "A-F01-001"), !=, class_of (rent, floor, "A-F01-004"));
  g_assert_cmpstr (label_of (rent, floor, "A-F01-006"), ==, "No data");
  g_assert_cmpstr (label_of (rent, floor, "A-F01-007"), ==, "Vacant");

  /* one class per tenant; its colour is chosen so that neighbours differ
   * (test-plan-adjacency.c), and is one colour over a building's floors */
  g_assert_cmpuint (class_of (tenant, floor, "A-F01-001"), ==, class_of (tenant, floor, "A-F01-002"));
  acme = &g_array_index (tenant->classes, PwPlanClass, class_of (tenant, floor, "A-F01-001"));
  g_assert_cmpstr (acme->label, ==, "Acme Robotics");
  g_assert_cmpuint (acme->count, ==, 2);
  g_assert_cmpint (acme->area, ==, 8000);
  g_assert_cmpstr (label_of (tenant, floor, "A-F01-006"), ==, "No data");
  g_assert_cmpstr (label_of (tenant, floor, "A-F01-008"), ==, "Vacant");
  {
    g_autoptr(PwPlanFloor) other = pw_plan_floor_new ("F2", "other");
    PwPlanRoom *room = pw_plan_floor_add_room (other, "x", "X", pw_polygon_new_rect (0, 0, 1, 1));

    g_autoptr(GPtrArray) building = g_ptr_array_new ();
    g_autoptr(PwPlanColoring) here = NULL;

    room->tenant = g_strdup ("Acme Robotics");
    g_ptr_array_add (building, floor);
    g_ptr_array_add (building, other);
    again = pw_plan_coloring_new_among (other, PW_PLAN_LENS_TENANT, "2026-11-27", building);
    here = pw_plan_coloring_new_among (floor, PW_PLAN_LENS_TENANT, "2026-11-27", building);
    g_assert_cmphex (g_array_index (again->classes, PwPlanClass, again->room_class[0]).rgb, ==,
                     g_array_index (here->classes, PwPlanClass,
                                    class_of (here, floor, "A-F01-001")).rgb);
  }
}

static void
test_lens_status_patterns (void)
{
  g_autoptr(PwPlanFloor) floor = fixture_floor ();
  g_autoptr(PwPlanColoring) c = pw_plan_coloring_new (floor, PW_PLAN_LENS_STATUS, "2026-11-27");

  /* statuses that could be confused by hue carry a pattern */
  for (guint i = 0; i < c->classes->len; i++)
    for (guint j = i + 1; j < c->classes->len; j++)
      {
        PwPlanClass *a = &g_array_index (c->classes, PwPlanClass, i);
        PwPlanClass *b = &g_array_index (c->classes, PwPlanClass, j);

        g_assert_true (a->rgb != b->rgb || a->pattern != b->pattern);
      }
  g_assert_cmpstr (label_of (c, floor, "A-F01-008"), ==, "Under repair");
  g_assert_cmpint (g_array_index (c->classes, PwPlanClass, class_of (c, floor, "A-F01-008")).pattern,
                   ==, PW_PLAN_PATTERN_HATCH);
  g_assert_cmpstr (label_of (c, floor, "A-F01-011"), ==, "Reserved");
}

static void
test_hit_test (void)
{
  g_autoptr(PwPlanFloor) floor = fixture_floor ();
  g_autoptr(GArray) band = g_array_new (FALSE, FALSE, sizeof (guint));
  GRand *rand = g_rand_new_with_seed (7);

  g_assert_cmpint (pw_plan_floor_hit_test (floor, 2.5, 4), ==, pw_plan_floor_find_code (floor, "A-F01-001"));
  /* the corridor's hole holds the core: the core answers there */
  g_assert_cmpint (pw_plan_floor_hit_test (floor, 10, 14), ==, pw_plan_floor_find_code (floor, "A-F01-010"));
  g_assert_cmpint (pw_plan_floor_hit_test (floor, 10, 9), ==, pw_plan_floor_find_code (floor, "A-F01-009"));
  /* the L's notch is outside it */
  g_assert_cmpint (pw_plan_floor_hit_test (floor, 32, 17), ==, -1);
  g_assert_cmpint (pw_plan_floor_hit_test (floor, 38, 17), ==, pw_plan_floor_find_code (floor, "A-F01-011"));
  g_assert_cmpint (pw_plan_floor_hit_test (floor, -1, 4), ==, -1);
  g_assert_cmpint (pw_plan_floor_hit_test (floor, NAN, 4), ==, -1);

  /* the index agrees with asking every room */
  for (int k = 0; k < 2000; k++)
    {
      double x = g_rand_double_range (rand, -2, 42), y = g_rand_double_range (rand, -2, 22);
      int expected = -1;
      double best = G_MAXDOUBLE;

      for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
        {
          PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
          double a = (room->x1 - room->x0) * (room->y1 - room->y0);

          if (pw_polygon_contains (room->polygon, x, y) && a < best)
            {
              best = a;
              expected = (int) i;
            }
        }
      g_assert_cmpint (pw_plan_floor_hit_test (floor, x, y), ==, expected);
    }
  g_rand_free (rand);

  pw_plan_floor_query_inside (floor, -1, -1, 15.5, 8.5, band);
  g_assert_cmpuint (band->len, ==, 3);
}

static gboolean
boxes_overlap (const PwPlanLabel *a, const PwPlanLabel *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
test_labels (void)
{
  g_autoptr(PwPlanFloor) floor = fixture_floor ();
  g_autoptr(PwPlanColoring) c = pw_plan_coloring_new (floor, PW_PLAN_LENS_STATUS, "2026-11-27");
  PwPlanStyle style;
  guint previous = 0, previous_fields = 0;

  pw_plan_style_init (&style);
  /* zooming in never shows fewer labels, and labels never overlap or leave their room */
  for (double scale = 2; scale <= 64; scale *= 2)
    {
      PwPlanView view = { scale, 10, 10 };
      g_autoptr(GArray) labels = pw_plan_draw_labels (NULL, floor, c, &view, &style,
                                                      40 * scale + 20, 20 * scale + 20);
      guint fields = 0;

      for (guint i = 0; i < labels->len; i++)
        {
          PwPlanLabel *l = &g_array_index (labels, PwPlanLabel, i);
          PwPlanRoom *room = pw_plan_floor_get_room (floor, l->room);
          double corners[4][2] = { { l->x, l->y }, { l->x + l->width, l->y },
                                   { l->x, l->y + l->height }, { l->x + l->width, l->y + l->height } };

          g_assert_true (l->fields & PW_PLAN_LABEL_CODE);
          for (guint k = 0; k < 4; k++)
            {
              double x = corners[k][0], y = corners[k][1];

              pw_plan_view_to_plan (&view, &x, &y);
              g_assert_true (pw_polygon_contains (room->polygon, x, y));
            }
          for (guint j = 0; j < i; j++)
            g_assert_false (boxes_overlap (l, &g_array_index (labels, PwPlanLabel, j)));
          fields += __builtin_popcount (l->fields);
        }
      g_assert_cmpuint (labels->len, >=, previous);
      g_assert_cmpuint (fields, >=, previous_fields);
      previous = labels->len;
      previous_fields = fields;
      if (scale == 2)
        g_assert_cmpuint (labels->len, ==, 0);   /* 10 m rooms are 20 px: too small */
    }
  g_assert_cmpuint (previous, ==, pw_plan_floor_get_n_rooms (floor));
}

/* ---- golden images -------------------------------------------------------------------- */

static cairo_surface_t *
render (PwPlanLens lens, gboolean dark)
{
  g_autoptr(PwPlanFloor) floor = fixture_floor ();
  g_autoptr(PwPlanColoring) c = pw_plan_coloring_new (floor, lens, "2026-11-27");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 420, 220);
  cairo_t *cr = cairo_create (surface);
  PwPlanStyle style;
  PwPlanView view;

  pw_plan_style_init (&style);
  style.dark = dark;
  style.labels = 0;
  cairo_set_source_rgb (cr, dark ? 0.14 : 1, dark ? 0.14 : 1, dark ? 0.14 : 1);
  cairo_paint (cr);
  pw_plan_view_fit (&view, 0, 0, 40, 20, 420, 220, 10);
  pw_plan_draw_rooms (cr, floor, c, &view, &style);
  pw_plan_draw_highlight (cr, pw_plan_floor_get_room (floor, 0), &view, &style, TRUE);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Share of pixels whose channels differ by more than 24 levels. */
static double
compare_images (cairo_surface_t *a, cairo_surface_t *b)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  guint bad = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    {
      const guint32 *ra = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *rb = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < w; x++)
        for (int s = 0; s < 24; s += 8)
          if (abs ((int) ((ra[x] >> s) & 0xff) - (int) ((rb[x] >> s) & 0xff)) > 24)
            {
              bad++;
              break;
            }
    }
  return (double) bad / (w * h);
}

static void
test_golden (gconstpointer data)
{
  const char *name = data;
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "plan", "golden", file, NULL);
  PwPlanLens lens = PW_PLAN_LENS_STATUS;
  gboolean dark = g_str_has_suffix (name, "-dark");
  g_autofree char *lens_name = g_strndup (name, strcspn (name, "-"));
  cairo_surface_t *got, *want;

  g_assert_true (pw_plan_lens_from_string (lens_name, &lens));
  got = render (lens, dark);
  if (g_getenv ("PW_UPDATE_GOLDEN") != NULL)
    g_assert_cmpint (cairo_surface_write_to_png (got, path), ==, CAIRO_STATUS_SUCCESS);
  want = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (want), ==, CAIRO_STATUS_SUCCESS);
  {
    cairo_surface_t *rgb = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                       cairo_image_surface_get_width (want),
                                                       cairo_image_surface_get_height (want));
    cairo_t *cr = cairo_create (rgb);

    cairo_set_source_surface (cr, want, 0, 0);
    cairo_paint (cr);
    cairo_destroy (cr);
    cairo_surface_flush (rgb);
    cairo_surface_destroy (want);
    want = rgb;
  }
  g_assert_cmpfloat (compare_images (got, want), <=, 0.002);

  /* and the comparison would notice another lens */
  if (lens != PW_PLAN_LENS_AREA)
    {
      cairo_surface_t *other = render (PW_PLAN_LENS_AREA, dark);

      g_assert_cmpfloat (compare_images (other, want), >, 0.05);
      cairo_surface_destroy (other);
    }
  cairo_surface_destroy (got);
  cairo_surface_destroy (want);
}

static void
test_export (void)
{
  g_autoptr(PwPlanFloor) floor = fixture_floor ();
  g_autoptr(PwPlanColoring) c = pw_plan_coloring_new (floor, PW_PLAN_LENS_STATUS, "2026-11-27");
  g_autofree char *dir = g_dir_make_tmp ("plan-export-XXXXXX", NULL);
  const char *names[] = { "plan.png", "plan.pdf", "plan.svg" };
  const char *magic[] = { "\x89PNG", "%PDF", "<?xml" };
  PwPlanStyle style;
  PwPlanPage page = { .date = "2026-11-27" };
  g_autoptr(GError) error = NULL;

  pw_plan_style_init (&style);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (pw_plan_export (floor, c, &page, &style, 800, 500, path, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpuint (len, >, 1000);
      g_assert_true (g_str_has_prefix (contents, magic[i]));
      if (i == 2)
        g_assert_nonnull (strstr (contents, "<path"));
      g_unlink (path);
    }
  {
    g_autofree char *path = g_build_filename (dir, "plan.bmp", NULL);

    g_assert_false (pw_plan_export (floor, c, &page, &style, 800, 500, path, &error));
    g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER);
    g_clear_error (&error);
    g_assert_false (pw_plan_export (floor, c, &page, &style, 10, 500, "x.png", &error));
    g_assert_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_RENDER);
  }
  g_rmdir (dir);
}


/* ---- at scale: the index, culling, redrawing a part ------------------------------------ */

/* A floor of @cols × @rows cells, each holding a room of a random kind: a box,
 * an L, a slanted quadrilateral, a box with a hole, now and then a long room
 * spanning cells; random statuses, tenants and areas. */
static PwPlanFloor *
random_floor (GRand *rand, guint cols, guint rows)
{
  PwPlanFloor *floor = pw_plan_floor_new ("random", "Random floor");

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        g_autofree char *code = g_strdup_printf ("R-%u-%u", r, c);
        double x = c * 4.0 + g_rand_double_range (rand, 0, 0.4);
        double y = r * 3.0 + g_rand_double_range (rand, 0, 0.4);
        double w = g_rand_double_range (rand, 1.0, 3.6), h = g_rand_double_range (rand, 1.0, 2.6);
        PwPolygon *polygon;
        PwPlanRoom *room;

        switch (g_rand_int_range (rand, 0, 6))
          {
          case 0:
            {
              const PwPoint ell[] = { { x, y }, { x + w, y }, { x + w, y + h },
                                      { x + w / 2, y + h }, { x + w / 2, y + h / 2 }, { x, y + h / 2 } };

              polygon = pw_polygon_new (ell, G_N_ELEMENTS (ell));
              break;
            }
          case 1:
            {
              const PwPoint quad[] = { { x + 0.3, y }, { x + w, y + 0.2 }, { x + w - 0.3, y + h },
                                       { x, y + h - 0.1 } };

              polygon = pw_polygon_new (quad, G_N_ELEMENTS (quad));
              break;
            }
          case 2:
            {
              const PwPoint hole[] = { { x + w * 0.3, y + h * 0.3 }, { x + w * 0.7, y + h * 0.3 },
                                       { x + w * 0.7, y + h * 0.7 }, { x + w * 0.3, y + h * 0.7 } };

              polygon = pw_polygon_new_rect (x, y, w, h);
              pw_polygon_add_hole (polygon, hole, G_N_ELEMENTS (hole));
              break;
            }
          case 3:
            if (g_rand_int_range (rand, 0, 8) == 0)
              {
                /* a long corridor over several cells: it overlaps its neighbours' bounds */
                polygon = pw_polygon_new_rect (x, y + h, g_rand_double_range (rand, 8, 30), 0.4);
                break;
              }
            G_GNUC_FALLTHROUGH;
          default:
            polygon = pw_polygon_new_rect (x, y, w, h);
            break;
          }
        room = pw_plan_floor_add_room (floor, code, code, polygon);
        room->kind = PW_SPACE_KIND_OFFICE;
        room->status = (PwSpaceStatus) g_rand_int_range (rand, 0, 4);
        room->chargeable_area = pw_polygon_area_centi (polygon);
        if (room->status == PW_SPACE_STATUS_LEASED)
          room->tenant = g_strdup_printf ("Tenant %d", g_rand_int_range (rand, 0, 9));
      }
  return floor;
}

static int
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The index's answers against asking every room. */
static void
check_index (PwPlanFloor *floor, GRand *rand, double width, double height)
{
  for (int k = 0; k < 300; k++)
    {
      double x0 = g_rand_double_range (rand, -10, width + 10), y0 = g_rand_double_range (rand, -10, height + 10);
      double x1 = x0 + g_rand_double_range (rand, 0, k % 10 == 0 ? width : 20);
      double y1 = y0 + g_rand_double_range (rand, 0, k % 10 == 0 ? height : 15);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) inside = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) expected_inside = g_array_new (FALSE, FALSE, sizeof (guint));
      double px = g_rand_double_range (rand, -2, width + 2), py = g_rand_double_range (rand, -2, height + 2);
      double best = G_MAXDOUBLE;
      int hit = -1;

      pw_plan_floor_query (floor, x0, y0, x1, y1, got);
      pw_plan_floor_query_inside (floor, x0, y0, x1, y1, inside);
      for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
        {
          PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
          double a = (room->x1 - room->x0) * (room->y1 - room->y0);

          if (room->x1 >= x0 && room->x0 <= x1 && room->y1 >= y0 && room->y0 <= y1)
            g_array_append_val (expected, i);
          if (room->x0 >= x0 && room->x1 <= x1 && room->y0 >= y0 && room->y1 <= y1)
            g_array_append_val (expected_inside, i);
          if (pw_polygon_contains (room->polygon, px, py) && a < best)
            {
              best = a;
              hit = (int) i;
            }
        }
      g_array_sort (got, compare_uint);
      g_array_sort (inside, compare_uint);
      g_assert_cmpuint (got->len, ==, expected->len);
      g_assert_cmpmem (got->data, got->len * sizeof (guint), expected->data, expected->len * sizeof (guint));
      g_assert_cmpuint (inside->len, ==, expected_inside->len);
      g_assert_cmpmem (inside->data, inside->len * sizeof (guint), expected_inside->data,
                       expected_inside->len * sizeof (guint));
      g_assert_cmpint (pw_plan_floor_hit_test (floor, px, py), ==, hit);
    }
}

/* A copy of @room's outline moved by (@dx, @dy), its first point by (@vx, @vy) more. */
static PwPolygon *
moved_outline (PwPlanRoom *room, double dx, double dy, double vx, double vy)
{
  guint n;
  const PwPoint *pts = pw_polygon_get_outer (room->polygon, &n);
  g_autofree PwPoint *outer = g_new (PwPoint, n);
  PwPolygon *polygon;

  for (guint i = 0; i < n; i++)
    outer[i] = (PwPoint) { pts[i].x + dx + (i == 0 ? vx : 0), pts[i].y + dy + (i == 0 ? vy : 0) };
  polygon = pw_polygon_new (outer, n);
  for (guint h = 0; h < pw_polygon_get_n_holes (room->polygon); h++)
    {
      g_autofree PwPoint *hole = NULL;

      pts = pw_polygon_get_hole (room->polygon, h, &n);
      hole = g_new (PwPoint, n);
      for (guint i = 0; i < n; i++)
        hole[i] = (PwPoint) { pts[i].x + dx, pts[i].y + dy };
      pw_polygon_add_hole (polygon, hole, n);
    }
  return polygon;
}

/* The index returns exactly the rooms whose bounds meet a rectangle, on random
 * floors, also after outlines are replaced (in place, then past the point where
 * the grid is built again). */
static void
test_index_query (void)
{
  for (guint seed = 1; seed <= 4; seed++)
    {
      GRand *rand = g_rand_new_with_seed (seed);
      guint cols = 10 + seed * 9, rows = 8 + seed * 5;
      g_autoptr(PwPlanFloor) floor = random_floor (rand, cols, rows);
      double w = cols * 4.0, h = rows * 3.0;

      check_index (floor, rand, w, h);
      /* small moves, then rooms thrown across the floor, more than the index
       * keeps aside before it is built again */
      for (guint k = 0; k < 400; k++)
        {
          guint i = (guint) g_rand_int_range (rand, 0, (int) pw_plan_floor_get_n_rooms (floor));
          PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
          gboolean far = k % 3 == 0;
          double ox0 = room->x0, oy0 = room->y0, ox1 = room->x1, oy1 = room->y1, bx0, by0, bx1, by1;

          pw_plan_floor_set_room_outline (floor, i,
                                          moved_outline (room,
                                                         far ? g_rand_double_range (rand, -w / 2, w / 2) : 0,
                                                         far ? g_rand_double_range (rand, -h / 2, h / 2) : 0,
                                                         g_rand_double_range (rand, -1, 1),
                                                         g_rand_double_range (rand, -1, 1)),
                                          &bx0, &by0, &bx1, &by1);
          g_assert_cmpfloat (bx0, ==, ox0);
          g_assert_cmpfloat (by0, ==, oy0);
          g_assert_cmpfloat (bx1, ==, ox1);
          g_assert_cmpfloat (by1, ==, oy1);
          if (k % 50 == 0)
            check_index (floor, rand, w, h);
        }
      check_index (floor, rand, w, h);
      g_rand_free (rand);
    }
}

/* Pixels that differ between two parts of surfaces; *@worst gets the largest
 * difference of a channel. */
static guint
count_differences (cairo_surface_t *a, int ax, int ay, cairo_surface_t *b, int bx, int by,
                   int width, int height, guint *worst)
{
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  guint n = 0;

  *worst = 0;
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 va = ((const guint32 *) (const void *) (pa + (gsize) (y + ay) * sa))[x + ax];
        guint32 vb = ((const guint32 *) (const void *) (pb + (gsize) (y + by) * sb))[x + bx];

        if (va == vb)
          continue;
        if (n++ < 5)
          g_test_message ("pixel (%d, %d): %08x, not %08x", x, y, va, vb);
        for (int shift = 0; shift < 32; shift += 8)
          *worst = MAX (*worst, (guint) ABS ((int) ((va >> shift) & 0xFF) - (int) ((vb >> shift) & 0xFF)));
      }
  return n;
}

/* The same pixels, but that cairo may smooth a slanted edge a few levels apart
 * where a surface's border cuts it (docs/plans.md, "Drawing large floors"). */
static void
assert_same_pixels (cairo_surface_t *a, int ax, int ay, cairo_surface_t *b, int bx, int by,
                    int width, int height)
{
  guint worst, n = count_differences (a, ax, ay, b, bx, by, width, height, &worst);

  g_test_message ("%u of %d pixels differ, by at most %u", n, width * height, worst);
  g_assert_cmpuint (worst, <=, 24);
  g_assert_cmpuint (n, <=, (guint) (width * height) / 1000);
}

static void
draw_layer (cairo_surface_t *surface, PwPlanFloor *floor, PwPlanColoring *c, const PwPlanView *view,
            const PwPlanStyle *style, int width, int height)
{
  cairo_t *cr = cairo_create (surface);

  pw_plan_draw_rooms (cr, floor, c, view, style);
  g_array_unref (pw_plan_draw_labels (cr, floor, c, view, style, width, height));
  cairo_destroy (cr);
}

/* Drawing only the rooms the index finds for a zoomed-in view gives the pixels of
 * drawing every room: a 640 × 480 view against the whole floor drawn on a surface
 * that holds it, the same view shifted by whole pixels. Zoomed in (cairo) and
 * zoomed out (pixels written directly), with every kind of room. */
static void
test_culling (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  g_autoptr(PwPlanFloor) floor = random_floor (rand, 60, 40);
  g_autoptr(PwPlanColoring) c = pw_plan_coloring_new (floor, PW_PLAN_LENS_STATUS, "2026-11-27");
  const double scales[] = { 10, 3 };   /* fine (≥ 24 px a median room), coarse */
  double x0, y0, x1, y1;
  PwPlanStyle style;

  pw_plan_style_init (&style);
  style.labels = 0;   /* labels are placed within the view: compared below, by parts */
  pw_plan_floor_get_bounds (floor, &x0, &y0, &x1, &y1);
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      int big_w = (int) ceil ((x1 - x0) * scales[k]) + 8, big_h = (int) ceil ((y1 - y0) * scales[k]) + 8;
      cairo_surface_t *big = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, big_w, big_h);
      PwPlanView whole = { scales[k], 4 - round (x0 * scales[k]), 4 - round (y0 * scales[k]) };
      draw_layer (big, floor, c, &whole, &style, big_w, big_h);
      for (int t = 0; t < 6; t++)
        {
          cairo_surface_t *small = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 480);
          /* shifts by whole hatching tiles (8 px), which are laid from the surface's corner */
          int sx = 8 * g_rand_int_range (rand, -12, MAX ((big_w - 540) / 8, -11));
          int sy = 8 * g_rand_int_range (rand, -12, MAX ((big_h - 380) / 8, -11));
          PwPlanView part = { scales[k], whole.ox - sx, whole.oy - sy };
          int cx0 = MAX (sx, 0), cy0 = MAX (sy, 0);
          int cw = MIN (sx + 640, big_w) - cx0, ch = MIN (sy + 480, big_h) - cy0;
          g_autoptr(GArray) in_view = g_array_new (FALSE, FALSE, sizeof (guint));
          double vx0 = 0, vy0 = 0, vx1 = 640, vy1 = 480;

          draw_layer (small, floor, c, &part, &style, 640, 480);
          pw_plan_view_to_plan (&part, &vx0, &vy0);
          pw_plan_view_to_plan (&part, &vx1, &vy1);
          pw_plan_floor_query (floor, vx0, vy0, vx1, vy1, in_view);
          /* the view takes in a small part of the floor, and something is drawn */
          if (k == 0)
            g_assert_cmpuint (in_view->len, <, pw_plan_floor_get_n_rooms (floor) / 4);
          g_assert_cmpuint (in_view->len, >, 0);
          g_assert_cmpint (cw, >, 0);
          g_assert_cmpint (ch, >, 0);
          assert_same_pixels (small, cx0 - sx, cy0 - sy, big, cx0, cy0, cw, ch);
          cairo_surface_destroy (small);
        }
      cairo_surface_destroy (big);
    }
  g_rand_free (rand);
}

/* A room's outline replaced and only the damaged rectangle redrawn leaves the
 * layer the whole floor draws, labels included, zoomed in and out. */
static void
test_redraw_region (void)
{
  GRand *rand = g_rand_new_with_seed (5);
  g_autoptr(PwPlanFloor) floor = random_floor (rand, 40, 30);
  g_autoptr(PwPlanColoring) c = pw_plan_coloring_new (floor, PW_PLAN_LENS_STATUS, "2026-11-27");
  const double scales[] = { 24, 3 };
  PwPlanStyle style;

  pw_plan_style_init (&style);
  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      PwPlanView view = { scales[k], -40 * scales[k], -20 * scales[k] };
      cairo_surface_t *layer = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
      cairo_surface_t *full = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
      double vx0 = 0, vy0 = 0, vx1 = 800, vy1 = 600;
      g_autoptr(GArray) in_view = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) labels = NULL;

      if (k == 1)
        view = (PwPlanView) { scales[k], 10, 10 };
      pw_plan_view_to_plan (&view, &vx0, &vy0);
      pw_plan_view_to_plan (&view, &vx1, &vy1);
      pw_plan_floor_query (floor, vx0, vy0, vx1, vy1, in_view);
      draw_layer (layer, floor, c, &view, &style, 800, 600);
      if (k == 0)
        {
          labels = pw_plan_draw_labels (NULL, floor, c, &view, &style, 800, 600);
          g_assert_cmpuint (labels->len, >, 10);   /* labels are part of what is compared */
        }
      for (int e = 0; e < 40; e++)
        {
          guint i = g_array_index (in_view, guint, g_rand_int_range (rand, 0, (int) in_view->len));
          PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
          cairo_rectangle_int_t damage = { 0, 0, 0, 0 };
          double ox0, oy0, ox1, oy1;
          cairo_t *cr;

          pw_plan_floor_set_room_outline (floor, i,
                                          moved_outline (room, g_rand_double_range (rand, -0.3, 0.3),
                                                         g_rand_double_range (rand, -0.3, 0.3),
                                                         g_rand_double_range (rand, -0.5, 0.5),
                                                         g_rand_double_range (rand, -0.5, 0.5)),
                                          &ox0, &oy0, &ox1, &oy1);
          pw_plan_damage_rect (&view, &style, ox0, oy0, ox1, oy1, &damage);
          pw_plan_damage_rect (&view, &style, room->x0, room->y0, room->x1, room->y1, &damage);
          g_assert_cmpint (damage.width, >, 0);
          g_assert_cmpint (damage.width, <, 800);
          cr = cairo_create (layer);
          pw_plan_draw_region (cr, floor, c, &view, &style, NULL, NULL, &damage, 800, 600);
          cairo_destroy (cr);
        }
      draw_layer (full, floor, c, &view, &style, 800, 600);
      assert_same_pixels (layer, 0, 0, full, 0, 0, 800, 600);
      cairo_surface_destroy (layer);
      cairo_surface_destroy (full);
    }
  g_rand_free (rand);
}

/* The floor's compact copy of its non-box outlines holds every room's rings as
 * its polygon does. */
static void
assert_rings_match (PwPlanFloor *floor)
{
  const PwPlanRings *all = pw_plan_floor_get_all_rings (floor);

  for (guint i = 0; i < pw_plan_floor_get_n_rooms (floor); i++)
    {
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      guint first = all->room_start[i], count = all->room_start[i + 1] - first;

      g_assert_cmpuint (count, ==, room->is_box ? 0 : 1 + pw_polygon_get_n_holes (room->polygon));
      for (guint r = 0; r < count; r++)
        {
          guint n;
          const PwPoint *pts = r == 0 ? pw_polygon_get_outer (room->polygon, &n)
                                      : pw_polygon_get_hole (room->polygon, r - 1, &n);

          g_assert_cmpuint (all->ring_start[first + r + 1] - all->ring_start[first + r], ==, n);
          g_assert_cmpmem (all->pts + all->ring_start[first + r], n * sizeof (PwPoint), pts,
                           n * sizeof (PwPoint));
        }
    }
}

/* After outlines are replaced — a vertex moved (the copy updated in place), a
 * box made an L and back, a hole cut (the copy made again) — and after a room
 * is added, the compact rings still match the rooms. */
static void
test_compact_rings (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  g_autoptr(PwPlanFloor) floor = random_floor (rand, 12, 10);
  guint n_rooms = pw_plan_floor_get_n_rooms (floor);

  assert_rings_match (floor);
  for (int e = 0; e < 60; e++)
    {
      guint i = (guint) g_rand_int_range (rand, 0, (int) n_rooms);
      PwPlanRoom *room = pw_plan_floor_get_room (floor, i);
      double x = room->x0, y = room->y0;

      switch (e % 4)
        {
        case 0: /* a vertex moved */
        case 1:
          pw_plan_floor_set_room_outline (floor, i,
                                          moved_outline (room, 0, 0, g_rand_double_range (rand, -0.2, 0.2),
                                                         g_rand_double_range (rand, -0.2, 0.2)),
                                          NULL, NULL, NULL, NULL);
          break;
        case 2: /* an L, or a box */
          if (room->is_box)
            {
              const PwPoint ell[] = { { x, y }, { x + 2, y }, { x + 2, y + 2 }, { x + 1, y + 2 },
                                      { x + 1, y + 1 }, { x, y + 1 } };

              pw_plan_floor_set_room_outline (floor, i, pw_polygon_new (ell, G_N_ELEMENTS (ell)),
                                              NULL, NULL, NULL, NULL);
            }
          else
            pw_plan_floor_set_room_outline (floor, i, pw_polygon_new_rect (x, y, 2, 2), NULL, NULL,
                                            NULL, NULL);
          break;
        default: /* a box with a hole */
          {
            PwPolygon *polygon = pw_polygon_new_rect (x, y, 3, 2);
            const PwPoint hole[] = { { x + 1, y + 0.5 }, { x + 2, y + 0.5 }, { x + 2, y + 1.5 },
                                     { x + 1, y + 1.5 } };

            pw_polygon_add_hole (polygon, hole, G_N_ELEMENTS (hole));
            pw_plan_floor_set_room_outline (floor, i, polygon, NULL, NULL, NULL, NULL);
          }
        }
      assert_rings_match (floor);
    }
  pw_plan_floor_add_room (floor, "new", "NEW", pw_polygon_new_rect (0, 0, 1, 1));
  assert_rings_match (floor);
  g_rand_free (rand);
}

int
main (int argc, char **argv)
{
  const char *goldens[] = { "status", "status-dark", "expiry", "rent", "area", "tenant" };

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plan/lens/expiry", test_lens_expiry);
  g_test_add_func ("/plan/lens/months-between", test_months_between);
  g_test_add_func ("/plan/lens/rent-and-tenant", test_lens_rent_and_tenant);
  g_test_add_func ("/plan/lens/status-patterns", test_lens_status_patterns);
  g_test_add_func ("/plan/floor/hit-test", test_hit_test);
  g_test_add_func ("/plan/render/labels", test_labels);
  g_test_add_func ("/plan/render/export", test_export);
  g_test_add_func ("/plan/floor/index-query", test_index_query);
  g_test_add_func ("/plan/render/culling", test_culling);
  g_test_add_func ("/plan/render/redraw-region", test_redraw_region);
  g_test_add_func ("/plan/floor/compact-rings", test_compact_rings);
  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autofree char *path = g_strdup_printf ("/plan/render/golden/%s", goldens[i]);

      g_test_add_data_func (path, goldens[i], test_golden);
    }
  return g_test_run ();
}
