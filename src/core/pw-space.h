/* pw-space.h — one space of the ledger, as read from the store
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pw-ledger-enums.h"

G_BEGIN_DECLS

#define PW_TYPE_SPACE (pw_space_get_type ())
G_DECLARE_FINAL_TYPE (PwSpace, pw_space, PW, SPACE, GObject)

/* A read-only snapshot: change a space through pw_ledger_* mutations, then
 * reload. Areas are hundredths of a square metre. Properties carry the same
 * names as the getters ("code", "kind-label", "chargeable-area", …) so that
 * list views can sort and filter through GtkPropertyExpression. */
const char    *pw_space_get_id              (PwSpace *self);
gint64         pw_space_get_version         (PwSpace *self);
const char    *pw_space_get_park_id         (PwSpace *self);
const char    *pw_space_get_building_id     (PwSpace *self);
const char    *pw_space_get_building_code   (PwSpace *self);
const char    *pw_space_get_floor_id        (PwSpace *self);
const char    *pw_space_get_floor_code      (PwSpace *self);
int            pw_space_get_floor_level     (PwSpace *self);
const char    *pw_space_get_code            (PwSpace *self);
const char    *pw_space_get_name            (PwSpace *self);
PwSpaceKind    pw_space_get_kind            (PwSpace *self);
const char    *pw_space_get_kind_label      (PwSpace *self);
PwSpaceStatus  pw_space_get_status          (PwSpace *self);
const char    *pw_space_get_status_label    (PwSpace *self);
const char    *pw_space_get_status_since    (PwSpace *self);
/* what lists, the detail and the plan show: see pw_space_display_status_get_label() */
const char    *pw_space_get_display_status_label (PwSpace *self);
gint64         pw_space_get_gross_area      (PwSpace *self);
gint64         pw_space_get_internal_area   (PwSpace *self);
gint64         pw_space_get_usable_area     (PwSpace *self);
gint64         pw_space_get_share_area      (PwSpace *self);
gint64         pw_space_get_chargeable_area (PwSpace *self);
gboolean       pw_space_get_leasable        (PwSpace *self);
gboolean       pw_space_get_takes_share     (PwSpace *self);
PwPoolLevel    pw_space_get_pool_level      (PwSpace *self);
PwAreaBasis    pw_space_get_area_basis      (PwSpace *self);
const char    *pw_space_get_outline         (PwSpace *self);
const char    *pw_space_get_notes           (PwSpace *self);

/* Used by the ledger when it loads spaces. */
PwSpace       *pw_space_new_from_row        (gpointer  stmt);
void           pw_space_set_share_area      (PwSpace  *self,
                                             gint64    share);

G_END_DECLS

/* The query pw_space_new_from_row() reads, in this column order. */
#define PW_SPACE_SELECT                                                          \
  "SELECT s.id, s.version, s.park_id, b.id, b.code, f.id, f.code, f.level,"     \
  " s.code, s.name, s.kind, s.status, s.status_since, s.gross_area,"            \
  " s.internal_area, s.usable_area, s.leasable, s.takes_share, s.pool_level,"   \
  " s.area_basis, s.outline, s.notes"                                           \
  " FROM space s JOIN floor f ON f.id = s.floor_id"                             \
  " JOIN building b ON b.id = f.building_id"
