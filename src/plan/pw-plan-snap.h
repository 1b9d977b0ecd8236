/* pw-plan-snap.h — where a point drawn on a floor snaps to: the rooms' corners,
 * the middles of their walls, their walls, a grid, and 0/45/90° from a previous point
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PwPlanSnap indexes the walls of a floor's rooms in a uniform grid, so that a
 * query looks only at the walls near the point, never at every room. GTK-free; the
 * rules are in docs/plan-editing.md, "The editor on the canvas". */
#pragma once

#include <glib.h>

#include "pw-geometry.h"
#include "pw-plan-floor.h"

G_BEGIN_DECLS

typedef enum {
  PW_SNAP_NONE,       /* the point as given */
  PW_SNAP_VERTEX,     /* a corner of a room */
  PW_SNAP_MIDPOINT,   /* the middle of a wall */
  PW_SNAP_EDGE,       /* the nearest point of a wall */
  PW_SNAP_GRID,       /* a grid point */
  PW_SNAP_ANGLE,      /* on a line at a multiple of 45° from the previous point */
} PwSnapKind;

typedef enum {
  PW_SNAP_TO_VERTICES  = 1 << 0,
  PW_SNAP_TO_MIDPOINTS = 1 << 1,
  PW_SNAP_TO_EDGES     = 1 << 2,
  PW_SNAP_TO_GRID      = 1 << 3,
  PW_SNAP_TO_ANGLES    = 1 << 4,
  PW_SNAP_TO_ALL       = 0x1f,
} PwSnapFlags;

typedef struct
{
  PwSnapFlags    flags;
  double         tolerance;    /* metres: nothing farther than this is snapped to */
  double         grid;         /* metres between grid lines; 0: no grid */
  const PwPoint *from;         /* the previous point, for angles; NULL: none */
  int            skip_room;    /* a room whose walls are not snapped to (being moved); -1 */
} PwSnapOptions;

typedef struct
{
  PwPoint     point;           /* where the point goes */
  PwSnapKind  kind;            /* what it snapped to */
  int         room;            /* the room of the corner or wall, else -1 */
  guint       ring;            /* 0: the outline, 1…: its openings */
  guint       index;           /* the corner, or the wall from that corner to the next */
} PwSnapResult;

typedef struct _PwPlanSnap PwPlanSnap;

/* An empty index; add rooms with pw_plan_snap_add(). */
PwPlanSnap *pw_plan_snap_new       (void);
/* An index of every room of @floor, numbered as in the floor. */
PwPlanSnap *pw_plan_snap_new_for_floor (PwPlanFloor *floor);
void        pw_plan_snap_free      (PwPlanSnap  *snap);
/* Adds the walls of @polygon as room @room (not kept: the points are copied). */
void        pw_plan_snap_add       (PwPlanSnap  *snap,
                                    int          room,
                                    PwPolygon   *polygon);
guint       pw_plan_snap_get_n_edges (PwPlanSnap *snap);

/* Snaps @p under @options into @result: the nearest corner within the tolerance,
 * else the nearest wall middle, else a point on a line at a multiple of 45° from
 * @options->from (then on a wall or grid line that crosses it, when one is near),
 * else the nearest point of a wall, else the nearest grid point. Returns whether
 * the point snapped (result->kind != PW_SNAP_NONE). Not thread-safe: queries
 * share a scratch mark. */
gboolean    pw_plan_snap_query     (PwPlanSnap          *snap,
                                    const PwPoint       *p,
                                    const PwSnapOptions *options,
                                    PwSnapResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwPlanSnap, pw_plan_snap_free)

G_END_DECLS
