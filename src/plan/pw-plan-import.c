/* pw-plan-import.c — mapping an imported drawing onto floors and spaces, and writing it
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "pw-plan-import-private.h"
#include "pw-text.h"

static void
floor_free (gpointer data)
{
  PwPlanImportFloor *f = data;

  g_free (f->id);
  g_free (f->code);
  g_free (f->name);
  g_free (f);
}

static void
room_plan_clear (gpointer data)
{
  PwPlanRoomPlan *r = data;

  g_free (r->space_id);
  g_free (r->code);
  g_free (r->reason);
  g_free (r->suggested_id);
}

static void
level_plan_free (gpointer data)
{
  PwPlanLevelPlan *l = data;

  g_free (l->floor_id);
  g_free (l->floor_code);
  g_free (l->floor_name);
  g_array_unref (l->rooms);
  g_free (l);
}

void
pw_plan_import_free (PwPlanImport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->store);
  g_free (self->park_id);
  g_free (self->building_id);
  g_free (self->building_code);
  g_clear_pointer (&self->pattern, pw_code_pattern_free);
  g_clear_pointer (&self->floors, g_ptr_array_unref);
  g_clear_pointer (&self->spaces, g_ptr_array_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->outlines, g_hash_table_unref);
  g_free (self->imported_floor_id);
  g_free (self);
}

PwSpaceKind
pw_plan_import_guess_kind (const char *category, const char *name)
{
  static const struct {
    const char *word;
    PwSpaceKind kind;
  } words[] = {
    { "corridor", PW_SPACE_KIND_COMMON_AREA }, { "walkway", PW_SPACE_KIND_COMMON_AREA },
    { "hall", PW_SPACE_KIND_COMMON_AREA }, { "lobby", PW_SPACE_KIND_COMMON_AREA },
    { "stair", PW_SPACE_KIND_COMMON_AREA }, { "elevator", PW_SPACE_KIND_COMMON_AREA },
    { "lift", PW_SPACE_KIND_COMMON_AREA }, { "escalator", PW_SPACE_KIND_COMMON_AREA },
    { "restroom", PW_SPACE_KIND_COMMON_AREA }, { "toilet", PW_SPACE_KIND_COMMON_AREA },
    { "wc", PW_SPACE_KIND_COMMON_AREA }, { "bathroom", PW_SPACE_KIND_COMMON_AREA },
    { "inaccessible", PW_SPACE_KIND_MACHINE_ROOM }, { "void", PW_SPACE_KIND_MACHINE_ROOM }, { "circulation", PW_SPACE_KIND_COMMON_AREA },
    { "foyer", PW_SPACE_KIND_COMMON_AREA }, { "entrance", PW_SPACE_KIND_COMMON_AREA },
    { "shaft", PW_SPACE_KIND_MACHINE_ROOM }, { "mechanical", PW_SPACE_KIND_MACHINE_ROOM },
    { "electrical", PW_SPACE_KIND_MACHINE_ROOM }, { "plant", PW_SPACE_KIND_MACHINE_ROOM },
    { "technical", PW_SPACE_KIND_MACHINE_ROOM }, { "server", PW_SPACE_KIND_MACHINE_ROOM },
    { "storage", PW_SPACE_KIND_STORAGE }, { "store", PW_SPACE_KIND_STORAGE },
    { "closet", PW_SPACE_KIND_STORAGE }, { "retail", PW_SPACE_KIND_RETAIL },
    { "shop", PW_SPACE_KIND_RETAIL }, { "restaurant", PW_SPACE_KIND_RETAIL },
    { "cafe", PW_SPACE_KIND_RETAIL }, { "parking", PW_SPACE_KIND_PARKING_BAY },
    { "garage", PW_SPACE_KIND_PARKING_BAY }, { "lab", PW_SPACE_KIND_LAB },
    { "workshop", PW_SPACE_KIND_WORKSHOP }, { "warehouse", PW_SPACE_KIND_WAREHOUSE },
  };
  const char *texts[] = { category, name };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autofree char *lower = texts[t] ? g_utf8_strdown (texts[t], -1) : NULL;

      if (lower == NULL)
        continue;
      for (guint w = 0; w < G_N_ELEMENTS (words); w++)
        if (strstr (lower, words[w].word) != NULL)
          return words[w].kind;
    }
  return PW_SPACE_KIND_OFFICE;
}

PwPlanImportFloor *
pw_plan_import_find_floor (PwPlanImport *self, const char *id)
{
  for (guint i = 0; i < self->floors->len; i++)
    {
      PwPlanImportFloor *f = g_ptr_array_index (self->floors, i);

      if (g_strcmp0 (f->id, id) == 0)
        return f;
    }
  return NULL;
}

/* The floor a level most likely is: the same name or code, ignoring case. */
static PwPlanImportFloor *
guess_floor (PwPlanImport *self, PwImportLevel *level)
{
  const char *name = level->name != NULL ? level->name : level->source_id;

  for (guint i = 0; i < self->floors->len; i++)
    {
      PwPlanImportFloor *f = g_ptr_array_index (self->floors, i);

      if (name != NULL && (g_ascii_strcasecmp (f->name, name) == 0
                           || g_ascii_strcasecmp (f->code, name) == 0))
        return f;
    }
  return NULL;
}

