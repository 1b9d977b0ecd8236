/* pw-room-edit.h — room outlines as the floor-plan editor changes them: a room
 * split in two by a line, rooms that share walls merged into one
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Coordinates are floor metres, as in PwPolygon. The rules are written in
 * docs/plan-editing.md. */
#pragma once

#include "pw-geometry.h"
#include "pw-plan-error.h"

G_BEGIN_DECLS

/* The smallest room the editor makes, in m². */
#define PW_ROOM_MIN_AREA   0.5
/* Points closer than this, in metres, are one point. */
#define PW_ROOM_TOLERANCE  0.001

/* Splits @room along @line (a polyline of @n_line ≥ 2 points, in order) into
 * two rooms that share the part of the line inside the room, point for
 * point. The line must cross the room's outline exactly twice, stay inside in
 * between, and miss its openings; each part must have at least
 * PW_ROOM_MIN_AREA. On success *@left is the part on the left of the line as
 * it runs, *@right the other; on a refusal (PW_PLAN_ERROR_EDIT) neither is set. */
gboolean    pw_room_split  (PwPolygon      *room,
                            const PwPoint  *line,
                            guint           n_line,
                            PwPolygon     **left,
                            PwPolygon     **right,
                            GError        **error);

/* Merges @n_rooms ≥ 2 rooms into one: they must be connected through shared
 * walls (an edge, or part of one, in common) and must not overlap. The walls
 * they share disappear; so do the points where the outline runs straight on.
 * Space enclosed by the rooms and by none of them becomes an opening. Returns
 * NULL with PW_PLAN_ERROR_EDIT on a refusal. */
PwPolygon  *pw_room_merge  (PwPolygon     *const *rooms,
                            guint                 n_rooms,
                            GError              **error);

/* Whether rooms @a and @b overlap: their insides share more than
 * PW_ROOM_TOLERANCE; rooms that only share walls or corners do not. A room
 * inside another's opening does not overlap it. */
gboolean    pw_room_overlaps (PwPolygon *a,
                              PwPolygon *b);

/* Changing points (pw-room-vertex.c). Rings are numbered 0 (the outer ring)
 * and 1… (the openings); none of these checks the result: the editor calls
 * pw_room_check_outline() and the ledger checks again when it writes. */

/* A copy of @room moved by (@dx, @dy) and then turned by @angle radians
 * (counter-clockwise) about @pivot (the origin when NULL). */
PwPolygon  *pw_room_transform     (PwPolygon      *room,
                                   double          dx,
                                   double          dy,
                                   double          angle,
                                   const PwPoint  *pivot);

/* A copy of @room with @p inserted after point @index of ring @ring
 * (0 = outer, 1.. = holes). */
PwPolygon  *pw_room_insert_vertex (PwPolygon      *room,
                                   guint           ring,
                                   guint           index,
                                   const PwPoint  *p);

/* A copy without point @index of ring @ring; NULL with PW_PLAN_ERROR_EDIT when
 * the ring would keep fewer than 3 points. */
PwPolygon  *pw_room_remove_vertex (PwPolygon      *room,
                                   guint           ring,
                                   guint           index,
                                   GError        **error);

/* A copy with point @index of ring @ring at @p. */
PwPolygon  *pw_room_move_vertex   (PwPolygon      *room,
                                   guint           ring,
                                   guint           index,
                                   const PwPoint  *p);

/* Whole-outline check the editor shows while editing: valid polygon (no
 * self-intersection, no duplicate point), at least PW_ROOM_MIN_AREA.
 * PW_PLAN_ERROR_EDIT with a translated message on failure. */
gboolean    pw_room_check_outline (PwPolygon      *room,
                                   GError        **error);

G_END_DECLS
