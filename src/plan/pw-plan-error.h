/* pw-plan-error.h — the error domain of libparkwise-plan
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PW_PLAN_ERROR (pw_plan_error_quark ())

typedef enum {
  PW_PLAN_ERROR_FORMAT,       /* the file is not in a format Parkwise reads */
  PW_PLAN_ERROR_PARSE,        /* the file is malformed; the message names the place */
  PW_PLAN_ERROR_LIMIT,        /* the file exceeds a size, depth or count limit */
  PW_PLAN_ERROR_GEOMETRY,     /* coordinates are not finite or an outline is unusable */
  PW_PLAN_ERROR_EMPTY,        /* the file holds no floors or rooms */
  PW_PLAN_ERROR_RENDER,       /* a plan could not be drawn or written */
  PW_PLAN_ERROR_EDIT,         /* an edit of a room's outline is refused; the message says why */
  PW_PLAN_ERROR_HELD,         /* a running contract holds the space; the message names it */
} PwPlanError;

GQuark pw_plan_error_quark (void);

G_END_DECLS
