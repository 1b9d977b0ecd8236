/* pw-room-ledger-shape.c — rooms drawn and redrawn in the ledger: a new space
 * from an outline, a space's outline changed, with the walls it shares
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Invariants (docs/plan-editing.md, "In the ledger"):
 * 1. Every room an edit changes is checked (editable, valid outline, at least
 *    PW_ROOM_MIN_AREA, no overlap with the floor as it will be) before anything
 *    is written; then all of it is one transaction (pw_store_apply_all).
 * 2. A recorded area follows the outline only when it was the old outline's
 *    area to the hundredth of a m² (it came from the drawing).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pw-area.h"
#include "pw-ledger-rooms.h"
#include "pw-room-ledger-private.h"
#include "pw-row.h"

/* A room of the floor an edit looks at: as it is, and as the edit leaves it. */
typedef struct
{
  char       *id;
  char       *code;
  PwPolygon  *old;
  PwPolygon  *now;   /* NULL while unchanged */
  JsonObject *row;   /* loaded when the room changes */
} FloorRoom;

static void
floor_room_free (FloorRoom *room)
{
  g_free (room->id);
  g_free (room->code);
  pw_polygon_free (room->old);
  pw_polygon_free (room->now);
  if (room->row != NULL)
    json_object_unref (room->row);
  g_free (room);
}

static PwPolygon *
room_outline (FloorRoom *room)
{
  return room->now != NULL ? room->now : room->old;
}

/* The spaces of @floor_id that stand on the plan (not disposed, with an
 * outline), but @except_id. */
static GPtrArray *
load_floor_rooms (PwStore *store, const char *floor_id, const char *except_id, GError **error)
{
  g_autoptr(GPtrArray) outlines = pw_ledger_floor_outlines (store, floor_id, except_id, error);
  g_autoptr(GPtrArray) rooms = NULL;

  if (outlines == NULL)
    return NULL;
  rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) floor_room_free);
  for (guint i = 0; i < outlines->len; i++)
    {
      PwLedgerOutline *o = outlines->pdata[i];
      PwPolygon *polygon = pw_polygon_new_from_json (o->outline, NULL);
      FloorRoom *room;

      /* an unusable outline is not drawn, so it is nothing to overlap */
      if (polygon == NULL)
        continue;
      room = g_new0 (FloorRoom, 1);
      room->id = g_steal_pointer (&o->id);
      room->code = g_steal_pointer (&o->code);
      room->old = polygon;
      g_ptr_array_add (rooms, room);
    }
  return g_steal_pointer (&rooms);
}

/* Whether @outline may be the outline of the space @code: valid, no point
 * twice, large enough. */
static gboolean
check_new_outline (const char *code, PwPolygon *outline, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!pw_polygon_validate (outline, &local))
    {
      if (code == NULL)
        return pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("The outline is faulty: %s"),
                               local->message);
      /* Translators: %s are a space's code and what is wrong with its outline */
      return pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("The new outline of %s is faulty: %s"),
                             code, local->message);
    }
  /* no point twice, large enough: the messages the canvas shows */
  return pw_room_check_outline (outline, error);
}

/* Sets in @update the recorded areas of @row that follow its outline from
 * @before to @after hundredths of m²: gross and internal when they were the
 * outline's area; usable in proportion when internal follows. */
static void
follow_areas (PwMutation *update, JsonObject *row, gint64 before, gint64 after)
{
  gint64 gross = 0, internal = 0, usable = 0;

  pw_row_int (row, "gross_area", &gross);
  pw_row_int (row, "internal_area", &internal);
  pw_row_int (row, "usable_area", &usable);
  if (gross == before)
    pw_mutation_set_int (update, "gross_area", after);
  if (internal == before)
    {
      gint64 u = usable == internal ? after : pw_room_proportion (usable, after, before);

      pw_mutation_set_int (update, "internal_area", after);
      pw_mutation_set_int (update, "usable_area", MIN (u, after));
    }
}

