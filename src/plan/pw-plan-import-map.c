/* pw-plan-import-map.c — which space each room of an imported drawing becomes
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suggestions by overlap, the room-by-room mapping the dialog and the mapping
 * file change, empty levels, the names of floors (new ones, and existing ones
 * renamed), and the mapping as JSON, its rooms keyed by their place on their level
 * (the format is in docs/plan-import.md).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "pw-plan-import-private.h"
#include "pw-text.h"

/* Samples along each side of the common bounding box when measuring an overlap:
 * 48 × 48 points put the share within about 2 % of the box, plenty to tell a
 * room drawn over a space from one beside it. */
#define OVERLAP_SAMPLES 48

/* ---- suggestions by overlap --------------------------------------------------------------- */

static PwPolygon *
space_outline (PwPlanImport *self, PwSpace *space)
{
  PwPolygon *polygon;
  const char *json;

  if (self->outlines == NULL)
    self->outlines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pw_polygon_free);
  if (g_hash_table_lookup_extended (self->outlines, space, NULL, (gpointer *) &polygon))
    return polygon;
  json = pw_space_get_outline (space);
  polygon = json != NULL && *json != '\0' ? pw_polygon_new_from_json (json, NULL) : NULL;
  g_hash_table_insert (self->outlines, space, polygon);
  return polygon;
}

/* The area both outlines cover, in m², by sampling their common bounding box. */
static double
overlap_area (PwPolygon *a, PwPolygon *b)
{
  double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1, x0, y0, x1, y1, dx, dy;
  guint inside = 0;

  pw_polygon_bounds (a, &ax0, &ay0, &ax1, &ay1);
  pw_polygon_bounds (b, &bx0, &by0, &bx1, &by1);
  x0 = MAX (ax0, bx0);
  y0 = MAX (ay0, by0);
  x1 = MIN (ax1, bx1);
  y1 = MIN (ay1, by1);
  if (x1 <= x0 || y1 <= y0)
    return 0;
  dx = (x1 - x0) / OVERLAP_SAMPLES;
  dy = (y1 - y0) / OVERLAP_SAMPLES;
  for (guint i = 0; i < OVERLAP_SAMPLES; i++)
    for (guint j = 0; j < OVERLAP_SAMPLES; j++)
      {
        double x = x0 + (i + 0.5) * dx, y = y0 + (j + 0.5) * dy;

        if (pw_polygon_contains (a, x, y) && pw_polygon_contains (b, x, y))
          inside++;
      }
  return inside * dx * dy;
}

PwSpace *
pw_plan_import_overlap_match (PwPlanImport *self,
                              const char   *floor_id,
                              PwImportRoom *room,
                              GHashTable   *taken,
                              int          *percent)
{
  PwSpace *best = NULL;
  double best_share = PW_PLAN_OVERLAP_MIN_PERCENT / 100.0;
  double room_area, rx0, ry0, rx1, ry1;

  *percent = 0;
  if (room->polygon == NULL || (room_area = pw_polygon_area (room->polygon)) <= 0)
    return NULL;
  pw_polygon_bounds (room->polygon, &rx0, &ry0, &rx1, &ry1);
  for (guint i = 0; i < self->spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (self->spaces, i);
      PwPolygon *outline;
      double sx0, sy0, sx1, sy1, share;

      if (g_strcmp0 (pw_space_get_floor_id (space), floor_id) != 0
          || (taken != NULL && g_hash_table_contains (taken, space))
          || (outline = space_outline (self, space)) == NULL)
        continue;
      pw_polygon_bounds (outline, &sx0, &sy0, &sx1, &sy1);
      if (sx1 <= rx0 || rx1 <= sx0 || sy1 <= ry0 || ry1 <= sy0)
        continue;
      share = overlap_area (room->polygon, outline) / MAX (room_area, pw_polygon_area (outline));
      if (share >= best_share)
        {
          best = space;
          best_share = share;
        }
    }
  if (best != NULL)
    *percent = (int) MIN (100, lround (best_share * 100));
  return best;
}

/* ---- levels and floors --------------------------------------------------------------------- */