/* The space on @floor_id that @room draws: its code is the room's name (or ends
 * with "-" and the name), or its name is the room's name or long name. */
static PwSpace *
match_space (PwPlanImport *self, const char *floor_id, PwImportRoom *room, GHashTable *taken,
             PwPlanMatch *match)
{
  const char *keys[] = { room->name, room->long_name };

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->spaces->len; i++)
      {
        PwSpace *space = g_ptr_array_index (self->spaces, i);
        const char *code = pw_space_get_code (space);

        if (g_strcmp0 (pw_space_get_floor_id (space), floor_id) != 0
            || g_hash_table_contains (taken, space))
          continue;
        for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
          {
            const char *key = keys[k];

            if (key == NULL || *key == '\0')
              continue;
            if (pass == 0)
              {
                gsize lc = strlen (code), lk = strlen (key);

                if (g_ascii_strcasecmp (code, key) == 0
                    || (lc > lk && code[lc - lk - 1] == '-'
                        && g_ascii_strcasecmp (code + lc - lk, key) == 0))
                  {
                    *match = PW_PLAN_MATCH_CODE;
                    return space;
                  }
              }
            else if (g_utf8_collate (pw_space_get_name (space), key) == 0)
              {
                *match = PW_PLAN_MATCH_NAME;
                return space;
              }
          }
      }
  return NULL;
}

char *
pw_plan_import_next_code (PwPlanImport *self, PwPlanLevelPlan *lp)
{
  PwCodeContext ctx = { self->building_code, lp->floor_code, lp->floor_level };

  for (guint seq = 1; seq < 1000000; seq++)
    {
      char *code = pw_code_pattern_format (self->pattern, &ctx, seq);

      if (code == NULL)
        return NULL;
      if (!g_hash_table_contains (self->codes, code))
        {
          g_hash_table_add (self->codes, g_strdup (code));
          return code;
        }
      g_free (code);
    }
  return NULL;
}

static void
release_code (PwPlanImport *self, PwPlanRoomPlan *rp)
{
  if (rp->action == PW_PLAN_ROOM_CREATE && rp->code != NULL)
    g_hash_table_remove (self->codes, rp->code);
  g_clear_pointer (&rp->code, g_free);
}

static void
release_codes (PwPlanImport *self, PwPlanLevelPlan *lp)
{
  for (guint r = 0; r < lp->rooms->len; r++)
    release_code (self, &g_array_index (lp->rooms, PwPlanRoomPlan, r));
  g_array_set_size (lp->rooms, 0);
}

