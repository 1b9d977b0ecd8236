/* pw-plan-floor.c — one floor's rooms, their label points and a grid index
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pw-area.h"
#include "pw-lease.h"
#include "pw-plan-adjacency.h"
#include "pw-plan-floor.h"
#include "pw-plan-lens.h"
#include "pw-space.h"

struct _PwPlanFloor
{
  gatomicrefcount  ref;
  char            *id;
  char            *title;
  GArray          *rooms;     /* of PwPlanRoom */
  /* the grid: cells of rooms whose bounds meet them, built on first query */
  gboolean         indexed;
  RsvgHandle      *drawing;
  cairo_matrix_t   drawing_to_plan;
  double           gx0, gy0, cell_w, cell_h;
  guint            cols, rows;
  guint           *cell_start;  /* cols × rows + 1 offsets into cell_items */
  guint           *cell_items;
  guint16         *cell_span;   /* per room, the cells it is listed in: c0, r0, c1, r1 */
  PwPlanBounds    *bounds;      /* per room, a copy of its bounds and box flag, kept with
                                 * the grid: what drawing and queries read of every room */
  GArray          *moved;       /* rooms whose outline left the cells they are listed in */
  double           typical;     /* median of the rooms' sizes (√ of bounds' area), metres */
  double           fx0, fy0, fx1, fy1;  /* bounds of every room, kept with the index */
  double           widest, tallest;     /* the largest room width, and label height, in metres */
  GPtrArray       *adjacency;   /* per room, its neighbours (GArray of guint), on first use */
  char            *arrears_date;  /* what the rooms' overdue amounts are as of, or NULL */
  char            *currency;      /* and their currency */
  PwPlanRings      rings;       /* the outlines of rooms other than boxes, on first use */
  guint           *ring_room_start, *ring_start;
  PwPoint         *ring_pts;
};

static void
room_clear (gpointer data)
{
  PwPlanRoom *room = data;

  g_free (room->space_id);
  g_free (room->code);
  g_free (room->name);
  g_free (room->tenant);
  g_free (room->lease_end);
  g_free (room->unit_rent);
  g_free (room->tenant_id);
  g_free (room->contract_id);
  g_clear_pointer (&room->polygon, pw_polygon_free);
}

PwPlanFloor *
pw_plan_floor_new (const char *floor_id, const char *title)
{
  PwPlanFloor *self = g_new0 (PwPlanFloor, 1);

  g_atomic_ref_count_init (&self->ref);
  self->id = g_strdup (floor_id);
  self->title = g_strdup (title);
  self->rooms = g_array_new (FALSE, TRUE, sizeof (PwPlanRoom));
  cairo_matrix_init_identity (&self->drawing_to_plan);
  g_array_set_clear_func (self->rooms, room_clear);
  return self;
}

PwPlanFloor *
pw_plan_floor_ref (PwPlanFloor *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

static void
drop_rings (PwPlanFloor *self)
{
  g_clear_pointer (&self->ring_room_start, g_free);
  g_clear_pointer (&self->ring_start, g_free);
  g_clear_pointer (&self->ring_pts, g_free);
}

static void
drop_index (PwPlanFloor *self)
{
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->cell_items, g_free);
  g_clear_pointer (&self->cell_span, g_free);
  g_clear_pointer (&self->bounds, g_free);
  g_clear_pointer (&self->moved, g_array_unref);
  g_clear_pointer (&self->adjacency, g_ptr_array_unref);
  drop_rings (self);
  self->indexed = FALSE;
}

void
pw_plan_floor_unref (PwPlanFloor *self)
{
  if (!g_atomic_ref_count_dec (&self->ref))
    return;
  drop_index (self);
  g_clear_object (&self->drawing);
  g_array_unref (self->rooms);
  g_free (self->id);
  g_free (self->title);
  g_free (self->arrears_date);
  g_free (self->currency);
  g_free (self);
}

/* Distance from (@x, @y) to the nearest edge of a ring. */
static double
ring_distance (const PwPoint *pts, guint n, double x, double y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double ax = pts[j].x, ay = pts[j].y, bx = pts[i].x, by = pts[i].y;
      double dx = bx - ax, dy = by - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
      double px, py;

      t = CLAMP (t, 0, 1);
      px = ax + t * dx - x;
      py = ay + t * dy - y;
      best = MIN (best, px * px + py * py);
    }
  return sqrt (best);
}

