/* pw-plan-import.h — bringing an imported drawing into the ledger
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PwPlanImport maps what a file holds (a PwImportDoc) onto one building of a
 * park: each level onto an existing floor or a new one, each room onto the space
 * it draws, a new space of a chosen kind, or nothing. The mapping starts from
 * suggestions (a space of that floor whose code or name the room bears, else the
 * one whose outline it covers most) and can be changed room by room, for all
 * rooms at once, or from a mapping file (pw-plan-import-map.c, docs/plan-import.md).
 * Levels without rooms (a foundation, a roof) become floors only when asked. The
 * preview shows the plan; applying it writes every floor, outline and space in
 * one transaction through the mutation path, so nothing is half-imported.
 */
#pragma once

#include "pw-import.h"
#include "pw-ledger.h"

G_BEGIN_DECLS

typedef enum {
  PW_PLAN_ROOM_CREATE,   /* a new space */
  PW_PLAN_ROOM_UPDATE,   /* the outline of an existing space */
  PW_PLAN_ROOM_SKIP,     /* not imported; the reason says why */
} PwPlanRoomAction;

/* How a room's suggested space was found. */
typedef enum {
  PW_PLAN_MATCH_NONE,
  PW_PLAN_MATCH_CODE,     /* the room bears the space's code (or its last part) */
  PW_PLAN_MATCH_NAME,     /* the room bears the space's name */
  PW_PLAN_MATCH_OVERLAP,  /* the two outlines mostly cover each other */
} PwPlanMatch;

/* Of the larger of two outlines, the share both must cover for an overlap suggestion. */
#define PW_PLAN_OVERLAP_MIN_PERCENT 50

typedef struct
{
  PwImportRoom     *room;           /* the doc's room */
  PwPlanRoomAction  action;
  char             *space_id;       /* UPDATE: the space */
  gint64            space_version;
  char             *code;           /* the space's code, existing or to be */
  PwSpaceKind       kind;
  gint64            drawn_area;     /* the polygon, hundredths of a m² */
  gint64            recorded_area;  /* UPDATE: the internal area recorded now */
  char             *reason;         /* SKIP: why */
  PwPlanMatch       match;          /* how the suggested space was found */
  char             *suggested_id;   /* the suggested space, or NULL */
  int               overlap;        /* MATCH_OVERLAP: percent of the larger outline shared */
  gboolean          unusable;       /* no usable outline: it can only be left out */
  gboolean          chosen;         /* mapped by hand or by a mapping file */
} PwPlanRoomPlan;

typedef struct
{
  PwImportLevel *level;
  char          *floor_id;     /* an existing floor, or NULL for a new one */
  char          *floor_code;
  char          *floor_name;
  int            floor_level;
  GArray        *rooms;        /* of PwPlanRoomPlan */
  gboolean       named;        /* the floor's name was chosen: a new floor's, not taken from
                                * the level, or an existing floor's new name */
} PwPlanLevelPlan;

typedef struct _PwPlanImport PwPlanImport;

/* Maps @doc (kept; it must outlive the import) onto the building @building_code
 * of the park @park_id. Fails when the drawing still lacks a scale. */
PwPlanImport    *pw_plan_import_new         (PwStore       *store,
                                             const char    *park_id,
                                             const char    *building_code,
                                             PwImportDoc   *doc,
                                             GError       **error);
void             pw_plan_import_free        (PwPlanImport  *self);

guint            pw_plan_import_get_n_levels (PwPlanImport *self);
PwPlanLevelPlan *pw_plan_import_get_level   (PwPlanImport  *self,
                                             guint          index);
/* The building's floors as (id, code, name) triples, for a chooser. */
GPtrArray       *pw_plan_import_get_floors  (PwPlanImport  *self);
/* Maps level @index onto @floor_id (NULL: a new floor) and matches its rooms again. */
gboolean         pw_plan_import_set_floor   (PwPlanImport  *self,
                                             guint          index,
                                             const char    *floor_id,
                                             GError       **error);
/* Whether matched spaces also take the drawn area as their internal area. */
void             pw_plan_import_set_update_areas (PwPlanImport *self,
                                                  gboolean      update);
void             pw_plan_import_count       (PwPlanImport  *self,
                                             guint         *n_create,
                                             guint         *n_update,
                                             guint         *n_skip);
/* Writes it all in one transaction. */
gboolean         pw_plan_import_apply       (PwPlanImport  *self,
                                             GError       **error);
/* After a successful apply: the floor of the first level written (new or existing). */
const char      *pw_plan_import_get_imported_floor (PwPlanImport *self);

/* ---- the room-by-room mapping (pw-plan-import-map.c) ---- */

/* Whether levels that hold no rooms in the file become (empty) floors; off by default. */
void             pw_plan_import_set_include_empty (PwPlanImport *self,
                                                   gboolean      include);
gboolean         pw_plan_import_get_include_empty (PwPlanImport *self);
/* Whether level @index is written at all: a new floor only when it has a room to
 * import or empty levels are included. */
gboolean         pw_plan_import_level_is_written  (PwPlanImport *self,
                                                   guint         index);
guint            pw_plan_import_count_new_floors  (PwPlanImport *self);
/* Names the floor level @index goes to: a new floor's name, or a new name for an
 * existing floor, written with the import (and in the floor's history). Choosing
 * another floor for the level forgets it. */
gboolean         pw_plan_import_set_floor_name    (PwPlanImport *self,
                                                   guint         index,
                                                   const char   *name,
                                                   GError      **error);
/* Whether the import renames the existing floor level @index goes to. */
gboolean         pw_plan_import_renames_floor     (PwPlanImport *self,
                                                   guint         index);
/* The spaces (PwSpace) room plans of level @index may map onto: those of its floor. */
GPtrArray       *pw_plan_import_get_candidates    (PwPlanImport *self,
                                                   guint         index);
/* Maps room @room of level @level: UPDATE onto @space_id (a space of the level's floor;
 * a room that had it falls back to a new space), CREATE as a new space of @kind
 * (-1: the kind the file suggests), or SKIP. */
gboolean         pw_plan_import_map_room          (PwPlanImport     *self,
                                                   guint             level,
                                                   guint             room,
                                                   PwPlanRoomAction  action,
                                                   const char       *space_id,
                                                   int               kind,
                                                   GError          **error);
/* The same for every usable room; UPDATE means "as suggested". */
void             pw_plan_import_map_all           (PwPlanImport     *self,
                                                   PwPlanRoomAction  action,
                                                   int               kind);
/* The mapping as JSON (docs/plan-import.md); with @chosen_only, only what was
 * chosen rather than suggested. */
char            *pw_plan_import_to_json           (PwPlanImport *self,
                                                   gboolean      chosen_only);
/* Applies a mapping written as pw_plan_import_to_json() does; levels and rooms it
 * leaves out keep their suggestion. Refuses with PW_LEDGER_ERROR_INVALID_FIELD
 * naming the place ("levels[0].rooms[2].space") and changes nothing on error. */
gboolean         pw_plan_import_load_map          (PwPlanImport *self,
                                                   const char   *json,
                                                   GError      **error);

/* The kind a room's category or name suggests (office when nothing does). */
PwSpaceKind      pw_plan_import_guess_kind  (const char    *category,
                                             const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwPlanImport, pw_plan_import_free)

G_END_DECLS