void
pw_plan_import_set_update (PwPlanRoomPlan *rp, PwSpace *space)
{
  rp->action = PW_PLAN_ROOM_UPDATE;
  g_free (rp->space_id);
  rp->space_id = g_strdup (pw_space_get_id (space));
  rp->space_version = pw_space_get_version (space);
  g_free (rp->code);
  rp->code = g_strdup (pw_space_get_code (space));
  rp->kind = pw_space_get_kind (space);
  rp->recorded_area = pw_space_get_internal_area (space);
  g_clear_pointer (&rp->reason, g_free);
}

void
pw_plan_import_set_create (PwPlanImport *self, PwPlanLevelPlan *lp, PwPlanRoomPlan *rp,
                           PwSpaceKind kind)
{
  if (rp->action != PW_PLAN_ROOM_CREATE || rp->code == NULL)
    {
      if (rp->action == PW_PLAN_ROOM_UPDATE)
        g_clear_pointer (&rp->code, g_free);
      g_clear_pointer (&rp->space_id, g_free);
      rp->recorded_area = 0;
      rp->space_version = 0;
      g_clear_pointer (&rp->reason, g_free);
      rp->action = PW_PLAN_ROOM_CREATE;
      g_free (rp->code);
      rp->code = pw_plan_import_next_code (self, lp);
      if (rp->code == NULL)
        {
          rp->action = PW_PLAN_ROOM_SKIP;
          rp->reason = g_strdup (_("The park’s code pattern has no number left on this floor"));
          return;
        }
    }
  rp->kind = kind;
}

void
pw_plan_import_set_skip (PwPlanImport *self, PwPlanRoomPlan *rp, const char *reason)
{
  release_code (self, rp);
  g_clear_pointer (&rp->space_id, g_free);
  rp->recorded_area = 0;
  rp->space_version = 0;
  rp->action = PW_PLAN_ROOM_SKIP;
  g_free (rp->reason);
  rp->reason = g_strdup (reason);
}

static void
plan_rooms (PwPlanImport *self, PwPlanLevelPlan *lp)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);

  release_codes (self, lp);
  /* what is there, and the spaces whose code or name the rooms bear */
  for (guint r = 0; r < lp->level->rooms->len; r++)
    {
      PwImportRoom *room = g_ptr_array_index (lp->level->rooms, r);
      PwPlanRoomPlan rp = { room, PW_PLAN_ROOM_CREATE };
      g_autoptr(GError) invalid = NULL;
      PwSpace *space = NULL;

      rp.kind = pw_plan_import_guess_kind (room->category, room->long_name ? room->long_name : room->name);
      if (room->polygon == NULL)
        rp.reason = g_strdup (_("It has no usable outline"));
      else if (!pw_polygon_validate (room->polygon, &invalid))
        rp.reason = g_strdup (invalid->message);
      else if ((rp.drawn_area = pw_polygon_area_centi (room->polygon)) <= 0)
        rp.reason = g_strdup (_("Its outline has no area"));
      if (rp.reason != NULL)
        {
          rp.action = PW_PLAN_ROOM_SKIP;
          rp.unusable = TRUE;
          g_array_append_val (lp->rooms, rp);
          continue;
        }
      if (lp->floor_id != NULL)
        space = match_space (self, lp->floor_id, room, taken, &rp.match);
      if (space != NULL)
        {
          g_hash_table_add (taken, space);
          rp.suggested_id = g_strdup (pw_space_get_id (space));
          pw_plan_import_set_update (&rp, space);
        }
      g_array_append_val (lp->rooms, rp);
    }
  /* the rooms left: the space whose outline each covers most */
  for (guint r = 0; lp->floor_id != NULL && r < lp->rooms->len; r++)
    {
      PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);
      PwSpace *space;

      if (rp->action != PW_PLAN_ROOM_CREATE)
        continue;
      space = pw_plan_import_overlap_match (self, lp->floor_id, rp->room, taken, &rp->overlap);
      if (space != NULL)
        {
          g_hash_table_add (taken, space);
          rp->match = PW_PLAN_MATCH_OVERLAP;
          rp->suggested_id = g_strdup (pw_space_get_id (space));
          pw_plan_import_set_update (rp, space);
        }
    }
  /* and new spaces, numbered in the file's order */
  for (guint r = 0; r < lp->rooms->len; r++)
    {
      PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);

      if (rp->action == PW_PLAN_ROOM_CREATE)
        pw_plan_import_set_create (self, lp, rp, rp->kind);
    }
}