void
pw_plan_import_set_include_empty (PwPlanImport *self, gboolean include)
{
  include = !!include;
  if (self->include_empty == include)
    return;
  self->include_empty = include;
  /* the new floors are numbered again, counting the empty levels or not */
  for (guint i = 0; i < self->levels->len; i++)
    {
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, i);

      if (lp->floor_id == NULL)
        {
          g_autofree char *old_code = g_strdup (lp->floor_code);
          int old_level = lp->floor_level;

          pw_plan_import_new_floor (self, lp, i);
          if (lp->floor_level != old_level || g_strcmp0 (old_code, lp->floor_code) != 0)
            {
              /* new spaces on it take codes of the new number */
              for (guint r = 0; r < lp->rooms->len; r++)
                {
                  PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);

                  if (rp->action == PW_PLAN_ROOM_CREATE)
                    {
                      g_hash_table_remove (self->codes, rp->code);
                      g_clear_pointer (&rp->code, g_free);
                      pw_plan_import_set_create (self, lp, rp, rp->kind);
                    }
                }
            }
        }
    }
}

gboolean
pw_plan_import_get_include_empty (PwPlanImport *self)
{
  return self->include_empty;
}

gboolean
pw_plan_import_level_is_written (PwPlanImport *self, guint index)
{
  PwPlanLevelPlan *lp;

  g_return_val_if_fail (index < self->levels->len, FALSE);
  lp = g_ptr_array_index (self->levels, index);
  for (guint r = 0; r < lp->rooms->len; r++)
    if (g_array_index (lp->rooms, PwPlanRoomPlan, r).action != PW_PLAN_ROOM_SKIP)
      return TRUE;
  /* an empty level becomes a floor when asked; one whose rooms were all left out
   * does not */
  return lp->floor_id == NULL && lp->level->rooms->len == 0 && self->include_empty;
}

guint
pw_plan_import_count_new_floors (PwPlanImport *self)
{
  guint n = 0;

  for (guint i = 0; i < self->levels->len; i++)
    if (((PwPlanLevelPlan *) g_ptr_array_index (self->levels, i))->floor_id == NULL
        && pw_plan_import_level_is_written (self, i))
      n++;
  return n;
}

static void
set_field_error (GError **error, const char *field, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
set_field_error (GError **error, const char *field, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  GError *e;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  e = g_error_new_literal (PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD, message);
  pw_ledger_error_set_field (e, field);
  g_propagate_error (error, e);
}

gboolean
pw_plan_import_set_floor_name (PwPlanImport *self, guint index, const char *name, GError **error)
{
  PwPlanLevelPlan *lp;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (index < self->levels->len, FALSE);
  lp = g_ptr_array_index (self->levels, index);
  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (*stripped == '\0' || g_utf8_strlen (stripped, -1) > 200)
    {
      set_field_error (error, "floor_name",
                       _("A floor’s name must have between 1 and 200 characters"));
      return FALSE;
    }
  if (lp->floor_id != NULL)
    {
      PwPlanImportFloor *floor = pw_plan_import_find_floor (self, lp->floor_id);

      /* an existing floor's own name is no renaming */
      lp->named = floor == NULL || g_strcmp0 (floor->name, stripped) != 0;
    }
  else
    lp->named = TRUE;
  g_free (lp->floor_name);
  lp->floor_name = g_steal_pointer (&stripped);
  return TRUE;
}

/* ---- rooms ----------------------------------------------------------------------------------- */

PwSpace *
pw_plan_import_find_space (PwPlanImport *self, const char *id_or_code)
{
  for (guint i = 0; i < self->spaces->len; i++)
    if (g_strcmp0 (pw_space_get_id (g_ptr_array_index (self->spaces, i)), id_or_code) == 0)
      return g_ptr_array_index (self->spaces, i);
  for (guint i = 0; i < self->spaces->len; i++)
    if (g_strcmp0 (pw_space_get_code (g_ptr_array_index (self->spaces, i)), id_or_code) == 0)
      return g_ptr_array_index (self->spaces, i);
  return NULL;
}

GPtrArray *
pw_plan_import_get_candidates (PwPlanImport *self, guint index)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  PwPlanLevelPlan *lp;

  g_return_val_if_fail (index < self->levels->len, out);
  lp = g_ptr_array_index (self->levels, index);
  for (guint i = 0; lp->floor_id != NULL && i < self->spaces->len; i++)
    {
      PwSpace *space = g_ptr_array_index (self->spaces, i);

      if (g_strcmp0 (pw_space_get_floor_id (space), lp->floor_id) == 0)
        g_ptr_array_add (out, g_object_ref (space));
    }
  return out;
}