static double
edge_distance (PwPolygon *polygon, double x, double y)
{
  guint n;
  const PwPoint *pts = pw_polygon_get_outer (polygon, &n);
  double best = ring_distance (pts, n, x, y);

  for (guint h = 0; h < pw_polygon_get_n_holes (polygon); h++)
    {
      pts = pw_polygon_get_hole (polygon, h, &n);
      best = MIN (best, ring_distance (pts, n, x, y));
    }
  return best;
}

/* A label point: the centre of the bounds when it lies well inside (rectangles,
 * most rooms), otherwise the best of a coarse grid refined once around the winner
 * — an approximation of the pole of inaccessibility that L- and U-shaped rooms need. */
static void
place_label_point (PwPlanRoom *room)
{
  double cx = (room->x0 + room->x1) / 2, cy = (room->y0 + room->y1) / 2;
  double w = room->x1 - room->x0, h = room->y1 - room->y0;
  double best_d = -1, bx = cx, by = cy;
  guint n;

  pw_polygon_get_outer (room->polygon, &n);
  if (pw_polygon_contains (room->polygon, cx, cy))
    {
      best_d = edge_distance (room->polygon, cx, cy);
      if (n <= 5 && pw_polygon_get_n_holes (room->polygon) == 0)
        goto done;  /* a quadrilateral: the centre is as good as it gets */
    }
  for (int pass = 0; pass < 2; pass++)
    {
      const int steps = 9;
      double sx = bx - w / 2, sy = by - h / 2;

      for (int i = 0; i < steps; i++)
        for (int j = 0; j < steps; j++)
          {
            double x = sx + w * (i + 0.5) / steps, y = sy + h * (j + 0.5) / steps;
            double d;

            if (!pw_polygon_contains (room->polygon, x, y))
              continue;
            /* of points nearly as deep, prefer the one nearer the middle */
            d = edge_distance (room->polygon, x, y) - 0.05 * hypot (x - cx, y - cy) / MAX (w, h);
            if (d > best_d)
              {
                best_d = d;
                bx = x;
                by = y;
              }
          }
      w /= steps / 2.0;
      h /= steps / 2.0;
    }
done:
  room->label_x = bx;
  room->label_y = by;
  room->label_room = MAX (edge_distance (room->polygon, bx, by), 0);
}

/* Bounds, box flag and label point from @polygon, which the room takes. */
static void
set_geometry (PwPlanRoom *room, PwPolygon *polygon)
{
  room->polygon = polygon;
  pw_polygon_bounds (polygon, &room->x0, &room->y0, &room->x1, &room->y1);
  room->is_box = pw_polygon_get_n_holes (polygon) == 0
                 && fabs (pw_polygon_area (polygon) - (room->x1 - room->x0) * (room->y1 - room->y0))
                      <= 1e-9 * MAX (1.0, (room->x1 - room->x0) * (room->y1 - room->y0));
  place_label_point (room);
}

PwPlanRoom *
pw_plan_floor_add_room (PwPlanFloor *self,
                        const char  *space_id,
                        const char  *code,
                        PwPolygon   *polygon)
{
  PwPlanRoom *room;

  g_array_set_size (self->rooms, self->rooms->len + 1);
  room = &g_array_index (self->rooms, PwPlanRoom, self->rooms->len - 1);
  room->space_id = g_strdup (space_id);
  room->code = g_strdup (code);
  set_geometry (room, polygon);
  drop_index (self);
  return room;
}

PwPlanFloor *
pw_plan_floor_new_from_spaces (GPtrArray  *spaces,
                               const char *floor_id,
                               const char *title,
                               guint      *n_missing)
{
  PwPlanFloor *self = pw_plan_floor_new (floor_id, title);
  guint missing = 0;

  for (guint i = 0; i < spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (spaces, i);
      PwPolygon *polygon;
      PwPlanRoom *room;

      if (g_strcmp0 (pw_space_get_floor_id (space), floor_id) != 0)
        continue;
      if (pw_space_get_outline (space) == NULL
          || (polygon = pw_polygon_new_from_json (pw_space_get_outline (space), NULL)) == NULL)
        {
          missing++;
          continue;
        }
      room = pw_plan_floor_add_room (self, pw_space_get_id (space), pw_space_get_code (space),
                                     polygon);
      room->name = g_strdup (pw_space_get_name (space));
      room->kind = pw_space_get_kind (space);
      room->status = pw_space_get_status (space);
      room->chargeable_area = pw_space_get_chargeable_area (space);
    }
  if (n_missing != NULL)
    *n_missing = missing;
  return self;
}

