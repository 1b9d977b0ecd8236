/* pw-room-ledger.h — splitting and merging spaces in the ledger, with the room
 * geometry of pw-room-edit.h
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each change is one transaction through the store's mutation path, so it is
 * in the audit trail, the outbox and the sync. The rules are in
 * docs/plan-editing.md, "In the ledger". */
#pragma once

#include "pw-ledger.h"
#include "pw-room-edit.h"

G_BEGIN_DECLS

/* Splits the space @space_id along @line (floor metres, @n_line ≥ 2 points):
 * the space keeps its id and takes the part on the left of the line; a new
 * space on the same floor, with the room's kind and status, takes the other.
 * Their codes follow the park's setting (pw_room_ledger_get_split_codes()).
 * Recorded areas are divided in proportion to the parts' outlines.
 * On success *@new_space_id (when not NULL) is the new space's id. Refuses,
 * writing nothing: PW_PLAN_ERROR_HELD when a running contract holds the space
 * (the message names it), PW_PLAN_ERROR_EDIT for the geometry and for a space
 * without an outline. */
gboolean  pw_room_ledger_split  (PwStore         *store,
                                 const char      *space_id,
                                 const PwPoint   *line,
                                 guint            n_line,
                                 char           **new_space_id,
                                 GError         **error);

/* Merges @n_spaces ≥ 2 spaces of one floor: the first keeps its id and code and
 * takes the merged outline and the sums of the recorded areas; the others are
 * disposed, with a reason naming the first. Refuses, writing nothing, as
 * pw_room_ledger_split() does, and when the spaces lie on different floors. */
gboolean  pw_room_ledger_merge  (PwStore            *store,
                                 const char *const  *space_ids,
                                 guint               n_spaces,
                                 GError            **error);

/* Gives the space @space_id the outline @outline (floor metres). The outline
 * must be valid, enclose at least PW_ROOM_MIN_AREA and overlap no other space
 * of the floor (walls may be shared); the recorded gross area follows the
 * outline when it was the old outline's area. Refuses, writing nothing, as
 * pw_room_ledger_split() does. */
gboolean  pw_room_ledger_reshape (PwStore        *store,
                                  const char     *space_id,
                                  PwPolygon      *outline,
                                  GError        **error);

/* A new space on floor @floor_id with @outline and kind @kind (a space kind
 * code as the ledger knows them), status available ("vacant"), the floor's next
 * free code, every recorded area the outline's. Refused like a reshape
 * (overlap, too small, invalid), writing nothing. *@new_space_id gets the new
 * id when not NULL. */
gboolean  pw_room_ledger_create   (PwStore        *store,
                                   const char     *floor_id,
                                   PwPolygon      *outline,
                                   const char     *kind,
                                   char          **new_space_id,
                                   GError        **error);

/* pw_room_ledger_reshape() that, when @shared_walls, also moves the walls
 * @space_id shares with its neighbours: every other room of the floor with a
 * point at the old position of a point that moved (within PW_ROOM_TOLERANCE)
 * gets that point moved the same way; all rooms are checked and written in one
 * transaction, or nothing is. */
gboolean  pw_room_ledger_reshape_shared (PwStore     *store,
                                         const char  *space_id,
                                         PwPolygon   *outline,
                                         gboolean     shared_walls,
                                         GError     **error);

/* pw_room_ledger_reshape_shared() of a space the running contract coded
 * @contract_code holds, for an amendment of that contract written in the same
 * transaction (the plan editor's "Start Amendment…": docs/plan-editing.md,
 * "Refusals"). Call it inside pw_store_begin()/pw_store_commit() after the
 * amendment; on its own it would change a leased room's outline unchecked. */
gboolean  pw_room_ledger_reshape_amended (PwStore     *store,
                                          const char  *space_id,
                                          PwPolygon   *outline,
                                          gboolean     shared_walls,
                                          const char  *contract_code,
                                          GError     **error);

/* How the park @park_id names the parts of a split room: "derived"
 * (T1-F03-008 → T1-F03-008A and T1-F03-008B) or "next" (the space keeps its
 * code, the new part takes the floor's next free code). docs/plan-editing.md,
 * "Codes". */
char     *pw_room_ledger_get_split_codes (PwStore     *store,
                                          const char  *park_id,
                                          GError     **error);
/* Sets it, as a change of the park through the store (audited, synced). */
gboolean  pw_room_ledger_set_split_codes (PwStore     *store,
                                          const char  *park_id,
                                          const char  *mode,
                                          GError     **error);

/* The floor @ref ("T1-F03", or "F03" when only one building has it) of the park
 * @park_id (NULL: any park): its id, or NULL with PW_STORE_ERROR_NOT_FOUND. */
char     *pw_room_ledger_find_floor (PwStore     *store,
                                     const char  *park_id,
                                     const char  *ref,
                                     GError     **error);

/* The code of a contract that is signed, active or expiring and holds
 * @space_id today or later, or NULL (with @error set only on a failure of the
 * store). */
char     *pw_room_ledger_running_contract (PwStore     *store,
                                           const char  *space_id,
                                           GError     **error);

G_END_DECLS