/* The mutations that give @row the outline @now (it had @old), with its history. */
static void
add_reshape (GPtrArray *muts, JsonObject *row, PwPolygon *old, PwPolygon *now,
             const char *moved_by)
{
  g_autofree char *json = pw_polygon_to_json (now), *today = pw_today_iso ();
  gint64 before = pw_polygon_area_centi (old), after = pw_polygon_area_centi (now);
  g_autofree char *old_area = pw_area_format_with_unit (before, FALSE);
  g_autofree char *new_area = pw_area_format_with_unit (after, FALSE);
  g_autofree char *note = NULL;
  const char *id = pw_row_string (row, "id");
  PwMutation *update = pw_mutation_new_update ("space", id, pw_room_row_version (row));

  pw_mutation_set_string (update, "outline", json);
  follow_areas (update, row, before, after);
  g_ptr_array_add (muts, update);
  if (moved_by == NULL)
    /* Translators: a space's history: its outline's area before and after */
    note = g_strdup_printf (_("Outline redrawn: %s → %s"), old_area, new_area);
  else
    /* Translators: a space's history: %s are the code of the neighbour whose
     * outline was redrawn, and this space's outline area before and after */
    note = g_strdup_printf (_("Shared wall moved with %s: %s → %s"), moved_by, old_area,
                            new_area);
  g_ptr_array_add (muts, pw_room_event (id, "changed", today, note));
}

/* The first room of @rooms, other than @self, that @outline overlaps. Rooms
 * whose bounds lie apart are passed over without comparing their walls. */
static FloorRoom *
overlapped (GPtrArray *rooms, FloorRoom *self, PwPolygon *outline)
{
  double x0, y0, x1, y1;

  pw_polygon_bounds (outline, &x0, &y0, &x1, &y1);
  for (guint i = 0; i < rooms->len; i++)
    {
      FloorRoom *other = rooms->pdata[i];
      double ox0, oy0, ox1, oy1;

      if (other == self)
        continue;
      pw_polygon_bounds (room_outline (other), &ox0, &oy0, &ox1, &oy1);
      if (ox0 >= x1 - PW_ROOM_TOLERANCE || ox1 <= x0 + PW_ROOM_TOLERANCE
          || oy0 >= y1 - PW_ROOM_TOLERANCE || oy1 <= y0 + PW_ROOM_TOLERANCE)
        continue;
      if (pw_room_overlaps (outline, room_outline (other)))
        return other;
    }
  return NULL;
}

/* The points of @old that moved in @now, as pairs (from, to): point by point
 * in each ring that kept its number of points. */
static GArray *
moved_points (PwPolygon *old, PwPolygon *now)
{
  GArray *moves = g_array_new (FALSE, FALSE, sizeof (PwPoint) * 2);
  guint rings = MIN (pw_polygon_get_n_holes (old), pw_polygon_get_n_holes (now)) + 1;

  for (guint r = 0; r < rings; r++)
    {
      guint n_old = 0, n_now = 0;
      const PwPoint *a = r == 0 ? pw_polygon_get_outer (old, &n_old)
                                : pw_polygon_get_hole (old, r - 1, &n_old);
      const PwPoint *b = r == 0 ? pw_polygon_get_outer (now, &n_now)
                                : pw_polygon_get_hole (now, r - 1, &n_now);

      if (n_old != n_now)
        continue;
      for (guint i = 0; i < n_old; i++)
        if (fabs (a[i].x - b[i].x) >= PW_ROOM_TOLERANCE
            || fabs (a[i].y - b[i].y) >= PW_ROOM_TOLERANCE)
          {
            PwPoint pair[2] = { a[i], b[i] };

            g_array_append_vals (moves, pair, 1);
          }
    }
  return moves;
}

/* @room with every point at the old place of a move moved with it; NULL when
 * none is. */