/* The floor's drawing from the store, if it has one that librsvg reads (core's
 * query: the plan does not read SQL). */
static void
load_drawing (PwPlanFloor *self, PwStore *store)
{
  g_autofree char *id = pw_ledger_floor_drawing_id (store, self->id, NULL);
  g_autoptr(JsonObject) row = id ? pw_store_get_row (store, "floor_drawing", id, NULL) : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  RsvgHandle *handle;
  const char *content, *transform;
  double m[6];
  JsonArray *array;
  cairo_matrix_t matrix;

  if (row == NULL)
    return;
  content = json_object_get_string_member_with_default (row, "content", NULL);
  transform = json_object_get_string_member_with_default (row, "transform", NULL);
  if (content == NULL || transform == NULL
      || !json_parser_load_from_data (parser, transform, -1, NULL)
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser))
      || json_array_get_length (array = json_node_get_array (json_parser_get_root (parser))) != 6)
    return;
  for (guint i = 0; i < 6; i++)
    m[i] = json_array_get_double_element (array, i);
  handle = rsvg_handle_new_from_data ((const guint8 *) content, strlen (content), NULL);
  if (handle == NULL)
    return;
  cairo_matrix_init (&matrix, m[0], m[1], m[2], m[3], m[4], m[5]);
  pw_plan_floor_set_drawing (self, handle, &matrix);
  g_object_unref (handle);
}

/* Tenants, lease ends and unit rents from the contracts that hold this floor's
 * rooms today, or will hold them (core's query: the plan does not read SQL). */
static void
load_leases (PwPlanFloor *self, PwStore *store, const char *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) held = pw_lease_held_spaces (store, self->id, today, &error);

  if (held == NULL)
    {
      g_warning ("Could not read the leases of floor %s: %s", self->title, error->message);
      return;
    }
  for (guint i = 0; i < held->len; i++)
    {
      PwHeldSpace *h = g_ptr_array_index (held, i);
      int index = pw_plan_floor_find_space (self, h->space_id);
      PwPlanRoom *room;

      if (index < 0)
        continue;
      room = pw_plan_floor_get_room (self, (guint) index);
      g_free (room->tenant);
      g_free (room->lease_end);
      g_free (room->unit_rent);
      g_free (room->tenant_id);
      g_free (room->contract_id);
      room->tenant = g_strdup (h->tenant);
      room->lease_end = g_strdup (h->end_date);
      room->unit_rent = g_strdup (h->unit_rent);
      room->tenant_id = g_strdup (h->customer_id);
      room->contract_id = g_strdup (h->contract_id);
    }
}

void
pw_plan_floor_load_extras (PwPlanFloor *floor, PwStore *store, const char *today)
{
  g_autofree char *now = today ? NULL : pw_today_iso ();

  load_drawing (floor, store);
  load_leases (floor, store, today ? today : now);
  {
    g_autoptr(GError) error = NULL;

    if (!pw_plan_floor_load_arrears (floor, store, today ? today : now, &error))
      g_warning ("Could not read the arrears of floor %s: %s", floor->title, error->message);
  }
}

void
pw_plan_floor_set_arrears (PwPlanFloor *floor, const char *as_of, const char *currency)
{
  char *date = g_strdup (as_of), *code = g_strdup (currency);

  g_free (floor->arrears_date);
  g_free (floor->currency);
  floor->arrears_date = date;
  floor->currency = code;
}

const char *
pw_plan_floor_get_arrears_date (PwPlanFloor *floor)
{
  return floor->arrears_date;
}

const char *
pw_plan_floor_get_currency (PwPlanFloor *floor)
{
  return floor->currency;
}