static const char *
room_label (PwImportRoom *room)
{
  return room->name != NULL ? room->name : room->long_name != NULL ? room->long_name : room->source_id;
}

static PwSpaceKind
guessed_kind (PwPlanRoomPlan *rp)
{
  return pw_plan_import_guess_kind (rp->room->category,
                                    rp->room->long_name ? rp->room->long_name : rp->room->name);
}

/* Whether @space may be the one @rp redraws; sets @error otherwise. */
static gboolean
check_target (PwPlanImport *self, PwPlanLevelPlan *lp, PwPlanRoomPlan *rp, PwSpace *space,
              const char *field, GError **error)
{
  if (lp->floor_id == NULL)
    {
      set_field_error (error, field,
                       _("Level %s becomes a new floor: room %s can only become a new space or "
                         "be left out"),
                       lp->level->name != NULL ? lp->level->name : lp->level->source_id,
                       room_label (rp->room));
      return FALSE;
    }
  if (g_strcmp0 (pw_space_get_floor_id (space), lp->floor_id) != 0)
    {
      set_field_error (error, field, _("Space %s is not on floor %s, where room %s goes"),
                       pw_space_get_code (space), lp->floor_code, room_label (rp->room));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_usable (PwPlanRoomPlan *rp, const char *field, GError **error)
{
  if (!rp->unusable)
    return TRUE;
  set_field_error (error, field, _("Room %s can only be left out: %s"), room_label (rp->room),
                   rp->reason);
  return FALSE;
}

static void
do_map (PwPlanImport *self, PwPlanLevelPlan *lp, PwPlanRoomPlan *rp, PwPlanRoomAction action,
        PwSpace *space, int kind)
{
  switch (action)
    {
    case PW_PLAN_ROOM_UPDATE:
      /* a room that redrew this space becomes a new space instead */
      for (guint r = 0; r < lp->rooms->len; r++)
        {
          PwPlanRoomPlan *other = &g_array_index (lp->rooms, PwPlanRoomPlan, r);

          if (other != rp && other->action == PW_PLAN_ROOM_UPDATE
              && g_strcmp0 (other->space_id, pw_space_get_id (space)) == 0)
            {
              g_clear_pointer (&other->code, g_free);
              pw_plan_import_set_create (self, lp, other, guessed_kind (other));
            }
        }
      if (rp->action == PW_PLAN_ROOM_CREATE)
        g_hash_table_remove (self->codes, rp->code);
      pw_plan_import_set_update (rp, space);
      break;
    case PW_PLAN_ROOM_CREATE:
      pw_plan_import_set_create (self, lp, rp, kind >= 0 ? (PwSpaceKind) kind : guessed_kind (rp));
      break;
    case PW_PLAN_ROOM_SKIP:
    default:
      pw_plan_import_set_skip (self, rp, _("by choice"));
      break;
    }
}

gboolean
pw_plan_import_map_room (PwPlanImport     *self,
                         guint             level,
                         guint             room,
                         PwPlanRoomAction  action,
                         const char       *space_id,
                         int               kind,
                         GError          **error)
{
  PwPlanLevelPlan *lp;
  PwPlanRoomPlan *rp;
  PwSpace *space = NULL;

  g_return_val_if_fail (level < self->levels->len, FALSE);
  lp = g_ptr_array_index (self->levels, level);
  g_return_val_if_fail (room < lp->rooms->len, FALSE);
  g_return_val_if_fail (kind < PW_N_SPACE_KINDS, FALSE);
  rp = &g_array_index (lp->rooms, PwPlanRoomPlan, room);

  if (action != PW_PLAN_ROOM_SKIP && !check_usable (rp, "action", error))
    return FALSE;
  if (action == PW_PLAN_ROOM_UPDATE)
    {
      space = space_id != NULL ? pw_plan_import_find_space (self, space_id) : NULL;
      if (space == NULL)
        {
          g_autofree char *quoted = pw_text_quote (space_id != NULL ? space_id : "");

          set_field_error (error, "space", _("No space %s in this park"), quoted);
          return FALSE;
        }
      if (!check_target (self, lp, rp, space, "space", error))
        return FALSE;
    }
  do_map (self, lp, rp, action, space, kind);
  rp->chosen = TRUE;
  return TRUE;
}

void
pw_plan_import_map_all (PwPlanImport *self, PwPlanRoomAction action, int kind)
{
  for (guint l = 0; l < self->levels->len; l++)
    {
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, l);

      if (action == PW_PLAN_ROOM_UPDATE)
        {
          /* back to the suggestions: first free what the rooms hold, then take them again */
          for (guint r = 0; r < lp->rooms->len; r++)
            {
              PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);

              if (!rp->unusable)
                pw_plan_import_set_skip (self, rp, NULL);
            }
          for (guint r = 0; r < lp->rooms->len; r++)
            {
              PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);
              PwSpace *space = rp->suggested_id ? pw_plan_import_find_space (self, rp->suggested_id)
                                                : NULL;

              if (rp->unusable)
                continue;
              rp->chosen = FALSE;
              if (space != NULL)
                pw_plan_import_set_update (rp, space);
            }
          for (guint r = 0; r < lp->rooms->len; r++)
            {
              PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);

              if (!rp->unusable && rp->action == PW_PLAN_ROOM_SKIP)
                pw_plan_import_set_create (self, lp, rp, guessed_kind (rp));
            }
          continue;
        }
      for (guint r = 0; r < lp->rooms->len; r++)
        {
          PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);

          if (rp->unusable)
            continue;
          if (action == PW_PLAN_ROOM_CREATE && rp->action == PW_PLAN_ROOM_UPDATE)
            g_clear_pointer (&rp->code, g_free);
          do_map (self, lp, rp, action, NULL, kind);
          rp->chosen = TRUE;
        }
    }
}