void
pw_plan_import_new_floor (PwPlanImport *self, PwPlanLevelPlan *lp, guint index)
{
  int level = 1;

  /* counting the levels below that become floors (empty ones only when included) */
  for (guint i = 0; i < index; i++)
    {
      PwPlanLevelPlan *other = g_ptr_array_index (self->levels, i);

      if (other->level->rooms->len > 0 || self->include_empty)
        level++;
    }
  /* the next level above the building's floors, and a code nobody uses */
  for (guint i = 0; i < self->floors->len; i++)
    level = MAX (level, ((PwPlanImportFloor *) g_ptr_array_index (self->floors, i))->level + 1);
  for (guint i = 0; i < index; i++)
    {
      PwPlanLevelPlan *other = g_ptr_array_index (self->levels, i);

      if (other->floor_id == NULL && (other->level->rooms->len > 0 || self->include_empty))
        level = MAX (level, other->floor_level + 1);
    }
  g_clear_pointer (&lp->floor_id, g_free);
  g_free (lp->floor_code);
  lp->floor_level = level;
  lp->floor_code = g_strdup_printf ("F%02d", level);
  if (!lp->named)
    {
      g_free (lp->floor_name);
      lp->floor_name = g_strdup (lp->level->name != NULL ? lp->level->name : lp->floor_code);
    }
}

static gboolean
load (PwPlanImport *self, const char *building_code, GError **error)
{
  g_autoptr(GListModel) parks = pw_ledger_load_parks (self->store, error);

  if (parks == NULL)
    return FALSE;
  for (guint p = 0; p < g_list_model_get_n_items (parks); p++)
    {
      g_autoptr(PwLedgerNode) park = g_list_model_get_item (parks, p);
      GListModel *buildings = pw_ledger_node_get_children (park);

      if (g_strcmp0 (pw_ledger_node_get_id (park), self->park_id) != 0)
        continue;
      self->pattern = pw_code_pattern_new (pw_ledger_node_get_extra (park), error);
      if (self->pattern == NULL)
        return FALSE;
      for (guint b = 0; b < g_list_model_get_n_items (buildings); b++)
        {
          g_autoptr(PwLedgerNode) building = g_list_model_get_item (buildings, b);
          GListModel *floors = pw_ledger_node_get_children (building);

          if (g_strcmp0 (pw_ledger_node_get_code (building), building_code) != 0)
            continue;
          self->building_id = g_strdup (pw_ledger_node_get_id (building));
          self->building_code = g_strdup (building_code);
          for (guint f = 0; f < g_list_model_get_n_items (floors); f++)
            {
              g_autoptr(PwLedgerNode) node = g_list_model_get_item (floors, f);
              PwPlanImportFloor *floor = g_new0 (PwPlanImportFloor, 1);

              floor->id = g_strdup (pw_ledger_node_get_id (node));
              floor->code = g_strdup (pw_ledger_node_get_code (node));
              floor->name = g_strdup (pw_ledger_node_get_name (node));
              floor->level = pw_ledger_node_get_number (node);
              g_ptr_array_add (self->floors, floor);
            }
          return TRUE;
        }
    }
  {
    g_autofree char *quoted = pw_text_quote (building_code);

    g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                 _("No building %s in this park"), quoted);
  }
  return FALSE;
}

