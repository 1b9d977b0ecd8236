/* pw-json-lines.h — where each object and member of a JSON text is, for messages
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Private to core. json-glib reports no positions once a text is parsed; this
 * keeps them, so a refusal can say "file.json:12: meters[3].ct: …". */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _PwJsonLines PwJsonLines;

/* Scans @data (which must outlive the result) and sets *@depth to how deep
 * its brackets go, stopping once past @max_depth: check it before parsing. */
PwJsonLines *pw_json_lines_scan         (const char   *data,
                                         gsize         length,
                                         guint         max_depth,
                                         guint        *depth);
/* Follows @parser's objects; call before it parses the same @data. */
void         pw_json_lines_attach       (PwJsonLines  *lines,
                                         JsonParser   *parser);
/* The line of @key in @o, or of @o itself when @key is NULL or absent; 0 when unknown. */
guint        pw_json_lines_line         (PwJsonLines  *lines,
                                         JsonObject   *o,
                                         const char   *key);
/* The line of the member a path such as "readings[3].values.peak" names from
 * @root, or of the nearest object around it that is there. */
guint        pw_json_lines_line_of_path (PwJsonLines  *lines,
                                         JsonNode     *root,
                                         const char   *path);
/* The name of a member written twice in @o, or NULL. */
char        *pw_json_lines_duplicate    (PwJsonLines  *lines,
                                         JsonObject   *o);
void         pw_json_lines_free         (PwJsonLines  *lines);

G_END_DECLS