/* ---- as JSON ---------------------------------------------------------------------------------- */

static const char *
action_to_string (PwPlanRoomAction action)
{
  switch (action)
    {
    case PW_PLAN_ROOM_UPDATE:
      return "update";
    case PW_PLAN_ROOM_CREATE:
      return "create";
    case PW_PLAN_ROOM_SKIP:
    default:
      return "skip";
    }
}

static const char *
match_to_string (PwPlanMatch match)
{
  switch (match)
    {
    case PW_PLAN_MATCH_CODE:
      return "code";
    case PW_PLAN_MATCH_NAME:
      return "name";
    case PW_PLAN_MATCH_OVERLAP:
      return "overlap";
    case PW_PLAN_MATCH_NONE:
    default:
      return NULL;
    }
}

char *
pw_plan_import_to_json (PwPlanImport *self, gboolean chosen_only)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, self->doc->source_name ? self->doc->source_name : "");
  json_builder_set_member_name (b, "building");
  json_builder_add_string_value (b, self->building_code);
  json_builder_set_member_name (b, "include_empty_levels");
  json_builder_add_boolean_value (b, self->include_empty);
  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint l = 0; l < self->levels->len; l++)
    {
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, l);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "level");
      json_builder_add_string_value (b, lp->level->source_id);
      if (!chosen_only)
        {
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, lp->level->name ? lp->level->name : "");
          json_builder_set_member_name (b, "written");
          json_builder_add_boolean_value (b, pw_plan_import_level_is_written (self, l));
        }
      json_builder_set_member_name (b, "floor");
      if (lp->floor_id != NULL)
        json_builder_add_string_value (b, lp->floor_code);
      else
        json_builder_add_null_value (b);
      if (lp->floor_id == NULL && !chosen_only)
        {
          json_builder_set_member_name (b, "new_floor_code");
          json_builder_add_string_value (b, lp->floor_code);
          json_builder_set_member_name (b, "new_floor_level");
          json_builder_add_int_value (b, lp->floor_level);
        }
      /* a new floor's name, or an existing floor's new one */
      if ((lp->floor_id == NULL && !chosen_only) || lp->named)
        {
          json_builder_set_member_name (b, "floor_name");
          json_builder_add_string_value (b, lp->floor_name);
        }
      json_builder_set_member_name (b, "rooms");
      json_builder_begin_array (b);
      for (guint r = 0; r < lp->rooms->len; r++)
        {
          PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);
          const char *match = match_to_string (rp->match);

          if (chosen_only && !rp->chosen)
            continue;
          json_builder_begin_object (b);
          /* the room's place on its level: ids are not always unique in a file */
          json_builder_set_member_name (b, "index");
          json_builder_add_int_value (b, r);
          json_builder_set_member_name (b, "room");
          json_builder_add_string_value (b, rp->room->source_id);
          if (!chosen_only && rp->room->name != NULL)
            {
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, rp->room->name);
            }
          json_builder_set_member_name (b, "action");
          json_builder_add_string_value (b, action_to_string (rp->action));
          if (rp->action == PW_PLAN_ROOM_UPDATE)
            {
              json_builder_set_member_name (b, "space");
              json_builder_add_string_value (b, rp->code);
            }
          else if (rp->action == PW_PLAN_ROOM_CREATE)
            {
              json_builder_set_member_name (b, "kind");
              json_builder_add_string_value (b, pw_space_kind_to_string (rp->kind));
              if (!chosen_only)
                {
                  json_builder_set_member_name (b, "code");
                  json_builder_add_string_value (b, rp->code);
                }
            }
          else if (!chosen_only && rp->reason != NULL)
            {
              json_builder_set_member_name (b, "reason");
              json_builder_add_string_value (b, rp->reason);
            }
          if (!chosen_only)
            {
              json_builder_set_member_name (b, "drawn_area");
              json_builder_add_int_value (b, rp->drawn_area);
              if (rp->suggested_id != NULL)
                {
                  PwSpace *space = pw_plan_import_find_space (self, rp->suggested_id);

                  json_builder_set_member_name (b, "suggested_space");
                  json_builder_add_string_value (b, space ? pw_space_get_code (space) : "");
                  json_builder_set_member_name (b, "suggested_by");
                  json_builder_add_string_value (b, match);
                  if (rp->match == PW_PLAN_MATCH_OVERLAP)
                    {
                      json_builder_set_member_name (b, "overlap_percent");
                      json_builder_add_int_value (b, rp->overlap);
                    }
                }
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, TRUE);
}