PwPlanImport *
pw_plan_import_new (PwStore     *store,
                    const char  *park_id,
                    const char  *building_code,
                    PwImportDoc *doc,
                    GError     **error)
{
  g_autoptr(PwPlanImport) self = g_new0 (PwPlanImport, 1);

  if (doc->needs_scale)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_GEOMETRY,
                   _("The drawing states no scale: calibrate it with two points a known "
                     "distance apart, or give its scale, before importing"));
      return NULL;
    }
  if (pw_import_doc_count_rooms (doc) == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY, _("The file holds no rooms to import"));
      return NULL;
    }
  self->store = g_object_ref (store);
  self->doc = doc;
  self->park_id = g_strdup (park_id != NULL ? park_id : pw_ledger_first_park_id (store));
  self->floors = g_ptr_array_new_with_free_func (floor_free);
  self->levels = g_ptr_array_new_with_free_func (level_plan_free);
  self->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load (self, building_code, error))
    return NULL;
  self->spaces = pw_ledger_load_spaces (store, self->park_id, error);
  if (self->spaces == NULL)
    return NULL;
  for (guint i = 0; i < self->spaces->len; i++)
    g_hash_table_add (self->codes, g_strdup (pw_space_get_code (g_ptr_array_index (self->spaces, i))));

  for (guint i = 0; i < doc->levels->len; i++)
    {
      PwPlanLevelPlan *lp = g_new0 (PwPlanLevelPlan, 1);
      PwPlanImportFloor *floor;

      lp->level = g_ptr_array_index (doc->levels, i);
      lp->rooms = g_array_new (FALSE, TRUE, sizeof (PwPlanRoomPlan));
      g_array_set_clear_func (lp->rooms, room_plan_clear);
      g_ptr_array_add (self->levels, lp);
      floor = guess_floor (self, lp->level);
      if (floor != NULL)
        {
          lp->floor_id = g_strdup (floor->id);
          lp->floor_code = g_strdup (floor->code);
          lp->floor_name = g_strdup (floor->name);
          lp->floor_level = floor->level;
        }
      else
        pw_plan_import_new_floor (self, lp, i);
      plan_rooms (self, lp);
    }
  return g_steal_pointer (&self);
}

guint
pw_plan_import_get_n_levels (PwPlanImport *self)
{
  return self->levels->len;
}

PwPlanLevelPlan *
pw_plan_import_get_level (PwPlanImport *self, guint index)
{
  g_return_val_if_fail (index < self->levels->len, NULL);
  return g_ptr_array_index (self->levels, index);
}

GPtrArray *
pw_plan_import_get_floors (PwPlanImport *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->floors->len; i++)
    {
      PwPlanImportFloor *f = g_ptr_array_index (self->floors, i);

      g_ptr_array_add (out, g_strdup (f->id));
      g_ptr_array_add (out, g_strdup (f->code));
      g_ptr_array_add (out, g_strdup (f->name));
    }
  return out;
}

gboolean
pw_plan_import_set_floor (PwPlanImport *self, guint index, const char *floor_id, GError **error)
{
  PwPlanLevelPlan *lp;
  PwPlanImportFloor *floor = NULL;

  g_return_val_if_fail (index < self->levels->len, FALSE);
  lp = g_ptr_array_index (self->levels, index);
  if (floor_id != NULL && (floor = pw_plan_import_find_floor (self, floor_id)) == NULL)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND,
                   _("That floor is not in this building"));
      return FALSE;
    }
  for (guint i = 0; floor != NULL && i < self->levels->len; i++)
    {
      PwPlanLevelPlan *other = g_ptr_array_index (self->levels, i);

      if (i != index && g_strcmp0 (other->floor_id, floor_id) == 0)
        {
          g_set_error (error, PW_LEDGER_ERROR, PW_LEDGER_ERROR_INVALID_FIELD,
                       _("Floor %s already takes another level of the drawing"), floor->name);
          return FALSE;
        }
    }
  release_codes (self, lp);
  if (floor != NULL)
    {
      g_free (lp->floor_id);
      g_free (lp->floor_code);
      g_free (lp->floor_name);
      lp->floor_id = g_strdup (floor->id);
      lp->floor_code = g_strdup (floor->code);
      lp->floor_name = g_strdup (floor->name);
      lp->floor_level = floor->level;
    }
  else
    pw_plan_import_new_floor (self, lp, index);
  plan_rooms (self, lp);
  return TRUE;
}

