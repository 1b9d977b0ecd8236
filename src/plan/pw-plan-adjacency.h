/* pw-plan-adjacency.h — which rooms of a floor are neighbours, and tenant colours
 * that never repeat between neighbours
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "pw-plan-floor.h"

G_BEGIN_DECLS

/* Two rooms are neighbours when their outlines run along each other: at least
 * PW_PLAN_ADJACENT_MIN_SHARED metres of one's boundary lie within
 * PW_PLAN_ADJACENT_GAP metres of the other's (a shared wall, or the two faces of
 * a wall drawn as a gap). Rooms that only touch at a corner are not. */
#define PW_PLAN_ADJACENT_GAP        0.5
#define PW_PLAN_ADJACENT_MIN_SHARED 0.3

/* Whether rooms @a and @b of @floor are neighbours. */
gboolean    pw_plan_rooms_adjacent     (PwPlanFloor *floor,
                                        guint        a,
                                        guint        b);
/* Per room of @floor, a GArray of guint: its neighbours, by index. Only rooms
 * @want says yes to are looked at (NULL: every room). */
GPtrArray  *pw_plan_floor_adjacency    (PwPlanFloor *floor,
                                        gboolean   (*want) (PwPlanRoom *room));

/* The key a room's tenant is told apart by: its customer id, else its name; NULL
 * for a room without a tenant. */
const char *pw_plan_room_tenant_key    (PwPlanRoom  *room);

/* A colour (0xRRGGBB) per tenant of @floors (GHashTable: pw_plan_room_tenant_key()
 * → GUINT_TO_POINTER (rgb + 1)) such that two tenants with neighbouring rooms on
 * any of the floors never share one: the tenants' neighbour graph coloured
 * greedily, most constrained tenant first (DSATUR), each taking the least used
 * colour its neighbours leave free. Deterministic for the same floors. The keys
 * are the rooms' strings: keep @floors while the table is used. */
GHashTable *pw_plan_tenant_colors      (GPtrArray   *floors);

G_END_DECLS