/* ---- from JSON ---------------------------------------------------------------------------------- */

typedef struct
{
  guint             level;
  guint             room;
  PwPlanRoomAction  action;
  PwSpace          *space;
  int               kind;
} RoomOp;

typedef struct
{
  guint                level;
  gboolean             set_floor;
  PwPlanImportFloor   *floor;     /* NULL: a new floor */
  char                *name;      /* or NULL */
} LevelOp;

static void
level_op_clear (gpointer data)
{
  g_free (((LevelOp *) data)->name);
}

static const char *
member_string (JsonObject *object, const char *member, const char *field, gboolean *ok,
               GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_field_error (error, field, _("%s must be text"), field);
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (node);
}

static int
find_level (PwPlanImport *self, const char *source_id)
{
  for (guint i = 0; i < self->levels->len; i++)
    if (g_strcmp0 (((PwPlanLevelPlan *) g_ptr_array_index (self->levels, i))->level->source_id,
                   source_id) == 0)
      return (int) i;
  return -1;
}

/* The room of @lp with @source_id; -1 when none has it, -2 when more than one does. */
static int
find_room (PwPlanLevelPlan *lp, const char *source_id)
{
  int found = -1;

  for (guint r = 0; r < lp->level->rooms->len; r++)
    if (g_strcmp0 (((PwImportRoom *) g_ptr_array_index (lp->level->rooms, r))->source_id,
                   source_id) == 0)
      {
        if (found >= 0)
          return -2;
        found = (int) r;
      }
  return found;
}

/* The room a mapping's entry @object names: by "index" (its place on the level),
 * checked against "room" when both are there, else by "room" alone. */