PwPlanFloor *
pw_plan_floor_load (PwStore    *store,
                    const char *park_id,
                    const char *floor_ref,
                    GError    **error)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (store, error);
  g_autoptr(PwLedgerNode) found_park = NULL, found_building = NULL, found_floor = NULL;
  g_autoptr(GPtrArray) spaces = NULL;
  g_autofree char *title = NULL;
  guint matches = 0;

  if (parks == NULL)
    return NULL;
  for (guint p = 0; p < g_list_model_get_n_items (parks); p++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, p);
      GListModel *buildings = pw_ledger_node_get_children (park);

      if (park_id != NULL && g_strcmp0 (pw_ledger_node_get_id (park), park_id) != 0)
        continue;
      for (guint b = 0; b < g_list_model_get_n_items (buildings); b++)
        {
          g_autoptr(PwLedgerNode) building = g_list_model_get_item (buildings, b);
          GListModel *floors = pw_ledger_node_get_children (building);

          for (guint f = 0; f < g_list_model_get_n_items (floors); f++)
            {
              g_autoptr(PwLedgerNode) node = g_list_model_get_item (floors, f);
              g_autofree char *full = g_strdup_printf ("%s-%s", pw_ledger_node_get_code (building),
                                                       pw_ledger_node_get_code (node));

              if (g_strcmp0 (full, floor_ref) == 0
                  || g_strcmp0 (pw_ledger_node_get_code (node), floor_ref) == 0)
                {
                  matches += g_strcmp0 (full, floor_ref) == 0 ? 100 : 1;
                  g_set_object (&found_park, park);
                  g_set_object (&found_building, building);
                  g_set_object (&found_floor, node);
                  if (g_strcmp0 (full, floor_ref) == 0)
                    goto found;
                }
            }
        }
    }
found:
  if (found_floor == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("No floor “%s” in this park; name it like T1-F03"), floor_ref);
      return NULL;
    }
  if (matches > 1 && matches < 100)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("Several buildings have a floor “%s”; name it with its building, like T1-%s"),
                   floor_ref, floor_ref);
      return NULL;
    }
  spaces = pw_ledger_load_spaces (store, pw_ledger_node_get_id (found_park), error);
  if (spaces == NULL)
    return NULL;
  /* TRANSLATORS: a floor plan's title: park · building · floor */
  title = g_strdup_printf (_("%s · %s · %s"), pw_ledger_node_get_name (found_park),
                           pw_ledger_node_get_name (found_building),
                           pw_ledger_node_get_name (found_floor));
  {
    PwPlanFloor *floor = pw_plan_floor_new_from_spaces (spaces, pw_ledger_node_get_id (found_floor),
                                                        title, NULL);

    pw_plan_floor_load_extras (floor, store, NULL);
    return floor;
  }
}

void
pw_plan_floor_set_drawing (PwPlanFloor *self, RsvgHandle *drawing, const cairo_matrix_t *to_plan)
{
  g_set_object (&self->drawing, drawing);
  if (to_plan != NULL)
    self->drawing_to_plan = *to_plan;
  else
    cairo_matrix_init_identity (&self->drawing_to_plan);
}

RsvgHandle *
pw_plan_floor_get_drawing (PwPlanFloor *self, cairo_matrix_t *to_plan)
{
  if (to_plan != NULL)
    *to_plan = self->drawing_to_plan;
  return self->drawing;
}

GPtrArray *
pw_plan_floor_load_building (PwStore    *store,
                             const char *park_id,
                             const char *building_code,
                             char      **title,
                             GError    **error)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (store, error);

  if (parks == NULL)
    return NULL;
  for (guint p = 0; p < g_list_model_get_n_items (parks); p++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, p);
      GListModel *buildings = pw_ledger_node_get_children (park);

      if (park_id != NULL && g_strcmp0 (pw_ledger_node_get_id (park), park_id) != 0)
        continue;
      for (guint b = 0; b < g_list_model_get_n_items (buildings); b++)
        {
          g_autoptr(PwLedgerNode) building = g_list_model_get_item (buildings, b);
          GListModel *floors = pw_ledger_node_get_children (building);
          g_autoptr(GPtrArray) spaces = NULL;
          GPtrArray *out;

          if (g_strcmp0 (pw_ledger_node_get_code (building), building_code) != 0)
            continue;
          spaces = pw_ledger_load_spaces (store, pw_ledger_node_get_id (park), error);
          if (spaces == NULL)
            return NULL;
          out = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_plan_floor_unref);
          /* the ledger lists floors top-down already */
          for (guint f = 0; f < g_list_model_get_n_items (floors); f++)
            {
              g_autoptr(PwLedgerNode) node = g_list_model_get_item (floors, f);

              PwPlanFloor *one = pw_plan_floor_new_from_spaces (spaces, pw_ledger_node_get_id (node),
                                                                pw_ledger_node_get_name (node), NULL);

              pw_plan_floor_load_extras (one, store, NULL);
              g_ptr_array_add (out, one);
            }
          if (title != NULL)
            /* TRANSLATORS: a stacking plan's title: park · building */
            *title = g_strdup_printf (_("%s · %s · Stacking plan"), pw_ledger_node_get_name (park),
                                      pw_ledger_node_get_name (building));
          return out;
        }
    }
  g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
               _("No building “%s” in this park"), building_code);
  return NULL;
}