void
pw_plan_import_set_update_areas (PwPlanImport *self, gboolean update)
{
  self->update_areas = update;
}

void
pw_plan_import_count (PwPlanImport *self, guint *n_create, guint *n_update, guint *n_skip)
{
  guint c = 0, u = 0, s = 0;

  for (guint i = 0; i < self->levels->len; i++)
    {
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, i);

      for (guint r = 0; r < lp->rooms->len; r++)
        switch (g_array_index (lp->rooms, PwPlanRoomPlan, r).action)
          {
          case PW_PLAN_ROOM_CREATE: c++; break;
          case PW_PLAN_ROOM_UPDATE: u++; break;
          case PW_PLAN_ROOM_SKIP: default: s++; break;
          }
    }
  if (n_create) *n_create = c;
  if (n_update) *n_update = u;
  if (n_skip) *n_skip = s;
}

static void
set_areas (JsonObject *fields, gint64 area)
{
  json_object_set_int_member (fields, "gross_area", area);
  json_object_set_int_member (fields, "internal_area", area);
  json_object_set_int_member (fields, "usable_area", area);
}

/* The drawing becomes (or replaces) the floor's backdrop, placed by the scale
 * the import used. */
static gboolean
add_drawing (PwPlanImport *self, GPtrArray *muts, const char *floor_id, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *drawing_id = NULL;
  gsize size;
  const char *data = g_bytes_get_data (self->doc->drawing, &size);
  g_autofree char *content = NULL;
  char s[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *transform = NULL;
  PwMutation *m;

  if (size > PW_FLOOR_DRAWING_MAX_BYTES || !g_utf8_validate (data, (gssize) size, NULL))
    return TRUE;  /* too big or not text: the rooms come in without a backdrop */
  content = g_strndup (data, size);
  drawing_id = pw_ledger_floor_drawing_id (self->store, floor_id, &local);
  if (drawing_id != NULL)
    {
      g_autoptr(JsonObject) row = pw_store_get_row (self->store, "floor_drawing", drawing_id,
                                                    error);

      if (row == NULL)
        return FALSE;
      m = pw_mutation_new_update ("floor_drawing", drawing_id,
                                  json_object_get_int_member (row, "version"));
    }
  else if (g_error_matches (local, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    {
      m = pw_mutation_new_insert ("floor_drawing", NULL);
      pw_mutation_set_string (m, "park_id", self->park_id);
      pw_mutation_set_string (m, "floor_id", floor_id);
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_ascii_formatd (s, sizeof s, "%.17g", self->doc->scale);
  transform = g_strdup_printf ("[%s, 0, 0, %s, 0, 0]", s, s);
  pw_mutation_set_string (m, "source_name", self->doc->source_name ? self->doc->source_name : "");
  pw_mutation_set_string (m, "content", content);
  pw_mutation_set_string (m, "transform", transform);
  g_ptr_array_add (muts, m);
  return TRUE;
}

gboolean
pw_plan_import_apply (PwPlanImport *self, GError **error)
{
  g_autoptr(GPtrArray) muts = g_ptr_array_new_with_free_func ((GDestroyNotify) pw_mutation_free);
  g_autofree char *today = pw_today_iso ();
  g_autofree char *note = g_strdup_printf (_("Outline imported from %s"),
                                           self->doc->source_name ? self->doc->source_name : "?");
  g_autofree char *first_floor = NULL;

  for (guint i = 0; i < self->levels->len; i++)
    {
      PwPlanLevelPlan *lp = g_ptr_array_index (self->levels, i);
      g_autofree char *floor_id = g_strdup (lp->floor_id);

      if (!pw_plan_import_level_is_written (self, i))
        continue;
      if (floor_id == NULL)
        {
          PwMutation *m = pw_mutation_new_insert ("floor", NULL);

          floor_id = g_strdup (pw_mutation_get_id (m));
          pw_mutation_set_string (m, "park_id", self->park_id);
          pw_mutation_set_string (m, "building_id", self->building_id);
          pw_mutation_set_string (m, "code", lp->floor_code);
          pw_mutation_set_string (m, "name", lp->floor_name);
          pw_mutation_set_int (m, "level", lp->floor_level);
          g_ptr_array_add (muts, m);
        }
      if (first_floor == NULL)
        first_floor = g_strdup (floor_id);
      if (self->doc->drawing != NULL && self->levels->len == 1
          && !add_drawing (self, muts, floor_id, error))
        return FALSE;
      for (guint r = 0; r < lp->rooms->len; r++)
        {
          PwPlanRoomPlan *rp = &g_array_index (lp->rooms, PwPlanRoomPlan, r);
          g_autofree char *outline = NULL;

          if (rp->action == PW_PLAN_ROOM_SKIP)
            continue;
          outline = pw_polygon_to_json (rp->room->polygon);
          if (rp->action == PW_PLAN_ROOM_UPDATE)
            {
              PwMutation *m = pw_mutation_new_update ("space", rp->space_id, rp->space_version);
              PwMutation *event = pw_mutation_new_insert ("lifecycle_event", NULL);

              pw_mutation_set_string (m, "outline", outline);
              if (self->update_areas)
                set_areas (pw_mutation_get_fields (m), rp->drawn_area);
              g_ptr_array_add (muts, m);
              pw_mutation_set_string (event, "entity", "space");
              pw_mutation_set_string (event, "entity_id", rp->space_id);
              pw_mutation_set_string (event, "event", "changed");
              pw_mutation_set_string (event, "event_date", today);
              pw_mutation_set_string (event, "note", note);
              g_ptr_array_add (muts, event);
            }
          else
            {
              g_autoptr(JsonObject) fields = json_object_new ();
              gboolean common = rp->kind == PW_SPACE_KIND_COMMON_AREA;
              const char *name = rp->room->long_name ? rp->room->long_name : rp->room->name;

              json_object_set_string_member (fields, "park_id", self->park_id);
              json_object_set_string_member (fields, "floor_id", floor_id);
              json_object_set_string_member (fields, "code", rp->code);
              json_object_set_string_member (fields, "name", name ? name : "");
              json_object_set_string_member (fields, "kind", pw_space_kind_to_string (rp->kind));
              json_object_set_string_member (fields, "status", "available");
              json_object_set_string_member (fields, "area_basis", "gross");
              set_areas (fields, rp->drawn_area);
              json_object_set_int_member (fields, "leasable",
                                          common || rp->kind == PW_SPACE_KIND_MACHINE_ROOM ? 0 : 1);
              json_object_set_int_member (fields, "takes_share", common ? 0 : 1);
              if (common)
                json_object_set_string_member (fields, "pool_level", "floor");
              json_object_set_string_member (fields, "outline", outline);
              json_object_set_string_member (fields, "notes", note);
              pw_ledger_add_space_mutations (muts, fields, today);
            }
        }
    }
  if (muts->len == 0)
    {
      g_set_error (error, PW_PLAN_ERROR, PW_PLAN_ERROR_EMPTY, _("Nothing in the file can be imported"));
      return FALSE;
    }
  if (!pw_store_apply_all (self->store, (PwMutation **) muts->pdata, muts->len, error))
    return FALSE;
  g_free (self->imported_floor_id);
  self->imported_floor_id = g_steal_pointer (&first_floor);
  return TRUE;
}

const char *
pw_plan_import_get_imported_floor (PwPlanImport *self)
{
  return self->imported_floor_id;
}