static PwPolygon *
follow_moves (PwPolygon *room, GArray *moves)
{
  PwPolygon *out = NULL;
  gboolean any = FALSE;

  for (guint r = 0; r <= pw_polygon_get_n_holes (room); r++)
    {
      guint n = 0;
      const PwPoint *pts = r == 0 ? pw_polygon_get_outer (room, &n)
                                  : pw_polygon_get_hole (room, r - 1, &n);
      g_autofree PwPoint *copy = g_memdup2 (pts, sizeof (PwPoint) * n);

      for (guint i = 0; i < n; i++)
        for (guint m = 0; m < moves->len; m++)
          {
            const PwPoint *pair = (const PwPoint *) (moves->data + m * 2 * sizeof (PwPoint));

            if (fabs (copy[i].x - pair[0].x) < PW_ROOM_TOLERANCE
                && fabs (copy[i].y - pair[0].y) < PW_ROOM_TOLERANCE)
              {
                copy[i] = pair[1];
                any = TRUE;
                break;
              }
          }
      if (r == 0)
        out = pw_polygon_new (copy, n);
      else
        pw_polygon_add_hole (out, copy, n);
    }
  if (!any)
    g_clear_pointer (&out, pw_polygon_free);
  return out;
}

/* A reshape; the space itself may be held by the running contract coded
 * @amended (an amendment in the same transaction gave it the new area). */
static gboolean
reshape (PwStore     *store,
         const char  *space_id,
         PwPolygon   *outline,
         gboolean     shared_walls,
         const char  *amended,
         GError     **error)
{
  g_autoptr(PwPolygon) polygon = NULL;
  g_autoptr(JsonObject) row = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autoptr(GArray) moves = NULL;
  const char *code;
  FloorRoom *other;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (space_id != NULL && outline != NULL, FALSE);

  row = pw_room_load_editable_held (store, space_id, EDIT_RESHAPE, amended, &polygon, error);
  if (row == NULL)
    return FALSE;
  code = pw_row_string (row, "code");
  if (!check_new_outline (code, outline, error))
    return FALSE;
  rooms = load_floor_rooms (store, pw_row_string (row, "floor_id"), space_id, error);
  if (rooms == NULL)
    return FALSE;

  if (shared_walls)
    {
      moves = moved_points (polygon, outline);
      for (guint i = 0; moves->len > 0 && i < rooms->len; i++)
        {
          FloorRoom *room = rooms->pdata[i];
          g_autoptr(PwPolygon) unused = NULL;

          room->now = follow_moves (room->old, moves);
          if (room->now == NULL)
            continue;
          room->row = pw_room_load_editable (store, room->id, EDIT_RESHAPE, &unused, error);
          if (room->row == NULL || !check_new_outline (room->code, room->now, error))
            return FALSE;
        }
    }

  other = overlapped (rooms, NULL, outline);
  if (other != NULL)
    return pw_room_refuse (error, PW_PLAN_ERROR_EDIT,
                           /* Translators: %s are two spaces' codes */
                           _("The new outline of %s overlaps %s"), code, other->code);
  for (guint i = 0; i < rooms->len; i++)
    {
      FloorRoom *room = rooms->pdata[i];

      if (room->now == NULL)
        continue;
      other = overlapped (rooms, room, room->now);
      if (other != NULL)
        return pw_room_refuse (error, PW_PLAN_ERROR_EDIT,
                               _("The new outline of %s overlaps %s"), room->code, other->code);
    }

  add_reshape (muts, row, polygon, outline, NULL);
  for (guint i = 0; i < rooms->len; i++)
    {
      FloorRoom *room = rooms->pdata[i];

      if (room->now != NULL)
        add_reshape (muts, room->row, room->old, room->now, code);
    }
  return pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error);
}

gboolean
pw_room_ledger_reshape_shared (PwStore     *store,
                               const char  *space_id,
                               PwPolygon   *outline,
                               gboolean     shared_walls,
                               GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (space_id != NULL && outline != NULL, FALSE);

  return reshape (store, space_id, outline, shared_walls, NULL, error);
}

gboolean
pw_room_ledger_reshape_amended (PwStore     *store,
                                const char  *space_id,
                                PwPolygon   *outline,
                                gboolean     shared_walls,
                                const char  *contract_code,
                                GError     **error)
{
  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (space_id != NULL && outline != NULL && contract_code != NULL, FALSE);

  return reshape (store, space_id, outline, shared_walls, contract_code, error);
}

gboolean
pw_room_ledger_reshape (PwStore     *store,
                        const char  *space_id,
                        PwPolygon   *outline,
                        GError     **error)
{
  return pw_room_ledger_reshape_shared (store, space_id, outline, FALSE, error);
}