const char *
pw_plan_floor_get_id (PwPlanFloor *self)
{
  return self->id;
}

const char *
pw_plan_floor_get_title (PwPlanFloor *self)
{
  return self->title;
}

guint
pw_plan_floor_get_n_rooms (PwPlanFloor *self)
{
  return self->rooms->len;
}

PwPlanRoom *
pw_plan_floor_get_room (PwPlanFloor *self, guint index)
{
  g_return_val_if_fail (index < self->rooms->len, NULL);
  return &g_array_index (self->rooms, PwPlanRoom, index);
}

PwPlanRoom *
pw_plan_floor_get_rooms (PwPlanFloor *self, guint *n_rooms)
{
  *n_rooms = self->rooms->len;
  return (PwPlanRoom *) (void *) self->rooms->data;
}

int
pw_plan_floor_find_space (PwPlanFloor *self, const char *space_id)
{
  for (guint i = 0; i < self->rooms->len; i++)
    if (g_strcmp0 (g_array_index (self->rooms, PwPlanRoom, i).space_id, space_id) == 0)
      return (int) i;
  return -1;
}

int
pw_plan_floor_find_code (PwPlanFloor *self, const char *code)
{
  for (guint i = 0; i < self->rooms->len; i++)
    if (g_strcmp0 (g_array_index (self->rooms, PwPlanRoom, i).code, code) == 0)
      return (int) i;
  return -1;
}

gboolean
pw_plan_floor_get_bounds (PwPlanFloor *self,
                          double      *x0,
                          double      *y0,
                          double      *x1,
                          double      *y1)
{
  if (self->rooms->len == 0)
    {
      *x0 = *y0 = *x1 = *y1 = 0;
      return FALSE;
    }
  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < self->rooms->len; i++)
    {
      PwPlanRoom *room = &g_array_index (self->rooms, PwPlanRoom, i);

      *x0 = MIN (*x0, room->x0);
      *y0 = MIN (*y0, room->y0);
      *x1 = MAX (*x1, room->x1);
      *y1 = MAX (*y1, room->y1);
    }
  return TRUE;
}

/* ---- the grid --------------------------------------------------------------------- */

