/* pw-utility-private.h — what the utility files share
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pw-utility.h"

G_BEGIN_DECLS

/* Sets a PW_LEDGER_ERROR_INVALID_FIELD "@field: message" with @field as its
 * field; returns FALSE. */
gboolean  pw_utility_field_error (GError        **error,
                                  const char     *field,
                                  const char     *format,
                                  ...) G_GNUC_PRINTF (3, 4);
PwMeter  *pw_utility_find_meter  (PwUtilityInput *in,
                                  const char     *code,
                                  guint          *index);

G_END_DECLS
