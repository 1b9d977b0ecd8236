/* pw-plan-import.h — bringing an imported drawing into the ledger
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PwPlanImport maps what a file holds (a PwImportDoc) onto one building of a
 * park: each level onto an existing floor or a new one, each room onto the space
 * it draws (matched by code or name on that floor) or a new space. The preview
 * shows the plan; applying it writes every floor, outline and space in one
 * transaction through the mutation path, so nothing is half-imported.
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
} PwPlanRoomPlan;

typedef struct
{
  PwImportLevel *level;
  char          *floor_id;     /* an existing floor, or NULL for a new one */
  char          *floor_code;
  char          *floor_name;
  int            floor_level;
  GArray        *rooms;        /* of PwPlanRoomPlan */
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

/* The kind a room's category or name suggests (office when nothing does). */
PwSpaceKind      pw_plan_import_guess_kind  (const char    *category,
                                             const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwPlanImport, pw_plan_import_free)

G_END_DECLS
