/* pw-row.h — reading the fields of a record a mutation writes (a JSON object), for validators
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The text of @field, or NULL when absent, null or not text. */
const char *pw_row_string      (JsonObject  *row,
                                const char  *field);
/* Whether @field holds a whole number; stores it in *@out. */
gboolean    pw_row_int         (JsonObject  *row,
                                const char  *field,
                                gint64      *out);
/* Sets "Field “@field”: …" in the ledger's error domain with @code; returns FALSE. */
gboolean    pw_row_field_error (GError     **error,
                                int          code,
                                const char  *field,
                                const char  *format,
                                ...) G_GNUC_PRINTF (4, 5);
/* A valid date of the form YYYY-MM-DD in @field (or none, when @optional). */
gboolean    pw_row_require_date (JsonObject *row,
                                 const char *field,
                                 gboolean    optional,
                                 GError    **error);

G_END_DECLS
