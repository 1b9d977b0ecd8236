/* pw-schedule-private.h — what the parts of the schedule engine share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-schedule.h"

G_BEGIN_DECLS

/* B17: the straight-line revenue months of @s (pw-schedule-revenue.c) */
gboolean pw_schedule_add_revenue (const PwContract *contract,
                                  PwSchedule       *s,
                                  GError          **error);

G_END_DECLS