static void
cell_range (PwPlanFloor *self,
            double x0, double y0, double x1, double y1,
            guint *c0, guint *r0, guint *c1, guint *r1)
{
  double fc0 = floor ((x0 - self->gx0) / self->cell_w);
  double fr0 = floor ((y0 - self->gy0) / self->cell_h);
  double fc1 = floor ((x1 - self->gx0) / self->cell_w);
  double fr1 = floor ((y1 - self->gy0) / self->cell_h);

  *c0 = (guint) CLAMP (fc0, 0, self->cols - 1);
  *r0 = (guint) CLAMP (fr0, 0, self->rows - 1);
  *c1 = (guint) CLAMP (fc1, 0, self->cols - 1);
  *r1 = (guint) CLAMP (fr1, 0, self->rows - 1);
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
build_index (PwPlanFloor *self)
{
  double x0, y0, x1, y1;
  guint n = self->rooms->len, cells;
  g_autofree guint *fill = NULL;
  g_autofree double *sizes = NULL;

  pw_plan_floor_get_bounds (self, &x0, &y0, &x1, &y1);
  self->fx0 = x0;
  self->fy0 = y0;
  self->fx1 = x1;
  self->fy1 = y1;
  self->widest = self->tallest = 0;
  /* about one room a cell, no more than 512 × 512 cells */
  self->cols = self->rows = (guint) CLAMP (ceil (sqrt ((double) n)), 1, 512);
  self->gx0 = x0;
  self->gy0 = y0;
  self->cell_w = MAX (x1 - x0, 1e-6) / self->cols;
  self->cell_h = MAX (y1 - y0, 1e-6) / self->rows;
  cells = self->cols * self->rows;
  self->cell_start = g_new0 (guint, cells + 1);
  self->cell_span = g_new (guint16, 4 * (gsize) MAX (n, 1));
  self->bounds = g_new (PwPlanBounds, MAX (n, 1));
  self->moved = g_array_new (FALSE, FALSE, sizeof (guint));
  fill = g_new0 (guint, cells);
  sizes = g_new (double, MAX (n, 1));

  /* two passes: count, then place */
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          PwPlanRoom *room = &g_array_index (self->rooms, PwPlanRoom, i);
          guint c0, r0, c1, r1;

          cell_range (self, room->x0, room->y0, room->x1, room->y1, &c0, &r0, &c1, &r1);
          if (pass == 0)
            {
              guint16 *span = &self->cell_span[4 * i];

              span[0] = (guint16) c0;
              span[1] = (guint16) r0;
              span[2] = (guint16) c1;
              span[3] = (guint16) r1;
              self->bounds[i] = (PwPlanBounds) { room->x0, room->y0, room->x1, room->y1,
                                                 room->is_box };
              sizes[i] = sqrt ((room->x1 - room->x0) * (room->y1 - room->y0));
              self->widest = MAX (self->widest, room->x1 - room->x0);
              self->tallest = MAX (self->tallest, MIN (room->y1 - room->y0, 2 * room->label_room));
            }
          for (guint r = r0; r <= r1; r++)
            for (guint c = c0; c <= c1; c++)
              {
                guint cell = r * self->cols + c;

                if (pass == 0)
                  self->cell_start[cell + 1]++;
                else
                  self->cell_items[self->cell_start[cell] + fill[cell]++] = i;
              }
        }
      if (pass == 0)
        {
          for (guint c = 0; c < cells; c++)
            self->cell_start[c + 1] += self->cell_start[c];
          self->cell_items = g_new (guint, MAX (self->cell_start[cells], 1));
        }
    }
  qsort (sizes, n, sizeof (double), compare_double);
  self->typical = n > 0 ? sizes[n / 2] : 0;
  self->indexed = TRUE;
}

/* Do the room's bounds meet the rectangle? */
static inline gboolean
room_meets (PwPlanRoom *room, double x0, double y0, double x1, double y1)
{
  return room->x1 >= x0 && room->x0 <= x1 && room->y1 >= y0 && room->y0 <= y1;
}

int
pw_plan_floor_hit_test (PwPlanFloor *self, double x, double y)
{
  guint c0, r0, c1, r1, cell;
  int best = -1;
  double best_area = G_MAXDOUBLE;

  if (self->rooms->len == 0 || !isfinite (x) || !isfinite (y))
    return -1;
  if (!self->indexed)
    build_index (self);
  cell_range (self, x, y, x, y, &c0, &r0, &c1, &r1);
  cell = r0 * self->cols + c0;
  /* the rooms listed in the cell, then those moved since the grid was built
   * (a room listed twice is tested twice: harmless here) */
  for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1] + self->moved->len; k++)
    {
      guint i = k < self->cell_start[cell + 1] ? self->cell_items[k]
                : g_array_index (self->moved, guint, k - self->cell_start[cell + 1]);
      PwPlanRoom *room = &g_array_index (self->rooms, PwPlanRoom, i);
      double area;

      if (!room_meets (room, x, y, x, y))
        continue;
      if (!pw_polygon_contains (room->polygon, x, y))
        continue;
      area = (room->x1 - room->x0) * (room->y1 - room->y0);
      if (area < best_area || (area == best_area && (int) i < best))
        {
          best_area = area;
          best = (int) i;
        }
    }
  return best;
}

static inline void
query_one (PwPlanFloor *self, guint i,
           double x0, double y0, double x1, double y1,
           gboolean inside, guint8 *seen, GArray *out)
{
  const PwPlanBounds *room = &self->bounds[i];
  gboolean hit;

  if (seen[i])
    return;
  seen[i] = 1;
  if (inside)
    hit = room->x0 >= x0 && room->x1 <= x1 && room->y0 >= y0 && room->y1 <= y1;
  else
    hit = room->x1 >= x0 && room->x0 <= x1 && room->y1 >= y0 && room->y0 <= y1;
  if (hit)
    g_array_append_val (out, i);
}

