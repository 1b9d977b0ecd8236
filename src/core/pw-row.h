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
/* Text of at most @max bytes in @field (none or "" only when @optional). */
gboolean    pw_row_require_text (JsonObject *row,
                                 const char *field,
                                 gsize       max,
                                 gboolean    optional,
                                 GError    **error);
/* One of @allowed in @field. */
gboolean    pw_row_require_word (JsonObject        *row,
                                 const char        *field,
                                 const char *const *allowed,
                                 GError           **error);
/* A positive whole number of minor units in @field; stores it in *@out. */
gboolean    pw_row_require_minor (JsonObject *row,
                                  const char *field,
                                  gint64     *out,
                                  GError    **error);
/* Every field of @row but those in @free has the value it had in @before; otherwise
 * @message, naming the first field (by name) that changed. */
gboolean    pw_row_unchanged_but (JsonObject        *row,
                                  JsonObject        *before,
                                  const char *const *free,
                                  const char        *message,
                                  GError           **error);
/* A tax rate ≥ 0 such as 0.09 in @field, or none ("" counts as none). */
gboolean    pw_row_require_tax_rate (JsonObject *row,
                                     const char *field,
                                     GError    **error);
/* Whether JSON @text nests arrays and objects at most @max deep (a list of objects
 * is 2; brackets inside strings do not count): json-glib recurses for each level,
 * so text from a form or a sync peer is checked before it is parsed. */
gboolean    pw_json_within_depth (const char *text,
                                  int         max);

G_END_DECLS