static int
entry_room (PwPlanLevelPlan *lp, JsonObject *object, const char *at, const char *level_id,
            GError **error)
{
  g_autofree char *f = g_strdup_printf ("%s.room", at);
  g_autofree char *fi = g_strdup_printf ("%s.index", at);
  JsonNode *index = json_object_get_member (object, "index");
  gboolean ok = TRUE;
  const char *room_id = member_string (object, "room", f, &ok, error);
  int room;

  if (!ok)
    return -1;
  if (index != NULL && !JSON_NODE_HOLDS_NULL (index))
    {
      gint64 i;
      PwImportRoom *at_index;

      if (json_node_get_value_type (index) != G_TYPE_INT64
          || (i = json_node_get_int (index)) < 0 || i >= (gint64) lp->level->rooms->len)
        {
          g_autofree char *quoted = pw_text_quote (room_id != NULL ? room_id : "");

          if (lp->level->rooms->len == 0)
            set_field_error (error, fi, _("%s: level %s of the file has no room %s"), fi, level_id,
                             quoted);
          else
            set_field_error (error, fi, _("%s: level %s of the file has rooms 0 to %u"), fi,
                             level_id, lp->level->rooms->len - 1);
          return -1;
        }
      at_index = g_ptr_array_index (lp->level->rooms, (guint) i);
      if (room_id != NULL && g_strcmp0 (at_index->source_id, room_id) != 0)
        {
          g_autofree char *quoted = pw_text_quote (room_id);
          g_autofree char *there = pw_text_quote (at_index->source_id);

          set_field_error (error, f, _("%s: room %u of level %s is “%s”, not “%s”"), f, (guint) i,
                           level_id, there, quoted);
          return -1;
        }
      return (int) i;
    }
  if (room_id == NULL || (room = find_room (lp, room_id)) == -1)
    {
      g_autofree char *quoted = pw_text_quote (room_id ? room_id : "");

      set_field_error (error, f, _("%s: level %s of the file has no room %s"), f, level_id,
                       quoted);
      return -1;
    }
  if (room == -2)
    {
      g_autofree char *quoted = pw_text_quote (room_id);

      set_field_error (error, fi, _("%s: more than one room of level %s has the id “%s”: give "
                                    "the room’s index"), fi, level_id, quoted);
      return -1;
    }
  return room;
}

static PwPlanImportFloor *
find_floor_code (PwPlanImport *self, const char *code)
{
  for (guint i = 0; i < self->floors->len; i++)
    {
      PwPlanImportFloor *f = g_ptr_array_index (self->floors, i);

      if (g_ascii_strcasecmp (f->code, code) == 0 || g_strcmp0 (f->id, code) == 0)
        return f;
    }
  {
    /* "T1-F03" as well as "F03" */
    gsize n = strlen (self->building_code);

    if (g_ascii_strncasecmp (code, self->building_code, n) == 0 && code[n] == '-')
      for (guint i = 0; i < self->floors->len; i++)
        {
          PwPlanImportFloor *f = g_ptr_array_index (self->floors, i);

          if (g_ascii_strcasecmp (f->code, code + n + 1) == 0)
            return f;
        }
  }
  return NULL;
}

/* Reads one level's entry into @level_ops and @room_ops; checks what does not
 * depend on the other entries. */
