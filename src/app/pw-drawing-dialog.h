/* pw-drawing-dialog.h — placing a floor's drawing again behind its rooms, by two
 * of its points and the distance between them
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pw-change.h"
#include "pw-plan-floor.h"

G_BEGIN_DECLS

#define PW_TYPE_DRAWING_DIALOG (pw_drawing_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PwDrawingDialog, pw_drawing_dialog, PW, DRAWING_DIALOG, AdwWindow)

/* A dialog for @floor's drawing (which it must have), on @store. It emits
 * "recalibrated" once the new placement is written, and closes. */
PwDrawingDialog *pw_drawing_dialog_new          (GtkWindow      *parent,
                                                 PwStore        *store,
                                                 PwPlanFloor    *floor);
/* Sets point 1 or 2 (drawing units), as a click or the point's field does. */
void             pw_drawing_dialog_set_point    (PwDrawingDialog *self,
                                                 guint           which,
                                                 double          x,
                                                 double          y);
void             pw_drawing_dialog_set_distance (PwDrawingDialog *self,
                                                 double          metres);
/* Writes the placement as the Recalibrate button does; FALSE with the refusal
 * shown in the dialog (and in @error). */
gboolean         pw_drawing_dialog_apply        (PwDrawingDialog *self,
                                                 GError        **error);
/* The change the last apply wrote, for its Undo, or NULL. */
PwChange        *pw_drawing_dialog_get_change   (PwDrawingDialog *self);

G_END_DECLS
