/* pw-plan-floor.h — one floor's rooms as the plan draws them, with a spatial index
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PwPlanFloor is a snapshot: the spaces of one floor that carry an outline,
 * with the facts the lenses colour by (status, area, and whatever lease data the
 * store holds: tenant, lease end, unit rent). Coordinates are metres, y down.
 * Hit-testing and rectangle queries go through a uniform grid over the rooms'
 * bounds, never a loop over every room.
 */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <librsvg/rsvg.h>

#include "pw-geometry.h"
#include "pw-ledger.h"

G_BEGIN_DECLS

typedef struct
{
  char          *space_id;
  char          *code;
  char          *name;
  PwSpaceKind    kind;
  PwSpaceStatus  status;
  gint64         chargeable_area;  /* hundredths of a m² */
  char          *tenant;           /* NULL: no lease data */
  char          *lease_end;        /* YYYY-MM-DD, or NULL */
  char          *unit_rent;        /* decimal text, per m² per month, or NULL */
  char          *tenant_id;        /* the tenant's customer id, or NULL */
  char          *contract_id;      /* the contract holding it (today, else next), or NULL */
  PwPolygon     *polygon;
  double         x0, y0, x1, y1;   /* bounds */
  double         label_x, label_y; /* a point well inside, for the label */
  double         label_room;       /* distance from that point to the nearest edge */
  gboolean       is_box;           /* an axis-aligned rectangle without holes */
  /* what its contracts owe past due on the floor's arrears date (pw-plan-lens.h,
   * pw_plan_floor_load_arrears(); docs/plans.md, "Arrears") */
  guint          n_holders;        /* running contracts holding it then; 0: not leased */
  gint64         overdue;          /* minor units of the floor's currency, Σ its contracts */
  gint64         overdue_days;     /* age of the oldest amount overdue, days; 0 if none */
  gint64         overdue_counted;  /* what a legend adds up: each contract once a floor */
} PwPlanRoom;

/* A room's bounds and whether it is a box, as the floor's index keeps them. */
typedef struct
{
  double   x0, y0, x1, y1;
  gboolean is_box;
} PwPlanBounds;

typedef struct _PwPlanFloor PwPlanFloor;

PwPlanFloor      *pw_plan_floor_new            (const char   *floor_id,
                                                const char   *title);
PwPlanFloor      *pw_plan_floor_ref            (PwPlanFloor  *floor);
void              pw_plan_floor_unref          (PwPlanFloor  *floor);

/* Adds a room; takes @polygon. Returns the room for the caller to fill in. */
PwPlanRoom       *pw_plan_floor_add_room       (PwPlanFloor  *floor,
                                                const char   *space_id,
                                                const char   *code,
                                                PwPolygon    *polygon);
/* Builds the floor @floor_id from loaded spaces (pw_ledger_load_spaces). Spaces
 * without an outline are counted in *@n_missing, not drawn. */
PwPlanFloor      *pw_plan_floor_new_from_spaces (GPtrArray   *spaces,
                                                 const char  *floor_id,
                                                 const char  *title,
                                                 guint       *n_missing);

/* Loads the floor named @floor_ref ("T1-F03", or a floor code that only one
 * building of the park uses) from @store, titled "Park · Building · Floor". */
PwPlanFloor      *pw_plan_floor_load           (PwStore      *store,
                                                const char   *park_id,
                                                const char   *floor_ref,
                                                GError      **error);

/* The floor's drawing, shown behind the rooms, and its placement (drawing user
 * units to metres). The floor keeps a reference. */
void              pw_plan_floor_set_drawing    (PwPlanFloor          *floor,
                                                RsvgHandle           *drawing,
                                                const cairo_matrix_t *to_plan);
RsvgHandle       *pw_plan_floor_get_drawing    (PwPlanFloor          *floor,
                                                cairo_matrix_t       *to_plan);

/* Adds what the store knows beyond the spaces: the floor's drawing, and the tenant,
 * lease end, unit rent and contract of every room a running contract (signed,
 * active, expiring) holds on @today (YYYY-MM-DD) or, signed before it starts, will
 * hold (pw_lease_held_spaces()), and what those contracts owe past due on @today
 * (pw_plan_floor_load_arrears()). pw_plan_floor_load() and _load_building() do this
 * already. */
void              pw_plan_floor_load_extras    (PwPlanFloor  *floor,
                                                PwStore      *store,
                                                const char   *today);

/* Every floor of the building @building_code, top floor first (for a stacking plan). */
GPtrArray        *pw_plan_floor_load_building  (PwStore      *store,
                                                const char   *park_id,
                                                const char   *building_code,
                                                char        **title,
                                                GError      **error);

/* The date the rooms' arrears are as of (NULL: never loaded) and the currency
 * of their amounts; pw_plan_floor_load_arrears() sets them. */
void              pw_plan_floor_set_arrears    (PwPlanFloor  *floor,
                                                const char   *as_of,
                                                const char   *currency);
