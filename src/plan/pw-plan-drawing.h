/* pw-plan-drawing.h — a floor's drawing (its backdrop) placed again after import
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are in docs/plan-editing.md, "The drawing behind the rooms". */
#pragma once

#include <cairo.h>

#include "pw-geometry.h"
#include "pw-store.h"

G_BEGIN_DECLS

/* The placement of floor @floor_id's drawing: the transform from its user
 * units to floor metres. FALSE (PW_PLAN_ERROR_EMPTY) when the floor has no
 * drawing. */
gboolean  pw_plan_drawing_get_transform (PwStore         *store,
                                         const char      *floor_id,
                                         cairo_matrix_t  *to_plan,
                                         GError         **error);

/* The placement the drawing gets when the points @a and @b of it (its user
 * units) are @distance metres apart: scaled about @a, which stays where it is
 * on the floor. FALSE (PW_PLAN_ERROR_GEOMETRY) when the points are not finite,
 * coincide, or @distance is not a length from 0.01 m to 100 km. */
gboolean  pw_plan_drawing_calibrated    (const cairo_matrix_t *to_plan,
                                         const PwPoint        *a,
                                         const PwPoint        *b,
                                         double                distance,
                                         cairo_matrix_t       *result,
                                         GError              **error);

/* Places floor @floor_id's drawing again by pw_plan_drawing_calibrated(), in
 * one change through the mutation path (audited, synced). The rooms do not
 * move. */
gboolean  pw_plan_drawing_recalibrate   (PwStore         *store,
                                         const char      *floor_id,
                                         const PwPoint   *a,
                                         const PwPoint   *b,
                                         double           distance,
                                         GError         **error);

G_END_DECLS