gboolean
pw_room_ledger_create (PwStore     *store,
                       const char  *floor_id,
                       PwPolygon   *outline,
                       const char  *kind,
                       char       **new_space_id,
                       GError     **error)
{
  g_autoptr(JsonObject) floor = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autofree char *code = NULL, *json = NULL, *id = pw_uuid_new (), *today = pw_today_iso ();
  gint64 area;
  int k;
  PwAreaBasis basis;
  PwMutation *insert;
  FloorRoom *other;

  g_return_val_if_fail (PW_IS_STORE (store), FALSE);
  g_return_val_if_fail (floor_id != NULL && outline != NULL, FALSE);

  k = kind != NULL ? pw_space_kind_from_string (kind) : -1;
  if (k < 0)
    /* Translators: %s is what was given as a kind of space */
    return pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("“%s” is not a kind of space"),
                           kind != NULL ? kind : "");
  floor = pw_store_get_row (store, "floor", floor_id, error);
  if (floor == NULL)
    return FALSE;
  if (!check_new_outline (NULL, outline, error))
    return FALSE;
  rooms = load_floor_rooms (store, floor_id, NULL, error);
  if (rooms == NULL)
    return FALSE;
  other = overlapped (rooms, NULL, outline);
  if (other != NULL)
    /* Translators: %s is a space's code */
    return pw_room_refuse (error, PW_PLAN_ERROR_EDIT, _("The new room overlaps %s"),
                           other->code);
  code = pw_room_next_free_code (store, floor_id, error);
  if (code == NULL)
    return FALSE;

  switch (k)
    {
    case PW_SPACE_KIND_OFFICE:
    case PW_SPACE_KIND_RETAIL:
    case PW_SPACE_KIND_LAB:
      basis = PW_AREA_BASIS_GROSS;
      break;
    case PW_SPACE_KIND_WORKSTATION:
      basis = PW_AREA_BASIS_USABLE;
      break;
    default:
      basis = PW_AREA_BASIS_INTERNAL;
      break;
    }
  area = pw_polygon_area_centi (outline);
  json = pw_polygon_to_json (outline);
  insert = pw_mutation_new_insert ("space", id);
  pw_mutation_set_string (insert, "park_id", pw_row_string (floor, "park_id"));
  pw_mutation_set_string (insert, "floor_id", floor_id);
  pw_mutation_set_string (insert, "code", code);
  pw_mutation_set_string (insert, "name", "");
  pw_mutation_set_string (insert, "kind", kind);
  pw_mutation_set_string (insert, "status", "available");
  pw_mutation_set_string (insert, "status_since", today);
  pw_mutation_set_int (insert, "gross_area", area);
  pw_mutation_set_int (insert, "internal_area", area);
  pw_mutation_set_int (insert, "usable_area", area);
  pw_mutation_set_int (insert, "leasable", k != PW_SPACE_KIND_COMMON_AREA);
  pw_mutation_set_int (insert, "takes_share",
                       k != PW_SPACE_KIND_COMMON_AREA && k != PW_SPACE_KIND_PARKING_BAY
                       && k != PW_SPACE_KIND_AD_SLOT);
  if (k == PW_SPACE_KIND_COMMON_AREA)
    pw_mutation_set_string (insert, "pool_level", "floor");
  else
    pw_mutation_set_null (insert, "pool_level");
  pw_mutation_set_string (insert, "area_basis", pw_area_basis_to_string (basis));
  pw_mutation_set_string (insert, "outline", json);
  pw_mutation_set_string (insert, "notes", "");
  g_ptr_array_add (muts, insert);
  /* Translators: a new space's history */
  g_ptr_array_add (muts, pw_room_event (id, "created", today, _("Drawn on the plan")));

  if (!pw_store_apply_all (store, (PwMutation **) muts->pdata, muts->len, error))
    return FALSE;
  if (new_space_id != NULL)
    *new_space_id = g_steal_pointer (&id);
  return TRUE;
}

char *
pw_room_ledger_find_floor (PwStore *store, const char *park_id, const char *ref, GError **error)
{
  return pw_ledger_find_floor (store, park_id, ref, error);
}