const char       *pw_plan_floor_get_arrears_date (PwPlanFloor *floor);
const char       *pw_plan_floor_get_currency   (PwPlanFloor  *floor);

const char       *pw_plan_floor_get_id         (PwPlanFloor  *floor);
const char       *pw_plan_floor_get_title      (PwPlanFloor  *floor);
guint             pw_plan_floor_get_n_rooms    (PwPlanFloor  *floor);
PwPlanRoom       *pw_plan_floor_get_room       (PwPlanFloor  *floor,
                                                guint         index);
/* Every room, as an array of *@n_rooms (valid until a room is added). */
PwPlanRoom       *pw_plan_floor_get_rooms      (PwPlanFloor  *floor,
                                                guint        *n_rooms);
int               pw_plan_floor_find_space     (PwPlanFloor  *floor,
                                                const char   *space_id);
int               pw_plan_floor_find_code      (PwPlanFloor  *floor,
                                                const char   *code);
/* Bounds of every room; FALSE when the floor has none. */
gboolean          pw_plan_floor_get_bounds     (PwPlanFloor  *floor,
                                                double       *x0,
                                                double       *y0,
                                                double       *x1,
                                                double       *y1);

/* The room under (@x, @y) in metres, the smallest when several contain it; -1 for none. */
int               pw_plan_floor_hit_test       (PwPlanFloor  *floor,
                                                double        x,
                                                double        y);
/* Appends to @out (guint) every room whose bounds meet the rectangle. */
void              pw_plan_floor_query          (PwPlanFloor  *floor,
                                                double        x0,
                                                double        y0,
                                                double        x1,
                                                double        y1,
                                                GArray       *out);
/* Rooms whose outline lies wholly inside the rectangle (a selection band). */
void              pw_plan_floor_query_inside   (PwPlanFloor  *floor,
                                                double        x0,
                                                double        y0,
                                                double        x1,
                                                double        y1,
                                                GArray       *out);

/* The median room's size on this floor (the square root of its bounds' area), in
 * metres; 0 without rooms. The renderer decides by it how finely to draw. */
double            pw_plan_floor_get_typical_size (PwPlanFloor *floor);
/* Every room's bounds, in room order, in one compact array (NULL for no rooms):
 * for walking many rooms without reading their records. Valid until the next
 * room is added, or an outline set. */
const PwPlanBounds *pw_plan_floor_get_all_bounds (PwPlanFloor *floor);

/* The outlines of the rooms that are not boxes, in one compact array: room i's
 * rings are rings @room_start[i] ≤ r < @room_start[i + 1] (none for a box), ring
 * r's points are @pts[@ring_start[r]] ≤ … < @pts[@ring_start[r + 1]], the outer
 * ring first, then the holes, as pw_polygon_get_outer()/_get_hole() give them.
 * For walking the outlines of many rooms in order without following each
 * room's pointers (a large floor drawn zoomed out). Built on first use; valid
 * until the next room is added or an outline set. */
typedef struct
{
  const guint   *room_start;  /* n_rooms + 1 */
  const guint   *ring_start;  /* n_rings + 1 */
  const PwPoint *pts;
} PwPlanRings;

const PwPlanRings  *pw_plan_floor_get_all_rings  (PwPlanFloor *floor);

/* The most room any label can have, in metres: the widest room's width and the
 * tallest room's height about its label point (never less than the truth, so a
 * zoom at which they fit no line means no room has a label). */
void              pw_plan_floor_get_label_room   (PwPlanFloor *floor,
                                                  double      *width,
                                                  double      *height);

/* Replaces the outline of room @index by @polygon, which the floor takes (the old
 * one is freed). The room's bounds, label point and box flag follow, and its entry
 * in the spatial index is updated in place — no rebuild, and no other room is
 * touched — so an editor can call this on every frame of a vertex drag. Hit-tests
 * and queries see the new outline at once; neighbours (get_adjacency) are worked
 * out again on next use. The old bounds go to @old_x0 … @old_y1 (each may be
 * NULL), so the caller can redraw what the room covered before and after: pass
 * both boxes to pw_plan_damage_rect() and that rectangle to pw_plan_draw_region()
 * (pw-plan-render.h). The rest of the room (code, status, areas) is the caller's
 * to update; the area on record does not follow the outline here. */
void              pw_plan_floor_set_room_outline (PwPlanFloor *floor,
                                                  guint        index,
                                                  PwPolygon   *polygon,
                                                  double      *old_x0,
                                                  double      *old_y0,
                                                  double      *old_x1,
                                                  double      *old_y1);

/* Per room, its neighbours on the floor (GArray of guint; pw-plan-adjacency.h),
 * worked out on first use and kept until a room is added. Owned by the floor. */
GPtrArray        *pw_plan_floor_get_adjacency  (PwPlanFloor  *floor);

/* "B2-0315, office, 86.40 m², available" (area in the given unit). */
char             *pw_plan_room_describe        (PwPlanRoom   *room,
                                                gboolean      square_feet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PwPlanFloor, pw_plan_floor_unref)

G_END_DECLS