static gboolean
parse_level (PwPlanImport *self, JsonNode *node, guint index, GArray *level_ops, GArray *room_ops,
             GError **error)
{
  g_autofree char *where = g_strdup_printf ("levels[%u]", index);
  g_autofree char *field = NULL;
  JsonObject *object;
  JsonNode *rooms;
  const char *source_id, *floor_name;
  gboolean ok = TRUE;
  LevelOp op = { 0 };
  int level;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_field_error (error, where, _("%s must be an object"), where);
      return FALSE;
    }
  object = json_node_get_object (node);
  field = g_strdup_printf ("%s.level", where);
  source_id = member_string (object, "level", field, &ok, error);
  if (!ok)
    return FALSE;
  if (source_id == NULL || (level = find_level (self, source_id)) < 0)
    {
      g_autofree char *quoted = pw_text_quote (source_id ? source_id : "");

      set_field_error (error, field, _("%s: the file has no level %s"), field, quoted);
      return FALSE;
    }
  op.level = (guint) level;
  if (json_object_has_member (object, "floor"))
    {
      const char *code;

      g_free (field);
      field = g_strdup_printf ("%s.floor", where);
      code = member_string (object, "floor", field, &ok, error);
      if (!ok)
        return FALSE;
      op.set_floor = TRUE;
      if (code != NULL && (op.floor = find_floor_code (self, code)) == NULL)
        {
          g_autofree char *quoted = pw_text_quote (code);

          set_field_error (error, field, _("%s: building %s has no floor %s"), field,
                           self->building_code, quoted);
          return FALSE;
        }
    }
  g_free (field);
  field = g_strdup_printf ("%s.floor_name", where);
  floor_name = member_string (object, "floor_name", field, &ok, error);
  if (!ok)
    return FALSE;
  if (floor_name != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (floor_name));

      if (*stripped == '\0' || g_utf8_strlen (stripped, -1) > 200)
        {
          set_field_error (error, field, _("%s: a floor’s name must have between 1 and 200 characters"),
                           field);
          return FALSE;
        }
      op.name = g_steal_pointer (&stripped);
    }
  g_array_append_val (level_ops, op);

  rooms = json_object_get_member (object, "rooms");
  if (rooms == NULL || JSON_NODE_HOLDS_NULL (rooms))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (rooms))
    {
      g_free (field);
      field = g_strdup_printf ("%s.rooms", where);
      set_field_error (error, field, _("%s must be a list"), field);
      return FALSE;
    }
  for (guint r = 0; r < json_array_get_length (json_node_get_array (rooms)); r++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (rooms), r);
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, op.level);
      g_autofree char *at = g_strdup_printf ("%s.rooms[%u]", where, r);
      g_autofree char *f = NULL;
      const char *action, *text;
      RoomOp rop = { op.level, 0, PW_PLAN_ROOM_SKIP, NULL, -1 };
      int room;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          set_field_error (error, at, _("%s must be an object"), at);
          return FALSE;
        }
      object = json_node_get_object (entry);
      room = entry_room (lp, object, at, source_id, error);
      if (room < 0)
        return FALSE;
      rop.room = (guint) room;
      f = g_strdup_printf ("%s.action", at);
      action = member_string (object, "action", f, &ok, error);
      if (!ok)
        return FALSE;
      if (g_strcmp0 (action, "update") == 0)
        rop.action = PW_PLAN_ROOM_UPDATE;
      else if (g_strcmp0 (action, "create") == 0)
        rop.action = PW_PLAN_ROOM_CREATE;
      else if (g_strcmp0 (action, "skip") == 0)
        rop.action = PW_PLAN_ROOM_SKIP;
      else
        {
          set_field_error (error, f, _("%s must be “update”, “create” or “skip”"), f);
          return FALSE;
        }
      if (rop.action != PW_PLAN_ROOM_SKIP
          && !check_usable (&g_array_index (lp->rooms, PwPlanRoomPlan, rop.room), f, error))
        return FALSE;
      if (rop.action == PW_PLAN_ROOM_UPDATE)
        {
          g_free (f);
          f = g_strdup_printf ("%s.space", at);
          text = member_string (object, "space", f, &ok, error);
          if (!ok)
            return FALSE;
          if (text == NULL || (rop.space = pw_plan_import_find_space (self, text)) == NULL)
            {
              g_autofree char *quoted = pw_text_quote (text ? text : "");

              set_field_error (error, f, _("%s: no space %s in this park"), f, quoted);
              return FALSE;
            }
        }
      if (rop.action == PW_PLAN_ROOM_CREATE)
        {
          g_free (f);
          f = g_strdup_printf ("%s.kind", at);
          text = member_string (object, "kind", f, &ok, error);
          if (!ok)
            return FALSE;
          if (text != NULL && (rop.kind = pw_space_kind_from_string (text)) < 0)
            {
              g_autofree char *quoted = pw_text_quote (text);

              set_field_error (error, f, _("%s: %s is not a kind of space"), f, quoted);
              return FALSE;
            }
        }
      g_array_append_val (room_ops, rop);
    }
  return TRUE;
}

