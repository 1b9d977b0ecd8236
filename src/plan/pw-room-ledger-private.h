/* pw-room-ledger-private.h — what the files of the room ledger share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-room-ledger.h"

G_BEGIN_DECLS

typedef enum {
  EDIT_SPLIT,
  EDIT_MERGE,
  EDIT_RESHAPE,
} EditKind;

/* The recorded areas an edit divides, sums or follows, in hundredths of m². */
extern const char *const pw_room_area_fields[3];

/* Sets @error (when not NULL) and returns FALSE. */
gboolean    pw_room_refuse          (GError       **error,
                                     PwPlanError    code,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (3, 4);
/* The space's row, checked for an edit of its outline: not disposed, not held
 * by a running contract, with an outline (returned in *@polygon). */
JsonObject *pw_room_load_editable   (PwStore       *store,
                                     const char    *space_id,
                                     EditKind       kind,
                                     PwPolygon    **polygon,
                                     GError       **error);
/* pw_room_load_editable() for an edit an amendment of the contract coded
 * @amended (may be NULL) covers, in the same transaction: that contract holding
 * the space is no refusal. */
JsonObject *pw_room_load_editable_held (PwStore      *store,
                                        const char   *space_id,
                                        EditKind      kind,
                                        const char   *amended,
                                        PwPolygon   **polygon,
                                        GError      **error);
/* The floor's next free code under the park's code pattern. */
char       *pw_room_next_free_code  (PwStore       *store,
                                     const char    *floor_id,
                                     GError       **error);
/* A lifecycle event of the space @space_id. */
PwMutation *pw_room_event           (const char    *space_id,
                                     const char    *event,
                                     const char    *date,
                                     const char    *note);
gint64      pw_room_row_version     (JsonObject    *row);
/* @whole × @part / @total, rounded half up. */
gint64      pw_room_proportion      (gint64         whole,
                                     gint64         part,
                                     gint64         total);

G_END_DECLS
