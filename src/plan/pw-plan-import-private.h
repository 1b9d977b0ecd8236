/* pw-plan-import-private.h — what pw-plan-import.c and pw-plan-import-map.c share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-code-pattern.h"
#include "pw-plan-import.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  char *code;
  char   *name;
  int     level;
  gint64  version;   /* the floor's, for renaming it */
} PwPlanImportFloor;

struct _PwPlanImport
{
  PwStore       *store;
  PwImportDoc   *doc;
  char          *park_id;
  char          *building_id;
  char          *building_code;
  PwCodePattern *pattern;
  GPtrArray     *floors;       /* of PwPlanImportFloor*: the building's */
  GPtrArray     *spaces;       /* of PwSpace: the park's */
  GHashTable    *codes;        /* codes taken in the park, and by new spaces */
  GPtrArray     *levels;       /* of PwPlanLevelPlan* */
  GHashTable    *outlines;     /* PwSpace* → PwPolygon* (or NULL when it has none), as needed */
  gboolean       update_areas;
  gboolean       include_empty;
  char          *imported_floor_id;
};

PwPlanImportFloor *pw_plan_import_find_floor (PwPlanImport    *self,
                                              const char      *id);
PwSpace           *pw_plan_import_find_space (PwPlanImport    *self,
                                              const char      *id_or_code);
/* A code for a new space on @lp's floor that nobody has taken (reserved), or NULL. */
char              *pw_plan_import_next_code  (PwPlanImport    *self,
                                              PwPlanLevelPlan *lp);
/* Turns @rp into the outline of @space. */
void               pw_plan_import_set_update (PwPlanRoomPlan  *rp,
                                              PwSpace         *space);
/* Turns @rp into a new space of @kind, with a fresh code unless it has one. */
void               pw_plan_import_set_create (PwPlanImport    *self,
                                              PwPlanLevelPlan *lp,
                                              PwPlanRoomPlan  *rp,
                                              PwSpaceKind      kind);
void               pw_plan_import_set_skip   (PwPlanImport    *self,
                                              PwPlanRoomPlan  *rp,
                                              const char      *reason);
/* The space of @floor_id not in @taken whose outline @room covers most, when both
 * share at least PW_PLAN_OVERLAP_MIN_PERCENT of the larger; @percent gets the share. */
PwSpace           *pw_plan_import_overlap_match (PwPlanImport *self,
                                                 const char   *floor_id,
                                                 PwImportRoom *room,
                                                 GHashTable   *taken,
                                                 int          *percent);
/* Numbers and names the new floor level @index becomes. */
void               pw_plan_import_new_floor  (PwPlanImport    *self,
                                              PwPlanLevelPlan *lp,
                                              guint            index);

G_END_DECLS