static void
query (PwPlanFloor *self,
       double x0, double y0, double x1, double y1,
       gboolean inside,
       GArray *out)
{
  guint c0, r0, c1, r1;
  g_autofree guint8 *seen = NULL;

  if (self->rooms->len == 0 || isnan (x0) || isnan (y0) || isnan (x1) || isnan (y1))
    return;
  if (!self->indexed)
    build_index (self);
  /* a rectangle over the whole floor (a view zoomed out): every room, in order */
  if (!inside && x0 <= self->fx0 && y0 <= self->fy0 && x1 >= self->fx1 && y1 >= self->fy1)
    {
      guint start = out->len;

      g_array_set_size (out, start + self->rooms->len);
      for (guint i = 0; i < self->rooms->len; i++)
        g_array_index (out, guint, start + i) = i;
      return;
    }
  seen = g_new0 (guint8, self->rooms->len);
  cell_range (self, x0, y0, x1, y1, &c0, &r0, &c1, &r1);
  for (guint r = r0; r <= r1; r++)
    for (guint c = c0; c <= c1; c++)
      {
        guint cell = r * self->cols + c;

        for (guint k = self->cell_start[cell]; k < self->cell_start[cell + 1]; k++)
          query_one (self, self->cell_items[k], x0, y0, x1, y1, inside, seen, out);
      }
  /* and the rooms moved since the grid was built */
  for (guint k = 0; k < self->moved->len; k++)
    query_one (self, g_array_index (self->moved, guint, k), x0, y0, x1, y1, inside, seen, out);
}

void
pw_plan_floor_query (PwPlanFloor *self,
                     double x0, double y0, double x1, double y1,
                     GArray *out)
{
  query (self, x0, y0, x1, y1, FALSE, out);
}

void
pw_plan_floor_query_inside (PwPlanFloor *self,
                            double x0, double y0, double x1, double y1,
                            GArray *out)
{
  query (self, x0, y0, x1, y1, TRUE, out);
}

const PwPlanBounds *
pw_plan_floor_get_all_bounds (PwPlanFloor *self)
{
  if (self->rooms->len == 0)
    return NULL;
  if (!self->indexed)
    build_index (self);
  return self->bounds;
}

double
pw_plan_floor_get_typical_size (PwPlanFloor *self)
{
  if (self->rooms->len == 0)
    return 0;
  if (!self->indexed)
    build_index (self);
  return self->typical;
}

void
pw_plan_floor_get_label_room (PwPlanFloor *self, double *width, double *height)
{
  *width = *height = 0;
  if (self->rooms->len == 0)
    return;
  if (!self->indexed)
    build_index (self);
  *width = self->widest;
  *height = self->tallest;
}

/* The room's rings, when it is not a box; a box has none. */
static guint
rings_of (PwPlanRoom *room)
{
  return room->is_box ? 0 : 1 + pw_polygon_get_n_holes (room->polygon);
}

static const PwPoint *
ring_of (PwPlanRoom *room, guint r, guint *n)
{
  return r == 0 ? pw_polygon_get_outer (room->polygon, n)
                : pw_polygon_get_hole (room->polygon, r - 1, n);
}

const PwPlanRings *
pw_plan_floor_get_all_rings (PwPlanFloor *self)
{
  guint n = self->rooms->len, n_rings = 0, n_pts = 0;

  if (self->ring_pts != NULL)
    return &self->rings;
  /* two passes: count, then copy */
  for (guint i = 0; i < n; i++)
    {
      PwPlanRoom *room = &g_array_index (self->rooms, PwPlanRoom, i);
      guint count = rings_of (room);

      n_rings += count;
      for (guint r = 0; r < count; r++)
        {
          guint m;

          ring_of (room, r, &m);
          n_pts += m;
        }
    }
  self->ring_room_start = g_new (guint, n + 1);
  self->ring_start = g_new (guint, n_rings + 1);
  self->ring_pts = g_new (PwPoint, MAX (n_pts, 1));
  n_rings = n_pts = 0;
  for (guint i = 0; i < n; i++)
    {
      PwPlanRoom *room = &g_array_index (self->rooms, PwPlanRoom, i);
      guint count = rings_of (room);

      self->ring_room_start[i] = n_rings;
      for (guint r = 0; r < count; r++)
        {
          guint m;
          const PwPoint *pts = ring_of (room, r, &m);

          self->ring_start[n_rings++] = n_pts;
          memcpy (self->ring_pts + n_pts, pts, m * sizeof (PwPoint));
          n_pts += m;
        }
    }
  self->ring_room_start[n] = n_rings;
  self->ring_start[n_rings] = n_pts;
  self->rings = (PwPlanRings) { self->ring_room_start, self->ring_start, self->ring_pts };
  return &self->rings;
}

