/* pw-space-detail.h — one space of the ledger: its figures, an edit form and its history
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pw-ledger.h"

G_BEGIN_DECLS

#define PW_TYPE_SPACE_DETAIL (pw_space_detail_get_type ())
G_DECLARE_FINAL_TYPE (PwSpaceDetail, pw_space_detail, PW, SPACE_DETAIL, GtkWidget)

GtkWidget *pw_space_detail_new             (void);
void       pw_space_detail_set_store       (PwSpaceDetail *self,
                                            PwStore       *store);
PwStore   *pw_space_detail_get_store       (PwSpaceDetail *self);
/* NULL shows the "No Space Selected" state. The detail keeps its own snapshot
 * and reloads it from the store after every change it makes. */
void       pw_space_detail_set_space       (PwSpaceDetail *self,
                                            PwSpace       *space);
PwSpace   *pw_space_detail_get_space       (PwSpaceDetail *self);
void       pw_space_detail_set_square_feet (PwSpaceDetail *self,
                                            gboolean       square_feet);
gboolean   pw_space_detail_get_square_feet (PwSpaceDetail *self);

/* For tests and keyboard-less automation. @field is a column of the space
 * table: name, gross_area, internal_area, usable_area or notes. */
void       pw_space_detail_set_field_text  (PwSpaceDetail *self,
                                            const char    *field,
                                            const char    *text);
gboolean   pw_space_detail_is_valid        (PwSpaceDetail *self);
/* Writes the changed fields; FALSE with @error set when nothing could be
 * written (PW_STORE_ERROR_CONFLICT when the space changed meanwhile). */
gboolean   pw_space_detail_save            (PwSpaceDetail *self,
                                            GError       **error);

G_END_DECLS
