/* pw-server-json.h — parsing untrusted JSON request bodies
 * SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define PW_SERVER_JSON_MAX_DEPTH 64

/* Checks nesting depth and duplicate object keys before json-glib sees the bytes (deep
 * input overflows its stack; duplicates would silently keep the last value). */
JsonNode *pw_server_json_parse (const char  *data,
                                gsize        len,
                                GError     **error);

G_END_DECLS