/* Room @index's new outline copied over its old one in the compact rings when
 * they have the same rings of the same lengths (a vertex moved); FALSE otherwise. */
static gboolean
update_rings (PwPlanFloor *self, guint index)
{
  PwPlanRoom *room = &g_array_index (self->rooms, PwPlanRoom, index);
  guint first = self->ring_room_start[index], count = rings_of (room);

  if (count != self->ring_room_start[index + 1] - first)
    return FALSE;
  for (guint r = 0; r < count; r++)
    {
      guint m;

      ring_of (room, r, &m);
      if (m != self->ring_start[first + r + 1] - self->ring_start[first + r])
        return FALSE;
    }
  for (guint r = 0; r < count; r++)
    {
      guint m;
      const PwPoint *pts = ring_of (room, r, &m);

      memcpy (self->ring_pts + self->ring_start[first + r], pts, m * sizeof (PwPoint));
    }
  return TRUE;
}

/* Past this many moved rooms, queries would pay for the list: the grid is built again. */
#define MAX_MOVED 256

void
pw_plan_floor_set_room_outline (PwPlanFloor *self,
                                guint        index,
                                PwPolygon   *polygon,
                                double      *old_x0,
                                double      *old_y0,
                                double      *old_x1,
                                double      *old_y1)
{
  PwPlanRoom *room;

  g_return_if_fail (self != NULL && polygon != NULL);
  g_return_if_fail (index < self->rooms->len);

  room = &g_array_index (self->rooms, PwPlanRoom, index);
  if (old_x0 != NULL)
    *old_x0 = room->x0;
  if (old_y0 != NULL)
    *old_y0 = room->y0;
  if (old_x1 != NULL)
    *old_x1 = room->x1;
  if (old_y1 != NULL)
    *old_y1 = room->y1;
  pw_polygon_free (room->polygon);
  set_geometry (room, polygon);
  g_clear_pointer (&self->adjacency, g_ptr_array_unref);
  if (self->ring_pts != NULL && !update_rings (self, index))
    drop_rings (self);
  if (!self->indexed)
    return;
  self->bounds[index] = (PwPlanBounds) { room->x0, room->y0, room->x1, room->y1, room->is_box };
  self->fx0 = MIN (self->fx0, room->x0);
  self->fy0 = MIN (self->fy0, room->y0);
  self->fx1 = MAX (self->fx1, room->x1);
  self->fy1 = MAX (self->fy1, room->y1);
  self->widest = MAX (self->widest, room->x1 - room->x0);
  self->tallest = MAX (self->tallest, MIN (room->y1 - room->y0, 2 * room->label_room));

  /* The grid lists the room in the cells its old bounds met. Queries check the
   * bounds themselves, so staying listed where it no longer is costs nothing;
   * reaching cells it is not listed in puts it on the moved list, which every
   * query reads too. */
  {
    const guint16 *span = &self->cell_span[4 * index];
    guint c0, r0, c1, r1;

    cell_range (self, room->x0, room->y0, room->x1, room->y1, &c0, &r0, &c1, &r1);
    if (c0 >= span[0] && r0 >= span[1] && c1 <= span[2] && r1 <= span[3])
      return;
    for (guint k = 0; k < self->moved->len; k++)
      if (g_array_index (self->moved, guint, k) == index)
        return;
    if (self->moved->len >= MAX_MOVED)
      {
        drop_index (self);   /* built again on the next query */
        return;
      }
    g_array_append_val (self->moved, index);
  }
}

char *
pw_plan_room_describe (PwPlanRoom *room, gboolean square_feet)
{
  g_autofree char *area = pw_area_format_with_unit (room->chargeable_area, square_feet);

  /* TRANSLATORS: a room's accessible name: code, kind, area, status,
   * e.g. "B2-0315, office, 86.40 m², available" */
  return g_strdup_printf (_("%s, %s, %s, %s"), room->code,
                          pw_space_kind_get_label (room->kind), area,
                          pw_space_status_get_label (room->status));
}

GPtrArray *
pw_plan_floor_get_adjacency (PwPlanFloor *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->adjacency == NULL)
    self->adjacency = pw_plan_floor_adjacency (self, NULL);
  return self->adjacency;
}