gboolean
pw_plan_import_load_map (PwPlanImport *self, const char *json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) level_ops = g_array_new (FALSE, TRUE, sizeof (LevelOp));
  g_autoptr(GArray) room_ops = g_array_new (FALSE, TRUE, sizeof (RoomOp));
  g_autoptr(GError) parse_error = NULL;
  g_autofree const char **floors = NULL;   /* the floor id each level will have */
  g_autoptr(GHashTable) targets = g_hash_table_new (NULL, NULL);
  JsonObject *root;
  JsonNode *node;

  g_array_set_clear_func (level_ops, level_op_clear);
  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      set_field_error (error, NULL, _("The mapping is not valid JSON: %s"), parse_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      set_field_error (error, NULL, _("The mapping must be a JSON object"));
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  node = json_object_get_member (root, "include_empty_levels");
  if (node != NULL && json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_field_error (error, "include_empty_levels", _("include_empty_levels must be true or false"));
      return FALSE;
    }
  node = json_object_get_member (root, "levels");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          set_field_error (error, "levels", _("levels must be a list"));
          return FALSE;
        }
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        if (!parse_level (self, json_array_get_element (json_node_get_array (node), i), i,
                          level_ops, room_ops, error))
          return FALSE;
    }

  /* checks across entries: one floor per level, spaces of the right floor, taken once */
  floors = g_new0 (const char *, self->levels->len + 1);
  for (guint i = 0; i < self->levels->len; i++)
    floors[i] = ((PwPlanLevelPlan *) g_ptr_array_index (self->levels, i))->floor_id;
  for (guint i = 0; i < level_ops->len; i++)
    {
      LevelOp *op = &g_array_index (level_ops, LevelOp, i);

      if (op->set_floor)
        floors[op->level] = op->floor ? op->floor->id : NULL;
    }
  for (guint i = 0; i < self->levels->len; i++)
    for (guint j = i + 1; j < self->levels->len; j++)
      if (floors[i] != NULL && g_strcmp0 (floors[i], floors[j]) == 0)
        {
          PwPlanImportFloor *f = pw_plan_import_find_floor (self, floors[i]);

          set_field_error (error, "levels",
                           _("Floor %s already takes another level of the drawing"), f->name);
          return FALSE;
        }
  for (guint i = 0; i < room_ops->len; i++)
    {
      RoomOp *op = &g_array_index (room_ops, RoomOp, i);
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, op->level);
      PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, op->room);

      if (op->action != PW_PLAN_ROOM_UPDATE)
        continue;
      if (floors[op->level] == NULL)
        {
          set_field_error (error, "space",
                           _("Level %s becomes a new floor: room %s can only become a new space or "
                             "be left out"),
                           lp->level->name != NULL ? lp->level->name : lp->level->source_id,
                           room_label (rp->room));
          return FALSE;
        }
      if (g_strcmp0 (pw_space_get_floor_id (op->space), floors[op->level]) != 0)
        {
          PwPlanImportFloor *f = pw_plan_import_find_floor (self, floors[op->level]);

          set_field_error (error, "space", _("Space %s is not on floor %s, where room %s goes"),
                           pw_space_get_code (op->space), f ? f->code : "?", room_label (rp->room));
          return FALSE;
        }
      if (g_hash_table_contains (targets, op->space))
        {
          set_field_error (error, "space", _("The mapping gives space %s to more than one room"),
                           pw_space_get_code (op->space));
          return FALSE;
        }
      g_hash_table_add (targets, op->space);
    }

  /* all is well: apply, floors first (choosing a floor maps its rooms afresh) */
  node = json_object_get_member (root, "include_empty_levels");
  if (node != NULL)
    pw_plan_import_set_include_empty (self, json_node_get_boolean (node));
  for (guint i = 0; i < level_ops->len; i++)
    {
      LevelOp *op = &g_array_index (level_ops, LevelOp, i);
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, op->level);

      if (op->set_floor && g_strcmp0 (lp->floor_id, op->floor ? op->floor->id : NULL) != 0)
        {
          /* free the floor first if another level holds it now */
          for (guint j = 0; op->floor != NULL && j < self->levels->len; j++)
            {
              PwPlanLevelPlan *other = g_ptr_array_index (self->levels, j);

              if (j != op->level && g_strcmp0 (other->floor_id, op->floor->id) == 0)
                pw_plan_import_set_floor (self, j, NULL, NULL);
            }
          pw_plan_import_set_floor (self, op->level, op->floor ? op->floor->id : NULL, NULL);
        }
    }
  for (guint i = 0; i < level_ops->len; i++)
    {
      LevelOp *op = &g_array_index (level_ops, LevelOp, i);

      if (op->name != NULL)
        pw_plan_import_set_floor_name (self, op->level, op->name, NULL);
    }
  for (guint i = 0; i < room_ops->len; i++)
    {
      RoomOp *op = &g_array_index (room_ops, RoomOp, i);
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, op->level);
      PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, op->room);

      do_map (self, lp, rp, op->action, op->space, op->kind);
      rp->chosen = TRUE;
    }
  return TRUE;
}
